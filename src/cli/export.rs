//! `kg export json|dot|graphml|csv`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::export::dot::to_dot;
use crate::export::write_atomically;
use crate::graph::snapshot;
use crate::query::Params;
use crate::shell::select::{Target, picture};

/// `kg export json`: writes to `output`, or to standard output when it is `-`.
pub fn export_json(snapshot_path: &Path, output: &Path, out: &mut impl Write) -> Result<()> {
    use crate::export::json::write_json;
    let graph = snapshot::open(snapshot_path)?;
    if output == Path::new("-") {
        let mut w = std::io::BufWriter::new(out);
        write_json(&graph, &mut w)?;
        writeln!(w)?;
        w.flush()?;
        return Ok(());
    }
    super::not_the_same(output, snapshot_path, "the snapshot being exported")?;
    crate::export::write_atomically_with(output, |w| Ok(write_json(&graph, w)?))?;
    writeln!(out, "wrote {}", output.display())?;
    Ok(())
}

/// The default JSON path for a snapshot: the same name with `.json`.
pub fn json_path_for(snapshot_path: &Path) -> PathBuf {
    snapshot_path.with_extension("json")
}

/// The options of `kg export dot`.
#[derive(Debug, Clone, clap::Args)]
pub struct DotArgs {
    /// Snapshot to draw.
    #[arg(default_value = super::DEFAULT_SNAPSHOT)]
    pub snapshot: PathBuf,
    /// File to write: `.svg`, `.png` or `.pdf` are drawn by Graphviz, anything else is
    /// DOT text (default: the snapshot's name with .dot; `-` for standard output).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Keep the MENTIONS and REPORTS relationships (and the articles they tie in), left
    /// out of the whole-graph picture by default.
    #[arg(long)]
    pub mentions: bool,
    /// Draw this entity (a name, without diacritics if you like, or #ID) and its neighbours.
    #[arg(long, conflicts_with = "query")]
    pub focus: Option<String>,
    /// How many relationships away from --focus to draw.
    #[arg(long, default_value_t = 1, requires = "focus")]
    pub depth: u32,
    /// Draw the nodes and relationships this query matched.
    #[arg(long)]
    pub query: Option<String>,
    /// Refuse to draw more nodes than this (a picture of thousands is no use).
    #[arg(long, default_value_t = 500)]
    pub max_nodes: usize,
    /// Also render the picture with Graphviz `dot`, beside the DOT file.
    #[arg(long, value_enum)]
    pub render: Option<Render>,
}

/// Picture formats Graphviz renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Render {
    /// Scalable vector graphics.
    Svg,
    /// A bitmap.
    Png,
}

/// `kg export dot`.
pub fn export_dot(args: &DotArgs, out: &mut impl Write) -> Result<()> {
    let g = snapshot::open(&args.snapshot)?;
    let ix = crate::graph::GraphIndex::new(&g);
    let target = match (&args.focus, &args.query) {
        (Some(name), _) => Target::Focus(name, args.depth),
        (None, Some(q)) => Target::Query(q),
        (None, None) => Target::All,
    };
    let (sel, left_out) = picture(&g, &ix, &Params::new(), target, args.mentions)?;
    if sel.nodes.len() > args.max_nodes {
        bail!(
            "the picture would have {} nodes, more than --max-nodes {}; draw a part with \
             --focus NAME [--depth N] or --query QUERY, or raise --max-nodes",
            sel.nodes.len(),
            args.max_nodes
        );
    }
    let text = to_dot(&g, &sel);
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.snapshot.with_extension("dot"));
    if output == Path::new("-") {
        if args.render.is_some() {
            bail!("--render needs a file: give -o FILE.dot");
        }
        out.write_all(text.as_bytes())?;
        return Ok(());
    }
    super::not_the_same(&output, &args.snapshot, "the snapshot being exported")?;
    crate::export::picture::write(&output, &text)?;
    writeln!(out, "wrote {}: {}", output.display(), sel.summary(left_out))?;
    if let Some(r) = args.render {
        let drawn = render(&output, &text, r)?;
        writeln!(out, "rendered {}", drawn.display())?;
    }
    Ok(())
}

/// Runs Graphviz on a DOT file; says how to install it when it is missing.
pub fn render(dot_file: &Path, text: &str, format: Render) -> Result<PathBuf> {
    let ext = match format {
        Render::Svg => "svg",
        Render::Png => "png",
    };
    let picture = dot_file.with_extension(ext);
    let bytes = crate::export::picture::render(text, ext)
        .with_context(|| format!("{} was written but not rendered", dot_file.display()))?;
    write_atomically(&picture, &bytes)?;
    Ok(picture)
}

/// `kg export graphml`.
pub fn export_graphml(
    snapshot_path: &Path,
    output: Option<&Path>,
    out: &mut impl Write,
) -> Result<()> {
    let g = snapshot::open(snapshot_path)?;
    let text = crate::export::graphml::to_graphml(&g);
    let output = output.map_or_else(
        || snapshot_path.with_extension("graphml"),
        Path::to_path_buf,
    );
    if output == Path::new("-") {
        out.write_all(text.as_bytes())?;
        return Ok(());
    }
    super::not_the_same(&output, snapshot_path, "the snapshot being exported")?;
    write_atomically(&output, text.as_bytes())?;
    writeln!(out, "wrote {}", output.display())?;
    Ok(())
}

/// `kg export csv`: the bulk files for Neo4j and Kuzu in a folder.
pub fn export_csv(snapshot_path: &Path, dir: &Path, out: &mut impl Write) -> Result<()> {
    let g = snapshot::open(snapshot_path)?;
    fs::create_dir_all(dir).with_context(|| format!("{}: cannot create folder", dir.display()))?;
    let files = crate::export::bulk::export(&g);
    for f in &files {
        write_atomically(&dir.join(&f.name), f.text.as_bytes())?;
    }
    writeln!(
        out,
        "wrote {} files to {} (see {}/README to load them into Neo4j or Kuzu)",
        files.len(),
        dir.display(),
        dir.display()
    )?;
    Ok(())
}
