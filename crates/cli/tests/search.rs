//! The search index `folio build` writes, in both layouts: the same index
//! from the same site, and every answer equal to a scan of the bundle's own
//! posts (the oracle of `crates/search/tests/oracle.rs`, on real builds).

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use folio_cli::{build_bundle, build_chunked, write_search_index, BuildOptions, ChunkedOptions, NoProgress};
use folio_core::plain_text;
use folio_search::{
    Count, DocText, Engine, FileStore, Manifest, Order, Query, SearchFilter, SearchRequest, Step,
    MANIFEST_FILE,
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

/// Every result's post id, in `order`, and the count the first page gave.
fn search(dir: &Path, query: &str, filter: &SearchFilter, order: Order) -> (Vec<String>, Count) {
    let manifest = Manifest::parse(&fs::read_to_string(dir.join(MANIFEST_FILE)).unwrap()).unwrap();
    let engine = Engine::new(manifest);
    let request =
        SearchRequest { query: Query::parse(query), filter: filter.clone(), page: 1, per_page: 1000, order };
    let mut store = FileStore::new();
    loop {
        match engine.search(&request, &store).unwrap() {
            Step::Need(paths) => {
                for path in paths {
                    store.insert(path.clone(), fs::read(dir.join(&path)).ok());
                }
            }
            Step::Done(answer) => {
                return (answer.hits.into_iter().map(|h| h.record.id).collect(), answer.count)
            }
        }
    }
}

#[test]
fn both_layouts_write_the_same_index_and_it_answers_like_a_scan() {
    let site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/site");
    let scratch = tempfile::tempdir().unwrap();
    let single = scratch.path().join("single");
    let chunked = scratch.path().join("chunked");
    let bundle = build_bundle(&options(site.clone()), &NoProgress).unwrap().bundle;
    write_search_index(&bundle.posts, &single).unwrap();
    build_chunked(&options(site), &chunked, &ChunkedOptions::default(), &NoProgress).unwrap();
    let index = files(&single.join("search"));
    assert!(index.len() > 26, "{} files", index.len());
    assert!(index == files(&chunked.join("search")), "the same index in both layouts");

    // The seed post's own words, across a word boundary, in full width, a
    // prefix, a phrase, and things that are nowhere.
    let posts: Vec<(String, DocText, Vec<String>)> = bundle
        .posts
        .iter()
        .map(|p| (p.id.clone(), DocText::new(&p.title, &plain_text(&p.content_html)), p.categories.clone()))
        .collect();
    let queries = [
        "无障碍",
        "碍改",
        "残疾人事业",
        "华夏",
        "ＪＥＫＹＬＬ",
        "jekyl",
        "releas",
        "\"jekyll 4\"",
        "2022",
        "的",
        "鑫鑫",
        "zzzz",
        "无障碍 jekyll",
    ];
    let filters = [
        SearchFilter::default(),
        SearchFilter { category: Some("huaxiashibao".into()), ..SearchFilter::default() },
    ];
    for dir in [&single.join("search"), &chunked.join("search")] {
        for query in queries {
            for filter in &filters {
                let parsed = Query::parse(query);
                let matching: Vec<&(String, DocText, Vec<String>)> = posts
                    .iter()
                    .filter(|(_, text, categories)| {
                        parsed.matches(text)
                            && filter.category.as_ref().is_none_or(|c| categories.contains(c))
                    })
                    .collect();
                let expected: Vec<String> = matching.iter().map(|(id, ..)| id.clone()).collect();
                let (found, count) = search(dir, query, filter, Order::Newest);
                assert_eq!(found, expected, "{query:?} with {filter:?}");
                assert_eq!(count, Count::Exact(expected.len()), "{query:?}");
                // Relevance: the same posts, ranked by the brute-force score
                // (a stable sort keeps newest first among equals).
                let mut ranked = matching.clone();
                ranked.sort_by_key(|(_, text, _)| std::cmp::Reverse(parsed.relevance(text)));
                let ranked: Vec<String> = ranked.iter().map(|(id, ..)| id.clone()).collect();
                let (found, count) = search(dir, query, filter, Order::Relevance);
                assert_eq!(found, ranked, "{query:?} with {filter:?}, by relevance");
                assert_eq!(count, Count::Exact(expected.len()), "{query:?}, by relevance");
            }
        }
    }
    // The seed is found by a word of its body that only it has.
    assert_eq!(
        search(&single.join("search"), "无障碍改造", &SearchFilter::default(), Order::Newest).0,
        ["000_dacaaeb1a3c7b9ba"]
    );
}
