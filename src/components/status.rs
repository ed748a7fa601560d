//! Screens shown before the archive is ready (loading and load errors), and
//! their in-page forms for the part of a page that is still being fetched.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::MAIN_HEADING_ID;

use crate::hooks::use_archive;
use crate::loader::{browser_locale, LoadError};

#[derive(Properties, PartialEq)]
pub struct LoadingProps {
    /// Bytes downloaded so far; `None` once they are all in and being read.
    pub loaded: Option<u64>,
    /// Expected size, when the server said.
    pub total: Option<u64>,
}

/// A progress bar while the bundle downloads, then a "reading" message.
#[component]
pub fn LoadingPage(props: &LoadingProps) -> Html {
    let locale = browser_locale();
    let text = locale.text();
    // Content-Length may be the compressed size; never show more than 100%.
    let total = props.total.filter(|&t| props.loaded.is_some_and(|l| l <= t));
    let message = match props.loaded {
        None => text.parsing.to_owned(),
        Some(0) => text.loading.to_owned(),
        Some(loaded) => locale.loading_progress(loaded, total),
    };
    html! {
        <main class="status-page" aria-busy="true">
            <div class="loading" role="status" lang={locale.lang_tag()}>
                <p class="loading-message">{ message.clone() }</p>
                if let (Some(loaded), Some(total)) = (props.loaded, total) {
                    <progress max={total.to_string()} value={loaded.to_string()} aria-label={message} />
                } else {
                    <progress aria-label={message} />
                }
            </div>
        </main>
    }
}

#[derive(Properties, PartialEq)]
pub struct LoadErrorProps {
    pub error: Rc<LoadError>,
    pub on_retry: Callback<()>,
}

/// A readable page naming why the archive could not be shown, with a retry.
#[component]
pub fn LoadErrorPage(props: &LoadErrorProps) -> Html {
    let locale = browser_locale();
    let text = locale.text();
    use_effect_with((), move |_| gloo::utils::document().set_title(text.error_title));
    let onclick = props.on_retry.reform(|_: MouseEvent| ());
    html! {
        <main class="status-page" lang={locale.lang_tag()}>
            <div class="load-error" role="alert">
                <h1 id={MAIN_HEADING_ID} tabindex="-1">{ text.error_title }</h1>
                <p>{ props.error.summary(locale) }{ " " }<code class="url">{ props.error.url() }</code></p>
                <p class="cause">{ props.error.to_string() }</p>
                <button type="button" class="button" onclick={onclick}>{ text.retry }</button>
            </div>
        </main>
    }
}

/// In place of the part of a page whose chunk is in flight.
#[component]
pub fn PartLoading() -> Html {
    let state = use_archive();
    html! {
        <div class="part-loading" role="status" aria-busy="true">
            <p>{ state.text().loading_part }</p>
            <progress aria-label={state.text().loading_part} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct PartFailedProps {
    pub error: Rc<LoadError>,
    pub on_retry: Callback<()>,
}

/// In place of the part of a page whose chunk could not be fetched: what
/// failed, and a retry that fetches just that part again.
#[component]
pub fn PartFailed(props: &PartFailedProps) -> Html {
    let state = use_archive();
    let text = state.text();
    let onclick = props.on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="part-error" role="alert">
            <p>{ text.part_failed }</p>
            <p class="cause"><code class="url">{ props.error.url() }</code>{ ": " }{ props.error.to_string() }</p>
            <button type="button" class="button" onclick={onclick}>{ text.retry }</button>
        </div>
    }
}
