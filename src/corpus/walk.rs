//! Which files a build reads: folders walked for article files, each real file once.

use std::fs;
use std::path::{Path, PathBuf};

use super::{BuildReport, Skipped};

/// The files a folder is searched for: plain text and saved web pages. A file named on
/// the command line is read whatever its name, and as HTML if it is a page.
pub const ARTICLE_EXTENSIONS: [&str; 3] = ["txt", "html", "htm"];

/// An article file to read, and its name in the graph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// Where it is.
    pub path: PathBuf,
    /// What the graph calls it: its path relative to the folder given (with `/`), or the
    /// path of a file named on its own as given; when several folders are given, each
    /// name starts with its folder's name, so that `a/index.txt` and `b/index.txt` stay two.
    pub name: String,
    /// Its size in bytes when the walk saw it: a hint for what a build will hold (the
    /// file is measured again when it is read).
    pub bytes: u64,
}

/// Every article file under `paths` (folders are walked for [`ARTICLE_EXTENSIONS`]),
/// sorted by path. Each real folder is walked once and each real file taken once,
/// whatever the symbolic links between them (a link back to a parent would loop forever);
/// the files of folders that are not articles are counted in `report.not_read`.
pub fn collect_inputs(paths: &[PathBuf], report: &mut BuildReport) -> Vec<Input> {
    let mut w = Walk {
        out: Vec::new(),
        seen_dirs: std::collections::HashSet::new(),
        seen_files: std::collections::HashSet::new(),
        report,
    };
    let folders = paths.iter().filter(|p| p.is_dir()).count();
    for p in paths {
        if p.is_dir() {
            let prefix = match p
                .canonicalize()
                .ok()
                .and_then(|c| c.file_name().map(|n| n.to_os_string()))
            {
                Some(n) if folders > 1 => PathBuf::from(n),
                _ => PathBuf::new(),
            };
            w.dir(p, p, &prefix);
        } else if let Ok(meta) = fs::metadata(p)
            && meta.is_file()
        {
            let name = slashed(p.strip_prefix(".").unwrap_or(p));
            w.file(p.clone(), name, &meta);
        } else {
            w.report.skipped.push(not_a_file(p));
        }
    }
    let mut out = w.out;
    out.sort();
    out.dedup_by(|a, b| a.path == b.path);
    out
}

/// A relative path with `/` between its parts, whatever the platform.
fn slashed(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What tells two names of one file (or folder) from two files: the device and inode on
/// Unix, read with the metadata the walk reads anyway, where resolving each name to its
/// canonical path took a system call for each part of the path; the canonical path
/// elsewhere.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

impl FileId {
    /// The file `path` leads to (through links); `None` when there is none.
    pub(crate) fn of_path(path: &Path) -> Option<FileId> {
        fs::metadata(path).ok().map(|m| FileId::of(path, &m))
    }

    fn of(path: &Path, meta: &fs::Metadata) -> FileId {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            FileId::Inode(meta.dev(), meta.ino())
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            FileId::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
        }
    }
}

struct Walk<'a> {
    out: Vec<Input>,
    seen_dirs: std::collections::HashSet<FileId>,
    seen_files: std::collections::HashSet<FileId>,
    report: &'a mut BuildReport,
}

impl Walk<'_> {
    /// Walks `dir`, a folder under `root` (the folder given); names start with `prefix`.
    fn dir(&mut self, dir: &Path, root: &Path, prefix: &Path) {
        if let Ok(meta) = fs::metadata(dir)
            && !self.seen_dirs.insert(FileId::of(dir, &meta))
        {
            return; // walked already, under another name
        }
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.report.skipped.push(Skipped {
                    path: dir.display().to_string(),
                    reason: super::SkipReason::Folder(e.to_string()),
                });
                return;
            }
        };
        let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.sort(); // the same order, and so the same names kept, on every run
        for p in entries {
            let ext = p.extension().map(|e| e.to_string_lossy().to_lowercase());
            // the corrections of who is who, read by the build, not an article
            if p.file_name()
                .is_some_and(|n| n == crate::graph::corrections::FILE)
            {
                continue;
            }
            // one look at what the name leads to (through links), for all that follows
            let meta = fs::metadata(&p).ok();
            if meta.as_ref().is_some_and(fs::Metadata::is_dir) {
                self.dir(&p, root, prefix);
            } else if ext
                .as_deref()
                .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e))
            {
                if let Some(meta) = meta.filter(fs::Metadata::is_file) {
                    let name = slashed(&prefix.join(p.strip_prefix(root).unwrap_or(&p)));
                    self.file(p, name, &meta);
                } else {
                    self.report.skipped.push(not_a_file(&p));
                }
            } else {
                *self
                    .report
                    .not_read
                    .entry(ext.unwrap_or_default())
                    .or_default() += 1;
            }
        }
    }

    fn file(&mut self, path: PathBuf, name: String, meta: &fs::Metadata) {
        if self.seen_files.insert(FileId::of(&path, meta)) {
            self.out.push(Input {
                path,
                name,
                bytes: meta.len(),
            });
        }
    }
}

/// "files not read: 2 .aspx, 1 .md (folders are searched for .txt, .html and .htm)".
pub fn not_read_line(counts: &std::collections::BTreeMap<String, usize>) -> Option<String> {
    if counts.is_empty() {
        return None;
    }
    let kinds: Vec<String> = counts
        .iter()
        .map(|(ext, n)| match ext.as_str() {
            "" => format!("{n} without an extension"),
            e => format!("{n} .{e}"),
        })
        .collect();
    Some(format!(
        "files not read: {} (folders are searched for .txt, .html and .htm; name a file to read it whatever its name)",
        kinds.join(", ")
    ))
}

/// Why a path that is not a folder cannot be read: it is missing (or a link to nothing),
/// or it is a pipe, socket or device, whose reading could block forever.
fn not_a_file(p: &Path) -> Skipped {
    let link = fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    let reason = match (link, p.exists()) {
        (true, false) => super::SkipReason::BrokenLink,
        (_, true) => super::SkipReason::NotAFile,
        (false, false) => super::SkipReason::Missing,
    };
    Skipped {
        path: p.display().to_string(),
        reason,
    }
}
