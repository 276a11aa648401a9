//! What the rules of who is who read of the graph: the places by key, the province each
//! place is in, each person's dates and each article's province. Gathered in one pass
//! over the relationships, which lie in order in memory, where walking each person's
//! list of them jumps about it (a hub official has thousands).

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;
use rustc_hash::FxHashMap as HashMap;

use crate::graph::KnowledgeGraph;
use crate::schema::{Label, Rel, Value};

/// The graph as the rules read it (see the module).
pub(super) struct Survey<'g> {
    g: &'g KnowledgeGraph,
    places: HashMap<(Label, &'g str), NodeIndex>,
    /// Per node, where its last-added `IN` relationship leads (the one petgraph lists
    /// first).
    up: Vec<Option<NodeIndex>>,
    /// Per node, the first and last `as_of` of the positions it holds.
    dates: Vec<Option<(&'g str, &'g str)>>,
    /// Each article's province, by file; made when first asked for.
    article_province: Option<HashMap<&'g str, NodeIndex>>,
}

impl<'g> Survey<'g> {
    /// Surveys `g`: a pass over the nodes and one over the relationships.
    pub(super) fn new(g: &'g KnowledgeGraph) -> Survey<'g> {
        let mut places = HashMap::default();
        for i in g.graph.node_indices() {
            let n = &g.graph[i];
            if matches!(n.label, Label::Province | Label::District | Label::Commune) {
                places.insert((n.label, n.key.as_str()), i);
            }
        }
        let mut up = vec![None; g.graph.node_count()];
        let mut dates: Vec<Option<(&str, &str)>> = vec![None; g.graph.node_count()];
        for e in g.graph.raw_edges() {
            match e.weight.rel {
                Rel::In => up[e.source().index()] = Some(e.target()),
                Rel::Holds => {
                    if let Some(d) = e.weight.props.get("as_of").and_then(Value::as_str) {
                        let span = &mut dates[e.source().index()];
                        *span = Some(span.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))));
                    }
                }
                _ => {}
            }
        }
        Survey {
            g,
            places,
            up,
            dates,
            article_province: None,
        }
    }

    /// The first and last dates person `n` is seen holding a position at.
    pub(super) fn dates(&self, n: NodeIndex) -> Option<(&'g str, &'g str)> {
        self.dates.get(n.index()).copied().flatten()
    }

    /// The province a place key is in: the place itself, or the province its `IN`
    /// relationships reach.
    pub(super) fn place_province(&self, place: &str) -> Option<NodeIndex> {
        let mut at = [Label::Province, Label::District, Label::Commune]
            .into_iter()
            .find_map(|l| self.places.get(&(l, place)).copied())?;
        for _ in 0..3 {
            if self.g.graph[at].label == Label::Province {
                return Some(at);
            }
            at = self.up[at.index()]?;
        }
        None
    }

    /// The province of the article `file`: the one its mentioned places are most often in.
    pub(super) fn article_province(&mut self, file: &str) -> Option<NodeIndex> {
        if self.article_province.is_none() {
            self.article_province = Some(self.provinces_of_articles());
        }
        self.article_province.as_ref()?.get(file).copied()
    }

    fn provinces_of_articles(&self) -> HashMap<&'g str, NodeIndex> {
        let g = self.g;
        let mut votes: HashMap<NodeIndex, BTreeMap<NodeIndex, usize>> = HashMap::default();
        for e in g.graph.raw_edges() {
            let (a, m) = (e.source(), e.target());
            if e.weight.rel == Rel::Mentions
                && g.graph[a].label == Label::Article
                && matches!(g.graph[m].label, Label::Province | Label::District)
                && let Some(p) = self.place_province(&g.graph[m].key)
            {
                *votes.entry(a).or_default().entry(p).or_default() += 1;
            }
        }
        let mut out = HashMap::default();
        for (a, votes) in votes {
            let Some(file) = g.graph[a].props.get("file").and_then(Value::as_str) else {
                continue;
            };
            if let Some((p, _)) = votes
                .into_iter()
                .max_by_key(|(p, n)| (*n, std::cmp::Reverse(*p)))
            {
                out.insert(file, p);
            }
        }
        out
    }
}
