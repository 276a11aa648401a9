//! Places: provinces, districts and communes by name, after a level word ("huyện Lâm
//! Hà"), or alone for provinces and the districts of the centrally-run cities ("Cầu
//! Giấy"). Names are looked up in the national [`gazetteer`]; a name it does not know is
//! read as an open-class name after a level word.

use super::gazetteer::{Tier, Unit, gazetteer};
use super::lexicon::{PROVINCE_ALIASES, is_surname};
use super::tokens::{PhraseIndex, Token, indexed};
use crate::keys::PlaceKey;
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
    /// Commune-level: phường, xã, thị trấn, đặc khu.
    Ward,
}

/// A named place.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    /// Display name ("Hai Bà Trưng", "Quận 3", "Lâm Đồng").
    pub name: String,
    /// Province-level, district-level or ward.
    pub level: Level,
    /// `thành phố`, `tỉnh`, `quận`, `huyện`, `thị xã`, `phường`, `xã`, `thị trấn`, `đặc khu`.
    pub kind: &'static str,
    /// The province of a district or commune, once known (from the gazetteer when the
    /// name is in one province only, else from the article).
    pub province: Option<String>,
    /// The district of a commune, once known.
    pub district: Option<String>,
    /// The (province, district) pairs the gazetteer allows for this name; empty for a
    /// name it does not know.
    pub candidates: Vec<(&'static str, Option<&'static str>)>,
    /// Whether another unit of the same name and province exists with another kind
    /// (huyện and thị xã Cai Lậy): the kind is then part of the key.
    pub twin: bool,
}

impl Place {
    /// A province of the gazetteer by name.
    pub fn province(name: &str) -> Option<Place> {
        gazetteer().province(name).map(|u| Place {
            name: u.name.to_string(),
            level: Level::Province,
            kind: u.kind,
            province: None,
            district: None,
            candidates: Vec::new(),
            twin: false,
        })
    }

    /// The district of this name in `province`, from the gazetteer.
    pub fn district_in(name: &str, province: &str) -> Option<Place> {
        let units: Vec<Unit> = gazetteer()
            .named(name, Tier::District)
            .into_iter()
            .filter(|u| u.province == province)
            .collect();
        from_units(&units, Level::District, None)
    }

    /// Whether the gazetteer knows the name.
    pub fn known(&self) -> bool {
        self.level == Level::Province || !self.candidates.is_empty()
    }

    /// The merge key: the folded name, with its province (a district) or its district or
    /// province (a commune); `None` while a district or commune has no place, since then
    /// only the article can scope it.
    pub fn key(&self) -> Option<PlaceKey> {
        let name = fold(&self.name);
        let twin = self.twin.then(|| fold(self.kind));
        let within = match self.level {
            Level::Province | Level::Central => None,
            Level::District => Some(self.province.as_deref()?),
            Level::Ward => Some(self.district.as_deref().or(self.province.as_deref())?),
        };
        Some(PlaceKey::new(
            &name,
            twin.as_deref(),
            within.map(fold).as_deref(),
        ))
    }

    /// This place settled in `province` if the gazetteer allows it there (a district or
    /// commune whose name exists in several provinces); unchanged otherwise.
    pub fn settled(self, province: Option<&str>, district: Option<&str>) -> Place {
        let mut p = self;
        if p.province.is_some() || p.candidates.is_empty() {
            return p;
        }
        let in_district: Vec<_> = p
            .candidates
            .iter()
            .filter(|(_, d)| d.is_some() && *d == district)
            .collect();
        if let [(prov, d)] = in_district.as_slice() {
            p.province = Some(prov.to_string());
            p.district = d.map(str::to_string);
            return p;
        }
        if let Some(prov) = province
            && p.candidates
                .iter()
                .any(|(c, _)| gazetteer().same_province(c, prov))
        {
            p.province = Some(prov.to_string());
        }
        p
    }
}

/// A place read from the gazetteer's units of one name, `kind` as the text writes it. The
/// kind does not choose between provinces (a huyện of 2015 may be a thị xã of today);
/// it tells apart two units of one name in one province (huyện and thị xã Cai Lậy).
fn from_units(units: &[Unit], level: Level, kind: Option<&'static str>) -> Option<Place> {
    let first = units.first()?;
    let mut candidates: Vec<(&'static str, Option<&'static str>)> =
        units.iter().map(|u| (u.province, u.district)).collect();
    candidates.sort();
    candidates.dedup();
    // sorted: one province when the first and the last candidate are in the same one
    let one_province = candidates.first().map(|c| c.0) == candidates.last().map(|c| c.0);
    let province = one_province.then(|| first.province.to_string());
    let district = match candidates.as_slice() {
        [(_, Some(d))] => Some(d.to_string()),
        _ => None,
    };
    let twin = level == Level::District
        && province.is_some()
        && units
            .iter()
            .filter(|u| Some(u.province) == province.as_deref())
            .count()
            > 1;
    let written = kind.and_then(|k| units.iter().find(|u| u.kind == k));
    Some(Place {
        name: written.unwrap_or(first).name.to_string(),
        level,
        kind: kind.unwrap_or(first.kind),
        province,
        district,
        candidates,
        twin,
    })
}

/// Level words ("huyện") and their tier and kind.
const LEVEL_WORDS: &[(&str, (Level, &str))] = &[
    ("quận", (Level::District, "quận")),
    ("huyện", (Level::District, "huyện")),
    ("thị xã", (Level::District, "thị xã")),
    ("thành phố", (Level::Province, "thành phố")),
    ("tp", (Level::Province, "thành phố")),
    ("tp.", (Level::Province, "thành phố")),
    ("tp .", (Level::Province, "thành phố")),
    ("tỉnh", (Level::Province, "tỉnh")),
    ("phường", (Level::Ward, "phường")),
    ("xã", (Level::Ward, "xã")),
    ("thị trấn", (Level::Ward, "thị trấn")),
    ("đặc khu", (Level::Ward, "đặc khu")),
];

/// A level word at `i`: its tier, kind and the index after it.
pub fn level_word(tokens: &[Token], i: usize) -> Option<(Level, &'static str, usize)> {
    indexed!(LEVEL_WORDS, (Level, &'static str))
        .longest(tokens, i)
        .map(|((l, k), end)| (l, k, end))
}

/// Places written without a level word: provinces (and their other spellings), and the
/// districts of the centrally-run cities, whose names the press writes bare.
fn phrase_table() -> Vec<(String, Place)> {
    let g = gazetteer();
    let lc = |s: &str| s.to_lowercase();
    let mut t = Vec::new();
    for u in g.all(Tier::Province) {
        if let Some(p) = Place::province(u.name) {
            t.push((lc(u.name), p));
        }
    }
    for (alias, name) in PROVINCE_ALIASES {
        if let Some(p) = Place::province(name) {
            t.push((lc(alias), p));
        }
    }
    let cities: Vec<&str> = g
        .all(Tier::Province)
        .filter(|u| u.kind == "thành phố")
        .map(|u| u.name)
        .collect();
    for d in g
        .all(Tier::District)
        .filter(|d| cities.contains(&d.province))
    {
        let units = g.named(d.name, Tier::District);
        if let Some(p) = from_units(&units, Level::District, None) {
            t.push((lc(d.name), p));
        }
    }
    t
}

/// A province, or a district of a centrally-run city, starting at `i` (longest match),
/// written with a capital.
pub fn lexicon_place(tokens: &[Token], i: usize) -> Option<(Place, usize)> {
    if !tokens.get(i)?.is_capitalized() {
        return None;
    }
    static INDEX: std::sync::LazyLock<PhraseIndex<Place>> =
        std::sync::LazyLock::new(|| PhraseIndex::new(&phrase_table()));
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
    let surname_at = |k: usize| tokens.get(i + k).is_some_and(|t| is_surname(t.text));
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

/// The name of a place at `i`, from the gazetteer or open class (up to four capitalised
/// syllables, or a number after "quận"). `level` and `kind` come from the level word
/// before it; without one, only the places of [`lexicon_place`] are read.
pub fn place_name(
    tokens: &[Token],
    i: usize,
    level: Option<(Level, &'static str)>,
) -> Option<(Place, usize)> {
    let Some((lvl, kind)) = level else {
        return lexicon_place(tokens, i);
    };
    let t = tokens.get(i)?;
    if t.is_number() && kind == "quận" {
        let unit_next = tokens.get(i + 1).is_some_and(|n| {
            matches!(
                n.lc.as_ref(),
                "tháng"
                    | "năm"
                    | "ngày"
                    | "tuần"
                    | "quý"
                    | "tỷ"
                    | "triệu"
                    | "người"
                    | "lần"
                    | "%"
            )
        });
        if unit_next {
            return None;
        }
        let name = format!("Quận {}", t.text);
        let units = gazetteer().named(&name, Tier::District);
        let place = from_units(&units, Level::District, Some(kind))
            .unwrap_or_else(|| open_place(name, Level::District, kind));
        return Some((place, i + 1));
    }
    if let Some(found) = gazetteer_place(tokens, i, lvl, kind) {
        return Some(found);
    }
    if let Some((p, end)) = lexicon_place(tokens, i) {
        // An alias ("TP.HCM"); "quận Hà Nội" is not a thing: leave it.
        return (lvl != Level::District || p.level != Level::Province).then_some((p, end));
    }
    if lvl == Level::Province && kind == "tỉnh" {
        return None; // the provinces are all in the gazetteer: "Tỉnh ủy Lữ Văn Hùng" is a name
    }
    let n = open_place_len(tokens, i);
    if n == 0 {
        return None;
    }
    let name: Vec<&str> = tokens[i..i + n].iter().map(|t| t.text).collect();
    let lvl = if lvl == Level::Province && kind == "thành phố" {
        Level::District // a city that is not a province is a provincial city
    } else {
        lvl
    };
    Some((open_place(name.join(" "), lvl, kind), i + n))
}

/// A unit of the gazetteer after a level word of tier `lvl`: "thành phố" before the name
/// of a tỉnh is that tỉnh's provincial city ("thành phố Hải Dương").
fn gazetteer_place(
    tokens: &[Token],
    i: usize,
    lvl: Level,
    kind: &'static str,
) -> Option<(Place, usize)> {
    let g = gazetteer();
    let tier = match lvl {
        Level::Province => Tier::Province,
        Level::District => Tier::District,
        Level::Ward => Tier::Commune,
        Level::Central => return None,
    };
    if let Some((units, end)) = g.longest_at(tokens, i, tier) {
        let provincial_city =
            tier == Tier::Province && kind == "thành phố" && units[0].kind == "tỉnh";
        if !provincial_city {
            let place = match tier {
                Tier::Province => Place::province(units[0].name),
                _ => from_units(&units, lvl, Some(kind)),
            };
            return place.map(|p| (p, end));
        }
    }
    if lvl == Level::Province && kind == "thành phố" {
        let (units, end) = g.longest_at(tokens, i, Tier::District)?;
        return from_units(&units, Level::District, Some(kind)).map(|p| (p, end));
    }
    None
}

fn open_place(name: String, level: Level, kind: &'static str) -> Place {
    Place {
        name,
        level,
        kind,
        province: None,
        district: None,
        candidates: Vec::new(),
        twin: false,
    }
}

/// For each token, whether it is in a clause about someone's home town ("quê quán xã …,
/// huyện …"): such places say where a person comes from, not where the article is. One
/// pass over the sentence.
pub fn hometown_flags(tokens: &[Token]) -> Vec<bool> {
    let mut on = false;
    tokens
        .iter()
        .map(|t| {
            if matches!(t.text, ";" | "." | ":") {
                on = false;
            }
            let here = on;
            if t.lc == "quê" {
                on = true;
            }
            here
        })
        .collect()
}

/// What a sentence says of places, read once for the article's context and again for its
/// place nodes: the places named after a level word, and the home-town clauses.
#[derive(Debug, Clone, Default)]
pub struct SentencePlaces {
    /// For each token, whether it is in a clause about a home town ([`hometown_flags`]).
    pub home: Vec<bool>,
    /// Each place named after a level word ([`level_place`]): the token of the level word
    /// and the place, in token order.
    pub levelled: Vec<(usize, Place)>,
}

impl SentencePlaces {
    /// Reads the sentence's tokens: [`level_place`] at every token.
    pub fn of(tokens: &[Token]) -> SentencePlaces {
        SentencePlaces {
            home: hometown_flags(tokens),
            levelled: (0..tokens.len())
                .filter_map(|i| level_place(tokens, i).map(|(p, _)| (i, p)))
                .collect(),
        }
    }

    /// The place named after a level word at token `i`, as [`level_place`] reads it.
    pub fn levelled_at(&self, i: usize) -> Option<&Place> {
        let k = self.levelled.partition_point(|(at, _)| *at < i);
        self.levelled
            .get(k)
            .filter(|(at, _)| *at == i)
            .map(|(_, p)| p)
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

    fn toks(s: &str) -> Vec<Token<'_>> {
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
        assert_eq!(
            p.key().map(|k| k.to_string()).as_deref(),
            Some("gia lam, ha noi")
        );
        let (p, _) = level_place(&t, 4).unwrap();
        assert_eq!(
            (p.name.as_str(), p.province.as_deref(), p.candidates.len()),
            ("Bảo Lâm", None, 2),
            "a huyện of Lâm Đồng and one of Cao Bằng"
        );
        assert_eq!(p.key(), None);
        let p = p.settled(Some("Lâm Đồng"), None);
        assert_eq!(
            p.key().map(|k| k.to_string()).as_deref(),
            Some("bao lam, lam dong")
        );
        let (p, _) = level_place(&t, 7).unwrap();
        assert_eq!((p.name.as_str(), p.level), ("Lâm Đồng", Level::Province));
        let (p, _) = level_place(&toks("huyện Ngọc Bích"), 0).unwrap();
        assert!(!p.known() && p.province.is_none());
    }

    #[test]
    fn a_city_named_after_its_province_is_district_level() {
        let (p, _) = level_place(&toks("thành phố Thái Bình"), 0).unwrap();
        assert_eq!(
            (p.level, p.province.as_deref()),
            (Level::District, Some("Thái Bình"))
        );
        let (p, _) = level_place(&toks("tỉnh Thái Bình"), 0).unwrap();
        assert_eq!(p.level, Level::Province);
        let (p, _) = level_place(&toks("thành phố Hà Nội"), 0).unwrap();
        assert_eq!(p.level, Level::Province);
    }

    #[test]
    fn twins_of_one_province_keep_their_kind_in_the_key() {
        let (h, _) = level_place(&toks("quận Thủ Đức"), 0).unwrap();
        let (t, _) = level_place(&toks("thành phố Thủ Đức"), 0).unwrap();
        assert_eq!(h.province.as_deref(), Some("Hồ Chí Minh"));
        assert_eq!(t.level, Level::District);
        assert_ne!(h.key(), t.key());
    }

    #[test]
    fn a_sentence_s_places_are_those_read_at_each_token() {
        let t = toks("huyện Gia Lâm, tỉnh Lâm Đồng và quận 3; quê quán xã Nam Ban");
        let read = SentencePlaces::of(&t);
        for i in 0..t.len() {
            let one = level_place(&t, i).map(|(p, _)| p);
            assert_eq!(read.levelled_at(i), one.as_ref(), "{i}");
        }
        assert_eq!(read.levelled.len(), 4);
        assert_eq!(read.home, hometown_flags(&t));
    }

    #[test]
    fn home_towns_are_told_apart() {
        let t = toks("Ông Lò Văn Pả, quê quán xã Nam Ban, huyện Lâm Hà; là thạc sĩ");
        let home = hometown_flags(&t);
        assert!(home[7] && home[11]);
        assert!(!home[3] && !home[14]);
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
