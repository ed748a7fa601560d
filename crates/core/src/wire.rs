//! The bundle's wire format: the serde types and constants of both layouts,
//! and the one way dates are written and read.
//!
//! This module is the contract of `docs/bundle-format.md` as Rust types, and
//! nothing else: no validation beyond what a field's type says (that is the
//! readers' job, in `read.rs`), no file names (`layout.rs`).
//!
//! * single-file layout (`1.0`): [`SingleFileBundle`] holding [`PostRecord`]s;
//! * chunked layout (`1.1`): the [`Manifest`], list pages ([`ListFile`] of
//!   [`EntryRecord`]s), taxonomy pages ([`TermsFile`]) and post files
//!   ([`PostFile`]).

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use crate::model::{DateError, Post, PostError, Site};

/// The value of the top-level `format` field.
pub const FORMAT_NAME: &str = "folio-bundle";
/// The major version this reader understands. Readers reject other majors.
pub const FORMAT_MAJOR: u32 = 1;
/// The minor version of single-file bundles this crate writes. Readers accept
/// any minor of their major.
pub const FORMAT_MINOR: u32 = 0;
/// The `layout` of a bundle that holds every post in one file.
pub const LAYOUT_SINGLE: &str = "single";
/// The `layout` of a chunked bundle's manifest.
pub const LAYOUT_CHUNKED: &str = "chunked";
/// The minor version that introduced the chunked layout; manifests say `1.1`.
pub const CHUNKED_MINOR: u32 = 1;
/// The `layout` of the manifest of a static site's bundle: the chunked
/// layout, except that each post is read from its own static page (see
/// [`crate::Location::page_file`]) rather than from a post file.
pub const LAYOUT_PAGES: &str = "pages";
/// The minor version that introduced the pages layout; its manifests say `1.2`.
pub const PAGES_MINOR: u32 = 2;
/// Single-file bundles larger than this are refused rather than parsed;
/// archives that big belong in the chunked layout.
pub const MAX_BUNDLE_BYTES: usize = 256 * 1024 * 1024;
/// Entries per list file: one viewer page. 50 summaries of Chinese or English
/// titles stay under 4 KB with brotli (measured in `docs/benchmarks.md`).
pub const LIST_PAGE_SIZE: usize = 50;
/// Terms per taxonomy file: 500 names with counts are about 3 KB brotli.
pub const TERMS_PAGE_SIZE: usize = 500;
/// Tags listed in the manifest, most used first: the sidebar's cloud and the
/// tag filter's first choices, without another request, and the tags whose
/// every pair has an AND list (`ListKind::TagPair`).
pub const MANIFEST_TAGS: usize = 60;
/// Categories listed in the manifest. Archives have a few dozen; more are in
/// the paged taxonomy files.
pub const MANIFEST_CATEGORIES: usize = 60;

/// Writes a date the way bundles carry it: RFC 3339 with the post's own
/// offset, `Z` for UTC, and fractional seconds only when there are some.
///
/// ```
/// let d = chrono::DateTime::parse_from_rfc3339("2022-01-12T21:11:17+08:00").unwrap();
/// assert_eq!(folio_core::format_date(&d), "2022-01-12T21:11:17+08:00");
/// ```
pub fn format_date(date: &DateTime<FixedOffset>) -> String {
    date.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Parses an RFC 3339 timestamp, keeping its offset.
///
/// # Errors
///
/// A [`DateError`] naming the bad value.
pub fn parse_date(value: &str) -> Result<DateTime<FixedOffset>, DateError> {
    DateTime::parse_from_rfc3339(value.trim()).map_err(|reason| DateError { value: value.to_owned(), reason })
}

/// The top level of a single-file bundle, as written to `bundle.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SingleFileBundle {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// `"MAJOR.MINOR"`, for example `"1.0"`.
    pub version: String,
    /// [`LAYOUT_SINGLE`].
    #[serde(default = "default_layout")]
    pub layout: String,
    /// Free text naming the tool that wrote the bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<String>,
    /// Site metadata.
    pub site: Site,
    /// The posts, newest first by convention (readers sort anyway).
    pub posts: Vec<PostRecord>,
}

fn default_layout() -> String {
    LAYOUT_SINGLE.to_owned()
}

impl SingleFileBundle {
    /// A version-1 single-file bundle holding `posts`.
    pub fn new(site: Site, posts: Vec<PostRecord>, generator: Option<String>) -> Self {
        SingleFileBundle {
            format: FORMAT_NAME.to_owned(),
            version: format!("{FORMAT_MAJOR}.{FORMAT_MINOR}"),
            layout: default_layout(),
            generator,
            site,
            posts,
        }
    }
}

/// One post as it appears on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostRecord {
    /// Stable, URL-safe id; see [`crate::validate_id`].
    pub id: String,
    /// Plain-text title.
    pub title: String,
    /// RFC 3339 timestamp with an offset, such as `2022-01-12T21:11:17+08:00`.
    pub date: String,
    /// Category names.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub categories: Vec<String>,
    /// Tag names.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub tags: Vec<String>,
    /// Author name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Plain-text summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
    /// Where the post was originally published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// BCP 47 language tag, when it differs from the site's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The body as HTML. Untrusted: readers sanitise it before display.
    pub content_html: String,
}

impl From<&Post> for PostRecord {
    fn from(post: &Post) -> Self {
        PostRecord {
            id: post.id.clone(),
            title: post.title.clone(),
            date: format_date(&post.date),
            categories: post.categories.clone(),
            tags: post.tags.clone(),
            author: post.author.clone(),
            excerpt: post.excerpt.clone(),
            source_url: post.source_url.clone(),
            lang: post.lang.clone(),
            content_html: post.content_html.clone(),
        }
    }
}

impl TryFrom<PostRecord> for Post {
    type Error = PostError;

    /// Validates a wire record: a valid id, a title, a date with an offset;
    /// names trimmed and deduplicated, empty optional fields dropped.
    fn try_from(record: PostRecord) -> Result<Self, PostError> {
        crate::model::validate_id(&record.id)
            .map_err(|source| PostError::Id { id: record.id.clone(), source })?;
        let title = record.title.trim();
        if title.is_empty() {
            return Err(PostError::EmptyTitle);
        }
        let date = parse_date(&record.date)?;
        Ok(Post {
            title: title.to_owned(),
            id: record.id,
            date,
            categories: clean_names(record.categories),
            tags: clean_names(record.tags),
            author: non_empty(record.author),
            excerpt: non_empty(record.excerpt),
            source_url: non_empty(record.source_url),
            lang: non_empty(record.lang),
            content_html: record.content_html,
        })
    }
}

fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(deserializer)?.unwrap_or_default())
}

/// Category or tag names as a valid post carries them: trimmed, without
/// empty ones, repeats and names made only of dots (a URL cannot address
/// `#/tag/..`), in the author's order.
pub fn clean_names(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        let name = name.trim();
        if !name.chars().all(|c| c == '.') && !out.iter().any(|n| n == name) {
            out.push(name.to_owned());
        }
    }
    out
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl<'de> Deserialize<'de> for Site {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(expecting = "an object with a `title`")]
        struct Wire {
            title: Option<String>,
            #[serde(default)]
            description: Option<String>,
            #[serde(default)]
            lang: Option<String>,
            #[serde(default)]
            base_url: Option<String>,
        }
        let wire = Wire::deserialize(deserializer)?;
        let title = non_empty(wire.title).ok_or_else(|| de::Error::missing_field("title"))?;
        Ok(Site {
            title,
            description: non_empty(wire.description),
            lang: non_empty(wire.lang),
            base_url: non_empty(wire.base_url),
        })
    }
}

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

/// A count of terms with the first few of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermSummary {
    /// How many distinct terms the archive has.
    pub count: usize,
    /// How many taxonomy files ([`TERMS_PAGE_SIZE`] terms each) there are.
    pub pages: usize,
    /// The most used terms, in [`crate::sort_terms`] order.
    pub top: Vec<TermCount>,
}

/// The manifest of a chunked bundle: `bundle.json` itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `folio-bundle`.
    pub format: String,
    /// `"1.1"`.
    pub version: String,
    /// [`LAYOUT_CHUNKED`], or [`LAYOUT_PAGES`] in a static site.
    pub layout: String,
    /// The tool that wrote the bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<String>,
    /// Site metadata.
    pub site: Site,
    /// Folder of the chunks, relative to the manifest, ending in `/`.
    pub chunks: String,
    /// Number of posts.
    pub posts: usize,
    /// Entries per list file.
    pub page_size: usize,
    /// Categories.
    pub categories: TermSummary,
    /// Tags.
    pub tags: TermSummary,
    /// Years with posts, newest first, each with its months.
    pub years: Vec<YearCount>,
}

/// One entry of a list file: what a post card shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryRecord {
    /// The post's id.
    pub id: String,
    /// Plain-text title.
    pub title: String,
    /// RFC 3339 date with the post's offset.
    pub date: String,
    /// Category names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Tag names: they let the viewer combine tags without fetching every
    /// tag's list (see [`crate::TagScan`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The post's language when it differs from the site's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListFile {
    /// The category or tag name, for lists of one (checked by readers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Posts in the whole list.
    pub total: usize,
    /// Pages in the whole list.
    pub pages: usize,
    /// This page's number, from 1.
    pub page: usize,
    /// The entries, newest first.
    pub posts: Vec<EntryRecord>,
}

/// One page of the full list of categories or tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsFile {
    /// Terms in the whole taxonomy.
    pub total: usize,
    /// Pages in the whole taxonomy.
    pub pages: usize,
    /// This page's number, from 1.
    pub page: usize,
    /// Terms, in [`crate::sort_terms`] order.
    pub terms: Vec<TermCount>,
}

/// A neighbouring post, named in an article's "older" and "newer" links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Neighbour {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
}

/// One post's file; in a static site of the pages layout, the same data
/// (with an empty `content_html`) in the post's page, whose article body
/// holds the HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostFile {
    /// The post, exactly as in a single-file bundle.
    pub post: PostRecord,
    /// The next older post in the archive.
    #[serde(default)]
    pub older: Option<Neighbour>,
    /// The next newer post in the archive.
    #[serde(default)]
    pub newer: Option<Neighbour>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"id":"seed","title":" 无锡 ","date":"2022-01-12T21:11:17+08:00",
        "categories":[" a ","a","","..","."],"tags":null,"author":"  ","content_html":"<p>x</p>"}"#;

    #[test]
    fn a_record_validates_into_a_post_and_back() {
        let record: PostRecord = serde_json::from_str(GOOD).unwrap();
        let post = Post::try_from(record).unwrap();
        assert_eq!((post.title.as_str(), post.categories.as_slice()), ("无锡", &["a".to_owned()][..]));
        assert_eq!((post.tags.len(), post.author.as_deref()), (0, None));
        assert_eq!(post.date.offset().local_minus_utc(), 8 * 3600);
        assert_eq!(PostRecord::from(&post).date, "2022-01-12T21:11:17+08:00");
    }

    #[test]
    fn invalid_records_say_why() {
        let record = |id: &str, title: &str, date: &str| PostRecord {
            id: id.into(),
            title: title.into(),
            date: date.into(),
            categories: vec![],
            tags: vec![],
            author: None,
            excerpt: None,
            source_url: None,
            lang: None,
            content_html: String::new(),
        };
        let message = |r: PostRecord| Post::try_from(r).unwrap_err().to_string();
        assert_eq!(
            message(record("a b", "t", "2022-01-12T21:11:17Z")),
            "id contains whitespace, a control character or one of / ? # % \\ (id \"a b\")"
        );
        assert_eq!(message(record("a", "  ", "2022-01-12T21:11:17Z")), "title is empty");
        assert_eq!(
            message(record("a", "t", "2022-01-12 21:11")),
            "date `2022-01-12 21:11` is not an RFC 3339 timestamp with an offset (premature end of input)"
        );
    }
}
