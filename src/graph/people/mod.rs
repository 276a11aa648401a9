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
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

mod plan;
mod survey;

pub use plan::{Batch, Plan};

use super::corrections::{Correction, Decision};
use super::identity::{Anchor, PersonKey};
use super::{Counts, KnowledgeGraph, Origin};
use crate::schema::{ArticleId, Label};
use survey::Survey;

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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    /// joined (see the module's rules): the member of each group with the least key takes
    /// the others' edges, properties and sources, and they go. Costs a pass over the
    /// persons, one over the edges, and a rebuild of the graph in which what stays keeps
    /// its order.
    pub fn resolved(mut self) -> KnowledgeGraph {
        if self.resolved {
            return self;
        }
        if !self.corrections.is_empty() {
            self.index_keys(); // corrections look people up by key
            if self.split_off() {
                self.reindex(); // edges were removed: their indexes moved
                self.index_keys();
            }
        }
        let plan = self.plan();
        self.apply(plan)
    }

    /// The [`KnowledgeGraph::counts`] of [`KnowledgeGraph::resolved`], from this graph and
    /// its plan, without rebuilding it (unless its corrections split a person: then a copy
    /// is resolved).
    pub fn resolved_counts(&self) -> Counts {
        if self.resolved {
            return self.counts();
        }
        let Some(plan) = self.resolution() else {
            return self.clone().resolved().counts();
        };
        let (mut nodes, mut edges) = self.counts();
        let less = |n: &mut usize| *n = n.saturating_sub(1);
        for (_, members) in plan.groups() {
            for m in members {
                nodes.entry(self.graph[m].label).and_modify(less);
            }
        }
        for (e, _) in plan.merges() {
            edges.entry(self.graph[e].rel).and_modify(less);
        }
        nodes.retain(|_, n| *n > 0);
        edges.retain(|_, n| *n > 0);
        (nodes, edges)
    }

    /// What [`KnowledgeGraph::resolved`] would do to this graph, without doing it: `None`
    /// when the corrections split a person (the split changes the graph before the rules
    /// run, so only `resolved` can do it). A snapshot stores it beside the graph, so that
    /// opening applies it as the relationships are added (see `snapshot`).
    pub fn resolution(&self) -> Option<Plan> {
        if self
            .corrections
            .iter()
            .any(|c| c.decision == Decision::Split)
        {
            return None;
        }
        Some(self.plan())
    }

    /// The plan of the rules on this graph (its splits, if any, already made).
    fn plan(&self) -> Plan {
        let clusters = clusters(self);
        let mut groups = Vec::with_capacity(clusters.len());
        let mut joined = Vec::with_capacity(clusters.len());
        for c in &clusters {
            let Some(rep) = c.iter().min_by_key(|f| f.key.to_string()) else {
                continue;
            };
            let members: Vec<NodeIndex> = c
                .iter()
                .map(|f| f.node)
                .filter(|&n| n != rep.node)
                .collect();
            let mut why: Vec<Joined> = c
                .iter()
                .map(|f| Joined {
                    key: f.key.to_string(),
                    first: f.first.clone(),
                    last: f.last.clone(),
                })
                .collect();
            why.sort_by(|a, b| (&a.first, &a.key).cmp(&(&b.first, &b.key)));
            joined.push((rep.key.to_string(), why));
            groups.push((rep.node, members));
        }
        let merges = self.merges(&groups);
        Plan::new(&groups, merges, joined)
    }

    /// The relationships of the `groups`' members that meet one of their representative's
    /// (or an earlier member's) once their ends move, each with the one it merges into,
    /// in the order they merge.
    fn merges(&self, groups: &[(NodeIndex, Vec<NodeIndex>)]) -> Vec<(EdgeIndex, EdgeIndex)> {
        let mut rep_of: Vec<NodeIndex> = self.graph.node_indices().collect();
        for (rep, members) in groups {
            for &m in members {
                rep_of[m.index()] = *rep;
            }
        }
        let ends = |x: NodeIndex| rep_of[x.index()];
        let edges_of = |n: NodeIndex| {
            self.graph
                .edges_directed(n, Direction::Outgoing)
                .chain(self.graph.edges_directed(n, Direction::Incoming))
                .map(|e| {
                    let w = e.weight();
                    let key: super::EdgeKey = (
                        w.rel,
                        ends(e.source()),
                        ends(e.target()),
                        w.discriminator.clone(),
                    );
                    (e.id(), key)
                })
                .collect::<Vec<_>>()
        };
        let mut merges = Vec::new();
        for (rep, members) in groups {
            let mut here: HashMap<super::EdgeKey, EdgeIndex> =
                edges_of(*rep).into_iter().map(|(e, k)| (k, e)).collect();
            for &m in members {
                for (e, k) in edges_of(m) {
                    match here.get(&k) {
                        Some(&x) => merges.push((e, x)),
                        None => {
                            here.insert(k, e);
                        }
                    }
                }
            }
        }
        merges
    }

    /// Carries out `plan` (see [`Plan::build`]); the graph is rebuilt.
    fn apply(mut self, plan: Plan) -> KnowledgeGraph {
        self.resolved = true;
        let edge_count = self.graph.edge_count();
        // a plan made from this graph fits it; one that did not would leave it unresolved
        if plan.is_empty() || plan.fits(self.graph.node_count(), edge_count).is_err() {
            return self;
        }
        let (nodes, edges) = std::mem::take(&mut self.graph).into_nodes_edges();
        let nodes = nodes.into_iter().map(|n| n.weight).collect();
        let mut edges = edges
            .into_iter()
            .map(|e| (e.source(), e.target(), e.weight));
        let batches = std::iter::from_fn(|| {
            let batch: Batch = edges.by_ref().take(1 << 14).collect();
            (!batch.is_empty()).then_some(Ok(batch))
        });
        // with a plan that fits and no batch that fails, the build does not fail
        if let Ok(graph) = plan.build(nodes, batches, edge_count) {
            self.graph = graph;
        }
        self.reindex();
        self.joined = plan.joined.into_iter().collect();
        self
    }

    /// Applies the `split` corrections: the mentions of a person in the articles named
    /// become another node (whose key no rule joins). Returns whether any did.
    fn split_off(&mut self) -> bool {
        let splits: Vec<(NodeIndex, Vec<String>)> = self
            .corrections
            .iter()
            .filter(|c| c.decision == Decision::Split)
            .filter_map(|c| Some((named(self, &c.a)?, c.articles.clone())))
            .collect();
        let mut moved = std::collections::HashSet::new();
        let mut mentions = super::Mentions::of_graph();
        for (n, articles) in &splits {
            let ids: Vec<ArticleId> = articles
                .iter()
                .filter_map(|a| Some(ArticleId::new(*self.article_names.get(a)?)))
                .collect();
            let ours = |s: &crate::schema::Source| ids.contains(&s.article);
            let node = &mut self.graph[*n];
            let (mine, rest): (Vec<_>, Vec<_>) = node.sources.drain(..).partition(|s| ours(s));
            node.sources = rest.into();
            if mine.is_empty() {
                continue;
            }
            let other = super::Node {
                key: format!("{}#split:{}", node.key, articles.join(",")),
                sources: mine.into(),
                ..node.clone()
            };
            let new = self.merge_node(other, Origin::Graph);
            let edges: Vec<_> = self
                .graph
                .edges_directed(*n, Direction::Outgoing)
                .chain(self.graph.edges_directed(*n, Direction::Incoming))
                .map(|e| (e.id(), e.source(), e.target()))
                .collect();
            for (e, a, b) in edges {
                let w = &mut self.graph[e];
                let (mine, rest): (Vec<_>, Vec<_>) = w.sources.drain(..).partition(|s| ours(s));
                w.sources = rest.into();
                if mine.is_empty() {
                    continue;
                }
                if w.sources.is_empty() {
                    moved.insert(e);
                }
                let edge = super::Edge {
                    sources: mine.into(),
                    ..w.clone()
                };
                let ends = |x: NodeIndex| if x == *n { new } else { x };
                self.merge_edge(ends(a), ends(b), edge, Origin::Graph, &mut mentions);
            }
        }
        if !moved.is_empty() {
            self.graph.retain_edges(|_, e| !moved.contains(&e));
        }
        !splits.is_empty()
    }

    /// The stored persons a person node of [`KnowledgeGraph::resolved`] joins, with their
    /// dates (empty for a node that joins none).
    pub fn joined(&self, key: &str) -> &[Joined] {
        self.joined.get(key).map_or(&[], Vec::as_slice)
    }
}

/// The groups of stored person nodes that are one person, each of two or more: the
/// rules within each name, then the user's corrections (`same` may join two names).
fn clusters(g: &KnowledgeGraph) -> Vec<Vec<Facet>> {
    let (same, apart) = decided(g);
    let corrected: std::collections::HashSet<NodeIndex> =
        same.iter().flat_map(|&(a, b)| [a, b]).collect();
    let mut by_name: BTreeMap<String, Vec<NodeIndex>> = BTreeMap::new();
    for i in g.graph.node_indices() {
        let n = &g.graph[i];
        if n.label == Label::Person
            && let Some(k) = PersonKey::parse(&n.key)
        {
            by_name.entry(k.name().to_string()).or_default().push(i);
        }
    }
    let mut survey = Survey::new(g);
    let mut groups: Vec<Vec<Facet>> = Vec::new();
    for nodes in by_name.values() {
        if nodes.len() < 2 && !nodes.iter().any(|n| corrected.contains(n)) {
            continue;
        }
        let facets: Vec<Facet> = nodes
            .iter()
            .filter_map(|&i| facet(&mut survey, g, i))
            .collect();
        groups.extend(join(facets, &apart));
    }
    // `same` lines join whole groups, across names too
    let mut group_of: HashMap<NodeIndex, usize> = HashMap::new();
    for (n, group) in groups.iter().enumerate() {
        for f in group {
            group_of.insert(f.node, n);
        }
    }
    let mut parent: Vec<usize> = (0..groups.len()).collect();
    for (a, b) in same {
        if let (Some(&x), Some(&y)) = (group_of.get(&a), group_of.get(&b)) {
            let (x, y) = (root(&mut parent, x), root(&mut parent, y));
            parent[x.max(y)] = x.min(y);
        }
    }
    let mut merged: BTreeMap<usize, Vec<Facet>> = BTreeMap::new();
    for (n, group) in groups.into_iter().enumerate() {
        let r = root(&mut parent, n);
        merged.entry(r).or_default().extend(group);
    }
    merged.into_values().filter(|g| g.len() > 1).collect()
}

/// The root of `x` in a union-find forest.
fn root(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn facet(survey: &mut Survey<'_>, g: &KnowledgeGraph, node: NodeIndex) -> Option<Facet> {
    let key = PersonKey::parse(&g.graph[node].key)?;
    let province = match key.anchor() {
        Anchor::National => None,
        Anchor::Place(p) => survey.place_province(p),
        Anchor::Article(a) => survey.article_province(a),
    };
    let dates = survey.dates(node);
    Some(Facet {
        node,
        key,
        province,
        first: dates.map(|d| d.0.to_string()),
        last: dates.map(|d| d.1.to_string()),
    })
}

/// The groups of one name's facets that are one person (singletons too); no group holds
/// both nodes of an `apart` pair.
fn join(facets: Vec<Facet>, apart: &[Pair]) -> Vec<Vec<Facet>> {
    let mut parent: Vec<usize> = (0..facets.len()).collect();
    let find = root;
    let index: HashMap<NodeIndex, usize> = facets
        .iter()
        .enumerate()
        .map(|(i, f)| (f.node, i))
        .collect();
    let apart: Vec<(usize, usize)> = apart
        .iter()
        .filter_map(|(a, b)| Some((*index.get(a)?, *index.get(b)?)))
        .collect();
    // whether joining the groups of `x` and `y` would put an `apart` pair in one
    let forbidden = |parent: &mut [usize], x: usize, y: usize| {
        let (rx, ry) = (root(parent, x), root(parent, y));
        apart.iter().any(|&(a, b)| {
            let (ra, rb) = (root(parent, a), root(parent, b));
            (ra == rx && rb == ry) || (ra == ry && rb == rx)
        })
    };
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
        if let [root] = roots[..]
            && !forbidden(&mut parent, root, k)
        {
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
        if let [root] = roots[..]
            && !forbidden(&mut parent, root, k)
        {
            parent[k] = root;
        }
    }
    let mut groups: BTreeMap<usize, Vec<Facet>> = BTreeMap::new();
    for (i, f) in facets.into_iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(f);
    }
    groups.into_values().collect()
}

/// Where a person node is anchored, in words ("Gia Lâm, Hà Nội", "central office", "no
/// position, a/x.txt"): what `show` prints and what a correction names; `None` for other
/// nodes.
pub fn anchored(g: &KnowledgeGraph, n: NodeIndex) -> Option<String> {
    let w = &g.graph[n];
    if w.label != Label::Person {
        return None;
    }
    Some(match PersonKey::parse(&w.key)?.anchor() {
        Anchor::National => "central office".to_string(),
        Anchor::Place(p) => place_name(g, p),
        Anchor::Article(a) => format!("no position, {a}"),
    })
}

/// "Gia Lâm, Hà Nội" for the place key `gia lam, ha noi`, from its node's name and the
/// province it is in.
pub fn place_name(g: &KnowledgeGraph, key: &str) -> String {
    let place = [Label::Commune, Label::District, Label::Province]
        .into_iter()
        .find_map(|l| g.find(l, key));
    let Some(i) = place else {
        return key.to_string();
    };
    let name = &g.graph[i].name;
    let above = g
        .graph
        .neighbors_directed(i, Direction::Outgoing)
        .find(|&m| g.graph[m].label == Label::Province);
    match above {
        Some(p) => format!("{name}, {}", g.graph[p].name),
        None => name.to_string(),
    }
}

/// The stored person a correction names: the node of that folded name whose place, in
/// words (or as a key, or as an article for a mention without a position), is the one
/// written.
fn named(g: &KnowledgeGraph, who: &super::corrections::Named) -> Option<NodeIndex> {
    g.graph.node_indices().find(|&i| {
        let Some(k) = PersonKey::parse(&g.graph[i].key) else {
            return false;
        };
        let words = anchored(g, i).unwrap_or_default();
        let plain = match k.anchor() {
            Anchor::Place(p) => p.clone(),
            Anchor::Article(a) => a.clone(),
            Anchor::National => "central office".into(),
        };
        who.is(k.name(), &words) || who.is(k.name(), &plain)
    })
}

impl KnowledgeGraph {
    /// What each correction does to this (stored) graph, a line each; the first line that
    /// names a person the graph does not hold is an error naming it.
    pub fn check_corrections(&self) -> Result<Vec<String>, String> {
        let mut lines = Vec::new();
        for c in &self.corrections {
            for who in [&c.a, &c.b] {
                if named(self, who).is_none() {
                    let name = crate::text::fold::fold(&who.name);
                    let known: Vec<String> = self
                        .graph
                        .node_indices()
                        .filter(|&i| {
                            PersonKey::parse(&self.graph[i].key).is_some_and(|k| k.name() == name)
                        })
                        .filter_map(|i| anchored(self, i))
                        .take(5)
                        .collect();
                    let hint = if known.is_empty() {
                        "no one of that name is in the graph".to_string()
                    } else {
                        format!("people of that name: {}", known.join("; "))
                    };
                    return Err(format!("{}: {who} matches no one ({hint})", c.at));
                }
            }
            if c.decision == Decision::Split
                && let Some(n) = named(self, &c.a)
            {
                let theirs = |f: &String| {
                    self.graph[n]
                        .sources
                        .iter()
                        .any(|s| self.file_of(s.article) == f)
                };
                if let Some(f) = c.articles.iter().find(|f| !theirs(f)) {
                    return Err(format!("{}: {} is not named in {f}", c.at, c.a));
                }
            }
            lines.push(match c.decision {
                Decision::Same => format!("{}: {} and {} are one person", c.at, c.a, c.b),
                Decision::Apart => format!("{}: {} and {} are kept apart", c.at, c.a, c.b),
                Decision::Split => format!(
                    "{}: {} in {} is another person",
                    c.at,
                    c.a,
                    c.articles.join(", ")
                ),
            });
        }
        Ok(lines)
    }
}

/// Two stored person nodes.
type Pair = (NodeIndex, NodeIndex);

/// The pairs of stored nodes the corrections join, and keep apart.
fn decided(g: &KnowledgeGraph) -> (Vec<Pair>, Vec<Pair>) {
    let (mut same, mut apart) = (Vec::new(), Vec::new());
    for c in &g.corrections {
        let pair = |c: &Correction| Some((named(g, &c.a)?, named(g, &c.b)?));
        if let Some(p) = pair(c) {
            match c.decision {
                Decision::Same => same.push(p),
                Decision::Apart => apart.push(p),
                Decision::Split => {}
            }
        }
    }
    (same, apart)
}
