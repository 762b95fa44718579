//! Who speaks the unnamed turns of a caption transcript, from what the turns say, resolved
//! against the speaker list the file gives.
//!
//! Auto-captions mark a change of speaker with a bare `>>` and no name. The speakers can still
//! be told, the way a careful reader tells them: the moderator hands the floor over by name,
//! people thank the one who just spoke, introduce themselves, and the moderator's turns are
//! the ones that react and ask. The rules, in the order they decide (a turn decided by one is
//! not decided again); each is resolved against the file's list, names misspelt by speech
//! recognition included ([`names`]), and each answer keeps the span of its evidence:
//!
//! 1. **self-introduction** — "My name is …", "I am … from", "This is …" names this turn's
//!    speaker. Somebody the list does not hold is named as they name themselves near the start
//!    of a turn ("My name is Di Karo", "I'm Sam Doors.", "I'm Sares and …"; not "I'm Indian"),
//!    the surname spelt as the text spells it most; asking after that makes nobody the
//!    moderator, and the next turn that only asks is still not the moderator's.
//! 2. **thanks** — "Thank you, Somia", "Great to hear that Safi" at the start of a turn names
//!    the *previous* speaker (tiny turns in between, "Yeah.", are skipped).
//! 3. **hand-off** — the last person a turn addresses near its end ("…, over to you", "I'm
//!    going to come to you, Jules", "Syel, could you kick us off?", "Minister Joseph.") speaks
//!    the next turn, interjections in between skipped ("Okay.", "Thank you very much. Oh
//!    yes,"; not "Thank you for having me"). A name reported ("Charlie was talking about",
//!    "the comments by professor Russell"), possessive ("Audrey Tang's video") or followed by
//!    the filler "you know" is not addressed. A long turn that opens with a question to
//!    somebody ("Maria uh is your experience similar? Yeah, of course, …"), goes on for
//!    another 1,000 bytes and asks nothing at its end is theirs: the marker of the answer was
//!    lost, and most of the turn is the answer (not when it opens by thanking someone: that is
//!    the moderator's long question). A question whose turn names only one person ("we have Vfredo who is
//!    representing XAI … it'll be lovely to hear from you") hands over too.
//! 4. **moderator** — the moderator is whoever says so ("I'm going to be your MC"), is
//!    introduced as such ("To moderate this session I invite …", from then on), or is found by
//!    the rules above speaking a moderator's turn: one that starts by thanking or addressing
//!    someone else, reacts ("Interesting.", "All right."), or is a short question. With one
//!    moderator known, a turn that hands over, thanks someone, addresses someone early or asks
//!    at its end is theirs — unless it starts like an answer ("Yes", "I think", "Thank you for
//!    the question"), is the audience's ("I have a question"), or follows the moderator's own
//!    turn. A turn that opens with a reaction ("Thank you for those insights") is theirs too,
//!    and so is an opening ("Good afternoon everyone") among the first turns. Nobody is the
//!    moderator who is handed the floor more often than found moderating. A question to the
//!    whole panel ("anybody in the panel would like to …") is the moderator's too.
//! 5. **floor** — after a short question of the moderator that names nobody, the answer is
//!    the last panellist's who had the floor (a follow-up), unless the moderator had turned to
//!    the whole panel ("each of you"), and never to somebody from the floor.
//! 6. **continuation** — a marker that splits one person's sentence ("…during co" / "is that
//!    cash transfers …", "…for inviting me" / "uh for for inviting me …") continues the
//!    previous turn's speaker; "For me …" starts an answer instead.
//!
//! A turn no rule decides is an unknown speaker's: `None`. A name the list does not hold is
//! used only for somebody who introduces themselves (rule 1), the text introduces by full name
//! and addresses at least twice ("Karina Prunki", "Thank you Karina"), or hands the floor to
//! by first name at least twice ("Uh Nicholas, welcome. Nicholas uh I was wondering …"); a
//! first name only thanked ("thanks Lavina") is not enough, and nobody off the list is the
//! moderator unless they say so or are introduced so.

mod cues;
mod names;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use cues::{Features, analyse, capitalised, handoff_slot, name_slot};
pub(crate) use names::{Person, visible};
use names::{group_key, sounds_alike, sounds_like_anyone, surname_like, unlisted_first_name};

/// A turn shorter than this (bytes) is an interjection ("Yeah.", "Thank you very much.").
const TINY: usize = 60;
/// Bytes after a question to somebody early in a turn that make the rest of it their answer.
const ANSWERED: usize = 1000;
/// A turn of at most this many words can be an interjection.
const INTERJECTION_WORDS: usize = 4;
/// A turn shorter than this (bytes) can be a question and nothing else.
const SHORT: usize = cues::SHORT_TURN;

/// Which rule decided a turn's speaker (see the module doc).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    SelfIntroduction,
    Thanks,
    Handoff,
    Moderator,
    Reaction,
    Opening,
    Floor,
    Continuation,
}

impl Rule {
    /// The rule's name in `meta.speaker_evidence.rule`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::SelfIntroduction => "self_introduction",
            Rule::Thanks => "thanks",
            Rule::Handoff => "handoff",
            Rule::Moderator => "moderator",
            Rule::Reaction => "reaction",
            Rule::Opening => "opening",
            Rule::Floor => "floor",
            Rule::Continuation => "continuation",
        }
    }
}

/// The speaker found for one turn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Resolved {
    /// Index into [`Resolution::people`].
    pub person: usize,
    pub rule: Rule,
    /// Byte span of the evidence in the document text: the name as the cue gives it (for the
    /// moderator's rules, where they were found to be the moderator; for a continuation, the
    /// word that goes on).
    pub cue: (usize, usize),
}

/// The speakers of a file's turns.
#[derive(Clone, Debug, Default)]
pub(crate) struct Resolution {
    /// The speaker list, then people the text introduces (see the module doc).
    pub people: Vec<Person>,
    /// One per turn: its speaker, or `None` for an unknown speaker.
    pub turns: Vec<Option<Resolved>>,
}

/// What the decoding knows of a turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Open,
    /// Decided: nobody the list holds ("My name is Rahul").
    Unknown,
    Taken(usize, Rule, (usize, usize)),
}

impl Slot {
    fn person(self) -> Option<usize> {
        match self {
            Slot::Taken(p, _, _) => Some(p),
            _ => None,
        }
    }
}

/// Who speaks each of `turns` (byte spans of `text`, in order), given the file's speaker
/// list `listed` and, when the list says so, its moderator (an index into `listed`).
pub(crate) fn resolve(
    text: &str,
    turns: &[(usize, usize)],
    listed: &[Person],
    moderator: Option<usize>,
) -> Resolution {
    let texts: Vec<&str> = turns.iter().map(|&(s, e)| &text[s..e]).collect();
    let mut people = listed.to_vec();
    people.extend(self_introduced(&texts, listed));
    let more = introduced(&texts, &people);
    people.extend(more);
    if people.is_empty() {
        return Resolution {
            people,
            turns: vec![None; turns.len()],
        };
    }
    let f: Vec<Features> = texts.iter().map(|t| analyse(t, &people)).collect();
    let at = |k: usize, m: &names::Mention| (turns[k].0 + m.start, turns[k].0 + m.end);
    let n = turns.len();
    let mut slot = vec![Slot::Open; n];

    // 1. Self-introductions.
    for k in 0..n {
        if let Some(m) = &f[k].self_intro {
            slot[k] = Slot::Taken(m.person, Rule::SelfIntroduction, at(k, m));
        } else if f[k].names_self {
            slot[k] = Slot::Unknown;
        }
    }
    // 2. Thanks name the previous speaker (interjections skipped).
    for k in 1..n {
        let Some(m) = &f[k].thanks else { continue };
        let mut j = k - 1;
        while j > 0 && f[j].len < TINY && slot[j] == Slot::Open {
            j -= 1;
        }
        if slot[j] == Slot::Open && !f[j].names_other(m.person) {
            slot[j] = Slot::Taken(m.person, Rule::Thanks, at(k, m));
        }
    }
    // 3. Hand-offs name the next speaker (interjections skipped: "Okay.").
    for k in 1..n {
        let Some(m) = &f[k - 1].handoff else { continue };
        let mut j = k;
        while j + 1 < n && interjection(&f[j]) && slot[j] == Slot::Open {
            j += 1;
        }
        if slot[j] == Slot::Open && !f[j].names_other(m.person) {
            slot[j] = Slot::Taken(m.person, Rule::Handoff, at(k - 1, m));
        }
    }
    // A question to somebody early in a long turn that goes on answering it, and asks nothing
    // at its end: the marker of the answer was lost, and the turn is mostly the answer's.
    for k in 0..n {
        let t = &f[k];
        if slot[k] != Slot::Open
            || t.asks
            || t.handoff.is_some()
            || t.thanks.is_some()
            || t.thanks_other
        {
            continue;
        }
        let Some(m) = t.addressed.first().filter(|m| m.start < 300) else {
            continue;
        };
        let Some(q) = texts[k][m.end..].find('?').map(|q| m.end + q) else {
            continue;
        };
        if q < 400 && t.len - q >= ANSWERED {
            slot[k] = Slot::Taken(m.person, Rule::Handoff, at(k, m));
        }
    }
    // 4. The moderator.
    let moderators = moderators(&f, &slot, turns, moderator, listed.len());
    let moderating = |k: usize| {
        let t = &f[k];
        t.handoff.is_some()
            || t.thanks.is_some()
            || t.asks
            || (t.thanks_other && t.thanks.is_none())
            || t.addresses_early()
            || t.to_all
    };
    for k in 0..n {
        let Some((m, cue)) = moderators[k] else {
            continue;
        };
        let t = &f[k];
        if slot[k] != Slot::Open || !moderating(k) || t.names_other(m) || t.answer {
            continue;
        }
        if t.audience && k > 2 {
            continue;
        }
        // After somebody from the floor ("My name is Di Karo …"), a turn that only asks is
        // theirs still, not the moderator's.
        let from_floor = k > 0
            && (f[k - 1].audience
                || matches!(slot[k - 1], Slot::Taken(p, Rule::SelfIntroduction, _) if p >= listed.len()));
        if from_floor && t.thanks.is_none() && t.handoff.is_none() && !t.addresses_early() {
            continue;
        }
        if k > 0 {
            if slot[k - 1].person() == Some(m) && t.thanks.is_none() {
                continue;
            }
            // A panellist thanking the moderator, then going on.
            if f[k - 1].thanks.as_ref().is_some_and(|x| x.person == m) && f[k - 1].len < 200 {
                continue;
            }
        }
        slot[k] = Slot::Taken(m, Rule::Moderator, cue);
    }
    for k in 0..n {
        let Some((m, cue)) = moderators[k] else {
            continue;
        };
        let t = &f[k];
        let after_own = k > 0 && slot[k - 1].person() == Some(m);
        if slot[k] == Slot::Open
            && t.react
            && !t.answer
            && !t.names_other(m)
            && (t.strong_react || !after_own)
        {
            slot[k] = Slot::Taken(m, Rule::Reaction, cue);
        }
    }
    for k in 0..n.min(4) {
        if let Some((m, cue)) = moderators[k]
            && slot[k] == Slot::Open
            && f[k].opening
            && !f[k].names_other(m)
        {
            slot[k] = Slot::Taken(m, Rule::Opening, cue);
        }
    }
    // 5. The floor: a follow-up question goes to whoever had the floor.
    let mut floor: Option<(usize, (usize, usize))> = None;
    for k in 0..n {
        let m = moderators[k].map(|(m, _)| m);
        if k > 0
            && let (Some((p, cue)), Some(m)) = (floor, m)
            && slot[k] == Slot::Open
        {
            let mut j = k - 1;
            while j > 0 && f[j].len < TINY && slot[j] == Slot::Open {
                j -= 1;
            }
            let t = &f[k];
            if slot[j].person() == Some(m)
                && f[j].len < SHORT
                && f[j].asks
                && (!interjection(t) || t.asks)
                && !t.audience
                && !t.names_other(p)
                && t.handoff.is_none()
                && t.thanks.is_none()
                && !t.thanks_other
                && !t.addresses_early()
            {
                slot[k] = Slot::Taken(p, Rule::Floor, cue);
            }
        }
        let t = &f[k];
        let by_moderator = m.is_some() && slot[k].person() == m;
        // The moderator turns to somebody (a hand-off, or anybody addressed in their turn).
        let turned_to = t
            .handoff
            .as_ref()
            .or_else(|| t.addressed.last().filter(|_| by_moderator))
            .filter(|h| Some(h.person) != m);
        if let Some(h) = turned_to {
            floor = Some((h.person, at(k, h)));
        } else if by_moderator {
            // A question to the panel, or thanks to the one who had the floor, then a question:
            // whoever answers next is not known.
            let thanked = t.thanks.as_ref().map(|x| x.person) == floor.map(|x| x.0);
            if t.to_all || t.addresses_unlisted || (t.asks && (thanked || t.strong_react)) {
                floor = None;
            }
        } else {
            match slot[k] {
                // Somebody from the floor asked: the answer is a panellist's, not theirs.
                Slot::Taken(p, Rule::SelfIntroduction, _) if p >= listed.len() => floor = None,
                Slot::Taken(p, rule, cue) if rule != Rule::Floor => floor = Some((p, cue)),
                Slot::Unknown => floor = None,
                _ => {}
            }
        }
    }
    // 6. A marker in mid-sentence continues the speaker.
    for k in 1..n {
        if let Slot::Taken(p, _, _) = slot[k - 1]
            && slot[k] == Slot::Open
            && f[k - 1].ends_open
            && f[k].continues
            && !f[k].names_other(p)
            && !f[k].mentions.iter().any(|m| m.person == p && m.start < 200)
        {
            let word = texts[k]
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(texts[k].len());
            slot[k] = Slot::Taken(p, Rule::Continuation, (turns[k].0, turns[k].0 + word));
        }
    }
    let turns = slot
        .into_iter()
        .map(|s| match s {
            Slot::Taken(person, rule, cue) => Some(Resolved { person, rule, cue }),
            _ => None,
        })
        .collect();
    Resolution { people, turns }
}

/// Whether a turn is an interjection that gives nobody the floor and answers nobody: a few
/// words, thanking, handing over or naming no one ("Okay.", "Thank you so much.").
fn interjection(t: &Features) -> bool {
    (t.words <= INTERJECTION_WORDS || t.only_fill)
        && t.thanks.is_none()
        && !t.thanks_other
        && !t.grateful
        && t.handoff.is_none()
        && t.mentions.is_empty()
}

/// The moderator of each turn, with the span of the evidence: per stretch of turns between
/// introductions of a moderator, the person with most votes (see the module doc), if one has
/// more than any other.
fn moderators(
    f: &[Features],
    slot: &[Slot],
    turns: &[(usize, usize)],
    listed: Option<usize>,
    off_list: usize,
) -> Vec<Option<(usize, (usize, usize))>> {
    let n = f.len();
    let at = |k: usize, m: &names::Mention| (turns[k].0 + m.start, turns[k].0 + m.end);
    // (turn, person, weight, evidence)
    let mut votes: Vec<(usize, usize, usize, (usize, usize))> = Vec::new();
    if let Some(p) = listed {
        let start = turns.first().map_or(0, |t| t.0);
        votes.push((0, p, 3, (start, start)));
    }
    for k in 0..n {
        let t = &f[k];
        for m in &t.moderator_intro {
            votes.push((k + 1, m.person, 3, at(k, m)));
        }
        if let Slot::Taken(p, rule, cue) = slot[k] {
            let opens_as_moderator = !t.answer
                && (t.thanks.as_ref().is_some_and(|x| x.person != p)
                    || t.react
                    || t.addresses_early()
                    || (t.len < SHORT && (t.handoff.is_some() || t.asks)));
            if t.moderator_self {
                votes.push((k, p, 3, cue));
            } else if rule == Rule::Thanks && (t.handoff.is_some() || t.asks) {
                // Thanked after a turn that ends handing over or asking: the one who asked.
                votes.push((k, p, 1, cue));
            } else if p >= off_list {
                // Somebody off the list moderates only by saying so or being introduced so.
            } else if rule != Rule::Thanks && opens_as_moderator {
                votes.push((k, p, 1, cue));
            }
        }
        if let Some(m) = &t.thanks
            && k > 0
        {
            let mut j = k - 1;
            while j > 0 && f[j].len < TINY {
                j -= 1;
            }
            if f[j].asks {
                votes.push((j, m.person, 1, at(k, m)));
            }
        }
    }
    let mut targeted: BTreeMap<usize, usize> = BTreeMap::new();
    for t in f {
        if let Some(h) = &t.handoff {
            *targeted.entry(h.person).or_default() += 1;
        }
    }
    let mut cuts: Vec<usize> = votes
        .iter()
        .filter(|v| v.2 == 3)
        .map(|v| v.0)
        .chain([0])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = vec![None; n];
    for (i, &lo) in cuts.iter().enumerate() {
        let hi = cuts.get(i + 1).copied().unwrap_or(n).min(n);
        // person → (votes, evidence of the first strongest vote)
        let mut tally: BTreeMap<usize, (usize, usize, (usize, usize))> = BTreeMap::new();
        for &(k, p, w, cue) in &votes {
            if (lo..hi).contains(&k) {
                let e = tally.entry(p).or_insert((0, 0, cue));
                e.0 += w;
                if w > e.1 {
                    e.1 = w;
                    e.2 = cue;
                }
            }
        }
        tally.retain(|p, (v, _, _)| {
            let handed = targeted.get(p).copied().unwrap_or(0);
            handed < 2 || handed <= *v
        });
        let best = tally.values().map(|v| v.0).max().unwrap_or(0);
        let mut top = tally.iter().filter(|(_, v)| v.0 == best);
        if let (Some((&p, &(_, _, cue))), None) = (top.next(), top.next()) {
            for o in out.iter_mut().take(hi).skip(lo) {
                *o = Some((p, cue));
            }
        }
    }
    out
}

/// "My name is Di Karo", "I'm Sam Doors.", "I'm Sares and …" near the start of a turn: who
/// introduces themselves by a name the list does not hold.
static SELF_NAMED: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(
        r"(?:\b(?i:my\s+name\s+is)|\b(?i:i'm|i’m|i\s+am))\s+([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})(\s+(?:and|from)\b|\s*,)?",
    )
    .expect("valid")
});

/// How far into a turn a self-introduction is looked for (bytes).
const SELF_INTRO_WINDOW: usize = 400;

/// People who introduce themselves by a name the list does not hold (see the module doc): "my
/// name is" and one to three capitalised words that are not common words (a first of one or
/// two letters may be a particle: "Di Karo"), or "I'm"/"I am" and
/// two or three, or one followed by "and", "from" or a comma. The surname is spelt the way the
/// text spells it most often ("I'm Audrey Tong" where the text says "Dr. Audrey Tang" twice).
fn self_introduced(texts: &[&str], listed: &[Person]) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::new();
    for t in texts {
        let head = &t[..names::ahead(t, 0, SELF_INTRO_WINDOW)];
        for c in SELF_NAMED.captures_iter(head) {
            let (Some(all), Some(name)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let words: Vec<&str> = name.as_str().split_whitespace().collect();
            let by_name = all.as_str().to_lowercase().starts_with("my");
            if !(by_name || words.len() >= 2 || c.get(2).is_some())
                || !words
                    .iter()
                    .all(|w| w.chars().count() <= 2 || surname_like(w))
                || !words.last().is_some_and(|w| surname_like(w))
                || sounds_like_anyone(name.as_str(), listed)
            {
                continue;
            }
            let mut spelt: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            if let [first, .., last] = words.as_slice() {
                *spelt.last_mut().expect("two words") = usual_surname(texts, first, last);
            }
            let full = spelt.join(" ");
            if out
                .iter()
                .any(|p| sounds_like_anyone(&full, std::slice::from_ref(p)))
            {
                continue;
            }
            if let Some(p) = Person::new(&full) {
                out.push(p);
            }
        }
    }
    out
}

/// The spelling of `surname` after `first` that the texts use most (ties: the one given).
fn usual_surname(texts: &[&str], first: &str, surname: &str) -> String {
    let Ok(full) = regex::Regex::new(&format!(
        r"\b{}\s+([A-Z][a-z]{{2,}})\b",
        regex::escape(first)
    )) else {
        return surname.to_string();
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for t in texts {
        for c in full.captures_iter(t) {
            if let Some(w) = c.get(1).map(|m| m.as_str())
                && sounds_alike(w, surname)
            {
                *counts.entry(w).or_default() += 1;
            }
        }
    }
    let own = counts.get(surname).copied().unwrap_or(0);
    counts
        .into_iter()
        .filter(|&(_, n)| n > own)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map_or(surname.to_string(), |(w, _)| w.to_string())
}

/// People the text introduces by full name and addresses at least twice by first name, who
/// are not on the list (see the module doc), in the order of their names' keys.
fn introduced(texts: &[&str], listed: &[Person]) -> Vec<Person> {
    // key → (slots, hand-off slots, spelling → count)
    let mut firsts: BTreeMap<String, (usize, usize, BTreeMap<&str, usize>)> = BTreeMap::new();
    for t in texts {
        for (s, e) in capitalised(t) {
            let w = &t[s..e];
            if unlisted_first_name(w, listed) && name_slot(t, s, e) {
                let entry = firsts.entry(group_key(w)).or_default();
                entry.0 += 1;
                entry.1 += usize::from(handoff_slot(t, s, e));
                *entry.2.entry(w).or_default() += 1;
            }
        }
    }
    let mut out = Vec::new();
    for (slots, handed, spellings) in firsts.values() {
        if *slots < 2 {
            continue;
        }
        let Some(first) = spellings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(w, _)| *w)
        else {
            continue;
        };
        let Ok(full) = regex::Regex::new(&format!(
            r"\b{}\s+([A-Z][a-z]{{2,}})\b",
            regex::escape(first)
        )) else {
            continue;
        };
        let mut surnames: BTreeMap<&str, usize> = BTreeMap::new();
        for t in texts {
            for c in full.captures_iter(t) {
                if let Some(word) = c.get(1).map(|m| m.as_str())
                    && surname_like(word)
                    && group_key(word) != group_key(first)
                {
                    *surnames.entry(word).or_default() += 1;
                }
            }
        }
        // Without a surname, the first name alone, of somebody handed the floor twice.
        let name = match surnames
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        {
            Some((surname, _)) => format!("{first} {surname}"),
            None if *handed >= 2 => first.to_string(),
            None => continue,
        };
        if sounds_like_anyone(&name, listed) {
            continue;
        }
        if let Some(p) = Person::new(&name) {
            out.push(p);
        }
    }
    out
}
