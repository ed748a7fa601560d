//! The sidebar's list of categories.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::hooks::use_store;
use crate::route::{category_href, Route};

/// Every category (the manifest's top ones in a chunked archive) with its
/// count; the current one is marked.
#[component]
pub fn CategoryNav() -> Html {
    let store = use_store();
    let text = store.text();
    let current = use_route::<Route>();
    let categories = &store.overview.categories;
    if categories.is_empty() {
        return html! {};
    }
    html! {
        <nav class="taxonomy" aria-label={text.categories}>
            <h2>{ text.categories }</h2>
            <ul class="term-list">
                { for categories.iter().map(|c| {
                    let here = current == Some(Route::Category { name: c.name.clone() });
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
