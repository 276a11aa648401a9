//! Bodies as written: party committees ("Quận ủy", "BCH Đảng bộ huyện Thanh Oai"), state
//! bodies ("UBND quận"), departments ("Ban Tổ chức Thành ủy"), with their place if named.
//! Where the place is left out, `resolve` fills it in from the article.

use super::lexicon::{roman_value, to_roman};
use super::places::{Level, Place, level_place, level_word, place_name};
use super::tokens::{Token, WordSet, indexed, seq, word_hash};
use crate::schema::Label;

/// A body as the text names it, before the article fills in a missing place.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BodyRef {
    /// `PartyCommittee` or `Organization`.
    pub label: Label,
    /// The name without the place: "Quận ủy", "UBND", "Ban Tổ chức", "Bộ Chính trị".
    pub head: String,
    /// The tier of the body.
    pub scope: Level,
    /// The level word of a state body ("quận" in "UBND quận …").
    pub level_word: Option<&'static str>,
    /// The place, when the text names it.
    pub place: Option<Place>,
    /// The committee or body a department belongs to ("Thành ủy" for "Ban Tổ chức Thành ủy").
    pub parent: Option<Box<BodyRef>>,
    /// The term ("khóa XXV"), when written after the body.
    pub term: Option<String>,
    /// The term's years ("nhiệm kỳ 2020 - 2025" → `2020-2025`).
    pub period: Option<String>,
}

impl BodyRef {
    /// A body with this head and tier and nothing else known.
    pub fn new(label: Label, head: &str, scope: Level) -> BodyRef {
        BodyRef {
            label,
            head: head.to_string(),
            scope,
            level_word: None,
            place: None,
            parent: None,
            term: None,
            period: None,
        }
    }

    /// Whether this is a district-level party committee (Quận ủy, Huyện ủy, …).
    pub fn is_district_committee(&self) -> bool {
        self.label == Label::PartyCommittee && self.scope == Level::District
    }
}

const CENTRAL: &[(&str, (Label, &str))] = &[
    (
        "ban chấp hành trung ương đảng",
        (Label::PartyCommittee, "Ban Chấp hành Trung ương"),
    ),
    (
        "ban chấp hành trung ương",
        (Label::PartyCommittee, "Ban Chấp hành Trung ương"),
    ),
    (
        "bch trung ương",
        (Label::PartyCommittee, "Ban Chấp hành Trung ương"),
    ),
    (
        "bch tw",
        (Label::PartyCommittee, "Ban Chấp hành Trung ương"),
    ),
    (
        "trung ương đảng",
        (Label::PartyCommittee, "Ban Chấp hành Trung ương"),
    ),
    (
        "trung ương",
        (Label::PartyCommittee, "Ban Chấp hành Trung ương"),
    ),
    ("bộ chính trị", (Label::PartyCommittee, "Bộ Chính trị")),
    (
        "ban bí thư trung ương đảng",
        (Label::PartyCommittee, "Ban Bí thư Trung ương"),
    ),
    (
        "ban bí thư trung ương",
        (Label::PartyCommittee, "Ban Bí thư Trung ương"),
    ),
    (
        "ban bí thư",
        (Label::PartyCommittee, "Ban Bí thư Trung ương"),
    ),
    ("quốc hội", (Label::Organization, "Quốc hội")),
    ("chính phủ", (Label::Organization, "Chính phủ")),
];

/// Committee heads and the level and kind of the place that may follow them.
const COMMITTEES: &[(&str, (&str, Level, &str))] = &[
    ("quận ủy", ("Quận ủy", Level::District, "quận")),
    ("huyện ủy", ("Huyện ủy", Level::District, "huyện")),
    ("thị ủy", ("Thị ủy", Level::District, "thị xã")),
    ("thành ủy", ("Thành ủy", Level::Province, "thành phố")),
    ("tỉnh ủy", ("Tỉnh ủy", Level::Province, "tỉnh")),
];

const STATE_BODIES: &[(&str, &str)] = &[
    ("ubnd", "UBND"),
    ("ủy ban nhân dân", "UBND"),
    ("hđnd", "HĐND"),
    ("hội đồng nhân dân", "HĐND"),
    ("ubmttq", "Ủy ban MTTQ"),
    ("ubmttq việt nam", "Ủy ban MTTQ"),
    ("ủy ban mttq", "Ủy ban MTTQ"),
    ("ủy ban mttq việt nam", "Ủy ban MTTQ"),
    ("ủy ban mặt trận tổ quốc", "Ủy ban MTTQ"),
    ("ủy ban mặt trận tổ quốc việt nam", "Ủy ban MTTQ"),
    ("công an", "Công an"),
    ("ban chỉ huy quân sự", "Ban Chỉ huy Quân sự"),
    ("bộ chỉ huy quân sự", "Bộ Chỉ huy Quân sự"),
    (
        "bộ chỉ huy bộ đội biên phòng",
        "Bộ Chỉ huy Bộ đội Biên phòng",
    ),
    ("thanh tra", "Thanh tra"),
    ("viện kiểm sát nhân dân", "Viện kiểm sát nhân dân"),
    ("viện ksnd", "Viện kiểm sát nhân dân"),
    ("tòa án nhân dân", "Tòa án nhân dân"),
    ("tand", "Tòa án nhân dân"),
    ("liên đoàn lao động", "Liên đoàn Lao động"),
    ("hội nông dân", "Hội Nông dân"),
    ("hội liên hiệp phụ nữ", "Hội Liên hiệp Phụ nữ"),
    ("hội lhpn", "Hội Liên hiệp Phụ nữ"),
    ("hội cựu chiến binh", "Hội Cựu chiến binh"),
    ("hội ccb", "Hội Cựu chiến binh"),
    ("đoàn thanh niên", "Đoàn Thanh niên"),
    ("đoàn tncs hồ chí minh", "Đoàn Thanh niên"),
    ("đoàn đại biểu quốc hội", "Đoàn đại biểu Quốc hội"),
    ("đoàn đbqh", "Đoàn đại biểu Quốc hội"),
    ("kho bạc nhà nước", "Kho bạc Nhà nước"),
];

/// The Youth Union's committees, named like party committees ("Huyện đoàn Gia Lâm").
const YOUTH: &[(&str, (&str, Level, &str))] = &[
    ("quận đoàn", ("Quận đoàn", Level::District, "quận")),
    ("huyện đoàn", ("Huyện đoàn", Level::District, "huyện")),
    ("thị đoàn", ("Thị đoàn", Level::District, "thị xã")),
    ("thành đoàn", ("Thành đoàn", Level::Province, "thành phố")),
    ("tỉnh đoàn", ("Tỉnh đoàn", Level::Province, "tỉnh")),
];

/// Departments of a party committee or council ("Ban Tổ chức", "Ban Pháp chế").
pub const BAN_NAMES: &[(&str, &str)] = &[
    ("tổ chức", "Tổ chức"),
    ("tuyên giáo", "Tuyên giáo"),
    ("tuyên giáo và dân vận", "Tuyên giáo và Dân vận"),
    ("dân vận", "Dân vận"),
    ("nội chính", "Nội chính"),
    ("kinh tế", "Kinh tế"),
    ("kinh tế - xã hội", "Kinh tế - Xã hội"),
    ("kinh tế - ngân sách", "Kinh tế - Ngân sách"),
    ("pháp chế", "Pháp chế"),
    ("văn hóa - xã hội", "Văn hóa - Xã hội"),
    ("đô thị", "Đô thị"),
    ("dân tộc", "Dân tộc"),
    (
        "bảo vệ chăm sóc sức khỏe cán bộ",
        "Bảo vệ chăm sóc sức khỏe cán bộ",
    ),
];

/// Reads a body starting at token `i`; returns it and the index after it (and after a
/// "khóa …, nhiệm kỳ …" that follows it).
pub fn parse_body(tokens: &[Token], i: usize) -> Option<(BodyRef, usize)> {
    let (mut body, end) = parse_bare(tokens, i)?;
    let (term, period, end) = term_suffix(tokens, end);
    body.term = term;
    body.period = period;
    Some((body, end))
}

fn parse_bare(tokens: &[Token], i: usize) -> Option<(BodyRef, usize)> {
    if !may_start_body(tokens, i) {
        return None;
    }
    read_bare(tokens, i)
}

/// [`parse_bare`] past its filter: each kind of body in turn.
fn read_bare(tokens: &[Token], i: usize) -> Option<(BodyRef, usize)> {
    if let Some(((label, head), end)) = indexed!(CENTRAL, (Label, &'static str)).longest(tokens, i)
    {
        let central_ok = head != "Ban Bí thư Trung ương" || tokens[i].is_capitalized();
        if central_ok {
            return Some((BodyRef::new(label, head, Level::Central), end));
        }
    }
    if let Some(found) = committee(tokens, i) {
        return Some(found);
    }
    if let Some(found) = youth_committee(tokens, i) {
        return Some(found);
    }
    if let Some(found) = military_region(tokens, i) {
        return Some(found);
    }
    if let Some(end) = seq(tokens, i, &["ban", "thường", "vụ"]) {
        return committee(tokens, end); // the standing committee speaks for its committee
    }
    if let Some(found) = party_organisation(tokens, i) {
        return Some(found);
    }
    if let Some((head, end)) = indexed!(STATE_BODIES, &'static str).longest(tokens, i) {
        return Some(state_body(tokens, head, end));
    }
    if let Some(end) = seq(tokens, i, &["ủy", "ban", "kiểm", "tra"]).or(seq(tokens, i, &["ubkt"]))
    {
        return Some(department(tokens, "Ủy ban Kiểm tra", end));
    }
    if let Some(end) = seq(tokens, i, &["văn", "phòng"]) {
        let (parent, end) = parse_bare(tokens, end)?;
        let mut body = BodyRef::new(Label::Organization, "Văn phòng", parent.scope);
        body.parent = Some(Box::new(parent));
        return Some((body, end));
    }
    if let Some(end) = seq(tokens, i, &["ban"]) {
        let (name, end) = indexed!(BAN_NAMES, &'static str).longest(tokens, end)?;
        return Some(department(tokens, &format!("Ban {name}"), end));
    }
    named_office(tokens, i)
}

/// The first words of the other branches of [`parse_bare`] that a body may start with
/// whatever follows: a department ("Ban" and its name, or the standing committee), a
/// named office ("Sở", "Phòng"), the control commission's abbreviation.
const OTHER_ALONE: &[&str] = &["ban", "sở", "phòng", "ubkt"];

/// The first two words of the other branches of [`parse_bare`]: the sequences it compares
/// (military regions, party organisations, the control commission, offices). A branch
/// added without its words here is caught by the test
/// `the_filter_lets_through_every_body_the_branches_read`.
const OTHER_PAIRS: &[(&str, &str)] = &[
    ("quân", "khu"),
    ("bch", "đảng"),
    ("đảng", "bộ"),
    ("đảng", "ủy"),
    ("ủy", "ban"),
    ("văn", "phòng"),
];

/// Every phrase of the tables [`parse_bare`] looks bodies up in.
fn table_phrases() -> impl Iterator<Item = &'static str> {
    let central = CENTRAL.iter().map(|(p, _)| *p);
    let committees = COMMITTEES.iter().map(|(p, _)| *p);
    let youth = YOUTH.iter().map(|(p, _)| *p);
    let state = STATE_BODIES.iter().map(|(p, _)| *p);
    central.chain(committees).chain(youth).chain(state)
}

/// What the first two words of a body can be: words that start one whatever follows
/// (a phrase of one word, [`OTHER_ALONE`]), and pairs of words (by their hashes).
struct Starts {
    first: WordSet,
    alone: WordSet,
    pairs: rustc_hash::FxHashSet<(u64, u64)>,
}

impl Starts {
    fn new() -> Starts {
        let words = |p: &'static str| -> Vec<&'static str> { p.split(' ').collect() };
        let phrases: Vec<Vec<&'static str>> = table_phrases().map(words).collect();
        let alone: Vec<&'static str> = phrases
            .iter()
            .filter(|w| w.len() == 1)
            .map(|w| w[0])
            .chain(OTHER_ALONE.iter().copied())
            .collect();
        let pairs: Vec<(&'static str, &'static str)> = phrases
            .iter()
            .filter(|w| w.len() > 1)
            .map(|w| (w[0], w[1]))
            .chain(OTHER_PAIRS.iter().copied())
            .collect();
        Starts {
            first: WordSet::of(alone.iter().copied().chain(pairs.iter().map(|p| p.0))),
            alone: WordSet::of(alone),
            pairs: pairs
                .iter()
                .map(|&(a, b)| (word_hash(a), word_hash(b)))
                .collect(),
        }
    }
}

/// Whether a body can start at token `i`: its word and the next are the first two words of
/// a phrase [`parse_bare`] reads, or its word starts one alone. Most tokens start none
/// (one look-up), and most of the rest ("huyện" before a name) are turned away by the
/// next word, sparing them the dozen branches.
fn may_start_body(tokens: &[Token], i: usize) -> bool {
    use std::sync::LazyLock;
    static STARTS: LazyLock<Starts> = LazyLock::new(Starts::new);
    let Some(t) = tokens.get(i) else {
        return false;
    };
    if !STARTS.first.contains(t) {
        return false;
    }
    if STARTS.alone.contains(t) {
        return true;
    }
    tokens
        .get(i + 1)
        .is_some_and(|next| STARTS.pairs.contains(&(t.hash, next.hash)))
}

/// "Quận ủy", "Thành ủy Hải Phòng", "Huyện ủy Lâm Hà".
fn committee(tokens: &[Token], i: usize) -> Option<(BodyRef, usize)> {
    let ((head, level, kind), end) =
        indexed!(COMMITTEES, (&'static str, Level, &'static str)).longest(tokens, i)?;
    if tokens.get(end).is_some_and(|t| t.lc == "viên") {
        return None; // "Thành ủy viên" is a title
    }
    Some(placed(
        BodyRef::new(Label::PartyCommittee, head, level),
        tokens,
        end,
        kind,
    ))
}

/// A committee head and the place after it, if any.
fn placed(mut body: BodyRef, tokens: &[Token], end: usize, kind: &'static str) -> (BodyRef, usize) {
    let (place, end) = place_after_head(tokens, end, body.scope, kind);
    if let Some(p) = place {
        body.scope = p.level;
        body.place = Some(p);
    }
    (body, end)
}

/// "Huyện đoàn", "Thành đoàn Hải Phòng": the Youth Union's committee of a place.
fn youth_committee(tokens: &[Token], i: usize) -> Option<(BodyRef, usize)> {
    let ((head, level, kind), end) =
        indexed!(YOUTH, (&'static str, Level, &'static str)).longest(tokens, i)?;
    let mut body = BodyRef::new(Label::Organization, head, level);
    body.level_word = Some(kind);
    Some(placed(body, tokens, end, kind))
}

/// "Quân khu 3": a military region, named by its number.
fn military_region(tokens: &[Token], i: usize) -> Option<(BodyRef, usize)> {
    let end = seq(tokens, i, &["quân", "khu"])?;
    let n = tokens.get(end).filter(|t| t.is_number())?;
    let body = BodyRef::new(
        Label::Organization,
        &format!("Quân khu {}", n.text),
        Level::Central,
    );
    Some((body, end + 1))
}

/// The place after a committee head, with the level word the press sometimes repeats
/// ("Quận ủy quận 7", "Thành ủy TP. Vị Thanh").
fn place_after_head(
    tokens: &[Token],
    end: usize,
    level: Level,
    kind: &'static str,
) -> (Option<Place>, usize) {
    if let Some((lvl, k, j)) = level_word(tokens, end)
        && (lvl == level || k == "thành phố")
        && let Some((place, e)) = place_name(tokens, j, Some((lvl, k)))
    {
        return (Some(place), e);
    }
    match place_name(tokens, end, Some((level, kind))) {
        Some((place, e)) => (Some(place), e),
        None => (None, end),
    }
}

/// "Ban Chấp hành Đảng bộ quận Cầu Giấy", "BCH Đảng bộ huyện", "Đảng ủy phường Yên Hòa":
/// the committee of a party organisation, named as its Quận ủy / Huyện ủy / ….
fn party_organisation(tokens: &[Token], i: usize) -> Option<(BodyRef, usize)> {
    let j = seq(tokens, i, &["ban", "chấp", "hành", "đảng", "bộ"])
        .or_else(|| seq(tokens, i, &["bch", "đảng", "bộ"]))
        .or_else(|| seq(tokens, i, &["đảng", "bộ"]))
        .or_else(|| seq(tokens, i, &["đảng", "ủy"]))?;
    let (level, kind, k) = level_word(tokens, j)?;
    let head = match kind {
        "quận" => "Quận ủy",
        "huyện" => "Huyện ủy",
        "thị xã" => "Thị ủy",
        "thành phố" => "Thành ủy",
        "tỉnh" => "Tỉnh ủy",
        _ => "Đảng ủy",
    };
    let mut body = BodyRef::new(Label::PartyCommittee, head, level);
    let mut end = k;
    if let Some((place, e)) = place_name(tokens, k, Some((level, kind))) {
        body.scope = place.level;
        if head == "Đảng ủy" {
            body.level_word = Some(kind);
        }
        body.place = Some(place);
        end = e;
    }
    Some((body, end))
}

/// "UBND quận Cầu Giấy", "HĐND Thành phố", "UBND huyện".
fn state_body(tokens: &[Token], head: &str, i: usize) -> (BodyRef, usize) {
    // Delegations to the National Assembly and military commands exist per province only.
    let provincial = matches!(
        head,
        "Đoàn đại biểu Quốc hội" | "Bộ Chỉ huy Quân sự" | "Bộ Chỉ huy Bộ đội Biên phòng"
    );
    let scope = if provincial {
        Level::Province
    } else {
        Level::District
    };
    let mut body = BodyRef::new(Label::Organization, head, scope);
    if let Some((place, end)) = place_name(tokens, i, None) {
        body.scope = place.level;
        body.level_word = Some(place.kind);
        body.place = Some(place);
        return (body, end);
    }
    if let Some((level, kind, j)) = level_word(tokens, i) {
        body.scope = level;
        body.level_word = Some(kind);
        if let Some((place, end)) = place_name(tokens, j, Some((level, kind))) {
            body.scope = place.level;
            body.level_word = Some(place.kind);
            body.place = Some(place);
            return (body, end);
        }
        return (body, j);
    }
    (body, i)
}

/// A department followed by the body it belongs to, or by nothing (the article's own).
pub fn department(tokens: &[Token], head: &str, i: usize) -> (BodyRef, usize) {
    let mut body = BodyRef::new(Label::Organization, head, Level::District);
    match parse_bare(tokens, i) {
        Some((parent, end)) => {
            body.scope = parent.scope;
            body.parent = Some(Box::new(parent));
            (body, end)
        }
        None => (body, i),
    }
}

/// "Sở Nội vụ", "Phòng Tài chính - Kế hoạch huyện": capitalised office names.
fn named_office(tokens: &[Token], i: usize) -> Option<(BodyRef, usize)> {
    let t = tokens.get(i)?;
    let scope = match t.text {
        "Sở" => Level::Province,
        "Phòng" => Level::District,
        _ => return None,
    };
    // Office names are two-syllable words, each capitalised: "Giáo dục và Đào tạo".
    let mut j = i + 1;
    let mut words = vec![t.text];
    while let Some(w) = tokens.get(j) {
        let joins =
            (w.lc == "và" || w.is_dash()) && tokens.get(j + 1).is_some_and(Token::is_name_syllable);
        let abbreviation = w.text.chars().count() >= 2
            && w.text
                .chars()
                .all(|c| c.is_uppercase() || c == '-' || c == '&');
        if w.is_name_syllable() || abbreviation {
            words.push(w.text);
            j += 1;
            let lower = tokens.get(j).filter(|n| n.is_word() && !n.is_capitalized());
            if let Some(n) = lower.filter(|_| level_word(tokens, j).is_none()) {
                words.push(n.text);
                j += 1;
            }
        } else if joins && words.len() > 1 {
            words.push(w.text);
            j += 1;
        } else {
            break;
        }
    }
    if words.len() < 2 {
        return None;
    }
    let mut body = BodyRef::new(Label::Organization, &words.join(" "), scope);
    if let Some((place, end)) = level_place(tokens, j) {
        body.scope = place.level;
        body.level_word = Some(place.kind);
        body.place = Some(place);
        j = end;
    }
    Some((body, j))
}

/// "khóa XXV", "khoá 25", ", nhiệm kỳ 2020 - 2025", "(2020-2025)" after a body.
pub fn term_suffix(tokens: &[Token], i: usize) -> (Option<String>, Option<String>, usize) {
    let mut end = i;
    let mut term = None;
    if let Some(j) = seq(tokens, end, &["khóa"])
        && let Some(t) = tokens.get(j).and_then(|t| roman_term(t.text))
    {
        term = Some(t);
        end = j + 1;
    }
    let mut j = end;
    if tokens
        .get(j)
        .is_some_and(|t| t.text == "," || t.text == "(")
    {
        j += 1;
    }
    if let Some(k) = seq(tokens, j, &["nhiệm", "kỳ"])
        && let Some((p, e)) = period(tokens, k)
    {
        let e = if tokens.get(e).is_some_and(|t| t.text == ")") {
            e + 1
        } else {
            e
        };
        return (term, Some(p), e);
    }
    (term, None, end)
}

/// A term numeral: roman as written ("XXV") or digits turned roman ("25" → "XXV").
pub fn roman_term(s: &str) -> Option<String> {
    if roman_value(s).is_some() {
        return Some(s.to_string());
    }
    let n: u32 = s.parse().ok().filter(|n| (1..100).contains(n))?;
    Some(to_roman(n))
}

/// Two years joined by a dash: "2020 - 2025", "2020- 2025", "2020-2025" → `2020-2025`.
pub fn period(tokens: &[Token], i: usize) -> Option<(String, usize)> {
    let t = tokens.get(i)?;
    let year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((a, b)) = t.text.split_once(['-', '–'])
        && year(a)
        && year(b)
    {
        return Some((format!("{a}-{b}"), i + 1));
    }
    let dash = tokens.get(i + 1)?;
    let b = tokens.get(i + 2)?;
    (year(t.text) && dash.is_dash() && year(b.text))
        .then(|| (format!("{}-{}", t.text, b.text), i + 3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::first_word;
    use crate::extract::tokens::tokenize;

    fn body(s: &str) -> (BodyRef, usize) {
        let t = tokenize(s, 0, s.len());
        parse_body(&t, 0).unwrap()
    }

    #[test]
    fn reads_committees_with_and_without_place() {
        let (b, _) = body("Huyện ủy Mê Linh");
        assert_eq!(
            (b.head.as_str(), b.place.unwrap().name.as_str()),
            ("Huyện ủy", "Mê Linh")
        );
        let (b, end) = body("Quận ủy chủ trì");
        assert_eq!((b.head.as_str(), b.place, end), ("Quận ủy", None, 2));
        let (b, _) = body("Thành ủy Hải Phòng");
        assert_eq!(b.scope, Level::Province);
    }

    #[test]
    fn reads_party_organisations_with_term() {
        let (b, end) = body("Ban Chấp hành Đảng bộ huyện Sóc Sơn khóa 24, nhiệm kỳ 2020- 2025 họp");
        assert_eq!(b.head, "Huyện ủy");
        assert_eq!(b.place.unwrap().name, "Sóc Sơn");
        assert_eq!(
            (b.term.as_deref(), b.period.as_deref()),
            (Some("XXIV"), Some("2020-2025"))
        );
        assert_eq!(end, 16);
    }

    #[test]
    fn reads_departments_and_state_bodies() {
        let (b, _) = body("Ban Tuyên giáo Thành ủy");
        assert_eq!(b.head, "Ban Tuyên giáo");
        assert_eq!(b.parent.unwrap().head, "Thành ủy");
        let (b, _) = body("UBND quận Long Biên");
        assert_eq!((b.head.as_str(), b.level_word), ("UBND", Some("quận")));
        let (b, _) = body("Ủy ban Kiểm tra Tỉnh ủy Nghệ An");
        assert_eq!(b.parent.unwrap().place.unwrap().name, "Nghệ An");
        let (b, _) = body("Sở Giáo dục và Đào tạo");
        assert_eq!(b.head, "Sở Giáo dục và Đào tạo");
    }

    #[test]
    fn every_phrase_of_the_tables_may_start_a_body() {
        for phrase in table_phrases() {
            // written as the press does, capitalised ("Ban Bí thư" must be)
            let phrase = crate::text::fold::capitalize_first(phrase);
            let t = tokenize(&phrase, 0, phrase.len());
            assert!(may_start_body(&t, 0), "{phrase}");
            assert!(parse_bare(&t, 0).is_some(), "{phrase}");
        }
        let t = tokenize("Ngày hội", 0, "Ngày hội".len());
        assert!(!may_start_body(&t, 0) && parse_bare(&t, 0).is_none());
        let t = tokenize("huyện Lâm Hà", 0, "huyện Lâm Hà".len());
        assert!(
            !may_start_body(&t, 0),
            "a first word, but no body's first two"
        );
    }

    #[test]
    fn the_filter_lets_through_every_body_the_branches_read() {
        // texts of whole phrases, the first words of phrases, and other words, in any order
        let mut pieces: Vec<String> = table_phrases()
            .chain(BAN_NAMES.iter().map(|(p, _)| *p))
            .flat_map(|p| {
                let first = first_word(p);
                [
                    p.to_string(),
                    crate::text::fold::capitalize_first(p),
                    first.to_string(),
                ]
            })
            .collect();
        pieces.extend(OTHER_ALONE.iter().map(|w| w.to_string()));
        pieces.extend(
            OTHER_PAIRS
                .iter()
                .flat_map(|(a, b)| [a.to_string(), b.to_string()]),
        );
        for w in [
            "Sở",
            "Phòng",
            "Văn phòng",
            "Ban Thường vụ",
            "Ban Chấp hành Đảng bộ",
            "BCH",
            "Quân khu",
            "3",
            "huyện",
            "quận",
            "tỉnh",
            "thành phố",
            "xã",
            "Lâm",
            "Hà",
            "Nội",
            "Tài",
            "chính",
            "và",
            "-",
            "khóa",
            "XX",
            "nhiệm kỳ",
            "2020",
            ",",
            "viên",
            "Nguyễn",
        ] {
            pieces.push(w.to_string());
        }
        let pieces: Vec<String> = pieces.into_iter().map(|p| format!("{p} ")).collect();
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let mut bodies = 0;
        for s in crate::text::random_texts(&pieces, 1..8, 0x7A3D_52C1_E90B_46F3).take(20_000) {
            let t = tokenize(&s, 0, s.len());
            for i in 0..t.len() {
                if read_bare(&t, i).is_some() {
                    bodies += 1;
                    assert!(may_start_body(&t, i), "{s:?} at {i}");
                }
            }
        }
        assert!(bodies > 10_000, "{bodies}");
    }

    #[test]
    fn a_title_is_not_a_body() {
        let s = "Thành ủy viên";
        let t = tokenize(s, 0, s.len());
        assert!(parse_body(&t, 0).is_none());
    }
}
