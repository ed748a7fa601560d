//! `#/tags?all=a,b` (posts with every tag) or `#/tags?any=a,b` (any tag).

use folio_core::{Filter, Location};
use yew::prelude::*;

use crate::components::{FilterPrompt, ListPage, TagFilterForm, TagMode};
use crate::hooks::{use_list_query, use_store};
use crate::route::Route;

/// The tag filter: the form, then the posts it selects (or a prompt).
#[component]
pub fn TagFilter() -> Html {
    let store = use_store();
    let text = store.text();
    let query = use_list_query();
    let (mode, selected) = if query.all.is_empty() && !query.any.is_empty() {
        (TagMode::Any, query.any.clone())
    } else {
        (TagMode::All, query.all.clone())
    };
    let form = html! { <TagFilterForm mode={mode} selected={selected.clone()} query={query.clone()} /> };
    if selected.is_empty() {
        return html! { <FilterPrompt>{ form }</FilterPrompt> };
    }
    let heading = store.locale.tags_heading(&selected, mode == TagMode::All);
    let filter = match mode {
        TagMode::All => Filter::AllTags(selected),
        TagMode::Any => Filter::AnyTags(selected),
    };
    html! {
        <ListPage filter={filter} heading={heading} route={Route(Location::Tags)} query={query} empty={text.no_matching_posts}>
            { form }
        </ListPage>
    }
}
