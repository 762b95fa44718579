//! `outline.md`: the [`Outline`] as Markdown a rapporteur edits and pastes.
//!
//! ```text
//! # Synthesis outline
//!
//! - Documents: 5
//! - Passages: 812
//! - Participants: 14
//! - Themes: 12 of 16
//! - Voices: civil society 12, government 3, unknown 40
//!
//! ## Power imbalances and asymmetries
//!
//! 4 passages. Voices: civil society 2, unknown 2
//!
//! ### Recommendations
//!
//! - The three roles have to exist in order to be successful. — Andy Orsmond, *Lessons learned* › Lessons learned:
//!
//! ### Quotes
//!
//! > “There is always difference in power dynamics.”
//! > — Andy Orsmond, *Lessons learned* › Lessons learned: <!-- seeds/004#12 -->
//! ```
//!
//! Quote and recommendation texts are shown as they are, except that every line of a quote is
//! prefixed with `> ` and continuation lines of a recommendation are indented, so a multi-line
//! text stays inside its blockquote or bullet; a line that would otherwise start a heading,
//! list, rule or blockquote gets a backslash. One-line fields (labels, attributions, sources)
//! have their whitespace collapsed. Empty subsections are left out. The passage id of each
//! quote follows it in an HTML comment, invisible once rendered.

use std::fmt::Write as _;

use super::attribution::collapse;
use super::{Outline, Overview};
use crate::model::Group;

/// The outline as Markdown (see the module doc).
pub fn render(outline: &Outline) -> String {
    let mut out = String::from("# Synthesis outline\n\n");
    overview(&mut out, &outline.overview);
    for s in &outline.sections {
        let _ = write!(out, "\n## {}\n\n", collapse(&s.label));
        let noun = if s.passages == 1 {
            "passage"
        } else {
            "passages"
        };
        let _ = writeln!(out, "{} {noun}. Voices: {}", s.passages, voices(&s.voices));
        if !s.recommendations.is_empty() {
            out.push_str("\n### Recommendations\n\n");
            for r in &s.recommendations {
                out.push_str("- ");
                multiline(&mut out, &r.text, "", "  ");
                let _ = writeln!(
                    out,
                    " — {}",
                    reference(&r.attribution, &r.source, &r.section)
                );
            }
            if s.recommendations_total > s.recommendations.len() {
                let more = s.recommendations_total - s.recommendations.len();
                let _ = writeln!(out, "\n({more} more in the index.)");
            }
        }
        if !s.quotes.is_empty() {
            out.push_str("\n### Quotes\n");
            for q in &s.quotes {
                out.push_str("\n> “");
                multiline(&mut out, &q.text, "", "> ");
                if q.truncated {
                    out.push('…');
                }
                out.push_str("”\n");
                let _ = write!(
                    out,
                    "> — {}",
                    reference(&q.attribution, &q.source, &q.section)
                );
                if !q.passage.contains("--") {
                    let _ = write!(out, " <!-- {} -->", q.passage);
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The overview bullets.
fn overview(out: &mut String, o: &Overview) {
    let _ = writeln!(out, "- Documents: {}", o.documents);
    let _ = writeln!(out, "- Passages: {}", o.passages);
    let _ = writeln!(out, "- Participants: {}", o.participants);
    let _ = writeln!(out, "- Themes: {} of {}", o.themes, o.taxonomy_themes);
    let _ = writeln!(out, "- Voices: {}", voices(&o.voices));
}

/// "civil society 12, government 3, unknown 40" (ids in the map's order, labels for people).
fn voices(counts: &std::collections::BTreeMap<String, usize>) -> String {
    if counts.is_empty() {
        return "none".to_string();
    }
    counts
        .iter()
        .map(|(id, n)| {
            let label = Group::parse(id).map_or(id.as_str(), |g| g.label());
            format!("{label} {n}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "attribution, *source* › section" on one line.
fn reference(attribution: &str, source: &str, section: &str) -> String {
    let mut s = collapse(attribution);
    let source = collapse(source).replace('*', "\\*");
    if !source.is_empty() {
        let _ = write!(s, ", *{source}*");
    }
    let section = collapse(section);
    if !section.is_empty() {
        let _ = write!(s, " › {section}");
    }
    s
}

/// Writes `text` line by line: the first line as is (it follows a marker), the others after
/// `prefix`, each neutralised so it cannot open a new block. `first_prefix` precedes line one.
fn multiline(out: &mut String, text: &str, first_prefix: &str, prefix: &str) {
    for (n, line) in text.split('\n').enumerate() {
        let line = line.trim_end();
        if n == 0 {
            out.push_str(first_prefix);
            out.push_str(line);
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
    fn multiline_quotes_stay_in_the_blockquote() {
        let mut out = String::new();
        multiline(&mut out, "First line\n\n# not a heading\nlast", "", "> ");
        assert_eq!(out, "First line\n>\n> \\# not a heading\n> last");
    }
}
