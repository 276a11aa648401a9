//! The vocabulary of the graph contract (`SCHEMA.md`): node labels, relationship types and
//! property values. Plain data shared by `extract`, `graph` and `export`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

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
    /// A string.
    Str(String),
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
        Value::Str(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
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

/// Properties of a node or edge, in a stable order.
pub type Props = BTreeMap<String, Value>;

/// Evidence: the sentence of an article that supports a fact.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// The article's file name, shared by every source of that article.
    pub article: std::sync::Arc<str>,
    /// First byte of the sentence in the article's normalised text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}
