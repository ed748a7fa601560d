//! Where each page of an archive lives: the viewer's routes, in the two
//! forms a URL can carry them.
//!
//! * **Hash routes** (`#/post/<id>`, `#/tag/<name>`): what the viewer uses
//!   when it is the only page of a deployment (`trunk build` output plus a
//!   bundle) and in embed mode. Every static host serves them with no rewrite
//!   rules, and old shared links keep working.
//! * **Site paths** (`post/<id>/`, `tag/<name>/`, `archive/2022/01/`): the
//!   real pages `folio build --with-viewer` writes, each a folder with an
//!   `index.html`, relative to the site's root. Crawlers and link previews see
//!   these; the viewer routes by them with the History API.
//!
//! Names and ids are percent-encoded in both forms, so any Unicode name
//! round-trips. A site path also names a folder on disk, so the characters no
//! file system or CDN takes in a file name (`/ \ % ? # < > : " | *`, control
//! characters, a trailing dot or space) are escaped in the folder name as
//! `%XX` first; that escape is itself percent-encoded in the URL, so reading a
//! path is one URL decode (the host's) and one [`name_from_segment`].
//! `docs/site-layout.md` has the whole scheme.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What a path segment escapes: everything but RFC 3986's unreserved
/// characters, as `encodeURIComponent` does plus `! ' ( ) *`.
/// The not-found page of a static site, which hosts serve for any missing
/// path.
pub const NOT_FOUND_PAGE: &str = "404.html";

const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// A page of the archive.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    /// Newest posts first (`?page=N` for later pages).
    Home,
    /// One article.
    Post {
        /// The post's id.
        id: String,
    },
    /// Posts in a category.
    Category {
        /// The category.
        name: String,
    },
    /// Posts with a tag.
    Tag {
        /// The tag.
        name: String,
    },
    /// The tag filter (`?all=a,b`, `?any=a,b`), and the index of every tag.
    Tags,
    /// The index of every category.
    Categories,
    /// Every year and month with posts.
    Dates,
    /// Posts of one year.
    Year {
        /// The year.
        year: i32,
    },
    /// Posts of one month.
    Month {
        /// The year.
        year: i32,
        /// The month, 1 to 12 (other numbers are kept, and not found).
        month: u32,
    },
    /// Search results (`?q=…`, with filters and a page).
    Search,
    /// Anything else.
    NotFound,
}

impl Location {
    /// Reads a hash route's path, the part after `#` and before `?`:
    /// `/post/000_dacaaeb1a3c7b9ba`, `/tag/%E5%8D%8E%E5%A4%8F`. A trailing
    /// slash is ignored; anything unknown is [`Location::NotFound`].
    ///
    /// ```
    /// use folio_core::Location;
    /// assert_eq!(Location::from_route("/tag/SF%20(%E8%BD%AF%E4%BB%B6%E5%9F%BA%E7%A1%80)"),
    ///            Location::Tag { name: "SF (软件基础)".into() });
    /// assert_eq!(Location::from_route("/archive/2022/1"), Location::Month { year: 2022, month: 1 });
    /// ```
    pub fn from_route(path: &str) -> Location {
        Location::parse(path, decode)
    }

    /// Reads a site path relative to the site's root, as the URL has it
    /// (still percent-encoded): `post/000_dacaaeb1a3c7b9ba/`,
    /// `tag/a%252Fb/` for the tag `a/b`. A leading or trailing slash is
    /// ignored.
    ///
    /// ```
    /// use folio_core::Location;
    /// assert_eq!(Location::from_site_path("tag/a%252Fb/"), Location::Tag { name: "a/b".into() });
    /// assert_eq!(Location::from_site_path(""), Location::Home);
    /// ```
    pub fn from_site_path(path: &str) -> Location {
        Location::parse(path, |segment| name_from_segment(&decode(segment)))
    }

    fn parse(path: &str, name: impl Fn(&str) -> String) -> Location {
        let path = path.trim_start_matches('/').trim_end_matches('/');
        let parts: Vec<&str> = if path.is_empty() { Vec::new() } else { path.split('/').collect() };
        let named = |value: &str| Some(name(value)).filter(|n| !n.is_empty());
        let found = match parts.as_slice() {
            [] => Some(Location::Home),
            ["post", id] => named(id).map(|id| Location::Post { id }),
            ["category", c] => named(c).map(|name| Location::Category { name }),
            ["tag", t] => named(t).map(|name| Location::Tag { name }),
            ["tags"] => Some(Location::Tags),
            ["categories"] => Some(Location::Categories),
            ["search"] => Some(Location::Search),
            ["archive"] => Some(Location::Dates),
            ["archive", year] => year.parse().ok().map(|year| Location::Year { year }),
            ["archive", year, month] => match (year.parse(), month.parse()) {
                (Ok(year), Ok(month)) => Some(Location::Month { year, month }),
                _ => None,
            },
            _ => None,
        };
        found.unwrap_or(Location::NotFound)
    }

    /// The hash route's path: `/post/<id>`, `/archive/2022/1`. The viewer
    /// writes `#` in front of it.
    pub fn route(&self) -> String {
        let enc = |name: &str| utf8_percent_encode(name, COMPONENT).to_string();
        match self {
            Location::Home => "/".to_owned(),
            Location::Post { id } => format!("/post/{}", enc(id)),
            Location::Category { name } => format!("/category/{}", enc(name)),
            Location::Tag { name } => format!("/tag/{}", enc(name)),
            Location::Tags => "/tags".to_owned(),
            Location::Categories => "/categories".to_owned(),
            Location::Search => "/search".to_owned(),
            Location::Dates => "/archive".to_owned(),
            Location::Year { year } => format!("/archive/{year}"),
            Location::Month { year, month } => format!("/archive/{year}/{month}"),
            Location::NotFound => "/not-found".to_owned(),
        }
    }

    /// The site path, relative to the site's root, percent-encoded for a
    /// URL: `post/<id>/`, `archive/2022/01/`; the empty string for the home
    /// page, and [`NOT_FOUND_PAGE`] for [`Location::NotFound`] (hosts answer
    /// any missing path with it).
    pub fn site_path(&self) -> String {
        match self.folder() {
            Some(folder) => folder.iter().map(|s| format!("{}/", enc_segment(s))).collect(),
            None => NOT_FOUND_PAGE.to_owned(),
        }
    }

    /// The page's file on disk, relative to the site's root, with `/`
    /// separators: `post/<id>/index.html`, with names escaped by
    /// [`name_segment`] but not percent-encoded (the host decodes the URL
    /// before it looks for the file); [`NOT_FOUND_PAGE`] for
    /// [`Location::NotFound`].
    pub fn page_file(&self) -> String {
        match self.folder() {
            Some(folder) => {
                let mut file: String = folder.iter().map(|s| format!("{s}/")).collect();
                file.push_str("index.html");
                file
            }
            None => NOT_FOUND_PAGE.to_owned(),
        }
    }

    /// The folder names of the page, escaped for disk (none for the
    /// not-found page, which is a file).
    fn folder(&self) -> Option<Vec<String>> {
        Some(match self {
            Location::Home => Vec::new(),
            Location::Post { id } => vec!["post".into(), name_segment(id)],
            Location::Category { name } => vec!["category".into(), name_segment(name)],
            Location::Tag { name } => vec!["tag".into(), name_segment(name)],
            Location::Tags => vec!["tags".into()],
            Location::Categories => vec!["categories".into()],
            Location::Search => vec!["search".into()],
            Location::Dates => vec!["archive".into()],
            Location::Year { year } => vec!["archive".into(), year.to_string()],
            Location::Month { year, month } => {
                vec!["archive".into(), year.to_string(), format!("{month:02}")]
            }
            Location::NotFound => return None,
        })
    }
}

fn decode(segment: &str) -> String {
    percent_decode_str(segment).decode_utf8_lossy().into_owned()
}

fn enc_segment(segment: &str) -> String {
    utf8_percent_encode(segment, COMPONENT).to_string()
}

/// Whether a character cannot stand in a folder name on every file system
/// and CDN (or is `%`, which [`name_segment`] uses to escape).
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '/' | '\\' | '%' | '?' | '#' | '<' | '>' | ':' | '"' | '|' | '*')
}

/// A name as a folder name: the characters [`needs_escape`] lists, and a
/// trailing dot or space (which Windows drops), as `%XX` of their UTF-8
/// bytes; everything else as it is.
///
/// ```
/// assert_eq!(folio_core::name_segment("SF (软件基础)"), "SF (软件基础)");
/// assert_eq!(folio_core::name_segment("a/b"), "a%2Fb");
/// assert_eq!(folio_core::name_segment("100%"), "100%25");
/// ```
pub fn name_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let last = name.char_indices().last().map(|(i, _)| i);
    for (i, c) in name.char_indices() {
        let trailing = Some(i) == last && matches!(c, '.' | ' ');
        if needs_escape(c) || trailing {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The name a folder name stands for: the inverse of [`name_segment`].
pub fn name_from_segment(segment: &str) -> String {
    decode(segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(name: &str) -> Vec<Location> {
        vec![
            Location::Home,
            Location::Post { id: name.into() },
            Location::Category { name: name.into() },
            Location::Tag { name: name.into() },
            Location::Tags,
            Location::Categories,
            Location::Dates,
            Location::Year { year: 2022 },
            Location::Month { year: 2022, month: 1 },
        ]
    }

    #[test]
    fn every_location_round_trips_through_both_forms() {
        let names = [
            "000_dacaaeb1a3c7b9ba",
            "华夏时报新闻",
            "SF (软件基础)",
            "C#",
            "C++",
            "100%",
            "a,b",
            "c&d=e",
            "a?b",
            "x/y",
            "naïve café",
            "emoji 🎉",
            "a ~ b",
            "back\\slash",
            "trailing.",
            "trailing ",
            "%2F",
            "tab\tname",
            "CON",
            "..a",
        ];
        for name in names {
            for location in all(name) {
                assert_eq!(Location::from_route(&location.route()), location, "route {}", location.route());
                let path = location.site_path();
                assert_eq!(Location::from_site_path(&path), location, "site path {path}");
                // What a host does: decode the URL path, then look the file up.
                let file = location.page_file();
                assert_eq!(decode(&path) + "index.html", file, "{name}");
                assert!(!file.contains("//") && !file.contains("/../") && !file.starts_with('/'));
                for part in file.split('/') {
                    assert!(!part.is_empty() && part != "." && part != "..", "{file}");
                    assert!(!part.ends_with('.') || part == "index.html", "{file}");
                    assert!(!part.chars().any(|c| c.is_control() || "\\?#<>:\"|*".contains(c)), "{file}");
                }
            }
        }
    }

    #[test]
    fn hash_routes_keep_their_old_form() {
        // The derive-based router of earlier versions wrote these.
        assert_eq!(Location::Post { id: "a".into() }.route(), "/post/a");
        assert_eq!(
            Location::Tag { name: "SF (软件基础)".into() }.route(),
            "/tag/SF%20%28%E8%BD%AF%E4%BB%B6%E5%9F%BA%E7%A1%80%29"
        );
        assert_eq!(Location::Month { year: 2022, month: 1 }.route(), "/archive/2022/1");
        assert_eq!(
            Location::from_route("/tag/SF (软件基础)/"),
            Location::Tag { name: "SF (软件基础)".into() }
        );
        assert_eq!(Location::from_route("/archive/2022/01"), Location::Month { year: 2022, month: 1 });
    }

    #[test]
    fn site_paths_are_folders() {
        assert_eq!(Location::Home.site_path(), "");
        assert_eq!(Location::Home.page_file(), "index.html");
        assert_eq!(Location::Month { year: 2022, month: 1 }.site_path(), "archive/2022/01/");
        assert_eq!(Location::Tag { name: "a/b".into() }.site_path(), "tag/a%252Fb/");
        assert_eq!(Location::Tag { name: "a/b".into() }.page_file(), "tag/a%2Fb/index.html");
        assert_eq!(Location::Post { id: "无锡".into() }.site_path(), "post/%E6%97%A0%E9%94%A1/");
        assert_eq!(Location::NotFound.site_path(), "404.html");
        assert_eq!(Location::NotFound.page_file(), "404.html");
        assert_eq!(Location::from_site_path("404.html"), Location::NotFound);
    }

    #[test]
    fn unknown_paths_are_not_found() {
        for path in ["/nope", "/post", "/post/a/b", "/archive/x", "/archive/2022/x", "/tag/", "/tags/x"] {
            assert_eq!(Location::from_route(path), Location::NotFound, "{path}");
        }
    }
}
