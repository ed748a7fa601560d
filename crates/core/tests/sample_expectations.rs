//! What the viewer must show for each post of the sample archive, computed
//! here by the core itself, for the browser tests to compare the page with:
//! `tests/fixtures/sample-expectations.json`. Browser tests never re-implement
//! the core's rules; they read this file.
//!
//! The file is checked against the sample bundle on every run. After
//! `scripts/sample.sh` changes the sample, rewrite it with
//! `FOLIO_BLESS=1 cargo test -p folio-core --test sample_expectations`
//! (`scripts/sample.sh` does).

use std::collections::BTreeMap;
use std::path::PathBuf;

use folio_core::{read_single_file, reading_minutes};
use serde::Serialize;

#[derive(Serialize)]
struct Expectation {
    reading_minutes: u32,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn the_sample_expectations_are_up_to_date() {
    let bundle = std::fs::read(repo().join("static/bundle.json")).expect("the sample bundle");
    let posts = read_single_file(&bundle).expect("the sample bundle reads").posts;
    let expectations: BTreeMap<&str, Expectation> = posts
        .iter()
        .map(|p| (p.id.as_str(), Expectation { reading_minutes: reading_minutes(&p.content_html) }))
        .collect();
    let mut json = serde_json::to_string_pretty(&expectations).unwrap();
    json.push('\n');
    let path = repo().join("tests/fixtures/sample-expectations.json");
    if std::env::var_os("FOLIO_BLESS").is_some() {
        std::fs::write(&path, &json).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == json,
        "{} is stale: run FOLIO_BLESS=1 cargo test -p folio-core --test sample_expectations",
        path.display()
    );
    assert_eq!(expectations.len(), 26, "every sample post has its expectations");
}
