//! Minority views: points a section hears from one stakeholder group only.
//!
//! What: among the section's passages whose voice is known (comments, footnotes, revisions
//! and headings aside), a passage makes a point of its own group when most of its weight lies
//! on words that no other group uses in the section ([`MIN_SHARE`] of its stem vector). Each
//! group's best such passage (that share, its relevance, a named speaker) is quoted at the
//! sentence carrying most of those words, if that sentence reads as a statement (a whole
//! sentence of some length, not a wrapped line or a reference list); smallest groups first.
//! Nothing is reported while fewer than two groups are heard in the section, nor passages
//! already quoted as key points.
//!
//! Why: a synthesis reports what only some stakeholders raised — the concern of the one
//! government in a room of NGOs — and key points chosen for centrality would drown it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::keypoints::{key_hits, relevance};
use super::placement::Taken;
use super::quotes::{Excerpt, avoid_redactions, excerpt, is_fragment, passage_score};
use super::structure::Spec;
use super::{Ctx, MinorityView, Quote};
use crate::model::{Group, PassageKind};

/// Share of a passage's stem weight that must be its group's alone.
pub const MIN_SHARE: f32 = 0.4;
/// Passages with fewer content stems say too little to stand as a point.
const MIN_TERMS: usize = 5;
/// Nor do sentences shorter than this ("Participation is a major issue." is 31).
const MIN_CHARS: usize = 25;

/// Whether an excerpt reads as a statement someone made: a whole sentence of some length,
/// opening like one, not a wrapped fragment nor a reference list (mostly capitalised words or
/// numbers).
fn is_statement(text: &str) -> bool {
    let body = text.trim();
    let opens = body
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "“\"‘'(".contains(c));
    let words: Vec<&str> = body.split_whitespace().collect();
    let listy = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphanumeric())
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    opens
        && body.chars().count() >= MIN_CHARS
        && !is_fragment(body)
        && !body.contains('\n')
        && listy * 5 <= words.len() * 2
}

fn bit(g: Group) -> u8 {
    let pos = Group::ALL.iter().position(|&x| x == g).unwrap_or(0);
    1u8 << pos
}

/// The minority views of a section (see the module doc), at most `max_minority`.
/// Spans in `taken` (printed in another section) are not chosen.
pub(crate) fn find(ctx: &Ctx, spec: &Spec, quotes: &[Quote], taken: &Taken) -> Vec<MinorityView> {
    let voiced: Vec<(usize, Group)> = spec
        .members
        .iter()
        .filter_map(|&i| {
            let p = ctx.passage(i)?;
            let g = p.voice?;
            let skip = matches!(
                p.kind,
                PassageKind::Heading
                    | PassageKind::Comment
                    | PassageKind::Footnote
                    | PassageKind::Revision
            );
            (!skip).then_some((i, g))
        })
        .collect();
    let mut sizes: BTreeMap<Group, usize> = BTreeMap::new();
    for &(_, g) in &voiced {
        *sizes.entry(g).or_insert(0) += 1;
    }
    if sizes.len() < 2 || ctx.opts.max_minority == 0 {
        return Vec::new();
    }
    let mut mask: HashMap<u64, u8> = HashMap::new();
    for &(i, g) in &voiced {
        for &(k, _) in ctx.terms(i) {
            *mask.entry(k).or_insert(0) |= bit(g);
        }
    }
    let quoted: BTreeSet<&str> = quotes.iter().map(|q| q.passage.as_str()).collect();
    let mut best: BTreeMap<Group, (f64, usize, Excerpt)> = BTreeMap::new();
    for &(i, g) in &voiced {
        let Some(p) = ctx.passage(i) else { continue };
        let terms = ctx.terms(i);
        if terms.len() < MIN_TERMS || quoted.contains(p.id.as_str()) {
            continue;
        }
        let own: HashSet<u64> = terms
            .iter()
            .filter(|(k, _)| mask.get(k) == Some(&bit(g)))
            .map(|&(k, _)| k)
            .collect();
        let share: f32 = terms
            .iter()
            .filter(|(k, _)| own.contains(k))
            .map(|(_, w)| w * w)
            .sum();
        if share < MIN_SHARE {
            continue;
        }
        let score_sentence = |s: &str| key_hits(s, &own);
        let Some(ex) = excerpt(p, &score_sentence) else {
            continue;
        };
        let ex = avoid_redactions(p, ex, &ctx.redactor);
        let text = p.text.get(ex.start..ex.end).unwrap_or_default();
        if taken.holds(&p.doc, p.start + ex.start, p.start + ex.end, text) {
            continue;
        }
        if !is_statement(p.text.get(ex.start..ex.end).unwrap_or_default()) {
            continue;
        }
        let rel = relevance(p, spec);
        let score = f64::from(share) * (0.5 + rel.min(1.0)) + passage_score(p, 0.0);
        let better = best
            .get(&g)
            .is_none_or(|&(s, j, _)| score > s || (score == s && i < j));
        if better {
            best.insert(g, (score, i, ex));
        }
    }
    let mut groups: Vec<(Group, usize, Excerpt)> =
        best.into_iter().map(|(g, (_, i, ex))| (g, i, ex)).collect();
    groups.sort_by_key(|&(g, ..)| (sizes.get(&g).copied().unwrap_or(0), g));
    groups
        .into_iter()
        .take(ctx.opts.max_minority)
        .filter_map(|(g, i, ex)| {
            let quote = ctx.quote(i, ex)?;
            Some(MinorityView { group: g, quote })
        })
        .collect()
}
