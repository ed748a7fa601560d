//! `#/archive/<yyyy>`.

use folio_core::{Filter, Location};
use yew::prelude::*;

use crate::components::ListPage;
use crate::hooks::{use_list_query, use_store};
use crate::route::Route;

#[derive(Debug, Properties, PartialEq)]
pub struct YearProps {
    pub year: i32,
}

/// The posts of one year, with links to its months.
#[component]
pub fn Year(props: &YearProps) -> Html {
    let store = use_store();
    let locale = store.locale;
    let query = use_list_query();
    let months = store.overview.years.iter().find(|y| y.year == props.year).map(|y| y.months.clone());
    html! {
        <ListPage filter={Filter::Year(props.year)} heading={locale.year_heading(props.year)}
                  route={Route(Location::Year { year: props.year })} query={query} empty={store.text().no_matching_posts}>
            if let Some(months) = months {
                <nav class="month-links" aria-label={locale.year_heading(props.year)}>
                    <ul>
                        { for months.into_iter().map(|(month, count)| html! {
                            <li><a href={Route(Location::Month { year: props.year, month }).href()}>{ locale.month_name(month) }</a>
                                { " " }<span class="term-count">{ count }</span></li>
                        }) }
                    </ul>
                </nav>
            }
        </ListPage>
    }
}
