//! The end of a part: projection, grouping and aggregates, `WITH … WHERE`, `DISTINCT`,
//! `ORDER BY`, `SKIP`, `LIMIT` and the row cap.

use std::collections::{BinaryHeap, HashMap, HashSet};

use super::{Ctx, Fact, Flow, Options, Row};
use crate::query::error::{ErrorKind, QueryError};
use crate::query::plan::{AggFunc, AggSpec, Proj};
use crate::query::value::{SortKey, Val, sort_order};

/// Evidence kept per row, at most.
pub const MAX_EVIDENCE: usize = 256;

/// Collects the rows that reach the end of a part.
pub struct Collector<'p, 'g> {
    proj: &'p Proj,
    ctx: Ctx<'g>,
    last: bool,
    cap: usize,
    width: usize,
    /// A plain `RETURN` (no grouping, order, filter or `DISTINCT`): each row keeps only
    /// the values it returns, with its evidence gathered as it comes, so that a large
    /// result is not held twice (the matched row, then its projection).
    early: bool,
    rows: Vec<Row>,
    groups: HashMap<Vec<Val>, usize>,
    list: Vec<Group>,
    /// The best rows so far when only the first `k` of an ordered result are wanted.
    top: Option<(usize, BinaryHeap<Ranked<'p>>)>,
    seq: u64,
    /// Bytes held by the rows, groups and accumulators kept, about.
    held: usize,
    budget: usize,
}

/// About how many bytes a row holds.
fn row_bytes(vals: &[Val], ev: &[Fact]) -> usize {
    vals.iter().map(Val::bytes).sum::<usize>() + std::mem::size_of_val(ev)
}

/// A row with its `ORDER BY` keys, ordered as the result is (the arrival order breaks
/// ties, as a stable sort would).
struct Ranked<'p> {
    keys: Vec<SortKey>,
    seq: u64,
    order: &'p [(crate::query::plan::CExpr, bool)],
    row: Row,
}

impl Ranked<'_> {
    fn rank(&self, other: &Self) -> std::cmp::Ordering {
        self.keys
            .iter()
            .zip(&other.keys)
            .zip(self.order)
            .map(|((x, y), (_, desc))| {
                let o = x.order(y);
                if *desc { o.reverse() } else { o }
            })
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(self.seq.cmp(&other.seq))
    }
}

impl PartialEq for Ranked<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.rank(other).is_eq()
    }
}

impl Eq for Ranked<'_> {}

impl PartialOrd for Ranked<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank(other)
    }
}

struct Group {
    first: Vec<Val>,
    accs: Vec<Acc>,
    ev: Vec<Fact>,
}

struct Acc {
    value: Val,
    seen: Option<HashSet<Val>>,
}

impl<'p, 'g> Collector<'p, 'g> {
    /// A collector for `proj`; `last` when it is the `RETURN`.
    pub fn new(proj: &'p Proj, ctx: Ctx<'g>, last: bool, opts: &Options, width: usize) -> Self {
        let cap = opts.row_cap;
        Collector {
            proj,
            ctx,
            last,
            cap,
            width,
            early: last
                && proj.aggs.is_empty()
                && proj.order.is_empty()
                && proj.filter.is_none()
                && !proj.distinct,
            rows: Vec::new(),
            groups: HashMap::new(),
            list: Vec::new(),
            top: top_k(proj, last, cap).map(|k| (k, BinaryHeap::with_capacity(k.min(1 << 16) + 1))),
            seq: 0,
            held: 0,
            budget: opts.memory,
        }
    }

    /// Counts `bytes` more held; an error once the budget is passed.
    fn charge(&mut self, bytes: usize) -> Result<(), QueryError> {
        self.held = self.held.saturating_add(bytes);
        if self.held <= self.budget {
            return Ok(());
        }
        let p = self.proj;
        let what = if p.aggs.iter().any(|a| a.func == AggFunc::Collect) {
            "collect()"
        } else if !p.aggs.is_empty() {
            "grouping"
        } else if p.distinct {
            "DISTINCT"
        } else if !p.order.is_empty() {
            "ORDER BY"
        } else {
            "the rows handed to the next part"
        };
        Err(QueryError {
            kind: ErrorKind::Memory,
            message: format!(
                "query stopped: what it keeps for {what} passed its memory budget of {} MB; \
                 narrow the query (LIMIT, WHERE) or raise the budget with :memory MB or --memory-mb",
                self.budget >> 20
            ),
            pos: None,
        })
    }

    /// Takes one matched row.
    pub fn push(&mut self, vals: &[Val], ev: &[Fact]) -> Result<Flow, QueryError> {
        if self.early {
            let mut out = Vec::with_capacity(self.proj.items.len());
            for (c, _) in &self.proj.items {
                out.push(self.ctx.eval(c, vals, &[])?);
            }
            let mut facts = ev.to_vec();
            gather(vals, &mut facts);
            gather(&out, &mut facts);
            self.charge(row_bytes(&out, &facts))?;
            self.rows.push(Row {
                vals: out,
                ev: facts,
            });
            return Ok(self.enough());
        }
        if self.proj.aggs.is_empty() {
            let mut out = vals.to_vec();
            for (c, slot) in &self.proj.items {
                out[*slot] = self.ctx.eval(c, vals, &[])?;
            }
            // The row keeps every value it was matched from: its evidence is gathered at
            // the end, for the rows that survive ordering and the cap.
            let row = Row {
                vals: out,
                ev: ev.to_vec(),
            };
            if let Some((k, heap)) = &mut self.top {
                let keys = self
                    .proj
                    .order
                    .iter()
                    .map(|(c, _)| self.ctx.eval(c, &row.vals, &[]).map(SortKey::new))
                    .collect::<Result<Vec<_>, _>>()?;
                self.seq += 1;
                let bytes = row_bytes(&row.vals, &row.ev);
                heap.push(Ranked {
                    keys,
                    seq: self.seq,
                    order: &self.proj.order,
                    row,
                });
                let dropped = if heap.len() > *k {
                    heap.pop().map_or(0, |r| row_bytes(&r.row.vals, &r.row.ev))
                } else {
                    0
                };
                self.held = self.held.saturating_sub(dropped);
                self.charge(bytes)?;
                return Ok(Flow::Go);
            }
            self.charge(row_bytes(&row.vals, &row.ev))?;
            self.rows.push(row);
            return Ok(self.enough());
        }
        let key = self.key(vals)?;
        let n = match self.groups.get(&key) {
            Some(n) => *n,
            None => {
                self.charge(row_bytes(vals, ev) + row_bytes(&key, &[]))?;
                self.list.push(Group {
                    first: vals.to_vec(),
                    accs: self.proj.aggs.iter().map(Acc::new).collect(),
                    ev: ev.to_vec(),
                });
                self.groups.insert(key, self.list.len() - 1);
                self.list.len() - 1
            }
        };
        let mut grown = 0;
        let group = &mut self.list[n];
        for (acc, spec) in group.accs.iter_mut().zip(&self.proj.aggs) {
            let v = match &spec.arg {
                Some(c) => self.ctx.eval(c, vals, &[])?,
                None => Val::Bool(true),
            };
            grown += acc.add(spec.func, v)?;
        }
        gather(vals, &mut group.ev);
        self.charge(grown)?;
        Ok(Flow::Go)
    }

    /// The grouping key of a row: its items without an aggregate.
    pub fn key(&self, vals: &[Val]) -> Result<Vec<Val>, QueryError> {
        self.proj
            .items
            .iter()
            .zip(&self.proj.agg_items)
            .filter(|(_, agg)| !**agg)
            .map(|((c, _), _)| self.ctx.eval(c, vals, &[]))
            .collect()
    }

    /// Adds `extra` to every count of the group `vals` belongs to (already pushed): the
    /// rows of a label counted from the index ([`super::counted`]).
    pub fn add_count(&mut self, vals: &[Val], extra: i64) -> Result<(), QueryError> {
        let key = self.key(vals)?;
        if let Some(&n) = self.groups.get(&key) {
            for acc in &mut self.list[n].accs {
                if let Val::Int(c) = &mut acc.value {
                    *c += extra;
                }
            }
        }
        Ok(())
    }

    /// Streaming stops once the rows needed are there: only for a plain `RETURN`.
    fn enough(&self) -> Flow {
        let p = self.proj;
        if !self.last || p.distinct || !p.order.is_empty() || p.filter.is_some() {
            return Flow::Go;
        }
        let want = p.skip
            + p.limit
                .unwrap_or(usize::MAX)
                .min(self.cap.saturating_add(1));
        if self.rows.len() >= want {
            Flow::Stop
        } else {
            Flow::Go
        }
    }

    /// The rows of the part, and whether the cap cut them. The rows of the `RETURN` hold
    /// its columns, in order; those of a `WITH` hold every slot.
    pub fn finish(mut self) -> Result<(Vec<Row>, bool), QueryError> {
        let p = self.proj;
        if !p.aggs.is_empty() {
            self.rows = self.groups_to_rows()?;
        }
        let ordered_already = self.top.as_ref().map(|_| ());
        let ordered = self.top.take().map(|(_, heap)| {
            heap.into_sorted_vec()
                .into_iter()
                .map(|r| r.row)
                .collect::<Vec<_>>()
        });
        let mut rows = match ordered {
            Some(rows) => rows,
            None => std::mem::take(&mut self.rows),
        };
        if let Some(f) = &p.filter {
            let mut kept = Vec::with_capacity(rows.len());
            for r in rows {
                if self.ctx.holds(f, &r.vals)? {
                    kept.push(r);
                }
            }
            rows = kept;
        }
        if p.distinct {
            let mut seen = HashSet::new();
            let mut kept = Vec::with_capacity(rows.len());
            for r in rows {
                let key: Vec<Val> = p.items.iter().map(|(_, s)| r.vals[*s].clone()).collect();
                let bytes = row_bytes(&key, &[]);
                if seen.insert(key) {
                    self.charge(bytes)?;
                    kept.push(r);
                }
            }
            rows = kept;
        }
        if !p.order.is_empty() && ordered_already.is_none() {
            let mut keyed = Vec::with_capacity(rows.len());
            for r in rows {
                let vals = p
                    .order
                    .iter()
                    .map(|(c, _)| self.ctx.eval(c, &r.vals, &[]))
                    .collect::<Result<Vec<_>, _>>()?;
                self.charge(row_bytes(&vals, &[]))?;
                keyed.push((vals.into_iter().map(SortKey::new).collect::<Vec<_>>(), r));
            }
            keyed.sort_by(|(a, _), (b, _)| {
                a.iter()
                    .zip(b)
                    .zip(&p.order)
                    .map(|((x, y), (_, desc))| {
                        let o = x.order(y);
                        if *desc { o.reverse() } else { o }
                    })
                    .find(|o| o.is_ne())
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            rows = keyed.into_iter().map(|(_, r)| r).collect();
        }
        let mut rows: Vec<Row> = rows
            .into_iter()
            .skip(p.skip)
            .take(p.limit.unwrap_or(usize::MAX))
            .collect();
        let cut = self.last && rows.len() > self.cap;
        if cut {
            rows.truncate(self.cap);
        }
        if p.aggs.is_empty() && !self.early {
            for r in &mut rows {
                gather(&r.vals, &mut r.ev);
            }
        }
        if self.last && !self.early {
            rows = rows.into_iter().map(|r| project(p, r)).collect();
        }
        Ok((rows, cut))
    }

    fn groups_to_rows(&mut self) -> Result<Vec<Row>, QueryError> {
        let p = self.proj;
        if self.list.is_empty() && p.agg_items.iter().all(|a| *a) {
            // Aggregates over no rows still give one row: count 0, an empty collect.
            self.list.push(Group {
                first: vec![Val::Null; self.width],
                accs: p.aggs.iter().map(Acc::new).collect(),
                ev: Vec::new(),
            });
        }
        let mut out = Vec::with_capacity(self.list.len());
        for g in self.list.drain(..) {
            let results: Vec<Val> = g.accs.into_iter().map(|a| a.value).collect();
            let mut vals = vec![Val::Null; self.width];
            for (c, slot) in &p.items {
                vals[*slot] = self.ctx.eval(c, &g.first, &results)?;
            }
            out.push(Row { vals, ev: g.ev });
        }
        Ok(out)
    }
}

impl Acc {
    fn new(spec: &AggSpec) -> Acc {
        let value = match spec.func {
            AggFunc::Count | AggFunc::Sum => Val::Int(0),
            AggFunc::Collect => Val::List(Vec::new()),
            AggFunc::Min | AggFunc::Max => Val::Null,
        };
        Acc {
            value,
            seen: spec.distinct.then(HashSet::new),
        }
    }

    /// Adds a value; returns about how many bytes the accumulator grew by.
    fn add(&mut self, func: AggFunc, v: Val) -> Result<usize, QueryError> {
        if v == Val::Null {
            return Ok(0);
        }
        let mut grown = 0;
        if let Some(seen) = &mut self.seen {
            if !seen.insert(v.clone()) {
                return Ok(0);
            }
            grown += v.bytes();
        }
        match (func, &mut self.value) {
            (AggFunc::Count, Val::Int(n)) => *n += 1,
            (AggFunc::Sum, Val::Int(n)) => match v {
                Val::Int(x) => {
                    *n = n
                        .checked_add(x)
                        .ok_or_else(|| QueryError::runtime("integer overflow in sum"))?
                }
                _ => return Err(QueryError::runtime("sum() takes integers")),
            },
            (AggFunc::Collect, Val::List(items)) => {
                grown += v.bytes();
                items.push(v);
            }
            (AggFunc::Min, best) if *best == Val::Null || sort_order(&v, best).is_lt() => {
                *best = v;
            }
            (AggFunc::Max, best) if *best == Val::Null || sort_order(&v, best).is_gt() => {
                *best = v;
            }
            _ => {}
        }
        Ok(grown)
    }
}

/// How many rows an ordered `RETURN` needs when it can keep only the best ones: the rows
/// skipped, those returned, and one more to tell whether the cap cut the result.
fn top_k(p: &Proj, last: bool, cap: usize) -> Option<usize> {
    if !last || p.order.is_empty() || p.distinct || p.filter.is_some() || !p.aggs.is_empty() {
        return None;
    }
    let shown = p.limit.unwrap_or(usize::MAX).min(cap.saturating_add(1));
    Some(p.skip.saturating_add(shown))
}

/// A row of every slot cut to the columns of `p`, in order; a slot that two columns show
/// is copied.
fn project(p: &Proj, mut row: Row) -> Row {
    let items = &p.items;
    let vals = items
        .iter()
        .enumerate()
        .map(
            |(i, (_, s))| match items[i + 1..].iter().any(|(_, t)| t == s) {
                true => row.vals[*s].clone(),
                false => std::mem::replace(&mut row.vals[*s], Val::Null),
            },
        )
        .collect();
    Row { vals, ev: row.ev }
}

/// Adds the nodes and relationships among `vals` to `facts`, once each.
fn gather(vals: &[Val], facts: &mut Vec<Fact>) {
    for v in vals {
        if facts.len() >= MAX_EVIDENCE {
            return;
        }
        let add = |f: Fact, facts: &mut Vec<Fact>| {
            if !facts.contains(&f) {
                facts.push(f);
            }
        };
        match v {
            Val::Node(n) => add(Fact::Node(*n), facts),
            Val::Edge(e) => add(Fact::Edge(*e), facts),
            Val::Path(p) => {
                p.edges.iter().for_each(|e| add(Fact::Edge(*e), facts));
                p.nodes.iter().for_each(|n| add(Fact::Node(*n), facts));
            }
            Val::List(items) => gather(items, facts),
            _ => {}
        }
    }
}
