//! In place of the part of a page whose chunk is in flight.

use yew::prelude::*;

use crate::hooks::use_store;

/// A busy status with an indeterminate progress bar.
#[component]
pub fn PartLoading() -> Html {
    let store = use_store();
    html! {
        <div class="part-loading" role="status" aria-busy="true">
            <p>{ store.text().loading_part }</p>
            <progress aria-label={store.text().loading_part} />
        </div>
    }
}
