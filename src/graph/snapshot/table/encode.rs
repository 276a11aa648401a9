//! Encoding a body: strings interned as the records of nodes and relationships are made
//! (on one thread) and serialized (on another), the body kept as pieces that a save writes
//! one after another.

use std::sync::Arc;
use std::sync::mpsc::{SyncSender, sync_channel};

use bincode::Options;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::{ArticleRec, EdgeRec, Ints, NodeRec, SourceRecs, Strings, ValueRec};
use super::{options, varint_options};
use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::schema::{ArticleId, Props, Source, Value};

/// Why a graph cannot be written in this format.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EncodeError(String);

impl From<bincode::Error> for EncodeError {
    fn from(e: bincode::Error) -> EncodeError {
        EncodeError(e.to_string())
    }
}

/// Interns strings while a body is built.
#[derive(Default)]
struct Interner<'g> {
    ids: HashMap<&'g str, u32>,
    /// The id of each shared string seen, by its allocation's address: a graph shares one
    /// allocation among the many uses of a title, date, property name or discriminator,
    /// and an address is cheaper to hash than the text.
    by_address: HashMap<usize, u32>,
    strings: Strings,
    /// The graph's article names, and the string of each once a source has named it.
    files: Vec<&'g str>,
    file_ids: Vec<Option<u32>>,
}

impl<'g> Interner<'g> {
    fn id(&mut self, s: &'g str) -> Result<u32, EncodeError> {
        if let Some(&i) = self.ids.get(s) {
            return Ok(i);
        }
        let i = u32::try_from(self.strings.ends.len())
            .map_err(|_| EncodeError("more than 2^32 distinct strings".into()))?;
        self.strings.text.push_str(s);
        let end = u32::try_from(self.strings.text.len())
            .map_err(|_| EncodeError("more than 4 GiB of distinct strings".into()))?;
        self.strings.ends.push(end);
        self.ids.insert(s, i);
        Ok(i)
    }

    /// [`Interner::id`] of a shared string, found by its address when it was seen before.
    /// The graph is borrowed for `'g`, so no allocation seen is freed and its address
    /// reused for another string meanwhile.
    fn shared(&mut self, s: &'g Arc<str>) -> Result<u32, EncodeError> {
        if Arc::strong_count(s) == 1 {
            return self.id(s); // its only use: its address would never be seen again
        }
        let address = Arc::as_ptr(s).cast::<u8>() as usize;
        if let Some(&i) = self.by_address.get(&address) {
            return Ok(i);
        }
        let i = self.id(s)?;
        self.by_address.insert(address, i);
        Ok(i)
    }

    fn props(&mut self, props: &'g Props) -> Result<Vec<(u32, ValueRec)>, EncodeError> {
        props
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Value::Null => ValueRec::Null,
                    Value::Int(n) => ValueRec::Int(*n),
                    Value::Str(s) => ValueRec::Str(self.shared(s)?),
                };
                Ok((self.shared(k)?, v))
            })
            .collect()
    }

    /// The record of a node, its strings interned.
    fn node(&mut self, n: &'g Node) -> Result<NodeRec, EncodeError> {
        Ok(NodeRec {
            label: n.label,
            name: self.id(&n.name)?,
            key: self.id(&n.key)?,
            props: self.props(&n.props)?,
            sources: self.sources(&n.sources)?,
        })
    }

    /// The record of a relationship, its strings interned.
    fn edge(&mut self, e: &'g petgraph::graph::Edge<Edge>) -> Result<EdgeRec, EncodeError> {
        let w = &e.weight;
        Ok(EdgeRec {
            rel: w.rel,
            from: e.source().index() as u32,
            to: e.target().index() as u32,
            discriminator: self.shared(&w.discriminator)?,
            props: self.props(&w.props)?,
            sources: self.sources(&w.sources)?,
        })
    }

    fn sources(&mut self, sources: &'g [Source]) -> Result<SourceRecs, EncodeError> {
        sources
            .iter()
            .map(|s| Ok((self.article(s.article)?, s.start, s.end)))
            .collect()
    }

    /// The string of an article's name, interned when a source first names it (so the
    /// table keeps the order it had when sources held the names).
    fn article(&mut self, a: ArticleId) -> Result<u32, EncodeError> {
        let i = a.index();
        if let Some(Some(id)) = self.file_ids.get(i) {
            return Ok(*id);
        }
        let name = *self
            .files
            .get(i)
            .ok_or_else(|| EncodeError(format!("a source of article {i}, which is not stored")))?;
        let id = self.id(name)?;
        self.file_ids[i] = Some(id);
        Ok(id)
    }
}

/// A body as the pieces it is written in, in order: never joined into one buffer, since
/// a large graph's body is hundreds of megabytes that a save only writes out.
#[derive(Debug, Default)]
pub(in crate::graph::snapshot) struct Pieces(Vec<Vec<u8>>);

/// Bytes a piece takes before another is begun: large enough that writing them is cheap,
/// small enough that growing one never copies much.
const PIECE: usize = 4 << 20;

impl Pieces {
    /// The bytes, in order.
    pub(in crate::graph::snapshot) fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.0.iter().map(Vec::as_slice)
    }

    /// How many bytes there are.
    pub(in crate::graph::snapshot) fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    /// The bytes in one buffer (for tests that frame bodies of their own).
    #[cfg(test)]
    pub(in crate::graph::snapshot) fn joined(&self) -> Vec<u8> {
        self.0.concat()
    }

    /// Appends a section: its length, then what `write` puts in it.
    fn section(
        &mut self,
        write: impl FnOnce(&mut Pieces) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError> {
        let mut part = Pieces::default();
        write(&mut part)?;
        self.push_section(part);
        Ok(())
    }

    /// Appends `part` as a section: its length, then its bytes.
    fn push_section(&mut self, part: Pieces) {
        self.0.push((part.len() as u64).to_le_bytes().to_vec());
        self.0.extend(part.0.into_iter().filter(|p| !p.is_empty()));
    }

    /// The piece being written, a new one when the last is full (the first starts small
    /// and grows, since most sections are a few bytes).
    fn tail(&mut self) -> &mut Vec<u8> {
        if self.0.last().is_none_or(|p| p.len() >= PIECE) {
            let room = if self.0.is_empty() { 1 << 12 } else { PIECE };
            self.0.push(Vec::with_capacity(room));
        }
        let n = self.0.len() - 1;
        &mut self.0[n]
    }
}

/// Appends `items` as a sequence: their count, then each one, encoded as it is made.
fn sequence<T: Serialize>(
    opts: impl Options + Copy,
    out: &mut Pieces,
    count: usize,
    items: impl Iterator<Item = Result<T, EncodeError>>,
) -> Result<(), EncodeError> {
    put(opts, out, &(count as u64))?;
    for item in items {
        put(opts, out, &item?)?;
    }
    Ok(())
}

/// The body of `g`; its articles' packed texts follow it, in order. The strings are
/// interned while the records are encoded, so the string section, which comes first, is
/// made last and put in front of them.
pub(in crate::graph::snapshot) fn encode(g: &KnowledgeGraph) -> Result<Pieces, EncodeError> {
    encode_with(g, Ints::Var)
}

/// [`encode`] with integers as `ints` says (format 6 wrote them fixed).
pub(in crate::graph::snapshot) fn encode_with(
    g: &KnowledgeGraph,
    ints: Ints,
) -> Result<Pieces, EncodeError> {
    match ints {
        Ints::Fixed => encode_in(g, options(usize::MAX)),
        Ints::Var => encode_in(g, varint_options(usize::MAX)),
    }
}

fn encode_in(g: &KnowledgeGraph, opts: impl Options + Copy + Send) -> Result<Pieces, EncodeError> {
    // who is who, for opening, worked out on another thread while the records are encoded
    // (a graph already resolved is no stored graph to plan for)
    std::thread::scope(|scope| {
        let plan = scope.spawn(|| if g.resolved { None } else { g.resolution() });
        let records = encode_records(g, opts)?;
        let plan = plan
            .join()
            .map_err(|_| EncodeError("the plan of people could not be made".into()))?;
        let (mut body, mut records) = records;
        records.section(|out| put(opts, out, &plan))?;
        body.0.extend(records.0);
        Ok(body)
    })
}

/// The string section, and the sections of nodes, relationships, articles and corrections
/// (whose strings it holds).
fn encode_records(
    g: &KnowledgeGraph,
    opts: impl Options + Copy + Send,
) -> Result<(Pieces, Pieces), EncodeError> {
    let mut t = Interner {
        // names and keys of every node, and a few more: no table growth on the way
        ids: HashMap::with_capacity_and_hasher(2 * g.graph.node_count() + 1024, Default::default()),
        files: g.articles.iter().map(|a| a.file.as_str()).collect(),
        file_ids: vec![None; g.articles.len()],
        ..Interner::default()
    };
    let mut records = encode_graph(g, &mut t, opts)?;
    records.section(|out| {
        let articles = g.articles.iter().map(|a| {
            Ok(ArticleRec {
                file: t.id(&a.file)?,
                hash: a.hash,
                len: a.text.len() as u32,
                packed_len: u32::try_from(a.text.packed_len())
                    .map_err(|_| EncodeError("a packed text of 4 GiB or more".into()))?,
                crc: a.text.checksum(),
            })
        });
        sequence(opts, out, g.articles.len(), articles)
    })?;
    records.section(|out| put(opts, out, &g.corrections))?;
    let mut strings = Pieces::default();
    strings.section(|out| put(opts, out, &t.strings))?;
    Ok((strings, records))
}

/// Records a save encodes at a time.
const ENCODE_BATCH: usize = 16 * 1024;

/// What the interning thread hands the writing one.
enum Recs {
    Nodes(Vec<NodeRec>),
    Edges(Vec<EdgeRec>),
}

/// The sections of nodes and relationships: this thread interns their strings and makes
/// their records while another serializes the records made before.
fn encode_graph<'g>(
    g: &'g KnowledgeGraph,
    t: &mut Interner<'g>,
    opts: impl Options + Copy + Send,
) -> Result<Pieces, EncodeError> {
    std::thread::scope(|scope| {
        let (batches, inbox) = sync_channel::<Recs>(4);
        let writer = scope.spawn(move || {
            let (mut nodes, mut edges) = (Pieces::default(), Pieces::default());
            put(opts, &mut nodes, &(g.graph.node_count() as u64))?;
            put(opts, &mut edges, &(g.graph.edge_count() as u64))?;
            for batch in inbox {
                match batch {
                    Recs::Nodes(recs) => recs.iter().try_for_each(|r| put(opts, &mut nodes, r))?,
                    Recs::Edges(recs) => recs.iter().try_for_each(|r| put(opts, &mut edges, r))?,
                }
            }
            Ok::<_, EncodeError>((nodes, edges))
        });
        // a batch the writer did not take means it stopped: its error is the one to give
        let made = make_records(g, t, &batches);
        drop(batches);
        let written = writer
            .join()
            .map_err(|_| EncodeError("the records could not be written".into()))?;
        made?;
        let (nodes, edges) = written?;
        let mut records = Pieces::default();
        records.push_section(nodes);
        records.push_section(edges);
        Ok(records)
    })
}

/// The records of the nodes, then of the relationships, a batch at a time; stops when the
/// writer is gone.
fn make_records<'g>(
    g: &'g KnowledgeGraph,
    t: &mut Interner<'g>,
    batches: &SyncSender<Recs>,
) -> Result<(), EncodeError> {
    if send(
        g.graph.raw_nodes(),
        |n| t.node(&n.weight),
        Recs::Nodes,
        batches,
    )? {
        send(g.graph.raw_edges(), |e| t.edge(e), Recs::Edges, batches)?;
    }
    Ok(())
}

/// The records `make` makes of `items`, sent a batch at a time as `wrap` says; false once
/// the writer is gone.
fn send<'a, T, R>(
    items: &'a [T],
    mut make: impl FnMut(&'a T) -> Result<R, EncodeError>,
    wrap: fn(Vec<R>) -> Recs,
    batches: &SyncSender<Recs>,
) -> Result<bool, EncodeError> {
    for chunk in items.chunks(ENCODE_BATCH) {
        let recs = chunk.iter().map(&mut make).collect::<Result<_, _>>()?;
        if batches.send(wrap(recs)).is_err() {
            return Ok(false);
        }
    }
    Ok(true)
}

fn put<T: Serialize + ?Sized>(
    opts: impl Options,
    out: &mut Pieces,
    value: &T,
) -> Result<(), EncodeError> {
    Ok(opts.serialize_into(out.tail(), value)?)
}

#[cfg(test)]
mod tests {
    use super::super::each;
    use super::*;

    #[test]
    fn a_large_section_is_written_in_pieces_that_read_back_as_one() {
        let opts = varint_options(usize::MAX);
        let n = PIECE / 4; // several pieces of four-byte records
        let mut body = Pieces::default();
        body.section(|out| sequence(opts, out, n, (0..n as u32).map(|i| Ok(i | 1 << 24))))
            .unwrap();
        assert!(body.0.len() > 2, "{} pieces", body.0.len());
        assert!(body.0.iter().all(|p| p.len() <= PIECE + 8));
        let bytes = body.joined();
        assert_eq!(bytes.len(), body.len());
        let s = &bytes[8..];
        assert_eq!(
            u64::from_le_bytes(bytes[..8].try_into().unwrap()),
            s.len() as u64
        );
        let back = each(varint_options(s.len()), 1, s, |x: u32| Ok(x)).unwrap();
        assert_eq!(back.len(), n);
        assert!(
            back.iter()
                .enumerate()
                .all(|(i, &x)| x == (i as u32 | 1 << 24))
        );
    }

    #[test]
    fn repeated_strings_are_stored_once() {
        let mut t = Interner::default();
        let a = t.id("Bí thư").unwrap();
        let b = t.id("title").unwrap();
        assert_eq!(t.id("Bí thư").unwrap(), a);
        assert_ne!(a, b);
        assert_eq!(t.strings.text, "Bí thưtitle");
    }
}
