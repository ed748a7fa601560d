//! The page shell: header, taxonomy navigation, main content, footer.
//! It also moves focus to the page's heading on every route change.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::hooks::use_archive;
use crate::route::{category_href, tag_href, Route};

/// The `id` of each page's `<h1>`: focus moves there on navigation so screen
/// readers announce the new page.
pub const MAIN_HEADING_ID: &str = "main-heading";

/// Tags shown in the sidebar cloud; the rest are one click away on `#/tags`.
const SIDEBAR_TAGS: usize = 40;
/// Skipped-post reasons listed in the notice.
const SKIPPED_REASONS_SHOWN: usize = 5;

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    pub children: Html,
}

/// Whether the reader is working a form control (the tag filter), whose
/// changes rewrite the URL: focus stays with them then.
fn form_control_has_focus() -> bool {
    gloo::utils::document()
        .active_element()
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON"))
}

thread_local! {
    /// Set by a navigation whose page heading was not there yet (an article
    /// still being fetched); the page takes focus when it renders.
    static FOCUS_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Gives focus to the page heading if a navigation is still waiting to.
/// Pages whose heading appears only after a fetch call this once it has.
pub fn focus_if_pending() {
    if FOCUS_PENDING.with(|p| p.replace(false)) {
        focus_main_heading();
    }
}

fn focus_main_heading() {
    if let Some(heading) = gloo::utils::document().get_element_by_id(MAIN_HEADING_ID) {
        use wasm_bindgen::JsCast;
        if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
            heading.focus().ok();
        }
    }
}

#[component]
pub fn Layout(props: &LayoutProps) -> Html {
    let state = use_archive();
    if state.view.embed {
        return html! { <EmbedLayout>{ props.children.clone() }</EmbedLayout> };
    }
    html! { <SiteLayout>{ props.children.clone() }</SiteLayout> }
}

/// Embedded: no site chrome, a link to the full archive, and height reports
/// to (and commands from) the declared parent page. Focus is not moved on
/// navigation here: focusing inside an iframe scrolls the host page.
#[component]
fn EmbedLayout(props: &LayoutProps) -> Html {
    let state = use_archive();
    let text = state.text();
    // Re-render on navigation, so "open the full archive" names this page.
    let _location = use_location();
    let view = state.view.clone();
    use_effect_with((), move |_| {
        let parent = crate::embed::verified_parent_origin(&view);
        let reporter = parent.clone().and_then(crate::embed::HeightReporter::start);
        let listener = parent.map(crate::embed::listen_for_commands);
        move || drop((reporter, listener))
    });
    html! {
        <>
            <main id="main" class="embed-main">
                <SkippedNotice />
                { props.children.clone() }
            </main>
            <p class="embed-footer">
                <a href={crate::embed::full_archive_url()} target="_blank" rel="noopener">
                    { text.open_full_archive }{ " ↗" }
                </a>
            </p>
        </>
    }
}

/// The full page: header, main content, taxonomy sidebar, footer.
#[component]
fn SiteLayout(props: &LayoutProps) -> Html {
    let state = use_archive();
    let text = state.text();
    let site = &state.overview.site;

    // Focus the new page's heading after each navigation, but not on first
    // load, where the reader expects to start at the top.
    let location = use_location();
    let path = location.map(|l| format!("{}{}", l.path(), l.query_str())).unwrap_or_default();
    let first_render = use_mut_ref(|| true);
    use_effect_with(path, move |_| {
        if std::mem::take(&mut *first_render.borrow_mut()) || form_control_has_focus() {
            return;
        }
        let heading = gloo::utils::document().get_element_by_id(MAIN_HEADING_ID);
        FOCUS_PENDING.with(|p| p.set(heading.is_none()));
        focus_main_heading();
    });

    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        focus_main_heading();
    });

    html! {
        <>
            <a class="skip-link" href="#main" onclick={skip}>{ text.skip_to_content }</a>
            <header class="site-header">
                <p class="site-title"><Link<Route> to={Route::Home}>{ &site.title }</Link<Route>></p>
                if let Some(description) = &site.description {
                    <p class="site-description">{ description }</p>
                }
            </header>
            <div class="site-body">
                <main id="main" class="site-main">
                    <SkippedNotice />
                    { props.children.clone() }
                </main>
                <aside class="site-sidebar">
                    <CategoryNav />
                    <TagCloud />
                    <ArchiveNav />
                </aside>
            </div>
            <footer class="site-footer">
                <details class="embed-snippet">
                    <summary>{ text.embed_this }</summary>
                    <p>{ text.embed_this_help }</p>
                    <pre><code>{ crate::embed::embed_snippet() }</code></pre>
                </details>
                <p>
                    { &site.title }{ " · " }{ state.locale.post_count(state.overview.posts) }
                    { " · " }{ text.powered_by }
                </p>
            </footer>
        </>
    }
}

/// The count and first reasons of posts the bundle could not use.
#[component]
fn SkippedNotice() -> Html {
    let state = use_archive();
    if state.skipped.is_empty() {
        return html! {};
    }
    let text = state.text();
    html! {
        <section class="notice" role="status">
            <p>{ state.locale.skipped_notice(state.skipped.len()) }</p>
            <details>
                <summary>{ text.details }</summary>
                <ul>
                    { for state.skipped.iter().take(SKIPPED_REASONS_SHOWN).map(|s| html! { <li lang="en">{ s.to_string() }</li> }) }
                </ul>
            </details>
        </section>
    }
}

#[component]
fn CategoryNav() -> Html {
    let state = use_archive();
    let text = state.text();
    let current = use_route::<Route>();
    let categories = &state.overview.categories;
    if categories.is_empty() {
        return html! {};
    }
    html! {
        <nav class="taxonomy" aria-label={text.categories}>
            <h2>{ text.categories }</h2>
            <ul class="term-list">
                { for categories.iter().map(|c| {
                    let here = current == Some(Route::Category { name: c.name.clone() });
                    html! {
                        <li>
                            <a href={category_href(&c.name)} aria-current={here.then_some("page")}>
                                <span class="term-name">{ &c.name }</span>
                                <span class="term-count">{ c.count }</span>
                            </a>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}

#[component]
fn TagCloud() -> Html {
    let state = use_archive();
    let text = state.text();
    let current = use_route::<Route>();
    let tags = &state.overview.tags;
    if tags.is_empty() {
        return html! {};
    }
    // Five size steps by the log of the count. Classes, not inline styles,
    // so the page works under a strict `style-src 'self'` policy.
    let max = tags.first().map_or(1, |t| t.count).max(1) as f64;
    let shown: Rc<[_]> = {
        let mut shown: Vec<_> = tags.iter().take(SIDEBAR_TAGS).collect();
        shown.sort_by(|a, b| a.name.cmp(&b.name));
        shown.into()
    };
    html! {
        <nav class="taxonomy" aria-label={text.tags}>
            <h2>{ text.tags }</h2>
            <ul class="tag-cloud">
                { for shown.iter().map(|t| {
                    let weight = (1.0 + 4.0 * ((t.count as f64).ln_1p() / max.ln_1p())).round() as u8;
                    let here = current == Some(Route::Tag { name: t.name.clone() });
                    html! {
                        <li>
                            <a href={tag_href(&t.name)} class={format!("weight-{weight}")}
                               aria-current={here.then_some("page")}>
                                <span class="term-name">{ &t.name }</span>
                                <span class="term-count">{ t.count }</span>
                            </a>
                        </li>
                    }
                }) }
            </ul>
            <p class="more-link"><a href={Route::Tags.href()}>{ text.filter_by_tags }</a></p>
        </nav>
    }
}

#[component]
fn ArchiveNav() -> Html {
    let state = use_archive();
    let text = state.text();
    let years = &state.overview.years;
    if years.is_empty() {
        return html! {};
    }
    html! {
        <nav class="taxonomy" aria-label={text.archives}>
            <h2><a href={Route::Archive.href()}>{ text.archives }</a></h2>
            <ul class="term-list">
                { for years.iter().map(|y| html! {
                    <li>
                        <a href={Route::Year { year: y.year }.href()}>
                            <span class="term-name">{ state.locale.year_heading(y.year) }</span>
                            <span class="term-count">{ y.count }</span>
                        </a>
                    </li>
                }) }
            </ul>
        </nav>
    }
}
