//! The tag stage on real files: recommendations, questions, themes and voice measured against
//! sentences labelled by reading the documents (`tests/fixtures/tags/labels.tsv`); languages of
//! real Spanish and Chinese contributions; sentences that tile their passages; and the
//! `themes` and `suggest` verbs of the real binary on the demo corpus and on the shared
//! contributions.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{LazyLock, OnceLock};

use proptest::prelude::*;
use rapporteur::model::{Block, Document, Passage, PassageKind};
use rapporteur::pipeline::process_document;
use rapporteur::read::{ReadOptions, read_file};
use rapporteur::tag::{Tagger, Taxonomy, sentences};
use regex::Regex;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpora() -> PathBuf {
    root().join("../shared/corpora")
}

static TAGGER: LazyLock<Tagger> =
    LazyLock::new(|| Tagger::new(Taxonomy::default_multistakeholder().expect("default taxonomy")));

/// The file of a fixture document: `seeds/<name>` or `shared:<path under ../shared/corpora>`.
fn source(doc: &str) -> PathBuf {
    match doc.strip_prefix("shared:") {
        Some(p) => corpora().join(p),
        None => root().join("corpora").join(format!("{doc}.txt")),
    }
}

/// Reads, segments, attributes and tags the document as the pipeline does.
fn processed(doc: &str) -> Option<(Document, Vec<Passage>)> {
    let path = source(doc);
    if !path.exists() {
        return None;
    }
    let docs = read_file(&path, doc, &ReadOptions::default()).expect("fixture documents read");
    let d = docs.into_iter().next().expect("one document");
    Some(process_document(d, &TAGGER))
}

/// One labelled sentence.
#[derive(Debug)]
struct Label {
    doc: String,
    n: usize,
    rec: Option<bool>,
    question: Option<bool>,
    themes: Option<BTreeSet<String>>,
    voice: Option<String>,
    sentence: String,
}

fn yes_no(s: &str) -> Option<bool> {
    match s {
        "y" => Some(true),
        "n" => Some(false),
        _ => None,
    }
}

fn labels(file: &str) -> Vec<Label> {
    let path = root().join("tests/fixtures/tags").join(file);
    let text = std::fs::read_to_string(&path).expect("labels.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 7, "{l}");
            Label {
                doc: c[0].to_string(),
                n: c[1].parse().expect("occurrence number"),
                rec: yes_no(c[2]),
                question: yes_no(c[3]),
                themes: (c[4] != "-").then(|| {
                    c[4].split(',')
                        .filter(|t| *t != "none")
                        .map(str::to_string)
                        .collect()
                }),
                voice: (c[5] != "-").then(|| c[5].to_string()),
                sentence: c[6].to_string(),
            }
        })
        .collect()
}

/// The byte range of the `n`-th occurrence of `sentence` in `text`, any run of white space
/// standing for any run of white space.
fn find(text: &str, sentence: &str, n: usize) -> Option<(usize, usize)> {
    let pattern = sentence
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+");
    let re = Regex::new(&pattern).expect("escaped pattern");
    re.find_iter(text).nth(n - 1).map(|m| (m.start(), m.end()))
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> bool {
    let shared = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    shared * 2 >= (a.1 - a.0).min(b.1 - b.0)
}

/// Sentences that look like recommendations: a modal or cue of obligation.
static SHOULD_MUST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(should|must|need(s|ed)?|ha(ve|s) to|ought|recommend\w*|urge\w*|propos\w*|essential|important|critical|necessary|required?|call(ed)? (on|for))\b",
    )
    .expect("regex")
});

#[derive(Default, Debug)]
struct Score {
    hit: usize,
    total: usize,
}

impl Score {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.hit += usize::from(ok);
    }
    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.hit as f64 / self.total as f64
        }
    }
}

/// The figures of one fixture.
#[derive(Default, Debug)]
struct Figures {
    rec_found: Score,
    rec_false: Score,
    rec_precision: Score,
    q_found: Score,
    q_false: Score,
    theme_top: Score,
    voice: Score,
    report: String,
}

/// Every label of `file` judged against the pipeline's tags.
fn measure(file: &str) -> Figures {
    let labels = labels(file);
    let mut docs: BTreeMap<String, Option<(Document, Vec<Passage>)>> = BTreeMap::new();
    let mut rec_found = Score::default();
    let mut rec_false = Score::default(); // should/must-style non-recommendations flagged
    let mut rec_precision = Score::default();
    let mut q_found = Score::default();
    let mut q_false = Score::default();
    let mut theme_top = Score::default();
    let mut voice = Score::default();
    let mut misses: Vec<String> = Vec::new();
    let mut skipped = 0;
    for l in &labels {
        let entry = docs
            .entry(l.doc.clone())
            .or_insert_with(|| processed(&l.doc));
        let Some((doc, passages)) = entry.as_ref() else {
            skipped += 1;
            continue;
        };
        let range = find(&doc.text, &l.sentence, l.n)
            .unwrap_or_else(|| panic!("label not found in {}: {}", l.doc, l.sentence));
        let Some(p) = passages
            .iter()
            .find(|p| p.start <= range.0 && range.0 < p.end)
        else {
            misses.push(format!("no passage holds: {}", l.sentence));
            continue;
        };
        let is_rec = p
            .recommendations
            .iter()
            .any(|r| overlap((r.start, r.end), range));
        let is_q = p.questions.iter().any(|q| overlap((q.start, q.end), range));
        let short = l.sentence.chars().take(90).collect::<String>();
        match l.rec {
            Some(true) => {
                rec_found.add(is_rec);
                if !is_rec {
                    misses.push(format!("rec missed: {short}"));
                }
            }
            Some(false) => {
                if SHOULD_MUST.is_match(&l.sentence) {
                    rec_false.add(is_rec);
                }
                if is_rec {
                    misses.push(format!("rec false: {short}"));
                }
            }
            None => {}
        }
        if is_rec && l.rec.is_some() {
            rec_precision.add(l.rec == Some(true));
        }
        match l.question {
            Some(true) => {
                q_found.add(is_q);
                if !is_q {
                    misses.push(format!("question missed: {short}"));
                }
            }
            Some(false) => {
                q_false.add(is_q);
                if is_q {
                    misses.push(format!("question false: {short}"));
                }
            }
            None => {}
        }
        if let Some(themes) = l.themes.as_ref().filter(|t| !t.is_empty()) {
            let top = p.themes.first().map(|t| t.id.as_str());
            let ok = top.is_some_and(|t| themes.contains(t));
            theme_top.add(ok);
            if !ok {
                misses.push(format!("theme {top:?} not in {themes:?}: {short}"));
            }
        }
        if let Some(v) = &l.voice {
            let got = p.voice.map_or("none", |g| g.as_str());
            voice.add(got == v);
            if got != v {
                misses.push(format!("voice {got} not {v}: {short}"));
            }
        }
    }
    let report = format!(
        "recommendations found {}/{} ({:.0}%), precision {}/{} ({:.0}%), should/must-style \
         non-recommendations flagged {}/{} ({:.0}%); questions found {}/{} ({:.0}%), \
         false {}/{}; top theme among the annotator's {}/{} ({:.0}%); voice {}/{} ({:.0}%); \
         {skipped} labels of absent files skipped",
        rec_found.hit,
        rec_found.total,
        rec_found.rate() * 100.0,
        rec_precision.hit,
        rec_precision.total,
        rec_precision.rate() * 100.0,
        rec_false.hit,
        rec_false.total,
        rec_false.rate() * 100.0,
        q_found.hit,
        q_found.total,
        q_found.rate() * 100.0,
        q_false.hit,
        q_false.total,
        theme_top.hit,
        theme_top.total,
        theme_top.rate() * 100.0,
        voice.hit,
        voice.total,
        voice.rate() * 100.0,
    );
    eprintln!("{file}: {report}\n{}", misses.join("\n"));
    Figures {
        rec_found,
        rec_false,
        rec_precision,
        q_found,
        q_false,
        theme_top,
        voice,
        report,
    }
}

fn assert_targets(f: &Figures) {
    let report = &f.report;
    assert!(f.rec_found.rate() >= 0.85, "{report}");
    assert!(f.rec_false.rate() <= 0.15, "{report}");
    assert!(f.rec_precision.rate() >= 0.85, "{report}");
    assert!(f.q_found.rate() >= 0.90, "{report}");
    assert!(f.q_false.rate() <= 0.05, "{report}");
    assert!(f.theme_top.rate() >= 0.60, "{report}");
    assert!(f.voice.rate() >= 0.80, "{report}");
}

/// The labels rules were developed on: the issue's targets.
#[test]
fn tags_meet_the_quality_targets_on_labelled_sentences() {
    let f = measure("labels.tsv");
    assert!(
        f.rec_found.total >= 80 && f.q_found.total >= 80,
        "{}",
        f.report
    );
    assert_targets(&f);
}

/// Labels written after the rules, from other documents, and never tuned on: the same targets.
#[test]
fn tags_meet_the_quality_targets_on_held_out_sentences() {
    let f = measure("holdout.tsv");
    if f.rec_found.total == 0 {
        eprintln!("skipped: the held-out documents under ../shared/corpora are absent");
        return;
    }
    assert_targets(&f);
}

// ---------------------------------------------------------------------------------------------
// Sentences tile real passages.

const SEEDS: [&str; 5] = [
    "seeds/000_51a460143868a0c3",
    "seeds/001_736d92a020b18d93",
    "seeds/002_0702f1372669ef38",
    "seeds/003_fc31b683c67c80a6",
    "seeds/004_c045d1bfa3d696f9",
];

/// The passages of the seed corpus as the pipeline makes them.
static SEED_PASSAGES: LazyLock<Vec<Passage>> = LazyLock::new(|| {
    SEEDS
        .iter()
        .flat_map(|s| processed(s).expect("seed documents exist").1)
        .collect()
});

/// `ranges` are ordered, disjoint, trimmed, on char boundaries and cover every non-space byte.
fn tiles(text: &str, ranges: &[(usize, usize)]) -> Result<(), String> {
    let mut last = 0;
    let mut covered = vec![false; text.len()];
    for &(s, e) in ranges {
        if !(s < e && s >= last && text.is_char_boundary(s) && text.is_char_boundary(e)) {
            return Err(format!("bad range {s}..{e} after {last}"));
        }
        if text[s..e].trim() != &text[s..e] {
            return Err(format!("untrimmed {:?}", &text[s..e]));
        }
        covered[s..e].iter_mut().for_each(|c| *c = true);
        last = e;
    }
    match text
        .char_indices()
        .find(|&(i, c)| !c.is_whitespace() && !covered[i])
    {
        Some((i, c)) => Err(format!("{c:?} at {i} is in no sentence")),
        None => Ok(()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    /// Any stretch of any seed passage splits into sentences that tile it.
    #[test]
    fn sentences_tile_their_passage(pick in 0usize..10_000, from in 0usize..400, len in 0usize..2_000) {
        let passages = &*SEED_PASSAGES;
        let p = &passages[pick % passages.len()];
        let mut s = from.min(p.text.len());
        while !p.text.is_char_boundary(s) { s -= 1; }
        let mut e = (s + len).min(p.text.len());
        while !p.text.is_char_boundary(e) { e -= 1; }
        let text = &p.text[s..e];
        prop_assert!(tiles(text, &sentences(text)).is_ok(), "{:?}: {:?}", p.id, tiles(text, &sentences(text)));
    }
}

#[test]
fn every_seed_passage_is_tiled_and_its_tags_lie_inside_it() {
    let passages = &*SEED_PASSAGES;
    assert!(passages.len() > 400, "{}", passages.len());
    for p in passages {
        tiles(&p.text, &sentences(&p.text)).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        let spans = p
            .recommendations
            .iter()
            .map(|r| (r.start, r.end, r.text.as_str()))
            .chain(
                p.questions
                    .iter()
                    .map(|q| (q.start, q.end, q.text.as_str())),
            );
        for (s, e, text) in spans {
            assert!(p.start <= s && e <= p.end, "{}: {s}..{e}", p.id);
            assert_eq!(&p.text[s - p.start..e - p.start], text, "{}", p.id);
        }
        assert!(p.themes.len() <= 3, "{}", p.id);
    }
}

// ---------------------------------------------------------------------------------------------
// Languages of real contributions.

/// Comments of the Decide Madrid export (Spanish, with mojibake), as documents of their own.
fn madrid_comments(limit: usize) -> Option<Vec<Document>> {
    let path = corpora().join("contributions/decide-madrid-debates/selected_debate_comments.csv");
    if !path.exists() {
        eprintln!("skipped: {} absent", path.display());
        return None;
    }
    let mut reader = csv::Reader::from_path(&path).expect("the Decide Madrid CSV opens");
    let mut docs = Vec::new();
    for row in reader.records().take(limit) {
        let row = row.expect("a CSV record");
        let (id, body) = (row.get(0).unwrap_or(""), row.get(3).unwrap_or(""));
        docs.push(Document {
            id: format!("madrid:{id}"),
            path: "selected_debate_comments.csv".into(),
            format: "text".into(),
            title: None,
            kind: "contribution".into(),
            text: body.to_string(),
            meta: BTreeMap::new(),
            blocks: vec![Block::new(PassageKind::Contribution, 0, body.len())],
        });
    }
    Some(docs)
}

#[test]
fn spanish_comments_are_spanish_and_get_no_english_themes() {
    let Some(docs) = madrid_comments(400) else {
        return;
    };
    let mut by_language: BTreeMap<String, usize> = BTreeMap::new();
    let mut tagged_spanish = 0;
    for d in docs {
        let (d, passages) = process_document(d, &TAGGER);
        let lang = d.meta["language"].as_str().unwrap_or("?").to_string();
        if lang == "es" {
            for p in &passages {
                assert!(
                    p.themes.is_empty(),
                    "English theme on Spanish {}: {:?}",
                    p.id,
                    p.themes
                );
                assert!(
                    p.mentions.is_empty() && p.recommendations.is_empty(),
                    "{}",
                    p.id
                );
            }
            tagged_spanish += 1;
        }
        *by_language.entry(lang).or_default() += 1;
    }
    // Comments of two words cannot be told; nearly all others are Spanish, none English.
    let es = by_language.get("es").copied().unwrap_or(0);
    assert!(es * 100 >= 85 * 400, "{by_language:?}");
    assert!(
        by_language.get("en").copied().unwrap_or(0) <= 4,
        "{by_language:?}"
    );
    assert!(tagged_spanish > 0);
}

#[test]
fn chinese_transcripts_are_chinese_with_questions_and_no_themes() {
    let path =
        corpora().join("transcripts/audreyt-sayit-transcripts/2016-02-23-個資去識別化-諮詢會議.md");
    if !path.exists() {
        eprintln!("skipped: {} absent", path.display());
        return;
    }
    let docs = read_file(&path, "sayit/zh", &ReadOptions::default()).expect("reads");
    let (d, passages) = process_document(docs.into_iter().next().expect("a document"), &TAGGER);
    assert_eq!(d.meta["language"], "zh");
    assert!(
        passages
            .iter()
            .all(|p| p.themes.is_empty() && p.mentions.is_empty())
    );
    let questions: Vec<&str> = passages
        .iter()
        .flat_map(|p| p.questions.iter().map(|q| q.text.as_str()))
        .collect();
    assert!(!questions.is_empty());
    assert!(
        questions
            .iter()
            .all(|q| q.ends_with('？') || q.ends_with('?')),
        "{questions:?}"
    );
    // An English SayIt conversation of the same collection is English.
    let en = corpora().join(
        "transcripts/audreyt-sayit-transcripts/2019-01-04-Conversation-with-Stefan-Heumann.md",
    );
    if en.exists() {
        let docs = read_file(&en, "sayit/en", &ReadOptions::default()).expect("reads");
        let (d, _) = process_document(docs.into_iter().next().expect("a document"), &TAGGER);
        assert_eq!(d.meta["language"], "en");
    }
}

#[test]
fn a_mixed_index_stems_each_document_in_its_own_language() {
    use rapporteur::analysis::{Lang, stem, stem_in, tokens};
    use rapporteur::index::{SearchRequest, search, write_index};
    use rapporteur::model::DocInfo;
    let Some(madrid) = madrid_comments(3000) else {
        return;
    };
    let mut docs: Vec<DocInfo> = Vec::new();
    let mut passages: Vec<Passage> = Vec::new();
    for d in madrid.into_iter().chain(processed(SEEDS[3]).map(|x| x.0)) {
        let (d, ps) = process_document(d, &TAGGER);
        docs.push(DocInfo::from(&d));
        passages.extend(ps);
    }
    let spanish: Vec<&Passage> = passages
        .iter()
        .filter(|p| p.doc.starts_with("madrid:"))
        .collect();
    // Two written forms that Spanish conflates and English does not ("propuestas" and
    // "propuesto", say), the second written in some passage where the first is not.
    let mut forms: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &spanish {
        for t in tokens(&p.text) {
            if t.lower.len() > 5 && t.lower.chars().all(|c| c.is_ascii_lowercase()) {
                forms
                    .entry(stem_in(Lang::Spanish, &t.lower))
                    .or_default()
                    .insert(t.lower);
            }
        }
    }
    let (query, other) = forms
        .values()
        .find_map(|f| {
            let f: Vec<&String> = f.iter().collect();
            let (a, b) = (f.first()?, f.get(1)?);
            (stem(a) != stem(b)).then(|| (a.to_string(), b.to_string()))
        })
        .expect("inflected Spanish words");
    let only_other: BTreeSet<&str> = spanish
        .iter()
        .filter(|p| {
            let words: BTreeSet<String> = tokens(&p.text).map(|t| t.lower).collect();
            words.contains(&other) && !words.contains(&query)
        })
        .map(|p| p.id.as_str())
        .collect();
    assert!(!only_other.is_empty());
    let dir = tempfile::tempdir().expect("temp dir");
    write_index(dir.path(), &docs, &passages).expect("index written");
    let mut req = SearchRequest::new(query.clone());
    req.limit = 10_000;
    let found = search(dir.path(), &req).expect("search");
    let ids: BTreeSet<&str> = found.hits.iter().map(|h| h.passage.id.as_str()).collect();
    assert!(
        only_other.iter().all(|id| ids.contains(id)),
        "\"{query}\" should find the passages with \"{other}\""
    );
    // English stemming still holds for the English document of the same index.
    let found = search(dir.path(), &SearchRequest::new("recommendations")).expect("search");
    assert!(
        found
            .hits
            .iter()
            .any(|h| h.passage.doc.starts_with("seeds/003"))
    );
    // Snippets highlight the Spanish word that matched.
    let hit = found_spanish_snippet(dir.path(), &query);
    assert!(hit, "a highlighted Spanish snippet for {query}");
}

fn found_spanish_snippet(dir: &Path, query: &str) -> bool {
    use rapporteur::index::{SearchRequest, search};
    let found = search(dir, &SearchRequest::new(query)).expect("search");
    found
        .hits
        .iter()
        .any(|h| h.passage.doc.starts_with("madrid:") && !h.snippet.highlights.is_empty())
}

// ---------------------------------------------------------------------------------------------
// `themes` and `suggest`, from the real binary.

fn rapporteur(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs")
}

fn describe(args: &[&str], out: &Output) -> String {
    format!(
        "rapporteur {}\n--- status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        args.join(" "),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn run_ok(args: &[&str], cwd: &Path) -> Output {
    let out = rapporteur(args, cwd);
    assert!(out.status.success(), "{}", describe(args, &out));
    out
}

/// `rapporteur run` of `source` into a scratch directory named `name`; the output directory.
fn run_pipeline(name: &str, source: &Path, taxonomy: Option<&Path>) -> (PathBuf, Output) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("tags-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let out = dir.join("out");
    let mut pipeline = format!(
        "name = {name:?}\nsources = [{:?}]\noutput = {:?}\n",
        source.display().to_string(),
        out.display().to_string()
    );
    if let Some(t) = taxonomy {
        pipeline.push_str(&format!("taxonomy = {:?}\n", t.display().to_string()));
    }
    std::fs::write(dir.join("pipeline.toml"), pipeline).expect("pipeline file");
    let result = rapporteur(&["run", "--quiet", "pipeline.toml"], &dir);
    (out, result)
}

fn check_contract(out: &Path) {
    let tool = root().join("../shared/tools/check-contract");
    if !tool.exists() {
        eprintln!("skipped: {} is absent", tool.display());
        return;
    }
    let result = Command::new("python3")
        .arg(&tool)
        .arg(out)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(
        result.status.success() && !stdout.contains("FAIL"),
        "check-contract {}:\n{stdout}\n{}",
        out.display(),
        String::from_utf8_lossy(&result.stderr)
    );
}

/// The demo corpus, run once for the CLI tests.
fn seeds_out() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let (out, result) = run_pipeline("seeds", &root().join("corpora/seeds"), None);
        assert!(result.status.success(), "{}", describe(&["run"], &result));
        out
    })
}

#[test]
fn themes_table_of_the_demo_corpus_counts_by_voice() {
    let out = seeds_out();
    check_contract(out);
    let index = out.join("index");
    let index = index.to_str().expect("utf-8 path");
    let json = run_ok(&["themes", "--index", index, "--json"], &root());
    let table: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let rows = table["rows"].as_array().expect("rows");
    let ids: Vec<&str> = rows.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), 16, "{ids:?}");
    assert_eq!(ids[0], "trust");
    // Recount from passages.jsonl: each cell is the passages of that theme in that voice.
    let passages: Vec<Value> = std::fs::read_to_string(out.join("passages.jsonl"))
        .expect("passages")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(table["passages"], passages.len());
    for row in rows {
        let id = row["id"].as_str().expect("id");
        let with: Vec<&Value> = passages
            .iter()
            .filter(|p| {
                p["themes"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|t| t["id"] == id))
            })
            .collect();
        assert_eq!(row["passages"], with.len(), "{id}");
        let civil = with
            .iter()
            .filter(|p| p["voice"] == "civil_society")
            .count();
        assert_eq!(row["by_group"]["civil_society"]["count"], civil, "{id}");
    }
    let participation = rows
        .iter()
        .find(|r| r["id"] == "participation")
        .expect("row");
    assert!(
        participation["passages"].as_u64() > Some(20),
        "{participation}"
    );
    assert!(participation["by_group"]["civil_society"]["count"].as_u64() >= Some(1));
    // The text table: one line per theme, a header and a total.
    let text = run_ok(&["themes", "--index", index], &root());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.lines().next().is_some_and(|h| h.contains("civil soc")),
        "{text}"
    );
    assert!(text.contains("Trust and relationships [trust]"), "{text}");
    assert_eq!(text.lines().count(), 16 + 3, "{text}");
    // Same bytes on a second call.
    let again = run_ok(&["themes", "--index", index, "--json"], &root());
    assert_eq!(again.stdout, json.stdout);
}

#[test]
fn suggest_lists_frequent_uncovered_phrases_with_exact_examples() {
    let out = seeds_out();
    let index = out.join("index");
    let index = index.to_str().expect("utf-8 path");
    let json = run_ok(
        &["suggest", "--index", index, "--json", "--limit", "25"],
        &root(),
    );
    let docs: BTreeMap<String, String> = std::fs::read_to_string(out.join("documents.jsonl"))
        .expect("documents")
        .lines()
        .map(|l| {
            let d: Value = serde_json::from_str(l).expect("JSON line");
            (
                d["id"].as_str().expect("id").to_string(),
                d["text"].as_str().expect("text").to_string(),
            )
        })
        .collect();
    let found: Vec<Value> = String::from_utf8_lossy(&json.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(found.len() >= 10, "{found:?}");
    for s in &found {
        assert!(s["passages"].as_u64() >= Some(3), "{s}");
        let examples = s["examples"].as_array().expect("examples");
        assert_eq!(examples.len(), 2, "{s}");
        for e in examples {
            let text = &docs[e["doc"].as_str().expect("doc")];
            let (a, b) = (
                e["start"].as_u64().expect("start") as usize,
                e["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(&text[a..b], e["text"].as_str().expect("text"));
        }
        // Where it is used, no theme of the taxonomy takes its words as evidence.
        let stems = format!(" {} ", s["stems"].as_str().expect("stems"));
        for e in examples {
            let text = e["text"].as_str().expect("text");
            let d = Document {
                id: "e".into(),
                path: "e.txt".into(),
                format: "text".into(),
                title: None,
                kind: "notes".into(),
                text: text.to_string(),
                meta: BTreeMap::new(),
                blocks: Vec::new(),
            };
            let mut p = Passage::new(&d, 1, PassageKind::Paragraph, 0, text.len());
            TAGGER.tag(&mut p);
            for t in &p.themes {
                for evidence in &t.terms {
                    assert!(
                        !stems.contains(&format!(" {evidence} ")),
                        "{s}: {} takes {evidence:?}",
                        t.id
                    );
                }
            }
        }
    }
    // The demo corpus is about multistakeholder action, which no theme names as such.
    let phrases: Vec<&str> = found.iter().filter_map(|s| s["phrase"].as_str()).collect();
    assert!(
        phrases
            .iter()
            .any(|p| p.to_lowercase().contains("multistakeholder")),
        "{phrases:?}"
    );
    let text = run_ok(&["suggest", "--index", index], &root());
    assert!(String::from_utf8_lossy(&text.stdout).contains("passages,"));
}

#[test]
fn a_taxonomy_with_a_parent_theme_rolls_up_in_the_table_and_bad_ones_fail_with_a_position() {
    let out = seeds_out();
    let index = out.join("index");
    let index = index.to_str().expect("utf-8 path");
    let dir = tempfile::tempdir().expect("temp dir");
    let tax = dir.path().join("tax.toml");
    std::fs::write(
        &tax,
        "[[themes]]\nid = \"participation\"\nlabel = \"Participation\"\nterms = [\"x\"]\n\
         [[themes]]\nid = \"trust\"\nlabel = \"Trust\"\nparent = \"participation\"\nterms = [\"y\"]\n",
    )
    .expect("taxonomy");
    let tax = tax.to_str().expect("utf-8 path");
    let json = run_ok(
        &["themes", "--index", index, "--json", "--taxonomy", tax],
        &root(),
    );
    let table: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let row = |id: &str| {
        table["rows"]
            .as_array()
            .and_then(|r| r.iter().find(|r| r["id"] == id).cloned())
            .expect("row")
    };
    let (parent, child) = (row("participation"), row("trust"));
    assert_eq!(child["parent"], "participation");
    assert!(parent["passages"].as_u64() >= child["passages"].as_u64());
    assert!(parent["passages"].as_u64() > Some(0));

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[themes]]\nid = \"a\"\nlabel = \"A\"\nparent = \"zz\"\nterms = [\"a\"]\n",
    )
    .expect("taxonomy");
    let result = rapporteur(
        &[
            "themes",
            "--index",
            index,
            "--taxonomy",
            bad.to_str().expect("path"),
        ],
        &root(),
    );
    assert_eq!(
        result.status.code(),
        Some(2),
        "{}",
        describe(&["themes"], &result)
    );
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("bad.toml:4:10") && stderr.contains("unknown parent `zz`"),
        "{stderr}"
    );
}

#[test]
fn themes_and_suggest_work_on_the_shared_contributions() {
    let source = corpora().join("contributions");
    if !source.exists() {
        eprintln!("skipped: {} absent", source.display());
        return;
    }
    // Files no reader handles yet (CSV exports) are reported and the rest goes on: exit 0 or 1.
    let (out, result) = run_pipeline("contributions", &source, None);
    assert!(
        matches!(result.status.code(), Some(0 | 1)),
        "{}",
        describe(&["run"], &result)
    );
    check_contract(&out);
    let index = out.join("index");
    let index = index.to_str().expect("utf-8 path");
    let table: Value =
        serde_json::from_slice(&run_ok(&["themes", "--index", index, "--json"], &root()).stdout)
            .expect("JSON");
    assert!(
        table["passages"].as_u64() > Some(1_000),
        "{}",
        table["passages"]
    );
    let digital = table["rows"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["id"] == "digital").cloned())
        .expect("digital row");
    // The NETmundial submissions are about Internet governance and say which sector they speak for.
    assert!(digital["passages"].as_u64() > Some(100), "{digital}");
    assert!(
        digital["by_group"]["civil_society"]["count"].as_u64() > Some(10),
        "{digital}"
    );
    assert!(
        digital["by_group"]["government"]["count"].as_u64() > Some(10),
        "{digital}"
    );
    let suggest = run_ok(&["suggest", "--index", index, "--json"], &root());
    let found: Vec<Value> = String::from_utf8_lossy(&suggest.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(found.len(), 30);
    assert!(
        found
            .iter()
            .all(|s| s["examples"].as_array().is_some_and(|e| !e.is_empty()))
    );
    let documents = std::fs::read_to_string(out.join("documents.jsonl")).expect("documents");
    let languages: BTreeSet<String> = documents
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|d| d["meta"]["language"].as_str().map(str::to_string))
        .collect();
    assert!(languages.contains("en"), "{languages:?}");
}

/// Labels written once every rule above was fixed, from two documents never looked at before,
/// measured without tuning: the same targets.
#[test]
fn tags_meet_the_quality_targets_on_fresh_sentences() {
    let f = measure("fresh.tsv");
    if f.rec_found.total == 0 {
        eprintln!("skipped: the fresh documents under ../shared/corpora are absent");
        return;
    }
    assert_targets(&f);
}
