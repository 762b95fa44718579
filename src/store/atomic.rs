//! Writing outputs so that a reader, a failure or a planted link never sees half of them.
//!
//! - [`temp_file`]: a private file beside its final place, created exclusively under an
//!   unpredictable name (`O_EXCL`: a link planted there is never followed), removed when
//!   dropped unless it is put into place.
//! - [`write_atomic`]: one file written through a temporary file and renamed into place.
//! - [`replace_all`]: several outputs put into place (or removed) together, all or none: each
//!   old output is moved aside first, and a failure part-way moves every one back.
//! - [`Stage`]: a private folder where a run writes every output before [`Stage::commit`] puts
//!   them all into place; the old outputs are moved aside beside it, so that what a run killed
//!   part-way leaves is found and removed by the next ([`Stage::remove_stale`]).
//!
//! ```
//! use std::io::Write;
//! use rapporteur::store::atomic::{Stage, write_atomic};
//! let out = tempfile::tempdir().unwrap();
//! write_atomic(&out.path().join("a.txt"), |w| w.write_all(b"old")).unwrap();
//! let stage = Stage::new(out.path(), out.path()).unwrap();
//! write_atomic(&stage.path().join("a.txt"), |w| w.write_all(b"new")).unwrap();
//! write_atomic(&stage.path().join("b.txt"), |w| w.write_all(b"new")).unwrap();
//! stage.commit(&["a.txt", "b.txt"], &[]).unwrap();
//! assert_eq!(std::fs::read_to_string(out.path().join("a.txt")).unwrap(), "new");
//! assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 2);
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::{NamedTempFile, TempDir};

/// A new private file in `dir` named `.<name>.<random>.tmp`, created exclusively, with the
/// permissions a plain `create` gives (`0666` less the umask); removed when dropped.
pub fn temp_file(dir: &Path, name: &str) -> std::io::Result<NamedTempFile> {
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Writes a file through a temporary file beside it and renames it into place, so that a
/// reader never sees half a file and a link planted at a temporary name is never followed.
pub fn write_atomic(
    path: &Path,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map_or_else(
        || "output".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let tmp = temp_file(dir, &name)?;
    let mut w = std::io::BufWriter::new(tmp);
    f(&mut w)?;
    w.flush()?;
    let tmp = w.into_inner().map_err(|e| e.into_error())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Why outputs could not be put into place (nothing was: see [`replace_all`]).
#[derive(Debug, thiserror::Error)]
#[error("cannot put {} into place", path.display())]
pub struct ReplaceError {
    /// The output that could not be put into place.
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// The prefix of the folder that [`replace_all`] moves old outputs into (`.replaced-<random>`).
pub const REPLACED_PREFIX: &str = ".replaced-";

/// Puts each `(Some(from), name)` into place as `dir/name` (a file, or a folder such as an
/// index), and removes each `(None, name)` (an output no longer wanted: the caller knows that
/// what stands there is its own), all or none. Before anything moves, every target of a new
/// output is checked: a folder where a file goes, or a file where a folder goes, is an error
/// and nothing is touched (a user's folder is never taken for an old output). Then each old
/// output is moved aside, into a private folder created in `aside` (on the file system of
/// `dir`), and the new one renamed into place; a failure part-way puts every old output back.
/// The old outputs are removed once all are in place. A link standing at an output's name is
/// replaced, never followed.
///
/// `point` names the [`super::failpoint`] checked after the first move.
pub fn replace_all(
    dir: &Path,
    aside: &Path,
    moves: &[(Option<PathBuf>, &str)],
    point: &str,
) -> Result<(), ReplaceError> {
    let failed = |name: &str| {
        let path = dir.join(name);
        move |source| ReplaceError { path, source }
    };
    for (from, name) in moves {
        let Some(from) = from else { continue };
        let to = dir.join(name);
        let new_is_dir = std::fs::symlink_metadata(from)
            .map_err(failed(name))?
            .is_dir();
        match std::fs::symlink_metadata(&to) {
            Ok(old) if old.is_dir() != new_is_dir && !old.file_type().is_symlink() => {
                return Err(failed(name)(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!(
                        "a {} stands there, not an output of rapporteur; it was left as it is",
                        if old.is_dir() { "folder" } else { "file" }
                    ),
                )));
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(failed(name)(e)),
        }
    }
    let aside = tempfile::Builder::new()
        .prefix(REPLACED_PREFIX)
        .tempdir_in(aside)
        .map_err(failed(moves.first().map_or("", |m| m.1)))?;
    // For each move done: the new output, its name, and whether an old output was moved aside.
    let mut done: Vec<(Option<&Path>, &str, bool)> = Vec::new();
    let mut result = Ok(());
    for (i, (from, name)) in moves.iter().enumerate() {
        if i == 1
            && let Err(e) = super::failpoint(point)
        {
            result = Err(failed(name)(e));
            break;
        }
        let to = dir.join(name);
        let had = match std::fs::rename(&to, aside.path().join(name)) {
            Ok(()) => true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => {
                result = Err(failed(name)(e));
                break;
            }
        };
        if let Some(from) = from
            && let Err(e) = std::fs::rename(from, &to)
        {
            if had {
                let _ = std::fs::rename(aside.path().join(name), &to);
            }
            result = Err(failed(name)(e));
            break;
        }
        done.push((from.as_deref(), name, had));
    }
    if result.is_err() {
        for (from, name, had) in done.into_iter().rev() {
            let to = dir.join(name);
            if let Some(from) = from {
                let _ = std::fs::rename(&to, from);
            }
            if had {
                let _ = std::fs::rename(aside.path().join(name), &to);
            }
        }
    }
    drop(aside);
    result
}

/// A private folder in which a run writes all its outputs before putting them into place
/// together ([`Stage::commit`]). Dropped without a commit, it is removed with all it holds,
/// and the outputs in place stay as they were.
#[derive(Debug)]
pub struct Stage {
    dir: TempDir,
    out: PathBuf,
    within: PathBuf,
}

/// The name every stage folder starts with (`stage-<random>`).
pub const STAGE_PREFIX: &str = "stage-";

impl Stage {
    /// A new stage for the outputs of `out`, created inside `within` (which must be on the
    /// same file system as `out`, so that outputs are renamed, never copied).
    pub fn new(out: &Path, within: &Path) -> std::io::Result<Stage> {
        std::fs::create_dir_all(within)?;
        let dir = tempfile::Builder::new()
            .prefix(STAGE_PREFIX)
            .tempdir_in(within)?;
        Ok(Stage {
            dir,
            out: out.to_path_buf(),
            within: within.to_path_buf(),
        })
    }

    /// The folder to write the outputs in.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Puts the outputs `names` of the stage into place in the output folder and removes the
    /// outputs `removed` from it (outputs no longer wanted, known to be the run's own), all or
    /// none (see [`replace_all`]; failure point `commit`). The old outputs are moved aside
    /// beside the stage, not in the output folder.
    pub fn commit(self, names: &[&str], removed: &[&str]) -> Result<(), ReplaceError> {
        let moves: Vec<(Option<PathBuf>, &str)> = names
            .iter()
            .map(|n| (Some(self.path().join(n)), *n))
            .chain(removed.iter().map(|n| (None, *n)))
            .collect();
        replace_all(&self.out, &self.within, &moves, "commit")
    }

    /// Removes what runs that were killed left (call it holding the lock of `out`, once `out`
    /// is known to be rapporteur's): stages and folders of old outputs in `within`, and the
    /// folders of old outputs that older builds moved aside in `out` itself
    /// (`.replaced-XXXXXX`).
    pub fn remove_stale(out: &Path, within: &Path) {
        let left = |dir: &Path, stale: &dyn Fn(&str) -> bool| {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for e in entries.flatten() {
                let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                if is_dir && stale(&e.file_name().to_string_lossy()) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        };
        left(within, &|n| {
            n.starts_with(STAGE_PREFIX) || n.starts_with(REPLACED_PREFIX)
        });
        // Only tempfile's names there (six random letters and digits): the folder is the user's.
        left(out, &|n| {
            n.strip_prefix(REPLACED_PREFIX)
                .is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_move_puts_every_old_output_back() {
        let out = tempfile::tempdir().expect("tempdir");
        for n in ["a", "b"] {
            std::fs::write(out.path().join(n), "old").expect("write");
        }
        let stage = Stage::new(out.path(), out.path()).expect("stage");
        std::fs::write(stage.path().join("a"), "new").expect("write");
        // `b` was never written: nothing moves.
        let e = stage.commit(&["a", "b"], &[]).expect_err("b is missing");
        assert_eq!(e.source.kind(), std::io::ErrorKind::NotFound);
        assert_eq!(e.path, out.path().join("b"));
        for n in ["a", "b"] {
            assert_eq!(
                std::fs::read_to_string(out.path().join(n)).expect("read"),
                "old"
            );
        }
        let names: Vec<_> = std::fs::read_dir(out.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn a_folder_where_a_file_goes_is_left_alone() {
        let out = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(out.path().join("a")).expect("dir");
        std::fs::write(out.path().join("a/keep"), "x").expect("write");
        let stage = Stage::new(out.path(), out.path()).expect("stage");
        std::fs::write(stage.path().join("a"), "new").expect("write");
        assert!(stage.commit(&["a"], &[]).is_err());
        assert!(out.path().join("a/keep").exists());
    }
}
