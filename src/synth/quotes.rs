//! Excerpts: the verbatim part of a passage worth quoting.
//!
//! Each passage gives one excerpt: the whole passage when its body is at most
//! [`WHOLE_MAX_CHARS`] characters, otherwise the sentence with the most hits (evidence terms of
//! the theme, or the section's central words), widened to a neighbouring sentence while it is
//! short and the whole stays under the limit, and cut at a clause when a single sentence is far
//! too long. The body is the passage without surrounding whitespace, a leading list marker
//! (`•`, `-`, `1)`) or, for parenthetical attributions, the trailing `(Name)`: offsets move, the
//! text never changes, so every excerpt is `doc.text[start..end]`. [`avoid_redactions`] then
//! prefers a sentence with no personal data (or, in the anonymous modes, no name) in it.

use crate::analysis::{stem, tokens};
use crate::model::{How, Passage};

use super::attribution::is_named;
use super::redact::Redactor;
use super::sentences::{split, trim};

/// A passage body up to this many characters is quoted whole.
pub const WHOLE_MAX_CHARS: usize = 320;
/// A sentence excerpt shorter than this is widened with a neighbouring sentence.
const WIDEN_BELOW_CHARS: usize = 160;
/// A single sentence longer than this is cut (at a clause or word boundary).
const SENTENCE_MAX_CHARS: usize = 480;
/// Excerpts shorter than this rank lower: they rarely say much.
pub const SHORT_CHARS: usize = 40;
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

/// Whether a text starts in mid-sentence or stops without a sentence end.
pub fn is_fragment(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '*')
    });
    let unfinished = !t.ends_with(['.', '?', '!', '…']);
    let mid = text.trim_start().starts_with(|c: char| c.is_lowercase());
    unfinished || mid
}

/// The longest sentence of the excerpt with nothing to redact, when the excerpt has something
/// to redact and such a sentence of at least [`SHORT_CHARS`] characters exists; else the
/// excerpt itself. Keeps personal data and names out of quotes whenever the passage allows.
pub fn avoid_redactions(p: &Passage, ex: Excerpt, redactor: &Redactor) -> Excerpt {
    let Some(text) = p.text.get(ex.start..ex.end) else {
        return ex;
    };
    if redactor.is_noop() || redactor.spans(text).is_empty() {
        return ex;
    }
    split(text)
        .into_iter()
        .filter_map(|(s, e)| {
            let sentence = text.get(s..e)?;
            let chars = sentence.chars().count();
            (chars >= SHORT_CHARS && redactor.spans(sentence).is_empty()).then_some((chars, s, e))
        })
        .max_by_key(|&(chars, s, _)| (chars, std::cmp::Reverse(s)))
        .map_or(ex, |(_, s, e)| Excerpt {
            start: ex.start + s,
            end: ex.start + e,
            truncated: false,
        })
}

/// The excerpt of `p` to quote, `hits` scoring each sentence (evidence terms of the theme, or
/// the section's central words); `None` when the passage has nothing quotable or its text does
/// not match its span.
pub fn excerpt(p: &Passage, hits: &dyn Fn(&str) -> usize) -> Option<Excerpt> {
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
    let sentences = split(body);
    let hits: Vec<usize> = sentences
        .iter()
        .map(|&(s, e)| hits(body.get(s..e).unwrap_or_default()))
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
pub fn term_words(terms: &[String]) -> Vec<Vec<String>> {
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
pub fn hits(text: &str, terms: &[Vec<String>]) -> usize {
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
