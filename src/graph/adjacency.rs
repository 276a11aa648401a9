//! Adjacency kept per relationship type and direction, so that an expansion touches only
//! the relationships of the types it asks for. A hub official carries thousands of
//! `MENTIONS` and `HOLDS` edges; walking petgraph's one edge list per node and testing
//! each edge's type is what bounded whole-graph questions.
//!
//! Layout (compressed sparse rows, one per direction): the entries of node `n` are
//! `start[n]..start[n + 1]`, sorted by type and, within a type, by edge index. Memory is
//! 9 bytes an edge a direction; building is one counting pass and one sort of each
//! node's entries, O(E log d) for degree d.

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

use crate::schema::Rel;

/// The relationships of every node in one direction, grouped by type.
#[derive(Debug, Clone, Default)]
pub struct Adjacency {
    /// Per node, where its entries begin; one more than there are nodes.
    start: Vec<u32>,
    /// Per entry: the type, the relationship and the node across.
    rel: Vec<Rel>,
    edge: Vec<u32>,
    other: Vec<u32>,
}

/// The entries of one node and type: relationships in index order, with the node across.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    edge: &'a [u32],
    other: &'a [u32],
}

impl<'a> Run<'a> {
    /// The (relationship, node across) pairs, in relationship index order.
    pub fn iter(&self) -> impl Iterator<Item = (EdgeIndex, NodeIndex)> + 'a {
        let (edge, other) = (self.edge, self.other);
        edge.iter()
            .zip(other)
            .map(|(e, o)| (EdgeIndex::new(*e as usize), NodeIndex::new(*o as usize)))
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.edge.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.edge.is_empty()
    }
}

impl Adjacency {
    /// The adjacency of `g` in direction `dir` (`Outgoing`: the node is the source).
    pub fn new<N, E>(g: &DiGraph<N, E>, dir: Direction, rel_of: impl Fn(&E) -> Rel) -> Adjacency {
        let n = g.node_count();
        let mut start = vec![0u32; n + 1];
        let near = |e: &petgraph::graph::Edge<E>| match dir {
            Direction::Outgoing => e.source().index(),
            Direction::Incoming => e.target().index(),
        };
        let far = |e: &petgraph::graph::Edge<E>| match dir {
            Direction::Outgoing => e.target().index(),
            Direction::Incoming => e.source().index(),
        };
        for e in g.raw_edges() {
            start[near(e) + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let m = g.edge_count();
        let mut fill = start.clone();
        let (mut rel, mut edge, mut other) = (vec![Rel::Holds; m], vec![0u32; m], vec![0u32; m]);
        for (i, e) in g.raw_edges().iter().enumerate() {
            let slot = &mut fill[near(e)];
            let at = *slot as usize;
            (rel[at], edge[at], other[at]) = (rel_of(&e.weight), i as u32, far(e) as u32);
            *slot += 1;
        }
        // Edges arrive in index order: a stable sort by type keeps that order within one.
        // Each node's entries are sorted through a buffer of its own, so that building
        // holds no copy of the whole adjacency.
        let mut buf = Vec::new();
        for w in start.windows(2) {
            let r = w[0] as usize..w[1] as usize;
            if rel[r.clone()].is_sorted() {
                continue;
            }
            buf.clear();
            buf.extend(r.clone().map(|i| (rel[i], edge[i], other[i])));
            buf.sort_by_key(|x| x.0);
            for (i, x) in r.zip(&buf) {
                (rel[i], edge[i], other[i]) = *x;
            }
        }
        Adjacency {
            start,
            rel,
            edge,
            other,
        }
    }

    fn range(&self, n: NodeIndex) -> std::ops::Range<usize> {
        let i = n.index();
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(a), Some(b)) => *a as usize..*b as usize,
            _ => 0..0,
        }
    }

    /// Every relationship of `n` in this direction (grouped by type).
    pub fn all(&self, n: NodeIndex) -> Run<'_> {
        let r = self.range(n);
        Run {
            edge: &self.edge[r.clone()],
            other: &self.other[r],
        }
    }

    /// The relationships of `n` of type `rel` in this direction, in index order.
    pub fn of(&self, n: NodeIndex, rel: Rel) -> Run<'_> {
        let r = self.range(n);
        let rels = &self.rel[r.clone()];
        let a = rels.partition_point(|x| *x < rel);
        let b = rels.partition_point(|x| *x <= rel);
        Run {
            edge: &self.edge[r.start + a..r.start + b],
            other: &self.other[r.start + a..r.start + b],
        }
    }

    /// How many relationships of type `rel` `n` has in this direction: O(log degree).
    pub fn degree(&self, n: NodeIndex, rel: Rel) -> usize {
        self.of(n, rel).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> DiGraph<(), Rel> {
        let mut g = DiGraph::new();
        let a = g.add_node(());
        let b = g.add_node(());
        let c = g.add_node(());
        g.add_edge(a, b, Rel::Mentions); // 0
        g.add_edge(a, c, Rel::Holds); // 1
        g.add_edge(a, b, Rel::Holds); // 2
        g.add_edge(c, a, Rel::Chaired); // 3
        g.add_edge(a, a, Rel::In); // 4
        g
    }

    fn pairs(run: Run<'_>) -> Vec<(usize, usize)> {
        run.iter().map(|(e, o)| (e.index(), o.index())).collect()
    }

    #[test]
    fn groups_by_type_and_keeps_index_order_within_a_type() {
        let g = sample();
        let out = Adjacency::new(&g, Direction::Outgoing, |r| *r);
        let a = NodeIndex::new(0);
        assert_eq!(pairs(out.of(a, Rel::Holds)), vec![(1, 2), (2, 1)]);
        assert_eq!(pairs(out.of(a, Rel::Mentions)), vec![(0, 1)]);
        assert_eq!(pairs(out.of(a, Rel::In)), vec![(4, 0)]);
        assert!(out.of(a, Rel::Chaired).is_empty());
        assert_eq!(pairs(out.all(a)), vec![(1, 2), (2, 1), (4, 0), (0, 1)]);
        assert_eq!(out.degree(a, Rel::Holds), 2);
    }

    #[test]
    fn incoming_entries_name_the_source() {
        let g = sample();
        let inc = Adjacency::new(&g, Direction::Incoming, |r| *r);
        assert_eq!(pairs(inc.of(NodeIndex::new(0), Rel::Chaired)), vec![(3, 2)]);
        assert_eq!(pairs(inc.all(NodeIndex::new(1))), vec![(2, 0), (0, 0)]);
        assert!(inc.all(NodeIndex::new(9)).is_empty(), "out of range: none");
    }
}
