//! Random and damaged input for the article reader, the extractor and the snapshot loader:
//! an error or a result, never a panic or a runaway allocation.

mod common;

use std::path::Path;

use kg::extract::extract;
use kg::graph::{KnowledgeGraph, snapshot};
use kg::text::{Article, Encoding};
use proptest::prelude::*;

const SEED: &str = include_str!("../seeds/004_db5d0afe82f26a39.txt");
const PAGE: &str = include_str!("fixtures/html/portal.html");

/// Pieces of markup that mutated pages are made of.
const MARKUP: &[&str] = &[
    "<p>",
    "</p>",
    "<div class=\"menu\">",
    "</div>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<a href=\"/x\">",
    "</a>",
    "&amp;",
    "&#x1EA1;",
    "&nbsp;",
    "<h1>",
    "</h1>",
    "<table><tr><td>",
    "<meta property=\"article:published_time\" content=\"2021-02-30T25:61\">",
    "<br/>",
    "<![CDATA[",
    "<aside>",
    "<nav>",
    "\u{0}",
    "<title>",
    "<svg><foreignObject>",
];

/// ASCII letters and spaces with the high bytes of the legacy encodings, so that random
/// input looks like text in them.
const LEGACY_BYTES: &[u8] = &[
    b'a', b'e', b'o', b'u', b'y', b'i', b'n', b'g', b'h', b't', b'c', b'N', b'H', b' ', b' ',
    b'\n', b'.', 0x80, 0x93, 0xA1, 0xA7, 0xAE, 0xB0, 0xB4, 0xB5, 0xB8, 0xC2, 0xC4, 0xCF, 0xD1,
    0xD2, 0xD5, 0xD6, 0xD9, 0xDE, 0xE4, 0xE9, 0xEC, 0xF1, 0xF2, 0xF4, 0xF6, 0xF9, 0xFB, 0xFE, 0xFF,
];

const ENCODINGS: &[Encoding] = &[
    Encoding::Auto,
    Encoding::Utf8,
    Encoding::Windows1258,
    Encoding::Tcvn3,
    Encoding::Vni,
];

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
    // the metadata of a real snapshot: the bytes between the fixed header and the body
    let full = small_snapshot();
    let (meta, _, texts) = snapshot::parts_of(&full).unwrap();
    snapshot::frame(meta, body, texts)
}

fn small_snapshot() -> Vec<u8> {
    let a = Article::parse("a.txt", SEED.as_bytes()).unwrap();
    let mut g = KnowledgeGraph::new();
    g.add(&a, &extract(&a));
    snapshot::to_bytes(&g, &snapshot::Origin::seeds(), 1).unwrap()
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
    fn mutated_pages_never_panic(edits in proptest::collection::vec((0usize..6000, 0usize..300, proptest::sample::select(MARKUP), "\\PC{0,12}"), 1..12)) {
        let mut page = PAGE.to_string();
        for (at, cut, piece, text) in edits {
            let mut at = at.min(page.len());
            while !page.is_char_boundary(at) {
                at -= 1;
            }
            let mut to = (at + cut).min(page.len());
            while !page.is_char_boundary(to) {
                to -= 1;
            }
            page.replace_range(at..to, &format!("{piece}{text}"));
        }
        read_and_extract(page.as_bytes());
    }

    #[test]
    fn legacy_bytes_never_panic(bytes in proptest::collection::vec(proptest::sample::select(LEGACY_BYTES), 0..1500), enc in proptest::sample::select(ENCODINGS)) {
        if let Ok(a) = Article::parse_in("fuzz.txt", &bytes, enc) {
            let facts = extract(&a);
            KnowledgeGraph::new().add(&a, &facts);
        }
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
        let mut body = snapshot::body_of(&full).unwrap().to_vec();
        for (at, x) in flips {
            let n = body.len();
            body[at % n] ^= x | 1;
        }
        let _ = snapshot::from_bytes(&with_header(&body), Path::new("x.kg"));
    }
}

#[test]
fn a_body_claiming_a_huge_list_is_refused_without_allocating_it() {
    // A graph whose node list claims 2^60 entries: the count after the length of the
    // nodes' section, which follows the strings' section.
    let mut body = snapshot::body_of(&small_snapshot()).unwrap().to_vec();
    let strings = u64::from_le_bytes(body[..8].try_into().unwrap()) as usize;
    let count = 8 + strings + 8;
    body[count..count + 8].copy_from_slice(&(1u64 << 60).to_le_bytes());
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

#[test]
fn runs_of_stops_and_of_document_references_are_read() {
    // 1 MB of ". " once took minutes (each stop rescanned the run after it), and every
    // document reference searched the sentence from its start; bench/text.sh times them.
    let dots = Article::parse(
        "dots.txt",
        format!("Tin\n\n{}", ". ".repeat(500_000)).as_bytes(),
    )
    .unwrap();
    assert_eq!(
        dots.sentences.len(),
        1,
        "the headline; the dots are no sentence"
    );
    let refs = "Nghị quyết số 35-NQ/TU, Chỉ thị số 7-CT/TW, ".repeat(20_000);
    let a = Article::parse("refs.txt", format!("Tin\n\n{refs}").as_bytes()).unwrap();
    let facts = extract(&a);
    let documents = facts
        .entities
        .iter()
        .filter(|e| e.label == kg::schema::Label::Document)
        .count();
    assert_eq!(
        documents, 2,
        "one node per document however often it is cited"
    );
}

#[test]
fn a_huge_page_on_one_line_is_read_and_a_deep_one_refused() {
    let para = |i: usize| {
        format!(
            "<p>Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu tại hội nghị thứ {i}, \
             <a href=\"/x\">xem</a></p>"
        )
    };
    let paras: String = (0..15_000).map(para).collect();
    let wide = format!("<html><body><div>{paras}</div></body></html>");
    let a = Article::parse("wide.html", wide.as_bytes()).unwrap();
    assert!(a.text.len() > 1_000_000, "{}", a.text.len());
    assert!(!extract(&a).entities.is_empty());
    // The parser's cost grows with the square of the depth: such pages are refused.
    let deep = format!(
        "<html><body>{}{}</body></html>",
        "<div>".repeat(50_000),
        para(0)
    );
    let err = Article::parse("deep.html", deep.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "HTML nested 50000 levels deep, more than the 2000 kg reads; not an article page"
    );
}

#[test]
fn a_header_claiming_a_length_near_two_to_the_64_is_truncated_not_a_panic() {
    // found by cargo fuzz (fuzz/run.sh, target snapshot): the body's end wrapped around
    for version in [0u32, 1, 2] {
        let mut bytes = snapshot::MAGIC.to_vec();
        bytes.extend_from_slice(&version.to_le_bytes());
        if version == 2 {
            bytes.extend_from_slice(&0u32.to_le_bytes());
        }
        bytes.extend_from_slice(&(u64::MAX - 7).to_le_bytes());
        bytes.extend_from_slice(&0u32.to_le_bytes());
        let err = snapshot::from_bytes(&bytes, Path::new("x.kg")).unwrap_err();
        // format 2 fails earlier, on its empty metadata
        let expected = if version == 2 {
            "cannot decode"
        } else {
            "truncated"
        };
        assert!(err.to_string().contains(expected), "{err}");
    }
}
