//! Any bytes, in every encoding, through the article reader (text or HTML) and the
//! extractor: an error or an article, never a crash.
#![no_main]

use kg::extract::extract;
use kg::graph::KnowledgeGraph;
use kg::text::{Article, Encoding};
use libfuzzer_sys::fuzz_target;

const ENCODINGS: [Encoding; 5] = [
    Encoding::Auto,
    Encoding::Utf8,
    Encoding::Windows1258,
    Encoding::Tcvn3,
    Encoding::Vni,
];

fuzz_target!(|data: &[u8]| {
    // The first byte picks the encoding, so that every decoder sees every input.
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let enc = ENCODINGS[usize::from(pick) % ENCODINGS.len()];
    if let Ok(article) = Article::parse_in("fuzz.txt", bytes, enc) {
        let facts = extract(&article);
        KnowledgeGraph::new().add(&article, &facts);
    }
});
