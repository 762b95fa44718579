//! The streaming run: the corpus goes to its outputs a batch of documents at a time, never held
//! whole, so memory stays at about one batch plus the index writer's budget whatever the corpus
//! size.
//!
//! Contract: [`ingest_streaming`] writes the same `documents.jsonl`, `passages.jsonl`,
//! `participants.json` and index as [`super::ingest_run`] followed by [`super::write_corpus`]
//! and [`crate::index::write_index`], byte for byte, whatever the thread count.
//!
//! - **Pass 1** reads each input (a table a batch of rows at a time), segments, attributes and
//!   tags its documents in parallel (in order), appends their lines to `documents.jsonl.tmp`
//!   and to a scratch file of passages, and keeps of each passage with a speaker only what the
//!   corpus-wide participant resolution ([`attribute::resolve_corpus`]) reads: its id,
//!   document, speaker (interned), label, sector flag, voice, and its text when the speaker
//!   came from a trailing "(Name)".
//! - **Resolve**: one participant per person, from that projection.
//! - **Pass 2** reads the scratch passages back a batch at a time, gives them their resolved
//!   speakers, appends them to `passages.jsonl.tmp` and hands each document's passages to the
//!   [`IndexBuilder`].
//! - At the end the index is committed, then the three files are put into place together
//!   ([`crate::store::atomic::replace_all`]): a failure before leaves the outputs of the last
//!   complete run as they were. Every file a run writes is created exclusively under an
//!   unpredictable name, so a link planted among them is never followed.
//!
//! A file that fails (read error, or a bug: a panic anywhere in its work) adds nothing: what
//! it had appended is cut off again, and it is reported as a [`FileError`], as in
//! [`super::ingest_run`]. What the readers passed over in the files read (their documents'
//! [`warnings`](Document::warnings)) is gathered as [`FileWarning`]s, in input order. Inputs
//! unchanged since they were cached come from the cache, a batch at a time; inputs processed
//! are read once, and cached as they go under the hash of the bytes they were processed from.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tempfile::NamedTempFile;

use super::sink::{Counted, Rendered, Resolved, Sink};
use super::{FileError, FileWarning, IngestSettings, Input, InputReport};
use crate::attribute::PipelineRoster;
use crate::index::{IndexBuilder, IndexError, IndexSummary};
use crate::model::{DocInfo, Document, Participant, Passage};
use crate::read;
use crate::store::cache::{self, EntryWriter};
use crate::tag::Tagger;

/// Documents processed together: enough for every core, small beside the index's budget.
pub const BATCH: usize = 4096;
/// Files at most this large are read whole, several at a time; larger ones alone, in batches
/// (small in tests, so that both paths run on small files).
const SMALL_FILE: u64 = if cfg!(test) { 10_000 } else { 4 << 20 };
/// Documents per batch of a large file (small in tests, so that files take several).
const DOCS: usize = if cfg!(test) { 3 } else { BATCH };
/// A group of small files: at most this many files and bytes.
const GROUP_FILES: usize = 64;
const GROUP_BYTES: u64 = 16 << 20;

/// What a streaming run produced: counts and reports, not the corpus.
#[derive(Debug, Default)]
pub struct Streamed {
    pub documents: usize,
    pub passages: usize,
    pub participants: Vec<Participant>,
    pub errors: Vec<FileError>,
    /// What the readers passed over in the files that were read, in input order (inputs
    /// taken from the cache included).
    pub warnings: Vec<FileWarning>,
    /// One record per input, in input order.
    pub inputs: Vec<InputReport>,
    /// What the index holds, when one was built.
    pub index: Option<IndexSummary>,
    /// Milliseconds from the end of pass 1 to the end (resolution, pass 2, index commit).
    pub index_ms: u128,
}

/// Why a streaming run could not write its outputs.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error("cannot write {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// Where a streaming run writes.
pub struct Outputs<'a> {
    /// The folder of `documents.jsonl`, `passages.jsonl` and `participants.json`; `None`
    /// writes only the index.
    pub dir: Option<&'a Path>,
    /// A folder for the run's scratch files (created; the files are removed at the end).
    pub scratch: &'a Path,
    /// The index to fill, opened by the caller ([`IndexBuilder::create`]).
    pub index: Option<IndexBuilder>,
}

/// Reads, segments, attributes, tags and indexes `inputs` as [`super::ingest_run`],
/// [`super::write_corpus`] and [`crate::index::write_index`] do, without holding the corpus
/// (see the module doc).
pub fn ingest_streaming(
    inputs: &[Input],
    tagger: &Tagger,
    settings: IngestSettings,
    outputs: Outputs,
) -> Result<Streamed, StreamError> {
    let empty = PipelineRoster::default();
    let roster = settings.roster.unwrap_or(&empty);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StreamError::Io { path, source }
    };
    std::fs::create_dir_all(outputs.scratch).map_err(io(outputs.scratch))?;
    if let Some(dir) = outputs.dir {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let names = Names {
        dir: outputs.dir,
        scratch: outputs.scratch,
    };
    let mut sink = Sink::create(&names).map_err(io(outputs.scratch))?;
    let mut out = Streamed::default();
    let job = Job {
        tagger,
        roster,
        settings,
    };

    // Pass 1.
    let mut i = 0;
    while i < inputs.len() {
        let mut j = i;
        let mut bytes = 0;
        while j < inputs.len() && j - i < GROUP_FILES {
            let size = std::fs::metadata(&inputs[j].path).map_or(0, |m| m.len());
            if size > SMALL_FILE || (j > i && bytes + size > GROUP_BYTES) {
                break;
            }
            bytes += size;
            j += 1;
        }
        if j == i {
            let (report, error) = job
                .stream_one(&inputs[i], &mut sink)
                .map_err(io(outputs.scratch))?;
            if let Some(p) = settings.progress {
                // Its passages were counted batch by batch.
                let size = std::fs::metadata(&inputs[i].path).map_or(0, |m| m.len());
                p.add(0, size);
            }
            out.errors.extend(error);
            out.inputs.push(report);
            i += 1;
            continue;
        }
        let done: Vec<(InputReport, Result<Vec<Rendered>, FileError>)> = inputs[i..j]
            .par_iter()
            .map(|input| {
                let r = job.small(input);
                if let Some(p) = settings.progress {
                    let size = std::fs::metadata(&input.path).map_or(0, |m| m.len());
                    p.add(r.0.passages, size);
                }
                r
            })
            .collect();
        for (report, result) in done {
            match result {
                Ok(rendered) => {
                    for r in rendered {
                        sink.emit(r).map_err(io(outputs.scratch))?;
                    }
                }
                Err(e) => out.errors.push(e),
            }
            out.inputs.push(report);
        }
        i = j;
    }
    out.documents = sink.documents;
    out.passages = sink.passages;
    out.warnings = std::mem::take(&mut sink.warnings);

    // Resolve.
    let t = std::time::Instant::now();
    let (participants, resolved) = sink.resolve(roster);
    out.participants = participants;

    // Pass 2.
    let Sink {
        docs, infos, pass1, ..
    } = sink;
    let docs = docs
        .map(Counted::finish)
        .transpose()
        .map_err(io(outputs.dir.unwrap_or(outputs.scratch)))?;
    let infos = infos.finish().map_err(io(outputs.scratch))?;
    let pass1 = pass1.finish().map_err(io(outputs.scratch))?;
    let mut index = outputs.index;
    let passages = second_pass(&names, &pass1, &infos, &resolved, index.as_mut())?;
    drop((pass1, infos));

    // Every output written, then into place: the index committed, then the three files
    // together.
    if let Some(builder) = index {
        crate::store::failpoint("index-commit").map_err(io(outputs.scratch))?;
        out.index = Some(builder.finish()?);
    }
    if let (Some(dir), Some(docs)) = (outputs.dir, docs) {
        let final_people = dir.join("participants.json");
        let mut people = Counted::create(dir, "participants.json").map_err(io(&final_people))?;
        let json = serde_json::to_vec_pretty(&out.participants).map_err(|e| StreamError::Io {
            path: final_people.clone(),
            source: e.into(),
        })?;
        people.write(&json).map_err(io(&final_people))?;
        people.write(b"\n").map_err(io(&final_people))?;
        let people = people.finish().map_err(io(&final_people))?;
        let files = [
            (docs, "documents.jsonl"),
            (passages, "passages.jsonl"),
            (people, "participants.json"),
        ];
        let moves: Vec<(Option<PathBuf>, &str)> = files
            .iter()
            .map(|(f, name)| (Some(f.path().to_path_buf()), *name))
            .collect();
        crate::store::atomic::replace_all(dir, dir, &moves, "outputs").map_err(|e| {
            StreamError::Io {
                path: e.path,
                source: e.source,
            }
        })?;
        for (f, _) in files {
            // In place now: not to be removed.
            let _ = f.into_temp_path().keep();
        }
    }
    out.index_ms = t.elapsed().as_millis();
    Ok(out)
}

/// Where a streaming run writes: the output folder (`None`: the index only) and the folder
/// of its scratch files.
pub(super) struct Names<'a> {
    pub(super) dir: Option<&'a Path>,
    pub(super) scratch: &'a Path,
}

/// Pass 2: resolved speakers into the passages, `passages.jsonl.tmp` written, the index fed.
fn second_pass(
    names: &Names<'_>,
    pass1: &NamedTempFile,
    infos: &NamedTempFile,
    resolved: &Resolved,
    mut index: Option<&mut IndexBuilder>,
) -> Result<NamedTempFile, StreamError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StreamError::Io { path, source }
    };
    let invalid = |path: &Path| {
        let path = path.to_path_buf();
        move |e: serde_json::Error| StreamError::Io {
            path,
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        }
    };
    let pass1_path = pass1.path();
    let infos_path = infos.path();
    let out_dir = names.dir.unwrap_or(names.scratch);
    let out_path = out_dir.join("passages.jsonl");
    let mut lines =
        BufReader::with_capacity(1 << 20, File::open(pass1_path).map_err(io(pass1_path))?).lines();
    let mut infos = BufReader::new(File::open(infos_path).map_err(io(infos_path))?).lines();
    let mut out = Counted::create(out_dir, "passages.jsonl").map_err(io(&out_path))?;
    let mut next_speaker = 0usize;
    // The passages of the document being gathered for the index, and its info.
    let mut pending: Vec<Passage> = Vec::new();
    let mut pending_doc: Option<DocInfo> = None;
    loop {
        let mut batch: Vec<String> = Vec::with_capacity(BATCH);
        for line in lines.by_ref() {
            batch.push(line.map_err(io(pass1_path))?);
            if batch.len() == BATCH * 2 {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let parsed: Vec<Passage> = batch
            .par_iter()
            .map(|l| serde_json::from_str::<Passage>(l))
            .collect::<Result<_, _>>()
            .map_err(invalid(pass1_path))?;
        // Resolved speakers, in order; a passage whose speaker changed is serialized again.
        let mut changed = vec![false; parsed.len()];
        let mut parsed = parsed;
        for (p, c) in parsed.iter_mut().zip(changed.iter_mut()) {
            if p.speaker.is_none() {
                continue;
            }
            let Some((s, voice)) = resolved
                .of
                .get(next_speaker)
                .and_then(|&n| resolved.table.get(n as usize))
            else {
                continue;
            };
            next_speaker += 1;
            if p.speaker != *s || p.voice != *voice {
                p.speaker.clone_from(s);
                p.voice = *voice;
                *c = true;
            }
        }
        let again: Vec<Option<Vec<u8>>> = parsed
            .par_iter()
            .zip(changed.par_iter())
            .map(|(p, &c)| c.then(|| serde_json::to_vec(p)).transpose())
            .collect::<Result<_, _>>()
            .map_err(invalid(&out_path))?;
        for (line, new) in batch.iter().zip(&again) {
            out.write(new.as_deref().unwrap_or(line.as_bytes()))
                .map_err(io(&out_path))?;
            out.write(b"\n").map_err(io(&out_path))?;
        }
        drop(batch);
        let Some(builder) = index.as_deref_mut() else {
            continue;
        };
        for p in parsed {
            if pending_doc.as_ref().is_some_and(|d| d.id != p.doc) {
                if let Some(d) = pending_doc.take() {
                    builder.add(&d, &pending)?;
                }
                pending.clear();
            }
            if pending_doc.is_none() {
                // The next document with passages (documents without any are passed over).
                loop {
                    let Some(line) = infos.next() else {
                        return Err(IndexError::UnknownDoc {
                            passage: p.id.clone(),
                            doc: p.doc.clone(),
                        }
                        .into());
                    };
                    let line = line.map_err(io(infos_path))?;
                    let info: DocInfo = serde_json::from_str(&line).map_err(invalid(infos_path))?;
                    if info.id == p.doc {
                        pending_doc = Some(info);
                        break;
                    }
                }
            }
            pending.push(p);
        }
    }
    if let (Some(builder), Some(d)) = (index, pending_doc) {
        builder.add(&d, &pending)?;
    }
    out.finish().map_err(io(&out_path))
}

/// One input's work, shared by the small-file and the streamed paths.
struct Job<'a> {
    tagger: &'a Tagger,
    roster: &'a PipelineRoster,
    settings: IngestSettings<'a>,
}

impl Job<'_> {
    /// Processes documents in parallel, in order, and renders them.
    fn process(&self, docs: Vec<Document>) -> serde_json::Result<Vec<Rendered>> {
        docs.into_par_iter()
            .map(|doc| {
                let (doc, passages) = super::process_document_with(doc, self.tagger, self.roster);
                Rendered::new(&doc, passages)
            })
            .collect()
    }

    /// The cached documents of `input` under `hash`, rendered (`None`: not cached).
    fn cached(&self, input: &Input, hash: &str) -> Option<Vec<Rendered>> {
        let (cache, fingerprint) = self.settings.cache?;
        let docs = cache.get(&input.id, &input.shown, hash, fingerprint)?;
        docs.into_par_iter()
            .map(|(d, p)| Rendered::new(&d, p))
            .collect::<serde_json::Result<Vec<Rendered>>>()
            .ok()
    }

    /// A small input, whole: from the cache, or read once, processed and cached under the
    /// hash of the bytes read.
    fn small(&self, input: &Input) -> (InputReport, Result<Vec<Rendered>, FileError>) {
        let mut report = input.report();
        let reused = |mut report: InputReport, hash: String, rendered: Vec<Rendered>| {
            report.sha256 = Some(hash);
            report.reused = true;
            report.documents = rendered.len();
            report.passages = rendered.iter().map(|r| r.passages.len()).sum();
            (report, Ok(rendered))
        };
        let known = self.settings.known_hash(input);
        if let Some(hash) = known.clone()
            && let Some(rendered) = self.cached(input, &hash)
        {
            return reused(report, hash, rendered);
        }
        let (loaded, hash) = match input.load(known.as_deref()) {
            Ok(read) => read,
            Err((e, hash)) => {
                report.sha256 = hash;
                report.error = Some(e.error.clone());
                return (report, Err(e));
            }
        };
        if known.as_ref() != Some(&hash)
            && let Some(rendered) = self.cached(input, &hash)
        {
            return reused(report, hash, rendered);
        }
        report.sha256 = Some(hash.clone());
        let guarded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut docs = input.documents(&loaded)?.rest();
            input.complete(&loaded, &mut docs);
            drop(loaded);
            self.process(docs)
                .map_err(|e| input.error(format!("cannot serialize: {e}")))
        }));
        let result = guarded.unwrap_or_else(|_| Err(input.internal_error()));
        match &result {
            Ok(rendered) => {
                report.documents = rendered.len();
                report.passages = rendered.iter().map(|r| r.passages.len()).sum();
                if let Some((cache, fingerprint)) = self.settings.cache {
                    // A cache that cannot be written costs the next run time, nothing more.
                    let _ = (|| {
                        let mut w = cache.writer(&input.id, &input.shown, &hash, fingerprint)?;
                        for r in rendered {
                            w.append(&r.record())?;
                        }
                        w.commit()
                    })();
                }
            }
            Err(e) => report.error = Some(e.error.clone()),
        }
        (report, result)
    }

    /// Emits the cached documents of `input` under `hash`, a batch at a time; `false` (with
    /// nothing emitted) when they are not cached whole.
    fn replay(&self, input: &Input, hash: &str, sink: &mut Sink) -> std::io::Result<bool> {
        let Some((cache, fingerprint)) = self.settings.cache else {
            return Ok(false);
        };
        let Some(mut reader) = cache.reader(&input.id, &input.shown, hash, fingerprint) else {
            return Ok(false);
        };
        let mark = sink.mark();
        while let Some(lines) = reader.next_lines(DOCS) {
            let rendered: Option<Vec<Rendered>> = lines.ok().and_then(|lines| {
                lines
                    .par_iter()
                    .map(|l| {
                        let (d, p) = cache::parse_record(l).ok()?;
                        Rendered::new(&d, p).ok()
                    })
                    .collect()
            });
            let Some(rendered) = rendered else {
                // A damaged entry: processed again, as if not cached.
                sink.rollback(mark)?;
                return Ok(false);
            };
            if let Some(p) = self.settings.progress {
                p.add_passages(rendered.iter().map(|r| r.passages.len()).sum());
            }
            for r in rendered {
                sink.emit(r)?;
            }
        }
        Ok(true)
    }

    /// A large input, a batch of documents at a time. The error is the input's; `Err` is a
    /// failure to write the run's own files.
    fn stream_one(
        &self,
        input: &Input,
        sink: &mut Sink,
    ) -> std::io::Result<(InputReport, Option<FileError>)> {
        let mut report = input.report();
        let mark = sink.mark();
        let reused = |mut report: InputReport, hash: String, sink: &Sink| {
            report.sha256 = Some(hash);
            report.reused = true;
            report.documents = sink.documents - mark.documents;
            report.passages = sink.passages - mark.passages;
            (report, None)
        };
        let known = self.settings.known_hash(input);
        if let Some(hash) = known.clone()
            && self.replay(input, &hash, sink)?
        {
            return Ok(reused(report, hash, sink));
        }
        let (loaded, hash) = match input.load(known.as_deref()) {
            Ok(read) => read,
            Err((e, hash)) => {
                report.sha256 = hash;
                report.error = Some(e.error.clone());
                return Ok((report, Some(e)));
            }
        };
        if known.as_ref() != Some(&hash) && self.replay(input, &hash, sink)? {
            return Ok(reused(report, hash, sink));
        }
        report.sha256 = Some(hash.clone());
        let mut writer: Option<EntryWriter> = self.settings.cache.and_then(|(c, fingerprint)| {
            c.writer(&input.id, &input.shown, &hash, fingerprint).ok()
        });
        let read =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| input.documents(&loaded)));
        // The bytes are parsed: only what completes a batch is kept.
        let loaded = read::Loaded {
            bytes: Vec::new(),
            ..loaded
        };
        let error = match read {
            Err(_) => Some(input.internal_error()),
            Ok(Err(e)) => Some(e),
            Ok(Ok(mut docs)) => {
                let next = |docs: &mut read::Docs| {
                    let mut batch = docs.next_batch(DOCS);
                    input.complete(&loaded, &mut batch);
                    batch
                };
                // A batch is processed while the next is read (both cores busy); a panic in
                // either is the file's error.
                let mut batch =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| next(&mut docs)));
                loop {
                    let current = match batch {
                        Err(_) => break Some(input.internal_error()),
                        Ok(b) if b.is_empty() => break None,
                        Ok(b) => b,
                    };
                    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        rayon::join(|| self.process(current), || next(&mut docs))
                    }));
                    let rendered = match done {
                        Err(_) => break Some(input.internal_error()),
                        Ok((Err(e), _)) => {
                            break Some(input.error(format!("cannot serialize: {e}")));
                        }
                        Ok((Ok(r), following)) => {
                            batch = Ok(following);
                            r
                        }
                    };
                    if let Some(p) = self.settings.progress {
                        p.add_passages(rendered.iter().map(|r| r.passages.len()).sum());
                    }
                    for r in rendered {
                        if let Some(w) = writer.as_mut()
                            && w.append(&r.record()).is_err()
                        {
                            writer = None;
                        }
                        sink.emit(r)?;
                    }
                }
            }
        };
        if let Some(e) = error {
            sink.rollback(mark)?;
            report.error = Some(e.error.clone());
            return Ok((report, Some(e)));
        }
        report.documents = sink.documents - mark.documents;
        report.passages = sink.passages - mark.passages;
        if let Some(w) = writer {
            let _ = w.commit();
        }
        Ok((report, None))
    }
}

/// The documents (as [`DocInfo`]) and passages of the outputs in `dir`, read back (for the
/// outline, which needs every passage).
pub fn read_back(dir: &Path) -> std::io::Result<(Vec<DocInfo>, Vec<Passage>)> {
    fn all<T: serde::de::DeserializeOwned + Send>(path: &Path) -> std::io::Result<Vec<T>> {
        let mut lines = BufReader::with_capacity(1 << 20, File::open(path)?).lines();
        let mut out = Vec::new();
        loop {
            let batch: Vec<String> = lines.by_ref().take(BATCH * 2).collect::<Result<_, _>>()?;
            if batch.is_empty() {
                return Ok(out);
            }
            let parsed: Vec<T> = batch
                .par_iter()
                .map(|l| serde_json::from_str(l))
                .collect::<Result<_, _>>()
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
            out.extend(parsed);
        }
    }
    Ok((
        all(&dir.join("documents.jsonl"))?,
        all(&dir.join("passages.jsonl"))?,
    ))
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
