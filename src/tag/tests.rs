//! Tagging real passages cut from the seed documents.

use super::*;

#[test]
#[ignore]
fn scratch_dump() {
    use crate::model::{Document, PassageKind};
    let tagger = Tagger::new(Taxonomy::default_multistakeholder().expect("tax"));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/seeds");
    let which = std::env::var("SEED").unwrap_or_default();
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("d").filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    for f in files {
        if !f.to_string_lossy().contains(&which) { continue; }
        let text = std::fs::read_to_string(&f).expect("f");
        let doc = Document { id: "d".into(), path: "p".into(), format: "text".into(), title: None, kind: "k".into(), text: text.clone(), meta: Default::default(), blocks: vec![] };
        let mut off = 0;
        let mut n = 0;
        for line in text.split_inclusive('\n') {
            let t = line.trim_end();
            let s = off + (t.len() - t.trim_start().len());
            let e = off + t.len();
            off += line.len();
            if s >= e { continue; }
            n += 1;
            let body = doc.text[s..e].trim_start_matches(|c: char| !c.is_alphanumeric());
            let kind = if t.trim_start().starts_with('-') || t.trim_start().starts_with('•') || t.trim_start().starts_with('❖') { PassageKind::Bullet } else if !body.ends_with(['.', '?', '!', ')', '"', '”']) && body.len() < 100 { PassageKind::Heading } else { PassageKind::Paragraph };
            let mut p = Passage::new(&doc, n, kind, s, e);
            tagger.tag(&mut p);
            let short: String = p.text.chars().take(110).collect();
            println!("\n#{n} {:?} {short}", p.kind);
            let th: Vec<String> = p.themes.iter().map(|t| format!("{}={} {:?}", t.id, t.score, t.terms)).collect();
            println!("  themes: {}", th.join(" | "));
            println!("  mentions: {:?} voice: {:?}", p.mentions, p.voice);
            for r in &p.recommendations { let x: String = r.text.chars().take(100).collect(); println!("  REC [{}] {:?} {x}", r.cue, r.addressee); }
            for q in &p.questions { let x: String = q.text.chars().take(100).collect(); println!("  Q {x}"); }
        }
    }
}
