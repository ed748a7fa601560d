//! Folio's viewer: a Yew app that adapts `folio_core` to the DOM.
//!
//! * `app`: loads the bundle, then routes to pages inside the layout;
//! * `route`: the hash routes ([`route::Route`]);
//! * `store`: the loaded archive as pages see it ([`store::Store`]), which
//!   answers views from memory (a single-file bundle) or from `chunks`
//!   (a chunked one, fetched per file by `loader`);
//! * `pages`: one component per route; `components`: the pieces they are
//!   made of, one per file (`components::ArticleBody` is the only one that
//!   inserts HTML, and only a `folio_core::SanitizedHtml`);
//! * `hooks`: views that may have to be fetched, titles, the list query;
//! * `focus`: moving focus to each page's heading; `embed`: embed mode.

mod app;
mod chunks;
pub mod components;
mod embed;
mod focus;
pub mod hooks;
mod loader;
pub mod pages;
pub mod route;
pub mod store;
mod timing;

/// Mounts the viewer into the page's `#folio-root`, replacing the boot
/// message, after applying the URL's embed and theme options.
pub fn start() {
    app::install_panic_hook();
    embed::normalise_embed_url();
    let view = embed::view_options();
    embed::apply_theme(view.theme);
    if view.embed {
        embed::mark_embedded();
    }
    let document = gloo::utils::document();
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    let root = document.get_element_by_id("folio-root").expect("index.html has a #folio-root element");
    yew::Renderer::<app::App>::with_root(root).render();
}
