//! `folio check`: read a bundle the way the viewer does and report on it.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use folio_core::{
    post_path, read_article_page, read_bundle, read_list, read_post_file, ArticleView, Bundle, ChunkError,
    ListKind, Location, Manifest, Sanitizer, Site, LAYOUT_PAGES, MAX_BUNDLE_BYTES,
};
use rayon::prelude::*;

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
    let loaded =
        match read_bundle(&bytes).map_err(|source| Error::Bundle { path: path.to_owned(), source })? {
            Bundle::Single(loaded) => loaded,
            Bundle::Chunked(manifest) => return check_chunked(path, &manifest),
        };
    let sanitizer = Sanitizer::new(loaded.site.base_url.as_deref());
    let unsanitised =
        loaded.posts.iter().filter(|p| sanitizer.clean(&p.content_html) != p.content_html).count();
    let categories: BTreeSet<&str> =
        loaded.posts.iter().flat_map(|p| p.categories.iter().map(String::as_str)).collect();
    let tags: BTreeSet<&str> = loaded.posts.iter().flat_map(|p| p.tags.iter().map(String::as_str)).collect();
    let oldest = loaded.posts.iter().map(|p| p.date).min();
    let newest = loaded.posts.iter().map(|p| p.date).max();

    let mut text = String::new();
    let _ = writeln!(text, "{}: a Folio bundle", path.display());
    write_site(&mut text, &loaded.site);
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
    let skipped: Vec<String> = loaded.skipped.iter().map(ToString::to_string).collect();
    write_findings(&mut text, unsanitised, "skipped", &skipped);
    Ok(CheckReport { posts: loaded.posts.len(), skipped, unsanitised, text })
}

/// Checks a chunked bundle: the newest-first list from end to end, and every
/// post file it names, with its neighbours, in parallel. In the pages
/// layout a post's file is its static page.
fn check_chunked(path: &Path, manifest: &Manifest) -> Result<CheckReport, Error> {
    let site_root = path.parent().unwrap_or(Path::new("."));
    let root = site_root.join(&manifest.chunks);
    let pages = manifest.layout == LAYOUT_PAGES;
    let read = |rel: &str| {
        let file = root.join(rel);
        std::fs::read(&file).map_err(|source| Error::Read { path: file, source })
    };
    let mut ids = Vec::with_capacity(manifest.posts);
    let mut skipped = Vec::new();
    let mut page = 1;
    loop {
        let bytes = read(&ListKind::All.path(page))?;
        let (file, entries) = read_list(&ListKind::All, &bytes)
            .map_err(|source| Error::Chunk { path: root.join(ListKind::All.path(page)), source })?;
        if file.posts.len() != entries.len() {
            skipped.push(format!(
                "lists/all/{page}.json: {} entries are not valid",
                file.posts.len() - entries.len()
            ));
        }
        ids.extend(entries.into_iter().map(|e| e.id));
        if page >= file.pages {
            break;
        }
        page += 1;
    }
    if ids.len() != manifest.posts {
        skipped.push(format!(
            "the manifest counts {} posts, the list of all posts has {}",
            manifest.posts,
            ids.len()
        ));
    }
    let sanitizer = Sanitizer::new(manifest.site.base_url.as_deref());
    let results: Vec<Result<bool, String>> = ids
        .par_iter()
        .enumerate()
        .map(|(rank, id)| {
            let view = if pages {
                read_page(site_root, id)?
            } else {
                let bytes = read(&post_path(id)).map_err(|e| format!("post {id}: {e}"))?;
                read_post_file(id, &bytes).map_err(|e| format!("post {id}: {e}"))?
            };
            let older = ids.get(rank + 1);
            let newer = rank.checked_sub(1).map(|r| &ids[r]);
            if view.older.as_ref().map(|n| &n.id) != older || view.newer.as_ref().map(|n| &n.id) != newer {
                return Err(format!(
                    "post {id}: its older and newer links do not follow the list of all posts"
                ));
            }
            Ok(sanitizer.clean(&view.post.content_html) != view.post.content_html)
        })
        .collect();
    let mut unsanitised = 0;
    let mut readable = 0;
    for result in results {
        match result {
            Ok(changed) => {
                readable += 1;
                unsanitised += usize::from(changed);
            }
            Err(why) => skipped.push(why),
        }
    }

    let mut text = String::new();
    let kind = if pages { "a Folio static site (pages layout, " } else { "a chunked Folio bundle (" };
    let _ = writeln!(text, "{}: {kind}version {})", path.display(), manifest.version);
    write_site(&mut text, &manifest.site);
    let _ =
        writeln!(text, "  posts: {} readable, {} problems", thousands(readable), thousands(skipped.len()));
    if let (Some(newest), Some(oldest)) = (manifest.years.first(), manifest.years.last()) {
        let _ = writeln!(text, "  years: {} to {}", oldest.year, newest.year);
    }
    let _ = writeln!(
        text,
        "  categories: {}, tags: {}, {} posts per list page",
        thousands(manifest.categories.count),
        thousands(manifest.tags.count),
        manifest.page_size
    );
    write_findings(&mut text, unsanitised, "problem", &skipped);
    Ok(CheckReport { posts: readable, skipped, unsanitised, text })
}

/// Reads a post of the pages layout from its static page: the post's data
/// from the page's `folio-article` block, and its body, which must be there.
/// (Its body is the page's, so the sanitiser's note does not apply: a page is
/// written from the policy's output.)
fn read_page(site_root: &Path, id: &str) -> Result<ArticleView, String> {
    const DATA_OPEN: &str = "<script type=\"application/json\" id=\"folio-article\">";
    let file = site_root.join(Location::Post { id: id.to_owned() }.page_file());
    let html = std::fs::read_to_string(&file)
        .map_err(|e| format!("post {id}: cannot read `{}`: {e}", file.display()))?;
    let problem = |what: &str| format!("post {id}: `{}` {what}", file.display());
    let data = html
        .split_once(DATA_OPEN)
        .and_then(|(_, rest)| rest.split_once("</script>"))
        .map(|(data, _)| data)
        .ok_or_else(|| problem("has no folio-article data"))?;
    if !html.contains("<div class=\"article-body\">") {
        return Err(problem("has no article body"));
    }
    let view = read_article_page(id, data, String::new()).map_err(|e: ChunkError| problem(&e.to_string()))?;
    Ok(view)
}

/// The report's `site:` line.
fn write_site(text: &mut String, site: &Site) {
    let _ = writeln!(
        text,
        "  site: {}{}{}",
        site.title,
        site.lang.as_ref().map_or(String::new(), |l| format!(" (lang {l})")),
        site.base_url.as_ref().map_or(String::new(), |u| format!(", {u}"))
    );
}

/// The report's closing lines: the sanitiser note, then one line per finding.
fn write_findings(text: &mut String, unsanitised: usize, label: &str, findings: &[String]) {
    if unsanitised > 0 {
        let _ = writeln!(
            text,
            "  note: {} post bodies change when sanitised (the viewer sanitises them again, so they are safe to show)",
            thousands(unsanitised)
        );
    }
    for finding in findings {
        let _ = writeln!(text, "  {label}: {finding}");
    }
}
