//! What a list page shows ([`Filter`]), which page of it ([`ListRequest`]),
//! and which list file answers it in the chunked layout.

use crate::layout::ListKind;

/// Which posts a list page shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Filter {
    /// Every post.
    All,
    /// Posts in this category.
    Category(String),
    /// Posts with this tag.
    Tag(String),
    /// Posts that carry every one of these tags (AND). No tags: every post.
    AllTags(Vec<String>),
    /// Posts that carry at least one of these tags (OR). No tags: none.
    AnyTags(Vec<String>),
    /// Posts of this year.
    Year(i32),
    /// Posts of this year and month (1–12).
    Month(i32, u32),
}

/// How a chunked archive answers a [`Filter`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListSource {
    /// One list's files answer it page for page.
    List(ListKind),
    /// Several tag lists combined: a [`crate::TagScan`], AND or OR.
    TagScan {
        /// AND (`true`) or OR.
        all: bool,
        /// The tags.
        tags: Vec<String>,
    },
    /// Nothing matches, whatever the archive holds.
    Nothing,
}

impl Filter {
    /// Where a chunked archive finds this filter's posts. A combination of
    /// one tag is that tag's list; AND of no tags is every post, OR of none
    /// is nothing, as the set operations say.
    ///
    /// ```
    /// use folio_core::{Filter, ListKind, ListSource};
    /// assert_eq!(Filter::AllTags(vec!["rust".into()]).source(), ListSource::List(ListKind::Tag("rust".into())));
    /// assert_eq!(Filter::AnyTags(vec![]).source(), ListSource::Nothing);
    /// ```
    pub fn source(&self) -> ListSource {
        let list = |kind| ListSource::List(kind);
        match self {
            Filter::All => list(ListKind::All),
            Filter::Category(name) => list(ListKind::Category(name.clone())),
            Filter::Tag(name) => list(ListKind::Tag(name.clone())),
            Filter::Year(year) => list(ListKind::Year(*year)),
            Filter::Month(year, month) => list(ListKind::Month(*year, *month)),
            Filter::AllTags(names) if names.is_empty() => list(ListKind::All),
            Filter::AnyTags(names) if names.is_empty() => ListSource::Nothing,
            Filter::AllTags(names) | Filter::AnyTags(names) if names.len() == 1 => {
                list(ListKind::Tag(names[0].clone()))
            }
            Filter::AllTags(names) => ListSource::TagScan { all: true, tags: names.clone() },
            Filter::AnyTags(names) => ListSource::TagScan { all: false, tags: names.clone() },
        }
    }
}

/// One page of one list: what a list page asks the archive for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListRequest {
    /// Which posts.
    pub filter: Filter,
    /// Which page, from 1.
    pub page: usize,
}
