//! What one build remembers for the next one in the same process.
//!
//! `folio serve` rebuilds the site after every change, and a change touches
//! little of it: one edited post is one body to render again, one page, its
//! two neighbours' pages and the lists that hold it. A [`BuildMemory`] holds
//! what the last good build read, rendered and published, so that the next
//! one redoes only what its inputs changed:
//!
//! - each post file's front matter, by its size and modification time;
//! - each post's rendered, sanitised record, by the same stamp, its id and
//!   the archive's link tables (a body can link to any other post);
//! - for each file the build published, a fingerprint of what made it: of
//!   the page's inputs for the static pages (so that an unchanged page is
//!   not even rendered), of the bytes for everything else (so that an
//!   unchanged file is not written).
//!
//! A build with a memory writes only the files whose fingerprint changed
//! and names the others as kept ([`crate::ChunkedOutput::kept`]), which
//! [`crate::publish`] leaves as they are. The output is the same, byte for
//! byte, as a build without one: `tests/memory.rs` holds it to that.
//!
//! Fingerprints are 64-bit `DefaultHasher` values, which are not stable
//! across Rust versions: a memory lives in one process and is never written
//! down.

use std::collections::HashMap;
use std::fmt;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use folio_core::{Post, SanitizedHtml};
use folio_search::DocRecord;

use crate::fields::{Parsed, Skip};
use crate::report::Diagnostic;

/// What the last good build knew. Empty for a first build; a build returns
/// the memory for the next one ([`crate::build_chunked_with`]).
#[derive(Debug, Default)]
pub struct BuildMemory {
    /// The fingerprint of the settings, the config and the binary the
    /// memory is valid for: another one starts from nothing.
    pub(crate) context: u64,
    pub(crate) fronts: HashMap<PathBuf, Arc<FrontEntry>>,
    pub(crate) renders: HashMap<PathBuf, Arc<RenderEntry>>,
    /// Every published file of the build, by its path in the output.
    pub(crate) files: HashMap<String, u64>,
}

impl BuildMemory {
    /// The memory as a build of `context` may use it: itself, or nothing
    /// when it was made under other settings.
    pub(crate) fn for_context(&self, context: u64) -> Option<&BuildMemory> {
        (self.context == context).then_some(self)
    }

    /// How many files the last build published.
    pub fn files(&self) -> usize {
        self.files.len()
    }
}

/// A file's size and modification time, as a build read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    /// The stamp of a file that could not be stamped: it matches no file.
    pub(crate) const NONE: Stamp = Stamp { len: u64::MAX, modified: None };

    /// The file's stamp now, if it can be read.
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp { len: meta.len(), modified: meta.modified().ok() })
    }
}

/// One post file's front matter, as read with its body left out.
#[derive(Debug, Clone)]
pub(crate) struct FrontEntry {
    pub(crate) stamp: Stamp,
    /// The fingerprint of the time zone it was read in.
    pub(crate) zone: u64,
    pub(crate) parsed: Result<Parsed, Skip>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// One post, rendered and sanitised, and its search record. Shared by a
/// build and the memory it leaves, never copied.
#[derive(Debug)]
pub(crate) struct RenderEntry {
    pub(crate) stamp: Stamp,
    pub(crate) id: String,
    /// The fingerprint of the link tables it was rendered with.
    pub(crate) links: u64,
    pub(crate) post: Post,
    pub(crate) html: SanitizedHtml,
    /// What the search index holds of it, with its year and month.
    pub(crate) doc: (DocRecord, i32, u32),
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// With a memory, the fingerprint of the rendered post and its body:
    /// what a page of it depends on.
    pub(crate) fingerprint: u64,
}

/// The fingerprints of the files one build publishes, against those of the
/// last build. Shared by the build's threads.
#[derive(Debug)]
pub(crate) struct Outputs {
    previous: Option<HashMap<String, u64>>,
    current: Mutex<HashMap<String, u64>>,
}

impl Outputs {
    pub(crate) fn new(previous: Option<&BuildMemory>) -> Outputs {
        Outputs { previous: previous.map(|m| m.files.clone()), current: Mutex::new(HashMap::new()) }
    }

    /// Records that this build's file `rel` is made from what `fingerprint`
    /// stands for, and says whether the last build's is the same (then the
    /// file is kept, and need not be made again).
    pub(crate) fn unchanged(&self, rel: &str, fingerprint: u64) -> bool {
        self.current
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(rel.to_owned(), fingerprint);
        self.previous.as_ref().and_then(|p| p.get(rel)) == Some(&fingerprint)
    }

    /// Whether this build has recorded file `rel` already.
    pub(crate) fn has(&self, rel: &str) -> bool {
        self.current.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains_key(rel)
    }

    /// The files this build kept from the last one, sorted, and every file's
    /// fingerprint, for the next build's memory.
    pub(crate) fn finish(self) -> (Vec<String>, HashMap<String, u64>) {
        let current = self.current.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut kept: Vec<String> = match &self.previous {
            Some(previous) => current
                .iter()
                .filter(|(rel, fingerprint)| previous.get(*rel) == Some(fingerprint))
                .map(|(rel, _)| rel.clone())
                .collect(),
            None => Vec::new(),
        };
        kept.sort();
        (kept, current)
    }
}

/// A fingerprint of values by their `Debug` form, each ended by a NUL so
/// that `("ab", "c")` and `("a", "bc")` differ.
pub(crate) fn fingerprint(parts: &[&dyn fmt::Debug]) -> u64 {
    let mut hasher = HashWriter(DefaultHasher::new());
    for part in parts {
        // Writing into a hasher cannot fail.
        let _ = fmt::write(&mut hasher, format_args!("{part:?}\0"));
    }
    hasher.0.finish()
}

/// A fingerprint of a file's bytes.
pub(crate) fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Formats straight into a hasher, so that a fingerprint allocates nothing.
struct HashWriter(DefaultHasher);

impl fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_tell_apart_what_differs_and_outputs_name_what_was_kept() {
        assert_ne!(fingerprint(&[&"ab", &"c"]), fingerprint(&[&"a", &"bc"]));
        assert_eq!(fingerprint(&[&1, &"x"]), fingerprint(&[&1, &"x"]));
        assert_ne!(content_hash(b"a"), content_hash(b"b"));

        let first = Outputs::new(None);
        assert!(!first.unchanged("a", 1), "a first build keeps nothing");
        assert!(!first.unchanged("b", 2));
        let (kept, files) = first.finish();
        assert!(kept.is_empty());
        let memory = BuildMemory { files, ..BuildMemory::default() };

        let second = Outputs::new(Some(&memory));
        assert!(second.unchanged("a", 1));
        assert!(!second.unchanged("b", 3), "made from something else");
        assert!(!second.unchanged("c", 4), "new");
        let (kept, files) = second.finish();
        assert_eq!(kept, ["a"]);
        assert_eq!(files.len(), 3, "every file of this build, for the next");
    }
}
