//! Replacing output so that a reader never meets half of it: a file is
//! written beside its target and renamed over it; a folder is assembled in a
//! staging folder and swapped in. A failed build leaves the previous output
//! as it was, and its leftovers are removed with it (tempfile deletes what
//! was not kept).

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::{NamedTempFile, TempDir};

use crate::Error;

/// Makes `dir` (and its parents) if needed, refusing a file in its place.
///
/// # Errors
///
/// [`Error::OutputIsAFile`] or a write failure.
pub(crate) fn ensure_dir(dir: &Path) -> Result<(), Error> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::OutputIsAFile { path: dir.to_owned() });
    }
    fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_owned(), source })
}

/// Writes the file `path` through `write`, atomically: the bytes go to a
/// temporary file in the same folder, which is flushed to disk and renamed
/// over `path`. Returns the size written.
///
/// # Errors
///
/// A write failure, naming the file.
pub(crate) fn write_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<u64, Error> {
    let write_err = |source| Error::Write { path: path.to_owned(), source };
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temp = NamedTempFile::new_in(dir).map_err(write_err)?;
    let mut writer = BufWriter::with_capacity(1 << 20, temp);
    write(&mut writer).map_err(write_err)?;
    let temp = writer.into_inner().map_err(|e| write_err(e.into_error()))?;
    temp.as_file().sync_all().map_err(write_err)?;
    let size = temp.as_file().metadata().map_err(write_err)?.len();
    temp.persist(path).map_err(|e| write_err(e.error))?;
    Ok(size)
}

/// A folder being assembled inside an output folder, to replace one of its
/// subfolders in one step. Dropped without [`StagingDir::swap_in`], it is
/// deleted with everything in it.
#[derive(Debug)]
pub(crate) struct StagingDir {
    dir: TempDir,
    parent: PathBuf,
}

impl StagingDir {
    /// A new, empty staging folder in `parent` (a hidden one, so a half
    /// written build is never served).
    pub(crate) fn new_in(parent: &Path) -> Result<Self, Error> {
        let dir = tempfile::Builder::new()
            .prefix(".folio-staging-")
            .tempdir_in(parent)
            .map_err(|source| Error::Write { path: parent.to_owned(), source })?;
        Ok(StagingDir { dir, parent: parent.to_owned() })
    }

    /// Where to write.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Puts the staged folder at `parent/name`. Whatever was there before is
    /// moved aside and returned, still on disk: drop it once whatever points
    /// into the new folder (a manifest) is in place, and it is deleted then.
    pub(crate) fn swap_in(self, name: &str) -> Result<Option<TempDir>, Error> {
        let target = self.parent.join(name);
        let write_err = |path: &Path| {
            let path = path.to_owned();
            move |source| Error::Write { path, source }
        };
        let previous = if target.exists() {
            let aside = tempfile::Builder::new()
                .prefix(".folio-previous-")
                .tempdir_in(&self.parent)
                .map_err(write_err(&self.parent))?;
            fs::rename(&target, aside.path().join(name)).map_err(write_err(&target))?;
            Some(aside)
        } else {
            None
        };
        let staged = self.dir.keep();
        fs::rename(&staged, &target).map_err(write_err(&target))?;
        Ok(previous)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bundle.json");
        fs::write(&path, "old").unwrap();
        let failed = write_file(&path, |w: &mut dyn Write| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
        assert_eq!(write_file(&path, |w: &mut dyn Write| w.write_all(b"new")).unwrap(), 3);
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn a_folder_is_swapped_in_and_the_previous_one_kept_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("bundle")).unwrap();
        fs::write(dir.path().join("bundle/old.json"), "old").unwrap();
        let staging = StagingDir::new_in(dir.path()).unwrap();
        fs::write(staging.path().join("new.json"), "new").unwrap();
        let previous = staging.swap_in("bundle").unwrap().expect("there was a previous folder");
        assert!(dir.path().join("bundle/new.json").is_file());
        assert!(previous.path().join("bundle/old.json").is_file());
        drop(previous);
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["bundle"]);

        let abandoned = StagingDir::new_in(dir.path()).unwrap();
        fs::write(abandoned.path().join("x.json"), "x").unwrap();
        drop(abandoned);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "an abandoned staging folder is deleted");
    }
}
