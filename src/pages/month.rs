//! `#/archive/<yyyy>/<mm>`.

use folio_core::{Filter, Location};
use yew::prelude::*;

use super::NotFound;
use crate::components::ListPage;
use crate::hooks::{use_list_query, use_store};
use crate::route::Route;

#[derive(Debug, Properties, PartialEq)]
pub struct MonthProps {
    pub year: i32,
    pub month: u32,
}

/// The posts of one month; a month number outside 1–12 is not found.
#[component]
pub fn Month(props: &MonthProps) -> Html {
    let store = use_store();
    let locale = store.locale;
    let query = use_list_query();
    if !(1..=12).contains(&props.month) {
        return html! { <NotFound /> };
    }
    html! {
        <ListPage filter={Filter::Month(props.year, props.month)} heading={locale.month_heading(props.year, props.month)}
                  route={Route(Location::Month { year: props.year, month: props.month })} query={query}
                  empty={store.text().no_matching_posts}>
            <p class="list-actions"><a href={Route(Location::Year { year: props.year }).href()}>{ locale.year_heading(props.year) }</a></p>
        </ListPage>
    }
}
