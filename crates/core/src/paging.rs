//! Splitting a list into numbered pages.

/// Posts per list page in the viewer: enough to scan, few enough to render at
/// once on a phone.
pub const PAGE_SIZE: usize = 20;

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<'a, T> {
    /// The items on this page.
    pub items: &'a [T],
    /// This page's number, starting at 1.
    pub number: usize,
    /// How many pages there are; at least 1, even for an empty list.
    pub count: usize,
    /// How many items the whole list has.
    pub total_items: usize,
}

impl<T> Page<'_, T> {
    /// The previous page's number, if there is one.
    pub fn previous(&self) -> Option<usize> {
        (self.number > 1).then(|| self.number - 1)
    }

    /// The next page's number, if there is one.
    pub fn next(&self) -> Option<usize> {
        (self.number < self.count).then(|| self.number + 1)
    }
}

/// How many pages a list of `items` has at `per_page` each: at least 1, even
/// for an empty list (which shows one page saying it is empty). A zero page
/// size counts as 1.
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// Page `number` (1-based) of `items`, or `None` if that page does not exist.
/// An empty list has exactly one, empty, page.
///
/// # Examples
///
/// ```
/// let items: Vec<u32> = (1..=45).collect();
/// let page = folio_core::paginate(&items, 3, 20).unwrap();
/// assert_eq!(page.items, &[41, 42, 43, 44, 45]);
/// assert_eq!((page.count, page.previous(), page.next()), (3, Some(2), None));
/// assert!(folio_core::paginate(&items, 4, 20).is_none());
/// ```
pub fn paginate<T>(items: &[T], number: usize, per_page: usize) -> Option<Page<'_, T>> {
    let per_page = per_page.max(1);
    let count = page_count(items.len(), per_page);
    if number == 0 || number > count {
        return None;
    }
    let start = (number - 1) * per_page;
    let end = (start + per_page).min(items.len());
    Some(Page { items: &items[start..end], number, count, total_items: items.len() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_the_list_exactly_once() {
        let items: Vec<usize> = (0..41).collect();
        let mut seen = Vec::new();
        let mut number = 1;
        while let Some(page) = paginate(&items, number, 20) {
            assert_eq!(page.count, 3);
            seen.extend_from_slice(page.items);
            number += 1;
        }
        assert_eq!(seen, items);
        assert_eq!(number, 4);
    }

    #[test]
    fn edges() {
        let empty: [u8; 0] = [];
        let page = paginate(&empty, 1, 20).unwrap();
        assert_eq!((page.items.len(), page.count, page.previous(), page.next()), (0, 1, None, None));
        assert!(paginate(&empty, 0, 20).is_none());
        assert!(paginate(&empty, 2, 20).is_none());
        let exact: Vec<u8> = vec![0; 40];
        assert_eq!(paginate(&exact, 2, 20).unwrap().items.len(), 20);
        assert!(paginate(&exact, 3, 20).is_none());
        assert_eq!(paginate(&exact, 1, 0).unwrap().count, 40, "a zero page size is treated as 1");
    }
}
