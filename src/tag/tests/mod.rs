//! Tagging real passages cut from the seed documents, and small hand-written cases.
//!
//! Expectations come from reading the text: what a rapporteur would file the passage under.

use std::collections::BTreeMap;
use std::sync::LazyLock;

mod forms;

use super::*;
use crate::analysis::stem_phrase;
use crate::model::{Document, How, PassageKind, Speaker};

static TAGGER: LazyLock<Tagger> = LazyLock::new(|| {
    Tagger::new(Taxonomy::default_multistakeholder().expect("the default taxonomy loads"))
});

const SEEDS: [&str; 5] = [
    "000_51a460143868a0c3",
    "001_736d92a020b18d93",
    "002_0702f1372669ef38",
    "003_fc31b683c67c80a6",
    "004_c045d1bfa3d696f9",
];

fn doc(id: &str, text: &str) -> Document {
    Document {
        id: id.to_string(),
        path: format!("{id}.txt"),
        path_raw: None,
        format: "text".into(),
        title: None,
        kind: "notes".into(),
        text: text.to_string(),
        meta: BTreeMap::new(),
        warnings: Vec::new(),
        authors: Vec::new(),
        blocks: Vec::new(),
    }
}

fn seed(name: &str) -> Document {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpora/seeds")
        .join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&path).expect("seed documents are UTF-8");
    doc(&format!("seeds/{name}"), &text)
}

/// The tagged passage of `kind` over the first occurrence of `needle` in `d`.
fn tag_at(d: &Document, needle: &str, kind: PassageKind, section: &[&str]) -> Passage {
    let start = d
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {}", d.id));
    let mut p = Passage::new(d, 1, kind, start, start + needle.len());
    p.section = section.iter().map(|s| s.to_string()).collect();
    TAGGER.tag(&mut p);
    p
}

/// A tagged passage that is a whole small document.
fn tag_text(text: &str, kind: PassageKind) -> Passage {
    let d = doc("hand", text);
    let mut p = Passage::new(&d, 1, kind, 0, text.len());
    TAGGER.tag(&mut p);
    p
}

fn theme_ids(p: &Passage) -> Vec<&str> {
    p.themes.iter().map(|t| t.id.as_str()).collect()
}

fn cues(p: &Passage) -> Vec<&str> {
    p.recommendations.iter().map(|r| r.cue.as_str()).collect()
}

/// Every span a passage carries is the exact document slice and lies inside the passage.
fn assert_spans(d: &Document, p: &Passage) {
    assert_eq!(p.text, d.text[p.start..p.end]);
    let spans = p
        .recommendations
        .iter()
        .map(|r| (r.start, r.end, r.text.as_str()))
        .chain(
            p.questions
                .iter()
                .map(|q| (q.start, q.end, q.text.as_str())),
        );
    for (s, e, text) in spans {
        assert!(
            p.start <= s && s < e && e <= p.end,
            "{s}..{e} outside {}",
            p.id
        );
        assert_eq!(d.text.get(s..e), Some(text), "in {}", p.id);
    }
}

#[test]
fn trust_bullet_from_the_wiki_report_is_about_trust_and_recommends() {
    let d = seed(SEEDS[4]);
    let p = tag_at(
        &d,
        "The challenge is a change of mindset; we have to overcome silo thinking. To work together we have to build trust, and building trust is working together; a never ending story… (Michel Quillé)",
        PassageKind::Bullet,
        &["Lessons learned:"],
    );
    assert_spans(&d, &p);
    assert_eq!(theme_ids(&p).first(), Some(&"trust"), "{:?}", p.themes);
    let trust = &p.themes[0];
    assert!(
        trust.terms.contains(&stem_phrase("building trust")),
        "{trust:?}"
    );
    assert!(p.themes.len() <= 3);
    assert!(!p.recommendations.is_empty());
    assert!(cues(&p).iter().all(|c| *c == "have to"), "{:?}", cues(&p));
    let build = p
        .recommendations
        .iter()
        .find(|r| r.text.starts_with("To work together"))
        .expect("the trust sentence is a recommendation");
    assert!(
        build.text.ends_with("a never ending story…"),
        "{:?}",
        build.text
    );
    assert!(build.addressee.is_empty());
}

#[test]
fn collective_voice_in_session_notes() {
    let d = seed(SEEDS[3]);
    let p = tag_at(
        &d,
        "As civil society we need to be open to ensure participation and ensure that we have capacity building sessions",
        PassageKind::Paragraph,
        &[],
    );
    assert_spans(&d, &p);
    assert_eq!(p.voice, Some(Group::CivilSociety));
    assert!(theme_ids(&p).contains(&"participation"), "{:?}", p.themes);
    assert!(
        theme_ids(&p).contains(&"resources"),
        "capacity building: {:?}",
        p.themes
    );
    assert_eq!(cues(&p), ["need to"]);
    assert_eq!(p.recommendations[0].addressee, [Group::CivilSociety]);

    // A named speaker's group wins over the text's claim.
    let mut q = Passage::new(&d, 2, PassageKind::Paragraph, p.start, p.end);
    q.speaker = Some(Speaker {
        group: Some(Group::Business),
        ..Speaker::named("Someone", How::Label)
    });
    TAGGER.tag(&mut q);
    assert_eq!(q.voice, Some(Group::Business));

    assert_eq!(
        tag_text(
            "We in the private sector have to do better.",
            PassageKind::Paragraph
        )
        .voice,
        Some(Group::Business)
    );
    assert_eq!(
        tag_text("As governments, we must listen.", PassageKind::Paragraph).voice,
        Some(Group::Government)
    );
    assert_eq!(
        tag_text(
            "Actors such as governments we met were wary.",
            PassageKind::Paragraph
        )
        .voice,
        None
    );
    assert_eq!(
        tag_text(
            "Governments should listen to civil society.",
            PassageKind::Paragraph
        )
        .voice,
        None
    );
}

#[test]
fn reported_questions_and_history_are_not_recommendations() {
    let d = seed(SEEDS[4]);
    let p = tag_at(
        &d,
        "Woods was asked how WIPO Internet treaties from 1996 deal with modern needs regarding technology and if they could still be considered as multilateral.",
        PassageKind::Paragraph,
        &[],
    );
    assert!(p.recommendations.is_empty(), "{:?}", p.recommendations);
    assert!(p.mentions.contains(&Group::Intergovernmental));
    let p = tag_at(
        &d,
        "The only real accountability was a contractual right, and for many this was too vague and not as binding as it should be.",
        PassageKind::Paragraph,
        &[],
    );
    assert!(p.recommendations.is_empty(), "{:?}", p.recommendations);
    assert_eq!(theme_ids(&p).first(), Some(&"accountability"));

    let d = seed(SEEDS[2]);
    for s in [
        "Lastly, it recommended that the five permanent members of the Security Council reach a \"gentleman's agreement\" not to use the veto in cases involving mass atrocities.",
        "It must be mentioned here that the \"responsibility to protect\" already had a longer intellectual history.",
    ] {
        let p = tag_at(&d, s, PassageKind::Paragraph, &[]);
        assert!(p.recommendations.is_empty(), "{s}: {:?}", p.recommendations);
    }
    for s in [
        "It should be noted that governments met twice.",
        "The Commission recommended in 1995 that states should reform the Council.",
        "If the talks should fail, nobody will be surprised.",
        "Should we focus all our energy on the IGF, or shall we engage elsewhere?",
        "They do not have to focus on crisis management.",
        "At the same time, it is important to stress that a redefinition of the role of the state happens only slowly.",
    ] {
        let p = tag_text(s, PassageKind::Paragraph);
        assert!(p.recommendations.is_empty(), "{s}: {:?}", p.recommendations);
    }
}

#[test]
fn page_break_paragraph_of_the_synthesis_has_one_sentence_across_the_break_and_no_recommendation() {
    let d = seed(SEEDS[0]);
    let start = d
        .text
        .find("Private industry has begun")
        .expect("paragraph");
    let end = d.text[start..]
        .find("particular multistakeholder coalition.")
        .map(|i| start + i + "particular multistakeholder coalition.".len())
        .expect("end of paragraph");
    let text = &d.text[start..end];
    let across: Vec<&str> = sentences::sentences(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .filter(|s| s.contains("\n\n"))
        .collect();
    assert_eq!(across.len(), 1);
    assert!(
        across[0].starts_with("On the flip side")
            && across[0].ends_with("failed or indifferent governments.")
    );

    let mut p = Passage::new(&d, 1, PassageKind::Paragraph, start, end);
    TAGGER.tag(&mut p);
    assert_spans(&d, &p);
    // "what they should have been doing" and "it is important to stress that" are not advice.
    assert!(p.recommendations.is_empty(), "{:?}", p.recommendations);
    assert!(p.mentions.contains(&Group::Business) && p.mentions.contains(&Group::CivilSociety));
}

#[test]
fn questions_posed_in_bullets_and_paragraphs_but_not_headings() {
    let d = seed(SEEDS[0]);
    let bullet = "- ❖ How are multistakeholder coalitions filling gaps in global governance? What, in your view, are examples of successful multistakeholder coalitions, and where have efforts come up short? (*please share specific lessons*)";
    let p = tag_at(&d, bullet, PassageKind::Bullet, &[]);
    assert_spans(&d, &p);
    let qs: Vec<&str> = p.questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        qs,
        [
            "How are multistakeholder coalitions filling gaps in global governance?",
            "What, in your view, are examples of successful multistakeholder coalitions, and where have efforts come up short?"
        ]
    );
    assert!(p.recommendations.is_empty());

    let title = "Cooperative Multistakeholder Action: Constructive or Confusing Global Governance?";
    assert!(tag_text(title, PassageKind::Heading).questions.is_empty());
    // The same title in italics inside a statement is not a question either.
    let p = tag_at(
        &d,
        "seven-week e-Consultation on ***Cooperative Multistakeholder Action: Constructive or Confusing Global Governance?***",
        PassageKind::Paragraph,
        &[],
    );
    assert!(p.questions.is_empty(), "{:?}", p.questions);

    let d = seed(SEEDS[3]);
    let p = tag_at(
        &d,
        "2. We should work on a set of indicators of issues; stakeholder mapping. Who is involved? What are the issues?",
        PassageKind::Paragraph,
        &[],
    );
    assert_spans(&d, &p);
    let qs: Vec<&str> = p.questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(qs, ["Who is involved?", "What are the issues?"]);
    assert_eq!(cues(&p), ["should"]);
    assert_eq!(
        p.recommendations[0].text,
        "We should work on a set of indicators of issues; stakeholder mapping."
    );
}

#[test]
fn recommendation_sections_are_read_generously() {
    let d = seed(SEEDS[3]);
    let consider = "- Consider to transform MS principles into concrete criteria to rank the “level” of openness for multistakeholder participation in each process/forum and to issue some kind of Best Bits assessments on these.";
    let p = tag_at(
        &d,
        consider,
        PassageKind::Bullet,
        &["Recommendations from groups"],
    );
    assert_eq!(cues(&p), ["consider"]);
    assert!(
        p.recommendations[0]
            .text
            .starts_with("Consider to transform")
    );
    assert!(
        tag_at(&d, consider, PassageKind::Bullet, &[])
            .recommendations
            .is_empty()
    );

    for (bullet, cue) in [
        (
            "- Indicate ways for improving existing institutions and processes",
            "indicate",
        ),
        (
            "- Help articulate what we want from new processes, like the Brazil 2014 meeting",
            "help",
        ),
        (
            "- IGF should try to agree on principles, not on too detailed thing like legal frameworks",
            "should",
        ),
    ] {
        let p = tag_at(
            &d,
            bullet,
            PassageKind::Bullet,
            &["Recommendations from groups"],
        );
        assert_eq!(cues(&p), [cue], "{bullet}");
        assert!(
            p.recommendations[0].addressee.is_empty(),
            "IGF is not a stakeholder group"
        );
    }
    let p = tag_at(
        &d,
        "CS should be more coordinated and strategic in this area.",
        PassageKind::Bullet,
        &[],
    );
    assert_eq!(p.recommendations[0].addressee, [Group::CivilSociety]);

    let d = seed(SEEDS[4]);
    let lesson = "The process of defining the problem, agreeing on the vocabulary, etc., is better in a large group.";
    let p = tag_at(
        &d,
        lesson,
        PassageKind::Bullet,
        &[
            "Lessons learned from other multistakeholder processes",
            "Lessons learned:",
        ],
    );
    assert_eq!(cues(&p), ["is better"]);
    assert!(theme_ids(&p).contains(&"process"));
    assert!(
        tag_at(&d, lesson, PassageKind::Paragraph, &[])
            .recommendations
            .is_empty()
    );
    let p = tag_at(
        &d,
        "Stay pragmatic (and a little bit patient)! (Michel Quillé)",
        PassageKind::Bullet,
        &["Lessons learned:"],
    );
    assert_eq!(cues(&p), ["stay"]);
    assert_eq!(
        p.recommendations[0].text,
        "Stay pragmatic (and a little bit patient)!"
    );
}

#[test]
fn cues_and_addressees_of_explicit_recommendations() {
    let d = seed(SEEDS[0]);
    let p = tag_at(
        &d,
        "Clearly outlined procedures and carefully managed processes create trust among very heterogenous stakeholders. We recommend neutral multistakeholder initiative secretariats, as well as skilled discussion facilitators, that define procedures, manage communication, and guide processes.",
        PassageKind::Bullet,
        &[],
    );
    assert_eq!(cues(&p), ["we recommend"]);
    assert!(
        p.recommendations[0]
            .text
            .starts_with("We recommend neutral")
    );
    assert_eq!(theme_ids(&p).first(), Some(&"process"), "{:?}", p.themes);
    assert!(theme_ids(&p).contains(&"trust"));

    let p = tag_text(
        "We call on governments and the private sector to publish their data.",
        PassageKind::Paragraph,
    );
    assert_eq!(cues(&p), ["we call on"]);
    assert_eq!(
        p.recommendations[0].addressee,
        [Group::Government, Group::Business]
    );
    let p = tag_text(
        "Governments must consult NGOs early.",
        PassageKind::Paragraph,
    );
    assert_eq!(p.recommendations[0].addressee, [Group::Government]);
    let p = tag_text(
        "It is essential that donors fund travel.",
        PassageKind::Paragraph,
    );
    assert_eq!(cues(&p), ["it is essential that"]);
    let visit = "Finally, to access the publication “***Multi-Stakeholder Processes for Conflict Prevention and Peacebuilding: A Manual***”, please visit: <http://www.preventiveaction.org/>).";
    let p = tag_at(&d, visit, PassageKind::Paragraph, &[]);
    assert!(p.recommendations.is_empty(), "{:?}", p.recommendations);
}

#[test]
fn themes_mentions_and_exclusions() {
    let d = seed(SEEDS[0]);
    let p = tag_at(
        &d,
        "a major takeaway was the recognition that new coalitions of traditional global actors (states and international organizations) and non-traditional actors (civil society, the business community, and the media)",
        PassageKind::Paragraph,
        &[],
    );
    assert_eq!(
        p.mentions,
        [
            Group::Government,
            Group::Intergovernmental,
            Group::Business,
            Group::CivilSociety,
            Group::Media
        ]
    );
    let p = tag_at(
        &d,
        "Network structures that incorporate non-state actors are treated with more suspicion by states than those which are purely intergovernmental.",
        PassageKind::Bullet,
        &[],
    );
    assert_eq!(
        p.mentions,
        [Group::Government],
        "non-state actors are not the state"
    );
    assert!(theme_ids(&p).contains(&"trust"), "{:?}", p.themes);
    assert!(theme_ids(&p).contains(&"sovereignty"), "{:?}", p.themes);
    // "governance" shares the stem of "government" but is not a mention of it.
    let p = tag_text(
        "Global governance gaps remain, and multistakeholder governance is uneven.",
        PassageKind::Paragraph,
    );
    assert!(p.mentions.is_empty(), "{:?}", p.mentions);

    let p = tag_text(
        "Pension reform and social security were debated at length by the committee.",
        PassageKind::Paragraph,
    );
    assert!(!theme_ids(&p).contains(&"security"), "{:?}", p.themes);
    let p = tag_text(
        "Security sector reform and peacebuilding in Afghanistan.",
        PassageKind::Paragraph,
    );
    assert_eq!(theme_ids(&p).first(), Some(&"security"));
    let p = tag_text(
        "The trust fund paid for the meeting.",
        PassageKind::Paragraph,
    );
    assert!(!theme_ids(&p).contains(&"trust"), "{:?}", p.themes);

    let d = seed(SEEDS[4]);
    let p = tag_at(
        &d,
        "There is always difference in power dynamics.",
        PassageKind::Bullet,
        &[],
    );
    assert_eq!(theme_ids(&p), ["power"]);
    assert_eq!(p.themes[0].terms, [stem_phrase("power dynamics")]);
    let p = tag_at(
        &d,
        "Participation is a major issue. (Andy Orsmond)",
        PassageKind::Bullet,
        &[],
    );
    assert_eq!(theme_ids(&p), ["participation"]);
    assert!(
        tag_at(&d, "Comments (0)", PassageKind::Paragraph, &[])
            .themes
            .is_empty()
    );
}

/// Every line of every seed, tagged as a passage: spans are exact, outputs sorted and bounded,
/// and tagging in parallel gives the same bytes as tagging in order.
#[test]
fn every_seed_line_tags_consistently() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Tagger>();
    use rayon::prelude::*;

    let mut passages = 0;
    let mut with = BTreeMap::<&str, usize>::new();
    for name in SEEDS {
        let d = seed(name);
        let mut lines = Vec::new();
        let mut off = 0;
        for line in d.text.split_inclusive('\n') {
            let t = line.trim();
            if !t.is_empty() {
                let s = off + (line.len() - line.trim_start().len());
                lines.push(Passage::new(
                    &d,
                    lines.len() + 1,
                    PassageKind::Paragraph,
                    s,
                    s + t.len(),
                ));
            }
            off += line.len();
        }
        let mut seq = lines.clone();
        seq.iter_mut().for_each(|p| TAGGER.tag(p));
        let mut par = lines;
        par.par_iter_mut().for_each(|p| TAGGER.tag(p));
        assert_eq!(seq, par);
        for p in &seq {
            assert_spans(&d, p);
            assert!(p.themes.len() <= 3);
            assert!(p.themes.windows(2).all(|w| w[0].score >= w[1].score));
            for t in &p.themes {
                assert!(t.terms.windows(2).all(|w| w[0] < w[1]), "{t:?}");
                assert!(t.score >= TAGGER.taxonomy().threshold);
            }
            assert!(p.mentions.windows(2).all(|w| w[0] < w[1]));
            *with.entry("themes").or_default() += usize::from(!p.themes.is_empty());
            *with.entry("recommendations").or_default() += p.recommendations.len();
            *with.entry("questions").or_default() += p.questions.len();
            passages += 1;
        }
    }
    assert!(passages > 500, "{passages}");
    // The demo corpus is about these things: most lines get a theme, and there are many
    // recommendations and questions, but far from one per line.
    assert!(with["themes"] * 2 > passages, "{with:?} of {passages}");
    assert!(
        (40..passages / 2).contains(&with["recommendations"]),
        "{with:?}"
    );
    assert!((40..passages / 2).contains(&with["questions"]), "{with:?}");
}

#[test]
fn theme_labels_are_listed_in_taxonomy_order() {
    let labels = TAGGER.theme_labels();
    assert_eq!(labels.len(), 16);
    assert_eq!(labels[0], ("trust", "Trust and relationships"));
    assert_eq!(
        TAGGER.taxonomy().label("digital"),
        Some("Internet and digital governance")
    );
}

/// Any text, however odd, tags without panicking and with exact spans.
#[test]
fn odd_inputs_never_panic() {
    const PALETTE: &[&str] = &[
        "should",
        "must",
        "Ensure",
        "?",
        ".",
        "…",
        "\n\n",
        "\n- ",
        " ",
        "“",
        "”",
        "*",
        "(",
        ")",
        "As",
        "we",
        "civil society",
        "U.S.",
        "é",
        "❖",
        "\u{a0}",
        "\t",
        "governments",
        "if",
        "it is important to",
        "have to",
        "trust",
        "3.5",
        "日本",
        "\u{200b}",
        "social security",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..2000 {
        let len = (next() % 40) as usize;
        let text: String = (0..len)
            .map(|_| PALETTE[(next() % PALETTE.len() as u64) as usize])
            .collect();
        for kind in [
            PassageKind::Paragraph,
            PassageKind::Bullet,
            PassageKind::Heading,
        ] {
            let d = doc("odd", &format!("x{text}y"));
            let mut p = Passage::new(&d, 1, kind, 1, d.text.len() - 1);
            p.section = vec!["Recommendations".into()];
            TAGGER.tag(&mut p);
            assert_spans(&d, &p);
        }
    }
    let long = "a".repeat(100_000);
    assert!(tag_text(&long, PassageKind::Paragraph).themes.is_empty());
}
