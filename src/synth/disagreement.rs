//! Points of disagreement, and the reviewers' comments a section shows.
//!
//! What, in order of strength:
//! - **reply**: a comment that pushes back ("and yet", "I don't believe", "agreed but", "not
//!   the case", "disagree", "however" …) on the text it annotates, or on the comment before it
//!   in its thread. A thread is the comments of one document on the same anchor, in order (or
//!   linked by `reply_to`); the point disputed is the earlier comment by someone else when the
//!   reply opens like an answer ("Agreed, but", "And yet") or names its author, else the
//!   anchored text itself (always when it speaks of "this sentence", "this paragraph" …) when
//!   the text has a known author;
//! - **stance**: passages the tagger found supporting and opposing (`Passage::stance`, the
//!   speaker's own position) the same object (their objects share a content word that at most
//!   a tenth of the section uses: "the register"), from different speakers or groups, one side
//!   in the section and the other anywhere in the corpus (across documents and sections); a
//!   mixed passage stands on no side; the summary counts who stands on each side ("2
//!   participants from 2 groups in support, 1 against");
//! - **answer**: a turn of a transcript or of meeting notes that opens by pushing back on the
//!   turn before it, by someone else ("I disagree with that.", "With respect, …", "I'm not
//!   convinced"), always shown with the turn it answers (its sentence that takes a position,
//!   when it takes one, else its closing sentences);
//! - **division**: the text itself says that views divided ("No consensus", "participants were
//!   divided", "views differed", "some argued …, others …"): notes, syntheses, transcripts and
//!   contributions, never a paper (a background paper recounts the divisions of the past);
//!
//! Concessive contrast inside one author's narrative ("however", "yet", "as opposed to") is
//! never a disagreement: an item quotes two sides, or the text's own statement of division.
//! Items with two sides come first, those whose sides have more speakers and groups first.
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
use super::features::{is_stop, stem_key};
use super::keypoints::relevance;
use super::placement::Taken;
use super::quotes::{Excerpt, WHOLE_MAX_CHARS, avoid_redactions, excerpt};
use super::sentences::split;
use super::structure::Spec;
use super::{Attribution, Ctx, Disagreement, DisagreementKind, Quote};
use crate::analysis::{stem, tokens};
use crate::model::{Group, Passage, PassageKind, Position};

/// Cues of a comment that pushes back, strongest first.
static PUSHBACK: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(i\s+(?:strongly\s+)?disagree|disagree|i\s+don[’']?t\s+(?:believe|think|agree)|i\s+do\s+not\s+(?:believe|think|agree)|not\s+the\s+case|not\s+true|on\s+the\s+contrary|and\s+yet|agreed?,?\s+but|that\s+is\s+different|not\s+convinced|not\s+sure|i\s+would\s+not|however|wrong)\b",
    )
    .ok()
});

/// How a turn that pushes back on the turn before it opens (after "Well," "Yes, but" …).
static TURN_PUSHBACK: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:(?:well|so|okay|ok|yeah|yes|sorry|thanks?|thank\s+you)\b[,.!]?\s+(?:but\s+)?)*(i\s+(?:strongly\s+|really\s+|would\s+|have\s+to\s+|must\s+)?disagree|i\s+don[’']?t\s+agree|i\s+do\s+not\s+agree|i\s+don[’']?t\s+think\s+(?:that[’']?s|so|this\s+is|it\s+is|we\s+should)|with\s+(?:all\s+due\s+|great\s+)?respect|i[’']?m\s+not\s+(?:sure|convinced)\s+(?:that|about|we)|i\s+am\s+not\s+(?:sure|convinced)\s+(?:that|about|we)|that[’']?s\s+not\s+(?:true|right|correct|the\s+case|what)|that\s+is\s+not\s+(?:true|right|correct|the\s+case)|that(?:[’']s|\s+is)\s+(?:simply\s+|just\s+)?(?:unfair|wrong|misleading|nonsense|not\s+fair)|i\s+(?:would\s+(?:like\s+to\s+)?)?push\s+back|i\s+object|i\s+(?:am|[’']m)\s+(?:against|opposed)|(?:we|i)\s+(?:have|share)\s+(?:some\s+|serious\s+|strong\s+)?concerns?\s+(?:about|with)\s+(?:that|this|the)|no[,.]\s+(?:i|we|that|it)\b|i\s+(?:could\s+not|couldn[’']t|can[’']?not|can[’']t)\s+disagree\s+(?:more|strongly\s+enough)|i(?:[’']d|\s+would)?\s+(?:dispute|question|challenge)\s+(?:that|this)|respectfully\b|that\s+(?:overlooks|ignores|misses|overstates|understates|misrepresents|misreads)\b|that(?:[’']s|\s+is)\s+(?:a\s+)?(?:misreading|mischaracteri[sz]ation|overstatement)\b)",
    )
    .ok()
});

/// Pushback aimed at people outside the room, not at the turn before: "I disagree with people
/// who say libraries are dying".
static AT_LARGE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\bdisagree\s+with\s+(?:people|those|anyone|everyone|critics|some(?:one|body)?|the\s+(?:people|critics|many|idea|notion|view|claim)\s+(?:who|that))\b")
        .ok()
});

/// A statement that views divided, in notes or a synthesis.
static DIVISION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(no\s+consensus|(?:lack|absence)\s+of\s+(?:a\s+)?consensus|(?:did\s+not|could\s+not|failed\s+to)\s+(?:reach|achieve|find)\s+(?:a\s+)?consensus|(?:participants|delegates|members|speakers|stakeholders|panel(?:l)?ists|views|opinions|the\s+room|the\s+group|the\s+committee)\s+(?:were|was|are|is|remained|remain)\s+(?:deeply\s+|sharply\s+|evenly\s+)?(?:divided|split)|(?:views|opinions)\s+(?:differed|diverged|varied\s+widely|were\s+mixed)|(?:opinion|opinions|views)\s+(?:on\s+[^.;:]{0,60}?\s+)?(?:split|divided)\b|(?:could\s+not|did\s+not|failed\s+to)\s+(?:reach|agree\s+on|find|arrive\s+at)\s+(?:a\s+)?(?:common|shared|joint|single|agreed)\s+(?:position|view|line|approach)|there\s+was\s+no\s+(?:agreement|consensus)|no\s+agreement\s+(?:was\s+reached|emerged|could\s+be\s+reached)|(?:were|was|remained|are|is)\s+(?:also\s+|still\s+|sharply\s+)?at\s+odds|(?:participants|delegates|members|speakers|stakeholders)\s+(?:\w+\s+){0,2}disagreed|some\s+(?:participants\s+|delegates\s+|members\s+|speakers\s+)?(?:argued|felt|said|thought|believed|suggested|favou?red|preferred|supported)\b[^.;]{0,240}?[,;]?\s+(?:while|whereas|but)?\s*others)",
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

/// The disagreements of a section (see the module doc), at most `max_disagreements`: room
/// for one of each kind there is, replies to comments and answers in transcripts take the rest,
/// then stances, then statements of division.
/// Items with a side in `taken` (printed in another section) are left out.
pub(crate) fn find(ctx: &Ctx, spec: &Spec, touching: &[usize], taken: &Taken) -> Vec<Disagreement> {
    let max = ctx.opts.max_disagreements;
    if max == 0 {
        return Vec::new();
    }
    let free = |d: &Disagreement| d.point.iter().chain([&d.reply]).all(|q| taken.free(q));
    let kinds = [
        replies(ctx, touching),
        answers(ctx, spec),
        stances(ctx, spec),
        divisions(ctx, spec),
    ]
    .map(|mut k| {
        k.retain(free);
        k
    });
    let present = kinds.iter().filter(|k| !k.is_empty()).count();
    let mut out: Vec<Disagreement> = Vec::new();
    let mut rest: Vec<Disagreement> = Vec::new();
    for (n, k) in kinds.into_iter().enumerate() {
        // Replies and answers: as many as leave room for one of each other kind.
        let room = if n < 2 {
            max.saturating_sub(present.saturating_sub(1)).max(1)
        } else {
            1
        };
        let mut it = k.into_iter();
        out.extend(it.by_ref().take(room));
        rest.extend(it);
    }
    out.extend(rest);
    out.truncate(max);
    out.sort_by_key(|d| match d.kind {
        DisagreementKind::Reply => 0,
        DisagreementKind::Answer => 1,
        DisagreementKind::Stance => 2,
        DisagreementKind::Division => 3,
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
                // The draft's text is a side only when somebody is known to have written it
                // (a `.docx` file's author, a byline); else the comment is a reviewer's remark,
                // shown among the comments, not one side of a disagreement.
                None if ctx
                    .anchored(i)
                    .and_then(|j| ctx.passage(j))
                    .is_some_and(|q| q.speaker.is_some()) =>
                {
                    (anchor_quote(ctx, i), "the text".to_string())
                }
                None => continue,
            };
            let who = who(ctx, p);
            let groups = side_groups(earlier.and_then(|j| ctx.passage(j)?.voice), p.voice);
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

/// Whether a passage can take a side: text of a contribution, a turn, a paragraph.
fn speaks(p: &Passage) -> bool {
    !matches!(
        p.kind,
        PassageKind::Heading | PassageKind::Comment | PassageKind::Footnote | PassageKind::Revision
    )
}

/// Passage `k`'s text at the relative range `r`, as a quote (redactions avoided).
fn range_quote(ctx: &Ctx, k: usize, r: Range) -> Option<Quote> {
    let p = ctx.passage(k)?;
    let ex = Excerpt {
        start: r.0,
        end: r.1,
        truncated: false,
    };
    ctx.quote(k, avoid_redactions(p, ex, &ctx.redactor))
}

/// The groups of the two sides, each once, in order.
fn side_groups(a: Option<Group>, b: Option<Group>) -> Vec<Group> {
    let mut g: Vec<Group> = a.into_iter().chain(b).collect();
    g.sort_unstable();
    g.dedup();
    g
}

/// How a passage's speaker is shown, with their voice ("unattributed" when nobody is known).
fn who(ctx: &Ctx, p: &Passage) -> String {
    p.speaker.as_ref().map_or("unattributed".to_string(), |s| {
        speaker_label(&with_voice(s, p), ctx.opts.attribution)
    })
}

/// Items ranked by score, best first, then in corpus order.
fn best_first(mut found: Vec<(f64, usize, Disagreement)>) -> Vec<Disagreement> {
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(.., d)| d).collect()
}

/// The last `n` words before the end of `s`, lowercased, last first (apostrophes kept:
/// "we're").
fn last_words(s: &str, n: usize) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .rev()
        .take(n)
        .map(str::to_lowercase)
}

/// Who stands on a side: the speaker's name, else their group.
fn side_key(p: &Passage) -> Option<String> {
    name_of(p).or_else(|| p.voice.map(|g| format!("group:{}", g.label())))
}

/// The object of a stance: the content words of its object as the tagger found it ("the
/// proposal to keep treaty negotiations" → proposal, keep, treaty), keyed by stem as the
/// passages' term vectors are (the outline's stop words, and the stance's own words, left
/// out), each with the word as written first.
pub(super) fn object_words(object: &str) -> BTreeMap<u64, String> {
    let mut out = BTreeMap::new();
    for t in tokens(object) {
        let w = t.lower;
        if w.chars().count() >= 4 && !is_stop(&w) && !matches!(w.as_str(), "support" | "oppose") {
            out.entry(stem_key(&stem(&w))).or_insert(w);
        }
    }
    out
}

/// The head of an object: its last content word before the first preposition or clause ("the
/// proposal to keep treaty negotiations" → proposal, "the existing system of governance" →
/// system), keyed like [`object_words`].
pub(super) fn head_word(object: &str) -> Option<u64> {
    let mut head = None;
    for t in tokens(object) {
        let w = t.lower;
        if matches!(
            w.as_str(),
            "of" | "to"
                | "for"
                | "in"
                | "on"
                | "with"
                | "that"
                | "which"
                | "from"
                | "by"
                | "as"
                | "at"
                | "about"
                | "and"
                | "or"
        ) {
            break;
        }
        if w.chars().count() >= 4 && !is_stop(&w) {
            head = Some(stem_key(&stem(&w)));
        }
    }
    head
}

/// One passage's stance: its sentence, the object's words, who.
struct Side {
    i: usize,
    sentence: Range,
    cue: String,
    /// The stem key of the object's head noun (see [`head_word`]).
    head: Option<u64>,
    object: BTreeMap<u64, String>,
    key: String,
    group: Option<Group>,
    score: f64,
}

fn sides(ctx: &Ctx, spec: &Spec, position: Position) -> Vec<Side> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for o in &ctx.stance_objects {
        // The first cue of a passage that names an object, as the tagger found it.
        if !seen.insert(o.passage) {
            continue;
        }
        // A mixed passage ("we support the goal but oppose the means") stands on no side.
        let Some(p) = ctx
            .passage(o.passage)
            .filter(|p| speaks(p) && p.stance.position == position)
        else {
            continue;
        };
        let Some(key) = side_key(p) else { continue };
        let Some(c) = p.stance.cues.get(o.cue) else {
            continue;
        };
        if o.words.is_empty() {
            continue;
        }
        let Some(sentence) = sentence_around(p, c.start) else {
            continue;
        };
        out.push(Side {
            i: o.passage,
            sentence,
            cue: c.text.clone(),
            head: o.head,
            object: o.words.clone(),
            key,
            group: p.voice,
            score: relevance(p, spec),
        });
    }
    out
}

/// Support and opposition of the same object from different speakers or groups: one item per
/// object word two sides share, the best quoted sentence of each side, who stands where counted.
fn stances(ctx: &Ctx, spec: &Spec) -> Vec<Disagreement> {
    let support = sides(ctx, spec, Position::Supports);
    let oppose = sides(ctx, spec, Position::Opposes);
    if support.is_empty() || oppose.is_empty() {
        return Vec::new();
    }
    // A word most of the section's passages use ("internet" in a section on Internet
    // governance) names no object of its own: counted in the passages' term vectors.
    let n = spec.members.len();
    let common = |k: u64| {
        n >= 20
            && spec
                .members
                .iter()
                .filter(|&&i| ctx.terms(i).binary_search_by_key(&k, |t| t.0).is_ok())
                .count()
                * 10
                > n
    };
    let members: BTreeSet<usize> = spec.members.iter().copied().collect();
    let mut words: BTreeSet<u64> = BTreeSet::new();
    for a in &support {
        for b in &oppose {
            // One side at least in this section; the other may be anywhere in the corpus.
            let here = members.contains(&a.i) || members.contains(&b.i);
            if here && a.key != b.key && a.i != b.i {
                words.extend(
                    a.object
                        .keys()
                        .filter(|k| b.object.contains_key(k))
                        .filter(|&&k| !common(k)),
                );
            }
        }
    }
    let mut found: Vec<(usize, usize, usize, Disagreement)> = Vec::new();
    let mut used: BTreeSet<(usize, usize)> = BTreeSet::new();
    for w in words {
        let on = |v: &[Side]| -> Vec<usize> {
            (0..v.len())
                .filter(|&k| v[k].object.contains_key(&w))
                .collect()
        };
        let (ss, os) = (on(&support), on(&oppose));
        let best = |v: &[Side], ks: &[usize], not: Option<&str>| -> Option<usize> {
            ks.iter()
                .copied()
                .filter(|&k| not.is_none_or(|n| v[k].key != n))
                .max_by(|&a, &b| v[a].score.total_cmp(&v[b].score).then(v[b].i.cmp(&v[a].i)))
        };
        let Some(a) = best(&support, &ss, None) else {
            continue;
        };
        let Some(b) = best(&oppose, &os, Some(&support[a].key)) else {
            continue;
        };
        let (a, b) = (&support[a], &oppose[b]);
        // Across documents one shared word is the same object only as the head of both ("the
        // proposal" and "the proposal to keep …"), not as a modifier ("the existing system",
        // "the replacement of existing bodies"); two shared words are; within a meeting, "the
        // register" is the register.
        let shared = a.object.keys().filter(|k| b.object.contains_key(k)).count();
        let same_doc = ctx
            .passage(a.i)
            .zip(ctx.passage(b.i))
            .is_some_and(|(x, y)| x.doc == y.doc);
        let same_head = a.head.is_some() && a.head == b.head;
        if !(members.contains(&a.i) || members.contains(&b.i))
            || !(shared >= 2 || (shared == 1 && (same_doc || same_head)))
            || !used.insert((a.i, b.i))
        {
            continue;
        }
        let (Some(point), Some(reply)) = (
            range_quote(ctx, a.i, a.sentence),
            range_quote(ctx, b.i, b.sentence),
        ) else {
            continue;
        };
        let word = a.object.get(&w).map_or("", String::as_str);
        let count = |ks: &[usize], v: &[Side]| {
            let people: BTreeSet<&str> = ks.iter().map(|&k| v[k].key.as_str()).collect();
            let groups: BTreeSet<Group> = ks.iter().filter_map(|&k| v[k].group).collect();
            (people.len(), groups.len())
        };
        let (sp, sg) = count(&ss, &support);
        let (op, og) = count(&os, &oppose);
        let groups = side_groups(a.group, b.group);
        found.push((
            sp + op,
            sg + og,
            a.i.min(b.i),
            Disagreement {
                kind: DisagreementKind::Stance,
                cue: format!("{} / {}", collapse(&a.cue), collapse(&b.cue)),
                summary: format!(
                    "On “{word}”: {} in support, {} against",
                    people(sp, sg),
                    people(op, og)
                ),
                point: Some(point),
                reply,
                groups,
            },
        ));
    }
    // Most people and groups on the sides first.
    found.sort_by(|x, y| y.0.cmp(&x.0).then(y.1.cmp(&x.1)).then(x.2.cmp(&y.2)));
    found.into_iter().map(|(.., d)| d).collect()
}

/// "2 participants from 2 groups", "1 participant".
fn people(n: usize, groups: usize) -> String {
    let who = if n == 1 {
        "participant"
    } else {
        "participants"
    };
    match groups {
        0 => format!("{n} {who}"),
        1 => format!("{n} {who} from 1 group"),
        g => format!("{n} {who} from {g} groups"),
    }
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

/// The first sentence of a passage, with the next when the first is short ("I disagree with
/// that." and why), as a relative range.
fn opening(p: &Passage) -> Option<Range> {
    let ss = split(&p.text);
    let &(s, mut e) = ss.first()?;
    if p.text.get(s..e).is_some_and(|t| t.chars().count() < 60)
        && let Some(&(_, e2)) = ss.get(1)
        && p.text
            .get(s..e2)
            .is_some_and(|t| t.chars().count() <= WHOLE_MAX_CHARS)
    {
        e = e2;
    }
    Some((s, e))
}

/// The sentence of a passage that takes its position (its last stance cue's), as a relative
/// range: what an answer disputes ("…, but we oppose Option 1 as drafted.").
fn stance_sentence(p: &Passage) -> Option<Range> {
    sentence_around(p, p.stance.cues.last()?.start)
}

/// The sentence of `p` that holds the document offset `at`, as a relative range.
fn sentence_around(p: &Passage, at: usize) -> Option<Range> {
    let at = at.checked_sub(p.start)?;
    split(&p.text).into_iter().find(|&(s, e)| s <= at && at < e)
}

/// The last sentences of a passage, up to the length of a quote, as a relative range.
fn closing(p: &Passage) -> Option<Range> {
    let ss = split(&p.text);
    let &(_, e) = ss.last()?;
    let mut s = ss.last()?.0;
    for &(a, _) in ss.iter().rev().skip(1) {
        if p.text
            .get(a..e)
            .is_none_or(|t| t.chars().count() > WHOLE_MAX_CHARS)
        {
            break;
        }
        s = a;
    }
    Some((s, e))
}

/// Turns that open by pushing back on the turn before them, by someone else.
fn answers(ctx: &Ctx, spec: &Spec) -> Vec<Disagreement> {
    let mut found: Vec<(f64, usize, Disagreement)> = Vec::new();
    for &i in &spec.members {
        let Some(p) = ctx.passage(i).filter(|p| speaks(p)) else {
            continue;
        };
        let Some(me) = name_of(p) else { continue };
        let Some((s, e)) = opening(p) else { continue };
        let opening_text = p.text.get(s..e).unwrap_or_default();
        // A turn opening with a pushback cue, or with the speaker's own opposition ("We oppose
        // the licensing requirement.") to something the turn before speaks of.
        let opposed = p.stance.cues.iter().find(|c| {
            c.position == Position::Opposes
                && c.start >= p.start + s
                && c.start < p.start + e
                && c.object.is_some()
        });
        let pushback = cue(&TURN_PUSHBACK, opening_text);
        let c = match (&pushback, opposed) {
            (Some((_, _, c)), _) => c.clone(),
            (None, Some(o)) => collapse(&o.text),
            (None, None) => continue,
        };
        let pushback = pushback.is_some();
        if AT_LARGE
            .as_ref()
            .is_some_and(|re| re.is_match(opening_text))
        {
            continue;
        }
        // The turn it answers: the passage before it in its document, headings and short
        // acknowledgements ("Fair.") skipped.
        let Some(j) = (0..i).rev().find(|&j| {
            ctx.passage(j).is_none_or(|q| {
                q.doc != p.doc
                    || q.kind != PassageKind::Heading && q.text.split_whitespace().count() >= 4
            })
        }) else {
            continue;
        };
        let Some(q) = ctx.passage(j).filter(|q| q.doc == p.doc && speaks(q)) else {
            continue;
        };
        if name_of(q).is_none_or(|them| them == me) {
            continue;
        }
        // Opposition answers the turn before only when it is about what that turn says.
        if !pushback {
            let words = opposed
                .and_then(|o| o.object.as_ref())
                .map(|o| object_words(&o.text))
                .unwrap_or_default();
            let theirs = object_words(&q.text);
            if !words.keys().any(|k| theirs.contains_key(k)) {
                continue;
            }
        }
        let (Some(point), Some(reply)) = (
            stance_sentence(q)
                .or_else(|| closing(q))
                .and_then(|r| range_quote(ctx, j, r)),
            range_quote(ctx, i, (s, e)),
        ) else {
            continue;
        };
        found.push((
            relevance(p, spec) + relevance(q, spec),
            i,
            Disagreement {
                kind: DisagreementKind::Answer,
                cue: c,
                summary: capitalise(&format!("{} answers {}", who(ctx, p), who(ctx, q))),
                point: Some(point),
                reply,
                groups: side_groups(q.voice, p.voice),
            },
        ));
    }
    best_first(found)
}

/// Statements in the text that views divided ("No consensus", "participants were divided").
fn divisions(ctx: &Ctx, spec: &Spec) -> Vec<Disagreement> {
    let mut found: Vec<(f64, usize, Disagreement)> = Vec::new();
    for &i in &spec.members {
        // A paper recounts divisions of the past ("the panel itself could not reach
        // consensus"); notes, syntheses and transcripts record the consultation's own.
        let Some(p) = ctx
            .passage(i)
            .filter(|p| speaks(p) && ctx.doc_kind(&p.doc) != "paper")
        else {
            continue;
        };
        let Some((_, (s, e))) = sentence_at(p, &DIVISION) else {
            continue;
        };
        if e - s > 3 * WHOLE_MAX_CHARS {
            continue;
        }
        let sentence = p.text.get(s..e).unwrap_or_default();
        let Some((at, _, c)) = cue(&DIVISION, sentence) else {
            continue;
        };
        // "If there is no consensus, …": a condition, not a report.
        if last_words(&sentence[..at], 3)
            .any(|w| matches!(w.as_str(), "if" | "where" | "when" | "unless" | "whether"))
        {
            continue;
        }
        let Some(reply) = range_quote(ctx, i, (s, e)) else {
            continue;
        };
        let summary = match &p.speaker {
            Some(_) => capitalise(&format!("{} records a division", reply.attribution)),
            None => "The text records a division".to_string(),
        };
        found.push((
            super::quotes::passage_score(p, relevance(p, spec)),
            i,
            Disagreement {
                kind: DisagreementKind::Division,
                cue: c,
                summary,
                point: None,
                groups: p.voice.into_iter().collect(),
                reply,
            },
        ));
    }
    best_first(found)
}

/// The reviewers' comments a section shows: touching comments with something to say (three
/// words or more), not already shown as a disagreement, most relevant first (theme score,
/// length), then shown in corpus order.
pub(crate) fn comments(
    ctx: &Ctx,
    spec: &Spec,
    touching: &[usize],
    shown: &[Disagreement],
    taken: &Taken,
) -> Vec<Quote> {
    let used: BTreeSet<&str> = shown
        .iter()
        .flat_map(|d| d.point.iter().chain(std::iter::once(&d.reply)))
        .map(|q| q.passage.as_str())
        .collect();
    let mut ranked: Vec<(f64, usize)> = touching
        .iter()
        .filter_map(|&i| {
            let p = ctx.passage(i)?;
            if used.contains(p.id.as_str())
                || p.text.split_whitespace().count() < 3
                || taken.holds(&p.doc, p.start, p.end, &p.text)
            {
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
