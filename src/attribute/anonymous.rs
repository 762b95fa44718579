//! Anonymous attribution: "one contributor noted", "argued one contributor", "several
//! participants shared the view", "it was felt by some participants".
//!
//! Detects a passage whose point is attributed to somebody unnamed, so that synthesis can count
//! and quote it as a contributor's view rather than as the rapporteur's own. Four shapes:
//! - quantifier + noun + reporting verb: "one contributor noted", "Another contributor
//!   observed", "several e-Consultation contributors referenced";
//! - reporting verb + quantifier + noun: "…, argued one contributor";
//! - passive + "by" + noun: "it was felt by some participants", "as pointed out by contributors";
//! - a bare plural opening a sentence: "Participants have pointed out that …".
//!
//! When the noun is followed by names in brackets ("Two contributors (Deborah Avant and Jason
//! Pielemeier) shared …") the contributors are named, and the first name is returned.

use super::names::{Word, clause_starts, whole_name, words};
use super::reported::{VERBS, verb_follows};

const QUANTIFIERS: &[&str] = &[
    "one", "another", "a", "an", "some", "several", "many", "most", "few", "two", "three", "four",
    "five", "other", "others", "various", "numerous", "certain", "multiple",
];

const NOUNS: &[&str] = &[
    "contributor",
    "contributors",
    "participant",
    "participants",
    "commentator",
    "commentators",
    "commenter",
    "commenters",
    "respondent",
    "respondents",
    "discussant",
    "discussants",
    "panelist",
    "panelists",
    "panellist",
    "panellists",
    "attendee",
    "attendees",
];

/// Words allowed between quantifier and noun ("one e-Consultation contributor", "several of
/// the participants", "another individual contributor").
const MODIFIERS: &[&str] = &[
    "e-consultation",
    "of",
    "the",
    "other",
    "individual",
    "online",
];

/// Past participles that take "by" + an anonymous agent.
const PASSIVE: &[&str] = &[
    "felt",
    "pointed",
    "noted",
    "argued",
    "suggested",
    "stressed",
    "observed",
    "raised",
    "expressed",
    "mentioned",
    "emphasised",
    "emphasized",
    "highlighted",
    "proposed",
    "out",
];

/// What an anonymous-attribution cue found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Anonymous {
    /// Somebody unnamed.
    Unnamed,
    /// Unnamed by role but named in brackets: every name, in order.
    Named(Vec<String>),
}

fn lower(text: &str, w: Word) -> String {
    text[w.start..w.end].to_lowercase()
}

fn only_space_between(text: &str, a: Word, b: Word) -> bool {
    text[a.end..b.start].chars().all(char::is_whitespace)
}

/// Names in brackets right after `pos`: "(Deborah Avant and Jason Pielemeier)"; returns the
/// names and the position after the closing bracket.
fn bracketed_names(text: &str, pos: usize) -> Option<(Vec<String>, usize)> {
    let rest = &text[pos..];
    let open = rest.len() - rest.trim_start().len();
    let inner_start = pos + open + rest[open..].strip_prefix('(').map(|_| 1)?;
    let close = text[inner_start..].find(')')? + inner_start;
    let names: Vec<String> = text[inner_start..close]
        .split(" and ")
        .flat_map(|s| s.split(','))
        .filter_map(whole_name)
        .map(str::to_string)
        .collect();
    (!names.is_empty()).then_some((names, close + 1))
}

/// The anonymous (or bracket-named) attribution in `text`, if any.
pub(crate) fn find(text: &str) -> Option<Anonymous> {
    let ws = words(text);
    let sentence_starts: Vec<usize> = clause_starts(text)
        .into_iter()
        .filter_map(|(p, s)| s.then_some(p))
        .collect();
    for (i, &w) in ws.iter().enumerate() {
        let l = lower(text, w);
        if QUANTIFIERS.contains(&l.as_str()) {
            // Quantifier [modifiers] noun.
            let mut j = i + 1;
            while j < ws.len()
                && j - i <= 3
                && MODIFIERS.contains(&lower(text, ws[j]).as_str())
                && only_space_between(text, ws[j - 1], ws[j])
            {
                j += 1;
            }
            let Some(&noun) = ws.get(j) else { continue };
            if !NOUNS.contains(&lower(text, noun).as_str())
                || !only_space_between(text, ws[j - 1], noun)
            {
                continue;
            }
            if let Some((name, after)) = bracketed_names(text, noun.end)
                && verb_follows(text, after)
            {
                return Some(Anonymous::Named(name));
            }
            if verb_follows(text, noun.end) {
                return Some(Anonymous::Unnamed);
            }
            // "…, argued one contributor" / "felt by some participants".
            if i > 0 {
                let prev = ws[i - 1];
                let gap = &text[prev.end..w.start];
                let pl = lower(text, prev);
                let inverted = VERBS.contains(&pl.as_str())
                    && gap.chars().all(char::is_whitespace)
                    && !gap.is_empty();
                if inverted || passive_by(text, &ws, i) {
                    return Some(Anonymous::Unnamed);
                }
            }
        } else if NOUNS.contains(&l.as_str()) && l.ends_with('s') {
            // "Participants have pointed out", "pointed out by contributors".
            let opens = sentence_starts.contains(&w.start);
            if (opens && verb_follows(text, w.end)) || passive_by(text, &ws, i) {
                return Some(Anonymous::Unnamed);
            }
        }
    }
    None
}

/// Whether the word at `i` follows "PARTICIPLE by" ("felt by some participants").
fn passive_by(text: &str, ws: &[Word], i: usize) -> bool {
    if i < 2 {
        return false;
    }
    let (part, by) = (ws[i - 2], ws[i - 1]);
    lower(text, by) == "by"
        && PASSIVE.contains(&lower(text, part).as_str())
        && only_space_between(text, part, by)
        && only_space_between(text, by, ws[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shapes_of_seed_000() {
        for t in [
            "their track record at times can be “extremely uneven” as one contributor noted and another highlighted",
            "But in an unstable world buffeted by Brexit, it seems worth the effort, argued one contributor.",
            "Another contributor observed that the international Campaign",
            "In response, one commentator recommends that: 1) we expand",
            "it was felt by some participants that the multistakeholder model faces limitations",
            "Several participants shared the view that multistakeholder networks are critical",
            "as several e-Consultation contributors referenced, repression of civil society",
            "Participants have pointed out that the concept of stakeholders must become",
            "At present and as pointed out by contributors, some voice a distinct skepticism",
            "one contributor share the experience that led to the strengthening",
        ] {
            assert_eq!(find(t), Some(Anonymous::Unnamed), "{t}");
        }
    }

    #[test]
    fn named_in_brackets() {
        let t = "Two contributors (Deborah Avant and Jason Pielemeier) shared the report from the May 2016 workshop";
        assert_eq!(
            find(t),
            Some(Anonymous::Named(vec![
                "Deborah Avant".into(),
                "Jason Pielemeier".into()
            ]))
        );
    }

    #[test]
    fn mentions_that_attribute_nothing() {
        for t in [
            "the main questions posed to participants were:",
            "For several of the contributors, creation a UN Parliamentary Assembly represents",
            "Private industry has begun operate as an active participant in politics",
            "participants were requested to contribute to the online dialogue",
            "They can help participants stay focused on the objective",
        ] {
            assert_eq!(find(t), None, "{t}");
        }
    }
}
