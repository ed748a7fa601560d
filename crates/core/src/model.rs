//! The validated post and site model that the rest of Folio works with.
//!
//! These types are what a bundle turns into once it has been read and checked
//! (see [`crate::parse_bundle`]); the JSON wire form lives in `bundle.rs`.

use chrono::{DateTime, Datelike, FixedOffset};
use serde::Serialize;

/// Site-wide metadata carried by a bundle.
/// Deserialising validates the title; see `bundle.rs`.
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
    /// [`crate::Sanitizer::clean`].
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

/// Checks that a post id can live in a URL path segment.
///
/// Ids may be any Unicode text except whitespace, control characters and the
/// URL delimiters `/ ? # % \`, not made only of dots (URLs read `.` and `..`
/// as path steps), and at most 200 bytes long.
///
/// # Errors
///
/// Returns a short reason when the id is not usable.
pub fn validate_id(id: &str) -> Result<(), &'static str> {
    if id.is_empty() {
        return Err("id is empty");
    }
    if id.len() > 200 {
        return Err("id is longer than 200 bytes");
    }
    if id.chars().all(|c| c == '.') {
        return Err("id is made only of dots, which URLs read as a path step");
    }
    if id.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '/' | '?' | '#' | '%' | '\\')) {
        return Err("id contains whitespace, a control character or one of / ? # % \\");
    }
    Ok(())
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
        for id in ["", "a b", "a/b", "a?b", "a#b", "100%", "tab\there", "back\\slash", ".", "..", "..."] {
            assert!(validate_id(id).is_err(), "{id:?}");
        }
        assert!(validate_id(&"x".repeat(201)).is_err());
    }
}
