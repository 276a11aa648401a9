//! Any bytes through the snapshot loader, with the header's checksum made right half the
//! time so that the decoder itself sees the bytes: an error or a graph, never a crash.
#![no_main]

use std::path::Path;

use kg::graph::snapshot;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = snapshot::from_bytes(data, Path::new("fuzz.kg"));
    let mut framed = Vec::with_capacity(data.len() + 24);
    framed.extend_from_slice(snapshot::MAGIC);
    framed.extend_from_slice(&snapshot::VERSION.to_le_bytes());
    framed.extend_from_slice(&(data.len() as u64).to_le_bytes());
    framed.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
    framed.extend_from_slice(data);
    let _ = snapshot::from_bytes(&framed, Path::new("fuzz.kg"));
});
