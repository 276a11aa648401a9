//! Corpus building, below the command line so that the shell's `:ingest` uses it too:
//! which files a folder holds ([`walk`]), reading and extracting them in parallel and
//! merging them in order ([`read`]), and the five seed articles embedded in the binary.

pub mod build;
pub mod read;
pub mod walk;

pub use build::{Built, read_into};
pub use read::{add_new_articles, build_seeds};
pub use walk::{ARTICLE_EXTENSIONS, Input, collect_inputs, not_read_line};

use crate::text::Encoding;

/// An input that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: String,
    /// The reason; its `Display` is one line.
    pub reason: SkipReason,
}

/// Why an input was not read: each says what to do about it when anything can be done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    /// Nothing at that path.
    #[error("no such file or folder")]
    Missing,
    /// A symbolic link to nothing.
    #[error("broken symbolic link")]
    BrokenLink,
    /// A pipe, socket or device: reading it could block forever.
    #[error("not a regular file (a pipe, socket or device)")]
    NotAFile,
    /// A folder whose entries cannot be listed (the system's message).
    #[error("{0}")]
    Folder(String),
    /// Larger than `--max-article-mb`: refused before it is read.
    #[error(
        "{:.1} MB, more than an article can be ({limit_mb} MB); if it is one, build again with --max-article-mb {}",
        *bytes as f64 / 1e6,
        bytes.div_ceil(1 << 20)
    )]
    TooLarge {
        /// Its size.
        bytes: u64,
        /// The limit it passed, in MiB.
        limit_mb: u64,
    },
    /// Listed, then gone before it was read.
    #[error("gone before it could be read (moved or deleted during the build)")]
    Gone,
    /// The system would not read it (its message).
    #[error("cannot read: {0}")]
    Unreadable(String),
    /// Read, but no article could be made of it.
    #[error("{0}")]
    NotAnArticle(#[from] crate::text::ReadError),
}

/// How `kg build` reads articles.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Threads reading and extracting articles (all cores when `None`).
    pub jobs: Option<usize>,
    /// `--encoding`.
    pub encoding: Encoding,
    /// `--max-article-mb`: a larger file is skipped before it is read, not read whole
    /// and then found to be no article.
    pub max_article_mb: u64,
}

/// The size above which a file is not read as an article unless `--max-article-mb` says.
pub const DEFAULT_MAX_ARTICLE_MB: u64 = 64;

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            jobs: None,
            encoding: Encoding::Auto,
            max_article_mb: DEFAULT_MAX_ARTICLE_MB,
        }
    }
}

/// The outcome of a build.
#[derive(Debug, Default)]
pub struct BuildReport {
    /// Articles read.
    pub read: usize,
    /// Files that could not be read.
    pub skipped: Vec<Skipped>,
    /// Files read from a legacy encoding: (path, encoding).
    pub converted: Vec<(String, &'static str)>,
    /// Files of folders that are not articles, counted by extension (`""` for none).
    pub not_read: std::collections::BTreeMap<String, usize>,
}

/// A progress bar on standard error when it is a terminal, hidden otherwise.
pub fn progress(len: u64, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg} {bar:40} {pos}/{len} articles, {per_sec}, {eta} left",
    ) {
        bar.set_style(style);
    }
    bar.set_message(what.to_string());
    bar
}

/// The five seed articles, embedded so that `kg build` works from any folder: (file
/// name, text) of each.
pub const SEEDS: &[(&str, &str)] = &[
    (
        "000_d2d48f3f4941e773.txt",
        include_str!("../../seeds/000_d2d48f3f4941e773.txt"),
    ),
    (
        "001_88ffc0705e72edea.txt",
        include_str!("../../seeds/001_88ffc0705e72edea.txt"),
    ),
    (
        "002_59afc8463018b9cb.txt",
        include_str!("../../seeds/002_59afc8463018b9cb.txt"),
    ),
    (
        "003_983fc3e11ccd2fb1.txt",
        include_str!("../../seeds/003_983fc3e11ccd2fb1.txt"),
    ),
    (
        "004_db5d0afe82f26a39.txt",
        include_str!("../../seeds/004_db5d0afe82f26a39.txt"),
    ),
];
