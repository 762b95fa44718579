//! Recommendations of a section, near-duplicates merged and counted: "raised by 6 participants
//! from 3 groups".
//!
//! What: every recommendation sentence the tagger found in the section's passages (comments and
//! tracked revisions aside: reviewers' edits are not the consultation's recommendations),
//! trimmed.
//! Two recommendations are the same when their texts are equal ignoring case, spacing and the
//! final punctuation, or when their sets of content stems overlap by at least
//! [`SAME_JACCARD`] (found through MinHash buckets over the stems, then checked exactly, so the
//! work stays linear). Each merged recommendation shows its best-ranked wording (theme score,
//! a named speaker) and counts the passages, documents, named participants and voice groups
//! that raise it; the list is ordered by how widely it is raised, then by rank, after what the
//! meeting itself agreed ("The meeting agreed that …": the tagger's `agreed`), which is shown
//! whatever the section's limit.
//!
//! Why: the same proposal made by six participants is one recommendation with weight, not six
//! lines; a form letter's demand counts once per signatory, not as a thousand lines.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::attribution::{collapse, speaker_key};
use super::campaigns::cluster;
use super::features::{BINS, EMPTY, Signature, densify, is_stop, mix, stem_key};
use super::keypoints::relevance;
use super::placement::Taken;
use super::quotes::passage_score;
use super::sentences::trim;
use super::structure::Spec;
use super::{Ctx, RaisedBy, RecommendationItem, Stand};
use crate::analysis::{stem, tokens};
use crate::model::{Group, PassageKind, Position};

/// Stem-set overlap (Jaccard) above which two recommendations are one.
pub const SAME_JACCARD: f32 = 0.6;
/// Recommendations with fewer content stems are merged only when their texts are equal.
const MIN_STEMS: usize = 3;

struct Item {
    passage: usize,
    rec: usize,
    start: usize,
    end: usize,
    score: f64,
    stems: BTreeSet<u64>,
}

/// The content stems of a recommendation.
fn stems(text: &str) -> BTreeSet<u64> {
    tokens(text)
        .filter(|t| t.lower.chars().count() >= 2 && !is_stop(&t.lower))
        .filter(|t| !t.lower.chars().all(char::is_numeric))
        .map(|t| stem_key(&stem(&t.lower)))
        .collect()
}

fn signature(stems: &BTreeSet<u64>) -> Option<Signature> {
    if stems.len() < MIN_STEMS {
        return None;
    }
    let mut bins = [EMPTY; BINS];
    for &k in stems {
        let h = mix(k);
        let bin = usize::try_from(h >> 58).unwrap_or(0) % BINS;
        let v = u32::try_from(h & 0xffff_fffe).unwrap_or(EMPTY - 1);
        if let Some(b) = bins.get_mut(bin) {
            *b = (*b).min(v);
        }
    }
    densify(&bins)
}

fn jaccard(a: &BTreeSet<u64>, b: &BTreeSet<u64>) -> f32 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f32 / union as f32
    }
}

/// The merged recommendations of a section, cut to `max_recommendations`, and how many there
/// were before the cut.
/// A wording in `taken` (printed in another section) is not shown; a recommendation all of
/// whose wordings are is left to that section.
pub(crate) fn merge(ctx: &Ctx, spec: &Spec, taken: &Taken) -> (Vec<RecommendationItem>, usize) {
    let mut items: Vec<Item> = Vec::new();
    for &i in &spec.members {
        let Some(p) = ctx.passage(i) else { continue };
        if matches!(
            p.kind,
            PassageKind::Comment | PassageKind::Heading | PassageKind::Revision
        ) || p.end.checked_sub(p.start) != Some(p.text.len())
        {
            continue;
        }
        let score = passage_score(p, relevance(p, spec));
        for (k, r) in p.recommendations.iter().enumerate() {
            let (Some(rs), Some(re)) = (r.start.checked_sub(p.start), r.end.checked_sub(p.start))
            else {
                continue;
            };
            let (rs, re) = trim(&p.text, rs, re);
            let Some(text) = p.text.get(rs..re).filter(|t| !t.is_empty()) else {
                continue;
            };
            items.push(Item {
                passage: i,
                rec: k,
                start: p.start + rs,
                end: p.start + re,
                score,
                stems: stems(text),
            });
        }
    }
    // Equal texts first, then near-duplicates by stems.
    let mut same_text: HashMap<String, usize> = HashMap::new();
    let text_rep: Vec<usize> = items
        .iter()
        .enumerate()
        .map(|(k, it)| {
            let text = ctx
                .passage(it.passage)
                .and_then(|p| p.text.get(it.start - p.start..it.end - p.start))
                .unwrap_or_default();
            let key = collapse(text)
                .trim_end_matches(['.', '!', ';', ','])
                .to_lowercase();
            *same_text.entry(key).or_insert(k)
        })
        .collect();
    let sigs: Vec<Option<Signature>> = items
        .iter()
        .enumerate()
        .map(|(k, it)| {
            (text_rep.get(k) == Some(&k))
                .then(|| signature(&it.stems))
                .flatten()
        })
        .collect();
    let near = cluster(&sigs, SAME_JACCARD * 0.8, |a, b| {
        match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => jaccard(&x.stems, &y.stems) >= SAME_JACCARD,
            _ => false,
        }
    });
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for k in 0..items.len() {
        let t = text_rep.get(k).copied().unwrap_or(k);
        let r = near.get(t).copied().unwrap_or(t);
        groups.entry(r).or_default().push(k);
    }

    let mut merged: Vec<(RaisedBy, f64, usize, RecommendationItem)> = groups
        .values()
        .filter_map(|members| {
            let free = |k: &usize| {
                let it = &items[*k];
                ctx.passage(it.passage).is_some_and(|p| {
                    let text = p
                        .text
                        .get(it.start - p.start..it.end - p.start)
                        .unwrap_or_default();
                    !taken.holds(&p.doc, it.start, it.end, text)
                })
            };
            let best = members.iter().copied().filter(free).max_by(|&a, &b| {
                let (x, y) = (&items[a], &items[b]);
                x.score.total_cmp(&y.score).then(b.cmp(&a))
            })?;
            let it = items.get(best)?;
            let p = ctx.passage(it.passage)?;
            let r = p.recommendations.get(it.rec)?;
            let quote = ctx.quote_span(it.passage, it.start, it.end)?;
            let passages: BTreeSet<usize> = members.iter().map(|&k| items[k].passage).collect();
            let raised = raised_by(ctx, &passages);
            let first = members.first().copied().unwrap_or(best);
            let rec_stems: BTreeSet<u64> = members
                .iter()
                .flat_map(|&k| items[k].stems.iter().copied())
                .collect();
            let (supporters, opposers) = stands(ctx, &passages, &rec_stems);
            let agreed = members.iter().any(|&k| {
                let it = &items[k];
                ctx.passage(it.passage)
                    .and_then(|p| p.recommendations.get(it.rec))
                    .is_some_and(|r| r.agreed)
            });
            Some((
                raised.clone(),
                it.score,
                first,
                RecommendationItem {
                    quote,
                    cue: r.cue.clone(),
                    addressee: r.addressee.clone(),
                    raised_by: raised,
                    members: passages
                        .iter()
                        .filter_map(|&i| ctx.passage(i).map(|p| p.id.clone()))
                        .collect(),
                    agreed,
                    supporters,
                    opposers,
                },
            ))
        })
        .collect();
    // What the meeting agreed first, then the most widely raised.
    merged.sort_by(|a, b| {
        b.3.agreed
            .cmp(&a.3.agreed)
            .then_with(|| {
                (b.0.participants, b.0.documents, b.0.passages).cmp(&(
                    a.0.participants,
                    a.0.documents,
                    a.0.passages,
                ))
            })
            .then(b.1.total_cmp(&a.1))
            .then(a.2.cmp(&b.2))
    });
    let total = merged.len();
    let agreed = merged.iter().filter(|m| m.3.agreed).count();
    let out = merged
        .into_iter()
        .take(ctx.opts.max_recommendations.max(agreed))
        .map(|(.., item)| item)
        .collect();
    (out, total)
}

/// The passages outside `members` whose stance supports, and those whose stance opposes, what
/// a recommendation proposes: a cue's object whose content words are at least half shared
/// with the recommendation's stems, two of them at least, or its head in a document that
/// raises it ("We oppose the licensing requirement" on "The council must keep a list of
/// licensed intermediaries"). A mixed passage stands on the side of its cue that matches.
fn stands(ctx: &Ctx, members: &BTreeSet<usize>, stems: &BTreeSet<u64>) -> (Stand, Stand) {
    let mut sides: [BTreeSet<usize>; 2] = [BTreeSet::new(), BTreeSet::new()];
    let docs: BTreeSet<&str> = members
        .iter()
        .filter_map(|&i| ctx.passage(i).map(|p| p.doc.as_str()))
        .collect();
    for o in &ctx.stance_objects {
        if members.contains(&o.passage) {
            continue;
        }
        let shared = o.words.keys().filter(|k| stems.contains(k)).count();
        // Two shared words, or, in the same document, the object's head ("the register").
        let same_doc = ctx
            .passage(o.passage)
            .is_some_and(|p| docs.contains(p.doc.as_str()));
        let head_shared = o.head.is_some_and(|h| stems.contains(&h));
        if shared * 2 < o.words.len() || !(shared >= 2 || (same_doc && head_shared)) {
            continue;
        }
        match o.position {
            Position::Supports => sides[0].insert(o.passage),
            Position::Opposes => sides[1].insert(o.passage),
            _ => false,
        };
    }
    let stand = |set: &BTreeSet<usize>| {
        let r = raised_by(ctx, set);
        Stand {
            passages: set
                .iter()
                .filter_map(|&i| ctx.passage(i).map(|p| p.id.clone()))
                .collect(),
            participants: r.participants,
            groups: r.groups,
        }
    };
    (stand(&sides[0]), stand(&sides[1]))
}

/// Who raises a point made in `passages`.
pub fn raised_by(ctx: &Ctx, passages: &BTreeSet<usize>) -> RaisedBy {
    let mut docs: BTreeSet<&str> = BTreeSet::new();
    let mut people: BTreeSet<String> = BTreeSet::new();
    let mut groups: BTreeSet<Group> = BTreeSet::new();
    for &i in passages {
        let Some(p) = ctx.passage(i) else { continue };
        docs.insert(p.doc.as_str());
        if let Some(n) = speaker_key(p) {
            people.insert(n);
        }
        if let Some(g) = p.voice {
            groups.insert(g);
        }
    }
    RaisedBy {
        passages: passages.len(),
        documents: docs.len(),
        participants: people.len(),
        groups: groups.into_iter().collect(),
    }
}
