//! What meetings handle: numbered documents ("Nghị quyết số 15-NQ/TU"), programmes and
//! plans ("07 Chương trình công tác"), elections ("bầu cử đại biểu Quốc hội khóa XV").

use std::sync::LazyLock;

use regex::Regex;

use super::bodies::{BodyRef, parse_body, period, roman_term};
use super::events::number_at;
use super::pattern::word_captures;
use super::tokens::{Token, seq};
use crate::text::fold;

/// A numbered document named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRef {
    /// `Nghị quyết`, `Chỉ thị`, `Quy định`, `Quyết định`, `Đề án`, `Quy chế`, `Kết luận`, …
    pub kind: &'static str,
    /// The number without leading zeros ("05" → "5").
    pub number: String,
    /// The code after the number (`NQ/TU`, `CT/TW`), upper case, `TƯ` written `TW`.
    pub code: Option<String>,
    /// The body that issued it ("… của Thành ủy").
    pub issuer: Option<BodyRef>,
    /// The year it was signed, when the text gives its date ("… ngày 30/5/2019").
    pub year: Option<u32>,
    /// Byte range in the article text.
    pub start: usize,
    /// One past its end.
    pub end: usize,
}

const DOC_KINDS: &[(&str, &str)] = &[
    ("nghị quyết", "Nghị quyết"),
    ("chỉ thị", "Chỉ thị"),
    ("quy định", "Quy định"),
    ("quyết định", "Quyết định"),
    ("đề án", "Đề án"),
    ("quy chế", "Quy chế"),
    ("kết luận", "Kết luận"),
    ("hướng dẫn", "Hướng dẫn"),
    ("thông tri", "Thông tri"),
    ("công văn", "Công văn"),
    ("nq", "Nghị quyết"),
    ("ct", "Chỉ thị"),
    ("qđ", "Quyết định"),
    ("kl", "Kết luận"),
    ("hd", "Hướng dẫn"),
];

/// A document's kind and number; matched at a word boundary ([`word_captures`]).
static DOC_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"((?i:nghị quyết|chỉ thị|quy định|quyết định|đề án|quy chế|kết luận|hướng dẫn|thông tri|công văn)|NQ|CT|QĐ|KL|HD)\s+((?i:số)\s+)?(\d{1,4})(?:\s*[-/]\s*([A-ZĐƯ]{1,5}(?:[/-][A-ZĐƯa-z]{1,6})?))?",
    )
    .expect("static regex")
});

/// The date written right after a document's number: "ngày 30/5/2019", "ngày 30 tháng 5
/// năm 2019", "(ngày 30-5-2019)".
static SIGNED_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*[,(]?\s*(?:ban\s+hành\s+)?ngày\s+\d{1,2}\s*(?:[/.-]\s*\d{1,2}\s*[/.-]|tháng\s+\d{1,2}\s+năm)\s*((?:19|20)\d{2})\b\)?",
    )
    .expect("a valid pattern")
});

static MORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:,|và)\s*(\d{1,4})(?:\s*[-/]\s*([A-ZĐƯ]{1,5}(?:[/-][A-ZĐƯa-z]{1,6})?))?\b")
        .expect("static regex")
});

/// Every numbered document of a sentence (`text[start..end]`, tokens of the same span).
pub fn documents(text: &str, start: usize, end: usize, tokens: &[Token]) -> Vec<DocumentRef> {
    let s = &text[start..end];
    let mut out: Vec<DocumentRef> = Vec::new();
    // Every document the pattern reads has a number (`\d`, a numeric character): a
    // sentence without one is not searched.
    if !s.chars().any(crate::text::chars::is_numeric) {
        return out;
    }
    let mut chain_from = 0;
    for c in word_captures(&DOC_RE, s) {
        let (Some(whole), Some(kind_m), Some(num)) = (c.get(0), c.get(1), c.get(3)) else {
            continue;
        };
        let tail = &s[whole.end()..];
        let numbered = c.get(2).is_some() || c.get(4).is_some();
        // "Chỉ thị số 18-CT/TW ngày 2.4.2021" is a document, "quyết định 3 ngày" is not
        if tail.trim_start().starts_with(['%', '/']) || (!numbered && starts_with_unit(tail)) {
            continue;
        }
        let written_kind = kind_m.as_str();
        let strong = numbered || written_kind.starts_with(char::is_uppercase);
        if !strong {
            continue;
        }
        let kind = DOC_KINDS
            .iter()
            .find(|(k, _)| *k == written_kind.to_lowercase())
            .map_or("Nghị quyết", |(_, v)| v);
        let joined = out.last().is_some_and(|d| {
            let between = &text[d.end..start + whole.start()];
            matches!(between.trim(), "và" | "," | ";")
        });
        if !joined {
            chain_from = out.len();
        }
        let mut at = whole.end();
        out.push(doc(
            kind,
            num.as_str(),
            c.get(4).map(|m| m.as_str()),
            start + whole.start(),
            start + at,
        ));
        while let Some(m) = MORE_RE.captures(&s[at..]) {
            let (Some(all), Some(n)) = (m.get(0), m.get(1)) else {
                break;
            };
            out.push(doc(
                kind,
                n.as_str(),
                m.get(2).map(|x| x.as_str()),
                start + at,
                start + at + all.end(),
            ));
            at += all.end();
        }
        if let Some(date) = SIGNED_RE.captures(&s[at..]) {
            let year = date.get(1).and_then(|y| y.as_str().parse().ok());
            if let Some(last) = out.last_mut() {
                last.year = year;
            }
            at += date.get(0).map_or(0, |m| m.end());
        }
        if let Some(issuer) = issuer_after(tokens, start + at) {
            for d in &mut out[chain_from..] {
                d.issuer = Some(issuer.clone());
            }
        }
    }
    out
}

/// "10 năm", "3 ngày": a count, not a number; but "ngày 3/2/2023" is the document's date.
fn starts_with_unit(tail: &str) -> bool {
    let mut words = tail.split_whitespace();
    let w = words.next().unwrap_or("");
    let dated = w == "ngày"
        && words.next().is_some_and(|d| {
            d.starts_with(|c: char| c.is_ascii_digit()) && d.contains(['/', '-', '.'])
        });
    !dated && matches!(w, "năm" | "tháng" | "ngày" | "người" | "tỷ" | "triệu")
}

fn doc(
    kind: &'static str,
    number: &str,
    code: Option<&str>,
    start: usize,
    end: usize,
) -> DocumentRef {
    let number = number.trim_start_matches('0');
    DocumentRef {
        kind,
        number: if number.is_empty() {
            "0".into()
        } else {
            number.into()
        },
        code: code.map(|c| c.to_uppercase().replace("TƯ", "TW")),
        issuer: None,
        year: None,
        start,
        end,
    }
}

/// "của Thành ủy", "(khóa XII) của Bộ Chính trị", "của Ban Thường vụ Quận ủy".
fn issuer_after(tokens: &[Token], byte: usize) -> Option<BodyRef> {
    let mut i = tokens.partition_point(|t| t.start < byte);
    tokens.get(i)?;
    if tokens[i].text == "(" {
        i += tokens[i..].iter().position(|t| t.text == ")")? + 1;
    }
    let j = seq(tokens, i, &["của"])?;
    if let Some(k) = seq(tokens, j, &["hội", "nghị", "trung", "ương"]) {
        return parse_body(tokens, k - 2).map(|(b, _)| b);
    }
    parse_body(tokens, j).map(|(b, _)| b)
}

/// A programme or plan named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeRef {
    /// The name as written, from "Chương trình" / "Kế hoạch" to the end of the phrase.
    pub name: String,
    /// How many ("07 Chương trình" → 7).
    pub count: Option<u32>,
    /// The years it covers ("giai đoạn 2021-2025").
    pub period: Option<String>,
    /// The body after "của" inside the name.
    pub issuer: Option<BodyRef>,
    /// Token range.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
}

/// Every programme or plan of a sentence.
pub fn programmes(text: &str, tokens: &[Token]) -> Vec<ProgrammeRef> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        match programme_at(text, tokens, k) {
            Some(p) => {
                k = p.end;
                out.push(p);
            }
            None => k += 1,
        }
    }
    out
}

fn is_head(tokens: &[Token], k: usize) -> bool {
    seq(tokens, k, &["chương", "trình"]).is_some() || seq(tokens, k, &["kế", "hoạch"]).is_some()
}

fn programme_at(text: &str, tokens: &[Token], k: usize) -> Option<ProgrammeRef> {
    if !is_head(tokens, k) {
        return None;
    }
    let mut b = k;
    let drafted = b >= 2 && seq(tokens, b - 2, &["dự", "thảo"]).is_some();
    if drafted {
        b -= 2;
    }
    let count = b
        .checked_sub(1)
        .and_then(|p| number_at(tokens, p).filter(|(_, e)| *e == b))
        .map(|(n, _)| n)
        .or_else(|| {
            b.checked_sub(2)
                .and_then(|p| number_at(tokens, p).filter(|(_, e)| *e == b))
                .map(|(n, _)| n)
        });
    let generic = b >= 1 && matches!(tokens[b - 1].lc.as_ref(), "các" | "những" | "và");
    if count.is_none() && (generic || !(tokens[k].is_capitalized() || drafted)) {
        return None;
    }
    let end = programme_end(tokens, k);
    if end < k + 3 {
        return None; // "Chương trình" alone names nothing
    }
    let name = text[tokens[k].start..tokens[end - 1].end].to_string();
    let mut issuer = None;
    let mut per = None;
    for j in k..end {
        if tokens[j].lc == "của" && issuer.is_none() {
            issuer = parse_body(&tokens[..end], j + 1).map(|(b, _)| b);
        }
        if matches!(tokens[j].lc.as_ref(), "đoạn" | "kỳ") {
            per = per.or_else(|| period(tokens, j + 1).map(|p| p.0));
        }
    }
    Some(ProgrammeRef {
        name,
        count,
        period: per,
        issuer,
        start: k,
        end,
    })
}

const STOP_WORDS: &[&str] = &[
    "đã", "được", "nhằm", "để", "góp", "trên", "gắn", "đúng", "cho", "với", "đề", "trong", "tới",
];

/// Where a programme's name ends: at `;` `.` `:`, before "và" + a new item, before a verb.
fn programme_end(tokens: &[Token], k: usize) -> usize {
    let topic_list = tokens.get(k + 2).is_some_and(|t| t.lc == "về");
    let mut j = k + 2;
    let mut depth = 0;
    while j < tokens.len() && j < k + 32 {
        let t = &tokens[j];
        match t.text {
            "(" => depth += 1,
            ")" if depth > 0 => depth -= 1,
            ";" | "." | ":" | "…" | "\"" | "“" | "”" | ")" => break,
            "," if depth == 0 => {
                let next = tokens.get(j + 1);
                let period_next = seq(tokens, j + 1, &["nhiệm", "kỳ"]).is_some()
                    || seq(tokens, j + 1, &["giai", "đoạn"]).is_some();
                let new_head = is_head(tokens, j + 1) && j == k + 2;
                let continues = period_next
                    || new_head
                    || (topic_list
                        && next.is_some_and(|n| !n.is_capitalized() || n.text == "MTTQ"));
                if !continues {
                    break;
                }
            }
            _ => {}
        }
        if t.lc == "và" && depth == 0 {
            let next = tokens.get(j + 1);
            let new_item = next.is_some_and(|n| {
                n.is_number()
                    || matches!(n.lc.as_ref(), "dự" | "thông" | "các" | "bầu" | "tờ")
                    || is_head(tokens, j + 1)
            });
            let same_topic = topic_list && next.is_some_and(|n| n.lc == "bầu");
            if new_item && !same_topic {
                break;
            }
        }
        if depth == 0 && STOP_WORDS.contains(&t.lc.as_ref()) && j > k + 2 {
            break;
        }
        j += 1;
    }
    j
}

/// An election named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionRef {
    /// `Quốc hội` or `HĐND`.
    pub body: &'static str,
    /// The National Assembly's khóa (roman).
    pub term: Option<String>,
    /// The councils' term years.
    pub period: Option<String>,
    /// Byte range in the article text.
    pub start: usize,
    /// One past its end.
    pub end: usize,
}

static QH_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)bầu\s+cử\s+(?:đại\s+biểu\s+)?quốc\s+hội\s+khóa\s+([IVXLC]+|\d{1,2})\b")
        .expect("static regex")
});

/// Whether `s` has "bầu" in any case, as [`QH_RE`] reads it (`(?i)`: each of its letters
/// matches itself and its capital only).
fn says_bau(s: &str) -> bool {
    // a byte search: `match_indices` with a set of characters decodes every character
    memchr::memchr2_iter(b'b', b'B', s.as_bytes()).any(|at| {
        let mut next = s[at + 1..].chars();
        matches!(next.next(), Some('ầ' | 'Ầ')) && matches!(next.next(), Some('u' | 'U'))
    })
}

static HDND_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:hđnd|hội\s+đồng\s+nhân\s+dân)(\s+các\s+cấp)?\s*,?\s*nhiệm\s+kỳ\s+(\d{4})\s*[-–]\s*(\d{4})")
        .expect("static regex")
});

/// The years of the National Assembly's khóa `n` (XIII 2011-2016, XV 2021-2026, …); the
/// councils are elected with it for the same years.
fn assembly_period(n: u32) -> Option<String> {
    (n >= 13).then(|| {
        let from = 2011 + 5 * (n - 13);
        format!("{}-{}", from, from + 5)
    })
}

/// Every election of a sentence (`text[start..end]`).
pub fn elections(text: &str, start: usize, end: usize) -> Vec<ElectionRef> {
    let s = &text[start..end];
    let mut out = Vec::new();
    let mut assembly: Option<(u32, usize)> = None;
    // The pattern's final `\b` keeps it off the regex crate's fast engine on Vietnamese
    // text: only a sentence that has the word it starts with is searched.
    let assembly_matches = says_bau(s).then(|| QH_RE.captures_iter(s));
    for c in assembly_matches.into_iter().flatten() {
        let (Some(m), Some(t)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let Some(term) = roman_term(t.as_str()) else {
            continue;
        };
        assembly = super::lexicon::roman_value(&term).map(|n| (n, m.end()));
        out.push(ElectionRef {
            body: "Quốc hội",
            term: Some(term),
            period: None,
            start: start + m.start(),
            end: start + m.end(),
        });
    }
    for c in HDND_RE.captures_iter(s) {
        let (Some(m), Some(a), Some(b)) = (c.get(0), c.get(2), c.get(3)) else {
            continue;
        };
        if !fold(&s[..m.start()]).contains("bau cu") {
            continue; // councils named outside an election
        }
        let mut per = format!("{}-{}", a.as_str(), b.as_str());
        // A council election named with the Assembly's ("… khóa XV và HĐND các cấp nhiệm kỳ
        // 2016-2021") shares its years; a mismatch is a slip of the writer.
        if let Some((n, qh_end)) = assembly {
            let between = &s[qh_end.min(m.start())..m.start()];
            if qh_end <= m.start() && between.len() < 60 && between.contains("và") {
                per = assembly_period(n).unwrap_or(per);
            }
        }
        out.push(ElectionRef {
            body: "HĐND",
            term: None,
            period: Some(per),
            start: start + m.start(),
            end: start + m.end(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn docs(s: &str) -> Vec<(String, String, Option<String>, Option<String>)> {
        let t = tokenize(s, 0, s.len());
        documents(s, 0, s.len(), &t)
            .into_iter()
            .map(|d| {
                (
                    d.kind.to_string(),
                    d.number,
                    d.code,
                    d.issuer.map(|b| b.head),
                )
            })
            .collect()
    }

    #[test]
    fn numbered_documents_with_codes_lists_and_issuers() {
        let got =
            docs("thực hiện Nghị quyết số 09-NQ/TƯ, Nghị quyết 12, 13 và Chỉ thị 04 của Tỉnh ủy.");
        assert_eq!(got.len(), 4);
        assert_eq!(
            got[0],
            (
                "Nghị quyết".into(),
                "9".into(),
                Some("NQ/TW".into()),
                Some("Tỉnh ủy".into())
            )
        );
        assert_eq!(got[2].1, "13");
        assert_eq!(got[3].0, "Chỉ thị");
    }

    #[test]
    fn dated_abbreviated_and_other_kinds() {
        let got = docs(
            "quán triệt Chỉ thị số 07-CT/TW ngày 4.5.2022 và NQ 19 ngày 3/2/2023, Thông tri số 08 của Ban Thường vụ",
        );
        let kinds: Vec<(&str, &str)> = got.iter().map(|d| (d.0.as_str(), d.1.as_str())).collect();
        assert_eq!(
            kinds,
            vec![("Chỉ thị", "7"), ("Nghị quyết", "19"), ("Thông tri", "8")]
        );
        assert!(docs("tổ chức 3 hội nghị, ct 5 người").is_empty());
    }

    #[test]
    fn verbs_and_plenums_are_not_documents() {
        assert!(docs("Hội nghị quyết định 3 nội dung").is_empty());
        assert!(docs("thực hiện Nghị quyết Trung ương 4 (khóa XII)").is_empty());
        assert!(docs("Quyết định 10 năm qua").is_empty());
    }

    fn progs(s: &str) -> Vec<(String, Option<u32>)> {
        let t = tokenize(s, 0, s.len());
        programmes(s, &t)
            .into_iter()
            .map(|p| (p.name, p.count))
            .collect()
    }

    #[test]
    fn programmes_with_counts_and_boundaries() {
        assert_eq!(
            progs(
                "thông qua 05 Chương trình công tác của Huyện ủy khóa XX và 2 Kế hoạch phát triển đô thị giai đoạn 2021-2025."
            ),
            vec![
                ("Chương trình công tác của Huyện ủy khóa XX".into(), Some(5)),
                (
                    "Kế hoạch phát triển đô thị giai đoạn 2021-2025".into(),
                    Some(2)
                ),
            ]
        );
        assert!(progs("bằng các chương trình hành động cụ thể").is_empty());
        assert_eq!(
            progs("góp ý vào Chương trình về văn hóa, xã hội, du lịch và các lĩnh vực khác; dự thảo Kế hoạch kiểm tra năm 2025.")
                .len(),
            2
        );
    }

    #[test]
    fn only_a_sentence_that_says_bau_in_some_case_is_searched_for_the_assembly() {
        for yes in ["cuộc bầu cử", "Bầu cử", "BẦU CỬ", "bẦU", "xbầu"] {
            assert!(says_bau(yes), "{yes}");
        }
        for no in ["bâu", "bau cu", "bầ", "b", "", "ầu"] {
            assert!(!says_bau(no), "{no}");
        }
    }

    #[test]
    fn elections_of_assembly_and_councils() {
        let s = "tổ chức bầu cử đại biểu Quốc hội khóa XVI và đại biểu HĐND các cấp, nhiệm kỳ 2026 - 2031";
        let e = elections(s, 0, s.len());
        assert_eq!(e[0].term.as_deref(), Some("XVI"));
        assert_eq!(e[1].period.as_deref(), Some("2026-2031"));
        let s = "bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2016-2021";
        assert_eq!(
            elections(s, 0, s.len())[1].period.as_deref(),
            Some("2021-2026")
        );
    }
}
