//! `kg synth`: writes a generated corpus to a folder, in parallel, with `truth.tsv`: who
//! each name of each article is. The same seed gives the same files whatever the number of
//! threads.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::{Context as _, Result};
use rayon::prelude::*;

use crate::synth::{Dice, World, article};

/// Each article draws from its own stream, derived from the seed and its number.
fn article_seed(seed: u64, i: usize) -> u64 {
    seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The ground truth `kg synth` writes beside the articles: `article<TAB>name<TAB>person`,
/// one row per official an article names (the file, the name as written, the person's
/// stable id `pN` in the generated world).
pub const TRUTH_FILE: &str = "truth.tsv";

/// `kg synth --articles N --seed S -o DIR`.
pub fn synth(articles: usize, seed: u64, dir: &Path, out: &mut impl Write) -> Result<()> {
    let started = Instant::now();
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create folder", dir.display()))?;
    let world = World::new(&mut Dice::new(seed));
    let bytes = AtomicU64::new(0);
    let bar = crate::corpus::progress(articles as u64, "writing");
    let truth: Vec<String> = (0..articles)
        .into_par_iter()
        .map(|i| -> Result<String> {
            let mut dice = Dice::new(article_seed(seed, i));
            let a = article(&world, &mut dice, i);
            let path = dir.join(&a.file);
            std::fs::write(&path, &a.text)
                .with_context(|| format!("{}: cannot write", path.display()))?;
            bytes.fetch_add(a.text.len() as u64, Ordering::Relaxed);
            bar.inc(1);
            Ok(a.mentions
                .iter()
                .map(|(name, p)| format!("{}\t{name}\tp{p}\n", a.file))
                .collect())
        })
        .collect::<Result<_>>()?;
    bar.finish_and_clear();
    let truth = format!("article\tname\tperson\n{}", truth.concat());
    crate::export::write_atomically(&dir.join(TRUTH_FILE), truth.as_bytes())?;
    let mb = bytes.load(Ordering::Relaxed) as f64 / 1e6;
    writeln!(
        out,
        "wrote {articles} articles ({mb:.1} MB) to {} in {:.2} s (seed {seed})",
        dir.display(),
        started.elapsed().as_secs_f64()
    )?;
    Ok(())
}
