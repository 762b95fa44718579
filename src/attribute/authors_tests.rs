//! Authorship on small documents made for these tests (no development list holds them).

use super::*;
use crate::attribute::attribute_document;
use crate::model::{How, Speaker};

fn doc(text: &str, format: &str) -> Document {
    Document {
        id: "t/doc".into(),
        path: "t/doc.txt".into(),
        path_raw: None,
        format: format.into(),
        title: None,
        kind: "report".into(),
        text: text.into(),
        meta: Default::default(),
        warnings: Vec::new(),
        authors: Vec::new(),
        blocks: Vec::new(),
    }
}

/// The document read as plain text, segmented and attributed.
fn read(text: &str) -> (Document, Vec<Passage>) {
    let mut d =
        crate::read::read_bytes(text.as_bytes(), "t/doc", "t/doc.txt").expect("the text reads");
    let mut ps = crate::segment::segment(&d);
    d.authors = document_authors(&d, &ps);
    attribute_document(&d, &mut ps);
    (d, ps)
}

fn speaker_of<'a>(ps: &'a [Passage], start: &str) -> Option<&'a Speaker> {
    ps.iter()
        .find(|p| p.text.starts_with(start))
        .unwrap_or_else(|| panic!("no passage starts with {start:?}"))
        .speaker
        .as_ref()
}

const LETTER: &str = "Kestrel Valley Water Association\n\n\
Position paper on the draft water framework\n\n\
The draft framework leaves small utilities without a voice in the basin councils. We ask that \
every council seat one representative of the small utilities.\n\n\
Several members argued that the consultation period was too short.\n\n\
Yours sincerely,\n\nMaria Olsen\nDirector\nKestrel Valley Water Association\n";

#[test]
fn a_letter_is_its_organisations_from_letterhead_and_signature() {
    let (d, ps) = read(LETTER);
    let a = d.authors.first().expect("the letter names its writer");
    assert_eq!(a.name.as_deref(), Some("Maria Olsen"));
    assert_eq!(
        a.organisation.as_deref(),
        Some("Kestrel Valley Water Association")
    );
    assert_eq!(a.how, AuthorSource::Signature);
    assert_eq!(a.group, Some(Group::CivilSociety));
    // The letterhead alone names the body.
    let (head, _) = read(&LETTER[..LETTER.find("Yours").unwrap_or(0)]);
    assert_eq!(head.authors[0].how, AuthorSource::Letterhead);
    assert_eq!(head.authors[0].name, None);
    let s = speaker_of(&ps, "The draft framework").expect("the body is the association's");
    assert_eq!(s.how, How::Byline);
    assert_eq!(
        s.organisation.as_deref(),
        Some("Kestrel Valley Water Association")
    );
    // What the text gives to others is not the author's.
    assert_ne!(
        speaker_of(&ps, "Several members").map(|s| s.how),
        Some(How::Byline)
    );
}

#[test]
fn a_signature_alone_names_the_person_and_the_body() {
    let text = "Comments on the draft framework\n\n\
The framework should publish every council's minutes within a month.\n\n\
Respectfully submitted,\n\nMaria Olsen\nPresident\nNorthfield Dairy Cooperative Inc.\n";
    let (d, ps) = read(text);
    let a = d.authors.first().expect("a signature");
    assert_eq!(a.how, AuthorSource::Signature);
    assert_eq!(a.name.as_deref(), Some("Maria Olsen"));
    assert_eq!(
        a.organisation.as_deref(),
        Some("Northfield Dairy Cooperative Inc.")
    );
    assert_eq!(a.group, Some(Group::Business));
    let s = speaker_of(&ps, "The framework should").expect("the author speaks");
    assert_eq!(s.name.as_deref(), Some("Maria Olsen"));
    assert_eq!(s.group, Some(Group::Business));
}

#[test]
fn submitted_by_and_submission_titles_name_the_submitter() {
    let (d, _) = read(
        "Submitted by Ana Lima with the support of the Basin Users Network\n\n\
Councils should meet in public.\n",
    );
    let a = &d.authors[0];
    assert_eq!(
        (a.name.as_deref(), a.organisation.as_deref()),
        (Some("Ana Lima"), Some("Basin Users Network"))
    );
    let (d, _) = read(
        "Ministry of Water Submission for the Basin Forum\n\nCouncils should meet in public.\n",
    );
    assert_eq!(
        d.authors[0].organisation.as_deref(),
        Some("Ministry of Water")
    );
    assert_eq!(d.authors[0].group, Some(Group::Government));
    // A title that names a people, not a body, names nobody.
    let (d, _) =
        read("Norwegian contribution to the Basin Forum\n\nCouncils should meet in public.\n");
    assert!(d.authors.is_empty(), "{:?}", d.authors);
}

/// The organisation a document's text names, for documents that name exactly one.
fn submitter(text: &str) -> Option<String> {
    let (d, _) = read(text);
    d.authors.first().and_then(|a| a.organisation.clone())
}

#[test]
fn titles_in_capitals_possessives_and_proposals_name_the_submitter() {
    let body = "\n\nCouncils should meet in public and publish their minutes.\n";
    for (title, want) in [
        (
            "SUBMISSION OF THE KESTREL BASIN INSTITUTE TO THE WATER FORUM",
            "KESTREL BASIN INSTITUTE",
        ),
        (
            "Content submission by the Federal Government of Eastland",
            "Federal Government of Eastland",
        ),
        ("KBWA Proposal", "KBWA"),
        ("RIVERTEL Contribution FOR the Water Forum", "RIVERTEL"),
        ("KBWA's Proposed Basin Principles, 8 March 2014", "KBWA"),
        ("Eastland's food for thought on basin councils", "Eastland"),
    ] {
        assert_eq!(
            submitter(&format!("{title}{body}")).as_deref(),
            Some(want),
            "{title}"
        );
    }
    // An acronym the text also writes in its web address is still a name.
    assert_eq!(
        submitter("KBWA's Proposed Basin Principles\n\nSee www.kbwa.org for the members.\n")
            .as_deref(),
        Some("KBWA")
    );
}

#[test]
fn topics_citations_and_reported_proposals_name_nobody() {
    // What the submission is of, not who submits it.
    assert_eq!(
        submitter("Submission of Basin Governance Principles\n\nCouncils should meet in public.\n"),
        None
    );
    // A source cited in brackets, and a reference with its address.
    assert_eq!(
        submitter(
            "Councils should meet in public.\n\n(A Basin Society Issues Paper written by Ana Lima)\n"
        ),
        None
    );
    assert_eq!(
        submitter(
            "Councils should meet in public.\n\n1. See the speech presented by the Minister of Water, In: http://example.org/speech\n"
        ),
        None
    );
    // Another body's proposal, reported by the one who comments on it.
    assert_eq!(
        submitter(
            "Short comment on basin universality\n\nUNBASIN proposes a catchphrase of basin universality as a principle, presenting it as the sum of openness and access.\n"
        ),
        None
    );
    // The body itself, in the first paragraphs, a hard-wrapped numbered one included.
    assert_eq!(
        submitter(
            "Eastland's notes for the forum\n\n1. Eastland welcomes the convening of the Basin\nForum in April.\n"
        )
        .as_deref(),
        Some("Eastland")
    );
    assert_eq!(
        submitter("Basin principles, 8 March\n\nKBWA believes that councils should meet in public and publish their minutes.\n").as_deref(),
        Some("KBWA")
    );
}

#[test]
fn a_byline_and_about_the_authors_give_names_and_affiliations() {
    let text = "# Water Councils Reconsidered\n\nAna Lima and Bo Chen\n\n\
## About the authors\n\n**Ana Lima** is a Professor of Hydrology at the University of Lagos.\n\n\
Bo Chen is a Fellow at the Stimson Center, where she leads the water program.\n\n\
## 1. Introduction\n\nCouncils work when their members trust each other. According to Gareth \
Evans, \"trust is built slowly\".\n\nWe find that councils that meet in public keep members longer.\n";
    let d = crate::read::read_bytes(text.as_bytes(), "t/doc", "t/doc.md").expect("reads");
    let mut ps = crate::segment::segment(&d);
    let authors = document_authors(&d, &ps);
    let names: Vec<_> = authors
        .iter()
        .map(|a| (a.name.clone(), a.organisation.clone(), a.group))
        .collect();
    assert_eq!(
        names,
        [
            (
                Some("Ana Lima".into()),
                Some("University of Lagos".into()),
                Some(Group::Academia)
            ),
            (
                Some("Bo Chen".into()),
                Some("Stimson Center".into()),
                Some(Group::Academia)
            ),
        ]
    );
    attribute_document(&d, &mut ps);
    let s = speaker_of(&ps, "We find").expect("the authors speak");
    assert_eq!(s.how, How::Byline);
    assert_eq!(s.role.as_deref(), Some("author"));
    assert_eq!(
        s.with.first().and_then(|w| w.name.as_deref()),
        Some("Bo Chen")
    );
    // A quoted authority stays quoted; the byline itself is nobody's speech.
    assert_eq!(
        speaker_of(&ps, "Councils work").map(|s| s.how),
        Some(How::Quoted)
    );
    assert!(speaker_of(&ps, "Ana Lima and Bo Chen").is_none());
}

#[test]
fn a_convenor_sentence_names_the_convenors() {
    let text = "Report of the Basin Dialogue\n\n\
From May 1 – May 30, 2020, The Kestrel Foundation, in collaboration with The Stimson Center, \
brought together forty experts for an online dialogue.\n\n\
Councils need a budget of their own.\n\nOne contributor noted that budgets are rarely enough.\n";
    let (d, ps) = read(text);
    let orgs: Vec<_> = d
        .authors
        .iter()
        .map(|a| a.organisation.clone().unwrap_or_default())
        .collect();
    assert_eq!(orgs, ["The Kestrel Foundation", "The Stimson Center"]);
    assert!(d.authors.iter().all(|a| a.how == AuthorSource::Convenor));
    let s = speaker_of(&ps, "Councils need").expect("the convenors");
    assert_eq!(s.role.as_deref(), Some("convenor"));
    assert_eq!(s.group, Some(Group::CivilSociety));
    assert_eq!(
        speaker_of(&ps, "One contributor"),
        Some(&Speaker::anonymous())
    );
}

#[test]
fn nothing_said_means_no_author() {
    let (d, ps) = read("Notes on councils\n\nCouncils should meet in public.\n\nBudgets matter.\n");
    assert!(d.authors.is_empty());
    assert!(ps.iter().all(|p| p.speaker.is_none()));
}

#[test]
fn file_properties_name_people_not_tools() {
    for (creator, expected) in [
        ("Eric White", Some("Eric White")),
        ("Manias, Michel", Some("Michel Manias")),
        ("Microsoft Office User", None),
        ("unknown", None),
        ("***", None),
        ("eng-dept", None),
        ("labrowne", None),
        ("Legal", None),
    ] {
        assert_eq!(creator_name(creator).as_deref(), expected, "{creator}");
    }
    let mut d = doc("Councils should meet in public.", "docx");
    d.meta
        .insert("author".into(), "Microsoft Office User".into());
    assert!(document_authors(&d, &[]).is_empty());
    d.meta.insert("author".into(), "Ana Lima".into());
    let a = document_authors(&d, &[]);
    assert_eq!(a[0].name.as_deref(), Some("Ana Lima"));
    assert_eq!(a[0].how, AuthorSource::Properties);
}

#[test]
fn two_named_contributors_both_speak() {
    let (_, ps) =
        read("Two contributors (Ana Lima and Bo Chen) shared the report of the workshop.\n");
    let s = speaker_of(&ps, "Two contributors").expect("both");
    assert_eq!(s.name.as_deref(), Some("Ana Lima"));
    assert_eq!(
        s.with.iter().map(|w| w.name.as_deref()).collect::<Vec<_>>(),
        [Some("Bo Chen")]
    );
}

#[test]
fn a_note_taker_is_a_person_with_a_role() {
    let (_, ps) = read(
        "Note-taker: Ana Lima (Secretariat)\nRapporteur: Bo Chen\n\n\
Lima noted that councils should meet in public.\n",
    );
    let s = speaker_of(&ps, "Lima noted").expect("the note-taker is a person");
    assert_eq!(s.name.as_deref(), Some("Ana Lima"));
    let people: Vec<String> = crate::attribute::participants(&ps)
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(
        !people
            .iter()
            .any(|n| n.contains("Note-taker") || n.contains("Rapporteur")),
        "{people:?}"
    );
}
