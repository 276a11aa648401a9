//! Query results as text: aligned tables measured in display columns (Vietnamese combining
//! marks take none), CSV for pipes and spreadsheets, JSON for programs.

use std::io::Write;

use serde_json::{Value as Json, json};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::graph::KnowledgeGraph;
use crate::query::{Output, Val};
use crate::schema::Value;

/// The widest a table cell gets before it is cut with `…`.
pub const MAX_CELL: usize = 60;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table on a terminal, CSV when piped.
    Auto,
    /// An aligned table.
    Table,
    /// RFC 4180 CSV with a header.
    Csv,
    /// A JSON array of row objects.
    Json,
    /// A Markdown (GitHub) table.
    Markdown,
    /// Tab-separated values with a header (tabs and newlines in cells become spaces).
    Tsv,
}

impl Format {
    /// `auto` settled for where the output goes.
    pub fn resolve(self, terminal: bool) -> Format {
        match self {
            Format::Auto if terminal => Format::Table,
            Format::Auto => Format::Csv,
            f => f,
        }
    }

    /// Parses `table`, `csv`, `json`, `auto`.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Format::Auto),
            "table" => Some(Format::Table),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "markdown" | "md" => Some(Format::Markdown),
            "tsv" | "tabs" => Some(Format::Tsv),
            _ => None,
        }
    }
}

/// Renders a result in `format` (already resolved: not `Auto`).
pub fn render(g: &KnowledgeGraph, out: &Output, format: Format) -> String {
    let bytes = render_fit(g, out, format, None);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes a result in `format` to `to`, as [`render_fit`] renders it; CSV goes out a row
/// at a time.
pub fn write_fit(
    g: &KnowledgeGraph,
    out: &Output,
    format: Format,
    width: Option<usize>,
    to: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Csv => write_csv(g, out, to),
        _ => to.write_all(&render_fit(g, out, format, width)),
    }
}

/// Renders a result as the UTF-8 bytes to write; a table fits in `width` display columns
/// when one is given (column widths shared out, long cells cut with `…`), else cells are
/// cut at [`MAX_CELL`].
pub fn render_fit(
    g: &KnowledgeGraph,
    out: &Output,
    format: Format,
    width: Option<usize>,
) -> Vec<u8> {
    match format {
        Format::Csv => csv(g, out),
        Format::Json => {
            let text = serde_json::to_string_pretty(&to_json(g, out)).unwrap_or_default();
            (text + "\n").into_bytes()
        }
        Format::Markdown => markdown(g, out).into_bytes(),
        Format::Tsv => tsv(g, out).into_bytes(),
        Format::Table | Format::Auto => table(g, out, width).into_bytes(),
    }
}

/// One line of text per cell for the line-based formats.
fn flat(g: &KnowledgeGraph, v: &Val) -> String {
    match v {
        Val::Null => String::new(),
        v => text(g, v).replace(['\n', '\r', '\t'], " "),
    }
}

fn markdown(g: &KnowledgeGraph, out: &Output) -> String {
    let cell = |s: String| s.replace('|', "\\|");
    let mut s = format!(
        "| {} |\n|{}\n",
        out.columns
            .iter()
            .map(|c| cell(c.clone()))
            .collect::<Vec<_>>()
            .join(" | "),
        "---|".repeat(out.columns.len())
    );
    for r in &out.rows {
        let cells: Vec<String> = r.iter().map(|v| cell(flat(g, v))).collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    s
}

fn tsv(g: &KnowledgeGraph, out: &Output) -> String {
    let mut s = out.columns.join("\t") + "\n";
    for r in &out.rows {
        let cells: Vec<String> = r.iter().map(|v| flat(g, v)).collect();
        s.push_str(&cells.join("\t"));
        s.push('\n');
    }
    s
}

/// Column widths that fit `total` display columns: each column its natural width when
/// the table fits; else the narrow ones keep theirs and the rest share what is left
/// equally (at least 3 columns each, so a table of many columns may still overflow).
pub fn fit(natural: &[usize], total: usize) -> Vec<usize> {
    let frame = 3 * natural.len() + 1;
    let mut budget = total.saturating_sub(frame);
    if natural.iter().sum::<usize>() <= budget {
        return natural.to_vec();
    }
    let mut widths = vec![0; natural.len()];
    let mut open: Vec<usize> = (0..natural.len()).collect();
    loop {
        let share = budget / open.len().max(1);
        let (narrow, wide): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&i| natural[i] <= share);
        if narrow.is_empty() {
            let extra = budget.saturating_sub(share * wide.len());
            for (k, &i) in wide.iter().enumerate() {
                widths[i] = (share + usize::from(k < extra)).max(3);
            }
            return widths;
        }
        for &i in &narrow {
            widths[i] = natural[i];
            budget -= natural[i];
        }
        open = wide;
        if open.is_empty() {
            return widths;
        }
    }
}

/// A value as one line of text.
pub fn text(g: &KnowledgeGraph, v: &Val) -> String {
    match v {
        Val::Null => "null".into(),
        Val::Bool(b) => b.to_string(),
        Val::Int(n) => n.to_string(),
        Val::Str(s) => s.to_string(),
        Val::Date(d) => d.to_string(),
        Val::List(items) => {
            let parts: Vec<String> = items.iter().map(|i| text(g, i)).collect();
            format!("[{}]", parts.join(", "))
        }
        Val::Node(n) => g
            .graph()
            .node_weight(*n)
            .map_or_else(String::new, |w| w.name.to_string()),
        Val::Edge(e) => edge_text(g, *e),
        Val::Path(p) => {
            let mut s = node_name(g, p.nodes.first().copied());
            for (i, e) in p.edges.iter().enumerate() {
                let forward = g
                    .graph()
                    .edge_endpoints(*e)
                    .is_some_and(|(a, _)| Some(a) == p.nodes.get(i).copied());
                let rel = g.graph().edge_weight(*e).map_or("?", |w| w.rel.as_str());
                let (l, r) = if forward { ("-", "->") } else { ("<-", "-") };
                s.push_str(&format!(
                    " {l}[{rel}]{r} {}",
                    node_name(g, p.nodes.get(i + 1).copied())
                ));
            }
            s
        }
    }
}

fn node_name(g: &KnowledgeGraph, n: Option<petgraph::graph::NodeIndex>) -> String {
    n.and_then(|n| g.graph().node_weight(n))
        .map_or_else(String::new, |w| w.name.to_string())
}

/// A relationship as `TYPE {k: v, …}`.
pub fn edge_text(g: &KnowledgeGraph, e: petgraph::graph::EdgeIndex) -> String {
    let Some(w) = g.graph().edge_weight(e) else {
        return String::new();
    };
    match props_inline(&w.props) {
        Some(p) => format!("{} {{{p}}}", w.rel.as_str()),
        None => w.rel.as_str().to_string(),
    }
}

/// The non-null properties as `k: v, k: v`, or `None` when there are none.
pub fn props_inline(props: &crate::schema::Props) -> Option<String> {
    let parts: Vec<String> = props
        .iter()
        .filter(|(_, v)| **v != Value::Null)
        .map(|(k, v)| format!("{k}: {}", prop_text(v)))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// A stored property value as text.
pub fn prop_text(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Int(n) => n.to_string(),
        Value::Str(s) => s.to_string(),
    }
}

/// Cuts `s` to at most `max` display columns, ending with `…` when cut.
pub fn cut(s: &str, max: usize) -> String {
    let one_line = s.replace(['\n', '\r', '\t'], " ");
    if one_line.width() <= max {
        return one_line;
    }
    let mut out = String::new();
    let mut w = 0;
    for c in one_line.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max.saturating_sub(1) {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn table(g: &KnowledgeGraph, out: &Output, width: Option<usize>) -> String {
    if out.rows.is_empty() {
        return String::new();
    }
    let limit = if width.is_some() {
        usize::MAX
    } else {
        MAX_CELL
    };
    let mut cells: Vec<Vec<String>> = out
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|v| match v {
                    // A path is the whole answer of `path`: never cut it.
                    Val::Path(_) if width.is_none() => text(g, v),
                    v => cut(&text(g, v), limit),
                })
                .collect()
        })
        .collect();
    let mut header: Vec<String> = out.columns.iter().map(|c| cut(c, limit)).collect();
    let mut widths: Vec<usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            cells
                .iter()
                .map(|r| r.get(i).map_or(0, |c| c.width()))
                .chain([h.width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    if let Some(total) = width {
        widths = fit(&widths, total);
        for row in cells.iter_mut().chain([&mut header]) {
            for (c, w) in row.iter_mut().zip(&widths) {
                if c.width() > *w {
                    *c = cut(c, *w);
                }
            }
        }
    }
    let line = |row: &[String]| -> String {
        let parts: Vec<String> = row.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        format!("│ {} │\n", parts.join(" │ "))
    };
    let rule = |l: &str, m: &str, r: &str| -> String {
        let parts: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
        format!("{l}{}{r}\n", parts.join(m))
    };
    let mut s = rule("┌", "┬", "┐");
    s.push_str(&line(&header));
    s.push_str(&rule("├", "┼", "┤"));
    for r in &cells {
        s.push_str(&line(r));
    }
    s.push_str(&rule("└", "┴", "┘"));
    s
}

/// CSV of a result: strings in, so UTF-8 out, left as bytes (checking a large result's
/// UTF-8 again cost a tenth of a whole-graph query).
fn csv(g: &KnowledgeGraph, out: &Output) -> Vec<u8> {
    let mut bytes = Vec::new();
    // writing to memory does not fail
    let _ = write_csv(g, out, &mut bytes);
    bytes
}

/// Writes a result as CSV, a row at a time through a small buffer: a large result is
/// never held a second time as text.
fn write_csv(g: &KnowledgeGraph, out: &Output, to: &mut dyn Write) -> std::io::Result<()> {
    csv_rows(g, out, to).map_err(|e| match e.into_kind() {
        // the writer's own error, kind kept (a reader gone away is told apart)
        ::csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    })
}

fn csv_rows(g: &KnowledgeGraph, out: &Output, to: &mut dyn Write) -> ::csv::Result<()> {
    let mut w = ::csv::WriterBuilder::new().from_writer(to);
    w.write_record(&out.columns)?;
    for r in &out.rows {
        // a row is written field by field, a string without a copy of its own
        for v in r {
            match v {
                Val::Null => w.write_field("")?,
                Val::Int(n) => w.write_field(n.to_string())?,
                Val::Str(s) if !needs_guard(s) => w.write_field(&**s)?,
                v => w.write_field(spreadsheet_safe(text(g, v)))?,
            };
        }
        w.write_record(None::<&[u8]>)?;
    }
    Ok(w.flush()?)
}

/// Whether a spreadsheet would run this cell as a formula (see [`spreadsheet_safe`]).
fn needs_guard(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
/// the start) gets a leading apostrophe, the usual guard against CSV injection.
pub fn spreadsheet_safe(cell: String) -> String {
    if needs_guard(&cell) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The rows as JSON objects keyed by column.
pub fn to_json(g: &KnowledgeGraph, out: &Output) -> Json {
    let rows: Vec<Json> = out
        .rows
        .iter()
        .map(|r| {
            let obj: serde_json::Map<String, Json> = out
                .columns
                .iter()
                .cloned()
                .zip(r.iter().map(|v| value_json(g, v)))
                .collect();
            Json::Object(obj)
        })
        .collect();
    Json::Array(rows)
}

/// A value as JSON: nodes and relationships as objects with their id and properties.
pub fn value_json(g: &KnowledgeGraph, v: &Val) -> Json {
    match v {
        Val::Null => Json::Null,
        Val::Bool(b) => json!(b),
        Val::Int(n) => json!(n),
        Val::Str(s) => json!(s),
        Val::Date(d) => json!(d.to_string()),
        Val::List(items) => Json::Array(items.iter().map(|i| value_json(g, i)).collect()),
        Val::Node(n) => match g.graph().node_weight(*n) {
            Some(w) => json!({
                "id": n.index(), "label": w.label.as_str(), "name": w.name, "key": w.key,
                "props": crate::export::json::props(&w.props),
            }),
            None => Json::Null,
        },
        Val::Edge(e) => match (g.graph().edge_weight(*e), g.graph().edge_endpoints(*e)) {
            (Some(w), Some((a, b))) => json!({
                "id": e.index(), "type": w.rel.as_str(), "from": a.index(), "to": b.index(),
                "props": crate::export::json::props(&w.props),
            }),
            _ => Json::Null,
        },
        Val::Path(p) => json!({
            "nodes": p.nodes.iter().map(|n| value_json(g, &Val::Node(*n))).collect::<Vec<_>>(),
            "relationships": p.edges.iter().map(|e| value_json(g, &Val::Edge(*e))).collect::<Vec<_>>(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_shared_out_to_fit() {
        assert_eq!(fit(&[10, 20], 80), [10, 20], "fits: natural widths");
        // 80 - 10 for the frame leaves 70: the narrow column keeps 10, the two wide share 60
        assert_eq!(fit(&[10, 100, 100], 80), [10, 30, 30]);
        assert_eq!(fit(&[50, 50, 50], 200), [50, 50, 50]);
        assert_eq!(fit(&[100, 100], 20), [7, 6]);
    }

    #[test]
    fn cut_measures_display_columns() {
        assert_eq!(cut("Nguyễn Văn Tâm", 20), "Nguyễn Văn Tâm");
        let decomposed = "Nguye\u{302}\u{303}n";
        assert_eq!(decomposed.width(), 6, "combining marks take no column");
        assert_eq!(cut("Hội nghị lần thứ 18", 10), "Hội nghị …");
        assert_eq!(cut("a\nb", 5), "a b");
    }

    #[test]
    fn tables_align_vietnamese_text() {
        let g = KnowledgeGraph::new();
        let out = Output {
            columns: vec!["tên".into(), "n".into()],
            rows: vec![
                vec![Val::Str("Đinh Thị Lan Duyên".into()), Val::Int(1)],
                vec![Val::Str("Lê".into()), Val::Null],
            ],
            ..Output::default()
        };
        let t = table(&g, &out, None);
        let widths: Vec<usize> = t.lines().map(|l| l.width()).collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{t}");
        assert!(t.contains("│ Lê                 │ null │"), "{t}");
    }

    #[test]
    fn csv_quotes_and_leaves_null_empty() {
        let g = KnowledgeGraph::new();
        let out = Output {
            columns: vec!["a".into(), "b".into()],
            rows: vec![vec![Val::Str("x, \"y\"".into()), Val::Null]],
            ..Output::default()
        };
        assert_eq!(csv(&g, &out), b"a,b\n\"x, \"\"y\"\"\",\n");
        let hostile = Output {
            columns: vec!["a".into(), "n".into()],
            rows: vec![vec![Val::Str("=HYPERLINK(\"x\")".into()), Val::Int(-3)]],
            ..Output::default()
        };
        assert_eq!(csv(&g, &hostile), b"a,n\n\"'=HYPERLINK(\"\"x\"\")\",-3\n");
    }
}
