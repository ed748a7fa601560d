//! Hooks that adapt the core to Yew: loading the bundle, views that may have
//! to be fetched, page titles, the list query in the URL.

mod use_bundle;

pub use use_bundle::{use_bundle, LoadState};

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use folio_core::ListQuery;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::loader::LoadError;
use crate::state::{ArchiveHandle, ArchiveState};

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

/// The archive loaded by [`use_bundle`], for pages rendered under it.
#[hook]
pub fn use_archive() -> ArchiveHandle {
    use_context::<ArchiveHandle>().expect("pages render inside the archive provider")
}

/// A view that may have to be fetched first (chunked bundles).
#[derive(Debug)]
pub enum Remote<T> {
    /// The fetch is in flight.
    Loading,
    /// Here it is.
    Ready(Rc<T>),
    /// The fetch failed; the callback tries again.
    Failed(Rc<LoadError>, Callback<()>),
}

/// Starts fetching what a view needs.
pub type Fetch<K> = fn(Rc<ArchiveState>, K) -> Pin<Box<dyn Future<Output = Result<(), LoadError>>>>;

/// The view for `key`: at once when the archive has it (always, for a
/// single-file bundle; from the cache, for a chunked one), else after a
/// fetch. A failed fetch can be retried; a result that lands after the
/// reader moved on fills the cache and is otherwise ignored.
#[hook]
pub fn use_remote<K, T>(key: K, peek: fn(&ArchiveState, &K) -> Option<Rc<T>>, fetch: Fetch<K>) -> Remote<T>
where
    K: Clone + PartialEq + 'static,
    T: 'static,
{
    let state = use_archive();
    let update = use_force_update();
    let failure = use_state(|| None::<(K, Rc<LoadError>)>);
    let attempt = use_state(|| 0u32);
    let ready = peek(&state, &key);
    let missing = ready.is_none();
    {
        let state = state.0.clone();
        let failure = failure.clone();
        use_effect_with((key.clone(), *attempt, missing), move |(key, _, missing)| {
            if *missing {
                let key = key.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match fetch(state, key.clone()).await {
                        Ok(()) => update.force_update(),
                        Err(error) => failure.set(Some((key, Rc::new(error)))),
                    }
                });
            }
        });
    }
    if let Some(view) = ready {
        return Remote::Ready(view);
    }
    let error = match &*failure {
        Some((failed, error)) if *failed == key => error.clone(),
        _ => return Remote::Loading,
    };
    let retry = Callback::from(move |()| {
        failure.set(None);
        attempt.set(*attempt + 1);
    });
    Remote::Failed(error, retry)
}
