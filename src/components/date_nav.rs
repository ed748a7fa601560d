//! The sidebar's list of years.

use yew::prelude::*;

use crate::hooks::use_store;
use crate::route::Route;

/// Every year with posts, newest first, and a link to the by-date index.
#[component]
pub fn DateNav() -> Html {
    let store = use_store();
    let text = store.text();
    let years = &store.overview.years;
    if years.is_empty() {
        return html! {};
    }
    html! {
        <nav class="taxonomy" aria-label={text.archives}>
            <h2><a href={Route::Dates.href()}>{ text.archives }</a></h2>
            <ul class="term-list">
                { for years.iter().map(|y| html! {
                    <li>
                        <a href={Route::Year { year: y.year }.href()}>
                            <span class="term-name">{ store.locale.year_heading(y.year) }</span>
                            <span class="term-count">{ y.count }</span>
                        </a>
                    </li>
                }) }
            </ul>
        </nav>
    }
}
