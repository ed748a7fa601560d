//! The viewer's routes: a [`Location`] of the core (where the grammar of
//! both URL forms lives), read and written in the form this page uses.
//!
//! * [`LinkStyle::Hash`]: routes in the URL's hash (`#/tag/rust`), for the
//!   viewer on its own and in embed mode; deep links work on any static host
//!   with no rewrite rules.
//! * [`LinkStyle::Path`]: real paths (`tag/rust/`), on a site whose pages
//!   `folio build --with-viewer` wrote; the app routes with the History API
//!   and every link a reader copies is the page's real URL. Static pages are
//!   rendered with a relative prefix (`../../`), the running app with the
//!   site's absolute base path (`/archive/`).

use std::cell::RefCell;
use std::collections::HashMap;

use folio_core::{ListQuery, Location};
use wasm_bindgen::JsCast;
use yew_router::prelude::Navigator;
use yew_router::query::Raw;
use yew_router::Routable;

/// How links and the router spell routes on this page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkStyle {
    /// `#/post/<id>`.
    Hash,
    /// `<prefix>post/<id>/`, where `prefix` leads to the site's root.
    Path {
        /// `../../` on a static page, `/archive/` in the running app.
        prefix: String,
    },
}

thread_local! {
    static LINK_STYLE: RefCell<LinkStyle> = const { RefCell::new(LinkStyle::Hash) };
}

/// Sets how links are written from now on, on this thread: once at start in
/// the browser, before each page when prerendering.
pub fn set_link_style(style: LinkStyle) {
    LINK_STYLE.with(|s| *s.borrow_mut() = style);
}

/// How links are written now.
pub fn link_style() -> LinkStyle {
    LINK_STYLE.with(|s| s.borrow().clone())
}

/// A route of the viewer: a core [`Location`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Route(pub Location);

impl std::ops::Deref for Route {
    type Target = Location;

    fn deref(&self) -> &Location {
        &self.0
    }
}

impl From<Location> for Route {
    fn from(location: Location) -> Self {
        Route(location)
    }
}

impl Routable for Route {
    fn from_path(path: &str, _params: &HashMap<&str, &str>) -> Option<Self> {
        Self::recognize(path)
    }

    /// The path the router writes into the history: the hash route, or the
    /// site path below the router's basename.
    fn to_path(&self) -> String {
        match link_style() {
            LinkStyle::Hash => self.0.route(),
            LinkStyle::Path { .. } => format!("/{}", self.0.site_path()),
        }
    }

    fn routes() -> Vec<&'static str> {
        vec!["/*path"]
    }

    fn not_found_route() -> Option<Self> {
        Some(Route(Location::NotFound))
    }

    fn recognize(pathname: &str) -> Option<Self> {
        Some(Route(match link_style() {
            LinkStyle::Hash => Location::from_route(pathname),
            LinkStyle::Path { .. } => Location::from_site_path(pathname),
        }))
    }
}

impl Route {
    /// The `href` of this route, for plain links.
    pub fn href(&self) -> String {
        match link_style() {
            LinkStyle::Hash => format!("#{}", self.0.route()),
            LinkStyle::Path { prefix } => format!("{prefix}{}", self.0.site_path()),
        }
    }

    /// The `href` of this route with a list query (`?page=2&all=a,b`).
    pub fn href_with(&self, query: &ListQuery) -> String {
        format!("{}{}", self.href(), query.to_query_string())
    }
}

/// Link to an article.
pub fn post_href(id: &str) -> String {
    Route(Location::Post { id: id.to_owned() }).href()
}

/// Link to a tag page.
pub fn tag_href(name: &str) -> String {
    Route(Location::Tag { name: name.to_owned() }).href()
}

/// Link to a category page.
pub fn category_href(name: &str) -> String {
    Route(Location::Category { name: name.to_owned() }).href()
}

/// Replaces the current entry of the history with `route` and a raw query
/// string: what typing in the search box does, so that each keystroke does
/// not add a page to go back through.
pub fn go_replace(navigator: &Navigator, route: &Route, query: &str) {
    if query.is_empty() {
        navigator.replace(route);
    } else {
        let Ok(()) = navigator.replace_with_query(route, Raw(query));
    }
}

/// Navigates to `route` with a raw query string (`all=a,b&page=2`, or empty),
/// through the router, in either link style.
pub fn go(navigator: &Navigator, route: &Route, query: &str) {
    if query.is_empty() {
        navigator.push(route);
    } else {
        let Ok(()) = navigator.push_with_query(route, Raw(query));
    }
}

/// The route and query a click follows, if it is a plain click on a link to
/// a page of this site (under `basename`, the site's path without its last
/// `/`). Links that open elsewhere (another origin, a new tab, a download,
/// an in-page fragment) are the browser's.
pub fn internal_link(event: &web_sys::MouseEvent, basename: Option<&str>) -> Option<(Location, String)> {
    if event.default_prevented()
        || event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let link = event.target()?.dyn_into::<web_sys::Element>().ok()?.closest("a[href]").ok()??;
    let opens_elsewhere = link.get_attribute("target").is_some_and(|t| !t.is_empty() && t != "_self");
    let href = link.get_attribute("href")?;
    if opens_elsewhere || link.has_attribute("download") || href.starts_with('#') {
        return None;
    }
    let window = gloo::utils::window();
    let url = web_sys::Url::new_with_base(&href, &window.location().href().ok()?).ok()?;
    if url.origin() != window.location().origin().ok()? {
        return None;
    }
    let base = basename.unwrap_or("");
    let path = url.pathname();
    let rest = path.strip_prefix(base)?;
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let location = Location::from_site_path(rest);
    (location != Location::NotFound).then(|| (location, url.search().trim_start_matches('?').to_owned()))
}
