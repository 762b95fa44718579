//! Search latency (p50, p99) of 50 researcher queries on the 66k-contribution index, and the
//! time of the synthesis outline of the same corpus.
//!
//! ```text
//! cargo bench --bench search              # the 66k corpus (skips when ../shared is absent)
//! cargo bench --bench search -- --smoke   # a small input, for CI
//! ```
//!
//! Each query runs through `index::search` as `rapporteur search` does (the index opened, the
//! query parsed, filters applied, the top 10 hits decoded with their snippets), one warm-up
//! round then `ROUNDS` timed rounds. The outline is timed as `rapporteur run` makes it (built
//! from the passages in memory, rendered as JSON, Markdown and HTML) and as `rapporteur outline
//! --index` makes it (loaded from the index first).

mod common;

use common::{Args, timed};
use rapporteur::index::{self, SearchRequest};
use rapporteur::model::DocInfo;
use rapporteur::pipeline;
use rapporteur::synth::{self, OutlineOptions};
use rapporteur::tag::{Tagger, Taxonomy};

const ROUNDS: usize = 10;

/// (query, theme filter, voice filter): terms, phrases, boolean queries, filtered queries. In
/// the combined corpus few passages have a voice (35: the NETmundial submissions that declare
/// their sector), so the voice filters name those groups and words of those submissions.
const QUERIES: [(&str, Option<&str>, Option<&str>); 50] = [
    ("trust", None, None),
    ("consultations", None, None),
    ("transparency", None, None),
    ("privacy", None, None),
    ("housing", None, None),
    ("democracy", None, None),
    ("wages", None, None),
    ("education", None, None),
    ("climate", None, None),
    ("surveillance", None, None),
    ("children", None, None),
    ("police", None, None),
    ("immigration", None, None),
    ("multistakeholder", None, None),
    ("accountability", None, None),
    ("\"civil society\"", None, None),
    ("\"human rights\"", None, None),
    ("\"internet governance\"", None, None),
    ("\"minimum wage\"", None, None),
    ("\"open data\"", None, None),
    ("\"public transport\"", None, None),
    ("\"artificial intelligence\"", None, None),
    ("\"freedom of expression\"", None, None),
    ("\"net neutrality\"", None, None),
    ("\"rough consensus\"", None, None),
    ("trust AND \"civil society\"", None, None),
    ("privacy OR surveillance", None, None),
    ("housing -rent", None, None),
    ("(climate OR environment) AND policy", None, None),
    ("government AND NOT regulation", None, None),
    ("uber AND (drivers OR taxi)", None, None),
    ("+democracy +participation", None, None),
    ("education OR school OR teachers", None, None),
    ("\"human rights\" AND internet", None, None),
    ("war OR conflict OR peace", None, None),
    ("government", Some("trust"), None),
    ("youth", Some("participation"), None),
    ("", Some("transparency"), None),
    ("privacy", Some("rights"), None),
    ("data", Some("digital"), None),
    ("funding", Some("resources"), None),
    ("governance", None, Some("civil_society")),
    ("internet", None, Some("business")),
    ("", None, Some("civil_society")),
    ("\"free expression\"", None, Some("civil_society")),
    ("history OR democracy", None, Some("civil_society")),
    ("governance", Some("digital"), Some("civil_society")),
    ("stakeholders", Some("consensus"), Some("civil_society")),
    ("company", Some("transparency"), Some("business")),
    ("jurisdiction", Some("sovereignty"), None),
];

fn main() {
    let args = Args::parse();
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let Some(input) = common::input(args.smoke, tmp.path()) else {
        return;
    };
    let tagger = Tagger::new(Taxonomy::default_multistakeholder().expect("built-in taxonomy"));
    let inputs = pipeline::collect_sources(
        &[pipeline::Source::new(
            input.clone(),
            common::combined_options(),
        )],
        None,
    );
    let corpus = pipeline::ingest(&inputs.files, &tagger);
    assert!(corpus.errors.is_empty(), "{:?}", corpus.errors);
    let docs: Vec<DocInfo> = corpus.documents.iter().map(DocInfo::from).collect();
    let dir = tmp.path().join("index");
    let summary = index::write_index(&dir, &docs, &corpus.passages).expect("the index");
    assert_eq!(summary.passages, corpus.passages.len());
    println!(
        "search on {} passages of {} documents; {}",
        summary.passages,
        summary.docs,
        common::machine()
    );

    let requests: Vec<SearchRequest> = QUERIES
        .iter()
        .map(|(q, theme, voice)| SearchRequest {
            theme: theme.map(str::to_string),
            voice: voice.map(str::to_string),
            ..SearchRequest::new(*q)
        })
        .collect();
    let mut matched = 0;
    let mut empty = Vec::new();
    for r in &requests {
        let found = index::search(&dir, r).expect("the query runs");
        assert!(found.hits.len() <= r.limit && found.hits.len() <= found.total);
        for h in &found.hits {
            if let Some(theme) = &r.theme {
                assert!(h.passage.themes.iter().any(|t| &t.id == theme));
            }
            if let Some(voice) = &r.voice {
                assert_eq!(h.passage.voice.map(|v| v.as_str()), Some(voice.as_str()));
            }
        }
        matched += usize::from(found.total > 0);
        if found.total == 0 {
            empty.push(format!("{:?} {:?} {:?}", r.query, r.theme, r.voice));
        }
    }
    if !args.smoke {
        assert!(
            matched >= 45,
            "only {matched} of 50 queries match anything: {empty:?}"
        );
    }
    let rounds = if args.smoke { 2 } else { ROUNDS };
    let mut samples: Vec<f64> = Vec::with_capacity(rounds * requests.len());
    let mut slowest = (0.0, "");
    for _ in 0..rounds {
        for (r, (q, _, _)) in requests.iter().zip(QUERIES) {
            let (found, secs) = timed(|| index::search(&dir, r));
            std::hint::black_box(found.expect("the query runs"));
            samples.push(secs * 1e3);
            if secs * 1e3 > slowest.0 {
                slowest = (secs * 1e3, q);
            }
        }
    }
    samples.sort_by(f64::total_cmp);
    let pct = |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize];
    println!(
        "search: {} queries × {rounds} rounds ({matched} match something): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (slowest: {})   targets p50 ≤ 2 ms, p99 ≤ 20 ms",
        requests.len(),
        pct(0.5),
        pct(0.99),
        samples[samples.len() - 1],
        slowest.1
    );

    let labels: Vec<(String, String)> = tagger
        .taxonomy()
        .labels()
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let render = |o: &synth::Outline| {
        synth::json::render(o).len()
            + synth::markdown::render(o).len()
            + synth::html::render(o).len()
    };
    let ((outline, size), secs) = timed(|| {
        let o = synth::build(&docs, &corpus.passages, &labels, &OutlineOptions::default());
        let n = render(&o);
        (o, n)
    });
    assert_eq!(outline.overview.passages, corpus.passages.len());
    assert!(size > 0);
    let ((from_index, _), secs_loaded) = timed(|| {
        let loaded = index::load(&dir).expect("the index loads");
        let o = synth::build(
            &loaded.docs,
            &loaded.passages,
            &labels,
            &OutlineOptions::default(),
        );
        let n = render(&o);
        (o, n)
    });
    assert_eq!(from_index.overview, outline.overview);
    println!(
        "outline: {} sections; built and rendered in {secs:.2} s from memory (as `run`), {secs_loaded:.2} s from the index (as `outline --index`)   target ≤ 5 s",
        outline.sections.len()
    );
}
