//! Fixture folders under `tests/fixtures/<case>/`, built with the library and
//! compared with insta snapshots (`tests/snapshots/`). Regenerate them with
//! `INSTA_UPDATE=always cargo test -p folio-cli --test fixtures` and review
//! the diff; nobody edits a snapshot by hand.

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use folio_cli::{build_bundle, BuildOptions, BuildOutput, InputKind};

fn fixture(case: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case)
}

/// Options with a fixed "now", so that future-dated posts stay in the future.
fn options(input: PathBuf) -> BuildOptions {
    BuildOptions {
        input,
        now: Some(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()),
        ..BuildOptions::default()
    }
}

fn build(opts: &BuildOptions) -> BuildOutput {
    build_bundle(opts, &folio_cli::NoProgress).unwrap_or_else(|e| panic!("{}: {e}", opts.input.display()))
}

/// The bundle as pretty JSON, then every diagnostic, then the summary line.
fn render(out: &BuildOutput) -> String {
    let mut text = serde_json::to_string_pretty(&out.bundle).unwrap();
    text.push_str("\n\n--- diagnostics\n");
    for d in &out.diagnostics {
        text.push_str(&d.to_string());
        text.push('\n');
    }
    text.push_str("--- summary\n");
    text.push_str(&out.summary.to_string());
    text.push('\n');
    text
}

fn snapshot_case(case: &str) -> BuildOutput {
    let out = build(&options(fixture(case)));
    insta::assert_snapshot!(case, render(&out));
    out
}

#[test]
fn front_matter_shapes() {
    let out = snapshot_case("front-matter");
    let titles: Vec<&str> = out.bundle.posts.iter().map(|p| p.title.as_str()).collect();
    assert!(titles.contains(&"Opener with trailing spaces"));
    assert!(titles.contains(&"Closed with dots"));
    assert!(titles.contains(&"Starts with a BOM"));
    assert!(titles.contains(&"CRLF line endings"));
    assert!(titles.contains(&"Second title wins"), "duplicate key: the last value wins");
    assert!(titles.contains(&"Empty"), "empty front matter: title from the file name");
    assert!(titles.contains(&"Control characters in text"));
    assert!(titles.contains(&"A .txt file that opens with front matter"));
    assert!(out.diagnostics.iter().any(|d| d.kind == folio_cli::Kind::DuplicateKey && d.line == Some(4)));
}

#[test]
fn taxonomy_shapes() {
    let out = snapshot_case("taxonomies");
    let by_id = |id: &str| out.bundle.posts.iter().find(|p| p.id == id).unwrap();
    assert_eq!(by_id("list").tags, ["SF (软件基础)", "PLF (编程语言基础)", "笔记", "foo"]);
    assert_eq!(by_id("flow-list").tags, ["a b", "c [d]"]);
    assert_eq!(by_id("space-separated").categories, ["foo", "bar", "baz"]);
    assert_eq!(by_id("space-separated").tags, ["A", "string"]);
    assert!(by_id("empty").categories.is_empty() && by_id("null").tags.is_empty());
    assert_eq!(by_id("number").categories, ["2013"]);
    assert_eq!(by_id("number").tags, ["42"]);
    assert_eq!(by_id("singular-and-plural").categories, ["a", "b"]);
    assert_eq!(by_id("folder-categories").categories, ["foo", "extra"]);
}

#[test]
fn date_shapes() {
    let out = snapshot_case("dates");
    let date = |id: &str| out.bundle.posts.iter().find(|p| p.id == id).unwrap().date.clone();
    assert_eq!(date("date-only"), "2013-05-06T00:00:00+08:00");
    assert_eq!(date("single-digit"), "2013-05-09T09:05:07+08:00");
    assert_eq!(date("minus-hhmm"), "2013-05-11T10:48:22-08:00");
    assert_eq!(date("nanoseconds"), "2013-05-13T10:00:00.123456789-05:00");
    assert_eq!(date("quoted"), "2013-05-14T09:50:00+03:00");
    assert_eq!(date("not-zero-padded"), "2013-09-03T00:00:00+08:00");
    assert_eq!(date("undated-with-front-matter-date"), "2022-01-12T21:11:17+08:00");
    assert_eq!(date("double-colon"), "2017-02-10T00:00:00+08:00", "falls back to the file name");
    assert_eq!(date("ctime"), "2021-09-03T00:00:00+08:00", "falls back to the file name");
    assert_eq!(out.summary.warnings.get(&folio_cli::Kind::DateFallback), Some(&3));
    assert_eq!(out.summary.files_skipped, 2, "no date anywhere");
}

#[test]
fn publishing_rules() {
    let out = snapshot_case("publishing");
    assert_eq!(out.summary.posts, 1);
    assert_eq!((out.summary.drafts_skipped, out.summary.future_skipped), (2, 1));
    let mut all = options(fixture("publishing"));
    all.drafts = true;
    all.future = true;
    let out = build(&all);
    insta::assert_snapshot!("publishing-drafts-future", render(&out));
    assert_eq!(out.summary.posts, 5, "published: false, no, the future post and _drafts");
}

#[test]
fn colliding_ids_are_made_unique() {
    let out = snapshot_case("ids");
    let mut ids: Vec<&str> = out.bundle.posts.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    assert!(ids.contains(&"this-week-in-edge-rails"));
    assert!(ids.contains(&"this-week-in-edge-rails-2013-05-13"));
    assert!(ids.contains(&"this-week-in-edge-rails-2013-05-20"));
    assert!(ids.contains(&"this-week-in-edge-rails-2013-05-20-2"));
    for id in &ids {
        folio_core::validate_id(id).unwrap();
    }
    assert_eq!(out.summary.warnings.get(&folio_cli::Kind::IdCollision), Some(&3));
}

#[test]
fn bodies_markdown_kramdown_html_and_liquid() {
    let out = snapshot_case("bodies");
    let body = |id: &str| out.bundle.posts.iter().find(|p| p.id == id).unwrap().content_html.clone();
    let liquid = body("liquid");
    assert!(liquid.contains("{{ site.title }} and {% if x %} stay literal"), "{liquid}");
    assert!(liquid.contains("{% raw %} keeps an inner raw opener"), "{liquid}");
    assert!(liquid.contains("https://github.com/example/blog"), "{liquid}");
    assert!(liquid.contains(r#"<code class="language-ruby">"#), "{liquid}");
    assert!(liquid.contains(r##"href="#/post/markdown""##), "{liquid}");
    assert!(liquid.contains(r##"href="#/post/html""##), "{liquid}");
    assert!(liquid.contains("${{ secrets.GITHUB_TOKEN }}"), "{liquid}");
    assert!(liquid.contains("${{ secrets.DEPLOY_KEY }}"), "{liquid}");
    assert!(!liquid.contains("include"), "{liquid}");
    let md = body("markdown");
    assert!(!md.contains("<script"), "bodies are sanitised at build time: {md}");
    assert!(md.contains(r#"href="https://blog.example/docs/""#), "{md}");
    let kd = body("kramdown");
    assert!(!kd.contains("{:") || kd.contains("kept-in-code"), "{kd}");
    assert!(!kd.contains("TOC"), "{kd}");
}

#[test]
fn excerpts_in_order() {
    let out = snapshot_case("excerpts");
    let excerpt = |id: &str| out.bundle.posts.iter().find(|p| p.id == id).unwrap().excerpt.clone().unwrap();
    assert_eq!(excerpt("field"), "I can set a custom excerpt");
    assert_eq!(excerpt("post-separator"), "First paragraph with link ref. Second paragraph");
    assert_eq!(excerpt("config-separator"), "One. Two.");
    assert_eq!(excerpt("more"), "Alpha. Beta.");
    assert_eq!(excerpt("first-paragraph"), "The first paragraph is the excerpt.");
    assert!(excerpt("long").ends_with('…'));
}

#[test]
fn site_config_and_flag_overrides() {
    let out = snapshot_case("site-config");
    assert_eq!(out.bundle.site.title, "Site title (second)");
    assert_eq!(out.bundle.site.base_url.as_deref(), Some("https://example.com/blog/"));
    assert_eq!(out.bundle.posts[0].date, "2020-06-01T12:00:00-07:00", "America/Los_Angeles");
    assert_eq!(
        out.bundle.posts[0].source_url.as_deref(),
        Some("https://example.com/blog/notes/2020/06/01/hello/")
    );

    let mut opts = options(fixture("site-config"));
    opts.title = Some("Flag title".into());
    opts.description = Some("Flag description".into());
    opts.lang = Some("en".into());
    opts.base_url = Some("https://other.example/x/".into());
    opts.timezone = Some("Asia/Shanghai".into());
    let out = build(&opts);
    assert_eq!(out.bundle.site.title, "Flag title");
    assert_eq!(out.bundle.site.description.as_deref(), Some("Flag description"));
    assert_eq!(out.bundle.site.lang.as_deref(), Some("en"));
    assert_eq!(out.bundle.site.base_url.as_deref(), Some("https://other.example/x/"));
    assert_eq!(out.bundle.posts[0].date, "2020-06-01T12:00:00+08:00");
    assert!(out.bundle.posts[0].content_html.contains("https://other.example/img/x.png"));
}

#[test]
fn the_seed_post_imports_as_a_single_file() {
    let mut opts = options(fixture("seed/000_dacaaeb1a3c7b9ba.txt"));
    opts.title = Some("华夏时报".into());
    let out = build(&opts);
    assert_eq!(out.input_kind, InputKind::File);
    insta::assert_snapshot!("seed", render(&out));
    let seed = &out.bundle.posts[0];
    assert_eq!(seed.id, "000_dacaaeb1a3c7b9ba");
    assert_eq!(seed.date, "2022-01-12T21:11:17+08:00");
    assert_eq!(seed.categories, ["huaxiashibao"]);
    assert_eq!(seed.tags, ["华夏时报新闻"]);
    assert_eq!(seed.excerpt.as_deref(), Some("2021年是“十四五”开局之年，迈好“第一步”至关重要。"));
    assert_eq!(
        seed.source_url.as_deref(),
        Some("http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201122245554676")
    );
    assert!(seed.content_html.contains(r#"<p class="em_media">（文章来源：华夏时报）</p>"#));
    assert!(seed.content_html.contains(r#"href="https://finews.withounder.com/""#));
}

#[test]
fn every_input_kind() {
    // A site root, its `_posts` folder, a plain folder, a single file.
    let site = build(&options(fixture("dates")));
    assert_eq!(site.input_kind, InputKind::Site);
    let posts = build(&options(fixture("dates/_posts")));
    assert_eq!(posts.input_kind, InputKind::PostsFolder);
    assert_eq!(posts.bundle.posts.len(), site.bundle.posts.len());
    assert_eq!(posts.bundle.site.title, "Dates", "a `_posts` folder reads its site's _config.yml");
    let folder = build(&options(fixture("seed")));
    assert_eq!(folder.input_kind, InputKind::Folder);
    assert_eq!(folder.bundle.posts.len(), 1);
    assert_eq!(folder.bundle.site.title, "seed");
    let file = build(&options(fixture("dates/_posts/2013-05-06-date-only.md")));
    assert_eq!(file.input_kind, InputKind::File);
    assert_eq!(file.bundle.posts.len(), 1);
}

#[test]
fn output_is_byte_identical_across_runs() {
    let dir = std::env::temp_dir().join(format!("folio-determinism-{}", std::process::id()));
    let opts = options(fixture("bodies"));
    let (a, _) = folio_cli::write_bundle(&build(&opts).bundle, &dir.join("a"), false).unwrap();
    let (b, _) = folio_cli::write_bundle(&build(&opts).bundle, &dir.join("b"), false).unwrap();
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    let _ = std::fs::remove_dir_all(dir);
}

/// Regression: a ten-line "billion laughs" front matter (nine levels of ten
/// aliases, 10^9 values) made `folio build` take all memory, and abort at a
/// 4 GB limit after 17 s. Now its post is skipped with a warning that names
/// the file and the line, at once, and the rest of the archive builds.
#[test]
fn a_billion_laughs_front_matter_is_skipped_and_the_rest_builds() {
    let started = std::time::Instant::now();
    let out = snapshot_case("front-matter-limits");
    assert!(started.elapsed().as_secs() < 10, "refused without expanding the aliases");
    let ids: Vec<&str> = out.bundle.posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["ordinary"]);
    assert_eq!(out.bundle.posts[0].tags, ["yaml"]);
    assert_eq!(out.summary.files_skipped, 1);
    let warning = out.diagnostics.iter().find(|d| d.kind == folio_cli::Kind::AliasLimit).unwrap();
    assert_eq!(warning.path, "_posts/2020-01-01-billion-laughs.md");
    assert!((4..=12).contains(&warning.line.unwrap()), "{warning}");
    assert!(warning.to_string().contains("aliases expand to more than 10000 values"), "{warning}");
}

/// Posts link to one another by the original site's permalinks: those links
/// become links to the posts themselves, in any spelling a host serves the
/// page under; links to anything else keep the usual rules (dropped without
/// a base URL, kept when absolute).
#[test]
fn links_between_posts_by_permalink_point_at_the_posts() {
    let out = snapshot_case("post-links");
    let body = |id: &str| out.bundle.posts.iter().find(|p| p.id == id).unwrap().content_html.clone();
    let links = body("links");
    assert_eq!(links.matches(r##"href="#/post/hello-world""##).count(), 3, "{links}");
    assert_eq!(links.matches(r##"href="#/post/special""##).count(), 2, "{links}");
    assert!(links.contains(">a page that is not a post</a>") && !links.contains("/about/"), "{links}");
    assert!(links.contains(r#"href="https://jekyllrb.com/posts/2024/hello-world""#), "{links}");
    assert!(body("special").contains(r##"href="#/post/hello-world""##));
}
