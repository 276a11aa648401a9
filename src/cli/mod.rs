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

use crate::corpus::SEEDS;
use crate::extract::extract;
use crate::graph::{KnowledgeGraph, snapshot};
use crate::text::{Article, Encoding};

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

/// How `kg build` reads articles.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Threads reading and extracting articles (all cores when `None`).
    pub jobs: Option<usize>,
    /// `--encoding`.
    pub encoding: Encoding,
    /// `--max-article-mb`: a larger file is skipped before it is read, not read whole
    /// and then found to be no article.
    pub max_article_mb: u64,
}

/// The size above which a file is not read as an article unless `--max-article-mb` says.
pub const DEFAULT_MAX_ARTICLE_MB: u64 = 64;

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            jobs: None,
            encoding: Encoding::Auto,
            max_article_mb: DEFAULT_MAX_ARTICLE_MB,
        }
    }
}

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

/// The outcome of a build.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Articles read.
    pub read: usize,
    /// Files that could not be read.
    pub skipped: Vec<Skipped>,
    /// Files read from a legacy encoding: (path, encoding).
    pub converted: Vec<(String, &'static str)>,
    /// Files of folders that are not articles, counted by extension (`""` for none).
    pub not_read: std::collections::BTreeMap<String, usize>,
}

/// The files a folder is searched for: plain text and saved web pages. A file named on
/// the command line is read whatever its name, and as HTML if it is a page.
pub const ARTICLE_EXTENSIONS: [&str; 3] = ["txt", "html", "htm"];

/// Every article file under `paths` (folders are walked for [`ARTICLE_EXTENSIONS`]),
/// sorted. Each real folder is walked once and each real file taken once, whatever the
/// symbolic links between them (a link back to a parent would loop forever); the files
/// of folders that are not articles are counted in `report.not_read`.
pub fn collect_inputs(paths: &[PathBuf], report: &mut BuildReport) -> Vec<PathBuf> {
    let mut w = Walk {
        out: Vec::new(),
        seen_dirs: std::collections::HashSet::new(),
        seen_files: std::collections::HashSet::new(),
        report,
    };
    for p in paths {
        if p.is_dir() {
            w.dir(p);
        } else if p.is_file() {
            w.file(p.clone());
        } else {
            w.report.skipped.push(not_a_file(p));
        }
    }
    let mut out = w.out;
    out.sort();
    out.dedup();
    out
}

struct Walk<'a> {
    out: Vec<PathBuf>,
    seen_dirs: std::collections::HashSet<PathBuf>,
    seen_files: std::collections::HashSet<PathBuf>,
    report: &'a mut BuildReport,
}

impl Walk<'_> {
    fn dir(&mut self, dir: &Path) {
        let real = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.seen_dirs.insert(real) {
            return; // walked already, under another name
        }
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.report.skipped.push(Skipped {
                    path: dir.display().to_string(),
                    reason: e.to_string(),
                });
                return;
            }
        };
        let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.sort(); // the same order, and so the same names kept, on every run
        for p in entries {
            let ext = p.extension().map(|e| e.to_string_lossy().to_lowercase());
            if p.is_dir() {
                self.dir(&p);
            } else if ext
                .as_deref()
                .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e))
            {
                if p.is_file() {
                    self.file(p);
                } else {
                    self.report.skipped.push(not_a_file(&p));
                }
            } else {
                *self
                    .report
                    .not_read
                    .entry(ext.unwrap_or_default())
                    .or_default() += 1;
            }
        }
    }

    fn file(&mut self, p: PathBuf) {
        let real = fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if self.seen_files.insert(real) {
            self.out.push(p);
        }
    }
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

/// "files not read: 2 .aspx, 1 .md (folders are searched for .txt, .html and .htm)".
pub fn not_read_line(counts: &std::collections::BTreeMap<String, usize>) -> Option<String> {
    if counts.is_empty() {
        return None;
    }
    let kinds: Vec<String> = counts
        .iter()
        .map(|(ext, n)| match ext.as_str() {
            "" => format!("{n} without an extension"),
            e => format!("{n} .{e}"),
        })
        .collect();
    Some(format!(
        "files not read: {} (folders are searched for .txt, .html and .htm; name a file to read it whatever its name)",
        kinds.join(", ")
    ))
}

/// Why a path that is not a folder cannot be read: it is missing (or a link to nothing),
/// or it is a pipe, socket or device, whose reading could block forever.
fn not_a_file(p: &Path) -> Skipped {
    let link = fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    let reason = match (link, p.exists()) {
        (true, false) => "broken symbolic link",
        (_, true) => "not a regular file (a pipe, socket or device)",
        (false, false) => "no such file or folder",
    };
    Skipped {
        path: p.display().to_string(),
        reason: reason.into(),
    }
}

/// Reads one article file; the error is one line.
fn read_article(path: &Path, opts: ReadOptions) -> Result<Article, String> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let limit = opts.max_article_mb.saturating_mul(1 << 20);
    if let Ok(m) = fs::metadata(path)
        && m.len() > limit
    {
        return Err(format!(
            "{:.1} MB, more than an article can be ({} MB); if it is one, build again with --max-article-mb {}",
            m.len() as f64 / 1e6,
            opts.max_article_mb,
            m.len().div_ceil(1 << 20)
        ));
    }
    let bytes = fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            "gone before it could be read (moved or deleted during the build)".to_string()
        }
        _ => format!("cannot read: {e}"),
    })?;
    Article::parse_in(&name, &bytes, opts.encoding).map_err(|e| e.to_string())
}

/// Reads (as `opts` says) and merges the articles whose text is not in `graph` yet;
/// returns how many were already there.
pub fn add_new_articles(
    inputs: &[PathBuf],
    opts: ReadOptions,
    graph: &mut KnowledgeGraph,
    report: &mut BuildReport,
) -> usize {
    use rayon::prelude::*;
    /// Articles read and extracted in parallel before they are merged in order: large
    /// enough to keep every thread busy, small enough to bound the memory held.
    const CHUNK: usize = 512;
    let mut known: std::collections::HashSet<u32> =
        graph.articles.iter().map(|a| a.checksum).collect();
    // A checksum names a text; equal checksums of different texts are rare enough that
    // the second article is reported as already there rather than silently merged.
    let mut already = 0;
    let bar = progress(inputs.len() as u64, "building");
    for chunk in inputs.chunks(CHUNK) {
        let done: Vec<_> = chunk
            .par_iter()
            .map(|path| {
                read_article(path, opts).map(|a| {
                    let facts = extract(&a);
                    (a, facts)
                })
            })
            .collect();
        for (path, result) in chunk.iter().zip(done) {
            match result {
                Ok((article, facts)) => {
                    if !known.insert(crc32fast::hash(article.text.as_bytes())) {
                        already += 1;
                        continue;
                    }
                    if let Some(enc) = article.converted_from {
                        report
                            .converted
                            .push((path.display().to_string(), enc.name()));
                    }
                    graph.add(&article, &facts);
                    report.read += 1;
                }
                Err(reason) => report.skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason,
                }),
            }
        }
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
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

/// Writes a file whole or not at all: a temporary file in the same folder, then a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    snapshot::check_target(path)?;
    let dir = snapshot::folder_of(path);
    fs::create_dir_all(dir).with_context(|| format!("{}: cannot create folder", dir.display()))?;
    // What a killed export left, old enough not to be another export's file in flight
    // (exports take no lock, so that no lock file sits beside every CSV file).
    snapshot::remove_leftovers_older_than(path, std::time::Duration::from_secs(60));
    let mut tmp =
        snapshot::temp_beside(path).with_context(|| format!("{}: cannot write", dir.display()))?;
    tmp.write_all(bytes)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    snapshot::readable(tmp.as_file())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}

/// A progress bar on standard error when it is a terminal, hidden otherwise.
pub fn progress(len: u64, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg} {bar:40} {pos}/{len} articles, {per_sec}, {eta} left",
    ) {
        bar.set_style(style);
    }
    bar.set_message(what.to_string());
    bar
}
