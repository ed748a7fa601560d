//! In place of the part of a page whose chunk could not be fetched.

use folio_core::Text;
use yew::prelude::*;

use crate::loader::LoadError;

/// What failed, and a retry that fetches just that part again; the rest of
/// the page keeps working. (A view function: see `part_loading`.)
pub fn part_failed(text: &'static Text, error: &LoadError, retry: &Callback<()>) -> Html {
    let onclick = retry.reform(|_: MouseEvent| ());
    html! {
        <div class="part-error" role="alert">
            <p>{ text.part_failed }</p>
            <p class="cause"><code class="url">{ error.url().to_owned() }</code>{ ": " }{ error.to_string() }</p>
            <button type="button" class="button" onclick={onclick}>{ text.retry }</button>
        </div>
    }
}
