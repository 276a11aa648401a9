//! `kg`: build a knowledge graph from Vietnamese party-committee news, and export it.

#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Extraction allocates many small strings; mimalloc does that faster than the system
/// allocator (about a fifth of the build time, measured with bench/run.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use kg::cli;

#[derive(Parser)]
#[command(
    name = "kg",
    version,
    about = "Vietnamese political news to a knowledge graph"
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (files, or folders of *.txt, *.html and *.htm; default seeds/) and save a
    /// snapshot.
    Build {
        /// Article files or folders.
        paths: Vec<PathBuf>,
        /// Snapshot to write (default: the --into snapshot, else graph/NAME.kg after the
        /// first path, graph/seeds.kg for the seeds).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Add the articles to this snapshot (those already in it are skipped by content).
        #[arg(long)]
        into: Option<PathBuf>,
        /// Threads reading and extracting articles (default: every core).
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
        /// Encoding of the articles. `auto` reads UTF-8 and UTF-16, and converts
        /// Windows-1258, TCVN3, VNI and double-encoded UTF-8 when it is sure of them.
        #[arg(long, value_enum, default_value_t)]
        encoding: kg::text::Encoding,
        /// Skip files larger than this many megabytes without reading them.
        #[arg(long, default_value_t = kg::corpus::DEFAULT_MAX_ARTICLE_MB)]
        max_article_mb: u64,
    },
    /// Generate a corpus of articles in the style of the seeds, for measuring speed.
    Synth {
        /// How many articles.
        #[arg(long, default_value_t = 1000)]
        articles: usize,
        /// Random seed: the same seed gives the same corpus.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Merge snapshots built from different article sets into one.
    Merge {
        /// Snapshots to merge.
        #[arg(required = true, num_args = 2..)]
        inputs: Vec<PathBuf>,
        /// Snapshot to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Export a snapshot.
    Export {
        #[command(subcommand)]
        format: ExportFormat,
    },
    /// Print node and edge counts of a snapshot.
    Stats {
        /// Snapshot to read.
        #[arg(default_value = cli::DEFAULT_SNAPSHOT)]
        snapshot: PathBuf,
    },
    /// Run queries without the REPL: -c QUERY, -f FILE, or statements piped on stdin.
    Query(cli::QueryArgs),
    /// The interactive REPL (reads stdin as a script when it is not a terminal).
    Repl {
        /// Snapshot to open (the seeds graph is built first when it is missing or stale).
        #[arg(default_value = cli::DEFAULT_SNAPSHOT)]
        snapshot: PathBuf,
    },
}

#[derive(Subcommand)]
enum ExportFormat {
    /// The JSON shape the scorer reads (default: next to the snapshot, `-` for stdout).
    Json {
        /// Snapshot to read.
        #[arg(default_value = cli::DEFAULT_SNAPSHOT)]
        snapshot: PathBuf,
        /// File to write.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Graphviz DOT: the whole graph, an entity's neighbourhood or a query's subgraph.
    Dot(cli::DotArgs),
    /// GraphML with typed attributes, for Gephi, yEd and NetworkX.
    Graphml {
        /// Snapshot to read.
        #[arg(default_value = cli::DEFAULT_SNAPSHOT)]
        snapshot: PathBuf,
        /// File to write (default: next to the snapshot; `-` for standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// CSV bulk files for neo4j-admin import and Kuzu (with kuzu.cypher and a README).
    Csv {
        /// Snapshot to read.
        #[arg(default_value = cli::DEFAULT_SNAPSHOT)]
        snapshot: PathBuf,
        /// Folder to write.
        #[arg(short, long)]
        output: PathBuf,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut out = std::io::stdout().lock();
    let result = match args.command {
        None => cli::repl(std::path::Path::new(cli::DEFAULT_SNAPSHOT)),
        Some(Command::Repl { snapshot }) => cli::repl(&snapshot),
        Some(Command::Query(args)) => cli::query(&args),
        Some(Command::Build {
            paths,
            output,
            into,
            jobs,
            encoding,
            max_article_mb,
        }) => {
            let output = output
                .or_else(|| into.clone())
                .unwrap_or_else(|| cli::default_output(&paths));
            cli::build(
                &paths,
                &output,
                into.as_deref(),
                kg::corpus::ReadOptions {
                    jobs,
                    encoding,
                    max_article_mb,
                },
                &mut out,
            )
        }
        Some(Command::Synth {
            articles,
            seed,
            output,
        }) => cli::synth(articles, seed, &output, &mut out).map(|_| true),
        Some(Command::Merge { inputs, output }) => {
            cli::merge(&inputs, &output, &mut out).map(|_| true)
        }
        Some(Command::Export {
            format: ExportFormat::Json { snapshot, output },
        }) => {
            let output = output.unwrap_or_else(|| cli::json_path_for(&snapshot));
            cli::export_json(&snapshot, &output, &mut out).map(|_| true)
        }
        Some(Command::Export {
            format: ExportFormat::Dot(args),
        }) => cli::export_dot(&args, &mut out).map(|_| true),
        Some(Command::Export {
            format: ExportFormat::Graphml { snapshot, output },
        }) => cli::export_graphml(&snapshot, output.as_deref(), &mut out).map(|_| true),
        Some(Command::Export {
            format: ExportFormat::Csv { snapshot, output },
        }) => cli::export_csv(&snapshot, &output, &mut out).map(|_| true),
        Some(Command::Stats { snapshot }) => cli::stats(&snapshot, &mut out).map(|_| true),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        // The reader of our output went away (`kg stats | head`): nothing left to say.
        Err(e) if kg::shell::session::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kg: {e:#}");
            ExitCode::from(2)
        }
    }
}
