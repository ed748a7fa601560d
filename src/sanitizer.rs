//! The sanitiser as the viewer reaches it: a wasm module of its own
//! (`crates/sanitizer`), fetched the first time the app renders an article
//! body itself, and prefetched when the browser is idle.
//!
//! Pages that show no body (lists, the taxonomies, a static article the app
//! took over) never need it, so the code the viewer needs for them is about
//! half as large: ammonia, html5ever and the URL and entity tables are all
//! here. The policy is `folio_core::Sanitizer`, unchanged; this module only
//! carries text to it and back.

use std::cell::RefCell;
use std::rc::Rc;

use folio_core::SanitizedHtml;
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(inline_js = "export function import_module(url) { return import(url); }")]
extern "C" {
    /// `import(url)`: wasm-bindgen has no binding for dynamic imports.
    fn import_module(url: &str) -> Promise;
}

/// Where the module's files are: the glue and its wasm, as absolute URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleFiles {
    /// The wasm-bindgen JS glue.
    pub glue: String,
    /// The wasm.
    pub wasm: String,
}

impl ModuleFiles {
    /// The files named by the page's `<meta name="folio-sanitizer">` (the
    /// glue's file name; the post-build hook gives both files a content
    /// hash), relative to the site's root.
    pub fn from_page(site_root: &str) -> Option<ModuleFiles> {
        let document = gloo::utils::document();
        let glue = document.query_selector("meta[name='folio-sanitizer']").ok()??.get_attribute("content")?;
        let wasm = glue.strip_suffix(".js").map(|stem| format!("{stem}_bg.wasm"))?;
        let absolute = |name: &str| web_sys::Url::new_with_base(name, site_root).ok().map(|u| u.href());
        Some(ModuleFiles { glue: absolute(&glue)?, wasm: absolute(&wasm)? })
    }
}

thread_local! {
    static FILES: RefCell<Option<ModuleFiles>> = const { RefCell::new(None) };
    /// The load, as a promise every caller awaits (a JS promise can be
    /// awaited any number of times).
    static MODULE: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Tells the viewer where the module is. Called once at start.
pub fn set_files(files: Option<ModuleFiles>) {
    FILES.with(|f| *f.borrow_mut() = files);
}

/// The module's exports, loading it on first use; every caller waits on the
/// same load.
async fn module() -> Result<JsValue, String> {
    let loading = MODULE.with(|m| m.borrow().clone()).unwrap_or_else(|| {
        let files = FILES.with(|f| f.borrow().clone());
        let promise = wasm_bindgen_futures::future_to_promise(async move {
            let files = files.ok_or("the page names no sanitiser module (<meta name=folio-sanitizer>)")?;
            let module = JsFuture::from(import_module(&files.glue)).await?;
            let init: Function = Reflect::get(&module, &"default".into())?.dyn_into()?;
            let options = Object::new();
            Reflect::set(&options, &"module_or_path".into(), &files.wasm.as_str().into())?;
            JsFuture::from(Promise::from(init.call1(&JsValue::NULL, &options)?)).await?;
            Ok(module)
        });
        MODULE.with(|m| *m.borrow_mut() = Some(promise.clone()));
        promise
    });
    let result = JsFuture::from(loading).await;
    if result.is_err() {
        // A failed load (offline, say) is tried again next time.
        MODULE.with(|m| m.borrow_mut().take());
    }
    let glue = FILES.with(|f| f.borrow().as_ref().map(|f| f.glue.clone())).unwrap_or_default();
    result.map_err(|e| js_error(&glue, &e))
}

fn js_error(url: &str, error: &JsValue) -> String {
    let message = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned());
    format!("{url}: {message}")
}

/// Starts downloading the module's files into the HTTP cache when the
/// browser is idle, so that the first article opened in the app does not
/// wait for them. Nothing is compiled or run.
pub fn prefetch_when_idle() {
    let Some(files) = FILES.with(|f| f.borrow().clone()) else { return };
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

/// The policy of one archive, in the module.
#[derive(Debug, Clone)]
pub struct Policy {
    module: JsValue,
    policy: JsValue,
}

impl Policy {
    /// The policy for an archive whose relative links resolve against
    /// `base_url`, loading the module if needed.
    ///
    /// # Errors
    ///
    /// The module could not be loaded.
    pub async fn load(base_url: Option<String>) -> Result<Policy, String> {
        let module = module().await?;
        let class: Function = Reflect::get(&module, &"Policy".into())
            .ok()
            .and_then(|c| c.dyn_into().ok())
            .ok_or("no Policy export")?;
        let base = base_url.map_or(JsValue::UNDEFINED, |b| b.into());
        let policy = Reflect::construct(&class, &Array::of1(&base)).map_err(|e| js_error("Policy", &e))?;
        Ok(Policy { module, policy })
    }

    fn call(&self, target: &JsValue, name: &str, argument: &str) -> JsValue {
        Reflect::get(target, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .and_then(|f| f.call1(target, &argument.into()).ok())
            .unwrap_or(JsValue::UNDEFINED)
    }

    /// A body, through the one policy.
    pub fn clean(&self, html: &str) -> SanitizedHtml {
        let clean = self.call(&self.policy, "clean", html).as_string().unwrap_or_default();
        SanitizedHtml::from_policy_output(clean)
    }

    /// A post's source URL, if it is a safe link.
    pub fn external_link(&self, url: &str) -> Option<String> {
        self.call(&self.policy, "external_link", url).as_string()
    }

    /// Minutes to read a raw body.
    pub fn reading_minutes(&self, html: &str) -> u32 {
        self.call(&self.module, "minutes_to_read", html).as_f64().map_or(1, |m| m as u32)
    }

    /// A plain-text excerpt of a raw body.
    pub fn excerpt(&self, html: &str) -> String {
        self.call(&self.module, "excerpt", html).as_string().unwrap_or_default()
    }
}

/// A shared handle on a loaded policy.
pub type SharedPolicy = Rc<Policy>;
