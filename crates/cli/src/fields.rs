//! Reading one post file's front matter into its fields: title, date,
//! categories, tags and the rest, in every shape Jekyll accepts, with a
//! warning for each field read in a way the author may not have meant.
//!
//! This is the first of a post's two steps, run for every file before any
//! body is rendered: the build needs every post's metadata to assign ids and
//! resolve `post_url` links (`render.rs` is the second step).

use chrono::{DateTime, FixedOffset, NaiveTime};
use folio_core::plain_text;

use crate::dates::{filename_date, parse_jekyll_date, SiteZone};
use crate::discover::{extension, stem, Source};
use crate::frontmatter::{split_front_matter, FrontMatter};
use crate::report::{Diagnostic, Kind};
use crate::yaml::{self, Value, YamlErrorKind};

/// How a body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Markdown,
    Html,
}

/// A post's metadata and raw body, before rendering.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    pub shown: String,
    pub site_rel: String,
    pub post_key: String,
    /// The id the post asks for, before collisions are resolved.
    pub slug: String,
    pub date: DateTime<FixedOffset>,
    pub title: String,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub source_url: Option<String>,
    pub lang: Option<String>,
    pub excerpt_field: Option<String>,
    pub excerpt_separator: Option<String>,
    pub permalink: Option<String>,
    pub published: bool,
    pub draft: bool,
    pub front: Value,
    pub body: String,
    pub body_line: usize,
    pub format: Format,
}

/// Why a file is not a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Skip {
    NoFrontMatter,
    NoDate,
    NotUtf8,
    /// Front matter whose aliases expand past `yaml::MAX_ALIAS_NODES`.
    AliasLimit,
}

/// Reads one file's front matter into its fields. Diagnostics are appended
/// to `out`.
pub(crate) fn read(
    source: &Source,
    bytes: Vec<u8>,
    zone: SiteZone,
    out: &mut Vec<Diagnostic>,
) -> Result<Parsed, Skip> {
    let shown = source.shown.as_str();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            out.push(Diagnostic::new(
                Kind::NotUtf8,
                shown,
                None,
                None,
                format!(
                    "not UTF-8 text (invalid byte at offset {}); skipped, convert the file to UTF-8 to import it",
                    e.utf8_error().valid_up_to()
                ),
            ));
            return Err(Skip::NotUtf8);
        }
    };
    let split = match split_front_matter(&text) {
        FrontMatter::Found(s) => s,
        FrontMatter::Missing => {
            out.push(Diagnostic::new(
                Kind::NoFrontMatter,
                shown,
                None,
                None,
                "no front matter (a first line `---`); skipped as not a post",
            ));
            return Err(Skip::NoFrontMatter);
        }
        FrontMatter::Unclosed => {
            out.push(Diagnostic::new(
                Kind::NoFrontMatter,
                shown,
                Some(1),
                None,
                "front matter opened with `---` is never closed with `---` or `...`; skipped as not a post",
            ));
            return Err(Skip::NoFrontMatter);
        }
    };
    let yaml_line = |line: usize| split.yaml_line + line.saturating_sub(1);
    let cleaned = strip_controls(split.yaml);
    let front = match yaml::parse(&cleaned) {
        Ok((value, duplicates)) => {
            for d in duplicates {
                out.push(Diagnostic::new(
                    Kind::DuplicateKey,
                    shown,
                    Some(yaml_line(d.line)),
                    Some(&d.key),
                    format!(
                        "`{}` is also set on line {}; the last value wins",
                        d.key,
                        yaml_line(d.first_line)
                    ),
                ));
            }
            match value {
                Value::Map(_) => value,
                v if v.is_null() => Value::Map(Vec::new()),
                v => {
                    out.push(Diagnostic::new(
                        Kind::BadFrontMatter,
                        shown,
                        Some(split.yaml_line),
                        None,
                        format!("front matter is {}, not a mapping of fields; ignored", v.kind()),
                    ));
                    Value::Map(Vec::new())
                }
            }
        }
        Err(e) if e.kind == YamlErrorKind::AliasLimit => {
            out.push(Diagnostic::new(
                Kind::AliasLimit,
                shown,
                Some(yaml_line(e.line)),
                None,
                format!(
                    "front matter is refused: {}; skipped (write the values out, or use fewer aliases)",
                    e.message
                ),
            ));
            return Err(Skip::AliasLimit);
        }
        Err(e) => {
            out.push(Diagnostic::new(
                Kind::BadFrontMatter,
                shown,
                Some(yaml_line(e.line)),
                None,
                format!("front matter is not valid YAML ({}); ignored, so the title and date come from the file name", e.message),
            ));
            Value::Map(Vec::new())
        }
    };
    let field = |key: &str| front.get(key);
    let line_of = |key: &str| field(key).map(|e| yaml_line(e.line));

    let file_name = source.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let file_stem = stem(&file_name);
    let from_name = filename_date(file_stem);
    let name_slug = from_name.map_or(file_stem, |(_, rest)| rest);

    // Date: front matter, else the file name.
    let name_date = from_name.map(|(d, _)| zone.localize(d.and_time(NaiveTime::MIN)));
    let date = match field("date").map(|e| &e.value) {
        Some(v) if !v.is_null() => match v.as_str().and_then(|s| parse_jekyll_date(s, zone)) {
            Some(d) => Some(d),
            None => {
                let shown_value = v.as_str().map_or_else(|| v.kind().to_owned(), |s| format!("`{s}`"));
                match name_date {
                    Some(d) => out.push(Diagnostic::new(
                        Kind::DateFallback,
                        shown,
                        line_of("date"),
                        Some("date"),
                        format!(
                            "{shown_value} is not a date Folio can read; used the date in the file name ({})",
                            d.format("%Y-%m-%d")
                        ),
                    )),
                    None => out.push(Diagnostic::new(
                        Kind::NoDate,
                        shown,
                        line_of("date"),
                        Some("date"),
                        format!("{shown_value} is not a date Folio can read and the file name has none; skipped, write it as YYYY-MM-DD HH:MM:SS +ZZZZ"),
                    )),
                }
                name_date
            }
        },
        _ => name_date,
    };
    let Some(date) = date else {
        if !out.iter().any(|d| d.kind == Kind::NoDate) {
            out.push(Diagnostic::new(
                Kind::NoDate,
                shown,
                None,
                Some("date"),
                "no `date` in the front matter and no date in the file name (YYYY-MM-DD-title.md); skipped",
            ));
        }
        return Err(Skip::NoDate);
    };

    let scalar = |key: &str, out: &mut Vec<Diagnostic>| -> Option<String> {
        let entry = field(key)?;
        match &entry.value {
            v if v.is_null() => None,
            Value::Scalar { text, .. } => Some(text.trim().to_owned()).filter(|s| !s.is_empty()),
            v => {
                out.push(Diagnostic::new(
                    Kind::BadField,
                    shown,
                    Some(yaml_line(entry.line)),
                    Some(key),
                    format!("expected text, found {}; ignored", v.kind()),
                ));
                None
            }
        }
    };

    let title = match scalar("title", out) {
        Some(t) if looks_like_markup(&t) => plain_text(&t),
        Some(t) => t,
        None => titleize(name_slug),
    };
    let title = if title.trim().is_empty() { titleize(name_slug) } else { title };

    let mut categories = source.categories.clone();
    for key in ["categories", "category"] {
        if let Some(e) = field(key) {
            names(&e.value, &mut categories, key, yaml_line(e.line), shown, out);
        }
    }
    dedupe(&mut categories);
    let mut tags = Vec::new();
    for key in ["tags", "tag"] {
        if let Some(e) = field(key) {
            names(&e.value, &mut tags, key, yaml_line(e.line), shown, out);
        }
    }
    dedupe(&mut tags);

    let author = match field("author").map(|e| &e.value) {
        Some(Value::Seq(items)) => {
            let names: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        Some(v @ Value::Map(_)) => v.path("name").and_then(Value::as_str).map(str::to_owned),
        Some(_) => scalar("author", out),
        None => None,
    };
    let published = match field("published") {
        None => true,
        Some(e) => match e.value.as_bool() {
            Some(b) => b,
            None if e.value.is_null() => true,
            None => {
                out.push(Diagnostic::new(
                    Kind::BadField,
                    shown,
                    Some(yaml_line(e.line)),
                    Some("published"),
                    "expected true or false; the post is treated as published",
                ));
                true
            }
        },
    };
    let slug = scalar("slug", out).unwrap_or_else(|| name_slug.to_owned());
    let source_url = ["source_url", "canonical_url", "original_url"].iter().find_map(|k| scalar(k, out));
    let lang = scalar("lang", out);
    let excerpt_field = scalar("excerpt", out);
    let excerpt_separator = field("excerpt_separator").and_then(|e| e.value.as_str()).map(str::to_owned);
    let permalink = scalar("permalink", out);
    let ext = extension(&file_name);
    let format = if ext == "html" || ext == "htm" { Format::Html } else { Format::Markdown };
    let body_line = split.body_line;
    let body = split.body.replace("\r\n", "\n");
    Ok(Parsed {
        shown: source.shown.clone(),
        site_rel: source.site_rel.clone(),
        post_key: source.post_key.clone(),
        slug,
        date,
        title,
        categories,
        tags,
        author,
        source_url,
        lang,
        excerpt_field,
        excerpt_separator,
        permalink,
        published,
        draft: source.draft,
        front,
        body,
        body_line,
        format,
    })
}

/// YAML forbids most C0 control characters; real front matter has them
/// (pasted titles). They are removed before parsing.
fn strip_controls(yaml: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) && c != '\u{85}';
    if yaml.contains(bad) {
        yaml.replace(bad, "").into()
    } else {
        yaml.into()
    }
}

fn looks_like_markup(text: &str) -> bool {
    text.contains('&')
        || text
            .match_indices('<')
            .any(|(i, _)| text[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/'))
}

/// Jekyll's title for a post without one: `my-first-post` → `My First Post`.
fn titleize(slug: &str) -> String {
    slug.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads `categories`/`tags` in every shape Jekyll accepts: a list, a
/// space-separated string, a number, empty or null. List items are kept
/// whole, spaces and brackets included.
fn names(
    value: &Value,
    out: &mut Vec<String>,
    key: &str,
    line: usize,
    shown: &str,
    diags: &mut Vec<Diagnostic>,
) {
    match value {
        v if v.is_null() => {}
        Value::Scalar { text, .. } => out.extend(text.split_whitespace().map(str::to_owned)),
        Value::Seq(items) => {
            for item in items {
                match item {
                    Value::Scalar { text, .. } if !item.is_null() => {
                        let t = text.trim();
                        if !t.is_empty() {
                            out.push(t.to_owned());
                        }
                    }
                    Value::Seq(_) => names(item, out, key, line, shown, diags),
                    v if v.is_null() => {}
                    v => diags.push(Diagnostic::new(
                        Kind::BadField,
                        shown,
                        Some(line),
                        Some(key),
                        format!("a list item is {}, not a name; ignored", v.kind()),
                    )),
                }
            }
        }
        v => diags.push(Diagnostic::new(
            Kind::BadField,
            shown,
            Some(line),
            Some(key),
            format!("expected a list or a space-separated string, found {}; ignored", v.kind()),
        )),
    }
}

fn dedupe(names: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.clone()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_slugs() {
        assert_eq!(titleize("date-override"), "Date Override");
        assert_eq!(titleize("i-dont-like-zeroes"), "I Dont Like Zeroes");
    }

    #[test]
    fn markup_in_titles() {
        assert!(looks_like_markup("如何理解 <code>document</code>"));
        assert!(looks_like_markup("Tom &amp; Jerry"));
        assert!(!looks_like_markup("a < b"));
    }
}
