//! Positions as written: "Phó Bí thư Thường trực Quận ủy", "UVBTV", "Thành ủy viên",
//! "Trưởng Ban Tổ chức Huyện ủy", "nguyên Chủ tịch UBND huyện".

use super::bodies::{BAN_NAMES, BodyRef, department, parse_body};
use super::places::Level;
use super::tokens::{Token, first_word, indexed, seq};
use crate::schema::Label;

/// A position named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleRef {
    /// The title without body or place, as SCHEMA.md writes it ("Phó Bí thư Thường trực").
    pub title: String,
    /// The body the position is in, as written (its place may still be missing).
    pub body: Option<BodyRef>,
    /// "nguyên …": a former position, not one held.
    pub former: bool,
    /// "UVTV" with no body: the standing committee of the article's own committee.
    pub own_committee: bool,
}

#[derive(Clone, Copy)]
enum Kind {
    /// A title followed by the body it is in, or by nothing.
    Plain(&'static str),
    /// "Trưởng" / "Phó Trưởng": needs a body ("Ban …", "Công an …").
    Chief(&'static str),
    /// "Thành ủy viên": member of a committee named by the word itself.
    Member(&'static str),
    /// "UVBTV": member of a standing committee.
    Standing,
    /// "Trưởng ban Tổ chức": head of a department named right after.
    Ban(&'static str),
    /// "Chánh Văn phòng Quận ủy": head of an office.
    Office(&'static str),
    /// "Phó Trưởng phòng theo dõi …, Ban Nội chính": head of a section inside a body.
    Section(&'static str),
    /// "Tổng Bí thư", "Chủ tịch nước", "Phó Thủ tướng": a national office whose body may
    /// go unwritten.
    National(&'static str, Label, &'static str),
    /// "Chánh Thanh tra tỉnh": a title that names its body, whose place follows.
    Names(&'static str, &'static str),
}

const HEADS: &[(&str, Kind)] = &[
    ("bí thư", Kind::Plain("Bí thư")),
    ("phó bí thư", Kind::Plain("Phó Bí thư")),
    (
        "tổng bí thư",
        Kind::National(
            "Tổng Bí thư",
            Label::PartyCommittee,
            "Ban Chấp hành Trung ương",
        ),
    ),
    (
        "bí thư trung ương đảng",
        Kind::National("Bí thư", Label::PartyCommittee, "Ban Bí thư Trung ương"),
    ),
    (
        "bí thư trung ương",
        Kind::National("Bí thư", Label::PartyCommittee, "Ban Bí thư Trung ương"),
    ),
    (
        "chủ tịch nước",
        Kind::National("Chủ tịch nước", Label::Organization, "Nhà nước"),
    ),
    (
        "phó chủ tịch nước",
        Kind::National("Phó Chủ tịch nước", Label::Organization, "Nhà nước"),
    ),
    (
        "thủ tướng",
        Kind::National("Thủ tướng", Label::Organization, "Chính phủ"),
    ),
    (
        "thủ tướng chính phủ",
        Kind::National("Thủ tướng", Label::Organization, "Chính phủ"),
    ),
    (
        "phó thủ tướng",
        Kind::National("Phó Thủ tướng", Label::Organization, "Chính phủ"),
    ),
    (
        "phó thủ tướng chính phủ",
        Kind::National("Phó Thủ tướng", Label::Organization, "Chính phủ"),
    ),
    ("tổng thư ký", Kind::Plain("Tổng Thư ký")),
    ("ủy viên dự khuyết", Kind::Plain("Ủy viên dự khuyết")),
    ("pbt", Kind::Plain("Phó Bí thư")),
    ("pct", Kind::Plain("Phó Chủ tịch")),
    ("quyền chủ tịch", Kind::Plain("Quyền Chủ tịch")),
    (
        "chánh thanh tra",
        Kind::Names("Chánh Thanh tra", "Thanh tra"),
    ),
    (
        "phó chánh thanh tra",
        Kind::Names("Phó Chánh Thanh tra", "Thanh tra"),
    ),
    ("chánh án", Kind::Plain("Chánh án")),
    ("phó chánh án", Kind::Plain("Phó Chánh án")),
    ("viện trưởng", Kind::Plain("Viện trưởng")),
    ("phó viện trưởng", Kind::Plain("Phó Viện trưởng")),
    ("tư lệnh", Kind::Plain("Tư lệnh")),
    ("phó tư lệnh", Kind::Plain("Phó Tư lệnh")),
    ("chính ủy", Kind::Plain("Chính ủy")),
    ("bộ trưởng", Kind::Plain("Bộ trưởng")),
    ("thứ trưởng", Kind::Plain("Thứ trưởng")),
    ("tổng giám đốc", Kind::Plain("Tổng Giám đốc")),
    ("chủ tịch", Kind::Plain("Chủ tịch")),
    ("phó chủ tịch", Kind::Plain("Phó Chủ tịch")),
    ("chủ nhiệm", Kind::Plain("Chủ nhiệm")),
    ("phó chủ nhiệm", Kind::Plain("Phó Chủ nhiệm")),
    ("giám đốc", Kind::Plain("Giám đốc")),
    ("phó giám đốc", Kind::Plain("Phó Giám đốc")),
    ("chỉ huy trưởng", Kind::Plain("Chỉ huy trưởng")),
    ("thủ tướng", Kind::Plain("Thủ tướng")),
    ("ủy viên", Kind::Plain("Ủy viên")),
    ("đại biểu", Kind::Plain("Đại biểu")),
    ("trưởng", Kind::Chief("Trưởng")),
    ("phó trưởng", Kind::Chief("Phó Trưởng")),
    ("trưởng ban", Kind::Ban("Trưởng ban")),
    ("phó trưởng ban", Kind::Ban("Phó Trưởng ban")),
    ("thành ủy viên", Kind::Member("Thành ủy")),
    ("tỉnh ủy viên", Kind::Member("Tỉnh ủy")),
    ("quận ủy viên", Kind::Member("Quận ủy")),
    ("huyện ủy viên", Kind::Member("Huyện ủy")),
    ("thị ủy viên", Kind::Member("Thị ủy")),
    ("tuv", Kind::Member("Thành ủy")),
    ("quv", Kind::Member("Quận ủy")),
    ("huv", Kind::Member("Huyện ủy")),
    ("ủy viên ban thường vụ", Kind::Standing),
    ("ủy viên thường vụ", Kind::Standing),
    ("ủy viên btv", Kind::Standing),
    ("uvbtv", Kind::Standing),
    ("uvtv", Kind::Standing),
    ("chánh văn phòng", Kind::Office("Chánh Văn phòng")),
    ("phó chánh văn phòng", Kind::Office("Phó Chánh Văn phòng")),
    ("trưởng phòng", Kind::Section("Trưởng phòng")),
    ("phó trưởng phòng", Kind::Section("Phó Trưởng phòng")),
];

/// Reads a title at token `i`: the position, the body it names and the index after it.
/// The words a title can start with ([`parse_title`]): "nguyên", "thôi", "từng" before
/// it, and the first word of each title.
pub fn first_words() -> impl Iterator<Item = &'static str> {
    FORMER
        .into_iter()
        .chain(HEADS.iter().map(|(phrase, _)| first_word(phrase)))
}

/// The words that say a title is no longer held ([`former_at`]).
const FORMER: [&str; 3] = ["nguyên", "thôi", "từng"];

pub fn parse_title(tokens: &[Token], i: usize) -> Option<(TitleRef, usize)> {
    let (former, i) = former_at(tokens, i).map_or((false, i), |e| (true, e));
    let (kind, mut j) = indexed!(HEADS, Kind).longest(tokens, i)?;
    let mut suffix = "";
    if let Some(k) = seq(tokens, j, &["thường", "trực"]).or_else(|| seq(tokens, j, &["tt"])) {
        suffix = " Thường trực";
        j = k;
    }
    if matches!(kind, Kind::National("Bí thư", ..)) && seq(tokens, j, &["đoàn"]).is_some() {
        return None; // "Bí thư Trung ương Đoàn" is the Youth Union's
    }
    let mut t = TitleRef {
        title: String::new(),
        body: None,
        former,
        own_committee: false,
    };
    let end = match kind {
        Kind::Plain(title) => {
            t.title = [title, suffix].concat();
            match parse_body(tokens, j) {
                Some((body, end)) => {
                    t.body = Some(body);
                    end
                }
                None if title == "Đại biểu" || title == "Ủy viên" => return None,
                None => {
                    // "PBT, Chủ tịch UBND huyện": a party office whose committee is that of
                    // the next office, or the article's own
                    let listed = tokens
                        .get(j)
                        .is_none_or(|n| matches!(n.text, "," | "-" | "–" | ";" | ")"));
                    t.own_committee = listed && PARTY_OFFICES.contains(&title);
                    j
                }
            }
        }
        Kind::Names(title, head) => {
            t.title = title.to_string();
            let (body, end) = named_body(tokens, head, j);
            t.body = Some(body);
            end
        }
        Kind::National(title, label, head) => {
            t.title = [title, suffix].concat();
            let (body, end) = parse_body(tokens, j)
                .filter(|(b, _)| b.scope == Level::Central)
                .unwrap_or((BodyRef::new(label, head, Level::Central), j));
            t.body = Some(body);
            end
        }
        Kind::Chief(title) => {
            let (body, end) = parse_body(tokens, j)?;
            let unit = if body.head.starts_with("Ban ") {
                " ban"
            } else if body.head.starts_with("Tiểu ban") {
                " tiểu ban"
            } else if body.head.starts_with("Đoàn đại biểu") {
                " đoàn"
            } else {
                ""
            };
            t.title = format!("{title}{unit}{suffix}");
            t.body = Some(body);
            end
        }
        Kind::Member(head) => {
            t.title = "Ủy viên".to_string();
            let scope = if head == "Thành ủy" || head == "Tỉnh ủy" {
                Level::Province
            } else {
                Level::District
            };
            t.body = Some(BodyRef::new(Label::PartyCommittee, head, scope));
            j
        }
        Kind::Standing => {
            t.title = "Ủy viên Ban Thường vụ".to_string();
            match parse_body(tokens, j).filter(|(b, _)| b.label == Label::PartyCommittee) {
                Some((body, end)) => {
                    t.body = Some(body);
                    end
                }
                None => {
                    t.own_committee = true;
                    j
                }
            }
        }
        Kind::Ban(title) => {
            t.title = [title, suffix].concat();
            // "Phó Trưởng ban Thường trực Ban Dân vận": the department named again
            let j = seq(tokens, j, &["ban"]).unwrap_or(j);
            let (name, k) = indexed!(BAN_NAMES, &'static str).longest(tokens, j)?;
            let (body, end) = department(tokens, &format!("Ban {name}"), k);
            t.body = Some(body);
            end
        }
        Kind::Office(title) => {
            t.title = title.to_string();
            let (body, end) = match parse_body(tokens, j) {
                Some((parent, end)) => (office(Some(parent)), end),
                None => (office(None), j),
            };
            t.body = Some(body);
            end
        }
        Kind::Section(title) => section(tokens, j, title, &mut t),
    };
    Some((t, end))
}

/// Offices of a party committee, which an article may write without the committee.
const PARTY_OFFICES: &[&str] = &["Bí thư", "Phó Bí thư"];

/// The body a title names ("Thanh tra" of "Chánh Thanh tra"), with the place after it.
fn named_body(tokens: &[Token], head: &str, j: usize) -> (BodyRef, usize) {
    let mut body = BodyRef::new(Label::Organization, head, Level::District);
    if let Some((place, end)) = super::places::level_place(tokens, j) {
        body.scope = place.level;
        body.level_word = Some(place.kind);
        body.place = Some(place);
        return (body, end);
    }
    if let Some((level, kind, end)) = super::places::level_word(tokens, j) {
        body.scope = level;
        body.level_word = Some(kind);
        return (body, end);
    }
    (body, j)
}

/// "nguyên", "thôi giữ chức", "từng giữ chức": a position no longer held; the index after.
fn former_at(tokens: &[Token], i: usize) -> Option<usize> {
    let t = tokens.get(i)?;
    if !FORMER.contains(&t.lc.as_ref()) {
        return None;
    }
    if t.lc == "nguyên" {
        return Some(i + 1);
    }
    let mut j = i + 1;
    for w in ["giữ", "làm", "chức"] {
        if tokens.get(j).is_some_and(|t| t.lc == w) {
            j += 1;
        }
    }
    if tokens
        .get(j)
        .is_some_and(|t| t.lc == "vụ" || t.lc == "danh")
    {
        j += 1;
    }
    (j > i + 1 || t.lc == "thôi").then_some(j)
}

fn office(parent: Option<BodyRef>) -> BodyRef {
    let mut body = BodyRef::new(Label::Organization, "Văn phòng", Level::District);
    if let Some(p) = parent {
        body.scope = p.scope;
        body.parent = Some(Box::new(p));
    }
    body
}

/// "Phó Trưởng phòng theo dõi các cơ quan Nội chính, Ban Nội chính Thành ủy": the words up
/// to the comma belong to the title, the body after it is where the section is.
fn section(tokens: &[Token], j: usize, title: &str, t: &mut TitleRef) -> usize {
    if let Some((body, end)) = parse_body(tokens, j) {
        t.title = title.to_string();
        t.body = Some(body);
        return end;
    }
    let mut k = j;
    let mut words = vec![title];
    while let Some(w) = tokens.get(k) {
        if !w.is_word() || words.len() > 9 || parse_title(tokens, k).is_some() {
            break;
        }
        words.push(w.text);
        k += 1;
    }
    t.title = words.join(" ");
    if tokens.get(k).is_some_and(|w| w.text == ",")
        && let Some((body, end)) = parse_body(tokens, k + 1)
    {
        t.body = Some(body);
        return end;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn title(s: &str) -> TitleRef {
        let t = tokenize(s, 0, s.len());
        parse_title(&t, 0).unwrap().0
    }

    #[test]
    fn reads_titles_with_bodies() {
        let t = title("Phó Bí thư thường trực Huyện ủy Đông Anh");
        assert_eq!(t.title, "Phó Bí thư Thường trực");
        assert_eq!(t.body.unwrap().place.unwrap().name, "Đông Anh");
        let t = title("Trưởng Ban Dân vận Tỉnh ủy");
        assert_eq!(
            (t.title.as_str(), t.body.unwrap().head.as_str()),
            ("Trưởng ban", "Ban Dân vận")
        );
        let t = title("Phó Trưởng ban Tổ chức Thành ủy");
        assert_eq!(t.title, "Phó Trưởng ban");
    }

    #[test]
    fn reads_abbreviations_and_member_words() {
        let t = title("UVBTV");
        assert!(t.own_committee && t.title == "Ủy viên Ban Thường vụ");
        let t = title("TUV");
        assert_eq!(
            (t.title.as_str(), t.body.unwrap().head.as_str()),
            ("Ủy viên", "Thành ủy")
        );
        let t = title("Tỉnh ủy viên");
        assert_eq!(t.body.unwrap().scope, Level::Province);
    }

    #[test]
    fn reads_sections_and_former_positions() {
        let t = title("Trưởng phòng tổng hợp, Văn phòng Huyện ủy");
        assert_eq!(t.title, "Trưởng phòng tổng hợp");
        assert_eq!(t.body.unwrap().head, "Văn phòng");
        let t = title("nguyên Chủ tịch UBND huyện");
        assert!(t.former);
    }

    #[test]
    fn guests_are_not_titles() {
        let s = "các đại biểu đã thảo luận";
        let t = tokenize(s, 0, s.len());
        assert!(parse_title(&t, 1).is_none());
    }
}
