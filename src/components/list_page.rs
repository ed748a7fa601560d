//! A titled, paginated list of posts: the body of the home, category, tag,
//! tag-filter and archive pages.

use folio_core::{paginate, Filter, ListQuery, PAGE_SIZE};
use yew::prelude::*;

use super::pager::{pager_props, Pager};
use super::{PostCard, MAIN_HEADING_ID};
use crate::hooks::{use_archive, use_title};
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct ListPageProps {
    /// Which posts to list.
    pub filter: Filter,
    /// The page's `<h1>`, also used in `document.title`.
    pub heading: AttrValue,
    /// The route of this list, for page links.
    pub route: Route,
    /// The current list query (page number, tag filter).
    pub query: ListQuery,
    /// What to say when the filter selects nothing.
    pub empty: AttrValue,
    /// Extra content between the heading and the list.
    #[prop_or_default]
    pub children: Html,
    /// Title for `document.title` when it differs from the heading (home).
    #[prop_or_default]
    pub title: Option<AttrValue>,
}

#[component]
pub fn ListPage(props: &ListPageProps) -> Html {
    let state = use_archive();
    let text = state.text();
    let posts = state.archive.select(&props.filter);
    // Embedded lists are short, with no pages: "latest N" and the like.
    let per_page = if state.view.embed { state.view.limit } else { PAGE_SIZE };
    let page = paginate(&posts, if state.view.embed { 1 } else { props.query.page }, per_page);

    let base = props.title.clone().unwrap_or_else(|| props.heading.clone());
    let title = match page.as_ref().filter(|p| p.number > 1) {
        Some(page) => {
            let named = if base.is_empty() { &props.heading } else { &base };
            format!("{named} ({})", state.locale.page_of(page.number, page.count))
        }
        None => base.to_string(),
    };
    use_title(state.page_title(&title));

    let body = match page {
        _ if posts.is_empty() => html! {
            <div class="empty-state">
                <p>{ &props.empty }</p>
                <p><a href={Route::Home.href()}>{ text.back_home }</a></p>
            </div>
        },
        None => html! {
            <div class="empty-state">
                <p>{ text.page_not_found_body }</p>
                <p><a href={props.route.href_with(&ListQuery { page: 1, ..props.query.clone() })}>
                    { state.locale.page_of(1, posts.len().div_ceil(PAGE_SIZE)) }
                </a></p>
            </div>
        },
        Some(page) => html! {
            <>
                <p class="list-count">
                    { state.locale.post_count(page.total_items) }
                    if page.count > 1 && !state.view.embed {
                        { " · " }{ state.locale.page_of(page.number, page.count) }
                    }
                </p>
                <ol class="post-list">
                    { for page.items.iter().map(|p| html! { <PostCard key={p.id.as_str()} id={p.id.clone()} /> }) }
                </ol>
                if !state.view.embed {
                    <Pager ..pager_props(&props.route, &props.query, &page) />
                }
            </>
        },
    };
    html! {
        <section class="list-page" aria-labelledby={MAIN_HEADING_ID}>
            <h1 id={MAIN_HEADING_ID} tabindex="-1">{ &props.heading }</h1>
            { props.children.clone() }
            { body }
        </section>
    }
}
