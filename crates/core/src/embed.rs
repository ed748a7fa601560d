//! Embed mode: the options an embedding page passes in the viewer's URL, and
//! the messages the viewer and its parent page exchange.
//!
//! An embedder loads `index.html?embed=1&parent_origin=https://host.example#/post/ID`
//! (normally through `static/embed.js`). The viewer then drops its site chrome,
//! tells the parent its content height with [`ResizeMessage`] (only ever to the
//! declared `parent_origin`, never to `*`), and accepts the few
//! [`EmbedCommand`]s below from that origin only. Commands carry names and
//! ids, never HTML, CSS or URLs.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;
use crate::model::validate_id;
use crate::query::{decode_query_value, query_pairs};

/// Posts an embedded list shows unless `limit` says otherwise.
pub const DEFAULT_EMBED_LIMIT: usize = 5;
/// The most posts an embedded list shows.
pub const MAX_EMBED_LIMIT: usize = 50;
/// The version of the message schema.
pub const EMBED_MESSAGE_VERSION: u32 = 1;
/// Longest tag or category name a command may carry.
const MAX_NAME_BYTES: usize = 200;

/// Colour scheme of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the reader's system setting.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Reads `light`, `dark` or `auto`.
    pub fn parse(value: &str) -> Option<Theme> {
        match value {
            "auto" => Some(Theme::Auto),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The value of `data-theme` on `<html>`, or `None` to follow the system.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::Auto => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// What the page URL's query (before the `#`) says about presentation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ViewOptions {
    /// `embed=1`: no site chrome, compact, talks to the parent page.
    pub embed: bool,
    /// `theme=light|dark|auto`.
    pub theme: Theme,
    /// `lang=zh|en`: interface language, overriding the site's.
    pub locale: Option<Locale>,
    /// `parent_origin=https://host.example`: the only origin the viewer talks
    /// to, as a serialised origin (scheme, host and port, no path).
    pub parent_origin: Option<String>,
    /// `limit=N`: posts in an embedded list, 1 to [`MAX_EMBED_LIMIT`].
    pub limit: usize,
}

impl ViewOptions {
    /// Reads the page's query string (`location.search`). Unknown keys and
    /// unreadable values are ignored; a `parent_origin` that is not a plain
    /// `http(s)` origin is dropped, so the viewer then sends no messages.
    ///
    /// # Examples
    ///
    /// ```
    /// use folio_core::{Theme, ViewOptions};
    /// let o = ViewOptions::parse("?embed=1&theme=dark&parent_origin=https%3A%2F%2Fblog.example&limit=3");
    /// assert!(o.embed);
    /// assert_eq!(o.theme, Theme::Dark);
    /// assert_eq!(o.parent_origin.as_deref(), Some("https://blog.example"));
    /// assert_eq!(o.limit, 3);
    /// ```
    pub fn parse(search: &str) -> ViewOptions {
        let mut out = ViewOptions { limit: DEFAULT_EMBED_LIMIT, ..ViewOptions::default() };
        for (key, raw) in query_pairs(search) {
            let value = decode_query_value(raw);
            match key {
                "embed" => out.embed = matches!(value.as_str(), "1" | "true" | "yes" | ""),
                "theme" => out.theme = Theme::parse(&value).unwrap_or_default(),
                "lang" => {
                    out.locale = match value.as_str() {
                        "zh" | "zh-CN" => Some(Locale::Zh),
                        "en" => Some(Locale::En),
                        _ => None,
                    }
                }
                "parent_origin" => out.parent_origin = normalise_origin(&value),
                "limit" => {
                    out.limit = value
                        .parse()
                        .ok()
                        .filter(|n| (1..=MAX_EMBED_LIMIT).contains(n))
                        .unwrap_or(DEFAULT_EMBED_LIMIT)
                }
                _ => {}
            }
        }
        out
    }
}

/// `https://host:port` as browsers serialise origins, or `None` when the
/// value is not exactly an `http`/`https` origin: no path, query, fragment
/// or user name, a host of ASCII letters, digits and hyphens (or an IPv6
/// address in brackets), and an optional port, dropped when it is the
/// scheme's default.
///
/// This is not a URL parser: it accepts only the one shape an origin has, so
/// the viewer can check `parent_origin` without the `url` crate and its
/// Unicode tables (about 60 KB of the viewer's wasm). A host with Unicode
/// letters must be given as the browser serialises it, in punycode
/// (`xn--fsqu00a.xn--0zwm56d`): that is what `event.origin` says.
pub fn normalise_origin(value: &str) -> Option<String> {
    let (scheme, rest) = value.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        _ => return None,
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.contains(['/', '?', '#', '@', '\\']) {
        return None;
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (address, after) = v6.split_once(']')?;
            let valid =
                address.contains(':') && address.chars().all(|c| c.is_ascii_hexdigit() || ":.".contains(c));
            (
                valid.then(|| format!("[{}]", address.to_ascii_lowercase()))?,
                after.strip_prefix(':').or(after.is_empty().then_some(""))?,
            )
        }
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (host.to_ascii_lowercase(), port),
            None => (authority.to_ascii_lowercase(), ""),
        },
    };
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let hostname_ok = host.len() <= 253 && host.split('.').all(label_ok);
    if !host.starts_with('[') && !hostname_ok {
        return None;
    }
    let port = match port {
        "" => None,
        digits if digits.len() <= 5 && digits.bytes().all(|b| b.is_ascii_digit()) => {
            Some(digits.parse::<u32>().ok().filter(|p| (1..=65_535).contains(p))?)
        }
        _ => return None,
    };
    Some(match port {
        Some(port) if port != default_port => format!("{scheme}://{host}:{port}"),
        _ => format!("{scheme}://{host}"),
    })
}

/// The message the viewer posts to its parent whenever its height changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResizeMessage {
    /// Always `"folio:resize"`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// [`EMBED_MESSAGE_VERSION`].
    pub version: u32,
    /// Content height in CSS pixels.
    pub height: u32,
}

impl ResizeMessage {
    /// A resize message for `height` CSS pixels.
    pub fn new(height: u32) -> Self {
        ResizeMessage { kind: "folio:resize", version: EMBED_MESSAGE_VERSION, height }
    }
}

/// Where a parent page may send the embedded viewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbedTarget {
    /// One article, by id.
    Post(String),
    /// The newest posts.
    Latest,
    /// A category's posts.
    Category(String),
    /// A tag's posts.
    Tag(String),
}

/// A command from the parent page, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbedCommand {
    /// Show another page.
    Navigate(EmbedTarget),
    /// Switch the colour scheme.
    SetTheme(Theme),
}

/// The wire form of commands: `{"type":"folio:navigate","version":1,"view":"post","id":"..."}`
/// or `{"type":"folio:theme","version":1,"theme":"dark"}`; anything else is
/// refused. One flat struct rather than a serde enum tagged by `type`: a
/// tagged enum buffers its input through serde's generic `Content`, about
/// 10 KB of the viewer's wasm for two small messages.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireCommand {
    #[serde(rename = "type")]
    kind: String,
    version: u32,
    view: Option<String>,
    id: Option<String>,
    name: Option<String>,
    theme: Option<String>,
}

impl EmbedCommand {
    /// Reads a command from the JSON form of a `message` event's data.
    /// Returns `None` for anything that is not exactly a known command of the
    /// current version with valid values.
    ///
    /// # Examples
    ///
    /// ```
    /// use folio_core::{EmbedCommand, EmbedTarget};
    /// let c = EmbedCommand::parse(r#"{"type":"folio:navigate","version":1,"view":"tag","name":"华夏时报新闻"}"#);
    /// assert_eq!(c, Some(EmbedCommand::Navigate(EmbedTarget::Tag("华夏时报新闻".into()))));
    /// assert_eq!(EmbedCommand::parse(r#"{"type":"folio:navigate","version":1,"view":"url","name":"https://evil.example"}"#), None);
    /// ```
    pub fn parse(json: &str) -> Option<EmbedCommand> {
        if json.len() > 4096 {
            return None;
        }
        let wire = serde_json::from_str::<WireCommand>(json).ok()?;
        if wire.version != EMBED_MESSAGE_VERSION {
            return None;
        }
        match (wire.kind.as_str(), wire.view.as_deref(), wire.theme) {
            ("folio:theme", None, Some(theme)) if wire.id.is_none() && wire.name.is_none() => {
                Theme::parse(&theme).map(EmbedCommand::SetTheme)
            }
            ("folio:navigate", Some(view), None) => {
                let target = match (view, wire.id, wire.name) {
                    ("post", Some(id), None) => {
                        validate_id(&id).ok()?;
                        EmbedTarget::Post(id)
                    }
                    ("latest", None, None) => EmbedTarget::Latest,
                    ("category", None, Some(name)) => EmbedTarget::Category(valid_name(name)?),
                    ("tag", None, Some(name)) => EmbedTarget::Tag(valid_name(name)?),
                    _ => return None,
                };
                Some(EmbedCommand::Navigate(target))
            }
            _ => None,
        }
    }
}

fn valid_name(name: String) -> Option<String> {
    let ok = !name.trim().is_empty()
        && name.len() <= MAX_NAME_BYTES
        && !name.chars().all(|c| c == '.')
        && !name.chars().any(char::is_control);
    ok.then_some(name)
}

/// The HTML another site pastes to embed the page at `page_url`: a
/// `data-folio-src` element and the loader script at `loader_url` (the
/// site's `embed.js`). See `docs/embed.md`.
///
/// ```
/// assert_eq!(
///     folio_core::embed_snippet("https://a.example/post/x/", "https://a.example/embed.js"),
///     "<div data-folio-src=\"https://a.example/post/x/\"></div>\n<script src=\"https://a.example/embed.js\" async></script>"
/// );
/// ```
pub fn embed_snippet(page_url: &str, loader_url: &str) -> String {
    format!("<div data-folio-src=\"{page_url}\"></div>\n<script src=\"{loader_url}\" async></script>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_options_are_read_forgivingly() {
        let o = ViewOptions::parse("");
        assert_eq!(o, ViewOptions { limit: DEFAULT_EMBED_LIMIT, ..ViewOptions::default() });
        let o = ViewOptions::parse("?bundle=x.json&embed=1&lang=en&theme=nope&limit=500");
        assert!(o.embed);
        assert_eq!(o.locale, Some(Locale::En));
        assert_eq!(o.theme, Theme::Auto);
        assert_eq!(o.limit, DEFAULT_EMBED_LIMIT);
        assert!(!ViewOptions::parse("?embed=0").embed);
        assert_eq!(ViewOptions::parse("?lang=zh").locale, Some(Locale::Zh));
    }

    #[test]
    fn only_plain_http_origins_are_accepted_as_parents() {
        let cases: &[(&str, Option<&str>)] = &[
            ("https://blog.example", Some("https://blog.example")),
            ("https://blog.example/", Some("https://blog.example")),
            ("http://localhost:8080", Some("http://localhost:8080")),
            ("HTTPS://Blog.Example:443", Some("https://blog.example")),
            ("https://blog.example/path", None),
            ("http://127.0.0.1:8000/", Some("http://127.0.0.1:8000")),
            ("https://[::1]:8443", Some("https://[::1]:8443")),
            ("https://[::1]", Some("https://[::1]")),
            ("https://xn--fsqu00a.xn--0zwm56d", Some("https://xn--fsqu00a.xn--0zwm56d")),
            ("https://blog.example:0443", Some("https://blog.example")),
            ("https://例子.测试", None),
            ("https://a..b", None),
            ("https://-a.example", None),
            ("https://a.example:99999", None),
            ("https://a.example:x", None),
            ("https://[::1", None),
            ("https://[nope]", None),
            ("https://", None),
            ("https://a.example#x", None),
            ("https://a.example\\x", None),
            ("https://blog.example/?q", None),
            ("https://user@blog.example", None),
            ("*", None),
            ("null", None),
            ("javascript:alert(1)", None),
            ("file:///etc/passwd", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(normalise_origin(input).as_deref(), *expected, "{input:?}");
        }
    }

    #[test]
    fn commands_are_validated() {
        let ok: &[(&str, EmbedCommand)] = &[
            (
                r#"{"type":"folio:navigate","version":1,"view":"post","id":"000_dacaaeb1a3c7b9ba"}"#,
                EmbedCommand::Navigate(EmbedTarget::Post("000_dacaaeb1a3c7b9ba".into())),
            ),
            (
                r#"{"type":"folio:navigate","version":1,"view":"latest"}"#,
                EmbedCommand::Navigate(EmbedTarget::Latest),
            ),
            (
                r#"{"type":"folio:navigate","version":1,"view":"category","name":"huaxiashibao"}"#,
                EmbedCommand::Navigate(EmbedTarget::Category("huaxiashibao".into())),
            ),
            (r#"{"type":"folio:theme","version":1,"theme":"dark"}"#, EmbedCommand::SetTheme(Theme::Dark)),
        ];
        for (json, expected) in ok {
            assert_eq!(EmbedCommand::parse(json).as_ref(), Some(expected), "{json}");
        }
        let refused = [
            r#"{"type":"folio:navigate","version":2,"view":"latest"}"#,
            r#"{"type":"folio:navigate","version":1,"view":"post","id":"../../etc"}"#,
            r#"{"type":"folio:navigate","version":1,"view":"post","id":"a b"}"#,
            r#"{"type":"folio:navigate","version":1,"view":"post","name":"x"}"#,
            r#"{"type":"folio:navigate","version":1,"view":"tag","name":".."}"#,
            r#"{"type":"folio:navigate","version":1,"view":"tag","name":""}"#,
            r#"{"type":"folio:navigate","version":1,"view":"url","name":"https://evil.example/"}"#,
            r#"{"type":"folio:navigate","version":1,"view":"latest","html":"<img src=x onerror=alert(1)>"}"#,
            r#"{"type":"folio:theme","version":1,"theme":"url(javascript:alert(1))"}"#,
            r#"{"type":"folio:theme","version":1,"theme":"dark","css":"body{display:none}"}"#,
            r#"{"type":"folio:theme","version":1,"theme":"dark","view":"latest"}"#,
            r#"{"type":"folio:navigate","version":1,"view":"latest","theme":"dark"}"#,
            r#"{"type":"folio:theme","version":1}"#,
            r#"{"type":"folio:navigate","version":1}"#,
            r#"{"type":"folio:resize","version":1,"height":10}"#,
            r#""folio:navigate""#,
            "null",
            "not json",
        ];
        for json in refused {
            assert_eq!(EmbedCommand::parse(json), None, "{json}");
        }
        assert_eq!(
            EmbedCommand::parse(&format!(
                r#"{{"type":"folio:navigate","version":1,"view":"tag","name":"{}"}}"#,
                "x".repeat(5000)
            )),
            None
        );
    }

    #[test]
    fn resize_messages_have_the_documented_shape() {
        let json = serde_json::to_string(&ResizeMessage::new(640)).unwrap();
        assert_eq!(json, r#"{"type":"folio:resize","version":1,"height":640}"#);
    }
}
