//! `#/post/<id>` (or `post/<id>/`): one article.

use std::rc::Rc;

use yew::prelude::*;

use super::NotFound;
use crate::components::{part_failed, part_loading, ArticleContent};
use crate::hooks::{use_remote, use_store, use_title, Remote};

#[derive(Debug, Properties, PartialEq)]
pub struct ArticleProps {
    pub id: String,
}

/// Fetches the article (a chunked archive), then shows it, or says it is
/// not in the archive.
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
    let found = match remote {
        Remote::Loading => return part_loading(text),
        Remote::Failed(error, retry) => return part_failed(text, &error, &retry),
        Remote::Ready(found) => found,
    };
    match found.as_ref() {
        Some(article) => html! { <ArticleContent article={Rc::new(article.clone())} /> },
        None => html! {
            <NotFound heading={Some(AttrValue::Static(text.post_not_found_title))}
                      message={Some(AttrValue::Static(text.post_not_found_body))} />
        },
    }
}
