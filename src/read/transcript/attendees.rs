//! Attendee tables: the Markdown table at the top of standards-committee notes that maps each
//! person to the initials their turns carry, and to an organisation.
//!
//! ```text
//! | Name                 | Abbreviation | Organization      |
//! | -------------------- | ------------ | ----------------- |
//! | Rob Palmer           | RPR          | Bloomberg         |
//! ```
//!
//! becomes `{"name": "Rob Palmer", "abbreviation": "RPR", "organisation": "Bloomberg"}` in the
//! document's `meta.attendees`, which attribution uses to resolve `RPR:` to Rob Palmer of
//! Bloomberg. Why: in such notes the initials are the only label a turn has.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Value, json};

/// The columns an attendee table is recognised by.
fn column(header: &str) -> Option<&'static str> {
    match header.trim().trim_matches('*').to_lowercase().as_str() {
        "name" | "attendee" | "delegate" | "participant" => Some("name"),
        "abbreviation" | "abbr" | "abbr." | "abbrev" | "initials" | "acronym" => {
            Some("abbreviation")
        }
        "organization" | "organisation" | "affiliation" | "company" | "member" => {
            Some("organisation")
        }
        "role" | "title" => Some("role"),
        _ => None,
    }
}

fn cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(str::trim).collect()
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// An attendee table starting at line `i` of `lines`: the people and the index of the line
/// after the table. `None` when the table at `i` lacks a name and an abbreviation column.
pub(crate) fn table_at(lines: &[&str], i: usize) -> Option<(Vec<Value>, usize)> {
    let header = cells(lines.get(i)?);
    if !lines[i].trim_start().starts_with('|') || !lines.get(i + 1).is_some_and(|l| is_separator(l))
    {
        return None;
    }
    let cols: Vec<Option<&str>> = header.iter().map(|h| column(h)).collect();
    let has = |c: &str| cols.contains(&Some(c));
    if !has("name") || !has("abbreviation") {
        return None;
    }
    let mut people = Vec::new();
    let mut j = i + 2;
    while let Some(line) = lines.get(j) {
        if !line.trim_start().starts_with('|') {
            break;
        }
        let row = cells(line);
        let mut person = serde_json::Map::new();
        for (c, v) in cols.iter().zip(&row) {
            if let Some(c) = c
                && !v.is_empty()
            {
                person.insert((*c).to_string(), json!(v));
            }
        }
        if person.contains_key("name") {
            people.push(Value::Object(person));
        }
        j += 1;
    }
    Some((people, j))
}

static PRESENTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([\p{Lu}][\p{L}.'’-]*(?: [\p{L}.'’-]+){0,4}) \(([A-Z]{2,4})\)").expect("valid")
});

/// `Presenter: Shu-yu Guo (SYG)` lines under an agenda item: more people with their initials
/// (`"source": "presenter"`), for those the attendee table of the day lacks.
pub(crate) fn presenters(line: &str) -> Vec<Value> {
    let Some((label, rest)) = line.split_once(':') else {
        return Vec::new();
    };
    if !matches!(
        label.trim(),
        "Presenter" | "Presenters" | "Speaker" | "Speakers"
    ) {
        return Vec::new();
    }
    PRESENTER
        .captures_iter(rest)
        .map(|c| {
            let name = c[1].trim_start_matches("and ").trim();
            json!({"name": name, "abbreviation": &c[2], "source": "presenter"})
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tc39_attendee_table() {
        let lines = [
            "| Name                 | Abbreviation | Organization      |",
            "| -------------------- | ------------ | ----------------- |",
            "| Ujjwal Sharma        | USA          | Igalia            |",
            "| Rob Palmer           | RPR          | Bloomberg         |",
            "",
            "RPR: Let's begin.",
        ];
        let (people, next) = table_at(&lines, 0).expect("a table");
        assert_eq!(next, 4);
        assert_eq!(people.len(), 2);
        assert_eq!(people[1]["name"], "Rob Palmer");
        assert_eq!(people[1]["abbreviation"], "RPR");
        assert_eq!(people[1]["organisation"], "Bloomberg");
        assert!(table_at(&["| Time | Transcript |", "|---|---|"], 0).is_none());
    }

    #[test]
    fn presenter_lines() {
        let p = presenters("Presenter: Shu-yu Guo (SYG)");
        assert_eq!(p[0]["name"], "Shu-yu Guo");
        assert_eq!(p[0]["abbreviation"], "SYG");
        let p = presenters(
            "Presenter: Daniel Ehrenberg (DE), Nicolo Ribaudo (NRO) and Daniel Rosenwasser (DRR)",
        );
        let names: Vec<&str> = p.iter().filter_map(|x| x["name"].as_str()).collect();
        assert_eq!(
            names,
            ["Daniel Ehrenberg", "Nicolo Ribaudo", "Daniel Rosenwasser"]
        );
        assert!(presenters("Presenter: Richard Gibson RGN").is_empty());
        assert!(presenters("Note: Shu-yu Guo (SYG)").is_empty());
    }
}
