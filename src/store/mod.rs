//! The output directory of a run: its lock, and what the run finished.
//!
//! - [`lock`]: one run at a time per output directory, stale locks recovered.
//! - [`cache`]: the manifest of inputs (content hashes) and each input's processed documents and
//!   passages, so that a second run with no change does no work, a changed file alone is
//!   re-read, and a run killed at any moment resumes from what it had finished.
//! - [`atomic`]: outputs written under private names and put into place together, all or none.
//! - [`failpoint`]: named points of a run's writes where a test makes it fail.

pub mod atomic;
pub mod cache;
pub mod lock;

/// The environment variable that names the failure point to trigger (debug builds only).
pub const FAILPOINT_VAR: &str = "RAPPORTEUR_FAIL";

/// A named point of a run's writes (`index-commit`, `outline`, `commit`). In a debug build run
/// with `RAPPORTEUR_FAIL=<name>`, it fails there as a full disk would, so that tests can check
/// what a failure at each write leaves behind; in a release build it never fails.
pub fn failpoint(name: &str) -> std::io::Result<()> {
    if cfg!(debug_assertions) && std::env::var_os(FAILPOINT_VAR).is_some_and(|v| v == name) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            format!("injected failure at {name} ({FAILPOINT_VAR})"),
        ));
    }
    Ok(())
}
