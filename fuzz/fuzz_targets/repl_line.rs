//! Any line typed into the REPL, run by the session on the seeds graph with a row cap and
//! a time limit: an error line or an answer, never a crash. Commands that write or read
//! files (`:save`, `:export`, `:ingest`, `:load`, `:source`, with or without `!`, and the
//! dot commands that stand for them) are left out, so that the fuzzer cannot touch the
//! file system.
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

const TOUCHES_FILES: &[&str] = &[":save", ":export", ":ingest", ":load", ":source"];

/// Whether the session would read or write a file for `line`: its command as the session
/// reads it (a dot command turned into its `:` form), without a `!`.
fn touches_files(line: &str) -> bool {
    let line = line.trim();
    let command = match line.starts_with('.') {
        true => kg::shell::habits::dot(line).unwrap_or_default(),
        false => line.to_string(),
    };
    let first = command.split_whitespace().next().unwrap_or("");
    let first = first.trim_end_matches('!');
    TOUCHES_FILES.iter().any(|c| first.eq_ignore_ascii_case(c))
}

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    if touches_files(line) {
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
