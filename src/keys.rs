//! Who is what: the key of each label's nodes, in one place.
//!
//! Two mentions are one node when their label and key are equal, so a key is a decision
//! about identity. Each label has its key type here, and only these types write or read
//! the strings stored in the graph (`Entity::key`, node keys in snapshots):
//!
//! | label | key | printed |
//! |---|---|---|
//! | Province, District, Commune | [`PlaceKey`] | `gia lam, ha noi` |
//! | PartyCommittee, Organization | [`BodyKey`] | `huyen uy gia lam, ha noi` |
//! | Document | [`DocumentKey`] | `nghi quyet 15 (2024) \| thanh uy ha noi` |
//! | Programme | [`ProgrammeKey`] | `chuong trinh … \| huyen uy gia lam, ha noi` |
//! | Meeting, Congress, Election, Article | [`EventKey`] | `hoi nghi lan thu 5 huyen uy …` |
//! | Person | [`PersonKey`] | `le van an\|gia lam, ha noi` |
//! | HOLDS edge | [`HoldsKey`] | `bi thu\|2020-10-02` |
//!
//! Something only its article decides (a body whose place the article never settles, a
//! document whose issuer it does not give, the article itself) is [`Scope::Article`]:
//! printed with `@FILE` at the end so that it merges with nothing of another article.
//! [`Scope::of`] reads the scope back from any key and [`Scope::moved`] re-scopes one when
//! its article is renamed (`a/x.txt` → `a/x.txt#2`).

use std::fmt;

/// Where a key holds: in every article, or only in the one that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Valid across articles.
    Global,
    /// Valid only in the article with this identifier.
    Article(String),
}

impl Scope {
    /// The scope of a stored key of any label: the article after its `" @"` (or a
    /// person's `"|@"`), else global.
    pub fn of(key: &str) -> Scope {
        match Scope::article_of(key) {
            Some(file) => Scope::Article(file.to_string()),
            None => Scope::Global,
        }
    }

    /// The article a stored key is scoped to, if it is (without copying it).
    pub fn article_of(key: &str) -> Option<&str> {
        let at = key.find(" @").or_else(|| key.find("|@"))?;
        Some(&key[at + 2..])
    }

    /// Whether a stored key is scoped to an article.
    pub fn is_article(key: &str) -> bool {
        Scope::article_of(key).is_some()
    }

    /// A stored key scoped to article `old`, moved to article `new`; `None` for a key of
    /// another scope.
    pub fn moved(key: &str, old: &str, new: &str) -> Option<String> {
        let head = key.strip_suffix(old)?.strip_suffix('@')?;
        head.ends_with([' ', '|']).then(|| format!("{head}@{new}"))
    }

    fn suffix(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Global => Ok(()),
            Scope::Article(file) => {
                f.write_str(" @")?;
                f.write_str(file)
            }
        }
    }
}

/// The key of a place: its folded name, its kind when a province has two units of that
/// name (a district and a town), and the folded name of the unit it lies in (a district's
/// province, a commune's district or province).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlaceKey {
    name: String,
    twin_kind: Option<String>,
    within: Option<String>,
    scope: Scope,
}

impl PlaceKey {
    /// A province (nothing above it) or a placed district or commune. Arguments are
    /// folded already.
    pub fn new(name: &str, twin_kind: Option<&str>, within: Option<&str>) -> PlaceKey {
        PlaceKey {
            name: name.to_string(),
            twin_kind: twin_kind.map(str::to_string),
            within: within.map(str::to_string),
            scope: Scope::Global,
        }
    }

    /// A district or commune the article never places: valid in that article only.
    pub fn unplaced(name: &str, article: &str) -> PlaceKey {
        PlaceKey {
            name: name.to_string(),
            twin_kind: None,
            within: None,
            scope: Scope::Article(article.to_string()),
        }
    }

    /// What a body of this place adds after its own name: `", ha noi"` for a district of
    /// Hà Nội (the place's own name is already in the body's).
    fn tail(&self) -> String {
        let mut t = String::new();
        // writing to a String cannot fail
        let _ = self.write_tail(&mut t);
        t
    }

    fn write_tail(&self, out: &mut impl fmt::Write) -> fmt::Result {
        if let Some(k) = &self.twin_kind {
            out.write_str(" (")?;
            out.write_str(k)?;
            out.write_str(")")?;
        }
        if let Some(w) = &self.within {
            out.write_str(", ")?;
            out.write_str(w)?;
        }
        Ok(())
    }
}

impl fmt::Display for PlaceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        self.write_tail(f)?;
        self.scope.suffix(f)
    }
}

/// The key of a body (party committee, council, people's committee, department): its
/// folded name, then for a body below the province what places it (so that two Huyện ủy
/// Châu Thành of two provinces stay apart).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BodyKey {
    name: String,
    tail: String,
    scope: Scope,
}

impl BodyKey {
    /// A central or provincial body, whose name alone is unique (`name` folded).
    pub fn national(name: &str) -> BodyKey {
        BodyKey {
            name: name.to_string(),
            tail: String::new(),
            scope: Scope::Global,
        }
    }

    /// A body of a placed district or commune.
    pub fn of_place(name: &str, place: &PlaceKey) -> BodyKey {
        BodyKey {
            tail: place.tail(),
            ..BodyKey::national(name)
        }
    }

    /// A body of a place the gazetteer does not know, taken to lie in `province` (folded).
    pub fn in_province(name: &str, province: &str) -> BodyKey {
        BodyKey {
            tail: format!(", {province}"),
            ..BodyKey::national(name)
        }
    }

    /// This body, valid only in `article` (its place is unknown there).
    pub fn scoped_to(self, article: &str) -> BodyKey {
        BodyKey {
            scope: Scope::Article(article.to_string()),
            ..self
        }
    }

    /// Whether only its article decides it.
    pub fn is_scoped(&self) -> bool {
        self.scope != Scope::Global
    }
}

impl fmt::Display for BodyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        f.write_str(&self.tail)?;
        self.scope.suffix(f)
    }
}

/// Whose a document or programme is: what makes a name or number mean one thing across
/// articles.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Owner {
    /// Its issuing body, placed.
    Issuer(BodyKey),
    /// A code of a central organ (`15-NQ/TW`), folded.
    Code(String),
    /// Nothing in the article says: valid in that article only.
    Article(String),
}

impl Owner {
    /// The issuer if it is placed, else the article.
    pub fn of(issuer: Option<&BodyKey>, article: &str) -> Owner {
        match issuer {
            Some(b) if !b.is_scoped() => Owner::Issuer(b.clone()),
            _ => Owner::Article(article.to_string()),
        }
    }

    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Owner::Issuer(b) => write!(f, " | {b}"),
            Owner::Code(c) => {
                f.write_str(" | ")?;
                f.write_str(c)
            }
            Owner::Article(a) => {
                f.write_str(" @")?;
                f.write_str(a)
            }
        }
    }
}

/// The key of a document: kind and number (folded), the year when the text gives one, and
/// its owner. Across articles a number alone never merges.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentKey {
    number: String,
    year: Option<u32>,
    owner: Owner,
}

impl DocumentKey {
    /// `number` is the folded "kind number" ("nghi quyet 15").
    pub fn new(number: &str, year: Option<u32>, owner: Owner) -> DocumentKey {
        // the year tells apart two documents of one owner; an article-scoped one is one
        // document of its article however its year is written
        let year = year.filter(|_| !matches!(owner, Owner::Article(_)));
        DocumentKey {
            number: number.to_string(),
            year,
            owner,
        }
    }

    /// Whether only its article decides it.
    pub fn is_scoped(&self) -> bool {
        matches!(self.owner, Owner::Article(_))
    }
}

impl fmt::Display for DocumentKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.number)?;
        if let Some(y) = self.year {
            write!(f, " ({y})")?;
        }
        self.owner.write(f)
    }
}

/// The key of a programme: its folded name and owner. One issuer's programme of one name
/// is one programme in every article.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProgrammeKey {
    name: String,
    owner: Owner,
}

impl ProgrammeKey {
    /// `name` folded.
    pub fn new(name: &str, owner: Owner) -> ProgrammeKey {
        ProgrammeKey {
            name: name.to_string(),
            owner,
        }
    }
}

impl fmt::Display for ProgrammeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        self.owner.write(f)
    }
}

/// The key of a meeting, congress, election or article: its folded name (which holds the
/// body, ordinal, term or date that make it one event), scoped to the article when the
/// name alone does not.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventKey {
    name: String,
    scope: Scope,
}

impl EventKey {
    /// Valid across articles (`name` folded).
    pub fn global(name: &str) -> EventKey {
        EventKey {
            name: name.to_string(),
            scope: Scope::Global,
        }
    }

    /// Valid in `article` only, or across articles when `scoped` is false.
    pub fn scoped_if(name: &str, scoped: bool, article: &str) -> EventKey {
        EventKey {
            name: name.to_string(),
            scope: if scoped {
                Scope::Article(article.to_string())
            } else {
                Scope::Global
            },
        }
    }
}

impl fmt::Display for EventKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        self.scope.suffix(f)
    }
}

/// What ties the mentions of one name into one person (see `graph::identity`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Anchor {
    /// A central office.
    National,
    /// The key of the place of the person's most local body.
    Place(String),
    /// The article of a mention with no position.
    Article(String),
}

/// The key of a Person node: folded name and anchor, printed `name|anchor`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonKey {
    name: String,
    anchor: Anchor,
}

impl PersonKey {
    /// A folded name with its anchor.
    pub fn new(name: &str, anchor: Anchor) -> PersonKey {
        PersonKey {
            name: name.to_string(),
            anchor,
        }
    }

    /// Reads a key as [`fmt::Display`] prints it; `None` for a key of another form (a
    /// snapshot of an older kg keyed persons by name alone).
    pub fn parse(key: &str) -> Option<PersonKey> {
        let (name, anchor) = key.split_once('|')?;
        let anchor = match anchor {
            "national" => Anchor::National,
            a => match a.strip_prefix('@') {
                Some(article) => Anchor::Article(article.to_string()),
                None => Anchor::Place(a.to_string()),
            },
        };
        Some(PersonKey::new(name, anchor))
    }

    /// The folded name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The anchor.
    pub fn anchor(&self) -> &Anchor {
        &self.anchor
    }
}

impl fmt::Display for PersonKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.anchor {
            Anchor::National => {
                f.write_str(&self.name)?;
                f.write_str("|national")
            }
            Anchor::Place(p) => {
                f.write_str(&self.name)?;
                f.write_str("|")?;
                f.write_str(p)
            }
            Anchor::Article(a) => {
                f.write_str(&self.name)?;
                f.write_str("|@")?;
                f.write_str(a)
            }
        }
    }
}

/// What tells two HOLDS edges between one person and one body apart: a position is a
/// title at a date, so that positions over time stay apart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HoldsKey<'a> {
    /// The title as the article's relation gave it.
    pub title: &'a str,
    /// The ISO date the position is seen at, or empty.
    pub as_of: &'a str,
}

impl fmt::Display for HoldsKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title)?;
        f.write_str("|")?;
        f.write_str(self.as_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_prints_its_stored_form() {
        let district = PlaceKey::new("gia lam", None, Some("ha noi"));
        assert_eq!(district.to_string(), "gia lam, ha noi");
        let twin = PlaceKey::new("ba don", Some("thi xa"), Some("quang binh"));
        assert_eq!(twin.to_string(), "ba don (thi xa), quang binh");
        assert_eq!(
            PlaceKey::unplaced("chau thanh", "a/x.txt").to_string(),
            "chau thanh @a/x.txt"
        );
        let body = BodyKey::of_place("huyen uy gia lam", &district);
        assert_eq!(body.to_string(), "huyen uy gia lam, ha noi");
        assert_eq!(
            BodyKey::of_place("huyen uy ba don", &twin).to_string(),
            "huyen uy ba don (thi xa), quang binh"
        );
        assert_eq!(
            BodyKey::in_province("dang uy khoi", "ha noi").to_string(),
            "dang uy khoi, ha noi"
        );
        let unplaced = BodyKey::national("huyen uy").scoped_to("a.txt");
        assert_eq!(unplaced.to_string(), "huyen uy @a.txt");
        let doc = DocumentKey::new("nghi quyet 15", Some(2024), Owner::Issuer(body.clone()));
        assert_eq!(
            doc.to_string(),
            "nghi quyet 15 (2024) | huyen uy gia lam, ha noi"
        );
        let central = DocumentKey::new("chi thi 35", None, Owner::Code("35-ct/tw".into()));
        assert_eq!(central.to_string(), "chi thi 35 | 35-ct/tw");
        let own = DocumentKey::new(
            "ke hoach 7",
            Some(2024),
            Owner::of(Some(&unplaced), "a.txt"),
        );
        assert_eq!(own.to_string(), "ke hoach 7 @a.txt");
        assert!(own.is_scoped() && !doc.is_scoped());
        assert_eq!(
            ProgrammeKey::new("chuong trinh so 1", Owner::of(Some(&body), "a.txt")).to_string(),
            "chuong trinh so 1 | huyen uy gia lam, ha noi"
        );
        assert_eq!(
            EventKey::scoped_if("hoi nghi", true, "a.txt").to_string(),
            "hoi nghi @a.txt"
        );
        assert_eq!(EventKey::global("dai hoi").to_string(), "dai hoi");
        let holds = HoldsKey {
            title: "Bí thư",
            as_of: "2020-10-02",
        };
        assert_eq!(holds.to_string(), "Bí thư|2020-10-02");
    }

    #[test]
    fn person_keys_print_and_parse_back() {
        for k in [
            "le van an|national",
            "le van an|gia lam, ha noi",
            "le van an|@a/x.txt",
        ] {
            assert_eq!(
                PersonKey::parse(k).map(|p| p.to_string()).as_deref(),
                Some(k)
            );
        }
        assert_eq!(PersonKey::parse("le van an"), None);
    }

    #[test]
    fn scopes_are_read_back_and_follow_a_renamed_article() {
        assert_eq!(
            Scope::moved("le van an|@a/x.txt", "a/x.txt", "a/x.txt#2").as_deref(),
            Some("le van an|@a/x.txt#2")
        );
        assert_eq!(
            Scope::moved("huyen uy chau thanh @a/x.txt", "a/x.txt", "a/x.txt#2").as_deref(),
            Some("huyen uy chau thanh @a/x.txt#2")
        );
        assert_eq!(Scope::moved("le van an|@b/a/x.txt", "a/x.txt", "y"), None);
        assert_eq!(Scope::moved("gia lam, ha noi", "a/x.txt", "y"), None);
        assert_eq!(
            Scope::of("le van an|@a/x.txt"),
            Scope::Article("a/x.txt".into())
        );
        assert_eq!(
            Scope::of(
                &BodyKey::national("huyen uy")
                    .scoped_to("a b.txt")
                    .to_string()
            ),
            Scope::Article("a b.txt".into())
        );
        assert_eq!(Scope::of("gia lam, ha noi"), Scope::Global);
        assert!(Scope::is_article("ke hoach 7 @a.txt") && !Scope::is_article("x | y"));
    }
}
