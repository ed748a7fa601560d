//! The wasm modules the app imports when it first needs them: the sanitiser
//! (`crates/sanitizer`, for the first article body the app renders itself)
//! and the search engine (`crates/search`, for the first search). Each is
//! named by a `<meta>` of the page (`folio-sanitizer`, `folio-search`), which
//! the post-build hook and the static pages write with the content-hashed
//! file name of its JS glue; its wasm is beside it.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = "export function import_module(url) { return import(url); }")]
extern "C" {
    /// `import(url)`: wasm-bindgen has no binding for dynamic imports.
    fn import_module(url: &str) -> Promise;
}

/// A module the app can load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Module {
    /// The sanitiser.
    Sanitizer,
    /// The search engine.
    Search,
}

impl Module {
    fn meta(self) -> &'static str {
        match self {
            Module::Sanitizer => "folio-sanitizer",
            Module::Search => "folio-search",
        }
    }
}

/// Where a module's files are: the glue and its wasm, as absolute URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleFiles {
    /// The wasm-bindgen JS glue.
    pub glue: String,
    /// The wasm.
    pub wasm: String,
}

thread_local! {
    static ROOT: RefCell<String> = const { RefCell::new(String::new()) };
    /// Each module's load, as a promise every caller awaits (a JS promise
    /// can be awaited any number of times).
    static LOADS: RefCell<HashMap<Module, Promise>> = RefCell::new(HashMap::new());
}

/// Tells the app where the site's root is, which the `<meta>` names are
/// relative to. Called once at start.
pub fn set_site_root(root: String) {
    ROOT.with(|r| *r.borrow_mut() = root);
}

/// The files the page names for `module`.
pub fn files(module: Module) -> Option<ModuleFiles> {
    let document = gloo::utils::document();
    let glue = document
        .query_selector(&format!("meta[name='{}']", module.meta()))
        .ok()??
        .get_attribute("content")?;
    let wasm = glue.strip_suffix(".js").map(|stem| format!("{stem}_bg.wasm"))?;
    let root = ROOT.with(|r| r.borrow().clone());
    let absolute = |name: &str| web_sys::Url::new_with_base(name, &root).ok().map(|u| u.href());
    Some(ModuleFiles { glue: absolute(&glue)?, wasm: absolute(&wasm)? })
}

/// The module's exports, loading it on first use; every caller waits on the
/// same load, and a failed load is tried again by the next caller.
///
/// # Errors
///
/// The page names no such module, or it could not be loaded.
pub async fn load(module: Module) -> Result<JsValue, String> {
    let loading = LOADS.with(|l| l.borrow().get(&module).cloned()).unwrap_or_else(|| {
        let found = files(module);
        let promise = wasm_bindgen_futures::future_to_promise(async move {
            let files = found.ok_or_else(|| format!("the page names no {} module", module.meta()))?;
            let exports = JsFuture::from(import_module(&files.glue)).await?;
            let init: Function = Reflect::get(&exports, &"default".into())?.dyn_into()?;
            let options = Object::new();
            Reflect::set(&options, &"module_or_path".into(), &files.wasm.as_str().into())?;
            JsFuture::from(Promise::from(init.call1(&JsValue::NULL, &options)?)).await?;
            Ok(exports)
        });
        LOADS.with(|l| l.borrow_mut().insert(module, promise.clone()));
        promise
    });
    let result = JsFuture::from(loading).await;
    if result.is_err() {
        LOADS.with(|l| l.borrow_mut().remove(&module));
    }
    let name = files(module).map(|f| f.glue).unwrap_or_else(|| module.meta().to_owned());
    result.map_err(|e| js_error(&name, &e))
}

/// A JS error as text, prefixed with what it came from.
pub fn js_error(what: &str, error: &JsValue) -> String {
    let message = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned());
    format!("{what}: {message}")
}

/// Starts downloading a module's files into the HTTP cache when the browser
/// is idle, so that its first use does not wait for them. Nothing is
/// compiled or run.
pub fn prefetch_when_idle(module: Module) {
    let Some(files) = files(module) else { return };
    let prefetch = Closure::once_into_js(move || {
        let document = gloo::utils::document();
        for (rel, href) in [("modulepreload", &files.glue), ("prefetch", &files.wasm)] {
            if let Ok(link) = document.create_element("link") {
                link.set_attribute("rel", rel).ok();
                link.set_attribute("href", href).ok();
                if rel == "prefetch" {
                    link.set_attribute("as", "fetch").ok();
                    link.set_attribute("crossorigin", "anonymous").ok();
                }
                document.head().map(|head| head.append_child(&link));
            }
        }
    });
    let window = gloo::utils::window();
    if window.request_idle_callback(prefetch.unchecked_ref()).is_err() {
        // No requestIdleCallback (Safari): after the page has settled.
        window.set_timeout_with_callback_and_timeout_and_arguments_0(prefetch.unchecked_ref(), 2_000).ok();
    }
}
