//! Stage two: lexicons and rules that turn an article's sentences into facts with evidence.

pub mod bodies;
pub mod events;
pub mod items;
pub mod lexicon;
pub mod persons;
pub mod places;
pub mod titles;
pub mod tokens;
