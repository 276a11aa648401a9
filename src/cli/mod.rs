//! The commands of the `kg` binary: `build`, `merge`, `stats` here; `query` and `repl` in
//! [`query`]; the exports in [`export`].

pub mod export;
pub mod query;
pub mod synth;

pub use export::*;
pub use query::*;
pub use synth::synth;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, Result};

use crate::corpus::{
    BuildReport, ReadOptions, add_new_articles, build_seeds, collect_inputs, not_read_line,
};
use crate::graph::{KnowledgeGraph, snapshot};

/// Where snapshots and exports go by default.
pub const DEFAULT_SNAPSHOT: &str = "graph/seeds.kg";

/// Refuses to write `output` when it is the same file as `input` (what a command reads).
pub fn not_the_same(output: &Path, input: &Path, what: &str) -> Result<()> {
    let same = match (fs::canonicalize(output), fs::canonicalize(input)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        anyhow::bail!("{}: is {what}; write to another file", output.display());
    }
    Ok(())
}

/// Where `kg build` writes without `-o`: the seeds graph for the seeds, else
/// `graph/<NAME>.kg` after the first path's name, so that building a corpus never
/// replaces the seeds graph (nor another corpus's).
pub fn default_output(paths: &[PathBuf]) -> PathBuf {
    let name = paths
        .first()
        .and_then(|p| {
            let p = fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            p.file_stem().map(|s| s.to_string_lossy().into_owned())
        })
        .filter(|n| !n.is_empty());
    match name {
        Some(n) => Path::new("graph").join(format!("{n}.kg")),
        None => PathBuf::from(DEFAULT_SNAPSHOT),
    }
}

/// `kg build`: reads articles into a new graph, or into the snapshot `into` (articles
/// already in it are skipped by content), and saves it to `output`. Articles are read and
/// extracted on `jobs` threads (all cores by default) and merged in input order, so the
/// snapshot is the same whatever the number of threads. Returns whether every input was
/// read.
pub fn build(
    paths: &[PathBuf],
    output: &Path,
    into: Option<&Path>,
    opts: ReadOptions,
    out: &mut impl Write,
) -> Result<bool> {
    let jobs = opts.jobs;
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        builder = builder.num_threads(n.max(1));
    }
    let pool = builder.build().context("cannot start the worker threads")?;
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
        let inputs = collect_inputs(paths, &mut report);
        for input in &inputs {
            not_the_same(output, input, "an article this build reads")?;
        }
        already = pool.install(|| add_new_articles(&inputs, opts, &mut graph, &mut report));
    }
    if graph.articles.is_empty() {
        // An empty folder or a mistyped path must not replace a snapshot with nothing.
        write_skips(&report, out)?;
        anyhow::bail!(
            "no article was read, so {} was not written; check the paths given to kg build",
            output.display()
        );
    }
    let saving = Instant::now();
    snapshot::save(&graph, output)?;
    let saved = saving.elapsed().as_secs_f64();
    writeln!(out, "articles read: {}", report.read)?;
    if already > 0 || into.is_some() {
        writeln!(out, "articles already in the graph: {already}")?;
    }
    for (path, enc) in &report.converted {
        writeln!(out, "  converted {path} from {enc}")?;
    }
    write_skips(&report, out)?;
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
    writeln!(out, "save: {saved:.3} s")?;
    writeln!(out, "time: {:.3} s", started.elapsed().as_secs_f64())?;
    Ok(report.skipped.is_empty())
}

/// `kg merge`: graphs built from different article sets become one.
///
/// The snapshot is saved before anything is reported, so that a reader that goes away
/// (`kg merge … | head -1`) cannot stop the save.
pub fn merge(inputs: &[PathBuf], output: &Path, out: &mut impl Write) -> Result<()> {
    let mut graph = KnowledgeGraph::new();
    let mut lines = Vec::new();
    for p in inputs {
        let g = snapshot::load(p)?;
        let before = graph.articles.len();
        graph.merge(&g);
        let new = graph.articles.len() - before;
        lines.push(format!(
            "{}: {} articles ({} new, {} already merged), {} nodes, {} edges",
            p.display(),
            g.articles.len(),
            new,
            g.articles.len() - new,
            g.graph.node_count(),
            g.graph.edge_count()
        ));
    }
    snapshot::save(&graph, output)?;
    for line in lines {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "articles: {}", graph.articles.len())?;
    write_counts(&graph, out)?;
    writeln!(out, "snapshot: {}", output.display())?;
    Ok(())
}

/// The skipped files, one line each, and the files not read.
fn write_skips(report: &BuildReport, out: &mut impl Write) -> Result<()> {
    writeln!(out, "articles skipped: {}", report.skipped.len())?;
    for s in &report.skipped {
        writeln!(out, "  skipped {}: {}", s.path, s.reason)?;
    }
    if let Some(line) = not_read_line(&report.not_read) {
        writeln!(out, "{line}")?;
    }
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
    let loading = Instant::now();
    let graph = snapshot::load(snapshot_path)?;
    let loaded = loading.elapsed().as_secs_f64();
    writeln!(out, "snapshot: {}", snapshot_path.display())?;
    writeln!(out, "articles: {}", graph.articles.len())?;
    write_counts(&graph, out)?;
    let bytes = fs::metadata(snapshot_path).map_or(0, |m| m.len());
    writeln!(out, "size: {bytes} bytes")?;
    writeln!(out, "load: {loaded:.3} s")?;
    Ok(())
}
