//! The chunked layout's naming rules: which file holds which list, taxonomy
//! page or post.
//!
//! The full contract, with the reasoning behind each size, is in
//! `docs/bundle-format.md`. In short, beside the viewer:
//!
//! ```text
//! bundle.json                         the manifest (crate::Manifest)
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

/// The folder, relative to the manifest, that holds the chunks.
pub const DEFAULT_CHUNK_ROOT: &str = "bundle/";

/// FNV-1a, 64 bits: the hash behind the chunked layout's file names and
/// the search index's term keys. Fast, small, and stable across builds and
/// platforms; not cryptographic, and the writers check for collisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    /// Adds `bytes` to the hash.
    pub fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// The hash so far.
    pub fn finish(self) -> u64 {
        self.0
    }

    /// The hash of `bytes`.
    pub fn hash(bytes: &[u8]) -> u64 {
        let mut hasher = Fnv1a::default();
        hasher.write(bytes);
        hasher.finish()
    }
}

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
    let hash = Fnv1a::hash(name.as_bytes());
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn pairs_are_in_key_order_whichever_way_they_are_named() {
        assert_eq!(ListKind::pair("rust", "wasm"), ListKind::pair("wasm", "rust"));
        let ListKind::TagPair(a, b) = ListKind::pair("rust", "wasm") else { unreachable!() };
        assert!(name_key(&a) <= name_key(&b));
    }
}
