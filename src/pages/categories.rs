//! `#/categories` (or `categories/`): every category.

use folio_core::{ListQuery, Location, TermKind};
use yew::prelude::*;

use crate::components::{part_failed, part_loading, Pager};
use crate::focus::MAIN_HEADING_ID;
use crate::hooks::{use_list_query, use_remote, use_store, use_title, Remote};
use crate::route::{category_href, Route};

/// Every category with its count, most used first, a page at a time (a
/// chunked archive fetches the page).
#[component]
pub fn Categories() -> Html {
    let store = use_store();
    let text = store.text();
    let query = use_list_query();
    use_title(store.page_title(text.categories));
    let terms = use_remote(
        (TermKind::Category, query.page),
        |store, request| store.peek_terms(request),
        |store, request| Box::pin(store.fetch_terms(request)),
    );
    let body = match terms {
        Remote::Loading => part_loading(text),
        Remote::Failed(error, retry) => part_failed(text, &error, &retry),
        Remote::Ready(page) => match page.as_ref() {
            Some(page) if !page.terms.is_empty() => html! {
                <>
                    <ul class="term-list term-index">
                        { for page.terms.iter().map(|c| html! {
                            <li>
                                <a href={category_href(&c.name)}>
                                    <span class="term-name">{ &c.name }</span>
                                    <span class="term-count">{ c.count }</span>
                                </a>
                            </li>
                        }) }
                    </ul>
                    <Pager route={Route(Location::Categories)} query={ListQuery { page: 1, ..query.clone() }}
                           number={page.number} count={Some(page.count)} has_next={page.number < page.count} />
                </>
            },
            Some(_) => html! { <p class="empty-state">{ text.no_posts_yet }</p> },
            None => html! {
                <div class="empty-state">
                    <p>{ text.page_not_found_body }</p>
                    <p><a href={Route(Location::Categories).href()}>{ text.categories }</a></p>
                </div>
            },
        },
    };
    html! {
        <section class="list-page" aria-labelledby={MAIN_HEADING_ID}>
            <h1 id={MAIN_HEADING_ID} tabindex="-1">{ text.categories }</h1>
            { body }
        </section>
    }
}
