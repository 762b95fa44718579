//! Who said it, measured on real material from `../shared/corpora` (skipped when absent):
//! speakers of labelled turns (QMSum committee transcripts, TC39 notes, SayIt conversations),
//! narrative attributions (QMSum human summaries), organisation → stakeholder group (NETmundial
//! submissions against their own `Sector:` line, the HYS AI White Paper organisations against
//! their declared category), and the readers and the `participants` verb
//! on real files. Expected values come from the files themselves (the JSON `speaker` strings,
//! `delegates.txt`, the `### Name:` headings, the `Sector:` lines), never from the program.
//!
//! Held-out sets: for labelled turns, QMSum files with an odd number, the TC39 days of
//! November 2025 and the SayIt conversations listed in `SAYIT`; for narrative attribution, the
//! summaries of QMSum files with an even number; for organisations, the HYS AI White Paper
//! organisations whose record id hashes to an odd first byte (see `hys_rows`). The rules were
//! written looking at the other halves (and at the inventory of QMSum speaker strings);
//! NETmundial serials 095–188, held out for issue 4, are no longer measured.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use rapporteur::attribute::{PipelineRoster, RosterEntry, org_group, parse_sector};
use rapporteur::pipeline::{Corpus, collect_inputs, ingest_with};
use rapporteur::tag::{Tagger, Taxonomy};
use rapporteur::{Document, Group, How, Passage, PassageKind};
use serde_json::Value;

fn corpora() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} absent", p.display());
        None
    }
}

fn ingest(paths: &[PathBuf], roster: &PipelineRoster) -> Corpus {
    let inputs = collect_inputs(paths);
    assert!(inputs.errors.is_empty(), "{:?}", inputs.errors);
    let tagger = Tagger::new(Taxonomy::default_multistakeholder().expect("taxonomy"));
    let corpus = ingest_with(&inputs.files, &tagger, roster);
    assert!(corpus.errors.is_empty(), "{:?}", corpus.errors);
    corpus
}

fn of_doc<'a>(c: &'a Corpus, id: &str) -> Vec<&'a Passage> {
    c.passages.iter().filter(|p| p.doc == id).collect()
}

fn name(p: &Passage) -> Option<&str> {
    p.speaker.as_ref().and_then(|s| s.name.as_deref())
}

/// Accent- and case-folded first and last words of a name.
fn ends(n: &str) -> (String, String) {
    let fold = |s: &str| {
        s.to_lowercase()
            .chars()
            .map(|c| match c {
                'à' | 'á' | 'â' | 'ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'í' | 'ì' | 'î' | 'ï' => 'i',
                'ó' | 'ò' | 'ô' | 'ö' => 'o',
                'ú' | 'ù' | 'û' | 'ü' => 'u',
                other => other,
            })
            .collect::<String>()
    };
    let words: Vec<&str> = n.split_whitespace().collect();
    (
        fold(words.first().copied().unwrap_or_default()),
        fold(words.last().copied().unwrap_or_default()),
    )
}

/// A right/total tally with a few examples of misses.
#[derive(Default)]
struct Tally {
    right: usize,
    total: usize,
    misses: Vec<String>,
}

impl Tally {
    fn add(&mut self, ok: bool, miss: impl FnOnce() -> String) {
        self.total += 1;
        if ok {
            self.right += 1;
        } else if self.misses.len() < 40 {
            let m = miss();
            if !self.misses.contains(&m) {
                self.misses.push(m);
            }
        }
    }

    fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.right as f64 / self.total as f64
        }
    }

    fn report(&self, what: &str) {
        eprintln!(
            "{what}: {}/{} = {:.2}%",
            self.right,
            self.total,
            100.0 * self.rate()
        );
        for m in &self.misses {
            eprintln!("  miss: {m}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Labelled turns

/// The person a QMSum speaker string names, by a deliberately plain reading: the name inside
/// "The Chair (…)", without the text in parentheses, honorifics and " AM".
fn qmsum_person(label: &str) -> Option<String> {
    let mut l = label.trim();
    for wrap in ["The Chair (", "The Acting Chair ("] {
        if let Some(inner) = l.strip_prefix(wrap) {
            l = inner.strip_suffix(')').unwrap_or(inner);
        }
    }
    let l = l.split(" (").next().unwrap_or(l);
    let mut l = l.trim();
    for h in [
        "Right Hon. ",
        "The Honourable ",
        "Hon. ",
        "Mr. ",
        "Mrs. ",
        "Ms. ",
        "Dr ",
        "Professor ",
    ] {
        if let Some(rest) = l.strip_prefix(h) {
            l = rest;
        }
    }
    let l = l.strip_suffix(" AM").unwrap_or(l);
    (l.split_whitespace().count() >= 2 && !l.starts_with("The ")).then(|| l.to_string())
}

#[test]
fn qmsum_turns_are_their_speakers_and_one_participant_each() {
    let Some(c) = corpora() else { return };
    let dir = c.join("transcripts/qmsum-committee");
    let files: Vec<PathBuf> = (0..25)
        .filter(|n| n % 2 == 1)
        .flat_map(|n| [format!("covid_{n}.json"), format!("education_{n}.json")])
        .map(|f| dir.join(f))
        .filter(|p| p.exists())
        .collect();
    let corpus = ingest(&files, &PipelineRoster::default());
    let mut tally = Tally::default();
    let mut unknowable = 0;
    let mut gold_people: BTreeSet<String> = BTreeSet::new();
    for f in &files {
        let json: Value =
            serde_json::from_str(&std::fs::read_to_string(f).expect("read")).expect("JSON");
        let turns: Vec<(&str, &str)> = json["meeting_transcripts"]
            .as_array()
            .expect("turns")
            .iter()
            .map(|t| {
                (
                    t["speaker"].as_str().unwrap_or_default(),
                    t["content"].as_str().unwrap_or_default(),
                )
            })
            .filter(|(_, c)| !c.trim().is_empty())
            .collect();
        let id = format!(
            "qmsum-committee/{}",
            f.file_stem().and_then(|s| s.to_str()).unwrap_or_default()
        );
        let ps: Vec<&Passage> = of_doc(&corpus, &id)
            .into_iter()
            .filter(|p| p.kind == PassageKind::Utterance)
            .collect();
        assert_eq!(ps.len(), turns.len(), "{id}: one utterance per turn");
        // "The Chair" is whoever the file names as chair.
        let chair = turns
            .iter()
            .find(|(s, _)| s.starts_with("The Chair ("))
            .and_then(|(s, _)| qmsum_person(s));
        for ((label, content), p) in turns.iter().zip(&ps) {
            let joined: Vec<&str> = content
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            assert_eq!(p.text, joined.join(" "));
            let gold = if *label == "The Chair" {
                chair.clone()
            } else {
                qmsum_person(label)
            };
            let Some(gold) = gold else {
                unknowable += 1;
                continue;
            };
            gold_people.insert(gold.clone());
            tally.add(name(p) == Some(gold.as_str()), || {
                format!("{id} {label:?} → {:?}", name(p))
            });
        }
    }
    tally.report("QMSum labelled turns (held-out odd files)");
    eprintln!("  turns whose speaker the file does not say: {unknowable}");
    assert!(tally.total > 2000, "{}", tally.total);
    assert!(tally.rate() >= 0.98, "QMSum turns {:.4}", tally.rate());
    // One participant per person: every person the labels name, once.
    let people: BTreeSet<String> = corpus.participants.iter().map(|p| p.name.clone()).collect();
    let missing: Vec<&String> = gold_people.difference(&people).collect();
    let extra: Vec<&String> = people.difference(&gold_people).collect();
    eprintln!(
        "  participants {} for {} people named by the labels; extra {:?}",
        people.len(),
        gold_people.len(),
        extra
    );
    assert!(missing.is_empty(), "not participants: {missing:?}");
    assert!(
        extra.len() * 100 <= people.len(),
        "extra participants: {extra:?}"
    );
    // Shared first names stay apart (Huw David, Huw Irranca-Davies, Huw Morris …).
    for p in &corpus.participants {
        assert!(
            p.aliases
                .iter()
                .all(|a| qmsum_person(a).is_none_or(|g| g == p.name)),
            "{} merged with {:?}",
            p.name,
            p.aliases
        );
    }
}

/// `delegates.txt`: "Name (ABBR)" lines.
fn delegates(c: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(c.join("transcripts/tc39-meeting-notes/delegates.txt"))
        .expect("delegates.txt")
        .lines()
        .filter_map(|l| {
            let (n, rest) = l.rsplit_once(" (")?;
            Some((rest.strip_suffix(')')?.to_string(), n.trim().to_string()))
        })
        .collect()
}

#[test]
fn tc39_initials_resolve_through_the_attendee_tables() {
    let Some(c) = corpora() else { return };
    let gold = delegates(&c);
    let dir = c.join("transcripts/tc39-meeting-notes/meetings");
    let corpus = ingest(&[dir], &PipelineRoster::default());
    let mut held_out = Tally::default();
    let mut seen = Tally::default();
    let mut no_gold = 0;
    for p in corpus
        .passages
        .iter()
        .filter(|p| p.kind == PassageKind::Utterance)
    {
        let label = p
            .meta
            .get("label")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let initials: String = label
            .trim_start_matches(". ")
            .chars()
            .take_while(char::is_ascii_uppercase)
            .collect();
        let Some(want) = gold.get(&initials) else {
            no_gold += 1;
            continue;
        };
        // "Dan Minor" in delegates.txt is "Daniel Minor" in the day's table: same surname, one
        // first name the start of the other.
        let ok = name(p).is_some_and(|n| {
            let ((f1, l1), (f2, l2)) = (ends(n), ends(want));
            let surname =
                l1 == l2 || want.to_lowercase().contains(&l1) || n.to_lowercase().contains(&l2);
            surname && (f1.starts_with(&f2) || f2.starts_with(&f1))
        });
        let t = if p.doc.contains("2025-11") {
            &mut held_out
        } else {
            &mut seen
        };
        t.add(ok, || format!("{label} → {:?}, want {want}", name(p)));
    }
    held_out.report("TC39 turns by initials, Nov 2025 (held-out)");
    seen.report("TC39 turns by initials, Sept 2023");
    eprintln!("  turns whose label delegates.txt does not know: {no_gold}");
    assert!(held_out.total > 1500);
    assert!(held_out.rate() >= 0.98, "TC39 {:.4}", held_out.rate());
    // Rob Palmer (RPR) of Bloomberg, one participant across the days.
    let rob: Vec<_> = corpus
        .participants
        .iter()
        .filter(|p| p.name == "Rob Palmer")
        .collect();
    assert_eq!(rob.len(), 1);
    assert_eq!(rob[0].organisation.as_deref(), Some("Bloomberg"));
    assert!(rob[0].aliases.contains(&"RPR".to_string()));
}

/// SayIt conversations held out: their `### Name:` headings are the gold.
const SAYIT: &[&str] = &[
    "2019-12-04-Conversation-with-German-visitors.md",
    "2024-05-03-Meeting-with-Access-Now.md",
    "2025-03-04-Conversation-with-Nate-Hagens.md",
    "2018-04-06-Conversation-with-Tom-Atlee-and-Colin-Megill.md",
    "2016-02-23-個資去識別化-諮詢會議.md",
    "2021-04-06-Interview-with-Arwa-Mahdawi.md",
];

#[test]
fn sayit_turns_run_over_paragraphs_until_the_next_heading() {
    let Some(c) = corpora() else { return };
    let dir = c.join("transcripts/audreyt-sayit-transcripts");
    let files: Vec<PathBuf> = SAYIT.iter().map(|f| dir.join(f)).collect();
    let corpus = ingest(&files, &PipelineRoster::default());
    let mut tally = Tally::default();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read");
        let id = format!(
            "audreyt-sayit-transcripts/{}",
            f.file_stem().and_then(|s| s.to_str()).unwrap_or_default()
        );
        // Passages in document order; each gold paragraph is the next passage with its text.
        let ps = of_doc(&corpus, &id);
        let mut next = 0;
        let mut current: Option<String> = None;
        for line in text.lines() {
            let l = line.trim();
            if let Some(h) = l.strip_prefix("### ") {
                current = h
                    .strip_suffix(':')
                    .or_else(|| h.strip_suffix('：'))
                    .map(|n| n.trim().to_string());
                continue;
            }
            if l.starts_with('#') {
                current = None;
            }
            let Some(want) = &current else { continue };
            if l.is_empty() || l.starts_with('>') {
                continue;
            }
            let found = ps[next..].iter().position(|p| p.text == l);
            let got = found.map(|k| ps[next + k]);
            if let Some(k) = found {
                next += k + 1;
            }
            let ok = got.is_some_and(|p| {
                p.kind == PassageKind::Utterance
                    && p.speaker.as_ref().is_some_and(|s| {
                        s.how == How::Label
                            && (s.name.as_deref() == Some(want.as_str())
                                || (s.anonymous && s.role.as_deref() == Some(want.as_str())))
                    })
            });
            tally.add(ok, || {
                format!(
                    "{id}: {:?} → {:?}",
                    l.chars().take(40).collect::<String>(),
                    got.and_then(|p| name(p))
                )
            });
        }
    }
    tally.report("SayIt paragraphs under `### Name:` (held-out)");
    assert!(tally.total > 500);
    assert!(tally.rate() >= 0.98, "SayIt {:.4}", tally.rate());
}

// ---------------------------------------------------------------------------------------------
// Narrative attributions

/// The people of a QMSum meeting, as a roster: each speaker string's person and role.
fn meeting_roster(json: &Value) -> (PipelineRoster, Vec<(String, String)>) {
    let mut people: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut labels = Vec::new();
    for t in json["meeting_transcripts"].as_array().into_iter().flatten() {
        let label = t["speaker"].as_str().unwrap_or_default();
        if let Some(p) = qmsum_person(label) {
            let role = label
                .rsplit_once(" (")
                .and_then(|(_, r)| r.strip_suffix(')'))
                .filter(|r| !r.contains(','))
                .map(str::to_string);
            let e = people.entry(p.clone()).or_default();
            if e.is_none() {
                *e = role;
            }
            labels.push((label.to_string(), p));
        }
    }
    let entries = people
        .into_iter()
        .map(|(name, role)| RosterEntry {
            name,
            role,
            ..RosterEntry::default()
        })
        .collect();
    (PipelineRoster::new(entries).expect("roster"), labels)
}

const HELD_OUT: usize = 0;

#[test]
fn qmsum_summaries_attribute_what_people_said() {
    let Some(c) = corpora() else { return };
    let dir = c.join("transcripts/qmsum-committee");
    let tagger = Tagger::new(Taxonomy::default_multistakeholder().expect("taxonomy"));
    let query = regex::Regex::new(
        r"^(?:What|How|Why) (?:did|does|was|were|is) (.+?) (?:say|think|talk|mention|propose|suggest|ask|believe|feel|explain|describe|respond|answer|discuss|argue|state|express|report|comment|raise|add|recommend|conclude|inform)",
    )
    .expect("valid");
    let mut attributed = Tally::default();
    let mut answers = 0;
    for n in (0..25).filter(|n| n % 2 == HELD_OUT) {
        for kind in ["covid", "education"] {
            let f = dir.join(format!("{kind}_{n}.json"));
            let Ok(src) = std::fs::read_to_string(&f) else {
                continue;
            };
            let json: Value = serde_json::from_str(&src).expect("JSON");
            let (roster, labels) = meeting_roster(&json);
            for q in json["specific_query_list"].as_array().into_iter().flatten() {
                let (Some(qt), Some(answer)) = (q["query"].as_str(), q["answer"].as_str()) else {
                    continue;
                };
                let Some(m) = query.captures(qt) else {
                    continue;
                };
                // The person the query asks about: a speaker whose label holds the name (or
                // the role, "the Prime Minister"), if exactly one does.
                let asked = m[1].trim_start_matches("the ").trim_end_matches(" AM");
                let people: BTreeSet<&str> = labels
                    .iter()
                    .filter(|(l, p)| {
                        p.contains(asked)
                            || l.contains(&format!("({asked})"))
                            || l.to_lowercase()
                                .contains(&format!("({})", asked.to_lowercase()))
                    })
                    .map(|(_, p)| p.as_str())
                    .collect();
                let [gold] = people.into_iter().collect::<Vec<_>>()[..] else {
                    continue;
                };
                answers += 1;
                let text = answer.trim().to_string();
                let doc = Document {
                    id: format!("summary/{kind}_{n}"),
                    path: "summary.txt".into(),
                    path_raw: None,
                    format: "text".into(),
                    title: None,
                    kind: "report".into(),
                    text: text.clone(),
                    meta: Default::default(),
                    warnings: Vec::new(),
                    authors: Vec::new(),
                    blocks: vec![rapporteur::Block::new(
                        PassageKind::Paragraph,
                        0,
                        text.len(),
                    )],
                };
                let (_, ps) = rapporteur::pipeline::process_document_with(doc, &tagger, &roster);
                let Some(s) = ps.first().and_then(|p| p.speaker.as_ref()) else {
                    continue;
                };
                attributed.add(s.name.as_deref() == Some(gold), || {
                    format!("{qt} → {:?} (want {gold})", s.name)
                });
            }
        }
    }
    attributed.report("QMSum summary answers attributed (held-out even files)");
    eprintln!(
        "  answers about one speaker: {answers}; attributed: {} ({:.0}%)",
        attributed.total,
        100.0 * attributed.total as f64 / answers.max(1) as f64
    );
    assert!(attributed.total >= 20);
    assert!(
        attributed.rate() >= 0.90,
        "narrative {:.4}",
        attributed.rate()
    );
}

// ---------------------------------------------------------------------------------------------
// Organisation → group

/// One half of the NETmundial organisation measurement: answers per submission, and per
/// distinct organisation (an organisation that submitted three times counts once).
#[derive(Default)]
struct OrgTally {
    submissions: Tally,
    organisations: Tally,
    seen: BTreeSet<(String, Group)>,
    /// Intergovernmental answers for a declared "Government" (right, see below).
    igo_as_government: usize,
    /// Submissions and distinct organisations with a known sector, answered or not.
    known: [usize; 2],
}

impl OrgTally {
    fn add(&mut self, org: &str, declared: Group, got: Option<Group>, miss: impl Fn() -> String) {
        let key = org
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let first = self.seen.insert((key, declared));
        self.known[0] += 1;
        self.known[1] += usize::from(first);
        let Some(got) = got else { return };
        // The NETmundial form offers no intergovernmental sector: an intergovernmental body
        // declares "Government" (the IGF Secretariat, 031) or "Other" (UNESCO, OECD). An
        // intergovernmental answer agrees with "Government"; against anything else it is wrong.
        let igo = declared == Group::Government && got == Group::Intergovernmental;
        let right = got == declared || igo;
        self.igo_as_government += usize::from(igo);
        self.submissions.add(right, &miss);
        if first {
            self.organisations.add(right, &miss);
        }
    }

    fn report(&self, what: &str) {
        self.submissions.report(&format!("{what}, per submission"));
        self.organisations
            .report(&format!("{what}, per distinct organisation"));
        eprintln!(
            "  answered {}/{} submissions, {}/{} organisations with a known sector; \
             {} intergovernmental answers for a declared Government",
            self.submissions.total,
            self.known[0],
            self.organisations.total,
            self.known[1],
            self.igo_as_government
        );
    }
}

/// Organisation → group by the rules alone (the `Sector:` line ignored), against the sector
/// the submitter declared (one of Academia, Civil Society, Government, Private Sector,
/// Technical Community, Other; "Other" is no group and is not checked). The rules answer or
/// say "unknown" (they never guess): precision on the answers given, per submission and per
/// distinct organisation, and how many they answer for. A development check: serials 001–094
/// only. Serials 095–188 were the held-out part of issue 4 and were measured three times; they
/// are no longer measured (the organisation rules are measured on the held-out half of the HYS
/// organisations, below).
#[test]
fn netmundial_organisations_of_serials_001_094_fall_in_their_declared_sector() {
    let Some(c) = corpora() else { return };
    let dir = c.join("contributions/netmundial-2014-cis/all_contributions");
    let mut dev = OrgTally::default();
    for serial in 1..=94 {
        let path = dir.join(format!("{serial:03}A.txt"));
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let doc = rapporteur::read::read_bytes(&bytes, "a", "a.txt").expect("reads");
        assert_eq!(doc.format, "submission", "{}", path.display());
        let (Some(org), Some(sector)) = (
            doc.meta.get("organisation").and_then(Value::as_str),
            doc.meta.get("sector").and_then(Value::as_str),
        ) else {
            continue;
        };
        // "Other" is no stakeholder group: nothing to check against.
        let Some(want) = parse_sector(sector) else {
            continue;
        };
        let got = org_group(org);
        dev.add(org, want, got, || {
            format!("{serial:03} {org:?} → {got:?}, sector {sector}")
        });
    }
    dev.organisations.misses.clear();
    dev.report("NETmundial organisation → group (answers), serials 001–094");
    let t = &dev.submissions;
    assert!(t.total > 60, "{}", t.total);
    assert!(t.rate() >= 0.95, "precision {:.4}", t.rate());
    let coverage = t.total as f64 / dev.known[0] as f64;
    assert!(coverage >= 0.80, "coverage {coverage:.4}");
}

/// The organisations that answered the EU's consultation on the AI White Paper (2020), each
/// with the category it declared (`../shared/corpora/contributions/hys-ai-white-paper-2020`,
/// see its SOURCE.md), split before any rule was written: a row is held out when the first
/// byte of SHA-256 of its `source_record_id` is odd (314 rows), development when it is even
/// (310 rows). The rules were written looking at the development half only; the held-out
/// half is measured by `hys_held_out_organisations_…`, which prints only aggregate figures.
fn hys_rows(held_out: bool) -> Option<Vec<(String, String)>> {
    use sha2::{Digest, Sha256};
    let c = corpora()?;
    let path = c.join("contributions/hys-ai-white-paper-2020/organisations.tsv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} absent", path.display());
        return None;
    };
    let mut rows = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
        // Tab-separated, no quoting: organisation, declared_category, scope, country, id.
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 5, "{line}");
        let odd = Sha256::digest(f[4].as_bytes())[0] % 2 == 1;
        if odd == held_out {
            rows.push((f[0].to_string(), f[1].to_string()));
        }
    }
    Some(rows)
}

/// The group a HYS category maps to (SOURCE.md); `other` has none.
fn hys_group(category: &str) -> Option<Group> {
    Some(match category {
        "company" | "business_association" => Group::Business,
        "ngo" | "consumer_organisation" | "environmental_organisation" | "trade_union" => {
            Group::CivilSociety
        }
        "academic_research_instittution" => Group::Academia,
        "public_authority" => Group::Government,
        _ => return None,
    })
}

/// Organisation → group on one half of the HYS organisations. Counted as decided before the
/// held-out half was measured: a row whose category maps to a group is labelled; an answer is
/// right when it is that group, or intergovernmental for a public authority (an EU body files
/// there); an answer in a group the form offers no category for (media, technical community:
/// a broadcaster, a standards body) is reported but neither right nor wrong. Precision is on
/// the other answers, coverage is answers of all kinds over labelled rows.
#[derive(Default)]
struct HysTally {
    answers: Tally,
    labelled: usize,
    unoffered: usize,
}

impl HysTally {
    fn measure(rows: &[(String, String)], misses: bool) -> HysTally {
        let mut t = HysTally::default();
        for (org, category) in rows {
            let Some(want) = hys_group(category) else {
                continue;
            };
            t.labelled += 1;
            let Some(got) = org_group(org) else { continue };
            if matches!(got, Group::Media | Group::TechnicalCommunity) {
                t.unoffered += 1;
                continue;
            }
            let right =
                got == want || (want == Group::Government && got == Group::Intergovernmental);
            t.answers.add(right, || {
                if misses {
                    format!("{org:?} → {got:?}, declared {category}")
                } else {
                    String::new()
                }
            });
        }
        if !misses {
            t.answers.misses.clear();
        }
        t
    }

    fn coverage(&self) -> f64 {
        (self.answers.total + self.unoffered) as f64 / self.labelled.max(1) as f64
    }

    fn report(&self, what: &str) {
        self.answers.report(&format!("{what}: right of answers"));
        eprintln!(
            "  answered {}/{} = {:.2}% ({} in a group the form does not offer)",
            self.answers.total + self.unoffered,
            self.labelled,
            100.0 * self.coverage(),
            self.unoffered
        );
    }
}

/// The development half of the HYS organisations, with its misses (the rules were written on
/// it; see [`hys_rows`]): a check that the figures reached there hold.
#[test]
fn hys_development_organisations_fall_in_their_declared_category() {
    let Some(rows) = hys_rows(false) else { return };
    assert_eq!(rows.len(), 310);
    let t = HysTally::measure(&rows, true);
    t.report("HYS organisation → group, development half (310 rows)");
    assert!(
        t.answers.rate() >= 0.90,
        "precision {:.4}",
        t.answers.rate()
    );
    assert!(t.coverage() >= 0.72, "coverage {:.4}", t.coverage());
}

/// The held-out half of the HYS organisations (see [`hys_rows`]): the issue's target, right
/// for at least 90% of the answers while answering for at least 70% of the organisations.
/// Only aggregate figures are printed: the misses of a held-out set are not for reading.
#[test]
#[ignore = "below the issue's target on the held-out half, measured once (issue 13, rules of \
            commit 95cab65): right for 162 of 192 answers (84.4%), answering for 193 of 288 \
            labelled organisations (67.0%; 314 rows); targets 90% and 70%; run with --ignored \
            to measure"]
fn hys_held_out_organisations_fall_in_their_declared_category() {
    let Some(rows) = hys_rows(true) else { return };
    assert_eq!(rows.len(), 314);
    let t = HysTally::measure(&rows, false);
    t.report("HYS organisation → group, held-out half (314 rows)");
    assert!(t.labelled > 250, "{}", t.labelled);
    assert!(
        t.answers.rate() >= 0.90,
        "precision {:.4}",
        t.answers.rate()
    );
    assert!(t.coverage() >= 0.70, "coverage {:.4}", t.coverage());
}

/// Organisation → group on a development list drawn from other material than NETmundial
/// (`tests/fixtures/orgs/development.tsv`: speaker lists of the India AI Impact Summit, TC39
/// attendee tables, bodies named in QMSum, the seeds, SayIt and Decide Madrid), each labelled
/// by reading what the organisation is. The rules answer or say "unknown": precision on the
/// answers, and how many they answer (coverage); a name labelled `unknown` (a person on their
/// own, a multistakeholder body) must stay unanswered. Needs no `../shared`.
#[test]
fn organisations_of_other_material_fall_in_their_group() {
    let fixture = include_str!("fixtures/orgs/development.tsv");
    let mut answers = Tally::default();
    let mut labelled = 0usize;
    let mut unknown_answered = Vec::new();
    for line in fixture.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (label, org) = line.split_once('\t').expect("group<TAB>organisation");
        let got = org_group(org);
        if label == "unknown" {
            if let Some(g) = got {
                unknown_answered.push(format!("{org:?} → {g:?}"));
            }
            continue;
        }
        let want = Group::parse(label).expect("a group id");
        labelled += 1;
        let Some(got) = got else { continue };
        answers.add(got == want, || format!("{org:?} → {got:?}, is {want:?}"));
    }
    answers.report("organisation → group, development list (answers)");
    let coverage = answers.total as f64 / labelled as f64;
    eprintln!(
        "  answered {}/{labelled} = {:.2}%",
        answers.total,
        100.0 * coverage
    );
    assert!(labelled > 250, "{labelled}");
    assert!(unknown_answered.is_empty(), "{unknown_answered:?}");
    assert!(answers.rate() >= 0.97, "precision {:.4}", answers.rate());
    assert!(coverage >= 0.85, "coverage {coverage:.4}");
}

#[test]
fn netmundial_submissions_are_spoken_by_their_header() {
    let Some(c) = corpora() else { return };
    let dir = c.join("contributions/netmundial-2014-cis/all_contributions");
    let opts = rapporteur::read::ReadOptions {
        preset: Some("netmundial".into()),
        ..Default::default()
    };
    // 012: a wrapped organisation; 005: labels glued to the title and to "Abstract".
    let a = rapporteur::read::read_file(&dir.join("012A.txt"), "n/012A", &opts).expect("reads");
    assert_eq!(
        a[0].meta["organisation"],
        "DEPARTMENT FOR CULTURE, MEDIA AND SPORT, UNITED KINGDOM GOVERNMENT"
    );
    let b = rapporteur::read::read_file(&dir.join("012B.txt"), "n/012B", &opts).expect("reads");
    let body = b[0]
        .blocks
        .iter()
        .find(|bl| bl.kind != PassageKind::Heading)
        .expect("a body block");
    let s = body.speaker.as_ref().expect("the header's speaker");
    assert_eq!(s.name.as_deref(), Some("Paul Blaker"));
    assert_eq!(s.group, Some(Group::Government));
    assert_eq!(s.how, How::Metadata);
    let glued = rapporteur::read::read_file(&dir.join("005A.txt"), "n/005A", &opts).expect("reads");
    assert_eq!(glued[0].meta["sector"], "Academia");
    assert!(
        glued[0]
            .title
            .as_deref()
            .is_some_and(|t| t.ends_with("A Cyber Defense perspective"))
    );
    assert_eq!(glued[0].meta["encoding"], "windows-1252");
}

// ---------------------------------------------------------------------------------------------
// Unnamed caption turns

/// The summit transcripts whose turns are labelled in `tests/fixtures/captions/`.
const SUMMIT: &str = "transcripts/india-ai-impact-summit-2026";

/// The words of a name that say who it is: folded, without titles, initials and quotes.
fn name_words(n: &str) -> BTreeSet<String> {
    const TITLES: &[&str] = &["dr", "mr", "mrs", "ms", "prof", "professor", "sir", "he"];
    n.split(|c: char| c.is_whitespace() || c == '"')
        .map(|w| ends(w.trim_matches(|c: char| !c.is_alphanumeric())).0)
        .filter(|w| w.chars().count() > 1 && !TITLES.contains(&w.as_str()))
        .collect()
}

/// Whether the speaker found names the labelled person: the same name, or part of it ("Karina"
/// for "Karina Prunki"), as the list or the text writes it.
fn same_person(found: &str, label: &str) -> bool {
    let (f, l) = (name_words(found), name_words(label));
    !f.is_empty() && (f.is_subset(&l) || l.is_subset(&f))
}

/// Turns right, named right, named wrong and unknown (no speaker) against one split.
#[derive(Default)]
struct TurnTally {
    files: usize,
    turns: usize,
    right: usize,
    named_right: usize,
    named_wrong: usize,
    unknown: usize,
    /// Per rule (`meta.speaker_evidence.rule`): turns it decided, and wrongly.
    rules: BTreeMap<String, (usize, usize)>,
    misses: Vec<String>,
}

/// Reads the transcripts of one split of `tests/fixtures/captions` and compares each turn's
/// speaker with its label. "Right": the same person as the label, or no speaker where the
/// label is `unknown` or `audience`. Turn 0 is the text from "## 📝 Transcript" to the first
/// `>>`, turn k the text after the k-th.
fn caption_turns(split: &str) -> Option<TurnTally> {
    let c = corpora()?;
    let labels = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/captions")
        .join(split);
    let mut files: Vec<(PathBuf, Vec<String>)> = Vec::new();
    let mut listing: Vec<PathBuf> = std::fs::read_dir(&labels)
        .map(|dir| {
            dir.map(|e| e.expect("entry").path())
                .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                .collect()
        })
        .unwrap_or_default();
    listing.sort();
    if listing.is_empty() {
        eprintln!(
            "skipped: no labelled caption turns (*.tsv) in {}",
            labels.display()
        );
        return None;
    }
    for tsv in listing {
        let stem = tsv
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let rows: Vec<String> = std::fs::read_to_string(&tsv)
            .expect("labels")
            .lines()
            .skip(1)
            .map(|l| l.split('\t').nth(1).unwrap_or_default().to_string())
            .collect();
        files.push((c.join(SUMMIT).join(format!("{stem}.md")), rows));
    }
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    let corpus = ingest(&paths, &PipelineRoster::default());
    let mut t = TurnTally {
        files: files.len(),
        ..TurnTally::default()
    };
    for (path, rows) in &files {
        let doc = corpus
            .documents
            .iter()
            .find(|d| Path::new(&d.path).file_name() == path.file_name())
            .expect("document");
        assert_eq!(doc.format, "captions");
        let head = doc
            .text
            .find("## 📝 Transcript")
            .expect("transcript heading");
        let markers: Vec<usize> = doc.text[head..]
            .match_indices(">>")
            .map(|(i, _)| head + i)
            .collect();
        assert_eq!(
            markers.len() + 1,
            rows.len(),
            "{}: one label per turn",
            doc.id
        );
        let mut found: Vec<BTreeSet<(Option<String>, String)>> = vec![BTreeSet::new(); rows.len()];
        let mut programme = 0;
        let summary = doc.text[..head]
            .find("Summary\n")
            .expect("the organisers' summary");
        for p in of_doc(&corpus, &doc.id) {
            if p.start < head {
                // The header (speaker list, the organisers' Summary and Key Takeaways, written
                // before the event) is text nobody on the panel speaks: not an utterance, no
                // speaker at all (no panellist, not anonymous).
                assert_ne!(p.kind, PassageKind::Utterance, "{}: not speech", p.id);
                assert!(
                    p.speaker.is_none(),
                    "{}: {:?} is not speech",
                    p.id,
                    p.speaker
                );
                if p.kind != PassageKind::Heading && p.start > summary {
                    programme += 1;
                }
                continue;
            }
            if p.kind != PassageKind::Utterance {
                assert!(
                    p.speaker
                        .as_ref()
                        .is_none_or(|s| !s.anonymous && s.how != How::Label),
                    "{}: {:?} is not speech",
                    p.id,
                    p.speaker
                );
                continue;
            }
            let turn = markers.iter().filter(|&&m| m < p.start).count();
            if let Some(s) = &p.speaker {
                assert!(!s.anonymous, "{}: a turn is nobody's, not anonymous", p.id);
            }
            let rule = p
                .meta
                .get("speaker_evidence")
                .map_or("none".to_string(), |e| {
                    let start = e["start"].as_u64().expect("start") as usize;
                    let end = e["end"].as_u64().expect("end") as usize;
                    assert!(
                        doc.text.get(start..end).is_some(),
                        "{}: evidence span",
                        p.id
                    );
                    e["rule"].as_str().expect("rule").to_string()
                });
            found[turn].insert((name(p).map(str::to_string), rule));
        }
        assert!(
            programme >= 2,
            "{}: the organisers' Summary and Key Takeaways are read as text",
            doc.id
        );
        for (turn, (label, got)) in rows.iter().zip(&found).enumerate() {
            assert!(got.len() <= 1, "{}: turn {turn} has one speaker", doc.id);
            let (got, rule) = got.iter().next().cloned().unwrap_or((None, "none".into()));
            let nobody = label == "unknown" || label == "audience";
            let ok = match &got {
                None => nobody,
                Some(g) => !nobody && same_person(g, label),
            };
            t.turns += 1;
            t.right += usize::from(ok);
            match &got {
                None => t.unknown += 1,
                Some(_) if ok => t.named_right += 1,
                Some(_) => t.named_wrong += 1,
            }
            let r = t.rules.entry(rule.clone()).or_default();
            r.0 += 1;
            r.1 += usize::from(!ok);
            if !ok {
                t.misses.push(format!(
                    "{} turn {turn}: {label} → {got:?} ({rule})",
                    doc.id
                ));
            }
        }
    }
    Some(t)
}

#[test]
fn caption_turns_name_their_speakers_on_the_development_files() {
    let Some(t) = caption_turns("dev") else {
        return;
    };
    eprintln!(
        "caption turns (dev, {} files' {} turns): {} right = {:.1}%; named right {}, named wrong {}, unknown {}",
        t.files,
        t.turns,
        t.right,
        100.0 * t.right as f64 / t.turns as f64,
        t.named_right,
        t.named_wrong,
        t.unknown
    );
    for (rule, (fired, wrong)) in &t.rules {
        eprintln!("  rule {rule}: {fired} turns, {wrong} wrong");
    }
    for m in &t.misses {
        eprintln!("  miss: {m}");
    }
    // The first 9 files (223 turns: 157 right, 6 named wrong) and the second held-out set, 5
    // files of 158 turns, measured once and moved here.
    assert_eq!((t.files, t.turns), (14, 381));
    assert!(t.right >= 201, "{}", t.right);
    assert!(t.named_wrong <= 23, "{}", t.named_wrong);
}

/// Every summit transcript reads as captions without a panic, every turn has at most one
/// speaker with an evidence span of the text, and none is anonymous. Per-file counts of turns
/// with a speaker are printed for the files rules may be written on (even sha256 byte of the
/// name, the labelled ones left out); of the others (held-out material), only the total.
#[test]
fn caption_turns_resolve_on_every_summit_transcript() {
    use sha2::{Digest, Sha256};
    let Some(c) = corpora() else {
        return;
    };
    let dir = c.join(SUMMIT);
    let labelled: BTreeSet<String> = std::fs::read_dir(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/captions/dev"),
    )
    .expect("labels")
    .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_string))
    .collect();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("summit transcripts")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("Day-") && n.ends_with(".md"))
        })
        .collect();
    paths.sort();
    let corpus = ingest(&paths, &PipelineRoster::default());
    // (files, turns, turns with a speaker, files with any)
    let mut even = (0, 0, 0, 0);
    let mut odd = (0, 0, 0, 0);
    for path in &paths {
        let file = path.file_name().and_then(|n| n.to_str()).expect("name");
        let doc = corpus
            .documents
            .iter()
            .find(|d| Path::new(&d.path).file_name() == path.file_name())
            .expect("document");
        assert_eq!(doc.format, "captions", "{file}");
        let mut turns: BTreeMap<u64, BTreeSet<Option<String>>> = BTreeMap::new();
        for p in of_doc(&corpus, &doc.id) {
            if p.kind != PassageKind::Utterance {
                continue;
            }
            if let Some(s) = &p.speaker {
                assert!(!s.anonymous, "{}: a turn is nobody's, not anonymous", p.id);
            }
            if let Some(e) = p.meta.get("speaker_evidence") {
                let (a, b) = (e["start"].as_u64(), e["end"].as_u64());
                let (a, b) = (a.expect("start") as usize, b.expect("end") as usize);
                assert!(doc.text.get(a..b).is_some(), "{}: evidence span", p.id);
            }
            let turn = p.meta["turn"].as_u64().expect("turn");
            turns
                .entry(turn)
                .or_default()
                .insert(name(p).map(str::to_string));
        }
        assert!(
            turns.values().all(|s| s.len() == 1),
            "{file}: one speaker a turn"
        );
        let named = turns.values().filter(|s| !s.contains(&None)).count();
        let is_odd = Sha256::digest(file.as_bytes())[0] % 2 == 1;
        let t = if is_odd { &mut odd } else { &mut even };
        t.0 += 1;
        t.1 += turns.len();
        t.2 += named;
        t.3 += usize::from(named > 0);
        if !is_odd && !labelled.contains(file.trim_end_matches(".md")) {
            eprintln!("  {file}: {named} of {} turns with a speaker", turns.len());
        }
    }
    for (split, t) in [("even", even), ("odd", odd)] {
        eprintln!(
            "caption turns ({split}-hash files): {} files, {} turns, {} with a speaker, {} files with any",
            t.0, t.1, t.2, t.3
        );
    }
    assert!(even.0 + odd.0 >= 30, "{} files", even.0 + odd.0);
}

/// Measured once on files nobody writing rules has read (odd sha256 byte of the name; see
/// `tests/fixtures/captions/README.md`); the labels of `heldout/` are never printed, only the
/// aggregates. The first held-out set (45 of 115 right, 39.1%, at commit d58805c) and the
/// second (44 of 158, 27.8%, at commit 7223904) are in `dev/` now. The third held-out set (5
/// odd-hash files, 239 turns, labelled by another reader before it was measured) is in
/// `heldout/`.
#[test]
#[ignore = "below the issue's target on the third held-out set, measured once (issue 13, \
            caption rules of commit 7223904, unchanged at 0dc6d60): 90 of 239 turns right \
            (37.7%), 45 named right, 31 named wrong, 163 without a speaker; target 80%; run \
            with --ignored to measure"]
fn caption_turns_name_their_speakers_on_the_held_out_files() {
    let Some(t) = caption_turns("heldout") else {
        return;
    };
    eprintln!(
        "caption turns (held-out, {} files' {} turns): {} right = {:.1}%; named right {}, named wrong {}, unknown {}",
        t.files,
        t.turns,
        t.right,
        100.0 * t.right as f64 / t.turns as f64,
        t.named_right,
        t.named_wrong,
        t.unknown
    );
    for (rule, (fired, wrong)) in &t.rules {
        eprintln!("  rule {rule}: {fired} turns, {wrong} wrong");
    }
    assert!(t.right * 100 >= 80 * t.turns, "{} of {}", t.right, t.turns);
}

// ---------------------------------------------------------------------------------------------
// Rows, captions and the command line on real files

#[test]
fn decide_madrid_comments_thread_and_repair_mojibake() {
    let Some(c) = corpora() else { return };
    let path = c.join("contributions/decide-madrid-debates/selected_debate_comments.csv");
    let docs =
        rapporteur::read::read_file(&path, "dm/comments", &Default::default()).expect("reads");
    assert!(docs.len() > 11_000, "{}", docs.len());
    // Comment 10 reads "Queda por ver c√≥mo se consigue …" in the file.
    let ten = docs
        .iter()
        .find(|d| d.id == "dm/comments:10")
        .expect("comment 10");
    assert!(
        ten.text.starts_with("Queda por ver cómo se consigue"),
        "{}",
        ten.text
    );
    assert_eq!(ten.meta["mojibake"]["found"], "utf-8 read as Mac OS Roman");
    // Comment 19 answers comment 14 (its ancestry).
    let nineteen = docs
        .iter()
        .find(|d| d.id == "dm/comments:19")
        .expect("comment 19");
    assert!(
        nineteen
            .blocks
            .iter()
            .all(|b| b.meta["reply_to"] == "dm/comments:14#1")
    );
    let repaired = docs
        .iter()
        .filter(|d| d.meta.contains_key("mojibake"))
        .count();
    eprintln!(
        "Decide Madrid comments with mojibake repaired: {repaired}/{}",
        docs.len()
    );
}

#[test]
fn the_combined_jsonl_reads_fast_with_unique_ids() {
    let Some(c) = corpora() else { return };
    let path = c.join("contributions/_combined_perf/contributions_all.jsonl");
    let started = std::time::Instant::now();
    // 31 MB of rows: within the default limit of a file of rows.
    let opts = rapporteur::read::ReadOptions::default();
    let docs = rapporteur::read::read_file(&path, "all", &opts).expect("reads");
    let took = started.elapsed();
    eprintln!(
        "combined JSONL: {} documents read in {:.2?}",
        docs.len(),
        took
    );
    assert_eq!(docs.len(), 65_949 - count_empty(&path));
    let ids: BTreeSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), docs.len());
    assert!(docs.iter().all(|d| d.kind == "contribution"));
    // Every reply points at a row of the file.
    let firsts: BTreeSet<String> = docs.iter().map(|d| format!("{}#1", d.id)).collect();
    let replies: Vec<&str> = docs
        .iter()
        .flat_map(|d| &d.blocks)
        .filter_map(|b| b.meta.get("reply_to").and_then(Value::as_str))
        .collect();
    assert!(replies.len() > 1000);
    assert!(replies.iter().all(|r| firsts.contains(*r)));
    assert!(took.as_secs() < 60, "too slow: {took:?}");
}

/// Lines of the combined JSONL whose text is empty (no document for them).
fn count_empty(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .expect("read")
        .lines()
        .filter(|l| {
            serde_json::from_str::<Value>(l)
                .ok()
                .and_then(|v| v["text"].as_str().map(|t| t.trim().is_empty()))
                .unwrap_or(true)
        })
        .count()
}

#[test]
fn participants_verb_lists_each_person_once() {
    let Some(c) = corpora() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let tc39 = c.join("transcripts/tc39-meeting-notes/meetings/2025-11");
    let sayit = c.join(
        "transcripts/audreyt-sayit-transcripts/2015-08-27-uberX-自用車載客意見徵集-諮詢會議.md",
    );
    let roster = tmp.path().join("people.toml");
    std::fs::write(
        &roster,
        "[[people]]\nname = \"Audrey Tang\"\naliases = [\"唐鳳\"]\nrole = \"Minister without Portfolio\"\ngroup = \"government\"\n",
    )
    .expect("roster");
    let pipeline = tmp.path().join("p.toml");
    std::fs::write(
        &pipeline,
        format!(
            "name = \"who\"\nsources = [{:?}, {:?}]\nroster = {:?}\noutput = {:?}\n",
            tc39.display().to_string(),
            sayit.display().to_string(),
            roster.display().to_string(),
            out.display().to_string()
        ),
    )
    .expect("pipeline");
    let bin = env!("CARGO_BIN_EXE_rapporteur");
    let run = Command::new(bin)
        .args(["run", "-q"])
        .arg(&pipeline)
        .output()
        .expect("runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let check = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/check-contract");
    let cc = Command::new("python3")
        .arg(&check)
        .arg(&out)
        .output()
        .expect("python3");
    assert!(
        cc.status.success(),
        "{}",
        String::from_utf8_lossy(&cc.stdout)
    );
    let listed = Command::new(bin)
        .args(["participants", "--json", "--index"])
        .arg(out.join("index"))
        .output()
        .expect("runs");
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let people: Vec<Value> = serde_json::from_slice(&listed.stdout).expect("JSON");
    let names: Vec<&str> = people.iter().filter_map(|p| p["name"].as_str()).collect();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "each person once: {names:?}");
    // 唐鳳 is Audrey Tang (the roster says so), with the roster's group.
    assert!(!names.contains(&"唐鳳"));
    let audrey = people
        .iter()
        .find(|p| p["name"] == "Audrey Tang")
        .expect("Audrey Tang");
    assert_eq!(audrey["group"], "government");
    assert_eq!(audrey["evidence"]["kind"], "roster");
    assert!(audrey["passages"].as_u64().is_some_and(|n| n > 50));
    // A TC39 member company is business, and says why.
    let rob = people
        .iter()
        .find(|p| p["name"] == "Rob Palmer")
        .expect("Rob Palmer");
    assert_eq!(rob["group"], "business", "{rob}");
    assert_eq!(rob["evidence"]["kind"], "known", "{rob}");
    // Initials resolved: nobody is listed by initials the day's table knows.
    for ini in ["RPR", "JHD", "KG", "WH"] {
        assert!(!names.contains(&ini), "{ini} unresolved");
    }
    let text = Command::new(bin)
        .args(["participants", "--index"])
        .arg(out.join("index"))
        .output()
        .expect("runs");
    let table = String::from_utf8_lossy(&text.stdout);
    assert!(
        table.lines().any(|l| l.starts_with("Rob Palmer")
            && l.contains("Bloomberg")
            && l.contains("known organisation Bloomberg")),
        "{table}"
    );
}

// ---------------------------------------------------------------------------------------------
// Any input

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Any text in any of the new formats reads to documents whose blocks are spans of their
    /// text, or to an error — never a panic.
    #[test]
    fn transcript_and_row_readers_never_panic(
        text in "(?s)(\\PC|\n|\r|\t|>>|&gt;|### |: |：|\\[1:02\\] |-->| 0:00:01,000 |WEBVTT|<v Ana>|</v>|,|\"|\\{|\\}|\\[|\\]|Entitled by: |Sector: |Abstract|RPR: |Ana Lima: |\\| 0:00:08\\| )*",
        ext in proptest::sample::select(vec!["txt", "md", "vtt", "srt", "csv", "tsv", "jsonl", "json"]),
    ) {
        let path = format!("x.{ext}");
        if let Ok(docs) = rapporteur::read::read_bytes_with(text.as_bytes(), "x", &path, &Default::default()) {
            for d in docs {
                for b in &d.blocks {
                    proptest::prop_assert!(b.start <= b.end && d.text.get(b.start..b.end).is_some());
                }
                let mut ps = rapporteur::segment::segment(&d);
                rapporteur::attribute::attribute_document(&d, &mut ps);
                rapporteur::attribute::participants(&ps);
            }
        }
    }
}
