//! The nodes of a graph by label and key: what makes a node read again the same one. A
//! merge looks each new node up here.

use hashbrown::HashTable;
use petgraph::graph::{DiGraph, NodeIndex};

use super::edge_keys::{kept_hash, spread};
use super::{Edge, Node};
use crate::schema::Label;

/// The nodes of a graph by (label, key).
///
/// Holds, for each node, only its index and 32 bits of its key's hash, as
/// [`super::edge_keys::EdgeKeys`] does for relationships; the key itself is read from the
/// graph when a hash matches. A look-up takes the key as a borrowed `&str`, so a merge
/// copies no key to find its node.
///
/// Invariant: every entry is a node of the graph it was made from, with the hash of its
/// label and key; the graph's nodes keep their indexes (a change that renumbers them
/// drops the table).
#[derive(Debug, Clone, Default)]
pub struct NodeKeys {
    table: HashTable<(u32, NodeIndex)>,
}

/// The hash a table entry keeps, of a node's label and key.
fn hash(label: Label, key: &str) -> u32 {
    kept_hash((label, key))
}

impl NodeKeys {
    /// Every node of `g`. O(nodes).
    pub fn new(g: &DiGraph<Node, Edge>) -> NodeKeys {
        let mut keys = NodeKeys {
            table: HashTable::with_capacity(g.node_count()),
        };
        for i in g.node_indices() {
            keys.insert(g, i);
        }
        keys
    }

    /// The node of `g` with this label and key. O(1) expected.
    pub fn get(&self, g: &DiGraph<Node, Edge>, label: Label, key: &str) -> Option<NodeIndex> {
        let h = hash(label, key);
        let same = |&(kept, i): &(u32, NodeIndex)| {
            kept == h
                && g.node_weight(i)
                    .is_some_and(|n| n.label == label && n.key == key)
        };
        self.table.find(spread(h), same).map(|&(_, i)| i)
    }

    /// Adds `i`, a node of `g` not in the table yet.
    pub fn insert(&mut self, g: &DiGraph<Node, Edge>, i: NodeIndex) {
        let Some(n) = g.node_weight(i) else { return };
        let h = hash(n.label, &n.key);
        self.table
            .insert_unique(spread(h), (h, i), |&(kept, _)| spread(kept));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(label: Label, key: &str) -> Node {
        Node {
            label,
            name: key.into(),
            key: key.into(),
            props: Default::default(),
            sources: Default::default(),
        }
    }

    #[test]
    fn each_label_and_key_finds_its_node_and_no_other() {
        let mut g = DiGraph::new();
        let a = g.add_node(node(Label::Person, "le van a"));
        let b = g.add_node(node(Label::Person, "le van b"));
        let place = g.add_node(node(Label::District, "le van a"));
        let mut keys = NodeKeys::new(&g);
        assert_eq!(keys.get(&g, Label::Person, "le van a"), Some(a));
        assert_eq!(keys.get(&g, Label::Person, "le van b"), Some(b));
        assert_eq!(keys.get(&g, Label::District, "le van a"), Some(place));
        assert_eq!(keys.get(&g, Label::Province, "le van a"), None);
        assert_eq!(keys.get(&g, Label::Person, "le van"), None);
        // nodes added later are found, and the table grows past its first size
        let more: Vec<NodeIndex> = (0..1000)
            .map(|k| {
                let i = g.add_node(node(Label::Person, &format!("n{k}")));
                keys.insert(&g, i);
                i
            })
            .collect();
        for (k, &i) in more.iter().enumerate() {
            assert_eq!(keys.get(&g, Label::Person, &format!("n{k}")), Some(i));
        }
        assert_eq!(keys.get(&g, Label::Person, "n1000"), None);
        assert_eq!(keys.get(&g, Label::Person, "le van a"), Some(a));
    }
}
