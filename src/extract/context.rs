//! What an article is about as a whole: its own district, province and committee, and the
//! year it speaks of. Bodies named without their place ("Quận ủy", "UBND quận") take them
//! from here; where the article never names them, the body has no place and a key that is
//! scoped to the article, so that it is never merged with another article's.

use rustc_hash::FxHashMap as HashMap;

use super::bodies::{BodyRef, parse_body};
use super::dates::{DayMonth, Years};
use super::places::{Level, Place, SentencePlaces, lexicon_place};
use super::titles::TitleRef;
use super::tokens::Token;
use crate::keys::BodyKey;
use crate::schema::Label;
use crate::text::{Date, fold};

/// The article's own places and committee.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The article's file name (scopes the keys of unplaced bodies).
    pub file: String,
    /// The district the article is about, when it names one.
    pub district: Option<Place>,
    /// Its province: the district's, or the one the article names.
    pub province: Option<Place>,
    /// The head of its own committee ("Quận ủy", "Huyện ủy"), from the district's kind or
    /// from the committees the text names.
    pub committee_head: Option<String>,
    /// The publication date, when the page prints one.
    pub published: Option<Date>,
    /// The years the article speaks of, for dates written without one.
    pub years: Years,
    /// The party committees the article writes with a term ("Ban Chấp hành Đảng bộ
    /// huyện … khóa XXV, nhiệm kỳ 2015 - 2020"), read in the same pass as the places.
    termed: Vec<BodyRef>,
}

impl Context {
    /// Reads the context from the tokens of every sentence.
    ///
    /// The province is the one the article names or implies most: each "tỉnh X" counts,
    /// and so does each district that the gazetteer places in one province. Districts
    /// whose name exists in several provinces are then settled in it, and the district
    /// is the one named most.
    pub fn of(
        file: &str,
        sentences: &[&[Token]],
        places: &[SentencePlaces],
        text: &str,
        published: Option<Date>,
    ) -> Context {
        let mut districts: Vec<Place> = Vec::new();
        let mut votes: HashMap<String, usize> = HashMap::default();
        let mut heads: HashMap<String, usize> = HashMap::default();
        let mut termed: Vec<BodyRef> = Vec::new();
        for (tokens, read) in sentences.iter().zip(places) {
            for (i, &at_home) in read.home.iter().enumerate() {
                if at_home {
                    continue;
                }
                let body = parse_body(tokens, i).map(|(b, _)| b);
                let named = body.as_ref().and_then(body_place);
                if let Some(place) = place_at(tokens, i, read).or(named) {
                    match place.level {
                        Level::District => {
                            if let Some(p) = &place.province {
                                *votes.entry(p.clone()).or_default() += 1;
                            }
                            districts.push(place);
                        }
                        Level::Province => *votes.entry(place.name.clone()).or_default() += 1,
                        _ => {}
                    }
                }
                if let Some(b) = body {
                    if b.is_district_committee() {
                        *heads.entry(b.head.clone()).or_default() += 1;
                    }
                    if b.label == Label::PartyCommittee && (b.term.is_some() || b.period.is_some())
                    {
                        termed.push(b);
                    }
                }
            }
        }
        let voted = most_named(votes);
        let mut counts: HashMap<String, (usize, Place)> = HashMap::default();
        for d in districts {
            let d = d.settled(voted.as_deref(), None);
            let key = d
                .key()
                .map_or_else(|| format!("{} ?", fold(&d.name)), |k| k.to_string());
            counts.entry(key).or_insert((0, d)).0 += 1;
        }
        let district = most(counts);
        let province = district
            .as_ref()
            .and_then(|d| d.province.as_deref())
            .or(voted.as_deref())
            .and_then(Place::province);
        let committee_head = district
            .as_ref()
            .map(|d| committee_of_kind(d.kind).to_string())
            .or_else(|| {
                heads
                    .into_iter()
                    .max_by_key(|(h, n)| (*n, h.clone()))
                    .map(|(h, _)| h)
            });
        let spoken: Vec<&str> = sentences
            .iter()
            .filter_map(|t| Some(&text[t.first()?.start..t.last()?.end]))
            .collect();
        let years = Years::of(&spoken.join("\n"));
        Context {
            file: file.to_string(),
            district,
            province,
            committee_head,
            published,
            years,
            termed,
        }
    }

    /// The term (khóa) and its years written after any mention of the committee `key`.
    pub fn term_of(&self, key: &BodyKey) -> (Option<String>, Option<String>) {
        let mine: Vec<&BodyRef> = self
            .termed
            .iter()
            .filter(|b| self.resolve(b).key == *key)
            .collect();
        (
            mine.iter().find_map(|b| b.term.clone()),
            mine.iter().find_map(|b| b.period.clone()),
        )
    }

    /// The date of a day and month written in this article.
    pub fn complete(&self, dm: DayMonth) -> Option<Date> {
        self.years.complete(dm, self.published)
    }

    /// A place settled in the article's province and district where its name alone does
    /// not decide (a district or commune whose name exists in several provinces).
    pub fn settle(&self, p: &Place) -> Place {
        p.clone().settled(
            self.province.as_ref().map(|x| x.name.as_str()),
            self.district.as_ref().map(|x| x.name.as_str()),
        )
    }

    /// The article's own committee as a body reference: its district's, else, in an
    /// article about a province, the province's.
    pub fn own_committee(&self) -> Option<BodyRef> {
        match self.committee_head.as_deref() {
            Some(head) => Some(BodyRef::new(Label::PartyCommittee, head, Level::District)),
            None => self
                .province
                .as_ref()
                .map(|_| BodyRef::new(Label::PartyCommittee, "Tỉnh ủy", Level::Province)),
        }
    }
}

impl Context {
    /// The committee of a standing member named without it ("UVTV, Trưởng Ban Tuyên giáo
    /// Tỉnh ủy"): the committee of the nearest other position of the same person, else
    /// the article's own committee, else its province's.
    pub fn standing_committee(&self, titles: &[TitleRef], k: usize) -> Option<BodyRef> {
        let others = titles[k + 1..].iter().chain(titles[..k].iter().rev());
        for t in others {
            if let Some(c) = t.body.as_ref().and_then(|b| self.committee_of(b)) {
                return Some(c);
            }
        }
        self.own_committee()
    }

    /// The party committee a body answers to: itself, the committee of a department, or
    /// the committee of the state body's place ("UBND tỉnh" → the Tỉnh ủy).
    fn committee_of(&self, b: &BodyRef) -> Option<BodyRef> {
        if b.scope == Level::Central {
            return None;
        }
        if b.label == Label::PartyCommittee {
            let mut c = b.clone();
            c.term = None;
            c.period = None;
            return Some(c);
        }
        if let Some(parent) = b.parent.as_deref() {
            return self.committee_of(parent);
        }
        let r = self.resolve(b);
        let head = match (r.level, r.place.as_ref()) {
            (Level::Province, _) => "Tỉnh ủy",
            (Level::District, Some(p)) => committee_of_kind(p.kind),
            _ => return None,
        };
        let mut c = BodyRef::new(Label::PartyCommittee, head, r.level);
        c.place = r.place;
        Some(c)
    }
}

/// A place named at `i`: after a level word, after a committee head, or a province of the
/// lexicon written in full (two syllables or more, so "Huế" alone does not count).
fn place_at(tokens: &[Token], i: usize, read: &SentencePlaces) -> Option<Place> {
    if let Some(p) = read.levelled_at(i) {
        return Some(p.clone());
    }
    if i > 0 && tokens[i - 1].lc == "ủy" {
        return None; // counted with its committee
    }
    let (p, end) = lexicon_place(tokens, i)?;
    let bare_ok = p.level == Level::Province && end - i >= 2 && p.name != "Hồ Chí Minh";
    bare_ok.then_some(p)
}

/// The place a body names, its own or its parent's.
fn body_place(b: &BodyRef) -> Option<Place> {
    b.place
        .clone()
        .or_else(|| b.parent.as_deref().and_then(body_place))
}

/// The most counted name; on a tie, the first in alphabetical order.
fn most_named(votes: HashMap<String, usize>) -> Option<String> {
    votes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(name, _)| name)
}

fn most(table: HashMap<String, (usize, Place)>) -> Option<Place> {
    // a tie of count and name (one name in two provinces) goes to the first key: never to
    // whichever the map happens to hold last
    table
        .into_iter()
        .max_by(|(ka, a), (kb, b)| {
            a.0.cmp(&b.0)
                .then_with(|| b.1.name.cmp(&a.1.name))
                .then_with(|| kb.cmp(ka))
        })
        .map(|(_, (_, p))| p)
}

/// The committee head of a district-level unit of this kind.
pub fn committee_of_kind(kind: &str) -> &'static str {
    match kind {
        "huyện" => "Huyện ủy",
        "thị xã" => "Thị ủy",
        "thành phố" => "Thành ủy",
        _ => "Quận ủy",
    }
}

/// A body with its place filled in and its display name and key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// `PartyCommittee` or `Organization`.
    pub label: Label,
    /// Display name ("Quận ủy Hai Bà Trưng", "Ban Tổ chức Thành ủy Hà Nội").
    pub name: String,
    /// Merge key; scoped to the article when the place is unknown.
    pub key: BodyKey,
    /// Tier of the body.
    pub level: Level,
    /// Organisation kind ("UBND", "Ban Tổ chức", …) or committee head.
    pub kind: String,
    /// Where it is, if known.
    pub place: Option<Place>,
}

impl Context {
    /// Fills in a body's missing place from the article and names it.
    pub fn resolve(&self, b: &BodyRef) -> Resolved {
        if b.scope == Level::Central && b.place.is_none() && b.parent.is_none() {
            return self.finish(b, b.head.clone(), None, true);
        }
        if let Some(parent) = b.parent.as_deref() {
            let p = self.resolve(parent);
            let placed = p.place.is_some() || p.level == Level::Central;
            let name = match p.name.as_str() {
                // "Ban Tổ chức Trung ương", not "… Ban Chấp hành Trung ương"
                "Ban Chấp hành Trung ương" => [b.head.as_str(), " Trung ương"].concat(),
                _ => [b.head.as_str(), " ", &p.name].concat(),
            };
            return self.finish(b, name, p.place, placed);
        }
        if b.label == Label::Organization
            && is_department(&b.head)
            && let Some(own) = self.own_committee()
        {
            let mut with_parent = b.clone();
            with_parent.parent = Some(Box::new(own));
            return self.resolve(&with_parent);
        }
        let place = match &b.place {
            Some(p) => Some(self.settle(p)),
            None => self.default_place(b),
        };
        let head = self.head_for(b, place.as_ref());
        let name = match (&place, b.label) {
            (Some(p), Label::PartyCommittee) if head == "Đảng ủy" => {
                ["Đảng ủy ", p.kind, " ", &p.name].concat()
            }
            (Some(p), Label::PartyCommittee) => [&head, " ", &p.name].concat(),
            (Some(p), _) if p.name.starts_with("Quận ") => [&head, " ", &p.name].concat(),
            (Some(p), _) => [&head, " ", b.level_word.unwrap_or(p.kind), " ", &p.name].concat(),
            (None, _) => match &b.level_word {
                Some(w) if b.label == Label::Organization => [&head, " ", w].concat(),
                _ => head.clone(),
            },
        };
        let placed = place.is_some();
        self.finish(b, name, place, placed)
    }

    /// The article's own place at the body's tier. In an article about a provincial city
    /// ("thành phố Pleiku"), a bare "Thành ủy" or "UBND thành phố" is the city's, since
    /// its province's committee is a "Tỉnh ủy".
    fn default_place(&self, b: &BodyRef) -> Option<Place> {
        let city_word = b.head == "Thành ủy" || b.level_word == Some("thành phố");
        let provincial_city = self.district.as_ref().filter(|d| {
            d.kind == "thành phố" && self.province.as_ref().is_some_and(|p| p.kind == "tỉnh")
        });
        match b.scope {
            Level::Province if city_word && provincial_city.is_some() => provincial_city.cloned(),
            Level::District => self.district.clone(),
            Level::Province => self.province.clone(),
            _ => None,
        }
    }

    /// "Thành ủy" of a province that is a tỉnh is its "Tỉnh ủy", and the other way round.
    fn head_for(&self, b: &BodyRef, place: Option<&Place>) -> String {
        match (b.head.as_str(), place) {
            ("Thành ủy" | "Tỉnh ủy", Some(p)) if p.level == Level::Province => {
                if p.kind == "tỉnh" {
                    "Tỉnh ủy"
                } else {
                    "Thành ủy"
                }
                .to_string()
            }
            _ => b.head.clone(),
        }
    }

    /// The body's key: its folded name, and for a body below the province the place's
    /// key (so that two Huyện ủy Châu Thành of two provinces stay apart); scoped to the
    /// article when its place is unknown.
    fn finish(&self, b: &BodyRef, name: String, place: Option<Place>, placed: bool) -> Resolved {
        let folded = fold(&name);
        let mut key = BodyKey::national(&folded);
        let mut placed = placed;
        if let Some(p) = place.as_ref().filter(|p| p.level != Level::Province) {
            let open_class = p
                .province
                .as_ref()
                .or(self.province.as_ref().map(|x| &x.name));
            match (p.key(), open_class) {
                (Some(k), _) => key = BodyKey::of_place(&folded, &k),
                (None, Some(province)) if !p.known() => {
                    key = BodyKey::in_province(&folded, &fold(province))
                }
                (None, _) => placed = false,
            }
        }
        if !placed {
            key = key.scoped_to(&self.file);
        }
        Resolved {
            label: b.label,
            name,
            key,
            level: place.as_ref().map_or(b.scope, |p| p.level),
            kind: b.head.clone(),
            place,
        }
    }
}

fn is_department(head: &str) -> bool {
    head.starts_with("Ban ") || head == "Ủy ban Kiểm tra" || head == "Văn phòng"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn ctx(sentences: &[&str]) -> Context {
        let text = sentences.join(" ");
        let mut at = 0;
        let toks: Vec<Vec<Token>> = sentences
            .iter()
            .map(|s| {
                let t = tokenize(&text, at, at + s.len());
                at += s.len() + 1;
                t
            })
            .collect();
        let slices: Vec<&[Token]> = toks.iter().map(Vec::as_slice).collect();
        let places: Vec<SentencePlaces> = slices.iter().map(|t| SentencePlaces::of(t)).collect();
        Context::of("a.txt", &slices, &places, &text, None)
    }

    fn resolve(c: &Context, s: &str) -> Resolved {
        let t = tokenize(s, 0, s.len());
        c.resolve(&parse_body(&t, 0).unwrap().0)
    }

    #[test]
    fn a_tie_of_count_and_name_goes_to_the_first_key_whatever_the_order() {
        let place = |name: &str| {
            Place::province("Lâm Đồng").map(|p| Place {
                name: name.into(),
                ..p
            })
        };
        let (a, b) = (place("Bảo Lâm").unwrap(), place("Bảo Lâm").unwrap());
        for order in [["b key", "a key"], ["a key", "b key"]] {
            let mut table: HashMap<String, (usize, Place)> = HashMap::default();
            for k in order {
                let mut p = if k == "a key" { a.clone() } else { b.clone() };
                p.kind = k; // tell the two apart
                table.insert(k.to_string(), (2, p));
            }
            assert_eq!(most(table).map(|p| p.kind), Some("a key"));
        }
    }

    #[test]
    fn bodies_take_the_article_place() {
        let c = ctx(&[
            "Huyện ủy Mê Linh họp.",
            "Năm 2023 Huyện ủy và UBND huyện làm tốt.",
        ]);
        assert_eq!(resolve(&c, "Huyện ủy").name, "Huyện ủy Mê Linh");
        assert_eq!(resolve(&c, "UBND huyện").name, "UBND huyện Mê Linh");
        assert_eq!(resolve(&c, "Thành ủy").name, "Thành ủy Hà Nội");
        assert_eq!(
            resolve(&c, "Ban Tổ chức").name,
            "Ban Tổ chức Huyện ủy Mê Linh"
        );
        assert_eq!(c.years.dominant(), Some(2023));
    }

    #[test]
    fn unplaced_bodies_are_scoped_to_the_article() {
        let c = ctx(&["Quận ủy tổ chức hội nghị."]);
        let r = resolve(&c, "Quận ủy");
        assert_eq!(r.name, "Quận ủy");
        assert_eq!(r.key.to_string(), "quan uy @a.txt");
    }

    #[test]
    fn province_committees_follow_the_province_kind() {
        let c = ctx(&["Huyện ủy Bảo Lâm, tỉnh Lâm Đồng họp."]);
        assert_eq!(resolve(&c, "Thành ủy").name, "Tỉnh ủy Lâm Đồng");
        assert_eq!(c.committee_head.as_deref(), Some("Huyện ủy"));
        let r = resolve(&c, "Huyện ủy");
        assert_eq!(r.key.to_string(), "huyen uy bao lam, lam dong");
    }
}
