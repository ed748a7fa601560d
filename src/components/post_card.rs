//! One entry of a post list: title, date, categories and excerpt.

use folio_core::excerpt_from_html;
use yew::prelude::*;

use crate::hooks::use_archive;
use crate::route::{category_href, post_href};

/// Characters of body text shown when a post has no excerpt of its own.
const EXCERPT_CHARS: usize = 140;

#[derive(Properties, PartialEq)]
pub struct PostCardProps {
    /// The post's id.
    pub id: AttrValue,
}

#[component]
pub fn PostCard(props: &PostCardProps) -> Html {
    let state = use_archive();
    let Some((_, post)) = state.archive.find(&props.id) else {
        return html! {};
    };
    let excerpt =
        post.excerpt.clone().unwrap_or_else(|| excerpt_from_html(&post.content_html, EXCERPT_CHARS));
    html! {
        <li class="post-card" lang={post.lang.clone()}>
            <h2 class="post-card-title"><a href={post_href(&post.id)}>{ &post.title }</a></h2>
            <p class="post-meta">
                <time datetime={post.date.to_rfc3339()}>{ state.locale.date(&post.date) }</time>
                { for post.categories.iter().map(|c| html! {
                    <>{ " · " }<a class="category-link" href={category_href(c)}>{ c }</a></>
                }) }
            </p>
            if !excerpt.is_empty() {
                <p class="post-excerpt">{ excerpt }</p>
            }
        </li>
    }
}
