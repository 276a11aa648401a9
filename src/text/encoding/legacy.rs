//! The 8-bit Vietnamese encodings of the 1990s and Windows-1258, decoded to Unicode.
//!
//! Each decoder also counts the bytes that make no sense in its encoding, so that
//! [`super::decode`] can tell which one a file was written in.

/// Windows-1252 bytes 0x80–0x9F and the characters they stand for. TCVN3 and VNI files
/// were typed in Windows, so their quotes and dashes are these.
pub const CP1252_HIGH: [(u8, char); 27] = [
    (0x80, '€'),
    (0x82, '‚'),
    (0x83, 'ƒ'),
    (0x84, '„'),
    (0x85, '…'),
    (0x86, '†'),
    (0x87, '‡'),
    (0x88, 'ˆ'),
    (0x89, '‰'),
    (0x8A, 'Š'),
    (0x8B, '‹'),
    (0x8C, 'Œ'),
    (0x8E, 'Ž'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x98, '˜'),
    (0x99, '™'),
    (0x9A, 'š'),
    (0x9B, '›'),
    (0x9C, 'œ'),
    (0x9E, 'ž'),
    (0x9F, 'Ÿ'),
];

/// A byte as Windows-1252 reads it.
pub fn cp1252(b: u8) -> char {
    CP1252_HIGH
        .iter()
        .find(|(x, _)| *x == b)
        .map_or(char::from(b), |(_, c)| *c)
}

/// A decoding and the number of bytes that did not fit the encoding.
pub struct Decoded {
    /// The text (not yet NFC: tones may be combining marks).
    pub text: String,
    /// Bytes the encoding does not use, or marks with nothing to sit on.
    pub misfits: usize,
}

/// TCVN 5712 bytes 0xA0–0xFF. TCVN3 ("ABC") is the part of the standard with the
/// lower-case letters and the upper-case letters without tones; the remaining upper-case
/// letters of the full standard, also here, do no harm. 0xB0–0xB4 are the five tones as
/// combining marks.
const TCVN_A0: [char; 96] = [
    '\u{a0}', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', // 0xA0
    'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ', // 0xA8
    '\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}', 'à', 'ả', 'ã', // 0xB0
    'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ', 'Ẵ', // 0xB8
    'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', // 0xC0
    'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ', // 0xC8
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', // 0xD0
    'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò', // 0xD8
    'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', // 0xE0
    'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', // 0xE8
    'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', // 0xF0
    'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố', // 0xF8
];

/// TCVN3 (ABC): one byte a letter. Every byte above 0x9F is a letter, so nothing misfits;
/// only the reading as Vietnamese tells TCVN3 text from others.
///
/// TCVN3 has no upper-case letters with tones; they are written as the upper-case vowel
/// followed by the lower-case toned one ("A" + "à" for "À"), and joined again here.
pub fn tcvn3(bytes: &[u8]) -> Decoded {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut chars = bytes
        .iter()
        .map(|&b| match b {
            0xA0.. => TCVN_A0[usize::from(b - 0xA0)],
            _ => cp1252(b),
        })
        .peekable();
    while let Some(c) = chars.next() {
        match chars.peek().and_then(|&next| capital_with_tone(c, next)) {
            Some(joined) => {
                text.push(joined);
                chars.next();
            }
            None => text.push(c),
        }
    }
    Decoded { text, misfits: 0 }
}

/// "A" and "à" → "À": an upper-case vowel followed by the same vowel in lower case with a
/// tone.
fn capital_with_tone(upper: char, next: char) -> Option<char> {
    if !upper.is_uppercase() || !next.is_lowercase() || next.is_ascii() {
        return None;
    }
    let (base, tones) = crate::text::fold::strip_tones(next.encode_utf8(&mut [0; 4]));
    let lower: String = upper.to_lowercase().collect();
    (tones == 1 && base == lower).then(|| next.to_uppercase().next())?
}

const ACUTE: char = '\u{301}';
const GRAVE: char = '\u{300}';
const HOOK: char = '\u{309}';
const TILDE: char = '\u{303}';
const DOT: char = '\u{323}';
const CIRCUMFLEX: char = '\u{302}';
const BREVE: char = '\u{306}';

/// VNI-Windows letters that are one byte, by their upper-case byte (the lower-case byte
/// is 0x20 above).
const VNI_LETTERS: [(u8, char); 9] = [
    (0xD4, 'Ơ'),
    (0xD6, 'Ư'),
    (0xD1, 'Đ'),
    (0xCD, 'Í'),
    (0xCC, 'Ì'),
    (0xC6, 'Ỉ'),
    (0xD3, 'Ĩ'),
    (0xD2, 'Ị'),
    (0xCE, 'Ỵ'),
];

/// VNI-Windows marks that follow a vowel, by their upper-case byte: the vowel's shape mark
/// (circumflex, breve) and its tone.
const VNI_MARKS: [(u8, Option<char>, Option<char>); 17] = [
    (0xD9, None, Some(ACUTE)),
    (0xD8, None, Some(GRAVE)),
    (0xDB, None, Some(HOOK)),
    (0xD5, None, Some(TILDE)),
    (0xCF, None, Some(DOT)),
    (0xC2, Some(CIRCUMFLEX), None),
    (0xC1, Some(CIRCUMFLEX), Some(ACUTE)),
    (0xC0, Some(CIRCUMFLEX), Some(GRAVE)),
    (0xC5, Some(CIRCUMFLEX), Some(HOOK)),
    (0xC3, Some(CIRCUMFLEX), Some(TILDE)),
    (0xC4, Some(CIRCUMFLEX), Some(DOT)),
    (0xCA, Some(BREVE), None),
    (0xC9, Some(BREVE), Some(ACUTE)),
    (0xC8, Some(BREVE), Some(GRAVE)),
    (0xDA, Some(BREVE), Some(HOOK)),
    (0xDC, Some(BREVE), Some(TILDE)),
    (0xCB, Some(BREVE), Some(DOT)),
];

/// VNI-Windows: a plain vowel followed by a byte for its circumflex or breve and tone
/// ("vie" + 0xE4 is "việ"); ơ, ư, đ and the toned i and ỵ are one byte each.
pub fn vni(bytes: &[u8]) -> Decoded {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 4);
    let mut misfits = 0;
    // The letter a mark would sit on: the last one written, if no mark took it yet.
    let mut base: Option<char> = None;
    for &b in bytes {
        if b < 0x80 {
            text.push(char::from(b));
            base = Some(char::from(b));
            continue;
        }
        let upper = if b >= 0xE0 { b - 0x20 } else { b };
        if let Some(&(_, letter)) = VNI_LETTERS.iter().find(|(x, _)| *x == upper) {
            let letter = if b >= 0xE0 {
                letter.to_lowercase().next().unwrap_or(letter)
            } else {
                letter
            };
            text.push(letter);
            base = Some(letter);
        } else if let Some(&(_, shape, tone)) = VNI_MARKS.iter().find(|(x, ..)| *x == upper) {
            if base.is_some_and(|v| takes(v, shape)) {
                text.extend(shape);
                text.extend(tone);
            } else {
                misfits += 1;
                text.push(cp1252(b));
            }
            base = None;
        } else {
            // Quotes and dashes (0x80–0x9F) are Windows-1252; other bytes are not VNI.
            misfits += usize::from(b >= 0xA0);
            text.push(cp1252(b));
            base = None;
        }
    }
    Decoded { text, misfits }
}

/// Whether vowel `v` takes a VNI mark with this shape: a circumflex on a, e, o; a breve on
/// a; a tone alone on any vowel, ơ and ư included.
fn takes(v: char, shape: Option<char>) -> bool {
    let v = v.to_ascii_lowercase();
    match shape {
        Some(CIRCUMFLEX) => matches!(v, 'a' | 'e' | 'o'),
        Some(_) => v == 'a',
        None => matches!(v, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ơ' | 'ư' | 'Ơ' | 'Ư'),
    }
}

/// Windows-1258 (Vietnamese Windows): precomposed â, ê, ô, ơ, ư, ă, đ, tones as
/// combining marks.
pub fn windows_1258(bytes: &[u8]) -> Decoded {
    let (text, _, malformed) = encoding_rs::WINDOWS_1258.decode(bytes);
    Decoded {
        text: text.into_owned(),
        misfits: usize::from(malformed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn nfc(s: &str) -> String {
        s.nfc().collect()
    }

    #[test]
    fn vni_composes_marks_onto_vowels() {
        // "Hội nghị Việt", typed in VNI: o + ä (circumflex, dot), ò (ị), e + ä.
        let d = vni(b"Ho\xe4i ngh\xf2 Vie\xe4t \xd1a\xefng \xf1o\xe0ng ch\xf6\xf9");
        assert_eq!(nfc(&d.text), "Hội nghị Việt Đạng đồng chứ");
        assert_eq!(d.misfits, 0);
    }

    #[test]
    fn vni_counts_marks_with_nothing_to_sit_on() {
        // A circumflex byte after a consonant and a byte VNI does not use.
        let d = vni(b"t\xe2 \xb5");
        assert_eq!(d.misfits, 2);
    }

    #[test]
    fn tcvn3_reads_one_byte_a_letter() {
        let d = tcvn3(b"H\xe9i ngh\xde \xa7\xb8ng \x93x\x94 U\xf1y \xa5\xed");
        assert_eq!(d.text, "Hội nghị Đáng “x” Ủy Ớ");
    }
}
