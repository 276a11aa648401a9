//! Reading a body from its file without holding it whole: the checksum over a small buffer
//! reused, the sections before and after the relationships read as they are, and the
//! relationships — most of a body — decoded a piece at a time as they are read. A large
//! graph's body is hundreds of megabytes that a load would otherwise hold beside the graph
//! it is decoding.

use std::fs::File;
use std::io;

use crate::graph::packed::read_at;

use bincode::Options;
use serde::de::DeserializeOwned;

/// Bytes read at a time.
const CHUNK: usize = 1 << 20;

/// The CRC-32 of the file's bytes `from..to`, read a piece at a time.
pub(super) fn crc(file: &File, from: u64, to: u64) -> io::Result<u32> {
    let mut hasher = crc32fast::Hasher::new();
    let mut buf = vec![0; CHUNK];
    let mut at = from;
    while at < to {
        let n = (to - at).min(CHUNK as u64) as usize;
        read_at(file, &mut buf[..n], at)?;
        hasher.update(&buf[..n]);
        at += n as u64;
    }
    Ok(hasher.finalize())
}

/// The file's bytes `from..to`.
pub(super) fn bytes(file: &File, from: u64, to: u64) -> Result<Vec<u8>, String> {
    let len = usize::try_from(to.saturating_sub(from)).map_err(|e| e.to_string())?;
    let mut buf = vec![0; len];
    read_at(file, &mut buf, from).map_err(|e| format!("cannot read the body: {e}"))?;
    Ok(buf)
}

/// Where a body's sections are in its file: the strings' bytes, where the nodes' and the
/// relationships' are, and the bytes of the sections after them.
pub(super) struct Spans {
    /// The strings' bytes.
    pub(super) strings: Vec<u8>,
    /// Where the nodes' bytes are, and how many there are.
    pub(super) nodes: (u64, u64),
    /// Where the relationships' bytes are, and how many there are.
    pub(super) edges: (u64, u64),
    /// Articles, corrections and the plan of people, each a length and its bytes.
    pub(super) after: Vec<u8>,
}

/// Finds the sections of the body at `start..start + len` of `file`; every length is
/// checked against the body's end.
pub(super) fn spans(file: &File, start: u64, len: u64) -> Result<Spans, String> {
    let end = start.saturating_add(len);
    // the length of the section at `at`, and where the next one starts
    let next = |at: u64| -> Result<(u64, u64), String> {
        let mut word = [0; 8];
        if at.saturating_add(8) > end {
            return Err("a section past the end of the body".into());
        }
        read_at(file, &mut word, at).map_err(|e| format!("cannot read the body: {e}"))?;
        let n = u64::from_le_bytes(word);
        let after = at + 8;
        if n > end - after {
            return Err(format!("a section of {n} bytes in {} left", end - after));
        }
        Ok((n, after + n))
    };
    let (_, nodes) = next(start)?;
    let (n_nodes, edges) = next(nodes)?;
    let (n, after) = next(edges)?;
    Ok(Spans {
        strings: bytes(file, start + 8, nodes)?,
        nodes: (nodes + 8, n_nodes),
        edges: (edges + 8, n),
        after: bytes(file, after, end)?,
    })
}

/// A sequence of records in a file, decoded a batch at a time from a buffer that holds
/// only the bytes not yet decoded.
pub(super) struct FileRecords<'a, O: Options> {
    file: &'a File,
    /// Where the bytes not yet read start, and where the sequence ends.
    next: u64,
    end: u64,
    buf: Vec<u8>,
    /// Where the bytes not yet decoded start in `buf`.
    pos: usize,
    opts: O,
    left: u64,
}

impl<'a, O: Options + Copy> FileRecords<'a, O> {
    /// The sequence of `len` bytes at `start` of `file`: its count, then its records.
    pub(super) fn new(file: &'a File, start: u64, len: u64, opts: O) -> Result<Self, String> {
        let mut r = FileRecords {
            file,
            next: start,
            end: start.saturating_add(len),
            buf: Vec::new(),
            pos: 0,
            opts,
            left: 0,
        };
        r.left = r.one::<u64>()?;
        Ok(r)
    }

    /// How many records the sequence says it has, bounded by what its bytes could hold
    /// when each takes at least `least` bytes.
    pub(super) fn claimed(&self, least: usize) -> usize {
        let room = (self.end - self.next) as usize + (self.buf.len() - self.pos);
        (self.left as usize).min(room / least.max(1))
    }

    /// The next value; more bytes are read while it does not fit in those held.
    fn one<R: DeserializeOwned>(&mut self) -> Result<R, String> {
        loop {
            let mut rest = &self.buf[self.pos..];
            match self.opts.deserialize_from::<_, R>(&mut rest) {
                Ok(value) => {
                    self.pos = self.buf.len() - rest.len();
                    return Ok(value);
                }
                Err(e) if is_eof(&e) && self.next < self.end => self.fill()?,
                Err(e) => return Err(e.to_string()),
            }
        }
    }

    /// Drops the bytes decoded and reads the next piece after those left.
    fn fill(&mut self) -> Result<(), String> {
        self.buf.drain(..self.pos);
        self.pos = 0;
        let n = (self.end - self.next).min(CHUNK as u64) as usize;
        let held = self.buf.len();
        self.buf.resize(held + n, 0);
        read_at(self.file, &mut self.buf[held..], self.next)
            .map_err(|e| format!("cannot read the body: {e}"))?;
        self.next += n as u64;
        Ok(())
    }

    /// Up to `max` records, each turned into what `f` makes of it; fewer at the end.
    pub(super) fn batch<R: DeserializeOwned, T>(
        &mut self,
        max: usize,
        mut f: impl FnMut(R) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        let mut out = Vec::with_capacity(self.claimed(1).min(max));
        while self.left > 0 && out.len() < max {
            let rec = self.one::<R>()?;
            out.push(f(rec)?);
            self.left -= 1;
        }
        Ok(out)
    }
}

/// Whether decoding stopped at the end of the bytes given (more may follow in the file).
fn is_eof(e: &bincode::Error) -> bool {
    matches!(&**e, bincode::ErrorKind::Io(io) if io.kind() == io::ErrorKind::UnexpectedEof)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn opts() -> impl Options + Copy {
        bincode::DefaultOptions::new()
            .with_varint_encoding()
            .allow_trailing_bytes()
            .with_limit(1 << 30)
    }

    /// A file of `lead` bytes of something else, then `bytes`.
    fn file_of(lead: usize, bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(&vec![7; lead]).unwrap();
        f.write_all(bytes).unwrap();
        f
    }

    #[test]
    fn records_across_pieces_and_one_larger_than_a_piece_decode_as_written() {
        // many small records, then one that alone is larger than a piece read
        let small: Vec<Vec<u32>> = (0..300_000u32).map(|i| vec![i, i << 9]).collect();
        let large: Vec<u32> = (0..400_000u32).map(|i| i << 7).collect();
        let mut bytes = Vec::new();
        let all: Vec<&Vec<u32>> = small.iter().chain([&large]).collect();
        opts()
            .serialize_into(&mut bytes, &(all.len() as u64))
            .unwrap();
        for r in &all {
            opts().serialize_into(&mut bytes, r).unwrap();
        }
        assert!(bytes.len() > 2 * CHUNK);
        let f = file_of(13, &bytes);
        let file = f.as_file();
        let mut records = FileRecords::new(file, 13, bytes.len() as u64, opts()).unwrap();
        assert_eq!(records.claimed(1), all.len());
        let mut back: Vec<Vec<u32>> = Vec::new();
        loop {
            let batch = records.batch(50_000, |r: Vec<u32>| Ok(r)).unwrap();
            if batch.is_empty() {
                break;
            }
            back.extend(batch);
        }
        assert_eq!(back.len(), all.len());
        assert!(back.iter().zip(&all).all(|(a, b)| a == *b));
    }

    #[test]
    fn a_sequence_cut_short_is_an_error_not_a_wait_or_a_panic() {
        let mut bytes = Vec::new();
        opts().serialize_into(&mut bytes, &3u64).unwrap();
        opts()
            .serialize_into(&mut bytes, &vec![1u32, 2, 3])
            .unwrap();
        let f = file_of(0, &bytes);
        let mut records = FileRecords::new(f.as_file(), 0, bytes.len() as u64, opts()).unwrap();
        assert!(records.batch(10, |r: Vec<u32>| Ok(r)).is_err());
    }

    #[test]
    fn a_section_past_the_body_is_named() {
        let mut bytes = 5u64.to_le_bytes().to_vec();
        bytes.extend_from_slice(b"abc");
        let f = file_of(4, &bytes);
        let err = spans(f.as_file(), 4, bytes.len() as u64)
            .err()
            .unwrap_or_default();
        assert_eq!(err, "a section of 5 bytes in 3 left");
        assert_eq!(
            crc(f.as_file(), 4, 4 + bytes.len() as u64).unwrap(),
            crc32fast::hash(&bytes)
        );
    }
}
