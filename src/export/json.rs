//! The JSON export that `eval/score.py` reads:
//! `{"nodes":[{"id","label","name","key","props","sources"}],"edges":[{"id","type","from","to","props","sources"}]}`.

use serde_json::{Map, Value as Json, json};

use crate::graph::KnowledgeGraph;
use crate::schema::{Props, Source, Value};

/// The whole graph as a JSON value; node ids are their indexes, so the output is stable.
pub fn to_json(g: &KnowledgeGraph) -> Json {
    selection_json(g, &super::dot::Selection::all(g))
}

/// A part of the graph as JSON, in the same shape as [`to_json`].
pub fn selection_json(g: &KnowledgeGraph, sel: &super::dot::Selection) -> Json {
    let nodes: Vec<Json> = sel
        .nodes
        .iter()
        .copied()
        .filter(|i| g.graph.node_weight(*i).is_some())
        .map(|i| {
            let n = &g.graph[i];
            json!({
                "id": i.index(),
                "label": n.label.as_str(),
                "name": n.name,
                "key": n.key,
                "props": props(&n.props),
                "sources": sources(&n.sources),
            })
        })
        .collect();
    let edges: Vec<Json> = sel
        .edges
        .iter()
        .copied()
        .filter_map(|e| {
            let (a, b) = g.graph.edge_endpoints(e)?;
            if !sel.nodes.contains(&a) || !sel.nodes.contains(&b) {
                return None;
            }
            let w = &g.graph[e];
            Some(json!({
                "id": e.index(),
                "type": w.rel.as_str(),
                "from": a.index(),
                "to": b.index(),
                "props": props(&w.props),
                "sources": sources(&w.sources),
            }))
        })
        .collect();
    json!({ "nodes": nodes, "edges": edges })
}

/// Properties as a JSON object (null stays null).
pub fn props(p: &Props) -> Json {
    let map: Map<String, Json> = p
        .iter()
        .map(|(k, v)| {
            let v = match v {
                Value::Null => Json::Null,
                Value::Int(n) => json!(n),
                Value::Str(s) => json!(s),
            };
            (k.clone(), v)
        })
        .collect();
    Json::Object(map)
}

fn sources(s: &[Source]) -> Json {
    s.iter()
        .map(|s| json!({"article": s.article, "start": s.start, "end": s.end}))
        .collect()
}
