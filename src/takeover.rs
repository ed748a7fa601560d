//! Taking over a static page: the app boots under a page that
//! `folio build --with-viewer` rendered ahead of time, from the same
//! components, and replaces it with itself without a visible change.
//!
//! Mount and swap, not hydration. Yew's `Renderer::render` clears its host,
//! and hydration needs the client's first render to match the server's
//! markup node for node, which would need the page's whole data (the article,
//! the list) before the app could start, and so a second download of what
//! the reader is already reading. Instead:
//!
//! 1. The app starts (its wasm compiled, the bundle preloaded), and leaves
//!    the page alone: the page is the page until the reader follows a link
//!    to the site, changes the tag filter's form, or goes back or forward
//!    to another of the site's addresses. A page whose address asks for
//!    something else (an old `#/` link, a later page, a tag filter, embed
//!    mode) is hidden by its inline script and taken over at once.
//! 2. Then the app renders into a hidden root of its own: the page the
//!    reader is going to, or, taken over at once, what the address asks
//!    for. Whenever the app shows the static page's own location, the
//!    page's own content (the `<main>` region's page element: the article
//!    or the list) is *adopted*: the app inserts the existing node
//!    ([`Html::VRef`]), so it is neither fetched nor rendered again, also
//!    when the reader comes back to it. The header, sidebar and footer are
//!    rendered anew from the same bundle and come out the same.
//! 3. Once the app has rendered, one DOM operation puts its root where the
//!    static one was. Nothing paints in between (it is one task). Taken over
//!    in place, the layout is the same (no shift) and the focused element
//!    and scroll position are restored; after a click, the new page starts
//!    at the top with focus on its heading, as every navigation does.
//!
//! Leaving the page alone until then keeps its paint the only one: an
//! element moved into the app's root is painted again, which browsers count
//! as a new largest contentful paint.
//!
//! If the bundle cannot be loaded, nothing is swapped: the static page stays,
//! and it works as a plain site (a click that was waiting for the app loads
//! its page the plain way).

use std::cell::RefCell;
use std::rc::Rc;

use folio_core::{ListQuery, Location};

use crate::components::SEARCH_INPUT_ID;
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
    /// What started it.
    start: Start,
    /// The element that had focus, and where in the root it was.
    focused: Option<(Element, Option<usize>)>,
    /// The scroll position when the app began to render.
    scroll: (f64, f64),
}

thread_local! {
    static TAKEOVER: RefCell<Option<Takeover>> = const { RefCell::new(None) };
    /// The location the page's `<head>` describes, until the reader leaves it.
    static HEAD: RefCell<Option<Location>> = const { RefCell::new(None) };
    /// The page element of the static page's `<main>`, the location it
    /// shows and the page's title: what the app shows there.
    static ADOPTED: RefCell<Option<(Location, Element, String)>> = const { RefCell::new(None) };
}

/// What starts a takeover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// The page needs the app at once: the app shows it, in place.
    InPlace,
    /// A click on a link: the app shows another page.
    Link,
    /// Typing in the header's search box: the app shows the results, and
    /// the reader goes on typing in the app's box.
    Search,
    /// A change in the tag filter's form: the app shows the filter's
    /// results, and the reader stays on the control they changed.
    Filter,
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

/// Prepares the takeover of the static page `page` at once, and returns the
/// hidden element the app mounts into. With `adopt`, the app shows the
/// page's own content for its location.
pub fn prepare(page: &StaticPage, adopt: bool) -> Option<Element> {
    prepare_takeover(page, adopt, Start::InPlace)
}

fn prepare_takeover(page: &StaticPage, adopt: bool, start: Start) -> Option<Element> {
    let document = gloo::utils::document();
    let root = document.get_element_by_id(ROOT_ID)?;
    let app = document.create_element("div").ok()?;
    app.set_id(APP_ROOT_ID);
    app.set_attribute("hidden", "").ok();
    root.after_with_node_1(&app).ok()?;
    let element = adopt
        .then(|| root.query_selector("#main").ok().flatten().and_then(|main| main.last_element_child()))
        .flatten();
    let title = document.title();
    ADOPTED.with(|a| *a.borrow_mut() = element.map(|e| (page.location.clone(), e, title)));
    // What the reader focused before the app arrived, then whatever they
    // focus while it renders.
    let focused = document.active_element().filter(|active| root.contains(Some(active))).map(|active| {
        let index = focusable_index(&root, &active);
        (active, index)
    });
    let scroll = current_scroll();
    let takeover = Takeover { root: root.clone(), start, focused, scroll };
    TAKEOVER.with(|t| *t.borrow_mut() = Some(takeover));
    track_focus(&root);
    Some(app)
}

thread_local! {
    /// The listeners that wait for the reader's first navigation.
    static WAITING: RefCell<Vec<gloo::events::EventListener>> = const { RefCell::new(Vec::new()) };
}

/// Leaves the static page `page` as it is until the reader follows a link
/// to another page of the site (under `base`, the site's path), or history
/// brings another of its addresses (an entry an earlier visit of this page
/// pushed). Then the address is the new page's, and `mount` gets the hidden
/// element the app renders it into; the app's root replaces the page once
/// it has.
pub fn on_first_navigation(page: StaticPage, base: String, mount: impl FnOnce(Element) + 'static) {
    let start: Rc<dyn Fn(Start) -> Option<Element>> = {
        let mount = RefCell::new(Some(mount));
        let page = page.clone();
        Rc::new(move |how| {
            let mount = mount.borrow_mut().take()?;
            // The app follows links and history from now on (the listeners
            // go once the one running now has returned).
            wasm_bindgen_futures::spawn_local(async { WAITING.with(|w| w.borrow_mut().clear()) });
            let root = prepare_takeover(&page, true, how)?;
            mount(root.clone());
            Some(root)
        })
    };
    let window = gloo::utils::window();
    let click = {
        let (start, base) = (start.clone(), base.clone());
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        gloo::events::EventListener::new_with_options(
            &gloo::utils::document(),
            "click",
            options,
            move |event| {
                let Some(event) = event.dyn_ref::<web_sys::MouseEvent>() else { return };
                let Some((location, query)) =
                    crate::route::internal_link(event, Some(base.trim_end_matches('/')))
                else {
                    return;
                };
                event.prevent_default();
                let query = if query.is_empty() { String::new() } else { format!("?{query}") };
                let target = format!("{base}{}{query}", location.site_path());
                navigate(&target, || start(Start::Link));
            },
        )
    };
    // The tag filter's form, on its own static page: a change is the
    // filter's URL, as the app's form makes it.
    let filter = {
        let (start, base) = (start.clone(), base.clone());
        gloo::events::EventListener::new(&gloo::utils::document(), "change", move |event| {
            let Some(form) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("form.tag-filter").ok().flatten())
            else {
                return;
            };
            let target =
                format!("{base}{}{}", Location::Tags.site_path(), filter_query(&form).to_query_string());
            navigate(&target, || start(Start::Filter));
        })
    };
    // The header's search box: the first keystroke is a search.
    let search = {
        let (start, base) = (start.clone(), base.clone());
        gloo::events::EventListener::new(&gloo::utils::document(), "input", move |event| {
            let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .filter(|input| input.id() == SEARCH_INPUT_ID)
            else {
                return;
            };
            let q = input.value();
            if q.trim().is_empty() {
                return;
            }
            let query = ListQuery { q, ..ListQuery::default() };
            let target = format!("{base}{}{}", Location::Search.site_path(), query.to_query_string());
            navigate(&target, || start(Start::Search));
        })
    };
    let history = gloo::events::EventListener::new(&window, "popstate", move |_| {
        let location = gloo::utils::window().location();
        let path = location.pathname().unwrap_or_default();
        let here = path.strip_prefix(&base).map(Location::from_site_path);
        // A fragment of this page (`#user-content-x`, the skip link) is not a
        // new page.
        if here.as_ref() != Some(&page.location) || !location.search().unwrap_or_default().is_empty() {
            start(Start::Link);
        }
    });
    WAITING.with(|w| *w.borrow_mut() = vec![click, filter, search, history]);
}

/// Moves to `target` (a path of this site) and starts the app there, or,
/// when that cannot be done, loads `target` the plain way.
fn navigate(target: &str, start: impl FnOnce() -> Option<Element>) {
    let window = gloo::utils::window();
    let pushed =
        window.history().is_ok_and(|h| h.push_state_with_url(&JsValue::NULL, "", Some(target)).is_ok());
    if !pushed || start().is_none() {
        window.location().assign(target).ok();
    }
}

/// The tags and mode picked in a static tag filter form.
fn filter_query(form: &Element) -> ListQuery {
    let checked = |selector: &str| -> Vec<String> {
        let Ok(inputs) = form.query_selector_all(selector) else { return Vec::new() };
        (0..inputs.length())
            .filter_map(|i| inputs.item(i)?.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
            .collect()
    };
    let tags = checked("input[type=checkbox]:checked");
    let any = checked("input[type=radio][name=mode]:checked").first().is_some_and(|mode| mode == "any");
    if any {
        ListQuery { page: 1, any: tags, ..ListQuery::default() }
    } else {
        ListQuery { page: 1, all: tags, ..ListQuery::default() }
    }
}

fn current_scroll() -> (f64, f64) {
    let window = gloo::utils::window();
    (window.scroll_x().unwrap_or(0.0), window.scroll_y().unwrap_or(0.0))
}

/// Makes the head's links that the browser reads again (the icon) or that
/// describe the page (canonical, feeds, neighbours) absolute, before the app
/// first changes the address. They are written relative to the page
/// (`../../favicon.svg`), and the browser resolves them again against each
/// new address. Stylesheets and preloads are left alone: they are loaded,
/// and setting a stylesheet's `href` would load and apply it again.
pub fn pin_head_links(page: &StaticPage) {
    HEAD.with(|h| *h.borrow_mut() = Some(page.location.clone()));
    let selector = "head link[href]:is([rel=icon], [rel=canonical], [rel=alternate], [rel=prev], [rel=next])";
    let Ok(links) = gloo::utils::document().query_selector_all(selector) else { return };
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

/// The static page's own content, whenever the app shows the `location` it
/// was rendered for with no query (`query` gives the page's): the app shows
/// this node rather than rendering it again (also when the reader comes
/// back to it).
pub fn adopt(location: &Location, query: impl FnOnce() -> String) -> Option<Html> {
    leave_static_head(location);
    ADOPTED.with(|a| match a.borrow().as_ref() {
        Some((page, element, title)) if page == location && query().is_empty() => {
            // The page component, which sets the title, is not rendered.
            gloo::utils::document().set_title(title);
            Some(Html::VRef(element.clone().into()))
        }
        _ => None,
    })
}

/// Called as the app's loaded view first renders, before its DOM changes:
/// notes the scroll position.
pub fn before_first_render() {
    let scroll = current_scroll();
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
    document.document_element().map(|html| html.class_list().remove_1("folio-pending"));
    let window = gloo::utils::window();
    match takeover.start {
        Start::Link => {
            // A new page, as after any navigation: from the top, its heading
            // focused (or focused as soon as it is there).
            window.scroll_to_with_x_and_y(0.0, 0.0);
            crate::focus::focus_heading_after_navigation();
        }
        Start::Search => {
            // The app's box, with whatever was typed while the app rendered.
            window.scroll_to_with_x_and_y(0.0, 0.0);
            let typed = takeover
                .root
                .query_selector(&format!("#{SEARCH_INPUT_ID}"))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|input| input.value());
            let boxed = app
                .query_selector(&format!("#{SEARCH_INPUT_ID}"))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let (Some(input), Some(typed)) = (boxed, typed) {
                input.focus().ok();
                if input.value() != typed {
                    input.set_value(&typed);
                    let init = web_sys::EventInit::new();
                    init.set_bubbles(true);
                    if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
                        input.dispatch_event(&event).ok();
                    }
                }
                let end = typed.encode_utf16().count() as u32;
                input.set_selection_range(end, end).ok();
            }
        }
        Start::Filter => {
            // The same control in the app's form.
            let control = takeover.focused.and_then(|(element, _)| {
                let input = element.dyn_into::<web_sys::HtmlInputElement>().ok()?;
                let selector = format!(
                    "form.tag-filter input[type=\"{}\"][value=\"{}\"]",
                    css_string(&input.type_()),
                    css_string(&input.value())
                );
                app.query_selector(&selector).ok()?
            });
            focus_without_scrolling(control);
            restore_scroll(takeover.scroll);
        }
        Start::InPlace => {
            if let Some((element, index)) = takeover.focused {
                // The same element if the app adopted it, else the one in its place.
                let target = if app.contains(Some(&element)) {
                    Some(element)
                } else {
                    index
                        .and_then(|i| app.query_selector_all(FOCUSABLE).ok()?.item(i as u32)?.dyn_into().ok())
                };
                focus_without_scrolling(target);
            }
            restore_scroll(takeover.scroll);
        }
    }
}

fn focus_without_scrolling(element: Option<Element>) {
    if let Some(target) = element.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        target.focus_with_options(&options).ok();
    }
}

fn restore_scroll(scroll: (f64, f64)) {
    if current_scroll() != scroll {
        gloo::utils::window().scroll_to_with_x_and_y(scroll.0, scroll.1);
    }
}

/// Text inside a double-quoted CSS string.
fn css_string(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Gives up the takeover (the archive could not be loaded): the static page
/// stays, shown even where the URL asked for something else, and works as a
/// plain site; the app's hidden root goes.
pub fn abandon() {
    let Some(takeover) = TAKEOVER.with(|t| t.borrow_mut().take()) else { return };
    ADOPTED.with(|a| a.borrow_mut().take());
    if takeover.start != Start::InPlace {
        // The address is already the new page's: load it.
        gloo::utils::window().location().reload().ok();
        return;
    }
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
