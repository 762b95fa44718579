//! Outputs and the file system: outputs never read back as inputs, symlink loops, special
//! files, paths that do not depend on the working directory or UTF-8, temporary files that
//! follow no planted link, and a failure part-way that leaves the previous outputs whole.

use super::*;

/// Every file under `out` (relative path → bytes), the state folder and the index (whose
/// segment files have random names) left out, and `run.json` without its timings.
fn outputs_but_timings(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = snapshot(out);
    files.retain(|k, _| !k.starts_with("index"));
    if let Some(bytes) = files.get_mut(Path::new("run.json")) {
        let mut report: Value = serde_json::from_slice(bytes).expect("run.json");
        if let Some(r) = report.as_object_mut() {
            for k in ["timings_ms", "started_unix", "finished_unix"] {
                r.remove(k);
            }
        }
        *bytes = serde_json::to_vec_pretty(&report).expect("JSON");
    }
    files
}

#[test]
fn an_output_inside_a_source_is_never_read_back() {
    let dir = scratch("output-inside", "");
    std::fs::write(
        dir.join("pipeline.toml"),
        "sources = [\".\"]\noutput = \"out\"\n",
    )
    .expect("pipeline");
    let mut counts = Vec::new();
    for _ in 0..3 {
        run_ok(&dir, &["--quiet"]);
        let docs = jsonl(&dir.join("out/documents.jsonl"));
        for d in &docs {
            let path = d["path"].as_str().unwrap_or_default();
            assert!(
                !path.contains("out/"),
                "an output read back as input: {path}"
            );
        }
        counts.push(docs.len());
    }
    assert_eq!(counts, [5, 5, 5], "each run read its own outputs");
    // A source that is the output directory itself is refused before any work.
    std::fs::write(
        dir.join("self.toml"),
        "sources = [\"out\"]\noutput = \"out\"\n",
    )
    .expect("w");
    let out = rapporteur(&["run", "self.toml"], &dir);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&["run"], &out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is the output directory"), "{stderr}");
}

#[test]
fn a_directory_symlink_loop_reads_each_file_once_with_one_warning() {
    let dir = scratch("dir-loop", "");
    let c = dir.join("corpus");
    std::fs::create_dir(c.join("sub")).expect("dir");
    // A link back to an ancestor, and a second name for a file read already.
    std::os::unix::fs::symlink(&c, c.join("sub/up")).expect("link");
    std::os::unix::fs::symlink(c.join("004_c045d1bfa3d696f9.txt"), c.join("same.txt"))
        .expect("link");
    let out = run_ok(&dir, &["--quiet"]);
    let docs = jsonl(&dir.join("out/documents.jsonl"));
    assert_eq!(docs.len(), 5, "{}", describe(&["run"], &out));
    let report = run_report(&dir.join("out"));
    let warnings: Vec<&Value> = report["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter(|w| w["error"].as_str().is_some_and(|e| e.contains("loop")))
        .collect();
    assert_eq!(warnings.len(), 1, "{report}");
    assert!(
        warnings[0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("sub/up")),
        "{report}"
    );
    let outline = std::fs::read_to_string(dir.join("out/outline.json")).expect("outline");
    let outline: Value = serde_json::from_str(&outline).expect("JSON");
    assert_eq!(
        outline["campaigns"],
        serde_json::json!([]),
        "copies made a campaign"
    );
}

#[test]
fn a_fifo_and_a_character_device_are_named_for_what_they_are_and_never_read() {
    let dir = scratch("special", "");
    for fifo in [dir.join("corpus/pipe.txt"), dir.join("direct.fifo")] {
        let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
        assert!(made.success());
    }
    std::fs::write(
        dir.join("pipeline.toml"),
        "sources = [\"corpus\", \"direct.fifo\", \"/dev/zero\"]\noutput = \"out\"\n",
    )
    .expect("pipeline");
    let mut child = bin()
        .args(["run", "pipeline.toml", "--quiet"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let t = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if t.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("the run blocked on a FIFO or read /dev/zero forever");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().expect("output");
    assert_eq!(out.status.code(), Some(1), "{}", describe(&["run"], &out));
    let report = run_report(&dir.join("out"));
    let error_of = |name: &str| {
        report["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .find(|e| e["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .and_then(|e| e["error"].as_str())
            .unwrap_or_else(|| panic!("{name} not reported: {report}"))
            .to_string()
    };
    assert_eq!(error_of("pipe.txt"), "is a FIFO, not a regular file");
    assert_eq!(error_of("direct.fifo"), "is a FIFO, not a regular file");
    assert_eq!(
        error_of("/dev/zero"),
        "is a character device, not a regular file"
    );
    assert_eq!(jsonl(&dir.join("out/documents.jsonl")).len(), 5);
}

#[test]
fn outputs_do_not_depend_on_the_directory_the_pipeline_file_is_named_from() {
    let dir = scratch("cwd", "");
    std::fs::create_dir_all(dir.join("pipelines")).expect("dir");
    std::fs::write(
        dir.join("pipelines/p.toml"),
        "sources = [\"../corpus\"]\noutput = \"../out\"\n",
    )
    .expect("pipeline");
    let absolute = dir.join("pipelines/p.toml").display().to_string();
    let mut seen = Vec::new();
    for (cwd, pipeline) in [
        (dir.clone(), "pipelines/p.toml"),
        (dir.join("pipelines"), "p.toml"),
        (std::env::temp_dir(), absolute.as_str()),
    ] {
        let _ = std::fs::remove_dir_all(dir.join("out"));
        let args = ["run", pipeline, "--quiet"];
        let out = rapporteur(&args, &cwd);
        assert!(out.status.success(), "{}", describe(&args, &out));
        seen.push(outputs_but_timings(&dir.join("out")));
        // `verify` finds the sources again from anywhere.
        for (cwd, out_dir) in [(dir.clone(), "out"), (dir.join("pipelines"), "../out")] {
            let args = ["verify", out_dir];
            let out = rapporteur(&args, &cwd);
            assert!(out.status.success(), "{}", describe(&args, &out));
        }
    }
    for (n, other) in seen.iter().enumerate().skip(1) {
        for (name, bytes) in &seen[0] {
            assert!(
                other.get(name) == Some(bytes),
                "run {n}: {} differs:\n{}\n---\n{}",
                name.display(),
                String::from_utf8_lossy(bytes)
                    .chars()
                    .take(600)
                    .collect::<String>(),
                other
                    .get(name)
                    .map(|b| String::from_utf8_lossy(b)
                        .chars()
                        .take(600)
                        .collect::<String>())
                    .unwrap_or_default()
            );
        }
        assert_eq!(other.len(), seen[0].len());
    }
}

#[test]
fn file_names_that_are_not_utf8_are_kept_and_verify() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("raw-names", "");
    let c = dir.join("corpus");
    let e9 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    let e8 = std::ffi::OsStr::from_bytes(b"caf\xe8.txt");
    std::fs::write(
        c.join(e9),
        "Governments must publish every draft of the charter.\n",
    )
    .expect("w");
    std::fs::write(
        c.join(e8),
        "Civil society asks for a longer comment period.\n",
    )
    .expect("w");
    let out = run_ok(&dir, &["--quiet"]);
    let report = run_report(&dir.join("out"));
    assert_eq!(
        report["verify"]["mismatches"],
        serde_json::json!([]),
        "{}",
        describe(&["run"], &out)
    );
    let docs = jsonl(&dir.join("out/documents.jsonl"));
    assert_eq!(docs.len(), 7);
    let texts: Vec<&str> = docs.iter().filter_map(|d| d["text"].as_str()).collect();
    assert!(texts.contains(&"Governments must publish every draft of the charter.\n"));
    assert!(texts.contains(&"Civil society asks for a longer comment period.\n"));
    let out = run_ok(&dir, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("nothing changed"), "{stdout}");
    let args = ["verify", "out"];
    let out = rapporteur(&args, &dir);
    assert!(out.status.success(), "{}", describe(&args, &out));
}

#[test]
fn planted_symlinks_at_temporary_names_are_never_followed() {
    let dir = scratch("symlinks", "");
    run_ok(&dir, &["--quiet"]);
    let out = dir.join("out");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious\n").expect("w");
    let mut planted: Vec<PathBuf> = [
        "documents.jsonl.tmp",
        "passages.jsonl.tmp",
        "participants.json.tmp",
        "outline.json.tmp",
        "outline.md.tmp",
        "report.html.tmp",
        "run.json.tmp",
        ".rapporteur/manifest.json.tmp",
        ".rapporteur/stream-docinfo.jsonl.tmp",
        ".rapporteur/stream-passages.jsonl.tmp",
    ]
    .iter()
    .map(|n| out.join(n))
    .collect();
    for e in std::fs::read_dir(out.join(".rapporteur/cache")).expect("cache") {
        let p = e.expect("entry").path();
        planted.push(p.with_extension("jsonl.tmp"));
    }
    for p in &planted {
        std::os::unix::fs::symlink(&victim, p).expect("plant");
    }
    // An output that is a link now: after the run it is a file of its own.
    std::fs::remove_file(out.join("outline.md")).expect("rm");
    std::os::unix::fs::symlink(&victim, out.join("outline.md")).expect("plant");
    run_ok(&dir, &["--quiet", "--full"]);
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "precious\n",
        "a run wrote through a planted link"
    );
    for name in STABLE.iter().chain(&["run.json"]) {
        let meta = std::fs::symlink_metadata(out.join(name)).expect("output");
        assert!(meta.file_type().is_file(), "{name} is not a regular file");
    }
}

#[test]
fn a_failure_while_writing_the_outputs_leaves_the_previous_complete_set() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: failure points are compiled into debug builds only");
        return;
    }
    let dir = scratch("fail-commit", "");
    run_ok(&dir, &["--quiet"]);
    let out = dir.join("out");
    let before = snapshot(&out);
    let reference = stable(&out);
    // A new input, so that the next run's outputs differ from these in every file.
    std::fs::write(
        dir.join("corpus/new.txt"),
        "Governments should publish every draft. Trust follows.\n",
    )
    .expect("w");
    for point in ["index-commit", "outline", "commit"] {
        let args = ["run", "pipeline.toml", "--quiet"];
        let failed = bin()
            .args(args)
            .current_dir(&dir)
            .env("RAPPORTEUR_FAIL", point)
            .output()
            .expect("run");
        assert_eq!(
            failed.status.code(),
            Some(2),
            "{}",
            describe(&args, &failed)
        );
        let stderr = String::from_utf8_lossy(&failed.stderr);
        assert!(stderr.contains("injected failure"), "{point}: {stderr}");
        assert!(
            snapshot(&out) == before,
            "{point}: the failed run changed the previous outputs"
        );
        assert_eq!(
            search_count(&out.join("index"), "\"publish every draft\""),
            0
        );
        let args = ["verify", "out"];
        let checked = rapporteur(&args, &dir);
        assert!(
            checked.status.success(),
            "{point}: {}",
            describe(&args, &checked)
        );
        let left: Vec<String> = std::fs::read_dir(out.join(".rapporteur"))
            .expect("state")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            // The state a run keeps: the cache, the manifest, the record of its outputs.
            .filter(|n| !["cache", "manifest.json", "outputs.json"].contains(&n.as_str()))
            .collect();
        assert!(left.is_empty(), "{point}: left behind: {left:?}");
    }
    // The next run completes the work.
    run_ok(&dir, &["--quiet"]);
    assert!(stable(&out) != reference);
    assert_eq!(
        search_count(&out.join("index"), "\"publish every draft\""),
        1
    );
}

#[test]
fn index_puts_its_scratch_files_beside_the_index_and_removes_them() {
    let dir = scratch("index-scratch", "");
    // A $TMPDIR where nothing can be created: a large corpus must not fill a small /tmp, so
    // the scratch files go beside the index, on its file system.
    let tmpdir = dir.join("no-such-folder");
    let args = ["index", "corpus", "--index", "indexes/seeds"];
    let out = bin()
        .args(args)
        .current_dir(&dir)
        .env("TMPDIR", &tmpdir)
        .output()
        .expect("index");
    assert!(out.status.success(), "{}", describe(&args, &out));
    assert!(!tmpdir.exists());
    let left: Vec<String> = std::fs::read_dir(dir.join("indexes"))
        .expect("indexes")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["seeds"], "scratch files left beside the index");
    assert!(search_count(&dir.join("indexes/seeds"), "trust") > 0);
}

#[test]
fn ingest_jsonl_names_documents_as_run_does_however_the_path_is_typed() {
    let dir = scratch("stream-ids", "");
    let ids = |lines: &[Value]| -> Vec<(String, String)> {
        lines
            .iter()
            .map(|p| (p["doc"].to_string(), p["id"].to_string()))
            .collect()
    };
    let args = ["ingest", "corpus", "--out", "x"];
    let out = rapporteur(&args, &dir);
    assert!(out.status.success(), "{}", describe(&args, &out));
    let want = ids(&jsonl(&dir.join("x/passages.jsonl")));
    assert!(
        want.iter()
            .any(|(d, _)| d == "\"corpus/004_c045d1bfa3d696f9\"")
    );
    let absolute = dir.join("corpus").display().to_string();
    let stream = |args: &[&str], stdin: &str| {
        let mut child = bin()
            .args(args)
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("w");
        let out = child.wait_with_output().expect("output");
        assert!(out.status.success(), "{}", describe(args, &out));
        let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON"))
            .collect();
        ids(&lines)
    };
    let same = |got: Vec<(String, String)>, what: &str| {
        assert!(
            got == want,
            "{what}: {} passages, first {:?}; `ingest --out`: {}, first {:?}",
            got.len(),
            got.first(),
            want.len(),
            want.first()
        );
    };
    for path in ["corpus", absolute.as_str()] {
        same(stream(&["ingest", path, "--jsonl"], ""), path);
        // A path read from standard input is named as the same path given as an argument.
        same(
            stream(&["ingest", "--jsonl"], &format!("{path}\n")),
            &format!("stdin: {path}"),
        );
    }
}
