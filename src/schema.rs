//! The vocabulary of the graph contract (`SCHEMA.md`): node labels, relationship types and
//! property values. Plain data shared by `extract`, `graph` and `export`.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

mod props;
pub use props::Props;

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
}
