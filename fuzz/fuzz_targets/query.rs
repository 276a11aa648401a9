//! Any text through the query parser, planner and evaluator on the seeds graph, with a
//! row cap and a deadline: an error or a result, never a crash.
#![no_main]

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use kg::corpus::{BuildReport, build_seeds};
use kg::graph::{GraphIndex, KnowledgeGraph};
use kg::query::{Options, Params, execute};
use libfuzzer_sys::fuzz_target;

fn graph() -> &'static (KnowledgeGraph, GraphIndex) {
    static G: OnceLock<(KnowledgeGraph, GraphIndex)> = OnceLock::new();
    G.get_or_init(|| {
        let mut g = KnowledgeGraph::new();
        build_seeds(&mut g, &mut BuildReport::default());
        let ix = GraphIndex::new(&g);
        (g, ix)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else {
        return;
    };
    let (g, ix) = graph();
    let opts = Options {
        row_cap: 200,
        deadline: Some(Instant::now() + Duration::from_millis(100)),
        cancel: None,
        memory: 64 << 20,
    };
    let _ = execute(q, g, ix, &Params::new(), &opts);
});
