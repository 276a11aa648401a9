//! Reading article files and merging their facts into a graph, in parallel and in order.

use std::fs;
use std::io::Read as _;
use std::path::Path;

use super::{BuildReport, Input, ReadOptions, SEEDS, SkipReason, Skipped, progress};
use crate::extract::extract;
use crate::graph::KnowledgeGraph;
use crate::text::Article;

/// Reads one article file, named `name` in the graph.
fn read_article(path: &Path, name: &str, opts: ReadOptions) -> Result<Article, SkipReason> {
    let limit = opts.max_article_mb.saturating_mul(1 << 20);
    let unreadable = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => SkipReason::Gone,
        _ => SkipReason::Unreadable(e.to_string()),
    };
    // one open, its size from the open file, one read
    let file = fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        return Err(SkipReason::TooLarge {
            bytes: size,
            limit_mb: opts.max_article_mb,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        // it grew while it was read
        return Err(SkipReason::TooLarge {
            bytes: bytes.len() as u64,
            limit_mb: opts.max_article_mb,
        });
    }
    Ok(Article::parse_in(name, &bytes, opts.encoding)?)
}

/// Reads (as `opts` says) and merges the articles whose text is not in `graph` yet;
/// returns how many were already there.
pub fn add_new_articles(
    inputs: &[Input],
    opts: ReadOptions,
    graph: &mut KnowledgeGraph,
    report: &mut BuildReport,
) -> usize {
    use rayon::prelude::*;
    /// Articles read and extracted in parallel before they are merged in order: large
    /// enough to keep every thread busy, small enough to bound the memory held.
    const CHUNK: usize = 512;
    graph.reserve_for_text(inputs.iter().map(|i| i.bytes).sum());
    let bar = progress(inputs.len() as u64, "building");
    let extract_chunk = |chunk: &[Input]| -> Vec<Read> {
        chunk
            .par_iter()
            .map(|input| {
                read_article(&input.path, &input.name, opts).map(|a| {
                    let facts = extract(&a);
                    let prepared = crate::graph::Prepared::of(&a);
                    (a, facts, prepared)
                })
            })
            .collect()
    };
    // A pipeline: while this thread merges one chunk in order, the other workers read and
    // extract the next (and this thread joins them when its merge is done).
    let mut already = 0;
    let mut chunks = inputs.chunks(CHUNK);
    let mut pending = chunks.next().map(|c| (c, extract_chunk(c)));
    while let Some((chunk, done)) = pending.take() {
        let next = chunks.next();
        let ((), extracted) = rayon::join(
            || {
                already += merge_chunk(chunk, done, graph, report);
                bar.inc(chunk.len() as u64);
            },
            || next.map(|c| (c, extract_chunk(c))),
        );
        pending = extracted;
    }
    bar.finish_and_clear();
    already
}

/// An article read and extracted, or why it could not be.
type Read = Result<(Article, crate::extract::Facts, crate::graph::Prepared), SkipReason>;

/// Merges one chunk's articles in input order; returns how many were in the graph already.
fn merge_chunk(
    chunk: &[Input],
    done: Vec<Read>,
    graph: &mut KnowledgeGraph,
    report: &mut BuildReport,
) -> usize {
    let mut already = 0;
    for (input, result) in chunk.iter().zip(done) {
        let path = &input.path;
        match result {
            Ok((article, facts, prepared)) => {
                // BLAKE3 names a text: two different texts never share one
                if graph.has_text(&prepared.hash) {
                    already += 1;
                    continue;
                }
                if let Some(enc) = article.converted_from {
                    report
                        .converted
                        .push((path.display().to_string(), enc.name()));
                }
                graph.add_prepared(&article, &facts, prepared);
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
                reason: e.into(),
            }),
        }
    }
}
