//! The sidebar's list of years.

use folio_core::Location;
use yew::prelude::*;

use crate::route::Route;
use crate::store::Store;

/// Every year with posts, newest first, and a link to the by-date index.
/// (A view function of the site layout: see `part_loading`.)
pub fn date_nav(store: &Store) -> Html {
    let text = store.text();
    let years = &store.overview.years;
    if years.is_empty() {
        return html! {};
    }
    html! {
        <nav class="taxonomy" aria-label={text.archives}>
            <h2><a href={Route(Location::Dates).href()}>{ text.archives }</a></h2>
            <ul class="term-list">
                { for years.iter().map(|y| html! {
                    <li>
                        <a href={Route(Location::Year { year: y.year }).href()}>
                            <span class="term-name">{ store.locale.year_heading(y.year) }</span>
                            <span class="term-count">{ y.count }</span>
                        </a>
                    </li>
                }) }
            </ul>
        </nav>
    }
}
