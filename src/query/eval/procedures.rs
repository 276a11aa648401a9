//! The built-in procedures of `CALL`: what the graph holds, as rows.

use std::collections::BTreeMap;

use crate::query::plan::Procedure;
use crate::query::value::Val;
use crate::schema::{Label, Rel};

use super::Ctx;

/// The rows of `proc`, one value a column of [`Procedure::columns`], in a stable order.
pub fn rows(ctx: Ctx<'_>, proc: Procedure) -> Vec<Vec<Val>> {
    let g = &ctx.g.graph();
    let count = |n: usize| Val::Int(n as i64);
    let name = |s: &str| Val::Str(s.into());
    match proc {
        Procedure::Labels => Label::ALL
            .iter()
            .map(|l| (l, ctx.ix.with_label(*l).len()))
            .filter(|(_, n)| *n > 0)
            .map(|(l, n)| vec![name(l.as_str()), count(n)])
            .collect(),
        Procedure::RelationshipTypes => {
            let mut by: BTreeMap<&str, usize> = BTreeMap::new();
            for e in g.edge_weights() {
                *by.entry(e.rel.as_str()).or_default() += 1;
            }
            let order = |r: &&str| Rel::ALL.iter().position(|x| x.as_str() == *r);
            let mut rows: Vec<(&str, usize)> = by.into_iter().collect();
            rows.sort_by_key(|(r, _)| order(r));
            rows.into_iter()
                .map(|(r, n)| vec![name(r), count(n)])
                .collect()
        }
        Procedure::PropertyKeys => ctx
            .ix
            .all_props()
            .into_iter()
            .map(|p| vec![name(p)])
            .collect(),
        Procedure::Schema => {
            let mut by: BTreeMap<(Label, Rel, Label), usize> = BTreeMap::new();
            for e in g.edge_indices() {
                if let (Some((a, b)), Some(w)) = (g.edge_endpoints(e), g.edge_weight(e)) {
                    *by.entry((g[a].label, w.rel, g[b].label)).or_default() += 1;
                }
            }
            by.into_iter()
                .map(|((a, r, b), n)| {
                    vec![
                        name(a.as_str()),
                        name(r.as_str()),
                        name(b.as_str()),
                        count(n),
                    ]
                })
                .collect()
        }
    }
}
