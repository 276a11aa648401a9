//! Article texts kept compressed (LZ4 blocks, `lz4_flex`): a graph holds every article it
//! was built from, for evidence, but only `why` and `show` read one, a sentence at a
//! time. Compressing on the build's worker threads and unpacking on demand keeps the
//! texts at about a third of their size in memory and on disk, and a snapshot opens
//! without decoding them.

use serde::{Deserialize, Serialize};

/// LZ4 expands at most 255 bytes of output per byte of input: a length beyond that is a
/// damaged or crafted snapshot, not a reason to allocate.
const MAX_RATIO: usize = 255;

/// A text, compressed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PackedText {
    packed: Vec<u8>,
    len: u32,
}

/// Why a packed text could not be unpacked (a snapshot damaged past its checksum).
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
            packed: lz4_flex::block::compress(text.as_bytes()),
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
        self.packed.len()
    }

    /// The text.
    pub fn unpack(&self) -> Result<String, UnpackError> {
        let len = self.len as usize;
        if len
            > self
                .packed
                .len()
                .saturating_mul(MAX_RATIO)
                .saturating_add(16)
        {
            return Err(UnpackError(format!(
                "{len} bytes claimed from {} packed",
                self.packed.len()
            )));
        }
        let bytes = lz4_flex::block::decompress(&self.packed, len)
            .map_err(|e| UnpackError(e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| UnpackError(e.to_string()))
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
        let bogus = PackedText {
            packed: vec![0xff; 8],
            len: u32::MAX,
        };
        assert!(bogus.unpack().is_err());
        let mut p = PackedText::new("Đồng chí Bí thư chủ trì hội nghị.");
        p.packed.truncate(3);
        assert!(p.unpack().is_err());
    }
}
