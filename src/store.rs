//! The loaded archive as pages see it: one [`Store`], shared through a
//! context as a [`StoreHandle`]. Pages ask it for views (a page of a list, an
//! article, a page of tags, an article's body ready to show); a single-file
//! bundle answers at once from memory, a chunked one from its cache or, after
//! a fetch, from the network, and a page being prerendered from the data the
//! CLI gave it.

use std::cell::RefCell;
use std::rc::Rc;

use folio_core::{
    ArticleView, Bundle, ListRequest, ListView, Locale, Lru, Overview, Post, PostIndex, SanitizedHtml,
    SkippedPost, TermKind, TermsView, Text, ViewOptions, PAGE_SIZE, TERMS_PAGE_SIZE,
};

use crate::chunks::Chunks;
use crate::loader::LoadError;
use crate::sanitizer::{Policy, SharedPolicy};

/// Bodies kept ready to show: enough for back and forward through a reading
/// session, bounded so memory follows what is on screen, not the archive.
const BODY_CACHE: usize = 64;

/// An article body as the page shows it: sanitised, with what is computed
/// from the raw body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedBody {
    /// The body through the one policy.
    pub html: SanitizedHtml,
    /// Minutes to read it.
    pub reading_minutes: u32,
    /// The post's source URL, when it is a safe link.
    pub source_link: Option<String>,
}

/// A page of a taxonomy: which one, and what it holds (`None` past the end).
pub type TermsPage = ((TermKind, usize), Rc<Option<TermsView>>);

/// What one prerendered page shows, computed by the CLI.
#[derive(Debug, Default)]
pub struct PageData {
    /// The list the page shows, if it is a list page.
    pub list: Option<(ListRequest, Rc<ListView>)>,
    /// The article the page shows, if it is an article page.
    pub article: Option<(String, Rc<Option<ArticleView>>)>,
    /// The taxonomy page the page shows, if it is an index of terms.
    pub terms: Option<TermsPage>,
    /// The HTML that embeds the page elsewhere (see `docs/embed.md`), when
    /// the site's address is known.
    pub embed_snippet: Option<String>,
}

/// Where the posts come from.
#[derive(Debug)]
enum Source {
    /// Everything is in memory.
    Single(PostIndex),
    /// Fetched as needed.
    Chunked(Chunks),
    /// One page's data, to render it ahead of time (`folio build --with-viewer`).
    Prerendered(PageData),
}

/// Everything pages need once the bundle is in.
#[derive(Debug)]
pub struct Store {
    /// The site and its navigation.
    pub overview: Overview,
    /// Posts left out of the bundle, with reasons.
    pub skipped: Vec<SkippedPost>,
    /// Interface language: the page's `lang=` option, else the site's language.
    pub locale: Locale,
    /// How the page was asked to present itself (`embed=1`, `limit=`, ...).
    pub view: ViewOptions,
    source: Source,
    /// The sanitiser module's policy, once loaded.
    policy: RefCell<Option<SharedPolicy>>,
    /// Bodies by post id: the policy runs once per post per visit streak,
    /// not on every render.
    bodies: RefCell<Lru<String, Rc<PreparedBody>>>,
}

/// A view that is ready now, or has to be fetched first.
pub type Peek<T> = Option<Rc<T>>;

impl Store {
    /// The store of a bundle that was read from `url`.
    pub fn new(bundle: Bundle, url: &str, view: ViewOptions) -> Result<Self, LoadError> {
        let (overview, skipped, source) = match bundle {
            Bundle::Single(bundle) => {
                let index = PostIndex::new(bundle.site, bundle.posts);
                (index.overview(), bundle.skipped, Source::Single(index))
            }
            Bundle::Chunked(manifest) => {
                let overview = Overview::of_manifest(&manifest);
                (overview, Vec::new(), Source::Chunked(Chunks::new(url, &manifest)?))
            }
        };
        Ok(Store::with_source(overview, skipped, view, source))
    }

    /// The store of one page being prerendered: the archive's overview (as
    /// the app will see it, from the same bundle), the page's own data, and
    /// the article body the CLI sanitised, if any.
    pub fn prerendered(overview: Overview, data: PageData, body: Option<(String, PreparedBody)>) -> Self {
        let store =
            Store::with_source(overview, Vec::new(), ViewOptions::default(), Source::Prerendered(data));
        if let Some((id, body)) = body {
            store.bodies.borrow_mut().insert(id, Rc::new(body));
        }
        store
    }

    fn with_source(overview: Overview, skipped: Vec<SkippedPost>, view: ViewOptions, source: Source) -> Self {
        let locale = view.locale.unwrap_or_else(|| Locale::from_lang_tag(overview.site.lang.as_deref()));
        Store {
            overview,
            skipped,
            locale,
            view,
            source,
            policy: RefCell::new(None),
            bodies: RefCell::new(Lru::new(BODY_CACHE)),
        }
    }

    /// The HTML another site pastes to embed the page the reader is on:
    /// from the page's address in the browser, from the site's public URL
    /// when prerendered (`None` when that is unknown).
    pub fn embed_snippet(&self) -> Option<String> {
        match &self.source {
            Source::Prerendered(data) => data.embed_snippet.clone(),
            _ => Some(crate::embed::embed_snippet()),
        }
    }

    /// Fixed interface strings in the archive's language.
    pub fn text(&self) -> &'static Text {
        self.locale.text()
    }

    /// `"{page} · {site}"`, or just the site title on the home page.
    pub fn page_title(&self, page: &str) -> String {
        let site = &self.overview.site.title;
        if page.is_empty() {
            site.clone()
        } else {
            format!("{page} · {site}")
        }
    }

    /// Posts per list page: the bundle's page size, or for a single-file
    /// bundle embedded, the embed limit. (A chunked list shows at most one
    /// of its files: up to 50 posts, the largest limit, by default.)
    pub fn per_page(&self) -> usize {
        match &self.source {
            Source::Single(_) if self.view.embed => self.view.limit,
            Source::Single(_) => PAGE_SIZE,
            Source::Chunked(chunks) => chunks.page_size(),
            Source::Prerendered(data) => data.list.as_ref().map_or(PAGE_SIZE, |(_, view)| view.items.len()),
        }
    }

    /// A page of a list, if it can be had without waiting. Embedded lists
    /// are the first `limit` posts, with no further pages.
    pub fn peek_list(&self, request: &ListRequest) -> Peek<ListView> {
        let view = match &self.source {
            Source::Single(index) => {
                Rc::new(
                    index.list_view(&request.filter, request.page, self.per_page(), |p| p.excerpt.clone()),
                )
            }
            Source::Chunked(chunks) => chunks.peek_list(request)?,
            Source::Prerendered(data) => data.list.as_ref().filter(|(r, _)| r == request)?.1.clone(),
        };
        if !self.view.embed {
            return Some(view);
        }
        let mut view = (*view).clone();
        view.items.truncate(self.view.limit);
        view.has_next = false;
        view.count = Some(1);
        Some(Rc::new(view))
    }

    /// Fetches what [`Store::peek_list`] needs.
    pub async fn fetch_list(self: Rc<Self>, request: ListRequest) -> Result<(), LoadError> {
        match &self.source {
            Source::Chunked(chunks) => chunks.fetch_list(&request).await,
            Source::Single(_) | Source::Prerendered(_) => Ok(()),
        }
    }

    /// An article, if it can be had without waiting; `Some(None)` when the
    /// archive has no such post.
    pub fn peek_article(&self, id: &String) -> Peek<Option<ArticleView>> {
        match &self.source {
            Source::Single(index) => Some(Rc::new(index.article_view(id))),
            Source::Chunked(chunks) => chunks.peek_article(id),
            Source::Prerendered(data) => {
                data.article.as_ref().filter(|(i, _)| i == id).map(|(_, a)| a.clone())
            }
        }
    }

    /// Fetches what [`Store::peek_article`] needs.
    pub async fn fetch_article(self: Rc<Self>, id: String) -> Result<(), LoadError> {
        match &self.source {
            Source::Chunked(chunks) => chunks.fetch_article(&id).await,
            Source::Single(_) | Source::Prerendered(_) => Ok(()),
        }
    }

    /// A page of every category or tag; `Some(None)` past the end.
    pub fn peek_terms(&self, request: &(TermKind, usize)) -> Peek<Option<TermsView>> {
        match &self.source {
            Source::Single(index) => Some(Rc::new(index.terms_view(request.0, request.1, TERMS_PAGE_SIZE))),
            Source::Chunked(chunks) => chunks.peek_terms(*request),
            Source::Prerendered(data) => {
                data.terms.as_ref().filter(|(r, _)| r == request).map(|(_, t)| t.clone())
            }
        }
    }

    /// Fetches what [`Store::peek_terms`] needs.
    pub async fn fetch_terms(self: Rc<Self>, request: (TermKind, usize)) -> Result<(), LoadError> {
        match &self.source {
            Source::Chunked(chunks) => chunks.fetch_terms(request).await,
            Source::Single(_) | Source::Prerendered(_) => Ok(()),
        }
    }

    /// A post's body ready to show, if it is.
    pub fn peek_body(&self, post: &Rc<Post>) -> Peek<PreparedBody> {
        self.bodies.borrow_mut().get(&post.id)
    }

    /// Makes the post's body ready: loads the sanitiser module (the first
    /// time) and runs it.
    pub async fn prepare_body(self: Rc<Self>, post: Rc<Post>) -> Result<(), LoadError> {
        let policy = self.policy().await?;
        let timing = crate::timing::SanitizeTiming::start();
        let html = policy.clean(&post.content_html);
        timing.finish(post.content_html.len());
        let body = PreparedBody {
            html,
            reading_minutes: policy.reading_minutes(&post.content_html),
            source_link: post.source_url.as_deref().and_then(|url| policy.external_link(url)),
        };
        self.bodies.borrow_mut().insert(post.id.clone(), Rc::new(body));
        Ok(())
    }

    /// The archive's sanitising policy, loading the module the first time.
    async fn policy(&self) -> Result<SharedPolicy, LoadError> {
        if let Some(policy) = self.policy.borrow().clone() {
            return Ok(policy);
        }
        let base = self.overview.site.base_url.clone();
        let policy = Rc::new(Policy::load(base).await.map_err(|message| LoadError::Sanitizer { message })?);
        *self.policy.borrow_mut() = Some(policy.clone());
        Ok(policy)
    }
}

/// Cheap-to-clone handle on the store, compared by identity.
#[derive(Debug, Clone)]
pub struct StoreHandle(pub Rc<Store>);

impl PartialEq for StoreHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for StoreHandle {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.0
    }
}
