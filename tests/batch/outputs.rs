//! What a run may replace in its output folder, and when: never what rapporteur did not write,
//! outputs switched off removed with the others, outputs that fail verification never put into
//! place, and nothing left behind by a run killed while its outputs were put into place.

use super::*;

/// Every entry under `dir`, the state folder included (relative path → bytes; folders as
/// empty entries).
fn everything(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, d: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(d).expect("dir") {
            let p = e.expect("entry").path();
            let rel = p.strip_prefix(base).expect("inside").to_path_buf();
            if p.is_dir() {
                out.insert(rel, Vec::new());
                walk(base, &p, out);
            } else {
                out.insert(rel, std::fs::read(&p).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A tantivy index with another schema than rapporteur's, in `dir`.
fn foreign_index(dir: &Path) {
    std::fs::create_dir_all(dir).expect("dir");
    let mut schema = tantivy::schema::Schema::builder();
    schema.add_text_field("body", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(dir, schema.build()).expect("foreign index");
}

/// Runs the pipeline of `dir` and asserts that it refused (exit 2) naming `path`, and that
/// `out` is as it was.
fn refused(dir: &Path, extra: &[&str], path: &str) {
    let out = dir.join("out");
    let before = everything(&out);
    let mut args = vec!["run", "pipeline.toml", "--quiet"];
    args.extend_from_slice(extra);
    let ran = rapporteur(&args, dir);
    assert_eq!(ran.status.code(), Some(2), "{}", describe(&args, &ran));
    let stderr = String::from_utf8_lossy(&ran.stderr);
    assert!(
        stderr.contains(path) && stderr.contains("rapporteur did not write"),
        "{path}: {stderr}"
    );
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    assert!(
        everything(&out) == before,
        "{path}: a refused run changed {}: {:?}",
        out.display(),
        everything(&out).keys().collect::<Vec<_>>()
    );
}

#[test]
fn a_run_never_replaces_what_rapporteur_did_not_write() {
    let dir = scratch("foreign", "");
    let out = dir.join("out");
    // A fresh output folder holding another program's index, with a user's file in it.
    foreign_index(&out.join("index"));
    std::fs::write(out.join("index/precious.txt"), "precious\n").expect("w");
    refused(&dir, &[], "out/index");
    assert!(!out.join(".rapporteur").exists());

    // A user's file where a file output goes.
    std::fs::remove_dir_all(out.join("index")).expect("rm");
    std::fs::write(out.join("outline.md"), "my notes\n").expect("w");
    refused(&dir, &[], "out/outline.md");

    // Its own outputs a run replaces, but not a file put inside its index.
    std::fs::remove_file(out.join("outline.md")).expect("rm");
    run_ok(&dir, &["--quiet"]);
    std::fs::write(out.join("index/precious.txt"), "precious\n").expect("w");
    refused(&dir, &["--full"], "precious.txt");
    std::fs::remove_file(out.join("index/precious.txt")).expect("rm");

    // Nor a file where an output it did not write last time goes (switched off since).
    std::fs::write(
        dir.join("pipeline.toml"),
        "sources = [\"corpus\"]\noutput = \"out\"\n[outputs]\nreport_html = false\n",
    )
    .expect("pipeline");
    run_ok(&dir, &["--quiet"]);
    assert!(!out.join("report.html").exists());
    std::fs::write(out.join("report.html"), "<p>mine</p>\n").expect("w");
    refused(&dir, &["--full"], "out/report.html");
    std::fs::remove_file(out.join("report.html")).expect("rm");

    // An output folder of a build that kept no record of its outputs, whose last run
    // completed, is its own.
    std::fs::remove_file(out.join(".rapporteur/outputs.json")).expect("record");
    run_ok(&dir, &["--quiet", "--full"]);
}

/// The folders of old outputs a commit moves aside (`.replaced-…`), wherever they are.
fn moved_aside(out: &Path) -> Vec<PathBuf> {
    [out.to_path_buf(), out.join(".rapporteur")]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains("replaced-"))
        })
        .collect()
}

#[test]
fn a_run_killed_while_putting_its_outputs_into_place_leaves_nothing_behind() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: failure points are compiled into debug builds only");
        return;
    }
    let dir = scratch("killed-commit", "");
    let out = dir.join("out");
    run_ok(&dir, &["--quiet"]);
    std::fs::write(
        dir.join("corpus/new.txt"),
        "Governments should publish every draft. Trust follows.\n",
    )
    .expect("w");
    // The reference: a run never interrupted, in another output directory.
    std::fs::write(
        dir.join("reference.toml"),
        "name = \"killed-commit\"\nsources = [\"corpus\"]\noutput = \"ref\"\n",
    )
    .expect("pipeline");
    let args = ["run", "reference.toml", "--quiet"];
    let reference = rapporteur(&args, &dir);
    assert!(
        reference.status.success(),
        "{}",
        describe(&args, &reference)
    );
    // Ended at once (no clean-up of any kind) after the first output was put into place.
    let args = ["run", "pipeline.toml", "--quiet"];
    let killed = bin()
        .args(args)
        .current_dir(&dir)
        .env("RAPPORTEUR_FAIL", "commit:exit")
        .output()
        .expect("run");
    assert_eq!(
        killed.status.code(),
        Some(137),
        "{}",
        describe(&args, &killed)
    );
    assert!(
        !moved_aside(&out).is_empty(),
        "the kill left no old outputs aside"
    );
    // The next run clears them and completes the outputs.
    run_ok(&dir, &["--quiet"]);
    assert_eq!(moved_aside(&out), Vec::<PathBuf>::new());
    assert!(
        stable(&out) == stable(&dir.join("ref")),
        "outputs differ from a clean run"
    );
    assert_eq!(
        search_count(&out.join("index"), "\"publish every draft\""),
        1
    );
    let args = ["verify", "out"];
    let checked = rapporteur(&args, &dir);
    assert!(checked.status.success(), "{}", describe(&args, &checked));
    // Left by an older build in the output folder itself: cleared, even by a run with nothing
    // to do.
    std::fs::create_dir_all(out.join(".replaced-Ab12Cd/index")).expect("plant");
    std::fs::write(out.join(".replaced-Ab12Cd/index/meta.json"), "{}").expect("plant");
    let quiet = run_ok(&dir, &[]);
    assert!(String::from_utf8_lossy(&quiet.stdout).contains("nothing changed"));
    assert_eq!(moved_aside(&out), Vec::<PathBuf>::new());
}

#[test]
fn an_output_switched_off_leaves_with_the_others() {
    let dir = scratch("switched-off", "");
    let out = dir.join("out");
    run_ok(&dir, &["--quiet"]);
    assert!(search_count(&out.join("index"), "trust") > 0);
    std::fs::write(
        dir.join("pipeline.toml"),
        "sources = [\"corpus\"]\noutput = \"out\"\n[outputs]\nindex = false\noutline_md = false\n",
    )
    .expect("pipeline");
    std::fs::write(
        dir.join("corpus/new.txt"),
        "Governments should publish every draft. Trust follows.\n",
    )
    .expect("w");
    if cfg!(debug_assertions) {
        // All or none: a run that fails putting its outputs into place keeps the old index.
        let args = ["run", "pipeline.toml", "--quiet"];
        let failed = bin()
            .args(args)
            .current_dir(&dir)
            .env("RAPPORTEUR_FAIL", "commit")
            .output()
            .expect("run");
        assert_eq!(
            failed.status.code(),
            Some(2),
            "{}",
            describe(&args, &failed)
        );
        assert!(search_count(&out.join("index"), "trust") > 0);
        assert!(out.join("outline.md").exists());
    }
    run_ok(&dir, &["--quiet"]);
    assert!(!out.join("index").exists(), "the old index stayed");
    assert!(!out.join("outline.md").exists());
    let searched = bin()
        .args(["search", "draft", "--index"])
        .arg(out.join("index"))
        .output()
        .expect("search");
    assert_eq!(searched.status.code(), Some(2));
    assert!(
        passage_texts(&out)
            .iter()
            .any(|t| t.contains("publish every draft"))
    );
}

#[test]
fn outputs_that_fail_verification_are_not_put_into_place() {
    let dir = scratch("mismatch", "");
    let out = dir.join("out");
    run_ok(&dir, &["--quiet"]);
    let before = snapshot(&out);
    // A damaged cache: its documents no longer say what their sources say (the same bytes in
    // upper case, so every span still holds). The next run takes them from the cache, and
    // verification finds its quotes differ from the sources read again.
    for e in std::fs::read_dir(out.join(".rapporteur/cache")).expect("cache") {
        let path = e.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("entry");
        let mut lines: Vec<String> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if n == 0 {
                lines.push(line.to_string());
                continue;
            }
            let mut record: Value = serde_json::from_str(line).expect("record");
            let upper = |v: &mut Value| {
                if let Some(t) = v.as_str() {
                    *v = Value::from(t.to_ascii_uppercase());
                }
            };
            upper(&mut record["document"]["text"]);
            for p in record["passages"].as_array_mut().expect("passages") {
                upper(&mut p["text"]);
            }
            lines.push(record.to_string());
        }
        std::fs::write(&path, lines.join("\n") + "\n").expect("damage");
    }
    std::fs::write(
        dir.join("corpus/new.txt"),
        "Governments should publish every draft. Trust follows.\n",
    )
    .expect("w");
    let args = ["run", "pipeline.toml"];
    let ran = rapporteur(&args, &dir);
    assert_eq!(ran.status.code(), Some(1), "{}", describe(&args, &ran));
    let stderr = String::from_utf8_lossy(&ran.stderr);
    assert!(stderr.contains("MISMATCH"), "{stderr}");
    assert!(stderr.contains("not put into place"), "{stderr}");
    assert!(
        snapshot(&out) == before,
        "outputs that failed verification replaced the previous ones"
    );
    let args = ["verify", "out"];
    let checked = rapporteur(&args, &dir);
    assert!(checked.status.success(), "{}", describe(&args, &checked));
    // Re-read without the cache, the outputs verify and are put into place.
    run_ok(&dir, &["--quiet", "--full"]);
    assert_eq!(
        search_count(&out.join("index"), "\"publish every draft\""),
        1
    );
}
