//! One run at a time per output directory.
//!
//! A run takes `OUT/.rapporteur.lock`, created exclusively, holding the pid, host and start
//! time of the holder. A second run on the same directory fails fast naming the holder. A lock
//! left by a process that no longer runs (on this host) is stale and is taken over.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let lock = rapporteur::store::lock::OutputLock::acquire(dir.path()).unwrap();
//! assert!(rapporteur::store::lock::OutputLock::acquire(dir.path()).is_err());
//! drop(lock);
//! assert!(rapporteur::store::lock::OutputLock::acquire(dir.path()).is_ok());
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};

/// The lock file's name inside the output directory.
pub const LOCK_FILE: &str = ".rapporteur.lock";

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{dir} is in use by another rapporteur run ({holder}); wait for it to finish, or remove {lock} if that process is gone", dir = dir.display(), lock = lock.display())]
    Held {
        dir: PathBuf,
        lock: PathBuf,
        holder: String,
    },
    #[error("cannot lock {}: {source}", dir.display())]
    Io {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// A held lock; released (the file removed) on drop.
#[derive(Debug)]
pub struct OutputLock {
    path: PathBuf,
}

impl OutputLock {
    /// Takes the lock of `dir` (created if missing), recovering a stale one.
    pub fn acquire(dir: &Path) -> Result<OutputLock, LockError> {
        let io = |source| LockError::Io {
            dir: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let path = dir.join(LOCK_FILE);
        // The lock appears whole or not at all: written to a private file (created
        // exclusively under an unpredictable name), then linked to its public name, which
        // fails if the name exists.
        let mut private = super::atomic::temp_file(dir, LOCK_FILE).map_err(io)?;
        private.write_all(holder_line().as_bytes()).map_err(io)?;
        private.as_file().sync_all().map_err(io)?;
        for _ in 0..3 {
            match private.persist_noclobber(&path) {
                Ok(_) => return Ok(OutputLock { path }),
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                    private = e.file;
                    let holder = std::fs::read_to_string(&path).unwrap_or_default();
                    if is_stale(&holder) {
                        // The holder is gone: take the lock over.
                        let _ = std::fs::remove_file(&path);
                        continue;
                    }
                    return Err(LockError::Held {
                        dir: dir.to_path_buf(),
                        lock: path,
                        holder: describe(&holder),
                    });
                }
                Err(e) => return Err(io(e.error)),
            }
        }
        Err(LockError::Held {
            dir: dir.to_path_buf(),
            holder: describe(&std::fs::read_to_string(&path).unwrap_or_default()),
            lock: path,
        })
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| std::env::var("HOSTNAME").unwrap_or_default())
}

fn holder_line() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!(
        "pid={} host={} started={}\n",
        std::process::id(),
        host(),
        secs
    )
}

fn field<'a>(holder: &'a str, key: &str) -> Option<&'a str> {
    holder
        .split_whitespace()
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
}

/// Whether the lock's holder is a process of this host that no longer runs.
fn is_stale(holder: &str) -> bool {
    let Some(pid) = field(holder, "pid").and_then(|p| p.parse::<u32>().ok()) else {
        // A lock is written whole before it is linked into place: one that cannot be read
        // was not written by rapporteur, or its disk lost it.
        return true;
    };
    if field(holder, "host").is_some_and(|h| h != host()) {
        return false;
    }
    if !Path::new("/proc/self").exists() {
        // No way to look at processes here: trust the lock.
        return false;
    }
    pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists()
}

fn describe(holder: &str) -> String {
    let pid = field(holder, "pid").unwrap_or("?");
    let host = field(holder, "host").unwrap_or("?");
    let started = field(holder, "started")
        .and_then(|s| s.parse::<u64>().ok())
        .map(|s| format!(", started at unix time {s}"))
        .unwrap_or_default();
    format!("pid {pid} on {host}{started}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_names_the_holder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let _held = OutputLock::acquire(dir.path()).expect("first lock");
        let err = OutputLock::acquire(dir.path()).expect_err("second lock");
        let msg = err.to_string();
        assert!(
            msg.contains(&format!("pid {}", std::process::id())),
            "{msg}"
        );
        assert!(msg.contains("in use by another rapporteur run"), "{msg}");
    }

    #[test]
    fn a_stale_lock_of_a_dead_process_is_recovered() {
        let dir = tempfile::tempdir().expect("tempdir");
        // pid 0 never names a user process; a pid far beyond pid_max is dead too.
        let dead = format!("pid=4194999 host={} started=1\n", host());
        std::fs::write(dir.path().join(LOCK_FILE), dead).expect("write");
        let lock = OutputLock::acquire(dir.path()).expect("stale lock recovered");
        let now = std::fs::read_to_string(dir.path().join(LOCK_FILE)).expect("lock");
        assert!(now.contains(&format!("pid={}", std::process::id())));
        drop(lock);
        assert!(!dir.path().join(LOCK_FILE).exists());
    }

    #[test]
    fn an_unreadable_lock_is_stale() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(LOCK_FILE), "").expect("write");
        assert!(OutputLock::acquire(dir.path()).is_ok());
    }

    #[test]
    fn a_planted_symlink_at_a_private_name_is_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious\n").expect("write");
        let private = dir
            .path()
            .join(format!("{LOCK_FILE}.{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &private).expect("plant");
        let lock = OutputLock::acquire(dir.path()).expect("lock");
        assert_eq!(
            std::fs::read_to_string(&victim).expect("victim"),
            "precious\n"
        );
        let meta = std::fs::symlink_metadata(dir.path().join(LOCK_FILE)).expect("lock file");
        assert!(meta.file_type().is_file());
        drop(lock);
    }
}
