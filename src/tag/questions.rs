//! Questions: the sentences of a passage that pose or raise a question.
//!
//! What: every sentence whose last character, before any closing quotes, brackets or emphasis,
//! is a question mark (`?`, `？`; a Spanish `¿…?` too), as an absolute span without its list
//! marker ("- ❖ "); a sentence broken by a page break is one sentence (see
//! [`super::sentences`]). Also a short sentence in question form that lost its mark ("Can this
//! be distributed to a wider audience, for example the speakers in the session."), and one that
//! puts its question after a colon ("key strategic issue is: should we focus … or shall we …").
//! A heading ending in "?" is a rhetorical title, not a question, and gives none; nor does a
//! title in italics or quotes inside a statement.
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
        .filter(|s| {
            let t = &p.text[s.start..s.end];
            is_question(t) || asks_without_mark(t)
        })
        .map(|s| Span {
            start: p.start + s.start,
            end: p.start + s.end,
            text: p.text[s.start..s.end].to_string(),
        })
        .collect()
}

/// Words that open a question when the subject follows them ("Can this…", "Do we…").
const AUXILIARIES: &[&str] = &[
    "can", "could", "would", "will", "do", "does", "did", "is", "are", "have", "has", "may",
    "shall",
];
/// Subjects after an auxiliary that make a question of it.
const SUBJECTS: &[&str] = &[
    "i", "you", "we", "this", "that", "it", "they", "there", "he", "she", "anyone", "someone",
    "everyone", "anybody", "somebody", "these", "those",
];
/// The longest question without a mark, in words.
const MAX_UNMARKED_WORDS: usize = 30;

/// True for a sentence in question form whose mark is missing: it opens (or, after a colon,
/// continues) with an auxiliary and a subject ("Can this be…", "should we focus … or shall
/// we …"), ends without `.`/`!` emphasis of a statement, and is short; conditionals ("Should
/// the talks fail, …", "Had they…", "Were it…") do not qualify.
pub(crate) fn asks_without_mark(sentence: &str) -> bool {
    let body = sentence.trim_end_matches(|c: char| is_closer(c) || c.is_whitespace());
    if body.ends_with('!') || body.ends_with('?') || body.ends_with(':') {
        return false;
    }
    // The first two words, lowercased, and whether there are 3 to MAX_UNMARKED_WORDS words:
    // counted without lowercasing the rest.
    let mut spans = crate::analysis::token_spans(body);
    let mut word = |buf: &mut String| {
        spans
            .next()
            .map(|(s, e)| crate::analysis::lower_into(&body[s..e], buf))
    };
    let (mut first, mut second) = (String::new(), String::new());
    if word(&mut first).is_none() || word(&mut second).is_none() {
        return false;
    }
    let more = spans.take(MAX_UNMARKED_WORDS - 1).count();
    if more == 0 {
        return false;
    }
    let opens = AUXILIARIES.contains(&first.as_str()) && SUBJECTS.contains(&second.as_str());
    if opens && 2 + more <= MAX_UNMARKED_WORDS {
        return true;
    }
    // "…key strategic issue is: should we focus all our energy … – or shall we use …"
    if let Some(colon) = body.rfind(':') {
        let after: Vec<String> = crate::analysis::tokens(&body[colon..])
            .map(|t| t.lower)
            .collect();
        let modal = after
            .first()
            .is_some_and(|w| matches!(w.as_str(), "should" | "shall" | "can" | "could" | "do"));
        return modal
            && after.get(1).is_some_and(|w| SUBJECTS.contains(&w.as_str()))
            && after.iter().any(|w| w == "or");
    }
    false
}

/// True when `sentence` ends in a question mark and has a word in it; not when the mark
/// ends an emphasised title inside a statement ("… e-Consultation on *Constructive or
/// Confusing Global Governance?*").
pub(crate) fn is_question(sentence: &str) -> bool {
    let body = sentence.trim_end_matches(|c: char| is_closer(c) || c.is_whitespace());
    if !(body.ends_with('?') || body.ends_with('？'))
        || !body.chars().any(char::is_alphanumeric)
        || body.ends_with("[?")
        || body.ends_with("(?")
        || body.ends_with(",?")
        || body.ends_with(";?")
    {
        return false; // "that[?] build", "(?)", a lost quote: "Internet Governance,?"
    }
    let emphasis = &sentence[body.len()..]
        .trim_start_matches(|c: char| c != '*' && c != '_')
        .trim_end_matches(|c: char| c != '*' && c != '_');
    let titled = !emphasis.is_empty() && body.trim_start_matches(['*', '_']).contains(emphasis);
    !titled
}
