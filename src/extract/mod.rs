//! Stage two: lexicons and rules that turn an article's sentences into facts with evidence.
//!
//! `tokens` splits sentences; `lexicon` holds the closed word lists; `places`, `bodies`,
//! `titles` and `persons` read names and positions; `events` reads conferences and
//! congresses; `items` documents, programmes and elections; `context` finds what the
//! article is about and fills in missing places; `assemble` links it all into [`Facts`].

pub mod appointments;
pub mod assemble;
pub mod bodies;
pub mod context;
pub mod dates;
pub mod events;
pub mod facts;
pub mod gazetteer;
pub mod items;
pub mod lexicon;
pub mod pattern;
pub mod persons;
pub mod places;
pub mod roles;
pub mod titles;
pub mod tokens;

pub use assemble::extract;
pub use facts::{Entity, Facts, Relation};

/// The version of the extractor, recorded in every snapshot: the package version and a
/// checksum of the code and data that decide what is extracted (computed by `build.rs`),
/// so that a snapshot read by another extractor is known to be stale.
pub const VERSION: &str = env!("KG_EXTRACTOR");
