//! Updates of one snapshot by several kg processes at once: the lock is held from load to
//! rename, and a save checks that the file is still the one that was loaded.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

/// `N` in the "articles: N" line of `kg stats`.
fn article_count(dir: &Path, snap: &str) -> usize {
    let line = common::articles_in(dir, snap).expect("the snapshot loads");
    line.trim_start_matches("articles: ")
        .parse()
        .expect("a count")
}

/// What a writer reported as new: the `M` of "articles in the graph: N (M new)" (build)
/// or of "PATH: N articles (M new, …)" for the merged snapshot (merge).
fn reported_new(stdout: &str, merged: &str) -> usize {
    let number_before = |line: &str, word: &str| -> Option<usize> {
        let at = line.find(word)?;
        line[..at].rsplit(['(', ' ']).next()?.parse().ok()
    };
    stdout
        .lines()
        .find_map(|l| {
            if l.starts_with("articles in the graph:") {
                number_before(l, " new)")
            } else if l.starts_with(merged) {
                number_before(l, " new,")
            } else {
                None
            }
        })
        .unwrap_or_else(|| panic!("no count of new articles in:\n{stdout}"))
}

fn synth(dir: &Path, name: &str, seed: &str, articles: &str) {
    let out = common::kg(
        dir,
        &["synth", "--articles", articles, "--seed", seed, "-o", name],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
}

fn spawn(dir: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(args)
        .current_dir(dir)
        // each save lasts a while, so that the two writers overlap
        .env("KG_SLOW_SAVE_MS", "60")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kg runs")
}

#[test]
fn two_writers_on_one_snapshot_keep_what_each_reported_twenty_times() {
    let (dir, seeds) = common::seeds_snapshot();
    let p = dir.path();
    synth(p, "a", "11", "25");
    synth(p, "b", "12", "12");
    let out = common::kg(p, &["build", "b", "-o", "b.kg"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let mut waited = 0;
    for run in 0..20 {
        std::fs::copy(&seeds, p.join("g.kg")).unwrap();
        let first = spawn(p, &["build", "--into", "g.kg", "a"]);
        // half the runs race two builds, half a build and a merge onto the same file
        let second = if run % 2 == 0 {
            spawn(p, &["build", "--into", "g.kg", "b"])
        } else {
            spawn(p, &["merge", "g.kg", "b.kg", "-o", "g.kg"])
        };
        let (a, b) = (
            first.wait_with_output().unwrap(),
            second.wait_with_output().unwrap(),
        );
        for o in [&a, &b] {
            assert!(o.status.success(), "run {run}: {}", common::stderr(o));
            waited += usize::from(common::stderr(o).contains("waiting for g.kg"));
        }
        let added =
            reported_new(&common::stdout(&a), "b.kg:") + reported_new(&common::stdout(&b), "b.kg:");
        assert_eq!(
            article_count(p, "g.kg"),
            5 + added,
            "run {run}: the snapshot holds the seeds and what both writers reported"
        );
    }
    assert!(
        waited > 0,
        "the writers never overlapped, so nothing was tested"
    );
}

#[test]
fn a_repl_save_never_reverts_what_another_kg_saved_since_it_loaded()
-> Result<(), rexpect::error::Error> {
    let (dir, seeds) = common::seeds_snapshot();
    let p = dir.path();
    std::fs::copy(&seeds, p.join("g.kg")).unwrap();
    synth(p, "a", "21", "25");
    synth(p, "b", "22", "12");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.args(["repl", "g.kg"])
        .current_dir(p)
        .env("TERM", "xterm")
        .env("KG_HISTORY", p.join("history"));
    let mut repl = rexpect::session::spawn_command(cmd, Some(20_000))?;
    repl.exp_string("kg> ")?;
    repl.send_line(":ingest a")?;
    repl.exp_string("ingested")?;
    repl.exp_string("kg> ")?;
    // meanwhile another kg adds other articles to the same snapshot
    let out = common::kg(p, &["build", "--into", "g.kg", "b"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let with_b = article_count(p, "g.kg");
    assert!(with_b > 5);
    repl.send_line(":save")?;
    repl.exp_string("g.kg: changed on disk since it was loaded")?;
    repl.exp_string(":save! to replace it")?;
    repl.exp_string("kg> ")?;
    assert_eq!(
        article_count(p, "g.kg"),
        with_b,
        "the other kg's work is kept"
    );
    // asked for in so many words, it is replaced
    repl.send_line(":save!")?;
    repl.exp_string("saved g.kg")?;
    repl.exp_string("kg> ")?;
    repl.send_control('d')?;
    repl.exp_eof()?;
    assert_ne!(article_count(p, "g.kg"), with_b);
    Ok(())
}

#[test]
fn a_snapshot_says_what_built_it_and_with_which_extractor() {
    let (dir, _) = common::seeds_snapshot();
    let p = dir.path();
    synth(p, "corpus", "31", "25");
    synth(p, "more", "32", "12");
    let out = common::kg(p, &["build", "corpus", "-o", "c.kg"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let stats = common::stdout(&common::kg(p, &["stats", "c.kg"]));
    let real = |d: &str| {
        std::fs::canonicalize(p.join(d))
            .unwrap()
            .display()
            .to_string()
    };
    assert!(
        stats.contains(&format!("built from: {}\n", real("corpus"))),
        "{stats}"
    );
    assert!(stats.contains("(this kg's)\n"), "{stats}");
    assert!(stats.contains("generation: 1\n"), "{stats}");
    let out = common::kg(p, &["build", "--into", "c.kg", "more"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let stats = common::stdout(&common::kg(p, &["stats", "c.kg"]));
    assert!(
        stats.contains(&format!(
            "built from: {}, {}\n",
            real("corpus"),
            real("more")
        )),
        "{stats}"
    );
    assert!(stats.contains("generation: 2\n"), "{stats}");
    let stats = common::stdout(&common::kg(p, &["stats", "seeds.kg"]));
    assert!(stats.contains("built from: "), "{stats}");
}

/// A copy of a snapshot whose header names another extractor and `origin`.
fn with_old_extractor(snapshot: &Path, origin: &[&str], to: &Path) {
    use kg::graph::snapshot;
    let bytes = std::fs::read(snapshot).unwrap();
    let (_, body, texts) = snapshot::parts_of(&bytes).unwrap();
    let origin: std::collections::BTreeSet<String> = origin.iter().map(|s| s.to_string()).collect();
    let meta = bincode::serialize(&(origin, "0.0.1+00000000".to_string(), 1u64)).unwrap();
    std::fs::write(to, snapshot::frame(&meta, body, texts)).unwrap();
}

#[test]
fn only_a_seeds_graph_is_rebuilt_when_the_extractor_changed() {
    let (dir, seeds) = common::seeds_snapshot();
    let p = dir.path();
    std::fs::create_dir_all(p.join("graph")).unwrap();
    let count = [
        "query",
        "--format",
        "csv",
        "-c",
        "MATCH (a:Article) RETURN count(a) AS n;",
    ];

    with_old_extractor(&seeds, &["the seed articles"], &p.join("graph/seeds.kg"));
    let out = common::kg(p, &count);
    assert_eq!(common::stdout(&out), "n\n5\n", "{}", common::stderr(&out));
    assert!(
        common::stderr(&out).contains("(it was read by another version of the extractor)"),
        "{}",
        common::stderr(&out)
    );
    let stats = common::stdout(&common::kg(p, &["stats"]));
    assert!(stats.contains("(this kg's)"), "rebuilt: {stats}");

    // a graph of the user's own articles is only said to be stale
    with_old_extractor(&seeds, &["/data/my-corpus"], &p.join("graph/seeds.kg"));
    let out = common::kg(p, &count);
    assert_eq!(common::stdout(&out), "n\n5\n", "{}", common::stderr(&out));
    let err = common::stderr(&out);
    assert!(!err.contains("building"), "{err}");
    assert!(
        err.contains("was read by extractor 0.0.1+00000000")
            && err.contains("rebuild it from /data/my-corpus"),
        "{err}"
    );
    let stats = common::stdout(&common::kg(p, &["stats"]));
    assert!(
        stats.contains("0.0.1+00000000 (this kg extracts with"),
        "{stats}"
    );
}

#[test]
fn a_file_that_is_no_snapshot_is_not_replaced_by_one() {
    let (dir, seeds) = common::seeds_snapshot();
    let p = dir.path();
    std::fs::write(p.join("notes.txt.kg"), "my notes").unwrap();
    let out = common::kg(
        p,
        &[
            "merge",
            &seeds.to_string_lossy(),
            &seeds.to_string_lossy(),
            "-o",
            "notes.txt.kg",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("notes.txt.kg: exists and is not a kg snapshot"),
        "{}",
        common::stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(p.join("notes.txt.kg")).unwrap(),
        "my notes"
    );
}
