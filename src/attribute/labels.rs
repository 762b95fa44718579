//! Speaker labels as transcripts write them → who they name.
//!
//! A label may carry, besides a name, honorifics ("Hon.", "Mr.", "Dr", "Right Hon."),
//! post-nominals ("Lynne Neagle AM"), a role in parentheses ("Hon. Patty Hajdu (Minister of
//! Health)"), a riding and party ("Mr. James Bezan (SelkirkInterlakeEastman, CPC)"), a role
//! before the name ("The Chair (Hon. Anthony Rota (NipissingTimiskaming, Lib.))"), queue notes
//! ("DLM [on queue]"), or be initials ("RPR"), a role alone ("The Chair", "MODERATOR") or
//! nobody in particular ("Audience", "Unknown", "?", "問"). [`parse`] takes a label apart;
//! resolution against the document's roster happens in the caller.
//!
//! Why: the same person is labelled "Hon. Bill Blair", "Hon. Bill Blair (Minister of Public
//! Safety and Emergency Preparedness)" and "Hon. Bill Blair (Scarborough Southwest, Lib.)" in
//! one corpus; they must be one participant, with the role the labels give.
//!
//! ```text
//! "The Chair (Hon. Anthony Rota (NipissingTimiskaming, Lib.))"
//!     → name "Anthony Rota", part "Chair", role "MP for NipissingTimiskaming", organisation "Lib."
//! "Lynne Neagle AM"  → name "Lynne Neagle", role "Assembly Member"
//! "RPR"              → initials
//! ```

/// What a label says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Label {
    /// The personal name, titles and post-nominals removed, capitals normalised.
    pub name: Option<String>,
    /// Initials standing for a name ("RPR").
    pub initials: Option<String>,
    /// The part the speaker plays in the meeting ("Chair", "Acting Chair", "Moderator").
    pub part: Option<String>,
    /// The role the label gives ("Minister of Health", "MP for Carleton", "Assembly Member").
    pub role: Option<String>,
    /// An organisation the label gives (a party abbreviation counts).
    pub organisation: Option<String>,
    /// Nobody in particular: "Audience", "Unknown", a bare `>>`.
    pub unnamed: bool,
}

/// Honorifics and titles that precede a name and are not part of it, longest first.
const HONORIFICS: &[&str] = &[
    "The Right Honourable",
    "The Honourable",
    "The Hon.",
    "Right Hon.",
    "Rt. Hon.",
    "Rt Hon",
    "Hon.",
    "Hon",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Miss",
    "Mx.",
    "Dr.",
    "Dr",
    "Prof.",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "H.E.",
    "Rev.",
    "Senator",
    "Sen.",
    "Ambassador",
    "Councilman",
    "Councilwoman",
    "Councillor",
    "Councilor",
    "Councilmember",
    "Mayor",
    "Minister",
    "Judge",
    "Commissioner",
];

/// Titles that also say the role ("Senator Smith" is a senator).
const TITLE_ROLES: &[&str] = &[
    "Senator",
    "Ambassador",
    "Councilman",
    "Councilwoman",
    "Councillor",
    "Councilor",
    "Councilmember",
    "Mayor",
    "Minister",
    "Judge",
    "Commissioner",
];

/// Post-nominals and the role they imply (None: a distinction, not a role).
const POST_NOMINALS: &[(&str, Option<&str>)] = &[
    ("AM", Some("Assembly Member")),
    ("MS", Some("Member of the Senedd")),
    ("MP", Some("Member of Parliament")),
    ("MSP", Some("Member of the Scottish Parliament")),
    ("MEP", Some("Member of the European Parliament")),
    ("MLA", Some("Member of the Legislative Assembly")),
    ("TD", Some("Teachta Dála")),
    ("QC", None),
    ("KC", None),
    ("OBE", None),
    ("CBE", None),
    ("MBE", None),
    ("PhD", None),
    ("Ph.D.", None),
    ("Jr.", None),
];

/// Parts people play in a meeting, as labels write them alone or before a name.
const PARTS: &[&str] = &[
    "Acting Chair",
    "Deputy Chair",
    "Vice-Chair",
    "Vice Chair",
    "Co-Chair",
    "Co-chair",
    "Chairperson",
    "Chairwoman",
    "Chairman",
    "Chair",
    "Presiding Member",
    "Presiding Officer",
    "Speaker of the House",
    "Moderator",
    "Facilitator",
    "Host",
    "Interviewer",
    "Rapporteur",
    "Clerk",
];

/// Labels that name nobody in particular.
const UNNAMED: &[&str] = &[
    "?",
    "??",
    "???",
    "unknown",
    "unknown speaker",
    "unidentified",
    "unidentified speaker",
    "speaker",
    "audience",
    "audience member",
    "participant",
    "participants",
    "visitor",
    "attendee",
    "voice",
    "voices",
    "multiple speakers",
    "several speakers",
    "all",
    "q",
    "a",
    "question",
    "answer",
    "inaudible",
    "crosstalk",
    "問",
    "答",
    "與會者",
    "來賓",
    "觀眾",
];

/// Party abbreviations as Hansard writes them after a riding.
fn is_party(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.len() <= 6
        && s.starts_with(|c: char| c.is_uppercase())
        && s.chars().all(|c| c.is_alphabetic() || c == '.')
}

/// Removes queue notes and stray marks: "DLM [on queue]" → "DLM", "GCL?" → "GCL".
pub(crate) fn clean(raw: &str) -> &str {
    let mut s = raw.trim();
    for note in [
        "[on queue]",
        "(on queue)",
        "[on the queue]",
        "(on the queue)",
        "[via queue]",
    ] {
        if let Some(x) = s.strip_suffix(note) {
            s = x.trim_end();
        }
    }
    let s = s.strip_prefix(". ").unwrap_or(s);
    let s = s.trim_end_matches(['?', ':', '：']).trim();
    if s.is_empty() { raw.trim() } else { s }
}

/// The outermost trailing parenthesis: ("Mr. James Bezan", "SelkirkInterlakeEastman, CPC").
fn split_paren(s: &str) -> (&str, Option<&str>) {
    let t = s.trim_end();
    if !t.ends_with(')') {
        return (t, None);
    }
    let mut depth = 0i32;
    for (i, c) in t.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return (t[..i].trim_end(), Some(&t[i + 1..t.len() - 1]));
                }
            }
            _ => {}
        }
    }
    (t, None)
}

fn strip_prefix_word<'a>(s: &'a str, p: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(p)?;
    (rest.is_empty() || rest.starts_with(' ')).then(|| rest.trim_start())
}

/// "JOHN SMITH" → "John Smith"; other names as written.
pub(crate) fn normalise_caps(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps =
        letters.len() > 3 && letters.iter().all(|c| c.is_uppercase()) && name.contains(' ');
    if !all_caps {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let mut out = String::new();
            let mut upper_next = true;
            for c in w.chars() {
                if upper_next {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                upper_next = matches!(c, '-' | '\'' | '’');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a label is initials: two to four capital letters.
fn is_initials(s: &str) -> bool {
    (2..=4).contains(&s.len()) && s.chars().all(|c| c.is_ascii_uppercase())
}

/// Takes a speaker label apart (see the module doc).
pub(crate) fn parse(raw: &str) -> Label {
    let s = clean(raw);
    let mut label = Label::default();
    if UNNAMED.contains(&s.to_lowercase().as_str()) {
        label.unnamed = true;
        label.part = (!s.chars().all(|c| !c.is_alphanumeric())).then(|| s.to_string());
        return label;
    }
    if is_initials(s) && !POST_NOMINALS.iter().any(|(p, _)| *p == s) && s != "MODERATOR" {
        label.initials = Some(s.to_string());
        return label;
    }
    // A part before the name: "The Chair (…)", "The Acting Chair (…)", "MODERATOR".
    let (head, inner) = split_paren(s);
    let head_no_the = head.strip_prefix("The ").unwrap_or(head);
    if let Some(part) = PARTS.iter().find(|p| head_no_the.eq_ignore_ascii_case(p)) {
        label.part = Some((*part).to_string());
        if let Some(inner) = inner {
            let named = parse(inner);
            label.name = named.name;
            label.role = named.role;
            label.organisation = named.organisation;
            label.initials = named.initials;
        }
        return label;
    }
    // A role or riding in parentheses after the name.
    if let Some(inner) = inner {
        let parts: Vec<&str> = inner.rsplitn(2, ',').collect();
        match parts.as_slice() {
            [party, place] if is_party(party) => {
                label.role = Some(format!("MP for {}", place.trim()));
                label.organisation = Some(party.trim().to_string());
            }
            _ => label.role = Some(inner.trim().to_string()),
        }
    }
    // Honorifics (and titles that say the role) before the name.
    let mut name = head;
    loop {
        let before = name;
        for h in HONORIFICS {
            if let Some(rest) = strip_prefix_word(name, h) {
                if TITLE_ROLES.contains(h) && label.role.is_none() {
                    label.role = Some((*h).to_string());
                }
                name = rest;
                break;
            }
        }
        if name == before {
            break;
        }
    }
    // Post-nominals after it.
    loop {
        let before = name;
        for (p, role) in POST_NOMINALS {
            let stripped = name
                .strip_suffix(p)
                .filter(|r| r.ends_with(' ') || r.ends_with(','))
                .map(|r| r.trim_end_matches([' ', ',']));
            if let Some(rest) = stripped {
                if let Some(r) = role
                    && label.role.is_none()
                {
                    label.role = Some((*r).to_string());
                }
                name = rest;
                break;
            }
        }
        if name == before {
            break;
        }
    }
    let name = name.trim();
    if !name.is_empty() {
        label.name = Some(normalise_caps(name));
    } else if head.is_empty() {
        label.unnamed = true;
    } else {
        label.name = Some(normalise_caps(head));
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(
        raw: &str,
    ) -> (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) {
        let l = parse(raw);
        (l.name, l.part, l.role, l.organisation)
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn qmsum_labels() {
        assert_eq!(
            p("The Chair (Hon. Anthony Rota (NipissingTimiskaming, Lib.))"),
            (
                s("Anthony Rota"),
                s("Chair"),
                s("MP for NipissingTimiskaming"),
                s("Lib.")
            )
        );
        assert_eq!(p("The Chair"), (None, s("Chair"), None, None));
        assert_eq!(
            p("The Acting Chair (Mr. Bruce Stanton)"),
            (s("Bruce Stanton"), s("Acting Chair"), None, None)
        );
        assert_eq!(
            p("Hon. Ahmed Hussen (Minister of Families, Children and Social Development)"),
            (
                s("Ahmed Hussen"),
                None,
                s("Minister of Families, Children and Social Development"),
                None
            )
        );
        assert_eq!(
            p("Mr. James Bezan (SelkirkInterlakeEastman, CPC)"),
            (
                s("James Bezan"),
                None,
                s("MP for SelkirkInterlakeEastman"),
                s("CPC")
            )
        );
        assert_eq!(
            p("Right Hon. Justin Trudeau (Prime Minister)").0,
            s("Justin Trudeau")
        );
        assert_eq!(
            p("Lynne Neagle AM"),
            (s("Lynne Neagle"), None, s("Assembly Member"), None)
        );
        assert_eq!(p("Dr Frank Atherton").0, s("Frank Atherton"));
        assert_eq!(p("Professor Jean White").0, s("Jean White"));
        assert_eq!(
            p("The Honourable Patty Hajdu (Minister of Health)").0,
            s("Patty Hajdu")
        );
    }

    #[test]
    fn initials_roles_and_nobody() {
        assert_eq!(parse("RPR").initials, s("RPR"));
        assert_eq!(parse("DLM [on queue]").initials, s("DLM"));
        assert_eq!(parse("GCL?").initials, s("GCL"));
        assert_eq!(parse("MODERATOR").part, s("Moderator"));
        assert_eq!(parse("JANE DOE").name, s("Jane Doe"));
        for n in ["Unknown", "?", "???", "Audience", "問", "Visitor"] {
            assert!(parse(n).unnamed, "{n}");
        }
        assert_eq!(parse("唐鳳").name, s("唐鳳"));
        assert_eq!(parse("peggy-lo").name, s("peggy-lo"));
        assert_eq!(parse("Councillor Ana Lima").role, s("Councillor"));
    }
}
