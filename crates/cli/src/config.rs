//! Site settings from `_config.yml`, with command-line overrides.

use std::path::Path;

use crate::dates::SiteZone;
use crate::report::{Diagnostic, Kind};
use crate::yaml::{self, Value};
use crate::Error;

/// The settings of a Jekyll site that matter to a bundle.
#[derive(Debug, Clone)]
pub(crate) struct SiteConfig {
    /// The whole file, for `{{ site.x }}`.
    pub raw: Value,
    pub title: Option<String>,
    pub description: Option<String>,
    pub lang: Option<String>,
    /// `url`, without a trailing slash.
    pub url: Option<String>,
    /// `baseurl`, with a leading slash and no trailing one (or empty).
    pub baseurl: String,
    pub timezone: Option<String>,
    pub excerpt_separator: Option<String>,
    /// `future: true`: publish future-dated posts.
    pub future: bool,
    /// `unpublished: true`: publish `published: false` posts.
    pub unpublished: bool,
    /// `permalink` (Jekyll's default is `date`).
    pub permalink: String,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            raw: Value::Map(Vec::new()),
            title: None,
            description: None,
            lang: None,
            url: None,
            baseurl: String::new(),
            timezone: None,
            excerpt_separator: None,
            future: false,
            unpublished: false,
            permalink: "date".into(),
        }
    }
}

impl SiteConfig {
    /// Reads a configuration file. `shown` is how warnings name it.
    pub fn load(path: &Path, shown: &str, diagnostics: &mut Vec<Diagnostic>) -> Result<Self, Error> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
        let text = String::from_utf8(bytes).map_err(|e| Error::Config {
            path: path.to_owned(),
            line: 1,
            message: format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()),
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let (raw, duplicates) = yaml::parse(text).map_err(|e| Error::Config {
            path: path.to_owned(),
            line: e.line,
            message: format!("not valid YAML: {}", e.message),
        })?;
        for d in duplicates {
            diagnostics.push(Diagnostic::new(
                Kind::DuplicateKey,
                shown,
                Some(d.line),
                Some(&d.key),
                format!("`{}` is also set on line {}; the last value wins", d.key, d.first_line),
            ));
        }
        if raw.is_null() {
            return Ok(SiteConfig::default());
        }
        if !matches!(raw, Value::Map(_)) {
            return Err(Error::Config {
                path: path.to_owned(),
                line: 1,
                message: format!("expected a mapping of settings, found {}", raw.kind()),
            });
        }
        let text_of = |key: &str| {
            raw.get(key)
                .and_then(|e| e.value.as_str())
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let flag = |key: &str| raw.get(key).and_then(|e| e.value.as_bool()).unwrap_or(false);
        Ok(SiteConfig {
            title: text_of("title"),
            description: text_of("description"),
            lang: text_of("lang").or_else(|| text_of("language")),
            url: text_of("url").map(|u| u.trim_end_matches('/').to_owned()),
            baseurl: normalise_baseurl(&text_of("baseurl").unwrap_or_default()),
            timezone: text_of("timezone"),
            excerpt_separator: raw.get("excerpt_separator").and_then(|e| e.value.as_str()).map(str::to_owned),
            future: flag("future"),
            unpublished: flag("unpublished"),
            permalink: raw
                .path("collections.posts.permalink")
                .and_then(Value::as_str)
                .or_else(|| raw.get("permalink").and_then(|e| e.value.as_str()))
                .unwrap_or("date")
                .to_owned(),
            raw,
        })
    }

    /// `url` and `baseurl` joined: the site's public address.
    pub fn base_url(&self) -> Option<String> {
        self.url.as_ref().map(|u| format!("{u}{}/", self.baseurl))
    }

    /// The time zone, from `timezone` (UTC when unset).
    pub fn zone(&self, origin: &str) -> Result<SiteZone, Error> {
        match &self.timezone {
            None => Ok(SiteZone::default()),
            Some(name) => SiteZone::from_name(name)
                .ok_or_else(|| Error::UnknownTimezone { name: name.clone(), origin: origin.to_owned() }),
        }
    }
}

/// `blog/` → `/blog`, `/` → ``.
pub(crate) fn normalise_baseurl(baseurl: &str) -> String {
    let trimmed = baseurl.trim().trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}
