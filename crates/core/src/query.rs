//! The query part of list routes: `?page=2`, `?all=a,b`, `?any=a,b`, and
//! of the search route: `?q=…` with its filters (`category`, `all`, `any`,
//! `year`, `month`).
//!
//! Filter state lives in the URL so that a filtered view can be shared and
//! survives a reload. Tag names are percent-encoded one by one and joined with
//! a literal comma, so a tag that itself contains a comma still round-trips.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

/// Characters escaped in a query value: everything that could end or split it.
const QUERY_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b',')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'?')
    .add(b'`');

/// The parsed query of a list route.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// 1-based page number; 1 when absent or unreadable.
    pub page: usize,
    /// Tags that must all be present.
    pub all: Vec<String>,
    /// Tags of which one must be present.
    pub any: Vec<String>,
    /// What the reader searches for (the search route).
    pub q: String,
    /// The category a search is narrowed to.
    pub category: Option<String>,
    /// The year a search is narrowed to.
    pub year: Option<i32>,
    /// The month (1 to 12) of `year` a search is narrowed to.
    pub month: Option<u32>,
    /// Whether search results are ranked by relevance (`order=relevance`)
    /// rather than newest first.
    pub by_relevance: bool,
}

impl ListQuery {
    /// Parses a query string, with or without its leading `?`. Unknown keys
    /// are ignored; a bad page number reads as page 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use folio_core::ListQuery;
    /// let q = ListQuery::parse("?all=rust,%E5%8D%8E%E5%A4%8F&page=2");
    /// assert_eq!(q.all, ["rust", "华夏"]);
    /// assert_eq!(q.page, 2);
    /// assert_eq!(q.to_query_string(), "?all=rust,%E5%8D%8E%E5%A4%8F&page=2");
    /// ```
    pub fn parse(query: &str) -> Self {
        let mut out = ListQuery { page: 1, ..Default::default() };
        for (key, value) in query_pairs(query) {
            match key {
                "page" => out.page = value.parse().ok().filter(|&p| p >= 1).unwrap_or(1),
                "all" => out.all = split_names(value),
                "any" => out.any = split_names(value),
                "q" => out.q = decode_query_value(value),
                "category" => out.category = Some(decode_query_value(value)).filter(|c| !c.trim().is_empty()),
                "year" => out.year = value.parse().ok(),
                "month" => out.month = value.parse().ok().filter(|m| (1..=12).contains(m)),
                "order" => out.by_relevance = value == "relevance",
                _ => {}
            }
        }
        out
    }

    /// The query string for this state, starting with `?`, or empty when
    /// there is nothing to say.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", utf8_percent_encode(&self.q, QUERY_VALUE)));
        }
        if let Some(category) = &self.category {
            parts.push(format!("category={}", utf8_percent_encode(category, QUERY_VALUE)));
        }
        if let Some(year) = self.year {
            parts.push(format!("year={year}"));
            if let Some(month) = self.month {
                parts.push(format!("month={month}"));
            }
        }
        if !self.all.is_empty() {
            parts.push(format!("all={}", join_names(&self.all)));
        }
        if !self.any.is_empty() {
            parts.push(format!("any={}", join_names(&self.any)));
        }
        if self.by_relevance {
            parts.push("order=relevance".to_owned());
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// The `key=value` pairs of a query string, with or without its leading
/// `?`, values still encoded: the one reader of Folio's URL queries (list
/// routes here, embed options in `embed.rs`). A key without `=` has an empty
/// value.
pub(crate) fn query_pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
}

/// A query value decoded as forms encode it: `+` is a space, then
/// percent-escapes, and invalid UTF-8 becomes U+FFFD.
pub(crate) fn decode_query_value(raw: &str) -> String {
    percent_decode_str(&raw.replace('+', " ")).decode_utf8_lossy().into_owned()
}

fn split_names(value: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    // Split before decoding: a comma inside a name arrives as `%2C`.
    for raw in value.split(',') {
        let name = decode_query_value(raw).trim().to_owned();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

fn join_names(names: &[String]) -> String {
    names.iter().map(|n| utf8_percent_encode(n, QUERY_VALUE).to_string()).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_queries_round_trip_with_their_filters() {
        let q = ListQuery {
            q: "无障碍 \"on rails\" a&b=c".into(),
            category: Some("华夏 时报".into()),
            year: Some(2022),
            month: Some(1),
            any: vec!["a,b".into(), "c".into()],
            page: 2,
            by_relevance: true,
            ..ListQuery::default()
        };
        let text = q.to_query_string();
        assert!(text.starts_with("?q=%E6%97%A0"), "{text}");
        assert_eq!(ListQuery::parse(&text), q);
        // Forms send spaces as `+`; a month outside 1 to 12 is ignored.
        let parsed = ListQuery::parse("q=ruby+on+rails&year=2022&month=13");
        assert_eq!((parsed.q.as_str(), parsed.year, parsed.month), ("ruby on rails", Some(2022), None));
        assert!(text.ends_with("&order=relevance&page=2"), "{text}");
        assert!(!ListQuery::parse("q=a&order=newest").by_relevance);
    }

    #[test]
    fn names_round_trip_through_the_query() {
        let names = ["华夏时报新闻", "SF (软件基础)", "a,b", "c&d=e", "100%", "plus+sign", "#hash"];
        let q =
            ListQuery { page: 3, all: names.iter().map(|s| s.to_string()).collect(), ..ListQuery::default() };
        let s = q.to_query_string();
        assert!(!s.contains(' ') && s.matches(',').count() == names.len() - 1, "{s}");
        assert_eq!(ListQuery::parse(&s), q);
    }

    #[test]
    fn parse_is_forgiving() {
        let cases: &[(&str, usize, &[&str], &[&str])] = &[
            ("", 1, &[], &[]),
            ("?page=0", 1, &[], &[]),
            ("page=-3", 1, &[], &[]),
            ("page=abc&all=", 1, &[], &[]),
            ("?any=a,,b,a&page=7&x=y", 7, &[], &["a", "b"]),
            ("?all=%E5%8D%8E%E5%A4%8F,rust", 1, &["华夏", "rust"], &[]),
            ("?all=hello+world", 1, &["hello world"], &[]),
            ("?all=%FF", 1, &["\u{fffd}"], &[]),
        ];
        for (input, page, all, any) in cases {
            let q = ListQuery::parse(input);
            assert_eq!(q.page, *page, "{input}");
            assert_eq!(q.all, *all, "{input}");
            assert_eq!(q.any, *any, "{input}");
        }
    }

    #[test]
    fn empty_state_has_an_empty_query() {
        assert_eq!(ListQuery { page: 1, ..Default::default() }.to_query_string(), "");
    }
}
