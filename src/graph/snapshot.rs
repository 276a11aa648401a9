//! Snapshots on disk: a header (magic bytes, format version, body length, CRC-32 of the
//! body) and the graph in `bincode`. Written to a temporary file in the same folder and
//! renamed over the target, so a snapshot on disk is never half written.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::KnowledgeGraph;

/// The first bytes of every snapshot.
pub const MAGIC: &[u8; 8] = b"VNKGSNAP";
/// The format version this build writes and reads.
pub const VERSION: u32 = 1;
const HEADER_LEN: usize = 8 + 4 + 8 + 4;

/// Why a snapshot could not be loaded or saved. Each message is one line naming the file.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// The file could not be read or written.
    #[error("{path}: {}", describe(error))]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        error: std::io::Error,
    },
    /// A pipe, socket, device or folder: reading it could block or never end.
    #[error("{0}: not a regular file (a pipe, socket, device or folder); give a snapshot file")]
    NotAFile(PathBuf),
    /// A device, a pipe or a folder where a file is to be written.
    #[error("{0}: not a regular file (a device, pipe or folder); kg writes only regular files")]
    NotWritable(PathBuf),
    /// A symbolic link where a file is to be written.
    #[error("{0}: a symbolic link; kg writes only regular files (name the file it points to)")]
    Link(PathBuf),
    /// No magic bytes: some other file.
    #[error("{0}: not a kg snapshot (no VNKGSNAP header); build one with `kg build`")]
    NotSnapshot(PathBuf),
    /// Written by a newer kg.
    #[error(
        "{path}: snapshot format version {found} is newer than this kg reads ({supported}); upgrade kg"
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u32,
        /// Ours.
        supported: u32,
    },
    /// Shorter than its header says.
    #[error("{path}: truncated snapshot ({found} of {expected} bytes); rebuild it with `kg build`")]
    Truncated {
        /// The file.
        path: PathBuf,
        /// Bytes the header announces.
        expected: u64,
        /// Bytes present.
        found: u64,
    },
    /// The body does not match its checksum.
    #[error("{0}: corrupt snapshot (checksum mismatch); rebuild it with `kg build`")]
    Checksum(PathBuf),
    /// Another process is writing this snapshot.
    #[error("{path}: another kg is saving this snapshot ({holder}); try again when it is done")]
    Locked {
        /// The file.
        path: PathBuf,
        /// Who holds the lock, as it wrote itself into the lock file.
        holder: String,
    },
    /// The body passed its checksum but does not decode.
    #[error("{path}: cannot decode snapshot: {message}")]
    Decode {
        /// The file.
        path: PathBuf,
        /// The decoder's message.
        message: String,
    },
}

/// Encodes a graph into snapshot bytes.
pub fn to_bytes(g: &KnowledgeGraph) -> Result<Vec<u8>, bincode::Error> {
    let body = bincode::serialize(g)?;
    let mut out = Vec::with_capacity(HEADER_LEN + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// Decodes snapshot bytes; `path` only names the file in errors.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<KnowledgeGraph, SnapshotError> {
    let p = || path.to_path_buf();
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        return Err(SnapshotError::NotSnapshot(p()));
    }
    if bytes.len() < HEADER_LEN {
        return Err(SnapshotError::Truncated {
            path: p(),
            expected: HEADER_LEN as u64,
            found: bytes.len() as u64,
        });
    }
    let word = |a: usize, b: usize| {
        bytes[a..b]
            .iter()
            .rev()
            .fold(0u64, |acc, x| acc << 8 | u64::from(*x))
    };
    let version = word(8, 12) as u32;
    if version > VERSION {
        return Err(SnapshotError::NewerVersion {
            path: p(),
            found: version,
            supported: VERSION,
        });
    }
    let len = word(12, 20);
    let crc = word(20, 24) as u32;
    let body = &bytes[HEADER_LEN..];
    if (body.len() as u64) < len {
        return Err(SnapshotError::Truncated {
            path: p(),
            expected: HEADER_LEN as u64 + len,
            found: bytes.len() as u64,
        });
    }
    let body = &body[..len as usize];
    if crc32fast::hash(body) != crc {
        return Err(SnapshotError::Checksum(p()));
    }
    // The same encoding as `bincode::serialize`, with a limit: a body that passed its
    // checksum but claims a huge length (a crafted or buggy file) is an error, not an
    // attempt to allocate that much.
    use bincode::Options;
    let options = bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .allow_trailing_bytes()
        .with_limit(body.len() as u64);
    let mut g: KnowledgeGraph = options
        .deserialize(body)
        .map_err(|e| SnapshotError::Decode {
            path: p(),
            message: e.to_string(),
        })?;
    g.reindex();
    Ok(g)
}

/// Loads a snapshot file. Only a regular file is opened (`/dev/zero` would be read
/// forever, a pipe could block), and only its header is read before it is known to be a
/// snapshot, so a large file of another kind is refused without being read whole.
pub fn load(path: &Path) -> Result<KnowledgeGraph, SnapshotError> {
    use std::io::Read;
    let io = |error| SnapshotError::Io {
        path: path.to_path_buf(),
        error,
    };
    let meta = fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(SnapshotError::NotAFile(path.to_path_buf()));
    }
    let mut file = fs::File::open(path).map_err(io)?;
    let mut head = Vec::with_capacity(HEADER_LEN);
    (&mut file)
        .take(HEADER_LEN as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    if head.len() < 8 || &head[..8] != MAGIC {
        return Err(SnapshotError::NotSnapshot(path.to_path_buf()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    bytes.extend_from_slice(&head);
    file.read_to_end(&mut bytes).map_err(io)?;
    from_bytes(&bytes, path)
}

/// Whether `path` may be written: absent, or a regular file. A device, a pipe or a folder
/// would be replaced by a file (as root, `-o /dev/full` replaced the device), and a link
/// would be replaced rather than its target written.
pub fn check_target(path: &Path) -> Result<(), SnapshotError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(SnapshotError::Link(path.to_path_buf())),
        Ok(m) if !m.is_file() => Err(SnapshotError::NotWritable(path.to_path_buf())),
        _ => Ok(()),
    }
}

/// Saves a snapshot atomically: a temporary file in the same folder, synced, then renamed.
pub fn save(g: &KnowledgeGraph, path: &Path) -> Result<(), SnapshotError> {
    check_target(path)?;
    let io = |error| SnapshotError::Io {
        path: path.to_path_buf(),
        error,
    };
    let bytes = to_bytes(g).map_err(|e| SnapshotError::Decode {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let dir = folder_of(path);
    fs::create_dir_all(dir).map_err(io)?;
    let _lock = lock(path)?;
    // With the lock held no other kg writes this snapshot: a temporary file of it is what
    // a killed save left behind.
    remove_leftovers(path);
    let mut tmp = temp_beside(path).map_err(io)?;
    // Fault injection for tests: KG_SLOW_SAVE_MS pauses after each MiB, so that a test can
    // kill the process in the middle of the write, for certain.
    let pause = std::env::var("KG_SLOW_SAVE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok());
    for chunk in bytes.chunks(1 << 20) {
        tmp.write_all(chunk).map_err(io)?;
        if let Some(ms) = pause {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
    }
    tmp.as_file().sync_all().map_err(io)?;
    readable(tmp.as_file()).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all(); // best effort: make the rename itself durable
    }
    Ok(())
}

/// An OS error in one line, without the temporary file's path that `tempfile` adds, and
/// with what to do when the disk is full.
fn describe(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::StorageFull {
        return "the disk is full; free some space and save again (the snapshot already on \
                disk, if any, is unchanged)"
            .into();
    }
    match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
        None => e.to_string(),
    }
}

/// The folder a file is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The length of the random part of a temporary file's name (tempfile's default).
const RANDOM_LEN: usize = 6;

/// A temporary file beside `path`, named `.<name>.XXXXXX.tmp` so that one left by a
/// killed write says what it was for.
pub fn temp_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .rand_bytes(RANDOM_LEN)
        .tempfile_in(folder_of(path))
}

/// Deletes the temporary files of `path` that writes killed before their rename left
/// (best effort: one that cannot be deleted stays). Call it holding `path`'s [`lock`].
fn remove_leftovers(path: &Path) {
    remove_leftovers_older_than(path, std::time::Duration::ZERO);
}

/// [`remove_leftovers`] for files written without a lock: only temporary files last
/// modified more than `age` ago, which no running write still holds.
pub fn remove_leftovers_older_than(path: &Path, age: std::time::Duration) {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let random = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"));
        let ours =
            random.is_some_and(|r| r.len() == RANDOM_LEN && r.chars().all(char::is_alphanumeric));
        let old = age.is_zero()
            || entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|e| e > age);
        if ours && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// An advisory lock on `<snapshot>.lock`, held while a snapshot is written: a second
/// writer is told who holds it instead of racing it. (The snapshot itself cannot carry the
/// lock: each save renames a new file over it.) Released when the guard is dropped.
pub fn lock(path: &Path) -> Result<fs::File, SnapshotError> {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    let lock_path = PathBuf::from(name);
    let io = |error| SnapshotError::Io {
        path: lock_path.clone(),
        error,
    };
    // a lock that is a link would truncate whatever it points to
    check_target(&lock_path)?;
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let holder = fs::read_to_string(&lock_path).unwrap_or_default();
            let holder = holder.trim();
            return Err(SnapshotError::Locked {
                path: path.to_path_buf(),
                holder: if holder.is_empty() {
                    "holder unknown".into()
                } else {
                    holder.to_string()
                },
            });
        }
        Err(fs::TryLockError::Error(e)) => return Err(io(e)),
    }
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let holder = format!("pid {}, since unix time {since}", std::process::id());
    file.set_len(0).map_err(io)?;
    file.write_all(holder.as_bytes()).map_err(io)?;
    Ok(file)
}

/// Temporary files are created owner-only (0600); a saved file gets the usual 0644.
pub fn readable(f: &fs::File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = f;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;
    use crate::text::Article;

    fn sample() -> KnowledgeGraph {
        let a = Article::from_text(
            "a.txt",
            "Tin\n\nĐồng chí Lưu Văn Bình - Bí thư Huyện ủy Gia Lâm phát biểu.".into(),
        );
        let mut g = KnowledgeGraph::new();
        g.add(&a, &extract(&a));
        g
    }

    #[test]
    fn round_trips() {
        let g = sample();
        let bytes = to_bytes(&g).unwrap();
        let back = from_bytes(&bytes, Path::new("x.kg")).unwrap();
        assert_eq!(back.graph.node_count(), g.graph.node_count());
        assert_eq!(back.articles, g.articles);
        assert!(
            back.find(crate::schema::Label::Person, "luu van binh")
                .is_some()
        );
    }

    #[test]
    fn each_damage_has_its_own_error() {
        let bytes = to_bytes(&sample()).unwrap();
        let p = Path::new("x.kg");
        let err = |b: &[u8]| from_bytes(b, p).unwrap_err().to_string();
        assert!(err(&bytes[..bytes.len() - 3]).contains("truncated"));
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x10;
        assert!(err(&flipped).contains("checksum"));
        assert!(err(b"PK\x03\x04 a zip file").contains("not a kg snapshot"));
        let mut newer = bytes.clone();
        newer[8] = 9;
        assert!(err(&newer).contains("newer"));
        assert!(err(b"").contains("not a kg snapshot"));
    }

    #[test]
    fn a_second_writer_is_told_who_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.kg");
        let held = lock(&path).unwrap();
        let err = save(&sample(), &path).unwrap_err().to_string();
        assert!(err.contains("another kg is saving this snapshot"), "{err}");
        assert!(
            err.contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        drop(held);
        assert!(save(&sample(), &path).is_ok(), "free again once released");
    }

    #[test]
    fn a_save_clears_only_its_own_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let left = [
            ".g.kg.AbC123.tmp",
            ".g.kg.x.AbC123.tmp",
            ".tmpXyZ789",
            ".g.kg.AbC1234.tmp",
        ];
        for f in left {
            fs::write(dir.path().join(f), "partial").unwrap();
        }
        save(&sample(), &dir.path().join("g.kg")).unwrap();
        let mut now: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        now.sort();
        let kept = [
            ".g.kg.AbC1234.tmp",
            ".g.kg.x.AbC123.tmp",
            ".tmpXyZ789",
            "g.kg",
            "g.kg.lock",
        ];
        assert_eq!(now, kept);
    }

    #[test]
    fn save_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.kg");
        save(&sample(), &path).unwrap();
        save(&sample(), &path).unwrap();
        assert!(load(&path).is_ok());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644, "readable like any saved file");
        }
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| n == "g.kg" || n == "g.kg.lock"),
            "no temporary file left: {names:?}"
        );
    }
}
