//! The event the article reports (a meeting, else a congress), central plenums, and the
//! congresses it names.

use super::Extraction;
use crate::extract::bodies::{BodyRef, parse_body};
use crate::extract::context::Resolved;
use crate::extract::dates::event_date;
use crate::extract::events::{CongressRef, MeetingRef, congresses, meetings};
use crate::extract::facts::props;
use crate::extract::places::Level;
use crate::extract::tokens::Token;
use crate::keys::{BodyKey, EventKey};
use crate::schema::{Label, Rel, Value};
use crate::text::{Date, Span, fold};

impl Extraction<'_> {
    /// Finds the event the article reports: its main meeting (the first numbered one, with
    /// the mentions that name no other number), or, when the article is about a congress,
    /// that congress; the first session of the committee it elected is then a meeting of
    /// its own. Congresses are read here once, for the items step to link.
    pub(super) fn add_events(&mut self, sentences: &[(Span, Vec<Token>)]) {
        let found: Vec<(usize, MeetingRef)> = sentences
            .iter()
            .enumerate()
            .flat_map(|(i, (_, t))| meetings(t).into_iter().map(move |m| (i, m)))
            .collect();
        let congress_refs = self.congress_refs(sentences);
        let lead = |i: usize| i <= 1;
        let congress_story = congress_refs.iter().any(|(i, c)| lead(*i) && !c.short)
            && found
                .iter()
                .all(|(i, m)| m.central || m.first_session || !lead(*i));
        let ordinary: Vec<&(usize, MeetingRef)> = found
            .iter()
            .filter(|(_, m)| !(m.central || congress_story && m.first_session))
            .collect();
        let main_ordinal = ordinary.iter().find_map(|(_, m)| m.ordinal);
        let main: Vec<&(usize, MeetingRef)> = ordinary
            .iter()
            .copied()
            .filter(|(_, m)| m.ordinal.is_none() || m.ordinal == main_ordinal)
            .collect();
        if !main.is_empty() {
            // in a congress story, a meeting named in the body is not what it reports
            self.add_main_meeting(sentences, &main, main_ordinal, !congress_story);
        }
        for (i, m) in found.iter().filter(|(_, m)| m.central) {
            self.add_plenum(sentences[*i].0, m);
        }
        let mut story = None;
        for (i, c) in &congress_refs {
            let span = sentences[*i].0;
            let id = self.add_congress(span, c);
            self.congress_ids
                .push((span.start, tokens_start(sentences, *i, c.at), id));
            if story.is_none() && congress_story && lead(*i) && !c.short {
                story = Some((id, span, c.clone()));
            }
        }
        if let Some((id, span, c)) = story {
            self.report(id, span);
            let firsts: Vec<&(usize, MeetingRef)> = found
                .iter()
                .filter(|(_, m)| m.first_session && !m.central)
                .collect();
            if !firsts.is_empty() {
                self.add_first_session(sentences, &firsts, &c);
            }
        }
    }

    /// The congresses of every sentence; a short reference ("Đại hội XX") is the
    /// article's own organisation's when that organisation's congress of this number or
    /// the one after it is named, and is dropped otherwise.
    fn congress_refs(&self, sentences: &[(Span, Vec<Token>)]) -> Vec<(usize, CongressRef)> {
        let all: Vec<(usize, CongressRef)> = sentences
            .iter()
            .enumerate()
            .flat_map(|(i, (_, t))| congresses(t).into_iter().map(move |c| (i, c)))
            .collect();
        let owned: Vec<&CongressRef> = all
            .iter()
            .map(|(_, c)| c)
            .filter(|c| !c.short && c.committee.is_some())
            .collect();
        all.iter()
            .filter_map(|(i, c)| {
                if !c.short {
                    return Some((*i, c.clone()));
                }
                let owner = owned
                    .iter()
                    .find(|o| o.ordinal == c.ordinal || o.ordinal == c.ordinal + 1)?;
                let mut c = c.clone();
                c.committee = owner.committee.clone();
                c.level = owner.level;
                c.short = false;
                Some((*i, c))
            })
            .collect()
    }

    /// "Phiên họp thứ nhất" of the committee a congress elected: a meeting of that
    /// committee, numbered 1, of the khóa the congress opened.
    fn add_first_session(
        &mut self,
        sentences: &[(Span, Vec<Token>)],
        mentions: &[&(usize, MeetingRef)],
        congress: &CongressRef,
    ) {
        let committee = mentions
            .iter()
            .find_map(|(_, m)| m.committee.clone())
            .or_else(|| congress.committee.clone());
        let resolved = committee.as_ref().map(|c| self.resolve(c));
        let term = mentions
            .iter()
            .find_map(|(_, m)| m.term.clone())
            .unwrap_or_else(|| crate::extract::lexicon::to_roman(congress.ordinal));
        let committee_name = resolved.as_ref().map_or("", |r| r.name.as_str());
        let name = format!("Phiên họp thứ nhất {committee_name} khóa {term}");
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let scoped = resolved.as_ref().is_none_or(|r| r.key.is_scoped());
        let key = EventKey::scoped_if(&fold(&name), scoped, &self.ctx.file).to_string();
        let span = sentences[mentions[0].0].0;
        let p = props([
            ("ordinal", Value::Int(1)),
            ("date", Value::Null),
            ("term", term.into()),
            ("term_period", congress.period.clone().into()),
        ]);
        let id = self.facts.entity(Label::Meeting, &name, &key, p, span);
        if let Some(r) = resolved {
            self.link_body(&r, Rel::Convened, id, span);
        }
    }

    pub(super) fn report(&mut self, id: usize, span: Span) {
        self.event = Some(id);
        self.facts
            .relate(Rel::Reports, 0, id, Default::default(), span);
    }

    fn add_main_meeting(
        &mut self,
        sentences: &[(Span, Vec<Token>)],
        mentions: &[&(usize, MeetingRef)],
        ordinal: Option<u32>,
        reported: bool,
    ) {
        let committee = mentions
            .iter()
            .find_map(|(_, m)| m.committee.clone())
            .or_else(|| subject_committee(&sentences[mentions[0].0].1))
            .or_else(|| self.ctx.own_committee());
        let resolved = committee.as_ref().map(|c| self.resolve(c));
        let mut term = mentions.iter().find_map(|(_, m)| m.term.clone());
        let mut period = mentions.iter().find_map(|(_, m)| m.period.clone());
        if let Some(r) = &resolved {
            let (t, p) = self.ctx.term_of(&r.key);
            term = term.or(t);
            period = period.or(p);
        }
        // Each sentence once: one long sentence can hold thousands of mentions.
        let mut looked = std::collections::HashSet::new();
        let date = mentions
            .iter()
            .filter(|(i, _)| looked.insert(*i))
            .find_map(|(i, _)| self.date_in(&sentences[*i].1))
            .or_else(|| {
                // "Sáng 20-7, huyện tổ chức kỷ niệm …": the lead dates what follows it
                let first = mentions[0].0;
                (first.saturating_sub(1)..=first)
                    .chain(1..3)
                    .filter_map(|i| sentences.get(i))
                    .find_map(|(_, t)| self.date_in(t))
            });
        if reported {
            self.event_date = date;
        }
        let committee_name = resolved.as_ref().map_or("", |r| r.name.as_str());
        let kind = mentions[0].1.kind;
        let mut name = match ordinal {
            Some(n) => format!("{kind} lần thứ {n} {committee_name}"),
            None => format!("{kind} {committee_name}"),
        };
        if let Some(t) = &term {
            name = format!("{name} khóa {t}");
        }
        if let (Some(d), true) = (date, term.is_none() || ordinal.is_none()) {
            name = format!("{name} ngày {d}");
        }
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let scoped = resolved.as_ref().is_none_or(|r| r.key.is_scoped())
            || (ordinal.is_none() && date.is_none());
        let key = EventKey::scoped_if(&fold(&name), scoped, &self.ctx.file).to_string();
        let span = sentences[mentions[0].0].0;
        let p = props([
            ("ordinal", ordinal.map(i64::from).into()),
            ("date", date.map(|d| d.to_string()).into()),
            ("term", term.into()),
            ("term_period", period.into()),
        ]);
        let id = self.facts.entity(Label::Meeting, &name, &key, p, span);
        for (i, _) in mentions {
            self.facts.entity(
                Label::Meeting,
                &name,
                &key,
                Default::default(),
                sentences[*i].0,
            );
        }
        if let Some(r) = resolved {
            self.link_body(&r, Rel::Convened, id, span);
        }
        if reported {
            self.report(id, span);
        }
    }

    fn add_plenum(&mut self, span: Span, m: &MeetingRef) {
        let Some(n) = m.ordinal else { return };
        let mut name = format!("Hội nghị Trung ương {n}");
        if let Some(t) = &m.term {
            name = format!("{name} khóa {t}");
        }
        let key = EventKey::scoped_if(&fold(&name), m.term.is_none(), &self.ctx.file).to_string();
        let p = props([
            ("ordinal", (n as i64).into()),
            ("term", m.term.clone().into()),
            ("date", Value::Null),
        ]);
        let id = self.facts.entity(Label::Meeting, &name, &key, p, span);
        let central = Resolved {
            label: Label::PartyCommittee,
            name: "Ban Chấp hành Trung ương".into(),
            key: BodyKey::national("ban chap hanh trung uong"),
            level: Level::Central,
            kind: "Ban Chấp hành Trung ương".into(),
            place: None,
        };
        let cid = self.body(&central, span);
        self.facts
            .relate(Rel::Convened, cid, id, Default::default(), span);
    }

    fn add_congress(&mut self, span: Span, c: &CongressRef) -> usize {
        let resolved = c.committee.as_ref().map(|b| self.resolve(b));
        let (level, place_name) = match (&resolved, c.level) {
            (_, Level::Central) => ("national", None),
            (Some(r), _) => (
                level_name(r.level),
                r.place.as_ref().map(|p| p.name.clone()),
            ),
            (None, l) => (level_name(l), None),
        };
        let org = match (&resolved, c.level) {
            (_, Level::Central) => "Đảng toàn quốc".to_string(),
            (Some(r), _) => organisation_name(r),
            (None, _) => "Đảng bộ".to_string(),
        };
        let name = format!(
            "Đại hội {org} lần thứ {}",
            crate::extract::lexicon::to_roman(c.ordinal)
        );
        let scoped =
            c.level != Level::Central && resolved.as_ref().is_none_or(|r| r.key.is_scoped());
        let key = EventKey::scoped_if(&fold(&name), scoped, &self.ctx.file).to_string();
        let p = props([
            ("ordinal", (c.ordinal as i64).into()),
            ("level", level.into()),
            ("place", place_name.into()),
            ("term_period", c.period.clone().into()),
        ]);
        let id = self.facts.entity(Label::Congress, &name, &key, p, span);
        if let Some(r) = resolved.filter(|_| c.level != Level::Central) {
            self.link_body(&r, Rel::Of, id, span);
        }
        id
    }

    /// The event date of a sentence, its year completed from the article.
    fn date_in(&self, tokens: &[Token]) -> Option<Date> {
        let (a, b) = (tokens.first()?, tokens.last()?);
        let dm = event_date(&self.article.text[a.start..b.end])?;
        self.ctx.complete(dm)
    }
}

/// The byte where token `at` of sentence `i` starts.
fn tokens_start(sentences: &[(Span, Vec<Token>)], i: usize, at: usize) -> usize {
    sentences[i]
        .1
        .get(at)
        .map_or(sentences[i].0.start, |t| t.start)
}

/// The committee that is the subject of "… tổ chức hội nghị": the first party committee
/// named in the sentence.
fn subject_committee(tokens: &[Token]) -> Option<BodyRef> {
    (0..tokens.len()).find_map(|i| {
        parse_body(tokens, i)
            .map(|(b, _)| b)
            .filter(|b| b.label == Label::PartyCommittee && b.scope != Level::Central)
    })
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::Central => "national",
        Level::Province => "province",
        Level::District => "district",
        Level::Ward => "ward",
    }
}

/// "Đảng bộ quận Cầu Giấy" for the committee "Quận ủy Cầu Giấy".
fn organisation_name(r: &Resolved) -> String {
    match &r.place {
        Some(p) if p.name.starts_with("Quận ") => format!("Đảng bộ {}", p.name),
        Some(p) => format!("Đảng bộ {} {}", p.kind, p.name),
        None => match r.kind.as_str() {
            "Quận ủy" => "Đảng bộ quận".into(),
            "Huyện ủy" => "Đảng bộ huyện".into(),
            "Thị ủy" => "Đảng bộ thị xã".into(),
            "Tỉnh ủy" => "Đảng bộ tỉnh".into(),
            "Thành ủy" => "Đảng bộ thành phố".into(),
            _ => "Đảng bộ".into(),
        },
    }
}
