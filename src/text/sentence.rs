//! Splitting a paragraph into sentences, keeping byte offsets.

use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` in an article's normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The text this span covers.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Words after which a full stop does not end a sentence ("TP. Hồ Chí Minh", "ThS. Lê").
const ABBREVIATIONS: &[&str] = &[
    "tp", "q", "p", "tx", "tt", "ts", "ths", "gs", "pgs", "bs", "ks", "đ/c", "đc", "st", "v.v",
];

/// Splits the paragraph `text[span]` into trimmed sentence spans.
///
/// A sentence ends at `.`, `!`, `?` or `…` followed by white space and then a capital
/// letter, a digit, a quote or a dash; a full stop after a known abbreviation or inside a
/// number (`3.320`) does not end one.
pub fn split_sentences(text: &str, span: Span) -> Vec<Span> {
    let para = span.of(text);
    let mut out = Vec::new();
    let mut start = 0;
    // The end of the run of stops and spaces last looked at: a run of ". . . ." is
    // scanned once, not once for each of its stops.
    let mut run_end = 0;
    // A byte scan: '.', '!' and '?' are ASCII, and '…' (E2 80 A6) begins with a byte
    // that only begins characters; the rest of the text is never decoded.
    for (i, &b) in para.as_bytes().iter().enumerate() {
        if !matches!(b, b'.' | b'!' | b'?' | 0xE2) || i < start || i < run_end {
            continue;
        }
        let Some(c) = para[i..]
            .chars()
            .next()
            .filter(|c| matches!(c, '.' | '!' | '?' | '…'))
        else {
            continue;
        };
        let after = i + c.len_utf8();
        let rest = &para[after..];
        let trimmed = rest.trim_start_matches([' ', '.', '/']);
        if trimmed.len() == rest.len() && !rest.is_empty() {
            continue; // no space after: "3.320", "TP.HCM"
        }
        run_end = after + (rest.len() - trimmed.len());
        let next = trimmed.chars().next();
        let starts_new = match next {
            None => false,
            Some(n) => n.is_uppercase() || n.is_ascii_digit() || "\"“'‘-–*(".contains(n),
        };
        if !starts_new || (c == '.' && ends_with_abbreviation(&para[start..i])) {
            continue;
        }
        let end = after + (rest.len() - trimmed.len());
        push_trimmed(&mut out, span.start, para, start, end);
        start = end;
    }
    push_trimmed(&mut out, span.start, para, start, para.len());
    out
}

fn ends_with_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
}

fn push_trimmed(out: &mut Vec<Span>, base: usize, para: &str, start: usize, end: usize) {
    let piece = &para[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let body = piece.trim();
    if body.chars().any(char::is_alphanumeric) {
        let s = base + start + lead;
        out.push(Span {
            start: s,
            end: s + body.len(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        let spans = split_sentences(
            t,
            Span {
                start: 0,
                end: t.len(),
            },
        );
        spans.iter().map(|s| s.of(t)).collect()
    }

    #[test]
    fn splits_at_full_stops_before_capitals() {
        assert_eq!(
            split("Thu đạt 3.320 tỷ đồng. Chi đạt 935 tỷ. 9 tháng qua tốt."),
            vec![
                "Thu đạt 3.320 tỷ đồng.",
                "Chi đạt 935 tỷ.",
                "9 tháng qua tốt."
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_lower_case_continuations() {
        assert_eq!(
            split("Đoàn công tác TP. Hồ Chí Minh đến thăm. Hết."),
            vec!["Đoàn công tác TP. Hồ Chí Minh đến thăm.", "Hết."]
        );
        assert_eq!(
            split("Tổng số là 5. tiếp theo"),
            vec!["Tổng số là 5. tiếp theo"]
        );
    }

    #[test]
    fn an_ellipsis_ends_a_sentence_and_other_punctuation_does_not() {
        assert_eq!(
            split("Còn nữa… “Mới” – hết! Hỏi? Đáp"),
            vec!["Còn nữa…", "“Mới” – hết!", "Hỏi?", "Đáp"]
        );
    }

    #[test]
    fn runs_of_dots_end_one_sentence() {
        assert_eq!(
            split("Thêm nữa,... Mặt trận tốt... Hết."),
            vec!["Thêm nữa,...", "Mặt trận tốt...", "Hết."]
        );
    }

    #[test]
    fn offsets_point_into_the_whole_text() {
        let t = "xx Câu một. Câu hai";
        let spans = split_sentences(
            t,
            Span {
                start: 3,
                end: t.len(),
            },
        );
        assert_eq!(spans[1].of(t), "Câu hai");
    }
}
