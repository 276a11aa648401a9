//! Which part of the graph an export draws: all of it, the neighbourhood of an entity, or
//! the nodes and relationships a query matched.

use std::collections::{BTreeSet, VecDeque};

use anyhow::{Result, anyhow, bail};
use petgraph::visit::EdgeRef;

use super::resolve::{self, Resolved};
use crate::export::dot::Selection;
use crate::graph::{GraphIndex, KnowledgeGraph};
use crate::query::{Fact, Options, Params};
use crate::schema::{Label, Rel};

/// What to draw.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// The whole graph.
    All,
    /// An entity (a name or `#id`) and what lies within a number of relationships.
    Focus(&'a str, u32),
    /// The nodes and relationships a query matched.
    Query(&'a str),
}

/// Reads `QUERY|NAME` as `:export` takes it: a query when it starts with a clause keyword.
pub fn target(what: &str) -> Target<'_> {
    let first = what
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase();
    if what.trim().is_empty() {
        Target::All
    } else if ["MATCH", "OPTIONAL", "WITH", "RETURN"].contains(&first.as_str()) {
        Target::Query(what)
    } else {
        Target::Focus(what, 1)
    }
}

/// The selection for a target.
pub fn select(
    g: &KnowledgeGraph,
    ix: &GraphIndex,
    params: &Params,
    t: Target<'_>,
) -> Result<Selection> {
    match t {
        Target::All => Ok(Selection::all(g)),
        Target::Query(q) => {
            let out = crate::query::execute(q, g, ix, params, &Options::default())
                .map_err(|e| anyhow!(e.render(q)))?;
            let mut sel = Selection::default();
            for f in out.evidence.iter().flatten() {
                match f {
                    Fact::Node(n) => sel.nodes.insert(*n),
                    Fact::Edge(e) => sel.edges.insert(*e),
                };
            }
            Ok(sel.close(g))
        }
        Target::Focus(name, depth) => match resolve::resolve(g, ix, name) {
            Resolved::One(n) => Ok(neighbourhood(g, n, depth)),
            Resolved::Many(c) => bail!(
                "'{name}' matches {} entities; name one by its id, e.g. #{}",
                c.len(),
                c[0].index()
            ),
            Resolved::None => {
                bail!("nothing is named like '{name}'; try `kg query -c 'find {name}'`")
            }
        },
    }
}

/// The selection for a picture: as [`select`], the whole graph without MENTIONS and
/// REPORTS unless `mentions` (then also how many nodes that left out).
pub fn picture(
    g: &KnowledgeGraph,
    ix: &GraphIndex,
    params: &Params,
    t: Target<'_>,
    mentions: bool,
) -> Result<(Selection, Option<usize>)> {
    let whole = matches!(t, Target::All);
    let sel = select(g, ix, params, t)?;
    if whole && !mentions {
        let (kept, dropped) = sel.without(g, &crate::export::dot::BUSY);
        return Ok((kept, Some(dropped)));
    }
    Ok((sel, None))
}

/// Nodes within `depth` relationships of `start` and the relationships among them;
/// mentions are left out unless the start is an article (they would pull in everything).
fn neighbourhood(g: &KnowledgeGraph, start: petgraph::graph::NodeIndex, depth: u32) -> Selection {
    let article = g.graph()[start].label == Label::Article;
    let ok = |r: Rel| article || r != Rel::Mentions;
    let mut nodes = BTreeSet::from([start]);
    let mut queue = VecDeque::from([(start, 0)]);
    while let Some((n, d)) = queue.pop_front() {
        if d == depth {
            continue;
        }
        let edges = g
            .graph()
            .edges_directed(n, petgraph::Direction::Outgoing)
            .map(|e| (e.weight().rel, e.target()))
            .chain(
                g.graph()
                    .edges_directed(n, petgraph::Direction::Incoming)
                    .map(|e| (e.weight().rel, e.source())),
            );
        for (rel, other) in edges {
            if ok(rel) && nodes.insert(other) {
                queue.push_back((other, d + 1));
            }
        }
    }
    let edges = g
        .graph()
        .edge_indices()
        .filter(|e| {
            g.graph().edge_endpoints(*e).is_some_and(|(a, b)| {
                nodes.contains(&a) && nodes.contains(&b) && ok(g.graph()[*e].rel)
            })
        })
        .collect();
    Selection { nodes, edges }
}
