//! Each quote once: a quoted span is printed in the one section where it fits best; the other
//! sections it belongs to list it by reference ("also under Trust and relationships").
//!
//! What: every item a section prints — a key point, a recommendation, a point of disagreement
//! (both sides), a minority view, an open question, a reviewer's comment — is a set of spans of
//! the documents. Kinds are placed in the order a section is drafted — disagreements,
//! recommendations, key points, minority views, open questions, comments (a section drafts
//! each kind without what the kinds before it print there) — each kind best fit first: the theme score of
//! the item's passages for the section's theme (a comment's, else the score of the text it
//! annotates), or membership in an outline by heading or question; then section and list
//! order. So a span that is a disagreement's side in one section and a key point in another is
//! the disagreement, and the other section takes its next key point. (The points of
//! disagreement of one thread may share a side within their section.) An item
//! whose span overlaps one already placed is not printed again. The builder first drafts every
//! section, places, drafts again the sections that lost items with the spans printed elsewhere
//! taken away (so they fill up with their next best), and places again, for a few rounds; what
//! still clashes after them is left out. Then each placed item is listed by reference in the other
//! sections its passage belongs to.
//!
//! Why: a rapporteur reads a quote once, where it matters most; 43% of the demo's quoted spans
//! were printed in several sections before.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::attribution::collapse;

use super::keypoints::relevance;
use super::structure::{NOT_COVERED, Spec};
use super::{AlsoUnder, Ctx, ItemKind, Quote, Section};

/// Spans of the documents already printed (by document id, absolute offsets), and their
/// texts: a copy of a printed text in another document (a form letter's) is printed too.
#[derive(Clone, Debug, Default)]
pub(crate) struct Taken {
    spans: HashMap<String, Vec<(usize, usize)>>,
    texts: HashSet<String>,
}

/// What makes two printed texts the same: case, spacing and final punctuation aside.
pub(crate) fn text_key(text: &str) -> String {
    collapse(text)
        .trim_end_matches(['.', '!', ';', ',', ':'])
        .to_lowercase()
}

impl Taken {
    /// Nothing taken.
    pub fn none() -> Taken {
        Taken::default()
    }

    pub fn add(&mut self, doc: &str, start: usize, end: usize) {
        self.spans
            .entry(doc.to_string())
            .or_default()
            .push((start, end));
    }

    /// Adds the quote's span and text.
    pub fn add_quote(&mut self, q: &Quote) {
        self.add(&q.doc, q.start, q.end);
        self.texts.insert(text_key(q.shown()));
    }

    /// True when `start..end` of `doc` overlaps a taken span or `text` is a taken text.
    pub fn holds(&self, doc: &str, start: usize, end: usize, text: &str) -> bool {
        self.overlaps(doc, start, end) || self.texts.contains(&text_key(text))
    }

    /// Adds every span and text of `other`.
    pub fn extend(&mut self, other: &Taken) {
        self.texts.extend(other.texts.iter().cloned());
        for (doc, spans) in &other.spans {
            self.spans
                .entry(doc.clone())
                .or_default()
                .extend(spans.iter().copied());
        }
    }

    /// True when `start..end` of `doc` overlaps a taken span (an empty span overlaps a span
    /// that holds its position).
    pub fn overlaps(&self, doc: &str, start: usize, end: usize) -> bool {
        self.spans.get(doc).is_some_and(|list| {
            list.iter()
                .any(|&(s, e)| s < end.max(start + 1) && start < e.max(s + 1))
        })
    }

    /// True when neither the quote's span nor its text is taken.
    pub fn free(&self, q: &Quote) -> bool {
        !self.holds(&q.doc, q.start, q.end, q.shown())
    }
}

/// One printed item of a section.
struct Entry {
    section: usize,
    kind: ItemKind,
    /// Position in its list.
    index: usize,
    quotes: Vec<Quote>,
    /// The passage the item is listed by in other sections.
    passage: String,
    attribution: String,
    fit: f64,
}

fn priority(kind: ItemKind) -> u8 {
    match kind {
        ItemKind::Disagreement => 0,
        ItemKind::Recommendation => 1,
        ItemKind::KeyPoint => 2,
        ItemKind::Minority => 3,
        ItemKind::Question => 4,
        ItemKind::Comment => 5,
    }
}

/// How well passage `id` fits section `spec`.
fn fit(ctx: &Ctx, spec: &Spec, id: &str) -> f64 {
    let Some(i) = ctx.index_of(id) else {
        return 0.0;
    };
    let score = |i: usize| -> Option<f64> {
        let p = ctx.passage(i)?;
        match &spec.theme {
            Some(theme) => p
                .themes
                .iter()
                .any(|t| &t.id == theme)
                .then(|| relevance(p, spec)),
            // What no theme matches fits nowhere better than where a theme matches.
            None if spec.id == NOT_COVERED => None,
            None => spec.members.binary_search(&i).is_ok().then_some(1.0),
        }
    };
    score(i)
        .or_else(|| ctx.anchored(i).and_then(score))
        .unwrap_or(0.0)
}

fn entries(ctx: &Ctx, specs: &[Spec], sections: &[Section]) -> Vec<Entry> {
    let mut out = Vec::new();
    for (n, (spec, s)) in specs.iter().zip(sections).enumerate() {
        let mut push = |kind: ItemKind, index: usize, quotes: Vec<&Quote>| {
            // A disagreement is listed by its reply, the other items by their one quote.
            let Some(main) = quotes.last() else { return };
            let fit = quotes
                .iter()
                .map(|q| fit(ctx, spec, &q.passage))
                .fold(0.0f64, f64::max);
            out.push(Entry {
                section: n,
                kind,
                index,
                passage: main.passage.clone(),
                attribution: main.attribution.clone(),
                quotes: quotes.into_iter().cloned().collect(),
                fit,
            });
        };
        for (k, r) in s.recommendations.iter().enumerate() {
            push(ItemKind::Recommendation, k, vec![&r.quote]);
        }
        for (k, d) in s.disagreements.iter().enumerate() {
            let mut q: Vec<&Quote> = d.point.iter().collect();
            q.push(&d.reply);
            push(ItemKind::Disagreement, k, q);
        }
        for (k, q) in s.quotes.iter().enumerate() {
            push(ItemKind::KeyPoint, k, vec![q]);
        }
        for (k, m) in s.minority.iter().enumerate() {
            push(ItemKind::Minority, k, vec![&m.quote]);
        }
        for (k, q) in s.questions.iter().enumerate() {
            push(ItemKind::Question, k, vec![q]);
        }
        for (k, q) in s.comments.iter().enumerate() {
            push(ItemKind::Comment, k, vec![q]);
        }
    }
    out
}

/// What placing decided.
pub(crate) struct Placement {
    /// Per section: the spans printed in the other sections.
    pub taken: Vec<Taken>,
    /// Per section: the items (kind, list position) it must not print.
    pub dropped: Vec<BTreeSet<(ItemKind, usize)>>,
}

/// Places the items of `sections` (see the module doc).
pub(crate) fn place(ctx: &Ctx, specs: &[Spec], sections: &[Section]) -> Placement {
    let mut list = entries(ctx, specs, sections);
    list.sort_by(|a, b| {
        priority(a.kind)
            .cmp(&priority(b.kind))
            .then(b.fit.total_cmp(&a.fit))
            .then((a.section, a.index).cmp(&(b.section, b.index)))
    });
    let n = sections.len();
    let mut printed: Vec<Taken> = vec![Taken::none(); n];
    let mut dropped: Vec<BTreeSet<(ItemKind, usize)>> = vec![BTreeSet::new(); n];
    for e in &list {
        // The points of disagreement of one thread share sides ("B answers A", "C answers
        // B"): in the same section that is no repeat. Anything else is.
        let clash = e.quotes.iter().any(|q| {
            printed.iter().enumerate().any(|(k, p)| {
                let shared_side = k == e.section && e.kind == ItemKind::Disagreement;
                !shared_side && !p.free(q)
            })
        });
        if clash {
            if let Some(d) = dropped.get_mut(e.section) {
                d.insert((e.kind, e.index));
            }
            continue;
        }
        if let Some(p) = printed.get_mut(e.section) {
            for q in &e.quotes {
                p.add_quote(q);
            }
        }
    }
    let taken = (0..n)
        .map(|k| {
            let mut t = Taken::none();
            for (j, p) in printed.iter().enumerate() {
                if j != k {
                    t.extend(p);
                }
            }
            t
        })
        .collect();
    Placement { taken, dropped }
}

/// Removes the dropped items of `section`.
pub(crate) fn drop_items(section: &mut Section, dropped: &BTreeSet<(ItemKind, usize)>) {
    fn keep<T>(list: &mut Vec<T>, kind: ItemKind, dropped: &BTreeSet<(ItemKind, usize)>) {
        let mut k = 0;
        list.retain(|_| {
            let keep = !dropped.contains(&(kind, k));
            k += 1;
            keep
        });
    }
    keep(
        &mut section.recommendations,
        ItemKind::Recommendation,
        dropped,
    );
    keep(&mut section.disagreements, ItemKind::Disagreement, dropped);
    keep(&mut section.quotes, ItemKind::KeyPoint, dropped);
    keep(&mut section.minority, ItemKind::Minority, dropped);
    keep(&mut section.questions, ItemKind::Question, dropped);
    keep(&mut section.comments, ItemKind::Comment, dropped);
}

/// The references each section lists: items printed in another section whose passage is a
/// member of this one, in the other sections' order, then their lists' order.
pub(crate) fn references(ctx: &Ctx, specs: &[Spec], sections: &[Section]) -> Vec<Vec<AlsoUnder>> {
    let list = entries(ctx, specs, sections);
    let mut by_section: BTreeMap<usize, Vec<AlsoUnder>> = BTreeMap::new();
    for (n, spec) in specs.iter().enumerate() {
        let mut seen: BTreeSet<(ItemKind, &str)> = BTreeSet::new();
        for e in list.iter().filter(|e| e.section != n) {
            let member = ctx
                .index_of(&e.passage)
                .is_some_and(|i| spec.members.binary_search(&i).is_ok());
            if !member || !seen.insert((e.kind, e.passage.as_str())) {
                continue;
            }
            let Some(home) = sections.get(e.section) else {
                continue;
            };
            by_section.entry(n).or_default().push(AlsoUnder {
                section: home.id.clone(),
                label: home.label.clone(),
                kind: e.kind,
                passage: e.passage.clone(),
                attribution: e.attribution.clone(),
            });
        }
    }
    (0..sections.len())
        .map(|n| by_section.remove(&n).unwrap_or_default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_spans_of_the_same_document_are_taken() {
        let mut t = Taken::none();
        t.add("a", 10, 20);
        assert!(t.overlaps("a", 15, 30));
        assert!(t.overlaps("a", 0, 11));
        assert!(!t.overlaps("a", 20, 30));
        assert!(!t.overlaps("a", 0, 10));
        assert!(!t.overlaps("b", 10, 20));
        assert!(t.overlaps("a", 12, 12));
    }
}
