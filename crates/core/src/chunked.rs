//! The chunked bundle layout (format 1.1): an archive of any size as many
//! small files, so that a page downloads only what it shows.
//!
//! The full contract, with the reasoning behind each size, is in
//! `docs/bundle-format.md`. In short, beside the viewer:
//!
//! ```text
//! bundle.json                         the manifest (this module's Manifest)
//! bundle/lists/all/1.json             newest posts, 50 per page
//! bundle/lists/category/<key>/1.json  one category's posts
//! bundle/lists/tag/<key>/1.json       one tag's posts
//! bundle/lists/year/2022/1.json       one year's posts
//! bundle/lists/month/2022-01/1.json   one month's posts
//! bundle/lists/pair/<ka>/<kb>/1.json  posts with both of two top tags
//! bundle/terms/category/1.json        every category with its count, paged
//! bundle/terms/tag/1.json             every tag with its count, paged
//! bundle/posts/<kk>/<key>.json        one post, with its older and newer neighbours
//! ```
//!
//! `<key>` is [`name_key`] of the category, tag or post id: a fixed-length
//! hash, so any Unicode name maps to a safe file name on every file system and
//! CDN, and a post's file is found from its id alone, with no id map.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::archive::{TermCount, YearCount};
use crate::bundle::{format_date, parse_date, PostRecord};
use crate::model::{validate_id, Post, Site};

/// The `layout` of a chunked bundle's manifest.
pub const LAYOUT_CHUNKED: &str = "chunked";
/// The minor version that introduced the chunked layout; manifests say `1.1`.
pub const CHUNKED_MINOR: u32 = 1;
/// Entries per list file: one viewer page. 50 summaries of Chinese or English
/// titles stay under 4 KB with brotli (measured in `docs/benchmarks.md`).
pub const LIST_PAGE_SIZE: usize = 50;
/// Terms per taxonomy file: 500 names with counts are about 3 KB brotli.
pub const TERMS_PAGE_SIZE: usize = 500;
/// Tags listed in the manifest, most used first: the sidebar's cloud and the
/// tag filter's first choices, without another request, and the tags whose
/// every pair has an AND list ([`ListKind::TagPair`]).
pub const MANIFEST_TAGS: usize = 60;
/// Categories listed in the manifest. Archives have a few dozen; more are in
/// the paged taxonomy files.
pub const MANIFEST_CATEGORIES: usize = 60;
/// The folder, relative to the manifest, that holds the chunks.
pub const DEFAULT_CHUNK_ROOT: &str = "bundle/";

/// A stable 16-hex-digit key for a name or id (FNV-1a, 64 bits, over UTF-8).
///
/// FNV is not cryptographic, and need not be: the writer checks that no two
/// names of one kind share a key, and every file repeats its full name, which
/// the reader compares.
///
/// ```
/// assert_eq!(folio_core::name_key("华夏时报新闻").len(), 16);
/// assert_ne!(folio_core::name_key("rust"), folio_core::name_key("Rust"));
/// ```
pub fn name_key(name: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// A list of posts that has its own files.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ListKind {
    /// Every post.
    All,
    /// One category.
    Category(String),
    /// One tag.
    Tag(String),
    /// One calendar year, in each post's own offset.
    Year(i32),
    /// One month (1–12) of a year.
    Month(i32, u32),
    /// The posts carrying both of two tags, for two of the manifest's top
    /// tags; build it with [`ListKind::pair`], which puts them in key order.
    TagPair(String, String),
}

impl ListKind {
    /// The list of posts carrying both tags `a` and `b`.
    pub fn pair(a: &str, b: &str) -> Self {
        if name_key(a) <= name_key(b) {
            ListKind::TagPair(a.to_owned(), b.to_owned())
        } else {
            ListKind::TagPair(b.to_owned(), a.to_owned())
        }
    }

    /// Path of page `page` (1-based) of this list, relative to the chunk root.
    ///
    /// ```
    /// use folio_core::ListKind;
    /// assert_eq!(ListKind::All.path(1), "lists/all/1.json");
    /// assert_eq!(ListKind::Month(2022, 1).path(3), "lists/month/2022-01/3.json");
    /// assert_eq!(ListKind::Tag("rust".into()).path(1), format!("lists/tag/{}/1.json", folio_core::name_key("rust")));
    /// ```
    pub fn path(&self, page: usize) -> String {
        match self {
            ListKind::All => format!("lists/all/{page}.json"),
            ListKind::Category(name) => format!("lists/category/{}/{page}.json", name_key(name)),
            ListKind::Tag(name) => format!("lists/tag/{}/{page}.json", name_key(name)),
            ListKind::Year(year) => format!("lists/year/{year}/{page}.json"),
            ListKind::Month(year, month) => format!("lists/month/{year}-{month:02}/{page}.json"),
            ListKind::TagPair(a, b) => format!("lists/pair/{}/{}/{page}.json", name_key(a), name_key(b)),
        }
    }

    /// The name a list file must repeat, if any: the category or tag name,
    /// or a pair's two tag names in key order, separated by a line feed.
    pub fn name(&self) -> Option<String> {
        match self {
            ListKind::Category(name) | ListKind::Tag(name) => Some(name.clone()),
            ListKind::TagPair(a, b) => Some(format!("{a}\n{b}")),
            _ => None,
        }
    }

    /// The tags every post of this list carries.
    pub fn tags(&self) -> Vec<&str> {
        match self {
            ListKind::Tag(name) => vec![name],
            ListKind::TagPair(a, b) => vec![a, b],
            _ => Vec::new(),
        }
    }
}

/// Categories or tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermKind {
    /// Categories.
    Category,
    /// Tags.
    Tag,
}

impl TermKind {
    /// Path of page `page` (1-based) of the full taxonomy of this kind.
    pub fn path(self, page: usize) -> String {
        match self {
            TermKind::Category => format!("terms/category/{page}.json"),
            TermKind::Tag => format!("terms/tag/{page}.json"),
        }
    }
}

/// Path of a post's file, relative to the chunk root: 256 folders by the
/// first two digits of the key keep folders small at a million posts.
///
/// ```
/// let path = folio_core::post_path("000_dacaaeb1a3c7b9ba");
/// let key = folio_core::name_key("000_dacaaeb1a3c7b9ba");
/// assert_eq!(path, format!("posts/{}/{key}.json", &key[..2]));
/// ```
pub fn post_path(id: &str) -> String {
    let key = name_key(id);
    format!("posts/{}/{key}.json", &key[..2])
}

/// A count of terms with the first few of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermSummary {
    /// How many distinct terms the archive has.
    pub count: usize,
    /// How many taxonomy files ([`TERMS_PAGE_SIZE`] terms each) there are.
    pub pages: usize,
    /// The most used terms, most used first, then by name.
    pub top: Vec<TermCount>,
}

/// The manifest of a chunked bundle: `bundle.json` itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `folio-bundle`.
    pub format: String,
    /// `"1.1"`.
    pub version: String,
    /// Always [`LAYOUT_CHUNKED`].
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
    /// Terms, most used first, then by name.
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

/// One post's file.
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

    /// Whether `self` comes before `other` in an archive's order: newest first,
    /// ties by id (the order of [`crate::Archive`] and of every list file).
    pub fn cmp_order(&self, other: &Self) -> std::cmp::Ordering {
        other.date.cmp(&self.date).then_with(|| self.id.cmp(&other.id))
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
    type Error = String;

    fn try_from(e: &EntryRecord) -> Result<Self, String> {
        validate_id(&e.id).map_err(|why| format!("{why} (id {:?})", e.id))?;
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
    /// The file belongs to another name (a hash collision or a misplaced file).
    #[error("the file belongs to `{found}`, not `{expected}`")]
    WrongName {
        /// The name the reader asked for.
        expected: String,
        /// The name the file carries.
        found: String,
    },
}

fn malformed(what: &'static str) -> impl Fn(serde_json::Error) -> ChunkError {
    move |e| ChunkError::Malformed { what, message: e.to_string() }
}

/// Reads one page of `kind`, checking it is the list asked for. Entries that
/// fail validation are dropped, not fatal: the rest of the page still shows.
///
/// # Errors
///
/// Malformed JSON, or a file that names another category or tag.
pub fn read_list(kind: &ListKind, bytes: &[u8]) -> Result<(ListFile, Vec<PostSummary>), ChunkError> {
    let file: ListFile = serde_json::from_slice(bytes).map_err(malformed("list file"))?;
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
    let file: PostFile = serde_json::from_slice(bytes).map_err(malformed("post file"))?;
    if file.post.id != id {
        return Err(ChunkError::WrongName { expected: id.to_owned(), found: file.post.id });
    }
    let post =
        Post::try_from(file.post).map_err(|message| ChunkError::Malformed { what: "post file", message })?;
    Ok(ArticleView { post, older: file.older, newer: file.newer })
}

/// Reads one page of a taxonomy.
///
/// # Errors
///
/// Malformed JSON.
pub fn read_terms(bytes: &[u8]) -> Result<TermsView, ChunkError> {
    let file: TermsFile = serde_json::from_slice(bytes).map_err(malformed("taxonomy file"))?;
    Ok(TermsView { terms: file.terms, number: file.page, count: file.pages.max(1), total: file.total })
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
    /// A page cut from a fully known list, or `None` past its end. An empty
    /// list has one, empty, page.
    pub fn from_items(all: &[PostSummary], number: usize, per_page: usize) -> Option<Self> {
        let page = crate::paginate(all, number, per_page)?;
        Some(ListView {
            items: page.items.to_vec(),
            number,
            total: Total::Exact(all.len()),
            count: Some(page.count),
            has_next: page.next().is_some(),
        })
    }

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

    /// An empty list.
    pub fn empty() -> Self {
        ListView { items: Vec::new(), number: 1, total: Total::Exact(0), count: Some(1), has_next: false }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{read_bundle, Bundle, BundleError};

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
        assert!(matches!(err, ChunkError::WrongName { .. }), "{err}");
        let err = read_list(&ListKind::All, b"[1,2]").unwrap_err();
        assert!(matches!(err, ChunkError::Malformed { .. }), "{err}");

        let post =
            br#"{"post":{"id":"a","title":"A","date":"2022-01-12T21:11:17+08:00","content_html":"<p>x</p>"},
            "older":{"id":"z","title":"Z"},"newer":null}"#;
        let view = read_post_file("a", post).unwrap();
        assert_eq!((view.older.map(|n| n.id), view.newer), (Some("z".into()), None));
        assert!(matches!(read_post_file("b", post), Err(ChunkError::WrongName { .. })));
    }

    #[test]
    fn keys_are_stable_and_paths_are_safe_for_any_name() {
        // Pinned: changing the hash would orphan every deployed chunked bundle.
        assert_eq!(name_key(""), "cbf29ce484222325");
        assert_eq!(name_key("a"), "af63dc4c8601ec8c");
        for name in ["../etc", "a/b", "CON", "华夏时报新闻", "x?y#z", "."] {
            let path = ListKind::Tag(name.into()).path(1);
            assert!(path.bytes().all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b)), "{path}");
            assert!(!path.contains(".."));
        }
    }
}
