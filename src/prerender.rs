//! Static pages from the viewer's own components (feature `ssr`): what
//! `folio build --with-viewer` writes for every article and list, so that
//! each paints from HTML, works without script, and has a real URL.
//!
//! A page is [`crate::app::Shell`] rendered natively by Yew's server
//! renderer, under a memory router at the page's site path, over a
//! [`Store`] holding just that page's data; links are written as site paths
//! relative to the page (`../../tag/x/`). The app, once it has loaded, takes
//! the page over (see `takeover.rs`); the markup is the same because the
//! components are.

use std::rc::Rc;

use folio_core::{Location, Overview};
use yew::prelude::*;
use yew_router::history::{AnyHistory, History, MemoryHistory};
use yew_router::Router;

use crate::app::Shell;
use crate::components::SiteLayout;
use crate::pages;
use crate::route::{set_link_style, LinkStyle};
use crate::store::{PageData, PreparedBody, Store, StoreHandle};

pub use crate::store::PageData as Data;
pub use crate::store::PreparedBody as Body;

/// One page to render.
#[derive(Debug)]
pub struct Page {
    /// The archive's overview, as the app computes it from the same bundle.
    pub overview: Overview,
    /// Where the page is.
    pub location: Location,
    /// Its data: the list, article or taxonomy page it shows.
    pub data: PageData,
    /// The article's body, sanitised at build time, if it is an article.
    pub body: Option<(String, PreparedBody)>,
}

/// What a prerendered tree is: the whole page shell with the route's page,
/// or a part of it (see [`ArticleRenderer`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// [`Shell`]: the layout and the page.
    Whole,
    /// The layout, with [`MAIN_MARKER`] for the page.
    Layout,
    /// The page only (an article's).
    Page,
}

#[derive(Properties)]
struct StaticAppProps {
    store: StoreHandle,
    history: AnyHistory,
    part: Part,
    location: Location,
}

impl PartialEq for StaticAppProps {
    fn eq(&self, other: &Self) -> bool {
        self.store == other.store && self.part == other.part && self.location == other.location
    }
}

#[component]
fn StaticApp(props: &StaticAppProps) -> Html {
    let content = match (props.part, &props.location) {
        (Part::Whole, _) => html! { <Shell embed={false} /> },
        (Part::Layout, _) => {
            html! { <SiteLayout>{ Html::from_html_unchecked(MAIN_MARKER.into()) }</SiteLayout> }
        }
        (Part::Page, Location::Post { id }) => html! { <pages::Article id={id.clone()} /> },
        (Part::Page, _) => html! {},
    };
    html! {
        <ContextProvider<StoreHandle> context={props.store.clone()}>
            <Router history={props.history.clone()}>{ content }</Router>
        </ContextProvider<StoreHandle>>
    }
}

/// Where the page goes in a rendering of the layout alone.
const MAIN_MARKER: &str = "<!--folio:main-->";
/// The embed snippet's text in a rendering of the layout alone.
const SNIPPET_MARKER: &str = "folio:embed-snippet:5d41402abc4b2a76";

/// Renders `part` of the page at `location`, as its `#folio-root` holds it.
fn render_part(
    overview: Overview,
    location: Location,
    data: PageData,
    body: Option<(String, PreparedBody)>,
    prefix: &str,
    part: Part,
) -> String {
    set_link_style(LinkStyle::Path { prefix: prefix.to_owned() });
    let history = MemoryHistory::new();
    history.push(format!("/{}", location.site_path()));
    let store = StoreHandle(Rc::new(Store::prerendered(overview, data, body)));
    let props = StaticAppProps { store, history: AnyHistory::from(history), part, location };
    let renderer = yew::LocalServerRenderer::<StaticApp>::with_props(props).hydratable(false);
    futures::executor::block_on(renderer.render())
}

/// The page's HTML: what goes inside its `#folio-root`. Links are written
/// relative to the page: `prefix` leads from it to the site's root (`""` at
/// the root, `../../` two folders down).
pub fn render(page: Page, prefix: &str) -> String {
    render_part(page.overview, page.location, page.data, page.body, prefix, Part::Whole)
}

/// Renders article pages, all of which share the layout around their
/// article: the same header, sidebar (no term is the current one) and
/// footer, at the same depth. The layout is rendered once; each page renders
/// its article, and its embed snippet is put in the footer. The result is
/// [`render`]'s, byte for byte (a test holds it to that), at a fraction of
/// the cost: an archive of 100,000 posts has 100,000 of them.
#[derive(Debug)]
pub struct ArticleRenderer {
    overview: Overview,
    prefix: String,
    /// The layout before the page, and after it up to the snippet, and
    /// after the snippet (`None` when the layout has no snippet).
    before: String,
    after: (String, Option<String>),
}

impl ArticleRenderer {
    /// The renderer of the article pages of an archive whose navigation is
    /// `overview`, `prefix` from the site's root (`../../`), whose pages
    /// have an embed snippet or not (the site's address is known or not).
    pub fn new(overview: Overview, prefix: &str, with_snippet: bool) -> Self {
        let location = Location::Post { id: "folio-layout".into() };
        let data = PageData {
            embed_snippet: with_snippet.then(|| SNIPPET_MARKER.to_owned()),
            ..PageData::default()
        };
        let layout = render_part(overview.clone(), location, data, None, prefix, Part::Layout);
        let (before, after) = layout.split_once(MAIN_MARKER).expect("the layout renders its children");
        let after = match after.split_once(SNIPPET_MARKER) {
            Some((to_snippet, rest)) => (to_snippet.to_owned(), Some(rest.to_owned())),
            None => (after.to_owned(), None),
        };
        ArticleRenderer { overview, prefix: prefix.to_owned(), before: before.to_owned(), after }
    }

    /// The HTML of `page`, an article page (what [`render`] gives).
    pub fn render(&self, page: Page) -> String {
        let (to_snippet, rest) = &self.after;
        let snippet = page.data.embed_snippet.clone();
        if !matches!(page.location, Location::Post { .. }) || snippet.is_some() != rest.is_some() {
            // Not a page this layout is shared by.
            return render(page, &self.prefix);
        }
        let main =
            render_part(self.overview.clone(), page.location, page.data, page.body, &self.prefix, Part::Page);
        let mut out = String::with_capacity(self.before.len() + main.len() + to_snippet.len() + 512);
        out.push_str(&self.before);
        out.push_str(&main);
        out.push_str(to_snippet);
        if let Some(rest) = rest {
            out.push_str(&html_escape::encode_text(snippet.as_deref().unwrap_or_default()));
            out.push_str(rest);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use folio_core::{ArticleView, Neighbour, Post, Sanitizer, Site, TermCount, YearCount};

    use super::*;

    fn overview() -> Overview {
        let term = |name: &str, count| TermCount { name: name.into(), count };
        Overview {
            site: Site {
                title: "华夏时报 <归档>".into(),
                description: Some("新闻 & 评论".into()),
                lang: Some("zh-CN".into()),
                base_url: None,
            },
            posts: 3,
            categories: vec![term("huaxiashibao", 2), term("a/b", 1)],
            category_count: 2,
            tags: vec![term("华夏时报新闻", 2), term("SF (软件基础)", 1)],
            tag_count: 2,
            years: vec![YearCount { year: 2022, count: 3, months: vec![(1, 3)] }],
        }
    }

    fn article_page(snippet: Option<&str>) -> Page {
        let post = Post {
            id: "无锡-2022".into(),
            title: "无锡市残疾人事业 <新> 开局".into(),
            date: folio_core::parse_date("2022-01-12T21:11:17+08:00").unwrap(),
            categories: vec!["huaxiashibao".into()],
            tags: vec!["华夏时报新闻".into(), "SF (软件基础)".into()],
            author: Some("记者 & 编辑".into()),
            excerpt: None,
            source_url: Some("https://finews.example/a".into()),
            lang: None,
            content_html: String::new(),
        };
        let html = Sanitizer::new(None)
            .clean_html(r##"<p class="em_media">正文 <a href="#/tag/a%2Fb">a/b</a></p><pre>code</pre>"##);
        let view = ArticleView {
            post,
            older: Some(Neighbour { id: "older".into(), title: "Older & wiser".into() }),
            newer: None,
        };
        let body =
            PreparedBody { reading_minutes: 1, source_link: Some("https://finews.example/a".into()), html };
        Page {
            overview: overview(),
            location: Location::Post { id: view.post.id.clone() },
            data: PageData {
                article: Some((view.post.id.clone(), Rc::new(Some(view)))),
                embed_snippet: snippet.map(str::to_owned),
                ..PageData::default()
            },
            body: Some(("无锡-2022".into(), body)),
        }
    }

    #[test]
    fn the_shared_layout_renders_what_the_whole_page_does() {
        for snippet in [None, Some("<div data-folio-src=\"https://a.example/post/x/\"></div>\n<script src=\"https://a.example/embed.js\" async></script>")] {
            let whole = render(article_page(snippet), "../../");
            let shared = ArticleRenderer::new(overview(), "../../", snippet.is_some()).render(article_page(snippet));
            assert_eq!(shared, whole);
            assert!(whole.contains("正文") && whole.contains("Older &amp; wiser") && whole.contains(r#"href="../../tag/a%252Fb/""#));
            assert_eq!(whole.contains("data-folio-src=\"https://a.example/post/x/\""), snippet.is_some());
        }
    }
}
