//! What more than one test file needs: a fake viewer build, a folder's
//! files with their bytes, and random changes to a site's posts.
#![allow(dead_code, reason = "each test file uses part of it")]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

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

/// A small deterministic random source.
pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The words random posts are made of.
pub const WORDS: [&str; 8] = ["华夏", "时报", "新闻", "archive", "release", "北京", "notes", "经济"];

/// A random post, number `n`: its file name and its text.
pub fn new_post(rng: &mut Rng, n: usize) -> (String, String) {
    let (year, month, day) = (2018 + rng.below(6), 1 + rng.below(12), 1 + rng.below(28));
    let title: Vec<&str> = (0..3).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    let tags: Vec<&str> = (0..1 + rng.below(2)).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    let name = format!("{year}-{month:02}-{day:02}-added-{n}.md");
    let text = format!(
        "---\ntitle: {}\ncategories: {}\ntags: [{}]\n---\n\n{} 第{n}篇。\n",
        title.concat(),
        ["news", "notes"][rng.below(2)],
        tags.join(", "),
        title.join(" ")
    );
    (name, text)
}

/// The site's post files, sorted.
pub fn posts(site: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        fs::read_dir(site.join("_posts")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// A change to a site's posts.
#[derive(Debug, Clone, Copy)]
pub enum Change {
    /// A new post.
    Add,
    /// A post's title changes.
    Retitle,
    /// A paragraph is added to a post.
    Extend,
    /// A post's file is renamed.
    Rename,
    /// A post is deleted.
    Delete,
}

/// Every kind of change.
pub const CHANGES: [Change; 5] =
    [Change::Add, Change::Retitle, Change::Extend, Change::Rename, Change::Delete];

/// Changes the site's posts at random: adds a post, edits one (its title
/// or its body), renames one or deletes one. Says what it did.
pub fn change_at_random(rng: &mut Rng, site: &Path, step: usize) -> String {
    let kind = CHANGES[rng.below(CHANGES.len())];
    change(rng, site, step, kind)
}

/// Makes change `kind` (of step `step`) to a post picked at random, and
/// says what it did.
pub fn change(rng: &mut Rng, site: &Path, step: usize, kind: Change) -> String {
    let files = posts(site);
    let victim = &files[rng.below(files.len())];
    match kind {
        Change::Add => {
            let (name, text) = new_post(rng, step);
            fs::write(site.join("_posts").join(&name), text).unwrap();
            format!("add {name}")
        }
        Change::Retitle => {
            let text = fs::read_to_string(victim).unwrap();
            let retitle = |line: &str| {
                if line.starts_with("title:") {
                    format!("title: 改过的标题 {step}")
                } else {
                    line.to_owned()
                }
            };
            fs::write(victim, text.lines().map(retitle).collect::<Vec<_>>().join("\n") + "\n").unwrap();
            format!("retitle {}", victim.display())
        }
        Change::Extend => {
            let text = fs::read_to_string(victim).unwrap();
            fs::write(victim, format!("{text}\n新的段落 {step}。\n")).unwrap();
            format!("extend {}", victim.display())
        }
        Change::Rename => {
            let name = victim.file_name().unwrap().to_string_lossy();
            let renamed = format!("{}-renamed-{step}.md", &name[..10]);
            fs::rename(victim, site.join("_posts").join(&renamed)).unwrap();
            format!("rename {name} to {renamed}")
        }
        Change::Delete => {
            fs::remove_file(victim).unwrap();
            format!("delete {}", victim.display())
        }
    }
}
