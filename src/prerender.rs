//! Static pages from the viewer's own components (feature `ssr`): what
//! `folio build --with-viewer` writes for every article and list, so that
//! each paints from HTML, works without script, and has a real URL.
//!
//! A page is [`crate::app::Shell`] rendered natively by Yew's server
//! renderer, under a memory router at the page's site path, over a
//! [`Store`] holding just that page's data; links are written as site paths
//! relative to the page (`../../tag/x/`). The app, once it has loaded, takes
//! the page over (see `takeover.rs`); the markup is the same because the
//! components are.

use std::rc::Rc;

use folio_core::{Location, Overview};
use yew::prelude::*;
use yew_router::history::{AnyHistory, History, MemoryHistory};
use yew_router::Router;

use crate::app::Shell;
use crate::route::{set_link_style, LinkStyle};
use crate::store::{PageData, PreparedBody, Store, StoreHandle};

pub use crate::store::PageData as Data;
pub use crate::store::PreparedBody as Body;

/// One page to render.
#[derive(Debug)]
pub struct Page {
    /// The archive's overview, as the app computes it from the same bundle.
    pub overview: Overview,
    /// Where the page is.
    pub location: Location,
    /// Its data: the list, article or taxonomy page it shows.
    pub data: PageData,
    /// The article's body, sanitised at build time, if it is an article.
    pub body: Option<(String, PreparedBody)>,
}

#[derive(Properties)]
struct StaticAppProps {
    store: StoreHandle,
    history: AnyHistory,
}

impl PartialEq for StaticAppProps {
    fn eq(&self, other: &Self) -> bool {
        self.store == other.store
    }
}

#[component]
fn StaticApp(props: &StaticAppProps) -> Html {
    html! {
        <ContextProvider<StoreHandle> context={props.store.clone()}>
            <Router history={props.history.clone()}>
                <Shell embed={false} />
            </Router>
        </ContextProvider<StoreHandle>>
    }
}

/// The page's HTML: what goes inside its `#folio-root`. Links are written
/// relative to the page: `prefix` leads from it to the site's root (`""` at
/// the root, `../../` two folders down).
pub fn render(page: Page, prefix: &str) -> String {
    set_link_style(LinkStyle::Path { prefix: prefix.to_owned() });
    let history = MemoryHistory::new();
    history.push(format!("/{}", page.location.site_path()));
    let store = StoreHandle(Rc::new(Store::prerendered(page.overview, page.data, page.body)));
    let props = StaticAppProps { store, history: AnyHistory::from(history) };
    let renderer = yew::LocalServerRenderer::<StaticApp>::with_props(props).hydratable(false);
    futures::executor::block_on(renderer.render())
}
