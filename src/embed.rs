//! Embed mode in the browser: reading the page's view options, the
//! `#/embed/...` route form, the parent-origin check, height reports to the
//! parent page, and commands from it. The rules themselves (what a valid
//! origin or command is) live in `folio_core::embed`.

use std::cell::RefCell;
use std::rc::Rc;

use folio_core::{normalise_origin, EmbedCommand, EmbedTarget, Location, ResizeMessage, Theme, ViewOptions};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::route::Route;

/// Height reports wait this long for the layout to settle (images loading
/// one after another, a route change) and then send one message.
const RESIZE_DEBOUNCE_MS: u32 = 60;

/// The view options of this page, from `location.search`.
pub fn view_options() -> ViewOptions {
    ViewOptions::parse(&gloo::utils::window().location().search().unwrap_or_default())
}

/// Rewrites `#/embed/<route>` into `?embed=1#/<route>` without reloading, so
/// that both forms of an embed URL end up in the same state. Runs once, before
/// the app mounts.
pub fn normalise_embed_url() {
    let window = gloo::utils::window();
    let location = window.location();
    let hash = location.hash().unwrap_or_default();
    let Some(rest) = hash.strip_prefix("#/embed") else { return };
    if !(rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')) {
        return;
    }
    let Ok(url) = web_sys::Url::new(&location.href().unwrap_or_default()) else { return };
    url.search_params().set("embed", "1");
    let route = if rest.is_empty() || rest.starts_with('?') { format!("/{rest}") } else { rest.to_owned() };
    url.set_hash(&format!("#{route}"));
    if let Ok(history) = window.history() {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href())).ok();
    }
}

/// Applies a colour scheme: `data-theme` on `<html>`, which the CSS reads.
pub fn apply_theme(theme: Theme) {
    if let Some(root) = gloo::utils::document().document_element() {
        match theme.attribute() {
            Some(value) => root.set_attribute("data-theme", value).ok(),
            None => root.remove_attribute("data-theme").ok(),
        };
    }
}

/// Marks the document as embedded, for the compact CSS.
pub fn mark_embedded() {
    if let Some(root) = gloo::utils::document().document_element() {
        root.set_attribute("data-embed", "").ok();
    }
}

/// The parent page's origin, if the page is framed, declared one, and the
/// browser's own record of the parent (`location.ancestorOrigins`, else
/// `document.referrer`) does not contradict it.
pub fn verified_parent_origin(options: &ViewOptions) -> Option<String> {
    let declared = options.parent_origin.clone()?;
    let window = gloo::utils::window();
    let parent = window.parent().ok().flatten()?;
    if js_sys::Object::is(&parent, &window) {
        return None;
    }
    // `location.ancestorOrigins` (Chromium, WebKit); web-sys has no binding.
    let nearest_ancestor = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into())
        .ok()
        .filter(|list| !list.is_undefined())
        .and_then(|list| js_sys::Reflect::get(&list, &0.into()).ok())
        .and_then(|origin| origin.as_string());
    let recorded = match nearest_ancestor {
        Some(origin) => Some(origin),
        None => {
            let referrer = gloo::utils::document().referrer();
            web_sys::Url::new(&referrer).ok().map(|u| u.origin())
        }
    };
    match recorded.and_then(|r| normalise_origin(&r)) {
        Some(actual) if actual != declared => {
            gloo::console::warn!(format!(
                "Folio: parent_origin {declared} does not match the embedding page ({actual}); not sending messages"
            ));
            None
        }
        _ => Some(declared),
    }
}

/// Watches the page's height and reports it to the parent. Dropping the
/// returned value stops it.
pub struct HeightReporter {
    observer: web_sys::ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl HeightReporter {
    pub fn start(parent_origin: String) -> Option<HeightReporter> {
        let pending: Rc<RefCell<Option<Timeout>>> = Rc::default();
        let last_sent: Rc<RefCell<Option<u32>>> = Rc::default();
        let callback = Closure::<dyn FnMut()>::new(move || {
            let origin = parent_origin.clone();
            let last_sent = last_sent.clone();
            // A new change restarts the wait: one message per burst.
            *pending.borrow_mut() = Some(Timeout::new(RESIZE_DEBOUNCE_MS, move || {
                let height = content_height();
                if *last_sent.borrow() == Some(height) {
                    return;
                }
                *last_sent.borrow_mut() = Some(height);
                post_to_parent(&origin, height);
            }));
        });
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(&gloo::utils::body());
        Some(HeightReporter { observer, _callback: callback })
    }
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

fn content_height() -> u32 {
    let height = gloo::utils::body().get_bounding_client_rect().height();
    height.ceil().clamp(0.0, f64::from(u32::MAX)) as u32
}

fn post_to_parent(origin: &str, height: u32) {
    let window = gloo::utils::window();
    let Some(parent) = window.parent().ok().flatten() else { return };
    let message = js_sys::Object::new();
    let ResizeMessage { kind, version, height } = ResizeMessage::new(height);
    js_sys::Reflect::set(&message, &"type".into(), &kind.into()).ok();
    js_sys::Reflect::set(&message, &"version".into(), &version.into()).ok();
    js_sys::Reflect::set(&message, &"height".into(), &height.into()).ok();
    // Never "*": only the declared, checked parent origin may read it.
    parent.post_message(&message, origin).ok();
}

/// Listens for commands from the parent page. Messages from any other
/// window or origin, and anything that is not a valid command, are ignored.
pub fn listen_for_commands(parent_origin: String) -> EventListener {
    let window = gloo::utils::window();
    EventListener::new(&window, "message", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() else { return };
        if event.origin() != parent_origin {
            return;
        }
        let window = gloo::utils::window();
        let from_parent = match (event.source(), window.parent().ok().flatten()) {
            (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
            _ => false,
        };
        if !from_parent {
            return;
        }
        let Some(json) = js_sys::JSON::stringify(&event.data()).ok().and_then(|s| s.as_string()) else {
            return;
        };
        match EmbedCommand::parse(&json) {
            Some(EmbedCommand::SetTheme(theme)) => apply_theme(theme),
            Some(EmbedCommand::Navigate(target)) => {
                let route = match target {
                    EmbedTarget::Post(id) => Route(Location::Post { id }),
                    EmbedTarget::Latest => Route(Location::Home),
                    EmbedTarget::Category(name) => Route(Location::Category { name }),
                    EmbedTarget::Tag(name) => Route(Location::Tag { name }),
                };
                window.location().set_hash(&route.href()).ok();
            }
            None => {}
        }
    })
}

/// The HTML a host page needs to embed the page the reader is on (see
/// docs/embed.md): a `data-folio-src` element and the `embed.js` loader
/// at the site's root.
pub fn embed_snippet() -> String {
    let loader = web_sys::Url::new_with_base("embed.js", &crate::loader::site_root())
        .map(|u| u.href())
        .unwrap_or_default();
    folio_core::embed_snippet(&full_archive_url(), &loader)
}

/// This page's address without the embed options: what "open the full
/// archive" links to.
pub fn full_archive_url() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    let Ok(url) = web_sys::Url::new(&href) else { return href };
    for key in ["embed", "parent_origin", "theme", "lang", "limit"] {
        url.search_params().delete(key);
    }
    url.href()
}
