//! Names typed by a user → nodes: `#id`, an exact name (diacritics optional), or the best
//! of a ranked fuzzy search. Several equally good answers are returned for the user to pick.

use petgraph::graph::NodeIndex;

use crate::graph::{GraphIndex, KnowledgeGraph};
use crate::schema::Label;
use crate::text::fold::fold;

/// A search hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The node.
    pub node: NodeIndex,
    /// 100 for the exact name, less the further it is.
    pub score: u32,
}

/// What a name resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// One node.
    One(NodeIndex),
    /// Several candidates, best first.
    Many(Vec<NodeIndex>),
    /// Nothing near.
    None,
}

/// Ranked fuzzy search over every name, diacritic- and case-insensitive: the exact name
/// first, then names starting with the text, then names with a word starting with it, then
/// names containing it, then names within a small edit distance.
pub fn find(g: &KnowledgeGraph, text: &str, limit: usize) -> Vec<Hit> {
    let q = fold(text.trim().trim_matches(['\'', '"']));
    if q.is_empty() {
        return Vec::new();
    }
    let spaced = format!(" {q}");
    let mut hits: Vec<(Hit, u8, usize)> = g
        .graph()
        .node_indices()
        .filter_map(|i| {
            let n = &g.graph()[i];
            let name = fold(&n.name);
            let score = if name == q || n.key == q {
                100
            } else if name.starts_with(&q) {
                80
            } else if name.contains(&spaced) {
                70
            } else if name.contains(&q) {
                60
            } else {
                let sim = strsim::jaro_winkler(&name, &q);
                if sim < 0.88 {
                    return None;
                }
                (sim * 55.0) as u32
            };
            Some((
                Hit { node: i, score },
                rank(n.label),
                n.name.chars().count(),
            ))
        })
        .collect();
    hits.sort_by(|a, b| {
        b.0.score
            .cmp(&a.0.score)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.0.node.cmp(&b.0.node))
    });
    hits.into_iter().take(limit).map(|(h, _, _)| h).collect()
}

/// Articles come last among equals: they mention everything.
fn rank(l: Label) -> u8 {
    match l {
        Label::Person => 0,
        Label::Article => 9,
        _ => 1,
    }
}

/// Resolves a name typed by the user.
pub fn resolve(g: &KnowledgeGraph, ix: &GraphIndex, text: &str) -> Resolved {
    let text = text.trim().trim_matches(['\'', '"']).trim();
    if let Some(id) = text.strip_prefix('#') {
        return match id.parse::<usize>() {
            Ok(n) if n < g.graph().node_count() => Resolved::One(NodeIndex::new(n)),
            _ => Resolved::None,
        };
    }
    let q = fold(text);
    let exact: Vec<NodeIndex> = ix.named(g, &q);
    match exact.len() {
        1 => return Resolved::One(exact[0]),
        n if n > 1 => return Resolved::Many(exact),
        _ => {}
    }
    let hits = find(g, text, 10);
    match hits.first() {
        None => Resolved::None,
        Some(best) => {
            let top: Vec<NodeIndex> = hits
                .iter()
                .filter(|h| h.score == best.score)
                .map(|h| h.node)
                .collect();
            if top.len() == 1 && best.score >= 60 {
                Resolved::One(best.node)
            } else {
                Resolved::Many(hits.iter().map(|h| h.node).collect())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;
    use crate::text::Article;

    fn graph() -> (KnowledgeGraph, GraphIndex) {
        let a = Article::from_text(
            "a.txt",
            "Tin\n\nĐồng chí Lưu Văn Bình - Bí thư Huyện ủy Gia Lâm và đồng chí Lưu Thị Bình - \
             Phó Bí thư Huyện ủy Gia Lâm dự hội nghị."
                .into(),
        );
        let mut g = KnowledgeGraph::new();
        g.add(&a, &extract(&a));
        let ix = GraphIndex::new(&g);
        (g, ix)
    }

    #[test]
    fn exact_names_resolve_without_diacritics() {
        let (g, ix) = graph();
        let Resolved::One(n) = resolve(&g, &ix, "luu van binh") else {
            panic!("one node")
        };
        assert_eq!(&*g.graph()[n].name, "Lưu Văn Bình");
        assert_eq!(
            resolve(&g, &ix, &format!("#{}", n.index())),
            Resolved::One(n)
        );
        assert_eq!(resolve(&g, &ix, "#99999"), Resolved::None);
    }

    #[test]
    fn ambiguous_names_give_candidates() {
        let (g, ix) = graph();
        let Resolved::Many(c) = resolve(&g, &ix, "luu") else {
            panic!("several")
        };
        let names: Vec<&str> = c.iter().map(|n| &*g.graph()[*n].name).collect();
        assert!(
            names.contains(&"Lưu Văn Bình") && names.contains(&"Lưu Thị Bình"),
            "{names:?}"
        );
    }

    #[test]
    fn find_ranks_prefix_before_substring_and_tolerates_typos() {
        let (g, _) = graph();
        let hits = find(&g, "gia lam", 10);
        assert!(!hits.is_empty());
        assert!(g.graph()[hits[0].node].name.contains("Gia Lâm"));
        let typo = find(&g, "luu van bihn", 3);
        assert_eq!(&*g.graph()[typo[0].node].name, "Lưu Văn Bình");
        assert!(find(&g, "", 5).is_empty());
    }
}
