//! Properties of a node or edge: a small map, shared among the nodes and edges that have
//! the same one.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::Value;

/// Properties of a node or edge, ordered by name: a map kept as a sorted slice, since a
/// node or edge has a handful of properties and a graph has millions of them (a
/// `BTreeMap` would cost a 600-byte tree node each). Look-up is a binary search; it
/// serializes as a map, byte for byte as a `BTreeMap` of the same entries.
///
/// The slice is shared ([`Arc`]): a graph has millions of relationships but only tens of
/// thousands of distinct property maps (every `HOLDS` of one title and date has the same
/// one), and a loaded or built graph keeps one copy of each (see
/// [`crate::graph::KnowledgeGraph`] and `graph::snapshot`). No properties is no
/// allocation. A change makes a new slice, so a shared map is never changed under the
/// others that hold it: changes are rare (merging facts), reads are many.
///
/// Names and string values are shared too ([`Arc<str>`]): every relationship of a type has
/// the same few names.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Props(Option<Arc<[Entry]>>);

/// The most entries [`Props::get`] reads in order rather than searches.
const SMALL: usize = 8;

/// A property: its name and value.
type Entry = (Arc<str>, Value);

impl Props {
    /// No properties.
    pub fn new() -> Props {
        Props(None)
    }

    fn of(pairs: Vec<Entry>) -> Props {
        Props((!pairs.is_empty()).then(|| pairs.into()))
    }

    fn pairs(&self) -> &[Entry] {
        self.0.as_deref().unwrap_or_default()
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.pairs().binary_search_by(|(k, _)| (**k).cmp(name))
    }

    /// The value of `name`. A small map is read in order, each name's length (held beside
    /// its pointer) compared before its bytes: fewer reads of the names than a binary
    /// search's comparisons; a large one is searched.
    pub fn get(&self, name: &str) -> Option<&Value> {
        let pairs = self.pairs();
        if pairs.len() <= SMALL {
            return pairs
                .iter()
                .find(|(k, _)| k.len() == name.len() && **k == *name)
                .map(|(_, v)| v);
        }
        self.find(name).ok().map(|i| &pairs[i].1)
    }

    /// Whether `name` is set (to anything, null included).
    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Sets `name`; returns the value it replaces. Copies the map (O(n)).
    pub fn insert(&mut self, name: impl Into<Arc<str>>, value: Value) -> Option<Value> {
        let name = name.into();
        let mut pairs = self.pairs().to_vec();
        let old = match self.find(&name) {
            Ok(i) => Some(std::mem::replace(&mut pairs[i].1, value)),
            Err(i) => {
                pairs.insert(i, (name, value));
                None
            }
        };
        *self = Props::of(pairs);
        old
    }

    /// Properties already in name order, each name once (as a snapshot stores them):
    /// taken as they are, without sorting; in any other order they are sorted as
    /// [`FromIterator`] does.
    pub fn from_sorted(pairs: Vec<(Arc<str>, Value)>) -> Props {
        if pairs.windows(2).all(|w| w[0].0 < w[1].0) {
            Props::of(pairs)
        } else {
            pairs.into_iter().collect()
        }
    }

    /// Takes from `from` each value this lacks or has as null (what merging two mentions of
    /// one entity does: the first value known wins). Copies the map when it changes.
    pub fn fill(&mut self, from: Props) {
        let lacks = |(k, v): (&Arc<str>, &Value)| match self.get(k) {
            Some(Value::Null) => *v != Value::Null,
            Some(_) => false,
            None => true,
        };
        if !from.iter().any(lacks) {
            return;
        }
        let mut pairs = self.pairs().to_vec();
        for (k, v) in from {
            match pairs.binary_search_by(|(n, _)| n.cmp(&k)) {
                Ok(i) if pairs[i].1 == Value::Null => pairs[i].1 = v,
                Ok(_) => {}
                Err(i) => pairs.insert(i, (k, v)),
            }
        }
        *self = Props::of(pairs);
    }

    /// The properties, by name.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&Arc<str>, &Value)> {
        self.pairs().iter().map(|(k, v)| (k, v))
    }

    /// The names, in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &Arc<str>> {
        self.pairs().iter().map(|(k, _)| k)
    }

    /// The values, in name order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Value> {
        self.pairs().iter().map(|(_, v)| v)
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.pairs().len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
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
        Props::of(v)
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
    /// The entries, copied out of the shared map (names and values are shared strings:
    /// a copy is a count).
    fn into_iter(self) -> Self::IntoIter {
        self.pairs().to_vec().into_iter()
    }
}

impl<'a> IntoIterator for &'a Props {
    type Item = (&'a Arc<str>, &'a Value);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Arc<str>, Value)>,
        fn(&'a (Arc<str>, Value)) -> (&'a Arc<str>, &'a Value),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.pairs().iter().map(|(k, v)| (k, v))
    }
}

impl Serialize for Props {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Props {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Props, D::Error> {
        BTreeMap::<String, Value>::deserialize(d).map(|m| m.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn get_finds_each_name_in_small_and_large_maps_alike() {
        // names of one length (compared by their bytes) and of others, in maps read in
        // order and in maps searched
        for n in [1, 3, SMALL, SMALL + 1, 3 * SMALL] {
            let names: Vec<String> = (0..n)
                .map(|i| format!("k{:0w$}", i, w = i % 3 + 1))
                .collect();
            let p: Props = names
                .iter()
                .enumerate()
                .map(|(i, k)| (k.clone(), Value::Int(i as i64)))
                .collect();
            assert_eq!(p.len(), n);
            for (i, k) in names.iter().enumerate() {
                assert_eq!(p.get(k), Some(&Value::Int(i as i64)), "{k} of {n}");
                assert!(p.contains_key(k));
            }
            for absent in ["k", "k00000", "", "j0"] {
                assert_eq!(p.get(absent), None, "{absent} of {n}");
            }
        }
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

    #[test]
    fn a_change_to_a_shared_map_leaves_the_others_that_share_it_as_they_were() {
        let a: Props = map().into_iter().collect();
        let mut b = a.clone();
        assert!(std::ptr::eq(a.pairs(), b.pairs()));
        b.insert("ordinal", Value::Int(4));
        b.fill([("kind".to_string(), Value::from("x"))].into());
        assert_eq!(a, map().into_iter().collect());
        assert_eq!(b.get("ordinal"), Some(&Value::Int(4)));
        assert_eq!(b.len(), 4);
        // a fill that changes nothing keeps the map shared
        let mut c = a.clone();
        c.fill([("title".to_string(), Value::from("other"))].into());
        assert!(std::ptr::eq(a.pairs(), c.pairs()));
    }

    #[test]
    fn no_properties_is_no_allocation_and_equals_an_emptied_map() {
        assert!(Props::new().0.is_none());
        let empty: Props = Vec::<(String, Value)>::new().into_iter().collect();
        assert!(empty.0.is_none());
        assert_eq!(empty, Props::new());
        assert!(empty.is_empty() && empty.iter().len() == 0);
    }
}
