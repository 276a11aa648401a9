//! `WITH` and `RETURN`: items into new slots, aggregates pulled out, `ORDER BY` able to
//! name the returned columns, and the new scope.

use std::collections::HashMap;

use super::expr::as_const;
use super::{CExpr, Planner, Proj, Var, VarKind};
use crate::query::ast::{Expr, ExprKind, Item, Projection};
use crate::query::error::QueryError;
use crate::query::value::Val;

impl Planner<'_> {
    /// Plans a projection; afterwards only its columns are in scope.
    pub(super) fn plan_projection(&mut self, p: &Projection) -> Result<Proj, QueryError> {
        let items = self.items(p)?;
        let mut aggs = Vec::new();
        let mut compiled = Vec::new();
        let mut agg_items = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for item in &items {
            if names.contains(&item.alias) {
                return Err(QueryError::syntax(
                    format!("column {} appears twice; name one with AS", item.alias),
                    item.expr.pos,
                ));
            }
            let before = aggs.len();
            self.aggs = Some(std::mem::take(&mut aggs));
            let c = self.expr(&item.expr);
            aggs = self.aggs.take().unwrap_or_default();
            compiled.push(c?);
            agg_items.push(aggs.len() > before);
            names.push(item.alias.clone());
        }
        let aggregating = !aggs.is_empty();
        let old_scope = self.scope.clone();
        let mut new_scope = HashMap::new();
        let mut out = Vec::new();
        for ((c, item), name) in compiled.into_iter().zip(&items).zip(&names) {
            let kind = match (&item.expr.kind, &c) {
                (ExprKind::Var(v), _) => old_scope.get(v).map_or(VarKind::Value, |v| v.kind),
                _ => VarKind::Value,
            };
            let slot = self.new_slot(name.clone());
            self.bound[slot] = true;
            new_scope.insert(name.clone(), Var { slot, kind });
            out.push((c, slot));
        }
        // ORDER BY sees the columns, and the variables before them unless rows were grouped.
        let mut order_scope = if aggregating || p.distinct {
            HashMap::new()
        } else {
            old_scope
        };
        order_scope.extend(new_scope.iter().map(|(k, v)| (k.clone(), *v)));
        self.scope = order_scope;
        let mut order = Vec::new();
        for (e, desc) in &p.order {
            let same = items
                .iter()
                .zip(&out)
                .find(|(i, _)| same_expr(&i.expr, e))
                .map(|(_, (_, slot))| CExpr::Slot(*slot));
            let c = match same {
                Some(c) => c,
                None => self.expr(e).map_err(|err| {
                    if aggregating {
                        QueryError {
                            message: format!(
                                "{}; after an aggregation ORDER BY can use only the returned columns",
                                err.message
                            ),
                            ..err
                        }
                    } else {
                        err
                    }
                })?,
            };
            order.push((c, *desc));
        }
        self.scope = new_scope;
        let filter = p.filter.as_ref().map(|f| self.expr(f)).transpose()?;
        let skip = self.count(p.skip.as_ref(), "SKIP")?.unwrap_or(0);
        let limit = self.count(p.limit.as_ref(), "LIMIT")?;
        Ok(Proj {
            items: out,
            names,
            aggs,
            agg_items,
            distinct: p.distinct,
            order,
            skip,
            limit,
            filter,
        })
    }

    fn items(&self, p: &Projection) -> Result<Vec<Item>, QueryError> {
        if !p.star {
            return Ok(p.items.clone());
        }
        let mut names: Vec<&String> = self.scope.keys().filter(|k| !k.starts_with(' ')).collect();
        names.sort();
        if names.is_empty() {
            return Err(QueryError::syntax(
                "RETURN * needs at least one variable",
                p.pos,
            ));
        }
        Ok(names
            .into_iter()
            .map(|n| Item {
                expr: Expr {
                    kind: ExprKind::Var(n.clone()),
                    pos: p.pos,
                },
                alias: n.clone(),
                explicit: false,
            })
            .collect())
    }

    fn count(&mut self, e: Option<&Expr>, what: &str) -> Result<Option<usize>, QueryError> {
        let Some(e) = e else { return Ok(None) };
        let c = self.expr(e)?;
        match as_const(&c) {
            Some(Val::Int(n)) if n >= 0 => Ok(Some(usize::try_from(n).unwrap_or(usize::MAX))),
            _ => Err(QueryError::syntax(
                format!("{what} takes a non-negative integer"),
                e.pos,
            )),
        }
    }
}

/// Two expressions written the same way (positions aside).
fn same_expr(a: &Expr, b: &Expr) -> bool {
    use ExprKind as K;
    match (&a.kind, &b.kind) {
        (K::Lit(x), K::Lit(y)) => x == y,
        (K::Param(x), K::Param(y)) | (K::Var(x), K::Var(y)) => x == y,
        (K::Prop(x, k), K::Prop(y, l)) => k == l && same_expr(x, y),
        (K::Index(x, i), K::Index(y, j)) => same_expr(x, y) && same_expr(i, j),
        (K::List(x), K::List(y)) => same_all(x, y),
        (K::Binary(o, x1, x2), K::Binary(p, y1, y2)) => {
            o == p && same_expr(x1, y1) && same_expr(x2, y2)
        }
        (K::Not(x), K::Not(y)) | (K::Neg(x), K::Neg(y)) => same_expr(x, y),
        (K::IsNull(x, m), K::IsNull(y, n)) => m == n && same_expr(x, y),
        (
            K::Call {
                name: n,
                distinct: d,
                args: x,
            },
            K::Call {
                name: m,
                distinct: e,
                args: y,
            },
        ) => n.eq_ignore_ascii_case(m) && d == e && same_all(x, y),
        (K::CountStar, K::CountStar) => true,
        _ => false,
    }
}

fn same_all(x: &[Expr], y: &[Expr]) -> bool {
    x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_expr(a, b))
}
