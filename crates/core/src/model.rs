//! The validated post and site model that the rest of Folio works with, and
//! the rules every layout shares about posts: which ids are valid and in
//! which order an archive lists its posts.
//!
//! These types are what a bundle turns into once it has been read and checked
//! (see [`crate::read_bundle`]); the JSON wire form lives in `wire.rs`.

use std::cmp::Ordering;

use chrono::{DateTime, Datelike, FixedOffset};
use serde::Serialize;

/// The longest id, in bytes: a path segment that every file system, CDN and
/// URL parser takes.
pub const MAX_ID_BYTES: usize = 200;

/// Site-wide metadata carried by a bundle.
/// Deserialising validates the title; see `wire.rs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Site {
    /// The archive's name, shown in the header and in every page title.
    pub title: String,
    /// One-line description shown under the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// BCP 47 language tag of the archive, such as `zh-CN` or `en`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Public URL of the original site; relative links in posts resolve
    /// against it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

/// One post, validated: it has a usable id, a title and a date with an offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// Stable, URL-safe identifier; Unicode is allowed.
    pub id: String,
    /// The post's title as plain text.
    pub title: String,
    /// Publication time in the post's own UTC offset (`+08:00` stays `+08:00`).
    pub date: DateTime<FixedOffset>,
    /// Categories, in the order the author gave them.
    pub categories: Vec<String>,
    /// Tags, in the order the author gave them.
    pub tags: Vec<String>,
    /// Author name, when known.
    pub author: Option<String>,
    /// Plain-text summary shown in lists.
    pub excerpt: Option<String>,
    /// The original URL the post was published at or taken from.
    pub source_url: Option<String>,
    /// BCP 47 language of this post when it differs from the site's.
    pub lang: Option<String>,
    /// The body as HTML. It is *untrusted*: display it only through
    /// [`crate::Sanitizer::clean_html`].
    pub content_html: String,
}

impl Post {
    /// Calendar year in the post's own offset.
    pub fn year(&self) -> i32 {
        self.date.year()
    }

    /// Calendar month (1–12) in the post's own offset.
    pub fn month(&self) -> u32 {
        self.date.month()
    }
}

/// The order of every list in every layout: newest first by instant, ties by
/// id, so that the order never depends on how the posts were read.
///
/// ```
/// use chrono::DateTime;
/// let d = DateTime::parse_from_rfc3339("2022-01-12T21:11:17+08:00").unwrap();
/// let later = DateTime::parse_from_rfc3339("2022-01-12T14:00:00Z").unwrap();
/// assert!(folio_core::archive_order((&later, "z"), (&d, "a")).is_lt(), "newer first");
/// assert!(folio_core::archive_order((&d, "a"), (&d, "b")).is_lt(), "ties by id");
/// ```
pub fn archive_order(a: (&DateTime<FixedOffset>, &str), b: (&DateTime<FixedOffset>, &str)) -> Ordering {
    b.0.cmp(a.0).then_with(|| a.1.cmp(b.1))
}

/// Why an id cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// The id is the empty string.
    #[error("id is empty")]
    Empty,
    /// Longer than [`MAX_ID_BYTES`].
    #[error("id is longer than 200 bytes")]
    TooLong,
    /// `.`, `..` and the like, which URLs read as path steps.
    #[error("id is made only of dots, which URLs read as a path step")]
    OnlyDots,
    /// It has a character [`is_id_delimiter`] rejects.
    #[error("id contains whitespace, a control character or one of / ? # % \\")]
    Delimiter,
}

/// The characters an id may not contain: white space, control characters
/// and the URL delimiters `/ ? # % \`. Everything else, Unicode included, is
/// allowed, so `2022-01-12-无锡市残疾人事业` is an id as it stands.
pub fn is_id_delimiter(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '/' | '?' | '#' | '%' | '\\')
}

/// Checks that a post id can live in a URL path segment: not empty, at most
/// [`MAX_ID_BYTES`] long, not made only of dots, and free of
/// [`is_id_delimiter`] characters.
///
/// # Errors
///
/// The first rule the id breaks.
pub fn validate_id(id: &str) -> Result<(), IdError> {
    if id.is_empty() {
        return Err(IdError::Empty);
    }
    if id.len() > MAX_ID_BYTES {
        return Err(IdError::TooLong);
    }
    if id.chars().all(|c| c == '.') {
        return Err(IdError::OnlyDots);
    }
    if id.chars().any(is_id_delimiter) {
        return Err(IdError::Delimiter);
    }
    Ok(())
}

/// Why a post record is not a usable post.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PostError {
    /// The id breaks a rule of [`validate_id`].
    #[error("{source} (id {id:?})")]
    Id {
        /// The id as found.
        id: String,
        /// The rule it breaks.
        source: IdError,
    },
    /// The title is empty or only white space.
    #[error("title is empty")]
    EmptyTitle,
    /// The date is not RFC 3339 with an offset.
    #[error(transparent)]
    Date(#[from] DateError),
    /// A field is missing or of the wrong type (what the JSON reader said).
    #[error("{0}")]
    Malformed(String),
    /// The entry is not a JSON object at all.
    #[error("expected an object, found {0}")]
    NotAnObject(&'static str),
    /// An earlier post of the same bundle has this id.
    #[error("duplicate id `{0}`: the first post with this id is kept")]
    DuplicateId(String),
}

/// A date that is not an RFC 3339 timestamp with an offset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("date `{value}` is not an RFC 3339 timestamp with an offset ({reason})")]
pub struct DateError {
    /// The value as found.
    pub value: String,
    /// What the date parser said.
    pub reason: chrono::ParseError,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_fit_in_a_path_segment_are_valid() {
        for id in ["hello-world", "2022-01-12-无锡市残疾人事业", "jekyll-4.3.0-released", "a_b.c~d"] {
            assert_eq!(validate_id(id), Ok(()), "{id}");
        }
    }

    #[test]
    fn ids_with_delimiters_or_spaces_are_rejected() {
        let cases: &[(&str, IdError)] = &[
            ("", IdError::Empty),
            (".", IdError::OnlyDots),
            ("..", IdError::OnlyDots),
            ("...", IdError::OnlyDots),
            ("a b", IdError::Delimiter),
            ("a/b", IdError::Delimiter),
            ("a?b", IdError::Delimiter),
            ("a#b", IdError::Delimiter),
            ("100%", IdError::Delimiter),
            ("tab\there", IdError::Delimiter),
            ("back\\slash", IdError::Delimiter),
        ];
        for (id, error) in cases {
            assert_eq!(validate_id(id), Err(*error), "{id:?}");
        }
        assert_eq!(validate_id(&"x".repeat(MAX_ID_BYTES + 1)), Err(IdError::TooLong));
        assert_eq!(validate_id(&"x".repeat(MAX_ID_BYTES)), Ok(()));
    }
}
