//! Previous / next links and page numbers under a list.

use folio_core::{ListQuery, ListView};
use yew::prelude::*;

use crate::hooks::use_store;
use crate::route::Route;

#[derive(Debug, Properties, PartialEq)]
pub struct PagerProps {
    /// The list's route; pages differ only in `?page=`.
    pub route: Route,
    /// The current query, kept as is apart from the page.
    pub query: ListQuery,
    /// Current page number.
    pub number: usize,
    /// Number of pages, when known.
    pub count: Option<usize>,
    /// Whether there is a next page (what is known when `count` is not).
    pub has_next: bool,
}

/// Page numbers shown around the current one; the first and last are always
/// shown, gaps become an ellipsis.
const NEIGHBOURS: usize = 2;

pub fn pager_props(route: &Route, query: &ListQuery, view: &ListView) -> PagerProps {
    PagerProps {
        route: route.clone(),
        query: query.clone(),
        number: view.number,
        count: view.count,
        has_next: view.has_next,
    }
}

#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let store = use_store();
    let text = store.text();
    if props.number <= 1 && !props.has_next {
        return html! {};
    }
    let href = |page: usize| props.route.href_with(&ListQuery { page, ..props.query.clone() });
    // Without a page count (combined tags in a chunked archive), number the
    // pages up to the current one and offer the next.
    let count = props.count.unwrap_or(props.number + usize::from(props.has_next));
    let label = |n: usize| match props.count {
        Some(count) => store.locale.page_of(n, count),
        None => store.locale.page_number(n),
    };
    let mut numbers = Vec::new();
    for n in 1..=count {
        let near = n.abs_diff(props.number) <= NEIGHBOURS;
        if n == 1 || n == count || near {
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
                        <li><a href={href(n)} aria-current="page" aria-label={label(n)}>{ n }</a></li>
                    },
                    Some(n) => html! {
                        <li><a href={href(n)} aria-label={label(n)}>{ n }</a></li>
                    },
                    None => html! { <li class="pager-gap" aria-hidden="true">{ "…" }</li> },
                }) }
            </ol>
            if props.has_next {
                <a class="pager-next" rel="next" href={href(props.number + 1)}>{ text.next_page }{ " →" }</a>
            }
        </nav>
    }
}
