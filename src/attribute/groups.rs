//! Organisation (and role) → stakeholder [`Group`], by rules over names.
//!
//! Detects the stakeholder group an organisation belongs to from its name alone: "Ministry of
//! Foreign Affairs" is government, "WIPO" intergovernmental, "Acme Ltd" business, "University of
//! Denver" academia, "RIPE NCC" technical community, "Electronic Frontier Foundation" civil
//! society, "Reuters" media. Names in English, French, Spanish and Portuguese are read alike
//! ("Ministério", "Secretaría de …", "Universidade", "Associação", "Fundación"). An
//! organisation no rule recognises stays `None`: we never guess.
//!
//! An organisation string may list several **affiliations** (at ";", " / ", " | "): each is
//! judged on its own, and when they fall in different groups the answer is `None` ("Goldsmiths
//! (University of London) / IRP Coalition"). Two surnames joined by "&" make a firm ("Alvarez &
//! Marsal"); a technical body's acronym followed by a place is a local chapter, civil society
//! as chapters declare themselves ("ISOC-Yemen", "W3C Brazil").
//!
//! An affiliation is split into **parts** at commas, slashes and spaced dashes ("Copyright Law
//! Division, WIPO", "Executive Director - Argentina Internet Association"); each part is
//! judged at four strengths and the strongest verdict wins (ties go to the later part, the
//! parent organisation by convention):
//!
//! - strength 4, the part declares its type: "Noncommercial Stakeholders Group", "… NGO",
//!   "ISOC Costa Rica Chapter";
//! - strength 3, the part *is* a known body: it starts with a known name ("International
//!   Telecommunication Union", "Council of Europe") or a known acronym, or ends with one in
//!   brackets ("… (UNDP)"), or ends with a legal-form suffix ("Inc", "GmbH", "Ltda"), or is
//!   hosted at one ("Mercatus Center at George Mason University");
//! - strength 2, what the part is made of says it: an association, chamber or federation of
//!   companies ("Telecommunications **Industry** Association", "Cámara Argentina de
//!   Internet"; but "Internet **Users** Association" and "Association **for** Proper Internet
//!   Governance" are civil society), a national commission, or a type word in its head (the
//!   words before the first "for/of/on/de/da/para/…"): "**Campaign** for a UN Parliamentary
//!   Assembly" is civil society although it names the UN, "**Permanent Mission** of Brazil to
//!   the United Nations" is government;
//! - strength 1, a known name, type word or acronym anywhere in the part ("Office of the UN High
//!   Commissioner" → intergovernmental), or a sub-unit word in its head ("Operations
//!   **Department**", which a "University of X" next to it outweighs).
//!
//! Some parts say nothing, whatever words they hold: a job ("Executive Director", "Head of
//! Government Relations"; only the body it is held at counts, "Head of the Federal Office
//! for Communications"), a person on their own ("Independent Researcher", "Personal
//! submission"), a multistakeholder body (a national Internet Governance Forum, the Brazilian
//! Internet Steering Committee; the IGF's own Secretariat is intergovernmental), a research
//! and education network. "Instituto" alone is no type word: it names NGOs, think tanks and
//! state bodies alike.
//!
//! Classes decided by principle (each documented where its words are):
//!
//! - think tanks are academia, policy research being their work: an "Institute" (English or
//!   German), a "Centre for Policy Research", "Public Policy"; a "Centre/Center for …" says
//!   nothing by itself ("Center for Democracy & Technology" is a known advocacy group); an
//!   "Instituto" says nothing either, but a "National Institute", like an "Instituto
//!   Nacional", is the state's unless it is one of learning ("National Institute of
//!   Technology");
//! - coalitions, networks, alliances (and in Spanish or Portuguese a "Plataforma", a "Rede")
//!   are civil society unless their members are firms ("Western Canadian Shippers'
//!   Coalition", "Africa ICT Alliance") or local governments ("Federation of Canadian
//!   Municipalities"); a "Forum" says nothing;
//! - chambers of commerce, boards of trade and associations of firms are business; a short
//!   name ending in "Group", "Partners" or "Associates" is a firm ("BT Group"), unless the
//!   group is one of people ("Working Group", "Crisis Group");
//! - professional bodies ("Royal College of Physicians", "Ordem dos Advogados") and unions of
//!   people ("National Union of Students", but not a "Union of South American Nations", nor a
//!   credit union) are civil society; so are faith, voluntary, women's and youth bodies;
//! - the state's bodies include its commissioners, inspectorates, audit offices, public
//!   boards and services named by what they do ("Parole Board", "Crown Prosecution Service",
//!   "Health Board"), local councils and school boards;
//! - national ISOC chapters are civil society, as they declare themselves (see below), not
//!   technical community; CERTs, ccTLD managers ("Australian Domain Authority") and IXPs are
//!   technical community;
//! - several organisations in one string are judged each on its own: "Ford Foundation and
//!   Yale University" is `None` (two groups), "X on behalf of Y" is Y's.
//!
//! Within a strength, the rule list is ordered so that specific beats generic: "Internet
//! Society" is technical community before "society" makes it civil society, "Business School"
//! is academia before "business", "Non-governmental" is civil society before "government".
//! The word lists are in `groups/words.rs`, the known bodies in `groups/known.rs`.
//!
//! DCAF (the Geneva Centre for Security Sector Governance) is a foundation under Swiss law, but
//! its Foundation Council is made up of member states that also fund most of its work: it speaks
//! as a state-governed international body, so we count it as intergovernmental, not as civil
//! society.
//!
//! ```
//! use rapporteur::attribute::org_group;
//! use rapporteur::Group;
//! assert_eq!(org_group("International Telecommunication Union"), Some(Group::Intergovernmental));
//! assert_eq!(org_group("International Code of Conduct Association"), Some(Group::CivilSociety));
//! assert_eq!(org_group("International Forum on Technologies and Security"), None);
//! assert_eq!(org_group("Cámara Argentina de Internet"), Some(Group::Business));
//! assert_eq!(org_group("Executive Director, Ministério das Comunicações"), Some(Group::Government));
//! assert_eq!(org_group("Independent Researcher"), None);
//! ```

use crate::model::Group;

mod known;
mod members;
mod words;

use known::{ACRONYMS, NAMES};
use members::{
    company_group, industry_body, local_government_body, national_institute, professional_body,
    union_of_people,
};
use words::{
    COMPANY_WORDS, HEAD_RULES, JOB_WORDS, LAST_WORDS, LEGAL_FORMS, NEUTRAL, PERSON_WORDS,
    ROLE_RULES, RULES, SELF_DECLARED, STRUCTURAL,
};

use Group::{
    Academia as A, Business as B, CivilSociety as C, Government as G, Intergovernmental as I,
    Media as M, TechnicalCommunity as T,
};

/// Generic type words whose verdict, from the head of a part, counts only as strength 1: the
/// "Department of Law, University of X" is academia.
const WEAK_HEADS: &[&str] = &["department", "departamento"];

/// Words after "chamber"/"câmara" that make it a house of a legislature, not of commerce.
const LEGISLATIVE: &[&str] = &[
    "deputies",
    "diputados",
    "deputados",
    "deputes",
    "senators",
    "senadores",
    "representatives",
    "representantes",
    "municipal",
    "vereadores",
    "legislative",
    "lords",
    "commons",
    "senado",
];

/// The group an e-mail address or domain says ("…@bmvit.gv.at" is an Austrian ministry).
fn domain_group(part: &str) -> Option<Group> {
    let host = part.rsplit('@').next()?.trim().to_lowercase();
    if !host.contains('.') || host.contains(' ') {
        return None;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let has = |l: &str| labels.iter().rev().take(3).any(|x| *x == l);
    if has("gov")
        || has("gv")
        || has("gouv")
        || has("gob")
        || has("govt")
        || has("go")
        || has("mil")
    {
        Some(G)
    } else if has("edu") || has("ac") {
        Some(A)
    } else if has("int") {
        Some(I)
    } else {
        None
    }
}

/// Lowercase, diacritics folded, words separated by single spaces, with a space at each end so
/// that `" phrase "` matches whole words only; "&" reads as "and" ("Center for Democracy &
/// Technology", "AT&T" → "at and t").
fn normalise(s: &str) -> String {
    let folded = super::names::fold(&s.replace('&', " and "));
    let mut out = String::from(" ");
    for w in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// Whether `" {phrase} "` occurs in `norm` (without building that string: this runs for every
/// rule on every candidate name).
fn contains_phrase(norm: &str, phrase: &str) -> bool {
    norm.match_indices(phrase)
        .any(|(i, _)| norm[..i].ends_with(' ') && norm[i + phrase.len()..].starts_with(' '))
}

fn starts_with_phrase(norm: &str, phrase: &str) -> bool {
    let body = norm.strip_prefix(" the ").unwrap_or(norm).trim_start();
    body.strip_prefix(phrase)
        .is_some_and(|rest| rest.starts_with(' '))
}

fn acronym_words(part: &str) -> Vec<&str> {
    part.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Acronyms that are also words, which an organisation written in capitals may hold as words
/// ("PEOPLE WHO CARE").
const WORDLIKE: &[&str] = &["WHO", "EPIC", "UN", "MIT", "INTA", "CIRA"];

/// The group of an acronym among the words of `part`; one that is also a word counts only when
/// the part is not written in capitals, or is the acronym alone ("WHO", not "PEOPLE WHO CARE").
fn acronym_in(part: &str, w: &str) -> Option<Group> {
    if WORDLIKE.contains(&w) && !part.chars().any(char::is_lowercase) && part.trim() != w {
        return None;
    }
    acronym_group(w)
}

fn acronym_group(w: &str) -> Option<Group> {
    if let Some(&(_, g)) = ACRONYMS.iter().find(|(a, _)| *a == w) {
        return Some(g);
    }
    // Brazilian federal universities: UFRJ, UFMG, UFC, …
    let rest = w.strip_prefix("UF")?;
    ((1..=4).contains(&rest.len()) && rest.chars().all(|c| c.is_ascii_uppercase())).then_some(A)
}

fn rule_match<'a>(norm: &str, rules: &[(&'a str, Group)]) -> Option<(&'a str, Group)> {
    rules
        .iter()
        .find(|(phrase, _)| contains_phrase(norm, phrase))
        .copied()
}

fn rule_group(norm: &str, rules: &[(&str, Group)]) -> Option<Group> {
    rule_match(norm, rules).map(|(_, g)| g)
}

fn any_word(norm: &str, words: &[&str]) -> bool {
    words.iter().any(|w| contains_phrase(norm, w))
}

/// The text up to the first of `links` (all of it when there is none), keeping a trailing
/// space so that whole-word matching still works.
fn before_links<'a>(norm: &'a str, links: &[&str]) -> &'a str {
    let cut = links
        .iter()
        .filter_map(|l| norm.find(l))
        .min()
        .unwrap_or(norm.len());
    &norm[..(cut + 1).min(norm.len())]
}

/// The head of a normalised part: the words before the first linking preposition, in English,
/// French, Spanish or Portuguese.
fn head(norm: &str) -> &str {
    const LINKS: &[&str] = &[
        " for ",
        " of ",
        " on ",
        " to ",
        " in ",
        " at ",
        " against ",
        " de ",
        " da ",
        " do ",
        " das ",
        " dos ",
        " del ",
        " des ",
        " du ",
        " para ",
        " por ",
        " pour ",
        " en ",
    ];
    before_links(norm, LINKS)
}

/// The part without what it puts in brackets ("Coalition (UN IGF)" → "Coalition").
fn unbracketed(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    let mut depth = 0usize;
    for c in part.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A known name or acronym anywhere in the part.
fn known_anywhere(part: &str, norm: &str, words: &[&str]) -> Option<Group> {
    NAMES
        .iter()
        .find(|(n, _)| contains_phrase(norm, n))
        .map(|&(_, g)| g)
        .or_else(|| words.iter().find_map(|w| acronym_in(part, w)))
}

/// A chamber that is not a house of a legislature: "Cámara Argentina de Internet", "American
/// Chamber of Commerce".
fn chamber_of_business(norm: &str) -> bool {
    let h = head(norm);
    any_word(h, &["chamber", "camara", "chambre"]) && !any_word(norm, LEGISLATIVE)
}

/// A secretariat named as the head of a Spanish, Portuguese or French name: "Secretaría de
/// Comunicaciones", "Secretaria de Política de Informática", "Secrétariat d'État" (not the
/// "Secretaría General Iberoamericana", nor a "Secretária Executiva").
fn government_secretariat(norm: &str) -> bool {
    const NEXT: &[&str] = &[
        "de",
        "da",
        "do",
        "das",
        "dos",
        "del",
        "nacional",
        "especial",
        "estadual",
        "municipal",
        "distrital",
        "d",
    ];
    let mut words = norm.split(' ').filter(|w| !w.is_empty());
    matches!(words.next(), Some("secretaria" | "secretariat"))
        && words.next().is_some_and(|w| NEXT.contains(&w))
}

/// Whether a part names a job rather than an organisation ("Executive Director", "Head of
/// Government Relations").
fn is_job(bare: &str) -> bool {
    let body = bare.strip_prefix(" the ").unwrap_or(bare).trim_start();
    let mut words = body.split(' ').filter(|w| !w.is_empty());
    match (words.next(), words.next()) {
        (Some("co"), Some(w)) => JOB_WORDS.contains(&w),
        (Some(w), _) => JOB_WORDS.contains(&w),
        _ => false,
    }
}

/// Whether a part is made only of words a person describes themself with ("Independent
/// Researcher", "Personal submission").
fn is_person_on_their_own(bare: &str) -> bool {
    let mut words = bare.split(' ').filter(|w| !w.is_empty()).peekable();
    words.peek().is_some() && words.all(|w| PERSON_WORDS.contains(&w))
}

/// The verdict on one part of an organisation name, with its strength (see the module doc).
fn part_group(part: &str) -> Option<(Group, u8)> {
    let norm = normalise(part);
    if norm.trim().is_empty() {
        return None;
    }
    let bare = normalise(&unbracketed(part));
    let words = acronym_words(part);
    // 4: a part that says its stakeholder type; a chapter of a technical body.
    if let Some(g) = rule_group(&norm, SELF_DECLARED) {
        return Some((g, 4));
    }
    if contains_phrase(&norm, "chapter") {
        return Some((C, 4));
    }
    if is_person_on_their_own(&bare) {
        return None;
    }
    // A job: only the body it is held at counts ("Head of the Federal Office for
    // Communications", "Executive Director of ICANN"; not "Head of Government Relations").
    if is_job(&bare) {
        let at = [" of the ", " at the ", " at "]
            .iter()
            .filter_map(|l| part.split_once(l).map(|(_, body)| body.trim_start()))
            .find(|body| body.starts_with(|c: char| c.is_uppercase()));
        if let Some(body) = at
            && let Some((g, s)) = part_group(body)
        {
            return Some((g, s.min(2)));
        }
        return known_anywhere(part, &norm, &words).map(|g| (g, 1));
    }
    if part.contains('@') || (part.contains('.') && !part.contains(' ')) {
        if let Some(g) = domain_group(part) {
            return Some((g, 3));
        }
    }
    // 3: the IGF's own secretariat (a national IGF is multistakeholder: see NEUTRAL).
    let igf = words.contains(&"IGF") || contains_phrase(&norm, "internet governance forum");
    if igf && contains_phrase(&norm, "secretariat") {
        return Some((I, 3));
    }
    let h = head(&bare);
    if NEUTRAL.iter().any(|n| contains_phrase(h, n)) {
        return None;
    }
    // 3: known body.
    if let Some(&(_, g)) = NAMES.iter().find(|(n, _)| starts_with_phrase(&norm, n)) {
        return Some((g, 3));
    }
    let first = words.iter().find(|w| **w != "The").copied();
    let bracketed = part
        .trim_end()
        .strip_suffix([')', ']'])
        .and_then(|p| p.rsplit_once(['(', '[']))
        .map(|(_, a)| a.trim());
    for w in [first, bracketed].into_iter().flatten() {
        if let Some(g) = acronym_in(part, w) {
            return Some((g, 3));
        }
    }
    let last = part
        .split_whitespace()
        .next_back()
        .map(|w| w.replace(['.', ','], "").to_lowercase());
    if last.as_deref().is_some_and(|l| LEGAL_FORMS.contains(&l)) && words.len() > 1 {
        return Some((B, 3));
    }
    // 3: a centre or programme hosted by a body ("Mercatus Center at George Mason University").
    if let Some((_, host)) = part.split_once(" at ") {
        let host = host.trim_start();
        let host = host.strip_prefix("the ").unwrap_or(host);
        if host.starts_with(|c: char| c.is_uppercase())
            && let Some((g, s)) = part_group(host)
            && s >= 2
        {
            return Some((g, 3));
        }
    }
    // 2: an association of companies; a chamber; a short company name; the head's type word.
    if industry_body(&bare) || chamber_of_business(&bare) {
        return Some((B, 2));
    }
    // A national commission is the state's, whatever it is about ("National Human Rights
    // Commission"); "Kenya Human Rights Commission" is an NGO.
    if government_secretariat(&bare)
        || (contains_phrase(h, "national") && any_word(h, &["commission", "commissions"]))
        || national_institute(&bare)
    {
        return Some((G, 2));
    }
    if local_government_body(&bare) {
        return Some((G, 2));
    }
    if contains_phrase(&bare, "credit union") {
        return Some((B, 2));
    }
    if union_of_people(&bare) || professional_body(&bare) {
        return Some((C, 2));
    }
    let bare_words = bare.split(' ').filter(|w| !w.is_empty()).count();
    if h.len() == bare.len() && bare_words <= 3 {
        if last.as_deref().is_some_and(|l| COMPANY_WORDS.contains(&l)) || company_group(&bare) {
            return Some((B, 2));
        }
        if let Some(&(_, g)) = LAST_WORDS.iter().find(|(w, _)| last.as_deref() == Some(*w)) {
            return Some((g, 2));
        }
    }
    if let Some((phrase, g)) = rule_match(h, HEAD_RULES) {
        // A network of research and education is neutral wherever it says so ("Rede Nacional
        // de Ensino e Pesquisa").
        if phrase == "rede" && NEUTRAL.iter().any(|n| contains_phrase(&bare, n)) {
            return None;
        }
        return Some((g, 2));
    }
    if let Some((phrase, g)) = rule_match(h, RULES) {
        return Some((g, if WEAK_HEADS.contains(&phrase) { 1 } else { 2 }));
    }
    // 1: anything anywhere.
    if let Some(&(_, g)) = NAMES.iter().find(|(n, _)| contains_phrase(&norm, n)) {
        return Some((g, 1));
    }
    if let Some(g) = rule_group(&norm, RULES) {
        return Some((g, 1));
    }
    words
        .iter()
        .find_map(|w| acronym_in(part, w))
        .map(|g| (g, 1))
}

/// Splits an affiliation into parts at commas, slashes, semicolons and spaced dashes ("CeRAI -
/// IIT Madras"), keeping an enumeration together ("Department for Culture, Media and Sport"
/// stays one part).
fn parts(affiliation: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let pieces = affiliation
        .split([',', '/', ';'])
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" – "))
        .flat_map(|p| p.split(" — "));
    for raw in pieces {
        let p = raw.trim();
        if p.is_empty() {
            continue;
        }
        let continues_enumeration = out.last().is_some_and(|prev| {
            let prev_norm = normalise(prev);
            let has_link = head(&prev_norm).len() < prev_norm.len();
            let lower_norm = normalise(p);
            has_link
                && (lower_norm.contains(" and ") || p.contains('&'))
                && rule_group(&lower_norm, RULES).is_none_or(|g| g == M)
                && part_group(p).is_none_or(|(_, s)| s < 3)
        });
        match out.last_mut() {
            Some(prev) if continues_enumeration => {
                prev.push_str(", ");
                prev.push_str(p);
            }
            _ => out.push(p.to_string()),
        }
    }
    out
}

/// A local chapter or office of a technical body ("ISOC-Yemen", "W3C Brazil", "Internet
/// Society of China"): civil society, as chapters declare themselves.
fn is_chapter(affiliation: &str) -> bool {
    let words = acronym_words(affiliation);
    let rest: &[&str] = match words.as_slice() {
        ["ISOC" | "W3C", rest @ ..] => rest,
        ["Internet" | "INTERNET", "Society" | "SOCIETY", rest @ ..] => rest,
        _ => return false,
    };
    let rest: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "of" | "in" | "the"))
        .collect();
    !rest.is_empty()
        && rest.len() <= 4
        && rest.iter().all(|w| {
            let lower = w.to_lowercase();
            acronym_group(w).is_none() && !STRUCTURAL.contains(&lower.as_str())
        })
        && rule_group(&normalise(&rest.join(" ")), RULES).is_none()
}

/// "Alvarez & Marsal", "Baker & McKenzie": two surnames joined by "&" make a firm.
fn is_firm(organisation: &str) -> bool {
    let Some((a, b)) = organisation.split_once(" & ") else {
        return false;
    };
    let b = b
        .trim()
        .trim_end_matches(['.', ','])
        .trim_end_matches(" LLP")
        .trim_end_matches(" LLC")
        .trim_end_matches(" Co");
    [a.trim(), b].iter().all(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.all(char::is_alphabetic)
            && part_group(w).is_none()
    })
}

/// Whether one side of "X and Y" names an organisation on its own: a known body, or a type
/// word in a name of two words or more ("Human Rights Watch and Access Now"; not the
/// "Society" of "Institute for Technology and Society").
fn stands_alone(side: &str) -> bool {
    let side = side.trim();
    side.starts_with(|c: char| c.is_uppercase())
        && part_group(side)
            .is_some_and(|(_, s)| s >= 3 || (s == 2 && side.split_whitespace().count() >= 2))
}

/// Two organisations joined by "and" or "&" ("Ford Foundation and Yale University"), each
/// standing alone, as two affiliations; an enumeration within one name ("Department for
/// Culture, Media and Sport", "Ministry of Science and Technology") stays whole.
fn joined(affiliation: &str) -> Vec<&str> {
    for link in [" and ", " & "] {
        if let Some((a, b)) = affiliation.split_once(link)
            && !a.contains(',')
            && stands_alone(a)
            && stands_alone(b)
        {
            return vec![a, b];
        }
    }
    vec![affiliation]
}

/// The verdict on one affiliation: its parts judged, the strongest wins, ties to the later part
/// (the parent body by convention: "Copyright Law Division, WIPO").
fn affiliation_group(affiliation: &str) -> Option<Group> {
    if is_chapter(affiliation) {
        return Some(C);
    }
    // "Just Net Coalition: This Coalition was formed at a meeting in Delhi …": the name only.
    let affiliation = match affiliation.split_once(": ") {
        Some((name, gloss)) if gloss.split_whitespace().count() >= 5 => name,
        _ => affiliation,
    };
    let mut best: Option<(Group, u8)> = None;
    for p in parts(affiliation) {
        if let Some((g, s)) = part_group(&p)
            && best.is_none_or(|(_, bs)| s >= bs)
        {
            best = Some((g, s));
        }
    }
    best.map(|(g, _)| g)
}

/// The stakeholder group of an organisation, from its name; `None` when no rule applies, and
/// when the affiliations it lists ("Goldsmiths (University of London) / IRP Coalition", "X;
/// Y") fall in different groups.
pub fn org_group(organisation: &str) -> Option<Group> {
    // Names recur (every capitalised pair a passage holds is asked about, and the same
    // organisations sign many rows): the rules run once per name and thread.
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<Box<str>, Option<Group>>> =
            std::cell::RefCell::default();
    }
    if let Some(hit) = MEMO.with(|m| m.borrow().get(organisation).copied()) {
        return hit;
    }
    let group = org_group_uncached(organisation);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        // Bounded: a corpus of unique names must not grow the memo without end.
        if m.len() >= 1 << 16 {
            m.clear();
        }
        m.insert(organisation.into(), group);
    });
    group
}

fn org_group_uncached(organisation: &str) -> Option<Group> {
    let organisation = organisation.trim();
    // "X on behalf of Y": the body represented speaks, when the rules know it.
    let lower = organisation.to_ascii_lowercase();
    if let Some(at) = lower.find(" on behalf of ")
        && let Some(g) = organisation
            .get(at + " on behalf of ".len()..)
            .and_then(org_group)
    {
        return Some(g);
    }
    if is_firm(unbracketed(organisation).trim()) {
        return Some(B);
    }
    let mut verdict = None;
    let affiliations = organisation
        .split(';')
        .flat_map(|a| a.split(" / "))
        .flat_map(|a| a.split(" | "))
        .flat_map(joined);
    for a in affiliations {
        let Some(g) = affiliation_group(a) else {
            continue;
        };
        match verdict {
            Some(v) if v != g => return None,
            _ => verdict = Some(g),
        }
    }
    verdict
}

/// The stakeholder group a role implies ("Minister of …" → government, "Professor" →
/// academia, "Journalist" → media); `None` for roles that say nothing ("Director").
pub fn role_group(role: &str) -> Option<Group> {
    let norm = normalise(role);
    if role
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "MP")
    {
        return Some(G);
    }
    rule_group(&norm, ROLE_RULES)
}

/// The group an explicit sector or stakeholder-group value names: "Civil Society", "Private
/// Sector", "Technical community", "civil_society", "Academia", "IGO", …; `None` for "Other"
/// and anything else.
pub fn parse_sector(value: &str) -> Option<Group> {
    let norm = normalise(value);
    let norm = norm.trim();
    if let Some(g) = Group::parse(&norm.replace(' ', "_")) {
        return Some(g);
    }
    Some(match norm {
        "governments" | "government sector" | "public sector" | "public authority"
        | "public authorities" | "state" | "gov" | "govt" => G,
        "igo"
        | "igos"
        | "international organisation"
        | "international organization"
        | "international organisations"
        | "international organizations"
        | "intergovernmental organisation"
        | "intergovernmental organization" => I,
        "private sector" | "private" | "industry" | "business sector" | "businesses"
        | "commercial" => B,
        "civil society"
        | "civil society organisation"
        | "civil society organization"
        | "ngo"
        | "ngos"
        | "cso"
        | "csos"
        | "non profit"
        | "nonprofit" => C,
        "academic"
        | "academics"
        | "academic community"
        | "research"
        | "academia and research"
        | "university" => A,
        "technical community" | "technical" | "technical and academic community" => T,
        "press" | "journalist" | "journalists" => M,
        _ => return None,
    })
}

/// A speaker's group: the organisation's, else the role's.
pub fn speaker_group(role: Option<&str>, organisation: Option<&str>) -> Option<Group> {
    organisation
        .and_then(org_group)
        .or_else(|| role.and_then(role_group))
}

#[cfg(test)]
mod tests;
