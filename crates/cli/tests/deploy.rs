//! `folio build --viewer`: a deployable static site from a site and a
//! (fake) viewer build. The `_headers` file is a snapshot
//! (`tests/snapshots/deploy__headers.snap`). The pages themselves are tested
//! in the browser (`tests/e2e/site.test.mjs`).

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use folio_core::{read_bundle, Bundle, LAYOUT_PAGES};

mod support;
use support::{fake_viewer, files};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("folio-deploy-test-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

fn folio(args: &[&Path]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_folio")).args(args).output().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// `folio build <seed fixture> -o <out> --viewer <viewer>` followed by `extra`.
fn build_with_viewer(out: &Path, viewer: &Path, extra: &[&str]) -> (i32, String, String) {
    let seed = fixtures().join("seed");
    let mut args: Vec<&Path> = vec!["build".as_ref(), &seed, "-o".as_ref(), out, "--viewer".as_ref(), viewer];
    args.extend(extra.iter().map(Path::new));
    folio(&args)
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096).read_to_end(&mut out).unwrap();
    out
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}

/// Every file under `dir`, relative, with `/`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    files(dir).into_keys().collect()
}

/// The seed post's pages, as files.
const SEED_PAGES: [&str; 10] = [
    "index.html",
    "404.html",
    "post/000_dacaaeb1a3c7b9ba/index.html",
    "category/huaxiashibao/index.html",
    "tag/华夏时报新闻/index.html",
    "archive/2022/index.html",
    "archive/2022/01/index.html",
    "archive/index.html",
    "tags/index.html",
    "categories/index.html",
];

#[test]
fn with_viewer_writes_a_static_site_around_the_viewer() {
    let root = temp_dir("site");
    let (viewer, out) = (root.join("dist"), root.join("public"));
    fake_viewer(&viewer, "0123456789abcdef");
    let (code, stdout, stderr) = build_with_viewer(&out, &viewer, &["--article-type", "news"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("wrote 11 static pages") && stdout.contains("and 2 Atom feeds"), "{stdout}");
    assert!(stdout.contains("added the viewer from"), "{stdout}");
    // No `url` in the site and no --public-url: no sitemap, and a warning.
    assert!(stderr.contains("warning: the site's public URL is unknown"), "{stderr}");

    // The pages layout: a manifest, whose posts are their pages.
    let Bundle::Chunked(manifest) = read_bundle(&fs::read(out.join("bundle.json")).unwrap()).unwrap() else {
        panic!("not a manifest");
    };
    assert_eq!((manifest.layout.as_str(), manifest.posts), (LAYOUT_PAGES, 1));
    assert!(!out.join("bundle/posts").exists(), "no post files beside the pages");

    let files = listing(&out);
    for page in SEED_PAGES {
        let html = fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(
            html.contains("<link rel=\"stylesheet\" href=\"")
                && html.contains("assets/folio-ae6b6053c6aa215d.css\">"),
            "{page}"
        );
        assert!(html.contains("<meta http-equiv=\"Content-Security-Policy\""), "{page}");
    }
    let article = fs::read_to_string(out.join(SEED_PAGES[2])).unwrap();
    assert!(
        article.contains(r#""@type":"NewsArticle""#)
            && article.contains(r#""datePublished":"2022-01-12T21:11:17+08:00""#)
    );
    assert!(
        article.contains(r#"<link rel="canonical" href="../../post/000_dacaaeb1a3c7b9ba/">"#),
        "relative without a URL"
    );
    assert!(article.contains(r#"<script data-boot="../../assets/folio-boot-"#));
    for feed in ["feed.xml", "category/huaxiashibao/feed.xml"] {
        assert!(fs::read_to_string(out.join(feed))
            .unwrap()
            .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    }
    assert_eq!(fs::read_to_string(out.join("robots.txt")).unwrap(), "User-agent: *\nAllow: /\n");
    assert!(!out.join("sitemap.xml").exists());

    // The viewer's files, unchanged, in assets/ (the embed loader and the
    // icon at the root); not what the static site replaces.
    for (from, to) in [
        ("folio-0123456789abcdef.js", "assets/folio-0123456789abcdef.js"),
        ("folio-0123456789abcdef_bg.wasm", "assets/folio-0123456789abcdef_bg.wasm"),
        ("folio-sanitizer-550c03912cbcdd03_bg.wasm", "assets/folio-sanitizer-550c03912cbcdd03_bg.wasm"),
        ("snippets/folio-3cbe528c6f489620/inline0.js", "assets/snippets/folio-3cbe528c6f489620/inline0.js"),
        ("embed.js", "embed.js"),
        ("favicon.svg", "favicon.svg"),
    ] {
        assert_eq!(fs::read(viewer.join(from)).unwrap(), fs::read(out.join(to)).unwrap(), "{from}");
    }
    for absent in
        ["folio-viewer.json", "preload-bundle-9e2e78f061cbaf2.js", "assets/index.html", "assets/bundle.json"]
    {
        assert!(!files.iter().any(|f| f == absent || f.ends_with(&format!("/{absent}"))), "{absent}");
    }
    assert!(fs::read_to_string(out.join("index.html"))
        .unwrap()
        .contains("<meta name=\"folio-page\" content=\"\">"));

    // Text files of at least 1 KB at the root and in assets/, and only
    // those, have .br and .gz copies that decompress to the file.
    let mut compressed = Vec::new();
    for name in files.iter().filter(|n| !n.ends_with(".br") && !n.ends_with(".gz")) {
        let bytes = fs::read(out.join(name)).unwrap();
        let (br, gz) = (out.join(format!("{name}.br")), out.join(format!("{name}.gz")));
        if br.exists() {
            assert_eq!(unbrotli(&fs::read(&br).unwrap()), bytes, "{name}.br");
            assert_eq!(gunzip(&fs::read(&gz).unwrap()), bytes, "{name}.gz");
            assert!(fs::metadata(&br).unwrap().len() < bytes.len() as u64, "{name}.br is smaller");
            compressed.push(name.as_str());
        } else {
            assert!(!gz.exists(), "{name}");
        }
    }
    assert_eq!(
        compressed,
        [
            "404.html",
            "assets/folio-0123456789abcdef.js",
            "assets/folio-0123456789abcdef_bg.wasm",
            "assets/folio-ae6b6053c6aa215d.css",
            "assets/folio-sanitizer-550c03912cbcdd03.js",
            "assets/folio-sanitizer-550c03912cbcdd03_bg.wasm",
            "assets/folio-search-0f0f0f0f0f0f0f0f.js",
            "assets/folio-search-0f0f0f0f0f0f0f0f_bg.wasm",
            "embed.js",
            "feed.xml",
            "index.html",
        ]
    );

    // _headers: a year for hashed names, exactly application/wasm for wasm,
    // revalidation for the rest.
    let headers = fs::read_to_string(out.join("_headers")).unwrap();
    let rule = |path: &str| {
        let start = headers.find(&format!("\n{path}\n")).unwrap_or_else(|| panic!("no rule for {path}")) + 1;
        headers[start..]
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .map(str::trim)
            .collect::<Vec<_>>()
    };
    let immutable = "Cache-Control: public, max-age=31536000, immutable";
    for hashed in [
        "/assets/folio-0123456789abcdef.js",
        "/assets/folio-ae6b6053c6aa215d.css",
        "/assets/folio-sanitizer-550c03912cbcdd03.js",
    ] {
        assert_eq!(rule(hashed), [immutable], "{hashed}");
    }
    for wasm in ["/assets/folio-0123456789abcdef_bg.wasm", "/assets/folio-sanitizer-550c03912cbcdd03_bg.wasm"]
    {
        assert_eq!(rule(wasm), [immutable, "Content-Type: application/wasm"], "{wasm}");
    }
    let boot = files.iter().find(|f| f.starts_with("assets/folio-boot-")).expect("the boot module");
    assert_eq!(rule(&format!("/{boot}")), [immutable]);
    for fresh in [
        "/",
        "/index.html",
        "/bundle.json",
        "/404.html",
        "/favicon.svg",
        "/embed.js",
        "/feed.xml",
        "/robots.txt",
        "/assets/snippets/folio-3cbe528c6f489620/inline0.js",
    ] {
        assert_eq!(rule(fresh), ["Cache-Control: public, max-age=0, must-revalidate"], "{fresh}");
    }
    assert!(headers.contains("/*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n"));
    insta::assert_snapshot!("headers", headers);

    // A second run over the same folder gives the same bytes.
    let before: Vec<Vec<u8>> = files.iter().map(|n| fs::read(out.join(n)).unwrap()).collect();
    let (code, _, stderr) = build_with_viewer(&out, &viewer, &["--article-type", "news"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(listing(&out), files);
    let after: Vec<Vec<u8>> = files.iter().map(|n| fs::read(out.join(n)).unwrap()).collect();
    assert!(before == after, "the folder is reproducible");

    // A new viewer build replaces the old one's files.
    fake_viewer(&viewer, "fedcba9876543210");
    let (code, _, stderr) = build_with_viewer(&out, &viewer, &["--quiet"]);
    assert_eq!(code, 0, "{stderr}");
    let now = listing(&out);
    assert!(now.iter().any(|f| f == "assets/folio-fedcba9876543210_bg.wasm"));
    assert!(!now.iter().any(|f| f.contains("0123456789abcdef")), "{now:?}");
    let boots: Vec<&String> =
        now.iter().filter(|f| f.starts_with("assets/folio-boot-") && f.ends_with(".js")).collect();
    assert_eq!(boots.len(), 1, "{now:?}");
    assert!(fs::read_to_string(out.join(boots[0])).unwrap().contains("folio-fedcba9876543210.js"));
    assert!(fs::read_to_string(out.join(SEED_PAGES[2]))
        .unwrap()
        .contains(&format!("data-boot=\"../../{}\"", boots[0])));
    let _ = fs::remove_dir_all(root);
}

#[test]
fn a_public_url_gives_canonical_links_a_sitemap_and_the_subfolder() {
    let root = temp_dir("public-url");
    let (viewer, out) = (root.join("dist"), root.join("public"));
    fake_viewer(&viewer, "0123456789abcdef");
    let (code, stdout, stderr) =
        build_with_viewer(&out, &viewer, &["--public-url", "https://archive.example/归档"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert!(
        stdout.contains(
            "wrote a sitemap of 9 URLs at https://archive.example/%E5%BD%92%E6%A1%A3/sitemap.xml (1 file)"
        ),
        "{stdout}"
    );
    let base = "https://archive.example/%E5%BD%92%E6%A1%A3/";
    let article = fs::read_to_string(out.join(SEED_PAGES[2])).unwrap();
    assert!(article.contains(&format!(r#"<link rel="canonical" href="{base}post/000_dacaaeb1a3c7b9ba/">"#)));
    assert!(
        article.contains(&format!(r#"<meta property="og:url" content="{base}post/000_dacaaeb1a3c7b9ba/">"#))
    );
    // 404.html is served at any depth: it names its files from the root.
    let missing = fs::read_to_string(out.join("404.html")).unwrap();
    assert!(missing.contains(r#"href="/%E5%BD%92%E6%A1%A3/assets/folio-ae6b6053c6aa215d.css""#), "{missing}");
    assert!(missing.contains(r#"<meta name="robots" content="noindex">"#));
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert_eq!(sitemap.matches("<url>").count(), 9, "every page but 404.html");
    assert_eq!(sitemap.matches("<lastmod>2022-01-12T21:11:17+08:00</lastmod>").count(), 9);
    for page in SEED_PAGES.iter().filter(|p| **p != "404.html") {
        let path = page.trim_end_matches("index.html");
        let url = format!(
            "{base}{}",
            path.replace("华夏时报新闻", "%E5%8D%8E%E5%A4%8F%E6%97%B6%E6%8A%A5%E6%96%B0%E9%97%BB")
        );
        assert!(sitemap.contains(&format!("<loc>{url}</loc>")), "{url}\n{sitemap}");
    }
    assert_eq!(
        fs::read_to_string(out.join("robots.txt")).unwrap(),
        format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n")
    );
    let headers = fs::read_to_string(out.join("_headers")).unwrap();
    assert!(
        headers.contains("\n/%E5%BD%92%E6%A1%A3/*\n")
            && headers.contains("\n/%E5%BD%92%E6%A1%A3/sitemap.xml\n"),
        "{headers}"
    );
    assert!(!headers.contains("\n/index.html\n"), "{headers}");
    let _ = fs::remove_dir_all(root);
}

#[test]
fn a_lowered_sitemap_limit_splits_the_sitemap() {
    let root = temp_dir("sitemap-split");
    let (viewer, out) = (root.join("dist"), root.join("public"));
    fake_viewer(&viewer, "0123456789abcdef");
    let (code, stdout, stderr) = build_with_viewer(
        &out,
        &viewer,
        &["--public-url", "https://archive.example/", "--sitemap-limit", "4"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("wrote a sitemap of 9 URLs at https://archive.example/sitemap.xml (4 files)"),
        "{stdout}"
    );
    let index = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"),
        "{index}"
    );
    let mut urls = 0;
    for n in 1..=3 {
        assert!(index.contains(&format!("<loc>https://archive.example/sitemaps/{n}.xml</loc>")), "{index}");
        let part = fs::read_to_string(out.join(format!("sitemaps/{n}.xml"))).unwrap();
        let count = part.matches("<url>").count();
        assert!((1..=4).contains(&count), "{part}");
        urls += count;
    }
    assert!(!out.join("sitemaps/4.xml").exists());
    assert_eq!(urls, 9);
    let _ = fs::remove_dir_all(root);
}

#[test]
fn single_keeps_one_bundle_file_beside_the_pages() {
    let root = temp_dir("single");
    let (viewer, out) = (root.join("dist"), root.join("public"));
    fake_viewer(&viewer, "0123456789abcdef");
    let (code, _, stderr) = build_with_viewer(&out, &viewer, &["--single", "--quiet"]);
    assert_eq!(code, 0, "{stderr}");
    let loaded = folio_core::read_single_file(&fs::read(out.join("bundle.json")).unwrap()).unwrap();
    assert_eq!(loaded.posts.len(), 1);
    for page in SEED_PAGES {
        assert!(out.join(page).is_file(), "{page}");
    }
    let _ = fs::remove_dir_all(root);
}
