//! Roles at the event: the verbs around a group of persons ("… chủ trì hội nghị", "Tới
//! dự có …", "… dưới sự chủ trì của …", "… trình bày báo cáo"), and the positions given
//! to them ("tái đắc cử Bí thư", see `appointments`).

use super::persons::PersonMention;
use super::tokens::Token;
use crate::schema::Rel;

/// A role and the SPOKE kind where there is one.
pub type Role = (Rel, Option<&'static str>);

/// Verbs that give a role when they follow a person or open the clause before one.
const CUES: &[(&str, Role)] = &[
    ("chủ trì", (Rel::Chaired, None)),
    ("dự và chủ trì", (Rel::Chaired, None)),
    ("đồng chủ trì", (Rel::Chaired, None)),
    ("cùng chủ trì", (Rel::Chaired, None)),
    ("điều hành", (Rel::Moderated, None)),
    ("trình bày", (Rel::Presented, None)),
    ("phát biểu kết luận", (Rel::Spoke, Some("conclusion"))),
    ("phát biểu chỉ đạo", (Rel::Spoke, Some("direction"))),
    ("phát biểu", (Rel::Spoke, Some("remarks"))),
    ("kết luận", (Rel::Spoke, Some("conclusion"))),
    ("chỉ đạo", (Rel::Spoke, Some("direction"))),
    ("báo cáo", (Rel::Spoke, Some("report"))),
    ("cho biết", (Rel::Spoke, Some("remarks"))),
    ("nhấn mạnh", (Rel::Spoke, Some("remarks"))),
    ("khẳng định", (Rel::Spoke, Some("remarks"))),
    ("đề nghị", (Rel::Spoke, Some("remarks"))),
    ("yêu cầu", (Rel::Spoke, Some("remarks"))),
    ("nêu rõ", (Rel::Spoke, Some("remarks"))),
    ("tới dự", (Rel::Attended, None)),
    ("về dự", (Rel::Attended, None)),
    ("tham dự", (Rel::Attended, None)),
    ("cùng dự", (Rel::Attended, None)),
    ("dự", (Rel::Attended, None)),
];

/// Words that may stand between a person and the verb ("đã", "cũng", …).
const FILLERS: &[&str] = &[
    ",", "đã", "cũng", "đồng", "thời", "lần", "lượt", "thay", "mặt", "đều",
];

/// Verbs read only after a person, where they cannot be a noun opening the clause
/// ("X thông tin về …", not "Thông tin tại hội nghị, …").
const AFTER_CUES: &[(&str, Role)] = &[
    ("thông tin", (Rel::Presented, None)),
    ("giới thiệu", (Rel::Presented, None)),
    ("quán triệt", (Rel::Presented, None)),
    ("công bố", (Rel::Presented, None)),
    ("đọc", (Rel::Presented, None)),
    ("thông qua", (Rel::Presented, None)),
    ("đánh giá cao", (Rel::Spoke, Some("remarks"))),
    ("ghi nhận", (Rel::Spoke, Some("remarks"))),
    ("biểu dương", (Rel::Spoke, Some("remarks"))),
    ("chúc mừng", (Rel::Spoke, Some("remarks"))),
    ("dặn dò", (Rel::Spoke, Some("remarks"))),
    ("lưu ý", (Rel::Spoke, Some("remarks"))),
    ("đề nghị", (Rel::Spoke, Some("remarks"))),
];

/// A verb that follows a person: [`CUES`] or [`AFTER_CUES`].
fn cue_after(tokens: &[Token], i: usize) -> Option<(Role, usize)> {
    let own = super::tokens::indexed!(AFTER_CUES, Role).longest(tokens, i);
    match (cue_at(tokens, i), own) {
        (Some(a), Some(b)) => Some(if b.1 > a.1 { b } else { a }),
        (a, b) => a.or(b),
    }
}

fn cue_at(tokens: &[Token], i: usize) -> Option<(Role, usize)> {
    let (role, end) = super::tokens::indexed!(CUES, Role).longest(tokens, i)?;
    let next = tokens.get(end).map(|t| t.lc.as_ref());
    if role.0 == Rel::Attended && matches!(next, Some("thảo" | "án" | "toán" | "kiến" | "báo"))
    {
        return None; // dự thảo, dự án, dự toán, dự kiến, dự báo
    }
    Some((role, end))
}

/// Gives each group of mentions (`mention index ranges`) its roles.
///
/// A group takes the verb before it and the verb after it. The verb after one group is
/// not read again as the verb before the next. In a list opened by "Tham dự … có", a
/// group that no verb names is a guest too; a person who chairs is not also a guest
/// ("dự và chủ trì").
pub fn assign_roles(tokens: &[Token], mentions: &mut [PersonMention], groups: &[(usize, usize)]) {
    let mut prev_end = 0;
    let mut guests_listed = false;
    for &(a, b) in groups {
        let start = mentions[a].start;
        let end = mentions[b - 1].end;
        let mut roles = leading_roles(&tokens[prev_end.min(start)..start]);
        guests_listed |= roles.iter().any(|r| r.0 == Rel::Attended);
        let (trailing, item, consumed) = trailing_roles(tokens, end);
        for r in trailing {
            if !roles.contains(&r) {
                roles.push(r);
            }
        }
        if roles.is_empty() && guests_listed {
            roles.push((Rel::Attended, None));
        }
        if roles.iter().any(|r| r.0 == Rel::Chaired) {
            roles.retain(|r| r.0 != Rel::Attended);
        }
        let window = &tokens[prev_end.min(start)..start];
        let named_before = super::appointments::positions_before(window);
        let (given, _) = super::appointments::positions_after(tokens, end);
        for (k, m) in mentions[a..b].iter_mut().enumerate() {
            m.roles = roles.clone();
            m.item = item;
            m.titles.extend(named_before.iter().cloned());
            // "bầu 2 Phó Bí thư gồm A và B, C được bầu làm Chủ nhiệm …": after a list
            // that a position opened, the verb after it is the last person's
            if named_before.is_empty() || k == b - a - 1 {
                m.titles.extend(given.iter().cloned());
            }
        }
        prev_end = consumed;
    }
}

/// Roles from the clause before a group: "Kết luận hội nghị, …", "Tới dự có …",
/// "… dưới sự chủ trì của …".
fn leading_roles(window: &[Token]) -> Vec<Role> {
    let mut roles = Vec::new();
    // the verb that opens the clause, after the last ";" (the text before it is another
    // person's: "… trình bày báo cáo …; đồng chí B …")
    let clause = window
        .iter()
        .rposition(|t| t.text == ";")
        .map_or(0, |p| p + 1);
    let first = window[clause..].iter().position(|t| t.is_word());
    if let Some((role, _)) = first.and_then(|f| cue_at(&window[clause..], f)) {
        roles.push(role);
    }
    let n = window.len();
    if n >= 2 && window[n - 1].lc == "của" {
        for k in n.saturating_sub(4)..n - 1 {
            if let Some((role, e)) = cue_at(window, k)
                && e == n - 1
                && !roles.contains(&role)
            {
                roles.push(role);
            }
        }
    }
    // "Tham dự có các đồng chí: …": the list opener may come before the cue words
    let opener = window
        .iter()
        .rev()
        .find(|t| !matches!(t.lc.as_ref(), "các" | "đồng" | "chí" | ":" | "," | "là"));
    let ends_with_co = opener.is_some_and(|t| t.lc == "có");
    let attends = (0..n).any(|k| cue_at(window, k).is_some_and(|(r, _)| r.0 == Rel::Attended));
    if ends_with_co && attends && !roles.iter().any(|r| r.0 == Rel::Attended) {
        roles.push((Rel::Attended, None));
    }
    roles
}

/// Roles from the verb after a group: "… chủ trì và điều hành hội nghị", "… cho biết".
/// Also returns the index after the last verb read. Asides between the person and the
/// verb are passed over ("…, phụ trách điều hành Đảng bộ thành phố chủ trì", "… và các đại
/// biểu tham dự").
///
fn trailing_roles(tokens: &[Token], end: usize) -> (Vec<Role>, Option<(usize, usize)>, usize) {
    let mut roles = Vec::new();
    let mut item = None;
    let mut k = end;
    while k < tokens.len() && k < end + 14 {
        if FILLERS.contains(&tokens[k].lc.as_ref()) {
            k += 1;
            continue;
        }
        if let Some(e) = skip_aside(tokens, k) {
            k = e;
            continue;
        }
        let Some((role, e)) = cue_after(tokens, k) else {
            break;
        };
        roles.push(role);
        if role.0 == Rel::Presented {
            let stop = tokens[e..]
                .iter()
                .position(|t| matches!(t.text, ";" | "." | ":"))
                .map_or(tokens.len(), |p| e + p);
            item = (stop > e).then_some((e, stop));
        }
        k = e;
        if tokens.get(k).is_some_and(|t| t.lc == "và") {
            k += 1;
            continue;
        }
        break;
    }
    let consumed = if roles.is_empty() { end } else { k };
    (roles, item, consumed)
}

/// "và các đại biểu", "cùng các đồng chí", "phụ trách …": words between a person and
/// the verb that do not end the clause; the index after them.
fn skip_aside(tokens: &[Token], k: usize) -> Option<usize> {
    for words in [
        &["và", "các", "đại", "biểu"][..],
        &["cùng", "các", "đại", "biểu"],
        &["và", "các", "đồng", "chí"],
        &["cùng", "các", "đồng", "chí"],
    ] {
        if let Some(e) = super::tokens::seq(tokens, k, words) {
            return Some(e);
        }
    }
    if super::tokens::seq(tokens, k, &["phụ", "trách"]).is_some() {
        let last = (k + 10).min(tokens.len());
        // "phụ trách điều hành Đảng bộ": what one is in charge of, up to the verb
        let verb = |j: usize| cue_at(tokens, j).is_some_and(|(r, _)| r.0 != Rel::Moderated);
        let end = (k + 2..last)
            .find(|&j| !tokens[j].is_word() || verb(j))
            .unwrap_or(last);
        return Some(end);
    }
    None
}
