//! The outline of meetings written and labelled by hand before any rule was measured on them
//! (`tests/fixtures/meetings/`): minutes with a crux and its reply, notes that record a
//! division, a conversation transcript with pushback, and a synthesis full of "however". Each
//! labelled sentence says whether it is one side of a disagreement, a statement of division,
//! contrast that is no disagreement, a recommendation or a look-alike. `dev` was looked at
//! while the rules were written; `heldout` is measured once and only its figures printed.

use std::collections::BTreeMap;

use super::*;

/// One labelled sentence of a meeting fixture.
struct MeetingLabel {
    file: String,
    kind: String,
    text: String,
}

fn meeting_labels(part: &str) -> Vec<MeetingLabel> {
    let text = read(
        &root()
            .join("tests/fixtures/meetings")
            .join(part)
            .join("labels.tsv"),
    );
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("file\t") && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert!(c.len() >= 3, "{l}");
            MeetingLabel {
                file: c[0].to_string(),
                kind: c[1].to_string(),
                text: c[2].to_string(),
            }
        })
        .collect()
}

const FILES: [&str; 4] = [
    "notes-1.txt",
    "notes-2.txt",
    "transcript.txt",
    "synthesis.txt",
];

/// Runs the four documents with the set's roster; the output dir.
fn run_meetings(part: &str) -> PathBuf {
    let fixture = root().join("tests/fixtures/meetings").join(part);
    let dir = scratch(&format!("meetings-{part}"));
    let list: Vec<String> = FILES
        .iter()
        .map(|f| format!("{:?}", fixture.join(f).display().to_string()))
        .collect();
    let pipeline = format!(
        "name = \"meetings\"\nsources = [{}]\ntaxonomy = {:?}\nroster = {:?}\noutput = {:?}\n",
        list.join(", "),
        root()
            .join("pipelines/taxonomies/multistakeholder.toml")
            .display()
            .to_string(),
        fixture.join("people.toml").display().to_string(),
        dir.join("out").display().to_string()
    );
    std::fs::write(dir.join("pipeline.toml"), pipeline).expect("pipeline file");
    run_ok(&["run", "pipeline.toml", "--quiet"], &dir);
    dir.join("out")
}

/// A span of a document: (document id, start, end).
type DocSpan = (String, usize, usize);

fn span_of(q: &Value) -> Option<DocSpan> {
    Some((
        q["doc"].as_str()?.to_string(),
        usize::try_from(q["start"].as_u64()?).ok()?,
        usize::try_from(q["end"].as_u64()?).ok()?,
    ))
}

fn overlaps(a: &DocSpan, b: &DocSpan) -> bool {
    a.0 == b.0 && a.1.max(b.1) < a.2.min(b.2)
}

/// Who a quote is by: name, else organisation, else group.
fn who(q: &Value) -> Option<String> {
    let s = &q["speaker"];
    s["name"]
        .as_str()
        .or(s["organisation"].as_str())
        .map(str::to_lowercase)
        .or_else(|| s["group"].as_str().map(|g| format!("group:{g}")))
}

#[derive(Default)]
struct MeetingFigures {
    items: usize,
    two_sides: usize,
    divisions: usize,
    /// Per label kind: (quoted where it should be, or wrongly quoted; of how many).
    kinds: BTreeMap<String, (usize, usize)>,
    /// Outline recommendations on labelled sentences, and of those the proposals.
    recs_labelled: usize,
    recs_proposals: usize,
    /// Transcript look-alikes the tagger flags as recommendations.
    conversation_flagged: usize,
    conversation_total: usize,
    report: String,
}

fn measure_meetings(part: &str) -> MeetingFigures {
    let out = run_meetings(part);
    let verify = run_ok(&["verify", out.to_str().expect("utf-8 path")], &root());
    assert!(verify.status.success());
    check_contract(&out);
    let outline = json(&out.join("outline.json"));
    let docs: Vec<Value> = read(&out.join("documents.jsonl"))
        .lines()
        .map(|l| serde_json::from_str(l).expect("document line"))
        .collect();
    let passages: Vec<Passage> = read(&out.join("passages.jsonl"))
        .lines()
        .map(|l| serde_json::from_str(l).expect("passage line"))
        .collect();
    let doc_id = |file: &str| -> String {
        docs.iter()
            .find(|d| d["path"].as_str().is_some_and(|p| p.ends_with(file)))
            .and_then(|d| d["id"].as_str())
            .expect("the fixture's document")
            .to_string()
    };
    let text_of = |file: &str| read(&root().join("tests/fixtures/meetings").join(part).join(file));
    let texts: BTreeMap<&str, String> = FILES.iter().map(|f| (*f, text_of(f))).collect();

    let mut f = MeetingFigures::default();
    let mut disputed: Vec<DocSpan> = Vec::new();
    let mut recommended: Vec<DocSpan> = Vec::new();
    for s in outline["sections"].as_array().expect("sections") {
        for d in s["disagreements"].as_array().expect("disagreements") {
            f.items += 1;
            let sides: Vec<&Value> = d["point"]
                .as_object()
                .map(|_| &d["point"])
                .into_iter()
                .chain([&d["reply"]])
                .collect();
            disputed.extend(sides.iter().filter_map(|q| span_of(q)));
            if d["kind"] == "division" {
                f.divisions += 1;
                continue;
            }
            let names: Vec<Option<String>> = sides.iter().map(|q| who(q)).collect();
            let two = names.len() == 2
                && names.iter().all(Option::is_some)
                && names.first() != names.get(1);
            f.two_sides += usize::from(two);
            if !two {
                f.report += &format!("  one-sided item: {}\n", d["summary"]);
            }
        }
        for r in s["recommendations"].as_array().expect("recommendations") {
            recommended.extend(span_of(r));
        }
    }
    let mut labelled: Vec<(DocSpan, String)> = Vec::new();
    for l in meeting_labels(part) {
        let text = texts.get(l.file.as_str()).expect("a fixture file");
        let (s, e) = common::find(text, &l.text, 1).unwrap_or_else(|| {
            panic!("{part}/{}: not found: {}", l.file, l.text);
        });
        let sp = (doc_id(&l.file), s, e);
        let quoted = |v: &[DocSpan]| v.iter().any(|q| overlaps(q, &sp));
        let (hit, wanted) = match l.kind.as_str() {
            "disagreement" | "division" => (quoted(&disputed), true),
            "not-disagreement" => (quoted(&disputed), false),
            "agreed-rec" => (quoted(&recommended), true),
            "not-rec" => (quoted(&recommended), false),
            other => panic!("unknown kind {other}"),
        };
        let e = f.kinds.entry(l.kind.clone()).or_default();
        e.0 += usize::from(hit);
        e.1 += 1;
        if hit != wanted {
            f.report += &format!(
                "  {} {}: {}: {}\n",
                l.kind,
                if hit { "quoted" } else { "missed" },
                l.file,
                l.text
            );
        }
        if l.file == "transcript.txt" && l.kind == "not-rec" {
            f.conversation_total += 1;
            f.conversation_flagged += usize::from(passages.iter().any(|p| {
                p.doc == sp.0
                    && p.recommendations
                        .iter()
                        .any(|r| overlaps(&(p.doc.clone(), r.start, r.end), &sp))
            }));
        }
        labelled.push((sp, l.kind));
    }
    for r in &recommended {
        let kinds: Vec<&str> = labelled
            .iter()
            .filter(|(sp, _)| overlaps(sp, r))
            .map(|(_, k)| k.as_str())
            .collect();
        if !kinds.is_empty() {
            f.recs_labelled += 1;
            f.recs_proposals += usize::from(kinds.contains(&"agreed-rec"));
        }
    }
    f
}

fn meeting_summary(f: &MeetingFigures) -> String {
    let k = |name: &str| {
        let (a, b) = f.kinds.get(name).copied().unwrap_or_default();
        format!("{a}/{b}")
    };
    format!(
        "disagreement items {} ({} divisions); of the others, two sides with different speakers {}/{}\n\
         labelled sides of disagreements quoted {}; divisions quoted {}; contrast that is no disagreement quoted {}\n\
         recommendations quoted {}; look-alikes quoted {}; outline recommendations on labelled sentences that are proposals {}/{}\n\
         transcript look-alikes flagged by the tagger {}/{}",
        f.items,
        f.divisions,
        f.two_sides,
        f.items - f.divisions,
        k("disagreement"),
        k("division"),
        k("not-disagreement"),
        k("agreed-rec"),
        k("not-rec"),
        f.recs_proposals,
        f.recs_labelled,
        f.conversation_flagged,
        f.conversation_total,
    )
}

/// What a development set measured, ratcheted: labelled sides quoted, divisions quoted,
/// recommendations quoted (at least); look-alikes quoted, transcript look-alikes flagged (at
/// most). Every item other than a division has two sides, no contrast is quoted, and at
/// least 90% of the outline's recommendations on labelled sentences are proposals.
fn holds(
    part: &str,
    sides: usize,
    divisions: usize,
    recs: usize,
    lookalikes: usize,
    flagged: usize,
) {
    let f = measure_meetings(part);
    println!("{}\n{}", meeting_summary(&f), f.report);
    let k = |name: &str| f.kinds.get(name).copied().unwrap_or_default();
    let at = meeting_summary(&f);
    assert_eq!(f.two_sides, f.items - f.divisions, "{at}");
    assert!(k("disagreement").0 >= sides, "{at}");
    assert!(k("division").0 >= divisions, "{at}");
    assert_eq!(k("not-disagreement").0, 0, "{at}");
    assert!(k("agreed-rec").0 >= recs, "{at}");
    assert!(k("not-rec").0 <= lookalikes, "{at}");
    assert!(f.recs_proposals * 10 >= f.recs_labelled * 9, "{at}");
    assert!(f.conversation_flagged <= flagged, "{at}");
}

/// The development meetings: every miss printed (`--nocapture`). Measured: 12 items, 5
/// divisions, 7 of 7 others with two sides; 12 of 16 sides quoted, 5 of 6 divisions, 0 of 37
/// contrasts; 26 of 29 recommendations, 0 of 42 look-alikes; 26 of 27 outline
/// recommendations on labelled sentences proposals; 0 of 12 transcript look-alikes flagged.
#[test]
fn meetings_outline_on_the_development_set() {
    holds("dev", 12, 5, 26, 0, 0);
}

/// The second development set: first held out and measured once (2 disagreement items, 1 a
/// division; 2 of 16 labelled sides and 1 of 5 divisions quoted; 17 of 31 recommendations and
/// 6 of 37 look-alikes quoted; 17 of 23 outline recommendations on labelled sentences
/// proposals; 5 of 12 transcript look-alikes flagged), then used for development when a
/// fresh held-out set was written (`fresh/`). Measured now: 10 items, 5 divisions, 5 of 5
/// with two sides; 11 of 16 sides, 5 of 5 divisions, 23 of 31 recommendations, 1 of 37
/// look-alikes, 23 of 25 proposals, 1 of 12 transcript look-alikes flagged.
#[test]
fn meetings_outline_on_the_second_development_set() {
    holds("dev2", 11, 5, 23, 1, 1);
}

/// The held-out meetings (other topics, people, secretariats' conventions), measured once:
/// only the figures are printed; what is asserted is what that one measurement gave.
#[test]
fn meetings_outline_on_the_held_out_set() {
    let f = measure_meetings("fresh");
    println!("{}", meeting_summary(&f));
    let k = |name: &str| f.kinds.get(name).copied().unwrap_or_default();
    // Measured once (132 labels): 7 items, 4 divisions, 3 of 3 others with two sides; 5 of 17
    // sides and 4 of 5 divisions quoted, 0 of 39 contrasts; 25 of 31 recommendations and 6 of
    // 43 look-alikes quoted; 25 of 31 outline recommendations on labelled sentences proposals
    // (the target is 90%); 3 of 12 transcript look-alikes flagged (target 15%).
    assert!(
        f.two_sides * 10 >= (f.items - f.divisions) * 9,
        "{}",
        meeting_summary(&f)
    );
    assert_eq!(k("not-disagreement").0, 0, "{}", meeting_summary(&f));
    assert!(
        k("disagreement").0 >= 5 && k("division").0 >= 4,
        "{}",
        meeting_summary(&f)
    );
    assert!(
        k("agreed-rec").0 >= 25 && k("not-rec").0 <= 6,
        "{}",
        meeting_summary(&f)
    );
    assert!(f.conversation_flagged <= 3, "{}", meeting_summary(&f));
}
