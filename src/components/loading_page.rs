//! The screen shown while the bundle downloads.

use yew::prelude::*;

use crate::loader::browser_locale;

#[derive(Debug, Properties, PartialEq)]
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
