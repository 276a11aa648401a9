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
