//! The streaming run writes what the pipeline that holds the corpus writes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::*;
use crate::index;
use crate::model::PassageKind;
use crate::read::ReadOptions;
use crate::store::cache::Cache;
use crate::tag::Taxonomy;

fn tagger() -> Tagger {
    Tagger::new(Taxonomy::default_multistakeholder().expect("built-in taxonomy"))
}

/// The seeds (large enough to be streamed in tests, except 003 and 004, read as a group), a
/// table of rows with replies and a speaker named in several rows, and a file that fails.
fn corpus(dir: &Path) -> Vec<Input> {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/seeds");
    let rows = dir.join("rows");
    std::fs::create_dir_all(&rows).expect("dir");
    let mut csv = String::from("id,author,organisation,parent,text\n");
    for n in 1..=100 {
        let author = ["Ana Lima", "Bo Chen", "ana lima", "", "6172"][n % 5];
        let parent = if n % 4 == 0 {
            (n - 1).to_string()
        } else {
            String::new()
        };
        csv.push_str(&format!(
            "{n},{author},{},{parent},\"Governments should fund open consultation number {n}; trust takes time and civil society must be heard.\"\n",
            if n % 3 == 0 { "Ministry of Health" } else { "" }
        ));
    }
    std::fs::write(rows.join("comments.csv"), csv).expect("csv");
    std::fs::write(rows.join("broken.csv"), [0u8, 159, 146, 150, 0, 7]).expect("csv");
    let mut inputs = crate::pipeline::collect_inputs(&[seeds, rows]).files;
    assert!(inputs.len() == 7, "{inputs:?}");
    let column = |c: &str| Some(c.to_string());
    let table = Arc::new(ReadOptions {
        columns: Some(crate::read::ColumnMap {
            text: column("text"),
            id: column("id"),
            author: column("author"),
            organisation: column("organisation"),
            parent: column("parent"),
            ..Default::default()
        }),
        ..ReadOptions::default()
    });
    for i in inputs
        .iter_mut()
        .filter(|i| i.path.ends_with("comments.csv"))
    {
        i.options = table.clone();
    }
    inputs
}

fn streamed(inputs: &[Input], out: &Path, cache: Option<(&Cache, &str)>) -> Streamed {
    let builder = IndexBuilder::create(&out.join("index")).expect("index");
    ingest_streaming(
        inputs,
        &tagger(),
        IngestSettings {
            cache,
            ..IngestSettings::default()
        },
        Outputs {
            dir: Some(out),
            scratch: out,
            index: Some(builder),
        },
    )
    .expect("streamed")
}

const FILES: [&str; 3] = ["documents.jsonl", "passages.jsonl", "participants.json"];

fn read(dir: &Path) -> Vec<Vec<u8>> {
    FILES
        .iter()
        .map(|f| std::fs::read(dir.join(f)).expect("output"))
        .collect()
}

#[test]
fn streamed_outputs_and_index_are_those_of_the_held_corpus() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let inputs = corpus(tmp.path());
    let held = crate::pipeline::ingest(&inputs, &tagger());
    let want_dir = tmp.path().join("held");
    crate::pipeline::write_corpus(&want_dir, &held).expect("written");
    let out = tmp.path().join("streamed");
    let got = streamed(&inputs, &out, None);
    assert_eq!(read(&out), read(&want_dir));
    assert_eq!(got.documents, held.documents.len());
    assert_eq!(got.passages, held.passages.len());
    assert_eq!(got.participants, held.participants);
    assert_eq!(got.errors, held.errors);
    assert_eq!(got.errors.len(), 1, "the binary file fails");
    assert_eq!(got.inputs, held.inputs);
    // Ana Lima's two spellings are one participant across rows read in different batches.
    let ana = held
        .participants
        .iter()
        .find(|p| p.name == "Ana Lima")
        .expect("Ana Lima");
    assert_eq!(ana.passages.len(), 40);
    let loaded = index::load(&out.join("index")).expect("index");
    assert_eq!(loaded.passages, held.passages);
    // No scratch file left beside the outputs.
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "documents.jsonl",
            "index",
            "participants.json",
            "passages.jsonl"
        ]
    );
}

#[test]
fn cached_inputs_stream_back_and_a_damaged_entry_is_processed_again() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let inputs = corpus(tmp.path());
    let out = tmp.path().join("out");
    let cache = Cache::open(&out).expect("cache");
    let first = streamed(&inputs, &out, Some((&cache, "fp")));
    assert!(first.inputs.iter().all(|r| !r.reused));
    let want = read(&out);
    let again = streamed(&inputs, &out, Some((&cache, "fp")));
    // Every input that did not fail comes from the cache.
    assert!(again.inputs.iter().all(|r| r.reused == r.error.is_none()));
    assert_eq!(again.inputs.iter().filter(|r| r.reused).count(), 6);
    assert_eq!(read(&out), want);
    // Damage the middle of a streamed input's entry (a line still there, not JSON): its
    // documents read so far are cut back, it is processed again, the outputs are the same.
    let entry: PathBuf = std::fs::read_dir(out.join(crate::store::cache::STATE_DIR).join("cache"))
        .expect("cache dir")
        .map(|e| e.expect("entry").path())
        .max_by_key(|p| std::fs::read_to_string(p).map_or(0, |t| t.lines().count()))
        .expect("the table's entry");
    let text = std::fs::read_to_string(&entry).expect("entry");
    let lines: Vec<&str> = text.lines().collect();
    let damaged: Vec<&str> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| if i == lines.len() - 1 { "{not json" } else { l })
        .collect();
    std::fs::write(&entry, damaged.join("\n") + "\n").expect("damage");
    let third = streamed(&inputs, &out, Some((&cache, "fp")));
    assert_eq!(read(&out), want);
    assert_eq!(third.documents, first.documents);
    let table = third
        .inputs
        .iter()
        .find(|r| r.path.ends_with("comments.csv"))
        .expect("table");
    assert!(!table.reused && table.documents == 100);
}

#[test]
fn cache_entries_written_a_record_at_a_time_read_back_whole() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let cache = Cache::open(tmp.path()).expect("cache");
    let mut w = cache
        .writer("a", Path::new("a.txt"), "h", "fp")
        .expect("writer");
    let doc = |id: &str| {
        let d = Document {
            id: id.into(),
            path: "a.txt".into(),
            path_raw: None,
            format: "text".into(),
            title: None,
            kind: "report".into(),
            text: "Trust first.".into(),
            meta: Default::default(),
            warnings: Vec::new(),
            authors: Vec::new(),
            blocks: Vec::new(),
        };
        let p = Passage::new(&d, 1, PassageKind::Paragraph, 0, 12);
        (d, vec![p])
    };
    let docs = vec![doc("a:1"), doc("a:2")];
    for (d, ps) in &docs {
        let r = Rendered::new(d, ps.clone()).expect("rendered");
        w.append(&r.record()).expect("append");
    }
    // Not committed: nothing there.
    assert!(cache.get("a", Path::new("a.txt"), "h", "fp").is_none());
    w.commit().expect("commit");
    assert_eq!(
        cache.get("a", Path::new("a.txt"), "h", "fp"),
        Some(docs.clone())
    );
    // What `put` writes is what the streamed records are.
    cache
        .put("b", Path::new("a.txt"), "h", "fp", &docs)
        .expect("put");
    assert_eq!(cache.get("b", Path::new("a.txt"), "h", "fp"), Some(docs));
    assert!(
        cache
            .reader("a", Path::new("a.txt"), "h", "other")
            .is_none()
    );
}

#[test]
fn a_run_that_fails_to_finish_leaves_no_temporary_file_and_the_last_outputs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs = corpus(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("out");
    // `passages.jsonl` cannot be renamed into place: a folder with a file in it stands there.
    std::fs::create_dir_all(out.join("passages.jsonl")).expect("a folder in the way");
    std::fs::write(out.join("passages.jsonl/keep"), "x").expect("a file");
    let failed = ingest_streaming(
        &inputs,
        &tagger(),
        IngestSettings::default(),
        Outputs {
            dir: Some(&out),
            scratch: &out,
            index: None,
        },
    );
    let Err(e) = failed else {
        panic!("the run must fail: passages.jsonl cannot be replaced")
    };
    assert!(e.to_string().contains("passages.jsonl"), "{e}");
    let left: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
    assert!(out.join("passages.jsonl/keep").exists());
}

#[test]
fn an_input_changed_after_it_was_hashed_is_cached_under_the_hash_of_what_was_read() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("notes");
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("a.txt");
    let before = "Governments should publish every draft.\n";
    let after = "Civil society asks for a longer comment period.\n";
    std::fs::write(&file, before).expect("w");
    let inputs = crate::pipeline::collect_inputs(std::slice::from_ref(&dir)).files;
    let hashed = |text: &str| -> std::collections::HashMap<String, String> {
        [(
            inputs[0].id.clone(),
            crate::store::cache::sha256_hex(text.as_bytes()),
        )]
        .into()
    };
    let out = tmp.path().join("out");
    let cache = Cache::open(&out).expect("cache");
    let run = |hashes: &std::collections::HashMap<String, String>| {
        ingest_streaming(
            &inputs,
            &tagger(),
            IngestSettings {
                cache: Some((&cache, "fp")),
                hashes: Some(hashes),
                ..IngestSettings::default()
            },
            Outputs {
                dir: Some(&out),
                scratch: &out,
                index: None,
            },
        )
        .expect("streamed")
    };
    let text = || {
        let line = std::fs::read_to_string(out.join("documents.jsonl")).expect("documents");
        let doc: serde_json::Value = serde_json::from_str(line.trim()).expect("JSON");
        doc["text"].as_str().unwrap_or_default().to_string()
    };
    // Hashed as it was, then changed before it is read: the report gives the hash of the
    // bytes read, and nothing is cached under the old one.
    let first = hashed(before);
    std::fs::write(&file, after).expect("w");
    let got = run(&first);
    assert_eq!(text(), after);
    assert_eq!(
        got.inputs[0].sha256.as_deref(),
        Some(crate::store::cache::sha256_hex(after.as_bytes()).as_str())
    );
    // Changed back: the next run reads the file again and holds its text.
    std::fs::write(&file, before).expect("w");
    let again = run(&first);
    assert!(!again.inputs[0].reused);
    assert_eq!(text(), before, "a rerun kept the text of another version");
}
