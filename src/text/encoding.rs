//! Bytes → text, for the encodings Vietnamese articles are still found in. UTF-8 (with or
//! without a BOM) and UTF-16 with a BOM are read as they are. Text that is sure to be
//! Windows-1258 or UTF-8 decoded twice ("mojibake", `Äáº£ng` for `Đảng`) is converted.
//! Text in TCVN3 (ABC) or VNI-Windows is recognised and refused with a message that names
//! them, since kg cannot convert them yet.

use super::normalize::ReadError;

/// A legacy encoding an article was converted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Converted {
    /// UTF-16 (little or big endian, with a BOM).
    Utf16,
    /// Windows code page 1258.
    Windows1258,
    /// UTF-8 that had been decoded as Windows-1252 and encoded again.
    Mojibake,
}

impl Converted {
    /// The encoding's name, for reports.
    pub fn name(self) -> &'static str {
        match self {
            Converted::Utf16 => "UTF-16",
            Converted::Windows1258 => "Windows-1258",
            Converted::Mojibake => "UTF-8 decoded twice (mojibake)",
        }
    }
}

/// The text of an article's bytes, and what it was converted from if it was not UTF-8.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<Converted>), ReadError> {
    if let Some(text) = utf16(bytes)? {
        return Ok((text, Some(Converted::Utf16)));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(ReadError::Binary(at));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) if looks_double_encoded(text) => match undo_double_encoding(text) {
            Some(fixed) => Ok((fixed, Some(Converted::Mojibake))),
            None => Err(ReadError::Mojibake),
        },
        Ok(text) => Ok((text.to_string(), None)),
        Err(e) => legacy(bytes, e.valid_up_to()),
    }
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

/// Windows-1252 bytes 0x80–0x9F and the characters they stand for.
const CP1252_HIGH: [(u8, char); 27] = [
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

/// The lead characters UTF-8's Vietnamese letters turn into when read as Windows-1252.
fn looks_double_encoded(text: &str) -> bool {
    let marks = [
        "áº", "á»", "Ä‘", "Ä\u{90}", "Æ°", "Æ¡", "Ã¡", "Ã ", "Ã´", "Ãª", "Ã¢",
    ];
    let hits: usize = marks.iter().map(|m| text.matches(m).count()).sum();
    hits >= 3 && hits * 200 >= text.chars().count()
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

/// Bytes that are not UTF-8: Windows-1258 when it reads as Vietnamese, else a named guess.
fn legacy(bytes: &[u8], bad_at: usize) -> Result<(String, Option<Converted>), ReadError> {
    let (text, _, malformed) = encoding_rs::WINDOWS_1258.decode(bytes);
    if !malformed && vietnamese_share(&text) >= 0.25 {
        return Ok((text.into_owned(), Some(Converted::Windows1258)));
    }
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    // Too few non-ASCII bytes to tell an encoding apart: say only that it is not UTF-8.
    if high < 8 || high * 50 < bytes.len() {
        return Err(ReadError::NotUtf8(bad_at));
    }
    // Mostly ASCII with many bytes above 0x7F that are neither UTF-8 nor Windows-1258:
    // the 8-bit Vietnamese encodings of the 1990s. Both put those bytes inside words, so
    // telling them apart reliably needs their tables; name both.
    Err(ReadError::Legacy("TCVN3 (ABC) or VNI-Windows"))
}

/// The share of words carrying a combining tone mark: Windows-1258 writes Vietnamese tones
/// that way, so real Vietnamese text decoded from it has many, and Latin-1 text none.
fn vietnamese_share(text: &str) -> f64 {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return 0.0;
    }
    let marked = words
        .iter()
        .filter(|w| w.chars().any(|c| TONES.contains(&c)))
        .count();
    marked as f64 / words.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let (text, from) = decode(&utf16le(SENTENCE)).unwrap();
        assert_eq!(text, SENTENCE);
        assert_eq!(from, Some(Converted::Utf16));
        let mut be = vec![0xFE, 0xFF];
        be.extend(SENTENCE.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap().0, SENTENCE);
    }

    #[test]
    fn double_encoded_utf8_is_undone() {
        let garbled = cp1252_double(SENTENCE);
        assert!(
            garbled.contains("áº") || garbled.contains("á»"),
            "{garbled}"
        );
        let (text, from) = decode(garbled.as_bytes()).unwrap();
        assert_eq!(text, SENTENCE);
        assert_eq!(from, Some(Converted::Mojibake));
    }

    #[test]
    fn windows_1258_is_converted() {
        // Windows-1258 keeps â, ê, ô, ơ, ư, ă precomposed and writes tones as marks.
        use unicode_normalization::UnicodeNormalization;
        const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let form: String = SENTENCE
            .chars()
            .flat_map(|c| {
                let (tones, rest): (Vec<char>, Vec<char>) =
                    std::iter::once(c).nfd().partition(|m| TONES.contains(m));
                let mut out: Vec<char> = rest.into_iter().nfc().collect();
                out.extend(tones);
                out
            })
            .collect();
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&form);
        assert!(!unmappable);
        let (text, from) = decode(&bytes).unwrap();
        assert_eq!(from, Some(Converted::Windows1258));
        let nfc: String = unicode_normalization::UnicodeNormalization::nfc(text.as_str()).collect();
        assert_eq!(nfc, SENTENCE);
    }

    #[test]
    fn vni_and_tcvn3_are_named() {
        // "Việt Nam" in VNI-Windows is "Vieät Nam"; in TCVN3 "ViÖt Nam".
        let vni = b"Vie\xe4t Nam ta\xf9 ch\xe6c ho\xe4i nghi\xe4 ve\xe0 vie\xe4c la\xf8m ta\xf9c"
            .repeat(5);
        let tcvn = b"Vi\xd6t Nam t\xa8 ch\xf8c h\xe9i ngh\xde v\xd2 vi\xd6c l\xb5m".repeat(5);
        for bytes in [vni, tcvn] {
            let err = decode(&bytes).unwrap_err();
            assert_eq!(err, ReadError::Legacy("TCVN3 (ABC) or VNI-Windows"));
            assert!(err.to_string().contains("convert the file to UTF-8"));
        }
    }

    #[test]
    fn latin1_that_is_not_vietnamese_stays_an_error() {
        assert_eq!(
            decode(b"Qu\xe2n \xfby h\xf4m nay").unwrap_err(),
            ReadError::NotUtf8(2)
        );
    }
}
