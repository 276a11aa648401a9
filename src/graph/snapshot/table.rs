//! The body of a format 6 snapshot: every string once in a table, everything else by index,
//! in sections that decode on their own, and the article texts after the body.
//!
//! Format 4 stored the graph as its Rust types, so each of a million sources repeated its
//! article's file name and each edge its own discriminator string; decoding made one
//! allocation per string, and the kernel spent most of an open zeroing their pages. Here
//! names, keys, titles, property names and values, discriminators and file names are
//! stored once ([`Strings`]: one UTF-8 check, one allocation), and sources are integer
//! triples that share one `Arc<str>` per article when decoded.
//!
//! The body is five sections, each a length and its `bincode` bytes: strings, nodes,
//! relationships, articles (name, hash, lengths and CRC-32 of the packed text),
//! corrections; then a sixth, the plan of people of the graph ([`Plan`]), which
//! [`super::open`] carries out while the relationships are added instead of rebuilding
//! the graph after the load. A body without it (saved by an older kg, or a plan of other
//! rules) is resolved after loading; an older kg reads the five and leaves the sixth.
//! Nodes and relationships are decoded on two threads, record by record straight into
//! the graph's types, with no decoded copy of the body in between (see `encode` for the
//! other way). The
//! compressed texts follow the body, outside its checksum: a load does not read them, each
//! is read and checked against its own CRC-32 when a passage of it is asked for.
//!
//! Every index read is checked: a body that passed its checksum but names a string, node
//! or article that is not there is a decode error, never a panic.

use std::sync::Arc;
use std::sync::mpsc::TryRecvError;

use bincode::Options;
use petgraph::graph::NodeIndex;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

mod encode;

use super::stream::{self, FileRecords, Spans};
use crate::graph::corrections::Correction;
use crate::graph::people::Plan;
use crate::graph::{Edge, KnowledgeGraph, Node, PackedText, StoredArticle};
use crate::schema::{ArticleId, Label, Props, Rel, Source, Sources, Value};
#[cfg(test)]
pub(super) use encode::encode_with;
pub(super) use encode::{Pieces, encode};

/// Every distinct string of a graph, concatenated: string `i` is `text[ends[i-1]..ends[i]]`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Strings {
    pub(super) text: String,
    pub(super) ends: Vec<u32>,
}

#[derive(Serialize, Deserialize, PartialEq, Eq, Hash)]
pub(super) enum ValueRec {
    Null,
    Int(i64),
    Str(u32),
}

/// (string of the article's file name, start, end)
pub(super) type SourceRec = (u32, u32, u32);

/// A record's sources: most have one, decoded without an allocation (serialized as a
/// list, as a `Vec` is).
pub(super) type SourceRecs = smallvec::SmallVec<[SourceRec; 1]>;

#[derive(Serialize, Deserialize)]
pub(super) struct NodeRec {
    pub(super) label: Label,
    pub(super) name: u32,
    pub(super) key: u32,
    pub(super) props: Vec<(u32, ValueRec)>,
    pub(super) sources: SourceRecs,
}

#[derive(Serialize, Deserialize)]
pub(super) struct EdgeRec {
    pub(super) rel: Rel,
    pub(super) from: u32,
    pub(super) to: u32,
    pub(super) discriminator: u32,
    pub(super) props: Vec<(u32, ValueRec)>,
    pub(super) sources: SourceRecs,
}

/// An article: its packed text is `packed_len` bytes of the texts after the body, after
/// those of the articles before it.
#[derive(Serialize, Deserialize)]
struct ArticleRec {
    file: u32,
    hash: [u8; 32],
    len: u32,
    packed_len: u32,
    crc: u32,
}

/// What one decoding thread has shared so far: strings by their index in the table, and
/// property maps by their record (a large graph has millions of relationships with
/// properties but tens of thousands of distinct maps).
#[derive(Default)]
pub(super) struct Shared {
    strings: Vec<Option<Arc<str>>>,
    props: rustc_hash::FxHashMap<Vec<(u32, ValueRec)>, Props>,
}

/// [`Strings`] read in place: the text is the section's own bytes, not a copy of them.
#[derive(Deserialize)]
struct StringsIn<'a> {
    text: &'a str,
    ends: Vec<u32>,
}

/// Reads the strings of a decoded body, and the article each file name is.
pub(super) struct Reader<'a> {
    text: &'a str,
    ends: std::borrow::Cow<'a, [u32]>,
    /// Per string, the article it names (`u32::MAX`: none).
    article_of: Vec<u32>,
    articles: u32,
}

impl<'a> Reader<'a> {
    pub(super) fn new(strings: &'a Strings) -> Reader<'a> {
        Reader::of(&strings.text, (&strings.ends[..]).into())
    }

    /// The reader of a strings section, its text left in the section's bytes.
    fn in_place(opts: impl Options, section: &'a [u8]) -> Result<Reader<'a>, String> {
        let s: StringsIn<'a> = opts.deserialize(section).map_err(|e| e.to_string())?;
        Ok(Reader::of(s.text, s.ends.into()))
    }

    fn of(text: &'a str, ends: std::borrow::Cow<'a, [u32]>) -> Reader<'a> {
        Reader {
            article_of: vec![u32::MAX; ends.len()],
            text,
            ends,
            articles: 0,
        }
    }

    /// Records that string `i` is the name of the next article.
    pub(super) fn article(&mut self, i: u32) -> Result<(), String> {
        let slot = self
            .article_of
            .get_mut(i as usize)
            .ok_or("an article name past the string table")?;
        *slot = self.articles;
        self.articles += 1;
        Ok(())
    }

    fn str(&self, i: u32) -> Result<&str, String> {
        let i = i as usize;
        let end = *self.ends.get(i).ok_or("a string index past the table")?;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1],
        };
        self.text
            .get(start as usize..end as usize)
            .ok_or_else(|| "a string that is not in the table".to_string())
    }

    pub(super) fn string(&self, i: u32) -> Result<String, String> {
        self.str(i).map(str::to_string)
    }

    /// String `i` as one allocation that every use of it on this thread shares.
    fn shared(&self, i: u32, shared: &mut Shared) -> Result<Arc<str>, String> {
        if let Some(Some(s)) = shared.strings.get(i as usize) {
            return Ok(s.clone());
        }
        let s: Arc<str> = self.str(i)?.into();
        if shared.strings.len() <= i as usize {
            // a string past the table failed `str` above: this is at most its length
            shared.strings.resize(i as usize + 1, None);
        }
        shared.strings[i as usize] = Some(s.clone());
        Ok(s)
    }

    /// The map of this record, one allocation that every use of it on this thread shares.
    fn props(&self, rec: Vec<(u32, ValueRec)>, shared: &mut Shared) -> Result<Props, String> {
        if rec.is_empty() {
            return Ok(Props::new());
        }
        if let Some(p) = shared.props.get(&rec) {
            return Ok(p.clone());
        }
        let pairs = rec
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    ValueRec::Null => Value::Null,
                    ValueRec::Int(n) => Value::Int(*n),
                    ValueRec::Str(s) => Value::Str(self.shared(*s, shared)?),
                };
                Ok((self.shared(*k, shared)?, v))
            })
            .collect::<Result<Vec<_>, String>>()?;
        let p = Props::from_sorted(pairs);
        shared.props.insert(rec, p.clone());
        Ok(p)
    }

    fn sources(&self, sources: SourceRecs) -> Result<Sources, String> {
        sources
            .into_iter()
            .map(|(f, start, end)| match self.article_of.get(f as usize) {
                Some(&a) if a != u32::MAX => Ok(Source {
                    article: ArticleId::new(a as usize),
                    start,
                    end,
                }),
                _ => Err(format!(
                    "a source in {:?}, which is no stored article",
                    self.str(f)?
                )),
            })
            .collect()
    }

    pub(super) fn node(&self, n: NodeRec, shared: &mut Shared) -> Result<Node, String> {
        Ok(Node {
            label: n.label,
            // a name is its node's own: nothing to share it with
            name: Arc::from(self.str(n.name)?),
            key: self.string(n.key)?,
            props: self.props(n.props, shared)?,
            sources: self.sources(n.sources)?,
        })
    }

    pub(super) fn edge(
        &self,
        e: EdgeRec,
        nodes: usize,
        shared: &mut Shared,
    ) -> Result<(NodeIndex, NodeIndex, Edge), String> {
        if e.from as usize >= nodes || e.to as usize >= nodes {
            return Err(format!(
                "a relationship between nodes {} and {} of {nodes}",
                e.from, e.to
            ));
        }
        let edge = Edge {
            rel: e.rel,
            props: self.props(e.props, shared)?,
            sources: self.sources(e.sources)?,
            discriminator: self.shared(e.discriminator, shared)?,
        };
        Ok((
            NodeIndex::new(e.from as usize),
            NodeIndex::new(e.to as usize),
            edge,
        ))
    }
}

/// Where the packed texts after a body are.
pub(super) enum Texts<'a> {
    /// In these bytes (a snapshot decoded from memory).
    Bytes(&'a [u8]),
    /// In this open file, from this offset on, which is this long.
    File {
        /// The snapshot.
        file: Arc<std::fs::File>,
        /// Where the texts start.
        offset: u64,
        /// The file's length.
        len: u64,
    },
}

/// The body's sections, each a slice of its bytes but the nodes and relationships, which
/// may be left in the file.
struct Sections<'a> {
    strings: &'a [u8],
    nodes: Section<'a>,
    edges: Section<'a>,
    articles: &'a [u8],
    corrections: &'a [u8],
    /// Who is who, as [`crate::graph::people::Plan`] (none before it was stored).
    plan: Option<&'a [u8]>,
}

/// Where a section of records (the nodes, the relationships) is.
#[derive(Clone, Copy)]
enum Section<'a> {
    /// These bytes.
    Bytes(&'a [u8]),
    /// This many bytes of the file from this offset on, read as they are decoded.
    File(&'a std::fs::File, u64, u64),
}

impl<'a> Section<'a> {
    /// Its records, from the first.
    fn records<O: Options + Copy>(
        self,
        opts: O,
        least: usize,
    ) -> Result<SectionRecords<'a, O>, String> {
        Ok(match self {
            Section::Bytes(b) => SectionRecords::Bytes(records(b, opts, least)?),
            Section::File(file, at, len) => {
                SectionRecords::File(FileRecords::new(file, at, len, opts)?)
            }
        })
    }
}

/// The records of a [`Section`].
enum SectionRecords<'a, O: Options> {
    Bytes(Records<'a, O>),
    File(FileRecords<'a, O>),
}

impl<O: Options + Copy> SectionRecords<'_, O> {
    fn claimed(&self, least: usize) -> usize {
        match self {
            SectionRecords::Bytes(r) => (r.left as usize).min(r.room),
            SectionRecords::File(r) => r.claimed(least),
        }
    }

    fn batch<R: DeserializeOwned, T>(
        &mut self,
        max: usize,
        f: impl FnMut(R) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        match self {
            SectionRecords::Bytes(r) => r.batch(max, f),
            SectionRecords::File(r) => r.batch(max, f),
        }
    }
}

/// The first `n` sections of `body`, each a length and its bytes, and what follows them.
fn split(mut body: &[u8], n: usize) -> Result<(Vec<&[u8]>, &[u8]), String> {
    let mut parts = Vec::with_capacity(n);
    for _ in 0..n {
        let len = body.get(..8).ok_or("a section past the end of the body")?;
        let len = u64::from_le_bytes(len.try_into().map_err(|_| "a short section length")?);
        let rest = &body[8..];
        let len = usize::try_from(len)
            .ok()
            .filter(|&n| n <= rest.len())
            .ok_or_else(|| format!("a section of {len} bytes in {} left", rest.len()))?;
        let (part, after) = rest.split_at(len);
        parts.push(part);
        body = after;
    }
    Ok((parts, body))
}

/// The plan's section, when bytes follow the corrections.
fn plan_of(rest: &[u8]) -> Result<Option<&[u8]>, String> {
    match rest.is_empty() {
        true => Ok(None),
        false => Ok(Some(split(rest, 1)?.0[0])),
    }
}

fn sections(body: &[u8]) -> Result<Sections<'_>, String> {
    let (p, rest) = split(body, 5)?;
    Ok(Sections {
        strings: p[0],
        nodes: Section::Bytes(p[1]),
        edges: Section::Bytes(p[2]),
        articles: p[3],
        corrections: p[4],
        plan: plan_of(rest)?,
    })
}

/// The sections of a body left in its file (see [`stream::spans`]).
fn file_sections<'a>(file: &'a std::fs::File, s: &'a Spans) -> Result<Sections<'a>, String> {
    let (after, rest) = split(&s.after, 2)?;
    Ok(Sections {
        strings: &s.strings,
        nodes: Section::File(file, s.nodes.0, s.nodes.1),
        edges: Section::File(file, s.edges.0, s.edges.1),
        articles: after[0],
        corrections: after[1],
        plan: plan_of(rest)?,
    })
}

/// `bincode`'s options for a snapshot's parts: as `bincode::serialize` writes, bounded by
/// the part's length, so a count claiming more than is there is an error, not an
/// allocation.
pub(super) fn options(len: usize) -> impl Options + Copy {
    bincode::DefaultOptions::new()
        .with_fixint_encoding()
        .allow_trailing_bytes()
        .with_limit(len as u64)
}

/// [`options`] with integers in as few bytes as their value needs (format 7 on): most
/// are small indexes, counts and offsets, which take one to three bytes, not four or
/// eight.
fn varint_options(len: usize) -> impl Options + Copy {
    bincode::DefaultOptions::new()
        .with_varint_encoding()
        .allow_trailing_bytes()
        .with_limit(len as u64)
}

/// How a body writes its integers: fixed width (format 6) or variable length (format 7).
/// The choice is made once, at the top of [`encode_with`] and [`decode`]; what they call
/// is generic over the `bincode` options it picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ints {
    /// Four bytes for a `u32`, eight for a `u64` or a length.
    Fixed,
    /// As many bytes as the value needs.
    Var,
}

impl Ints {
    /// The fewest bytes a record of a sequence takes.
    fn least(self) -> usize {
        match self {
            Ints::Fixed => 8,
            Ints::Var => 1,
        }
    }
}

fn whole<T: DeserializeOwned>(opts: impl Options, bytes: &[u8]) -> Result<T, String> {
    opts.deserialize(bytes).map_err(|e| e.to_string())
}

/// Decodes a sequence record by record, turning each into what `f` makes of it.
fn each<R: DeserializeOwned, T>(
    opts: impl Options,
    least: usize,
    bytes: &[u8],
    f: impl FnMut(R) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    records(bytes, opts, least)?.batch(usize::MAX, f)
}

/// The graph of a format 6 or 7 body (`ints` says which), its texts where `texts` says;
/// the error says what in the body is wrong.
/// With `resolve`, a stored plan of people made by this kg's rules is carried out as the
/// graph is built, and the graph is the one people question ([`KnowledgeGraph::resolved`]);
/// without a usable plan it is the stored graph whatever `resolve` says.
pub(super) fn decode(
    body: &[u8],
    texts: Texts<'_>,
    ints: Ints,
    resolve: bool,
) -> Result<KnowledgeGraph, String> {
    let s = sections(body)?;
    match ints {
        Ints::Fixed => decode_with(s, texts, options(body.len()), ints.least(), resolve),
        Ints::Var => decode_with(s, texts, varint_options(body.len()), ints.least(), resolve),
    }
}

/// [`decode`] of the body of `len` bytes at `start` of `file`, which is read a section at
/// a time and the relationships a piece at a time: the body is never held whole. Its
/// checksum is the caller's to check first.
pub(super) fn decode_file(
    file: &std::fs::File,
    (start, len): (u64, u64),
    texts: Texts<'_>,
    ints: Ints,
    resolve: bool,
) -> Result<KnowledgeGraph, String> {
    let spans = stream::spans(file, start, len)?;
    let s = file_sections(file, &spans)?;
    let len = usize::try_from(len).map_err(|e| e.to_string())?;
    match ints {
        Ints::Fixed => decode_with(s, texts, options(len), ints.least(), resolve),
        Ints::Var => decode_with(s, texts, varint_options(len), ints.least(), resolve),
    }
}

fn decode_with<O: Options + Copy + Send>(
    s: Sections<'_>,
    texts: Texts<'_>,
    opts: O,
    least: usize,
    resolve: bool,
) -> Result<KnowledgeGraph, String> {
    let plan = match (resolve, s.plan) {
        (true, Some(bytes)) => whole::<Option<Plan>>(opts, bytes)?.filter(Plan::is_current),
        _ => None,
    };
    let mut r = Reader::in_place(opts, s.strings)?;
    let recs: Vec<ArticleRec> = each(opts, least, s.articles, Ok)?;
    for a in &recs {
        r.article(a.file)?;
    }
    let articles = articles(&r, recs, texts)?;
    let corrections: Vec<Correction> = whole(opts, s.corrections)?;
    // relationships are checked against the node count the nodes' section starts with
    // (a count past what it holds fails the nodes' decode)
    let mut nodes = s.nodes.records(opts, least)?;
    let count = nodes.claimed(least);
    let (resolved, plan) = match plan {
        Some(plan) => (true, plan),
        None => (false, Plan::default()),
    };
    // Another thread decodes the relationships; this one lays them out between blank
    // nodes as they come, decoding the nodes in between, and the nodes then fill the
    // blanks. The queue between the two is short: a decoded batch waits little.
    let r = &r;
    let mut de = s.edges.records(opts, least)?;
    let edge_count = de.claimed(least);
    let mut layout = plan.layout(count, edge_count)?;
    let (batches, inbox) = std::sync::mpsc::sync_channel(EDGE_QUEUE);
    let graph = std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut shared = Shared::default();
            loop {
                let batch = de.batch(EDGE_BATCH, |e| r.edge(e, count, &mut shared));
                let last = !matches!(&batch, Ok(b) if b.len() == EDGE_BATCH);
                if batches.send(batch).is_err() || last {
                    return;
                }
            }
        });
        // owned here: an early return drops it, which ends the other thread's wait to send
        let inbox = inbox;
        let mut shared = Shared::default();
        let mut decoded = Vec::with_capacity(count);
        let mut more = count > 0;
        loop {
            let batch = match inbox.try_recv() {
                Ok(batch) => batch,
                Err(TryRecvError::Empty) if more => {
                    let next = nodes.batch(NODE_BATCH, |n| r.node(n, &mut shared))?;
                    more = next.len() == NODE_BATCH;
                    decoded.extend(next);
                    continue;
                }
                // no nodes left to decode: wait for the relationships
                Err(TryRecvError::Empty) => match inbox.recv() {
                    Ok(batch) => batch,
                    Err(_) => break,
                },
                Err(TryRecvError::Disconnected) => break,
            };
            layout.add(batch?);
        }
        if more {
            decoded.extend(nodes.batch(usize::MAX, |n| r.node(n, &mut shared))?);
        }
        let mut graph = layout.finish();
        plan.place_nodes(&mut graph, decoded)?;
        Ok::<_, String>(graph)
    })?;
    let mut g = KnowledgeGraph::from_parts(graph, articles);
    g.corrections = corrections;
    if resolved {
        g.joined = plan.joined.into_iter().collect();
        g.resolved = true;
    }
    Ok(g)
}

/// Relationships decoded at a time while the graph takes the ones before.
const EDGE_BATCH: usize = 16 * 1024;

/// Decoded batches of relationships that may wait to be added, at most.
const EDGE_QUEUE: usize = 4;

/// Nodes decoded at a time between batches of relationships.
const NODE_BATCH: usize = 4 * 1024;

/// A sequence decoded a batch at a time.
struct Records<'a, O: Options> {
    de: bincode::Deserializer<bincode::de::read::SliceReader<'a>, O>,
    left: u64,
    /// An upper bound of the records left: every record takes at least `least` bytes.
    room: usize,
}

/// The records of a sequence: its count, then each one, each of at least `least` bytes.
fn records<O: Options>(bytes: &[u8], opts: O, least: usize) -> Result<Records<'_, O>, String> {
    let mut de = bincode::Deserializer::from_slice(bytes, opts);
    let left = u64::deserialize(&mut de).map_err(|e| e.to_string())?;
    Ok(Records {
        de,
        left,
        room: bytes.len() / least.max(1),
    })
}

impl<O: Options> Records<'_, O> {
    /// Up to `max` records, each turned into what `f` makes of it; fewer at the end.
    fn batch<R: DeserializeOwned, T>(
        &mut self,
        max: usize,
        mut f: impl FnMut(R) -> Result<T, String>,
    ) -> Result<Vec<T>, String> {
        let n = (self.left.min(max as u64) as usize).min(self.room);
        let mut out = Vec::with_capacity(n);
        while self.left > 0 && out.len() < max {
            let rec = R::deserialize(&mut self.de).map_err(|e| e.to_string())?;
            out.push(f(rec)?);
            self.left -= 1;
        }
        Ok(out)
    }
}

/// The stored articles, their texts left where they are.
fn articles(
    r: &Reader,
    recs: Vec<ArticleRec>,
    texts: Texts<'_>,
) -> Result<Vec<StoredArticle>, String> {
    let total: u64 = recs.iter().map(|a| u64::from(a.packed_len)).sum();
    let there = match &texts {
        Texts::Bytes(b) => b.len() as u64,
        Texts::File { offset, len, .. } => len.saturating_sub(*offset),
    };
    if there < total {
        return Err(format!(
            "the article texts are truncated ({there} of {total} bytes)"
        ));
    }
    let mut at = 0u64;
    recs.into_iter()
        .map(|a| {
            let text = match &texts {
                Texts::Bytes(b) => {
                    let packed = &b[at as usize..(at + u64::from(a.packed_len)) as usize];
                    if crc32fast::hash(packed) != a.crc {
                        return Err("an article text does not match its checksum".to_string());
                    }
                    PackedText::from_packed(packed.to_vec(), a.len)
                }
                Texts::File { file, offset, .. } => {
                    PackedText::in_file(file.clone(), offset + at, a.len, a.packed_len, a.crc)
                }
            };
            at += u64::from(a.packed_len);
            Ok(StoredArticle {
                file: r.string(a.file)?,
                text,
                hash: a.hash,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `value` appended to `out` as a body's parts are.
    fn put_vec<T: Serialize>(
        opts: impl Options,
        out: &mut Vec<u8>,
        value: &T,
    ) -> bincode::Result<()> {
        opts.serialize_into(&mut *out, value)
    }

    #[test]
    fn a_string_index_past_the_table_is_an_error() {
        let strings = Strings {
            text: "ab".into(),
            ends: vec![1, 2],
        };
        let r = Reader::new(&strings);
        assert_eq!(r.str(0), Ok("a"));
        assert_eq!(r.str(1), Ok("b"));
        assert!(r.str(2).is_err());
        let strings = Strings {
            text: "ủy".into(),
            ends: vec![1],
        };
        let bad = Reader::new(&strings);
        assert!(bad.str(0).is_err(), "not a character boundary");
    }

    #[test]
    fn a_section_longer_than_the_body_is_an_error() {
        let mut body = Vec::new();
        body.extend_from_slice(&100u64.to_le_bytes());
        body.extend_from_slice(b"short");
        let err = sections(&body).err().unwrap_or_default();
        assert_eq!(err, "a section of 100 bytes in 5 left");
    }

    #[test]
    fn a_plan_of_people_made_by_other_rules_or_none_is_not_carried_out() {
        let a = crate::text::Article::from_text(
            "a.txt",
            "Tin\n\nĐồng chí Lưu Văn Bình - Bí thư Huyện ủy Gia Lâm phát biểu.".into(),
        );
        let mut g = KnowledgeGraph::new();
        g.add(&a, &crate::extract::extract(&a));
        let body = encode(&g).unwrap().joined();
        let texts: Vec<u8> = g
            .articles()
            .iter()
            .flat_map(|a| a.text.packed().unwrap().into_owned())
            .collect();
        let decoded = |body: &[u8]| decode(body, Texts::Bytes(&texts), Ints::Var, true).unwrap();
        assert!(decoded(&body).resolved, "this kg's plan is carried out");
        // the same body with the plan section of another kg's rules in its place
        let s = sections(&body).unwrap();
        let plan = s.plan.unwrap();
        let at = plan.as_ptr() as usize - body.as_ptr() as usize - 8;
        let mut other = body[..at].to_vec();
        let mut foreign = Vec::new();
        put_vec(varint_options(64), &mut foreign, &Some(Plan::default())).unwrap();
        other.extend_from_slice(&(foreign.len() as u64).to_le_bytes());
        other.extend_from_slice(&foreign);
        let stored = decoded(&other);
        assert!(!stored.resolved, "left for resolving after the load");
        assert_eq!(stored.graph().node_count(), g.graph().node_count());
        // and a body of an older kg, which stored no plan
        let older = decoded(&body[..at]);
        assert!(!older.resolved);
        assert_eq!(older.graph().edge_count(), g.graph().edge_count());
    }

    #[test]
    fn a_bad_node_while_relationships_wait_is_an_error_not_a_hang() {
        // more batches of relationships than the queue holds: the thread decoding them
        // would wait forever to send if the error did not drop the queue's receiving end
        let o = varint_options(1 << 30);
        let mut body = Vec::new();
        let mut section = |write: &dyn Fn(&mut Vec<u8>)| {
            let mut bytes = Vec::new();
            write(&mut bytes);
            body.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            body.extend(bytes);
        };
        section(&|b| {
            let table = Strings {
                text: "ab".into(),
                ends: vec![1, 2],
            };
            put_vec(o, b, &table).unwrap();
        });
        section(&|b| {
            let node = NodeRec {
                label: crate::schema::Label::Person,
                name: 9, // past the table
                key: 0,
                props: Vec::new(),
                sources: SourceRecs::new(),
            };
            put_vec(o, b, &1u64).unwrap();
            put_vec(o, b, &node).unwrap();
        });
        let n = (EDGE_QUEUE + 2) * EDGE_BATCH;
        section(&|b| {
            put_vec(o, b, &(n as u64)).unwrap();
            for _ in 0..n {
                let edge = EdgeRec {
                    rel: crate::schema::Rel::Mentions,
                    from: 0,
                    to: 0,
                    discriminator: 0,
                    props: Vec::new(),
                    sources: SourceRecs::new(),
                };
                put_vec(o, b, &edge).unwrap();
            }
        });
        section(&|b| put_vec(o, b, &0u64).unwrap());
        section(&|b| put_vec(o, b, &Vec::<Correction>::new()).unwrap());
        let err = decode(&body, Texts::Bytes(&[]), Ints::Var, true)
            .err()
            .unwrap_or_default();
        assert_eq!(err, "a string index past the table");
    }

    #[test]
    fn a_count_past_the_section_is_an_error_not_an_allocation() {
        let mut fixed = Vec::new();
        fixed.extend_from_slice(&(1u64 << 60).to_le_bytes());
        assert!(each(options(8), 8, &fixed, |x: u64| Ok(x)).is_err());
        let mut var = Vec::new();
        put_vec(varint_options(64), &mut var, &(1u64 << 60)).unwrap();
        assert!(each(varint_options(var.len()), 1, &var, |x: u64| Ok(x)).is_err());
        let section = Section::Bytes(&var);
        let claimed = section
            .records(varint_options(var.len()), 1)
            .unwrap()
            .claimed(1);
        assert_eq!(claimed, var.len(), "bounded by the bytes there");
    }

    #[test]
    fn variable_length_integers_take_the_bytes_their_values_need() {
        let rec: SourceRec = (3, 200, 70_000);
        let (mut fixed, mut var) = (Vec::new(), Vec::new());
        put_vec(options(64), &mut fixed, &rec).unwrap();
        put_vec(varint_options(64), &mut var, &rec).unwrap();
        assert_eq!(fixed.len(), 12);
        assert_eq!(
            var.len(),
            1 + 1 + 5,
            "3 and 200 in a byte each, 70 000 in five"
        );
        fn seq(opts: impl Options + Copy, least: usize, rec: SourceRec) -> Vec<SourceRec> {
            let mut out = Vec::new();
            put_vec(opts, &mut out, &2u64).unwrap();
            put_vec(opts, &mut out, &rec).unwrap();
            put_vec(opts, &mut out, &(9u32, 8u32, 7u32)).unwrap();
            each(opts, least, &out, |r: SourceRec| Ok(r)).unwrap()
        }
        let var = seq(varint_options(64), 1, rec);
        assert_eq!(seq(options(64), 8, rec), var);
        assert_eq!(var, [rec, (9, 8, 7)]);
    }
}
