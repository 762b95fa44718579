//! Contributions that carry Markdown, HTML and bidirectional-text controls: outline.md and
//! report.html show them as the text they are, and what follows them (the attribution, the
//! source, the section) reads in its own order; outline.json keeps them verbatim.

use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{chromium_dom, json, quotes, read, scratch};
use crate::common::run_ok;

/// RIGHT-TO-LEFT OVERRIDE, never closed in the text that carries it.
const RLO: char = '\u{202E}';

/// The hostile constructs of the test corpus, each as a reader sees it in the source.
const INLINE: [&str; 8] = [
    "![x](http://evil.example/x.png)",
    "[click](javascript:alert(1))",
    "<http://evil.example/auto>",
    "<img src=x onerror=alert(1)>",
    "**trust**",
    "`transparency`",
    "_now_",
    "&#x202E;",
];

/// A corpus of rows (with authors and organisations) and a paper (with a title and headings)
/// whose text, names, titles and headings are hostile; its output directory.
fn hostile_outputs() -> &'static Path {
    static DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = scratch("markdown-and-bidi");
        let src = dir.join("src");
        std::fs::create_dir_all(&src).expect("dir");
        let csv = format!(
            "text,author,organisation\n\
             \"Governments should publish every draft {} and {} or {} and {} to build {} and {} {} with open records {} for all.\",Ana Lima,Open Data Forum\n\
             \"Trust needs transparency in every consultation:\n# not a heading\n> not a quote\n- not a list\n1. not a list either\nGovernments publish the minutes of each meeting.\",Bo Chen,Civic Lab\n\
             \"Civil society should be funded to take part in the consultation {RLO}and trust follows.\",Cy Dee,Rights Watch\n\
             \"Governments should answer every submission so that trust in the process grows.\",_Di_ [Eve](http://evil.example/c),**Bold** Org <b>x</b>\n",
            INLINE[0], INLINE[1], INLINE[2], INLINE[3], INLINE[4], INLINE[5], INLINE[6], INLINE[7],
        );
        std::fs::write(src.join("rows.csv"), csv).expect("write");
        std::fs::write(
            src.join("paper.md"),
            format!(
                "# The *Report* `v2` {RLO}on trust\n\n\
                 ## Openness [s](javascript:alert(3)) `code`\n\n\
                 Governments should publish the records of every consultation so that trust and transparency grow.\n"
            ),
        )
        .expect("write");
        let pipeline = format!(
            "name = \"hostile\"\noutput = {:?}\nsources = [\n  {{ paths = [{:?}], columns = {{ text = \"text\", author = \"author\", organisation = \"organisation\" }} }},\n  {:?},\n]\n",
            dir.join("out").display().to_string(),
            src.join("rows.csv").display().to_string(),
            src.join("paper.md").display().to_string(),
        );
        std::fs::write(dir.join("pipeline.toml"), pipeline).expect("pipeline file");
        run_ok(&["run", "pipeline.toml", "--quiet"], &dir);
        dir.join("out")
    })
}

/// The text a reader of the rendered outline.md sees (escapes resolved; soft breaks as new
/// lines), and what it renders as syntax: links, images, raw HTML other than the quotes'
/// `<!-- passage span -->` comments, code, and the text inside emphasis.
#[derive(Default, Debug)]
struct Rendered {
    text: String,
    links: Vec<String>,
    html: Vec<String>,
    code: Vec<String>,
    emphasis: Vec<String>,
    headings: Vec<String>,
    items: Vec<String>,
    quotes_in_quotes: usize,
}

fn render(md: &str) -> Rendered {
    let mut r = Rendered::default();
    let (mut strong, mut heading, mut item, mut quote) = (0usize, false, 0usize, 0usize);
    let mut current = String::new();
    for event in Parser::new_ext(md, Options::all()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                r.links.push(dest_url.to_string());
            }
            Event::Start(Tag::Emphasis | Tag::Strong) => {
                strong += 1;
                current.clear();
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                strong -= 1;
                r.emphasis.push(std::mem::take(&mut current));
            }
            Event::Start(Tag::Heading { .. }) => {
                heading = true;
                current.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                heading = false;
                r.headings.push(std::mem::take(&mut current));
            }
            Event::Start(Tag::Item) => item += 1,
            Event::End(TagEnd::Item) => item -= 1,
            Event::Start(Tag::BlockQuote(_)) => {
                quote += 1;
                r.quotes_in_quotes += usize::from(quote > 1);
            }
            Event::End(TagEnd::BlockQuote(_)) => quote -= 1,
            Event::Text(t) => {
                r.text.push_str(&t);
                if strong > 0 || heading {
                    current.push_str(&t);
                }
                if item > 1 {
                    r.items.push(t.to_string());
                }
            }
            Event::SoftBreak | Event::HardBreak => r.text.push('\n'),
            Event::Code(c) => r.code.push(c.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => {
                let h = h.trim();
                if !(h.starts_with("<!--") && h.ends_with("-->")) {
                    r.html.push(h.to_string());
                }
            }
            _ => {}
        }
    }
    r
}

/// The bidi embeddings (LRE, RLE, LRO, RLO) and isolates (LRI, RLI, FSI) still open at the end
/// of `s`, as the Unicode Bidirectional Algorithm counts them.
fn open_bidi(s: &str) -> usize {
    let mut open: Vec<bool> = Vec::new(); // true: an isolate
    for c in s.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push(false),
            '\u{2066}' | '\u{2067}' | '\u{2068}' => open.push(true),
            '\u{202C}' if open.last() == Some(&false) => {
                open.pop();
            }
            '\u{2069}' => {
                if let Some(i) = open.iter().rposition(|&iso| iso) {
                    open.truncate(i);
                }
            }
            _ => {}
        }
    }
    open.len()
}

#[test]
fn markdown_in_contributions_names_and_titles_is_text_in_outline_md() {
    let out = hostile_outputs();
    let md = read(&out.join("outline.md"));
    let r = render(&md);
    assert_eq!(r.links, Vec::<String>::new(), "links or images:\n{md}");
    assert_eq!(r.html, Vec::<String>::new(), "raw HTML:\n{md}");
    assert_eq!(r.code, Vec::<String>::new(), "code spans:\n{md}");
    assert_eq!(
        r.quotes_in_quotes, 0,
        "a quote line opened a blockquote:\n{md}"
    );
    assert!(
        r.items.iter().all(|t| !t.contains("not a list")),
        "a quote line opened a list: {:?}",
        r.items
    );
    assert!(
        r.headings.iter().all(|h| !h.contains("not a heading")),
        "a quote line opened a heading: {:?}",
        r.headings
    );
    // Emphasis is the outline's own (the options line, sources, labels), never the corpus's.
    for e in &r.emphasis {
        assert!(
            !["trust", "now", "Report", "Di", "Bold"].contains(&e.trim()),
            "{e:?} rendered emphasised:\n{md}"
        );
    }
    // The text reads as written: escaped, not deleted.
    for what in INLINE.iter().chain(&[
        "The *Report* `v2` \u{202E}on trust",
        "Openness [s](javascript:alert(3)) `code`",
        "_Di_ [Eve](http://evil.example/c), **Bold** Org <b>x</b>",
        "consultation:\n# not a heading\n> not a quote\n- not a list\n1. not a list either\nGovernments",
    ]) {
        assert!(
            r.text.contains(what),
            "{what:?} does not read as written in:\n{}",
            r.text
        );
    }
}

#[test]
fn bidi_controls_in_contributions_are_closed_in_outline_md_and_kept_in_outline_json() {
    let out = hostile_outputs();
    let md = read(&out.join("outline.md"));
    assert!(md.contains(RLO), "the override is kept, not deleted");
    // Whatever a quote, a name or a title opens is closed before the outline's own text
    // follows it: at each closing quotation mark and at the end of every line.
    for line in md.lines() {
        assert_eq!(open_bidi(line), 0, "{line:?}");
        if let Some(at) = line.rfind('”') {
            assert_eq!(open_bidi(&line[..at]), 0, "{line:?}");
        }
    }
    // outline.json keeps the exact source text.
    let mut found = Vec::new();
    quotes(&json(&out.join("outline.json")), &mut found);
    let texts: Vec<&str> = found.iter().filter_map(|q| q["text"].as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains(&format!("consultation {RLO}and trust follows."))),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains(INLINE[0])),
        "outline.json escapes nothing: {texts:?}"
    );
}

/// The `<bdi>…</bdi>` elements of a page that hold `c`.
fn isolates_holding(page: &str, c: char) -> Vec<&str> {
    let mut out = Vec::new();
    for (at, _) in page.match_indices(c) {
        let open = page[..at].rfind("<bdi>");
        let closed_before = open.is_none_or(|o| page[o..at].contains("</bdi>"));
        assert!(
            !closed_before,
            "U+{:04X} outside any <bdi>: …{}…",
            c as u32,
            &page[at.saturating_sub(200)..(at + 200).min(page.len())]
        );
        let start = open.unwrap_or(0);
        let end = at + page[at..].find("</bdi>").expect("the isolate ends");
        out.push(&page[start..end]);
    }
    out
}

#[test]
fn report_html_isolates_contribution_text_so_attributions_keep_their_order() {
    let out = hostile_outputs();
    let page = read(&out.join("report.html"));
    // Every override sits in an isolate of its own, which holds no attribution.
    let held = isolates_holding(&page, RLO);
    assert!(
        held.len() >= 2,
        "the quote and the title are shown: {held:?}"
    );
    for h in &held {
        assert!(
            !h.contains("Cy Dee") && !h.contains("raised by") && !h.contains("</span>"),
            "{h}"
        );
    }
    // Where Chromium is installed: laid out, every name after a quote reads left to right.
    let harness = out.join("order.html");
    std::fs::write(&harness, ORDER_HARNESS).expect("harness");
    let Some(dom) = chromium_dom(
        &harness,
        &[
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
        ],
    ) else {
        return;
    };
    let order = dom
        .split("data-order=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| {
            panic!(
                "the harness measured nothing: {}",
                &dom[..dom.len().min(800)]
            )
        });
    assert!(order.contains("ordered"), "no name found: {order}");
    assert!(
        !order.contains("reversed"),
        "a name is laid out reversed: {order}"
    );
}

/// A page that lays report.html out in a frame (its own policy forbids scripts) and records,
/// for every occurrence of each word of the names, whether its letters run left to right.
const ORDER_HARNESS: &str = r#"<!DOCTYPE html><html><body>
<iframe src="report.html" style="width:1000px;height:4000px"></iframe>
<script>
window.addEventListener('load', () => {
  const doc = document.querySelector('iframe').contentDocument;
  const found = [];
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (const word of ['Cy', 'Dee', 'Lima', 'Chen']) {
      for (let i = n.data.indexOf(word); i >= 0; i = n.data.indexOf(word, i + 1)) {
        const xs = [];
        for (let k = 0; k < word.length; k++) {
          const r = doc.createRange();
          r.setStart(n, i + k);
          r.setEnd(n, i + k + 1);
          xs.push(r.getBoundingClientRect().left);
        }
        const ok = xs.every((x, k) => k === 0 || x > xs[k - 1]);
        found.push(word + ':' + (ok ? 'ordered' : 'reversed'));
      }
    }
  }
  document.body.setAttribute('data-order', found.join(' '));
});
</script></body></html>
"#;
