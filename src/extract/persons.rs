//! People in a sentence: names with the titles written before or after them, grouped into
//! lists ("các đồng chí: A - …; B - …; C - … chủ trì"), each group with its roles.

use super::lexicon::is_surname;
use super::places::lexicon_place;
use super::titles::{TitleRef, parse_title};
use super::tokens::{Token, WordSet, first_word, seq};
use crate::schema::Rel;

/// One person named (or referred to by title) in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonMention {
    /// The full name; `None` for "đồng chí Bí thư Quận ủy", which refers back to a person
    /// named earlier by that title.
    pub name: Option<String>,
    /// Titles written around the name, in order.
    pub titles: Vec<TitleRef>,
    /// Token range of the mention.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
    /// Roles with the SPOKE kind where there is one.
    pub roles: Vec<(Rel, Option<&'static str>)>,
    /// What a presenter presented (the words after "trình bày").
    pub item: Option<(usize, usize)>,
}

/// Reads a personal name at `i`: two to five capitalised syllables ("Lò Văn Pả", "Y Biêr
/// Niê", "Điểu K'Ré"), stopping before a title or a body. Names are an open class: the
/// surname need not be a common one, but callers accept a name only next to a title or
/// after "đồng chí", "ông", "bà" or a rank. Places ("Hà Nội") are not names.
pub fn parse_name(tokens: &[Token], i: usize) -> Option<(String, usize)> {
    let first = tokens.get(i)?;
    static NOT_FIRST: std::sync::LazyLock<WordSet> =
        std::sync::LazyLock::new(|| WordSet::of(NOT_SURNAMES.iter().copied()));
    if !first.is_name_syllable() || NOT_FIRST.contains(first) {
        return None;
    }
    let mut j = i + 1;
    while j < tokens.len() && j - i < 5 && tokens[j].is_name_syllable() {
        if parse_title(tokens, j).is_some() || super::bodies::parse_body(tokens, j).is_some() {
            break;
        }
        j += 1;
    }
    if j - i < 2 || lexicon_place(tokens, i).is_some_and(|(_, e)| e >= j) {
        return None;
    }
    if super::bodies::parse_body(tokens, i).is_some() {
        return None;
    }
    let words: Vec<&str> = tokens[i..j].iter().map(|t| t.text).collect();
    Some((words.join(" "), j))
}

/// Capitalised words that start a run of capitals but never a name ("Tại Hội nghị", "Theo
/// Quyết định").
const NOT_SURNAMES: &[&str] = &[
    "tại",
    "theo",
    "về",
    "trong",
    "với",
    "ngày",
    "sáng",
    "chiều",
    "tối",
    "đến",
    "từ",
    "sau",
    "trước",
    "cùng",
    "các",
    "những",
    "đây",
    "đó",
    "hội",
    "đại",
    "ban",
    "ủy",
    "uỷ",
    "nghị",
    "quyết",
    "chỉ",
    "thông",
    "kế",
    "chương",
    "đề",
    "kết",
    "quy",
    "hướng",
    "công",
    "bộ",
    "sở",
    "phòng",
    "trường",
    "trung",
    "tỉnh",
    "thành",
    "huyện",
    "quận",
    "xã",
    "phường",
    "thị",
    "trưởng",
    "phó",
    "mặt",
    "liên",
    "viện",
    "tòa",
    "cục",
    "tổng",
    "tổ",
    "đảng",
    "nhà",
    "chi",
];

/// Honorifics, ranks and degrees written before a name, never part of it.
const PREFIXES: &[(&str, ())] = &[
    ("ông", ()),
    ("bà", ()),
    ("thiếu tướng", ()),
    ("trung tướng", ()),
    ("thượng tướng", ()),
    ("đại tướng", ()),
    ("đại tá", ()),
    ("thượng tá", ()),
    ("trung tá", ()),
    ("thiếu tá", ()),
    ("tiến sĩ", ()),
    ("tiến sỹ", ()),
    ("thạc sĩ", ()),
    ("thạc sỹ", ()),
    ("ts", ()),
    ("ths", ()),
    ("pgs", ()),
    ("gs", ()),
    ("pgs.ts", ()),
    ("gs.ts", ()),
    ("ts.bs", ()),
    ("nhà báo", ()),
    ("luật sư", ()),
    ("bác sĩ", ()),
    ("kỹ sư", ()),
];

/// A prefix at `i`, and the index after it (and after a full stop: "TS. Lê").
fn prefix_at(tokens: &[Token], i: usize) -> Option<usize> {
    let ((), mut end) = super::tokens::indexed!(PREFIXES, ()).longest(tokens, i)?;
    if tokens.get(end).is_some_and(|t| t.text == ".") {
        end += 1;
    }
    Some(end)
}

/// Every person mention of a sentence, with roles.
pub fn scan(tokens: &[Token]) -> Vec<PersonMention> {
    let mut out: Vec<PersonMention> = Vec::new();
    let mut groups: Vec<(usize, usize)> = Vec::new(); // mention index ranges
    let mut shared: Option<TitleRef> = None;
    let mut i = 0;
    while i < tokens.len() {
        // a name right after another one in a list ("các đồng chí A, B tái đắc cử")
        let in_list = out
            .last()
            .is_some_and(|prev| prev.end < i && list_separators(&tokens[prev.end..i]));
        let Some((mut m, group_title)) = mention_at(tokens, i, in_list) else {
            i += 1;
            continue;
        };
        if group_title.is_some() {
            shared = group_title;
        }
        if let Some(t) = &shared {
            m.titles.insert(0, t.clone());
        }
        let joined = out
            .last()
            .is_some_and(|prev| only_separators(&tokens[prev.end..m.start]));
        match groups.last_mut() {
            Some(g) if joined => g.1 += 1,
            _ => groups.push((out.len(), out.len() + 1)),
        }
        i = m.end.max(i + 1);
        out.push(m);
    }
    super::roles::assign_roles(tokens, &mut out, &groups);
    out
}

/// "," or "và" alone between two names of a list.
fn list_separators(between: &[Token]) -> bool {
    matches!(between, [t] if t.text == "," || t.lc == "và")
}

fn only_separators(between: &[Token]) -> bool {
    between
        .iter()
        .all(|t| matches!(t.lc.as_ref(), "," | ";" | "và" | "cùng" | ":" | "."))
}

/// A mention starting at `i`, and a title shared by a list ("các đồng chí Ủy viên Ban
/// Thường vụ Thành ủy: …") if this mention opens one.
fn mention_at(
    tokens: &[Token],
    i: usize,
    in_list: bool,
) -> Option<(PersonMention, Option<TitleRef>)> {
    if !may_start_mention(tokens.get(i)?) {
        return None;
    }
    let mut j = i;
    let mut cue = false;
    for c in CUES {
        if let Some(e) = seq(tokens, j, c) {
            j = e;
            cue = true;
            break;
        }
    }
    if let Some(e) = prefix_at(tokens, j).filter(|&e| parse_name(tokens, e).is_some()) {
        j = e;
        cue = true;
    }
    if cue && tokens.get(j).is_some_and(|t| t.lc == "là") {
        j += 1; // "các đồng chí là Ủy viên Ban Thường vụ: …"
    }
    if cue && tokens.get(j).is_some_and(|t| t.text == ":") {
        j += 1;
    }
    let mut pre = Vec::new();
    let mut group_title = None;
    while let Some((t, e)) = parse_title(tokens, j) {
        pre.push(t);
        j = e;
        match tokens.get(j).map(|t| t.text) {
            Some(":") if pre.len() == 1 => {
                group_title = pre.pop();
                j += 1;
            }
            Some(",") | Some("-") | Some("–") if parse_title(tokens, j + 1).is_some() => j += 1,
            _ => {}
        }
    }
    let Some((name, e)) = parse_name(tokens, j) else {
        if cue && !pre.is_empty() {
            let m = mention(None, pre, i, j);
            return Some((m, group_title));
        }
        return None;
    };
    let (post, end) = titles_after(tokens, e);
    let bare = !cue && pre.is_empty() && post.is_empty() && group_title.is_none();
    if bare && !(in_list && looks_like_a_full_name(&tokens[j..e])) {
        return None; // a bare name: too weak on its own
    }
    pre.extend(post);
    Some((mention(Some(name), pre, i, end), group_title))
}

/// "đồng chí" and its abbreviations, before names and titles.
const CUES: [&[&str]; 5] = [
    &["các", "đồng", "chí"],
    &["đồng", "chí"],
    &["đ/c"],
    &["đ", "/", ".", "c"],
    &["đ", "/", "c"],
];

/// Whether a mention can start at `t`: a name's first syllable, or the first word of a
/// cue, an honorific or a title. Most words are none, and are turned away here rather
/// than by each of [`mention_at`]'s look-ups in turn.
fn may_start_mention(t: &Token) -> bool {
    use std::sync::LazyLock;
    static FIRST: LazyLock<WordSet> = LazyLock::new(|| {
        WordSet::of(
            CUES.iter()
                .filter_map(|c| c.first().copied())
                .chain(PREFIXES.iter().map(|(p, ())| first_word(p)))
                .chain(super::titles::first_words()),
        )
    });
    t.is_name_syllable() || FIRST.contains(t)
}

/// A name that needs no title to be read in a list: a known surname first, or three
/// syllables or more ("…, Bảo Lộc" is a place).
fn looks_like_a_full_name(words: &[Token]) -> bool {
    words.len() >= 3 || words.first().is_some_and(|w| is_surname(w.text))
}

fn mention(name: Option<String>, titles: Vec<TitleRef>, start: usize, end: usize) -> PersonMention {
    PersonMention {
        name,
        titles,
        start,
        end,
        roles: Vec::new(),
        item: None,
    }
}

/// Titles after a name: "- Thành ủy viên, Bí thư Quận ủy", "(Phó Chủ tịch UBND huyện)".
fn titles_after(tokens: &[Token], mut j: usize) -> (Vec<TitleRef>, usize) {
    let mut titles = Vec::new();
    loop {
        let sep = tokens
            .get(j)
            .is_some_and(|t| t.is_dash() || t.text == "," || t.text == "(");
        let k = if sep { j + 1 } else { j };
        match parse_title(tokens, k) {
            // A title followed by a name opens the next person ("…, Chủ nhiệm UBKT Lê B").
            Some((t, e)) if (sep || titles.is_empty()) && parse_name(tokens, e).is_none() => {
                titles.push(t);
                j = e;
            }
            _ => break,
        }
    }
    if !titles.is_empty() && tokens.get(j).is_some_and(|t| t.text == ")") {
        j += 1;
    }
    (titles, j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn scan_str(s: &str) -> Vec<PersonMention> {
        scan(&tokenize(s, 0, s.len()))
    }

    fn names_roles(ms: &[PersonMention]) -> Vec<(String, Vec<Rel>)> {
        ms.iter()
            .map(|m| {
                let roles = m.roles.iter().map(|r| r.0).collect();
                (m.name.clone().unwrap_or_default(), roles)
            })
            .collect()
    }

    #[test]
    fn a_mention_starts_only_at_a_name_a_cue_an_honorific_or_a_title() {
        fn first(s: &str) -> Token<'_> {
            tokenize(s, 0, s.len()).into_iter().next().unwrap()
        }
        let known = CUES
            .iter()
            .filter_map(|c| c.first().copied())
            .chain(PREFIXES.iter().map(|(p, ())| *p))
            .chain(crate::extract::titles::first_words());
        for w in known.chain(["Đồng chí", "Đ/c", "Bà", "Phó Bí thư", "Lưu Văn Bình"]) {
            assert!(may_start_mention(&first(w)), "{w}");
        }
        for w in ["hội nghị", "tổ chức", "năm", "2024", ",", "UBND", "nguyen"] {
            assert!(!may_start_mention(&first(w)), "{w}");
        }
    }

    #[test]
    fn names_of_two_to_five_syllables() {
        let s = "Lò Văn Pả";
        let t = tokenize(s, 0, s.len());
        assert_eq!(parse_name(&t, 0).unwrap().0, "Lò Văn Pả");
        let s = "Âu Dương Thị Ngọc Bích";
        let t = tokenize(s, 0, s.len());
        assert_eq!(parse_name(&t, 0).unwrap().0, s);
        let s = "Hà Nội";
        assert!(parse_name(&tokenize(s, 0, s.len()), 0).is_none());
    }

    #[test]
    fn a_list_of_chairs_shares_the_trailing_verb() {
        let ms = scan_str(
            "Các đồng chí Trịnh Văn Hòa - Tỉnh ủy viên, Bí thư Huyện ủy; đồng chí Mai Thị Lan - Phó Bí thư Thường trực Huyện ủy; đồng chí Lý Quang Minh - Phó Bí thư Huyện ủy - Chủ tịch UBND huyện chủ trì và điều hành hội nghị.",
        );
        assert_eq!(ms.len(), 3);
        for (_, roles) in names_roles(&ms) {
            assert_eq!(roles, vec![Rel::Chaired, Rel::Moderated]);
        }
        assert_eq!(ms[2].titles.len(), 2);
    }

    #[test]
    fn chairs_introduced_before_the_list() {
        let ms = scan_str(
            "Huyện ủy tổ chức hội nghị dưới sự chủ trì của các đồng chí: Bùi Văn Sơn - Bí thư Huyện ủy; Cao Thị Mỹ - Phó Bí thư Huyện ủy.",
        );
        assert_eq!(
            names_roles(&ms),
            vec![
                ("Bùi Văn Sơn".to_string(), vec![Rel::Chaired]),
                ("Cao Thị Mỹ".to_string(), vec![Rel::Chaired]),
            ]
        );
    }

    #[test]
    fn glued_titles_and_title_first_names() {
        let ms = scan_str(
            "Đồng chí Phùng Quốc Khánh Duy-Quận ủy viên, Chánh Văn phòng Quận ủy phát biểu.",
        );
        assert_eq!(ms[0].name.as_deref(), Some("Phùng Quốc Khánh Duy"));
        assert_eq!(ms[0].titles.len(), 2);
        let ms =
            scan_str("Phó Chủ tịch UBND huyện Đông Anh Tạ Hữu Lộc cho biết, huyện đạt 9 chỉ tiêu.");
        assert_eq!(ms[0].name.as_deref(), Some("Tạ Hữu Lộc"));
        assert_eq!(ms[0].roles, vec![(Rel::Spoke, Some("remarks"))]);
    }

    #[test]
    fn guests_listed_after_a_shared_title() {
        let ms = scan_str(
            "Tới dự có các đồng chí Ủy viên Ban Thường vụ Thành ủy: Trưởng ban Tổ chức Thành ủy Vương Thị Hạnh, Chủ nhiệm Ủy ban Kiểm tra Thành ủy Hầu Văn Đức.",
        );
        assert_eq!(ms.len(), 2);
        assert!(ms.iter().all(|m| m.roles == vec![(Rel::Attended, None)]));
        assert_eq!(ms[1].titles[0].title, "Ủy viên Ban Thường vụ");
        assert_eq!(ms[1].titles[1].title, "Chủ nhiệm");
    }

    #[test]
    fn presenting_a_report_is_not_speaking() {
        let ms = scan_str(
            "Hội nghị đã nghe đồng chí Lê Quý Đôn - UVTV, Trưởng Ban Tuyên giáo Huyện ủy trình bày báo cáo chính trị.",
        );
        assert_eq!(ms[0].roles, vec![(Rel::Presented, None)]);
        let ms = scan_str(
            "Sau phần báo cáo, đồng chí Lê Quý Đôn - Bí thư Huyện ủy đã điều hành thảo luận.",
        );
        assert_eq!(ms[0].roles, vec![(Rel::Moderated, None)]);
    }

    #[test]
    fn title_only_mentions_and_bare_names() {
        let ms = scan_str("Kết luận hội nghị, đồng chí Bí thư Huyện ủy nhấn mạnh ba nhiệm vụ.");
        assert_eq!(ms[0].name, None);
        assert_eq!(ms[0].roles[0].0, Rel::Spoke);
        assert!(scan_str("Học tập tư tưởng Hồ Chí Minh và Nguyễn Văn Cừ.").is_empty());
    }
}
