//! The manifest of a run's inputs and the per-input cache of processed documents.
//!
//! Layout inside the output directory:
//!
//! ```text
//! OUT/.rapporteur/manifest.json        what the last complete run read: inputs and hashes
//! OUT/.rapporteur/cache/<key>.jsonl    one input's documents and passages, as processed
//! ```
//!
//! A cache entry is valid for an input when its recorded content hash (SHA-256 of the file's
//! bytes) and the run's *fingerprint* (rapporteur's version, the taxonomy, the read options and
//! the roster) both match; every entry is written through a temporary name and renamed, so an
//! entry is whole or absent even when a run is killed. The manifest is written last, once every
//! output is in place: it says what the run finished.
//!
//! ```
//! use rapporteur::store::cache::{sha256_hex, Cache};
//! let out = tempfile::tempdir().unwrap();
//! let cache = Cache::open(out.path()).unwrap();
//! let hash = sha256_hex(b"Build trust first.\n");
//! assert!(cache.get("notes", &hash, "fp").is_none());
//! cache.put("notes", &hash, "fp", &[]).unwrap();
//! assert_eq!(cache.get("notes", &hash, "fp").map(|e| e.len()), Some(0));
//! assert!(cache.get("notes", &hash, "other fingerprint").is_none());
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::{Document, Passage};

/// The folder of rapporteur's own state inside an output directory.
pub const STATE_DIR: &str = ".rapporteur";

/// SHA-256 of `bytes`, as 64 hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// One input as the manifest records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub path: String,
    pub id: String,
    pub sha256: String,
}

/// What the last complete run read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub fingerprint: String,
    pub inputs: Vec<ManifestEntry>,
    /// The files that failed, with the reason (`[path, error]`): a run with nothing changed
    /// reports them again and exits as the run that found them did.
    #[serde(default)]
    pub errors: Vec<(String, String)>,
    /// The warnings of that run (`[path, warning]`).
    #[serde(default)]
    pub warnings: Vec<(String, String)>,
}

impl Manifest {
    fn path(out: &Path) -> PathBuf {
        out.join(STATE_DIR).join("manifest.json")
    }

    /// The manifest of `out`, if a run completed there.
    pub fn load(out: &Path) -> Option<Manifest> {
        let text = std::fs::read_to_string(Self::path(out)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Forgets what the last run finished: a run that will write outputs calls this first, so
    /// that a run killed half-way is never taken for a complete one.
    pub fn remove(out: &Path) -> std::io::Result<()> {
        match std::fs::remove_file(Self::path(out)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Records what a run finished (written through a temporary name).
    pub fn save(&self, out: &Path) -> std::io::Result<()> {
        let path = Self::path(out);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        crate::pipeline::write_atomic(&path, |w| {
            serde_json::to_writer_pretty(&mut *w, self)?;
            w.write_all(b"\n")
        })
    }
}

/// The processed documents of one input.
pub type Entry = Vec<(Document, Vec<Passage>)>;

#[derive(Serialize, Deserialize)]
struct Header {
    id: String,
    sha256: String,
    fingerprint: String,
    documents: usize,
}

#[derive(Serialize, Deserialize)]
struct Record {
    document: Document,
    passages: Vec<Passage>,
}

/// The per-input cache of an output directory.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// Opens (creating) the cache of the output directory `out`.
    pub fn open(out: &Path) -> std::io::Result<Cache> {
        let dir = out.join(STATE_DIR).join("cache");
        std::fs::create_dir_all(&dir)?;
        Ok(Cache { dir })
    }

    fn file(&self, id: &str) -> PathBuf {
        // The id is untrusted (it comes from file names): the entry's name is its hash.
        self.dir
            .join(format!("{}.jsonl", &sha256_hex(id.as_bytes())[..32]))
    }

    /// The cached documents of input `id`, when cached for this content and fingerprint.
    pub fn get(&self, id: &str, sha256: &str, fingerprint: &str) -> Option<Entry> {
        let file = std::fs::File::open(self.file(id)).ok()?;
        let mut lines = std::io::BufReader::new(file).lines();
        let header: Header = serde_json::from_str(&lines.next()?.ok()?).ok()?;
        if header.id != id || header.sha256 != sha256 || header.fingerprint != fingerprint {
            return None;
        }
        let mut out = Vec::with_capacity(header.documents);
        for line in lines {
            let r: Record = serde_json::from_str(&line.ok()?).ok()?;
            out.push((r.document, r.passages));
        }
        (out.len() == header.documents).then_some(out)
    }

    /// Caches the documents of input `id`.
    pub fn put(
        &self,
        id: &str,
        sha256: &str,
        fingerprint: &str,
        docs: &[(Document, Vec<Passage>)],
    ) -> std::io::Result<()> {
        let header = Header {
            id: id.to_string(),
            sha256: sha256.to_string(),
            fingerprint: fingerprint.to_string(),
            documents: docs.len(),
        };
        crate::pipeline::write_atomic(&self.file(id), |w| {
            serde_json::to_writer(&mut *w, &header)?;
            w.write_all(b"\n")?;
            for (document, passages) in docs {
                #[derive(Serialize)]
                struct RecordRef<'a> {
                    document: &'a Document,
                    passages: &'a [Passage],
                }
                serde_json::to_writer(&mut *w, &RecordRef { document, passages })?;
                w.write_all(b"\n")?;
            }
            Ok(())
        })
    }

    /// Removes the entries of inputs that are gone (and stray temporary files).
    pub fn retain(&self, ids: &BTreeSet<String>) -> std::io::Result<()> {
        let keep: BTreeSet<PathBuf> = ids.iter().map(|id| self.file(id)).collect();
        for e in std::fs::read_dir(&self.dir)? {
            let path = e?.path();
            if !keep.contains(&path) {
                let _ = std::fs::remove_file(&path);
            }
        }
        Ok(())
    }
}

/// The fingerprint of everything besides the inputs that decides a run's outputs.
pub fn fingerprint(parts: &BTreeMap<&str, String>) -> String {
    let mut s = format!("rapporteur {}\n", env!("CARGO_PKG_VERSION"));
    for (k, v) in parts {
        s.push_str(k);
        s.push('=');
        s.push_str(v);
        s.push('\n');
    }
    sha256_hex(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PassageKind;

    fn doc(id: &str, text: &str) -> (Document, Vec<Passage>) {
        let d = Document {
            id: id.into(),
            path: format!("{id}.txt"),
            format: "text".into(),
            title: None,
            kind: "report".into(),
            text: text.into(),
            meta: BTreeMap::new(),
            blocks: Vec::new(),
        };
        let p = Passage::new(&d, 1, PassageKind::Paragraph, 0, text.len());
        (d, vec![p])
    }

    #[test]
    fn entries_round_trip_and_are_keyed_by_content_and_fingerprint() {
        let out = tempfile::tempdir().expect("tempdir");
        let cache = Cache::open(out.path()).expect("open");
        let entry = vec![doc("a/b", "Trust matters."), doc("a/b:2", "Second row.")];
        cache.put("a/b", "h1", "fp", &entry).expect("put");
        assert_eq!(cache.get("a/b", "h1", "fp"), Some(entry));
        assert_eq!(cache.get("a/b", "h2", "fp"), None, "changed content");
        assert_eq!(
            cache.get("a/b", "h1", "fp2"),
            None,
            "changed taxonomy or options"
        );
        assert_eq!(cache.get("a/c", "h1", "fp"), None, "another input");
    }

    #[test]
    fn a_truncated_entry_is_a_miss_not_an_error() {
        let out = tempfile::tempdir().expect("tempdir");
        let cache = Cache::open(out.path()).expect("open");
        cache
            .put("x", "h", "fp", &[doc("x", "One."), doc("x:2", "Two.")])
            .expect("put");
        let file = cache.file("x");
        let text = std::fs::read_to_string(&file).expect("read");
        let cut = text
            .rfind('\n')
            .map_or(0, |i| text[..i].rfind('\n').unwrap_or(0));
        std::fs::write(&file, &text[..cut]).expect("truncate");
        assert_eq!(cache.get("x", "h", "fp"), None);
    }

    #[test]
    fn retain_drops_entries_of_deleted_inputs() {
        let out = tempfile::tempdir().expect("tempdir");
        let cache = Cache::open(out.path()).expect("open");
        cache.put("keep", "h", "fp", &[]).expect("put");
        cache.put("gone", "h", "fp", &[]).expect("put");
        cache
            .retain(&BTreeSet::from(["keep".to_string()]))
            .expect("retain");
        assert!(cache.get("keep", "h", "fp").is_some());
        assert!(cache.get("gone", "h", "fp").is_none());
    }

    #[test]
    fn manifest_round_trips() {
        let out = tempfile::tempdir().expect("tempdir");
        assert_eq!(Manifest::load(out.path()), None);
        let m = Manifest {
            fingerprint: "fp".into(),
            inputs: vec![ManifestEntry {
                path: "c/x.txt".into(),
                id: "c/x".into(),
                sha256: sha256_hex(b""),
            }],
            errors: vec![("c/y.pdf".into(), "unsupported format".into())],
            warnings: Vec::new(),
        };
        m.save(out.path()).expect("save");
        assert_eq!(Manifest::load(out.path()), Some(m));
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
