//! The sidebar's list of categories.

use folio_core::Location;
use yew::prelude::*;

use crate::route::{category_href, Route};
use crate::store::Store;

/// Categories shown in the sidebar, the most used first; the rest are one
/// click away on the categories page. The sidebar is on every page, and every
/// static page carries it.
const SIDEBAR_CATEGORIES: usize = 20;

/// The most used categories with their counts; the one of the current route
/// is marked. (A view function of the site layout: see `part_loading`.)
pub fn category_nav(store: &Store, current: Option<&Route>) -> Html {
    let text = store.text();
    let categories = &store.overview.categories;
    if categories.is_empty() {
        return html! {};
    }
    let more = store.overview.category_count > SIDEBAR_CATEGORIES;
    html! {
        <nav class="taxonomy" aria-label={text.categories}>
            <h2><a href={Route(Location::Categories).href()}>{ text.categories }</a></h2>
            <ul class="term-list">
                { for categories.iter().take(SIDEBAR_CATEGORIES).map(|c| {
                    let here = current.is_some_and(|r| r.0 == Location::Category { name: c.name.clone() });
                    html! {
                        <li>
                            <a href={category_href(&c.name)} aria-current={here.then_some("page")}>
                                <span class="term-name">{ &c.name }</span>
                                <span class="term-count">{ c.count }</span>
                            </a>
                        </li>
                    }
                }) }
            </ul>
            if more {
                <p class="more-link"><a href={Route(Location::Categories).href()}>{ text.all_categories }</a></p>
            }
        </nav>
    }
}
