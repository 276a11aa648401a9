//! Short commands: one-line questions that compile to the query language, so that
//! `:explain` can show the query and users can learn the language from them.

use crate::schema::Rel;

/// The words that start a short command.
pub const SHORT_WORDS: [&str; 7] = [
    "who",
    "show",
    "find",
    "neighbors",
    "path",
    "timeline",
    "why",
];

/// The verbs of `who`.
pub const WHO_VERBS: [(&str, Rel); 5] = [
    ("chaired", Rel::Chaired),
    ("attended", Rel::Attended),
    ("presented", Rel::Presented),
    ("spoke", Rel::Spoke),
    ("moderated", Rel::Moderated),
];

/// Deepest `neighbors` goes.
pub const MAX_DEPTH: u32 = 4;

/// A parsed short command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Short {
    /// `who chaired [TEXT]`.
    Who(Rel, Option<String>),
    /// `who held TITLE BODY [in YEAR | on DATE]`.
    Held(String, Option<super::held::When>),
    /// `show NAME`.
    Show(String),
    /// `find TEXT`.
    Find(String),
    /// `neighbors NAME [DEPTH]`.
    Neighbors(String, u32),
    /// `path NAME -> NAME`.
    Path(String, String),
    /// `timeline NAME`.
    Timeline(String),
    /// `why [ROW]`.
    Why(Option<usize>),
}

/// Whether a line is a short command (by its first word).
pub fn is_short(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    SHORT_WORDS.iter().any(|w| w.eq_ignore_ascii_case(first))
}

/// Parses a short command; the error says how to write it.
pub fn parse(line: &str) -> Result<Short, String> {
    let line = line.trim().trim_end_matches(';').trim();
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim();
    let arg = || unquote(rest);
    let need = |usage: &str| -> Result<String, String> {
        if rest.is_empty() {
            Err(format!("usage: {usage}"))
        } else {
            Ok(arg())
        }
    };
    match word.to_ascii_lowercase().as_str() {
        "who" => {
            let (verb, text) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            if verb.eq_ignore_ascii_case("held") {
                let (office, when) = super::held::When::split(text)?;
                if office.is_empty() {
                    return Err("usage: who held TITLE BODY [in YEAR | on DATE]".into());
                }
                return Ok(Short::Held(unquote(office), when));
            }
            let rel = WHO_VERBS
                .iter()
                .find(|(v, _)| v.eq_ignore_ascii_case(verb))
                .map(|(_, r)| *r)
                .ok_or(
                    "usage: who chaired|attended|presented|spoke|moderated [TEXT], \
                     or who held TITLE BODY [in YEAR | on DATE]",
                )?;
            let text = unquote(text);
            Ok(Short::Who(rel, (!text.is_empty()).then_some(text)))
        }
        "show" => need("show NAME").map(Short::Show),
        "find" => need("find TEXT").map(Short::Find),
        "timeline" => need("timeline NAME").map(Short::Timeline),
        "neighbors" => {
            need("neighbors NAME [DEPTH]")?;
            let (name, depth) = match rest.rsplit_once(char::is_whitespace) {
                Some((name, d)) if d.parse::<u32>().is_ok() => (name, d.parse().unwrap_or(1)),
                _ => (rest, 1),
            };
            if !(1..=MAX_DEPTH).contains(&depth) {
                return Err(format!("neighbors: DEPTH is 1 to {MAX_DEPTH}"));
            }
            Ok(Short::Neighbors(unquote(name), depth))
        }
        "path" => {
            let (a, b) = rest.split_once("->").ok_or("usage: path NAME -> NAME")?;
            let (a, b) = (unquote(a), unquote(b));
            if a.is_empty() || b.is_empty() {
                return Err("usage: path NAME -> NAME".into());
            }
            Ok(Short::Path(a, b))
        }
        "why" => match rest {
            "" => Ok(Short::Why(None)),
            n => n
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .map(|n| Short::Why(Some(n)))
                .ok_or_else(|| "usage: why [ROW] (ROW counts from 1)".to_string()),
        },
        _ => Err(format!("unknown command {word}")),
    }
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    for q in ['\'', '"'] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return s[1..s.len() - 1].trim().to_string();
        }
    }
    s.to_string()
}

/// A string literal of the query language.
pub fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `dd/mm/yyyy` or `mm/yyyy` as the ISO prefix the graph stores; other text unchanged.
fn iso_date(text: &str) -> String {
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let num = |s: &str| s.parse::<u32>().ok();
    match parts[..] {
        [d, m, y] if y.len() == 4 => match (num(d), num(m), num(y)) {
            (Some(d), Some(m), Some(y)) => format!("{y:04}-{m:02}-{d:02}"),
            _ => text.to_string(),
        },
        [m, y] if y.len() == 4 && m.len() <= 2 => match (num(m), num(y)) {
            (Some(m), Some(y)) => format!("{y:04}-{m:02}"),
            _ => text.to_string(),
        },
        _ => text.to_string(),
    }
}

/// `who VERB [TEXT]`: person, meeting or congress, date, committee; TEXT filters by the
/// person's or meeting's name, committee, district or date.
pub fn who_query(rel: Rel, text: Option<&str>) -> String {
    let extra = match rel {
        Rel::Spoke => ", r.kind AS kind",
        Rel::Presented => ", r.item AS item",
        _ => "",
    };
    let filter = text.map_or_else(String::new, |t| {
        let lit = literal(t);
        let date = literal(&iso_date(t));
        format!(
            "\nWITH p, r, m, c, d WHERE p.name CONTAINS {lit} OR m.name CONTAINS {lit} \
             OR c.name CONTAINS {lit} OR d.name CONTAINS {lit} OR m.date STARTS WITH {date}"
        )
    });
    format!(
        "MATCH (p:Person)-[r:{rel}]->(m)\n\
         OPTIONAL MATCH (m)-[:CONVENED|OF]-(c:PartyCommittee)\n\
         OPTIONAL MATCH (c)-[:IN]->(d:District){filter}\n\
         RETURN p.name AS person, m.name AS meeting, m.date AS date, c.name AS committee{extra}\n\
         ORDER BY date, meeting, person;"
    )
}

/// The relationships of one node, for its card.
pub fn show_query(id: usize) -> String {
    format!(
        "MATCH (n)-[r]-(m) WHERE id(n) = {id}\n\
         RETURN type(r) AS rel, startNode(r) = n AS out, r, m\n\
         ORDER BY rel, out DESC, r.as_of, m.name;"
    )
}

/// Every type but `MENTIONS`: articles mention everything, which drowns neighbourhoods.
fn without_mentions() -> String {
    Rel::ALL
        .iter()
        .filter(|r| **r != Rel::Mentions)
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join("|")
}

/// Nodes within `depth` relationships (mentions left out unless the node is an article),
/// each with the relationships that reach it, typed and directed (`HOLDS →` when it
/// points at the node reached, `← CHAIRED` when it comes from it).
pub fn neighbors_query(id: usize, depth: u32, article: bool) -> String {
    let types = if article {
        String::new()
    } else {
        format!(":{}", without_mentions())
    };
    format!(
        "MATCH (n)-[r{types}*1..{depth}]-(m) WHERE id(n) = {id} AND m <> n\n\
         WITH m, size(r) AS hops, r[size(r) - 1] AS last\n\
         RETURN m.name AS name, labels(m)[0] AS label, min(hops) AS depth,\n\
         collect(DISTINCT CASE WHEN endNode(last) = m THEN type(last) + ' →' ELSE '← ' + type(last) END) AS via\n\
         ORDER BY depth, label, name;"
    )
}

/// The shortest chain between two nodes (mentions left out).
pub fn path_query(a: usize, b: usize) -> String {
    format!(
        "MATCH (a), (b), p = shortestPath((a)-[:{}*..{}]-(b))\n\
         WHERE id(a) = {a} AND id(b) = {b}\n\
         RETURN p AS path, length(p) AS hops;",
        without_mentions(),
        crate::query::plan::DEFAULT_DEPTH_CAP
    )
}

/// Dated facts of a node, and of the bodies in it when it is a place, each read in its
/// own direction ("Lê Văn A HOLDS Bí thư → Quận ủy …", "Quận ủy … CONVENED → Hội nghị …").
pub fn timeline_query(id: usize) -> String {
    format!(
        "MATCH (n)<-[:IN*0..1]-(x)-[r]-(m) WHERE id(n) = {id} AND NOT type(r) IN ['MENTIONS', 'IN']\n\
         WITH r, coalesce(r.as_of, m.date) AS date WHERE date IS NOT NULL\n\
         RETURN DISTINCT date, startNode(r).name AS subject, type(r) AS fact, r.title AS title, \
         endNode(r).name AS object\n\
         ORDER BY date, fact, subject, object;"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_short_command() {
        assert_eq!(parse("who chaired"), Ok(Short::Who(Rel::Chaired, None)));
        assert_eq!(
            parse("WHO attended 'Thanh Trì'"),
            Ok(Short::Who(Rel::Attended, Some("Thanh Trì".into())))
        );
        assert_eq!(
            parse("show \"Lê Văn A\""),
            Ok(Short::Show("Lê Văn A".into()))
        );
        assert_eq!(
            parse("neighbors le van a 2"),
            Ok(Short::Neighbors("le van a".into(), 2))
        );
        assert_eq!(
            parse("neighbors Quận 3"),
            Ok(Short::Neighbors("Quận".into(), 3))
        );
        assert!(parse("neighbors x 9").is_err());
        assert_eq!(
            parse("path Lê Văn A -> Huyện ủy Gia Lâm"),
            Ok(Short::Path("Lê Văn A".into(), "Huyện ủy Gia Lâm".into()))
        );
        assert_eq!(parse("why 2"), Ok(Short::Why(Some(2))));
        assert!(parse("why 0").is_err());
        assert!(parse("who ate").unwrap_err().contains("usage"));
        assert_eq!(
            parse("who held Bí thư Quận ủy Hai Bà Trưng in 2018"),
            Ok(Short::Held(
                "Bí thư Quận ủy Hai Bà Trưng".into(),
                Some(super::super::held::When::Year(2018))
            ))
        );
        assert!(parse("who held").unwrap_err().contains("usage: who held"));
        assert!(parse("show").unwrap_err().contains("usage: show NAME"));
    }

    #[test]
    fn compiled_queries_parse() {
        for q in [
            who_query(Rel::Chaired, Some("02/04/2021")),
            who_query(Rel::Spoke, None),
            show_query(3),
            neighbors_query(3, 2, false),
            path_query(1, 2),
            timeline_query(4),
            super::super::held::held_query("Bí thư", 4),
            super::super::held::career_query(4),
        ] {
            if let Err(e) = crate::query::parser::parse(&q) {
                panic!("{}", e.render(&q));
            }
        }
        assert!(who_query(Rel::Chaired, Some("02/04/2021")).contains("'2021-04-02'"));
        assert!(who_query(Rel::Chaired, Some("it's")).contains("'it\\'s'"));
    }
}
