//! Writing an index (atomic rebuild), opening it safely, and loading its passages back.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use tantivy::collector::TopDocs;
use tantivy::directory::MmapDirectory;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::{
    Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, TantivyError,
};

use super::schema::{self, Fields};
use super::{IndexError, IndexSummary, Loaded};
use crate::analysis::{FxBuild, Lang, PLAIN_ANALYZER, text_analyzer_in};
use crate::model::{DocInfo, Passage};
use crate::tag::language::detect_passages;

/// The mark rapporteur leaves on every index it writes (the payload of its commits, kept in
/// `meta.json` by merges too): an index with this mark is rapporteur's whatever its schema (an
/// older or newer rapporteur's), so a run may replace it.
pub const MARK: &str = "rapporteur index";

/// The files of an index folder that are tantivy's own besides those `.managed.json` lists:
/// that list itself and the lock files.
const TANTIVY_FILES: [&str; 3] = [
    ".managed.json",
    ".tantivy-meta.lock",
    ".tantivy-writer.lock",
];

/// The writer's memory budget, shared by its threads.
const WRITER_BUDGET: usize = 100_000_000;
/// At most this many indexing threads: the machine is shared.
const MAX_THREADS: usize = 2;

/// Replaces the content of the index in `dir` with `passages` (in corpus order) and returns what
/// it wrote.
///
/// Creates `dir` (and its parents) when it does not exist; opens it when it holds a rapporteur
/// index; refuses any other non-empty directory ([`IndexError::NotEmpty`]) and a tantivy index
/// with another schema ([`IndexError::Foreign`]). The old content is deleted and the new one added
/// in a single commit, so readers see either the old index or the new one. Every passage's `doc`
/// must be among `docs` ([`IndexError::UnknownDoc`]), checked before anything is touched.
///
/// Each document's language is told from its passages ([`detect_passages`], as the pipeline
/// tells it) and decides the field, hence the stemmer, its passages' text is indexed with.
pub fn write_index(
    dir: &Path,
    docs: &[DocInfo],
    passages: &[Passage],
) -> Result<IndexSummary, IndexError> {
    let mut doc_json: HashMap<&str, String, FxBuild> = HashMap::default();
    for d in docs {
        if doc_json.contains_key(d.id.as_str()) {
            continue;
        }
        let json = serde_json::to_string(d).map_err(|source| IndexError::Corrupt {
            dir: dir.to_path_buf(),
            what: "document",
            seq: 0,
            source,
        })?;
        doc_json.insert(d.id.as_str(), json);
    }
    let mut used: HashMap<&str, Vec<&str>, FxBuild> = HashMap::default();
    for p in passages {
        if !doc_json.contains_key(p.doc.as_str()) {
            return Err(IndexError::UnknownDoc {
                passage: p.id.clone(),
                doc: p.doc.clone(),
            });
        }
        used.entry(p.doc.as_str())
            .or_default()
            .push(p.text.as_str());
    }
    // Per document: its JSON and its language, looked up once per passage.
    let per_doc: HashMap<&str, (&str, Option<&'static str>), FxBuild> = used
        .iter()
        .map(|(doc, texts)| {
            let json = doc_json.get(doc).map_or("", String::as_str);
            (*doc, (json, detect_passages(texts.iter().copied())))
        })
        .collect();

    let mut builder = IndexBuilder::create(dir)?;
    for (seq, p) in (0u64..).zip(passages) {
        let (json, language) = per_doc.get(p.doc.as_str()).copied().unwrap_or(("", None));
        builder.push(seq, p, json, language)?;
    }
    builder.docs = used.len();
    builder.finish()
}

/// Writes an index a document at a time, for a pipeline that streams its documents instead of
/// holding the corpus: memory stays at the writer's budget whatever the corpus size.
///
/// The same contract as [`write_index`]: [`IndexBuilder::create`] opens (or creates) the
/// directory with the same checks, and nothing is visible to readers until
/// [`IndexBuilder::finish`] replaces the old content in one commit (dropping the builder
/// without finishing leaves the old index as it was). Passages are numbered in the order they
/// are added; each document's language is told from the passages given with it, so give all
/// of a document's passages in one [`IndexBuilder::add`] (as [`write_index`] tells it from all
/// of them). An index built this way is the index [`write_index`] builds from the same
/// documents and passages.
///
/// ```
/// use rapporteur::index::{IndexBuilder, load};
/// use rapporteur::{DocInfo, Document, Passage, PassageKind};
///
/// let text = "Trust is built through consultation.";
/// let doc = Document {
///     id: "notes/a".into(), path: "notes/a.txt".into(), path_raw: None, format: "text".into(),
///     title: None, kind: "notes".into(), text: text.into(),
///     meta: Default::default(), warnings: Vec::new(), authors: Vec::new(), blocks: Vec::new(),
/// };
/// let passage = Passage::new(&doc, 1, PassageKind::Paragraph, 0, text.len());
/// let dir = tempfile::tempdir()?;
/// let mut builder = IndexBuilder::create(dir.path())?;
/// builder.add(&DocInfo::from(&doc), std::slice::from_ref(&passage))?;
/// let summary = builder.finish()?;
/// assert_eq!((summary.docs, summary.passages), (1, 1));
/// assert_eq!(load(dir.path())?.passages, vec![passage]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct IndexBuilder {
    dir: PathBuf,
    fields: Fields,
    writer: IndexWriter<TantivyDocument>,
    created: bool,
    /// Passages added so far (the next passage's `seq`).
    seq: u64,
    /// Documents with at least one passage added so far.
    docs: usize,
}

impl IndexBuilder {
    /// Opens the index in `dir` for a rebuild (see [`write_index`] for what `dir` may hold).
    pub fn create(dir: &Path) -> Result<IndexBuilder, IndexError> {
        let (index, fields, created) = open_for_writing(dir)?;
        let tantivy_err =
            |action: &'static str| move |source: TantivyError| tantivy_error(dir, action, source);
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MAX_THREADS);
        let writer: IndexWriter<TantivyDocument> = index
            .writer_with_num_threads(threads, WRITER_BUDGET)
            .map_err(tantivy_err("opening the index writer"))?;
        writer
            .delete_all_documents()
            .map_err(tantivy_err("clearing the index"))?;
        Ok(IndexBuilder {
            dir: dir.to_path_buf(),
            fields,
            writer,
            created,
            seq: 0,
            docs: 0,
        })
    }

    /// Adds the passages of `doc`, in order (all of them: they tell its language). Every
    /// passage must belong to `doc` ([`IndexError::UnknownDoc`], checked before any is added).
    pub fn add(&mut self, doc: &DocInfo, passages: &[Passage]) -> Result<(), IndexError> {
        if let Some(p) = passages.iter().find(|p| p.doc != doc.id) {
            return Err(IndexError::UnknownDoc {
                passage: p.id.clone(),
                doc: p.doc.clone(),
            });
        }
        if passages.is_empty() {
            return Ok(());
        }
        let json = serde_json::to_string(doc).map_err(|source| IndexError::Corrupt {
            dir: self.dir.clone(),
            what: "document",
            seq: 0,
            source,
        })?;
        let language = detect_passages(passages.iter().map(|p| p.text.as_str()));
        for p in passages {
            self.push(self.seq, p, &json, language)?;
        }
        self.docs += 1;
        Ok(())
    }

    /// Adds one passage as number `seq`, with its document's JSON and language.
    fn push(
        &mut self,
        seq: u64,
        p: &Passage,
        doc_json: &str,
        language: Option<&str>,
    ) -> Result<(), IndexError> {
        let document =
            schema::to_document(&self.fields, seq, p, doc_json, language).map_err(|source| {
                IndexError::Corrupt {
                    dir: self.dir.clone(),
                    what: "passage",
                    seq,
                    source,
                }
            })?;
        self.writer
            .add_document(document)
            .map_err(|source| tantivy_error(&self.dir, "adding a passage", source))?;
        self.seq = seq + 1;
        Ok(())
    }

    /// Commits: the index now holds exactly the passages added, and readers see them. The
    /// commit carries rapporteur's [`MARK`].
    pub fn finish(mut self) -> Result<IndexSummary, IndexError> {
        let dir = self.dir.clone();
        let mut commit = self
            .writer
            .prepare_commit()
            .map_err(|source| tantivy_error(&dir, "committing", source))?;
        commit.set_payload(MARK);
        commit
            .commit()
            .map_err(|source| tantivy_error(&dir, "committing", source))?;
        self.writer
            .wait_merging_threads()
            .map_err(|source| tantivy_error(&dir, "merging segments", source))?;
        Ok(IndexSummary {
            dir: self.dir,
            docs: self.docs,
            passages: usize::try_from(self.seq).unwrap_or(usize::MAX),
            created: self.created,
        })
    }
}

/// Whether the index directory `dir` may be replaced (or removed) whole, a new index built
/// elsewhere taking its place: it is absent, empty, or holds a rapporteur index — one with
/// rapporteur's schema or its [`MARK`] (an older or newer rapporteur's) — and nothing but the
/// index's own files. Otherwise the error says why not: [`IndexError::NotADirectory`],
/// [`IndexError::NotEmpty`] (user files and no index), [`IndexError::Foreign`] (a tantivy
/// index another program wrote), [`IndexError::OtherFiles`] (a file put inside the index).
pub fn check_replaceable(dir: &Path) -> Result<(), IndexError> {
    if !dir.try_exists().map_err(|source| io_error(dir, source))? {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(IndexError::NotADirectory { dir: dir.into() });
    }
    if !holds_index(dir)? {
        let mut entries = std::fs::read_dir(dir).map_err(|source| io_error(dir, source))?;
        if entries.next().is_some() {
            return Err(IndexError::NotEmpty { dir: dir.into() });
        }
        return Ok(());
    }
    let index = Index::open_in_dir(dir)
        .map_err(|source| tantivy_error(dir, "opening the index", source))?;
    let marked = index
        .load_metas()
        .map_err(|source| tantivy_error(dir, "reading meta.json", source))?
        .payload
        .is_some_and(|p| p == MARK);
    if !marked && index.schema() != schema::schema().0 {
        return Err(IndexError::Foreign { dir: dir.into() });
    }
    // Every file is one tantivy wrote: listed in `.managed.json`, that list, a lock, or what
    // an interrupted write of tantivy's left (`.tmpXXXXXX`).
    let managed: BTreeSet<String> = std::fs::read(dir.join(TANTIVY_FILES[0]))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    for e in std::fs::read_dir(dir).map_err(|source| io_error(dir, source))? {
        let e = e.map_err(|source| io_error(dir, source))?;
        let name = e.file_name().to_string_lossy().into_owned();
        let is_file = e.file_type().is_ok_and(|t| t.is_file());
        let tantivys = managed.contains(&name)
            || TANTIVY_FILES.contains(&name.as_str())
            || name
                .strip_prefix(".tmp")
                .is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !(is_file && tantivys) {
            return Err(IndexError::OtherFiles {
                dir: dir.into(),
                file: e.path(),
            });
        }
    }
    Ok(())
}

/// Every passage of the index in `dir`, in the order it was written, with its documents.
pub fn load(dir: &Path) -> Result<Loaded, IndexError> {
    let (_, fields, reader) = open_for_reading(dir)?;
    let searcher = reader.searcher();
    let total = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let mut loaded = Loaded {
        docs: Vec::new(),
        passages: Vec::with_capacity(total),
    };
    if total == 0 {
        return Ok(loaded);
    }
    let in_order = TopDocs::with_limit(total).order_by_u64_field(schema::SEQ, Order::Asc);
    let addresses = searcher
        .search(&AllQuery, &in_order)
        .map_err(|source| tantivy_error(dir, "listing passages", source))?;
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (_, address) in addresses {
        let stored: TantivyDocument = searcher
            .doc(address)
            .map_err(|source| tantivy_error(dir, "reading a stored passage", source))?;
        let (passage, doc) = decode(dir, &fields, &stored)?;
        if seen.insert(doc.id.clone()) {
            loaded.docs.push(doc);
        }
        loaded.passages.push(passage);
    }
    Ok(loaded)
}

/// The passage and document stored in a tantivy document.
pub(crate) fn decode(
    dir: &Path,
    f: &Fields,
    stored: &TantivyDocument,
) -> Result<(Passage, DocInfo), IndexError> {
    let seq = stored
        .get_first(f.seq)
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    let text_of = |field| {
        stored
            .get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or("")
    };
    let corrupt = |what| {
        move |source| IndexError::Corrupt {
            dir: dir.to_path_buf(),
            what,
            seq,
            source,
        }
    };
    let passage: Passage = serde_json::from_str(text_of(f.json)).map_err(corrupt("passage"))?;
    let doc: DocInfo = serde_json::from_str(text_of(f.doc_json)).map_err(corrupt("document"))?;
    Ok((passage, doc))
}

/// Opens the index in `dir` for reading, with the analyzer registered.
pub(crate) fn open_for_reading(dir: &Path) -> Result<(Index, Fields, IndexReader), IndexError> {
    match dir.try_exists() {
        Ok(true) => {}
        Ok(false) => return Err(IndexError::Missing { dir: dir.into() }),
        Err(source) => return Err(io_error(dir, source)),
    }
    if !dir.is_dir() {
        return Err(IndexError::NotADirectory { dir: dir.into() });
    }
    if !holds_index(dir)? {
        return Err(IndexError::NotAnIndex { dir: dir.into() });
    }
    let (index, fields) = open_ours(dir)?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|source| tantivy_error(dir, "opening a reader", source))?;
    Ok((index, fields, reader))
}

/// Opens or creates the index in `dir` for writing; the flag is true when it was created.
fn open_for_writing(dir: &Path) -> Result<(Index, Fields, bool), IndexError> {
    let exists = dir.try_exists().map_err(|source| io_error(dir, source))?;
    if exists && !dir.is_dir() {
        return Err(IndexError::NotADirectory { dir: dir.into() });
    }
    if exists && holds_index(dir)? {
        let (index, fields) = open_ours(dir)?;
        return Ok((index, fields, false));
    }
    if exists {
        let mut entries = std::fs::read_dir(dir).map_err(|source| io_error(dir, source))?;
        if entries.next().is_some() {
            return Err(IndexError::NotEmpty { dir: dir.into() });
        }
    } else {
        std::fs::create_dir_all(dir).map_err(|source| io_error(dir, source))?;
    }
    let (schema, fields) = schema::schema();
    let index = Index::create_in_dir(dir, schema)
        .map_err(|source| tantivy_error(dir, "creating the index", source))?;
    register_analyzers(&index);
    Ok((index, fields, true))
}

/// True when `dir` holds a tantivy index (a `meta.json`).
fn holds_index(dir: &Path) -> Result<bool, IndexError> {
    let directory = MmapDirectory::open(dir)
        .map_err(|source| tantivy_error(dir, "opening the directory", source.into()))?;
    Index::exists(&directory)
        .map_err(|source| tantivy_error(dir, "looking for meta.json", source.into()))
}

/// Opens the tantivy index in `dir`, checks that rapporteur wrote it, registers the analyzer.
fn open_ours(dir: &Path) -> Result<(Index, Fields), IndexError> {
    let index = Index::open_in_dir(dir)
        .map_err(|source| tantivy_error(dir, "opening the index", source))?;
    let (schema, fields) = schema::schema();
    if index.schema() != schema {
        return Err(IndexError::Foreign { dir: dir.into() });
    }
    register_analyzers(&index);
    Ok((index, fields))
}

/// Registers the analyzer of every language's text field, and the plain one.
fn register_analyzers(index: &Index) {
    let tokenizers = index.tokenizers();
    for lang in Lang::ALL {
        tokenizers.register(lang.analyzer_name(), text_analyzer_in(Some(lang)));
    }
    tokenizers.register(PLAIN_ANALYZER, text_analyzer_in(None));
}

fn io_error(dir: &Path, source: std::io::Error) -> IndexError {
    IndexError::Io {
        dir: dir.into(),
        source,
    }
}

/// A tantivy error, with a lock failure turned into [`IndexError::Locked`].
fn tantivy_error(dir: &Path, action: &'static str, source: TantivyError) -> IndexError {
    match source {
        TantivyError::LockFailure(..) => IndexError::Locked { dir: dir.into() },
        source => IndexError::Tantivy {
            dir: dir.into(),
            action,
            source,
        },
    }
}
