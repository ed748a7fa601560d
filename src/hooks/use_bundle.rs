//! Loads the bundle once per attempt: download with progress, parse, index.
//! For a chunked bundle this is the manifest; pages fetch the rest.

use std::rc::Rc;

use folio_core::{read_bundle, Bundle};
use yew::prelude::*;

use crate::loader::{self, LoadError};
use crate::store::{Store, StoreHandle};

/// Where loading the bundle has got to.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadState {
    /// Bytes are arriving.
    Downloading { loaded: u64, total: Option<u64> },
    /// All bytes are in; the core is reading them.
    Parsing,
    /// The archive is ready.
    Ready(StoreHandle),
    /// Loading failed; the page says why.
    Failed(Rc<LoadError>),
}

/// Progress is redrawn at most this often (in bytes), so a large bundle does
/// not spend its time re-rendering the progress bar.
const PROGRESS_STEP: u64 = 256 * 1024;

/// Bundles above this size show a "reading" state before they are parsed.
const YIELD_BEFORE_PARSE_BYTES: usize = 1024 * 1024;

/// Loads the bundle named by the URL, and returns the state with a callback
/// that starts over (the error page's "Try again").
#[hook]
pub fn use_bundle() -> (LoadState, Callback<()>) {
    let state = use_state(|| LoadState::Downloading { loaded: 0, total: None });
    let attempt = use_state(|| 0u32);

    {
        let state = state.clone();
        use_effect_with(*attempt, move |_| {
            state.set(LoadState::Downloading { loaded: 0, total: None });
            wasm_bindgen_futures::spawn_local(async move {
                state.set(load(&state).await);
            });
        });
    }

    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |()| attempt.set(*attempt + 1))
    };
    ((*state).clone(), retry)
}

async fn load(state: &UseStateHandle<LoadState>) -> LoadState {
    let url = match loader::bundle_url() {
        Ok(url) => url,
        Err(e) => return LoadState::Failed(Rc::new(e)),
    };
    let mut shown = 0u64;
    let bytes = match loader::prefetched(&url).await {
        Some(bytes) => Ok(bytes),
        None => {
            loader::download(&url, |loaded, total| {
                if loaded == 0 || loaded - shown >= PROGRESS_STEP {
                    shown = loaded;
                    state.set(LoadState::Downloading { loaded, total });
                }
            })
            .await
        }
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(e) => return LoadState::Failed(Rc::new(e)),
    };
    if bytes.len() > YIELD_BEFORE_PARSE_BYTES {
        // Let the browser paint "Reading the archive…" before the
        // (synchronous) parse of a large file. Small ones parse in a few
        // milliseconds, and waiting for a frame would only delay first paint.
        state.set(LoadState::Parsing);
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
    let mut bundle = match read_bundle(&bytes) {
        Ok(bundle) => bundle,
        Err(error) => return LoadState::Failed(Rc::new(LoadError::Unreadable { url, error })),
    };
    if let Bundle::Single(valid) = &mut bundle {
        // Bundles from other tools may carry no excerpts: the sanitiser
        // module writes them (Folio's own bundles always have them).
        if valid.posts.iter().any(|p| p.excerpt.is_none() && !p.content_html.is_empty()) {
            match crate::sanitizer::Policy::load(valid.site.base_url.clone()).await {
                Ok(policy) => {
                    for post in valid.posts.iter_mut().filter(|p| p.excerpt.is_none()) {
                        post.excerpt = Some(policy.excerpt(&post.content_html)).filter(|e| !e.is_empty());
                    }
                }
                Err(message) => gloo::console::warn!(format!("Folio: no excerpts ({message})")),
            }
        }
    }
    match Store::new(bundle, &url, crate::embed::view_options()) {
        Ok(store) => LoadState::Ready(StoreHandle(Rc::new(store))),
        Err(error) => LoadState::Failed(Rc::new(error)),
    }
}
