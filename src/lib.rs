//! Folio's viewer: a Yew app that adapts `folio_core` to the DOM.
//!
//! * `app`: loads the bundle, then routes to pages inside the [`app::Shell`];
//! * `route`: the routes ([`route::Route`], a core `Location`) in the page's
//!   link style, hash or path;
//! * `store`: the loaded archive as pages see it ([`store::Store`]), which
//!   answers views from memory (a single-file bundle) or from `chunks` (a
//!   chunked one, fetched per file by `loader`);
//! * `pages`: one component per route; `components`: the pieces they are
//!   made of, one per file (`components::ArticleBody` is the only one that
//!   inserts HTML, and only a `folio_core::SanitizedHtml`);
//! * `sanitizer`: the sanitiser, a wasm module of its own, loaded the first
//!   time a body is shown;
//! * `takeover`: replacing a static page with the app, unseen;
//! * `hooks`: views that may have to be fetched, titles, the list query;
//! * `focus`: moving focus to each page's heading; `embed`: embed mode;
//! * `prerender` (feature `ssr`): the same components rendered to HTML by
//!   `folio build --with-viewer`.

pub mod app;
mod chunks;
pub mod components;
mod embed;
mod focus;
pub mod hooks;
mod loader;
mod modules;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod route;
mod sanitizer;
mod search;
pub mod store;
mod takeover;
mod timing;

use folio_core::Location;

use crate::route::{set_link_style, LinkStyle};

/// Starts the viewer in the page: mounts it into `#folio-root`, replacing
/// the boot message, or, under a static page, beside it, to take the page
/// over once it has rendered (at once, or at the reader's first click on a
/// link: see `takeover`).
pub fn start() {
    app::install_panic_hook();
    embed::normalise_embed_url();
    let view = embed::view_options();
    embed::apply_theme(view.theme);
    if view.embed {
        embed::mark_embedded();
    }
    let document = gloo::utils::document();
    let static_page = takeover::StaticPage::detect();
    if let Some(page) = &static_page {
        loader::set_site_root(page.root_url.clone());
        takeover::pin_head_links(page);
    }
    modules::set_site_root(loader::site_root());

    // Path routing on a static site, except in embed mode, which keeps
    // the hash routes every embedder's URL uses.
    let base_path = static_page
        .as_ref()
        .filter(|_| !view.embed)
        .and_then(|page| web_sys::Url::new(&page.root_url).ok())
        .map(|root| root.pathname());
    let boot = app::Boot { base_path: base_path.clone() };
    let moved = match &base_path {
        Some(base) => {
            set_link_style(LinkStyle::Path { prefix: base.clone() });
            redirect_hash_route(base)
        }
        None => false,
    };

    let mount = move |root: web_sys::Element| {
        yew::Renderer::<app::App>::with_root_and_props(root, app::AppProps { boot }).render();
    };
    match (static_page, base_path) {
        (Some(page), Some(base)) if !moved && !needs_app_now() => {
            // The page stays as it is until the reader follows a link.
            takeover::on_first_navigation(page, base, mount);
            loader::prefetch_bundle();
            app::mark_live();
            sanitizer::prefetch_when_idle();
        }
        (Some(page), base) => {
            let root = takeover::prepare(&page, base.is_some() && !moved);
            mount(root.expect("a static page has a #folio-root element"));
        }
        (None, _) => {
            if let Some(boot) = document.get_element_by_id("boot") {
                boot.remove();
            }
            mount(document.get_element_by_id(takeover::ROOT_ID).expect("the page has a #folio-root element"));
        }
    }
}

/// Whether a static page needs the app at once: its address asks for
/// something else than the page (the inline script in its head marked it
/// `folio-pending`).
fn needs_app_now() -> bool {
    gloo::utils::document().document_element().is_some_and(|html| html.class_list().contains("folio-pending"))
}

/// An old shared link (`#/post/<id>`) on a static site: the address becomes
/// the page's real one (`post/<id>/`), without a reload. Returns whether it
/// moved.
fn redirect_hash_route(base: &str) -> bool {
    let window = gloo::utils::window();
    let hash = window.location().hash().unwrap_or_default();
    let Some(route) = hash.strip_prefix('#').filter(|r| r.starts_with('/')) else { return false };
    let (path, query) = route.split_once('?').map_or((route, String::new()), |(p, q)| (p, format!("?{q}")));
    let site_path = Location::from_route(path).site_path();
    let target = format!("{base}{site_path}{query}");
    window
        .history()
        .is_ok_and(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target)).is_ok())
}
