//! `folio build`: a complete deployable folder.
//!
//! After the bundle and the static pages are written, [`add_viewer`]:
//!
//! 1. copies the viewer's `trunk build --release` output into `assets/`
//!    (`favicon.svg` and `embed.js`, which other sites link to by name, into
//!    the root), leaving out what the static site replaces: its `index.html`
//!    (the home page is a static page), its sample bundle and its
//!    `preload-bundle` script (each page preloads the bundle itself);
//! 2. writes `_headers` (Netlify and Cloudflare Pages syntax): a year and
//!    `immutable` for content-hashed files, revalidation for the rest, and
//!    `Content-Type: application/wasm` on wasm, so browsers compile it as it
//!    streams in and keep the compiled code;
//! 3. writes `.br` (brotli 11) and `.gz` (gzip 9) copies of every text file
//!    at the root and in `assets/` of at least [`COMPRESS_MIN_BYTES`], in
//!    parallel. The many pages and chunks, and the sitemap, are left to the
//!    host's own compression: brotli 11 of each would cost more than the
//!    build.
//!
//! Everything written is a function of the inputs only (no timestamps), so
//! the folder is reproducible. `docs/deploy.md` says what each host does
//! with these files.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::build::GENERATOR;
use crate::site::ASSETS;
use crate::site_build::SiteOutput;
use crate::viewer::Viewer;
use crate::Error;

/// Files smaller than this get no compressed copies: the saving would not pay
/// for the extra request headers and files.
pub const COMPRESS_MIN_BYTES: u64 = 1024;

/// Extensions of the files that get `.br` and `.gz` copies.
pub const COMPRESSED_EXTENSIONS: &[&str] = &["html", "js", "css", "json", "svg", "wasm", "xml", "txt"];

/// `Cache-Control` of content-hashed files: a new build gives new names.
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` of everything else (`index.html`, `bundle.json`, ...):
/// caches keep a copy but ask the host before each use, so a new deploy is
/// seen at once and a page never points at hashed files that are gone.
pub const CACHE_REVALIDATE: &str = "public, max-age=0, must-revalidate";

/// Viewer files that stay at the site's root: other sites and browsers ask
/// for them by name.
const ROOT_FILES: [&str; 2] = ["favicon.svg", "embed.js"];

/// What [`add_viewer`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteReport {
    /// Files copied from the viewer, as written in the output folder
    /// (relative to it, with `/`).
    pub copied: Vec<String>,
    /// Files that got `.br` and `.gz` copies.
    pub compressed: Vec<String>,
    /// Total size of the files `_headers` lists (the viewer, the bundle,
    /// the root's pages, feed and sitemap), uncompressed.
    pub bytes: u64,
    /// Their total size as brotli, where a `.br` copy exists, else as is.
    pub brotli_bytes: u64,
}

/// Checks, before anything is built, that `viewer` is a viewer build and is
/// not the output folder (nor contains it), and reads it.
///
/// # Errors
///
/// [`Error::SameViewerAndOutput`], [`Error::OutputInsideViewer`] or
/// [`Error::NotAViewer`].
pub fn check_viewer(viewer: &Path, out_dir: &Path) -> Result<Viewer, Error> {
    let (v, o) = (absolute(viewer), absolute(out_dir));
    if o == v {
        return Err(Error::SameViewerAndOutput { path: out_dir.to_owned() });
    }
    if o.starts_with(&v) {
        return Err(Error::OutputInsideViewer { viewer: viewer.to_owned(), output: out_dir.to_owned() });
    }
    Viewer::open(viewer)
}

/// Finishes `out_dir`, which holds the site's bundle and the static pages
/// `site` describes, into a deployable folder: the viewer's files, `_headers`
/// and, when `compress`, pre-compressed copies (a local preview, which
/// `folio serve` rebuilds on every change, has no use for them).
///
/// # Errors
///
/// A file cannot be read or written.
pub fn add_viewer(
    viewer: &Viewer,
    out_dir: &Path,
    site: &SiteOutput,
    compress: bool,
) -> Result<SiteReport, Error> {
    let mut report = SiteReport::default();
    let mut files = list_files(&viewer.dir)?;
    files.retain(|rel| !skip_from_viewer(rel));
    for rel in &files {
        let to_rel = placed(rel);
        let to = out_dir.join(&to_rel);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|source| Error::Write { path: parent.to_owned(), source })?;
        }
        fs::copy(viewer.dir.join(rel), &to).map_err(|source| Error::Write { path: to.clone(), source })?;
        report.copied.push(to_rel);
    }

    let mut served: Vec<String> = report.copied.clone();
    served.push("bundle.json".to_owned());
    served.extend(site.root_files.iter().filter(|rel| out_dir.join(rel).is_file()).cloned());
    served.sort();
    served.dedup();
    remove_stale_assets(out_dir, &served)?;
    write_file(&out_dir.join("_headers"), headers_file(&served, &site.public.path).as_bytes())?;

    // Compressed copies: one job per (file, format), so the large wasm file's
    // brotli pass runs beside everything else.
    let mut jobs = Vec::new();
    for rel in &served {
        let path = out_dir.join(rel);
        let size = fs::metadata(&path).map_err(|source| Error::Read { path: path.clone(), source })?.len();
        report.bytes += size;
        // Sitemaps are read by crawlers now and then, and at 100,000 posts
        // brotli 11 of their megabytes of XML would take longer than writing
        // every page: the host's own compression serves them.
        if !compress || !compressible(rel) || is_sitemap(rel) {
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

/// Where a viewer file goes in the site: `assets/`, or the root for the
/// files asked for by name.
fn placed(rel: &str) -> String {
    if ROOT_FILES.contains(&rel) {
        rel.to_owned()
    } else {
        format!("{ASSETS}{rel}")
    }
}

/// Deletes what an earlier build left in `assets/` (an older viewer's
/// hashed files): the folder holds this build's files only.
fn remove_stale_assets(out_dir: &Path, served: &[String]) -> Result<(), Error> {
    let dir = out_dir.join(ASSETS);
    if !dir.is_dir() {
        return Ok(());
    }
    let keep: HashSet<&str> = served.iter().map(String::as_str).collect();
    for rel in list_files(&dir)? {
        let full = format!("{ASSETS}{rel}");
        let base = full.strip_suffix(".br").or_else(|| full.strip_suffix(".gz")).unwrap_or(&full);
        if !keep.contains(base) {
            let path = dir.join(&rel);
            fs::remove_file(&path).map_err(|source| Error::Write { path, source })?;
        }
    }
    Ok(())
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

/// Whether `rel` is a file of the sitemap.
fn is_sitemap(rel: &str) -> bool {
    rel == "sitemap.xml" || rel.starts_with("sitemaps/")
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
        "#   ('none' forbids embedding anywhere). Every page keeps its own strict <meta> policy.\n",
        "# - Strict-Transport-Security: part of the host's HTTPS settings.\n",
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
            hashed.push((url, rel.ends_with(".wasm")));
        } else {
            fresh.push(url);
        }
    }
    for url in &fresh {
        let _ = writeln!(out, "{url}\n  Cache-Control: {CACHE_REVALIDATE}");
    }
    if !hashed.is_empty() {
        out.push_str(concat!(
            "\n# Content-hashed: a new build gives new names, so keep them a year. WebAssembly\n",
            "# streams into the compiler, and its compiled code is cached, only when served\n",
            "# as exactly application/wasm.\n",
        ));
        for (url, wasm) in &hashed {
            let _ = writeln!(out, "{url}\n  Cache-Control: {CACHE_IMMUTABLE}");
            if *wasm {
                let _ = writeln!(out, "  Content-Type: application/wasm");
            }
        }
    }
    out
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

/// Viewer files that are not copied: what the static site replaces (the
/// app's `index.html`, its `preload-bundle` script), its manifest, its
/// sample bundle and search index and the chunks of a chunked one (a viewer
/// folder that was itself built into must never overwrite the site's
/// chunks or index), compressed
/// copies (they are made afresh), and hidden files such as Trunk's `.stage`
/// folder.
fn skip_from_viewer(rel: &str) -> bool {
    let chunks = folio_core::DEFAULT_CHUNK_ROOT;
    matches!(rel, "bundle.json" | "index.html" | "folio-viewer.json")
        || rel.starts_with("preload-bundle")
        || rel.starts_with(chunks)
        || rel.starts_with(folio_search::SEARCH_DIR)
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
            "index.html",
            "folio-viewer.json",
            "preload-bundle-9e2e78f061cbaf2.js",
            "bundle/posts/00/0011223344556677.json",
            "bundle/lists/all/1.json",
            "search/index.txt",
            ".stage/x",
            "a.js.br",
        ] {
            assert!(skip_from_viewer(rel), "{rel}");
        }
        for rel in [
            "folio-1a2b3c4d5e6f7a8b_bg.wasm",
            "embed.js",
            "bundles.txt",
            "searches.txt",
            "snippets/folio-1/inline0.js",
        ] {
            assert!(!skip_from_viewer(rel), "{rel}");
        }
        assert_eq!(placed("embed.js"), "embed.js");
        assert_eq!(placed("folio-1a2b3c4d5e6f7a8b_bg.wasm"), "assets/folio-1a2b3c4d5e6f7a8b_bg.wasm");
    }

    #[test]
    fn public_urls() {
        assert_eq!(normalise_public_url("./").unwrap(), "./");
        assert_eq!(normalise_public_url("/archive").unwrap(), "/archive/");
        assert_eq!(normalise_public_url("https://x.example/a/").unwrap(), "https://x.example/a/");
        let headers = headers_file(
            &[
                "index.html".into(),
                "a-0123456789abcdef.js".into(),
                "assets/a-0123456789abcdef_bg.wasm".into(),
            ],
            "/archive/",
        );
        assert!(headers.contains("\n/archive/*\n  X-Content-Type-Options: nosniff\n"), "{headers}");
        assert!(
            headers.contains("\n/archive/\n  Cache-Control: public, max-age=0, must-revalidate\n"),
            "{headers}"
        );
        assert!(headers.contains(
            "\n/archive/a-0123456789abcdef.js\n  Cache-Control: public, max-age=31536000, immutable\n/"
        ));
        assert!(headers.contains(
            "\n/archive/assets/a-0123456789abcdef_bg.wasm\n  Cache-Control: public, max-age=31536000, immutable\n  Content-Type: application/wasm\n"
        ), "{headers}");
        for bad in ["", "archive/", "//evil.example/", "javascript:alert(1)", "/a\"b/", "/a?x", "/a b/"] {
            assert!(normalise_public_url(bad).is_err(), "{bad}");
        }
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
