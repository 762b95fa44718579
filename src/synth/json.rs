//! `outline.json`: the [`Outline`] as pretty-printed JSON with a trailing newline.
//!
//! Field order is the structs' order and every map is a `BTreeMap`, so identical outlines give
//! identical bytes.
//!
//! ```
//! use rapporteur::synth::{build, json, OutlineOptions};
//! let outline = build(&[], &[], &[], &OutlineOptions::default());
//! let text = json::render(&outline);
//! assert!(text.starts_with("{\n  \"options\""));
//! assert!(text.ends_with("}\n"));
//! ```

use super::Outline;

/// The outline as pretty JSON followed by a newline.
///
/// Serialising an [`Outline`] cannot fail (string map keys, no custom serialisers); should it
/// ever, the output is a JSON object naming the error rather than a panic.
pub fn render(outline: &Outline) -> String {
    match serde_json::to_string_pretty(outline) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        Err(e) => format!("{}\n", serde_json::json!({ "error": e.to_string() })),
    }
}
