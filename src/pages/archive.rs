//! `#/archive`, `#/archive/<yyyy>` and `#/archive/<yyyy>/<mm>`.

use folio_core::Filter;
use yew::prelude::*;

use super::NotFound;
use crate::components::{ListPage, MAIN_HEADING_ID};
use crate::hooks::{use_archive, use_list_query, use_title};
use crate::route::Route;

/// Every year and month that has posts.
#[component]
pub fn ArchiveIndex() -> Html {
    let state = use_archive();
    let text = state.text();
    let locale = state.locale;
    use_title(state.page_title(text.archives));
    html! {
        <section class="archive-index" aria-labelledby={MAIN_HEADING_ID}>
            <h1 id={MAIN_HEADING_ID} tabindex="-1">{ text.archives }</h1>
            if state.overview.years.is_empty() {
                <p class="empty-state">{ text.no_posts_yet }</p>
            }
            <ul class="archive-years">
                { for state.overview.years.iter().map(|y| html! {
                    <li>
                        <h2><a href={Route::Year { year: y.year }.href()}>{ locale.year_heading(y.year) }</a>
                            { " " }<span class="term-count">{ y.count }</span></h2>
                        <ul class="archive-months">
                            { for y.months.iter().map(|&(month, count)| html! {
                                <li>
                                    <a href={Route::Month { year: y.year, month }.href()}>{ locale.month_heading(y.year, month) }</a>
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

#[derive(Properties, PartialEq)]
pub struct YearProps {
    pub year: i32,
}

#[component]
pub fn Year(props: &YearProps) -> Html {
    let state = use_archive();
    let locale = state.locale;
    let query = use_list_query();
    let months = state.overview.years.iter().find(|y| y.year == props.year).map(|y| y.months.clone());
    html! {
        <ListPage filter={Filter::Year(props.year)} heading={locale.year_heading(props.year)}
                  route={Route::Year { year: props.year }} query={query} empty={state.text().no_matching_posts}>
            if let Some(months) = months {
                <nav class="month-links" aria-label={locale.year_heading(props.year)}>
                    <ul>
                        { for months.into_iter().map(|(month, count)| html! {
                            <li><a href={Route::Month { year: props.year, month }.href()}>{ locale.month_name(month) }</a>
                                { " " }<span class="term-count">{ count }</span></li>
                        }) }
                    </ul>
                </nav>
            }
        </ListPage>
    }
}

#[derive(Properties, PartialEq)]
pub struct MonthProps {
    pub year: i32,
    pub month: u32,
}

#[component]
pub fn Month(props: &MonthProps) -> Html {
    let state = use_archive();
    let locale = state.locale;
    let query = use_list_query();
    if !(1..=12).contains(&props.month) {
        return html! { <NotFound /> };
    }
    html! {
        <ListPage filter={Filter::Month(props.year, props.month)} heading={locale.month_heading(props.year, props.month)}
                  route={Route::Month { year: props.year, month: props.month }} query={query}
                  empty={state.text().no_matching_posts}>
            <p class="list-actions"><a href={Route::Year { year: props.year }.href()}>{ locale.year_heading(props.year) }</a></p>
        </ListPage>
    }
}
