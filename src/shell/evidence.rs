//! `why`: the sentences a result row rests on — article file, headline, and the sentence
//! with the names it supports highlighted.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::graph::KnowledgeGraph;
use crate::query::{Fact, Output};
use crate::schema::{Label, Rel, Source};

use super::format::{edge_text, text};

/// Sentences shown per fact (a person may be named in hundreds of articles).
const PER_FACT: usize = 3;

/// How a mention is marked in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Bold yellow on a terminal.
    Ansi,
    /// `**name**` elsewhere.
    Plain,
}

/// The evidence of one row (1-based) or of every row of `out`.
pub fn why(
    g: &KnowledgeGraph,
    out: &Output,
    row: Option<usize>,
    mark: Mark,
) -> Result<String, String> {
    if out.rows.is_empty() {
        return Err("the last result has no rows".into());
    }
    let rows: Vec<usize> = match row {
        Some(n) if n > out.rows.len() => {
            return Err(format!(
                "row {n}: the last result has {} row(s)",
                out.rows.len()
            ));
        }
        Some(n) => vec![n - 1],
        None => (0..out.rows.len()).collect(),
    };
    let headlines = headlines(g);
    let mut s = String::new();
    for r in rows {
        let cells: Vec<String> = out.rows[r].iter().map(|v| text(g, v)).collect();
        let _ = writeln!(s, "row {}: {}", r + 1, cells.join(" | "));
        let facts = out.evidence.get(r).map_or(&[][..], Vec::as_slice);
        let sentences = sentences(g, facts);
        if sentences.is_empty() {
            let _ = writeln!(
                s,
                "  (no evidence: this row was computed without matching the graph)"
            );
        }
        for ((file, start, end), (supports, names)) in sentences {
            let head = headlines.get(file.as_str()).map_or("", String::as_str);
            let _ = writeln!(s, "  {file} — {head}");
            let sentence = match g.articles().iter().find(|a| a.file == file) {
                None => "(the article text is not in this snapshot)".to_string(),
                Some(a) => match a.passage(start, end) {
                    Ok(Some(sentence)) => sentence,
                    Ok(None) => "(the sentence is not in the article's text)".to_string(),
                    Err(e) => format!("({e}: rebuild the snapshot with `kg build`)"),
                },
            };
            let _ = writeln!(s, "    “{}”", highlight(sentence.trim(), &names, mark));
            let _ = writeln!(s, "    supports: {}", supports.join("; "));
        }
    }
    Ok(s)
}

type Sentences = BTreeMap<(String, usize, usize), (Vec<String>, Vec<String>)>;

/// Each sentence once, with the facts it supports and the names to highlight.
fn sentences(g: &KnowledgeGraph, facts: &[Fact]) -> Sentences {
    let mut out: Sentences = BTreeMap::new();
    let mut add = |src: &Source, fact: String, names: Vec<String>| {
        let entry = out
            .entry((
                g.file_of(src.article).to_string(),
                src.start as usize,
                src.end as usize,
            ))
            .or_default();
        if !entry.0.contains(&fact) {
            entry.0.push(fact);
        }
        for n in names {
            if !entry.1.contains(&n) {
                entry.1.push(n);
            }
        }
    };
    // Relationships are the facts a row states; a node alone is evidence only when no
    // relationship of the row covers it. Mentions restate node sources and are left out.
    let edges: Vec<_> = facts
        .iter()
        .filter_map(|f| match f {
            Fact::Edge(e) => Some(*e),
            Fact::Node(_) => None,
        })
        .filter(|e| {
            g.graph()
                .edge_weight(*e)
                .is_some_and(|w| w.rel != Rel::Mentions)
        })
        .collect();
    let mut covered = Vec::new();
    for &e in &edges {
        let (Some(w), Some((a, b))) = (g.graph().edge_weight(e), g.graph().edge_endpoints(e))
        else {
            continue;
        };
        covered.extend([a, b]);
        let (na, nb) = (&g.graph()[a], &g.graph()[b]);
        let fact = format!("{} {} {}", na.name, edge_text(g, e), nb.name);
        for src in w.sources.iter().take(PER_FACT) {
            add(
                src,
                fact.clone(),
                vec![na.name.to_string(), nb.name.to_string()],
            );
        }
    }
    for f in facts {
        let Fact::Node(n) = f else { continue };
        let w = &g.graph()[*n];
        if w.label == Label::Article || covered.contains(n) {
            continue;
        }
        let fact = format!("{} ({})", w.name, w.label);
        for src in w.sources.iter().take(PER_FACT) {
            add(src, fact.clone(), vec![w.name.to_string()]);
        }
    }
    out
}

fn headlines(g: &KnowledgeGraph) -> BTreeMap<&str, String> {
    g.graph()
        .node_weights()
        .filter(|n| n.label == Label::Article)
        .filter_map(|n| Some((n.props.get("file")?.as_str()?, n.name.to_string())))
        .collect()
}

/// Marks every occurrence of each name in the sentence, compared character by character
/// in lower case: offsets are taken in the sentence itself, so case mappings that change
/// a character's length ("İ", "ẞ") cannot cut a character.
pub fn highlight(sentence: &str, names: &[String], mark: Mark) -> String {
    let hay: Vec<(usize, char)> = sentence.char_indices().collect();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for name in names.iter().filter(|n| !n.is_empty()) {
        let needle: Vec<char> = name.chars().collect();
        let mut k = 0;
        while k + needle.len() <= hay.len() {
            let hit = hay[k..k + needle.len()]
                .iter()
                .zip(&needle)
                .all(|((_, a), b)| same_letter(*a, *b));
            if hit {
                let end = hay.get(k + needle.len()).map_or(sentence.len(), |x| x.0);
                spans.push((hay[k].0, end));
                k += needle.len();
            } else {
                k += 1;
            }
        }
    }
    spans.sort();
    let (open, close) = match mark {
        Mark::Ansi => ("\x1b[1;33m", "\x1b[0m"),
        Mark::Plain => ("**", "**"),
    };
    let mut out = String::with_capacity(sentence.len() + 16);
    let mut at = 0;
    for (a, b) in spans {
        if a < at {
            continue;
        }
        out.push_str(&sentence[at..a]);
        out.push_str(open);
        out.push_str(&sentence[a..b]);
        out.push_str(close);
        at = b;
    }
    out.push_str(&sentence[at..]);
    out
}

fn same_letter(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_marks_names_case_insensitively() {
        let s = "Đồng chí LÊ VĂN AN và đồng chí Trần Bình dự.";
        let names = ["Lê Văn An".to_string(), "Trần Bình".to_string()];
        assert_eq!(
            highlight(s, &names, Mark::Plain),
            "Đồng chí **LÊ VĂN AN** và đồng chí **Trần Bình** dự."
        );
        assert_eq!(highlight("không có", &names, Mark::Ansi), "không có");
    }

    #[test]
    fn case_mappings_that_change_lengths_cut_no_character() {
        // "İ" lower-cases to two characters and "ẞ" to a shorter one: byte offsets of a
        // lower-cased copy would not point into the sentence.
        let s = "İẞ Lê Văn An İİ và Trần Bình";
        let names = [
            "Lê Văn An".to_string(),
            "TRẦN BÌNH".to_string(),
            "ii".to_string(),
        ];
        assert_eq!(
            highlight(s, &names, Mark::Plain),
            "İẞ **Lê Văn An** İİ và **Trần Bình**"
        );
    }
}
