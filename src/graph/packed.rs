//! Article texts kept compressed (LZ4 blocks, `lz4_flex`): a graph holds every article it
//! was built from, for evidence, but only `why` and `show` read one, a sentence at a
//! time. Compressing on the build's worker threads and unpacking on demand keeps the
//! texts at about a third of their size in memory and on disk. A graph loaded from a
//! snapshot does not even read them: each text stays in the file ([`PackedText::in_file`])
//! until a passage of it is asked for, and is checked against its CRC-32 then.

use std::borrow::Cow;
use std::fs::File;
use std::sync::Arc;

/// LZ4 expands at most 255 bytes of output per byte of input: a length beyond that is a
/// damaged or crafted snapshot, not a reason to allocate.
const MAX_RATIO: usize = 255;

/// A text, compressed: in memory, or at a place in an open snapshot file.
#[derive(Debug, Clone)]
pub struct PackedText {
    bytes: Bytes,
    len: u32,
}

#[derive(Debug, Clone)]
enum Bytes {
    Here(Vec<u8>),
    InFile(InFile),
}

/// Where a packed text is in a snapshot. The file stays open, so a snapshot replaced by a
/// later save (a rename over it) is still the one read: the texts always match the graph.
#[derive(Debug, Clone)]
struct InFile {
    file: Arc<File>,
    offset: u64,
    packed_len: u32,
    crc: u32,
}

/// Why a packed text could not be unpacked (a snapshot damaged past its checksum, or
/// changed in place under a running kg).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the stored text does not unpack ({0})")]
pub struct UnpackError(String);

impl PackedText {
    /// Compresses `text`. A text of 4 GiB or more is kept empty (no article is that long:
    /// the build refuses files above `--max-article-mb`).
    pub fn new(text: &str) -> PackedText {
        let Ok(len) = u32::try_from(text.len()) else {
            return PackedText::default();
        };
        PackedText {
            bytes: Bytes::Here(lz4_flex::block::compress(text.as_bytes())),
            len,
        }
    }

    /// A text already compressed, of `len` bytes unpacked (read from a snapshot).
    pub(crate) fn from_packed(packed: Vec<u8>, len: u32) -> PackedText {
        PackedText {
            bytes: Bytes::Here(packed),
            len,
        }
    }

    /// A text of `len` bytes whose `packed_len` compressed bytes are at `offset` in `file`,
    /// with CRC-32 `crc`; nothing is read until it is unpacked.
    pub(crate) fn in_file(
        file: Arc<File>,
        offset: u64,
        len: u32,
        packed_len: u32,
        crc: u32,
    ) -> PackedText {
        PackedText {
            bytes: Bytes::InFile(InFile {
                file,
                offset,
                packed_len,
                crc,
            }),
            len,
        }
    }

    /// The length of the text, in bytes.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The compressed size, in bytes.
    pub fn packed_len(&self) -> usize {
        match &self.bytes {
            Bytes::Here(b) => b.len(),
            Bytes::InFile(f) => f.packed_len as usize,
        }
    }

    /// CRC-32 of the compressed bytes (as recorded, for a text still in its file).
    pub fn checksum(&self) -> u32 {
        match &self.bytes {
            Bytes::Here(b) => crc32fast::hash(b),
            Bytes::InFile(f) => f.crc,
        }
    }

    /// The compressed bytes, read from the snapshot if they are there (and checked).
    pub fn packed(&self) -> Result<Cow<'_, [u8]>, UnpackError> {
        match &self.bytes {
            Bytes::Here(b) => Ok(Cow::Borrowed(b)),
            Bytes::InFile(f) => f.read().map(Cow::Owned),
        }
    }

    /// The text.
    pub fn unpack(&self) -> Result<String, UnpackError> {
        let packed = self.packed()?;
        let len = self.len as usize;
        if len > packed.len().saturating_mul(MAX_RATIO).saturating_add(16) {
            return Err(UnpackError(format!(
                "{len} bytes claimed from {} packed",
                packed.len()
            )));
        }
        let bytes =
            lz4_flex::block::decompress(&packed, len).map_err(|e| UnpackError(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| UnpackError(e.to_string()))
    }
}

impl InFile {
    fn read(&self) -> Result<Vec<u8>, UnpackError> {
        let mut buf = vec![0; self.packed_len as usize];
        read_at(&self.file, &mut buf, self.offset)
            .map_err(|e| UnpackError(format!("reading the snapshot: {e}")))?;
        if crc32fast::hash(&buf) != self.crc {
            return Err(UnpackError(
                "its checksum does not match: the snapshot changed on disk".into(),
            ));
        }
        Ok(buf)
    }
}

/// Reads `buf.len()` bytes of `file` at `offset`, without moving a shared cursor (so
/// that threads can read one file at once).
#[cfg(unix)]
pub(crate) fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// See the Unix one.
#[cfg(windows)]
pub(crate) fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

impl Default for PackedText {
    fn default() -> PackedText {
        PackedText::from_packed(lz4_flex::block::compress(b""), 0)
    }
}

/// Equal texts: the same length and the same packed bytes (a text that cannot be read
/// equals none).
impl PartialEq for PackedText {
    fn eq(&self, other: &PackedText) -> bool {
        self.len == other.len && matches!((self.packed(), other.packed()), (Ok(a), Ok(b)) if a == b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_shrinks_repetitive_text() {
        let text = "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 12. ".repeat(200);
        let p = PackedText::new(&text);
        assert_eq!(p.len(), text.len());
        assert!(p.packed_len() * 4 < text.len(), "{}", p.packed_len());
        assert_eq!(p.unpack().as_deref(), Ok(text.as_str()));
        assert_eq!(PackedText::new("").unpack().as_deref(), Ok(""));
    }

    #[test]
    fn a_damaged_text_is_an_error_not_a_panic_or_a_huge_allocation() {
        let bogus = PackedText::from_packed(vec![0xff; 8], u32::MAX);
        assert!(bogus.unpack().is_err());
        let p = PackedText::new("Đồng chí Bí thư chủ trì hội nghị.");
        let mut cut = p.packed().unwrap().into_owned();
        cut.truncate(3);
        assert!(
            PackedText::from_packed(cut, p.len() as u32)
                .unpack()
                .is_err()
        );
    }

    #[test]
    fn a_text_in_a_file_is_read_when_unpacked_and_checked() {
        use std::io::Write;
        let text = "Hội nghị lần thứ 12 Ban Chấp hành Đảng bộ huyện.";
        let p = PackedText::new(text);
        let packed = p.packed().unwrap().into_owned();
        let mut f = tempfile::tempfile().unwrap();
        f.write_all(b"head").unwrap();
        f.write_all(&packed).unwrap();
        let f = Arc::new(f);
        let n = packed.len() as u32;
        let crc = crc32fast::hash(&packed);
        let lazy = PackedText::in_file(f.clone(), 4, p.len() as u32, n, crc);
        assert_eq!(lazy.unpack().as_deref(), Ok(text));
        assert_eq!(lazy, p);
        let wrong = PackedText::in_file(f.clone(), 3, p.len() as u32, n, crc);
        let err = wrong.unpack().unwrap_err();
        assert!(err.to_string().contains("checksum"), "{err}");
        let past = PackedText::in_file(f, 4, p.len() as u32, n + 1, crc);
        assert!(past.unpack().is_err());
    }
}
