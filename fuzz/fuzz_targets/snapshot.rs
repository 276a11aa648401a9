//! Any bytes through the snapshot loader, with the header's checksum made right half the
//! time so that the decoder itself sees the bytes: an error or a graph, never a crash.
#![no_main]

use std::path::Path;

use kg::graph::snapshot;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = snapshot::from_bytes(data, Path::new("fuzz.kg"));
    // the first bytes as metadata, the rest as the body and the texts after it
    let cut = data.first().map_or(0, |&n| usize::from(n).min(data.len()));
    let (meta, rest) = data.split_at(cut);
    let texts = data.get(1).map_or(0, |&n| usize::from(n).min(rest.len()));
    let (body, texts) = rest.split_at(rest.len() - texts);
    let framed = snapshot::frame(meta, body, texts);
    let _ = snapshot::from_bytes(&framed, Path::new("fuzz.kg"));
});
