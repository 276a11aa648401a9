//! The files around a snapshot: what may be written, temporary files beside it and the
//! leftovers of killed writes, permissions.

use std::fs;
use std::path::Path;

use super::SnapshotError;

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
/// killed write says what it was for. `tempfile` creates it exclusively (`O_EXCL`), so it
/// is never a link planted in advance.
pub fn temp_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .rand_bytes(RANDOM_LEN)
        .tempfile_in(folder_of(path))
}

/// Deletes the temporary files of `path` that writes killed before their rename left
/// (best effort: one that cannot be deleted stays). Call it holding `path`'s lock.
pub(super) fn remove_leftovers(path: &Path) {
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

/// An OS error in one line, without the temporary file's path that `tempfile` adds, and
/// with what to do when the disk is full.
pub(super) fn describe(e: &std::io::Error) -> String {
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
