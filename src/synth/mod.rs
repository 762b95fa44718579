//! Synthesis outline: per theme, counts per stakeholder group, recommendations and a few
//! verbatim, attributed quotes.
//!
//! [`build`] sees what the index holds — [`DocInfo`]s and tagged [`Passage`]s, never the
//! documents' text — and returns an [`Outline`]:
//!
//! - an [`Overview`]: documents, passages, participants (distinct named speakers), passages per
//!   voice (`"unknown"` when the voice is not known), themes with passages;
//! - one [`ThemeSection`] per theme with at least one non-heading passage, ordered by passage
//!   count (descending), then taxonomy order; themes a passage carries that the taxonomy lacks
//!   come after, by id, labelled with their id. Headings are never counted in a theme, nor
//!   quoted: they name a topic, they do not speak to it;
//! - per section, the recommendations of its passages (best ranked first, identical texts once)
//!   and up to [`OutlineOptions::max_quotes`] quotes chosen as described in `quotes.rs`.
//!
//! The contract: every quote and recommendation `text` is a slice of its passage's text at
//! absolute offsets, so `text == doc.text[start..end]` for the document the passage came from.
//! Passages whose text does not match their span are counted but never quoted. The same input
//! gives the same outline, and [`markdown::render`] and [`json::render`] the same bytes.
//!
//! ```
//! use rapporteur::model::{DocInfo, Document, How, Passage, PassageKind, Speaker, ThemeTag};
//! use rapporteur::synth::{build, OutlineOptions};
//!
//! let doc = Document {
//!     id: "notes".into(),
//!     path: "notes.txt".into(),
//!     format: "text".into(),
//!     title: Some("Lessons learned".into()),
//!     kind: "notes".into(),
//!     text: "Lessons learned:\n• Participation is a major issue. (Andy Orsmond)\n".into(),
//!     meta: Default::default(),
//!     blocks: Vec::new(),
//! };
//! let start = doc.text.find('•').unwrap();
//! let end = doc.text.len() - 1;
//! let mut p = Passage::new(&doc, 2, PassageKind::Bullet, start, end);
//! p.themes.push(ThemeTag { id: "participation".into(), score: 0.8, terms: vec!["particip".into()] });
//! p.speaker = Some(Speaker::named("Andy Orsmond", How::Parenthetical));
//! let labels = vec![("participation".to_string(), "Participation and inclusion".to_string())];
//!
//! let outline = build(&[DocInfo::from(&doc)], &[p], &labels, &OutlineOptions::default());
//! let quote = &outline.sections[0].quotes[0];
//! assert_eq!(quote.text, "Participation is a major issue.");
//! assert_eq!(quote.text, &doc.text[quote.start..quote.end]);
//! assert_eq!(quote.attribution, "Andy Orsmond");
//! assert_eq!(outline.sections[0].voices["unknown"], 1);
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{DocInfo, Group, Passage, PassageKind, Speaker};

mod attribution;
pub mod json;
pub mod markdown;
mod quotes;
mod sentences;
#[cfg(test)]
mod tests;

/// The key for passages whose voice is not known.
pub const UNKNOWN_VOICE: &str = "unknown";

/// What [`build`] puts in an outline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineOptions {
    /// Quotes per theme (default 3).
    pub max_quotes: usize,
    /// Recommendations per theme (default 8).
    pub max_recommendations: usize,
}

impl Default for OutlineOptions {
    fn default() -> OutlineOptions {
        OutlineOptions {
            max_quotes: 3,
            max_recommendations: 8,
        }
    }
}

/// The synthesis outline: `outline.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outline {
    pub overview: Overview,
    pub sections: Vec<ThemeSection>,
}

/// Corpus-wide counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    /// Documents given to [`build`].
    pub documents: usize,
    /// All passages, headings included.
    pub passages: usize,
    /// Distinct named speakers (anonymous contributors not counted).
    pub participants: usize,
    /// Passages per voice group id, `"unknown"` for no voice; groups with none are left out.
    pub voices: BTreeMap<String, usize>,
    /// Themes with at least one passage (the number of sections).
    pub themes: usize,
    /// Themes in the taxonomy.
    pub taxonomy_themes: usize,
}

/// One theme of the outline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeSection {
    pub id: String,
    pub label: String,
    /// Non-heading passages tagged with the theme.
    pub passages: usize,
    /// Those passages per voice group id, `"unknown"` for no voice; zero counts left out.
    pub voices: BTreeMap<String, usize>,
    /// Distinct recommendations found in those passages (before the cut to `recommendations`).
    pub recommendations_total: usize,
    pub recommendations: Vec<RecommendationItem>,
    pub quotes: Vec<Quote>,
}

/// A verbatim quote: `text == doc.text[start..end]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub doc: String,
    /// The id of the passage it comes from.
    pub passage: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub speaker: Option<Speaker>,
    /// For people: "Name, Organisation", "anonymous contributor", "unattributed".
    pub attribution: String,
    /// The document's title, or its path.
    pub source: String,
    /// The passage's section headings joined with " › ".
    pub section: String,
    /// True when an over-long sentence was cut short (renderers add "…").
    pub truncated: bool,
}

/// A recommendation of a theme's passage: `text == doc.text[start..end]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationItem {
    pub doc: String,
    pub passage: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub cue: String,
    pub addressee: Vec<Group>,
    pub speaker: Option<Speaker>,
    pub attribution: String,
    pub source: String,
    pub section: String,
}

/// Document titles by id, for `source`.
pub(crate) struct Sources<'a> {
    docs: BTreeMap<&'a str, &'a DocInfo>,
}

impl Sources<'_> {
    /// The title of document `id`, else its path, else the id itself.
    pub(crate) fn source(&self, id: &str) -> String {
        let Some(d) = self.docs.get(id) else {
            return id.to_string();
        };
        match d.title.as_deref().map(attribution::collapse) {
            Some(t) if !t.is_empty() => t,
            _ => d.path.clone(),
        }
    }
}

/// Builds the outline of `passages` (see the module doc). `theme_labels` is the taxonomy:
/// `(id, label)` pairs in taxonomy order.
pub fn build(
    docs: &[DocInfo],
    passages: &[Passage],
    theme_labels: &[(String, String)],
    opts: &OutlineOptions,
) -> Outline {
    let sources = Sources {
        docs: docs.iter().map(|d| (d.id.as_str(), d)).collect(),
    };
    let participants: BTreeSet<String> = passages
        .iter()
        .filter_map(|p| {
            p.speaker
                .as_ref()?
                .name
                .as_deref()
                .map(attribution::collapse)
        })
        .filter(|n| !n.is_empty())
        .collect();

    // Theme id → indices of its non-heading passages, in passage order.
    let mut members: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in passages.iter().enumerate() {
        if p.kind == PassageKind::Heading {
            continue;
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
    let mut themes: Vec<(&str, &Vec<usize>)> = members.iter().map(|(k, v)| (*k, v)).collect();
    // Unknown themes sort after the taxonomy; among themselves by id (the map's order).
    themes.sort_by_key(|(id, m)| {
        let pos = order.get(id).map_or(usize::MAX, |&(pos, _)| pos);
        (std::cmp::Reverse(m.len()), pos)
    });

    let sections: Vec<ThemeSection> = themes
        .into_iter()
        .map(|(id, m)| {
            let label = order
                .get(id)
                .map(|&(_, l)| attribution::collapse(l))
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| id.to_string());
            let (recommendations, recommendations_total) =
                recommendations(passages, m, id, opts.max_recommendations, &sources);
            ThemeSection {
                id: id.to_string(),
                label,
                passages: m.len(),
                voices: voices(m.iter().filter_map(|&i| passages.get(i))),
                recommendations_total,
                recommendations,
                quotes: quotes::select(passages, m, id, opts.max_quotes, &sources),
            }
        })
        .collect();

    Outline {
        overview: Overview {
            documents: docs.len(),
            passages: passages.len(),
            participants: participants.len(),
            voices: voices(passages.iter()),
            themes: sections.len(),
            taxonomy_themes: theme_labels.len(),
        },
        sections,
    }
}

/// Passages per voice group id, with `"unknown"` for passages without a voice.
fn voices<'a>(passages: impl Iterator<Item = &'a Passage>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for p in passages {
        let key = p.voice.map_or(UNKNOWN_VOICE, Group::as_str);
        *counts.entry(key.to_string()).or_insert(0) += 1;
    }
    counts
}

/// The recommendations of the theme's passages, best ranked first (theme score and speaker,
/// then passage order), identical texts (ignoring case and spacing) kept once, cut to `max`;
/// plus the number of distinct ones before the cut. Recommendations whose span falls outside
/// their passage are skipped.
fn recommendations(
    passages: &[Passage],
    members: &[usize],
    theme: &str,
    max: usize,
    sources: &Sources,
) -> (Vec<RecommendationItem>, usize) {
    let mut ranked: Vec<(f64, usize, usize, RecommendationItem)> = Vec::new();
    for &i in members {
        let Some(p) = passages.get(i) else { continue };
        if p.end.checked_sub(p.start) != Some(p.text.len()) {
            continue;
        }
        let score = p
            .themes
            .iter()
            .find(|t| t.id == theme)
            .map_or(0.0, |t| quotes::passage_score(p, t.score));
        for (k, r) in p.recommendations.iter().enumerate() {
            let (Some(rs), Some(re)) = (r.start.checked_sub(p.start), r.end.checked_sub(p.start))
            else {
                continue;
            };
            let (rs, re) = sentences::trim(&p.text, rs, re);
            let Some(text) = p.text.get(rs..re).filter(|t| !t.is_empty()) else {
                continue;
            };
            let item = RecommendationItem {
                doc: p.doc.clone(),
                passage: p.id.clone(),
                start: p.start + rs,
                end: p.start + re,
                text: text.to_string(),
                cue: r.cue.clone(),
                addressee: r.addressee.clone(),
                speaker: p.speaker.clone(),
                attribution: attribution::attribution(p),
                source: sources.source(&p.doc),
                section: p.section.join(" › "),
            };
            ranked.push((score, i, k, item));
        }
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut seen = BTreeSet::new();
    let distinct: Vec<RecommendationItem> = ranked
        .into_iter()
        .filter(|(_, _, _, item)| {
            let key = attribution::collapse(&item.text)
                .trim_end_matches(['.', '!', ';'])
                .to_lowercase();
            seen.insert(key)
        })
        .map(|(_, _, _, item)| item)
        .collect();
    let total = distinct.len();
    (distinct.into_iter().take(max).collect(), total)
}
