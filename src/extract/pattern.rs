//! Regex searches that keep to the regex crate's fast engine on Vietnamese text.
//!
//! A Unicode word boundary (`\b`) makes the crate's lazy DFA give up as soon as it sees a
//! non-ASCII byte, and every search of such a pattern over a Vietnamese sentence then runs
//! on the slow backtracking engines. A pattern that needs a boundary only before its match
//! leaves it out, and [`word_captures`] checks it on each match instead.

use regex::{Captures, Regex};

/// Whether a Unicode word boundary (`\b`) stands at byte `i` of `s`.
fn is_boundary(s: &str, i: usize) -> bool {
    let before = s[..i]
        .chars()
        .next_back()
        .is_some_and(regex_syntax::is_word_character);
    let after = s[i..]
        .chars()
        .next()
        .is_some_and(regex_syntax::is_word_character);
    before != after
}

/// The matches of `\b(?:re)` in `s`, in order, as `captures_iter` gives them: where a
/// match of `re` does not start at a word boundary, the search goes on from the next
/// character, as the engine itself would.
pub fn word_captures<'r, 'h>(re: &'r Regex, s: &'h str) -> impl Iterator<Item = Captures<'h>> + 'r
where
    'h: 'r,
{
    let mut at = 0;
    std::iter::from_fn(move || {
        while at <= s.len() {
            let c = re.captures_at(s, at)?;
            let m = c.get(0)?;
            let next_char = m.start() + s[m.start()..].chars().next().map_or(1, char::len_utf8);
            if is_boundary(s, m.start()) {
                at = if m.end() > m.start() {
                    m.end()
                } else {
                    next_char
                };
                return Some(c);
            }
            at = next_char;
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_a_leading_word_boundary_finds() {
        let with = Regex::new(r"\b(?:(quyết|đề) (án|định)|NQ) (\d+)").unwrap();
        let without = Regex::new(r"(?:(quyết|đề) (án|định)|NQ) (\d+)").unwrap();
        for s in [
            "theo đề án 5 và quyết định 12, không phải ngđề án 7",
            "NQ 15, xNQ 16, (NQ 17) đề án 3",
            "",
            "đề án 1đề án 2 đề án 3",
        ] {
            let want: Vec<Vec<Option<&str>>> = with
                .captures_iter(s)
                .map(|c| c.iter().map(|m| m.map(|m| m.as_str())).collect())
                .collect();
            let got: Vec<Vec<Option<&str>>> = word_captures(&without, s)
                .map(|c| c.iter().map(|m| m.map(|m| m.as_str())).collect())
                .collect();
            assert_eq!(got, want, "{s}");
        }
    }

    #[test]
    fn boundaries_around_vietnamese_letters() {
        let s = "ủy ban";
        assert!(is_boundary(s, 0) && is_boundary(s, "ủy".len()));
        assert!(!is_boundary(s, "ủ".len()));
    }
}
