//! The people a caption file lists, and how speech recognition spells them.
//!
//! A person is known by their first and last name (and a nickname in quotes: `Wifredo "Wifi"
//! Fernández`); middle names, honorifics and initials never count alone ("Israel" in "Victor
//! Israel Gosalker" is more often the country). A word of a turn names a person when it sounds
//! like one of those names: both are reduced to a key (accents folded, `ph` → `f`, `w` → `v`,
//! `y` → `i`, a hard `c` → `k`, an initial `j` → `i`, no `h` after the first letter, no double
//! letters), and the keys are equal, one is the start or end of a longer name ("Safi" for
//! Safirulla, "Fredo" for Wifredo), they share the first letter and their consonants ("Somia"
//! for Soumya), or they are within a small edit distance (1 up to five letters, 2 beyond:
//! "Utkash" for Utkarsh, "Podar" for Poddar). Captions write some names in lower case ("thank
//! you so much pile" for Payal): a lower-case word counts only right after "thank you", an
//! honorific or "over to you", and never when it is a common English word.

use std::sync::LazyLock;

use regex::Regex;

use crate::attribute::names::{edit_distance, fold};

/// Words before or inside a name that are titles, not names.
const HONORIFICS: &[&str] = &[
    "dr",
    "mr",
    "mrs",
    "ms",
    "mx",
    "miss",
    "mister",
    "prof",
    "professor",
    "sir",
    "madam",
    "dame",
    "lord",
    "lady",
    "minister",
    "ambassador",
    "general",
    "brigadier",
    "res",
    "dsc",
    "he",
    "h.e",
    "excellency",
    "shri",
    "smt",
    "hon",
    "honourable",
    "honorable",
    "secretary",
    "director",
    "doctor",
    "ji",
];

/// Letters after a name that are honours and degrees, not names ("Stuart Russell OBE").
const POST_NOMINALS: &[&str] = &[
    "obe", "cbe", "mbe", "kbe", "dbe", "frs", "freng", "fba", "fmedsci", "phd", "md", "jr", "sr",
    "ii", "iii", "iv", "kc", "qc", "mp", "mep",
];

/// Whether `c` is a format character that is invisible in a name (a word joiner, a zero-width
/// space, a soft hyphen): lists copied from web pages carry them ("Prof \u{2060}Stuart
/// Russell").
pub(crate) fn invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// A name as a list writes it, without invisible format characters.
pub(crate) fn visible(name: &str) -> String {
    name.chars().filter(|&c| !invisible(c)).collect()
}

/// Words that are never a name, whatever their case: pronouns, greetings, fillers and the
/// words a moderator addresses a room with.
const NEVER_NAMES: &[&str] = &[
    "the",
    "and",
    "but",
    "you",
    "your",
    "yes",
    "yeah",
    "okay",
    "well",
    "great",
    "good",
    "thank",
    "thanks",
    "so",
    "now",
    "all",
    "right",
    "what",
    "how",
    "why",
    "who",
    "when",
    "where",
    "this",
    "that",
    "there",
    "here",
    "these",
    "those",
    "everyone",
    "everybody",
    "panel",
    "panelists",
    "panellists",
    "ladies",
    "gentlemen",
    "friends",
    "colleagues",
    "folks",
    "guys",
    "team",
    "india",
    "indian",
    "government",
    "god",
    "our",
    "we",
    "us",
    "me",
    "my",
    "let",
    "it",
    "its",
    "for",
    "from",
    "with",
    "over",
    "to",
    "on",
    "in",
    "at",
    "of",
    "is",
    "are",
    "was",
    "be",
    "can",
    "could",
    "would",
    "will",
    "shall",
    "may",
    "might",
    "just",
    "very",
    "much",
    "also",
    "uh",
    "um",
    "really",
    "sure",
    "one",
    "two",
    "first",
    "next",
    "last",
    "please",
];

/// Common English words that sound like some name (a lower-case word is never a name when it
/// is one of these: "again" is not Alain, "couple" is not Kapil).
const ENGLISH: &[&str] = &[
    "about", "after", "again", "age", "air", "alone", "also", "always", "any", "assess", "away",
    "back", "bad", "bank", "been", "before", "being", "bit", "board", "both", "broad", "business",
    "call", "came", "can't", "cannot", "care", "chain", "chief", "code", "come", "coming",
    "continue", "core", "costs", "couple", "course", "create", "cross", "day", "deal", "develop",
    "did", "done", "driven", "else", "even", "every", "fail", "feel", "fine", "full", "fully",
    "gave", "get", "gets", "give", "goal", "going", "got", "grow", "had", "half", "happy", "hard",
    "harm", "harms", "has", "have", "hear", "her", "high", "him", "his", "huge", "issue", "job",
    "join", "just", "know", "laws", "layer", "less", "like", "list", "living", "look", "made",
    "make", "makers", "man", "many", "market", "markets", "massive", "matter", "matters",
    "measure", "medical", "mission", "more", "most", "multi", "must", "nation", "need", "never",
    "new", "non", "not", "number", "only", "other", "own", "party", "pay", "people", "per",
    "perfect", "person", "play", "prevent", "pro", "pull", "put", "question", "quite", "raise",
    "read", "ready", "real", "red", "rely", "remain", "required", "robust", "role", "roll", "room",
    "rule", "safe", "said", "same", "saw", "say", "saying", "says", "scale", "schools", "see",
    "seeing", "seem", "seen", "sell", "send", "series", "set", "sets", "shaping", "share",
    "sharing", "she", "she's", "should", "show", "side", "sit", "size", "skill", "some", "soon",
    "sorry", "south", "stay", "still", "success", "such", "summary", "summit", "take", "tech",
    "tell", "than", "them", "then", "there's", "they", "they'll", "thing", "think", "time",
    "today", "tool", "too", "want", "way", "ways", "we're", "were", "which", "while", "word",
    "work", "worry", "worth", "you'll", "zero",
];

/// A word of running text: letters, with apostrophes and hyphens inside.
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{L}[\p{L}'’-]*").expect("valid"));

/// Right before a word that may be a lower-case name: thanks, an honorific, "over to you".
static SLOT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:thank\s+you|thanks|thank\s+u|thankyou|merci|\b(?:dr|mr|mrs|ms|prof|professor|minister|ambassador|general|excellency|doctor)\.?|over\s+to\s+you|to\s+you|with\s+you)(?:\s+(?:so|very)\s+much|\s+a\s+lot|\s+again|\s+indeed)?[\s,]*(?:(?:uh|um)[\s,]+)?$",
    )
    .expect("valid")
});

/// One person of the speaker list (or introduced by the text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Person {
    /// The name as the list writes it.
    pub name: String,
    /// Keys of the names they are called by: first, last, nickname.
    keys: Vec<String>,
}

impl Person {
    /// A person named `name` ("Prof. Alondra Nelson", `Wifredo "Wifi" Fernández`), if it has
    /// a word that can be a name.
    pub fn new(name: &str) -> Option<Person> {
        let name = visible(name);
        let name = name.trim();
        let mut nick = Vec::new();
        let mut rest = String::new();
        let mut quoted = String::new();
        let mut in_quotes = false;
        let mut depth = 0usize;
        for c in name.chars() {
            match c {
                '"' | '“' | '”' => {
                    if in_quotes && !quoted.trim().is_empty() {
                        nick.push(quoted.trim().to_string());
                    }
                    quoted.clear();
                    in_quotes = !in_quotes;
                }
                '(' if !in_quotes => depth += 1,
                ')' if !in_quotes => depth = depth.saturating_sub(1),
                c if in_quotes => quoted.push(c),
                c if depth == 0 => rest.push(c),
                _ => {}
            }
        }
        let mut words: Vec<&str> = rest
            .split_whitespace()
            .filter(|w| {
                let t = w.trim_matches('.');
                t.chars().count() > 1 && !HONORIFICS.contains(&fold(t).as_str())
            })
            .collect();
        while words.len() > 1
            && words
                .last()
                .is_some_and(|w| POST_NOMINALS.contains(&fold(w.trim_matches(['.', ','])).as_str()))
        {
            words.pop();
        }
        let mut called: Vec<&str> = match words.as_slice() {
            [] => Vec::new(),
            [one] => vec![*one],
            [first, .., last] => vec![*first, *last],
        };
        called.extend(nick.iter().map(String::as_str));
        let keys: Vec<String> = called
            .iter()
            .map(|w| key(w))
            .filter(|k| k.len() >= 3)
            .collect();
        (!keys.is_empty()).then(|| Person {
            name: name.to_string(),
            keys,
        })
    }

    /// Whether `word` sounds like one of this person's names.
    fn called(&self, word: &str, loose: bool) -> bool {
        let k = key(word);
        self.keys.iter().any(|p| keys_match(&k, p, loose))
    }

    /// Whether `word` is exactly (by key) one of this person's names.
    fn exactly(&self, word: &str) -> bool {
        let k = key(word);
        self.keys.contains(&k)
    }
}

/// A word of a turn that names a person of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    /// Byte span in the turn text (first and last name together when both are said).
    pub start: usize,
    pub end: usize,
    pub person: usize,
}

/// The sound key of a word (see the module doc).
pub(crate) fn key(word: &str) -> String {
    let s: String = fold(word)
        .chars()
        .filter(char::is_ascii_lowercase)
        .collect();
    let s = s.replace("ph", "f");
    let chars: Vec<char> = s
        .chars()
        .map(|c| match c {
            'w' => 'v',
            'y' => 'i',
            'z' => 's',
            'q' => 'k',
            c => c,
        })
        .collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let c = match c {
            'c' if chars
                .get(i + 1)
                .is_none_or(|n| matches!(n, 'a' | 'o' | 'u' | 'k' | 'l' | 'r' | 't')) =>
            {
                'k'
            }
            'j' if i == 0 => 'i',
            c => c,
        };
        if i > 0 && c == 'h' {
            continue;
        }
        if out.last() != Some(&c) {
            out.push(c);
        }
    }
    out.into_iter().collect()
}

/// The first letter and the consonants of a key.
fn skeleton(k: &str) -> String {
    let mut chars = k.chars();
    let mut out: String = chars.next().into_iter().collect();
    out.extend(chars.filter(|c| !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')));
    out
}

/// Whether the key of a word and the key of a name match (see the module doc); `loose` in a
/// slot where a name is expected.
fn keys_match(a: &str, b: &str, loose: bool) -> bool {
    if a.len() < 3 || b.len() < 3 {
        return false;
    }
    if a == b {
        return true;
    }
    if a.len() >= 4 && b.len() >= 6 && (b.starts_with(a) || b.ends_with(a)) {
        return true;
    }
    if a.as_bytes()[0] != b.as_bytes()[0] {
        return false;
    }
    let (sa, sb) = (skeleton(a), skeleton(b));
    if sa == sb && a.len().abs_diff(b.len()) <= 2 && (sa.len() >= 3 || (loose && sa.len() >= 2)) {
        return true;
    }
    // A name cut short, in a slot where a name is expected: "Thank you very much Ashto" for
    // Ashutosh.
    if loose && a.len() >= 4 && sa.len() >= 3 && sb.starts_with(&sa) {
        return true;
    }
    let d = edit_distance(a, b);
    match a.len().min(b.len()) {
        0..=3 => loose && d <= 1,
        4 | 5 => d <= 1,
        _ => d <= 2,
    }
}

/// Whether a folded word is a title or a word that is never a name.
fn never_a_name(folded: &str) -> bool {
    NEVER_NAMES.contains(&folded) || HONORIFICS.contains(&folded.trim_end_matches('.'))
}

/// The byte index `n` bytes before `at`, on a char boundary.
pub(crate) fn back(text: &str, at: usize, n: usize) -> usize {
    let mut i = at.saturating_sub(n);
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The byte index `n` bytes after `at`, on a char boundary.
pub(crate) fn ahead(text: &str, at: usize, n: usize) -> usize {
    let mut i = (at + n).min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The people `text` names, in order: each word that sounds like exactly one person of
/// `people` (or, among several, is exactly one's name), a first and a last name said together
/// being one mention.
pub(crate) fn mentions(text: &str, people: &[Person]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for m in WORD.find_iter(text) {
        let mut w = m.as_str().trim_end_matches(['\'', '’', '-']);
        if let Some(stem) = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
            w = stem;
        }
        let folded = fold(w);
        if never_a_name(&folded) {
            continue;
        }
        let upper = w.chars().next().is_some_and(char::is_uppercase);
        let slot = SLOT_BEFORE.is_match(&text[back(text, m.start(), 30)..m.start()]);
        if !upper && (!slot || ENGLISH.contains(&folded.as_str())) {
            continue;
        }
        let mut hits: Vec<usize> = (0..people.len())
            .filter(|&i| people[i].called(w, slot))
            .collect();
        if hits.len() > 1 {
            hits.retain(|&i| people[i].exactly(w));
        }
        if let [person] = hits[..] {
            let (start, end) = (m.start(), m.start() + w.len());
            match out.last_mut() {
                Some(last) if last.person == person && start <= last.end + 14 => last.end = end,
                _ => out.push(Mention { start, end, person }),
            }
        }
    }
    out
}

/// Whether a capitalised word of the text can be the first name of somebody the list does not
/// hold (not a title, not a common word, not anybody's name on the list).
pub(crate) fn unlisted_first_name(word: &str, people: &[Person]) -> bool {
    let folded = fold(word);
    word.chars().count() >= 3
        && word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).all(char::is_lowercase)
        && !never_a_name(&folded)
        && !ENGLISH.contains(&folded.as_str())
        && !people.iter().any(|p| p.called(word, true))
}

/// Whether any word of `name` sounds like somebody of `people`.
pub(crate) fn sounds_like_anyone(name: &str, people: &[Person]) -> bool {
    name.split_whitespace()
        .any(|w| people.iter().any(|p| p.called(w, true)))
}

/// Whether two words sound like one name ("Tong" and "Tang").
pub(crate) fn sounds_alike(a: &str, b: &str) -> bool {
    keys_match(&key(a), &key(b), false)
}

/// Whether a word may be a surname after a first name ("Robin Scott"): capitalised, not a
/// common word.
pub(crate) fn surname_like(word: &str) -> bool {
    let folded = fold(word);
    word.chars().count() >= 3
        && word.chars().next().is_some_and(char::is_uppercase)
        && !never_a_name(&folded)
        && !ENGLISH.contains(&folded.as_str())
}

/// The sound key of a word, for grouping spellings of one unlisted name.
pub(crate) fn group_key(word: &str) -> String {
    key(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(names: &[&str]) -> Vec<Person> {
        names.iter().filter_map(|n| Person::new(n)).collect()
    }

    #[test]
    fn keys_fold_sounds() {
        assert_eq!(key("Vishwanatan"), key("Viswanathan"));
        assert_eq!(key("Soumya"), "soumia");
        assert_eq!(key("Couple"), key("Kouple"));
        assert_eq!(key("Jaan"), key("Yan"));
    }

    #[test]
    fn misspelt_names_resolve_to_one_person() {
        let ps = people(&[
            "Kapil Viswanathan",
            "Mohammed Y. Safirulla",
            "Utkarsh Saxena",
            "Soumya Swaminathan",
            "Wifredo \"Wifi\" Fernández",
            "Arun Poddar",
            "Payal Rajpal",
        ]);
        let who = |t: &str| -> Vec<&str> {
            mentions(t, &ps)
                .iter()
                .map(|m| ps[m.person].name.as_str())
                .collect()
        };
        assert_eq!(who("Safi if I can bring you in"), ["Mohammed Y. Safirulla"]);
        assert_eq!(who("before Utkash."), ["Utkarsh Saxena"]);
        assert_eq!(who("Thank you very much Somia."), ["Soumya Swaminathan"]);
        assert_eq!(who("Fredo, you do realize"), ["Wifredo \"Wifi\" Fernández"]);
        assert_eq!(who("my question is to Mr. Podar."), ["Arun Poddar"]);
        assert_eq!(who("thank you so much pile and I"), ["Payal Rajpal"]);
        // Lower case only in a slot, and never a common word.
        assert!(who("a pile of papers").is_empty());
        assert!(who("I'd hand it over to you couple").is_empty());
        // First and last name together are one mention.
        assert_eq!(
            who("invite Kapal Vishwanatan to the stage"),
            ["Kapil Viswanathan"]
        );
        assert_eq!(mentions("invite Kapal Vishwanatan to", &ps).len(), 1);
    }

    #[test]
    fn titles_middle_names_and_nicknames() {
        let p = Person::new("Dr. Victor Israel Gosalker").expect("person");
        assert!(p.called("Gosalker", false));
        assert!(!p.called("Israel", false));
        let p = Person::new("Brigadier General (Res.) Erez Naftali Askal").expect("person");
        assert!(p.called("Erez", false) && p.called("Askal", false));
        assert!(!p.called("General", false));
        // Honours after the name and invisible characters copied from a web page.
        let p = Person::new("Prof \u{2060}Stuart Russell OBE").expect("person");
        assert!(p.called("Russell", false) && p.called("Stuart", false));
        assert!(!p.called("OBE", false));
        assert_eq!(p.name, "Prof Stuart Russell OBE");
        let p = Person::new("Wifredo \"Wifi\" Fernández").expect("person");
        assert!(p.called("Wifi", false) && p.called("Fernandez", false));
        assert!(Person::new("Dr.").is_none());
    }
}
