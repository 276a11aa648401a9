//! The interactive REPL on rustyline: history in the user's data folder (or `KG_HISTORY`),
//! schema-aware completion, hints from history, `;`-terminated multi-line queries with a
//! continuation prompt, Ctrl-C to cancel a line or a running query, Ctrl-D to leave.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::atomic::Ordering;

use anyhow::Result;
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, Helper};

use super::complete::{Vocabulary, complete};
use super::session::{Io, NoPicker, Picker, Session, Step, is_line_statement, statement_end};

const PROMPT: &str = "kg> ";
const CONTINUATION: &str = "  …> ";

/// The rustyline helper: completion, hints, dimmed hint text.
pub struct KgHelper {
    vocab: Rc<RefCell<Vocabulary>>,
    hinter: HistoryHinter,
    files: FilenameCompleter,
}

impl Completer for KgHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let t = line.trim_start();
        let takes_path = [
            ":load ",
            ":save ",
            ":ingest ",
            ":export dot ",
            ":export json ",
        ]
        .iter()
        .any(|c| t.starts_with(c));
        if takes_path {
            return self.files.complete(line, pos, ctx);
        }
        let (start, words) = complete(&self.vocab.borrow(), line, pos);
        let pairs = words
            .into_iter()
            .map(|w| Pair {
                display: w.clone(),
                replacement: w,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for KgHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for KgHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
    }
}

impl Validator for KgHelper {}
impl Helper for KgHelper {}

type KgEditor = Editor<KgHelper, DefaultHistory>;

/// Asks on the terminal which of several entities was meant.
struct EditorPicker<'a>(&'a mut KgEditor);

impl Picker for EditorPicker<'_> {
    fn pick(&mut self, options: &[String]) -> Option<usize> {
        let prompt = format!("pick 1-{} (Enter to cancel): ", options.len());
        let answer = self.0.readline(&prompt).ok()?;
        answer.trim().parse::<usize>().ok()?.checked_sub(1)
    }
}

/// Where the history lives: `KG_HISTORY`, or `kg/history` in the user's data folder.
pub fn history_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("KG_HISTORY") {
        return Some(PathBuf::from(p));
    }
    dirs::data_dir().map(|d| d.join("kg").join("history"))
}

/// Runs the REPL on a session; when standard input is not a terminal, reads it as a
/// script instead. Returns the number of statements that failed.
pub fn run(session: &mut Session) -> Result<usize> {
    session.terminal = std::io::stdout().is_terminal();
    if !std::io::stdin().is_terminal() {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        let text = super::session::script_text(bytes, "standard input")?;
        let (mut out, mut msg) = (std::io::stdout(), std::io::stderr());
        let mut io = Io {
            out: &mut out,
            msg: &mut msg,
            picker: &mut NoPicker,
        };
        return session.run_script(&text, &mut io);
    }
    let cancel = session.cancel.clone();
    // A second handler cannot be set (tests run several sessions): then Ctrl-C keeps its
    // default meaning for running queries, and lines are still cancelled by rustyline.
    let _ = ctrlc::set_handler(move || cancel.store(true, Ordering::Relaxed));
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .build();
    let mut editor: KgEditor = Editor::with_config(config)?;
    let vocab = Rc::new(RefCell::new(Vocabulary::new(
        &session.graph,
        &session.index,
    )));
    editor.set_helper(Some(KgHelper {
        vocab: vocab.clone(),
        hinter: HistoryHinter::new(),
        files: FilenameCompleter::new(),
    }));
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    banner(session);
    let mut generation = session.generation;
    let mut failed = 0;
    let mut buf = String::new();
    loop {
        let prompt = if buf.is_empty() { PROMPT } else { CONTINUATION };
        // What the first questions would build (names, outgoing adjacency) is built while
        // the user types, so that they do not wait for it; a line typed sooner waits for
        // it here instead, as that question would have.
        let read = std::thread::scope(|scope| {
            if !session.index.is_warm() {
                let (graph, index) = (&session.graph, &session.index);
                scope.spawn(move || index.warm(graph));
            }
            editor.readline(prompt)
        });
        let line = match read {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                buf.clear();
                continue;
            }
            Err(ReadlineError::Eof) => {
                if confirm_leave(session, &mut editor) {
                    break;
                }
                continue;
            }
            Err(ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::InvalidData => {
                // a byte that is not UTF-8 (a terminal in another encoding, a stray paste)
                buf.clear();
                failed += 1;
                eprintln!("error: the line typed was not valid UTF-8; type it again");
                continue;
            }
            Err(ReadlineError::Signal(_)) => continue,
            Err(e) => return Err(e.into()),
        };
        let Some(stmt) = next_statement(&mut buf, &line) else {
            continue;
        };
        let _ = editor.add_history_entry(stmt.clone());
        if let Some(h) = &history {
            if let Some(dir) = h.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = editor.save_history(h);
        }
        let (mut out, mut msg) = (std::io::stdout(), std::io::stderr());
        let step = {
            let mut picker = EditorPicker(&mut editor);
            let mut io = Io {
                out: &mut out,
                msg: &mut msg,
                picker: &mut picker,
            };
            session.execute(&stmt, &mut io)
        };
        match step {
            Ok(Step::Quit) => {
                if confirm_leave(session, &mut editor) {
                    break;
                }
            }
            Ok(Step::Continue) => {}
            Err(e) => {
                failed += 1;
                let _ = writeln!(msg, "error: {e:#}");
            }
        }
        if session.generation != generation {
            generation = session.generation;
            *vocab.borrow_mut() = Vocabulary::new(&session.graph, &session.index);
        }
    }
    Ok(failed)
}

/// Adds a line to the statement being typed; returns a whole statement when there is one.
fn next_statement(buf: &mut String, line: &str) -> Option<String> {
    if buf.trim().is_empty() {
        buf.clear();
        if line.trim().is_empty() {
            return None;
        }
        if is_line_statement(line) {
            return Some(line.trim().to_string());
        }
    } else if line.trim() == ":clear" {
        buf.clear();
        return None;
    }
    buf.push_str(line);
    buf.push('\n');
    let end = statement_end(buf)?;
    let stmt = format!("{};", buf[..end].trim());
    let rest = buf[end + 1..].trim().to_string();
    *buf = if rest.is_empty() {
        String::new()
    } else {
        rest + "\n"
    };
    Some(stmt)
}

fn banner(s: &Session) {
    let from = s
        .snapshot
        .as_ref()
        .map_or_else(String::new, |p| format!(" from {}", p.display()));
    eprintln!(
        "kg {}: {} articles, {} nodes, {} edges{from}.\n\
         Type a query ending with ';', a short command (who chaired, show NAME, find TEXT, why),\n\
         or :help. Tab completes; Ctrl-C cancels; Ctrl-D leaves.",
        env!("CARGO_PKG_VERSION"),
        s.graph.articles().len(),
        s.graph.graph().node_count(),
        s.graph.graph().edge_count()
    );
}

/// Asks before leaving with unsaved changes; `true` to leave.
fn confirm_leave(session: &mut Session, editor: &mut KgEditor) -> bool {
    if !session.dirty {
        return true;
    }
    loop {
        let answer = match editor.readline("unsaved changes: save before leaving? [y/n/c] ") {
            Ok(a) => a.trim().to_ascii_lowercase(),
            Err(ReadlineError::Eof) => return true,
            Err(_) => return false,
        };
        match answer.as_str() {
            "y" | "yes" => {
                let mut io = Io {
                    out: &mut std::io::stdout(),
                    msg: &mut std::io::stderr(),
                    picker: &mut NoPicker,
                };
                match session.execute(":save", &mut io) {
                    Ok(_) => return true,
                    Err(e) => {
                        eprintln!("error: {e:#}");
                        return false;
                    }
                }
            }
            "n" | "no" => return true,
            "c" | "cancel" | "" => return false,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_end_with_semicolons_commands_with_lines() {
        let mut buf = String::new();
        assert_eq!(next_statement(&mut buf, "MATCH (n)"), None);
        assert_eq!(
            next_statement(&mut buf, "RETURN n; RETURN"),
            Some("MATCH (n)\nRETURN n;".into())
        );
        assert_eq!(buf, "RETURN\n");
        assert_eq!(next_statement(&mut buf, ":clear"), None);
        assert_eq!(
            next_statement(&mut buf, "who chaired"),
            Some("who chaired".into())
        );
        assert_eq!(next_statement(&mut buf, "   "), None);
    }
}
