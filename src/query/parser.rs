//! Tokens → syntax tree, by recursive descent. Keywords are case-insensitive; every error
//! names what was expected and where.

use super::ast::*;
use super::error::QueryError;
use super::lexer::{Tok, Token, lex};

/// Parses one query (a trailing `;` is allowed).
pub fn parse(src: &str) -> Result<Query, QueryError> {
    let toks = lex(src)?;
    if let Some(t) = toks.get(MAX_TOKENS) {
        return Err(QueryError::syntax(
            format!("query too long: more than {MAX_TOKENS} tokens"),
            t.pos,
        ));
    }
    let mut p = Parser {
        src,
        toks,
        at: 0,
        depth: 0,
    };
    let q = p.query()?;
    p.eat_sym(";");
    if let Some(t) = p.peek() {
        return Err(QueryError::syntax(
            format!("unexpected {} after the end of the query", describe(&t.tok)),
            t.pos,
        ));
    }
    Ok(q)
}

/// Whether `word` is a reserved word of the language (for completion and quoting).
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

/// The reserved words.
pub const KEYWORDS: [&str; 38] = [
    "MATCH",
    "OPTIONAL",
    "WHERE",
    "RETURN",
    "WITH",
    "DISTINCT",
    "ORDER",
    "BY",
    "ASC",
    "DESC",
    "SKIP",
    "LIMIT",
    "AND",
    "OR",
    "XOR",
    "NOT",
    "IN",
    "IS",
    "NULL",
    "TRUE",
    "FALSE",
    "STARTS",
    "ENDS",
    "CONTAINS",
    "AS",
    "ASCENDING",
    "DESCENDING",
    "CASE",
    "WHEN",
    "THEN",
    "ELSE",
    "END",
    "UNWIND",
    "CALL",
    "YIELD",
    "EXISTS",
    "EXPLAIN",
    "PROFILE",
];

struct Parser<'a> {
    src: &'a str,
    toks: Vec<Token>,
    at: usize,
    /// Expressions open around the current one.
    depth: usize,
}

/// The most tokens a query may have: it bounds the work of parsing, and the tree that is
/// built (and dropped, recursively) before [`MAX_DEPTH`] is checked.
pub const MAX_TOKENS: usize = 4000;

/// The deepest a query's expressions may nest (parentheses, lists, NOT, minus signs),
/// so that parsing cannot overflow the stack (found by cargo fuzz).
pub const MAX_NESTING: usize = 64;

/// The most levels an expression's tree may have. Chains of operators (`1 + 1 + …`) are
/// parsed by loops but evaluated by recursion, a kilobyte of stack a level.
pub const MAX_DEPTH: usize = 256;

fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(s) => format!("'{s}'"),
        Tok::Str(_) => "a string".into(),
        Tok::Int(n) => format!("'{n}'"),
        Tok::Param(p) => format!("'${p}'"),
        Tok::Sym(s) => format!("'{s}'"),
    }
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.at)
    }

    fn peek_at(&self, n: usize) -> Option<&Tok> {
        self.toks.get(self.at + n).map(|t| &t.tok)
    }

    fn pos(&self) -> usize {
        self.peek().map_or(self.src.len(), |t| t.pos)
    }

    fn err<T>(&self, expected: &str) -> Result<T, QueryError> {
        let found = self
            .peek()
            .map_or_else(|| "the end of the query".to_string(), |t| describe(&t.tok));
        Err(QueryError::syntax(
            format!("expected {expected}, found {found}"),
            self.pos(),
        ))
    }

    fn is_sym(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Sym(x), .. }) if *x == s)
    }

    fn eat_sym(&mut self, s: &str) -> bool {
        let hit = self.is_sym(s);
        if hit {
            self.at += 1;
        }
        hit
    }

    fn expect_sym(&mut self, s: &str) -> Result<(), QueryError> {
        if self.eat_sym(s) {
            Ok(())
        } else {
            self.err(&format!("'{s}'"))
        }
    }

    fn is_kw(&self, k: &str) -> bool {
        self.is_kw_at(0, k)
    }

    fn is_kw_at(&self, n: usize, k: &str) -> bool {
        matches!(self.toks.get(self.at + n), Some(Token { tok: Tok::Ident(x), quoted: false, .. }) if x.eq_ignore_ascii_case(k))
    }

    fn eat_kw(&mut self, k: &str) -> bool {
        let hit = self.is_kw(k);
        if hit {
            self.at += 1;
        }
        hit
    }

    fn expect_kw(&mut self, k: &str) -> Result<(), QueryError> {
        if self.eat_kw(k) { Ok(()) } else { self.err(k) }
    }

    /// A name that is not a reserved word (or any name in backticks).
    fn name(&mut self, what: &str) -> Result<(String, usize), QueryError> {
        match self.peek() {
            Some(Token {
                tok: Tok::Ident(s),
                pos,
                quoted,
            }) if *quoted || !is_keyword(s) => {
                let out = (s.clone(), *pos);
                self.at += 1;
                Ok(out)
            }
            _ => self.err(what),
        }
    }

    /// A name after `.` or `:`: keywords are allowed there.
    fn any_name(&mut self, what: &str) -> Result<(String, usize), QueryError> {
        match self.peek() {
            Some(Token {
                tok: Tok::Ident(s),
                pos,
                ..
            }) => {
                let out = (s.clone(), *pos);
                self.at += 1;
                Ok(out)
            }
            _ => self.err(what),
        }
    }

    fn query(&mut self) -> Result<Query, QueryError> {
        let mode = if self.eat_kw("EXPLAIN") {
            Mode::Explain
        } else if self.eat_kw("PROFILE") {
            Mode::Profile
        } else {
            Mode::Run
        };
        let mut clauses = Vec::new();
        loop {
            if self.is_kw("MATCH") || self.is_kw("OPTIONAL") {
                clauses.push(Clause::Match(self.match_clause()?));
            } else if self.is_kw("WITH") {
                let pos = self.pos();
                self.at += 1;
                let mut proj = self.projection(pos)?;
                if self.eat_kw("WHERE") {
                    proj.filter = Some(self.expr()?);
                }
                clauses.push(Clause::With(proj));
            } else if self.eat_kw("UNWIND") {
                let expr = self.expr()?;
                self.expect_kw("AS")?;
                let (alias, _) = self.any_name("a name after AS")?;
                clauses.push(Clause::Unwind { expr, alias });
            } else if self.is_kw("CALL") {
                clauses.push(self.call_clause()?);
                if self.peek().is_none() || self.is_sym(";") {
                    return Ok(Query { mode, clauses });
                }
            } else if self.is_kw("RETURN") {
                let pos = self.pos();
                self.at += 1;
                clauses.push(Clause::Return(self.projection(pos)?));
                return Ok(Query { mode, clauses });
            } else if clauses.is_empty() {
                return self.err("MATCH, OPTIONAL MATCH, WITH, UNWIND, CALL or RETURN");
            } else {
                return self.err("MATCH, OPTIONAL MATCH, WITH, UNWIND, WHERE or RETURN");
            }
        }
    }

    /// `CALL db.labels() [YIELD a, b]`.
    fn call_clause(&mut self) -> Result<Clause, QueryError> {
        let pos = self.pos();
        self.expect_kw("CALL")?;
        let (mut name, _) = self.any_name("a procedure name")?;
        while self.eat_sym(".") {
            name.push('.');
            name.push_str(&self.any_name("a procedure name")?.0);
        }
        self.expect_sym("(")?;
        self.expect_sym(")")?;
        let mut yields = Vec::new();
        let mut filter = None;
        if self.eat_kw("YIELD") {
            loop {
                yields.push(self.any_name("a column after YIELD")?.0);
                if !self.eat_sym(",") {
                    break;
                }
            }
            if self.eat_kw("WHERE") {
                filter = Some(self.expr()?);
            }
        }
        Ok(Clause::Call {
            name,
            yields,
            filter,
            pos,
        })
    }

    fn match_clause(&mut self) -> Result<Match, QueryError> {
        let optional = self.eat_kw("OPTIONAL");
        self.expect_kw("MATCH")?;
        self.patterns(optional)
    }

    /// Comma-separated patterns and their `WHERE`: the body of `MATCH` and of `EXISTS {}`.
    fn patterns(&mut self, optional: bool) -> Result<Match, QueryError> {
        let mut patterns = vec![self.pattern()?];
        while self.eat_sym(",") {
            patterns.push(self.pattern()?);
        }
        let filter = if self.eat_kw("WHERE") {
            Some(self.expr()?)
        } else {
            None
        };
        Ok(Match {
            optional,
            patterns,
            filter,
        })
    }

    fn pattern(&mut self) -> Result<Pattern, QueryError> {
        let pos = self.pos();
        let mut path_var = None;
        if matches!(self.peek_at(0), Some(Tok::Ident(_))) && self.peek_at(1) == Some(&Tok::Sym("="))
        {
            path_var = Some(self.name("a path variable")?.0);
            self.at += 1;
        }
        let shortest = self.is_kw("shortestPath") && self.peek_at(1) == Some(&Tok::Sym("("));
        if shortest {
            self.at += 2;
        }
        let start = self.node()?;
        let mut steps = Vec::new();
        while self.is_sym("-") || self.is_sym("<") {
            let rel = self.rel()?;
            steps.push((rel, self.node()?));
        }
        if shortest {
            if steps.len() != 1 {
                return Err(QueryError::syntax(
                    "shortestPath takes one relationship between two nodes",
                    pos,
                ));
            }
            self.expect_sym(")")?;
        }
        Ok(Pattern {
            path_var,
            shortest,
            start,
            steps,
            pos,
        })
    }

    fn node(&mut self) -> Result<NodePat, QueryError> {
        let pos = self.pos();
        self.expect_sym("(")?;
        let var = match self.peek() {
            Some(Token {
                tok: Tok::Ident(_), ..
            }) => Some(self.name("a variable")?.0),
            _ => None,
        };
        let mut labels = Vec::new();
        while self.eat_sym(":") {
            labels.push(self.any_name("a label")?);
        }
        let props = self.props()?;
        self.expect_sym(")")?;
        Ok(NodePat {
            var,
            labels,
            props,
            pos,
        })
    }

    fn rel(&mut self) -> Result<RelPat, QueryError> {
        let pos = self.pos();
        let left = self.eat_sym("<");
        self.expect_sym("-")?;
        let mut rel = RelPat {
            var: None,
            types: Vec::new(),
            props: Vec::new(),
            dir: Dir::Both,
            length: None,
            pos,
        };
        if self.eat_sym("[") {
            if let Some(Token {
                tok: Tok::Ident(_), ..
            }) = self.peek()
            {
                rel.var = Some(self.name("a variable")?.0);
            }
            if self.eat_sym(":") {
                rel.types.push(self.any_name("a relationship type")?);
                while self.eat_sym("|") {
                    self.eat_sym(":");
                    rel.types.push(self.any_name("a relationship type")?);
                }
            }
            if self.eat_sym("*") {
                rel.length = Some(self.length()?);
            }
            rel.props = self.props()?;
            self.expect_sym("]")?;
        }
        self.expect_sym("-")?;
        let right = self.eat_sym(">");
        rel.dir = match (left, right) {
            (true, false) => Dir::In,
            (false, true) => Dir::Out,
            _ => Dir::Both,
        };
        Ok(rel)
    }

    fn length(&mut self) -> Result<(u32, Option<u32>), QueryError> {
        let min = self.int_opt()?;
        if self.eat_sym("..") {
            let max = self.int_opt()?;
            return Ok((min.unwrap_or(1), max));
        }
        Ok(match min {
            Some(n) => (n, Some(n)),
            None => (1, None),
        })
    }

    fn int_opt(&mut self) -> Result<Option<u32>, QueryError> {
        match self.peek() {
            Some(Token {
                tok: Tok::Int(n),
                pos,
                ..
            }) => {
                let n = u32::try_from(*n)
                    .map_err(|_| QueryError::syntax("path length too large", *pos))?;
                self.at += 1;
                Ok(Some(n))
            }
            _ => Ok(None),
        }
    }

    fn props(&mut self) -> Result<Vec<(String, Expr)>, QueryError> {
        let mut out = Vec::new();
        if !self.eat_sym("{") {
            return Ok(out);
        }
        if self.eat_sym("}") {
            return Ok(out);
        }
        loop {
            let (key, _) = self.any_name("a property name")?;
            self.expect_sym(":")?;
            out.push((key, self.expr()?));
            if self.eat_sym("}") {
                return Ok(out);
            }
            self.expect_sym(",")?;
        }
    }

    fn projection(&mut self, pos: usize) -> Result<Projection, QueryError> {
        let distinct = self.eat_kw("DISTINCT");
        let mut proj = Projection {
            distinct,
            ..Projection::of(Vec::new(), pos)
        };
        if self.eat_sym("*") {
            proj.star = true;
        } else {
            loop {
                proj.items.push(self.item()?);
                if !self.eat_sym(",") {
                    break;
                }
            }
        }
        if self.eat_kw("ORDER") {
            self.expect_kw("BY")?;
            loop {
                let e = self.expr()?;
                let desc = if self.eat_kw("DESC") || self.eat_kw("DESCENDING") {
                    true
                } else {
                    let _ascending = self.eat_kw("ASC") || self.eat_kw("ASCENDING");
                    false
                };
                proj.order.push((e, desc));
                if !self.eat_sym(",") {
                    break;
                }
            }
        }
        if self.eat_kw("SKIP") {
            proj.skip = Some(self.expr()?);
        }
        if self.eat_kw("LIMIT") {
            proj.limit = Some(self.expr()?);
        }
        Ok(proj)
    }

    fn item(&mut self) -> Result<Item, QueryError> {
        let start = self.pos();
        let expr = self.expr()?;
        let end = self.pos();
        if self.eat_kw("AS") {
            let (alias, _) = self.any_name("a name after AS")?;
            return Ok(Item {
                expr,
                alias,
                explicit: true,
            });
        }
        let alias = self.src[start..end].trim().to_string();
        Ok(Item {
            expr,
            alias,
            explicit: false,
        })
    }

    /// An expression: the lowest precedence is `OR`.
    pub fn expr(&mut self) -> Result<Expr, QueryError> {
        let e = self.nested(|p| p.binary_level(0))?;
        // Expressions inside this one were measured as part of it.
        if self.depth == 0 && e.depth() > MAX_DEPTH {
            return Err(QueryError::syntax(
                format!("expression too deep: more than {MAX_DEPTH} levels of operators"),
                e.pos,
            ));
        }
        Ok(e)
    }

    /// Parses one level deeper, or refuses past [`MAX_NESTING`].
    fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, QueryError>,
    ) -> Result<T, QueryError> {
        if self.depth >= MAX_NESTING {
            return Err(QueryError::syntax(
                format!("expression nested too deeply (more than {MAX_NESTING} levels)"),
                self.pos(),
            ));
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    fn binary_level(&mut self, level: usize) -> Result<Expr, QueryError> {
        const LEVELS: [(&str, BinOp); 3] =
            [("OR", BinOp::Or), ("XOR", BinOp::Xor), ("AND", BinOp::And)];
        if level == LEVELS.len() {
            return self.not();
        }
        let mut left = self.binary_level(level + 1)?;
        while self.eat_kw(LEVELS[level].0) {
            let right = self.binary_level(level + 1)?;
            left = bin(LEVELS[level].1, left, right);
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, QueryError> {
        let pos = self.pos();
        if self.eat_kw("NOT") {
            let inner = self.nested(Self::not)?;
            return Ok(Expr {
                kind: ExprKind::Not(Box::new(inner)),
                pos,
            });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, QueryError> {
        let mut left = self.additive()?;
        loop {
            let op = if let Some(op) = self.comparison_symbol() {
                op
            } else if self.eat_kw("IN") {
                BinOp::In
            } else if self.is_kw("STARTS") && self.is_kw_at(1, "WITH") {
                self.at += 2;
                BinOp::StartsWith
            } else if self.is_kw("ENDS") && self.is_kw_at(1, "WITH") {
                self.at += 2;
                BinOp::EndsWith
            } else if self.eat_kw("CONTAINS") {
                BinOp::Contains
            } else if self.eat_kw("IS") {
                let negated = self.eat_kw("NOT");
                self.expect_kw("NULL")?;
                let pos = left.pos;
                left = Expr {
                    kind: ExprKind::IsNull(Box::new(left), negated),
                    pos,
                };
                continue;
            } else {
                return Ok(left);
            };
            let right = self.additive()?;
            left = bin(op, left, right);
        }
    }

    fn comparison_symbol(&mut self) -> Option<BinOp> {
        let op = match self.peek()?.tok {
            Tok::Sym("=") => BinOp::Eq,
            Tok::Sym("<>") => BinOp::Ne,
            Tok::Sym("<") => BinOp::Lt,
            Tok::Sym("<=") => BinOp::Le,
            Tok::Sym(">") => BinOp::Gt,
            Tok::Sym(">=") => BinOp::Ge,
            Tok::Sym("=~") => BinOp::Regex,
            _ => return None,
        };
        self.at += 1;
        Some(op)
    }

    fn additive(&mut self) -> Result<Expr, QueryError> {
        let mut left = self.multiplicative()?;
        loop {
            let op = if self.eat_sym("+") {
                BinOp::Add
            } else if self.eat_sym("-") {
                BinOp::Sub
            } else {
                return Ok(left);
            };
            let right = self.multiplicative()?;
            left = bin(op, left, right);
        }
    }

    fn multiplicative(&mut self) -> Result<Expr, QueryError> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat_sym("*") {
                BinOp::Mul
            } else if self.eat_sym("/") {
                BinOp::Div
            } else if self.eat_sym("%") {
                BinOp::Mod
            } else {
                return Ok(left);
            };
            let right = self.unary()?;
            left = bin(op, left, right);
        }
    }

    fn unary(&mut self) -> Result<Expr, QueryError> {
        let pos = self.pos();
        if self.eat_sym("-") {
            let inner = self.nested(Self::unary)?;
            return Ok(Expr {
                kind: ExprKind::Neg(Box::new(inner)),
                pos,
            });
        }
        self.postfix()
    }

    fn postfix(&mut self) -> Result<Expr, QueryError> {
        let mut e = self.atom()?;
        loop {
            let pos = self.pos();
            if self.eat_sym(".") {
                let (key, _) = self.any_name("a property name after '.'")?;
                e = Expr {
                    kind: ExprKind::Prop(Box::new(e), key),
                    pos,
                };
            } else if self.eat_sym("[") {
                let index = self.expr()?;
                self.expect_sym("]")?;
                e = Expr {
                    kind: ExprKind::Index(Box::new(e), Box::new(index)),
                    pos,
                };
            } else {
                return Ok(e);
            }
        }
    }

    fn atom(&mut self) -> Result<Expr, QueryError> {
        let pos = self.pos();
        let Some(t) = self.peek().cloned() else {
            return self.err("an expression");
        };
        let kind = match t.tok {
            Tok::Int(n) => {
                self.at += 1;
                ExprKind::Lit(Literal::Int(n))
            }
            Tok::Str(s) => {
                self.at += 1;
                ExprKind::Lit(Literal::Str(s))
            }
            Tok::Param(p) => {
                self.at += 1;
                ExprKind::Param(p)
            }
            Tok::Sym("(") => {
                if let Some(pattern) = self.pattern_predicate()? {
                    ExprKind::Exists(Box::new(pattern))
                } else {
                    self.at += 1;
                    let e = self.expr()?;
                    self.expect_sym(")")?;
                    return Ok(e);
                }
            }
            Tok::Ident(ref s) if !t.quoted && s.eq_ignore_ascii_case("case") => {
                self.at += 1;
                self.case()?
            }
            Tok::Ident(ref s) if !t.quoted && s.eq_ignore_ascii_case("exists") => {
                self.at += 1;
                self.exists()?
            }
            Tok::Sym("[") => {
                self.at += 1;
                ExprKind::List(self.list_items("]")?)
            }
            Tok::Ident(ref s) if !t.quoted && s.eq_ignore_ascii_case("null") => {
                self.at += 1;
                ExprKind::Lit(Literal::Null)
            }
            Tok::Ident(ref s) if !t.quoted && s.eq_ignore_ascii_case("true") => {
                self.at += 1;
                ExprKind::Lit(Literal::Bool(true))
            }
            Tok::Ident(ref s) if !t.quoted && s.eq_ignore_ascii_case("false") => {
                self.at += 1;
                ExprKind::Lit(Literal::Bool(false))
            }
            Tok::Ident(_) if self.peek_at(1) == Some(&Tok::Sym("(")) => self.call()?,
            Tok::Ident(_) => ExprKind::Var(self.name("an expression")?.0),
            _ => return self.err("an expression"),
        };
        Ok(Expr { kind, pos })
    }

    /// A relationship pattern where an expression may start (`(a)-[:R]->()` in `WHERE`):
    /// `None`, with nothing consumed, when the parenthesis opens an expression instead.
    fn pattern_predicate(&mut self) -> Result<Option<Match>, QueryError> {
        let start = self.at;
        let node = self.node();
        let rel_follows = matches!(
            (self.peek_at(0), self.peek_at(1)),
            (Some(Tok::Sym("-")), Some(Tok::Sym("[" | "-" | ">")))
                | (Some(Tok::Sym("<")), Some(Tok::Sym("-")))
        );
        self.at = start;
        if node.is_err() || !rel_follows {
            return Ok(None);
        }
        let pattern = self.pattern()?;
        Ok(Some(Match {
            optional: false,
            patterns: vec![pattern],
            filter: None,
        }))
    }

    /// After `CASE`: the simple or the searched form, up to `END`.
    fn case(&mut self) -> Result<ExprKind, QueryError> {
        if self.is_kw("END") {
            return self.err("WHEN");
        }
        let subject = if self.is_kw("WHEN") {
            None
        } else {
            Some(Box::new(self.expr()?))
        };
        let mut whens = Vec::new();
        while self.eat_kw("WHEN") {
            let w = self.expr()?;
            self.expect_kw("THEN")?;
            whens.push((w, self.expr()?));
        }
        if whens.is_empty() {
            return self.err("WHEN");
        }
        let default = if self.eat_kw("ELSE") {
            Some(Box::new(self.expr()?))
        } else {
            None
        };
        if !self.eat_kw("END") {
            return self.err(if default.is_some() {
                "END"
            } else {
                "WHEN, ELSE or END"
            });
        }
        Ok(ExprKind::Case {
            subject,
            whens,
            default,
        })
    }

    /// After `EXISTS`: `{ [MATCH] pattern, … [WHERE …] }`, or `(pattern)`, or the old
    /// `exists(n.prop)` (which is `n.prop IS NOT NULL`).
    fn exists(&mut self) -> Result<ExprKind, QueryError> {
        if self.eat_sym("{") {
            self.eat_kw("MATCH");
            let m = self.patterns(false)?;
            self.expect_sym("}")?;
            return Ok(ExprKind::Exists(Box::new(m)));
        }
        self.expect_sym("(")?;
        let inner = match self.pattern_predicate()? {
            Some(m) => ExprKind::Exists(Box::new(m)),
            None => {
                let e = self.expr()?;
                ExprKind::IsNull(Box::new(e), true)
            }
        };
        self.expect_sym(")")?;
        Ok(inner)
    }

    fn call(&mut self) -> Result<ExprKind, QueryError> {
        let (name, _) = self.any_name("a function name")?;
        self.expect_sym("(")?;
        if name.eq_ignore_ascii_case("count") && self.is_sym("*") {
            self.at += 1;
            self.expect_sym(")")?;
            return Ok(ExprKind::CountStar);
        }
        let distinct = self.eat_kw("DISTINCT");
        let args = self.list_items(")")?;
        Ok(ExprKind::Call {
            name,
            distinct,
            args,
        })
    }

    fn list_items(&mut self, close: &str) -> Result<Vec<Expr>, QueryError> {
        let mut out = Vec::new();
        if self.eat_sym(close) {
            return Ok(out);
        }
        loop {
            out.push(self.expr()?);
            if self.eat_sym(close) {
                return Ok(out);
            }
            if !self.eat_sym(",") {
                return self.err(&format!("',' or '{close}'"));
            }
        }
    }
}

fn bin(op: BinOp, l: Expr, r: Expr) -> Expr {
    let pos = l.pos;
    Expr {
        kind: ExprKind::Binary(op, Box::new(l), Box::new(r)),
        pos,
    }
}

#[cfg(test)]
mod tests;
