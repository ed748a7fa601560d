//! A titled, paginated list of posts: the body of the home, category, tag,
//! tag-filter and archive pages.

use folio_core::{Filter, ListQuery, ListRequest, ListView, Location, Total};
use yew::prelude::*;

use super::pager::{pager_props, Pager};
use super::{part_failed, part_loading, PostCard};
use crate::focus::MAIN_HEADING_ID;
use crate::hooks::{use_remote, use_store, use_title, Remote};
use crate::route::Route;

#[derive(Debug, Properties, PartialEq)]
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
    /// Extra content between the heading and the list, always shown.
    #[prop_or_default]
    pub children: Html,
    /// Links shown under the heading when the list has posts.
    #[prop_or_default]
    pub actions: Html,
    /// Links shown in the empty state instead.
    #[prop_or_default]
    pub empty_actions: Html,
    /// Title for `document.title` when it differs from the heading (home).
    #[prop_or_default]
    pub title: Option<AttrValue>,
}

#[component]
pub fn ListPage(props: &ListPageProps) -> Html {
    let store = use_store();
    let text = store.text();
    let locale = store.locale;
    // Embedded lists are short, with no pages: "latest N" and the like.
    let page = if store.view.embed { 1 } else { props.query.page };
    let remote = use_remote(
        ListRequest { filter: props.filter.clone(), page },
        |store, request| store.peek_list(request),
        |store, request| Box::pin(store.fetch_list(request)),
    );

    let base = props.title.clone().unwrap_or_else(|| props.heading.clone());
    let named = if base.is_empty() { props.heading.clone() } else { base.clone() };
    let title = match &remote {
        Remote::Ready(view) if view.number > 1 && !view.items.is_empty() => match view.count {
            Some(count) => format!("{named} ({})", locale.page_of(view.number, count)),
            None => format!("{named} ({})", locale.page_number(view.number)),
        },
        Remote::Loading if page > 1 => format!("{named} ({})", locale.page_number(page)),
        _ => base.to_string(),
    };
    use_title(store.page_title(&title));

    let body = match remote {
        Remote::Loading => part_loading(text),
        Remote::Failed(error, retry) => part_failed(text, &error, &retry),
        Remote::Ready(view) if view.items.is_empty() && view.number <= 1 => html! {
            <div class="empty-state">
                <p>{ &props.empty }</p>
                { props.empty_actions.clone() }
                <p><a href={Route(Location::Home).href()}>{ text.back_home }</a></p>
            </div>
        },
        Remote::Ready(view) if view.items.is_empty() => html! {
            <div class="empty-state">
                <p>{ text.page_not_found_body }</p>
                <p><a href={props.route.href_with(&ListQuery { page: 1, ..props.query.clone() })}>
                    { first_page_label(&view, store.locale) }
                </a></p>
            </div>
        },
        Remote::Ready(view) => html! {
            <>
                { props.actions.clone() }
                <p class="list-count">
                    { match view.total {
                        Total::Exact(n) => locale.post_count(n),
                        Total::AtLeast(n) => locale.post_count_at_least(n),
                    } }
                    if !store.view.embed {
                        { match view.count {
                            Some(count) if count > 1 => format!(" · {}", locale.page_of(view.number, count)),
                            None => format!(" · {}", locale.page_number(view.number)),
                            _ => String::new(),
                        } }
                    }
                </p>
                <ol class="post-list">
                    { for view.items.iter().map(|p| html! { <PostCard key={p.id.as_str()} post={p.clone()} /> }) }
                </ol>
                if !store.view.embed {
                    <Pager ..pager_props(&props.route, &props.query, &view) />
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

/// "Page 1 of N" when the list's length is known, else "Page 1".
fn first_page_label(view: &ListView, locale: folio_core::Locale) -> String {
    match view.count {
        Some(count) => locale.page_of(1, count),
        None => locale.page_number(1),
    }
}
