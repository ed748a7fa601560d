//! The screen shown when the bundle cannot be loaded.

use std::rc::Rc;

use yew::prelude::*;

use crate::focus::MAIN_HEADING_ID;
use crate::loader::{browser_locale, LoadError};

#[derive(Debug, Properties)]
pub struct LoadErrorProps {
    pub error: Rc<LoadError>,
    pub on_retry: Callback<()>,
}

impl PartialEq for LoadErrorProps {
    /// The same error shown again: compared by identity, not field by field.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.error, &other.error) && self.on_retry == other.on_retry
    }
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
