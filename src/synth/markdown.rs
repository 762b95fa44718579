//! `outline.md`: the [`Outline`] as Markdown a rapporteur edits and pastes.
//!
//! ```text
//! # Synthesis outline
//!
//! *By theme · attribution: named · personal data redacted*
//!
//! ## Overview
//!
//! - Documents: 5 (5 submissions, 0 campaigns, 5 unique)
//! - Passages: 495 (bullet 115, comment 45, …)
//! - Participants: 9 (civil society 1, intergovernmental 2, group unknown 6)
//! …
//!
//! ## 1. Power imbalances and asymmetries
//!
//! 4 passages in 2 documents. Heard: civil society 2 (1 participant), unknown 2. Silent: government.
//!
//! ### Key points
//!
//! > “There is always difference in power dynamics.”
//! > — Andy Orsmond, *Lessons learned* › Lessons learned <!-- seeds/004#12 6120-6275 -->
//!
//! ### Recommendations
//!
//! - The three roles have to exist in order to be successful. — raised by 1 participant …
//! ```
//!
//! Every string from the corpus that the outline shows — quote texts, attributions, names,
//! sources, sections, labels, headings — goes through one escaping function, [`inline`], so it
//! reads as the text it is: the characters that make inline syntax (`\`, `` ` ``, `*`, `_`,
//! `[`, `]`, `<`, `&`, `|`, `~`, `$`, `#`) get a backslash, so that no link, image, autolink,
//! raw HTML, entity, emphasis, code span, table or math in a contribution is live (a bare URL
//! stays a URL, which a renderer may linkify as itself); and every bidirectional embedding,
//! override or isolate the string opens is closed at its end ([`super::bidi::closed`]), as
//! Markdown has no isolation. Every line of a quote is prefixed with `> ` and continuation
//! lines of a list item are indented, so a multi-line text stays inside its blockquote or
//! bullet; a line that would otherwise start a heading, list, rule or blockquote gets a
//! backslash too. One-line fields have their whitespace collapsed. `outline.json` keeps the
//! verbatim text; only this rendering escapes. Empty subsections are left out. The passage id
//! and byte span of each quote follow it in an HTML comment, invisible once rendered.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::attribution::collapse;
use super::bidi::closed;
use super::{
    Campaign, CampaignKind, Disagreement, Outline, Overview, Quote, RaisedBy, RecommendationItem,
    Section, StanceCounts, UNKNOWN_VOICE,
};
use crate::model::Group;

/// Campaigns listed by the Markdown and HTML renderings (all are in `outline.json`).
pub const CAMPAIGNS_SHOWN: usize = 25;

/// The outline as Markdown (see the module doc).
pub fn render(outline: &Outline) -> String {
    let mut out = String::from("# Synthesis outline\n\n");
    let o = &outline.options;
    let _ = writeln!(
        out,
        "*By {} · attribution: {} · personal data {}*",
        o.by.as_str(),
        o.attribution.as_str(),
        if o.redact { "redacted" } else { "not redacted" }
    );
    overview(&mut out, &outline.overview);
    campaigns(&mut out, &outline.campaigns);
    for (n, s) in outline.sections.iter().enumerate() {
        section(&mut out, n + 1, s);
    }
    edits(&mut out, &outline.edits);
    out
}

/// Tracked changes listed per draft by the Markdown and HTML renderings (all are in
/// `outline.json`).
pub const EDITS_SHOWN: usize = 200;

/// "Zzzzzzzz, Eee: 13 edits (11 inserted, 2 deleted), 2015-10-12 – 2015-10-13".
pub fn reviewer_line(r: &super::ReviewerEdits) -> String {
    let mut what: Vec<String> = Vec::new();
    for (n, label) in [
        (r.inserted, "inserted"),
        (r.deleted, "deleted"),
        (r.moved, "moved"),
    ] {
        if n > 0 {
            what.push(format!("{} {label}", thousands(n)));
        }
    }
    let when = match (&r.from, &r.to) {
        (Some(f), Some(t)) if f == t => format!(", {}", collapse(f)),
        (Some(f), Some(t)) => format!(", {} – {}", collapse(f), collapse(t)),
        _ => String::new(),
    };
    format!(
        "{}: {} ({}){when}",
        collapse(&r.reviewer),
        plural(r.edits, "edit", "edits"),
        what.join(", ")
    )
}

fn edits(out: &mut String, drafts: &[super::DraftEdits]) {
    if drafts.is_empty() {
        return;
    }
    out.push_str("\n## Proposed edits\n");
    for d in drafts {
        let _ = write!(
            out,
            "\n### {} — {} by {}\n\n",
            one_line(&d.source),
            plural(d.edits, "tracked change", "tracked changes"),
            plural(d.reviewers.len(), "reviewer", "reviewers")
        );
        for r in &d.reviewers {
            let _ = writeln!(out, "- {}", inline(&reviewer_line(r)));
        }
        let mut shown = 0;
        for p in &d.paragraphs {
            if shown >= EDITS_SHOWN {
                break;
            }
            let at = match (&p.passage, p.section.is_empty()) {
                (Some(id), false) => format!("{} ({})", collapse(&p.section), id),
                (Some(id), true) => id.clone(),
                (None, _) => "before the first paragraph".to_string(),
            };
            let _ = write!(out, "\n#### {}\n\n", one_line(&at));
            for e in p.edits.iter().take(EDITS_SHOWN - shown) {
                let _ = write!(out, "- {} “", e.action.label());
                multiline(out, e.quote.shown(), "  ");
                let date = e
                    .date
                    .as_deref()
                    .map(|d| format!(", {}", collapse(d)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "” — {}{}{}",
                    one_line(&e.quote.attribution),
                    one_line(&date),
                    comment(&e.quote)
                );
                shown += 1;
            }
        }
        if d.edits > shown {
            let _ = writeln!(
                out,
                "\n… and {} more (all are in outline.json).",
                thousands(d.edits - shown)
            );
        }
    }
}

/// "1,204".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// A group id as people read it ("civil society", "unknown").
pub fn group_label(id: &str) -> &str {
    Group::parse(id).map_or(id, |g| g.label())
}

/// "civil society 12, government 3, unknown 40".
pub fn counts(map: &BTreeMap<String, usize>) -> String {
    if map.is_empty() {
        return "none".to_string();
    }
    map.iter()
        .map(|(id, n)| format!("{} {}", group_label(id), thousands(*n)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Passages that take a position per group, groups in contract order, unknown voice last:
/// "civil society 3 in support, 1 against; government 1 mixed", or "none".
pub fn stance_counts(map: &BTreeMap<String, StanceCounts>) -> String {
    let keys = Group::ALL
        .iter()
        .map(|g| g.as_str())
        .chain([UNKNOWN_VOICE])
        .filter(|k| map.contains_key(*k));
    let parts: Vec<String> = keys
        .filter_map(|k| {
            let c = map.get(k)?;
            let mut what = Vec::new();
            if c.supports > 0 {
                what.push(format!("{} in support", thousands(c.supports)));
            }
            if c.opposes > 0 {
                what.push(format!("{} against", thousands(c.opposes)));
            }
            if c.mixed > 0 {
                what.push(format!("{} mixed", thousands(c.mixed)));
            }
            Some(format!("{} {}", group_label(k), what.join(", ")))
        })
        .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join("; ")
    }
}

/// Participants per group, groups in contract order, those of unknown group last.
pub fn people(map: &BTreeMap<String, usize>) -> String {
    let mut parts: Vec<String> = Group::ALL
        .iter()
        .filter_map(|g| {
            map.get(g.as_str())
                .map(|n| format!("{} {}", g.label(), thousands(*n)))
        })
        .collect();
    if let Some(n) = map.get(super::UNKNOWN_VOICE) {
        parts.push(format!("group unknown {}", thousands(*n)));
    }
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    }
}

/// A recommendation's agreement and who else takes a side on it: "; agreed by the meeting;
/// supported by 2 participants from 2 groups; opposed by 1 passage (business)", or "".
pub fn sides_of(r: &RecommendationItem) -> String {
    let mut out = String::new();
    if r.agreed {
        out.push_str("; agreed by the meeting");
    }
    for (what, s) in [("supported", &r.supporters), ("opposed", &r.opposers)] {
        if s.passages.is_empty() {
            continue;
        }
        let who = if s.participants > 0 {
            plural(s.participants, "participant", "participants")
        } else {
            plural(s.passages.len(), "passage", "passages")
        };
        let groups = match s.groups.len() {
            0 => String::new(),
            1 => format!(" ({})", s.groups[0].label()),
            n => format!(" from {n} groups"),
        };
        let _ = write!(out, "; {what} by {who}{groups}");
    }
    out
}

/// "raised by 6 participants from 3 groups (9 passages, 4 documents)".
pub fn raised(r: &RaisedBy) -> String {
    let groups = match r.groups.len() {
        0 => String::new(),
        1 => format!(" from 1 group ({})", r.groups[0].label()),
        n => format!(" from {n} groups"),
    };
    let place = if r.documents > 1 {
        format!(
            "{} of {}",
            plural(r.passages, "passage", "passages"),
            plural(r.documents, "document", "documents")
        )
    } else {
        plural(r.passages, "passage", "passages")
    };
    if r.participants > 0 {
        format!(
            "raised by {}{groups} ({place})",
            plural(r.participants, "participant", "participants")
        )
    } else {
        format!("in {place}{groups}")
    }
}

fn overview(out: &mut String, o: &Overview) {
    out.push_str("\n## Overview\n\n");
    let s = &o.submissions;
    let _ = writeln!(
        out,
        "- Documents: {} ({}, {}, {} unique)",
        thousands(o.documents),
        plural(s.submissions, "submission", "submissions"),
        plural(s.campaigns, "campaign", "campaigns"),
        thousands(s.unique)
    );
    let kinds = o
        .kinds
        .iter()
        .map(|(k, n)| format!("{k} {}", thousands(*n)))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(out, "- Passages: {} ({kinds})", thousands(o.passages));
    let _ = writeln!(
        out,
        "- Participants: {} ({})",
        thousands(o.participants),
        people(&o.participants_by_group)
    );
    if o.anonymous_passages > 0 {
        let _ = writeln!(
            out,
            "- Anonymous contributors: {}",
            plural(o.anonymous_passages, "passage", "passages")
        );
    }
    let _ = writeln!(out, "- Voices (passages): {}", counts(&o.voices));
    let _ = writeln!(out, "- Stances (passages): {}", stance_counts(&o.stances));
    if let Some(d) = &o.dates {
        let _ = writeln!(
            out,
            "- Dates: {} – {} ({} dated)",
            one_line(&d.from),
            one_line(&d.to),
            plural(d.dated_passages, "passage", "passages")
        );
    }
    if s.copied_texts > 0 {
        let _ = writeln!(
            out,
            "- Copied texts: {} repeated across submissions",
            plural(s.copied_texts, "passage", "passages")
        );
    }
    let _ = writeln!(out, "- Themes: {} of {}", o.themes, o.taxonomy_themes);
    let _ = writeln!(out, "- Sections: {}", o.sections);
    let c = &o.coverage;
    let _ = writeln!(
        out,
        "- Coverage: {}",
        coverage_line(c.passages, c.no_theme, c.quoted, true)
    );
    if c.sources.len() > 1 {
        for s in c.sources.iter().take(SOURCES_SHOWN) {
            let _ = writeln!(
                out,
                "  - {}: {}",
                one_line(&s.source),
                coverage_line(s.passages, s.no_theme, s.quoted, false)
            );
        }
        if c.sources.len() > SOURCES_SHOWN {
            let _ = writeln!(
                out,
                "  - … and {} more sources (all are in outline.json)",
                thousands(c.sources.len() - SOURCES_SHOWN)
            );
        }
    }
}

/// Sources listed with their coverage by the Markdown and HTML renderings.
pub const SOURCES_SHOWN: usize = 25;

/// "412 passages counted, 118 with no theme (under “Not covered by the taxonomy”); 96 quoted";
/// `under` says where the passages with no theme are.
pub fn coverage_line(passages: usize, no_theme: usize, quoted: usize, under: bool) -> String {
    let none = if no_theme > 0 && under {
        format!(
            ", {} with no theme (under “{}”)",
            thousands(no_theme),
            super::structure::NOT_COVERED_LABEL
        )
    } else if no_theme > 0 {
        format!(", {} with no theme", thousands(no_theme))
    } else {
        String::new()
    };
    format!(
        "{} counted{none}; {} quoted",
        plural(passages, "passage", "passages"),
        thousands(quoted)
    )
}

/// A section's "also under" references grouped by the section that prints them, in the order
/// listed: (section id, its label, "a key point (Andy Orsmond); a recommendation (unattributed)").
pub fn also_groups(s: &Section) -> Vec<(&str, &str, String)> {
    let mut groups: Vec<(&str, &str, Vec<String>)> = Vec::new();
    for a in &s.also {
        let item = format!("{} ({})", a.kind.label(), collapse(&a.attribution));
        match groups.iter_mut().find(|g| g.0 == a.section) {
            Some(g) => g.2.push(item),
            None => groups.push((a.section.as_str(), a.label.as_str(), vec![item])),
        }
    }
    groups
        .into_iter()
        .map(|(id, label, items)| (id, label, items.join("; ")))
        .collect()
}

fn campaigns(out: &mut String, list: &[Campaign]) {
    if list.is_empty() {
        return;
    }
    out.push_str("\n## Campaigns\n\n");
    for c in list.iter().take(CAMPAIGNS_SHOWN) {
        let kind = match c.kind {
            CampaignKind::FormLetter => "form letter",
            CampaignKind::CopiedText => "copied text",
        };
        let _ = write!(
            out,
            "- **{}** ({kind}): {}, {} — “",
            one_line(&c.id),
            plural(c.submissions, "submission", "submissions"),
            plural(c.passages, "passage", "passages")
        );
        multiline(out, c.example.shown(), "  ");
        let _ = writeln!(out, "” — {}", reference(&c.example));
    }
    if list.len() > CAMPAIGNS_SHOWN {
        let _ = writeln!(
            out,
            "\n… and {} smaller ones (all are in outline.json).",
            thousands(list.len() - CAMPAIGNS_SHOWN)
        );
    }
}

fn section(out: &mut String, n: usize, s: &Section) {
    let _ = write!(out, "\n## {n}. {}\n\n", one_line(&s.label));
    if let Some(q) = &s.question {
        out.push_str("> ");
        multiline(out, q.shown(), "> ");
        let _ = writeln!(out, "\n> — {}\n", reference(q));
    }
    let distinct = if s.distinct < s.passages {
        format!(" ({} distinct)", thousands(s.distinct))
    } else {
        String::new()
    };
    let _ = write!(
        out,
        "{}{distinct} in {}. Heard: {}.",
        plural(s.passages, "passage", "passages"),
        plural(s.documents, "document", "documents"),
        heard(s)
    );
    if !s.silent.is_empty() {
        let silent: Vec<&str> = s.silent.iter().map(|g| g.label()).collect();
        let _ = write!(out, " Silent: {}.", silent.join(", "));
    }
    out.push('\n');
    if !s.quotes.is_empty() {
        out.push_str("\n### Key points\n");
        for q in &s.quotes {
            blockquote(out, q);
        }
    }
    if !s.recommendations.is_empty() {
        out.push_str("\n### Recommendations\n\n");
        for r in &s.recommendations {
            out.push_str("- ");
            multiline(out, r.quote.shown(), "  ");
            let _ = writeln!(
                out,
                " — {}{} — {}{}",
                raised(&r.raised_by),
                sides_of(r),
                reference(&r.quote),
                comment(&r.quote)
            );
        }
        if s.recommendations_total > s.recommendations.len() {
            let more = s.recommendations_total - s.recommendations.len();
            let _ = writeln!(out, "\n({} more in the index.)", thousands(more));
        }
    }
    if !s.disagreements.is_empty() {
        out.push_str("\n### Points of disagreement\n\n");
        for d in &s.disagreements {
            disagreement(out, d);
        }
    }
    if !s.minority.is_empty() {
        out.push_str("\n### Minority views\n\n");
        for m in &s.minority {
            let _ = write!(out, "- *Only {}:* “", m.group.label());
            multiline(out, m.quote.shown(), "  ");
            let _ = writeln!(out, "” — {}{}", reference(&m.quote), comment(&m.quote));
        }
    }
    list(out, "Open questions", &s.questions);
    list(out, "Comments", &s.comments);
    if !s.campaigns.is_empty() {
        let shares: Vec<String> = s
            .campaigns
            .iter()
            .map(|c| {
                format!(
                    "{} ({})",
                    one_line(&c.campaign),
                    plural(c.passages, "passage", "passages")
                )
            })
            .collect();
        let _ = writeln!(out, "\nCampaign copies here: {}.", shares.join(", "));
    }
    let also = also_groups(s);
    if !also.is_empty() {
        out.push_str("\n### Also under other sections\n\n");
        for (_, label, items) in also {
            let _ = writeln!(out, "- *{}*: {}", one_line(label), one_line(&items));
        }
    }
}

/// "civil society 2 (1 participant), unknown 2".
fn heard(s: &Section) -> String {
    if s.voices.is_empty() {
        return "nobody".to_string();
    }
    s.voices
        .iter()
        .map(|(g, n)| match s.participants.get(g) {
            Some(&p) if p > 0 => format!(
                "{} {} ({})",
                group_label(g),
                thousands(*n),
                plural(p, "participant", "participants")
            ),
            _ => format!("{} {}", group_label(g), thousands(*n)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn blockquote(out: &mut String, q: &Quote) {
    out.push_str("\n> “");
    multiline(out, q.shown(), "> ");
    if q.truncated {
        out.push('…');
    }
    out.push_str("”\n");
    let copies = if q.copies > 1 {
        format!(" ({} near-identical copies)", thousands(q.copies))
    } else {
        String::new()
    };
    let _ = writeln!(out, "> — {}{copies}{}", reference(q), comment(q));
}

fn disagreement(out: &mut String, d: &Disagreement) {
    let _ = writeln!(
        out,
        "- **{}** (“{}”)",
        one_line(&d.summary),
        one_line(&d.cue)
    );
    if let Some(p) = &d.point {
        out.push_str("  - On: “");
        multiline(out, p.shown(), "    ");
        let _ = writeln!(out, "” — {}{}", reference(p), comment(p));
    }
    out.push_str("  - “");
    multiline(out, d.reply.shown(), "    ");
    let _ = writeln!(out, "” — {}{}", reference(&d.reply), comment(&d.reply));
}

fn list(out: &mut String, title: &str, quotes: &[Quote]) {
    if quotes.is_empty() {
        return;
    }
    let _ = write!(out, "\n### {title}\n\n");
    for q in quotes {
        out.push_str("- “");
        multiline(out, q.shown(), "  ");
        let _ = writeln!(out, "” — {}{}", reference(q), comment(q));
    }
}

/// "attribution, *source* › section" on one line.
pub fn reference(q: &Quote) -> String {
    let mut s = one_line(&q.attribution);
    let source = one_line(&q.source);
    if !source.is_empty() {
        let _ = write!(s, ", *{source}*");
    }
    let section = one_line(&q.section);
    if !section.is_empty() {
        let _ = write!(s, " › {section}");
    }
    s
}

/// The passage id and byte span in an HTML comment (left out when the id could end it).
fn comment(q: &Quote) -> String {
    if q.passage.contains("--") || q.passage.contains('>') {
        return String::new();
    }
    format!(" <!-- {} {}-{} -->", q.passage, q.start, q.end)
}

/// Text from the corpus as Markdown that reads as that text (see the module doc): the
/// characters of inline syntax escaped, every bidi embedding, override and isolate closed.
/// For one line; the callers keep lines apart and neutralise line starts.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '&' | '|' | '~' | '$' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    closed(&out).into_owned()
}

/// A one-line field: whitespace collapsed, escaped by [`inline`].
fn one_line(s: &str) -> String {
    inline(&collapse(s))
}

/// Writes `text` line by line, each escaped by [`inline`]: the first line as is (it follows a
/// marker), the others after `prefix`, each neutralised so it cannot open a new block.
fn multiline(out: &mut String, text: &str, prefix: &str) {
    for (n, line) in text.split('\n').enumerate() {
        let line = inline(line.trim_end());
        if n == 0 {
            out.push_str(&line);
            continue;
        }
        out.push('\n');
        let line = line.trim_start();
        if line.is_empty() {
            out.push_str(prefix.trim_end());
        } else {
            out.push_str(prefix);
            out.push_str(&neutralise(line));
        }
    }
}

/// A backslash before whatever would make `line` (already left-trimmed) start a block:
/// `#`, `>`, list markers (`-`, `*`, `+`, `1.`, `1)`), rules and setext underlines, fences.
fn neutralise(line: &str) -> String {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let second = chars.next();
    let block_start = match first {
        '#' | '>' | '=' | '`' | '~' | '|' => true,
        '-' | '*' | '+' | '_' => second.is_none_or(|c| c.is_whitespace() || c == first),
        _ => false,
    };
    if block_start {
        return format!("\\{line}");
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=9).contains(&digits) {
        let rest = &line[digits..];
        let mut r = rest.chars();
        if matches!(r.next(), Some('.' | ')')) && r.next().is_none_or(char::is_whitespace) {
            return format!("{}\\{}", &line[..digits], rest);
        }
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_starts_are_neutralised() {
        assert_eq!(neutralise("# Title"), "\\# Title");
        assert_eq!(neutralise("- item"), "\\- item");
        assert_eq!(neutralise("-- is open"), "\\-- is open");
        assert_eq!(neutralise("---"), "\\---");
        assert_eq!(neutralise("1. First"), "1\\. First");
        assert_eq!(neutralise("2016. The year"), "2016\\. The year");
        assert_eq!(neutralise("-5 degrees"), "-5 degrees");
        assert_eq!(neutralise("1.5 million"), "1.5 million");
        assert_eq!(neutralise("Plain text"), "Plain text");
    }

    #[test]
    fn multiline_quotes_stay_in_the_blockquote_and_markup_is_escaped() {
        let mut out = String::new();
        multiline(&mut out, "First <b>line</b>\n\n# not a heading\nlast", "> ");
        assert_eq!(out, "First \\<b>line\\</b>\n>\n> \\# not a heading\n> last");
    }

    #[test]
    fn inline_syntax_is_escaped_and_bidi_controls_closed() {
        assert_eq!(
            inline("![x](http://e/x.png) [a](javascript:b) <http://e> <img> &#x202E; *b* _i_ `c`"),
            "!\\[x\\](http://e/x.png) \\[a\\](javascript:b) \\<http://e> \\<img> \\&\\#x202E; \\*b\\* \\_i\\_ \\`c\\`"
        );
        assert_eq!(
            inline("a | b ~~c~~ $x$ #tag \\"),
            "a \\| b \\~\\~c\\~\\~ \\$x\\$ \\#tag \\\\"
        );
        assert_eq!(
            inline("Plain text, 1.5 million (est.)."),
            "Plain text, 1.5 million (est.)."
        );
        assert_eq!(inline("\u{202E}reversed"), "\u{202E}reversed\u{202C}");
        // A line of a multi-line quote: each line closed, line starts neutralised.
        let mut out = String::new();
        multiline(&mut out, "one \u{202E}two\n1. three\n> four", "> ");
        assert_eq!(out, "one \u{202E}two\u{202C}\n> 1\\. three\n> \\> four");
    }

    #[test]
    fn numbers_read_with_thousands() {
        assert_eq!(thousands(1204), "1,204");
        assert_eq!(thousands(65949), "65,949");
        assert_eq!(thousands(12), "12");
        assert_eq!(
            raised(&RaisedBy {
                passages: 9,
                documents: 4,
                participants: 6,
                groups: vec![Group::Government, Group::Business, Group::CivilSociety],
            }),
            "raised by 6 participants from 3 groups (9 passages of 4 documents)"
        );
    }
}
