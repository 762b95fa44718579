//! The outline's structure: which passages make up each section, by theme, by the documents'
//! headings, or by the questions posed.
//!
//! - [`By::Theme`]: one section per theme some non-heading passage carries, in taxonomy order
//!   (themes the taxonomy lacks after, by id); members are the non-heading passages tagged with
//!   it. The non-heading passages no theme matches make a last section, [`NOT_COVERED`] ("Not
//!   covered by the taxonomy"): nothing is left out silently. (The builder then orders the
//!   theme sections by distinct passages, that one last.)
//! - [`By::Section`]: one section per top-level heading (`section[0]`), merged across documents
//!   by its text (case, spacing, emphasis and a trailing colon ignored), in order of first
//!   appearance; non-heading passages before any heading go to a section per document named
//!   after its title ("opening").
//! - [`By::Question`]: a passage answers the question in its metadata (`question`,
//!   `question_text`, `prompt` — the question column of a row source) when it has one;
//!   otherwise the question posed in its document (a question heading, a `question` passage, or
//!   a bullet or paragraph that is all questions) whose words it shares most, if it shares
//!   enough, else the nearest question before it. Passages tied to no question go to a last
//!   section, "Not tied to a question". Posed questions are the sections' `question`, not
//!   members; identical questions of several documents are one section.
//!
//! Every member list is in corpus order, and the same passages always give the same sections:
//! `verify` recounts with this function.
//!
//! ```
//! use rapporteur::model::{Document, Passage, PassageKind, ThemeTag};
//! use rapporteur::synth::{By, structure::sections};
//! let doc = Document { id: "d".into(), path: "d.txt".into(), path_raw: None, format: "text".into(), title: None,
//!     kind: "notes".into(), text: "Trust matters.".into(), meta: Default::default(),
//!     warnings: vec![], blocks: vec![], authors: vec![] };
//! let mut p = Passage::new(&doc, 1, PassageKind::Paragraph, 0, 14);
//! p.themes.push(ThemeTag { id: "trust".into(), score: 1.0, terms: vec!["trust".into()] });
//! let labels = vec![("trust".to_string(), "Trust".to_string())];
//! let specs = sections(&[p], &[None], By::Theme, &labels);
//! assert_eq!((specs[0].id.as_str(), specs[0].members.as_slice()), ("trust", &[0][..]));
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::By;
use super::attribution::{clean_heading, collapse};
use super::features::{Features, dot};
use crate::model::{Passage, PassageKind};

/// Metadata keys that hold the question a row answers.
pub const QUESTION_KEYS: &[&str] = &["question", "question_text", "Question Text", "prompt"];
/// Below this similarity a passage is not tied to a question by its words.
const MIN_QUESTION_SIMILARITY: f32 = 0.08;
/// The id of the section of passages no theme matches (never a theme id: those have no `-`).
pub const NOT_COVERED: &str = "not-covered";
/// Its label.
pub const NOT_COVERED_LABEL: &str = "Not covered by the taxonomy";
/// Characters of a question shown as a section label.
const LABEL_CHARS: usize = 160;

/// One section's definition.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    pub id: String,
    pub label: String,
    /// The theme of a section by theme.
    pub theme: Option<String>,
    /// Passage indices, in corpus order.
    pub members: Vec<usize>,
    /// The posed question: passage index and absolute span.
    pub question: Option<(usize, usize, usize)>,
    /// For the opening of a document (passages before its first heading): the document id.
    pub opening: Option<String>,
    /// The characters of `label` shown, when it is cut (a question's words), after it is
    /// redacted.
    pub label_chars: Option<usize>,
}

/// The sections of `passages` (see the module doc). `features[i]` belongs to `passages[i]`
/// (used to tie passages to questions; `None` entries are fine).
pub fn sections(
    passages: &[Passage],
    features: &[Option<Features>],
    by: By,
    theme_labels: &[(String, String)],
) -> Vec<Spec> {
    match by {
        By::Theme => by_theme(passages, theme_labels),
        By::Section => by_heading(passages),
        By::Question => by_question(passages, features),
    }
}

fn by_theme(passages: &[Passage], theme_labels: &[(String, String)]) -> Vec<Spec> {
    let mut members: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut uncovered: Vec<usize> = Vec::new();
    for (i, p) in passages.iter().enumerate() {
        if p.kind == PassageKind::Heading {
            continue;
        }
        if p.themes.is_empty() {
            uncovered.push(i);
        }
        let mut seen = BTreeSet::new();
        for t in &p.themes {
            if seen.insert(t.id.as_str()) {
                members.entry(t.id.as_str()).or_default().push(i);
            }
        }
    }
    let mut order: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for (pos, (id, label)) in theme_labels.iter().enumerate() {
        order.entry(id.as_str()).or_insert((pos, label.as_str()));
    }
    let mut specs: Vec<(usize, Spec)> = members
        .into_iter()
        .map(|(id, m)| {
            let (pos, label) = order
                .get(id)
                .map(|&(pos, l)| (pos, collapse(l)))
                .unwrap_or((usize::MAX, String::new()));
            let label = if label.is_empty() {
                id.to_string()
            } else {
                label
            };
            (
                pos,
                Spec {
                    id: id.to_string(),
                    label,
                    theme: Some(id.to_string()),
                    members: m,
                    question: None,
                    opening: None,
                    label_chars: None,
                },
            )
        })
        .collect();
    // Stable: unknown themes keep the map's id order.
    specs.sort_by_key(|(pos, _)| *pos);
    let mut specs: Vec<Spec> = specs.into_iter().map(|(_, s)| s).collect();
    if !uncovered.is_empty() {
        specs.push(Spec {
            id: NOT_COVERED.to_string(),
            label: NOT_COVERED_LABEL.to_string(),
            theme: None,
            members: uncovered,
            question: None,
            opening: None,
            label_chars: None,
        });
    }
    specs
}

/// The key a heading is merged by.
fn heading_key(h: &str) -> String {
    clean_heading(h).to_lowercase()
}

fn by_heading(passages: &[Passage]) -> Vec<Spec> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut specs: Vec<Spec> = Vec::new();
    for (i, p) in passages.iter().enumerate() {
        if p.kind == PassageKind::Heading {
            continue;
        }
        let (key, label, opening) = match p
            .section
            .first()
            .map(|h| (heading_key(h), clean_heading(h)))
        {
            Some((key, label)) if !key.is_empty() => (format!("h:{key}"), label, None),
            _ => (
                format!("d:{}", p.doc),
                format!("{} (opening)", p.doc),
                Some(p.doc.clone()),
            ),
        };
        let k = *index.entry(key).or_insert_with(|| {
            specs.push(Spec {
                id: format!("section-{}", specs.len() + 1),
                label,
                theme: None,
                members: Vec::new(),
                question: None,
                opening,
                label_chars: None,
            });
            specs.len() - 1
        });
        if let Some(s) = specs.get_mut(k) {
            s.members.push(i);
        }
    }
    specs
}

/// The question a row answers, from its metadata.
fn meta_question(p: &Passage) -> Option<String> {
    QUESTION_KEYS.iter().find_map(|k| {
        let q = collapse(p.meta.get(*k)?.as_str()?);
        (!q.is_empty()).then_some(q)
    })
}

/// The span of `p` that poses a question, when the passage is one: a heading ending in "?",
/// a `question` passage, or a bullet or paragraph whose question sentences make up nearly all
/// of it. Comments never pose the consultation's questions.
fn posed(p: &Passage) -> Option<(usize, usize)> {
    match p.kind {
        PassageKind::Comment | PassageKind::Revision | PassageKind::Footnote => return None,
        PassageKind::Heading => {
            let t = p.text.trim_end();
            let body = t.trim_end_matches(['*', '_', ' ']);
            return (body.ends_with('?') && t.len() > 3).then(|| (p.start, p.start + t.len()));
        }
        _ => {}
    }
    let first = p.questions.first()?;
    let last = p.questions.last()?;
    let asked: usize = p
        .questions
        .iter()
        .map(|q| q.end.saturating_sub(q.start))
        .sum();
    let body = p.text.trim().len();
    let words = p.text.split_whitespace().count();
    (p.kind == PassageKind::Question || (asked * 10 >= body * 8 && words <= 80))
        .then_some((first.start, last.end))
}

fn by_question(passages: &[Passage], features: &[Option<Features>]) -> Vec<Spec> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut specs: Vec<Spec> = Vec::new();
    let mut section_of = |key: String, label: &str, question: Option<(usize, usize, usize)>| {
        *index.entry(key).or_insert_with(|| {
            specs.push(Spec {
                id: format!("question-{}", specs.len() + 1),
                label: label.to_string(),
                theme: None,
                members: Vec::new(),
                question,
                opening: None,
                label_chars: Some(LABEL_CHARS),
            });
            specs.len() - 1
        })
    };
    // Questions posed per document: (passage index, section index).
    let mut posed_in: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    let mut is_posed: BTreeSet<usize> = BTreeSet::new();
    let mut assigned: Vec<(usize, usize)> = Vec::new();
    for (i, p) in passages.iter().enumerate() {
        if meta_question(p).is_some() {
            continue;
        }
        if let Some((s, e)) = posed(p) {
            let text = p.text.get(s - p.start..e - p.start).unwrap_or_default();
            let label = collapse(text.trim_start_matches(|c: char| !c.is_alphanumeric()));
            let k = section_of(
                format!("q:{}", label.to_lowercase()),
                &label,
                Some((i, s, e)),
            );
            posed_in.entry(p.doc.as_str()).or_default().push((i, k));
            is_posed.insert(i);
        }
    }
    let mut other: Vec<usize> = Vec::new();
    for (i, p) in passages.iter().enumerate() {
        if p.kind == PassageKind::Heading || is_posed.contains(&i) {
            continue;
        }
        if let Some(q) = meta_question(p) {
            let k = section_of(format!("q:{}", q.to_lowercase()), &q, None);
            assigned.push((k, i));
            continue;
        }
        let Some(list) = posed_in.get(p.doc.as_str()) else {
            other.push(i);
            continue;
        };
        let terms = features.get(i).and_then(Option::as_ref).map(|f| &f.terms);
        let best = terms.and_then(|t| {
            list.iter()
                .map(|&(q, k)| {
                    let qt = features.get(q).and_then(Option::as_ref).map(|f| &f.terms);
                    let sim = qt.map_or(0.0, |qt| dot(t, qt));
                    // Ties go to the nearest question before the passage.
                    let before = q < i;
                    (sim, before, q, k)
                })
                .filter(|&(sim, ..)| sim >= MIN_QUESTION_SIMILARITY)
                .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)))
                .map(|(.., k)| k)
        });
        let nearest = || {
            list.iter()
                .filter(|&&(q, _)| q < i)
                .map(|&(_, k)| k)
                .next_back()
        };
        match best.or_else(nearest) {
            Some(k) => assigned.push((k, i)),
            None => other.push(i),
        }
    }
    for (k, i) in assigned {
        if let Some(s) = specs.get_mut(k) {
            s.members.push(i);
        }
    }
    for s in &mut specs {
        s.members.sort_unstable();
    }
    if !other.is_empty() {
        specs.push(Spec {
            id: "question-other".to_string(),
            label: "Not tied to a question".to_string(),
            theme: None,
            members: other,
            question: None,
            opening: None,
            label_chars: None,
        });
    }
    specs
}
