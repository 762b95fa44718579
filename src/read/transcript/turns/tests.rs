//! The rules of [`super`] on made-up turns.

use super::*;

fn list(names: &[&str]) -> Vec<Person> {
    names.iter().filter_map(|n| Person::new(n)).collect()
}

/// The speakers `resolve` finds for `turns`, as names ("-" for an unknown speaker) and rules.
fn run(names: &[&str], turns: &[&str]) -> Vec<(String, Option<Rule>)> {
    let mut text = String::new();
    let mut spans = Vec::new();
    for t in turns {
        let s = text.len();
        text.push_str(t);
        spans.push((s, text.len()));
        text.push_str(" >> ");
    }
    let r = resolve(&text, &spans, &list(names), None);
    r.turns
        .iter()
        .map(|t| match t {
            Some(x) => {
                assert!(x.cue.0 <= x.cue.1 && x.cue.1 <= text.len());
                (r.people[x.person].name.clone(), Some(x.rule))
            }
            None => ("-".to_string(), None),
        })
        .collect()
}

fn names(got: &[(String, Option<Rule>)]) -> Vec<&str> {
    got.iter().map(|(n, _)| n.as_str()).collect()
}

const PANEL: &[&str] = &["Ana Lima", "Bruno Chen", "Dr. Kofi Mensah"];

#[test]
fn a_handoff_names_the_next_speaker() {
    let got = run(
        PANEL,
        &[
            "Good afternoon. We have a fine panel today. Let me bring in Bruno Chen. Bruno, your thoughts on trust?",
            "Thank you for the question. Trust takes time.",
            "I'll turn to Dr. Mensah.",
            "Happy to be here. Funding matters most.",
            "Very good points. Ana, over to you.",
            "Well, I would add that it depends.",
        ],
    );
    assert_eq!(got[1], ("Bruno Chen".into(), Some(Rule::Handoff)));
    assert_eq!(got[3], ("Dr. Kofi Mensah".into(), Some(Rule::Handoff)));
    assert_eq!(got[5], ("Ana Lima".into(), Some(Rule::Handoff)));
}

#[test]
fn thanks_at_the_start_name_the_previous_speaker() {
    let got = run(
        PANEL,
        &[
            "Trust takes time and it takes money, and we saw both in our work.",
            "Yeah.",
            "Thank you, Ana. That was clear.",
        ],
    );
    // The interjection between is nobody's; the thanks reach over it.
    assert_eq!(
        got,
        [
            ("Ana Lima".into(), Some(Rule::Thanks)),
            ("-".into(), None),
            ("-".into(), None)
        ]
    );
    // Speech recognition's spellings resolve within a small distance: "Kofe" is not a name
    // here, "Mensa" is Mensah.
    let got = run(
        PANEL,
        &[
            "We measured it in three districts over two years.",
            "Thank you so much, Dr. Mensa.",
        ],
    );
    assert_eq!(got[0].0, "Dr. Kofi Mensah");
}

#[test]
fn self_introductions_name_this_speaker() {
    let got = run(
        PANEL,
        &[
            "Hello everyone, my name is Bruno Chen and I work on trust in public services.",
            "I'm Kofi Mensah from the University of Ghana. We built the registry.",
        ],
    );
    assert_eq!(names(&got), ["Bruno Chen", "Dr. Kofi Mensah"], "{got:?}");
    assert!(got.iter().all(|g| g.1 == Some(Rule::SelfIntroduction)));
    // Somebody the list does not hold is named as they name themselves, and is not the
    // moderator for asking.
    let got = run(
        PANEL,
        &[
            "Welcome. I'm going to be your moderator today. Bruno, over to you?",
            "Funding comes first, then people.",
            "Hello sir, my name is Rahul. I have a question for the panel?",
        ],
    );
    assert_eq!(got[2], ("Rahul".into(), Some(Rule::SelfIntroduction)));
}

#[test]
fn a_marker_in_mid_sentence_continues_the_speaker() {
    let got = run(
        PANEL,
        &[
            "Let me start with you, Ana.",
            "We ran a study during the",
            "and found that trust grows slowly.",
            "And that is all.",
        ],
    );
    assert_eq!(got[1], ("Ana Lima".into(), Some(Rule::Handoff)));
    assert_eq!(got[2], ("Ana Lima".into(), Some(Rule::Continuation)));
    // A turn that starts a new sentence is not a continuation.
    assert_eq!(got[3], ("-".into(), None));
}

#[test]
fn a_turn_with_no_evidence_is_an_unknown_speaker() {
    let got = run(
        PANEL,
        &[
            "We should fund it properly.",
            "I agree with that, and I would add that it has to last.",
            "It depends on the country.",
        ],
    );
    assert!(got.iter().all(|g| g.0 == "-" && g.1.is_none()), "{got:?}");
    // No list, no names.
    let got = run(&[], &["Thank you, Ana. Over to you, Bruno.", "Yes."]);
    assert!(got.iter().all(|g| g.0 == "-"), "{got:?}");
}

#[test]
fn the_moderator_asks_reacts_and_hands_over() {
    let got = run(
        PANEL,
        &[
            "Good morning everyone, and welcome. I'm Ana Lima and I'm going to be your moderator today. Bruno, let me start with you: what does trust mean for a registry?",
            "Thank you for the question. I think trust is earned in small steps, over years.",
            "Interesting. And what about funding?",
            "Yes, funding matters, and it has to last longer than a project.",
            "Thank you, Bruno. Dr. Mensah, your thoughts?",
            "Happy to. We learnt that people come first.",
        ],
    );
    assert_eq!(got[0], ("Ana Lima".into(), Some(Rule::SelfIntroduction)));
    assert_eq!(got[1], ("Bruno Chen".into(), Some(Rule::Handoff)));
    // A short question that names nobody: the moderator's, and its answer the floor's.
    assert_eq!(got[2], ("Ana Lima".into(), Some(Rule::Moderator)));
    assert_eq!(got[3], ("Bruno Chen".into(), Some(Rule::Thanks)));
    assert_eq!(got[4], ("Ana Lima".into(), Some(Rule::Moderator)));
    assert_eq!(got[5], ("Dr. Kofi Mensah".into(), Some(Rule::Handoff)));
}

#[test]
fn a_panellist_thanking_the_moderator_is_not_the_moderator() {
    let got = run(
        PANEL,
        &[
            "I'm going to be your moderator. So, a question for the panel?",
            "Thank you, Ana. I would say that it depends on who pays.",
        ],
    );
    assert_eq!(got[0].0, "Ana Lima");
    assert_eq!(got[1], ("-".into(), None));
}

#[test]
fn somebody_the_text_introduces_and_addresses_is_named_too() {
    let got = run(
        PANEL,
        &[
            "And our final panelist is Robin Scott, who runs a network of civil servants. Welcome Robin.",
            "Thank you. It is good to be here, and the network is large.",
            "thanks Robin. Moving on.",
        ],
    );
    assert_eq!(got[1].0, "Robin Scott");
    // A name said twice over ("Amanda Amanda") is a first name, not a first and last name.
    let got = run(
        PANEL,
        &[
            "Thank you. Amanda Amanda, over to you.",
            "It is good to be here and the network is large.",
            "thanks Amanda. Moving on.",
        ],
    );
    assert_ne!(got[1].0, "Amanda Amanda", "{got:?}");
    // Addressed once only: not a person of the file.
    let got = run(
        PANEL,
        &["Welcome Robin Scott.", "Thank you. It is good to be here."],
    );
    assert_eq!(got[1].0, "-");
}

#[test]
fn a_list_that_names_the_moderator_gives_them_the_questions() {
    let text = "We measured trust in three districts. >> Interesting. How did you measure it?";
    let at = text.find(">> ").expect("marker");
    let turns = [(0, at - 1), (at + 3, text.len())];
    assert_eq!(
        &text[turns[1].0..turns[1].1],
        "Interesting. How did you measure it?"
    );
    let r = resolve(text, &turns, &list(PANEL), Some(0));
    let second = r.turns[1].as_ref().expect("the moderator's");
    assert_eq!((second.person, second.rule), (0, Rule::Moderator));
    assert!(r.turns[0].is_none());
}

proptest::proptest! {
    /// Any text, cut anywhere into turns, resolves without a panic, and every cue is a span of
    /// the text on char boundaries.
    #[test]
    fn any_turns_resolve_to_spans_of_the_text(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "Thank you, ", "Ana", "Anna ", "Bruno", "Dr. ", "Mensah", "é", "ß ", ", over to you",
                "? ", ". ", "my name is ", "Robin ", "Scott", "and ", "I think ", "\n\n", "welcome ",
                "Thank you for those insights. ", "what do you think?", " ", "\u{a0}", "日本",
            ]),
            0..60,
        ),
        cuts in proptest::collection::vec(0usize..400, 0..8),
    ) {
        let text: String = pieces.concat();
        let mut bounds: Vec<usize> = cuts
            .into_iter()
            .map(|c| c.min(text.len()))
            .filter(|&c| text.is_char_boundary(c))
            .collect();
        bounds.push(0);
        bounds.push(text.len());
        bounds.sort_unstable();
        bounds.dedup();
        let turns: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).collect();
        let r = resolve(&text, &turns, &list(PANEL), None);
        proptest::prop_assert_eq!(r.turns.len(), turns.len());
        for t in r.turns.iter().flatten() {
            proptest::prop_assert!(t.person < r.people.len());
            proptest::prop_assert!(text.get(t.cue.0..t.cue.1).is_some());
        }
    }
}

#[test]
fn somebody_introducing_themselves_by_a_name_off_the_list_is_named() {
    let got = run(
        PANEL,
        &[
            "Welcome. I'm going to be your moderator today. We have time for questions. Just say who you are?",
            "Good morning. My name is Di Karo. I teach classical dance in Pune.",
            "So what can AI do for the teachers of dance, and where do I start?",
            "Thanks so much. I'm Sam Doors, a senior adviser at a university. What about data poisoning?",
            "I'm Indian and I think that data matters.",
        ],
    );
    assert_eq!(got[1], ("Di Karo".into(), Some(Rule::SelfIntroduction)));
    // The question after it is still from the floor: not the moderator's.
    assert_eq!(got[2], ("-".into(), None));
    assert_eq!(got[3], ("Sam Doors".into(), Some(Rule::SelfIntroduction)));
    // One capitalised word after "I'm" is no name ("I'm Indian").
    assert_eq!(got[4], ("-".into(), None));
    // The surname as the text spells it most often ("I'm Audrey Tong" twice called Tang).
    let got = run(
        PANEL,
        &[
            "Before we go to Audrey Tang's video, a word. Ana, your thoughts on it?",
            "It is a hard question and I would say funding first.",
            "Now the video of Dr. Audrey Tang.",
            "Good local time. I'm Audrey Tong, a cyber ambassador, and I send greetings.",
        ],
    );
    assert_eq!(got[3], ("Audrey Tang".into(), Some(Rule::SelfIntroduction)));
    // "Audrey Tang's video" addresses nobody: the hand-off is Ana's.
    assert_eq!(got[1], ("Ana Lima".into(), Some(Rule::Handoff)));
}

#[test]
fn a_handoff_skips_interjections_but_not_an_answer() {
    let got = run(
        PANEL,
        &[
            "I'm going to be your moderator. Can you keep it brief, because we have a video. So, please Bruno.",
            "Okay.",
            "With respect to the last remarks, regulation is not one uniform thing.",
        ],
    );
    assert_eq!(got[1], ("-".into(), None));
    assert_eq!(got[2], ("Bruno Chen".into(), Some(Rule::Handoff)));
    // "Thank you for having me" answers the hand-off itself.
    let got = run(
        PANEL,
        &[
            "It is a pleasure to welcome to the stage Dr. Mensah. So welcome, Dr. Mensah.",
            "Thank you for having me.",
            "Our pleasure. So, you are a scientist and what is the evidence?",
        ],
    );
    assert_eq!(got[1], ("Dr. Kofi Mensah".into(), Some(Rule::Handoff)));
}

#[test]
fn a_name_reported_or_followed_by_you_know_hands_nothing_over() {
    let got = run(
        PANEL,
        &[
            "Yeah. Thank you very much, it's a terrific transition because Bruno was talking about the complexity of this. Can you talk about your view?",
            "Absolutely, and thank you for having me.",
        ],
    );
    assert_eq!(got[1], ("-".into(), None), "{got:?}");
    let got = run(
        PANEL,
        &[
            "[applause] Thank you very much, Dr. Mensah. Now if I may turn to the panel: the comments by professor Mensah um I'm thinking you know our region sits in the middle. How would coordination begin?",
            "Thanks. It would begin with the ministries talking.",
        ],
    );
    assert_eq!(got[1], ("-".into(), None), "{got:?}");
}

#[test]
fn thanks_to_a_name_cut_short_name_the_previous_speaker() {
    let list = &["Ashutosh Bahuguna", "Amanda Craig"];
    let got = run(
        list,
        &[
            "Cyber security has three dimensions and we work on all of them. Thank you.",
            "Thank you very much Ashto. Moving to the last pillar, standards.",
        ],
    );
    assert_eq!(got[0], ("Ashutosh Bahuguna".into(), Some(Rule::Thanks)));
    // Outside a slot a word cut short is nobody.
    let got = run(list, &["Ashto said nothing.", "Yes."]);
    assert!(got.iter().all(|g| g.0 == "-"), "{got:?}");
}

#[test]
fn the_moderator_is_introduced_with_fillers_and_turns_to_the_panel() {
    let got = run(
        PANEL,
        &[
            "Security is a human rights issue. We are fortunate to have this conversation moderated by uh Ana Lima, who edits a paper.",
            "Right. Uh Bruno, why aren't we having more of this conversation?",
            "I think we are having it, but in pieces, and that is the trouble.",
            "With that we are running out of time. Anybody in the panel would like to offer one last point of view.",
        ],
    );
    assert_eq!(got[1], ("Ana Lima".into(), Some(Rule::Moderator)));
    assert_eq!(got[2], ("Bruno Chen".into(), Some(Rule::Handoff)));
    assert_eq!(got[3], ("Ana Lima".into(), Some(Rule::Moderator)));
}

#[test]
fn somebody_off_the_list_handed_the_floor_twice_is_named_by_first_name() {
    let got = run(
        PANEL,
        &[
            "I'm going to be your moderator. Uh Nicholas, welcome. Nicholas uh I was wondering, are we having this discussion too early?",
            "I don't think we are having it too early, and the reports show it.",
            "Right. Ana, your thoughts?",
            "It depends on the country and on who pays.",
            "Um Nicholas uh I was just wondering how do we stop it becoming a tool of surveillance?",
            "By testing it before it is deployed, and by reporting incidents.",
        ],
    );
    assert_eq!(got[1], ("Nicholas".into(), Some(Rule::Handoff)), "{got:?}");
    assert_eq!(got[5], ("Nicholas".into(), Some(Rule::Handoff)), "{got:?}");
    // Handed the floor once only: nobody.
    let got = run(
        PANEL,
        &[
            "Uh Nicholas, I was wondering, are we too early?",
            "I don't think so, and the reports show it.",
        ],
    );
    assert_eq!(got[1], ("-".into(), None));
}

#[test]
fn a_long_turn_that_answers_its_own_opening_question_is_the_answerers() {
    let answer =
        "We have been fighting these battles together for years and the memory of them matters. "
            .repeat(14);
    let opening = format!(
        "right uh I'll come to you after this. Bruno uh is your experience similar? Yeah, of course. {answer}"
    );
    let got = run(
        PANEL,
        &[
            "I'm going to be your moderator. Ana, over to you?",
            "Funding comes first, then the people who run it.",
            &opening,
        ],
    );
    assert_eq!(
        got[2],
        ("Bruno Chen".into(), Some(Rule::Handoff)),
        "{got:?}"
    );
    // Not when the turn opens by thanking the one before (a moderator's long question).
    let thanked = format!("Thank you very much Ana. Bruno, what signals matter? {answer}");
    let got = run(
        PANEL,
        &[
            "I'm going to be your moderator. Ana, over to you?",
            "Funding comes first, then the people who run it.",
            &thanked,
        ],
    );
    assert_ne!(got[2].0, "Bruno Chen", "{got:?}");
}

#[test]
fn a_continuation_may_start_with_a_filler_but_not_with_a_view_of_ones_own() {
    let got = run(
        PANEL,
        &[
            "I'm going to be your moderator. Ana, over to you?",
            "Well, thank you. Thank you so much for inviting me",
            "uh for for inviting me to this early morning, and I find this topic fascinating.",
            "Thank you. My last question is what will your institution pledge? I've taken",
            "uh for me uh again enabling the educators is what we should focus on.",
        ],
    );
    assert_eq!(
        got[2],
        ("Ana Lima".into(), Some(Rule::Continuation)),
        "{got:?}"
    );
    assert_ne!(got[4].1, Some(Rule::Continuation), "{got:?}");
}
