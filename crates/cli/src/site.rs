//! The static site of `folio build`: an HTML page for every
//! article, the first page of every list, the taxonomy indexes and
//! `404.html`, each rendered from the viewer's own components
//! (`folio::prerender`), readable without script, with what crawlers and
//! link previews read in its head. The viewer, once loaded, takes the page
//! over. The URL scheme is `folio_core::Location`'s; `docs/site-layout.md`
//! describes the whole site.

use std::fs;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use base64::Engine as _;
use chrono::{DateTime, FixedOffset};
use folio::prerender::{self, ArticleRenderer, Body, Data, Page};
use folio_core::{
    format_date, ArticleView, ListRequest, ListView, Locale, Location, Neighbour, Overview, Post, PostFile,
    PostRecord, SanitizedHtml, TermKind, TermsView,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::memory::{content_hash, fingerprint, Outputs};
use crate::viewer::Viewer;
use crate::Error;

/// The one inline script of a static page, which its policy allows by its
/// hash (the same on every page: what differs is in its `data-boot`):
///
/// 1. It hides the page until the app takes it over when the address asks
///    for something other than the page itself: an old hash route
///    (`#/post/x`), a later page, a tag filter, embed mode. CSS reveals it
///    anyway after a few seconds, in case the app never comes. It runs
///    before the first paint.
/// 2. It starts the app's boot module (`data-boot`) at the first frame,
///    once the page has painted: a module script in the markup would hold
///    `DOMContentLoaded`, and with it the first paint, until the app's code
///    has loaded.
const PAGE_SCRIPT: &str = concat!(
    "if(/^#\\//.test(location.hash)||/[?&](page|all|any|embed|q)=/.test(location.search))",
    "document.documentElement.classList.add('folio-pending');",
    "(function(s){var b=document.createElement('script');b.type='module';b.src=s.dataset.boot;",
    "requestAnimationFrame(function(){document.head.appendChild(b)})})(document.currentScript)",
);

/// URLs per sitemap file, the protocol's limit.
pub const SITEMAP_URLS: usize = 50_000;

/// The folder of a static site that holds the viewer's files.
pub const ASSETS: &str = "assets/";

/// Where the site is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl {
    /// The site's root as an absolute URL ending in `/`, when known: what
    /// canonical links, feeds and sitemaps need.
    pub absolute: Option<url::Url>,
    /// The root's path on its host, percent-encoded, `/` when unknown: what
    /// `404.html`, which is served at any depth, loads the viewer from.
    pub path: String,
}

impl PublicUrl {
    /// The site's root from `--public-url` (`./`, a path such as `/archive/`,
    /// or an `https://` URL, as [`crate::normalise_public_url`] checks it)
    /// and the site's own `url` and `baseurl`.
    pub fn new(flag: Option<&str>, site_url: Option<&str>) -> PublicUrl {
        let absolute = |value: &str| url::Url::parse(value).ok().filter(|u| u.host().is_some());
        let with_slash = |mut url: url::Url| {
            if !url.path().ends_with('/') {
                let path = format!("{}/", url.path());
                url.set_path(&path);
            }
            url
        };
        let from_site = site_url.and_then(absolute).map(with_slash);
        let resolved = match flag {
            Some(flag) if flag.starts_with("http://") || flag.starts_with("https://") => {
                absolute(flag).map(with_slash)
            }
            // A path: on the site's own host, if it has one.
            Some(flag) if flag.starts_with('/') => {
                from_site.and_then(|site| site.join(flag).ok()).map(with_slash)
            }
            Some(_) => None,
            None => from_site,
        };
        let path = match (&resolved, flag) {
            (Some(url), _) => url.path().to_owned(),
            (None, Some(flag)) if flag.starts_with('/') => url::Url::parse("https://folio.invalid/")
                .and_then(|u| u.join(flag))
                .map_or_else(|_| "/".to_owned(), |u| u.path().to_owned()),
            _ => "/".to_owned(),
        };
        PublicUrl { absolute: resolved, path }
    }
}

/// What a site build needs beside the bundle.
#[derive(Debug, Clone)]
pub struct StaticSiteOptions {
    /// The viewer build whose files the pages load.
    pub viewer: Viewer,
    /// `--public-url`, checked by [`crate::normalise_public_url`]: where the
    /// site is published, when it is not the site's own `url` + `baseurl`.
    pub public_url: Option<String>,
    /// What kind of article the posts are, for search engines.
    pub article_schema: ArticleSchema,
    /// The most URLs one sitemap file lists ([`SITEMAP_URLS`] by the
    /// protocol; tests lower it).
    pub sitemap_limit: usize,
}

impl StaticSiteOptions {
    /// Options for the viewer build `viewer`, with the defaults.
    pub fn new(viewer: Viewer) -> StaticSiteOptions {
        StaticSiteOptions {
            viewer,
            public_url: None,
            article_schema: ArticleSchema::BlogPosting,
            sitemap_limit: SITEMAP_URLS,
        }
    }
}

/// The schema.org type an article page declares in its JSON-LD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleSchema {
    /// A blog's posts.
    BlogPosting,
    /// A news archive's articles, which news search features read.
    NewsArticle,
}

impl ArticleSchema {
    /// The schema.org type name.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleSchema::BlogPosting => "BlogPosting",
            ArticleSchema::NewsArticle => "NewsArticle",
        }
    }
}

/// One entry of the sitemap: a page and when it last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapEntry {
    /// The page.
    pub location: Location,
    /// Its newest content.
    pub lastmod: DateTime<FixedOffset>,
}

/// Writes the pages of one site. Shared by the build's threads: each page is
/// rendered on the thread that writes it.
#[derive(Debug)]
pub(crate) struct StaticSite {
    out: PathBuf,
    options: StaticSiteOptions,
    public: PublicUrl,
    overview: Overview,
    locale: Locale,
    boot: String,
    csp: String,
    /// The article pages' shared layout.
    articles: ArticleRenderer,
    /// With a build's memory: the files of the last build, of which an
    /// unchanged page is not made again.
    outputs: Option<Arc<Outputs>>,
    /// A fingerprint of everything above, which every page depends on.
    context: u64,
    pages: AtomicU64,
    bytes: AtomicU64,
}

/// The head of one page.
struct Head {
    title: String,
    description: String,
    lang: String,
    og_type: &'static str,
    json_ld: Vec<serde_json::Value>,
    prev: Option<String>,
    next: Option<String>,
    extra_meta: Vec<(&'static str, String)>,
}

impl StaticSite {
    /// A writer of pages into `out`, for an archive whose navigation is
    /// `overview` (as the viewer will compute it from the bundle).
    pub(crate) fn new(
        out: &Path,
        options: StaticSiteOptions,
        overview: Overview,
    ) -> Result<StaticSite, Error> {
        let locale = Locale::from_lang_tag(overview.site.lang.as_deref());
        let public = PublicUrl::new(options.public_url.as_deref(), overview.site.base_url.as_deref());
        let (boot, code) = options.viewer.boot_module();
        let boot = format!("{ASSETS}{boot}");
        let boot_path = out.join(&boot);
        if let Some(parent) = boot_path.parent() {
            fs::create_dir_all(parent).map_err(|source| Error::Write { path: parent.to_owned(), source })?;
        }
        write(&boot_path, code.as_bytes())?;
        let pending =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(PAGE_SCRIPT.as_bytes()));
        let csp = [
            "default-src 'none'".to_owned(),
            format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{pending}'"),
            "style-src 'self'".to_owned(),
            "img-src 'self' https: data:".to_owned(),
            "connect-src 'self'".to_owned(),
            "base-uri 'none'".to_owned(),
            "form-action 'none'".to_owned(),
            "object-src 'none'".to_owned(),
        ]
        .join("; ");
        let article_prefix = prefix_of(&Location::Post { id: String::new() });
        let articles = ArticleRenderer::new(overview.clone(), &article_prefix, public.absolute.is_some());
        let context = fingerprint(&[&options, &public, &overview, &boot, &code, &csp]);
        Ok(StaticSite {
            out: out.to_owned(),
            options,
            public,
            overview,
            locale,
            boot,
            csp,
            articles,
            outputs: None,
            context,
            pages: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
        })
    }

    /// Makes again only the pages whose inputs differ from the last
    /// build's, as `outputs` remember them.
    pub(crate) fn remember(&mut self, outputs: Option<Arc<Outputs>>) {
        self.outputs = outputs;
    }

    /// The memory's outputs, for file `rel`. Files at the site's root are
    /// always made: `_headers` and the compressed copies are made from them
    /// ([`crate::add_viewer`]).
    fn outputs_for(&self, rel: &str) -> Option<&Outputs> {
        self.outputs.as_deref().filter(|_| rel.contains('/'))
    }

    /// Whether file `rel` of the site, made from `input` (and the site's
    /// settings), is the last build's: then it is kept, and need not be
    /// made again. Always false without a memory.
    pub(crate) fn kept(&self, rel: &str, input: &[&dyn std::fmt::Debug]) -> bool {
        self.outputs_for(rel).is_some_and(|o| o.unchanged(rel, fingerprint(&[&self.context, &input])))
    }

    /// Writes file `rel` of the site, unless the last build's has the same
    /// bytes (then it is kept).
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        if self.outputs_for(rel).is_some_and(|o| o.unchanged(rel, content_hash(bytes))) {
            return Ok(());
        }
        self.write_file(rel, bytes)
    }

    /// Writes file `rel` of the site.
    fn write_file(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let file = self.out.join(rel);
        if let Some(parent) = file.parent() {
            fs::create_dir_all(parent).map_err(|source| Error::Write { path: parent.to_owned(), source })?;
        }
        write(&file, bytes)
    }

    /// The boot module's path from the site's root, for `_headers`.
    pub(crate) fn boot_file(&self) -> &str {
        &self.boot
    }

    /// Pages and bytes written so far.
    pub(crate) fn written(&self) -> (u64, u64) {
        (self.pages.load(Ordering::Relaxed), self.bytes.load(Ordering::Relaxed))
    }

    /// The most URLs one sitemap file lists.
    pub(crate) fn sitemap_limit(&self) -> usize {
        self.options.sitemap_limit
    }

    /// Where the site is published.
    pub(crate) fn public(&self) -> &PublicUrl {
        &self.public
    }

    /// The archive's navigation.
    pub(crate) fn overview(&self) -> &Overview {
        &self.overview
    }

    /// The absolute URL of `location`, when the site's is known (the
    /// not-found page, served at any path, has none).
    pub(crate) fn absolute(&self, location: &Location) -> Option<String> {
        if *location == Location::NotFound {
            return None;
        }
        let root = self.public.absolute.as_ref()?;
        root.join(&location.site_path()).ok().map(String::from)
    }

    /// `location`'s URL as a page at `prefix` links to it: absolute when
    /// known (canonical links), else relative.
    fn href(&self, location: &Location, prefix: &str) -> String {
        self.absolute(location).unwrap_or_else(|| format!("{prefix}{}", location.site_path()))
    }

    /// An article's page, with links to its older and newer neighbours.
    /// `html` is its body through the policy; `content` is a fingerprint of
    /// the post and its body (with a memory).
    pub(crate) fn write_article(
        &self,
        post: &Post,
        older: Option<Neighbour>,
        newer: Option<Neighbour>,
        html: SanitizedHtml,
        source_link: Option<String>,
        content: u64,
    ) -> Result<SitemapEntry, Error> {
        let location = Location::Post { id: post.id.clone() };
        if self.kept(&location.page_file(), &[&content, &older, &newer, &source_link]) {
            self.pages.fetch_add(1, Ordering::Relaxed);
            return Ok(SitemapEntry { location, lastmod: post.date });
        }
        let view = ArticleView { post: post.clone(), older, newer };
        let prefix = prefix_of(&location);
        let reading_minutes = folio_core::reading_minutes(html.as_str());
        let description = post.excerpt.clone().unwrap_or_else(|| post.title.clone());
        let lang = post
            .lang
            .clone()
            .or_else(|| self.overview.site.lang.clone())
            .unwrap_or_else(|| self.locale.lang_tag().into());
        let url = self.href(&location, &prefix);
        let mut article = json!({
            "@context": "https://schema.org",
            "@type": self.options.article_schema.as_str(),
            "headline": post.title,
            "datePublished": format_date(&post.date),
            "dateModified": format_date(&post.date),
            "inLanguage": lang,
            "url": url,
            "mainEntityOfPage": url,
            "description": description,
            "keywords": post.tags,
            "isPartOf": { "@type": "WebSite", "name": self.overview.site.title, "url": self.href(&Location::Home, &prefix) },
        });
        if let Some(author) = &post.author {
            article["author"] = json!({ "@type": "Person", "name": author });
        }
        if let Some(category) = post.categories.first() {
            article["articleSection"] = json!(category);
        }
        let mut crumbs = vec![(self.overview.site.title.clone(), self.href(&Location::Home, &prefix))];
        if let Some(category) = post.categories.first() {
            crumbs
                .push((category.clone(), self.href(&Location::Category { name: category.clone() }, &prefix)));
        }
        crumbs.push((post.title.clone(), url.clone()));
        let breadcrumbs = json!({
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": crumbs.iter().enumerate().map(|(i, (name, item))| json!({
                "@type": "ListItem", "position": i + 1, "name": name, "item": item,
            })).collect::<Vec<_>>(),
        });
        let mut extra_meta = vec![("article:published_time", format_date(&post.date))];
        extra_meta.extend(post.author.iter().map(|a| ("article:author", a.clone())));
        extra_meta.extend(post.categories.first().map(|c| ("article:section", c.clone())));
        extra_meta.extend(post.tags.iter().map(|t| ("article:tag", t.clone())));
        let head = Head {
            title: format!("{} · {}", post.title, self.overview.site.title),
            description,
            lang,
            og_type: "article",
            json_ld: vec![article, breadcrumbs],
            prev: None,
            next: None,
            extra_meta,
        };
        // What the app reads from the page to show the article after a
        // client-side navigation: the post without its body, which is the
        // page's article body itself.
        let mut record = PostRecord::from(post);
        record.content_html = String::new();
        let data_block = serde_json::to_string(&PostFile {
            post: record,
            older: view.older.clone(),
            newer: view.newer.clone(),
        })
        .map_err(|e| Error::Write { path: self.out.join(location.page_file()), source: e.into() })?;
        let body = Body { html, reading_minutes, source_link };
        let data = Data { article: Some((post.id.clone(), Rc::new(Some(view.clone())))), ..Data::default() };
        self.page(&location, head, data, Some((post.id.clone(), body)), Some(data_block), Made::FromInputs)?;
        Ok(SitemapEntry { location, lastmod: post.date })
    }

    /// The first page of a list: home, a category, a tag, a year, a month.
    /// Returns its sitemap entry (none for an empty list, which has no date).
    /// `contents`, with a memory, are the fingerprints of the posts' content
    /// (which their entries are made from), else the entries themselves are.
    pub(crate) fn write_list(
        &self,
        location: Location,
        request: ListRequest,
        view: ListView,
        contents: Option<Vec<Option<u64>>>,
    ) -> Result<Option<SitemapEntry>, Error> {
        let lastmod = view.items.first().map(|p| p.date);
        let ListView { number, total, count, has_next, .. } = &view;
        let kept = match &contents {
            Some(contents) => self.kept(
                &location.page_file(),
                &[&location, &request, number, total, count, has_next, contents],
            ),
            None => self.kept(&location.page_file(), &[&location, &request, &view]),
        };
        if kept {
            self.pages.fetch_add(1, Ordering::Relaxed);
            return Ok(lastmod.map(|lastmod| SitemapEntry { location, lastmod }));
        }
        let prefix = prefix_of(&location);
        let heading = self.locale.heading(&location).unwrap_or_default();
        let title = if location == Location::Home {
            self.overview.site.title.clone()
        } else {
            format!("{heading} · {}", self.overview.site.title)
        };
        let description = match &location {
            Location::Home => self.overview.site.description.clone().unwrap_or_else(|| heading.clone()),
            _ => format!(
                "{heading} · {}",
                self.locale.post_count(match view.total {
                    folio_core::Total::Exact(n) | folio_core::Total::AtLeast(n) => n,
                })
            ),
        };
        let next = view.has_next.then(|| format!("{prefix}{}?page=2", location.site_path()));
        let collection = json!({
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "name": heading,
            "url": self.href(&location, &prefix),
            "isPartOf": { "@type": "WebSite", "name": self.overview.site.title, "url": self.href(&Location::Home, &prefix) },
        });
        let head = Head {
            title,
            description,
            lang: self.site_lang(),
            og_type: "website",
            json_ld: vec![collection],
            prev: None,
            next,
            extra_meta: Vec::new(),
        };
        let data = Data { list: Some((request, Rc::new(view))), ..Data::default() };
        self.page(&location, head, data, None, None, Made::FromInputs)?;
        Ok(lastmod.map(|lastmod| SitemapEntry { location, lastmod }))
    }

    /// An index of every category or tag (its first page), or of every year
    /// and month (`terms` is `None`).
    /// Returns its sitemap entry, dated by the newest post (none in an
    /// empty archive).
    pub(crate) fn write_index(
        &self,
        location: Location,
        terms: Option<(TermKind, TermsView)>,
        lastmod: Option<DateTime<FixedOffset>>,
    ) -> Result<Option<SitemapEntry>, Error> {
        let prefix = prefix_of(&location);
        let heading = self.locale.heading(&location).unwrap_or_default();
        let head = Head {
            title: format!("{heading} · {}", self.overview.site.title),
            description: format!("{heading} · {}", self.overview.site.title),
            lang: self.site_lang(),
            og_type: "website",
            json_ld: vec![json!({
                "@context": "https://schema.org", "@type": "CollectionPage", "name": heading,
                "url": self.href(&location, &prefix),
            })],
            prev: None,
            next: terms
                .as_ref()
                .filter(|(_, t)| t.count > 1)
                .map(|_| format!("{prefix}{}?page=2", location.site_path())),
            extra_meta: Vec::new(),
        };
        let data =
            Data { terms: terms.map(|(kind, view)| ((kind, 1), Rc::new(Some(view)))), ..Data::default() };
        self.page(&location, head, data, None, None, Made::Always)?;
        Ok(lastmod.map(|lastmod| SitemapEntry { location, lastmod }))
    }

    /// The search page, `search/index.html`, into the folder `search` (the
    /// search index's, which may still be staged): the box and the hint;
    /// the app shows the results of `search/?q=…` at once. Not for search
    /// engines (`noindex`), and not in the sitemap.
    pub(crate) fn write_search_page(&self, search: &Path) -> Result<(), Error> {
        let location = Location::Search;
        let text = self.locale.text();
        let head = self.noindex_head(text.search, text.search_label);
        let html = self.document(&location, &prefix_of(&location), head, Data::default(), None, None);
        fs::create_dir_all(search).map_err(|source| Error::Write { path: search.to_owned(), source })?;
        write(&search.join("index.html"), html.as_bytes())?;
        self.pages.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(html.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// The head of a page that search engines should not index (the search
    /// page, `404.html`): `<heading> · <site title>`, and no article markup.
    fn noindex_head(&self, heading: &str, description: &str) -> Head {
        Head {
            title: format!("{heading} · {}", self.overview.site.title),
            description: description.to_owned(),
            lang: self.site_lang(),
            og_type: "website",
            json_ld: Vec::new(),
            prev: None,
            next: None,
            extra_meta: vec![("robots", "noindex".to_owned())],
        }
    }

    /// `404.html`, which hosts serve for a missing page at any depth: its
    /// links and files are absolute paths from the site's root.
    pub(crate) fn write_not_found(&self) -> Result<(), Error> {
        let text = self.locale.text();
        let head = self.noindex_head(text.not_found_title, text.not_found_body);
        let html = self.document(&Location::NotFound, &self.public.path, head, Data::default(), None, None);
        self.put("404.html", html.as_bytes())
    }

    fn site_lang(&self) -> String {
        self.overview.site.lang.clone().unwrap_or_else(|| self.locale.lang_tag().to_owned())
    }

    fn page(
        &self,
        location: &Location,
        head: Head,
        data: Data,
        body: Option<(String, Body)>,
        data_block: Option<String>,
        made: Made,
    ) -> Result<(), Error> {
        let html = self.document(location, &prefix_of(location), head, data, body, data_block);
        match made {
            // Its inputs differ from the last build's ([`StaticSite::kept`]).
            Made::FromInputs => self.write_file(&location.page_file(), html.as_bytes())?,
            Made::Always => self.put(&location.page_file(), html.as_bytes())?,
        }
        self.pages.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(html.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// A whole page: its head, and its body rendered by the viewer.
    fn document(
        &self,
        location: &Location,
        prefix: &str,
        head: Head,
        data: Data,
        body: Option<(String, Body)>,
        data_block: Option<String>,
    ) -> String {
        let manifest = &self.options.viewer.manifest;
        let site = &self.overview.site;
        let e = escape;
        let canonical = self.href(location, prefix);
        let mut out = String::with_capacity(16 * 1024);
        out.push_str("<!doctype html>\n");
        out.push_str(&format!("<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", e(&head.lang)));
        out.push_str(&format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n", self.csp));
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"referrer\" content=\"no-referrer\">\n");
        out.push_str(&format!("<title>{}</title>\n", e(&head.title)));
        out.push_str(&format!("<meta name=\"description\" content=\"{}\">\n", e(&head.description)));
        if *location != Location::NotFound {
            out.push_str(&format!("<link rel=\"canonical\" href=\"{}\">\n", e(&canonical)));
        }
        for (rel, href) in [("prev", &head.prev), ("next", &head.next)] {
            if let Some(href) = href {
                out.push_str(&format!("<link rel=\"{rel}\" href=\"{}\">\n", e(href)));
            }
        }
        let feed = self
            .public
            .absolute
            .as_ref()
            .and_then(|u| u.join("feed.xml").ok())
            .map_or_else(|| format!("{prefix}feed.xml"), String::from);
        out.push_str(&format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"{}\">\n",
            e(&site.title),
            e(&feed)
        ));
        out.push_str(&format!(
            "<meta property=\"og:type\" content=\"{}\">\n<meta property=\"og:site_name\" content=\"{}\">\n",
            head.og_type,
            e(&site.title)
        ));
        let og_title = head.title.strip_suffix(&format!(" · {}", site.title)).unwrap_or(&head.title);
        out.push_str(&format!("<meta property=\"og:title\" content=\"{}\">\n<meta property=\"og:description\" content=\"{}\">\n", e(og_title), e(&head.description)));
        if let Some(url) = self.absolute(location) {
            out.push_str(&format!("<meta property=\"og:url\" content=\"{}\">\n", e(&url)));
        }
        out.push_str(&format!(
            "<meta property=\"og:locale\" content=\"{}\">\n",
            e(&head.lang.replace('-', "_"))
        ));
        for (property, content) in &head.extra_meta {
            let attribute = if *property == "robots" { "name" } else { "property" };
            out.push_str(&format!("<meta {attribute}=\"{property}\" content=\"{}\">\n", e(content)));
        }
        out.push_str(&format!("<meta name=\"twitter:card\" content=\"summary\">\n<meta name=\"twitter:title\" content=\"{}\">\n<meta name=\"twitter:description\" content=\"{}\">\n", e(og_title), e(&head.description)));
        // What the viewer reads: where the site's root is, which page this
        // is (`404.html` for the not-found page, served at any path), and
        // where its sanitiser module is.
        out.push_str(&format!("<meta name=\"folio-root\" content=\"{}\">\n", e(prefix)));
        let page_path = location.site_path();
        out.push_str(&format!("<meta name=\"folio-page\" content=\"{}\">\n", e(&page_path)));
        out.push_str(&format!(
            "<meta name=\"folio-sanitizer\" content=\"{ASSETS}{}\">\n",
            e(&manifest.sanitizer)
        ));
        out.push_str(&format!("<meta name=\"folio-search\" content=\"{ASSETS}{}\">\n", e(&manifest.search)));
        out.push_str(&format!("<link rel=\"icon\" href=\"{prefix}favicon.svg\" type=\"image/svg+xml\">\n"));
        out.push_str(&format!("<link rel=\"stylesheet\" href=\"{prefix}{ASSETS}{}\">\n", manifest.css));
        // Nothing else loads before the first paint: the app starts after it
        // (and fetches the bundle as it starts).
        out.push_str(&format!("<script data-boot=\"{prefix}{}\">{PAGE_SCRIPT}</script>\n", self.boot));
        for block in &head.json_ld {
            out.push_str(&format!(
                "<script type=\"application/ld+json\">{}</script>\n",
                json_in_html(&block.to_string())
            ));
        }
        out.push_str("</head>\n<body>\n<div id=\"folio-root\">");
        let mut data = data;
        let loader = self.public.absolute.as_ref().and_then(|root| root.join("embed.js").ok());
        data.embed_snippet = self
            .absolute(location)
            .zip(loader)
            .map(|(page, loader)| folio_core::embed_snippet(&page, loader.as_str()));
        let page = Page { overview: self.overview.clone(), location: location.clone(), data, body };
        out.push_str(&match page.location {
            Location::Post { .. } => self.articles.render(page),
            _ => prerender::render(page, prefix),
        });
        out.push_str("</div>\n");
        if let Some(block) = data_block {
            out.push_str(&format!(
                "<script type=\"application/json\" id=\"folio-article\">{}</script>\n",
                json_in_html(&block)
            ));
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// How a page is made again with a memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Made {
    /// Only when its inputs changed, which [`StaticSite::kept`] checked.
    FromInputs,
    /// Always, and written only when its bytes changed: the indexes,
    /// whose inputs are many and which are few.
    Always,
}

/// The relative path from the page of `location` to the site's root.
pub(crate) fn prefix_of(location: &Location) -> String {
    let depth = location.site_path().matches('/').count();
    "../".repeat(depth)
}

/// Text for an HTML attribute or element.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// JSON inside a `<script>` element: `<` escaped, so that no `</script>` or
/// `<!--` in a value can end or change the element.
fn json_in_html(json: &str) -> String {
    json.replace('<', "\\u003c")
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    fs::write(path, bytes).map_err(|source| Error::Write { path: path.to_owned(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_urls_combine_the_flag_and_the_site() {
        let url = |s: &str| Some(url::Url::parse(s).unwrap());
        assert_eq!(PublicUrl::new(None, None), PublicUrl { absolute: None, path: "/".into() });
        assert_eq!(PublicUrl::new(Some("./"), None), PublicUrl { absolute: None, path: "/".into() });
        assert_eq!(
            PublicUrl::new(Some("/archive/"), None),
            PublicUrl { absolute: None, path: "/archive/".into() }
        );
        assert_eq!(
            PublicUrl::new(Some("/archive/"), Some("https://blog.example/blog/")),
            PublicUrl { absolute: url("https://blog.example/archive/"), path: "/archive/".into() }
        );
        assert_eq!(
            PublicUrl::new(None, Some("https://blog.example/blog")),
            PublicUrl { absolute: url("https://blog.example/blog/"), path: "/blog/".into() }
        );
        assert_eq!(
            PublicUrl::new(Some("https://cdn.example/归档/"), Some("https://blog.example/")),
            PublicUrl {
                absolute: url("https://cdn.example/%E5%BD%92%E6%A1%A3/"),
                path: "/%E5%BD%92%E6%A1%A3/".into()
            }
        );
    }

    #[test]
    fn prefixes_lead_back_to_the_root() {
        assert_eq!(prefix_of(&Location::Home), "");
        assert_eq!(prefix_of(&Location::Post { id: "a".into() }), "../../");
        assert_eq!(prefix_of(&Location::Month { year: 2022, month: 1 }), "../../../");
        assert_eq!(prefix_of(&Location::Tags), "../");
    }

    #[test]
    fn json_cannot_end_its_script_element() {
        assert_eq!(
            json_in_html(r#"{"t":"</script><script>alert(1)</script>"}"#),
            r#"{"t":"\u003c/script>\u003cscript>alert(1)\u003c/script>"}"#
        );
    }
}
