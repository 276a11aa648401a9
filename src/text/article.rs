//! One article: metadata (category, headline, published date, views, byline) and the
//! sentences of its own text, with everything that is not the article dropped.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::date::Date;
use super::encoding::Encoding;
use super::fold::fold;
use super::normalize::ReadError;
use super::sentence::{Span, split_sentences};

/// An article read and cleaned, ready for extraction.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// The file name (no folder): the article's identity in every `sources` entry.
    pub file: String,
    /// The normalised text; every span points into it.
    pub text: String,
    /// The portal's section line above the headline ("Chính trị - Kinh tế").
    pub category: Option<String>,
    /// The headline's span.
    pub headline: Option<Span>,
    /// Publication date from the "Ngày đăng dd/mm/yyyy | hh:mm" line.
    pub published: Option<Date>,
    /// Publication time (hour, minute) when the date line gives it.
    pub published_time: Option<(u8, u8)>,
    /// The view counter, when the page printed one.
    pub views: Option<u64>,
    /// The author line at the end (a journalist or an office), never a person of the graph.
    pub byline: Option<String>,
    /// The headline (first) and the sentences of the article's own text, in order.
    pub sentences: Vec<Span>,
    /// The legacy encoding the file was converted from, if it was not UTF-8.
    #[serde(default)]
    pub converted_from: Option<super::encoding::Converted>,
}

impl Article {
    /// Reads an article from its bytes; `file` is the name used in evidence.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Article, ReadError> {
        Article::parse_in(file, bytes, Encoding::Auto)
    }

    /// [`Article::parse`] with the encoding chosen by `--encoding`.
    /// A file that is an HTML page, whatever its name, is read as one ([`super::html`]).
    pub fn parse_in(file: &str, bytes: &[u8], enc: Encoding) -> Result<Article, ReadError> {
        let (text, converted_from) = super::normalize::normalize_reporting(bytes, enc)?;
        let article = if super::html::looks_like_html(&text) {
            let depth = super::html::nesting_depth(&text);
            if depth > super::html::MAX_DEPTH {
                return Err(ReadError::TooDeep(depth));
            }
            Article::from_page(file, super::html::read(&text))?
        } else {
            Article::from_text(file, text)
        };
        Ok(Article {
            converted_from,
            ..article
        })
    }

    /// The article of a web page: its title is the headline, and the date and section in
    /// its meta tags (or breadcrumbs) are taken when the text gives none.
    fn from_page(file: &str, page: super::html::Page) -> Result<Article, ReadError> {
        if page.text.trim().is_empty() {
            return Err(ReadError::NoText);
        }
        let text = match &page.title {
            Some(title) => format!("{title}\n{}", page.text),
            None => page.text,
        };
        let mut article = Article::from_text(file, super::normalize::clean(&text));
        if let (None, Some((date, time))) = (article.published, page.published) {
            article.published = Some(date);
            article.published_time = time;
        }
        article.category = article.category.or(page.category);
        Ok(article)
    }

    /// Builds an article from text that is already normalised.
    pub fn from_text(file: &str, text: String) -> Article {
        let lines = lines_of(&text);
        let meta = find_meta(&text, &lines);
        let (category, headline, body_from) = locate_headline(&text, &lines, meta.as_ref());
        let meta_line = meta.as_ref().map(|m| m.line);
        let mut body: Vec<Span> = (body_from..lines.len())
            .filter(|&i| Some(i) != meta_line)
            .map(|i| lines[i])
            .collect();
        join_wrapped_lines(&text, &mut body);
        cut_related_blocks(&text, &mut body);
        let byline = clean_body(&text, &mut body);
        let mut sentences: Vec<Span> = headline.into_iter().collect();
        for para in &body {
            sentences.extend(split_sentences(&text, *para));
        }
        Article {
            file: file.to_string(),
            category,
            headline,
            published: meta.as_ref().and_then(|m| m.date),
            published_time: meta.as_ref().and_then(|m| m.time),
            views: meta.as_ref().and_then(|m| m.views),
            byline,
            sentences,
            text,
            converted_from: None,
        }
    }

    /// The headline text, if any.
    pub fn headline_text(&self) -> Option<&str> {
        self.headline.map(|s| s.of(&self.text))
    }

    /// The publication date and time as ISO 8601 (`2020-10-05T14:51`), if known.
    pub fn published_iso(&self) -> Option<String> {
        let date = self.published?;
        Some(match self.published_time {
            Some((h, m)) => format!("{date}T{h:02}:{m:02}"),
            None => date.to_string(),
        })
    }
}

/// Non-blank lines, as trimmed spans.
fn lines_of(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let lead = line.len() - line.trim_start().len();
        let body = line.trim();
        if !body.is_empty() {
            out.push(Span {
                start: at + lead,
                end: at + lead + body.len(),
            });
        }
        at += line.len() + 1;
    }
    out
}

/// Joins lines that a hard line break cut in the middle of a sentence: the next line
/// goes on in lower case ("… Phó Chủ tịch UBND⏎thành phố"), or a name is cut after its
/// first syllable ("các đồng chí: Lê⏎Văn Thành, …").
fn join_wrapped_lines(text: &str, lines: &mut Vec<Span>) {
    let mut out: Vec<Span> = Vec::with_capacity(lines.len());
    for line in lines.drain(..) {
        if let Some(prev) = out.last_mut()
            && continues(prev.of(text), line.of(text))
        {
            prev.end = line.end;
            continue;
        }
        out.push(line);
    }
    *lines = out;
}

fn continues(prev: &str, next: &str) -> bool {
    if ends_sentence(prev) || prev.ends_with('|') {
        return false;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    if first.is_lowercase() {
        return true;
    }
    let mut words = prev.rsplit(' ');
    let last = words.next().unwrap_or("");
    let before = words.next().unwrap_or("");
    let one_syllable_name = last.chars().next().is_some_and(char::is_uppercase)
        && last.chars().skip(1).all(char::is_lowercase)
        && (before.ends_with([':', ',']) || before == "chí");
    one_syllable_name && first.is_uppercase()
}

struct Meta {
    line: usize,
    date: Option<Date>,
    time: Option<(u8, u8)>,
    views: Option<u64>,
}

static META_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:ngày đăng|đăng ngày|ngày cập nhật|cập nhật lúc|cập nhật|thời gian|ngày|thứ [^,]{1,6},)?\s*:?\s*(?:(\d{1,2}):(\d{2})\s*,?\s*)?(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*[|,\-]?\s*(\d{1,2}):(\d{2}))?",
    )
    .expect("static regex")
});

static VIEWS_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:view count|lượt xem)\s*:?\s*([\d.,]+)").expect("static regex")
});

/// Whether what follows a date is prose ("Ngày 3/5/2020, Huyện ủy tổ chức hội nghị …")
/// rather than the rest of a metadata line (", 08:05", "| View count: 1.204").
fn opens_a_sentence(rest: &str) -> bool {
    let rest = rest.trim_start();
    let words = rest
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    rest.starts_with(',') && !rest.contains('|') && !VIEWS_RE.is_match(rest) && words >= 4
}

/// The "Ngày đăng dd/mm/yyyy | hh:mm" line among the first lines.
fn find_meta(text: &str, lines: &[Span]) -> Option<Meta> {
    for (i, span) in lines.iter().enumerate().take(6) {
        let line = span.of(text);
        if line.chars().count() > 100 {
            continue;
        }
        let Some(c) = META_RE.captures(line) else {
            continue;
        };
        if opens_a_sentence(&line[c.get(0).map_or(0, |m| m.end())..]) {
            // "Ngày 3/5/2020, đồng chí … chủ trì hội nghị.": the lead of the body
            continue;
        }
        let num = |k: usize| c.get(k).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = match (num(5), num(4), num(3)) {
            (Some(y), Some(m), Some(d)) => Date::new(y as i32, m, d),
            _ => None,
        };
        let time = match (num(6).or(num(1)), num(7).or(num(2))) {
            (Some(h), Some(m)) if h < 24 && m < 60 => Some((h as u8, m as u8)),
            _ => None,
        };
        let views = VIEWS_RE
            .captures(line)
            .and_then(|v| v[1].replace(['.', ','], "").parse().ok());
        return Some(Meta {
            line: i,
            date,
            time,
            views,
        });
    }
    None
}

/// Category, headline, and the index of the first body line.
///
/// The headline is the last line that reads like one before the date line, or, without a
/// date line, before the first paragraph; portal furniture around it (site names, section
/// names, "In bài viết", print stamps, hotlines, lines in capitals) is passed over. A
/// first line that is itself a paragraph is no headline.
fn locate_headline(
    text: &str,
    lines: &[Span],
    meta: Option<&Meta>,
) -> (Option<String>, Option<Span>, usize) {
    let (before, body_from) = match meta {
        Some(m) => (m.line, m.line + 1),
        None => {
            let first_paragraph = lines
                .iter()
                .take(8)
                .position(|l| is_paragraph(l.of(text)))
                .unwrap_or(lines.len().min(1));
            (first_paragraph, first_paragraph)
        }
    };
    let candidates: Vec<usize> = (0..before)
        .filter(|&i| reads_like_headline(lines[i].of(text)))
        .collect();
    let found = candidates
        .iter()
        .find(|&&i| names_politics(lines[i].of(text)))
        .or(candidates.first())
        .copied();
    let at = match (found, meta) {
        (Some(i), _) => Some(i),
        (None, Some(m)) if m.line >= 1 => Some(m.line - 1),
        (None, None) if before >= 1 => Some(0), // a short first line: "Tin vắn"
        _ => None,
    };
    let Some(at) = at else {
        return (None, None, if meta.is_some() { body_from } else { 0 });
    };
    let category = (at >= 1)
        .then(|| lines[at - 1].of(text))
        .filter(|c| c.split_whitespace().count() <= 8)
        .map(str::to_string);
    (category, Some(lines[at]), at + 1)
}

/// Whether a line speaks of the party or the state: a headline, not a slogan or a site's
/// name.
fn names_politics(line: &str) -> bool {
    let key = format!(" {} ", fold(line));
    [
        " dai hoi",
        " hoi nghi",
        " dang ",
        " dang bo",
        " uy ",
        " bi thu",
        " chu tich",
        " huyen ",
        " tinh ",
        " quan ",
        " thanh pho",
        " ky niem",
        " bau ",
        " hop ",
        " cong bo",
        " nhiem ky",
    ]
    .iter()
    .any(|w| key.contains(w))
}

/// A line of running text: long, holding a sentence break, or a long sentence.
fn is_paragraph(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words > 40 || SENTENCE_BREAK_RE.is_match(line) || (words > 20 && line.ends_with('.'))
}

static SENTENCE_BREAK_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Ll}{2,}[.!?] +\p{Lu}\p{Ll}*(?: \S+){3,}").expect("static regex")
});

static FURNITURE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[\p{L} .]+, ngày \d{1,2} tháng \d{1,2} năm \d{4}|.*đường dây nóng.*|.*\|.*|[\d:/ ,\-()]+)$")
        .expect("static regex")
});

/// A headline: four to forty words, not all capitals, not a stamp, a date, a hotline or
/// a share button.
fn reads_like_headline(line: &str) -> bool {
    // the cheap tests first: most lines looked at are a paragraph of the text
    let words = line.split_whitespace().count();
    if !(4..=40).contains(&words) || words > 20 && line.ends_with('.') {
        return false;
    }
    let mut letters = line.chars().filter(|c| c.is_alphabetic()).peekable();
    let all_caps = letters.peek().is_some() && letters.all(char::is_uppercase);
    if all_caps {
        return false;
    }
    let key = fold(line);
    let button = FOOTERS.iter().any(|f| key.starts_with(f))
        || ["zalo", "facebook", "google news", "bao in"]
            .iter()
            .any(|w| key.contains(w));
    !button && !FURNITURE_RE.is_match(line.trim())
}

/// Lines that open a block of other articles' headlines: everything after is dropped.
const RELATED_MARKERS: &[&str] = &[
    "tin khac",
    "co the ban quan tam",
    "nen xem",
    "tin lien quan",
    "tin cung chuyen muc",
    "bai viet lien quan",
    "xem them",
    "tin moi",
    "tin moi nhat",
    "tin doc nhieu",
    "doc nhieu nhat",
];

/// Portal furniture that is never part of an article.
const FOOTERS: &[&str] = &[
    "tin tuc su kien",
    "phien ban di dong",
    "ve dau trang",
    "in bai",
    "ban in",
    "chia se",
    "quay lai",
    "gui email",
    "dong y",
    "top",
];

/// Whether a line, folded and without the `:`, `.` and `|` it ends with, is one of `keys`.
/// Each letter or digit of a line folds to at least a byte of its key, so a line with more
/// of them than the longest key has is none of them: most lines, paragraphs, are told so
/// without being folded.
fn key_is_one_of(text: &str, span: &Span, keys: &[&str]) -> bool {
    let longest = keys.iter().map(|k| k.len()).max().unwrap_or(0);
    let line = span.of(text);
    let letters = line.chars().filter(|&c| super::chars::is_alphanumeric(c));
    if letters.take(longest + 1).count() > longest {
        return false;
    }
    let key = fold(line);
    keys.contains(&key.trim_end_matches([':', '.', '|', ' ']))
}

fn cut_related_blocks(text: &str, body: &mut Vec<Span>) {
    if let Some(at) = body
        .iter()
        .position(|l| key_is_one_of(text, l, RELATED_MARKERS))
    {
        body.truncate(at);
    }
}

static DATED_HEADLINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}\s*$").expect("static regex")
});

/// Drops footers, dated headline lists, captions that repeat the text and headline runs;
/// takes the byline off the end. Returns the byline.
fn clean_body(text: &str, body: &mut Vec<Span>) -> Option<String> {
    body.retain(|l| !key_is_one_of(text, l, FOOTERS) && !DATED_HEADLINE_RE.is_match(l.of(text)));
    let byline = take_byline(text, body);
    // Only a long caption needs the word pairs of every line.
    let mut pairs: Option<Vec<HashSet<u64>>> = None;
    let last = body.len().saturating_sub(1);
    let mut kept = Vec::with_capacity(body.len());
    for (i, line) in body.iter().enumerate() {
        let raw = line.of(text);
        let stripped = raw.trim_end_matches(['|', ' ']);
        let words = stripped.split_whitespace().count();
        let span = Span {
            start: line.start,
            end: line.start + stripped.len(),
        };
        if stripped.len() < raw.len() {
            // A photo caption ("… |"): dropped when it is short or repeats the text.
            if words <= 12
                || repeats(
                    pairs.get_or_insert_with(|| body.iter().map(|l| bigrams(l.of(text))).collect()),
                    i,
                )
            {
                continue;
            }
        } else if !ends_sentence(stripped) && words >= 15 && i != last && !is_caption(stripped) {
            continue; // a run of other headlines glued into the text, or a long subheading
        }
        kept.push(span);
    }
    *body = kept;
    byline
}

/// A photo caption about a person, kept though it has no final stop: "Đồng chí A, Bí thư
/// Huyện ủy phát biểu tại hội nghị".
fn is_caption(line: &str) -> bool {
    let key = fold(line);
    let about_someone =
        key.starts_with("dong chi ") || key.starts_with("ong ") || key.starts_with("ba ");
    let verb = [
        " phat bieu",
        " chu tri",
        " trao ",
        " tang ",
        " trinh bay",
        " ket luan",
        " du ",
    ]
    .iter()
    .any(|v| key.contains(v));
    about_someone && verb
}

fn take_byline(text: &str, body: &mut Vec<Span>) -> Option<String> {
    let last = body.last()?.of(text);
    let words = last.split_whitespace().count();
    let looks_like_byline = words <= 12
        && !ends_sentence(last)
        && !last.ends_with('|')
        && last.chars().next().is_some_and(char::is_uppercase)
        && body.len() > 1;
    if looks_like_byline {
        body.pop();
        Some(last.to_string())
    } else {
        None
    }
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".!?…:;\"”’)»".contains(c))
}

/// The line's pairs of consecutive folded words, each as a hash of the pair: two pairs
/// sharing one is as rare as a 64-bit collision.
fn bigrams(s: &str) -> HashSet<u64> {
    use std::hash::{BuildHasher, Hasher};
    let folded = fold(s);
    let words: Vec<&str> = folded
        .split(|c: char| !crate::text::chars::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
        .collect();
    let hasher = rustc_hash::FxBuildHasher;
    words
        .windows(2)
        .map(|w| {
            let mut h = hasher.build_hasher();
            h.write(w[0].as_bytes());
            h.write_u8(0xff);
            h.write(w[1].as_bytes());
            h.finish()
        })
        .collect()
}

/// Whether most of line `i`'s word pairs stand elsewhere in the body.
fn repeats(bigrams: &[HashSet<u64>], i: usize) -> bool {
    let own = &bigrams[i];
    if own.is_empty() {
        return true;
    }
    let found = own
        .iter()
        .filter(|b| {
            bigrams
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && o.contains(*b))
        })
        .count();
    found * 2 >= own.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Thời sự\n\nHuyện ủy Gia Lâm họp phiên thường kỳ\nNgày đăng 03/03/2023 | 08:05  | View count: 1.204\n\n\
        Sáng ngày 2/3, Huyện ủy Gia Lâm tổ chức hội nghị. Đồng chí Lò Văn Pả chủ trì.\n\
        Tin vui từ Gia Lâm hôm nay Huyện Gia Lâm ra quân làm đường mới kịp đón Tết Nguyên đán năm nay\n\
        Các đại biểu dự hội nghị. |\n\
        Hội nghị thống nhất các nội dung được trình bày tại kỳ họp và giao Ban Thường vụ triển khai. |\n\
        Cuối cùng hội nghị bế mạc.\n\
        Minh Châu\n\
        Tin khác\n\
        Hà Đông: khánh thành cầu mới\n\
        Chỉ đạo - Điều hành 21/11/2024 19:41\n";

    #[test]
    fn reads_metadata() {
        let a = Article::from_text("x.txt", SAMPLE.to_string());
        assert_eq!(a.category.as_deref(), Some("Thời sự"));
        assert_eq!(
            a.headline_text(),
            Some("Huyện ủy Gia Lâm họp phiên thường kỳ")
        );
        assert_eq!(a.published_iso().as_deref(), Some("2023-03-03T08:05"));
        assert_eq!(a.views, Some(1204));
        assert_eq!(a.byline.as_deref(), Some("Minh Châu"));
    }

    #[test]
    fn a_line_is_a_marker_when_its_key_is_whatever_its_case_marks_and_end() {
        let is = |line: &str| {
            let span = Span {
                start: 0,
                end: line.len(),
            };
            key_is_one_of(line, &span, RELATED_MARKERS)
        };
        assert!(is("Tin khác"));
        assert!(is("TIN LIÊN QUAN:"));
        assert!(is("Xem thêm  | : . . . . . . . . . . . . . . . . . . . |"));
        assert!(is("Có thể bạn quan tâm"));
        assert!(!is("Tin khác từ huyện"));
        assert!(!is(
            "Xem thêm các tin khác về hội nghị của Huyện ủy trong tuần"
        ));
        assert!(!is(""));
    }

    #[test]
    fn drops_what_is_not_the_article() {
        let a = Article::from_text("x.txt", SAMPLE.to_string());
        let all: Vec<&str> = a.sentences.iter().map(|s| s.of(&a.text)).collect();
        assert_eq!(
            all,
            vec![
                "Huyện ủy Gia Lâm họp phiên thường kỳ",
                "Sáng ngày 2/3, Huyện ủy Gia Lâm tổ chức hội nghị.",
                "Đồng chí Lò Văn Pả chủ trì.",
                "Hội nghị thống nhất các nội dung được trình bày tại kỳ họp và giao Ban Thường vụ triển khai.",
                "Cuối cùng hội nghị bế mạc.",
            ]
        );
    }

    #[test]
    fn the_headline_among_portal_furniture() {
        let a = Article::from_text(
            "f.txt",
            "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN\nTin trong huyện\nIn bài viết\nHuyện ủy Mường Tè tổng kết công tác năm\nChia sẻ Zalo\n08:15, 12/01/2024\nSáng 12/1, Huyện ủy Mường Tè tổ chức hội nghị tổng kết.".into(),
        );
        assert_eq!(
            a.headline_text(),
            Some("Huyện ủy Mường Tè tổng kết công tác năm")
        );
        assert_eq!(
            a.published.map(|d| d.to_string()).as_deref(),
            Some("2024-01-12")
        );
        let b = Article::from_text(
            "g.txt",
            "Sáng 3/2, Huyện ủy Mường Tè họp. Đồng chí Lò Văn Pả chủ trì hội nghị và phát biểu chỉ đạo các nội dung quan trọng của năm.\nHội nghị bế mạc.".into(),
        );
        assert_eq!(b.headline_text(), None, "a first paragraph is no headline");
        assert!(b.sentences[0].of(&b.text).starts_with("Sáng 3/2"));
    }

    #[test]
    fn captions_about_a_person_are_read() {
        let a = Article::from_text(
            "c.txt",
            "Huyện ủy Mường Tè họp phiên thường kỳ\nSáng 2/3, Huyện ủy họp.\nĐồng chí Lò Văn Pả, Tỉnh ủy viên, Bí thư Huyện ủy, Chủ tịch HĐND huyện phát biểu tại hội nghị\nHội nghị bế mạc.".into(),
        );
        assert!(
            a.sentences
                .iter()
                .any(|s| s.of(&a.text).starts_with("Đồng chí Lò Văn Pả"))
        );
    }

    #[test]
    fn lines_cut_mid_sentence_are_joined() {
        let a = Article::from_text(
            "w.txt",
            "Đại hội khai mạc\nDự có các đồng chí: Trịnh\nVăn Quý, Phó Chủ tịch UBND\nthành phố.\nHết.".into(),
        );
        let second = a.sentences[1].of(&a.text);
        assert!(
            second.starts_with("Dự có") && second.ends_with("thành phố."),
            "{second}"
        );
    }

    #[test]
    fn a_body_that_opens_with_a_date_is_no_date_line() {
        let a = Article::from_text(
            "x.txt",
            "Tin\n\nNgày 4/6/2019, đồng chí Lò Văn Pả - Bí thư Huyện ủy chủ trì hội nghị.\n".into(),
        );
        assert!(
            a.sentences
                .iter()
                .any(|s| s.of(&a.text).contains("Lò Văn Pả")),
            "the lead stays in the body"
        );
        let b = Article::from_text(
            "y.txt",
            "Tin\nNgày đăng 04/06/2019 | 08:05 | Lượt xem: 12\n\nHuyện ủy họp.\n".into(),
        );
        assert_eq!(b.published_iso().as_deref(), Some("2019-06-04T08:05"));
    }

    #[test]
    fn headline_without_date_line_is_the_first_line() {
        let a = Article::from_text("y.txt", "Tiêu đề bài\n\nNội dung. Hết.".to_string());
        assert_eq!(a.headline_text(), Some("Tiêu đề bài"));
        assert!(a.published.is_none());
        assert_eq!(a.sentences.len(), 3);
    }
}
