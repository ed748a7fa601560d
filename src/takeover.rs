//! Taking over a static page: the app boots under a page that
//! `folio build --with-viewer` rendered ahead of time, from the same
//! components, and replaces it with itself without a visible change.
//!
//! Mount and swap, not hydration. Yew's `Renderer::render` clears its host,
//! and hydration needs the client's first render to match the server's
//! markup node for node, which would need the article's data, and so a
//! second download of the article the reader is already reading. Instead:
//!
//! 1. The app renders into a hidden root of its own. The page's own content
//!    (the `<main>` region's page element: the article or the list) is
//!    *adopted*: the app's first render of that route inserts the existing
//!    node ([`Html::VRef`]), so it is neither fetched nor rendered again.
//!    The header, sidebar and footer are rendered anew from the same bundle
//!    and come out the same.
//! 2. Once the app has rendered, one DOM operation puts its root where the
//!    static one was. Nothing paints in between (it is one task), the layout
//!    is the same (no shift), and the focused element and scroll position
//!    are restored.
//!
//! If the bundle cannot be loaded, nothing is swapped: the static page stays,
//! and it works as a plain site.

use std::cell::RefCell;

use folio_core::Location;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The `id` of the root element of every page (static or not).
pub const ROOT_ID: &str = "folio-root";
/// The `id` of the app's root while it is hidden.
const APP_ROOT_ID: &str = "folio-app";

/// A static page the app is taking over.
struct Takeover {
    /// The static page's root.
    root: Element,
    /// The element that had focus, and where in the root it was.
    focused: Option<(Element, Option<usize>)>,
    /// The scroll position when the app began to render.
    scroll: (f64, f64),
}

thread_local! {
    static TAKEOVER: RefCell<Option<Takeover>> = const { RefCell::new(None) };
    /// The location the page's `<head>` describes, until the reader leaves it.
    static HEAD: RefCell<Option<Location>> = const { RefCell::new(None) };
    /// The page element of the static page's `<main>` and the location it
    /// shows, for as long as the reader stays there.
    static ADOPTED: RefCell<Option<(Location, Element)>> = const { RefCell::new(None) };
}

/// What the page says about itself, when it is a static page: where the
/// site's root is (relative, such as `../../`), and which location it shows.
#[derive(Debug, Clone)]
pub struct StaticPage {
    /// The site's root, as an absolute URL ending in `/`.
    pub root_url: String,
    /// The location the page was rendered for.
    pub location: Location,
}

impl StaticPage {
    /// Reads `<meta name="folio-root">` and `<meta name="folio-page">`.
    pub fn detect() -> Option<StaticPage> {
        let document = gloo::utils::document();
        let meta = |name: &str| {
            document.query_selector(&format!("meta[name='{name}']")).ok().flatten()?.get_attribute("content")
        };
        let root = meta("folio-root")?;
        let page = meta("folio-page")?;
        let href = gloo::utils::window().location().href().ok()?;
        let root_url = web_sys::Url::new_with_base(&root, &href).ok()?.href();
        Some(StaticPage { root_url, location: Location::from_site_path(&page) })
    }
}

/// Prepares the takeover of the static page `page`, and returns the hidden
/// element the app mounts into.
pub fn prepare(page: &StaticPage, adopt: bool) -> Option<Element> {
    let document = gloo::utils::document();
    let root = document.get_element_by_id(ROOT_ID)?;
    let app = document.create_element("div").ok()?;
    app.set_id(APP_ROOT_ID);
    app.set_attribute("hidden", "").ok();
    root.after_with_node_1(&app).ok()?;
    let element = adopt
        .then(|| root.query_selector("#main").ok().flatten().and_then(|main| main.last_element_child()))
        .flatten();
    ADOPTED.with(|a| *a.borrow_mut() = element.map(|e| (page.location.clone(), e)));
    // What the reader focused before the app arrived, then whatever they
    // focus while it renders.
    let focused = document.active_element().filter(|active| root.contains(Some(active))).map(|active| {
        let index = focusable_index(&root, &active);
        (active, index)
    });
    TAKEOVER.with(|t| *t.borrow_mut() = Some(Takeover { root: root.clone(), focused, scroll: (0.0, 0.0) }));
    track_focus(&root);
    Some(app)
}

/// Makes the head's links absolute, before the app first changes the
/// address. They are written relative to the page (`../../favicon.svg`),
/// and the browser resolves them again against each new address.
pub fn pin_head_links(page: &StaticPage) {
    HEAD.with(|h| *h.borrow_mut() = Some(page.location.clone()));
    let Ok(links) = gloo::utils::document().query_selector_all("head link[href]") else { return };
    for i in 0..links.length() {
        let Some(link) = links.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlLinkElement>().ok()) else {
            continue;
        };
        link.set_href(&link.href());
    }
}

/// Once the app shows another location than the static page's, the head's
/// description of that page (canonical link, neighbours, description, Open
/// Graph, JSON-LD) no longer describes the document, and goes.
fn leave_static_head(location: &Location) {
    let left = HEAD.with(|h| {
        let mut head = h.borrow_mut();
        let left = head.as_ref().is_some_and(|page| page != location);
        if left {
            *head = None;
        }
        left
    });
    if !left {
        return;
    }
    let selector = "link[rel=canonical], link[rel=prev], link[rel=next], meta[name=description], \
                    meta[property^='og:'], meta[property^='article:'], meta[name^='twitter:'], \
                    script[type='application/ld+json']";
    let Ok(stale) = gloo::utils::document().query_selector_all(selector) else { return };
    for i in 0..stale.length() {
        if let Some(element) = stale.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            element.remove();
        }
    }
}

/// Remembers the last element focused in the static page (moving it into
/// the app would lose the focus).
fn track_focus(root: &Element) {
    let listener = Closure::<dyn FnMut(web_sys::FocusEvent)>::new(|event: web_sys::FocusEvent| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        TAKEOVER.with(|t| {
            if let Some(takeover) = t.borrow_mut().as_mut() {
                let index = focusable_index(&takeover.root, &target);
                takeover.focused = Some((target, index));
            }
        });
    });
    root.add_event_listener_with_callback("focusin", listener.as_ref().unchecked_ref()).ok();
    // Lives as long as the page: the static root goes away at the swap.
    listener.forget();
}

const FOCUSABLE: &str = "a[href], button, input, select, textarea, summary, [tabindex]";

fn focusable_index(root: &Element, element: &Element) -> Option<usize> {
    let all = root.query_selector_all(FOCUSABLE).ok()?;
    (0..all.length())
        .find(|&i| all.item(i).is_some_and(|n| n.is_same_node(Some(element))))
        .map(|i| i as usize)
}

/// The static page's own content, while the app shows the `location` it
/// was rendered for with no query (`query` gives the page's): the app shows
/// this node rather than rendering it again.
pub fn adopt(location: &Location, query: impl FnOnce() -> String) -> Option<Html> {
    leave_static_head(location);
    ADOPTED.with(|a| {
        let mut adopted = a.borrow_mut();
        match adopted.as_ref() {
            Some((page, element)) if page == location && query().is_empty() => {
                Some(Html::VRef(element.clone().into()))
            }
            // The reader moved on: a later visit renders the page.
            Some(_) => {
                *adopted = None;
                None
            }
            None => None,
        }
    })
}

/// Called as the app's loaded view first renders, before its DOM changes:
/// notes the scroll position.
pub fn before_first_render() {
    let window = gloo::utils::window();
    let scroll = (window.scroll_x().unwrap_or(0.0), window.scroll_y().unwrap_or(0.0));
    TAKEOVER.with(|t| {
        if let Some(takeover) = t.borrow_mut().as_mut() {
            takeover.scroll = scroll;
        }
    });
}

/// Swaps the app's root in for the static page's, in one step, and gives
/// focus and scroll back. Called once the app has rendered.
pub fn complete() {
    let Some(takeover) = TAKEOVER.with(|t| t.borrow_mut().take()) else { return };
    let document = gloo::utils::document();
    let Some(app) = document.get_element_by_id(APP_ROOT_ID) else { return };
    app.remove_attribute("hidden").ok();
    takeover.root.replace_with_with_node_1(&app).ok();
    app.set_id(ROOT_ID);
    if let Some((element, index)) = takeover.focused {
        // The same element if the app adopted it, else the one in its place.
        let target = if app.contains(Some(&element)) {
            Some(element)
        } else {
            index.and_then(|i| app.query_selector_all(FOCUSABLE).ok()?.item(i as u32)?.dyn_into().ok())
        };
        if let Some(target) = target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            target.focus_with_options(&options).ok();
        }
    }
    let window = gloo::utils::window();
    let now = (window.scroll_x().unwrap_or(0.0), window.scroll_y().unwrap_or(0.0));
    if now != takeover.scroll {
        window.scroll_to_with_x_and_y(takeover.scroll.0, takeover.scroll.1);
    }
    document.document_element().map(|html| html.class_list().remove_1("folio-pending"));
}

/// Gives up the takeover (the archive could not be loaded): the static page
/// stays, shown even where the URL asked for something else, and works as a
/// plain site; the app's hidden root goes.
pub fn abandon() {
    if TAKEOVER.with(|t| t.borrow_mut().take()).is_none() {
        return;
    }
    ADOPTED.with(|a| a.borrow_mut().take());
    let document = gloo::utils::document();
    if let Some(app) = document.get_element_by_id(APP_ROOT_ID) {
        app.remove();
    }
    document.document_element().map(|html| html.class_list().remove_1("folio-pending"));
}

/// Whether a takeover is under way (the app renders hidden until it ends).
pub fn pending() -> bool {
    TAKEOVER.with(|t| t.borrow().is_some())
}
