//! Any route that matches no page.

use folio_core::Location;
use yew::prelude::*;

use crate::focus::MAIN_HEADING_ID;

use crate::hooks::{use_store, use_title};
use crate::route::Route;

#[derive(Debug, Properties, PartialEq)]
pub struct NotFoundProps {
    /// Heading; the generic "page not found" when absent.
    #[prop_or_default]
    pub heading: Option<AttrValue>,
    /// Explanation; the generic one when absent.
    #[prop_or_default]
    pub message: Option<AttrValue>,
}

#[component]
pub fn NotFound(props: &NotFoundProps) -> Html {
    let store = use_store();
    let text = store.text();
    let heading = props.heading.clone().unwrap_or(AttrValue::Static(text.not_found_title));
    use_title(store.page_title(&heading));
    html! {
        <section class="not-found" aria-labelledby={MAIN_HEADING_ID}>
            <h1 id={MAIN_HEADING_ID} tabindex="-1">{ heading.clone() }</h1>
            <p>{ props.message.clone().unwrap_or(AttrValue::Static(text.not_found_body)) }</p>
            <p><a href={Route(Location::Home).href()}>{ text.back_home }</a></p>
        </section>
    }
}
