//! Raw bytes to clean text: encoding checks, BOM, line ends, odd spaces, NFC, tone placement.

use unicode_normalization::UnicodeNormalization;

use super::encoding::{Converted, Encoding};
use super::fold::classic_tone;

/// Why a file could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The file has no text at all (or only white space).
    #[error("empty file")]
    Empty,
    /// An HTML page nested too deeply to parse in reasonable time.
    #[error(
        "HTML nested {0} levels deep, more than the {max} kg reads; not an article page",
        max = super::html::MAX_DEPTH
    )]
    TooDeep(usize),
    /// An HTML page in which no article text was found.
    #[error("HTML page with no article text (only menus, scripts or links)")]
    NoText,
    /// NUL bytes: a binary file, not an article.
    #[error("binary file (NUL byte at offset {0})")]
    Binary(usize),
    /// Bytes that are not UTF-8 nor a legacy encoding kg recognises.
    #[error("not UTF-8 (invalid byte at offset {0}); convert the file to UTF-8")]
    NotUtf8(usize),
    /// A UTF-16 byte-order mark followed by invalid UTF-16.
    #[error("invalid UTF-16 after a UTF-16 byte-order mark; convert the file to UTF-8")]
    BadUtf16,
    /// A UTF-32 byte-order mark followed by invalid UTF-32.
    #[error("invalid UTF-32 after a UTF-32 byte-order mark; convert the file to UTF-8")]
    BadUtf32,
    /// An old Vietnamese encoding kg is not sure enough of to convert on its own.
    #[error(
        "not UTF-8; looks like {name}, but not surely enough to convert it; if it is, \
         build again with --encoding {flag}"
    )]
    Legacy {
        /// The encoding's name.
        name: &'static str,
        /// The `--encoding` value that reads it.
        flag: &'static str,
    },
    /// UTF-8 decoded twice, in a way kg could not undo exactly.
    #[error(
        "looks like UTF-8 decoded twice (mojibake such as \"Äáº£ng\") and cannot be undone \
         exactly; save the file again as UTF-8"
    )]
    Mojibake,
}

/// Decodes and normalises an article's bytes.
///
/// Strips a UTF-8 BOM, turns CRLF and CR into LF, NBSP and other odd spaces into plain
/// spaces, drops zero-width characters, composes to NFC and rewrites the new tone placement
/// into the classic one, so that every later stage sees one spelling of each word.
pub fn normalize(bytes: &[u8]) -> Result<String, ReadError> {
    normalize_reporting(bytes, Encoding::Auto).map(|(text, _)| text)
}

/// [`normalize`], also saying which legacy encoding the text was converted from.
pub fn normalize_reporting(
    bytes: &[u8],
    enc: Encoding,
) -> Result<(String, Option<Converted>), ReadError> {
    let (raw, converted) = super::encoding::decode(bytes, enc)?;
    if raw.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok((clean(&raw), converted))
}

/// Turns CRLF and CR into LF, odd spaces into plain ones, drops zero-width characters
/// and soft hyphens (which page editors leave inside names: "Nguyễn Văn Hùng"), composes to NFC and rewrites the new tone placement into the classic one.
pub fn clean(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    // Every character cleaning changes starts with one of these bytes; the runs between
    // them are copied whole.
    let special = |b: &u8| matches!(b, b'\r' | b'\t' | 0xC2 | 0xE2 | 0xE3 | 0xEF);
    let bytes = raw.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while let Some(k) = bytes[at..].iter().position(special) {
        let i = at + k;
        let Some(c) = raw[i..].chars().next() else {
            break;
        };
        at = i + c.len_utf8();
        let replacement = match c {
            '\r' => {
                if bytes.get(at) == Some(&b'\n') {
                    at += 1;
                }
                "\n"
            }
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\t' => " ",
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => "",
            _ => continue,
        };
        text.push_str(&raw[copied..i]);
        text.push_str(replacement);
        copied = at;
    }
    text.push_str(&raw[copied..]);
    // Pages copied as text keep their entities' names: "theo&nbsp;Quyết" or "theonbsp;Quyết".
    if text.contains("nbsp;") {
        text = text.replace("&nbsp;", " ").replace("nbsp;", " ");
    }
    // Most text is NFC already: the quick check saves composing it again.
    let nfc = match super::chars::nfc_quick(&text) {
        unicode_normalization::IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    };
    classic_tone(&nfc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_line_ends_and_spaces() {
        let t = normalize("\u{feff}Dòng một\r\nDòng\u{a0}hai\rba".as_bytes()).unwrap();
        assert_eq!(t, "Dòng một\nDòng hai\nba");
    }

    #[test]
    fn entity_names_left_in_copied_text_are_spaces() {
        let t = normalize("theo&nbsp;Quyếtnbsp;định".as_bytes()).unwrap();
        assert_eq!(t, "theo Quyết định");
    }

    #[test]
    fn drops_soft_hyphens_inside_words() {
        let t = normalize("Trần Đình Tr\u{ad}ọng".as_bytes()).unwrap();
        assert_eq!(t, "Trần Đình Trọng");
    }

    #[test]
    fn composes_to_nfc_and_classic_tones() {
        let decomposed = "Quận u\u{79}\u{309}".nfd().collect::<String>();
        assert_eq!(normalize(decomposed.as_bytes()).unwrap(), "Quận ủy");
    }

    #[test]
    fn rejects_bad_input_with_a_reason() {
        assert_eq!(normalize(b" \n "), Err(ReadError::Empty));
        assert_eq!(normalize(b"ab\0c"), Err(ReadError::Binary(2)));
        assert_eq!(normalize(b"ok \xff"), Err(ReadError::NotUtf8(3)));
    }
}
