//! Finding and downloading the bundle, with progress, before the core parses
//! it.

use std::fmt;

use folio_core::{BundleError, ChunkError, Locale, MAX_BUNDLE_BYTES};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::ReadableStreamDefaultReader;

/// The bundle a page loads when the URL names none.
pub const DEFAULT_BUNDLE: &str = "bundle.json";

thread_local! {
    /// The site's root, when the page is not at it (a static page such as
    /// `post/<id>/`): what the bundle and the viewer's files resolve against.
    static SITE_ROOT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Tells the viewer where the site's root is (an absolute URL ending in `/`).
/// Called once at start, on a static page.
pub fn set_site_root(url: String) {
    SITE_ROOT.with(|root| *root.borrow_mut() = Some(url));
}

/// The site's root: the one [`set_site_root`] gave, or the page's own base
/// URL (where `index.html` is).
pub fn site_root() -> String {
    SITE_ROOT
        .with(|root| root.borrow().clone())
        .unwrap_or_else(|| gloo::utils::document().base_uri().ok().flatten().unwrap_or_default())
}

/// Why the archive could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The `bundle` parameter is not a usable same-origin URL.
    BadUrl { url: String, reason: &'static str },
    /// The server answered 404 or 410.
    Missing { url: String, status: u16 },
    /// The server answered with another error status.
    Http { url: String, status: u16 },
    /// The request failed before an answer (offline, CORS, aborted).
    Network { url: String, message: String },
    /// The bundle is larger than a single-file bundle may be.
    TooLarge { url: String, bytes: u64 },
    /// The bytes arrived but are not a usable bundle.
    Unreadable { url: String, error: BundleError },
    /// A file of a chunked bundle arrived but is not usable.
    BadChunk { url: String, error: ChunkError },
    /// The sanitiser module could not be loaded (the message names its URL).
    Sanitizer { message: String },
}

impl LoadError {
    /// The URL that failed.
    pub fn url(&self) -> &str {
        match self {
            LoadError::BadUrl { url, .. }
            | LoadError::Missing { url, .. }
            | LoadError::Http { url, .. }
            | LoadError::Network { url, .. }
            | LoadError::TooLarge { url, .. }
            | LoadError::Unreadable { url, .. }
            | LoadError::BadChunk { url, .. } => url,
            LoadError::Sanitizer { .. } => "folio-sanitizer",
        }
    }

    /// One sentence for the reader, in their language, before the URL.
    pub fn summary(&self, locale: Locale) -> &'static str {
        let text = locale.text();
        match self {
            LoadError::Missing { .. } => text.error_missing,
            LoadError::Unreadable { .. } | LoadError::TooLarge { .. } | LoadError::BadChunk { .. } => {
                text.error_unreadable
            }
            LoadError::BadUrl { .. } => text.error_refused,
            LoadError::Http { .. } | LoadError::Network { .. } | LoadError::Sanitizer { .. } => {
                text.error_network
            }
        }
    }
}

/// The technical cause, shown under the summary.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::BadUrl { reason, .. } => write!(f, "the bundle URL {reason}"),
            LoadError::Missing { status, .. } => write!(f, "the server answered {status} Not Found"),
            LoadError::Http { status, .. } => write!(f, "the server answered HTTP {status}"),
            LoadError::Network { message, .. } => write!(f, "network error: {message}"),
            LoadError::TooLarge { bytes, .. } => write!(
                f,
                "{}",
                BundleError::TooLarge {
                    bytes: usize::try_from(*bytes).unwrap_or(usize::MAX),
                    limit: MAX_BUNDLE_BYTES
                }
            ),
            LoadError::Unreadable { error, .. } => write!(f, "{error}"),
            LoadError::BadChunk { error, .. } => write!(f, "{error}"),
            LoadError::Sanitizer { message } => write!(f, "the sanitiser module did not load: {message}"),
        }
    }
}

/// The language of the reader's browser, for screens shown before the
/// archive (and its language) is known.
pub fn browser_locale() -> Locale {
    let lang = web_sys::window().and_then(|w| w.navigator().language());
    Locale::from_lang_tag(lang.as_deref())
}

/// The absolute URL of the bundle to load: the page's `?bundle=` parameter,
/// or `bundle.json`, resolved against the site's root ([`site_root`]).
///
/// # Errors
///
/// A parameter that is not a URL, or points to another origin, is refused:
/// a page must not be made to show (or leak requests to) someone else's data.
pub fn bundle_url() -> Result<String, LoadError> {
    let location = gloo::utils::window().location();
    let search = location.search().unwrap_or_default();
    let requested = web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get("bundle"))
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_BUNDLE.to_owned());
    let url = web_sys::Url::new_with_base(requested.trim(), &site_root())
        .map_err(|_| LoadError::BadUrl { url: requested.clone(), reason: "is not a valid URL" })?;
    let origin = location.origin().unwrap_or_default();
    if url.origin() != origin {
        return Err(LoadError::BadUrl { url: url.href(), reason: "is not on this site's origin" });
    }
    Ok(url.href())
}

thread_local! {
    /// A download of the bundle started ahead of the app: its URL and the
    /// promise of its bytes.
    static PREFETCH: std::cell::RefCell<Option<(String, js_sys::Promise)>> = const { std::cell::RefCell::new(None) };
}

/// Starts downloading the bundle now, while the app is not yet rendering
/// (a static page, until the reader's first navigation), so that the
/// app's own [`download`] finds it done.
pub fn prefetch_bundle() {
    let Ok(url) = bundle_url() else { return };
    let promise = wasm_bindgen_futures::future_to_promise({
        let url = url.clone();
        async move {
            let bytes = download(&url, |_, _| {}).await.map_err(|e| JsValue::from_str(&e.to_string()))?;
            Ok(Uint8Array::from(&bytes[..]).into())
        }
    });
    PREFETCH.with(|p| *p.borrow_mut() = Some((url, promise)));
}

/// The bundle at `url` as [`prefetch_bundle`] downloaded it, if it did and
/// the download worked (else `None`, and the caller downloads it itself,
/// which says what went wrong).
pub async fn prefetched(url: &str) -> Option<Vec<u8>> {
    let promise =
        PREFETCH.with(|p| p.borrow_mut().take().filter(|(u, _)| u == url).map(|(_, promise)| promise))?;
    let bytes = JsFuture::from(promise).await.ok()?;
    Some(bytes.dyn_into::<Uint8Array>().ok()?.to_vec())
}

/// Downloads the bundle, calling `on_progress(loaded, total)` as bytes
/// arrive. `total` is the `Content-Length` when the server sent one (it can be
/// the compressed size, so callers treat it as a hint).
///
/// # Errors
///
/// HTTP errors, network failures and oversized bundles, each with the URL.
pub async fn download(
    url: &str,
    mut on_progress: impl FnMut(u64, Option<u64>),
) -> Result<Vec<u8>, LoadError> {
    let network = |e: &dyn fmt::Display| LoadError::Network { url: url.to_owned(), message: e.to_string() };
    let response = gloo::net::http::Request::get(url).send().await.map_err(|e| network(&e))?;
    match response.status() {
        200..=299 => {}
        status @ (404 | 410) => return Err(LoadError::Missing { url: url.to_owned(), status }),
        status => return Err(LoadError::Http { url: url.to_owned(), status }),
    }
    let total = response.headers().get("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    if total.is_some_and(|t| t > MAX_BUNDLE_BYTES as u64) {
        return Err(LoadError::TooLarge { url: url.to_owned(), bytes: total.unwrap_or_default() });
    }
    let Some(body) = response.body() else {
        // No stream (old browsers): fall back to one read.
        return response.binary().await.map_err(|e| network(&e));
    };
    let reader: ReadableStreamDefaultReader =
        body.get_reader().dyn_into().map_err(|_| network(&"the response body cannot be read"))?;
    let mut bytes = Vec::with_capacity(total.map_or(1 << 20, |t| t as usize));
    on_progress(0, total);
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|e| network(&js_message(&e)))?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done")).ok().and_then(|d| d.as_bool());
        if done == Some(true) {
            break;
        }
        let value = Reflect::get(&chunk, &JsValue::from_str("value"))
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
            .ok_or_else(|| network(&"the response body stream gave something other than bytes"))?;
        let start = bytes.len();
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
        if bytes.len() > MAX_BUNDLE_BYTES {
            let _ = reader.cancel();
            return Err(LoadError::TooLarge { url: url.to_owned(), bytes: bytes.len() as u64 });
        }
        on_progress(bytes.len() as u64, total);
    }
    Ok(bytes)
}

/// Fetches one file of a chunked bundle; `None` when the server has no such
/// file (a post or list that does not exist, or a page past the end).
///
/// # Errors
///
/// Other HTTP errors and network failures, with the URL.
pub async fn fetch_chunk(url: &str) -> Result<Option<Vec<u8>>, LoadError> {
    let network = |e: &dyn fmt::Display| LoadError::Network { url: url.to_owned(), message: e.to_string() };
    let response = gloo::net::http::Request::get(url).send().await.map_err(|e| network(&e))?;
    match response.status() {
        200..=299 => response.binary().await.map(Some).map_err(|e| network(&e)),
        404 | 410 => Ok(None),
        status => Err(LoadError::Http { url: url.to_owned(), status }),
    }
}

fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}
