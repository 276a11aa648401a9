//! Vietnamese string folding: the merge `key` of SCHEMA.md, and the classic tone placement
//! used for display names.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::chars::{is_letter, is_mark};

/// Folds a string into a merge key: NFC, lower case, every diacritic removed, `đ` → `d`,
/// runs of white space collapsed to one space, trimmed.
///
/// "Quận uỷ" and "Quận ủy" fold to the same key, `quan uy`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] written into `out`, replacing what it held: a loop that folds many strings
/// reuses one buffer.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    for c in s.chars() {
        // ASCII, most of a key, without the table: white space, or itself in lower case
        if c.is_ascii() {
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let folded = fold_char(c);
        match folded {
            Folded::Space => {
                space = !out.is_empty();
                continue;
            }
            Folded::Str("") => continue,
            _ => {}
        }
        if space {
            out.push(' ');
            space = false;
        }
        match folded {
            Folded::Ascii(b) => out.push(char::from(b)),
            Folded::Str(f) => out.push_str(f),
            Folded::Owned(f) => out.push_str(&f),
            Folded::Space => {}
        }
    }
}

/// What one character folds to.
enum Folded {
    /// White space (runs of it become one space).
    Space,
    /// One ASCII character, the common case.
    Ascii(u8),
    /// A string from the table (empty for a combining mark).
    Str(&'static str),
    /// A character beyond the table, folded on the spot.
    Owned(String),
}

/// The folded form of a character other than ASCII (which [`fold`] folds itself): lower
/// case without marks. Characters below U+2000 (Latin, Vietnamese, combining marks) come
/// from a table built once from their decompositions; others are folded on the spot.
fn fold_char(c: char) -> Folded {
    use std::sync::LazyLock;
    const TABLE_END: u32 = 0x2000;
    static TABLE: LazyLock<Vec<Option<Box<str>>>> = LazyLock::new(|| {
        (0..TABLE_END)
            .map(|u| match char::from_u32(u) {
                Some(c) if c.is_whitespace() => None,
                Some(c) => Some(slow_fold_char(c).into_boxed_str()),
                None => Some("".into()),
            })
            .collect()
    });
    match TABLE.get(c as usize) {
        Some(None) => Folded::Space,
        Some(Some(f)) => match f.as_bytes() {
            [b] if b.is_ascii() => Folded::Ascii(*b),
            _ => Folded::Str(f),
        },
        None if c.is_whitespace() => Folded::Space,
        None => Folded::Owned(slow_fold_char(c)),
    }
}

fn slow_fold_char(c: char) -> String {
    let mut out = String::new();
    for d in std::iter::once(c).nfd() {
        if is_combining_mark(d) {
            continue;
        }
        match d {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(d.to_lowercase()),
        }
    }
    out
}

/// The five Vietnamese tone marks, as combining characters: grave, acute, tilde, hook
/// above, dot below.
pub const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// `s` without its tone marks (the other diacritics kept, â ơ đ …), in NFC, and how many
/// tone marks it had.
pub fn strip_tones(s: &str) -> (String, usize) {
    let mut tones = 0;
    let bare = s
        .nfd()
        .filter(|c| {
            let tone = TONES.contains(c);
            tones += usize::from(tone);
            !tone
        })
        .nfc()
        .collect();
    (bare, tones)
}

/// Rewrites the "new" tone placement of open syllables in `oa`, `oe`, `uy` (hoà, khoẻ,
/// thuỷ, uỷ) into the classic one most of the press uses (hòa, khỏe, thủy, ủy).
///
/// Syllables with a final consonant (hoàn, thuyết) and `qu` + `y` (quý) are the same in
/// both styles and are left alone. The result is NFC.
pub fn classic_tone(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Text between the words looked at, and words that need no change, are copied as
    // whole slices.
    let mut copied = 0;
    let mut looked_to = 0;
    for at in tone_candidates(s) {
        if at < looked_to {
            continue;
        }
        let (start, end) = word_around(s, at);
        looked_to = end;
        fix_word(s, start, end, &mut copied, &mut out);
    }
    out.push_str(&s[copied..]);
    out
}

/// The toned a, e and y that may end a syllable in the new placement after o or u.
const TONED: &str = "áàảãạÁÀẢÃẠéèẻẽẹÉÈẺẼẸýỳỷỹỵÝỲỶỸỴ";

/// The byte positions, in order, of the characters that may put their word in the new
/// placement ([`may_move`]): combining marks, and o or u before a toned a, e or y. Each is
/// a letter or a mark, so it is inside a word; the words without one are never looked at.
fn tone_candidates(s: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = s.as_bytes();
    (0..bytes.len()).filter(move |&i| match bytes[i] {
        b'o' | b'O' | b'u' | b'U' => {
            // every toned vowel is U+00C0..U+00FF or U+1EA0..U+1EF9: its first byte is
            // 0xC3 or 0xE1
            matches!(bytes.get(i + 1), Some(0xC3 | 0xE1))
                && s[i + 1..].chars().next().is_some_and(|c| TONED.contains(c))
        }
        b if b.is_ascii() || b & 0xC0 == 0x80 => false, // ASCII, or inside a character
        b => {
            may_start_mark(b, bytes.get(i + 1).copied())
                && s[i..].chars().next().is_some_and(is_combining_mark)
        }
    })
}

/// Whether a character whose UTF-8 starts with `first` and `second` may be a combining
/// mark: the answer for each first two bytes of the characters below U+2000 (Latin,
/// Vietnamese, the combining marks), from a table built once; yes for those above.
fn may_start_mark(first: u8, second: Option<u8>) -> bool {
    use std::sync::LazyLock;
    static PREFIXES: LazyLock<Vec<bool>> = LazyLock::new(|| {
        let mut table = vec![false; 1 << 16];
        for c in (0x80..0x2000)
            .filter_map(char::from_u32)
            .filter(|&c| is_mark(c))
        {
            let mut buf = [0; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            table[usize::from(b[0]) << 8 | usize::from(b[1])] = true;
        }
        table
    });
    match second {
        _ if first >= 0xE2 => true, // U+2000 and above
        Some(second) => PREFIXES[usize::from(first) << 8 | usize::from(second)],
        None => false,
    }
}

/// The word (a run of letters and marks) around the character at byte `at`, one of them.
fn word_around(s: &str, at: usize) -> (usize, usize) {
    let in_word = |c: char| is_letter(c) || is_mark(c);
    let start = s[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| in_word(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = s[at..]
        .char_indices()
        .find(|&(_, c)| !in_word(c))
        .map_or(s.len(), |(i, _)| at + i);
    (start, end)
}

/// Writes `s[*copied..end]` to `out` with the word `s[start..end]` in the classic
/// placement, when it is in the new one; leaves it to be copied later otherwise.
fn fix_word(s: &str, start: usize, end: usize, copied: &mut usize, out: &mut String) {
    let word = &s[start..end];
    if let Some(fixed) = may_move(word).then(|| move_tone(word)).flatten() {
        out.push_str(&s[*copied..start]);
        out.push_str(&fixed);
        *copied = end;
    }
}

/// A cheap test before the decomposition: only a word ending in o/u + a toned a, e or y
/// (or still carrying combining marks) can be in the new placement.
fn may_move(word: &str) -> bool {
    let mut rev = word.chars().rev();
    let (Some(last), Some(prev)) = (rev.next(), rev.next()) else {
        return false;
    };
    // an ASCII letter is neither a mark nor a toned vowel
    !last.is_ascii()
        && (is_mark(last) || (matches!(prev, 'o' | 'O' | 'u' | 'U') && TONED.contains(last)))
}

/// One letter of a decomposed word: the base character and its combining marks.
struct Letter {
    base: char,
    marks: Vec<char>,
}

fn move_tone(word: &str) -> Option<String> {
    let mut letters: Vec<Letter> = Vec::new();
    for c in word.nfd() {
        if is_combining_mark(c) {
            letters.last_mut()?.marks.push(c);
        } else {
            letters.push(Letter {
                base: c,
                marks: Vec::new(),
            });
        }
    }
    let n = letters.len();
    if n < 2 {
        return None;
    }
    let first = letters[n - 2].base.to_ascii_lowercase();
    let second = letters[n - 1].base.to_ascii_lowercase();
    let pair_ok = matches!((first, second), ('o', 'a') | ('o', 'e') | ('u', 'y'));
    if !pair_ok || !letters[n - 2].marks.is_empty() {
        return None;
    }
    if first == 'u' && n >= 3 && letters[n - 3].base.eq_ignore_ascii_case(&'q') {
        return None;
    }
    let tone_at = letters[n - 1]
        .marks
        .iter()
        .position(|m| TONES.contains(m))?;
    if letters[n - 1].marks.len() != 1 {
        return None; // a quality mark as well: not one of these syllables
    }
    let tone = letters[n - 1].marks.remove(tone_at);
    letters[n - 2].marks.push(tone);
    let decomposed: String = letters
        .iter()
        .flat_map(|l| std::iter::once(l.base).chain(l.marks.iter().copied()))
        .collect();
    Some(decomposed.nfc().collect())
}

/// Upper-cases the first letter of a string, leaving the rest as it is.
pub fn capitalize_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_marks_and_case() {
        assert_eq!(fold("Quận  Ủy   Đống Đa"), "quan uy dong da");
        assert_eq!(fold(" Nguyễn Thị Ánh\u{a0}Tuyết "), "nguyen thi anh tuyet");
    }

    #[test]
    fn fold_of_each_character_is_its_decomposition_without_marks() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            let want = if c.is_whitespace() {
                String::new()
            } else {
                slow_fold_char(c)
            };
            assert_eq!(fold(&format!("a{c}")), format!("a{want}"), "{c:?}");
        }
    }

    #[test]
    fn fold_equates_old_and_new_tone_placement() {
        assert_eq!(fold("Huyện uỷ"), fold("Huyện ủy"));
        assert_eq!(fold("khoá"), fold("khóa"));
    }

    #[test]
    fn classic_tone_moves_marks_on_open_syllables() {
        assert_eq!(
            classic_tone("Huyện uỷ Sóc Sơn khoá XX"),
            "Huyện ủy Sóc Sơn khóa XX"
        );
        assert_eq!(
            classic_tone("hoà bình, thuỷ lợi, khoẻ"),
            "hòa bình, thủy lợi, khỏe"
        );
        assert_eq!(classic_tone("Uỷ ban"), "Ủy ban");
        assert_eq!(classic_tone("tuỳ"), "tùy");
    }

    /// The placement word by word: every run of letters and marks, in order.
    fn classic_tone_of_every_word(s: &str) -> String {
        let mut out = String::new();
        let mut copied = 0;
        let mut word_start = None;
        for (i, c) in s.char_indices() {
            match (is_letter(c) || is_mark(c), word_start) {
                (true, None) => word_start = Some(i),
                (false, Some(w)) => {
                    word_start = None;
                    fix_word(s, w, i, &mut copied, &mut out);
                }
                _ => {}
            }
        }
        if let Some(w) = word_start {
            fix_word(s, w, s.len(), &mut copied, &mut out);
        }
        out.push_str(&s[copied..]);
        out
    }

    #[test]
    fn only_the_words_that_may_move_are_looked_at_and_the_result_is_the_same() {
        let alphabet: Vec<char> = "oOuUaAeEyYqQhHtk ,.-1đĐơưâêếểốủ“–\u{a0}áàảãạÁéẻẽẹýỳỷỹỵÝ"
            .chars()
            .chain([
                '\u{301}', '\u{300}', '\u{309}', '\u{323}', '\u{302}', '\u{1dc0}', '\u{20d0}',
            ])
            .collect();
        let letters: Vec<String> = alphabet.iter().map(char::to_string).collect();
        let pieces: Vec<&str> = letters.iter().map(String::as_str).collect();
        for s in crate::text::random_texts(&pieces, 0..12, 0x9E37_79B9_7F4A_7C15).take(20_000) {
            assert_eq!(classic_tone(&s), classic_tone_of_every_word(&s), "{s:?}");
        }
        for s in [
            "Quý",
            "quá",
            "hoà hoá khoẻ thuỷ",
            "uỷ ban",
            "Thuý",
            "a\u{301}",
            "\u{301}",
        ] {
            assert_eq!(classic_tone(s), classic_tone_of_every_word(s), "{s:?}");
        }
    }

    #[test]
    fn classic_tone_leaves_other_syllables() {
        for w in [
            "quý",
            "hoàn thành",
            "thuyết",
            "quỹ",
            "khuya",
            "của",
            "Hoàng",
        ] {
            assert_eq!(classic_tone(w), w);
        }
    }

    #[test]
    fn capitalize_first_handles_vietnamese() {
        assert_eq!(capitalize_first("ủy viên"), "Ủy viên");
        assert_eq!(capitalize_first(""), "");
    }
}
