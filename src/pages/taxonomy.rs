//! `#/category/<name>`, `#/tag/<name>` and the multi-tag filter `#/tags`.

use folio_core::{Filter, ListQuery};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::{ListPage, MAIN_HEADING_ID};
use crate::hooks::{use_archive, use_list_query, use_title};
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
                  empty={state.locale.no_posts_tagged(&name)}>
            if state.archive.has_tag(&name) {
                <p class="list-actions"><a href={Route::Tags.href_with(&combine)}>{ text.filter_by_tags }</a></p>
            } else {
                <p class="list-actions"><a href={Route::Tags.href()}>{ text.all_tags }</a></p>
            }
        </ListPage>
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
                <ul class="tag-choices">
                    { for state.archive.tags().iter().map(|t| html! {
                        <li>
                            <label>
                                <input type="checkbox" value={t.name.clone()} checked={selected.contains(&t.name)} onchange={on_toggle.clone()} />
                                { " " }{ &t.name }{ " " }<span class="term-count">{ t.count }</span>
                            </label>
                        </li>
                    }) }
                </ul>
            </fieldset>
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
