//! Character classes for the hot loops of reading and tokenising.
//!
//! The standard library answers `is_alphabetic` and the like for a non-ASCII character by a
//! search through Unicode's tables, and Vietnamese text is one third non-ASCII letters.
//! Here every character below U+2000 (Latin, Latin Extended, the combining marks and the
//! Vietnamese block U+1EA0–U+1EF9) has its classes in one byte of a table built once from
//! the standard library's answers; characters above it are asked of the standard library.
//! The answers are the same as the standard library's for every character.

use std::sync::LazyLock;

use unicode_normalization::IsNormalized;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};

/// Characters at or above this are classified on the spot.
const TABLE_END: usize = 0x2000;

const LETTER: u8 = 1;
const NUMERIC: u8 = 2;
const UPPER: u8 = 4;
const LOWER: u8 = 8;
const MARK: u8 = 16;
const OWN_LOWER: u8 = 32;

static TABLE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    (0..TABLE_END as u32)
        .map(|u| char::from_u32(u).map_or(0, slow))
        .collect()
});

fn slow(c: char) -> u8 {
    let mut f = 0;
    for (yes, bit) in [
        (c.is_alphabetic(), LETTER),
        (c.is_numeric(), NUMERIC),
        (c.is_uppercase(), UPPER),
        (c.is_lowercase(), LOWER),
        (is_combining_mark(c), MARK),
        (own_lower(c), OWN_LOWER),
    ] {
        if yes {
            f |= bit;
        }
    }
    f
}

fn own_lower(c: char) -> bool {
    let mut l = c.to_lowercase();
    l.next() == Some(c) && l.next().is_none()
}

fn classes(c: char) -> u8 {
    match TABLE.get(c as usize) {
        Some(&f) => f,
        None => slow(c),
    }
}

/// Whether `c` has one of `bits`, answered by `ascii` for an ASCII character.
fn has(c: char, ascii: fn(&char) -> bool, bits: u8) -> bool {
    if c.is_ascii() {
        ascii(&c)
    } else {
        classes(c) & bits != 0
    }
}

/// [`char::is_alphabetic`].
pub fn is_letter(c: char) -> bool {
    has(c, char::is_ascii_alphabetic, LETTER)
}

/// [`char::is_alphanumeric`].
pub fn is_alphanumeric(c: char) -> bool {
    has(c, char::is_ascii_alphanumeric, LETTER | NUMERIC)
}

/// [`char::is_numeric`].
pub fn is_numeric(c: char) -> bool {
    has(c, char::is_ascii_digit, NUMERIC)
}

/// [`char::is_uppercase`].
pub fn is_upper(c: char) -> bool {
    has(c, char::is_ascii_uppercase, UPPER)
}

/// [`char::is_lowercase`].
pub fn is_lower(c: char) -> bool {
    has(c, char::is_ascii_lowercase, LOWER)
}

/// A combining mark (`unicode_normalization::char::is_combining_mark`).
pub fn is_mark(c: char) -> bool {
    has(c, |_| false, MARK)
}

/// Whether `c` is its own lower case ([`char::to_lowercase`] gives `c` alone back).
pub fn is_own_lower(c: char) -> bool {
    has(c, |c| !c.is_ascii_uppercase(), OWN_LOWER)
}

/// The canonical combining class and the NFC quick-check answer of every character below
/// [`TABLE_END`], from `unicode_normalization`.
static NFC: LazyLock<Vec<(u8, IsNormalized)>> = LazyLock::new(|| {
    (0..TABLE_END as u32)
        .map(|u| char::from_u32(u).map_or((0, IsNormalized::Yes), nfc_slow))
        .collect()
});

fn nfc_slow(c: char) -> (u8, IsNormalized) {
    // The quick check of a string of one character is that character's own answer.
    let qc = unicode_normalization::is_nfc_quick(std::iter::once(c));
    (canonical_combining_class(c), qc)
}

/// [`unicode_normalization::is_nfc_quick`] over `s`, with the answers for characters
/// below U+2000 read from a table: the same algorithm (UAX #15's quick check), the same
/// answers.
pub fn nfc_quick(s: &str) -> IsNormalized {
    let mut last_cc = 0u8;
    let mut result = IsNormalized::Yes;
    for c in s.chars() {
        if c.is_ascii() {
            last_cc = 0;
            continue;
        }
        let (cc, qc) = match NFC.get(c as usize) {
            Some(&(cc, ref qc)) => (cc, clone_qc(qc)),
            None => nfc_slow(c),
        };
        if last_cc > cc && cc != 0 {
            return IsNormalized::No;
        }
        match qc {
            IsNormalized::Yes => {}
            IsNormalized::No => return IsNormalized::No,
            IsNormalized::Maybe => result = IsNormalized::Maybe,
        }
        last_cc = cc;
    }
    result
}

/// `IsNormalized` is not `Clone`.
fn clone_qc(qc: &IsNormalized) -> IsNormalized {
    match qc {
        IsNormalized::Yes => IsNormalized::Yes,
        IsNormalized::No => IsNormalized::No,
        IsNormalized::Maybe => IsNormalized::Maybe,
    }
}

/// A letter, digit or combining mark: what a word is made of.
pub fn is_word_char(c: char) -> bool {
    has(c, char::is_ascii_alphanumeric, LETTER | NUMERIC | MARK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library_on_every_character() {
        for c in (0..=0x2_FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
            assert_eq!(is_mark(c), is_combining_mark(c), "{c:?}");
            assert_eq!(is_own_lower(c), c.to_lowercase().eq([c]), "{c:?}");
            let word = c.is_alphanumeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), word, "{c:?}");
        }
    }

    #[test]
    fn the_nfc_quick_check_agrees_with_unicode_normalization() {
        let one = |s: &str| unicode_normalization::is_nfc_quick(s.chars());
        let mine = nfc_quick;
        for c in (0..=0x2_FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(mine(&s), one(&s), "{c:?}");
        }
        for s in [
            "Quận ủy",
            "Quận u\u{309}y",
            "u\u{323}\u{309}",
            "u\u{309}\u{323}",
            "a\u{301}b",
            "\u{1100}\u{1161}",
            "ê\u{301}",
            "\u{344}x",
        ] {
            assert_eq!(mine(s), one(s), "{s:?}");
        }
    }

    #[test]
    fn classifies_vietnamese_letters() {
        assert!(is_upper('Đ') && is_lower('ự') && is_letter('ẫ'));
        assert!(is_mark('\u{309}') && !is_letter('\u{309}') && is_word_char('\u{309}'));
        assert!(!is_word_char('–') && !is_letter('“'));
    }
}
