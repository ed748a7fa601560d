//! Building a static site around a bundle: what both layouts share once the
//! articles' pages are written (the chunked build writes them as it renders
//! each post; the single-file build from its in-memory index): the lists'
//! first pages, the indexes, `404.html`, the feeds, the sitemap and
//! `robots.txt`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use folio_core::{
    count_terms, Filter, ListRequest, ListView, Location, Overview, Post, PostIndex, PostSummary, Sanitizer,
    Site, TermCount, TermKind, TermsView, Total, MANIFEST_CATEGORIES, MANIFEST_TAGS, TERMS_PAGE_SIZE,
};
use rayon::prelude::*;

use crate::feeds::{atom, FeedEntry, FEED_ENTRIES};
use crate::site::{PublicUrl, SitemapEntry, StaticSite, StaticSiteOptions};
use crate::Error;

/// What a static site build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteOutput {
    /// HTML pages written (articles, lists, indexes, `404.html`).
    pub pages: u64,
    /// The size of those the build made (with a memory, the unchanged ones
    /// are not made again).
    pub page_bytes: u64,
    /// Atom feeds written (the archive's and one per category).
    pub feeds: usize,
    /// URLs in the sitemap.
    pub sitemap_urls: usize,
    /// The sitemap's files, or `None` when the site's absolute URL is
    /// unknown (a sitemap lists absolute URLs only).
    pub sitemap: Option<Vec<String>>,
    /// Where the site is published, as resolved from `--public-url` and
    /// the site's `url`.
    pub public: PublicUrl,
    /// The files at the site's root and in `assets/` that the build wrote
    /// (the home page, `404.html`, `feed.xml`, the sitemap, `robots.txt`,
    /// the boot module), for `_headers` and compression. Other pages are
    /// many, and left to the host's own compression.
    pub root_files: Vec<String>,
}

/// Writes a whole static site from a single-file bundle (already written
/// to `out`): every article's page, the lists, indexes, feeds and sitemap.
///
/// # Errors
///
/// A post of the bundle is invalid (the build only writes valid ones), or
/// a file cannot be written.
pub fn write_site(
    bundle: &folio_core::SingleFileBundle,
    out: &Path,
    options: &StaticSiteOptions,
) -> Result<SiteOutput, Error> {
    let posts = bundle
        .posts
        .iter()
        .map(|record| {
            Post::try_from(record.clone())
                .map_err(|error| Error::InvalidPost { path: out.join("bundle.json"), error })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let index = PostIndex::new(bundle.site.clone(), posts);
    let site = StaticSite::new(out, options.clone(), index.overview())?;
    let entries = write_from_index(&site, out, &index)?;
    site.write_search_page(&out.join(folio_search::SEARCH_DIR))?;
    finish(&site, out, &entries)
}

/// Writes the sitemap and `robots.txt` of a site whose pages are written,
/// and says what was written.
pub(crate) fn finish(site: &StaticSite, out: &Path, entries: &[SitemapEntry]) -> Result<SiteOutput, Error> {
    let sitemap = write_sitemap(site, out, entries, site.sitemap_limit())?;
    let (pages, page_bytes) = site.written();
    let mut root_files: Vec<String> =
        ["index.html", "404.html", "feed.xml", "robots.txt"].into_iter().map(str::to_owned).collect();
    root_files.extend(sitemap.iter().flatten().cloned());
    root_files.push(site.boot_file().to_owned());
    Ok(SiteOutput {
        pages: pages + 1, // and 404.html
        page_bytes,
        feeds: 1 + site.overview().category_count,
        sitemap_urls: if sitemap.is_some() { entries.len() } else { 0 },
        sitemap,
        public: site.public().clone(),
        root_files,
    })
}

/// The overview the viewer computes from a chunked manifest (top terms
/// only), from every post's categories, tags and date as the bundle will
/// carry them.
pub(crate) fn manifest_overview<'a>(
    site: Site,
    posts: impl Iterator<Item = (&'a [String], &'a [String], &'a DateTime<FixedOffset>)> + Clone,
) -> Overview {
    let categories = count_terms(posts.clone().flat_map(|(c, _, _)| c.iter().map(String::as_str)));
    let tags = count_terms(posts.clone().flat_map(|(_, t, _)| t.iter().map(String::as_str)));
    let years = folio_core::year_counts(posts.clone().map(|(_, _, d)| d));
    Overview {
        site,
        posts: posts.count(),
        category_count: categories.len(),
        categories: categories.into_iter().take(MANIFEST_CATEGORIES).collect(),
        tag_count: tags.len(),
        tags: tags.into_iter().take(MANIFEST_TAGS).collect(),
        years,
    }
}

/// The ranks (positions in archive order) of the posts some feed shows: the
/// newest of the archive, and the newest of each category.
pub(crate) fn feed_ranks<'a>(categories: impl Iterator<Item = &'a [String]>) -> HashSet<usize> {
    let mut ranks: HashSet<usize> = (0..FEED_ENTRIES).collect();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (rank, names) in categories.enumerate() {
        for name in names {
            let count = seen.entry(name).or_default();
            if *count < FEED_ENTRIES {
                ranks.insert(rank);
                *count += 1;
            }
        }
    }
    ranks
}

/// A list page to write: its location, the filter the viewer asks for, and
/// the posts it lists (all of them, in order).
pub(crate) struct ListPageSource<'a> {
    pub location: Location,
    pub filter: Filter,
    pub posts: Vec<&'a PostSummary>,
}

/// Writes the first page of each list, the three indexes and `404.html`.
/// Returns their sitemap entries. With a build's memory, `contents` has
/// the fingerprint of each post's content, by id: what its entry in a list
/// is made from.
pub(crate) fn write_lists_and_indexes(
    site: &StaticSite,
    lists: Vec<ListPageSource<'_>>,
    per_page: usize,
    categories: &[TermCount],
    tags: &[TermCount],
    contents: Option<&HashMap<&str, u64>>,
) -> Result<Vec<SitemapEntry>, Error> {
    let mut entries: Vec<SitemapEntry> = lists
        .into_par_iter()
        .map(|list| {
            let per_page = per_page.max(1);
            let total = list.posts.len();
            let pages = folio_core::page_count(total, per_page);
            let view = ListView {
                items: list.posts.iter().take(per_page).map(|p| (*p).clone()).collect(),
                number: 1,
                total: Total::Exact(total),
                count: Some(pages),
                has_next: pages > 1,
            };
            let items = contents.map(|c| view.items.iter().map(|p| c.get(p.id.as_str()).copied()).collect());
            site.write_list(list.location, ListRequest { filter: list.filter, page: 1 }, view, items)
        })
        .collect::<Result<Vec<_>, Error>>()?
        .into_iter()
        .flatten()
        .collect();
    let newest = entries.iter().map(|e| e.lastmod).max();
    let first_page = |terms: &[TermCount]| TermsView {
        terms: terms.iter().take(TERMS_PAGE_SIZE).cloned().collect(),
        number: 1,
        count: folio_core::page_count(terms.len(), TERMS_PAGE_SIZE),
        total: terms.len(),
    };
    let indexes = [
        (Location::Tags, Some((TermKind::Tag, first_page(tags)))),
        (Location::Categories, Some((TermKind::Category, first_page(categories)))),
        (Location::Dates, None),
    ];
    for (location, terms) in indexes {
        let entry = site.write_index(location, terms, newest)?;
        entries.extend(entry);
    }
    site.write_not_found()?;
    Ok(entries)
}

/// The lists of an archive whose summaries are `summaries` (in archive
/// order), as list pages: home, each category and tag, each year and month.
pub(crate) fn list_pages(summaries: &[PostSummary]) -> Vec<ListPageSource<'_>> {
    let mut by: BTreeMap<(u8, String, i32, u32), ListPageSource<'_>> = BTreeMap::new();
    let mut push = |key: (u8, String, i32, u32), location: Location, filter: Filter, post| {
        by.entry(key)
            .or_insert_with(|| ListPageSource { location, filter, posts: Vec::new() })
            .posts
            .push(post);
    };
    for post in summaries {
        push((0, String::new(), 0, 0), Location::Home, Filter::All, post);
        for c in &post.categories {
            push(
                (1, c.clone(), 0, 0),
                Location::Category { name: c.clone() },
                Filter::Category(c.clone()),
                post,
            );
        }
        for t in &post.tags {
            push((2, t.clone(), 0, 0), Location::Tag { name: t.clone() }, Filter::Tag(t.clone()), post);
        }
        let (year, month) = (chrono::Datelike::year(&post.date), chrono::Datelike::month(&post.date));
        push((3, String::new(), year, 0), Location::Year { year }, Filter::Year(year), post);
        push(
            (4, String::new(), year, month),
            Location::Month { year, month },
            Filter::Month(year, month),
            post,
        );
    }
    by.into_values().collect()
}

/// Writes `feed.xml` and a feed per category. `posts` are the posts some
/// feed shows, in archive order, each with the fingerprint of its content
/// (with a build's memory); their bodies are the policy's output, and pass
/// through it once more (it changes nothing) to be shown.
pub(crate) fn write_feeds(site: &StaticSite, out: &Path, posts: &[(Post, u64)]) -> Result<(), Error> {
    let base = site.overview().site.base_url.clone();
    let write = |location: Location, title: String, members: Vec<&(Post, u64)>| -> Result<(), Error> {
        let members: Vec<&(Post, u64)> = members.into_iter().take(crate::feeds::FEED_ENTRIES).collect();
        let rel = format!("{}feed.xml", location.page_file().trim_end_matches("index.html"));
        let contents: Vec<u64> = members.iter().map(|(_, content)| *content).collect();
        if site.kept(&rel, &[&location, &title, &contents]) {
            return Ok(());
        }
        let sanitizer = Sanitizer::new(base.as_deref());
        let entries: Vec<FeedEntry> = members
            .into_iter()
            .map(|(post, _)| FeedEntry { html: sanitizer.clean_html(&post.content_html), post: post.clone() })
            .collect();
        let path = out.join(rel);
        let bytes = atom(site, &location, &title, &entries)
            .map_err(|source| Error::Write { path: path.clone(), source })?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|source| Error::Write { path: parent.to_owned(), source })?;
        }
        std::fs::write(&path, bytes).map_err(|source| Error::Write { path, source })
    };
    let overview = site.overview();
    write(Location::Home, overview.site.title.clone(), posts.iter().collect())?;
    let mut categories: BTreeMap<&str, Vec<&(Post, u64)>> = BTreeMap::new();
    for member in posts {
        for c in &member.0.categories {
            categories.entry(c).or_default().push(member);
        }
    }
    let locale = folio_core::Locale::from_lang_tag(overview.site.lang.as_deref());
    categories.into_par_iter().try_for_each(|(name, members)| {
        let location = Location::Category { name: name.to_owned() };
        let title = format!("{} · {}", locale.category_heading(name), overview.site.title);
        write(location, title, members)
    })
}

/// Writes the sitemap and `robots.txt`. Returns the sitemap's files, or
/// `None` when the site's URL is unknown.
fn write_sitemap(
    site: &StaticSite,
    out: &Path,
    entries: &[SitemapEntry],
    limit: usize,
) -> Result<Option<Vec<String>>, Error> {
    let written = crate::sitemap::sitemap(site, entries, limit)
        .map_err(|source| Error::Write { path: out.join("sitemap.xml"), source })?;
    let robots = out.join("robots.txt");
    std::fs::write(&robots, crate::sitemap::robots(site))
        .map_err(|source| Error::Write { path: robots, source })?;
    let Some(files) = written else { return Ok(None) };
    let mut names = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let path = out.join(&name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|source| Error::Write { path: parent.to_owned(), source })?;
        }
        std::fs::write(&path, bytes).map_err(|source| Error::Write { path, source })?;
        names.push(name);
    }
    Ok(Some(names))
}

/// A whole static site from a single-file bundle's posts: every article's
/// page, then everything else. Returns the sitemap entries.
fn write_from_index(site: &StaticSite, out: &Path, index: &PostIndex) -> Result<Vec<SitemapEntry>, Error> {
    let base = index.site().base_url.clone();
    let mut entries: Vec<SitemapEntry> = index
        .posts()
        .par_iter()
        .map_init(
            || Sanitizer::new(base.as_deref()),
            |sanitizer, post| {
                let view = index.article_view(&post.id).expect("an indexed post has a view");
                let source = post.source_url.as_deref().and_then(|u| sanitizer.external_link(u));
                let html = sanitizer.clean_html(&post.content_html);
                site.write_article(&view.post, view.older, view.newer, html, source, 0)
            },
        )
        .collect::<Result<_, Error>>()?;
    let summaries: Vec<PostSummary> =
        index.posts().iter().map(|p| PostSummary::of(p, p.excerpt.clone())).collect();
    entries.extend(write_lists_and_indexes(
        site,
        list_pages(&summaries),
        folio_core::PAGE_SIZE,
        index.categories(),
        index.tags(),
        None,
    )?);
    let ranks = feed_ranks(index.posts().iter().map(|p| p.categories.as_slice()));
    let in_feeds: Vec<(Post, u64)> = index
        .posts()
        .iter()
        .enumerate()
        .filter(|(rank, _)| ranks.contains(rank))
        .map(|(_, p)| (p.clone(), 0))
        .collect();
    write_feeds(site, out, &in_feeds)?;
    Ok(entries)
}
