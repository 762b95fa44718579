//! The theme × stakeholder-group table: how many passages address each theme, in whose voice.
//!
//! What: for every theme of the taxonomy (sub-themes right after their parent, in file order),
//! the passages tagged with it — a parent also counts the passages of its sub-themes, each
//! passage once — split by the passage's voice (the seven groups, then `unknown` for passages
//! with no voice). Each cell has its count, its share of the theme's passages (`of_theme`: who
//! speaks about trust) and its share of the group's passages (`of_group`: how much of what
//! civil society says is about trust). Themes found on passages but missing from the taxonomy
//! (an index tagged with another taxonomy) follow, by id. Shares are rounded to 4 decimals and
//! every map is sorted, so the same passages always give the same bytes.
//!
//! Why: "counts per stakeholder group" is the first table of a synthesis report, and the
//! rapporteur needs it for the whole corpus before choosing what to write about.
//!
//! ```
//! use std::collections::BTreeMap;
//! use rapporteur::model::{Document, Group, Passage, PassageKind, ThemeTag};
//! use rapporteur::tag::{Taxonomy, table::theme_table};
//!
//! let doc = Document {
//!     id: "d".into(), path: "d.txt".into(), path_raw: None, format: "text".into(), title: None,
//!     kind: "notes".into(), text: "Trust matters. So does trust.".into(),
//!     meta: BTreeMap::new(), warnings: Vec::new(), authors: Vec::new(), blocks: Vec::new(),
//! };
//! let mut a = Passage::new(&doc, 1, PassageKind::Paragraph, 0, 14);
//! a.themes = vec![ThemeTag { id: "trust".into(), score: 0.5, terms: vec!["trust".into()] }];
//! a.voice = Some(Group::CivilSociety);
//! let mut b = Passage::new(&doc, 2, PassageKind::Paragraph, 15, 29);
//! b.themes = a.themes.clone();
//! let tax = Taxonomy::default_multistakeholder().expect("built-in taxonomy");
//! let table = theme_table(&[a, b], &tax);
//! let trust = &table.rows[0];
//! assert_eq!((trust.id.as_str(), trust.passages), ("trust", 2));
//! assert_eq!(trust.by_group["civil_society"].count, 1);
//! assert_eq!(trust.by_group["civil_society"].of_theme, 0.5);
//! assert_eq!(trust.by_group["unknown"].of_group, 1.0);
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use super::taxonomy::Taxonomy;
use crate::model::{Group, Passage};

/// The column of passages without a voice.
pub const UNKNOWN: &str = "unknown";

/// The whole table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThemeTable {
    /// All passages counted.
    pub passages: usize,
    /// Passages with at least one theme.
    pub tagged: usize,
    /// The columns: group ids in contract order, then [`UNKNOWN`].
    pub groups: Vec<String>,
    /// Passages per column.
    pub group_totals: BTreeMap<String, usize>,
    pub rows: Vec<ThemeRow>,
}

/// One theme's row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThemeRow {
    pub id: String,
    pub label: String,
    /// The parent theme's id.
    pub parent: Option<String>,
    /// Nesting depth: 0 for a top-level theme.
    pub depth: usize,
    /// Passages tagged with the theme (or, for a parent, with any of its sub-themes).
    pub passages: usize,
    /// `passages` over all passages.
    pub share: f64,
    /// One cell per column.
    pub by_group: BTreeMap<String, Cell>,
}

/// One cell: a theme's passages in one group's voice.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub count: usize,
    /// `count` over the theme's passages.
    pub of_theme: f64,
    /// `count` over the group's passages.
    pub of_group: f64,
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        (n as f64 / d as f64 * 10_000.0).round() / 10_000.0
    }
}

fn column(p: &Passage) -> &'static str {
    p.voice.map_or(UNKNOWN, Group::as_str)
}

/// Counts the themes of `passages` by voice, with `tax` giving the order, labels and parents.
pub fn theme_table(passages: &[Passage], tax: &Taxonomy) -> ThemeTable {
    let groups: Vec<String> = Group::ALL
        .iter()
        .map(|g| g.as_str().to_string())
        .chain(std::iter::once(UNKNOWN.to_string()))
        .collect();
    let mut group_totals: BTreeMap<String, usize> = groups.iter().map(|g| (g.clone(), 0)).collect();
    // theme id → passage indices tagged with it (rolled up into ancestors).
    let mut members: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    let mut tagged = 0;
    for (i, p) in passages.iter().enumerate() {
        *group_totals.entry(column(p).to_string()).or_default() += 1;
        if !p.themes.is_empty() {
            tagged += 1;
        }
        for t in &p.themes {
            members.entry(t.id.as_str()).or_default().insert(i);
            for a in tax.ancestors(&t.id) {
                members.entry(a).or_default().insert(i);
            }
        }
    }

    let mut order: Vec<(String, String, Option<String>, usize)> = Vec::new();
    fn visit(
        tax: &Taxonomy,
        parent: Option<&str>,
        depth: usize,
        out: &mut Vec<(String, String, Option<String>, usize)>,
    ) {
        for t in tax
            .themes()
            .iter()
            .filter(|t| t.parent.as_deref() == parent)
        {
            if out.iter().any(|o| o.0 == t.id) {
                continue;
            }
            out.push((t.id.clone(), t.label.clone(), t.parent.clone(), depth));
            visit(tax, Some(&t.id), depth + 1, out);
        }
    }
    visit(tax, None, 0, &mut order);
    for id in members.keys() {
        if tax.theme(id).is_none() {
            order.push((id.to_string(), id.to_string(), None, 0));
        }
    }

    let rows = order
        .into_iter()
        .map(|(id, label, parent, depth)| {
            let empty = BTreeSet::new();
            let set = members.get(id.as_str()).unwrap_or(&empty);
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for &i in set {
                *counts.entry(column(&passages[i])).or_default() += 1;
            }
            let by_group = groups
                .iter()
                .map(|g| {
                    let count = counts.get(g.as_str()).copied().unwrap_or(0);
                    let total = group_totals.get(g).copied().unwrap_or(0);
                    let cell = Cell {
                        count,
                        of_theme: ratio(count, set.len()),
                        of_group: ratio(count, total),
                    };
                    (g.clone(), cell)
                })
                .collect();
            ThemeRow {
                id,
                label,
                parent,
                depth,
                passages: set.len(),
                share: ratio(set.len(), passages.len()),
                by_group,
            }
        })
        .collect();
    ThemeTable {
        passages: passages.len(),
        tagged,
        groups,
        group_totals,
        rows,
    }
}

/// Short column headers for the text table.
fn header(group: &str) -> &str {
    match group {
        "government" => "gov",
        "intergovernmental" => "igo",
        "business" => "business",
        "civil_society" => "civil soc",
        "academia" => "academia",
        "technical_community" => "technical",
        "media" => "media",
        other => other,
    }
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// The table for people: one line per theme, `count (share of the theme)` per group.
pub fn render_text(t: &ThemeTable) -> String {
    let label_of = |r: &ThemeRow| format!("{}{} [{}]", "  ".repeat(r.depth), r.label, r.id);
    let width = t
        .rows
        .iter()
        .map(|r| label_of(r).chars().count())
        .chain(std::iter::once(5))
        .max()
        .unwrap_or(5);
    let cell_width = 11;
    let mut out = String::new();
    let _ = write!(
        out,
        "{:<width$}  {:>8}  {:>6}",
        "theme", "passages", "share"
    );
    for g in &t.groups {
        let _ = write!(out, "  {:>cell_width$}", header(g));
    }
    out.push('\n');
    for r in &t.rows {
        let _ = write!(
            out,
            "{:<width$}  {:>8}  {:>6}",
            label_of(r),
            r.passages,
            percent(r.share)
        );
        for g in &t.groups {
            let cell = r.by_group.get(g).map_or(String::from("0"), |c| {
                if c.count == 0 {
                    "0".to_string()
                } else {
                    format!("{} ({})", c.count, percent(c.of_theme))
                }
            });
            let _ = write!(out, "  {cell:>cell_width$}");
        }
        out.push('\n');
    }
    let _ = write!(
        out,
        "{:<width$}  {:>8}  {:>6}",
        "all passages", t.passages, ""
    );
    for g in &t.groups {
        let n = t.group_totals.get(g).copied().unwrap_or(0);
        let _ = write!(out, "  {n:>cell_width$}");
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "{} of {} passages ({}) have a theme; cells: passages (share of the theme's passages) \
         by the voice they speak in.",
        t.tagged,
        t.passages,
        percent(ratio(t.tagged, t.passages))
    );
    out
}

/// The table as pretty JSON with a final newline.
pub fn render_json(t: &ThemeTable) -> String {
    let mut s = serde_json::to_string_pretty(t).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, PassageKind, ThemeTag};
    use std::path::Path;

    fn passage(n: usize, themes: &[&str], voice: Option<Group>) -> Passage {
        let doc = Document {
            id: "d".into(),
            path: "d.txt".into(),
            path_raw: None,
            format: "text".into(),
            title: None,
            kind: "notes".into(),
            text: "x".repeat(100),
            meta: BTreeMap::new(),
            warnings: Vec::new(),
            authors: Vec::new(),
            blocks: Vec::new(),
        };
        let mut p = Passage::new(&doc, n, PassageKind::Paragraph, n, n + 1);
        p.themes = themes
            .iter()
            .map(|id| ThemeTag {
                id: id.to_string(),
                score: 1.0,
                terms: vec![],
            })
            .collect();
        p.voice = voice;
        p
    }

    #[test]
    fn parents_roll_up_their_sub_themes_once_and_strangers_follow() {
        let src = r#"
[[themes]]
id = "process"
label = "Process"
terms = ["process"]
[[themes]]
id = "facilitation"
label = "Facilitation"
parent = "process"
terms = ["facilitator"]
[[themes]]
id = "trust"
label = "Trust"
terms = ["trust"]
"#;
        let tax = Taxonomy::from_toml(src, Path::new("t.toml")).expect("valid");
        let ps = vec![
            passage(1, &["facilitation", "process"], Some(Group::Business)),
            passage(2, &["facilitation"], None),
            passage(3, &["trust"], Some(Group::Business)),
            passage(4, &["power"], Some(Group::Government)),
            passage(5, &[], None),
        ];
        let t = theme_table(&ps, &tax);
        let ids: Vec<(&str, usize, usize)> = t
            .rows
            .iter()
            .map(|r| (r.id.as_str(), r.depth, r.passages))
            .collect();
        assert_eq!(
            ids,
            [
                ("process", 0, 2),
                ("facilitation", 1, 2),
                ("trust", 0, 1),
                ("power", 0, 1)
            ]
        );
        assert_eq!((t.passages, t.tagged), (5, 4));
        assert_eq!(t.group_totals["business"], 2);
        assert_eq!(t.group_totals[UNKNOWN], 2);
        let process = &t.rows[0];
        assert_eq!(process.by_group["business"].count, 1);
        assert_eq!(process.by_group["business"].of_theme, 0.5);
        assert_eq!(process.by_group["business"].of_group, 0.5);
        assert_eq!(process.share, 0.4);
        let text = render_text(&t);
        assert!(text.contains("  Facilitation [facilitation]"), "{text}");
        assert!(text.lines().count() == 7, "{text}");
        let json: serde_json::Value = serde_json::from_str(&render_json(&t)).expect("json");
        assert_eq!(json["rows"][3]["id"], "power");
        assert_eq!(json["groups"][7], UNKNOWN);
    }
}
