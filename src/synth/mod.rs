//! Synthesis outline: the skeleton of a synthesis report, every line traceable to its source.
//!
//! [`build`] sees what the index holds — [`DocInfo`]s and tagged [`Passage`]s, never the
//! documents' text — and returns an [`Outline`]:
//!
//! - an [`Overview`]: documents, passages, participants per stakeholder group, the date range
//!   where passages carry dates, submissions and campaigns;
//! - sections by theme (default; ordered by distinct passages, then taxonomy order), by the
//!   documents' own top-level headings, or by the questions posed ([`By`], `structure.rs`);
//! - per section: passage counts, voices and participants per group, the groups that are silent;
//!   key points chosen for centrality and diversity (`keypoints.rs`); recommendations with
//!   near-duplicates merged and counted (`recommendations.rs`); points of disagreement
//!   (`disagreement.rs`); minority views (`minority.rs`); open questions (`questions.rs`);
//!   reviewers' comments on the section's text; the campaigns among its passages;
//! - campaigns: near-identical submissions and copied passages, each shown once with its count
//!   (`campaigns.rs`, MinHash with banding);
//! - the context: each quoted passage whole, for the HTML report's links.
//!
//! The contract: every quote is a slice of its passage's text at absolute offsets, so `text ==
//! doc.text[start..end]`; a redacted quote keeps its verbatim `parts` instead (`types.rs`,
//! `redact.rs`). Attribution follows [`Attribution`]: in the anonymous and group modes no
//! participant name appears anywhere in the outline (quotes, labels, titles, anchors,
//! attributions). Personal data is redacted unless `redact` is off. Headings are never counted
//! in a section nor quoted. The same input gives the same outline, whatever the thread count,
//! and [`markdown::render`], [`json::render`] and [`html::render`] the same bytes.
//! [`verify::verify`] checks an output directory against its sources.
//!
//! ```
//! use rapporteur::model::{DocInfo, Document, How, Passage, PassageKind, Speaker, ThemeTag};
//! use rapporteur::synth::{build, OutlineOptions};
//!
//! let doc = Document {
//!     id: "notes".into(),
//!     path: "notes.txt".into(), path_raw: None,
//!     format: "text".into(),
//!     title: Some("Lessons learned".into()),
//!     kind: "notes".into(),
//!     text: "Lessons learned:\n• Participation is a major issue. (Andy Orsmond)\n".into(),
//!     meta: Default::default(),
//!     warnings: Vec::new(),
//!     blocks: Vec::new(),
//!     authors: Vec::new(),
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
//! assert_eq!(quote.shown(), "Participation is a major issue.");
//! assert_eq!(quote.verbatim.text.as_deref(), Some(&doc.text[quote.start..quote.end]));
//! assert_eq!(quote.attribution, "Andy Orsmond");
//! assert_eq!(outline.sections[0].voices["unknown"], 1);
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::model::{DocInfo, Group, Passage, PassageKind, Position};

pub mod attribution;
pub mod bidi;
pub mod campaigns;
mod disagreement;
pub mod edits;
pub mod features;
pub mod html;
pub mod json;
mod keypoints;
pub mod markdown;
mod minority;
pub mod overview;
mod placement;
mod questions;
mod quotes;
mod recommendations;
pub mod redact;
mod sentences;
pub mod structure;
mod svg;
#[cfg(test)]
mod tests;
mod types;
pub mod verify;

pub use types::*;

use campaigns::Duplicates;
use features::Features;
use placement::Taken;
use quotes::Excerpt;
use redact::Redactor;
use structure::Spec;

/// Rounds of drafting again the sections that lost items to others (see `placement.rs`).
const PLACEMENT_ROUNDS: usize = 3;

/// The key for passages whose voice (or participants whose group) is not known.
pub const UNKNOWN_VOICE: &str = "unknown";

/// What the section builders share: the passages, their features, duplicates, the redactor.
pub(crate) struct Ctx<'a> {
    pub passages: &'a [Passage],
    pub opts: &'a OutlineOptions,
    pub features: Vec<Option<Features>>,
    pub dups: Duplicates,
    pub redactor: Redactor,
    /// Document id → source shown (title or path, redacted).
    titles: BTreeMap<&'a str, String>,
    /// Document id → (start, end, index) of its body passages (not comments, revisions or
    /// headings), sorted by start: where comments' anchors are looked up.
    bodies: HashMap<&'a str, Vec<(usize, usize, usize)>>,
    /// Groups heard anywhere in the corpus.
    pub heard: BTreeSet<Group>,
    /// Passage id → index.
    index: HashMap<&'a str, usize>,
    /// Document id → kind (`report`, `notes`, `paper`, …).
    kinds: HashMap<&'a str, &'a str>,
    /// Every stance cue of the corpus that names its object, in corpus order: what
    /// disagreements pair and recommendations count, read once.
    pub stance_objects: Vec<StanceObject>,
}

/// A stance cue that names its object: its passage, the cue's index in the passage's stance,
/// its position, the object's content words ([`disagreement::object_words`]) and its head
/// ([`disagreement::head_word`]).
pub(crate) struct StanceObject {
    pub passage: usize,
    pub cue: usize,
    pub position: Position,
    pub words: BTreeMap<u64, String>,
    pub head: Option<u64>,
}

/// The stance objects of `passages` (see [`StanceObject`]).
fn stance_objects(passages: &[Passage]) -> Vec<StanceObject> {
    let mut out = Vec::new();
    for (i, p) in passages.iter().enumerate() {
        if p.stance.position == Position::Neutral {
            continue;
        }
        for (k, c) in p.stance.cues.iter().enumerate() {
            if let Some(o) = &c.object {
                out.push(StanceObject {
                    passage: i,
                    cue: k,
                    position: c.position,
                    words: disagreement::object_words(&o.text),
                    head: disagreement::head_word(&o.text),
                });
            }
        }
    }
    out
}

impl<'a> Ctx<'a> {
    fn new(docs: &'a [DocInfo], passages: &'a [Passage], opts: &'a OutlineOptions) -> Ctx<'a> {
        let mut features: Vec<Option<Features>> = passages
            .par_iter()
            .map(|p| (p.kind != PassageKind::Heading).then(|| features::features(&p.text)))
            .collect();
        features::weigh(&mut features);
        let dups = campaigns::detect(passages, &features, opts.min_campaign);
        let redactor = Redactor::for_outline(passages, opts);
        let titles = docs
            .iter()
            .map(|d| {
                let shown = match d.title.as_deref().map(attribution::collapse) {
                    Some(t) if !t.is_empty() => redactor.display(&t),
                    // A path names people as file names do, in any case.
                    _ => redactor.display_id(&d.path),
                };
                (d.id.as_str(), shown)
            })
            .collect();
        let mut bodies: HashMap<&str, Vec<(usize, usize, usize)>> = HashMap::new();
        for (i, p) in passages.iter().enumerate() {
            if !matches!(
                p.kind,
                PassageKind::Comment | PassageKind::Revision | PassageKind::Heading
            ) {
                bodies
                    .entry(p.doc.as_str())
                    .or_default()
                    .push((p.start, p.end, i));
            }
        }
        for list in bodies.values_mut() {
            list.sort_unstable();
        }
        let heard = passages.iter().filter_map(|p| p.voice).collect();
        let index = passages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let kinds = docs
            .iter()
            .map(|d| (d.id.as_str(), d.kind.as_str()))
            .collect();
        Ctx {
            kinds,
            stance_objects: stance_objects(passages),
            passages,
            opts,
            features,
            dups,
            redactor,
            titles,
            bodies,
            heard,
            index,
        }
    }

    /// The kind of document `doc` (empty when unknown).
    pub fn doc_kind(&self, doc: &str) -> &str {
        self.kinds.get(doc).copied().unwrap_or_default()
    }

    /// The index of the passage with id `id`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The passage at `i`.
    pub fn passage(&self, i: usize) -> Option<&'a Passage> {
        self.passages.get(i)
    }

    /// The term vector of passage `i`.
    pub fn terms(&self, i: usize) -> &[(u64, f32)] {
        self.features
            .get(i)
            .and_then(Option::as_ref)
            .map_or(&[], |f| f.terms.as_slice())
    }

    /// The source shown for a document: its title, else its path, else its id.
    pub fn source(&self, doc: &str) -> String {
        self.titles
            .get(doc)
            .cloned()
            .unwrap_or_else(|| self.redactor.display_id(doc))
    }

    /// The body passage (of the same document) whose span holds the start of the anchor of
    /// comment `i`.
    pub fn anchored(&self, i: usize) -> Option<usize> {
        let p = self.passage(i)?;
        let anchor = p.anchor.as_ref()?;
        let list = self.bodies.get(p.doc.as_str())?;
        let pos = list.partition_point(|&(start, _, _)| start <= anchor.start);
        let &(_, end, j) = list.get(pos.checked_sub(1)?)?;
        (anchor.start < end).then_some(j)
    }

    /// A quote of passage `i` over the excerpt `ex` (relative to the passage text).
    pub fn quote(&self, i: usize, ex: Excerpt) -> Option<Quote> {
        let p = self.passage(i)?;
        if p.end.checked_sub(p.start) != Some(p.text.len()) {
            return None;
        }
        let text = p.text.get(ex.start..ex.end)?;
        let mode = self.opts.attribution;
        Some(Quote {
            doc: p.doc.clone(),
            passage: p.id.clone(),
            start: p.start + ex.start,
            end: p.start + ex.end,
            verbatim: self.redactor.verbatim(&p.doc, p.start + ex.start, text),
            speaker: p.speaker.as_ref().map(|s| {
                let s = if mode == Attribution::Group {
                    attribution::with_voice(s, p)
                } else {
                    s.clone()
                };
                attribution::shown_speaker(&s, mode)
            }),
            attribution: attribution::attribution(
                p,
                mode,
                &self.redactor,
                self.anchored(i)
                    .and_then(|j| self.passage(j))
                    .map(|q| q.section.as_slice()),
            ),
            source: self.source(&p.doc),
            section: self.section_path(p),
            truncated: ex.truncated,
            copies: 1,
        })
    }

    /// A quote of the absolute span `start..end` of passage `i` (a recommendation, a question).
    pub fn quote_span(&self, i: usize, start: usize, end: usize) -> Option<Quote> {
        let p = self.passage(i)?;
        let (s, e) = (start.checked_sub(p.start)?, end.checked_sub(p.start)?);
        let (s, e) = sentences::trim(&p.text, s, e);
        if s >= e {
            return None;
        }
        self.quote(
            i,
            Excerpt {
                start: s,
                end: e,
                truncated: false,
            },
        )
    }

    /// The passage's headings, cleaned and redacted (their bidi controls closed), joined with
    /// " › ".
    pub fn section_path(&self, p: &Passage) -> String {
        p.section
            .iter()
            .map(|h| {
                let shown = self.redactor.display(&attribution::clean_heading(h));
                bidi::closed(&shown).into_owned()
            })
            .collect::<Vec<_>>()
            .join(" › ")
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
    let ctx = Ctx::new(docs, passages, opts);
    let specs = structure::sections(passages, &ctx.features, opts.by, theme_labels);
    // Drafted, placed (each quote once), drafted again without what other sections print
    // where items went elsewhere (filling up with the next best), for a few rounds; what still
    // clashes after them is left out.
    let mut taken: Vec<Taken> = vec![Taken::none(); specs.len()];
    let mut drafts: Vec<Section> = specs
        .par_iter()
        .zip(&taken)
        .map(|(spec, t)| section(&ctx, spec, t))
        .collect();
    let mut last = placement::place(&ctx, &specs, &drafts);
    for _ in 0..PLACEMENT_ROUNDS {
        let lost: Vec<usize> = (0..specs.len())
            .filter(|n| last.dropped.get(*n).is_some_and(|d| !d.is_empty()))
            .collect();
        if lost.is_empty() {
            break;
        }
        for &n in &lost {
            if let (Some(t), Some(more)) = (taken.get_mut(n), last.taken.get(n)) {
                t.extend(more);
            }
        }
        let again: Vec<(usize, Section)> = lost
            .par_iter()
            .filter_map(|&n| Some((n, section(&ctx, specs.get(n)?, taken.get(n)?))))
            .collect();
        for (n, s) in again {
            if let Some(d) = drafts.get_mut(n) {
                *d = s;
            }
        }
        last = placement::place(&ctx, &specs, &drafts);
    }
    for (s, dropped) in drafts.iter_mut().zip(&last.dropped) {
        placement::drop_items(s, dropped);
    }
    let refs = placement::references(&ctx, &specs, &drafts);
    for (s, also) in drafts.iter_mut().zip(refs) {
        s.also = also;
    }
    let mut sections: Vec<(usize, Section)> = drafts.into_iter().enumerate().collect();
    if opts.by == By::Theme {
        // The passages no theme matches come last.
        sections.sort_by_key(|(pos, s)| {
            (
                s.id == structure::NOT_COVERED,
                std::cmp::Reverse(s.distinct),
                *pos,
            )
        });
    }
    let sections: Vec<Section> = sections.into_iter().map(|(_, s)| s).collect();
    let campaigns = campaigns_of(&ctx);
    let edits = edits::edits(&ctx);
    let mut overview = overview::overview(&ctx, theme_labels.len(), sections.len());
    let paths: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| (d.id.as_str(), d.path.as_str()))
        .collect();
    overview.coverage = overview::coverage(
        &paths,
        passages,
        &quoted_ids(&sections, &campaigns, &edits),
        &|path| ctx.redactor.display_id(path),
    );
    let context = context(&ctx, &sections, &campaigns, &edits);
    let mut outline = Outline {
        options: opts.clone(),
        overview,
        campaigns,
        sections,
        edits,
        context,
    };
    // Numbered over the documents with passages, as `verify` sees them in passages.jsonl.
    let neutral = ctx
        .redactor
        .neutral_ids(passages.iter().map(|p| p.doc.as_str()));
    if !neutral.is_empty() {
        outline.rename_documents(&|id| neutral.get(id).cloned());
    }
    outline
}

/// One section of the outline, without the spans `taken` (printed in other sections).
fn section(ctx: &Ctx, spec: &Spec, taken: &Taken) -> Section {
    let members: Vec<&Passage> = spec
        .members
        .iter()
        .filter_map(|&i| ctx.passage(i))
        .collect();
    let distinct: BTreeSet<usize> = spec
        .members
        .iter()
        .map(|&i| ctx.dups.rep.get(i).copied().unwrap_or(i))
        .collect();
    let documents: BTreeSet<&str> = members.iter().map(|p| p.doc.as_str()).collect();
    let voices = voices(members.iter().copied());
    let mut people: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &members {
        if let Some(name) = attribution::speaker_key(p) {
            let group = p.voice.map_or(UNKNOWN_VOICE, Group::as_str);
            people.entry(group.to_string()).or_default().insert(name);
        }
    }
    let silent = ctx
        .heard
        .iter()
        .filter(|g| !voices.contains_key(g.as_str()))
        .copied()
        .collect();
    // In the order `placement.rs` places them, each kind without what the kinds before it
    // print here; a passage is not a key point and a recommendation of the same section.
    let mut own = taken.clone();
    let touching = disagreement::comments_touching(ctx, spec);
    let disagreements = disagreement::find(ctx, spec, &touching, &own);
    for d in &disagreements {
        for q in d.point.iter().chain([&d.reply]) {
            own.add_quote(q);
        }
    }
    let (recommendations, recommendations_total) = recommendations::merge(ctx, spec, &own);
    for r in &recommendations {
        if let Some(p) = ctx.index_of(&r.quote.passage).and_then(|i| ctx.passage(i)) {
            own.add(&p.doc, p.start, p.end);
        }
        own.add_quote(&r.quote);
    }
    let quotes = keypoints::select(ctx, spec, &own);
    for q in &quotes {
        own.add_quote(q);
    }
    let minority = minority::find(ctx, spec, &quotes, &own);
    for m in &minority {
        own.add_quote(&m.quote);
    }
    let questions = questions::open(ctx, spec, &own);
    for q in &questions {
        own.add_quote(q);
    }
    let comments = disagreement::comments(ctx, spec, &touching, &disagreements, &own);
    let mut shares: BTreeMap<usize, usize> = BTreeMap::new();
    for &i in &spec.members {
        if let Some(Some(c)) = ctx.dups.campaign_of.get(i) {
            *shares.entry(*c).or_insert(0) += 1;
        }
    }
    Section {
        id: spec.id.clone(),
        label: match &spec.opening {
            Some(doc) => format!("{} (opening)", ctx.source(doc)),
            // A theme's label is the taxonomy's, not contribution text.
            None if spec.theme.is_some() || spec.id == structure::NOT_COVERED => spec.label.clone(),
            // Redacted first, then cut: a name at the cut is still a name.
            None => match spec.label_chars {
                Some(max) => attribution::snippet(&ctx.redactor.display(&spec.label), max),
                None => ctx.redactor.display(&spec.label),
            },
        },
        question: spec.question.and_then(|(i, s, e)| ctx.quote_span(i, s, e)),
        passages: members.len(),
        distinct: distinct.len(),
        documents: documents.len(),
        voices,
        participants: people.into_iter().map(|(g, n)| (g, n.len())).collect(),
        silent,
        quotes,
        recommendations_total,
        recommendations,
        disagreements,
        minority,
        questions,
        comments,
        campaigns: shares
            .into_iter()
            .map(|(c, n)| CampaignShare {
                campaign: campaign_id(c),
                passages: n,
            })
            .collect(),
        also: Vec::new(),
    }
}

/// `campaign-1`, … for the campaign at `index`.
fn campaign_id(index: usize) -> String {
    format!("campaign-{}", index + 1)
}

/// The campaigns, rendered.
fn campaigns_of(ctx: &Ctx) -> Vec<Campaign> {
    ctx.dups
        .campaigns
        .iter()
        .enumerate()
        .filter_map(|(k, c)| {
            let p = ctx.passage(c.example)?;
            let hits = |_: &str| 0;
            let ex = quotes::excerpt(p, &hits)?;
            let ex = quotes::avoid_redactions(p, ex, &ctx.redactor);
            let mut example = ctx.quote(c.example, ex)?;
            example.copies = c.passages.len().max(1);
            Some(Campaign {
                id: campaign_id(k),
                kind: c.kind,
                submissions: c.docs.len(),
                documents: c.docs.clone(),
                passages: c.passages.len(),
                voices: voices(c.passages.iter().filter_map(|&i| ctx.passage(i))),
                example,
            })
        })
        .collect()
}

/// Passages per voice group id, with `"unknown"` for passages without a voice.
pub(crate) fn voices<'a>(passages: impl Iterator<Item = &'a Passage>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for p in passages {
        let key = p.voice.map_or(UNKNOWN_VOICE, Group::as_str);
        *counts.entry(key.to_string()).or_insert(0) += 1;
    }
    counts
}

/// Passages that take a position, per voice group id (`"unknown"` for no voice).
pub(crate) fn stances<'a>(
    passages: impl Iterator<Item = &'a Passage>,
) -> BTreeMap<String, StanceCounts> {
    let mut counts: BTreeMap<String, StanceCounts> = BTreeMap::new();
    for p in passages {
        if p.stance.position == Position::Neutral {
            continue;
        }
        let key = p.voice.map_or(UNKNOWN_VOICE, Group::as_str);
        let c = counts.entry(key.to_string()).or_default();
        match p.stance.position {
            Position::Supports => c.supports += 1,
            Position::Opposes => c.opposes += 1,
            Position::Mixed => c.mixed += 1,
            Position::Neutral => {}
        }
    }
    counts
}

/// The ids of the passages the outline quotes: in its sections and as campaigns' examples.
pub(crate) fn quoted_ids<'a>(
    sections: &'a [Section],
    campaigns: &'a [Campaign],
    edits: &'a [DraftEdits],
) -> BTreeSet<&'a str> {
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    for d in edits {
        for p in &d.paragraphs {
            ids.extend(p.edits.iter().map(|e| e.quote.passage.as_str()));
        }
    }
    for c in campaigns {
        ids.insert(c.example.passage.as_str());
    }
    for s in sections {
        let quoted = s.question.iter().chain(s.printed());
        ids.extend(quoted.map(|q| q.passage.as_str()));
    }
    ids
}

/// Every passage a quote comes from, whole and in corpus order.
fn context(
    ctx: &Ctx,
    sections: &[Section],
    campaigns: &[Campaign],
    edits: &[DraftEdits],
) -> Vec<Quote> {
    let ids = quoted_ids(sections, campaigns, edits);
    ctx.passages
        .iter()
        .enumerate()
        .filter(|(_, p)| ids.contains(p.id.as_str()))
        .filter_map(|(i, p)| {
            ctx.quote(
                i,
                Excerpt {
                    start: 0,
                    end: p.text.len(),
                    truncated: false,
                },
            )
        })
        .collect()
}
