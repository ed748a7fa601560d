//! The page shell around every page: the full site, or embed mode's.

use yew::html::ChildrenProps;
use yew::prelude::*;

use super::{EmbedLayout, SiteLayout};
use crate::hooks::use_store;

/// [`SiteLayout`], or [`EmbedLayout`] when the page is embedded.
#[component]
pub fn Layout(props: &ChildrenProps) -> Html {
    let store = use_store();
    if store.view.embed {
        return html! { <EmbedLayout>{ props.children.clone() }</EmbedLayout> };
    }
    html! { <SiteLayout>{ props.children.clone() }</SiteLayout> }
}
