//! `kg query` on the seeds graph, like a user: whole outputs compared.

mod common;

/// Runs one statement; returns standard output, asserting success.
fn query(args: &[&str]) -> String {
    let (dir, snap) = common::seeds_snapshot();
    let mut all = vec!["query", snap.to_str().unwrap()];
    all.extend(args);
    let out = common::kg(dir.path(), &all);
    assert!(out.status.success(), "{}", common::stderr(&out));
    common::stdout(&out)
}

/// Runs a script file with `kg query -f`, asserting success.
fn script(dir: &std::path::Path, snap: &std::path::Path, text: &str) -> std::process::Output {
    let file = dir.join("script.cypher");
    std::fs::write(&file, text).unwrap();
    let out = common::kg(
        dir,
        &[
            "query",
            &snap.to_string_lossy(),
            "-f",
            &file.to_string_lossy(),
        ],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    out
}

fn c(q: &str) -> String {
    query(&["-c", q])
}

#[test]
fn who_chaired_each_seed_meeting() {
    assert_eq!(
        c("MATCH (p:Person)-[:CHAIRED]->(m:Meeting) \
           OPTIONAL MATCH (c:PartyCommittee)-[:CONVENED]->(m) \
           RETURN m.name AS meeting, m.date AS date, c.name AS committee, collect(p.name) AS chairs \
           ORDER BY date;"),
        "meeting,date,committee,chairs\n\
         Hội nghị lần thứ 18 Quận ủy Hai Bà Trưng khóa XXV,2018-07-12,Quận ủy Hai Bà Trưng,\"[Nguyễn Văn Nam, Đinh Thị Lan Duyên, Vũ Đại Phong]\"\n\
         Hội nghị lần thứ 3 Quận ủy khóa XXVI,2020-10-02,Quận ủy,[Hoàng Minh Dũng Tiến]\n\
         Hội nghị lần thứ 5 Huyện ủy Thanh Trì khóa XXIV,2021-04-02,Huyện ủy Thanh Trì,\"[Lê Tiến Nhật, Nguyễn Việt Phương, Nguyễn Tiến Cường]\"\n"
    );
}

#[test]
fn the_who_chaired_short_command_filters_by_district() {
    assert_eq!(
        c("who chaired thanh tri"),
        "person,meeting,date,committee\n\
         Lê Tiến Nhật,Hội nghị lần thứ 5 Huyện ủy Thanh Trì khóa XXIV,2021-04-02,Huyện ủy Thanh Trì\n\
         Nguyễn Tiến Cường,Hội nghị lần thứ 5 Huyện ủy Thanh Trì khóa XXIV,2021-04-02,Huyện ủy Thanh Trì\n\
         Nguyễn Việt Phương,Hội nghị lần thứ 5 Huyện ủy Thanh Trì khóa XXIV,2021-04-02,Huyện ủy Thanh Trì\n"
    );
    assert_eq!(
        c("who chaired 12/07/2018").lines().count(),
        4,
        "a date filter"
    );
}

#[test]
fn positions_of_a_person() {
    assert_eq!(
        c(
            "MATCH (p:Person)-[h:HOLDS]->(b) WHERE p.name = 'Đinh Thị Lan Duyên' \
           RETURN h.title AS title, b.name AS body, labels(b)[0] AS label, h.as_of AS as_of \
           ORDER BY as_of, body;"
        ),
        "title,body,label,as_of\n\
         Chủ tịch,HĐND quận Hai Bà Trưng,Organization,2018-07-12\n\
         Phó Bí thư Thường trực,Quận ủy Hai Bà Trưng,PartyCommittee,2018-07-12\n"
    );
}

#[test]
fn meetings_of_committees_in_date_order() {
    assert_eq!(
        c("MATCH (c:PartyCommittee)-[:CONVENED]->(m:Meeting) \
           RETURN c.name AS committee, m.ordinal AS n, m.date AS date ORDER BY committee, date, n;"),
        "committee,n,date\n\
         Ban Chấp hành Trung ương,6,\n\
         Ban Chấp hành Trung ương,7,\n\
         Huyện ủy Thanh Trì,5,2021-04-02\n\
         Quận ủy,3,2020-10-02\n\
         Quận ủy Cầu Giấy,25,2024-06-27\n\
         Quận ủy Đống Đa,,\n\
         Quận ủy Hai Bà Trưng,18,2018-07-12\n"
    );
}

#[test]
fn two_hops_person_meeting_committee_district() {
    assert_eq!(
        c(
            "MATCH (p:Person)-[:CHAIRED]->(m:Meeting)<-[:CONVENED]-(c:PartyCommittee)-[:IN]->(d:District) \
           RETURN d.name AS district, count(DISTINCT p) AS chairs, collect(DISTINCT m.ordinal) AS meetings \
           ORDER BY district;"
        ),
        "district,chairs,meetings\nHai Bà Trưng,3,[18]\nThanh Trì,3,[5]\n"
    );
}

#[test]
fn optional_match_keeps_people_who_chaired_nothing() {
    let out = c(
        "MATCH (p:Person) OPTIONAL MATCH (p)-[:CHAIRED]->(m:Meeting) \
                 RETURN p.name AS person, m.ordinal AS chaired ORDER BY chaired, person;",
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 16, "{out}");
    assert_eq!(lines[1], "Hoàng Minh Dũng Tiến,3");
    assert_eq!(lines[7], "Vũ Đại Phong,18");
    assert_eq!(lines[8], "Đoàn Đình Nguyên,");
    assert_eq!(lines[15], "Vũ Anh Tú,");
}

#[test]
fn a_lookup_without_diacritics() {
    assert_eq!(
        c(
            "MATCH (p {name: 'nguyen tien cuong'})-[h:HOLDS]->(b) RETURN p.name, h.title, b.name ORDER BY b.name;"
        ),
        "p.name,h.title,b.name\n\
         Nguyễn Tiến Cường,Phó Bí thư,Huyện ủy Thanh Trì\n\
         Nguyễn Tiến Cường,Chủ tịch,UBND huyện Thanh Trì\n"
    );
}

#[test]
fn a_variable_length_path() {
    assert_eq!(
        c(
            "MATCH (p:Person {name: 'le tien nhat'})-[r:HOLDS|IN*1..3]->(x) \
           RETURN x.name AS reached, labels(x)[0] AS label, min(size(r)) AS hops ORDER BY hops, reached;"
        ),
        "reached,label,hops\n\
         Huyện ủy Thanh Trì,PartyCommittee,1\n\
         Thành ủy Hà Nội,PartyCommittee,1\n\
         Hà Nội,Province,2\n\
         Thanh Trì,District,2\n"
    );
}

#[test]
fn json_output_and_shortest_path() {
    let out = query(&["--format", "json", "-c", "path nguyen van nam -> ha noi"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["hops"], 2);
    let keys: Vec<&String> = v[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["path", "hops"], "columns in RETURN order");
    let names: Vec<&str> = v[0]["path"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Nguyễn Văn Nam", "Thành ủy Hà Nội", "Hà Nội"]);
}

#[test]
fn scripts_from_a_file_and_from_stdin() {
    let (dir, snap) = common::seeds_snapshot();
    let out = script(
        dir.path(),
        &snap,
        "// two statements\n:param who => 'vu anh tu'\nMATCH (p:Person {name: $who})-[s:SPOKE]->(m)\nRETURN s.kind;\n",
    );
    assert_eq!(common::stdout(&out), "s.kind\nreport\n");
    assert!(
        common::stderr(&out).contains("1 row in"),
        "timings on stderr"
    );

    let out = common::kg_with_input(
        dir.path(),
        &["query", snap.to_str().unwrap(), "--format", "table"],
        "MATCH (d:District)\nRETURN count(*) AS districts;\n",
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "┌───────────┐\n│ districts │\n├───────────┤\n│ 4         │\n└───────────┘\n"
    );
}

#[test]
fn errors_show_the_spot_and_exit_non_zero() {
    let (dir, snap) = common::seeds_snapshot();
    let out = common::kg(
        dir.path(),
        &[
            "query",
            snap.to_str().unwrap(),
            "-c",
            "MATCH (p:Persn)\nRETURN p;",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains("unknown label Persn; did you mean Person? (line 1, column 10)"),
        "{err}"
    );
    assert!(err.contains("  MATCH (p:Persn)\n           ^"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn huge_or_senseless_time_limits_are_refused_in_one_line() {
    let (dir, snap) = common::seeds_snapshot();
    let snap = snap.to_str().unwrap();
    for t in ["1e19", "1e300", "-1", "NaN"] {
        let arg = format!("--timeout={t}");
        let out = common::kg(dir.path(), &["query", snap, &arg, "-c", "RETURN 1;"]);
        assert_eq!(out.status.code(), Some(2), "{t}");
        let err = common::stderr(&out);
        assert!(
            err.contains("--timeout takes seconds from 0 (no limit)"),
            "{err}"
        );
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    let out = common::kg_with_input(
        dir.path(),
        &["query", snap],
        ":timeout 1e300\nRETURN 41 + 1;\n",
    );
    let err = common::stderr(&out);
    assert!(err.contains(":timeout takes seconds from 0"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(common::stdout(&out).contains("42"), "the session goes on");
}

#[test]
fn a_script_that_is_not_utf8_is_refused_with_its_place() {
    let (dir, snap) = common::seeds_snapshot();
    let snap = snap.to_str().unwrap();
    let bytes = b"RETURN 1;\nRETURN \xff;\n";
    let out = common::kg_with_input_bytes(dir.path(), &["query", snap], bytes);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        common::stderr(&out).trim(),
        "kg: standard input: not UTF-8 at line 2 (byte 17); save it as UTF-8 and run it again"
    );
    std::fs::write(dir.path().join("s.cypher"), bytes).unwrap();
    let out = common::kg(dir.path(), &["query", snap, "-f", "s.cypher"]);
    assert!(common::stderr(&out).contains("s.cypher: not UTF-8 at line 2"));
}

#[test]
fn an_unbounded_star_is_capped_and_says_so() {
    let (dir, snap) = common::seeds_snapshot();
    let snap = snap.to_str().unwrap();
    let q = "MATCH p=(a)-[*]-(b) RETURN max(length(p)) AS longest;";
    let out = common::kg(dir.path(), &["query", snap, "--format", "csv", "-c", q]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(common::stdout(&out), "longest\n5\n");
    assert!(common::stderr(&out).contains("followed at most 5 relationships"));
    let q = "MATCH p=(a)-[*1..2]-(b) RETURN max(length(p)) AS longest;";
    let out = common::kg(dir.path(), &["query", snap, "--format", "csv", "-c", q]);
    assert_eq!(common::stdout(&out), "longest\n2\n");
    assert!(
        !common::stderr(&out).contains("at most"),
        "a bound written is no cap"
    );
}

#[test]
fn why_shows_the_sentence_with_the_mention_marked() {
    let (dir, snap) = common::seeds_snapshot();
    let out = script(dir.path(), &snap, "who presented\nwhy 1\n");
    let text = common::stdout(&out);
    let why = &text[text.find("row 1:").expect("a why section")..];
    assert!(why.contains("002_59afc8463018b9cb.txt — "), "{why}");
    assert!(why.contains("**Đoàn Đình Nguyên** - UVTV"), "{why}");
    assert!(
        why.contains("supports: Đoàn Đình Nguyên PRESENTED"),
        "{why}"
    );
}

#[test]
fn show_prints_an_entity_card() {
    let out = c("show vu anh tu");
    assert!(out.starts_with("Vũ Anh Tú  (Person #"), "{out}");
    assert!(out.contains("HOLDS →\n  Ban Tổ chức Huyện ủy Thanh Trì (Organization)  {as_of: 2021-04-02, title: Trưởng ban}"), "{out}");
    assert!(
        out.contains(
            "SPOKE →\n  Hội nghị lần thứ 5 Huyện ủy Thanh Trì khóa XXIV (Meeting)  {kind: report}"
        ),
        "{out}"
    );
    assert!(
        out.contains("sources: 1 article(s): 004_db5d0afe82f26a39.txt"),
        "{out}"
    );
}

#[test]
fn load_keeps_unsaved_ingested_work_unless_told() {
    let (dir, snap) = common::seeds_snapshot();
    let p = dir.path();
    let snap = snap.to_str().unwrap();
    std::fs::write(
        p.join("new.txt"),
        "Tin\n\nĐồng chí Lò Văn Pả - Bí thư Huyện ủy Mường Tè phát biểu tại hội nghị.\n",
    )
    .unwrap();
    let script =
        format!(":ingest new.txt\n:load {snap}\nMATCH (a:Article) RETURN count(a) AS n;\n");
    let out = common::kg_with_input(p, &["query", snap, "--format", "csv"], &script);
    assert!(
        common::stderr(&out).contains("the graph has unsaved changes: :save them first, or :load!"),
        "{}",
        common::stderr(&out)
    );
    assert!(
        common::stdout(&out).contains("n\n6\n"),
        "the ingested article stays"
    );
    let script =
        format!(":ingest new.txt\n:load! {snap}\nMATCH (a:Article) RETURN count(a) AS n;\n");
    let out = common::kg_with_input(p, &["query", snap, "--format", "csv"], &script);
    assert!(
        common::stdout(&out).contains("n\n5\n"),
        "{}",
        common::stderr(&out)
    );
}

/// `kg query … | head`: the reader goes away after a line; kg stops quietly, with success,
/// as `head` and `grep` expect of what they read.
#[test]
fn a_reader_that_goes_away_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    let (dir, snap) = common::seeds_snapshot();
    for how in ["-c", "-f"] {
        let statement = "MATCH (a), (b) RETURN a.name, b.name";
        let file = dir.path().join("pairs.cypher");
        std::fs::write(&file, format!("{statement};\n{statement};\n")).unwrap();
        let arg = match how {
            "-c" => statement.to_string(),
            _ => file.to_string_lossy().into_owned(),
        };
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kg"))
            .args([
                "query",
                &snap.to_string_lossy(),
                "--format",
                "csv",
                how,
                &arg,
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert_eq!(first, "a.name,b.name\n");
        // the pipe is closed here, long before the rows (more than a pipe holds) are out
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{how}: {}", common::stderr(&out));
        assert!(
            !common::stderr(&out).contains("error"),
            "{how}: {}",
            common::stderr(&out)
        );
    }
}
