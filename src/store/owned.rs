//! Which outputs of an output folder rapporteur put there, so that a run replaces or removes
//! only those and never a file of someone else's at an output's name.
//!
//! The record is `OUT/.rapporteur/outputs.json`: the names of the outputs runs put into place.
//! A run writes it before it puts its outputs into place (the names it had, and every name
//! it is about to put there: so a run killed part-way leaves a record of everything it may
//! have left) and again once they are in place (the names it left). A folder without a record
//! is rapporteur's when it holds the record of a complete run of a build that kept none (the
//! manifest, or `run.json`): its outputs are then every name a run writes.
//!
//! ```
//! use rapporteur::store::owned;
//! let out = tempfile::tempdir().unwrap();
//! std::fs::write(out.path().join("outline.md"), "my notes").unwrap();
//! // Nothing records it: not rapporteur's.
//! assert!(owned::check(out.path(), &["outline.md", "report.html"]).is_err());
//! owned::save(out.path(), &["outline.md".to_string()].into()).unwrap();
//! assert!(owned::check(out.path(), &["outline.md", "report.html"]).is_ok());
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::cache::{Manifest, STATE_DIR};

/// The record's name in the state folder.
pub const RECORD: &str = "outputs.json";

/// An output's name in the output folder is taken by something rapporteur did not put there.
#[derive(Debug, thiserror::Error)]
#[error(
    "{} is there, and rapporteur did not write it (no earlier run in this output folder put \
     it there): move it away, or choose another output folder",
    path.display()
)]
pub struct NotOurs {
    /// What stands at the output's name.
    pub path: PathBuf,
}

fn path(out: &Path) -> PathBuf {
    out.join(STATE_DIR).join(RECORD)
}

/// The names the record of `out` lists; `None` when there is no record (or it cannot be read).
pub fn load(out: &Path) -> Option<BTreeSet<String>> {
    let bytes = std::fs::read(path(out)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Records `names` as the outputs rapporteur put in `out` (written through a temporary name).
pub fn save(out: &Path, names: &BTreeSet<String>) -> std::io::Result<()> {
    let path = path(out);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    super::atomic::write_atomic(&path, |w| {
        serde_json::to_writer_pretty(&mut *w, names)?;
        w.write_all(b"\n")
    })
}

/// True when `out` holds the record of a complete run of a build that kept no record of its
/// outputs: the manifest, or a `run.json` that a run of rapporteur wrote.
fn completed_before_records(out: &Path) -> bool {
    if Manifest::load(out).is_some() {
        return true;
    }
    std::fs::read(out.join("run.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .is_some_and(|r| r["versions"]["rapporteur"].is_string())
}

/// Checks, before a run creates anything, that each of the outputs `names` that stands in
/// `out` (a file, a folder or a link) is rapporteur's: listed in the record, or — with no
/// record — in a folder where a run of an older build completed. Returns the names known to be
/// rapporteur's (the record's, or all of `names` for such a folder); the error names the
/// first output that is not.
pub fn check(out: &Path, names: &[&str]) -> Result<BTreeSet<String>, NotOurs> {
    let owned = match load(out) {
        Some(owned) => owned,
        None if completed_before_records(out) => names.iter().map(|n| n.to_string()).collect(),
        None => BTreeSet::new(),
    };
    for name in names {
        let at = out.join(name);
        if std::fs::symlink_metadata(&at).is_ok() && !owned.contains(*name) {
            return Err(NotOurs { path: at });
        }
    }
    Ok(owned)
}
