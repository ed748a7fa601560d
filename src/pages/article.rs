//! `#/post/<id>`: one article.

use folio_core::reading_minutes;
use yew::prelude::*;

use super::NotFound;
use crate::components::{ArticleBody, PartFailed, PartLoading};
use crate::focus::MAIN_HEADING_ID;
use crate::hooks::{use_remote, use_store, use_title, Remote};
use crate::route::{category_href, post_href, tag_href};
use folio_core::LINK_REL;

#[derive(Debug, Properties, PartialEq)]
pub struct ArticleProps {
    pub id: String,
}

#[component]
pub fn Article(props: &ArticleProps) -> Html {
    let store = use_store();
    let text = store.text();
    let remote = use_remote(
        props.id.clone(),
        |store, id| store.peek_article(id),
        |store, id| Box::pin(store.fetch_article(id)),
    );
    let title = match &remote {
        Remote::Ready(found) => {
            found.as_ref().as_ref().map_or(text.post_not_found_title, |a| a.post.title.as_str())
        }
        Remote::Loading => text.loading_part,
        Remote::Failed(..) => text.part_failed,
    };
    use_title(store.page_title(title));
    use_effect_with(matches!(remote, Remote::Ready(_)), |ready| {
        if *ready {
            crate::focus::focus_if_pending();
        }
    });
    let found = match remote {
        Remote::Loading => return html! { <PartLoading /> },
        Remote::Failed(error, retry) => return html! { <PartFailed error={error} on_retry={retry} /> },
        Remote::Ready(found) => found,
    };
    let Some(article) = found.as_ref() else {
        return html! {
            <NotFound heading={Some(AttrValue::Static(text.post_not_found_title))}
                      message={Some(AttrValue::Static(text.post_not_found_body))} />
        };
    };
    let post = &article.post;
    let body = store.body_html(post);
    let locale = store.locale;
    let (older, newer) = (&article.older, &article.newer);

    html! {
        <article class="article" lang={post.lang.clone()} aria-labelledby={MAIN_HEADING_ID}>
            <header class="article-header">
                <h1 id={MAIN_HEADING_ID} tabindex="-1">{ &post.title }</h1>
                <p class="post-meta">
                    <time datetime={post.date.to_rfc3339()}>{ locale.date_time(&post.date) }</time>
                    if let Some(author) = &post.author {
                        { " · " }<span class="author">{ text.by_author }{ " " }{ author }</span>
                    }
                    { " · " }<span class="reading-time">{ locale.reading_time(reading_minutes(&post.content_html)) }</span>
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
            <ArticleBody html={body} />
            if let Some(source) = store.source_link(post) {
                <p class="source-link">
                    <a href={source} rel={LINK_REL} target="_blank">{ text.original_source }{ " ↗" }</a>
                </p>
            }
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
