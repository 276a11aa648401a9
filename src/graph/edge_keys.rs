//! The relationships of a graph by what makes one read again the same one: its type, its
//! ends and its discriminator. A merge looks each new relationship up here.
//!
//! MENTIONS are not here: they are most of a graph's relationships, and those an article
//! adds start at its own node, which no other article's do. A build never looks them up
//! in the whole graph ([`Mentions`] holds an article's own), and a table without them is
//! less than half the size, which a large build's look-ups feel.

use std::hash::{Hash, Hasher};

use hashbrown::HashTable;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;

use super::{Edge, Node};
use crate::schema::Rel;

/// The relationships of a graph by (type, ends, discriminator).
///
/// Holds, for each relationship, only its index and 32 bits of its key's hash: 8 bytes,
/// where a map holding each key (a shared string among them) took about 32. The key
/// itself is read from the graph when a hash matches. A large graph's table stays
/// small enough for the cache, and a merge into it waits less on memory.
///
/// Invariant: the entries are the graph's relationships but its MENTIONS, each with the
/// hash of its key; the graph's relationships keep their indexes (a change that
/// renumbers them drops the table).
#[derive(Debug, Clone, Default)]
pub struct EdgeKeys {
    table: HashTable<(u32, EdgeIndex)>,
}

/// The hash a table entry keeps, of a relationship's key.
fn hash(rel: Rel, a: NodeIndex, b: NodeIndex, discriminator: &str) -> u32 {
    kept_hash((rel, a, b, discriminator))
}

/// The 32 bits of a key's hash that a table entry keeps (here and in `node_keys`).
pub(super) fn kept_hash(key: impl Hash) -> u32 {
    let mut h = rustc_hash::FxHasher::default();
    key.hash(&mut h);
    let h = h.finish();
    (h ^ (h >> 32)) as u32
}

/// The 64-bit hash the table places an entry by: the kept 32 bits, in both halves (the
/// table takes a bucket from the low bits and a tag from the top ones).
pub(super) fn spread(h: u32) -> u64 {
    u64::from(h) << 32 | u64::from(h)
}

impl EdgeKeys {
    /// Whether relationships of this type are kept here (all but MENTIONS).
    pub fn keeps(rel: Rel) -> bool {
        rel != Rel::Mentions
    }

    /// Every relationship of `g` but its MENTIONS, with room for as many as `g` has room
    /// for. O(relationships).
    pub fn new(g: &DiGraph<Node, Edge>) -> EdgeKeys {
        let mut keys = EdgeKeys {
            table: HashTable::with_capacity(g.capacity().1),
        };
        for e in g.edge_indices() {
            keys.insert(g, e);
        }
        keys
    }

    /// Room for `additional` more relationships without growing the table.
    pub fn reserve(&mut self, additional: usize) {
        // the entries keep their hashes: moving them needs nothing of the graph
        self.table.reserve(additional, |&(kept, _)| spread(kept));
    }

    /// The relationship of `g` with this key, of a type the table [keeps](EdgeKeys::keeps).
    /// O(1) expected.
    pub fn get(
        &self,
        g: &DiGraph<Node, Edge>,
        rel: Rel,
        (a, b): (NodeIndex, NodeIndex),
        discriminator: &str,
    ) -> Option<EdgeIndex> {
        let h = hash(rel, a, b, discriminator);
        let same = |&(kept, e): &(u32, EdgeIndex)| {
            kept == h
                && g.edge_endpoints(e) == Some((a, b))
                && g.edge_weight(e)
                    .is_some_and(|w| w.rel == rel && *w.discriminator == *discriminator)
        };
        self.table.find(spread(h), same).map(|&(_, e)| e)
    }

    /// Adds `e`, a relationship of `g` not in the table yet; a MENTIONS is left out.
    pub fn insert(&mut self, g: &DiGraph<Node, Edge>, e: EdgeIndex) {
        let (Some((a, b)), Some(w)) = (g.edge_endpoints(e), g.edge_weight(e)) else {
            return;
        };
        if !EdgeKeys::keeps(w.rel) {
            return;
        }
        let h = hash(w.rel, a, b, &w.discriminator);
        self.table
            .insert_unique(spread(h), (h, e), |&(kept, _)| spread(kept));
    }
}

/// MENTIONS by their ends (article, node), which make one: a MENTIONS has no
/// discriminator.
///
/// [`Mentions::fresh`] is for the article being added, whose node is new: none of its
/// MENTIONS can be in the graph yet, so only its own are held. [`Mentions::of_graph`], for
/// merging relationships of another graph, reads the graph's on first use (O(relationships)).
#[derive(Debug)]
pub struct Mentions {
    ends: Option<FxHashMap<(NodeIndex, NodeIndex), EdgeIndex>>,
}

impl Mentions {
    /// None yet: those of an article whose node is new.
    pub fn fresh() -> Mentions {
        Mentions {
            ends: Some(FxHashMap::default()),
        }
    }

    /// All of the graph's, read when first asked.
    pub fn of_graph() -> Mentions {
        Mentions { ends: None }
    }

    /// The MENTIONS of `g` from `a` to `b`.
    pub fn get(
        &mut self,
        g: &DiGraph<Node, Edge>,
        a: NodeIndex,
        b: NodeIndex,
    ) -> Option<EdgeIndex> {
        let ends = self.ends.get_or_insert_with(|| {
            g.edge_references()
                .filter(|e| e.weight().rel == Rel::Mentions)
                .map(|e| ((e.source(), e.target()), e.id()))
                .collect()
        });
        ends.get(&(a, b)).copied()
    }

    /// Adds `e`, a MENTIONS from `a` to `b` just added to the graph.
    pub fn insert(&mut self, a: NodeIndex, b: NodeIndex, e: EdgeIndex) {
        // not read yet: the graph's will include it
        if let Some(ends) = &mut self.ends {
            ends.insert((a, b), e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(rel: Rel, discriminator: &str) -> Edge {
        Edge {
            rel,
            props: Default::default(),
            sources: Default::default(),
            discriminator: discriminator.into(),
        }
    }

    fn node(name: &str) -> Node {
        Node {
            label: crate::schema::Label::Person,
            name: name.into(),
            key: name.to_lowercase(),
            props: Default::default(),
            sources: Default::default(),
        }
    }

    #[test]
    fn each_key_finds_its_relationship_and_no_other() {
        let mut g = DiGraph::new();
        let (a, b) = (g.add_node(node("A")), g.add_node(node("B")));
        let holds = g.add_edge(a, b, edge(Rel::Holds, "bí thư"));
        let holds2 = g.add_edge(a, b, edge(Rel::Holds, "phó bí thư"));
        let chaired = g.add_edge(a, b, edge(Rel::Chaired, ""));
        let mut keys = EdgeKeys::new(&g);
        assert_eq!(keys.get(&g, Rel::Holds, (a, b), "bí thư"), Some(holds));
        assert_eq!(keys.get(&g, Rel::Holds, (a, b), "phó bí thư"), Some(holds2));
        assert_eq!(keys.get(&g, Rel::Chaired, (a, b), ""), Some(chaired));
        // another type, the other direction, another discriminator: none
        assert_eq!(keys.get(&g, Rel::Attended, (a, b), ""), None);
        assert_eq!(keys.get(&g, Rel::Chaired, (b, a), ""), None);
        assert_eq!(keys.get(&g, Rel::Holds, (a, b), "chủ tịch"), None);
        // one added later is found, and the table grows past its first size
        let mut added = Vec::new();
        for i in 0..1000 {
            let e = g.add_edge(b, a, edge(Rel::Holds, &format!("t{i}")));
            keys.insert(&g, e);
            added.push(e);
        }
        for (i, e) in added.iter().enumerate() {
            assert_eq!(keys.get(&g, Rel::Holds, (b, a), &format!("t{i}")), Some(*e));
        }
        assert_eq!(keys.get(&g, Rel::Holds, (a, b), "bí thư"), Some(holds));
    }

    #[test]
    fn mentions_are_not_kept_and_are_found_by_their_ends() {
        let mut g = DiGraph::new();
        let (a, b, c) = (
            g.add_node(node("A")),
            g.add_node(node("B")),
            g.add_node(node("C")),
        );
        let ab = g.add_edge(a, b, edge(Rel::Mentions, ""));
        let mut keys = EdgeKeys::new(&g);
        assert!(!EdgeKeys::keeps(Rel::Mentions) && EdgeKeys::keeps(Rel::Holds));
        assert_eq!(keys.get(&g, Rel::Mentions, (a, b), ""), None);
        let ac = g.add_edge(a, c, edge(Rel::Mentions, ""));
        keys.insert(&g, ac);
        assert_eq!(keys.get(&g, Rel::Mentions, (a, c), ""), None);
        assert_eq!(keys.table.len(), 0);
        // the graph's, read on first use, then those added
        let mut all = Mentions::of_graph();
        assert_eq!(all.get(&g, a, b), Some(ab));
        assert_eq!(all.get(&g, a, c), Some(ac));
        assert_eq!(all.get(&g, b, a), None);
        let ba = g.add_edge(b, a, edge(Rel::Mentions, ""));
        all.insert(b, a, ba);
        assert_eq!(all.get(&g, b, a), Some(ba));
        // a new article's: only its own
        let mut fresh = Mentions::fresh();
        assert_eq!(fresh.get(&g, a, b), None);
        fresh.insert(a, b, ab);
        assert_eq!(fresh.get(&g, a, b), Some(ab));
    }
}
