//! The inputs of a run: the files its sources name, each once, with a stable id.
//!
//! Contract:
//! - A source is a file, a directory (walked recursively in sorted order, following links) or
//!   a glob. Inside a directory, hidden entries are skipped, and so are files of formats no
//!   reader takes (a warning each); a file named as a source is read, or fails, whatever its
//!   extension.
//! - Each file is listed once, however many names reach it (links, two sources): files are
//!   told apart by device and inode. A link back to a folder being walked (a symlink loop) is
//!   not followed: one warning names it.
//! - The output directory of the run is never walked (it holds the run's own outputs), and a
//!   source that is the output directory, or lies inside it, is refused ([`check_outside`]).
//! - A FIFO, a device or a socket is a per-file error saying what it is; it is never opened.
//! - Paths: each input is read through [`Input::path`] and named in every output by
//!   [`Input::shown`], the source as written (in the pipeline file, relative to its folder)
//!   joined with the file's path inside it, so outputs do not depend on the directory the
//!   run was started from.
//! - A document's id is its path relative to the parent of the source it was found through,
//!   without the extension: `corpora/seeds/004_x.txt` → `seeds/004_x` (files that would share an
//!   id keep their extension: `notes.md`, `notes.txt`; ids still shared get `~2`, `~3`).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::FileError;
use crate::read::{self, ReadOptions};

/// One input file, the id its document gets, and how to read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// Where the file is read from (relative to the current directory, or absolute).
    pub path: PathBuf,
    /// How the outputs name the file: the source as written (relative to the pipeline file's
    /// folder, or as given on the command line) joined with the file's path inside it.
    pub shown: PathBuf,
    pub id: String,
    pub options: Arc<ReadOptions>,
}

/// A source of a run: a file, a directory or a glob, and how to read its files.
#[derive(Clone, Debug)]
pub struct Source {
    /// The path or glob to read, as the file system finds it from the current directory.
    pub path: PathBuf,
    /// The same as the outputs name it (see [`Input::shown`]).
    pub shown: PathBuf,
    pub options: Arc<ReadOptions>,
}

impl Source {
    /// A source named the same way for reading and in the outputs (a path given on the
    /// command line).
    pub fn new(path: PathBuf, options: Arc<ReadOptions>) -> Source {
        Source {
            shown: path.clone(),
            path,
            options,
        }
    }
}

/// The files found under the sources, and the paths that could not be listed.
#[derive(Debug, Default)]
pub struct Inputs {
    pub files: Vec<Input>,
    pub errors: Vec<FileError>,
    /// What was passed over inside a directory, with a warning: files that no reader takes,
    /// links that lead back to a folder being walked.
    pub skipped: Vec<FileError>,
}

/// Why a run's sources cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(
        "{path}: is the output directory {}; a run writes its outputs there, so they would be read back as inputs (choose another output)",
        output.display(),
        path = path.display()
    )]
    IsOutput { path: PathBuf, output: PathBuf },
    #[error(
        "{path}: is inside the output directory {}; a run writes and replaces files there (move the sources or choose another output)",
        output.display(),
        path = path.display()
    )]
    InsideOutput { path: PathBuf, output: PathBuf },
}

/// Refuses sources that are the output directory or lie inside it (compared as the file
/// system resolves them, links followed). Sources that do not exist are left to the listing,
/// which reports them.
pub fn check_outside(sources: &[Source], output: &Path) -> Result<(), SourceError> {
    let Ok(out) = output.canonicalize() else {
        return Ok(());
    };
    for s in sources {
        let root = if is_glob(&s.path) {
            glob_root(&s.path).0
        } else {
            s.path.clone()
        };
        let Ok(real) = root.canonicalize() else {
            continue;
        };
        if real == out {
            return Err(SourceError::IsOutput {
                path: s.shown.clone(),
                output: output.to_path_buf(),
            });
        }
        if real.starts_with(&out) {
            return Err(SourceError::InsideOutput {
                path: s.shown.clone(),
                output: output.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// Lists the files of the given sources (see the module doc); ids relative to the parent of
/// each source.
pub fn collect_inputs(sources: &[PathBuf]) -> Inputs {
    let plain = Arc::new(ReadOptions::default());
    let sources: Vec<Source> = sources
        .iter()
        .map(|s| Source::new(s.clone(), plain.clone()))
        .collect();
    collect_sources(&sources, None)
}

/// [`collect_inputs`] for sources that each carry their read options, never walking `output`
/// (the run's output directory). A source path may be a glob (`*` and `?` within a name, `**`
/// for any depth): the folder before its first pattern is walked and the files whose path
/// matches are taken, in sorted order.
pub fn collect_sources(sources: &[Source], output: Option<&Path>) -> Inputs {
    let mut walk = Walk {
        out: Inputs::default(),
        seen: HashSet::new(),
        output: output
            .and_then(|o| std::fs::metadata(o).ok())
            .and_then(file_key),
    };
    for src in sources {
        if is_glob(&src.path) {
            walk.glob(src);
            continue;
        }
        walk.source(src, &src.path, &src.shown, &|_| true);
    }
    let mut out = walk.out;
    keep_ids_unique(&mut out.files);
    out
}

/// A file's device and inode: what tells two names of one file apart from two files.
#[cfg(unix)]
fn file_key(meta: std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_key(_: std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

/// The state of one listing: what was found, and the files seen so far.
struct Walk {
    out: Inputs,
    /// Device and inode of every file listed.
    seen: HashSet<(u64, u64)>,
    /// Device and inode of the output directory, never walked.
    output: Option<(u64, u64)>,
}

impl Walk {
    fn error(&mut self, shown: &Path, error: impl std::fmt::Display) {
        self.out.errors.push(FileError {
            path: shown.display().to_string(),
            error: error.to_string(),
        });
    }

    /// Lists the source `root` (shown as `shown`); `keep` decides on each file's path
    /// relative to `root` (a glob's pattern). Returns how many files it listed.
    fn source(
        &mut self,
        src: &Source,
        root: &Path,
        shown: &Path,
        keep: &dyn Fn(&Path) -> bool,
    ) -> usize {
        // Ids are relative to the parent of the source as written (of its folder, for a
        // file), so they do not depend on where the run was started.
        let parent = |p: &Path| p.parent().map(Path::to_path_buf).unwrap_or_default();
        let before = self.out.files.len();
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                self.error(shown, e);
                return 0;
            }
        };
        if !meta.is_dir() {
            if let Some(kind) = read::special_kind(meta.file_type()) {
                self.error(shown, format!("is a {kind}, not a regular file"));
            } else {
                let base = parent(&parent(shown));
                self.file(root, shown, &base, meta, &src.options);
            }
            return self.out.files.len() - before;
        }
        let base = parent(shown);
        let entries = walkdir::WalkDir::new(root)
            .follow_links(true)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.file_name().to_string_lossy().starts_with('.');
                let output = e.file_type().is_dir()
                    && self.output.is_some()
                    && e.metadata().ok().and_then(file_key) == self.output;
                !hidden && !output
            });
        let mut found: Vec<Result<walkdir::DirEntry, walkdir::Error>> = entries.collect();
        // Entries come in the walk's order; errors carry their path.
        for entry in found.drain(..) {
            let rel_shown = |p: &Path| match p.strip_prefix(root) {
                Ok(rel) if rel.as_os_str().is_empty() => shown.to_path_buf(),
                Ok(rel) => shown.join(rel),
                Err(_) => p.to_path_buf(),
            };
            match entry {
                Ok(e) => {
                    let kind = e.file_type();
                    if kind.is_dir() {
                        continue;
                    }
                    let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                    if !keep(rel) {
                        continue;
                    }
                    let name = rel_shown(e.path());
                    if let Some(kind) = read::special_kind(kind) {
                        self.error(&name, format!("is a {kind}, not a regular file"));
                        continue;
                    }
                    if !read::is_supported(e.path()) && src.options.format.is_none() {
                        self.out.skipped.push(FileError {
                            path: name.display().to_string(),
                            error: "skipped: no reader for this format".to_string(),
                        });
                        continue;
                    }
                    match e.metadata() {
                        Ok(meta) => self.file(e.path(), &name, &base, meta, &src.options),
                        Err(err) => self.error(&name, io_message(&err)),
                    }
                }
                Err(err) => {
                    let Some(path) = err.path().map(Path::to_path_buf) else {
                        self.error(shown, io_message(&err));
                        continue;
                    };
                    let name = rel_shown(&path);
                    if let Some(ancestor) = err.loop_ancestor() {
                        self.out.skipped.push(FileError {
                            path: name.display().to_string(),
                            error: format!(
                                "a symlink loop: it leads back to {}; not followed",
                                rel_shown(ancestor).display()
                            ),
                        });
                    } else {
                        self.error(&name, io_message(&err));
                    }
                }
            }
        }
        self.out.files.len() - before
    }

    /// One regular file, unless a name of it was listed already.
    fn file(
        &mut self,
        path: &Path,
        shown: &Path,
        base: &Path,
        meta: std::fs::Metadata,
        options: &Arc<ReadOptions>,
    ) {
        if let Some(key) = file_key(meta)
            && !self.seen.insert(key)
        {
            return;
        }
        self.out.files.push(Input {
            path: path.to_path_buf(),
            shown: shown.to_path_buf(),
            id: doc_id(shown, base),
            options: options.clone(),
        });
    }

    /// The files of a glob source.
    fn glob(&mut self, src: &Source) {
        let (root, rest) = glob_root(&src.path);
        let (shown_root, _) = glob_root(&src.shown);
        let keep = |rel: &Path| {
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            glob_match_path(&rest, &parts)
        };
        let skipped = self.out.skipped.len();
        let found = self.source(src, &root, &shown_root, &keep);
        // Inside a glob, a file of another format that matches is passed over in silence.
        self.out.skipped.truncate(skipped);
        if found == 0 {
            self.error(&src.shown, "no file matches this pattern");
        }
    }
}

/// The message of a listing error: the I/O error's, without the path (reported beside it).
fn io_message(e: &walkdir::Error) -> String {
    match e.io_error() {
        Some(io) => io.to_string(),
        None => e.to_string(),
    }
}

/// Files whose ids would be the same (`notes.txt` and `notes.md` side by side are both
/// `…/notes`) keep their extension in their id (`…/notes.md`, `…/notes.txt`); ids still shared
/// after that (`2023/comments/c1.csv` and `2024/comments/c1.csv` given as two sources are both
/// `comments/c1.csv`) get `~2`, `~3`, … in input order after the first. No two documents, and
/// no two passages, share an id; other ids are left as they are.
fn keep_ids_unique(files: &mut [Input]) {
    fn shared(files: &[Input]) -> BTreeSet<String> {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for f in files {
            *count.entry(f.id.as_str()).or_default() += 1;
        }
        count
            .into_iter()
            .filter(|&(_, n)| n > 1)
            .map(|(id, _)| id.to_string())
            .collect()
    }
    let first = shared(files);
    for f in files.iter_mut().filter(|f| first.contains(&f.id)) {
        if let Some(ext) = f.shown.extension() {
            f.id = format!("{}.{}", f.id, ext.to_string_lossy());
        }
    }
    if shared(files).is_empty() {
        return;
    }
    let mut taken: BTreeSet<String> = files.iter().map(|f| f.id.clone()).collect();
    let mut seen = BTreeSet::new();
    for f in files.iter_mut() {
        if seen.insert(f.id.clone()) {
            continue;
        }
        let mut n = 2;
        while taken.contains(&format!("{}~{n}", f.id)) {
            n += 1;
        }
        f.id = format!("{}~{n}", f.id);
        taken.insert(f.id.clone());
    }
}

fn is_glob(p: &Path) -> bool {
    p.to_string_lossy().contains(['*', '?'])
}

/// The folder before the first component with a pattern, and the pattern's components.
fn glob_root(pattern: &Path) -> (PathBuf, Vec<String>) {
    let mut root = PathBuf::new();
    let mut rest: Vec<String> = Vec::new();
    for c in pattern.components() {
        let s = c.as_os_str().to_string_lossy();
        if rest.is_empty() && !s.contains(['*', '?']) {
            root.push(c);
        } else {
            rest.push(s.into_owned());
        }
    }
    if root.as_os_str().is_empty() {
        root.push(".");
    }
    (root, rest)
}

/// Whether path components match pattern components (`**` matches any number of them).
fn glob_match_path(pattern: &[String], parts: &[String]) -> bool {
    match pattern.split_first() {
        None => parts.is_empty(),
        Some((p, rest)) if p == "**" => {
            (0..=parts.len()).any(|skip| glob_match_path(rest, &parts[skip..]))
        }
        Some((p, rest)) => match parts.split_first() {
            Some((first, others)) => glob_match(p, first) && glob_match_path(rest, others),
            None => false,
        },
    }
}

/// Whether a name matches a pattern of `*` (any run of characters) and `?` (one character).
fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // Iterative matching with backtracking to the last `*`.
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

fn doc_id(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let rel = rel.with_extension("");
    rel.components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    #[test]
    fn ids_are_relative_to_the_source_parent_without_extension() {
        assert_eq!(
            doc_id(Path::new("corpora/seeds/004_x.txt"), Path::new("corpora")),
            "seeds/004_x"
        );
    }

    #[test]
    fn inputs_of_the_seed_directory_are_sorted_with_stable_ids() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/seeds");
        let inputs = collect_inputs(std::slice::from_ref(&dir));
        let ids: Vec<_> = inputs.files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids.len(), 5);
        assert_eq!(ids[0], "seeds/000_51a460143868a0c3");
        assert_eq!(ids[4], "seeds/004_c045d1bfa3d696f9");
        // A file given directly gets the same id as through its directory.
        let one = collect_inputs(&[dir.join("004_c045d1bfa3d696f9.txt")]);
        assert_eq!(one.files[0].id, "seeds/004_c045d1bfa3d696f9");
    }

    #[test]
    fn globs_match_names_and_depths() {
        assert!(glob_match("*.csv", "comments.csv"));
        assert!(!glob_match("*.csv", "comments.csv.bak"));
        assert!(glob_match("0??A.txt", "012A.txt"));
        assert!(glob_match("*", ""));
        let parts = |s: &str| s.split('/').map(str::to_string).collect::<Vec<_>>();
        assert!(glob_match_path(
            &parts("**/comments.csv"),
            &parts("a/b/comments.csv")
        ));
        assert!(glob_match_path(
            &parts("**/comments.csv"),
            &parts("comments.csv")
        ));
        assert!(!glob_match_path(
            &parts("*/comments.csv"),
            &parts("a/b/comments.csv")
        ));
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/seeds/00?_*.txt");
        let inputs = collect_inputs(&[seeds]);
        assert_eq!(inputs.files.len(), 5);
        assert_eq!(inputs.files[0].id, "seeds/000_51a460143868a0c3");
        let none =
            collect_inputs(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/seeds/*.docx")]);
        assert!(none.files.is_empty());
        assert_eq!(none.errors[0].error, "no file matches this pattern");
    }

    #[test]
    fn files_that_differ_only_in_extension_keep_distinct_ids() {
        let dir = tempfile::tempdir().expect("a scratch directory");
        let c = dir.path().join("c");
        std::fs::create_dir(&c).expect("a folder");
        for name in ["a.txt", "a.md", "b.txt"] {
            std::fs::write(c.join(name), "Some text about trust.\n").expect("a file");
        }
        let inputs = collect_inputs(std::slice::from_ref(&c));
        let ids: Vec<_> = inputs.files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["c/a.md", "c/a.txt", "c/b"]);
        // The same name under two sources, and an extension that makes another file's id.
        let d = dir.path().join("2024").join("c");
        std::fs::create_dir_all(&d).expect("a folder");
        std::fs::write(d.join("b.txt"), "More text.\n").expect("a file");
        std::fs::write(c.join("a.txt.md"), "More text.\n").expect("a file");
        let inputs = collect_inputs(&[c, d]);
        let ids: Vec<_> = inputs.files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            ["c/a.md", "c/a.txt", "c/a.txt~2", "c/b.txt", "c/b.txt~2"]
        );
    }

    #[test]
    fn missing_sources_are_reported_not_fatal() {
        let inputs = collect_inputs(&[PathBuf::from("/nonexistent/rapporteur/x")]);
        assert!(inputs.files.is_empty());
        assert_eq!(inputs.errors.len(), 1);
        assert!(inputs.errors[0].path.contains("/nonexistent/rapporteur/x"));
    }
}
