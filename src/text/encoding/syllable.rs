//! Does a decoded text read as Vietnamese? A wrong decoding of a legacy file still gives
//! letters with diacritics, but in places no Vietnamese syllable has them ("vieọt",
//! "c¸c"); the share of well-formed syllables tells the right decoding from the wrong.

use unicode_normalization::UnicodeNormalization;

use crate::text::fold::strip_tones;

/// Initial consonants, longest first so that "ngh" is tried before "ng" and "n".
const ONSETS: [&str; 27] = [
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Vowel groups, glides included, without tones.
const NUCLEI: [&str; 54] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "ưa", "ưi", "ươ", "ưu", "uy", "ya", "yê", "iêu", "yêu", "oai", "oay", "oeo", "uây",
    "uôi", "ươi", "ươu", "uya", "uyê",
];

/// Final consonants.
const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Whether `word` (one word, any case) is a well-formed Vietnamese syllable: an initial
/// consonant, a vowel group, a final consonant, and at most one tone.
pub fn is_syllable(word: &str) -> bool {
    let (bare, tones) = strip_tones(&word.to_lowercase());
    if tones > 1 {
        return false;
    }
    std::iter::once("")
        .chain(ONSETS)
        .filter_map(|onset| bare.strip_prefix(onset))
        .any(|rest| {
            CODAS.iter().any(|coda| {
                rest.strip_suffix(coda)
                    .is_some_and(|nucleus| NUCLEI.contains(&nucleus))
            })
        })
}

/// The share of words with a letter beyond ASCII that are well-formed syllables, and how
/// many such words there were. Words in capitals only (HĐND) are abbreviations, not
/// syllables, and are left out.
pub fn vietnamese_share(text: &str) -> (f64, usize) {
    let text: String = text.nfc().collect();
    let (mut words, mut good) = (0usize, 0usize);
    // ASCII punctuation separates words (markup included: "chủ</a>"); other symbols stay
    // inside them, since wrong decodings are made of them ("c¸c").
    let pieces =
        text.split(|c: char| c.is_whitespace() || (c.is_ascii() && !c.is_ascii_alphanumeric()));
    for word in pieces {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() || word.is_ascii() || word.chars().all(|c| c.is_uppercase()) {
            continue;
        }
        words += 1;
        good += usize::from(is_syllable(word));
    }
    if words == 0 {
        return (0.0, 0);
    }
    (good as f64 / words as f64, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_vietnamese_syllables() {
        for w in [
            "Nghị", "quyết", "Đảng", "khuyến", "người", "chuyện", "giữa", "gì", "Huyện", "ủy",
            "xoong", "khoẻ", "thuở", "uỷ", "Ương",
        ] {
            assert!(is_syllable(w), "{w}");
        }
    }

    #[test]
    fn rejects_wrong_decodings() {
        for w in ["vieọt", "c¸c", "hoọi", "viÖt", "Ä‘", "ặă", "mớá"] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn share_skips_ascii_and_abbreviations() {
        let (share, words) = vietnamese_share("HĐND huyện họp, UBND vieọt \"Đảng\".");
        assert_eq!(words, 4, "HĐND and UBND are left out");
        assert!((share - 0.75).abs() < 1e-9, "vieọt is not a syllable");
    }
}
