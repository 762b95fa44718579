//! A document's roster: the people it names, with role and organisation, and how a spelling
//! found in the text resolves to one of them.
//!
//! The roster starts from speaker-list lines ("Moderator: Anne-Marie Buzatu, Deputy Head of
//! Operations IV, DCAF") and grows with narrative introductions ("Andy Orsmond, Executive
//! Director, International Code of Conduct Association, began …"). A spelling resolves to a
//! person by exact (accent- and case-folded) name, by a surname unique in the roster, or by the
//! same surname with a first name within edit distance 2 ("Michelle Woods" → "Michele Woods").
//! A shared first name alone never merges two people.

use crate::model::{Evidence, EvidenceKind, Group, How, Speaker};

use super::groups::{Grouping, org_group};
use super::names::{edit_distance, first_name, fold, surname, whole_name};

/// One person of a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Person {
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<String>,
    /// The initials their turns carry ("RPR"), from an attendee table or a roster.
    pub abbreviation: Option<String>,
    /// Other spellings that name them (a roster's aliases: "唐鳳" for Audrey Tang).
    pub aliases: Vec<String>,
    /// The part they play in the meeting ("Chair", "Moderator").
    pub part: Option<String>,
    /// A group given explicitly (a roster or a sector column), over the organisation's.
    pub group: Option<Group>,
}

impl Person {
    /// The speaker this person is, found by `how`, with role, organisation and group.
    pub fn speaker(&self, how: How) -> Speaker {
        let mut s = Speaker {
            role: self.role.clone().or_else(|| self.part.clone()),
            organisation: self.organisation.clone(),
            ..Speaker::named(self.name.clone(), how)
        };
        self.grouping().apply(&mut s);
        s
    }

    /// The group the roster gives (with the name's mismatch), else the rules'.
    pub fn grouping(&self) -> Grouping {
        let organisation = self.organisation.as_deref();
        match self.group {
            Some(g) => Grouping::declared(g, Evidence::bare(EvidenceKind::Roster), organisation),
            None => Grouping::by_rules(self.role.as_deref(), organisation),
        }
    }
}

/// The people of one document, in the order they were first met.
#[derive(Clone, Debug, Default)]
pub(crate) struct Roster {
    pub people: Vec<Person>,
}

impl Roster {
    /// Adds a person, or completes the role and organisation of the one `name` resolves to.
    pub fn add(&mut self, person: Person) -> usize {
        match self.resolve(&person.name) {
            Some(i) => {
                let known = &mut self.people[i];
                if known.role.is_none() && known.organisation.is_none() {
                    known.role = person.role;
                    known.organisation = person.organisation;
                }
                if known.abbreviation.is_none() {
                    known.abbreviation = person.abbreviation;
                }
                if known.part.is_none() {
                    known.part = person.part;
                }
                if known.group.is_none() {
                    known.group = person.group;
                }
                for a in person.aliases {
                    if !known.aliases.contains(&a) {
                        known.aliases.push(a);
                    }
                }
                i
            }
            None => {
                self.people.push(person);
                self.people.len() - 1
            }
        }
    }

    /// The person whose initials these are.
    pub fn by_abbreviation(&self, abbr: &str) -> Option<usize> {
        let abbr = abbr.trim();
        self.people
            .iter()
            .position(|p| p.abbreviation.as_deref() == Some(abbr))
            .or_else(|| {
                self.people
                    .iter()
                    .position(|p| p.aliases.iter().any(|a| a == abbr))
            })
    }

    /// The one person who plays this part ("Chair"), if only one does.
    pub fn by_part(&self, part: &str) -> Option<usize> {
        let mut hits = self.people.iter().enumerate().filter(|(_, p)| {
            p.part
                .as_deref()
                .is_some_and(|x| x.eq_ignore_ascii_case(part))
        });
        let first = hits.next()?.0;
        hits.next().is_none().then_some(first)
    }

    /// The person a spelling refers to, if exactly one fits.
    pub fn resolve(&self, name: &str) -> Option<usize> {
        let folded = fold(name.trim());
        if folded.is_empty() {
            return None;
        }
        if let Some(i) = self.people.iter().position(|p| fold(&p.name) == folded) {
            return Some(i);
        }
        if let Some(i) = self
            .people
            .iter()
            .position(|p| p.aliases.iter().any(|a| fold(a) == folded))
        {
            return Some(i);
        }
        if !folded.contains(' ') {
            return self.by_surname(name.trim());
        }
        let (sur, first) = (fold(surname(&folded)), fold(first_name(&folded)));
        let mut best: Option<(usize, usize)> = None;
        let mut tie = false;
        for (i, p) in self.people.iter().enumerate() {
            if fold(surname(&p.name)) != sur {
                continue;
            }
            let d = edit_distance(&fold(first_name(&p.name)), &first);
            if d > 2 {
                continue;
            }
            match best {
                Some((_, bd)) if bd == d => tie = true,
                Some((_, bd)) if bd < d => {}
                _ => {
                    best = Some((i, d));
                    tie = false;
                }
            }
        }
        if tie { None } else { best.map(|(i, _)| i) }
    }

    /// The one person with this surname (case and accents folded), if only one has it.
    pub fn by_surname(&self, sur: &str) -> Option<usize> {
        let sur = fold(sur);
        let mut hits = self
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| fold(surname(&p.name)) == sur);
        let first = hits.next()?.0;
        hits.next().is_none().then_some(first)
    }
}

/// Labels that open a speaker-list line ("Moderator: …").
const LINE_LABELS: &[&str] = &[
    "Note-taker",
    "Note taker",
    "Notetaker",
    "Note-takers",
    "Minute-taker",
    "Moderator",
    "Chair",
    "Co-chair",
    "Co-Chair",
    "Chairperson",
    "Facilitator",
    "Rapporteur",
    "Speaker",
    "Speakers",
    "Panelist",
    "Panellist",
    "Panelists",
    "Panellists",
    "Discussant",
    "Host",
    "Keynote",
];

/// Words that make a lone appositive a role rather than an organisation.
const ROLE_WORDS: &[&str] = &[
    "director",
    "president",
    "vice-president",
    "head",
    "chair",
    "chairman",
    "chairperson",
    "chief",
    "officer",
    "manager",
    "adviser",
    "advisor",
    "coordinator",
    "co-ordinator",
    "secretary",
    "secretary-general",
    "ambassador",
    "minister",
    "founder",
    "co-founder",
    "ceo",
    "cto",
    "coo",
    "researcher",
    "fellow",
    "lead",
    "leader",
    "senior",
    "deputy",
    "member",
    "counsel",
    "partner",
    "editor",
    "journalist",
    "student",
    "candidate",
    "representative",
    "delegate",
    "consultant",
    "analyst",
    "specialist",
    "expert",
    "scientist",
    "engineer",
    "lecturer",
    "professor",
    "dean",
    "rector",
    "commissioner",
    "rapporteur",
    "moderator",
    "facilitator",
    "associate",
    "assistant",
    "executive",
    "trustee",
];

fn is_role_like(s: &str) -> bool {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Role and organisation from the parts that follow a name: with two or more parts the last is
/// the organisation and the rest the role ("Director, Copyright Law Division, WIPO"); a lone
/// part is split at " of the " / " at " when it reads "Role of the Organisation", else it is a
/// role if it reads like one and names no known organisation, else an organisation.
pub(crate) fn role_and_org(parts: &[&str]) -> (Option<String>, Option<String>) {
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim_matches(|c: char| c.is_whitespace()))
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [] => (None, None),
        [one] => {
            for link in [" of the ", " at the ", " at "] {
                if let Some((role, org)) = one.split_once(link)
                    && is_role_like(role)
                    && org.starts_with(char::is_uppercase)
                {
                    return (Some(role.to_string()), Some(org.to_string()));
                }
            }
            if is_role_like(one) && org_group(one).is_none() {
                (Some(one.to_string()), None)
            } else {
                (None, Some(one.to_string()))
            }
        }
        [role @ .., org] => (Some(role.join(", ")), Some(org.to_string())),
    }
}

/// A speaker-list line: "Moderator: Name, Role, Organisation", "Name, Role(s), Organisation",
/// "Dr. Name, Organisation" (bullet markers allowed). `None` for anything else.
pub(crate) fn parse_roster_line(line: &str) -> Option<Person> {
    let mut s = line.trim_matches(|c: char| c.is_whitespace());
    for marker in ["- ", "* ", "• ", "– "] {
        s = s.strip_prefix(marker).unwrap_or(s).trim_start();
    }
    let mut label_part = None;
    if let Some((label, rest)) = s.split_once(':')
        && LINE_LABELS.contains(&label.trim())
    {
        s = rest.trim_start();
        label_part = Some(label.trim().to_string());
    }
    if s.len() > 220 || s.ends_with(['?', '!', ';', ':']) {
        return None;
    }
    // After a label, a name alone or with its organisation in brackets: "Note-taker: Ana Lima
    // (Secretariat)", "Rapporteur: Bo Chen" — that person, in that role.
    if let Some(label) = &label_part
        && !s.contains(',')
    {
        let (before, bracket) = match s.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
            Some((b, inner)) => (b.trim_end(), Some(inner.trim())),
            None => (s, None),
        };
        let name = whole_name(before)?;
        return Some(Person {
            name: name.to_string(),
            role: Some(label.clone()),
            organisation: bracket.filter(|b| !b.is_empty()).map(str::to_string),
            part: label_part.clone(),
            ..Person::default()
        });
    }
    let mut parts = s.split(',');
    let name = whole_name(parts.next()?)?;
    let rest: Vec<&str> = parts.map(str::trim).collect();
    let ok = !rest.is_empty()
        && rest.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 100
                && p.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                && !p.contains(". ")
        });
    if !ok {
        return None;
    }
    // A full stop ends sentences, not roster lines (but "Acme Inc." is fine).
    if s.ends_with('.') {
        let last = rest.last().copied().unwrap_or_default();
        let w = last.rsplit(' ').next().unwrap_or_default();
        if !matches!(
            w,
            "Inc." | "Ltd." | "Co." | "Corp." | "S.A." | "B.V." | "Pty."
        ) {
            return None;
        }
    }
    let (role, organisation) = role_and_org(&rest);
    Some(Person {
        name: name.to_string(),
        role,
        organisation,
        part: label_part,
        ..Person::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_list_lines_of_seed_004() {
        let p =
            parse_roster_line("Moderator: Anne-Marie Buzatu, Deputy Head of Operations IV, DCAF")
                .expect("roster line");
        assert_eq!(p.name, "Anne-Marie Buzatu");
        assert_eq!(p.role.as_deref(), Some("Deputy Head of Operations IV"));
        assert_eq!(p.organisation.as_deref(), Some("DCAF"));
        let p = parse_roster_line("Michele Woods, Director, Copyright Law Division, WIPO\u{a0} ")
            .expect("roster line");
        assert_eq!(p.role.as_deref(), Some("Director, Copyright Law Division"));
        assert_eq!(p.organisation.as_deref(), Some("WIPO"));
    }

    #[test]
    fn bulleted_speaker_lists_with_organisation_only() {
        let p = parse_roster_line(
            "- Dr. Bärbel Kofler, Federal Ministry for Economic Cooperation and Development (BMZ)",
        )
        .expect("roster line");
        assert_eq!(p.name, "Bärbel Kofler");
        assert_eq!(p.role, None);
        assert!(
            p.organisation
                .is_some_and(|o| o.starts_with("Federal Ministry"))
        );
        let p = parse_roster_line("Arundhati Bhattacharya, Salesforce").expect("roster line");
        assert_eq!(p.organisation.as_deref(), Some("Salesforce"));
    }

    #[test]
    fn sentences_are_not_roster_lines() {
        for s in [
            "Civil Society, Business and the academic and technical communities have defined",
            "Andy Orsmond, Executive Director, International Code of Conduct Association, began his introduction.",
            "Moderator Anne-Marie Buzatu noted that a number of the things discussed",
            "In West Africa, conflict-prone states suffer from governance challenges",
            "Tom Buitelaar and Richard Ponzio",
        ] {
            assert_eq!(parse_roster_line(s), None, "{s}");
        }
    }

    #[test]
    fn resolution_by_variant_surname_never_first_name() {
        let mut r = Roster::default();
        for n in ["Michele Woods", "Michel Quillé", "Andy Orsmond"] {
            r.add(Person {
                name: n.to_string(),
                ..Person::default()
            });
        }
        assert_eq!(r.resolve("Michelle Woods"), Some(0));
        assert_eq!(r.resolve("Michel Quille"), Some(1));
        assert_eq!(r.resolve("Orsmond"), Some(2));
        assert_eq!(r.resolve("Michel Smith"), None);
        assert_eq!(r.resolve("Andrew Woods"), None);
        assert_eq!(r.resolve("Michel"), None);
    }

    #[test]
    fn lone_appositives() {
        assert_eq!(
            role_and_org(&[
                "Vice-President of the International Forum on Technologies and Security"
            ]),
            (
                Some("Vice-President".to_string()),
                Some("International Forum on Technologies and Security".to_string())
            )
        );
        assert_eq!(
            role_and_org(&["Executive Director"]),
            (Some("Executive Director".to_string()), None)
        );
        assert_eq!(
            role_and_org(&["Salesforce"]),
            (None, Some("Salesforce".to_string()))
        );
    }
}
