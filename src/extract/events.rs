//! Events: committee conferences ("Hội nghị lần thứ ba Ban Chấp hành Đảng bộ quận") and
//! party congresses ("Đại hội đại biểu Đảng bộ huyện lần thứ XXIV").

use super::bodies::{BodyRef, parse_body, term_suffix};
use super::lexicon::{number_words, roman_value};
use super::places::{Level, level_place, level_word, lexicon_place};
use super::tokens::{Token, indexed, seq};
use crate::schema::Label;

/// "lần thứ 18", "lần thứ ba", "lần thứ XIII": the ordinal and the index after it.
pub fn ordinal(tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let j = seq(tokens, i, &["lần", "thứ"])?;
    number_at(tokens, j)
}

/// A number written as digits, a roman numeral or number words.
pub fn number_at(tokens: &[Token], j: usize) -> Option<(u32, usize)> {
    let t = tokens.get(j)?;
    if t.is_number() {
        return t.text.parse().ok().filter(|n| *n > 0).map(|n| (n, j + 1));
    }
    if let Some(n) = roman_value(t.text) {
        return Some((n, j + 1));
    }
    for len in (1..=3).rev() {
        let Some(slice) = tokens.get(j..j + len) else {
            continue;
        };
        let words: Vec<&str> = slice.iter().map(|t| t.text).collect();
        if let Some(n) = number_words(&words) {
            return Some((n, j + len));
        }
    }
    None
}

/// A conference named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRef {
    /// "lần thứ N".
    pub ordinal: Option<u32>,
    /// The committee holding it, when the sentence names it.
    pub committee: Option<BodyRef>,
    /// Its term (khóa), roman.
    pub term: Option<String>,
    /// The term's years.
    pub period: Option<String>,
    /// A plenum of the Central Committee ("Hội nghị Trung ương 7"): (number, khóa).
    pub central: bool,
    /// Token index of the noun ("hội nghị", "cuộc họp", "lễ").
    pub at: usize,
    /// How the text calls it: `Hội nghị`, `Cuộc họp`, `Phiên họp`, `Buổi làm việc`, …
    pub kind: &'static str,
    /// "phiên họp thứ nhất", "Hội nghị lần thứ nhất": the first session of a newly
    /// elected committee.
    pub first_session: bool,
}

/// Kinds of "hội nghị" that are not a committee's conference.
const NOT_A_CONFERENCE: &[&str] = &["tập", "tiếp", "học", "xúc", "hiệp", "khách"];

/// The gatherings a committee holds, as the press names them, and the name each gets.
const GATHERINGS: &[(&str, &str)] = &[
    ("hội nghị", "Hội nghị"),
    ("cuộc họp", "Cuộc họp"),
    ("phiên họp", "Phiên họp"),
    ("họp phiên", "Phiên họp"),
    ("buổi họp", "Cuộc họp"),
    ("họp", "Cuộc họp"),
    ("buổi làm việc", "Buổi làm việc"),
    ("làm việc với", "Buổi làm việc"),
    ("buổi gặp mặt", "Buổi gặp mặt"),
    ("gặp mặt", "Buổi gặp mặt"),
    ("hội thảo", "Hội thảo"),
    ("buổi lễ", "Lễ"),
    ("lễ kỷ niệm", "Lễ kỷ niệm"),
    ("tổ chức kỷ niệm", "Lễ kỷ niệm"),
    ("lễ công bố", "Lễ công bố"),
    ("lễ trao", "Lễ trao quyết định"),
    ("trao quyết định", "Lễ trao quyết định"),
    ("lễ ra mắt", "Lễ ra mắt"),
    ("lễ bàn giao", "Lễ bàn giao"),
];

/// Every gathering of a committee named in a sentence.
pub fn meetings(tokens: &[Token]) -> Vec<MeetingRef> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        let Some((kind, j)) = indexed!(GATHERINGS, &'static str).longest(tokens, k) else {
            k += 1;
            continue;
        };
        if is_gathering(tokens, k, j, kind) {
            out.push(meeting_at(tokens, k, j, kind));
        }
        k = j;
    }
    out
}

/// Whether the noun at `k..j` names one gathering of a committee: not a count ("2 hội
/// nghị"), not a plural ("các cuộc họp"), not another kind of event (a training course,
/// a meeting with voters), and "họp" alone only after its subject ("Tiểu ban … họp").
fn is_gathering(tokens: &[Token], k: usize, j: usize, kind: &str) -> bool {
    let before = k.checked_sub(1).map(|b| tokens[b].lc.as_ref());
    if before.is_some_and(|b| matches!(b, "các" | "những" | "cuộc" | "buổi" | "phiên" | "kỳ"))
    {
        return false;
    }
    if before.is_some_and(|b| b.bytes().all(|c| c.is_ascii_digit())) {
        return false;
    }
    let next = tokens.get(j).map(|t| t.lc.as_ref());
    match kind {
        "Hội nghị" => !next.is_some_and(|n| NOT_A_CONFERENCE.contains(&n)),
        "Cuộc họp" if tokens[k].lc == "họp" => {
            // the verb: "Ban Thường vụ Huyện ủy họp", not "họp báo", "họp dân"
            let subject = tokens[k.saturating_sub(4)..k]
                .iter()
                .rev()
                .take_while(|t| t.is_word())
                .any(Token::is_capitalized);
            !matches!(next, Some("báo" | "dân" | "mặt" | "lớp")) && subject
        }
        _ => true,
    }
}

fn meeting_at(tokens: &[Token], k: usize, j: usize, kind: &'static str) -> MeetingRef {
    let mut m = MeetingRef {
        ordinal: None,
        committee: None,
        term: None,
        period: None,
        central: false,
        at: k,
        kind,
        first_session: false,
    };
    if let Some(e) = seq(tokens, j, &["trung", "ương"]) {
        m.central = true;
        m.ordinal = number_at(tokens, e).map(|x| x.0);
        return m;
    }
    let mut j = j;
    if let Some((n, e)) = session_number(tokens, j) {
        m.ordinal = Some(n);
        j = e;
        if tokens.get(j).is_some_and(|t| t.text == ",") {
            j += 1;
        }
    }
    if let Some((body, e)) = parse_body(tokens, j).filter(|(b, _)| b.label == Label::PartyCommittee)
    {
        m.central = body.scope == Level::Central;
        m.term = body.term.clone();
        m.period = body.period.clone();
        m.committee = Some(body);
        j = e;
        if m.ordinal.is_none() {
            m.ordinal = ordinal(tokens, j).map(|x| x.0);
        }
    }
    if m.term.is_none() {
        let (term, period, e) = term_suffix(tokens, j);
        m.term = term;
        m.period = m.period.take().or(period);
        j = e;
    }
    if m.ordinal.is_none() {
        m.ordinal = apposed_ordinal(tokens, j);
    }
    m.first_session = m.ordinal == Some(1);
    m
}

/// "lần thứ 5", "thứ nhất" (after phiên họp), "đầu tiên": the session's number.
fn session_number(tokens: &[Token], j: usize) -> Option<(u32, usize)> {
    if let Some(found) = ordinal(tokens, j) {
        return Some(found);
    }
    if let Some(e) = seq(tokens, j, &["đầu", "tiên"]) {
        return Some((1, e));
    }
    let e = seq(tokens, j, &["thứ"])?;
    number_at(tokens, e)
}

/// "Hội nghị Ban Chấp hành Đảng bộ huyện mở rộng, kỳ họp lần thứ 14": an ordinal in
/// apposition, within a few words after the meeting's name.
fn apposed_ordinal(tokens: &[Token], j: usize) -> Option<u32> {
    let mut k = j;
    while k < tokens.len() && k < j + 7 {
        if let Some((n, _)) = ordinal(tokens, k) {
            return Some(n);
        }
        if matches!(tokens[k].text, "." | ";") {
            return None;
        }
        k += 1;
    }
    None
}

/// A party congress named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CongressRef {
    /// Its number ("lần thứ XXVI" → 26).
    pub ordinal: u32,
    /// `national`, or the tier of the party organisation.
    pub level: Level,
    /// The committee of that organisation (none for the national congress).
    pub committee: Option<BodyRef>,
    /// The term's years, when written.
    pub period: Option<String>,
    /// Token index of "Đại hội".
    pub at: usize,
    /// A short reference ("chỉ tiêu Đại hội XX đề ra"): no owner is written, so it can
    /// only be the article's own organisation's congress.
    pub short: bool,
}

/// Every numbered congress named in a sentence.
pub fn congresses(tokens: &[Token]) -> Vec<CongressRef> {
    (0..tokens.len())
        .filter_map(|k| {
            let j = seq(tokens, k, &["đại", "hội"])?;
            congress_at(tokens, k, j)
        })
        .collect()
}

fn congress_at(tokens: &[Token], k: usize, mut j: usize) -> Option<CongressRef> {
    if let Some(e) = seq(tokens, j, &["đại", "biểu"]) {
        j = e;
        // "Đại hội đại biểu huyện lần thứ XXVI": the owner was named before
        if let Some((_, _, e)) =
            level_word(tokens, j).filter(|(_, _, e)| ordinal(tokens, *e).is_some())
        {
            j = e;
        }
    }
    let mut national = false;
    for words in [&["đảng", "toàn", "quốc"][..], &["toàn", "quốc"]] {
        if let Some(e) = seq(tokens, j, words) {
            national = true;
            j = e;
        }
    }
    // "lần thứ XIII" and roman numerals are ordinals; bare digits may be counts
    let strong = ordinal(tokens, j).is_some()
        || tokens.get(j).is_some_and(|t| roman_value(t.text).is_some());
    let mut number = ordinal(tokens, j).or_else(|| bare_number(tokens, j));
    if let Some((_, e)) = number {
        j = e;
    }
    let mut committee = None;
    let mut period = None;
    let of_the_party =
        seq(tokens, j, &["của", "đảng"]).is_some() && seq(tokens, j + 1, &["đảng", "bộ"]).is_none();
    if of_the_party || seq(tokens, j, &["đảng", "toàn", "quốc"]).is_some() {
        national = true;
    } else {
        let at = if tokens.get(j).is_some_and(|t| t.lc == "của") {
            j + 1
        } else {
            j
        };
        if seq(tokens, at, &["đảng", "bộ"]).is_some()
            && let Some((body, e)) = parse_body(tokens, at)
        {
            let e = after_province(tokens, e);
            if number.is_none() {
                number = ordinal(tokens, e)
                    .or_else(|| body.term.as_deref().and_then(roman_value).map(|n| (n, e)));
            }
            period = body.period.clone();
            committee = Some(body);
        }
    }
    if committee.is_none() && !national {
        committee = owner_before(tokens, k);
    }
    let (ordinal, _) = number?;
    let short = committee.is_none() && !national;
    if short && !strong {
        return None; // a bare count or a digit: too weak without an owner
    }
    let level = match &committee {
        _ if national => Level::Central,
        Some(b) => b.scope,
        None => Level::District,
    };
    if period.is_none() {
        period = term_suffix(tokens, j).1;
    }
    Some(CongressRef {
        ordinal,
        level,
        committee,
        period,
        at: k,
        short,
    })
}

/// ", TP.HCM" or ", tỉnh Lâm Đồng" after a district's organisation ("Đảng bộ Quận 9,
/// TP.HCM lần thứ XI"): the index after it, or `e` when there is none.
fn after_province(tokens: &[Token], e: usize) -> usize {
    if tokens.get(e).is_none_or(|t| t.text != ",") {
        return e;
    }
    let place = level_place(tokens, e + 1).or_else(|| lexicon_place(tokens, e + 1));
    match place {
        Some((p, end)) if p.level == Level::Province => end,
        _ => e,
    }
}

/// "Đảng bộ huyện An Lão long trọng tổ chức Đại hội lần thứ XX": the organisation named
/// before "Đại hội" in the same clause owns it.
fn owner_before(tokens: &[Token], k: usize) -> Option<BodyRef> {
    let from = k.saturating_sub(15);
    let mut p = k;
    while p > from {
        p -= 1;
        if matches!(tokens[p].text, "." | ";" | ":") {
            return None;
        }
        if seq(tokens, p, &["đảng", "bộ"]).is_some()
            && let Some((body, _)) = parse_body(tokens, p)
            && body.label == Label::PartyCommittee
            && body.scope != Level::Central
            && body.place.is_some()
        {
            return Some(body);
        }
    }
    None
}

/// "Đại hội XIII của Đảng", "Đại hội 25 Đảng bộ quận": a number right after "Đại hội" is its
/// ordinal only when the party organisation follows ("Đại hội 56 tổ chức cơ sở" is a count).
fn bare_number(tokens: &[Token], j: usize) -> Option<(u32, usize)> {
    let t = tokens.get(j)?;
    let (n, roman) = if t.is_number() {
        (t.text.parse().ok()?, false)
    } else {
        (roman_value(t.text)?, true)
    };
    let next_ok = roman
        || seq(tokens, j + 1, &["đảng"]).is_some()
        || seq(tokens, j + 1, &["của", "đảng"]).is_some()
        || tokens.get(j + 1).is_none_or(|t| !t.is_word());
    (next_ok && n > 0).then_some((n, j + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn toks(s: &str) -> Vec<Token<'_>> {
        tokenize(s, 0, s.len())
    }

    #[test]
    fn ordinals_in_digits_words_and_roman() {
        for (s, n) in [
            ("lần thứ 7", 7),
            ("lần thứ nhất", 1),
            ("lần thứ hai mươi mốt", 21),
            ("lần thứ XIII", 13),
        ] {
            assert_eq!(ordinal(&toks(s), 0).unwrap().0, n, "{s}");
        }
    }

    #[test]
    fn meetings_with_committee_before_or_after_the_ordinal() {
        let t = toks("Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ tư");
        let m = &meetings(&t)[0];
        assert_eq!(m.ordinal, Some(4));
        assert_eq!(m.committee.as_ref().unwrap().head, "Huyện ủy");
        let t = toks(
            "Hội nghị lần thứ 12, Ban Chấp hành Đảng bộ quận Long Biên khóa VI, nhiệm kỳ 2020 - 2025",
        );
        let m = &meetings(&t)[0];
        assert_eq!(
            (m.ordinal, m.term.as_deref(), m.period.as_deref()),
            (Some(12), Some("VI"), Some("2020-2025"))
        );
    }

    #[test]
    fn gatherings_as_the_press_names_them() {
        let m = &meetings(&toks("Ban Thường vụ Huyện ủy tổ chức cuộc họp thường kỳ"))[0];
        assert_eq!(m.kind, "Cuộc họp");
        let m = &meetings(&toks("Tiểu ban Văn kiện họp cho ý kiến"))[0];
        assert_eq!(m.kind, "Cuộc họp");
        let m = &meetings(&toks("tại phiên họp thứ nhất, Ban Chấp hành"))[0];
        assert!(m.first_session && m.ordinal == Some(1));
        let m = &meetings(&toks(
            "Hội nghị Ban Chấp hành Đảng bộ huyện mở rộng, kỳ họp lần thứ 14",
        ))[0];
        assert_eq!(m.ordinal, Some(14));
        assert!(meetings(&toks("tổ chức các cuộc họp tổ dân phố")).is_empty());
        assert!(meetings(&toks("huyện tổ chức họp báo")).is_empty());
        assert_eq!(
            meetings(&toks("Lễ công bố quyết định"))[0].kind,
            "Lễ công bố"
        );
    }

    #[test]
    fn other_gatherings_are_not_conferences() {
        assert!(meetings(&toks("tổ chức 3 hội nghị tập huấn")).is_empty());
        assert!(meetings(&toks("hội nghị tiếp xúc cử tri")).is_empty());
        assert!(meetings(&toks("Hội nghị Trung ương 8 (khóa XIII)"))[0].central);
    }

    #[test]
    fn congresses_by_level() {
        let c = &congresses(&toks("Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"))[0];
        assert_eq!((c.ordinal, c.level), (14, Level::Central));
        let c = &congresses(&toks(
            "Đại hội lần thứ XX Đảng bộ huyện Ba Vì, nhiệm kỳ 2025 - 2030",
        ))[0];
        assert_eq!(
            (c.ordinal, c.level, c.period.as_deref()),
            (20, Level::District, Some("2025-2030"))
        );
        let c = &congresses(&toks("Đại hội Đảng bộ tỉnh Lâm Đồng lần thứ XII"))[0];
        assert_eq!((c.ordinal, c.level), (12, Level::Province));
        let c = &congresses(&toks("Đại hội Đảng bộ quận khóa VIII"))[0];
        assert_eq!(c.ordinal, 8);
        let c = &congresses(&toks("sơ kết Đại hội 18 Đảng bộ quận"))[0];
        assert_eq!(c.ordinal, 18);
    }

    #[test]
    fn owners_first_and_short_references() {
        let c = &congresses(&toks(
            "Đảng bộ huyện Lâm Hà long trọng tổ chức Đại hội lần thứ XIV, nhiệm kỳ 2020-2025",
        ))[0];
        assert_eq!((c.ordinal, c.short), (14, false));
        assert_eq!(
            c.committee.as_ref().unwrap().place.as_ref().unwrap().name,
            "Lâm Hà"
        );
        let c = &congresses(&toks(
            "Đảng bộ Huyện Lâm Hà tổ chức Đại hội đại biểu huyện lần thứ XIV",
        ))[0];
        assert_eq!((c.ordinal, c.level), (14, Level::District));
        let c = &congresses(&toks("đạt chỉ tiêu Nghị quyết Đại hội XIII đề ra"))[0];
        assert!(c.short && c.ordinal == 13);
        assert!(congresses(&toks("sau Đại hội 2 năm")).is_empty());
    }

    #[test]
    fn a_count_after_dai_hoi_is_not_an_ordinal() {
        assert!(congresses(&toks("hoàn thành Đại hội 56 tổ chức cơ sở Đảng")).is_empty());
        assert!(congresses(&toks("Đại hội Đảng các cấp")).is_empty());
    }
}
