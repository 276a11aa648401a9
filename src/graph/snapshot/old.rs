//! Formats 1 to 4, still read: `bincode` of the graph's types as they were then, every
//! string in place, the texts in full. Those types are frozen here (a source named its
//! article and held `usize` offsets), so that the graph's own types can change.

use std::collections::HashMap;

use petgraph::graph::DiGraph;
use serde::Deserialize;

use crate::graph::corrections::Correction;
use crate::graph::{Edge, KnowledgeGraph, Node, PackedText, StoredArticle, text_hash};
use crate::schema::{ArticleId, Label, Props, Rel, Source};

/// A source as formats 1 to 4 stored it.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(super) struct SourceV4 {
    pub(super) article: String,
    pub(super) start: u64,
    pub(super) end: u64,
}

/// A node as formats 1 to 4 stored it.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(super) struct NodeV4 {
    pub(super) label: Label,
    pub(super) name: String,
    pub(super) key: String,
    pub(super) props: Props,
    pub(super) sources: Vec<SourceV4>,
}

/// A relationship as formats 1 to 4 stored it.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(super) struct EdgeV4 {
    pub(super) rel: Rel,
    pub(super) props: Props,
    pub(super) sources: Vec<SourceV4>,
    pub(super) discriminator: String,
}

pub(super) type GraphTypes = DiGraph<NodeV4, EdgeV4>;

/// The graph as format 4 stored it.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(super) struct GraphV4 {
    pub(super) graph: GraphTypes,
    pub(super) articles: Vec<ArticleV3>,
    pub(super) corrections: Vec<Correction>,
}

/// The graph as format 3 stored it: no corrections.
#[derive(Deserialize)]
pub(super) struct GraphV3 {
    graph: GraphTypes,
    articles: Vec<ArticleV3>,
}

/// An article as formats 3 and 4 stored it.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(super) struct ArticleV3 {
    pub(super) file: String,
    pub(super) text: String,
    pub(super) hash: [u8; 32],
}

/// The graph as formats 1 and 2 stored it: articles with a CRC-32 instead of a hash.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(super) struct GraphV2 {
    pub(super) graph: GraphTypes,
    pub(super) articles: Vec<ArticleV2>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(super) struct ArticleV2 {
    pub(super) file: String,
    pub(super) text: String,
    #[allow(dead_code)] // read to skip it: the hash replaces it
    pub(super) checksum: u32,
}

impl GraphV4 {
    pub(super) fn upgrade(self) -> Result<KnowledgeGraph, String> {
        let mut g = graph(self.graph, packed(self.articles))?;
        g.corrections = self.corrections;
        Ok(g)
    }
}

impl GraphV3 {
    pub(super) fn upgrade(self) -> Result<KnowledgeGraph, String> {
        graph(self.graph, packed(self.articles))
    }
}

impl GraphV2 {
    pub(super) fn upgrade(self) -> Result<KnowledgeGraph, String> {
        let articles = self
            .articles
            .into_iter()
            .map(|a| StoredArticle {
                hash: text_hash(&a.text),
                file: a.file,
                text: PackedText::new(&a.text),
            })
            .collect();
        graph(self.graph, articles)
    }
}

fn packed(articles: Vec<ArticleV3>) -> Vec<StoredArticle> {
    articles
        .into_iter()
        .map(|a| StoredArticle {
            text: PackedText::new(&a.text),
            file: a.file,
            hash: a.hash,
        })
        .collect()
}

/// The graph of the old types: each source's article found by its name.
fn graph(old: GraphTypes, articles: Vec<StoredArticle>) -> Result<KnowledgeGraph, String> {
    let ids: HashMap<&str, ArticleId> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.file.as_str(), ArticleId::new(i)))
        .collect();
    let sources = |old: Vec<SourceV4>| -> Result<Vec<Source>, String> {
        old.into_iter()
            .map(|s| {
                let article = *ids.get(s.article.as_str()).ok_or_else(|| {
                    format!("a source in {:?}, which is no stored article", s.article)
                })?;
                let offset =
                    |n: u64| u32::try_from(n).map_err(|_| format!("a source offset of {n}"));
                Ok(Source {
                    article,
                    start: offset(s.start)?,
                    end: offset(s.end)?,
                })
            })
            .collect()
    };
    let mut graph = DiGraph::with_capacity(old.node_count(), old.edge_count());
    let (nodes, edges) = old.into_nodes_edges();
    for n in nodes {
        let n = n.weight;
        graph.add_node(Node {
            label: n.label,
            name: n.name.into(),
            key: n.key,
            props: n.props,
            sources: sources(n.sources)?.into(),
        });
    }
    for e in edges {
        let (a, b, w) = (e.source(), e.target(), e.weight);
        if a.index() >= graph.node_count() || b.index() >= graph.node_count() {
            return Err("a relationship of a node that is not stored".into());
        }
        graph.add_edge(
            a,
            b,
            Edge {
                rel: w.rel,
                props: w.props,
                sources: sources(w.sources)?.into(),
                discriminator: w.discriminator.into(),
            },
        );
    }
    drop(ids);
    Ok(KnowledgeGraph::from_parts(graph, articles))
}
