//! One node per real person across articles. The stored graph keeps a person node per
//! [`PersonKey`] (a name and the place it is anchored in, see [`super::identity`]); the
//! graph questions are asked of joins those of one official seen in several places:
//!
//! - **Moves inside a province.** Of the nodes of one name anchored in one province, sorted
//!   by the first date they are seen, each joins the one person whose earlier node was last
//!   seen before it first is, when exactly one such person exists (a district secretary
//!   who becomes a department head of the same Tỉnh ủy; a deputy who moves to another
//!   district). Two or more candidates: namesakes cannot be told apart, nothing joins.
//! - **Mentions without a position** join the one person of that name in the article's
//!   province (or the one national figure), when there is exactly one.
//!
//! The result is a function of the stored graph alone, so it does not depend on the order
//! the articles were added in, and it is recomputed whenever the stored graph changes.

use std::collections::{BTreeMap, HashMap};

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::identity::{Anchor, PersonKey};
use super::{KnowledgeGraph, Origin};
use crate::schema::{Label, Rel, Value};

/// One stored person node, as the resolution sees it.
#[derive(Debug, Clone)]
struct Facet {
    node: NodeIndex,
    key: PersonKey,
    /// The province its place is in (for a positionless mention: its article's).
    province: Option<NodeIndex>,
    first: Option<String>,
    last: Option<String>,
}

/// Why a person node joins several stored ones: each one's place and dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// The stored node's key.
    pub key: String,
    /// First and last dates its positions are seen at.
    pub first: Option<String>,
    /// See `first`.
    pub last: Option<String>,
}

impl KnowledgeGraph {
    /// The graph people question: persons of one official seen in several places are
    /// joined (see the module's rules). Costs a pass over the persons and, when some join,
    /// a rebuild of the graph.
    pub fn resolved(self) -> KnowledgeGraph {
        let clusters = clusters(&self);
        if clusters.is_empty() {
            return self;
        }
        let mut key_of: HashMap<NodeIndex, String> = HashMap::new();
        let mut joined = BTreeMap::new();
        for c in &clusters {
            let key = c
                .iter()
                .map(|f| f.key.to_string())
                .min()
                .unwrap_or_default();
            for f in c {
                key_of.insert(f.node, key.clone());
            }
            let mut why: Vec<Joined> = c
                .iter()
                .map(|f| Joined {
                    key: f.key.to_string(),
                    first: f.first.clone(),
                    last: f.last.clone(),
                })
                .collect();
            why.sort_by(|a, b| (&a.first, &a.key).cmp(&(&b.first, &b.key)));
            joined.insert(key, why);
        }
        let mut out = KnowledgeGraph {
            articles: self.articles.clone(),
            ..KnowledgeGraph::default()
        };
        out.reindex();
        let ids: Vec<NodeIndex> = self
            .graph
            .node_indices()
            .map(|i| {
                let mut node = self.graph[i].clone();
                if let Some(k) = key_of.get(&i) {
                    node.key = k.clone();
                }
                out.merge_node(node, Origin::Graph)
            })
            .collect();
        for e in self.graph.edge_references() {
            let edge = e.weight().clone();
            out.merge_edge(
                ids[e.source().index()],
                ids[e.target().index()],
                edge,
                Origin::Graph,
            );
        }
        out.joined = joined;
        out
    }

    /// The stored persons a person node of [`KnowledgeGraph::resolved`] joins, with their
    /// dates (empty for a node that joins none).
    pub fn joined(&self, key: &str) -> &[Joined] {
        self.joined.get(key).map_or(&[], Vec::as_slice)
    }
}

/// The groups of stored person nodes that are one person, each of two or more.
fn clusters(g: &KnowledgeGraph) -> Vec<Vec<Facet>> {
    let mut by_name: BTreeMap<String, Vec<NodeIndex>> = BTreeMap::new();
    for i in g.graph.node_indices() {
        let n = &g.graph[i];
        if n.label == Label::Person
            && let Some(k) = PersonKey::parse(&n.key)
        {
            by_name.entry(k.name().to_string()).or_default().push(i);
        }
    }
    let mut article_province = None;
    let mut out = Vec::new();
    for nodes in by_name.values().filter(|v| v.len() > 1) {
        let facets: Vec<Facet> = nodes
            .iter()
            .filter_map(|&i| facet(g, i, &mut article_province))
            .collect();
        out.extend(join(facets));
    }
    out
}

fn facet(
    g: &KnowledgeGraph,
    node: NodeIndex,
    article_province: &mut Option<HashMap<String, NodeIndex>>,
) -> Option<Facet> {
    let key = PersonKey::parse(&g.graph[node].key)?;
    let province = match key.anchor() {
        Anchor::National => None,
        Anchor::Place(p) => place_province(g, p),
        Anchor::Article(a) => article_province
            .get_or_insert_with(|| provinces_of_articles(g))
            .get(a)
            .copied(),
    };
    let dates = g
        .graph
        .edges_directed(node, Direction::Outgoing)
        .filter(|e| e.weight().rel == Rel::Holds)
        .filter_map(|e| e.weight().props.get("as_of").and_then(Value::as_str));
    let (first, last) = dates.fold((None::<&str>, None::<&str>), |(lo, hi), d| {
        (
            Some(lo.map_or(d, |x| x.min(d))),
            Some(hi.map_or(d, |x| x.max(d))),
        )
    });
    Some(Facet {
        node,
        key,
        province,
        first: first.map(str::to_string),
        last: last.map(str::to_string),
    })
}

/// The province a place key is in: the place itself, or the province its IN edges reach.
fn place_province(g: &KnowledgeGraph, place: &str) -> Option<NodeIndex> {
    let mut at = [Label::Province, Label::District, Label::Commune]
        .into_iter()
        .find_map(|l| g.find(l, place))?;
    for _ in 0..3 {
        if g.graph[at].label == Label::Province {
            return Some(at);
        }
        at = g
            .graph
            .edges_directed(at, Direction::Outgoing)
            .find(|e| e.weight().rel == Rel::In)
            .map(|e| e.target())?;
    }
    None
}

/// Each article's province: the one its mentioned places are most often in.
fn provinces_of_articles(g: &KnowledgeGraph) -> HashMap<String, NodeIndex> {
    let mut out = HashMap::new();
    for a in g.graph.node_indices() {
        let n = &g.graph[a];
        if n.label != Label::Article {
            continue;
        }
        let Some(file) = n.props.get("file").and_then(Value::as_str) else {
            continue;
        };
        let mut votes: BTreeMap<NodeIndex, usize> = BTreeMap::new();
        for e in g.graph.edges_directed(a, Direction::Outgoing) {
            let m = e.target();
            if e.weight().rel == Rel::Mentions
                && matches!(g.graph[m].label, Label::Province | Label::District)
                && let Some(p) = place_province(g, &g.graph[m].key)
            {
                *votes.entry(p).or_default() += 1;
            }
        }
        if let Some((p, _)) = votes
            .into_iter()
            .max_by_key(|(p, n)| (*n, std::cmp::Reverse(*p)))
        {
            out.insert(file.to_string(), p);
        }
    }
    out
}

/// The groups of two or more of one name's facets that are one person.
fn join(facets: Vec<Facet>) -> Vec<Vec<Facet>> {
    let mut parent: Vec<usize> = (0..facets.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    // moves inside a province, in the order they are first seen
    let mut placed: Vec<usize> = (0..facets.len())
        .filter(|&i| {
            matches!(facets[i].key.anchor(), Anchor::Place(_))
                && facets[i].province.is_some()
                && facets[i].first.is_some()
        })
        .collect();
    placed.sort_by(|&a, &b| {
        (&facets[a].first, &facets[a].key).cmp(&(&facets[b].first, &facets[b].key))
    });
    for (n, &k) in placed.iter().enumerate() {
        let mut roots: Vec<usize> = placed[..n]
            .iter()
            .filter(|&&j| {
                facets[j].province == facets[k].province && facets[j].last < facets[k].first
            })
            .map(|&j| find(&mut parent, j))
            .collect();
        roots.sort_unstable();
        roots.dedup();
        if let [root] = roots[..] {
            let r = find(&mut parent, k);
            parent[r] = root;
        }
    }
    // mentions without a position join the one person of their province, or of the nation
    for k in 0..facets.len() {
        if !matches!(facets[k].key.anchor(), Anchor::Article(_)) {
            continue;
        }
        let mut roots: Vec<usize> = (0..facets.len())
            .filter(|&j| match facets[j].key.anchor() {
                Anchor::National => true,
                Anchor::Place(_) => {
                    facets[k].province.is_some() && facets[j].province == facets[k].province
                }
                Anchor::Article(_) => false,
            })
            .map(|j| find(&mut parent, j))
            .collect();
        roots.sort_unstable();
        roots.dedup();
        if let [root] = roots[..] {
            parent[k] = root;
        }
    }
    let mut groups: BTreeMap<usize, Vec<Facet>> = BTreeMap::new();
    for (i, f) in facets.into_iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(f);
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}
