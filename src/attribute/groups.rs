//! Organisation (and role) → stakeholder [`Group`], by rules over names.
//!
//! Detects the stakeholder group an organisation belongs to from its name alone: "Ministry of
//! Foreign Affairs" is government, "WIPO" intergovernmental, "Acme Ltd" business, "University of
//! Denver" academia, "RIPE NCC" technical community, "Electronic Frontier Foundation" civil
//! society, "Reuters" media. An organisation no rule recognises stays `None`: we never guess.
//!
//! The name is split into parts at commas and slashes ("Copyright Law Division, WIPO"); each part
//! is judged at three strengths and the strongest verdict wins (ties go to the later part, the
//! parent organisation by convention):
//!
//! - strength 3, the part *is* a known body: it starts with a known name ("International
//!   Telecommunication Union", "Council of Europe") or a known acronym, or ends with one in
//!   brackets ("… (UNDP)"), or ends with a legal-form suffix ("Inc", "GmbH");
//! - strength 2, its head (the words before the first "for/of/on/to/in/at/against") holds a
//!   type word: "**Campaign** for a UN Parliamentary Assembly" is civil society although it
//!   names the UN, "**Permanent Mission** of Brazil to the United Nations" is government;
//! - strength 1, a known name, type word or acronym anywhere in the part ("Office of the UN High
//!   Commissioner" → intergovernmental).
//!
//! Within a strength, the rule list is ordered so that specific beats generic: "Internet
//! Society" is technical community before "society" makes it civil society, "Business School"
//! is academia before "business", "Non-governmental" is civil society before "government".
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
//! ```

use crate::model::Group;

use Group::{
    Academia as A, Business as B, CivilSociety as C, Government as G, Intergovernmental as I,
    Media as M, TechnicalCommunity as T,
};

/// Bodies known by name (normalised: lowercase words separated by single spaces).
const NAMES: &[(&str, Group)] = &[
    ("united nations", I),
    ("un global compact", I),
    ("world bank", I),
    ("international monetary fund", I),
    ("international telecommunication union", I),
    ("world intellectual property organization", I),
    ("world intellectual property organisation", I),
    ("council of europe", I),
    ("european union", I),
    // NETmundial files the European Commission under Government: it acts as an executive.
    ("european commission", G),
    ("african union", I),
    ("organization of american states", I),
    ("organisation of american states", I),
    ("organisation for economic co operation and development", I),
    ("organization for economic co operation and development", I),
    ("organisation for economic cooperation and development", I),
    ("organization for economic cooperation and development", I),
    ("organization for security and co operation in europe", I),
    ("world health organization", I),
    ("world trade organization", I),
    ("international labour organization", I),
    ("international labour organisation", I),
    ("international labor organization", I),
    ("international atomic energy agency", I),
    ("universal postal union", I),
    ("geneva centre for security sector governance", I),
    (
        "geneva centre for the democratic control of armed forces",
        I,
    ),
    ("internet society", T),
    ("internet engineering task force", T),
    ("internet architecture board", T),
    ("internet research task force", T),
    ("world wide web consortium", T),
    ("internet corporation for assigned names and numbers", T),
    ("internet assigned numbers authority", T),
    ("ripe ncc", T),
    ("national institute of standards and technology", G),
    ("freedom online coalition", G),
    ("committee to protect journalists", C),
    ("reporters without borders", C),
    ("international press institute", C),
    ("human rights watch", C),
    ("amnesty international", C),
    ("access now", C),
    ("article 19", C),
    ("oxfam", C),
    ("stimson center", A),
    ("brookings institution", A),
    ("chatham house", A),
    ("carnegie endowment", A),
    ("rand corporation", A),
    ("google", B),
    ("microsoft", B),
    ("facebook", B),
    ("meta platforms", B),
    ("amazon", B),
    ("apple inc", B),
    ("ibm", B),
    ("cisco", B),
    ("salesforce", B),
    ("verisign", B),
    ("huawei", B),
    ("tencent", B),
    ("alibaba", B),
    ("vodafone", B),
    ("ericsson", B),
    ("nokia", B),
    ("reuters", M),
    ("bbc", M),
    ("al jazeera", M),
    ("associated press", M),
    ("agence france presse", M),
];

/// Acronyms, matched case-sensitively as whole words.
const ACRONYMS: &[(&str, Group)] = &[
    ("UN", I),
    ("UNDP", I),
    ("UNESCO", I),
    ("UNICEF", I),
    ("UNHCR", I),
    ("OHCHR", I),
    ("UNCTAD", I),
    ("UNEP", I),
    ("UNODC", I),
    ("UNIDIR", I),
    ("UNGA", I),
    ("ECOSOC", I),
    ("CSTD", I),
    ("WIPO", I),
    ("ITU", I),
    ("OECD", I),
    ("WTO", I),
    ("ILO", I),
    ("IMF", I),
    ("OSCE", I),
    ("OAS", I),
    ("NATO", I),
    ("ASEAN", I),
    ("EU", I),
    ("UPU", I),
    ("IAEA", I),
    ("DCAF", I),
    ("IETF", T),
    ("IAB", T),
    ("IRTF", T),
    ("ICANN", T),
    ("IANA", T),
    ("ISOC", T),
    ("W3C", T),
    ("IEEE", T),
    ("ARIN", T),
    ("APNIC", T),
    ("LACNIC", T),
    ("AFRINIC", T),
    ("RIPE", T),
    ("NRO", T),
    ("ETSI", T),
    ("NGO", C),
    ("CSO", C),
    ("EFF", C),
    ("ACLU", C),
    ("ICoCA", C),
    ("ICBL", C),
    ("GSMA", B),
    ("ETNO", B),
    ("NTIA", G),
    ("FCC", G),
    ("BMZ", G),
    ("DCMS", G),
    ("BBC", M),
    ("CNN", M),
    ("AFP", M),
];

/// Type words and phrases, specific before generic (normalised like [`NAMES`]).
const RULES: &[(&str, Group)] = &[
    // Intergovernmental markers.
    ("intergovernmental", I),
    ("inter governmental", I),
    ("specialised agency", I),
    ("specialized agency", I),
    ("secretariat", I),
    ("security council", I),
    ("human rights council", I),
    ("general assembly", I),
    // Civil society markers that contain words of other rules ("governmental", "commercial").
    ("non governmental", C),
    ("nongovernmental", C),
    ("ngo", C),
    ("ngos", C),
    ("civil society", C),
    ("non commercial", C),
    ("non profit", C),
    ("nonprofit", C),
    ("not for profit", C),
    // Technical community.
    ("standards", T),
    ("standardization", T),
    ("standardisation", T),
    ("internet registry", T),
    ("network information centre", T),
    ("network information center", T),
    // Academia (before business for "business school", before government for "school of
    // government").
    ("business school", A),
    ("university", A),
    ("universite", A),
    ("universidad", A),
    ("universidade", A),
    ("universitat", A),
    ("universiteit", A),
    ("universita", A),
    ("college", A),
    ("school", A),
    ("polytechnic", A),
    ("faculty", A),
    ("academy of sciences", A),
    ("think tank", A),
    ("research institute", A),
    ("institute of technology", A),
    ("studies", A),
    ("institute", A),
    // Government.
    ("state department", G),
    ("department of state", G),
    ("government", G),
    ("ministry", G),
    ("minister", G),
    ("ministere", G),
    ("parliament", G),
    ("senate", G),
    ("house of representatives", G),
    ("house of commons", G),
    ("house of lords", G),
    ("national assembly", G),
    ("embassy", G),
    ("consulate", G),
    ("permanent mission", G),
    ("federal", G),
    ("department", G),
    ("news agency", M),
    ("agency", G),
    ("authority", G),
    ("regulator", G),
    ("regulatory", G),
    ("administration", G),
    ("municipality", G),
    ("municipal", G),
    ("city council", G),
    ("county council", G),
    ("city of", G),
    ("presidency", G),
    ("prime minister", G),
    ("cabinet office", G),
    ("foreign office", G),
    ("home office", G),
    ("police", G),
    ("armed forces", G),
    ("republic of", G),
    ("kingdom of", G),
    // Business.
    ("chamber of commerce", B),
    ("chambers of commerce", B),
    ("trade association", B),
    ("industry association", B),
    ("private sector", B),
    ("business", B),
    ("corporation", B),
    ("company", B),
    ("companies", B),
    ("consulting", B),
    ("holdings", B),
    // Civil society.
    ("foundation", C),
    ("association", C),
    ("campaign", C),
    ("coalition", C),
    ("network", C),
    ("alliance", C),
    ("movement", C),
    ("society", C),
    ("trade union", C),
    ("civil liberties union", C),
    ("watch", C),
    ("charity", C),
    ("advocacy", C),
    // Academia, by a word of research.
    ("institut", A),
    // Telecom operators.
    ("telecom", B),
    ("telekom", B),
    // Media.
    ("press", M),
    ("news", M),
    ("media", M),
    ("journal", M),
    ("journalist", M),
    ("journalists", M),
    ("newspaper", M),
    ("magazine", M),
    ("broadcasting", M),
    ("broadcaster", M),
    ("television", M),
    ("radio", M),
    ("tribune", M),
    ("gazette", M),
    ("herald", M),
];

/// Type words that count only as the head of a name: "Zimbabwe Human Rights Forum" is civil
/// society, the "Office of the UN High Commissioner for Human Rights" is not.
const HEAD_RULES: &[(&str, Group)] = &[
    ("press freedom", C),
    ("human rights", C),
    ("caucus", C),
    ("initiative", C),
];

/// Names a part gives its own stakeholder type with, which beats the body it belongs to:
/// "Noncommercial Stakeholders Group, ICANN" is civil society within ICANN.
const SELF_DECLARED: &[(&str, Group)] = &[
    ("non commercial", C),
    ("noncommercial", C),
    ("civil society", C),
    ("business constituency", B),
    ("commercial stakeholders", B),
];

/// Type words of member organisations: an association of companies is business.
const MEMBERSHIP_HEADS: &[&str] = &[
    "association",
    "associations",
    "alliance",
    "coalition",
    "federation",
    "council",
    "consortium",
];

/// Words that say a membership organisation's members are companies.
const INDUSTRY_WORDS: &[&str] = &[
    "industry",
    "industries",
    "ict",
    "technology",
    "providers",
    "operators",
    "telecommunications",
    "services",
    "software",
    "manufacturers",
    "enterprises",
    "companies",
    "business",
    "businesses",
    "commerce",
    "infrastructure",
    "isp",
    "isps",
    "mobile",
    "broadband",
    "computer",
];

/// Last words that make a short name a company ("Verizon Communications", "Cisco Systems").
const COMPANY_WORDS: &[&str] = &[
    "communications",
    "technologies",
    "systems",
    "solutions",
    "consultores",
    "consultants",
    "labs",
    "software",
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

/// Legal-form suffixes that make the last word of a part a company ("Google LLC", "Siemens AG").
const LEGAL_FORMS: &[&str] = &[
    "inc", "ltd", "llc", "llp", "gmbh", "corp", "plc", "ag", "sa", "spa", "bv", "nv", "pty", "srl",
    "sarl", "kk", "limited",
];

/// Role words (normalised) that place a person when the organisation says nothing.
const ROLE_RULES: &[(&str, Group)] = &[
    ("member of parliament", G),
    ("member of the european parliament", G),
    ("assembly member", G),
    ("member of the senedd", G),
    ("member of the scottish parliament", G),
    ("member of the legislative assembly", G),
    ("teachta dala", G),
    ("leader of the opposition", G),
    ("leader of the government", G),
    ("secretary of state", G),
    ("councillor", G),
    ("councilor", G),
    ("councilman", G),
    ("councilwoman", G),
    ("councilmember", G),
    ("permanent representative", G),
    ("civil servant", G),
    ("head of state", G),
    ("minister", G),
    ("ambassador", G),
    ("senator", G),
    ("congressman", G),
    ("congresswoman", G),
    ("diplomat", G),
    ("mayor", G),
    ("professor", A),
    ("lecturer", A),
    ("researcher", A),
    ("research fellow", A),
    ("phd", A),
    ("ph d", A),
    ("doctoral", A),
    ("postdoctoral", A),
    ("scholar", A),
    ("academic", A),
    ("journalist", M),
    ("reporter", M),
    ("correspondent", M),
    ("columnist", M),
    ("editor", M),
];

/// Lowercase, diacritics folded, words separated by single spaces, with a space at each end so
/// that `" phrase "` matches whole words only.
fn normalise(s: &str) -> String {
    let folded = super::names::fold(s);
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

fn contains_phrase(norm: &str, phrase: &str) -> bool {
    norm.contains(&format!(" {phrase} "))
}

fn starts_with_phrase(norm: &str, phrase: &str) -> bool {
    let body = norm.strip_prefix(" the ").unwrap_or(norm).trim_start();
    body.starts_with(&format!("{phrase} "))
}

fn acronym_words(part: &str) -> Vec<&str> {
    part.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

fn acronym_group(w: &str) -> Option<Group> {
    ACRONYMS.iter().find(|(a, _)| *a == w).map(|&(_, g)| g)
}

fn rule_group(norm: &str, rules: &[(&str, Group)]) -> Option<Group> {
    rules
        .iter()
        .find(|(phrase, _)| contains_phrase(norm, phrase))
        .map(|&(_, g)| g)
}

/// The head of a normalised part: the words before the first linking preposition.
fn head(norm: &str) -> &str {
    const LINKS: &[&str] = &[" for ", " of ", " on ", " to ", " in ", " at ", " against "];
    let cut = LINKS
        .iter()
        .filter_map(|l| norm.find(l))
        .min()
        .unwrap_or(norm.len());
    // Keep a trailing space so whole-word matching still works.
    &norm[..(cut + 1).min(norm.len())]
}

/// The verdict on one part of an organisation name, with its strength (see the module doc).
fn part_group(part: &str) -> Option<(Group, u8)> {
    let norm = normalise(part);
    if norm.trim().is_empty() {
        return None;
    }
    let words = acronym_words(part);
    // 4: a part that says its stakeholder type; a chapter of a technical body.
    if let Some(&(_, g)) = SELF_DECLARED
        .iter()
        .find(|(n, _)| contains_phrase(&norm, n))
    {
        return Some((g, 4));
    }
    let chapter = contains_phrase(&norm, "chapter")
        || (words.first() == Some(&"ISOC") && words.len() > 1)
        || norm.starts_with(" internet society of ");
    if chapter {
        return Some((C, 4));
    }
    if part.contains('@') || (part.contains('.') && !part.contains(' ')) {
        if let Some(g) = domain_group(part) {
            return Some((g, 3));
        }
    }
    // 3: known body.
    if let Some(&(_, g)) = NAMES.iter().find(|(n, _)| starts_with_phrase(&norm, n)) {
        return Some((g, 3));
    }
    let first = words.iter().find(|w| **w != "The").copied();
    let bracketed = part
        .trim_end()
        .strip_suffix(')')
        .and_then(|p| p.rsplit_once('('))
        .map(|(_, a)| a.trim());
    for w in [first, bracketed].into_iter().flatten() {
        if let Some(g) = acronym_group(w) {
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
    // 2: an association of companies; a short company name; the head's type word.
    let h = head(&norm);
    let membership = MEMBERSHIP_HEADS.iter().any(|m| contains_phrase(&norm, m));
    if membership && INDUSTRY_WORDS.iter().any(|w| contains_phrase(&norm, w)) {
        return Some((B, 2));
    }
    if h.len() == norm.len()
        && words.len() <= 3
        && last.as_deref().is_some_and(|l| COMPANY_WORDS.contains(&l))
    {
        return Some((B, 2));
    }
    if let Some(g) = rule_group(h, HEAD_RULES).or_else(|| rule_group(h, RULES)) {
        return Some((g, 2));
    }
    // 1: anything anywhere.
    if let Some(&(_, g)) = NAMES.iter().find(|(n, _)| contains_phrase(&norm, n)) {
        return Some((g, 1));
    }
    if let Some(g) = rule_group(&norm, RULES) {
        return Some((g, 1));
    }
    words.iter().find_map(|w| acronym_group(w)).map(|g| (g, 1))
}

/// Splits an organisation name into parts at commas, slashes and semicolons, keeping an
/// enumeration together ("Department for Culture, Media and Sport" stays one part).
fn parts(organisation: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in organisation.split([',', '/', ';']) {
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

/// The stakeholder group of an organisation, from its name; `None` when no rule applies.
pub fn org_group(organisation: &str) -> Option<Group> {
    let mut best: Option<(Group, u8)> = None;
    for p in parts(organisation) {
        if let Some((g, s)) = part_group(&p)
            && best.is_none_or(|(_, bs)| s >= bs)
        {
            best = Some((g, s));
        }
    }
    best.map(|(g, _)| g)
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
