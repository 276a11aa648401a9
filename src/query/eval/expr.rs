//! Expression evaluation: Cypher's three-valued logic, Vietnamese string comparison, and
//! the scalar functions.

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::{GraphIndex, KnowledgeGraph};
use crate::query::ast::BinOp;
use crate::query::error::QueryError;
use crate::query::plan::{CExpr, Func};
use crate::query::value::{StrMode, Val, comparable, compare, equals};
use crate::text::fold::fold;

/// What evaluation reads: the graph and its indexes.
#[derive(Clone, Copy)]
pub struct Ctx<'g> {
    /// The graph.
    pub g: &'g KnowledgeGraph,
    /// Its indexes.
    pub ix: &'g GraphIndex,
}

type R = Result<Val, QueryError>;

impl<'g> Ctx<'g> {
    /// Evaluates `e` on `row`; `aggs` are the aggregate results of the group, if any.
    pub fn eval(&self, e: &CExpr, row: &[Val], aggs: &[Val]) -> R {
        let ev = |x: &CExpr| self.eval(x, row, aggs);
        Ok(match e {
            CExpr::Const(v) => v.clone(),
            CExpr::Slot(s) => row.get(*s).cloned().unwrap_or(Val::Null),
            CExpr::Agg(i) => aggs.get(*i).cloned().unwrap_or(Val::Null),
            CExpr::Prop(x, key) => self.prop(&ev(x)?, key)?,
            CExpr::Index(l, i) => index(ev(l)?, ev(i)?)?,
            CExpr::List(items) => Val::List(items.iter().map(ev).collect::<Result<_, _>>()?),
            CExpr::Cmp(op, a, b, mode) => cmp(*op, &ev(a)?, &ev(b)?, *mode),
            CExpr::Regex(a, p) => match ev(a)? {
                Val::Str(s) if p.loose => Val::Bool(p.re.is_match(&fold(&s))),
                Val::Str(s) => Val::Bool(p.re.is_match(&s)),
                _ => Val::Null,
            },
            CExpr::RegexDyn(a, b) => match (ev(a)?, ev(b)?) {
                (Val::Str(s), Val::Str(p)) => {
                    let p = crate::query::plan::regex_pattern(&p)?;
                    let s = if p.loose { fold(&s) } else { s.to_string() };
                    Val::Bool(p.re.is_match(&s))
                }
                _ => Val::Null,
            },
            CExpr::Logic(op, a, b) => logic(*op, truth(&ev(a)?), truth(&ev(b)?)),
            CExpr::Arith(op, a, b) => arith(*op, ev(a)?, ev(b)?)?,
            CExpr::Not(a) => truth(&ev(a)?).map_or(Val::Null, |t| Val::Bool(!t)),
            CExpr::Neg(a) => match ev(a)? {
                Val::Int(n) => Val::Int(n.checked_neg().ok_or_else(overflow)?),
                Val::Null => Val::Null,
                v => return Err(type_error("-", &v)),
            },
            CExpr::IsNull(a, negated) => Val::Bool((ev(a)? == Val::Null) != *negated),
            CExpr::Call(f, args) => {
                let args = args.iter().map(ev).collect::<Result<Vec<_>, _>>()?;
                self.call(*f, args)?
            }
            CExpr::Case {
                subject,
                whens,
                default,
                mode,
            } => {
                let subject = subject.as_ref().map(|s| ev(s)).transpose()?;
                for (w, t) in whens {
                    let w = ev(w)?;
                    let hit = match &subject {
                        Some(s) => equals(s, &w, *mode) == Some(true),
                        None => truth(&w) == Some(true),
                    };
                    if hit {
                        return ev(t);
                    }
                }
                ev(default)?
            }
            CExpr::Exists { ops, .. } => Val::Bool(self.exists(ops, row)?),
        })
    }

    /// Whether `e` is true on `row` (null and false both fail a filter).
    pub fn holds(&self, e: &CExpr, row: &[Val]) -> Result<bool, QueryError> {
        Ok(self.eval(e, row, &[])? == Val::Bool(true))
    }

    fn prop(&self, v: &Val, key: &str) -> R {
        Ok(match v {
            Val::Node(n) => match self.g.graph().node_weight(*n) {
                Some(node) => match key {
                    "name" => Val::Str(node.name.clone()),
                    "key" => Val::Str(node.key.as_str().into()),
                    _ => node.props.get(key).map_or(Val::Null, Val::from),
                },
                None => Val::Null,
            },
            Val::Edge(e) => self
                .g
                .graph()
                .edge_weight(*e)
                .and_then(|w| w.props.get(key))
                .map_or(Val::Null, Val::from),
            Val::Date(d) => match key {
                "year" => Val::Int(i64::from(d.year)),
                "month" => Val::Int(i64::from(d.month)),
                "day" => Val::Int(i64::from(d.day)),
                _ => return Err(type_error(&format!(".{key}"), v)),
            },
            Val::Null => Val::Null,
            other => return Err(type_error(&format!(".{key}"), other)),
        })
    }

    fn endpoints(&self, e: EdgeIndex) -> Option<(NodeIndex, NodeIndex)> {
        self.g.graph().edge_endpoints(e)
    }

    fn call(&self, f: Func, mut args: Vec<Val>) -> R {
        if f == Func::Coalesce {
            return Ok(args
                .into_iter()
                .find(|v| *v != Val::Null)
                .unwrap_or(Val::Null));
        }
        if f == Func::Date && args.is_empty() {
            return Ok(Val::Date(crate::text::Date::today()));
        }
        if args.len() > 1 {
            return strings(f, args);
        }
        let arg = args.pop().unwrap_or(Val::Null);
        if arg == Val::Null {
            return Ok(Val::Null);
        }
        let g = &self.g.graph();
        Ok(match (f, arg) {
            (Func::Id, Val::Node(n)) => Val::Int(n.index() as i64),
            (Func::Id, Val::Edge(e)) => Val::Int(e.index() as i64),
            (Func::Labels, Val::Node(n)) => Val::List(
                g.node_weight(n)
                    .map(|w| vec![Val::Str(w.label.as_str().into())])
                    .unwrap_or_default(),
            ),
            (Func::Type, Val::Edge(e)) => g
                .edge_weight(e)
                .map_or(Val::Null, |w| Val::Str(w.rel.as_str().into())),
            (Func::Size | Func::Length, Val::List(l)) => Val::Int(l.len() as i64),
            (Func::Size | Func::Length, Val::Str(s)) => Val::Int(s.chars().count() as i64),
            (Func::Length, Val::Path(p)) => Val::Int(p.edges.len() as i64),
            (Func::ToLower, Val::Str(s)) => Val::Str(s.to_lowercase().into()),
            (Func::ToUpper, Val::Str(s)) => Val::Str(s.to_uppercase().into()),
            (Func::Nodes, Val::Path(p)) => Val::List(p.nodes.into_iter().map(Val::Node).collect()),
            (Func::Relationships, Val::Path(p)) => {
                Val::List(p.edges.into_iter().map(Val::Edge).collect())
            }
            (Func::StartNode, Val::Edge(e)) => {
                self.endpoints(e).map_or(Val::Null, |(a, _)| Val::Node(a))
            }
            (Func::EndNode, Val::Edge(e)) => {
                self.endpoints(e).map_or(Val::Null, |(_, b)| Val::Node(b))
            }
            (Func::Trim, Val::Str(s)) => Val::Str(s.trim().into()),
            (Func::LTrim, Val::Str(s)) => Val::Str(s.trim_start().into()),
            (Func::RTrim, Val::Str(s)) => Val::Str(s.trim_end().into()),
            (Func::Reverse, Val::Str(s)) => Val::Str(s.chars().rev().collect::<String>().into()),
            (Func::Reverse, Val::List(mut l)) => {
                l.reverse();
                Val::List(l)
            }
            (Func::Articles, Val::Node(n)) => {
                articles(self.g, g.node_weight(n).map_or(&[][..], |w| &w.sources))
            }
            (Func::Articles, Val::Edge(e)) => {
                articles(self.g, g.edge_weight(e).map_or(&[][..], |w| &w.sources))
            }
            (Func::Date, Val::Date(d)) => Val::Date(d),
            (Func::Date, Val::Str(s)) => Val::Date(iso_date(&s)?),
            (Func::ToString, Val::Date(d)) => Val::Str(d.to_string().into()),
            (Func::ToString, Val::Str(s)) => Val::Str(s),
            (Func::ToString, Val::Int(n)) => Val::Str(n.to_string().into()),
            (Func::ToString, Val::Bool(b)) => Val::Str(b.to_string().into()),
            (Func::ToInteger, Val::Int(n)) => Val::Int(n),
            (Func::ToInteger, Val::Str(s)) => s.trim().parse().map_or(Val::Null, Val::Int),
            (Func::Keys, Val::Node(n)) => Val::List(
                g.node_weight(n)
                    .map(|w| {
                        ["name", "key"]
                            .into_iter()
                            .map(std::sync::Arc::<str>::from)
                            .chain(w.props.keys().cloned())
                            .map(Val::Str)
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
            (Func::Keys, Val::Edge(e)) => Val::List(
                g.edge_weight(e)
                    .map(|w| w.props.keys().map(|k| Val::Str(k.clone())).collect())
                    .unwrap_or_default(),
            ),
            (f, v) => return Err(type_error(&format!("{f:?}()"), &v)),
        })
    }
}

/// The distinct articles of some evidence, in order of first appearance.
fn articles(g: &KnowledgeGraph, sources: &[crate::schema::Source]) -> Val {
    let mut out: Vec<Val> = Vec::new();
    for s in sources {
        let a = Val::Str(g.file_of(s.article).into());
        if !out.contains(&a) {
            out.push(a);
        }
    }
    Val::List(out)
}

/// The string functions of two or three arguments; null in, null out.
fn strings(f: Func, args: Vec<Val>) -> R {
    if args.contains(&Val::Null) {
        return Ok(Val::Null);
    }
    let chars = |s: &str| s.chars().collect::<Vec<char>>();
    let count = |v: &Val| -> Result<usize, QueryError> {
        match v {
            Val::Int(n) => usize::try_from(*n).map_err(|_| {
                QueryError::runtime(format!("{f:?}() needs a length of 0 or more, not {n}"))
            }),
            v => Err(type_error(&format!("{f:?}()"), v)),
        }
    };
    Ok(match (f, args.as_slice()) {
        (Func::Substring, [Val::Str(s), start, rest @ ..]) => {
            let c = chars(s);
            let from = count(start)?.min(c.len());
            let len = match rest {
                [n] => count(n)?,
                _ => c.len(),
            };
            Val::Str(c[from..].iter().take(len).collect::<String>().into())
        }
        (Func::Left, [Val::Str(s), n]) => {
            Val::Str(s.chars().take(count(n)?).collect::<String>().into())
        }
        (Func::Right, [Val::Str(s), n]) => {
            let c = chars(s);
            let n = count(n)?.min(c.len());
            Val::Str(c[c.len() - n..].iter().collect::<String>().into())
        }
        (Func::Split, [Val::Str(s), Val::Str(d)]) => {
            Val::List(s.split(&**d).map(|p| Val::Str(p.into())).collect())
        }
        (Func::Replace, [Val::Str(s), Val::Str(a), Val::Str(b)]) if !a.is_empty() => {
            Val::Str(s.replace(&**a, b).into())
        }
        (Func::Replace, [Val::Str(s), Val::Str(_), Val::Str(_)]) => Val::Str(s.clone()),
        (f, [v, ..]) => return Err(type_error(&format!("{f:?}()"), v)),
        (f, []) => return Err(QueryError::runtime(format!("{f:?}() needs arguments"))),
    })
}

/// `YYYY-MM-DD` (what the graph's dates are), or the error naming what was given.
fn iso_date(s: &str) -> Result<crate::text::Date, QueryError> {
    crate::text::Date::parse_iso(s).ok_or_else(|| {
        QueryError::runtime(format!("date('{s}') is not a date; write it as YYYY-MM-DD"))
    })
}

/// The truth of a value: `None` for null.
pub fn truth(v: &Val) -> Option<bool> {
    match v {
        Val::Bool(b) => Some(*b),
        _ => None,
    }
}

fn logic(op: BinOp, a: Option<bool>, b: Option<bool>) -> Val {
    let r = match op {
        BinOp::And => match (a, b) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        },
        BinOp::Or => match (a, b) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        },
        _ => a.zip(b).map(|(x, y)| x != y),
    };
    r.map_or(Val::Null, Val::Bool)
}

fn cmp(op: BinOp, a: &Val, b: &Val, mode: StrMode) -> Val {
    use std::cmp::Ordering::*;
    let r = match op {
        BinOp::Eq => equals(a, b, mode),
        BinOp::Ne => equals(a, b, mode).map(|x| !x),
        BinOp::Lt => compare(a, b, mode).map(|o| o == Less),
        BinOp::Le => compare(a, b, mode).map(|o| o != Greater),
        BinOp::Gt => compare(a, b, mode).map(|o| o == Greater),
        BinOp::Ge => compare(a, b, mode).map(|o| o != Less),
        BinOp::In => match b {
            Val::List(items) => {
                let mut unknown = false;
                let mut found = false;
                for i in items {
                    match equals(a, i, mode) {
                        Some(true) => {
                            found = true;
                            break;
                        }
                        None => unknown = true,
                        Some(false) => {}
                    }
                }
                if found {
                    Some(true)
                } else if unknown {
                    None
                } else {
                    Some(false)
                }
            }
            _ => None,
        },
        BinOp::StartsWith | BinOp::EndsWith | BinOp::Contains => match (a, b) {
            (Val::Str(x), Val::Str(y)) => {
                let mode = mode.of(x, y);
                let (x, y) = (comparable(x, mode), comparable(y, mode));
                Some(match op {
                    BinOp::StartsWith => x.starts_with(&*y),
                    BinOp::EndsWith => x.ends_with(&*y),
                    _ => x.contains(&*y),
                })
            }
            _ => None,
        },
        _ => None,
    };
    r.map_or(Val::Null, Val::Bool)
}

fn arith(op: BinOp, a: Val, b: Val) -> R {
    Ok(match (op, a, b) {
        (_, Val::Null, _) | (_, _, Val::Null) => Val::Null,
        (BinOp::Add, Val::Str(x), Val::Str(y)) => Val::Str(format!("{x}{y}").into()),
        (BinOp::Add, Val::Str(x), Val::Int(y)) => Val::Str(format!("{x}{y}").into()),
        (BinOp::Add, Val::Int(x), Val::Str(y)) => Val::Str(format!("{x}{y}").into()),
        (BinOp::Add, Val::List(mut x), Val::List(y)) => {
            x.extend(y);
            Val::List(x)
        }
        (op, Val::Int(x), Val::Int(y)) => Val::Int(
            match op {
                BinOp::Add => x.checked_add(y),
                BinOp::Sub => x.checked_sub(y),
                BinOp::Mul => x.checked_mul(y),
                BinOp::Div | BinOp::Mod if y == 0 => {
                    return Err(QueryError::runtime("division by zero"));
                }
                BinOp::Div => x.checked_div(y),
                _ => x.checked_rem(y),
            }
            .ok_or_else(overflow)?,
        ),
        (op, a, _) => return Err(type_error(&format!("{op:?}"), &a)),
    })
}

fn index(l: Val, i: Val) -> R {
    let Val::Int(i) = i else {
        return Ok(Val::Null);
    };
    let at = |len: usize| -> Option<usize> {
        let i = if i < 0 { len as i64 + i } else { i };
        usize::try_from(i).ok().filter(|i| *i < len)
    };
    Ok(match l {
        Val::List(items) => at(items.len()).map_or(Val::Null, |n| items[n].clone()),
        Val::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            at(chars.len()).map_or(Val::Null, |n| Val::Str(chars[n].to_string().into()))
        }
        _ => Val::Null,
    })
}

fn overflow() -> QueryError {
    QueryError::runtime("integer overflow")
}

fn type_error(what: &str, v: &Val) -> QueryError {
    let kind = match v {
        Val::Null => "null",
        Val::Bool(_) => "a boolean",
        Val::Int(_) => "an integer",
        Val::Str(_) => "a string",
        Val::List(_) => "a list",
        Val::Node(_) => "a node",
        Val::Edge(_) => "a relationship",
        Val::Path(_) => "a path",
        Val::Date(_) => "a date",
    };
    QueryError::runtime(format!("{what} cannot be applied to {kind}"))
}
