//! Any line typed into the REPL, run by the session on the seeds graph with a row cap and
//! a time limit: an error line or an answer, never a crash. Commands that write or read
//! files (`:save`, `:export`, `:ingest`, `:load`) are left out, so that the fuzzer cannot
//! touch the file system.
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use kg::corpus::{BuildReport, build_seeds};
use kg::graph::KnowledgeGraph;
use kg::shell::session::{Io, NoPicker, Session};
use libfuzzer_sys::fuzz_target;

fn graph() -> &'static KnowledgeGraph {
    static G: OnceLock<KnowledgeGraph> = OnceLock::new();
    G.get_or_init(|| {
        let mut g = KnowledgeGraph::new();
        build_seeds(&mut g, &mut BuildReport::default());
        g
    })
}

const TOUCHES_FILES: &[&str] = &[":save", ":export", ":ingest", ":load"];

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    let first = line.trim_start().split_whitespace().next().unwrap_or("");
    if TOUCHES_FILES.iter().any(|c| first.eq_ignore_ascii_case(c)) {
        return;
    }
    let mut session = Session::new(graph().clone(), None);
    session.row_cap = 200;
    session.timeout = Some(Duration::from_millis(100));
    let (mut out, mut msg) = (std::io::sink(), std::io::sink());
    let mut io = Io {
        out: &mut out,
        msg: &mut msg,
        picker: &mut NoPicker,
    };
    let _ = session.execute(line, &mut io);
});
