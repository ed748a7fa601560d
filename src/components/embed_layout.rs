//! The page shell in embed mode.

use yew::html::ChildrenProps;
use yew::prelude::*;
use yew_router::prelude::*;

use super::skipped_notice;
use crate::hooks::use_store;

/// Embedded: no site chrome, a link to the full archive, and height reports
/// to (and commands from) the declared parent page. Focus is not moved on
/// navigation here: focusing inside an iframe scrolls the host page.
#[component]
pub fn EmbedLayout(props: &ChildrenProps) -> Html {
    let store = use_store();
    let text = store.text();
    // Re-render on navigation, so "open the full archive" names this page.
    let _location = use_location();
    let view = store.view.clone();
    use_effect_with((), move |_| {
        let parent = crate::embed::verified_parent_origin(&view);
        let reporter = parent.clone().and_then(crate::embed::HeightReporter::start);
        let listener = parent.map(crate::embed::listen_for_commands);
        move || drop((reporter, listener))
    });
    html! {
        <>
            <main id="main" class="embed-main">
                { skipped_notice(&store) }
                { props.children.clone() }
            </main>
            <p class="embed-footer">
                <a href={crate::embed::full_archive_url()} target="_blank" rel="noopener">
                    { text.open_full_archive }{ " ↗" }
                </a>
            </p>
        </>
    }
}
