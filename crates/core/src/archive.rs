//! The in-memory archive: posts sorted newest first, with the indexes every
//! page of the viewer needs (by id, category, tag and month) and the queries
//! that select from them.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::chunked::{ArticleView, ListView, Neighbour, Overview, PostSummary, TermKind, TermsView};
use crate::model::{Post, Site};

/// A category or tag name and how many posts carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCount {
    /// The name as written in the posts.
    pub name: String,
    /// Number of posts that carry it.
    pub count: usize,
}

/// Posts in one calendar year, with the months that have posts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCount {
    /// The year, in each post's own offset.
    pub year: i32,
    /// Posts in the year.
    pub count: usize,
    /// `(month, posts)` pairs, newest month first, months with posts only.
    pub months: Vec<(u32, usize)>,
}

/// What a list page shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Filter {
    /// Every post.
    All,
    /// Posts in this category.
    Category(String),
    /// Posts with this tag.
    Tag(String),
    /// Posts that carry every one of these tags (AND).
    AllTags(Vec<String>),
    /// Posts that carry at least one of these tags (OR).
    AnyTags(Vec<String>),
    /// Posts of this year.
    Year(i32),
    /// Posts of this year and month (1–12).
    Month(i32, u32),
}

/// Every valid post of a bundle, sorted and indexed.
#[derive(Debug, Clone)]
pub struct Archive {
    site: Site,
    posts: Vec<Post>,
    by_id: HashMap<String, usize>,
    categories: Vec<TermCount>,
    tags: Vec<TermCount>,
    years: Vec<YearCount>,
}

impl Archive {
    /// Sorts `posts` newest first (ties broken by id, so the order is stable
    /// across loads) and builds the indexes.
    pub fn new(site: Site, mut posts: Vec<Post>) -> Self {
        posts.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        let by_id = posts.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
        let categories = count_terms(posts.iter().flat_map(|p| &p.categories));
        let tags = count_terms(posts.iter().flat_map(|p| &p.tags));
        let years = year_counts(posts.iter().map(|p| &p.date));
        Archive { site, posts, by_id, categories, tags, years }
    }

    /// Site metadata.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// All posts, newest first.
    pub fn posts(&self) -> &[Post] {
        &self.posts
    }

    /// The post with this id and its position in [`Archive::posts`].
    pub fn find(&self, id: &str) -> Option<(usize, &Post)> {
        self.by_id.get(id).map(|&i| (i, &self.posts[i]))
    }

    /// The next older post, if any.
    pub fn older(&self, position: usize) -> Option<&Post> {
        self.posts.get(position + 1)
    }

    /// The next newer post, if any.
    pub fn newer(&self, position: usize) -> Option<&Post> {
        position.checked_sub(1).and_then(|i| self.posts.get(i))
    }

    /// Categories by post count, most used first, then by name.
    pub fn categories(&self) -> &[TermCount] {
        &self.categories
    }

    /// Tags by post count, most used first, then by name.
    pub fn tags(&self) -> &[TermCount] {
        &self.tags
    }

    /// Years with posts, newest first.
    pub fn years(&self) -> &[YearCount] {
        &self.years
    }

    /// Whether any post carries this tag.
    pub fn has_tag(&self, name: &str) -> bool {
        self.tags.iter().any(|t| t.name == name)
    }

    /// Whether any post is in this category.
    pub fn has_category(&self, name: &str) -> bool {
        self.categories.iter().any(|t| t.name == name)
    }

    /// The posts a filter selects, newest first.
    ///
    /// An empty tag list selects nothing for [`Filter::AnyTags`] and everything
    /// for [`Filter::AllTags`], which is what the set operations mean.
    pub fn select(&self, filter: &Filter) -> Vec<&Post> {
        let keep: Box<dyn Fn(&Post) -> bool + '_> = match filter {
            Filter::All => Box::new(|_| true),
            Filter::Category(name) => Box::new(move |p| p.categories.iter().any(|c| c == name)),
            Filter::Tag(name) => Box::new(move |p| p.tags.iter().any(|t| t == name)),
            Filter::AllTags(names) => Box::new(move |p| names.iter().all(|n| p.tags.contains(n))),
            Filter::AnyTags(names) => Box::new(move |p| names.iter().any(|n| p.tags.contains(n))),
            Filter::Year(year) => Box::new(move |p| p.year() == *year),
            Filter::Month(year, month) => Box::new(move |p| p.year() == *year && p.month() == *month),
        };
        self.posts.iter().filter(|p| keep(p)).collect()
    }

    /// The site and its navigation, as the page shell shows it.
    pub fn overview(&self) -> Overview {
        Overview {
            site: self.site.clone(),
            posts: self.posts.len(),
            categories: self.categories.clone(),
            category_count: self.categories.len(),
            tags: self.tags.clone(),
            tag_count: self.tags.len(),
            years: self.years.clone(),
        }
    }

    /// Page `number` of the posts `filter` selects; past the end, a page with
    /// no items. `excerpt` gives each listed post's summary text; only the
    /// posts on the page are asked.
    pub fn list_view(
        &self,
        filter: &Filter,
        number: usize,
        per_page: usize,
        excerpt: impl Fn(&Post) -> Option<String>,
    ) -> ListView {
        let selected = self.select(filter);
        let count = selected.len().div_ceil(per_page.max(1)).max(1);
        let page = crate::paginate(&selected, number, per_page);
        ListView {
            items: page.as_ref().map_or_else(Vec::new, |p| {
                p.items.iter().map(|post| PostSummary::of(post, excerpt(post))).collect()
            }),
            number,
            total: crate::Total::Exact(selected.len()),
            count: Some(count),
            has_next: page.and_then(|p| p.next()).is_some(),
        }
    }

    /// A post with its neighbours in the archive's order.
    pub fn article_view(&self, id: &str) -> Option<ArticleView> {
        let (position, post) = self.find(id)?;
        let neighbour = |p: &Post| Neighbour { id: p.id.clone(), title: p.title.clone() };
        Some(ArticleView {
            post: post.clone(),
            older: self.older(position).map(neighbour),
            newer: self.newer(position).map(neighbour),
        })
    }

    /// Page `number` of every category or tag, most used first.
    pub fn terms_view(&self, kind: TermKind, number: usize, per_page: usize) -> Option<TermsView> {
        let terms = match kind {
            TermKind::Category => &self.categories,
            TermKind::Tag => &self.tags,
        };
        let page = crate::paginate(terms, number, per_page)?;
        Some(TermsView { terms: page.items.to_vec(), number, count: page.count, total: terms.len() })
    }
}

/// Years and months that have posts, newest first, from the posts' dates
/// (each in its own offset).
pub fn year_counts<'a>(dates: impl IntoIterator<Item = &'a DateTime<FixedOffset>>) -> Vec<YearCount> {
    let mut years: BTreeMap<i32, BTreeMap<u32, usize>> = BTreeMap::new();
    for date in dates {
        *years.entry(date.year()).or_default().entry(date.month()).or_default() += 1;
    }
    years
        .into_iter()
        .rev()
        .map(|(year, months)| YearCount {
            year,
            count: months.values().sum(),
            months: months.into_iter().rev().collect(),
        })
        .collect()
}

fn count_terms<'a>(names: impl Iterator<Item = &'a String>) -> Vec<TermCount> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for name in names {
        *counts.entry(name).or_default() += 1;
    }
    let mut terms: Vec<TermCount> =
        counts.into_iter().map(|(name, count)| TermCount { name: name.to_owned(), count }).collect();
    terms.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    terms
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::bundle::parse_date;

    pub(crate) fn post(id: &str, date: &str, categories: &[&str], tags: &[&str]) -> Post {
        Post {
            id: id.into(),
            title: format!("Title of {id}"),
            date: parse_date(date).unwrap(),
            categories: categories.iter().map(|s| s.to_string()).collect(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            author: None,
            excerpt: None,
            source_url: None,
            lang: None,
            content_html: String::new(),
        }
    }

    pub(crate) fn sample() -> Archive {
        Archive::new(
            Site { title: "t".into(), description: None, lang: None, base_url: None },
            vec![
                post("old", "2014-01-29T12:00:00+08:00", &["life"], &["生活"]),
                post("seed", "2022-01-12T21:11:17+08:00", &["huaxiashibao"], &["华夏时报新闻"]),
                post("rust", "2022-01-03T09:00:00Z", &["tech"], &["rust", "wasm"]),
                post("wasm", "2021-12-31T23:30:00-05:00", &["tech"], &["wasm"]),
                post("tie-b", "2020-05-01T00:00:00Z", &[], &["rust"]),
                post("tie-a", "2020-05-01T08:00:00+08:00", &[], &[]),
            ],
        )
    }

    /// `count` posts, two a day, with tags `t0`..`t9` of falling frequency
    /// (each post carries `t{k}` when its index is divisible by `k + 1`, and
    /// every post carries at least one).
    pub(crate) fn sample_with(count: usize) -> Archive {
        let posts = (0..count)
            .map(|i| {
                let tags: Vec<String> =
                    (0..10).filter(|k| i % (k + 1) == 0).map(|k| format!("t{k}")).collect();
                let mut p = post(&format!("p{i}"), "2020-01-01T00:00:00Z", &[], &[]);
                p.date += chrono::Duration::hours(12 * (i as i64 / 2));
                p.tags = tags;
                p
            })
            .collect();
        Archive::new(Site { title: "t".into(), description: None, lang: None, base_url: None }, posts)
    }

    fn ids(posts: Vec<&Post>) -> Vec<&str> {
        posts.into_iter().map(|p| p.id.as_str()).collect()
    }

    #[test]
    fn posts_are_newest_first_with_ties_by_id() {
        let a = sample();
        // 2021-12-31T23:30-05:00 is 2022-01-01T04:30Z: older than "rust".
        assert_eq!(ids(a.select(&Filter::All)), ["seed", "rust", "wasm", "tie-a", "tie-b", "old"]);
    }

    #[test]
    fn filters_select_the_right_posts() {
        let a = sample();
        let cases: &[(Filter, &[&str])] = &[
            (Filter::Category("tech".into()), &["rust", "wasm"]),
            (Filter::Category("nope".into()), &[]),
            (Filter::Tag("华夏时报新闻".into()), &["seed"]),
            (Filter::Tag("wasm".into()), &["rust", "wasm"]),
            (Filter::AllTags(vec!["rust".into(), "wasm".into()]), &["rust"]),
            (Filter::AnyTags(vec!["rust".into(), "生活".into()]), &["rust", "tie-b", "old"]),
            (Filter::AnyTags(vec![]), &[]),
            (Filter::Year(2022), &["seed", "rust"]),
            // The post dated 2021-12-31 in its own offset stays in December 2021.
            (Filter::Month(2021, 12), &["wasm"]),
            (Filter::Month(2022, 1), &["seed", "rust"]),
        ];
        for (filter, expected) in cases {
            assert_eq!(ids(a.select(filter)), *expected, "{filter:?}");
        }
    }

    #[test]
    fn taxonomy_counts_and_years() {
        let a = sample();
        let tags: Vec<(&str, usize)> = a.tags().iter().map(|t| (t.name.as_str(), t.count)).collect();
        assert_eq!(tags, [("rust", 2), ("wasm", 2), ("华夏时报新闻", 1), ("生活", 1)]);
        let cats: Vec<(&str, usize)> = a.categories().iter().map(|t| (t.name.as_str(), t.count)).collect();
        assert_eq!(cats, [("tech", 2), ("huaxiashibao", 1), ("life", 1)]);
        type YearRow = (i32, usize, Vec<(u32, usize)>);
        let years: Vec<YearRow> = a.years().iter().map(|y| (y.year, y.count, y.months.clone())).collect();
        assert_eq!(
            years,
            [
                (2022, 2, vec![(1, 2)]),
                (2021, 1, vec![(12, 1)]),
                (2020, 2, vec![(5, 2)]),
                (2014, 1, vec![(1, 1)])
            ]
        );
        assert!(a.has_tag("华夏时报新闻") && !a.has_tag("华夏"));
        assert!(a.has_category("tech") && !a.has_category("Tech"));
    }

    #[test]
    fn neighbours_follow_the_sorted_order() {
        let a = sample();
        let (pos, post) = a.find("rust").unwrap();
        assert_eq!(post.id, "rust");
        assert_eq!(a.newer(pos).map(|p| p.id.as_str()), Some("seed"));
        assert_eq!(a.older(pos).map(|p| p.id.as_str()), Some("wasm"));
        let (first, _) = a.find("seed").unwrap();
        assert!(a.newer(first).is_none());
        let (last, _) = a.find("old").unwrap();
        assert!(a.older(last).is_none());
        assert!(a.find("missing").is_none());
    }
}
