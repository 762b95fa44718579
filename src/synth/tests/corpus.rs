//! A corpus of real seed passages cut by hand at exact offsets and tagged by reading the text.

use std::collections::BTreeMap;

use crate::model::{
    DocInfo, Document, Group, How, Passage, PassageKind, Recommendation, Span, Speaker, ThemeTag,
};
use crate::synth::*;

const SEED_000: &str = include_str!("../../../corpora/seeds/000_51a460143868a0c3.txt");
const SEED_001: &str = include_str!("../../../corpora/seeds/001_736d92a020b18d93.txt");
const SEED_004: &str = include_str!("../../../corpora/seeds/004_c045d1bfa3d696f9.txt");

pub const ICOCA: &str = "International Code of Conduct Association";
pub const LESSONS: &str = "Lessons learned from other multistakeholder processes";

pub fn document(id: &str, title: &str, text: &str) -> Document {
    Document {
        id: id.to_string(),
        path: format!("corpora/{id}.txt"),
        path_raw: None,
        format: "text".to_string(),
        title: Some(title.to_string()),
        kind: "notes".to_string(),
        text: text.to_string(),
        meta: BTreeMap::new(),
        warnings: Vec::new(),
        authors: Vec::new(),
        blocks: Vec::new(),
    }
}

/// The byte span of `needle` in `text`.
pub fn span(text: &str, needle: &str) -> (usize, usize) {
    let start = text.find(needle).expect("needle in the seed");
    (start, start + needle.len())
}

/// From the start of `needle` to the end of its line.
pub fn line(text: &str, needle: &str) -> (usize, usize) {
    let start = text.find(needle).expect("needle in the seed");
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    (start, end)
}

/// From the start of `needle` to the next TAB or line end: one comment of a Word export's run.
pub fn comment(text: &str, needle: &str) -> (usize, usize) {
    let start = text.find(needle).expect("needle in the seed");
    let end = text[start..]
        .find(['\t', '\n'])
        .map_or(text.len(), |i| start + i);
    (start, end)
}

pub fn theme(id: &str, score: f64, terms: &[&str]) -> ThemeTag {
    ThemeTag {
        id: id.to_string(),
        score,
        terms: terms.iter().map(|t| t.to_string()).collect(),
    }
}

pub fn person(name: &str, org: Option<&str>, how: How) -> Speaker {
    Speaker {
        organisation: org.map(str::to_string),
        ..Speaker::named(name, how)
    }
}

pub fn recommend(
    doc: &Document,
    sentence: &str,
    cue: &str,
    addressee: Vec<Group>,
) -> Recommendation {
    let (start, end) = span(&doc.text, sentence);
    Recommendation {
        start,
        end,
        text: sentence.to_string(),
        cue: cue.to_string(),
        addressee,
        agreed: false,
    }
}

pub struct Corpus {
    pub docs: Vec<Document>,
    pub passages: Vec<Passage>,
}

impl Corpus {
    pub fn infos(&self) -> Vec<DocInfo> {
        self.docs.iter().map(DocInfo::from).collect()
    }

    pub fn outline(&self) -> Outline {
        build(
            &self.infos(),
            &self.passages,
            &taxonomy(),
            &OutlineOptions::default(),
        )
    }

    pub fn text_of(&self, doc: &str) -> &str {
        &self.docs.iter().find(|d| d.id == doc).expect("doc").text
    }
}

pub fn taxonomy() -> Vec<(String, String)> {
    [
        "trust",
        "legitimacy",
        "participation",
        "transparency",
        "accountability",
        "consensus",
        "power",
        "resources",
        "process",
        "coalitions",
        "advocacy",
        "implementation",
        "rights",
        "security",
        "digital",
        "sovereignty",
    ]
    .iter()
    .map(|id| (id.to_string(), format!("Theme {id}")))
    .collect()
}

/// Passage `n` of `doc` over `(start, end)`.
pub fn passage(
    doc: &Document,
    n: usize,
    kind: PassageKind,
    (start, end): (usize, usize),
) -> Passage {
    Passage::new(doc, n, kind, start, end)
}

/// Seed 004 (session report), seed 001 (commented draft), seed 000 (synthesis report) and a
/// reprint of seed 004's lessons, tagged by hand.
pub fn corpus() -> Corpus {
    let a = document("seeds/004", LESSONS, SEED_004);
    let b = document("seeds/001", "Best Practices", SEED_001);
    let c = document("seeds/000", "Synthesis Report", SEED_000);
    let reprint = &SEED_004[SEED_004.find("Lessons learned:").expect("lessons")..];
    let d = document("seeds/004-reprint", "Lessons (reprint)", reprint);
    let lessons = vec!["Lessons learned:".to_string()];
    let orsmond = || person("Andy Orsmond", Some(ICOCA), How::Parenthetical);
    let woods = |how| person("Michele Woods", Some("WIPO"), how);
    let quille = || person("Michel Quillé", None, How::Parenthetical);
    let mut ps = Vec::new();

    let t = &a.text;
    let mut p = passage(&a, 1, PassageKind::Heading, span(t, "Lessons learned:"));
    p.themes = vec![
        theme("power", 0.9, &["lesson"]),
        theme("implementation", 0.9, &["learn"]),
    ];
    ps.push(p);
    let mut p = passage(
        &a,
        2,
        PassageKind::Paragraph,
        line(
            t,
            "Andy Orsmond, Executive Director, International Code of Conduct Association, began",
        ),
    );
    p.speaker = Some(person("Andy Orsmond", Some(ICOCA), How::Reported));
    p.voice = Some(Group::CivilSociety);
    p.themes = vec![
        theme("accountability", 0.7, &["account"]),
        theme("security", 0.5, &["secur"]),
    ];
    ps.push(p);
    let mut p = passage(
        &a,
        3,
        PassageKind::Paragraph,
        line(t, "Regarding how WIPO has facilitated"),
    );
    p.speaker = Some(woods(How::Reported));
    p.voice = Some(Group::Intergovernmental);
    p.themes = vec![
        theme("process", 0.5, &["rule"]),
        theme("participation", 0.3, &["access"]),
    ];
    ps.push(p);
    let mut p = passage(
        &a,
        4,
        PassageKind::Paragraph,
        line(t, "Woods was asked for the current role"),
    );
    p.speaker = Some(woods(How::Reported));
    p.voice = Some(Group::Intergovernmental);
    p.themes = vec![
        theme("resources", 0.6, &["fund", "expertis"]),
        theme("participation", 0.4, &["access"]),
    ];
    ps.push(p);
    let bullets: [(&str, Speaker, Option<Group>, Vec<ThemeTag>); 7] = [
        (
            "• There is always",
            orsmond(),
            Some(Group::CivilSociety),
            vec![
                theme("power", 0.8, &["power dynam"]),
                theme("process", 0.6, &["facilit"]),
            ],
        ),
        (
            "• The challenge is",
            quille(),
            None,
            vec![theme("trust", 0.9, &["trust"])],
        ),
        (
            "• The method applied",
            woods(How::Parenthetical),
            Some(Group::Intergovernmental),
            vec![
                theme("consensus", 0.8, &["consensus"]),
                theme("resources", 0.5, &["capac"]),
            ],
        ),
        (
            "• Governments are bound",
            orsmond(),
            Some(Group::CivilSociety),
            vec![
                theme("sovereignty", 0.7, &["govern"]),
                theme("process", 0.2, &["institut"]),
            ],
        ),
        (
            "• Participation is a major",
            orsmond(),
            Some(Group::CivilSociety),
            vec![theme("participation", 0.9, &["particip"])],
        ),
        (
            "• The process of defining",
            orsmond(),
            Some(Group::CivilSociety),
            vec![theme("process", 0.9, &["small group", "larg group"])],
        ),
        (
            "• Stay pragmatic",
            quille(),
            None,
            vec![theme("process", 0.4, &["pragmat"])],
        ),
    ];
    for (k, (needle, speaker, voice, themes)) in bullets.into_iter().enumerate() {
        let mut p = passage(&a, 5 + k, PassageKind::Bullet, line(t, needle));
        p.section = lessons.clone();
        p.speaker = Some(speaker);
        p.voice = voice;
        p.themes = themes;
        ps.push(p);
    }
    ps[4].recommendations = vec![recommend(
        &a,
        "The three roles have to exist in order to be successful.",
        "have to",
        vec![],
    )];
    ps[5].recommendations = vec![
        recommend(&a, "we have to overcome silo thinking.", "have to", vec![]),
        recommend(
            &a,
            "To work together we have to build trust",
            "have to",
            vec![],
        ),
    ];
    ps[6].recommendations = vec![recommend(
        &a,
        "For this we need to think about education, providing information, technical assistance and building capacities.",
        "need to",
        vec![],
    )];
    ps[7].recommendations = vec![recommend(
        &a,
        "Governments are bound by their own domestic laws, their roles in institutions are therefore not clear and have to be clarified.",
        "have to",
        vec![Group::Government],
    )];

    let t = &b.text;
    let body_start = t.find("One question which has been raised").expect("body");
    let body_end = body_start + t[body_start..].find('\t').expect("comment run");
    let mut p = passage(&b, 1, PassageKind::Paragraph, (body_start, body_end));
    p.themes = vec![theme("legitimacy", 0.9, &["legitimaci"])];
    ps.push(p);
    let mut p = passage(
        &b,
        2,
        PassageKind::Comment,
        comment(t, "Furthermore the nature of their membership"),
    );
    p.speaker = Some(person("Bill Graham", None, How::Comment));
    let (s, e) = span(
        t,
        "Governance, funding, and membership are not always open and transparent, weakening the legitimacy claims of such organizations.",
    );
    p.anchor = Some(Span::of(t, s, e));
    p.themes = vec![
        theme("transparency", 0.7, &["transpar"]),
        theme("legitimacy", 0.3, &["member"]),
    ];
    ps.push(p);
    let list = span(
        t,
        "-- is open and known to the relevant stakeholders\n-- is accessible\n-- works iteratively\n-- achieves rough consensus (as opposed to unanimity)\n-- balance between all stakeholders. (An 'equal footing' is not enough, if some stakeholders are funded and others are not.)\n-- transparency among stakeholders",
    );
    let mut p = passage(&b, 3, PassageKind::Paragraph, list);
    p.themes = vec![theme("consensus", 0.4, &["consensus"])];
    ps.push(p);

    let t = &c.text;
    let mut p = passage(
        &c,
        1,
        PassageKind::Paragraph,
        line(t, "Critics may be tempted"),
    );
    p.speaker = Some(Speaker::anonymous());
    p.themes = vec![
        theme("coalitions", 0.8, &["coalit"]),
        theme("legitimacy", 0.3, &["legitimaci"]),
    ];
    ps.push(p);

    let mut p = passage(
        &d,
        1,
        PassageKind::Bullet,
        line(&d.text, "• There is always"),
    );
    p.section = lessons;
    p.speaker = Some(orsmond());
    p.voice = Some(Group::CivilSociety);
    p.themes = vec![theme("power", 0.8, &["power dynam"])];
    p.recommendations = vec![recommend(
        &d,
        "The three roles have to exist in order to be successful.",
        "have to",
        vec![],
    )];
    ps.push(p);

    Corpus {
        docs: vec![a, b, c, d],
        passages: ps,
    }
}
