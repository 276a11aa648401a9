//! Every export is read by the real tool: Graphviz `dot` on each DOT file (whole graph,
//! focus, query, hostile names), NetworkX on the GraphML, Kuzu on the CSV bulk files with
//! the same answers as `kg query`. A missing tool fails the test under CI (`.ci/run`
//! installs them) and skips it elsewhere, saying what to install.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use kg::graph::{Edge, KnowledgeGraph, Node, PackedText, StoredArticle, snapshot};
use kg::schema::{ArticleId, Label, Rel, Source, Value};

/// `Some(())` when the tool runs; `None` (skip) or a panic (under CI) when it does not.
fn need(tool: &str, works: bool, install: &str) -> Option<()> {
    if works {
        return Some(());
    }
    if std::env::var_os("CI").is_some() {
        panic!("{tool} is required under CI: {install}");
    }
    eprintln!("skipped: {tool} is not installed ({install})");
    None
}

/// Whether Graphviz's `dot` runs.
fn dot_works() -> bool {
    Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The Python that has kuzu and networkx: `KG_PYTHON`, else `python3`.
fn python() -> String {
    std::env::var("KG_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn python_has(module: &str) -> bool {
    Command::new(python())
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A graph whose names are made to break exporters.
fn hostile(dir: &Path) -> PathBuf {
    let mut g = petgraph::graph::DiGraph::new();
    let src = vec![Source {
        article: ArticleId::new(0),
        start: 0,
        end: 1,
    }];
    let names = [
        "Quận \"Một\" \\ <b>bold</b> & co",
        "line\nbreak\ttab\u{1}",
        "=SUM(A1), leading equals; semi",
        "trailing backslash \\",
    ];
    let ids: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            g.add_node(Node {
                label: if i == 0 {
                    Label::District
                } else {
                    Label::Person
                },
                name: (*n).into(),
                key: format!("k{i}"),
                props: [("kind".to_string(), Value::Str("<&>\"'".into()))].into(),
                sources: src.clone().into(),
            })
        })
        .collect();
    for w in ids.windows(2) {
        g.add_edge(
            w[1],
            w[0],
            Edge {
                rel: Rel::Holds,
                props: [("title".to_string(), Value::Str("Bí \"thư\" \\n <x>".into()))].into(),
                sources: src.clone().into(),
                discriminator: "".into(),
            },
        );
    }
    let text = "x";
    let article = StoredArticle {
        file: "x;y,z.txt".into(),
        text: PackedText::new(text),
        hash: kg::graph::text_hash(text),
    };
    let g = KnowledgeGraph::from_parts(g, vec![article]);
    let path = dir.join("hostile.kg");
    snapshot::save(&g, &path, &snapshot::Origin::seeds()).unwrap();
    path
}

#[test]
fn every_dot_file_passes_graphviz_without_a_warning() {
    if need("Graphviz dot", dot_works(), "apt-get install graphviz").is_none() {
        return;
    }
    let (dir, snap) = common::seeds_snapshot();
    let p = dir.path();
    let snap = snap.to_str().unwrap();
    let bad = hostile(p);
    let runs: [(&str, Vec<&str>); 4] = [
        ("whole.dot", vec![snap]),
        (
            "focus.dot",
            vec![snap, "--focus", "nguyen van nam", "--depth", "2"],
        ),
        (
            "query.dot",
            vec![
                snap,
                "--query",
                "MATCH (p:Person)-[r:HOLDS]->(b) RETURN p, r, b",
            ],
        ),
        ("hostile.dot", vec![bad.to_str().unwrap()]),
    ];
    for (file, args) in runs {
        let mut all = vec!["export", "dot", "-o", file];
        all.extend(args);
        let out = common::kg(p, &all);
        assert!(out.status.success(), "{file}: {}", common::stderr(&out));
        let dot = Command::new("dot")
            .args(["-Tsvg", file, "-o", "/dev/null"])
            .current_dir(p)
            .output()
            .unwrap();
        assert!(
            dot.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&dot.stderr)
        );
        assert!(
            dot.stderr.is_empty(),
            "{file}: Graphviz said {}",
            String::from_utf8_lossy(&dot.stderr)
        );
    }
    let again = common::kg(p, &["export", "dot", "-o", "-", snap]);
    let whole = std::fs::read_to_string(p.join("whole.dot")).unwrap();
    assert_eq!(common::stdout(&again), whole, "same graph, same bytes");
    let guard = common::kg(p, &["export", "dot", "--max-nodes", "10", snap]);
    assert_eq!(guard.status.code(), Some(2));
    assert!(common::stderr(&guard).contains("more than --max-nodes 10"));
}

#[test]
fn graphml_loads_in_networkx() {
    if need("networkx", python_has("networkx"), "pip install networkx").is_none() {
        return;
    }
    let (dir, snap) = common::seeds_snapshot();
    let p = dir.path();
    let bad = hostile(p);
    let (seed_nodes, seed_edges) = common::counts(p, &snap);
    assert!(
        seed_nodes > 50 && seed_edges > 100,
        "the seeds graph is built"
    );
    for (snapshot, nodes, edges) in [(snap.clone(), seed_nodes, seed_edges), (bad, 4, 3)] {
        let out = common::kg(
            p,
            &[
                "export",
                "graphml",
                snapshot.to_str().unwrap(),
                "-o",
                "g.graphml",
            ],
        );
        assert!(out.status.success(), "{}", common::stderr(&out));
        let check = format!(
            "import networkx as nx, collections\n\
             g = nx.read_graphml('g.graphml')\n\
             assert g.number_of_nodes() == {nodes}, g.number_of_nodes()\n\
             assert g.number_of_edges() == {edges}, g.number_of_edges()\n\
             labels = collections.Counter(d['label'] for _, d in g.nodes(data=True))\n\
             print(sorted(labels.items()))\n\
             ints = [d['ordinal'] for _, d in g.nodes(data=True) if 'ordinal' in d]\n\
             assert all(isinstance(i, int) for i in ints), ints\n"
        );
        let py = Command::new(python())
            .args(["-c", &check])
            .current_dir(p)
            .output()
            .unwrap();
        assert!(
            py.status.success(),
            "{}",
            String::from_utf8_lossy(&py.stderr)
        );
        let printed = String::from_utf8_lossy(&py.stdout);
        if nodes == seed_nodes {
            assert!(
                printed.contains("('Person', 15)") && printed.contains("('Meeting', 7)"),
                "{printed}"
            );
        }
    }
}

#[test]
fn kuzu_loads_the_csv_export_and_answers_like_kg() {
    if need("kuzu", python_has("kuzu"), "pip install kuzu").is_none() {
        return;
    }
    let (dir, snap) = common::seeds_snapshot();
    let p = dir.path();
    let out = common::kg(p, &["export", "csv", snap.to_str().unwrap(), "-o", "csv"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/kuzu_check.py");
    let check = Command::new(python())
        .arg(script)
        .args([
            env!("CARGO_BIN_EXE_kg"),
            snap.to_str().unwrap(),
            p.join("csv").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    println!("{report}");
    assert!(
        check.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(report.contains("19 passed, 0 failed"), "{report}");
}

#[test]
fn kuzu_reads_back_every_source_of_hostile_file_names() {
    if need("kuzu", python_has("kuzu"), "pip install kuzu").is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let snap = hostile(dir.path());
    let out = common::kg(
        dir.path(),
        &["export", "csv", snap.to_str().unwrap(), "-o", "csv"],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/kuzu_check.py");
    let check = Command::new(python())
        .arg(script)
        .args(["--sources", dir.path().join("csv").to_str().unwrap()])
        .output()
        .unwrap();
    let lists = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // four nodes and three relationships, each with its one source, whole
    assert_eq!(lists.lines().count(), 7, "{lists}");
    for line in lists.lines() {
        let items: Vec<String> = serde_json::from_str(line).unwrap();
        let decoded: Vec<String> = items
            .iter()
            .map(|i| i.replace("%3B", ";").replace("%25", "%"))
            .collect();
        assert_eq!(decoded, ["x;y,z.txt:0-1"], "{line}");
    }
}

#[test]
fn a_file_name_is_never_an_option_of_graphviz() {
    if need("Graphviz dot", dot_works(), "apt-get install graphviz").is_none() {
        return;
    }
    let (dir, snap) = common::seeds_snapshot();
    let p = dir.path();
    let snap = snap.to_str().unwrap();
    let out = common::kg(
        p,
        &["export", "dot", snap, "--output=-V.dot", "--render", "svg"],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let svg = std::fs::read_to_string(p.join("-V.svg")).expect("the picture of -V.dot");
    assert!(svg.contains("<svg"), "a picture, not dot's version line");
}

#[test]
fn pictures_are_drawn_by_the_extension_and_leave_mentions_out_unless_asked() {
    if need("Graphviz dot", dot_works(), "apt-get install graphviz").is_none() {
        return;
    }
    let (dir, snap) = common::seeds_snapshot();
    let p = dir.path();
    let snap = snap.to_str().unwrap();
    let magic: [(&str, &[u8]); 4] = [
        ("g.svg", b"<?xml"),
        ("g.png", b"\x89PNG"),
        ("g.pdf", b"%PDF"),
        ("g.dot", b"digraph"),
    ];
    for (file, start) in magic {
        let out = common::kg(p, &["export", "dot", snap, "-o", file]);
        assert!(out.status.success(), "{file}: {}", common::stderr(&out));
        assert!(
            common::stdout(&out).contains("MENTIONS and REPORTS left out"),
            "says what it left out: {}",
            common::stdout(&out)
        );
        let bytes = std::fs::read(p.join(file)).unwrap();
        assert!(
            bytes.starts_with(start),
            "{file} is what its extension says"
        );
    }
    let dot = std::fs::read_to_string(p.join("g.dot")).unwrap();
    assert!(
        !dot.contains("MENTIONS") && !dot.contains("REPORTS"),
        "{dot}"
    );
    let out = common::kg(p, &["export", "dot", snap, "-o", "all.dot", "--mentions"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(
        std::fs::read_to_string(p.join("all.dot"))
            .unwrap()
            .contains("MENTIONS")
    );
    // the REPL's :export too, for a neighbourhood
    let out = common::kg_with_input(
        p,
        &["query", snap],
        ":export dot focus.svg nguyen van nam\n:export dot whole.png\n",
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let svg = std::fs::read_to_string(p.join("focus.svg")).unwrap();
    assert!(
        svg.contains("<svg") && svg.contains("Nguyễn Văn Nam"),
        "{svg}"
    );
    assert!(
        std::fs::read(p.join("whole.png"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
}
