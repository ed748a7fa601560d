//! The app shell: loads the bundle, then routes to pages inside the layout.
//! [`Shell`] (the layout and the pages) is what static pages are rendered
//! from too (`crate::prerender`).

use folio_core::Location;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{EmbedLayout, LoadErrorPage, LoadingPage, SiteLayout};
use crate::hooks::{use_bundle, LoadState};
use crate::pages;
use crate::route::{go, internal_link, Route};
use crate::store::StoreHandle;
use crate::takeover;

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

/// Says that the app runs the page from now on (it follows links, or it
/// shows the page): `<html data-folio-live>`, for scripts and tests; on a
/// static page nothing else shows it.
pub fn mark_live() {
    if let Some(root) = gloo::utils::document().document_element() {
        root.set_attribute("data-folio-live", "").ok();
    }
}

/// How this page runs, decided once at start.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Boot {
    /// Route by path (a static site) rather than by hash, under this base
    /// path (`/archive/`).
    pub base_path: Option<String>,
}

#[derive(Debug, Properties, PartialEq)]
pub struct AppProps {
    pub boot: Boot,
}

/// The whole viewer: loads the bundle, then shows the archive, or says why
/// it cannot.
#[component]
pub fn App(props: &AppProps) -> Html {
    let (state, retry) = use_bundle();
    match state {
        LoadState::Downloading { loaded, total } => {
            html! { <LoadingPage loaded={Some(loaded)} total={total} /> }
        }
        LoadState::Parsing => html! { <LoadingPage loaded={None::<u64>} total={None::<u64>} /> },
        LoadState::Failed(error) => {
            if takeover::pending() {
                // The static page stays, and works as a plain site.
                gloo::console::warn!(format!(
                    "Folio: the archive could not be loaded ({error}); the page stays static"
                ));
                takeover::abandon();
                return html! {};
            }
            html! { <LoadErrorPage error={error} on_retry={retry} /> }
        }
        LoadState::Ready(store) => html! { <Viewer store={store} boot={props.boot.clone()} /> },
    }
}

#[derive(Debug, Properties, PartialEq)]
struct ViewerProps {
    store: StoreHandle,
    boot: Boot,
}

/// The loaded archive: the store in a context, the router, the shell; and,
/// under a static page, the takeover once all of it has rendered.
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
    let first = use_mut_ref(|| true);
    if std::mem::take(&mut *first.borrow_mut()) {
        takeover::before_first_render();
    }
    use_effect_with((), |_| {
        takeover::complete();
        mark_live();
        crate::sanitizer::prefetch_when_idle();
    });
    let embed = store.view.embed;
    html! {
        <ContextProvider<StoreHandle> context={store}>
            if let Some(base) = props.boot.base_path.clone() {
                <BrowserRouter basename={AttrValue::from(base)}>
                    <Shell embed={embed} />
                    <LinkInterceptor />
                </BrowserRouter>
            } else {
                <HashRouter>
                    <Shell embed={embed} />
                </HashRouter>
            }
        </ContextProvider<StoreHandle>>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct ShellProps {
    /// Embed mode's shell rather than the full site's.
    pub embed: bool,
}

/// The page shell (embed mode's, or the full site's) around the current
/// route's page. Rendered by the app, and ahead of time for static pages.
#[component]
pub fn Shell(props: &ShellProps) -> Html {
    if props.embed {
        html! { <EmbedLayout><Switch<Route> render={switch} /></EmbedLayout> }
    } else {
        html! { <SiteLayout><Switch<Route> render={switch} /></SiteLayout> }
    }
}

fn switch(route: Route) -> Html {
    if let Some(adopted) = takeover::adopt(&route, current_query) {
        return adopted;
    }
    match route.0 {
        Location::Home => html! { <pages::Home /> },
        Location::Post { id } => html! { <pages::Article id={id} /> },
        Location::Category { name } => html! { <pages::Category name={name} /> },
        Location::Tag { name } => html! { <pages::Tag name={name} /> },
        Location::Tags => html! { <pages::TagFilter /> },
        Location::Categories => html! { <pages::Categories /> },
        Location::Dates => html! { <pages::DateIndex /> },
        Location::Year { year } => html! { <pages::Year year={year} /> },
        Location::Month { year, month } => html! { <pages::Month year={year} month={month} /> },
        Location::Search => html! { <pages::Search /> },
        Location::NotFound => html! { <pages::NotFound /> },
    }
}

/// The page URL's query, without its `?`.
fn current_query() -> String {
    let search = gloo::utils::window().location().search().unwrap_or_default();
    search.trim_start_matches('?').to_owned()
}

/// On a static site, follows same-site links through the router instead of
/// loading a page: a click on `<a href="../../tag/x/">` renders the tag page
/// in place. Links that open elsewhere (another origin, a new tab, a file such
/// as `feed.xml`) are left to the browser.
#[component]
fn LinkInterceptor() -> Html {
    let navigator = use_navigator();
    use_effect_with((), move |_| {
        let listener = navigator.map(|navigator| {
            // Not passive: it cancels the browser's own navigation.
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            gloo::events::EventListener::new_with_options(
                &gloo::utils::document(),
                "click",
                options,
                move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::MouseEvent>() else { return };
                    if let Some((location, query)) = internal_link(event, navigator.basename()) {
                        event.prevent_default();
                        go(&navigator, &Route(location), &query);
                    }
                },
            )
        });
        move || drop(listener)
    });
    html! {}
}
