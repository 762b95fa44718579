//! Attribution on the real seed documents, with passages built by a simple line splitter.

use super::*;
use crate::model::{Group, PassageKind};

const SEED_000: &str = include_str!("../../corpora/seeds/000_51a460143868a0c3.txt");
const SEED_001: &str = include_str!("../../corpora/seeds/001_736d92a020b18d93.txt");
const SEED_002: &str = include_str!("../../corpora/seeds/002_0702f1372669ef38.txt");
const SEED_003: &str = include_str!("../../corpora/seeds/003_fc31b683c67c80a6.txt");
const SEED_004: &str = include_str!("../../corpora/seeds/004_c045d1bfa3d696f9.txt");

fn doc(id: &str, text: &str) -> Document {
    let kind = if id.contains("002") {
        "paper"
    } else {
        "report"
    };
    Document {
        id: id.to_string(),
        path: format!("{id}.txt"),
        path_raw: None,
        format: "text".to_string(),
        title: None,
        kind: kind.to_string(),
        text: text.to_string(),
        meta: Default::default(),
        warnings: Vec::new(),
        authors: Vec::new(),
        blocks: Vec::new(),
    }
}

/// One passage per non-empty line: "• "/"- " lines are bullets (the marker skipped), a line
/// ending in ':' with no other punctuation is a heading (and the section of what follows),
/// anything else a paragraph. Ends are trimmed of ASCII whitespace only, like the segmenter.
fn passages_of(d: &Document) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut section: Vec<String> = Vec::new();
    let mut offset = 0;
    for line in d.text.split('\n') {
        let line_start = offset;
        offset += line.len() + 1;
        let body = line.trim_start_matches(' ');
        let mut start = line_start + (line.len() - body.len());
        let mut kind = PassageKind::Paragraph;
        for marker in ["• ", "- "] {
            if body.starts_with(marker) {
                kind = PassageKind::Bullet;
                start += marker.len();
            }
        }
        let end = line_start
            + line
                .trim_end_matches(|c: char| c.is_ascii_whitespace())
                .len();
        if end <= start {
            continue;
        }
        let text = &d.text[start..end];
        if kind == PassageKind::Paragraph && text.ends_with(':') && !text.contains(['.', ',']) {
            kind = PassageKind::Heading;
        }
        let mut p = Passage::new(d, out.len() + 1, kind, start, end);
        p.section.clone_from(&section);
        if kind == PassageKind::Heading {
            section = vec![text.to_string()];
        }
        out.push(p);
    }
    out
}

fn attributed(id: &str, text: &str) -> Vec<Passage> {
    let d = doc(id, text);
    let mut ps = passages_of(&d);
    attribute_document(&d, &mut ps);
    ps
}

fn speaker_name(p: &Passage) -> Option<&str> {
    p.speaker.as_ref().and_then(|s| s.name.as_deref())
}

fn find<'a>(ps: &'a [Passage], starts: &str) -> &'a Passage {
    ps.iter()
        .find(|p| p.text.starts_with(starts))
        .unwrap_or_else(|| panic!("no passage starts with {starts:?}"))
}

#[test]
fn seed_004_roster_people_with_role_and_organisation() {
    let ps = attributed("seeds/004", SEED_004);
    let people = participants(&ps);
    let expected = [
        (
            "Andy Orsmond",
            "Executive Director",
            "International Code of Conduct Association",
        ),
        ("Anne-Marie Buzatu", "Deputy Head of Operations IV", "DCAF"),
        (
            "Michel Quillé",
            "Vice-President",
            "International Forum on Technologies and Security",
        ),
        ("Michele Woods", "Director, Copyright Law Division", "WIPO"),
    ];
    let got: Vec<(&str, Option<&str>, Option<&str>)> = people
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.role.as_deref(),
                p.organisation.as_deref(),
            )
        })
        .collect();
    let want: Vec<(&str, Option<&str>, Option<&str>)> = expected
        .iter()
        .map(|&(n, r, o)| (n, Some(r), Some(o)))
        .collect();
    assert_eq!(got, want);
    let groups: Vec<Option<Group>> = people.iter().map(|p| p.group).collect();
    assert_eq!(
        groups,
        [
            Some(Group::CivilSociety),
            Some(Group::Intergovernmental),
            None,
            Some(Group::Intergovernmental)
        ]
    );
    // "(Michelle Woods)" is another spelling of Michele Woods.
    assert_eq!(people[3].aliases, ["Michelle Woods"]);
    // The speaker-list lines themselves (and the page chrome above them) are nobody's.
    let list = ps
        .iter()
        .position(|p| p.text.starts_with("Moderator: "))
        .expect("the speaker list");
    for p in &ps[..list + 4] {
        assert!(p.speaker.is_none(), "{:?} has {:?}", p.text, p.speaker);
    }
    assert!(ps[list + 3].text.starts_with("Michele Woods, Director"));
}

#[test]
fn seed_004_lessons_learned_bullets_follow_their_parentheses() {
    let ps = attributed("seeds/004", SEED_004);
    let lessons: Vec<&Passage> = ps
        .iter()
        .filter(|p| p.kind == PassageKind::Bullet && p.section == ["Lessons learned:"])
        .collect();
    let names: Vec<Option<&str>> = lessons.iter().map(|p| speaker_name(p)).collect();
    assert_eq!(
        names,
        [
            Some("Andy Orsmond"),
            Some("Michel Quillé"),
            Some("Michele Woods"),
            Some("Andy Orsmond"),
            Some("Andy Orsmond"),
            Some("Andy Orsmond"),
            Some("Michel Quillé"),
        ]
    );
    for p in &lessons {
        let s = p.speaker.as_ref().expect("a speaker");
        assert_eq!(s.how, How::Parenthetical);
        assert!(s.organisation.is_some(), "{:?}", p.text);
    }
}

#[test]
fn seed_004_narrative_paragraphs_belong_to_who_they_report() {
    let ps = attributed("seeds/004", SEED_004);
    let cases = [
        ("Moderator Anne-Marie Buzatu noted", "Anne-Marie Buzatu"),
        (
            "Andy Orsmond, Executive Director, International Code of Conduct Association, began",
            "Andy Orsmond",
        ),
        ("When asked about the division", "Andy Orsmond"),
        ("Michel Quillé, Vice-President of", "Michel Quillé"),
        (
            "Michele Woods, Director, Copyright Law Division, WIPO, opened",
            "Michele Woods",
        ),
        ("Regarding how WIPO has facilitated", "Michele Woods"),
        (
            "Woods was asked how WIPO Internet treaties",
            "Michele Woods",
        ),
        ("Woods was asked for the current role", "Michele Woods"),
    ];
    for (starts, name) in cases {
        let p = find(&ps, starts);
        let s = p
            .speaker
            .as_ref()
            .unwrap_or_else(|| panic!("no speaker: {starts}"));
        assert_eq!(s.name.as_deref(), Some(name), "{starts}");
        assert_eq!(s.how, How::Reported, "{starts}");
    }
    // Quillé's intro says "Vice-President of the International Forum …": the roster's role
    // and organisation win.
    let q = find(&ps, "Michel Quillé, Vice-President of");
    assert_eq!(
        q.speaker.as_ref().and_then(|s| s.role.as_deref()),
        Some("Vice-President")
    );
    // The framing paragraph and the questions are nobody's.
    assert!(
        find(&ps, "The different stakeholder communities")
            .speaker
            .is_none()
    );
    assert!(find(&ps, "Why did you see a need").speaker.is_none());
    assert_eq!(participants(&ps).len(), 4);
    assert_eq!(anonymous_count(&ps), 0);
}

#[test]
fn seed_000_anonymous_contributors() {
    let ps = attributed("seeds/000", SEED_000);
    let anonymous: Vec<&Passage> = ps
        .iter()
        .filter(|p| p.text.contains("as one contributor noted"))
        .collect();
    assert!(!anonymous.is_empty());
    for p in anonymous {
        assert_eq!(p.speaker, Some(Speaker::anonymous()), "{}", &p.text[..60]);
    }
    for cue in [
        "argued one contributor",
        "Another contributor observed",
        "one commentator recommends",
        "it was felt by some participants",
    ] {
        let p = ps.iter().find(|p| p.text.contains(cue)).expect(cue);
        assert_eq!(p.speaker, Some(Speaker::anonymous()), "{cue}");
    }
    // The executive summary's narration and the questions posed are nobody's.
    assert!(find(&ps, "From June 13").speaker.is_none());
    let named = ps
        .iter()
        .find(|p| p.text.contains("Two contributors (Deborah Avant"))
        .expect("the workshop report");
    assert_eq!(speaker_name(named), Some("Deborah Avant"));
    let people: Vec<String> = participants(&ps).into_iter().map(|p| p.name).collect();
    assert_eq!(people, ["Deborah Avant"]);
}

#[test]
fn other_seeds_name_nobody_who_does_not_speak() {
    // 002 is a background paper: the authorities it cites are not speakers, its own text is
    // its authors' (the byline's first author is the one participant); 003 is a session's
    // notes, a body's (Best Bits), no person's.
    for (id, text, authors) in [
        ("seeds/002", SEED_002, vec!["Tom Buitelaar"]),
        ("seeds/003", SEED_003, vec![]),
    ] {
        let ps = attributed(id, text);
        let people: Vec<String> = participants(&ps).into_iter().map(|p| p.name).collect();
        assert_eq!(people, authors, "{id}");
        assert_eq!(anonymous_count(&ps), 0, "{id}");
    }
    let ps = attributed("seeds/002", SEED_002);
    let evans = ps
        .iter()
        .find(|p| p.text.contains("According to Gareth Evans"))
        .and_then(|p| p.speaker.as_ref())
        .expect("Evans is cited");
    assert_eq!(evans.name.as_deref(), Some("Gareth Evans"));
    assert_eq!(evans.how, How::Quoted);
    // A bare name with a verb is not enough to make somebody a speaker: the authors speak.
    let bellamy = find(&ps, "Alex Bellamy describes").speaker.as_ref();
    assert_eq!(bellamy.map(|s| s.how), Some(How::Byline));
    assert_eq!(
        bellamy.and_then(|s| s.name.as_deref()),
        Some("Tom Buitelaar")
    );
}

#[test]
fn comment_speakers_are_kept_and_completed() {
    let text = "Moderator: Avri Doria, Chair, Internet Society\nA comment body.";
    let d = doc("c", text);
    let mut ps = vec![
        Passage::new(&d, 1, PassageKind::Paragraph, 0, 46),
        Passage::new(&d, 2, PassageKind::Comment, 47, text.len()),
    ];
    ps[1].speaker = Some(Speaker::named("Avri doria", How::Comment));
    attribute_document(&d, &mut ps);
    let s = ps[1].speaker.as_ref().expect("kept");
    assert_eq!(s.how, How::Comment);
    assert_eq!(s.name.as_deref(), Some("Avri doria"));
    assert_eq!(s.organisation.as_deref(), Some("Internet Society"));
    assert_eq!(s.group, Some(Group::TechnicalCommunity));
    assert!(ps[0].speaker.is_none());
    let _ = SEED_001;
}

fn paragraphs(lines: &[&str]) -> Vec<Passage> {
    let text = lines.join("\n");
    let d = doc("hand", &text);
    let mut ps = Vec::new();
    let mut start = 0;
    for (n, l) in lines.iter().enumerate() {
        ps.push(Passage::new(
            &d,
            n + 1,
            PassageKind::Paragraph,
            start,
            start + l.len(),
        ));
        start += l.len() + 1;
    }
    attribute_document(&d, &mut ps);
    ps
}

#[test]
fn pronouns_continue_and_bare_names_do_not_start_a_speaker() {
    let ps = paragraphs(&[
        "Ana Lima, Director, Ministry of Health, said that trust takes time.",
        "She added that funding matters more than process.",
        "Deutsche Telekom believes that the market will decide.",
        "The network of labs is growing. (Digital Ecosystem Roles)",
        "Two points were made. (Ana Lima)",
    ]);
    let names: Vec<Option<&str>> = ps.iter().map(speaker_name).collect();
    assert_eq!(
        names,
        [
            Some("Ana Lima"),
            Some("Ana Lima"),
            None,
            None,
            Some("Ana Lima")
        ]
    );
    assert_eq!(
        ps[0].speaker.as_ref().and_then(|s| s.group),
        Some(Group::Government)
    );
}

#[test]
fn a_speaker_list_in_one_passage_is_still_a_roster() {
    let text = "Moderator: Anne-Marie Buzatu, Deputy Head of Operations IV, DCAF\nAndy Orsmond, Executive Director, International Code of Conduct Association\nOrsmond noted that the association is new.";
    let d = doc("block", text);
    let split = text.rfind('\n').expect("two lines");
    let mut ps = vec![
        Passage::new(&d, 1, PassageKind::Paragraph, 0, split),
        Passage::new(&d, 2, PassageKind::Paragraph, split + 1, text.len()),
    ];
    attribute_document(&d, &mut ps);
    assert!(ps[0].speaker.is_none());
    let s = ps[1].speaker.as_ref().expect("Orsmond");
    assert_eq!(s.name.as_deref(), Some("Andy Orsmond"));
    assert_eq!(s.group, Some(Group::CivilSociety));
}

#[test]
fn transcripts_take_speakers_from_labels_only() {
    let text = "Councilman Smith mentioned this to me. Several participants shared the view.";
    let mut d = doc("t", text);
    d.kind = "transcript".to_string();
    let mut ps = vec![Passage::new(&d, 1, PassageKind::Paragraph, 0, text.len())];
    attribute_document(&d, &mut ps);
    assert!(ps[0].speaker.is_none());
}

#[test]
fn no_panic_and_deterministic_on_odd_input() {
    for text in [
        "",
        "(",
        ")",
        "(Ann",
        "A (B C)",
        "Ann Lee, ,",
        "\u{a0}\u{a0}",
        "é, é, é",
        "(é)",
        "Dr. ",
        "Moderator:",
        "Moderator: Ann Lee",
        "a, b, c,",
        "One contributor",
        "(Ann Lee)",
        "Ann Lee, Director, ",
        "According to ",
        "Two contributors (",
        "Two contributors (Ann Lee and",
        "He said",
        "Ann Lee, Director, Acme Ltd.\nBo Chen, Professor, Uni\n(Bo Chen)",
    ] {
        let a = attributed("x", text);
        let b = attributed("x", text);
        assert_eq!(a, b);
    }
}

/// A transcript whose passages carry the given labels.
fn labelled(labels: &[&str], meta: serde_json::Value) -> (Document, Vec<Passage>) {
    let text = labels.join("\n");
    let mut d = doc("t", &text);
    d.kind = "transcript".to_string();
    if let serde_json::Value::Object(m) = meta {
        d.meta = m.into_iter().collect();
    }
    let mut start = 0;
    let mut ps = Vec::new();
    for (n, l) in labels.iter().enumerate() {
        let mut p = Passage::new(&d, n + 1, PassageKind::Utterance, start, start + l.len());
        p.speaker = Some(Speaker::named(*l, How::Label));
        p.meta.insert("label".into(), serde_json::json!(l));
        ps.push(p);
        start += l.len() + 1;
    }
    (d, ps)
}

#[test]
fn transcript_labels_resolve_to_people() {
    let (d, mut ps) = labelled(
        &[
            "The Chair (Hon. Anthony Rota (NipissingTimiskaming, Lib.))",
            "Mr. James Bezan (SelkirkInterlakeEastman, CPC)",
            "The Chair",
            "Mr. Bezan",
            "RPR",
            "Unknown",
            "MODERATOR",
        ],
        serde_json::json!({"attendees": [{"name": "Rob Palmer", "abbreviation": "RPR", "organisation": "Bloomberg"}]}),
    );
    attribute_document(&d, &mut ps);
    let names: Vec<Option<&str>> = ps.iter().map(speaker_name).collect();
    assert_eq!(
        names,
        [
            Some("Anthony Rota"),
            Some("James Bezan"),
            Some("Anthony Rota"),
            Some("James Bezan"),
            Some("Rob Palmer"),
            None,
            None
        ]
    );
    let bezan = ps[1].speaker.as_ref().expect("speaker");
    assert_eq!(
        bezan.role.as_deref(),
        Some("MP for SelkirkInterlakeEastman")
    );
    assert_eq!(bezan.group, Some(Group::Government));
    assert_eq!(
        ps[4]
            .speaker
            .as_ref()
            .and_then(|s| s.organisation.as_deref()),
        Some("Bloomberg")
    );
    // Nobody in particular, and a part nobody was named for: anonymous, with the label as role.
    for p in &ps[5..] {
        let s = p.speaker.as_ref().expect("speaker");
        assert!(s.anonymous && s.how == How::Label, "{:?}", p.text);
    }
    assert_eq!(
        ps[6].speaker.as_ref().and_then(|s| s.role.as_deref()),
        Some("Moderator")
    );
}

#[test]
fn a_pipeline_roster_names_aliases_and_the_moderator() {
    let roster = PipelineRoster::new(vec![RosterEntry {
        name: "Audrey Tang".into(),
        aliases: vec!["唐鳳".into()],
        ..RosterEntry::default()
    }])
    .expect("roster");
    let (d, mut ps) = labelled(&["唐鳳", "Audrey Tang"], serde_json::Value::Null);
    attribute_document_with(&d, &mut ps, &roster);
    assert!(ps.iter().all(|p| speaker_name(p) == Some("Audrey Tang")));
    // A speaker list names the moderator; "MODERATOR:" turns are theirs.
    let text = "Moderator: Anne-Marie Buzatu, Deputy Head of Operations IV, DCAF\nAndy Orsmond, Executive Director, ICoCA\nMODERATOR";
    let mut d = doc("t2", text);
    d.kind = "transcript".into();
    let mut ps = passages_of(&d);
    ps[2].kind = PassageKind::Utterance;
    ps[2].speaker = Some(Speaker::named("MODERATOR", How::Label));
    attribute_document(&d, &mut ps);
    assert_eq!(speaker_name(&ps[2]), Some("Anne-Marie Buzatu"));
}
