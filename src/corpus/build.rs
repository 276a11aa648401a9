//! A build's reading, below the command line: which articles (the paths given, else the
//! `seeds/` folder, else the embedded seeds), the worker threads, the pipelined read,
//! extract and ordered merge ([`super::add_new_articles`]), and each folder's
//! `corrections.txt`. `kg build` reports and saves what this returns.

use std::fs;
use std::path::{Path, PathBuf};

use super::walk::FileId;
use super::{BuildReport, ReadOptions, add_new_articles, build_seeds, collect_inputs};
use crate::graph::KnowledgeGraph;
use crate::graph::snapshot::Origin;

/// Why a build could not read its inputs (nothing was changed on disk).
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The worker threads did not start.
    #[error("cannot start the worker threads: {0}")]
    Threads(String),
    /// The output is one of the inputs.
    #[error("{0}: is an article this build reads; write to another file")]
    OutputIsInput(PathBuf),
    /// A `corrections.txt` that cannot be read.
    #[error("{0}: cannot read: {1}")]
    Corrections(PathBuf, String),
    /// A `corrections.txt` with a line that does not parse (the line is in the message).
    #[error("{0}")]
    BadCorrection(String),
}

/// What [`read_into`] did.
#[derive(Debug)]
pub struct Built {
    /// Articles whose text was in the graph already.
    pub already: usize,
    /// Where the articles came from.
    pub origin: Origin,
    /// Read from the seeds embedded in the binary (there was no `seeds/` folder).
    pub embedded_seeds: bool,
}

/// Reads the articles of `paths` (none: `seeds/`, or the embedded seeds when there is no
/// such folder and `graph` is new) into `graph` on `opts.jobs` threads, in input order, and
/// the corrections beside them. `output`, the snapshot to be written, must not be among
/// the inputs.
pub fn read_into(
    paths: &[PathBuf],
    graph: &mut KnowledgeGraph,
    output: &Path,
    opts: ReadOptions,
    report: &mut BuildReport,
) -> Result<Built, BuildError> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = opts.jobs {
        builder = builder.num_threads(n.max(1));
    }
    let pool = builder
        .build()
        .map_err(|e| BuildError::Threads(e.to_string()))?;
    let seeds = Path::new("seeds");
    if paths.is_empty() && graph.articles().is_empty() && !seeds.is_dir() {
        build_seeds(graph, report);
        return Ok(Built {
            already: 0,
            origin: Origin::seeds(),
            embedded_seeds: true,
        });
    }
    let defaults = [seeds.to_path_buf()];
    let paths = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    let origin = if paths.iter().all(|p| same_file(p, seeds)) {
        Origin::seeds()
    } else {
        Origin::paths(paths)
    };
    let inputs = collect_inputs(paths, report);
    // a snapshot not written yet is none of them: no input is looked at again
    if let Some(out) = FileId::of_path(output)
        && let Some(i) = inputs
            .iter()
            .find(|i| FileId::of_path(&i.path).as_ref() == Some(&out))
    {
        return Err(BuildError::OutputIsInput(i.path.clone()));
    }
    let already = pool.install(|| add_new_articles(&inputs, opts, graph, report));
    for dir in paths.iter().filter(|p| p.is_dir()) {
        read_corrections(&dir.join(crate::graph::corrections::FILE), graph)?;
    }
    Ok(Built {
        already,
        origin,
        embedded_seeds: false,
    })
}

/// Whether two paths name one file (both must exist).
pub fn same_file(a: &Path, b: &Path) -> bool {
    matches!((FileId::of_path(a), FileId::of_path(b)), (Some(x), Some(y)) if x == y)
}

/// Adds the corrections of a `corrections.txt`, if there is one.
fn read_corrections(path: &Path, graph: &mut KnowledgeGraph) -> Result<(), BuildError> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(BuildError::Corrections(path.to_path_buf(), e.to_string())),
    };
    let lines = crate::graph::corrections::parse(&text, &path.display().to_string())
        .map_err(BuildError::BadCorrection)?;
    graph.correct(&lines);
    Ok(())
}
