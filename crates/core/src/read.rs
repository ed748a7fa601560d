//! Reading bundles and chunks: bytes in, validated model and views out.
//!
//! Reading is forgiving where it can be and strict where it must be: a bundle
//! that is not JSON, is not a Folio bundle, has an unknown major version or the
//! wrong top-level shape is rejected with a [`BundleError`]; a single bad post is
//! skipped and reported as a [`SkippedPost`] so the valid posts still show. A
//! chunk that is malformed or belongs to another name is a [`ChunkError`];
//! a bad entry inside a list page is dropped and the rest of the page shows.

use std::collections::HashSet;
use std::fmt;

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::layout::ListKind;
use crate::model::{Post, PostError, Site};
use crate::view::{ArticleView, PostSummary, TermsView};
use crate::wire::{
    ListFile, Manifest, PostFile, PostRecord, TermsFile, FORMAT_MAJOR, FORMAT_NAME, LAYOUT_CHUNKED,
    LAYOUT_PAGES, LAYOUT_SINGLE, MAX_BUNDLE_BYTES,
};

/// A bundle of either layout, as read from its `bundle.json`.
#[derive(Debug, Clone)]
pub enum Bundle {
    /// Every post in one file, read and validated.
    Single(ValidPosts),
    /// The manifest of a chunked bundle; the rest is fetched as needed.
    Chunked(Manifest),
}

/// The posts of a single-file bundle that passed validation, and those that
/// did not.
#[derive(Debug, Clone)]
pub struct ValidPosts {
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
    /// What was wrong.
    pub error: PostError,
}

impl fmt::Display for SkippedPost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "post #{} ({id}): {}", self.index + 1, self.error),
            None => write!(f, "post #{}: {}", self.index + 1, self.error),
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
    #[error("bundle layout `{found}` is not supported: this reader knows `{LAYOUT_SINGLE}`, `{LAYOUT_CHUNKED}` and `{LAYOUT_PAGES}`")]
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
    /// A chunked bundle's manifest where a single file was asked for.
    #[error("this is the manifest of a chunked bundle, whose posts are in other files; read it with `read_bundle`")]
    ChunkedManifest,
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

/// Why a chunk could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChunkError {
    /// Not JSON of the expected shape.
    #[error("the file is not a valid {what}: {message}")]
    Malformed {
        /// What the file should have been.
        what: &'static str,
        /// What the parser said.
        message: String,
    },
    /// A post file whose post does not pass validation.
    #[error("the post file holds an invalid post: {0}")]
    InvalidPost(PostError),
    /// The file belongs to another name (a hash collision or a misplaced file).
    #[error("the file belongs to `{found}`, not `{expected}`")]
    WrongName {
        /// The name the reader asked for.
        expected: String,
        /// The name the file carries.
        found: String,
    },
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

/// Reads a bundle file: a whole single-file bundle, or a chunked bundle's
/// manifest.
///
/// # Errors
///
/// A [`BundleError`] when the bundle as a whole is unusable. Bad individual
/// posts are not errors: they are listed in [`ValidPosts::skipped`].
///
/// # Examples
///
/// ```
/// let json = br#"{"format":"folio-bundle","version":"1.0","site":{"title":"T"},
///   "posts":[{"id":"a","title":"A","date":"2022-01-12T21:11:17+08:00","content_html":"<p>x</p>"},
///            {"id":"a","title":"dup","date":"2022-01-12T21:11:17+08:00","content_html":""}]}"#;
/// let folio_core::Bundle::Single(bundle) = folio_core::read_bundle(json).unwrap() else { panic!() };
/// assert_eq!(bundle.posts.len(), 1);
/// assert_eq!(bundle.skipped[0].error.to_string(), "duplicate id `a`: the first post with this id is kept");
/// ```
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
        Some(raw) => serde_json::from_str::<String>(raw.get()).unwrap_or_else(|_| raw.get().to_owned()),
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
        if layout == LAYOUT_CHUNKED || layout == LAYOUT_PAGES {
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
            Ok(post) if seen.contains(post.id.as_str()) => skipped.push(SkippedPost {
                index,
                error: PostError::DuplicateId(post.id.clone()),
                id: Some(post.id),
            }),
            Ok(post) => {
                seen.insert(post.id.clone());
                posts.push(post);
            }
            Err(error) => skipped.push(SkippedPost { index, id: readable_id(raw), error }),
        }
    }
    Ok(Bundle::Single(ValidPosts { site, posts, skipped }))
}

/// Reads a bundle that must be a single file, such as one a tool is about to
/// rewrite ([`read_bundle`] reads either layout).
///
/// # Errors
///
/// As [`read_bundle`], and [`BundleError::ChunkedManifest`] for a manifest.
pub fn read_single_file(bytes: &[u8]) -> Result<ValidPosts, BundleError> {
    match read_bundle(bytes)? {
        Bundle::Single(posts) => Ok(posts),
        Bundle::Chunked(_) => Err(BundleError::ChunkedManifest),
    }
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

fn read_post(raw: &RawValue) -> Result<Post, PostError> {
    let record: PostRecord = serde_json::from_str(raw.get()).map_err(|e| {
        if raw.get().starts_with('{') {
            PostError::Malformed(strip_position(&e.to_string()))
        } else {
            PostError::NotAnObject(json_kind(raw))
        }
    })?;
    Post::try_from(record)
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

fn malformed(what: &'static str) -> impl Fn(serde_json::Error) -> ChunkError {
    move |e| ChunkError::Malformed { what, message: e.to_string() }
}

/// Parses a chunk as text. Every reader here goes through
/// `serde_json::from_str`, never `from_slice`: each reader type instantiates
/// serde_json's whole parser again in the viewer's wasm.
fn chunk_json<'a, T: Deserialize<'a>>(what: &'static str, bytes: &'a [u8]) -> Result<T, ChunkError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ChunkError::Malformed { what, message: format!("not UTF-8 text: {e}") })?;
    serde_json::from_str(text).map_err(malformed(what))
}

/// Reads one page of `kind`, checking it is the list asked for. Entries that
/// fail validation are dropped, not fatal: the rest of the page still shows.
///
/// # Errors
///
/// Malformed JSON, or a file that names another category or tag.
pub fn read_list(kind: &ListKind, bytes: &[u8]) -> Result<(ListFile, Vec<PostSummary>), ChunkError> {
    let file: ListFile = chunk_json("list file", bytes)?;
    if let Some(expected) = kind.name() {
        let found = file.name.as_deref().unwrap_or_default();
        if found != expected {
            return Err(ChunkError::WrongName { expected, found: found.to_owned() });
        }
    }
    let entries = file.posts.iter().filter_map(|e| PostSummary::try_from(e).ok()).collect();
    Ok((file, entries))
}

/// Reads a post's file, checking it holds the post asked for.
///
/// # Errors
///
/// Malformed JSON, an invalid post, or a file of another post.
pub fn read_post_file(id: &str, bytes: &[u8]) -> Result<ArticleView, ChunkError> {
    let file: PostFile = chunk_json("post file", bytes)?;
    if file.post.id != id {
        return Err(ChunkError::WrongName { expected: id.to_owned(), found: file.post.id });
    }
    let post = Post::try_from(file.post).map_err(ChunkError::InvalidPost)?;
    Ok(ArticleView { post, older: file.older, newer: file.newer })
}

/// Reads a post from its static page (the pages layout): `data` is the
/// page's `folio-article` block (a [`PostFile`] whose body is empty) and
/// `body_html` the HTML of its article body, checking it is the post asked
/// for.
///
/// # Errors
///
/// Malformed data, an invalid post, or the page of another post.
pub fn read_article_page(id: &str, data: &str, body_html: String) -> Result<ArticleView, ChunkError> {
    let mut file: PostFile = serde_json::from_str(data).map_err(malformed("article page"))?;
    if file.post.id != id {
        return Err(ChunkError::WrongName { expected: id.to_owned(), found: file.post.id });
    }
    file.post.content_html = body_html;
    let post = Post::try_from(file.post).map_err(ChunkError::InvalidPost)?;
    Ok(ArticleView { post, older: file.older, newer: file.newer })
}

/// Reads one page of a taxonomy.
///
/// # Errors
///
/// Malformed JSON.
pub fn read_terms(bytes: &[u8]) -> Result<TermsView, ChunkError> {
    let file: TermsFile = chunk_json("taxonomy file", bytes)?;
    Ok(TermsView { terms: file.terms, number: file.page, count: file.pages.max(1), total: file.total })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::Overview;
    use crate::wire::SingleFileBundle;

    fn bundle_with_posts(posts: &str) -> String {
        format!(
            r#"{{"format":"folio-bundle","version":"1.0","site":{{"title":"华夏时报","lang":"zh-CN"}},"posts":[{posts}]}}"#
        )
    }

    const GOOD: &str = r#"{"id":"seed","title":"无锡","date":"2022-01-12T21:11:17+08:00","categories":["huaxiashibao"],"tags":["华夏时报新闻"],"content_html":"<p>x</p>"}"#;

    #[test]
    fn a_valid_bundle_keeps_the_date_offset() {
        let bundle = read_single_file(bundle_with_posts(GOOD).as_bytes()).unwrap();
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
        let cases: &[(&str, &[u8], &str)] = &[
            ("not utf-8", b"{\"a\":\"\xff\"}", "the bundle is not UTF-8 text (invalid byte at offset 6)"),
            ("html instead of json", b"<!doctype html><p>404</p>", "the bundle is not valid JSON: expected value (line 1, column 1)"),
            ("truncated json", br#"{"format":"folio-bundle","#, "the bundle is not valid JSON: EOF while parsing an object (line 1, column 25)"),
            ("empty file", b"", "the bundle is not valid JSON: EOF while parsing a value (line 1, column 0)"),
            ("top-level array", b"[1,2]", "this JSON file is not a Folio bundle: the top level is an array, not an object"),
            ("no format", br#"{"posts":[]}"#, "this JSON file is not a Folio bundle: it has no `format: \"folio-bundle\"` field"),
            ("other format", br#"{"format":"jsonfeed"}"#, "this JSON file is not a Folio bundle: its `format` is `jsonfeed`, not `folio-bundle`"),
            ("version 2", br#"{"format":"folio-bundle","version":"2.0","site":{"title":"t"},"posts":[]}"#, "bundle version 2.0 is not supported: this viewer reads version 1.x bundles"),
            ("numeric version", br#"{"format":"folio-bundle","version":3,"site":{"title":"t"},"posts":[]}"#, "bundle version 3 is not supported: this viewer reads version 1.x bundles"),
            ("no version", br#"{"format":"folio-bundle","site":{"title":"t"},"posts":[]}"#, "the bundle's top level is malformed: the `version` field is missing"),
            ("unknown layout", br#"{"format":"folio-bundle","version":"1.0","layout":"sharded","site":{"title":"t"},"posts":[]}"#, "bundle layout `sharded` is not supported: this reader knows `single`, `chunked` and `pages`"),
            ("chunked manifest without counts", br#"{"format":"folio-bundle","version":"1.1","layout":"chunked","site":{"title":"t"},"posts":[]}"#, "the bundle's top level is malformed: manifest: invalid type: sequence, expected usize"),
            ("posts is an object", br#"{"format":"folio-bundle","version":"1.0","site":{"title":"t"},"posts":{}}"#, "the bundle's top level is malformed: `posts` must be an array, found an object"),
            ("no posts", br#"{"format":"folio-bundle","version":"1.0","site":{"title":"t"}}"#, "the bundle's top level is malformed: the `posts` array is missing"),
            ("site without title", br#"{"format":"folio-bundle","version":"1.0","site":{},"posts":[]}"#, "the bundle's top level is malformed: `site`: missing field `title`"),
            ("site is a string", br#"{"format":"folio-bundle","version":"1.0","site":"x","posts":[]}"#, "the bundle's top level is malformed: `site`: invalid type: string \"x\", expected an object with a `title`"),
        ];
        for (name, input, message) in cases {
            let err = read_single_file(input).expect_err(name);
            assert_eq!(err.to_string(), *message, "case {name}");
        }
    }

    #[test]
    fn minor_versions_are_accepted() {
        let json =
            r#"{"format":"folio-bundle","version":"1.7","site":{"title":"t"},"posts":[],"future_field":{}}"#;
        assert!(read_single_file(json.as_bytes()).is_ok());
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
        let bundle = read_single_file(bundle_with_posts(&posts).as_bytes()).unwrap();
        let ids: Vec<&str> = bundle.posts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["seed", "null-tags"]);
        assert_eq!(bundle.posts[0].title, "无锡", "the first of two duplicate ids wins");
        assert_eq!(bundle.posts[1].categories, ["a"]);
        let shown: Vec<String> = bundle.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(shown, [
            "post #2: missing field `id`",
            "post #3 (no-title): missing field `title`",
            "post #4 (blank-title): title is empty",
            "post #5 (bad-date): date `2022-02-30 25:00` is not an RFC 3339 timestamp with an offset (premature end of input)",
            "post #6 (no-offset): date `2022-01-12T21:11:17` is not an RFC 3339 timestamp with an offset (premature end of input)",
            "post #7 (tags-number): invalid type: integer `5`, expected a sequence",
            "post #8 (a b): id contains whitespace, a control character or one of / ? # % \\ (id \"a b\")",
            "post #9 (seed): duplicate id `seed`: the first post with this id is kept",
            "post #10: expected an object, found a string",
        ]);
        assert_eq!(bundle.skipped[7].error, PostError::DuplicateId("seed".into()));
    }

    #[test]
    fn a_written_bundle_reads_back() {
        let bundle = read_single_file(bundle_with_posts(GOOD).as_bytes()).unwrap();
        let records: Vec<PostRecord> = bundle.posts.iter().map(PostRecord::from).collect();
        let file = SingleFileBundle::new(bundle.site.clone(), records, Some("test".into()));
        let json = serde_json::to_vec(&file).unwrap();
        let again = read_single_file(&json).unwrap();
        assert_eq!(again.posts, bundle.posts);
        assert_eq!(again.site, bundle.site);
    }

    #[test]
    fn a_leading_bom_is_accepted() {
        let json = format!("\u{feff}{}", bundle_with_posts(GOOD));
        assert_eq!(read_single_file(json.as_bytes()).unwrap().posts.len(), 1);
    }

    fn manifest_json(chunks: &str) -> String {
        format!(
            r#"{{"format":"folio-bundle","version":"1.1","layout":"chunked","site":{{"title":"归档"}},
            "chunks":{chunks:?},"posts":2,"page_size":50,
            "categories":{{"count":1,"pages":1,"top":[{{"name":"news","count":2}}]}},
            "tags":{{"count":1,"pages":1,"top":[{{"name":"华夏时报新闻","count":2}}]}},
            "years":[{{"year":2022,"count":2,"months":[[1,2]]}}]}}"#
        )
    }

    #[test]
    fn a_manifest_reads_as_a_chunked_bundle() {
        let Bundle::Chunked(m) = read_bundle(manifest_json("bundle/").as_bytes()).unwrap() else {
            panic!("not read as chunked");
        };
        let overview = Overview::of_manifest(&m);
        assert_eq!((overview.posts, overview.tag_count_of("华夏时报新闻")), (2, Some(2)));
        assert_eq!(overview.years[0].months, [(1, 2)]);
        assert_eq!(
            read_single_file(manifest_json("bundle/").as_bytes()).unwrap_err(),
            BundleError::ChunkedManifest
        );
    }

    #[test]
    fn chunk_folders_outside_the_manifest_are_refused() {
        for chunks in ["", "/abs/", "https://evil.example/", "../up/", "a/../../b/", "no-slash", "c:\\x/"] {
            let err = read_bundle(manifest_json(chunks).as_bytes()).unwrap_err();
            assert!(matches!(err, BundleError::BadShape { .. }), "{chunks}: {err}");
        }
    }

    #[test]
    fn files_of_another_name_are_refused_and_bad_entries_dropped() {
        let file = br#"{"name":"rust","total":2,"pages":1,"page":1,"posts":[
            {"id":"a","title":"A","date":"2022-01-12T21:11:17+08:00","tags":["rust"]},
            {"id":"b/c","title":"bad id","date":"2022-01-12T21:11:17+08:00"},
            {"id":"d","title":"bad date","date":"yesterday"}]}"#;
        let (_, entries) = read_list(&ListKind::Tag("rust".into()), file).unwrap();
        assert_eq!(entries.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["a"]);
        let err = read_list(&ListKind::Tag("Rust".into()), file).unwrap_err();
        assert_eq!(err, ChunkError::WrongName { expected: "Rust".into(), found: "rust".into() });
        let err = read_list(&ListKind::All, b"[1,2]").unwrap_err();
        assert!(matches!(err, ChunkError::Malformed { what: "list file", .. }), "{err}");

        let post =
            br#"{"post":{"id":"a","title":"A","date":"2022-01-12T21:11:17+08:00","content_html":"<p>x</p>"},
            "older":{"id":"z","title":"Z"},"newer":null}"#;
        let view = read_post_file("a", post).unwrap();
        assert_eq!((view.older.map(|n| n.id), view.newer), (Some("z".into()), None));
        assert!(matches!(read_post_file("b", post), Err(ChunkError::WrongName { .. })));
        let untitled =
            br#"{"post":{"id":"a","title":"","date":"2022-01-12T21:11:17+08:00","content_html":""}}"#;
        assert_eq!(
            read_post_file("a", untitled).unwrap_err(),
            ChunkError::InvalidPost(PostError::EmptyTitle)
        );
    }
}
