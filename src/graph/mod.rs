//! Stage three: the knowledge graph. Facts of each article merge into one `petgraph` graph
//! by key; every node and edge keeps the sentences it comes from, and the graph keeps the
//! article texts so that evidence can be shown later.

pub mod adjacency;
pub mod corrections;
mod edge_keys;
pub mod identity;
pub mod index;
mod node_keys;
pub mod packed;
pub mod people;
pub mod snapshot;

pub use index::GraphIndex;
pub use packed::{PackedText, UnpackError};

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::extract::Facts;
use crate::keys::Scope;
use crate::schema::{ArticleId, Label, Props, Rel, Source, Sources};
use crate::text::Article;
use edge_keys::{EdgeKeys, Mentions};

/// A node: an entity of SCHEMA.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// The label.
    pub label: Label,
    /// Display name (NFC, classic tone placement); shared with the query rows that
    /// return it.
    pub name: Arc<str>,
    /// Merge key (folded name, scoped where the place is unknown).
    pub key: String,
    /// Label-specific properties.
    pub props: Props,
    /// Evidence sentences.
    pub sources: Sources,
}

/// An edge: a relationship of SCHEMA.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// The type.
    pub rel: Rel,
    /// Properties (`title`, `as_of`, `kind`, `item`).
    pub props: Props,
    /// Evidence sentences.
    pub sources: Sources,
    /// What tells two edges of one type between the same nodes apart (shared: many
    /// edges have the same one).
    pub discriminator: Arc<str>,
}

/// An article kept in the graph, for evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    /// Its path relative to the folder it was built from (unique in the graph): the
    /// `article` of every source.
    pub file: String,
    /// The normalised text that source offsets point into, compressed.
    pub text: PackedText,
    /// BLAKE3 of the text, to recognise an article already in the graph: a strong hash,
    /// so that two different texts are never taken for one.
    pub hash: [u8; 32],
}

impl StoredArticle {
    /// The text of `start..end` (a source's sentence); `None` when the range is not in
    /// it, an error when the text cannot be read (a snapshot damaged or cut since it was
    /// loaded).
    pub fn passage(&self, start: usize, end: usize) -> Result<Option<String>, UnpackError> {
        Ok(self.text.unpack()?.get(start..end).map(str::to_string))
    }
}

/// What a build computes for an article on its worker threads, before the ordered merge:
/// the text's hash and its compressed form.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// [`text_hash`] of the text.
    pub hash: [u8; 32],
    /// The text, compressed.
    pub text: PackedText,
}

impl Prepared {
    /// Hashes and compresses the article's text.
    pub fn of(article: &Article) -> Prepared {
        Prepared {
            hash: text_hash(&article.text),
            text: PackedText::new(&article.text),
        }
    }
}

/// The content hash of an article's text.
pub fn text_hash(text: &str) -> [u8; 32] {
    *blake3::hash(text.as_bytes()).as_bytes()
}

/// `name`, or `name#2`, `name#3`… the first of them that `taken` does not hold: two
/// different texts saved under one path (in two builds, or two merged graphs) stay two
/// articles, each with its own sources.
fn unique_name(name: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_string();
    }
    (2..)
        .map(|n| format!("{name}#{n}"))
        .find(|c| !taken(c))
        .unwrap_or_default()
}

/// What identifies an edge: its type, its ends and its discriminator (see
/// [`edge_keys::EdgeKeys`], which holds the graph's edges by it without copying it).
type EdgeKey = (Rel, NodeIndex, NodeIndex, Arc<str>);

/// Nodes per label and relationships per type.
pub type Counts = (BTreeMap<Label, usize>, BTreeMap<Rel, usize>);

/// The knowledge graph (stored by [`snapshot`]).
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    /// Nodes and edges.
    graph: DiGraph<Node, Edge>,
    /// The articles, in the order they were added.
    articles: Vec<StoredArticle>,
    /// The user's corrections of who is who (see [`corrections`]), applied whenever the
    /// graph is [`KnowledgeGraph::resolved`].
    corrections: Vec<corrections::Correction>,
    /// The node of each key, and the edge of each (type, ends, discriminator): built on
    /// first use, since only adding to the graph needs them and a loaded graph that is only
    /// questioned should not pay for them (`None`: not built since the last change).
    nodes_by_key: Option<node_keys::NodeKeys>,
    edges_by_key: Option<edge_keys::EdgeKeys>,
    /// The article of each name and of each text hash.
    article_names: HashMap<String, usize>,
    article_hashes: HashMap<[u8; 32], usize>,
    /// For each person node of a [`KnowledgeGraph::resolved`] graph that joins several
    /// stored ones: those, with their dates.
    joined: BTreeMap<String, Vec<people::Joined>>,
    /// Whether this is the graph people question already (see [`KnowledgeGraph::resolved`]).
    resolved: bool,
    /// The allocation of each discriminator and property name and value that articles
    /// have added, shared by all their uses: a build makes millions of them, mostly the
    /// same few (a snapshot stores each once, and a save finds a shared one by address).
    shared: rustc_hash::FxHashSet<Arc<str>>,
    /// The same for whole property maps: a large graph has millions of relationships with
    /// properties but tens of thousands of distinct maps.
    shared_props: rustc_hash::FxHashSet<Props>,
}

impl KnowledgeGraph {
    /// An empty graph.
    pub fn new() -> KnowledgeGraph {
        KnowledgeGraph::default()
    }

    /// The nodes and edges, to read. Changes go through this type's methods, which keep
    /// its key and article indexes in step with them.
    pub fn graph(&self) -> &DiGraph<Node, Edge> {
        &self.graph
    }

    /// The articles, in the order they were added (an [`ArticleId`] is a place here).
    pub fn articles(&self) -> &[StoredArticle] {
        &self.articles
    }

    /// The user's corrections of who is who.
    pub fn corrections(&self) -> &[corrections::Correction] {
        &self.corrections
    }

    /// Rebuilds the article indexes and drops the key indexes (after loading a snapshot, or
    /// a change that moved node or edge indexes); those are built again on first use.
    pub fn reindex(&mut self) {
        self.article_names = HashMap::default();
        self.article_hashes = HashMap::default();
        for i in 0..self.articles.len() {
            self.index_article(i);
        }
        self.nodes_by_key = None;
        self.edges_by_key = None;
    }

    /// The graph, and its nodes by label and key (built if they are not).
    fn node_keys(&mut self) -> (&mut DiGraph<Node, Edge>, &mut node_keys::NodeKeys) {
        let g = &self.graph;
        let keys = self
            .nodes_by_key
            .get_or_insert_with(|| node_keys::NodeKeys::new(g));
        (&mut self.graph, keys)
    }

    /// The graph, and its relationships by type, ends and discriminator (built if they
    /// are not).
    fn edge_keys(&mut self) -> (&mut DiGraph<Node, Edge>, &mut edge_keys::EdgeKeys) {
        let g = &self.graph;
        let keys = self
            .edges_by_key
            .get_or_insert_with(|| edge_keys::EdgeKeys::new(g));
        (&mut self.graph, keys)
    }

    /// Makes room at once for the relationships of `bytes` more of article text, as the
    /// synthetic corpus has them (`bench/run.sh`: one for every 90 bytes), so that a large
    /// build does not copy its relationships, and fault their memory in, at each doubling
    /// of their storage. A hint: other text has more or fewer, and the storage then grows
    /// as it would have. The room costs address space only until it is used.
    pub fn reserve_for_text(&mut self, bytes: u64) {
        const BYTES_PER_RELATIONSHIP: u64 = 90;
        let more = usize::try_from(bytes / BYTES_PER_RELATIONSHIP).unwrap_or(0);
        self.graph.reserve_edges(more);
        // a key table not built yet takes the graph's room when it is (`EdgeKeys::new`)
        if let Some(keys) = &mut self.edges_by_key {
            keys.reserve(more);
        }
    }

    /// The node with this label and key: a hash look-up once the key index is built
    /// ([`KnowledgeGraph::index_keys`]), a scan of the nodes before.
    pub fn find(&self, label: Label, key: &str) -> Option<NodeIndex> {
        match &self.nodes_by_key {
            Some(keys) => keys.get(&self.graph, label, key),
            None => self
                .graph
                .node_indices()
                .find(|i| self.graph[*i].label == label && self.graph[*i].key == key),
        }
    }

    /// Builds the node key index now, for many [`KnowledgeGraph::find`]s to come.
    pub fn index_keys(&mut self) {
        self.node_keys();
    }

    /// Builds a graph from its parts (a decoded snapshot).
    pub fn from_parts(graph: DiGraph<Node, Edge>, articles: Vec<StoredArticle>) -> KnowledgeGraph {
        let mut g = KnowledgeGraph {
            graph,
            articles,
            ..KnowledgeGraph::default()
        };
        g.reindex();
        g
    }

    /// Adds corrections; a line deciding the same pair as one already here replaces it.
    pub fn correct(&mut self, lines: &[corrections::Correction]) {
        for c in lines {
            let pair = |x: &corrections::Correction| {
                let (a, b) = (x.a.to_string(), x.b.to_string());
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                (a, b, x.articles.clone())
            };
            self.corrections.retain(|old| pair(old) != pair(c));
            self.corrections.push(c.clone());
        }
    }

    /// Whether an article of this text is in the graph.
    pub fn has_text(&self, hash: &[u8; 32]) -> bool {
        self.article_hashes.contains_key(hash)
    }

    /// The file name of an article of this graph; empty for an id of no article here
    /// (ids come from this graph: a source of another graph is not to be asked here).
    pub fn file_of(&self, id: ArticleId) -> &str {
        self.articles
            .get(id.index())
            .map_or("", |a| a.file.as_str())
    }

    fn index_article(&mut self, i: usize) {
        let a = &self.articles[i];
        self.article_names.insert(a.file.clone(), i);
        self.article_hashes.entry(a.hash).or_insert(i);
    }

    fn push_article(&mut self, a: StoredArticle) {
        self.articles.push(a);
        self.index_article(self.articles.len() - 1);
    }

    /// Adds one article and its facts, merging nodes and edges by key. An article whose
    /// path is taken by another text is named `path#2` (and so on).
    pub fn add(&mut self, article: &Article, facts: &Facts) {
        self.add_prepared(article, facts, Prepared::of(article));
    }

    /// [`KnowledgeGraph::add`], with the text already hashed and compressed (a build does
    /// that on its worker threads, not in the ordered merge).
    pub fn add_prepared(&mut self, article: &Article, facts: &Facts, prepared: Prepared) {
        let file = unique_name(&article.file, |n| self.article_names.contains_key(n));
        if file != article.file {
            // the keys of what the article alone decides carry its name: read it again
            // under the new one (rare: two texts saved under one path)
            let renamed = Article {
                file,
                ..article.clone()
            };
            let facts = crate::extract::extract(&renamed);
            return self.add_prepared(&renamed, &facts, prepared);
        }
        let id = ArticleId::new(self.articles.len());
        self.push_article(StoredArticle {
            file: file.clone(),
            text: prepared.text,
            hash: prepared.hash,
        });
        // an article is at most --max-article-mb: its offsets fit in 32 bits
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let src = |s: &crate::text::Span| Source {
            article: id,
            start: offset(s.start),
            end: offset(s.end),
        };
        let before = self.graph.node_count();
        let ids: Vec<NodeIndex> = facts
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| {
                // a person is more than a name across articles: see `identity`
                let key = match e.label {
                    Label::Person => identity::person_key(facts, i, &file).to_string(),
                    _ => e.key.clone(),
                };
                let node = Node {
                    label: e.label,
                    name: e.name.as_str().into(),
                    key,
                    props: self.share_props(&e.props),
                    sources: e.evidence.iter().map(src).collect(),
                };
                self.merge_node(node, Origin::Article)
            })
            .collect();
        // the article's node is new (its name is): none of its MENTIONS is in the graph
        let fresh = ids.first().is_some_and(|a| a.index() >= before);
        let mut mentions = if fresh {
            Mentions::fresh()
        } else {
            Mentions::of_graph()
        };
        for r in &facts.relations {
            let discriminator = identity::edge_discriminator(r);
            let edge = Edge {
                rel: r.rel,
                props: self.share_props(&r.props),
                sources: r.evidence.iter().map(src).collect(),
                discriminator: self.share(&discriminator),
            };
            self.merge_edge(ids[r.from], ids[r.to], edge, Origin::Article, &mut mentions);
        }
    }

    /// Adds another graph: nodes merge by key, edges by their ends and discriminator,
    /// sources unite; an article already here (same text) is not added twice.
    ///
    /// An article of `other` whose text is here under another path keeps the path it has
    /// here; one whose path is taken here by another text is renamed (`path#2`); the
    /// sources of `other` follow both.
    pub fn merge(&mut self, other: &KnowledgeGraph) {
        self.correct(&other.corrections);
        // where each article of `other` is here, and the new names of those renamed
        let mut here: Vec<ArticleId> = Vec::with_capacity(other.articles.len());
        let mut renamed: HashMap<&str, String> = HashMap::default();
        for a in &other.articles {
            let id = match self.article_hashes.get(&a.hash) {
                Some(&i) => i,
                None => {
                    let name = unique_name(&a.file, |n| self.article_names.contains_key(n));
                    self.push_article(StoredArticle {
                        file: name,
                        ..a.clone()
                    });
                    self.articles.len() - 1
                }
            };
            if self.articles[id].file != a.file {
                renamed.insert(a.file.as_str(), self.articles[id].file.clone());
            }
            here.push(ArticleId::new(id));
        }
        let rename = |sources: &mut Sources| {
            for s in sources.iter_mut() {
                if let Some(&n) = here.get(s.article.index()) {
                    s.article = n;
                }
            }
        };
        let ids: Vec<NodeIndex> = other
            .graph
            .node_indices()
            .map(|i| {
                let mut node = other.graph[i].clone();
                rename(&mut node.sources);
                // one look-up a node, not one a renamed article
                let moved = Scope::article_of(&node.key)
                    .and_then(|old| Some((old, renamed.get(old)?)))
                    .and_then(|(old, new)| Scope::moved(&node.key, old, new));
                if let Some(key) = moved {
                    node.key = key;
                }
                self.merge_node(node, Origin::Graph)
            })
            .collect();
        let mut mentions = Mentions::of_graph();
        for e in other.graph.edge_indices() {
            if let Some((a, b)) = other.graph.edge_endpoints(e) {
                let mut edge = other.graph[e].clone();
                rename(&mut edge.sources);
                let (a, b) = (ids[a.index()], ids[b.index()]);
                self.merge_edge(a, b, edge, Origin::Graph, &mut mentions);
            }
        }
    }

    fn merge_node(&mut self, node: Node, origin: Origin) -> NodeIndex {
        let (g, keys) = self.node_keys();
        match keys.get(g, node.label, &node.key) {
            Some(i) => {
                let n = &mut g[i];
                merge_props(&mut n.props, node.props);
                merge_sources(&mut n.sources, node.sources, origin);
                i
            }
            None => {
                let i = g.add_node(node);
                keys.insert(g, i);
                i
            }
        }
    }

    /// Adds `edge` from `a` to `b`, or merges it into the same one; a MENTIONS is found in
    /// `mentions`, and added there.
    fn merge_edge(
        &mut self,
        a: NodeIndex,
        b: NodeIndex,
        edge: Edge,
        origin: Origin,
        mentions: &mut Mentions,
    ) {
        let (g, keys) = self.edge_keys();
        let kept = EdgeKeys::keeps(edge.rel);
        let found = if kept {
            keys.get(g, edge.rel, (a, b), &edge.discriminator)
        } else {
            mentions.get(g, a, b)
        };
        match found {
            Some(e) => {
                let w = &mut g[e];
                merge_props(&mut w.props, edge.props);
                merge_sources(&mut w.sources, edge.sources, origin);
            }
            None => {
                let e = g.add_edge(a, b, edge);
                if kept {
                    keys.insert(g, e);
                } else {
                    mentions.insert(a, b, e);
                }
            }
        }
    }

    /// The graph's shared allocation of `s` (see `shared`), made the first time it is seen.
    fn share(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.shared.get(s) {
            return a.clone();
        }
        let a: Arc<str> = s.into();
        self.shared.insert(a.clone());
        a
    }

    /// `props` as the graph's shared map of those names and values, made the first time it
    /// is seen, its names and string values the graph's shared ones.
    fn share_props(&mut self, props: &Props) -> Props {
        if props.is_empty() {
            return Props::new();
        }
        if let Some(p) = self.shared_props.get(props) {
            return p.clone();
        }
        let pairs = props
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    crate::schema::Value::Str(s) => crate::schema::Value::Str(self.share(s)),
                    v => v.clone(),
                };
                (self.share(k), v)
            })
            .collect();
        let p = Props::from_sorted(pairs);
        self.shared_props.insert(p.clone());
        p
    }

    /// Node counts per label, edge counts per type.
    pub fn counts(&self) -> Counts {
        let mut nodes = BTreeMap::new();
        for n in self.graph.node_weights() {
            *nodes.entry(n.label).or_default() += 1;
        }
        let mut edges = BTreeMap::new();
        for e in self.graph.edge_weights() {
            *edges.entry(e.rel).or_default() += 1;
        }
        (nodes, edges)
    }
}

fn merge_props(into: &mut Props, from: Props) {
    into.fill(from);
}

/// How sources being merged may repeat those already there.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// From the article being added: a repeat can only be among the trailing sources of
    /// that article (articles are added one at a time), so only those are compared.
    Article,
    /// From another graph: a repeat can be anywhere (an article in both graphs).
    Graph,
}

fn merge_sources(into: &mut Sources, from: Sources, origin: Origin) {
    match origin {
        Origin::Article => {
            for s in from {
                let repeat = into
                    .iter()
                    .rev()
                    .take_while(|x| x.article == s.article)
                    .any(|x| *x == s);
                if !repeat {
                    into.push(s);
                }
            }
        }
        Origin::Graph => {
            let mut seen: std::collections::HashSet<Source> = into.iter().copied().collect();
            into.extend(from.into_iter().filter(|s| seen.insert(*s)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    fn article(file: &str, body: &str) -> Article {
        Article::from_text(file, format!("Tin\nNgày đăng 01/02/2023 | 08:00\n{body}"))
    }

    #[test]
    fn room_for_the_relationships_of_more_text_is_made_at_once() {
        let mut g = KnowledgeGraph::new();
        let a = article(
            "a.txt",
            "Đồng chí Lưu Văn Bình - Bí thư Huyện ủy Gia Lâm phát biểu.",
        );
        g.add(&a, &extract(&a));
        let before = g.graph.edge_count();
        g.reserve_for_text(90_000);
        assert!(g.graph.capacity().1 >= before + 1000);
        let b = article(
            "b.txt",
            "Đồng chí Lưu Văn Bình chủ trì hội nghị Huyện ủy Gia Lâm.",
        );
        g.add(&b, &extract(&b));
        assert!(g.graph.edge_count() > before);
        let e = g
            .graph
            .edge_indices()
            .rfind(|&e| g.graph[e].rel != Rel::Mentions)
            .unwrap();
        let w = g.graph[e].clone();
        let (x, y) = g.graph.edge_endpoints(e).unwrap();
        let found = g
            .edges_by_key
            .as_ref()
            .unwrap()
            .get(&g.graph, w.rel, (x, y), &w.discriminator);
        assert_eq!(
            found,
            Some(e),
            "the key table still finds what is added after"
        );
    }

    /// An article that names an official, his committee and its district.
    fn chairing() -> Article {
        article(
            "a.txt",
            "Đồng chí Lưu Văn Bình - Bí thư Huyện ủy Gia Lâm chủ trì hội nghị.",
        )
    }

    /// The number of relationships of each type.
    fn per_type(g: &KnowledgeGraph) -> BTreeMap<Rel, usize> {
        g.counts().1
    }

    #[test]
    fn an_article_merged_again_from_another_graph_adds_no_relationship() {
        let a = chairing();
        let mut g = KnowledgeGraph::new();
        g.add(&a, &extract(&a));
        let before = per_type(&g);
        assert!(
            before.get(&Rel::Mentions).is_some_and(|&n| n > 1),
            "{before:?}"
        );
        let copy = g.clone();
        g.merge(&copy);
        assert_eq!(per_type(&g), before, "MENTIONS are found, not added twice");
        // the same after a build, whose key table has no MENTIONS in it
        let b = article("b.txt", "Đồng chí Lưu Văn Bình phát biểu tại Gia Lâm.");
        g.add(&b, &extract(&b));
        let after = per_type(&g);
        g.merge(&copy);
        assert_eq!(per_type(&g), after);
    }

    #[test]
    fn a_node_an_article_names_twice_is_mentioned_once() {
        let a = chairing();
        let mut g = KnowledgeGraph::new();
        let mut facts = extract(&a);
        // each of the article's MENTIONS twice, as two entities of one key would give
        let again: Vec<crate::extract::Relation> = facts
            .relations
            .iter()
            .filter(|r| r.rel == Rel::Mentions)
            .cloned()
            .collect();
        let mentioned = again.len();
        assert!(mentioned > 1);
        facts.relations.extend(again);
        g.add(&a, &facts);
        assert_eq!(per_type(&g).get(&Rel::Mentions), Some(&mentioned));
    }

    #[test]
    fn the_same_official_in_two_articles_is_one_node_with_both_sources() {
        let mut g = KnowledgeGraph::new();
        for (f, body) in [
            (
                "a.txt",
                "Đồng chí Lưu Văn Bình - Bí thư Huyện ủy Gia Lâm phát biểu.",
            ),
            (
                "b.txt",
                "Đồng chí Lưu Văn Bình - Bí thư Huyện ủy Gia Lâm chủ trì hội nghị.",
            ),
        ] {
            let a = article(f, body);
            g.add(&a, &extract(&a));
        }
        let persons: Vec<&Node> = g
            .graph
            .node_weights()
            .filter(|n| n.label == Label::Person)
            .collect();
        assert_eq!(persons.len(), 1);
        let files: Vec<&str> = persons[0]
            .sources
            .iter()
            .map(|s| g.file_of(s.article))
            .collect();
        assert_eq!(files, vec!["a.txt", "b.txt"]);
        let holds = g
            .graph
            .edge_weights()
            .filter(|e| e.rel == Rel::Holds)
            .count();
        assert_eq!(holds, 1, "same title, same date: one edge");
    }

    fn graph_of(articles: &[(&str, &str)]) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        for (f, body) in articles {
            let a = article(f, body);
            g.add(&a, &extract(&a));
        }
        g
    }

    fn nodes<'g>(g: &'g KnowledgeGraph, label: Label, name: &str) -> Vec<&'g Node> {
        g.graph
            .node_weights()
            .filter(|n| n.label == label && n.name.starts_with(name))
            .collect()
    }

    #[test]
    fn namesakes_of_two_provinces_are_two_people_and_a_leader_is_one() {
        let g = graph_of(&[
            (
                "a.txt",
                "Đồng chí Lưu Văn Bình - Bí thư Huyện ủy Gia Lâm chủ trì. Dự hội nghị có đồng chí \
                 Mạc Đăng Khoa - Ủy viên Bộ Chính trị, Phó Thủ tướng Chính phủ.",
            ),
            (
                "b.txt",
                "Đồng chí Lưu Văn Bình - Bí thư Huyện ủy Phong Điền, tỉnh Thừa Thiên Huế chủ trì. \
                 Dự hội nghị có đồng chí Mạc Đăng Khoa - Ủy viên Bộ Chính trị, Phó Thủ tướng Chính phủ.",
            ),
        ]);
        assert_eq!(nodes(&g, Label::Person, "Lưu Văn Bình").len(), 2);
        assert_eq!(nodes(&g, Label::Person, "Mạc Đăng Khoa").len(), 1);
    }

    #[test]
    fn a_promotion_inside_a_district_is_one_person_with_both_positions() {
        let g = graph_of(&[
            (
                "2020.txt",
                "Ngày 3/4/2020, đồng chí Lưu Văn Bình - Phó Bí thư Huyện ủy Gia Lâm phát biểu.",
            ),
            (
                "2023.txt",
                "Ngày 5/6/2023, đồng chí Lưu Văn Bình - Bí thư Huyện ủy Gia Lâm, Chủ tịch HĐND huyện chủ trì hội nghị.",
            ),
        ]);
        let people = nodes(&g, Label::Person, "Lưu Văn Bình");
        assert_eq!(people.len(), 1, "{people:?}");
        let titles: std::collections::BTreeSet<&str> = g
            .graph
            .edge_weights()
            .filter(|e| e.rel == Rel::Holds)
            .filter_map(|e| e.props.get("title").and_then(crate::schema::Value::as_str))
            .collect();
        assert!(
            titles.contains("Phó Bí thư") && titles.contains("Bí thư"),
            "{titles:?}"
        );
    }

    #[test]
    fn homonymous_districts_sit_in_their_own_provinces() {
        let g = graph_of(&[
            (
                "a.txt",
                "Đồng chí Lưu Văn Bình - Bí thư Huyện ủy Châu Thành, tỉnh Bến Tre phát biểu.",
            ),
            (
                "b.txt",
                "Đồng chí Lưu Văn An - Bí thư Huyện ủy Châu Thành, tỉnh Tiền Giang phát biểu.",
            ),
        ]);
        let districts = nodes(&g, Label::District, "Châu Thành");
        assert_eq!(districts.len(), 2, "{districts:?}");
    }

    #[test]
    fn documents_of_one_number_are_one_only_for_one_issuer_and_year() {
        let g = graph_of(&[
            (
                "a.txt",
                "Hội nghị quán triệt Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị và Nghị quyết số 15-NQ/TU của Tỉnh ủy Bến Tre.",
            ),
            (
                "b.txt",
                "Hội nghị quán triệt Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị và Nghị quyết số 15-NQ/TU của Tỉnh ủy Tiền Giang.",
            ),
            (
                "c.txt",
                "Hội nghị quán triệt Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị và Nghị quyết 15.",
            ),
        ]);
        assert_eq!(
            nodes(&g, Label::Document, "Chỉ thị số 35").len(),
            2,
            "2019 and 2024"
        );
        assert_eq!(
            nodes(&g, Label::Document, "Nghị quyết").len(),
            3,
            "two issuers, one unknown"
        );
    }

    #[test]
    fn one_issuers_programme_merges_across_articles() {
        let body = "Hội nghị thông qua Chương trình hành động thực hiện Nghị quyết Đại hội của Huyện ủy Gia Lâm.";
        let g = graph_of(&[("a.txt", body), ("b.txt", body)]);
        let programmes: Vec<&Node> = g
            .graph
            .node_weights()
            .filter(|n| n.label == Label::Programme)
            .collect();
        assert_eq!(programmes.len(), 1, "{programmes:?}");
        assert_eq!(programmes[0].sources.len(), 2);
    }
}
