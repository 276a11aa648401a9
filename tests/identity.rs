//! Who is who, as a user sees it: namesakes of two provinces are two people, `show` says
//! where each one is anchored and names the others.

mod common;

#[test]
fn show_tells_namesakes_apart_and_says_why_mentions_are_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir_all(p.join("c")).unwrap();
    let texts = [
        (
            "a.txt",
            "Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu.",
        ),
        (
            "b.txt",
            "Đồng chí Lò Văn Pả - Chủ tịch UBND huyện Mê Linh chủ trì.",
        ),
        (
            "c.txt",
            "Đồng chí Lò Văn Pả - Bí thư Huyện ủy Phong Điền, tỉnh Thừa Thiên Huế phát biểu.",
        ),
    ];
    for (f, body) in texts {
        std::fs::write(p.join("c").join(f), format!("Tin\n\n{body}\n")).unwrap();
    }
    let out = common::kg(p, &["build", "c", "-o", "g.kg"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let out = common::kg(p, &["query", "g.kg", "-c", "show Lò Văn Pả"]);
    let err = common::stderr(&out);
    assert!(err.contains("'Lò Văn Pả' matches 2 entities:"), "{err}");
    assert!(err.contains(", Mê Linh, Hà Nội)"), "{err}");
    assert!(err.contains(", Phong Điền, Thừa Thiên Huế)"), "{err}");
    let id = err
        .lines()
        .find(|l| l.contains("Mê Linh, Hà Nội"))
        .and_then(|l| l.split('#').nth(1))
        .and_then(|l| l.split(',').next())
        .unwrap();
    let out = common::kg(p, &["query", "g.kg", "-c", &format!("show #{id}")]);
    let card = common::stdout(&out);
    assert!(
        card.contains("sources: 2 article(s): a.txt, b.txt"),
        "{card}"
    );
    assert!(
        card.contains("identity: one person: all its mentions hold a position in Mê Linh, Hà Nội"),
        "{card}"
    );
    assert!(
        card.contains("1 other person named Lò Văn Pả, kept apart: #")
            && card.contains("(Phong Điền, Thừa Thiên Huế)"),
        "{card}"
    );
}

/// Builds `articles` (file, body) into `g.kg` in a new folder; returns the folder.
fn build(articles: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir_all(p.join("c")).unwrap();
    for (f, body) in articles {
        // "DATE|TEXT": the article's date, then its text
        let (date, text) = body.split_once('|').unwrap_or(("01/01/2020", body));
        std::fs::write(
            p.join("c").join(f),
            format!("Tin\nNgày đăng {date} | 08:00\n\n{text}\n"),
        )
        .unwrap();
    }
    let out = common::kg(p, &["build", "c", "-o", "g.kg"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    dir
}

fn persons(dir: &std::path::Path, name: &str) -> String {
    let q = format!("MATCH (p:Person {{name: '{name}'}}) RETURN count(p) AS n;");
    let out = common::kg(dir, &["query", "g.kg", "--format", "csv", "-c", &q]);
    common::stdout(&out)
}

#[test]
fn a_move_inside_a_province_is_one_person_unless_a_namesake_could_be_him() {
    let moved = [
        (
            "a.txt",
            "03/04/2016|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu.",
        ),
        (
            "b.txt",
            "05/06/2022|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Gia Lâm chủ trì hội nghị.",
        ),
    ];
    let dir = build(&moved);
    assert_eq!(persons(dir.path(), "Lò Văn Pả"), "n\n1\n");
    let out = common::kg(dir.path(), &["query", "g.kg", "-c", "show Lò Văn Pả"]);
    let card = common::stdout(&out);
    assert!(
        card.contains("identity: one person: 2 records joined: Mê Linh, Hà Nội (2016-04-03); Gia Lâm, Hà Nội (2022-06-05)"),
        "{card}"
    );
    // namesakes of two districts of the province at the same time: either could be the
    // one seen later in a third, so he joins neither
    let overlapping = [
        (
            "ml1.txt",
            "03/04/2016|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu.",
        ),
        (
            "ml2.txt",
            "10/10/2017|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh chủ trì.",
        ),
        (
            "ss1.txt",
            "09/09/2016|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Sóc Sơn phát biểu.",
        ),
        (
            "ss2.txt",
            "01/01/2018|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Sóc Sơn chủ trì.",
        ),
        (
            "gl.txt",
            "05/06/2022|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Gia Lâm chủ trì hội nghị.",
        ),
    ];
    assert_eq!(persons(build(&overlapping).path(), "Lò Văn Pả"), "n\n3\n");
    // the same names in two provinces never join
    let apart = [
        (
            "a.txt",
            "03/04/2016|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu.",
        ),
        (
            "b.txt",
            "05/06/2022|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Phong Điền, tỉnh Thừa Thiên Huế chủ trì.",
        ),
    ];
    assert_eq!(persons(build(&apart).path(), "Lò Văn Pả"), "n\n2\n");
}

#[test]
fn a_mention_without_a_position_joins_the_one_person_of_its_province() {
    let one = [
        (
            "a.txt",
            "03/04/2016|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu.",
        ),
        (
            "b.txt",
            "05/06/2022|Tại huyện Gia Lâm, ông Lò Văn Pả trao quà cho các gia đình chính sách.",
        ),
    ];
    assert_eq!(persons(build(&one).path(), "Lò Văn Pả"), "n\n1\n");
    let mut two = one.to_vec();
    two.extend([
        (
            "a2.txt",
            "10/10/2017|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh chủ trì.",
        ),
        (
            "s1.txt",
            "09/09/2016|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Sóc Sơn phát biểu.",
        ),
    ]);
    assert_eq!(
        persons(build(&two).path(), "Lò Văn Pả"),
        "n\n3\n",
        "two people of that name in Hà Nội overlap in time: the mention stays apart"
    );
}

#[test]
fn corrections_beside_the_corpus_join_and_keep_apart_on_every_build() {
    let moved = [
        (
            "a.txt",
            "03/04/2016|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu.",
        ),
        (
            "b.txt",
            "05/06/2022|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Gia Lâm chủ trì hội nghị.",
        ),
        (
            "c.txt",
            "05/06/2022|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Phong Điền, tỉnh Thừa Thiên Huế chủ trì.",
        ),
    ];
    let dir = build(&moved);
    let p = dir.path();
    assert_eq!(
        persons(p, "Lò Văn Pả"),
        "n\n2\n",
        "the move joins; Huế stays apart"
    );
    std::fs::write(
        p.join("c/corrections.txt"),
        "# what I know\n\
         apart: Lò Văn Pả (Mê Linh, Hà Nội) | Lò Văn Pả (Gia Lâm, Hà Nội)\n\
         same: Lò Văn Pả (gia lam, ha noi) = Lò Văn Pả (Phong Điền, Thừa Thiên Huế)\n",
    )
    .unwrap();
    let out = common::kg(p, &["build", "c", "-o", "g.kg"]);
    let report = common::stdout(&out);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(
        report.contains("correction c/corrections.txt:2: Lò Văn Pả (Mê Linh, Hà Nội) and Lò Văn Pả (Gia Lâm, Hà Nội) are kept apart"),
        "{report}"
    );
    assert!(
        report.contains("correction c/corrections.txt:3: "),
        "{report}"
    );
    assert!(
        report.contains("articles read: 3"),
        "the corrections are no article: {report}"
    );
    assert_eq!(
        persons(p, "Lò Văn Pả"),
        "n\n2\n",
        "Mê Linh alone; Gia Lâm with Huế"
    );
    let q = "MATCH (p:Person)-[:HOLDS]->(b) WHERE p.name = 'Lò Văn Pả' RETURN count(DISTINCT p) AS people, count(b) AS bodies;";
    let out = common::kg(p, &["query", "g.kg", "--format", "csv", "-c", q]);
    assert_eq!(common::stdout(&out), "people,bodies\n2,3\n");

    // a line naming no one stops the build, which writes nothing
    std::fs::write(
        p.join("c/corrections.txt"),
        "same: Lò Văn Pả (Cầu Giấy, Hà Nội) = Lò Văn Pả (Mê Linh, Hà Nội)\n",
    )
    .unwrap();
    let before = std::fs::read(p.join("g.kg")).unwrap();
    let out = common::kg(p, &["build", "c", "-o", "g.kg"]);
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains("c/corrections.txt:1: Lò Văn Pả (Cầu Giấy, Hà Nội) matches no one (people of that name: "),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(
        std::fs::read(p.join("g.kg")).unwrap(),
        before,
        "nothing was written"
    );
    // and a line that is no decision is named too
    std::fs::write(
        p.join("c/corrections.txt"),
        "join Lò Văn Pả and Lò Văn Pả\n",
    )
    .unwrap();
    let out = common::kg(p, &["build", "c", "-o", "g.kg"]);
    assert!(common::stderr(&out).contains("c/corrections.txt:1: expected `same:"));
}

/// The people of a graph, whatever their node ids: (name, key, sorted source articles).
fn people(dir: &std::path::Path, snap: &str) -> Vec<(String, String, Vec<String>)> {
    let out = common::kg(dir, &["export", "json", snap, "-o", "-"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut people: Vec<(String, String, Vec<String>)> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["label"] == "Person")
        .map(|n| {
            let mut arts: Vec<String> = n["sources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["article"].as_str().unwrap().to_string())
                .collect();
            arts.sort();
            arts.dedup();
            (
                n["name"].as_str().unwrap().to_string(),
                n["key"].as_str().unwrap().to_string(),
                arts,
            )
        })
        .collect();
    people.sort();
    people
}

#[test]
fn who_is_who_does_not_depend_on_the_order_of_the_articles() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let out = common::kg(
        p,
        &["synth", "--articles", "400", "--seed", "9", "-o", "all"],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    // the same articles in two halves, added in the other order, then merged the other way
    std::fs::create_dir_all(p.join("first")).unwrap();
    std::fs::create_dir_all(p.join("second")).unwrap();
    for e in std::fs::read_dir(p.join("all")).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".txt") {
            continue;
        }
        let half = if name.as_str() < "0000200.txt" {
            "second"
        } else {
            "first"
        };
        std::fs::copy(e.path(), p.join(half).join(&name)).unwrap();
    }
    for args in [
        vec!["build", "all", "-o", "whole.kg", "-j", "2"],
        vec!["build", "first", "-o", "parts.kg", "-j", "1"],
        vec!["build", "--into", "parts.kg", "second"],
        vec!["build", "second", "-o", "s.kg"],
        vec!["build", "first", "-o", "f.kg"],
        vec!["merge", "s.kg", "f.kg", "-o", "merged.kg"],
    ] {
        let out = common::kg(p, &args);
        assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
    }
    let whole = people(p, "whole.kg");
    assert!(whole.len() > 300, "{}", whole.len());
    assert!(
        whole.iter().any(|(_, _, arts)| arts.len() > 3),
        "some people recur"
    );
    assert_eq!(whole, people(p, "parts.kg"), "built in parts");
    assert_eq!(whole, people(p, "merged.kg"), "merged in the other order");
}

#[test]
fn a_split_makes_the_mentions_of_some_articles_another_person() {
    let same_district = [
        (
            "a.txt",
            "03/04/2016|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu.",
        ),
        (
            "b.txt",
            "05/06/2017|Đồng chí Lò Văn Pả - Chủ tịch UBND huyện Mê Linh chủ trì hội nghị.",
        ),
        (
            "c.txt",
            "05/06/2018|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu.",
        ),
    ];
    let dir = build(&same_district);
    let p = dir.path();
    assert_eq!(persons(p, "Lò Văn Pả"), "n\n1\n");
    std::fs::write(
        p.join("c/corrections.txt"),
        "split: Lò Văn Pả (Mê Linh, Hà Nội) in b.txt\n",
    )
    .unwrap();
    let out = common::kg(p, &["build", "c", "-o", "g.kg"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(
        common::stdout(&out).contains(
            "correction c/corrections.txt:1: Lò Văn Pả (Mê Linh, Hà Nội) in b.txt is another person"
        ),
        "{}",
        common::stdout(&out)
    );
    assert_eq!(persons(p, "Lò Văn Pả"), "n\n2\n");
    // the positions of the article split off went with it
    let q = "MATCH (p:Person)-[h:HOLDS]->() WHERE p.name = 'Lò Văn Pả' RETURN p.key CONTAINS '#split' AS split, collect(DISTINCT h.title) AS titles ORDER BY split;";
    let out = common::kg(p, &["query", "g.kg", "--format", "csv", "-c", q]);
    assert_eq!(
        common::stdout(&out),
        "split,titles\nfalse,[Bí thư]\ntrue,[Chủ tịch]\n",
        "{}",
        common::stderr(&out)
    );
    // an article that does not name the person is an error naming the line
    std::fs::write(
        p.join("c/corrections.txt"),
        "split: Lò Văn Pả (Mê Linh, Hà Nội) in nowhere.txt\n",
    )
    .unwrap();
    let out = common::kg(p, &["build", "c", "-o", "g.kg"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains(
            "c/corrections.txt:1: Lò Văn Pả (Mê Linh, Hà Nội) is not named in nowhere.txt"
        ),
        "{}",
        common::stderr(&out)
    );
}

#[test]
fn show_names_the_body_a_promoted_official_was_seen_in() {
    let promoted = [
        (
            "a.txt",
            "03/04/2016|Đồng chí Lò Văn Pả - Phó Bí thư Huyện ủy Mê Linh phát biểu.",
        ),
        (
            "b.txt",
            "05/06/2021|Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh chủ trì hội nghị.",
        ),
    ];
    let dir = build(&promoted);
    assert_eq!(persons(dir.path(), "Lò Văn Pả"), "n\n1\n");
    let out = common::kg(dir.path(), &["query", "g.kg", "-c", "show Lò Văn Pả"]);
    let card = common::stdout(&out);
    assert!(
        card.contains(
            "identity: one person: both its articles show it in Huyện ủy Mê Linh (Bí thư, Phó Bí thư)"
        ),
        "{card}"
    );
}

/// Nodes (with `joined` explanations) and relationships (with their ends) of a graph.
type Contents = (
    Vec<(kg::graph::Node, Vec<kg::graph::people::Joined>)>,
    Vec<(usize, usize, kg::graph::Edge)>,
);

/// [`Contents`] of a graph, in its order.
fn contents(g: &kg::graph::KnowledgeGraph) -> Contents {
    let nodes = g
        .graph()
        .node_weights()
        .map(|n| (n.clone(), g.joined(&n.key).to_vec()))
        .collect();
    let edges = g
        .graph()
        .raw_edges()
        .iter()
        .map(|e| (e.source().index(), e.target().index(), e.weight.clone()))
        .collect();
    (nodes, edges)
}

#[test]
fn opening_a_snapshot_carries_out_its_plan_of_people_as_resolving_it_would() {
    use kg::graph::snapshot;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for args in [
        vec!["synth", "--articles", "400", "--seed", "9", "-o", "all"],
        vec!["build", "all", "-o", "g.kg"],
    ] {
        let out = common::kg(p, &args);
        assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
    }
    let stored = snapshot::load(&p.join("g.kg")).unwrap();
    let plan = stored.resolution().unwrap();
    assert!(!plan.is_empty(), "people join in this corpus");
    assert!(plan.is_current());
    let resolved = stored.clone().resolved();
    let opened = snapshot::open(&p.join("g.kg")).unwrap();
    assert!(resolved.graph().node_count() < stored.graph().node_count());
    assert!(
        resolved
            .graph()
            .node_weights()
            .any(|n| resolved.joined(&n.key).len() > 1)
    );
    assert_eq!(contents(&opened), contents(&resolved));
    assert_eq!(stored.clone().resolved_counts(), resolved.counts());
    // opening gives the graph people question: resolving it again changes nothing
    assert_eq!(contents(&opened.clone().resolved()), contents(&opened));
    // a load is still the stored graph, whatever the snapshot stores beside it
    assert_eq!(
        contents(&snapshot::load(&p.join("g.kg")).unwrap()),
        contents(&stored)
    );
}
