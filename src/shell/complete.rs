//! Tab completion that knows the schema: commands and keywords, labels after `(x:`,
//! relationship types after `[r:`, properties after `x.`, and entity names inside quotes or
//! after a short command, matched without diacritics (`nguyen va` → "Nguyễn Văn Tâm").

use crate::graph::{GraphIndex, KnowledgeGraph};
use crate::query::parser::KEYWORDS;
use crate::query::plan::FUNCTIONS;
use crate::schema::{Label, Rel};
use crate::text::fold::fold;

use super::help::{COMMANDS, TOPICS};
use super::short::{SHORT_WORDS, WHO_VERBS};

/// Most candidates offered at once.
const MAX_CANDIDATES: usize = 40;

/// What completion draws from, rebuilt when the graph changes.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// (folded, display) names, sorted and unique.
    names: Vec<(String, String)>,
    /// Property names.
    props: Vec<String>,
    /// (folded, display) names of committees and other bodies, for `who held`.
    bodies: Vec<(String, String)>,
    /// The titles of HOLDS relationships, for `who held`.
    titles: Vec<String>,
}

impl Vocabulary {
    /// The vocabulary of a graph.
    pub fn new(g: &KnowledgeGraph, ix: &GraphIndex) -> Vocabulary {
        let mut names: Vec<(String, String)> = g
            .graph()
            .node_weights()
            .map(|n| (fold(&n.name), n.name.to_string()))
            .collect();
        names.sort();
        names.dedup();
        let props = ix.all_props().into_iter().map(str::to_string).collect();
        let mut bodies: Vec<(String, String)> = [Label::PartyCommittee, Label::Organization]
            .iter()
            .flat_map(|l| ix.with_label(*l))
            .map(|n| (fold(&g.graph()[*n].name), g.graph()[*n].name.to_string()))
            .collect();
        bodies.sort();
        bodies.dedup();
        let mut titles: Vec<String> = g
            .graph()
            .edge_weights()
            .filter(|e| e.rel == Rel::Holds)
            .filter_map(|e| e.props.get("title").and_then(crate::schema::Value::as_str))
            .map(str::to_string)
            .collect();
        titles.sort();
        titles.dedup();
        Vocabulary {
            names,
            props,
            bodies,
            titles,
        }
    }

    /// After `who held `: titles, then, once a title is typed, the bodies.
    fn office_like(&self, typed: &str) -> (usize, Vec<String>) {
        let t = fold(typed);
        let title = self
            .titles
            .iter()
            .filter(|x| {
                let f = fold(x);
                t.starts_with(&format!("{f} "))
            })
            .max_by_key(|x| x.len());
        let Some(title) = title else {
            let out = self
                .titles
                .iter()
                .filter(|x| fold(x).starts_with(&t))
                .take(MAX_CANDIDATES)
                .cloned()
                .collect();
            return (0, out);
        };
        // the body starts after as many words as the title has
        let words = title.split_whitespace().count();
        let at = typed
            .match_indices(char::is_whitespace)
            .nth(words - 1)
            .map_or(typed.len(), |(i, _)| i + 1);
        let rest = fold(typed[at..].trim_start());
        let skip = typed[at..].len() - typed[at..].trim_start().len();
        let spaced = format!(" {rest}");
        let out = self
            .bodies
            .iter()
            .filter(|(f, _)| f.starts_with(&rest) || f.contains(&spaced))
            .map(|(_, n)| n.clone())
            .take(MAX_CANDIDATES)
            .collect();
        (at + skip, out)
    }

    /// Names starting with `prefix` (folded), then names with a word starting with it.
    pub fn names_like(&self, prefix: &str) -> Vec<String> {
        let p = fold(prefix);
        let spaced = format!(" {p}");
        let mut out: Vec<String> = self
            .names
            .iter()
            .filter(|(f, _)| f.starts_with(&p))
            .map(|(_, n)| n.clone())
            .collect();
        out.extend(
            self.names
                .iter()
                .filter(|(f, _)| !f.starts_with(&p) && f.contains(&spaced))
                .map(|(_, n)| n.clone()),
        );
        out.dedup();
        out.truncate(MAX_CANDIDATES);
        out
    }
}

/// Completions for `line` with the cursor at `pos`: where the replaced text starts, and the
/// replacements.
pub fn complete(v: &Vocabulary, line: &str, pos: usize) -> (usize, Vec<String>) {
    let pos = pos.min(line.len());
    let before = &line[..pos];
    if let Some((start, quote)) = open_quote(before) {
        let names = v
            .names_like(&before[start..])
            .into_iter()
            .map(|n| format!("{n}{quote}"))
            .collect();
        return (start, names);
    }
    let trimmed = before.trim_start();
    let lead = before.len() - trimmed.len();
    if trimmed.starts_with(':') {
        return command_args(trimmed, lead);
    }
    if let Some((word, rest)) = trimmed.split_once(' ') {
        let w = word.to_ascii_lowercase();
        if w == "who" {
            let start = pos - rest.len();
            if let Some(office) = rest
                .strip_prefix("held ")
                .or_else(|| rest.strip_prefix("HELD "))
            {
                let (at, out) = v.office_like(office);
                return (start + 5 + at, out);
            }
            let verbs = WHO_VERBS.iter().map(|(v, _)| *v).chain(["held"]);
            return (start, prefixed(verbs, rest, false));
        }
        if SHORT_WORDS.contains(&w.as_str()) && w != "why" {
            let arg_start = pos - rest.len();
            let (start, prefix) = match rest.rfind("->") {
                Some(i) => {
                    let after = &rest[i + 2..];
                    let skip = after.len() - after.trim_start().len();
                    (arg_start + i + 2 + skip, after.trim_start())
                }
                None => (
                    arg_start + (rest.len() - rest.trim_start().len()),
                    rest.trim_start(),
                ),
            };
            return (start, v.names_like(prefix));
        }
    }
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
        .last()
        .map_or(pos, |(i, _)| i);
    let word = &before[start..];
    let prev = before[..start].chars().last();
    let out = match prev {
        Some(':') if in_brackets(&before[..start]) == Some('[') => {
            prefixed(Rel::ALL.iter().map(|r| r.as_str()), word, true)
        }
        Some(':') => prefixed(Label::ALL.iter().map(|l| l.as_str()), word, true),
        Some('.') => prefixed(v.props.iter().map(String::as_str), word, true),
        _ if before[..start].trim().is_empty() => {
            let mut c = prefixed(SHORT_WORDS, word, false);
            c.extend(prefixed(
                ["MATCH", "OPTIONAL MATCH", "RETURN", "WITH"],
                word,
                false,
            ));
            c
        }
        _ => {
            let mut c = prefixed(KEYWORDS, word, false);
            c.extend(
                prefixed(FUNCTIONS, word, false)
                    .into_iter()
                    .map(|f| format!("{f}(")),
            );
            c
        }
    };
    (start, out)
}

fn command_args(line: &str, lead: usize) -> (usize, Vec<String>) {
    match line.split_once(' ') {
        None => (lead, prefixed(COMMANDS, line, false)),
        Some((cmd, arg)) => {
            let start = lead + line.len() - arg.len();
            let choices: &[&str] = match cmd {
                ":help" => &TOPICS,
                ":format" => &["table", "csv", "json", "auto"],
                ":export" if !arg.contains(' ') => &["dot", "json"],
                ":timeout" => &["off"],
                _ => &[],
            };
            (start, prefixed(choices.iter().copied(), arg, false))
        }
    }
}

/// The candidates starting with `word`; case matters for schema names only.
fn prefixed<'a>(
    all: impl IntoIterator<Item = &'a str>,
    word: &str,
    case_sensitive: bool,
) -> Vec<String> {
    let lower = word.to_lowercase();
    all.into_iter()
        .filter(|c| {
            if case_sensitive {
                c.starts_with(word) || c.to_lowercase().starts_with(&lower)
            } else {
                c.to_lowercase().starts_with(&lower)
            }
        })
        .map(str::to_string)
        .collect()
}

/// The start of the text after an unclosed quote, and the quote.
fn open_quote(before: &str) -> Option<(usize, char)> {
    let mut open: Option<(usize, char)> = None;
    let mut escaped = false;
    for (i, c) in before.char_indices() {
        match open {
            _ if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some((_, q)) if c == q => open = None,
            None if c == '\'' || c == '"' => open = Some((i + 1, c)),
            _ => {}
        }
    }
    open
}

/// The innermost unclosed `(` or `[` before the cursor.
fn in_brackets(before: &str) -> Option<char> {
    let mut stack = Vec::new();
    for c in before.chars() {
        match c {
            '(' | '[' => stack.push(c),
            ')' | ']' => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary {
            names: ["Nguyễn Văn Tâm", "Nguyễn Thị Hoa", "Quận ủy Long Biên"]
                .iter()
                .map(|n| (fold(n), n.to_string()))
                .collect(),
            props: vec!["name".into(), "date".into(), "title".into()],
            bodies: vec![(fold("Quận ủy Long Biên"), "Quận ủy Long Biên".into())],
            titles: vec!["Bí thư".into(), "Phó Bí thư".into()],
        }
    }

    fn c(line: &str) -> Vec<String> {
        complete(&vocab(), line, line.len()).1
    }

    #[test]
    fn names_without_diacritics_after_short_commands_and_in_quotes() {
        assert_eq!(c("show nguyen va"), ["Nguyễn Văn Tâm"]);
        assert_eq!(complete(&vocab(), "show nguyen va", 14).0, 5);
        assert_eq!(c("MATCH (p {name: 'nguyen t"), ["Nguyễn Thị Hoa'"]);
        assert_eq!(c("path nguyen van tam -> long bi"), ["Quận ủy Long Biên"]);
        assert_eq!(complete(&vocab(), "path a -> hai", 13).0, 10);
    }

    #[test]
    fn schema_names_by_context() {
        assert_eq!(c("MATCH (p:Pers"), ["Person"]);
        assert_eq!(c("MATCH (p)-[r:CHA"), ["CHAIRED"]);
        assert_eq!(c("MATCH (p) RETURN p.da"), ["date"]);
        assert!(c("mat").contains(&"MATCH".to_string()));
        assert!(c("MATCH (p) RET").contains(&"RETURN".to_string()));
        assert!(c("MATCH (p) RETURN toL").contains(&"toLower(".to_string()));
        assert_eq!(c(":sch"), [":schema"]);
        assert_eq!(c(":format c"), ["csv"]);
        assert_eq!(c("who ch"), ["chaired"]);
        assert_eq!(c("who he"), ["held"]);
        assert_eq!(c("who held pho"), ["Phó Bí thư"]);
        assert_eq!(c("who held bi thu long"), ["Quận ủy Long Biên"]);
        assert_eq!(complete(&vocab(), "who held bi thu long", 20).0, 16);
        assert_eq!(c("sh"), ["show"]);
    }
}
