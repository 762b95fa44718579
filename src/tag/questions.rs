//! Questions: the sentences of a passage that pose or raise a question.
//!
//! What: every sentence whose last character, before any closing quotes, brackets or emphasis,
//! is a question mark, as an absolute span without its list marker ("- ❖ "). A heading ending
//! in "?" is a rhetorical title, not a question, and gives none.
//!
//! Why: consultations are organised around questions put to participants, and the questions
//! participants raise back are findings in their own right ("questions left open"); the
//! outline can be built by question.
//!
//! Example: the seed 000 bullet "- ❖ How are multistakeholder coalitions filling gaps in
//! global governance? What, in your view, are examples …?" gives two questions, starting at
//! "How" and at "What".

use super::Sentence;
use super::sentences::is_closer;
use crate::model::{Passage, PassageKind, Span};

/// The questions of `p`, given its sentences (relative ranges, list markers stripped).
pub(crate) fn questions(p: &Passage, sentences: &[Sentence]) -> Vec<Span> {
    if p.kind == PassageKind::Heading {
        return Vec::new();
    }
    sentences
        .iter()
        .filter(|s| is_question(&p.text[s.start..s.end]))
        .map(|s| Span {
            start: p.start + s.start,
            end: p.start + s.end,
            text: p.text[s.start..s.end].to_string(),
        })
        .collect()
}

/// True when `sentence` ends in a question mark and has a word in it; not when the mark
/// ends an emphasised title inside a statement ("… e-Consultation on *Constructive or
/// Confusing Global Governance?*").
pub(crate) fn is_question(sentence: &str) -> bool {
    let body = sentence.trim_end_matches(|c: char| is_closer(c) || c.is_whitespace());
    if !(body.ends_with('?') || body.ends_with('？'))
        || !body.chars().any(char::is_alphanumeric)
        || body.ends_with("[?")
    {
        return false;
    }
    let emphasis = &sentence[body.len()..]
        .trim_start_matches(|c: char| c != '*' && c != '_')
        .trim_end_matches(|c: char| c != '*' && c != '_');
    let titled = !emphasis.is_empty() && body.trim_start_matches(['*', '_']).contains(emphasis);
    !titled
}
