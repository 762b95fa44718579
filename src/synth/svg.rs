//! Inline SVG charts for `report.html`: the section × stakeholder-group heatmap and the voice
//! bar of each section. Plain SVG elements, no scripts, no external references; every label
//! passes through [`esc`].

use std::fmt::Write as _;

use super::html::esc;
use super::{Outline, Section, UNKNOWN_VOICE};
use crate::model::Group;

/// Column keys of the charts: every group in contract order, then `unknown`.
pub fn columns() -> Vec<&'static str> {
    Group::ALL
        .iter()
        .map(|g| g.as_str())
        .chain(std::iter::once(UNKNOWN_VOICE))
        .collect()
}

/// The colour of a group in voice bars and legends.
pub fn colour(key: &str) -> &'static str {
    match key {
        "government" => "#1f77b4",
        "intergovernmental" => "#17becf",
        "business" => "#ff7f0e",
        "civil_society" => "#2ca02c",
        "academia" => "#9467bd",
        "technical_community" => "#8c564b",
        "media" => "#e377c2",
        _ => "#b0b0b0",
    }
}

fn short(key: &str) -> &str {
    match key {
        "government" => "Gov.",
        "intergovernmental" => "IGO",
        "business" => "Business",
        "civil_society" => "Civil soc.",
        "academia" => "Academia",
        "technical_community" => "Technical",
        "media" => "Media",
        _ => "Unknown",
    }
}

/// A label cut to `max` characters.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// Blue ramp from near white (0) to dark blue (1).
fn ramp(t: f64) -> String {
    let t = t.clamp(0.0, 1.0);
    let lerp = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        lerp(244.0, 31.0),
        lerp(246.0, 78.0),
        lerp(251.0, 156.0)
    )
}

/// The heatmap: one row per section, one column per group (and unknown); each cell the
/// section's passages in that voice, shaded against the largest known-group cell (the unknown
/// column against its own largest).
pub fn heatmap(outline: &Outline) -> String {
    let cols = columns();
    let (label_w, cell_w, cell_h, head_h) = (260usize, 74usize, 24usize, 40usize);
    let width = label_w + cell_w * cols.len() + 10;
    let height = head_h + cell_h * outline.sections.len().max(1) + 10;
    let max_known = outline
        .sections
        .iter()
        .flat_map(|s| {
            s.voices
                .iter()
                .filter(|(k, _)| k.as_str() != UNKNOWN_VOICE)
                .map(|(_, &n)| n)
        })
        .max()
        .unwrap_or(0)
        .max(1);
    let max_unknown = outline
        .sections
        .iter()
        .filter_map(|s| s.voices.get(UNKNOWN_VOICE).copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg id=\"heatmap\" class=\"heatmap\" \
         width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" \
         aria-labelledby=\"heatmap-title\"><title id=\"heatmap-title\">Passages per section \
         and stakeholder group</title>"
    );
    for (c, key) in cols.iter().enumerate() {
        let x = label_w + c * cell_w + cell_w / 2;
        let _ = write!(
            out,
            "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" class=\"col\">{}</text>",
            head_h - 12,
            esc(short(key))
        );
    }
    for (r, s) in outline.sections.iter().enumerate() {
        let y = head_h + r * cell_h;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"row\"><title>{}</title>{}</text>",
            label_w - 8,
            y + cell_h / 2 + 4,
            esc(&s.label),
            esc(&cut(&s.label, 38))
        );
        for (c, key) in cols.iter().enumerate() {
            let n = s.voices.get(*key).copied().unwrap_or(0);
            let max = if *key == UNKNOWN_VOICE {
                max_unknown
            } else {
                max_known
            };
            let t = n as f64 / max as f64;
            let x = label_w + c * cell_w;
            let ink = if t > 0.55 { "#ffffff" } else { "#222222" };
            let group = Group::parse(key).map_or("unknown", |g| g.label());
            let _ = write!(
                out,
                "<g class=\"cell\"><rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\" \
                 fill=\"{}\" stroke=\"#ffffff\"><title>{} × {}: {n} passages</title></rect>\
                 <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{ink}\">{n}</text></g>",
                cell_w - 2,
                cell_h - 2,
                ramp(t),
                esc(&s.label),
                esc(group),
                x + cell_w / 2,
                y + cell_h / 2 + 4
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// A section's voices as one stacked horizontal bar.
pub fn voice_bar(s: &Section) -> String {
    let (width, height) = (600usize, 18usize);
    let total: usize = s.voices.values().sum();
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"voice-bar\" width=\"{width}\" \
         height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\"><title>Voices: {}</title>",
        esc(&super::markdown::counts(&s.voices))
    );
    if total == 0 {
        let _ = write!(
            out,
            "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#eeeeee\"/>"
        );
    }
    let mut x = 0.0f64;
    for key in columns() {
        let n = s.voices.get(key).copied().unwrap_or(0);
        if n == 0 || total == 0 {
            continue;
        }
        let w = width as f64 * n as f64 / total as f64;
        let label = Group::parse(key).map_or("unknown", |g| g.label());
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"{height}\" fill=\"{}\">\
             <title>{}: {n}</title></rect>",
            colour(key),
            esc(label)
        );
        x += w;
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramp_goes_from_light_to_dark() {
        assert_eq!(ramp(0.0), "#f4f6fb");
        assert_eq!(ramp(1.0), "#1f4e9c");
        assert_eq!(cut("abcdef", 4), "abc…");
    }
}
