//! `kg synth`: a generator of district-portal articles in the style of the real ones, for
//! measuring speed and identity at scale (not for judging extraction). A seeded world — the
//! real districts of every province, each committee's terms, officials who hold positions,
//! are promoted across terms and move to other districts of their province, guests from
//! the province's bodies, national leaders who visit every province — is sampled into articles
//! about numbered conferences, with guests, presenters, programmes, documents, congresses
//! and elections, related-headline blocks, both tone placements and dates without a year.
//! Names are drawn by frequency, so namesakes are common, as in life; every person has an
//! id, and each article's mentions are written to `truth.tsv`. The same seed gives the same
//! corpus, byte for byte.

mod names;
mod write;

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

use crate::extract::gazetteer::{Tier, gazetteer};

pub use write::{Generated, article};

/// A seeded random stream with the few draws the generator needs.
pub struct Dice(ChaCha8Rng);

impl Dice {
    /// A stream for a seed.
    pub fn new(seed: u64) -> Dice {
        Dice(ChaCha8Rng::seed_from_u64(seed))
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.0.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// One item of a slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One item by weight.
    pub fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut at = self.below(total as usize) as u32;
        for (item, w) in items {
            if at < *w {
                return item;
            }
            at -= w;
        }
        &items[items.len() - 1].0
    }
}

/// The positions of a district's standing committee, in the order articles name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    /// Bí thư.
    Secretary,
    /// Phó Bí thư Thường trực, Chủ tịch HĐND.
    Standing,
    /// Phó Bí thư, Chủ tịch UBND.
    Deputy,
    /// Trưởng Ban Tổ chức.
    Organisation,
    /// Trưởng Ban Tuyên giáo.
    Propaganda,
    /// Chủ nhiệm Ủy ban Kiểm tra.
    Inspection,
}

/// Every seat.
pub const SEATS: [Seat; 6] = [
    Seat::Secretary,
    Seat::Standing,
    Seat::Deputy,
    Seat::Organisation,
    Seat::Propaganda,
    Seat::Inspection,
];

/// Terms by their first year, five years each.
pub const TERM_STARTS: [u32; 4] = [2010, 2015, 2020, 2025];

/// A person of the world, by index into [`World::people`].
pub type PersonId = usize;

/// One district committee through its terms: who sat in each seat in each term.
#[derive(Debug, Clone)]
pub struct Committee {
    /// District name.
    pub district: &'static str,
    /// `quận`, `huyện`, `thị xã`, `thành phố`.
    pub kind: &'static str,
    /// Its province (or centrally-run city).
    pub province: &'static str,
    /// "Thành ủy" or "Tỉnh ủy": the province's committee.
    pub province_word: &'static str,
    /// The khóa number of the 2010 term.
    pub first_term: u32,
    /// `seats[term][seat]`: who sat there.
    pub seats: Vec<Vec<PersonId>>,
}

/// A guest from a province's bodies, who recurs across its districts: Phó Trưởng ban `ban`
/// of the province's Thành ủy or Tỉnh ủy.
#[derive(Debug, Clone)]
pub struct Guest {
    /// Who.
    pub person: PersonId,
    /// The province.
    pub province: &'static str,
    /// Index into the bans of the writer.
    pub ban: usize,
}

/// A national leader, named in articles of every province, with the same titles everywhere.
#[derive(Debug, Clone)]
pub struct Leader {
    /// Who.
    pub person: PersonId,
    /// "Ủy viên Bộ Chính trị, Phó Thủ tướng Chính phủ".
    pub titles: &'static str,
}

/// National offices for [`Leader`]s.
const NATIONAL_TITLES: [&str; 6] = [
    "Ủy viên Bộ Chính trị, Phó Thủ tướng Chính phủ",
    "Ủy viên Bộ Chính trị, Trưởng Ban Tổ chức Trung ương",
    "Ủy viên Bộ Chính trị, Phó Chủ tịch Quốc hội",
    "Ủy viên Trung ương Đảng, Bộ trưởng Bộ Nội vụ",
    "Ủy viên Trung ương Đảng, Phó Trưởng Ban Tuyên giáo Trung ương",
    "Bí thư Trung ương Đảng, Chủ nhiệm Ủy ban Kiểm tra Trung ương",
];

/// The generated world.
pub struct World {
    /// Every person's name, by [`PersonId`]: different people often share one.
    pub people: Vec<String>,
    /// Every committee.
    pub committees: Vec<Committee>,
    /// Guests from the provinces' bodies.
    pub guests: Vec<Guest>,
    /// National leaders.
    pub leaders: Vec<Leader>,
}

impl World {
    /// The world of a seed.
    pub fn new(dice: &mut Dice) -> World {
        let mut people = Vec::new();
        let mut committees: Vec<Committee> = districts()
            .into_iter()
            .map(|(district, kind, province)| {
                let mut seats: Vec<Vec<PersonId>> = Vec::new();
                for _ in 0..TERM_STARTS.len() {
                    let term = match seats.last() {
                        None => SEATS.iter().map(|_| born(&mut people, dice)).collect(),
                        Some(prev) => rotate(prev, &mut people, dice),
                    };
                    seats.push(term);
                }
                Committee {
                    district,
                    kind,
                    province,
                    province_word: province_word(province),
                    first_term: dice.range(18, 24),
                    seats,
                }
            })
            .collect();
        move_within_provinces(&mut committees, dice);
        let provinces: Vec<&'static str> = {
            let mut c: Vec<_> = committees.iter().map(|c| c.province).collect();
            c.dedup();
            c
        };
        let guests = provinces
            .iter()
            .flat_map(|province| (0..12).map(move |_| *province))
            .map(|province| Guest {
                person: born(&mut people, dice),
                province,
                ban: dice.below(4),
            })
            .collect();
        let leaders = NATIONAL_TITLES
            .iter()
            .map(|titles| Leader {
                person: born(&mut people, dice),
                titles,
            })
            .collect();
        World {
            people,
            committees,
            guests,
            leaders,
        }
    }

    /// A person's name.
    pub fn name(&self, p: PersonId) -> &str {
        &self.people[p]
    }
}

/// A new person of the world.
fn born(people: &mut Vec<String>, dice: &mut Dice) -> PersonId {
    people.push(names::person(dice));
    people.len() - 1
}

/// Officials move: at each new term, some seats that went to a newcomer go instead to
/// someone who left a seat in another district of the same province, as cadres rotate inside
/// a province.
fn move_within_provinces(committees: &mut [Committee], dice: &mut Dice) {
    for t in 1..TERM_STARTS.len() {
        let mut left: Vec<(&'static str, usize, PersonId)> = Vec::new();
        for (ci, c) in committees.iter().enumerate() {
            let now: std::collections::HashSet<PersonId> = c.seats[t].iter().copied().collect();
            for p in &c.seats[t - 1] {
                if !now.contains(p) {
                    left.push((c.province, ci, *p));
                }
            }
        }
        for (province, from, person) in left {
            if !dice.chance(0.3) {
                continue;
            }
            let same_province: Vec<usize> = (0..committees.len())
                .filter(|&i| i != from && committees[i].province == province)
                .collect();
            if same_province.is_empty() {
                continue;
            }
            let to = *dice.pick(&same_province);
            let seat = 2 + dice.below(SEATS.len() - 2);
            let newcomer = committees[to].seats[t][seat];
            let was_there = committees[to].seats[t - 1].contains(&newcomer);
            let seated = committees[to].seats[t].contains(&person);
            if !was_there && !seated {
                committees[to].seats[t][seat] = person;
            }
        }
    }
}

/// The district-level units of the gazetteer before the 2025 reform (the units of its
/// snapshot, not those merged away before it), in its order.
fn districts() -> Vec<(&'static str, &'static str, &'static str)> {
    let g = gazetteer();
    let mut seen = std::collections::HashSet::new();
    g.all(Tier::District)
        .filter(|d| !d.former)
        .filter(|d| seen.insert((d.province, d.name)))
        .map(|d| (d.name, d.kind, d.province))
        .collect()
}

/// "Thành ủy" for a centrally-run province, "Tỉnh ủy" for a province.
fn province_word(province: &str) -> &'static str {
    let province = gazetteer()
        .all(Tier::Province)
        .any(|p| p.name == province && p.kind == "thành phố");
    if province {
        "Thành ủy"
    } else {
        "Tỉnh ủy"
    }
}

/// The next term's seats: deputies are often promoted, some members stay, the rest are new.
fn rotate(prev: &[PersonId], people: &mut Vec<String>, dice: &mut Dice) -> Vec<PersonId> {
    let mut next: Vec<PersonId> = prev.to_vec();
    if dice.chance(0.6) {
        next[0] = prev[1];
        next[1] = born(people, dice);
    }
    for seat in next.iter_mut().skip(2) {
        if dice.chance(0.5) {
            *seat = born(people, dice);
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_world_and_articles() {
        let text = |seed| {
            let mut d = Dice::new(seed);
            let w = World::new(&mut d);
            (0..5)
                .map(|i| article(&w, &mut d, i).text)
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(text(7), text(7));
        assert_ne!(text(7), text(8));
    }

    #[test]
    fn officials_recur_and_move_up() {
        let mut d = Dice::new(1);
        let w = World::new(&mut d);
        let promoted = w
            .committees
            .iter()
            .flat_map(|c| c.seats.windows(2))
            .filter(|t| t[1][0] == t[0][1])
            .count();
        assert!(
            promoted > 10,
            "standing deputies become secretaries: {promoted}"
        );
        let moved = w
            .committees
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.seats.iter().flatten().map(move |p| (i, *p)))
            .collect::<std::collections::HashSet<_>>()
            .into_iter()
            .fold(
                std::collections::HashMap::<PersonId, usize>::new(),
                |mut m, (_, p)| {
                    *m.entry(p).or_default() += 1;
                    m
                },
            )
            .values()
            .filter(|n| **n > 1)
            .count();
        assert!(moved > 10, "officials move between districts: {moved}");
        let names: std::collections::HashSet<&String> = w.people.iter().collect();
        assert!(
            names.len() < w.people.len() * 9 / 10,
            "namesakes are common: {} names for {} people",
            names.len(),
            w.people.len()
        );
    }
}
