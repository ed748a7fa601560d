//! Previous / next links and page numbers under a list.

use folio_core::{ListQuery, Page, Post};
use yew::prelude::*;

use crate::hooks::use_archive;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// The list's route; pages differ only in `?page=`.
    pub route: Route,
    /// The current query, kept as is apart from the page.
    pub query: ListQuery,
    /// Current page number.
    pub number: usize,
    /// Number of pages.
    pub count: usize,
}

/// Page numbers shown around the current one; the first and last are always
/// shown, gaps become an ellipsis.
const NEIGHBOURS: usize = 2;

pub fn pager_props(route: &Route, query: &ListQuery, page: &Page<'_, &Post>) -> PagerProps {
    PagerProps { route: route.clone(), query: query.clone(), number: page.number, count: page.count }
}

#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let state = use_archive();
    let text = state.text();
    if props.count <= 1 {
        return html! {};
    }
    let href = |page: usize| props.route.href_with(&ListQuery { page, ..props.query.clone() });
    let mut numbers = Vec::new();
    for n in 1..=props.count {
        let near = n.abs_diff(props.number) <= NEIGHBOURS;
        if n == 1 || n == props.count || near {
            numbers.push(Some(n));
        } else if numbers.last().is_some_and(Option::is_some) {
            numbers.push(None);
        }
    }
    html! {
        <nav class="pager" aria-label={text.pagination}>
            if props.number > 1 {
                <a class="pager-prev" rel="prev" href={href(props.number - 1)}>{ "← " }{ text.previous_page }</a>
            }
            <ol class="pager-pages">
                { for numbers.into_iter().map(|n| match n {
                    Some(n) if n == props.number => html! {
                        <li><a href={href(n)} aria-current="page" aria-label={state.locale.page_of(n, props.count)}>{ n }</a></li>
                    },
                    Some(n) => html! {
                        <li><a href={href(n)} aria-label={state.locale.page_of(n, props.count)}>{ n }</a></li>
                    },
                    None => html! { <li class="pager-gap" aria-hidden="true">{ "…" }</li> },
                }) }
            </ol>
            if props.number < props.count {
                <a class="pager-next" rel="next" href={href(props.number + 1)}>{ text.next_page }{ " →" }</a>
            }
        </nav>
    }
}
