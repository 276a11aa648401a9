//! Stage five: the graph in other formats — JSON for the scorer, DOT for Graphviz,
//! GraphML for Gephi, yEd and NetworkX, CSV bulk files for Neo4j and Kuzu.

pub mod bulk;
pub mod dot;
pub mod graphml;
pub mod json;
pub mod picture;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result};

use crate::graph::{KnowledgeGraph, snapshot};
use crate::schema::{Props, Source, Value};

/// Writes a file whole or not at all: a temporary file in the same folder, then a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically_with(path, |w| Ok(w.write_all(bytes)?))
}

/// [`write_atomically`], the contents written by `write` into the temporary file (through
/// a buffer), so that a large export is never held in memory whole.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
) -> Result<()> {
    snapshot::check_target(path)?;
    let dir = snapshot::folder_of(path);
    fs::create_dir_all(dir).with_context(|| format!("{}: cannot create folder", dir.display()))?;
    // What a killed export left, old enough not to be another export's file in flight
    // (exports take no lock, so that no lock file sits beside every CSV file).
    snapshot::remove_leftovers_older_than(path, std::time::Duration::from_secs(60));
    let mut tmp =
        snapshot::temp_beside(path).with_context(|| format!("{}: cannot write", dir.display()))?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut w).with_context(|| format!("{}: cannot write", path.display()))?;
        w.flush()
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    snapshot::readable(tmp.as_file())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(())
}

/// The type of a property column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Every non-null value is an integer.
    Int,
    /// Anything else.
    Str,
}

/// The columns of a set of property maps: every key seen, integer when it has an integer
/// value and no string one (a column of nulls only is a string column).
pub fn columns<'a>(props: impl IntoIterator<Item = &'a Props>) -> BTreeMap<String, Column> {
    let mut seen: BTreeMap<String, (bool, bool)> = BTreeMap::new();
    for p in props {
        for (k, v) in p {
            let (int, string) = seen.entry(k.to_string()).or_default();
            *int |= matches!(v, Value::Int(_));
            *string |= matches!(v, Value::Str(_));
        }
    }
    seen.into_iter()
        .map(|(k, (int, string))| {
            let c = if int && !string {
                Column::Int
            } else {
                Column::Str
            };
            (k, c)
        })
        .collect()
}

/// Sources as `file:start-end` items.
pub fn source_items(g: &KnowledgeGraph, sources: &[Source]) -> Vec<String> {
    sources
        .iter()
        .map(|s| format!("{}:{}-{}", g.file_of(s.article), s.start, s.end))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_integer_only_when_every_value_is() {
        let a: Props = [
            ("n".to_string(), Value::Int(1)),
            ("s".to_string(), Value::Null),
        ]
        .into();
        let b: Props = [
            ("n".to_string(), Value::Null),
            ("s".to_string(), "x".into()),
        ]
        .into();
        let c = columns([&a, &b]);
        assert_eq!(c["n"], Column::Int);
        assert_eq!(c["s"], Column::Str);
        let nulls: Props = [("z".to_string(), Value::Null)].into();
        assert_eq!(
            columns([&nulls])["z"],
            Column::Str,
            "nulls only: a string column"
        );
    }
}
