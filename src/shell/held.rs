//! `who held TITLE BODY [in YEAR | on DATE]`: the holders of an office over time, the
//! question the graph exists for, and `timeline` of a person (a career).
//!
//! Both compile to queries (`:explain` shows them); picking the holder at a date is done
//! on the query's rows, since "nearest" needs arithmetic on dates that a reader would not
//! want to see written in Cypher.

use petgraph::graph::NodeIndex;

use crate::graph::{GraphIndex, KnowledgeGraph};
use crate::query::{Output, Val};
use crate::schema::Label;
use crate::text::fold::fold;

use super::short::literal;

/// When the question is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// `in 2018`.
    Year(i32),
    /// `on 12/07/2018` (ISO `2018-07-12`).
    Day(String),
}

impl When {
    /// Reads `in YEAR` or `on DATE` at the end of a command: the rest and the date.
    pub fn split(text: &str) -> Result<(&str, Option<When>), String> {
        let t = text.trim();
        let Some((head, last)) = t.rsplit_once(char::is_whitespace) else {
            return Ok((t, None));
        };
        let Some((rest, word)) = head.trim_end().rsplit_once(char::is_whitespace) else {
            return Ok((t, None));
        };
        match word.to_ascii_lowercase().as_str() {
            "in" => match last.parse::<i32>() {
                Ok(y) if (1900..=2100).contains(&y) => Ok((rest.trim(), Some(When::Year(y)))),
                _ => Err(format!("'in {last}': give a year, e.g. in 2018")),
            },
            "on" => match day(last) {
                Some(d) => Ok((rest.trim(), Some(When::Day(d)))),
                None => Err(format!(
                    "'on {last}': give a date as dd/mm/yyyy or yyyy-mm-dd"
                )),
            },
            _ => Ok((t, None)),
        }
    }

    /// The ISO text the date's span starts and ends with.
    fn bounds(&self) -> (String, String) {
        match self {
            When::Year(y) => (format!("{y:04}-01-01"), format!("{y:04}-12-31")),
            When::Day(d) => (d.clone(), d.clone()),
        }
    }

    fn describe(&self) -> String {
        match self {
            When::Year(y) => format!("in {y}"),
            When::Day(d) => format!("on {d}"),
        }
    }
}

/// `dd/mm/yyyy`, `d-m-yyyy` or `yyyy-mm-dd` as ISO.
fn day(text: &str) -> Option<String> {
    let parts: Vec<u32> = text
        .split(['/', '-', '.'])
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (y, m, d) = match parts[..] {
        [y, m, d] if y > 31 => (y, m, d),
        [d, m, y] if y > 31 => (y, m, d),
        _ => return None,
    };
    crate::text::Date::new(y as i32, m, d).map(|d| d.to_string())
}

/// Splits `TITLE BODY` where the body is a node of the graph: the first split whose rest
/// names a committee or organisation (typed with or without diacritics, or `#ID`). Two
/// bodies of one name (Huyện ủy Châu Thành of two provinces) are an error that lists them.
pub fn office(
    g: &KnowledgeGraph,
    ix: &GraphIndex,
    text: &str,
) -> Result<(String, NodeIndex), String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let is_body = |n: &NodeIndex| {
        matches!(
            g.graph()[*n].label,
            Label::PartyCommittee | Label::Organization
        )
    };
    for k in 1..words.len() {
        let body = words[k..].join(" ");
        let found: Vec<NodeIndex> = match body.strip_prefix('#').map(str::parse::<usize>) {
            Some(Ok(id)) if id < g.graph().node_count() => vec![NodeIndex::new(id)],
            _ => ix.named(g, &fold(&body)),
        };
        let found: Vec<NodeIndex> = found.into_iter().filter(is_body).collect();
        match found[..] {
            [] => continue,
            [b] => return Ok((words[..k].join(" "), b)),
            _ => {
                let listed: Vec<String> = found
                    .iter()
                    .map(|n| format!("#{} ({})", n.index(), g.graph()[*n].key))
                    .collect();
                return Err(format!(
                    "{} bodies are named {body}: {}; name one by its id, e.g. who held {} #{}",
                    found.len(),
                    listed.join(", "),
                    words[..k].join(" "),
                    found[0].index()
                ));
            }
        }
    }
    Err(format!(
        "no committee or body found in '{text}'; write who held TITLE BODY, e.g. \
         who held Bí thư Quận ủy Hai Bà Trưng (find BODY shows the names)"
    ))
}

/// The holders of `title` in body `id`, each with the first and last dates the articles
/// show them in it and the articles behind it, in order of succession.
pub fn held_query(title: &str, id: usize) -> String {
    format!(
        "MATCH (p:Person)-[h:HOLDS]->(b) WHERE id(b) = {id} AND h.title = {}\n\
         UNWIND articles(h) AS article\n\
         RETURN p.name AS holder, min(h.as_of) AS first, max(h.as_of) AS last, \
         collect(DISTINCT article) AS articles\n\
         ORDER BY first, last, holder;",
        literal(title)
    )
}

/// A career: each office a person held, first and last seen, and in how many articles.
pub fn career_query(id: usize) -> String {
    format!(
        "MATCH (p)-[h:HOLDS]->(b) WHERE id(p) = {id}\n\
         UNWIND articles(h) AS article\n\
         RETURN h.title AS title, b.name AS body, min(h.as_of) AS first, max(h.as_of) AS last, \
         count(DISTINCT article) AS articles\n\
         ORDER BY first, last, title, body;"
    )
}

/// The rows of a [`held_query`] result that answer `when`: the holders whose span covers
/// it, else those seen nearest to it; with the line that says which.
pub fn at(out: &Output, when: &When) -> (Vec<usize>, String) {
    let (from, to) = when.bounds();
    let span = |r: &[Val]| -> Option<(String, String)> {
        match (&r[1], &r[2]) {
            (Val::Str(a), Val::Str(b)) => Some((a.to_string(), b.to_string())),
            _ => None,
        }
    };
    let covering: Vec<usize> = (0..out.rows.len())
        .filter(|&i| span(&out.rows[i]).is_some_and(|(a, b)| a <= to && b >= from))
        .collect();
    let names = |rows: &[usize]| -> String {
        rows.iter()
            .map(|&i| match &out.rows[i][0] {
                Val::Str(s) => s.to_string(),
                v => format!("{v:?}"),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !covering.is_empty() {
        let line = format!(
            "{}: {} held it (seen in it before and after, or then)",
            when.describe(),
            names(&covering)
        );
        return (covering, line);
    }
    let target = days(&from).zip(days(&to)).map(|(a, b)| (a + b) / 2);
    let distance = |i: usize| -> Option<i64> {
        let (a, b) = span(&out.rows[i])?;
        let t = target?;
        let (a, b) = (days(&a)?, days(&b)?);
        Some(if t < a { a - t } else { t - b })
    };
    let best = (0..out.rows.len()).filter_map(distance).min();
    let Some(best) = best else {
        return (Vec::new(), format!("{}: no dated holder", when.describe()));
    };
    let nearest: Vec<usize> = (0..out.rows.len())
        .filter(|&i| distance(i) == Some(best))
        .collect();
    let line = format!(
        "{}: no holder is seen then; nearest: {} ({} days away)",
        when.describe(),
        names(&nearest),
        best
    );
    (nearest, line)
}

/// Days since 1970 of an ISO date (or of its year or month, from their first day).
fn days(iso: &str) -> Option<i64> {
    crate::text::Date::parse_iso(iso).map(crate::text::Date::days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_at_the_end_are_read() {
        assert_eq!(
            When::split("Bí thư Quận ủy X in 2018"),
            Ok(("Bí thư Quận ủy X", Some(When::Year(2018))))
        );
        assert_eq!(
            When::split("bi thu quan uy x on 12/07/2018"),
            Ok(("bi thu quan uy x", Some(When::Day("2018-07-12".into()))))
        );
        assert_eq!(
            When::split("Bí thư Quận ủy X"),
            Ok(("Bí thư Quận ủy X", None))
        );
        assert!(When::split("Bí thư X in soon").is_err());
        assert!(When::split("Bí thư X on 31/02/2018").is_err());
    }

    #[test]
    fn days_count_from_1970() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2000-03-01"), Some(11_017));
        assert_eq!(
            days("2026-01-01").map(crate::text::Date::from_days),
            crate::text::Date::new(2026, 1, 1)
        );
    }

    fn holders(spans: &[(&str, &str, &str)]) -> Output {
        Output {
            columns: ["holder", "first", "last"].map(String::from).to_vec(),
            rows: spans
                .iter()
                .map(|(n, a, b)| {
                    vec![
                        Val::Str(n.to_string().into()),
                        Val::Str(a.to_string().into()),
                        Val::Str(b.to_string().into()),
                    ]
                })
                .collect(),
            ..Output::default()
        }
    }

    #[test]
    fn the_holder_at_a_date_covers_it_or_is_the_nearest() {
        let out = holders(&[
            ("A", "2015-03-01", "2019-06-01"),
            ("B", "2021-01-10", "2024-02-01"),
        ]);
        let (rows, line) = at(&out, &When::Year(2018));
        assert_eq!(rows, [0]);
        assert_eq!(
            line,
            "in 2018: A held it (seen in it before and after, or then)"
        );
        let (rows, line) = at(&out, &When::Day("2020-12-01".into()));
        assert_eq!(rows, [1]);
        assert_eq!(
            line,
            "on 2020-12-01: no holder is seen then; nearest: B (40 days away)"
        );
    }
}
