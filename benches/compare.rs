//! End to end, side by side on the same input: rapporteur's ingest+tag+index against plain
//! tantivy, SQLite FTS5 and a bare tokenising pass, in MB/s and peak memory.
//!
//! ```text
//! cargo bench --bench compare                 # 66k contributions and the same ×10
//! cargo bench --bench compare -- --scales 1   # the 66k input only
//! cargo bench --bench compare -- --smoke      # a small input, for CI
//! ```
//!
//! One command runs everything; each engine runs in a child process of this binary (so each
//! gets its own peak resident memory, VmHWM, and no warm cache of another), one after the
//! other, on the same files:
//!
//! - `rapporteur`: `pipeline::ingest_streaming` on the JSONL (`preset = "combined"`), the
//!   function `rapporteur run` calls: read a batch of rows at a time, segment, attribute and
//!   tag them in parallel, append `documents.jsonl` and the passages, resolve participants
//!   across the corpus, then read the passages back, write `passages.jsonl` and index them with
//!   `index::IndexBuilder` (everything `run` does before its outline, without the cache);
//! - `rapporteur held`: the same work holding the corpus in memory (`pipeline::ingest`,
//!   `pipeline::write_corpus`, then `index::write_index`): what `run` did before it streamed
//!   (with the documents of a file in parallel, as now);
//! - `tantivy`: the passage texts rapporteur produced (one JSON string per line, parsed in the
//!   timing) indexed by tantivy with a stored, positional text field, tantivy's default
//!   tokenizer, `RemoveLongFilter(40)`, `LowerCaser` and an English rust-stemmers filter of its
//!   own, unmemoised (what tantivy's `en_stem` is; our tantivy is built without its stemmer
//!   feature), with the same threads and memory budget as rapporteur's writer;
//! - `sqlite fts5`: the same texts into `fts5(text, tokenize='porter')` (content stored), one
//!   transaction, one prepared statement;
//! - `tokenize`: the same texts through rapporteur's tokenizer, lowercased, not stemmed, on the
//!   same threads: the practical ceiling.
//!
//! MB/s are of the input file (the same bytes for every engine), so the ratios are ratios of
//! wall time. The ×N input is N files of the 66k rows (ids suffixed per copy): the reader
//! refuses files over 256 MB, and a large consultation comes as many files.

mod common;

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Args, mbps, timed};
use rapporteur::model::{DocInfo, Passage};
use rapporteur::tag::{Tagger, Taxonomy};
use rapporteur::{index, pipeline};
use rayon::prelude::*;

/// The indexing threads and memory budget of every tantivy writer here (rapporteur's writer
/// uses at most 2 threads).
const THREADS: usize = 2;
const BUDGET: usize = 100_000_000;

const ENGINES: [&str; 5] = [
    "rapporteur",
    "rapporteur-held",
    "tantivy",
    "sqlite",
    "tokenize",
];

fn main() {
    let args = Args::parse();
    if args.flag("--child") {
        child(&args);
        return;
    }
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let Some(input) = common::input(args.smoke, tmp.path()) else {
        return;
    };
    let scales: Vec<usize> = match (args.value("--scales"), args.smoke) {
        (Some(s), _) => s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        (None, true) => vec![1, 2],
        (None, false) => vec![1, 10],
    };
    println!("machine: {}", common::machine());
    let texts1 = tmp.path().join("texts_x1.jsonl");
    let made = run_child("texts", &input, &texts1, tmp.path());
    let mut results = Vec::new();
    for &scale in &scales {
        let (file, texts) = if scale == 1 {
            (input.clone(), texts1.clone())
        } else {
            let file = tmp.path().join(format!("contributions_x{scale}"));
            common::replicate(&input, &file, scale).expect("replicating the input");
            let texts = tmp.path().join(format!("texts_x{scale}.jsonl"));
            concat(&texts1, &texts, scale).expect("replicating the texts");
            (file, texts)
        };
        let bytes = common::size_of(&file);
        let rows = common::rows_of(&file);
        let text_rows = common::rows_of(&texts);
        assert_eq!(text_rows, made.items * scale);
        println!(
            "\n×{scale}: {rows} contributions, {:.1} MB; {text_rows} passages",
            common::mb(bytes)
        );
        let mut line = Vec::new();
        for engine in ENGINES {
            let r = run_child(engine, &file, &texts, tmp.path());
            if engine.starts_with("rapporteur") {
                assert_eq!(
                    r.items, text_rows,
                    "{engine} made another number of passages"
                );
            } else {
                assert_eq!(r.items, text_rows, "{engine} took another number of texts");
            }
            println!(
                "  {:<18} {:>7.2} s {:>8.2} MB/s  CPU {:>6.2} s  peak {:>6.0} MB   {}",
                label(engine),
                r.secs,
                mbps(bytes, r.secs),
                r.cpu,
                common::mb(r.peak),
                r.note
            );
            line.push((engine, r));
        }
        results.push((scale, bytes, line));
    }
    println!("\nratios (rapporteur MB/s ÷ other MB/s; targets: ≥ 1.2× tantivy, ≥ 2× sqlite fts5):");
    for (scale, _, line) in &results {
        let secs = |e: &str| {
            line.iter()
                .find(|(n, _)| *n == e)
                .map_or(f64::NAN, |(_, r)| r.secs)
        };
        for ours in ["rapporteur", "rapporteur-held"] {
            let s = secs(ours);
            println!(
                "  ×{scale} {:<18} vs tantivy {:.2}×  vs sqlite fts5 {:.2}×  vs tokenize {:.2}×",
                label(ours),
                secs("tantivy") / s,
                secs("sqlite") / s,
                secs("tokenize") / s
            );
        }
    }
    for (scale, _, line) in &results {
        if let Some((_, r)) = line.iter().find(|(n, _)| *n == "rapporteur") {
            println!(
                "peak memory of rapporteur on ×{scale}: {:.0} MB (target ≤ 1024 MB on ×10)",
                common::mb(r.peak)
            );
        }
    }
}

fn label(engine: &str) -> &'static str {
    match engine {
        "rapporteur" => "rapporteur",
        "rapporteur-held" => "rapporteur held",
        "tantivy" => "tantivy",
        "sqlite" => "sqlite fts5",
        _ => "tokenize",
    }
}

/// What a child reports.
struct Outcome {
    secs: f64,
    /// CPU seconds of the whole child (user + system, all threads).
    cpu: f64,
    items: usize,
    peak: u64,
    note: String,
}

fn run_child(engine: &str, input: &Path, texts: &Path, work: &Path) -> Outcome {
    let dir = work.join(format!("work-{engine}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a work directory");
    let exe = std::env::current_exe().expect("this bench binary");
    let out = Command::new(exe)
        .args(["--child", engine])
        .arg(input)
        .arg(texts)
        .arg(&dir)
        .output()
        .expect("running a child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child {engine} failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .expect("a RESULT line");
    let v: serde_json::Value = serde_json::from_str(line).expect("a JSON result");
    let _ = std::fs::remove_dir_all(&dir);
    Outcome {
        secs: v["secs"].as_f64().unwrap_or(f64::NAN),
        cpu: v["cpu"].as_f64().unwrap_or(f64::NAN),
        items: v["items"].as_u64().unwrap_or(0) as usize,
        peak: v["peak"].as_u64().unwrap_or(0),
        note: v["note"].as_str().unwrap_or("").to_string(),
    }
}

fn concat(src: &Path, dst: &Path, times: usize) -> std::io::Result<()> {
    let bytes = std::fs::read(src)?;
    let mut out = Vec::with_capacity(bytes.len() * times);
    for _ in 0..times {
        out.extend_from_slice(&bytes);
    }
    std::fs::write(dst, out)
}

/// `--child ENGINE INPUT TEXTS DIR`: one engine, timed, with its peak memory.
fn child(args: &Args) {
    let pos: Vec<&String> = args.rest.iter().filter(|a| *a != "--child").collect();
    let [engine, input, texts, dir] = [pos[0], pos[1], pos[2], pos[3]];
    let (input, texts, dir) = (
        PathBuf::from(input),
        PathBuf::from(texts),
        PathBuf::from(dir),
    );
    let (items, note, secs) = match engine.as_str() {
        "texts" => {
            let (passages, _, _) = ours(&input, &dir, false);
            let mut w = std::io::BufWriter::new(std::fs::File::create(&texts).expect("texts"));
            for p in &passages {
                serde_json::to_writer(&mut w, &p.text).expect("writing texts");
                std::io::Write::write_all(&mut w, b"\n").expect("writing texts");
            }
            std::io::Write::flush(&mut w).expect("writing texts");
            (passages.len(), String::new(), 0.0)
        }
        "rapporteur" => {
            let ((n, note), secs) = timed(|| streamed(&input, &dir));
            (n, note, secs)
        }
        "rapporteur-held" => {
            let ((passages, split, _), secs) = timed(|| ours(&input, &dir, true));
            (passages.len(), split, secs)
        }
        "tantivy" => {
            let ((n, docs), secs) = timed(|| tantivy_baseline(&texts, &dir));
            (n, format!("{docs} docs in the index"), secs)
        }
        "sqlite" => {
            let ((n, rows), secs) = timed(|| sqlite_baseline(&texts, &dir));
            (n, format!("{rows} rows in fts5"), secs)
        }
        "tokenize" => {
            let ((n, toks), secs) = timed(|| tokenize_ceiling(&texts));
            (n, format!("{toks} tokens"), secs)
        }
        other => panic!("unknown engine {other}"),
    };
    let result = serde_json::json!({
        "secs": secs, "items": items, "peak": common::peak_rss().unwrap_or(0), "note": note,
        "cpu": common::cpu_secs(),
    });
    println!("RESULT {result}");
}

/// rapporteur's path holding the corpus: ingest, then the outputs and the index when asked.
/// Returns the passages, a note of the split of the time, and the participants' count.
fn ours(input: &Path, dir: &Path, write: bool) -> (Vec<Passage>, String, usize) {
    let tagger = Tagger::new(Taxonomy::default_multistakeholder().expect("built-in taxonomy"));
    let inputs = pipeline::collect_sources(
        &[pipeline::Source::new(
            input.to_path_buf(),
            common::combined_options(),
        )],
        None,
    );
    let (corpus, ingest_secs) = timed(|| {
        let corpus = pipeline::ingest(&inputs.files, &tagger);
        assert!(corpus.errors.is_empty(), "{:?}", corpus.errors);
        corpus
    });
    let after_ingest = common::peak_rss().unwrap_or(0);
    let mut note = format!(
        "ingest {ingest_secs:.2} s (peak {:.0} MB)",
        common::mb(after_ingest)
    );
    if write {
        // The JSON outputs, as `run` wrote them before it streamed.
        let (written, secs) = timed(|| pipeline::write_corpus(&dir.join("out"), &corpus));
        written.expect("the outputs are written");
        note.push_str(&format!(", JSON {secs:.2} s"));
    }
    let participants = corpus.participants.len();
    let (docs, passages) = (corpus.documents, corpus.passages);
    if write {
        let infos: Vec<DocInfo> = docs.iter().map(DocInfo::from).collect();
        drop(docs);
        let (summary, secs) = timed(|| index::write_index(&dir.join("index"), &infos, &passages));
        assert_eq!(
            summary.expect("the index is written").passages,
            passages.len()
        );
        note.push_str(&format!(", index {secs:.2} s"));
    }
    (passages, note, participants)
}

/// The pipeline as `run` runs it (streaming, no cache, no outline). Returns the passages
/// indexed and a note.
fn streamed(input: &Path, dir: &Path) -> (usize, String) {
    let tagger = Tagger::new(Taxonomy::default_multistakeholder().expect("built-in taxonomy"));
    let inputs = pipeline::collect_sources(
        &[pipeline::Source::new(
            input.to_path_buf(),
            common::combined_options(),
        )],
        None,
    );
    let builder = index::IndexBuilder::create(&dir.join("index")).expect("an index");
    let out = dir.join("out");
    let streamed = pipeline::ingest_streaming(
        &inputs.files,
        &tagger,
        pipeline::IngestSettings::default(),
        pipeline::Outputs {
            dir: Some(&out),
            scratch: &out,
            index: Some(builder),
        },
    )
    .expect("the pipeline writes its outputs");
    assert!(streamed.errors.is_empty(), "{:?}", streamed.errors);
    let indexed = streamed.index.map_or(0, |s| s.passages);
    assert_eq!(indexed, streamed.passages);
    let note = format!(
        "{} participants; resolve, pass 2 and commit {:.2} s",
        streamed.participants.len(),
        streamed.index_ms as f64 / 1000.0
    );
    (streamed.passages, note)
}

fn read_texts(path: &Path) -> Vec<String> {
    let r = std::io::BufReader::new(std::fs::File::open(path).expect("the texts file"));
    r.lines()
        .map(|l| serde_json::from_str(&l.expect("a line")).expect("a JSON string"))
        .collect()
}

fn tantivy_baseline(texts: &Path, dir: &Path) -> (usize, u64) {
    use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    let texts = read_texts(texts);
    let mut b = Schema::builder();
    let options = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("baseline_en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let field = b.add_text_field("text", options);
    let index = Index::create_in_dir(dir, b.build()).expect("a tantivy index");
    let analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(baseline::EnglishStemmer)
        .build();
    index.tokenizers().register("baseline_en_stem", analyzer);
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(THREADS, BUDGET)
        .expect("a writer");
    for t in &texts {
        let mut d = TantivyDocument::default();
        d.add_text(field, t);
        writer.add_document(d).expect("adding a document");
    }
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merging");
    let reader = index.reader().expect("a reader");
    (texts.len(), reader.searcher().num_docs())
}

fn sqlite_baseline(texts: &Path, dir: &Path) -> (usize, i64) {
    let texts = read_texts(texts);
    let mut db = rusqlite::Connection::open(dir.join("fts.db")).expect("a database");
    db.execute_batch("CREATE VIRTUAL TABLE passages USING fts5(text, tokenize='porter');")
        .expect("fts5 with the porter tokenizer");
    let tx = db.transaction().expect("a transaction");
    {
        let mut insert = tx
            .prepare("INSERT INTO passages(text) VALUES (?1)")
            .expect("an insert");
        for t in &texts {
            insert.execute([t]).expect("an insert");
        }
    }
    tx.commit().expect("commit");
    let rows: i64 = db
        .query_row("SELECT count(*) FROM passages", [], |r| r.get(0))
        .expect("a count");
    (texts.len(), rows)
}

fn tokenize_ceiling(texts: &Path) -> (usize, usize) {
    let texts = read_texts(texts);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(THREADS)
        .build()
        .expect("a thread pool");
    let tokens = pool.install(|| {
        texts
            .par_iter()
            .map(|t| rapporteur::analysis::tokens(t).count())
            .sum()
    });
    (texts.len(), tokens)
}

/// The baseline's stemmer: what tantivy's `Stemmer` filter does, on rust-stemmers, with no memo.
mod baseline {
    use rust_stemmers::{Algorithm, Stemmer};
    use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

    #[derive(Clone, Copy)]
    pub struct EnglishStemmer;

    impl TokenFilter for EnglishStemmer {
        type Tokenizer<T: Tokenizer> = Wrapper<T>;
        fn transform<T: Tokenizer>(self, inner: T) -> Wrapper<T> {
            Wrapper { inner }
        }
    }

    #[derive(Clone)]
    pub struct Wrapper<T> {
        inner: T,
    }

    impl<T: Tokenizer> Tokenizer for Wrapper<T> {
        type TokenStream<'a> = Stream<T::TokenStream<'a>>;
        fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
            Stream {
                tail: self.inner.token_stream(text),
                stemmer: Stemmer::create(Algorithm::English),
                buffer: String::new(),
            }
        }
    }

    pub struct Stream<T> {
        tail: T,
        stemmer: Stemmer,
        buffer: String,
    }

    impl<T: TokenStream> TokenStream for Stream<T> {
        fn advance(&mut self) -> bool {
            if !self.tail.advance() {
                return false;
            }
            let token = self.tail.token_mut();
            let stemmed = self.stemmer.stem(&token.text);
            self.buffer.clear();
            self.buffer.push_str(&stemmed);
            std::mem::swap(&mut token.text, &mut self.buffer);
            true
        }
        fn token(&self) -> &Token {
            self.tail.token()
        }
        fn token_mut(&mut self) -> &mut Token {
            self.tail.token_mut()
        }
    }
}
