//! `#/archive`: the by-date index.

use folio_core::Location;
use yew::prelude::*;

use crate::focus::MAIN_HEADING_ID;
use crate::hooks::{use_store, use_title};
use crate::route::Route;

/// Every year and month that has posts, with their counts.
#[component]
pub fn DateIndex() -> Html {
    let store = use_store();
    let text = store.text();
    let locale = store.locale;
    use_title(store.page_title(text.archives));
    html! {
        <section class="archive-index" aria-labelledby={MAIN_HEADING_ID}>
            <h1 id={MAIN_HEADING_ID} tabindex="-1">{ text.archives }</h1>
            if store.overview.years.is_empty() {
                <p class="empty-state">{ text.no_posts_yet }</p>
            }
            <ul class="archive-years">
                { for store.overview.years.iter().map(|y| html! {
                    <li>
                        <h2><a href={Route(Location::Year { year: y.year }).href()}>{ locale.year_heading(y.year) }</a>
                            { " " }<span class="term-count">{ y.count }</span></h2>
                        <ul class="archive-months">
                            { for y.months.iter().map(|&(month, count)| html! {
                                <li>
                                    <a href={Route(Location::Month { year: y.year, month }).href()}>{ locale.month_heading(y.year, month) }</a>
                                    { " " }<span class="term-count">{ count }</span>
                                </li>
                            }) }
                        </ul>
                    </li>
                }) }
            </ul>
        </section>
    }
}
