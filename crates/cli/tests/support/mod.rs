//! What more than one test file needs: a fake viewer build, and a
//! folder's files with their bytes.
#![allow(dead_code, reason = "each test file uses part of it")]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Text that compresses, of about `len` bytes.
pub fn filler(what: &str, len: usize) -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < len {
        s.push_str(&format!("/* {what} {i} */ const value{i} = \"{}\";\n", "folio ".repeat(i % 7)));
        i += 1;
    }
    s
}

pub fn fake_wasm(seed: u32) -> Vec<u8> {
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend((0..20_000u32).map(|i| (i.wrapping_add(seed).wrapping_mul(2_654_435_761) >> 13) as u8 % 17));
    wasm
}

/// What `trunk build --release` writes, in miniature: index.html, hashed
/// JavaScript, wasm and CSS (one hash of 15 digits, as Trunk prints hashes
/// without leading zeros), the sanitiser module, a snippet, a small favicon,
/// the embed loader, a sample bundle, and `folio-viewer.json` naming them.
/// `hash` is the app's content hash.
pub fn fake_viewer(dir: &Path, hash: &str) {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir.join("snippets/folio-3cbe528c6f489620")).unwrap();
    let (script, wasm) = (format!("folio-{hash}.js"), format!("folio-{hash}_bg.wasm"));
    let manifest = format!(
        r#"{{"format":"folio-viewer","version":1,"script":"{script}","wasm":"{wasm}","css":"folio-ae6b6053c6aa215d.css","sanitizer":"folio-sanitizer-550c03912cbcdd03.js","search":"folio-search-0f0f0f0f0f0f0f0f.js","snippets":["snippets/folio-3cbe528c6f489620/inline0.js"]}}"#
    );
    let files: Vec<(String, Vec<u8>)> = vec![
        (
            "index.html".into(),
            format!(
                "<!doctype html><title>Folio</title><script src=./preload-bundle-9e2e78f061cbaf2.js></script>\n<!--{}-->",
                filler("index", 2_000)
            )
            .into_bytes(),
        ),
        (script, filler(&format!("js {hash}"), 6_000).into_bytes()),
        (wasm, fake_wasm(hash.len() as u32 + u32::from(hash.as_bytes()[0]))),
        ("folio-ae6b6053c6aa215d.css".into(), filler("css", 3_000).into_bytes()),
        ("folio-sanitizer-550c03912cbcdd03.js".into(), filler("sanitizer js", 4_000).into_bytes()),
        ("folio-sanitizer-550c03912cbcdd03_bg.wasm".into(), fake_wasm(7)),
        ("folio-search-0f0f0f0f0f0f0f0f.js".into(), filler("search js", 3_000).into_bytes()),
        ("folio-search-0f0f0f0f0f0f0f0f_bg.wasm".into(), fake_wasm(9)),
        ("snippets/folio-3cbe528c6f489620/inline0.js".into(), b"export function f() {}\n".to_vec()),
        ("preload-bundle-9e2e78f061cbaf2.js".into(), b"fetch('bundle.json');\n".to_vec()),
        ("favicon.svg".into(), b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n".to_vec()),
        ("embed.js".into(), filler("embed", 2_000).into_bytes()),
        ("bundle.json".into(), b"{\"sample\": \"the viewer's own sample bundle\"}\n".to_vec()),
        ("folio-viewer.json".into(), manifest.into_bytes()),
    ];
    for (name, bytes) in files {
        fs::write(dir.join(name), bytes).unwrap();
    }
}

/// Every file under `dir`, by its path relative to `dir` with `/`, with its bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}
