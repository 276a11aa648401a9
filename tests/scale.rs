//! The generator is deterministic, and the parallel build gives the same snapshot, byte
//! for byte, whatever the number of threads.

mod common;

use std::fs;
use std::path::Path;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_same_seed_gives_the_same_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for (seed, out) in [("5", "a"), ("5", "b"), ("6", "c")] {
        let o = common::kg(
            p,
            &["synth", "--articles", "150", "--seed", seed, "-o", out],
        );
        assert!(o.status.success(), "{}", common::stderr(&o));
        assert!(common::stdout(&o).contains("wrote 150 articles"));
    }
    assert_eq!(files(&p.join("a")), files(&p.join("b")));
    assert_ne!(files(&p.join("a")), files(&p.join("c")));
}

#[test]
fn the_snapshot_does_not_depend_on_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let o = common::kg(
        p,
        &["synth", "--articles", "1200", "--seed", "3", "-o", "corpus"],
    );
    assert!(o.status.success());
    for j in ["1", "2", "3"] {
        let o = common::kg(p, &["build", "corpus", "-o", &format!("j{j}.kg"), "-j", j]);
        assert!(o.status.success(), "{}", common::stderr(&o));
        assert!(common::stdout(&o).contains("articles read: 1200"));
    }
    let one = fs::read(p.join("j1.kg")).unwrap();
    assert_eq!(one, fs::read(p.join("j2.kg")).unwrap(), "-j 1 and -j 2");
    assert_eq!(one, fs::read(p.join("j3.kg")).unwrap(), "-j 1 and -j 3");
}

#[test]
fn the_generator_says_who_each_name_is() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let o = common::kg(p, &["synth", "--articles", "60", "--seed", "3", "-o", "c"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let truth = fs::read_to_string(p.join("c/truth.tsv")).unwrap();
    let mut lines = truth.lines();
    assert_eq!(lines.next(), Some("article\tname\tperson"));
    let mut articles_of: std::collections::HashMap<String, usize> = Default::default();
    let mut rows = 0;
    for line in lines {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "{line}");
        let text = fs::read_to_string(p.join("c").join(cols[0])).unwrap();
        assert!(text.contains(cols[1]), "{} names {}", cols[0], cols[1]);
        assert!(cols[2].starts_with('p') && cols[2][1..].parse::<usize>().is_ok());
        *articles_of.entry(cols[2].to_string()).or_default() += 1;
        rows += 1;
    }
    assert!(
        rows >= 60 * 4,
        "every article names its officials: {rows} rows"
    );
    // a person is named once an article, and people recur across articles
    assert!(articles_of.values().any(|n| *n > 1), "{articles_of:?}");
}
