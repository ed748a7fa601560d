//! `#/`: the newest posts.

use folio_core::{Filter, Location};
use yew::prelude::*;

use crate::components::ListPage;
use crate::hooks::{use_list_query, use_store};
use crate::route::Route;

#[component]
pub fn Home() -> Html {
    let store = use_store();
    let text = store.text();
    let query = use_list_query();
    html! {
        <ListPage filter={Filter::All} heading={text.latest_posts} title={Some(AttrValue::default())}
                  route={Route(Location::Home)} query={query} empty={text.no_posts_yet} />
    }
}
