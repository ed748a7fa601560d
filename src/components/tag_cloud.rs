//! The sidebar's tag cloud.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::hooks::use_store;
use crate::route::{tag_href, Route};

/// Tags shown in the sidebar cloud; the rest are one click away on `#/tags`.
const SIDEBAR_TAGS: usize = 40;

/// The most used tags, by name, sized in five steps by the log of their
/// count, with a link to the tag filter.
#[component]
pub fn TagCloud() -> Html {
    let store = use_store();
    let text = store.text();
    let current = use_route::<Route>();
    let tags = &store.overview.tags;
    if tags.is_empty() {
        return html! {};
    }
    // Classes, not inline styles, so the page works under a strict
    // `style-src 'self'` policy.
    let max = tags.first().map_or(1, |t| t.count).max(1) as f64;
    let shown: Rc<[_]> = {
        let mut shown: Vec<_> = tags.iter().take(SIDEBAR_TAGS).collect();
        shown.sort_by(|a, b| a.name.cmp(&b.name));
        shown.into()
    };
    html! {
        <nav class="taxonomy" aria-label={text.tags}>
            <h2>{ text.tags }</h2>
            <ul class="tag-cloud">
                { for shown.iter().map(|t| {
                    let weight = (1.0 + 4.0 * ((t.count as f64).ln_1p() / max.ln_1p())).round() as u8;
                    let here = current == Some(Route::Tag { name: t.name.clone() });
                    html! {
                        <li>
                            <a href={tag_href(&t.name)} class={format!("weight-{weight}")}
                               aria-current={here.then_some("page")}>
                                <span class="term-name">{ &t.name }</span>
                                <span class="term-count">{ t.count }</span>
                            </a>
                        </li>
                    }
                }) }
            </ul>
            <p class="more-link"><a href={Route::Tags.href()}>{ text.filter_by_tags }</a></p>
        </nav>
    }
}
