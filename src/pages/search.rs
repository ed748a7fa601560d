//! `#/search?q=…` (and `search/?q=…` on a static site): the posts that
//! contain every term of the query, newest first or by relevance
//! (`order=relevance`), a page at a time, with the filters of the URL
//! (`category`, `all`, `any`, `year`, `month`).

use std::cell::Cell;
use std::rc::Rc;

use folio_core::{parse_date, ListQuery, Location};
use yew::prelude::*;

use crate::hooks::{use_list_query, use_store};
use crate::route::{category_href, post_href, tag_href, Route};
use crate::search::{SearchAnswer, SearchHit, Searcher};

/// Results per page, as the engine pages them.
const PER_PAGE: usize = 10;

#[derive(Debug, Clone, PartialEq)]
enum Found {
    /// Nothing typed.
    Idle,
    Searching,
    /// The answer to this query (the URL may already hold the next one).
    Ready(ListQuery, Rc<SearchAnswer>),
    Failed(ListQuery, String),
}

/// The search results page.
#[component]
pub fn Search() -> Html {
    let store = use_store();
    let text = store.text();
    let query = use_list_query();
    let found = use_state(|| Found::Idle);
    let attempt = use_state(|| 0u32);
    // Answers that land after the reader typed on are dropped.
    let generation = use_mut_ref(|| Cell::new(0u64));
    {
        let found = found.clone();
        use_effect_with((query.clone(), *attempt), move |(query, _)| {
            let this = generation.borrow().get() + 1;
            generation.borrow().set(this);
            if query.q.trim().is_empty() {
                found.set(Found::Idle);
            } else {
                found.set(Found::Searching);
                let query = query.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let answer = async {
                        let bundle = crate::loader::bundle_url().map_err(|e| e.to_string())?;
                        Searcher::open(&bundle).await?.search(&query).await
                    }
                    .await;
                    if generation.borrow().get() == this {
                        found.set(match answer {
                            Ok(answer) => Found::Ready(query, Rc::new(answer)),
                            Err(message) => Found::Failed(query, message),
                        });
                    }
                });
            }
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };
    // The render between a new URL and the effect that starts its search
    // still holds the last answer: it must not be announced as this one's.
    let found = match &*found {
        Found::Ready(answered, _) | Found::Failed(answered, _) if *answered != query => Found::Searching,
        other => other.clone(),
    };
    let status = match &found {
        Found::Idle => String::new(),
        Found::Searching => text.search_searching.to_owned(),
        Found::Ready(_, answer) => {
            store.locale.search_count(answer.count, answer.exact, &shown_query(&query.q))
        }
        Found::Failed(..) => text.search_failed.to_owned(),
    };
    let body = match &found {
        Found::Idle => html! { <p class="search-hint">{ text.search_hint }</p> },
        Found::Searching => html! { <p class="part-loading" aria-busy="true">{ text.search_searching }</p> },
        Found::Failed(_, message) => html! {
            <div class="part-failed" role="alert">
                <p>{ text.search_failed }</p>
                <details><summary>{ text.details }</summary><p>{ message }</p></details>
                <button type="button" onclick={retry}>{ text.retry }</button>
            </div>
        },
        Found::Ready(_, answer) if answer.hits.is_empty() => html! {
            <div class="empty-state">
                if answer.truncated {
                    <p class="search-hint">{ text.search_truncated }</p>
                }
                <p>{ text.search_empty }</p>
                <p class="search-hint">{ text.search_no_results_hint }</p>
            </div>
        },
        Found::Ready(_, answer) => html! {
            <>
                if answer.truncated {
                    <p class="search-hint">{ text.search_truncated }</p>
                }
                <ol class="post-list search-results" start={((query.page - 1) * PER_PAGE + 1).to_string()}>
                    { for answer.hits.iter().map(|hit| search_result(&store, hit)) }
                </ol>
                { pager(&store, &query, answer) }
            </>
        },
    };
    html! {
        <section aria-labelledby="main-heading" class="list-page search-page">
            <h1 id="main-heading" tabindex="-1">{ text.search }</h1>
            { narrowed(&store, &query) }
            if !query.q.trim().is_empty() {
                { order_links(&store, &query) }
            }
            <p class="search-status" role="status" aria-live="polite">{ status }</p>
            { body }
        </section>
    }
}

/// What the search is narrowed to, with a link to search everything.
fn narrowed(store: &crate::store::StoreHandle, query: &ListQuery) -> Html {
    let locale = store.locale;
    let mut parts: Vec<String> = Vec::new();
    if let Some(category) = &query.category {
        parts.push(locale.category_heading(category));
    }
    if !query.all.is_empty() {
        parts.push(locale.tags_heading(&query.all, true));
    }
    if !query.any.is_empty() {
        parts.push(locale.tags_heading(&query.any, false));
    }
    match (query.year, query.month) {
        (Some(year), Some(month)) => parts.push(locale.month_heading(year, month)),
        (Some(year), None) => parts.push(locale.year_heading(year)),
        _ => {}
    }
    if parts.is_empty() {
        return html! {};
    }
    let everything =
        Route(Location::Search).href_with(&ListQuery { q: query.q.clone(), page: 1, ..ListQuery::default() });
    html! {
        <p class="search-scope">
            { parts.join(" · ") }{ " · " }
            <a href={everything}>{ store.text().search_everything }</a>
        </p>
    }
}

/// The two orders of results, as links (so that an order is shared and
/// reloaded with the search); the current one is marked, not a link.
fn order_links(store: &crate::store::StoreHandle, query: &ListQuery) -> Html {
    let text = store.text();
    let option = |by_relevance: bool, label: &'static str| {
        if query.by_relevance == by_relevance {
            html! { <span class="search-order-current" aria-current="true">{ label }</span> }
        } else {
            let href =
                Route(Location::Search).href_with(&ListQuery { by_relevance, page: 1, ..query.clone() });
            html! { <a href={href}>{ label }</a> }
        }
    };
    html! {
        <nav class="search-order" aria-label={text.search_order}>
            { option(false, text.search_newest) }{ " · " }{ option(true, text.search_relevant) }
        </nav>
    }
}

/// The query as the status repeats it: a long one is cut.
fn shown_query(q: &str) -> String {
    const SHOWN: usize = 40;
    let q = q.trim();
    if q.chars().count() > SHOWN {
        format!("{}…", q.chars().take(SHOWN).collect::<String>())
    } else {
        q.to_owned()
    }
}

/// Previous and next pages; a next page exists when the count says so, or
/// when this page was full and the count is a lower bound.
fn pager(store: &crate::store::StoreHandle, query: &ListQuery, answer: &SearchAnswer) -> Html {
    let text = store.text();
    let more =
        if answer.exact { query.page * PER_PAGE < answer.count } else { answer.hits.len() == PER_PAGE };
    if query.page <= 1 && !more {
        return html! {};
    }
    let at = |page: usize| Route(Location::Search).href_with(&ListQuery { page, ..query.clone() });
    html! {
        <nav class="pager" aria-label={text.pagination}>
            if query.page > 1 {
                <a rel="prev" href={at(query.page - 1)}>{ text.previous_page }</a>
            }
            if more {
                <a rel="next" href={at(query.page + 1)}>{ text.next_page }</a>
            }
        </nav>
    }
}

/// One result: its title as a link, its date and terms, and the text around
/// the first match, each match in `<mark>`.
fn search_result(store: &crate::store::StoreHandle, hit: &SearchHit) -> Html {
    let date = parse_date(&hit.date).ok();
    html! {
        <li class="post-card search-result">
            <h2 class="post-card-title"><a href={post_href(&hit.id)}>{ marked(&hit.title, &hit.title_marks) }</a></h2>
            <p class="post-meta">
                if let Some(date) = date {
                    <time datetime={date.to_rfc3339()}>{ store.locale.date(&date) }</time>
                }
                { for hit.categories.iter().map(|c| html! {
                    <>{ " · " }<a class="category-link" href={category_href(c)}>{ c }</a></>
                }) }
                { for hit.tags.iter().map(|t| html! {
                    <>{ " · " }<a class="tag-link" href={tag_href(t)}>{ "#" }{ t }</a></>
                }) }
            </p>
            if !hit.excerpt.is_empty() {
                <p class="post-excerpt">
                    if hit.cut_before { { "…" } }
                    { marked(&hit.excerpt, &hit.excerpt_marks) }
                    if hit.cut_after { { "…" } }
                </p>
            }
        </li>
    }
}

/// `text` as text nodes, with the character ranges `marks` in `<mark>`.
fn marked(text: &str, marks: &[(usize, usize)]) -> Html {
    let chars: Vec<char> = text.chars().collect();
    let mut parts = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for &(start, end) in marks {
        let (start, end) = (start.min(chars.len()).max(at), end.min(chars.len()));
        if start >= end {
            continue;
        }
        parts.push(html! { { chars[at..start].iter().collect::<String>() } });
        parts.push(html! { <mark>{ chars[start..end].iter().collect::<String>() }</mark> });
        at = end;
    }
    parts.push(html! { { chars[at..].iter().collect::<String>() } });
    parts.into_iter().collect::<Html>()
}
