//! `themes` and `suggest` from the real binary, on the demo corpus and the shared contributions.

use super::*;

/// `rapporteur run` of `sources` into a scratch directory named `name`; the output directory.
fn run_pipeline(name: &str, sources: &[PathBuf], taxonomy: Option<&Path>) -> (PathBuf, Output) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("tags-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let out = dir.join("out");
    let sources: Vec<String> = sources
        .iter()
        .map(|s| format!("{:?}", s.display().to_string()))
        .collect();
    let mut pipeline = format!(
        "name = {name:?}\nsources = [{}]\noutput = {:?}\n",
        sources.join(", "),
        out.display().to_string()
    );
    if let Some(t) = taxonomy {
        pipeline.push_str(&format!("taxonomy = {:?}\n", t.display().to_string()));
    }
    std::fs::write(dir.join("pipeline.toml"), pipeline).expect("pipeline file");
    let result = rapporteur(&["run", "--quiet", "pipeline.toml"], &dir);
    (out, result)
}

fn check_contract(out: &Path) {
    let tool = root().join("../shared/tools/check-contract");
    if !tool.exists() {
        eprintln!("skipped: {} is absent", tool.display());
        return;
    }
    let result = Command::new("python3")
        .arg(&tool)
        .arg(out)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(
        result.status.success() && !stdout.contains("FAIL"),
        "check-contract {}:\n{stdout}\n{}",
        out.display(),
        String::from_utf8_lossy(&result.stderr)
    );
}

/// The demo corpus, run once for the CLI tests.
fn seeds_out() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let (out, result) = run_pipeline("seeds", &[root().join("corpora/seeds")], None);
        assert!(result.status.success(), "{}", describe(&["run"], &result));
        out
    })
}

#[test]
fn themes_table_of_the_demo_corpus_counts_by_voice() {
    let out = seeds_out();
    check_contract(out);
    let index = out.join("index");
    let index = index.to_str().expect("utf-8 path");
    let json = run_ok(&["themes", "--index", index, "--json"], &root());
    let table: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let rows = table["rows"].as_array().expect("rows");
    let ids: Vec<&str> = rows.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), 16, "{ids:?}");
    assert_eq!(ids[0], "trust");
    // Recount from passages.jsonl: each cell is the passages of that theme in that voice.
    let passages: Vec<Value> = std::fs::read_to_string(out.join("passages.jsonl"))
        .expect("passages")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(table["passages"], passages.len());
    for row in rows {
        let id = row["id"].as_str().expect("id");
        let with: Vec<&Value> = passages
            .iter()
            .filter(|p| {
                p["themes"]
                    .as_array()
                    .is_some_and(|t| t.iter().any(|t| t["id"] == id))
            })
            .collect();
        assert_eq!(row["passages"], with.len(), "{id}");
        let civil = with
            .iter()
            .filter(|p| p["voice"] == "civil_society")
            .count();
        assert_eq!(row["by_group"]["civil_society"]["count"], civil, "{id}");
    }
    let participation = rows
        .iter()
        .find(|r| r["id"] == "participation")
        .expect("row");
    assert!(
        participation["passages"].as_u64() > Some(20),
        "{participation}"
    );
    assert!(participation["by_group"]["civil_society"]["count"].as_u64() >= Some(1));
    // The text table: one line per theme, a header and a total.
    let text = run_ok(&["themes", "--index", index], &root());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.lines().next().is_some_and(|h| h.contains("civil soc")),
        "{text}"
    );
    assert!(text.contains("Trust and relationships [trust]"), "{text}");
    assert_eq!(text.lines().count(), 16 + 3, "{text}");
    // Same bytes on a second call.
    let again = run_ok(&["themes", "--index", index, "--json"], &root());
    assert_eq!(again.stdout, json.stdout);
}

#[test]
fn suggest_lists_frequent_uncovered_phrases_with_exact_examples() {
    let out = seeds_out();
    let index = out.join("index");
    let index = index.to_str().expect("utf-8 path");
    let json = run_ok(
        &["suggest", "--index", index, "--json", "--limit", "25"],
        &root(),
    );
    let docs: BTreeMap<String, String> = std::fs::read_to_string(out.join("documents.jsonl"))
        .expect("documents")
        .lines()
        .map(|l| {
            let d: Value = serde_json::from_str(l).expect("JSON line");
            (
                d["id"].as_str().expect("id").to_string(),
                d["text"].as_str().expect("text").to_string(),
            )
        })
        .collect();
    let found: Vec<Value> = String::from_utf8_lossy(&json.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(found.len() >= 10, "{found:?}");
    for s in &found {
        assert!(s["passages"].as_u64() >= Some(3), "{s}");
        let examples = s["examples"].as_array().expect("examples");
        assert_eq!(examples.len(), 2, "{s}");
        for e in examples {
            let text = &docs[e["doc"].as_str().expect("doc")];
            let (a, b) = (
                e["start"].as_u64().expect("start") as usize,
                e["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(&text[a..b], e["text"].as_str().expect("text"));
        }
        // Where it is used, no theme of the taxonomy takes its words as evidence.
        let stems = format!(" {} ", s["stems"].as_str().expect("stems"));
        for e in examples {
            let text = e["text"].as_str().expect("text");
            let d = Document {
                id: "e".into(),
                path: "e.txt".into(),
                path_raw: None,
                format: "text".into(),
                title: None,
                kind: "notes".into(),
                text: text.to_string(),
                meta: BTreeMap::new(),
                warnings: Vec::new(),
                authors: Vec::new(),
                blocks: Vec::new(),
            };
            let mut p = Passage::new(&d, 1, PassageKind::Paragraph, 0, text.len());
            TAGGER.tag(&mut p);
            for t in &p.themes {
                for evidence in &t.terms {
                    assert!(
                        !stems.contains(&format!(" {evidence} ")),
                        "{s}: {} takes {evidence:?}",
                        t.id
                    );
                }
            }
        }
    }
    // The demo corpus is about multistakeholder action, which no theme names as such.
    let phrases: Vec<&str> = found.iter().filter_map(|s| s["phrase"].as_str()).collect();
    assert!(
        phrases
            .iter()
            .any(|p| p.to_lowercase().contains("multistakeholder")),
        "{phrases:?}"
    );
    let text = run_ok(&["suggest", "--index", index], &root());
    assert!(String::from_utf8_lossy(&text.stdout).contains("passages,"));
}

#[test]
fn a_taxonomy_with_a_parent_theme_rolls_up_in_the_table_and_bad_ones_fail_with_a_position() {
    let out = seeds_out();
    let index = out.join("index");
    let index = index.to_str().expect("utf-8 path");
    let dir = tempfile::tempdir().expect("temp dir");
    let tax = dir.path().join("tax.toml");
    std::fs::write(
        &tax,
        "[[themes]]\nid = \"participation\"\nlabel = \"Participation\"\nterms = [\"x\"]\n\
         [[themes]]\nid = \"trust\"\nlabel = \"Trust\"\nparent = \"participation\"\nterms = [\"y\"]\n",
    )
    .expect("taxonomy");
    let tax = tax.to_str().expect("utf-8 path");
    let json = run_ok(
        &["themes", "--index", index, "--json", "--taxonomy", tax],
        &root(),
    );
    let table: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let row = |id: &str| {
        table["rows"]
            .as_array()
            .and_then(|r| r.iter().find(|r| r["id"] == id).cloned())
            .expect("row")
    };
    let (parent, child) = (row("participation"), row("trust"));
    assert_eq!(child["parent"], "participation");
    assert!(parent["passages"].as_u64() >= child["passages"].as_u64());
    assert!(parent["passages"].as_u64() > Some(0));

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[themes]]\nid = \"a\"\nlabel = \"A\"\nparent = \"zz\"\nterms = [\"a\"]\n",
    )
    .expect("taxonomy");
    let result = rapporteur(
        &[
            "themes",
            "--index",
            index,
            "--taxonomy",
            bad.to_str().expect("path"),
        ],
        &root(),
    );
    assert_eq!(
        result.status.code(),
        Some(2),
        "{}",
        describe(&["themes"], &result)
    );
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("bad.toml:4:10") && stderr.contains("unknown parent `zz`"),
        "{stderr}"
    );
}

#[test]
fn themes_and_suggest_work_on_the_shared_contributions() {
    let source = corpora().join("contributions");
    if !source.exists() {
        eprintln!("skipped: {} absent", source.display());
        return;
    }
    // Every collection but `_combined_perf`, which holds the others again in one JSONL for
    // performance work. Files no reader handles are reported and the rest goes on: exit 0 or 1.
    let mut sources: Vec<PathBuf> = std::fs::read_dir(&source)
        .expect("contributions")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.ends_with("_combined_perf"))
        .collect();
    sources.sort();
    let (out, result) = run_pipeline("contributions", &sources, None);
    assert!(
        matches!(result.status.code(), Some(0 | 1)),
        "{}",
        describe(&["run"], &result)
    );
    check_contract(&out);
    let index = out.join("index");
    let index = index.to_str().expect("utf-8 path");
    let table: Value =
        serde_json::from_slice(&run_ok(&["themes", "--index", index, "--json"], &root()).stdout)
            .expect("JSON");
    assert!(
        table["passages"].as_u64() > Some(1_000),
        "{}",
        table["passages"]
    );
    let digital = table["rows"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["id"] == "digital").cloned())
        .expect("digital row");
    // The NETmundial submissions are about Internet governance and say which sector they speak for.
    assert!(digital["passages"].as_u64() > Some(100), "{digital}");
    assert!(
        digital["by_group"]["civil_society"]["count"].as_u64() > Some(10),
        "{digital}"
    );
    assert!(
        digital["by_group"]["government"]["count"].as_u64() > Some(10),
        "{digital}"
    );
    let suggest = run_ok(&["suggest", "--index", index, "--json"], &root());
    let found: Vec<Value> = String::from_utf8_lossy(&suggest.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(found.len(), 30);
    assert!(
        found
            .iter()
            .all(|s| s["examples"].as_array().is_some_and(|e| !e.is_empty()))
    );
    let documents = std::fs::read_to_string(out.join("documents.jsonl")).expect("documents");
    let languages: BTreeSet<String> = documents
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|d| d["meta"]["language"].as_str().map(str::to_string))
        .collect();
    assert!(languages.contains("en"), "{languages:?}");
    // The Decide Madrid comments, when a reader reads them, are Spanish and untagged by theme.
    let spanish: BTreeSet<String> = documents
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|d| d["meta"]["language"] == "es")
        .filter_map(|d| d["id"].as_str().map(str::to_string))
        .collect();
    if documents.contains("decide-madrid") {
        assert!(spanish.len() > 1_000, "{} Spanish documents", spanish.len());
    }
    let passages = std::fs::read_to_string(out.join("passages.jsonl")).expect("passages");
    for line in passages.lines() {
        let p: Value = serde_json::from_str(line).expect("JSON line");
        if p["doc"].as_str().is_some_and(|d| spanish.contains(d)) {
            assert_eq!(p["themes"], Value::Array(Vec::new()), "{}", p["id"]);
        }
    }
}
