//! Themes: which taxonomy themes a passage is about, with a score and the evidence.
//!
//! What: each theme's hits (terms, phrases, exact words, after exclusions; see
//! [`super::matcher`]) are summed — a word weighs 1, a phrase 1.5, repeats of the same
//! evidence count as the square root of their number — multiplied by the theme's weight and
//! divided by the square root of the passage length in words (at least the taxonomy's
//! `min_tokens`), rounded to 3 decimals. Themes at or above the threshold are kept, the best
//! `max_themes`, sorted by score then id; `terms` lists the evidence (stemmed, or lowercased
//! for exact cues), deduplicated and sorted.
//!
//! Why: the outline groups passages by theme and the index filters on it; the evidence lets a
//! reader see why a passage was filed under a theme, and the length normalisation keeps one
//! stray word in a long paragraph from counting as much as a short bullet about the theme.
//!
//! Example: "To work together we have to build trust, and building trust is working together"
//! scores `trust` on the evidence `["build trust", "silo think"]` (the stems of "building
//! trust" and "silo thinking") and `coalitions` on `["work togeth"]`.

use std::collections::BTreeMap;

use super::matcher::Hit;
use super::taxonomy::Taxonomy;
use crate::model::ThemeTag;

/// The themes of a passage of `n_tokens` words, from the theme hits (owners `0..themes`).
pub(crate) fn themes(tax: &Taxonomy, hits: &[Hit], n_tokens: usize) -> Vec<ThemeTag> {
    let norm = (n_tokens.max(tax.min_tokens).max(1) as f64).sqrt();
    let mut out = Vec::new();
    for (idx, theme) in tax.themes().iter().enumerate() {
        let mut evidence: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
        for h in hits.iter().filter(|h| h.owner == idx) {
            let e = evidence.entry(h.evidence.as_str()).or_insert((h.weight, 0));
            e.1 += 1;
        }
        if evidence.is_empty() {
            continue;
        }
        let sum: f64 = evidence.values().map(|&(w, n)| w * (n as f64).sqrt()).sum();
        let score = (theme.weight * sum / norm * 1000.0).round() / 1000.0;
        if score >= tax.threshold {
            out.push(ThemeTag {
                id: theme.id.clone(),
                score,
                terms: evidence.keys().map(|s| s.to_string()).collect(),
            });
        }
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    out.truncate(tax.max_themes);
    out
}
