//! Sentences to tokens: words, numbers and punctuation with byte offsets.

use std::borrow::Cow;

use hashbrown::HashTable;

use crate::text::chars::{is_letter, is_lower, is_mark, is_own_lower, is_upper, is_word_char};

/// One token of a sentence, borrowed from the article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The text as written.
    pub text: &'a str,
    /// Lower case, for lexicon look-ups: the text itself when it has no capital, so that
    /// most tokens allocate nothing.
    pub lc: Cow<'a, str>,
    /// First byte in the article text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// [`word_hash`] of `lc`, computed once: every lexicon look-up of the token uses it.
    pub hash: u64,
}

impl Token<'_> {
    /// A word or number (not punctuation).
    pub fn is_word(&self) -> bool {
        self.text
            .chars()
            .next()
            .is_some_and(crate::text::chars::is_alphanumeric)
    }

    /// A word whose first letter is upper case ("Nguyễn", "UBND").
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(is_upper)
    }

    /// A syllable written like part of a proper name: "Nam", "Y", "K'Ré", "M'gar", not
    /// "NAM" or "nam" or "X3". After an apostrophe a capital may start again.
    pub fn is_name_syllable(&self) -> bool {
        let mut chars = self.text.chars();
        if !chars.next().is_some_and(is_upper) {
            return false;
        }
        let mut after_apostrophe = false;
        for c in chars {
            let ok = is_lower(c) || is_mark(c) || (after_apostrophe && is_upper(c));
            after_apostrophe = is_apostrophe(c);
            if !ok && !after_apostrophe {
                return false;
            }
        }
        !after_apostrophe
    }

    /// Digits only.
    pub fn is_number(&self) -> bool {
        !self.text.is_empty() && self.text.bytes().all(|b| b.is_ascii_digit())
    }

    /// One of the dashes that separate a name from its titles.
    pub fn is_dash(&self) -> bool {
        matches!(self.text, "-" | "–" | "—")
    }
}

/// Splits `text[start..end]` into tokens whose offsets point into `text`.
///
/// A hyphen stays inside a word when a digit or a lower-case letter follows it
/// ("15-NQ/TU", "Covid-19") and splits it when a capital follows ("Tiến-Thành ủy viên").
/// `.`, `,`, `/` and `&` stay inside a word between two letters or digits ("3.320",
/// "TP.HCM", "NQ/TU", "TT&TT"), but a full stop before a capitalised syllable splits
/// ("TP.Vị Thanh" is "TP." and "Vị"). An apostrophe between two letters is part of the
/// word, as in the names of the Central Highlands ("K'Ré", "Cư M’gar").
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token<'_>> {
    let s = &text[start..end];
    // About one token in five bytes of Vietnamese text: one allocation for most sentences.
    let mut out = Vec::with_capacity(s.len() / 4 + 1);
    let mut pos = 0;
    while let Some(c) = char_at(s, pos) {
        let at = pos;
        pos += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        if is_word_char(c) {
            pos = word_end(s, pos, c);
        }
        let piece = &s[at..pos];
        let lc = lower(piece);
        out.push(Token {
            text: piece,
            hash: word_hash(&lc),
            lc,
            start: start + at,
            end: start + pos,
        });
    }
    out
}

/// The character at byte `pos` of `s`, if any.
fn char_at(s: &str, pos: usize) -> Option<char> {
    match s.as_bytes().get(pos) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => s[pos..].chars().next(),
        None => None,
    }
}

/// The end of the word whose characters run to `pos`, the last of them `prev`: word
/// characters, and the separators that [`joins`] keeps inside it with the character
/// after them.
fn word_end(s: &str, mut pos: usize, mut prev: char) -> usize {
    while let Some(c) = char_at(s, pos) {
        if is_word_char(c) {
            prev = c;
            pos += c.len_utf8();
            continue;
        }
        let after_at = pos + c.len_utf8();
        let after = char_at(s, after_at);
        match after {
            Some(a)
                if joins(c, prev, Some(a)) && !(c == '.' && starts_syllable(&s[after_at..])) =>
            {
                prev = a;
                pos = after_at + a.len_utf8();
            }
            _ => break,
        }
    }
    pos
}

/// `s` in lower case, borrowed when it is already: [`str::to_lowercase`], which it
/// calls for a capital sigma (lower case depends on its place in a word), and otherwise
/// copies what is lower case already, as most of a capitalised word is.
fn lower(s: &str) -> Cow<'_, str> {
    let Some(at) = s.find(|c| !is_own_lower(c)) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..at]);
    for c in s[at..].chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == 'Σ' {
            return Cow::Owned(s.to_lowercase());
        } else if is_own_lower(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    Cow::Owned(out)
}

/// The two apostrophes of names: ASCII and the typographic right quote.
pub fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn joins(sep: char, before: char, after: Option<char>) -> bool {
    let Some(after) = after else { return false };
    if !is_word_char(after) {
        return false;
    }
    match sep {
        '-' => after.is_ascii_digit() || before.is_ascii_digit() || is_lower(after),
        '.' => before.is_ascii_digit() && after.is_ascii_digit() || is_upper(after),
        '\'' | '’' => is_letter(before) && is_letter(after),
        ',' => before.is_ascii_digit() && after.is_ascii_digit(),
        '/' | '&' => true,
        _ => false,
    }
}

/// Whether the text starts with a capitalised syllable ("Vị", "Ngã"), not an
/// abbreviation ("HCM").
fn starts_syllable(s: &str) -> bool {
    let mut it = s.chars();
    it.next().is_some_and(is_upper) && it.next().is_some_and(is_lower)
}

/// Whether the tokens from `i` are the words `words` (compared in lower case); the index
/// after them if so.
pub fn seq(tokens: &[Token], i: usize, words: &[&str]) -> Option<usize> {
    let end = i + words.len();
    let slice = tokens.get(i..end)?;
    slice
        .iter()
        .zip(words)
        .all(|(t, w)| t.lc == *w)
        .then_some(end)
}

/// The [`PhraseIndex`] of a constant table, built on first use: `indexed!(TABLE, T)`.
macro_rules! indexed {
    ($table:expr, $t:ty) => {{
        static INDEX: std::sync::LazyLock<$crate::extract::tokens::PhraseIndex<$t>> =
            std::sync::LazyLock::new(|| $crate::extract::tokens::PhraseIndex::new($table));
        &*INDEX
    }};
}
pub(crate) use indexed;

/// The first word of a phrase of a lexicon (words separated by spaces).
pub fn first_word(phrase: &str) -> &str {
    phrase.split(' ').next().unwrap_or(phrase)
}

/// The hash of a lower-case word that tokens carry ([`Token::hash`]) and lexicons are
/// indexed by.
pub fn word_hash(word: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// A table of phrases (lower-case words) indexed by their first word, so that finding the
/// longest phrase at a token is one hash look-up and a few comparisons, whatever the size
/// of the table. Build it once (a `LazyLock` static) and query it at every token.
pub struct PhraseIndex<T> {
    /// The phrases by first word: the word, and the rest of each phrase with its value.
    by_first: HashTable<(String, Phrases<T>)>,
    /// The first words' [`FirstWords`] bits: most tokens start no phrase, and are told so
    /// by one bit.
    firsts: FirstWords,
}

/// The phrases of one first word: the words after it, and the value.
type Phrases<T> = Vec<(Vec<String>, T)>;

/// A set of words' hashes as 4096 bits: a word whose bit is clear is not one of the words
/// it was made from. One bit per word, from the top of its [`word_hash`].
struct FirstWords([u64; 64]);

impl FirstWords {
    fn new() -> FirstWords {
        FirstWords([0; 64])
    }

    fn insert(&mut self, hash: u64) {
        let bit = bit_of(hash);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// Whether the word of this hash may be one of the words: false for most others,
    /// never for those.
    fn may_contain(&self, hash: u64) -> bool {
        let bit = bit_of(hash);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// One of 4096 bits, from the top 12 bits of a word's hash (the table takes its buckets
/// from the low ones).
fn bit_of(hash: u64) -> usize {
    (hash >> 52) as usize
}

/// A set of lower-case words that tokens are looked up in by their [`Token::hash`].
pub struct WordSet {
    words: HashTable<&'static str>,
    bits: FirstWords,
}

impl WordSet {
    /// The set of `words`.
    pub fn of(words: impl IntoIterator<Item = &'static str>) -> WordSet {
        let mut set = WordSet {
            words: HashTable::new(),
            bits: FirstWords::new(),
        };
        for w in words {
            let h = word_hash(w);
            if set.words.find(h, |x| *x == w).is_none() {
                set.words.insert_unique(h, w, |x| word_hash(x));
                set.bits.insert(h);
            }
        }
        set
    }

    /// Whether the token's lower case is one of the words.
    pub fn contains(&self, t: &Token) -> bool {
        self.bits.may_contain(t.hash) && self.words.find(t.hash, |w| *w == t.lc).is_some()
    }
}

impl<T: Clone> PhraseIndex<T> {
    /// Indexes `(phrase, value)` pairs; phrases are lower-case words separated by spaces.
    pub fn new<'a, S: AsRef<str> + 'a>(table: impl IntoIterator<Item = &'a (S, T)>) -> Self
    where
        T: 'a,
    {
        let mut by_first: HashTable<(String, Phrases<T>)> = HashTable::new();
        let mut firsts = FirstWords::new();
        for (phrase, value) in table {
            let mut words = phrase.as_ref().split(' ').map(str::to_string);
            let Some(first) = words.next() else { continue };
            let h = word_hash(&first);
            firsts.insert(h);
            let phrase = (words.collect(), value.clone());
            match by_first.find_mut(h, |(w, _)| *w == first) {
                Some((_, phrases)) => phrases.push(phrase),
                None => {
                    by_first.insert_unique(h, (first, vec![phrase]), |(w, _)| word_hash(w));
                }
            }
        }
        PhraseIndex { by_first, firsts }
    }

    /// The longest phrase starting at `i`, with its value and the index after it; the first
    /// listed wins among equally long ones.
    pub fn longest(&self, tokens: &[Token], i: usize) -> Option<(T, usize)> {
        let first = tokens.get(i)?;
        if !self.firsts.may_contain(first.hash) {
            return None;
        }
        let (_, candidates) = self.by_first.find(first.hash, |(w, _)| *w == first.lc)?;
        let mut best: Option<(&T, usize)> = None;
        for (rest, value) in candidates {
            let end = i + 1 + rest.len();
            let Some(slice) = tokens.get(i + 1..end) else {
                continue;
            };
            if slice.iter().zip(rest).all(|(t, w)| t.lc == *w) && best.is_none_or(|(_, e)| end > e)
            {
                best = Some((value, end));
            }
        }
        best.map(|(v, e)| (v.clone(), e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_is_the_standard_librarys_and_borrows_what_is_lower_already() {
        let letters = "aAzZđĐƯưÁáẮắỄễỴỵÂÊÔÝİẞΣσςΑΩ  .-'’1";
        let chars: Vec<String> = letters.chars().map(String::from).collect();
        let pieces: Vec<&str> = chars.iter().map(String::as_str).collect();
        for s in crate::text::random_texts(&pieces, 0..10, 0x2F6B_1C3D_9A85_E471).take(20_000) {
            let lc = lower(&s);
            assert_eq!(lc, s.to_lowercase(), "{s:?}");
            assert_eq!(matches!(lc, Cow::Borrowed(_)), lc == s, "{s:?}");
        }
        assert_eq!(lower("ΟΔΟΣ"), "οδος");
        assert_eq!(lower("Nguyễn"), "nguyễn");
    }

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0, s.len())
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn splits_glued_titles_but_keeps_codes() {
        assert_eq!(
            words("Lò Văn Pả-Tỉnh ủy viên, Nghị quyết số 05-NQ/TU"),
            vec![
                "Lò", "Văn", "Pả", "-", "Tỉnh", "ủy", "viên", ",", "Nghị", "quyết", "số",
                "05-NQ/TU"
            ]
        );
        assert_eq!(
            words("Hà Văn Tư- UVBTV- Trưởng"),
            vec!["Hà", "Văn", "Tư", "-", "UVBTV", "-", "Trưởng"]
        );
    }

    #[test]
    fn keeps_numbers_and_abbreviations_whole() {
        assert_eq!(
            words("đạt 3.320 tỷ, 48,8% tại TP.HCM; TT&TT"),
            vec![
                "đạt", "3.320", "tỷ", ",", "48,8", "%", "tại", "TP.HCM", ";", "TT&TT"
            ]
        );
    }

    #[test]
    fn apostrophes_inside_names_and_city_prefixes() {
        assert_eq!(
            words("Ksor K'Bông, Cư M’gar"),
            vec!["Ksor", "K'Bông", ",", "Cư", "M’gar"]
        );
        assert_eq!(
            words("TP.Long Xuyên và TP.HCM"),
            vec!["TP", ".", "Long", "Xuyên", "và", "TP.HCM"]
        );
        let s = "K'Bông M’gar K'BÔNG";
        let t = tokenize(s, 0, s.len());
        assert!(t[0].is_name_syllable() && t[1].is_name_syllable());
        assert!(!t[2].is_name_syllable());
    }

    #[test]
    fn phrases_are_found_longest_first_and_other_words_turned_away() {
        let table = [("quận ủy", 1), ("quận", 2), ("ban thường vụ", 3)];
        let ix = PhraseIndex::new(&table);
        let at = |s: &str, i: usize| ix.longest(&tokenize(s, 0, s.len()), i);
        assert_eq!(at("Quận ủy Ba Đình", 0), Some((1, 2)));
        assert_eq!(at("quận Ba Đình", 0), Some((2, 1)));
        assert_eq!(at("Ban Thường vụ", 0), Some((3, 3)));
        assert_eq!(at("Ban Thường", 0), None);
        assert_eq!(at("huyện", 0), None);
        for (phrase, _) in table {
            let first = first_word(phrase);
            assert!(ix.firsts.may_contain(word_hash(first)), "{first}");
        }
        assert!(bit_of(u64::MAX) < 4096);
    }

    #[test]
    fn a_word_set_holds_its_words_in_any_case_and_no_others() {
        let set = WordSet::of(["ban", "đồng", "ủy", "ban"]);
        let s = "Ban ĐỒNG ủy bàn dong uy";
        let toks = tokenize(s, 0, s.len());
        let found: Vec<bool> = toks.iter().map(|t| set.contains(t)).collect();
        assert_eq!(found, [true, true, true, false, false, false]);
        assert_eq!(set.words.len(), 3);
    }

    #[test]
    fn offsets_are_absolute() {
        let t = "ab Đặng Thị Hà";
        let toks = tokenize(t, 3, t.len());
        assert_eq!(&t[toks[1].start..toks[1].end], "Thị");
    }
}
