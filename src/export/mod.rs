//! Stage four: the graph in other formats.

pub mod json;
