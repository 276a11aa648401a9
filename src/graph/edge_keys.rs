//! The relationships of a graph by what makes one read again the same one: its type, its
//! ends and its discriminator. A merge looks each new relationship up here.

use std::hash::{Hash, Hasher};

use hashbrown::HashTable;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

use super::{Edge, Node};
use crate::schema::Rel;

/// The relationships of a graph by (type, ends, discriminator).
///
/// Holds, for each relationship, only its index and 32 bits of its key's hash: 8 bytes,
/// where a map holding each key (a shared string among them) took about 32. The key
/// itself is read from the graph when a hash matches. A large graph's table stays
/// small enough for the cache, and a merge into it waits less on memory.
///
/// Invariant: every entry is a relationship of the graph it was made from, with the
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
    /// Every relationship of `g`, with room for as many as `g` has room for.
    /// O(relationships).
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

    /// The relationship of `g` with this key. O(1) expected.
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

    /// Adds `e`, a relationship of `g` not in the table yet.
    pub fn insert(&mut self, g: &DiGraph<Node, Edge>, e: EdgeIndex) {
        let (Some((a, b)), Some(w)) = (g.edge_endpoints(e), g.edge_weight(e)) else {
            return;
        };
        let h = hash(w.rel, a, b, &w.discriminator);
        self.table
            .insert_unique(spread(h), (h, e), |&(kept, _)| spread(kept));
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
}
