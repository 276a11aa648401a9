//! The commands of the `kg` binary: `build`, `export json`, `stats`, `query`, `repl`.

use std::fs;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, Result};

use crate::corpus::SEEDS;
use crate::extract::extract;
use crate::graph::{KnowledgeGraph, snapshot};
use crate::shell::format::Format;
use crate::shell::session::{Io, NoPicker, Session};
use crate::text::Article;

/// Where snapshots and exports go by default.
pub const DEFAULT_SNAPSHOT: &str = "graph/seeds.kg";

/// An input that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: String,
    /// The reason, one line.
    pub reason: String,
}

/// The outcome of a build.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Articles read.
    pub read: usize,
    /// Files that could not be read.
    pub skipped: Vec<Skipped>,
}

/// Every article file under `paths` (folders are walked for `*.txt`), sorted.
pub fn collect_inputs(paths: &[PathBuf], skipped: &mut Vec<Skipped>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, skipped);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            skipped.push(Skipped {
                path: p.display().to_string(),
                reason: "no such file or folder".into(),
            });
        }
    }
    out.sort();
    out.dedup();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, skipped: &mut Vec<Skipped>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            skipped.push(Skipped {
                path: dir.display().to_string(),
                reason: e.to_string(),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            walk(&p, out, skipped);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt")) {
            out.push(p);
        }
    }
}

/// Reads one article file; the error is one line.
fn read_article(path: &Path) -> Result<Article, String> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let bytes = fs::read(path).map_err(|e| e.to_string())?;
    Article::parse(&name, &bytes).map_err(|e| e.to_string())
}

/// Reads and merges the articles whose text is not in `graph` yet; returns how many were
/// already there.
pub fn add_new_articles(
    inputs: &[PathBuf],
    graph: &mut KnowledgeGraph,
    report: &mut BuildReport,
) -> usize {
    let mut known: std::collections::HashSet<u32> =
        graph.articles.iter().map(|a| a.checksum).collect();
    // A checksum names a text; equal checksums of different texts are rare enough that
    // the second article is reported as already there rather than silently merged.
    let mut already = 0;
    for path in inputs {
        match read_article(path) {
            Ok(article) => {
                if !known.insert(crc32fast::hash(article.text.as_bytes())) {
                    already += 1;
                    continue;
                }
                graph.add(&article, &extract(&article));
                report.read += 1;
            }
            Err(reason) => report.skipped.push(Skipped {
                path: path.display().to_string(),
                reason,
            }),
        }
    }
    already
}

/// Builds the embedded seed articles.
pub fn build_seeds(graph: &mut KnowledgeGraph, report: &mut BuildReport) {
    for (name, text) in SEEDS {
        match Article::parse(name, text.as_bytes()) {
            Ok(article) => {
                graph.add(&article, &extract(&article));
                report.read += 1;
            }
            Err(e) => report.skipped.push(Skipped {
                path: name.to_string(),
                reason: e.to_string(),
            }),
        }
    }
}

/// `kg build`: reads articles into a new graph, or into the snapshot `into` (articles
/// already in it are skipped by content), and saves it to `output`. Returns whether every
/// input was read.
pub fn build(
    paths: &[PathBuf],
    output: &Path,
    into: Option<&Path>,
    out: &mut impl Write,
) -> Result<bool> {
    let started = Instant::now();
    let mut graph = match into {
        Some(p) => snapshot::load(p).with_context(
            || "--into takes an existing snapshot; build one first with `kg build`",
        )?,
        None => KnowledgeGraph::new(),
    };
    let before = graph.articles.len();
    let mut report = BuildReport::default();
    let mut already = 0;
    if paths.is_empty() && into.is_none() && !Path::new("seeds").is_dir() {
        writeln!(
            out,
            "reading the embedded seed articles (no seeds/ folder here)"
        )?;
        build_seeds(&mut graph, &mut report);
    } else {
        let defaults = [PathBuf::from("seeds")];
        let paths = if paths.is_empty() {
            &defaults[..]
        } else {
            paths
        };
        let inputs = collect_inputs(paths, &mut report.skipped);
        already = add_new_articles(&inputs, &mut graph, &mut report);
    }
    snapshot::save(&graph, output)?;
    writeln!(out, "articles read: {}", report.read)?;
    if already > 0 || into.is_some() {
        writeln!(out, "articles already in the graph: {already}")?;
    }
    writeln!(out, "articles skipped: {}", report.skipped.len())?;
    for s in &report.skipped {
        writeln!(out, "  skipped {}: {}", s.path, s.reason)?;
    }
    if into.is_some() {
        writeln!(
            out,
            "articles in the graph: {} ({} new)",
            graph.articles.len(),
            graph.articles.len() - before
        )?;
    }
    write_counts(&graph, out)?;
    writeln!(out, "snapshot: {}", output.display())?;
    writeln!(out, "time: {:.3} s", started.elapsed().as_secs_f64())?;
    Ok(report.skipped.is_empty())
}

/// `kg merge`: graphs built from different article sets become one.
pub fn merge(inputs: &[PathBuf], output: &Path, out: &mut impl Write) -> Result<()> {
    let mut graph = KnowledgeGraph::new();
    for p in inputs {
        let g = snapshot::load(p)?;
        let before = graph.articles.len();
        graph.merge(&g);
        writeln!(
            out,
            "{}: {} articles ({} new), {} nodes, {} edges",
            p.display(),
            g.articles.len(),
            graph.articles.len() - before,
            g.graph.node_count(),
            g.graph.edge_count()
        )?;
    }
    snapshot::save(&graph, output)?;
    writeln!(out, "articles: {}", graph.articles.len())?;
    write_counts(&graph, out)?;
    writeln!(out, "snapshot: {}", output.display())?;
    Ok(())
}

fn write_counts(graph: &KnowledgeGraph, out: &mut impl Write) -> Result<()> {
    let (nodes, edges) = graph.counts();
    writeln!(out, "nodes: {}", graph.graph.node_count())?;
    for (label, n) in nodes {
        writeln!(out, "  {:<16}{n:>8}", label.as_str())?;
    }
    writeln!(out, "edges: {}", graph.graph.edge_count())?;
    for (rel, n) in edges {
        writeln!(out, "  {:<16}{n:>8}", rel.as_str())?;
    }
    Ok(())
}

/// `kg stats`.
pub fn stats(snapshot_path: &Path, out: &mut impl Write) -> Result<()> {
    let graph = snapshot::load(snapshot_path)?;
    writeln!(out, "snapshot: {}", snapshot_path.display())?;
    writeln!(out, "articles: {}", graph.articles.len())?;
    write_counts(&graph, out)
}

/// `kg export json`: writes to `output`, or to standard output when it is `-`.
pub fn export_json(snapshot_path: &Path, output: &Path, out: &mut impl Write) -> Result<()> {
    let graph = snapshot::load(snapshot_path)?;
    let text = serde_json::to_string_pretty(&crate::export::json::to_json(&graph))?;
    if output == Path::new("-") {
        writeln!(out, "{text}")?;
        return Ok(());
    }
    write_atomically(output, text.as_bytes())?;
    writeln!(out, "wrote {}", output.display())?;
    Ok(())
}

/// Writes a file whole or not at all: a temporary file in the same folder, then a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).with_context(|| format!("{}: cannot create folder", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("{}: cannot write", dir.display()))?;
    tmp.write_all(bytes)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}

/// The default JSON path for a snapshot: the same name with `.json`.
pub fn json_path_for(snapshot_path: &Path) -> PathBuf {
    snapshot_path.with_extension("json")
}

/// Whether the snapshot is missing or older than an article in `seeds/`.
fn stale(snapshot_path: &Path) -> bool {
    let Ok(built) = fs::metadata(snapshot_path).and_then(|m| m.modified()) else {
        return true;
    };
    let Ok(entries) = fs::read_dir("seeds") else {
        return false;
    };
    entries
        .flatten()
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .any(|t| t > built)
}

/// Loads a snapshot; the default one is built from the seeds first when it is missing or
/// older than them (build messages go to standard error).
pub fn open(snapshot_path: &Path) -> Result<KnowledgeGraph> {
    if snapshot_path == Path::new(DEFAULT_SNAPSHOT) && stale(snapshot_path) {
        let mut err = std::io::stderr();
        writeln!(
            err,
            "building {} from the seed articles",
            snapshot_path.display()
        )?;
        build(&[], snapshot_path, None, &mut std::io::sink())?;
    }
    Ok(snapshot::load(snapshot_path)?)
}

/// `kg repl`: returns whether every statement succeeded.
pub fn repl(snapshot_path: &Path) -> Result<bool> {
    let graph = open(snapshot_path)?;
    let mut session = Session::new(graph, Some(snapshot_path.to_path_buf()));
    Ok(crate::shell::repl::run(&mut session)? == 0)
}

/// The options of `kg query`.
#[derive(Debug, Clone, clap::Args)]
pub struct QueryArgs {
    /// Snapshot to question (the seeds graph is built first when it is missing).
    #[arg(default_value = DEFAULT_SNAPSHOT)]
    pub snapshot: PathBuf,
    /// One statement: a query, a short command or a `:` command.
    #[arg(short = 'c', long = "command", conflicts_with = "file")]
    pub command: Option<String>,
    /// A file of statements (queries end with `;`).
    #[arg(short, long)]
    pub file: Option<PathBuf>,
    /// Output format: a table on a terminal and CSV when piped (auto), or one of them.
    #[arg(long, value_enum, default_value = "auto")]
    pub format: Format,
    /// Row cap.
    #[arg(long, default_value_t = crate::query::eval::DEFAULT_ROW_CAP)]
    pub limit: usize,
    /// Stop a query after this many seconds.
    #[arg(long)]
    pub timeout: Option<f64>,
}

/// `kg query`: results on standard output, messages and timings on standard error.
pub fn query(args: &QueryArgs) -> Result<bool> {
    let text = match (&args.command, &args.file) {
        (Some(c), _) => c.clone(),
        (None, Some(f)) => fs::read_to_string(f)
            .with_context(|| format!("{}: cannot read the script", f.display()))?,
        (None, None) if !std::io::stdin().is_terminal() => {
            let mut t = String::new();
            std::io::stdin().read_to_string(&mut t)?;
            t
        }
        (None, None) => anyhow::bail!(
            "nothing to run: give a query with -c, a script with -f, or pipe statements on stdin \
             (or use `kg repl`)"
        ),
    };
    let graph = open(&args.snapshot)?;
    let mut session = Session::new(graph, Some(args.snapshot.clone()));
    session.format = args.format;
    session.terminal = std::io::stdout().is_terminal();
    session.row_cap = args.limit.max(1);
    session.timeout = args
        .timeout
        .filter(|t| t.is_finite() && *t > 0.0)
        .map(std::time::Duration::from_secs_f64);
    let (mut out, mut msg) = (std::io::stdout().lock(), std::io::stderr());
    let mut io = Io {
        out: &mut out,
        msg: &mut msg,
        picker: &mut NoPicker,
    };
    let failed = if args.command.is_some() {
        match session.execute(&text, &mut io) {
            Ok(_) => 0,
            Err(e) => {
                writeln!(io.msg, "error: {e:#}")?;
                1
            }
        }
    } else {
        session.run_script(&text, &mut io)?
    };
    if failed > 0 {
        anyhow::bail!("{failed} statement(s) failed");
    }
    Ok(true)
}
