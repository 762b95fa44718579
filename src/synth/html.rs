//! `report.html`: the [`Outline`] as one self-contained page, readable offline.
//!
//! - No external resource of any kind: styles inline, charts as inline SVG (a section ×
//!   stakeholder-group heatmap and a voice bar per section, `svg.rs`), no script, no font, no
//!   image; a Content-Security-Policy that forbids scripts and every fetch, as a second lock.
//! - Every piece of text from the corpus (quotes, titles, headings, attributions, labels, passage
//!   ids) goes through [`esc`], so a contribution holding `<script>` shows as text, and is shown
//!   in a `<bdi>` isolate of its own ([`text`]; a quote's words as one), so that bidi controls
//!   in it (an unterminated U+202E RIGHT-TO-LEFT OVERRIDE) cannot reorder what follows it: the
//!   attribution after a quote, the source after an attribution. Redactions show as a marked
//!   placeholder, isolated too.
//! - Each quote links to its passage in context: the last part of the page lists every passage
//!   quoted, whole, with the quoted spans highlighted, under an anchor (`#ctx-N`).
//!
//! ```
//! use rapporteur::synth::{build, html, OutlineOptions};
//! let page = html::render(&build(&[], &[], &[], &OutlineOptions::default()));
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains("<svg id=\"heatmap\""));
//! assert!(!page.contains("<script"));
//! assert_eq!(html::esc("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
//! assert_eq!(html::text("\u{202E}<b>"), "<bdi>\u{202E}&lt;b&gt;</bdi>");
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::markdown::{
    EDITS_SHOWN, SOURCES_SHOWN, also_groups, counts, coverage_line, group_label, people, raised,
    reviewer_line, sides_of, stance_counts, thousands,
};
use super::svg;
use super::{CampaignKind, Outline, Quote, RedactionKind, Section};

const STYLE: &str = "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;\
max-width:980px;margin:2em auto;padding:0 1em;color:#222}\
h1{margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}\
.meta,.counts,.ref{color:#555;font-size:.92em}\
blockquote{margin:1em 0;padding:.4em 1em;border-left:4px solid #1f4e9c;background:#f7f9fc}\
blockquote p{margin:.2em 0;white-space:pre-wrap}blockquote footer{font-size:.9em;color:#444}\
.redacted{background:#333;color:#fff;padding:0 .3em;border-radius:3px;font-size:.85em;\
unicode-bidi:isolate}\
.passage{white-space:pre-wrap;background:#fafafa;padding:.6em;border:1px solid #eee}\
mark{background:#fff2a8}svg text{font:12px system-ui,sans-serif}svg .col{font-weight:600}\
.legend span{display:inline-block;margin-right:1em;font-size:.85em}\
.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}\
li{margin:.3em 0}nav ol{columns:2}table{border-collapse:collapse}\
td,th{padding:.2em .6em;border-bottom:1px solid #eee;text-align:left}";

/// `s` with `&`, `<`, `>`, `"` and `'` escaped: safe in text and in quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A piece of corpus text as HTML: escaped ([`esc`]) and isolated in a `<bdi>`, so that its
/// bidi controls end with it and its direction is its own.
pub fn text(s: &str) -> String {
    format!("<bdi>{}</bdi>", esc(s))
}

/// The page (see the module doc).
pub fn render(outline: &Outline) -> String {
    let ctx_ids: BTreeMap<&str, usize> = outline
        .context
        .iter()
        .enumerate()
        .map(|(k, q)| (q.passage.as_str(), k))
        .collect();
    let link = |q: &Quote| -> String {
        ctx_ids.get(q.passage.as_str()).map_or(String::new(), |k| {
            format!(" · <a href=\"#ctx-{k}\">in context</a>")
        })
    };
    let o = &outline.options;
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Synthesis outline</title>\n<style>",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header><h1>Synthesis outline</h1>");
    let _ = writeln!(
        out,
        "<p class=\"meta\">By {} · attribution: {} · personal data {}</p></header>",
        o.by.as_str(),
        o.attribution.as_str(),
        if o.redact { "redacted" } else { "not redacted" }
    );
    nav(&mut out, outline);
    overview(&mut out, outline);
    campaigns(&mut out, outline, &link);
    let anchor = |id: &str| {
        outline
            .sections
            .iter()
            .position(|s| s.id == id)
            .map(|n| n + 1)
    };
    for (n, s) in outline.sections.iter().enumerate() {
        section(&mut out, n + 1, s, &link);
        also(&mut out, s, &anchor);
        out.push_str("</section>\n");
    }
    edits(&mut out, outline, &link);
    context(&mut out, outline);
    out.push_str("</body>\n</html>\n");
    out
}

fn nav(out: &mut String, outline: &Outline) {
    out.push_str("<nav><h2>Contents</h2><ol>");
    for (n, s) in outline.sections.iter().enumerate() {
        let _ = write!(
            out,
            "<li><a href=\"#sec-{}\">{}</a> <span class=\"meta\">({})</span></li>",
            n + 1,
            text(&s.label),
            thousands(s.passages)
        );
    }
    if !outline.edits.is_empty() {
        out.push_str("<li><a href=\"#edits\">Proposed edits</a></li>");
    }
    out.push_str("</ol></nav>\n");
}

/// Proposed edits: per draft, the reviewers' counts and the edits per paragraph.
fn edits(out: &mut String, outline: &Outline, link: &dyn Fn(&Quote) -> String) {
    if outline.edits.is_empty() {
        return;
    }
    out.push_str("<section id=\"edits\"><h2>Proposed edits</h2>");
    for d in &outline.edits {
        let _ = write!(
            out,
            "<h3>{} — {} tracked changes by {} reviewers</h3><ul>",
            text(&d.source),
            thousands(d.edits),
            thousands(d.reviewers.len())
        );
        for r in &d.reviewers {
            let _ = write!(out, "<li>{}</li>", text(&reviewer_line(r)));
        }
        out.push_str("</ul>");
        let mut shown = 0;
        for p in &d.paragraphs {
            if shown >= EDITS_SHOWN {
                break;
            }
            let at = match &p.passage {
                Some(id) if p.section.is_empty() => id.clone(),
                Some(id) => format!("{} ({id})", p.section),
                None => "before the first paragraph".to_string(),
            };
            let _ = write!(out, "<h4>{}</h4><ul>", text(&at));
            for e in p.edits.iter().take(EDITS_SHOWN - shown) {
                let _ = write!(out, "<li>{} “", e.action.label());
                words(out, &e.quote);
                out.push('”');
                if let Some(date) = &e.date {
                    let _ = write!(out, " <span class=\"meta\">{}</span>", text(date));
                }
                reference(out, &e.quote, link);
                out.push_str("</li>");
                shown += 1;
            }
            out.push_str("</ul>");
        }
        if d.edits > shown {
            let _ = write!(
                out,
                "<p class=\"meta\">… and {} more (all are in outline.json).</p>",
                thousands(d.edits - shown)
            );
        }
    }
    out.push_str("</section>\n");
}

fn overview(out: &mut String, outline: &Outline) {
    let o = &outline.overview;
    let s = &o.submissions;
    out.push_str("<section id=\"overview\"><h2>Overview</h2><table>");
    // The value as HTML.
    let mut row = |k: &str, v: String| {
        let _ = write!(out, "<tr><th>{}</th><td>{v}</td></tr>", esc(k));
    };
    row("Documents", thousands(o.documents));
    row(
        "Submissions",
        esc(&format!(
            "{} submissions, {} campaigns ({} submissions), {} unique",
            thousands(s.submissions),
            thousands(s.campaigns),
            thousands(s.in_campaigns),
            thousands(s.unique)
        )),
    );
    row("Passages", thousands(o.passages));
    row("Passages by kind", esc(&counts(&o.kinds)));
    row("Participants", thousands(o.participants));
    row(
        "Participants by group",
        esc(&people(&o.participants_by_group)),
    );
    row("Anonymous contributions", thousands(o.anonymous_passages));
    row("Voices (passages)", esc(&counts(&o.voices)));
    row("Stances (passages)", esc(&stance_counts(&o.stances)));
    if let Some(d) = &o.dates {
        // The dates come from the corpus (comment dates, a row's date column).
        row(
            "Dates",
            format!(
                "{} – {} ({} dated passages)",
                text(&d.from),
                text(&d.to),
                d.dated_passages
            ),
        );
    }
    row(
        "Themes",
        esc(&format!("{} of {}", o.themes, o.taxonomy_themes)),
    );
    let c = &o.coverage;
    let mut cov = esc(&coverage_line(c.passages, c.no_theme, c.quoted, true));
    if c.sources.len() > 1 {
        cov.push_str("<ul>");
        for s in c.sources.iter().take(SOURCES_SHOWN) {
            let _ = write!(
                cov,
                "<li>{}: {}</li>",
                text(&s.source),
                esc(&coverage_line(s.passages, s.no_theme, s.quoted, false))
            );
        }
        if c.sources.len() > SOURCES_SHOWN {
            let _ = write!(
                cov,
                "<li>… and {} more sources (all are in outline.json)</li>",
                thousands(c.sources.len() - SOURCES_SHOWN)
            );
        }
        cov.push_str("</ul>");
    }
    row("Coverage", cov);
    out.push_str("</table>\n<figure>");
    out.push_str(&svg::heatmap(outline));
    out.push_str(
        "<figcaption class=\"meta\">Passages per section (rows) and stakeholder voice \
         (columns); darker is more.</figcaption></figure>\n",
    );
    legend(out);
    out.push_str("</section>\n");
}

fn legend(out: &mut String) {
    out.push_str("<p class=\"legend\">");
    for key in svg::columns() {
        let _ = write!(
            out,
            "<span><i style=\"background:{}\"></i>{}</span>",
            svg::colour(key),
            esc(group_label(key))
        );
    }
    out.push_str("</p>\n");
}

fn campaigns(out: &mut String, outline: &Outline, link: &dyn Fn(&Quote) -> String) {
    if outline.campaigns.is_empty() {
        return;
    }
    out.push_str("<section id=\"campaigns\"><h2>Campaigns</h2><ul>");
    for c in outline
        .campaigns
        .iter()
        .take(super::markdown::CAMPAIGNS_SHOWN)
    {
        let kind = match c.kind {
            CampaignKind::FormLetter => "form letter",
            CampaignKind::CopiedText => "copied text",
        };
        let _ = write!(
            out,
            "<li><strong>{}</strong> ({kind}): {} submissions, {} passages, voices: {}",
            esc(&c.id),
            thousands(c.submissions),
            thousands(c.passages),
            esc(&counts(&c.voices))
        );
        quote_block(out, &c.example, link);
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    let more = outline
        .campaigns
        .len()
        .saturating_sub(super::markdown::CAMPAIGNS_SHOWN);
    if more > 0 {
        let _ = write!(
            out,
            "<p class=\"meta\">… and {} smaller ones (all are in outline.json).</p>",
            thousands(more)
        );
    }
    out.push_str("</section>\n");
}

fn section(out: &mut String, n: usize, s: &Section, link: &dyn Fn(&Quote) -> String) {
    let _ = write!(
        out,
        "<section class=\"outline-section\" id=\"sec-{n}\"><h2>{n}. {}</h2>",
        text(&s.label)
    );
    if let Some(q) = &s.question {
        quote_block(out, q, link);
    }
    let mut heard: Vec<String> = Vec::new();
    for (g, count) in &s.voices {
        let people = s.participants.get(g).copied().unwrap_or(0);
        heard.push(if people > 0 {
            let noun = if people == 1 {
                "participant"
            } else {
                "participants"
            };
            format!("{} {count} ({people} {noun})", group_label(g))
        } else {
            format!("{} {count}", group_label(g))
        });
    }
    let silent: Vec<&str> = s.silent.iter().map(|g| g.label()).collect();
    let _ = write!(
        out,
        "<p class=\"counts\">{} passages ({} distinct) in {} documents. Heard: {}.{}</p>",
        thousands(s.passages),
        thousands(s.distinct),
        thousands(s.documents),
        esc(&heard.join(", ")),
        if silent.is_empty() {
            String::new()
        } else {
            format!(" Silent: {}.", esc(&silent.join(", ")))
        }
    );
    out.push_str(&svg::voice_bar(s));
    if !s.quotes.is_empty() {
        out.push_str("<h3>Key points</h3>");
        for q in &s.quotes {
            quote_block(out, q, link);
        }
    }
    if !s.recommendations.is_empty() {
        out.push_str("<h3>Recommendations</h3><ul>");
        for r in &s.recommendations {
            out.push_str("<li>“");
            words(out, &r.quote);
            let _ = write!(
                out,
                "” <span class=\"meta\">— {}{}</span>",
                esc(&raised(&r.raised_by)),
                esc(&sides_of(r))
            );
            reference(out, &r.quote, link);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
        if s.recommendations_total > s.recommendations.len() {
            let _ = write!(
                out,
                "<p class=\"meta\">({} more in the index.)</p>",
                thousands(s.recommendations_total - s.recommendations.len())
            );
        }
    }
    if !s.disagreements.is_empty() {
        out.push_str("<h3>Points of disagreement</h3><ul>");
        for d in &s.disagreements {
            let _ = write!(
                out,
                "<li><strong>{}</strong> <span class=\"meta\">(“{}”)</span>",
                text(&d.summary),
                text(&d.cue)
            );
            if let Some(p) = &d.point {
                out.push_str("<div class=\"meta\">On:</div>");
                quote_block(out, p, link);
            }
            quote_block(out, &d.reply, link);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    if !s.minority.is_empty() {
        out.push_str("<h3>Minority views</h3><ul>");
        for m in &s.minority {
            let _ = write!(out, "<li><em>Only {}:</em> “", esc(m.group.label()));
            words(out, &m.quote);
            out.push('”');
            reference(out, &m.quote, link);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    for (title, list) in [("Open questions", &s.questions), ("Comments", &s.comments)] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(out, "<h3>{title}</h3><ul>");
        for q in list {
            out.push_str("<li>“");
            words(out, q);
            out.push('”');
            reference(out, q, link);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    if !s.campaigns.is_empty() {
        let shares: Vec<String> = s
            .campaigns
            .iter()
            .map(|c| format!("{} ({} passages)", c.campaign, c.passages))
            .collect();
        let _ = write!(
            out,
            "<p class=\"meta\">Campaign copies here: {}.</p>",
            esc(&shares.join(", "))
        );
    }
}

/// The section's "also under" references, each linked to the section that prints it.
fn also(out: &mut String, s: &Section, anchor: &dyn Fn(&str) -> Option<usize>) {
    let groups = also_groups(s);
    if groups.is_empty() {
        return;
    }
    out.push_str("<h3>Also under other sections</h3><ul>");
    for (id, label, items) in groups {
        match anchor(id) {
            Some(n) => {
                let _ = write!(
                    out,
                    "<li><a href=\"#sec-{n}\"><em>{}</em></a>: {}</li>",
                    text(label),
                    text(&items)
                );
            }
            None => {
                let _ = write!(out, "<li><em>{}</em>: {}</li>", text(label), text(&items));
            }
        }
    }
    out.push_str("</ul>");
}

/// A quote as a blockquote with its reference.
fn quote_block(out: &mut String, q: &Quote, link: &dyn Fn(&Quote) -> String) {
    out.push_str("<blockquote><p>“");
    words(out, q);
    if q.truncated {
        out.push('…');
    }
    out.push_str("”</p><footer>—");
    reference(out, q, link);
    if q.copies > 1 {
        let _ = write!(out, " · {} near-identical copies", thousands(q.copies));
    }
    out.push_str("</footer></blockquote>");
}

/// " attribution, *source* › section · passage, bytes a–b · in context".
fn reference(out: &mut String, q: &Quote, link: &dyn Fn(&Quote) -> String) {
    let _ = write!(out, " <span class=\"ref\">{}", text(&q.attribution));
    if !q.source.is_empty() {
        let _ = write!(out, ", <cite>{}</cite>", text(&q.source));
    }
    if !q.section.is_empty() {
        let _ = write!(out, " › {}", text(&q.section));
    }
    let _ = write!(
        out,
        " · <code>{}</code> bytes {}–{}{}</span>",
        text(&q.passage),
        q.start,
        q.end,
        link(q)
    );
}

/// A piece of a quote: verbatim text or a redaction, at an absolute offset.
enum Piece<'a> {
    Text(usize, &'a str),
    Hidden(RedactionKind),
}

fn pieces(q: &Quote) -> Vec<Piece<'_>> {
    if let Some(t) = &q.verbatim.text {
        return vec![Piece::Text(q.start, t)];
    }
    let mut all: Vec<(usize, Piece)> = q
        .verbatim
        .parts
        .iter()
        .map(|p| (p.start, Piece::Text(p.start, p.text.as_str())))
        .chain(
            q.verbatim
                .redactions
                .iter()
                .map(|r| (r.start, Piece::Hidden(r.kind))),
        )
        .collect();
    all.sort_by_key(|(s, _)| *s);
    all.into_iter().map(|(_, p)| p).collect()
}

/// The quote's words, escaped, redactions as marked placeholders.
fn words(out: &mut String, q: &Quote) {
    marked(out, q, &[]);
}

/// The quote's words with the absolute byte ranges `marks` highlighted, in one `<bdi>` isolate.
fn marked(out: &mut String, q: &Quote, marks: &[(usize, usize)]) {
    out.push_str("<bdi>");
    marked_words(out, q, marks);
    out.push_str("</bdi>");
}

fn marked_words(out: &mut String, q: &Quote, marks: &[(usize, usize)]) {
    let mut cuts: BTreeSet<usize> = BTreeSet::new();
    for &(s, e) in marks {
        cuts.insert(s);
        cuts.insert(e);
    }
    let inside = |at: usize| marks.iter().any(|&(s, e)| s <= at && at < e);
    for piece in pieces(q) {
        match piece {
            Piece::Hidden(kind) => {
                let _ = write!(
                    out,
                    "<span class=\"redacted\">{}</span>",
                    esc(kind.placeholder())
                );
            }
            Piece::Text(start, text) => {
                let end = start + text.len();
                let mut bounds: Vec<usize> = vec![start];
                bounds.extend(cuts.range(start + 1..end).copied());
                bounds.push(end);
                for w in bounds.windows(2) {
                    let (a, b) = (w[0], w[1]);
                    let Some(slice) = text.get(a - start..b - start) else {
                        continue;
                    };
                    if inside(a) {
                        let _ = write!(out, "<mark>{}</mark>", esc(slice));
                    } else {
                        out.push_str(&esc(slice));
                    }
                }
            }
        }
    }
}

/// The passages quoted, whole, with the quoted spans highlighted.
fn context<'a>(out: &mut String, outline: &'a Outline) {
    if outline.context.is_empty() {
        return;
    }
    let mut spans: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    let mut add = |q: &'a Quote| {
        spans
            .entry(q.passage.as_str())
            .or_default()
            .push((q.start, q.end));
    };
    for c in &outline.campaigns {
        add(&c.example);
    }
    for s in &outline.sections {
        s.question.iter().for_each(&mut add);
        s.quotes.iter().for_each(&mut add);
        s.recommendations.iter().for_each(|r| add(&r.quote));
        for d in &s.disagreements {
            d.point.iter().for_each(&mut add);
            add(&d.reply);
        }
        s.minority.iter().for_each(|m| add(&m.quote));
        s.questions.iter().for_each(&mut add);
        s.comments.iter().for_each(&mut add);
    }
    out.push_str("<section id=\"context\"><h2>Passages in context</h2>");
    for (k, q) in outline.context.iter().enumerate() {
        let _ = write!(
            out,
            "<article id=\"ctx-{k}\"><h3>{}</h3><p class=\"ref\">{}{} · <code>{}</code> bytes {}–{}</p>\
             <div class=\"passage\">",
            text(&q.source),
            text(&q.attribution),
            if q.section.is_empty() {
                String::new()
            } else {
                format!(" · {}", text(&q.section))
            },
            text(&q.passage),
            q.start,
            q.end
        );
        let marks = spans.get(q.passage.as_str()).cloned().unwrap_or_default();
        marked(out, q, &marks);
        out.push_str("</div></article>\n");
    }
    out.push_str("</section>\n");
}
