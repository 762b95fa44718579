//! End-to-end tests: the real `rapporteur` binary on the demo corpus (`corpora/seeds`), checked
//! the way a user would check the outputs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

mod common;
use common::{describe, rapporteur, root, run_ok, shared, write_pipeline};

/// One `rapporteur run` of the demo corpus into a scratch directory, shared by the tests.
fn seeds_run() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("seeds-run");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        write_pipeline(&dir, &dir.join("out"));
        run_ok(&["run", "pipeline.toml"], &dir);
        dir.join("out")
    })
}

fn jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("output exists")
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

fn passages() -> Vec<Value> {
    jsonl(&seeds_run().join("passages.jsonl"))
}

fn docs() -> BTreeMap<String, String> {
    jsonl(&seeds_run().join("documents.jsonl"))
        .into_iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap_or_default().to_string(),
                d["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn of_doc<'a>(ps: &'a [Value], prefix: &str) -> Vec<&'a Value> {
    ps.iter()
        .filter(|p| p["doc"].as_str().is_some_and(|d| d.starts_with(prefix)))
        .collect()
}

#[test]
fn run_writes_every_output_of_the_contract() {
    let out = seeds_run();
    for name in [
        "documents.jsonl",
        "passages.jsonl",
        "participants.json",
        "index",
        "outline.json",
        "outline.md",
        "run.json",
    ] {
        assert!(out.join(name).exists(), "missing {name}");
    }
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("run.json")).expect("run.json"))
            .expect("JSON");
    assert_eq!(report["counts"]["documents"], 5);
    assert_eq!(report["inputs"].as_array().map(Vec::len), Some(5));
}

#[test]
fn every_passage_and_span_is_its_byte_span_of_the_document() {
    let docs = docs();
    for p in passages() {
        let text = &docs[p["doc"].as_str().expect("doc")];
        let span = |v: &Value| {
            let (s, e) = (
                v["start"].as_u64().expect("start"),
                v["end"].as_u64().expect("end"),
            );
            text.get(s as usize..e as usize)
                .expect("span on char boundaries")
                .to_string()
        };
        assert_eq!(
            span(&p),
            p["text"].as_str().expect("text"),
            "passage {}",
            p["id"]
        );
        for r in p["recommendations"].as_array().into_iter().flatten() {
            assert_eq!(
                span(r),
                r["text"].as_str().expect("text"),
                "recommendation in {}",
                p["id"]
            );
        }
        for q in p["questions"].as_array().into_iter().flatten() {
            assert_eq!(
                span(q),
                q["text"].as_str().expect("text"),
                "question in {}",
                p["id"]
            );
        }
        if p["anchor"].is_object() {
            assert_eq!(
                span(&p["anchor"]),
                p["anchor"]["text"].as_str().expect("text")
            );
        }
    }
}

#[test]
fn check_contract_passes_on_the_demo_outputs() {
    let tool = shared().join("tools/check-contract");
    if !tool.exists() {
        eprintln!(
            "skipped: {} is absent (run beside ../shared to check the contract)",
            tool.display()
        );
        return;
    }
    let out = Command::new("python3")
        .arg(&tool)
        .arg(seeds_run())
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "check-contract failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!stdout.contains("FAIL"), "{stdout}");
}

#[test]
fn seed_001_has_its_45_comments_by_their_four_authors() {
    let ps = passages();
    let draft = of_doc(&ps, "seeds/001_");
    let comments: Vec<_> = draft.iter().filter(|p| p["kind"] == "comment").collect();
    assert_eq!(comments.len(), 45);
    let mut by_author: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &comments {
        assert_eq!(c["speaker"]["how"], "comment");
        *by_author
            .entry(c["speaker"]["name"].as_str().expect("author"))
            .or_default() += 1;
        let anchor = c["anchor"]["text"]
            .as_str()
            .expect("every comment has an anchor");
        assert!(
            draft
                .iter()
                .any(|p| p["kind"] != "comment" && p["text"] == anchor),
            "the anchor of {} is a body passage",
            c["id"]
        );
    }
    let want = BTreeMap::from([
        ("Avri doria", 18),
        ("Bill Graham", 13),
        ("Constance Bommelaer", 5),
        ("John Laprise", 9),
    ]);
    assert_eq!(by_author, want);
    // Spot checks, read off the file: a comment's full text, and the multi-paragraph one.
    assert!(
        comments
            .iter()
            .any(|c| c["text"] == "Where does this quote end?"
                && c["speaker"]["name"] == "Avri doria")
    );
    assert!(comments.iter().any(|c| {
        c["text"].as_str().is_some_and(|t| {
            t.starts_with("Might as well admit")
                && t.ends_with("confounding stakeholders with stakeholder gorupings.")
        })
    }));
    for p in draft.iter().filter(|p| p["kind"] != "comment") {
        let t = p["text"].as_str().unwrap_or_default();
        assert!(
            !t.contains("Comment by"),
            "comment text left in body passage {}: {t}",
            p["id"]
        );
        assert!(
            !t.contains('\t'),
            "comment run left in body passage {}",
            p["id"]
        );
    }
}

#[test]
fn seed_004_speakers_are_its_four_participants() {
    let out = seeds_run();
    let participants: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(out.join("participants.json")).expect("participants.json"),
    )
    .expect("JSON");
    let find = |name: &str| {
        participants
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name} is a participant: {participants:#?}"))
    };
    for (name, role, org) in [
        ("Anne-Marie Buzatu", "Deputy Head of Operations IV", "DCAF"),
        (
            "Andy Orsmond",
            "Executive Director",
            "International Code of Conduct Association",
        ),
        (
            "Michel Quillé",
            "Vice-President",
            "International Forum on Technologies and Security",
        ),
        ("Michele Woods", "Director, Copyright Law Division", "WIPO"),
    ] {
        let p = find(name);
        assert_eq!(p["role"], role, "{name}");
        assert_eq!(p["organisation"], org, "{name}");
    }
    assert!(
        participants.iter().all(|p| p["name"] != "Michelle Woods"),
        "Michelle Woods is Michele Woods"
    );
    assert_eq!(find("Michele Woods")["group"], "intergovernmental");

    // Each "Lessons learned" bullet goes to the person in its parentheses.
    let ps = passages();
    let lessons: Vec<_> = of_doc(&ps, "seeds/004_")
        .into_iter()
        .filter(|p| p["kind"] == "bullet" && p["section"].to_string().contains("Lessons learned:"))
        .collect();
    assert_eq!(lessons.len(), 7);
    let want = [
        "Andy Orsmond",
        "Michel Quillé",
        "Michele Woods",
        "Andy Orsmond",
        "Andy Orsmond",
        "Andy Orsmond",
        "Michel Quillé",
    ];
    for (p, name) in lessons.iter().zip(want) {
        assert_eq!(p["speaker"]["name"], name, "{}", p["text"]);
        assert_eq!(p["speaker"]["how"], "parenthetical");
    }
    // Narrative paragraphs: "Woods was asked …" is Michele Woods's.
    let woods: Vec<_> = of_doc(&ps, "seeds/004_")
        .into_iter()
        .filter(|p| {
            p["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("Woods was asked"))
        })
        .collect();
    assert_eq!(woods.len(), 2);
    assert!(
        woods
            .iter()
            .all(|p| p["speaker"]["name"] == "Michele Woods")
    );
}

#[test]
fn seed_000_anonymous_contributors_stay_anonymous() {
    let ps = passages();
    let p = of_doc(&ps, "seeds/000_")
        .into_iter()
        .find(|p| {
            p["text"]
                .as_str()
                .is_some_and(|t| t.contains("as one contributor noted"))
        })
        .expect("the paragraph with 'as one contributor noted'");
    assert_eq!(p["speaker"]["anonymous"], true);
    assert!(p["speaker"]["name"].is_null());
}

#[test]
fn page_chrome_never_becomes_a_passage() {
    let ps = passages();
    for p in &ps {
        let t = p["text"].as_str().unwrap_or_default();
        for chrome in [
            "Dokkio",
            "you may not use this service",
            "Page history last edited",
            "Comments (0)",
            "permission to comment",
            "Copyright ©",
            "Tel: +",
            ".....",
        ] {
            assert!(
                !t.contains(chrome),
                "chrome {chrome:?} in passage {}: {t}",
                p["id"]
            );
        }
    }
    // The table of contents of seed 000 lists "Executive Summary\t2"; the heading itself stays.
    let headings: Vec<_> = of_doc(&ps, "seeds/000_")
        .into_iter()
        .filter(|p| p["text"] == "Executive Summary")
        .collect();
    assert_eq!(headings.len(), 1);
    assert_eq!(headings[0]["kind"], "heading");
}

#[test]
fn a_sentence_broken_by_a_page_break_is_one_passage() {
    let ps = passages();
    let p = of_doc(&ps, "seeds/000_")
        .into_iter()
        .find(|p| {
            p["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("Private industry has begun"))
        })
        .expect("the paragraph");
    let t = p["text"].as_str().unwrap_or_default();
    assert!(t.contains("\n\ncan often provide states"), "{t}");
}

#[test]
fn search_finds_trust_with_snippets_speakers_and_sources() {
    let index = seeds_run().join("index");
    let idx = index.to_str().expect("utf-8 path");
    let out = run_ok(&["search", "trust", "--index", idx, "--json"], &root());
    let hits: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(hits.len() >= 5, "{hits:?}");
    for h in &hits {
        let snippet = &h["snippet"];
        let text = snippet["text"].as_str().expect("snippet text");
        let marked: Vec<String> = snippet["highlights"]
            .as_array()
            .expect("highlights")
            .iter()
            .map(|r| {
                text[r[0].as_u64().unwrap_or(0) as usize..r[1].as_u64().unwrap_or(0) as usize]
                    .to_lowercase()
            })
            .collect();
        assert!(marked.iter().any(|m| m.starts_with("trust")), "{h}");
    }
    let text = run_ok(
        &["search", "trust", "--index", idx, "--limit", "3"],
        &root(),
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("**trust"), "{text}");
    assert!(text.contains("passages match"), "{text}");
}

#[test]
fn search_stems_filters_and_explains_bad_queries() {
    let index = seeds_run().join("index");
    let idx = index.to_str().expect("utf-8 path");
    // "consultations" finds the singular.
    let out = run_ok(
        &["search", "consultations", "--index", idx, "--json"],
        &root(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.lines().any(|l| l.contains("onsultation")),
        "{stdout}"
    );
    // Comments by one reviewer.
    let args = [
        "search",
        "stakeholders",
        "--index",
        idx,
        "--kind",
        "comment",
        "--speaker",
        "Avri doria",
        "--json",
    ];
    let out = run_ok(&args, &root());
    let hits: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(!hits.is_empty(), "{}", describe(&args, &out));
    assert!(
        hits.iter()
            .all(|h| h["kind"] == "comment" && h["speaker"]["name"] == "Avri doria")
    );
    // A phrase.
    let out = run_ok(
        &["search", "\"rough consensus\"", "--index", idx, "--json"],
        &root(),
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .to_lowercase()
            .contains("rough consensus")
    );
    // A query the parser rejects: one line, exit 2.
    let args = ["search", "trust AND (", "--index", idx];
    let out = rapporteur(&args, &root());
    assert_eq!(out.status.code(), Some(2), "{}", describe(&args, &out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn search_refuses_a_deeply_nested_or_huge_query_with_exit_2() {
    let index = seeds_run().join("index");
    let idx = index.to_str().expect("utf-8 path");
    for (query, says) in [
        (format!("{}trust", "NOT ".repeat(1000)), "1000 groups"),
        (
            format!("{}trust{}", "(".repeat(10_000), ")".repeat(10_000)),
            "20005 bytes",
        ),
    ] {
        let args = ["search", query.as_str(), "--index", idx];
        let out = rapporteur(&args, &root());
        let shown = ["search", &query[..40], "…", "--index", idx];
        assert_eq!(out.status.code(), Some(2), "{}", describe(&shown, &out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with("rapporteur: error: query refused"),
            "{stderr}"
        );
        assert!(stderr.contains(says), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn outline_quotes_are_verbatim_and_attributed() {
    let docs = docs();
    let outline: Value = serde_json::from_str(
        &std::fs::read_to_string(seeds_run().join("outline.json")).expect("outline.json"),
    )
    .expect("JSON");
    let sections = outline["sections"].as_array().expect("sections");
    assert!(sections.len() >= 5, "{outline}");
    let mut quotes = 0;
    for s in sections {
        let qs = s["quotes"].as_array().expect("quotes");
        assert!(!qs.is_empty() && qs.len() <= 3, "section {}", s["id"]);
        for q in qs {
            let text = &docs[q["doc"].as_str().expect("doc")];
            let (a, b) = (
                q["start"].as_u64().expect("start") as usize,
                q["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(text.get(a..b), q["text"].as_str(), "quote {q}");
            assert!(q["attribution"].as_str().is_some_and(|a| !a.is_empty()));
            quotes += 1;
        }
    }
    assert!(quotes >= 10);
    // The same outline from the index alone, as Markdown.
    let index = seeds_run().join("index");
    let out = run_ok(
        &[
            "outline",
            "--index",
            index.to_str().expect("path"),
            "--format",
            "md",
        ],
        &root(),
    );
    let md = String::from_utf8_lossy(&out.stdout);
    let on_disk = std::fs::read_to_string(seeds_run().join("outline.md")).expect("outline.md");
    assert_eq!(md, on_disk);
    assert!(md.starts_with("# "));
}

#[test]
fn outputs_do_not_depend_on_the_thread_count() {
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("threads");
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let dir = base.join(threads);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        write_pipeline(&dir, &dir.join("out"));
        let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
            .args(["run", "pipeline.toml", "--quiet"])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(&dir)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{}", describe(&["run"], &out));
        let read = |n: &str| std::fs::read(dir.join("out").join(n)).expect("output");
        outputs.push(
            [
                "documents.jsonl",
                "passages.jsonl",
                "participants.json",
                "outline.json",
                "outline.md",
            ]
            .map(read),
        );
    }
    assert!(
        outputs[0] == outputs[1],
        "outputs differ between 1 and 2 threads"
    );
}

#[test]
fn unsupported_and_broken_files_are_clear_errors_and_the_run_goes_on() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("broken");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).expect("dir");
    std::fs::write(dir.join("in/report.pdf"), b"%PDF-1.4 binary").expect("write");
    std::fs::write(dir.join("in/blob.txt"), b"\x00\x01\x02binary").expect("write");
    std::fs::write(dir.join("in/empty.txt"), b"").expect("write");
    std::fs::write(
        dir.join("in/cp1252.txt"),
        b"Caf\xe9 society needs \x93trust\x94.\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("in/ok.md"),
        b"# Notes\n\n- Governments should build trust.\n",
    )
    .expect("write");
    let args = ["ingest", "in", "--out", "out"];
    let out = rapporteur(&args, &dir);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&args, &out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: in/report.pdf: skipped: no reader for this format"),
        "a file of another format inside a directory is skipped with a warning: {stderr}"
    );
    assert!(stderr.contains("blob.txt: binary file"), "{stderr}");
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let docs = jsonl(&dir.join("out/documents.jsonl"));
    let ids: Vec<_> = docs
        .iter()
        .map(|d| d["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["in/cp1252", "in/ok"]);
    assert_eq!(docs[0]["text"], "Café society needs “trust”.\n");

    // Named explicitly, a file no reader takes is an error.
    let args = ["ingest", "in/report.pdf", "in/ok.md", "--out", "out2"];
    let out = rapporteur(&args, &dir);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&args, &out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("in/report.pdf: unsupported format '.pdf'"),
        "{stderr}"
    );
}

#[test]
fn a_broken_pipeline_file_is_reported_with_line_and_column() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bad-pipeline");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("p.toml"),
        "sources = [\"x\"]\noutput = \"o\"\nsorces = 3\n",
    )
    .expect("write");
    let out = rapporteur(&["run", "p.toml"], &dir);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("p.toml:3:1"), "{stderr}");
    assert!(stderr.contains("sorces"), "{stderr}");
}

/// Two written submissions: a company that declared "Government" (as regulations.gov exports
/// have), and a growers' cooperative no built-in rule knows, which the pipeline's own
/// organisation rules name.
fn submissions_with_our_rules(dir: &Path, rules: &str) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("src")).expect("dir");
    let submission = |org: &str, sector: Option<&str>, who: &str| {
        format!(
            "PROPOSAL\nArea: ROADMAP\nEntitled by: {who}\nRegion: Nowhere\nOrganization: {org}\n{}Keywords: trust\nAbstract\nTrust takes time.\nDocument\nGovernments should publish their drafts.\n",
            sector.map_or_else(String::new, |s| format!("Sector: {s}\n"))
        )
    };
    std::fs::write(
        dir.join("src/001A.txt"),
        submission("Harbor Data Systems, Inc.", Some("Government"), "Jane Roe"),
    )
    .expect("write");
    std::fs::write(
        dir.join("src/002A.txt"),
        submission("Kestrel Valley Growers", None, "John Doe"),
    )
    .expect("write");
    std::fs::write(dir.join("ours.toml"), rules).expect("write");
    std::fs::write(
        dir.join("p.toml"),
        "sources = [{ paths = [\"src\"], format = \"submission\" }]\ngroups = \"ours.toml\"\noutput = \"out\"\n",
    )
    .expect("write");
}

#[test]
fn a_pipelines_organisation_rules_name_our_sectors_organisations_and_mismatches_are_flagged() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("our-groups");
    submissions_with_our_rules(
        &dir,
        "# Our sector's organisations.\n[[known]]\ngroup = \"business\"\nnames = [\"Kestrel Valley\"]\n",
    );
    let checked = run_ok(&["check", "p.toml"], &dir);
    let text = String::from_utf8_lossy(&checked.stdout);
    assert!(
        text.contains("organisation rules: ours.toml (before the built-in ones)"),
        "{text}"
    );
    run_ok(&["run", "-q", "p.toml"], &dir);
    let people: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("out/participants.json")).expect("participants.json"),
    )
    .expect("JSON");
    let person = |name: &str| {
        people
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name}: {people:#?}"))
    };
    // The pipeline's rules name the cooperative, with their evidence.
    let john = person("John Doe");
    assert_eq!(john["group"], "business", "{john}");
    assert_eq!(john["evidence"]["kind"], "known", "{john}");
    assert_eq!(john["evidence"]["term"], "Kestrel Valley", "{john}");
    assert!(john.get("mismatch").is_none(), "{john}");
    // The declared group is kept, and the legal form that contradicts it is flagged.
    let jane = person("Jane Roe");
    assert_eq!(jane["group"], "government", "{jane}");
    assert_eq!(jane["evidence"]["kind"], "sector", "{jane}");
    assert_eq!(jane["mismatch"]["group"], "business", "{jane}");
    assert_eq!(jane["mismatch"]["evidence"]["kind"], "legal_form", "{jane}");
    assert_eq!(jane["mismatch"]["evidence"]["term"], "Inc.", "{jane}");
    // So does the participants verb, in text and in JSON.
    let listed = run_ok(&["participants", "--index", "out/index"], &dir);
    let table = String::from_utf8_lossy(&listed.stdout);
    assert!(
        table.lines().any(|l| l.starts_with("John Doe")
            && l.contains("business")
            && l.contains("known organisation Kestrel Valley")),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("Jane Roe") && l.contains("government!")),
        "{table}"
    );
    assert!(
        table.contains(
            "mismatch: Jane Roe (Harbor Data Systems, Inc.): declared government (Sector: Government), the name says business (legal form Inc.)"
        ),
        "{table}"
    );
    let listed = run_ok(&["participants", "--json", "--index", "out/index"], &dir);
    let rows: Vec<Value> = serde_json::from_slice(&listed.stdout).expect("JSON");
    let jane = rows
        .iter()
        .find(|p| p["name"] == "Jane Roe")
        .expect("Jane Roe");
    assert_eq!(jane["mismatch"]["group"], "business", "{jane}");
    // Without our rules the cooperative has no group: the file is what names it.
    std::fs::write(
        dir.join("p.toml"),
        "sources = [{ paths = [\"src\"], format = \"submission\" }]\noutput = \"out\"\n",
    )
    .expect("write");
    run_ok(&["run", "-q", "p.toml"], &dir);
    let people: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("out/participants.json")).expect("participants.json"),
    )
    .expect("JSON");
    let john = people
        .iter()
        .find(|p| p["name"] == "John Doe")
        .expect("John Doe");
    assert!(john["group"].is_null(), "{john}");
}

#[test]
fn a_broken_organisation_rules_file_is_reported_with_line_and_column() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bad-groups");
    submissions_with_our_rules(
        &dir,
        "[[known]]\ngroup = \"business\"\nnames = [\"A\"]\n\n[[words]]\ngroup = \"guild\"\nwords = [\"x\"]\n",
    );
    for verb in ["check", "run"] {
        let out = rapporteur(&[verb, "p.toml"], &dir);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}",
            describe(&[verb, "p.toml"], &out)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("ours.toml:6:9: unknown stakeholder group `guild`"),
            "{stderr}"
        );
    }
}
