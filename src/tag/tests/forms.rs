//! Tagging the forms advice, questions, languages and voices take in comments, notes,
//! transcripts and submissions: hand-written cases of each rule, and their look-alikes.

use super::*;

/// Sentences that sound like advice but are not, from discussion, comments and papers.
#[test]
fn look_alikes_in_discussion_are_not_recommendations() {
    for s in [
        "If you call it twice, you should see exactly the same results.",
        "You often need to restart the server after an update.",
        "I guess I should say, the model is not final.",
        "If the spec said so, then the set must say false, which is not how it works.",
        "The organisations will need to legitimize themselves over time.",
        "The panel made no suggestion as to who should lead.",
        "This is relevant for stakeholders which must return home after the event.",
        "Few states were convinced that they should be allowed to act alone.",
        "It pinpointed the crucial need to mobilize domestic support.",
        "Consider the UNGA where every state has a vote.",
        "For discussion purposes, let us distinguish between four classes of stakeholders.",
        "However, it should be recognized that many citizens have other concerns.",
        "The trust relationships between these groups is critical for the mechanism.",
        "Key stakeholders are critical to driving reform.",
        "A second innovation proposed by the Panel was a new Commission. Among its elements, the Commission should keep close relations with the Council.",
        "This is crucial to multistakeholder mechanisms.",
        "must",
        "Arguing that the Council should remain the primary organ, they opposed the court.",
        "We can learn from them, remembering that we may have to modify things.",
    ] {
        let p = tag_text(s, PassageKind::Paragraph);
        assert!(p.recommendations.is_empty(), "{s}: {:?}", p.recommendations);
    }
}

/// Not proposals for action (issue 14): an editor's bracketed note, the meeting's own
/// procedure, a practice described, a report of what a named body recommended; and their
/// counterparts that are.
#[test]
fn editors_notes_procedure_and_reports_are_not_the_consultations_recommendations() {
    for s in [
        "[A short example here would be useful]",
        "[We should add the figures from the second round.]",
        "Let us move to the next item on the agenda, which is funding.",
        "Let's take a short break and we should be back at three.",
        "Please send written comments to the secretariat by Friday; the draft must be final next week.",
        "I will circulate the notes tomorrow, and you should check your names.",
        "The approach applied to reach agreement is to listen first.",
        "To build support, the Basin Commission on Water recommended that the Assembly adopt a charter.",
        "In its final report, The Water Panel urged that councils publish their minutes.",
    ] {
        let p = tag_text(s, PassageKind::Paragraph);
        assert!(p.recommendations.is_empty(), "{s}: {:?}", p.recommendations);
    }
    for s in [
        "Participants from the Pacific recommended that the councils publish their minutes.",
        "We recommend that the next item of every council agenda be public comment.",
        "The best approach is to listen first and decide later.",
        "Councils should publish their minutes within a week.",
    ] {
        let p = tag_text(s, PassageKind::Paragraph);
        assert!(!p.recommendations.is_empty(), "{s}");
    }
}

/// Advice in the forms people write it in comments, notes and transcripts.
#[test]
fn advice_in_its_many_forms_is_found_with_its_cue() {
    for (s, cue) in [
        (
            "As stakeholders we need common understanding of concepts.",
            "need",
        ),
        (
            "Would be nice to see other ways of grouping stakeholders mentioned.",
            "would be nice",
        ),
        (
            "I would also call out the difference between democratic and other governments.",
            "i would also call out",
        ),
        (
            "I would prefer we do not ship it with streaming.",
            "i would prefer",
        ),
        (
            "He advised that decisions are better made in a smaller group.",
            "advised that",
        ),
        (
            "Addressing intra-state violence requires an inclusive governance regime.",
            "requires",
        ),
        (
            "One important lesson is the need for self-organization within civil society.",
            "is the need for",
        ),
        (
            "Understanding the incentives of all stakeholders is, therefore, critical to ensure participation.",
            "is, therefore, critical to ensure",
        ),
        (
            "From a governance perspective the best thing to do is to govern the model before release.",
            "the best thing to do is to",
        ),
        (
            "The Secretary-General would be well-served to draw on these lessons.",
            "would be well-served",
        ),
        (
            "So it's urgent that we have clear baselines.",
            "it's urgent that",
        ),
    ] {
        let p = tag_text(s, PassageKind::Paragraph);
        assert_eq!(cues(&p), [cue], "{s}");
    }
    // "this requires that…" and "the PBC required…" are not general requirements.
    for s in [
        "Governments can fund coalitions, but this requires that they are seen as legitimate.",
        "The Panel required a review every five years.",
    ] {
        assert!(
            tag_text(s, PassageKind::Paragraph)
                .recommendations
                .is_empty(),
            "{s}"
        );
    }
}

#[test]
fn points_under_recommendation_headings_and_goals_are_judged_by_their_heading() {
    let p = tag_at(
        &seed(SEEDS[2]),
        "Bottlenecks to reform can be avoided by changing narratives and reframing issues.",
        PassageKind::Bullet,
        &["**Policy Implications**"],
    );
    assert_eq!(cues(&p), ["policy implications"]);
    // The same point elsewhere is a finding.
    let p = tag_text(
        "Bottlenecks to reform can be avoided by changing narratives and reframing issues.",
        PassageKind::Bullet,
    );
    assert!(p.recommendations.is_empty());
    // An attribution under the heading is not a point.
    let d = doc("hand", "- Evaluate the process. (Jane Doe)");
    let mut p = Passage::new(&d, 1, PassageKind::Bullet, 0, d.text.len());
    p.section = vec!["Recommendations".into()];
    TAGGER.tag(&mut p);
    let texts: Vec<&str> = p.recommendations.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["Evaluate the process."]);
    // Objectives are not advice.
    let d = seed(SEEDS[0]);
    let p = tag_at(
        &d,
        "Support the design of a multi-faceted and user-friendly primer",
        PassageKind::Bullet,
        &["Goals:"],
    );
    assert!(p.recommendations.is_empty(), "{:?}", p.recommendations);
}

#[test]
fn questions_without_their_mark_or_split_by_a_page_break() {
    let p = tag_text(
        "Can this be distributed to a wider audience, for example the speakers in the session.",
        PassageKind::Comment,
    );
    assert_eq!(p.questions.len(), 1);
    let p = tag_text(
        "The key strategic issue is: should we focus all our energy on the IGF – or shall we engage with other forums.",
        PassageKind::Paragraph,
    );
    assert_eq!(p.questions.len(), 1);
    for s in [
        "Should the talks fail, nobody will be surprised.",
        "Do not use this service.",
        "The Coalition thanks Brazil for hosting the ?Global Meeting on Internet Governance,? in So Paulo.",
        "The ISF?s report finds that the biggest risk is from known threats.",
    ] {
        assert!(
            tag_text(s, PassageKind::Paragraph).questions.is_empty(),
            "{s}"
        );
    }
    // Seed 000: "…is: what benefit is created from the\n\nUNPA/UNPN idea, …?"
    let d = seed(SEEDS[0]);
    let start = d
        .text
        .find("A follow-on question that arose")
        .expect("paragraph");
    let end = start
        + d.text[start..].find("national parliament?").expect("end")
        + "national parliament?".len();
    let mut p = Passage::new(&d, 1, PassageKind::Paragraph, start, end);
    TAGGER.tag(&mut p);
    assert_spans(&d, &p);
    let qs: Vec<&str> = p.questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(qs.len(), 2, "{qs:?}");
    assert!(
        qs[0].starts_with("A follow-on question") && qs[0].contains("from the\n\nUNPA/UNPN idea"),
        "{qs:?}"
    );
}

#[test]
fn text_in_another_language_gets_no_english_tags_but_its_questions() {
    let text = "¿Por qué no hay más carriles bici en Madrid? La participación ciudadana debe mejorar, y el gobierno tiene que escuchar.";
    let d = doc("es", text);
    let mut p = Passage::new(&d, 1, PassageKind::Contribution, 0, text.len());
    TAGGER.tag_as(&mut p, Some("es"));
    assert!(p.themes.is_empty() && p.mentions.is_empty() && p.recommendations.is_empty());
    let qs: Vec<&str> = p.questions.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(qs, ["¿Por qué no hay más carriles bici en Madrid?"]);
    // The same passage taken as English would be tagged (participación/gobierno do not match,
    // but "Madrid" questions still count); undetermined text is tagged as the taxonomy's.
    let mut q = Passage::new(&d, 1, PassageKind::Contribution, 0, text.len());
    TAGGER.tag_as(&mut q, Some("und"));
    assert_eq!(q.questions, p.questions);
    // Chinese: full-width question marks.
    let zh = "我們應該如何改善參與？這是一個問題。";
    let d = doc("zh", zh);
    let mut p = Passage::new(&d, 1, PassageKind::Utterance, 0, zh.len());
    TAGGER.tag_as(&mut p, Some("zh"));
    assert_eq!(p.questions.len(), 1);
    assert_eq!(p.questions[0].text, "我們應該如何改善參與？");
    assert!(p.themes.is_empty());
}

#[test]
fn a_declared_sector_gives_the_voice_when_no_speaker_or_claim_does() {
    let text = "Proposal\nEntitled by: Jane Doe\nSector: Private Sector\nAbstract\nGovernments should act.\nAs civil society we object.";
    let d = doc("nm", text);
    let mut passages: Vec<Passage> = ["Governments should act.", "As civil society we object."]
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let start = text.find(s).expect("line");
            Passage::new(&d, i + 1, PassageKind::Paragraph, start, start + s.len())
        })
        .collect();
    TAGGER.tag_document(&d, &mut passages);
    assert_eq!(passages[0].voice, Some(Group::Business));
    assert_eq!(
        passages[1].voice,
        Some(Group::CivilSociety),
        "a claim beats the header"
    );
    // "Sector: Other" declares nothing.
    let other = doc(
        "nm2",
        "Proposal\nSector: Other\nAbstract\nGovernments should act.",
    );
    let start = other.text.find("Governments").expect("line");
    let mut ps = vec![Passage::new(
        &other,
        1,
        PassageKind::Paragraph,
        start,
        other.text.len(),
    )];
    TAGGER.tag_document(&other, &mut ps);
    assert_eq!(ps[0].voice, None);
}

#[test]
fn a_lessons_section_does_not_turn_descriptions_into_advice() {
    let d = doc(
        "hand",
        "While the major function of this initiative is to promote responsible business, it remains voluntary.",
    );
    let mut p = Passage::new(&d, 1, PassageKind::Bullet, 0, d.text.len());
    p.section = vec!["Some lessons from the UN Global Compact".into()];
    TAGGER.tag(&mut p);
    assert!(p.recommendations.is_empty(), "{:?}", p.recommendations);
    let d = doc("hand", "The key to consensus is to anticipate objections.");
    let mut p = Passage::new(&d, 1, PassageKind::Bullet, 0, d.text.len());
    p.section = vec!["Lessons learned:".into()];
    TAGGER.tag(&mut p);
    assert_eq!(cues(&p), ["key to consensus is to anticipate"]);
}
