//! Places: provinces and districts by name, after a level word ("huyện Lâm Hà"), or from
//! the lexicon alone ("Cầu Giấy").

use super::lexicon::{DISTRICTS, PROVINCE_ALIASES, PROVINCES, is_surname};
use super::tokens::{PhraseIndex, Token, indexed};
use crate::text::fold;

/// The tier of an administrative unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Central (the Party, the National Assembly): no place.
    Central,
    /// Province-level: a centrally-run city or a province.
    Province,
    /// District-level: quận, huyện, thị xã, thành phố thuộc tỉnh.
    District,
    /// Commune-level: phường, xã, thị trấn.
    Ward,
}

/// A named place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Display name ("Hai Bà Trưng", "Quận 3", "Lâm Đồng").
    pub name: String,
    /// Province-level, district-level or ward.
    pub level: Level,
    /// `thành phố`, `tỉnh`, `quận`, `huyện`, `thị xã`, `phường`, `xã`, `thị trấn`.
    pub kind: String,
    /// The province of a district, when known.
    pub province: Option<String>,
    /// Whether the name is in the lexicon (so unique across the country).
    pub known: bool,
}

impl Place {
    /// A province of the lexicon by name.
    pub fn province(name: &str) -> Option<Place> {
        PROVINCES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, k)| Place {
                name: n.to_string(),
                level: Level::Province,
                kind: k.to_string(),
                province: None,
                known: true,
            })
    }

    /// The merge key: the folded name, with the province for districts outside the lexicon.
    pub fn key(&self) -> String {
        match (&self.province, self.known) {
            (Some(p), false) => format!("{}, {}", fold(&self.name), fold(p)),
            _ => fold(&self.name),
        }
    }
}

/// Level words ("huyện") and their tier and kind.
const LEVEL_WORDS: &[(&str, (Level, &str))] = &[
    ("quận", (Level::District, "quận")),
    ("huyện", (Level::District, "huyện")),
    ("thị xã", (Level::District, "thị xã")),
    ("thành phố", (Level::Province, "thành phố")),
    ("tp", (Level::Province, "thành phố")),
    ("tp.", (Level::Province, "thành phố")),
    ("tỉnh", (Level::Province, "tỉnh")),
    ("phường", (Level::Ward, "phường")),
    ("xã", (Level::Ward, "xã")),
    ("thị trấn", (Level::Ward, "thị trấn")),
];

/// A level word at `i`: its tier, kind and the index after it.
pub fn level_word(tokens: &[Token], i: usize) -> Option<(Level, &'static str, usize)> {
    indexed!(LEVEL_WORDS, (Level, &'static str))
        .longest(tokens, i)
        .map(|((l, k), end)| (l, k, end))
}

fn phrase_table() -> &'static [(String, Place)] {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<(String, Place)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Vec::new();
        let lc = |s: &str| s.to_lowercase();
        for (name, kind) in PROVINCES {
            let place = Place::province(name).map(|mut p| {
                p.kind = kind.to_string();
                p
            });
            if let Some(p) = place {
                t.push((lc(name), p));
            }
        }
        for (alias, name) in PROVINCE_ALIASES {
            if let Some(p) = Place::province(name) {
                t.push((lc(alias), p));
            }
        }
        for (name, kind, province) in DISTRICTS {
            t.push((
                lc(name),
                Place {
                    name: name.to_string(),
                    level: Level::District,
                    kind: kind.to_string(),
                    province: Some(province.to_string()),
                    known: true,
                },
            ));
        }
        t
    })
}

/// A place of the lexicon starting at `i` (longest match), written with a capital.
pub fn lexicon_place(tokens: &[Token], i: usize) -> Option<(Place, usize)> {
    if !tokens.get(i)?.is_capitalized() {
        return None;
    }
    static INDEX: std::sync::LazyLock<PhraseIndex<Place>> =
        std::sync::LazyLock::new(|| PhraseIndex::new(phrase_table()));
    INDEX.longest(tokens, i)
}

/// How many of the capitalised syllables from `i` name a place, when a person's name may
/// follow it ("Huyện ủy Lâm Hà Nguyễn Văn An": two). Zero when the run is a name alone.
fn open_place_len(tokens: &[Token], i: usize) -> usize {
    let run = tokens[i..]
        .iter()
        .take(8)
        .take_while(|t| t.is_name_syllable())
        .count();
    let surname_at = |k: usize| tokens.get(i + k).is_some_and(|t| is_surname(&t.text));
    let name_fits = |k: usize| (2..=4).contains(&(run - k));
    for k in [2, 3] {
        if k < run && surname_at(k) && name_fits(k) {
            return k;
        }
    }
    if surname_at(0) && (3..=4).contains(&run) {
        return 0;
    }
    if run > 1 && surname_at(1) && name_fits(1) {
        return 1;
    }
    run.min(4)
}

/// The name of a place at `i`, known or open class (up to four capitalised syllables, or a
/// number after "quận"). `level` and `kind` come from the level word before it, if any.
pub fn place_name(
    tokens: &[Token],
    i: usize,
    level: Option<(Level, &str)>,
) -> Option<(Place, usize)> {
    if let Some((mut p, end)) = lexicon_place(tokens, i) {
        if let Some((Level::District, kind)) = level {
            if p.level == Level::Province {
                return None; // "quận Hà Nội" is not a thing: leave it
            }
            p.kind = kind.to_string();
        }
        return Some((p, end));
    }
    let (lvl, kind) = level?;
    let t = tokens.get(i)?;
    let unit_next = tokens.get(i + 1).is_some_and(|n| {
        matches!(
            n.lc.as_str(),
            "tháng" | "năm" | "ngày" | "tuần" | "quý" | "tỷ" | "triệu" | "người" | "lần" | "%"
        )
    });
    if t.is_number() && kind == "quận" && !unit_next {
        return Some((open_place(format!("Quận {}", t.text), lvl, kind), i + 1));
    }
    let n = open_place_len(tokens, i);
    if n == 0 {
        return None;
    }
    let name: Vec<&str> = tokens[i..i + n].iter().map(|t| t.text.as_str()).collect();
    let lvl = if lvl == Level::Province && kind == "thành phố" {
        Level::District // a city that is not in the province list is a provincial city
    } else {
        lvl
    };
    Some((open_place(name.join(" "), lvl, kind), i + n))
}

fn open_place(name: String, level: Level, kind: &str) -> Place {
    Place {
        name,
        level,
        kind: kind.to_string(),
        province: None,
        known: false,
    }
}

/// A level word followed by a place name ("quận Cầu Giấy", "huyện Lâm Hà", "tỉnh Lâm Đồng").
pub fn level_place(tokens: &[Token], i: usize) -> Option<(Place, usize)> {
    let (level, kind, j) = level_word(tokens, i)?;
    place_name(tokens, j, Some((level, kind)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn toks(s: &str) -> Vec<Token> {
        tokenize(s, 0, s.len())
    }

    #[test]
    fn reads_known_and_open_places() {
        let t = toks("huyện Gia Lâm và huyện Bảo Lâm tỉnh Lâm Đồng");
        let (p, end) = level_place(&t, 0).unwrap();
        assert_eq!(
            (p.name.as_str(), p.province.as_deref(), end),
            ("Gia Lâm", Some("Hà Nội"), 3)
        );
        let (p, _) = level_place(&t, 4).unwrap();
        assert_eq!(
            (p.name.as_str(), p.known, p.kind.as_str()),
            ("Bảo Lâm", false, "huyện")
        );
        let (p, _) = level_place(&t, 7).unwrap();
        assert_eq!((p.name.as_str(), p.level), ("Lâm Đồng", Level::Province));
    }

    #[test]
    fn stops_before_a_following_name() {
        let t = toks("huyện Lâm Hà Nguyễn Văn Sáu phát biểu");
        let (p, end) = level_place(&t, 0).unwrap();
        assert_eq!((p.name.as_str(), end), ("Lâm Hà", 3));
    }

    #[test]
    fn reads_numbered_districts() {
        let t = toks("quận 3");
        assert_eq!(level_place(&t, 0).unwrap().0.name, "Quận 3");
        assert!(level_place(&toks("Đảng bộ quận 6 tháng đầu năm"), 2).is_none());
        let t = toks("Quận 10");
        assert_eq!(
            lexicon_place(&t, 0).unwrap().0.province.as_deref(),
            Some("Hồ Chí Minh")
        );
    }
}
