//! Snapshots on disk. A header (magic bytes, format version, the lengths of the metadata
//! and of the body, CRC-32 of both), the metadata (what built the graph, the extractor
//! that read it, the save's generation), the graph, all in `bincode`, and after them the
//! compressed article texts, each with its own CRC-32 (see `table`), which a load leaves
//! in the file until one is asked for. A load checks the body's checksum and decodes it
//! from the file a piece at a time (see `stream`), never holding it whole. A save writes a temporary file in the same folder
//! and renames it over the target, so a snapshot on disk is never half written;
//! [`Update`] holds the snapshot's lock from load to rename.

mod files;
mod lock;
mod old;
mod stream;
mod table;
mod v5;

pub use files::{check_target, folder_of, readable, remove_leftovers_older_than, temp_beside};
pub use lock::{Lock, Update, lock};

use std::collections::BTreeSet;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::KnowledgeGraph;
use files::{describe, remove_leftovers};

/// The first bytes of every snapshot.
pub const MAGIC: &[u8; 8] = b"VNKGSNAP";
/// The format version this build writes: a string table in sections of variable-length
/// integers, the compressed texts after the body (see `table`). Versions 1 (no
/// metadata), 2 (articles named by a CRC-32), 3 (no corrections), 4 (the graph's own
/// types, every string in place), 5 (the string table and the texts in one `bincode`
/// value) and 6 (format 7 with fixed-width integers) are still read.
pub const VERSION: u32 = 7;
/// magic, version, body length, CRC-32
const HEADER_LEN_V1: usize = 8 + 4 + 8 + 4;
/// magic, version, metadata length, body length, CRC-32
const HEADER_LEN: usize = 8 + 4 + 4 + 8 + 4;
/// Metadata is a few paths and names; more than this is a damaged header.
const META_CAP: u64 = 16 << 20;

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
    /// A file that is there and is no snapshot, where a snapshot is to be written.
    #[error(
        "{0}: exists and is not a kg snapshot; kg replaces only snapshots (remove it, or write to another file)"
    )]
    Foreign(PathBuf),
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
    /// Another process is changing this snapshot.
    #[error("{path}: another kg is changing this snapshot ({holder}); try again when it is done")]
    Locked {
        /// The file.
        path: PathBuf,
        /// Who holds the lock, as it wrote itself into the lock file.
        holder: String,
    },
    /// The file was saved by someone else since it was loaded.
    #[error(
        "{path}: changed on disk since it was loaded (another kg saved it; now {now}); nothing was written: load it again, or save to another file"
    )]
    Changed {
        /// The file.
        path: PathBuf,
        /// What is on disk now.
        now: String,
    },
    /// The graph could not be written out (an article's text no longer readable from the
    /// snapshot it was loaded from, or a graph past the format's limits).
    #[error("{path}: cannot save the snapshot: {message}; the file on disk is unchanged")]
    Save {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
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

/// What a graph was built from: the seed articles, the paths given to `kg build` or
/// `:ingest` (absolute where they could be resolved), and the origins of merged snapshots.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin(BTreeSet<String>);

impl Origin {
    const SEEDS: &'static str = "the seed articles";
    const UNRECORDED: &'static str = "unrecorded (a format 1 snapshot)";

    /// The seed articles (embedded, or the project's `seeds/` folder).
    pub fn seeds() -> Origin {
        Origin([Origin::SEEDS.to_string()].into())
    }

    /// The paths given to a build.
    pub fn paths(paths: &[PathBuf]) -> Origin {
        Origin(
            paths
                .iter()
                .map(|p| {
                    fs::canonicalize(p)
                        .unwrap_or_else(|_| p.clone())
                        .display()
                        .to_string()
                })
                .collect(),
        )
    }

    /// What a format 1 snapshot says: nothing.
    fn unrecorded() -> Origin {
        Origin([Origin::UNRECORDED.to_string()].into())
    }

    /// Built from the seed articles and nothing else: such a snapshot may be rebuilt
    /// behind the user's back, since rebuilding it loses nothing.
    pub fn is_seeds_only(&self) -> bool {
        self.0.len() == 1 && self.0.contains(Origin::SEEDS)
    }

    /// Written by a kg that did not record its origin.
    pub fn is_unrecorded(&self) -> bool {
        self.0.contains(Origin::UNRECORDED)
    }

    /// Both origins, for a graph that holds both graphs' articles.
    pub fn union(&self, other: &Origin) -> Origin {
        Origin(self.0.union(&other.0).cloned().collect())
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const SHOWN: usize = 3;
        if self.0.is_empty() {
            return f.write_str("nothing recorded");
        }
        let shown: Vec<&str> = self.0.iter().take(SHOWN).map(String::as_str).collect();
        f.write_str(&shown.join(", "))?;
        if self.0.len() > SHOWN {
            write!(f, " and {} more", self.0.len() - SHOWN)?;
        }
        Ok(())
    }
}

/// What a snapshot says about itself, read without decoding the graph ([`read_header`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The format version of the file.
    pub version: u32,
    /// What built the graph.
    pub origin: Origin,
    /// The extractor that read its articles ([`crate::extract::VERSION`] of the kg that
    /// built it; empty for a format 1 snapshot).
    pub extractor: String,
    /// 1 for a new file, one more at each save over it: with the checksum it tells whether
    /// the file is still the one that was loaded.
    pub generation: u64,
    checksum: u32,
    body_len: u64,
}

impl Header {
    /// Whether two headers are of the same saved file (not merely equal graphs).
    pub fn same_file(&self, other: &Header) -> bool {
        self.generation == other.generation
            && self.checksum == other.checksum
            && self.body_len == other.body_len
    }

    /// Whether the articles were read by an extractor other than this kg's.
    pub fn extractor_changed(&self) -> bool {
        self.extractor != crate::extract::VERSION
    }
}

/// The metadata as stored.
#[derive(Serialize, Deserialize)]
struct Meta {
    origin: Origin,
    extractor: String,
    generation: u64,
}

/// A graph encoded for a file: the header and metadata, and the body. The packed texts
/// that follow are the articles' own, in order: a save copies them to the file one by one
/// rather than into one buffer.
struct Encoded {
    head: Vec<u8>,
    body: table::Pieces,
}

fn encode(g: &KnowledgeGraph, origin: &Origin, generation: u64) -> Result<Encoded, String> {
    let meta = bincode::serialize(&Meta {
        origin: origin.clone(),
        extractor: crate::extract::VERSION.to_string(),
        generation,
    })
    .map_err(|e| e.to_string())?;
    let body = table::encode(g).map_err(|e| e.to_string())?;
    Ok(Encoded {
        head: head(&meta, body.iter(), body.len()),
        body,
    })
}

/// Encodes a graph into snapshot bytes.
pub fn to_bytes(
    g: &KnowledgeGraph,
    origin: &Origin,
    generation: u64,
) -> Result<Vec<u8>, bincode::Error> {
    let e = encode(g, origin, generation).map_err(bincode::ErrorKind::Custom)?;
    let mut out = e.head;
    for piece in e.body.iter() {
        out.extend_from_slice(piece);
    }
    for t in g.articles.iter().map(|a| &a.text) {
        out.extend_from_slice(
            &t.packed()
                .map_err(|e| bincode::ErrorKind::Custom(e.to_string()))?,
        );
    }
    Ok(out)
}

/// The header and metadata of a file of this body (`len` bytes, in pieces).
fn head<'a>(meta: &[u8], body: impl Iterator<Item = &'a [u8]>, len: usize) -> Vec<u8> {
    let mut crc = crc32fast::Hasher::new();
    crc.update(meta);
    for piece in body {
        crc.update(piece);
    }
    let mut out = Vec::with_capacity(HEADER_LEN + meta.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(meta.len() as u32).to_le_bytes());
    out.extend_from_slice(&(len as u64).to_le_bytes());
    out.extend_from_slice(&crc.finalize().to_le_bytes());
    out.extend_from_slice(meta);
    out
}

/// Frames metadata, body and texts under a header whose checksum matches (for fuzzers and
/// tests that hand the decoder bytes of their own).
pub fn frame(meta: &[u8], body: &[u8], texts: &[u8]) -> Vec<u8> {
    let mut out = head(meta, std::iter::once(body), body.len());
    out.extend_from_slice(body);
    out.extend_from_slice(texts);
    out
}

/// The metadata, body and texts of snapshot bytes (for tests that damage them).
pub fn parts_of(bytes: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let (header, start) = parse_header(bytes, Path::new("")).ok()?;
    let end = start.checked_add(usize::try_from(header.body_len).ok()?)?;
    Some((
        bytes.get(HEADER_LEN..start)?,
        bytes.get(start..end)?,
        bytes.get(end..)?,
    ))
}

/// The body of snapshot bytes (for tests that damage it).
pub fn body_of(bytes: &[u8]) -> Option<&[u8]> {
    parts_of(bytes).map(|(_, body, _)| body)
}

/// Little-endian integer of `bytes[a..b]` (at most 8 bytes).
fn word(bytes: &[u8], a: usize, b: usize) -> u64 {
    bytes[a..b]
        .iter()
        .rev()
        .fold(0u64, |acc, x| acc << 8 | u64::from(*x))
}

/// Reads the header and metadata at the start of `bytes`; returns them and where the body
/// starts. Needs the whole metadata, not the body. The checksum is not checked here.
fn parse_header(bytes: &[u8], path: &Path) -> Result<(Header, usize), SnapshotError> {
    let p = || path.to_path_buf();
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        return Err(SnapshotError::NotSnapshot(p()));
    }
    let truncated = |expected: u64| SnapshotError::Truncated {
        path: p(),
        expected,
        found: bytes.len() as u64,
    };
    if bytes.len() < 12 {
        return Err(truncated(HEADER_LEN as u64));
    }
    let version = word(bytes, 8, 12) as u32;
    if version > VERSION {
        return Err(SnapshotError::NewerVersion {
            path: p(),
            found: version,
            supported: VERSION,
        });
    }
    if version < 2 {
        if bytes.len() < HEADER_LEN_V1 {
            return Err(truncated(HEADER_LEN_V1 as u64));
        }
        let header = Header {
            version,
            origin: Origin::unrecorded(),
            extractor: String::new(),
            generation: 0,
            checksum: word(bytes, 20, 24) as u32,
            body_len: word(bytes, 12, 20),
        };
        return Ok((header, HEADER_LEN_V1));
    }
    if bytes.len() < HEADER_LEN {
        return Err(truncated(HEADER_LEN as u64));
    }
    let meta_len = word(bytes, 12, 16);
    let body_len = word(bytes, 16, 24);
    let checksum = word(bytes, 24, 28) as u32;
    let meta_end = HEADER_LEN as u64 + meta_len;
    if (bytes.len() as u64) < meta_end {
        return Err(truncated(meta_end + body_len));
    }
    let meta: Meta = decode(&bytes[HEADER_LEN..meta_end as usize], path)?;
    let header = Header {
        version,
        origin: meta.origin,
        extractor: meta.extractor,
        generation: meta.generation,
        checksum,
        body_len,
    };
    Ok((header, meta_end as usize))
}

/// `bincode::deserialize` with a limit: bytes that claim a huge length (a crafted or buggy
/// file) are an error, not an attempt to allocate that much.
fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8], path: &Path) -> Result<T, SnapshotError> {
    use bincode::Options;
    table::options(bytes.len())
        .deserialize(bytes)
        .map_err(|e| SnapshotError::Decode {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
}

/// Decodes snapshot bytes; `path` only names the file in errors.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<KnowledgeGraph, SnapshotError> {
    from_bytes_with_header(bytes, path).map(|(g, _)| g)
}

/// [`from_bytes`], with the header.
pub fn from_bytes_with_header(
    bytes: &[u8],
    path: &Path,
) -> Result<(KnowledgeGraph, Header), SnapshotError> {
    let tail = |end: usize| table::Texts::Bytes(bytes.get(end..).unwrap_or_default());
    let (decoded, header) = decode_body(bytes, path, tail, false)?;
    Ok((decoded.into_graph(path)?, header))
}

/// A body decoded from a file's bytes. A format 5 body becomes a graph only after the
/// bytes are freed, so that a load does not hold the file, the body and the graph at once.
enum Decoded {
    Graph(KnowledgeGraph),
    Table(v5::Body),
}

impl Decoded {
    fn into_graph(self, path: &Path) -> Result<KnowledgeGraph, SnapshotError> {
        match self {
            Decoded::Graph(g) => Ok(g),
            Decoded::Table(body) => v5::decode(body).map_err(|message| SnapshotError::Decode {
                path: path.to_path_buf(),
                message,
            }),
        }
    }
}

/// Checks the header and checksum of snapshot bytes and decodes the body; `texts` says
/// where the texts of a format 6 body are, given where the body ends in `bytes`. With
/// `resolve`, a stored plan of people is carried out on the way (see [`open`]).
fn decode_body<'a>(
    bytes: &[u8],
    path: &Path,
    texts: impl FnOnce(usize) -> table::Texts<'a>,
    resolve: bool,
) -> Result<(Decoded, Header), SnapshotError> {
    let (header, body_start) = parse_header(bytes, path)?;
    // the checksum covers the metadata (none in format 1) and the body
    let checked_start = if header.version < 2 {
        HEADER_LEN_V1
    } else {
        HEADER_LEN
    };
    // a length near 2^64 would wrap: it is as truncated as any length past the end
    let end = (body_start as u64).saturating_add(header.body_len);
    if (bytes.len() as u64) < end {
        return Err(SnapshotError::Truncated {
            path: path.to_path_buf(),
            expected: end,
            found: bytes.len() as u64,
        });
    }
    if crc32fast::hash(&bytes[checked_start..end as usize]) != header.checksum {
        return Err(SnapshotError::Checksum(path.to_path_buf()));
    }
    let body = &bytes[body_start..end as usize];
    let wrong = |message| SnapshotError::Decode {
        path: path.to_path_buf(),
        message,
    };
    let decoded = if header.version < 3 {
        Decoded::Graph(
            decode::<old::GraphV2>(body, path)?
                .upgrade()
                .map_err(wrong)?,
        )
    } else if header.version == 3 {
        Decoded::Graph(
            decode::<old::GraphV3>(body, path)?
                .upgrade()
                .map_err(wrong)?,
        )
    } else if header.version == 4 {
        Decoded::Graph(
            decode::<old::GraphV4>(body, path)?
                .upgrade()
                .map_err(wrong)?,
        )
    } else if header.version == 5 {
        Decoded::Table(decode(body, path)?)
    } else {
        let ints = match header.version {
            6 => table::Ints::Fixed,
            _ => table::Ints::Var,
        };
        let g = table::decode(body, texts(end as usize), ints, resolve).map_err(|message| {
            SnapshotError::Decode {
                path: path.to_path_buf(),
                message,
            }
        })?;
        Decoded::Graph(g)
    };
    Ok((decoded, header))
}

/// Opens a regular file for reading: `/dev/zero` would be read forever, a pipe could
/// block.
fn open_regular(path: &Path) -> Result<(fs::File, u64), SnapshotError> {
    let io = |error| SnapshotError::Io {
        path: path.to_path_buf(),
        error,
    };
    let meta = fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(SnapshotError::NotAFile(path.to_path_buf()));
    }
    Ok((fs::File::open(path).map_err(io)?, meta.len()))
}

/// Reads what a snapshot says about itself: its header and metadata, not the graph.
pub fn read_header(path: &Path) -> Result<Header, SnapshotError> {
    let io = |error| SnapshotError::Io {
        path: path.to_path_buf(),
        error,
    };
    let (file, _) = open_regular(path)?;
    let mut head = Vec::with_capacity(HEADER_LEN);
    (&file)
        .take(HEADER_LEN as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    if head.len() >= 16 && &head[..8] == MAGIC && word(&head, 8, 12) >= 2 {
        let meta_len = word(&head, 12, 16).min(META_CAP);
        (&file).take(meta_len).read_to_end(&mut head).map_err(io)?;
    }
    parse_header(&head, path).map(|(h, _)| h)
}

/// Loads a snapshot file. Only a regular file is opened, and only its header is read
/// before it is known to be a snapshot, so a large file of another kind is refused
/// without being read whole.
pub fn load(path: &Path) -> Result<KnowledgeGraph, SnapshotError> {
    load_with_header(path).map(|(g, _)| g)
}

/// [`load`], with the header.
pub fn load_with_header(path: &Path) -> Result<(KnowledgeGraph, Header), SnapshotError> {
    read(path, false)
}

/// Opens a snapshot to question it: the graph people question, as
/// `load(path)?.resolved()` makes it. A snapshot that stores the plan of people this kg's
/// rules make of its graph has it carried out while the relationships are added, with no
/// rebuild afterwards; any other is resolved after loading.
pub fn open(path: &Path) -> Result<KnowledgeGraph, SnapshotError> {
    open_with_header(path).map(|(g, _)| g)
}

/// [`open`], with the header.
pub fn open_with_header(path: &Path) -> Result<(KnowledgeGraph, Header), SnapshotError> {
    read(path, true).map(|(g, h)| (g.resolved(), h))
}

/// Reads a snapshot file; `resolve` as [`decode_body`] takes it. From format 6 on, the
/// body is checked and decoded from the file a piece at a time (see `stream`) and the
/// texts after it stay there until asked for; older files are read whole.
fn read(path: &Path, resolve: bool) -> Result<(KnowledgeGraph, Header), SnapshotError> {
    let io = |error| SnapshotError::Io {
        path: path.to_path_buf(),
        error,
    };
    let (mut file, len) = open_regular(path)?;
    let mut head = Vec::with_capacity(HEADER_LEN);
    (&mut file)
        .take(HEADER_LEN as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    if head.len() < 8 || &head[..8] != MAGIC {
        return Err(SnapshotError::NotSnapshot(path.to_path_buf()));
    }
    if head.len() < HEADER_LEN || word(&head, 8, 12) < 6 {
        let mut bytes = Vec::with_capacity(len as usize);
        bytes.extend_from_slice(&head);
        file.read_to_end(&mut bytes).map_err(io)?;
        let (decoded, header) = decode_body(&bytes, path, |_| table::Texts::Bytes(&[]), resolve)?;
        drop(bytes);
        return Ok((decoded.into_graph(path)?, header));
    }
    let meta_len = word(&head, 12, 16).min(META_CAP);
    (&mut file)
        .take(meta_len)
        .read_to_end(&mut head)
        .map_err(io)?;
    let (header, body_start) = parse_header(&head, path)?;
    let end = (body_start as u64).saturating_add(header.body_len);
    if len < end {
        return Err(SnapshotError::Truncated {
            path: path.to_path_buf(),
            expected: end,
            found: len,
        });
    }
    // the checksum covers the metadata and the body, and is checked before any is decoded
    if stream::crc(&file, HEADER_LEN as u64, end).map_err(io)? != header.checksum {
        return Err(SnapshotError::Checksum(path.to_path_buf()));
    }
    let ints = match header.version {
        6 => table::Ints::Fixed,
        _ => table::Ints::Var,
    };
    let file = Arc::new(file);
    let texts = table::Texts::File {
        file: file.clone(),
        offset: end,
        len,
    };
    let body = (body_start as u64, header.body_len);
    let g = table::decode_file(&file, body, texts, ints, resolve).map_err(|message| {
        SnapshotError::Decode {
            path: path.to_path_buf(),
            message,
        }
    })?;
    Ok((g, header))
}

/// Saves a graph as a new snapshot or over an old one, taking its lock for the write and
/// failing at once if another kg holds it. Commands that load the snapshot they change
/// use [`Update`], which holds the lock from the load on.
pub fn save(g: &KnowledgeGraph, path: &Path, origin: &Origin) -> Result<Header, SnapshotError> {
    Update::begin(path, Duration::ZERO, &mut |_| {})?.commit(g, origin)
}

/// Writes the snapshot file; the caller holds its lock.
fn write(
    g: &KnowledgeGraph,
    path: &Path,
    origin: &Origin,
    generation: u64,
) -> Result<Header, SnapshotError> {
    let io = |error| SnapshotError::Io {
        path: path.to_path_buf(),
        error,
    };
    let encoded = encode(g, origin, generation).map_err(|message| SnapshotError::Save {
        path: path.to_path_buf(),
        message,
    })?;
    let (header, _) = parse_header(&encoded.head, path)?;
    // With the lock held no other kg writes this snapshot: a temporary file of it is what
    // a killed save left behind.
    remove_leftovers(path);
    let tmp = temp_beside(path).map_err(io)?;
    // Fault injection for tests: KG_SLOW_SAVE_MS pauses after each MiB, so that a test can
    // kill the process in the middle of the write, for certain.
    let pause = std::env::var("KG_SLOW_SAVE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok());
    let mut out = std::io::BufWriter::with_capacity(1 << 20, tmp.as_file());
    let mut written = 0usize;
    let mut put = |bytes: &[u8]| -> std::io::Result<()> {
        out.write_all(bytes)?;
        // one pause a MiB
        if let Some(ms) = pause {
            let before = written >> 20;
            written += bytes.len();
            for _ in before..written >> 20 {
                std::thread::sleep(Duration::from_millis(ms));
            }
        }
        Ok(())
    };
    put(&encoded.head).map_err(io)?;
    for piece in encoded.body.iter() {
        for chunk in piece.chunks(1 << 20) {
            put(chunk).map_err(io)?;
        }
    }
    for text in g.articles.iter().map(|a| &a.text) {
        let packed = text.packed().map_err(|e| SnapshotError::Save {
            path: path.to_path_buf(),
            message: format!("an article's text could not be read back from the snapshot it was loaded from ({e})"),
        })?;
        put(&packed).map_err(io)?;
    }
    out.flush().map_err(io)?;
    drop(out);
    tmp.as_file().sync_all().map_err(io)?;
    readable(tmp.as_file()).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    if let Ok(d) = fs::File::open(folder_of(path)) {
        let _ = d.sync_all(); // best effort: make the rename itself durable
    }
    Ok(header)
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

    /// `g` in the types formats 1 to 4 stored: every source naming its article.
    fn old_types(g: &KnowledgeGraph) -> old::GraphTypes {
        let sources = |s: &[crate::schema::Source]| -> Vec<old::SourceV4> {
            s.iter()
                .map(|s| old::SourceV4 {
                    article: g.file_of(s.article).to_string(),
                    start: u64::from(s.start),
                    end: u64::from(s.end),
                })
                .collect()
        };
        g.graph.map(
            |_, n| old::NodeV4 {
                label: n.label,
                name: n.name.to_string(),
                key: n.key.clone(),
                props: n.props.clone(),
                sources: sources(&n.sources),
            },
            |_, e| old::EdgeV4 {
                rel: e.rel,
                props: e.props.clone(),
                sources: sources(&e.sources),
                discriminator: e.discriminator.to_string(),
            },
        )
    }

    #[test]
    fn round_trips() {
        let g = sample();
        let bytes = to_bytes(&g, &Origin::seeds(), 1).unwrap();
        let back = from_bytes(&bytes, Path::new("x.kg")).unwrap();
        assert_eq!(back.graph.node_count(), g.graph.node_count());
        assert_eq!(back.articles, g.articles);
        assert!(
            back.find(crate::schema::Label::Person, "luu van binh|gia lam, ha noi")
                .is_some()
        );
    }

    #[test]
    fn a_load_leaves_the_texts_in_the_file_and_reads_each_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.kg");
        let g = sample();
        let text = g.articles[0].text.unpack().unwrap();
        save(&g, &path, &Origin::seeds()).unwrap();
        let loaded = load(&path).unwrap();
        assert_eq!(loaded.articles, g.articles);
        // a save over the file (a rename) leaves the loaded graph with its own texts
        let mut other = KnowledgeGraph::new();
        let a = Article::from_text("b.txt", "Tin\n\nĐồng chí Lê Thị Hoa phát biểu.".into());
        other.add(&a, &extract(&a));
        save(&other, &path, &Origin::seeds()).unwrap();
        assert_eq!(
            loaded.articles[0].text.unpack().as_deref(),
            Ok(text.as_str())
        );
        // and saving the loaded graph copies its texts from the file it still holds
        let again = dir.path().join("again.kg");
        save(&loaded, &again, &Origin::seeds()).unwrap();
        assert_eq!(load(&again).unwrap().articles, g.articles);
    }

    #[test]
    fn a_damaged_text_fails_when_read_not_when_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.kg");
        let g = sample();
        save(&g, &path, &Origin::seeds()).unwrap();
        let mut bytes = fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0x55;
        fs::write(&path, &bytes).unwrap();
        let loaded = load(&path).unwrap();
        let err = loaded.articles[0].text.unpack().unwrap_err();
        assert!(err.to_string().contains("checksum"), "{err}");
        assert!(loaded.articles[0].passage(0, 3).is_err());
        // saving it elsewhere fails whole: nothing half written, no file made
        let copy = dir.path().join("copy.kg");
        let err = save(&loaded, &copy, &Origin::seeds())
            .unwrap_err()
            .to_string();
        assert!(err.contains("cannot save the snapshot"), "{err}");
        assert!(err.contains("the file on disk is unchanged"), "{err}");
        assert!(!copy.exists());
        // a file cut inside its texts is refused at once
        fs::write(&path, &bytes[..last]).unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.contains("texts are truncated"), "{err}");
    }

    #[test]
    fn a_format_1_snapshot_still_loads_and_says_nothing_of_its_origin() {
        let g = sample();
        let old = old::GraphV2 {
            graph: old_types(&g),
            articles: g
                .articles
                .iter()
                .map(|a| {
                    let text = a.text.unpack().unwrap();
                    old::ArticleV2 {
                        file: a.file.clone(),
                        checksum: crc32fast::hash(text.as_bytes()),
                        text,
                    }
                })
                .collect(),
        };
        let body = bincode::serialize(&old).unwrap();
        let mut v1 = MAGIC.to_vec();
        v1.extend_from_slice(&1u32.to_le_bytes());
        v1.extend_from_slice(&(body.len() as u64).to_le_bytes());
        v1.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
        v1.extend_from_slice(&body);
        let (back, header) = from_bytes_with_header(&v1, Path::new("old.kg")).unwrap();
        assert_eq!(back.articles, g.articles);
        assert_eq!(back.graph.node_count(), g.graph.node_count());
        let sources = |g: &KnowledgeGraph| -> Vec<(String, u32, u32)> {
            g.graph
                .node_weights()
                .flat_map(|n| &n.sources)
                .map(|s| (g.file_of(s.article).to_string(), s.start, s.end))
                .collect()
        };
        assert_eq!(sources(&back), sources(&g));
        assert!(!sources(&g).is_empty() && sources(&g)[0].0 == "a.txt");
        assert_eq!(header.version, 1);
        assert!(header.origin.is_unrecorded() && !header.origin.is_seeds_only());
        assert!(header.extractor_changed());
        assert_eq!(header.generation, 0);
    }

    #[test]
    fn a_format_4_snapshot_still_loads_whole() {
        let mut g = sample();
        let line = "apart: An (Gia Lâm, Hà Nội) | An (Mê Linh, Hà Nội)";
        g.correct(&super::super::corrections::parse(line, "c.txt").unwrap());
        assert_eq!(g.corrections.len(), 1);
        let v4 = old::GraphV4 {
            graph: old_types(&g),
            articles: g
                .articles
                .iter()
                .map(|a| old::ArticleV3 {
                    file: a.file.clone(),
                    text: a.text.unpack().unwrap(),
                    hash: a.hash,
                })
                .collect(),
            corrections: g.corrections.clone(),
        };
        let meta = bincode::serialize(&Meta {
            origin: Origin::seeds(),
            extractor: crate::extract::VERSION.to_string(),
            generation: 3,
        })
        .unwrap();
        let mut bytes = frame(&meta, &bincode::serialize(&v4).unwrap(), &[]);
        bytes[8..12].copy_from_slice(&4u32.to_le_bytes());
        let (back, header) = from_bytes_with_header(&bytes, Path::new("v4.kg")).unwrap();
        assert_eq!(header.version, 4);
        assert_eq!(back.articles, g.articles);
        assert_eq!(back.corrections, g.corrections);
        assert_eq!(back.graph.edge_count(), g.graph.edge_count());
        let edges = |g: &KnowledgeGraph| -> Vec<super::super::Edge> {
            g.graph.edge_weights().cloned().collect()
        };
        assert_eq!(edges(&back), edges(&g));
    }

    #[test]
    fn an_old_source_of_no_stored_article_is_named_in_the_error() {
        let g = sample();
        let mut types = old_types(&g);
        if let Some(n) = types.node_weights_mut().next() {
            n.sources[0].article = "gone.txt".into();
        }
        let v2 = old::GraphV2 {
            graph: types,
            articles: Vec::new(),
        };
        let meta = bincode::serialize(&Meta {
            origin: Origin::seeds(),
            extractor: String::new(),
            generation: 1,
        })
        .unwrap();
        let mut bytes = frame(&meta, &bincode::serialize(&v2).unwrap(), &[]);
        bytes[8..12].copy_from_slice(&2u32.to_le_bytes());
        let err = from_bytes(&bytes, Path::new("v2.kg"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("v2.kg: "), "{err}");
        assert!(
            err.contains("\"gone.txt\", which is no stored article"),
            "{err}"
        );
    }

    #[test]
    fn a_format_6_snapshot_of_fixed_width_integers_still_loads() {
        let g = sample();
        let bytes = to_bytes(&g, &Origin::seeds(), 1).unwrap();
        let (meta, body7, texts) = parts_of(&bytes).unwrap();
        let body6 = table::encode_with(&g, table::Ints::Fixed).unwrap().joined();
        assert!(
            body7.len() < body6.len(),
            "{} < {}",
            body7.len(),
            body6.len()
        );
        let mut v6 = frame(meta, &body6, texts);
        v6[8..12].copy_from_slice(&6u32.to_le_bytes());
        let (back, header) = from_bytes_with_header(&v6, Path::new("v6.kg")).unwrap();
        assert_eq!(header.version, 6);
        let now = from_bytes(&bytes, Path::new("v7.kg")).unwrap();
        for loaded in [&back, &now] {
            assert_eq!(loaded.articles, g.articles);
            assert!(loaded.graph.node_weights().eq(g.graph.node_weights()));
            assert!(loaded.graph.edge_weights().eq(g.graph.edge_weights()));
        }
        // the same body read with the other width is an error, not a wrong graph
        let mut wrong = frame(meta, &body6, texts);
        wrong[8..12].copy_from_slice(&7u32.to_le_bytes());
        assert!(from_bytes(&wrong, Path::new("w.kg")).is_err());
    }

    #[test]
    fn format_6_stores_each_string_once_and_shares_file_names() {
        let g = sample();
        let bytes = to_bytes(&g, &Origin::seeds(), 1).unwrap();
        let back = from_bytes(&bytes, Path::new("x.kg")).unwrap();
        let nodes = |g: &KnowledgeGraph| -> Vec<super::super::Node> {
            g.graph.node_weights().cloned().collect()
        };
        let edges = |g: &KnowledgeGraph| -> Vec<super::super::Edge> {
            g.graph.edge_weights().cloned().collect()
        };
        assert_eq!(nodes(&back), nodes(&g));
        assert_eq!(edges(&back), edges(&g));
        let files: Vec<&str> = back
            .graph
            .node_weights()
            .flat_map(|n| n.sources.iter().map(|s| back.file_of(s.article)))
            .collect();
        assert!(files.len() > 1);
        assert!(files.iter().all(|f| *f == "a.txt"), "{files:?}");
    }

    #[test]
    fn format_6_is_smaller_than_the_graph_types_it_replaces() {
        let mut g = KnowledgeGraph::new();
        for i in 0..30 {
            let a = Article::from_text(
                &format!("2024/thang-{i}/hoi-nghi-ban-chap-hanh-dang-bo.txt"),
                format!(
                    "Tin\n\nNgày {}/3/2024, đồng chí Lưu Văn Bình - Bí thư Huyện ủy Gia Lâm chủ trì \
                     Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ {i}. Đồng chí Lê Thị Hoa - Phó Bí thư \
                     Thường trực Huyện ủy phát biểu.",
                    i % 28 + 1
                ),
            );
            g.add(&a, &extract(&a));
        }
        let texts: Vec<String> = g
            .articles
            .iter()
            .map(|a| a.text.unpack().unwrap())
            .collect();
        #[derive(Serialize)]
        struct Graph4<'a> {
            graph: old::GraphTypes,
            articles: Vec<(&'a str, &'a str, [u8; 32])>,
        }
        let v4 = bincode::serialize(&Graph4 {
            graph: old_types(&g),
            articles: g
                .articles
                .iter()
                .zip(&texts)
                .map(|(a, t)| (a.file.as_str(), t.as_str(), a.hash))
                .collect(),
        })
        .unwrap();
        let bytes = to_bytes(&g, &Origin::seeds(), 1).unwrap();
        let v5 = body_of(&bytes).unwrap().len();
        assert!(
            v5 * 2 < v4.len(),
            "format 5: {v5} bytes, format 4: {}",
            v4.len()
        );
    }

    #[test]
    fn the_header_is_read_without_the_graph() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.kg");
        let origin = Origin::paths(&[PathBuf::from("/no/such/corpus")]);
        let saved = save(&sample(), &path, &origin).unwrap();
        let read = read_header(&path).unwrap();
        assert_eq!(read, saved);
        assert_eq!(read.origin.to_string(), "/no/such/corpus");
        assert_eq!(read.extractor, crate::extract::VERSION);
        assert_eq!(read.generation, 1);
        let again = save(&sample(), &path, &origin).unwrap();
        assert_eq!(again.generation, 2, "one more at each save over the file");
        assert!(!again.same_file(&saved));
    }

    #[test]
    fn an_update_refuses_a_file_saved_since_it_was_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.kg");
        let first = save(&sample(), &path, &Origin::seeds()).unwrap();
        let update = Update::begin(&path, Duration::ZERO, &mut |_| {}).unwrap();
        assert!(update.expect(Some(&first)).is_ok());
        let err = update.expect(None).unwrap_err().to_string();
        assert!(err.contains("changed on disk since it was loaded"), "{err}");
        drop(update);
        save(&sample(), &path, &Origin::seeds()).unwrap();
        let update = Update::begin(&path, Duration::ZERO, &mut |_| {}).unwrap();
        let err = update.expect(Some(&first)).unwrap_err().to_string();
        assert!(err.contains("now generation 2"), "{err}");
    }

    #[test]
    fn origins_join_and_print_briefly() {
        let a = Origin::paths(&[PathBuf::from("/x/a"), PathBuf::from("/x/b")]);
        let b = Origin::paths(&[PathBuf::from("/x/c"), PathBuf::from("/x/d")]);
        assert_eq!(a.union(&b).to_string(), "/x/a, /x/b, /x/c and 1 more");
        assert!(Origin::seeds().is_seeds_only());
        assert!(!Origin::seeds().union(&a).is_seeds_only());
        assert_eq!(Origin::default().to_string(), "nothing recorded");
    }

    #[test]
    fn each_damage_has_its_own_error() {
        let bytes = to_bytes(&sample(), &Origin::seeds(), 1).unwrap();
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
    fn a_file_cut_short_or_flipped_has_its_own_error_when_read_in_pieces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.kg");
        save(&sample(), &path, &Origin::seeds()).unwrap();
        let bytes = fs::read(&path).unwrap();
        let (_, body_start) = parse_header(&bytes, &path).unwrap();
        let damaged = |b: &[u8]| {
            fs::write(&path, b).unwrap();
            load(&path).unwrap_err().to_string()
        };
        // cut inside the body, then a bit flipped in the middle of it
        let cut = damaged(&bytes[..body_start + 10]);
        assert!(cut.contains("truncated snapshot"), "{cut}");
        let mut flipped = bytes.clone();
        flipped[body_start + 20] ^= 0x04;
        let err = damaged(&flipped);
        assert!(err.contains("checksum mismatch"), "{err}");
        // and whole again, it opens
        fs::write(&path, &bytes).unwrap();
        assert_eq!(
            open(&path).unwrap().graph().node_count(),
            sample().resolved().graph().node_count()
        );
    }

    #[test]
    fn a_second_writer_is_told_who_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.kg");
        let held = lock(&path, Duration::ZERO, &mut |_| {}).unwrap();
        let err = save(&sample(), &path, &Origin::seeds())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("another kg is changing this snapshot"),
            "{err}"
        );
        assert!(
            err.contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        drop(held);
        assert!(
            save(&sample(), &path, &Origin::seeds()).is_ok(),
            "free again once released"
        );
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
        save(&sample(), &dir.path().join("g.kg"), &Origin::seeds()).unwrap();
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
        save(&sample(), &path, &Origin::seeds()).unwrap();
        save(&sample(), &path, &Origin::seeds()).unwrap();
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
