//! Small corpora built to show one behaviour each: merged recommendations, disagreements,
//! minority views, redaction, structures, campaigns, HTML escaping.

use super::corpus::{document, span, taxonomy, theme};
use crate::model::{
    DocInfo, Document, Group, How, Passage, PassageKind, Recommendation, Span, Speaker,
};
use crate::synth::*;

/// A contribution: one document, one passage over its whole text, tagged with `theme_id`.
fn contribution(
    id: &str,
    text: &str,
    who: Option<(&str, Group)>,
    theme_id: &str,
) -> (Document, Passage) {
    let doc = document(id, &format!("Submission {id}"), text);
    let mut p = Passage::new(&doc, 1, PassageKind::Contribution, 0, text.len());
    if let Some((name, group)) = who {
        p.speaker = Some(Speaker {
            group: Some(group),
            ..Speaker::named(name, How::Metadata)
        });
        p.voice = Some(group);
    }
    p.themes = vec![theme(theme_id, 0.6, &[])];
    // Its stance as the tag stage gives it (the rest of the tags are the test's).
    let mut tagged = p.clone();
    crate::tag::Tagger::new(crate::tag::Taxonomy::default_multistakeholder().expect("taxonomy"))
        .tag(&mut tagged);
    p.stance = tagged.stance;
    (doc, p)
}

/// Marks the whole passage text as one recommendation with cue `should`.
fn recommends(p: &mut Passage) {
    p.recommendations = vec![Recommendation {
        start: p.start,
        end: p.end,
        text: p.text.clone(),
        cue: "should".into(),
        addressee: vec![Group::Government],
        agreed: false,
    }];
}

fn outline(corpus: &[(Document, Passage)], opts: &OutlineOptions) -> Outline {
    let docs: Vec<DocInfo> = corpus.iter().map(|(d, _)| DocInfo::from(d)).collect();
    let passages: Vec<Passage> = corpus.iter().map(|(_, p)| p.clone()).collect();
    build(&docs, &passages, &taxonomy(), opts)
}

fn section<'a>(o: &'a Outline, id: &str) -> &'a Section {
    o.sections.iter().find(|s| s.id == id).expect("section")
}

#[test]
fn near_duplicate_recommendations_are_one_with_who_raised_them() {
    let mut corpus = vec![
        contribution(
            "a",
            "Governments should publish all consultation documents online before each meeting.",
            Some(("Alice Abel", Group::Government)),
            "transparency",
        ),
        contribution(
            "b",
            "Governments should publish all the consultation documents online before every meeting.",
            Some(("Bob Brown", Group::CivilSociety)),
            "transparency",
        ),
        contribution(
            "c",
            "governments should publish all consultation documents online before each meeting",
            Some(("Carol Chen", Group::Business)),
            "transparency",
        ),
        contribution(
            "d",
            "Governments should publish consultation documents online before meetings, in all languages.",
            Some(("Dan Diaz", Group::CivilSociety)),
            "transparency",
        ),
        contribution(
            "e",
            "Funding for capacity building should come from a neutral trust fund.",
            Some(("Eve Ek", Group::Academia)),
            "transparency",
        ),
    ];
    for (_, p) in &mut corpus {
        recommends(p);
    }
    let o = outline(&corpus, &OutlineOptions::default());
    let s = section(&o, "transparency");
    assert_eq!(s.recommendations_total, 2);
    let first = &s.recommendations[0];
    assert_eq!(first.members, ["a#1", "b#1", "c#1", "d#1"]);
    assert_eq!(
        first.raised_by,
        RaisedBy {
            passages: 4,
            documents: 4,
            participants: 4,
            groups: vec![Group::Government, Group::Business, Group::CivilSociety],
        }
    );
    assert!(
        first
            .quote
            .shown()
            .starts_with("Governments should publish")
    );
    assert_eq!(s.recommendations[1].members, ["e#1"]);
    let md = markdown::render(&o);
    assert!(
        md.contains("raised by 4 participants from 3 groups (4 passages of 4 documents)"),
        "{md}"
    );
}

#[test]
fn opposite_stances_of_two_groups_are_a_disagreement() {
    let corpus = vec![
        contribution(
            "g",
            "We support the proposal to keep treaty negotiations among states only.",
            Some(("Gita Gov", Group::Government)),
            "sovereignty",
        ),
        contribution(
            "n",
            "We oppose the proposal, because it shuts civil society out of the negotiations.",
            Some(("Nia Ngo", Group::CivilSociety)),
            "sovereignty",
        ),
    ];
    let o = outline(&corpus, &OutlineOptions::default());
    let d = &section(&o, "sovereignty").disagreements;
    let stance = d
        .iter()
        .find(|d| d.kind == DisagreementKind::Stance)
        .expect("a stance disagreement");
    assert_eq!(stance.groups, [Group::Government, Group::CivilSociety]);
    assert!(
        stance
            .point
            .as_ref()
            .expect("point")
            .shown()
            .starts_with("We support")
    );
    assert!(stance.reply.shown().starts_with("We oppose"));
    // Who stands on each side of the object both name, counted.
    assert_eq!(
        stance.summary,
        "On “proposal”: 1 participant from 1 group in support, 1 participant from 1 group against"
    );
}

#[test]
fn a_point_only_one_group_makes_is_a_minority_view() {
    let corpus = vec![
        contribution(
            "c1",
            "Open participation needs remote access, translation and travel funding for every participant.",
            Some(("Cy One", Group::CivilSociety)),
            "participation",
        ),
        contribution(
            "c2",
            "Remote access and translation make participation open to participants from everywhere.",
            Some(("Cy Two", Group::CivilSociety)),
            "participation",
        ),
        contribution(
            "c3",
            "Travel funding and translation decide who can participate at all.",
            Some(("Cy Three", Group::CivilSociety)),
            "participation",
        ),
        contribution(
            "g1",
            "National security exemptions must remain when delegations admit observers to closed sessions.",
            Some(("Gus Gov", Group::Government)),
            "participation",
        ),
    ];
    let opts = OutlineOptions {
        max_quotes: 1,
        ..OutlineOptions::default()
    };
    let o = outline(&corpus, &opts);
    let s = section(&o, "participation");
    let key: Vec<&str> = s.quotes.iter().map(|q| q.passage.as_str()).collect();
    let minority = &s.minority;
    assert!(!minority.is_empty());
    assert_eq!(
        minority[0].group,
        Group::Government,
        "the smallest group first"
    );
    assert_eq!(minority[0].quote.passage, "g1#1");
    for m in minority {
        assert!(
            !key.contains(&m.quote.passage.as_str()),
            "not a key point again"
        );
    }
}

#[test]
fn comment_replies_that_push_back_are_disagreements_with_what_they_answer() {
    let text = "2. Access\nRemote participation is enough for most stakeholders.\n\tComment by Ann Ames: This claim needs evidence from the sessions.\tComment by Ben Bell: Agreed, but the sessions were never recorded.\tComment by Cat Cole: I disagree with this sentence entirely.\n";
    let doc = document("draft", "Draft", text);
    let mut ps = Vec::new();
    let mut h = Passage::new(&doc, 1, PassageKind::Heading, 0, 9);
    h.themes = vec![theme("participation", 0.5, &[])];
    ps.push(h);
    let (bs, be) = span(
        text,
        "Remote participation is enough for most stakeholders.",
    );
    let mut body = Passage::new(&doc, 2, PassageKind::Paragraph, bs, be);
    body.section = vec!["2. Access".into()];
    body.themes = vec![theme("participation", 0.8, &["particip"])];
    // The draft's author, as a byline or the file's properties give it: the text is a side.
    body.speaker = Some(Speaker::named("Dee Drafter", How::Byline));
    ps.push(body);
    for (n, (needle, who)) in [
        ("This claim needs evidence from the sessions.", "Ann Ames"),
        ("Agreed, but the sessions were never recorded.", "Ben Bell"),
        ("I disagree with this sentence entirely.", "Cat Cole"),
    ]
    .into_iter()
    .enumerate()
    {
        let (s, e) = span(text, needle);
        let mut c = Passage::new(&doc, 3 + n, PassageKind::Comment, s, e);
        c.section = vec!["2. Access".into()];
        c.speaker = Some(Speaker::named(who, How::Comment));
        c.anchor = Some(Span::of(text, bs, be));
        ps.push(c);
    }
    let o = build(
        &[DocInfo::from(&doc)],
        &ps,
        &taxonomy(),
        &OutlineOptions::default(),
    );
    let s = section(&o, "participation");
    let replies: Vec<&Disagreement> = s
        .disagreements
        .iter()
        .filter(|d| d.kind == DisagreementKind::Reply)
        .collect();
    assert_eq!(replies.len(), 2, "{:#?}", s.disagreements);
    // Ben answers Ann's comment ("Agreed, but"); Cat disputes the text itself.
    assert_eq!(replies[0].reply.passage, "draft#4");
    assert_eq!(replies[0].point.as_ref().expect("point").passage, "draft#3");
    assert_eq!(
        replies[0].summary,
        "Ben Bell pushes back on Ann Ames’s comment"
    );
    assert_eq!(replies[1].reply.passage, "draft#5");
    let on = replies[1].point.as_ref().expect("the anchored text");
    assert_eq!(
        on.shown(),
        "Remote participation is enough for most stakeholders."
    );
    assert_eq!(
        replies[1].reply.attribution,
        "Cat Cole, comment on §2: “Remote participation is enough for most…”"
    );
    // Ann's comment is shown as the point Ben answers, so not again among the comments.
    assert!(s.comments.iter().all(|q| !q.passage.starts_with("draft#")));
    // A draft nobody is known to have written is no side: Cat's comment on it is a
    // reviewer's comment, shown among the comments, not a disagreement.
    ps[1].speaker = None;
    let o = build(
        &[DocInfo::from(&doc)],
        &ps,
        &taxonomy(),
        &OutlineOptions::default(),
    );
    let s = section(&o, "participation");
    assert!(
        s.disagreements.iter().all(|d| d.reply.passage != "draft#5"),
        "{:#?}",
        s.disagreements
    );
    assert!(s.comments.iter().any(|q| q.passage == "draft#5"));
}

#[test]
fn personal_data_is_redacted_by_default_and_parts_stay_verbatim() {
    let text = "Please write to jane.doe@example.org or call +44 20 7946 0958 to join the trust working group.";
    let corpus = vec![contribution(
        "p",
        text,
        Some(("Jane Doe", Group::CivilSociety)),
        "trust",
    )];
    let o = outline(&corpus, &OutlineOptions::default());
    let q = &section(&o, "trust").quotes[0];
    assert!(q.verbatim.text.is_none());
    assert_eq!(
        q.shown(),
        "Please write to [email] or call [phone] to join the trust working group."
    );
    let kinds: Vec<RedactionKind> = q.verbatim.redactions.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [RedactionKind::Email, RedactionKind::Phone]);
    for part in &q.verbatim.parts {
        assert_eq!(part.text, &text[part.start..part.end]);
    }
    let rendered = format!(
        "{}{}{}",
        json::render(&o),
        markdown::render(&o),
        html::render(&o)
    );
    assert!(!rendered.contains("jane.doe@example.org") && !rendered.contains("7946"));
    let open = OutlineOptions {
        redact: false,
        ..OutlineOptions::default()
    };
    let o = outline(&corpus, &open);
    assert_eq!(
        section(&o, "trust").quotes[0].verbatim.text.as_deref(),
        Some(text)
    );
}

#[test]
fn sections_by_heading_and_by_question() {
    let text = "Consultation notes\nWelcome and purpose of the day.\n1. Access\nHow can remote participation be improved?\nRemote participation needs captioning and stable connections.\nTravel funding also matters.\n2. Funding\nWho should pay for capacity building?\nA pooled fund should pay for capacity building.\n";
    let doc = document("notes", "Notes", text);
    let mut ps = Vec::new();
    let mut add = |needle: &str, kind: PassageKind, section: &[&str]| {
        let (s, e) = span(text, needle);
        let mut p = Passage::new(&doc, ps.len() + 1, kind, s, e);
        p.section = section.iter().map(|h| h.to_string()).collect();
        if needle.ends_with('?') {
            p.questions = vec![Span::of(text, s, e)];
        }
        ps.push(p);
    };
    add(
        "Welcome and purpose of the day.",
        PassageKind::Paragraph,
        &[],
    );
    add("1. Access", PassageKind::Heading, &[]);
    add(
        "How can remote participation be improved?",
        PassageKind::Bullet,
        &["1. Access"],
    );
    add(
        "Remote participation needs captioning and stable connections.",
        PassageKind::Paragraph,
        &["1. Access"],
    );
    add(
        "Travel funding also matters.",
        PassageKind::Paragraph,
        &["1. Access"],
    );
    add("2. Funding", PassageKind::Heading, &[]);
    add(
        "Who should pay for capacity building?",
        PassageKind::Bullet,
        &["2. Funding"],
    );
    add(
        "A pooled fund should pay for capacity building.",
        PassageKind::Paragraph,
        &["2. Funding"],
    );
    let docs = [DocInfo::from(&doc)];
    let by = |by: By| {
        let opts = OutlineOptions {
            by,
            ..OutlineOptions::default()
        };
        build(&docs, &ps, &taxonomy(), &opts)
    };
    let o = by(By::Section);
    let labels: Vec<(&str, usize)> = o
        .sections
        .iter()
        .map(|s| (s.label.as_str(), s.passages))
        .collect();
    assert_eq!(
        labels,
        [("Notes (opening)", 1), ("1. Access", 3), ("2. Funding", 2)]
    );
    let o = by(By::Question);
    let labels: Vec<(&str, Vec<&str>)> = o
        .sections
        .iter()
        .map(|s| {
            let members = s.quotes.iter().map(|q| q.passage.as_str()).collect();
            (s.label.as_str(), members)
        })
        .collect();
    assert_eq!(labels[0].0, "How can remote participation be improved?");
    assert_eq!(labels[1].0, "Who should pay for capacity building?");
    assert_eq!(o.sections[0].passages, 2, "the two answers on access");
    assert_eq!(o.sections[1].passages, 1);
    assert_eq!(
        o.sections[0].question.as_ref().map(Quote::shown),
        Some("How can remote participation be improved?")
    );
    assert_eq!(
        (o.sections[2].id.as_str(), o.sections[2].passages),
        ("question-other", 1)
    );
}

#[test]
fn form_letters_are_one_campaign_and_do_not_drown_a_theme() {
    let letter = "I write as a concerned citizen to ask that the new rules on online platforms protect our privacy, keep the Internet open and give every user a say.";
    let mut corpus: Vec<(Document, Passage)> = (0..6)
        .map(|n| {
            contribution(
                &format!("f{n}"),
                &format!("{letter} Signed, resident {n}."),
                None,
                "digital",
            )
        })
        .collect();
    corpus.push(contribution(
        "u1",
        "Capacity building must reach small delegations first.",
        None,
        "resources",
    ));
    corpus.push(contribution(
        "u2",
        "Fund remote hubs so that rural participants can join.",
        None,
        "resources",
    ));
    corpus.push(contribution(
        "u3",
        "Pay interpreters for every official language.",
        None,
        "resources",
    ));
    let o = outline(&corpus, &OutlineOptions::default());
    assert_eq!(o.campaigns.len(), 1);
    let c = &o.campaigns[0];
    assert_eq!(
        (c.kind, c.submissions, c.passages),
        (CampaignKind::FormLetter, 6, 6)
    );
    assert_eq!(c.example.copies, 6);
    let sub = &o.overview.submissions;
    assert_eq!(
        (sub.submissions, sub.campaigns, sub.in_campaigns, sub.unique),
        (9, 1, 6, 3)
    );
    let ids: Vec<&str> = o.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["resources", "digital"],
        "3 distinct texts outrank one letter sent 6 times"
    );
    let digital = section(&o, "digital");
    assert_eq!((digital.passages, digital.distinct), (6, 1));
    assert_eq!(digital.quotes.len(), 1);
    assert_eq!(digital.quotes[0].copies, 6);
    assert_eq!(
        digital.campaigns,
        [CampaignShare {
            campaign: "campaign-1".into(),
            passages: 6
        }]
    );
}

#[test]
fn html_escapes_corpus_text_and_links_quotes_to_their_context() {
    let text = "Trust needs <script>document.title='PWNED'</script> & \"quotes\" handled safely.";
    let corpus = vec![contribution(
        "x",
        text,
        Some(("Xi Xu", Group::Media)),
        "trust",
    )];
    let o = outline(&corpus, &OutlineOptions::default());
    let page = html::render(&o);
    assert!(!page.contains("<script"), "no script element at all");
    assert!(page.contains(
        "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt; &amp; &quot;quotes&quot;"
    ));
    assert!(page.contains("<a href=\"#ctx-0\">in context</a>"));
    assert!(page.contains("<article id=\"ctx-0\">"));
    assert!(
        page.contains("<mark>"),
        "the quoted span is highlighted in context"
    );
    assert!(page.contains("<svg id=\"heatmap\""));
    assert!(page.contains("class=\"voice-bar\""));
    for external in ["src=", "href=\"http", "<link", "url(", "@import"] {
        assert!(!page.contains(external), "{external}");
    }
}

/// Meeting notes: one participant argues for an option, another opposes it as drafted, the
/// first answers; the notes close saying there was no consensus. A background paper's
/// "however" is narrative, and a conditional "if there is no consensus" reports nothing.
#[test]
fn a_meeting_crux_is_the_answer_with_the_turn_it_answers_and_narrative_contrast_is_not() {
    let text = "Ana Lima: Option A funds remote hubs in every basin, and it should be adopted as drafted.\n\
Ben Bell: We support the goal of remote participation but oppose Option A as drafted, because the hubs have no budget line.\n\
Ana Lima: I disagree with that. The budget line is in the annex.\n\
Rapporteur: There was no consensus: the Basin Network favours Option A, the Water Ministry Option B.\n\
If there is no consensus on a seat, the chair should decide.\n";
    let doc = document("notes", "Notes", text);
    let mut ps = Vec::new();
    let turns = [
        (
            "Option A funds remote hubs",
            "Ana Lima",
            Some(Group::CivilSociety),
        ),
        ("We support the goal", "Ben Bell", Some(Group::Government)),
        (
            "I disagree with that.",
            "Ana Lima",
            Some(Group::CivilSociety),
        ),
        ("There was no consensus", "Rapporteur", None),
        ("If there is no consensus", "Rapporteur", None),
    ];
    for (n, (needle, who, group)) in turns.into_iter().enumerate() {
        let s = text.find(needle).expect("needle");
        let e = s + text[s..].find('\n').expect("line end");
        let mut p = Passage::new(&doc, n + 1, PassageKind::Utterance, s, e);
        p.speaker = Some(Speaker {
            group,
            ..Speaker::named(who, How::Label)
        });
        p.voice = group;
        p.themes = vec![theme("participation", 0.7, &[])];
        ps.push(p);
    }
    let paper =
        "The detracting states, however, were clearly in the minority, as opposed to the founders.";
    let bg = document("paper", "Background paper", paper);
    let mut p = Passage::new(&bg, 1, PassageKind::Paragraph, 0, paper.len());
    p.speaker = Some(Speaker::named("Tom Author", How::Byline));
    p.voice = Some(Group::Academia);
    p.themes = vec![theme("participation", 0.9, &[])];
    ps.push(p);
    let o = build(
        &[DocInfo::from(&doc), DocInfo::from(&bg)],
        &ps,
        &taxonomy(),
        &OutlineOptions::default(),
    );
    let d = &section(&o, "participation").disagreements;
    // The reply, shown with the turn it answers, each with its speaker.
    let answer = d
        .iter()
        .find(|d| d.kind == DisagreementKind::Answer)
        .unwrap_or_else(|| panic!("the reply is found: {d:#?}"));
    assert!(
        answer
            .reply
            .shown()
            .starts_with("I disagree with that. The budget line")
    );
    let point = answer.point.as_ref().expect("the turn it answers");
    assert!(
        point.shown().starts_with("We support the goal"),
        "{}",
        point.shown()
    );
    assert_eq!(answer.summary, "Ana Lima answers Ben Bell");
    assert_eq!(answer.groups, [Group::Government, Group::CivilSociety]);
    // The notes' own closing line.
    let division = d
        .iter()
        .find(|d| d.kind == DisagreementKind::Division)
        .expect("the statement of division");
    assert!(division.reply.shown().starts_with("There was no consensus"));
    // Neither the condition nor the background paper's narrative is a disagreement.
    for x in d {
        assert!(!x.reply.shown().starts_with("If there is"), "{x:#?}");
        assert!(!x.reply.shown().contains("detracting"), "{x:#?}");
    }
}

#[test]
fn passages_no_theme_matches_get_a_last_section_and_the_overview_counts_them() {
    let mut corpus = vec![
        contribution(
            "a",
            "Participation of remote hubs matters most to small delegations.",
            Some(("Alice Abel", Group::Government)),
            "participation",
        ),
        contribution(
            "b",
            "The secretariat should translate every summary into Spanish and French.",
            Some(("Bea Bond", Group::CivilSociety)),
            "participation",
        ),
        contribution(
            "c",
            "Participation costs money that small delegations do not have.",
            None,
            "participation",
        ),
    ];
    // The meeting agreed it, and no theme of the taxonomy matches it.
    corpus[1].1.themes.clear();
    recommends(&mut corpus[1].1);
    let o = outline(&corpus, &OutlineOptions::default());
    let last = o.sections.last().expect("sections");
    assert_eq!(last.id, "not-covered");
    assert_eq!(last.label, "Not covered by the taxonomy");
    assert_eq!(last.passages, 1);
    assert_eq!(last.recommendations.len(), 1, "{last:#?}");
    assert_eq!(last.recommendations[0].quote.passage, "b#1");
    assert_eq!(last.recommendations[0].quote.attribution, "Bea Bond");
    let c = &o.overview.coverage;
    assert_eq!((c.passages, c.no_theme), (3, 1));
    assert_eq!(c.sources.len(), 3);
    assert_eq!(c.quoted, o.context.len());
    let md = markdown::render(&o);
    assert!(
        md.contains(
            "- Coverage: 3 passages counted, 1 with no theme (under “Not covered by the taxonomy”)"
        ),
        "{md}"
    );
    assert!(md.contains("## 2. Not covered by the taxonomy"), "{md}");
}

#[test]
fn tracked_changes_are_proposed_edits_by_reviewer_and_paragraph() {
    let text = "Access\nRemote participation is enough for most stakeholders.\n\nText removed by tracked changes\nall\n";
    let doc = document("draft", "Draft", text);
    let (bs, be) = span(
        text,
        "Remote participation is enough for most stakeholders.",
    );
    let mut ps = Vec::new();
    let mut body = Passage::new(&doc, 1, PassageKind::Paragraph, bs, be);
    body.themes = vec![theme("participation", 0.8, &[])];
    ps.push(body);
    let mut add = |n: usize, needle: &str, who: &str, action: &str, date: &str| {
        let (s, e) = if needle == "all" {
            let at = text.rfind("all").expect("removed text");
            (at, at + 3)
        } else {
            span(text, needle)
        };
        let mut r = Passage::new(&doc, n, PassageKind::Revision, s, e);
        r.speaker = Some(Speaker::named(who, How::Revision));
        r.meta.insert("action".into(), action.into());
        r.meta.insert("date".into(), date.into());
        ps.push(r);
    };
    add(2, "enough", "Ann Ames", "insert", "2024-05-01T10:00:00Z");
    add(3, "all", "Ann Ames", "delete", "2024-05-03T10:00:00Z");
    add(
        4,
        "most stakeholders",
        "Ben Bell",
        "insert",
        "2024-06-01T09:00:00Z",
    );
    let o = build(
        &[DocInfo::from(&doc)],
        &ps,
        &taxonomy(),
        &OutlineOptions::default(),
    );
    assert_eq!(o.edits.len(), 1);
    let d = &o.edits[0];
    assert_eq!(d.edits, 3);
    let ann = &d.reviewers[0];
    assert_eq!(
        (
            ann.reviewer.as_str(),
            ann.inserted,
            ann.deleted,
            ann.from.as_deref(),
            ann.to.as_deref()
        ),
        ("Ann Ames", 1, 1, Some("2024-05-01"), Some("2024-05-03"))
    );
    assert_eq!(d.paragraphs.len(), 1, "all three change the one paragraph");
    assert_eq!(d.paragraphs[0].passage.as_deref(), Some("draft#1"));
    let e = &d.paragraphs[0].edits[1];
    assert_eq!((e.action, e.quote.shown()), (EditAction::Delete, "all"));
    let md = markdown::render(&o);
    assert!(md.contains("## Proposed edits"), "{md}");
    assert!(
        md.contains("- Ann Ames: 2 edits (1 inserted, 1 deleted), 2024-05-01 – 2024-05-03"),
        "{md}"
    );
    assert!(
        md.contains("- deleted “all” — Ann Ames, 2024-05-03"),
        "{md}"
    );
    // Tracked changes are not the consultation's findings: no section quotes them.
    for s in &o.sections {
        assert!(s.quotes.iter().all(|q| q.passage == "draft#1"), "{}", s.id);
    }
    // verify holds the edits to the passages: as built they pass; a changed action, a
    // changed date, a reviewer's count and a dropped change each fail.
    let check = |o: &crate::synth::Outline| {
        let mut r = crate::synth::verify::Report::default();
        crate::synth::verify::check_edits(o, &ps, &mut r);
        r
    };
    assert!(check(&o).ok(), "{:?}", check(&o).mismatches);
    let mut t = o.clone();
    t.edits[0].paragraphs[0].edits[1].action = EditAction::Insert;
    assert!(!check(&t).ok());
    let mut t = o.clone();
    t.edits[0].paragraphs[0].edits[0].date = Some("2024-05-02".into());
    assert!(!check(&t).ok());
    let mut t = o.clone();
    t.edits[0].reviewers[0].deleted = 0;
    assert!(!check(&t).ok());
    let mut t = o.clone();
    t.edits[0].paragraphs[0].edits.pop();
    assert!(!check(&t).ok());
}

#[test]
fn a_recommendation_lists_who_supports_and_who_opposes_what_it_proposes() {
    let mut rec = contribution(
        "g",
        "Governments should publish the licensing register every year.",
        Some(("Gita Gov", Group::Government)),
        "sovereignty",
    );
    recommends(&mut rec.1);
    let corpus = vec![
        rec,
        contribution(
            "n",
            "We oppose the licensing register.",
            Some(("Nia Ngo", Group::CivilSociety)),
            "sovereignty",
        ),
        contribution(
            "b",
            "We support the licensing register.",
            Some(("Bo Biz", Group::Business)),
            "sovereignty",
        ),
        // One shared word across documents is not the same object.
        contribution(
            "o",
            "We oppose the register of lobbyists.",
            Some(("Oli Other", Group::Academia)),
            "sovereignty",
        ),
    ];
    let o = outline(&corpus, &OutlineOptions::default());
    let r = section(&o, "sovereignty")
        .recommendations
        .iter()
        .find(|r| r.members == ["g#1"])
        .expect("the recommendation");
    assert_eq!(r.opposers.passages, ["n#1"]);
    assert_eq!(r.opposers.groups, [Group::CivilSociety]);
    assert_eq!(r.supporters.passages, ["b#1"]);
    let md = markdown::render(&o);
    assert!(
        md.contains(
            "supported by 1 participant (business); opposed by 1 participant (civil society)"
        ),
        "{md}"
    );
}
