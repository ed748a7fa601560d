//! In place of the part of a page whose chunk is in flight.

use folio_core::Text;
use yew::prelude::*;

/// A busy status with an indeterminate progress bar. (A view function, not
/// a component: it has no state, and a component costs the viewer's wasm a
/// few kilobytes of Yew's generic code.)
pub fn part_loading(text: &'static Text) -> Html {
    html! {
        <div class="part-loading" role="status" aria-busy="true">
            <p>{ text.loading_part }</p>
            <progress aria-label={text.loading_part} />
        </div>
    }
}
