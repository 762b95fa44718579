//! Open questions: the questions a section's participants raise and leave open.
//!
//! What: the question sentences the tagger found in the section's passages (comments aside:
//! "Where does this quote end?" is an editing query, not a finding), of at least
//! [`MIN_WORDS`] words and starting a sentence, equal texts once. The best ranked (relevance to the section, a named
//! or anonymous speaker, then corpus order) are kept, and shown in corpus order. In an outline
//! by question the section's own question is not repeated.
//!
//! Why: a synthesis lists what remains unresolved ("How can we ensure effective implementation
//! and compliance of decisions…?"), and the questions participants put back to the process are
//! findings in their own right.

use std::collections::BTreeSet;

use super::attribution::collapse;
use super::keypoints::relevance;
use super::placement::Taken;
use super::quotes::passage_score;
use super::structure::Spec;
use super::{Ctx, Quote};
use crate::model::PassageKind;

/// Questions shorter than this are not shown ("Why?", "Give it away now?").
pub const MIN_WORDS: usize = 6;

/// The open questions of a section, at most `max_questions`.
/// Spans in `taken` (printed in another section) are not listed.
pub(crate) fn open(ctx: &Ctx, spec: &Spec, taken: &Taken) -> Vec<Quote> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    if let Some((i, s, e)) = spec.question {
        if let Some(t) = ctx
            .passage(i)
            .and_then(|p| p.text.get(s - p.start..e - p.start))
        {
            seen.insert(collapse(t).to_lowercase());
        }
    }
    let mut ranked: Vec<(f64, usize, usize, usize)> = Vec::new();
    for &i in &spec.members {
        let Some(p) = ctx.passage(i) else { continue };
        if matches!(p.kind, PassageKind::Comment | PassageKind::Heading) {
            continue;
        }
        let score = passage_score(p, relevance(p, spec));
        for q in &p.questions {
            let Some(text) = q
                .start
                .checked_sub(p.start)
                .zip(q.end.checked_sub(p.start))
                .and_then(|(s, e)| p.text.get(s..e))
            else {
                continue;
            };
            // Too short, starting in mid-sentence (a wrapped line) or a lone "?" left by a
            // converted bullet: not a question to list.
            let stray_mark = text
                .trim_end()
                .strip_suffix('?')
                .is_some_and(|t| t.ends_with(char::is_whitespace));
            if text.split_whitespace().count() < MIN_WORDS
                || text.trim_start().starts_with(|c: char| c.is_lowercase())
                || stray_mark
            {
                continue;
            }
            if taken.holds(&p.doc, q.start, q.end, text)
                || !seen.insert(collapse(text).to_lowercase())
            {
                continue;
            }
            ranked.push((score, i, q.start, q.end));
        }
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    ranked.truncate(ctx.opts.max_questions);
    ranked.sort_by_key(|&(_, i, s, _)| (i, s));
    ranked
        .into_iter()
        .filter_map(|(_, i, s, e)| ctx.quote_span(i, s, e))
        .collect()
}
