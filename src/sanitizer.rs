//! The sanitiser as the viewer reaches it: a wasm module of its own
//! (`crates/sanitizer`), fetched the first time the app renders an article
//! body itself, and prefetched when the browser is idle.
//!
//! Pages that show no body (lists, the taxonomies, a static article the app
//! took over) never need it, so the code the viewer needs for them is about
//! half as large: ammonia, html5ever and the URL and entity tables are all
//! here. The policy is `folio_core::Sanitizer`, unchanged; this module only
//! carries text to it and back.

use std::rc::Rc;

use folio_core::SanitizedHtml;
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::modules::{js_error, load, Module};

/// Starts downloading the module when the browser is idle, so that the first
/// article opened in the app does not wait for it.
pub fn prefetch_when_idle() {
    crate::modules::prefetch_when_idle(Module::Sanitizer);
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
        let module = load(Module::Sanitizer).await?;
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
