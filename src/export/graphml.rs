//! GraphML for Gephi, yEd and NetworkX: typed attribute keys (`long` for integer
//! properties, `string` otherwise), one key per property, sources as `file:start-end`
//! items joined with `;`.

use std::fmt::Write as _;

use super::{Column, columns, source_items};
use crate::graph::KnowledgeGraph;
use crate::schema::{Props, Value};

/// Escapes text for XML 1.0 (characters it cannot carry are dropped).
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn key_id(prefix: &str, name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("{prefix}_{clean}")
}

fn graphml_type(c: Column) -> &'static str {
    match c {
        Column::Int => "long",
        Column::Str => "string",
    }
}

fn data(s: &mut String, key: &str, value: &str) {
    let _ = write!(s, "<data key=\"{key}\">{}</data>", xml_escape(value));
}

fn props_data(s: &mut String, prefix: &str, props: &Props) {
    for (k, v) in props {
        match v {
            Value::Null => {}
            Value::Int(n) => data(s, &key_id(prefix, k), &n.to_string()),
            Value::Str(x) => data(s, &key_id(prefix, k), x),
        }
    }
}

/// The whole graph as GraphML.
pub fn to_graphml(g: &KnowledgeGraph) -> String {
    let node_cols = columns(g.graph().node_weights().map(|n| &n.props));
    let edge_cols = columns(g.graph().edge_weights().map(|e| &e.props));
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for name in ["label", "name", "key", "sources"] {
        let _ = writeln!(
            s,
            "  <key id=\"{}\" for=\"node\" attr.name=\"{name}\" attr.type=\"string\"/>",
            key_id("v", name)
        );
    }
    for (name, c) in &node_cols {
        let _ = writeln!(
            s,
            "  <key id=\"{}\" for=\"node\" attr.name=\"{}\" attr.type=\"{}\"/>",
            key_id("n", name),
            xml_escape(name),
            graphml_type(*c)
        );
    }
    for name in ["type", "sources"] {
        let _ = writeln!(
            s,
            "  <key id=\"{}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"string\"/>",
            key_id("r", name)
        );
    }
    for (name, c) in &edge_cols {
        let _ = writeln!(
            s,
            "  <key id=\"{}\" for=\"edge\" attr.name=\"{}\" attr.type=\"{}\"/>",
            key_id("e", name),
            xml_escape(name),
            graphml_type(*c)
        );
    }
    s.push_str("  <graph id=\"kg\" edgedefault=\"directed\">\n");
    for i in g.graph().node_indices() {
        let n = &g.graph()[i];
        let _ = write!(s, "    <node id=\"n{}\">", i.index());
        data(&mut s, "v_label", n.label.as_str());
        data(&mut s, "v_name", &n.name);
        data(&mut s, "v_key", &n.key);
        data(&mut s, "v_sources", &source_items(g, &n.sources).join(";"));
        props_data(&mut s, "n", &n.props);
        s.push_str("</node>\n");
    }
    for e in g.graph().edge_indices() {
        let Some((a, b)) = g.graph().edge_endpoints(e) else {
            continue;
        };
        let w = &g.graph()[e];
        let _ = write!(
            s,
            "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\">",
            e.index(),
            a.index(),
            b.index()
        );
        data(&mut s, "r_type", w.rel.as_str());
        data(&mut s, "r_sources", &source_items(g, &w.sources).join(";"));
        props_data(&mut s, "e", &w.props);
        s.push_str("</edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_carry() {
        assert_eq!(
            xml_escape("a<b & \"c\" 'd'>\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
    }
}
