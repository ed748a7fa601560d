//! `folio build`: from an input path to a bundle.
//!
//! 1. find the post files ([`crate::discover`]);
//! 2. read every file's front matter, in parallel;
//! 3. decide which posts are published and give each a unique id, in a fixed
//!    order (the ids must be known before bodies are rendered, because
//!    `{% post_url %}` links point at them);
//! 4. render and sanitise every body, in parallel;
//! 5. sort newest first and write the bundle.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use folio_core::{archive_order, PostLinks, PostRecord, Sanitizer, SingleFileBundle, Site};
use rayon::prelude::*;

use crate::config::{normalise_baseurl, SiteConfig};
use crate::discover::{discover, InputKind};
use crate::fields::{self, Parsed, Skip};
use crate::ids::assign_ids;
use crate::memory::{fingerprint, BuildMemory, FrontEntry, Stamp};
use crate::permalink::permalink_path;
use crate::progress::Progress;
use crate::render::{self, RenderContext};
use crate::report::{Diagnostic, Kind, Level, Summary};
use crate::Error;

/// Everything `folio build` can be told.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// A site root, a `_posts` folder, a folder of posts or one post file.
    pub input: PathBuf,
    /// A configuration file to use instead of `<site>/_config.yml`.
    pub config: Option<PathBuf>,
    /// Overrides `title`.
    pub title: Option<String>,
    /// Overrides `description`.
    pub description: Option<String>,
    /// Overrides `lang`.
    pub lang: Option<String>,
    /// Overrides `url` + `baseurl`.
    pub base_url: Option<String>,
    /// Overrides `timezone`.
    pub timezone: Option<String>,
    /// Include `published: false` posts (and `_drafts`).
    pub drafts: bool,
    /// Include posts dated after `now`.
    pub future: bool,
    /// The time that decides which posts are in the future (default: now).
    pub now: Option<DateTime<Utc>>,
}

/// The result of a build, before it is written.
#[derive(Debug, Clone)]
pub struct BuildOutput {
    /// The bundle.
    pub bundle: SingleFileBundle,
    /// The counts for the summary line.
    pub summary: Summary,
    /// Notes and warnings, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Files that were looked at and are not posts.
    pub ignored: Vec<String>,
    /// What kind of input was given.
    pub input_kind: InputKind,
}

/// The generator string written into bundles.
pub const GENERATOR: &str = concat!("folio ", env!("CARGO_PKG_VERSION"));

/// Everything known once every post's front matter is read and every post
/// has its id: what both layouts render from.
pub(crate) struct Prepared {
    config: SiteConfig,
    zone: crate::dates::SiteZone,
    pub(crate) site: Site,
    /// Published posts, in input order. Their bodies are empty when the
    /// build streams (the chunked layout re-reads each file to render it).
    pub(crate) posts: Vec<Parsed>,
    /// Where each post of `posts` was read from.
    pub(crate) sources: Vec<usize>,
    pub(crate) ids: Vec<String>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) summary: Summary,
    layout: crate::discover::Layout,
    /// Every file's front matter, for the next build's memory (only when
    /// the build has one).
    pub(crate) fronts: HashMap<PathBuf, Arc<FrontEntry>>,
}

impl Prepared {
    /// Steps 1–3: find the files, read their front matter in parallel, apply
    /// the publishing rules and assign ids. With `keep_bodies` false, only
    /// metadata stays in memory. With a `memory`, a file whose size and
    /// modification time are those it remembers is not read again, and
    /// what was read is kept for the next build.
    pub(crate) fn read(
        opts: &BuildOptions,
        progress: &dyn Progress,
        keep_bodies: bool,
        memory: Option<&BuildMemory>,
    ) -> Result<Self, Error> {
        let mut diagnostics = Vec::new();
        let layout = discover(&opts.input, opts.drafts)?;
        let config_path = match &opts.config {
            Some(path) => Some(path.clone()),
            None => layout.site_root.as_ref().map(|r| r.join("_config.yml")).filter(|p| p.is_file()),
        };
        let mut config = match &config_path {
            Some(path) => {
                let shown = if opts.config.is_some() {
                    path.display().to_string()
                } else {
                    shown_relative(path, &opts.input)
                };
                SiteConfig::load(path, &shown, &mut diagnostics)?
            }
            None => SiteConfig::default(),
        };
        let zone = match &opts.timezone {
            Some(name) => crate::dates::SiteZone::from_name(name)
                .ok_or_else(|| Error::UnknownTimezone { name: name.clone(), origin: "--timezone".into() })?,
            None => config
                .zone(&config_path.as_ref().map_or_else(String::new, |p| format!("in {}", p.display())))?,
        };
        if let Some(base) = &opts.base_url {
            // `--base-url https://host/blog` stands for `url` + `baseurl`.
            let (url, baseurl) = split_base_url(base)?;
            config.url = Some(url);
            config.baseurl = baseurl;
        }
        let drafts = opts.drafts || config.unpublished;
        let future = opts.future || config.future;
        let now = opts.now.unwrap_or_else(Utc::now);

        // 2. Front matter of every file, in parallel, in input order.
        progress.set_length(layout.sources.len() as u64 * 2);
        let zone_print = fingerprint(&[&zone]);
        let remembered = |source: &crate::discover::Source, stamp: Option<Stamp>| {
            let entry = memory?.fronts.get(&source.path)?;
            (Some(entry.stamp) == stamp && entry.zone == zone_print).then(|| Arc::clone(entry))
        };
        let read: Vec<Arc<FrontEntry>> = layout
            .sources
            .par_iter()
            .map(|source| {
                let stamp = memory.and_then(|_| Stamp::of(&source.path));
                if let Some(entry) = remembered(source, stamp) {
                    progress.advance(1);
                    return Ok(entry);
                }
                let mut diags = Vec::new();
                let parsed = read_source(source, zone, &mut diags)?.map(|mut parsed| {
                    if !keep_bodies {
                        parsed.body = String::new();
                        parsed.front = crate::yaml::Value::Map(Vec::new());
                    }
                    parsed
                });
                progress.advance(1);
                // A file that could not be stamped is read again next time.
                let stamp = stamp.unwrap_or(Stamp::NONE);
                Ok(Arc::new(FrontEntry { stamp, zone: zone_print, parsed, diagnostics: diags }))
            })
            .collect::<Result<_, Error>>()?;
        let fronts: HashMap<PathBuf, Arc<FrontEntry>> = match memory {
            Some(_) => layout
                .sources
                .iter()
                .zip(&read)
                .filter(|(_, entry)| entry.stamp != Stamp::NONE)
                .map(|(source, entry)| (source.path.clone(), Arc::clone(entry)))
                .collect(),
            None => HashMap::new(),
        };

        // 3. Publishing rules and ids, sequentially.
        let mut summary = Summary::default();
        let mut posts = Vec::with_capacity(read.len());
        let mut sources = Vec::with_capacity(read.len());
        for (index, entry) in read.into_iter().enumerate() {
            // The memory's entries are shared: take this build's copy.
            let FrontEntry { parsed, diagnostics: diags, .. } =
                Arc::try_unwrap(entry).unwrap_or_else(|shared| (*shared).clone());
            diagnostics.extend(diags);
            let parsed = match parsed {
                Ok(p) => p,
                Err(_) => {
                    summary.files_skipped += 1;
                    continue;
                }
            };
            if (!parsed.published || parsed.draft) && !drafts {
                summary.drafts_skipped += 1;
                let why = if parsed.draft { "in _drafts" } else { "`published: false`" };
                diagnostics.push(Diagnostic::new(
                    Kind::Draft,
                    &parsed.shown,
                    None,
                    Some("published"),
                    format!("{why}; skipped (pass --drafts to include it)"),
                ));
                continue;
            }
            if parsed.date.with_timezone(&Utc) > now && !future {
                summary.future_skipped += 1;
                diagnostics.push(Diagnostic::new(
                    Kind::Future,
                    &parsed.shown,
                    None,
                    Some("date"),
                    format!(
                        "dated {} in the future; skipped (pass --future to include it)",
                        parsed.date.to_rfc3339()
                    ),
                ));
                continue;
            }
            posts.push(parsed);
            sources.push(index);
        }
        let ids = assign_ids(&posts, &mut diagnostics);
        let site = Site {
            title: opts.title.clone().or(config.title.clone()).unwrap_or_else(|| default_title(&opts.input)),
            description: opts.description.clone().or(config.description.clone()),
            lang: opts.lang.clone().or(config.lang.clone()),
            base_url: config.base_url(),
        };
        Ok(Prepared { config, zone, site, posts, sources, ids, diagnostics, summary, layout, fronts })
    }

    /// The file post `index` (of `posts`) was read from.
    pub(crate) fn source_path(&self, index: usize) -> &Path {
        &self.layout.sources[self.sources[index]].path
    }

    /// A fingerprint of the configuration the posts are rendered with.
    pub(crate) fn config_fingerprint(&self) -> u64 {
        fingerprint(&[&self.config, &self.zone, &self.site])
    }

    /// Re-reads post `index` (of `posts`) with its body, for rendering.
    pub(crate) fn reread(&self, index: usize) -> Result<Parsed, Error> {
        let source = &self.layout.sources[self.sources[index]];
        // The first read reported this file's problems already.
        let mut ignored = Vec::new();
        match read_source(source, self.zone, &mut ignored)? {
            Ok(parsed) => Ok(parsed),
            Err(_) => Err(Error::ChangedDuringBuild { path: source.path.clone() }),
        }
    }

    /// The `{% post_url %}` and `{% link %}` tables (every post's id by its
    /// `_posts` key and file name, and by its path in the site) and the
    /// posts' original permalinks. Made before the posts are handed to
    /// rendering.
    pub(crate) fn link_tables(&self) -> LinkTables {
        let by_key = self
            .posts
            .iter()
            .zip(&self.ids)
            .flat_map(|(p, id)| {
                let name = p.post_key.rsplit('/').next().unwrap_or(&p.post_key).to_owned();
                [(p.post_key.clone(), id.clone()), (name, id.clone())]
            })
            .collect();
        let by_path =
            self.posts.iter().zip(&self.ids).map(|(p, id)| (p.site_rel.clone(), id.clone())).collect();
        let mut permalinks = PostLinks::new(&self.config.baseurl);
        // Everything the tables are made of, hashed as they are filled.
        let mut printed = std::hash::DefaultHasher::new();
        for (post, id) in self.posts.iter().zip(&self.ids) {
            let permalink = permalink_path(post, &self.config.permalink);
            permalinks.insert(&permalink, id);
            std::hash::Hash::hash(&(&post.post_key, &post.site_rel, &permalink, id), &mut printed);
        }
        let fingerprint = std::hash::Hasher::finish(&printed);
        LinkTables { by_key, by_path, permalinks, fingerprint }
    }

    /// Runs `f` with what rendering a body needs: the site's Liquid
    /// variables, the link tables, the permalink style and the sanitiser.
    pub(crate) fn with_render_context<R>(
        &self,
        links: LinkTables,
        f: impl FnOnce(&RenderContext<'_>) -> R,
    ) -> R {
        let config = &self.config;
        let LinkTables { by_key, by_path, permalinks, .. } = links;
        let post_url = |arg: &str| by_key.get(arg.trim().trim_start_matches('/')).cloned();
        let link = |arg: &str| by_path.get(arg.trim().trim_start_matches('/')).cloned();
        let site_url = format!("{}{}", config.url.as_deref().unwrap_or(""), config.baseurl);
        let permalink_style = config.permalink.clone();
        let url_prefix = config.url.as_ref().map(|u| format!("{u}{}", config.baseurl));
        let permalink = |p: &Parsed| {
            url_prefix.as_ref().map(|prefix| format!("{prefix}{}", permalink_path(p, &permalink_style)))
        };
        // Links between posts by their original permalinks become links to
        // the posts themselves.
        let sanitizer = Sanitizer::with_post_links(self.site.base_url.as_deref(), permalinks);
        let ctx = RenderContext {
            site: &config.raw,
            site_url: &site_url,
            baseurl: &config.baseurl,
            config_separator: config.excerpt_separator.as_deref(),
            post_url: &post_url,
            link: &link,
            sanitizer: &sanitizer,
            permalink: &permalink,
        };
        f(&ctx)
    }

    /// Sorts diagnostics, counts warnings and sets the post count.
    pub(crate) fn finish(
        mut self,
        posts: usize,
    ) -> (Site, Summary, Vec<Diagnostic>, crate::discover::Layout) {
        self.diagnostics.sort();
        self.summary.posts = posts;
        for d in self.diagnostics.iter().filter(|d| d.level() == Level::Warning) {
            *self.summary.warnings.entry(d.kind).or_default() += 1;
        }
        (self.site, self.summary, self.diagnostics, self.layout)
    }
}

/// Post ids by the names `{% post_url %}` and `{% link %}` use, and by
/// their original permalinks.
pub(crate) struct LinkTables {
    by_key: HashMap<String, String>,
    by_path: HashMap<String, String>,
    permalinks: PostLinks,
    /// Of everything in the tables: a body rendered with other tables may
    /// link differently.
    pub(crate) fingerprint: u64,
}

fn read_source(
    source: &crate::discover::Source,
    zone: crate::dates::SiteZone,
    diags: &mut Vec<Diagnostic>,
) -> Result<Result<Parsed, Skip>, Error> {
    let bytes = fs::read(&source.path).map_err(|e| Error::Read { path: source.path.clone(), source: e })?;
    Ok(fields::read(source, bytes, zone, diags))
}

/// How many files under `opts.input` may be posts (before reading them):
/// what decides the layout when none is asked for.
///
/// # Errors
///
/// Fails when the input is missing or unreadable.
pub fn count_post_files(opts: &BuildOptions) -> Result<usize, Error> {
    Ok(discover(&opts.input, opts.drafts)?.sources.len())
}

/// Reads and renders every post of `opts.input` into one in-memory bundle.
///
/// # Errors
///
/// Fails when the input is missing or unreadable, the configuration is bad,
/// or the time zone is unknown.
pub fn build_bundle(opts: &BuildOptions, progress: &dyn Progress) -> Result<BuildOutput, Error> {
    let mut prepared = Prepared::read(opts, progress, true, None)?;
    let links = prepared.link_tables();
    // Rendering consumes the posts, so each body is freed once rendered.
    let posts = std::mem::take(&mut prepared.posts);
    let ids = std::mem::take(&mut prepared.ids);

    // 4. Bodies, in parallel.
    progress.set_length(prepared.layout.sources.len() as u64 + posts.len() as u64);
    let rendered: Vec<(DateTime<FixedOffset>, PostRecord, Vec<Diagnostic>)> =
        prepared.with_render_context(links, |ctx| {
            posts
                .into_par_iter()
                .zip(ids.into_par_iter())
                .map(|(parsed, id)| {
                    let mut diags = Vec::new();
                    let date = parsed.date;
                    let (record, _) = render::render(parsed, id, ctx, &mut diags);
                    progress.advance(1);
                    (date, record, diags)
                })
                .collect()
        });

    // 5. In archive order, so the file never depends on the input's order.
    let mut dated = Vec::with_capacity(rendered.len());
    for (date, record, diags) in rendered {
        prepared.diagnostics.extend(diags);
        dated.push((date, record));
    }
    dated.sort_by(|(da, a), (db, b)| archive_order((da, &a.id), (db, &b.id)));
    let records: Vec<PostRecord> = dated.into_iter().map(|(_, r)| r).collect();

    let (site, summary, diagnostics, layout) = prepared.finish(records.len());
    Ok(BuildOutput {
        bundle: SingleFileBundle::new(site, records, Some(GENERATOR.to_owned())),
        summary,
        diagnostics,
        ignored: layout.ignored,
        input_kind: layout.kind,
    })
}

/// Writes `bundle` to `<out_dir>/bundle.json`, atomically, so a failed run
/// never leaves half a bundle. Returns the path and its size.
///
/// # Errors
///
/// Fails when the folder cannot be created or the file cannot be written.
pub fn write_bundle(
    bundle: &SingleFileBundle,
    out_dir: &Path,
    pretty: bool,
) -> Result<(PathBuf, u64), Error> {
    crate::atomic::ensure_dir(out_dir)?;
    let target = out_dir.join("bundle.json");
    let size = crate::atomic::write_file(&target, |writer| {
        if pretty {
            serde_json::to_writer_pretty(&mut *writer, bundle)?;
        } else {
            serde_json::to_writer(&mut *writer, bundle)?;
        }
        writer.write_all(b"\n")
    })?;
    Ok((target, size))
}

/// `https://host/blog/` as Jekyll's `url` (`https://host`) and `baseurl`
/// (`/blog`).
fn split_base_url(base: &str) -> Result<(String, String), Error> {
    let parsed = url::Url::parse(base.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .ok_or_else(|| Error::BaseUrl { url: base.to_owned() })?;
    let origin = parsed.origin().ascii_serialization();
    Ok((origin, normalise_baseurl(parsed.path())))
}
/// A path shown relative to the input when it is inside it.
fn shown_relative(path: &Path, input: &Path) -> String {
    path.strip_prefix(input).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// The site title when neither `_config.yml` nor `--title` gives one: the
/// input folder's name.
fn default_title(input: &Path) -> String {
    let dir = if input.is_file() { input.parent().unwrap_or(input) } else { input };
    let dir = if dir.file_name().is_some_and(|n| n == "_posts") { dir.parent().unwrap_or(dir) } else { dir };
    let name = fs::canonicalize(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    if name.trim().is_empty() {
        "Archive".to_owned()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_splits_into_url_and_baseurl() {
        let split = |url: &str| split_base_url(url).unwrap();
        assert_eq!(split("https://x.example/blog/"), ("https://x.example".into(), "/blog".into()));
        assert_eq!(split("https://x.example"), ("https://x.example".into(), String::new()));
        assert_eq!(split("https://X.Example:8443/a/b"), ("https://x.example:8443".into(), "/a/b".into()));
        assert!(split_base_url("example.com/blog").is_err());
        assert!(split_base_url("javascript:alert(1)").is_err());
    }
}
