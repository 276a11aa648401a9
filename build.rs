//! Computes `KG_EXTRACTOR`, the extractor version a snapshot records: the package version
//! and a CRC-32 of everything that decides what is extracted (the text and extract
//! stages, the graph's merge rules, the embedded data). A change to any of them changes
//! the version, so a snapshot built by another extractor is known to be stale without
//! anyone remembering to bump a number. `KG_RESOLVER` is the same of the rules of who is
//! who, which a snapshot's stored plan of people records.

use std::fs;
use std::path::{Path, PathBuf};

const INPUTS: [&str; 6] = [
    "src/text",
    "src/extract",
    "src/graph/mod.rs",
    "src/schema.rs",
    "src/schema",
    "data",
];

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = fs::read_dir(path) else {
            return;
        };
        for e in entries.flatten() {
            files(&e.path(), out);
        }
    } else {
        out.push(path.to_path_buf());
    }
}

/// What decides who is who in a graph (`KG_RESOLVER`): a snapshot's stored plan of people
/// made by other rules is not used.
const RESOLVER_INPUTS: [&str; 5] = [
    "src/graph/people",
    "src/graph/identity.rs",
    "src/graph/corrections.rs",
    "src/graph/mod.rs",
    "src/keys.rs",
];

/// `version+crc` of the files under `inputs`.
fn version_of(inputs: &[&str]) -> String {
    let mut all = Vec::new();
    for input in inputs {
        println!("cargo:rerun-if-changed={input}");
        files(Path::new(input), &mut all);
    }
    all.sort();
    let mut crc = crc32fast::Hasher::new();
    for f in &all {
        crc.update(f.to_string_lossy().as_bytes());
        crc.update(&fs::read(f).unwrap_or_default());
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    format!("{version}+{:08x}", crc.finalize())
}

fn main() {
    println!("cargo:rustc-env=KG_EXTRACTOR={}", version_of(&INPUTS));
    println!(
        "cargo:rustc-env=KG_RESOLVER={}",
        version_of(&RESOLVER_INPUTS)
    );
}
