//! The chunked layout against the single-file one: every file `folio build
//! --chunked` writes must say exactly what the in-memory archive of the same
//! site says (lists page by page, articles with their neighbours, taxonomies,
//! years), and a rebuild must write the same bytes.
//!
//! Run over the viewer's sample site and Jekyll's own edge-case posts, whose
//! names (`foo bar`, `+`, `%20`, non-ASCII) exercise the file keys.

use std::fs;
use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use folio_cli::{build_bundle, build_chunked, BuildOptions, ChunkedOptions, NoProgress};
use folio_core::{
    post_path, read_bundle, read_list, read_post_file, Bundle, Filter, ListKind, PostIndex, TermKind,
    TermsFile,
};

mod support;
use support::files;

fn options(input: PathBuf) -> BuildOptions {
    BuildOptions {
        input,
        now: Some(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()),
        ..BuildOptions::default()
    }
}

/// Jekyll's own edge-case posts (a copy, see `tests/fixtures/NOTICE.md`).
fn jekyll_test_source() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpora/jekyll-test-source/test/source")
}

/// Builds `input` both ways and compares. `tags_meet` says whether some post
/// carries two of the top tags, so that pair lists must exist.
fn check_site(name: &str, input: PathBuf, page_size: usize, tags_meet: bool) {
    let opts = options(input);
    let single = build_bundle(&opts, &NoProgress).unwrap();
    let bundle = folio_core::read_single_file(&serde_json::to_vec(&single.bundle).unwrap()).unwrap();
    let archive = PostIndex::new(bundle.site, bundle.posts);

    let scratch = tempfile::Builder::new().prefix(&format!("folio-chunked-{name}-")).tempdir().unwrap();
    let dir = scratch.path();
    let chunked = ChunkedOptions { page_size, ..ChunkedOptions::default() };
    let out = build_chunked(&opts, dir, &chunked, &NoProgress).unwrap();
    assert_eq!(out.summary.posts, archive.posts().len());
    assert_eq!(out.diagnostics, single.diagnostics, "both layouts report the same problems");

    let Bundle::Chunked(manifest) = read_bundle(&fs::read(dir.join("bundle.json")).unwrap()).unwrap() else {
        panic!("bundle.json is not a chunked manifest");
    };
    let overview = archive.overview();
    assert_eq!(manifest.site, overview.site);
    assert_eq!(manifest.posts, overview.posts);
    assert_eq!(manifest.years, overview.years);
    assert_eq!(manifest.page_size, page_size);
    assert_eq!(manifest.tags.count, overview.tag_count);
    assert_eq!(manifest.tags.top, overview.tags[..manifest.tags.top.len()]);
    assert_eq!(manifest.categories.top, overview.categories[..manifest.categories.top.len()]);
    let root = dir.join(&manifest.chunks);

    // Articles, with their neighbours.
    for post in archive.posts() {
        let bytes = fs::read(root.join(post_path(&post.id))).unwrap();
        assert_eq!(
            Some(read_post_file(&post.id, &bytes).unwrap()),
            archive.article_view(&post.id),
            "{}",
            post.id
        );
    }

    // Every list, page by page.
    let mut lists = vec![(ListKind::All, Filter::All)];
    lists.extend(
        overview
            .categories
            .iter()
            .map(|c| (ListKind::Category(c.name.clone()), Filter::Category(c.name.clone()))),
    );
    lists.extend(overview.tags.iter().map(|t| (ListKind::Tag(t.name.clone()), Filter::Tag(t.name.clone()))));
    for y in &overview.years {
        lists.push((ListKind::Year(y.year), Filter::Year(y.year)));
        lists.extend(y.months.iter().map(|&(m, _)| (ListKind::Month(y.year, m), Filter::Month(y.year, m))));
    }
    // AND lists for every two of the manifest's top tags that meet.
    let top = &manifest.tags.top;
    for (i, a) in top.iter().enumerate() {
        for b in &top[i + 1..] {
            let filter = Filter::AllTags(vec![a.name.clone(), b.name.clone()]);
            let kind = ListKind::pair(&a.name, &b.name);
            if archive.select(&filter).is_empty() {
                assert!(!root.join(kind.path(1)).exists(), "{kind:?} is empty but has a file");
            } else {
                lists.push((kind, filter));
            }
        }
    }
    assert_eq!(
        lists.iter().any(|(k, _)| matches!(k, ListKind::TagPair(..))),
        tags_meet,
        "{name}: pair lists"
    );
    for (kind, filter) in lists {
        let expected: Vec<&str> = archive.select(&filter).iter().map(|p| p.id.as_str()).collect();
        let mut found = Vec::new();
        let mut page = 1;
        loop {
            let bytes =
                fs::read(root.join(kind.path(page))).unwrap_or_else(|e| panic!("{kind:?} page {page}: {e}"));
            let (file, entries) = read_list(&kind, &bytes).unwrap();
            assert_eq!(file.total, expected.len(), "{kind:?}");
            assert!(entries.len() <= page_size);
            found.extend(entries.into_iter().map(|e| e.id));
            if page == file.pages {
                break;
            }
            page += 1;
        }
        assert_eq!(found, expected, "{kind:?}");
        assert!(!root.join(kind.path(page + 1)).exists(), "{kind:?} has a page past its end");
    }

    // The whole taxonomies.
    for (kind, expected) in [(TermKind::Tag, &overview.tags), (TermKind::Category, &overview.categories)] {
        let mut terms = Vec::new();
        for page in 1.. {
            let Ok(bytes) = fs::read(root.join(kind.path(page))) else { break };
            let file: TermsFile = serde_json::from_slice(&bytes).unwrap();
            terms.extend(file.terms);
        }
        assert_eq!(&terms, expected, "{kind:?}");
    }

    // Deterministic: the same input writes the same bytes, and a rebuild
    // replaces the old chunks rather than adding to them.
    let first = files(dir);
    build_chunked(&opts, dir, &chunked, &NoProgress).unwrap();
    assert!(first == files(dir), "a rebuild wrote different files");
    let search = first.keys().filter(|p| p.starts_with("search")).count();
    assert_eq!(out.files as usize, first.len() - search);
    assert_eq!(out.search.as_ref().unwrap().files as usize, search, "the search index's files");
}

#[test]
fn the_sample_site_in_pages_of_seven() {
    check_site("sample", PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/site"), 7, true);
}

#[test]
fn jekylls_edge_case_posts_in_pages_of_three() {
    check_site("jekyll", jekyll_test_source(), 3, true);
}

#[test]
fn strict_writes_nothing_when_there_are_warnings() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("out");
    let chunked = ChunkedOptions { strict: true, ..ChunkedOptions::default() };
    let err = build_chunked(&options(jekyll_test_source()), &dir, &chunked, &NoProgress).unwrap_err();
    assert!(matches!(err, folio_cli::Error::Strict { .. }), "{err}");
    assert!(!dir.join("bundle.json").exists() && !dir.join("bundle").exists());
    let leftovers: Vec<_> =
        fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn check_reads_a_chunked_bundle_end_to_end_and_names_missing_posts() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let opts = options(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/site"));
    build_chunked(&opts, dir, &ChunkedOptions::default(), &NoProgress).unwrap();
    let report = folio_cli::check_bundle(&dir.join("bundle.json")).unwrap();
    assert_eq!((report.posts, report.skipped.len()), (26, 0), "{}", report.text);
    assert!(report.text.contains("a chunked Folio bundle (version 1.1)"), "{}", report.text);

    let gone = "000_dacaaeb1a3c7b9ba";
    fs::remove_file(dir.join("bundle").join(post_path(gone))).unwrap();
    let report = folio_cli::check_bundle(&dir.join("bundle.json")).unwrap();
    assert_eq!(report.posts, 25);
    assert_eq!(report.skipped.len(), 1, "{}", report.text);
    assert!(report.skipped[0].starts_with(&format!("post {gone}: cannot read")), "{}", report.skipped[0]);
}

#[test]
fn liquid_links_between_posts_resolve_alike_in_both_layouts() {
    // `{% post_url %}` and `{% link %}` need every post's id before any body
    // is rendered; both layouts must resolve them the same way.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bodies");
    check_site("bodies", dir, 2, false);
}
