//! The facts of one article: entities and relations with their evidence, merged by key
//! within the article. The graph merges them across articles.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::schema::{Label, Props, Rel, Value};
use crate::text::Span;

/// A node as one article sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The label.
    pub label: Label,
    /// Display name.
    pub name: String,
    /// Merge key, as a type of [`crate::keys`] prints it.
    pub key: String,
    /// Properties other than name and key.
    pub props: Props,
    /// Sentences that mention it.
    pub evidence: Vec<Span>,
}

/// An edge as one article sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// The type.
    pub rel: Rel,
    /// Index of the source entity.
    pub from: usize,
    /// Index of the target entity.
    pub to: usize,
    /// Properties.
    pub props: Props,
    /// Sentences that support it.
    pub evidence: Vec<Span>,
    /// What tells two edges of one type between the same nodes apart (a HOLDS title).
    pub discriminator: String,
}

/// Entities and relations of one article, each unique by key.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    /// Entities; index 0 is the article itself.
    pub entities: Vec<Entity>,
    /// Relations between them.
    pub relations: Vec<Relation>,
    /// Entities by label and key, relations by type, ends and discriminator: indexes
    /// into the two lists, found by hashing the key and compared with the item itself, so
    /// that no key is copied to look one up or to add one.
    by_key: HashTable<usize>,
    by_edge: HashTable<usize>,
}

fn entity_hash(label: Label, key: &str) -> u64 {
    FxBuildHasher.hash_one((label, key))
}

fn relation_hash(rel: Rel, from: usize, to: usize, discriminator: &str) -> u64 {
    FxBuildHasher.hash_one((rel, from, to, discriminator))
}

impl Facts {
    /// Adds an entity, or merges it into the one with the same label and key: evidence is
    /// united and properties missing (or null) on the first are taken from the second.
    pub fn entity(
        &mut self,
        label: Label,
        name: &str,
        key: &str,
        props: Props,
        span: Span,
    ) -> usize {
        let h = entity_hash(label, key);
        let entities = &self.entities;
        let same = |&i: &usize| entities[i].label == label && entities[i].key == key;
        if let Some(&i) = self.by_key.find(h, same) {
            let e = &mut self.entities[i];
            e.props.fill(props);
            push_span(&mut e.evidence, span);
            return i;
        }
        let entities = &self.entities;
        self.by_key.insert_unique(h, entities.len(), |&i| {
            entity_hash(entities[i].label, &entities[i].key)
        });
        self.entities.push(Entity {
            label,
            name: name.to_string(),
            key: key.to_string(),
            props,
            evidence: vec![span],
        });
        self.entities.len() - 1
    }

    /// Adds evidence to entity `id`: what [`Facts::entity`] does for an entity met again
    /// with no property it lacks.
    pub fn mention(&mut self, id: usize, span: Span) {
        if let Some(e) = self.entities.get_mut(id) {
            push_span(&mut e.evidence, span);
        }
    }

    /// Adds a relation, or adds evidence to the same one (type, ends, discriminator).
    pub fn relate(&mut self, rel: Rel, from: usize, to: usize, props: Props, span: Span) {
        if from == to {
            return;
        }
        let disc = match rel {
            Rel::Holds => props.get("title").and_then(Value::as_str).unwrap_or(""),
            _ => "",
        };
        let h = relation_hash(rel, from, to, disc);
        let relations = &self.relations;
        let same = |&i: &usize| {
            let r = &relations[i];
            r.rel == rel && r.from == from && r.to == to && r.discriminator == disc
        };
        if let Some(&i) = self.by_edge.find(h, same) {
            push_span(&mut self.relations[i].evidence, span);
            return;
        }
        let discriminator = disc.to_string();
        self.by_edge
            .insert_unique(h, relations.len(), |&i| Facts::rehash(relations, i));
        self.relations.push(Relation {
            rel,
            from,
            to,
            props,
            evidence: vec![span],
            discriminator,
        });
    }

    /// The hash `by_edge` holds relation `i` by.
    fn rehash(relations: &[Relation], i: usize) -> u64 {
        let r = &relations[i];
        relation_hash(r.rel, r.from, r.to, &r.discriminator)
    }
}

impl Facts {
    /// Drops ATTENDED where the same person CHAIRED the same event: a chair named again
    /// among those present ("dự và chủ trì", a caption) is not a guest.
    pub fn drop_guests_who_chair(&mut self) {
        let chairs: std::collections::HashSet<(usize, usize)> = self
            .relations
            .iter()
            .filter(|r| r.rel == Rel::Chaired)
            .map(|r| (r.from, r.to))
            .collect();
        self.relations
            .retain(|r| !(r.rel == Rel::Attended && chairs.contains(&(r.from, r.to))));
        let relations = &self.relations;
        self.by_edge.clear();
        for i in 0..relations.len() {
            let h = Facts::rehash(relations, i);
            self.by_edge
                .insert_unique(h, i, |&j| Facts::rehash(relations, j));
        }
    }
}

fn push_span(spans: &mut Vec<Span>, span: Span) {
    if !spans.contains(&span) {
        spans.push(span);
    }
}

/// Builds a property map from pairs.
pub fn props<const N: usize>(pairs: [(&str, Value); N]) -> Props {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_merge_by_key_and_fill_missing_props() {
        let mut f = Facts::default();
        let s1 = Span { start: 0, end: 5 };
        let s2 = Span { start: 6, end: 9 };
        let a = f.entity(
            Label::Meeting,
            "Hội nghị",
            "k",
            props([("date", Value::Null)]),
            s1,
        );
        let b = f.entity(
            Label::Meeting,
            "Hội nghị",
            "k",
            props([("date", "2020-01-01".into())]),
            s2,
        );
        assert_eq!(a, b);
        assert_eq!(f.entities[0].props["date"], Value::from("2020-01-01"));
        assert_eq!(f.entities[0].evidence.len(), 2);
    }

    #[test]
    fn chairs_are_not_also_guests() {
        let mut f = Facts::default();
        let s = Span { start: 0, end: 1 };
        let p = f.entity(Label::Person, "A", "a", Props::new(), s);
        let q = f.entity(Label::Person, "B", "b", Props::new(), s);
        let m = f.entity(Label::Meeting, "M", "m", Props::new(), s);
        f.relate(Rel::Attended, p, m, Props::new(), s);
        f.relate(Rel::Chaired, p, m, Props::new(), s);
        f.relate(Rel::Attended, q, m, Props::new(), s);
        f.drop_guests_who_chair();
        let kept: Vec<(Rel, usize)> = f.relations.iter().map(|r| (r.rel, r.from)).collect();
        assert_eq!(kept, vec![(Rel::Chaired, p), (Rel::Attended, q)]);
        f.relate(Rel::Attended, q, m, Props::new(), Span { start: 2, end: 3 });
        assert_eq!(f.relations.len(), 2, "the index still finds the kept edges");
    }

    #[test]
    fn holds_edges_differ_by_title() {
        let mut f = Facts::default();
        let s = Span { start: 0, end: 1 };
        let p = f.entity(Label::Person, "A", "a", Props::new(), s);
        let c = f.entity(Label::PartyCommittee, "B", "b", Props::new(), s);
        f.relate(Rel::Holds, p, c, props([("title", "Bí thư".into())]), s);
        f.relate(Rel::Holds, p, c, props([("title", "Ủy viên".into())]), s);
        f.relate(Rel::Holds, p, c, props([("title", "Bí thư".into())]), s);
        assert_eq!(f.relations.len(), 2);
    }
}
