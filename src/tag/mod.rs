//! The tag stage: themes, mentioned groups, voice, recommendations, questions and stance of a passage.
//!
//! Contract: [`Tagger::tag_as`] is a pure function of the passage (its text, kind, section and
//! speaker), its document's language and the taxonomy. It overwrites `themes`, `mentions`, `voice`, `recommendations`,
//! `questions` and `stance`; every span it writes is absolute in the document (`passage.start +`
//! the offset inside the passage) and its `text` is exactly that slice of the passage text, so
//! `text == doc.text[start..end]` holds whenever it holds for the passage. Outputs are sorted,
//! and scores rounded, so the same passage always gives the same bytes. A [`Tagger`] is built
//! once from a [`Taxonomy`] (all cues compiled) and shared by reference across threads.
//!
//! Text in another language than the taxonomy's gets no themes and no mentions (an empty tag
//! beats a wrong one); the recommendation cues and claimed voices are English patterns and
//! only read English (or undetermined) text; questions and the speaker's voice are tagged in
//! any language. [`Tagger::tag`] tags as if the text were in the taxonomy's language.
//!
//! One tagger per file: [`themes`], [`mentions`], [`voice`], [`recommendations`], [`stance`],
//! [`questions`]; [`sentences`] splits passages, [`taxonomy`] loads and validates the TOML,
//! [`language`] tells a document's language. Over a whole corpus, [`table`] counts themes by
//! stakeholder group and [`suggest`] finds frequent key phrases no theme covers.
//!
//! ```
//! use std::collections::BTreeMap;
//! use rapporteur::model::{Document, Group, Passage, PassageKind};
//! use rapporteur::tag::{Taxonomy, Tagger};
//!
//! let text = "As civil society we need to be open to ensure participation and ensure that we have capacity building sessions";
//! let doc = Document {
//!     id: "notes".into(), path: "notes.txt".into(), path_raw: None, format: "text".into(), title: None,
//!     kind: "notes".into(), text: text.into(), meta: BTreeMap::new(),
//!     warnings: Vec::new(), authors: Vec::new(), blocks: Vec::new(),
//! };
//! let tagger = Tagger::new(Taxonomy::default_multistakeholder().expect("built-in taxonomy"));
//! let mut p = Passage::new(&doc, 1, PassageKind::Paragraph, 0, text.len());
//! tagger.tag(&mut p);
//! assert_eq!(p.voice, Some(Group::CivilSociety));
//! assert!(p.themes.iter().any(|t| t.id == "participation"));
//! assert_eq!(p.recommendations[0].cue, "need to");
//! assert_eq!(p.recommendations[0].text, doc.text[p.recommendations[0].start..p.recommendations[0].end]);
//! ```

pub mod language;
mod matcher;
pub mod mentions;
pub mod questions;
pub mod recommendations;
pub mod sentences;
pub mod stance;
pub mod suggest;
pub mod table;
pub mod taxonomy;
pub mod themes;
pub mod voice;

#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use regex::Regex;

pub use sentences::sentences;
pub use taxonomy::{Cues, Problem, Taxonomy, TaxonomyError, Theme};

use matcher::{Analyzed, Hit, Matcher};
use recommendations::Recommender;

use crate::model::{Document, Group, Passage, Stance};

/// Tags passages against a taxonomy. Cheap to share: `&Tagger` is `Send + Sync`.
#[derive(Debug)]
pub struct Tagger {
    taxonomy: Taxonomy,
    matcher: Matcher,
    recommender: Recommender,
}

impl Tagger {
    /// Compiles the taxonomy's cues and the recommendation patterns.
    pub fn new(taxonomy: Taxonomy) -> Tagger {
        let mut matcher = Matcher::default();
        for (i, theme) in taxonomy.themes().iter().enumerate() {
            matcher.add(i, &theme.cues);
        }
        let n = taxonomy.themes().len();
        for (group, cues) in taxonomy.groups() {
            matcher.add(n + group_index(*group), cues);
        }
        Tagger {
            taxonomy,
            matcher,
            recommender: Recommender::new(),
        }
    }

    /// The taxonomy this tagger was built from.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// `(id, label)` of every theme, in taxonomy order.
    pub fn theme_labels(&self) -> Vec<(&str, &str)> {
        self.taxonomy.labels()
    }

    /// Fills the passage's themes, mentions, voice, recommendations and questions, taking the
    /// text to be in the taxonomy's language.
    pub fn tag(&self, p: &mut Passage) {
        self.tag_as(p, None);
    }

    /// Tags the passages of `doc`: tells the document's language from its passages and the
    /// group it declares (see [`voice::declared_group`]), and tags each passage with them.
    /// Returns the language (`None` when undetermined).
    pub fn tag_document(&self, doc: &Document, passages: &mut [Passage]) -> Option<&'static str> {
        let lang = language::detect_passages(passages.iter().map(|p| p.text.as_str()));
        let declared = voice::declared_group(doc);
        for p in passages.iter_mut() {
            self.tag_with(p, lang, declared);
        }
        lang
    }

    /// [`Tagger::tag`] for a passage of a document in `language` (an ISO 639-1 code from
    /// [`language::detect_passages`]; `None` or [`language::UNDETERMINED`] when unknown).
    pub fn tag_as(&self, p: &mut Passage, language: Option<&str>) {
        self.tag_with(p, language, None);
    }

    fn tag_with(&self, p: &mut Passage, language: Option<&str>, declared: Option<Group>) {
        let language = language.filter(|l| *l != language::UNDETERMINED);
        let taxonomy_language = language.is_none_or(|l| l == self.taxonomy.language.code());
        let english = language.is_none_or(|l| l == "en");
        let a = Analyzed::new(&p.text, self.taxonomy.language);
        let n = self.taxonomy.themes().len();
        let mut theme_hits = Vec::new();
        let mut group_hits: Vec<(Group, Hit)> = Vec::new();
        for h in self.matcher.find(&a) {
            match h.owner.checked_sub(n) {
                None => theme_hits.push(h),
                Some(g) => {
                    if let Some(&group) = Group::ALL.get(g) {
                        group_hits.push((group, h));
                    }
                }
            }
        }
        group_hits.sort_by_key(|(g, h)| (h.start, *g));
        let sents = sentence_list(&p.text);

        if !taxonomy_language {
            theme_hits.clear();
            group_hits.clear();
        }
        let themes = themes::themes(&self.taxonomy, &theme_hits, a.len());
        let mentions = mentions::mentions(&group_hits);
        let voice = voice::voice(p, &a, if english { &group_hits } else { &[] }, declared);
        let recommendations = if english {
            self.recommender.find(p, &a, &sents, &group_hits)
        } else {
            Vec::new()
        };
        let questions = questions::questions(p, &sents);
        let stance = if english {
            stance::stance(p, &sents)
        } else {
            Stance::default()
        };
        drop(a);

        p.themes = themes;
        p.mentions = mentions;
        p.voice = voice;
        p.recommendations = recommendations;
        p.questions = questions;
        p.stance = stance;
    }
}

/// The position of `g` in [`Group::ALL`].
fn group_index(g: Group) -> usize {
    Group::ALL.iter().position(|&x| x == g).unwrap_or(0)
}

/// A sentence of a passage: a byte range of the passage text, without its list marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// List markers at the start of a sentence: "- ❖ ", "• ", "1) ", "(a) ", "II. ", "***".
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[-–—•◦▪▫❖●○■□►▶‣⁃·✓✔*+>#]+\s*|\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,5}|[IVXLC]{1,5})[.)]\s+)+",
    )
    .expect("the list-marker pattern is a valid regex")
});

/// The sentences of `text` with their list markers stripped.
pub(crate) fn sentence_list(text: &str) -> Vec<Sentence> {
    sentences::sentences(text)
        .into_iter()
        .map(|(start, end)| {
            let marker = MARKER.find(&text[start..end]).map_or(0, |m| m.end());
            if marker < end - start {
                Sentence {
                    start: start + marker,
                    end,
                }
            } else {
                Sentence { start, end }
            }
        })
        .collect()
}
