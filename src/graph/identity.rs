//! Who is who: the key that decides when two mentions of a person are one node.
//!
//! A folded name alone is right inside one article and wrong across a country: common full
//! names recur in every province. A person's key is therefore the name and an *anchor*
//! read from the article itself, so that the key of a mention never depends on the other
//! articles (merging stays independent of the order articles are added in):
//!
//! - [`Anchor::National`]: the person holds a central office (Bộ Chính trị, Ban Bí thư,
//!   Trung ương, Chính phủ, Quốc hội): one person wherever named.
//! - [`Anchor::Place`]: the place (commune, district or province) of the most local body
//!   the person holds a position in. Two mentions of a name holding positions in one
//!   district (Phó Bí thư then Bí thư of its Huyện ủy, or Chủ tịch of its UBND) are one
//!   person; namesakes of two districts are two.
//! - [`Anchor::Article`]: no position in the article: the mention stays its own node.

use std::borrow::Cow;

use crate::extract::Facts;
use crate::keys::HoldsKey;
pub use crate::keys::{Anchor, PersonKey};
use crate::schema::{Label, Rel, Value};

/// The key of the person entity `person` of an article's facts (`article` is the
/// article's identifier).
pub fn person_key(facts: &Facts, person: usize, article: &str) -> PersonKey {
    let bodies = facts
        .relations
        .iter()
        .filter(|r| r.rel == Rel::Holds && r.from == person)
        .map(|r| r.to);
    let anchor = anchor(facts, bodies).unwrap_or_else(|| Anchor::Article(article.into()));
    PersonKey::new(&facts.entities[person].key, anchor)
}

/// What tells two edges of one type between the same two nodes apart: a HOLDS edge is one
/// position at one date (title and `as_of`), so that positions over time stay apart;
/// other edges keep what the article gave.
pub fn edge_discriminator(r: &crate::extract::Relation) -> Cow<'_, str> {
    match r.rel {
        Rel::Holds => Cow::Owned(
            HoldsKey {
                title: &r.discriminator,
                as_of: r.props.get("as_of").and_then(Value::as_str).unwrap_or(""),
            }
            .to_string(),
        ),
        _ => Cow::Borrowed(&r.discriminator),
    }
}

/// How local a body is: a commune's before a district's before a province's.
fn locality(level: Option<&str>) -> u8 {
    match level {
        Some("ward") => 0,
        Some("district") => 1,
        Some("province") => 2,
        _ => 3,
    }
}

/// The anchor of a person holding positions in `bodies`: national if one is central,
/// else the place of the most local one (ties: a party committee first, then by key).
fn anchor(facts: &Facts, bodies: impl Iterator<Item = usize>) -> Option<Anchor> {
    let mut best: Option<(u8, bool, &str, usize)> = None;
    for b in bodies {
        let e = &facts.entities[b];
        let level = e.props.get("level").and_then(Value::as_str);
        if level == Some("central") {
            return Some(Anchor::National);
        }
        let rank = (
            locality(level),
            e.label != Label::PartyCommittee,
            e.key.as_str(),
            b,
        );
        if best.is_none_or(|x| rank < x) {
            best = Some(rank);
        }
    }
    let (_, _, key, body) = best?;
    let place = facts
        .relations
        .iter()
        .filter(|r| r.rel == Rel::In && r.from == body)
        .map(|r| &facts.entities[r.to])
        .find(|p| matches!(p.label, Label::Commune | Label::District | Label::Province));
    Some(Anchor::Place(
        place.map_or(key, |p| p.key.as_str()).to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;
    use crate::text::Article;

    fn key_of(text: &str, name: &str) -> String {
        let a = Article::from_text("x/a.txt", format!("Tin\n\n{text}"));
        let f = extract(&a);
        let i = f
            .entities
            .iter()
            .position(|e| e.label == Label::Person && e.name == name)
            .unwrap_or_else(|| panic!("{name} in {:?}", f.entities));
        person_key(&f, i, "x/a.txt").to_string()
    }

    #[test]
    fn the_anchor_is_the_place_of_the_most_local_position() {
        assert_eq!(
            key_of(
                "Đồng chí Lưu Văn Bình - Tỉnh ủy viên, Bí thư Huyện ủy Gia Lâm phát biểu.",
                "Lưu Văn Bình"
            ),
            "luu van binh|gia lam, ha noi"
        );
        assert_eq!(
            key_of(
                "Đồng chí Lưu Văn Bình - Chủ tịch UBND huyện Gia Lâm phát biểu.",
                "Lưu Văn Bình"
            ),
            "luu van binh|gia lam, ha noi",
            "another body of the same district"
        );
        assert_eq!(
            key_of(
                "Dự hội nghị có đồng chí Lâm Quang Khải, Ủy viên Bộ Chính trị, Phó Thủ tướng Chính phủ.",
                "Lâm Quang Khải"
            ),
            "lam quang khai|national"
        );
        assert_eq!(
            key_of(
                "Ông Lưu Văn Bình phát biểu tại buổi gặp mặt.",
                "Lưu Văn Bình"
            ),
            "luu van binh|@x/a.txt"
        );
    }
}
