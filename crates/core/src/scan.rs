//! Combining tags (AND, OR) over a chunked archive, without downloading
//! whole tag lists.
//!
//! Every list file is in the archive's order and every entry carries its
//! tags, so:
//!
//! * **AND** walks only the *smallest* selected tag's pages and keeps the
//!   entries that carry every other tag. The larger tags' lists are never
//!   fetched. A page of results costs as many of the smallest tag's pages as
//!   it takes to find 50 matches: one when the tags mostly go together, at
//!   most the whole smallest tag when they rarely do.
//! * **OR** merges the selected tags' lists, which are already sorted, page
//!   by page, and drops repeats. A page of results costs at most one more
//!   page of each tag than it shows.
//!
//! [`TagScan`] is the pure part: it says which page to fetch next, takes the
//! pages as they arrive, and produces the [`ListView`] when it has enough.
//! The viewer does the fetching.

use std::cmp::Ordering;

use crate::chunked::{ListFile, ListKind, ListView, PostSummary, Total};

#[derive(Debug, Clone, Default)]
struct TagList {
    name: String,
    /// Posts in the tag, once known (from the manifest or a fetched page).
    total: Option<usize>,
    pages: Option<usize>,
    /// Entries of pages `1..=loaded`, in order.
    entries: Vec<PostSummary>,
    loaded: usize,
}

impl TagList {
    fn complete(&self) -> bool {
        self.pages.is_some_and(|p| self.loaded >= p)
    }
}

/// The state of one AND or OR query over tag lists.
#[derive(Debug, Clone)]
pub struct TagScan {
    all: bool,
    lists: Vec<TagList>,
    /// Matches needed: everything up to the requested page, plus one to know
    /// whether a next page exists.
    want: usize,
    number: usize,
    per_page: usize,
}

impl TagScan {
    /// A query for page `number` of the posts carrying every tag in `tags`
    /// (`all`) or any of them. `known_total` gives tag sizes the reader
    /// already knows (the manifest lists the biggest tags), which spares a
    /// request to learn them.
    pub fn new(
        all: bool,
        tags: &[String],
        number: usize,
        per_page: usize,
        known_total: impl Fn(&str) -> Option<usize>,
    ) -> Self {
        let mut lists: Vec<TagList> = Vec::new();
        for name in tags {
            if !lists.iter().any(|l| &l.name == name) {
                lists.push(TagList { name: name.clone(), total: known_total(name), ..TagList::default() });
            }
        }
        let per_page = per_page.max(1);
        TagScan { all, lists, want: number.max(1) * per_page + 1, number: number.max(1), per_page }
    }

    /// The pages to fetch next, as `(list, page)`; they may be fetched at the
    /// same time. Empty when [`TagScan::view`] has its answer.
    pub fn wanted(&self) -> Vec<(ListKind, usize)> {
        if self.lists.is_empty() || self.view().is_some() {
            return Vec::new();
        }
        let next = |l: &TagList| (ListKind::Tag(l.name.clone()), l.loaded + 1);
        if self.all {
            // Learn the size of every tag the reader does not know yet: those
            // are the small ones, and the first page of the smallest is where
            // the walk starts anyway.
            let unknown: Vec<_> = self.lists.iter().filter(|l| l.total.is_none()).map(next).collect();
            if !unknown.is_empty() {
                return unknown;
            }
            return self.driver().filter(|l| !l.complete()).map(next).into_iter().collect();
        }
        match self.horizon() {
            // Fetch more of each list that stops where certainty stops.
            Some(horizon) => self
                .lists
                .iter()
                .filter(|l| !l.complete() && l.entries.last().is_none_or(|e| e.cmp_order(&horizon).is_le()))
                .map(next)
                .collect(),
            None => self.lists.iter().filter(|l| !l.complete()).map(next).collect(),
        }
    }

    /// Takes a fetched page of tag `name`. Pages of one tag must arrive in
    /// order; anything else is ignored.
    pub fn add(&mut self, name: &str, file: &ListFile, entries: Vec<PostSummary>) {
        let Some(list) = self.lists.iter_mut().find(|l| l.name == name) else { return };
        if file.page != list.loaded + 1 {
            return;
        }
        list.total = Some(file.total);
        list.pages = Some(file.pages);
        list.loaded = file.page;
        list.entries.extend(entries);
    }

    /// Takes the news that a tag has no list at all (its first page is missing).
    pub fn add_missing(&mut self, name: &str) {
        if let Some(list) = self.lists.iter_mut().find(|l| l.name == name) {
            list.total = Some(0);
            list.pages = Some(0);
        }
    }

    /// The smallest tag, which AND walks.
    fn driver(&self) -> Option<&TagList> {
        self.lists.iter().min_by_key(|l| (l.total.unwrap_or(usize::MAX), l.loaded == 0))
    }

    /// For OR: the last entry up to which the merge is certain, or `None` when
    /// every list is complete (everything is certain).
    fn horizon(&self) -> Option<PostSummary> {
        let mut horizon: Option<&PostSummary> = None;
        for list in self.lists.iter().filter(|l| !l.complete()) {
            let last = list.entries.last()?;
            if horizon.is_none_or(|h| last.cmp_order(h) == Ordering::Less) {
                horizon = Some(last);
            }
        }
        horizon.cloned()
    }

    /// The matches known so far, and whether they are all there are.
    fn matches(&self) -> (Vec<PostSummary>, bool) {
        if self.all {
            let Some(driver) = self.driver().filter(|d| d.total.is_some()) else {
                return (Vec::new(), false);
            };
            if driver.total == Some(0) {
                return (Vec::new(), true);
            }
            let names: Vec<&str> = self.lists.iter().map(|l| l.name.as_str()).collect();
            let found = driver
                .entries
                .iter()
                .filter(|e| names.iter().all(|n| e.tags.iter().any(|t| t == n)))
                .cloned()
                .collect();
            return (found, driver.complete());
        }
        let horizon = self.horizon();
        let complete = self.lists.iter().all(TagList::complete);
        let mut merged: Vec<PostSummary> = self
            .lists
            .iter()
            .flat_map(|l| &l.entries)
            .filter(|e| horizon.as_ref().is_none_or(|h| e.cmp_order(h).is_le()))
            .cloned()
            .collect();
        merged.sort_by(PostSummary::cmp_order);
        merged.dedup_by(|a, b| a.id == b.id);
        (merged, complete)
    }

    /// The requested page, once enough pages are in; `None` while more are
    /// needed. Past the end of a list it is an empty view with `number` set,
    /// which readers show as "no such page".
    pub fn view(&self) -> Option<ListView> {
        if self.lists.is_empty() {
            return Some(ListView::empty());
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
    use crate::archive::tests::sample_with;
    use crate::archive::Filter;
    use crate::chunked::LIST_PAGE_SIZE;

    /// Serves a tag's pages from an in-memory archive, as the writer would.
    fn page_of(archive: &crate::Archive, tag: &str, page: usize, per_page: usize) -> Option<ListFile> {
        let all: Vec<PostSummary> =
            archive.select(&Filter::Tag(tag.into())).iter().map(|p| PostSummary::of(p, None)).collect();
        if all.is_empty() {
            return None;
        }
        let pages = all.len().div_ceil(per_page);
        let chunk = all.chunks(per_page).nth(page - 1)?;
        Some(ListFile {
            name: Some(tag.into()),
            total: all.len(),
            pages,
            page,
            posts: chunk.iter().map(Into::into).collect(),
        })
    }

    /// Runs a scan to the end, returning the view and the pages fetched.
    fn run(
        archive: &crate::Archive,
        all: bool,
        tags: &[&str],
        number: usize,
        per_page: usize,
        known: bool,
    ) -> (ListView, Vec<(ListKind, usize)>) {
        let tags: Vec<String> = tags.iter().map(|s| s.to_string()).collect();
        let known_total =
            |name: &str| known.then(|| archive.tags().iter().find(|t| t.name == name).map_or(0, |t| t.count));
        let mut scan = TagScan::new(all, &tags, number, per_page, known_total);
        let mut fetched = Vec::new();
        loop {
            let wanted = scan.wanted();
            if wanted.is_empty() {
                break;
            }
            for (kind, page) in wanted {
                let ListKind::Tag(name) = &kind else { unreachable!() };
                match page_of(archive, name, page, per_page) {
                    Some(file) => {
                        let (_, entries) =
                            crate::read_list(&kind, &serde_json::to_vec(&file).unwrap()).unwrap();
                        scan.add(name, &file, entries);
                    }
                    None => scan.add_missing(name),
                }
                fetched.push((kind, page));
            }
            assert!(fetched.len() < 10_000, "the scan does not converge");
        }
        (scan.view().expect("a finished scan has a view"), fetched)
    }

    fn expected(archive: &crate::Archive, filter: &Filter, number: usize, per_page: usize) -> Vec<String> {
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
    fn and_walks_only_the_smallest_tag() {
        let archive = sample_with(2_000);
        let sizes: Vec<(String, usize)> = archive.tags().iter().map(|t| (t.name.clone(), t.count)).collect();
        let (small, _) = sizes.iter().min_by_key(|(_, c)| *c).unwrap();
        let (big, _) = sizes.iter().max_by_key(|(_, c)| *c).unwrap();
        let (_, fetched) = run(&archive, true, &[big, small], 1, LIST_PAGE_SIZE, true);
        assert!(fetched.iter().all(|(k, _)| *k == ListKind::Tag(small.clone())), "{fetched:?}");
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
