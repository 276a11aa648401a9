//! Query errors. A syntax or schema error knows the byte offset it is about, so that it can
//! be shown with its line, column and a caret under the spot.

use std::fmt;

use unicode_width::UnicodeWidthStr;

/// What kind of error a query met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text is not a query of the language.
    Syntax,
    /// A name the graph does not know (label, type, property, variable, function).
    Unknown,
    /// A value of the wrong type at run time, a bad regex, a missing parameter.
    Runtime,
    /// Stopped by Ctrl-C.
    Cancelled,
    /// Stopped by the time limit.
    Timeout,
    /// Stopped by the memory budget.
    Memory,
}

/// An error with an optional position in the query text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// The kind.
    pub kind: ErrorKind,
    /// One line saying what is wrong and, where it can, what to do.
    pub message: String,
    /// Byte offset in the query text.
    pub pos: Option<usize>,
}

impl QueryError {
    /// A syntax error at `pos`.
    pub fn syntax(message: impl Into<String>, pos: usize) -> QueryError {
        QueryError {
            kind: ErrorKind::Syntax,
            message: message.into(),
            pos: Some(pos),
        }
    }

    /// An unknown name at `pos`.
    pub fn unknown(message: impl Into<String>, pos: usize) -> QueryError {
        QueryError {
            kind: ErrorKind::Unknown,
            message: message.into(),
            pos: Some(pos),
        }
    }

    /// A run-time error.
    pub fn runtime(message: impl Into<String>) -> QueryError {
        QueryError {
            kind: ErrorKind::Runtime,
            message: message.into(),
            pos: None,
        }
    }

    /// The error with its line and column in `src`, the line itself and a caret under
    /// the spot (measured in display columns, so that Vietnamese text lines up).
    pub fn render(&self, src: &str) -> String {
        let Some(pos) = self.pos.filter(|p| *p <= src.len()) else {
            return self.message.clone();
        };
        let (line_no, line_start) = src[..pos]
            .char_indices()
            .filter(|(_, c)| *c == '\n')
            .fold((1, 0), |(n, _), (i, _)| (n + 1, i + 1));
        let line_end = src[line_start..]
            .find('\n')
            .map_or(src.len(), |n| line_start + n);
        let line = &src[line_start..line_end];
        let before = &src[line_start..pos];
        let column = before.chars().count() + 1;
        format!(
            "{} (line {line_no}, column {column})\n  {line}\n  {}^",
            self.message,
            " ".repeat(before.width())
        )
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

/// The known name nearest to `name`, if it is near enough to be a likely typo.
pub fn nearest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(&lower, &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 2).max(2))
        .min()
        .map(|(_, k)| k)
}

/// " (did you mean X?)" or nothing.
pub fn suggestion<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    nearest(name, known).map_or_else(String::new, |k| format!("; did you mean {k}?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_points_at_line_and_column() {
        let src = "MATCH (p:Person)\nWHERE p.name = 'Lê' AND ?";
        let pos = src.find('?').unwrap();
        let e = QueryError::syntax("unexpected character '?'", pos);
        let shown = e.render(src);
        assert!(shown.contains("line 2, column 25"), "{shown}");
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[2].find('^'), Some(2 + 24));
    }

    #[test]
    fn nearest_suggests_close_names_only() {
        let known = ["Person", "Meeting", "District"];
        assert_eq!(nearest("Persn", known), Some("Person"));
        assert_eq!(nearest("meeting", known), Some("Meeting"));
        assert_eq!(nearest("Xyzzy", known), None);
    }
}
