//! Running the `kg` binary like a user.
#![allow(dead_code)] // each test binary uses a different part of this module

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs `kg` with `args` in `dir`.
pub fn kg(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the kg binary runs")
}

/// Runs `kg` with `args` in `dir`, with `input` on standard input.
pub fn kg_with_input(dir: &Path, args: &[&str], input: &str) -> Output {
    kg_with_input_bytes(dir, args, input.as_bytes())
}

/// Runs `kg` with `args` in `dir`, with these bytes on standard input.
pub fn kg_with_input_bytes(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the kg binary runs");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).expect("kg reads its input");
    }
    child.wait_with_output().expect("kg finishes")
}

/// How many nodes and edges a snapshot holds, read from its JSON export.
pub fn counts(dir: &Path, snapshot: &Path) -> (usize, usize) {
    let out = kg(
        dir,
        &["export", "json", &snapshot.to_string_lossy(), "-o", "-"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let len = |k: &str| v[k].as_array().map_or(0, Vec::len);
    (len("nodes"), len("edges"))
}

/// Builds the seed articles into `seeds.kg` in a new temporary folder.
pub fn seeds_snapshot() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let snap = dir.path().join("seeds.kg");
    let out = kg(
        dir.path(),
        &[
            "build",
            &seeds.to_string_lossy(),
            "-o",
            &snap.to_string_lossy(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("articles read: 5"));
    (dir, snap)
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The "articles: N" line of `kg stats`, or `None` when the snapshot does not load.
pub fn articles_in(dir: &Path, snap: &str) -> Option<String> {
    let out = kg(dir, &["stats", snap]);
    out.status
        .success()
        .then(|| stdout(&out).lines().nth(1).unwrap_or("").to_string())
}

/// Cases per property test: the default keeps `cargo test` short; `KG_FUZZ_CASES=100000`
/// runs a long campaign.
pub fn fuzz_cases(default: u32) -> u32 {
    std::env::var("KG_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
