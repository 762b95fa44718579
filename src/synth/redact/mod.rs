//! Redaction: personal data (e-mail addresses, telephone numbers, bank accounts and card
//! numbers) in every rendering unless turned off, and participants' names in the anonymous and group modes.
//!
//! What: [`Redactor::spans`] finds the byte ranges to hide in a text; [`Redactor::verbatim`]
//! turns an exact slice of a document into a [`Verbatim`]: unchanged when nothing is hidden,
//! otherwise a `display` text with placeholders (`[email]`, `[phone]`, `[account]`, `[name]`), the hidden
//! spans (without their text) and the verbatim `parts` between them, so that every piece of
//! text in `outline.json` is still an exact slice and `verify` can check it byte for byte.
//! [`Redactor::display`] does the same for one-line strings (titles, headings, anchors), and
//! [`Redactor::neutral_ids`] gives documents whose ids name a participant a neutral id.
//! `verify` builds the same redactor ([`Redactor::for_outline`]) and checks that each quote
//! hides exactly what it finds.
//!
//! Why: a synthesis must not spread contributors' contact details, and Chatham House rules
//! mean no name at all: not in a quote, a heading, a title, a document id or a comment's anchor.
//! Nor may it blank what is not a name: "to", "in", "Canada".
//!
//! Personal data: see `pii.rs` for the forms found and not found.
//!
//! Names are matched word by word (so "Orsmond remarked", "per Constance" and "Anne-Marie
//! Buzatu" are all caught), from every participant's name and alias with what is in brackets
//! left out ("Hon. Bill Blair (Minister of Public Safety)" gives "Bill" and "Blair"):
//!
//! - accents do not matter ("Nicolo" is "Nicolò"); a word typed with a capital ("Bill") is hidden where the text capitalises it, so the noun
//!   "bill" stays; a word typed in lower case ("doria") in any case;
//! - initials and other short words in capitals ("JHD", "IC" in "IC Jan") only as typed, so
//!   "TO" hides "TO", never "to" or "To";
//! - a word that is also a common English word ("May", "Will", "No") only next to another word
//!   of a name or after an honorific ("Elizabeth May", "Ms. May"), never alone at the start of
//!   a sentence; typed in lower case, it is not a name word at all;
//! - words of fewer than two letters, honorifics, particles and role words ("The Chair" does
//!   not hide "the" or "Chair") are never hidden;
//! - a "name" of more than five words, or with a function word in lower case in it ("Ministry
//!   of Health", a sentence read as a name) is not a person's name written word by word: it is
//!   hidden only as the whole phrase;
//! - names in Chinese or Japanese characters (written without spaces, so not word by word) are
//!   hidden as the whole name, each space-separated part of two characters or more, and the
//!   surname followed by a title ("王理事長", "陳教授", "王さん"), with or without spaces
//!   (U+3000 included) between the characters.
//!
//! Adjacent name words become one `[name]`.
//!
//! ```
//! use rapporteur::synth::redact::Redactor;
//! let r = Redactor::new(true, ["Jason Pielemeier", "陳敦基"]);
//! assert_eq!(
//!     r.display("write to: Jason Pielemeier <jp@example.org> or call +1-202-223-5956"),
//!     "write to: [name] <[email]> or call [phone]"
//! );
//! assert_eq!(r.display("I am 陳敦基 (陳教授) from"), "I am [name] ([name]) from");
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use regex::Regex;

use super::features::is_stop;
use super::types::{OutlineOptions, Part, Redaction, RedactionKind, Verbatim};
use crate::analysis::{is_cjk, tokens};
use crate::attribute::names::fold;
use crate::model::Passage;

mod pii;

/// Words of a name that never identify anyone.
const NOT_NAMES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "dr",
    "prof",
    "professor",
    "hon",
    "honourable",
    "honorable",
    "right",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "the",
    "of",
    "and",
    "de",
    "del",
    "der",
    "den",
    "van",
    "von",
    "la",
    "le",
    "da",
    "das",
    "dos",
    "di",
    "du",
    "al",
    "el",
    "bin",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "acting",
    "deputy",
    "moderator",
    "president",
    "vice",
    "speaker",
    "secretary",
    "minister",
    "member",
    "members",
    "participant",
    "participants",
    "contributor",
    "delegate",
    "rapporteur",
    "facilitator",
    "co",
    "am",
    "mp",
    "mep",
    "mla",
    "jr",
    "sr",
    "unknown",
    "anonymous",
    "staff",
    "team",
];

/// Honorifics: a common word right after one is a name ("Ms. May").
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "dr",
    "prof",
    "professor",
    "hon",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
];

/// Titles after a Chinese, Japanese or Korean surname that make it a reference to the person.
const TITLES_AFTER_SURNAME: &[&str] = &[
    "씨",
    "님",
    "교수",
    "의원",
    "장관",
    "대표",
    "박사",
    "위원장",
    "선생님",
    "先生",
    "小姐",
    "女士",
    "太太",
    "教授",
    "老師",
    "老师",
    "博士",
    "律師",
    "律师",
    "醫師",
    "医师",
    "委員",
    "委员",
    "部長",
    "部长",
    "次長",
    "次长",
    "局長",
    "局长",
    "處長",
    "处长",
    "司長",
    "司长",
    "科長",
    "科长",
    "主任",
    "主席",
    "院長",
    "院长",
    "校長",
    "校长",
    "市長",
    "市长",
    "縣長",
    "县长",
    "理事長",
    "理事长",
    "董事長",
    "董事长",
    "總經理",
    "总经理",
    "經理",
    "经理",
    "執行長",
    "执行长",
    "秘書長",
    "秘书长",
    "署長",
    "署长",
    "議員",
    "议员",
    "立委",
    "政委",
    "さん",
    "様",
    "氏",
    "くん",
    "ちゃん",
];

/// Chinese surnames of two characters.
const COMPOUND_SURNAMES: &[&str] = &[
    "歐陽", "欧阳", "司馬", "司马", "諸葛", "诸葛", "上官", "東方", "东方", "皇甫", "尉遲", "尉迟",
    "公孫", "公孙", "慕容", "夏侯", "令狐", "司徒", "端木", "長孫", "长孙",
];

/// A handle's word in at least this many passages (and [`COMMON_SHARE`]) is a common word.
const COMMON_PASSAGES: usize = 5;
/// … and in at least one passage in this many.
const COMMON_SHARE: usize = 50;

/// A "name" with more content words than this is not matched word by word.
const MAX_NAME_WORDS: usize = 5;
/// Initials and other words in capitals up to this many letters are matched only as typed.
const MAX_INITIALS: usize = 6;

/// How a name word is matched (the most permissive of the names it comes from wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Case {
    /// Capitalised, and next to another name word or after an honorific.
    Bound,
    /// Only where the text capitalises it.
    Capitalised,
    /// In any case.
    Any,
}

/// Finds what to hide (see the module doc).
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    pii: bool,
    /// Name words, lowercased.
    words: HashMap<String, Case>,
    /// Initials and short words in capitals, as typed.
    exact: HashSet<String>,
    /// Whole names not matched word by word (Chinese, Japanese and Korean names, surnames
    /// with a title, names of more than five words), in regexes of at most
    /// [`PHRASES_PER_REGEX`] alternatives each (one regex of thousands of names would pass the
    /// regex crate's size limit).
    phrases: Vec<Regex>,
}

/// Alternatives of one phrase regex.
const PHRASES_PER_REGEX: usize = 64;
/// The compiled size a phrase regex may take.
const PHRASE_REGEX_BYTES: usize = 64 << 20;

impl Redactor {
    /// Hides personal data when `pii`, and the given names.
    pub fn new<'a>(pii: bool, names: impl IntoIterator<Item = &'a str>) -> Redactor {
        Redactor::build(pii, names, &HashSet::new())
    }

    /// [`Redactor::new`], leaving out the words of `common` (lowercased) where they come from
    /// a name typed all in lower case (a handle such as "internet", which the corpus uses as
    /// a word).
    fn build<'a>(
        pii: bool,
        names: impl IntoIterator<Item = &'a str>,
        common: &HashSet<String>,
    ) -> Redactor {
        let mut r = Redactor {
            pii,
            ..Redactor::default()
        };
        let mut phrases: BTreeSet<String> = BTreeSet::new();
        let mut surnames: BTreeSet<String> = BTreeSet::new();
        for name in names {
            let name = without_brackets(name);
            r.add_words(&name, &mut phrases, common);
            add_unspaced(&name, &mut phrases, &mut surnames);
        }
        let mut alternatives: Vec<String> = phrases.into_iter().collect();
        // Longest first, so that a whole name wins over its parts.
        alternatives.sort_by_key(|p| std::cmp::Reverse(p.len()));
        if !surnames.is_empty() {
            // First: a surname with its title is longer than the surname alone.
            let titles: Vec<String> = TITLES_AFTER_SURNAME.iter().map(|t| spaced(t)).collect();
            let surnames: Vec<String> = surnames.iter().map(|s| spaced(s)).collect();
            for chunk in surnames.chunks(PHRASES_PER_REGEX).rev() {
                alternatives.insert(
                    0,
                    format!(r"(?:{})\s*(?:{})", chunk.join("|"), titles.join("|")),
                );
            }
        }
        for chunk in alternatives.chunks(PHRASES_PER_REGEX) {
            match regex::RegexBuilder::new(&chunk.join("|"))
                .size_limit(PHRASE_REGEX_BYTES)
                .build()
            {
                Ok(re) => r.phrases.push(re),
                // Escaped names always compile; should one not, each alternative on its own.
                Err(_) => r.phrases.extend(chunk.iter().filter_map(|a| {
                    regex::RegexBuilder::new(a)
                        .size_limit(PHRASE_REGEX_BYTES)
                        .build()
                        .ok()
                })),
            }
        }
        r
    }

    /// The redactor of an outline with `opts`: personal data when `redact`; in the anonymous
    /// and group modes, every participant's name and alias (see [`participant_names`]), but
    /// not a handle typed in lower case that the corpus uses as a word: a name word of a
    /// handle that at least [`COMMON_PASSAGES`] passages, and one passage in
    /// [`COMMON_SHARE`], hold ("internet", "user").
    pub fn for_outline(passages: &[Passage], opts: &OutlineOptions) -> Redactor {
        if !opts.attribution.hides_names() {
            return Redactor::new(opts.redact, []);
        }
        let names = participant_names(passages);
        let handles: HashSet<String> = names
            .iter()
            .map(|n| without_brackets(n))
            .filter(|n| {
                let words: Vec<&str> = tokens(n).map(|t| &n[t.start..t.end]).collect();
                !words.is_empty()
                    && words
                        .iter()
                        .all(|w| w.chars().next().is_some_and(char::is_lowercase))
            })
            .flat_map(|n| tokens(&n).map(|t| t.lower).collect::<Vec<_>>())
            .collect();
        let mut common = HashSet::new();
        if !handles.is_empty() {
            let mut held: HashMap<&str, usize> = HashMap::new();
            for p in passages {
                let mut seen: HashSet<&str> = HashSet::new();
                for t in tokens(&p.text) {
                    if let Some(h) = handles.get(&t.lower)
                        && seen.insert(h.as_str())
                    {
                        *held.entry(h.as_str()).or_insert(0) += 1;
                    }
                }
            }
            let floor = COMMON_PASSAGES.max(passages.len() / COMMON_SHARE);
            common.extend(
                held.into_iter()
                    .filter(|&(_, n)| n >= floor)
                    .map(|(h, _)| h.to_string()),
            );
        }
        Redactor::build(opts.redact, names.iter().map(String::as_str), &common)
    }

    /// The words of one name (brackets already left out).
    fn add_words(&mut self, name: &str, phrases: &mut BTreeSet<String>, common: &HashSet<String>) {
        let all: Vec<&str> = tokens(name)
            .map(|t| &name[t.start..t.end])
            .filter(|w| !w.chars().next().is_some_and(is_cjk))
            .collect();
        let single = all.len() == 1;
        let content: Vec<&str> = all
            .iter()
            .copied()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
            .filter(|w| {
                (single && is_capitals(w)) || !NOT_NAMES.contains(&w.to_lowercase().as_str())
            })
            .collect();
        // "Ministry of Health", "The document is structured as follows": words joined by
        // function words in lower case, or too many words, are no person's name.
        let joined = all.iter().any(|w| {
            w.chars().next().is_some_and(char::is_lowercase) && is_stop(&w.to_lowercase())
        });
        if joined || content.len() > MAX_NAME_WORDS {
            let words: Vec<String> = all.iter().map(|w| regex::escape(w)).collect();
            phrases.insert(format!(r"\b{}\b", words.join(r"\W+")));
            return;
        }
        let all_capitals = content.iter().all(|w| is_capitals(w));
        let handle = content
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_lowercase));
        for w in content {
            let lower = w.to_lowercase();
            if is_capitals(w) && w.chars().count() <= MAX_INITIALS && (single || !all_capitals) {
                self.exact.insert(w.to_string());
                continue;
            }
            let first = w.chars().next();
            let case = if first.is_some_and(char::is_uppercase) {
                if is_stop(&lower) {
                    Case::Bound
                } else {
                    Case::Capitalised
                }
            } else if first.is_some_and(char::is_lowercase) {
                if is_stop(&lower) || (handle && common.contains(&lower)) {
                    continue;
                }
                Case::Any
            } else {
                // A script without capitals (Arabic, Hebrew, Hangul, Devanagari, Thai…): the
                // word has one form.
                Case::Any
            };
            // Accents folded: "Nicolo" is "Nicolò" written without them.
            let slot = self.words.entry(fold(&lower)).or_insert(case);
            *slot = (*slot).max(case);
        }
    }

    /// True when this redactor never hides anything.
    pub fn is_noop(&self) -> bool {
        !self.pii && !self.hides_names()
    }

    /// True when it hides names.
    pub fn hides_names(&self) -> bool {
        !self.words.is_empty() || !self.exact.is_empty() || !self.phrases.is_empty()
    }

    /// The spans of `text` to hide, sorted, not overlapping.
    pub fn spans(&self, text: &str) -> Vec<(usize, usize, RedactionKind)> {
        self.spans_in(text, false)
    }

    /// The spans to hide in a document id or a file path, where names are written in any case
    /// ("…/tom-atlee-interview"): a name word typed with a capital is found whatever its case
    /// (initials still only as typed).
    pub fn id_spans(&self, id: &str) -> Vec<(usize, usize, RedactionKind)> {
        self.spans_in(id, true)
    }

    /// [`Redactor::spans`], or [`Redactor::id_spans`] when `any_case`.
    fn spans_in(&self, text: &str, any_case: bool) -> Vec<(usize, usize, RedactionKind)> {
        let mut out: Vec<(usize, usize, RedactionKind)> = Vec::new();
        if self.pii {
            out.extend(pii::emails(text).map(|(s, e)| (s, e, RedactionKind::Email)));
            out.extend(
                pii::phones(text)
                    .into_iter()
                    .map(|(s, e)| (s, e, RedactionKind::Phone)),
            );
            out.extend(
                pii::accounts(text)
                    .into_iter()
                    .map(|(s, e)| (s, e, RedactionKind::Account)),
            );
        }
        if self.hides_names() {
            self.name_spans(text, any_case, &mut out);
        }
        out.sort_by_key(|&(s, e, k)| (s, std::cmp::Reverse(e), k));
        let mut merged: Vec<(usize, usize, RedactionKind)> = Vec::new();
        for (s, e, k) in out {
            match merged.last_mut() {
                Some(last) if s < last.1 => last.1 = last.1.max(e),
                // Names next to each other ("[name] [name]") become one.
                Some(last)
                    if k == RedactionKind::Name
                        && last.2 == RedactionKind::Name
                        && joins(text, last.1, s) =>
                {
                    last.1 = e;
                }
                _ => merged.push((s, e, k)),
            }
        }
        merged
    }

    /// The names in `text`, pushed onto `out` (unsorted).
    fn name_spans(&self, text: &str, any_case: bool, out: &mut Vec<(usize, usize, RedactionKind)>) {
        /// What a token of the text is.
        #[derive(Clone, Copy, PartialEq, Eq)]
        enum Mark {
            No,
            Name,
            /// A common word of a name: a name only beside another one, or an honorific.
            Bound,
            Honorific,
        }
        let toks: Vec<(usize, usize, Mark)> = tokens(text)
            .map(|t| {
                let word = &text[t.start..t.end];
                let capital = any_case || word.chars().next().is_some_and(char::is_uppercase);
                let mark = if self.exact.contains(word) {
                    Mark::Name
                } else {
                    let found = if t.lower.is_ascii() {
                        self.words.get(&t.lower)
                    } else {
                        self.words.get(&fold(&t.lower))
                    };
                    match found {
                        Some(Case::Any) => Mark::Name,
                        Some(Case::Capitalised) if capital => Mark::Name,
                        Some(Case::Bound) if capital => Mark::Bound,
                        _ if HONORIFICS.contains(&t.lower.as_str()) => Mark::Honorific,
                        _ => Mark::No,
                    }
                };
                (t.start, t.end, mark)
            })
            .collect();
        for (i, &(s, e, mark)) in toks.iter().enumerate() {
            let hidden = match mark {
                Mark::Name => true,
                Mark::Bound => {
                    let before =
                        i.checked_sub(1)
                            .and_then(|j| toks.get(j))
                            .is_some_and(|&(_, pe, m)| {
                                matches!(m, Mark::Name | Mark::Honorific) && joins(text, pe, s)
                            });
                    let after = toks
                        .get(i + 1)
                        .is_some_and(|&(ns, _, m)| m == Mark::Name && joins(text, e, ns));
                    before || after
                }
                Mark::No | Mark::Honorific => false,
            };
            if hidden {
                out.push((s, e, RedactionKind::Name));
            }
        }
        for re in &self.phrases {
            out.extend(
                re.find_iter(text)
                    .map(|m| (m.start(), m.end(), RedactionKind::Name)),
            );
        }
    }

    /// `text` with every hidden span replaced by its placeholder.
    pub fn display(&self, text: &str) -> String {
        if self.is_noop() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (s, e, k) in self.spans(text) {
            out.push_str(text.get(at..s).unwrap_or_default());
            out.push_str(k.placeholder());
            at = e;
        }
        out.push_str(text.get(at..).unwrap_or_default());
        out
    }

    /// [`Redactor::display`] for a document id or a file path (see [`Redactor::id_spans`]).
    pub fn display_id(&self, id: &str) -> String {
        if self.is_noop() {
            return id.to_string();
        }
        let mut out = String::with_capacity(id.len());
        let mut at = 0;
        for (s, e, k) in self.id_spans(id) {
            out.push_str(id.get(at..s).unwrap_or_default());
            out.push_str(k.placeholder());
            at = e;
        }
        out.push_str(id.get(at..).unwrap_or_default());
        out
    }

    /// The verbatim form of `text`, the slice of document `doc` that starts at byte `start`.
    pub fn verbatim(&self, doc: &str, start: usize, text: &str) -> Verbatim {
        let spans = if self.is_noop() {
            Vec::new()
        } else {
            self.spans(text)
        };
        verbatim_of(doc, start, text, &spans)
    }

    /// The neutral id (`document-1`, `document-2`, … in id order) of each of `ids` that holds
    /// something this redactor hides — a participant's name in any case (a transcript named
    /// "Conversation-with-Tom-Atlee", a file "tom-atlee-interview"), an e-mail address or a
    /// number (a row keyed by its author's address) —; the others keep their id. A neutral id
    /// never equals one of `ids`.
    pub fn neutral_ids<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> BTreeMap<String, String> {
        let all: BTreeSet<&str> = ids.into_iter().collect();
        let mut out = BTreeMap::new();
        if self.is_noop() {
            return out;
        }
        let mut n = 0;
        for id in &all {
            if self.id_spans(id).is_empty() {
                continue;
            }
            let neutral = loop {
                n += 1;
                let candidate = format!("document-{n}");
                if !all.contains(candidate.as_str()) {
                    break candidate;
                }
            };
            out.insert(id.to_string(), neutral);
        }
        out
    }
}

/// Every name the anonymous modes hide: the speakers' names and the participants' aliases.
pub fn participant_names(passages: &[Passage]) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = passages
        .iter()
        .filter_map(|p| p.speaker.as_ref())
        .flat_map(|s| {
            // People who speak with the speaker are hidden too ("Deborah Avant and Jason
            // Pielemeier", a paper's co-authors).
            std::iter::once(s.name.clone())
                .chain(s.with.iter().map(|w| w.name.clone()))
                .flatten()
        })
        .collect();
    for person in crate::attribute::participants(passages) {
        names.extend(person.aliases);
    }
    names
}

/// True when the text between two name words (bytes `a..b`) joins them into one name: at most
/// three characters of spaces, hyphens, apostrophes and dots.
fn joins(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b).is_some_and(|gap| {
        gap.chars().count() <= 3
            && gap
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '-' | '\'' | '’' | '.'))
    })
}

/// True for a word all in capitals ("JHD", "IC").
fn is_capitals(w: &str) -> bool {
    w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase)
}

/// `name` without what is in brackets ("Hon. Bill Blair (Minister of Finance)" → "Hon. Bill
/// Blair "), round or full-width, nested or not; an unclosed bracket runs to the end.
fn without_brackets(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' | '（' | '[' => depth += 1,
            ')' | '）' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// True for a Hangul syllable or letter.
fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// The parts of a name in Chinese characters, kana or Hangul, whose surname is a single
/// character (so not matched word by word): the whole name (its parts joined) and each part of
/// two characters or more, as patterns; its surname, to be found with a title after it.
fn add_unspaced(name: &str, phrases: &mut BTreeSet<String>, surnames: &mut BTreeSet<String>) {
    let parts: Vec<String> = name
        .split(|c: char| c.is_whitespace() || matches!(c, '・' | '·' | '･'))
        .map(|p| {
            p.chars()
                .filter(|&c| is_cjk(c) || is_hangul(c))
                .collect::<String>()
        })
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return;
    }
    let whole: String = parts.concat();
    for p in parts.iter().chain(std::iter::once(&whole)) {
        if p.chars().count() >= 2 {
            phrases.insert(spaced(p));
        }
    }
    let kana = whole.chars().any(|c| matches!(c, '\u{3040}'..='\u{30FF}'));
    let len = whole.chars().count();
    if !kana && (2..=4).contains(&len) {
        // Chinese and Korean: a surname of one character (two for the compound ones).
        let surname = COMPOUND_SURNAMES
            .iter()
            .find(|s| len >= 3 && whole.starts_with(*s))
            .map_or_else(|| whole.chars().take(1).collect(), |s| s.to_string());
        surnames.insert(surname);
    } else if kana && parts.len() >= 2 {
        // A Japanese name: surname first.
        if let Some(first) = parts.first() {
            surnames.insert(first.clone());
        }
    }
}

/// A pattern matching `s` with any whitespace between its characters.
fn spaced(s: &str) -> String {
    let chars: Vec<String> = s.chars().map(|c| regex::escape(&c.to_string())).collect();
    chars.join(r"\s*")
}

/// A [`Verbatim`] with `spans` (relative to `text`) hidden.
pub fn verbatim_of(
    doc: &str,
    start: usize,
    text: &str,
    spans: &[(usize, usize, RedactionKind)],
) -> Verbatim {
    if spans.is_empty() {
        return Verbatim {
            text: Some(text.to_string()),
            ..Verbatim::default()
        };
    }
    let mut v = Verbatim::default();
    let mut display = String::with_capacity(text.len());
    let mut at = 0;
    let part = |a: usize, b: usize, v: &mut Verbatim, display: &mut String| {
        if let Some(piece) = text.get(a..b).filter(|p| !p.is_empty()) {
            display.push_str(piece);
            v.parts.push(Part {
                doc: doc.to_string(),
                start: start + a,
                end: start + b,
                text: piece.to_string(),
            });
        }
    };
    for &(s, e, kind) in spans {
        part(at, s, &mut v, &mut display);
        display.push_str(kind.placeholder());
        v.redactions.push(Redaction {
            start: start + s,
            end: start + e,
            kind,
        });
        at = e;
    }
    part(at, text.len(), &mut v, &mut display);
    v.display = Some(display);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_phones_of_the_seeds_are_found_but_not_years_or_figures() {
        let r = Redactor::new(true, []);
        let t = "Jason Pielemeier <jpielemeier@gmail.com> (questions welcome)";
        let s = r.spans(t);
        assert_eq!(s.len(), 1);
        assert_eq!(&t[s[0].0..s[0].1], "jpielemeier@gmail.com");
        let t = "The Netherlands Tel: +31 (0)70 30 28 130 http://x.org";
        let s = r.spans(t);
        assert_eq!(&t[s[0].0..s[0].1], "+31 (0)70 30 28 130");
        assert_eq!(r.display("Tel: +1-202-223-5956 http"), "Tel: [phone] http");
        assert_eq!(
            r.display("ring 020 7946 0958 or write to üser@exämple.de"),
            "ring [phone] or write to [email]"
        );
        for plain in [
            "Between 1995-2001 and 2004.",
            "Roughly 8,500 business participants.",
            "Held on 2016-05-12 in Washington",
            "Resolution 36 adopted in 1998 1999 2000",
        ] {
            assert!(r.spans(plain).is_empty(), "{plain}");
        }
    }

    #[test]
    fn names_are_hidden_word_by_word_with_case_rules() {
        let r = Redactor::new(
            false,
            ["Andy Orsmond", "Avri doria", "Bill Graham", "The Chair"],
        );
        assert_eq!(
            r.display("Orsmond remarked that Andy Orsmond agreed."),
            "[name] remarked that [name] agreed."
        );
        assert_eq!(
            r.display("Like Avri, I think Doria is right"),
            "Like [name], I think [name] is right"
        );
        assert_eq!(
            r.display("the bill passed; Bill objected"),
            "the bill passed; [name] objected"
        );
        assert_eq!(
            r.display("The Chair opened the session"),
            "The Chair opened the session"
        );
    }

    #[test]
    fn what_is_in_brackets_in_an_alias_is_not_a_name() {
        // Aliases as the committee transcripts give them: constituency, party and office.
        let r = Redactor::new(
            false,
            [
                "Patrick Weiler",
                "Mr. Patrick Weiler (West Vancouver—Sunshine Coast—Sea to Sky Country, Lib.)",
                "Hon. Pablo Rodriguez (Leader of the Government in the House of Commons)",
                "Hon. David Lametti (Minister of Justice and Attorney General of Canada)",
                "Right Hon. Justin Trudeau (Papineau, Lib.)",
            ],
        );
        assert_eq!(
            r.display("Weiler asked the Government in Canada to come face-to-face in the House."),
            "[name] asked the Government in Canada to come face-to-face in the House."
        );
        assert_eq!(
            r.display("Right now Justin Trudeau, Rodriguez and Lametti spoke."),
            "Right now [name], [name] and [name] spoke."
        );
    }

    #[test]
    fn initials_are_hidden_only_as_typed() {
        let r = Redactor::new(
            false,
            ["JHD", "DE", "Daniel Ehrenberg", "IS", "TO", "IC Jan"],
        );
        assert_eq!(
            r.display("JHD: I agree with DE. Jhd is not a word; de facto it is. IC Jan said so"),
            "[name]: I agree with [name]. Jhd is not a word; de facto it is. [name] said so"
        );
        assert_eq!(
            r.display("It is to be seen. Is it? To be sure. TO said IS was right."),
            "It is to be seen. Is it? To be sure. [name] said [name] was right."
        );
    }

    #[test]
    fn common_words_of_names_only_beside_the_name() {
        let r = Redactor::new(
            false,
            ["Elizabeth May", "Will Smith", "Input State No Credential"],
        );
        assert_eq!(
            r.display("May I ask Ms. May and Elizabeth May? Will Smith will come. No."),
            "May I ask Ms. [name] and [name]? [name] will come. No."
        );
        // A word typed in lower case that is a common word is no name word at all.
        let r = Redactor::new(
            false,
            ["Usage (insert after Formulate Notice)", "Shu-yu Guo"],
        );
        assert_eq!(
            r.display("Usage: insert it after the notice; Shu-yu and Yu agree, Guo too"),
            "[name]: insert it after the notice; [name] and [name] agree, [name] too"
        );
    }

    #[test]
    fn a_long_name_is_hidden_whole_not_word_by_word() {
        let r = Redactor::new(
            false,
            ["Trust Framework (PCTF). The document is structured as follows"],
        );
        assert_eq!(
            r.display(
                "This document is short. Trust Framework. The document is structured as follows: …"
            ),
            "This document is short. [name]: …"
        );
        let r = Redactor::new(
            false,
            ["Ministry of Health", "Avri doria", "Chris de Almeida"],
        );
        assert_eq!(
            r.display("The Ministry of Health, the Health Ministry, Doria and Almeida"),
            "The [name], the Health Ministry, [name] and [name]"
        );
    }

    #[test]
    fn accents_do_not_matter() {
        let r = Redactor::new(false, ["Nicolò Ribaudo", "Michel Quillé"]);
        assert_eq!(
            r.display("a reply from Nicolo, then Quille and Quillé"),
            "a reply from [name], then [name] and [name]"
        );
    }

    #[test]
    fn chinese_and_japanese_names_are_hidden_whole_with_spaces_and_titles() {
        let r = Redactor::new(
            false,
            [
                "陳敦基",
                "王穆衡",
                "謝慧美",
                "あどみん\u{3000}てすと",
                "Audrey Tang",
                "唐鳳",
            ],
        );
        assert_eq!(
            r.display("I am 陳敦基 (陳 敦基) from the College of Management"),
            "I am [name] ([name]) from the College of Management"
        );
        assert_eq!(
            r.display("王穆衡理事長與陳教授、謝慧美"),
            "[name]理事長與[name]、[name]"
        );
        assert_eq!(r.display("王理事長說"), "[name]說");
        assert_eq!(r.display("唐鳳：我們今天討論"), "[name]：我們今天討論");
        assert_eq!(
            r.display("作成者: あどみん　てすと, あどみん様, てすと"),
            "作成者: [name], [name], [name]"
        );
        // One character is not a name: 王 (king) and 陳 (to display) stay.
        assert_eq!(r.display("王道與陳列"), "王道與陳列");
    }

    #[test]
    fn thousands_of_whole_names_are_all_hidden() {
        // Far past what one regex of all of them may hold.
        let han: Vec<String> = (0..6_000u32)
            .map(|n| {
                let c = |k: u32| char::from_u32(0x4E00 + (n * 3 + k) % 20_000).unwrap_or('一');
                format!("{}{}{}", c(0), c(1), c(2))
            })
            .collect();
        let orgs: Vec<String> = (0..300)
            .map(|n| format!("Office{n} of the Region{n}"))
            .collect();
        let r = Redactor::new(false, han.iter().chain(&orgs).map(String::as_str));
        for name in [&han[0], &han[2_999], &han[5_999], &orgs[0], &orgs[299]] {
            let text = format!("said {name} today");
            assert_eq!(r.display(&text), "said [name] today", "{name}");
        }
    }

    #[test]
    fn names_in_scripts_without_capitals_are_hidden() {
        let r = Redactor::new(false, ["محمد علي", "דוד כהן", "김 철수", "राहुल शर्मा"]);
        assert_eq!(
            r.display("قال محمد علي و דוד כהן ו김 철수 और राहुल शर्मा"),
            "قال [name] و [name] ו[name] और [name]"
        );
        assert_eq!(
            r.display("김철수 씨와 김 교수님, 철수"),
            "[name] 씨와 [name]님, [name]"
        );
    }

    #[test]
    fn a_handle_the_corpus_uses_as_a_word_is_not_hidden() {
        use crate::model::{Document, How, Passage, PassageKind, Speaker};
        let texts = [
            "The internet needs every user.",
            "Internet access for each user matters.",
            "An open internet serves the user.",
            "Every user of the internet counts.",
            "The internet is for the user.",
            "bokuweb agrees with the first point.",
            "Avri doria disagrees.",
        ];
        let speakers = ["internet", "user", "bokuweb", "Avri doria", "x", "y", "z"];
        let passages: Vec<Passage> = texts
            .iter()
            .zip(speakers)
            .enumerate()
            .map(|(n, (text, speaker))| {
                let doc = Document {
                    id: format!("d{n}"),
                    path: format!("d{n}.txt"),
                    path_raw: None,
                    format: "text".into(),
                    title: None,
                    kind: "notes".into(),
                    text: text.to_string(),
                    meta: Default::default(),
                    warnings: Vec::new(),
                    authors: Vec::new(),
                    blocks: Vec::new(),
                };
                let mut p = Passage::new(&doc, 1, PassageKind::Paragraph, 0, text.len());
                p.speaker = Some(Speaker::named(speaker, How::Comment));
                p
            })
            .collect();
        let opts = OutlineOptions {
            attribution: super::super::Attribution::Anonymous,
            ..OutlineOptions::default()
        };
        let r = Redactor::for_outline(&passages, &opts);
        assert_eq!(
            r.display("The internet and its users: one user, bokuweb, Doria."),
            "The internet and its users: one user, [name], [name]."
        );
    }

    #[test]
    fn ids_that_name_someone_get_neutral_ids() {
        let r = Redactor::new(false, ["Tom Atlee", "Colin Megill"]);
        let ids = [
            "sayit/2018-04-06-Conversation-with-Tom-Atlee-and-Colin-Megill",
            "seeds/004_c045d1bfa3d696f9",
            "document-1",
            "sayit/Tom-Atlee-notes",
        ];
        let neutral = r.neutral_ids(ids);
        assert_eq!(neutral.len(), 2, "{neutral:?}");
        assert_eq!(
            neutral["sayit/2018-04-06-Conversation-with-Tom-Atlee-and-Colin-Megill"],
            "document-2"
        );
        assert_eq!(neutral["sayit/Tom-Atlee-notes"], "document-3");
        assert!(Redactor::new(false, []).neutral_ids(ids).is_empty());
        // A slug names people in lower case; a row key may be its author's address.
        let ids = [
            "corpus/tom-atlee-interview",
            "rows:jane.doe@example.org",
            "rows:r17",
        ];
        let neutral = r.neutral_ids(ids);
        assert_eq!(neutral.len(), 1, "{neutral:?}");
        assert!(neutral.contains_key("corpus/tom-atlee-interview"));
        let neutral = Redactor::new(true, ["Tom Atlee"]).neutral_ids(ids);
        assert_eq!(neutral.len(), 2, "{neutral:?}");
        assert!(neutral.contains_key("rows:jane.doe@example.org"));
        assert_eq!(
            r.display_id("../corpus/tom-atlee-interview.txt"),
            "../corpus/[name]-interview.txt"
        );
    }

    #[test]
    fn verbatim_parts_tile_the_quote() {
        let doc = "xx call +1-202-223-5956 now";
        let r = Redactor::new(true, []);
        let v = r.verbatim("d", 3, &doc[3..]);
        assert!(v.text.is_none());
        assert_eq!(v.display.as_deref(), Some("call [phone] now"));
        assert_eq!(v.parts.len(), 2);
        for p in &v.parts {
            assert_eq!(&doc[p.start..p.end], p.text);
        }
        assert_eq!((v.redactions[0].start, v.redactions[0].end), (8, 23));
        // Told a phone by its label.
        let doc = "Tel: 030 2028 1300, ask for the desk";
        let (s, e, k) = r.spans(doc)[0];
        assert_eq!((&doc[s..e], k), ("030 2028 1300", RedactionKind::Phone));
        let unchanged = r.verbatim("d", 0, "nothing here");
        assert_eq!(unchanged.text.as_deref(), Some("nothing here"));
    }
}
