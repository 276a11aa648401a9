//! The JSON export that `eval/score.py` reads:
//! `{"nodes":[{"id","label","name","key","props","sources"}],"edges":[{"id","type","from","to","props","sources"}]}`.
//!
//! The graph is serialised straight from its nodes and edges, never through a tree of
//! `serde_json::Value`s, which took 13 times the output's size in memory (a 100 000-article
//! graph could not be exported on a 23 GB machine).

use std::io::Write;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value as Json, json};

use super::dot::Selection;
use crate::graph::KnowledgeGraph;
use crate::schema::{Props, Source, Value};

/// Writes the whole graph as pretty JSON; node ids are their indexes, so the output is
/// stable.
pub fn write_json(g: &KnowledgeGraph, w: impl Write) -> serde_json::Result<()> {
    write_selection(g, &Selection::all(g), w)
}

/// Writes a part of the graph as pretty JSON, in the same shape as [`write_json`].
pub fn write_selection(
    g: &KnowledgeGraph,
    sel: &Selection,
    w: impl Write,
) -> serde_json::Result<()> {
    serde_json::to_writer_pretty(w, &Doc { g, sel })
}

/// A part of the graph as a JSON string, in the same shape as [`write_json`].
pub fn selection_json(g: &KnowledgeGraph, sel: &Selection) -> String {
    let mut out = Vec::new();
    // writing into memory fails only on a serialiser error, which these types never give
    let _ = write_selection(g, sel, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

struct Doc<'a> {
    g: &'a KnowledgeGraph,
    sel: &'a Selection,
}

impl Serialize for Doc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("nodes", &Nodes(self))?;
        m.serialize_entry("edges", &Edges(self))?;
        m.end()
    }
}

struct Nodes<'a>(&'a Doc<'a>);

impl Serialize for Nodes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Doc { g, sel } = self.0;
        let mut seq = s.serialize_seq(None)?;
        for &i in sel
            .nodes
            .iter()
            .filter(|i| g.graph().node_weight(**i).is_some())
        {
            let n = &g.graph()[i];
            seq.serialize_element(&json_node(
                i.index(),
                n.label.as_str(),
                &n.name,
                &n.key,
                &n.props,
                SourcesOut(&n.sources, g),
            ))?;
        }
        seq.end()
    }
}

struct Edges<'a>(&'a Doc<'a>);

impl Serialize for Edges<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Doc { g, sel } = self.0;
        let mut seq = s.serialize_seq(None)?;
        for &e in &sel.edges {
            let Some((a, b)) = g.graph().edge_endpoints(e) else {
                continue;
            };
            if !sel.nodes.contains(&a) || !sel.nodes.contains(&b) {
                continue;
            }
            let w = &g.graph()[e];
            seq.serialize_element(&EdgeOut {
                id: e.index(),
                rel: w.rel.as_str(),
                from: a.index(),
                to: b.index(),
                props: PropsOut(&w.props),
                sources: SourcesOut(&w.sources, g),
            })?;
        }
        seq.end()
    }
}

/// One node, its fields in the order of the export.
fn json_node<'a>(
    id: usize,
    label: &'a str,
    name: &'a str,
    key: &'a str,
    props: &'a Props,
    sources: SourcesOut<'a>,
) -> NodeOut<'a> {
    NodeOut {
        id,
        label,
        name,
        key,
        props: PropsOut(props),
        sources,
    }
}

#[derive(serde::Serialize)]
struct NodeOut<'a> {
    id: usize,
    label: &'a str,
    name: &'a str,
    key: &'a str,
    props: PropsOut<'a>,
    sources: SourcesOut<'a>,
}

#[derive(serde::Serialize)]
struct EdgeOut<'a> {
    id: usize,
    #[serde(rename = "type")]
    rel: &'a str,
    from: usize,
    to: usize,
    props: PropsOut<'a>,
    sources: SourcesOut<'a>,
}

/// Properties as a JSON object: null, integer or string values.
struct PropsOut<'a>(&'a Props);

impl Serialize for PropsOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            match v {
                Value::Null => m.serialize_entry(k, &())?,
                Value::Int(n) => m.serialize_entry(k, n)?,
                Value::Str(x) => m.serialize_entry(k, x)?,
            }
        }
        m.end()
    }
}

/// Sources as `{"article", "start", "end"}` objects (the graph names the articles).
struct SourcesOut<'a>(&'a [Source], &'a KnowledgeGraph);

#[derive(serde::Serialize)]
struct SourceOut<'a> {
    article: &'a str,
    start: usize,
    end: usize,
}

impl Serialize for SourcesOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|x| SourceOut {
            article: self.1.file_of(x.article),
            start: x.start as usize,
            end: x.end as usize,
        }))
    }
}

/// Properties as a JSON value (null stays null), for the shell's JSON output.
pub fn props(p: &Props) -> Json {
    let map: Map<String, Json> = p
        .iter()
        .map(|(k, v)| {
            let v = match v {
                Value::Null => Json::Null,
                Value::Int(n) => json!(n),
                Value::Str(s) => json!(s),
            };
            (k.to_string(), v)
        })
        .collect();
    Json::Object(map)
}
