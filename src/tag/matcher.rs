//! The cue matcher shared by the theme and mention taggers: every term, phrase and exact entry
//! of a taxonomy, compiled once into lookup tables keyed by first word.
//!
//! A passage is analysed once ([`Analyzed`]: tokens, lowercased words, stems) and matched
//! against all cues in one pass. A phrase does not run across clause punctuation ("civil.
//! Society" is not "civil society"), but an exclusion does, so that it can cancel a name like
//! "Global Security, Justice & Governance". For each owner (a theme or a group), hits
//! overlapped by one of its `exclude` phrases are dropped, then overlapping hits are resolved
//! longest first, so "building trust" counts once, not also as "trust".

use std::collections::HashMap;

use crate::analysis::{FxBuild, Lang, lower_into, stem_into, token_spans};

/// A passage's words: token spans, their lowercased forms and stems (each kind in one string:
/// no allocation per word).
pub(crate) struct Analyzed<'a> {
    pub text: &'a str,
    spans: Vec<(usize, usize)>,
    lowers: String,
    /// Where the lowercased form of each token ends in `lowers`.
    lower_ends: Vec<usize>,
    stems: String,
    /// Where the stem of each token ends in `stems`.
    stem_ends: Vec<usize>,
}

/// The `i`-th piece of `all`, whose pieces end at `ends` ("" past the end).
fn piece<'s>(all: &'s str, ends: &[usize], i: usize) -> &'s str {
    let start = i
        .checked_sub(1)
        .and_then(|j| ends.get(j))
        .copied()
        .unwrap_or(0);
    let end = ends.get(i).copied().unwrap_or(start);
    all.get(start..end).unwrap_or("")
}

impl<'a> Analyzed<'a> {
    /// `text` tokenised and stemmed in `lang` (the taxonomy's language).
    pub fn new(text: &'a str, lang: Lang) -> Analyzed<'a> {
        let spans: Vec<(usize, usize)> = token_spans(text).collect();
        let mut lowers = String::with_capacity(text.len());
        let mut lower_ends = Vec::with_capacity(spans.len());
        let mut stems = String::with_capacity(text.len());
        let mut stem_ends = Vec::with_capacity(spans.len());
        let mut word = String::new();
        for &(start, end) in &spans {
            lower_into(&text[start..end], &mut word);
            lowers.push_str(&word);
            lower_ends.push(lowers.len());
            stem_into(lang, &word, &mut stems);
            stem_ends.push(stems.len());
        }
        Analyzed {
            text,
            spans,
            lowers,
            lower_ends,
            stems,
            stem_ends,
        }
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// The lowercased form of token `i` ("" past the end).
    pub fn lower(&self, i: usize) -> &str {
        piece(&self.lowers, &self.lower_ends, i)
    }

    /// The stem of token `i` ("" past the end).
    pub fn stem(&self, i: usize) -> &str {
        piece(&self.stems, &self.stem_ends, i)
    }

    /// The token indices whose spans lie inside the byte range `start..end`.
    pub fn tokens_within(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let first = self.spans.partition_point(|t| t.0 < start);
        let last = self.spans.partition_point(|t| t.1 <= end);
        first..last.max(first)
    }

    /// True when the text between tokens `i` and `i + 1` lets a phrase run on: spaces,
    /// line breaks, hyphens, slashes and apostrophes, not sentence or clause punctuation.
    fn joins(&self, i: usize) -> bool {
        let (Some(a), Some(b)) = (self.spans.get(i), self.spans.get(i + 1)) else {
            return false;
        };
        self.text.get(a.1..b.0).is_some_and(|gap| {
            gap.chars().all(|c| {
                c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '/' | '\'' | '’' | '*' | '_')
            })
        })
    }
}

/// One compiled cue.
#[derive(Debug)]
struct Pattern {
    words: Vec<String>,
    /// Match lowercased words instead of stems.
    exact: bool,
    owner: usize,
    exclude: bool,
    weight: f64,
}

/// A cue found in a passage: tokens `start..end`, the cue's owner and evidence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Hit {
    pub owner: usize,
    pub start: usize,
    pub end: usize,
    pub weight: f64,
    /// The cue as listed (stemmed, or lowercased for exact cues).
    pub evidence: String,
}

/// All cues of a taxonomy, by first word.
#[derive(Debug, Default)]
pub(crate) struct Matcher {
    patterns: Vec<Pattern>,
    by_stem: HashMap<String, Vec<usize>, FxBuild>,
    by_word: HashMap<String, Vec<usize>, FxBuild>,
}

/// What a hit on a single word and on a phrase weigh.
const TERM_WEIGHT: f64 = 1.0;
const PHRASE_WEIGHT: f64 = 1.5;

impl Matcher {
    /// Adds the cues of `owner`.
    pub fn add(&mut self, owner: usize, cues: &super::taxonomy::Cues) {
        let lists: [(&[String], bool, bool); 4] = [
            (&cues.terms, false, false),
            (&cues.phrases, false, false),
            (&cues.exact, true, false),
            (&cues.exclude, false, true),
        ];
        for (list, exact, exclude) in lists {
            for entry in list {
                let words: Vec<String> = entry.split(' ').map(str::to_string).collect();
                let weight = if words.len() > 1 {
                    PHRASE_WEIGHT
                } else {
                    TERM_WEIGHT
                };
                let idx = self.patterns.len();
                let index = if exact {
                    &mut self.by_word
                } else {
                    &mut self.by_stem
                };
                index.entry(words[0].clone()).or_default().push(idx);
                self.patterns.push(Pattern {
                    words,
                    exact,
                    owner,
                    exclude,
                    weight,
                });
            }
        }
    }

    /// The resolved hits in `a`, sorted by owner then position.
    pub fn find(&self, a: &Analyzed) -> Vec<Hit> {
        let mut raw: Vec<(usize, usize, usize)> = Vec::new(); // (pattern, start, end)
        for i in 0..a.len() {
            let by_stem = self.by_stem.get(a.stem(i)).into_iter().flatten();
            let by_word = self.by_word.get(a.lower(i)).into_iter().flatten();
            for &p in by_stem.chain(by_word) {
                let pat = &self.patterns[p];
                let n = pat.words.len();
                if i + n > a.len() {
                    continue;
                }
                let same = pat.words.iter().enumerate().all(|(k, w)| {
                    let got: &str = if pat.exact {
                        a.lower(i + k)
                    } else {
                        a.stem(i + k)
                    };
                    got == w && (k + 1 == n || pat.exclude || a.joins(i + k))
                });
                if same {
                    raw.push((p, i, i + n));
                }
            }
        }
        raw.sort_by_key(|&(p, s, e)| (self.patterns[p].owner, s, std::cmp::Reverse(e), p));

        let mut out = Vec::new();
        let mut k = 0;
        while k < raw.len() {
            let owner = self.patterns[raw[k].0].owner;
            let group_end = raw[k..]
                .iter()
                .position(|&(p, _, _)| self.patterns[p].owner != owner)
                .map_or(raw.len(), |n| k + n);
            let group = &raw[k..group_end];
            let excluded: Vec<(usize, usize)> = group
                .iter()
                .filter(|&&(p, _, _)| self.patterns[p].exclude)
                .map(|&(_, s, e)| (s, e))
                .collect();
            let mut covered_to = 0;
            for &(p, s, e) in group {
                let pat = &self.patterns[p];
                if pat.exclude
                    || s < covered_to
                    || excluded.iter().any(|&(xs, xe)| s < xe && xs < e)
                {
                    continue;
                }
                covered_to = e;
                out.push(Hit {
                    owner,
                    start: s,
                    end: e,
                    weight: pat.weight,
                    evidence: pat.words.join(" "),
                });
            }
            k = group_end;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::stem_phrase;
    use crate::tag::taxonomy::Cues;

    fn cues(terms: &[&str], phrases: &[&str], exact: &[&str], exclude: &[&str]) -> Cues {
        let st = |l: &[&str]| l.iter().map(|s| stem_phrase(s)).collect();
        Cues {
            terms: st(terms),
            phrases: st(phrases),
            exact: exact.iter().map(|s| s.to_lowercase()).collect(),
            exclude: st(exclude),
        }
    }

    fn evidence(m: &Matcher, text: &str) -> Vec<(usize, String)> {
        m.find(&Analyzed::new(text, Lang::English))
            .into_iter()
            .map(|h| (h.owner, h.evidence))
            .collect()
    }

    #[test]
    fn longest_match_wins_and_exclusions_cancel_overlaps() {
        let mut m = Matcher::default();
        m.add(
            0,
            &cues(&["trust"], &["building trust"], &[], &["trust fund"]),
        );
        m.add(1, &cues(&[], &[], &["governments"], &[]));
        let got = evidence(
            &m,
            "Building trust with Governments; the trust fund; trusted partners.",
        );
        assert_eq!(
            got,
            [
                (0, "build trust".into()),
                (0, "trust".into()),
                (1, "governments".into())
            ]
        );
    }

    #[test]
    fn phrases_do_not_run_across_clause_punctuation() {
        let mut m = Matcher::default();
        m.add(0, &cues(&[], &["civil society"], &[], &[]));
        assert_eq!(evidence(&m, "civil-society and civil\n\nsociety").len(), 2);
        assert!(evidence(&m, "not civil. Society is").is_empty());
    }

    #[test]
    fn exclusions_run_across_punctuation() {
        let mut m = Matcher::default();
        m.add(
            0,
            &cues(&[], &[], &["security"], &["global security justice"]),
        );
        assert!(evidence(&m, "Commission on Global Security, Justice & Governance").is_empty());
        assert_eq!(evidence(&m, "global security. Justice matters").len(), 0);
        assert_eq!(evidence(&m, "security and justice").len(), 1);
    }

    #[test]
    fn exact_cues_ignore_stem_collisions() {
        let mut m = Matcher::default();
        m.add(0, &cues(&[], &[], &["government"], &[]));
        assert!(evidence(&m, "global governance").is_empty());
        assert_eq!(evidence(&m, "the government").len(), 1);
    }
}
