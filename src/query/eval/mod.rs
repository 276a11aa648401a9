//! Runs a plan. Inside a part, ops run depth first on one row (no intermediate tables), and
//! stop early when the result needs no more rows; parts hand their rows to the next. A
//! query stops at the row cap, at Ctrl-C (a shared flag) or at its deadline.

mod collect;
mod counted;
mod expr;
mod procedures;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};

pub use expr::Ctx;

use super::ast::Dir;
use super::error::{ErrorKind, QueryError};
use super::plan::{Expand, Op, Plan, ScanSource};
use super::value::{PathVal, Val};
use crate::schema::{Label, Rel};
use crate::text::fold::fold;

/// How many nodes a scan warms (see `Exec::warm`) before it makes rows of them.
const WARM_CHUNK: usize = 64;

/// The default row cap.
pub const DEFAULT_ROW_CAP: usize = 10_000;

/// The default memory budget of a query, in megabytes (see [`Options::memory`]).
pub const DEFAULT_MEMORY_MB: usize = 1024;

/// Limits of one run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Most rows returned; more are cut with a note.
    pub row_cap: usize,
    /// When to give up.
    pub deadline: Option<Instant>,
    /// Set by Ctrl-C.
    pub cancel: Option<Arc<AtomicBool>>,
    /// Most bytes the rows kept at the end of a part may hold (for `ORDER BY`,
    /// `DISTINCT`, grouping, `collect()`, and the rows handed to the next part): a query
    /// that needs more stops with a message instead of exhausting the machine's memory.
    pub memory: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            row_cap: DEFAULT_ROW_CAP,
            deadline: None,
            cancel: None,
            memory: DEFAULT_MEMORY_MB << 20,
        }
    }
}

/// A node or relationship a result row rests on: its evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fact {
    /// A node.
    Node(NodeIndex),
    /// A relationship.
    Edge(EdgeIndex),
}

/// The result of a query.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// Column names.
    pub columns: Vec<String>,
    /// Rows, one value a column.
    pub rows: Vec<Vec<Val>>,
    /// For each row, the nodes and relationships it was matched from.
    pub evidence: Vec<Vec<Fact>>,
    /// The row cap cut the result.
    pub cut: bool,
    /// A variable-length pattern without an upper bound followed at most
    /// [`crate::query::plan::VAR_LENGTH_CAP`] relationships.
    pub capped: bool,
    /// For `PROFILE`: rows and time of each operator, as text.
    pub profile: Option<String>,
}

/// What `PROFILE` measures of one part: for each op, the rows it passed on and the time
/// spent in it and after it (inclusive).
#[derive(Debug, Clone, Default)]
pub struct PartStats {
    /// Rows out of each op (into the next op, or into the projection for the last).
    pub rows: Vec<u64>,
    /// Inclusive time of each op.
    pub time: Vec<std::time::Duration>,
}

/// Flow of the depth-first run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on.
    Go,
    /// Enough rows.
    Stop,
}

type Sink<'a> = dyn FnMut(&[Val]) -> Result<Flow, QueryError> + 'a;

/// A row between parts, with the evidence gathered so far.
#[derive(Debug, Clone)]
pub struct Row {
    /// Values by slot.
    pub vals: Vec<Val>,
    /// Evidence.
    pub ev: Vec<Fact>,
}

/// Runs a plan.
pub fn run(plan: &Plan, ctx: Ctx<'_>, opts: &Options) -> Result<Output, QueryError> {
    run_measured(plan, ctx, opts, false)
}

/// Runs a plan and says, after the result, how many rows each operator passed on and the
/// time spent in it (`PROFILE`).
pub fn profile(plan: &Plan, ctx: Ctx<'_>, opts: &Options) -> Result<Output, QueryError> {
    run_measured(plan, ctx, opts, true)
}

fn run_measured(
    plan: &Plan,
    ctx: Ctx<'_>,
    opts: &Options,
    measure: bool,
) -> Result<Output, QueryError> {
    let mut exec = Exec {
        ctx,
        opts,
        ticks: 0,
        hits: vec![0; plan.optionals],
        stats: None,
    };
    let mut stats = Vec::new();
    let mut input = vec![Row {
        vals: vec![Val::Null; plan.width],
        ev: Vec::new(),
    }];
    let mut cut = false;
    for (n, part) in plan.parts.iter().enumerate() {
        let last = n + 1 == plan.parts.len();
        let mut coll = collect::Collector::new(&part.proj, ctx, last, opts, plan.width);
        if measure {
            exec.stats = Some(PartStats {
                rows: vec![0; part.ops.len() + 1],
                time: vec![std::time::Duration::ZERO; part.ops.len() + 1],
            });
        }
        // PROFILE runs the general path, to measure each operator
        let counted = counted::countable(&part.ops, &part.proj).filter(|_| !measure);
        for row in input {
            let Row { mut vals, ev } = row;
            if let Some(scan) = counted {
                counted::feed(ctx, &mut coll, &mut vals, &ev, scan)?;
                continue;
            }
            let flow = exec.run(&part.ops, 0, &mut vals, &mut |vals: &[Val]| {
                coll.push(vals, &ev)
            })?;
            if flow == Flow::Stop {
                break;
            }
        }
        let started = Instant::now();
        let (rows, was_cut) = coll.finish()?;
        if let Some(mut st) = exec.stats.take() {
            let n = part.ops.len();
            st.time[n] += started.elapsed();
            st.rows[n] = rows.len() as u64;
            stats.push(st);
        }
        cut |= was_cut;
        input = rows;
    }
    let mut out = Output {
        columns: plan.columns().to_vec(),
        cut,
        capped: plan.capped,
        profile: measure.then(|| plan.profile(&stats)),
        ..Output::default()
    };
    // the last part's rows hold its columns already
    out.rows.reserve(input.len());
    out.evidence.reserve(input.len());
    for row in input {
        out.rows.push(row.vals);
        out.evidence.push(row.ev);
    }
    Ok(out)
}

impl Ctx<'_> {
    /// Whether a pattern predicate's ops reach their end at least once from `row`.
    pub(crate) fn exists(&self, ops: &[Op], row: &[Val]) -> Result<bool, QueryError> {
        let opts = Options::default();
        let mut exec = Exec {
            ctx: *self,
            opts: &opts,
            ticks: 0,
            hits: vec![0; optionals(ops)],
            stats: None,
        };
        let mut row = row.to_vec();
        let mut found = false;
        exec.run(ops, 0, &mut row, &mut |_| {
            found = true;
            Ok(Flow::Stop)
        })?;
        Ok(found)
    }
}

/// How many optionals a list of ops counts (ids are below it).
fn optionals(ops: &[Op]) -> usize {
    ops.iter()
        .filter_map(|op| match op {
            Op::OptBegin { id, .. } => Some(id + 1),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

struct Exec<'a, 'g> {
    ctx: Ctx<'g>,
    opts: &'a Options,
    ticks: u64,
    hits: Vec<u64>,
    /// Measures of the part running, under `PROFILE`.
    stats: Option<PartStats>,
}

impl Exec<'_, '_> {
    fn tick(&mut self) -> Result<(), QueryError> {
        self.ticks += 1;
        if !self.ticks.is_multiple_of(1024) {
            return Ok(());
        }
        if self
            .opts
            .cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
        {
            return Err(QueryError {
                kind: ErrorKind::Cancelled,
                message: "query cancelled".into(),
                pos: None,
            });
        }
        if self.opts.deadline.is_some_and(|d| Instant::now() > d) {
            return Err(QueryError {
                kind: ErrorKind::Timeout,
                message: "query stopped: it ran past its time limit (see :timeout)".into(),
                pos: None,
            });
        }
        Ok(())
    }

    fn run(
        &mut self,
        ops: &[Op],
        i: usize,
        row: &mut Vec<Val>,
        sink: &mut Sink<'_>,
    ) -> Result<Flow, QueryError> {
        if self.stats.is_none() {
            return self.step(ops, i, row, sink);
        }
        // the rows into op i are the rows out of op i - 1; the first op's input is not
        // counted (it is the row handed to the part)
        let started = Instant::now();
        if let Some(st) = self.stats.as_mut()
            && i > 0
            && i <= st.rows.len()
        {
            st.rows[i - 1] += 1;
        }
        let flow = self.step(ops, i, row, sink);
        if let Some(st) = self.stats.as_mut()
            && i < st.time.len()
        {
            st.time[i] += started.elapsed();
        }
        flow
    }

    fn step(
        &mut self,
        ops: &[Op],
        i: usize,
        row: &mut Vec<Val>,
        sink: &mut Sink<'_>,
    ) -> Result<Flow, QueryError> {
        self.tick()?;
        let Some(op) = ops.get(i) else {
            return sink(row);
        };
        match op {
            Op::Scan {
                slot,
                source,
                labels,
            } => self.scan(ops, i, row, sink, *slot, source, labels),
            Op::Expand(e) => {
                let Val::Node(from) = row[e.from] else {
                    return Ok(Flow::Go);
                };
                match e.length {
                    None => self.expand_one(ops, i, row, sink, e, from),
                    Some((min, max)) => {
                        let mut path = Vec::new();
                        self.expand_var(ops, i, row, sink, e, from, &mut path, (min, max))
                    }
                }
            }
            Op::Shortest {
                from,
                to,
                path,
                rel,
                types,
                dir,
                max,
            } => {
                let (Val::Node(a), Val::Node(b)) = (&row[*from], &row[*to]) else {
                    return Ok(Flow::Go);
                };
                let Some(p) = self.shortest(*a, *b, types, *dir, *max) else {
                    return Ok(Flow::Go);
                };
                row[*rel] = Val::List(p.edges.iter().copied().map(Val::Edge).collect());
                if let Some(ps) = path {
                    row[*ps] = Val::Path(Box::new(p));
                }
                self.run(ops, i + 1, row, sink)
            }
            Op::BindPath { slot, start, rels } => {
                let p = self.path_of(row, *start, rels);
                row[*slot] = p.map_or(Val::Null, |p| Val::Path(Box::new(p)));
                self.run(ops, i + 1, row, sink)
            }
            Op::Filter(c) => {
                if self.ctx.holds(c, row)? {
                    self.run(ops, i + 1, row, sink)
                } else {
                    Ok(Flow::Go)
                }
            }
            Op::CheckLabels { slot, labels } => match row[*slot] {
                Val::Node(n) if self.has_labels(n, labels) => self.run(ops, i + 1, row, sink),
                _ => Ok(Flow::Go),
            },
            Op::OptBegin { id, end, slots } => {
                let before = self.hits[*id];
                if self.run(ops, i + 1, row, sink)? == Flow::Stop {
                    return Ok(Flow::Stop);
                }
                if self.hits[*id] != before {
                    return Ok(Flow::Go);
                }
                for s in slots {
                    row[*s] = Val::Null;
                }
                self.run(ops, *end, row, sink)
            }
            Op::OptEnd { id } => {
                self.hits[*id] += 1;
                self.run(ops, i + 1, row, sink)
            }
            Op::Unwind { expr, slot } => {
                let items = match self.ctx.eval(expr, row, &[])? {
                    Val::List(items) => items,
                    Val::Null => Vec::new(),
                    v => vec![v],
                };
                for v in items {
                    row[*slot] = v;
                    if self.run(ops, i + 1, row, sink)? == Flow::Stop {
                        return Ok(Flow::Stop);
                    }
                }
                Ok(Flow::Go)
            }
            Op::Call { proc, slots } => {
                for values in procedures::rows(self.ctx, *proc) {
                    for (s, v) in slots.iter().zip(values) {
                        row[*s] = v;
                    }
                    if self.run(ops, i + 1, row, sink)? == Flow::Stop {
                        return Ok(Flow::Stop);
                    }
                }
                Ok(Flow::Go)
            }
        }
    }

    fn has_labels(&self, n: NodeIndex, labels: &[Label]) -> bool {
        let label = self.ctx.g.graph()[n].label;
        labels.iter().all(|l| *l == label)
    }

    #[allow(clippy::too_many_arguments)]
    fn scan(
        &mut self,
        ops: &[Op],
        i: usize,
        row: &mut Vec<Val>,
        sink: &mut Sink<'_>,
        slot: usize,
        source: &ScanSource,
        labels: &[Label],
    ) -> Result<Flow, QueryError> {
        let ctx = self.ctx;
        let all: Vec<NodeIndex>;
        let candidates: &[NodeIndex] = match source {
            ScanSource::All => {
                all = ctx.g.graph().node_indices().collect();
                &all
            }
            ScanSource::Label(l) => ctx.ix.with_label(*l),
            ScanSource::Name(c) => {
                all = match ctx.eval(c, row, &[])? {
                    Val::Str(s) => ctx.ix.named(ctx.g, &fold(&s)),
                    _ => Vec::new(),
                };
                &all
            }
            ScanSource::Id(c) => {
                all = match ctx.eval(c, row, &[])? {
                    Val::Int(n) => usize::try_from(n)
                        .ok()
                        .filter(|n| *n < ctx.g.graph().node_count())
                        .map(NodeIndex::new)
                        .into_iter()
                        .collect(),
                    _ => Vec::new(),
                };
                &all
            }
        };
        for chunk in candidates.chunks(WARM_CHUNK) {
            self.warm(chunk.iter().copied());
            for &n in chunk {
                if !self.has_labels(n, labels) {
                    continue;
                }
                row[slot] = Val::Node(n);
                if self.run(ops, i + 1, row, sink)? == Flow::Stop {
                    return Ok(Flow::Stop);
                }
            }
        }
        Ok(Flow::Go)
    }

    /// The relationships of `from` allowed by `types` and `dir`, with the node across, in
    /// relationship index order. Only the adjacency of the types asked for is touched.
    fn edges(&self, from: NodeIndex, types: &[Rel], dir: Dir) -> Vec<(EdgeIndex, NodeIndex)> {
        let (g, ix) = (self.ctx.g, self.ctx.ix);
        let mut out = Vec::new();
        let mut runs = 0;
        let mut add = |d: Direction, out: &mut Vec<(EdgeIndex, NodeIndex)>| {
            let skip_loops = d == Direction::Incoming && dir == Dir::Both;
            let mut take = |rel: Option<Rel>| {
                let run = ix.adjacent(g, from, d, rel);
                if !run.is_empty() {
                    runs += 1 + usize::from(rel.is_none());
                }
                out.extend(run.iter().filter(|(_, o)| !(skip_loops && *o == from)));
            };
            if types.is_empty() {
                take(None);
            } else {
                // a type named twice (`[:IN|IN]`) is walked once
                (0..types.len())
                    .filter(|i| !types[..*i].contains(&types[*i]))
                    .for_each(|i| take(Some(types[i])));
            }
        };
        if dir != Dir::In {
            add(Direction::Outgoing, &mut out);
        }
        if dir != Dir::Out {
            add(Direction::Incoming, &mut out);
        }
        // one run of one type is in index order already
        if runs > 1 {
            out.sort_unstable();
        }
        out
    }

    fn expand_one(
        &mut self,
        ops: &[Op],
        i: usize,
        row: &mut Vec<Val>,
        sink: &mut Sink<'_>,
        e: &Expand,
        from: NodeIndex,
    ) -> Result<Flow, QueryError> {
        let list = self.edges(from, &e.types, e.dir);
        self.warm(list.iter().map(|(_, n)| *n));
        for (edge, other) in list {
            if e.unique_from.iter().any(|s| row[*s] == Val::Edge(edge)) {
                continue;
            }
            if !self.reach(row, e, other) {
                continue;
            }
            row[e.rel] = Val::Edge(edge);
            if self.run(ops, i + 1, row, sink)? == Flow::Stop {
                return Ok(Flow::Stop);
            }
        }
        Ok(Flow::Go)
    }

    /// Reads a little of each of `nodes` (those an expansion reaches, or a block of those a
    /// scan goes through) — its record, the start of its name and of its properties —
    /// before any row is made from them. The rows that follow read
    /// those (a label to check, a name or a property to return) from scattered memory; read
    /// here one after another, the loads do not wait for each other and their fetches
    /// overlap, where row by row each one waits in turn. A query that reads nothing of
    /// those nodes pays for loads it did not need, which cost little beside the rows.
    fn warm(&self, nodes: impl Iterator<Item = NodeIndex>) {
        let g = self.ctx.g.graph();
        let mut acc = 0u8;
        for n in nodes {
            if let Some(node) = g.node_weight(n) {
                acc ^= node.name.as_bytes().first().copied().unwrap_or(0);
                acc ^= node.props.iter().next().map_or(0, |(k, _)| k.len() as u8);
            }
        }
        std::hint::black_box(acc);
    }

    /// Checks or binds the node reached.
    fn reach(&self, row: &mut [Val], e: &Expand, other: NodeIndex) -> bool {
        if e.to_bound {
            return row[e.to] == Val::Node(other);
        }
        if !self.has_labels(other, &e.labels) {
            return false;
        }
        row[e.to] = Val::Node(other);
        true
    }

    #[allow(clippy::too_many_arguments)]
    fn expand_var(
        &mut self,
        ops: &[Op],
        i: usize,
        row: &mut Vec<Val>,
        sink: &mut Sink<'_>,
        e: &Expand,
        at: NodeIndex,
        path: &mut Vec<EdgeIndex>,
        (min, max): (u32, u32),
    ) -> Result<Flow, QueryError> {
        self.tick()?;
        let depth = path.len() as u32;
        if depth >= min && self.reach(row, e, at) {
            row[e.rel] = Val::List(path.iter().copied().map(Val::Edge).collect());
            if self.run(ops, i + 1, row, sink)? == Flow::Stop {
                return Ok(Flow::Stop);
            }
        }
        if depth >= max {
            return Ok(Flow::Go);
        }
        for (edge, other) in self.edges(at, &e.types, e.dir) {
            if path.contains(&edge) || !self.edge_ok(row, e, edge)? {
                continue;
            }
            path.push(edge);
            let flow = self.expand_var(ops, i, row, sink, e, other, path, (min, max))?;
            path.pop();
            if flow == Flow::Stop {
                return Ok(Flow::Stop);
            }
        }
        Ok(Flow::Go)
    }

    fn edge_ok(&self, row: &mut [Val], e: &Expand, edge: EdgeIndex) -> Result<bool, QueryError> {
        if e.edge_props.is_empty() {
            return Ok(true);
        }
        let saved = std::mem::replace(&mut row[e.rel], Val::Edge(edge));
        let mut ok = true;
        for (_, cond) in &e.edge_props {
            if !self.ctx.holds(cond, row)? {
                ok = false;
                break;
            }
        }
        row[e.rel] = saved;
        Ok(ok)
    }

    fn shortest(
        &mut self,
        a: NodeIndex,
        b: NodeIndex,
        types: &[Rel],
        dir: Dir,
        max: u32,
    ) -> Option<PathVal> {
        use std::collections::{HashMap, VecDeque};
        if a == b {
            return None;
        }
        let mut parent: HashMap<NodeIndex, (NodeIndex, EdgeIndex)> = HashMap::new();
        let mut queue = VecDeque::from([(a, 0u32)]);
        while let Some((n, d)) = queue.pop_front() {
            if d >= max {
                continue;
            }
            for (edge, other) in self.edges(n, types, dir) {
                if other == a || parent.contains_key(&other) {
                    continue;
                }
                parent.insert(other, (n, edge));
                if other == b {
                    let mut nodes = vec![b];
                    let mut edges = Vec::new();
                    let mut at = b;
                    while let Some(&(prev, e)) = parent.get(&at) {
                        edges.push(e);
                        nodes.push(prev);
                        at = prev;
                        if at == a {
                            break;
                        }
                    }
                    nodes.reverse();
                    edges.reverse();
                    return Some(PathVal { nodes, edges });
                }
                queue.push_back((other, d + 1));
            }
        }
        None
    }

    fn path_of(&self, row: &[Val], start: usize, rels: &[usize]) -> Option<PathVal> {
        let Val::Node(mut at) = row[start] else {
            return None;
        };
        let mut p = PathVal {
            nodes: vec![at],
            edges: Vec::new(),
        };
        for r in rels {
            let edges = match &row[*r] {
                Val::Edge(e) => vec![*e],
                Val::List(l) => l
                    .iter()
                    .filter_map(|v| match v {
                        Val::Edge(e) => Some(*e),
                        _ => None,
                    })
                    .collect(),
                _ => return None,
            };
            for e in edges {
                let (s, t) = self.ctx.g.graph().edge_endpoints(e)?;
                at = if s == at { t } else { s };
                p.edges.push(e);
                p.nodes.push(at);
            }
        }
        Some(p)
    }
}

#[cfg(test)]
mod tests;
