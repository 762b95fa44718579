//! `rapporteur run` and `rapporteur ingest`.
//!
//! A run: validate the pipeline file → lock the output directory → refuse sources inside it →
//! refuse an output directory where an output's name is taken by something rapporteur did not
//! write (before anything is created) → remove what killed runs left → list the inputs (never
//! walking the output directory) and hash them → if nothing changed since the last complete
//! run, say so and touch nothing → else ingest (inputs unchanged since they were cached come
//! from the cache; the others are read once, and cached under the hash of the bytes read) into
//! a private stage folder, where the index, the outline and `run.json` are written too, verify
//! the staged outline against the sources — outputs that fail are not put into place — then
//! forget the last run's manifest, put every output into place together and remove those no
//! longer wanted (all or none) and record the manifest last. A failure before the outputs are
//! put into place leaves the last complete set as it was; killed at any moment, a run loses
//! nothing it finished, and the next run completes the work.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::Context;
use rapporteur::index::{self as index_mod, IndexBuilder};
use rapporteur::pipeline::{self, FileError, FileWarning, IngestSettings, Outputs, Progress};
use rapporteur::store::atomic::{Stage, write_atomic};
use rapporteur::store::cache::{self, Cache, Manifest, ManifestEntry};
use rapporteur::store::lock::OutputLock;
use rapporteur::store::owned;
use rapporteur::synth;
use rapporteur::tag::{Tagger, Taxonomy};
use serde_json::json;

use super::config;
use super::output::{self, errln};
use super::progress::Display;

pub fn load_tagger(taxonomy: Option<&Path>) -> anyhow::Result<Tagger> {
    let tax = match taxonomy {
        Some(p) => Taxonomy::load(p)?,
        None => Taxonomy::default_multistakeholder()?,
    };
    Ok(Tagger::new(tax))
}

fn report_errors(errors: &[FileError]) {
    for e in errors {
        errln!("rapporteur: {}: {}", e.path, e.error);
    }
}

fn report_warnings(warnings: &[FileError]) {
    for w in warnings {
        errln!("rapporteur: warning: {}: {}", w.path, w.error);
    }
}

/// A run's warnings as reported: the files skipped while listing the sources, then what the
/// readers passed over in the files they read ("line 4: not a JSON object …").
fn warnings(skipped: &[FileError], read: &[FileWarning]) -> Vec<FileError> {
    let read = read.iter().map(|w| FileError {
        path: w.path.clone(),
        error: w.warning.to_string(),
    });
    skipped.iter().cloned().chain(read).collect()
}

/// `ingest PATH... --out DIR`: the first three outputs.
pub fn ingest(paths: &[PathBuf], out: &Path, taxonomy: Option<&Path>) -> anyhow::Result<ExitCode> {
    let tagger = load_tagger(taxonomy)?;
    let plain = Arc::new(rapporteur::read::ReadOptions::default());
    let sources: Vec<pipeline::Source> = paths
        .iter()
        .map(|p| pipeline::Source::new(p.clone(), plain.clone()))
        .collect();
    std::fs::create_dir_all(out).with_context(|| format!("cannot write to {}", out.display()))?;
    pipeline::check_outside(&sources, out)?;
    let inputs = pipeline::collect_sources(&sources, Some(out));
    let mut corpus = pipeline::ingest_streaming(
        &inputs.files,
        &tagger,
        IngestSettings::default(),
        Outputs {
            dir: Some(out),
            scratch: out,
            index: None,
        },
    )
    .with_context(|| format!("cannot write outputs to {}", out.display()))?;
    corpus.errors.splice(0..0, inputs.errors);
    report_warnings(&warnings(&inputs.skipped, &corpus.warnings));
    report_errors(&corpus.errors);
    errln!(
        "rapporteur: {} documents, {} passages, {} participants → {}{}",
        corpus.documents,
        corpus.passages,
        corpus.participants.len(),
        out.display(),
        failed_note(corpus.errors.len())
    );
    Ok(exit(&corpus.errors))
}

fn failed_note(errors: usize) -> String {
    match errors {
        0 => String::new(),
        1 => "; 1 file failed".to_string(),
        n => format!("; {n} files failed"),
    }
}

fn exit(errors: &[FileError]) -> ExitCode {
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// How `run` was asked to run.
pub struct RunArgs<'a> {
    pub pipeline: &'a Path,
    pub quiet: bool,
    pub verbose: bool,
    pub full: bool,
}

/// Every output a run may put in its output directory, whichever the pipeline asks for.
const OUTPUTS: [&str; 8] = [
    "documents.jsonl",
    "passages.jsonl",
    "participants.json",
    "index",
    "outline.json",
    "outline.md",
    "report.html",
    "run.json",
];

/// Before a run creates anything in `out`: every output standing there must be rapporteur's
/// (see [`owned`]; the index by what it holds: rapporteur's index and nothing else). Returns
/// the outputs known to be rapporteur's.
fn check_outputs_ours(out: &Path) -> anyhow::Result<std::collections::BTreeSet<String>> {
    index_mod::check_replaceable(&out.join("index"))?;
    let files: Vec<&str> = OUTPUTS.into_iter().filter(|n| *n != "index").collect();
    Ok(owned::check(out, &files)?)
}

/// The outputs of a run, as the "nothing changed" check needs them to exist.
fn expected_outputs(cfg: &config::Pipeline) -> Vec<&'static str> {
    let mut names = vec!["documents.jsonl", "passages.jsonl", "participants.json"];
    if cfg.outputs.index {
        names.push("index/meta.json");
    }
    if cfg.outputs.outline_json {
        names.push("outline.json");
    }
    if cfg.outputs.outline_md {
        names.push("outline.md");
    }
    if cfg.outputs.report_html {
        names.push("report.html");
    }
    names.push("run.json");
    names
}

fn pairs(errors: &[FileError]) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|e| (e.path.clone(), e.error.clone()))
        .collect()
}

fn unpair(pairs: &[(String, String)]) -> Vec<FileError> {
    pairs
        .iter()
        .map(|(path, error)| FileError {
            path: path.clone(),
            error: error.clone(),
        })
        .collect()
}

/// The running executable's size and modification time: a rebuilt rapporteur (whose readers or
/// taggers may have changed) never reuses what an older build cached.
fn binary_identity() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{modified}", m.len())
        })
        .unwrap_or_default()
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `run [PIPELINE] [--full]`.
pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let started_unix = unix_now();
    let cfg = config::load(args.pipeline)?;
    let tagger = load_tagger(cfg.taxonomy.as_deref())?;
    // Every stage reads organisation names with the pipeline's rules.
    if let Some((_, rules)) = &cfg.groups {
        rapporteur::attribute::install_org_rules(rules.clone());
    }
    let out = &cfg.output;
    let _lock = OutputLock::acquire(out)?;
    let sources = cfg.sources();
    pipeline::check_outside(&sources, out)?;
    let owned_before = check_outputs_ours(out).with_context(|| {
        format!(
            "refusing to write to {} (nothing was changed)",
            out.display()
        )
    })?;
    let state = out.join(cache::STATE_DIR);
    Stage::remove_stale(out, &state);
    let inputs = pipeline::collect_sources(&sources, Some(out));
    // What decides each input's documents (the cache's key besides the input's content), and
    // what decides the outputs as a whole (the manifest's).
    let mut settings = cfg.settings.clone();
    settings.insert("binary", binary_identity());
    let cache_fingerprint = cache::fingerprint(&settings);
    settings.insert("outline", format!("{:?}", cfg.outline));
    settings.insert("outputs", format!("{:?}", cfg.outputs));
    let fingerprint = cache::fingerprint(&settings);

    // Hash every input: the manifest says whether anything changed.
    let t = Instant::now();
    let hashed: Vec<ManifestEntry> = {
        use rayon::prelude::*;
        inputs
            .files
            .par_iter()
            .map(|f| manifest_entry(f, pipeline::input_hash(f).ok()))
            .collect()
    };
    let hash_ms = t.elapsed().as_millis();
    if !args.full
        && let Some(last) = Manifest::load(out)
        && last.fingerprint == fingerprint
        && last.inputs == hashed
        && last.errors.iter().all(|(p, _)| {
            // Errors of listing (a missing source) must still hold; files that failed to
            // read are inputs and their hashes were compared above.
            inputs.errors.iter().any(|e| &e.path == p) || hashed.iter().any(|h| &h.path == p)
        })
        && expected_outputs(&cfg).iter().all(|n| out.join(n).exists())
    {
        let errors = unpair(&last.errors);
        report_warnings(&unpair(&last.warnings));
        report_errors(&errors);
        if !args.quiet {
            let mut so = output::stdout();
            writeln!(
                so,
                "rapporteur run: pipeline {}: nothing changed since the last run ({} inputs); outputs in {} left as they are{}",
                cfg.name,
                hashed.len(),
                out.display(),
                failed_note(errors.len())
            )?;
            so.finish()?;
        }
        return Ok(if errors.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let cache = Cache::open(out).with_context(|| format!("cannot write to {}", out.display()))?;
    // Every input was hashed above for the manifest; ingest reuses those hashes.
    let hashes: std::collections::HashMap<String, String> = hashed
        .iter()
        .filter(|h| !h.sha256.is_empty())
        .map(|h| (h.id.clone(), h.sha256.clone()))
        .collect();
    // Every output is written into the stage first, then all are put into place together.
    let stage =
        Stage::new(out, &state).with_context(|| format!("cannot write to {}", out.display()))?;
    let index = if cfg.outputs.index {
        let index_dir = out.join("index");
        Some(
            IndexBuilder::create(&stage.path().join("index"))
                .with_context(|| format!("cannot write the index {}", index_dir.display()))?,
        )
    } else {
        None
    };
    let progress = Arc::new(Progress::default());
    let display = Display::start(progress.clone(), inputs.files.len(), !args.quiet);
    let t = Instant::now();
    let streamed = pipeline::ingest_streaming(
        &inputs.files,
        &tagger,
        IngestSettings {
            roster: Some(&cfg.roster),
            // `--full` reprocesses every input without the cache (its entries stay as they are).
            cache: (!args.full).then_some((&cache, cache_fingerprint.as_str())),
            progress: Some(&progress),
            hashes: Some(&hashes),
        },
        Outputs {
            dir: Some(stage.path()),
            scratch: stage.path(),
            index,
        },
    );
    display.finish();
    let mut corpus =
        streamed.with_context(|| format!("cannot write outputs to {}", out.display()))?;
    corpus.errors.splice(0..0, inputs.errors.clone());
    let index_ms = corpus.index_ms;
    let ingest_ms = t.elapsed().as_millis() - index_ms;
    if args.verbose {
        for r in &corpus.inputs {
            let what = match (&r.error, r.reused) {
                (Some(_), _) => "failed".to_string(),
                (None, true) => format!("reused {} passages", r.passages),
                (None, false) => format!("read {} passages", r.passages),
            };
            errln!("rapporteur: {}: {what}", r.path);
        }
    }

    // The outline needs every passage: read back from the outputs.
    let (docs, passages) = pipeline::read_back(stage.path())
        .with_context(|| format!("cannot read back the outputs in {}", out.display()))?;
    let t = Instant::now();
    let labels = super::outline::owned(tagger.taxonomy().labels());
    let outline = synth::build(&docs, &passages, &labels, &cfg.outline);
    drop(passages);
    type Render = fn(&synth::Outline) -> String;
    let renderings: [(bool, &str, Render); 3] = [
        (
            cfg.outputs.outline_json,
            "outline.json",
            synth::json::render,
        ),
        (
            cfg.outputs.outline_md,
            "outline.md",
            synth::markdown::render,
        ),
        (cfg.outputs.report_html, "report.html", synth::html::render),
    ];
    let mut names = vec!["documents.jsonl", "passages.jsonl", "participants.json"];
    if cfg.outputs.index {
        names.push("index");
    }
    for (wanted, name, render) in renderings {
        if wanted {
            let text = render(&outline);
            rapporteur::store::failpoint("outline")
                .and_then(|()| {
                    write_atomic(&stage.path().join(name), |w| w.write_all(text.as_bytes()))
                })
                .with_context(|| format!("cannot write {}", out.join(name).display()))?;
            names.push(name);
        }
    }
    let outline_ms = t.elapsed().as_millis();

    // Every quote against its re-read source, every count against passages.jsonl.
    let t = Instant::now();
    let checked = if cfg.outputs.outline_json {
        Some(
            synth::verify::verify(
                stage.path(),
                &super::verify::inputs_of(&inputs.files, &cfg.base),
            )
            .with_context(|| format!("cannot verify the outputs in {}", out.display()))?,
        )
    } else {
        None
    };
    let verify_ms = t.elapsed().as_millis();

    let reused = corpus.inputs.iter().filter(|r| r.reused).count();
    let failed = corpus.inputs.iter().filter(|r| r.error.is_some()).count();
    let warnings = warnings(&inputs.skipped, &corpus.warnings);
    let report = json!({
        "pipeline": cfg.name,
        // Both as the outputs name paths: independent of the directory the run started in.
        "pipeline_file": relative_to(out, args.pipeline).display().to_string(),
        "output": cfg.output_shown.display().to_string(),
        "versions": {
            "rapporteur": env!("CARGO_PKG_VERSION"),
            "data_contract": "1",
        },
        "started_unix": started_unix,
        "finished_unix": unix_now(),
        "full": args.full,
        "inputs": corpus.inputs,
        "counts": {
            "inputs": corpus.inputs.len(),
            "reused": reused,
            "processed": corpus.inputs.len() - reused - failed,
            "failed": corpus.errors.len(),
            "warnings": warnings.len(),
            "documents": corpus.documents,
            "passages": corpus.passages,
            "participants": corpus.participants.len(),
            "indexed_passages": corpus.index.as_ref().map_or(0, |i| i.passages),
            "outline_sections": outline.sections.len(),
        },
        "errors": corpus.errors,
        "warnings": warnings,
        "verify": checked.as_ref().map(|c| json!({
            "documents": c.documents,
            "passages": c.passages,
            "quotes": c.quotes,
            "counts": c.counts,
            "mismatches": c.mismatches.iter().map(ToString::to_string).collect::<Vec<_>>(),
        })),
        "timings_ms": {
            "hash": hash_ms,
            "ingest": ingest_ms,
            "index": index_ms,
            "outline": outline_ms,
            "verify": verify_ms,
            "total": started.elapsed().as_millis(),
        },
    });
    write_atomic(&stage.path().join("run.json"), |w| {
        serde_json::to_writer_pretty(&mut *w, &report)?;
        w.write_all(b"\n")
    })
    .with_context(|| format!("cannot write {}", out.join("run.json").display()))?;
    names.push("run.json");

    // Outputs that fail verification are not put into place: the last complete set stays, as
    // does the record of the run that made it.
    let verified = checked.as_ref().is_none_or(synth::verify::Report::ok);
    if verified {
        // Into place, all or none, and the outputs the pipeline no longer asks for removed with
        // them (they must not linger, stale). From here on, a run killed before the end must
        // not look complete: the manifest is forgotten first; and the record of rapporteur's
        // outputs names every output this run may leave.
        let unwanted: Vec<&str> = OUTPUTS.into_iter().filter(|n| !names.contains(n)).collect();
        let record = |names: &mut dyn Iterator<Item = &str>| {
            let names = names.map(str::to_string).collect();
            owned::save(out, &names).with_context(|| format!("cannot write to {}", out.display()))
        };
        record(
            &mut owned_before
                .iter()
                .map(String::as_str)
                .chain(names.iter().copied()),
        )?;
        Manifest::remove(out).with_context(|| format!("cannot write to {}", out.display()))?;
        stage
            .commit(&names, &unwanted)
            .with_context(|| format!("cannot put the outputs into place in {}", out.display()))?;
        record(&mut names.iter().copied())?;
        let ids = inputs.files.iter().map(|f| f.id.clone()).collect();
        let _ = cache.retain(&ids);
        // Last: the record that this run finished.
        // The hashes of the bytes the outputs were made from (an input changed after it was
        // hashed above was read as it is now).
        let read: Vec<ManifestEntry> = inputs
            .files
            .iter()
            .zip(&corpus.inputs)
            .map(|(f, r)| manifest_entry(f, r.sha256.clone()))
            .collect();
        Manifest {
            fingerprint,
            inputs: read,
            errors: pairs(&corpus.errors),
            warnings: pairs(&warnings),
        }
        .save(out)
        .with_context(|| format!("cannot write to {}", out.display()))?;
    }

    report_warnings(&warnings);
    report_errors(&corpus.errors);
    if let Some(c) = checked.as_ref().filter(|c| !c.ok()) {
        super::verify::print(c, out);
        errln!(
            "rapporteur: the outputs of this run failed verification and were not put into place: {} is as the last complete run left it (`run --full` reads every input again, without the cache)",
            out.display()
        );
    }
    if !args.quiet {
        let mut so = output::stdout();
        writeln!(so, "rapporteur run: pipeline {}", cfg.name)?;
        writeln!(
            so,
            "  read {} inputs ({} reused from the last run){} → {} documents, {} passages, {} participants",
            corpus.inputs.len(),
            reused,
            failed_note(corpus.errors.len()),
            corpus.documents,
            corpus.passages,
            corpus.participants.len()
        )?;
        writeln!(so, "  outline: {} sections", outline.sections.len())?;
        for name in expected_outputs(&cfg).into_iter().filter(|_| verified) {
            let name = name
                .strip_suffix("/meta.json")
                .map_or(name.to_string(), |d| format!("{d}/"));
            writeln!(so, "  wrote {}", out.join(name).display())?;
        }
        if let Some(c) = &checked {
            writeln!(
                so,
                "  verified {} quotes and {} counts against the sources: {}",
                c.quotes,
                c.counts,
                if c.ok() {
                    "all hold".to_string()
                } else {
                    format!("{} mismatches", c.mismatches.len())
                }
            )?;
        }
        writeln!(so, "  in {:.2}s", started.elapsed().as_secs_f64())?;
        so.finish()?;
    }
    if !verified {
        return Ok(ExitCode::from(1));
    }
    Ok(exit(&corpus.errors))
}

/// What the manifest records of an input: its path (raw, for a name that is not valid UTF-8),
/// id and hash (empty when it could not be hashed).
fn manifest_entry(f: &pipeline::Input, sha256: Option<String>) -> ManifestEntry {
    let (path, path_raw) = rapporteur::model::path_fields(&f.shown);
    ManifestEntry {
        path,
        path_raw,
        id: f.id.clone(),
        sha256: sha256.unwrap_or_default(),
    }
}

/// `path` as seen from the folder `from` (both resolved on the file system, links followed):
/// what `run.json` records of the pipeline file, so that `verify OUT_DIR` finds it from any
/// directory. The absolute path when either cannot be resolved.
fn relative_to(from: &Path, path: &Path) -> PathBuf {
    let (Ok(from), Ok(to)) = (from.canonicalize(), path.canonicalize()) else {
        return std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    };
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut rel = PathBuf::new();
    for _ in from.components().skip(common) {
        rel.push("..");
    }
    for c in to.components().skip(common) {
        rel.push(c);
    }
    rel
}

/// The pipeline file that the `run.json` of `out` names (see [`relative_to`]), when it is
/// there.
pub fn pipeline_of(out: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(out.join("run.json")).ok()?;
    let report: serde_json::Value = serde_json::from_str(&text).ok()?;
    let path = out.join(report["pipeline_file"].as_str()?);
    path.is_file().then_some(path)
}
