//! `folio build --with-viewer`: a deployable folder from a site and a (fake)
//! viewer build. The `_headers` file is a snapshot
//! (`tests/snapshots/deploy__headers.snap`).

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// `folio build <seed fixture> -o <out> --with-viewer <viewer>` followed by `extra`.
fn build_with_viewer(out: &Path, viewer: &Path, extra: &[&str]) -> (i32, String, String) {
    let seed = fixtures().join("seed");
    let mut args: Vec<&Path> =
        vec!["build".as_ref(), &seed, "-o".as_ref(), out, "--with-viewer".as_ref(), viewer];
    args.extend(extra.iter().map(Path::new));
    folio(&args)
}

/// Text that compresses, of about `len` bytes.
fn filler(what: &str, len: usize) -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < len {
        s.push_str(&format!("/* {what} {i} */ const value{i} = \"{}\";\n", "folio ".repeat(i % 7)));
        i += 1;
    }
    s
}

/// What `trunk build --release` writes, in miniature: index.html, hashed
/// JavaScript, wasm and CSS (one hash of 15 digits, as Trunk prints hashes
/// without leading zeros), a small favicon, a sample bundle, and a folder.
fn fake_viewer(dir: &Path) {
    fs::create_dir_all(dir.join("assets")).unwrap();
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "index.html",
            format!(
                "<!doctype html><title>Folio</title><script src=./preload-bundle-9e2e78f061cbaf2.js></script>\n<!--{}-->",
                filler("index", 2_000)
            )
            .into_bytes(),
        ),
        ("folio-0123456789abcdef.js", filler("js", 6_000).into_bytes()),
        ("folio-0123456789abcdef_bg.wasm", {
            let mut wasm = b"\0asm\x01\0\0\0".to_vec();
            wasm.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 % 17));
            wasm
        }),
        ("folio-ae6b6053c6aa215d.css", filler("css", 3_000).into_bytes()),
        ("preload-bundle-9e2e78f061cbaf2.js", b"fetch('bundle.json');\n".to_vec()),
        ("favicon.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n".to_vec()),
        ("bundle.json", b"{\"sample\": \"the viewer's own sample bundle\"}\n".to_vec()),
        ("assets/notes.txt", b"copied as is\n".to_vec()),
    ];
    for (name, bytes) in files {
        fs::write(dir.join(name), bytes).unwrap();
    }
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
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

#[test]
fn with_viewer_writes_a_complete_deployable_folder() {
    let root = temp_dir("site");
    let (viewer, out) = (root.join("dist"), root.join("public"));
    fake_viewer(&viewer);
    let (code, stdout, stderr) = build_with_viewer(&out, &viewer, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("added the viewer from"), "{stdout}");

    // The site's bundle replaced the sample.
    let bundle = fs::read(out.join("bundle.json")).unwrap();
    let loaded = folio_core::read_single_file(&bundle).unwrap();
    assert_eq!(loaded.posts.len(), 1);

    // Every viewer file is there, unchanged.
    for name in listing(&viewer).iter().filter(|n| *n != "bundle.json") {
        assert_eq!(fs::read(viewer.join(name)).unwrap(), fs::read(out.join(name)).unwrap(), "{name}");
    }

    // Text files of at least 1 KB, and only those, have .br and .gz copies
    // that decompress to the file.
    let files = listing(&out);
    let text_ext = ["html", "js", "css", "json", "svg", "wasm"];
    let mut compressed = Vec::new();
    for name in files.iter().filter(|n| !n.ends_with(".br") && !n.ends_with(".gz")) {
        let bytes = fs::read(out.join(name)).unwrap();
        let is_text = name.rsplit_once('.').is_some_and(|(_, ext)| text_ext.contains(&ext));
        let (br, gz) = (out.join(format!("{name}.br")), out.join(format!("{name}.gz")));
        if is_text && bytes.len() >= 1024 {
            assert_eq!(unbrotli(&fs::read(&br).unwrap()), bytes, "{name}.br");
            assert_eq!(gunzip(&fs::read(&gz).unwrap()), bytes, "{name}.gz");
            assert!(fs::metadata(&br).unwrap().len() < bytes.len() as u64, "{name}.br is smaller");
            compressed.push(name.as_str());
        } else {
            assert!(!br.exists() && !gz.exists(), "{name} is too small or not text: no compressed copies");
        }
    }
    assert_eq!(
        compressed,
        [
            "bundle.json",
            "folio-0123456789abcdef.js",
            "folio-0123456789abcdef_bg.wasm",
            "folio-ae6b6053c6aa215d.css",
            "index.html"
        ]
    );

    // 404.html: static, no script, to the not-found route, relative.
    let page = fs::read_to_string(out.join("404.html")).unwrap();
    assert!(page.contains("<meta http-equiv=\"refresh\" content=\"0; url=./#/not-found\">"), "{page}");
    assert!(page.contains("<meta name=\"referrer\" content=\"no-referrer\">"), "{page}");
    assert!(!page.contains("<script"), "{page}");

    // _headers: a year for hashed names, revalidation for the rest.
    let headers = fs::read_to_string(out.join("_headers")).unwrap();
    let rule = |path: &str| {
        let start = headers.find(&format!("\n{path}\n")).unwrap_or_else(|| panic!("no rule for {path}")) + 1;
        headers[start..].lines().nth(1).unwrap().trim().to_owned()
    };
    for hashed in [
        "/folio-0123456789abcdef.js",
        "/folio-0123456789abcdef_bg.wasm",
        "/folio-ae6b6053c6aa215d.css",
        "/preload-bundle-9e2e78f061cbaf2.js",
    ] {
        assert_eq!(rule(hashed), "Cache-Control: public, max-age=31536000, immutable", "{hashed}");
    }
    for fresh in ["/", "/index.html", "/bundle.json", "/404.html", "/favicon.svg", "/assets/notes.txt"] {
        assert_eq!(rule(fresh), "Cache-Control: public, max-age=0, must-revalidate", "{fresh}");
    }
    assert!(headers.contains("/*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n"));
    insta::assert_snapshot!("headers", headers);

    // A second run over the same folder gives the same bytes.
    let before: Vec<Vec<u8>> = files.iter().map(|n| fs::read(out.join(n)).unwrap()).collect();
    let (code, _, stderr) = build_with_viewer(&out, &viewer, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(listing(&out), files);
    let after: Vec<Vec<u8>> = files.iter().map(|n| fs::read(out.join(n)).unwrap()).collect();
    assert!(before == after, "the folder is reproducible");
    let _ = fs::remove_dir_all(root);
}

#[test]
fn public_url_makes_the_404_page_work_at_any_depth() {
    let root = temp_dir("public-url");
    let (viewer, out) = (root.join("dist"), root.join("public"));
    fake_viewer(&viewer);
    let (code, _, stderr) = build_with_viewer(&out, &viewer, &["--public-url", "/archive", "--quiet"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let page = fs::read_to_string(out.join("404.html")).unwrap();
    assert!(
        page.contains("url=/archive/#/not-found") && page.contains("href=\"/archive/#/not-found\""),
        "{page}"
    );
    let headers = fs::read_to_string(out.join("_headers")).unwrap();
    assert!(headers.contains("\n/archive/*\n") && headers.contains("\n/archive/index.html\n"), "{headers}");
    assert!(!headers.contains("\n/index.html\n"), "{headers}");
    let _ = fs::remove_dir_all(root);
}
