//! Atom feeds (RFC 4287) of a static site: `feed.xml` with the newest posts
//! of the whole archive, and `category/<name>/feed.xml` for each category,
//! each entry with its full sanitised content.

use std::io;

use chrono::{DateTime, FixedOffset};
use folio_core::{format_date, Location, Post, SanitizedHtml};
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::site::{prefix_of, StaticSite};

/// Entries per feed: what feed readers show, and what a news archive adds
/// between two polls.
pub const FEED_ENTRIES: usize = 50;

/// One post of a feed.
#[derive(Debug, Clone)]
pub(crate) struct FeedEntry {
    /// The post (its body is not used: `html` is).
    pub post: Post,
    /// Its body through the policy.
    pub html: SanitizedHtml,
}

/// The feed of `location` (the home page for the whole archive, or a
/// category), with its newest `entries`, newest first. Links are absolute
/// when the site's URL is known; otherwise relative to the feed, with
/// `xml:base` saying where that is.
pub(crate) fn atom(
    site: &StaticSite,
    location: &Location,
    title: &str,
    entries: &[FeedEntry],
) -> io::Result<Vec<u8>> {
    let overview = site.overview();
    let feed_path = format!("{}feed.xml", location.site_path());
    // Relative links from the feed's folder, or absolute ones.
    let prefix = prefix_of(location);
    let link = |target: &Location| {
        site.absolute(target).unwrap_or_else(|| match format!("{prefix}{}", target.site_path()) {
            here if here.is_empty() => "./".to_owned(),
            relative => relative,
        })
    };
    let id_of = |target: &Location, fallback: &str| {
        site.absolute(target).unwrap_or_else(|| format!("urn:folio:{fallback}"))
    };
    let updated = entries.iter().map(|e| e.post.date).max().unwrap_or_else(epoch);
    let lang = overview.site.lang.clone().unwrap_or_else(|| "en".into());

    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let mut feed = writer
        .create_element("feed")
        .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
        .with_attribute(("xml:lang", lang.as_str()));
    let base = site.public().absolute.as_ref().and_then(|u| u.join(&feed_path).ok());
    if let Some(base) = &base {
        feed = feed.with_attribute(("xml:base", base.as_str()));
    }
    feed.write_inner_content(|w| {
        text(w, "title", title)?;
        if let Some(description) = &overview.site.description {
            text(w, "subtitle", description)?;
        }
        text(w, "id", &id_of(location, &format!("feed:{}", urn_part(&feed_path))))?;
        text(w, "updated", &format_date(&updated))?;
        let self_href = base.as_ref().map_or_else(|| "feed.xml".to_owned(), |u| u.to_string());
        w.create_element("link")
            .with_attribute(("rel", "self"))
            .with_attribute(("type", "application/atom+xml"))
            .with_attribute(("href", self_href.as_str()))
            .write_empty()?;
        w.create_element("link")
            .with_attribute(("rel", "alternate"))
            .with_attribute(("type", "text/html"))
            .with_attribute(("href", link(location).as_str()))
            .write_empty()?;
        // A feed needs an author when some entry has none.
        w.create_element("author").write_inner_content(|w| text(w, "name", &overview.site.title))?;
        w.create_element("generator").write_text_content(BytesText::new("Folio"))?;
        for entry in entries {
            let post = &entry.post;
            let here = Location::Post { id: post.id.clone() };
            // Links between posts, as the page has them, from the feed's folder.
            let html =
                entry.html.with_site_links(&site.absolute(&Location::Home).unwrap_or_else(|| prefix.clone()));
            w.create_element("entry").write_inner_content(|w| {
                text(w, "title", &post.title)?;
                text(w, "id", &id_of(&here, &format!("post:{}", urn_part(&post.id))))?;
                w.create_element("link")
                    .with_attribute(("rel", "alternate"))
                    .with_attribute(("type", "text/html"))
                    .with_attribute(("href", link(&here).as_str()))
                    .write_empty()?;
                text(w, "published", &format_date(&post.date))?;
                text(w, "updated", &format_date(&post.date))?;
                if let Some(author) = &post.author {
                    w.create_element("author").write_inner_content(|w| text(w, "name", author))?;
                }
                for term in post.categories.iter().chain(&post.tags) {
                    w.create_element("category").with_attribute(("term", term.as_str())).write_empty()?;
                }
                if let Some(excerpt) = &post.excerpt {
                    text(w, "summary", excerpt)?;
                }
                w.create_element("content")
                    .with_attribute(("type", "html"))
                    .write_text_content(BytesText::new(html.as_str()))?;
                Ok(())
            })?;
        }
        Ok(())
    })?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn text<W: io::Write>(w: &mut Writer<W>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name).write_text_content(BytesText::new(value))?;
    Ok(())
}

/// A name inside a URN: percent-encoded like a path segment.
fn urn_part(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn epoch() -> DateTime<FixedOffset> {
    DateTime::UNIX_EPOCH.fixed_offset()
}
