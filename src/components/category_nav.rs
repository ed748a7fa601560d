//! The sidebar's list of categories.

use folio_core::Location;
use yew::prelude::*;

use crate::route::{category_href, Route};
use crate::store::Store;

/// Every category (the manifest's top ones in a chunked archive) with its
/// count; the one of the current route is marked. (A view function of the
/// site layout: see `part_loading`.)
pub fn category_nav(store: &Store, current: Option<&Route>) -> Html {
    let text = store.text();
    let categories = &store.overview.categories;
    if categories.is_empty() {
        return html! {};
    }
    html! {
        <nav class="taxonomy" aria-label={text.categories}>
            <h2><a href={Route(Location::Categories).href()}>{ text.categories }</a></h2>
            <ul class="term-list">
                { for categories.iter().map(|c| {
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
        </nav>
    }
}
