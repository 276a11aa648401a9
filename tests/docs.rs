//! Every worked example of `docs/QUERY.md` is run and its output compared, so the
//! documentation stays true.

mod common;

use std::path::Path;

/// (statements, expected output) pairs: a `cypher` block followed by a `text` block.
fn examples(doc: &str) -> Vec<(String, String)> {
    let start = doc
        .find("## Worked examples")
        .expect("the examples section");
    let mut out = Vec::new();
    let mut rest = &doc[start..];
    while let Some(i) = rest.find("```cypher\n") {
        rest = &rest[i + 10..];
        let end = rest.find("\n```").expect("a closed cypher block");
        let query = rest[..end].to_string();
        rest = &rest[end + 4..];
        let t = rest.find("```text\n").expect("an output block");
        rest = &rest[t + 8..];
        let end = rest.find("```").expect("a closed text block");
        out.push((query, rest[..end].to_string()));
        rest = &rest[end + 3..];
    }
    out
}

#[test]
fn the_worked_examples_give_the_documented_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/QUERY.md")).unwrap();
    let examples = examples(&doc);
    assert!(examples.len() >= 30, "{} examples", examples.len());
    let (dir, snap) = common::seeds_snapshot();
    let snap = snap.to_string_lossy();
    for (query, expected) in examples {
        let out = common::kg_with_input(dir.path(), &["query", &snap, "--format", "table"], &query);
        assert!(
            out.status.success(),
            "{query}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{query}");
    }
}
