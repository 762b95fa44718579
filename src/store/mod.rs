//! The output directory of a run: its lock, and what the run finished.
//!
//! - [`lock`]: one run at a time per output directory, stale locks recovered.
//! - [`cache`]: the manifest of inputs (content hashes) and each input's processed documents and
//!   passages, so that a second run with no change does no work, a changed file alone is
//!   re-read, and a run killed at any moment resumes from what it had finished.
//! - [`atomic`]: outputs written under private names and put into place together, all or none.
//! - [`owned`]: the record of the outputs rapporteur put in an output folder, so that a run
//!   never replaces what it did not write.
//! - [`failpoint`]: named points of a run's writes where a test makes it fail.

pub mod atomic;
pub mod cache;
pub mod lock;
pub mod owned;

/// The environment variable that names the failure point to trigger (debug builds only).
pub const FAILPOINT_VAR: &str = "RAPPORTEUR_FAIL";

/// The exit code of a process ended at a failure point (`<name>:exit`): the shell's code for a
/// process killed by `SIGKILL`.
pub const FAILPOINT_EXIT: i32 = 137;

/// A named point of a run's writes (`index-commit`, `outline`, `commit`). In a debug build run
/// with `RAPPORTEUR_FAIL=<name>`, it fails there as a full disk would, so that tests can check
/// what a failure at each write leaves behind; with `RAPPORTEUR_FAIL=<name>:exit` the process
/// ends there at once with code [`FAILPOINT_EXIT`], no destructor run and nothing cleaned up
/// (as `kill -9` would end it), so that tests can check what the next run finds. In a release
/// build it never fails.
pub fn failpoint(name: &str) -> std::io::Result<()> {
    if !cfg!(debug_assertions) {
        return Ok(());
    }
    let Some(wanted) = std::env::var_os(FAILPOINT_VAR) else {
        return Ok(());
    };
    if wanted == name {
        return Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            format!("injected failure at {name} ({FAILPOINT_VAR})"),
        ));
    }
    if wanted.to_str().and_then(|w| w.strip_suffix(":exit")) == Some(name) {
        std::process::exit(FAILPOINT_EXIT);
    }
    Ok(())
}
