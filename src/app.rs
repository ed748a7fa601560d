//! The app shell: loads the bundle, then routes to pages inside the layout.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{EmbedLayout, LoadErrorPage, LoadingPage, SiteLayout};
use crate::hooks::{use_bundle, LoadState};
use crate::pages;
use crate::route::Route;
use crate::store::StoreHandle;

/// Logs panics to the console and tells the reader, instead of leaving a
/// page that silently stopped responding.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let document = gloo::utils::document();
        if let Some(root) = document.get_element_by_id("folio-root") {
            root.set_attribute("aria-busy", "false").ok();
            let notice = document.create_element("p").ok();
            if let Some(notice) = notice {
                notice.set_attribute("role", "alert").ok();
                notice.set_class_name("crash-notice");
                notice.set_text_content(Some(
                    "Folio stopped because of an internal error. Reload the page to try again. \
                     (Folio 出现内部错误，请刷新页面重试。)",
                ));
                root.prepend_with_node_1(&notice).ok();
            }
        }
    }));
}

/// The whole viewer: loads the bundle, then shows the archive, or says why
/// it cannot.
#[component]
pub fn App() -> Html {
    let (state, retry) = use_bundle();
    match state {
        LoadState::Downloading { loaded, total } => {
            html! { <LoadingPage loaded={Some(loaded)} total={total} /> }
        }
        LoadState::Parsing => html! { <LoadingPage loaded={None::<u64>} total={None::<u64>} /> },
        LoadState::Failed(error) => html! { <LoadErrorPage error={error} on_retry={retry} /> },
        LoadState::Ready(store) => html! { <Viewer store={store} /> },
    }
}

#[derive(Debug, Properties, PartialEq)]
struct ViewerProps {
    store: StoreHandle,
}

/// The loaded archive: the store in a context, the router, the layout.
#[component]
fn Viewer(props: &ViewerProps) -> Html {
    let store = props.store.clone();
    {
        let lang = store.overview.site.lang.clone().unwrap_or_else(|| store.locale.lang_tag().to_owned());
        use_effect_with(lang, |lang| {
            if let Some(root) = gloo::utils::document().document_element() {
                root.set_attribute("lang", lang).ok();
            }
        });
    }
    let embed = store.view.embed;
    html! {
        <ContextProvider<StoreHandle> context={store}>
            <HashRouter>
                // The page shell: embed mode's, or the full site's.
                if embed {
                    <EmbedLayout><Switch<Route> render={switch} /></EmbedLayout>
                } else {
                    <SiteLayout><Switch<Route> render={switch} /></SiteLayout>
                }
            </HashRouter>
        </ContextProvider<StoreHandle>>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <pages::Home /> },
        Route::Post { id } => html! { <pages::Article id={id} /> },
        Route::Category { name } => html! { <pages::Category name={name} /> },
        Route::Tag { name } => html! { <pages::Tag name={name} /> },
        Route::Tags => html! { <pages::TagFilter /> },
        Route::Dates => html! { <pages::DateIndex /> },
        Route::Year { year } => html! { <pages::Year year={year} /> },
        Route::Month { year, month } => html! { <pages::Month year={year} month={month} /> },
        Route::NotFound => html! { <pages::NotFound /> },
    }
}
