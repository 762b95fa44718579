//! Reported speech: who a narrative paragraph reports, and "(Name)" after a point.
//!
//! Detects, in a passage's text:
//! - introductions: "Andy Orsmond, Executive Director, International Code of Conduct
//!   Association, began …", "Moderator Anne-Marie Buzatu noted …" — a name at the start of a
//!   sentence or clause, an optional appositive of capitalised parts, then a reporting verb;
//! - later mentions of a known person by full name or unique surname as the subject of a
//!   reporting verb: "When asked about …, Orsmond remarked", "Woods was asked how …";
//! - a trailing "(Name)" after a bullet or paragraph: "… patient)! (Michel Quillé)";
//! - an authority cited: "According to Gareth Evans, …".
//!
//! Why: session reports and syntheses say who spoke in prose, not in labels; the paragraph
//! belongs to the person it reports (the first one it introduces), and later sentences ("She
//! discussed …") continue that speaker.

use super::names::{clause_starts, name_at, skip_prefixes, words};
use super::roster::{Roster, role_and_org};

/// Verbs that report speech or a stance, in the forms they take after a subject.
pub(crate) const VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "noted",
    "notes",
    "note",
    "stated",
    "states",
    "mentioned",
    "mentions",
    "remarked",
    "remarks",
    "observed",
    "observes",
    "observe",
    "argued",
    "argues",
    "argue",
    "explained",
    "explains",
    "described",
    "describes",
    "discussed",
    "discusses",
    "shared",
    "shares",
    "share",
    "highlighted",
    "highlights",
    "highlight",
    "emphasised",
    "emphasized",
    "emphasises",
    "emphasizes",
    "stressed",
    "stresses",
    "stress",
    "underlined",
    "underscored",
    "pointed",
    "points",
    "suggested",
    "suggests",
    "suggest",
    "proposed",
    "proposes",
    "propose",
    "recommended",
    "recommends",
    "recommend",
    "advised",
    "advises",
    "added",
    "adds",
    "commented",
    "comments",
    "maintained",
    "maintains",
    "recalled",
    "agreed",
    "agree",
    "disagreed",
    "concluded",
    "began",
    "begins",
    "opened",
    "started",
    "closed",
    "introduced",
    "presented",
    "reported",
    "asked",
    "asks",
    "answered",
    "replied",
    "responded",
    "contended",
    "contends",
    "contend",
    "claimed",
    "claims",
    "insisted",
    "cautioned",
    "warned",
    "warns",
    "warn",
    "urged",
    "urges",
    "urge",
    "called",
    "calls",
    "expressed",
    "acknowledged",
    "indicated",
    "believed",
    "believes",
    "believe",
    "felt",
    "feel",
    "thought",
    "think",
    "welcomed",
    "reminded",
    "summarised",
    "summarized",
    "questioned",
    "wondered",
    "raised",
    "offered",
    "outlined",
    "elaborated",
    "clarified",
    "illustrated",
    "gave",
    "spoke",
    "spoken",
    "referenced",
    "referred",
    "cited",
    "identified",
    "reflected",
    "affirmed",
    "confirmed",
    "countered",
    "objected",
    "criticised",
    "criticized",
    "lamented",
    "hoped",
    "wished",
    "went",
    "continued",
    "detailed",
    "considered",
    "supported",
    "opposed",
    "explored",
    "wrote",
    "writes",
    "highlighted",
    "recognised",
    "recognized",
    "conceded",
    "admitted",
    "predicted",
    "doubted",
    "alleged",
    "aware",
    "denied",
    "accepted",
    "acknowledges",
];

/// Words that may stand between a subject and its reporting verb ("Woods was asked", "X also
/// noted", "participants have pointed out").
const BETWEEN: &[&str] = &[
    "also",
    "further",
    "then",
    "later",
    "again",
    "briefly",
    "strongly",
    "specifically",
    "additionally",
    "similarly",
    "subsequently",
    "finally",
    "first",
    "firstly",
    "initially",
    "clearly",
    "particularly",
    "rightly",
    "repeatedly",
    "explicitly",
    "was",
    "were",
    "is",
    "are",
    "has",
    "had",
    "have",
    "would",
    "will",
    "did",
    "do",
    "does",
    "had",
    // Post-nominals between a name and its verb ("Kirsty Williams AM mentioned").
    "AM",
    "MP",
    "MS",
    "MSP",
    "MEP",
    "MLA",
];

/// Whether a reporting verb follows `pos` (only spaces and [`BETWEEN`] words in between).
pub(crate) fn verb_follows(text: &str, pos: usize) -> bool {
    let Some(rest) = text.get(pos..) else {
        return false;
    };
    let mut gap_start = 0;
    for (n, w) in words(rest).into_iter().enumerate() {
        if n > 3 || !rest[gap_start..w.start].chars().all(char::is_whitespace) {
            return false;
        }
        if w.start == 0 {
            return false;
        }
        // As written: "Thought ID" after a name is a column header, not a verb.
        let l = &rest[w.start..w.end];
        if VERBS.contains(&l) {
            return true;
        }
        if !BETWEEN.contains(&l) {
            return false;
        }
        gap_start = w.end;
    }
    false
}

/// A person a passage reports, with where the mention starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reported {
    pub at: usize,
    pub name: String,
    /// The appositive after the name ("Executive Director", "International Code …").
    pub parts: Vec<String>,
    /// Whether a title or label preceded the name ("Moderator", "Dr.", "Mr.").
    pub titled: bool,
}

impl Reported {
    /// Whether the introduction alone shows a person: a title or an appositive. "Deutsche
    /// Telekom believes" and "Taiwan Taxi said" show nothing of the kind; an unknown name needs
    /// one of them, a name already on the roster does not.
    pub fn is_strong(&self) -> bool {
        self.titled || !self.parts.is_empty()
    }

    pub fn person(&self) -> super::roster::Person {
        let parts: Vec<&str> = self.parts.iter().map(String::as_str).collect();
        let (role, organisation) = role_and_org(&parts);
        super::roster::Person {
            name: self.name.clone(),
            role,
            organisation,
            ..super::roster::Person::default()
        }
    }
}

/// The appositive parts between `pos` (just after a name) and a reporting verb:
/// `Some(vec![])` when the verb follows at once, `Some(parts)` for ", Part, Part, verb".
fn appositive_then_verb(text: &str, pos: usize) -> Option<Vec<String>> {
    if verb_follows(text, pos) {
        return Some(Vec::new());
    }
    let rest = text.get(pos..)?.strip_prefix(", ")?;
    let base = pos + 2;
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, _) in rest.match_indices(',') {
        let part = rest[start..i].trim();
        let sentence_inside = part.contains(". ") || part.contains(['?', '!', ';', '(', ')']);
        if parts.len() >= 5
            || i > 300
            || part.is_empty()
            || sentence_inside
            || !part.starts_with(|c: char| c.is_uppercase())
        {
            return None;
        }
        parts.push(part.to_string());
        if verb_follows(text, base + i + 1) {
            return Some(parts);
        }
        start = i + 1;
    }
    None
}

/// Full names at a sentence or clause start followed (after an optional appositive) by a
/// reporting verb, in text order.
pub(crate) fn introductions(text: &str) -> Vec<Reported> {
    let mut out = Vec::new();
    for (pos, _) in clause_starts(text) {
        let Some(m) = name_at(text, pos) else {
            continue;
        };
        if let Some(parts) = appositive_then_verb(text, m.end) {
            out.push(Reported {
                at: pos,
                name: text[m.start..m.end].to_string(),
                parts,
                titled: m.start > pos,
            });
        }
    }
    out
}

/// The first mention of a person of `roster` (by full name or unique surname) that is the
/// subject of a reporting verb; returns the mention's position and the person's index.
pub(crate) fn known_mention(text: &str, roster: &Roster) -> Option<(usize, usize)> {
    // Who could be mentioned: a full name, a surname nobody else on the roster has, or a role
    // or part only one person has ("The Prime Minister clarified", "the Chair noted").
    let mut candidates: Vec<(String, usize)> = Vec::new();
    for (i, person) in roster.people.iter().enumerate() {
        let surname = super::names::surname(&person.name);
        if !text.contains(surname) && person.role.is_none() && person.part.is_none() {
            continue;
        }
        candidates.push((person.name.clone(), i));
        if roster.by_surname(surname) == Some(i) {
            candidates.push((surname.to_string(), i));
        }
        for r in [&person.role, &person.part].into_iter().flatten() {
            let unique = roster
                .people
                .iter()
                .filter(|p| {
                    p.role.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(r))
                        || p.part.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(r))
                })
                .count()
                == 1;
            let role_like = r.split_whitespace().count() <= 8 && !r.contains(',');
            if unique && role_like {
                candidates.push((format!("The {r}"), i));
                candidates.push((format!("the {r}"), i));
            }
        }
    }
    candidates.retain(|(c, _)| text.contains(c.as_str()));
    if candidates.is_empty() {
        return None;
    }
    let mut starts: Vec<usize> = clause_starts(text).into_iter().map(|(p, _)| p).collect();
    // "as Woods noted", "and Woods added".
    for link in [" as ", " and ", " but "] {
        starts.extend(text.match_indices(link).map(|(i, l)| i + l.len()));
    }
    starts.sort_unstable();
    starts.dedup();
    for pos in starts {
        for at in [pos, skip_prefixes(text, pos)] {
            for (candidate, i) in &candidates {
                let Some(after) = text[at..].strip_prefix(candidate.as_str()) else {
                    continue;
                };
                let end = at + candidate.len();
                if after.starts_with(|c: char| c.is_alphanumeric()) {
                    continue;
                }
                if appositive_then_verb(text, end).is_some() {
                    return Some((at, *i));
                }
            }
        }
    }
    None
}

/// The name in a trailing "(Name)" of a bullet or paragraph, if it looks like a person:
/// "(Andy Orsmond)", "(Michelle Woods)."; with several names ("(A and B)") the first.
pub(crate) fn trailing_parenthetical(text: &str) -> Option<&str> {
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ';' | ','));
    let inner_end = t.strip_suffix(')')?.len();
    let open = t[..inner_end].rfind('(')?;
    let inner = &t[open + 1..inner_end];
    let first = inner
        .split(" and ")
        .next()
        .and_then(|s| s.split([',', ';', '&']).next())
        .unwrap_or(inner)
        .trim();
    if let Some(name) = super::names::whole_name(first) {
        return Some(name);
    }
    // A lone capitalised word may be a surname; the roster decides.
    let single = !first.is_empty()
        && !first.contains(' ')
        && first.starts_with(char::is_uppercase)
        && first.chars().skip(1).any(char::is_lowercase)
        && first
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
    single.then_some(first)
}

/// An authority cited at a sentence or clause start: "According to Gareth Evans, …".
pub(crate) fn according_to(text: &str) -> Option<&str> {
    clause_starts(text).into_iter().find_map(|(pos, _)| {
        let rest = &text[pos..];
        let skip = ["According to ", "according to "]
            .iter()
            .find(|p| rest.starts_with(**p))?
            .len();
        let m = name_at(text, pos + skip)?;
        Some(&text[m.start..m.end])
    })
}

/// Whether a passage opens with "He"/"She" and a reporting verb, continuing the previous
/// paragraph's speaker.
pub(crate) fn opens_with_pronoun(text: &str) -> bool {
    let t = text.trim_start();
    ["He ", "She "]
        .iter()
        .any(|p| t.starts_with(p) && verb_follows(t, p.len() - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribute::roster::Person;

    #[test]
    fn verbs_after_subjects() {
        assert!(verb_follows("Woods was asked how", 5));
        assert!(!verb_follows(
            "Question Text, Participant ID, Thought ID",
            29
        ));
        assert!(verb_follows("Orsmond remarked on", 7));
        assert!(!verb_follows("Orsmond, remarked", 7));
        assert!(!verb_follows("Woods treaties", 5));
        assert!(!verb_follows("Dr. Ponzio coordinated", 10));
    }

    #[test]
    fn introductions_with_and_without_appositive() {
        let t = "Andy Orsmond, Executive Director, International Code of Conduct Association, began his introduction by advising that";
        let r = introductions(t);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].name, "Andy Orsmond");
        let p = r[0].person();
        assert_eq!(p.role.as_deref(), Some("Executive Director"));
        assert_eq!(
            p.organisation.as_deref(),
            Some("International Code of Conduct Association")
        );
        let r = introductions("Moderator Anne-Marie Buzatu noted that a number of things");
        assert_eq!(r[0].name, "Anne-Marie Buzatu");
        assert!(r[0].parts.is_empty());
        assert!(r[0].is_strong());
        let r = introductions("In addition, Taiwan Taxi said they would provide EasyCard");
        assert!(r.iter().all(|r| !r.is_strong()));
        assert!(introductions("Richard Ponzio, Ph.D. is Director of the Program.").is_empty());
        assert!(
            introductions("from Raphael Lemkin to Samantha Power, from The Genocide Convention to the ICC, R2P, and the US Atrocities Prevention Board that President Obama established, many have contributed").is_empty()
        );
    }

    #[test]
    fn surnames_of_known_people() {
        let mut roster = Roster::default();
        roster.add(Person {
            name: "Andy Orsmond".into(),
            ..Person::default()
        });
        let t = "When asked about the division, Orsmond remarked on the diversity.";
        assert_eq!(known_mention(t, &roster), Some((31, 0)));
        assert_eq!(known_mention("The Orsmond report remarked", &roster), None);
    }

    #[test]
    fn parentheticals() {
        assert_eq!(
            trailing_parenthetical("Stay pragmatic (and a little bit patient)! (Michel Quillé)"),
            Some("Michel Quillé")
        );
        assert_eq!(
            trailing_parenthetical("Participation is a major issue. (Andy Orsmond)\u{a0} "),
            Some("Andy Orsmond")
        );
        assert_eq!(
            trailing_parenthetical("Stay pragmatic (and a little bit patient)!"),
            None
        );
        assert_eq!(
            trailing_parenthetical("the Extractive Industry Transparency Initiative (EITI)"),
            None
        );
        assert_eq!(trailing_parenthetical("as noted (Woods)."), Some("Woods"));
    }

    #[test]
    fn authorities() {
        let t = "of the proposed renovations ever materialize. According to Gareth Evans, \"[t]he [COGG] generated\"";
        assert_eq!(according_to(t), Some("Gareth Evans"));
        assert_eq!(
            according_to("According to the report, trust matters."),
            None
        );
    }
}
