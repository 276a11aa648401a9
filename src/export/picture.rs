//! Pictures of the graph: DOT text, or SVG, PNG and PDF rendered through Graphviz, chosen
//! by the file's extension.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context as _, Result, bail};

use super::write_atomically;

/// What a path asks for, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    /// DOT text (`.dot`, `.gv`, or any other extension).
    Dot,
    /// Scalable vector graphics.
    Svg,
    /// A bitmap.
    Png,
    /// A PDF page.
    Pdf,
}

impl Picture {
    /// The picture `path`'s extension names.
    pub fn of(path: &Path) -> Picture {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("svg") => Picture::Svg,
            Some("png") => Picture::Png,
            Some("pdf") => Picture::Pdf,
            _ => Picture::Dot,
        }
    }

    /// Graphviz's name of the format (`-Tsvg`); `None` for DOT text.
    pub fn graphviz(self) -> Option<&'static str> {
        match self {
            Picture::Dot => None,
            Picture::Svg => Some("svg"),
            Picture::Png => Some("png"),
            Picture::Pdf => Some("pdf"),
        }
    }
}

/// Writes `dot` to `path` as the extension says: the text itself, or the picture Graphviz
/// draws of it (written whole or not at all).
pub fn write(path: &Path, dot: &str) -> Result<Picture> {
    let picture = Picture::of(path);
    match picture.graphviz() {
        None => write_atomically(path, dot.as_bytes())?,
        Some(format) => write_atomically(path, &render(dot, format)?)?,
    }
    Ok(picture)
}

/// Runs Graphviz `dot -T<format>` on DOT text; says how to install it when it is missing.
pub fn render(dot: &str, format: &str) -> Result<Vec<u8>> {
    let child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "Graphviz is not installed, so no {format} could be drawn; install it \
             (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz; \
             others: https://graphviz.org/download/), or write a .dot file"
        ),
        r => r.context("cannot run Graphviz dot")?,
    };
    let stdin = child.stdin.take();
    // the graph is written on its own thread while this one reads dot's output and
    // warnings, so that neither side can block the other on a full pipe
    let out = std::thread::scope(|scope| {
        let writer = scope.spawn(move || stdin.map_or(Ok(()), |mut w| w.write_all(dot.as_bytes())));
        let out = child.wait_with_output();
        (writer.join(), out)
    });
    let out = match out {
        (Ok(Ok(())), out) => out.context("Graphviz dot did not finish")?,
        (Ok(Err(e)), _) => return Err(e).context("cannot give the graph to Graphviz dot"),
        (Err(_), _) => bail!("cannot give the graph to Graphviz dot"),
    };
    if !out.status.success() {
        bail!(
            "Graphviz dot failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(out.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_chooses_the_picture() {
        assert_eq!(Picture::of(Path::new("a/x.SVG")), Picture::Svg);
        assert_eq!(Picture::of(Path::new("x.png")), Picture::Png);
        assert_eq!(Picture::of(Path::new("x.pdf")), Picture::Pdf);
        assert_eq!(Picture::of(Path::new("x.dot")), Picture::Dot);
        assert_eq!(Picture::of(Path::new("x")), Picture::Dot);
    }
}
