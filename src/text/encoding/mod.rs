//! Bytes → text, for the encodings Vietnamese articles are still found in.
//!
//! UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as they are. Other bytes
//! are tried as Windows-1258, TCVN3 (ABC) and VNI-Windows ([`legacy`]); the decoding that
//! reads as Vietnamese ([`syllable`]) wins when it clearly does, and the file is refused
//! with the likely encoding and the flag to force it otherwise. UTF-8 decoded twice
//! ("mojibake", `Äáº£ng` for `Đảng`) is undone.

mod legacy;
mod syllable;

use super::normalize::ReadError;
use legacy::{CP1252_HIGH, Decoded};

/// The encoding to read articles in: `--encoding`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8 and UTF-16 with a BOM as they are; a legacy encoding or mojibake is converted
    /// when kg is sure of it, and refused with its likely name otherwise.
    #[default]
    Auto,
    /// UTF-8 only (UTF-16 with a BOM too): anything else is refused.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// Windows-1258 (Vietnamese Windows, CP1258).
    #[value(name = "windows-1258", alias = "cp1258")]
    Windows1258,
    /// TCVN3, the "ABC" fonts (.VnTime).
    #[value(name = "tcvn3", alias = "abc")]
    Tcvn3,
    /// VNI-Windows (VNI-Times).
    #[value(name = "vni")]
    Vni,
}

/// A legacy encoding an article was converted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Converted {
    /// UTF-16 (little or big endian, with a BOM).
    Utf16,
    /// Windows code page 1258.
    Windows1258,
    /// UTF-8 that had been decoded as Windows-1252 and encoded again.
    Mojibake,
    /// TCVN3 (ABC).
    Tcvn3,
    /// VNI-Windows.
    Vni,
    /// UTF-32 (little or big endian, with a BOM). Last, so that older snapshots still read.
    Utf32,
}

impl Converted {
    /// The encoding's name, for reports.
    pub fn name(self) -> &'static str {
        match self {
            Converted::Utf16 => "UTF-16",
            Converted::Utf32 => "UTF-32",
            Converted::Windows1258 => "Windows-1258",
            Converted::Mojibake => "UTF-8 decoded twice (mojibake)",
            Converted::Tcvn3 => "TCVN3 (ABC)",
            Converted::Vni => "VNI-Windows",
        }
    }

    /// The `--encoding` value that reads it.
    pub fn flag(self) -> &'static str {
        match self {
            Converted::Utf16 | Converted::Utf32 | Converted::Mojibake => "utf-8",
            Converted::Windows1258 => "windows-1258",
            Converted::Tcvn3 => "tcvn3",
            Converted::Vni => "vni",
        }
    }
}

/// The text of an article's bytes in encoding `enc`, and what it was converted from if it
/// was not UTF-8.
pub fn decode(bytes: &[u8], enc: Encoding) -> Result<(String, Option<Converted>), ReadError> {
    // UTF-32's little-endian mark begins with UTF-16's: look for it first
    if let Some(text) = utf32(bytes)? {
        return Ok((text, Some(Converted::Utf32)));
    }
    if let Some(text) = utf16(bytes)? {
        return Ok((text, Some(Converted::Utf16)));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(ReadError::Binary(at));
    }
    let forced = |d: Decoded, c| Ok((d.text, Some(c)));
    match enc {
        Encoding::Windows1258 => {
            return forced(legacy::windows_1258(bytes), Converted::Windows1258);
        }
        Encoding::Tcvn3 => return forced(legacy::tcvn3(bytes), Converted::Tcvn3),
        Encoding::Vni => return forced(legacy::vni(bytes), Converted::Vni),
        Encoding::Utf8 | Encoding::Auto => {}
    }
    // simdutf8: the same answer as `std::str::from_utf8` (and the same error position), faster
    match simdutf8::compat::from_utf8(bytes) {
        Ok(text) if enc == Encoding::Auto && looks_double_encoded(text) => {
            match undo_double_encoding(text) {
                Some(fixed) => Ok((fixed, Some(Converted::Mojibake))),
                // letters that Windows-1252 cannot have made ("Ạ", "Ộ"): real text
                None if has_vietnamese_letters(text) => Ok((text.to_string(), None)),
                None => Err(ReadError::Mojibake),
            }
        }
        Ok(text) => Ok((text.to_string(), None)),
        Err(e) if enc == Encoding::Auto => guess_legacy(bytes, e.valid_up_to()),
        Err(e) => Err(ReadError::NotUtf8(e.valid_up_to())),
    }
}

fn utf32(bytes: &[u8]) -> Result<Option<String>, ReadError> {
    let little = match bytes {
        [0xFF, 0xFE, 0x00, 0x00, ..] => true,
        [0x00, 0x00, 0xFE, 0xFF, ..] => false,
        _ => return Ok(None),
    };
    let body = &bytes[4..];
    if !body.len().is_multiple_of(4) {
        return Err(ReadError::BadUtf32);
    }
    body.chunks(4)
        .map(|c| {
            let quad = [c[0], c[1], c[2], c[3]];
            let u = if little {
                u32::from_le_bytes(quad)
            } else {
                u32::from_be_bytes(quad)
            };
            char::from_u32(u).ok_or(ReadError::BadUtf32)
        })
        .collect::<Result<String, _>>()
        .map(Some)
}

fn utf16(bytes: &[u8]) -> Result<Option<String>, ReadError> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return Ok(None),
    };
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|c| {
            let pair = [c[0], c.get(1).copied().unwrap_or(0)];
            if little {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        })
        .collect();
    String::from_utf16(&units)
        .map(Some)
        .map_err(|_| ReadError::BadUtf16)
}

/// The lead characters UTF-8's Vietnamese letters turn into when read as Windows-1252.
///
/// Each mark is a lead character and a second one, and no second character is a lead, so
/// the pairs never overlap. Every lead is written with the byte 0xC3 first: only the
/// characters after that byte are decoded, and the characters are counted from the bytes
/// (those that are not a continuation byte).
fn looks_double_encoded(text: &str) -> bool {
    let hits = memchr::memchr_iter(0xC3, text.as_bytes())
        .filter(|&at| {
            let mut pair = text[at..].chars();
            matches!((pair.next(), pair.next()), (Some(lead), Some(c)) if is_mark_pair(lead, c))
        })
        .count();
    hits >= 3 && hits * 200 >= char_count(text)
}

/// "áº", "á»", "Ä‘", "Ä\u{90}", "Æ°", "Æ¡", "Ã¡", "Ã\u{a0}", "Ã´", "Ãª", "Ã¢": the pairs UTF-8's
/// Vietnamese letters turn into when read as Windows-1252.
fn is_mark_pair(lead: char, c: char) -> bool {
    match lead {
        'á' => matches!(c, 'º' | '»'),
        'Ä' => matches!(c, '‘' | '\u{90}'),
        'Æ' => matches!(c, '°' | '¡'),
        'Ã' => matches!(c, '¡' | '\u{a0}' | '´' | 'ª' | '¢'),
        _ => false,
    }
}

/// `text.chars().count()`, from the bytes: each character has one byte that is not a
/// continuation byte (0b10xxxxxx).
fn char_count(text: &str) -> usize {
    text.bytes().filter(|&b| b & 0xC0 != 0x80).count()
}

/// Whether the text holds letters of Vietnamese that only proper UTF-8 gives (ơ, ư, đ and
/// the letters with a tone, upper or lower case).
fn has_vietnamese_letters(text: &str) -> bool {
    text.chars()
        .filter(|c| {
            matches!(
                *c as u32,
                0x1EA0..=0x1EF9 | 0x01A0 | 0x01A1 | 0x01AF | 0x01B0 | 0x0110 | 0x0111
            )
        })
        .count()
        >= 3
}

/// Maps each character back to the Windows-1252 byte it came from and reads the bytes as
/// UTF-8; `None` when some character has no such byte or the bytes are not UTF-8.
fn undo_double_encoding(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        let u = c as u32;
        if u < 0x100 {
            bytes.push(u as u8);
        } else {
            bytes.push(CP1252_HIGH.iter().find(|(_, x)| *x == c)?.0);
        }
    }
    String::from_utf8(bytes).ok()
}

/// Share of well-formed syllables a decoding must reach to be taken without asking.
const SURE: f64 = 0.85;
/// How far ahead of the next decoding the best one must be.
const MARGIN: f64 = 0.25;
/// Words with diacritics needed before kg trusts the count.
const MIN_WORDS: usize = 5;

/// Bytes that are not UTF-8: each legacy decoding is read as Vietnamese, and the one that
/// reads best is taken when it is clearly right. Otherwise the error names the likely
/// encoding, or only says that the bytes are not UTF-8.
fn guess_legacy(bytes: &[u8], bad_at: usize) -> Result<(String, Option<Converted>), ReadError> {
    let mut tries: Vec<(f64, usize, Converted, String)> = [
        (Converted::Windows1258, legacy::windows_1258(bytes)),
        (Converted::Tcvn3, legacy::tcvn3(bytes)),
        (Converted::Vni, legacy::vni(bytes)),
    ]
    .into_iter()
    .map(|(enc, d)| {
        let (share, words) = syllable::vietnamese_share(&d.text);
        // A byte the encoding does not use counts as a word read wrong.
        let share = share * words as f64 / (words + d.misfits).max(1) as f64;
        (share, words, enc, d.text)
    })
    .collect();
    tries.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, words, enc, _) = &tries[0];
    let next = tries[1].0;
    if *words >= MIN_WORDS && *best >= SURE && best - next >= MARGIN {
        let (_, _, enc, text) = tries.swap_remove(0);
        return Ok((text, Some(enc)));
    }
    // Too few words, or no clear winner: name the likely one and let the user say.
    if *words > 0 && *best >= 0.5 {
        return Err(ReadError::Legacy {
            name: enc.name(),
            flag: enc.flag(),
        });
    }
    Err(ReadError::NotUtf8(bad_at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_checked_as_the_standard_library_checks_it() {
        // bytes written in hex: letters, a lone lead byte, a cut sequence, a surrogate, 0xFF
        let pieces = [
            "61", "20", "E1BB87", "F09F9880", "C3", "E1BB", "FF", "EDA080", "C3A1",
        ];
        let hex = |s: &str| -> Vec<u8> {
            (0..s.len())
                .step_by(2)
                .filter_map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
                .collect()
        };
        for text in crate::text::random_texts(&pieces, 0..20, 0x1234_5678_9ABC_DEF1).take(5_000) {
            let b = hex(&text);
            let std = std::str::from_utf8(&b).map_err(|e| (e.valid_up_to(), e.error_len()));
            let simd =
                simdutf8::compat::from_utf8(&b).map_err(|e| (e.valid_up_to(), e.error_len()));
            assert_eq!(simd, std, "{b:?}");
        }
    }

    #[test]
    fn double_encoding_is_seen_as_one_pass_over_the_characters_saw_it() {
        // the pass over every character, as the test reads it
        let reference = |text: &str| {
            let (mut hits, mut chars) = (0usize, 0usize);
            let mut lead = '\0';
            for c in text.chars() {
                chars += 1;
                hits += usize::from(is_mark_pair(lead, c));
                lead = c;
            }
            hits >= 3 && hits * 200 >= chars
        };
        let pieces = [
            "á", "º", "»", "Ä", "‘", "\u{90}", "Æ", "°", "¡", "Ã", "´", "ª", "¢", "a", " ", "ệ",
            "\u{a0}",
        ];
        let mut seen = [0; 2];
        for s in crate::text::random_texts(&pieces, 1..41, 0x853C_49E6_748F_EA9B).take(20_000) {
            let expected = reference(&s);
            assert_eq!(looks_double_encoded(&s), expected, "{s:?}");
            seen[usize::from(expected)] += 1;
        }
        assert!(seen[0] > 100 && seen[1] > 100, "{seen:?}");
        assert_eq!(char_count("Đảng ủy a\u{301}"), 10);
    }

    fn decode_auto(bytes: &[u8]) -> Result<(String, Option<Converted>), ReadError> {
        decode(bytes, Encoding::Auto)
    }

    const SENTENCE: &str = "Ban Chấp hành Đảng bộ huyện họp phiên thường kỳ, đồng chí Bí thư \
                            phát biểu chỉ đạo và đề nghị các cấp ủy thực hiện tốt nhiệm vụ.";

    fn utf16le(s: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    fn cp1252_double(s: &str) -> String {
        // UTF-8 bytes read as Windows-1252, the way a misconfigured editor saves them.
        s.bytes()
            .map(|b| {
                CP1252_HIGH
                    .iter()
                    .find(|(x, _)| *x == b)
                    .map_or(char::from(b), |(_, c)| *c)
            })
            .collect()
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let (text, from) = decode_auto(&utf16le(SENTENCE)).unwrap();
        assert_eq!(text, SENTENCE);
        assert_eq!(from, Some(Converted::Utf16));
        let mut be = vec![0xFE, 0xFF];
        be.extend(SENTENCE.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_auto(&be).unwrap().0, SENTENCE);
    }

    #[test]
    fn utf32_is_not_taken_for_utf16() {
        let s = "Huyện ủy Lâm Hà họp";
        let mut le = vec![0xFF, 0xFE, 0, 0];
        let mut be = vec![0, 0, 0xFE, 0xFF];
        for c in s.chars() {
            le.extend_from_slice(&(c as u32).to_le_bytes());
            be.extend_from_slice(&(c as u32).to_be_bytes());
        }
        for bytes in [le, be] {
            let (text, conv) = decode_auto(&bytes).unwrap();
            assert_eq!((text.as_str(), conv), (s, Some(Converted::Utf32)));
        }
        assert_eq!(
            decode_auto(&[0xFF, 0xFE, 0, 0, 0x41]).unwrap_err(),
            ReadError::BadUtf32
        );
    }

    #[test]
    fn capitals_are_never_taken_for_mojibake() {
        let s = "ĐẠI HỘI ĐẢNG BỘ XÃ TÂN LẬP LẦN THỨ I: XÃ XÃ XÃ";
        let (text, conv) = decode_auto(s.as_bytes()).unwrap();
        assert_eq!((text.as_str(), conv), (s, None));
    }

    #[test]
    fn double_encoded_utf8_is_undone() {
        let garbled = cp1252_double(SENTENCE);
        assert!(
            garbled.contains("áº") || garbled.contains("á»"),
            "{garbled}"
        );
        let (text, from) = decode_auto(garbled.as_bytes()).unwrap();
        assert_eq!(text, SENTENCE);
        assert_eq!(from, Some(Converted::Mojibake));
    }

    /// Our own article, and the same text written by encoders that are not kg's
    /// (tests/fixtures/encodings/make.sh says which).
    const UTF8: &str = include_str!("../../../tests/fixtures/encodings/utf8.txt");
    const TCVN3: &[u8] = include_bytes!("../../../tests/fixtures/encodings/tcvn3.txt");
    const VNI: &[u8] = include_bytes!("../../../tests/fixtures/encodings/vni.txt");
    const CP1258: &[u8] = include_bytes!("../../../tests/fixtures/encodings/cp1258.txt");

    fn nfc(s: &str) -> String {
        unicode_normalization::UnicodeNormalization::nfc(s).collect()
    }

    #[test]
    fn legacy_encodings_are_recognised_and_converted() {
        for (bytes, enc) in [
            (TCVN3, Converted::Tcvn3),
            (VNI, Converted::Vni),
            (CP1258, Converted::Windows1258),
        ] {
            let (text, from) = decode_auto(bytes).unwrap();
            assert_eq!(from, Some(enc));
            assert_eq!(nfc(&text), UTF8, "{enc:?}");
        }
    }

    #[test]
    fn a_forced_encoding_is_taken_as_it_is() {
        let (text, from) = decode(VNI, Encoding::Vni).unwrap();
        assert_eq!((nfc(&text).as_str(), from), (UTF8, Some(Converted::Vni)));
        // Forced wrongly, the bytes are still read, and the text is wrong.
        let (text, _) = decode(VNI, Encoding::Tcvn3).unwrap();
        assert_ne!(nfc(&text), UTF8);
        assert!(matches!(
            decode(CP1258, Encoding::Utf8),
            Err(ReadError::NotUtf8(_))
        ));
        // UTF-8 stays UTF-8 whatever is asked for: it is not UTF-8 bytes that are decoded.
        assert_eq!(decode(UTF8.as_bytes(), Encoding::Utf8).unwrap().0, UTF8);
    }

    #[test]
    fn too_little_text_to_be_sure_names_the_likely_encoding() {
        // The first line, two words: TCVN3 is likely, but two words are not enough.
        let end = TCVN3.iter().position(|&b| b == b'\n').unwrap_or(20);
        let short = &TCVN3[..end];
        match decode_auto(short) {
            Err(ReadError::Legacy { name, flag }) => {
                assert_eq!((name, flag), ("TCVN3 (ABC)", "tcvn3"));
            }
            other => panic!("{other:?}"),
        }
        let msg = decode_auto(short).unwrap_err().to_string();
        assert!(msg.contains("--encoding tcvn3"), "{msg}");
    }

    #[test]
    fn latin1_that_is_not_vietnamese_stays_an_error() {
        let french =
            b"Le comit\xe9 a d\xe9cid\xe9 \xe0 l'unanimit\xe9 de r\xe9\xe9lire le pr\xe9sident";
        assert_eq!(decode_auto(french).unwrap_err(), ReadError::NotUtf8(8));
    }
}
