//! `folio-sanitizer`: the core's one sanitiser policy, and the plain-text
//! views that read raw bodies, as a wasm module of their own.
//!
//! The viewer loads this module only when it renders an article body itself
//! (a client-side navigation, or a hash-routed deployment), so that a page
//! that shows no body never downloads ammonia, html5ever and the URL and
//! entity tables, about half of the viewer's code. Everything here is a thin
//! export of `folio_core`; the rules live there.

use folio_core::{excerpt_from_html, reading_minutes, Sanitizer, EXCERPT_CHARS};
use wasm_bindgen::prelude::*;

/// The sanitising policy for one archive (its `base_url` resolves relative
/// links).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Policy(Sanitizer);

#[wasm_bindgen]
impl Policy {
    /// The policy for an archive published at `base_url`, if known.
    #[wasm_bindgen(constructor)]
    pub fn new(base_url: Option<String>) -> Policy {
        Policy(Sanitizer::new(base_url.as_deref()))
    }

    /// A post body, sanitised: `Sanitizer::clean`.
    pub fn clean(&self, html: &str) -> String {
        self.0.clean(html)
    }

    /// A URL the viewer links to itself (a post's source), if safe:
    /// `Sanitizer::external_link`.
    pub fn external_link(&self, url: &str) -> Option<String> {
        self.0.external_link(url)
    }
}

/// Minutes to read a raw post body: `folio_core::reading_minutes`.
#[wasm_bindgen]
pub fn minutes_to_read(html: &str) -> u32 {
    reading_minutes(html)
}

/// A plain-text excerpt of a raw post body, for bundles that carry none.
#[wasm_bindgen]
pub fn excerpt(html: &str) -> String {
    excerpt_from_html(html, EXCERPT_CHARS)
}

/// Nothing runs at start: the viewer calls the exports.
fn main() {}
