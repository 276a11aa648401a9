//! Syntax tree → plan: the algebra that `eval` runs.
//!
//! The planner resolves names against the graph (labels, types, properties, variables,
//! functions, parameters; unknown ones get the nearest known name as a suggestion), splits
//! `WHERE` into conjuncts, and orders each `MATCH` greedily: start from the node with the
//! fewest candidates (an id, a name or key in the index, a label), then follow the
//! relationship that reaches the most selective neighbour, applying each condition as soon
//! as its variables are bound. A Cartesian product appears only when patterns share no
//! variable.

mod explain;
mod expr;
mod pattern;
mod projection;

use std::collections::HashMap;

use regex::Regex;

use super::ast::{BinOp, Clause, Dir, Query};
use super::error::QueryError;
use super::value::{StrMode, Val};
use crate::graph::{GraphIndex, KnowledgeGraph};
use crate::schema::{Label, Rel};

/// Query parameters, set with `:param name => value`.
pub type Params = HashMap<String, Val>;

/// The longest shortest path followed when the query gives no bound.
pub const DEFAULT_DEPTH_CAP: u32 = 8;

/// The most relationships a variable-length pattern without an upper bound (`*`, `*2..`)
/// follows: paths multiply with each hop (about sevenfold on the seeds graph, where
/// articles mention every node), so an unbounded `*` would run for minutes. Users are told
/// when the cap applied and how to go further.
pub const VAR_LENGTH_CAP: u32 = 5;

/// A scalar function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    /// `id(x)`
    Id,
    /// `labels(n)`
    Labels,
    /// `type(r)`
    Type,
    /// `size(list or string)`
    Size,
    /// `toLower(s)`
    ToLower,
    /// `toUpper(s)`
    ToUpper,
    /// `coalesce(a, b, …)`
    Coalesce,
    /// `length(path)`
    Length,
    /// `nodes(path)`
    Nodes,
    /// `relationships(path)`
    Relationships,
    /// `startNode(r)`
    StartNode,
    /// `endNode(r)`
    EndNode,
    /// `toString(x)`
    ToString,
    /// `toInteger(x)`
    ToInteger,
    /// `keys(x)`
    Keys,
    /// `substring(s, start[, length])`, counted in characters from 0.
    Substring,
    /// `left(s, n)`
    Left,
    /// `right(s, n)`
    Right,
    /// `split(s, delimiter)`
    Split,
    /// `trim(s)`
    Trim,
    /// `ltrim(s)`
    LTrim,
    /// `rtrim(s)`
    RTrim,
    /// `replace(s, from, to)`
    Replace,
    /// `reverse(s or list)`
    Reverse,
    /// `date('2020-10-02')`, `date(m.date)`; `date()` is today.
    Date,
    /// `articles(x)`: the articles a node's or relationship's evidence comes from (a kg
    /// function: the sentences behind a fact are what the graph is for).
    Articles,
}

/// An aggregate function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggFunc {
    /// `count(x)`, `count(*)`
    Count,
    /// `collect(x)`
    Collect,
    /// `min(x)`
    Min,
    /// `max(x)`
    Max,
    /// `sum(x)`
    Sum,
}

/// The functions by their (case-insensitive) names.
pub const FUNCTIONS: [&str; 31] = [
    "id",
    "labels",
    "type",
    "size",
    "toLower",
    "toUpper",
    "coalesce",
    "length",
    "nodes",
    "relationships",
    "startNode",
    "endNode",
    "toString",
    "toInteger",
    "keys",
    "substring",
    "left",
    "right",
    "split",
    "trim",
    "ltrim",
    "rtrim",
    "replace",
    "reverse",
    "date",
    "articles",
    "count",
    "collect",
    "min",
    "max",
    "sum",
];

/// A compiled regular expression (`=~`): anchored, linear time.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The anchored expression.
    pub re: Regex,
    /// Match against the folded string (the pattern had no diacritics).
    pub loose: bool,
}

/// A compiled expression: variables are row slots, parameters are constants.
#[derive(Debug, Clone)]
pub enum CExpr {
    /// A constant.
    Const(Val),
    /// The value in a row slot.
    Slot(usize),
    /// A property of a node or relationship.
    Prop(Box<CExpr>, String),
    /// `list[i]`.
    Index(Box<CExpr>, Box<CExpr>),
    /// A list.
    List(Vec<CExpr>),
    /// A comparison (`= <> < <= > >= IN STARTS WITH ENDS WITH CONTAINS`).
    Cmp(BinOp, Box<CExpr>, Box<CExpr>, StrMode),
    /// `=~` with a constant pattern.
    Regex(Box<CExpr>, Pattern),
    /// `=~` with a computed pattern.
    RegexDyn(Box<CExpr>, Box<CExpr>),
    /// `AND`, `OR`, `XOR`.
    Logic(BinOp, Box<CExpr>, Box<CExpr>),
    /// `+ - * / %`.
    Arith(BinOp, Box<CExpr>, Box<CExpr>),
    /// `NOT`.
    Not(Box<CExpr>),
    /// Unary minus.
    Neg(Box<CExpr>),
    /// `IS NULL` (false) / `IS NOT NULL` (true).
    IsNull(Box<CExpr>, bool),
    /// A scalar function.
    Call(Func, Vec<CExpr>),
    /// The result of the i-th aggregate of the projection.
    Agg(usize),
    /// `CASE`: with a subject, the first `WHEN` equal to it (in the mode); else the first
    /// true `WHEN`; else the default.
    Case {
        /// The simple form's subject.
        subject: Option<Box<CExpr>>,
        /// `WHEN` and `THEN`.
        whens: Vec<(CExpr, CExpr)>,
        /// `ELSE` (null when absent).
        default: Box<CExpr>,
        /// How the subject's strings compare.
        mode: StrMode,
    },
    /// A pattern predicate: true when `ops` reach their end at least once from the row.
    Exists {
        /// The sub-plan, over the same row slots.
        ops: Vec<Op>,
        /// The row's slots it starts from (bound before it).
        reads: Vec<usize>,
    },
}

/// A built-in procedure of `CALL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Procedure {
    /// `db.labels()`: the labels in use.
    Labels,
    /// `db.relationshipTypes()`: the relationship types in use.
    RelationshipTypes,
    /// `db.propertyKeys()`: the property keys in use.
    PropertyKeys,
    /// `db.schema()`: each (label, type, label) pattern in use and how often.
    Schema,
}

impl Procedure {
    /// The procedures by name.
    pub const ALL: [(&'static str, Procedure); 4] = [
        ("db.labels", Procedure::Labels),
        ("db.relationshipTypes", Procedure::RelationshipTypes),
        ("db.propertyKeys", Procedure::PropertyKeys),
        ("db.schema", Procedure::Schema),
    ];

    /// The columns it yields.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Procedure::Labels => &["label", "count"],
            Procedure::RelationshipTypes => &["relationshipType", "count"],
            Procedure::PropertyKeys => &["propertyKey"],
            Procedure::Schema => &["source", "relationshipType", "target", "count"],
        }
    }
}

/// Where a scan takes its candidate nodes from.
#[derive(Debug, Clone)]
pub enum ScanSource {
    /// Every node.
    All,
    /// The nodes of a label.
    Label(Label),
    /// The nodes whose folded name or key is the folded value (then filtered exactly).
    Name(CExpr),
    /// The node with this id.
    Id(CExpr),
}

/// Following relationships from a bound node.
#[derive(Debug, Clone)]
pub struct Expand {
    /// The bound node.
    pub from: usize,
    /// The relationship slot (an edge, or a list of edges when variable length).
    pub rel: usize,
    /// The node reached.
    pub to: usize,
    /// Allowed types; empty means any.
    pub types: Vec<Rel>,
    /// Direction seen from `from`.
    pub dir: Dir,
    /// `Some((min, max))` for variable length.
    pub length: Option<(u32, u32)>,
    /// `to` is already bound: only check it.
    pub to_bound: bool,
    /// Labels `to` must have.
    pub labels: Vec<Label>,
    /// Property conditions on every edge of a variable-length relationship.
    pub edge_props: Vec<(String, CExpr)>,
    /// Edge slots of the same MATCH that this edge must differ from.
    pub unique_from: Vec<usize>,
}

/// One step of a plan.
#[derive(Debug, Clone)]
pub enum Op {
    /// Bind a node slot to each candidate.
    Scan {
        /// The slot.
        slot: usize,
        /// Candidates.
        source: ScanSource,
        /// Labels it must have.
        labels: Vec<Label>,
    },
    /// Follow relationships.
    Expand(Expand),
    /// The shortest path between two bound nodes (breadth first).
    Shortest {
        /// One end.
        from: usize,
        /// The other end.
        to: usize,
        /// Path slot.
        path: Option<usize>,
        /// Relationship list slot.
        rel: usize,
        /// Allowed types.
        types: Vec<Rel>,
        /// Direction.
        dir: Dir,
        /// Most relationships followed.
        max: u32,
    },
    /// Build a named path from its bound parts.
    BindPath {
        /// The path slot.
        slot: usize,
        /// The first node.
        start: usize,
        /// Relationship slots in order.
        rels: Vec<usize>,
    },
    /// Keep rows where the condition is true.
    Filter(CExpr),
    /// A bound node must carry these labels.
    CheckLabels {
        /// The slot.
        slot: usize,
        /// The labels.
        labels: Vec<Label>,
    },
    /// Start of an `OPTIONAL MATCH`: when nothing reaches `OptEnd`, the slots are set to
    /// null and the plan goes on at `end`.
    OptBegin {
        /// Which optional (a counter per optional).
        id: usize,
        /// Index of the op after the matching `OptEnd`.
        end: usize,
        /// Slots bound inside.
        slots: Vec<usize>,
    },
    /// End of an `OPTIONAL MATCH`.
    OptEnd {
        /// Which optional.
        id: usize,
    },
    /// `UNWIND`: one row per item of the list (none for an empty list or null).
    Unwind {
        /// The list.
        expr: CExpr,
        /// The item's slot.
        slot: usize,
    },
    /// `CALL`: one row per row of the procedure.
    Call {
        /// The procedure.
        proc: Procedure,
        /// A slot per column.
        slots: Vec<usize>,
    },
}

/// An aggregate of a projection.
#[derive(Debug, Clone)]
pub struct AggSpec {
    /// The function.
    pub func: AggFunc,
    /// `DISTINCT`.
    pub distinct: bool,
    /// Its argument (`None` for `count(*)`).
    pub arg: Option<CExpr>,
}

/// A `WITH` or `RETURN`.
#[derive(Debug, Clone)]
pub struct Proj {
    /// Each item and the slot it goes to.
    pub items: Vec<(CExpr, usize)>,
    /// The column names.
    pub names: Vec<String>,
    /// Aggregates; when there are any, rows are grouped by the items without one.
    pub aggs: Vec<AggSpec>,
    /// Which items contain an aggregate.
    pub agg_items: Vec<bool>,
    /// `DISTINCT`.
    pub distinct: bool,
    /// `ORDER BY` keys, evaluated on the output row; `true` for descending.
    pub order: Vec<(CExpr, bool)>,
    /// `SKIP`.
    pub skip: usize,
    /// `LIMIT`.
    pub limit: Option<usize>,
    /// `WITH … WHERE`.
    pub filter: Option<CExpr>,
}

/// A part of the query: matching ops, then a projection.
#[derive(Debug, Clone)]
pub struct Part {
    /// Ops in order.
    pub ops: Vec<Op>,
    /// The `WITH` or `RETURN` that ends it.
    pub proj: Proj,
}

/// A whole plan.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Parts in order; the last ends with `RETURN`.
    pub parts: Vec<Part>,
    /// Row width.
    pub width: usize,
    /// A name for each slot (hidden ones start with a space), for `:explain`.
    pub slot_names: Vec<String>,
    /// Number of optionals.
    pub optionals: usize,
    /// A variable-length pattern had no upper bound, so [`VAR_LENGTH_CAP`] applied.
    pub capped: bool,
}

impl Plan {
    /// The result columns.
    pub fn columns(&self) -> &[String] {
        self.parts.last().map_or(&[], |p| &p.proj.names)
    }
}

/// What a variable holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VarKind {
    Node,
    Edge,
    EdgeList,
    Path,
    Value,
}

#[derive(Debug, Clone, Copy)]
struct Var {
    slot: usize,
    kind: VarKind,
}

struct Planner<'a> {
    g: &'a KnowledgeGraph,
    ix: &'a GraphIndex,
    params: &'a Params,
    depth_cap: u32,
    slot_names: Vec<String>,
    scope: HashMap<String, Var>,
    bound: Vec<bool>,
    optionals: usize,
    aggs: Option<Vec<AggSpec>>,
    capped: bool,
}

/// Plans a parsed query against a graph.
pub fn plan(
    q: &Query,
    g: &KnowledgeGraph,
    ix: &GraphIndex,
    params: &Params,
    depth_cap: u32,
) -> Result<Plan, QueryError> {
    let mut p = Planner {
        g,
        ix,
        params,
        depth_cap,
        slot_names: Vec::new(),
        scope: HashMap::new(),
        bound: Vec::new(),
        optionals: 0,
        aggs: None,
        capped: false,
    };
    let mut parts = Vec::new();
    let mut ops = Vec::new();
    for clause in &q.clauses {
        match clause {
            Clause::Match(m) => p.plan_match(m, &mut ops)?,
            Clause::With(proj) | Clause::Return(proj) => {
                let proj = p.plan_projection(proj)?;
                parts.push(Part {
                    ops: std::mem::take(&mut ops),
                    proj,
                });
            }
            Clause::Unwind { expr, alias } => {
                let expr = p.expr(expr)?;
                let slot = p.declare_value(alias, 0)?;
                ops.push(Op::Unwind { expr, slot });
            }
            Clause::Call {
                name,
                yields,
                filter,
                pos,
            } => {
                let returned = p.plan_call(name, yields, *pos, &mut ops)?;
                if let Some(f) = filter {
                    ops.push(Op::Filter(p.expr(f)?));
                }
                if matches!(q.clauses.last(), Some(Clause::Call { .. })) {
                    // a lone CALL returns what it yields
                    let proj = p.plan_projection(&returned)?;
                    parts.push(Part {
                        ops: std::mem::take(&mut ops),
                        proj,
                    });
                }
            }
        }
    }
    Ok(Plan {
        parts,
        width: p.slot_names.len(),
        slot_names: p.slot_names,
        optionals: p.optionals,
        capped: p.capped,
    })
}

impl Planner<'_> {
    fn new_slot(&mut self, name: String) -> usize {
        self.slot_names.push(name);
        self.bound.push(false);
        self.slot_names.len() - 1
    }

    fn hidden_slot(&mut self, what: &str) -> usize {
        let n = self.slot_names.len();
        self.new_slot(format!(" {what}{n}"))
    }

    fn label(&self, name: &str, pos: usize) -> Result<Label, QueryError> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str() == name)
            .ok_or_else(|| {
                let s = super::error::suggestion(name, Label::ALL.iter().map(|l| l.as_str()));
                QueryError::unknown(format!("unknown label {name}{s}"), pos)
            })
    }

    fn rel_type(&self, name: &str, pos: usize) -> Result<Rel, QueryError> {
        Rel::ALL
            .into_iter()
            .find(|r| r.as_str() == name)
            .ok_or_else(|| {
                let s = super::error::suggestion(name, Rel::ALL.iter().map(|r| r.as_str()));
                QueryError::unknown(format!("unknown relationship type {name}{s}"), pos)
            })
    }
}

impl Planner<'_> {
    /// Binds a new value variable (`UNWIND … AS x`, a `CALL` column).
    fn declare_value(&mut self, name: &str, pos: usize) -> Result<usize, QueryError> {
        if self.scope.contains_key(name) {
            return Err(QueryError::syntax(
                format!("variable {name} is already bound"),
                pos,
            ));
        }
        let slot = self.new_slot(name.to_string());
        self.bound[slot] = true;
        self.scope.insert(
            name.to_string(),
            Var {
                slot,
                kind: VarKind::Value,
            },
        );
        Ok(slot)
    }

    /// Plans `CALL name() YIELD …`; returns the `RETURN` of what it yields, for a lone
    /// `CALL`.
    fn plan_call(
        &mut self,
        name: &str,
        yields: &[String],
        pos: usize,
        ops: &mut Vec<Op>,
    ) -> Result<super::ast::Projection, QueryError> {
        let proc = Procedure::ALL
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, p)| *p)
            .ok_or_else(|| {
                let s = super::error::suggestion(name, Procedure::ALL.iter().map(|(n, _)| *n));
                QueryError::unknown(format!("unknown procedure {name}{s}"), pos)
            })?;
        let columns = proc.columns();
        for y in yields {
            if !columns.contains(&y.as_str()) {
                let s = super::error::suggestion(y, columns.iter().copied());
                return Err(QueryError::unknown(
                    format!("{name} yields no column {y}{s}"),
                    pos,
                ));
            }
        }
        let mut slots = Vec::new();
        let mut items = Vec::new();
        for c in columns {
            if yields.is_empty() || yields.iter().any(|y| y == c) {
                slots.push(self.declare_value(c, pos)?);
                items.push(super::ast::Item {
                    expr: super::ast::Expr {
                        kind: super::ast::ExprKind::Var(c.to_string()),
                        pos,
                    },
                    alias: c.to_string(),
                    explicit: false,
                });
            } else {
                slots.push(self.hidden_slot(c));
            }
        }
        ops.push(Op::Call { proc, slots });
        Ok(super::ast::Projection::of(items, pos))
    }
}

/// Compiles a pattern computed at run time (`=~` with a non-constant right side).
pub fn regex_pattern(p: &str) -> Result<Pattern, QueryError> {
    expr::regex(p, 0).map_err(|mut e| {
        e.pos = None;
        e
    })
}
