//! The five seed articles, embedded so that `kg build` works from any folder.

/// (file name, text) of each seed article.
pub const SEEDS: &[(&str, &str)] = &[
    (
        "000_d2d48f3f4941e773.txt",
        include_str!("../seeds/000_d2d48f3f4941e773.txt"),
    ),
    (
        "001_88ffc0705e72edea.txt",
        include_str!("../seeds/001_88ffc0705e72edea.txt"),
    ),
    (
        "002_59afc8463018b9cb.txt",
        include_str!("../seeds/002_59afc8463018b9cb.txt"),
    ),
    (
        "003_983fc3e11ccd2fb1.txt",
        include_str!("../seeds/003_983fc3e11ccd2fb1.txt"),
    ),
    (
        "004_db5d0afe82f26a39.txt",
        include_str!("../seeds/004_db5d0afe82f26a39.txt"),
    ),
];
