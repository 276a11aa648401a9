//! A scripted REPL session through a pseudo-terminal: completion, a syntax error with its
//! caret, multi-line input, :save and :load, Ctrl-C on a line and on a running query,
//! Ctrl-D to leave.

mod common;

use std::process::Command;
use std::thread::sleep;
use std::time::Duration;

use rexpect::session::spawn_command;

/// rexpect reads the terminal byte by byte as Latin-1: expected UTF-8 text in that form.
fn bytes(s: &str) -> String {
    s.bytes().map(char::from).collect()
}

#[test]
fn a_repl_session_in_a_terminal() -> Result<(), rexpect::error::Error> {
    let (dir, snap) = common::seeds_snapshot();
    let (nodes, edges) = common::counts(dir.path(), &snap);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
    cmd.args(["repl", "seeds.kg"])
        .current_dir(dir.path())
        .env("TERM", "xterm")
        .env("KG_HISTORY", dir.path().join("history"));
    let mut p = spawn_command(cmd, Some(20_000))?;
    p.exp_string("Tab completes")?;
    p.exp_string("kg> ")?;

    // Tab completes a name typed without diacritics.
    p.send("show nguyen va")?;
    p.send("\t")?;
    p.flush()?;
    p.exp_string(&bytes("show Nguyễn Văn Nam"))?;
    p.send("\r")?;
    p.flush()?;
    p.exp_string("(Person #")?;
    p.exp_string(&bytes("HOLDS →"))?;
    p.exp_string("kg> ")?;

    // A syntax error shows where, with a caret.
    p.send_line("MATCH (p:Person RETURN p;")?;
    p.exp_string("expected ')', found 'RETURN' (line 1, column 17)")?;
    p.exp_string("                ^")?;
    p.exp_string("kg> ")?;

    // A query goes on over lines until ';', with a continuation prompt.
    p.send_line("MATCH (d:District)")?;
    p.exp_string(&bytes("…> "))?;
    p.send_line("RETURN count(*) AS districts;")?;
    p.exp_string("districts")?;
    p.exp_string("1 row in")?;
    p.exp_string("kg> ")?;

    // :save writes a snapshot, :load reads it back.
    p.send_line(":save copy.kg")?;
    p.exp_string("saved copy.kg")?;
    p.send_line(":load copy.kg")?;
    p.exp_string(&format!("loaded copy.kg: {nodes} nodes, {edges} edges"))?;
    p.exp_string("kg> ")?;

    // Ctrl-C drops the line being typed.
    p.send("MATCH (x) RETURN x")?;
    p.send_control('c')?;
    p.exp_string("kg> ")?;

    // Ctrl-C stops a runaway query and keeps the session.
    p.send_line("MATCH (a), (b), (c), (d), (e) RETURN count(*);")?;
    sleep(Duration::from_millis(500));
    p.send_control('c')?;
    p.exp_string("query cancelled")?;
    p.exp_string("kg> ")?;
    p.send_line("RETURN 'còn sống' AS alive;")?;
    p.exp_string(&bytes("còn sống"))?;
    p.exp_string("kg> ")?;

    // Ctrl-D leaves.
    p.send_control('d')?;
    p.exp_eof()?;
    assert!(dir.path().join("copy.kg").exists());
    let history = std::fs::read_to_string(dir.path().join("history")).unwrap_or_default();
    assert!(
        history.contains("RETURN count(*) AS districts;"),
        "{history}"
    );
    Ok(())
}
