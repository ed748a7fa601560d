//! One entry of a post list: title, date, categories and excerpt.

use folio_core::PostSummary;
use yew::prelude::*;

use crate::hooks::use_store;
use crate::route::{category_href, post_href};

#[derive(Debug, Properties, PartialEq)]
pub struct PostCardProps {
    /// What the list knows of the post. Chunked lists carry no excerpts.
    pub post: PostSummary,
}

#[component]
pub fn PostCard(props: &PostCardProps) -> Html {
    let store = use_store();
    let post = &props.post;
    html! {
        <li class="post-card" lang={post.lang.clone()}>
            <h2 class="post-card-title"><a href={post_href(&post.id)}>{ &post.title }</a></h2>
            <p class="post-meta">
                <time datetime={post.date.to_rfc3339()}>{ store.locale.date(&post.date) }</time>
                { for post.categories.iter().map(|c| html! {
                    <>{ " · " }<a class="category-link" href={category_href(c)}>{ c }</a></>
                }) }
            </p>
            if let Some(excerpt) = post.excerpt.as_ref().filter(|e| !e.is_empty()) {
                <p class="post-excerpt">{ excerpt }</p>
            }
        </li>
    }
}
