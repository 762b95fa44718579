//! Quote selection: the few verbatim passages (or sentences) that best speak to a theme.
//!
//! Candidates are the non-heading passages tagged with the theme, comments included. Each
//! gives one excerpt: the whole passage when its body is at most [`WHOLE_MAX_CHARS`]
//! characters, otherwise the sentence with the most evidence terms of the theme (widened to a
//! neighbouring sentence while it is short and the whole stays under the limit). The body is the
//! passage without surrounding whitespace, a leading list marker (`•`, `-`, `1)`) or, for
//! parenthetical attributions, the trailing `(Name)`: offsets move, the text never changes, so
//! every excerpt is `doc.text[start..end]`.
//!
//! Candidates are ranked by theme score, plus a bonus for a named (or anonymous) speaker and a
//! penalty for very short excerpts; ties go to passage order. Quotes are then picked greedily:
//! never two from the same passage or with the same text, and, while alternatives remain, not
//! the same speaker nor the same document twice.

use std::collections::BTreeSet;

use crate::analysis::{stem, tokens};
use crate::model::{How, Passage, PassageKind};

use super::attribution::{attribution, collapse, is_named, speaker_key};
use super::sentences::{split, trim};
use super::{Quote, Sources};

/// A passage body up to this many characters is quoted whole.
pub const WHOLE_MAX_CHARS: usize = 320;
/// A sentence excerpt shorter than this is widened with a neighbouring sentence.
const WIDEN_BELOW_CHARS: usize = 160;
/// A single sentence longer than this is cut (at a clause or word boundary).
const SENTENCE_MAX_CHARS: usize = 480;
/// Excerpts shorter than this rank lower: they rarely say much.
const SHORT_CHARS: usize = 40;
/// Longest trailing "(Name)" attribution removed from a quote.
const PARENTHETICAL_MAX_CHARS: usize = 60;

/// A quotable range of a passage, relative to the passage text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Excerpt {
    pub start: usize,
    pub end: usize,
    /// True when a single over-long sentence was cut short.
    pub truncated: bool,
}

/// The ranking score of a passage for a theme: its theme score plus a speaker bonus.
pub fn passage_score(p: &Passage, theme_score: f64) -> f64 {
    let base = if theme_score.is_finite() {
        theme_score
    } else {
        0.0
    };
    let bonus = match &p.speaker {
        Some(_) if is_named(p) => 0.25,
        Some(_) => 0.1,
        None => 0.0,
    };
    base + bonus
}

struct Candidate<'a> {
    index: usize,
    passage: &'a Passage,
    score: f64,
    excerpt: Excerpt,
    speaker: Option<String>,
    key: String,
}

/// Up to `max` quotes for `theme` from `passages[i]` for `i` in `members` (see the module doc).
pub fn select(
    passages: &[Passage],
    members: &[usize],
    theme: &str,
    max: usize,
    sources: &Sources,
) -> Vec<Quote> {
    let mut candidates: Vec<Candidate> = members
        .iter()
        .filter_map(|&index| {
            let passage = passages.get(index)?;
            if passage.kind == PassageKind::Heading {
                return None;
            }
            let tag = passage.themes.iter().find(|t| t.id == theme)?;
            let excerpt = excerpt(passage, &tag.terms)?;
            let text = passage.text.get(excerpt.start..excerpt.end)?;
            let chars = text.chars().count();
            let mut score = passage_score(passage, tag.score);
            if chars < SHORT_CHARS {
                score -= 0.15;
            }
            // A fragment (cut by a page break or a footnote) reads badly as a quote.
            if !excerpt.truncated && is_fragment(text) {
                score -= 0.3;
            }
            Some(Candidate {
                index,
                passage,
                score,
                excerpt,
                speaker: speaker_key(passage),
                key: collapse(text).to_lowercase(),
            })
        })
        .collect();
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));

    let mut used_passages: BTreeSet<&str> = BTreeSet::new();
    let mut used_texts: BTreeSet<String> = BTreeSet::new();
    let mut used_speakers: BTreeSet<String> = BTreeSet::new();
    let mut used_docs: BTreeSet<&str> = BTreeSet::new();
    let mut quotes = Vec::new();
    while quotes.len() < max {
        candidates.retain(|c| {
            !used_passages.contains(c.passage.id.as_str()) && !used_texts.contains(&c.key)
        });
        let best = candidates
            .iter()
            .enumerate()
            .min_by_key(|(rank, c)| {
                let same_speaker = c
                    .speaker
                    .as_ref()
                    .is_some_and(|s| used_speakers.contains(s));
                let same_doc = used_docs.contains(c.passage.doc.as_str());
                (same_speaker, same_doc, *rank)
            })
            .map(|(rank, _)| rank);
        let Some(rank) = best else { break };
        let c = candidates.remove(rank);
        used_passages.insert(c.passage.id.as_str());
        used_texts.insert(c.key.clone());
        if let Some(s) = &c.speaker {
            used_speakers.insert(s.clone());
        }
        used_docs.insert(c.passage.doc.as_str());
        if let Some(q) = quote(c.passage, c.excerpt, sources) {
            quotes.push(q);
        }
    }
    quotes
}

/// Whether a text starts in mid-sentence or stops without a sentence end.
fn is_fragment(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '*')
    });
    let unfinished = !t.ends_with(['.', '?', '!', '…']);
    let mid = text.trim_start().starts_with(|c: char| c.is_lowercase());
    unfinished || mid
}

/// The quote object for an excerpt of `p`.
fn quote(p: &Passage, ex: Excerpt, sources: &Sources) -> Option<Quote> {
    let text = p.text.get(ex.start..ex.end)?;
    Some(Quote {
        doc: p.doc.clone(),
        passage: p.id.clone(),
        start: p.start + ex.start,
        end: p.start + ex.end,
        text: text.to_string(),
        speaker: p.speaker.clone(),
        attribution: attribution(p),
        source: sources.source(&p.doc),
        section: p.section.join(" › "),
        truncated: ex.truncated,
    })
}

/// The excerpt of `p` to quote, given the evidence `terms` of the theme; `None` when the
/// passage has nothing quotable or its text does not match its span.
pub fn excerpt(p: &Passage, terms: &[String]) -> Option<Excerpt> {
    if p.end.checked_sub(p.start) != Some(p.text.len()) {
        return None;
    }
    let (bs, be) = body(p)?;
    let body = p.text.get(bs..be)?;
    if body.chars().count() <= WHOLE_MAX_CHARS {
        return Some(Excerpt {
            start: bs,
            end: be,
            truncated: false,
        });
    }
    let terms = term_words(terms);
    let sentences = split(body);
    let hits: Vec<usize> = sentences
        .iter()
        .map(|&(s, e)| hits(body.get(s..e).unwrap_or_default(), &terms))
        .collect();
    // The first sentence with the most hits.
    let best = hits
        .iter()
        .enumerate()
        .max_by_key(|&(i, h)| (*h, std::cmp::Reverse(i)))
        .map(|(i, _)| i)?;
    let span_chars = |a: usize, b: usize| -> usize {
        match (sentences.get(a), sentences.get(b)) {
            (Some(&(s, _)), Some(&(_, e))) => body.get(s..e).map_or(0, |t| t.chars().count()),
            _ => usize::MAX,
        }
    };
    let (mut a, mut b) = (best, best);
    while span_chars(a, b) < WIDEN_BELOW_CHARS {
        let next = (b + 1 < sentences.len())
            .then(|| (a, b + 1))
            .filter(|&(x, y)| span_chars(x, y) <= WHOLE_MAX_CHARS);
        let prev = a
            .checked_sub(1)
            .map(|x| (x, b))
            .filter(|&(x, y)| span_chars(x, y) <= WHOLE_MAX_CHARS);
        let hits_of = |i: usize| hits.get(i).copied().unwrap_or(0);
        (a, b) = match (next, prev) {
            (Some(n), Some(p)) if hits_of(p.0) > hits_of(n.1) => p,
            (Some(n), _) => n,
            (None, Some(p)) => p,
            (None, None) => break,
        };
    }
    let (&(s, _), &(_, e)) = (sentences.get(a)?, sentences.get(b)?);
    let mut ex = Excerpt {
        start: bs + s,
        end: bs + e,
        truncated: false,
    };
    if a == b && span_chars(a, b) > SENTENCE_MAX_CHARS {
        let sentence = p.text.get(ex.start..ex.end)?;
        ex.end = ex.start + cut(sentence, WHOLE_MAX_CHARS);
        ex.truncated = true;
    }
    Some(ex)
}

/// The quotable body of a passage: trimmed, without a leading list marker, and without a
/// trailing "(Name)" when that is how the speaker was found. Relative byte range.
fn body(p: &Passage) -> Option<(usize, usize)> {
    let text = p.text.as_str();
    let (mut s, mut e) = trim(text, 0, text.len());
    s += marker_len(text.get(s..e)?);
    (s, e) = trim(text, s, e);
    let parenthetical = p
        .speaker
        .as_ref()
        .is_some_and(|sp| sp.how == How::Parenthetical);
    if parenthetical {
        let slice = text.get(s..e)?;
        if let Some(open) = slice.rfind('(') {
            let inner = slice
                .get(open + 1..slice.len().saturating_sub(1))
                .unwrap_or_default();
            let is_name = slice.ends_with(')')
                && open > 0
                && !inner.contains(['(', ')'])
                && inner.chars().count() <= PARENTHETICAL_MAX_CHARS
                && inner.chars().next().is_some_and(char::is_uppercase);
            if is_name {
                (s, e) = trim(text, s, s + open);
            }
        }
    }
    let slice = text.get(s..e)?;
    slice.chars().any(char::is_alphanumeric).then_some((s, e))
}

/// Bytes taken by leading list markers (`•`, `-`, `--`, `❖`, `1.`, `1)`, `a)`) and the spaces
/// after them.
fn marker_len(text: &str) -> usize {
    let mut pos = 0;
    loop {
        let rest = &text[pos..];
        let run = rest
            .char_indices()
            .find(|&(_, c)| !matches!(c, '•' | '◦' | '▪' | '❖' | '*' | '-' | '–' | '—' | '·'))
            .map_or(rest.len(), |(i, _)| i);
        let run = if run > 0 {
            run
        } else {
            let digits = rest
                .char_indices()
                .find(|&(_, c)| !c.is_ascii_digit())
                .map_or(rest.len(), |(i, _)| i);
            let mut chars = rest.chars();
            if (1..=3).contains(&digits) && matches!(rest[digits..].chars().next(), Some('.' | ')'))
            {
                digits + 1
            } else if let (Some(l), Some(')')) = (chars.next(), chars.next()) {
                if l.is_ascii_lowercase() { 2 } else { 0 }
            } else {
                0
            }
        };
        let after = &rest[run..];
        let spaces = after.len() - after.trim_start().len();
        if run == 0 || spaces == 0 {
            return pos;
        }
        pos += run + spaces;
    }
}

/// Evidence terms as word lists ("power dynam" → ["power", "dynam"]), lowercased.
fn term_words(terms: &[String]) -> Vec<Vec<String>> {
    terms
        .iter()
        .map(|t| {
            t.split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// How many times the evidence terms occur in `text`, matching each word by its stem (terms
/// are stored stemmed) or by its lowercased form.
fn hits(text: &str, terms: &[Vec<String>]) -> usize {
    let words: Vec<(String, String)> = tokens(text)
        .map(|t| {
            let s = stem(&t.lower);
            (t.lower, s)
        })
        .collect();
    terms
        .iter()
        .map(|term| {
            words
                .windows(term.len())
                .filter(|w| w.iter().zip(term).all(|((l, s), t)| s == t || l == t))
                .count()
        })
        .sum()
}

/// The byte length of a cut of `sentence` at most `max` characters long: at the last clause
/// break (`,` `;` `:` before whitespace) past [`WIDEN_BELOW_CHARS`], else the last word break.
fn cut(sentence: &str, max: usize) -> usize {
    let mut clause = None;
    let mut word = None;
    let mut prev: Option<(usize, char)> = None;
    for (n, (i, c)) in sentence.char_indices().enumerate() {
        if n > max {
            break;
        }
        if c.is_whitespace() {
            if let Some((pi, pc)) = prev {
                if matches!(pc, ',' | ';' | ':') && n > WIDEN_BELOW_CHARS {
                    clause = Some(pi);
                }
            }
            word = Some(i);
        }
        prev = Some((i, c));
    }
    let end = clause.or(word).unwrap_or_else(|| {
        sentence
            .char_indices()
            .nth(max)
            .map_or(sentence.len(), |(i, _)| i)
    });
    trim(sentence, 0, end).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers_are_skipped() {
        assert_eq!(marker_len("• There is"), "• ".len());
        assert_eq!(marker_len("-- is open"), 3);
        assert_eq!(marker_len("- ❖ How are"), "- ❖ ".len());
        assert_eq!(marker_len("1) Creating"), 3);
        assert_eq!(marker_len("12. Item"), 4);
        assert_eq!(marker_len("a) item"), 3);
        assert_eq!(marker_len("A. Smith said"), 0);
        assert_eq!(marker_len("2016 was"), 0);
        assert_eq!(marker_len("-5 degrees"), 0);
    }

    #[test]
    fn hits_match_stems_and_phrases() {
        let terms = term_words(&["power dynam".to_string(), "trust".to_string()]);
        assert_eq!(hits("Power dynamics and trust; trusting.", &terms), 3);
        assert_eq!(hits("Nothing relevant.", &terms), 0);
    }

    #[test]
    fn cuts_fall_on_clause_or_word_breaks() {
        let long = "word ".repeat(100);
        let end = cut(&long, 50);
        assert!(long[..end].chars().count() <= 50);
        assert!(long[..end].ends_with("word"));
    }
}
