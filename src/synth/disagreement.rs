//! Points of disagreement, and the reviewers' comments a section shows.
//!
//! What, in order of strength:
//! - **reply**: a comment that pushes back ("and yet", "I don't believe", "agreed but", "not
//!   the case", "disagree", "however" …) on the text it annotates, or on the comment before it
//!   in its thread. A thread is the comments of one document on the same anchor, in order (or
//!   linked by `reply_to`); the point disputed is the earlier comment by someone else when the
//!   reply opens like an answer ("Agreed, but", "And yet") or names its author, else the
//!   anchored text itself (always when it speaks of "this sentence", "this paragraph" …);
//! - **stance**: support ("we support", "in favour of", "endorse") from one stakeholder group and
//!   opposition ("oppose", "reject", "against the", "do not support") from another, in the same
//!   section;
//! - **turn**: a sentence of a passage that turns against what precedes it or reports dissent
//!   ("however", "disagree", "on the other hand", "opposed", "not everyone"); the sentence
//!   before it, when the turn opens its sentence, is the point.
//!
//! Comments touch a section when they are its members or when the passage they annotate is.
//!
//! Why: a synthesis must show where views differ, not only what most say; in a commented
//! draft the disagreement lives in the comment threads.
//!
//! Example (seed 001): on "The trust relationships between these three…", Constance Bommelaer
//! writes "This is not the case for the technical community." and Avri doria answers "And yet,
//! the organization can be divided along that axis…": two replies, one on the draft, one on
//! the comment.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::attribution::{collapse, speaker_label, with_voice};
use super::keypoints::relevance;
use super::quotes::{Excerpt, WHOLE_MAX_CHARS, avoid_redactions, excerpt};
use super::sentences::split;
use super::structure::Spec;
use super::{Attribution, Ctx, Disagreement, DisagreementKind, Quote};
use crate::model::{Group, Passage, PassageKind};

/// Cues of a comment that pushes back, strongest first.
static PUSHBACK: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(i\s+(?:strongly\s+)?disagree|disagree|i\s+don[’']?t\s+(?:believe|think|agree)|i\s+do\s+not\s+(?:believe|think|agree)|not\s+the\s+case|not\s+true|on\s+the\s+contrary|and\s+yet|agreed?,?\s+but|that\s+is\s+different|not\s+convinced|not\s+sure|i\s+would\s+not|however|wrong)\b",
    )
    .ok()
});

/// Cues of a dissenting turn inside a passage.
static TURN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(disagree[sd]?|disagreement|dissent(?:ed|ing)?|however|on\s+the\s+other\s+hand|in\s+contrast|by\s+contrast|objected|opposed\s+(?:to|the|this|that|it|any)\b|not\s+everyone|others\s+(?:argued|felt|disagreed|warned)|contested|pushed\s+back|sceptical|skeptical|criticis(?:ed|ized))\b",
    )
    .ok()
});

/// How a comment that answers the comment before it begins ("And yet", "Agreed but", "No,").
static ANSWER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(and\s+yet|agreed?\b|i\s+(?:dis)?agree|disagree|yes\b|no\b|true\b|but\b|however|not\s+really|exactly|indeed|see\s+my\s+comment|like\s+\w+,|well\b|hmm+)",
    )
    .ok()
});

/// A comment about the annotated text itself ("I disagree with this sentence").
static ABOUT_TEXT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\bthis\s+(?:sentence|paragraph|text|section|claim|statement|draft|wording|passage|part)\b").ok()
});

static SUPPORT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(we\s+(?:strongly\s+)?support|supports?\s+the|in\s+fav(?:ou)?r\s+of|endorse[sd]?|we\s+welcome|welcomes?\s+the|agree\s+with)\b").ok()
});

static OPPOSE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(oppose[sd]?|opposition\s+to|reject(?:s|ed)?|against\s+the|do(?:es)?\s+not\s+support|object\s+to)\b").ok()
});

/// The first match of `re` in `text`: (start, end, cue as written). "As opposed to" is a
/// comparison, not an opposition, and is skipped.
fn cue(re: &LazyLock<Option<Regex>>, text: &str) -> Option<(usize, usize, String)> {
    re.as_ref()?
        .find_iter(text)
        .find(|m| {
            let before = text[..m.start()].split_whitespace().next_back();
            !(m.as_str().to_lowercase().starts_with("opposed")
                && before.is_some_and(|w| w.eq_ignore_ascii_case("as")))
        })
        .map(|m| (m.start(), m.end(), collapse(m.as_str())))
}

/// The comments that touch a section (members, or annotating a member), in corpus order.
pub fn comments_touching(ctx: &Ctx, spec: &Spec) -> Vec<usize> {
    let members: BTreeSet<usize> = spec.members.iter().copied().collect();
    let mut out: BTreeSet<usize> = BTreeSet::new();
    for (i, p) in ctx.passages.iter().enumerate() {
        if p.kind != PassageKind::Comment {
            continue;
        }
        if members.contains(&i) || ctx.anchored(i).is_some_and(|a| members.contains(&a)) {
            out.insert(i);
        }
    }
    out.into_iter().collect()
}

/// A quote of the whole comment `i` (or its best excerpt when long).
fn comment_quote(ctx: &Ctx, i: usize) -> Option<Quote> {
    let p = ctx.passage(i)?;
    let none = |_: &str| 0;
    let ex = excerpt(p, &none)?;
    ctx.quote(i, avoid_redactions(p, ex, &ctx.redactor))
}

/// The anchored text of comment `i`, quoted from the passage that holds it (at most the
/// length of a quote, from the anchor's start).
fn anchor_quote(ctx: &Ctx, i: usize) -> Option<Quote> {
    let p = ctx.passage(i)?;
    let anchor = p.anchor.as_ref()?;
    let j = ctx.anchored(i)?;
    let q = ctx.passage(j)?;
    let start = anchor.start.max(q.start);
    let end = anchor.end.min(q.end);
    let rel = q.text.get(start - q.start..end.checked_sub(q.start)?)?;
    // The first sentences of the anchor, up to the quote length.
    let mut stop = 0;
    for (_, e) in split(rel) {
        if rel.get(..e).map_or(0, |t| t.chars().count()) > WHOLE_MAX_CHARS && stop > 0 {
            break;
        }
        stop = e;
    }
    ctx.quote_span(j, start, start + stop)
}

/// True when `text` names the person `name` (full name, or a first or last name of three
/// letters or more, as a whole word).
fn names_in(text: &str, name: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    name.split_whitespace()
        .filter(|n| n.chars().count() >= 3)
        .any(|n| words.iter().any(|w| w.eq_ignore_ascii_case(n)))
}

fn name_of(p: &Passage) -> Option<String> {
    p.speaker
        .as_ref()?
        .name
        .as_deref()
        .map(|n| collapse(n).to_lowercase())
}

/// The disagreements of a section (see the module doc), at most `max_disagreements`.
pub fn find(ctx: &Ctx, spec: &Spec, touching: &[usize]) -> Vec<Disagreement> {
    let max = ctx.opts.max_disagreements;
    if max == 0 {
        return Vec::new();
    }
    let mut r = replies(ctx, touching).into_iter();
    let mut s = stances(ctx, spec).into_iter();
    let mut t = turns(ctx, spec).into_iter();
    let (has_s, has_t) = (s.len() > 0, t.len() > 0);
    // Room for one stance and one turn when there are any; replies take the rest.
    let quota = max
        .saturating_sub(usize::from(has_s) + usize::from(has_t))
        .max(1);
    let mut out: Vec<Disagreement> = r.by_ref().take(quota).collect();
    out.extend(s.by_ref().take(1));
    out.extend(t.by_ref().take(1));
    out.extend(r.chain(s).chain(t));
    out.truncate(max);
    out.sort_by_key(|d| match d.kind {
        DisagreementKind::Reply => 0,
        DisagreementKind::Stance => 1,
        DisagreementKind::Turn => 2,
    });
    out
}

/// Comment replies that push back.
fn replies(ctx: &Ctx, touching: &[usize]) -> Vec<Disagreement> {
    // Threads: by document and anchor span, in order.
    let mut threads: BTreeMap<(String, usize, usize), Vec<usize>> = BTreeMap::new();
    for &i in touching {
        let Some(p) = ctx.passage(i) else { continue };
        let key = match &p.anchor {
            Some(a) => (p.doc.clone(), a.start, a.end),
            None => (p.doc.clone(), usize::MAX, i),
        };
        threads.entry(key).or_default().push(i);
    }
    let by_id: BTreeMap<&str, usize> = touching
        .iter()
        .filter_map(|&i| ctx.passage(i).map(|p| (p.id.as_str(), i)))
        .collect();
    let mut found: Vec<(usize, usize, Disagreement)> = Vec::new();
    for thread in threads.values() {
        for (pos, &i) in thread.iter().enumerate() {
            let Some(p) = ctx.passage(i) else { continue };
            let Some((_, _, cue_text)) = cue(&PUSHBACK, &p.text) else {
                continue;
            };
            let me = name_of(p);
            // The comment it answers: its `reply_to`, else the one before it by someone else
            // when it opens like an answer or names that person; else it disputes the text.
            let earlier = p
                .reply_to
                .as_deref()
                .and_then(|id| by_id.get(id).copied())
                .or_else(|| {
                    let before = thread[..pos]
                        .iter()
                        .rev()
                        .copied()
                        .find(|&j| ctx.passage(j).is_some_and(|q| name_of(q) != me))?;
                    let about_text = ABOUT_TEXT.as_ref().is_some_and(|re| re.is_match(&p.text));
                    let answers = !about_text
                        && ANSWER.as_ref().is_some_and(|re| re.is_match(&p.text))
                        || ctx
                            .passage(before)
                            .and_then(|q| q.speaker.as_ref()?.name.as_deref())
                            .is_some_and(|name| names_in(&p.text, name));
                    answers.then_some(before)
                });
            let Some(reply) = comment_quote(ctx, i) else {
                continue;
            };
            let (point, on) = match earlier {
                Some(j) => {
                    let who = ctx
                        .passage(j)
                        .and_then(|q| q.speaker.as_ref())
                        .map_or("another comment".to_string(), |s| {
                            format!("{}’s comment", speaker_label(s, ctx.opts.attribution))
                        });
                    let who = match ctx.opts.attribution {
                        Attribution::Named => who,
                        _ => "an earlier comment".to_string(),
                    };
                    (comment_quote(ctx, j), who)
                }
                None => (anchor_quote(ctx, i), "the text".to_string()),
            };
            let who = p.speaker.as_ref().map_or("unattributed".to_string(), |s| {
                speaker_label(&with_voice(s, p), ctx.opts.attribution)
            });
            let groups: Vec<Group> = [earlier.and_then(|j| ctx.passage(j)?.voice), p.voice]
                .into_iter()
                .flatten()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let strength = usize::from(earlier.is_some());
            found.push((
                strength,
                i,
                Disagreement {
                    kind: DisagreementKind::Reply,
                    cue: cue_text,
                    summary: capitalise(&format!("{who} pushes back on {on}")),
                    point,
                    reply,
                    groups,
                },
            ));
        }
    }
    // Replies to comments first (a real exchange), then corpus order; one per thread first.
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(.., d)| d).collect()
}

/// Support from one group and opposition from another.
fn stances(ctx: &Ctx, spec: &Spec) -> Vec<Disagreement> {
    let mut support: BTreeMap<Group, (f64, usize, String)> = BTreeMap::new();
    let mut oppose: BTreeMap<Group, (f64, usize, String)> = BTreeMap::new();
    for &i in &spec.members {
        let Some(p) = ctx.passage(i) else { continue };
        let Some(g) = p.voice else { continue };
        if matches!(
            p.kind,
            PassageKind::Heading
                | PassageKind::Comment
                | PassageKind::Footnote
                | PassageKind::Revision
        ) {
            continue;
        }
        let score = relevance(p, spec);
        for (re, map) in [(&SUPPORT, &mut support), (&OPPOSE, &mut oppose)] {
            if let Some((_, _, c)) = cue(re, &p.text) {
                let better = map.get(&g).is_none_or(|&(s, j, _)| {
                    (score, std::cmp::Reverse(i)) > (s, std::cmp::Reverse(j))
                });
                if better {
                    map.insert(g, (score, i, c));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (&ga, &(_, a, ref ca)) in &support {
        for (&gb, &(_, b, ref cb)) in &oppose {
            if ga == gb || a == b {
                continue;
            }
            let Some(point) = sentence_with(ctx, a, &SUPPORT) else {
                continue;
            };
            let Some(reply) = sentence_with(ctx, b, &OPPOSE) else {
                continue;
            };
            out.push(Disagreement {
                kind: DisagreementKind::Stance,
                cue: format!("{ca} / {cb}"),
                summary: capitalise(&format!(
                    "{} voices support; {} voices opposition",
                    ga.label(),
                    gb.label()
                )),
                point: Some(point),
                reply,
                groups: vec![ga.min(gb), ga.max(gb)],
            });
            return out;
        }
    }
    out
}

/// The sentence of passage `i` holding the first match of `re`, as a quote.
fn sentence_with(ctx: &Ctx, i: usize, re: &LazyLock<Option<Regex>>) -> Option<Quote> {
    let p = ctx.passage(i)?;
    let (s, e) = sentence_at(p, re)?.1;
    let ex = avoid_redactions(
        p,
        Excerpt {
            start: s,
            end: e,
            truncated: false,
        },
        &ctx.redactor,
    );
    ctx.quote(i, ex)
}

/// A byte range relative to a passage's text.
type Range = (usize, usize);

/// The sentence holding the first cue of `re`, and the one before it: relative ranges.
fn sentence_at(p: &Passage, re: &LazyLock<Option<Regex>>) -> Option<(Option<Range>, Range)> {
    let (at, _, _) = cue(re, &p.text)?;
    let sentences = split(&p.text);
    let k = sentences.iter().position(|&(s, e)| s <= at && at < e)?;
    let prev = k.checked_sub(1).and_then(|j| sentences.get(j).copied());
    Some((prev, *sentences.get(k)?))
}

/// "However" / "disagree" turns in the section's passages, best ranked first.
fn turns(ctx: &Ctx, spec: &Spec) -> Vec<Disagreement> {
    let mut found: Vec<(f64, usize, Disagreement)> = Vec::new();
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
        let Some((prev, (s, e))) = sentence_at(p, &TURN) else {
            continue;
        };
        let Some((_, _, c)) = cue(&TURN, p.text.get(s..e).unwrap_or_default()) else {
            continue;
        };
        if e - s > 3 * WHOLE_MAX_CHARS {
            continue;
        }
        let opens = p
            .text
            .get(s..e)
            .and_then(|t| cue(&TURN, t))
            .is_some_and(|(at, _, _)| at <= 4);
        let point = prev.filter(|_| opens).and_then(|(ps, pe)| {
            ctx.quote(
                i,
                Excerpt {
                    start: ps,
                    end: pe,
                    truncated: false,
                },
            )
        });
        let Some(reply) = ctx.quote(
            i,
            Excerpt {
                start: s,
                end: e,
                truncated: false,
            },
        ) else {
            continue;
        };
        let lower = c.to_lowercase();
        let strong = lower.starts_with("disagree")
            || lower.starts_with("dissent")
            || lower.starts_with("opposed");
        let score =
            super::quotes::passage_score(p, relevance(p, spec)) + if strong { 0.5 } else { 0.0 };
        let summary = match &p.speaker {
            Some(_) => capitalise(&format!("{} notes a contrary view", reply.attribution)),
            None => "A contrary view".to_string(),
        };
        found.push((
            score,
            i,
            Disagreement {
                kind: DisagreementKind::Turn,
                cue: c,
                summary,
                point,
                groups: p.voice.into_iter().collect(),
                reply,
            },
        ));
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(.., d)| d).collect()
}

/// The reviewers' comments a section shows: touching comments with something to say (three
/// words or more), not already shown as a disagreement, most relevant first (theme score,
/// length), then shown in corpus order.
pub fn comments(ctx: &Ctx, spec: &Spec, touching: &[usize], shown: &[Disagreement]) -> Vec<Quote> {
    let used: BTreeSet<&str> = shown
        .iter()
        .flat_map(|d| d.point.iter().chain(std::iter::once(&d.reply)))
        .map(|q| q.passage.as_str())
        .collect();
    let mut ranked: Vec<(f64, usize)> = touching
        .iter()
        .filter_map(|&i| {
            let p = ctx.passage(i)?;
            if used.contains(p.id.as_str()) || p.text.split_whitespace().count() < 3 {
                return None;
            }
            let own = relevance(p, spec);
            let long = (p.text.chars().count().min(300) as f64) / 300.0;
            Some((own + 0.5 * long, i))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut keep: Vec<usize> = ranked
        .into_iter()
        .take(ctx.opts.max_comments)
        .map(|(_, i)| i)
        .collect();
    keep.sort_unstable();
    keep.into_iter()
        .filter_map(|i| comment_quote(ctx, i))
        .collect()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
