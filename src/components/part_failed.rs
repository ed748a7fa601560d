//! In place of the part of a page whose chunk could not be fetched.

use std::rc::Rc;

use yew::prelude::*;

use crate::hooks::use_store;
use crate::loader::LoadError;

#[derive(Debug, Properties, PartialEq)]
pub struct PartFailedProps {
    pub error: Rc<LoadError>,
    pub on_retry: Callback<()>,
}

/// What failed, and a retry that fetches just that part again; the rest of
/// the page keeps working.
#[component]
pub fn PartFailed(props: &PartFailedProps) -> Html {
    let store = use_store();
    let text = store.text();
    let onclick = props.on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="part-error" role="alert">
            <p>{ text.part_failed }</p>
            <p class="cause"><code class="url">{ props.error.url() }</code>{ ": " }{ props.error.to_string() }</p>
            <button type="button" class="button" onclick={onclick}>{ text.retry }</button>
        </div>
    }
}
