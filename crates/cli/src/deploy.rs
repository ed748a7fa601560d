//! `folio build --with-viewer`: a complete deployable folder.
//!
//! After `bundle.json` is written, [`add_viewer`]:
//!
//! 1. copies the viewer's `trunk build --release` output into the folder,
//!    except its sample `bundle.json` (the site's bundle replaces it);
//! 2. writes `404.html`, a static page that sends the browser to the viewer's
//!    not-found route;
//! 3. writes `_headers` (Netlify and Cloudflare Pages syntax): a year and
//!    `immutable` for content-hashed files, revalidation for the rest;
//! 4. writes `.br` (brotli 11) and `.gz` (gzip 9) copies of every text file
//!    of at least [`COMPRESS_MIN_BYTES`], in parallel.
//!
//! Everything written is a function of the inputs only (no timestamps), so
//! the folder is reproducible. `docs/deploy.md` says what each host does
//! with these files.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::build::GENERATOR;
use crate::Error;

/// Files smaller than this get no compressed copies: the saving would not pay
/// for the extra request headers and files.
pub const COMPRESS_MIN_BYTES: u64 = 1024;

/// Extensions of the files that get `.br` and `.gz` copies.
pub const COMPRESSED_EXTENSIONS: &[&str] = &["html", "js", "css", "json", "svg", "wasm"];

/// `Cache-Control` of content-hashed files: a new build gives new names.
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` of everything else (`index.html`, `bundle.json`, ...):
/// caches keep a copy but ask the host before each use, so a new deploy is
/// seen at once and `index.html` never points at hashed files that are gone.
pub const CACHE_REVALIDATE: &str = "public, max-age=0, must-revalidate";

/// What [`add_viewer`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteReport {
    /// Files copied from the viewer, relative to the output folder, with `/`.
    pub copied: Vec<String>,
    /// Files that got `.br` and `.gz` copies.
    pub compressed: Vec<String>,
    /// Total size of the files served (the viewer, the bundle, `404.html`),
    /// uncompressed.
    pub bytes: u64,
    /// Their total size as brotli, where a `.br` copy exists, else as is:
    /// roughly what a first visit downloads.
    pub brotli_bytes: u64,
}

/// Checks, before anything is built, that `viewer` is a viewer build and is
/// not the output folder (nor contains it).
///
/// # Errors
///
/// [`Error::SameViewerAndOutput`], [`Error::OutputInsideViewer`] or
/// [`Error::NotAViewer`].
pub fn check_viewer(viewer: &Path, out_dir: &Path) -> Result<(), Error> {
    let (v, o) = (absolute(viewer), absolute(out_dir));
    if o == v {
        return Err(Error::SameViewerAndOutput { path: out_dir.to_owned() });
    }
    if o.starts_with(&v) {
        return Err(Error::OutputInsideViewer { viewer: viewer.to_owned(), output: out_dir.to_owned() });
    }
    if !viewer.join("index.html").is_file() {
        return Err(Error::NotAViewer { path: viewer.to_owned() });
    }
    Ok(())
}

/// Turns `out_dir`, which already holds the site's `bundle.json`, into a
/// deployable folder: the viewer from `viewer`, `404.html`, `_headers`, and
/// pre-compressed copies. `public_url` is where the folder will be served
/// (`./` when unknown); only `404.html` and the paths in `_headers` use it.
///
/// # Errors
///
/// The viewer is not a viewer build, or a file cannot be read or written.
pub fn add_viewer(viewer: &Path, out_dir: &Path, public_url: &str) -> Result<SiteReport, Error> {
    check_viewer(viewer, out_dir)?;
    let mut report = SiteReport::default();
    let mut files = list_files(viewer)?;
    files.retain(|rel| !skip_from_viewer(rel));
    for rel in &files {
        let from = viewer.join(rel);
        let to = out_dir.join(rel);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|source| Error::Write { path: parent.to_owned(), source })?;
        }
        fs::copy(&from, &to).map_err(|source| Error::Write { path: to.clone(), source })?;
    }
    report.copied = files.clone();

    write_file(&out_dir.join("404.html"), not_found_page(public_url).as_bytes())?;
    let mut served = files;
    served.push("bundle.json".to_owned());
    served.push("404.html".to_owned());
    served.sort();
    served.dedup();
    write_file(&out_dir.join("_headers"), headers_file(&served, &url_prefix(public_url)).as_bytes())?;

    // Compressed copies: one job per (file, format), so the large wasm file's
    // brotli pass runs beside everything else.
    let mut jobs = Vec::new();
    for rel in &served {
        let path = out_dir.join(rel);
        let size = fs::metadata(&path).map_err(|source| Error::Read { path: path.clone(), source })?.len();
        report.bytes += size;
        if !compressible(rel) {
            continue;
        }
        if size < COMPRESS_MIN_BYTES {
            // Never leave a stale copy of an older, larger version beside it.
            for ext in ["br", "gz"] {
                let stale = sibling(&path, ext);
                if stale.is_file() {
                    fs::remove_file(&stale).map_err(|source| Error::Write { path: stale, source })?;
                }
            }
            report.brotli_bytes += size;
            continue;
        }
        report.compressed.push(rel.clone());
        jobs.push((path.clone(), Format::Brotli));
        jobs.push((path, Format::Gzip));
    }
    let sizes: Vec<(Format, u64, u64)> = jobs
        .par_iter()
        .map(|(path, format)| {
            let data = fs::read(path).map_err(|source| Error::Read { path: path.clone(), source })?;
            let packed =
                format.compress(&data).map_err(|source| Error::Write { path: path.clone(), source })?;
            write_file(&sibling(path, format.extension()), &packed)?;
            Ok((*format, data.len() as u64, packed.len() as u64))
        })
        .collect::<Result<_, Error>>()?;
    report.brotli_bytes +=
        sizes.iter().filter(|(f, ..)| *f == Format::Brotli).map(|(_, raw, br)| (*br).min(*raw)).sum::<u64>();
    Ok(report)
}

/// The two pre-compressed formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Brotli,
    Gzip,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Brotli => "br",
            Format::Gzip => "gz",
        }
    }

    fn compress(self, data: &[u8]) -> io::Result<Vec<u8>> {
        match self {
            Format::Brotli => {
                // The window grows with the file, up to brotli's largest (16 MiB).
                let bits = (usize::BITS - data.len().saturating_sub(1).leading_zeros()) as i32;
                let params = brotli::enc::BrotliEncoderParams {
                    quality: 11,
                    lgwin: bits.clamp(16, 24),
                    size_hint: data.len(),
                    ..Default::default()
                };
                let mut out = Vec::with_capacity(data.len() / 3);
                brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
                Ok(out)
            }
            Format::Gzip => {
                // No file name and a zero mtime in the header: reproducible.
                let mut encoder = flate2::GzBuilder::new()
                    .mtime(0)
                    .write(Vec::with_capacity(data.len() / 3), flate2::Compression::best());
                encoder.write_all(data)?;
                encoder.finish()
            }
        }
    }
}

/// Whether a file is text (or wasm) that compresses well.
pub fn compressible(rel: &str) -> bool {
    extension(rel).is_some_and(|ext| COMPRESSED_EXTENSIONS.contains(&ext.as_str()))
}

/// Whether `name` (a file name or path) carries Trunk's content hash:
/// `<stem>-<hash>.<ext>` or `<stem>-<hash>_bg.wasm`, where the hash is
/// lowercase hex. Trunk prints a 64-bit hash without leading zeros, so it is
/// usually 16 digits, sometimes 15 and rarely fewer; 12 to 16 are accepted.
pub fn is_content_hashed(name: &str) -> bool {
    let name = name.rsplit('/').next().unwrap_or(name);
    let Some((stem, _ext)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((base, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    !base.is_empty()
        && (12..=16).contains(&hash.len())
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// `_headers` for Netlify and Cloudflare Pages, for the files `served`
/// (paths relative to the folder, with `/`, sorted). `prefix` is the folder's
/// path on the host, `/` when it is the site root or unknown, or such as
/// `/archive/` (then the rules are ready to paste into the site's own file).
///
/// Both hosts apply every rule whose path matches and join repeated header
/// names with commas, so `Cache-Control` is given once per file and never in
/// the catch-all `/*` rule.
pub fn headers_file(served: &[String], prefix: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# HTTP headers for Netlify and Cloudflare Pages, written by {GENERATOR}.");
    out.push_str(concat!(
        "# Other hosts (GitHub Pages, S3 + CloudFront, a subfolder of another site):\n",
        "# see docs/deploy.md, which also explains each line.\n",
        "#\n",
        "# Not set here, on purpose:\n",
        "# - Content-Security-Policy: frame-ancestors. The viewer is meant to be embedded\n",
        "#   in other sites' iframes, and a <meta> policy cannot carry frame-ancestors.\n",
        "#   To choose who may embed this archive, add to the catch-all rule below, e.g.:\n",
        "#     Content-Security-Policy: frame-ancestors 'self' https://blog.example\n",
        "#   ('none' forbids embedding anywhere). index.html keeps its own strict <meta> policy.\n",
        "# - Strict-Transport-Security: part of the host's HTTPS settings.\n",
        "# - Content-Type: both hosts already serve .wasm as application/wasm.\n",
        "\n",
    ));
    if prefix != "/" {
        let _ = writeln!(
            out,
            "# These paths assume the folder is served at {prefix} (folio build --public-url):\n\
             # copy the rules into the _headers file at the root of the site.\n"
        );
    }
    let _ = writeln!(out, "{prefix}*");
    out.push_str(concat!(
        "  X-Content-Type-Options: nosniff\n",
        "  Referrer-Policy: no-referrer\n",
        "\n",
        "# Not content-hashed: caches must ask before each use, so a new deploy shows at once.\n",
    ));
    let mut fresh: Vec<String> = vec![prefix.to_owned()];
    let mut hashed = Vec::new();
    for rel in served {
        let url = format!("{prefix}{}", url_path(rel));
        if is_content_hashed(rel) {
            hashed.push(url);
        } else {
            fresh.push(url);
        }
    }
    for url in &fresh {
        let _ = writeln!(out, "{url}\n  Cache-Control: {CACHE_REVALIDATE}");
    }
    if !hashed.is_empty() {
        out.push_str("\n# Content-hashed by Trunk: a new build gives new names, so keep them a year.\n");
        for url in &hashed {
            let _ = writeln!(out, "{url}\n  Cache-Control: {CACHE_IMMUTABLE}");
        }
    }
    out
}

/// `404.html`: sends the browser to the viewer's not-found route. Static, with
/// no script (a strict policy forbids inline code): a meta refresh and a link.
/// `public_url` is `./` (relative to the requested path) or where the folder
/// is served, such as `/archive/`.
pub fn not_found_page(public_url: &str) -> String {
    let target = format!("{}#/not-found", escape_attr(public_url));
    format!(
        concat!(
            "<!doctype html>\n",
            "<html lang=\"en\">\n",
            "<meta charset=\"utf-8\">\n",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; base-uri 'none'; form-action 'none'\">\n",
            "<meta name=\"referrer\" content=\"no-referrer\">\n",
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n",
            "<meta name=\"robots\" content=\"noindex\">\n",
            "<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n",
            "<title>Page not found · 页面不存在</title>\n",
            "<h1>Page not found · 页面不存在</h1>\n",
            "<p><a href=\"{target}\">Open the archive · 打开归档</a></p>\n",
        ),
        target = target
    )
}

/// The path part of a public URL (`/archive/` of `https://x.example/archive/`),
/// percent-encoded, or `/` for a relative one.
fn url_prefix(public_url: &str) -> String {
    match url::Url::parse(public_url) {
        Ok(url) => url.path().to_owned(),
        Err(_) if public_url.starts_with('/') => url_path(public_url),
        Err(_) => "/".to_owned(),
    }
}

/// Checks and normalises `--public-url`: `./`, an absolute path (`/archive/`)
/// or an `http(s)` URL, ending in `/`.
///
/// # Errors
///
/// [`Error::PublicUrl`] for anything else.
pub fn normalise_public_url(url: &str) -> Result<String, Error> {
    let bad = |why: &str| Error::PublicUrl { url: url.to_owned(), why: why.to_owned() };
    let url = url.trim();
    if url.is_empty() {
        return Err(bad("it is empty"));
    }
    // These would need escaping wherever the URL is written; no real address has them.
    if url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\'))
    {
        return Err(bad("it contains spaces, quotes, angle brackets or backslashes"));
    }
    let relative = url == "." || url.starts_with("./") || url.starts_with('/') && !url.starts_with("//");
    let wrong_kind = || bad("use ./, a path such as /archive/, or an https:// URL");
    let parsed = if relative {
        url::Url::parse("https://folio.invalid/").and_then(|base| base.join(url))
    } else {
        url::Url::parse(url)
    }
    .map_err(|_| wrong_kind())?;
    let web_address = matches!(parsed.scheme(), "http" | "https") && parsed.host().is_some();
    if !relative && !web_address {
        return Err(wrong_kind());
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(bad("it has a query or a fragment"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(bad("it has a user name or password"));
    }
    let url = if relative { url.to_owned() } else { parsed.to_string() };
    Ok(if url.ends_with('/') { url } else { format!("{url}/") })
}

/// Viewer files that are not copied: its sample bundle (and compressed copies
/// of it), the chunks of a chunked one (a viewer folder that was itself
/// built into must never overwrite the site's chunks), compressed copies in
/// general (they are made afresh), and hidden files such as Trunk's `.stage`
/// folder.
fn skip_from_viewer(rel: &str) -> bool {
    let chunks = folio_core::DEFAULT_CHUNK_ROOT;
    rel == "bundle.json"
        || rel.starts_with(chunks)
        || rel.split('/').any(|part| part.starts_with('.'))
        || rel.ends_with(".br")
        || rel.ends_with(".gz")
}

/// Every file under `dir`, relative to it with `/`, sorted. Symlinked
/// folders are followed: a viewer build may link its assets in.
fn list_files(dir: &Path) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).min_depth(1).follow_links(true) {
        let entry =
            entry.map_err(|e| Error::Read { path: e.path().unwrap_or(dir).to_owned(), source: e.into() })?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    out.sort();
    Ok(out)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    fs::write(path, bytes).map_err(|source| Error::Write { path: path.to_owned(), source })
}

/// `x.js` → `x.js.br`.
fn sibling(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

fn extension(rel: &str) -> Option<String> {
    let name = rel.rsplit('/').next()?;
    name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase())
}

/// What a URL path keeps unescaped: RFC 3986's unreserved characters and
/// the `/` between segments.
const PATH_KEEP: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// A relative file path as a URL path: every byte outside the unreserved set
/// (and `/`) percent-encoded.
fn url_path(rel: &str) -> String {
    utf8_percent_encode(rel, PATH_KEEP).to_string()
}

/// Text made safe inside a double-quoted HTML attribute.
fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

/// `path` made absolute and free of `.`/`..`, resolving symbolic links in the
/// part that exists, so two spellings of one folder compare equal.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    let base = if path.is_absolute() { PathBuf::new() } else { std::env::current_dir().unwrap_or_default() };
    let mut out = base;
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
        if let Ok(real) = fs::canonicalize(&out) {
            out = real;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashes_are_recognised() {
        for name in [
            "folio-93b9031d5d9e2f91_bg.wasm",
            "folio-93b9031d5d9e2f91.js",
            "folio-ae6b6053c6aa215d.css",
            "preload-bundle-9e2e78f061cbaf2.js",
            "assets/logo-0123456789abcd.svg",
        ] {
            assert!(is_content_hashed(name), "{name}");
        }
        for name in [
            "index.html",
            "bundle.json",
            "favicon.svg",
            "404.html",
            "my-post.js",
            "x-93B9031D5D9E2F91.js",
            "-93b9031d5d9e2f91.js",
            "folio-93b9031d5d9e2f91",
            "folio-93b9031d5d9e2f91a.js",
        ] {
            assert!(!is_content_hashed(name), "{name}");
        }
    }

    #[test]
    fn a_viewer_folder_never_brings_its_own_bundle() {
        for rel in [
            "bundle.json",
            "bundle/posts/00/0011223344556677.json",
            "bundle/lists/all/1.json",
            ".stage/x",
            "a.js.br",
        ] {
            assert!(skip_from_viewer(rel), "{rel}");
        }
        for rel in ["index.html", "folio-1a2b3c4d5e6f7a8b_bg.wasm", "embed.js", "bundles.txt"] {
            assert!(!skip_from_viewer(rel), "{rel}");
        }
    }

    #[test]
    fn public_urls() {
        assert_eq!(normalise_public_url("./").unwrap(), "./");
        assert_eq!(normalise_public_url("/archive").unwrap(), "/archive/");
        assert_eq!(normalise_public_url("https://x.example/a/").unwrap(), "https://x.example/a/");
        assert_eq!(url_prefix("./"), "/");
        assert_eq!(url_prefix("/archive/"), "/archive/");
        assert_eq!(url_prefix("https://x.example/"), "/");
        assert_eq!(url_prefix("https://x.example/归档/"), "/%E5%BD%92%E6%A1%A3/");
        let headers = headers_file(&["index.html".into(), "a-0123456789abcdef.js".into()], "/archive/");
        assert!(headers.contains("\n/archive/*\n  X-Content-Type-Options: nosniff\n"), "{headers}");
        assert!(
            headers.contains("\n/archive/\n  Cache-Control: public, max-age=0, must-revalidate\n"),
            "{headers}"
        );
        assert!(headers.contains(
            "\n/archive/a-0123456789abcdef.js\n  Cache-Control: public, max-age=31536000, immutable\n"
        ));
        for bad in ["", "archive/", "//evil.example/", "javascript:alert(1)", "/a\"b/", "/a?x", "/a b/"] {
            assert!(normalise_public_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_404_page_has_no_script_and_a_relative_target() {
        let page = not_found_page("./");
        assert!(!page.contains("<script"));
        assert!(page.contains("content=\"0; url=./#/not-found\""));
        assert!(page.contains("href=\"./#/not-found\""));
        assert!(not_found_page("/archive/").contains("url=/archive/#/not-found"));
    }

    #[test]
    fn compressed_copies_round_trip() {
        let data = "Folio 归档 ".repeat(500).into_bytes();
        let br = Format::Brotli.compress(&data).unwrap();
        let gz = Format::Gzip.compress(&data).unwrap();
        assert!(br.len() < data.len() / 10 && gz.len() < data.len() / 5);
        let mut back = Vec::new();
        io::Read::read_to_end(&mut brotli::Decompressor::new(&br[..], 4096), &mut back).unwrap();
        assert_eq!(back, data);
        back.clear();
        io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut back).unwrap();
        assert_eq!(back, data);
        assert_eq!(gz, Format::Gzip.compress(&data).unwrap(), "reproducible");
    }
}
