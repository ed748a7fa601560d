//! Combining tags (AND, OR) over a chunked archive, without downloading
//! whole tag lists.
//!
//! Every list file is in the archive's order and every entry carries its
//! tags, so:
//!
//! * **AND of two large tags** (both among the manifest's top tags) is a list
//!   of its own, written by the builder for every pair of top tags: one
//!   request per page, with exact counts, however large the tags.
//! * **AND with a smaller tag** walks the smallest candidate list (a tag
//!   outside the top, or the pair of the two smallest top tags) and keeps the
//!   entries that carry every selected tag. The larger lists are never
//!   fetched; the walk is bounded by the smallest list's size.
//! * **OR** merges the selected tags' lists, which are already sorted, page
//!   by page, and drops repeats. A page of results costs at most one more
//!   page of each tag than it shows.
//!
//! [`TagScan`] is the pure part: it says which pages to fetch next, takes the
//! pages as they arrive, and produces the [`ListView`] when it has enough.
//! The viewer does the fetching.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use crate::layout::ListKind;
use crate::view::{ListView, PostSummary, Total};
use crate::wire::ListFile;

/// One list the scan may read.
#[derive(Debug, Clone)]
struct Candidate {
    kind: ListKind,
    /// Posts in the list, once known (from the manifest or a fetched page).
    total: Option<usize>,
    pages: Option<usize>,
    /// Fetched pages, by number.
    loaded: BTreeMap<usize, Vec<PostSummary>>,
    /// Pages that turned out not to exist.
    missing: BTreeSet<usize>,
}

impl Candidate {
    fn new(kind: ListKind, total: Option<usize>) -> Self {
        Candidate { kind, total, pages: None, loaded: BTreeMap::new(), missing: BTreeSet::new() }
    }

    /// How many pages from the first are loaded without a gap.
    fn contiguous(&self) -> usize {
        (1..).take_while(|p| self.loaded.contains_key(p)).count()
    }

    fn complete(&self) -> bool {
        self.pages.is_some_and(|p| self.contiguous() >= p)
    }

    /// Entries of the pages loaded without a gap, in order.
    fn entries(&self) -> impl Iterator<Item = &PostSummary> {
        (1..=self.contiguous()).flat_map(|p| &self.loaded[&p])
    }

    fn last(&self) -> Option<&PostSummary> {
        // Only an empty list has an empty page.
        self.loaded.get(&self.contiguous()).and_then(|page| page.last())
    }
}

/// The state of one AND or OR query over tag lists.
#[derive(Debug, Clone)]
pub struct TagScan {
    all: bool,
    tags: Vec<String>,
    lists: Vec<Candidate>,
    /// Matches needed: everything up to the requested page, plus one to know
    /// whether a next page exists.
    want: usize,
    number: usize,
    per_page: usize,
}

impl TagScan {
    /// A query for page `number` of the posts carrying every tag in `tags`
    /// (`all`) or any of them. `top_total` gives the sizes of the manifest's
    /// top tags (for which pair lists exist) and `None` for any other tag.
    pub fn new(
        all: bool,
        tags: &[String],
        number: usize,
        per_page: usize,
        top_total: impl Fn(&str) -> Option<usize>,
    ) -> Self {
        let mut unique: Vec<String> = Vec::new();
        for name in tags {
            if !unique.contains(name) {
                unique.push(name.clone());
            }
        }
        let lists = if all {
            let mut top: Vec<(&String, usize)> =
                unique.iter().filter_map(|t| top_total(t).map(|n| (t, n))).collect();
            top.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
            let mut lists = match top.as_slice() {
                [] => Vec::new(),
                [(only, count)] => vec![Candidate::new(ListKind::Tag((*only).clone()), Some(*count))],
                [(a, _), (b, _), ..] => vec![Candidate::new(ListKind::pair(a, b), None)],
            };
            let others = unique.iter().filter(|t| top_total(t).is_none());
            lists.extend(others.map(|t| Candidate::new(ListKind::Tag(t.clone()), None)));
            lists
        } else {
            unique.iter().map(|t| Candidate::new(ListKind::Tag(t.clone()), top_total(t))).collect()
        };
        let per_page = per_page.max(1);
        let number = number.max(1);
        TagScan { all, tags: unique, lists, want: number * per_page + 1, number, per_page }
    }

    /// Whether every post of `list` carries every selected tag, so that its
    /// page N is the answer's page N.
    fn exact(&self, list: &Candidate) -> bool {
        let carried = list.kind.tags();
        self.tags.iter().all(|t| carried.contains(&t.as_str()))
    }

    /// The pages to fetch next, as `(list, page)`; they may be fetched at the
    /// same time. Empty when [`TagScan::view`] has its answer.
    pub fn wanted(&self) -> Vec<(ListKind, usize)> {
        if self.lists.is_empty() || self.view().is_some() {
            return Vec::new();
        }
        let next = |l: &Candidate| (l.kind.clone(), l.contiguous() + 1);
        if self.all {
            // First learn the size of every candidate list; a list that
            // answers the query outright is asked for the page wanted, which
            // carries its size too.
            let unknown: Vec<_> = self
                .lists
                .iter()
                .filter(|l| l.total.is_none())
                .map(|l| {
                    let page =
                        if self.exact(l) && !l.missing.contains(&self.number) { self.number } else { 1 };
                    (l.kind.clone(), page)
                })
                .collect();
            if !unknown.is_empty() {
                return unknown;
            }
            let Some(driver) = self.driver() else { return Vec::new() };
            if self.exact(driver) {
                return vec![(driver.kind.clone(), self.number)];
            }
            return if driver.complete() { Vec::new() } else { vec![next(driver)] };
        }
        match self.horizon() {
            // Fetch more of each list that stops where certainty stops.
            Some(horizon) => self
                .lists
                .iter()
                .filter(|l| !l.complete() && l.last().is_none_or(|e| e.cmp_order(&horizon).is_le()))
                .map(next)
                .collect(),
            None => self.lists.iter().filter(|l| !l.complete()).map(next).collect(),
        }
    }

    /// Takes a fetched page of list `kind`.
    pub fn add(&mut self, kind: &ListKind, file: &ListFile, entries: Vec<PostSummary>) {
        if let Some(list) = self.lists.iter_mut().find(|l| &l.kind == kind) {
            list.total = Some(file.total);
            list.pages = Some(file.pages);
            list.loaded.insert(file.page, entries);
        }
    }

    /// Takes the news that page `page` of `kind` does not exist: past its end,
    /// or, for page 1, no such list (no post carries the tag or the pair).
    pub fn add_missing(&mut self, kind: &ListKind, page: usize) {
        if let Some(list) = self.lists.iter_mut().find(|l| &l.kind == kind) {
            if page <= 1 {
                list.total = Some(0);
                list.pages = Some(0);
            }
            list.missing.insert(page);
        }
    }

    /// The smallest candidate, which AND reads.
    fn driver(&self) -> Option<&Candidate> {
        self.lists.iter().min_by_key(|l| l.total.unwrap_or(usize::MAX))
    }

    /// For OR: the last entry up to which the merge is certain, or `None` when
    /// every list is complete (everything is certain).
    fn horizon(&self) -> Option<PostSummary> {
        let mut horizon: Option<&PostSummary> = None;
        for list in self.lists.iter().filter(|l| !l.complete()) {
            let last = list.last()?;
            if horizon.is_none_or(|h| last.cmp_order(h) == Ordering::Less) {
                horizon = Some(last);
            }
        }
        horizon.cloned()
    }

    /// The matches known so far, and whether they are all there are.
    fn matches(&self) -> (Vec<PostSummary>, bool) {
        if self.all {
            let Some(driver) = self.driver() else { return (Vec::new(), true) };
            let found = driver
                .entries()
                .filter(|e| self.tags.iter().all(|n| e.tags.iter().any(|t| t == n)))
                .cloned()
                .collect();
            return (found, driver.complete());
        }
        let horizon = self.horizon();
        let complete = self.lists.iter().all(Candidate::complete);
        let mut merged: Vec<PostSummary> = self
            .lists
            .iter()
            .flat_map(Candidate::entries)
            .filter(|e| horizon.as_ref().is_none_or(|h| e.cmp_order(h).is_le()))
            .cloned()
            .collect();
        merged.sort_by(PostSummary::cmp_order);
        merged.dedup_by(|a, b| a.id == b.id);
        (merged, complete)
    }

    /// The requested page, once enough pages are in; `None` while more are
    /// needed. Past the end of a list it is a view with no items and `number`
    /// set, which readers show as "no such page".
    pub fn view(&self) -> Option<ListView> {
        if self.lists.is_empty() {
            return Some(ListView::empty());
        }
        if self.all {
            if self.lists.iter().any(|l| l.total.is_none()) {
                return None;
            }
            let driver = self.driver()?;
            if self.exact(driver) {
                let total = driver.total.unwrap_or(0);
                let count = driver.pages.unwrap_or(0).max(1);
                let items = match driver.loaded.get(&self.number) {
                    Some(items) => items.clone(),
                    None if self.number > count || total == 0 => Vec::new(),
                    None => return None,
                };
                return Some(ListView {
                    items,
                    number: self.number,
                    total: Total::Exact(total),
                    count: Some(count),
                    has_next: self.number < count,
                });
            }
        }
        let (matches, complete) = self.matches();
        if !complete && matches.len() < self.want {
            return None;
        }
        let start = (self.number - 1) * self.per_page;
        let end = (start + self.per_page).min(matches.len());
        let items = matches.get(start..end).map(<[_]>::to_vec).unwrap_or_default();
        let (total, count) = if complete {
            (Total::Exact(matches.len()), Some(matches.len().div_ceil(self.per_page).max(1)))
        } else {
            let at_least = if self.all {
                matches.len()
            } else {
                matches.len().max(self.lists.iter().filter_map(|l| l.total).max().unwrap_or(0))
            };
            (Total::AtLeast(at_least), None)
        };
        Some(ListView { items, number: self.number, total, count, has_next: matches.len() > end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Filter;
    use crate::index::tests::sample_with;
    use crate::wire::LIST_PAGE_SIZE;

    /// Serves a tag's or a pair's pages from an in-memory archive, as the
    /// writer would.
    fn page_of(
        archive: &crate::PostIndex,
        kind: &ListKind,
        page: usize,
        per_page: usize,
    ) -> Option<ListFile> {
        let filter = match kind {
            ListKind::Tag(t) => Filter::Tag(t.clone()),
            ListKind::TagPair(a, b) => Filter::AllTags(vec![a.clone(), b.clone()]),
            other => panic!("a tag scan asked for {other:?}"),
        };
        let all: Vec<PostSummary> =
            archive.select(&filter).iter().map(|p| PostSummary::of(p, None)).collect();
        if all.is_empty() {
            return None;
        }
        let pages = all.len().div_ceil(per_page);
        let chunk = all.chunks(per_page).nth(page - 1)?;
        Some(ListFile {
            name: kind.name(),
            total: all.len(),
            pages,
            page,
            posts: chunk.iter().map(Into::into).collect(),
        })
    }

    /// The sizes a manifest would list: the five most used tags.
    fn top_five(archive: &crate::PostIndex) -> impl Fn(&str) -> Option<usize> + '_ {
        move |name| archive.tags().iter().take(5).find(|t| t.name == name).map(|t| t.count)
    }

    /// Runs a scan to the end, returning the view and the pages fetched.
    fn run(
        archive: &crate::PostIndex,
        all: bool,
        tags: &[&str],
        number: usize,
        per_page: usize,
        known: bool,
    ) -> (ListView, Vec<(ListKind, usize)>) {
        let tags: Vec<String> = tags.iter().map(|s| s.to_string()).collect();
        let top = top_five(archive);
        let known_total = |name: &str| if known { top(name) } else { None };
        let mut scan = TagScan::new(all, &tags, number, per_page, known_total);
        let mut fetched = Vec::new();
        loop {
            let wanted = scan.wanted();
            if wanted.is_empty() {
                break;
            }
            for (kind, page) in wanted {
                match page_of(archive, &kind, page, per_page) {
                    Some(file) => {
                        let (_, entries) =
                            crate::read_list(&kind, &serde_json::to_vec(&file).unwrap()).unwrap();
                        scan.add(&kind, &file, entries);
                    }
                    None => scan.add_missing(&kind, page),
                }
                fetched.push((kind, page));
            }
            assert!(fetched.len() < 10_000, "the scan does not converge");
        }
        (scan.view().expect("a finished scan has a view"), fetched)
    }

    fn expected(archive: &crate::PostIndex, filter: &Filter, number: usize, per_page: usize) -> Vec<String> {
        let all = archive.select(filter);
        all.chunks(per_page)
            .nth(number - 1)
            .map(|c| c.iter().map(|p| p.id.clone()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn and_and_or_match_the_in_memory_archive_on_every_page() {
        let archive = sample_with(500);
        for tags in [&["t0", "t1"][..], &["t1", "t3"], &["t0", "t2", "t5"], &["t7"], &["t0", "nope"]] {
            for all in [true, false] {
                let names: Vec<String> = tags.iter().map(|s| s.to_string()).collect();
                let filter =
                    if all { Filter::AllTags(names.clone()) } else { Filter::AnyTags(names.clone()) };
                let total = archive.select(&filter).len();
                for number in 1..=total.div_ceil(7) + 1 {
                    for known in [true, false] {
                        let (view, _) = run(&archive, all, tags, number, 7, known);
                        let ids: Vec<String> = view.items.iter().map(|p| p.id.clone()).collect();
                        assert_eq!(
                            ids,
                            expected(&archive, &filter, number, 7),
                            "{tags:?} all={all} page {number}"
                        );
                        assert_eq!(view.has_next, total > number * 7, "{tags:?} all={all} page {number}");
                        if let Total::Exact(n) = view.total {
                            assert_eq!(n, total);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn and_with_a_small_tag_walks_only_the_small_tag() {
        let archive = sample_with(2_000);
        let sizes: Vec<(String, usize)> = archive.tags().iter().map(|t| (t.name.clone(), t.count)).collect();
        let (small, _) = sizes.iter().min_by_key(|(_, c)| *c).unwrap();
        let (big, _) = sizes.iter().max_by_key(|(_, c)| *c).unwrap();
        let (_, fetched) = run(&archive, true, &[big, small], 1, LIST_PAGE_SIZE, true);
        assert!(fetched.iter().all(|(k, _)| *k == ListKind::Tag(small.clone())), "{fetched:?}");
    }

    #[test]
    fn and_of_two_top_tags_is_one_request_for_any_page() {
        let archive = sample_with(2_000);
        let pair = ListKind::pair("t0", "t1");
        for number in [1, 3, 100] {
            let (view, fetched) = run(&archive, true, &["t1", "t0"], number, LIST_PAGE_SIZE, true);
            let expected =
                expected(&archive, &Filter::AllTags(vec!["t0".into(), "t1".into()]), number, LIST_PAGE_SIZE);
            assert_eq!(view.items.iter().map(|p| p.id.clone()).collect::<Vec<_>>(), expected);
            if view.items.is_empty() {
                // Past the end: the page asked for, then the first for the count.
                assert_eq!(fetched, [(pair.clone(), number), (pair.clone(), 1)]);
            } else {
                assert_eq!(fetched, [(pair.clone(), number)]);
                assert!(matches!(view.total, Total::Exact(_)) && view.count.is_some());
            }
        }
    }

    #[test]
    fn or_fetches_at_most_one_extra_page_per_tag_for_the_first_page() {
        let archive = sample_with(2_000);
        let (view, fetched) = run(&archive, false, &["t0", "t1", "t2"], 1, LIST_PAGE_SIZE, true);
        assert_eq!(view.items.len(), LIST_PAGE_SIZE);
        assert!(fetched.len() <= 6, "{fetched:?}");
        assert!(matches!(view.total, Total::AtLeast(n) if n >= LIST_PAGE_SIZE));
    }
}
