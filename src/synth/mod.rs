//! `kg synth`: a generator of district-portal articles in the style of the real ones, for
//! measuring speed at scale (not for judging accuracy). A seeded world — the real districts
//! of the centrally-run cities, each committee's terms, officials who hold positions, rotate
//! and get promoted across terms — is sampled into articles about numbered conferences,
//! with guests, presenters, programmes, documents, congresses and elections, related-headline
//! blocks, both tone placements and dates without a year. The same seed gives the same
//! corpus, byte for byte.

mod names;
mod write;

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

use crate::extract::gazetteer::{Tier, gazetteer};

pub use write::article;

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

/// One district committee through its terms: who sat in each seat in each term.
#[derive(Debug, Clone)]
pub struct Committee {
    /// District name.
    pub district: &'static str,
    /// `quận`, `huyện`, `thị xã`, `thành phố`.
    pub kind: &'static str,
    /// Province-level city.
    pub city: &'static str,
    /// The khóa number of the 2010 term.
    pub first_term: u32,
    /// `seats[term][seat]`: a person's name.
    pub seats: Vec<Vec<String>>,
}

/// The generated world.
pub struct World {
    /// Every committee.
    pub committees: Vec<Committee>,
    /// Guests from the city's bodies, who recur across districts.
    pub guests: Vec<String>,
}

impl World {
    /// The world of a seed.
    pub fn new(dice: &mut Dice) -> World {
        let committees = city_districts()
            .into_iter()
            .map(|(district, kind, city)| {
                let mut seats: Vec<Vec<String>> = Vec::new();
                for t in 0..TERM_STARTS.len() {
                    let term = match seats.last() {
                        None => SEATS.iter().map(|_| names::person(dice)).collect(),
                        Some(prev) => rotate(prev, dice),
                    };
                    let _ = t;
                    seats.push(term);
                }
                Committee {
                    district,
                    kind,
                    city,
                    first_term: dice.range(18, 24),
                    seats,
                }
            })
            .collect();
        let guests = (0..60).map(|_| names::person(dice)).collect();
        World { committees, guests }
    }
}

/// The district-level units of the centrally-run cities in the gazetteer (the units of
/// today, not those merged away), in its order.
fn city_districts() -> Vec<(&'static str, &'static str, &'static str)> {
    let g = gazetteer();
    let cities: Vec<&str> = g
        .all(Tier::Province)
        .filter(|p| p.kind == "thành phố")
        .map(|p| p.name)
        .collect();
    let mut seen = std::collections::HashSet::new();
    g.all(Tier::District)
        .filter(|d| !d.former && cities.contains(&d.province))
        .filter(|d| seen.insert((d.province, d.name)))
        .map(|d| (d.name, d.kind, d.province))
        .collect()
}

/// The next term's seats: deputies are often promoted, some members stay, the rest are new.
fn rotate(prev: &[String], dice: &mut Dice) -> Vec<String> {
    let mut next: Vec<String> = prev.to_vec();
    if dice.chance(0.6) {
        next[0] = prev[1].clone();
        next[1] = names::person(dice);
    }
    for seat in next.iter_mut().skip(2) {
        if dice.chance(0.5) {
            *seat = names::person(dice);
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
                .map(|i| article(&w, &mut d, i).1)
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
    }
}
