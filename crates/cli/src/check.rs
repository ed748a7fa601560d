//! `folio check`: read a bundle the way the viewer does and report on it.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use folio_core::{parse_bundle, Sanitizer, MAX_BUNDLE_BYTES};

use crate::report::thousands;
use crate::Error;

/// What `folio check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// Posts the viewer will show.
    pub posts: usize,
    /// Posts the viewer will skip, with reasons (`post #3 (id): why`).
    pub skipped: Vec<String>,
    /// Posts whose HTML would change under the sanitiser (written by a tool
    /// that does not sanitise; the viewer cleans them anyway).
    pub unsanitised: usize,
    /// The report, ready to print.
    pub text: String,
}

/// Checks the bundle at `path`.
///
/// # Errors
///
/// Fails when the file cannot be read, is too large, or is not a bundle
/// (not JSON, wrong format, unknown major version, bad top level).
pub fn check_bundle(path: &Path) -> Result<CheckReport, Error> {
    let size = std::fs::metadata(path).map_err(|source| Error::Read { path: path.to_owned(), source })?.len();
    if size > MAX_BUNDLE_BYTES as u64 {
        return Err(Error::TooLarge { path: path.to_owned(), size, max: MAX_BUNDLE_BYTES });
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.to_owned(), source })?;
    let loaded = parse_bundle(&bytes).map_err(|source| Error::Bundle { path: path.to_owned(), source })?;
    let sanitizer = Sanitizer::new(loaded.site.base_url.as_deref());
    let unsanitised =
        loaded.posts.iter().filter(|p| sanitizer.clean(&p.content_html) != p.content_html).count();
    let categories: BTreeSet<&str> =
        loaded.posts.iter().flat_map(|p| p.categories.iter().map(String::as_str)).collect();
    let tags: BTreeSet<&str> = loaded.posts.iter().flat_map(|p| p.tags.iter().map(String::as_str)).collect();
    let oldest = loaded.posts.iter().map(|p| p.date).min();
    let newest = loaded.posts.iter().map(|p| p.date).max();

    let mut text = String::new();
    let site = &loaded.site;
    let _ = writeln!(text, "{}: a Folio bundle", path.display());
    let _ = writeln!(
        text,
        "  site: {}{}{}",
        site.title,
        site.lang.as_ref().map_or(String::new(), |l| format!(" (lang {l})")),
        site.base_url.as_ref().map_or(String::new(), |u| format!(", {u}"))
    );
    let _ = writeln!(
        text,
        "  posts: {} readable, {} skipped",
        thousands(loaded.posts.len()),
        thousands(loaded.skipped.len())
    );
    if let (Some(oldest), Some(newest)) = (oldest, newest) {
        let _ = writeln!(text, "  dates: {} to {}", oldest.format("%Y-%m-%d"), newest.format("%Y-%m-%d"));
    }
    let _ = writeln!(text, "  categories: {}, tags: {}", thousands(categories.len()), thousands(tags.len()));
    if unsanitised > 0 {
        let _ = writeln!(
            text,
            "  note: {} post bodies change when sanitised (the viewer sanitises them again, so they are safe to show)",
            thousands(unsanitised)
        );
    }
    let skipped: Vec<String> = loaded.skipped.iter().map(ToString::to_string).collect();
    for s in &skipped {
        let _ = writeln!(text, "  skipped: {s}");
    }
    Ok(CheckReport { posts: loaded.posts.len(), skipped, unsanitised, text })
}
