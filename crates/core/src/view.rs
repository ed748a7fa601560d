//! What pages show, the same from either layout: a page of a list, an
//! article with its neighbours, a page of a taxonomy, and the overview the
//! page shell shows around them.
//!
//! A single-file bundle answers these from memory ([`crate::PostIndex`]);
//! a chunked one from the files it fetched ([`crate::read_list`] and the
//! other readers).

use chrono::{DateTime, FixedOffset};

use crate::model::{archive_order, Post, PostError, Site};
use crate::wire::{
    format_date, parse_date, EntryRecord, ListFile, Manifest, Neighbour, TermCount, YearCount,
};

/// What a post card needs, from either layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostSummary {
    /// The post's id.
    pub id: String,
    /// Plain-text title.
    pub title: String,
    /// Publication time in the post's own offset.
    pub date: DateTime<FixedOffset>,
    /// Category names.
    pub categories: Vec<String>,
    /// Tag names.
    pub tags: Vec<String>,
    /// The post's language when it differs from the site's.
    pub lang: Option<String>,
    /// A plain-text summary, where the layout carries one (single-file only).
    pub excerpt: Option<String>,
}

impl PostSummary {
    /// The summary of a post, with the excerpt it will show.
    pub fn of(post: &Post, excerpt: Option<String>) -> Self {
        PostSummary {
            id: post.id.clone(),
            title: post.title.clone(),
            date: post.date,
            categories: post.categories.clone(),
            tags: post.tags.clone(),
            lang: post.lang.clone(),
            excerpt,
        }
    }

    /// [`archive_order`] of two summaries.
    pub fn cmp_order(&self, other: &Self) -> std::cmp::Ordering {
        archive_order((&self.date, &self.id), (&other.date, &other.id))
    }
}

impl From<&PostSummary> for EntryRecord {
    fn from(s: &PostSummary) -> Self {
        EntryRecord {
            id: s.id.clone(),
            title: s.title.clone(),
            date: format_date(&s.date),
            categories: s.categories.clone(),
            tags: s.tags.clone(),
            lang: s.lang.clone(),
        }
    }
}

impl TryFrom<&EntryRecord> for PostSummary {
    type Error = PostError;

    fn try_from(e: &EntryRecord) -> Result<Self, PostError> {
        crate::model::validate_id(&e.id).map_err(|source| PostError::Id { id: e.id.clone(), source })?;
        Ok(PostSummary {
            id: e.id.clone(),
            title: e.title.clone(),
            date: parse_date(&e.date)?,
            categories: e.categories.clone(),
            tags: e.tags.clone(),
            lang: e.lang.clone(),
            excerpt: None,
        })
    }
}

/// One article and its neighbours, from either layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleView {
    /// The post.
    pub post: Post,
    /// The next older post.
    pub older: Option<Neighbour>,
    /// The next newer post.
    pub newer: Option<Neighbour>,
}

/// One page of a taxonomy, from either layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermsView {
    /// The terms on this page.
    pub terms: Vec<TermCount>,
    /// This page's number, from 1.
    pub number: usize,
    /// Number of pages.
    pub count: usize,
    /// Number of terms in all pages.
    pub total: usize,
}

/// How many posts a list has, when the reader cannot know exactly without
/// downloading all of it (combined tags in a chunked archive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    /// Exactly this many.
    Exact(usize),
    /// This many found so far, and possibly more.
    AtLeast(usize),
}

/// One page of a list of posts, from either layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListView {
    /// The posts on this page.
    pub items: Vec<PostSummary>,
    /// This page's number, from 1.
    pub number: usize,
    /// Posts in the whole list.
    pub total: Total,
    /// Pages in the whole list, when known.
    pub count: Option<usize>,
    /// Whether a next page exists.
    pub has_next: bool,
}

impl ListView {
    /// Page `number` from one page file of a list (whose files hold exactly
    /// one viewer page each).
    pub fn from_file(file: &ListFile, items: Vec<PostSummary>) -> Self {
        ListView {
            items,
            number: file.page,
            total: Total::Exact(file.total),
            count: Some(file.pages.max(1)),
            has_next: file.page < file.pages,
        }
    }

    /// A page past the end of a list of `total` posts in `count` pages.
    pub fn past_end(number: usize, total: usize, count: usize) -> Self {
        ListView {
            items: Vec::new(),
            number,
            total: Total::Exact(total),
            count: Some(count),
            has_next: false,
        }
    }

    /// An empty list.
    pub fn empty() -> Self {
        ListView::past_end(1, 0, 1)
    }
}

/// The site and its navigation, from either layout: what the page shell
/// shows around every page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    /// Site metadata.
    pub site: Site,
    /// Number of posts.
    pub posts: usize,
    /// The most used categories (all of them in a single-file bundle).
    pub categories: Vec<TermCount>,
    /// Number of categories.
    pub category_count: usize,
    /// The most used tags (all of them in a single-file bundle).
    pub tags: Vec<TermCount>,
    /// Number of tags.
    pub tag_count: usize,
    /// Years with posts, newest first.
    pub years: Vec<YearCount>,
}

impl Overview {
    /// The overview a manifest carries.
    pub fn of_manifest(m: &Manifest) -> Self {
        Overview {
            site: m.site.clone(),
            posts: m.posts,
            categories: m.categories.top.clone(),
            category_count: m.categories.count,
            tags: m.tags.top.clone(),
            tag_count: m.tags.count,
            years: m.years.clone(),
        }
    }

    /// The count of a tag, if the overview lists it.
    pub fn tag_count_of(&self, name: &str) -> Option<usize> {
        self.tags.iter().find(|t| t.name == name).map(|t| t.count)
    }
}
