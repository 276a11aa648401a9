//! The commands of the `kg` binary: `build`, `export json`, `stats`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, Result};

use crate::corpus::SEEDS;
use crate::extract::extract;
use crate::graph::{KnowledgeGraph, snapshot};
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

/// Reads, extracts and merges the articles into `graph`.
pub fn build_graph(inputs: &[PathBuf], graph: &mut KnowledgeGraph, report: &mut BuildReport) {
    for path in inputs {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let parsed = fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| Article::parse(&name, &bytes).map_err(|e| e.to_string()));
        match parsed {
            Ok(article) => {
                graph.add(&article, &extract(&article));
                report.read += 1;
            }
            Err(reason) => report.skipped.push(Skipped {
                path: path.display().to_string(),
                reason,
            }),
        }
    }
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

/// `kg build`: returns whether every input was read.
pub fn build(paths: &[PathBuf], output: &Path, out: &mut impl Write) -> Result<bool> {
    let started = Instant::now();
    let mut graph = KnowledgeGraph::new();
    let mut report = BuildReport::default();
    if paths.is_empty() && !Path::new("seeds").is_dir() {
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
        build_graph(&inputs, &mut graph, &mut report);
    }
    snapshot::save(&graph, output)?;
    writeln!(out, "articles read: {}", report.read)?;
    writeln!(out, "articles skipped: {}", report.skipped.len())?;
    for s in &report.skipped {
        writeln!(out, "  skipped {}: {}", s.path, s.reason)?;
    }
    write_counts(&graph, out)?;
    writeln!(out, "snapshot: {}", output.display())?;
    writeln!(out, "time: {:.3} s", started.elapsed().as_secs_f64())?;
    Ok(report.skipped.is_empty())
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

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
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
