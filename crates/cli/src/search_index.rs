//! The search index of a build, `search/` beside `bundle.json`
//! (`docs/search.md`), made from the same sanitised bodies as the bundle and
//! the pages, for every layout.
//!
//! Posts are numbered in the archive's order and added in that order; their
//! text is normalised and their record written in parallel, a chunk at a
//! time, so memory holds one chunk of texts and the builder's lists (which
//! spill to disk past their budget), never the archive.

use std::path::Path;

use chrono::Datelike;
use folio_core::{format_date, plain_text, Post, PostRecord};
use folio_search::{
    write_record, Answer, DocRecord, Engine, FileStore, IndexBuilder, IndexSummary, Manifest, PreparedDoc,
    SearchRequest, Step, DEFAULT_MEMORY_BUDGET, MANIFEST_FILE, SEARCH_DIR,
};
use rayon::prelude::*;

use crate::atomic::StagingDir;
use crate::Error;

/// Posts normalised together before they are added to the index.
pub(crate) const INDEX_CHUNK: usize = 256;

/// What the index keeps of a post whose sanitised body is `html`.
pub(crate) fn doc_record(post: &Post, html: &str) -> (DocRecord, i32, u32) {
    let record = DocRecord {
        id: post.id.clone(),
        title: post.title.trim().to_owned(),
        date: format_date(&post.date),
        categories: post.categories.clone(),
        tags: post.tags.clone(),
        text: plain_text(html),
    };
    (record, post.date.year(), post.date.month())
}

/// An index being written into a staging folder of `out_dir`, swapped in
/// as `search/` when it is complete.
#[derive(Debug)]
pub(crate) struct SearchIndex {
    stage: StagingDir,
    builder: IndexBuilder,
    next: u32,
    /// The last chunk's posts, prepared, not yet added, and their
    /// records' bytes.
    pending: (Vec<PreparedDoc>, Vec<u64>),
}

impl SearchIndex {
    pub(crate) fn new(out_dir: &Path) -> Result<SearchIndex, Error> {
        crate::atomic::ensure_dir(out_dir)?;
        let stage = StagingDir::new_in(out_dir)?;
        let builder = IndexBuilder::new(stage.path(), DEFAULT_MEMORY_BUDGET)?;
        Ok(SearchIndex { stage, builder, next: 0, pending: (Vec::new(), Vec::new()) })
    }

    /// Adds the next posts of the archive's order: normalised and their
    /// records written in parallel, then added in order. The previous
    /// chunk is added while this one is prepared, so that both keep the
    /// cores busy.
    pub(crate) fn add_chunk(&mut self, docs: Vec<&(DocRecord, i32, u32)>) -> Result<(), Error> {
        let dir = self.stage.path().to_owned();
        let first = self.next + self.pending.0.len() as u32;
        let pending = std::mem::take(&mut self.pending);
        let (prepared, added) = rayon::join(
            || {
                docs.into_par_iter()
                    .enumerate()
                    .map(|(i, (record, year, month))| {
                        let bytes = write_record(&dir, first + i as u32, record)?;
                        Ok((PreparedDoc::new(record, *year, *month), bytes))
                    })
                    .collect::<Result<(Vec<_>, Vec<_>), folio_search::BuildError>>()
            },
            || self.add_pending(pending),
        );
        added?;
        self.pending = prepared?;
        Ok(())
    }

    fn add_pending(&mut self, (docs, bytes): (Vec<PreparedDoc>, Vec<u64>)) -> Result<(), Error> {
        self.builder.add_prepared_chunk(self.next, &docs)?;
        for bytes in bytes {
            self.builder.count_record(bytes);
        }
        self.next += docs.len() as u32;
        Ok(())
    }

    /// Finishes the index in its staging folder; [`StagedIndex::swap_in`]
    /// puts it in place.
    pub(crate) fn finish(mut self) -> Result<StagedIndex, Error> {
        let pending = std::mem::take(&mut self.pending);
        self.add_pending(pending)?;
        let summary = self.builder.finish()?;
        Ok(StagedIndex { stage: self.stage, summary })
    }
}

/// A complete index, not yet in place.
#[derive(Debug)]
pub(crate) struct StagedIndex {
    stage: StagingDir,
    /// What it holds.
    pub(crate) summary: IndexSummary,
}

impl StagedIndex {
    /// The staging folder, which becomes `search/`.
    pub(crate) fn path(&self) -> &Path {
        self.stage.path()
    }

    /// Puts the index at `search/`, replacing the previous one (deleted
    /// when the returned folder is dropped).
    pub(crate) fn swap_in(self) -> Result<(Option<tempfile::TempDir>, IndexSummary), Error> {
        let previous = self.stage.swap_in(SEARCH_DIR.trim_end_matches('/'))?;
        Ok((previous, self.summary))
    }
}

/// The index of a single-file bundle's records, which are in the archive's
/// order and already sanitised.
pub fn write_search_index(records: &[PostRecord], out_dir: &Path) -> Result<IndexSummary, Error> {
    let mut index = SearchIndex::new(out_dir)?;
    for chunk in records.chunks(INDEX_CHUNK) {
        let docs: Vec<(DocRecord, i32, u32)> = chunk
            .par_iter()
            .filter_map(|record| Post::try_from(record.clone()).ok())
            .map(|post| {
                let html = post.content_html.clone();
                doc_record(&post, &html)
            })
            .collect();
        index.add_chunk(docs.iter().collect())?;
    }
    let (previous, summary) = index.finish()?.swap_in()?;
    drop(previous);
    Ok(summary)
}

/// Answers `request` from the index in the folder `dir` (a build's
/// `search/`), the way the viewer does, reading the files the engine asks
/// for: `folio search`.
///
/// # Errors
///
/// [`Error::SearchIndex`] for a missing or broken index.
pub fn search_folder(dir: &Path, request: &SearchRequest) -> Result<Answer, Error> {
    let broken = |path: &Path, message: String| Error::SearchIndex { path: path.to_owned(), message };
    let manifest_path = dir.join(MANIFEST_FILE);
    let text = std::fs::read_to_string(&manifest_path).map_err(|e| broken(&manifest_path, e.to_string()))?;
    let engine = Engine::new(Manifest::parse(&text).map_err(|m| broken(&manifest_path, m))?);
    let mut files = FileStore::new();
    loop {
        match engine.search(request, &files).map_err(|e| broken(dir, e.to_string()))? {
            Step::Done(answer) => return Ok(answer),
            Step::Need(paths) => {
                for path in paths {
                    let bytes = std::fs::read(dir.join(&path)).ok();
                    files.insert(path, bytes);
                }
            }
        }
    }
}
