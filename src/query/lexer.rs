//! Query text → tokens, each with the byte offset where it starts, so that the parser can
//! point at the spot of an error.

use super::error::QueryError;

/// A token of the query language.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A name: variable, label, type, property, function or keyword (keywords are matched
    /// case-insensitively by the parser). Backtick-quoted names come here too.
    Ident(String),
    /// A string literal, escapes resolved.
    Str(String),
    /// An integer literal.
    Int(i64),
    /// `$name`.
    Param(String),
    /// Punctuation and operators: `( ) [ ] { } : , . .. | - + * / % < > <= >= = <> =~ ;`.
    Sym(&'static str),
}

/// A token and where it starts in the query text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// Byte offset of its first character.
    pub pos: usize,
    /// Whether it was written in backticks (then it is never a keyword).
    pub quoted: bool,
}

const SYMBOLS: [&str; 24] = [
    "..", "<=", ">=", "<>", "=~", "!=", "(", ")", "[", "]", "{", "}", ":", ",", ".", "|", "-", "+",
    "*", "/", "%", "<", ">", "=",
];

/// Splits a query into tokens.
pub fn lex(src: &str) -> Result<Vec<Token>, QueryError> {
    let mut out = Vec::new();
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < src.len() {
        let c = src[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
        } else if src[i..].starts_with("//") {
            i = src[i..].find('\n').map_or(src.len(), |n| i + n);
        } else if c == ';' {
            out.push(token(Tok::Sym(";"), i));
            i += 1;
        } else if c == '\'' || c == '"' {
            let (s, end) = string(src, i, c)?;
            out.push(token(Tok::Str(s), i));
            i = end;
        } else if c == '`' {
            let (name, end) = quoted_name(src, i)?;
            out.push(Token {
                tok: Tok::Ident(name),
                pos: i,
                quoted: true,
            });
            i = end;
        } else if c.is_ascii_digit() {
            let end = scan(src, i, |c| c.is_ascii_digit());
            let n = src[i..end]
                .parse()
                .map_err(|_| QueryError::syntax("integer too large", i))?;
            out.push(token(Tok::Int(n), i));
            i = end;
        } else if c == '$' {
            let end = scan(src, i + 1, is_name_char);
            if end == i + 1 {
                return Err(QueryError::syntax("expected a parameter name after $", i));
            }
            out.push(token(Tok::Param(src[i + 1..end].to_string()), i));
            i = end;
        } else if is_name_start(c) {
            let end = scan(src, i, is_name_char);
            out.push(token(Tok::Ident(src[i..end].to_string()), i));
            i = end;
        } else if let Some(sym) = SYMBOLS
            .iter()
            .find(|s| bytes[i..].starts_with(s.as_bytes()))
        {
            let sym = if *sym == "!=" { "<>" } else { sym };
            out.push(token(Tok::Sym(sym), i));
            i += if sym == "<>" { 2 } else { sym.len() };
        } else {
            return Err(QueryError::syntax(format!("unexpected character '{c}'"), i));
        }
    }
    Ok(out)
}

fn token(tok: Tok, pos: usize) -> Token {
    Token {
        tok,
        pos,
        quoted: false,
    }
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn scan(src: &str, from: usize, ok: impl Fn(char) -> bool) -> usize {
    src[from..]
        .char_indices()
        .find(|(_, c)| !ok(*c))
        .map_or(src.len(), |(n, _)| from + n)
}

/// A name in backticks from `start`, a doubled backtick standing for one; returns it and
/// the offset after its closing backtick.
fn quoted_name(src: &str, start: usize) -> Result<(String, usize), QueryError> {
    let mut out = String::new();
    let mut at = start + 1;
    loop {
        let Some(n) = src[at..].find('`') else {
            return Err(QueryError::syntax("unclosed backtick name", start));
        };
        out.push_str(&src[at..at + n]);
        at += n + 1;
        if src[at..].starts_with('`') {
            out.push('`');
            at += 1;
        } else {
            return Ok((out, at));
        }
    }
}

fn string(src: &str, start: usize, quote: char) -> Result<(String, usize), QueryError> {
    let mut out = String::new();
    let mut chars = src[start + 1..].char_indices();
    while let Some((n, c)) = chars.next() {
        match c {
            c if c == quote => return Ok((out, start + 1 + n + 1)),
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, c)) => out.push(c),
                None => break,
            },
            c => out.push(c),
        }
    }
    Err(QueryError::syntax("unclosed string literal", start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        lex(s).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn lexes_patterns_and_operators() {
        assert_eq!(
            toks("(a)<-[:T*1..3]-(b) WHERE a.x <> 2"),
            vec![
                Tok::Sym("("),
                Tok::Ident("a".into()),
                Tok::Sym(")"),
                Tok::Sym("<"),
                Tok::Sym("-"),
                Tok::Sym("["),
                Tok::Sym(":"),
                Tok::Ident("T".into()),
                Tok::Sym("*"),
                Tok::Int(1),
                Tok::Sym(".."),
                Tok::Int(3),
                Tok::Sym("]"),
                Tok::Sym("-"),
                Tok::Sym("("),
                Tok::Ident("b".into()),
                Tok::Sym(")"),
                Tok::Ident("WHERE".into()),
                Tok::Ident("a".into()),
                Tok::Sym("."),
                Tok::Ident("x".into()),
                Tok::Sym("<>"),
                Tok::Int(2),
            ]
        );
    }

    #[test]
    fn lexes_vietnamese_strings_params_and_comments() {
        assert_eq!(
            toks("'Quận ủy \\'X\\'' $p // note\n\"a\""),
            vec![
                Tok::Str("Quận ủy 'X'".into()),
                Tok::Param("p".into()),
                Tok::Str("a".into())
            ]
        );
    }

    #[test]
    fn errors_point_at_the_spot() {
        let e = lex("RETURN 'abc").unwrap_err();
        assert_eq!(e.pos, Some(7));
        let e = lex("RETURN #").unwrap_err();
        assert_eq!(e.pos, Some(7));
    }
}
