//! The event the article reports (a meeting, else a congress), central plenums, and the
//! congresses it names.

use super::Extraction;
use crate::extract::bodies::{BodyRef, parse_body};
use crate::extract::context::{Context, Resolved};
use crate::extract::dates::event_date;
use crate::extract::events::{CongressRef, MeetingRef, congresses, meetings};
use crate::extract::facts::props;
use crate::extract::places::Level;
use crate::extract::tokens::Token;
use crate::schema::{Label, Rel, Value};
use crate::text::{Date, Span, fold};

impl Extraction<'_> {
    pub(super) fn add_events(&mut self, sentences: &[(Span, Vec<Token>)]) {
        let found: Vec<(usize, MeetingRef)> = sentences
            .iter()
            .enumerate()
            .flat_map(|(i, (_, t))| meetings(t).into_iter().map(move |m| (i, m)))
            .collect();
        let main_ordinal = found
            .iter()
            .filter(|(_, m)| !m.central)
            .find_map(|(_, m)| m.ordinal);
        let main: Vec<&(usize, MeetingRef)> = found
            .iter()
            .filter(|(_, m)| !m.central && (m.ordinal.is_none() || m.ordinal == main_ordinal))
            .collect();
        if !main.is_empty() {
            self.add_main_meeting(sentences, &main, main_ordinal);
        }
        for (i, m) in found.iter().filter(|(_, m)| m.central) {
            self.add_plenum(sentences[*i].0, m);
        }
        for (i, (span, tokens)) in sentences.iter().enumerate() {
            for c in congresses(tokens) {
                let id = self.add_congress(*span, &c);
                let headline = i == 0 && self.article.headline.is_some();
                if self.event.is_none() && found.is_empty() && headline {
                    self.report(id, *span);
                }
            }
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
    ) {
        let committee = mentions
            .iter()
            .find_map(|(_, m)| m.committee.clone())
            .or_else(|| subject_committee(&sentences[mentions[0].0].1))
            .or_else(|| self.ctx.own_committee());
        let resolved = committee.as_ref().map(|c| self.ctx.resolve(c));
        let mut term = mentions.iter().find_map(|(_, m)| m.term.clone());
        let mut period = mentions.iter().find_map(|(_, m)| m.period.clone());
        if let Some(r) = &resolved {
            let (t, p) = committee_term(&self.ctx, sentences, &r.key);
            term = term.or(t);
            period = period.or(p);
        }
        // Each sentence once: one long sentence can hold thousands of mentions.
        let mut looked = std::collections::HashSet::new();
        let date = mentions
            .iter()
            .filter(|(i, _)| looked.insert(*i))
            .find_map(|(i, _)| self.date_in(&sentences[*i].1));
        self.event_date = date;
        let committee_name = resolved.as_ref().map_or("", |r| r.name.as_str());
        let mut name = match ordinal {
            Some(n) => format!("Hội nghị lần thứ {n} {committee_name}"),
            None => format!("Hội nghị {committee_name}"),
        };
        if let Some(t) = &term {
            name = format!("{name} khóa {t}");
        }
        if let (Some(d), true) = (date, term.is_none() || ordinal.is_none()) {
            name = format!("{name} ngày {d}");
        }
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let scoped = resolved.as_ref().is_none_or(|r| r.key.contains(" @"))
            || (ordinal.is_none() && date.is_none());
        let key = if scoped {
            format!("{} @{}", fold(&name), self.ctx.file)
        } else {
            fold(&name)
        };
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
            let cid = self.body(&r, span);
            self.facts
                .relate(Rel::Convened, cid, id, Default::default(), span);
        }
        self.report(id, span);
    }

    fn add_plenum(&mut self, span: Span, m: &MeetingRef) {
        let Some(n) = m.ordinal else { return };
        let mut name = format!("Hội nghị Trung ương {n}");
        if let Some(t) = &m.term {
            name = format!("{name} khóa {t}");
        }
        let key = if m.term.is_some() {
            fold(&name)
        } else {
            format!("{} @{}", fold(&name), self.ctx.file)
        };
        let p = props([
            ("ordinal", (n as i64).into()),
            ("term", m.term.clone().into()),
            ("date", Value::Null),
        ]);
        let id = self.facts.entity(Label::Meeting, &name, &key, p, span);
        let central = Resolved {
            label: Label::PartyCommittee,
            name: "Ban Chấp hành Trung ương".into(),
            key: "ban chap hanh trung uong".into(),
            level: Level::Central,
            kind: "Ban Chấp hành Trung ương".into(),
            place: None,
        };
        let cid = self.body(&central, span);
        self.facts
            .relate(Rel::Convened, cid, id, Default::default(), span);
    }

    pub(super) fn add_congress(&mut self, span: Span, c: &CongressRef) -> usize {
        let resolved = c.committee.as_ref().map(|b| self.ctx.resolve(b));
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
            c.level != Level::Central && resolved.as_ref().is_none_or(|r| r.key.contains(" @"));
        let key = if scoped {
            format!("{} @{}", fold(&name), self.ctx.file)
        } else {
            fold(&name)
        };
        let p = props([
            ("ordinal", (c.ordinal as i64).into()),
            ("level", level.into()),
            ("place", place_name.into()),
            ("term_period", c.period.clone().into()),
        ]);
        let id = self.facts.entity(Label::Congress, &name, &key, p, span);
        if let Some(r) = resolved.filter(|_| c.level != Level::Central) {
            let cid = self.body(&r, span);
            self.facts
                .relate(Rel::Of, id, cid, Default::default(), span);
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

/// The committee that is the subject of "… tổ chức hội nghị": the first party committee
/// named in the sentence.
fn subject_committee(tokens: &[Token]) -> Option<BodyRef> {
    (0..tokens.len()).find_map(|i| {
        parse_body(tokens, i)
            .map(|(b, _)| b)
            .filter(|b| b.label == Label::PartyCommittee && b.scope != Level::Central)
    })
}

/// The term ("khóa …") and its years written after any mention of the committee `key`.
fn committee_term(
    ctx: &Context,
    sentences: &[(Span, Vec<Token>)],
    key: &str,
) -> (Option<String>, Option<String>) {
    let (mut term, mut period) = (None, None);
    for (_, tokens) in sentences {
        for i in 0..tokens.len() {
            let Some((b, _)) = parse_body(tokens, i) else {
                continue;
            };
            if b.label == Label::PartyCommittee && ctx.resolve(&b).key == key {
                term = term.or(b.term);
                period = period.or(b.period);
            }
        }
    }
    (term, period)
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
