//! Counting nodes by label from the label index: `MATCH (n) RETURN labels(n), count(*)`
//! and its kin cost O(labels), not a row per node. A part qualifies when it is one label
//! or whole-graph scan whose grouping keys depend on the node only through `labels(n)`
//! and whose aggregates are all plain `count(*)` / `count(n)`. The first rows of each
//! label still go through the collector (they are the group's evidence, as in a full
//! scan); the rest are added to the counts.

use petgraph::graph::NodeIndex;

use super::collect::{Collector, MAX_EVIDENCE};
use super::{Ctx, Fact};
use crate::query::error::QueryError;
use crate::query::plan::{AggFunc, CExpr, Func, Op, Proj, ScanSource};
use crate::query::value::Val;
use crate::schema::Label;

/// The scan of a part that can be counted from the index: its slot, source and labels.
pub fn countable<'p>(ops: &'p [Op], proj: &Proj) -> Option<(usize, &'p ScanSource, &'p [Label])> {
    let [
        Op::Scan {
            slot,
            source,
            labels,
        },
    ] = ops
    else {
        return None;
    };
    if !matches!(source, ScanSource::All | ScanSource::Label(_)) || proj.aggs.is_empty() {
        return None;
    }
    let counts = proj.aggs.iter().all(|a| {
        a.func == AggFunc::Count
            && !a.distinct
            && match &a.arg {
                None => true,
                Some(CExpr::Slot(s)) => s == slot,
                _ => false,
            }
    });
    let keys = proj
        .items
        .iter()
        .zip(&proj.agg_items)
        .filter(|(_, agg)| !**agg)
        .all(|((c, _), _)| through_labels(c, *slot));
    (counts && keys).then_some((*slot, source, labels.as_slice()))
}

/// Whether `c` reads the row only as `labels(slot)` (so it is one value per label).
fn through_labels(c: &CExpr, slot: usize) -> bool {
    match c {
        CExpr::Const(_) => true,
        CExpr::Call(Func::Labels, args) => {
            matches!(args.as_slice(), [CExpr::Slot(s)] if *s == slot)
        }
        CExpr::Call(_, args) | CExpr::List(args) => args.iter().all(|a| through_labels(a, slot)),
        CExpr::Index(a, b)
        | CExpr::Cmp(_, a, b, _)
        | CExpr::Logic(_, a, b)
        | CExpr::Arith(_, a, b) => through_labels(a, slot) && through_labels(b, slot),
        CExpr::Not(a) | CExpr::Neg(a) | CExpr::IsNull(a, _) => through_labels(a, slot),
        _ => false,
    }
}

/// Feeds `coll` the scan of a [`countable`] part from `row`, as a full scan would end
/// up: the labels whose keys are equal form one group; the first nodes of each group go
/// through the collector in index order (they are its evidence, and the order they come
/// in orders the groups), the others are added to the counts.
pub fn feed(
    ctx: Ctx<'_>,
    coll: &mut Collector<'_, '_>,
    row: &mut [Val],
    ev: &[Fact],
    (slot, source, labels): (usize, &ScanSource, &[Label]),
) -> Result<(), QueryError> {
    let candidates: Vec<&[NodeIndex]> = match source {
        ScanSource::Label(l) => vec![ctx.ix.with_label(*l)],
        _ => Label::ALL.iter().map(|l| ctx.ix.with_label(*l)).collect(),
    };
    let mut groups: Vec<(Vec<Val>, Vec<NodeIndex>, usize)> = Vec::new();
    for nodes in candidates {
        let Some(first) = nodes.first() else { continue };
        if !labels.iter().all(|l| *l == ctx.g.graph()[*first].label) {
            continue;
        }
        row[slot] = Val::Node(*first);
        let key = coll.key(row)?;
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, shown, total)) => {
                shown.extend_from_slice(&nodes[..nodes.len().min(MAX_EVIDENCE)]);
                shown.sort_unstable();
                shown.truncate(MAX_EVIDENCE);
                *total += nodes.len();
            }
            None => groups.push((
                key,
                nodes[..nodes.len().min(MAX_EVIDENCE)].to_vec(),
                nodes.len(),
            )),
        }
    }
    let mut shown: Vec<NodeIndex> = groups
        .iter()
        .flat_map(|(_, s, _)| s.iter().copied())
        .collect();
    shown.sort_unstable();
    for n in shown {
        row[slot] = Val::Node(n);
        coll.push(row, ev)?;
    }
    for (_, nodes, total) in &groups {
        if let Some(first) = nodes.first() {
            row[slot] = Val::Node(*first);
            coll.add_count(row, (total - nodes.len()) as i64)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::graph::{GraphIndex, KnowledgeGraph, Node};
    use crate::query::{Options, Params, Val, execute};
    use crate::schema::Label;

    /// More persons than a group keeps as evidence, interleaved with districts.
    fn graph() -> (KnowledgeGraph, GraphIndex) {
        let mut g = petgraph::graph::DiGraph::new();
        for i in 0..600 {
            let label = if i % 7 == 3 {
                Label::District
            } else {
                Label::Person
            };
            g.add_node(Node {
                label,
                name: format!("n{i}").into(),
                key: format!("n{i}"),
                props: Default::default(),
                sources: Default::default(),
            });
        }
        let g = KnowledgeGraph::from_parts(g, Vec::new());
        let ix = GraphIndex::new(&g);
        (g, ix)
    }

    fn both(q: &str) -> (Vec<Vec<Val>>, Vec<Vec<Val>>, usize) {
        let (g, ix) = graph();
        let run = |q: &str| execute(q, &g, &ix, &Params::new(), &Options::default());
        let fast = run(q).unwrap_or_else(|e| panic!("{}", e.render(q)));
        let slow = run(&format!("PROFILE {q}")).unwrap_or_else(|e| panic!("{}", e.render(q)));
        assert_eq!(fast.evidence, slow.evidence, "{q}");
        (
            fast.rows,
            slow.rows,
            fast.evidence.iter().map(Vec::len).sum(),
        )
    }

    #[test]
    fn counts_from_the_index_equal_a_full_scan() {
        for q in [
            "MATCH (n) RETURN labels(n) AS l, count(*) AS c",
            "MATCH (n) RETURN labels(n)[0] AS l, count(n) AS c ORDER BY c",
            "MATCH (n) RETURN count(*) AS c",
            "MATCH (n:Person) RETURN count(*) AS c",
            "MATCH (n:District) RETURN 'd' AS k, count(n) AS c",
        ] {
            let (fast, slow, _) = both(q);
            assert_eq!(fast, slow, "{q}");
        }
        let (rows, _, evidence) = both("MATCH (n) RETURN labels(n)[0] AS l, count(*) AS c");
        assert_eq!(
            rows,
            [
                [Val::Str("Person".into()), Val::Int(514)],
                [Val::Str("District".into()), Val::Int(86)],
            ]
        );
        assert_eq!(
            evidence,
            256 + 86,
            "each group keeps its first nodes as evidence"
        );
    }

    #[test]
    fn a_key_that_reads_more_than_the_label_is_not_counted_from_the_index() {
        let (g, ix) = graph();
        let plan = |q: &str| {
            let parsed = crate::query::parser::parse(q).unwrap_or_else(|e| panic!("{e:?}"));
            crate::query::plan::plan(&parsed, &g, &ix, &Params::new(), 8)
                .unwrap_or_else(|e| panic!("{e:?}"))
        };
        for (q, countable) in [
            ("MATCH (n) RETURN labels(n), count(*)", true),
            ("MATCH (n) RETURN n.name, count(*)", false),
            ("MATCH (n) RETURN labels(n), count(DISTINCT n)", false),
            ("MATCH (n) WHERE n.name = 'n1' RETURN count(*)", false),
            ("MATCH (n) RETURN labels(n), collect(n.name)", false),
        ] {
            let p = plan(q);
            let part = &p.parts[0];
            assert_eq!(
                super::countable(&part.ops, &part.proj).is_some(),
                countable,
                "{q}"
            );
        }
    }
}
