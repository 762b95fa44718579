//! Stance and conversation recommendations against sentences labelled by reading
//! (`tests/fixtures/stance/`): committee hearings, SayIt conversations and NETmundial
//! submissions no example pipeline reads, split into two development sets by a hash of the
//! file name (`dev`, `dev2`), and summit panels and city-council captions held out (`fresh`).

use super::*;
use rapporteur::model::{Position, Stance};

/// One labelled sentence of a stance fixture.
struct StanceLabel {
    doc: String,
    n: usize,
    position: Position,
    rec: bool,
    sentence: String,
}

fn stance_labels(part: &str, file: &str) -> Vec<StanceLabel> {
    let path = root().join("tests/fixtures/stance").join(part).join(file);
    let text = std::fs::read_to_string(&path).expect("stance fixture");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert!(c.len() >= 6, "{}: {l}", path.display());
            StanceLabel {
                doc: c[0].to_string(),
                n: c[1].parse().expect("occurrence number"),
                position: Position::parse(c[2]).expect("a position"),
                rec: c[4] == "y",
                sentence: c[5].to_string(),
            }
        })
        .collect()
}

/// The figures of one part (dev or heldout), both files together.
#[derive(Default)]
struct StanceFigures {
    /// Labelled stances (supports, opposes, mixed) given the same position.
    found: Score,
    /// Sentences given a stance whose label is that stance.
    precision: Score,
    /// Neutral sentences given a stance.
    false_stance: Score,
    /// In conversations (hearings and SayIt): recommendations found, non-recommendations
    /// flagged, flagged sentences that are recommendations.
    rec_found: Score,
    rec_false: Score,
    rec_precision: Score,
    /// Labelled sentences the documents do not hold (should be none).
    missing: usize,
    report: String,
}

/// The position of the cues that start inside the document range `r`.
fn stance_of(passages: &[Passage], r: (usize, usize)) -> Position {
    let cues = passages
        .iter()
        .flat_map(|p| &p.stance.cues)
        .filter(|c| r.0 <= c.start && c.start < r.1)
        .cloned()
        .collect();
    Stance::of(cues).position
}

fn measure_stance(part: &str) -> Option<StanceFigures> {
    let mut f = StanceFigures::default();
    let mut docs: BTreeMap<String, Option<(Document, Vec<Passage>)>> = BTreeMap::new();
    for file in ["random.tsv", "first-person.tsv"] {
        for l in stance_labels(part, file) {
            let entry = docs
                .entry(l.doc.clone())
                .or_insert_with(|| processed(&l.doc));
            let (doc, passages) = entry.as_ref()?;
            let Some(r) = find(&doc.text, &l.sentence, l.n) else {
                f.missing += 1;
                f.report += &format!("  not in {}: {}\n", l.doc, l.sentence);
                continue;
            };
            let got = stance_of(passages, r);
            if l.position != Position::Neutral {
                f.found.add(got == l.position);
            } else {
                f.false_stance.add(got != Position::Neutral);
            }
            if got != Position::Neutral {
                f.precision.add(got == l.position);
            }
            if got != l.position {
                f.report += &format!(
                    "  {} labelled {}, got {}: {}\n",
                    file,
                    l.position.as_str(),
                    got.as_str(),
                    l.sentence
                );
            }
            if !l.doc.contains("netmundial") {
                let flagged = passages
                    .iter()
                    .flat_map(|p| &p.recommendations)
                    .any(|x| overlap((x.start, x.end), r));
                if l.rec {
                    f.rec_found.add(flagged);
                } else {
                    f.rec_false.add(flagged);
                }
                if flagged {
                    f.rec_precision.add(l.rec);
                }
            }
        }
    }
    Some(f)
}

fn summary(f: &StanceFigures) -> String {
    let s = |x: &Score| format!("{}/{} ({:.0}%)", x.hit, x.total, 100.0 * x.rate());
    format!(
        "stances found {}; stance given right {}; neutral given a stance {}\n\
         conversations: recommendations found {}; non-recommendations flagged {}; flagged that are recommendations {}",
        s(&f.found),
        s(&f.precision),
        s(&f.false_stance),
        s(&f.rec_found),
        s(&f.rec_false),
        s(&f.rec_precision)
    )
}

/// Development figures, with every miss printed (`--nocapture`); the thresholds ratchet what
/// was measured, so a change that loses stances or adds false ones fails.
#[test]
fn stance_and_recommendations_on_development_sentences() {
    // Measured: 16 of 45 found, 16 of 17 right, 0 of 235 neutral given a stance; 8 of 194
    // non-recommendations of conversations flagged. (17 before imperatives opening a list
    // item, "a) reject any proposal … d) support …", stopped counting as the speaker's own
    // position: that one was right by luck.)
    holds("dev", 16);
}

/// The second development set: first held out and measured once (6 of 41 found, 6 of 11
/// right, 5 of 239 neutral given a stance), then used for development when a fresh held-out
/// set was labelled (`fresh/`). Measured now: 12 of 41 found, 12 of 12 right, 0 of 239
/// neutral given a stance; 7 of 194 non-recommendations of conversations flagged.
#[test]
fn stance_on_the_second_development_sentences() {
    holds("dev2", 12);
}

/// A development set's figures, every miss printed: at least `found` stances found, at least
/// 90% of those given right, at most 1% of neutral sentences and 5% of conversations'
/// non-recommendations flagged.
fn holds(part: &str, found: usize) {
    let Some(f) = measure_stance(part) else {
        eprintln!("skipped: ../shared/corpora is absent");
        return;
    };
    println!("{}\n{}", summary(&f), f.report);
    assert_eq!(f.missing, 0, "labelled sentences not found:\n{}", f.report);
    assert!(f.found.hit >= found, "{}", summary(&f));
    assert!(f.precision.rate() >= 0.9, "{}", summary(&f));
    assert!(f.false_stance.rate() <= 0.01, "{}", summary(&f));
    assert!(f.rec_false.rate() <= 0.05, "{}", summary(&f));
}

/// The held-out sentences (summit panels and city-council captions, no file of which an
/// example pipeline reads), never looked at while the rules were written: only the figures
/// are printed, and the target for conversations (at most 15% of non-recommendations
/// flagged) is asserted, with the stance figures as measured once.
#[test]
fn stance_and_recommendations_on_held_out_sentences() {
    let Some(f) = measure_stance("fresh") else {
        eprintln!("skipped: ../shared/corpora is absent");
        return;
    };
    println!("{}", summary(&f));
    for l in f.report.lines().filter(|l| l.starts_with("  not in ")) {
        println!("{l}");
    }
    assert_eq!(f.missing, 0, "{} labelled sentences not found", f.missing);
    // Measured once (280 sentences): 1 of 50 labelled stances found, 1 of 3 given right, 0 of
    // 230 neutral given a stance; in conversations 18 of 268 non-recommendations flagged.
    assert!(f.false_stance.rate() <= 0.01, "{}", summary(&f));
    assert!(f.rec_false.rate() <= 0.15, "{}", summary(&f));
}

/// Words that make stance cues, objects and clause breaks, mixed with arbitrary characters.
fn stance_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        proptest::sample::select(vec![
            "we",
            "I",
            "our delegation",
            "support",
            "oppose",
            "do not support",
            "agree with",
            "disagree",
            "the proposal",
            "that",
            "this",
            "is",
            "not",
            "workable",
            "I think",
            "InternetNZ",
            "prefers",
            "but",
            "and",
            "if",
            ",",
            ".",
            "?",
            "—",
            "’s",
            "£5",
            "welcome",
            "the opportunity",
            "in favour of",
            "against",
            "It's absurd that",
            "(",
            "\n",
        ])
        .prop_map(str::to_string),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(word, 0..40).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Tagging any text never panics, and every stance cue and object is an exact slice of
    /// its passage.
    #[test]
    fn stance_cues_of_any_text_are_slices_of_their_passage(body in stance_text(), pad in 0usize..5) {
        let text = format!("{}{body}", "x ".repeat(pad));
        let doc = Document {
            id: "d".into(), path: "d.txt".into(), path_raw: None, format: "text".into(),
            title: None, kind: "notes".into(), text: text.clone(), meta: BTreeMap::new(),
            warnings: Vec::new(), authors: Vec::new(), blocks: Vec::new(),
        };
        let mut p = Passage::new(&doc, 1, rapporteur::model::PassageKind::Paragraph, pad * 2, text.len());
        p.speaker = Some(rapporteur::model::Speaker::named("InternetNZ", rapporteur::model::How::Byline));
        TAGGER.tag(&mut p);
        for c in &p.stance.cues {
            prop_assert_eq!(text.get(c.start..c.end), Some(c.text.as_str()));
            prop_assert!(p.start <= c.start && c.end <= p.end);
            if let Some(o) = &c.object {
                prop_assert_eq!(text.get(o.start..o.end), Some(o.text.as_str()));
            }
        }
        let has = |x| p.stance.cues.iter().any(|c| c.position == x);
        let expect = match (has(Position::Supports), has(Position::Opposes)) {
            (true, true) => Position::Mixed,
            (true, false) => Position::Supports,
            (false, true) => Position::Opposes,
            _ => Position::Neutral,
        };
        prop_assert_eq!(p.stance.position, expect);
    }
}
