//! Key points: the few verbatim quotes that best represent a section, chosen for centrality
//! and diversity.
//!
//! What: candidates are the section's passages other than headings, footnotes, tracked
//! revisions and comments (comments have their own list), near-identical copies counted once (a campaign is one candidate with
//! its number of copies). Centrality is the cosine between a candidate's stem vector and the
//! sum of all the others' (how much it says what the section says); relevance is its theme
//! score (by theme) and a named speaker adds weight; excerpts that are fragments or very short
//! rank lower; fragments, questions, signposting and framing ("we now turn to …", "This paper
//! considers …", "The consultation ran from June to July 2016") are no key points. Quotes are
//! then picked greedily, maximal marginal relevance style: each pick
//! pays for its similarity to the quotes already chosen, and for repeating a speaker (never
//! twice while another remains) or a document.
//!
//! Why: a rapporteur needs what most contributions say, in several voices — not five quotes
//! from one speaker or one document, nor the same form letter three times.
//!
//! Cost: linear in the section's words (one centroid), plus `max_quotes` passes over at most
//! [`POOL`] candidates.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::attribution::{collapse, speaker_key};
use super::features::{dot, stem_key};
use super::placement::Taken;
use super::quotes::{
    SHORT_CHARS, avoid_redactions, excerpt, hits, is_fragment, passage_score, term_words,
};
use super::structure::Spec;
use super::{Ctx, Quote};
use crate::analysis::{stem, tokens};
use crate::model::{Passage, PassageKind};

/// Signposting and framing: where the text goes next ("we now turn to more general lessons"),
/// what a paper does ("This paper considers …", "In this section"), when and where the
/// consultation took place ("The e-consultation ran from 13 June to 31 July 2016").
static FRAMING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:we|i)\s+(?:now\s+|then\s+|next\s+)?(?:turn|move|return|proceed)\s+to\b",
        r"|\bthis\s+(?:paper|report|section|chapter|note|document|brief|synthesis|summary)\s+(?:first\s+|then\s+|briefly\s+)?(?:considers|examines|discusses|describes|presents|explores|sets\s+out|outlines|reviews|looks\s+at|is\s+(?:structured|organi[sz]ed|divided)|begins|opens|concludes|summari[sz]es|aims|seeks)\b",
        r"|\b(?:in\s+)?(?:this|the\s+next|the\s+following|the\s+previous)\s+(?:section|chapter|part)\s*,?\s+(?:we|i|the\s+paper|the\s+report)\b",
        r"|\b(?:the\s+)?(?:following|next|remaining)\s+(?:sections?|chapters?|parts?)\s+(?:discuss|describe|present|consider|examine|review|set\s+out)",
        r"|\b(?:ran|took\s+place|was\s+held|were\s+held|was\s+convened|was\s+open)\s+(?:online\s+)?(?:from|between|on|in|during)\b[^.;]{0,60}\b(?:19|20)\d\d\b",
    ))
    .expect("framing pattern")
});

/// Whether a sentence signposts or frames rather than finds (see [`FRAMING`]).
pub(crate) fn is_framing(text: &str) -> bool {
    FRAMING.is_match(text)
}

/// Candidates kept (by their score before excerpts) for the final choice.
pub const POOL: usize = 120;
/// Central words used to choose the sentence of a long passage.
const CENTRAL_WORDS: usize = 12;

/// A candidate passage of a section.
struct Candidate {
    index: usize,
    copies: usize,
    score: f64,
}

/// The section's candidates: one per near-identical cluster, with its copies in the section.
fn candidates(ctx: &Ctx, spec: &Spec) -> Vec<Candidate> {
    let mut first_of: HashMap<usize, usize> = HashMap::new();
    let mut out: Vec<Candidate> = Vec::new();
    for &i in &spec.members {
        let Some(p) = ctx.passage(i) else { continue };
        if matches!(
            p.kind,
            PassageKind::Heading
                | PassageKind::Comment
                | PassageKind::Footnote
                | PassageKind::Revision
        ) {
            continue;
        }
        let rep = ctx.dups.rep.get(i).copied().unwrap_or(i);
        match first_of.get(&rep) {
            Some(&k) => {
                if let Some(c) = out.get_mut(k) {
                    c.copies += 1;
                }
            }
            None => {
                first_of.insert(rep, out.len());
                out.push(Candidate {
                    index: i,
                    copies: 1,
                    score: 0.0,
                });
            }
        }
    }
    out
}

/// The relevance of passage `p` to the section: its theme score (by theme), else 0.5.
pub fn relevance(p: &Passage, spec: &Spec) -> f64 {
    match &spec.theme {
        Some(theme) => p
            .themes
            .iter()
            .find(|t| &t.id == theme)
            .map_or(0.0, |t| if t.score.is_finite() { t.score } else { 0.0 }),
        None => 0.5,
    }
}

/// The section's centroid (sum of the candidates' vectors) and its squared norm.
fn centroid(ctx: &Ctx, cands: &[Candidate]) -> (HashMap<u64, f32>, f32) {
    let mut c: HashMap<u64, f32> = HashMap::new();
    for cand in cands {
        for &(k, w) in ctx.terms(cand.index) {
            *c.entry(k).or_insert(0.0) += w;
        }
    }
    let norm2 = c.values().map(|w| w * w).sum();
    (c, norm2)
}

/// The cosine between `v` (unit or empty) and the centroid without `v`.
fn centrality(v: &[(u64, f32)], c: &HashMap<u64, f32>, norm2: f32) -> f32 {
    if v.is_empty() {
        return 0.0;
    }
    let d: f32 = v
        .iter()
        .map(|(k, w)| w * c.get(k).copied().unwrap_or(0.0))
        .sum();
    let rest = (norm2 - 2.0 * d + 1.0).max(0.0).sqrt();
    if rest <= 1e-6 {
        return 1.0;
    }
    ((d - 1.0) / rest).clamp(0.0, 1.0)
}

/// The stem keys with the most weight in the centroid.
fn central_words(c: &HashMap<u64, f32>) -> HashSet<u64> {
    let mut all: Vec<(u64, f32)> = c.iter().map(|(&k, &w)| (k, w)).collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    all.into_iter()
        .take(CENTRAL_WORDS)
        .map(|(k, _)| k)
        .collect()
}

/// How many words of `text` are among `keys` (by stem).
pub fn key_hits(text: &str, keys: &HashSet<u64>) -> usize {
    tokens(text)
        .filter(|t| keys.contains(&stem_key(&stem(&t.lower))))
        .count()
}

/// The key points of a section (see the module doc).
/// Spans in `taken` (printed in another section, or this section's recommendations) are not
/// chosen.
pub(crate) fn select(ctx: &Ctx, spec: &Spec, taken: &Taken) -> Vec<Quote> {
    let max = ctx.opts.max_quotes;
    if max == 0 {
        return Vec::new();
    }
    let mut cands = candidates(ctx, spec);
    let (c, norm2) = centroid(ctx, &cands);
    let cents: Vec<f32> = cands
        .iter()
        .map(|cand| {
            if cands.len() == 1 {
                1.0
            } else {
                centrality(ctx.terms(cand.index), &c, norm2)
            }
        })
        .collect();
    let top = cents.iter().copied().fold(0.0f32, f32::max).max(1e-6);
    for (cand, cent) in cands.iter_mut().zip(&cents) {
        let Some(p) = ctx.passage(cand.index) else {
            continue;
        };
        let rel = relevance(p, spec).min(1.0);
        cand.score = 0.45 * f64::from(cent / top)
            + 0.35 * passage_score(p, rel)
            + 0.05 * (cand.copies as f64).ln();
    }
    cands.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
    cands.truncate(POOL);

    let central = central_words(&c);
    struct Ready {
        index: usize,
        score: f64,
        quote: Quote,
        key: String,
        speaker: Option<String>,
    }
    let mut ready: Vec<Ready> = cands
        .iter()
        .filter_map(|cand| {
            let p = ctx.passage(cand.index)?;
            let terms = spec
                .theme
                .as_ref()
                .and_then(|t| p.themes.iter().find(|x| &x.id == t))
                .map(|t| term_words(&t.terms))
                .unwrap_or_default();
            // The theme's evidence decides; the section's central words break ties (and
            // decide alone outside an outline by theme).
            let score_sentence = |s: &str| 8 * hits(s, &terms) + key_hits(s, &central);
            let ex = excerpt(p, &score_sentence)?;
            let ex = avoid_redactions(p, ex, &ctx.redactor);
            let text = p.text.get(ex.start..ex.end)?;
            let mut score = cand.score;
            if text.chars().count() < SHORT_CHARS {
                score -= 0.15;
            }
            // A fragment ("Dear members of the Commission,", a clause begun mid-sentence) is
            // no finding, and a question is an open question, not a point made.
            if (!ex.truncated && is_fragment(text))
                || text.trim_end().ends_with('?')
                || is_framing(text)
            {
                return None;
            }
            let mut quote = ctx.quote(cand.index, ex)?;
            if !taken.free(&quote) {
                return None;
            }
            if quote.verbatim.text.is_none() {
                score -= 0.2;
            }
            quote.copies = cand.copies;
            Some(Ready {
                index: cand.index,
                score,
                quote,
                key: collapse(text).to_lowercase(),
                speaker: speaker_key(p),
            })
        })
        .collect();

    let mut chosen: Vec<usize> = Vec::new();
    let mut texts: BTreeSet<String> = BTreeSet::new();
    let mut speakers: BTreeSet<String> = BTreeSet::new();
    let mut docs: BTreeSet<String> = BTreeSet::new();
    // A campaign (a form letter, a copied text) is one voice: one key point at most.
    let mut campaigns: BTreeSet<usize> = BTreeSet::new();
    let campaign = |i: usize| ctx.dups.campaign_of.get(i).copied().flatten();
    let mut out = Vec::new();
    while out.len() < max {
        ready.retain(|r| {
            !texts.contains(&r.key) && campaign(r.index).is_none_or(|c| !campaigns.contains(&c))
        });
        let best = ready
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let v = ctx.terms(r.index);
                let sim = chosen
                    .iter()
                    .map(|&j| dot(v, ctx.terms(j)))
                    .fold(0.0f32, f32::max);
                let mut s = r.score - 0.5 * f64::from(sim);
                if r.speaker.as_ref().is_some_and(|n| speakers.contains(n)) {
                    s -= 1.0;
                }
                if docs.contains(&r.quote.doc) {
                    s -= 0.35;
                }
                (k, s, r.index)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)))
            .map(|(k, ..)| k);
        let Some(k) = best else { break };
        let r = ready.remove(k);
        campaigns.extend(campaign(r.index));
        chosen.push(r.index);
        texts.insert(r.key);
        if let Some(s) = r.speaker {
            speakers.insert(s);
        }
        docs.insert(r.quote.doc.clone());
        out.push(r.quote);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::is_framing;

    #[test]
    fn signposting_and_framing_are_no_findings() {
        for t in [
            "Having reviewed the cases, we now turn to more general lessons from the cases reviewed.",
            "This paper considers how smart coalitions form.",
            "In the next section, we describe the three options.",
            "The e-consultation ran from 13 June to 31 July 2016 on a dedicated platform.",
        ] {
            assert!(is_framing(t), "{t}");
        }
        for t in [
            "Trust grows slowly and is lost quickly.",
            "The council should turn to the utilities for duct access.",
            "Participants held that the 2016 rules were too weak.",
        ] {
            assert!(!is_framing(t), "{t}");
        }
    }
}
