//! The syntax tree of a query, as the parser reads it. Names are not resolved yet: the
//! planner checks them against the graph and turns the tree into a plan.

/// A literal value written in a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// `null`.
    Null,
    /// `true`, `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `OR`
    Or,
    /// `XOR`
    Xor,
    /// `AND`
    And,
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `=~`
    Regex,
    /// `IN`
    In,
    /// `STARTS WITH`
    StartsWith,
    /// `ENDS WITH`
    EndsWith,
    /// `CONTAINS`
    Contains,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
}

/// An expression, with the byte offset where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it starts in the query text.
    pub pos: usize,
}

/// The kinds of expression.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A literal.
    Lit(Literal),
    /// `$name`.
    Param(String),
    /// A variable.
    Var(String),
    /// `expr.name`.
    Prop(Box<Expr>, String),
    /// `expr[index]`.
    Index(Box<Expr>, Box<Expr>),
    /// `[a, b, …]`.
    List(Vec<Expr>),
    /// `a op b`.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `NOT a`.
    Not(Box<Expr>),
    /// `-a`.
    Neg(Box<Expr>),
    /// `a IS NULL` (false) or `a IS NOT NULL` (true).
    IsNull(Box<Expr>, bool),
    /// `f(args)`, `f(DISTINCT arg)`.
    Call {
        /// Function name as written.
        name: String,
        /// Whether `DISTINCT` was written.
        distinct: bool,
        /// Arguments.
        args: Vec<Expr>,
    },
    /// `count(*)`.
    CountStar,
    /// `CASE [subject] WHEN a THEN b … [ELSE c] END`: with a subject, each `WHEN` value is
    /// compared to it (simple form); without, each `WHEN` is a condition (searched form).
    Case {
        /// The value compared, in the simple form.
        subject: Option<Box<Expr>>,
        /// `WHEN … THEN …` in order.
        whens: Vec<(Expr, Expr)>,
        /// `ELSE`; null when absent.
        default: Option<Box<Expr>>,
    },
    /// A pattern predicate `(a)-[:R]->()` or `EXISTS { MATCH … WHERE … }`: whether the
    /// pattern matches at least once with the variables bound so far.
    Exists(Box<Match>),
}

impl Expr {
    /// The expressions directly inside this one.
    pub fn children(&self) -> Vec<&Expr> {
        match &self.kind {
            ExprKind::Lit(_)
            | ExprKind::Param(_)
            | ExprKind::Var(_)
            | ExprKind::CountStar
            | ExprKind::Exists(_) => vec![],
            ExprKind::Prop(e, _) | ExprKind::Not(e) | ExprKind::Neg(e) | ExprKind::IsNull(e, _) => {
                vec![e]
            }
            ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) => vec![a, b],
            ExprKind::List(items) | ExprKind::Call { args: items, .. } => items.iter().collect(),
            ExprKind::Case {
                subject,
                whens,
                default,
            } => subject
                .iter()
                .map(|b| &**b)
                .chain(whens.iter().flat_map(|(w, t)| [w, t]))
                .chain(default.iter().map(|b| &**b))
                .collect(),
        }
    }

    /// How many levels the tree under this expression has, counted without recursion.
    pub fn depth(&self) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(self, 1)];
        while let Some((e, d)) = stack.pop() {
            deepest = deepest.max(d);
            stack.extend(e.children().into_iter().map(|c| (c, d + 1)));
        }
        deepest
    }
}

/// Direction of a relationship pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// `-[]->`
    Out,
    /// `<-[]-`
    In,
    /// `-[]-`
    Both,
}

/// `(v:Label {prop: value})`.
#[derive(Debug, Clone, PartialEq)]
pub struct NodePat {
    /// The variable, if named.
    pub var: Option<String>,
    /// Labels (all must hold), each with its position.
    pub labels: Vec<(String, usize)>,
    /// Inline property constraints.
    pub props: Vec<(String, Expr)>,
    /// Where the pattern starts.
    pub pos: usize,
}

/// `-[r:A|B*1..3 {prop: value}]->`.
#[derive(Debug, Clone, PartialEq)]
pub struct RelPat {
    /// The variable, if named.
    pub var: Option<String>,
    /// Allowed types (any of them), each with its position; empty means any.
    pub types: Vec<(String, usize)>,
    /// Inline property constraints.
    pub props: Vec<(String, Expr)>,
    /// Direction.
    pub dir: Dir,
    /// Variable length `*min..max`; `None` for a single relationship. `max` is `None`
    /// when not written (the planner applies the depth cap).
    pub length: Option<(u32, Option<u32>)>,
    /// Where the pattern starts.
    pub pos: usize,
}

/// A chain `(a)-[r]->(b)<-[s]-(c)`, optionally named (`p = …`) and optionally
/// `shortestPath(…)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// `p = …`.
    pub path_var: Option<String>,
    /// Wrapped in `shortestPath(…)`.
    pub shortest: bool,
    /// The first node.
    pub start: NodePat,
    /// Each relationship and the node after it.
    pub steps: Vec<(RelPat, NodePat)>,
    /// Where the pattern starts.
    pub pos: usize,
}

/// `MATCH` or `OPTIONAL MATCH` with its `WHERE`.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// `OPTIONAL MATCH`.
    pub optional: bool,
    /// Comma-separated patterns.
    pub patterns: Vec<Pattern>,
    /// The `WHERE` condition.
    pub filter: Option<Expr>,
}

impl Match {
    /// The variables its patterns and condition name, each once.
    pub fn variables(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |v: &Option<String>| {
            if let Some(v) = v
                && !out.contains(v)
            {
                out.push(v.clone());
            }
        };
        let mut exprs: Vec<&Expr> = Vec::new();
        for p in &self.patterns {
            add(&p.start.var);
            exprs.extend(p.start.props.iter().map(|(_, e)| e));
            for (r, n) in &p.steps {
                add(&r.var);
                add(&n.var);
                exprs.extend(r.props.iter().chain(&n.props).map(|(_, e)| e));
            }
        }
        exprs.extend(self.filter.iter());
        while let Some(e) = exprs.pop() {
            match &e.kind {
                ExprKind::Var(v) => add(&Some(v.clone())),
                ExprKind::Exists(m) => m.variables().into_iter().for_each(|v| add(&Some(v))),
                _ => exprs.extend(e.children()),
            }
        }
        out
    }
}

/// One item of `RETURN` or `WITH`.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The expression.
    pub expr: Expr,
    /// `AS name`, or the expression's text when absent.
    pub alias: String,
    /// Whether `AS` was written.
    pub explicit: bool,
}

/// `RETURN …` or `WITH … [WHERE …]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// `DISTINCT`.
    pub distinct: bool,
    /// The items; empty with `star`.
    pub items: Vec<Item>,
    /// `*`: every variable in scope.
    pub star: bool,
    /// `ORDER BY expr [DESC]`.
    pub order: Vec<(Expr, bool)>,
    /// `SKIP n`.
    pub skip: Option<Expr>,
    /// `LIMIT n`.
    pub limit: Option<Expr>,
    /// `WHERE` after `WITH`.
    pub filter: Option<Expr>,
    /// Where the clause starts.
    pub pos: usize,
}

impl Projection {
    /// `RETURN items` (or `WITH items`) with nothing else: no `DISTINCT`, order or limits.
    pub fn of(items: Vec<Item>, pos: usize) -> Projection {
        Projection {
            distinct: false,
            items,
            star: false,
            order: Vec::new(),
            skip: None,
            limit: None,
            filter: None,
            pos,
        }
    }
}

/// A clause.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// `MATCH`, `OPTIONAL MATCH`.
    Match(Match),
    /// `WITH`.
    With(Projection),
    /// `RETURN` (always last).
    Return(Projection),
    /// `UNWIND list AS name`: one row per item.
    Unwind {
        /// The list.
        expr: Expr,
        /// The variable each item is bound to.
        alias: String,
    },
    /// `CALL db.labels() [YIELD a, b]`: the rows of a built-in procedure.
    Call {
        /// The procedure's name as written (`db.labels`).
        name: String,
        /// `YIELD` columns; empty means all.
        yields: Vec<String>,
        /// `WHERE` after `YIELD`.
        filter: Option<Expr>,
        /// Where the clause starts.
        pos: usize,
    },
}

/// What to do with a query: run it, or only show its plan, or run it and measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Run it.
    #[default]
    Run,
    /// `EXPLAIN …`: the plan, without running.
    Explain,
    /// `PROFILE …`: run it and give rows and time per operator.
    Profile,
}

/// A whole query: clauses ending with `RETURN` (or a lone `CALL`).
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// `EXPLAIN` or `PROFILE` before it.
    pub mode: Mode,
    /// The clauses in order.
    pub clauses: Vec<Clause>,
}
