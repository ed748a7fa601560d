//! The bundle wire format (version 1) and its reader.
//!
//! A bundle is one JSON document, described field by field in
//! `docs/bundle-format.md`. This module holds the serde types of that
//! contract ([`BundleFile`], [`PostRecord`]), kept apart from the validated
//! model in `model.rs`, and [`parse_bundle`], which turns bytes into a
//! [`LoadedBundle`].
//!
//! Reading is forgiving where it can be and strict where it must be: a bundle
//! that is not JSON, is not a Folio bundle, has an unknown major version or the
//! wrong top-level shape is rejected with a [`BundleError`]; a single bad post is
//! skipped and reported as a [`SkippedPost`] so the valid posts still show.

use std::collections::HashSet;
use std::fmt;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::chunked::{Manifest, LAYOUT_CHUNKED};
use crate::model::{validate_id, Post, Site};

/// The value of the top-level `format` field.
pub const FORMAT_NAME: &str = "folio-bundle";
/// The major version this reader understands. Readers reject other majors.
pub const FORMAT_MAJOR: u32 = 1;
/// The minor version this crate writes. Readers accept any minor of their major.
pub const FORMAT_MINOR: u32 = 0;
/// The `layout` of a bundle that holds every post in one file.
pub const LAYOUT_SINGLE: &str = "single";
/// Bundles larger than this are refused rather than parsed; archives that big
/// belong in the chunked layout.
pub const MAX_BUNDLE_BYTES: usize = 256 * 1024 * 1024;

/// The top level of a single-file bundle, as written to `bundle.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BundleFile {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// `"MAJOR.MINOR"`, for example `"1.0"`.
    pub version: String,
    /// [`LAYOUT_SINGLE`]; other layouts are reserved for sharded archives.
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

impl BundleFile {
    /// A version-1 single-file bundle holding `posts`.
    pub fn new(site: Site, posts: Vec<PostRecord>, generator: Option<String>) -> Self {
        BundleFile {
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
    /// Stable, URL-safe id; see [`validate_id`].
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

fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(deserializer)?.unwrap_or_default())
}

/// A bundle that was read successfully, possibly with some posts skipped.
#[derive(Debug, Clone)]
pub struct LoadedBundle {
    /// Site metadata.
    pub site: Site,
    /// Every valid post, in bundle order.
    pub posts: Vec<Post>,
    /// Posts that could not be used, in bundle order.
    pub skipped: Vec<SkippedPost>,
}

/// A post that was left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedPost {
    /// Zero-based position in the bundle's `posts` array.
    pub index: usize,
    /// The post's id, when it had a readable one.
    pub id: Option<String>,
    /// What was wrong, in one line.
    pub reason: String,
}

impl fmt::Display for SkippedPost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "post #{} ({id}): {}", self.index + 1, self.reason),
            None => write!(f, "post #{}: {}", self.index + 1, self.reason),
        }
    }
}

/// Why a whole bundle could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BundleError {
    /// The bytes are not UTF-8 text.
    #[error("the bundle is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The text is not valid JSON.
    #[error("the bundle is not valid JSON: {message} (line {line}, column {column})")]
    NotJson {
        /// What the JSON parser said.
        message: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
    },
    /// Valid JSON, but not a Folio bundle (no or another `format`).
    #[error("this JSON file is not a Folio bundle: {reason}")]
    NotABundle {
        /// What gave it away.
        reason: String,
    },
    /// A bundle of a major version this reader does not know.
    #[error("bundle version {found} is not supported: this viewer reads version {FORMAT_MAJOR}.x bundles")]
    UnsupportedVersion {
        /// The `version` field as found.
        found: String,
    },
    /// A layout this reader does not implement.
    #[error("bundle layout `{found}` is not supported: this reader knows `{LAYOUT_SINGLE}` and `{LAYOUT_CHUNKED}`")]
    UnsupportedLayout {
        /// The `layout` field as found.
        found: String,
    },
    /// A required top-level field is missing or of the wrong type.
    #[error("the bundle's top level is malformed: {message}")]
    BadShape {
        /// Which field, and what was wrong with it.
        message: String,
    },
    /// Larger than [`MAX_BUNDLE_BYTES`].
    #[error("the bundle is {bytes} bytes, more than the {limit}-byte limit of a single-file bundle")]
    TooLarge {
        /// Size of the bundle.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

impl BundleError {
    fn from_json(err: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        match err.classify() {
            Category::Syntax | Category::Eof | Category::Io => BundleError::NotJson {
                message: strip_position(&err.to_string()),
                line: err.line(),
                column: err.column(),
            },
            Category::Data => BundleError::BadShape { message: strip_position(&err.to_string()) },
        }
    }
}

/// serde_json appends " at line L column C"; we report the position ourselves.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Just the top-level keys, each kept raw so one malformed post cannot fail the
/// whole bundle.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    format: Option<&'a RawValue>,
    #[serde(borrow)]
    version: Option<&'a RawValue>,
    #[serde(borrow)]
    layout: Option<&'a RawValue>,
    #[serde(borrow)]
    site: Option<&'a RawValue>,
    #[serde(borrow)]
    posts: Option<&'a RawValue>,
}

/// Reads a single-file bundle from bytes ([`read_bundle`] reads either
/// layout).
///
/// # Errors
///
/// Returns a [`BundleError`] when the bundle as a whole is unusable, or is a
/// chunked bundle's manifest. Bad individual posts are not errors: they are
/// listed in [`LoadedBundle::skipped`].
///
/// # Examples
///
/// ```
/// let json = br#"{"format":"folio-bundle","version":"1.0","site":{"title":"T"},
///   "posts":[{"id":"a","title":"A","date":"2022-01-12T21:11:17+08:00","content_html":"<p>x</p>"},
///            {"id":"a","title":"dup","date":"2022-01-12T21:11:17+08:00","content_html":""}]}"#;
/// let bundle = folio_core::parse_bundle(json).unwrap();
/// assert_eq!(bundle.posts.len(), 1);
/// assert_eq!(bundle.skipped[0].reason, "duplicate id `a`: the first post with this id is kept");
/// ```
pub fn parse_bundle(bytes: &[u8]) -> Result<LoadedBundle, BundleError> {
    match read_bundle(bytes)? {
        Bundle::Single(bundle) => Ok(bundle),
        Bundle::Chunked(_) => Err(BundleError::BadShape {
            message: "this is the manifest of a chunked bundle, whose posts are in other files; read it with `read_bundle`"
                .into(),
        }),
    }
}

/// A bundle of either layout.
#[derive(Debug, Clone)]
pub enum Bundle {
    /// Every post in one file, read and validated.
    Single(LoadedBundle),
    /// The manifest of a chunked bundle; the rest is fetched as needed.
    Chunked(Manifest),
}

/// Reads a bundle file: a whole single-file bundle, or a chunked bundle's
/// manifest.
///
/// # Errors
///
/// As [`parse_bundle`]; a manifest with a malformed field, or whose `chunks`
/// folder is not a plain relative path, is [`BundleError::BadShape`].
pub fn read_bundle(bytes: &[u8]) -> Result<Bundle, BundleError> {
    if bytes.len() > MAX_BUNDLE_BYTES {
        return Err(BundleError::TooLarge { bytes: bytes.len(), limit: MAX_BUNDLE_BYTES });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| BundleError::NotUtf8 { offset: e.valid_up_to() })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    // Syntax first, so "not JSON" is never reported as a shape problem.
    let root: &RawValue = serde_json::from_str(text).map_err(|e| BundleError::from_json(&e))?;
    let envelope: Envelope<'_> = serde_json::from_str(root.get()).map_err(|_| BundleError::NotABundle {
        reason: format!("the top level is {}, not an object", json_kind(root)),
    })?;

    let format: Option<String> = envelope.format.and_then(|f| serde_json::from_str(f.get()).ok());
    match format.as_deref() {
        Some(FORMAT_NAME) => {}
        Some(other) => {
            return Err(BundleError::NotABundle {
                reason: format!("its `format` is `{other}`, not `{FORMAT_NAME}`"),
            })
        }
        None => {
            return Err(BundleError::NotABundle {
                reason: format!("it has no `format: \"{FORMAT_NAME}\"` field"),
            })
        }
    }

    let version = match envelope.version {
        Some(raw) => match serde_json::from_str::<String>(raw.get()) {
            Ok(v) => v,
            Err(_) => raw.get().to_owned(),
        },
        None => return Err(BundleError::BadShape { message: "the `version` field is missing".into() }),
    };
    let major = version.split('.').next().and_then(|m| m.trim().parse::<u32>().ok());
    if major != Some(FORMAT_MAJOR) {
        return Err(BundleError::UnsupportedVersion { found: version });
    }

    if let Some(raw) = envelope.layout {
        let layout: String = serde_json::from_str(raw.get()).map_err(|_| BundleError::BadShape {
            message: format!("`layout` must be a string, found {}", json_kind(raw)),
        })?;
        if layout == LAYOUT_CHUNKED {
            return read_manifest(root).map(Bundle::Chunked);
        }
        if layout != LAYOUT_SINGLE {
            return Err(BundleError::UnsupportedLayout { found: layout });
        }
    }

    let site_raw = envelope
        .site
        .ok_or_else(|| BundleError::BadShape { message: "the `site` object is missing".into() })?;
    let site: Site = serde_json::from_str(site_raw.get()).map_err(|e| BundleError::BadShape {
        message: format!("`site`: {}", strip_position(&e.to_string())),
    })?;

    let posts_raw = envelope
        .posts
        .ok_or_else(|| BundleError::BadShape { message: "the `posts` array is missing".into() })?;
    let raw_posts: Vec<&RawValue> = serde_json::from_str(posts_raw.get()).map_err(|_| {
        BundleError::BadShape { message: format!("`posts` must be an array, found {}", json_kind(posts_raw)) }
    })?;

    let mut posts = Vec::with_capacity(raw_posts.len());
    let mut skipped = Vec::new();
    let mut seen = HashSet::with_capacity(raw_posts.len());
    for (index, raw) in raw_posts.into_iter().enumerate() {
        match read_post(raw) {
            Ok(post) => {
                if seen.contains(post.id.as_str()) {
                    skipped.push(SkippedPost {
                        index,
                        reason: format!("duplicate id `{}`: the first post with this id is kept", post.id),
                        id: Some(post.id),
                    });
                } else {
                    seen.insert(post.id.clone());
                    posts.push(post);
                }
            }
            Err(reason) => skipped.push(SkippedPost { index, id: readable_id(raw), reason }),
        }
    }
    Ok(Bundle::Single(LoadedBundle { site, posts, skipped }))
}

fn read_manifest(root: &RawValue) -> Result<Manifest, BundleError> {
    let manifest: Manifest = serde_json::from_str(root.get()).map_err(|e| BundleError::BadShape {
        message: format!("manifest: {}", strip_position(&e.to_string())),
    })?;
    let chunks = &manifest.chunks;
    let plain_relative = !chunks.is_empty()
        && chunks.ends_with('/')
        && !chunks.starts_with('/')
        && !chunks.contains(':')
        && !chunks.contains('\\')
        && chunks.split('/').all(|segment| segment != "..");
    if !plain_relative {
        return Err(BundleError::BadShape {
            message: format!(
                "manifest: `chunks` must be a relative folder such as `bundle/`, found {chunks:?}"
            ),
        });
    }
    if manifest.page_size == 0 {
        return Err(BundleError::BadShape { message: "manifest: `page_size` must be at least 1".into() });
    }
    Ok(manifest)
}

fn read_post(raw: &RawValue) -> Result<Post, String> {
    let record: PostRecord = serde_json::from_str(raw.get()).map_err(|e| {
        if raw.get().starts_with('{') {
            strip_position(&e.to_string())
        } else {
            format!("expected an object, found {}", json_kind(raw))
        }
    })?;
    Post::try_from(record)
}

impl TryFrom<PostRecord> for Post {
    type Error = String;

    /// Validates a wire record; the error is a one-line reason.
    fn try_from(record: PostRecord) -> Result<Self, String> {
        validate_id(&record.id).map_err(|e| format!("{e} (id {:?})", record.id))?;
        let title = record.title.trim();
        if title.is_empty() {
            return Err("title is empty".into());
        }
        let date = parse_date(&record.date)?;
        Ok(Post {
            id: record.id,
            title: title.to_owned(),
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
/// Returns a one-line reason naming the bad value.
pub fn parse_date(value: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(value.trim())
        .map_err(|e| format!("date `{value}` is not an RFC 3339 timestamp with an offset ({e})"))
}

/// Trims names, drops empty ones, repeats and names made only of dots (a URL
/// cannot address `#/tag/..`), and keeps the author's order.
fn clean_names(names: Vec<String>) -> Vec<String> {
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

/// The post's id, if it has a string one, for error messages.
fn readable_id(raw: &RawValue) -> Option<String> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: Option<String>,
    }
    serde_json::from_str::<IdOnly>(raw.get()).ok()?.id
}

fn json_kind(raw: &RawValue) -> &'static str {
    match raw.get().trim_start().as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

impl<'de> Deserialize<'de> for Site {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle_with_posts(posts: &str) -> String {
        format!(
            r#"{{"format":"folio-bundle","version":"1.0","site":{{"title":"华夏时报","lang":"zh-CN"}},"posts":[{posts}]}}"#
        )
    }

    const GOOD: &str = r#"{"id":"seed","title":"无锡","date":"2022-01-12T21:11:17+08:00","categories":["huaxiashibao"],"tags":["华夏时报新闻"],"content_html":"<p>x</p>"}"#;

    #[test]
    fn a_valid_bundle_keeps_the_date_offset() {
        let bundle = parse_bundle(bundle_with_posts(GOOD).as_bytes()).unwrap();
        assert_eq!(bundle.site.title, "华夏时报");
        assert_eq!(bundle.posts.len(), 1);
        assert!(bundle.skipped.is_empty());
        let post = &bundle.posts[0];
        assert_eq!(post.date.offset().local_minus_utc(), 8 * 3600);
        assert_eq!(PostRecord::from(post).date, "2022-01-12T21:11:17+08:00");
        assert_eq!(post.tags, ["华夏时报新闻"]);
    }

    #[test]
    fn whole_bundle_errors_name_their_cause() {
        type Case<'a> = (&'a str, &'a [u8], fn(&BundleError) -> bool);
        let cases: &[Case] = &[
            ("not utf-8", b"{\"a\":\"\xff\"}", |e| matches!(e, BundleError::NotUtf8 { offset: 6 })),
            ("html instead of json", b"<!doctype html><p>404</p>", |e| matches!(e, BundleError::NotJson { line: 1, column: 1, .. })),
            ("truncated json", br#"{"format":"folio-bundle","#, |e| matches!(e, BundleError::NotJson { .. })),
            ("empty file", b"", |e| matches!(e, BundleError::NotJson { .. })),
            ("top-level array", b"[1,2]", |e| matches!(e, BundleError::NotABundle { reason } if reason.contains("an array"))),
            ("no format", br#"{"posts":[]}"#, |e| matches!(e, BundleError::NotABundle { .. })),
            ("other format", br#"{"format":"jsonfeed"}"#, |e| matches!(e, BundleError::NotABundle { reason } if reason.contains("jsonfeed"))),
            ("version 2", br#"{"format":"folio-bundle","version":"2.0","site":{"title":"t"},"posts":[]}"#, |e| matches!(e, BundleError::UnsupportedVersion { found } if found == "2.0")),
            ("numeric version", br#"{"format":"folio-bundle","version":3,"site":{"title":"t"},"posts":[]}"#, |e| matches!(e, BundleError::UnsupportedVersion { found } if found == "3")),
            ("no version", br#"{"format":"folio-bundle","site":{"title":"t"},"posts":[]}"#, |e| matches!(e, BundleError::BadShape { .. })),
            ("unknown layout", br#"{"format":"folio-bundle","version":"1.0","layout":"sharded","site":{"title":"t"},"posts":[]}"#, |e| matches!(e, BundleError::UnsupportedLayout { .. })),
            ("chunked manifest without counts", br#"{"format":"folio-bundle","version":"1.1","layout":"chunked","site":{"title":"t"},"posts":[]}"#, |e| matches!(e, BundleError::BadShape { .. })),
            ("posts is an object", br#"{"format":"folio-bundle","version":"1.0","site":{"title":"t"},"posts":{}}"#, |e| matches!(e, BundleError::BadShape { message } if message.contains("`posts` must be an array"))),
            ("no posts", br#"{"format":"folio-bundle","version":"1.0","site":{"title":"t"}}"#, |e| matches!(e, BundleError::BadShape { message } if message.contains("`posts`"))),
            ("site without title", br#"{"format":"folio-bundle","version":"1.0","site":{},"posts":[]}"#, |e| matches!(e, BundleError::BadShape { message } if message.contains("title"))),
            ("site is a string", br#"{"format":"folio-bundle","version":"1.0","site":"x","posts":[]}"#, |e| matches!(e, BundleError::BadShape { message } if message.contains("`site`"))),
        ];
        for (name, input, check) in cases {
            let err = parse_bundle(input).expect_err(name);
            assert!(check(&err), "case {name}: unexpected error {err:?}");
            assert!(!err.to_string().is_empty());
        }
    }

    #[test]
    fn minor_versions_are_accepted() {
        let json =
            r#"{"format":"folio-bundle","version":"1.7","site":{"title":"t"},"posts":[],"future_field":{}}"#;
        assert!(parse_bundle(json.as_bytes()).is_ok());
    }

    #[test]
    fn bad_posts_are_skipped_with_reasons_and_good_ones_kept() {
        let posts = [
            GOOD,
            r#"{"title":"no id","date":"2022-01-12T21:11:17+08:00","content_html":""}"#,
            r#"{"id":"no-title","date":"2022-01-12T21:11:17+08:00","content_html":""}"#,
            r#"{"id":"blank-title","title":"  ","date":"2022-01-12T21:11:17+08:00","content_html":""}"#,
            r#"{"id":"bad-date","title":"t","date":"2022-02-30 25:00","content_html":""}"#,
            r#"{"id":"no-offset","title":"t","date":"2022-01-12T21:11:17","content_html":""}"#,
            r#"{"id":"tags-number","title":"t","date":"2022-01-12T21:11:17Z","tags":5,"content_html":""}"#,
            r#"{"id":"a b","title":"t","date":"2022-01-12T21:11:17Z","content_html":""}"#,
            r#"{"id":"seed","title":"second seed","date":"2022-01-12T21:11:17Z","content_html":""}"#,
            r#""just a string""#,
            r#"{"id":"null-tags","title":"ok","date":"2022-01-12T21:11:17Z","tags":null,"categories":[" a ","a","","..","."],"content_html":""}"#,
        ]
        .join(",");
        let bundle = parse_bundle(bundle_with_posts(&posts).as_bytes()).unwrap();
        let ids: Vec<&str> = bundle.posts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["seed", "null-tags"]);
        assert_eq!(bundle.posts[0].title, "无锡", "the first of two duplicate ids wins");
        assert_eq!(bundle.posts[1].categories, ["a"]);
        let reasons: Vec<(usize, Option<&str>, &str)> =
            bundle.skipped.iter().map(|s| (s.index, s.id.as_deref(), s.reason.as_str())).collect();
        assert_eq!(reasons.len(), 9);
        assert!(reasons[0].2.contains("missing field `id`"), "{reasons:?}");
        assert!(reasons[1].2.contains("missing field `title`"), "{reasons:?}");
        assert_eq!(reasons[2].2, "title is empty");
        assert!(reasons[3].2.starts_with("date `2022-02-30 25:00` is not"), "{reasons:?}");
        assert!(reasons[4].2.contains("2022-01-12T21:11:17"), "{reasons:?}");
        assert!(reasons[5].2.contains("invalid type: integer `5`"), "{reasons:?}");
        assert_eq!(reasons[5].1, Some("tags-number"));
        assert!(reasons[6].2.contains("whitespace"), "{reasons:?}");
        assert_eq!(reasons[7], (8, Some("seed"), "duplicate id `seed`: the first post with this id is kept"));
        assert_eq!(reasons[8].2, "expected an object, found a string");
        assert_eq!(bundle.skipped[0].to_string(), format!("post #2: {}", reasons[0].2));
    }

    #[test]
    fn a_written_bundle_reads_back() {
        let bundle = parse_bundle(bundle_with_posts(GOOD).as_bytes()).unwrap();
        let records: Vec<PostRecord> = bundle.posts.iter().map(PostRecord::from).collect();
        let file = BundleFile::new(bundle.site.clone(), records, Some("test".into()));
        let json = serde_json::to_vec(&file).unwrap();
        let again = parse_bundle(&json).unwrap();
        assert_eq!(again.posts, bundle.posts);
        assert_eq!(again.site, bundle.site);
    }

    #[test]
    fn a_leading_bom_is_accepted() {
        let json = format!("\u{feff}{}", bundle_with_posts(GOOD));
        assert_eq!(parse_bundle(json.as_bytes()).unwrap().posts.len(), 1);
    }
}
