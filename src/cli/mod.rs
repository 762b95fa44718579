//! Command-line arguments, one module per verb, and exit codes: 0 all good; 1 some inputs
//! failed (the rest were processed and reported); 2 the run could not go ahead. A reader of
//! stdout or stderr that goes away changes no exit code (see [`output`]).

mod check;
mod config;
mod index;
mod outline;
pub mod output;
mod participants;
mod progress;
mod run;
mod search;
mod stream;
mod suggest;
mod themes;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// rapporteur: mine consultation contributions — read, segment, attribute, tag, index, outline.
#[derive(Debug, Parser)]
#[command(name = "rapporteur", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the whole pipeline of a pipeline file (default: pipelines/default.toml).
    Run {
        /// The pipeline file.
        #[arg(default_value = "pipelines/default.toml")]
        pipeline: PathBuf,
        /// Print nothing but errors (no progress, no summary).
        #[arg(long, short, conflicts_with = "verbose")]
        quiet: bool,
        /// Say what happened to each input.
        #[arg(long, short)]
        verbose: bool,
        /// Rebuild everything, as if no earlier run had been made.
        #[arg(long)]
        full: bool,
    },
    /// Read, segment, attribute and tag files → documents.jsonl, passages.jsonl, participants.json.
    Ingest {
        /// Files or directories to read (with --jsonl: none, or `-`, reads paths or JSON
        /// contribution records from standard input).
        paths: Vec<PathBuf>,
        /// Output directory.
        #[arg(long, required_unless_present = "jsonl", conflicts_with = "jsonl")]
        out: Option<PathBuf>,
        /// Write passages as JSON Lines to standard output instead.
        #[arg(long)]
        jsonl: bool,
        /// Taxonomy file (default: the built-in multistakeholder taxonomy).
        #[arg(long)]
        taxonomy: Option<PathBuf>,
    },
    /// Build an index from files, or from JSONL passages (`ingest --jsonl` output).
    Index {
        /// Files or directories to read.
        #[arg(required_unless_present = "from_jsonl")]
        paths: Vec<PathBuf>,
        /// JSONL files of passages (and optionally documents) to index; `-` for stdin.
        #[arg(long, num_args = 1.., conflicts_with = "paths")]
        from_jsonl: Vec<PathBuf>,
        /// The index directory to write.
        #[arg(long)]
        index: PathBuf,
        /// Taxonomy file (default: the built-in multistakeholder taxonomy).
        #[arg(long)]
        taxonomy: Option<PathBuf>,
    },
    /// Validate a pipeline file without running it.
    Check {
        /// The pipeline file.
        #[arg(default_value = "pipelines/default.toml")]
        pipeline: PathBuf,
    },
    /// Search an index.
    Search {
        /// The query: words (stemmed), "phrases", AND/OR/NOT, -word, field:word; at most
        /// 4096 bytes and 64 groups (opening parentheses and NOTs).
        query: String,
        /// The index directory (OUT/index of a run).
        #[arg(long)]
        index: PathBuf,
        /// Only passages tagged with this theme id.
        #[arg(long)]
        theme: Option<String>,
        /// Only passages in this stakeholder voice (government, civil_society, …).
        #[arg(long)]
        voice: Option<String>,
        /// Only passages by this speaker (case-insensitive).
        #[arg(long)]
        speaker: Option<String>,
        /// Only passages of this document id.
        #[arg(long)]
        doc: Option<String>,
        /// Only passages of this kind (paragraph, bullet, comment, …).
        #[arg(long)]
        kind: Option<String>,
        /// Only passages of this stance (supports, opposes, mixed, neutral).
        #[arg(long)]
        stance: Option<String>,
        /// Only passages that make a recommendation.
        #[arg(long)]
        recommendations: bool,
        /// At most this many hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// JSON Lines, one hit per line.
        #[arg(long)]
        json: bool,
    },
    /// Draft a synthesis outline from an index.
    Outline {
        /// The index directory (OUT/index of a run).
        #[arg(long)]
        index: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutlineFormat::Md)]
        format: OutlineFormat,
        /// How sections are made: by theme, by the documents' headings, or by question posed.
        #[arg(long, value_enum, default_value_t = OutlineBy::Theme)]
        by: OutlineBy,
        /// How speakers are named: named, anonymous ("one participant") or group ("a
        /// civil-society participant"); the last two leave no participant name anywhere.
        #[arg(long, value_enum, default_value_t = OutlineAttribution::Named)]
        attribution: OutlineAttribution,
        /// Show email addresses and phone numbers instead of redacting them.
        #[arg(long)]
        no_redact: bool,
        /// Taxonomy file whose labels name the sections (default: the built-in one).
        #[arg(long)]
        taxonomy: Option<PathBuf>,
    },
    /// Who spoke: one row per person with organisation, group and passages.
    Participants {
        /// The index directory (OUT/index of a run).
        #[arg(long)]
        index: PathBuf,
        /// A JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check an output directory: every outline quote against its re-read source, byte for
    /// byte, and every count against passages.jsonl.
    Verify {
        /// The output directory of a run (documents.jsonl, passages.jsonl, outline.json).
        out: PathBuf,
        /// The pipeline file of the run, for the read options of its sources.
        #[arg(long)]
        pipeline: Option<PathBuf>,
    },
    /// Print the theme × stakeholder-group table of an index (counts and shares).
    Themes {
        /// The index directory (OUT/index of a run).
        #[arg(long)]
        index: PathBuf,
        /// JSON instead of a text table.
        #[arg(long)]
        json: bool,
        /// Taxonomy file giving the themes' order, labels and parents (default: the built-in one).
        #[arg(long)]
        taxonomy: Option<PathBuf>,
    },
    /// List frequent key phrases of an index that no theme covers, with example passages.
    Suggest {
        /// The index directory (OUT/index of a run).
        #[arg(long)]
        index: PathBuf,
        /// JSON Lines, one phrase per line.
        #[arg(long)]
        json: bool,
        /// Taxonomy file whose themes count as covered (default: the built-in one).
        #[arg(long)]
        taxonomy: Option<PathBuf>,
        /// At most this many phrases.
        #[arg(long, default_value_t = 30)]
        limit: usize,
        /// A phrase must occur in at least this many passages.
        #[arg(long, default_value_t = 3)]
        min_passages: usize,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutlineFormat {
    Md,
    Json,
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutlineBy {
    Theme,
    Section,
    Question,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutlineAttribution {
    Named,
    Anonymous,
    Group,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Run {
            pipeline,
            quiet,
            verbose,
            full,
        } => run::run(run::RunArgs {
            pipeline: &pipeline,
            quiet,
            verbose,
            full,
        }),
        Command::Ingest {
            paths,
            out,
            jsonl,
            taxonomy,
        } => match out {
            Some(out) if !jsonl => {
                if paths.is_empty() {
                    anyhow::bail!(
                        "ingest needs at least one PATH (or --jsonl to read standard input)"
                    );
                }
                run::ingest(&paths, &out, taxonomy.as_deref())
            }
            _ => stream::ingest_jsonl(&paths, taxonomy.as_deref()),
        },
        Command::Index {
            paths,
            from_jsonl,
            index: dir,
            taxonomy,
        } => {
            if from_jsonl.is_empty() {
                index::from_files(&paths, &dir, taxonomy.as_deref())
            } else {
                index::from_jsonl(&from_jsonl, &dir)
            }
        }
        Command::Check { pipeline } => check::check(&pipeline),
        Command::Search {
            query,
            index,
            theme,
            voice,
            speaker,
            doc,
            kind,
            stance,
            recommendations,
            limit,
            json,
        } => search::search(
            rapporteur::index::SearchRequest {
                query,
                theme,
                voice,
                speaker,
                doc,
                kind,
                stance,
                recommendations,
                limit,
            },
            &index,
            json,
        ),
        Command::Outline {
            index,
            format,
            by,
            attribution,
            no_redact,
            taxonomy,
        } => outline::outline(
            &index,
            format,
            outline::options(by, attribution, no_redact),
            taxonomy.as_deref(),
        ),
        Command::Verify { out, pipeline } => verify::verify(&out, pipeline.as_deref()),
        Command::Participants { index, json } => participants::participants(&index, json),
        Command::Themes {
            index,
            json,
            taxonomy,
        } => themes::themes(&index, json, taxonomy.as_deref()),
        Command::Suggest {
            index,
            json,
            taxonomy,
            limit,
            min_passages,
        } => suggest::suggest(
            &index,
            json,
            taxonomy.as_deref(),
            &rapporteur::tag::suggest::SuggestOptions {
                limit,
                min_passages,
                ..Default::default()
            },
        ),
    }
}
