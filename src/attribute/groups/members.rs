//! What a body is made of, for [`super::org_group`]: an association whose members are
//! companies (business), local governments (government), professionals (civil society) or
//! people of a cause (civil society); a union of people or of states; a national institute of
//! the state or of learning; a group of companies or of people.
//!
//! Phrases are normalised like [`super::normalise`].

use super::words::{HEAD_RULES, RULES};
use super::{any_word, before_links, contains_phrase, head, rule_group};

/// Type words of member organisations: an association of companies is business. Any of them
/// with an [`INDUSTRY_WORDS`] word ("Information Technology Industry Council").
pub(super) const MEMBERSHIP_HEADS: &[&str] = &[
    "association",
    "associations",
    "alliance",
    "coalition",
    "federation",
    "confederation",
    "council",
    "consortium",
    "forum",
    "asociacion",
    "associacao",
    "associazione",
    "federacion",
    "federacao",
    "confederacion",
    "confederacao",
    "sindicato",
    "camara",
    "chamber",
    "chambre",
    "verband",
    "bundesverband",
];

/// The membership words that also make an industry body with a [`SECTOR_WORDS`] word among
/// what the members are ("Africa ICT Alliance", "Argentina Internet Association").
pub(super) const MEMBERSHIP_SECTOR_HEADS: &[&str] = &[
    "association",
    "alliance",
    "coalition",
    "federation",
    "confederation",
    "asociacion",
    "associacao",
    "federacion",
    "federacao",
    "camara",
    "chamber",
    "chambre",
];

/// Words that say a membership body's members are local governments ("Association of
/// Municipalities of Ontario", "Federation of Canadian Municipalities"): government.
pub(super) const LOCAL_GOVERNMENTS: &[&str] = &[
    "municipalities",
    "municipios",
    "municipalidades",
    "communes",
    "local authorities",
    "local governments",
    "councils",
    "mayors",
];

/// An association of local governments: government.
pub(super) fn local_government_body(norm: &str) -> bool {
    any_word(before_links(norm, PURPOSE_LINKS), MEMBERSHIP_HEADS)
        && any_word(norm, LOCAL_GOVERNMENTS)
}

/// Words that say a membership body's members are companies, wherever they stand ("European
/// Association of Internet Services **Providers**").
pub(super) const INDUSTRY_WORDS: &[&str] = &[
    "industry",
    "industries",
    "industria",
    "industrias",
    "industrie",
    "industriels",
    "providers",
    "provedores",
    "proveedores",
    "fournisseurs",
    "operators",
    "operadoras",
    "operadores",
    "operateurs",
    "manufacturers",
    "fabricantes",
    "enterprises",
    "companies",
    "empresas",
    "empresarial",
    "empresarios",
    "entreprises",
    "business",
    "businesses",
    "commerce",
    "comercio",
    "commercial",
    "employers",
    "isp",
    "isps",
    "vendors",
    "publishers",
    "producers",
    "exporters",
    "retailers",
    "advertisers",
    "bankers",
    "banks",
    "insurers",
    "carriers",
    "registrars",
    "trademark",
    "trademarks",
    "phonographic",
    "broadcasters",
    "emissoras",
    "newspapers",
    "growers",
    "contractors",
    "brewers",
    "shippers",
    "builders",
    "merchants",
    "traders",
    "dealers",
    "wholesalers",
    "distributors",
    "suppliers",
    "importers",
    "processors",
    "airlines",
    "hoteliers",
];

/// Words that say a membership body's members are companies when they stand in what its
/// members are ("**Internet** Association", "Africa **ICT** Alliance"), not in what it is for
/// ("Association for Proper **Internet** Governance").
pub(super) const SECTOR_WORDS: &[&str] = &[
    "internet",
    "ict",
    "icts",
    "tic",
    "tics",
    "technology",
    "technologies",
    "tecnologia",
    "telecommunications",
    "telecommunication",
    "telecomunicacoes",
    "telecomunicaciones",
    "telecoms",
    "software",
    "infrastructure",
    "mobile",
    "broadband",
    "electronics",
    "cable",
    "satellite",
    "hosting",
    "cloud",
    "e commerce",
    "ecommerce",
    "advertising",
    "music",
    "film",
    "recording",
];

/// Words that say a membership body stands for a cause or for people, not for an industry:
/// "Internet **Users** Association", "Internet **Rights** and Principles Coalition".
pub(super) const CAUSE_WORDS: &[&str] = &[
    "users",
    "user",
    "usuarios",
    "utilisateurs",
    "consumers",
    "consumer",
    "citizens",
    "rights",
    "governance",
    "freedom",
    "freedoms",
    "liberties",
    "democracy",
    "justice",
    "principles",
    "progressive",
    "free",
    "libre",
    "livre",
    "women",
    "youth",
    "children",
    // People, not companies: "Association of Computing Machinery" is its members'.
    "professionals",
    "engineers",
    "scientists",
    "researchers",
    "librarians",
    "journalists",
    "lawyers",
    "students",
    "teachers",
    "experts",
    "machinery",
];

/// Members that make a body of an industry a union or a community, not a business
/// association ("Union of Telecommunications **Workers**").
pub(super) const WORKERS: &[&str] = &[
    "workers",
    "employees",
    "trabajadores",
    "trabalhadores",
    "community",
    "comunitarias",
    "comunitarios",
    "users",
    "consumers",
];

/// Linking words after which a name says what the body is for, not what it is made of
/// ("Association **for** Proper Internet Governance").
pub(super) const PURPOSE_LINKS: &[&str] = &[
    " for ",
    " to ",
    " towards ",
    " against ",
    " on ",
    " in ",
    " para ",
    " por ",
    " pour ",
    " pela ",
    " pelo ",
    " pelos ",
    " pelas ",
    " sobre ",
    " contra ",
];

/// An association whose members are companies: an industry word in what it is made of
/// ("Telecommunications **Industry** Association"), or a sector word there with no cause in
/// the name ("Argentina **Internet** Association", but not "Internet **Users** Association").
pub(super) fn industry_body(norm: &str) -> bool {
    let members = before_links(norm, PURPOSE_LINKS);
    if any_word(members, MEMBERSHIP_HEADS)
        && any_word(members, INDUSTRY_WORDS)
        && !any_word(norm, WORKERS)
    {
        return true;
    }
    any_word(members, MEMBERSHIP_SECTOR_HEADS)
        && any_word(members, SECTOR_WORDS)
        && !any_word(norm, CAUSE_WORDS)
}

/// Words that make a union one of states, not of people: "Union of South American Nations",
/// "Union for the Mediterranean", "Inter-Parliamentary Union".
pub(super) const UNION_OF_STATES: &[&str] = &[
    "nations",
    "states",
    "republics",
    "countries",
    "mediterranean",
    "parliamentary",
    "economic",
    "customs",
    "postal",
    "telecommunication",
    "broadcasting",
];

/// A union of people, whose head ends in "union": a trade union, a students' union ("National
/// Union of Students", "University and College Union"). Unions of states are named otherwise
/// or known by name ("European Union", "African Union"); a credit union is a business (an
/// earlier rule).
pub(super) fn union_of_people(norm: &str) -> bool {
    head(norm).trim_end().ends_with(" union") && !any_word(norm, UNION_OF_STATES)
}

/// Words that make a "National Institute of …" a place of learning, not a state body
/// ("National Institute of Technology", "National Institute of Advanced Studies").
pub(super) const LEARNING: &[&str] = &[
    "technology",
    "studies",
    "university",
    "education",
    "design",
    "management",
    "sciences",
    "science",
    "informatics",
    "engineering",
];

/// A national institute is the state's, as "Instituto Nacional" is: "National Institute of
/// Cyber Security", "National Institute for Health and Care Excellence"; not one of learning.
pub(super) fn national_institute(norm: &str) -> bool {
    let h = head(norm);
    (contains_phrase(h, "national institute") || contains_phrase(h, "national institutes"))
        && !any_word(norm, LEARNING)
}

/// Heads of a professional body: "Royal **College** of General Practitioners", "**Colegio**
/// Oficial de Arquitectos", "**Ordem** dos Advogados do Brasil".
pub(super) const PROFESSIONAL_HEADS: &[&str] = &[
    "college",
    "colegio",
    "ordem",
    "orden",
    "ordre",
    "institute",
    "institution",
    "chartered",
    "society",
    "association",
    "council",
    "bar",
];

/// Professions whose members' body is civil society, not a college of learning or a firm
/// (engineers and journalists are left to the other rules: a society of engineers is the
/// technical community's, a union of journalists the press's or a union's).
pub(super) const PROFESSIONS: &[&str] = &[
    "practitioners",
    "physicians",
    "surgeons",
    "nurses",
    "nursing",
    "midwives",
    "psychiatrists",
    "pathologists",
    "radiologists",
    "anaesthetists",
    "obstetricians",
    "paediatrics",
    "pediatrics",
    "pharmacists",
    "dentists",
    "accountants",
    "solicitors",
    "barristers",
    "advocates",
    "lawyers",
    "architects",
    "advogados",
    "abogados",
    "avocats",
    "arquitectos",
    "arquitetos",
    "medicos",
    "enfermeros",
    "enfermeiros",
];

/// A professional body: a college, order, institute or society of a profession (civil
/// society, as professional associations declare themselves).
pub(super) fn professional_body(norm: &str) -> bool {
    any_word(head(norm), PROFESSIONAL_HEADS) && any_word(norm, PROFESSIONS)
}

/// Words before a final "Group" that make it a group of people, not of companies ("Working
/// Group", "Crisis Group", "Stakeholder Group").
pub(super) const GROUP_OF_PEOPLE: &[&str] = &[
    "working",
    "study",
    "contact",
    "expert",
    "experts",
    "advisory",
    "focus",
    "interest",
    "stakeholder",
    "stakeholders",
    "action",
    "support",
    "parliamentary",
    "crisis",
    "research",
    "user",
    "users",
    "peer",
    "friends",
    "reference",
    "steering",
    "coordination",
    "consultative",
    "liaison",
    "task",
    "drafting",
    "campaign",
    "lobby",
    "pressure",
    "minority",
    "community",
    "policy",
    "review",
    "discussion",
    "dialogue",
];

/// A short name ending in "Group" with no type word besides is a company group ("Alibaba
/// Group", "BT Group"); "Working Group", "International Crisis Group" are not.
pub(super) fn company_group(bare: &str) -> bool {
    let words: Vec<&str> = bare.split(' ').filter(|w| !w.is_empty()).collect();
    matches!(words.as_slice(), [.., before, "group"] if !GROUP_OF_PEOPLE.contains(before))
        && words.len() <= 3
        && rule_group(bare, RULES).is_none()
        && rule_group(bare, HEAD_RULES).is_none()
}
