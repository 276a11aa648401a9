//! Evaluator tests on a small hand-built graph.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::graph::{Edge, GraphIndex, KnowledgeGraph, Node, PackedText, StoredArticle, text_hash};
use crate::query::{ErrorKind, Options, Output, Params, Val, execute, explain};
use crate::schema::{ArticleId, Label, Props, Rel, Source, Value};
use crate::text::fold::fold;

type Graph = petgraph::graph::DiGraph<Node, Edge>;

fn node(g: &mut Graph, label: Label, name: &str, props: &[(&str, Value)]) -> usize {
    let props: Props = props
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    g.add_node(Node {
        label,
        name: name.into(),
        key: fold(name),
        props,
        sources: smallvec::smallvec![Source {
            article: ArticleId::new(0),
            start: 0,
            end: 1,
        }],
    })
    .index()
}

fn edge(g: &mut Graph, a: usize, rel: Rel, b: usize, props: &[(&str, &str)]) {
    let props: Props = props
        .iter()
        .map(|(k, v)| (k.to_string(), Value::from(*v)))
        .collect();
    g.add_edge(
        petgraph::graph::NodeIndex::new(a),
        petgraph::graph::NodeIndex::new(b),
        Edge {
            rel,
            props,
            sources: Default::default(),
            discriminator: "".into(),
        },
    );
}

/// Three officials of one district committee, two of its meetings, and its places.
fn sample() -> (KnowledgeGraph, GraphIndex) {
    let mut g = Graph::new();
    let an = node(&mut g, Label::Person, "Lê Văn An", &[]);
    let binh = node(&mut g, Label::Person, "Trần Thị Bình", &[]);
    let nam = node(&mut g, Label::Person, "Nguyễn Văn Tâm", &[]);
    let hu = node(
        &mut g,
        Label::PartyCommittee,
        "Huyện ủy Mê Linh",
        &[("level", "district".into())],
    );
    let d = node(
        &mut g,
        Label::District,
        "Mê Linh",
        &[("kind", "huyện".into())],
    );
    let p = node(
        &mut g,
        Label::Province,
        "Hà Nội",
        &[("kind", "thành phố".into())],
    );
    let m2 = node(
        &mut g,
        Label::Meeting,
        "Hội nghị lần thứ 2 Huyện ủy Mê Linh",
        &[("ordinal", Value::Int(2)), ("date", "2021-03-01".into())],
    );
    let m3 = node(
        &mut g,
        Label::Meeting,
        "Hội nghị lần thứ 3 Huyện ủy Mê Linh",
        &[("ordinal", Value::Int(3)), ("date", "2021-06-01".into())],
    );
    edge(
        &mut g,
        an,
        Rel::Holds,
        hu,
        &[("title", "Bí thư"), ("as_of", "2021-03-01")],
    );
    edge(
        &mut g,
        binh,
        Rel::Holds,
        hu,
        &[("title", "Phó Bí thư"), ("as_of", "2021-06-01")],
    );
    edge(&mut g, an, Rel::Chaired, m2, &[]);
    edge(&mut g, binh, Rel::Chaired, m3, &[]);
    edge(&mut g, nam, Rel::Attended, m2, &[]);
    edge(&mut g, hu, Rel::Convened, m2, &[]);
    edge(&mut g, hu, Rel::Convened, m3, &[]);
    edge(&mut g, hu, Rel::In, d, &[]);
    edge(&mut g, d, Rel::In, p, &[]);
    // every node's evidence is in the one article
    let text = "Tin";
    let g = KnowledgeGraph::from_parts(
        g,
        vec![StoredArticle {
            file: "t.txt".into(),
            text: PackedText::new(text),
            hash: text_hash(text),
        }],
    );
    let ix = GraphIndex::new(&g);
    (g, ix)
}

fn run_with(q: &str, params: &Params, opts: &Options) -> Result<Output, crate::query::QueryError> {
    let (g, ix) = sample();
    execute(q, &g, &ix, params, opts)
}

fn rows(q: &str) -> Vec<Vec<String>> {
    let out = match run_with(q, &Params::new(), &Options::default()) {
        Ok(o) => o,
        Err(e) => panic!("{}", e.render(q)),
    };
    out.rows
        .iter()
        .map(|r| r.iter().map(show).collect())
        .collect()
}

fn show(v: &Val) -> String {
    match v {
        Val::Null => "null".into(),
        Val::Bool(b) => b.to_string(),
        Val::Int(n) => n.to_string(),
        Val::Str(s) => s.to_string(),
        Val::List(l) => format!("[{}]", l.iter().map(show).collect::<Vec<_>>().join(", ")),
        other => format!("{other:?}"),
    }
}

fn err(q: &str) -> String {
    run_with(q, &Params::new(), &Options::default())
        .expect_err("an error")
        .message
}

#[test]
fn who_chaired_which_meeting() {
    assert_eq!(
        rows(
            "MATCH (p:Person)-[:CHAIRED]->(m:Meeting) RETURN p.name, m.ordinal ORDER BY m.ordinal"
        ),
        [["Lê Văn An", "2"], ["Trần Thị Bình", "3"]]
    );
}

#[test]
fn strings_without_diacritics_compare_loosely_others_exactly() {
    let q = |name: &str| {
        rows(&format!(
            "MATCH (p:Person) WHERE p.name = '{name}' RETURN p.name"
        ))
    };
    assert_eq!(q("le van an"), [["Lê Văn An"]]);
    assert_eq!(q("LE VAN AN"), [["Lê Văn An"]]);
    assert_eq!(q("Lê Văn An"), [["Lê Văn An"]]);
    assert!(
        q("Lê Văn Ân").is_empty(),
        "a literal with diacritics is exact"
    );
    assert_eq!(q("lê văn an"), [["Lê Văn An"]], "case never matters");
    assert_eq!(q("LÊ VĂN AN"), [["Lê Văn An"]], "case never matters");
    assert_eq!(
        rows("MATCH (c {name: 'Huyện uỷ Mê Linh'}) RETURN c.name"),
        [["Huyện ủy Mê Linh"]],
        "new and classic tone placement are one"
    );
    assert_eq!(
        rows("MATCH (p:Person) WHERE p.name CONTAINS 'van' RETURN p.name ORDER BY p.name"),
        [["Lê Văn An"], ["Nguyễn Văn Tâm"]]
    );
}

#[test]
fn plans_start_from_the_index_and_avoid_cartesian_products() {
    let (g, ix) = sample();
    let plan = explain(
        "MATCH (p:Person)-[:HOLDS]->(c) WHERE c.name = 'huyen uy me linh' RETURN p",
        &g,
        &ix,
        &Params::new(),
    )
    .unwrap();
    let first = plan.lines().next().unwrap_or("");
    assert!(first.contains("Scan (c) by name index"), "{plan}");
    let plan = explain(
        "MATCH (a:Person), (m:Meeting), (a)-[:CHAIRED]->(m) RETURN a, m",
        &g,
        &ix,
        &Params::new(),
    )
    .unwrap();
    assert_eq!(plan.matches("Scan").count(), 1, "{plan}");
    let plan = explain(
        "MATCH (n) WHERE id(n) = 3 RETURN n",
        &g,
        &ix,
        &Params::new(),
    )
    .unwrap();
    assert!(plan.contains("by node id"), "{plan}");
}

#[test]
fn optional_match_gives_nulls() {
    assert_eq!(
        rows(
            "MATCH (p:Person) OPTIONAL MATCH (p)-[:CHAIRED]->(m) RETURN p.name, m.ordinal ORDER BY p.name"
        ),
        [
            ["Lê Văn An", "2"],
            ["Nguyễn Văn Tâm", "null"],
            ["Trần Thị Bình", "3"]
        ]
    );
}

#[test]
fn aggregates_group_by_the_other_columns() {
    assert_eq!(
        rows(
            "MATCH (c:PartyCommittee)-[:CONVENED]->(m) RETURN c.name, count(m) AS n, \
              min(m.date), max(m.ordinal), collect(m.ordinal)"
        ),
        [["Huyện ủy Mê Linh", "2", "2021-03-01", "3", "[2, 3]"]]
    );
    assert_eq!(rows("MATCH (x:Election) RETURN count(*)"), [["0"]]);
    assert_eq!(
        rows(
            "MATCH (p:Person)-[r]->() RETURN type(r) AS t, count(DISTINCT p) AS n ORDER BY n DESC, t"
        ),
        [["CHAIRED", "2"], ["HOLDS", "2"], ["ATTENDED", "1"]]
    );
}

#[test]
fn variable_length_and_shortest_paths() {
    assert_eq!(
        rows(
            "MATCH (p:Person {name: 'le van an'})-[r:HOLDS|IN*1..3]->(x:Province) RETURN x.name, size(r)"
        ),
        [["Hà Nội", "3"]]
    );
    assert!(
        rows("MATCH (p:Person {name: 'le van an'})-[:HOLDS|IN*1..2]->(x:Province) RETURN x")
            .is_empty()
    );
    assert_eq!(
        rows(
            "MATCH (a:Person {name: 'nguyen van tam'}), (b:Person {name: 'tran thi binh'}), \
              p = shortestPath((a)-[*..6]-(b)) RETURN length(p), nodes(p)[1].name"
        ),
        [["3", "Hội nghị lần thứ 2 Huyện ủy Mê Linh"]]
    );
    assert_eq!(
        rows(
            "MATCH p = (a:Person)-[:CHAIRED]->(m)<-[:CONVENED]-(c) WHERE a.name = 'le van an' RETURN length(p), nodes(p)[2].name"
        ),
        [["2", "Huyện ủy Mê Linh"]]
    );
    assert_eq!(
        rows("MATCH (d:District)-[:IN*0..1]-(x) RETURN x.name ORDER BY x.name"),
        [["Hà Nội"], ["Huyện ủy Mê Linh"], ["Mê Linh"]],
        "zero length binds the start itself"
    );
}

#[test]
fn where_operators() {
    let names = |cond: &str| -> Vec<String> {
        rows(&format!(
            "MATCH (p:Person) WHERE {cond} RETURN p.name ORDER BY p.name"
        ))
        .into_iter()
        .map(|r| r[0].clone())
        .collect()
    };
    assert_eq!(
        names("p.name IN ['le van an', 'nguyen van tam']"),
        ["Lê Văn An", "Nguyễn Văn Tâm"]
    );
    assert_eq!(names("p.name STARTS WITH 'Trần'"), ["Trần Thị Bình"]);
    assert_eq!(names("p.name ENDS WITH 'tam'"), ["Nguyễn Văn Tâm"]);
    assert_eq!(names("p.name =~ 'le.*'"), ["Lê Văn An"]);
    assert_eq!(names("p.name =~ 'Lê.*'"), ["Lê Văn An"]);
    assert!(
        names("p.name =~ 'lê.*'").is_empty(),
        "with diacritics the regex is exact"
    );
    assert_eq!(
        names("p.title IS NULL AND NOT p.name = 'le van an' XOR p.name = 'tran thi binh'"),
        ["Nguyễn Văn Tâm"]
    );
    assert_eq!(
        names("p.name <> 'le van an' AND p.name < 'o'"),
        ["Nguyễn Văn Tâm"]
    );
    assert_eq!(names("size(p.name) > 13"), ["Nguyễn Văn Tâm"]);
}

#[test]
fn return_distinct_order_skip_limit_with() {
    assert_eq!(
        rows("MATCH (p:Person)-[]->(x) RETURN DISTINCT labels(x)[0] AS l ORDER BY l"),
        [["Meeting"], ["PartyCommittee"]]
    );
    assert_eq!(
        rows("MATCH (p:Person) RETURN p.name ORDER BY p.name DESC SKIP 1 LIMIT 1"),
        [["Nguyễn Văn Tâm"]]
    );
    assert_eq!(
        rows(
            "MATCH (p:Person)-[r]->() WITH p, count(r) AS n WHERE n > 1 RETURN p.name, n ORDER BY p.name"
        ),
        [["Lê Văn An", "2"], ["Trần Thị Bình", "2"]]
    );
    assert_eq!(
        rows("RETURN toUpper('hà') AS u, coalesce(null, 2), 7 % 4, 'a' + 1"),
        [["HÀ", "2", "3", "a1"]]
    );
}

#[test]
fn parameters_are_constants() {
    let mut params = Params::new();
    params.insert("who".into(), Val::Str("tran thi binh".into()));
    let out = run_with(
        "MATCH (p:Person {name: $who})-[:CHAIRED]->(m) RETURN m.ordinal",
        &params,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(out.rows, [[Val::Int(3)]]);
    assert!(err("MATCH (p) WHERE p.name = $nobody RETURN p").contains(":param nobody"));
}

#[test]
fn the_row_cap_cuts_and_says_so() {
    let opts = Options {
        row_cap: 2,
        ..Options::default()
    };
    let out = run_with("MATCH (n) RETURN n", &Params::new(), &opts).unwrap();
    assert_eq!(out.rows.len(), 2);
    assert!(out.cut);
    let out = run_with("MATCH (n:Person) RETURN n LIMIT 2", &Params::new(), &opts).unwrap();
    assert!(!out.cut, "a LIMIT within the cap is not a cut");
}

#[test]
fn the_memory_budget_stops_what_keeps_too_many_rows() {
    let tight = Options {
        memory: 4 << 10,
        ..Options::default()
    };
    for (q, what) in [
        (
            "MATCH (a), (b) RETURN collect(a.name + b.name) AS all",
            "collect()",
        ),
        (
            "MATCH (a), (b) RETURN DISTINCT a.name + b.name AS s",
            "DISTINCT",
        ),
        (
            "MATCH (a), (b) RETURN a.name + b.name AS s ORDER BY s",
            "ORDER BY",
        ),
        (
            "MATCH (a), (b) RETURN a.name + b.name AS s, count(*) AS n",
            "grouping",
        ),
    ] {
        let e = run_with(q, &Params::new(), &tight).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Memory, "{q}");
        assert!(
            e.message.contains(&format!("keeps for {what} passed")),
            "{q}: {}",
            e.message
        );
        assert!(
            run_with(q, &Params::new(), &Options::default()).is_ok(),
            "{q} fits the default budget"
        );
    }
    // a count keeps nothing per row, whatever the number of rows
    assert!(run_with("MATCH (a), (b) RETURN count(*)", &Params::new(), &tight).is_ok());
}

#[test]
fn cancellation_stops_a_runaway_query() {
    let opts = Options {
        cancel: Some(Arc::new(AtomicBool::new(true))),
        ..Options::default()
    };
    let e = run_with(
        "MATCH (a), (b), (c), (d), (e) RETURN count(*)",
        &Params::new(),
        &opts,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Cancelled);
}

#[test]
fn unknown_names_suggest_the_nearest() {
    assert!(err("MATCH (p:Persn) RETURN p").contains("did you mean Person?"));
    assert!(err("MATCH (p)-[:CHAIRD]->(m) RETURN p").contains("did you mean CHAIRED?"));
    assert!(err("MATCH (p) RETURN p.nme").contains("did you mean name?"));
    assert!(err("MATCH (person) RETURN persn").contains("did you mean person?"));
    assert!(err("MATCH (p) RETURN tolowr(p.name)").contains("did you mean toLower?"));
    assert!(err("MATCH (p) WHERE count(p) > 1 RETURN p").contains("belong in RETURN or WITH"));
}

#[test]
fn evidence_follows_each_row() {
    let (g, ix) = sample();
    let out = execute(
        "MATCH (p:Person)-[:CHAIRED]->(m) RETURN p.name ORDER BY p.name",
        &g,
        &ix,
        &Params::new(),
        &Options::default(),
    )
    .unwrap();
    let chaired = |facts: &[crate::query::Fact]| {
        facts
            .iter()
            .any(|f| matches!(f, crate::query::Fact::Edge(e) if g.graph()[*e].rel == Rel::Chaired))
    };
    assert_eq!(out.evidence.len(), 2);
    assert!(out.evidence.iter().all(|e| chaired(e)));
}

#[test]
fn a_plain_return_projects_as_it_goes_like_an_ordered_one_at_the_end() {
    // a plain RETURN keeps only its columns as rows come; an ordered one (here in the
    // order they come anyway) projects at the end: both give the same rows and evidence
    let (g, ix) = sample();
    let run = |q: &str| execute(q, &g, &ix, &Params::new(), &Options::default()).unwrap();
    let ret = "MATCH (p:Person)-[r:CHAIRED]->(m) RETURN p AS who, m.date AS date, p AS again";
    let plain = run(ret);
    let ordered = run(&format!("{ret} ORDER BY date"));
    assert_eq!(plain.columns, ["who", "date", "again"]);
    assert_eq!(plain.rows, ordered.rows);
    assert_eq!(plain.evidence, ordered.evidence);
    assert_eq!(plain.rows.len(), 2);
    for (row, facts) in plain.rows.iter().zip(&plain.evidence) {
        let (Val::Node(p), Val::Node(again)) = (&row[0], &row[2]) else {
            panic!("{row:?}")
        };
        assert_eq!(p, again);
        assert!(matches!(&row[1], Val::Str(d) if d.starts_with("2021-")));
        // the person, the meeting and the relationship between them
        assert_eq!(facts.len(), 3, "{facts:?}");
        assert!(facts.contains(&crate::query::Fact::Node(*p)));
    }
}

#[test]
fn pattern_predicates_keep_or_drop_rows_by_what_they_match() {
    assert_eq!(
        rows("MATCH (p:Person) WHERE NOT (p)-[:CHAIRED]->() RETURN p.name"),
        [["Nguyễn Văn Tâm"]]
    );
    assert_eq!(
        rows(
            "MATCH (p:Person) WHERE (p)-[:CHAIRED]->(:Meeting {ordinal: 3}) OR (p)-[:ATTENDED]->() RETURN p.name ORDER BY p.name"
        ),
        [["Nguyễn Văn Tâm"], ["Trần Thị Bình"]]
    );
    assert_eq!(
        rows(
            "MATCH (p:Person) WHERE EXISTS { MATCH (p)-[h:HOLDS]->(c) WHERE h.title = 'Bí thư' } RETURN p.name"
        ),
        [["Lê Văn An"]]
    );
    assert_eq!(
        rows(
            "MATCH (p:Person)-[:CHAIRED]->(m) WHERE NOT exists((p)-[:HOLDS {title: 'Bí thư'}]->()) RETURN m.ordinal"
        ),
        [["3"]],
        "the predicate sees the row's p, not any person"
    );
    assert_eq!(
        rows("MATCH (p:Person) RETURN p.name, (p)-[:CHAIRED]->() AS chaired ORDER BY p.name"),
        [
            ["Lê Văn An", "true"],
            ["Nguyễn Văn Tâm", "false"],
            ["Trần Thị Bình", "true"]
        ]
    );
}

#[test]
fn case_unwind_and_string_functions() {
    assert_eq!(
        rows(
            "MATCH (m:Meeting) RETURN CASE m.ordinal WHEN 2 THEN 'two' ELSE 'other' END AS c, CASE WHEN m.ordinal > 2 THEN 'late' END AS d ORDER BY c"
        ),
        [["other", "late"], ["two", "null"]]
    );
    assert_eq!(
        rows("UNWIND [3, 1, 2] AS x WITH x WHERE x > 1 RETURN x ORDER BY x"),
        [["2"], ["3"]]
    );
    assert_eq!(rows("UNWIND null AS x RETURN x"), Vec::<Vec<String>>::new());
    assert_eq!(
        rows(
            "RETURN substring('Mê Linh', 3) AS a, substring('Mê Linh', 0, 2) AS b, left('Mê Linh', 2) AS c, right('Mê Linh', 4) AS d"
        ),
        [["Linh", "Mê", "Mê", "Linh"]]
    );
    assert_eq!(
        rows(
            "RETURN split('a, b', ', ') AS a, trim('  x ') AS b, ltrim(' x') AS c, rtrim('x ') AS d, replace('Huyện uỷ', 'uỷ', 'ủy') AS e, reverse('ab') AS f, reverse([1, 2]) AS g"
        ),
        [["[a, b]", "x", "x", "x", "Huyện ủy", "ba", "[2, 1]"]]
    );
    assert_eq!(rows("RETURN substring(null, 1) AS a"), [["null"]]);
    assert!(err("RETURN left('abc', -1)").contains("0 or more"));
}

#[test]
fn dates_parse_compare_and_give_their_parts() {
    assert_eq!(
        rows(
            "MATCH (m:Meeting) WHERE date(m.date) >= date('2021-06-01') RETURN m.ordinal, date(m.date).year AS y, date(m.date).month AS mo, date(m.date).day AS d"
        ),
        [["3", "2021", "6", "1"]]
    );
    assert_eq!(
        rows("MATCH (m:Meeting) RETURN toString(max(date(m.date))) AS last"),
        [["2021-06-01"]]
    );
    assert!(err("RETURN date('1/6/2021')").contains("write it as YYYY-MM-DD"));
    assert_eq!(
        rows("RETURN date() > date('2020-01-01') AS after"),
        [["true"]]
    );
}

#[test]
fn procedures_list_what_the_graph_holds() {
    assert_eq!(
        rows("CALL db.labels()"),
        [
            ["Person", "3"],
            ["Province", "1"],
            ["District", "1"],
            ["PartyCommittee", "1"],
            ["Meeting", "2"]
        ]
    );
    assert_eq!(
        rows(
            "CALL db.relationshipTypes() YIELD relationshipType WHERE relationshipType STARTS WITH 'C' RETURN relationshipType"
        ),
        [["CHAIRED"], ["CONVENED"]]
    );
    assert!(rows("CALL db.propertyKeys()").contains(&vec!["ordinal".to_string()]));
    assert!(
        rows("CALL db.schema()").contains(
            &["PartyCommittee", "CONVENED", "Meeting", "2"]
                .map(String::from)
                .to_vec()
        )
    );
    assert!(err("CALL db.label()").contains("unknown procedure db.label; did you mean db.labels?"));
}

#[test]
fn explain_gives_the_plan_and_profile_the_rows_of_each_operator() {
    let plan = rows("EXPLAIN MATCH (p:Person)-[:CHAIRED]->(m) RETURN p");
    assert_eq!(plan[0], ["  Scan (p:Person) by label index Person"]);
    let out = run_with(
        "PROFILE MATCH (p:Person)-[:CHAIRED]->(m) RETURN p.name",
        &Params::new(),
        &Options::default(),
    )
    .expect("runs");
    assert_eq!(out.rows.len(), 2);
    let profile = out.profile.expect("a profile");
    let lines: Vec<Vec<&str>> = profile
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(lines[1][..4], ["Scan", "(p:Person)", "by", "label"]);
    assert_eq!(
        lines[1][lines[1].len() - 2],
        "3",
        "3 persons scanned: {profile}"
    );
    assert_eq!(lines[2][lines[2].len() - 2], "2", "2 chaired: {profile}");
}

#[test]
fn articles_names_the_files_of_the_evidence() {
    assert_eq!(
        rows("MATCH (p:Person {name: 'Lê Văn An'}) RETURN articles(p)"),
        [["[t.txt]"]]
    );
}
