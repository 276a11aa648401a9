//! Read-side indexes for questioning the graph: nodes by label, the property names each
//! label and type carries and counts per type, built after a load or a build in one pass;
//! nodes by folded name and key, built when a question first looks a name up; and each
//! node's relationships per type and direction, built when a question first expands one.

use std::collections::{BTreeMap, BTreeSet};

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap as HashMap;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::KnowledgeGraph;
use super::adjacency::{Adjacency, Run};
use crate::schema::{Label, Rel};
use crate::text::fold::{fold, fold_into};

/// Indexes over a [`KnowledgeGraph`].
#[derive(Debug, Clone, Default)]
pub struct GraphIndex {
    by_label: HashMap<Label, Vec<NodeIndex>>,
    /// Nodes by folded name and by key, built on first use (see [`GraphIndex::named`]):
    /// folding every name was a fifth of opening a graph and counting its nodes.
    by_name: OnceLock<Names>,
    /// Property names per label (besides `name` and `key`, which every node has).
    pub node_props: BTreeMap<Label, BTreeSet<String>>,
    /// Property names per relationship type.
    pub edge_props: BTreeMap<Rel, BTreeSet<String>>,
    /// Relationships per type.
    pub edge_counts: HashMap<Rel, usize>,
    /// The adjacency in each direction, built on first use (see [`GraphIndex::adjacent`]):
    /// a question that expands no relationship, or a process that asks one, does not
    /// wait for them.
    out: OnceLock<Adjacency>,
    inc: OnceLock<Adjacency>,
}

impl GraphIndex {
    /// Indexes `g`: labels, properties and counts now; names and each direction's
    /// adjacency when they are first asked for. Tallies per label and type go into arrays
    /// first (a relationship costs no map look-up), and a property name is looked up only
    /// when the list of names before it differs from the last one seen for that type
    /// (almost every relationship of a type has the same ones).
    pub fn new(g: &KnowledgeGraph) -> GraphIndex {
        let mut ix = GraphIndex::default();
        let mut by_label: [Vec<NodeIndex>; Label::ALL.len()] = Default::default();
        let mut node_props: [BTreeSet<String>; Label::ALL.len()] = Default::default();
        let mut last: [Option<&crate::schema::Props>; Label::ALL.len()] = [None; Label::ALL.len()];
        for i in g.graph.node_indices() {
            let n = &g.graph[i];
            let l = n.label as usize;
            by_label[l].push(i);
            if !last[l].is_some_and(|p| p.keys().eq(n.props.keys())) {
                add_names(&mut node_props[l], n.props.keys());
                last[l] = Some(&n.props);
            }
        }
        for (l, (nodes, names)) in Label::ALL.iter().zip(by_label.into_iter().zip(node_props)) {
            if !nodes.is_empty() {
                ix.by_label.insert(*l, nodes);
                ix.node_props.insert(*l, names);
            }
        }
        let mut counts = [0usize; Rel::ALL.len()];
        let mut props: [BTreeSet<String>; Rel::ALL.len()] = Default::default();
        let mut last: [Option<&crate::schema::Props>; Rel::ALL.len()] = [None; Rel::ALL.len()];
        for e in g.graph.edge_weights() {
            let r = e.rel as usize;
            counts[r] += 1;
            let same = last[r].is_some_and(|p| p.keys().eq(e.props.keys()));
            if !same {
                add_names(&mut props[r], e.props.keys());
                last[r] = Some(&e.props);
            }
        }
        for (r, (count, names)) in Rel::ALL.iter().zip(counts.into_iter().zip(props)) {
            if count > 0 {
                ix.edge_counts.insert(*r, count);
                ix.edge_props.insert(*r, names);
            }
        }
        ix
    }

    /// The relationships of `n` in direction `dir` (`Outgoing`: `n` is the source),
    /// of type `rel` or of every type, with the node across. `g` is the graph this index
    /// was made from: the first call in a direction builds its adjacency from it, in
    /// O(E log d).
    pub fn adjacent(
        &self,
        g: &KnowledgeGraph,
        n: NodeIndex,
        dir: Direction,
        rel: Option<Rel>,
    ) -> Run<'_> {
        let adj = self.adjacency(g, dir);
        match rel {
            Some(r) => adj.of(n, r),
            None => adj.all(n),
        }
    }

    /// The adjacency in direction `dir`, built from `g` if it is not yet.
    fn adjacency(&self, g: &KnowledgeGraph, dir: Direction) -> &Adjacency {
        let adj = match dir {
            Direction::Outgoing => &self.out,
            Direction::Incoming => &self.inc,
        };
        adj.get_or_init(|| Adjacency::new(&g.graph, dir, |e| e.rel))
    }

    /// Builds now, from `g`, what most first questions would build: the names and the
    /// outgoing adjacency (a question starts from a node and follows its relationships).
    /// The REPL does it while the user types, so that the first question does not wait
    /// for it. The incoming adjacency, as large again, is left to the first question that
    /// needs it, so that a REPL holds no more than its questions ask for. Safe to call
    /// from another thread while questions are asked: each part is built once, and a
    /// question that needs one being built waits for it.
    pub fn warm(&self, g: &KnowledgeGraph) {
        self.named(g, "");
        self.adjacency(g, Direction::Outgoing);
    }

    /// Whether [`GraphIndex::warm`] has nothing left to build.
    pub fn is_warm(&self) -> bool {
        self.by_name.get().is_some() && self.out.get().is_some()
    }

    /// Number of nodes with this label: O(1).
    pub fn label_count(&self, label: Label) -> usize {
        self.with_label(label).len()
    }

    /// Nodes with this label, in index order.
    pub fn with_label(&self, label: Label) -> &[NodeIndex] {
        self.by_label.get(&label).map_or(&[], Vec::as_slice)
    }

    /// Nodes whose folded name or key is `folded`, in index order. `g` is the graph this
    /// index was made from: the first call folds every name of it, in O(N log N).
    pub fn named(&self, g: &KnowledgeGraph, folded: &str) -> Vec<NodeIndex> {
        self.by_name.get_or_init(|| Names::new(g)).get(g, folded)
    }

    /// Number of relationships of this type.
    pub fn edge_count(&self, rel: Rel) -> usize {
        self.edge_counts.get(&rel).copied().unwrap_or(0)
    }

    /// Every property name the graph knows, on nodes or relationships.
    pub fn all_props(&self) -> BTreeSet<&str> {
        let mut out: BTreeSet<&str> = ["name", "key"].into_iter().collect();
        for set in self.node_props.values().chain(self.edge_props.values()) {
            out.extend(set.iter().map(String::as_str));
        }
        out
    }
}

/// Nodes by the hash of their folded name and of their key, sorted by hash and then by
/// node: a look-up is a binary search, then a check of each node found, since two strings
/// may share a hash.
///
/// A sorted vector rather than a map of strings: it is built without copying a name,
/// with one allocation, and holds 16 bytes an entry (a node whose key is not its folded
/// name has two entries).
#[derive(Debug, Clone)]
struct Names(Vec<(u64, NodeIndex)>);

impl Names {
    fn new(g: &KnowledgeGraph) -> Names {
        let mut entries = Vec::with_capacity(g.graph.node_count() * 5 / 4);
        let mut folded = String::new();
        for i in g.graph.node_indices() {
            let n = &g.graph[i];
            fold_into(&n.name, &mut folded);
            entries.push((name_hash(&folded), i));
            if folded != n.key {
                entries.push((name_hash(&n.key), i));
            }
        }
        entries.sort_unstable();
        entries.dedup(); // a name and a key of one node that share a hash
        Names(entries)
    }

    /// The nodes of `g` whose folded name or key is `folded`, in index order.
    fn get(&self, g: &KnowledgeGraph, folded: &str) -> Vec<NodeIndex> {
        let h = name_hash(folded);
        let from = self.0.partition_point(|(x, _)| *x < h);
        self.0[from..]
            .iter()
            .take_while(|(x, _)| *x == h)
            .map(|(_, i)| *i)
            .filter(|&i| {
                let n = &g.graph[i];
                n.key == folded || fold(&n.name) == folded
            })
            .collect()
    }
}

fn name_hash(s: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(s)
}

/// Adds the names `set` lacks, copying only those (most are there already).
fn add_names<'a>(set: &mut BTreeSet<String>, names: impl Iterator<Item = &'a Arc<str>>) {
    for k in names {
        if !set.contains(&**k) {
            set.insert(k.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;
    use crate::text::Article;

    /// The graph of one article naming one official.
    fn one_article() -> KnowledgeGraph {
        let a = Article::from_text(
            "a.txt",
            "Tin\n\nĐồng chí Lưu Văn Bình - Bí thư Huyện ủy Gia Lâm phát biểu.".into(),
        );
        let mut g = KnowledgeGraph::new();
        g.add(&a, &extract(&a));
        g
    }

    #[test]
    fn indexes_labels_names_and_props() {
        let g = one_article();
        let ix = GraphIndex::new(&g);
        assert_eq!(ix.with_label(Label::Person).len(), 1);
        let hit = ix.named(&g, "luu van binh");
        assert_eq!(hit.len(), 1);
        assert_eq!(&*g.graph[hit[0]].name, "Lưu Văn Bình");
        assert!(ix.all_props().contains("title"), "HOLDS carries title");
        assert!(ix.edge_count(Rel::Holds) >= 1);
    }

    #[test]
    fn names_finds_every_node_by_its_folded_name_and_by_its_key_in_index_order() {
        let g = one_article();
        let ix = GraphIndex::new(&g);
        let wanted = |q: &str| -> Vec<NodeIndex> {
            g.graph
                .node_indices()
                .filter(|&i| g.graph[i].key == q || fold(&g.graph[i].name) == q)
                .collect()
        };
        let mut asked = 0;
        for i in g.graph.node_indices() {
            let n = &g.graph[i];
            for q in [fold(&n.name), n.key.clone()] {
                let found = ix.named(&g, &q);
                assert!(found.contains(&i), "{q:?}");
                assert_eq!(found, wanted(&q), "{q:?}");
                asked += 1;
            }
        }
        assert!(asked > 4, "the article names several nodes");
        assert!(ix.named(&g, "nobody of this name").is_empty());
    }

    #[test]
    fn a_node_that_only_shares_the_hash_is_not_found() {
        let g = one_article();
        let person = g
            .graph
            .node_indices()
            .find(|&i| g.graph[i].label == Label::Person);
        let person = person.expect("the article names an official");
        // as if "tran van a" hashed like the official's name
        let names = Names(vec![(name_hash("tran van a"), person)]);
        assert!(names.get(&g, "tran van a").is_empty());
        let own = fold(&g.graph[person].name);
        let names = Names(vec![(name_hash(&own), person)]);
        assert_eq!(names.get(&g, &own), vec![person]);
    }

    #[test]
    fn warming_on_another_thread_builds_what_questions_would_and_the_same() {
        let g = one_article();
        let (lazy, warmed) = (GraphIndex::new(&g), GraphIndex::new(&g));
        assert!(!warmed.is_warm());
        std::thread::scope(|s| {
            s.spawn(|| warmed.warm(&g));
        });
        assert!(warmed.is_warm() && !lazy.is_warm());
        assert!(
            warmed.inc.get().is_none(),
            "the incoming adjacency waits for a question"
        );
        assert_eq!(
            warmed.named(&g, "luu van binh"),
            lazy.named(&g, "luu van binh")
        );
        for n in g.graph.node_indices() {
            for dir in [Direction::Outgoing, Direction::Incoming] {
                let pairs =
                    |ix: &GraphIndex| -> Vec<_> { ix.adjacent(&g, n, dir, None).iter().collect() };
                assert_eq!(pairs(&warmed), pairs(&lazy));
            }
        }
    }
}
