//! Personal names in running text: recognising one, splitting text into words, comparing
//! spellings.
//!
//! A name is two to four capitalised words ("Anne-Marie Buzatu", "Michel Quillé",
//! "Ludwig van Beethoven", "Michael J. Fox"), optionally after titles and session labels that
//! are not part of it ("Dr.", "Moderator"). Capitalised words that open sentences or name
//! organisations ("The", "Civil", "Society", "International") never count as name words, and a
//! candidate that [`super::org_group`] recognises as an organisation is not a person.

use super::groups::org_group;

/// Titles and session labels that may precede a name and are not part of it.
const PREFIXES: &[&str] = &[
    "Dr.",
    "Dr",
    "Prof.",
    "Prof",
    "Professor",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Mx.",
    "Sir",
    "Dame",
    "Hon.",
    "H.E.",
    "Ambassador",
    "Minister",
    "Senator",
    "Sen.",
    "Rep.",
    "Gov.",
    "Secretary",
    "Mayor",
    "Governor",
    "Councilman",
    "Councilwoman",
    "Councillor",
    "Councilor",
    "Commissioner",
    "Coroner",
    "Captain",
    "Judge",
    "General",
    "Colonel",
    "Moderator",
    "Chair",
    "Chairman",
    "Chairwoman",
    "Chairperson",
    "Co-chair",
    "Co-Chair",
    "Facilitator",
    "Rapporteur",
    "Panelist",
    "Panellist",
    "Discussant",
    "Presenter",
    "Speaker",
];

/// Lowercase particles allowed inside a name ("Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "bin", "al",
    "el", "dos", "das", "ter", "ten", "y",
];

/// Capitalised words that are never part of a personal name: sentence openers, pronouns,
/// words of organisation names and page furniture.
const NOT_NAME: &[&str] = &[
    "A",
    "About",
    "According",
    "Academic",
    "Additionally",
    "After",
    "Agency",
    "All",
    "Also",
    "Although",
    "Among",
    "An",
    "And",
    "Another",
    "Any",
    "As",
    "Association",
    "At",
    "Background",
    "Because",
    "Before",
    "Best",
    "Between",
    "Both",
    "Business",
    "But",
    "By",
    "Center",
    "Centre",
    "Chief",
    "Civil",
    "Code",
    "Comment",
    "Comments",
    "Commission",
    "Committee",
    "Community",
    "Conclusion",
    "Conduct",
    "Consequently",
    "Council",
    "Department",
    "Deputy",
    "Director",
    "Division",
    "During",
    "Each",
    "Either",
    "European",
    "Every",
    "Executive",
    "Few",
    "For",
    "Forum",
    "Foundation",
    "From",
    "Furthermore",
    "Global",
    "Governance",
    "Government",
    "Governments",
    "Group",
    "Groups",
    "He",
    "Head",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Institute",
    "International",
    "Internet",
    "Into",
    "Introduction",
    "It",
    "Its",
    "Law",
    "Learned",
    "Lessons",
    "Many",
    "Member",
    "Members",
    "Ministry",
    "Moreover",
    "Most",
    "Multi-stakeholder",
    "Multistakeholder",
    "My",
    "National",
    "Nations",
    "Neither",
    "New",
    "No",
    "Not",
    "Of",
    "Office",
    "On",
    "One",
    "Open",
    "Or",
    "Organisation",
    "Organization",
    "Other",
    "Our",
    "Page",
    "Panel",
    "Participants",
    "Policy",
    "Practice",
    "Practices",
    "President",
    "Principles",
    "Private",
    "Program",
    "Programme",
    "Public",
    "Regarding",
    "Report",
    "Secretariat",
    "Sector",
    "Security",
    "Session",
    "Several",
    "She",
    "Since",
    "Society",
    "Some",
    "Such",
    "Summary",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Three",
    "Through",
    "Thus",
    "To",
    "Treaty",
    "Treaties",
    "Two",
    "Union",
    "United",
    "University",
    "Vice-President",
    "We",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Within",
    "Without",
    "World",
    "Yes",
    "You",
    "Your",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Have",
    "Has",
    "Had",
    "Do",
    "Does",
    "Did",
    "Is",
    "Are",
    "Was",
    "Were",
    "Can",
    "Could",
    "Should",
    "Would",
    "Will",
    "Shall",
    "Must",
    "Might",
    "Let",
    "Make",
    "Ensure",
    "Consider",
    "Stay",
    "Help",
    "Indicate",
    "Explore",
    "Evaluate",
    "Avoid",
    "See",
    "Note",
    "Please",
    "So",
    "Um",
    "Uh",
    "Er",
    "Earlier",
    "Later",
    "Well",
    "Yeah",
    "Okay",
    "Ok",
    "Now",
    "Then",
    "Again",
    "Just",
    "Maybe",
    "Perhaps",
    "Actually",
    "Really",
    "Oh",
    "Thanks",
    "Thank",
    "Hello",
    "Hi",
    "Dear",
    "Fire",
    "Police",
];

/// A word of a text: a maximal run of letters, digits, hyphens and apostrophes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'
}

/// The words of `text`, with byte spans; hyphens and apostrophes stay inside words
/// ("Anne-Marie", "e-Consultation", "O'Brien"), leading and trailing ones are dropped.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_word_char(c)) {
            (None, true) if c.is_alphanumeric() => start = Some(i),
            (Some(s), false) => {
                let w = text[s..i].trim_end_matches(['-', '\'', '’']);
                if !w.is_empty() {
                    out.push(Word {
                        start: s,
                        end: s + w.len(),
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// A name found in a text: `text[start..end]` is the name itself (titles excluded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NameMatch {
    pub start: usize,
    pub end: usize,
}

/// Skips titles and labels ("Dr.", "Moderator") at `pos`, returning the position after them.
pub(crate) fn skip_prefixes(text: &str, mut pos: usize) -> usize {
    'outer: loop {
        let rest = &text[pos..];
        for p in PREFIXES {
            if let Some(after) = rest.strip_prefix(p)
                && after.starts_with(' ')
            {
                pos += p.len() + 1;
                continue 'outer;
            }
        }
        return pos;
    }
}

fn is_capitalised_word(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    // All-capitals words are acronyms ("UN", "WIPO", "IV"), not names.
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    // Capitals inside a word only after a hyphen or apostrophe, or in "Mc"/"Mac" names:
    // "Anne-Marie", "O'Brien", "McDonald" — not "IOs", "eBay", "NGOs".
    let mut prev = first;
    let mut inner_ok = true;
    for (i, c) in w.char_indices().skip(1) {
        let after_mc = (i == 2 && w.starts_with("Mc")) || (i == 3 && w.starts_with("Mac"));
        if c.is_uppercase() && !matches!(prev, '-' | '\'' | '’') && !after_mc {
            inner_ok = false;
        }
        prev = c;
    }
    // Contractions ("I'll", "It's") are not names; "O'Brien" and "D'Souza" are.
    let contraction = w
        .rsplit_once(['\'', '’'])
        .is_some_and(|(_, tail)| tail.len() <= 2 && tail.chars().all(char::is_lowercase));
    inner_ok
        && !contraction
        && !w.ends_with('-')
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        && !NOT_NAME.contains(&w)
        && !w.split('-').any(|part| NOT_NAME.contains(&part))
}

/// The personal name starting exactly at `pos` (after optional titles), if any: two to four
/// name words separated by single spaces, initials ("J.") and particles allowed inside.
pub(crate) fn name_at(text: &str, pos: usize) -> Option<NameMatch> {
    let start = skip_prefixes(text, pos);
    let mut end = start;
    let mut count = 0usize;
    let mut last_was_particle = false;
    loop {
        let rest = text.get(end..)?;
        let wlen = rest
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(rest.len(), |(i, _)| i);
        let w = &rest[..wlen];
        let initial = w.chars().count() == 1
            && w.chars().all(char::is_uppercase)
            && rest[wlen..].starts_with('.');
        let particle = count > 0 && PARTICLES.contains(&w);
        if !(initial || particle || is_capitalised_word(w)) {
            break;
        }
        let wend = end + wlen + usize::from(initial);
        count += 1;
        last_was_particle = particle;
        end = wend;
        if count == 4 || !text[end..].starts_with(' ') {
            break;
        }
        // Look ahead: only continue over the space when another name word follows.
        let next = end + 1;
        let next_rest = &text[next..];
        let nlen = next_rest
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(next_rest.len(), |(i, _)| i);
        let nw = &next_rest[..nlen];
        let next_initial = nw.chars().count() == 1
            && nw.chars().all(char::is_uppercase)
            && next_rest[nlen..].starts_with('.');
        if next_initial || PARTICLES.contains(&nw) || is_capitalised_word(nw) {
            end = next;
        } else {
            break;
        }
    }
    // A trailing particle is not part of the name; back off one word.
    if last_was_particle {
        return None;
    }
    let name = text[start..end].trim_end();
    let end = start + name.len();
    let real_words = name.split(' ').filter(|w| !w.ends_with('.')).count();
    if !(2..=4).contains(&count) || real_words < 2 || org_group(name).is_some() {
        return None;
    }
    Some(NameMatch { start, end })
}

/// Whether the whole of `s` (trimmed, titles allowed) is a personal name; returns the name.
pub(crate) fn whole_name(s: &str) -> Option<&str> {
    let s = s.trim_matches(|c: char| c.is_whitespace());
    let m = name_at(s, 0)?;
    (m.end == s.len()).then(|| &s[m.start..m.end])
}

/// The surname: the last word of a name.
pub(crate) fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// The first word of a name.
pub(crate) fn first_name(name: &str) -> &str {
    name.split(' ').next().unwrap_or(name)
}

/// Lowercase with common Latin diacritics removed, for comparing spellings ("Quillé" ≈
/// "Quille").
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' | 'ş' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ł' => 'l',
            'ř' => 'r',
            'ğ' => 'g',
            '’' => '\'',
            other => other,
        })
        .collect()
}

/// Levenshtein distance between two strings, in characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Positions where a clause may begin: the start, after sentence ends, and after ", ", "; ",
/// ": ". Each comes with `true` when it starts a sentence.
pub(crate) fn clause_starts(text: &str) -> Vec<(usize, bool)> {
    let lead = text.len()
        - text
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let mut out = vec![(lead, true)];
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let sentence = matches!(b, b'.' | b'!' | b'?');
        let clause = matches!(b, b',' | b';' | b':');
        if !(sentence || clause) {
            continue;
        }
        // Skip closing quotes and brackets, then require whitespace.
        let mut j = i + 1;
        while let Some(c) = text[j..].chars().next() {
            if matches!(c, '"' | '”' | '’' | '\'' | ')' | ']') {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        let ws = text[j..]
            .char_indices()
            .find(|&(_, c)| !c.is_whitespace())
            .map_or(text.len() - j, |(k, _)| k);
        if ws == 0 || j + ws >= text.len() {
            continue;
        }
        let pos = j + ws;
        // "e.g. Name" or an initial ("J. Smith") is not a sentence end.
        let before = text[..i].rsplit(|c: char| !c.is_alphanumeric()).next();
        let abbreviation = b == b'.' && before.is_some_and(|w| w.chars().count() <= 1);
        if abbreviation {
            continue;
        }
        out.push((pos, sentence));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_with_titles_and_particles() {
        let t = "Moderator Anne-Marie Buzatu noted that";
        let m = name_at(t, 0).expect("a name");
        assert_eq!(&t[m.start..m.end], "Anne-Marie Buzatu");
        assert_eq!(whole_name("Michel Quillé\u{a0} "), Some("Michel Quillé"));
        assert_eq!(whole_name("Dr. Bärbel Kofler"), Some("Bärbel Kofler"));
        assert_eq!(
            whole_name("Ludwig van Beethoven"),
            Some("Ludwig van Beethoven")
        );
        assert_eq!(whole_name("Michael J. Fox"), Some("Michael J. Fox"));
        assert_eq!(whole_name("Siobhán O'Brien"), Some("Siobhán O'Brien"));
        assert_eq!(whole_name("Ronald McDonald"), Some("Ronald McDonald"));
    }

    #[test]
    fn sentence_openers_and_organisations_are_not_names() {
        for s in [
            "The International Code",
            "Civil Society",
            "Civil-Society Groups",
            "Internet Society",
            "UN Women",
            "Member States",
            "Page history",
            "Andy",
            "International Forum",
            "Have IOs",
            "Ensure Transparency",
            "So I'll",
            "So Vitalik",
            "Headquarters- Brussels",
        ] {
            assert_eq!(whole_name(s), None, "{s}");
        }
    }

    #[test]
    fn folding_and_distance() {
        assert_eq!(fold("Quillé"), "quille");
        assert_eq!(edit_distance("michelle", "michele"), 1);
        assert!(edit_distance("andy", "anne-marie") > 2);
    }

    #[test]
    fn clause_starts_skip_initials() {
        let t = "He met J. Smith. Then, Woods said so.";
        let starts: Vec<&str> = clause_starts(t).iter().map(|&(p, _)| &t[p..]).collect();
        assert!(starts.contains(&"Then, Woods said so."));
        assert!(starts.contains(&"Woods said so."));
        assert!(!starts.contains(&"Smith. Then, Woods said so."));
    }
}
