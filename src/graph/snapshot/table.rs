//! The body of a format 5 snapshot: every string once in a table, everything else by index.
//!
//! Format 4 stored the graph as its Rust types, so each of a million sources repeated its
//! article's file name and each edge its own discriminator string; decoding made one
//! allocation per string, and the kernel spent most of an open zeroing their pages. Here
//! names, keys, titles, property names and values, discriminators and file names are
//! stored once ([`Strings`]: one UTF-8 check, one allocation), sources are integer
//! triples that share one `Arc<str>` per article when decoded, and article texts stay
//! compressed ([`PackedText`]) until evidence is read from them.
//!
//! Every index read is checked: a body that passed its checksum but names a string, node
//! or article that is not there is a decode error, never a panic.

use std::sync::Arc;

use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::graph::corrections::Correction;
use crate::graph::{Edge, KnowledgeGraph, Node, PackedText, StoredArticle};
use crate::schema::{Label, Props, Rel, Source, Value};

/// Every distinct string of a graph, concatenated: string `i` is `text[ends[i-1]..ends[i]]`.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Strings {
    text: String,
    ends: Vec<u32>,
}

#[derive(Serialize, Deserialize)]
enum ValueRec {
    Null,
    Int(i64),
    Str(u32),
}

/// (string of the article's file name, start, end)
type SourceRec = (u32, u32, u32);

#[derive(Serialize, Deserialize)]
struct NodeRec {
    label: Label,
    name: u32,
    key: u32,
    props: Vec<(u32, ValueRec)>,
    sources: Vec<SourceRec>,
}

#[derive(Serialize, Deserialize)]
struct EdgeRec {
    rel: Rel,
    from: u32,
    to: u32,
    discriminator: u32,
    props: Vec<(u32, ValueRec)>,
    sources: Vec<SourceRec>,
}

#[derive(Serialize, Deserialize)]
struct ArticleRec {
    file: u32,
    hash: [u8; 32],
    text: PackedText,
}

/// The stored body.
#[derive(Serialize, Deserialize)]
pub(super) struct Body {
    strings: Strings,
    nodes: Vec<NodeRec>,
    edges: Vec<EdgeRec>,
    articles: Vec<ArticleRec>,
    corrections: Vec<Correction>,
}

/// Why a graph cannot be written in this format.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EncodeError(String);

/// Interns strings while a body is built.
#[derive(Default)]
struct Interner<'g> {
    ids: HashMap<&'g str, u32>,
    strings: Strings,
}

impl<'g> Interner<'g> {
    fn id(&mut self, s: &'g str) -> Result<u32, EncodeError> {
        if let Some(&i) = self.ids.get(s) {
            return Ok(i);
        }
        let i = u32::try_from(self.strings.ends.len())
            .map_err(|_| EncodeError("more than 2^32 distinct strings".into()))?;
        self.strings.text.push_str(s);
        let end = u32::try_from(self.strings.text.len())
            .map_err(|_| EncodeError("more than 4 GiB of distinct strings".into()))?;
        self.strings.ends.push(end);
        self.ids.insert(s, i);
        Ok(i)
    }

    fn props(&mut self, props: &'g Props) -> Result<Vec<(u32, ValueRec)>, EncodeError> {
        props
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Value::Null => ValueRec::Null,
                    Value::Int(n) => ValueRec::Int(*n),
                    Value::Str(s) => ValueRec::Str(self.id(s)?),
                };
                Ok((self.id(k)?, v))
            })
            .collect()
    }

    fn sources(&mut self, sources: &'g [Source]) -> Result<Vec<SourceRec>, EncodeError> {
        let offset = |n: usize| {
            u32::try_from(n).map_err(|_| EncodeError("an article of 4 GiB or more".into()))
        };
        sources
            .iter()
            .map(|s| Ok((self.id(&s.article)?, offset(s.start)?, offset(s.end)?)))
            .collect()
    }
}

/// The body of `g`.
pub(super) fn encode(g: &KnowledgeGraph) -> Result<Body, EncodeError> {
    let mut t = Interner::default();
    let mut nodes = Vec::with_capacity(g.graph.node_count());
    for n in g.graph.node_weights() {
        nodes.push(NodeRec {
            label: n.label,
            name: t.id(&n.name)?,
            key: t.id(&n.key)?,
            props: t.props(&n.props)?,
            sources: t.sources(&n.sources)?,
        });
    }
    let mut edges = Vec::with_capacity(g.graph.edge_count());
    for e in g.graph.raw_edges() {
        let w = &e.weight;
        edges.push(EdgeRec {
            rel: w.rel,
            from: e.source().index() as u32,
            to: e.target().index() as u32,
            discriminator: t.id(&w.discriminator)?,
            props: t.props(&w.props)?,
            sources: t.sources(&w.sources)?,
        });
    }
    let mut articles = Vec::with_capacity(g.articles.len());
    for a in &g.articles {
        articles.push(ArticleRec {
            file: t.id(&a.file)?,
            hash: a.hash,
            text: a.text.clone(),
        });
    }
    Ok(Body {
        strings: t.strings,
        nodes,
        edges,
        articles,
        corrections: g.corrections.clone(),
    })
}

/// Reads the strings of a decoded body, each file name shared once.
struct Reader {
    strings: Strings,
    shared: HashMap<u32, Arc<str>>,
}

impl Reader {
    fn str(&self, i: u32) -> Result<&str, String> {
        let i = i as usize;
        let end = *self
            .strings
            .ends
            .get(i)
            .ok_or("a string index past the table")?;
        let start = match i {
            0 => 0,
            _ => self.strings.ends[i - 1],
        };
        self.strings
            .text
            .get(start as usize..end as usize)
            .ok_or_else(|| "a string that is not in the table".to_string())
    }

    fn string(&self, i: u32) -> Result<String, String> {
        self.str(i).map(str::to_string)
    }

    fn props(&self, props: Vec<(u32, ValueRec)>) -> Result<Props, String> {
        props
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    ValueRec::Null => Value::Null,
                    ValueRec::Int(n) => Value::Int(n),
                    ValueRec::Str(s) => Value::Str(self.string(s)?),
                };
                Ok((self.string(k)?, v))
            })
            .collect()
    }

    fn sources(&self, sources: Vec<SourceRec>) -> Result<Vec<Source>, String> {
        sources
            .into_iter()
            .map(|(f, start, end)| {
                let article = match self.shared.get(&f) {
                    Some(a) => a.clone(),
                    // a source of no stored article: its own copy of the name
                    None => Arc::from(self.str(f)?),
                };
                Ok(Source {
                    article,
                    start: start as usize,
                    end: end as usize,
                })
            })
            .collect()
    }
}

impl Reader {
    fn node(&self, n: NodeRec) -> Result<Node, String> {
        Ok(Node {
            label: n.label,
            name: self.string(n.name)?,
            key: self.string(n.key)?,
            props: self.props(n.props)?,
            sources: self.sources(n.sources)?,
        })
    }

    fn edge(&self, e: EdgeRec, nodes: usize) -> Result<(NodeIndex, NodeIndex, Edge), String> {
        if e.from as usize >= nodes || e.to as usize >= nodes {
            return Err(format!(
                "a relationship between nodes {} and {} of {nodes}",
                e.from, e.to
            ));
        }
        let edge = Edge {
            rel: e.rel,
            props: self.props(e.props)?,
            sources: self.sources(e.sources)?,
            discriminator: self.string(e.discriminator)?,
        };
        Ok((
            NodeIndex::new(e.from as usize),
            NodeIndex::new(e.to as usize),
            edge,
        ))
    }
}

/// The graph of a body; the error says what in it is wrong. Nodes and relationships are
/// decoded on two threads (this is on the way to a REPL's first prompt).
pub(super) fn decode(body: Body) -> Result<KnowledgeGraph, String> {
    let Body {
        strings,
        nodes,
        edges,
        articles,
        corrections,
    } = body;
    let mut r = Reader {
        strings,
        shared: HashMap::default(),
    };
    // one name for all the sources of an article
    for a in &articles {
        let name: Arc<str> = r.str(a.file)?.into();
        r.shared.insert(a.file, name);
    }
    let count = nodes.len();
    let (nodes, edges) = rayon::join(
        || {
            nodes
                .into_iter()
                .map(|n| r.node(n))
                .collect::<Result<Vec<_>, _>>()
        },
        || {
            edges
                .into_iter()
                .map(|e| r.edge(e, count))
                .collect::<Result<Vec<_>, _>>()
        },
    );
    let (nodes, edges) = (nodes?, edges?);
    let mut graph = DiGraph::with_capacity(nodes.len(), edges.len());
    for n in nodes {
        graph.add_node(n);
    }
    for (a, b, e) in edges {
        graph.add_edge(a, b, e);
    }
    let articles = articles
        .into_iter()
        .map(|a| {
            Ok(StoredArticle {
                file: r.string(a.file)?,
                text: a.text,
                hash: a.hash,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut g = KnowledgeGraph::from_parts(graph, articles);
    g.corrections = corrections;
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_index_past_the_table_is_an_error() {
        let r = Reader {
            strings: Strings {
                text: "ab".into(),
                ends: vec![1, 2],
            },
            shared: HashMap::default(),
        };
        assert_eq!(r.str(0), Ok("a"));
        assert_eq!(r.str(1), Ok("b"));
        assert!(r.str(2).is_err());
        let bad = Reader {
            strings: Strings {
                text: "ủy".into(),
                ends: vec![1],
            },
            shared: HashMap::default(),
        };
        assert!(bad.str(0).is_err(), "not a character boundary");
    }

    #[test]
    fn repeated_strings_are_stored_once() {
        let mut t = Interner::default();
        let a = t.id("Bí thư").unwrap();
        let b = t.id("title").unwrap();
        assert_eq!(t.id("Bí thư").unwrap(), a);
        assert_ne!(a, b);
        assert_eq!(t.strings.text, "Bí thưtitle");
    }
}
