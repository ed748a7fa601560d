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
/// value is not exactly an `http`/`https` origin (no path, query or userinfo).
pub fn normalise_origin(value: &str) -> Option<String> {
    let url = url::Url::parse(value.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    let bare = url.path() == "/" && url.query().is_none() && url.fragment().is_none();
    if !bare || !url.username().is_empty() || url.password().is_some() {
        return None;
    }
    match url.origin() {
        origin @ url::Origin::Tuple(..) => Some(origin.ascii_serialization()),
        url::Origin::Opaque(_) => None,
    }
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
/// or `{"type":"folio:theme","version":1,"theme":"dark"}`. Anything else is refused.
#[derive(Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
enum WireCommand {
    #[serde(rename = "folio:navigate")]
    Navigate { version: u32, view: String, id: Option<String>, name: Option<String> },
    #[serde(rename = "folio:theme")]
    Theme { version: u32, theme: String },
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
        match serde_json::from_str::<WireCommand>(json).ok()? {
            WireCommand::Theme { version, theme } => {
                let theme = Theme::parse(&theme)?;
                (version == EMBED_MESSAGE_VERSION).then_some(EmbedCommand::SetTheme(theme))
            }
            WireCommand::Navigate { version, view, id, name } => {
                if version != EMBED_MESSAGE_VERSION {
                    return None;
                }
                let target = match (view.as_str(), id, name) {
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
