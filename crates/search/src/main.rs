//! `folio-search`: the search engine as a wasm module of its own, which the
//! viewer imports the first time a reader searches (nothing of search is on
//! the path to the first paint).
//!
//! The module holds the index's files fetched so far; the viewer asks it for
//! an answer, fetches whatever it says it needs, hands the files over, and
//! asks again (`folio_search::Engine`). Answers are JSON, which the viewer
//! already reads, so neither side needs more code to cross the boundary.

use std::fmt::Write as _;

use folio_search::{
    Count, Engine, FileStore, Manifest, Order, Query, SearchFilter, SearchRequest, Step, PAGE_SIZE,
};
use wasm_bindgen::prelude::*;

/// Talc in place of Rust's default allocator: far smaller code, and the
/// module runs on one thread.
#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// One archive's index, and the files fetched from it.
#[wasm_bindgen]
#[derive(Debug)]
pub struct SearchIndex {
    engine: Engine,
    files: FileStore,
}

#[wasm_bindgen]
impl SearchIndex {
    /// The index whose manifest (`search/index.txt`) is `manifest`.
    ///
    /// # Errors
    ///
    /// What is wrong with the manifest.
    #[wasm_bindgen(constructor)]
    pub fn new(manifest: &str) -> Result<SearchIndex, JsError> {
        let manifest = Manifest::parse(manifest).map_err(|e| JsError::new(&e))?;
        Ok(SearchIndex { engine: Engine::new(manifest), files: FileStore::new() })
    }

    /// Adds a fetched file of the index (`None`: the server has none).
    pub fn add_file(&mut self, path: String, bytes: Option<Vec<u8>>) {
        self.files.insert(path, bytes);
    }

    /// The answer to a query, or the files needed first, as JSON:
    /// `{"need":["terms/1a.bin",…]}`, or `{"count":N,"exact":true,
    /// "truncated":false,"hits":[…]}`. Filters: a category, tags (joined by
    /// U+001F) that must all or any be there, a year and a month (0: none).
    /// `relevance`: most relevant first, not newest first.
    ///
    /// # Errors
    ///
    /// A broken index file.
    #[allow(clippy::too_many_arguments)]
    pub fn search(
        &self,
        query: &str,
        category: Option<String>,
        all_tags: &str,
        any_tags: &str,
        year: i32,
        month: u32,
        page: u32,
        relevance: bool,
    ) -> Result<String, JsError> {
        let names = |joined: &str| -> Vec<String> {
            joined.split('\u{1f}').filter(|t| !t.is_empty()).map(str::to_owned).collect()
        };
        let filter = SearchFilter {
            category: category.filter(|c| !c.is_empty()),
            all_tags: names(all_tags),
            any_tags: names(any_tags),
            year: (year != 0).then_some(year),
            month: (year != 0 && month != 0).then_some(month),
        };
        let request = SearchRequest {
            query: Query::parse(query),
            filter,
            page: page.max(1) as usize,
            per_page: PAGE_SIZE,
            order: if relevance { Order::Relevance } else { Order::Newest },
        };
        let step = self.engine.search(&request, &self.files).map_err(|e| JsError::new(&e.to_string()))?;
        let mut out = String::with_capacity(4096);
        match step {
            Step::Need(paths) => {
                out.push_str("{\"need\":[");
                for (i, path) in paths.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_string(&mut out, path);
                }
                out.push_str("]}");
            }
            Step::Done(answer) => {
                let (count, exact) = match answer.count {
                    Count::Exact(n) => (n, true),
                    Count::AtLeast(n) => (n, false),
                };
                let _ = write!(
                    out,
                    "{{\"count\":{count},\"exact\":{exact},\"truncated\":{},\"hits\":[",
                    answer.truncated
                );
                for (i, hit) in answer.hits.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    let r = &hit.record;
                    out.push_str("{\"id\":");
                    json_string(&mut out, &r.id);
                    out.push_str(",\"title\":");
                    json_string(&mut out, &r.title);
                    out.push_str(",\"date\":");
                    json_string(&mut out, &r.date);
                    out.push_str(",\"categories\":");
                    json_strings(&mut out, &r.categories);
                    out.push_str(",\"tags\":");
                    json_strings(&mut out, &r.tags);
                    out.push_str(",\"title_marks\":");
                    json_ranges(&mut out, &r.title, &hit.title_marks);
                    out.push_str(",\"excerpt\":");
                    json_string(&mut out, &hit.excerpt);
                    out.push_str(",\"excerpt_marks\":");
                    json_ranges(&mut out, &hit.excerpt, &hit.excerpt_marks);
                    let _ = write!(
                        out,
                        ",\"cut_before\":{},\"cut_after\":{}}}",
                        hit.excerpt_cut_before, hit.excerpt_cut_after
                    );
                }
                out.push_str("]}");
            }
        }
        Ok(out)
    }
}

/// A string as JSON.
fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_strings(out: &mut String, list: &[String]) {
    out.push('[');
    for (i, s) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(out, s);
    }
    out.push(']');
}

/// Byte ranges of `text` as character ranges (what the viewer slices by).
fn json_ranges(out: &mut String, text: &str, ranges: &[std::ops::Range<usize>]) {
    out.push('[');
    for (i, r) in ranges.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let start = text[..r.start].chars().count();
        let len = text[r.clone()].chars().count();
        let _ = write!(out, "[{start},{}]", start + len);
    }
    out.push(']');
}

/// Nothing runs at start: the viewer calls the exports.
fn main() {}
