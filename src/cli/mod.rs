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

use crate::corpus::{BuildReport, ReadOptions, not_read_line};
use crate::graph::{Counts, KnowledgeGraph, snapshot};

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

/// How long a command that changes a snapshot waits for another one that holds it.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(600);

/// Takes the lock of `path` for a change, telling the user on standard error when it
/// waits for another kg.
fn begin_update(path: &Path) -> Result<snapshot::Update> {
    let mut waiting = |holder: &str| {
        eprintln!(
            "waiting for {}: another kg is changing it ({holder})",
            path.display()
        );
    };
    Ok(snapshot::Update::begin(path, LOCK_WAIT, &mut waiting)?)
}

use crate::corpus::build::same_file;

/// `kg build`: reads articles into a new graph, or into the snapshot `into` (articles
/// already in it are skipped by content), and saves it to `output`. Articles are read and
/// extracted on `jobs` threads (all cores by default) and merged in input order, so the
/// snapshot is the same whatever the number of threads. When `into` is `output`, the
/// snapshot's lock is held from its load to the rename of the new one, so that another
/// writer's articles are never dropped. Returns whether every input was read.
pub fn build(
    paths: &[PathBuf],
    output: &Path,
    into: Option<&Path>,
    opts: ReadOptions,
    out: &mut impl Write,
) -> Result<bool> {
    let started = Instant::now();
    // Held from the load when the build changes the snapshot it loads; else taken only to
    // save, so that a long build keeps no one else waiting.
    let mut update = None;
    let (mut graph, mut origin) = match into {
        Some(p) => {
            let loaded = if same_file(p, output) {
                let u = begin_update(output)?;
                let loaded = u.load();
                update = Some(u);
                loaded
            } else {
                snapshot::load_with_header(p)
            };
            let (g, header) = loaded.with_context(
                || "--into takes an existing snapshot; build one first with `kg build`",
            )?;
            (g, header.origin)
        }
        None => (KnowledgeGraph::new(), snapshot::Origin::default()),
    };
    let before = graph.articles().len();
    let mut report = BuildReport::default();
    let built = crate::corpus::read_into(paths, &mut graph, output, opts, &mut report)?;
    if built.embedded_seeds {
        writeln!(
            out,
            "reading the embedded seed articles (no seeds/ folder here)"
        )?;
    }
    let (already, read) = (built.already, built.origin);
    if graph.articles().is_empty() {
        // An empty folder or a mistyped path must not replace a snapshot with nothing.
        write_skips(&report, out)?;
        anyhow::bail!(
            "no article was read, so {} was not written; check the paths given to kg build",
            output.display()
        );
    }
    origin = origin.union(&read);
    let mut corrections = Vec::new();
    write_corrections(&graph, &mut corrections)?;
    let saving = Instant::now();
    let update = match update {
        Some(u) => u,
        None => begin_update(output)?,
    };
    update.commit(&graph, &origin)?;
    let saved = saving.elapsed().as_secs_f64();
    // saved: what is reported from here on is the graph people question
    let articles = graph.articles().len();
    let counts = graph.resolved_counts();
    writeln!(out, "articles read: {}", report.read)?;
    if already > 0 || into.is_some() {
        writeln!(out, "articles already in the graph: {already}")?;
    }
    for (path, enc) in &report.converted {
        writeln!(out, "  converted {path} from {enc}")?;
    }
    write_skips(&report, out)?;
    out.write_all(&corrections)?;
    if into.is_some() {
        writeln!(
            out,
            "articles in the graph: {articles} ({} new)",
            articles - before
        )?;
    }
    write_counts(counts, out)?;
    writeln!(out, "snapshot: {}", output.display())?;
    writeln!(out, "save: {saved:.3} s")?;
    writeln!(out, "time: {:.3} s", started.elapsed().as_secs_f64())?;
    // as `kg stats` and `kg query` do: the process ends next, and dropping the graph
    // would visit each of its allocations (about 0.4 s at 100 000 articles)
    std::mem::forget(graph);
    Ok(report.skipped.is_empty())
}

/// What each correction did, a line each; a correction naming no one stops the command
/// before anything is written.
fn write_corrections(graph: &KnowledgeGraph, out: &mut impl Write) -> Result<()> {
    let lines = graph
        .check_corrections()
        .map_err(|e| anyhow::anyhow!("{e}; nothing was written: correct the line, or remove it"))?;
    for line in lines {
        writeln!(out, "correction {line}")?;
    }
    Ok(())
}

/// `kg merge`: graphs built from different article sets become one.
///
/// The output's lock is held from before the inputs are loaded to the rename, so that
/// merging onto one of the inputs loses nothing another writer adds meanwhile. The
/// snapshot is saved before anything is reported, so that a reader that goes away
/// (`kg merge … | head -1`) cannot stop the save.
pub fn merge(inputs: &[PathBuf], output: &Path, out: &mut impl Write) -> Result<()> {
    let update = begin_update(output)?;
    let mut graph = KnowledgeGraph::new();
    let mut origin = snapshot::Origin::default();
    let mut lines = Vec::new();
    for p in inputs {
        let (g, header) = if same_file(p, output) {
            update.load()?
        } else {
            snapshot::load_with_header(p)?
        };
        origin = origin.union(&header.origin);
        let twice: Vec<&str> = g
            .articles()
            .iter()
            .filter(|a| graph.has_text(&a.hash))
            .map(|a| a.file.as_str())
            .collect();
        let before = graph.articles().len();
        graph.merge(&g);
        let new = graph.articles().len() - before;
        lines.push(format!(
            "{}: {} articles ({} new, {} already merged{}), {} nodes, {} edges",
            p.display(),
            g.articles().len(),
            new,
            g.articles().len() - new,
            some_of(&twice),
            g.graph().node_count(),
            g.graph().edge_count()
        ));
    }
    let mut corrections = Vec::new();
    write_corrections(&graph, &mut corrections)?;
    update.commit(&graph, &origin)?;
    let articles = graph.articles().len();
    let counts = graph.resolved_counts();
    for line in lines {
        writeln!(out, "{line}")?;
    }
    out.write_all(&corrections)?;
    writeln!(out, "articles: {articles}")?;
    write_counts(counts, out)?;
    writeln!(out, "snapshot: {}", output.display())?;
    // as `kg build` does: the process ends next, with no need to free the graph piece by
    // piece
    std::mem::forget(graph);
    Ok(())
}

/// ": a.txt, b.txt, c.txt and 2 more" for a report line; nothing for no names.
fn some_of(names: &[&str]) -> String {
    const SHOWN: usize = 3;
    if names.is_empty() {
        return String::new();
    }
    let mut out = format!(": {}", names[..names.len().min(SHOWN)].join(", "));
    if names.len() > SHOWN {
        out.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    out
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

/// Node and edge counts; give those of the graph people question (its people resolved).
fn write_counts((nodes, edges): Counts, out: &mut impl Write) -> Result<()> {
    writeln!(out, "nodes: {}", nodes.values().sum::<usize>())?;
    for (label, n) in nodes {
        writeln!(out, "  {:<16}{n:>8}", label.as_str())?;
    }
    writeln!(out, "edges: {}", edges.values().sum::<usize>())?;
    for (rel, n) in edges {
        writeln!(out, "  {:<16}{n:>8}", rel.as_str())?;
    }
    Ok(())
}

/// `kg stats`.
pub fn stats(snapshot_path: &Path, out: &mut impl Write) -> Result<()> {
    let loading = Instant::now();
    let (graph, header) = snapshot::open_with_header(snapshot_path)?;
    let loaded = loading.elapsed().as_secs_f64();
    writeln!(out, "snapshot: {}", snapshot_path.display())?;
    writeln!(out, "articles: {}", graph.articles().len())?;
    write_counts(graph.counts(), out)?;
    let bytes = fs::metadata(snapshot_path).map_or(0, |m| m.len());
    writeln!(out, "size: {bytes} bytes")?;
    writeln!(out, "load: {loaded:.3} s")?;
    writeln!(out, "built from: {}", header.origin)?;
    let extractor = match (header.extractor.as_str(), header.extractor_changed()) {
        ("", _) => "not recorded (a format 1 snapshot)".to_string(),
        (e, false) => format!("{e} (this kg's)"),
        (e, true) => format!(
            "{e} (this kg extracts with {}; rebuild for the current extraction)",
            crate::extract::VERSION
        ),
    };
    writeln!(out, "extractor: {extractor}")?;
    writeln!(out, "generation: {}", header.generation)?;
    // as `kg query` does: the process ends here, and the system takes the memory back at
    // once, where dropping the graph would visit each of its allocations
    std::mem::forget(graph);
    Ok(())
}
