//! One article: its header, body, source link and neighbours.

use std::rc::Rc;

use folio_core::{ArticleView, LINK_REL};
use yew::prelude::*;

use super::{part_failed, part_loading, ArticleBody};
use crate::focus::MAIN_HEADING_ID;
use crate::hooks::{use_remote, use_store, Remote};
use crate::route::{category_href, post_href, tag_href};

#[derive(Debug, Properties, PartialEq)]
pub struct ArticleContentProps {
    /// The post and its neighbours.
    pub article: Rc<ArticleView>,
}

/// The article page's content. The heading and metadata show at once; the
/// body shows once the sanitiser has run (its module loads the first time
/// the app shows a body itself), with the reading time and source link it
/// computes.
#[component]
pub fn ArticleContent(props: &ArticleContentProps) -> Html {
    let store = use_store();
    let text = store.text();
    let locale = store.locale;
    let article = &props.article;
    let post = Rc::new(article.post.clone());
    let body = use_remote(
        post.clone(),
        |store, post| store.peek_body(post),
        |store, post| Box::pin(store.prepare_body(post)),
    );
    use_effect_with(matches!(body, Remote::Ready(_)), |ready| {
        if *ready {
            crate::focus::focus_if_pending();
        }
    });
    let (older, newer) = (&article.older, &article.newer);
    let ready = match &body {
        Remote::Ready(body) => Some(body.clone()),
        _ => None,
    };
    html! {
        <article class="article" lang={post.lang.clone()} aria-labelledby={MAIN_HEADING_ID}>
            <header class="article-header">
                <h1 id={MAIN_HEADING_ID} tabindex="-1">{ &post.title }</h1>
                <p class="post-meta">
                    <time datetime={post.date.to_rfc3339()}>{ locale.date_time(&post.date) }</time>
                    if let Some(author) = &post.author {
                        { " · " }<span class="author">{ text.by_author }{ " " }{ author }</span>
                    }
                    if let Some(body) = &ready {
                        { " · " }<span class="reading-time">{ locale.reading_time(body.reading_minutes) }</span>
                    }
                </p>
                if !post.categories.is_empty() {
                    <p class="terms">
                        <span class="terms-label">{ text.categories }{ ": " }</span>
                        { for post.categories.iter().map(|c| html! { <><a class="term" href={category_href(c)}>{ c }</a>{ " " }</> }) }
                    </p>
                }
                if !post.tags.is_empty() {
                    <p class="terms">
                        <span class="terms-label">{ text.tags }{ ": " }</span>
                        { for post.tags.iter().map(|t| html! { <><a class="term tag" href={tag_href(t)}>{ t }</a>{ " " }</> }) }
                    </p>
                }
            </header>
            { match body {
                Remote::Ready(body) => html! {
                    <>
                        <ArticleBody html={body.html.clone()} />
                        if let Some(source) = body.source_link.clone() {
                            <p class="source-link">
                                <a href={source} rel={LINK_REL} target="_blank">{ text.original_source }{ " ↗" }</a>
                            </p>
                        }
                    </>
                },
                Remote::Loading => part_loading(text),
                Remote::Failed(error, retry) => part_failed(text, &error, &retry),
            } }
            <nav class="post-nav" aria-label={text.post_navigation}>
                if let Some(older) = older {
                    <a class="post-nav-older" rel="prev" href={post_href(&older.id)}>
                        <span class="post-nav-label">{ text.older_post }</span>
                        <span class="post-nav-title">{ &older.title }</span>
                    </a>
                }
                if let Some(newer) = newer {
                    <a class="post-nav-newer" rel="next" href={post_href(&newer.id)}>
                        <span class="post-nav-label">{ text.newer_post }</span>
                        <span class="post-nav-title">{ &newer.title }</span>
                    </a>
                }
            </nav>
        </article>
    }
}
