//! `show NAME`: an entity card — label, properties, every relationship grouped by type and
//! direction, with dates, and the articles it comes from.

use std::fmt::Write as _;

use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::query::{Output, Val};
use crate::schema::Value;

use super::format::{prop_text, props_inline};

/// Renders the card of `n` from the rows of [`super::short::show_query`].
pub fn card(g: &KnowledgeGraph, n: NodeIndex, rels: &Output) -> String {
    let w = &g.graph[n];
    let mut s = format!("{}  ({} #{})\n", w.name, w.label, n.index());
    let _ = writeln!(s, "  key: {}", w.key);
    for (k, v) in w.props.iter().filter(|(_, v)| **v != Value::Null) {
        let _ = writeln!(s, "  {k}: {}", prop_text(v));
    }
    let mut heading = String::new();
    for row in &rels.rows {
        let [Val::Str(rel), Val::Bool(out), Val::Edge(e), Val::Node(m)] = &row[..] else {
            continue;
        };
        let h = if *out {
            format!("{rel} →")
        } else {
            format!("← {rel}")
        };
        if h != heading {
            let _ = writeln!(s, "{h}");
            heading = h;
        }
        let other = &g.graph[*m];
        let props =
            props_inline(&g.graph[*e].props).map_or_else(String::new, |p| format!("  {{{p}}}"));
        let _ = writeln!(s, "  {} ({}){props}", other.name, other.label);
    }
    // Once each, in order: after a merge a node's sources need not be grouped by article.
    let mut files: Vec<&str> = Vec::new();
    for x in &w.sources {
        if !files.contains(&x.article.as_str()) {
            files.push(&x.article);
        }
    }
    let _ = writeln!(
        s,
        "sources: {} article(s): {}",
        files.len(),
        files.join(", ")
    );
    s
}
