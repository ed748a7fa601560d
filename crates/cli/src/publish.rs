//! Moves a build from its staging folder into the output folder, touching
//! only what changed.
//!
//! Every build is written whole into a fresh staging folder beside the
//! output, so its result never depends on what an earlier build left. Then
//! [`publish`] compares it with the output's record of the last build
//! (`.folio-build.json`: each file's size and SHA-256, the binary's version
//! and the build's settings):
//!
//! * a file whose content is new or changed is moved in;
//! * a file whose content is the same is left as it is, with its old
//!   modification time, so a deploy (rsync, a CDN's upload) skips it;
//! * a file the last build wrote and this one did not is deleted. Files the
//!   record does not name are never deleted: they are not Folio's.
//!
//! A build made with the memory of the last one (`folio serve`'s) stages
//! only the files that changed, and names the others as kept: they are
//! left as they are, and stay in the record.
//!
//! The output is then byte for byte what a build into an empty folder
//! writes. A different binary version or different settings make every
//! file count as rewritten, and the report says why.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::Error;

/// The record of the last build, at the output folder's root.
pub const RECORD_FILE: &str = ".folio-build.json";

/// One file of a build, as the record keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FileRecord {
    size: u64,
    sha256: String,
}

/// `.folio-build.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct BuildRecord {
    /// Always `folio-build`.
    format: String,
    /// The binary that wrote it (`folio 0.1.0`, with its viewer).
    generator: String,
    /// What the build was asked to do (the command line's settings and the
    /// config file's hash), so a change of either is named.
    settings: String,
    /// Every file written, by path relative to the output with `/`.
    files: BTreeMap<String, FileRecord>,
}

/// What [`publish`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublishReport {
    /// Files that are new or whose content changed, relative with `/`.
    pub written: Vec<String>,
    /// Files left as they were.
    pub unchanged: usize,
    /// Files of the last build that this one no longer has.
    pub deleted: Vec<String>,
    /// Why every file was compared afresh, when the last build's record
    /// could not be trusted: another version, or other settings.
    pub full_because: Option<String>,
}

/// Moves the build in `staging` into `out`, as the module describes.
/// `generator` names the binary and `settings` the build's inputs other than
/// the posts.
///
/// # Errors
///
/// A file cannot be read, moved, deleted or written.
pub fn publish(
    staging: &Path,
    out: &Path,
    generator: &str,
    settings: &str,
    kept: &[String],
) -> Result<PublishReport, Error> {
    let previous = read_record(out);
    let full_because = match &previous {
        // A first build: there is nothing to explain.
        None => None,
        Some(r) if r.generator != generator => Some(format!("the last build was by {}", r.generator)),
        Some(r) if r.settings != settings => Some("the settings or _config.yml changed".to_owned()),
        Some(_) => None,
    };
    let trusted = previous.as_ref().filter(|_| full_because.is_none());
    let mut record = BuildRecord {
        format: "folio-build".into(),
        generator: generator.into(),
        settings: settings.into(),
        files: BTreeMap::new(),
    };
    let mut report = PublishReport { full_because, ..PublishReport::default() };
    fs::create_dir_all(out).map_err(|source| Error::Write { path: out.to_owned(), source })?;
    for entry in walkdir::WalkDir::new(staging).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Read { path: staging.to_owned(), source: e.into() })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let from = entry.path();
        let rel = relative(staging, from);
        let file = hash_file(from)?;
        let to = out.join(&rel);
        let same = match trusted.and_then(|r| r.files.get(&rel)) {
            // The record is trusted only while the file is still there at
            // its size; an edit by hand of the same size is caught by
            // comparing content when there is no trusted record.
            Some(old) => *old == file && fs::metadata(&to).is_ok_and(|m| m.is_file() && m.len() == file.size),
            None => {
                fs::metadata(&to).is_ok_and(|m| m.is_file() && m.len() == file.size)
                    && hash_file(&to)? == file
            }
        };
        if same {
            report.unchanged += 1;
        } else {
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent)
                    .map_err(|source| Error::Write { path: parent.to_owned(), source })?;
            }
            fs::rename(from, &to).map_err(|source| Error::Write { path: to.clone(), source })?;
            report.written.push(rel.clone());
        }
        record.files.insert(rel, file);
    }
    for rel in kept {
        // A file the build did not make again must be there as it was.
        let path = out.join(rel);
        let file = match trusted.and_then(|r| r.files.get(rel)) {
            Some(old) if fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() == old.size) => old.clone(),
            _ => hash_file(&path)?,
        };
        report.unchanged += 1;
        record.files.insert(rel.clone(), file);
    }
    if let Some(previous) = &previous {
        for rel in previous.files.keys().filter(|rel| !record.files.contains_key(*rel)) {
            let path = out.join(rel);
            match fs::remove_file(&path) {
                Ok(()) => report.deleted.push(rel.clone()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(Error::Write { path, source }),
            }
            remove_empty_parents(out, &path);
        }
    }
    let text = serde_json::to_string_pretty(&record).expect("a record serialises");
    let path = out.join(RECORD_FILE);
    fs::write(&path, text).map_err(|source| Error::Write { path, source })?;
    Ok(report)
}

/// Makes `out` if needed and a fresh staging folder inside it (hidden,
/// deleted when dropped), on the same file system so that [`publish`]
/// moves files instead of copying them.
///
/// # Errors
///
/// [`Error::OutputIsAFile`], or the folder cannot be made.
pub fn staging_dir(out: &Path) -> Result<tempfile::TempDir, Error> {
    crate::atomic::ensure_dir(out)?;
    tempfile::Builder::new()
        .prefix(".folio-staging-")
        .tempdir_in(out)
        .map_err(|source| Error::Write { path: out.to_owned(), source })
}

fn read_record(out: &Path) -> Option<BuildRecord> {
    let bytes = fs::read(out.join(RECORD_FILE)).ok()?;
    serde_json::from_slice::<BuildRecord>(&bytes).ok().filter(|r| r.format == "folio-build")
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).expect("walked from the root");
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn hash_file(path: &Path) -> Result<FileRecord, Error> {
    let read_error = |source| Error::Read { path: path.to_owned(), source };
    let mut file = fs::File::open(path).map_err(read_error)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    let mut size = 0;
    loop {
        let n = file.read(&mut buffer).map_err(read_error)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buffer[..n]);
    }
    let sha256 = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok(FileRecord { size, sha256 })
}

/// Removes the folders a deleted file leaves empty, up to `out`.
fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir: Option<PathBuf> = file.parent().map(Path::to_owned);
    while let Some(d) = dir {
        if d == out || !d.starts_with(out) || fs::remove_dir(&d).is_err() {
            break;
        }
        dir = d.parent().map(Path::to_owned);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn only_changes_are_moved_and_only_the_last_builds_files_deleted() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        write(&out, "CNAME", "mine");
        let first = root.path().join("a");
        write(&first, "index.html", "home");
        write(&first, "post/a/index.html", "a");
        write(&first, "post/b/index.html", "b");
        let report = publish(&first, &out, "folio 1", "s", &[]).unwrap();
        assert_eq!(report.written.len(), 3);
        assert_eq!(report.full_because, None, "a first build");

        let second = root.path().join("b");
        write(&second, "index.html", "home, changed");
        write(&second, "post/a/index.html", "a");
        write(&second, "post/c/index.html", "c");
        let report = publish(&second, &out, "folio 1", "s", &[]).unwrap();
        assert_eq!(report.written, ["index.html", "post/c/index.html"]);
        assert_eq!(report.unchanged, 1);
        assert_eq!(report.deleted, ["post/b/index.html"]);
        assert_eq!(report.full_because, None);
        assert!(!out.join("post/b").exists(), "its emptied folder goes too");
        assert_eq!(fs::read_to_string(out.join("CNAME")).unwrap(), "mine", "not Folio's: kept");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "home, changed");

        let third = root.path().join("c");
        write(&third, "index.html", "home, changed");
        let report = publish(&third, &out, "folio 2", "s", &[]).unwrap();
        assert!(report.full_because.unwrap().contains("folio 1"));
        assert_eq!((report.written.len(), report.unchanged), (0, 1), "compared by content");
    }
}
