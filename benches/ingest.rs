//! Ingest throughput on the demo corpus: read + segment + attribute + tag, in MB/s.
//!
//! `cargo bench --bench ingest` (a plain bench binary; issue 8 brings the full comparison).
//! The output count is asserted so that a fast wrong answer cannot pass.

use std::path::Path;
use std::time::Instant;

use rapporteur::pipeline::{collect_inputs, ingest};
use rapporteur::tag::{Tagger, Taxonomy};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs = collect_inputs(&[root.join("corpora/seeds")]);
    let bytes: u64 = inputs
        .files
        .iter()
        .filter_map(|f| std::fs::metadata(&f.path).ok())
        .map(|m| m.len())
        .sum();
    let tagger = Tagger::new(Taxonomy::default_multistakeholder().expect("default taxonomy"));
    let rounds = 20;
    let mut passages = 0;
    let t = Instant::now();
    for _ in 0..rounds {
        let corpus = ingest(&inputs.files, &tagger);
        assert!(corpus.errors.is_empty(), "{:?}", corpus.errors);
        passages = corpus.passages.len();
    }
    let secs = t.elapsed().as_secs_f64();
    assert!(passages > 300, "the seeds make {passages} passages");
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "ingest: {} files, {} bytes, {passages} passages; {rounds} rounds in {secs:.3}s = {:.2} MB/s",
        inputs.files.len(),
        bytes,
        mb / secs
    );
}
