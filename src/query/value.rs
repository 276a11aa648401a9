//! Values a query computes with, and how they compare: Cypher's rules (null propagates,
//! values of different types are unequal) with Vietnamese strings compared after NFC and
//! tone-placement folding, and loosely (no diacritics, no case) when one side was written
//! without diacritics.

use std::cmp::Ordering;
use std::sync::Arc;

use petgraph::graph::{EdgeIndex, NodeIndex};
use unicode_normalization::UnicodeNormalization;

use crate::schema::Value;
use crate::text::fold::{classic_tone, fold};

/// A path: its nodes and the relationships between them (`nodes.len() == edges.len() + 1`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PathVal {
    /// Nodes in order.
    pub nodes: Vec<NodeIndex>,
    /// Relationships in order.
    pub edges: Vec<EdgeIndex>,
}

/// A value at run time.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Val {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A string (NFC, classic tone placement), shared with the graph's property values
    /// it is read from: a row of them costs no copies.
    Str(Arc<str>),
    /// A list.
    List(Vec<Val>),
    /// A node of the graph.
    Node(NodeIndex),
    /// A relationship of the graph.
    Edge(EdgeIndex),
    /// A path (boxed: a row's values stay small, and paths are rare).
    Path(Box<PathVal>),
    /// A calendar date (`date('2020-10-02')`, `date(m.date)`).
    Date(crate::text::Date),
}

impl Val {
    /// About how many bytes the value holds, itself and what it points to: what a query's
    /// memory budget counts.
    pub fn bytes(&self) -> usize {
        let own = std::mem::size_of::<Val>();
        own + match self {
            Val::Str(s) => s.len(),
            Val::List(items) => items.iter().map(Val::bytes).sum(),
            Val::Path(p) => {
                p.nodes.len() * std::mem::size_of::<NodeIndex>()
                    + p.edges.len() * std::mem::size_of::<EdgeIndex>()
            }
            _ => 0,
        }
    }
}

impl From<&Value> for Val {
    fn from(v: &Value) -> Val {
        match v {
            Value::Null => Val::Null,
            Value::Int(n) => Val::Int(*n),
            Value::Str(s) => Val::Str(s.clone()),
        }
    }
}

/// How strings compare in one comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrMode {
    /// After NFC, tone-placement folding and lower-casing: "uỷ" = "ủy", "Ủy" = "ủy",
    /// "Nam" ≠ "Năm". Case never matters; diacritics matter only when given.
    Exact,
    /// Without diacritics and case: "nguyen van tam" = "Nguyễn Văn Tâm".
    Loose,
    /// Neither side was written in the query (`UNWIND ['hai ba trung'] AS x … CONTAINS x`,
    /// a parameter list): loose when either string has no diacritic, else exact.
    Auto,
}

impl StrMode {
    /// The mode for comparing `a` with `b`.
    pub fn of(self, a: &str, b: &str) -> StrMode {
        match self {
            StrMode::Auto if is_loose(a) || is_loose(b) => StrMode::Loose,
            StrMode::Auto => StrMode::Exact,
            m => m,
        }
    }
}

/// A string as the graph stores it: NFC with the classic tone placement.
pub fn normalize(s: &str) -> String {
    classic_tone(&s.nfc().collect::<String>())
}

/// Whether a literal was written without any diacritic (so it compares loosely).
pub fn is_loose(s: &str) -> bool {
    s.is_ascii()
}

/// The form of a string that a comparison in `mode` looks at.
pub fn comparable(s: &str, mode: StrMode) -> std::borrow::Cow<'_, str> {
    match mode {
        StrMode::Exact | StrMode::Auto if !s.chars().any(char::is_uppercase) => {
            std::borrow::Cow::Borrowed(s)
        }
        StrMode::Exact | StrMode::Auto => std::borrow::Cow::Owned(s.to_lowercase()),
        StrMode::Loose => std::borrow::Cow::Owned(fold(s)),
    }
}

/// Three-valued equality: `None` is null.
pub fn equals(a: &Val, b: &Val, mode: StrMode) -> Option<bool> {
    match (a, b) {
        (Val::Null, _) | (_, Val::Null) => None,
        (Val::Str(x), Val::Str(y)) => {
            let mode = mode.of(x, y);
            Some(x == y || comparable(x, mode) == comparable(y, mode))
        }
        (Val::List(x), Val::List(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut unknown = false;
            for (p, q) in x.iter().zip(y) {
                match equals(p, q, mode) {
                    Some(false) => return Some(false),
                    None => unknown = true,
                    Some(true) => {}
                }
            }
            if unknown { None } else { Some(true) }
        }
        _ => Some(a == b),
    }
}

/// Three-valued ordering for `<`, `<=`, `>`, `>=`: `None` when the values do not compare
/// (null, or different types).
pub fn compare(a: &Val, b: &Val, mode: StrMode) -> Option<Ordering> {
    match (a, b) {
        (Val::Int(x), Val::Int(y)) => Some(x.cmp(y)),
        (Val::Str(x), Val::Str(y)) => {
            let mode = mode.of(x, y);
            Some(comparable(x, mode).cmp(&comparable(y, mode)))
        }
        (Val::Bool(x), Val::Bool(y)) => Some(x.cmp(y)),
        (Val::Date(x), Val::Date(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// A value prepared for sorting: strings carry their folded form, computed once, so that a
/// sort does not fold at every comparison.
#[derive(Debug, Clone)]
pub struct SortKey {
    val: Val,
    folded: Option<String>,
}

impl SortKey {
    /// The key of a value.
    pub fn new(val: Val) -> SortKey {
        let folded = match &val {
            Val::Str(s) => Some(fold(s)),
            _ => None,
        };
        SortKey { val, folded }
    }

    /// The order of [`sort_order`], without folding again.
    pub fn order(&self, other: &SortKey) -> Ordering {
        match (&self.folded, &other.folded, &self.val, &other.val) {
            (Some(a), Some(b), Val::Str(x), Val::Str(y)) => a.cmp(b).then_with(|| x.cmp(y)),
            _ => sort_order(&self.val, &other.val),
        }
    }
}

/// The total order of `ORDER BY`: strings in Vietnamese-friendly order (letters before
/// their marks, "Đ" with "D"), nulls last.
pub fn sort_order(a: &Val, b: &Val) -> Ordering {
    fn rank(v: &Val) -> u8 {
        match v {
            Val::Node(_) => 0,
            Val::Edge(_) => 1,
            Val::Path(_) => 2,
            Val::List(_) => 3,
            Val::Str(_) => 4,
            Val::Bool(_) => 5,
            Val::Int(_) => 6,
            Val::Date(_) => 7,
            Val::Null => 8,
        }
    }
    match (a, b) {
        (Val::Str(x), Val::Str(y)) => fold(x).cmp(&fold(y)).then_with(|| x.cmp(y)),
        (Val::Int(x), Val::Int(y)) => x.cmp(y),
        (Val::Bool(x), Val::Bool(y)) => x.cmp(y),
        (Val::Date(x), Val::Date(y)) => x.cmp(y),
        (Val::Node(x), Val::Node(y)) => x.cmp(y),
        (Val::Edge(x), Val::Edge(y)) => x.cmp(y),
        (Val::List(x), Val::List(y)) => x
            .iter()
            .zip(y)
            .map(|(p, q)| sort_order(p, q))
            .find(|o| o.is_ne())
            .unwrap_or_else(|| x.len().cmp(&y.len())),
        (Val::Path(x), Val::Path(y)) => x.edges.len().cmp(&y.edges.len()),
        _ => rank(a).cmp(&rank(b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Val {
        Val::Str(normalize(x).into())
    }

    #[test]
    fn exact_strings_fold_tone_placement_and_case_only() {
        assert_eq!(
            equals(&s("Quận uỷ"), &s("Quận ủy"), StrMode::Exact),
            Some(true)
        );
        assert_eq!(
            equals(&s("nguyễn văn tâm"), &s("Nguyễn Văn Tâm"), StrMode::Exact),
            Some(true),
            "case never matters"
        );
        assert_eq!(
            equals(&s("nguyễn văn tam"), &s("Nguyễn Văn Tâm"), StrMode::Exact),
            Some(false),
            "a diacritic given (or left out of a word with others) matters"
        );
        assert_eq!(
            equals(&s("Nguyễn Văn Tâm"), &s("Nguyễn Văn Tám"), StrMode::Exact),
            Some(false)
        );
        assert_eq!(
            equals(
                &Val::Str("Hòa".nfd().collect::<String>().into()),
                &s("Hòa"),
                StrMode::Exact
            ),
            Some(false),
            "the planner normalises literals; raw NFD is different bytes"
        );
        assert_eq!(
            equals(&s("Hoà"), &s("Hòa"), StrMode::Exact),
            Some(true),
            "normalize() brings NFD and the new placement to one form"
        );
    }

    #[test]
    fn loose_strings_ignore_marks_and_case() {
        assert!(is_loose("nguyen van tam"));
        assert!(!is_loose("Nguyễn"));
        assert!(!is_loose("dong da đ"));
        assert_eq!(
            equals(&s("Nguyễn Văn Tâm"), &s("nguyen VAN tam"), StrMode::Loose),
            Some(true)
        );
        assert_eq!(
            compare(&s("Đống Đa"), &s("dong"), StrMode::Loose),
            Some(Ordering::Greater)
        );
    }

    #[test]
    fn null_and_mixed_types() {
        assert_eq!(equals(&Val::Null, &Val::Int(1), StrMode::Exact), None);
        assert_eq!(equals(&Val::Int(1), &s("1"), StrMode::Exact), Some(false));
        assert_eq!(compare(&Val::Int(1), &s("1"), StrMode::Exact), None);
        assert_eq!(
            equals(
                &Val::List(vec![Val::Int(1), Val::Null]),
                &Val::List(vec![Val::Int(1), Val::Null]),
                StrMode::Exact
            ),
            None
        );
    }

    #[test]
    fn sort_order_is_vietnamese_friendly_with_nulls_last() {
        let mut v = vec![s("Trần"), Val::Null, s("Đinh"), s("Bùi"), s("Ánh")];
        v.sort_by(sort_order);
        assert_eq!(v, vec![s("Ánh"), s("Bùi"), s("Đinh"), s("Trần"), Val::Null]);
    }
}
