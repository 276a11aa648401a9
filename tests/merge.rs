//! Graphs built from different article sets merge into the graph of their union.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_json::Value;

/// The graph as sets that do not depend on insertion order: nodes by label and key, edges
/// by type and the keys of their ends, with properties and sorted sources.
fn canonical(dir: &Path, snap: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let out = common::kg(dir, &["export", "json", snap, "-o", "-"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let v: Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    let sources = |x: &Value| -> Vec<String> {
        let mut s: Vec<String> = x["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| format!("{}:{}-{}", s["article"], s["start"], s["end"]))
            .collect();
        s.sort();
        s
    };
    let nodes = v["nodes"].as_array().unwrap();
    let key = |id: &Value| -> String {
        let n = nodes.iter().find(|n| n["id"] == *id).unwrap();
        format!("{}:{}", n["label"], n["key"])
    };
    let node_set = nodes
        .iter()
        .map(|n| {
            format!(
                "{} {} {} {} {:?}",
                n["label"],
                n["key"],
                n["name"],
                n["props"],
                sources(n)
            )
        })
        .collect();
    let edge_set = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {} {:?}",
                e["type"],
                key(&e["from"]),
                key(&e["to"]),
                e["props"],
                sources(e)
            )
        })
        .collect();
    (node_set, edge_set)
}

#[test]
fn halves_merged_equal_the_whole_and_build_into_adds_only_new_articles() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<_> = fs::read_dir(&seeds)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    fs::create_dir_all(p.join("a")).unwrap();
    fs::create_dir_all(p.join("b")).unwrap();
    for (i, f) in files.iter().enumerate() {
        let half = if i < 2 { "a" } else { "b" };
        fs::copy(f, p.join(half).join(f.file_name().unwrap())).unwrap();
    }
    let seeds = seeds.to_str().unwrap();
    for (src, out) in [("a", "a.kg"), ("b", "b.kg"), (seeds, "all.kg")] {
        assert!(common::kg(p, &["build", src, "-o", out]).status.success());
    }
    let merged = common::kg(p, &["merge", "a.kg", "b.kg", "-o", "m.kg"]);
    assert!(merged.status.success(), "{}", common::stderr(&merged));
    let whole = canonical(p, "all.kg");
    assert_eq!(canonical(p, "m.kg"), whole, "merge(a, b) = build(a ∪ b)");
    assert_eq!(
        common::articles_in(p, "m.kg").unwrap_or_default(),
        "articles: 5"
    );

    let again = common::kg(p, &["merge", "m.kg", "a.kg", "-o", "m2.kg"]);
    assert!(again.status.success());
    assert_eq!(
        common::articles_in(p, "m2.kg").unwrap_or_default(),
        "articles: 5",
        "an article in both counts once"
    );
    assert_eq!(canonical(p, "m2.kg"), whole);

    let into = common::kg(p, &["build", "--into", "a.kg", seeds]);
    assert!(into.status.success(), "{}", common::stderr(&into));
    let text = common::stdout(&into);
    assert!(text.contains("articles read: 3"), "{text}");
    assert!(text.contains("articles already in the graph: 2"), "{text}");
    assert_eq!(
        canonical(p, "a.kg"),
        whole,
        "build --into a.kg = build(a ∪ b)"
    );

    let missing = common::kg(p, &["build", "--into", "nope.kg", seeds]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(common::stderr(&missing).contains("nope.kg"));
}

#[test]
fn a_merge_whose_reader_goes_away_still_saves() {
    let (dir, snap) = common::seeds_snapshot();
    let p = dir.path();
    let snap = snap.to_str().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(["merge", snap, snap, "-o", "m.kg"])
        .current_dir(p)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // `| head -0`: nobody reads the report
    let status = child.wait().unwrap();
    assert!(status.success() || status.code() == Some(0), "{status:?}");
    assert!(p.join("m.kg").is_file(), "saved before the report");
    let out = common::kg(p, &["merge", snap, snap, "-o", "m2.kg"]);
    let text = common::stdout(&out);
    assert!(
        text.contains("(0 new, 5 already merged: 000_"),
        "the duplicates are named: {text}"
    );
    assert!(text.contains(" and 2 more), "), "{text}");
    assert!(text.contains("articles: 5\n"), "{text}");
}
