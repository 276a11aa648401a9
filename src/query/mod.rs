//! Stage four: questioning the graph with a read-only subset of openCypher.
//!
//! [`lexer`] → [`parser`] (a syntax tree, [`ast`]) → [`plan`] (names resolved against the
//! graph, patterns ordered from the most selective) → [`eval`] (runs the plan). Strings
//! compare the Vietnamese way: see [`value`].

pub mod ast;
pub mod error;
pub mod eval;
pub mod lexer;
pub mod parser;
pub mod plan;
pub mod print;
pub mod value;

pub use error::{ErrorKind, QueryError};
pub use eval::{Ctx, Fact, Options, Output};
pub use plan::Params;
pub use value::Val;

use crate::graph::{GraphIndex, KnowledgeGraph};

/// Parses, plans and runs one query.
pub fn execute(
    src: &str,
    g: &KnowledgeGraph,
    ix: &GraphIndex,
    params: &Params,
    opts: &Options,
) -> Result<Output, QueryError> {
    let q = parser::parse(src)?;
    let plan = plan::plan(&q, g, ix, params, plan::DEFAULT_DEPTH_CAP)?;
    match q.mode {
        ast::Mode::Run => eval::run(&plan, Ctx { g, ix }, opts),
        ast::Mode::Profile => eval::profile(&plan, Ctx { g, ix }, opts),
        ast::Mode::Explain => {
            let rows: Vec<Vec<Val>> = plan
                .describe()
                .lines()
                .map(|l| vec![Val::Str(l.into())])
                .collect();
            Ok(Output {
                columns: vec!["plan".to_string()],
                evidence: vec![Vec::new(); rows.len()],
                rows,
                ..Output::default()
            })
        }
    }
}

/// The plan of a query, as `:explain` shows it.
pub fn explain(
    src: &str,
    g: &KnowledgeGraph,
    ix: &GraphIndex,
    params: &Params,
) -> Result<String, QueryError> {
    let q = parser::parse(src)?;
    Ok(plan::plan(&q, g, ix, params, plan::DEFAULT_DEPTH_CAP)?.describe())
}
