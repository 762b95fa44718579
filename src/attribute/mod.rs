//! Attribution: who speaks each passage, resolved to one participant per person, with role,
//! organisation and stakeholder group.
//!
//! Contract: [`attribute_document`] takes a document's passages, in document order as the
//! segmenter makes them, and fills `speaker` where the text says who speaks; it is pure and
//! deterministic and never panics. Speakers already set (a comment's author, a transcript
//! label) are kept, and completed with role, organisation and group when the document's roster
//! knows the person. Headings never get a speaker; a passage nobody is named or implied for
//! takes its document's authors (step 6), and keeps `None` when the document names none.
//!
//! Only narrative passages (paragraphs, bullets, footnotes, quotes) are attributed from their
//! text, and not at all in a document of kind `transcript`, where "Councilman Smith mentioned
//! this to me" is said by whoever holds the floor. Within one document, in this order of
//! precedence:
//! 1. **Roster** — speaker-list lines ("Moderator: Anne-Marie Buzatu, Deputy Head of Operations
//!    IV, DCAF", then "Name, Role, Organisation" lines; a run of at least two, or one with a
//!    "Moderator:"-style label) give the document's roster. These lines themselves get no
//!    speaker: they introduce people, nobody says them.
//! 2. **Parenthetical** — a trailing "(Name)" after a bullet or paragraph, when it resolves to a
//!    roster person ("(Michelle Woods)" → Michele Woods): `How::Parenthetical`. Unresolved
//!    "(Digital Ecosystem Roles)" or "(Rio de Janeiro)" are left alone.
//! 3. **Reported** — the first person the passage reports: an introduction ("Name, Role,
//!    Organisation, began …", "Moderator Name noted …") or a known person's full name or unique
//!    surname as the subject of a reporting verb ("When asked …, Orsmond remarked", "Woods was
//!    asked …"). A name nobody introduced counts only with a title or an appositive ("Deutsche
//!    Telekom believes" does not). A paragraph opening with "He"/"She" + reporting verb
//!    continues the previous paragraph's speaker. Strong introductions anywhere in the
//!    document join its roster first. `How::Reported`.
//! 4. **Quoted** — "According to Gareth Evans, …"; and in a document of kind `paper`, whoever
//!    step 3 finds is an authority cited, `How::Quoted`: not a speaker, not a participant.
//! 5. **Anonymous** — "one contributor noted", "argued one contributor", "several participants
//!    shared": [`Speaker::anonymous`]. When such contributors are named in brackets ("Two
//!    contributors (Deborah Avant and Jason Pielemeier) shared") the first is the speaker
//!    (`How::Reported`).
//!
//! 6. **Byline** — a narrative passage no step above gives a speaker, and whose text gives no
//!    view to unnamed others, takes the document's authors (`doc.authors`, else
//!    [`document_authors`]): the first as speaker, the others in `with`, `How::Byline`. Not in
//!    a transcript.
//!
//! Every named speaker gets role, organisation and group ([`org_group`], else the role) from
//! the roster when known.
//!
//! Transcript labels (`how: "label"`, the raw label in `meta.label`) are resolved against the
//! same roster, which also holds the document's attendee table (`meta.attendees`: initials →
//! name and organisation) and the pipeline-file roster ([`PipelineRoster`]): "RPR" → Rob
//! Palmer; "Hon. Bill Blair (Minister of Public Safety …)" → Bill Blair, with the label's
//! role; "The Chair" → whoever the document named in "The Chair (Hon. Anthony Rota …)"; a
//! surname or a variant spelling → the one person it fits; "Audience", "Unknown" and a bare
//! `>>` → an unnamed speaker (anonymous, with the label as role). A row's parent
//! (`meta.reply_to`) becomes the passage's `reply_to`.
//!
//! Across documents, [`resolve_corpus`] makes one participant per person (see [`people`]).
//!
//! ```
//! use rapporteur::attribute::{attribute_document, participants};
//! use rapporteur::{Document, Passage, PassageKind, How};
//!
//! let text = "Moderator: Ana Lima, Director, Ministry of Health\n\
//!             Bo Chen, Professor, University of Lagos\n\
//!             Lima noted that trust takes time.\n\
//!             Funding matters most. (Bo Chen)";
//! let doc = Document {
//!     id: "d".into(), path: "d.txt".into(), path_raw: None, format: "text".into(), title: None,
//!     kind: "notes".into(), text: text.into(), meta: Default::default(),
//!     warnings: Vec::new(), authors: Vec::new(), blocks: vec![],
//! };
//! let mut start = 0;
//! let mut passages = Vec::new();
//! for (n, line) in text.split('\n').enumerate() {
//!     passages.push(Passage::new(&doc, n + 1, PassageKind::Paragraph, start, start + line.len()));
//!     start += line.len() + 1;
//! }
//! attribute_document(&doc, &mut passages);
//! assert!(passages[0].speaker.is_none()); // a roster line
//! let lima = passages[2].speaker.as_ref().unwrap();
//! assert_eq!(lima.name.as_deref(), Some("Ana Lima"));
//! assert_eq!(lima.how, How::Reported);
//! assert_eq!(lima.group, Some(rapporteur::Group::Government));
//! assert_eq!(passages[3].speaker.as_ref().unwrap().how, How::Parenthetical);
//! assert_eq!(participants(&passages).len(), 2);
//! ```

mod anonymous;
pub mod authors;
mod byline;
mod groups;
pub(crate) mod labels;
pub(crate) mod names;
pub mod people;
mod reported;
mod roster;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use crate::model::{CoSpeaker, Document, How, Participant, Passage, PassageKind, Speaker};

pub use authors::document_authors;
pub use groups::{
    GroupRulesError, OrgRules, RulesProblem, Verdict, declare_sector, declared_mismatch,
    install_org_rules, org_group, org_verdict, parse_sector, role_group, speaker_group,
    speaker_verdict,
};
pub use people::{PipelineRoster, RosterEntry, RosterError, resolve_corpus, resolve_participants};

use groups::Grouping;
use roster::{Person, Roster, parse_roster_line};

/// Attributes the passages of `doc` (see the module doc). Passages' own `text` is used; `doc`
/// supplies it when a passage's text is empty.
pub fn attribute_document(doc: &Document, passages: &mut [Passage]) {
    attribute_document_with(doc, passages, &PipelineRoster::default());
}

/// [`attribute_document`] with a pipeline-file roster: its people (names, aliases, initials,
/// roles, organisations, groups) join the document's roster, after the document's own speaker
/// lists and attendee table.
pub fn attribute_document_with(doc: &Document, passages: &mut [Passage], people: &PipelineRoster) {
    // A row's parent, which the reader can only name by passage id.
    for p in passages.iter_mut() {
        if let Some(serde_json::Value::String(r)) = p.meta.remove("reply_to") {
            p.reply_to = Some(r);
        }
    }
    let mut extra: Vec<Person> = attendees(doc);
    extra.extend(people.persons());
    let labels: Vec<Option<String>> = passages
        .iter()
        .map(|p| match &p.speaker {
            Some(s) if s.how == How::Label && !s.anonymous => p
                .meta
                .get("label")
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .or_else(|| s.name.clone()),
            _ => None,
        })
        .collect();
    let texts: Vec<String> = passages
        .iter()
        .map(|p| {
            if p.text.is_empty() {
                doc.text.get(p.start..p.end).unwrap_or_default().to_string()
            } else {
                p.text.clone()
            }
        })
        .collect();
    let kinds: Vec<PassageKind> = passages.iter().map(|p| p.kind).collect();
    let existing: Vec<Option<Speaker>> = passages.iter().map(|p| p.speaker.clone()).collect();
    let mode = match doc.kind.as_str() {
        "transcript" => Mode::LabelsOnly,
        "paper" => Mode::Citing,
        _ => Mode::Reporting,
    };
    let is_roster = find_roster(&texts, &kinds).1;
    let speakers = attribute_all(&texts, &kinds, &existing, &labels, mode, extra);
    for (p, s) in passages.iter_mut().zip(speakers) {
        p.speaker = s;
    }
    if mode == Mode::LabelsOnly {
        return;
    }
    let computed;
    let authors = if doc.authors.is_empty() {
        computed = authors::document_authors(doc, passages);
        &computed
    } else {
        &doc.authors
    };
    byline::fall_back(authors, passages, &texts, &is_roster);
}

/// The people of a document's attendee table (`meta.attendees`, from the transcript reader).
fn attendees(doc: &Document) -> Vec<Person> {
    let Some(serde_json::Value::Array(rows)) = doc.meta.get("attendees") else {
        return Vec::new();
    };
    let field = |r: &serde_json::Value, k: &str| {
        r.get(k)
            .and_then(|v| v.as_str())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    rows.iter()
        .filter_map(|r| {
            let name = field(r, "name")?;
            let organisation = field(r, "organisation");
            // "Invited Expert" says how someone attends, not where they work.
            let (role, organisation) = match organisation {
                Some(o) if o.eq_ignore_ascii_case("invited expert") => (Some(o), None),
                o => (field(r, "role"), o),
            };
            Some(Person {
                name,
                role,
                organisation,
                abbreviation: field(r, "abbreviation"),
                ..Person::default()
            })
        })
        .collect()
}

/// How a document's prose relates to its speakers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A report or notes: the prose reports who said what.
    Reporting,
    /// A paper: people the prose reports are authorities it cites (`How::Quoted`).
    Citing,
    /// A transcript: speakers come from labels only; "Councilman Smith mentioned this to me"
    /// is said by whoever holds the floor, not by Smith.
    LabelsOnly,
}

/// Passage kinds whose text can say who speaks them; utterances, comments, revisions, rows
/// and contributions get their speaker from the format (labels, authors, metadata).
fn narrative(kind: PassageKind) -> bool {
    matches!(
        kind,
        PassageKind::Paragraph | PassageKind::Bullet | PassageKind::Footnote | PassageKind::Quote
    )
}

/// The `Document`-free core: one speaker (or none) per passage text, given the raw labels of
/// labelled passages and extra roster people (attendee table, pipeline roster).
fn attribute_all(
    texts: &[String],
    kinds: &[PassageKind],
    existing: &[Option<Speaker>],
    labels: &[Option<String>],
    mode: Mode,
    extra: Vec<Person>,
) -> Vec<Option<Speaker>> {
    let (mut roster, is_roster) = find_roster(texts, kinds);
    for p in extra {
        roster.add(p);
    }
    let mut parts: BTreeMap<String, usize> = BTreeMap::new();
    // Narrative introductions anywhere in the document join the roster first, so that a
    // surname can be resolved wherever it appears.
    for (i, t) in texts.iter().enumerate() {
        if is_roster[i] || kinds.get(i) == Some(&PassageKind::Heading) {
            continue;
        }
        for r in reported::introductions(t) {
            if r.is_strong() && mode != Mode::LabelsOnly {
                roster.add(r.person());
            }
        }
    }
    let mut out: Vec<Option<Speaker>> = Vec::with_capacity(texts.len());
    for (i, text) in texts.iter().enumerate() {
        let kind = kinds.get(i).copied().unwrap_or(PassageKind::Paragraph);
        let prev = i.checked_sub(1).and_then(|j| out.get(j)).cloned().flatten();
        let label = labels.get(i).cloned().flatten();
        let found = match existing.get(i).cloned().flatten() {
            Some(s) if label.is_some() => Some(from_label(
                label.as_deref().unwrap_or_default(),
                s,
                &mut roster,
                &mut parts,
            )),
            Some(s) => Some(complete(s, &roster)),
            None if is_roster[i] || !narrative(kind) || mode == Mode::LabelsOnly => None,
            None => attribute_one(text, &roster, prev.as_ref()).map(|mut s| {
                if mode == Mode::Citing && s.how == How::Reported {
                    s.how = How::Quoted;
                }
                s
            }),
        };
        out.push(found);
    }
    out
}

/// The speaker a transcript label names, resolved against the document's roster: initials
/// through the attendee table, "The Chair" to whoever the document named as chair, a surname
/// or a variant spelling to the one person it fits; a new name joins the roster.
fn from_label(
    raw: &str,
    given: Speaker,
    roster: &mut Roster,
    parts: &mut BTreeMap<String, usize>,
) -> Speaker {
    let l = labels::parse(raw);
    if l.unnamed {
        return Speaker {
            role: l.part,
            how: How::Label,
            ..Speaker::anonymous()
        };
    }
    if let Some(abbr) = &l.initials {
        return match roster.by_abbreviation(abbr) {
            Some(i) => roster.people[i].speaker(How::Label),
            None => complete(Speaker::named(abbr.clone(), How::Label), roster),
        };
    }
    let part_key = l.part.as_deref().map(str::to_lowercase);
    let Some(name) = l.name.clone() else {
        // A part alone: "The Chair", "MODERATOR".
        let part = l.part.clone().unwrap_or_default();
        let holder = part_key
            .as_ref()
            .and_then(|k| parts.get(k).copied())
            .or_else(|| roster.by_part(&part));
        return match holder {
            Some(i) => roster.people[i].speaker(How::Label),
            None => Speaker {
                role: Some(part),
                how: How::Label,
                ..Speaker::anonymous()
            },
        };
    };
    let i = match roster.resolve(&name) {
        Some(i) => {
            let known = &mut roster.people[i];
            if known.role.is_none() && known.organisation.is_none() {
                known.role.clone_from(&l.role);
                known.organisation.clone_from(&l.organisation);
            }
            i
        }
        None => roster.add(Person {
            name,
            role: l.role.clone(),
            organisation: l.organisation.clone(),
            ..Person::default()
        }),
    };
    if let Some(k) = part_key {
        parts.insert(k, i);
        if roster.people[i].part.is_none() {
            roster.people[i].part.clone_from(&l.part);
        }
    }
    let mut s = roster.people[i].speaker(How::Label);
    // The label's own role (a minister's portfolio) is what this turn says.
    if l.role.is_some() {
        s.role.clone_from(&l.role);
        if l.organisation.is_some() {
            s.organisation.clone_from(&l.organisation);
        }
        let person = &roster.people[i];
        match person.group {
            Some(_) => person.grouping().apply(&mut s),
            None => Grouping::by_rules(s.role.as_deref(), s.organisation.as_deref()).apply(&mut s),
        }
    }
    if s.group.is_none() {
        Grouping::of(&given).apply(&mut s);
    }
    s
}

/// A speaker already set, with role, organisation and group filled from the roster.
fn complete(mut s: Speaker, roster: &Roster) -> Speaker {
    if let Some(i) = s.name.as_deref().and_then(|n| roster.resolve(n)) {
        let p = &roster.people[i];
        if s.role.is_none() && s.organisation.is_none() {
            s.role.clone_from(&p.role);
            s.organisation.clone_from(&p.organisation);
        }
    }
    if s.group.is_none() {
        Grouping::by_rules(s.role.as_deref(), s.organisation.as_deref()).apply(&mut s);
    }
    s
}

fn named(name: &str, roster: &Roster, how: How) -> Speaker {
    match roster.resolve(name) {
        Some(i) => roster.people[i].speaker(how),
        None => Speaker::named(name, how),
    }
}

fn attribute_one(text: &str, roster: &Roster, prev: Option<&Speaker>) -> Option<Speaker> {
    // "(Name)" counts only for a person of the roster: "(Digital Ecosystem Roles)",
    // "(Rio de Janeiro)" and "(Bing Chat)" have the shape of names too.
    if let Some(i) = reported::trailing_parenthetical(text).and_then(|n| roster.resolve(n)) {
        return Some(roster.people[i].speaker(How::Parenthetical));
    }
    let intro = reported::introductions(text)
        .into_iter()
        .find(|r| r.is_strong() || roster.resolve(&r.name).is_some());
    let mention = reported::known_mention(text, roster);
    match (intro, mention) {
        (Some(r), Some((at, i))) if at < r.at => {
            return Some(roster.people[i].speaker(How::Reported));
        }
        (Some(r), _) => {
            let person = r.person();
            return Some(match roster.resolve(&person.name) {
                Some(i) => roster.people[i].speaker(How::Reported),
                None => Person::speaker(&person, How::Reported),
            });
        }
        (None, Some((_, i))) => return Some(roster.people[i].speaker(How::Reported)),
        (None, None) => {}
    }
    if reported::opens_with_pronoun(text)
        && let Some(p) = prev
        && matches!(p.how, How::Reported | How::Quoted)
        && p.name.is_some()
    {
        return Some(p.clone());
    }
    if let Some(name) = reported::according_to(text) {
        return Some(named(name, roster, How::Quoted));
    }
    match anonymous::find(text)? {
        anonymous::Anonymous::Unnamed => Some(Speaker::anonymous()),
        anonymous::Anonymous::Named(names) => {
            let (first, others) = names.split_first()?;
            let mut s = named(first, roster, How::Reported);
            s.with = others
                .iter()
                .map(|n| {
                    let o = named(n, roster, How::Reported);
                    CoSpeaker {
                        name: o.name,
                        organisation: o.organisation,
                        group: o.group,
                    }
                })
                .collect();
            Some(s)
        }
    }
}

/// Speaker-list lines: runs of at least two consecutive roster lines, or a single line with a
/// label ("Moderator: …"). Returns the roster and which passages are roster lines.
fn find_roster(texts: &[String], kinds: &[PassageKind]) -> (Roster, Vec<bool>) {
    let mut roster = Roster::default();
    let mut is_roster = vec![false; texts.len()];
    // Per passage: its roster lines if every non-empty line is one.
    let parsed: Vec<Option<Vec<(Person, bool)>>> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if kinds.get(i) == Some(&PassageKind::Heading) {
                return None;
            }
            let lines: Vec<&str> = t
                .lines()
                .filter(|l| !l.trim_matches(char::is_whitespace).is_empty())
                .collect();
            if lines.is_empty() {
                return None;
            }
            lines
                .iter()
                .map(|l| {
                    let labelled = l
                        .split_once(':')
                        .is_some_and(|(a, _)| !a.contains(',') && a.len() < 20);
                    parse_roster_line(l).map(|p| (p, labelled))
                })
                .collect()
        })
        .collect();
    let mut i = 0;
    while i < parsed.len() {
        let mut j = i;
        let mut lines = 0;
        let mut labelled = false;
        while let Some(Some(ps)) = parsed.get(j) {
            lines += ps.len();
            labelled |= ps.iter().any(|(_, l)| *l);
            j += 1;
        }
        if j > i && (lines >= 2 || labelled) {
            for (flag, ps) in is_roster[i..j].iter_mut().zip(&parsed[i..j]) {
                *flag = true;
                for (p, _) in ps.iter().flatten() {
                    roster.add(p.clone());
                }
            }
        }
        i = j.max(i + 1);
    }
    (roster, is_roster)
}

/// One entry per person across `passages` (see [`resolve_participants`]), sorted by name
/// (byte order): role, organisation and group, `aliases` (other spellings resolved to them,
/// "Michelle Woods" for Michele Woods), `passages` (ids in input order). Anonymous speakers are
/// not participants (see [`anonymous_count`]), nor are authorities a paper cites
/// (`How::Quoted`).
pub fn participants(passages: &[Passage]) -> Vec<Participant> {
    let mut copy = passages.to_vec();
    resolve_participants(&mut copy, &PipelineRoster::default())
}

/// How many passages are attributed to an anonymous contributor.
pub fn anonymous_count(passages: &[Passage]) -> usize {
    passages
        .iter()
        .filter(|p| p.speaker.as_ref().is_some_and(|s| s.anonymous))
        .count()
}
