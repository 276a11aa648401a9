//! `kg`: Vietnamese party-committee news to a knowledge graph you can question.
//!
//! The pipeline reads top to bottom: [`text`] (normalise, strip boilerplate, metadata,
//! sentences) → [`extract`] (lexicons and rules producing facts with evidence) → [`graph`]
//! (model, merge by key, snapshot) → [`export`] (JSON). The `kg` binary puts a command line
//! on top.

#![forbid(unsafe_code)]

pub mod cli;
pub mod corpus;
pub mod export;
pub mod extract;
pub mod graph;
pub mod keys;
pub mod query;
pub mod schema;
pub mod shell;
pub mod synth;
pub mod text;
