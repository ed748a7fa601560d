//! The sitemap of a static site (sitemaps.org protocol 0.9) and
//! `robots.txt`. Above one file's limit (50,000 URLs or 50 MB), `sitemap.xml`
//! is an index of `sitemaps/<n>.xml` files.

use std::io;

use folio_core::format_date;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::site::{SitemapEntry, StaticSite};

/// Bytes per sitemap file, the protocol's limit (uncompressed).
const SITEMAP_BYTES: usize = 50 * 1024 * 1024;
const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// A file to write: its path from the site's root, and its bytes.
pub(crate) type OutputFile = (String, Vec<u8>);

/// The files of the sitemap, as `(path, bytes)`: `sitemap.xml`, and the
/// files it indexes when there are too many URLs for one. `None` when the
/// site's absolute URL is unknown (sitemaps list absolute URLs only).
pub(crate) fn sitemap(
    site: &StaticSite,
    entries: &[SitemapEntry],
    limit: usize,
) -> io::Result<Option<Vec<OutputFile>>> {
    let Some(root) = site.public().absolute.clone() else { return Ok(None) };
    let urls: Vec<(String, String)> =
        entries.iter().filter_map(|e| Some((site.absolute(&e.location)?, format_date(&e.lastmod)))).collect();
    // Files of at most `limit` URLs and SITEMAP_BYTES each.
    let mut files: Vec<Vec<u8>> = Vec::new();
    let mut start = 0;
    while start < urls.len() || files.is_empty() {
        let mut end = (start + limit.max(1)).min(urls.len());
        let mut file = urlset(&urls[start..end])?;
        while file.len() > SITEMAP_BYTES && end - start > 1 {
            end = start + (end - start) / 2;
            file = urlset(&urls[start..end])?;
        }
        files.push(file);
        start = end;
    }
    if files.len() == 1 {
        return Ok(Some(vec![("sitemap.xml".to_owned(), files.remove(0))]));
    }
    let newest = entries.iter().map(|e| e.lastmod).max().map(|d| format_date(&d)).unwrap_or_default();
    let mut out = Vec::with_capacity(files.len() + 1);
    let mut index = Writer::new_with_indent(Vec::new(), b' ', 2);
    index.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    index.create_element("sitemapindex").with_attribute(("xmlns", NAMESPACE)).write_inner_content(|w| {
        for n in 1..=files.len() {
            let loc = root.join(&format!("sitemaps/{n}.xml")).map_or_else(|_| String::new(), String::from);
            w.create_element("sitemap").write_inner_content(|w| {
                w.create_element("loc").write_text_content(BytesText::new(&loc))?;
                w.create_element("lastmod").write_text_content(BytesText::new(&newest))?;
                Ok(())
            })?;
        }
        Ok(())
    })?;
    out.push(("sitemap.xml".to_owned(), finish(index)));
    out.extend(files.into_iter().enumerate().map(|(i, bytes)| (format!("sitemaps/{}.xml", i + 1), bytes)));
    Ok(Some(out))
}

fn urlset(urls: &[(String, String)]) -> io::Result<Vec<u8>> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer.create_element("urlset").with_attribute(("xmlns", NAMESPACE)).write_inner_content(|w| {
        for (loc, lastmod) in urls {
            w.create_element("url").write_inner_content(|w| {
                w.create_element("loc").write_text_content(BytesText::new(loc))?;
                w.create_element("lastmod").write_text_content(BytesText::new(lastmod))?;
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(finish(writer))
}

fn finish(writer: Writer<Vec<u8>>) -> Vec<u8> {
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    bytes
}

/// `robots.txt`: everything may be crawled, and here is the sitemap.
pub(crate) fn robots(site: &StaticSite) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if let Some(sitemap) = site.public().absolute.as_ref().and_then(|u| u.join("sitemap.xml").ok()) {
        out.push_str(&format!("\nSitemap: {sitemap}\n"));
    }
    out
}
