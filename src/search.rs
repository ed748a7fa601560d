//! Search as the viewer reaches it: the engine is a wasm module of its own
//! (`crates/search`), imported when a reader turns to search (the box gets
//! the focus, or a search page opens), and the index is fetched file by file
//! as the engine asks for them. Nothing of search is loaded before then.
//!
//! The index lives at `search/` beside the bundle. The engine answers each
//! query from the files it has, or names the files it needs; this module
//! fetches those (together) and asks again, until the engine answers.

use std::cell::RefCell;
use std::rc::Rc;

use folio_core::ListQuery;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use js_sys::{Array, Function, Reflect, Uint8Array};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::modules::{js_error, load, Module};

/// One result, as the engine gives it: text only (the view builds the
/// marks from character ranges; nothing is inserted as HTML).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub date: String,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    /// Character ranges of the title to mark.
    pub title_marks: Vec<(usize, usize)>,
    pub excerpt: String,
    /// Character ranges of the excerpt to mark.
    pub excerpt_marks: Vec<(usize, usize)>,
    pub cut_before: bool,
    pub cut_after: bool,
}

/// An answer of the engine.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SearchAnswer {
    /// How many posts match: exactly, or at least.
    pub count: usize,
    /// Whether `count` is exact.
    pub exact: bool,
    /// Whether part of the query was ignored.
    pub truncated: bool,
    /// This page's results.
    pub hits: Vec<SearchHit>,
}

#[derive(Debug, Deserialize)]
struct Need {
    need: Vec<String>,
}

/// An archive's search index, open in the engine.
#[derive(Debug)]
pub struct Searcher {
    index: JsValue,
    /// The index folder's URL, ending in `/`.
    root: String,
}

/// The index being opened, or open: every caller shares one load.
type Opening = Shared<LocalBoxFuture<'static, Result<Rc<Searcher>, String>>>;

thread_local! {
    static OPEN: RefCell<Option<Opening>> = const { RefCell::new(None) };
}

impl Searcher {
    /// The archive's index (`search/` beside `bundle_url`), loading the
    /// engine and the index's manifest on first use. Callers that come while
    /// it loads share that load; a failed load is tried again next time.
    ///
    /// # Errors
    ///
    /// The engine or the manifest could not be loaded, in words.
    pub async fn open(bundle_url: &str) -> Result<Rc<Searcher>, String> {
        let opening = OPEN.with(|o| o.borrow().clone()).unwrap_or_else(|| {
            let opening = Searcher::load(bundle_url.to_owned()).boxed_local().shared();
            OPEN.with(|o| *o.borrow_mut() = Some(opening.clone()));
            opening
        });
        let opened = opening.clone().await;
        if opened.is_err() {
            // Forget this load, not one a later caller has begun since.
            OPEN.with(|o| {
                let mut open = o.borrow_mut();
                if open.as_ref().is_some_and(|current| Shared::ptr_eq(current, &opening)) {
                    *open = None;
                }
            });
        }
        opened
    }

    /// Starts opening the index, for a reader who is about to search: the
    /// box has the focus.
    pub fn warm_up() {
        if let Ok(bundle) = crate::loader::bundle_url() {
            wasm_bindgen_futures::spawn_local(async move {
                // A failure shows when the search runs, and is retried then.
                let _ = Searcher::open(&bundle).await;
            });
        }
    }

    async fn load(bundle_url: String) -> Result<Rc<Searcher>, String> {
        let root = web_sys::Url::new_with_base("search/", &bundle_url)
            .map(|u| u.href())
            .map_err(|_| format!("no search index beside {bundle_url}"))?;
        let exports = load(Module::Search).await?;
        let manifest_url = format!("{root}index.txt");
        let manifest = crate::loader::fetch_chunk(&manifest_url)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("{manifest_url}: not found (the archive has no search index)"))?;
        let class: Function = Reflect::get(&exports, &"SearchIndex".into())
            .ok()
            .and_then(|c| c.dyn_into().ok())
            .ok_or("the search module has no SearchIndex")?;
        let text = String::from_utf8_lossy(&manifest).into_owned();
        let index =
            Reflect::construct(&class, &Array::of1(&text.into())).map_err(|e| js_error(&manifest_url, &e))?;
        Ok(Rc::new(Searcher { index, root }))
    }

    fn call(&self, name: &str, args: &Array) -> Result<JsValue, String> {
        let method: Function = Reflect::get(&self.index, &name.into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| format!("the search module has no {name}"))?;
        method.apply(&self.index, args).map_err(|e| js_error("search", &e))
    }

    /// The answer to the search in `query` (its `q`, filters and page),
    /// fetching what the engine needs.
    ///
    /// # Errors
    ///
    /// A file could not be fetched, or the index is broken, in words.
    pub async fn search(&self, query: &ListQuery) -> Result<SearchAnswer, String> {
        let args = Array::new();
        args.push(&query.q.as_str().into());
        args.push(&query.category.clone().map_or(JsValue::UNDEFINED, JsValue::from));
        args.push(&query.all.join("\u{1f}").into());
        args.push(&query.any.join("\u{1f}").into());
        args.push(&query.year.unwrap_or(0).into());
        args.push(&query.month.unwrap_or(0).into());
        args.push(&(query.page as u32).into());
        args.push(&query.by_relevance.into());
        // Each round fetches what the last one named. A query needs a few;
        // relevance order checks a long query's candidates 256 a round, so
        // the bound (against an engine that never finishes) is generous.
        for _ in 0..4096 {
            let json = self.call("search", &args)?.as_string().ok_or("the search module answered no text")?;
            if let Ok(need) = serde_json::from_str::<Need>(&json) {
                let fetches = need.need.into_iter().map(|path| async move {
                    let url = format!("{}{path}", self.root);
                    (path, crate::loader::fetch_chunk(&url).await)
                });
                for (path, fetched) in futures::future::join_all(fetches).await {
                    let bytes = fetched.map_err(|e| e.to_string())?;
                    let value = bytes.map_or(JsValue::UNDEFINED, |b| Uint8Array::from(b.as_slice()).into());
                    self.call("add_file", &Array::of2(&path.into(), &value))?;
                }
                continue;
            }
            return serde_json::from_str(&json).map_err(|e| format!("the search module's answer: {e}"));
        }
        Err("the search did not finish".to_owned())
    }
}
