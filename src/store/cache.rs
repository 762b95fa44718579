//! The manifest of a run's inputs and the per-input cache of processed documents.
//!
//! Layout inside the output directory:
//!
//! ```text
//! OUT/.rapporteur/manifest.json        what the last complete run read: inputs and hashes
//! OUT/.rapporteur/cache/<key>.jsonl    one input's documents and passages, as processed
//! ```
//!
//! A cache entry is valid for an input when its path (byte for byte: two names that differ
//! only in bytes that are not UTF-8 are two inputs), its recorded content hash (SHA-256 of the
//! bytes it was processed from) and the run's *fingerprint* (rapporteur's version, the taxonomy, the read options and
//! the roster) both match; every entry is written through a temporary name and renamed, so an
//! entry is whole or absent even when a run is killed; temporary files are created
//! exclusively under unpredictable names, so a link planted in the cache is never followed. The manifest is written last, once every
//! output is in place: it says what the run finished.
//!
//! ```
//! use rapporteur::store::cache::{sha256_hex, Cache};
//! let out = tempfile::tempdir().unwrap();
//! let cache = Cache::open(out.path()).unwrap();
//! let hash = sha256_hex(b"Build trust first.\n");
//! let path = std::path::Path::new("notes.txt");
//! assert!(cache.get("notes", path, &hash, "fp").is_none());
//! cache.put("notes", path, &hash, "fp", &[]).unwrap();
//! assert_eq!(cache.get("notes", path, &hash, "fp").map(|e| e.len()), Some(0));
//! assert!(cache.get("notes", path, &hash, "other fingerprint").is_none());
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::{Document, Passage};

/// The folder of rapporteur's own state inside an output directory.
pub const STATE_DIR: &str = ".rapporteur";

/// SHA-256 of `bytes`, as 64 hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// A SHA-256 fed piece by piece, so that a file is hashed in bounded memory whatever its size.
#[derive(Default)]
pub struct StreamHash(Sha256);

impl StreamHash {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// Feeds the whole of `reader`, 64 KiB at a time.
    pub fn update_from(&mut self, mut reader: impl std::io::Read) -> std::io::Result<()> {
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(n) => self.0.update(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The digest in lowercase hex, as `sha256sum` prints it.
    pub fn hex(self) -> String {
        hex(&self.0.finalize())
    }
}

/// One input as the manifest records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub path: String,
    /// The raw form of a path that is not valid UTF-8 (see [`crate::model::path_fields`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_raw: Option<String>,
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
        super::atomic::write_atomic(&path, |w| {
            serde_json::to_writer_pretty(&mut *w, self)?;
            w.write_all(b"\n")
        })
    }
}

/// The processed documents of one input.
pub type Entry = Vec<(Document, Vec<Passage>)>;

#[derive(Serialize, Deserialize, PartialEq, Eq)]
struct Header {
    id: String,
    path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path_raw: Option<String>,
    sha256: String,
    fingerprint: String,
    documents: usize,
}

#[derive(Serialize, Deserialize)]
struct Record {
    document: Document,
    passages: Vec<Passage>,
}

/// The record lines of a cache entry, read a batch at a time (see [`Cache::reader`]).
pub struct EntryReader {
    lines: std::io::Lines<std::io::BufReader<std::fs::File>>,
    documents: usize,
}

impl EntryReader {
    /// How many documents the entry holds.
    pub fn documents(&self) -> usize {
        self.documents
    }

    /// Up to `n` more record lines (parse each with [`parse_record`]); `None` at the end.
    pub fn next_lines(&mut self, n: usize) -> Option<std::io::Result<Vec<String>>> {
        let mut out = Vec::with_capacity(n.min(self.documents));
        for line in self.lines.by_ref() {
            match line {
                Ok(l) => out.push(l),
                Err(e) => return Some(Err(e)),
            }
            if out.len() == n {
                break;
            }
        }
        (!out.is_empty()).then_some(Ok(out))
    }
}

/// A record line of a cache entry: one document and its passages.
pub fn parse_record(line: &str) -> serde_json::Result<(Document, Vec<Passage>)> {
    let r: Record = serde_json::from_str(line)?;
    Ok((r.document, r.passages))
}

/// The record line of a document whose document and passages are already serialized (each
/// as `serde_json::to_writer` writes it): what [`Cache::put`] writes for them.
pub fn record_line(document: &[u8], passages: &[&[u8]], out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"document\":");
    out.extend_from_slice(document);
    out.extend_from_slice(b",\"passages\":[");
    for (i, p) in passages.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(p);
    }
    out.extend_from_slice(b"]}");
}

/// Writes one input's cache entry a record at a time (see [`Cache::writer`]).
pub struct EntryWriter {
    header: Header,
    width: usize,
    w: Option<std::io::BufWriter<tempfile::NamedTempFile>>,
    path: PathBuf,
}

impl EntryWriter {
    /// Appends a record line (see [`record_line`]).
    pub fn append(&mut self, record: &[u8]) -> std::io::Result<()> {
        let w = self.w.as_mut().ok_or(std::io::ErrorKind::BrokenPipe)?;
        w.write_all(record)?;
        w.write_all(b"\n")?;
        self.header.documents += 1;
        Ok(())
    }

    /// Writes the count and puts the entry in place.
    pub fn commit(mut self) -> std::io::Result<()> {
        use std::io::{Seek, SeekFrom};
        let Some(w) = self.w.take() else {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        };
        let mut file = w.into_inner().map_err(|e| e.into_error())?;
        let mut line = serde_json::to_vec(&self.header)?;
        line.resize(self.width, b' ');
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&line)?;
        file.as_file().sync_all()?;
        file.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
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

    fn header(id: &str, path: &Path, sha256: &str, fingerprint: &str, documents: usize) -> Header {
        let (path, path_raw) = crate::model::path_fields(path);
        Header {
            id: id.to_string(),
            path,
            path_raw,
            sha256: sha256.to_string(),
            fingerprint: fingerprint.to_string(),
            documents,
        }
    }

    /// The cached documents of input `id` (the file `path`), when cached for this content and
    /// fingerprint.
    pub fn get(&self, id: &str, path: &Path, sha256: &str, fingerprint: &str) -> Option<Entry> {
        let mut reader = self.reader(id, path, sha256, fingerprint)?;
        let mut out = Vec::with_capacity(reader.documents());
        while let Some(lines) = reader.next_lines(1024) {
            for line in lines.ok()? {
                let r: Record = serde_json::from_str(&line).ok()?;
                out.push((r.document, r.passages));
            }
        }
        Some(out)
    }

    /// The cached records of input `id` one batch of lines at a time (for an input too large
    /// to hold), when cached for this content and fingerprint and whole (every record there).
    pub fn reader(
        &self,
        id: &str,
        input: &Path,
        sha256: &str,
        fingerprint: &str,
    ) -> Option<EntryReader> {
        let path = self.file(id);
        let file = std::fs::File::open(&path).ok()?;
        let mut lines = std::io::BufReader::new(file).lines();
        let mut header: Header = serde_json::from_str(&lines.next()?.ok()?).ok()?;
        let documents = header.documents;
        header.documents = 0;
        if header != Self::header(id, input, sha256, fingerprint, 0) {
            return None;
        }
        header.documents = documents;
        // Whole: as many record lines as the header says (counted before any is used).
        let mut count = std::io::BufReader::new(std::fs::File::open(&path).ok()?);
        let mut newlines = 0usize;
        loop {
            let buf = count.fill_buf().ok()?;
            if buf.is_empty() {
                break;
            }
            newlines += buf.iter().filter(|&&b| b == b'\n').count();
            let n = buf.len();
            count.consume(n);
        }
        (newlines == header.documents + 1).then_some(EntryReader {
            lines,
            documents: header.documents,
        })
    }

    /// A writer of input `id`'s entry, a record at a time: the entry is in place only once
    /// [`EntryWriter::commit`] returns (dropped before, it leaves nothing).
    pub fn writer(
        &self,
        id: &str,
        input: &Path,
        sha256: &str,
        fingerprint: &str,
    ) -> std::io::Result<EntryWriter> {
        let path = self.file(id);
        let mut header = Self::header(id, input, sha256, fingerprint, usize::MAX);
        // The count is written last, over a header as long as the widest count.
        let line = serde_json::to_vec(&header)?;
        header.documents = 0;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let tmp = super::atomic::temp_file(&self.dir, name.as_deref().unwrap_or("entry"))?;
        let mut w = std::io::BufWriter::new(tmp);
        w.write_all(&line)?;
        w.write_all(b"\n")?;
        Ok(EntryWriter {
            header,
            width: line.len(),
            w: Some(w),
            path,
        })
    }

    /// Caches the documents of input `id`.
    pub fn put(
        &self,
        id: &str,
        input: &Path,
        sha256: &str,
        fingerprint: &str,
        docs: &[(Document, Vec<Passage>)],
    ) -> std::io::Result<()> {
        let header = Self::header(id, input, sha256, fingerprint, docs.len());
        super::atomic::write_atomic(&self.file(id), |w| {
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

    /// The path of the inputs of these tests.
    const P: &str = "a/b.txt";

    fn doc(id: &str, text: &str) -> (Document, Vec<Passage>) {
        let d = Document {
            id: id.into(),
            path: format!("{id}.txt"),
            path_raw: None,
            format: "text".into(),
            title: None,
            kind: "report".into(),
            text: text.into(),
            meta: BTreeMap::new(),
            warnings: Vec::new(),
            authors: Vec::new(),
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
        cache
            .put("a/b", Path::new(P), "h1", "fp", &entry)
            .expect("put");
        assert_eq!(cache.get("a/b", Path::new(P), "h1", "fp"), Some(entry));
        assert_eq!(
            cache.get("a/b", Path::new(P), "h2", "fp"),
            None,
            "changed content"
        );
        assert_eq!(
            cache.get("a/b", Path::new(P), "h1", "fp2"),
            None,
            "changed taxonomy or options"
        );
        assert_eq!(
            cache.get("a/c", Path::new(P), "h1", "fp"),
            None,
            "another input"
        );
        assert_eq!(
            cache.get("a/b", Path::new("a/b.md"), "h1", "fp"),
            None,
            "another file under the same id"
        );
    }

    #[test]
    fn a_truncated_entry_is_a_miss_not_an_error() {
        let out = tempfile::tempdir().expect("tempdir");
        let cache = Cache::open(out.path()).expect("open");
        cache
            .put(
                "x",
                Path::new(P),
                "h",
                "fp",
                &[doc("x", "One."), doc("x:2", "Two.")],
            )
            .expect("put");
        let file = cache.file("x");
        let text = std::fs::read_to_string(&file).expect("read");
        let cut = text
            .rfind('\n')
            .map_or(0, |i| text[..i].rfind('\n').unwrap_or(0));
        std::fs::write(&file, &text[..cut]).expect("truncate");
        assert_eq!(cache.get("x", Path::new(P), "h", "fp"), None);
    }

    #[test]
    fn retain_drops_entries_of_deleted_inputs() {
        let out = tempfile::tempdir().expect("tempdir");
        let cache = Cache::open(out.path()).expect("open");
        cache
            .put("keep", Path::new(P), "h", "fp", &[])
            .expect("put");
        cache
            .put("gone", Path::new(P), "h", "fp", &[])
            .expect("put");
        cache
            .retain(&BTreeSet::from(["keep".to_string()]))
            .expect("retain");
        assert!(cache.get("keep", Path::new(P), "h", "fp").is_some());
        assert!(cache.get("gone", Path::new(P), "h", "fp").is_none());
    }

    #[test]
    fn manifest_round_trips() {
        let out = tempfile::tempdir().expect("tempdir");
        assert_eq!(Manifest::load(out.path()), None);
        let m = Manifest {
            fingerprint: "fp".into(),
            inputs: vec![ManifestEntry {
                path: "c/x.txt".into(),
                path_raw: None,
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
