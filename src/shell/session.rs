//! A session: the loaded graph, its settings, the last result; one `execute` for every kind
//! of statement. The REPL and `kg query` differ only in where lines come from.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow, bail};
use petgraph::graph::NodeIndex;

use super::evidence::{self, Mark};
use super::format::{self, Format};
use super::resolve::{self, Resolved};
use super::short::{self, Short};
use crate::graph::{GraphIndex, KnowledgeGraph, snapshot};
use crate::query::{self, Fact, Options, Output, Params, Val};
use crate::schema::Label;

/// What to do after a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Read the next statement.
    Continue,
    /// Leave.
    Quit,
}

/// Asks the user to choose among candidates; `None` when nobody can answer (a script).
pub trait Picker {
    /// Index into `options`, or `None`.
    fn pick(&mut self, options: &[String]) -> Option<usize>;
}

/// A picker for scripts: never picks.
pub struct NoPicker;

impl Picker for NoPicker {
    fn pick(&mut self, _: &[String]) -> Option<usize> {
        None
    }
}

/// Where a statement writes: results to `out`, messages and timings to `msg`.
pub struct Io<'a> {
    /// Results.
    pub out: &'a mut dyn Write,
    /// Messages, timings, errors.
    pub msg: &'a mut dyn Write,
    /// Asks the user to choose.
    pub picker: &'a mut dyn Picker,
}

/// The state of a REPL or `kg query` run.
pub struct Session {
    /// The graph questions are asked of: [`Session::stored`] with its people resolved.
    pub graph: KnowledgeGraph,
    /// The graph as the snapshot holds it (`:ingest` adds to it, `:save` writes it);
    /// `None` while it is the snapshot file the session loaded, read again only when
    /// needed, so that a session holds one graph, not two.
    stored: Option<KnowledgeGraph>,
    /// Its indexes.
    pub index: GraphIndex,
    /// The snapshot it came from (`:save` writes there).
    pub snapshot: Option<PathBuf>,
    /// Changed since loaded or saved.
    pub dirty: bool,
    /// The header of `snapshot` as loaded or last saved: `:save` writes over it only if
    /// the file on disk is still that one.
    base: Option<snapshot::Header>,
    /// What the graph was built from, recorded by `:save`.
    origin: snapshot::Origin,
    /// `$name` parameters.
    pub params: Params,
    /// Output format.
    pub format: Format,
    /// Output goes to a terminal (tables, colours).
    pub terminal: bool,
    /// Row cap.
    pub row_cap: usize,
    /// Per-query time limit.
    pub timeout: Option<Duration>,
    /// Per-query memory budget, in megabytes.
    pub memory_mb: usize,
    /// Set by Ctrl-C.
    pub cancel: Arc<AtomicBool>,
    /// Bumped whenever the graph changes (completion refreshes on it).
    pub generation: u64,
    /// The width tables fit (`:width`); `None` for the terminal's.
    pub width: Option<usize>,
    /// Print the row count and time after each result (`:timing`).
    pub timing: bool,
    /// The statements run in this session, for `:history`.
    pub history: Vec<String>,
    /// Files being run by `:source` (one that sources itself stops there).
    sourcing: Vec<PathBuf>,
    last: Option<Output>,
}

impl Session {
    /// A session on a graph as a snapshot holds it, or, when `snapshot` names the file it
    /// came from (give its header to [`Session::loaded`]), as [`snapshot::open`] made it
    /// (the graph people question, which is resolved only if it is not already).
    pub fn new(stored: KnowledgeGraph, snapshot: Option<PathBuf>) -> Session {
        let (graph, stored) = match snapshot {
            Some(_) => (stored.resolved(), None),
            None => (stored.clone().resolved(), Some(stored)),
        };
        let index = GraphIndex::new(&graph);
        Session {
            graph,
            stored,
            index,
            snapshot,
            dirty: false,
            base: None,
            origin: snapshot::Origin::default(),
            params: Params::new(),
            format: Format::Auto,
            terminal: false,
            row_cap: query::eval::DEFAULT_ROW_CAP,
            timeout: None,
            memory_mb: query::eval::DEFAULT_MEMORY_MB,
            cancel: Arc::new(AtomicBool::new(false)),
            generation: 0,
            width: None,
            timing: true,
            history: Vec::new(),
            sourcing: Vec::new(),
            last: None,
        }
    }

    /// Records the header of the snapshot the graph was loaded from.
    pub fn loaded(&mut self, header: snapshot::Header) {
        self.origin = header.origin.clone();
        self.base = Some(header);
    }

    /// Records that `:ingest` read these paths.
    pub fn ingested(&mut self, paths: &[PathBuf]) {
        self.origin = self.origin.union(&snapshot::Origin::paths(paths));
    }

    /// Runs one statement: a query, a short command or a `:` command.
    pub fn execute(&mut self, stmt: &str, io: &mut Io<'_>) -> Result<Step> {
        let s = stmt.trim();
        if s.is_empty() || s == ";" {
            return Ok(Step::Continue);
        }
        self.cancel.store(false, Ordering::Relaxed);
        if s.starts_with('.') {
            let cmd = super::habits::dot(s).map_err(|e| anyhow!(e))?;
            writeln!(io.msg, "({s} is {cmd} in kg)")?;
            return self.command(&cmd, io);
        }
        if !s.starts_with(":history") {
            self.history.push(s.to_string());
        }
        if s.starts_with(':') {
            return self.command(s, io);
        }
        if short::is_short(s) {
            self.short(s, io)?;
        } else {
            self.query(s, io)?;
        }
        Ok(Step::Continue)
    }

    /// Runs a script: queries end with `;`, short and `:` commands with their line.
    /// Returns the number of statements that failed; errors go to `io.msg`.
    pub fn run_script(&mut self, text: &str, io: &mut Io<'_>) -> Result<usize> {
        let mut failed = 0;
        for stmt in split_script(text) {
            match self.execute(&stmt, io) {
                Ok(Step::Quit) => break,
                Ok(Step::Continue) => {}
                // whoever read the output went away: nothing more is wanted
                Err(e) if is_broken_pipe(&e) => return Err(e),
                Err(e) => {
                    failed += 1;
                    writeln!(io.msg, "error: {e:#}")?;
                }
            }
        }
        Ok(failed)
    }

    fn options(&self, started: Instant) -> Options {
        Options {
            row_cap: self.row_cap,
            deadline: self.timeout.map(|t| started + t),
            cancel: Some(self.cancel.clone()),
            memory: self.memory_mb.saturating_mul(1 << 20),
        }
    }

    fn run_query(&self, src: &str) -> Result<Output> {
        let opts = self.options(Instant::now());
        query::execute(src, &self.graph, &self.index, &self.params, &opts)
            .map_err(|e| anyhow!(e.render(src)))
    }

    fn query(&mut self, src: &str, io: &mut Io<'_>) -> Result<()> {
        let started = Instant::now();
        let out = self.run_query(src)?;
        let empty = out.rows.is_empty();
        self.show(out, started, io)?;
        if empty && let Some(h) = super::hint::no_rows(&self.graph, &self.index, src) {
            writeln!(io.msg, "{h}")?;
        }
        Ok(())
    }

    /// Prints a result and keeps it for `why`.
    fn show(&mut self, out: Output, started: Instant, io: &mut Io<'_>) -> Result<()> {
        let fmt = self.format.resolve(self.terminal);
        let width = super::habits::table_width(self.width, self.terminal);
        format::write_fit(&self.graph, &out, fmt, width, io.out)?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let n = out.rows.len();
        match (n, self.timing) {
            (0, true) => writeln!(io.msg, "(no rows) {ms:.1} ms")?,
            (0, false) => writeln!(io.msg, "(no rows)")?,
            (_, true) => {
                let s = if n == 1 { "" } else { "s" };
                writeln!(io.msg, "{n} row{s} in {ms:.1} ms")?;
            }
            (_, false) => {}
        }
        if out.cut {
            writeln!(
                io.msg,
                "result cut at {} rows (the row cap); raise it with :limit N",
                self.row_cap
            )?;
        }
        if let Some(p) = &out.profile {
            write!(io.msg, "profile:\n{p}")?;
        }
        if out.capped {
            writeln!(
                io.msg,
                "note: a pattern without an upper bound (*) followed at most {} relationships; \
                 write *1..N to go further",
                crate::query::plan::VAR_LENGTH_CAP
            )?;
        }
        self.last = Some(out);
        Ok(())
    }

    /// Resolves a name, asking the user to pick when several match.
    fn node(&self, name: &str, io: &mut Io<'_>) -> Result<NodeIndex> {
        match resolve::resolve(&self.graph, &self.index, name) {
            Resolved::One(n) => Ok(n),
            Resolved::None => bail!("nothing is named like '{name}'; try: find {name}"),
            Resolved::Many(c) => {
                let options: Vec<String> = c
                    .iter()
                    .map(|n| {
                        let w = &self.graph.graph()[*n];
                        match super::card::anchored(&self.graph, *n) {
                            Some(at) => format!("{} ({} #{}, {at})", w.name, w.label, n.index()),
                            None => format!("{} ({} #{})", w.name, w.label, n.index()),
                        }
                    })
                    .collect();
                writeln!(io.msg, "'{name}' matches {} entities:", options.len())?;
                for (i, o) in options.iter().enumerate() {
                    writeln!(io.msg, "  {}. {o}", i + 1)?;
                }
                match io.picker.pick(&options) {
                    Some(i) if i < c.len() => Ok(c[i]),
                    _ => bail!(
                        "'{name}' is ambiguous; name one by its id, e.g. #{}",
                        c[0].index()
                    ),
                }
            }
        }
    }

    /// The query a short command runs (`None` for `find` and `why`, which run none).
    fn compile(&self, cmd: &Short, io: &mut Io<'_>) -> Result<Option<(String, Option<NodeIndex>)>> {
        Ok(Some(match cmd {
            Short::Who(rel, text) => (short::who_query(*rel, text.as_deref()), None),
            Short::Show(name) => {
                let n = self.node(name, io)?;
                (short::show_query(n.index()), Some(n))
            }
            Short::Neighbors(name, depth) => {
                let n = self.node(name, io)?;
                let article = self.graph.graph()[n].label == Label::Article;
                (short::neighbors_query(n.index(), *depth, article), Some(n))
            }
            Short::Path(a, b) => {
                let a = self.node(a, io)?;
                let b = self.node(b, io)?;
                (short::path_query(a.index(), b.index()), None)
            }
            Short::Timeline(name) => {
                let n = self.node(name, io)?;
                if self.graph.graph()[n].label == Label::Person {
                    (super::held::career_query(n.index()), Some(n))
                } else {
                    (short::timeline_query(n.index()), Some(n))
                }
            }
            Short::Held(office, _) => {
                let (title, body) = super::held::office(&self.graph, &self.index, office)
                    .map_err(|e| anyhow!(e))?;
                (super::held::held_query(&title, body.index()), Some(body))
            }
            Short::Find(_) | Short::Why(_) => return Ok(None),
        }))
    }

    fn short(&mut self, line: &str, io: &mut Io<'_>) -> Result<()> {
        let started = Instant::now();
        let cmd = short::parse(line).map_err(|e| anyhow!(e))?;
        match &cmd {
            Short::Why(row) => {
                let last = self
                    .last
                    .as_ref()
                    .ok_or_else(|| anyhow!("why explains the last result; run a query first"))?;
                let mark = if self.terminal {
                    Mark::Ansi
                } else {
                    Mark::Plain
                };
                let text = evidence::why(&self.graph, last, *row, mark).map_err(|e| anyhow!(e))?;
                io.out.write_all(text.as_bytes())?;
                return Ok(());
            }
            Short::Find(text) => {
                let out = self.find(text);
                return self.show(out, started, io);
            }
            _ => {}
        }
        let Some((src, node)) = self.compile(&cmd, io)? else {
            return Ok(());
        };
        let out = self.run_query(&src)?;
        if let (Short::Show(_), Some(n)) = (&cmd, node) {
            io.out
                .write_all(super::card::card(&self.graph, n, &out).as_bytes())?;
            let mut facts = vec![Fact::Node(n)];
            facts.extend(
                out.evidence
                    .iter()
                    .flatten()
                    .copied()
                    .filter(|f| matches!(f, Fact::Edge(_))),
            );
            self.last = Some(Output {
                columns: vec!["name".into()],
                rows: vec![vec![Val::Node(n)]],
                evidence: vec![facts],
                ..Output::default()
            });
            return Ok(());
        }
        if let Short::Held(_, Some(when)) = &cmd {
            let (keep, line) = super::held::at(&out, when);
            let mut out = out;
            out.rows = keep.iter().map(|&i| out.rows[i].clone()).collect();
            out.evidence = keep
                .iter()
                .filter_map(|&i| out.evidence.get(i).cloned())
                .collect();
            writeln!(io.msg, "{line}")?;
            return self.show(out, started, io);
        }
        if matches!(cmd, Short::Path(..)) && out.rows.is_empty() {
            writeln!(
                io.msg,
                "no path within {} relationships (mentions left out)",
                crate::query::plan::DEFAULT_DEPTH_CAP
            )?;
        }
        self.show(out, started, io)
    }

    fn find(&self, text: &str) -> Output {
        let hits = resolve::find(&self.graph, text, 20);
        Output {
            columns: ["id", "name", "label", "score"].map(String::from).to_vec(),
            rows: hits
                .iter()
                .map(|h| {
                    let w = &self.graph.graph()[h.node];
                    vec![
                        Val::Str(format!("#{}", h.node.index()).into()),
                        Val::Str(w.name.clone()),
                        Val::Str(w.label.as_str().into()),
                        Val::Int(i64::from(h.score)),
                    ]
                })
                .collect(),
            evidence: hits.iter().map(|h| vec![Fact::Node(h.node)]).collect(),
            ..Output::default()
        }
    }

    fn command(&mut self, line: &str, io: &mut Io<'_>) -> Result<Step> {
        let (cmd, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim().trim_end_matches(';').trim();
        match cmd.to_ascii_lowercase().as_str() {
            ":quit" | ":exit" | ":q" => return Ok(Step::Quit),
            ":help" | ":h" | ":?" => {
                let text = super::help::help((!rest.is_empty()).then_some(rest))
                    .map_err(|e| anyhow!(e))?;
                writeln!(io.out, "{text}")?;
            }
            ":schema" => io.out.write_all(super::commands::schema(self).as_bytes())?,
            ":stats" => io.out.write_all(super::commands::stats(self).as_bytes())?,
            ":save" => self.save(rest, false, io)?,
            ":save!" => self.save(rest, true, io)?,
            ":load" => self.load(rest, false, io)?,
            ":load!" => self.load(rest, true, io)?,
            ":ingest" => super::commands::ingest(self, rest, io)?,
            ":export" => super::commands::export(self, rest, io)?,
            ":format" => {
                if rest.is_empty() {
                    writeln!(io.msg, "format: {:?}", self.format)?;
                } else {
                    self.format = Format::parse(rest)
                        .ok_or_else(|| anyhow!("formats: table, csv, json, markdown, tsv, auto"))?;
                }
            }
            ":limit" => {
                if !rest.is_empty() {
                    self.row_cap = rest
                        .parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| anyhow!(":limit takes a positive number of rows"))?;
                }
                writeln!(io.msg, "row cap: {}", self.row_cap)?;
            }
            ":timeout" => {
                match rest {
                    "" => {}
                    "off" => self.timeout = None,
                    s => {
                        let secs: f64 = s
                            .parse()
                            .map_err(|_| anyhow!(":timeout takes seconds or off"))?;
                        self.timeout =
                            timeout_from_secs(secs).map_err(|e| anyhow!(":timeout {e}"))?;
                    }
                }
                match self.timeout {
                    Some(t) => writeln!(io.msg, "timeout: {:.1} s", t.as_secs_f64())?,
                    None => writeln!(io.msg, "timeout: off")?,
                }
            }
            ":memory" => {
                if !rest.is_empty() {
                    self.memory_mb = memory_mb(rest).map_err(|e| anyhow!(":memory {e}"))?;
                }
                writeln!(io.msg, "memory budget: {} MB a query", self.memory_mb)?;
            }
            ":param" | ":params" if rest.starts_with('{') => {
                for (name, value) in super::habits::param_map(rest).map_err(|e| anyhow!(e))? {
                    self.param(&format!("{name} => {value}"), io)?;
                }
            }
            ":param" | ":params" => self.param(rest, io)?,
            ":source" => self.source(rest, io)?,
            ":history" => {
                for (i, h) in self.history.iter().enumerate() {
                    writeln!(io.out, "{:>4}  {}", i + 1, h.replace('\n', " "))?;
                }
            }
            ":width" => {
                match rest {
                    "" => {}
                    "auto" => self.width = None,
                    n => {
                        self.width = Some(n.parse().ok().filter(|w| *w >= 20).ok_or_else(|| {
                            anyhow!(":width takes a number of columns (20 or more) or auto")
                        })?)
                    }
                }
                match self.width {
                    Some(w) => writeln!(io.msg, "tables fit {w} columns")?,
                    None => writeln!(io.msg, "tables fit the terminal")?,
                }
            }
            ":timing" => match rest {
                "on" => self.timing = true,
                "off" => self.timing = false,
                "" => writeln!(io.msg, "timing: {}", if self.timing { "on" } else { "off" })?,
                _ => bail!("usage: :timing on|off"),
            },
            ":explain" => self.explain(rest, io)?,
            ":clear" => {}
            other => {
                let s = crate::query::error::suggestion(other, super::help::COMMANDS);
                bail!("unknown command {other}{s} (:help lists them)");
            }
        }
        Ok(Step::Continue)
    }

    /// `:source FILE`: runs a file's statements as a script; says how many failed.
    fn source(&mut self, rest: &str, io: &mut Io<'_>) -> Result<()> {
        if rest.is_empty() {
            bail!("usage: :source FILE");
        }
        let path = std::fs::canonicalize(rest).map_err(|e| anyhow!("{rest}: {e}"))?;
        if self.sourcing.contains(&path) {
            bail!("{rest} is already being run (a :source loop)");
        }
        let text =
            std::fs::read_to_string(&path).map_err(|e| anyhow!("{rest}: cannot read it ({e})"))?;
        self.sourcing.push(path);
        let failed = self.run_script(&text, io);
        self.sourcing.pop();
        let failed = failed?;
        if failed > 0 {
            bail!("{rest}: {failed} statement(s) failed");
        }
        Ok(())
    }

    /// `:save [PATH]`: writes over the loaded snapshot only if it is still the file that
    /// was loaded (another kg may have saved it since); `:save!` (`force`) writes anyway.
    fn save(&mut self, rest: &str, force: bool, io: &mut Io<'_>) -> Result<()> {
        let path = match rest {
            "" => self
                .snapshot
                .clone()
                .ok_or_else(|| anyhow!("no snapshot to save to; use :save PATH"))?,
            p => PathBuf::from(p),
        };
        let update = snapshot::Update::begin(&path, Duration::ZERO, &mut |_| {})?;
        let ours = self.snapshot.as_deref() == Some(path.as_path());
        if ours
            && !force
            && let Err(e) = update.expect(self.base.as_ref())
        {
            bail!("{e}; or :save! to replace it");
        }
        let origin = self.origin.clone();
        let header = update.commit(self.stored()?, &origin)?;
        writeln!(io.msg, "saved {}", path.display())?;
        self.snapshot = Some(path);
        self.base = Some(header);
        self.dirty = false;
        Ok(())
    }

    /// `:load PATH`; with unsaved `:ingest` work only as `:load! PATH` (`force`).
    fn load(&mut self, rest: &str, force: bool, io: &mut Io<'_>) -> Result<()> {
        if rest.is_empty() {
            bail!("usage: :load PATH");
        }
        if self.dirty && !force {
            bail!("the graph has unsaved changes: :save them first, or :load! {rest} to drop them");
        }
        let path = PathBuf::from(rest);
        let (g, header) = snapshot::open_with_header(&path)?;
        self.graph = g;
        self.stored = None;
        self.reindex();
        self.loaded(header);
        self.snapshot = Some(path.clone());
        self.dirty = false;
        writeln!(
            io.msg,
            "loaded {}: {} nodes, {} edges",
            path.display(),
            self.graph.graph().node_count(),
            self.graph.graph().edge_count()
        )?;
        Ok(())
    }

    /// Puts a new graph (as a snapshot holds it) in place, resolved, with fresh indexes.
    pub fn replace_graph(&mut self, g: KnowledgeGraph) {
        self.graph = g.clone().resolved();
        self.stored = Some(g);
        self.reindex();
    }

    /// The graph as the snapshot holds it, read again from the snapshot file when the
    /// session holds only the resolved one; an error if that file changed since.
    pub fn stored(&mut self) -> Result<&KnowledgeGraph> {
        if self.stored.is_none() {
            let path = self
                .snapshot
                .clone()
                .ok_or_else(|| anyhow!("no graph to change"))?;
            let (g, header) = snapshot::load_with_header(&path)?;
            if !self.base.as_ref().is_some_and(|b| b.same_file(&header)) {
                bail!(
                    "{}: changed on disk since it was loaded (another kg saved it); :load it again first",
                    path.display()
                );
            }
            self.stored = Some(g);
        }
        self.stored
            .as_ref()
            .ok_or_else(|| anyhow!("no graph to change"))
    }

    /// Gives back, unchanged, what [`Session::take_stored`] took.
    pub fn put_back(&mut self, stored: KnowledgeGraph) {
        self.stored = Some(stored);
    }

    /// Takes the graph as the snapshot holds it, to change it and give it back with
    /// [`Session::replace_graph`] (or unchanged with [`Session::put_back`]).
    pub fn take_stored(&mut self) -> Result<KnowledgeGraph> {
        self.stored()?;
        self.stored
            .take()
            .ok_or_else(|| anyhow!("no graph to change"))
    }

    /// Rebuilds the indexes after the graph changed.
    pub fn reindex(&mut self) {
        self.index = GraphIndex::new(&self.graph);
        self.generation += 1;
        self.last = None;
    }

    fn param(&mut self, rest: &str, io: &mut Io<'_>) -> Result<()> {
        if rest.is_empty() {
            let mut names: Vec<&String> = self.params.keys().collect();
            names.sort();
            for n in names {
                let v = format::text(&self.graph, &self.params[n]);
                writeln!(io.out, "${n} => {v}")?;
            }
            return Ok(());
        }
        let (name, value) = rest
            .split_once("=>")
            .ok_or_else(|| anyhow!("usage: :param name => value"))?;
        let name = name.trim().trim_start_matches('$');
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            bail!("a parameter name is letters, digits and _");
        }
        let src = format!("RETURN {} AS v", value.trim());
        let out = self.run_query(&src)?;
        let v = out
            .rows
            .into_iter()
            .next()
            .and_then(|r| r.into_iter().next())
            .unwrap_or(Val::Null);
        writeln!(io.msg, "${name} => {}", format::text(&self.graph, &v))?;
        self.params.insert(name.to_string(), v);
        Ok(())
    }

    fn explain(&mut self, rest: &str, io: &mut Io<'_>) -> Result<()> {
        if rest.is_empty() {
            bail!("usage: :explain QUERY or :explain SHORT-COMMAND");
        }
        let src = if short::is_short(rest) {
            let cmd = short::parse(rest).map_err(|e| anyhow!(e))?;
            match self.compile(&cmd, io)? {
                Some((src, _)) => {
                    writeln!(io.out, "query:\n{src}\n")?;
                    src
                }
                None => {
                    writeln!(
                        io.out,
                        "{} runs no query: it reads the name index or the last result",
                        rest.split_whitespace().next().unwrap_or("")
                    )?;
                    return Ok(());
                }
            }
        } else {
            rest.to_string()
        };
        let plan = query::explain(&src, &self.graph, &self.index, &self.params)
            .map_err(|e| anyhow!(e.render(&src)))?;
        writeln!(io.out, "plan:\n{plan}")?;
        Ok(())
    }

    /// The last result, for `why` and exports.
    pub fn last(&self) -> Option<&Output> {
        self.last.as_ref()
    }
}

/// Whether `e` comes from writing to a reader that went away (`kg query … | head`): not a
/// failure of the statement, and nothing is left to say.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Whether a line is a statement of its own (short or `:` command) rather than part of a
/// query that ends with `;`.
pub fn is_line_statement(line: &str) -> bool {
    let t = line.trim();
    t.starts_with(':') || t.starts_with('.') || short::is_short(t)
}

/// Splits a script into statements: queries end with `;` (outside strings), short and `:`
/// commands with their line; `//` comment lines and blank lines are skipped.
pub fn split_script(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for line in text.lines() {
        let t = line.trim();
        if buf.trim().is_empty() {
            if t.is_empty() || t.starts_with("//") {
                continue;
            }
            if is_line_statement(t) {
                out.push(t.to_string());
                continue;
            }
        }
        buf.push_str(line);
        buf.push('\n');
        while let Some(end) = statement_end(&buf) {
            let stmt: String = buf[..end].trim().to_string();
            buf = buf[end + 1..].to_string();
            if !stmt.is_empty() {
                out.push(stmt);
            }
        }
    }
    if !buf.trim().is_empty() {
        out.push(buf.trim().to_string());
    }
    out
}

/// The byte offset of the first `;` outside string literals and comments.
pub fn statement_end(text: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"' | '`') => quote = Some(c),
            (None, '/') if chars.peek().is_some_and(|(_, n)| *n == '/') => {
                while chars.peek().is_some_and(|(_, n)| *n != '\n') {
                    chars.next();
                }
            }
            (None, ';') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The text of a script read as bytes (standard input, `-f FILE`, `:source`): UTF-8, or a
/// one-line error naming where the first bad byte is.
pub fn script_text(bytes: Vec<u8>, source: &str) -> anyhow::Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
        anyhow!("{source}: not UTF-8 at line {line} (byte {at}); save it as UTF-8 and run it again")
    })
}

/// The longest time limit a user may set: a year. Longer is surely a typing error, and
/// `Duration` cannot hold every `f64`.
pub const MAX_TIMEOUT_SECS: f64 = 365.0 * 24.0 * 3600.0;

/// A query time limit from seconds typed by a user: 0 means none; negative, NaN, infinite
/// and longer than [`MAX_TIMEOUT_SECS`] are refused with the reason.
pub fn timeout_from_secs(secs: f64) -> Result<Option<Duration>, String> {
    if secs == 0.0 {
        return Ok(None);
    }
    if !secs.is_finite() || !(0.0..=MAX_TIMEOUT_SECS).contains(&secs) {
        let shown = if secs.abs() >= 1e9 {
            format!("{secs:e}")
        } else {
            secs.to_string()
        };
        return Err(format!(
            "takes seconds from 0 (no limit) to {MAX_TIMEOUT_SECS:.0}, not {shown}"
        ));
    }
    Duration::try_from_secs_f64(secs)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// The largest memory budget accepted, in megabytes (1 TB).
pub const MAX_MEMORY_MB: usize = 1 << 20;

/// A memory budget in megabytes as typed (`:memory`, `--memory-mb`): a whole number from 1
/// to [`MAX_MEMORY_MB`].
pub fn memory_mb(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(mb) if (1..=MAX_MEMORY_MB).contains(&mb) => Ok(mb),
        _ => Err(format!(
            "takes a whole number of megabytes from 1 to {MAX_MEMORY_MB}, not {}",
            text.trim()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_budgets_are_whole_megabytes_within_bounds() {
        assert_eq!(memory_mb(" 64 "), Ok(64));
        for bad in ["0", "-1", "1.5", "1e9", "huge", "99999999999999999999"] {
            assert!(memory_mb(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn scripts_that_are_not_utf8_say_where() {
        let err = script_text(b"RETURN 1;\nRETURN \xff;".to_vec(), "standard input").unwrap_err();
        assert_eq!(
            err.to_string(),
            "standard input: not UTF-8 at line 2 (byte 17); save it as UTF-8 and run it again"
        );
    }

    #[test]
    fn time_limits_are_bounded() {
        assert_eq!(timeout_from_secs(0.0), Ok(None));
        assert_eq!(
            timeout_from_secs(2.5),
            Ok(Some(Duration::from_millis(2500)))
        );
        for bad in [-1.0, f64::NAN, f64::INFINITY, 1e19, 1e300] {
            let err = timeout_from_secs(bad).unwrap_err();
            assert!(err.starts_with("takes seconds from 0 (no limit)"), "{err}");
        }
    }

    #[test]
    fn scripts_split_on_semicolons_outside_strings() {
        let s = "// a comment\nMATCH (n)\nWHERE n.name = 'a;b'\nRETURN n;\nwho chaired\n:format csv\nRETURN 1; RETURN 2;\nRETURN 3";
        assert_eq!(
            split_script(s),
            [
                "MATCH (n)\nWHERE n.name = 'a;b'\nRETURN n",
                "who chaired",
                ":format csv",
                "RETURN 1",
                "RETURN 2",
                "RETURN 3"
            ]
        );
    }

    #[test]
    fn statement_end_skips_strings_and_comments() {
        assert_eq!(statement_end("RETURN 'x;y' // ;\n;"), Some(18));
        assert_eq!(statement_end("RETURN \"it\\\";\""), None);
    }
}
