//! The `:` commands that do more than set a value: `:schema`, `:stats`, `:ingest`,
//! `:export`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};

use super::session::{Io, Session};
use crate::corpus::{BuildReport, ReadOptions, add_new_articles, collect_inputs, not_read_line};
use crate::export::dot::to_dot;
use crate::export::json::selection_json;
use crate::export::write_atomically;
use crate::text::Encoding;

/// Labels, relationship types (with the labels they join), properties and counts.
pub fn schema(s: &Session) -> String {
    let g = &s.graph;
    let (nodes, edges) = g.counts();
    let mut out = String::from("labels:\n");
    for (label, n) in &nodes {
        let props = s.index.node_props.get(label).map_or_else(String::new, |p| {
            p.iter().cloned().collect::<Vec<_>>().join(", ")
        });
        let _ = writeln!(
            out,
            "  {:<16}{n:>7}  name, key{}{props}",
            label.as_str(),
            if props.is_empty() { "" } else { ", " }
        );
    }
    let mut ends: BTreeMap<crate::schema::Rel, BTreeSet<(String, String)>> = BTreeMap::new();
    for e in g.graph().edge_indices() {
        if let Some((a, b)) = g.graph().edge_endpoints(e) {
            ends.entry(g.graph()[e].rel).or_default().insert((
                g.graph()[a].label.to_string(),
                g.graph()[b].label.to_string(),
            ));
        }
    }
    out.push_str("relationship types:\n");
    for (rel, n) in &edges {
        let props = s.index.edge_props.get(rel).map_or_else(String::new, |p| {
            p.iter().cloned().collect::<Vec<_>>().join(", ")
        });
        let pairs: Vec<String> = ends
            .get(rel)
            .map(|set| set.iter().map(|(a, b)| format!("{a}→{b}")).collect())
            .unwrap_or_default();
        let _ = writeln!(out, "  {:<16}{n:>7}  {}", rel.as_str(), pairs.join(" "));
        if !props.is_empty() {
            let _ = writeln!(out, "  {:<23}  properties: {props}", "");
        }
    }
    out
}

/// Articles, nodes per label, edges per type.
pub fn stats(s: &Session) -> String {
    let g = &s.graph;
    let (nodes, edges) = g.counts();
    let mut out = format!(
        "articles: {}\nnodes: {}\n",
        g.articles().len(),
        g.graph().node_count()
    );
    for (l, n) in nodes {
        let _ = writeln!(out, "  {:<16}{n:>8}", l.as_str());
    }
    let _ = writeln!(out, "edges: {}", g.graph().edge_count());
    for (r, n) in edges {
        let _ = writeln!(out, "  {:<16}{n:>8}", r.as_str());
    }
    if let Some(p) = &s.snapshot {
        let _ = writeln!(
            out,
            "snapshot: {}{}",
            p.display(),
            if s.dirty { " (unsaved changes)" } else { "" }
        );
    }
    out
}

/// `:ingest [--encoding ENC] PATH…`: reads more articles into the loaded graph; an article
/// already in it (same text) is skipped.
pub fn ingest(s: &mut Session, rest: &str, io: &mut Io<'_>) -> Result<()> {
    let (enc, paths) = ingest_args(rest)?;
    let mut report = BuildReport::default();
    let inputs = collect_inputs(&paths, &mut report);
    let mut stored = s.take_stored()?;
    let before = stored.articles().len();
    let opts = ReadOptions {
        encoding: enc,
        ..Default::default()
    };
    let known = add_new_articles(&inputs, opts, &mut stored, &mut report);
    let added = stored.articles().len() - before;
    if added > 0 {
        s.ingested(&paths);
        s.replace_graph(stored);
        s.dirty = true;
    } else {
        s.put_back(stored);
    }
    for k in &report.skipped {
        writeln!(io.msg, "  skipped {}: {}", k.path, k.reason)?;
    }
    if let Some(line) = not_read_line(&report.not_read) {
        writeln!(io.msg, "{line}")?;
    }
    writeln!(
        io.msg,
        "ingested {added} article(s); {known} already in the graph; {} skipped",
        report.skipped.len()
    )?;
    Ok(())
}

/// The encoding and paths of `:ingest`.
fn ingest_args(rest: &str) -> Result<(Encoding, Vec<PathBuf>)> {
    const USAGE: &str = "usage: :ingest [--encoding auto|utf-8|windows-1258|tcvn3|vni] PATH…";
    let mut enc = Encoding::Auto;
    let mut paths = Vec::new();
    let mut words = rest.split_whitespace();
    while let Some(w) = words.next() {
        if w == "--encoding" {
            let name = words.next().with_context(|| USAGE)?;
            enc = clap::ValueEnum::from_str(name, true)
                .map_err(|_| anyhow::anyhow!("unknown encoding {name}; {USAGE}"))?;
        } else {
            paths.push(PathBuf::from(w));
        }
    }
    if paths.is_empty() {
        bail!("{USAGE}");
    }
    Ok((enc, paths))
}

/// `:export dot|json PATH [QUERY|NAME] [--mentions]`: a picture by the path's extension
/// (`.svg`, `.png`, `.pdf` through Graphviz, else DOT text), or JSON.
pub fn export(s: &mut Session, rest: &str, io: &mut Io<'_>) -> Result<()> {
    let usage = "usage: :export dot|json PATH [QUERY|NAME] [--mentions]";
    let mentions = rest.split_whitespace().any(|w| w == "--mentions");
    let rest = rest.replace("--mentions", "");
    let mut words = rest.trim().splitn(3, char::is_whitespace);
    let (Some(kind), Some(path)) = (words.next(), words.next()) else {
        bail!(usage);
    };
    let what = words.next().unwrap_or("").trim().trim_end_matches(';');
    let target = super::select::target(what);
    let path = std::path::Path::new(path);
    let (sel, left_out) = match kind.to_ascii_lowercase().as_str() {
        "dot" => {
            let (sel, left_out) =
                super::select::picture(&s.graph, &s.index, &s.params, target, mentions)?;
            crate::export::picture::write(path, &to_dot(&s.graph, &sel))?;
            (sel, left_out)
        }
        "json" => {
            let sel = super::select::select(&s.graph, &s.index, &s.params, target)?;
            write_atomically(path, selection_json(&s.graph, &sel).as_bytes())?;
            (sel, None)
        }
        _ => bail!(usage),
    };
    writeln!(
        io.msg,
        "wrote {}: {}",
        path.display(),
        sel.summary(left_out)
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ingest_takes_paths_and_an_encoding() {
        let (enc, paths) = ingest_args("a.txt --encoding TCVN3 old/").unwrap();
        assert_eq!(enc, Encoding::Tcvn3);
        assert_eq!(paths, [PathBuf::from("a.txt"), PathBuf::from("old/")]);
        assert_eq!(ingest_args("x.html").unwrap().0, Encoding::Auto);
        let err = ingest_args("a.txt --encoding koi8")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("unknown encoding koi8; usage: :ingest"),
            "{err}"
        );
        assert!(ingest_args("--encoding vni").is_err());
        assert!(ingest_args("a.txt --encoding").is_err());
    }
}
