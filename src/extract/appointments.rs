//! Positions given in the text rather than worn: "tái đắc cử Bí thư Huyện ủy", "được bầu
//! giữ chức Phó Bí thư", "giữ chức Trưởng Ban Tuyên giáo", "chỉ định tham gia Ban Chấp
//! hành, Ban Thường vụ Huyện ủy". The person (or the list of persons) before the verb
//! holds what follows it.

use super::bodies::parse_body;
use super::titles::{TitleRef, parse_title};
use super::tokens::{Token, indexed, seq};
use crate::schema::Label;

/// Words that may stand between the names and the verb.
const FILLERS: &[&str] = &[
    ",", "cũng", "đã", "vừa", "tiếp", "tục", "lại", "chính", "thức", "cùng", "đều", "được",
];

/// The verbs that give a position, longest first where one starts another.
const VERBS: &[(&str, ())] = &[
    ("tái đắc cử", ()),
    ("đắc cử", ()),
    ("trúng cử", ()),
    ("tái cử", ()),
    ("bầu", ()),
    ("bầu bổ sung", ()),
    ("bổ nhiệm", ()),
    ("bổ nhiệm lại", ()),
    ("chỉ định", ()),
    ("chuẩn y", ()),
    ("điều động", ()),
    ("luân chuyển", ()),
    ("phân công", ()),
    ("giao", ()),
    ("giữ", ()),
    ("làm", ()),
    ("tham gia", ()),
];

/// Words between the verb and the title ("giữ chức vụ", "làm", "vào").
const LINKS: &[&str] = &["giữ", "làm", "chức", "vụ", "danh", "vào", "là", "lên"];

/// The positions given to the persons whose mention ends at `end`, and the index after
/// them.
pub fn positions_after(tokens: &[Token], end: usize) -> (Vec<TitleRef>, usize) {
    let mut k = end;
    while k < tokens.len() && k < end + 8 && FILLERS.contains(&tokens[k].lc.as_ref()) {
        k += 1;
    }
    let mut verbs = 0;
    while let Some(((), e)) = indexed!(VERBS, ()).longest(tokens, k) {
        verbs += 1;
        k = e;
        if tokens.get(k).is_some_and(|t| t.text == ",") && verbs < 3 {
            k += 1; // "điều động, chỉ định làm …"
        }
    }
    if verbs == 0 {
        return (Vec::new(), end);
    }
    let mut titles = Vec::new();
    loop {
        while tokens
            .get(k)
            .is_some_and(|t| LINKS.contains(&t.lc.as_ref()))
        {
            k += 1;
        }
        let Some((t, e)) = membership(tokens, k).or_else(|| parse_title(tokens, k)) else {
            break;
        };
        if t.former {
            break;
        }
        titles.push(t);
        k = e;
        match tokens.get(k).map(|t| t.lc.as_ref()) {
            Some("," | "và" | ";") if next_is_position(tokens, k + 1) => k += 1,
            _ => break,
        }
    }
    (titles, k)
}

/// The positions a clause gives to the persons listed right after it: "bầu 02 Phó Bí thư
/// Huyện ủy gồm: …", "2 Phó Bí thư là ông …", "bầu bổ sung chức danh Phó Bí thư Tỉnh ủy
/// … đối với các đồng chí …". `window` ends where the list starts.
pub fn positions_before(window: &[Token]) -> Vec<TitleRef> {
    let mut end = window.len();
    while end > 0
        && matches!(
            window[end - 1].lc.as_ref(),
            "các" | "đồng" | "chí" | ":" | "ông" | "bà" | "đ/c"
        )
    {
        end -= 1;
    }
    let opener = &window[..end];
    if let Some(start) = opener.len().checked_sub(2)
        && seq(opener, start, &["đối", "với"]).is_some()
    {
        return offices_named(&opener[..start]);
    }
    if !opener.last().is_some_and(|t| t.lc == "gồm" || t.lc == "là") {
        return Vec::new();
    }
    let stop = opener.len() - 1;
    let from = stop.saturating_sub(12);
    (from..stop)
        .find_map(|p| {
            parse_title(opener, p)
                .filter(|(t, e)| *e == stop && !t.former)
                .map(|(t, _)| vec![committee_office(t)])
        })
        .unwrap_or_default()
}

/// The offices named after "chức danh", "chức vụ" or "chức" in a clause, with those
/// chained to them by commas ("chức vụ Bí thư Thành ủy …, nhiệm kỳ …, Chủ tịch HĐND …").
fn offices_named(clause: &[Token]) -> Vec<TitleRef> {
    let Some(at) = clause.iter().position(|t| t.lc == "chức") else {
        return Vec::new();
    };
    let mut k = at + 1;
    if clause
        .get(k)
        .is_some_and(|t| t.lc == "danh" || t.lc == "vụ")
    {
        k += 1;
    }
    let mut titles = Vec::new();
    while let Some((t, e)) = parse_title(clause, k) {
        titles.push(committee_office(t));
        k = e;
        if clause.get(k).is_some_and(|t| t.text == ",") && parse_title(clause, k + 1).is_some() {
            k += 1;
        } else {
            break;
        }
    }
    titles
}

/// A party office elected without its committee ("bầu hai phó bí thư gồm …") is the
/// committee's that elects.
fn committee_office(mut t: TitleRef) -> TitleRef {
    if t.body.is_none()
        && matches!(
            t.title.as_str(),
            "Bí thư" | "Phó Bí thư" | "Phó Bí thư Thường trực"
        )
    {
        t.own_committee = true;
    }
    t
}

fn next_is_position(tokens: &[Token], k: usize) -> bool {
    let k = tokens
        .iter()
        .skip(k)
        .take_while(|t| LINKS.contains(&t.lc.as_ref()))
        .count()
        + k;
    membership(tokens, k).is_some() || parse_title(tokens, k).is_some()
}

/// "Ban Chấp hành Đảng bộ huyện", "Ban Thường vụ Huyện ủy" after "tham gia" or "vào":
/// membership of that committee ("Ủy viên", "Ủy viên Ban Thường vụ").
fn membership(tokens: &[Token], k: usize) -> Option<(TitleRef, usize)> {
    if let Some(e) = seq(tokens, k, &["ban", "chấp", "hành"])
        && parse_body(tokens, k).is_none()
    {
        // "tham gia Ban Chấp hành, Ban Thường vụ Huyện ủy": the committee is named last
        let body = (e..(e + 6).min(tokens.len())).find_map(|j| {
            parse_body(tokens, j)
                .map(|(b, _)| b)
                .filter(|b| b.label == Label::PartyCommittee)
        })?;
        let t = TitleRef {
            title: "Ủy viên".to_string(),
            body: Some(body),
            former: false,
            own_committee: false,
        };
        return Some((t, e));
    }
    let standing = seq(tokens, k, &["ban", "thường", "vụ"]);
    let (body, e) = match standing {
        Some(j) => match parse_body(tokens, j) {
            Some(found) => found,
            None => parse_body(tokens, k)?,
        },
        None => parse_body(tokens, k)?,
    };
    if body.label != Label::PartyCommittee {
        return None;
    }
    let title = if standing.is_some() {
        "Ủy viên Ban Thường vụ"
    } else {
        "Ủy viên"
    };
    Some((
        TitleRef {
            title: title.to_string(),
            body: Some(body),
            former: false,
            own_committee: false,
        },
        e,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn after(s: &str, end: usize) -> Vec<(String, String)> {
        let t = tokenize(s, 0, s.len());
        positions_after(&t, end)
            .0
            .into_iter()
            .map(|t| (t.title, t.body.map(|b| b.head).unwrap_or_default()))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn re_elected_and_elected_to() {
        assert_eq!(
            after(
                "Đồng chí Lò Văn Pả tái đắc cử chức danh Bí thư Huyện ủy Mường Tè.",
                5
            ),
            vec![pair("Bí thư", "Huyện ủy")]
        );
        assert_eq!(
            after(
                "Các đồng chí Lò Văn Pả, Hà Thị Vân được bầu làm Phó Bí thư Huyện ủy.",
                10
            ),
            vec![pair("Phó Bí thư", "Huyện ủy")]
        );
    }

    #[test]
    fn appointed_to_join_committees_and_hold_an_office() {
        assert_eq!(
            after(
                "chỉ định đồng chí Hà Thị Vân tham gia Ban Chấp hành, Ban Thường vụ Huyện ủy và giữ chức Phó Bí thư Huyện ủy.",
                7
            ),
            vec![
                pair("Ủy viên", "Huyện ủy"),
                pair("Ủy viên Ban Thường vụ", "Huyện ủy"),
                pair("Phó Bí thư", "Huyện ủy")
            ]
        );
        let s = "đồng chí Hà Thị Vân, Phó Trưởng Ban Dân vận Tỉnh ủy giữ chức Phó Bí thư Thường trực Huyện ủy Sìn Hồ";
        let t = tokenize(s, 0, s.len());
        let (titles, _) = positions_after(&t, 13);
        assert_eq!(titles[0].title, "Phó Bí thư Thường trực");
    }

    fn before(s: &str) -> Vec<(String, String)> {
        let t = tokenize(s, 0, s.len());
        positions_before(&t)
            .into_iter()
            .map(|t| (t.title, t.body.map(|b| b.head).unwrap_or_default()))
            .collect()
    }

    #[test]
    fn positions_named_before_the_list() {
        assert_eq!(
            before("Ban Chấp hành đã bầu ra 02 Phó Bí thư Huyện ủy gồm: đồng chí"),
            vec![pair("Phó Bí thư", "Huyện ủy")]
        );
        assert_eq!(
            before(
                "Hội nghị bầu bổ sung chức danh Phó Bí thư Tỉnh ủy nhiệm kỳ 2020-2025 đối với các đồng chí:"
            ),
            vec![pair("Phó Bí thư", "Tỉnh ủy")]
        );
        let s = "bầu hai phó bí thư gồm ông";
        let t = tokenize(s, 0, s.len());
        assert!(positions_before(&t)[0].own_committee);
        assert!(before("Hội nghị đã nghe đồng chí").is_empty());
    }

    #[test]
    fn leaving_an_office_is_not_holding_it() {
        assert!(after("ông Lò Văn Pả thôi giữ chức Chủ tịch UBND huyện", 4).is_empty());
    }
}
