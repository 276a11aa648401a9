//! What resolving people does to a stored graph, as data: which nodes join which, and
//! which relationships merge once their ends move. [`KnowledgeGraph::resolved`] computes
//! and carries it out; a snapshot stores it beside the graph, so that opening applies it
//! while the relationships are added rather than rebuilding the graph afterwards.

use std::mem;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use super::Joined;
use crate::graph::{Edge, Node, Origin, merge_props, merge_sources};
use crate::schema::{Props, Sources};

/// Relationships in order, a batch at a time, each with its ends.
pub type Batch = Vec<(NodeIndex, NodeIndex, Edge)>;

/// The version of the rules that decide a plan: a CRC-32 of their source (`build.rs`). A
/// stored plan of other rules is not used; the graph is resolved again instead.
pub const RESOLVER: &str = env!("KG_RESOLVER");

/// A resolution of the people of one stored graph.
///
/// Invariants, checked by [`Plan::fits`] for a plan read from a file: every index is a node
/// or relationship of the graph it was made for; no node is in two groups.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// [`RESOLVER`] of the kg that made it.
    resolver: String,
    /// Each group: the node the others join (the least key), then the others, in order.
    groups: Vec<(u32, Vec<u32>)>,
    /// (merged, into): a relationship of a member that meets one already at the
    /// representative, in the order they merge.
    merges: Vec<(u32, u32)>,
    /// For each representative's key, the stored nodes it joins, with their dates.
    pub(in crate::graph) joined: Vec<(String, Vec<Joined>)>,
}

impl Plan {
    /// A plan of this kg's rules.
    pub(super) fn new(
        groups: &[(NodeIndex, Vec<NodeIndex>)],
        merges: Vec<(EdgeIndex, EdgeIndex)>,
        joined: Vec<(String, Vec<Joined>)>,
    ) -> Plan {
        let ix = |n: NodeIndex| n.index() as u32;
        Plan {
            resolver: RESOLVER.to_string(),
            groups: groups
                .iter()
                .map(|(r, m)| (ix(*r), m.iter().map(|&n| ix(n)).collect()))
                .collect(),
            merges: merges
                .into_iter()
                .map(|(e, x)| (e.index() as u32, x.index() as u32))
                .collect(),
            joined,
        }
    }

    /// Whether nobody joins anybody.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Whether this kg's rules made it.
    pub fn is_current(&self) -> bool {
        self.resolver == RESOLVER
    }

    /// Whether it can be a plan of a graph of `nodes` nodes and `edges` relationships
    /// (see the type's invariants); the error says what does not fit.
    pub fn fits(&self, nodes: usize, edges: usize) -> Result<(), String> {
        self.fits_nodes(nodes)?;
        match self
            .merges
            .iter()
            .find(|(e, x)| *e as usize >= edges || *x as usize >= edges)
        {
            Some((e, x)) => Err(format!("a merge of relationships {e} and {x} of {edges}")),
            None => Ok(()),
        }
    }

    /// [`Plan::fits`] of the groups only.
    fn fits_nodes(&self, nodes: usize) -> Result<(), String> {
        let mut seen = vec![false; nodes];
        for (rep, members) in &self.groups {
            for &n in std::iter::once(rep).chain(members) {
                match seen.get_mut(n as usize) {
                    Some(s) if !*s => *s = true,
                    Some(_) => return Err(format!("node {n} is in two groups of people")),
                    None => return Err(format!("a group of people names node {n} of {nodes}")),
                }
            }
        }
        Ok(())
    }

    /// For each node, the node it becomes: its representative, or itself.
    pub fn rep_of(&self, nodes: usize) -> Vec<NodeIndex> {
        let mut rep_of: Vec<NodeIndex> = (0..nodes).map(NodeIndex::new).collect();
        for (rep, m) in self.groups() {
            for n in m {
                rep_of[n.index()] = rep;
            }
        }
        rep_of
    }

    /// Each representative with the nodes that join it, in order.
    pub fn groups(&self) -> impl Iterator<Item = (NodeIndex, impl Iterator<Item = NodeIndex>)> {
        self.groups.iter().map(|(r, m)| {
            let node = |n: &u32| NodeIndex::new(*n as usize);
            (node(r), m.iter().map(node))
        })
    }

    /// (merged, into) pairs of relationships, in order.
    pub fn merges(&self) -> impl Iterator<Item = (EdgeIndex, EdgeIndex)> + '_ {
        self.merges
            .iter()
            .map(|&(e, x)| (EdgeIndex::new(e as usize), EdgeIndex::new(x as usize)))
    }
}

impl Plan {
    /// The graph people question, made from a stored graph's `nodes` and its relationships
    /// in order (`edges`, about `edge_count` of them): each group's members give their
    /// properties and sources to its representative and are left out, relationships move
    /// to their ends' representatives, and each merging one gives its properties and
    /// sources to the one it merges into and is left out; what stays keeps its order.
    /// Costs one pass over the nodes and one over the relationships; the error is the
    /// first batch's that failed, or what of the plan does not fit the graph.
    pub fn build(
        &self,
        nodes: Vec<Node>,
        edges: impl IntoIterator<Item = Result<Batch, String>>,
        edge_count: usize,
    ) -> Result<DiGraph<Node, Edge>, String> {
        let mut graph = self.relationships(nodes.len(), edges, edge_count)?;
        self.place_nodes(&mut graph, nodes)?;
        Ok(graph)
    }

    /// The first half of [`Plan::build`], which needs only how many nodes there are: the
    /// relationships, between blank nodes that [`Plan::place_nodes`] fills in.
    pub fn relationships(
        &self,
        nodes: usize,
        edges: impl IntoIterator<Item = Result<Batch, String>>,
        edge_count: usize,
    ) -> Result<DiGraph<Node, Edge>, String> {
        let mut layout = self.layout(nodes, edge_count)?;
        for batch in edges {
            layout.add(batch?);
        }
        Ok(layout.finish())
    }

    /// [`Plan::relationships`] a batch at a time: a snapshot is opened by adding each
    /// batch as it is decoded, between batches of nodes.
    pub fn layout(&self, nodes: usize, edge_count: usize) -> Result<Layout<'_>, String> {
        self.fits(nodes, edge_count)?;
        let rep_of = self.rep_of(nodes);
        let new_index = new_index(&rep_of);
        let kept = new_index.iter().filter(|n| **n != NodeIndex::end()).count();
        let mut graph = DiGraph::with_capacity(kept, edge_count);
        let blank = blank();
        for _ in 0..kept {
            graph.add_node(blank.clone());
        }
        Ok(Layout {
            plan: self,
            // merging relationships wait aside until every one they merge into is added
            aside: self.merges.iter().map(|&(e, _)| (e, None)).collect(),
            added: self.merges.iter().map(|&(_, x)| (x, None)).collect(),
            at: rep_of.iter().map(|r| new_index[r.index()]).collect(),
            graph,
            next: 0,
        })
    }

    /// The second half of [`Plan::build`]: the `nodes` of the stored graph that `graph`'s
    /// relationships were laid out for, each group's members given to its representative
    /// and the representatives and the others put in their places. An error when there are
    /// not as many nodes as the relationships were laid out for.
    pub fn place_nodes(
        &self,
        graph: &mut DiGraph<Node, Edge>,
        mut nodes: Vec<Node>,
    ) -> Result<(), String> {
        self.fits_nodes(nodes.len())?;
        let new_index = new_index(&self.rep_of(nodes.len()));
        let kept = new_index.iter().filter(|n| **n != NodeIndex::end()).count();
        if kept != graph.node_count() {
            return Err(format!(
                "{} nodes stored where the relationships were laid out for {}",
                kept,
                graph.node_count()
            ));
        }
        for (rep, members) in self.groups() {
            for m in members {
                let from = &mut nodes[m.index()];
                let (props, sources) = (mem::take(&mut from.props), mem::take(&mut from.sources));
                let into = &mut nodes[rep.index()];
                merge_props(&mut into.props, props);
                merge_sources(&mut into.sources, sources, Origin::Graph);
            }
        }
        for (n, at) in nodes.into_iter().zip(new_index) {
            if at != NodeIndex::end() {
                graph[at] = n;
            }
        }
        Ok(())
    }
}

/// Relationships being laid out by a [`Plan`] (see [`Plan::layout`]).
pub struct Layout<'p> {
    plan: &'p Plan,
    graph: DiGraph<Node, Edge>,
    /// For each stored node, where it is in `graph`: its representative's place.
    at: Vec<NodeIndex>,
    /// Relationships that merge into others, once read; and those they merge into, once
    /// added.
    aside: HashMap<u32, Option<Held>>,
    added: HashMap<u32, Option<EdgeIndex>>,
    /// The stored index of the next relationship.
    next: u32,
}

impl Layout<'_> {
    /// Adds the next relationships, in stored order.
    pub fn add(&mut self, batch: Batch) {
        for (a, b, e) in batch {
            let i = self.next;
            self.next += 1;
            if let Some(slot) = self.aside.get_mut(&i) {
                *slot = Some((e.props, e.sources));
                continue;
            }
            let new = self
                .graph
                .add_edge(self.at[a.index()], self.at[b.index()], e);
            if let Some(slot) = self.added.get_mut(&i) {
                *slot = Some(new);
            }
        }
    }

    /// The graph, once every relationship is added: those set aside merge into theirs.
    pub fn finish(mut self) -> DiGraph<Node, Edge> {
        for &(e, x) in &self.plan.merges {
            if e == x {
                continue; // merges into itself, and goes with the others aside
            }
            let Some((props, sources)) = self.aside.get_mut(&e).and_then(Option::take) else {
                continue;
            };
            // into one added, or into one aside (which carries it on to where it merges)
            let (into_props, into_sources) = match self.added.get(&x) {
                Some(&Some(new)) => {
                    let w = &mut self.graph[new];
                    (&mut w.props, &mut w.sources)
                }
                _ => match self.aside.get_mut(&x) {
                    Some(Some((p, s))) => (p, s),
                    _ => continue,
                },
            };
            merge_props(into_props, props);
            merge_sources(into_sources, sources, Origin::Graph);
        }
        self.graph
    }
}

/// For each node, where it is in the resolved graph (`NodeIndex::end()` for a member,
/// which joins its representative): the nodes kept, in order.
fn new_index(rep_of: &[NodeIndex]) -> Vec<NodeIndex> {
    let mut next = 0;
    rep_of
        .iter()
        .enumerate()
        .map(|(i, r)| match r.index() == i {
            true => {
                next += 1;
                NodeIndex::new(next - 1)
            }
            false => NodeIndex::end(),
        })
        .collect()
}

/// A node with nothing in it, in place of one being decoded (its name shared: no
/// allocation a node).
fn blank() -> Node {
    Node {
        label: crate::schema::Label::Article,
        name: "".into(),
        key: String::new(),
        props: Props::new(),
        sources: Sources::new(),
    }
}

/// The properties and sources of a relationship set aside to merge.
type Held = (Props, Sources);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{ArticleId, Label, Rel, Source};

    fn node(name: &str) -> Node {
        Node {
            label: Label::Person,
            name: name.into(),
            key: name.to_string(),
            props: Props::new(),
            sources: smallvec::smallvec![source(0)],
        }
    }

    fn source(start: u32) -> Source {
        Source {
            article: ArticleId::new(0),
            start,
            end: start + 1,
        }
    }

    fn edge(start: u32, title: &str) -> Edge {
        Edge {
            rel: Rel::Holds,
            props: [("title".to_string(), title.into())].into_iter().collect(),
            sources: smallvec::smallvec![source(start)],
            discriminator: "".into(),
        }
    }

    fn plan(groups: &[(u32, &[u32])], merges: &[(u32, u32)]) -> Plan {
        Plan {
            resolver: RESOLVER.to_string(),
            groups: groups.iter().map(|(r, m)| (*r, m.to_vec())).collect(),
            merges: merges.to_vec(),
            joined: Vec::new(),
        }
    }

    #[test]
    fn members_leave_and_their_relationships_move_or_merge() {
        // 0 and 2 are one person (0 the representative); 1 is a committee
        let nodes = vec![node("a"), node("body"), node("b")];
        let n = NodeIndex::new;
        let edges: Batch = vec![
            (n(0), n(1), edge(10, "Bí thư")),
            (n(2), n(1), edge(20, "")),
            (n(2), n(0), edge(30, "Ủy viên")),
        ];
        // the second relationship meets the first once its end moves
        let g = plan(&[(0, &[2])], &[(1, 0)])
            .build(nodes, [Ok(edges)], 3)
            .unwrap();
        assert_eq!(g.node_count(), 2);
        assert_eq!(g[n(0)].sources.as_slice(), [source(0)]);
        let ends: Vec<(usize, usize)> = g
            .raw_edges()
            .iter()
            .map(|e| (e.source().index(), e.target().index()))
            .collect();
        assert_eq!(ends, vec![(0, 1), (0, 0)]);
        let first = &g.raw_edges()[0].weight;
        assert_eq!(first.sources.as_slice(), [source(10), source(20)]);
        assert_eq!(first.props.get("title"), Some(&"Bí thư".into()));
        assert_eq!(g.raw_edges()[1].weight.sources.as_slice(), [source(30)]);
    }

    #[test]
    fn a_plan_that_does_not_fit_its_graph_is_an_error_not_a_panic() {
        assert!(plan(&[(0, &[5])], &[]).fits(3, 0).is_err());
        assert!(plan(&[(0, &[1]), (1, &[2])], &[]).fits(3, 0).is_err());
        assert!(plan(&[(0, &[1])], &[(0, 9)]).fits(3, 2).is_err());
        assert!(plan(&[(0, &[1])], &[(0, 1)]).fits(3, 2).is_ok());
        let failed = plan(&[(0, &[5])], &[]).build(vec![node("a")], [], 0);
        assert!(failed.unwrap_err().contains("node 5"));
    }

    #[test]
    fn nodes_fewer_than_the_relationships_were_laid_out_for_are_an_error() {
        let p = plan(&[(0, &[1])], &[]);
        let n = NodeIndex::new;
        let edges: Batch = vec![(n(1), n(2), edge(10, "Bí thư"))];
        let mut g = p.relationships(3, [Ok(edges)], 1).unwrap();
        assert_eq!(g.node_count(), 2);
        let err = p
            .place_nodes(&mut g, vec![node("a"), node("b")])
            .unwrap_err();
        assert!(err.contains("laid out for 2"), "{err}");
        // as many as laid out for: the relationship is the representative's
        p.place_nodes(&mut g, vec![node("a"), node("b"), node("body")])
            .unwrap();
        assert_eq!(g[n(1)].name.as_ref(), "body");
        let e = &g.raw_edges()[0];
        assert_eq!((e.source(), e.target()), (n(0), n(1)));
    }

    #[test]
    fn a_failed_batch_fails_the_build() {
        let batches = [
            Ok(Vec::new()),
            Err("a relationship past the end".to_string()),
        ];
        let err = plan(&[], &[])
            .build(vec![node("a")], batches, 0)
            .unwrap_err();
        assert_eq!(err, "a relationship past the end");
    }

    #[test]
    fn only_a_plan_of_these_rules_is_current() {
        assert!(plan(&[], &[]).is_current());
        let other = Plan {
            resolver: "0.0.0+00000000".into(),
            ..plan(&[], &[])
        };
        assert!(!other.is_current());
    }
}
