//! Parser tests: every construct of the language, and where errors point.

use super::*;

fn q(s: &str) -> Query {
    match parse(s) {
        Ok(q) => q,
        Err(e) => panic!("{}", e.render(s)),
    }
}

fn first_match(s: &str) -> Match {
    match q(s).clauses.into_iter().next() {
        Some(Clause::Match(m)) => m,
        other => panic!("not a MATCH: {other:?}"),
    }
}

fn ret(s: &str) -> Projection {
    match q(s).clauses.pop() {
        Some(Clause::Return(p)) => p,
        other => panic!("not a RETURN: {other:?}"),
    }
}

fn where_of(s: &str) -> ExprKind {
    first_match(s).filter.expect("a WHERE").kind
}

fn err_at(s: &str) -> (usize, String) {
    let e = parse(s).expect_err("an error");
    (e.pos.expect("a position"), e.message)
}

#[test]
fn node_patterns_with_labels_and_properties() {
    let m = first_match("MATCH (p:Person:Official {name: 'Lê Văn A', ordinal: 3}) RETURN p");
    let n = &m.patterns[0].start;
    assert_eq!(n.var.as_deref(), Some("p"));
    let labels: Vec<&str> = n.labels.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["Person", "Official"]);
    assert_eq!(n.props.len(), 2);
    assert_eq!(n.props[0].0, "name");
    assert_eq!(
        n.props[1].1.kind,
        ExprKind::Lit(Literal::Int(3)),
        "property values are expressions"
    );
}

#[test]
fn relationship_directions_types_and_lengths() {
    let m = first_match(
        "MATCH (a)-[r:HOLDS]->(b), (a)<-[:CHAIRED|:ATTENDED]-(c), (a)-[]-(d), (a)-->(e), \
         (a)-[:IN*1..3]->(f), (a)-[*]-(g), (a)-[*2]-(h), (a)-[*..4]-(i), (a)-[*0..]-(j) RETURN a",
    );
    let rels: Vec<&RelPat> = m.patterns.iter().map(|p| &p.steps[0].0).collect();
    assert_eq!(rels[0].var.as_deref(), Some("r"));
    assert_eq!(rels[0].dir, Dir::Out);
    assert_eq!(rels[1].dir, Dir::In);
    let types: Vec<&str> = rels[1].types.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(types, ["CHAIRED", "ATTENDED"]);
    assert_eq!(rels[2].dir, Dir::Both);
    assert!(rels[2].types.is_empty());
    assert_eq!(rels[3].dir, Dir::Out);
    assert_eq!(rels[4].length, Some((1, Some(3))));
    assert_eq!(rels[5].length, Some((1, None)));
    assert_eq!(rels[6].length, Some((2, Some(2))));
    assert_eq!(rels[7].length, Some((1, Some(4))));
    assert_eq!(rels[8].length, Some((0, None)));
    assert_eq!(rels[0].length, None);
}

#[test]
fn chains_named_paths_and_shortest_path() {
    let m = first_match("MATCH p = (a)-[:X]->(b)<-[:Y]-(c) RETURN p");
    assert_eq!(m.patterns[0].path_var.as_deref(), Some("p"));
    assert_eq!(m.patterns[0].steps.len(), 2);
    let m = first_match("MATCH p = shortestPath((a)-[*..5]-(b)) RETURN p");
    assert!(m.patterns[0].shortest);
}

#[test]
fn optional_match_and_several_clauses() {
    let query = q(
        "MATCH (p:Person) OPTIONAL MATCH (p)-[:CHAIRED]->(m) WHERE m.date > '2020' \
                   WITH p, count(m) AS n WHERE n > 0 RETURN p.name, n",
    );
    assert_eq!(query.clauses.len(), 4);
    assert!(matches!(&query.clauses[1], Clause::Match(m) if m.optional && m.filter.is_some()));
    assert!(matches!(&query.clauses[2], Clause::With(w) if w.filter.is_some()));
}

#[test]
fn comparison_and_boolean_operators() {
    for (src, op) in [
        ("a = 1", BinOp::Eq),
        ("a <> 1", BinOp::Ne),
        ("a != 1", BinOp::Ne),
        ("a < 1", BinOp::Lt),
        ("a <= 1", BinOp::Le),
        ("a > 1", BinOp::Gt),
        ("a >= 1", BinOp::Ge),
        ("a =~ 'x.*'", BinOp::Regex),
        ("a IN [1, 2]", BinOp::In),
        ("a STARTS WITH 'x'", BinOp::StartsWith),
        ("a ENDS WITH 'x'", BinOp::EndsWith),
        ("a CONTAINS 'x'", BinOp::Contains),
        ("a = 1 AND b = 2", BinOp::And),
        ("a = 1 OR b = 2", BinOp::Or),
        ("a = 1 XOR b = 2", BinOp::Xor),
    ] {
        let kind = where_of(&format!("MATCH (a) WHERE {src} RETURN a"));
        assert!(
            matches!(kind, ExprKind::Binary(o, _, _) if o == op),
            "{src}: {kind:?}"
        );
    }
    assert!(matches!(
        where_of("MATCH (a) WHERE NOT a.x IS NULL RETURN a"),
        ExprKind::Not(_)
    ));
    assert!(matches!(
        where_of("MATCH (a) WHERE a.x IS NOT NULL RETURN a"),
        ExprKind::IsNull(_, true)
    ));
    assert!(matches!(
        where_of("match (a) where a.x is null return a"),
        ExprKind::IsNull(_, false)
    ));
}

#[test]
fn precedence_and_binds_tighter_than_or() {
    let kind = where_of("MATCH (a) WHERE a.x = 1 OR a.y = 2 AND a.z = 3 RETURN a");
    let ExprKind::Binary(BinOp::Or, _, right) = kind else {
        panic!("OR at the top: {kind:?}")
    };
    assert!(matches!(right.kind, ExprKind::Binary(BinOp::And, _, _)));
    let kind = where_of("MATCH (a) WHERE a.n + 2 * 3 > 1 RETURN a");
    let ExprKind::Binary(BinOp::Gt, left, _) = kind else {
        panic!("{kind:?}")
    };
    assert!(matches!(left.kind, ExprKind::Binary(BinOp::Add, _, _)));
}

#[test]
fn return_items_aliases_distinct_order_skip_limit() {
    let p = ret(
        "MATCH (p) RETURN DISTINCT p.name AS name, count(*), toLower(p.name) \
                 ORDER BY name DESC, p.key SKIP 2 LIMIT 10",
    );
    assert!(p.distinct);
    assert_eq!(p.items[0].alias, "name");
    assert!(p.items[0].explicit);
    assert_eq!(p.items[1].alias, "count(*)");
    assert_eq!(p.items[1].expr.kind, ExprKind::CountStar);
    assert_eq!(p.items[2].alias, "toLower(p.name)");
    assert_eq!(p.order.len(), 2);
    assert!(p.order[0].1 && !p.order[1].1);
    assert!(p.skip.is_some() && p.limit.is_some());
    assert!(ret("MATCH (p) RETURN *").star);
}

#[test]
fn literals_params_lists_functions() {
    let p = ret(
        "RETURN null, true, false, -3, 'chuỗi', [1, 'a', null], $who, \
                 count(DISTINCT $x), coalesce(null, 1), [1,2][0]",
    );
    let kinds: Vec<&ExprKind> = p.items.iter().map(|i| &i.expr.kind).collect();
    assert_eq!(kinds[0], &ExprKind::Lit(Literal::Null));
    assert_eq!(kinds[1], &ExprKind::Lit(Literal::Bool(true)));
    assert_eq!(kinds[2], &ExprKind::Lit(Literal::Bool(false)));
    assert!(matches!(kinds[3], ExprKind::Neg(_)));
    assert_eq!(kinds[4], &ExprKind::Lit(Literal::Str("chuỗi".into())));
    assert!(matches!(kinds[5], ExprKind::List(v) if v.len() == 3));
    assert_eq!(kinds[6], &ExprKind::Param("who".into()));
    assert!(matches!(kinds[7], ExprKind::Call { distinct: true, .. }));
    assert!(
        matches!(kinds[8], ExprKind::Call { name, args, .. } if name == "coalesce" && args.len() == 2)
    );
    assert!(matches!(kinds[9], ExprKind::Index(_, _)));
}

#[test]
fn keywords_are_case_insensitive_and_backticks_quote() {
    let m = first_match("match (`match`:Person) where `match`.name = 'x' return `match`");
    assert_eq!(m.patterns[0].start.var.as_deref(), Some("match"));
    assert!(parse("MATCH (a) RETURN a;").is_ok(), "a trailing semicolon");
}

#[test]
fn errors_name_the_expected_token_and_position() {
    let (pos, msg) = err_at("MATCH (p:Person RETURN p");
    assert_eq!(pos, 16);
    assert!(msg.contains("expected ')'"), "{msg}");
    let (pos, msg) = err_at("MATCH (p) WHERE p.name = RETURN p");
    assert_eq!(pos, 25);
    assert!(msg.contains("expected an expression"), "{msg}");
    let (pos, msg) = err_at("MATCH (p)");
    assert_eq!(pos, 9);
    assert!(msg.contains("the end of the query"), "{msg}");
    let (pos, _) = err_at("RETRUN 1");
    assert_eq!(pos, 0);
    let (pos, msg) = err_at("MATCH (a)-[:X*a]->(b) RETURN a");
    assert_eq!(pos, 14);
    assert!(msg.contains("']'"), "{msg}");
    let (pos, msg) = err_at("MATCH (a) RETURN a LIMIT 1 2");
    assert_eq!(pos, 27);
    assert!(msg.contains("after the end"), "{msg}");
    let (pos, _) = err_at("MATCH (a) RETURN a.");
    assert_eq!(pos, 19);
    let (pos, _) = err_at("MATCH (a)\nWHERE a.x IS 3 RETURN a");
    assert_eq!(pos, 23);
}

#[test]
fn nesting_and_length_are_bounded_so_the_stack_is() {
    let deep =
        |open: &str, close: &str| format!("RETURN {}1{}", open.repeat(100), close.repeat(100));
    for src in [
        deep("(", ")"),
        deep("[", "]"),
        deep("NOT ", ""),
        deep("-", ""),
        deep("toLower(", ")"),
    ] {
        let (_, msg) = err_at(&src);
        assert_eq!(msg, "expression nested too deeply (more than 64 levels)");
    }
    let within = format!("RETURN {}1{}", "(".repeat(60), ")".repeat(60));
    assert!(parse(&within).is_ok());
    let long = format!("RETURN {}", vec!["1"; 2001].join(" + "));
    let (pos, msg) = err_at(&long);
    assert_eq!(msg, "query too long: more than 4000 tokens");
    assert_eq!(&long[pos..pos + 1], "+");
    // Long chains are parsed by loops, but their trees are bounded too.
    let chain = |n: usize| format!("RETURN {}", vec!["1"; n].join(" + "));
    assert!(parse(&chain(256)).is_ok());
    let (pos, msg) = err_at(&chain(300));
    assert_eq!(
        msg,
        "expression too deep: more than 256 levels of operators"
    );
    assert_eq!(pos, 7);
}

/// Prints a query and parses the print again: the second print must equal the first, and
/// the trees must agree (positions and the text of unnamed columns aside).
fn round_trip(s: &str) -> String {
    let printed = q(s).to_string();
    let again = match parse(&printed) {
        Ok(t) => t.to_string(),
        Err(e) => panic!(
            "{s}\nprinted as\n{printed}\ndoes not parse: {}",
            e.render(&printed)
        ),
    };
    assert_eq!(printed, again, "{s}");
    printed
}

#[test]
fn every_construct_prints_back_to_a_query_that_parses_the_same() {
    for s in [
        "MATCH (p:Person {name: 'Lê Văn A'})-[r:HOLDS*1..3]->(b)<-[:IN]-(c) RETURN p, r, b",
        "OPTIONAL MATCH p = shortestPath((a)-[*..4]-(b)) WITH a, count(*) AS n WHERE n > 1 \
         RETURN DISTINCT a.name AS name ORDER BY name DESC SKIP 1 LIMIT 2",
        "MATCH (a) WHERE a.x =~ 'x.*' AND NOT a.y IS NULL OR a.z IN [1, 2] XOR -a.w < 3 \
         RETURN a.name STARTS WITH 'L', a.name ENDS WITH 'n', a.name CONTAINS 'ă', $p",
        "MATCH (p:Person) WHERE NOT (p)-[:CHAIRED]->() AND (p)<-[:MENTIONS]-(:Article) RETURN p",
        "MATCH (p) WHERE EXISTS { MATCH (p)-[:HOLDS]->(b) WHERE b.level = 'district' } RETURN p",
        "MATCH (m) RETURN CASE m.ordinal WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'more' END AS o",
        "MATCH (m) RETURN CASE WHEN m.ordinal > 10 THEN 'late' END AS o",
        "UNWIND [1, 2, 3] AS x RETURN x * 2 AS y",
        "CALL db.labels()",
        "CALL db.schema() YIELD source, target WHERE source = 'Person' RETURN *",
        "EXPLAIN MATCH (n) RETURN count(*)",
        "PROFILE MATCH (n) RETURN substring(n.name, 0, 3), date(n.date).year, `weird name`",
        "RETURN 'it\\'s', \"tab\\there\", [] AS `end`",
    ] {
        round_trip(s);
    }
    assert_eq!(
        round_trip("MATCH (a)-->(b) WHERE a.x = 1 + 2 * 3 RETURN a"),
        "MATCH (a)-[]->(b) WHERE (a.x = (1 + (2 * 3))) RETURN a AS a"
    );
}

#[test]
fn pattern_predicates_exists_and_case() {
    let ExprKind::Not(inner) = where_of("MATCH (p) WHERE NOT (p)-[:CHAIRED]->() RETURN p") else {
        panic!("not a NOT")
    };
    let ExprKind::Exists(m) = &inner.kind else {
        panic!("not a pattern predicate: {inner:?}")
    };
    assert_eq!(m.patterns[0].steps[0].0.types[0].0, "CHAIRED");
    assert_eq!(m.variables(), ["p"]);
    // a parenthesis that opens an expression stays one
    assert!(matches!(
        where_of("MATCH (p) WHERE (p.x = 1) RETURN p"),
        ExprKind::Binary(BinOp::Eq, ..)
    ));
    assert!(matches!(
        where_of("MATCH (p) WHERE (p) = (p) RETURN p"),
        ExprKind::Binary(BinOp::Eq, ..)
    ));
    let ExprKind::Exists(m) =
        where_of("MATCH (p) WHERE EXISTS { (p)-[:HOLDS]->(b) WHERE b.level = 'x' } RETURN p")
    else {
        panic!("not EXISTS")
    };
    assert!(m.filter.is_some());
    assert!(matches!(
        where_of("MATCH (p) WHERE exists(p.name) RETURN p"),
        ExprKind::IsNull(_, true)
    ));
    let r = ret("RETURN CASE 1 WHEN 1 THEN 'a' ELSE 'b' END");
    assert!(
        matches!(&r.items[0].expr.kind, ExprKind::Case { subject: Some(_), whens, default: Some(_) } if whens.len() == 1)
    );
    let (_, msg) = err_at("RETURN CASE WHEN true THEN 1");
    assert_eq!(
        msg,
        "expected WHEN, ELSE or END, found the end of the query"
    );
    let (_, msg) = err_at("RETURN CASE END");
    assert_eq!(msg, "expected WHEN, found 'END'");
}

#[test]
fn unwind_call_explain_and_profile() {
    let query = q("UNWIND [1, 2] AS x RETURN x");
    assert!(matches!(&query.clauses[0], Clause::Unwind { alias, .. } if alias == "x"));
    let query = q("CALL db.labels() YIELD label WHERE label <> 'Article'");
    assert!(matches!(
        &query.clauses[..],
        [Clause::Call { name, yields, filter: Some(_), .. }] if name == "db.labels" && yields == &["label"]
    ));
    assert_eq!(q("EXPLAIN RETURN 1").mode, Mode::Explain);
    assert_eq!(q("profile RETURN 1").mode, Mode::Profile);
    assert_eq!(q("RETURN 1").mode, Mode::Run);
    let (pos, msg) = err_at("MATCH (n) UNWIND");
    assert_eq!(
        (pos, msg.as_str()),
        (16, "expected an expression, found the end of the query")
    );
}
