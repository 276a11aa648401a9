//! Nodes of bodies and places, with their IN edges.

use super::Extraction;
use crate::extract::context::Resolved;
use crate::extract::facts::props;
use crate::extract::places::{Level, Place, SentencePlaces};
use crate::keys::PlaceKey;
use crate::schema::{Label, Rel};
use crate::text::{Span, fold};

impl Extraction<'_> {
    pub(super) fn body(&mut self, r: &Resolved, span: Span) -> usize {
        let level = match r.level {
            Level::Central => "central",
            Level::Province => "province",
            Level::District => "district",
            Level::Ward => "ward",
        };
        let p = match r.label {
            Label::PartyCommittee => props([("level", level.into())]),
            _ => props([("kind", r.kind.as_str().into()), ("level", level.into())]),
        };
        let id = self
            .facts
            .entity(r.label, &r.name, &r.key.to_string(), p, span);
        if let Some(place) = r.place.clone()
            && let Some(pid) = self.place(&place, span)
        {
            self.facts
                .relate(Rel::In, id, pid, Default::default(), span);
        }
        id
    }

    /// The body's node and an edge between it and `id`: CONVENED (body → meeting), OF
    /// (congress → body) or ISSUED_BY (item → body).
    pub(super) fn link_body(&mut self, r: &Resolved, rel: Rel, id: usize, span: Span) {
        let bid = self.body(r, span);
        let (from, to) = match rel {
            Rel::Convened => (bid, id),
            _ => (id, bid),
        };
        self.facts.relate(rel, from, to, Default::default(), span);
    }

    /// A Province, District or Commune node, with its IN edge to the unit above it.
    ///
    /// An article names its places again and again: each is worked out once, and met
    /// again it only adds evidence to its node and its IN edges (its properties are those
    /// it gave the node the first time).
    pub(super) fn place(&mut self, p: &Place, span: Span) -> Option<usize> {
        if let Some(chain) = self.place_chains.get(p) {
            for &id in chain {
                self.facts.mention(id, span);
            }
            for w in chain.windows(2) {
                self.facts
                    .relate(Rel::In, w[0], w[1], Default::default(), span);
            }
            return chain.first().copied();
        }
        let (id, above) = self.new_place(p, span)?;
        let mut chain = vec![id];
        if let Some(above) = above {
            chain.extend(self.place_chains.get(&above).into_iter().flatten());
        }
        self.place_chains.insert(p.clone(), chain);
        Some(id)
    }

    /// [`Extraction::place`] the first time `p` is given: its node and IN edge, and the
    /// unit above it that it is IN.
    fn new_place(&mut self, p: &Place, span: Span) -> Option<(usize, Option<Place>)> {
        let mut p = self.ctx.settle(p);
        let label = match p.level {
            Level::District => Label::District,
            Level::Province => Label::Province,
            Level::Ward => Label::Commune,
            Level::Central => return None,
        };
        if label == Label::District && !p.known() && p.province.is_none() {
            // A name the gazetteer does not know: the article's province is the best guess.
            p.province = self.ctx.province.as_ref().map(|x| x.name.clone());
        }
        let key = p
            .key()
            .unwrap_or_else(|| PlaceKey::unplaced(&fold(&p.name), &self.ctx.file))
            .to_string();
        let props = props([("kind", p.kind.into())]);
        let id = self.facts.entity(label, &p.name, &key, props, span);
        let above = match (&p.district, &p.province) {
            (Some(d), Some(prov)) if label == Label::Commune => Place::district_in(d, prov),
            (_, Some(prov)) => Place::province(prov),
            _ => None,
        };
        let above = above.filter(|above| match self.place(above, span) {
            Some(aid) => {
                self.facts
                    .relate(Rel::In, id, aid, Default::default(), span);
                true
            }
            None => false,
        });
        Some((id, above))
    }

    pub(super) fn add_places(&mut self, span: Span, read: &SentencePlaces) {
        for (i, p) in &read.levelled {
            if p.level == Level::Ward && read.home[*i] {
                continue; // a home town's commune is biography, not a fact of the article
            }
            self.place(p, span);
        }
    }
}
