//! Languages of real contributions: Spanish comments and Chinese transcripts are told apart,
//! get no English themes, and are indexed with their own language's stemmer.

use super::*;

/// Comments of the Decide Madrid export (Spanish, with mojibake), as documents of their own.
fn madrid_comments(limit: usize) -> Option<Vec<Document>> {
    let path = corpora().join("contributions/decide-madrid-debates/selected_debate_comments.csv");
    if !path.exists() {
        eprintln!("skipped: {} absent", path.display());
        return None;
    }
    let mut reader = csv::Reader::from_path(&path).expect("the Decide Madrid CSV opens");
    let mut docs = Vec::new();
    for row in reader.records().take(limit) {
        let row = row.expect("a CSV record");
        let (id, body) = (row.get(0).unwrap_or(""), row.get(3).unwrap_or(""));
        docs.push(Document {
            id: format!("madrid:{id}"),
            path: "selected_debate_comments.csv".into(),
            path_raw: None,
            format: "text".into(),
            title: None,
            kind: "contribution".into(),
            text: body.to_string(),
            meta: BTreeMap::new(),
            warnings: Vec::new(),
            authors: Vec::new(),
            blocks: vec![Block::new(PassageKind::Contribution, 0, body.len())],
        });
    }
    Some(docs)
}

#[test]
fn spanish_comments_are_spanish_and_get_no_english_themes() {
    let Some(docs) = madrid_comments(400) else {
        return;
    };
    let mut by_language: BTreeMap<String, usize> = BTreeMap::new();
    let mut tagged_spanish = 0;
    for d in docs {
        let (d, passages) = process_document(d, &TAGGER);
        let lang = d.meta["language"].as_str().unwrap_or("?").to_string();
        if lang == "es" {
            for p in &passages {
                assert!(
                    p.themes.is_empty(),
                    "English theme on Spanish {}: {:?}",
                    p.id,
                    p.themes
                );
                assert!(
                    p.mentions.is_empty() && p.recommendations.is_empty(),
                    "{}",
                    p.id
                );
            }
            tagged_spanish += 1;
        }
        *by_language.entry(lang).or_default() += 1;
    }
    // Comments of two words cannot be told; nearly all others are Spanish, none English.
    let es = by_language.get("es").copied().unwrap_or(0);
    assert!(es * 100 >= 85 * 400, "{by_language:?}");
    assert!(
        by_language.get("en").copied().unwrap_or(0) <= 4,
        "{by_language:?}"
    );
    assert!(tagged_spanish > 0);
}

#[test]
fn chinese_transcripts_are_chinese_with_questions_and_no_themes() {
    let path =
        corpora().join("transcripts/audreyt-sayit-transcripts/2016-02-23-個資去識別化-諮詢會議.md");
    if !path.exists() {
        eprintln!("skipped: {} absent", path.display());
        return;
    }
    let docs = read_file(&path, "sayit/zh", &ReadOptions::default()).expect("reads");
    let (d, passages) = process_document(docs.into_iter().next().expect("a document"), &TAGGER);
    assert_eq!(d.meta["language"], "zh");
    assert!(
        passages
            .iter()
            .all(|p| p.themes.is_empty() && p.mentions.is_empty())
    );
    let questions: Vec<&str> = passages
        .iter()
        .flat_map(|p| p.questions.iter().map(|q| q.text.as_str()))
        .collect();
    assert!(!questions.is_empty());
    assert!(
        questions
            .iter()
            .all(|q| q.ends_with('？') || q.ends_with('?')),
        "{questions:?}"
    );
    // An English SayIt conversation of the same collection is English.
    let en = corpora().join(
        "transcripts/audreyt-sayit-transcripts/2019-01-04-Conversation-with-Stefan-Heumann.md",
    );
    if en.exists() {
        let docs = read_file(&en, "sayit/en", &ReadOptions::default()).expect("reads");
        let (d, _) = process_document(docs.into_iter().next().expect("a document"), &TAGGER);
        assert_eq!(d.meta["language"], "en");
    }
}

#[test]
fn a_mixed_index_stems_each_document_in_its_own_language() {
    use rapporteur::analysis::{Lang, stem, stem_in, tokens};
    use rapporteur::index::{SearchRequest, search, write_index};
    use rapporteur::model::DocInfo;
    let Some(madrid) = madrid_comments(3000) else {
        return;
    };
    let mut docs: Vec<DocInfo> = Vec::new();
    let mut passages: Vec<Passage> = Vec::new();
    for d in madrid.into_iter().chain(processed(SEEDS[3]).map(|x| x.0)) {
        let (d, ps) = process_document(d, &TAGGER);
        docs.push(DocInfo::from(&d));
        passages.extend(ps);
    }
    let spanish: Vec<&Passage> = passages
        .iter()
        .filter(|p| p.doc.starts_with("madrid:"))
        .collect();
    // Two written forms that Spanish conflates and English does not ("propuestas" and
    // "propuesto", say), the second written in some passage where the first is not.
    let mut forms: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &spanish {
        for t in tokens(&p.text) {
            if t.lower.len() > 5 && t.lower.chars().all(|c| c.is_ascii_lowercase()) {
                forms
                    .entry(stem_in(Lang::Spanish, &t.lower))
                    .or_default()
                    .insert(t.lower);
            }
        }
    }
    let (query, other) = forms
        .values()
        .find_map(|f| {
            let f: Vec<&String> = f.iter().collect();
            let (a, b) = (f.first()?, f.get(1)?);
            (stem(a) != stem(b)).then(|| (a.to_string(), b.to_string()))
        })
        .expect("inflected Spanish words");
    let only_other: BTreeSet<&str> = spanish
        .iter()
        .filter(|p| {
            let words: BTreeSet<String> = tokens(&p.text).map(|t| t.lower).collect();
            words.contains(&other) && !words.contains(&query)
        })
        .map(|p| p.id.as_str())
        .collect();
    assert!(!only_other.is_empty());
    let dir = tempfile::tempdir().expect("temp dir");
    write_index(dir.path(), &docs, &passages).expect("index written");
    let mut req = SearchRequest::new(query.clone());
    req.limit = 10_000;
    let found = search(dir.path(), &req).expect("search");
    let ids: BTreeSet<&str> = found.hits.iter().map(|h| h.passage.id.as_str()).collect();
    assert!(
        only_other.iter().all(|id| ids.contains(id)),
        "\"{query}\" should find the passages with \"{other}\""
    );
    // English stemming still holds for the English document of the same index.
    let found = search(dir.path(), &SearchRequest::new("recommendations")).expect("search");
    assert!(
        found
            .hits
            .iter()
            .any(|h| h.passage.doc.starts_with("seeds/003"))
    );
    // Snippets highlight the Spanish word that matched.
    let hit = found_spanish_snippet(dir.path(), &query);
    assert!(hit, "a highlighted Spanish snippet for {query}");
}

fn found_spanish_snippet(dir: &Path, query: &str) -> bool {
    use rapporteur::index::{SearchRequest, search};
    let found = search(dir, &SearchRequest::new(query)).expect("search");
    found
        .hits
        .iter()
        .any(|h| h.passage.doc.starts_with("madrid:") && !h.snippet.highlights.is_empty())
}
