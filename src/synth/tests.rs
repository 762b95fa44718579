//! Outline tests on the real seed documents: passages cut by hand at exact offsets and tagged
//! by reading the text.

use super::*;
use crate::model::{Document, How, PassageKind, Recommendation, Span, ThemeTag};

const SEED_000: &str = include_str!("../../corpora/seeds/000_51a460143868a0c3.txt");
const SEED_001: &str = include_str!("../../corpora/seeds/001_736d92a020b18d93.txt");
const SEED_004: &str = include_str!("../../corpora/seeds/004_c045d1bfa3d696f9.txt");

const ICOCA: &str = "International Code of Conduct Association";
const LESSONS: &str = "Lessons learned from other multistakeholder processes";

fn document(id: &str, title: &str, text: &str) -> Document {
    Document {
        id: id.to_string(),
        path: format!("corpora/{id}.txt"),
        format: "text".to_string(),
        title: Some(title.to_string()),
        kind: "notes".to_string(),
        text: text.to_string(),
        meta: BTreeMap::new(),
        blocks: Vec::new(),
    }
}

/// The byte span of `needle` in `text`.
fn span(text: &str, needle: &str) -> (usize, usize) {
    let start = text.find(needle).expect("needle in the seed");
    (start, start + needle.len())
}

/// From the start of `needle` to the end of its line.
fn line(text: &str, needle: &str) -> (usize, usize) {
    let start = text.find(needle).expect("needle in the seed");
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    (start, end)
}

/// From the start of `needle` to the next TAB or line end: one comment of a Word export's run.
fn comment(text: &str, needle: &str) -> (usize, usize) {
    let start = text.find(needle).expect("needle in the seed");
    let end = text[start..]
        .find(['\t', '\n'])
        .map_or(text.len(), |i| start + i);
    (start, end)
}

fn theme(id: &str, score: f64, terms: &[&str]) -> ThemeTag {
    ThemeTag {
        id: id.to_string(),
        score,
        terms: terms.iter().map(|t| t.to_string()).collect(),
    }
}

fn person(name: &str, org: Option<&str>, how: How) -> Speaker {
    Speaker {
        organisation: org.map(str::to_string),
        ..Speaker::named(name, how)
    }
}

fn recommend(doc: &Document, sentence: &str, cue: &str, addressee: Vec<Group>) -> Recommendation {
    let (start, end) = span(&doc.text, sentence);
    Recommendation {
        start,
        end,
        text: sentence.to_string(),
        cue: cue.to_string(),
        addressee,
    }
}

struct Corpus {
    docs: Vec<Document>,
    passages: Vec<Passage>,
}

impl Corpus {
    fn infos(&self) -> Vec<DocInfo> {
        self.docs.iter().map(DocInfo::from).collect()
    }

    fn outline(&self) -> Outline {
        build(
            &self.infos(),
            &self.passages,
            &taxonomy(),
            &OutlineOptions::default(),
        )
    }

    fn text_of(&self, doc: &str) -> &str {
        &self.docs.iter().find(|d| d.id == doc).expect("doc").text
    }
}

fn taxonomy() -> Vec<(String, String)> {
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
fn passage(doc: &Document, n: usize, kind: PassageKind, (start, end): (usize, usize)) -> Passage {
    Passage::new(doc, n, kind, start, end)
}

/// Seed 004 (session report), seed 001 (commented draft), seed 000 (synthesis report) and a
/// reprint of seed 004's lessons, tagged by hand.
fn corpus() -> Corpus {
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

fn section<'a>(o: &'a Outline, id: &str) -> &'a ThemeSection {
    o.sections.iter().find(|s| s.id == id).expect("section")
}

fn quote_passages(s: &ThemeSection) -> Vec<&str> {
    s.quotes.iter().map(|q| q.passage.as_str()).collect()
}

#[test]
fn passages_are_cut_verbatim_from_the_seeds() {
    let c = corpus();
    for p in &c.passages {
        assert_eq!(p.text, &c.text_of(&p.doc)[p.start..p.end], "{}", p.id);
        assert!(!p.text.is_empty(), "{}", p.id);
    }
}

#[test]
fn sections_exist_only_for_themes_with_non_heading_passages_in_order() {
    let o = corpus().outline();
    let ids: Vec<&str> = o.sections.iter().map(|s| s.id.as_str()).collect();
    // By count (process 5; legitimacy, participation 3; consensus, power, resources 2), then
    // taxonomy order.
    assert_eq!(
        ids,
        [
            "process",
            "legitimacy",
            "participation",
            "consensus",
            "power",
            "resources",
            "trust",
            "transparency",
            "accountability",
            "coalitions",
            "security",
            "sovereignty"
        ]
    );
    // Implementation is only on a heading; rights on nothing.
    assert!(!ids.contains(&"implementation") && !ids.contains(&"rights"));
    assert_eq!(
        section(&o, "power").passages,
        2,
        "the heading is not counted"
    );
    assert_eq!(section(&o, "process").label, "Theme process");
    assert_eq!(o.overview.themes, 12);
    assert_eq!(o.overview.taxonomy_themes, 16);
}

#[test]
fn overview_and_section_counts_per_group() {
    let o = corpus().outline();
    assert_eq!(o.overview.documents, 4);
    assert_eq!(o.overview.passages, 16);
    // Orsmond, Woods, Quillé, Graham; the anonymous contributor is nobody in particular.
    assert_eq!(o.overview.participants, 4);
    let expect = |pairs: &[(&str, usize)]| -> BTreeMap<String, usize> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    };
    assert_eq!(
        o.overview.voices,
        expect(&[
            ("civil_society", 6),
            ("intergovernmental", 3),
            ("unknown", 7)
        ])
    );
    assert_eq!(
        section(&o, "process").voices,
        expect(&[
            ("civil_society", 3),
            ("intergovernmental", 1),
            ("unknown", 1)
        ])
    );
    assert_eq!(section(&o, "legitimacy").voices, expect(&[("unknown", 3)]));
}

#[test]
fn every_quote_and_recommendation_is_an_exact_slice() {
    let c = corpus();
    let o = c.outline();
    let mut n = 0;
    for s in &o.sections {
        assert!(s.quotes.len() <= 3);
        for q in &s.quotes {
            assert_eq!(q.text, &c.text_of(&q.doc)[q.start..q.end], "{}", q.passage);
            assert_eq!(q.text, q.text.trim(), "trimmed by offsets");
            n += 1;
        }
        for r in &s.recommendations {
            assert_eq!(r.text, &c.text_of(&r.doc)[r.start..r.end], "{}", r.passage);
            n += 1;
        }
    }
    assert!(n >= 20, "{n}");
}

#[test]
fn quotes_come_from_distinct_passages_and_speakers_when_possible() {
    let o = corpus().outline();
    let process = section(&o, "process");
    // Orsmond's two bullets outrank Quillé's, but one Orsmond quote is enough while Woods and
    // Quillé also speak to process.
    assert_eq!(
        quote_passages(process),
        ["seeds/004#10", "seeds/004#3", "seeds/004#11"]
    );
    let names: BTreeSet<_> = process
        .quotes
        .iter()
        .map(|q| q.attribution.as_str())
        .collect();
    assert_eq!(names.len(), 3);
    // Participation has only Orsmond and Woods: Woods twice rather than fewer quotes.
    let participation = section(&o, "participation");
    assert_eq!(
        quote_passages(participation),
        ["seeds/004#9", "seeds/004#4", "seeds/004#3"]
    );
    for s in &o.sections {
        let distinct: BTreeSet<_> = s.quotes.iter().map(|q| &q.passage).collect();
        assert_eq!(distinct.len(), s.quotes.len(), "{}", s.id);
    }
}

#[test]
fn identical_texts_are_quoted_and_recommended_once() {
    let o = corpus().outline();
    let power = section(&o, "power");
    assert_eq!(quote_passages(power), ["seeds/004#5"]);
    assert_eq!(
        power.quotes[0].text,
        "There is always difference in power dynamics. Sometimes it is a leading role, a facilitator role, or a mediator role. The three roles have to exist in order to be successful."
    );
    assert_eq!(power.recommendations.len(), 1);
    assert_eq!(power.recommendations_total, 1);
    assert_eq!(power.recommendations[0].cue, "have to");
}

#[test]
fn attributions_for_named_anonymous_unattributed_and_comments() {
    let o = corpus().outline();
    let legitimacy = section(&o, "legitimacy");
    // The unattributed draft paragraph ranks first; then another document before another
    // passage of the same draft.
    assert_eq!(
        quote_passages(legitimacy),
        ["seeds/001#1", "seeds/000#1", "seeds/001#2"]
    );
    let attributions: Vec<&str> = legitimacy
        .quotes
        .iter()
        .map(|q| q.attribution.as_str())
        .collect();
    assert_eq!(
        attributions,
        [
            "unattributed",
            "anonymous contributor",
            "Bill Graham, comment on “Governance, funding, and membership are not…”"
        ]
    );
    assert_eq!(
        legitimacy.quotes[2].text,
        "Furthermore the nature of their membership (if any), their sources of funding, and their governance mechanisms are not always open and transparent."
    );
    assert_eq!(legitimacy.quotes[1].speaker, Some(Speaker::anonymous()));
    assert!(legitimacy.quotes[0].speaker.is_none());
    let participation = section(&o, "participation");
    assert_eq!(
        participation.quotes[0].attribution,
        format!("Andy Orsmond, {ICOCA}")
    );
    assert_eq!(
        participation.quotes[0].text,
        "Participation is a major issue."
    );
    assert_eq!(participation.quotes[0].source, LESSONS);
    assert_eq!(participation.quotes[0].section, "Lessons learned:");
}

#[test]
fn long_passages_give_the_sentence_with_most_evidence() {
    let c = corpus();
    let o = c.outline();
    // Two of the synthesis paragraph's coalition mentions are in its last sentence.
    let q = &section(&o, "coalitions").quotes[0];
    assert!(
        q.text
            .starts_with("As another contributor commented, umbrella organizations/coalitions")
    );
    assert!(q.text.ends_with("between individual groups (and states)."));
    assert!(!q.truncated);
    // The draft's sentence with "legitimacy" twice, widened by the next one (which has it too).
    let q = &section(&o, "legitimacy").quotes[0];
    assert!(
        q.text
            .starts_with("The legitimacy of commercial business stakeholders")
    );
    assert!(
        q.text
            .ends_with("have the most problematic claim to legitimacy.")
    );
    // Orsmond's introduction: the two accountability sentences.
    let q = &section(&o, "accountability").quotes[0];
    assert!(
        q.text
            .starts_with("The only real accountability was a contractual right")
    );
    assert!(q.text.ends_with("necessary for a solution."));
    for q in [&section(&o, "coalitions").quotes[0], q] {
        let p = c
            .passages
            .iter()
            .find(|p| p.id == q.passage)
            .expect("passage");
        assert!(q.text.len() < p.text.len());
        assert!(q.start >= p.start && q.end <= p.end);
        assert_eq!(q.text, &c.text_of(&q.doc)[q.start..q.end]);
    }
}

#[test]
fn an_over_long_sentence_is_cut_at_a_clause() {
    let text = format!(
        "Intro. {} and so the sentence goes on without end.",
        "Governments, companies, civil society and the technical community must all take part, "
            .repeat(8)
    );
    let doc = document("long", "Long", &text);
    let mut p = Passage::new(&doc, 1, PassageKind::Paragraph, 0, text.len());
    p.themes = vec![theme("participation", 0.5, &["part"])];
    let o = build(
        &[DocInfo::from(&doc)],
        &[p],
        &taxonomy(),
        &OutlineOptions::default(),
    );
    let q = &o.sections[0].quotes[0];
    assert!(q.truncated);
    let chars = q.text.chars().count();
    assert!(chars > 160 && chars <= 320, "{chars}");
    assert!(q.text.starts_with("Governments"));
    assert!(text[q.end..].starts_with(", "), "cut before a comma");
    assert_eq!(q.text, &text[q.start..q.end]);
}

#[test]
fn markdown_shows_quotes_with_attribution_and_keeps_lines_inside() {
    let o = corpus().outline();
    let md = markdown::render(&o);
    assert!(md.starts_with("# Synthesis outline\n\n- Documents: 4\n"));
    assert!(md.contains("- Voices: civil society 6, intergovernmental 3, unknown 7\n"));
    assert!(md.contains("\n## Theme process\n\n5 passages. Voices: civil society 3, intergovernmental 1, unknown 1\n"));
    assert!(md.contains(&format!(
        "> “Participation is a major issue.”\n> — Andy Orsmond, {ICOCA}, *{LESSONS}* › Lessons learned:"
    )));
    assert!(md.contains("> — anonymous contributor, *Synthesis Report*"));
    assert!(md.contains(
        "- Governments are bound by their own domestic laws, their roles in institutions are therefore not clear and have to be clarified. — Andy Orsmond"
    ));
    // The draft's list stays inside its blockquote, its markers neutralised.
    assert!(
        md.contains("> “is open and known to the relevant stakeholders\n> \\-- is accessible\n")
    );
    for l in md.lines().filter(|l| l.contains("works iteratively")) {
        assert!(l.starts_with("> "), "{l}");
    }
    assert!(md.contains("### Recommendations\n\n- "));
}

#[test]
fn output_is_deterministic_and_json_round_trips() {
    let c = corpus();
    let (one, two) = (c.outline(), c.outline());
    let json = json::render(&one);
    assert_eq!(json, json::render(&two));
    assert_eq!(markdown::render(&one), markdown::render(&two));
    assert!(json.ends_with("}\n"));
    let back: Outline = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(back, one);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let q = &value["sections"][0]["quotes"][0];
    for field in [
        "doc",
        "start",
        "end",
        "text",
        "passage",
        "speaker",
        "attribution",
        "source",
        "section",
    ] {
        assert!(q.get(field).is_some(), "{field}");
    }
}

#[test]
fn options_limit_quotes_and_recommendations() {
    let c = corpus();
    let opts = OutlineOptions {
        max_quotes: 1,
        max_recommendations: 1,
    };
    let o = build(&c.infos(), &c.passages, &taxonomy(), &opts);
    let trust = section(&o, "trust");
    assert_eq!(trust.recommendations_total, 2);
    assert_eq!(trust.recommendations.len(), 1);
    assert!(o.sections.iter().all(|s| s.quotes.len() <= 1));
    assert!(markdown::render(&o).contains("(1 more in the index.)"));
}

#[test]
fn inconsistent_passages_are_counted_but_never_quoted() {
    let doc = document("d", "D", "Trust is built slowly. Trust is lost fast.");
    let mut good = Passage::new(&doc, 1, PassageKind::Paragraph, 0, 22);
    good.themes = vec![theme("trust", 0.5, &["trust"])];
    let mut shifted = good.clone();
    shifted.id = "d#2".into();
    shifted.start = 30; // text no longer matches the span
    shifted.end = 45;
    shifted.themes[0].score = f64::NAN;
    shifted.recommendations = vec![Recommendation {
        start: 1000,
        end: 2000,
        text: "nowhere".into(),
        cue: "should".into(),
        addressee: vec![],
    }];
    let mut empty = Passage::new(&doc, 3, PassageKind::Paragraph, 22, 23);
    empty.themes = good.themes.clone();
    let o = build(
        &[],
        &[good, shifted, empty],
        &[],
        &OutlineOptions::default(),
    );
    let s = &o.sections[0];
    assert_eq!(
        (s.id.as_str(), s.label.as_str(), s.passages),
        ("trust", "trust", 3)
    );
    assert_eq!(quote_passages(s), ["d#1"]);
    assert_eq!(s.quotes[0].source, "d", "unknown document: its id");
    assert!(s.recommendations.is_empty());
    let empty = build(&[], &[], &[], &OutlineOptions::default());
    assert!(empty.sections.is_empty());
    assert!(markdown::render(&empty).contains("- Voices: none\n"));
}
