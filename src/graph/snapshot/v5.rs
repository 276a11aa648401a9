//! Format 5, still read: the string table of format 6 in one `bincode` value, the texts
//! inside it. Decoded whole, then turned into the graph's types.

use serde::Deserialize;

use petgraph::graph::{DiGraph, NodeIndex};

use super::table::{EdgeRec, NodeRec, Reader, Shared, Strings};
use crate::graph::corrections::Correction;
use crate::graph::{Edge, KnowledgeGraph, Node, PackedText, StoredArticle};

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct Packed {
    packed: Vec<u8>,
    len: u32,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct ArticleRec {
    file: u32,
    hash: [u8; 32],
    text: Packed,
}

/// The body as format 5 stored it.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(super) struct Body {
    strings: Strings,
    nodes: Vec<NodeRec>,
    edges: Vec<EdgeRec>,
    articles: Vec<ArticleRec>,
    corrections: Vec<Correction>,
}

/// The graph from its decoded nodes and relationships.
fn assemble(
    nodes: Vec<Node>,
    edges: Vec<(NodeIndex, NodeIndex, Edge)>,
    articles: Vec<StoredArticle>,
    corrections: Vec<Correction>,
) -> KnowledgeGraph {
    let mut graph = DiGraph::with_capacity(nodes.len(), edges.len());
    for n in nodes {
        graph.add_node(n);
    }
    for (a, b, e) in edges {
        graph.add_edge(a, b, e);
    }
    let mut g = KnowledgeGraph::from_parts(graph, articles);
    g.corrections = corrections;
    g
}

/// The graph of a format 5 body; the error says what in it is wrong.
pub(super) fn decode(body: Body) -> Result<KnowledgeGraph, String> {
    let Body {
        strings,
        nodes,
        edges,
        articles,
        corrections,
    } = body;
    let mut r = Reader::new(&strings);
    for a in &articles {
        r.article(a.file)?;
    }
    let count = nodes.len();
    let (nodes, edges) = rayon::join(
        || {
            let mut shared = Shared::default();
            nodes
                .into_iter()
                .map(|n| r.node(n, &mut shared))
                .collect::<Result<Vec<_>, _>>()
        },
        || {
            let mut shared = Shared::default();
            edges
                .into_iter()
                .map(|e| r.edge(e, count, &mut shared))
                .collect::<Result<Vec<_>, _>>()
        },
    );
    let articles = articles
        .into_iter()
        .map(|a| {
            Ok(StoredArticle {
                file: r.string(a.file)?,
                text: PackedText::from_packed(a.text.packed, a.text.len),
                hash: a.hash,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(assemble(nodes?, edges?, articles, corrections))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::snapshot::table::ValueRec;
    use crate::schema::{Label, Rel};

    fn table(strings: &[&str]) -> Strings {
        let mut t = Strings::default();
        for s in strings {
            t.text.push_str(s);
            t.ends.push(t.text.len() as u32);
        }
        t
    }

    #[test]
    fn a_format_5_body_decodes_with_its_texts_in_memory() {
        let text = "Tin\n\nĐồng chí Lưu Văn Bình phát biểu.";
        let packed = PackedText::new(text);
        let body = Body {
            strings: table(&["a.txt", "Lưu Văn Bình", "luu van binh", "title"]),
            nodes: vec![NodeRec {
                label: Label::Person,
                name: 1,
                key: 2,
                props: vec![(3, ValueRec::Str(1))],
                sources: smallvec::smallvec![(0, 6, 40)],
            }],
            edges: vec![EdgeRec {
                rel: Rel::Mentions,
                from: 0,
                to: 0,
                discriminator: 3,
                props: vec![],
                sources: smallvec::smallvec![(0, 6, 40)],
            }],
            articles: vec![ArticleRec {
                file: 0,
                hash: [7; 32],
                text: Packed {
                    packed: packed.packed().unwrap().into_owned(),
                    len: packed.len() as u32,
                },
            }],
            corrections: vec![],
        };
        // framed as a format 5 file, as an older kg saved it
        let meta = bincode::serialize(&(
            crate::graph::snapshot::Origin::seeds(),
            crate::extract::VERSION.to_string(),
            1u64,
        ))
        .unwrap();
        let mut bytes = super::super::frame(&meta, &bincode::serialize(&body).unwrap(), &[]);
        bytes[8..12].copy_from_slice(&5u32.to_le_bytes());
        let (g, header) =
            super::super::from_bytes_with_header(&bytes, std::path::Path::new("v5.kg")).unwrap();
        assert_eq!(header.version, 5);
        let n = &g.graph[petgraph::graph::NodeIndex::new(0)];
        assert_eq!((&*n.name, n.key.as_str()), ("Lưu Văn Bình", "luu van binh"));
        assert_eq!(
            n.props.get("title").and_then(|v| v.as_str()),
            Some("Lưu Văn Bình")
        );
        assert_eq!(g.file_of(n.sources[0].article), "a.txt");
        let e = g.graph.edge_weights().next().unwrap();
        assert_eq!(&*e.discriminator, "title");
        assert_eq!(g.articles[0].text.unpack().as_deref(), Ok(text));
        assert_eq!(g.articles[0].hash, [7; 32]);
    }
}
