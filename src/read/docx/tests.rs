use std::io::Write;

use super::*;
use crate::model::PassageKind as K;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

/// A .docx holding `body` (the inside of `w:body`) and the other parts given.
fn docx(body: &str, parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let doc = format!("<w:document {NS}><w:body>{body}</w:body></w:document>");
    w.start_file("word/document.xml", opts).expect("entry");
    w.write_all(doc.as_bytes()).expect("write");
    for (name, xml) in parts {
        w.start_file(*name, opts).expect("entry");
        w.write_all(xml.as_bytes()).expect("write");
    }
    w.finish().expect("zip").into_inner()
}

fn p(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn read(bytes: &[u8], view: View) -> Document {
    read_docx(bytes, "d", "d.docx", view).expect("reads")
}

/// (kind, text, speaker, anchor text) of each block.
fn blocks(doc: &Document) -> Vec<(K, &str, Option<&str>, Option<&str>)> {
    doc.blocks
        .iter()
        .map(|b| {
            (
                b.kind,
                &doc.text[b.start..b.end],
                b.speaker.as_ref().and_then(|s| s.name.as_deref()),
                b.anchor.map(|(s, e)| &doc.text[s..e]),
            )
        })
        .collect()
}

#[test]
fn styles_tables_lists_and_toc_lines() {
    let styles = format!(
        r#"<w:styles {NS}>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
        <w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>
        </w:styles>"#
    );
    let body = [
        p(&format!(r#"<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{}"#, r("Scope"))),
        p(&format!(r#"<w:pPr><w:pStyle w:val="TOC1"/></w:pPr>{}"#, r("Scope\t1"))),
        p(&format!(
            r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr></w:pPr>{}"#,
            r("Persons in Canada")
        )),
        format!(
            "<w:tbl><w:tr><w:tc>{}{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            p(&r("Version")),
            p(&r("number")),
            p(&r("Date")),
            p(&r("0.3")),
            p(&r("2020-02-20"))
        ),
        p(&r("  ")),
        p(&r("After the table.")),
    ]
    .concat();
    let doc = read(&docx(&body, &[("word/styles.xml", &styles)]), View::Current);
    let got: Vec<_> = blocks(&doc).into_iter().map(|b| (b.0, b.1)).collect();
    assert_eq!(
        got,
        [
            (K::Heading, "Scope"),
            (K::Bullet, "Persons in Canada"),
            (K::TableRow, "Version number | Date"),
            (K::TableRow, "0.3 | 2020-02-20"),
            (K::Paragraph, "After the table."),
        ]
    );
    assert_eq!(doc.blocks[0].level, 1);
    // The TOC line stays in the text; the blank paragraph does not.
    assert!(doc.text.contains("Scope\t1"));
    assert!(doc.text.contains("2020-02-20\n\nAfter the table."));
}

#[test]
fn accepted_and_rejected_views_of_the_same_changes() {
    let body = p(&format!(
        r#"{}<w:ins w:id="1" w:author="Ana" w:date="2020-01-02T00:00:00Z">{}</w:ins><w:del w:id="2" w:author="Bo"><w:r><w:delText>weak </w:delText></w:r></w:del>{}"#,
        r("A "),
        r("strong "),
        r("case.")
    ));
    let bytes = docx(&body, &[]);
    let now = read(&bytes, View::Current);
    assert_eq!(
        now.text,
        "A strong case.\n\nText removed by tracked changes\n\nweak \n"
    );
    let b = blocks(&now);
    assert_eq!(b[0], (K::Paragraph, "A strong case.", None, None));
    assert_eq!(b[1], (K::Revision, "strong", Some("Ana"), None));
    assert_eq!(b[2], (K::Revision, "weak", Some("Bo"), None));
    assert_eq!(now.blocks[1].meta["action"], "insert");
    assert_eq!(now.blocks[1].meta["date"], "2020-01-02T00:00:00Z");
    assert_eq!(now.blocks[2].meta["action"], "delete");
    assert!(!now.blocks[2].meta.contains_key("date"));

    let before = read(&bytes, View::Original);
    assert_eq!(
        before.text,
        "A weak case.\n\nText added by tracked changes\n\nstrong \n"
    );
    let b = blocks(&before);
    assert_eq!(b[1], (K::Revision, "strong", Some("Ana"), None));
    assert_eq!(b[2], (K::Revision, "weak", Some("Bo"), None));
}

#[test]
fn a_removed_paragraph_mark_joins_two_paragraphs() {
    let mark = r#"<w:pPr><w:rPr><w:del w:id="9" w:author="Ana"/></w:rPr></w:pPr>"#;
    let body = [
        p(&format!("{mark}{}", r("First half,"))),
        p(&r(" second half.")),
    ]
    .concat();
    let bytes = docx(&body, &[]);
    let now = read(&bytes, View::Current);
    assert_eq!(blocks(&now)[0].1, "First half, second half.");
    assert_eq!(now.blocks.len(), 1, "a mark holds no text: no revision");
    let before = read(&bytes, View::Original);
    let texts: Vec<_> = blocks(&before).into_iter().map(|b| b.1).collect();
    assert_eq!(texts, ["First half,", "second half."]);
}

#[test]
fn comments_anchor_on_their_range_with_replies_and_resolved_state() {
    let body = [
        p(&format!(
            r#"{}<w:commentRangeStart w:id="0"/>{}<w:del w:id="5" w:author="Bo"><w:r><w:delText>bad </w:delText></w:r></w:del>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:commentReference w:id="1"/></w:r>"#,
            r("We "),
            r("need "),
            r("trust.")
        )),
        p(&format!(
            r#"{}<w:r><w:commentReference w:id="2"/></w:r>"#,
            r("Second paragraph.")
        )),
    ]
    .concat();
    let comments = format!(
        r#"<w:comments {NS}>
        <w:comment w:id="0" w:author="Avri doria" w:initials="AD" w:date="2014-01-02T10:00:00Z"><w:p w14:paraId="A1"><w:r><w:t>Why?</w:t></w:r></w:p><w:p w14:paraId="A2"><w:r><w:t>Say more.</w:t></w:r></w:p></w:comment>
        <w:comment w:id="1" w:author="John Laprise"><w:p w14:paraId="B1"><w:r><w:t>Agreed.</w:t></w:r></w:p></w:comment>
        <w:comment w:id="2" w:author="Bill Graham"><w:p w14:paraId="C1"><w:r><w:t>must</w:t></w:r></w:p></w:comment>
        </w:comments>"#
    );
    let extended = format!(
        r#"<w15:commentsEx {NS}><w15:commentEx w15:paraId="A2" w15:done="1"/><w15:commentEx w15:paraId="B1" w15:paraIdParent="A2" w15:done="0"/></w15:commentsEx>"#
    );
    let doc = read(
        &docx(
            &body,
            &[
                ("word/comments.xml", &comments),
                ("word/commentsExtended.xml", &extended),
            ],
        ),
        View::Current,
    );
    let b = blocks(&doc);
    assert_eq!(b[0].1, "We need trust.");
    assert_eq!(
        b[1],
        (
            K::Comment,
            "Why?\nSay more.",
            Some("Avri doria"),
            Some("need trust.")
        )
    );
    assert_eq!(
        b[2],
        (
            K::Comment,
            "Agreed.",
            Some("John Laprise"),
            Some("We need trust.")
        )
    );
    assert_eq!(doc.blocks[2].reply_to, Some(1));
    assert_eq!(b[3].0, K::Revision);
    assert_eq!(b[4].1, "Second paragraph.");
    assert_eq!(
        b[5],
        (
            K::Comment,
            "must",
            Some("Bill Graham"),
            Some("Second paragraph.")
        )
    );
    let meta = &doc.blocks[1].meta;
    assert_eq!(meta["resolved"], true);
    assert_eq!(meta["initials"], "AD");
    assert_eq!(meta["date"], "2014-01-02T10:00:00Z");
    assert_eq!(doc.blocks[2].meta["resolved"], false);
    assert_eq!(
        doc.blocks[1].speaker.as_ref().map(|s| s.how),
        Some(How::Comment)
    );
}

#[test]
fn comments_and_notes_without_an_id_of_their_own_are_read_and_reported() {
    let body = [
        p(&format!(
            r#"<w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r>"#,
            r("Trust first.")
        )),
        p(&r("Then money.")),
    ]
    .concat();
    let comments = format!(
        r#"<w:comments {NS}>
        <w:comment w:id="0" w:author="Ana"><w:p w14:paraId="A1"><w:r><w:t>Why first?</w:t></w:r></w:p></w:comment>
        <w:comment w:id="0" w:author="Bo"><w:p w14:paraId="B1"><w:r><w:t>Same id.</w:t></w:r></w:p></w:comment>
        <w:comment w:author="Cy"><w:p w14:paraId="C1"><w:r><w:t>No id.</w:t></w:r></w:p></w:comment>
        </w:comments>"#
    );
    let extended = format!(
        r#"<w15:commentsEx {NS}><w15:commentEx w15:paraId="B1" w15:paraIdParent="A1" w15:done="1"/></w15:commentsEx>"#
    );
    let notes = format!(
        r#"<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p>{}</w:p></w:footnote><w:footnote w:id="1"><w:p>{}</w:p></w:footnote></w:footnotes>"#,
        r("A source."),
        r("Another source.")
    );
    let doc = read(
        &docx(
            &body,
            &[
                ("word/comments.xml", &comments),
                ("word/commentsExtended.xml", &extended),
                ("word/footnotes.xml", &notes),
            ],
        ),
        View::Current,
    );
    let b = blocks(&doc);
    assert_eq!(
        b,
        [
            (K::Paragraph, "Trust first.", None, None),
            (K::Comment, "Why first?", Some("Ana"), Some("Trust first.")),
            (K::Footnote, "A source.", None, None),
            (K::Paragraph, "Then money.", None, None),
            (K::Footnote, "Another source.", None, None),
            (K::Comment, "Same id.", Some("Bo"), None),
            (K::Comment, "No id.", Some("Cy"), None),
        ]
    );
    // The stray comment is nobody's reply and takes no resolved state.
    assert_eq!(doc.blocks[5].reply_to, None);
    assert_eq!(doc.blocks[5].meta["resolved"], false);
    let said: Vec<String> = doc.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "note 1: a second note with this id; read after the body, not at a reference",
            "comment 0: a second comment with this id (by Bo); read without an anchor or thread",
            "comment number 3: a comment without an id (by Cy); read without an anchor or thread",
        ]
    );
}

#[test]
fn a_reply_cycle_is_broken_not_followed() {
    let body = p(&format!(
        r#"<w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/>"#,
        r("Text.")
    ));
    let comments = format!(
        r#"<w:comments {NS}><w:comment w:id="0" w:author="A"><w:p w14:paraId="1"><w:r><w:t>one</w:t></w:r></w:p></w:comment><w:comment w:id="1" w:author="B"><w:p w14:paraId="2"><w:r><w:t>two</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let extended = format!(
        r#"<w15:commentsEx {NS}><w15:commentEx w15:paraId="1" w15:paraIdParent="2"/><w15:commentEx w15:paraId="2" w15:paraIdParent="1"/></w15:commentsEx>"#
    );
    let doc = read(
        &docx(
            &body,
            &[
                ("word/comments.xml", &comments),
                ("word/commentsExtended.xml", &extended),
            ],
        ),
        View::Current,
    );
    let comments: Vec<_> = doc.blocks.iter().filter(|b| b.kind == K::Comment).collect();
    assert_eq!(comments.len(), 2);
    assert_eq!(comments.iter().filter(|b| b.reply_to.is_some()).count(), 1);
}

#[test]
fn footnotes_follow_their_paragraph_and_text_boxes_are_read_once() {
    let body = [
        p(&format!(
            r#"{}<w:r><w:footnoteReference w:id="2"/></w:r>{}"#,
            r("Cited."),
            r(" More.")
        )),
        p(&format!(
            r#"{}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>{}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#,
            r("Before the box."),
            p(&r("In the box.")),
            p(&r("In the box."))
        )),
    ]
    .concat();
    let notes = format!(
        r#"<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p></w:footnote></w:footnotes>"#,
        r(" A source.")
    );
    let core = r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Draft</dc:title><dc:creator>Ana Lima</dc:creator></cp:coreProperties>"#;
    let doc = read(
        &docx(
            &body,
            &[("word/footnotes.xml", &notes), ("docProps/core.xml", core)],
        ),
        View::Current,
    );
    let got: Vec<_> = blocks(&doc).into_iter().map(|b| (b.0, b.1)).collect();
    assert_eq!(
        got,
        [
            (K::Paragraph, "Cited. More."),
            (K::Footnote, "A source."),
            (K::Paragraph, "Before the box."),
            (K::Paragraph, "In the box."),
        ]
    );
    assert_eq!(doc.title.as_deref(), Some("Draft"));
    assert_eq!(doc.meta["author"], "Ana Lima");
    assert_eq!(doc.format, "docx");
    assert_eq!(doc.kind, "draft");
}

#[test]
fn errors_name_the_file_and_the_part() {
    let err = |bytes: &[u8]| {
        read_docx(bytes, "d", "in/d.docx", View::Current)
            .expect_err("refused")
            .to_string()
    };
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("word/styles.xml", zip::write::SimpleFileOptions::default())
        .expect("entry");
    let no_doc = w.finish().expect("zip").into_inner();
    assert_eq!(
        err(&no_doc),
        "in/d.docx: missing word/document.xml: not a Word document"
    );
    assert_eq!(
        err(b"plain text"),
        "in/d.docx: not a zip archive (a .docx file is one)"
    );
    assert!(err(&docx("<w:p>", &[])).starts_with("in/d.docx: malformed XML in word/document.xml"));
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><w:comments xmlns:w="x">&b;</w:comments>"#;
    assert_eq!(
        err(&docx(&p(&r("x")), &[("word/comments.xml", laughs)])),
        "in/d.docx: word/comments.xml declares XML entities (an entity expansion attack?); refused"
    );
    assert_eq!(err(&docx(&p(&r("  ")), &[])), "in/d.docx: empty file");
}

#[test]
fn the_deepest_nesting_the_parser_allows_reads_on_a_small_stack() {
    // Each shape nests as deep as the XML limit lets it; the walker recurses along it.
    let depth = super::xml::MAX_DEPTH - 6;
    let links = p(&format!(
        "{}{}{}",
        "<w:hyperlink>".repeat(depth),
        r("deep"),
        "</w:hyperlink>".repeat(depth)
    ));
    let controls = format!(
        "{}{}{}",
        "<w:sdt><w:sdtContent>".repeat(depth / 2),
        p(&r("deep")),
        "</w:sdtContent></w:sdt>".repeat(depth / 2)
    );
    let tables = format!(
        "{}{}{}",
        "<w:tbl><w:tr><w:tc>".repeat(depth / 3),
        p(&r("deep")),
        "</w:tc></w:tr></w:tbl>".repeat(depth / 3)
    );
    let changes = p(&format!(
        "{}{}{}",
        "<w:ins><w:del>".repeat(depth / 2),
        r("deep"),
        "</w:del></w:ins>".repeat(depth / 2)
    ));
    for body in [links, controls, tables, changes] {
        let bytes = docx(&body, &[]);
        let handle = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || {
                read_docx(&bytes, "d", "d.docx", View::Current)
                    .map(|d| d.blocks.len())
                    .map_err(|e| e.to_string())
            })
            .expect("thread");
        let got = handle.join().expect("no overflow, no panic");
        assert!(got.as_ref().is_ok_and(|n| *n >= 1), "{got:?}");
    }
}
