//! Stage six: the shell around the query engine — short commands, `:` commands, output
//! formats, evidence — shared by the interactive REPL and `kg query`.

pub mod card;
pub mod commands;
pub mod complete;
pub mod evidence;
pub mod format;
pub mod habits;
pub mod held;
pub mod help;
pub mod hint;
pub mod repl;
pub mod resolve;
pub mod select;
pub mod session;
pub mod short;

pub use session::{Io, Picker, Session, Step};
