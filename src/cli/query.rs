//! `kg query` and `kg repl`: a session on a snapshot, the default one built from the seeds
//! when it is missing or stale.

use std::fs;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::{DEFAULT_SNAPSHOT, build};
use crate::corpus::ReadOptions;
use crate::graph::{KnowledgeGraph, snapshot};
use crate::shell::format::Format;
use crate::shell::session::{Io, NoPicker, Session};

/// Whether an article in `seeds/` is newer than the snapshot.
fn older_than_seeds(snapshot_path: &Path) -> bool {
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

/// For a format 1 snapshot, which does not record its origin: whether every article of
/// it is a seed article.
fn articles_are_seeds(snapshot_path: &Path) -> bool {
    let Ok(g) = snapshot::load(snapshot_path) else {
        return false; // a damaged file is reported when it is opened, never replaced
    };
    let mut seeds: std::collections::HashSet<String> = crate::corpus::SEEDS
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    if let Ok(entries) = fs::read_dir("seeds") {
        seeds.extend(
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned()),
        );
    }
    g.articles().iter().all(|a| seeds.contains(&a.file))
}

/// Why the default snapshot is to be rebuilt from the seeds: it is missing, or it was
/// built from the seeds alone and is older than them or was read by another extractor.
/// A snapshot built from other articles is never replaced (the user is told when it is
/// stale), nor is a damaged one (its error is reported when it is opened).
fn rebuild_reason(snapshot_path: &Path) -> Option<&'static str> {
    let header = match snapshot::read_header(snapshot_path) {
        Ok(h) => h,
        Err(snapshot::SnapshotError::Io { error, .. })
            if error.kind() == std::io::ErrorKind::NotFound =>
        {
            return Some("it is missing");
        }
        Err(_) => return None,
    };
    let reason = if older_than_seeds(snapshot_path) {
        "it is older than seeds/"
    } else if header.extractor_changed() {
        "it was read by another version of the extractor"
    } else {
        return None;
    };
    let seeds_only = if header.origin.is_unrecorded() {
        articles_are_seeds(snapshot_path)
    } else {
        header.origin.is_seeds_only()
    };
    if seeds_only {
        return Some(reason);
    }
    if reason == "it is older than seeds/" {
        eprintln!(
            "note: {} is older than seeds/ but holds other articles; it is used as it is \
             (rebuild it with `kg build` to include the seeds)",
            snapshot_path.display()
        );
    }
    None
}

/// Opens a snapshot to question it ([`snapshot::open`]); the default one is first built from the seeds when
/// [`rebuild_reason`] says (build messages go to standard error). A snapshot whose
/// articles another extractor read is used as it is, with a note saying how to rebuild it.
pub fn open(snapshot_path: &Path) -> Result<(KnowledgeGraph, snapshot::Header)> {
    if snapshot_path == Path::new(DEFAULT_SNAPSHOT)
        && let Some(reason) = rebuild_reason(snapshot_path)
    {
        eprintln!(
            "building {} from the seed articles ({reason})",
            snapshot_path.display()
        );
        build(
            &[],
            snapshot_path,
            None,
            ReadOptions::default(),
            &mut std::io::sink(),
        )?;
    }
    let (graph, header) = snapshot::open_with_header(snapshot_path)?;
    if header.extractor_changed() {
        let by = if header.extractor.is_empty() {
            "an older kg".to_string()
        } else {
            format!("extractor {}", header.extractor)
        };
        eprintln!(
            "note: {} was read by {by}, this kg extracts with {}; rebuild it from {} for the current extraction",
            snapshot_path.display(),
            crate::extract::VERSION,
            header.origin
        );
    }
    Ok((graph, header))
}

/// `kg repl`: returns whether every statement succeeded.
pub fn repl(snapshot_path: &Path) -> Result<bool> {
    let (graph, header) = open(snapshot_path)?;
    let mut session = Session::new(graph, Some(snapshot_path.to_path_buf()));
    session.loaded(header);
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
    /// Stop a query after this many seconds (0: no limit).
    #[arg(long)]
    pub timeout: Option<f64>,
    /// Stop a query whose kept rows (ORDER BY, DISTINCT, grouping, collect) pass this many
    /// megabytes.
    #[arg(long, default_value_t = crate::query::eval::DEFAULT_MEMORY_MB)]
    pub memory_mb: usize,
    /// Run the -c statement this many times, discard the output, and print the median and
    /// 99th-percentile latency (for benchmarks).
    #[arg(long, requires = "command")]
    pub repeat: Option<usize>,
}

/// `kg query`: results on standard output, messages and timings on standard error.
pub fn query(args: &QueryArgs) -> Result<bool> {
    let text = match (&args.command, &args.file) {
        (Some(c), _) => c.clone(),
        (None, Some(f)) => {
            let bytes =
                fs::read(f).with_context(|| format!("{}: cannot read the script", f.display()))?;
            crate::shell::session::script_text(bytes, &f.display().to_string())?
        }
        (None, None) if !std::io::stdin().is_terminal() => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes)?;
            crate::shell::session::script_text(bytes, "standard input")?
        }
        (None, None) => anyhow::bail!(
            "nothing to run: give a query with -c, a script with -f, or pipe statements on stdin \
             (or use `kg repl`)"
        ),
    };
    let (graph, header) = open(&args.snapshot)?;
    let mut session = Session::new(graph, Some(args.snapshot.clone()));
    session.loaded(header);
    session.format = args.format;
    session.terminal = std::io::stdout().is_terminal();
    session.row_cap = args.limit.max(1);
    session.memory_mb = crate::shell::session::memory_mb(&args.memory_mb.to_string())
        .map_err(|e| anyhow::anyhow!("--memory-mb {e}"))?;
    session.timeout = match args.timeout {
        Some(secs) => crate::shell::session::timeout_from_secs(secs)
            .map_err(|e| anyhow::anyhow!("--timeout {e}"))?,
        None => None,
    };
    let (mut out, mut msg) = (std::io::stdout().lock(), std::io::stderr());
    let mut io = Io {
        out: &mut out,
        msg: &mut msg,
        picker: &mut NoPicker,
    };
    if let Some(n) = args.repeat {
        return repeat(&mut session, &text, n.max(1));
    }
    let failed = if args.command.is_some() {
        match session.execute(&text, &mut io) {
            Ok(_) => 0,
            Err(e) if crate::shell::session::is_broken_pipe(&e) => return Err(e),
            Err(e) => {
                writeln!(io.msg, "error: {e:#}")?;
                1
            }
        }
    } else {
        session.run_script(&text, &mut io)?
    };
    // The process ends here: the system takes the graph's memory back at once, where
    // dropping it would visit each of its millions of allocations (a tenth of a query
    // process's time on a large graph).
    std::mem::forget(std::mem::take(&mut session.graph));
    std::mem::forget(std::mem::take(&mut session.index));
    if failed > 0 {
        anyhow::bail!("{failed} statement(s) failed");
    }
    Ok(true)
}

/// Runs one statement `n` times with its output discarded; prints the latencies.
fn repeat(session: &mut Session, stmt: &str, n: usize) -> Result<bool> {
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let mut io = Io {
            out: &mut std::io::sink(),
            msg: &mut std::io::sink(),
            picker: &mut NoPicker,
        };
        let started = std::time::Instant::now();
        session.execute(stmt, &mut io)?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    eprintln!(
        "{n} runs: median {:.3} ms, p99 {:.3} ms, min {:.3} ms, max {:.3} ms",
        at(0.5),
        at(0.99),
        times[0],
        times[times.len() - 1]
    );
    Ok(true)
}
