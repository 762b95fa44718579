//! Throughput of each stage — read, segment, attribute, tag, index, outline — on the combined
//! contributions (65,949 rows, 31 MB), with the output counts asserted at every stage.
//!
//! ```text
//! cargo bench --bench stages                 # the 66k corpus (skips when ../shared is absent)
//! cargo bench --bench stages -- --smoke      # a small input, for CI
//! cargo bench --bench stages -- tag index    # only these stages (the earlier ones still run)
//! ```
//!
//! Segment, attribute and tag run on one thread (their MB/s is per core: the pipeline runs
//! documents in parallel); index uses the writer's threads; outline its own rayon sections.
//! `read` counts the file's bytes, the other stages the documents' text bytes. CPU seconds
//! (user + system, from `/proc/self/stat`, 10 ms ticks) are printed beside wall seconds: on a
//! shared machine they move much less with the neighbours' load.

mod common;

use std::path::Path;

use common::{Args, mbps, timed_cpu};
use rapporteur::attribute::{self, PipelineRoster};
use rapporteur::model::{DocInfo, Document, Passage};
use rapporteur::pipeline;
use rapporteur::synth::{self, OutlineOptions};
use rapporteur::tag::{Tagger, Taxonomy};
use rapporteur::{index, read, segment};

struct Row {
    stage: &'static str,
    secs: f64,
    cpu: f64,
    bytes: u64,
    items: usize,
    what: &'static str,
    threads: &'static str,
}

fn main() {
    let args = Args::parse();
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let Some(input) = common::input(args.smoke, tmp.path()) else {
        return;
    };
    let wanted = |stage: &str| args.rest.is_empty() || args.rest.iter().any(|a| a == stage);
    let file_bytes = common::size_of(&input);
    let rows = common::rows_of(&input);
    let opts = common::combined_options();
    let tagger = Tagger::new(Taxonomy::default_multistakeholder().expect("built-in taxonomy"));
    let roster = PipelineRoster::default();
    let mut report: Vec<Row> = Vec::new();

    // read (the document ids as the pipeline gives them)
    let inputs =
        pipeline::collect_sources(&[pipeline::Source::new(input.clone(), opts.clone())], None);
    let file = &inputs.files[0];
    let (docs, secs, cpu) = timed_cpu(|| read::read_file(&input, &file.id, &opts));
    let mut docs: Vec<Document> = docs.expect("the input reads");
    assert_eq!(docs.len(), rows, "one document per row");
    if !args.smoke {
        assert_eq!(docs.len(), common::COMBINED_ROWS);
    }
    report.push(Row {
        stage: "read",
        secs,
        cpu,
        bytes: file_bytes,
        items: docs.len(),
        what: "documents",
        threads: "1",
    });
    let text_bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();

    // segment
    let (mut per_doc, secs, cpu): (Vec<Vec<Passage>>, f64, f64) =
        timed_cpu(|| docs.iter().map(segment::segment).collect());
    let n_passages: usize = per_doc.iter().map(Vec::len).sum();
    assert!(n_passages >= docs.len() / 2, "{n_passages} passages");
    for (d, ps) in docs.iter().zip(&per_doc) {
        for p in ps {
            assert_eq!(p.text, d.text[p.start..p.end], "{}", p.id);
        }
    }
    report.push(Row {
        stage: "segment",
        secs,
        cpu,
        bytes: text_bytes,
        items: n_passages,
        what: "passages",
        threads: "1",
    });

    // attribute (per document), then tag, then the corpus-wide participants
    let ((), secs_attr, cpu_attr) = timed_cpu(|| {
        for (d, ps) in docs.iter().zip(per_doc.iter_mut()) {
            attribute::attribute_document_with(d, ps, &roster);
        }
    });
    let (languages, secs_tag, cpu_tag) = timed_cpu(|| {
        docs.iter()
            .zip(per_doc.iter_mut())
            .map(|(d, ps)| tagger.tag_document(d, ps))
            .collect::<Vec<_>>()
    });
    for (d, lang) in docs.iter_mut().zip(languages) {
        let code = lang.unwrap_or(rapporteur::tag::language::UNDETERMINED);
        d.meta.insert("language".into(), code.into());
    }
    let mut passages: Vec<Passage> = per_doc.into_iter().flatten().collect();
    let (participants, secs_resolve, cpu_resolve) =
        timed_cpu(|| attribute::resolve_corpus(&docs, &mut passages, &roster));
    assert_eq!(passages.len(), n_passages);
    let tagged = passages.iter().filter(|p| !p.themes.is_empty()).count();
    assert!(tagged > 0, "no passage got a theme");
    if wanted("attribute") {
        report.push(Row {
            stage: "attribute",
            secs: secs_attr + secs_resolve,
            cpu: cpu_attr + cpu_resolve,
            bytes: text_bytes,
            items: participants.len(),
            what: "participants",
            threads: "1",
        });
    }
    if wanted("tag") {
        report.push(Row {
            stage: "tag",
            secs: secs_tag,
            cpu: cpu_tag,
            bytes: text_bytes,
            items: tagged,
            what: "passages with a theme",
            threads: "1",
        });
    }

    if args.smoke {
        // The stages above are the pipeline's: the same passages, byte for byte.
        let corpus = pipeline::ingest(&inputs.files, &tagger);
        assert_eq!(
            corpus.passages, passages,
            "the stages differ from the pipeline"
        );
    }

    let infos: Vec<DocInfo> = docs.iter().map(DocInfo::from).collect();
    if wanted("index") || wanted("outline") {
        let dir = tmp.path().join("index");
        let (summary, secs, cpu) = timed_cpu(|| index::write_index(&dir, &infos, &passages));
        let summary = summary.expect("the index is written");
        assert_eq!(summary.passages, passages.len());
        report.push(Row {
            stage: "index",
            secs,
            cpu,
            bytes: text_bytes,
            items: summary.passages,
            what: "passages indexed",
            threads: "2",
        });
    }
    if wanted("outline") {
        let labels: Vec<(String, String)> = tagger
            .taxonomy()
            .labels()
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let (rendered, secs, cpu) = timed_cpu(|| {
            let o = synth::build(&infos, &passages, &labels, &OutlineOptions::default());
            let sizes = [
                synth::json::render(&o).len(),
                synth::markdown::render(&o).len(),
                synth::html::render(&o).len(),
            ];
            (o, sizes)
        });
        let (outline, sizes) = rendered;
        assert_eq!(outline.overview.passages, passages.len());
        assert!(!outline.sections.is_empty() && sizes.iter().all(|&s| s > 0));
        report.push(Row {
            stage: "outline",
            secs,
            cpu,
            bytes: text_bytes,
            items: outline.sections.len(),
            what: "sections (built + json, md, html)",
            threads: "2",
        });
    }

    println!(
        "stages on {} ({} rows, {:.1} MB file, {:.1} MB of text); {}",
        display(&input),
        rows,
        common::mb(file_bytes),
        common::mb(text_bytes),
        common::machine()
    );
    println!(
        "{:<10} {:>8} {:>8} {:>9} {:>11} {:>8}  {:>9}  output",
        "stage", "wall s", "CPU s", "MB/s", "MB/CPU-s", "threads", "count"
    );
    for r in report
        .iter()
        .filter(|r| wanted(r.stage) || r.stage == "read")
    {
        let per_cpu = if r.cpu >= 0.05 {
            format!("{:.2}", mbps(r.bytes, r.cpu))
        } else {
            "-".to_string()
        };
        println!(
            "{:<10} {:>8.3} {:>8.2} {:>9.2} {:>11} {:>8}  {:>9}  {}",
            r.stage,
            r.secs,
            r.cpu,
            mbps(r.bytes, r.secs),
            per_cpu,
            r.threads,
            r.items,
            r.what
        );
    }
    if let Some(peak) = common::peak_rss() {
        println!("peak resident memory: {:.0} MB", common::mb(peak));
    }
}

fn display(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
