//! Orchestration: files → documents → passages (attributed, tagged) → outputs.
//!
//! Documents are processed in parallel (rayon) and collected in input order, so the thread
//! count never changes a byte of output. [`ingest`] holds the corpus in memory;
//! [`ingest_streaming`] (what `rapporteur run` uses) writes the same outputs and index a batch
//! of documents at a time. A file that fails is recorded as a [`FileError`] and
//! the run goes on: a failed document is data, not a crash.
//!
//! ```no_run
//! use rapporteur::pipeline::{collect_inputs, ingest};
//! use rapporteur::tag::{Taxonomy, Tagger};
//! let inputs = collect_inputs(&["corpora/seeds".into()]);
//! let tagger = Tagger::new(Taxonomy::default_multistakeholder().unwrap());
//! let corpus = ingest(&inputs.files, &tagger);
//! println!("{} passages", corpus.passages.len());
//! ```

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::attribute::PipelineRoster;
use crate::model::{Document, Participant, Passage, ReadWarning};
use crate::store::cache::Cache;
use crate::tag::Tagger;
use crate::{attribute, read, segment};

mod inputs;
mod sink;
mod stream;
pub use inputs::{
    Input, Inputs, Source, SourceError, check_outside, collect_inputs, collect_sources,
};
pub use stream::{BATCH, Outputs, StreamError, Streamed, ingest_streaming, read_back};

/// A file that could not be processed, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileError {
    pub path: String,
    pub error: String,
}

/// What a reader passed over in a file it read (one of its documents'
/// [`warnings`](Document::warnings)), with the file's path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileWarning {
    pub path: String,
    pub warning: ReadWarning,
}

impl FileWarning {
    /// The warnings of `docs`, in order.
    pub fn of(docs: &[Document]) -> Vec<FileWarning> {
        docs.iter()
            .flat_map(|d| {
                d.warnings.iter().map(|w| FileWarning {
                    path: d.path.clone(),
                    warning: w.clone(),
                })
            })
            .collect()
    }
}

/// What ingesting a corpus produced.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub passages: Vec<Passage>,
    pub participants: Vec<Participant>,
    pub errors: Vec<FileError>,
    /// What the readers passed over in the files read, in input order.
    pub warnings: Vec<FileWarning>,
    /// One record per input, in input order: what happened to it.
    pub inputs: Vec<InputReport>,
}

/// What happened to one input of a run (`run.json` lists them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct InputReport {
    pub path: String,
    pub id: String,
    /// SHA-256 of the file's bytes (and of the files its reader also reads).
    pub sha256: Option<String>,
    /// Whether its documents came from the cache of an earlier run.
    pub reused: bool,
    pub documents: usize,
    pub passages: usize,
    pub error: Option<String>,
}

/// Counters a run's progress display reads while the work goes on.
#[derive(Debug, Default)]
pub struct Progress {
    files: AtomicUsize,
    passages: AtomicUsize,
    bytes: AtomicU64,
}

impl Progress {
    /// Files done, passages made, bytes read so far.
    pub fn snapshot(&self) -> (usize, usize, u64) {
        (
            self.files.load(Ordering::Relaxed),
            self.passages.load(Ordering::Relaxed),
            self.bytes.load(Ordering::Relaxed),
        )
    }

    fn add(&self, passages: usize, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.passages.fetch_add(passages, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Passages made so far inside a file not finished yet (a large table, a batch at a time).
    fn add_passages(&self, passages: usize) {
        self.passages.fetch_add(passages, Ordering::Relaxed);
    }
}

/// How a run ingests: the roster, the cache of earlier runs, a progress counter.
#[derive(Clone, Copy, Default)]
pub struct IngestSettings<'a> {
    pub roster: Option<&'a PipelineRoster>,
    /// The cache and the run's fingerprint: inputs unchanged since they were cached are not
    /// processed again, and every input processed is cached as soon as it is done.
    pub cache: Option<(&'a Cache, &'a str)>,
    pub progress: Option<&'a Progress>,
    /// The inputs' SHA-256 by id, when the caller has hashed them already (`run` does, to
    /// compare with the manifest): they are not read a second time to be hashed.
    pub hashes: Option<&'a std::collections::HashMap<String, String>>,
}

impl IngestSettings<'_> {
    /// The SHA-256 the caller gave for `input` (hashed before the run decided to work).
    pub(crate) fn known_hash(&self, input: &Input) -> Option<String> {
        self.hashes.and_then(|h| h.get(&input.id)).cloned()
    }
}

/// Reads, segments, attributes and tags every input, in parallel; outputs in input order.
pub fn ingest(inputs: &[Input], tagger: &Tagger) -> Corpus {
    ingest_with(inputs, tagger, &PipelineRoster::default())
}

/// [`ingest`] with a pipeline-file roster: its people help attribution in every document and
/// name the participants (see [`attribute::resolve_participants`]).
pub fn ingest_with(inputs: &[Input], tagger: &Tagger, roster: &PipelineRoster) -> Corpus {
    ingest_run(
        inputs,
        tagger,
        IngestSettings {
            roster: Some(roster),
            ..IngestSettings::default()
        },
    )
}

/// [`ingest`] as a run does it: with a roster, a cache and a progress counter.
pub fn ingest_run(inputs: &[Input], tagger: &Tagger, settings: IngestSettings) -> Corpus {
    let empty = PipelineRoster::default();
    let roster = settings.roster.unwrap_or(&empty);
    let results: Vec<(InputReport, Result<Processed, FileError>)> = inputs
        .par_iter()
        .map(|input| {
            let (report, result) = process_cached(input, tagger, roster, settings);
            if let Some(p) = settings.progress {
                let bytes = std::fs::metadata(&input.path).map_or(0, |m| m.len());
                p.add(report.passages, bytes);
            }
            (report, result)
        })
        .collect();
    let mut corpus = Corpus::default();
    for (report, r) in results {
        corpus.inputs.push(report);
        match r {
            Ok(docs) => {
                for (doc, passages) in docs {
                    corpus.documents.push(doc);
                    corpus.passages.extend(passages);
                }
            }
            Err(e) => corpus.errors.push(e),
        }
    }
    corpus.warnings = FileWarning::of(&corpus.documents);
    corpus.participants =
        attribute::resolve_corpus(&corpus.documents, &mut corpus.passages, roster);
    corpus
}

/// SHA-256 over an input's bytes and those of the files its reader also reads (each as its
/// file name and bytes).
///
/// The file is hashed as it is read, in bounded memory: a file far over the readers' limits
/// costs its reading time here, never its size in memory (it then fails in its reader). A
/// FIFO, a device or a socket is an error, never read. This is the hash a run compares with
/// the last run's before deciding to work; the hash an input is cached and reported under is
/// that of the bytes actually parsed ([`loaded_hash`]).
pub fn input_hash(input: &Input) -> std::io::Result<String> {
    let file = read::open_regular(&input.path).map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut hash = crate::store::cache::StreamHash::default();
    hash.update_from(file)?;
    add_dependencies(
        &mut hash,
        &read::load_dependencies(&input.path, &input.options),
    );
    Ok(hash.hex())
}

/// SHA-256 of a loaded input: the same digest as [`input_hash`] gives for the same bytes.
pub fn loaded_hash(loaded: &read::Loaded) -> String {
    let mut hash = crate::store::cache::StreamHash::default();
    hash.update(&loaded.bytes);
    add_dependencies(&mut hash, &loaded.dependencies);
    hash.hex()
}

/// A companion file (the header beside a submission) goes into an input's hash as its file
/// name and bytes; one that cannot be read is left out, as its reader leaves it out.
fn add_dependencies(hash: &mut crate::store::cache::StreamHash, deps: &[(PathBuf, Vec<u8>)]) {
    for (dep, bytes) in deps {
        let name = dep.file_name().unwrap_or(dep.as_os_str());
        hash.update(name.as_encoded_bytes());
        hash.update(bytes);
    }
}

impl Input {
    /// An error of this input, named as the outputs name it.
    pub(crate) fn error(&self, error: String) -> FileError {
        FileError {
            path: self.shown.display().to_string(),
            error,
        }
    }

    /// A reader's error (whose message starts with the path it was given), for the report.
    pub(crate) fn read_error(&self, e: &read::ReadError) -> FileError {
        self.error(strip_path(&e.to_string(), e.path()))
    }

    pub(crate) fn internal_error(&self) -> FileError {
        self.error("internal error while processing this file (please report it)".to_string())
    }

    /// The report of this input before any work.
    pub(crate) fn report(&self) -> InputReport {
        InputReport {
            path: self.shown.display().to_string(),
            id: self.id.clone(),
            ..InputReport::default()
        }
    }

    /// Reads the input once for processing: its bytes and the hash of exactly those. On an
    /// error, the hash to report is the caller's (`known`), or the file's as it is now.
    pub(crate) fn load(
        &self,
        known: Option<&str>,
    ) -> Result<(read::Loaded, String), (FileError, Option<String>)> {
        match read::load(&self.path, &self.options) {
            Ok(loaded) => {
                let hash = loaded_hash(&loaded);
                Ok((loaded, hash))
            }
            Err(e) => Err((
                self.read_error(&e),
                known.map(str::to_string).or_else(|| input_hash(self).ok()),
            )),
        }
    }

    /// The documents of the loaded input, a batch at a time; each batch is completed with
    /// [`Input::complete`].
    pub(crate) fn documents(&self, loaded: &read::Loaded) -> Result<read::Docs, FileError> {
        read::read_loaded(
            loaded,
            &self.id,
            &self.shown.to_string_lossy(),
            &self.options,
        )
        .map_err(|e| self.read_error(&e))
    }

    /// A batch of documents completed as [`read::read_file`] completes them, each naming this
    /// input's path (raw, for a name that is not valid UTF-8).
    pub(crate) fn complete(&self, loaded: &read::Loaded, docs: &mut [Document]) {
        read::complete_batch(loaded, &self.options, docs);
        for d in docs.iter_mut() {
            d.set_path(&self.shown);
        }
    }

    /// Every document of the input, read as a run reads it: the same ids, paths and read
    /// options (no cache). For a one-document-at-a-time consumer (`ingest --jsonl`).
    pub fn read(&self) -> Result<Vec<Document>, FileError> {
        let loaded = read::load(&self.path, &self.options).map_err(|e| self.read_error(&e))?;
        let mut docs = self.documents(&loaded)?.rest();
        self.complete(&loaded, &mut docs);
        Ok(docs)
    }
}

/// One input: from the cache when its content and the run's fingerprint are unchanged, else
/// read once, hashed and processed (and cached under the hash of the bytes processed).
fn process_cached(
    input: &Input,
    tagger: &Tagger,
    roster: &PipelineRoster,
    settings: IngestSettings,
) -> (InputReport, Result<Processed, FileError>) {
    let cache = settings.cache;
    let mut report = input.report();
    let known = settings.known_hash(input);
    let cached = |hash: &str| {
        let (cache, fingerprint) = cache?;
        cache.get(&input.id, &input.shown, hash, fingerprint)
    };
    if let Some(hash) = &known
        && let Some(docs) = cached(hash)
    {
        report.sha256 = known.clone();
        report.reused = true;
        report.documents = docs.len();
        report.passages = docs.iter().map(|(_, p)| p.len()).sum();
        return (report, Ok(docs));
    }
    let (loaded, hash) = match input.load(known.as_deref()) {
        Ok(read) => read,
        Err((e, hash)) => {
            report.sha256 = hash;
            report.error = Some(e.error.clone());
            return (report, Err(e));
        }
    };
    report.sha256 = Some(hash.clone());
    if known.as_ref() != Some(&hash)
        && let Some(docs) = cached(&hash)
    {
        report.reused = true;
        report.documents = docs.len();
        report.passages = docs.iter().map(|(_, p)| p.len()).sum();
        return (report, Ok(docs));
    }
    let result = process(input, loaded, tagger, roster);
    match &result {
        Ok(docs) => {
            report.documents = docs.len();
            report.passages = docs.iter().map(|(_, p)| p.len()).sum();
            if let Some((cache, fingerprint)) = cache {
                // A cache that cannot be written costs the next run time, nothing more.
                let _ = cache.put(&input.id, &input.shown, &hash, fingerprint, docs);
            }
        }
        Err(e) => report.error = Some(e.error.clone()),
    }
    (report, result)
}

/// The documents of one file with their passages.
type Processed = Vec<(Document, Vec<Passage>)>;

/// One file's work, guarded so that a bug on one file cannot take the run down (a panic on
/// a rayon worker comes back here).
fn process(
    input: &Input,
    loaded: read::Loaded,
    tagger: &Tagger,
    roster: &PipelineRoster,
) -> Result<Processed, FileError> {
    let guarded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut docs = input.documents(&loaded)?.rest();
        input.complete(&loaded, &mut docs);
        drop(loaded);
        // The documents of a file (the rows of a table) in parallel, collected in order.
        Ok(docs
            .into_par_iter()
            .map(|doc| process_document_with(doc, tagger, roster))
            .collect())
    }));
    guarded.unwrap_or_else(|_| Err(input.internal_error()))
}

/// Segments, attributes and tags one document.
pub fn process_document(doc: Document, tagger: &Tagger) -> (Document, Vec<Passage>) {
    process_document_with(doc, tagger, &PipelineRoster::default())
}

/// [`process_document`] with a pipeline-file roster. The document's language, told from its
/// passages, is recorded as `meta.language` (`und` when it cannot be told) and decides how it
/// is tagged.
pub fn process_document_with(
    mut doc: Document,
    tagger: &Tagger,
    roster: &PipelineRoster,
) -> (Document, Vec<Passage>) {
    let mut passages = segment::segment(&doc);
    if doc.authors.is_empty() {
        doc.authors = attribute::document_authors(&doc, &passages);
    }
    attribute::attribute_document_with(&doc, &mut passages, roster);
    let language = tagger.tag_document(&doc, &mut passages);
    let code = language.unwrap_or(crate::tag::language::UNDETERMINED);
    doc.meta.insert("language".into(), code.into());
    (doc, passages)
}

/// Error messages of the readers start with the path; the report names it separately.
fn strip_path(msg: &str, path: &Path) -> String {
    let p = format!("{}: ", path.display());
    msg.strip_prefix(&p).unwrap_or(msg).to_string()
}

/// Writes `documents.jsonl`, `passages.jsonl` and `participants.json` into `dir`.
pub fn write_corpus(dir: &Path, corpus: &Corpus) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    use crate::store::atomic::write_atomic;
    write_atomic(&dir.join("documents.jsonl"), |w| {
        for d in &corpus.documents {
            serde_json::to_writer(&mut *w, d)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })?;
    write_atomic(&dir.join("passages.jsonl"), |w| {
        for p in &corpus.passages {
            serde_json::to_writer(&mut *w, p)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })?;
    write_atomic(&dir.join("participants.json"), |w| {
        serde_json::to_writer_pretty(&mut *w, &corpus.participants)?;
        w.write_all(b"\n")?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_is_hashed_as_sha256sum_hashes_its_bytes() {
        let dir = tempfile::tempdir().expect("a scratch directory");
        let path = dir.path().join("big.txt");
        // Over one read buffer, so that the hash is fed in several pieces.
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).expect("a file");
        let input = &collect_inputs(std::slice::from_ref(&path)).files[0];
        let hash = input_hash(input).expect("hashed");
        assert_eq!(hash, crate::store::cache::sha256_hex(&bytes));
        assert_eq!(
            crate::store::cache::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(
            input_hash(&Input {
                path: dir.path().join("gone.txt"),
                ..input.clone()
            })
            .is_err()
        );
    }
}
