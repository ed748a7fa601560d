//! What a query means, and whether a post matches it: the semantics the
//! index must reproduce exactly (`docs/search.md`).
//!
//! A query is a list of terms, all of which a post must contain, in its
//! title or its body:
//!
//! * a run of CJK characters matches as an exact substring: `供支` finds
//!   `提供支持`;
//! * a run of letters or digits (a word) matches any word that starts with
//!   it: `announ` finds `announcement`;
//! * a `"quoted phrase"` matches as one exact substring, which does not
//!   start inside a word.
//!
//! Spaces, punctuation and the change from CJK to other letters separate
//! terms. Text and query are normalised alike ([`SearchText`]).

use std::ops::Range;

use crate::text::{class, Class, SearchText};

/// Normalised characters a query reads; the rest is ignored (and
/// [`Query::truncated`] says so).
pub const MAX_QUERY_CHARS: usize = 200;
/// Terms a query reads; the rest are ignored.
pub const MAX_TERMS: usize = 12;

/// One term of a query, normalised.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Term {
    /// A run of CJK characters: an exact substring.
    Cjk(Vec<char>),
    /// A word: the prefix of a word.
    Prefix(Vec<char>),
    /// A quoted phrase: an exact substring not starting inside a word.
    Phrase(Vec<char>),
}

impl Term {
    /// The term's characters.
    pub fn chars(&self) -> &[char] {
        match self {
            Term::Cjk(c) | Term::Prefix(c) | Term::Phrase(c) => c,
        }
    }

    /// Where the term occurs in `text`, as ranges of its characters (for a
    /// prefix, the prefix part of each word).
    pub fn occurrences<'a>(&'a self, text: &'a SearchText) -> impl Iterator<Item = Range<usize>> + 'a {
        let chars = text.chars();
        let needle = self.chars();
        let n = needle.len();
        let mut at = 0;
        std::iter::from_fn(move || {
            while n > 0 && at + n <= chars.len() {
                let start = at;
                at += 1;
                if chars[start..start + n] != *needle {
                    continue;
                }
                let inside_word =
                    start > 0 && class(chars[start - 1]) == Class::Word && class(needle[0]) == Class::Word;
                match self {
                    Term::Cjk(_) => return Some(start..start + n),
                    Term::Prefix(_) | Term::Phrase(_) if !inside_word => {
                        if let Term::Prefix(_) = self {
                            // The rest of this word cannot start another match.
                            while at < chars.len() && class(chars[at]) == Class::Word {
                                at += 1;
                            }
                        }
                        return Some(start..start + n);
                    }
                    _ => {}
                }
            }
            None
        })
    }

    /// Whether `text` contains the term.
    pub fn occurs_in(&self, text: &SearchText) -> bool {
        self.occurrences(text).next().is_some()
    }
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    terms: Vec<Term>,
    truncated: bool,
}

impl Query {
    /// Reads what a reader typed.
    ///
    /// ```
    /// use folio_search::{Query, Term};
    /// let q = Query::parse("提供支持 ＲＵＢＹ \"on rails\"");
    /// assert_eq!(q.terms(), [
    ///     Term::Cjk("提供支持".chars().collect()),
    ///     Term::Prefix("ruby".chars().collect()),
    ///     Term::Phrase("on rails".chars().collect()),
    /// ]);
    /// ```
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        let mut budget = MAX_QUERY_CHARS;
        for (i, part) in input.split('"').enumerate() {
            if i % 2 == 1 {
                // A quoted phrase: the whole of it, if it has a letter.
                let text = SearchText::new(part);
                let chars = query.take(text.chars(), &mut budget);
                if chars.iter().any(|&c| class(c) != Class::Other) {
                    query.push(Term::Phrase(trim_others(chars)));
                }
                continue;
            }
            // Spaces separate terms, also between CJK characters, so each
            // piece is normalised on its own.
            for piece in part.split(char::is_whitespace).filter(|p| !p.is_empty()) {
                let text = SearchText::new(piece);
                let chars = query.take(text.chars(), &mut budget);
                let mut at = 0;
                while at < chars.len() {
                    let kind = class(chars[at]);
                    let start = at;
                    while at < chars.len() && class(chars[at]) == kind {
                        at += 1;
                    }
                    let run = chars[start..at].to_vec();
                    match kind {
                        Class::Cjk => query.push(Term::Cjk(run)),
                        Class::Word => query.push(Term::Prefix(run)),
                        Class::Other => {}
                    }
                }
            }
        }
        query
    }

    /// As much of `chars` as the character budget leaves.
    fn take<'a>(&mut self, chars: &'a [char], budget: &mut usize) -> &'a [char] {
        let kept = chars.len().min(*budget);
        if kept < chars.len() {
            self.truncated = true;
        }
        *budget -= kept;
        &chars[..kept]
    }

    fn push(&mut self, term: Term) {
        if self.terms.contains(&term) {
            return;
        }
        if self.terms.len() == MAX_TERMS {
            self.truncated = true;
            return;
        }
        self.terms.push(term);
    }

    /// The terms, in the order typed, without repeats.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Whether there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether part of the input was ignored ([`MAX_QUERY_CHARS`],
    /// [`MAX_TERMS`]).
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// Whether a post with this title and body text matches: every term
    /// occurs in one of them.
    pub fn matches(&self, doc: &DocText) -> bool {
        !self.terms.is_empty() && self.terms.iter().all(|t| t.occurs_in(&doc.title) || t.occurs_in(&doc.body))
    }

    /// Where the terms occur in `text`, sorted and merged, as ranges of its
    /// characters.
    pub fn highlights(&self, text: &SearchText) -> Vec<Range<usize>> {
        // Each term's occurrences come in order: merging them, a term at a
        // time, is less code in the wasm module than a sort.
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for term in &self.terms {
            let mut next = Vec::with_capacity(ranges.len());
            let mut earlier = ranges.into_iter().peekable();
            for r in term.occurrences(text) {
                while let Some(e) = earlier.next_if(|e| (e.start, r.end) < (r.start, e.end)) {
                    next.push(e);
                }
                next.push(r);
            }
            next.extend(earlier);
            ranges = next;
        }
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

/// How relevant a post is to a query: how many of the query's terms its
/// title has, then how often the terms occur in it (title and body). More is
/// more relevant; the order compares the title first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Relevance {
    /// Terms of the query that occur in the title.
    pub title_terms: u32,
    /// Occurrences of the terms, in the title and the body together.
    pub occurrences: u32,
}

impl Relevance {
    /// Counts one term: whether it is in the title, and how often it occurs.
    pub fn add(&mut self, in_title: bool, occurrences: u32) {
        self.title_terms += u32::from(in_title);
        self.occurrences = self.occurrences.saturating_add(occurrences);
    }
}

impl Query {
    /// How relevant a post with this title and body text is: the
    /// brute-force definition relevance order is held to.
    pub fn relevance(&self, doc: &DocText) -> Relevance {
        let mut relevance = Relevance::default();
        for term in &self.terms {
            let in_title = term.occurrences(&doc.title).count();
            let in_body = term.occurrences(&doc.body).count();
            relevance.add(in_title > 0, (in_title + in_body) as u32);
        }
        relevance
    }
}

/// Leading and trailing separators of a phrase do not need to match.
fn trim_others(chars: &[char]) -> Vec<char> {
    let start = chars.iter().position(|&c| class(c) != Class::Other).unwrap_or(chars.len());
    let end = chars.iter().rposition(|&c| class(c) != Class::Other).map_or(start, |i| i + 1);
    chars[start..end].to_vec()
}

/// A post's searchable text: its title and its body's plain text,
/// normalised apart (a match never spans the two).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocText {
    /// The title.
    pub title: SearchText,
    /// The body's plain text.
    pub body: SearchText,
}

impl DocText {
    /// The text of a post with this title and body text.
    pub fn new(title: &str, body: &str) -> DocText {
        DocText { title: SearchText::new(title), body: SearchText::new(body) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(query: &str, title: &str, body: &str) -> bool {
        Query::parse(query).matches(&DocText::new(title, body))
    }

    #[test]
    fn cjk_runs_match_as_substrings() {
        assert!(matches("供支", "", "我们提供支持。"));
        assert!(matches("段简", "", "这是一段简单的测试文本"));
        assert!(matches("是一段", "", "这是一段简单的测试文本"));
        assert!(!matches("段落", "", "这是一段简单的测试文本"));
        assert!(matches("华夏", "华夏时报", ""));
        // A soft line break inside a paragraph does not break the match.
        assert!(matches("提供支持", "", "我们提供\n支持"));
        // Punctuation does.
        assert!(!matches("提供支持", "", "提供，支持"));
    }

    #[test]
    fn words_match_by_prefix() {
        assert!(matches("announ", "", "The announcement was made"));
        assert!(matches("ＲＵＢＹ", "", "Ruby 3.2 released"));
        assert!(matches("２０２２", "", "in 2022"));
        assert!(!matches("nounce", "", "The announcement was made"));
        assert!(matches("ruby 3", "", "Ruby 3.2 released"));
        assert!(!matches("ruby python", "", "Ruby 3.2 released"));
    }

    #[test]
    fn phrases_match_as_one_substring() {
        assert!(matches("\"on rails\"", "", "Ruby on Rails"));
        assert!(!matches("\"on rails\"", "", "rails on"));
        assert!(!matches("\"on rails\"", "", "bon rails"));
        assert!(matches("\"3.2\"", "", "Ruby 3.2"));
        assert!(!matches("\"3.2\"", "", "Ruby 3,2"));
        assert!(matches("\"华夏 时报\"", "", "华夏时报"));
    }

    #[test]
    fn terms_are_anded_and_never_span_title_and_body() {
        assert!(matches("华夏 ruby", "华夏", "ruby"));
        assert!(!matches("夏时", "华夏", "时报"));
        assert!(!matches("", "anything", "anything"));
        assert!(!matches("!!!", "anything", "anything"));
    }

    #[test]
    fn mixed_runs_split_into_terms() {
        let q = Query::parse("ruby中文");
        assert_eq!(q.terms(), [Term::Prefix("ruby".chars().collect()), Term::Cjk("中文".chars().collect())]);
    }

    #[test]
    fn long_queries_are_cut_and_say_so() {
        let q = Query::parse(&"字".repeat(10_000));
        assert!(q.truncated());
        assert_eq!(q.terms()[0].chars().len(), MAX_QUERY_CHARS);
        let many: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let q = Query::parse(&many.join(" "));
        assert_eq!(q.terms().len(), MAX_TERMS);
        assert!(q.truncated());
        assert!(!Query::parse("ruby").truncated());
    }

    #[test]
    fn relevance_counts_title_terms_then_occurrences() {
        let rel = |q: &str, title: &str, body: &str| Query::parse(q).relevance(&DocText::new(title, body));
        // Overlapping CJK occurrences count; a prefix counts once a word.
        assert_eq!(rel("华华", "", "华华华"), Relevance { title_terms: 0, occurrences: 2 });
        assert_eq!(rel("ann", "Annals", "annual ann-ann"), Relevance { title_terms: 1, occurrences: 4 });
        assert_eq!(rel("华夏 ruby", "华夏", "ruby 华夏"), Relevance { title_terms: 1, occurrences: 3 });
        assert!(rel("华夏", "华夏", "") > rel("华夏", "", "华夏华夏华夏"), "the title outranks frequency");
    }

    #[test]
    fn highlights_are_merged_ranges() {
        let text = SearchText::new("提供支持 and announcements, announced");
        let q = Query::parse("供支 提供 announ");
        assert_eq!(q.highlights(&text), [0..3, 9..15, 24..30]);
    }
}
