//! The notice of posts the bundle could not use.

use yew::prelude::*;

use crate::store::Store;

/// Skipped-post reasons listed in the notice.
const SKIPPED_REASONS_SHOWN: usize = 5;

/// The count and first reasons of posts the bundle could not use; nothing
/// when every post was valid. (A view function of the layouts: see
/// `part_loading`.)
pub fn skipped_notice(store: &Store) -> Html {
    if store.skipped.is_empty() {
        return html! {};
    }
    let text = store.text();
    html! {
        <section class="notice" role="status">
            <p>{ store.locale.skipped_notice(store.skipped.len()) }</p>
            <details>
                <summary>{ text.details }</summary>
                <ul>
                    { for store.skipped.iter().take(SKIPPED_REASONS_SHOWN).map(|s| html! { <li lang="en">{ s.to_string() }</li> }) }
                </ul>
            </details>
        </section>
    }
}
