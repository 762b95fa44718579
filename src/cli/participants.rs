//! `rapporteur participants --index DIR [--json]`: who spoke, with their organisation,
//! stakeholder group, what the group was given on, and number of passages, one row per person,
//! rebuilt from the index alone.
//!
//! Rows are sorted by passages (most first), then name. The text table ends with a count of
//! passages by anonymous speakers ("one contributor", unnamed turns), which are nobody's row,
//! then one line per **mismatch**: a declared group (a roster's, a sector line's) that strong
//! evidence in the organisation's name contradicts, with both (the declared group is kept).
//! `--json` prints an array of `{name, role, organisation, group, evidence, mismatch, aliases,
//! passages}` with `passages` as a count, `evidence` as `{kind, term}` and `mismatch` as
//! `{group, evidence}` (each omitted when there is none).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use rapporteur::Participant;
use serde_json::json;

use super::output;

/// Control and bidirectional-override characters a name from a file must not send to a
/// terminal.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
                '?'
            } else {
                c
            }
        })
        .collect()
}

/// Columns of a terminal a character takes: two for East Asian wide characters.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = u32::from(c);
            let wide = (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// At most `max` columns of `s`, with "…" when cut.
fn clip(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if width(&out) + width(c.encode_utf8(&mut [0; 4])) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn sorted(mut people: Vec<Participant>) -> Vec<Participant> {
    people.sort_by(|a, b| {
        b.passages
            .len()
            .cmp(&a.passages.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    people
}

pub fn participants(dir: &Path, as_json: bool) -> anyhow::Result<ExitCode> {
    let loaded = rapporteur::index::load(dir)?;
    let people = sorted(rapporteur::attribute::participants(&loaded.passages));
    let anonymous = rapporteur::attribute::anonymous_count(&loaded.passages);
    let mut out = output::stdout();
    if as_json {
        let rows: Vec<_> = people
            .iter()
            .map(|p| {
                let mut row = json!({
                    "name": p.name,
                    "role": p.role,
                    "organisation": p.organisation,
                    "group": p.group,
                    "aliases": p.aliases,
                    "passages": p.passages.len(),
                });
                if let Some(e) = &p.evidence {
                    row["evidence"] = json!(e);
                }
                if let Some(m) = &p.mismatch {
                    row["mismatch"] = json!(m);
                }
                row
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    let cells: Vec<[String; 5]> = people
        .iter()
        .map(|p| {
            let group = p.group.map_or("-", |g| g.as_str());
            [
                clip(&printable(&p.name), 40),
                clip(&printable(p.organisation.as_deref().unwrap_or("-")), 48),
                // A mismatch is marked on the group, and told after the table.
                format!("{group}{}", if p.mismatch.is_some() { "!" } else { "" }),
                clip(
                    &printable(&p.evidence.as_ref().map_or("-".into(), |e| e.to_string())),
                    36,
                ),
                p.passages.len().to_string(),
            ]
        })
        .collect();
    let header = ["name", "organisation", "group", "evidence", "passages"].map(str::to_string);
    let col_width = |k: usize| {
        std::iter::once(&header)
            .chain(&cells)
            .map(|r| width(&r[k]))
            .max()
            .unwrap_or(0)
    };
    let widths = [
        col_width(0),
        col_width(1),
        col_width(2),
        col_width(3),
        col_width(4),
    ];
    for row in std::iter::once(&header).chain(&cells) {
        let pad = |k: usize| {
            let n = widths[k].saturating_sub(width(&row[k]));
            format!("{}{}", row[k], " ".repeat(n))
        };
        writeln!(
            out,
            "{}  {}  {}  {}  {:>w$}",
            pad(0),
            pad(1),
            pad(2),
            pad(3),
            row[4],
            w = widths[4]
        )?;
    }
    writeln!(
        out,
        "{} people; {} passages by anonymous speakers",
        people.len(),
        anonymous
    )?;
    // Who wrote each document whose passages its authors speak (`how: "byline"`).
    let mut authors: std::collections::BTreeMap<&str, std::collections::BTreeSet<String>> =
        std::collections::BTreeMap::new();
    for p in &loaded.passages {
        if let Some(s) = p
            .speaker
            .as_ref()
            .filter(|s| s.how == rapporteur::How::Byline)
        {
            authors
                .entry(p.doc.as_str())
                .or_default()
                .insert(rapporteur::synth::attribution::named_label(s));
        }
    }
    for (doc, labels) in &authors {
        for l in labels {
            writeln!(out, "authors of {}: {}", printable(doc), printable(l))?;
        }
    }
    for p in people.iter().filter(|p| p.mismatch.is_some()) {
        let (Some(m), Some(g)) = (&p.mismatch, p.group) else {
            continue;
        };
        let declared = p
            .evidence
            .as_ref()
            .map_or_else(String::new, |e| format!(" ({e})"));
        writeln!(
            out,
            "mismatch: {} ({}): declared {}{declared}, the name says {} ({})",
            printable(&p.name),
            printable(p.organisation.as_deref().unwrap_or("-")),
            g.as_str(),
            m.group.as_str(),
            printable(&m.evidence.to_string()),
        )?;
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
