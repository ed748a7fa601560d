//! Views that may have to be fetched first (chunked bundles), with a retry.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use yew::prelude::*;

use super::use_store;
use crate::loader::LoadError;
use crate::store::Store;

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
pub type Fetch<K> = fn(Rc<Store>, K) -> Pin<Box<dyn Future<Output = Result<(), LoadError>>>>;

/// The view for `key`: at once when the archive has it (always, for a
/// single-file bundle; from the cache, for a chunked one), else after a
/// fetch. A failed fetch can be retried; a result that lands after the
/// reader moved on fills the cache and is otherwise ignored.
#[hook]
pub fn use_remote<K, T>(key: K, peek: fn(&Store, &K) -> Option<Rc<T>>, fetch: Fetch<K>) -> Remote<T>
where
    K: Clone + PartialEq + 'static,
    T: 'static,
{
    let state = use_store();
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
