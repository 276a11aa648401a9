//! Faults: a save killed at any moment, a folder that cannot be written, damaged and
//! foreign snapshots, runaway queries. The user gets one clear line, and no graph is lost.

mod common;

use std::fs;
use std::process::Command;
use std::thread::sleep;
use std::time::Duration;

#[test]
fn a_save_killed_at_any_moment_leaves_a_whole_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let o = common::kg(
        p,
        &["synth", "--articles", "1500", "--seed", "9", "-o", "corpus"],
    );
    assert!(o.status.success());
    assert!(
        common::kg(p, &["build", "corpus", "-o", "big.kg"])
            .status
            .success()
    );
    let (_seeds, seeds_snap) = common::seeds_snapshot();
    fs::copy(&seeds_snap, p.join("target.kg")).unwrap();
    let old = common::articles_in(p, "target.kg").unwrap();
    let new = common::articles_in(p, "big.kg").unwrap();
    // kg merge loads the big graph and writes it over target.kg; KG_SLOW_SAVE_MS makes the
    // write pause after each MiB, so the kills below land before, inside and after it.
    let mut killed_mid_write = 0;
    for delay_ms in [0, 100, 200, 300, 400, 500, 600, 800, 1000, 1300, 1600, 2500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kg"))
            .args(["merge", "big.kg", "big.kg", "-o", "target.kg"])
            .env("KG_SLOW_SAVE_MS", "100")
            .current_dir(p)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        // A killed write leaves its temporary file; the next save clears it before
        // writing its own, so there is never more than one.
        let left = leftovers(p);
        assert!(
            left <= 1,
            "{left} temporary files after a kill at {delay_ms} ms"
        );
        killed_mid_write += left;
        let now = common::articles_in(p, "target.kg");
        assert!(
            now.as_deref() == Some(old.as_str()) || now.as_deref() == Some(new.as_str()),
            "after a kill at {delay_ms} ms the snapshot must be the old or the new one: {now:?}"
        );
        fs::copy(&seeds_snap, p.join("target.kg")).unwrap();
    }
    assert!(
        killed_mid_write >= 3,
        "kills inside the write: {killed_mid_write}"
    );
    // A save that completes leaves none.
    let o = common::kg(p, &["merge", "target.kg", "target.kg", "-o", "target.kg"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(leftovers(p), 0);
}

/// Temporary files of target.kg in `dir`.
fn leftovers(dir: &std::path::Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(".target.kg.") && name.ends_with(".tmp")
        })
        .count()
}

#[test]
fn an_unwritable_place_gives_one_line_and_the_repl_keeps_its_graph() {
    let (dir, snap) = common::seeds_snapshot();
    let p = dir.path();
    fs::write(p.join("a-file"), "not a folder").unwrap();
    let out = common::kg(p, &["build", "-o", "a-file/g.kg", &snap.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(err.contains("a-file"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    let out = common::kg_with_input(
        p,
        &["query", &snap.to_string_lossy(), "--format", "csv"],
        ":save a-file/x.kg\nMATCH (n:Person) RETURN count(*) AS persons;\n",
    );
    assert_eq!(out.status.code(), Some(2), "the failed :save is reported");
    assert!(
        common::stderr(&out).contains("a-file/x.kg"),
        "{}",
        common::stderr(&out)
    );
    assert_eq!(
        common::stdout(&out),
        "persons\n15\n",
        "the graph is still there"
    );
}

#[test]
fn empty_and_future_snapshots_each_get_their_own_error() {
    let (dir, snap) = common::seeds_snapshot();
    let p = dir.path();
    fs::write(p.join("empty.kg"), b"").unwrap();
    let mut future = fs::read(&snap).unwrap();
    future[8] = 99;
    fs::write(p.join("future.kg"), future).unwrap();
    for (file, expect) in [
        ("empty.kg", "not a kg snapshot"),
        (
            "future.kg",
            "snapshot format version 99 is newer than this kg reads",
        ),
    ] {
        let out = common::kg(p, &["stats", file]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = common::stderr(&out);
        assert!(err.contains(file) && err.contains(expect), "{file}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}

#[test]
fn a_runaway_query_is_stopped_by_the_timeout() {
    let (dir, snap) = common::seeds_snapshot();
    let out = common::kg(
        dir.path(),
        &[
            "query",
            &snap.to_string_lossy(),
            "--timeout",
            "0.3",
            "-c",
            "MATCH (a), (b), (c), (d), (e), (f) RETURN count(*);",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        common::stderr(&out).contains("ran past its time limit"),
        "{}",
        common::stderr(&out)
    );
}

#[test]
fn a_query_that_keeps_too_much_stops_at_its_memory_budget() {
    let (dir, snap) = common::seeds_snapshot();
    let q = |budget: &str| {
        common::kg(
            dir.path(),
            &[
                "query",
                &snap.to_string_lossy(),
                "--memory-mb",
                budget,
                "-c",
                "MATCH (a), (b), (c) RETURN size(collect(a.name + b.name + c.name)) AS n;",
            ],
        )
    };
    let out = q("1");
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains("what it keeps for collect() passed its memory budget of 1 MB"),
        "{err}"
    );
    let out = q("1024");
    assert!(out.status.success(), "{}", common::stderr(&out));
    let out = q("0");
    assert!(common::stderr(&out).contains("--memory-mb takes a whole number"));
}

/// A full disk, for real: a 512 KiB tmpfs mounted in a private mount namespace (`unshare
/// -m`, root or user namespaces needed; the test says so and passes where neither is
/// allowed). A save that does not fit fails with one line, leaves no temporary file, and
/// the snapshot already there still loads.
#[test]
fn a_full_disk_gives_one_line_and_keeps_the_old_snapshot() {
    let probe = Command::new("unshare")
        .args(["-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: cannot mount a small tmpfs here (unshare -m needs root)");
        return;
    }
    let (dir, seeds) = common::seeds_snapshot();
    let p = dir.path();
    let o = common::kg(p, &["synth", "--articles", "300", "--seed", "3", "-o", "c"]);
    assert!(o.status.success());
    assert!(
        common::kg(p, &["build", "c", "-o", "big.kg"])
            .status
            .success()
    );
    let kg = env!("CARGO_BIN_EXE_kg");
    let script = format!(
        "mkdir -p full && mount -t tmpfs -o size=512k tmpfs full && cp '{seeds}' full/g.kg \
         && '{kg}' merge big.kg big.kg -o full/g.kg >/dev/null; echo \"exit $?\"; \
         ls -a full; '{kg}' stats full/g.kg",
        seeds = seeds.display()
    );
    let o = Command::new("unshare")
        .args(["-m", "sh", "-c", &script])
        .current_dir(p)
        .output()
        .unwrap();
    let (out, err) = (common::stdout(&o), common::stderr(&o));
    assert!(out.contains("exit 2"), "{out}");
    assert_eq!(
        err.trim(),
        "kg: full/g.kg: the disk is full; free some space and save again (the snapshot \
         already on disk, if any, is unchanged)"
    );
    let files: Vec<&str> = out
        .lines()
        .skip(1)
        .take_while(|l| !l.contains(':'))
        .collect();
    assert_eq!(files, [".", "..", "g.kg", "g.kg.lock"], "{out}");
    assert!(out.contains("articles: 5"), "{out}");
}

#[test]
fn a_default_snapshot_of_other_articles_is_never_rebuilt_from_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir_all(p.join("mine")).unwrap();
    std::fs::create_dir_all(p.join("seeds")).unwrap();
    let article = |n: usize| {
        format!(
            "Tin {n}\n\nĐồng chí Lò Văn Pả{n} - Bí thư Huyện ủy Mê Linh phát biểu tại hội nghị.\n"
        )
    };
    for n in 0..3 {
        std::fs::write(p.join(format!("mine/a{n}.txt")), article(n)).unwrap();
    }
    let out = common::kg(p, &["build", "mine", "-o", "graph/seeds.kg"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(p.join("seeds/s.txt"), article(9)).unwrap(); // newer than the snapshot
    let q = [
        "query",
        "--format",
        "csv",
        "-c",
        "MATCH (a:Article) RETURN count(a) AS n;",
    ];
    let out = common::kg(p, &q);
    assert_eq!(common::stdout(&out), "n\n3\n", "{}", common::stderr(&out));
    assert!(common::stderr(&out).contains("is older than seeds/ but holds other articles"));
}

#[test]
fn a_corpus_built_without_o_gets_its_own_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir_all(p.join("corpus")).unwrap();
    std::fs::write(
        p.join("corpus/a.txt"),
        "Tin\n\nĐồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu tại hội nghị.\n",
    )
    .unwrap();
    let out = common::kg(p, &["build", "corpus"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(common::stdout(&out).contains("snapshot: graph/corpus.kg"));
    assert!(p.join("graph/corpus.kg").is_file());
    assert!(
        !p.join("graph/seeds.kg").exists(),
        "the seeds graph is left alone"
    );
}

#[test]
fn only_regular_files_are_written() {
    let (dir, snap) = common::seeds_snapshot();
    let p = dir.path();
    let snap = snap.to_str().unwrap();
    std::fs::write(
        p.join("a.txt"),
        "Tin\n\nĐồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu.\n",
    )
    .unwrap();
    let victim = p.join("victim.txt");
    std::fs::write(&victim, "keep").unwrap();
    std::os::unix::fs::symlink(&victim, p.join("link.kg")).unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["build", "a.txt", "-o", "/dev/null"],
            "not a regular file (a device, pipe or folder); kg writes only regular files",
        ),
        (
            &["build", "a.txt", "-o", "link.kg"],
            "a symbolic link; kg writes only regular files",
        ),
        (
            &["build", "a.txt", "-o", "a.txt"],
            "a.txt: is an article this build reads",
        ),
        (
            &["export", "json", snap, "-o", snap],
            "is the snapshot being exported",
        ),
        (
            &["export", "graphml", snap, "-o", "link.kg"],
            "a symbolic link",
        ),
    ];
    for (args, message) in cases {
        let out = common::kg(p, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            common::stderr(&out).contains(message),
            "{args:?}: {}",
            common::stderr(&out)
        );
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    assert!(
        std::fs::read_to_string(p.join("a.txt"))
            .unwrap()
            .starts_with("Tin")
    );
    // a lock file that is a link is not followed
    std::os::unix::fs::symlink(&victim, p.join("g.kg.lock")).unwrap();
    let out = common::kg(p, &["build", "a.txt", "-o", "g.kg"]);
    assert!(
        common::stderr(&out).contains("g.kg.lock: a symbolic link"),
        "{}",
        common::stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
}

#[test]
fn an_export_clears_what_a_killed_export_left() {
    let (dir, snap) = common::seeds_snapshot();
    let p = dir.path();
    let snap = snap.to_str().unwrap();
    // what `export json` leaves when it is killed between its write and its rename
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for name in [".g.json.Ab12Cd.tmp", ".other.json.Ab12Cd.tmp"] {
        let f = std::fs::File::create(p.join(name)).unwrap();
        f.set_modified(old).unwrap();
    }
    std::fs::write(p.join(".g.json.Zz99Yy.tmp"), "a write in flight").unwrap();
    let out = common::kg(p, &["export", "json", snap, "-o", "g.json"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(
        !p.join(".g.json.Ab12Cd.tmp").exists(),
        "an old leftover is cleared"
    );
    assert!(
        p.join(".g.json.Zz99Yy.tmp").exists(),
        "a fresh one may be another export's"
    );
    assert!(
        p.join(".other.json.Ab12Cd.tmp").exists(),
        "another file's left alone"
    );
    assert!(
        !p.join("g.json.lock").exists(),
        "no lock file beside an export"
    );
}
