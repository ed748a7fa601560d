//! The one and only place where Folio inserts raw HTML into the page.
//!
//! It takes nothing but a `folio_core::SanitizedHtml`, which only the core's
//! sanitiser can make, and it handles clicks on links that point inside the
//! viewer: in-page `#fragment` anchors scroll to their target instead of
//! being read as a route, and `#/...` links (the form bundles carry links
//! between posts in) navigate in the same tab, in either link style.

use folio_core::{Location, SanitizedHtml};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::route::{go, link_style, LinkStyle, Route};

#[derive(Debug, Properties, PartialEq)]
pub struct ArticleBodyProps {
    pub html: SanitizedHtml,
}

/// A post's sanitised body, with in-viewer link handling.
#[component]
pub fn ArticleBody(props: &ArticleBodyProps) -> Html {
    let navigator = use_navigator();
    let onclick = Callback::from(move |event: MouseEvent| {
        if event.default_prevented()
            || event.button() != 0
            || event.ctrl_key()
            || event.meta_key()
            || event.shift_key()
        {
            return;
        }
        let Some(link) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("a[href^='#']").ok().flatten())
        else {
            return;
        };
        let href = link.get_attribute("href").unwrap_or_default();
        event.prevent_default();
        if let Some(route) = href.strip_prefix('#').filter(|h| h.starts_with('/')) {
            // A link into the viewer: same tab, through the router's history.
            let (path, query) = route.split_once('?').unwrap_or((route, ""));
            if let Some(navigator) = &navigator {
                go(navigator, &Route(Location::from_route(path)), query);
            }
        } else if let Some(target) = fragment_target(&href) {
            target.scroll_into_view();
            if let Ok(target) = target.dyn_into::<HtmlElement>() {
                if target.get_attribute("tabindex").is_none() {
                    target.set_attribute("tabindex", "-1").ok();
                }
                target.focus().ok();
            }
        }
    });
    // On a static site, links between posts are real paths, as on the
    // static pages.
    let html = match link_style() {
        LinkStyle::Path { prefix } => props.html.with_site_links(&prefix),
        LinkStyle::Hash => props.html.clone(),
    };
    html! {
        <div class="article-body" onclick={onclick}>
            { Html::from_html_unchecked(AttrValue::Rc(html.shared())) }
        </div>
    }
}

/// The element an in-page `#fragment` link points at, if it exists.
fn fragment_target(href: &str) -> Option<Element> {
    let fragment = href.strip_prefix('#').filter(|f| !f.is_empty())?;
    let id =
        js_sys::decode_uri_component(fragment).ok().map(String::from).unwrap_or_else(|| fragment.to_owned());
    gloo::utils::document().get_element_by_id(&id)
}
