//! When an event happened: the date a sentence gives it ("Sáng 5/9", "Chiều tối 16/10",
//! "ngày 5 tháng 9 năm 2023"), never the date of a document it cites ("Kết luận số
//! 12-KL/TU ngày 20/7/2023"), and the year of a date written without one, from the years
//! the article speaks of.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::pattern::word_captures;
use crate::text::Date;
use crate::text::date::complete_year;

/// "ngày 5/9", "Sáng 5/9", "Chiều tối 16/10", "Sáng nay, 9-4", "chiều ngày 5 tháng 9 năm
/// 2023": a day, or a part of the day, before the date.
static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    // Matched at a word boundary ([`word_captures`]), which each alternative starts with.
    const DAY: &str = r"(?:(?:sáng|trưa|chiều|tối|đêm)(?:\s+(?:tối|sớm|nay|qua|hôm\s+nay))?\s*[,(]?\s*(?:ngày\s+)?|hôm\s+nay\s*[,(]?\s*(?:ngày\s+)?|ngày\s+)";
    Regex::new(&format!(
        r"(?i){DAY}(\d{{1,2}})\s*[/\-.]\s*(\d{{1,2}})(?:\s*[/\-.]\s*(\d{{4}}))?|{DAY}(\d{{1,2}})\s+tháng\s+(\d{{1,2}})(?:\s+năm\s+(\d{{4}}))?"
    ))
    .expect("static regex")
});

/// A document's number and code just before a date: "số 12-KL/TU ngày", "Quyết định 818
/// ngày", "Hướng dẫn số 05-HD/BTCTW, ngày".
static CITED_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bsố\s+\d+|\d+\s*[-/]\s*[A-ZĐ]{1,6}(?:[/-][A-ZĐa-z]{1,6})*|(?:nghị quyết|quyết định|chỉ thị|kết luận|quy định|hướng dẫn|công văn|thông tri|kế hoạch|đề án)\s+\d+)\s*,?\s*$")
        .expect("static regex")
});

/// The last `n` bytes or so of `s[..end]`, cut at a character boundary: what a pattern
/// anchored at the end needs to see, so that matching it stays linear.
fn tail(s: &str, end: usize, n: usize) -> &str {
    let mut from = end.saturating_sub(n);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..end]
}

/// A day and month, with the year when the text writes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayMonth {
    /// Day of the month.
    pub day: u32,
    /// Month.
    pub month: u32,
    /// Year, when written.
    pub year: Option<i32>,
}

/// The first date of a sentence that is not a cited document's.
pub fn event_date(sentence: &str) -> Option<DayMonth> {
    for c in word_captures(&DATE_RE, sentence) {
        let Some(whole) = c.get(0) else { continue };
        if CITED_RE.is_match(tail(sentence, whole.start(), 80)) {
            continue;
        }
        let num = |k: usize| c.get(k).and_then(|m| m.as_str().parse::<u32>().ok());
        let (Some(day), Some(month)) = (num(1).or(num(4)), num(2).or(num(5))) else {
            continue;
        };
        let year = num(3).or(num(6)).map(|y| y as i32);
        return Some(DayMonth { day, month, year });
    }
    None
}

/// A year, or a span of years, starting at "19" or "20": the literal lets the regex crate
/// skip to candidates. What may come before it ([`free_before`]) is checked in code, since
/// a pattern that read it would start anywhere and scan every byte of the article.
static YEAR_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})(?-u:\b)(\s*[-–]\s*(?:19|20)\d{2})?").expect("static regex")
});

/// What must not come right before a year: a digit (`\d`, as the patterns read it) or a
/// separator of dates and numbers ("5/2019", "3.2020", "1-2020").
static NOT_BEFORE_YEAR_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\d/\-–.]$").expect("static regex"));

/// Whether a year may start at byte `at` of `text`: at the start, or after a character
/// that is neither a digit nor a date separator.
fn free_before(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    before.is_none_or(|c| !NOT_BEFORE_YEAR_RE.is_match(c.encode_utf8(&mut [0; 4])))
}

/// Every year of `text` that [`free_before`] allows, as captures of [`YEAR_RE`] (the year,
/// then the span's end), in order. A year that may not start where it is found does not
/// hide one that starts inside it.
fn years(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(c) = YEAR_RE.captures_at(text, at) {
            let whole = c.get(0)?;
            if free_before(text, whole.start()) {
                at = whole.end();
                return Some(c);
            }
            at = whole.start() + 1; // "19" and "20" are ASCII: the next byte is a boundary
        }
        None
    })
}

static FULL_DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*((?:19|20)\d{2})(?-u:\b)|tháng\s*\d{1,2}\s*/\s*((?:19|20)\d{2})(?-u:\b)")
        .expect("static regex")
});

/// "kỷ niệm 90 năm Ngày thành lập Đảng Cộng sản Việt Nam": the Party was founded in 1930,
/// so the anniversary names its year.
static PARTY_ANNIVERSARY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{2,3})\s+năm\s+(?:ngày\s+)?thành\s+lập\s+Đảng(?:\s+Cộng\s+sản\s+Việt\s+Nam)?(?:\s|$|[,.;(])")
        .expect("static regex")
});

/// The year the Communist Party of Việt Nam was founded (3 February 1930).
const PARTY_FOUNDED: i32 = 1930;

static TARGET_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:đến|tới|tầm nhìn|trước)\s+(?:năm\s+)?$").expect("static regex")
});

/// The years an article speaks of, to complete dates written without one.
#[derive(Debug, Clone, Default)]
pub struct Years {
    /// How often each year is named, outside term periods and targets ("đến năm 2030").
    counts: HashMap<i32, usize>,
    /// The latest year a period points at: the first year of a five-year term
    /// ("nhiệm kỳ 2020 - 2025" → 2020), the last of a longer span ("1954 - 2025" → 2025).
    period_start: Option<i32>,
}

impl Years {
    /// Reads the years of a text (the sentences of one article, joined).
    pub fn of(text: &str) -> Years {
        let mut y = Years::default();
        for c in years(text) {
            let Some(year) = c.get(1) else {
                continue;
            };
            let Ok(n) = year.as_str().parse::<i32>() else {
                continue;
            };
            if let Some(end) = c.get(2) {
                let end: i32 = end
                    .as_str()
                    .trim_start_matches([' ', '-', '–'])
                    .trim()
                    .parse()
                    .unwrap_or(n);
                let at = if end - n == 5 { n } else { end };
                y.period_start = y.period_start.max(Some(at));
                continue;
            }
            if TARGET_RE.is_match(tail(text, year.start(), 40)) {
                continue;
            }
            *y.counts.entry(n).or_default() += 1;
        }
        // the pattern is costly over a whole article: look only where it can match
        if text.contains("thành lập") || text.contains("Thành lập") {
            for c in PARTY_ANNIVERSARY_RE.captures_iter(text) {
                if let Some(n) = c.get(1).and_then(|m| m.as_str().parse::<i32>().ok()) {
                    *y.counts.entry(PARTY_FOUNDED + n).or_default() += 1;
                }
            }
        }
        for c in FULL_DATE_RE.captures_iter(text) {
            if let Some(n) = c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok()) {
                *y.counts.entry(n).or_default() += 1;
            }
        }
        y
    }

    /// The year named most among the recent ones (within ten years of the latest: a
    /// founding date in 1946 does not date a meeting of 2016); on a tie, the earlier (an
    /// article reviews a year before it plans the next).
    pub fn dominant(&self) -> Option<i32> {
        let latest = *self.counts.keys().max()?;
        self.counts
            .iter()
            .filter(|(y, _)| **y >= latest - 10)
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(y, _)| *y)
    }

    /// The date of a day and month in this article: the year written, else the year
    /// before `published` when the day would fall after it, else the year the article
    /// speaks of most (the next one for a date in the first quarter when the article
    /// names it too: a January meeting reviews the year just ended), else the start of
    /// the latest term period.
    pub fn complete(&self, dm: DayMonth, published: Option<Date>) -> Option<Date> {
        if let Some(y) = dm.year {
            return Date::new(y, dm.month, dm.day);
        }
        if let Some(p) = published {
            return complete_year(dm.month, dm.day, p);
        }
        let year = match self.dominant() {
            Some(y) if dm.month <= 3 && self.counts.contains_key(&(y + 1)) => y + 1,
            Some(y) => y,
            None => self.period_start?,
        };
        Date::new(year, dm.month, dm.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_what_the_pattern_with_its_leading_character_found() {
        // the pattern as it was, reading the character before the year itself
        let whole =
            Regex::new(r"(^|[^\d/\-–.])((?:19|20)\d{2})(?-u:\b)(\s*[-–]\s*(?:19|20)\d{2})?")
                .unwrap();
        let pieces = [
            "19", "20", "2", "0", "1", "9", "5", " ", "-", "–", "/", ".", "a", "ă", "٣", "x",
        ];
        for s in crate::text::random_texts(&pieces, 1..13, 0x2545_F491_4F6C_DD1D).take(20_000) {
            let old: Vec<(usize, usize, Option<&str>)> = whole
                .captures_iter(&s)
                .filter_map(|c| {
                    let y = c.get(2)?;
                    Some((y.start(), y.end(), c.get(3).map(|m| m.as_str())))
                })
                .collect();
            let new: Vec<(usize, usize, Option<&str>)> = years(&s)
                .filter_map(|c| {
                    let y = c.get(1)?;
                    Some((y.start(), y.end(), c.get(2).map(|m| m.as_str())))
                })
                .collect();
            assert_eq!(new, old, "{s:?}");
        }
    }

    fn dm(s: &str) -> Option<(u32, u32)> {
        event_date(s).map(|d| (d.day, d.month))
    }

    #[test]
    fn dates_after_a_day_or_a_part_of_the_day() {
        assert_eq!(dm("Sáng 5/9, Huyện ủy họp"), Some((5, 9)));
        assert_eq!(dm("Chiều ngày 18/7/2022, Quận ủy"), Some((18, 7)));
        assert_eq!(dm("tối ngày 3 tháng 2 năm 2021"), Some((3, 2)));
        assert_eq!(dm("Chiều tối 14/11, Thành ủy"), Some((14, 11)));
        assert_eq!(dm("Sáng nay, 8-3, Tỉnh ủy"), Some((8, 3)));
        assert_eq!(dm("Sáng nay (8/3), tại Thị ủy"), Some((8, 3)));
        assert_eq!(dm("kết quả 5/9 chỉ tiêu"), None);
        assert_eq!(dm("buổi sáng 5 tổ"), None);
    }

    #[test]
    fn a_cited_document_does_not_date_the_event() {
        assert_eq!(
            dm("Quán triệt Kết luận số 21-KL/TW ngày 25/10/2021, sáng 6/5 Huyện ủy họp"),
            Some((6, 5))
        );
        assert_eq!(dm("thực hiện Quyết định 77 ngày 2/3"), None);
    }

    #[test]
    fn years_come_from_what_the_article_speaks_of() {
        let y = Years::of("Kết quả năm 2017, nhiệm vụ năm 2018 và năm 2017, nhiệm kỳ 2015 - 2020.");
        assert_eq!(y.dominant(), Some(2017));
        let jan = DayMonth {
            day: 8,
            month: 1,
            year: None,
        };
        assert_eq!(
            y.complete(jan, None).unwrap().year,
            2018,
            "a January review"
        );
        let dec = DayMonth {
            day: 8,
            month: 12,
            year: None,
        };
        assert_eq!(y.complete(dec, None).unwrap().year, 2017);
        let y = Years::of("tầm nhìn đến năm 2045, nhiệm kỳ 2025-2030");
        assert_eq!(y.dominant(), None);
        assert_eq!(y.complete(dec, None).unwrap().year, 2025);
        let y3 =
            Years::of("kỷ niệm 70 năm thành lập Đảng bộ huyện (5-7-1947 – 5-7-2017), năm 2016");
        assert_eq!(y3.dominant(), Some(2016));
        let y4 = Years::of("lễ kỷ niệm 85 năm Ngày thành lập Đảng Cộng sản Việt Nam.");
        assert_eq!(y4.dominant(), Some(2015));
        let y2 = Years::of("cuốn sách lịch sử Đảng bộ (1954 - 2025)");
        assert_eq!(y2.complete(dec, None).unwrap().year, 2025);
        let pub_ = Date::new(2021, 1, 5);
        assert_eq!(y.complete(dec, pub_).unwrap().year, 2020);
    }
}
