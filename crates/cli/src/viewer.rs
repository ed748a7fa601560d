//! A build of the viewer (`trunk build --release` output) as the static
//! site uses it: its `folio-viewer.json` manifest, which names the app's
//! script, wasm and CSS and the sanitiser module, and the small boot module
//! every static page loads.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Error;

/// `folio-viewer.json`, written by `scripts/post-build.mjs`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ViewerManifest {
    /// Always `folio-viewer`.
    pub format: String,
    /// 1.
    pub version: u32,
    /// The app's wasm-bindgen JS glue, such as `folio-<hash>.js`.
    pub script: String,
    /// The app's wasm.
    pub wasm: String,
    /// The stylesheet.
    pub css: String,
    /// The sanitiser module's JS glue (its wasm is beside it, `_bg.wasm`).
    pub sanitizer: String,
    /// The search module's JS glue (its wasm is beside it, `_bg.wasm`).
    pub search: String,
    /// wasm-bindgen snippets the app imports.
    #[serde(default)]
    pub snippets: Vec<String>,
}

/// A viewer build on disk.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// Its folder.
    pub dir: PathBuf,
    /// What it holds.
    pub manifest: ViewerManifest,
}

impl Viewer {
    /// Reads the viewer build in `dir`.
    ///
    /// # Errors
    ///
    /// [`Error::NotAViewer`] when `dir` has no readable `folio-viewer.json`
    /// of this version, or a file it names is missing.
    pub fn open(dir: &Path) -> Result<Viewer, Error> {
        let not_a_viewer = |why: String| Error::NotAViewer { path: dir.to_owned(), why };
        let bytes = std::fs::read(dir.join("folio-viewer.json"))
            .map_err(|e| not_a_viewer(format!("cannot read its folio-viewer.json ({e})")))?;
        let manifest: ViewerManifest = serde_json::from_slice(&bytes)
            .map_err(|e| not_a_viewer(format!("its folio-viewer.json is not a viewer manifest ({e})")))?;
        if manifest.format != "folio-viewer" || manifest.version != 1 {
            return Err(not_a_viewer(format!(
                "its folio-viewer.json is {} version {}, not folio-viewer version 1",
                manifest.format, manifest.version
            )));
        }
        let module_wasm: Vec<String> = [&manifest.sanitizer, &manifest.search]
            .iter()
            .filter_map(|glue| glue.strip_suffix(".js").map(|stem| format!("{stem}_bg.wasm")))
            .collect();
        let named = [&manifest.script, &manifest.wasm, &manifest.css, &manifest.sanitizer, &manifest.search];
        for file in named.into_iter().chain(&module_wasm).chain(&manifest.snippets) {
            // Written into pages' attributes and a module's imports as is.
            let plain = file.chars().all(|c| c.is_ascii_alphanumeric() || "-._/".contains(c))
                && file.split('/').all(|part| !part.is_empty() && part != "." && part != "..");
            if !plain {
                return Err(not_a_viewer(format!(
                    "its folio-viewer.json names `{file}`, which is not a plain file name inside it"
                )));
            }
            if !dir.join(file).is_file() {
                return Err(not_a_viewer(format!("its folio-viewer.json names `{file}`, which is missing")));
            }
        }
        Ok(Viewer { dir: dir.to_owned(), manifest })
    }

    /// The boot module every static page loads (`<script type=module>`): it
    /// starts the app, and names the same files wherever the page is, since
    /// a module's imports resolve against its own URL. Its file name carries
    /// the hash of its content, like the files it starts.
    ///
    /// The wasm is fetched and compiled at once, off the main thread, but
    /// the app starts only after the page's first frame: the page is already
    /// readable, and its first paint must not wait for the app.
    pub fn boot_module(&self) -> (String, String) {
        let ViewerManifest { script, wasm, .. } = &self.manifest;
        let code = format!(
            "// Starts the Folio viewer on a static page (written by folio build).\n\
             import init from './{script}';\n\
             const url = new URL('{wasm}', import.meta.url);\n\
             // Compiled while the page paints (streaming needs Content-Type: application/wasm).\n\
             const compiled = WebAssembly.compileStreaming(fetch(url))\n\
             \x20 .catch(() => fetch(url).then((r) => r.arrayBuffer()).then((bytes) => WebAssembly.compile(bytes)));\n\
             // After the first frame (or 100 ms, in a tab that does not paint).\n\
             await new Promise((resolve) => {{ requestAnimationFrame(() => setTimeout(resolve)); setTimeout(resolve, 100); }});\n\
             const wasm = await init({{ module_or_path: await compiled }});\n\
             dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));\n"
        );
        let hash = folio_core::name_key(&code);
        (format!("folio-boot-{hash}.js"), code)
    }
}

/// The viewer build embedded in this binary when it was compiled with
/// `FOLIO_VIEWER_DIST` (see `crates/cli/build.rs` and `scripts/install.sh`).
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_viewer.rs"));
}

/// The name of the viewer build this binary carries (its wasm file's
/// content-hashed stem, such as `folio-b06badf7d3db8683`), if any.
pub fn embedded_viewer_build() -> Option<&'static str> {
    (!embedded::FILES.is_empty()).then_some(embedded::BUILD)
}

/// A viewer build written out of the binary into a temporary folder, which
/// is deleted when this is dropped.
#[derive(Debug)]
pub struct UnpackedViewer {
    /// Keeps the folder alive.
    _dir: tempfile::TempDir,
    /// The viewer in it.
    pub viewer: Viewer,
}

/// Writes the embedded viewer into a temporary folder and opens it there,
/// so that a build uses it exactly like a `--viewer` folder.
///
/// # Errors
///
/// [`Error::NoViewer`] when this binary carries none; [`Error::Write`] when
/// the temporary folder cannot be written.
pub fn unpack_embedded_viewer() -> Result<UnpackedViewer, Error> {
    if embedded::FILES.is_empty() {
        return Err(Error::NoViewer);
    }
    let dir = tempfile::Builder::new()
        .prefix("folio-viewer-")
        .tempdir()
        .map_err(|source| Error::Write { path: std::env::temp_dir(), source })?;
    for (rel, bytes) in embedded::FILES {
        let path = dir.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|source| Error::Write { path: parent.to_owned(), source })?;
        }
        std::fs::write(&path, bytes).map_err(|source| Error::Write { path: path.clone(), source })?;
    }
    let viewer = Viewer::open(dir.path())?;
    Ok(UnpackedViewer { _dir: dir, viewer })
}
