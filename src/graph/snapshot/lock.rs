//! Updates are transactions. A command that changes a snapshot takes the snapshot's lock,
//! loads it, changes it and renames the new file over it before letting go, so that two
//! writers are serialised instead of one silently dropping the other's work; and a save
//! checks that the file is still the one that was loaded (its generation and checksum),
//! which catches a session that loaded it long ago and a writer that takes no lock.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::files::{check_target, folder_of};
use super::{Header, Origin, SnapshotError, read_header};
use crate::graph::KnowledgeGraph;

/// An advisory lock on `<snapshot>.lock`, released when dropped. (The snapshot itself
/// cannot carry the lock: each save renames a new file over it.)
#[derive(Debug)]
pub struct Lock {
    _file: fs::File,
}

/// The lock file of a snapshot.
fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Opens (creating it exclusively when absent) a lock file, never through a symbolic
/// link: a linked `.lock` would otherwise have its target truncated.
fn open_lock_file(lock: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    match options.clone().create_new(true).open(lock) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => options.open(lock),
        other => other,
    }
}

/// Who holds a lock, as the holder wrote itself into the lock file, and for how long.
fn holder(lock: &Path) -> String {
    let who = fs::read_to_string(lock).unwrap_or_default();
    let who = who.trim();
    let who = if who.is_empty() {
        "holder unknown"
    } else {
        who
    };
    match fs::metadata(lock)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
    {
        Some(d) => format!("{who}, for {} s", d.as_secs()),
        None => who.to_string(),
    }
}

/// Takes the lock of the snapshot `path`. When another kg holds it, waits up to `wait`
/// (calling `waiting` once with the holder, to tell the user) and then fails with
/// [`SnapshotError::Locked`]; `Duration::ZERO` fails at once.
pub fn lock(
    path: &Path,
    wait: Duration,
    waiting: &mut dyn FnMut(&str),
) -> Result<Lock, SnapshotError> {
    let lock = lock_path(path);
    let io = |error| SnapshotError::Io {
        path: lock.clone(),
        error,
    };
    check_target(&lock)?;
    let mut file = open_lock_file(&lock).map_err(|e| {
        if fs::symlink_metadata(&lock).is_ok_and(|m| m.file_type().is_symlink()) {
            SnapshotError::Link(lock.clone())
        } else {
            io(e)
        }
    })?;
    let started = Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(fs::TryLockError::WouldBlock) => {
                if started.elapsed() >= wait {
                    return Err(SnapshotError::Locked {
                        path: path.to_path_buf(),
                        holder: holder(&lock),
                    });
                }
                if !told {
                    waiting(&holder(&lock));
                    told = true;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(fs::TryLockError::Error(e)) => return Err(io(e)),
        }
    }
    let who = match std::env::args().nth(1) {
        Some(command) => format!("pid {} (kg {command})", std::process::id()),
        None => format!("pid {}", std::process::id()),
    };
    file.set_len(0).map_err(io)?;
    file.write_all(who.as_bytes()).map_err(io)?;
    Ok(Lock { _file: file })
}

/// A change to one snapshot file, holding its lock from [`Update::begin`] until
/// [`Update::commit`] renames the new snapshot over it (or the update is dropped).
#[derive(Debug)]
pub struct Update {
    path: PathBuf,
    on_disk: Option<Header>,
    _lock: Lock,
}

impl Update {
    /// Takes the lock of `path` (waiting as [`lock`] says) and reads the header of the
    /// snapshot there, if any. A file that is there and is not a snapshot is refused: it
    /// is someone's other file, not ours to replace.
    pub fn begin(
        path: &Path,
        wait: Duration,
        waiting: &mut dyn FnMut(&str),
    ) -> Result<Update, SnapshotError> {
        check_target(path)?;
        let dir = folder_of(path);
        fs::create_dir_all(dir).map_err(|error| SnapshotError::Io {
            path: path.to_path_buf(),
            error,
        })?;
        let lock = lock(path, wait, waiting)?;
        let on_disk = match read_header(path) {
            Ok(h) => Some(h),
            Err(SnapshotError::Io { error, .. })
                if error.kind() == std::io::ErrorKind::NotFound =>
            {
                None
            }
            Err(SnapshotError::NotSnapshot(_)) if is_empty(path) => None,
            Err(SnapshotError::NotSnapshot(p)) => return Err(SnapshotError::Foreign(p)),
            // A damaged snapshot may be replaced: rebuilding it is the advice its errors give.
            Err(_) => None,
        };
        Ok(Update {
            path: path.to_path_buf(),
            on_disk,
            _lock: lock,
        })
    }

    /// The header of the snapshot on disk when the lock was taken (`None`: no snapshot).
    pub fn on_disk(&self) -> Option<&Header> {
        self.on_disk.as_ref()
    }

    /// Loads the snapshot being updated.
    pub fn load(&self) -> Result<(KnowledgeGraph, Header), SnapshotError> {
        super::load_with_header(&self.path)
    }

    /// Fails with [`SnapshotError::Changed`] unless the file on disk is `expected` (the
    /// snapshot a session loaded; `None`: there was none).
    pub fn expect(&self, expected: Option<&Header>) -> Result<(), SnapshotError> {
        let same = match (expected, &self.on_disk) {
            (None, None) => true,
            (Some(a), Some(b)) => a.same_file(b),
            _ => false,
        };
        if same {
            return Ok(());
        }
        Err(SnapshotError::Changed {
            path: self.path.clone(),
            now: self
                .on_disk
                .as_ref()
                .map_or_else(|| "gone".into(), |h| format!("generation {}", h.generation)),
        })
    }

    /// Writes `g` over the file and lets go of the lock. The new generation is one more
    /// than the file's; `origin` says what built the graph.
    pub fn commit(self, g: &KnowledgeGraph, origin: &Origin) -> Result<Header, SnapshotError> {
        let generation = self.on_disk.as_ref().map_or(0, |h| h.generation) + 1;
        super::write(g, &self.path, origin, generation)
    }
}

fn is_empty(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.len() == 0)
}
