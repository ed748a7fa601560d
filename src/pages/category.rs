//! `#/category/<name>`.

use folio_core::{Filter, Location};
use yew::prelude::*;

use crate::components::ListPage;
use crate::hooks::{use_list_query, use_store};
use crate::route::Route;

#[derive(Debug, Properties, PartialEq)]
pub struct CategoryProps {
    pub name: String,
}

/// The posts of one category.
#[component]
pub fn Category(props: &CategoryProps) -> Html {
    let store = use_store();
    let query = use_list_query();
    let name = props.name.clone();
    html! {
        <ListPage filter={Filter::Category(name.clone())} heading={store.locale.category_heading(&name)}
                  route={Route(Location::Category { name: name.clone() })} query={query}
                  empty={store.locale.no_posts_in_category(&name)} />
    }
}
