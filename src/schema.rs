//! The vocabulary of the graph contract (`SCHEMA.md`): node labels, relationship types and
//! property values. Plain data shared by `extract`, `graph` and `export`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// A node label of SCHEMA.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Label {
    /// One input document.
    Article,
    /// An official named in an article.
    Person,
    /// A province-level unit: a centrally-run city or a province.
    Province,
    /// A district-level unit.
    District,
    /// A commune-level unit (xã, phường, thị trấn, đặc khu).
    Commune,
    /// A party committee.
    PartyCommittee,
    /// Any other body.
    Organization,
    /// A conference of a committee (hội nghị).
    Meeting,
    /// A party congress (đại hội).
    Congress,
    /// A work programme or action plan.
    Programme,
    /// A resolution, directive, regulation, decision, scheme.
    Document,
    /// An election.
    Election,
}

impl Label {
    /// Every label, in schema order.
    pub const ALL: [Label; 12] = [
        Label::Article,
        Label::Person,
        Label::Province,
        Label::District,
        Label::Commune,
        Label::PartyCommittee,
        Label::Organization,
        Label::Meeting,
        Label::Congress,
        Label::Programme,
        Label::Document,
        Label::Election,
    ];

    /// The label as SCHEMA.md spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Article => "Article",
            Label::Person => "Person",
            Label::Province => "Province",
            Label::District => "District",
            Label::Commune => "Commune",
            Label::PartyCommittee => "PartyCommittee",
            Label::Organization => "Organization",
            Label::Meeting => "Meeting",
            Label::Congress => "Congress",
            Label::Programme => "Programme",
            Label::Document => "Document",
            Label::Election => "Election",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A relationship type of SCHEMA.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rel {
    /// Person holds a position in a body (`title`, `as_of`).
    Holds,
    /// Person chaired a meeting or congress (chủ trì).
    Chaired,
    /// Person moderated (điều hành).
    Moderated,
    /// Person attended as a guest (dự, tới dự).
    Attended,
    /// Person presented a report or draft (trình bày; `item`).
    Presented,
    /// Person spoke (phát biểu, kết luận, chỉ đạo, báo cáo, cho biết; `kind`).
    Spoke,
    /// Committee convened the meeting.
    Convened,
    /// Congress of a committee.
    Of,
    /// Where a unit or body is.
    In,
    /// Meeting or congress discussed an item.
    Discussed,
    /// Meeting or congress adopted an item.
    Adopted,
    /// Programme or document issued by a body.
    IssuedBy,
    /// Article reports the event.
    Reports,
    /// Article names the node.
    Mentions,
}

impl Rel {
    /// Every type, in schema order.
    pub const ALL: [Rel; 14] = [
        Rel::Holds,
        Rel::Chaired,
        Rel::Moderated,
        Rel::Attended,
        Rel::Presented,
        Rel::Spoke,
        Rel::Convened,
        Rel::Of,
        Rel::In,
        Rel::Discussed,
        Rel::Adopted,
        Rel::IssuedBy,
        Rel::Reports,
        Rel::Mentions,
    ];

    /// The type as SCHEMA.md spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Rel::Holds => "HOLDS",
            Rel::Chaired => "CHAIRED",
            Rel::Moderated => "MODERATED",
            Rel::Attended => "ATTENDED",
            Rel::Presented => "PRESENTED",
            Rel::Spoke => "SPOKE",
            Rel::Convened => "CONVENED",
            Rel::Of => "OF",
            Rel::In => "IN",
            Rel::Discussed => "DISCUSSED",
            Rel::Adopted => "ADOPTED",
            Rel::IssuedBy => "ISSUED_BY",
            Rel::Reports => "REPORTS",
            Rel::Mentions => "MENTIONS",
        }
    }
}

impl fmt::Display for Rel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A property value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Value {
    /// Explicitly unknown (SCHEMA.md's "may be null").
    Null,
    /// An integer (ordinals, counts).
    Int(i64),
    /// A string, shared: a graph holds the same titles, dates and kinds many times, and a
    /// snapshot stores each once (see `graph::snapshot`), so a loaded graph shares one
    /// allocation among all the values it is.
    Str(Arc<str>),
}

impl Value {
    /// The string inside, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(s.into())
    }
}

impl From<Arc<str>> for Value {
    fn from(s: Arc<str>) -> Value {
        Value::Str(s)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// Properties of a node or edge, ordered by name: a map kept as a sorted vector, since a
/// node or edge has a handful of properties and a graph has millions of them (a
/// `BTreeMap` would cost a 600-byte tree node each). Look-up is a binary search; it
/// serializes as a map, byte for byte as a `BTreeMap` of the same entries.
///
/// Names and string values are shared ([`Arc<str>`]): every relationship of a type has
/// the same few names.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Props(Vec<(Arc<str>, Value)>);

impl Props {
    /// No properties.
    pub fn new() -> Props {
        Props(Vec::new())
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| (**k).cmp(name))
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.find(name).ok().map(|i| &self.0[i].1)
    }

    /// Whether `name` is set (to anything, null included).
    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Sets `name`; returns the value it replaces.
    pub fn insert(&mut self, name: impl Into<Arc<str>>, value: Value) -> Option<Value> {
        let name = name.into();
        match self.find(&name) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (name, value));
                None
            }
        }
    }

    /// Properties already in name order, each name once (as a snapshot stores them):
    /// taken as they are, without sorting; in any other order they are sorted as
    /// [`FromIterator`] does.
    pub fn from_sorted(pairs: Vec<(Arc<str>, Value)>) -> Props {
        if pairs.windows(2).all(|w| w[0].0 < w[1].0) {
            Props(pairs)
        } else {
            pairs.into_iter().collect()
        }
    }

    /// Takes from `from` each value this lacks or has as null (what merging two mentions of
    /// one entity does: the first value known wins).
    pub fn fill(&mut self, from: Props) {
        for (k, v) in from {
            match self.find(&k) {
                Ok(i) if self.0[i].1 == Value::Null => self.0[i].1 = v,
                Ok(_) => {}
                Err(i) => self.0.insert(i, (k, v)),
            }
        }
    }

    /// The properties, by name.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&Arc<str>, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The names, in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &Arc<str>> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values, in name order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Value> {
        self.0.iter().map(|(_, v)| v)
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::ops::Index<&str> for Props {
    type Output = Value;
    /// The value of a name that is set; panics on one that is not (as a map does): for
    /// tests and names known to be there.
    fn index(&self, name: &str) -> &Value {
        match self.get(name) {
            Some(v) => v,
            None => panic!("no property {name}"),
        }
    }
}

impl fmt::Debug for Props {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Into<Arc<str>>> FromIterator<(K, Value)> for Props {
    /// As a map would: a name given twice keeps its last value.
    fn from_iter<I: IntoIterator<Item = (K, Value)>>(iter: I) -> Props {
        let mut v: Vec<(Arc<str>, Value)> = iter.into_iter().map(|(k, v)| (k.into(), v)).collect();
        v.reverse(); // the stable sort then dedup keep the last of equal names
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v.dedup_by(|a, b| a.0 == b.0);
        Props(v)
    }
}

impl<K: Into<Arc<str>>, const N: usize> From<[(K, Value); N]> for Props {
    fn from(pairs: [(K, Value); N]) -> Props {
        pairs.into_iter().collect()
    }
}

impl IntoIterator for Props {
    type Item = (Arc<str>, Value);
    type IntoIter = std::vec::IntoIter<(Arc<str>, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Props {
    type Item = (&'a Arc<str>, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Arc<str>, Value)>,
        fn(&'a (Arc<str>, Value)) -> (&'a Arc<str>, &'a Value),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl Serialize for Props {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Props {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Props, D::Error> {
        BTreeMap::<String, Value>::deserialize(d)
            .map(|m| Props(m.into_iter().map(|(k, v)| (k.into(), v)).collect()))
    }
}

/// An article of a graph: its place in the graph's list of articles (the graph
/// turns it into the article's file name). Four bytes, where a shared name would cost
/// sixteen and an atomic count on every copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ArticleId(u32);

impl ArticleId {
    /// The article at `index` of the graph's list.
    pub fn new(index: usize) -> ArticleId {
        // a graph holds far fewer than 2^32 articles (each is a file read)
        ArticleId(u32::try_from(index).unwrap_or(u32::MAX))
    }

    /// Its place in the graph's list of articles.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The sentences a node or relationship comes from. Most have one, which is kept in place
/// of the pointer a list would need: a graph has millions of them, and a heap allocation
/// each was a tenth of a loaded graph's memory. Serialized as a list.
pub type Sources = smallvec::SmallVec<[Source; 1]>;

/// Evidence: the sentence of an article that supports a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// The article (see [`ArticleId`]).
    pub article: ArticleId,
    /// First byte of the sentence in the article's normalised text (u32: an article is
    /// at most a few megabytes, and a graph holds a million sources).
    pub start: u32,
    /// One past its last byte.
    pub end: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_is_listed_at_its_own_number() {
        // indexes tally per type in arrays indexed by `rel as usize`
        for (i, r) in Rel::ALL.iter().enumerate() {
            assert_eq!(*r as usize, i, "{r:?}");
        }
        for (i, l) in Label::ALL.iter().enumerate() {
            assert_eq!(*l as usize, i, "{l:?}");
        }
    }

    fn map() -> BTreeMap<String, Value> {
        [
            ("title".to_string(), Value::from("Bí thư")),
            ("as_of".to_string(), Value::from("2020-05-01")),
            ("ordinal".to_string(), Value::Int(3)),
        ]
        .into()
    }

    #[test]
    fn props_encode_byte_for_byte_as_the_map_they_replace() {
        let props: Props = map().into_iter().collect();
        assert_eq!(
            bincode::serialize(&props).unwrap(),
            bincode::serialize(&map()).unwrap()
        );
        assert_eq!(
            serde_json::to_string(&props).unwrap(),
            serde_json::to_string(&map()).unwrap()
        );
        let back: Props = bincode::deserialize(&bincode::serialize(&map()).unwrap()).unwrap();
        assert_eq!(back, props);
        assert_eq!(format!("{props:?}"), format!("{:?}", map()));
    }

    #[test]
    fn props_keep_names_in_order_and_the_last_of_a_name_given_twice() {
        let p: Props = [
            ("b".to_string(), Value::Int(1)),
            ("a".to_string(), Value::Int(2)),
            ("b".to_string(), Value::Int(3)),
        ]
        .into();
        assert_eq!(p.keys().map(|k| &**k).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(p.get("b"), Some(&Value::Int(3)));
        assert_eq!(p.get("c"), None);
    }

    #[test]
    fn fill_takes_only_what_is_missing_or_null() {
        let mut p: Props = [
            ("a".to_string(), Value::Null),
            ("b".to_string(), Value::Int(1)),
        ]
        .into();
        p.fill(
            [
                ("a".to_string(), Value::Int(7)),
                ("b".to_string(), Value::Int(8)),
                ("c".to_string(), Value::Int(9)),
            ]
            .into(),
        );
        assert_eq!(
            p.iter().map(|(k, v)| (&**k, v.clone())).collect::<Vec<_>>(),
            [
                ("a", Value::Int(7)),
                ("b", Value::Int(1)),
                ("c", Value::Int(9))
            ]
        );
        assert_eq!(p.insert("a", Value::Null), Some(Value::Int(7)));
    }

    #[test]
    fn props_in_order_are_taken_as_they_are_and_others_are_sorted() {
        let pair = |k: &str, n: i64| (Arc::<str>::from(k), Value::Int(n));
        let sorted = Props::from_sorted(vec![pair("a", 1), pair("b", 2)]);
        assert_eq!(sorted, [("a", Value::Int(1)), ("b", Value::Int(2))].into());
        let unsorted = Props::from_sorted(vec![pair("b", 2), pair("a", 1), pair("b", 3)]);
        assert_eq!(
            unsorted,
            [("a", Value::Int(1)), ("b", Value::Int(3))].into()
        );
    }
}
