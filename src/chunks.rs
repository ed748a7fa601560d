//! A chunked bundle in the browser: which file each view needs, fetching it,
//! and a bounded cache of what was fetched (the layout itself is
//! `folio_core`'s `layout` module). In the pages layout of a static site,
//! an article is read from its own page.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::Poll;

use folio_core::{
    post_path, read_article_page, read_list, read_post_file, read_terms, ArticleView, ListFile, ListKind,
    ListRequest, ListSource, ListView, Location, Lru, Manifest, PostSummary, TagScan, TermKind, TermsView,
    LAYOUT_PAGES,
};
use wasm_bindgen::JsCast;

use crate::loader::{self, LoadError};

/// List pages kept (50 summaries each by default): 256 cover a long reading
/// session and a deep tag scan, whatever the archive's size.
const PAGE_CACHE: usize = 256;
/// Articles, combined-tag results and taxonomy pages kept.
const VIEW_CACHE: usize = 64;

/// One fetched list page: its counts and its valid entries. `None` in the
/// cache means the file does not exist (no such list, or past its end).
#[derive(Debug)]
struct ListPage {
    file: ListFile,
    entries: Vec<PostSummary>,
}

type Cache<K, V> = RefCell<Lru<K, Rc<V>>>;

/// The chunks of one bundle.
#[derive(Debug)]
pub struct Chunks {
    /// Absolute URL of the chunk folder, ending in `/`.
    root: String,
    /// In a static site (the pages layout), the absolute URL of the site's
    /// root, where each post is its own page; otherwise posts have files.
    article_pages: Option<String>,
    page_size: usize,
    /// Sizes of the tags the manifest lists: the tags with pair lists, and
    /// sizes that spare a request when combining them.
    known_tags: HashMap<String, usize>,
    pages: Cache<(ListKind, usize), Option<ListPage>>,
    scans: Cache<ListRequest, ListView>,
    articles: Cache<String, Option<ArticleView>>,
    terms: Cache<(TermKind, usize), Option<TermsView>>,
}

impl Chunks {
    /// The chunks of the manifest read from `manifest_url`.
    pub fn new(manifest_url: &str, manifest: &Manifest) -> Result<Self, LoadError> {
        let bad = |reason| LoadError::BadUrl { url: manifest.chunks.clone(), reason };
        let root = web_sys::Url::new_with_base(&manifest.chunks, manifest_url)
            .map_err(|_| bad("is not a valid chunk folder"))?;
        let base = web_sys::Url::new(manifest_url).map_err(|_| bad("has no usable base URL"))?;
        if root.origin() != base.origin() {
            return Err(bad("is not on this site's origin"));
        }
        Ok(Chunks {
            root: root.href(),
            article_pages: (manifest.layout == LAYOUT_PAGES).then(|| base.href()),
            page_size: manifest.page_size,
            known_tags: manifest.tags.top.iter().map(|t| (t.name.clone(), t.count)).collect(),
            pages: RefCell::new(Lru::new(PAGE_CACHE)),
            scans: RefCell::new(Lru::new(VIEW_CACHE)),
            articles: RefCell::new(Lru::new(VIEW_CACHE)),
            terms: RefCell::new(Lru::new(VIEW_CACHE)),
        })
    }

    pub fn page_size(&self) -> usize {
        self.page_size
    }

    pub fn peek_list(&self, request: &ListRequest) -> Option<Rc<ListView>> {
        let kind = match request.filter.source() {
            ListSource::List(kind) => kind,
            ListSource::TagScan { .. } => return self.scans.borrow_mut().get(request),
            ListSource::Nothing => return Some(Rc::new(ListView::empty())),
        };
        let page = self.pages.borrow_mut().get(&(kind.clone(), request.page))?;
        Some(Rc::new(match page.as_ref() {
            Some(page) => ListView::from_file(&page.file, page.entries.clone()),
            None if request.page == 1 => ListView::empty(),
            // Past the end: the first page tells how long the list is.
            None => {
                let first = self.pages.borrow_mut().get(&(kind, 1))?;
                let (total, count) =
                    first.as_ref().as_ref().map_or((0, 1), |f| (f.file.total, f.file.pages.max(1)));
                ListView::past_end(request.page, total, count)
            }
        }))
    }

    pub async fn fetch_list(&self, request: &ListRequest) -> Result<(), LoadError> {
        let (all, names) = match request.filter.source() {
            ListSource::List(kind) => {
                let page = self.list_page(&kind, request.page).await?;
                if page.is_none() && request.page > 1 {
                    // Past the end: fetch the first page to say how many there are.
                    self.list_page(&kind, 1).await?;
                }
                return Ok(());
            }
            ListSource::TagScan { all, tags } => (all, tags),
            ListSource::Nothing => return Ok(()),
        };
        let known = |name: &str| self.known_tags.get(name).copied();
        let mut scan = TagScan::new(all, &names, request.page, self.page_size, known);
        loop {
            let wanted = scan.wanted();
            if wanted.is_empty() {
                break;
            }
            let fetched =
                join_all(wanted.iter().map(|(kind, page)| self.list_page(kind, *page)).collect()).await;
            for ((kind, number), page) in wanted.iter().zip(fetched) {
                match page?.as_ref() {
                    Some(page) => scan.add(kind, &page.file, page.entries.clone()),
                    None => scan.add_missing(kind, *number),
                }
            }
        }
        if let Some(view) = scan.view() {
            self.scans.borrow_mut().insert(request.clone(), Rc::new(view));
        }
        Ok(())
    }

    /// A list page from the cache or the network.
    async fn list_page(&self, kind: &ListKind, page: usize) -> Result<Rc<Option<ListPage>>, LoadError> {
        let key = (kind.clone(), page);
        if let Some(cached) = self.pages.borrow_mut().get(&key) {
            return Ok(cached);
        }
        let url = format!("{}{}", self.root, kind.path(page));
        let fetched = match loader::fetch_chunk(&url).await? {
            Some(bytes) => {
                let (mut file, entries) = read_list(kind, &bytes)
                    .map_err(|error| LoadError::BadChunk { url: url.clone(), error })?;
                file.posts = Vec::new();
                Some(ListPage { file, entries })
            }
            None => None,
        };
        let fetched = Rc::new(fetched);
        self.pages.borrow_mut().insert(key, fetched.clone());
        Ok(fetched)
    }

    pub fn peek_article(&self, id: &String) -> Option<Rc<Option<ArticleView>>> {
        self.articles.borrow_mut().get(id)
    }

    pub async fn fetch_article(&self, id: &str) -> Result<(), LoadError> {
        let view = match &self.article_pages {
            Some(site) => self.fetch_article_page(site, id).await?,
            None => {
                let url = format!("{}{}", self.root, post_path(id));
                match loader::fetch_chunk(&url).await? {
                    Some(bytes) => Some(
                        read_post_file(id, &bytes)
                            .map_err(|error| LoadError::BadChunk { url: url.clone(), error })?,
                    ),
                    None => None,
                }
            }
        };
        self.articles.borrow_mut().insert(id.to_owned(), Rc::new(view));
        Ok(())
    }

    /// A post of a static site, read from its page: the `folio-article`
    /// data block and the article body's HTML (which the viewer sanitises
    /// again, as every body).
    async fn fetch_article_page(&self, site: &str, id: &str) -> Result<Option<ArticleView>, LoadError> {
        let path = Location::Post { id: id.to_owned() }.site_path();
        let url = web_sys::Url::new_with_base(&path, site).map(|u| u.href()).unwrap_or(path);
        let Some(bytes) = loader::fetch_chunk(&url).await? else { return Ok(None) };
        let html = String::from_utf8_lossy(&bytes);
        let unreadable = |message: &str| LoadError::BadChunk {
            url: url.clone(),
            error: folio_core::ChunkError::Malformed { what: "article page", message: message.to_owned() },
        };
        let parser = web_sys::DomParser::new().map_err(|_| unreadable("no DOMParser"))?;
        let document = parser
            .parse_from_string(&html, web_sys::SupportedType::TextHtml)
            .map_err(|_| unreadable("the page is not HTML"))?;
        let data = document
            .get_element_by_id("folio-article")
            .and_then(|e| e.text_content())
            .ok_or_else(|| unreadable("the page has no folio-article data"))?;
        let body = document
            .query_selector("#main .article-body")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::Element>().ok())
            .map(|e| e.inner_html())
            .unwrap_or_default();
        read_article_page(id, &data, body).map(Some).map_err(|error| LoadError::BadChunk { url, error })
    }

    pub fn peek_terms(&self, request: (TermKind, usize)) -> Option<Rc<Option<TermsView>>> {
        self.terms.borrow_mut().get(&request)
    }

    pub async fn fetch_terms(&self, request: (TermKind, usize)) -> Result<(), LoadError> {
        let url = format!("{}{}", self.root, request.0.path(request.1));
        let view = match loader::fetch_chunk(&url).await? {
            Some(bytes) => {
                Some(read_terms(&bytes).map_err(|error| LoadError::BadChunk { url: url.clone(), error })?)
            }
            None => None,
        };
        self.terms.borrow_mut().insert(request, Rc::new(view));
        Ok(())
    }
}

/// Runs the futures together and returns their outputs in order: what
/// `futures::future::join_all` does, without the `FuturesOrdered` machinery
/// it brings (a few kilobytes of the viewer's wasm) for the handful of
/// requests a tag scan makes at a time.
async fn join_all<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(value) => *output = Some(value),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
}
