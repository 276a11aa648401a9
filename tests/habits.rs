//! Habits users bring from sqlite, DuckDB and cypher-shell, through `kg query` with a
//! script on standard input: dot commands, `:param {…}`, `:source`, `:history`, the
//! markdown and tsv formats, `:timing`, and tables that fit a width.

mod common;

use unicode_width::UnicodeWidthStr;

fn run(input: &str) -> (String, String) {
    let (dir, snap) = common::seeds_snapshot();
    std::fs::write(
        dir.path().join("two.cypher"),
        "MATCH (p:Person) RETURN count(p) AS people;\nwho chaired thanh tri\n",
    )
    .unwrap();
    let out = common::kg_with_input(dir.path(), &["query", &snap.to_string_lossy()], input);
    (common::stdout(&out), common::stderr(&out))
}

#[test]
fn dot_commands_answer_in_one_line_and_never_swallow_the_next_statement() {
    let (out, err) = run(
        ".tables\n.mode tsv\nMATCH (p:Person) RETURN count(p) AS people;\n.dump\n.quit\nRETURN 1 AS never;\n",
    );
    assert!(out.contains("labels:") && out.contains("Person"), "{out}");
    assert!(err.contains("(.tables is :schema in kg)"), "{err}");
    assert!(
        out.contains("people\n15\n"),
        "the query after the dot commands runs: {out}"
    );
    assert!(
        err.contains(".dump is a sqlite/DuckDB command; kg's commands start with ':'"),
        "{err}"
    );
    assert!(!out.contains("never"), ".quit leaves: {out}");
}

#[test]
fn param_maps_source_history_and_timing() {
    let (out, err) = run(":param {who: 'nguyen van nam', n: 2}\n\
         :format csv\n\
         MATCH (p:Person) WHERE p.name = $who RETURN p.name AS name, $n AS n;\n\
         :source two.cypher\n\
         :timing off\n\
         RETURN 1 AS one;\n\
         :history\n");
    assert!(
        err.contains("$who => nguyen van nam") && err.contains("$n => 2"),
        "{err}"
    );
    assert!(out.contains("name,n\nNguyễn Văn Nam,2\n"), "{out}");
    assert!(out.contains("people\n15\n"), ":source ran the file: {out}");
    assert!(
        out.contains("Lê Tiến Nhật"),
        ":source ran its short command: {out}"
    );
    let timed = err.lines().filter(|l| l.contains(" ms")).count();
    assert_eq!(timed, 3, ":timing off hides the last result's time: {err}");
    assert!(
        out.contains("   4  :source two.cypher\n   5  MATCH (p:Person)"),
        "{out}"
    );
    assert!(out.contains("   8  RETURN 1 AS one"), "{out}");
}

#[test]
fn markdown_and_tsv() {
    let (out, _) = run(
        ":format markdown\nMATCH (m:Meeting) WHERE m.ordinal = 5 RETURN m.ordinal AS n, m.term AS term;\n:format tsv\nMATCH (m:Meeting) WHERE m.ordinal = 5 RETURN m.ordinal AS n, m.term AS term;\n",
    );
    assert!(
        out.contains("| n | term |\n|---|---|\n| 5 | XXIV |\n"),
        "{out}"
    );
    assert!(out.contains("n\tterm\n5\tXXIV\n"), "{out}");
}

#[test]
fn tables_fit_the_width_chosen() {
    let q = "MATCH (p:Person)-[h:HOLDS]->(b) RETURN p.name AS person, h.title AS title, b.name AS body, articles(h) AS articles;\n";
    for width in [80, 200] {
        let (out, _) = run(&format!(":format table\n:width {width}\n{q}"));
        let widest = out.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        assert!(
            widest <= width,
            "{width}: a line of {widest} columns\n{out}"
        );
        let cut = out.contains('…');
        assert_eq!(
            cut,
            width == 80,
            "{width}: cells cut only when they must be\n{out}"
        );
    }
}
