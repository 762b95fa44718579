//! What the bench binaries share: where the inputs are, how to replicate and shrink them, clocks
//! and peak memory.
//!
//! The real input is `../shared/corpora/contributions/_combined_perf/contributions_all.jsonl`
//! (65,949 contributions, read with `preset = "combined"`); the benches skip with a message when
//! it is absent. `--smoke` runs on a small input (its first rows, or rows made from the demo
//! corpus when `../shared` is absent), cheap enough for CI.

#![allow(dead_code)]

/// The allocator of the `rapporteur` binary (src/main.rs), so that the benches measure what
/// it runs; every engine of `compare` runs under it alike.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rapporteur::read::ReadOptions;

/// Contributions in the combined file, as its SOURCE.md counts them.
pub const COMBINED_ROWS: usize = 65_949;
/// Rows of the smoke input taken from the combined file.
pub const SMOKE_ROWS: usize = 1_500;

/// The combined contributions file, when `../shared` is there.
pub fn combined_corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/contributions/_combined_perf/contributions_all.jsonl");
    p.is_file().then_some(p)
}

/// The read options of the combined file.
pub fn combined_options() -> Arc<ReadOptions> {
    Arc::new(ReadOptions {
        preset: Some("combined".into()),
        ..ReadOptions::default()
    })
}

/// The command-line flags of a bench binary (cargo passes `--bench`, which is ignored).
pub struct Args {
    pub smoke: bool,
    pub rest: Vec<String>,
}

impl Args {
    pub fn parse() -> Args {
        let mut smoke = false;
        let mut rest = Vec::new();
        for a in std::env::args().skip(1) {
            match a.as_str() {
                "--smoke" => smoke = true,
                "--bench" => {}
                _ => rest.push(a),
            }
        }
        Args { smoke, rest }
    }

    /// The value after `--name`, if given.
    pub fn value(&self, name: &str) -> Option<&str> {
        let i = self.rest.iter().position(|a| a == name)?;
        self.rest.get(i + 1).map(String::as_str)
    }

    /// True when `--name` is given.
    pub fn flag(&self, name: &str) -> bool {
        self.rest.iter().any(|a| a == name)
    }
}

/// The input of a bench: the combined file, or for `--smoke` a small file written into `dir`.
/// `None` (with a message printed) when the real input is absent and this is not a smoke run.
pub fn input(smoke: bool, dir: &Path) -> Option<PathBuf> {
    match (combined_corpus(), smoke) {
        (Some(p), false) => Some(p),
        (Some(p), true) => {
            let out = dir.join("smoke.jsonl");
            head_lines(&p, &out, SMOKE_ROWS).expect("writing the smoke input");
            Some(out)
        }
        (None, true) => {
            let out = dir.join("smoke.jsonl");
            rows_from_seeds(&out).expect("writing the smoke input from the demo corpus");
            Some(out)
        }
        (None, false) => {
            println!(
                "skipped: ../shared/corpora/contributions/_combined_perf/contributions_all.jsonl \
                 is absent (run with --smoke for the small input)"
            );
            None
        }
    }
}

/// Copies the first `n` lines of `src` into `dst`.
pub fn head_lines(src: &Path, dst: &Path, n: usize) -> std::io::Result<()> {
    let r = std::io::BufReader::new(std::fs::File::open(src)?);
    let mut w = BufWriter::new(std::fs::File::create(dst)?);
    for line in r.lines().take(n) {
        writeln!(w, "{}", line?)?;
    }
    w.flush()
}

/// One row per paragraph of the demo corpus, in the combined file's shape.
pub fn rows_from_seeds(dst: &Path) -> std::io::Result<()> {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&seeds)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    files.sort();
    let mut w = BufWriter::new(std::fs::File::create(dst)?);
    let mut n = 0;
    for f in files {
        let text = String::from_utf8_lossy(&std::fs::read(&f)?).into_owned();
        for para in text.split("\n\n").map(str::trim).filter(|p| p.len() > 20) {
            n += 1;
            let row = serde_json::json!({
                "source": "seeds", "collection": "demo", "id": n.to_string(), "text": para,
            });
            writeln!(w, "{row}")?;
        }
    }
    w.flush()
}

/// Writes `times` copies of `src` into the directory `dst`, one file each (`part_00.jsonl`, …:
/// the reader refuses files over 256 MB, and a large consultation comes as many files); copy
/// `k > 0` gets ids suffixed `~k` so that every row stays a distinct contribution. Returns the
/// rows written.
pub fn replicate(src: &Path, dst: &Path, times: usize) -> std::io::Result<usize> {
    let lines: Vec<String> = std::io::BufReader::new(std::fs::File::open(src)?)
        .lines()
        .collect::<Result<_, _>>()?;
    std::fs::create_dir_all(dst)?;
    let mut rows = 0;
    for k in 0..times {
        let mut w = BufWriter::new(std::fs::File::create(
            dst.join(format!("part_{k:02}.jsonl")),
        )?);
        for line in &lines {
            match serde_json::from_str::<serde_json::Value>(line) {
                Ok(serde_json::Value::Object(mut row)) if k > 0 => {
                    let id = row.get("id").and_then(|v| v.as_str()).unwrap_or("");
                    let id = format!("{id}~{k}");
                    row.insert("id".into(), serde_json::Value::from(id));
                    writeln!(w, "{}", serde_json::Value::Object(row))?;
                }
                _ => writeln!(w, "{line}")?,
            }
            rows += 1;
        }
        w.flush()?;
    }
    Ok(rows)
}

/// The files of `path`: itself, or the files of a directory, sorted.
pub fn files_of(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// The number of non-empty lines of a file (or of the files of a directory).
pub fn rows_of(path: &Path) -> usize {
    files_of(path)
        .iter()
        .map(|f| {
            std::fs::read(f)
                .map(|b| b.split(|&c| c == b'\n').filter(|l| !l.is_empty()).count())
                .unwrap_or(0)
        })
        .sum()
}

/// The size of a file (or of the files of a directory) in bytes.
pub fn size_of(path: &Path) -> u64 {
    files_of(path)
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum()
}

/// This process's peak resident set (VmHWM), in bytes.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// This process's current resident set (VmRSS), in bytes.
pub fn rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The CPU time this process has used (user + system, all threads), in seconds, from
/// `/proc/self/stat` (clock ticks of 1/100 s). On a shared machine wall time varies with the
/// neighbours' load; CPU time much less.
pub fn cpu_secs() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return f64::NAN;
    };
    // The fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of stat(5); 12 and 13 after the name and state.
    (ticks(11) + ticks(12)) / 100.0
}

/// Runs `f` and returns its result with the seconds it took.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed().as_secs_f64())
}

/// Runs `f` and returns its result with the wall seconds and the CPU seconds it took.
pub fn timed_cpu<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let cpu = cpu_secs();
    let (out, secs) = timed(f);
    (out, secs, cpu_secs() - cpu)
}

/// Megabytes (10^6 bytes).
pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// MB/s of `bytes` in `secs`.
pub fn mbps(bytes: u64, secs: f64) -> f64 {
    mb(bytes) / secs.max(1e-9)
}

/// The machine, for the report: CPU model and count, memory.
pub fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or_else(
            || "?".into(),
            |kb| format!("{:.0} GiB", kb as f64 / 1048576.0),
        );
    format!("{cpu}, {cores} cores, {mem}")
}
