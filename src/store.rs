//! The loaded archive as pages see it: one [`Store`], shared through a
//! context as a [`StoreHandle`]. Pages ask it for views (a page of a list, an
//! article, a page of tags); a single-file bundle answers at once from
//! memory, a chunked one from its cache or, after a fetch, from the network.

use std::cell::RefCell;
use std::rc::Rc;

use folio_core::{
    ArticleView, Bundle, ListRequest, ListView, Locale, Lru, Overview, Post, PostIndex, SanitizedHtml,
    Sanitizer, SkippedPost, TermKind, TermsView, Text, ViewOptions, EXCERPT_CHARS, PAGE_SIZE,
    TERMS_PAGE_SIZE,
};

use crate::chunks::Chunks;
use crate::loader::LoadError;
use crate::timing::SanitizeTiming;

/// Sanitised bodies kept: enough for back and forward through a reading
/// session, bounded so memory follows what is on screen, not the archive.
const BODY_CACHE: usize = 64;

/// Where the posts come from.
#[derive(Debug)]
enum Source {
    /// Everything is in memory.
    Single(PostIndex),
    /// Fetched as needed.
    Chunked(Chunks),
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
    sanitizer: Sanitizer,
    /// Sanitised bodies by post id: sanitising runs once per post per visit
    /// streak, not on every render.
    bodies: RefCell<Lru<String, SanitizedHtml>>,
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
        let locale = view.locale.unwrap_or_else(|| Locale::from_lang_tag(overview.site.lang.as_deref()));
        let sanitizer = Sanitizer::new(overview.site.base_url.as_deref());
        Ok(Store {
            overview,
            skipped,
            locale,
            view,
            source,
            sanitizer,
            bodies: RefCell::new(Lru::new(BODY_CACHE)),
        })
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
        }
    }

    /// A page of a list, if it can be had without waiting. Embedded lists
    /// are the first `limit` posts, with no further pages.
    pub fn peek_list(&self, request: &ListRequest) -> Peek<ListView> {
        let view = match &self.source {
            Source::Single(index) => {
                Rc::new(index.list_view(&request.filter, request.page, self.per_page(), |p| {
                    Some(
                        p.excerpt
                            .clone()
                            .unwrap_or_else(|| folio_core::excerpt_from_html(&p.content_html, EXCERPT_CHARS)),
                    )
                }))
            }
            Source::Chunked(chunks) => chunks.peek_list(request)?,
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
            Source::Single(_) => Ok(()),
            Source::Chunked(chunks) => chunks.fetch_list(&request).await,
        }
    }

    /// An article, if it can be had without waiting; `Some(None)` when the
    /// archive has no such post.
    pub fn peek_article(&self, id: &String) -> Peek<Option<ArticleView>> {
        match &self.source {
            Source::Single(index) => Some(Rc::new(index.article_view(id))),
            Source::Chunked(chunks) => chunks.peek_article(id),
        }
    }

    /// Fetches what [`Store::peek_article`] needs.
    pub async fn fetch_article(self: Rc<Self>, id: String) -> Result<(), LoadError> {
        match &self.source {
            Source::Single(_) => Ok(()),
            Source::Chunked(chunks) => chunks.fetch_article(&id).await,
        }
    }

    /// A page of every category or tag; `Some(None)` past the end.
    pub fn peek_terms(&self, request: &(TermKind, usize)) -> Peek<Option<TermsView>> {
        match &self.source {
            Source::Single(index) => Some(Rc::new(index.terms_view(request.0, request.1, TERMS_PAGE_SIZE))),
            Source::Chunked(chunks) => chunks.peek_terms(*request),
        }
    }

    /// Fetches what [`Store::peek_terms`] needs.
    pub async fn fetch_terms(self: Rc<Self>, request: (TermKind, usize)) -> Result<(), LoadError> {
        match &self.source {
            Source::Single(_) => Ok(()),
            Source::Chunked(chunks) => chunks.fetch_terms(request).await,
        }
    }

    /// The post's body, sanitised (and cached).
    pub fn body_html(&self, post: &Post) -> SanitizedHtml {
        if let Some(cached) = self.bodies.borrow_mut().get(&post.id) {
            return cached;
        }
        let timing = SanitizeTiming::start();
        let html = self.sanitizer.clean_html(&post.content_html);
        timing.finish(post.content_html.len());
        self.bodies.borrow_mut().insert(post.id.clone(), html.clone());
        html
    }

    /// The post's original URL, if it is a safe `http(s)` link.
    pub fn source_link(&self, post: &Post) -> Option<String> {
        post.source_url.as_deref().and_then(|url| self.sanitizer.external_link(url))
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
