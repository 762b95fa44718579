//! People across a corpus: the pipeline-file roster, and one participant per person.
//!
//! [`resolve_participants`] runs after every document is attributed. It gathers the named
//! speakers of all passages and merges spellings of one person: the same name (case and
//! accents folded), a roster name and its aliases ("唐鳳" → Audrey Tang, "RPR" → Rob Palmer),
//! and spelling variants of a full name that differ only by doubled letters or by accents lost
//! upstream ("Michelle Woods" and "Michele Woods", "Mlanie Joly" and "Mélanie Joly"). Names
//! of one word ("Chan", "Ujjwal") merge only by exact spelling or a roster alias; two people
//! are never merged because they share a first name or a surname. Surnames, initials,
//! honorifics and role labels are resolved earlier, inside their document, where the evidence
//! is (a speaker list, an attendee table, "The Chair (Hon. Anthony Rota …)").
//!
//! Each person's passages then carry the one canonical name (the roster's, else the spelling
//! most passages use), and role, organisation and group are completed: the roster's group wins,
//! then an explicit sector column, then the organisation's group by rule, then the role's.
//!
//! ```
//! use rapporteur::attribute::{PipelineRoster, RosterEntry};
//! let roster = PipelineRoster::new(vec![RosterEntry {
//!     name: "Audrey Tang".into(),
//!     aliases: vec!["唐鳳".into()],
//!     group: Some("government".into()),
//!     ..RosterEntry::default()
//! }]).unwrap();
//! assert_eq!(roster.len(), 1);
//! assert!(PipelineRoster::from_toml_str("[[people]]\nname = \"A B\"\ngroup = \"guild\"\n", "r.toml").is_err());
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::groups::{Grouping, parse_sector};
use super::labels;
use super::names::fold;
use super::roster::Person;
use crate::model::{Document, Group, How, Participant, Passage, Speaker};

/// One person of a pipeline-file roster.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterEntry {
    pub name: String,
    /// Other spellings, initials and labels that name this person ("唐鳳", "RPR").
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default, alias = "organization")]
    pub organisation: Option<String>,
    /// A stakeholder group ("government", "civil society", "Private Sector", …), which wins
    /// over the organisation's.
    #[serde(default)]
    pub group: Option<String>,
}

/// Why a roster could not be used.
#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("cannot read the roster {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("roster: {name}: unknown group {value:?} (groups: {known})")]
    UnknownGroup {
        name: String,
        value: String,
        known: String,
    },
    #[error("roster: a person has an empty name")]
    EmptyName,
}

/// A validated roster: the people a pipeline file names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PipelineRoster {
    people: Vec<(RosterEntry, Option<Group>)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RosterFile {
    people: Vec<RosterEntry>,
}

impl PipelineRoster {
    /// Validates roster entries (names present, groups known).
    pub fn new(entries: Vec<RosterEntry>) -> Result<PipelineRoster, RosterError> {
        let mut people = Vec::with_capacity(entries.len());
        for e in entries {
            if e.name.trim().is_empty() {
                return Err(RosterError::EmptyName);
            }
            let group = match e.group.as_deref() {
                None => None,
                Some(g) => Some(parse_sector(g).ok_or_else(|| RosterError::UnknownGroup {
                    name: e.name.clone(),
                    value: g.to_string(),
                    known: Group::ALL.map(Group::as_str).join(", "),
                })?),
            };
            people.push((e, group));
        }
        Ok(PipelineRoster { people })
    }

    /// Parses a roster file's text (`[[people]]` tables); `path` names it in errors.
    pub fn from_toml_str(src: &str, path: impl AsRef<Path>) -> Result<PipelineRoster, RosterError> {
        let file: RosterFile = toml::from_str(src).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start).min(src.len());
            let before = &src[..at];
            RosterError::Parse {
                path: path.as_ref().to_path_buf(),
                line: before.matches('\n').count() + 1,
                column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
                message: e.message().trim_end().to_string(),
            }
        })?;
        PipelineRoster::new(file.people)
    }

    /// Loads a roster file.
    pub fn load(path: impl AsRef<Path>) -> Result<PipelineRoster, RosterError> {
        let path = path.as_ref();
        let src = std::fs::read_to_string(path).map_err(|source| RosterError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        PipelineRoster::from_toml_str(&src, path)
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// The roster's people as document-roster persons.
    pub(crate) fn persons(&self) -> Vec<Person> {
        self.people
            .iter()
            .map(|(e, g)| Person {
                name: e.name.trim().to_string(),
                role: e.role.clone(),
                organisation: e.organisation.clone(),
                aliases: e.aliases.clone(),
                group: *g,
                abbreviation: e
                    .aliases
                    .iter()
                    .find(|a| {
                        (2..=4).contains(&a.len()) && a.chars().all(|c| c.is_ascii_uppercase())
                    })
                    .cloned(),
                part: None,
            })
            .collect()
    }
}

/// Letters of a name with doubled letters collapsed: `fold` folds accents first ("Mélanie" →
/// "melanie"), `drop` drops every non-ASCII letter ("Mélanie" → "mlanie", as upstream damage
/// does).
fn skeletons(name: &str) -> Option<(String, String)> {
    if name.split_whitespace().count() < 2 {
        return None;
    }
    let collapse = |s: &str| {
        let mut out = String::new();
        for c in s.chars().filter(|c| c.is_alphanumeric() || *c == ' ') {
            if out.ends_with(c) && c != ' ' {
                continue;
            }
            out.push(c);
        }
        out
    };
    let folded = collapse(&fold(name));
    // Upstream damage drops an accent or two, not a script: a name mostly in other letters
    // ("محمد علي", "김 철수") has no dropped form, or every such name would share an empty one.
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let ascii = name.chars().filter(char::is_ascii_alphabetic).count();
    if ascii * 5 < letters * 4 {
        return Some((folded.clone(), folded));
    }
    let dropped = collapse(
        &name
            .chars()
            .filter(char::is_ascii)
            .collect::<String>()
            .to_lowercase(),
    );
    Some((folded, dropped))
}

/// Union-find over name indices.
fn find(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while parent[r] != r {
        r = parent[r];
    }
    let mut k = i;
    while parent[k] != r {
        let next = parent[k];
        parent[k] = r;
        k = next;
    }
    r
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The smaller index stays root: deterministic.
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    }
}

/// Whether a passage's speaker is a person to count: named, not anonymous, not an authority
/// a paper cites.
fn person_name(p: &Passage) -> Option<&str> {
    let s = p.speaker.as_ref()?;
    if s.anonymous || s.how == How::Quoted {
        return None;
    }
    s.name.as_deref().filter(|n| !n.trim().is_empty())
}

/// The collection a document belongs to: the first component of its id (the source folder).
fn collection(doc: &str) -> &str {
    doc.split(['/', ':']).next().unwrap_or(doc)
}

/// Initials an attendee table resolved in one document name the same person in the other
/// documents of its collection, where that day's table lacks them: an unresolved `JHD` turn
/// becomes Jordan Harband's when every resolved `JHD` of the collection is a Harband. Returns
/// pairs of spellings the same initials gave (same surname) to merge.
fn resolve_initials(documents: &[Document], passages: &mut [Passage]) -> Vec<(String, String)> {
    let initials = |p: &Passage| -> Option<String> {
        let l = labels::clean(p.meta.get("label")?.as_str()?);
        ((2..=4).contains(&l.len()) && l.chars().all(|c| c.is_ascii_uppercase()))
            .then(|| l.to_string())
    };
    // (collection, initials) → resolved names, with a speaker to copy.
    let mut seen: BTreeMap<(String, String), BTreeMap<String, Speaker>> = BTreeMap::new();
    for p in passages.iter() {
        let (Some(ini), Some(s)) = (initials(p), p.speaker.as_ref()) else {
            continue;
        };
        if let Some(name) = s.name.as_deref().filter(|n| **n != ini)
            && !s.anonymous
        {
            seen.entry((collection(&p.doc).to_string(), ini))
                .or_default()
                .entry(name.to_string())
                .or_insert_with(|| s.clone());
        }
    }
    for d in documents {
        let Some(serde_json::Value::Array(rows)) = d.meta.get("attendees") else {
            continue;
        };
        for r in rows {
            let field = |k: &str| r.get(k).and_then(|v| v.as_str()).map(str::trim);
            let (Some(name), Some(abbr)) = (field("name"), field("abbreviation")) else {
                continue;
            };
            let organisation = field("organisation")
                .filter(|o| !o.is_empty() && !o.eq_ignore_ascii_case("invited expert"))
                .map(str::to_string);
            let names = seen
                .entry((collection(&d.id).to_string(), abbr.to_string()))
                .or_default();
            names.entry(name.to_string()).or_insert_with(|| {
                let mut s = Speaker {
                    organisation: organisation.clone(),
                    ..Speaker::named(name, How::Label)
                };
                Grouping::by_rules(None, organisation.as_deref()).apply(&mut s);
                s
            });
        }
    }
    let surname = |n: &str| fold(super::names::surname(n));
    let mut pairs = Vec::new();
    let mut unique: BTreeMap<(String, String), Speaker> = BTreeMap::new();
    for (key, names) in &seen {
        let surnames: BTreeSet<String> = names.keys().map(|n| surname(n)).collect();
        if surnames.len() != 1 {
            continue;
        }
        let mut it = names.iter();
        if let Some((first, s)) = it.next() {
            unique.insert(key.clone(), s.clone());
            for (other, _) in it {
                pairs.push((first.clone(), other.clone()));
            }
        }
    }
    for p in passages.iter_mut() {
        let Some(ini) = initials(p) else { continue };
        let key = (collection(&p.doc).to_string(), ini.clone());
        let Some(known) = unique.get(&key) else {
            continue;
        };
        if let Some(s) = p.speaker.as_mut()
            && s.name.as_deref() == Some(ini.as_str())
        {
            *s = Speaker {
                how: s.how,
                ..known.clone()
            };
        }
    }
    pairs
}

/// What the corpus knows of one person.
#[derive(Default)]
struct Profile {
    name: String,
    role: Option<String>,
    organisation: Option<String>,
    /// The group, with its evidence.
    grouping: Grouping,
    /// The group comes from the roster or a sector column, not from a rule.
    explicit: bool,
    aliases: BTreeSet<String>,
    passages: Vec<String>,
}

/// Merges the named speakers of `passages` into one participant per person (see the module
/// doc), rewrites each passage's speaker to that person's canonical name with role,
/// organisation and group completed (and `voice` when it followed the speaker's group), and
/// returns the participants sorted by name.
pub fn resolve_participants(passages: &mut [Passage], roster: &PipelineRoster) -> Vec<Participant> {
    resolve_corpus(&[], passages, roster)
}

/// [`resolve_participants`] with the documents at hand: their attendee tables
/// (`meta.attendees`) also resolve initials in the other documents of their collection.
pub fn resolve_corpus(
    documents: &[Document],
    passages: &mut [Passage],
    roster: &PipelineRoster,
) -> Vec<Participant> {
    let same_initials = resolve_initials(documents, passages);
    // Distinct spellings, with how many passages use each.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut names: Vec<(String, usize)> = Vec::new();
    for p in passages.iter() {
        if let Some(n) = person_name(p) {
            let i = *index.entry(n.to_string()).or_insert_with(|| {
                names.push((n.to_string(), 0));
                names.len() - 1
            });
            names[i].1 += 1;
        }
    }
    let roster_people = roster.persons();
    let base = names.len();
    let mut parent: Vec<usize> = (0..base + roster_people.len()).collect();
    // Same folded spelling, roster names and aliases.
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (r, person) in roster_people.iter().enumerate() {
        for key in std::iter::once(&person.name).chain(&person.aliases) {
            let k = fold(key.trim());
            match by_key.get(&k) {
                Some(&j) => union(&mut parent, j, base + r),
                None => {
                    by_key.insert(k, base + r);
                }
            }
        }
    }
    for (i, (n, _)) in names.iter().enumerate() {
        let k = fold(n.trim());
        match by_key.get(&k) {
            Some(&j) => union(&mut parent, j, i),
            None => {
                by_key.insert(k, i);
            }
        }
    }
    // Names an attendee table gives the same initials in one collection ("James M Snell" and
    // "James Snell" are both JSL).
    for (a, b) in same_initials {
        if let (Some(&i), Some(&j)) = (index.get(&a), index.get(&b)) {
            union(&mut parent, i, j);
        }
    }
    // Spelling variants of full names.
    let mut by_skeleton: HashMap<String, usize> = HashMap::new();
    let all: Vec<&str> = names
        .iter()
        .map(|(n, _)| n.as_str())
        .chain(roster_people.iter().map(|p| p.name.as_str()))
        .collect();
    for (i, n) in all.iter().enumerate() {
        if let Some((a, b)) = skeletons(n) {
            for k in [a, b] {
                match by_skeleton.get(&k) {
                    Some(&j) => union(&mut parent, j, i),
                    None => {
                        by_skeleton.insert(k, i);
                    }
                }
            }
        }
    }
    // Canonical name per group: the roster's, else the most used spelling (then the one with
    // the most letters, then byte order).
    let mut groups: BTreeMap<usize, Profile> = BTreeMap::new();
    let mut best: BTreeMap<usize, (bool, usize, usize, std::cmp::Reverse<String>)> =
        BTreeMap::new();
    for i in 0..all.len() {
        let root = find(&mut parent, i);
        let entry = groups.entry(root).or_default();
        let score = if i >= base {
            let r = &roster_people[i - base];
            entry.role.clone_from(&r.role);
            entry.organisation.clone_from(&r.organisation);
            if r.group.is_some() {
                entry.grouping = r.grouping();
                entry.explicit = true;
            }
            (true, 0, 0, std::cmp::Reverse(r.name.clone()))
        } else {
            let (n, count) = &names[i];
            let letters = n.chars().filter(|c| c.is_alphabetic()).count();
            (false, *count, letters, std::cmp::Reverse(n.clone()))
        };
        if best.get(&root).is_none_or(|b| score > *b) {
            best.insert(root, score);
        }
    }
    let mut root_of_name: HashMap<String, usize> = HashMap::new();
    for (root, (_, _, _, std::cmp::Reverse(name))) in best {
        root_of_name.insert(name.clone(), root);
        if let Some(g) = groups.get_mut(&root) {
            g.name = name;
        }
    }
    // Rewrite passages and gather what they say of each person.
    for p in passages.iter_mut() {
        let Some(n) = person_name(p) else { continue };
        let Some(&i) = index.get(n) else { continue };
        let root = find(&mut parent, i);
        let Some(profile) = groups.get_mut(&root) else {
            continue;
        };
        let label = p
            .meta
            .get("label")
            .and_then(|v| v.as_str())
            .map(|l| labels::clean(l).to_string());
        let sector = p.meta.contains_key("sector");
        let Some(s) = p.speaker.as_mut() else {
            continue;
        };
        if s.name.as_deref() != Some(profile.name.as_str())
            && let Some(old) = s.name.take()
        {
            profile.aliases.insert(old);
        }
        if let Some(l) = label.filter(|l| *l != profile.name) {
            profile.aliases.insert(l);
        }
        if s.how == How::Parenthetical
            && let Some(spelt) = super::reported::trailing_parenthetical(&p.text)
            && spelt != profile.name
            && spelt.contains(' ')
        {
            profile.aliases.insert(spelt.to_string());
        }
        s.name = Some(profile.name.clone());
        if profile.role.is_none() {
            profile.role.clone_from(&s.role);
        }
        if profile.organisation.is_none() {
            profile.organisation.clone_from(&s.organisation);
        }
        if !profile.explicit && sector && s.group.is_some() {
            profile.grouping = Grouping::of(s);
            profile.explicit = true;
        } else if profile.grouping.group.is_none() {
            profile.grouping = Grouping::of(s);
        }
        profile.passages.push(p.id.clone());
    }
    // Complete each passage's speaker from its person.
    for p in passages.iter_mut() {
        let Some(n) = person_name(p).map(str::to_string) else {
            continue;
        };
        let Some(profile) = root_of_name.get(&n).and_then(|r| groups.get(r)) else {
            continue;
        };
        let sector = p.meta.contains_key("sector");
        let Some(s) = p.speaker.as_mut() else {
            continue;
        };
        if s.role.is_none() && s.organisation.is_none() {
            s.role.clone_from(&profile.role);
            s.organisation.clone_from(&profile.organisation);
        }
        let grouping = if profile.explicit && !sector {
            profile.grouping.clone()
        } else if s.group.is_some() {
            Grouping::of(s)
        } else if profile.grouping.group.is_some() {
            profile.grouping.clone()
        } else {
            Grouping::by_rules(s.role.as_deref(), s.organisation.as_deref())
        };
        if grouping.group.is_some() && grouping.group != s.group {
            p.voice = grouping.group;
            grouping.apply(s);
        }
    }
    let mut out: Vec<Participant> = groups
        .into_values()
        .filter(|g| !g.passages.is_empty())
        .map(|g| {
            let grouping = if g.grouping.group.is_some() {
                g.grouping
            } else {
                Grouping::by_rules(g.role.as_deref(), g.organisation.as_deref())
            };
            Participant {
                aliases: g.aliases.into_iter().filter(|a| *a != g.name).collect(),
                name: g.name,
                role: g.role,
                organisation: g.organisation,
                group: grouping.group,
                evidence: grouping.evidence,
                mismatch: grouping.mismatch,
                passages: g.passages,
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PassageKind, Speaker};

    fn doc_passages(specs: &[(&str, &str)]) -> Vec<Passage> {
        let doc = Document {
            id: "d/x".into(),
            path: "x.txt".into(),
            path_raw: None,
            format: "transcript".into(),
            title: None,
            kind: "transcript".into(),
            text: String::new(),
            meta: Default::default(),
            warnings: Vec::new(),
            authors: Vec::new(),
            blocks: Vec::new(),
        };
        specs
            .iter()
            .enumerate()
            .map(|(n, (name, label))| {
                let mut p = Passage::new(&doc, n + 1, PassageKind::Utterance, 0, 0);
                p.speaker = Some(Speaker::named(*name, How::Label));
                if !label.is_empty() {
                    p.meta.insert("label".into(), serde_json::json!(label));
                }
                p
            })
            .collect()
    }

    #[test]
    fn variants_merge_and_shared_first_names_do_not() {
        let mut ps = doc_passages(&[
            ("Michele Woods", ""),
            ("Michelle Woods", ""),
            ("Michele Woods", ""),
            ("Mlanie Joly", ""),
            ("Mélanie Joly", ""),
            ("Huw David", ""),
            ("Huw Morris", ""),
            ("Huw Irranca-Davies", ""),
            ("Ed Evans", ""),
            ("Dafydd Evans", ""),
            ("Chan", ""),
        ]);
        let people = resolve_participants(&mut ps, &PipelineRoster::default());
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Chan",
                "Dafydd Evans",
                "Ed Evans",
                "Huw David",
                "Huw Irranca-Davies",
                "Huw Morris",
                "Michele Woods",
                "Mélanie Joly"
            ]
        );
        // Passages carry the canonical spelling; the other is an alias.
        assert_eq!(
            ps[1].speaker.as_ref().and_then(|s| s.name.as_deref()),
            Some("Michele Woods")
        );
        let woods = people
            .iter()
            .find(|p| p.name == "Michele Woods")
            .expect("Woods");
        assert_eq!(woods.aliases, ["Michelle Woods"]);
        assert_eq!(woods.passages.len(), 3);
    }

    #[test]
    fn names_in_other_scripts_are_not_merged() {
        // Dropping every non-ASCII letter left each of these an empty skeleton: one person.
        let mut ps = doc_passages(&[
            ("محمد علي", ""),
            ("דוד כהן", ""),
            ("김 철수", ""),
            ("Иван Петров", ""),
            ("王 穆衡", ""),
        ]);
        let people = resolve_participants(&mut ps, &PipelineRoster::default());
        assert_eq!(people.len(), 5, "{people:?}");
        assert!(people.iter().all(|p| p.aliases.is_empty()), "{people:?}");
        assert_eq!(
            ps[2].speaker.as_ref().and_then(|s| s.name.as_deref()),
            Some("김 철수")
        );
    }

    #[test]
    fn roster_aliases_and_groups_win() {
        let roster = PipelineRoster::new(vec![RosterEntry {
            name: "Audrey Tang".into(),
            aliases: vec!["唐鳳".into()],
            organisation: Some("Ministry of Digital Affairs".into()),
            group: Some("civil society".into()),
            ..RosterEntry::default()
        }])
        .expect("roster");
        let mut ps = doc_passages(&[("唐鳳", "唐鳳"), ("Audrey Tang", "Audrey Tang")]);
        let people = resolve_participants(&mut ps, &roster);
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].name, "Audrey Tang");
        assert_eq!(people[0].group, Some(Group::CivilSociety));
        assert_eq!(people[0].aliases, ["唐鳳"]);
        assert_eq!(
            ps[0].speaker.as_ref().and_then(|s| s.group),
            Some(Group::CivilSociety)
        );
        assert_eq!(ps[0].voice, Some(Group::CivilSociety));
    }

    #[test]
    fn initials_resolved_elsewhere_in_the_collection() {
        let mut ps = doc_passages(&[("Rob Palmer", "RPR"), ("RPR", "RPR")]);
        ps[1].doc = "d/y".into();
        let people = resolve_participants(&mut ps, &PipelineRoster::default());
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].passages.len(), 2);
        assert_eq!(
            ps[1].speaker.as_ref().and_then(|s| s.name.as_deref()),
            Some("Rob Palmer")
        );
    }

    #[test]
    fn roster_files_are_validated_with_positions() {
        let err = PipelineRoster::from_toml_str("[[people]]\nnom = \"x\"\n", "r.toml")
            .expect_err("unknown key");
        assert!(err.to_string().starts_with("r.toml:"), "{err}");
        let err = PipelineRoster::from_toml_str(
            "[[people]]\nname = \"Ana Lima\"\ngroup = \"guild\"\n",
            "r.toml",
        )
        .expect_err("unknown group");
        assert!(err.to_string().contains("guild"), "{err}");
        let ok = PipelineRoster::from_toml_str(
            "[[people]]\nname = \"Ana Lima\"\naliases = [\"AL\"]\norganization = \"Ministry of Health\"\n",
            "r.toml",
        )
        .expect("valid");
        assert_eq!(ok.len(), 1);
    }
}
