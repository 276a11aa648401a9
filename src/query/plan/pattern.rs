//! `MATCH` planning: collect the node and relationship patterns, then bind them greedily
//! from the most selective, with each `WHERE` conjunct applied as soon as it can be.

use std::collections::BTreeMap;

use super::VAR_LENGTH_CAP;
use super::expr::as_const;
use super::{CExpr, Expand, Op, Planner, ScanSource, Var, VarKind};
use crate::query::ast::{BinOp, Dir, Match, NodePat, RelPat};
use crate::query::error::QueryError;
use crate::query::value::Val;
use crate::schema::{Label, Rel};

struct RelInfo {
    slot: usize,
    a: usize,
    b: usize,
    dir: Dir,
    types: Vec<Rel>,
    length: Option<(u32, u32)>,
    edge_props: Vec<(String, CExpr)>,
    shortest: Option<Option<usize>>,
}

struct PathInfo {
    slot: usize,
    start: usize,
    rels: Vec<usize>,
}

/// Everything one `MATCH` asks for, before ordering.
#[derive(Default)]
struct Pending {
    labels: BTreeMap<usize, Vec<Label>>,
    nodes: Vec<usize>,
    rels: Vec<RelInfo>,
    paths: Vec<PathInfo>,
    conjuncts: Vec<CExpr>,
    edge_slots: Vec<usize>,
}

impl Planner<'_> {
    /// Plans one `MATCH` or `OPTIONAL MATCH`, appending its ops.
    pub(super) fn plan_match(&mut self, m: &Match, ops: &mut Vec<Op>) -> Result<(), QueryError> {
        let was_bound = self.bound.clone();
        let mut pending = Pending::default();
        for p in &m.patterns {
            let start = self.node_pat(&p.start, &mut pending)?;
            let mut prev = start;
            let mut rel_slots = Vec::new();
            for (r, n) in &p.steps {
                let next = self.node_pat(n, &mut pending)?;
                let shortest = p.shortest.then_some(None);
                let slot = self.rel_pat(r, prev, next, shortest, &mut pending)?;
                rel_slots.push(slot);
                prev = next;
            }
            if let Some(name) = &p.path_var {
                let slot = self.declare(name, VarKind::Path, p.pos)?;
                if p.shortest {
                    if let Some(r) = pending.rels.last_mut() {
                        r.shortest = Some(Some(slot));
                    }
                } else {
                    pending.paths.push(PathInfo {
                        slot,
                        start,
                        rels: rel_slots,
                    });
                }
            }
        }
        if let Some(w) = &m.filter {
            let cond = self.expr(w)?;
            split_and(cond, &mut pending.conjuncts);
        }
        let mut body = Vec::new();
        for (slot, labels) in &pending.labels {
            if !labels.is_empty() && was_bound.get(*slot).copied().unwrap_or(false) {
                body.push(Op::CheckLabels {
                    slot: *slot,
                    labels: labels.clone(),
                });
            }
        }
        self.order(&mut pending, &mut body)?;
        if m.optional {
            let id = self.optionals;
            self.optionals += 1;
            let slots = (0..self.bound.len())
                .filter(|s| self.bound[*s] && !was_bound.get(*s).copied().unwrap_or(false))
                .collect();
            let begin = ops.len();
            ops.push(Op::OptBegin { id, end: 0, slots });
            for op in body {
                ops.push(shift(op, begin + 1));
            }
            ops.push(Op::OptEnd { id });
            let end = ops.len();
            if let Op::OptBegin { end: e, .. } = &mut ops[begin] {
                *e = end;
            }
        } else {
            let base = ops.len();
            ops.extend(body.into_iter().map(|op| shift(op, base)));
        }
        Ok(())
    }

    fn declare(&mut self, name: &str, kind: VarKind, pos: usize) -> Result<usize, QueryError> {
        if let Some(v) = self.scope.get(name) {
            if v.kind != kind {
                return Err(QueryError::syntax(
                    format!("variable {name} is already used for something else"),
                    pos,
                ));
            }
            if kind != VarKind::Node {
                return Err(QueryError::syntax(
                    format!("variable {name} is already bound"),
                    pos,
                ));
            }
            return Ok(v.slot);
        }
        let slot = self.new_slot(name.to_string());
        self.scope.insert(name.to_string(), Var { slot, kind });
        Ok(slot)
    }

    fn node_pat(&mut self, n: &NodePat, pending: &mut Pending) -> Result<usize, QueryError> {
        let slot = match &n.var {
            Some(v) => self.declare(v, VarKind::Node, n.pos)?,
            None => self.hidden_slot("n"),
        };
        if !pending.nodes.contains(&slot) {
            pending.nodes.push(slot);
        }
        let labels = pending.labels.entry(slot).or_default();
        for (name, pos) in &n.labels {
            let l = self.label(name, *pos)?;
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        for (key, value) in &n.props {
            let cond = self.prop_condition(slot, key, value, n.pos)?;
            pending.conjuncts.push(cond);
        }
        Ok(slot)
    }

    fn prop_condition(
        &mut self,
        slot: usize,
        key: &str,
        value: &crate::query::ast::Expr,
        pos: usize,
    ) -> Result<CExpr, QueryError> {
        use crate::query::ast::{Expr, ExprKind};
        let var = Expr {
            kind: ExprKind::Var(String::new()),
            pos,
        };
        // Compile `slot.key = value` through the expression compiler so that strings get
        // the same loose or exact comparison as in WHERE.
        let name = format!(" p{slot}");
        self.scope.insert(
            name.clone(),
            Var {
                slot,
                kind: VarKind::Node,
            },
        );
        let cond = Expr {
            kind: ExprKind::Binary(
                BinOp::Eq,
                Box::new(Expr {
                    kind: ExprKind::Prop(
                        Box::new(Expr {
                            kind: ExprKind::Var(name.clone()),
                            ..var
                        }),
                        key.to_string(),
                    ),
                    pos,
                }),
                Box::new(value.clone()),
            ),
            pos,
        };
        let out = self.expr(&cond);
        self.scope.remove(&name);
        out
    }

    fn rel_pat(
        &mut self,
        r: &RelPat,
        a: usize,
        b: usize,
        shortest: Option<Option<usize>>,
        pending: &mut Pending,
    ) -> Result<usize, QueryError> {
        let list = r.length.is_some() || shortest.is_some();
        let kind = if list {
            VarKind::EdgeList
        } else {
            VarKind::Edge
        };
        let slot = match &r.var {
            Some(v) => self.declare(v, kind, r.pos)?,
            None => self.hidden_slot("r"),
        };
        let types = r
            .types
            .iter()
            .map(|(t, pos)| self.rel_type(t, *pos))
            .collect::<Result<Vec<_>, _>>()?;
        if shortest.is_none() && r.length.is_some_and(|(_, max)| max.is_none()) {
            self.capped = true;
        }
        let length = r
            .length
            .map(|(min, max)| (min, max.unwrap_or(VAR_LENGTH_CAP).max(min)));
        let mut edge_props = Vec::new();
        for (key, value) in &r.props {
            let cond = self.prop_condition(slot, key, value, r.pos)?;
            if list {
                edge_props.push((key.clone(), cond));
            } else {
                pending.conjuncts.push(cond);
            }
        }
        if !list {
            pending.edge_slots.push(slot);
        }
        pending.rels.push(RelInfo {
            slot,
            a,
            b,
            dir: r.dir,
            types,
            length: if shortest.is_some() {
                Some((
                    r.length.map_or(1, |l| l.0),
                    r.length.and_then(|l| l.1).unwrap_or(self.depth_cap),
                ))
            } else {
                length
            },
            edge_props,
            shortest,
        });
        Ok(slot)
    }

    /// Greedy ordering: expand along the cheapest relationship from a bound node; when
    /// none is reachable, scan the most selective unbound node.
    fn order(&mut self, p: &mut Pending, ops: &mut Vec<Op>) -> Result<(), QueryError> {
        self.apply_filters(p, ops);
        loop {
            if let Some(i) = self.best_rel(p) {
                let r = p.rels.remove(i);
                self.emit_rel(r, p, ops);
                self.apply_filters(p, ops);
                self.bind_paths(p, ops);
                continue;
            }
            let unbound: Vec<usize> = p
                .nodes
                .iter()
                .copied()
                .filter(|s| !self.bound[*s])
                .collect();
            let Some(slot) = unbound
                .into_iter()
                .min_by_key(|s| self.scan_source(*s, p).0)
            else {
                break;
            };
            let (_, source) = self.scan_source(slot, p);
            ops.push(Op::Scan {
                slot,
                source,
                labels: p.labels.get(&slot).cloned().unwrap_or_default(),
            });
            self.bound[slot] = true;
            self.apply_filters(p, ops);
            self.bind_paths(p, ops);
        }
        for c in p.conjuncts.drain(..) {
            ops.push(Op::Filter(c));
        }
        Ok(())
    }

    fn apply_filters(&self, p: &mut Pending, ops: &mut Vec<Op>) {
        let (ready, waiting): (Vec<CExpr>, Vec<CExpr>) = p
            .conjuncts
            .drain(..)
            .partition(|c| slots_of(c).iter().all(|s| self.bound[*s]));
        p.conjuncts = waiting;
        ops.extend(ready.into_iter().map(Op::Filter));
    }

    fn bind_paths(&mut self, p: &mut Pending, ops: &mut Vec<Op>) {
        let (ready, waiting): (Vec<PathInfo>, Vec<PathInfo>) = p
            .paths
            .drain(..)
            .partition(|path| path.rels.iter().all(|s| self.bound[*s]) && self.bound[path.start]);
        p.paths = waiting;
        for path in ready {
            self.bound[path.slot] = true;
            ops.push(Op::BindPath {
                slot: path.slot,
                start: path.start,
                rels: path.rels,
            });
        }
    }

    /// The relationship to follow next: one with both ends bound first (a check), then the
    /// one with the fewest expected edges.
    fn best_rel(&self, p: &Pending) -> Option<usize> {
        p.rels
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                let (a, b) = (self.bound[r.a], self.bound[r.b]);
                if r.shortest.is_some() { a && b } else { a || b }
            })
            .min_by_key(|(_, r)| {
                if self.bound[r.a] && self.bound[r.b] {
                    0
                } else {
                    self.expand_cost(r)
                }
            })
            .map(|(i, _)| i)
    }

    fn expand_cost(&self, r: &RelInfo) -> usize {
        let edges = if r.types.is_empty() {
            self.g.graph().edge_count()
        } else {
            r.types.iter().map(|t| self.ix.edge_count(*t)).sum()
        };
        let fan = 1 + edges / self.g.graph().node_count().max(1);
        match r.length {
            Some((_, max)) => fan.saturating_pow(max.min(6)),
            None => fan,
        }
    }

    fn emit_rel(&mut self, r: RelInfo, p: &Pending, ops: &mut Vec<Op>) {
        let forward = self.bound[r.a];
        let (from, to) = if forward { (r.a, r.b) } else { (r.b, r.a) };
        let dir = match (forward, r.dir) {
            (false, Dir::Out) => Dir::In,
            (false, Dir::In) => Dir::Out,
            (_, d) => d,
        };
        self.bound[r.slot] = true;
        if let Some(path) = r.shortest {
            if let Some(ps) = path {
                self.bound[ps] = true;
            }
            ops.push(Op::Shortest {
                from,
                to,
                path,
                rel: r.slot,
                types: r.types,
                dir,
                max: r.length.map_or(self.depth_cap, |l| l.1),
            });
            return;
        }
        let to_bound = self.bound[to];
        self.bound[to] = true;
        let unique_from = p
            .edge_slots
            .iter()
            .copied()
            .filter(|s| *s != r.slot && self.bound[*s] && !p.rels.iter().any(|x| x.slot == *s))
            .collect();
        ops.push(Op::Expand(Expand {
            from,
            rel: r.slot,
            to,
            types: r.types,
            dir,
            length: r.length,
            to_bound,
            labels: if to_bound {
                Vec::new()
            } else {
                p.labels.get(&to).cloned().unwrap_or_default()
            },
            edge_props: r.edge_props,
            unique_from,
        }));
    }

    /// The cheapest way to find candidates for a node slot, and its expected size.
    fn scan_source(&self, slot: usize, p: &Pending) -> (usize, ScanSource) {
        for c in &p.conjuncts {
            if let Some(src) = index_lookup(c, slot) {
                return (1, src);
            }
        }
        match p.labels.get(&slot).and_then(|l| l.first()) {
            Some(l) => (1 + self.ix.with_label(*l).len(), ScanSource::Label(*l)),
            None => (2 + self.g.graph().node_count(), ScanSource::All),
        }
    }
}

/// `id(v) = c`, `v.name = c` or `v.key = c` (either way round) give an index lookup.
fn index_lookup(c: &CExpr, slot: usize) -> Option<ScanSource> {
    let CExpr::Cmp(BinOp::Eq, l, r, _) = c else {
        return None;
    };
    for (x, y) in [(l, r), (r, l)] {
        let Some(value) = as_const(y) else { continue };
        match &**x {
            CExpr::Call(super::Func::Id, args) if matches!(args[..], [CExpr::Slot(s)] if s == slot) =>
            {
                return Some(ScanSource::Id(CExpr::Const(value)));
            }
            CExpr::Prop(inner, key)
                if (key == "name" || key == "key")
                    && matches!(**inner, CExpr::Slot(s) if s == slot)
                    && matches!(value, Val::Str(_)) =>
            {
                return Some(ScanSource::Name(CExpr::Const(value)));
            }
            _ => {}
        }
    }
    None
}

fn split_and(c: CExpr, out: &mut Vec<CExpr>) {
    match c {
        CExpr::Logic(BinOp::And, a, b) => {
            split_and(*a, out);
            split_and(*b, out);
        }
        c => out.push(c),
    }
}

/// The slots an expression reads.
pub(super) fn slots_of(c: &CExpr) -> Vec<usize> {
    fn walk(c: &CExpr, out: &mut Vec<usize>) {
        match c {
            CExpr::Slot(s) => out.push(*s),
            CExpr::Const(_) | CExpr::Agg(_) => {}
            CExpr::Prop(a, _)
            | CExpr::Not(a)
            | CExpr::Neg(a)
            | CExpr::IsNull(a, _)
            | CExpr::Regex(a, _) => walk(a, out),
            CExpr::Index(a, b)
            | CExpr::Cmp(_, a, b, _)
            | CExpr::RegexDyn(a, b)
            | CExpr::Logic(_, a, b)
            | CExpr::Arith(_, a, b) => {
                walk(a, out);
                walk(b, out);
            }
            CExpr::List(items) | CExpr::Call(_, items) => items.iter().for_each(|i| walk(i, out)),
            CExpr::Case {
                subject,
                whens,
                default,
                ..
            } => {
                subject.iter().for_each(|s| walk(s, out));
                for (w, t) in whens {
                    walk(w, out);
                    walk(t, out);
                }
                walk(default, out);
            }
            CExpr::Exists { reads, .. } => out.extend(reads),
        }
    }
    let mut out = Vec::new();
    walk(c, &mut out);
    out
}

/// Moves `OptBegin.end` by the position the op lands at.
fn shift(op: Op, base: usize) -> Op {
    match op {
        Op::OptBegin { id, end, slots } => Op::OptBegin {
            id,
            end: end + base,
            slots,
        },
        op => op,
    }
}
