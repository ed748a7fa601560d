//! The page shell of the full site.

use folio_core::Location;
use yew::html::ChildrenProps;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{category_nav, date_nav, skipped_notice, tag_cloud, SearchBox};
use crate::focus::{focus_heading_after_navigation, focus_main_heading, form_control_has_focus};
use crate::hooks::use_store;
use crate::route::Route;

/// The full page: header, main content, taxonomy sidebar, footer. It moves
/// focus to the new page's heading after each navigation.
#[component]
pub fn SiteLayout(props: &ChildrenProps) -> Html {
    let store = use_store();
    let text = store.text();
    let site = &store.overview.site;

    // Focus the new page's heading after each navigation, but not on first
    // load, where the reader expects to start at the top.
    let location = use_location();
    let route = use_route::<Route>();
    let path = location.map(|l| format!("{}{}", l.path(), l.query_str())).unwrap_or_default();
    let first_render = use_mut_ref(|| true);
    use_effect_with(path, move |_| {
        if std::mem::take(&mut *first_render.borrow_mut()) || form_control_has_focus() {
            return;
        }
        focus_heading_after_navigation();
    });

    // The address of the page, as each render finds it.
    let snippet = store.embed_snippet();

    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        focus_main_heading();
    });

    html! {
        <>
            <a class="skip-link" href="#main" onclick={skip}>{ text.skip_to_content }</a>
            <header class="site-header">
                <p class="site-title"><a href={Route(Location::Home).href()}>{ &site.title }</a></p>
                if let Some(description) = &site.description {
                    <p class="site-description">{ description }</p>
                }
                <SearchBox />
            </header>
            <div class="site-body">
                <main id="main" class="site-main">
                    { skipped_notice(&store) }
                    { props.children.clone() }
                </main>
                <aside class="site-sidebar">
                    { category_nav(&store, route.as_ref()) }
                    { tag_cloud(&store, route.as_ref()) }
                    { date_nav(&store) }
                </aside>
            </div>
            <footer class="site-footer">
                if let Some(snippet) = snippet {
                    <details class="embed-snippet">
                        <summary>{ text.embed_this }</summary>
                        <p>{ text.embed_this_help }</p>
                        <pre><code>{ snippet }</code></pre>
                    </details>
                }
                <p>
                    { &site.title }{ " · " }{ store.locale.post_count(store.overview.posts) }
                    { " · " }{ text.powered_by }
                </p>
            </footer>
        </>
    }
}
