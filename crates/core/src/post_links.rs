//! Links between the posts of an archive, by their addresses on the
//! original site.
//!
//! Posts in real archives link to one another by the original site's
//! permalinks (`/2019/03/04/slug.html`, `{{ site.baseurl }}/posts/slug/`).
//! Those addresses mean nothing in a Folio archive, which may be deployed
//! anywhere: the sanitiser turns every link to a post of the archive into a
//! link to the post itself (`#/post/<id>`, which a static site writes as its
//! real path), and leaves links to anything else to its usual rules.
//!
//! A link matches a post when, after the site's base path is taken off, its
//! path equals the post's permalink, give or take what hosts serve the same
//! page under: a trailing `/`, `index.html`, `.html`, and percent-encoding.
//! Root-relative links (`/x`), links on the original site's own host
//! (`https://site/x`), and relative links resolved against the base URL are
//! looked up; queries and fragments are ignored.

use std::collections::HashMap;

use percent_encoding::percent_decode_str;
use url::Url;

use crate::location::Location;

/// The archive's posts by their original permalinks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostLinks {
    by_path: HashMap<String, String>,
    /// The original site's base path (Jekyll's `baseurl`), such as `/blog`,
    /// or empty.
    base_path: String,
}

impl PostLinks {
    /// No posts yet, on a site served under `base_path` (Jekyll's
    /// `baseurl`, such as `/blog`; empty at the root). Links may carry the
    /// base path or not.
    pub fn new(base_path: &str) -> Self {
        let trimmed = base_path.trim_matches('/');
        let base_path = if trimmed.is_empty() { String::new() } else { format!("/{trimmed}") };
        PostLinks { by_path: HashMap::new(), base_path }
    }

    /// Records that the post `id` lived at `permalink`, a path from the
    /// original site's root such as `/2019/03/04/slug.html` (without the
    /// site's base path). The first post given a permalink keeps it.
    pub fn insert(&mut self, permalink: &str, id: &str) {
        self.by_path.entry(path_key(permalink)).or_insert_with(|| id.to_owned());
    }

    /// How many permalinks are known.
    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    /// The viewer route (`#/post/<id>`) of the post `url` links to, if it is
    /// one of the archive's. `base` is the original site's URL, ending in `/`.
    ///
    /// ```
    /// use folio_core::PostLinks;
    /// let mut links = PostLinks::new("");
    /// links.insert("/posts/2024/hello-world/", "2024-01-02-hello-world");
    /// let base = url::Url::parse("https://blog.example/").ok();
    /// for href in ["/posts/2024/hello-world", "https://blog.example/posts/2024/hello-world/index.html#top"] {
    ///     assert_eq!(links.route(base.as_ref(), href).as_deref(), Some("#/post/2024-01-02-hello-world"));
    /// }
    /// assert_eq!(links.route(base.as_ref(), "https://elsewhere.example/posts/2024/hello-world"), None);
    /// ```
    pub fn route(&self, base: Option<&Url>, url: &str) -> Option<String> {
        if self.by_path.is_empty() {
            return None;
        }
        let path = link_path(base, &self.base_path, url)?;
        let id = self.by_path.get(&path_key(&path))?;
        Some(format!("#{}", Location::Post { id: id.clone() }.route()))
    }
}

/// The path from the original site's root (after its `base_path`) that
/// `url` points at, when it points into that site.
fn link_path(base: Option<&Url>, base_path: &str, url: &str) -> Option<String> {
    let on_site = |path: &str| -> Option<String> {
        let rest = path.strip_prefix(base_path)?;
        // `/blog` must not match `/blogroll`.
        (rest.is_empty() || rest.starts_with('/')).then(|| {
            if rest.is_empty() {
                "/".to_owned()
            } else {
                rest.to_owned()
            }
        })
    };
    if url.starts_with('/') && !url.starts_with("//") {
        let path = url.split(['?', '#']).next().unwrap_or(url);
        // A root-relative link may or may not include the base path.
        return on_site(path).or_else(|| Some(path.to_owned()));
    }
    let resolved = match Url::parse(url) {
        Ok(absolute) => absolute,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(url).ok()?,
        Err(_) => return None,
    };
    let base = base?;
    let same_site = matches!(resolved.scheme(), "http" | "https")
        && resolved.host_str().map(|h| h.trim_start_matches("www."))
            == base.host_str().map(|h| h.trim_start_matches("www."));
    same_site.then(|| on_site(resolved.path())).flatten()
}

/// A path as the table keys it: decoded, without what hosts add or drop
/// (`index.html`, `.html`, the trailing `/`).
fn path_key(path: &str) -> String {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut key: &str = &decoded;
    key = key.strip_suffix("index.html").unwrap_or(key);
    key = key.strip_suffix(".html").unwrap_or(key);
    key = key.trim_end_matches('/');
    format!("/{}", key.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> PostLinks {
        let mut links = PostLinks::new("/blog/");
        links.insert("/2019/03/04/slug.html", "2019-03-04-slug");
        links.insert("/posts/2024/hello-world/", "hello");
        links.insert("/新闻/2022/01/05/标题.html", "标题");
        links
    }

    #[test]
    fn spellings_of_a_permalink_find_its_post() {
        let base = Url::parse("https://blog.example/blog/").ok();
        let links = links();
        let route = |href: &str| links.route(base.as_ref(), href);
        for href in [
            "/blog/2019/03/04/slug.html",
            "/2019/03/04/slug.html",
            "/blog/2019/03/04/slug",
            "https://blog.example/blog/2019/03/04/slug.html?ref=x#part",
            "http://www.blog.example/blog/2019/03/04/slug/",
            "2019/03/04/slug.html",
        ] {
            assert_eq!(route(href).as_deref(), Some("#/post/2019-03-04-slug"), "{href}");
        }
        assert_eq!(route("/posts/2024/hello-world").as_deref(), Some("#/post/hello"));
        assert_eq!(
            route("/blog/%E6%96%B0%E9%97%BB/2022/01/05/%E6%A0%87%E9%A2%98.html").as_deref(),
            Some("#/post/%E6%A0%87%E9%A2%98")
        );
    }

    #[test]
    fn other_links_are_not_posts() {
        let base = Url::parse("https://blog.example/blog/").ok();
        let links = links();
        for href in [
            "https://other.example/2019/03/04/slug.html",
            "/blog/2019/03/04/other.html",
            "/blogroll/2019/03/04/slug.html/x",
            // Resolved against the base URL, this is outside the site.
            "../2019/03/04/slug.html",
            "mailto:a@b.example",
            "#/post/x",
            "//other.example/posts/2024/hello-world",
        ] {
            assert_eq!(links.route(base.as_ref(), href), None, "{href}");
        }
        // Without a base URL only root-relative links can be placed.
        assert_eq!(links.route(None, "/posts/2024/hello-world/").as_deref(), Some("#/post/hello"));
        assert_eq!(links.route(None, "posts/2024/hello-world/"), None);
        assert_eq!(PostLinks::new("").route(base.as_ref(), "/2019/03/04/slug.html"), None);
    }
}
