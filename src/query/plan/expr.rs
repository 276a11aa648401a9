//! Expressions: names resolved, parameters and literals turned into constants (strings
//! normalised), regexes compiled once, aggregates pulled out for the projection.

use regex::RegexBuilder;

use super::{AggFunc, AggSpec, CExpr, FUNCTIONS, Func, Pattern, Planner};
use crate::query::ast::{BinOp, Expr, ExprKind, Literal};
use crate::query::error::{QueryError, suggestion};
use crate::query::value::{StrMode, Val, is_loose, normalize};

/// Properties of SCHEMA.md, known even when the loaded graph has none of them yet.
const SCHEMA_PROPS: [&str; 26] = [
    "name",
    "key",
    "file",
    "published",
    "category",
    "byline",
    "kind",
    "level",
    "ordinal",
    "date",
    "term",
    "term_period",
    "count",
    "period",
    "number",
    "code",
    "body",
    "title",
    "as_of",
    "item",
    "place",
    "views",
    "time",
    // the fields of a date value
    "year",
    "month",
    "day",
];

/// The largest compiled regex accepted: keeps `=~` linear and small.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

impl Planner<'_> {
    /// Compiles an expression in the current scope. Aggregates are allowed only while
    /// `self.aggs` is `Some` (in `RETURN` and `WITH`).
    pub(super) fn expr(&mut self, e: &Expr) -> Result<CExpr, QueryError> {
        Ok(match &e.kind {
            ExprKind::Lit(l) => CExpr::Const(literal(l)),
            ExprKind::Param(name) => CExpr::Const(self.param(name, e.pos)?),
            ExprKind::Var(name) => CExpr::Slot(self.var(name, e.pos)?.slot),
            ExprKind::Prop(inner, key) => {
                self.check_prop(key, e.pos)?;
                CExpr::Prop(Box::new(self.expr(inner)?), key.clone())
            }
            ExprKind::Index(l, i) => CExpr::Index(Box::new(self.expr(l)?), Box::new(self.expr(i)?)),
            ExprKind::List(items) => {
                let items = items
                    .iter()
                    .map(|i| self.expr(i))
                    .collect::<Result<Vec<_>, _>>()?;
                match items.iter().map(as_const).collect::<Option<Vec<Val>>>() {
                    Some(vals) => CExpr::Const(Val::List(vals)),
                    None => CExpr::List(items),
                }
            }
            ExprKind::Not(x) => CExpr::Not(Box::new(self.expr(x)?)),
            ExprKind::Neg(x) => CExpr::Neg(Box::new(self.expr(x)?)),
            ExprKind::IsNull(x, negated) => CExpr::IsNull(Box::new(self.expr(x)?), *negated),
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r)?,
            ExprKind::Call {
                name,
                distinct,
                args,
            } => self.call(name, *distinct, args, e.pos)?,
            ExprKind::CountStar => self.aggregate(AggFunc::Count, false, None, e.pos)?,
            ExprKind::Case {
                subject,
                whens,
                default,
            } => self.case(subject.as_deref(), whens, default.as_deref())?,
            ExprKind::Exists(m) => self.exists(m)?,
        })
    }

    fn case(
        &mut self,
        subject: Option<&Expr>,
        whens: &[(Expr, Expr)],
        default: Option<&Expr>,
    ) -> Result<CExpr, QueryError> {
        let subject = subject.map(|s| self.expr(s)).transpose()?;
        let mut compiled = Vec::new();
        for (w, t) in whens {
            compiled.push((self.expr(w)?, self.expr(t)?));
        }
        let default = match default {
            Some(d) => self.expr(d)?,
            None => CExpr::Const(Val::Null),
        };
        let mode = if subject.as_ref().is_some_and(loose) || compiled.iter().any(|(w, _)| loose(w))
        {
            StrMode::Loose
        } else {
            StrMode::Exact
        };
        Ok(CExpr::Case {
            subject: subject.map(Box::new),
            whens: compiled,
            default: Box::new(default),
            mode,
        })
    }

    /// A pattern predicate: its own plan over the row, starting from the variables it
    /// shares with the query; the variables it introduces stay inside it.
    fn exists(&mut self, m: &crate::query::ast::Match) -> Result<CExpr, QueryError> {
        let reads: Vec<usize> = m
            .variables()
            .iter()
            .filter_map(|v| self.scope.get(v.as_str()).map(|v| v.slot))
            .collect();
        let scope = self.scope.clone();
        let bound = self.bound.clone();
        let aggs = self.aggs.take();
        for &s in &reads {
            self.bound[s] = true;
        }
        let mut ops = Vec::new();
        let planned = self.plan_match(m, &mut ops);
        self.scope = scope;
        let width = self.bound.len();
        self.bound = bound;
        self.bound.resize(width, false);
        self.aggs = aggs;
        planned?;
        Ok(CExpr::Exists { ops, reads })
    }

    pub(super) fn var(&self, name: &str, pos: usize) -> Result<super::Var, QueryError> {
        self.scope.get(name).copied().ok_or_else(|| {
            let s = suggestion(name, self.scope.keys().map(String::as_str));
            QueryError::unknown(format!("unknown variable {name}{s}"), pos)
        })
    }

    fn param(&self, name: &str, pos: usize) -> Result<Val, QueryError> {
        self.params.get(name).cloned().ok_or_else(|| {
            QueryError::unknown(
                format!("parameter ${name} is not set; set it with :param {name} => value"),
                pos,
            )
        })
    }

    fn check_prop(&self, key: &str, pos: usize) -> Result<(), QueryError> {
        let known = self.ix.all_props();
        if known.contains(key) || SCHEMA_PROPS.contains(&key) {
            return Ok(());
        }
        let s = suggestion(key, known.iter().copied().chain(SCHEMA_PROPS));
        Err(QueryError::unknown(
            format!("unknown property {key}{s}"),
            pos,
        ))
    }

    fn binary(&mut self, op: BinOp, l: &Expr, r: &Expr) -> Result<CExpr, QueryError> {
        let a = self.expr(l)?;
        let b = self.expr(r)?;
        Ok(match op {
            BinOp::And | BinOp::Or | BinOp::Xor => CExpr::Logic(op, Box::new(a), Box::new(b)),
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod => {
                CExpr::Arith(op, Box::new(a), Box::new(b))
            }
            BinOp::Regex => match as_const(&b) {
                Some(Val::Str(p)) => CExpr::Regex(Box::new(a), regex(&p, r.pos)?),
                _ => CExpr::RegexDyn(Box::new(a), Box::new(b)),
            },
            _ => {
                let mode = if loose(&a) || loose(&b) {
                    StrMode::Loose
                } else if as_const(&a).is_none() && as_const(&b).is_none() {
                    StrMode::Auto
                } else {
                    StrMode::Exact
                };
                CExpr::Cmp(op, Box::new(a), Box::new(b), mode)
            }
        })
    }

    fn call(
        &mut self,
        name: &str,
        distinct: bool,
        args: &[Expr],
        pos: usize,
    ) -> Result<CExpr, QueryError> {
        let lower = name.to_lowercase();
        let agg = match lower.as_str() {
            "count" => Some(AggFunc::Count),
            "collect" => Some(AggFunc::Collect),
            "min" => Some(AggFunc::Min),
            "max" => Some(AggFunc::Max),
            "sum" => Some(AggFunc::Sum),
            _ => None,
        };
        if let Some(func) = agg {
            let [arg] = args else {
                return Err(QueryError::syntax(
                    format!("{name} takes one argument"),
                    pos,
                ));
            };
            return self.aggregate(func, distinct, Some(arg), pos);
        }
        let (func, arity) = match lower.as_str() {
            "id" => (Func::Id, Some(1)),
            "labels" => (Func::Labels, Some(1)),
            "type" => (Func::Type, Some(1)),
            "size" => (Func::Size, Some(1)),
            "tolower" => (Func::ToLower, Some(1)),
            "toupper" => (Func::ToUpper, Some(1)),
            "coalesce" => (Func::Coalesce, None),
            "length" => (Func::Length, Some(1)),
            "nodes" => (Func::Nodes, Some(1)),
            "relationships" => (Func::Relationships, Some(1)),
            "startnode" => (Func::StartNode, Some(1)),
            "endnode" => (Func::EndNode, Some(1)),
            "tostring" => (Func::ToString, Some(1)),
            "tointeger" => (Func::ToInteger, Some(1)),
            "keys" => (Func::Keys, Some(1)),
            "substring" => (Func::Substring, None),
            "left" => (Func::Left, Some(2)),
            "right" => (Func::Right, Some(2)),
            "split" => (Func::Split, Some(2)),
            "trim" => (Func::Trim, Some(1)),
            "ltrim" => (Func::LTrim, Some(1)),
            "rtrim" => (Func::RTrim, Some(1)),
            "replace" => (Func::Replace, Some(3)),
            "reverse" => (Func::Reverse, Some(1)),
            "date" => (Func::Date, None),
            "articles" => (Func::Articles, Some(1)),
            _ => {
                let s = suggestion(name, FUNCTIONS);
                return Err(QueryError::unknown(
                    format!("unknown function {name}{s}"),
                    pos,
                ));
            }
        };
        let arity_ok = match (func, arity) {
            (Func::Substring, _) => matches!(args.len(), 2 | 3),
            (Func::Date, _) => args.len() <= 1,
            (_, Some(n)) => n == args.len(),
            (_, None) => !args.is_empty(),
        };
        if !arity_ok {
            let wanted = match func {
                Func::Substring => "2 or 3".to_string(),
                Func::Date => "0 or 1".to_string(),
                _ => arity.unwrap_or(1).to_string(),
            };
            return Err(QueryError::syntax(
                format!("{name} takes {wanted} argument(s)"),
                pos,
            ));
        }
        let args = args
            .iter()
            .map(|a| self.expr(a))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CExpr::Call(func, args))
    }

    fn aggregate(
        &mut self,
        func: AggFunc,
        distinct: bool,
        arg: Option<&Expr>,
        pos: usize,
    ) -> Result<CExpr, QueryError> {
        let Some(mut collected) = self.aggs.take() else {
            return Err(QueryError::syntax(
                "aggregate functions (count, collect, min, max, sum) belong in RETURN or WITH",
                pos,
            ));
        };
        // An aggregate inside an aggregate's argument is an error: compile it with none.
        let arg = arg.map(|a| self.expr(a)).transpose();
        let arg = match arg {
            Ok(a) => a,
            Err(e) => {
                self.aggs = Some(collected);
                return Err(e);
            }
        };
        collected.push(AggSpec {
            func,
            distinct,
            arg,
        });
        let i = collected.len() - 1;
        self.aggs = Some(collected);
        Ok(CExpr::Agg(i))
    }
}

fn literal(l: &Literal) -> Val {
    match l {
        Literal::Null => Val::Null,
        Literal::Bool(b) => Val::Bool(*b),
        Literal::Int(n) => Val::Int(*n),
        Literal::Str(s) => Val::Str(normalize(s).into()),
    }
}

/// The value of a constant expression.
pub(super) fn as_const(e: &CExpr) -> Option<Val> {
    match e {
        CExpr::Const(v) => Some(v.clone()),
        _ => None,
    }
}

/// Whether a constant was written without diacritics: a string, or a list whose strings
/// all are.
fn loose(e: &CExpr) -> bool {
    match e {
        CExpr::Const(Val::Str(s)) => is_loose(s),
        CExpr::Const(Val::List(items)) => {
            let strings: Vec<&std::sync::Arc<str>> = items
                .iter()
                .filter_map(|v| match v {
                    Val::Str(s) => Some(s),
                    _ => None,
                })
                .collect();
            !strings.is_empty() && strings.iter().all(|s| is_loose(s))
        }
        _ => false,
    }
}

/// Compiles `=~` patterns: anchored like Cypher's, case- and diacritic-insensitive when
/// written without diacritics.
pub(crate) fn regex(p: &str, pos: usize) -> Result<Pattern, QueryError> {
    let loose = is_loose(p);
    RegexBuilder::new(&format!("^(?:{p})$"))
        .case_insensitive(loose)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map(|re| Pattern { re, loose })
        .map_err(|e| {
            let first = e.to_string();
            let last = first.lines().last().unwrap_or("").trim().to_string();
            QueryError::syntax(format!("invalid regular expression: {last}"), pos)
        })
}
