//! `#/category/<name>`, `#/tag/<name>` and the multi-tag filter `#/tags`.

use std::rc::Rc;

use folio_core::{Filter, ListQuery, TermCount, TermKind};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::{ListPage, Pager, PartFailed, PartLoading, MAIN_HEADING_ID};
use crate::hooks::{use_archive, use_list_query, use_remote, use_title, Remote};
use crate::route::{tag_href, Route};

#[derive(Properties, PartialEq)]
pub struct NameProps {
    pub name: String,
}

#[component]
pub fn Category(props: &NameProps) -> Html {
    let state = use_archive();
    let query = use_list_query();
    let name = props.name.clone();
    html! {
        <ListPage filter={Filter::Category(name.clone())} heading={state.locale.category_heading(&name)}
                  route={Route::Category { name: name.clone() }} query={query}
                  empty={state.locale.no_posts_in_category(&name)} />
    }
}

#[component]
pub fn Tag(props: &NameProps) -> Html {
    let state = use_archive();
    let text = state.text();
    let query = use_list_query();
    let name = props.name.clone();
    let combine = ListQuery { page: 1, all: vec![name.clone()], any: vec![] };
    html! {
        <ListPage filter={Filter::Tag(name.clone())} heading={state.locale.tag_heading(&name)}
                  route={Route::Tag { name: name.clone() }} query={query}
                  empty={state.locale.no_posts_tagged(&name)}
                  actions={html! { <p class="list-actions"><a href={Route::Tags.href_with(&combine)}>{ text.filter_by_tags }</a></p> }}
                  empty_actions={html! { <p class="list-actions"><a href={Route::Tags.href()}>{ text.all_tags }</a></p> }} />
    }
}

/// Which set operation the filter uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    All,
    Any,
}

/// `#/tags?all=a,b` (posts with every tag) or `#/tags?any=a,b` (any tag).
/// The form only rewrites the URL; the URL is the state.
#[component]
pub fn TagFilter() -> Html {
    let state = use_archive();
    let text = state.text();
    let query = use_list_query();
    let (mode, selected) = if query.all.is_empty() && !query.any.is_empty() {
        (Mode::Any, query.any.clone())
    } else {
        (Mode::All, query.all.clone())
    };

    // The choices. With nothing picked: a page of every tag (`?page=`), which
    // a chunked archive fetches. With tags picked (`?page=` then pages the
    // results): the most used tags, which every layout has at hand, and the
    // picked ones.
    let terms = use_remote(
        selected.is_empty().then_some((TermKind::Tag, query.page)),
        |state, request| match request {
            Some(request) => state.peek_terms(request),
            None => Some(Rc::new(None)),
        },
        |state, request| {
            Box::pin(async move {
                match request {
                    Some(request) => state.fetch_terms(request).await,
                    None => Ok(()),
                }
            })
        },
    );
    // A count of 0 marks a picked tag that is not among the choices.
    let (choices, terms_pager): (Result<Vec<TermCount>, Html>, _) = match terms {
        Remote::Ready(page) => match page.as_ref() {
            Some(page) if selected.is_empty() => (Ok(page.terms.clone()), Some((page.number, page.count))),
            _ => {
                let mut shown: Vec<TermCount> = state.overview.tags.clone();
                for name in &selected {
                    if !shown.iter().any(|t| &t.name == name) {
                        shown.push(TermCount { name: name.clone(), count: 0 });
                    }
                }
                (Ok(shown), None)
            }
        },
        Remote::Loading => (Err(html! { <PartLoading /> }), None),
        Remote::Failed(error, retry) => (Err(html! { <PartFailed error={error} on_retry={retry} /> }), None),
    };

    // A plain hash change: one history entry, and the router follows it.
    let go = move |mode: Mode, selected: Vec<String>| {
        let next = match mode {
            Mode::All => ListQuery { page: 1, all: selected, any: vec![] },
            Mode::Any => ListQuery { page: 1, all: vec![], any: selected },
        };
        gloo::utils::window().location().set_hash(&Route::Tags.href_with(&next)).ok();
    };

    let on_toggle = {
        let selected = selected.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let name = input.value();
            let mut next = selected.clone();
            if input.checked() {
                if !next.contains(&name) {
                    next.push(name);
                }
            } else {
                next.retain(|n| *n != name);
            }
            go(mode, next);
        })
    };
    let on_mode = |new_mode: Mode| {
        let selected = selected.clone();
        Callback::from(move |_: Event| go(new_mode, selected.clone()))
    };

    let heading = state.locale.tags_heading(&selected, mode == Mode::All);
    let filter = match mode {
        Mode::All => Filter::AllTags(selected.clone()),
        Mode::Any => Filter::AnyTags(selected.clone()),
    };

    let form = html! {
        <form class="tag-filter" aria-label={text.filter_by_tags} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset class="tag-filter-mode">
                <legend class="visually-hidden">{ text.filter_by_tags }</legend>
                <label><input type="radio" name="mode" value="all" checked={mode == Mode::All} onchange={on_mode(Mode::All)} />{ " " }{ text.match_all }</label>
                <label><input type="radio" name="mode" value="any" checked={mode == Mode::Any} onchange={on_mode(Mode::Any)} />{ " " }{ text.match_any }</label>
            </fieldset>
            <fieldset class="tag-filter-tags">
                <legend>{ text.tags }</legend>
                { match choices {
                    Ok(choices) => html! {
                        <ul class="tag-choices">
                            { for choices.iter().map(|t| html! {
                                <li>
                                    <label>
                                        <input type="checkbox" value={t.name.clone()} checked={selected.contains(&t.name)} onchange={on_toggle.clone()} />
                                        { " " }{ &t.name }
                                        if t.count > 0 {
                                            { " " }<span class="term-count">{ t.count }</span>
                                        }
                                    </label>
                                </li>
                            }) }
                        </ul>
                    },
                    Err(status) => status,
                } }
            </fieldset>
            if let Some((number, count)) = terms_pager {
                <Pager route={Route::Tags} query={query.clone()} number={number} count={Some(count)} has_next={number < count} />
            }
            if !selected.is_empty() {
                <p><a href={Route::Tags.href()}>{ text.clear_filter }</a>
                   { for selected.iter().map(|t| html! { <>{ " · " }<a href={tag_href(t)}>{ state.locale.tag_heading(t) }</a></> }) }
                </p>
            }
        </form>
    };

    if selected.is_empty() {
        return html! { <FilterPrompt>{ form }</FilterPrompt> };
    }
    html! {
        <ListPage filter={filter} heading={heading} route={Route::Tags} query={query} empty={text.no_matching_posts}>
            { form }
        </ListPage>
    }
}

#[derive(Properties, PartialEq)]
struct FilterPromptProps {
    children: Html,
}

/// `#/tags` before any tag is picked.
#[component]
fn FilterPrompt(props: &FilterPromptProps) -> Html {
    let state = use_archive();
    let text = state.text();
    use_title(state.page_title(text.filter_by_tags));
    html! {
        <section class="list-page" aria-labelledby={MAIN_HEADING_ID}>
            <h1 id={MAIN_HEADING_ID} tabindex="-1">{ text.filter_by_tags }</h1>
            <p>{ text.pick_tags }</p>
            { props.children.clone() }
        </section>
    }
}
