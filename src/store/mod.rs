//! The output directory of a run: its lock, and what the run finished.
//!
//! - [`lock`]: one run at a time per output directory, stale locks recovered.
//! - [`cache`]: the manifest of inputs (content hashes) and each input's processed documents and
//!   passages, so that a second run with no change does no work, a changed file alone is
//!   re-read, and a run killed at any moment resumes from what it had finished.

pub mod cache;
pub mod lock;
