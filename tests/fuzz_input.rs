//! Random and damaged input for the article reader, the extractor and the snapshot loader:
//! an error or a result, never a panic or a runaway allocation.

mod common;

use std::path::Path;

use kg::extract::extract;
use kg::graph::{KnowledgeGraph, snapshot};
use kg::text::Article;
use proptest::prelude::*;

const SEED: &str = include_str!("../seeds/004_db5d0afe82f26a39.txt");

fn read_and_extract(bytes: &[u8]) {
    if let Ok(a) = Article::parse("fuzz.txt", bytes) {
        let facts = extract(&a);
        let mut g = KnowledgeGraph::new();
        g.add(&a, &facts);
    }
}

/// A valid snapshot body under a header whose checksum matches, so that the decoder
/// itself sees the bytes.
fn with_header(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(snapshot::MAGIC);
    out.extend_from_slice(&snapshot::VERSION.to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(body).to_le_bytes());
    out.extend_from_slice(body);
    out
}

fn small_snapshot() -> Vec<u8> {
    let a = Article::parse("a.txt", SEED.as_bytes()).unwrap();
    let mut g = KnowledgeGraph::new();
    g.add(&a, &extract(&a));
    snapshot::to_bytes(&g).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: common::fuzz_cases(600), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        read_and_extract(&bytes);
    }

    #[test]
    fn mutated_articles_never_panic(cut in 0usize..4000, len in 0usize..400, insert in "\\PC{0,40}", at in 0usize..4000) {
        let mut chars: Vec<char> = SEED.chars().collect();
        let from = cut.min(chars.len());
        let to = (from + len).min(chars.len());
        chars.drain(from..to);
        let at = at.min(chars.len());
        let mut text: String = chars[..at].iter().collect();
        text.push_str(&insert);
        text.extend(&chars[at..]);
        read_and_extract(text.as_bytes());
    }

    #[test]
    fn damaged_snapshots_give_an_error(flips in proptest::collection::vec((0usize..200_000, any::<u8>()), 1..8), cut in proptest::option::of(0usize..200_000)) {
        let mut bytes = small_snapshot();
        for (at, x) in flips {
            let n = bytes.len();
            bytes[at % n] ^= x | 1;
        }
        if let Some(c) = cut {
            let n = bytes.len();
            bytes.truncate(c % n);
        }
        let _ = snapshot::from_bytes(&bytes, Path::new("x.kg"));
    }

    #[test]
    fn bodies_that_pass_the_checksum_still_decode_safely(flips in proptest::collection::vec((0usize..200_000, any::<u8>()), 1..6)) {
        let full = small_snapshot();
        let mut body = full[24..].to_vec();
        for (at, x) in flips {
            let n = body.len();
            body[at % n] ^= x | 1;
        }
        let _ = snapshot::from_bytes(&with_header(&body), Path::new("x.kg"));
    }
}

#[test]
fn a_body_claiming_a_huge_list_is_refused_without_allocating_it() {
    // A graph whose node list claims 2^60 entries.
    let mut body = small_snapshot()[24..].to_vec();
    body[..8].copy_from_slice(&(1u64 << 60).to_le_bytes());
    let err = snapshot::from_bytes(&with_header(&body), Path::new("x.kg")).unwrap_err();
    assert!(err.to_string().contains("cannot decode snapshot"), "{err}");
}

#[test]
fn a_long_file_without_line_breaks_is_read() {
    // One 1.4 MB sentence with 20 000 mentions. Its cost grows linearly: bench/run.sh
    // measures it at two sizes (a mention-by-sentence rescan once made this quadratic).
    let line =
        "Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu tại hội nghị, ".repeat(20_000);
    let a = Article::parse("long.txt", format!("Tin\n\n{line}").as_bytes()).unwrap();
    let facts = extract(&a);
    assert!(!facts.entities.is_empty());
}
