//! Stage four: questioning the graph with a read-only subset of openCypher.
//!
//! `lexer` → `parser` (a syntax tree, [`ast`]) → `plan` (names resolved against the graph,
//! patterns ordered from the most selective) → `eval` (runs the plan). Strings compare the
//! Vietnamese way: see [`text`].

pub mod ast;
pub mod error;
pub mod lexer;
pub mod parser;

pub use error::{ErrorKind, QueryError};
