//! Stage five: the graph in other formats.

pub mod dot;
pub mod json;
