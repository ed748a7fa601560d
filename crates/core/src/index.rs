//! The in-memory archive of a single-file bundle: posts sorted in
//! [`crate::archive_order`], with the indexes every page of the viewer needs
//! (by id, category, tag and month), and the views they answer.

use std::collections::HashMap;

use crate::filter::Filter;
use crate::layout::TermKind;
use crate::model::{archive_order, Post, Site};
use crate::taxonomy::{count_terms, year_counts};
use crate::view::{ArticleView, ListView, Overview, PostSummary, TermsView, Total};
use crate::wire::{Neighbour, TermCount, YearCount};

/// Every valid post of a bundle, sorted and indexed.
#[derive(Debug, Clone)]
pub struct PostIndex {
    site: Site,
    posts: Vec<Post>,
    by_id: HashMap<String, usize>,
    categories: Vec<TermCount>,
    tags: Vec<TermCount>,
    years: Vec<YearCount>,
}

impl PostIndex {
    /// Sorts `posts` in archive order and builds the indexes.
    pub fn new(site: Site, mut posts: Vec<Post>) -> Self {
        posts.sort_by(|a, b| archive_order((&a.date, &a.id), (&b.date, &b.id)));
        let by_id = posts.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
        let categories = count_terms(posts.iter().flat_map(|p| p.categories.iter().map(String::as_str)));
        let tags = count_terms(posts.iter().flat_map(|p| p.tags.iter().map(String::as_str)));
        let years = year_counts(posts.iter().map(|p| &p.date));
        PostIndex { site, posts, by_id, categories, tags, years }
    }

    /// Site metadata.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// All posts, newest first.
    pub fn posts(&self) -> &[Post] {
        &self.posts
    }

    /// The post with this id and its position in [`PostIndex::posts`].
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
        let page = crate::paginate(&selected, number, per_page);
        ListView {
            items: page.as_ref().map_or_else(Vec::new, |p| {
                p.items.iter().map(|post| PostSummary::of(post, excerpt(post))).collect()
            }),
            number,
            total: Total::Exact(selected.len()),
            count: Some(crate::page_count(selected.len(), per_page)),
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::wire::parse_date;

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

    pub(crate) fn sample() -> PostIndex {
        PostIndex::new(
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
    pub(crate) fn sample_with(count: usize) -> PostIndex {
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
        PostIndex::new(Site { title: "t".into(), description: None, lang: None, base_url: None }, posts)
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
