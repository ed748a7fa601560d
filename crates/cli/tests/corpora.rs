//! Runs over real archives: copies of Jekyll's own edge-case posts, of
//! Jekyll's release notes and of a Chinese/English blog, kept in
//! `tests/fixtures/corpora/` with their licences (`tests/fixtures/NOTICE.md`),
//! and the viewer's sample site.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use folio_cli::{build_bundle, BuildOptions, BuildOutput, NoProgress};

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpora").join(name)
}

fn build(opts: BuildOptions) -> BuildOutput {
    let opts = BuildOptions { now: Some(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()), ..opts };
    let out = build_bundle(&opts, &NoProgress).unwrap_or_else(|e| panic!("{}: {e}", opts.input.display()));
    // Whatever the CLI writes, the viewer's reader must accept every post.
    let json = serde_json::to_vec(&out.bundle).unwrap();
    let loaded = folio_core::read_single_file(&json).unwrap();
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    out
}

#[test]
fn huxpro_blog() {
    let out = build(BuildOptions { input: corpus("huxpro"), ..BuildOptions::default() });
    // Six files, two of them `published: false` (one in a nested folder).
    assert_eq!(out.summary.posts, 4);
    assert_eq!(out.summary.drafts_skipped, 2);
    assert_eq!(out.bundle.site.title, "Hux Blog");
    let tags: BTreeSet<&str> =
        out.bundle.posts.iter().flat_map(|p| p.tags.iter().map(String::as_str)).collect();
    assert!(tags.contains("SF (软件基础)") && tags.contains("PLF (编程语言基础)"), "{tags:?}");
    // Posts in nested folders below _posts get no folder categories.
    assert!(out.bundle.posts.iter().all(|p| p.categories.is_empty()));
    // `permalink: pretty` and `url` give each post its original address.
    let post = out.bundle.posts.iter().find(|p| p.id == "digital-native").unwrap();
    assert_eq!(post.source_url.as_deref(), Some("https://huangxuan.me/2015/03/25/digital-native/"));
}

#[test]
fn jekyll_news() {
    let dir = corpus("jekyll-news");
    let out = build(BuildOptions {
        config: Some(dir.join("_SOURCE__config.yml")),
        input: dir.join("docs"),
        ..BuildOptions::default()
    });
    assert_eq!(out.summary.posts, 3);
    // `2023-01-29 18:30:22 2023 -0800` is not a date: the file name's is used.
    assert_eq!(out.summary.warnings.get(&folio_cli::Kind::DateFallback), Some(&1));
    let fallback = out.bundle.posts.iter().find(|p| p.id == "jekyll-3-9-3-released").unwrap();
    assert_eq!(fallback.date, "2023-01-29T00:00:00-08:00", "in the site's time zone");
    let post = out.bundle.posts.iter().find(|p| p.id == "jekyll-4-4-1-released").unwrap();
    assert_eq!(post.date, "2025-01-29T18:15:32+05:30");
    assert_eq!(
        post.source_url.as_deref(),
        Some("https://jekyllrb.com/news/2025/01/29/jekyll-4-4-1-released/")
    );
    // The same input as a plain folder (no site root) finds the same posts.
    let folder = build(BuildOptions { input: dir, ..BuildOptions::default() });
    assert_eq!(folder.summary.posts, 3);
}

/// Jekyll's own fixtures (`test/source`), against Jekyll's own expectations.
///
/// * `test_generated_site.rb`: 59 posts. Folio imports 55: the other four
///   (`2009-06-22-no-yaml.markdown`, `2011-04-12-text-extension.text`,
///   `2013-08-01-mkdn-extension.mkdn`, `2014-11-24-Rmd-extension.Rmd`) have
///   no front matter, and Folio skips such files with a note (issue #3),
///   where Jekyll publishes any dated file in `_posts`.
/// * `test_post_reader.rb`: `2008-02-02-not-published.markdown` and
///   `2008-02-03-wrong-extension.yml` are skipped.
/// * `test_site.rb` ("deploy payload"): the categories are exactly
///   `2013 bar baz category foo z_category MixedCase Mixedcase publish_test
///   win`, and `foo` has 5 posts; folders above `_posts` are categories and
///   `categories: foo bar baz` is three of them.
#[test]
fn jekyll_test_source_posts() {
    let out =
        build(BuildOptions { input: corpus("jekyll-test-source/test/source"), ..BuildOptions::default() });
    assert_eq!(out.summary.posts, 55);
    assert_eq!(out.summary.drafts_skipped, 1, "2008-02-02-not-published.markdown");
    let paths_with = |kind: folio_cli::Kind| -> BTreeSet<String> {
        out.diagnostics.iter().filter(|d| d.kind == kind).map(|d| d.path.clone()).collect()
    };
    assert_eq!(
        paths_with(folio_cli::Kind::NoFrontMatter),
        BTreeSet::from([
            "_posts/2009-06-22-no-yaml.markdown".to_owned(),
            "_posts/2013-08-01-mkdn-extension.mkdn".to_owned(),
            "_posts/include_relative/params.html".to_owned(),
            "_posts/include_relative/rel_include.html".to_owned(),
        ])
    );
    assert_eq!(
        paths_with(folio_cli::Kind::Draft),
        BTreeSet::from(["_posts/2008-02-02-not-published.markdown".to_owned()])
    );
    // Not a post in Jekyll either: no date in its name (and none in its front matter).
    assert_eq!(
        paths_with(folio_cli::Kind::NoDate),
        BTreeSet::from(["_posts/2013-03-19-not-a-post/dubious.markdown".to_owned()])
    );
    let mut categories: BTreeMap<&str, usize> = BTreeMap::new();
    for post in &out.bundle.posts {
        for c in &post.categories {
            *categories.entry(c).or_default() += 1;
        }
    }
    let names: BTreeSet<&str> = categories.keys().copied().collect();
    assert_eq!(
        names,
        BTreeSet::from([
            "2013",
            "bar",
            "baz",
            "category",
            "foo",
            "z_category",
            "MixedCase",
            "Mixedcase",
            "publish_test",
            "win"
        ])
    );
    assert_eq!(categories["foo"], 5);
    let by_title = |title: &str| out.bundle.posts.iter().find(|p| p.title == title).unwrap();
    assert_eq!(by_title("Categories in YAML").categories, ["foo", "bar", "baz"]);
    assert_eq!(by_title("Topical Post").categories, ["foo"], "foo/_posts/bar/: only folders above _posts");
    assert_eq!(by_title("Nested").categories, Vec::<String>::new(), "_posts/es/ is not a category");
    assert_eq!(by_title("Test title").categories, ["win"], "win/_posts with CRLF line endings");
    assert_eq!(by_title("Test title").tags, ["Ruby"]);
    assert!(out
        .bundle
        .posts
        .iter()
        .any(|p| p.id == "i-dont-like-zeroes" && p.date.starts_with("2017-02-05")));
    assert!(out.bundle.posts.iter().any(|p| p.title == "Test Post Where YAML Ends in Dots"));
    assert!(out.bundle.posts.iter().any(|p| p.title == "Properties Post"), ".text file with front matter");
    let excerpt =
        out.bundle.posts.iter().find(|p| p.title == "Post Excerpt Separator").unwrap().excerpt.clone();
    assert_eq!(excerpt.as_deref(), Some("First paragraph with link ref. Second paragraph"));
}

/// The viewer's sample archive (`samples/site`): the seed, Hux and Jekyll
/// posts, `timezone: Asia/Shanghai`.
#[test]
fn the_viewer_sample_site_builds() {
    let site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/site");
    let out = build(BuildOptions { input: site, ..BuildOptions::default() });
    assert_eq!(out.bundle.site.title, "Folio 示例归档");
    assert_eq!(out.summary.posts, 26, "27 files, one of them `published: false`");
    let seed = out.bundle.posts.iter().find(|p| p.id == "000_dacaaeb1a3c7b9ba").unwrap();
    assert_eq!(seed.date, "2022-01-12T21:11:17+08:00");
    assert!(seed.source_url.is_some());
    let hux = out.bundle.posts.iter().find(|p| p.id == "digital-native").unwrap();
    assert_eq!(hux.date, "2015-03-25T00:00:00+08:00", "no offset: the site time zone applies");
    assert_eq!(out.bundle.posts[0].id, "jekyll-4-4-1-released", "newest first");
}
