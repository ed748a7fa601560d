//! Rebuilding over an earlier build: an oracle test. Random sequences of
//! adds, edits, renames and deletes on a small archive, each followed by a
//! build into the same folder, must leave that folder byte for byte equal
//! to a build into an empty one; and the build's own report (`N files
//! written, M unchanged, K deleted`) must match what actually changed on
//! disk. Also: adding 100 posts to an archive, counted the same way, and a
//! changed config said to be why every file was compared.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod support;
use support::{change_at_random, fake_viewer, files as tree, new_post, Rng};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("folio-incremental-test-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

/// `folio build SITE -o OUT` as a static site around `viewer` (or the
/// bundle alone): the (written, unchanged, deleted) counts it reports.
fn build(site: &Path, out: &Path, viewer: Option<&Path>) -> ((usize, usize, usize), String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command.arg("build").arg(site).arg("-o").arg(out).args(["--page-size", "7"]);
    match viewer {
        Some(viewer) => {
            command.arg("--viewer").arg(viewer).args(["--public-url", "https://archive.example/"])
        }
        None => command.arg("--bundle-only"),
    };
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    let line =
        stdout.lines().find(|l| l.ends_with(" deleted")).unwrap_or_else(|| panic!("no counts in {stdout}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit() && c != ',')
        .filter(|s| s.chars().any(|c| c.is_ascii_digit()))
        .map(|s| s.replace(',', "").parse().unwrap())
        .collect();
    ((numbers[0], numbers[1], numbers[2]), stdout)
}

/// What changed between two trees: (written, unchanged, deleted).
fn difference(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> (usize, usize, usize) {
    let record = folio_cli::RECORD_FILE;
    let files = |t: &BTreeMap<String, Vec<u8>>| t.iter().filter(|(rel, _)| *rel != record).count();
    let unchanged =
        after.iter().filter(|(rel, bytes)| *rel != record && before.get(*rel) == Some(bytes)).count();
    let deleted = before.keys().filter(|rel| *rel != record && !after.contains_key(*rel)).count();
    (files(after) - unchanged, unchanged, deleted)
}

#[test]
fn rebuilding_over_an_earlier_build_equals_a_fresh_build_after_any_change() {
    let root = temp_dir("oracle");
    let (site, viewer, out) = (root.join("site"), root.join("viewer"), root.join("out"));
    fake_viewer(&viewer, "0123456789abcdef");
    folio_synth::write_site(&site, 24, folio_synth::BodySize::Fixed(300), 7).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for layout in [Some(viewer.as_path()), None] {
        let _ = fs::remove_dir_all(&out);
        build(&site, &out, layout);
        for step in 0..8 {
            let what = change_at_random(&mut rng, &site, step);
            let before = tree(&out);
            let (reported, stdout) = build(&site, &out, layout);
            let after = tree(&out);
            assert_eq!(reported, difference(&before, &after), "{what}: the report is what changed\n{stdout}");
            let fresh = root.join(format!("fresh-{step}"));
            build(&site, &fresh, layout);
            let fresh_tree = tree(&fresh);
            let differing: Vec<&String> = fresh_tree
                .keys()
                .chain(after.keys())
                .filter(|rel| fresh_tree.get(*rel) != after.get(*rel))
                .collect();
            assert!(
                differing.is_empty(),
                "{what} (layout {layout:?}): differs from a fresh build in {differing:?}"
            );
            fs::remove_dir_all(fresh).unwrap();
        }
    }
    let _ = fs::remove_dir_all(root);
}

#[test]
fn adding_100_posts_rewrites_what_they_touch_and_a_config_change_says_why() {
    let root = temp_dir("add-100");
    let (site, viewer, out) = (root.join("site"), root.join("viewer"), root.join("out"));
    fake_viewer(&viewer, "0123456789abcdef");
    folio_synth::write_site(&site, 400, folio_synth::BodySize::Fixed(300), 11).unwrap();
    let (first, _) = build(&site, &out, Some(&viewer));
    let mut rng = Rng(42);
    for n in 0..100 {
        let (name, text) = new_post(&mut rng, 1000 + n);
        fs::write(site.join("_posts").join(name), text).unwrap();
    }
    let before = tree(&out);
    let (reported, stdout) = build(&site, &out, Some(&viewer));
    let after = tree(&out);
    assert_eq!(reported, difference(&before, &after), "{stdout}");
    let (written, unchanged, deleted) = reported;
    let gone: Vec<&String> = before.keys().filter(|rel| !after.contains_key(*rel)).collect();
    // Adding posts removes no page; only tag pairs that fell out of the
    // precomputed set lose their list.
    assert_eq!(deleted, gone.len());
    assert!(gone.iter().all(|rel| rel.starts_with("bundle/lists/pair/")), "{gone:?}");
    assert!(written >= 100 && unchanged > 0, "{reported:?}");
    assert!(!stdout.contains("compared afresh"), "{stdout}");
    println!("400 posts: {} files; +100 posts: {written} written, {unchanged} unchanged", first.0);

    fs::write(
        site.join("_config.yml"),
        fs::read_to_string(site.join("_config.yml")).unwrap() + "author: Someone\n",
    )
    .unwrap();
    let (_, stdout) = build(&site, &out, Some(&viewer));
    assert!(
        stdout.contains("every file was compared afresh: the settings or _config.yml changed"),
        "{stdout}"
    );
    let _ = fs::remove_dir_all(root);
}
