//! An article is its path relative to the folder built, and "already in the graph" is a
//! strong content hash: files of one name in two folders are two articles, each source
//! points at its own text, and texts whose CRC-32 collide are both kept.

mod common;

use std::collections::HashMap;
use std::path::Path;

/// An article naming one official of `district`.
fn article(person: &str, district: &str, tail: &str) -> String {
    format!("Tin\n\nĐồng chí {person} - Bí thư Huyện ủy {district} phát biểu tại hội nghị.{tail}\n")
}

/// The graph's articles and, for each Person, the articles of its sources.
fn export(dir: &Path, snap: &str) -> (Vec<String>, HashMap<String, Vec<String>>) {
    let out = common::kg(dir, &["export", "json", snap, "-o", "-"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut files = Vec::new();
    let mut people = HashMap::new();
    for n in v["nodes"].as_array().unwrap() {
        match n["label"].as_str() {
            Some("Article") => files.push(n["props"]["file"].as_str().unwrap().to_string()),
            Some("Person") => {
                let arts = n["sources"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s["article"].as_str().unwrap().to_string())
                    .collect();
                people.insert(n["name"].as_str().unwrap().to_string(), arts);
            }
            _ => {}
        }
    }
    files.sort();
    (files, people)
}

#[test]
fn files_of_one_name_in_two_folders_are_two_articles() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for (sub, who) in [("corpus/a", "Lò Văn Pả"), ("corpus/b", "Vì Thị Dung")] {
        std::fs::create_dir_all(p.join(sub)).unwrap();
        std::fs::write(p.join(sub).join("index.txt"), article(who, "Mê Linh", "")).unwrap();
    }
    let out = common::kg(p, &["build", "corpus", "-o", "g.kg"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let (files, people) = export(p, "g.kg");
    assert_eq!(files, ["a/index.txt", "b/index.txt"]);
    assert_eq!(people["Lò Văn Pả"], ["a/index.txt"]);
    assert_eq!(people["Vì Thị Dung"], ["b/index.txt"]);

    // two folders given: each name starts with its folder's
    let out = common::kg(p, &["build", "corpus/a", "corpus/b", "-o", "two.kg"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(export(p, "two.kg").0, ["a/index.txt", "b/index.txt"]);

    // another build into the same graph with a different text under a taken name
    std::fs::create_dir_all(p.join("more/a")).unwrap();
    std::fs::write(
        p.join("more/a/index.txt"),
        article("Lường Văn Sơn", "Mê Linh", ""),
    )
    .unwrap();
    let out = common::kg(p, &["build", "--into", "g.kg", "more"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let (files, people) = export(p, "g.kg");
    assert_eq!(files, ["a/index.txt", "a/index.txt#2", "b/index.txt"]);
    assert_eq!(people["Lường Văn Sơn"], ["a/index.txt#2"]);
    assert_eq!(people["Lò Văn Pả"], ["a/index.txt"]);
}

#[test]
fn texts_whose_crc32_collide_are_both_added() {
    // a birthday search for two article texts of one CRC-32 (the old content check)
    let mut seen: HashMap<u32, usize> = HashMap::new();
    // random-looking tails: CRC-32 never collides on texts that differ in a short burst
    let text = |i: usize| {
        let tail = blake3::hash(&i.to_le_bytes()).to_hex();
        article("Lò Văn Pả", "Mê Linh", &format!(" Mã {}.", &tail[..16]))
    };
    let (a, b) = (0..2_000_000)
        .find_map(|i| {
            let read = kg::text::Article::parse("x.txt", text(i).as_bytes()).unwrap();
            seen.insert(crc32fast::hash(read.text.as_bytes()), i)
                .map(|j| (j, i))
        })
        .expect("a collision among two million texts");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir_all(p.join("c")).unwrap();
    std::fs::write(p.join("c/one.txt"), text(a)).unwrap();
    std::fs::write(p.join("c/two.txt"), text(b)).unwrap();
    let out = common::kg(p, &["build", "c", "-o", "g.kg"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(
        common::stdout(&out).contains("articles read: 2"),
        "{}",
        common::stdout(&out)
    );
    assert_eq!(export(p, "g.kg").0, ["one.txt", "two.txt"]);
}
