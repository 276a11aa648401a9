//! `:explain`: the plan as text, one op a line, in the order it runs.

use std::fmt::Write as _;

use super::{CExpr, Op, Plan, ScanSource};
use crate::query::ast::Dir;

impl Plan {
    /// The plan, one op a line, indented inside optionals.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for (n, part) in self.parts.iter().enumerate() {
            let last = n + 1 == self.parts.len();
            let mut depth = 1;
            for op in &part.ops {
                if matches!(op, Op::OptEnd { .. }) {
                    depth -= 1;
                    continue;
                }
                let _ = writeln!(out, "{}{}", "  ".repeat(depth), self.op(op));
                if matches!(op, Op::OptBegin { .. }) {
                    depth += 1;
                }
            }
            let p = &part.proj;
            let mut line = format!(
                "  {} {}",
                if last { "Return" } else { "With" },
                p.names.join(", ")
            );
            if !p.aggs.is_empty() {
                line.push_str(&format!(" (grouped, {} aggregate(s))", p.aggs.len()));
            }
            if p.distinct {
                line.push_str(" distinct");
            }
            if !p.order.is_empty() {
                line.push_str(&format!(" order by {} key(s)", p.order.len()));
            }
            if p.skip > 0 {
                line.push_str(&format!(" skip {}", p.skip));
            }
            if let Some(l) = p.limit {
                line.push_str(&format!(" limit {l}"));
            }
            let _ = writeln!(out, "{line}");
        }
        out
    }

    /// The plan with what `PROFILE` measured: each op with the rows it passed on and the
    /// time spent in it alone (its inclusive time less the next op's).
    pub fn profile(&self, stats: &[crate::query::eval::PartStats]) -> String {
        let mut out = format!("{:<60} {:>9} {:>10}\n", "operator", "rows", "ms");
        for (part, st) in self.parts.iter().zip(stats) {
            let n = part.ops.len();
            let own = |i: usize| {
                let next = if i < n {
                    st.time[i + 1]
                } else {
                    Default::default()
                };
                st.time[i].saturating_sub(next).as_secs_f64() * 1000.0
            };
            for (i, op) in part.ops.iter().enumerate() {
                if matches!(op, Op::OptEnd { .. }) {
                    continue;
                }
                let _ = writeln!(
                    out,
                    "{:<60} {:>9} {:>10.3}",
                    self.op(op),
                    st.rows[i],
                    own(i)
                );
            }
            let names = part.proj.names.join(", ");
            let _ = writeln!(
                out,
                "{:<60} {:>9} {:>10.3}",
                format!("Project {names}"),
                st.rows[n],
                own(n)
            );
        }
        out
    }

    fn name(&self, slot: usize) -> String {
        let n = &self.slot_names[slot];
        match n.strip_prefix(' ') {
            Some(hidden) => format!("_{hidden}"),
            None => n.clone(),
        }
    }

    fn op(&self, op: &Op) -> String {
        match op {
            Op::Scan {
                slot,
                source,
                labels,
            } => {
                let how = match source {
                    ScanSource::All => "all nodes".to_string(),
                    ScanSource::Label(l) => format!("label index {l}"),
                    ScanSource::Name(_) => "name index".to_string(),
                    ScanSource::Id(_) => "node id".to_string(),
                };
                let labels: String = labels.iter().map(|l| format!(":{l}")).collect();
                format!("Scan ({}{labels}) by {how}", self.name(*slot))
            }
            Op::Expand(e) => {
                let types: Vec<&str> = e.types.iter().map(|t| t.as_str()).collect();
                let len = e
                    .length
                    .map_or_else(String::new, |(a, b)| format!("*{a}..{b}"));
                let rel = format!("[{}:{}{len}]", self.name(e.rel), types.join("|"));
                let (l, r) = arrows(e.dir);
                let labels: String = e.labels.iter().map(|l| format!(":{l}")).collect();
                let verb = if e.to_bound { "Check" } else { "Expand" };
                format!(
                    "{verb} ({}){l}{rel}{r}({}{labels})",
                    self.name(e.from),
                    self.name(e.to)
                )
            }
            Op::Shortest {
                from, to, max, dir, ..
            } => {
                let (l, r) = arrows(*dir);
                format!(
                    "ShortestPath ({}){l}[*..{max}]{r}({}) breadth first",
                    self.name(*from),
                    self.name(*to)
                )
            }
            Op::BindPath { slot, .. } => format!("Path {}", self.name(*slot)),
            Op::Filter(c) => format!("Filter {}", self.expr(c)),
            Op::CheckLabels { slot, labels } => {
                let labels: String = labels.iter().map(|l| format!(":{l}")).collect();
                format!("CheckLabels ({}{labels})", self.name(*slot))
            }
            Op::OptBegin { .. } => "Optional".to_string(),
            Op::OptEnd { .. } => String::new(),
            Op::Unwind { expr, slot } => {
                format!("Unwind {} as {}", self.expr(expr), self.name(*slot))
            }
            Op::Call { proc, .. } => format!("Call {:?}", proc),
        }
    }

    fn expr(&self, c: &CExpr) -> String {
        match c {
            CExpr::Const(v) => format!("{v:?}"),
            CExpr::Slot(s) => self.name(*s),
            CExpr::Prop(e, k) => format!("{}.{k}", self.expr(e)),
            CExpr::Cmp(op, a, b, mode) => {
                format!("{} {op:?}/{mode:?} {}", self.expr(a), self.expr(b))
            }
            CExpr::Logic(op, a, b) => format!("({} {op:?} {})", self.expr(a), self.expr(b)),
            CExpr::Not(a) => format!("NOT {}", self.expr(a)),
            CExpr::IsNull(a, n) => {
                format!("{} IS {}NULL", self.expr(a), if *n { "NOT " } else { "" })
            }
            CExpr::Call(f, args) => {
                let args: Vec<String> = args.iter().map(|a| self.expr(a)).collect();
                format!("{f:?}({})", args.join(", "))
            }
            CExpr::Regex(a, p) => format!("{} =~ {}", self.expr(a), p.re.as_str()),
            CExpr::Exists { ops, .. } => {
                let steps: Vec<String> = ops.iter().map(|o| self.op(o)).collect();
                format!("exists[{}]", steps.join("; "))
            }
            CExpr::Case { whens, .. } => format!("case({} when)", whens.len()),
            other => format!("{other:?}"),
        }
    }
}

fn arrows(dir: Dir) -> (&'static str, &'static str) {
    match dir {
        Dir::Out => ("-", "->"),
        Dir::In => ("<-", "-"),
        Dir::Both => ("-", "-"),
    }
}
