//! Orchestration: files → documents → passages (attributed, tagged) → outputs.
//!
//! Documents are processed in parallel (rayon) and collected in input order, so the thread
//! count never changes a byte of output. A file that fails is recorded as a [`FileError`] and
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

use crate::attribute::PipelineRoster;
use crate::model::{Document, Participant, Passage};
use crate::read::ReadOptions;
use crate::tag::Tagger;
use crate::{attribute, read, segment};

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
/// source it was found through, without the extension: `corpora/seeds/004_x.txt` → `seeds/004_x`.
pub fn collect_inputs(sources: &[PathBuf]) -> Inputs {
    let plain = std::sync::Arc::new(ReadOptions::default());
    let sources: Vec<_> = sources.iter().map(|s| (s.clone(), plain.clone())).collect();
    collect_sources(&sources)
}

/// [`collect_inputs`] for sources that each carry their read options.
pub fn collect_sources(sources: &[(PathBuf, std::sync::Arc<ReadOptions>)]) -> Inputs {
    let mut out = Inputs::default();
    for (src, options) in sources {
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
    out
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
}

/// Reads, segments, attributes and tags every input, in parallel; outputs in input order.
pub fn ingest(inputs: &[Input], tagger: &Tagger) -> Corpus {
    ingest_with(inputs, tagger, &PipelineRoster::default())
}

/// [`ingest`] with a pipeline-file roster: its people help attribution in every document and
/// name the participants (see [`attribute::resolve_participants`]).
pub fn ingest_with(inputs: &[Input], tagger: &Tagger, roster: &PipelineRoster) -> Corpus {
    let results: Vec<Result<Processed, FileError>> = inputs
        .par_iter()
        .map(|input| process(input, tagger, roster))
        .collect();
    let mut corpus = Corpus::default();
    for r in results {
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
    corpus.participants =
        attribute::resolve_corpus(&corpus.documents, &mut corpus.passages, roster);
    corpus
}

/// The documents of one file with their passages.
type Processed = Vec<(Document, Vec<Passage>)>;

/// One document's work, guarded so that a bug on one file cannot take the run down.
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
        Ok(docs
            .into_iter()
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

/// FNV-1a (64 bit) of a file's bytes, as 16 hex digits: the content hash `run.json` records.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
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
    fn missing_sources_are_reported_not_fatal() {
        let inputs = collect_inputs(&[PathBuf::from("/nonexistent/rapporteur/x")]);
        assert!(inputs.files.is_empty());
        assert_eq!(inputs.errors.len(), 1);
        assert!(inputs.errors[0].path.contains("/nonexistent/rapporteur/x"));
    }
}
