//! `#/tag/<name>`.

use folio_core::{Filter, ListQuery, Location};
use yew::prelude::*;

use crate::components::ListPage;
use crate::hooks::{use_list_query, use_store};
use crate::route::Route;

#[derive(Debug, Properties, PartialEq)]
pub struct TagProps {
    pub name: String,
}

/// The posts of one tag, with a way into the tag filter.
#[component]
pub fn Tag(props: &TagProps) -> Html {
    let store = use_store();
    let text = store.text();
    let query = use_list_query();
    let name = props.name.clone();
    let combine = ListQuery { page: 1, all: vec![name.clone()], ..ListQuery::default() };
    html! {
        <ListPage filter={Filter::Tag(name.clone())} heading={store.locale.tag_heading(&name)}
                  route={Route(Location::Tag { name: name.clone() })} query={query}
                  empty={store.locale.no_posts_tagged(&name)}
                  actions={html! { <p class="list-actions"><a href={Route(Location::Tags).href_with(&combine)}>{ text.filter_by_tags }</a></p> }}
                  empty_actions={html! { <p class="list-actions"><a href={Route(Location::Tags).href()}>{ text.all_tags }</a></p> }} />
    }
}
