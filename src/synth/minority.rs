//! Minority views: points a section hears from one stakeholder group only.
//!
//! What: among the section's passages whose voice is known (comments, footnotes and headings aside), a
//! passage makes a point of its own group when most of its weight lies on words that no other
//! group uses in the section ([`MIN_SHARE`] of its stem vector). Each group's best such
//! passage (that share, its relevance, a named speaker) is quoted, at the sentence carrying
//! most of those words, smallest groups first. Nothing is reported while fewer than two groups
//! are heard in the section, nor passages already quoted as key points.
//!
//! Why: a synthesis reports what only some stakeholders raised — the concern of the one
//! government in a room of NGOs — and key points chosen for centrality would drown it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::keypoints::{key_hits, relevance};
use super::quotes::{avoid_redactions, excerpt, passage_score};
use super::structure::Spec;
use super::{Ctx, MinorityView, Quote};
use crate::model::{Group, PassageKind};

/// Share of a passage's stem weight that must be its group's alone.
pub const MIN_SHARE: f32 = 0.4;
/// Passages with fewer content stems say too little to stand as a point.
const MIN_TERMS: usize = 5;

fn bit(g: Group) -> u8 {
    let pos = Group::ALL.iter().position(|&x| x == g).unwrap_or(0);
    1u8 << pos
}

/// The minority views of a section (see the module doc), at most `max_minority`.
pub fn find(ctx: &Ctx, spec: &Spec, quotes: &[Quote]) -> Vec<MinorityView> {
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
    let mut best: BTreeMap<Group, (f64, usize)> = BTreeMap::new();
    for &(i, g) in &voiced {
        let Some(p) = ctx.passage(i) else { continue };
        let terms = ctx.terms(i);
        if terms.len() < MIN_TERMS || quoted.contains(p.id.as_str()) {
            continue;
        }
        let own: f32 = terms
            .iter()
            .filter(|(k, _)| mask.get(k) == Some(&bit(g)))
            .map(|(_, w)| w * w)
            .sum();
        if own < MIN_SHARE {
            continue;
        }
        let score = f64::from(own) + 0.5 * passage_score(p, relevance(p, spec));
        let better = best
            .get(&g)
            .is_none_or(|&(s, j)| score > s || (score == s && i < j));
        if better {
            best.insert(g, (score, i));
        }
    }
    let mut groups: Vec<(Group, usize)> = best.iter().map(|(&g, &(_, i))| (g, i)).collect();
    groups.sort_by_key(|&(g, _)| (sizes.get(&g).copied().unwrap_or(0), g));
    groups
        .into_iter()
        .take(ctx.opts.max_minority)
        .filter_map(|(g, i)| {
            let p = ctx.passage(i)?;
            let own: HashSet<u64> = ctx
                .terms(i)
                .iter()
                .filter(|(k, _)| mask.get(k) == Some(&bit(g)))
                .map(|&(k, _)| k)
                .collect();
            let score_sentence = |s: &str| key_hits(s, &own);
            let ex = excerpt(p, &score_sentence)?;
            let quote = ctx.quote(i, avoid_redactions(p, ex, &ctx.redactor))?;
            Some(MinorityView { group: g, quote })
        })
        .collect()
}
