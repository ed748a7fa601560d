//! Hooks that adapt the core to Yew: loading the bundle, the store it
//! gives, views that may have to be fetched, page titles, the list query in
//! the URL.

mod use_bundle;
mod use_remote;

pub use use_bundle::{use_bundle, LoadState};
pub use use_remote::{use_remote, Fetch, Remote};

use folio_core::ListQuery;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::store::StoreHandle;

/// Sets `document.title` while the page is shown.
#[hook]
pub fn use_title(title: String) {
    use_effect_with(title, |title| {
        gloo::utils::document().set_title(title);
    });
}

/// The list query (`?page=`, `?all=`, `?any=`) of the current route.
#[hook]
pub fn use_list_query() -> ListQuery {
    let location = use_location();
    let query = location.as_ref().map(|l| l.query_str().to_owned()).unwrap_or_default();
    use_memo(query, |q| ListQuery::parse(q)).as_ref().clone()
}

/// The store loaded by [`use_bundle`], for pages rendered under it.
#[hook]
pub fn use_store() -> StoreHandle {
    use_context::<StoreHandle>().expect("pages render inside the store provider")
}
