//! The form that picks tags and how to combine them.

use std::rc::Rc;

use folio_core::{ListQuery, Location, TermCount, TermKind};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{part_failed, part_loading, Pager};
use crate::hooks::{use_remote, use_store, Remote};
use crate::route::{go, tag_href, Route};

/// Which set operation the filter uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagMode {
    /// Posts with every picked tag.
    All,
    /// Posts with any picked tag.
    Any,
}

impl TagMode {
    /// The query for these tags in this mode, on its first page.
    pub fn query(self, selected: Vec<String>) -> ListQuery {
        match self {
            TagMode::All => ListQuery { page: 1, all: selected, ..ListQuery::default() },
            TagMode::Any => ListQuery { page: 1, any: selected, ..ListQuery::default() },
        }
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct TagFilterFormProps {
    /// AND or OR.
    pub mode: TagMode,
    /// The picked tags, in the order they were picked.
    pub selected: Vec<String>,
    /// The page's query: with nothing picked, its page numbers page through
    /// the whole taxonomy.
    pub query: ListQuery,
}

/// Checkboxes for the tags, radio buttons for the mode, links to clear the
/// filter or open one tag. The form only rewrites the URL: the URL is the
/// state, so a filter can be shared and survives a reload.
///
/// The choices: with nothing picked, a page of every tag (`?page=`, which a
/// chunked archive fetches); with tags picked (when `?page=` pages the
/// results), the most used tags, which every layout has at hand, and the
/// picked ones.
#[component]
pub fn TagFilterForm(props: &TagFilterFormProps) -> Html {
    let store = use_store();
    let text = store.text();
    let selected = &props.selected;
    let mode = props.mode;

    let terms = use_remote(
        selected.is_empty().then_some((TermKind::Tag, props.query.page)),
        |store, request| match request {
            Some(request) => store.peek_terms(request),
            None => Some(Rc::new(None)),
        },
        |store, request| {
            Box::pin(async move {
                match request {
                    Some(request) => store.fetch_terms(request).await,
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
                let mut shown: Vec<TermCount> = store.overview.tags.clone();
                for name in selected {
                    if !shown.iter().any(|t| &t.name == name) {
                        shown.push(TermCount { name: name.clone(), count: 0 });
                    }
                }
                (Ok(shown), None)
            }
        },
        Remote::Loading => (Err(part_loading(text)), None),
        Remote::Failed(error, retry) => (Err(part_failed(text, &error, &retry)), None),
    };

    // One history entry per change, and the page follows the URL.
    let navigator = use_navigator();
    let set_filter = Rc::new(move |mode: TagMode, selected: Vec<String>| {
        if let Some(navigator) = &navigator {
            let query = mode.query(selected).to_query_string();
            go(navigator, &Route(Location::Tags), query.trim_start_matches('?'));
        }
    });
    let on_toggle = {
        let selected = selected.clone();
        let set_filter = set_filter.clone();
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
            set_filter(mode, next);
        })
    };
    let on_mode = |new_mode: TagMode| {
        let selected = selected.clone();
        let set_filter = set_filter.clone();
        Callback::from(move |_: Event| set_filter(new_mode, selected.clone()))
    };

    html! {
        <form class="tag-filter" aria-label={text.filter_by_tags} onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset class="tag-filter-mode">
                <legend class="visually-hidden">{ text.filter_by_tags }</legend>
                <label><input type="radio" name="mode" value="all" checked={mode == TagMode::All} onchange={on_mode(TagMode::All)} />{ " " }{ text.match_all }</label>
                <label><input type="radio" name="mode" value="any" checked={mode == TagMode::Any} onchange={on_mode(TagMode::Any)} />{ " " }{ text.match_any }</label>
            </fieldset>
            <fieldset class="tag-filter-tags">
                <legend>{ text.tags }</legend>
                { match choices {
                    Ok(choices) => html! {
                        <ul class="tag-choices">
                            { for choices.iter().map(|t| {
                                // The box picks the tag for the filter; the name
                                // opens its page (which also works without script).
                                let label = if t.count > 0 { format!("{} {}", t.name, t.count) } else { t.name.clone() };
                                html! {
                                    <li>
                                        <input type="checkbox" value={t.name.clone()} aria-label={label}
                                               checked={selected.contains(&t.name)} onchange={on_toggle.clone()} />
                                        { " " }<a href={tag_href(&t.name)}>{ &t.name }</a>
                                        if t.count > 0 {
                                            { " " }<span class="term-count">{ t.count }</span>
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    },
                    Err(status) => status,
                } }
            </fieldset>
            if let Some((number, count)) = terms_pager {
                <Pager route={Route(Location::Tags)} query={props.query.clone()} number={number} count={Some(count)} has_next={number < count} />
            }
            if !selected.is_empty() {
                <p><a href={Route(Location::Tags).href()}>{ text.clear_filter }</a>
                   { for selected.iter().map(|t| html! { <>{ " · " }<a href={tag_href(t)}>{ store.locale.tag_heading(t) }</a></> }) }
                </p>
            }
        </form>
    }
}
