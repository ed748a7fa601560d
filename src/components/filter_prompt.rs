//! `#/tags` before any tag is picked.

use yew::html::ChildrenProps;
use yew::prelude::*;

use crate::focus::MAIN_HEADING_ID;
use crate::hooks::{use_store, use_title};

/// The tag filter's heading and a prompt to pick tags, above the form
/// (its children).
#[component]
pub fn FilterPrompt(props: &ChildrenProps) -> Html {
    let store = use_store();
    let text = store.text();
    use_title(store.page_title(text.filter_by_tags));
    html! {
        <section class="list-page" aria-labelledby={MAIN_HEADING_ID}>
            <h1 id={MAIN_HEADING_ID} tabindex="-1">{ text.filter_by_tags }</h1>
            <p>{ text.pick_tags }</p>
            { props.children.clone() }
        </section>
    }
}
