//! Graphviz DOT: nodes shaped and coloured by label with a legend, relationships labelled by
//! type (`HOLDS` with its title and date), each district drawn as a cluster around the
//! bodies in it, names escaped. The output is deterministic: nodes and edges in index
//! order, so the same graph gives the same bytes and diffs well.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::graph::KnowledgeGraph;
use crate::schema::{Label, Rel, Value};

/// What a whole-graph picture leaves out unless asked: an article's MENTIONS and REPORTS
/// tie it to everything in it, which buries the picture.
pub const BUSY: [Rel; 2] = [Rel::Mentions, Rel::Reports];

/// A part of the graph to draw.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Nodes.
    pub nodes: BTreeSet<NodeIndex>,
    /// Relationships (their end nodes are drawn too).
    pub edges: BTreeSet<EdgeIndex>,
}

impl Selection {
    /// The whole graph.
    pub fn all(g: &KnowledgeGraph) -> Selection {
        Selection {
            nodes: g.graph().node_indices().collect(),
            edges: g.graph().edge_indices().collect(),
        }
    }

    /// A node and every relationship it has, with the nodes across.
    pub fn around(g: &KnowledgeGraph, n: NodeIndex) -> Selection {
        let mut s = Selection::default();
        s.nodes.insert(n);
        for e in g.graph().edge_indices() {
            if let Some((a, b)) = g.graph().edge_endpoints(e)
                && (a == n || b == n)
            {
                s.edges.insert(e);
            }
        }
        s
    }

    /// This selection without relationships of `rels`, and without the nodes that only
    /// those relationships tied in (an article is drawn through its MENTIONS alone): what
    /// makes the whole graph a picture one can read. Returns how many nodes were left out.
    pub fn without(mut self, g: &KnowledgeGraph, rels: &[Rel]) -> (Selection, usize) {
        let had_edges: BTreeSet<NodeIndex> = self.tied(g);
        self.edges.retain(|e| !rels.contains(&g.graph()[*e].rel));
        let has_edges = self.tied(g);
        let before = self.nodes.len();
        self.nodes
            .retain(|n| has_edges.contains(n) || !had_edges.contains(n));
        let dropped = before - self.nodes.len();
        (self, dropped)
    }

    /// What the picture holds, and what [`Selection::without`] left out (`left_out`
    /// nodes), in one line.
    pub fn summary(&self, left_out: Option<usize>) -> String {
        let mut s = format!("{} nodes, {} edges", self.nodes.len(), self.edges.len());
        if let Some(n) = left_out {
            s.push_str(&format!(
                " (MENTIONS and REPORTS left out, and {n} nodes only they tied in; \
                 --mentions keeps them)"
            ));
        }
        s
    }

    /// The nodes at an end of a selected relationship.
    fn tied(&self, g: &KnowledgeGraph) -> BTreeSet<NodeIndex> {
        self.edges
            .iter()
            .filter_map(|e| g.graph().edge_endpoints(*e))
            .flat_map(|(a, b)| [a, b])
            .collect()
    }

    /// Adds the end nodes of the selected relationships.
    pub fn close(mut self, g: &KnowledgeGraph) -> Selection {
        for e in &self.edges {
            if let Some((a, b)) = g.graph().edge_endpoints(*e) {
                self.nodes.insert(a);
                self.nodes.insert(b);
            }
        }
        self
    }
}

fn style(label: Label) -> (&'static str, &'static str) {
    match label {
        Label::Article => ("note", "#eeeeee"),
        Label::Person => ("ellipse", "#ffe0b2"),
        Label::Province => ("house", "#c8e6c9"),
        Label::District => ("house", "#dcedc8"),
        Label::Commune => ("house", "#f1f8e9"),
        Label::PartyCommittee => ("box", "#ffcdd2"),
        Label::Organization => ("box", "#e1bee7"),
        Label::Meeting => ("octagon", "#bbdefb"),
        Label::Congress => ("doubleoctagon", "#b3e5fc"),
        Label::Programme => ("component", "#fff9c4"),
        Label::Document => ("tab", "#f0f4c3"),
        Label::Election => ("invhouse", "#d7ccc8"),
    }
}

/// Escapes a string for a double-quoted DOT label: quotes and backslashes, newlines as
/// `\n`, control characters dropped, and `&`, `<`, `>` as entities (Graphviz decodes them,
/// and SVG output stays well-formed whatever the name).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\n"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn edge_label(rel: Rel, props: &crate::schema::Props) -> String {
    let get = |k: &str| props.get(k).and_then(Value::as_str).unwrap_or("");
    match rel {
        Rel::Holds => {
            let (t, d) = (get("title"), get("as_of"));
            match (t.is_empty(), d.is_empty()) {
                (false, false) => format!("HOLDS\n{t} ({d})"),
                (false, true) => format!("HOLDS\n{t}"),
                _ => "HOLDS".into(),
            }
        }
        r => r.as_str().to_string(),
    }
}

/// The district each selected body is drawn in: the first district it is `IN`.
fn clusters(g: &KnowledgeGraph, sel: &Selection) -> BTreeMap<NodeIndex, Vec<NodeIndex>> {
    let mut out: BTreeMap<NodeIndex, Vec<NodeIndex>> = BTreeMap::new();
    for n in &sel.nodes {
        let Some(w) = g.graph().node_weight(*n) else {
            continue;
        };
        if w.label == Label::District {
            out.entry(*n).or_default();
            continue;
        }
        let district = g
            .graph()
            .edges_directed(*n, petgraph::Direction::Outgoing)
            .filter(|e| e.weight().rel == Rel::In && g.graph()[e.target()].label == Label::District)
            .map(|e| e.target())
            .filter(|d| sel.nodes.contains(d))
            .min();
        if let Some(d) = district {
            out.entry(d).or_default().push(*n);
        }
    }
    out
}

fn node_line(g: &KnowledgeGraph, n: NodeIndex, indent: &str) -> String {
    let w = &g.graph()[n];
    let (shape, color) = style(w.label);
    format!(
        "{indent}n{} [label=\"{}\", shape={shape}, fillcolor=\"{color}\", tooltip=\"{}\"];\n",
        n.index(),
        escape(&w.name),
        w.label
    )
}

/// The selection as a DOT digraph, with a legend of the labels drawn.
pub fn to_dot(g: &KnowledgeGraph, sel: &Selection) -> String {
    let mut s = String::from(
        "digraph kg {\n  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=10];\n  \
         node [style=filled, fontname=\"Helvetica\", fontsize=10];\n  \
         edge [fontname=\"Helvetica\", fontsize=8];\n",
    );
    let clusters = clusters(g, sel);
    let mut drawn = BTreeSet::new();
    for (district, members) in &clusters {
        let name = escape(&g.graph()[*district].name);
        let _ = writeln!(
            s,
            "  subgraph cluster_d{} {{\n    label=\"{name}\";\n    style=rounded;\n    color=\"#8bc34a\";",
            district.index()
        );
        for n in std::iter::once(district).chain(members) {
            s.push_str(&node_line(g, *n, "    "));
            drawn.insert(*n);
        }
        s.push_str("  }\n");
    }
    for n in &sel.nodes {
        if g.graph().node_weight(*n).is_some() && !drawn.contains(n) {
            s.push_str(&node_line(g, *n, "  "));
        }
    }
    for e in &sel.edges {
        let (Some(w), Some((a, b))) = (g.graph().edge_weight(*e), g.graph().edge_endpoints(*e))
        else {
            continue;
        };
        if !sel.nodes.contains(&a) || !sel.nodes.contains(&b) {
            continue;
        }
        let _ = writeln!(
            s,
            "  n{} -> n{} [label=\"{}\"];",
            a.index(),
            b.index(),
            escape(&edge_label(w.rel, &w.props))
        );
    }
    legend(g, sel, &mut s);
    s.push_str("}\n");
    s
}

fn legend(g: &KnowledgeGraph, sel: &Selection, s: &mut String) {
    let labels: BTreeSet<Label> = sel
        .nodes
        .iter()
        .filter_map(|n| g.graph().node_weight(*n).map(|w| w.label))
        .collect();
    if labels.is_empty() {
        return;
    }
    s.push_str("  subgraph cluster_legend {\n    label=\"Legend\";\n    style=dashed;\n    color=\"#9e9e9e\";\n");
    for l in &labels {
        let (shape, color) = style(*l);
        let _ = writeln!(
            s,
            "    legend_{l} [label=\"{l}\", shape={shape}, fillcolor=\"{color}\"];"
        );
    }
    let order: Vec<String> = labels.iter().map(|l| format!("legend_{l}")).collect();
    if order.len() > 1 {
        let _ = writeln!(s, "    {} [style=invis];", order.join(" -> "));
    }
    s.push_str("  }\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_quotes_backslashes_and_newlines() {
        assert_eq!(escape("a \"b\" \\ c\nd"), "a \\\"b\\\" \\\\ c\\nd");
        assert_eq!(escape("<Hà & Nội>"), "&lt;Hà &amp; Nội&gt;");
    }

    #[test]
    fn output_is_deterministic() {
        let a = crate::text::Article::from_text(
            "a.txt",
            "Tin\n\nĐồng chí Lưu Văn Bình - Bí thư Huyện ủy Gia Lâm phát biểu.".into(),
        );
        let mut g = KnowledgeGraph::new();
        g.add(&a, &crate::extract::extract(&a));
        let one = to_dot(&g, &Selection::all(&g));
        assert_eq!(one, to_dot(&g, &Selection::all(&g)));
        assert!(one.contains("HOLDS\\nBí thư"), "{one}");
        assert!(one.starts_with("digraph kg {") && one.ends_with("}\n"));
    }
}
