//! The one-line hint after a query that found nothing: when a name it gives matches no
//! node but a looser reading would ("nguyen van nm" → Nguyễn Văn Nam), say so.

use crate::graph::{GraphIndex, KnowledgeGraph};
use crate::query::ast::{BinOp, Clause, Expr, ExprKind, Literal, Match, Query};
use crate::query::value::normalize;
use crate::text::fold::fold;

use super::resolve;

/// The hint for a query that returned no rows, if one of its names has a looser match.
pub fn no_rows(g: &KnowledgeGraph, ix: &GraphIndex, src: &str) -> Option<String> {
    let q = crate::query::parser::parse(src).ok()?;
    names_in(&q)
        .into_iter()
        .find_map(|name| suggestion(g, ix, &name))
}

/// What to say of one name, if it matches nothing as written.
fn suggestion(g: &KnowledgeGraph, ix: &GraphIndex, name: &str) -> Option<String> {
    let folded = fold(name);
    if folded.chars().count() < 3 {
        return None;
    }
    let loose = name.is_ascii();
    let wanted = normalize(name).to_lowercase();
    let same_folded = ix.named(g, &folded);
    let exact = same_folded
        .iter()
        .any(|n| loose || normalize(&g.graph()[*n].name).to_lowercase() == wanted);
    if exact {
        return None;
    }
    if let Some(&n) = same_folded.first() {
        return Some(format!(
            "no rows; '{name}' matches nothing, but without its diacritics it matches {} \
             (write it without diacritics to match loosely)",
            g.graph()[n].name
        ));
    }
    let spaced = format!(" {folded}");
    let part_of_a_name = g.graph().node_weights().any(|w| {
        let f = fold(&w.name);
        f.starts_with(&folded) || f.contains(&spaced)
    });
    if part_of_a_name {
        return None;
    }
    let hit = resolve::find(g, name, 1).into_iter().next()?;
    Some(format!(
        "no rows; '{name}' matches nothing, did you mean {}?",
        g.graph()[hit.node].name
    ))
}

/// The strings a query compares node names with: `{name: '…'}` and `x.name = '…'` (or
/// `STARTS WITH`, `CONTAINS`, …).
fn names_in(q: &Query) -> Vec<String> {
    let mut exprs: Vec<&Expr> = Vec::new();
    let mut out = Vec::new();
    let mut matches: Vec<&Match> = q
        .clauses
        .iter()
        .filter_map(|c| match c {
            Clause::Match(m) => Some(m),
            _ => None,
        })
        .collect();
    while let Some(m) = matches.pop() {
        for p in &m.patterns {
            let nodes = std::iter::once(&p.start).chain(p.steps.iter().map(|(_, n)| n));
            for n in nodes {
                for (k, v) in &n.props {
                    if let (true, ExprKind::Lit(Literal::Str(s))) = (k == "name", &v.kind) {
                        out.push(s.clone());
                    }
                }
            }
        }
        exprs.extend(m.filter.iter());
        while let Some(e) = exprs.pop() {
            match &e.kind {
                ExprKind::Binary(op, a, b) if compares(*op) => {
                    out.extend(name_literal(a, b).or_else(|| name_literal(b, a)));
                }
                ExprKind::Exists(inner) => matches.push(inner),
                _ => exprs.extend(e.children()),
            }
        }
    }
    out
}

fn compares(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq | BinOp::StartsWith | BinOp::EndsWith | BinOp::Contains
    )
}

/// `s` when `prop` is `x.name` and `lit` the string `s`.
fn name_literal(prop: &Expr, lit: &Expr) -> Option<String> {
    match (&prop.kind, &lit.kind) {
        (ExprKind::Prop(_, k), ExprKind::Lit(Literal::Str(s))) if k == "name" => Some(s.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Node;
    use crate::schema::Label;

    fn graph() -> (KnowledgeGraph, GraphIndex) {
        let mut g = petgraph::graph::DiGraph::new();
        for name in ["Lê Văn Tâm", "Huyện ủy Mê Linh"] {
            g.add_node(Node {
                label: Label::Person,
                name: name.into(),
                key: fold(name),
                props: Default::default(),
                sources: Default::default(),
            });
        }
        let g = KnowledgeGraph::from_parts(g, Vec::new());
        let ix = GraphIndex::new(&g);
        (g, ix)
    }

    #[test]
    fn a_name_that_matches_nothing_gets_the_nearest_one() {
        let (g, ix) = graph();
        let hint = |q: &str| no_rows(&g, &ix, q);
        assert_eq!(
            hint("MATCH (p:Person) WHERE p.name = 'le van tm' RETURN p").as_deref(),
            Some("no rows; 'le van tm' matches nothing, did you mean Lê Văn Tâm?")
        );
        assert_eq!(
            hint("MATCH (p {name: 'Lê Văn Tám'}) RETURN p").as_deref(),
            Some(
                "no rows; 'Lê Văn Tám' matches nothing, but without its diacritics it matches \
                 Lê Văn Tâm (write it without diacritics to match loosely)"
            )
        );
        assert_eq!(
            hint("MATCH (p) WHERE p.name = 'lê văn tâm' RETURN p"),
            None,
            "it matches: the empty result has another cause"
        );
        assert_eq!(
            hint("MATCH (p) WHERE p.name CONTAINS 'me linh' RETURN p"),
            None
        );
        assert_eq!(hint("MATCH (p) WHERE p.title = 'le van tm' RETURN p"), None);
        assert_eq!(hint("MATCH (p) WHERE p.name = 'zzzzzz' RETURN p"), None);
    }
}
