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

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::attribute::PipelineRoster;
use crate::model::{Document, Participant, Passage, ReadWarning};
use crate::read::ReadOptions;
use crate::store::cache::Cache;
use crate::tag::Tagger;
use crate::{attribute, read, segment};

mod sink;
mod stream;
pub use stream::{BATCH, Outputs, StreamError, Streamed, ingest_streaming, read_back};

/// One input file, the id its document gets, and how to read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub id: String,
    pub options: std::sync::Arc<ReadOptions>,
}

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

/// The files found under the sources, and the paths that could not be listed.
#[derive(Debug, Default)]
pub struct Inputs {
    pub files: Vec<Input>,
    pub errors: Vec<FileError>,
    /// Files found inside a directory that no reader takes: skipped, with a warning.
    pub skipped: Vec<FileError>,
}

/// Lists the files of the given sources (files, or directories walked recursively in sorted
/// order; hidden entries and files of formats no reader takes skipped). A document's id is its path relative to the parent of the
/// source it was found through, without the extension: `corpora/seeds/004_x.txt` → `seeds/004_x`
/// (files that would share an id keep their extension: `notes.md`, `notes.txt`).
pub fn collect_inputs(sources: &[PathBuf]) -> Inputs {
    let plain = std::sync::Arc::new(ReadOptions::default());
    let sources: Vec<_> = sources.iter().map(|s| (s.clone(), plain.clone())).collect();
    collect_sources(&sources)
}

/// [`collect_inputs`] for sources that each carry their read options. A source path may be a
/// glob (`*` and `?` within a name, `**` for any depth): the folder before its first pattern
/// is walked and the files whose path matches are taken, in sorted order.
pub fn collect_sources(sources: &[(PathBuf, std::sync::Arc<ReadOptions>)]) -> Inputs {
    let mut out = Inputs::default();
    for (src, options) in sources {
        if is_glob(src) {
            collect_glob(src, options, &mut out);
            continue;
        }
        let base = src.parent().map(Path::to_path_buf).unwrap_or_default();
        let base = if src.is_file() {
            base.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            base
        };
        walk(src, &base, options, &mut out, 0);
    }
    let mut seen = std::collections::BTreeSet::new();
    out.files.retain(|f| seen.insert(f.path.clone()));
    keep_ids_unique(&mut out.files);
    out
}

/// Files whose ids would be the same (`notes.txt` and `notes.md` side by side are both
/// `…/notes`) keep their extension in their id (`…/notes.md`, `…/notes.txt`); ids still shared
/// after that (`2023/comments/c1.csv` and `2024/comments/c1.csv` given as two sources are both
/// `comments/c1.csv`) get `~2`, `~3`, … in input order after the first. No two documents, and
/// no two passages, share an id; other ids are left as they are.
fn keep_ids_unique(files: &mut [Input]) {
    fn shared(files: &[Input]) -> std::collections::BTreeSet<String> {
        let mut count: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for f in files {
            *count.entry(f.id.as_str()).or_default() += 1;
        }
        count
            .into_iter()
            .filter(|&(_, n)| n > 1)
            .map(|(id, _)| id.to_string())
            .collect()
    }
    let first = shared(files);
    for f in files.iter_mut().filter(|f| first.contains(&f.id)) {
        if let Some(ext) = f.path.extension() {
            f.id = format!("{}.{}", f.id, ext.to_string_lossy());
        }
    }
    if shared(files).is_empty() {
        return;
    }
    let mut taken: std::collections::BTreeSet<String> =
        files.iter().map(|f| f.id.clone()).collect();
    let mut seen = std::collections::BTreeSet::new();
    for f in files.iter_mut() {
        if seen.insert(f.id.clone()) {
            continue;
        }
        let mut n = 2;
        while taken.contains(&format!("{}~{n}", f.id)) {
            n += 1;
        }
        f.id = format!("{}~{n}", f.id);
        taken.insert(f.id.clone());
    }
}

fn is_glob(p: &Path) -> bool {
    p.to_string_lossy().contains(['*', '?'])
}

/// The files of a glob source.
fn collect_glob(pattern: &Path, options: &std::sync::Arc<ReadOptions>, out: &mut Inputs) {
    // The folder before the first component with a pattern.
    let mut root = PathBuf::new();
    let mut rest: Vec<String> = Vec::new();
    for c in pattern.components() {
        let s = c.as_os_str().to_string_lossy();
        if rest.is_empty() && !s.contains(['*', '?']) {
            root.push(c);
        } else {
            rest.push(s.into_owned());
        }
    }
    let base = root.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut found = Inputs::default();
    walk(&root, &base, options, &mut found, 1);
    let before = out.files.len();
    for f in found.files {
        let rel = f.path.strip_prefix(&root).unwrap_or(&f.path);
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if glob_match_path(&rest, &parts) {
            out.files.push(f);
        }
    }
    out.errors.extend(found.errors);
    if out.files.len() == before {
        out.errors.push(FileError {
            path: pattern.display().to_string(),
            error: "no file matches this pattern".to_string(),
        });
    }
}

/// Whether path components match pattern components (`**` matches any number of them).
fn glob_match_path(pattern: &[String], parts: &[String]) -> bool {
    match pattern.split_first() {
        None => parts.is_empty(),
        Some((p, rest)) if p == "**" => {
            (0..=parts.len()).any(|skip| glob_match_path(rest, &parts[skip..]))
        }
        Some((p, rest)) => match parts.split_first() {
            Some((first, others)) => glob_match(p, first) && glob_match_path(rest, others),
            None => false,
        },
    }
}

/// Whether a name matches a pattern of `*` (any run of characters) and `?` (one character).
fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // Iterative matching with backtracking to the last `*`.
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

fn walk(
    path: &Path,
    base: &Path,
    options: &std::sync::Arc<ReadOptions>,
    out: &mut Inputs,
    depth: usize,
) {
    let err = |e: &dyn std::fmt::Display| FileError {
        path: path.display().to_string(),
        error: e.to_string(),
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            out.errors.push(err(&e));
            return;
        }
    };
    if meta.is_file() {
        // Inside a directory, a file no reader takes is passed over (and reported as a
        // warning); a file named as a source is read, or fails, whatever its extension.
        if depth > 0 && !read::is_supported(path) && options.format.is_none() {
            out.skipped.push(err(&"skipped: no reader for this format"));
            return;
        }
        out.files.push(Input {
            path: path.to_path_buf(),
            id: doc_id(path, base),
            options: options.clone(),
        });
        return;
    }
    if depth > 32 {
        out.errors
            .push(err(&"directory nesting too deep (a symlink loop?)"));
        return;
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.errors.push(err(&e));
            return;
        }
    };
    entries.sort();
    for e in entries {
        let hidden = e
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if !hidden {
            walk(&e, base, options, out, depth + 1);
        }
    }
}

fn doc_id(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let rel = rel.with_extension("");
    rel.components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
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
    /// The SHA-256 of `input`: the caller's, or computed now.
    pub(crate) fn hash_of(&self, input: &Input) -> Option<String> {
        match self.hashes.and_then(|h| h.get(&input.id)) {
            Some(known) => Some(known.clone()),
            None => input_hash(input).ok(),
        }
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

/// SHA-256 over an input's bytes and those of the files its reader also reads.
///
/// The file is hashed as it is read, in bounded memory: a file far over the readers' limits
/// costs its reading time here, never its size in memory (it then fails in its reader).
pub fn input_hash(input: &Input) -> std::io::Result<String> {
    let mut hash = crate::store::cache::StreamHash::default();
    hash.update_from(std::fs::File::open(&input.path)?)?;
    for dep in read::dependencies(&input.path, &input.options) {
        // A companion file (a roster beside a transcript) is small; one that cannot be read
        // is left out of the hash, as its reader leaves it out of the document.
        if let Ok(bytes) = std::fs::read(&dep) {
            hash.update(dep.to_string_lossy().as_bytes());
            hash.update(&bytes);
        }
    }
    Ok(hash.hex())
}

/// One input: from the cache when its content and the run's fingerprint are unchanged, else
/// processed (and cached).
fn process_cached(
    input: &Input,
    tagger: &Tagger,
    roster: &PipelineRoster,
    settings: IngestSettings,
) -> (InputReport, Result<Processed, FileError>) {
    let cache = settings.cache;
    let mut report = InputReport {
        path: input.path.display().to_string(),
        id: input.id.clone(),
        ..InputReport::default()
    };
    let hash = settings.hash_of(input);
    report.sha256 = hash.clone();
    if let (Some((cache, fingerprint)), Some(hash)) = (cache, &hash)
        && let Some(docs) = cache.get(&input.id, hash, fingerprint)
    {
        report.reused = true;
        report.documents = docs.len();
        report.passages = docs.iter().map(|(_, p)| p.len()).sum();
        return (report, Ok(docs));
    }
    let result = process(input, tagger, roster);
    match &result {
        Ok(docs) => {
            report.documents = docs.len();
            report.passages = docs.iter().map(|(_, p)| p.len()).sum();
            if let (Some((cache, fingerprint)), Some(hash)) = (cache, &hash) {
                // A cache that cannot be written costs the next run time, nothing more.
                let _ = cache.put(&input.id, hash, fingerprint, docs);
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
    tagger: &Tagger,
    roster: &PipelineRoster,
) -> Result<Processed, FileError> {
    let guarded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let docs =
            read::read_file(&input.path, &input.id, &input.options).map_err(|e| FileError {
                path: input.path.display().to_string(),
                error: strip_path(&e.to_string(), &input.path),
            })?;
        // The documents of a file (the rows of a table) in parallel, collected in order.
        Ok(docs
            .into_par_iter()
            .map(|doc| process_document_with(doc, tagger, roster))
            .collect())
    }));
    guarded.unwrap_or_else(|_| {
        Err(FileError {
            path: input.path.display().to_string(),
            error: "internal error while processing this file (please report it)".to_string(),
        })
    })
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

/// Writes a file through a temporary name and renames it into place, so a reader never sees
/// half a file.
pub fn write_atomic(
    path: &Path,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let tmp = path.with_extension(format!(
        "{}.tmp",
        path.extension().and_then(|e| e.to_str()).unwrap_or("out")
    ));
    {
        let file = std::fs::File::create(&tmp)?;
        let mut w = std::io::BufWriter::new(file);
        f(&mut w)?;
        w.flush()?;
        w.get_ref().sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_relative_to_the_source_parent_without_extension() {
        assert_eq!(
            doc_id(Path::new("corpora/seeds/004_x.txt"), Path::new("corpora")),
            "seeds/004_x"
        );
    }

    #[test]
    fn inputs_of_the_seed_directory_are_sorted_with_stable_ids() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/seeds");
        let inputs = collect_inputs(std::slice::from_ref(&dir));
        let ids: Vec<_> = inputs.files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids.len(), 5);
        assert_eq!(ids[0], "seeds/000_51a460143868a0c3");
        assert_eq!(ids[4], "seeds/004_c045d1bfa3d696f9");
        // A file given directly gets the same id as through its directory.
        let one = collect_inputs(&[dir.join("004_c045d1bfa3d696f9.txt")]);
        assert_eq!(one.files[0].id, "seeds/004_c045d1bfa3d696f9");
    }

    #[test]
    fn globs_match_names_and_depths() {
        assert!(glob_match("*.csv", "comments.csv"));
        assert!(!glob_match("*.csv", "comments.csv.bak"));
        assert!(glob_match("0??A.txt", "012A.txt"));
        assert!(glob_match("*", ""));
        let parts = |s: &str| s.split('/').map(str::to_string).collect::<Vec<_>>();
        assert!(glob_match_path(
            &parts("**/comments.csv"),
            &parts("a/b/comments.csv")
        ));
        assert!(glob_match_path(
            &parts("**/comments.csv"),
            &parts("comments.csv")
        ));
        assert!(!glob_match_path(
            &parts("*/comments.csv"),
            &parts("a/b/comments.csv")
        ));
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/seeds/00?_*.txt");
        let inputs = collect_inputs(&[seeds]);
        assert_eq!(inputs.files.len(), 5);
        assert_eq!(inputs.files[0].id, "seeds/000_51a460143868a0c3");
        let none =
            collect_inputs(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/seeds/*.docx")]);
        assert!(none.files.is_empty());
        assert_eq!(none.errors[0].error, "no file matches this pattern");
    }

    #[test]
    fn files_that_differ_only_in_extension_keep_distinct_ids() {
        let dir = tempfile::tempdir().expect("a scratch directory");
        let c = dir.path().join("c");
        std::fs::create_dir(&c).expect("a folder");
        for name in ["a.txt", "a.md", "b.txt"] {
            std::fs::write(c.join(name), "Some text about trust.\n").expect("a file");
        }
        let inputs = collect_inputs(std::slice::from_ref(&c));
        let ids: Vec<_> = inputs.files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["c/a.md", "c/a.txt", "c/b"]);
        // The same name under two sources, and an extension that makes another file's id.
        let d = dir.path().join("2024").join("c");
        std::fs::create_dir_all(&d).expect("a folder");
        std::fs::write(d.join("b.txt"), "More text.\n").expect("a file");
        std::fs::write(c.join("a.txt.md"), "More text.\n").expect("a file");
        let inputs = collect_inputs(&[c, d]);
        let ids: Vec<_> = inputs.files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            ["c/a.md", "c/a.txt", "c/a.txt~2", "c/b.txt", "c/b.txt~2"]
        );
    }

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

    #[test]
    fn missing_sources_are_reported_not_fatal() {
        let inputs = collect_inputs(&[PathBuf::from("/nonexistent/rapporteur/x")]);
        assert!(inputs.files.is_empty());
        assert_eq!(inputs.errors.len(), 1);
        assert!(inputs.errors[0].path.contains("/nonexistent/rapporteur/x"));
    }
}
