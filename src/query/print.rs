//! The syntax tree printed back as a query: `parse(q.to_string())` gives the same tree
//! (positions aside). Expressions are fully parenthesised, so precedence never depends on
//! the printer; names that are keywords, or not plain words, are quoted in backticks.

use std::fmt::{self, Display, Formatter, Write as _};

use super::ast::*;
use super::parser::is_keyword;

/// A name as the parser reads it back: plain when it is a word that is not a keyword.
fn name(s: &str) -> String {
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !is_keyword(s);
    if plain {
        s.to_string()
    } else {
        format!("`{}`", s.replace('`', "``"))
    }
}

/// A string literal with its quotes and escapes.
fn string(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn list<T: Display>(items: &[T], sep: &str) -> String {
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        let _ = write!(out, "{x}");
    }
    out
}

impl Display for Literal {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Null => f.write_str("null"),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Int(n) => write!(f, "{n}"),
            Literal::Str(s) => f.write_str(&string(s)),
        }
    }
}

impl Display for BinOp {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BinOp::Or => "OR",
            BinOp::Xor => "XOR",
            BinOp::And => "AND",
            BinOp::Eq => "=",
            BinOp::Ne => "<>",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Regex => "=~",
            BinOp::In => "IN",
            BinOp::StartsWith => "STARTS WITH",
            BinOp::EndsWith => "ENDS WITH",
            BinOp::Contains => "CONTAINS",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
        })
    }
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Lit(l) => write!(f, "{l}"),
            ExprKind::Param(p) => write!(f, "${}", name(p)),
            ExprKind::Var(v) => f.write_str(&name(v)),
            ExprKind::Prop(e, k) => write!(f, "{e}.{}", name(k)),
            ExprKind::Index(e, i) => write!(f, "{e}[{i}]"),
            ExprKind::List(items) => write!(f, "[{}]", list(items, ", ")),
            ExprKind::Binary(op, a, b) => write!(f, "({a} {op} {b})"),
            ExprKind::Not(e) => write!(f, "(NOT {e})"),
            ExprKind::Neg(e) => write!(f, "(-{e})"),
            ExprKind::IsNull(e, negated) => {
                write!(f, "({e} IS {}NULL)", if *negated { "NOT " } else { "" })
            }
            ExprKind::Call {
                name: n,
                distinct,
                args,
            } => write!(
                f,
                "{}({}{})",
                name(n),
                if *distinct { "DISTINCT " } else { "" },
                list(args, ", ")
            ),
            ExprKind::CountStar => f.write_str("count(*)"),
            ExprKind::Case {
                subject,
                whens,
                default,
            } => {
                f.write_str("CASE")?;
                if let Some(s) = subject {
                    write!(f, " {s}")?;
                }
                for (w, t) in whens {
                    write!(f, " WHEN {w} THEN {t}")?;
                }
                if let Some(d) = default {
                    write!(f, " ELSE {d}")?;
                }
                f.write_str(" END")
            }
            ExprKind::Exists(m) => {
                write!(f, "EXISTS {{ MATCH {}", list(&m.patterns, ", "))?;
                if let Some(w) = &m.filter {
                    write!(f, " WHERE {w}")?;
                }
                f.write_str(" }")
            }
        }
    }
}

fn props(f: &mut Formatter<'_>, props: &[(String, Expr)]) -> fmt::Result {
    if props.is_empty() {
        return Ok(());
    }
    let items: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("{}: {v}", name(k)))
        .collect();
    write!(f, " {{{}}}", items.join(", "))
}

impl Display for NodePat {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        if let Some(v) = &self.var {
            f.write_str(&name(v))?;
        }
        for (l, _) in &self.labels {
            write!(f, ":{}", name(l))?;
        }
        props(f, &self.props)?;
        f.write_str(")")
    }
}

impl Display for RelPat {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.dir == Dir::In { "<-[" } else { "-[" })?;
        if let Some(v) = &self.var {
            f.write_str(&name(v))?;
        }
        let types: Vec<String> = self.types.iter().map(|(t, _)| name(t)).collect();
        if !types.is_empty() {
            write!(f, ":{}", types.join("|"))?;
        }
        if let Some((min, max)) = self.length {
            match max {
                Some(max) => write!(f, "*{min}..{max}")?,
                None => write!(f, "*{min}..")?,
            }
        }
        props(f, &self.props)?;
        f.write_str(if self.dir == Dir::Out { "]->" } else { "]-" })
    }
}

impl Display for Pattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.path_var {
            write!(f, "{} = ", name(p))?;
        }
        if self.shortest {
            f.write_str("shortestPath(")?;
        }
        write!(f, "{}", self.start)?;
        for (r, n) in &self.steps {
            write!(f, "{r}{n}")?;
        }
        if self.shortest {
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl Display for Projection {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.distinct {
            f.write_str("DISTINCT ")?;
        }
        if self.star {
            f.write_str("*")?;
        }
        let items: Vec<String> = self
            .items
            .iter()
            .map(|i| format!("{} AS {}", i.expr, name(&i.alias)))
            .collect();
        f.write_str(&items.join(", "))?;
        if !self.order.is_empty() {
            let keys: Vec<String> = self
                .order
                .iter()
                .map(|(e, desc)| format!("{e}{}", if *desc { " DESC" } else { "" }))
                .collect();
            write!(f, " ORDER BY {}", keys.join(", "))?;
        }
        if let Some(s) = &self.skip {
            write!(f, " SKIP {s}")?;
        }
        if let Some(l) = &self.limit {
            write!(f, " LIMIT {l}")?;
        }
        Ok(())
    }
}

impl Display for Clause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Clause::Match(m) => {
                if m.optional {
                    f.write_str("OPTIONAL ")?;
                }
                write!(f, "MATCH {}", list(&m.patterns, ", "))?;
                if let Some(w) = &m.filter {
                    write!(f, " WHERE {w}")?;
                }
                Ok(())
            }
            Clause::With(p) => {
                write!(f, "WITH {p}")?;
                if let Some(w) = &p.filter {
                    write!(f, " WHERE {w}")?;
                }
                Ok(())
            }
            Clause::Return(p) => write!(f, "RETURN {p}"),
            Clause::Unwind { expr, alias } => write!(f, "UNWIND {expr} AS {}", name(alias)),
            Clause::Call {
                name: n,
                yields,
                filter,
                ..
            } => {
                write!(f, "CALL {n}()")?;
                if !yields.is_empty() {
                    let y: Vec<String> = yields.iter().map(|y| name(y)).collect();
                    write!(f, " YIELD {}", y.join(", "))?;
                }
                if let Some(w) = filter {
                    write!(f, " WHERE {w}")?;
                }
                Ok(())
            }
        }
    }
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.mode {
            Mode::Run => {}
            Mode::Explain => f.write_str("EXPLAIN ")?,
            Mode::Profile => f.write_str("PROFILE ")?,
        }
        f.write_str(&list(&self.clauses, " "))
    }
}
