//! Embeds a viewer build in the `folio` binary, so that `folio build` can
//! write a complete site with no other tool present.
//!
//! `FOLIO_VIEWER_DIST` names a `trunk build --release` output (a folder with
//! `folio-viewer.json`); `scripts/install.sh` sets it. Its files become
//! `include_bytes!` entries of `$OUT_DIR/embedded_viewer.rs`. Without it the
//! binary carries no viewer and says so (a plain `cargo build -p folio-cli`,
//! as in the tests).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=FOLIO_VIEWER_DIST");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut code = String::from("// Written by crates/cli/build.rs.\n");
    let mut build = String::new();
    match std::env::var_os("FOLIO_VIEWER_DIST").filter(|v| !v.is_empty()) {
        Some(dist) => {
            let dist = std::fs::canonicalize(&dist)
                .unwrap_or_else(|e| panic!("FOLIO_VIEWER_DIST={}: {e}", Path::new(&dist).display()));
            let manifest = dist.join("folio-viewer.json");
            let text = std::fs::read_to_string(&manifest).unwrap_or_else(|e| {
                panic!(
                    "FOLIO_VIEWER_DIST={}: no folio-viewer.json ({e}); run `trunk build --release` first",
                    dist.display()
                )
            });
            // The viewer is named by its wasm file, whose name carries the
            // hash of its content.
            let manifest: serde_json::Value = serde_json::from_str(&text).expect("folio-viewer.json is JSON");
            build = manifest["wasm"]
                .as_str()
                .map(|wasm| wasm.trim_end_matches(".wasm").trim_end_matches("_bg").to_owned())
                .expect("folio-viewer.json names its wasm");
            let mut files = Vec::new();
            collect(&dist, &dist, &mut files);
            // The sample archive Trunk copies beside the app is not the viewer.
            files.retain(|(rel, _)| !is_sample_data(rel));
            files.sort();
            code.push_str("pub static FILES: &[(&str, &[u8])] = &[\n");
            for (rel, path) in &files {
                println!("cargo:rerun-if-changed={}", path.display());
                writeln!(code, "    ({rel:?}, include_bytes!({:?})),", path.display().to_string()).unwrap();
            }
            code.push_str("];\n");
            println!("cargo:rerun-if-changed={}", dist.display());
        }
        None => code.push_str("pub static FILES: &[(&str, &[u8])] = &[];\n"),
    }
    writeln!(code, "pub static BUILD: &str = {build:?};").unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let long = if build.is_empty() {
        format!("{version} (no viewer built in: install with scripts/install.sh, or pass --viewer DIR)")
    } else {
        format!("{version} (viewer {build})")
    };
    println!("cargo:rustc-env=FOLIO_LONG_VERSION={long}");
    std::fs::write(out.join("embedded_viewer.rs"), code).expect("write embedded_viewer.rs");
}

/// The sample bundle and search index of a `trunk build`, chunks of a
/// folder that was built into, compressed copies and hidden files.
fn is_sample_data(rel: &str) -> bool {
    rel == "bundle.json"
        || rel.starts_with("bundle/")
        || rel.starts_with("search/")
        || rel.ends_with(".br")
        || rel.ends_with(".gz")
        || rel.split('/').any(|part| part.starts_with('.'))
}

/// Every file under `dir`, as (path relative to `root` with `/`, path).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a readable folder entry").path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let rel = path.strip_prefix(root).expect("under the root");
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            files.push((rel, path));
        }
    }
}
