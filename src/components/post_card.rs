//! One entry of a post list: title, date, categories and excerpt.

use folio_core::PostSummary;
use yew::prelude::*;

use crate::hooks::use_archive;
use crate::route::{category_href, post_href};

#[derive(Properties, PartialEq)]
pub struct PostCardProps {
    /// What the list knows of the post. Chunked lists carry no excerpts.
    pub post: PostSummary,
}

#[component]
pub fn PostCard(props: &PostCardProps) -> Html {
    let state = use_archive();
    let post = &props.post;
    html! {
        <li class="post-card" lang={post.lang.clone()}>
            <h2 class="post-card-title"><a href={post_href(&post.id)}>{ &post.title }</a></h2>
            <p class="post-meta">
                <time datetime={post.date.to_rfc3339()}>{ state.locale.date(&post.date) }</time>
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
