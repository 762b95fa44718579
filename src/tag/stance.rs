//! Stance: a passage's position, in its speaker's own words, on what it is about.
//!
//! What: a sentence takes a position when the speaker says it of themselves — "we", "I", "our
//! delegation", "my government" as the subject, with nothing but auxiliaries and adverbs
//! before the cue ("We strongly support", "I would not support", "We, at ISOC, endorse") — or
//! opens with it ("Absolutely agree."). Support: support, endorse, welcome, favour, "in favour
//! of", agree (with / that), approve, back, applaud, commend, "share the view". Opposition:
//! oppose, reject, "object to", disagree, "do not / cannot support (agree, accept, endorse)",
//! "are against", "are not convinced". A second cue joined to the first ("We support the goal
//! but oppose the option as drafted") shares its subject, which makes the passage mixed.
//!
//! Not a position: a question; a conditional or an embedded clause ("if we support", "the
//! things we support", "I hope we agree"); an obligation or a wish ("we need to support
//! families": support as help); politeness ("we welcome the opportunity", "I agree to
//! meet"); agreeing on or to something (a procedure); "support" or "welcome" of something that
//! is not a proposal, an option or a view ("we support our members"). Each cue is an absolute
//! span with its object where the text names one ("the public network"; none for "I agree
//! with that"). Headings, block quotes and revisions take no position.
//!
//! Why: a synthesis must say who supports and who opposes each option; disagreement between
//! speakers is opposite stances on the same object, and merged recommendations count their
//! supporters and opposers.
//!
//! Example: "We support the goal but oppose the public network as drafted." is mixed: a
//! supports cue "support" on "the goal" and an opposes cue "oppose" on "the public network".

use std::sync::LazyLock;

use regex::Regex;

use super::Sentence;
use super::questions::{asks_without_mark, is_question};
use crate::model::{Passage, PassageKind, Position, Span, Stance, StanceCue};

/// Cues of a position; negated and multi-word cues before the single words they contain.
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:",
        // Opposition.
        r"(?P<o>(?:do|does|did)(?:\s+not|n[’']t)\s+(?:fully\s+|really\s+)?(?:support|agree|endorse|accept|favou?r|approve\s+of|back)",
        r"|(?:cannot|can[’']t|could\s+not|couldn[’']t|will\s+not|won[’']t|would\s+not|wouldn[’']t)\s+(?:support|agree|endorse|accept|back)",
        r"|(?:am|are|is|[’']m|[’']re)\s+(?:strongly\s+|firmly\s+|very\s+much\s+|totally\s+|completely\s+)?(?:opposed\s+to|against)",
        r"|(?:am|are|[’']m|[’']re)\s+not\s+(?:convinced|persuaded|in\s+fav(?:ou)?r\s+of|happy\s+with|comfortable\s+with|supportive\s+of)",
        r"|oppose[sd]?|reject(?:s|ed)?|object(?:s|ed)?\s+to|disagree(?:s|d)?(?:\s+with)?",
        r")|(?P<s>",
        // Support.
        r"(?:am|are|[’']m|[’']re)\s+(?:very\s+|fully\s+|strongly\s+|entirely\s+|broadly\s+|very\s+much\s+)?(?:in\s+fav(?:ou)?r\s+of|supportive\s+of|happy\s+with|comfortable\s+with|happy\s+to\s+(?:accept|support|endorse))",
        r"|in\s+fav(?:ou)?r\s+of|support(?:s|ed)?|endorse[sd]?|welcome[sd]?|applaud(?:s|ed)?|commend(?:s|ed)?",
        r"|agree[sd]?(?:\s+with)?|approve[sd]?(?:\s+of)?|back(?:s|ed)?\s+(?:the|this|that|these|those|a|an|your|their|his|her)\b|favou?r(?:s|ed)?",
        r"|share\s+the\s+(?:same\s+)?(?:view|position)|prefer(?:s|red)?|believe\s+in",
        r"|(?:really\s+)?like\s+(?:the\s+idea\s+of|what\s+(?:you|he|she|they)\s+(?:just\s+)?said\s+about|(?:the|this|that|your)\s+(?:idea|proposal|suggestion|approach))",
        r"|there\s+is\s+(?:some\s+|real\s+|great\s+|considerable\s+|a\s+lot\s+of\s+)?merit\s+in",
        r"))\b",
    ))
    .expect("stance cue pattern")
});

/// An evaluation in the speaker's own words: "I think the concept of a fee is an important
/// concept", "we believe the GAC is an unsuccessful attempt", and, opening the sentence,
/// "This approach has been very valuable", "It's absurd that …".
static EVALUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:\b(?:i|we)\s+(?:do\s+|really\s+|strongly\s+|also\s+|still\s+)?(?:think|believe|consider|find|feel)\s+(?:that\s+)?|^\W*)",
        r"(?P<np>(?:it|this|that|these|those|the|our|such|an?|[a-z][\w-]*)\b[^,;:.?!]{0,80}?)",
        r"(?:\s+(?:is|are|was|were|has\s+been|have\s+been|will\s+be|seems?\s+(?:to\s+be\s+)?|remains?|(?P<wnot>would\s+not\s+be)|(?P<ought>should\s+(?:still\s+|also\s+)?be|must\s+(?:still\s+|also\s+)?be|ought\s+to\s+be))|[’']s)\s+",
        r"(?P<adj>(?:(?:very|really|so|quite|particularly|extremely|entirely|absolutely|most|more|an?|the|truly|hugely|clearly|simply|,)\s*)*",
        r"(?P<not>not\s+(?:(?:very|really|so|an?|the)\s+)*)?",
        r"(?P<word>useful|helpful|valuable|excellent|effective|beneficial|sensible|promising|positive|good|great|correct|right|welcome|appropriate|feasible|workable|acceptable|fair",
        r"|encouraged|supported|welcomed|fostered|strengthened|promoted|avoided|rejected|outlawed|prohibited|banned|abolished|discouraged|resisted|opposed",
        r"|absurd|wrong|unhelpful|harmful|dangerous|problematic|misguided|flawed|unworkable|mistaken|mistake|inappropriate|unacceptable|ineffective|failure|unsuccessful|unfair|disingenuous|counter-?productive|premature|unfeasible|unrealistic|bad))\b",
    ))
    .expect("evaluation pattern")
});

/// Evaluative words that oppose what they judge.
const NEGATIVE: &[&str] = &[
    "absurd",
    "wrong",
    "unhelpful",
    "harmful",
    "dangerous",
    "problematic",
    "misguided",
    "flawed",
    "unworkable",
    "mistaken",
    "mistake",
    "inappropriate",
    "unacceptable",
    "ineffective",
    "failure",
    "unsuccessful",
    "unfair",
    "disingenuous",
    "counterproductive",
    "counter-productive",
    "premature",
    "unfeasible",
    "unrealistic",
    "bad",
];

/// Evaluations that open a sentence without "I think" must judge strongly: "good", "right"
/// or "correct" alone there are too often about something else ("the weather is good").
const WEAK: &[&str] = &[
    "good",
    "great",
    "right",
    "correct",
    "positive",
    "appropriate",
    "fair",
];

/// Participles that judge only after "should be" / "must be" ("X should be encouraged"), in
/// favour and against.
const PRESCRIBED_FOR: &[&str] = &[
    "encouraged",
    "supported",
    "welcomed",
    "fostered",
    "strengthened",
    "promoted",
];
const PRESCRIBED_AGAINST: &[&str] = &[
    "avoided",
    "rejected",
    "outlawed",
    "prohibited",
    "banned",
    "abolished",
    "discouraged",
    "resisted",
    "opposed",
];

/// The speaker as the subject right before a cue: "we", "I", "our delegation", "my
/// government", with only auxiliaries, adverbs and a parenthesis between ("We, at ISOC,").
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:^|[^\w’'])(?P<subj>we|i|our\s+(?:[a-z-]+\s+){0,2}?[a-z-]+|my\s+(?:[a-z-]+\s+)?[a-z-]+)",
        r"(?:[’'](?:d|m|re|ve|ll))?",
        r"(?:\s*,[^,]{1,80},)?",
        r"(?:\s+(?:understand|recognise|recognize|appreciate|acknowledge|note|share|value)\s+and)?",
        r"(?:\s+(?:do|does|did|would|will|can|could|am|are|is|have|has|had|also|all|both|too|still|therefore|thus|hence|so|now|then|very|much|fully|strongly|firmly|really|certainly|definitely|absolutely|entirely|wholeheartedly|generally|broadly|totally|completely|actually|indeed|basically|personally|warmly|particularly|especially|always|further|again|hereby|wholly|largely|mostly|in\s+principle|in\s+general|very\s+much))*",
        r"\s*$",
    ))
    .expect("stance subject pattern")
});

/// Words that may stand before the subject in its clause without making it someone else's
/// position or a hypothesis ("So we support …", "I think we agree …").
const LEAD_IN: &[&str] = &[
    "and",
    "but",
    "so",
    "yes",
    "yeah",
    "well",
    "now",
    "also",
    "indeed",
    "therefore",
    "thus",
    "hence",
    "then",
    "frankly",
    "honestly",
    "personally",
    "obviously",
    "clearly",
    "certainly",
    "okay",
    "ok",
    "look",
    "again",
    "finally",
    "firstly",
    "secondly",
    "first",
    "second",
    "lastly",
    "overall",
    "i",
    "think",
    "believe",
    "basically",
    "really",
    "um",
    "uh",
    "just",
    "oh",
    "no",
    "absolutely",
    "of",
    "course",
    "generally",
    "fully",
    "very",
    "much",
    "that",
];

/// A cue that opens the sentence with no subject: "Absolutely agree.", "Agreed, but …".
static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:absolutely|totally|fully|completely|strongly|entirely)\s+)?$")
        .expect("opening pattern")
});

/// Whether what follows a sentence-opening cue makes it an answer ("Agreed.", "Agree with
/// that", "Agree it needs rewriting") rather than an imperative ("Agree a formal framework").
fn opening_answers(rest: &str) -> bool {
    let r = rest.trim_start().to_lowercase();
    r.is_empty()
        || r.starts_with(['.', ',', '!', ';', ':', '—', '–', '-'])
        || [
            "with ",
            "that ",
            "it ",
            "this ",
            "but ",
            "and ",
            "entirely",
            "completely",
            "100",
        ]
        .iter()
        .any(|w| r.starts_with(w))
}

/// A second cue joined to the first one's subject: "… but oppose", "… and strongly endorse".
static JOINED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|,|\s)(?:but|and|yet|while|though|although)\s+(?:(?:also|strongly|firmly|fully|do|would|will|we|i)\s+)*$")
        .expect("joined pattern")
});

/// What a cue may be about that is no position: politeness, thanks, people to help.
static NOT_A_POSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:the|this|that|your|their|all|any|these|an?)\s+)?(?:very\s+)?(?:opportunity|opportunities|chance|invitation|participation|contributions?|questions?|comments?|input|feedback|inquiries|enquiries|views\s+of|presence|attendance|guests?|visitors?|everyone|everybody|you|all|delegates|members|colleagues|news|fact|idea\s+of\s+meeting)\b")
        .expect("politeness pattern")
});

/// Objects of "support", "welcome", "back", "favour" that make it a position (a proposal, an
/// option, a view), not help given to people or things.
static PROPOSAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:proposals?|motions?|bills?|amendments?|ideas?|recommendations?|plans?|approach(?:es)?|options?|positions?|views?|principles?|initiatives?|resolutions?|drafts?|text|language|statements?|suggestions?|calls?|decisions?|models?|framework|concepts?|goals?|aims?|objectives?|measures?|changes?|efforts?|declarations?|roadmap|documents?|process|idea|notion|policy|policies|strategy|strategies|agenda|report|point|argument|claim|premise|thrust|spirit|direction|request|moves?|step|steps|(?:develop|manage|arrange|agree|commit|settle|assess|enforce|establish|invest|improve|engage|involve|empower|amend|adjust)ments?|vision|work|provisions?|clauses?|paragraphs?|articles?|sections?|wording|version|budget|plan|program(?:me)?s?|scheme|rule|rules|regulations?|law|laws|act|legislation|treaty|mechanism|body|forum|network|code|standard|standards|register|fee|tax|ban|cap|limit|requirement|target|\w{3,}(?:tion|sion|ance|ence)s?)\b")
        .expect("proposal pattern")
});

/// Where an object ends: punctuation or a word that starts a clause.
static OBJECT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)[,.;:!?()\[\]"“”]|\s[–—-]\s|\b(?:because|but|since|as|if|when|which|who|so|while|although|though|unless|and\s+(?:we|i|it|that|this|they)|in\s+order|whereas)\b"#)
        .expect("object end pattern")
});

/// Words that make an object a pronoun or a clause, naming nothing ("with that", "that we").
const PRONOUNS: &[&str] = &[
    "it",
    "this",
    "that",
    "these",
    "those",
    "them",
    "him",
    "her",
    "you",
    "what",
    "everything",
    "anything",
    "something",
    "all",
    "everybody",
    "everyone",
    "one",
    "so",
    "there",
    "we",
    "i",
    "they",
    "he",
    "she",
    "with",
    "whatever",
];

/// The most words of an object.
const OBJECT_MAX_WORDS: usize = 10;

/// The stance of `p` (English text), given its sentences (relative ranges).
pub(crate) fn stance(p: &Passage, sentences: &[Sentence]) -> Stance {
    if matches!(
        p.kind,
        PassageKind::Heading | PassageKind::Quote | PassageKind::Revision
    ) {
        return Stance::default();
    }
    let names = speaker_names(p);
    let mut cues = Vec::new();
    for s in sentences {
        let Some(sentence) = p.text.get(s.start..s.end) else {
            continue;
        };
        if is_question(sentence) || asks_without_mark(sentence) {
            continue;
        }
        for (position, start, end, object) in sentence_cues(sentence, &names) {
            let object = object.map(|(a, b)| Span {
                start: p.start + s.start + a,
                end: p.start + s.start + b,
                text: sentence[a..b].to_string(),
            });
            cues.push(StanceCue {
                position,
                start: p.start + s.start + start,
                end: p.start + s.start + end,
                text: sentence[start..end].to_string(),
                object,
            });
        }
    }
    Stance::of(cues)
}

type Range = (usize, usize);

/// The speaker's own cues of one sentence: position, cue range, object range (relative).
fn sentence_cues(sentence: &str, names: &[String]) -> Vec<(Position, usize, usize, Option<Range>)> {
    let mut out: Vec<(Position, usize, usize, Option<Range>)> = Vec::new();
    let mut last_own: Option<usize> = None;
    for c in CUE.captures_iter(sentence) {
        let Some(m) = c.get(0) else { continue };
        let position = if c.name("o").is_some() {
            Position::Opposes
        } else {
            Position::Supports
        };
        let before = &sentence[..m.start()];
        if inside_quote(before) {
            continue;
        }
        let own = own_subject(before)
            || names_speaker(before, names)
            || (OPENING.is_match(before) && opening_answers(&sentence[m.end()..]))
            // "There is merit in …" speaks for the speaker without a subject.
            || (m.as_str().to_lowercase().starts_with("there") && lead_in_only(before))
            || last_own.is_some_and(|e| JOINED.is_match(&sentence[e..m.start()]));
        if !own {
            continue;
        }
        let word = m.as_str().to_lowercase();
        let mut object = object(sentence, m.end());
        // "agree that engineers differ": a clause, not a named object.
        if (word.contains("agree") || word.contains("view") || word.contains("position"))
            && object.is_some_and(|(a, _)| sentence[a..].to_lowercase().starts_with("that "))
        {
            object = None;
        }
        let object_text = object.map(|(a, b)| &sentence[a..b]);
        let rest = sentence[m.end()..].trim_start().to_lowercase();
        // Agreeing on or to something is a procedure ("we agreed to meet", "agree on a date").
        if word.starts_with("agree")
            && position == Position::Supports
            && (rest.starts_with("to ") || rest.starts_with("on ") || rest.starts_with("upon "))
        {
            continue;
        }
        if object_text.is_some_and(|o| NOT_A_POSITION.is_match(o)) {
            continue;
        }
        // "Support", "welcome", "back", "favour" of people or things are help or hospitality;
        // a position needs a proposal, an option or a view (or a pronoun that refers to one).
        let needs_proposal = position == Position::Supports
            && ["support", "welcome", "back", "favo", "applaud", "commend"]
                .iter()
                .any(|w| word.starts_with(w));
        // Praise of the hosts' effort is courtesy ("We commend the effort of the government").
        if (word.starts_with("applaud") || word.starts_with("commend"))
            && object_text.is_some_and(|o| {
                let o = o.to_lowercase();
                [
                    "effort",
                    "initiative",
                    "government",
                    "host",
                    "organis",
                    "organiz",
                    "work",
                ]
                .iter()
                .any(|w| o.contains(w))
            })
        {
            continue;
        }
        if needs_proposal {
            let named = object_text.is_some();
            let words_after = !rest.is_empty() && !rest.starts_with(['.', '!', ',', ';']);
            if named && !object_text.is_some_and(|o| PROPOSAL.is_match(o)) {
                continue;
            }
            // "we support families" with no object parsed (a long or odd phrase): no position.
            if !named && words_after && !starts_with_pronoun(&rest) {
                continue;
            }
        }
        last_own = Some(m.end());
        out.push((position, m.start(), m.end(), object));
    }
    if out.is_empty() {
        out.extend(
            evaluation(sentence).filter(|&(_, start, ..)| !inside_quote(&sentence[..start])),
        );
    }
    out
}

/// Whether text ending here is inside a quotation it opened ("… says, 'Actually, I preferred
/// it …"): someone else's words.
fn inside_quote(before: &str) -> bool {
    let mut depth: i32 = 0;
    let mut prev: Option<char> = None;
    let chars: Vec<char> = before.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        let next = chars.get(k + 1).copied();
        let after_space = prev.is_none_or(|p| p.is_whitespace() || "([{—–-:".contains(p));
        match c {
            '“' => depth += 1,
            '”' => depth -= 1,
            '"' if after_space => depth += 1,
            '"' => depth -= 1,
            '‘' => depth += 1,
            '\'' | '’' if after_space && next.is_some_and(char::is_alphanumeric) => depth += 1,
            '\'' | '’' if !next.is_some_and(char::is_alphanumeric) && depth > 0 => depth -= 1,
            _ => {}
        }
        prev = Some(c);
    }
    depth > 0
}

/// The position of an evaluation ("I think the concept is an important concept"): its
/// evaluative word as the cue, what it judges as the object (none for "it", "this").
fn evaluation(sentence: &str) -> Option<(Position, usize, usize, Option<Range>)> {
    let c = EVALUATION.captures(sentence)?;
    let whole = c.get(0)?;
    let word = c.name("word")?;
    let np = c.name("np")?;
    let framed = !whole
        .as_str()
        .trim_start()
        .starts_with(np.as_str().trim_start())
        || whole.start() > 0 && !sentence[..whole.start()].trim().is_empty();
    let w = word.as_str().to_lowercase();
    if !framed && WEAK.contains(&w.as_str()) {
        return None;
    }
    // Unframed, a comparison describes ("networks are most effective at the normative level")
    // and a judgement must close its clause ("… have been very valuable.", "It's absurd that").
    let degree = c.name("adj").map_or("", |m| m.as_str()).to_lowercase();
    let after = sentence[word.end()..].trim_start().to_lowercase();
    if !framed
        && (degree.contains("more")
            || degree.contains("most")
            || !(after.is_empty()
                || after.starts_with(['.', '!', ',', ';', ':', ')'])
                || after.starts_with("that ")))
    {
        return None;
    }
    // What judges someone else's words is reported ("she said the plan was good").
    let np_text = np.as_str().to_lowercase();
    if np_text.split_whitespace().any(|x| {
        matches!(
            x,
            "said"
                | "says"
                | "argued"
                | "argues"
                | "claimed"
                | "claims"
                | "suggested"
                | "suggests"
                | "advised"
                | "noted"
                | "notes"
                | "stated"
                | "states"
                | "explained"
                | "reported"
                | "felt"
                | "thought"
                | "thinks"
                | "believes"
                | "believed"
                | "added"
                | "observed"
                | "recognized"
                | "recognised"
                | "acknowledged"
                | "accepted"
                | "agreed"
                | "emphasized"
                | "emphasised"
                | "stressed"
                | "mentioned"
                | "considered"
                | "warned"
                | "insisted"
                | "concluded"
                | "found"
                | "finds"
                | "told"
                | "if"
                | "whether"
                | "neither"
                | "nothing"
                | "none"
                | "nobody"
                | "no"
        )
    }) {
        return None;
    }
    // "should be encouraged" judges; "is encouraged" reports.
    let prescribed_against = PRESCRIBED_AGAINST.contains(&w.as_str());
    let prescribed = prescribed_against || PRESCRIBED_FOR.contains(&w.as_str());
    if prescribed != c.name("ought").is_some() {
        return None;
    }
    // "an excellent opportunity to point out …" is politeness, not a judgement.
    if after.starts_with("opportunity")
        || after.starts_with("chance")
        || after.starts_with("question")
    {
        return None;
    }
    let negative = prescribed_against || NEGATIVE.contains(&w.as_str());
    let not = c.name("not").is_some() || c.name("wnot").is_some();
    let position = match (negative, not) {
        (false, false) => Position::Supports,
        (false, true) => Position::Opposes,
        (true, false) => Position::Opposes,
        (true, true) => return None,
    };
    let start = c
        .name("wnot")
        .or(c.name("not"))
        .map_or(word.start(), |n| n.start());
    let object = object(sentence, np.start())
        .filter(|_| !starts_with_pronoun(&np_text))
        .map(|(a, _)| (a, np.end()))
        .filter(|&(a, b)| a < b);
    Some((position, start, word.end(), object))
}

/// Whether the text before a cue ends with the speaker as its subject, in a clause of their
/// own (no "if", "whether", "the things" before the subject).
fn own_subject(before: &str) -> bool {
    let Some(c) = SUBJECT.captures(before) else {
        return false;
    };
    let Some(subj) = c.name("subj") else {
        return false;
    };
    // "our X" is the speaker only when X is a body of people ("our delegation"), not "our view".
    let s = subj.as_str().to_lowercase();
    if (s.starts_with("our ") || s.starts_with("my "))
        && s.split_whitespace().any(|w| {
            matches!(
                w,
                "view" | "position" | "proposal" | "recommendation" | "support" | "concern"
            )
        })
    {
        return false;
    }
    lead_in_only(&before[..subj.start()])
}

/// Whether the clause that ends with `pre` holds only lead-in words ("So,", "I think").
fn lead_in_only(pre: &str) -> bool {
    let clause = pre
        .rfind([',', ';', ':', '(', '–', '—'])
        .map_or(pre, |i| &pre[i..]);
    clause
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| LEAD_IN.contains(&w.to_lowercase().as_str()))
}

/// Auxiliaries and adverbs between a named subject and its cue ("InternetNZ strongly").
static BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\s+(?:also|strongly|fully|firmly|therefore|thus|still|would|does|do|will|can|could|generally|broadly|very\s+much))*\s*$")
        .expect("between pattern")
});

/// Whether the text before a cue ends with the passage's own author named in the third
/// person, as written submissions do ("Spain agrees with", "InternetNZ prefers").
fn names_speaker(before: &str, names: &[String]) -> bool {
    let Some(m) = BETWEEN.find(before) else {
        return false;
    };
    let head = &before[..m.start()];
    let lower = head.to_lowercase();
    names.iter().any(|n| {
        lower.ends_with(n.as_str()) && {
            let at = head.len() - n.len();
            head.is_char_boundary(at)
                && !head[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                && lead_in_only(without_article(&head[..at]))
        }
    })
}

/// `pre` without a last word "the" ("Therefore, the" before "European Commission").
fn without_article(pre: &str) -> &str {
    let t = pre.trim_end();
    match t.rsplit_once(char::is_whitespace) {
        Some((rest, last)) if last.eq_ignore_ascii_case("the") => rest,
        None if t.eq_ignore_ascii_case("the") => "",
        _ => t,
    }
}

/// The names the passage's speaker goes by, lowercased: name and organisation.
fn speaker_names(p: &Passage) -> Vec<String> {
    let Some(s) = p.speaker.as_ref() else {
        return Vec::new();
    };
    [s.name.as_deref(), s.organisation.as_deref()]
        .into_iter()
        .flatten()
        .map(|n| {
            n.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .filter(|n| n.chars().count() >= 2)
        .collect()
}

fn starts_with_pronoun(rest: &str) -> bool {
    rest.split(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| PRONOUNS.contains(&w))
}

/// The object named after a cue ending at `cue_end`: at most ten words up to punctuation or
/// a new clause, without a leading "of / with / to / for"; none when it is a pronoun or a
/// clause ("that we …").
fn object(sentence: &str, cue_end: usize) -> Option<Range> {
    let rest = sentence.get(cue_end..)?;
    let end = OBJECT_END.find(rest).map_or(rest.len(), |m| m.start());
    let phrase = &rest[..end];
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut at = None;
    for (i, ch) in phrase.char_indices() {
        let word_char = ch.is_alphanumeric() || ch == '-' || ch == '\'' || ch == '’';
        match (word_char, at) {
            (true, None) => at = Some(i),
            (false, Some(a)) => {
                words.push((a, i));
                at = None;
            }
            _ => {}
        }
    }
    if let Some(a) = at {
        words.push((a, phrase.len()));
    }
    let lower = |w: (usize, usize)| phrase[w.0..w.1].to_lowercase();
    while words
        .first()
        .is_some_and(|&w| matches!(lower(w).as_str(), "of" | "with" | "to" | "for" | "fully"))
    {
        words.remove(0);
    }
    // A long phrase is cut before its first function word after the head: "efforts to
    // ensure the IGF's sustainability and …" → "efforts".
    if words.len() > OBJECT_MAX_WORDS {
        let cut = (1..words.len()).find(|&k| {
            matches!(
                lower(words[k]).as_str(),
                "to" | "and" | "or" | "that" | "in" | "on" | "for" | "with" | "by" | "from" | "at"
            )
        })?;
        words.truncate(cut.min(OBJECT_MAX_WORDS));
    }
    let first = *words.first()?;
    let head = lower(first);
    if PRONOUNS.contains(&head.as_str()) {
        // "this proposal", "that option" name their object; "that we …", "with it" do not.
        let demonstrative = matches!(head.as_str(), "this" | "that" | "these" | "those");
        let next = words.get(1).map(|&w| lower(w));
        let names = demonstrative
            && next.as_deref().is_some_and(|n| {
                !PRONOUNS.contains(&n)
                    && !matches!(
                        n,
                        "is" | "was" | "are" | "were" | "the" | "a" | "an" | "our" | "my"
                    )
            });
        if !names {
            return None;
        }
    }
    let last = *words.last()?;
    Some((cue_end + first.0, cue_end + last.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(s: &str) -> Vec<(Position, String, Option<String>)> {
        sentence_cues(s, &["internetnz".to_string()])
            .into_iter()
            .map(|(p, a, b, o)| (p, s[a..b].to_string(), o.map(|(x, y)| s[x..y].to_string())))
            .collect()
    }

    #[test]
    fn the_speakers_own_support_and_opposition_with_their_objects() {
        assert_eq!(
            cues("We support the goal but oppose the public network as drafted."),
            vec![
                (
                    Position::Supports,
                    "support".into(),
                    Some("the goal".into())
                ),
                (
                    Position::Opposes,
                    "oppose".into(),
                    Some("the public network".into())
                ),
            ]
        );
        assert_eq!(
            cues("We, at ISOC, strongly endorse the proposal for a voluntary code."),
            vec![(
                Position::Supports,
                "endorse".into(),
                Some("the proposal for a voluntary code".into())
            )]
        );
        assert_eq!(
            cues("I disagree with that."),
            vec![(Position::Opposes, "disagree with".into(), None)]
        );
        assert_eq!(
            cues("Our delegation cannot support the draft's definition."),
            vec![(
                Position::Opposes,
                "cannot support".into(),
                Some("the draft's definition".into())
            )]
        );
    }

    #[test]
    fn an_author_named_in_the_third_person_and_an_evaluation_take_positions() {
        assert_eq!(
            cues("InternetNZ strongly prefers the ending of political oversight."),
            vec![(
                Position::Supports,
                "prefers".into(),
                Some("the ending of political oversight".into())
            )]
        );
        assert_eq!(cues("Spain prefers the ending of oversight."), vec![]);
        assert_eq!(
            cues("I think the licensing requirement is not workable."),
            vec![(
                Position::Opposes,
                "not workable".into(),
                Some("the licensing requirement".into())
            )]
        );
        assert_eq!(
            cues("The weather was good."),
            vec![],
            "a weak judgement opening a sentence"
        );
    }

    #[test]
    fn help_politeness_procedure_and_others_positions_are_no_stance() {
        for s in [
            "We need to support families through this crisis.",
            "We support our members in every province.",
            "We welcome the opportunity to comment.",
            "We agreed to meet again in March.",
            "The minister supports the bill.",
            "If we support this, the costs rise.",
            "These are the principles we support.",
            "I hope we agree on a date.",
            "Our view is that we oppose nothing.",
        ] {
            assert_eq!(cues(s), vec![], "{s}");
        }
    }

    #[test]
    fn multi_byte_text_never_breaks_a_cue_or_object() {
        for s in [
            "We support the £5 fee — and reject the ban…",
            "我们 support “the plan”",
            "We oppose — ",
            "I agree with",
        ] {
            let _ = cues(s);
        }
    }
}
