use std::path::Path;

use super::*;
use crate::analysis::{stem, tokens};
use crate::model::{
    Document, Group, How, PassageKind, Position, Recommendation, Speaker, Stance, StanceCue,
    ThemeTag,
};

fn document(id: &str, title: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        path: format!("{id}.txt"),
        path_raw: None,
        format: "text".into(),
        title: Some(title.into()),
        kind: "notes".into(),
        text: text.into(),
        meta: Default::default(),
        warnings: Vec::new(),
        authors: Vec::new(),
        blocks: Vec::new(),
    }
}

/// The paragraphs of `doc` (split on blank lines) as passages, numbered from 1.
fn paragraphs(doc: &Document) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut start = 0;
    for chunk in doc.text.split("\n\n") {
        let lead = chunk.len() - chunk.trim_start().len();
        let body = chunk.trim();
        if !body.is_empty() {
            let s = start + lead;
            out.push(Passage::new(
                doc,
                out.len() + 1,
                PassageKind::Paragraph,
                s,
                s + body.len(),
            ));
        }
        start += chunk.len() + 2;
    }
    out
}

fn person(name: &str, org: &str, group: Group, how: How) -> Speaker {
    Speaker {
        organisation: Some(org.into()),
        group: Some(group),
        ..Speaker::named(name, how)
    }
}

fn themes(ids: &[&str]) -> Vec<ThemeTag> {
    ids.iter()
        .map(|id| ThemeTag {
            id: (*id).into(),
            score: 0.5,
            terms: vec![(*id).into()],
        })
        .collect()
}

const NOTES: &str = "Trust between governments and companies grows slowly through consultation.\n\n\
Power dynamics shape trust; governments should share the agenda.\n\n\
We reached rough consensus on the charter after long consultations.\n\n\
Legitimacy depends on who is in the room and on trust in the process.\n\n\
One contributor noted that consensus is rough and power is rarely shared.";

const PAPER: &str = "Trust, trust and more trust: the consultation closed.\n\n\
Identical twin sentence about charters.\n\n\
Identical twin sentence about charters.";

/// Two documents, eight passages with speakers, themes, voices, kinds and one recommendation.
fn corpus() -> (Vec<DocInfo>, Vec<Passage>) {
    let notes = document("notes/session", "Session notes", NOTES);
    let paper = document("papers/b", "Background paper", PAPER);
    let mut ps = paragraphs(&notes);
    ps[0].speaker = Some(person(
        "Andy Orsmond",
        "ICoCA",
        Group::CivilSociety,
        How::Reported,
    ));
    ps[0].voice = Some(Group::CivilSociety);
    ps[0].themes = themes(&["trust"]);
    ps[1].kind = PassageKind::Bullet;
    ps[1].speaker = Some(person(
        "Michele Woods",
        "WIPO",
        Group::Intergovernmental,
        How::Parenthetical,
    ));
    ps[1].voice = Some(Group::Intergovernmental);
    ps[1].themes = themes(&["power", "trust"]);
    let cue = ps[1].text.find("governments should").unwrap_or(0);
    ps[1].recommendations = vec![Recommendation {
        start: ps[1].start + cue,
        end: ps[1].end,
        text: ps[1].text[cue..].to_string(),
        cue: "should".into(),
        addressee: vec![Group::Government],
        agreed: false,
    }];
    ps[2].kind = PassageKind::Comment;
    ps[2].speaker = Some(Speaker::named("Avri doria", How::Comment));
    ps[2].voice = Some(Group::TechnicalCommunity);
    ps[2].themes = themes(&["consensus"]);
    ps[3].section = vec!["Legitimacy".into()];
    ps[3].themes = themes(&["legitimacy", "trust"]);
    ps[4].section = vec!["Legitimacy".into()];
    ps[4].speaker = Some(Speaker::anonymous());
    ps[4].themes = themes(&["consensus", "power"]);
    let at = ps[4].start + ps[4].text.find("noted").unwrap_or(0);
    ps[4].stance = Stance::of(vec![StanceCue {
        position: Position::Opposes,
        start: at,
        end: at + "noted".len(),
        text: "noted".into(),
        object: None,
    }]);
    ps.extend(paragraphs(&paper));
    (vec![DocInfo::from(&notes), DocInfo::from(&paper)], ps)
}

pub(super) fn built() -> (tempfile::TempDir, Vec<Passage>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (docs, passages) = corpus();
    write_index(dir.path(), &docs, &passages).expect("index written");
    (dir, passages)
}

pub(super) fn ids(dir: &Path, req: &SearchRequest) -> Vec<String> {
    let found = search(dir, req).expect("search runs");
    assert_eq!(
        found.total,
        found.hits.len(),
        "limit large enough in these tests"
    );
    let mut ids: Vec<String> = found.hits.into_iter().map(|h| h.passage.id).collect();
    ids.sort();
    ids
}

pub(super) fn q(query: &str) -> SearchRequest {
    SearchRequest {
        limit: 100,
        ..SearchRequest::new(query)
    }
}

fn expect(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| (*s).to_string()).collect();
    v.sort();
    v
}

#[test]
fn plural_query_finds_the_singular_by_stemming() {
    let (dir, _) = built();
    let found = ids(dir.path(), &q("consultations"));
    // "consultation" (notes#1, papers/b#1) and "consultations" (notes#3).
    assert_eq!(
        found,
        expect(&["notes/session#1", "notes/session#3", "papers/b#1"])
    );
}

#[test]
fn phrase_query_needs_the_words_in_order() {
    let (dir, _) = built();
    // notes#5 has "consensus is rough": both words, not the phrase.
    assert_eq!(
        ids(dir.path(), &q("\"rough consensus\"")),
        expect(&["notes/session#3"])
    );
    assert_eq!(
        ids(dir.path(), &q("rough consensus")),
        expect(&["notes/session#3", "notes/session#5"])
    );
}

#[test]
fn boolean_operators_and_default_conjunction() {
    let (dir, _) = built();
    let trust_not_power = expect(&["notes/session#1", "notes/session#4", "papers/b#1"]);
    assert_eq!(ids(dir.path(), &q("trust AND NOT power")), trust_not_power);
    assert_eq!(ids(dir.path(), &q("trust -power")), trust_not_power);
    // Both words required by default.
    assert_eq!(
        ids(dir.path(), &q("trust legitimacy")),
        expect(&["notes/session#4"])
    );
    assert_eq!(
        ids(dir.path(), &q("legitimacy OR charter")),
        expect(&[
            "notes/session#3",
            "notes/session#4",
            "notes/session#5",
            "papers/b#2",
            "papers/b#3"
        ])
    );
    // A purely negative query: every passage without the word.
    assert_eq!(ids(dir.path(), &q("-trust")).len(), 4);
    assert_eq!(
        ids(dir.path(), &q("NOT (NOT trust)")),
        ids(dir.path(), &q("trust"))
    );
    // All but notes#5, which has "power" and not "trust" (notes#2 has both).
    let or_not = ids(dir.path(), &q("trust OR NOT power"));
    assert_eq!(or_not.len(), 7);
    assert!(!or_not.contains(&"notes/session#5".to_string()));
    // field:term on the analysed speaker field.
    assert_eq!(
        ids(dir.path(), &q("speaker:orsmond")),
        expect(&["notes/session#1"])
    );
}

#[test]
fn filters_are_exact_and_combine_with_the_query() {
    let (dir, _) = built();
    let with = |f: &dyn Fn(&mut SearchRequest)| {
        let mut req = q("");
        f(&mut req);
        ids(dir.path(), &req)
    };
    assert_eq!(
        with(&|r| r.theme = Some("trust".into())),
        expect(&["notes/session#1", "notes/session#2", "notes/session#4"])
    );
    assert_eq!(with(&|r| r.theme = Some("trus".into())), expect(&[]));
    assert_eq!(
        with(&|r| r.voice = Some("civil_society".into())),
        expect(&["notes/session#1"])
    );
    assert_eq!(
        with(&|r| r.voice = Some("Civil society".into())),
        expect(&["notes/session#1"])
    );
    assert_eq!(
        with(&|r| r.kind = Some("comment".into())),
        expect(&["notes/session#3"])
    );
    assert_eq!(
        with(&|r| r.stance = Some("opposes".into())),
        expect(&["notes/session#5"])
    );
    assert_eq!(with(&|r| r.stance = Some("supports".into())), expect(&[]));
    assert_eq!(with(&|r| r.stance = Some("neutral".into())).len(), 7);
    assert_eq!(
        ids(dir.path(), &q("stance:opposes")),
        expect(&["notes/session#5"])
    );
    assert_eq!(
        with(&|r| r.speaker = Some("WOODS".into())),
        expect(&["notes/session#2"])
    );
    assert_eq!(
        with(&|r| r.speaker = Some("avri Doria".into())),
        expect(&["notes/session#3"])
    );
    assert_eq!(with(&|r| r.speaker = Some("nobody".into())), expect(&[]));
    assert_eq!(
        with(&|r| r.recommendations = true),
        expect(&["notes/session#2"])
    );
    assert_eq!(with(&|r| r.doc = Some("papers/b".into())).len(), 3);
    assert_eq!(with(&|r| r.doc = Some("papers".into())), expect(&[]));
    let mut req = q("trust");
    req.theme = Some("power".into());
    assert_eq!(ids(dir.path(), &req), expect(&["notes/session#2"]));
}

#[test]
fn filters_do_not_change_scores() {
    let (dir, _) = built();
    let plain = search(dir.path(), &q("trust")).expect("search");
    let mut req = q("trust");
    req.doc = Some("notes/session".into());
    let filtered = search(dir.path(), &req).expect("search");
    for hit in &filtered.hits {
        let same = plain.hits.iter().find(|h| h.passage.id == hit.passage.id);
        assert_eq!(same.map(|h| h.score), Some(hit.score), "{}", hit.passage.id);
    }
}

#[test]
fn unknown_kind_or_voice_is_an_error() {
    let (dir, _) = built();
    let mut req = q("trust");
    req.kind = Some("bulet".into());
    let err = search(dir.path(), &req).expect_err("bad kind");
    let msg = err.to_string();
    assert!(msg.contains("bulet") && msg.contains("bullet"), "{msg}");
    req.kind = None;
    req.voice = Some("ngo".into());
    assert!(matches!(
        search(dir.path(), &req),
        Err(IndexError::Filter {
            filter: "voice",
            ..
        })
    ));
    req.voice = None;
    req.stance = Some("against".into());
    let msg = search(dir.path(), &req)
        .expect_err("bad stance")
        .to_string();
    assert!(msg.contains("against") && msg.contains("opposes"), "{msg}");
}

#[test]
fn snippets_highlight_the_matched_words() {
    let (dir, _) = built();
    let found = search(dir.path(), &q("consultations")).expect("search");
    assert!(!found.hits.is_empty());
    for hit in &found.hits {
        let s = &hit.snippet;
        assert_eq!(
            hit.passage.text.get(s.offset..s.offset + s.text.len()),
            Some(s.text.as_str())
        );
        assert!(!s.highlights.is_empty(), "{}", hit.passage.id);
        for &(a, b) in &s.highlights {
            assert!(
                s.text[a..b].to_lowercase().starts_with("consultation"),
                "{:?}",
                &s.text[a..b]
            );
        }
    }
    let first = found
        .hits
        .iter()
        .find(|h| h.passage.id == "notes/session#1");
    let snippet = &first.expect("notes#1 matches").snippet;
    assert_eq!(
        snippet
            .highlights
            .iter()
            .map(|&(a, b)| &snippet.text[a..b])
            .collect::<Vec<_>>(),
        ["consultation"]
    );
}

#[test]
fn snippet_falls_back_to_the_start_when_no_word_of_the_text_matched() {
    let (dir, passages) = built();
    // notes#5 matches "legitimacy" through its section heading only.
    let found = search(dir.path(), &q("legitimacy")).expect("search");
    let by_section = found
        .hits
        .iter()
        .find(|h| h.passage.id == "notes/session#5");
    let hit = by_section.expect("section match");
    assert!(hit.snippet.highlights.is_empty());
    assert_eq!(hit.snippet.offset, 0);
    assert_eq!(hit.snippet.text, passages[4].text);
    // A filter-only search.
    let mut req = q("");
    req.kind = Some("comment".into());
    let found = search(dir.path(), &req).expect("search");
    assert_eq!(found.hits[0].snippet.text, passages[2].text);
}

#[test]
fn long_passage_snippet_is_short_and_around_the_match() {
    let filler = "Procedural remarks about agendas and minutes. ".repeat(20);
    let text = format!("{filler}Here the word legitimacy appears once. {filler}");
    let doc = document("long/a", "Long", &text);
    let passage = Passage::new(&doc, 1, PassageKind::Paragraph, 0, text.len());
    let dir = tempfile::tempdir().expect("temp dir");
    write_index(dir.path(), &[DocInfo::from(&doc)], &[passage]).expect("written");
    let found = search(dir.path(), &q("legitimacy")).expect("search");
    let s = &found.hits[0].snippet;
    assert!(s.text.len() <= 200, "{}", s.text.len());
    assert!(s.offset > 0);
    let [(a, b)] = s.highlights[..] else {
        panic!("one highlight expected: {:?}", s.highlights);
    };
    assert_eq!(&s.text[a..b], "legitimacy");
    let rendered = render_hits_text(&found, false);
    assert!(
        rendered.contains("…") && rendered.contains("**legitimacy**"),
        "{rendered}"
    );
}

#[test]
fn bad_query_is_a_one_line_explanation() {
    let (dir, _) = built();
    for (query, says) in [
        ("trust AND (", "parenthesis"),
        ("trust)", "parenthesis"),
        ("\"rough consensus", "quote"),
        ("trust AND", "AND"),
        ("nosuchfield:trust", "nosuchfield"),
    ] {
        let err = search(dir.path(), &q(query)).expect_err(query);
        assert!(matches!(err, IndexError::Query { .. }), "{query}: {err:?}");
        let msg = err.to_string();
        assert!(!msg.contains('\n'), "{msg}");
        assert!(msg.starts_with("cannot parse query"), "{msg}");
        assert!(msg.contains(says), "{query}: {msg}");
        assert!(!msg.contains("SyntaxError") && !msg.contains("{"), "{msg}");
    }
    let err = search(dir.path(), &q("trust\nAND (")).expect_err("newline");
    assert!(!err.to_string().contains('\n'), "{err}");
}

#[test]
fn load_gives_back_exactly_what_was_written_in_order() {
    let (dir, passages) = built();
    let loaded = load(dir.path()).expect("load");
    assert_eq!(loaded.passages, passages);
    let doc_ids: Vec<&str> = loaded.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(doc_ids, ["notes/session", "papers/b"]);
    assert_eq!(loaded.docs[1].title.as_deref(), Some("Background paper"));
}

#[test]
fn rebuilding_replaces_the_content() {
    let (dir, passages) = built();
    let fresh = search(dir.path(), &q("trust OR consensus")).expect("search");
    let (docs, _) = corpus();
    let again = write_index(dir.path(), &docs, &passages).expect("rebuild");
    assert!(!again.created);
    assert_eq!((again.docs, again.passages), (2, 8));
    write_index(dir.path(), &docs, &passages).expect("rebuild");
    assert_eq!(load(dir.path()).expect("load").passages, passages);
    assert_eq!(search(dir.path(), &q("trust")).expect("search").total, 4);
    // Deleted passages leave no trace in the scores.
    assert_eq!(
        search(dir.path(), &q("trust OR consensus")).expect("search"),
        fresh
    );
    // A smaller corpus replaces the larger one.
    write_index(dir.path(), &docs[1..], &passages[5..]).expect("smaller");
    let loaded = load(dir.path()).expect("load");
    assert_eq!(loaded.passages, passages[5..]);
    assert_eq!(loaded.docs, docs[1..]);
}

#[test]
fn refuses_to_write_into_a_directory_of_user_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let precious = dir.path().join("thesis.md");
    std::fs::write(&precious, "my thesis").expect("write");
    let (docs, passages) = corpus();
    let err = write_index(dir.path(), &docs, &passages).expect_err("refused");
    assert!(matches!(err, IndexError::NotEmpty { .. }), "{err:?}");
    assert!(err.to_string().contains(&dir.path().display().to_string()));
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    assert_eq!(
        std::fs::read_to_string(&precious).expect("kept"),
        "my thesis"
    );
    // A file, not a directory.
    let err = write_index(&precious, &docs, &passages).expect_err("refused");
    assert!(matches!(err, IndexError::NotADirectory { .. }), "{err:?}");
}

#[test]
fn creates_missing_directories_and_rejects_unknown_documents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let nested = dir.path().join("a/b/index");
    let (docs, passages) = corpus();
    let summary = write_index(&nested, &docs, &passages).expect("created");
    assert!(summary.created);
    let err = write_index(&nested, &docs[..1], &passages).expect_err("unknown doc");
    assert!(matches!(err, IndexError::UnknownDoc { .. }), "{err:?}");
    // The failed write left the index as it was.
    assert_eq!(load(&nested).expect("load").passages.len(), 8);
}

#[test]
fn opening_something_that_is_not_an_index_names_the_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope");
    let err = search(&missing, &q("trust")).expect_err("missing");
    assert!(matches!(err, IndexError::Missing { .. }), "{err:?}");
    assert!(err.to_string().contains("nope"), "{err}");
    let err = load(dir.path()).expect_err("empty dir");
    assert!(matches!(err, IndexError::NotAnIndex { .. }), "{err:?}");
    assert!(
        err.to_string().contains(&dir.path().display().to_string()),
        "{err}"
    );
}

#[test]
fn ranking_is_by_score_then_corpus_order() {
    let (dir, _) = built();
    let found = search(dir.path(), &q("trust")).expect("search");
    // Three occurrences in a short passage beat one.
    assert_eq!(found.hits[0].passage.id, "papers/b#1");
    for pair in found.hits.windows(2) {
        assert!(pair[0].score >= pair[1].score);
    }
    // The two identical passages tie: corpus order.
    let twins = search(dir.path(), &q("\"identical twin\"")).expect("search");
    let order: Vec<&str> = twins.hits.iter().map(|h| h.passage.id.as_str()).collect();
    assert_eq!(order, ["papers/b#2", "papers/b#3"]);
    assert_eq!(twins.hits[0].score, twins.hits[1].score);
    // The limit keeps the best, the total counts all.
    let mut req = q("trust");
    req.limit = 2;
    let top = search(dir.path(), &req).expect("search");
    assert_eq!(top.total, 4);
    assert_eq!(top.hits, found.hits[..2]);
    req.limit = usize::MAX;
    assert_eq!(search(dir.path(), &req).expect("huge limit"), found);
    req.limit = 0;
    let counted = search(dir.path(), &req).expect("count only");
    assert_eq!((counted.total, counted.hits.len()), (4, 0));
    assert_eq!(search(dir.path(), &q("trust")).expect("again"), found);
}

#[test]
fn text_rendering_marks_matches_and_strips_terminal_escapes() {
    let text = "A \x1b[31mhostile\x1b[0m note on trust\u{202E} and\nmore trust.";
    let mut doc = document("evil/a", "Evil\x1b[2J title", text);
    doc.title = Some("Evil\x1b[2J title".into());
    let mut passage = Passage::new(&doc, 1, PassageKind::Comment, 0, text.len());
    passage.speaker = Some(person("Ann\x07 Lee", "Org", Group::Academia, How::Comment));
    passage.themes = themes(&["trust"]);
    let dir = tempfile::tempdir().expect("temp dir");
    write_index(dir.path(), &[DocInfo::from(&doc)], &[passage]).expect("written");
    let found = search(dir.path(), &q("trust")).expect("search");

    let plain = render_hits_text(&found, false);
    assert!(!plain.contains('\x1b') && !plain.contains('\x07') && !plain.contains('\u{202E}'));
    assert!(plain.contains("**trust** and more **trust**"), "{plain}");
    assert!(
        plain.contains("comment  Ann Lee (Org, academia) — Evil[2J title  (evil/a#1)"),
        "{plain}"
    );
    assert!(plain.contains("themes: trust"), "{plain}");
    assert!(plain.trim_end().ends_with("1 passage matches"), "{plain}");

    let colored = render_hits_text(&found, true);
    let escapes = colored.matches('\x1b').count();
    assert_eq!(escapes, 4, "only our bold on/off: {colored:?}");
    assert!(colored.contains("\x1b[1mtrust\x1b[0m"));

    let json = render_hits_json(&found);
    assert_eq!(json.lines().count(), 1);
    let line: serde_json::Value = serde_json::from_str(json.trim_end()).expect("valid JSON");
    assert_eq!(line["id"], "evil/a#1");
    assert_eq!(line["text"], text);
    assert_eq!(line["themes"][0], "trust");
    assert_eq!(line["speaker"]["group"], "academia");
    assert_eq!(
        line["snippet"]["highlights"].as_array().map(Vec::len),
        Some(2)
    );
}

#[test]
fn count_line_says_how_many_are_shown() {
    let (dir, _) = built();
    let mut req = q("trust");
    req.limit = 2;
    let out = render_hits_text(&search(dir.path(), &req).expect("search"), false);
    assert!(
        out.trim_end().ends_with("4 passages match (showing 2)"),
        "{out}"
    );
    assert_eq!(out.lines().filter(|l| l.starts_with('[')).count(), 2);
    let none = render_hits_text(&search(dir.path(), &q("zebra")).expect("search"), false);
    assert_eq!(none, "no passage matches\n");
}

#[test]
fn real_report_paragraphs_are_found_by_trust() {
    let text = include_str!("../../corpora/seeds/000_51a460143868a0c3.txt");
    let doc = document("seeds/000_51a460143868a0c3", "Synthesis report", text);
    let passages = paragraphs(&doc);
    let expected = passages
        .iter()
        .filter(|p| tokens(&p.text).any(|t| stem(&t.lower) == "trust"))
        .count();
    assert!(expected >= 3, "the report speaks of trust: {expected}");

    let dir = tempfile::tempdir().expect("temp dir");
    write_index(dir.path(), &[DocInfo::from(&doc)], &passages).expect("written");
    let mut req = q("trust");
    req.limit = 1000;
    let found = search(dir.path(), &req).expect("search");
    assert_eq!(found.total, expected);
    for hit in &found.hits {
        assert_eq!(
            doc.text[hit.passage.start..hit.passage.end],
            hit.passage.text
        );
        let marked: Vec<&str> = hit
            .snippet
            .highlights
            .iter()
            .map(|&(a, b)| &hit.snippet.text[a..b])
            .collect();
        assert!(!marked.is_empty(), "{}: no highlight", hit.passage.id);
        assert!(
            marked.iter().all(|w| stem(&w.to_lowercase()) == "trust"),
            "{marked:?}"
        );
    }
    assert!(
        found.hits.iter().any(|h| h
            .snippet
            .highlights
            .iter()
            .any(|&(a, b)| &h.snippet.text[a..b] == "trust")),
        "a literal lowercase 'trust' is highlighted somewhere"
    );
    let rendered = render_hits_text(&found, false);
    assert!(rendered.contains("**trust**"));
    assert_eq!(load(dir.path()).expect("load").passages, passages);
}

#[test]
fn a_locked_or_foreign_index_is_refused_clearly() {
    let (dir, passages) = built();
    let (docs, _) = corpus();
    let index = tantivy::Index::open_in_dir(dir.path()).expect("open");
    let writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).expect("lock");
    let err = write_index(dir.path(), &docs, &passages).expect_err("locked");
    assert!(matches!(err, IndexError::Locked { .. }), "{err:?}");
    drop(writer);
    // Readers are not blocked by the lock, and the failed write changed nothing.
    assert_eq!(load(dir.path()).expect("load").passages, passages);

    let other = tempfile::tempdir().expect("temp dir");
    let mut b = tantivy::schema::Schema::builder();
    b.add_text_field("body", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(other.path(), b.build()).expect("foreign index");
    let err = write_index(other.path(), &docs, &passages).expect_err("foreign");
    assert!(matches!(err, IndexError::Foreign { .. }), "{err:?}");
    assert!(matches!(
        search(other.path(), &q("trust")),
        Err(IndexError::Foreign { .. })
    ));
}

#[test]
fn only_rapporteurs_index_and_nothing_else_may_be_replaced() {
    // Written by rapporteur: replaceable, until a file is put inside it.
    let (dir, _) = built();
    check_replaceable(dir.path()).expect("rapporteur's index");
    std::fs::write(dir.path().join("precious.txt"), "mine").expect("write");
    let err = check_replaceable(dir.path()).expect_err("a file inside");
    assert!(matches!(err, IndexError::OtherFiles { .. }), "{err:?}");
    assert!(err.to_string().contains("precious.txt"), "{err}");

    // Another schema: another program's index, unless it carries rapporteur's mark (an older
    // or newer rapporteur wrote it).
    for marked in [false, true] {
        let other = tempfile::tempdir().expect("temp dir");
        let mut b = tantivy::schema::Schema::builder();
        b.add_text_field("body", tantivy::schema::TEXT);
        let index = tantivy::Index::create_in_dir(other.path(), b.build()).expect("index");
        let mut writer: tantivy::IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        let mut commit = writer.prepare_commit().expect("prepare");
        if marked {
            commit.set_payload(store::MARK);
        }
        commit.commit().expect("commit");
        drop(writer);
        let checked = check_replaceable(other.path());
        assert_eq!(checked.is_ok(), marked, "marked: {marked}: {checked:?}");
    }
}

#[test]
fn an_empty_corpus_gives_an_empty_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let summary = write_index(dir.path(), &[], &[]).expect("written");
    assert_eq!(
        (summary.docs, summary.passages, summary.created),
        (0, 0, true)
    );
    assert_eq!(
        load(dir.path()).expect("load"),
        Loaded {
            docs: vec![],
            passages: vec![]
        }
    );
    let found = search(dir.path(), &q("trust")).expect("search");
    assert_eq!((found.total, found.hits.len()), (0, 0));
}

/// Each document's passages go into its language's field: Spanish words are stemmed in Spanish
/// (and found from another inflection), Chinese text by character, English as before; `lang`
/// filters by language.
#[test]
fn each_document_is_indexed_with_its_own_languages_stemmer() {
    let es = document(
        "madrid/1",
        "Comentario",
        "Las participaciones de los vecinos en el distrito son muy importantes para nosotros.\n\n\
         Hay que mejorar la limpieza de las calles y de los parques del barrio.",
    );
    let zh = document(
        "sayit/1",
        "逐字稿",
        "我們今天討論個資去識別化的流程，大家有什麼問題嗎？\n\n標檢局說明驗證規範的內容。",
    );
    let en = document("notes/1", "Notes", NOTES);
    let mut passages = Vec::new();
    for d in [&es, &zh, &en] {
        passages.extend(paragraphs(d));
    }
    let docs = [DocInfo::from(&es), DocInfo::from(&zh), DocInfo::from(&en)];
    let dir = tempfile::tempdir().expect("temp dir");
    write_index(dir.path(), &docs, &passages).expect("written");

    // "participación" (Spanish stem "particip") finds "participaciones"; the English stemmer
    // would not conflate them.
    assert_ne!(stem("participación"), stem("participaciones"));
    let found = search(dir.path(), &SearchRequest::new("participación")).expect("search");
    assert_eq!(found.total, 1);
    assert_eq!(found.hits[0].passage.doc, "madrid/1");
    let (s, e) = found.hits[0].snippet.highlights[0];
    assert_eq!(&found.hits[0].snippet.text[s..e], "participaciones");
    // A Chinese word is a phrase of characters.
    let found = search(dir.path(), &SearchRequest::new("流程")).expect("search");
    assert_eq!(found.total, 1);
    assert_eq!(found.hits[0].passage.doc, "sayit/1");
    // English is stemmed as before, and the language is a filter.
    assert!(
        search(dir.path(), &SearchRequest::new("consultations"))
            .expect("search")
            .total
            >= 1
    );
    let spanish = search(dir.path(), &SearchRequest::new("lang:es")).expect("search");
    assert_eq!(spanish.total, 2);
    let chinese = search(dir.path(), &SearchRequest::new("lang:zh")).expect("search");
    assert_eq!(chinese.total, 2);
    // The passages come back unchanged.
    assert_eq!(load(dir.path()).expect("load").passages, passages);
}

#[test]
fn a_builder_fed_document_by_document_writes_the_same_index() {
    let (whole, passages) = built();
    let (docs, _) = corpus();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut builder = IndexBuilder::create(dir.path()).expect("builder");
    for d in &docs {
        let mine: Vec<Passage> = passages.iter().filter(|p| p.doc == d.id).cloned().collect();
        builder.add(d, &mine).expect("added");
    }
    // A passage of another document is refused, and nothing of it is added.
    let err = builder
        .add(&docs[0], &passages[4..6])
        .expect_err("wrong document");
    assert!(matches!(err, IndexError::UnknownDoc { .. }), "{err:?}");
    let summary = builder.finish().expect("committed");
    assert_eq!(
        (summary.docs, summary.passages, summary.created),
        (2, 8, true)
    );
    assert_eq!(
        load(dir.path()).expect("load"),
        load(whole.path()).expect("load")
    );
    for query in [
        "trust",
        "\"civil society\" OR consensus",
        "governments -trust",
    ] {
        assert_eq!(
            search(dir.path(), &q(query)).expect("search"),
            search(whole.path(), &q(query)).expect("search"),
            "{query}"
        );
    }
    // A builder dropped before finishing leaves the index as it was.
    let mut unfinished = IndexBuilder::create(dir.path()).expect("builder");
    unfinished.add(&docs[1], &passages[5..]).expect("added");
    drop(unfinished);
    assert_eq!(load(dir.path()).expect("load").passages, passages);
}
