//! The .docx reader on real drafts (`../shared/corpora/drafts`: the Open-XML-PowerTools,
//! pandoc and docx-rs fixtures, the PCTF draft, seed 001 as a Word file) and on hostile
//! archives, through the library and through the real binary.
//!
//! Expected values come from the files themselves: the XML elements counted with a regex over
//! the parts, pandoc's own `.native` readings, and the text export of seed 001.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use proptest::prelude::*;
use rapporteur::model::{Document, Passage, PassageKind};
use rapporteur::read::docx::{View, read_docx};
use rapporteur::read::{ReadError, ReadOptions, read_file};
use rapporteur::segment::segment;
use regex::Regex;

mod common;
use common::root;

/// `../shared/corpora/drafts`, or `None` (with a message) when it is absent.
fn drafts() -> Option<PathBuf> {
    let dir = root().join("../shared/corpora/drafts");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} absent", dir.display());
        None
    }
}

fn files_with(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("readable dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            files_with(&e, ext, out);
        } else if e.extension().is_some_and(|x| x == ext) {
            out.push(e);
        }
    }
}

fn read(path: &Path, view: View) -> Document {
    let bytes = std::fs::read(path).expect("readable");
    read_docx(&bytes, "d", &path.display().to_string(), view).unwrap_or_else(|e| panic!("{e}"))
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of<'a>(doc: &'a Document, b: &rapporteur::Block) -> &'a str {
    &doc.text[b.start..b.end]
}

const BODY_KINDS: [PassageKind; 4] = [
    PassageKind::Paragraph,
    PassageKind::Heading,
    PassageKind::Bullet,
    PassageKind::TableRow,
];

// ---------------------------------------------------------------------------------------
// Counting the XML elements, independently of the reader.

/// The part `name` of the zip archive in `bytes`.
fn part(bytes: &[u8], name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut f = zip.by_name(name).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).ok()?;
    Some(s)
}

static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<w:(?:t|delText)(?:\s[^>]*)?>([^<]*)</w:(?:t|delText)>").expect("valid")
});

/// The `w:TAG` elements of `xml` whose `w:t`/`w:delText` content holds a non-whitespace
/// character (self-closing ones, such as a paragraph mark's `<w:del …/>`, hold none).
fn elements_with_text(xml: &str, tag: &str) -> usize {
    let open = Regex::new(&format!(r"<w:{tag}(?:\s[^>]*)?>")).expect("valid");
    let close = format!("</w:{tag}>");
    open.find_iter(xml)
        .filter(|m| !m.as_str().ends_with("/>"))
        .filter(|m| {
            let inner = &xml[m.end()..];
            let inner = &inner[..inner.find(&close).unwrap_or(inner.len())];
            WORDS
                .captures_iter(inner)
                .any(|c| c[1].chars().any(|ch| !ch.is_whitespace()))
        })
        .count()
}

/// Per action, the revision elements with text in the body, notes and comments.
fn expected_revisions(bytes: &[u8]) -> BTreeMap<&'static str, usize> {
    let parts = [
        "word/document.xml",
        "word/footnotes.xml",
        "word/endnotes.xml",
        "word/comments.xml",
    ];
    let mut out = BTreeMap::new();
    for (action, tag) in [
        ("insert", "ins"),
        ("delete", "del"),
        ("move_from", "moveFrom"),
        ("move_to", "moveTo"),
    ] {
        let n: usize = parts
            .iter()
            .filter_map(|p| part(bytes, p))
            .map(|x| elements_with_text(&x, tag))
            .sum();
        out.insert(action, n);
    }
    out
}

fn found_revisions(doc: &Document) -> BTreeMap<&'static str, usize> {
    let mut out: BTreeMap<&str, usize> = ["insert", "delete", "move_from", "move_to"]
        .into_iter()
        .map(|a| (a, 0))
        .collect();
    for b in doc
        .blocks
        .iter()
        .filter(|b| b.kind == PassageKind::Revision)
    {
        let action = b.meta["action"].as_str().expect("action");
        *out.get_mut(action).expect("a known action") += 1;
    }
    out
}

/// Checks what every docx document must hold: spans on char boundaries, comments with an
/// author and an anchor, replies pointing back at an earlier comment.
fn check_blocks(doc: &Document, name: &str) {
    for (i, b) in doc.blocks.iter().enumerate() {
        let t = doc
            .text
            .get(b.start..b.end)
            .unwrap_or_else(|| panic!("{name}: block {i} off char boundaries"));
        assert!(
            !t.trim().is_empty() && t.trim() == t,
            "{name}: block {i} {t:?}"
        );
        if let Some((s, e)) = b.anchor {
            assert!(
                doc.text.get(s..e).is_some_and(|a| !a.is_empty()),
                "{name}: anchor {i}"
            );
        }
        if let Some(r) = b.reply_to {
            assert!(
                r < i && doc.blocks[r].kind == PassageKind::Comment,
                "{name}: reply {i}"
            );
        }
    }
}

#[test]
fn every_draft_reads_with_one_passage_per_comment_and_per_tracked_change() {
    let Some(dir) = drafts() else { return };
    let mut files = Vec::new();
    files_with(&dir, "docx", &mut files);
    assert!(files.len() >= 29, "the drafts hold 29 .docx files");
    let (mut comments, mut revisions) = (0, 0);
    for f in &files {
        let name = f.file_name().expect("name").to_string_lossy().into_owned();
        let bytes = std::fs::read(f).expect("readable");
        let expected = expected_revisions(&bytes);
        let comment_xml = part(&bytes, "word/comments.xml").unwrap_or_default();
        let expected_comments = elements_with_text(&comment_xml, "comment");
        for view in [View::Current, View::Original] {
            let doc = read(f, view);
            check_blocks(&doc, &name);
            assert_eq!(found_revisions(&doc), expected, "{name} ({view:?})");
            let found = doc
                .blocks
                .iter()
                .filter(|b| b.kind == PassageKind::Comment)
                .count();
            assert_eq!(found, expected_comments, "{name} ({view:?})");
            for b in doc.blocks.iter().filter(|b| b.kind == PassageKind::Comment) {
                assert!(b.anchor.is_some(), "{name}: a comment without anchor");
            }
        }
        comments += expected_comments;
        revisions += expected.values().sum::<usize>();
    }
    // Not a vacuous pass: 45 comments in seed 001 alone, 426 insertions and 286 deletions
    // (with or without text) in the Arabic resolution.
    assert!(comments >= 45, "{comments} comments");
    assert!(revisions >= 500, "{revisions} revisions");
}

#[test]
fn the_arabic_resolution_keeps_every_change_quotable() {
    let Some(dir) = drafts() else { return };
    let f = dir.join("fixtures-open-xml-powertools/TestFiles_RP_RP051-Arabic.docx");
    let doc = read(&f, View::Current);
    let bytes = std::fs::read(&f).expect("readable");
    let xml = part(&bytes, "word/document.xml").expect("document part");
    // Each deletion's words, in order, are exactly the delText of its element.
    let del = Regex::new(r"(?s)<w:del(?:\s[^>]*[^/])?>(.*?)</w:del>").expect("valid");
    let expected: Vec<String> = del
        .captures_iter(&xml)
        .map(|c| {
            WORDS
                .captures_iter(&c[1])
                .map(|w| w[1].to_string())
                .collect::<String>()
        })
        .filter(|t| t.chars().any(|c| !c.is_whitespace()))
        .map(|t| norm(&t.replace("&amp;", "&").replace("&quot;", "\"")))
        .collect();
    let found: Vec<String> = doc
        .blocks
        .iter()
        .filter(|b| b.meta.get("action").is_some_and(|a| a == "delete"))
        .map(|b| norm(text_of(&doc, b)))
        .collect();
    assert_eq!(found, expected);
    // Deleted words are not in the body.
    let body_end = doc
        .text
        .find("\n\nText removed by tracked changes\n\n")
        .expect("a removed part");
    let first = doc
        .blocks
        .iter()
        .find(|b| b.meta.get("action").is_some_and(|a| a == "delete"))
        .expect("a deletion");
    assert!(first.start > body_end);
}

// ---------------------------------------------------------------------------------------
// pandoc's readings (`.native`).

#[path = "docx/pandoc.rs"]
mod pandoc;
use pandoc::Pandoc;

fn mine(doc: &Document) -> Pandoc {
    let mut pd = Pandoc::default();
    for b in &doc.blocks {
        let t = norm(text_of(doc, b));
        let who = || {
            b.speaker
                .as_ref()
                .and_then(|s| s.name.clone())
                .unwrap_or_default()
        };
        match b.kind {
            k if BODY_KINDS.contains(&k) => pd.paragraphs.push(t),
            PassageKind::Comment => {
                let anchor = b
                    .anchor
                    .map(|(s, e)| norm(&doc.text[s..e]))
                    .unwrap_or_default();
                pd.comments.push((who(), t, anchor));
            }
            PassageKind::Revision => {
                let kind = match b.meta["action"].as_str() {
                    Some("insert" | "move_to") => "insertion",
                    _ => "deletion",
                };
                pd.changes.push((kind.to_string(), who(), t));
            }
            _ => {}
        }
    }
    pd
}

#[test]
fn accepted_and_rejected_readings_agree_with_pandoc() {
    let Some(dir) = drafts() else { return };
    let dir = dir.join("fixtures-pandoc");
    let mut checked = 0;
    for name in ["insertion", "deletion", "move"] {
        let docx = dir.join(format!("track_changes_{name}.docx"));
        for (mode, view) in [("accept", View::Current), ("reject", View::Original)] {
            let expected = pandoc::read(&dir.join(format!("track_changes_{name}_{mode}.native")));
            let got = mine(&read(&docx, view));
            assert_eq!(got.paragraphs, expected.paragraphs, "{name} {mode}");
            checked += 1;
        }
        // "all" shows every change with its author: the same changes, in the same order.
        let all = pandoc::read(&dir.join(format!("track_changes_{name}_all.native")));
        assert!(!all.changes.is_empty());
        assert_eq!(
            mine(&read(&docx, View::Current)).changes,
            all.changes,
            "{name}"
        );
    }
    assert_eq!(checked, 6);
}

#[test]
fn comments_agree_with_pandoc_authors_texts_and_anchors() {
    let Some(dir) = drafts() else { return };
    let dir = dir.join("fixtures-pandoc");
    let doc = read(&dir.join("comments.docx"), View::Current);
    let got = mine(&doc);
    let expected = pandoc::read(&dir.join("comments.native"));
    assert_eq!(expected.comments.len(), 5);
    assert_eq!(got.comments, expected.comments);
    assert_eq!(got.paragraphs, expected.paragraphs);
    // Without comments, pandoc reads the same body.
    assert_eq!(
        got.paragraphs,
        pandoc::read(&dir.join("comments_no_comments.native")).paragraphs
    );
    // The scrubbed file: author "Author", no dates, a deletion, an insertion and a comment.
    let doc = read(
        &dir.join("track_changes_scrubbed_metadata.docx"),
        View::Current,
    );
    let got = mine(&doc);
    let expected = pandoc::read(&dir.join("track_changes_scrubbed_metadata.native"));
    assert_eq!(got.changes, expected.changes);
    assert_eq!(got.comments, expected.comments);
    assert!(doc.blocks.iter().all(|b| !b.meta.contains_key("date")));
}

// ---------------------------------------------------------------------------------------
// Seed 001: the text export and the Word file give the same comments.

fn passages_of(path: &Path) -> Vec<Passage> {
    let docs = read_file(path, "d", &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    segment(&docs[0])
}

#[test]
fn seed_001_export_and_word_file_give_the_same_45_comments() {
    let Some(dir) = drafts() else { return };
    let export = passages_of(&root().join("corpora/seeds/001_736d92a020b18d93.txt"));
    let word = passages_of(&dir.join("seed-001-docx/001_736d92a020b18d93.docx"));
    let comments = |ps: &[Passage]| -> Vec<Passage> {
        ps.iter()
            .filter(|p| p.kind == PassageKind::Comment)
            .cloned()
            .collect()
    };
    let (ce, cw) = (comments(&export), comments(&word));
    assert_eq!(ce.len(), 45);
    assert_eq!(cw.len(), 45);
    let body: Vec<&Passage> = word
        .iter()
        .filter(|p| BODY_KINDS.contains(&p.kind))
        .collect();
    for (n, (e, w)) in ce.iter().zip(&cw).enumerate() {
        let who = |p: &Passage| p.speaker.as_ref().and_then(|s| s.name.clone());
        assert_eq!(who(e), who(w), "comment {n}");
        assert_eq!(norm(&e.text), norm(&w.text), "comment {n}");
        // The export anchors on the whole paragraph; the Word anchor lies inside the one
        // paragraph whose text holds it.
        let ea = norm(&e.anchor.as_ref().expect("export anchor").text);
        let wa = w.anchor.as_ref().expect("word anchor");
        let holding: Vec<&&Passage> = body
            .iter()
            .filter(|p| p.start <= wa.start && wa.end <= p.end)
            .collect();
        assert_eq!(holding.len(), 1, "comment {n}");
        assert!(norm(&holding[0].text).contains(&ea), "comment {n}: {ea}");
        let matching = body.iter().filter(|p| norm(&p.text).contains(&ea)).count();
        assert_eq!(matching, 1, "comment {n}: one paragraph holds {ea}");
    }
}

// ---------------------------------------------------------------------------------------
// Hostile archives.

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in entries {
        w.start_file(*name, opts).expect("entry");
        w.write_all(data).expect("write");
    }
    w.finish().expect("zip").into_inner()
}

/// A small but complete draft: a heading, a change of each kind, a comment, a footnote.
fn good_docx(method: zip::CompressionMethod) -> Vec<u8> {
    let doc = format!(
        r#"<w:document {W}><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Trust</w:t></w:r></w:p><w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">Trust is built </w:t></w:r><w:del w:id="1" w:author="Ana"><w:r><w:delText>fast</w:delText></w:r></w:del><w:ins w:id="2" w:author="Bo"><w:r><w:t>slowly</w:t></w:r></w:ins><w:r><w:t>.</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#
    );
    let comments = format!(
        r#"<w:comments {W}><w:comment w:id="0" w:author="Avri doria"><w:p><w:r><w:t>Who says?</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let notes = format!(
        r#"<w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>A source.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    zip_of(
        &[
            ("word/document.xml", doc.as_bytes()),
            ("word/comments.xml", comments.as_bytes()),
            ("word/footnotes.xml", notes.as_bytes()),
        ],
        method,
    )
}

/// Deterministic noise.
fn noise(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as u8
        })
        .collect()
}

/// A hostile file's name and the error it must give.
type Expected = (&'static str, fn(&ReadError) -> bool);

fn write_hostile_corpus(dir: &Path) -> Vec<Expected> {
    let good = good_docx(zip::CompressionMethod::Deflated);
    std::fs::write(dir.join("good.docx"), &good).expect("write");
    std::fs::write(dir.join("truncated.docx"), &good[..good.len() / 2]).expect("write");
    let mut random = noise(4096, 7);
    random[0] = b'x';
    std::fs::write(dir.join("random.docx"), random).expect("write");
    let zeros = vec![b' '; 8 * 1024 * 1024];
    std::fs::write(
        dir.join("bomb.docx"),
        zip_of(
            &[("word/document.xml", &zeros)],
            zip::CompressionMethod::Deflated,
        ),
    )
    .expect("write");
    let names: Vec<String> = (0..10_001).map(|i| format!("junk/{i}.xml")).collect();
    let many: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    std::fs::write(
        dir.join("many.docx"),
        zip_of(&many, zip::CompressionMethod::Stored),
    )
    .expect("write");
    let styles = format!("<w:styles {W}/>");
    std::fs::write(
        dir.join("nodoc.docx"),
        zip_of(
            &[("word/styles.xml", styles.as_bytes())],
            zip::CompressionMethod::Deflated,
        ),
    )
    .expect("write");
    let bad = format!("<w:document {W}><w:body><w:p></w:body></w:document>");
    std::fs::write(
        dir.join("malformed.docx"),
        zip_of(
            &[("word/document.xml", bad.as_bytes())],
            zip::CompressionMethod::Deflated,
        ),
    )
    .expect("write");
    let mut laughs = String::from(r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#);
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        laughs.push_str(&format!(
            r#"<!ENTITY lol{i} "{}">"#,
            format!("&{prev};").repeat(10)
        ));
    }
    laughs.push_str(&format!(
        "]><w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    ));
    std::fs::write(
        dir.join("laughs.docx"),
        zip_of(
            &[("word/document.xml", laughs.as_bytes())],
            zip::CompressionMethod::Deflated,
        ),
    )
    .expect("write");
    vec![
        ("truncated.docx", |e| {
            matches!(e, ReadError::Truncated { .. })
        }),
        ("random.docx", |e| matches!(e, ReadError::NotZip { .. })),
        ("bomb.docx", |e| matches!(e, ReadError::ArchiveLimit { .. })),
        ("many.docx", |e| matches!(e, ReadError::ArchiveLimit { .. })),
        ("nodoc.docx", |e| matches!(e, ReadError::MissingPart { .. })),
        ("malformed.docx", |e| {
            matches!(e, ReadError::MalformedXml { .. })
        }),
        ("laughs.docx", |e| {
            matches!(e, ReadError::XmlEntities { .. })
        }),
    ]
}

#[test]
fn hostile_archives_are_clear_per_file_errors_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).expect("dir");
    let bad = write_hostile_corpus(&dir);
    let good = read_file(&dir.join("good.docx"), "g", &ReadOptions::default()).expect("reads");
    assert_eq!(good[0].blocks.len(), 7, "{:?}", good[0].blocks);
    for (name, is_expected) in &bad {
        let path = dir.join(name);
        let e = read_file(&path, "x", &ReadOptions::default()).expect_err(name);
        assert!(is_expected(&e), "{name}: {e}");
        assert_eq!(e.path(), path);
        assert!(
            e.to_string().starts_with(&path.display().to_string()),
            "{e}"
        );
    }

    let out = tmp.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["ingest", "in", "--out", "out"])
        .current_dir(tmp.path())
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    for (name, _) in &bad {
        assert!(
            stderr.lines().any(|l| l.contains(name)),
            "{name} not named:\n{stderr}"
        );
    }
    let docs = std::fs::read_to_string(out.join("documents.jsonl")).expect("documents");
    assert_eq!(docs.lines().count(), 1);
    assert!(docs.contains(r#""id":"in/good""#), "{docs}");
    check_contract(&out);
}

fn check_contract(out: &Path) {
    let tool = root().join("../shared/tools/check-contract");
    if !tool.exists() {
        eprintln!("skipped: {} absent", tool.display());
        return;
    }
    let run = Command::new("python3")
        .arg(&tool)
        .arg(out)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success() && !stdout.contains("FAIL"), "{stdout}");
}

/// Drafts to mutate: the synthetic one (stored, so that edits land in the XML, and deflated)
/// and, when `../shared` is there, real fixtures with comments, replies and nested changes.
static SAMPLES: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let mut out = vec![
        good_docx(zip::CompressionMethod::Stored),
        good_docx(zip::CompressionMethod::Deflated),
    ];
    let dir = root().join("../shared/corpora/drafts");
    for f in [
        "fixtures-pandoc/comments.docx",
        "fixtures-docx-rs/comment_in_delete_in_insert__comment_in_delete_in_insert.docx",
        "fixtures-open-xml-powertools/TestFiles_RP_RP018-MoveFrom-MoveTo-CC.docx",
    ] {
        out.extend(std::fs::read(dir.join(f)));
    }
    out
});

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read_docx(&bytes, "x", "x.docx", View::Current);
        let mut zipish = b"PK\x03\x04".to_vec();
        zipish.extend(&bytes);
        let _ = read_docx(&zipish, "x", "x.docx", View::Original);
    }

    #[test]
    fn mutated_drafts_never_panic(
        which in any::<proptest::sample::Index>(),
        edits in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>()), 1..12),
        cut in any::<proptest::sample::Index>(),
        shorten in any::<bool>(),
    ) {
        let mut bytes = which.get(&SAMPLES).clone();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if shorten {
            bytes.truncate(cut.index(bytes.len()));
        }
        for view in [View::Current, View::Original] {
            if let Ok(doc) = read_docx(&bytes, "x", "x.docx", view) {
                check_blocks(&doc, "mutated");
            }
        }
    }

    #[test]
    fn arbitrary_markup_in_a_sound_archive_never_panics(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "word ", " ", "&amp;", "&bogus;",
            "<w:del w:id=\"1\" w:author=\"A\">", "</w:del>", "<w:ins w:id=\"2\">", "</w:ins>",
            "<w:moveFrom>", "</w:moveFrom>", "<w:moveTo>", "</w:moveTo>", "<w:delText>", "</w:delText>",
            "<w:commentRangeStart w:id=\"0\"/>", "<w:commentRangeEnd w:id=\"0\"/>",
            "<w:r><w:commentReference w:id=\"0\"/></w:r>", "<w:r><w:footnoteReference w:id=\"1\"/></w:r>",
            "<w:tbl>", "</w:tbl>", "<w:tr>", "</w:tr>", "<w:tc>", "</w:tc>",
            "<w:pPr><w:rPr><w:del w:id=\"3\"/></w:rPr></w:pPr>", "<w:pPr><w:rPr><w:ins w:id=\"4\"/></w:rPr></w:pPr>",
            "<w:txbxContent>", "</w:txbxContent>", "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>",
        ]), 0..80),
    ) {
        let doc = format!("<w:document {W}><w:body>{}</w:body></w:document>", pieces.concat());
        let comments = format!(r#"<w:comments {W}><w:comment w:id="0" w:author="A"><w:p><w:r><w:t>c</w:t></w:r></w:p></w:comment></w:comments>"#);
        let notes = format!(r#"<w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>n</w:t></w:r></w:p></w:footnote></w:footnotes>"#);
        let bytes = zip_of(&[
            ("word/document.xml", doc.as_bytes()),
            ("word/comments.xml", comments.as_bytes()),
            ("word/footnotes.xml", notes.as_bytes()),
        ], zip::CompressionMethod::Stored);
        for view in [View::Current, View::Original] {
            if let Ok(doc) = read_docx(&bytes, "x", "x.docx", view) {
                check_blocks(&doc, "markup");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The whole drafts folder through the binary.

#[test]
fn ingest_of_the_drafts_folder_reads_every_word_file_and_reports_only_other_formats() {
    let Some(dir) = drafts() else { return };
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .arg("ingest")
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    // Every failure is a file no reader takes: PDFs, the .xlsx, pandoc's .native readings.
    let failures: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("rapporteur: /") || l.starts_with("rapporteur: ."))
        .collect();
    for f in &failures {
        assert!(f.contains(": unsupported format '."), "{f}");
        assert!(!f.contains(".docx:"), "{f}");
    }
    assert_eq!(
        run.status.code(),
        Some(if failures.is_empty() { 0 } else { 1 }),
        "{stderr}"
    );
    let docs = std::fs::read_to_string(out.join("documents.jsonl")).expect("documents");
    let docx = docs
        .lines()
        .filter(|l| l.contains(r#""format":"docx""#))
        .count();
    let mut files = Vec::new();
    files_with(&dir, "docx", &mut files);
    assert_eq!(docx, files.len());
    check_contract(&out);
}

#[test]
fn the_drafts_pipeline_runs_clean() {
    let Some(_) = drafts() else { return };
    let pipelines = root().join("pipelines");
    let src = std::fs::read_to_string(pipelines.join("drafts.toml")).expect("pipeline file");
    let mut table: toml::Table = toml::from_str(&src).expect("valid TOML");
    let resolve = |v: &toml::Value| {
        toml::Value::from(
            pipelines
                .join(v.as_str().expect("a path"))
                .display()
                .to_string(),
        )
    };
    let sources: Vec<toml::Value> = table["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(resolve)
        .collect();
    table.insert("sources".into(), sources.into());
    let taxonomy = resolve(&table["taxonomy"]);
    table.insert("taxonomy".into(), taxonomy);
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    table.insert("output".into(), out.display().to_string().into());
    let file = tmp.path().join("drafts.toml");
    std::fs::write(&file, toml::to_string(&table).expect("TOML")).expect("write");
    let run = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .arg("run")
        .arg(&file)
        .output()
        .expect("the binary runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let passages = std::fs::read_to_string(out.join("passages.jsonl")).expect("passages");
    // Comments keep their authors all the way to the passages.
    assert!(passages.lines().any(|l| l.contains(r#""kind":"comment""#)
        && l.contains(r#""name":"Avri doria""#)
        && l.contains(r#""how":"comment""#)));
    check_contract(&out);
}
