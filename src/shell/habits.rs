//! What users bring from other shells: the dot commands of sqlite and DuckDB, the map
//! form of cypher-shell's `:param`, and the width a table should fit.

/// What a dot command (`.tables`, `.mode csv`, …) means in kg: the `:` command that does
/// it, or an error saying what to type instead. A dot command is always one line.
pub fn dot(line: &str) -> Result<String, String> {
    let (cmd, rest) = line
        .trim()
        .trim_end_matches(';')
        .split_once(char::is_whitespace)
        .unwrap_or((line.trim().trim_end_matches(';'), ""));
    let rest = rest.trim();
    Ok(match cmd.to_ascii_lowercase().as_str() {
        ".tables" | ".schema" => ":schema".to_string(),
        ".help" => ":help".to_string(),
        ".quit" | ".exit" | ".q" => ":quit".to_string(),
        ".read" if !rest.is_empty() => format!(":source {rest}"),
        ".read" => return Err("usage: .read FILE (in kg: :source FILE)".into()),
        ".mode" => match rest.to_ascii_lowercase().as_str() {
            "" => ":format".to_string(),
            "box" | "table" | "duckbox" => ":format table".to_string(),
            "csv" => ":format csv".to_string(),
            "json" => ":format json".to_string(),
            "markdown" => ":format markdown".to_string(),
            "tabs" | "tsv" => ":format tsv".to_string(),
            m => {
                return Err(format!(
                    ".mode {m} has no kg form; kg prints table, csv, json, markdown or tsv (:format)"
                ));
            }
        },
        ".timer" => match rest {
            "on" | "off" => format!(":timing {rest}"),
            _ => return Err("usage: .timer on|off (in kg: :timing on|off)".into()),
        },
        ".stats" => ":stats".to_string(),
        other => {
            return Err(format!(
                "{other} is a sqlite/DuckDB command; kg's commands start with ':' (:help lists them)"
            ));
        }
    })
}

/// Splits cypher-shell's `{name: value, other: 'text'}` into (name, value text) pairs; the
/// values are left for the query language to read.
pub fn param_map(text: &str) -> Result<Vec<(String, String)>, String> {
    let inner = text
        .trim()
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .ok_or("usage: :param {name: value, …} or :param name => value")?;
    let mut out = Vec::new();
    for item in top_level(inner, ',') {
        if item.trim().is_empty() {
            continue;
        }
        let parts = top_level(&item, ':');
        let [name, value @ ..] = parts.as_slice() else {
            return Err(format!("'{}': write name: value", item.trim()));
        };
        let value = value.join(":");
        let name = name.trim().trim_matches('`').trim_start_matches('$');
        if name.is_empty()
            || value.trim().is_empty()
            || !name.chars().all(|c| c.is_alphanumeric() || c == '_')
        {
            return Err(format!("'{}': write name: value", item.trim()));
        }
        out.push((name.to_string(), value.trim().to_string()));
    }
    Ok(out)
}

/// `text` split at `sep` outside quotes, brackets and braces.
fn top_level(text: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' => quote = Some(c),
                '[' | '{' | '(' => depth += 1,
                ']' | '}' | ')' => depth -= 1,
                c if c == sep && depth == 0 => {
                    out.push(String::new());
                    continue;
                }
                _ => {}
            },
        }
        if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    out
}

/// The width tables fit: the one chosen with `:width`, else the terminal's (when output
/// goes to one), else none (cells are cut at a fixed width).
pub fn table_width(chosen: Option<usize>, terminal: bool) -> Option<usize> {
    chosen.or_else(|| {
        terminal
            .then(terminal_size::terminal_size)
            .flatten()
            .map(|(w, _)| usize::from(w.0))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_commands_say_what_they_mean_in_kg() {
        assert_eq!(dot(".tables").as_deref(), Ok(":schema"));
        assert_eq!(dot(".schema Person").as_deref(), Ok(":schema"));
        assert_eq!(dot(".help").as_deref(), Ok(":help"));
        assert_eq!(dot(".quit").as_deref(), Ok(":quit"));
        assert_eq!(dot(".exit;").as_deref(), Ok(":quit"));
        assert_eq!(dot(".mode csv").as_deref(), Ok(":format csv"));
        assert_eq!(dot(".mode markdown").as_deref(), Ok(":format markdown"));
        assert_eq!(dot(".mode tabs").as_deref(), Ok(":format tsv"));
        assert_eq!(dot(".read q.cypher").as_deref(), Ok(":source q.cypher"));
        assert!(dot(".mode line").unwrap_err().contains(":format"));
        assert!(
            dot(".dump")
                .unwrap_err()
                .contains("kg's commands start with ':'")
        );
    }

    #[test]
    fn param_maps_split_outside_quotes_and_lists() {
        assert_eq!(
            param_map("{name: 'Lê, Văn: A', ids: [1, 2], n: 3}"),
            Ok(vec![
                ("name".into(), "'Lê, Văn: A'".into()),
                ("ids".into(), "[1, 2]".into()),
                ("n".into(), "3".into()),
            ])
        );
        assert_eq!(param_map("{}"), Ok(vec![]));
        assert!(param_map("{a 1}").is_err());
        assert!(param_map("a: 1").is_err());
    }
}
