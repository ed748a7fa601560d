//! `folio build --chunked`: an archive of any size as a manifest and many
//! small files (the layout is in `folio_core`'s `chunked` module and
//! `docs/bundle-format.md`).
//!
//! The build streams: front matter is read once for every post and only
//! metadata is kept; then each post is read again, rendered and written to its
//! own file, in parallel, in archive order (so every post knows its
//! neighbours). Memory grows with the number of posts (about 300 bytes each),
//! never with the size of their bodies.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Datelike;
use folio_core::{
    archive_order, clean_names, name_key, post_path, sort_terms, year_counts, EntryRecord, ListFile,
    ListKind, Manifest, Neighbour, Overview, Post, PostFile, PostRecord, PostSummary, TermCount, TermKind,
    TermSummary, TermsFile, CHUNKED_MINOR, DEFAULT_CHUNK_ROOT, FORMAT_MAJOR, FORMAT_NAME, LAYOUT_CHUNKED,
    LAYOUT_PAGES, LIST_PAGE_SIZE, MANIFEST_CATEGORIES, MANIFEST_TAGS, PAGES_MINOR, TERMS_PAGE_SIZE,
};
use folio_search::{DocRecord, IndexSummary};
use rayon::prelude::*;
use serde::Serialize;

use crate::atomic::{ensure_dir, StagingDir};
use crate::build::{BuildOptions, Prepared, GENERATOR};
use crate::discover::InputKind;
use crate::memory::{content_hash, fingerprint, BuildMemory, Outputs, RenderEntry, Stamp};
use crate::progress::Progress;
use crate::render;
use crate::report::{Diagnostic, Level, Summary};
use crate::search_index::{doc_record, SearchIndex, INDEX_CHUNK};
use crate::site::{SitemapEntry, StaticSite, StaticSiteOptions};
use crate::site_build::{
    feed_ranks, finish, list_pages, manifest_overview, write_feeds, write_lists_and_indexes, SiteOutput,
};
use crate::Error;

/// Above this many posts `folio build` writes the chunked layout unless told
/// otherwise. A single-file bundle of 2,000 typical posts is about 1 MB with
/// brotli, downloaded and parsed before first paint: 100 times the chunked
/// layout's first load, and past the point where parsing is felt on a phone.
/// Below it, one file is simpler to host and lists can show excerpts.
pub const CHUNKED_THRESHOLD: usize = 2_000;

/// How to write a chunked bundle.
#[derive(Debug, Clone)]
pub struct ChunkedOptions {
    /// Entries per list file: [`LIST_PAGE_SIZE`] unless a test wants small pages.
    pub page_size: usize,
    /// Indent the JSON.
    pub pretty: bool,
    /// Write nothing if there is any warning.
    pub strict: bool,
    /// Write a static site: the pages layout, whose posts are their pages.
    pub site: Option<StaticSiteOptions>,
    /// Leave the search index out, and hand its posts back
    /// ([`ChunkedOutput::pending_search`]) to be indexed later: `folio
    /// serve` publishes the pages first, and indexes after the reload.
    pub defer_search: bool,
}

impl Default for ChunkedOptions {
    fn default() -> Self {
        ChunkedOptions {
            page_size: LIST_PAGE_SIZE,
            pretty: false,
            strict: false,
            site: None,
            defer_search: false,
        }
    }
}

/// The result of a chunked build, once written.
#[derive(Debug)]
pub struct ChunkedOutput {
    /// The counts for the summary line.
    pub summary: Summary,
    /// Notes and warnings, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Files that were looked at and are not posts.
    pub ignored: Vec<String>,
    /// What kind of input was given.
    pub input_kind: InputKind,
    /// The manifest, `<out>/bundle.json`.
    pub manifest: PathBuf,
    /// Files written, the manifest included.
    pub files: u64,
    /// Bytes written.
    pub bytes: u64,
    /// Wall time of each phase, in order, for `--verbose`.
    pub phases: Vec<(&'static str, Duration)>,
    /// What the static site build wrote, when it ran.
    pub site: Option<SiteOutput>,
    /// The search index, `<out>/search/` (none when deferred).
    pub search: Option<IndexSummary>,
    /// The posts a deferred search index is to hold, in archive order.
    pub pending_search: Option<PendingSearch>,
    /// With a memory: the files of this build that are those of the last
    /// one, which the build did not make again. They are not in `out`;
    /// [`crate::publish`] keeps them as they are in the published folder.
    pub kept: Vec<String>,
}

/// The posts of a search index still to be written.
#[derive(Debug)]
pub struct PendingSearch(Vec<Arc<RenderEntry>>);

impl PendingSearch {
    /// Writes the index into `<site>/search/`, beside the page that is
    /// there, and swaps it in whole, holding `folder` while it does (so
    /// that a build published into `site` meanwhile is not lost).
    ///
    /// # Errors
    ///
    /// The index cannot be written.
    pub fn write(self, site: &Path, folder: &std::sync::Mutex<()>) -> Result<IndexSummary, Error> {
        let mut index = SearchIndex::new(site)?;
        for chunk in self.0.chunks(INDEX_CHUNK) {
            index.add_chunk(chunk.iter().map(|entry| &entry.doc).collect())?;
        }
        let staged = index.finish()?;
        let _folder = folder.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let page = site.join(folio_search::SEARCH_DIR).join("index.html");
        if page.is_file() {
            fs::copy(&page, staged.path().join("index.html"))
                .map_err(|source| Error::Write { path: page.clone(), source })?;
        }
        let (previous, summary) = staged.swap_in()?;
        drop(previous);
        Ok(summary)
    }
}

/// What a build keeps of a post once its page is written: the whole
/// rendered post for a memory or a deferred index, else its search record.
enum Remembered {
    Entry(Arc<RenderEntry>),
    Doc((DocRecord, i32, u32)),
}

impl Remembered {
    fn doc(&self) -> &(DocRecord, i32, u32) {
        match self {
            Remembered::Entry(entry) => &entry.doc,
            Remembered::Doc(doc) => doc,
        }
    }
}

/// Writes the chunks into the staging folder, and counts them.
struct Written {
    /// The staging folder of the chunks.
    root: PathBuf,
    /// With a memory: the published files, of which an unchanged chunk is
    /// not written again.
    outputs: Option<Arc<Outputs>>,
    files: AtomicU64,
    bytes: AtomicU64,
}

impl Written {
    /// Whether chunk `rel`, made from `input`, is the last build's (then it
    /// is kept, and counted as written). Always false without a memory.
    /// A chunk checked this way is then written by [`Written::json`]
    /// without comparing its bytes.
    fn kept(&self, rel: &str, input: &[&dyn std::fmt::Debug]) -> bool {
        let published = format!("{DEFAULT_CHUNK_ROOT}{rel}");
        let kept = self.outputs.as_ref().is_some_and(|o| o.unchanged(&published, fingerprint(input)));
        if kept {
            self.files.fetch_add(1, Ordering::Relaxed);
        }
        kept
    }

    /// Writes chunk `rel` into the staging folder (which is swapped in
    /// whole, so the file itself need not be written atomically), unless
    /// the last build's has the same bytes.
    fn json(&self, rel: &str, value: &impl Serialize, pretty: bool) -> Result<(), Error> {
        let path = self.root.join(rel);
        let bytes = json_bytes(&path, value, pretty)?;
        self.count(bytes.len());
        let published = format!("{DEFAULT_CHUNK_ROOT}{rel}");
        let checked = self.outputs.as_ref().is_some_and(|o| o.has(&published));
        if !checked && self.outputs.as_ref().is_some_and(|o| o.unchanged(&published, content_hash(&bytes))) {
            return Ok(());
        }
        // Folders are made as files need them: a rebuild that writes a few
        // files leaves no empty tree of folders to delete.
        if let Some(parent) = path.parent() {
            create_dir(parent)?;
        }
        fs::write(&path, &bytes).map_err(|source| Error::Write { path: path.clone(), source })
    }

    fn count(&self, bytes: usize) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
    }
}

/// A chunk's bytes: its JSON and a final line feed.
fn json_bytes(path: &Path, value: &impl Serialize, pretty: bool) -> Result<Vec<u8>, Error> {
    let mut bytes = if pretty { serde_json::to_vec_pretty(value) } else { serde_json::to_vec(value) }
        .map_err(|e| Error::Write { path: path.to_owned(), source: e.into() })?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn create_dir(path: &Path) -> Result<(), Error> {
    fs::create_dir_all(path).map_err(|source| Error::Write { path: path.to_owned(), source })
}

/// Builds `opts.input` as a chunked bundle in `out_dir`: `bundle.json` (the
/// manifest) and the `bundle/` folder. The folder is assembled in a staging
/// folder and swapped in at the end, and the previous chunks are deleted only
/// once the new manifest is in place, so a failed run leaves the previous
/// bundle intact and a reader never meets a half-written one.
///
/// # Errors
///
/// As [`crate::build_bundle`], plus write failures and, in theory, two names
/// sharing a file key.
pub fn build_chunked(
    opts: &BuildOptions,
    out_dir: &Path,
    options: &ChunkedOptions,
    progress: &dyn Progress,
) -> Result<ChunkedOutput, Error> {
    Ok(build_chunked_with(opts, out_dir, options, progress, None)?.0)
}

/// [`build_chunked`] with the memory of the last good build of the same
/// site, whose files are in the folder this build will be published to
/// ([`crate::publish`]): what did not change is neither rendered nor
/// written again (`out_dir` then holds only what changed, and
/// [`ChunkedOutput::kept`] names the rest). Returns the memory for the
/// next build, which is good once this build is published. With `None`,
/// nothing is remembered (a memory holds every rendered post).
///
/// # Errors
///
/// As [`build_chunked`].
pub fn build_chunked_with(
    opts: &BuildOptions,
    out_dir: &Path,
    options: &ChunkedOptions,
    progress: &dyn Progress,
    memory: Option<&BuildMemory>,
) -> Result<(ChunkedOutput, BuildMemory), Error> {
    let ChunkedOptions { page_size, pretty, strict, site: site_options, defer_search } = options;
    let (page_size, pretty, strict) = ((*page_size).max(1), *pretty, *strict);
    let mut phases = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str| {
        phases.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let mut prepared = Prepared::read(opts, progress, false, memory)?;
    lap("find files, read front matter, assign ids");
    // What every file depends on: a memory made under other settings, by
    // another binary or with another `_config.yml`, is of no use.
    let context = fingerprint(&[&GENERATOR, opts, options, &prepared.config_fingerprint()]);
    let remembered = memory.and_then(|m| m.for_context(context));
    let outputs = memory.map(|_| Arc::new(Outputs::new(remembered)));
    ensure_dir(out_dir)?;
    let posts = &prepared.posts;
    let ids = &prepared.ids;
    let mut order: Vec<usize> = (0..posts.len()).collect();
    order.sort_by(|&a, &b| archive_order((&posts[a].date, &ids[a]), (&posts[b].date, &ids[b])));
    unique_keys("post id", ids.iter().map(String::as_str))?;

    let root_name = DEFAULT_CHUNK_ROOT.trim_end_matches('/');
    let stage = StagingDir::new_in(out_dir)?;
    let staging = stage.path().to_owned();
    // A static site's posts are their pages; other bundles have post files.
    let site = match site_options {
        Some(site_options) => {
            let cleaned: Vec<(Vec<String>, Vec<String>)> = order
                .iter()
                .map(|&i| (clean_names(posts[i].categories.clone()), clean_names(posts[i].tags.clone())))
                .collect();
            let overview = manifest_overview(
                prepared.site.clone(),
                cleaned.iter().zip(&order).map(|((c, t), &i)| (c.as_slice(), t.as_slice(), &posts[i].date)),
            );
            let feed_ranks = feed_ranks(cleaned.iter().map(|(c, _)| c.as_slice()));
            let mut site = StaticSite::new(out_dir, site_options.clone(), overview)?;
            site.remember(outputs.clone());
            Some((site, feed_ranks))
        }
        None => {
            for shard in 0..=255u8 {
                create_dir(&staging.join(format!("posts/{shard:02x}")))?;
            }
            None
        }
    };
    let written = Written {
        root: staging.clone(),
        outputs: outputs.clone(),
        files: AtomicU64::new(0),
        bytes: AtomicU64::new(0),
    };

    // 4. Bodies, in archive order and in parallel: re-read, render, write.
    progress.set_length(prepared.posts.len() as u64 * 2 + prepared.posts.len() as u64 / 10);
    let neighbour = |i: usize| Neighbour { id: ids[i].clone(), title: posts[i].title.trim().to_owned() };
    let links = prepared.link_tables();
    let links_print = links.fingerprint;
    type Rendered = (PostSummary, Vec<Diagnostic>, Option<SitemapEntry>, Option<(Post, u64)>);
    // Where each post was read from, by its id (for the memory).
    let paths: HashMap<&str, &Path> = if memory.is_some() {
        ids.iter().enumerate().map(|(i, id)| (id.as_str(), prepared.source_path(i))).collect()
    } else {
        HashMap::new()
    };
    // A chunk at a time, so that the search index gets the posts in order
    // with one chunk's texts in memory.
    let mut index = if *defer_search { None } else { Some(SearchIndex::new(out_dir)?) };
    let mut pending = Vec::new();
    let mut renders = HashMap::new();
    let rendered: Vec<Rendered> = prepared.with_render_context(links, |ctx| {
        let mut rendered: Vec<Rendered> = Vec::with_capacity(order.len());
        for (chunk, ranks) in order.chunks(INDEX_CHUNK).enumerate() {
            let part: Vec<(Rendered, Remembered)> = ranks
                .par_iter()
                .enumerate()
                .map(|(j, &i)| {
                    let rank = chunk * INDEX_CHUNK + j;
                    let path = prepared.source_path(i);
                    let stamp = prepared.fronts.get(path).map(|f| f.stamp);
                    let known = remembered
                        .and_then(|m| m.renders.get(path))
                        .filter(|r| Some(r.stamp) == stamp && r.id == ids[i] && r.links == links_print);
                    let entry = match known {
                        Some(entry) => Arc::clone(entry),
                        None => {
                            let mut diagnostics = Vec::new();
                            let (record, html) =
                                render::render(prepared.reread(i)?, ids[i].clone(), ctx, &mut diagnostics);
                            // Only a memory needs it, and it costs a pass
                            // over the post.
                            let fingerprint =
                                if memory.is_some() { fingerprint(&[&record, &html]) } else { 0 };
                            let post = Post::try_from(record).map_err(|error| Error::InvalidPost {
                                path: PathBuf::from(&posts[i].shown),
                                error,
                            })?;
                            let doc = doc_record(&post, html.as_str());
                            Arc::new(RenderEntry {
                                stamp: stamp.unwrap_or(Stamp::NONE),
                                id: ids[i].clone(),
                                links: links_print,
                                post,
                                html,
                                doc,
                                diagnostics,
                                fingerprint,
                            })
                        }
                    };
                    let post = &entry.post;
                    let older = order.get(rank + 1).map(|&j| neighbour(j));
                    let newer = rank.checked_sub(1).map(|r| neighbour(order[r]));
                    let summary = PostSummary::of(post, None);
                    let (sitemap, feed) = match &site {
                        Some((site, feed_ranks)) => {
                            let source =
                                post.source_url.as_deref().and_then(|u| ctx.sanitizer.external_link(u));
                            let page = site.write_article(
                                post,
                                older,
                                newer,
                                entry.html.clone(),
                                source,
                                entry.fingerprint,
                            )?;
                            (
                                Some(page),
                                feed_ranks.contains(&rank).then(|| (post.clone(), entry.fingerprint)),
                            )
                        }
                        None => {
                            let file = PostFile { post: PostRecord::from(post), older, newer };
                            written.json(&post_path(&post.id), &file, pretty)?;
                            (None, None)
                        }
                    };
                    progress.advance(1);
                    let diagnostics = entry.diagnostics.clone();
                    // Without a memory or a deferred index, only the search
                    // record outlives the post's page.
                    let kept = match Arc::try_unwrap(entry) {
                        Ok(entry) if memory.is_none() && !*defer_search => Remembered::Doc(entry.doc),
                        Ok(entry) => Remembered::Entry(Arc::new(entry)),
                        Err(shared) => Remembered::Entry(shared),
                    };
                    Ok(((summary, diagnostics, sitemap, feed), kept))
                })
                .collect::<Result<_, Error>>()?;
            let mut kept = Vec::with_capacity(part.len());
            for (done, entry) in part {
                rendered.push(done);
                kept.push(entry);
            }
            if let Some(index) = &mut index {
                index.add_chunk(kept.iter().map(Remembered::doc).collect())?;
            }
            for entry in kept {
                if let Remembered::Entry(entry) = entry {
                    if memory.is_some() {
                        renders.insert(paths[entry.id.as_str()].to_owned(), Arc::clone(&entry));
                    }
                    if *defer_search {
                        pending.push(entry);
                    }
                }
            }
        }
        Ok::<_, Error>(rendered)
    })?;
    lap("read, render, sanitise and write every post, and index it");
    let search = index.map(SearchIndex::finish).transpose()?;
    if let Some((site, _)) = &site {
        let folder = match &search {
            Some(search) => search.path().to_owned(),
            None => out_dir.join(folio_search::SEARCH_DIR),
        };
        site.write_search_page(&folder)?;
    }
    lap("merge and write the search index");
    // Each post's content fingerprint, by id, for the list pages.
    let contents: Option<HashMap<&str, u64>> = memory.map(|_| {
        renders.values().map(|entry: &Arc<RenderEntry>| (entry.id.as_str(), entry.fingerprint)).collect()
    });
    let mut summaries = Vec::with_capacity(rendered.len());
    let mut sitemap_entries = Vec::new();
    let mut feed_posts = Vec::new();
    for (summary, diags, entry, feed) in rendered {
        prepared.diagnostics.extend(diags);
        summaries.push(summary);
        sitemap_entries.extend(entry);
        feed_posts.extend(feed);
    }

    // 5. Lists, taxonomies and the manifest.
    let mut lists = group_lists(&summaries);
    unique_keys(
        "category",
        names_of(&lists, |k| matches!(k, ListKind::Category(_))).iter().map(String::as_str),
    )?;
    unique_keys("tag", names_of(&lists, |k| matches!(k, ListKind::Tag(_))).iter().map(String::as_str))?;
    let categories = term_counts(&lists, |k| matches!(k, ListKind::Category(_)));
    let tags = term_counts(&lists, |k| matches!(k, ListKind::Tag(_)));
    lists.extend(pair_lists(&summaries, &tags[..tags.len().min(MANIFEST_TAGS)]));
    let rank_contents: Option<Vec<u64>> = contents
        .as_ref()
        .map(|c| summaries.iter().map(|s| c.get(s.id.as_str()).copied().unwrap_or(0)).collect());
    lists.par_iter().try_for_each(|(kind, ranks)| {
        write_list(kind, ranks, &summaries, rank_contents.as_deref(), page_size, &written, pretty)
    })?;
    progress.advance(prepared.posts.len() as u64 / 10);
    lap("group and write the lists");

    let (layout, minor) =
        if site.is_some() { (LAYOUT_PAGES, PAGES_MINOR) } else { (LAYOUT_CHUNKED, CHUNKED_MINOR) };
    let manifest = Manifest {
        format: FORMAT_NAME.to_owned(),
        version: format!("{FORMAT_MAJOR}.{minor}"),
        layout: layout.to_owned(),
        generator: Some(GENERATOR.to_owned()),
        site: prepared.site.clone(),
        chunks: DEFAULT_CHUNK_ROOT.to_owned(),
        posts: summaries.len(),
        page_size,
        categories: write_terms(TermKind::Category, &categories, MANIFEST_CATEGORIES, &written, pretty)?,
        tags: write_terms(TermKind::Tag, &tags, MANIFEST_TAGS, &written, pretty)?,
        years: year_counts(summaries.iter().map(|s| &s.date)),
    };

    let warnings = prepared.diagnostics.iter().filter(|d| d.level() == Level::Warning).count();
    if strict && warnings > 0 {
        // Dropping the staging folder deletes it: nothing was written.
        return Err(Error::Strict { count: warnings });
    }

    lap("write the taxonomies");

    let mut site_output = None;
    if let Some((site, _)) = &site {
        // The pages' navigation came from the posts' metadata before they
        // were rendered; the viewer computes it from this manifest.
        if *site.overview() != Overview::of_manifest(&manifest) {
            return Err(Error::Internal {
                what: "the static pages' navigation differs from the manifest's".into(),
            });
        }
        sitemap_entries.extend(write_lists_and_indexes(
            site,
            list_pages(&summaries),
            page_size,
            &categories,
            &tags,
            contents.as_ref(),
        )?);
        lap("write the list pages and indexes");
        write_feeds(site, out_dir, &feed_posts)?;
        lap("write the feeds");
        site_output = Some(finish(site, out_dir, &sitemap_entries)?);
        lap("write the sitemap");
    }

    // Swap the new chunks in, point the manifest at them, and only then
    // delete the previous chunks (dropping `previous`).
    let previous = stage.swap_in(root_name)?;
    let (previous_search, search) = match search {
        Some(search) => {
            let (previous, summary) = search.swap_in()?;
            (previous, Some(summary))
        }
        None => (None, None),
    };
    let manifest_path = out_dir.join("bundle.json");
    let manifest_bytes = json_bytes(&manifest_path, &manifest, pretty)?;
    if memory.is_some() {
        // A build with a memory is staged and then published: its manifest
        // is written into a staging folder, and waiting for the disk here
        // (a sync) would only slow the rebuild down.
        fs::write(&manifest_path, &manifest_bytes)
            .map_err(|source| Error::Write { path: manifest_path.clone(), source })?;
    } else {
        crate::atomic::write_file(&manifest_path, |w| w.write_all(&manifest_bytes))?;
    }
    written.count(manifest_bytes.len());
    drop(previous);
    drop(previous_search);
    lap("swap the new files in, delete the previous ones");
    let fronts = std::mem::take(&mut prepared.fronts);
    // The writers' handles on the outputs go first.
    drop(site);
    let Written { files: file_count, bytes: byte_count, outputs: chunk_outputs, .. } = written;
    drop(chunk_outputs);
    let (_, summary, diagnostics, layout) = prepared.finish(summaries.len());
    let (kept, files) = match outputs {
        Some(outputs) => Arc::try_unwrap(outputs)
            .map_err(|_| Error::Internal { what: "a writer outlived the build".into() })?
            .finish(),
        None => (Vec::new(), HashMap::new()),
    };
    let next = BuildMemory { context, fronts, renders, files };
    lap("keep what the next build needs");
    let output = ChunkedOutput {
        summary,
        diagnostics,
        ignored: layout.ignored,
        input_kind: layout.kind,
        manifest: manifest_path,
        files: file_count.into_inner(),
        bytes: byte_count.into_inner(),
        phases,
        site: site_output,
        search,
        pending_search: defer_search.then_some(PendingSearch(pending)),
        kept,
    };
    Ok((output, next))
}

/// Fails when two names would share a file.
fn unique_keys<'a>(what: &str, names: impl Iterator<Item = &'a str>) -> Result<(), Error> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for name in names {
        if let Some(other) = seen.insert(name_key(name), name) {
            if other != name {
                return Err(Error::KeyCollision {
                    what: what.to_owned(),
                    first: other.to_owned(),
                    second: name.to_owned(),
                });
            }
        }
    }
    Ok(())
}

fn names_of(lists: &[(ListKind, Vec<u32>)], keep: impl Fn(&ListKind) -> bool) -> Vec<String> {
    lists.iter().filter(|(k, _)| keep(k)).filter_map(|(k, _)| k.name()).collect()
}

/// The AND list of every two of the `top` tags (the manifest's): combining
/// two large tags then costs one request per page. Each post is in at most
/// six of them (four tags make six pairs), so they add at most six entries
/// per post, and in practice far fewer, since most tags are not top tags.
fn pair_lists(summaries: &[PostSummary], top: &[TermCount]) -> Vec<(ListKind, Vec<u32>)> {
    let top: HashMap<&str, ()> = top.iter().map(|t| (t.name.as_str(), ())).collect();
    let mut pairs: HashMap<ListKind, Vec<u32>> = HashMap::new();
    for (rank, s) in summaries.iter().enumerate() {
        let mine: Vec<&str> = s.tags.iter().map(String::as_str).filter(|t| top.contains_key(t)).collect();
        for (i, a) in mine.iter().enumerate() {
            for b in &mine[i + 1..] {
                pairs.entry(ListKind::pair(a, b)).or_default().push(rank as u32);
            }
        }
    }
    pairs.into_iter().collect()
}

/// Every list with files, and the ranks (positions in archive order) of its
/// posts, in order.
fn group_lists(summaries: &[PostSummary]) -> Vec<(ListKind, Vec<u32>)> {
    let mut lists: HashMap<ListKind, Vec<u32>> = HashMap::new();
    lists.insert(ListKind::All, (0..summaries.len() as u32).collect());
    for (rank, s) in summaries.iter().enumerate() {
        let rank = rank as u32;
        let mut push = |kind: ListKind| lists.entry(kind).or_default().push(rank);
        for c in &s.categories {
            push(ListKind::Category(c.clone()));
        }
        for t in &s.tags {
            push(ListKind::Tag(t.clone()));
        }
        push(ListKind::Year(s.date.year()));
        push(ListKind::Month(s.date.year(), s.date.month()));
    }
    let mut lists: Vec<_> = lists.into_iter().collect();
    // Largest first, so the parallel writers finish together. (The order
    // does not reach the output: each list is its own files.)
    lists.sort_unstable_by_key(|(_, ranks)| std::cmp::Reverse(ranks.len()));
    lists
}

/// Writes the files of one list. With a memory, `contents` has each post's
/// content fingerprint, by rank: a file whose posts did not change is not
/// even made.
fn write_list(
    kind: &ListKind,
    ranks: &[u32],
    summaries: &[PostSummary],
    contents: Option<&[u64]>,
    page_size: usize,
    written: &Written,
    pretty: bool,
) -> Result<(), Error> {
    let pages = ranks.len().div_ceil(page_size).max(1);
    let first = kind.path(1);
    for (index, chunk) in ranks.chunks(page_size).enumerate() {
        let rel = kind.path(index + 1);
        if let Some(contents) = contents {
            let posts: Vec<u64> = chunk.iter().map(|&r| contents[r as usize]).collect();
            if written.kept(&rel, &[kind, &ranks.len(), &pages, &index, &posts, &pretty]) {
                continue;
            }
        }
        let file = ListFile {
            name: kind.name(),
            total: ranks.len(),
            pages,
            page: index + 1,
            posts: chunk.iter().map(|&r| EntryRecord::from(&summaries[r as usize])).collect(),
        };
        written.json(&rel, &file, pretty)?;
    }
    if ranks.is_empty() {
        // An empty archive still has a first page of its newest posts.
        let file = ListFile { name: None, total: 0, pages: 1, page: 1, posts: Vec::new() };
        written.json(&first, &file, pretty)?;
    }
    Ok(())
}

/// Categories or tags with their counts, in taxonomy order.
fn term_counts(lists: &[(ListKind, Vec<u32>)], keep: impl Fn(&ListKind) -> bool) -> Vec<TermCount> {
    let mut terms: Vec<TermCount> = lists
        .iter()
        .filter(|(k, _)| keep(k))
        .filter_map(|(k, ranks)| k.name().map(|name| TermCount { name, count: ranks.len() }))
        .collect();
    sort_terms(&mut terms);
    terms
}

fn write_terms(
    kind: TermKind,
    terms: &[TermCount],
    top: usize,
    written: &Written,
    pretty: bool,
) -> Result<TermSummary, Error> {
    let pages = terms.len().div_ceil(TERMS_PAGE_SIZE).max(1);
    for page in 1..=pages {
        let start = (page - 1) * TERMS_PAGE_SIZE;
        let file = TermsFile {
            total: terms.len(),
            pages,
            page,
            terms: terms[start..(start + TERMS_PAGE_SIZE).min(terms.len())].to_vec(),
        };
        written.json(&kind.path(page), &file, pretty)?;
    }
    Ok(TermSummary { count: terms.len(), pages, top: terms.iter().take(top).cloned().collect() })
}
