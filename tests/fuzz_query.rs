//! Random and mutated queries through the parser, planner and evaluator on the seeds graph:
//! no panic, and no hang (every run has a deadline and a row cap).

mod common;

use std::time::{Duration, Instant};

use kg::corpus::{BuildReport, build_seeds};
use kg::graph::{GraphIndex, KnowledgeGraph};
use kg::query::{Options, Params, execute, parser::parse};
use proptest::prelude::*;

fn graph() -> &'static (KnowledgeGraph, GraphIndex) {
    static G: std::sync::OnceLock<(KnowledgeGraph, GraphIndex)> = std::sync::OnceLock::new();
    G.get_or_init(|| {
        let mut g = KnowledgeGraph::new();
        build_seeds(&mut g, &mut BuildReport::default());
        let ix = GraphIndex::new(&g);
        (g, ix)
    })
}

fn run(q: &str) {
    let (g, ix) = graph();
    let opts = Options {
        row_cap: 200,
        deadline: Some(Instant::now() + Duration::from_millis(200)),
        cancel: None,
        memory: 64 << 20,
    };
    let started = Instant::now();
    let _ = execute(q, g, ix, &Params::new(), &opts);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the deadline did not stop {q:?}"
    );
}

const VALID: [&str; 8] = [
    "MATCH (p:Person)-[:CHAIRED]->(m:Meeting) RETURN p.name, m.date ORDER BY m.date",
    "MATCH (p:Person {name: 'nguyen van nam'})-[h:HOLDS]->(b) RETURN h.title, b.name",
    "MATCH (c:PartyCommittee) OPTIONAL MATCH (c)-[:CONVENED]->(m) RETURN c.name, count(m) AS n ORDER BY n DESC",
    "MATCH (a)-[r:IN*1..3]->(b:Province) RETURN DISTINCT a.name, size(r) SKIP 1 LIMIT 5",
    "MATCH (a:Person), (b:Province), p = shortestPath((a)-[*..4]-(b)) RETURN length(p), nodes(p)",
    "MATCH (n) WHERE n.name =~ 'Hội.*' OR n.key CONTAINS 'quan' XOR NOT n.date IS NULL RETURN labels(n), collect(n.name)[0]",
    "MATCH (m:Meeting) WITH m, m.ordinal AS o WHERE o IN [3, 5, 18] RETURN toUpper(m.name), coalesce(m.term, 'x') + o",
    "MATCH (p)-[r]-(q) RETURN type(r), min(p.name), max(q.key), sum(id(r)) ORDER BY type(r)",
];

const PIECES: [&str; 34] = [
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    "..",
    "*",
    "-",
    "->",
    "<-",
    "=",
    "<>",
    "=~",
    "'",
    "\"",
    "$x",
    "MATCH",
    "OPTIONAL",
    "WHERE",
    "RETURN",
    "WITH",
    "AND",
    "NOT",
    "IN",
    "count(*)",
    "(x)",
    "-[*0..9]-",
    "Person",
    "ủy",
    "9999999999999999999999",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: common::fuzz_cases(3000), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_the_parser(s in "\\PC{0,80}") {
        let _ = parse(&s);
    }

    #[test]
    fn mutated_queries_never_panic_or_hang(
        which in 0..VALID.len(),
        cut in 0usize..200,
        len in 0usize..12,
        insert in 0..PIECES.len(),
        at in 0usize..200,
    ) {
        let base = VALID[which];
        let mut chars: Vec<char> = base.chars().collect();
        let from = cut.min(chars.len());
        let to = (from + len).min(chars.len());
        chars.drain(from..to);
        let at = at.min(chars.len());
        let mut q: String = chars[..at].iter().collect();
        q.push_str(PIECES[insert]);
        q.extend(&chars[at..]);
        run(&q);
    }

    #[test]
    fn random_token_soup_never_panics_or_hangs(picks in proptest::collection::vec(0..PIECES.len(), 0..25)) {
        let q: Vec<&str> = picks.iter().map(|i| PIECES[*i]).collect();
        run(&q.join(" "));
    }
}

#[test]
fn every_valid_base_query_runs() {
    let (g, ix) = graph();
    for q in VALID {
        if let Err(e) = execute(q, g, ix, &Params::new(), &Options::default()) {
            panic!("{}", e.render(q));
        }
    }
}

#[test]
fn inputs_cargo_fuzz_crashed_on_are_refused_cleanly() {
    // A stack overflow in the parser on 9 KB of nested '[' (fuzz/run.sh, query target).
    let crash = include_bytes!("fixtures/fuzz/query-stack-overflow.txt");
    run(&String::from_utf8_lossy(crash));
    // Long chains: refused past 256 levels, run through planner and evaluator below.
    for n in [250, 1990] {
        let and = vec!["n.name <> 'a'"; n.min(655)].join(" AND ");
        run(&format!("MATCH (n) WHERE {and} RETURN count(n)"));
        let sum = vec!["1"; n].join(" + ");
        run(&format!("MATCH (n) RETURN {sum} AS x LIMIT 1"));
        run(&format!("MATCH (n) RETURN n{} LIMIT 1", ".name".repeat(n)));
    }
}
