//! Building with the memory of the last build (what `folio serve` does on
//! every change): an oracle test. After random adds, edits, renames and
//! deletes, a build that renders and writes only what its memory says
//! changed, published over the last one, with its search index written
//! after, must leave the folder byte for byte equal to a build from
//! nothing (made as `folio build` makes it). And it must have done less: an edited post's build stages a
//! few files, and keeps the rest.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use folio_cli::{
    build_chunked_with, publish, staging_dir, BuildMemory, BuildOptions, ChunkedOptions, NoProgress,
    StaticSiteOptions, Viewer, GENERATOR, RECORD_FILE,
};

mod support;
use support::{change, fake_viewer, files, Rng, CHANGES};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("folio-memory-test-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

/// What the build was given, and what it did.
struct Built {
    /// Files the build made (staged), and files it kept from the last one.
    staged: usize,
    kept: usize,
}

/// Builds `site` into `out` as `folio serve` does: staged, with `memory`
/// (updated), published, then the search index. Without a memory, as
/// `folio build` does: the index is staged with the rest.
fn build(site: &Path, out: &Path, viewer: &Viewer, memory: Option<&mut BuildMemory>) -> Built {
    let opts = BuildOptions { input: site.to_owned(), ..BuildOptions::default() };
    let options = ChunkedOptions {
        page_size: 7,
        site: Some(StaticSiteOptions {
            public_url: Some("https://archive.example/".into()),
            ..StaticSiteOptions::new(viewer.clone())
        }),
        defer_search: memory.is_some(),
        ..ChunkedOptions::default()
    };
    let staging = staging_dir(out).unwrap();
    let remembered = memory.as_deref();
    let (output, next) =
        build_chunked_with(&opts, staging.path(), &options, &NoProgress, remembered).unwrap();
    let staged = files(staging.path()).len();
    folio_cli::add_viewer(viewer, staging.path(), output.site.as_ref().unwrap(), false).unwrap();
    publish(staging.path(), out, GENERATOR, "test", &output.kept).unwrap();
    if let Some(pending) = output.pending_search {
        pending.write(out, &std::sync::Mutex::new(())).unwrap();
    }
    if let Some(memory) = memory {
        *memory = next;
    }
    Built { staged, kept: output.kept.len() }
}

/// The folder's files, less the build's record (which does not name the
/// files of a search index written after publishing).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut tree = files(dir);
    tree.remove(RECORD_FILE);
    tree
}

#[test]
fn a_build_with_memory_equals_a_build_from_nothing_after_any_change() {
    let root = temp_dir("oracle");
    let (site, viewer_dir, out) = (root.join("site"), root.join("viewer"), root.join("out"));
    fake_viewer(&viewer_dir, "0123456789abcdef");
    let viewer = Viewer::open(&viewer_dir).unwrap();
    folio_synth::write_site(&site, 30, folio_synth::BodySize::Fixed(300), 5).unwrap();
    let mut memory = BuildMemory::default();
    let first = build(&site, &out, &viewer, Some(&mut memory));
    assert_eq!(first.kept, 0, "a first build keeps nothing");
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    // Every kind of change, three times over, each to a post picked at
    // random.
    for step in 0..3 * CHANGES.len() {
        let what = change(&mut rng, &site, step, CHANGES[step % CHANGES.len()]);
        let built = build(&site, &out, &viewer, Some(&mut memory));
        let fresh = root.join(format!("fresh-{step}"));
        build(&site, &fresh, &viewer, None);
        let (after, expected) = (tree(&out), tree(&fresh));
        let differing: Vec<&String> =
            expected.keys().chain(after.keys()).filter(|rel| expected.get(*rel) != after.get(*rel)).collect();
        if let Some(rel) = differing.first() {
            let text =
                |t: &BTreeMap<String, Vec<u8>>| t.get(*rel).map(|b| String::from_utf8_lossy(b).into_owned());
            panic!(
                "{what}: differs from a build from nothing in {differing:?}; {rel} is\n{:?}\nand should be\n{:?}",
                text(&after),
                text(&expected)
            );
        }
        assert!(built.kept > 0, "{what}: the memory kept nothing");
        if what.starts_with("retitle") || what.starts_with("extend") {
            // The post's page, its neighbours', the lists that hold it, the
            // feeds, sitemap and manifest, and the viewer's files (which
            // are always staged, and compared when published).
            assert!(
                built.staged * 3 < first.staged,
                "{what}: {} files staged of {}",
                built.staged,
                first.staged
            );
        }
        fs::remove_dir_all(fresh).unwrap();
    }
    // Nothing changed: nothing rendered again but what every build makes.
    let again = build(&site, &out, &viewer, Some(&mut memory));
    assert!(again.staged * 3 < first.staged, "{} of {} staged with no change", again.staged, first.staged);
    let _ = fs::remove_dir_all(root);
}
