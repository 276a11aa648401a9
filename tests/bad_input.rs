//! Bad input: unreadable articles among good ones, and damaged snapshots.

mod common;

use std::fs;

const GOOD: &str = "Tin\n\nĐồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu tại hội nghị.\n";

#[test]
fn unreadable_files_are_reported_and_the_rest_is_built() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("good.txt"), GOOD).unwrap();
    fs::write(p.join("latin1.txt"), b"Qu\xe2n \xfby h\xf4m nay").unwrap();
    fs::write(p.join("empty.txt"), b"  \n").unwrap();
    fs::write(p.join("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let out = common::kg(p, &["build", ".", "-o", "g.kg"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "non-zero exit when a file is skipped"
    );
    let text = common::stdout(&out);
    assert!(text.contains("articles read: 1"), "{text}");
    assert!(text.contains("latin1.txt: not UTF-8"), "{text}");
    assert!(text.contains("empty.txt: empty file"), "{text}");
    assert!(text.contains("binary.txt: binary file"), "{text}");
    let stats = common::kg(p, &["stats", "g.kg"]);
    assert!(stats.status.success());
    assert!(common::stdout(&stats).contains("articles: 1"));
}

#[test]
fn damaged_snapshots_each_get_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("good.txt"), GOOD).unwrap();
    assert!(
        common::kg(p, &["build", "good.txt", "-o", "g.kg"])
            .status
            .success()
    );
    let bytes = fs::read(p.join("g.kg")).unwrap();
    fs::write(p.join("truncated.kg"), &bytes[..bytes.len() / 2]).unwrap();
    // a bit of the graph's body: the checksum catches it at once
    let (_, body, texts) = kg::graph::snapshot::parts_of(&bytes).unwrap();
    let mut flipped = bytes.clone();
    flipped[bytes.len() - texts.len() - body.len() / 2] ^= 0x01;
    fs::write(p.join("flipped.kg"), flipped).unwrap();
    fs::write(p.join("foreign.kg"), "{\"nodes\": []}").unwrap();
    for (file, expect) in [
        ("truncated.kg", "truncated snapshot"),
        ("flipped.kg", "checksum mismatch"),
        ("foreign.kg", "not a kg snapshot"),
        ("missing.kg", "missing.kg"),
    ] {
        let out = common::kg(p, &["stats", file]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = common::stderr(&out);
        assert!(err.contains(file) && err.contains(expect), "{file}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(!err.contains("panicked"));
    }
}

#[test]
fn a_damaged_article_text_is_named_when_read_and_the_graph_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("good.txt"), GOOD).unwrap();
    let built = common::kg(p, &["build", "good.txt", "-o", "g.kg"]);
    assert!(built.status.success());
    // the last byte is in the article texts after the body, which a load does not read
    let mut bytes = fs::read(p.join("g.kg")).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    fs::write(p.join("g.kg"), &bytes).unwrap();
    let stats = common::kg(p, &["stats", "g.kg"]);
    assert!(stats.status.success(), "{}", common::stderr(&stats));
    fs::write(p.join("why.cypher"), "who spoke\nwhy 1\n").unwrap();
    let out = common::kg(p, &["query", "g.kg", "-f", "why.cypher"]);
    let text = common::stdout(&out);
    assert!(
        text.contains("(the stored text does not unpack (its checksum does not match"),
        "{text}"
    );
    assert!(
        text.contains("rebuild the snapshot with `kg build`)"),
        "{text}"
    );
}

/// Our own article in every encoding kg reads, written by encoders that are not kg's
/// (tests/fixtures/encodings/make.sh).
const ENCODED: [(&str, &str); 6] = [
    ("utf8.txt", ""),
    ("utf16le.txt", "UTF-16"),
    ("cp1258.txt", "Windows-1258"),
    ("tcvn3.txt", "TCVN3 (ABC)"),
    ("vni.txt", "VNI-Windows"),
    ("mojibake.txt", "UTF-8 decoded twice"),
];

fn fixture(name: &str) -> Vec<u8> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/encodings");
    fs::read(dir.join(name)).unwrap()
}

#[test]
fn legacy_encodings_are_converted_to_the_same_graph() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let ask = "MATCH (p:Person)-[:CHAIRED]->(m:Meeting) RETURN p.name, m.name;";
    let mut answers = Vec::new();
    for (file, enc) in ENCODED {
        fs::write(p.join(file), fixture(file)).unwrap();
        let out = common::kg(p, &["build", file, "-o", "g.kg"]);
        let text = common::stdout(&out);
        assert!(out.status.success(), "{file}: {text}");
        if !enc.is_empty() {
            assert!(
                text.contains(&format!("converted {file} from {enc}")),
                "{text}"
            );
        }
        let rows = common::kg(p, &["query", "g.kg", "-c", ask]);
        answers.push(common::stdout(&rows));
    }
    assert!(answers[0].contains("Trần Minh Khoa"), "{}", answers[0]);
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:?}");
    // Together, the six files are one text: the five conversions are found already there.
    let out = common::kg(p, &["build", ".", "-o", "all.kg"]);
    let text = common::stdout(&out);
    assert!(text.contains("articles read: 1"), "{text}");
    assert!(text.contains("articles already in the graph: 5"), "{text}");
}

#[test]
fn an_unsure_encoding_is_named_with_the_flag_that_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // A headline of a few words: TCVN3 is likely, too few words to be sure.
    let tcvn3 = fixture("tcvn3.txt");
    let headline = &tcvn3[..tcvn3.iter().position(|&b| b == b'\n').unwrap()];
    fs::write(p.join("short.txt"), headline).unwrap();
    let out = common::kg(p, &["build", "short.txt", "-o", "g.kg"]);
    assert_eq!(out.status.code(), Some(2), "nothing read, nothing written");
    let text = common::stdout(&out);
    assert!(
        text.contains("short.txt: not UTF-8; looks like TCVN3 (ABC)")
            && text.contains("--encoding tcvn3"),
        "{text}"
    );
    let out = common::kg(
        p,
        &["build", "short.txt", "-o", "g.kg", "--encoding", "tcvn3"],
    );
    assert!(out.status.success(), "{}", common::stdout(&out));
    let out = common::kg(p, &["build", "short.txt", "--encoding", "koi8"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("possible values"));
    // --encoding utf-8 turns conversion off.
    fs::write(p.join("vni.txt"), fixture("vni.txt")).unwrap();
    let out = common::kg(
        p,
        &["build", "vni.txt", "-o", "g.kg", "--encoding", "utf-8"],
    );
    assert!(common::stdout(&out).contains("vni.txt: not UTF-8"));
}

#[test]
fn links_to_nothing_pipes_and_files_gone_mid_build_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir(p.join("in")).unwrap();
    fs::write(p.join("in/good.txt"), GOOD).unwrap();
    std::os::unix::fs::symlink(p.join("nowhere.txt"), p.join("in/link.txt")).unwrap();
    // A pipe with no writer: reading it would wait forever.
    let fifo = p.join("in/pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let has_fifo = made.is_ok_and(|s| s.success());
    let out = common::kg(p, &["build", "in", "-o", "g.kg"]);
    let text = common::stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("articles read: 1"), "{text}");
    assert!(text.contains("link.txt: broken symbolic link"), "{text}");
    if has_fifo {
        assert!(text.contains("pipe.txt: not a regular file"), "{text}");
    }
    // A file listed, then deleted before it is read.
    let mut graph = kg::graph::KnowledgeGraph::new();
    let mut report = kg::corpus::BuildReport::default();
    let inputs = ["good.txt", "deleted.txt"].map(|f| kg::corpus::Input {
        path: p.join("in").join(f),
        name: f.to_string(),
        bytes: 100,
    });
    kg::corpus::add_new_articles(&inputs, Default::default(), &mut graph, &mut report);
    assert_eq!(report.read, 1);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].reason, kg::corpus::SkipReason::Gone);
    assert!(
        report.skipped[0]
            .reason
            .to_string()
            .starts_with("gone before it could be read"),
        "{:?}",
        report.skipped
    );
}

#[test]
fn folder_loops_are_walked_once_and_other_files_counted() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir_all(p.join("in/sub")).unwrap();
    fs::write(p.join("in/good.txt"), GOOD).unwrap();
    fs::write(p.join("in/page.aspx"), "<html><p>x</p></html>").unwrap();
    fs::write(p.join("in/sub/notes.md"), "# notes").unwrap();
    // Two links back up the tree: a walk that follows them never ends.
    std::os::unix::fs::symlink("..", p.join("in/sub/up")).unwrap();
    std::os::unix::fs::symlink(p.join("in"), p.join("in/sub/again")).unwrap();
    std::os::unix::fs::symlink(p.join("in/good.txt"), p.join("in/sub/same.txt")).unwrap();
    let out = common::kg(p, &["build", "in", "-o", "g.kg"]);
    let text = common::stdout(&out);
    assert!(out.status.success(), "{text}{}", common::stderr(&out));
    assert!(
        text.contains("articles read: 1\n"),
        "each real file once: {text}"
    );
    assert!(
        text.contains("files not read: 1 .aspx, 1 .md (folders are searched for"),
        "{text}"
    );
}

#[test]
fn only_regular_files_are_read_as_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for what in ["/dev/zero", "."] {
        let out = common::kg(p, &["stats", what]);
        assert_eq!(out.status.code(), Some(2), "{what}");
        assert!(
            common::stderr(&out).contains("not a regular file (a pipe, socket, device or folder)"),
            "{}",
            common::stderr(&out)
        );
    }
    let fifo = p.join("pipe.kg");
    if std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        // a pipe with no writer: opening it would wait forever
        let out = common::kg(p, &["stats", "pipe.kg"]);
        assert!(common::stderr(&out).contains("not a regular file"));
    }
    // a large file of another kind is refused from its header
    fs::write(p.join("big.kg"), vec![b'x'; 3 << 20]).unwrap();
    let out = common::kg(p, &["stats", "big.kg"]);
    assert!(common::stderr(&out).contains("not a kg snapshot"));
}

#[test]
fn a_file_too_large_for_an_article_is_skipped_unread_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let mut big = String::from("Tin\n\n");
    while big.len() < 2 << 20 {
        big.push_str(GOOD);
        big.push('\n');
    }
    fs::write(p.join("big.txt"), &big).unwrap();
    fs::write(p.join("good.txt"), GOOD).unwrap();
    let out = common::kg(
        p,
        &[
            "build",
            "big.txt",
            "good.txt",
            "-o",
            "g.kg",
            "--max-article-mb",
            "1",
        ],
    );
    let text = common::stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(
            "more than an article can be (1 MB); if it is one, build again with --max-article-mb 3"
        ),
        "{text}"
    );
    let out = common::kg(
        p,
        &["build", "big.txt", "-o", "g2.kg", "--max-article-mb", "3"],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
}

#[test]
fn a_build_that_reads_nothing_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir(p.join("empty")).unwrap();
    fs::write(p.join("good.txt"), GOOD).unwrap();
    let out = common::kg(p, &["build", "good.txt", "-o", "full.kg"]);
    assert!(out.status.success());
    let before = fs::read(p.join("full.kg")).unwrap();
    for input in ["empty", "mistyped/path"] {
        let out = common::kg(p, &["build", input, "-o", "full.kg"]);
        assert_eq!(out.status.code(), Some(2), "{input}");
        assert!(
            common::stderr(&out).contains("no article was read, so full.kg was not written"),
            "{}",
            common::stderr(&out)
        );
        assert_eq!(fs::read(p.join("full.kg")).unwrap(), before, "{input}");
    }
}
