//! Stage one of the pipeline: bytes to clean article text.
//!
//! `chars` classifies characters fast, `encoding` reads the bytes (UTF-8, UTF-16, legacy Vietnamese encodings), `normalize`
//! cleans the text, `html` takes the article out of a web page, `article` finds the metadata and drops what is
//! not the article, `sentence` splits the text into sentences with byte offsets, `fold`
//! gives the merge keys and the classic tone placement, `date` the calendar dates.

pub mod article;
pub mod chars;
pub mod date;
pub mod encoding;
pub mod fold;
pub mod html;
pub mod normalize;
pub mod sentence;

pub use article::Article;
pub use date::Date;
pub use encoding::Encoding;
pub use fold::{classic_tone, fold};
pub use normalize::ReadError;
pub use sentence::Span;

/// Random strings for the tests that hold a fast path to a plain reference: each of a
/// length in `lengths`, made of `pieces`, from a fixed seed (xorshift), so the same on
/// every run.
#[cfg(test)]
pub(crate) fn random_texts<'a>(
    pieces: &'a [&'a str],
    lengths: std::ops::Range<usize>,
    seed: u64,
) -> impl Iterator<Item = String> + 'a {
    let mut state = seed;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    std::iter::repeat_with(move || {
        let len = lengths.start + next(lengths.len());
        (0..len).map(|_| pieces[next(pieces.len())]).collect()
    })
}
