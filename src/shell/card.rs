//! `show NAME`: an entity card — label, properties, every relationship grouped by type and
//! direction, with dates, and the articles it comes from.

use std::fmt::Write as _;

use petgraph::graph::NodeIndex;

use crate::graph::KnowledgeGraph;
use crate::graph::identity::{Anchor, PersonKey};
pub use crate::graph::people::{anchored, place_name};
use crate::query::{Output, Val};
use crate::schema::{Label, Rel, Value};

use super::format::{prop_text, props_inline};

/// Renders the card of `n` from the rows of [`super::short::show_query`].
pub fn card(g: &KnowledgeGraph, n: NodeIndex, rels: &Output) -> String {
    let w = &g.graph()[n];
    let mut s = format!("{}  ({} #{})\n", w.name, w.label, n.index());
    let _ = writeln!(s, "  key: {}", w.key);
    for (k, v) in w.props.iter().filter(|(_, v)| **v != Value::Null) {
        let _ = writeln!(s, "  {k}: {}", prop_text(v));
    }
    let mut heading = String::new();
    for row in &rels.rows {
        let [Val::Str(rel), Val::Bool(out), Val::Edge(e), Val::Node(m)] = &row[..] else {
            continue;
        };
        let h = if *out {
            format!("{rel} →")
        } else {
            format!("← {rel}")
        };
        if h != heading {
            let _ = writeln!(s, "{h}");
            heading = h;
        }
        let other = &g.graph()[*m];
        let props =
            props_inline(&g.graph()[*e].props).map_or_else(String::new, |p| format!("  {{{p}}}"));
        let _ = writeln!(s, "  {} ({}){props}", other.name, other.label);
    }
    // Once each, in order: after a merge a node's sources need not be grouped by article.
    let mut files: Vec<&str> = Vec::new();
    for x in &w.sources {
        let f = g.file_of(x.article);
        if !files.contains(&f) {
            files.push(f);
        }
    }
    let _ = writeln!(
        s,
        "sources: {} article(s): {}",
        files.len(),
        files.join(", ")
    );
    if let Some(key) = PersonKey::parse(&w.key).filter(|_| w.label == Label::Person) {
        s.push_str(&identity(g, n, &key, files.len()));
    }
    s
}

/// The body the most articles show person `n` holding a position in: its name, the
/// titles held there (in name order) and the number of articles.
fn shared_body(g: &KnowledgeGraph, n: NodeIndex) -> Option<(String, Vec<String>, usize)> {
    use petgraph::visit::EdgeRef as _;
    let mut bodies: Vec<(NodeIndex, Vec<String>, Vec<&str>)> = Vec::new();
    for e in g.graph().edges(n).filter(|e| e.weight().rel == Rel::Holds) {
        let i = match bodies.iter().position(|b| b.0 == e.target()) {
            Some(i) => i,
            None => {
                bodies.push((e.target(), Vec::new(), Vec::new()));
                bodies.len() - 1
            }
        };
        let (_, titles, files) = &mut bodies[i];
        if let Some(t) = e.weight().props.get("title").and_then(Value::as_str)
            && !titles.iter().any(|x| x == t)
        {
            titles.push(t.to_string());
        }
        for x in &e.weight().sources {
            let f = g.file_of(x.article);
            if !files.contains(&f) {
                files.push(f);
            }
        }
    }
    bodies.sort_by_key(|b| std::cmp::Reverse(b.2.len()));
    let (body, mut titles, files) = bodies.into_iter().next()?;
    titles.sort();
    Some((g.graph()[body].name.to_string(), titles, files.len()))
}

/// Why a person's mentions are one node, and the namesakes kept apart.
fn identity(g: &KnowledgeGraph, n: NodeIndex, key: &PersonKey, articles: usize) -> String {
    let why = match key.anchor() {
        Anchor::National => "holds a central office, so is one person wherever named".to_string(),
        Anchor::Place(p) => match shared_body(g, n) {
            Some((body, titles, k)) if articles > 1 && k == articles => format!(
                "{} show it in {body} ({})",
                if k == 2 {
                    "both its articles"
                } else {
                    "all its articles"
                },
                titles.join(", ")
            ),
            Some((body, titles, k)) if k > 1 => format!(
                "{k} of its {articles} articles show it in {body} ({}), and all of them in {}",
                titles.join(", "),
                place_name(g, p)
            ),
            _ => format!(
                "{} hold a position in {}",
                if articles > 1 {
                    "all its mentions"
                } else {
                    "holds"
                },
                place_name(g, p)
            ),
        },
        Anchor::Article(a) => format!("named without a position in {a}, so kept to that article"),
    };
    let joined = g.joined(&g.graph()[n].key);
    let why = if joined.is_empty() {
        why
    } else {
        let steps: Vec<String> = joined
            .iter()
            .map(|j| {
                let at = PersonKey::parse(&j.key).map_or_else(
                    || j.key.clone(),
                    |k| match k.anchor() {
                        Anchor::National => "a central office".to_string(),
                        Anchor::Place(p) => place_name(g, p),
                        Anchor::Article(a) => format!("{a}, without a position"),
                    },
                );
                match (&j.first, &j.last) {
                    (Some(f), Some(l)) if f != l => format!("{at} ({f} to {l})"),
                    (Some(f), _) => format!("{at} ({f})"),
                    _ => at,
                }
            })
            .collect();
        format!(
            "{} records joined: {} (a move inside one province, or a mention without a \
             position, joins the only person of that name who fits)",
            joined.len(),
            steps.join("; ")
        )
    };
    let mut s = format!("identity: one person: {why}\n");
    let namesakes: Vec<String> = g
        .graph()
        .node_indices()
        .filter(|&m| m != n && g.graph()[m].label == Label::Person)
        .filter(|&m| PersonKey::parse(&g.graph()[m].key).is_some_and(|k| k.name() == key.name()))
        .filter_map(|m| Some(format!("#{} ({})", m.index(), anchored(g, m)?)))
        .collect();
    if !namesakes.is_empty() {
        const SHOWN: usize = 5;
        let more = namesakes.len().saturating_sub(SHOWN);
        let _ = writeln!(
            s,
            "  {} other {} named {}, kept apart: {}{}",
            namesakes.len(),
            if namesakes.len() == 1 {
                "person"
            } else {
                "people"
            },
            g.graph()[n].name,
            namesakes[..namesakes.len().min(SHOWN)].join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
    s
}
