//! One article to facts: runs the rules over every sentence and links what they find.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::context::{Context, Resolved};
use super::events::{CongressRef, MeetingRef, congresses, meetings};
use super::facts::{Facts, props};
use super::items::{documents, elections, programmes};
use super::persons::scan;
use super::places::{Level, Place, in_hometown, level_place};
use super::tokens::{Token, tokenize};
use crate::schema::{Label, Rel, Value};
use crate::text::date::complete_year;
use crate::text::{Article, Date, Span, fold};

/// Extracts the facts of one article. Entity 0 is the article itself.
pub fn extract(article: &Article) -> Facts {
    let text = &article.text;
    let sentences: Vec<(Span, Vec<Token>)> = article
        .sentences
        .iter()
        .map(|s| (*s, tokenize(text, s.start, s.end)))
        .collect();
    let token_lists: Vec<Vec<Token>> = sentences.iter().map(|(_, t)| t.clone()).collect();
    let ctx = Context::of(&article.file, &token_lists, text, article.published);
    let mut x = Extraction {
        article,
        ctx,
        facts: Facts::default(),
        event: None,
        event_date: None,
        holders: HashMap::new(),
    };
    x.add_article();
    x.add_events(&sentences);
    for (span, tokens) in &sentences {
        x.add_places(*span, tokens);
        x.add_people(*span, tokens);
        x.add_items(*span, tokens);
    }
    x.add_mentions();
    x.facts
}

struct Extraction<'a> {
    article: &'a Article,
    ctx: Context,
    facts: Facts,
    /// The meeting or congress the article reports.
    event: Option<usize>,
    event_date: Option<Date>,
    /// (title, body key) → person, for "đồng chí Bí thư Quận ủy" later in the text.
    holders: HashMap<(String, String), usize>,
}

impl Extraction<'_> {
    fn whole(&self) -> Span {
        Span {
            start: 0,
            end: self.article.text.len(),
        }
    }

    fn add_article(&mut self) {
        let a = self.article;
        let name = a.headline_text().unwrap_or(&a.file).trim().to_string();
        let p = props([
            ("file", a.file.as_str().into()),
            ("published", a.published_iso().into()),
            ("category", a.category.clone().into()),
            ("byline", a.byline.clone().into()),
            ("views", a.views.map(|v| v as i64).into()),
        ]);
        let key = format!("{} @{}", fold(&name), a.file);
        self.facts
            .entity(Label::Article, &name, &key, p, self.whole());
    }

    // ------------------------------------------------------------------ bodies and places

    fn body(&mut self, r: &Resolved, span: Span) -> usize {
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
        let id = self.facts.entity(r.label, &r.name, &r.key, p, span);
        if let Some(place) = r.place.clone()
            && let Some(pid) = self.place(&place, span)
        {
            self.facts
                .relate(Rel::In, id, pid, Default::default(), span);
        }
        id
    }

    /// A Province, District or Commune node, with its IN edge to the unit above it.
    fn place(&mut self, p: &Place, span: Span) -> Option<usize> {
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
        let key = match p.key() {
            Some(k) => k,
            None => format!("{} @{}", fold(&p.name), self.ctx.file),
        };
        let props = props([("kind", p.kind.as_str().into())]);
        let id = self.facts.entity(label, &p.name, &key, props, span);
        let above = match (&p.district, &p.province) {
            (Some(d), Some(prov)) if label == Label::Commune => Place::district_in(d, prov),
            (_, Some(prov)) => Place::province(prov),
            _ => None,
        };
        if let Some(above) = above
            && let Some(aid) = self.place(&above, span)
        {
            self.facts
                .relate(Rel::In, id, aid, Default::default(), span);
        }
        Some(id)
    }

    fn add_places(&mut self, span: Span, tokens: &[Token]) {
        for i in 0..tokens.len() {
            if let Some((p, _)) = level_place(tokens, i) {
                if p.level == Level::Ward && in_hometown(tokens, i) {
                    continue; // a home town's commune is biography, not a fact of the article
                }
                self.place(&p, span);
            }
        }
    }

    // ------------------------------------------------------------------ events

    fn add_events(&mut self, sentences: &[(Span, Vec<Token>)]) {
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

    fn report(&mut self, id: usize, span: Span) {
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

    fn add_congress(&mut self, span: Span, c: &CongressRef) -> usize {
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
            super::lexicon::to_roman(c.ordinal)
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

    /// The first date of a sentence, its year completed from the article.
    fn date_in(&self, tokens: &[Token]) -> Option<Date> {
        let (a, b) = (tokens.first()?, tokens.last()?);
        let s = &self.article.text[a.start..b.end];
        let c = DATE_RE.captures(s)?;
        let num = |k: usize| c.get(k).and_then(|m| m.as_str().parse::<u32>().ok());
        let (d, m) = (num(1).or(num(4))?, num(2).or(num(5))?);
        match num(3).or(num(6)) {
            Some(y) => Date::new(y as i32, m, d),
            None => complete_year(m, d, self.ctx.reference?),
        }
    }

    // ------------------------------------------------------------------ people

    fn add_people(&mut self, span: Span, tokens: &[Token]) {
        for m in scan(tokens) {
            let person = match &m.name {
                Some(name) => Some(self.facts.entity(
                    Label::Person,
                    name,
                    &fold(name),
                    Default::default(),
                    span,
                )),
                None => m.titles.iter().find_map(|t| {
                    let body = t.body.as_ref().map(|b| self.ctx.resolve(b))?;
                    self.holders.get(&(t.title.clone(), body.key)).copied()
                }),
            };
            let Some(pid) = person else { continue };
            if m.name.is_some() {
                self.add_holds(pid, &m.titles, span);
            }
            let Some(event) = self.event else { continue };
            for (rel, kind) in &m.roles {
                let p = match rel {
                    Rel::Spoke => props([("kind", (*kind).into())]),
                    Rel::Presented => {
                        props([("item", m.item.map(|(a, b)| self.words(tokens, a, b)).into())])
                    }
                    _ => Default::default(),
                };
                self.facts.relate(*rel, pid, event, p, span);
            }
        }
    }

    fn add_holds(&mut self, pid: usize, titles: &[super::titles::TitleRef], span: Span) {
        let as_of = self
            .event_date
            .or(self.article.published)
            .map(|d| d.to_string());
        for (k, t) in titles.iter().enumerate().filter(|(_, t)| !t.former) {
            let body = match (&t.body, t.own_committee) {
                (Some(b), _) => b.clone(),
                (None, true) => match self.ctx.standing_committee(titles, k) {
                    Some(b) => b,
                    None => continue,
                },
                (None, false) => continue,
            };
            let r = self.ctx.resolve(&body);
            let bid = self.body(&r, span);
            self.holders.insert((t.title.clone(), r.key.clone()), pid);
            let p = props([
                ("title", t.title.as_str().into()),
                ("as_of", as_of.clone().into()),
            ]);
            self.facts.relate(Rel::Holds, pid, bid, p, span);
        }
    }

    fn words(&self, tokens: &[Token], a: usize, b: usize) -> String {
        self.article.text[tokens[a].start..tokens[b - 1].end].to_string()
    }

    // ------------------------------------------------------------------ items

    fn add_items(&mut self, span: Span, tokens: &[Token]) {
        let text = &self.article.text;
        let mut found: Vec<(usize, usize)> = Vec::new(); // (byte position, entity)
        for d in documents(text, span.start, span.end, tokens) {
            let id = self.add_document(&d, span);
            found.push((d.start, id));
        }
        for p in programmes(text, tokens) {
            let id = self.add_programme(&p, span);
            found.push((tokens[p.start].start, id));
        }
        for e in elections(text, span.start, span.end) {
            let (name, term_prop) = match e.body {
                "Quốc hội" => (
                    format!(
                        "Bầu cử đại biểu Quốc hội khóa {}",
                        e.term.clone().unwrap_or_default()
                    ),
                    "term",
                ),
                _ => (
                    format!(
                        "Bầu cử đại biểu HĐND các cấp nhiệm kỳ {}",
                        e.period.clone().unwrap_or_default()
                    ),
                    "term_period",
                ),
            };
            let value = e.term.clone().or(e.period.clone());
            let p = props([("body", e.body.into()), (term_prop, value.into())]);
            let id = self
                .facts
                .entity(Label::Election, &name, &fold(&name), p, span);
            found.push((e.start, id));
        }
        for c in congresses(tokens) {
            let id = self.add_congress(span, &c);
            found.push((tokens[c.at].start, id));
        }
        self.link_to_event(span, tokens, &found);
    }

    fn add_document(&mut self, d: &super::items::DocumentRef, span: Span) -> usize {
        let name = match &d.code {
            Some(code) => format!("{} số {}-{}", d.kind, d.number, code),
            None => format!("{} {}", d.kind, d.number),
        };
        let issuer = d.issuer.as_ref().map(|b| self.ctx.resolve(b));
        let base = fold(&format!("{} {}", d.kind, d.number));
        let key = match (&issuer, &d.code) {
            (Some(r), _) => format!("{base} | {}", r.key),
            (None, Some(code)) if code.ends_with("TW") => format!("{base} | {}", fold(code)),
            _ => format!("{base} @{}", self.ctx.file),
        };
        let key = self.document_key(&base, key);
        let p = props([
            ("kind", d.kind.into()),
            ("number", d.number.as_str().into()),
            ("code", d.code.clone().into()),
        ]);
        let id = self.facts.entity(Label::Document, &name, &key, p, span);
        if let Some(r) = issuer {
            let bid = self.body(&r, span);
            self.facts
                .relate(Rel::IssuedBy, id, bid, Default::default(), span);
        }
        id
    }

    /// One document written two ways in one article ("Nghị quyết 15", "Nghị quyết số
    /// 15-NQ/TU của Thành ủy") is one node: reuse the key already given to it here.
    fn document_key(&self, base: &str, key: String) -> String {
        let same = |e: &&super::facts::Entity| {
            e.label == Label::Document && e.key.starts_with(&format!("{base} "))
        };
        match self.facts.entities.iter().find(same) {
            Some(e) if key.ends_with(&format!("@{}", self.ctx.file)) => e.key.clone(),
            _ => key,
        }
    }

    fn add_programme(&mut self, p: &super::items::ProgrammeRef, span: Span) -> usize {
        let words: Vec<String> = fold(&p.name)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let existing =
            self.facts.entities.iter().position(|e| {
                e.label == Label::Programme && jaccard(&words, &fold(&e.name)) >= 0.5
            });
        let key = match existing {
            Some(i) => self.facts.entities[i].key.clone(),
            None => format!("{} @{}", fold(&p.name), self.ctx.file),
        };
        let name = existing.map_or(p.name.clone(), |i| self.facts.entities[i].name.clone());
        let pr = props([
            ("count", p.count.map(i64::from).into()),
            ("period", p.period.clone().into()),
        ]);
        let id = self.facts.entity(Label::Programme, &name, &key, pr, span);
        if let Some(r) = p.issuer.as_ref().map(|b| self.ctx.resolve(b)) {
            let bid = self.body(&r, span);
            self.facts
                .relate(Rel::IssuedBy, id, bid, Default::default(), span);
        }
        id
    }

    /// "thảo luận …", "thông qua …": the items after the verb, in a sentence about the
    /// event, are what the event discussed or adopted.
    fn link_to_event(&mut self, span: Span, tokens: &[Token], found: &[(usize, usize)]) {
        let Some(event) = self.event else { return };
        let lc: Vec<&str> = tokens.iter().map(|t| t.lc.as_str()).collect();
        let about_event = lc.windows(2).any(|w| {
            matches!(
                w,
                ["hội", "nghị"] | ["đại", "biểu"] | ["ban", "chấp"] | ["đại", "hội"]
            )
        }) || lc.contains(&"bch");
        if !about_event {
            return;
        }
        let mut cues: Vec<(usize, Rel)> = Vec::new();
        for (i, w) in lc.windows(2).enumerate() {
            let rel = match w {
                ["thảo", "luận"]
                | ["cho", "ý"]
                | ["đánh", "giá"]
                | ["góp", "ý"]
                | ["xem", "xét"]
                | ["đóng", "góp"] => Rel::Discussed,
                ["thông", "qua"]
                | ["nhất", "trí"]
                | ["ban", "hành"]
                | ["thống", "nhất"]
                | ["biểu", "quyết"] => Rel::Adopted,
                _ => continue,
            };
            cues.push((tokens[i].start, rel));
        }
        for &(at, id) in found {
            if id == event || self.facts.entities[id].label == Label::Meeting {
                continue;
            }
            if let Some((_, rel)) = cues.iter().rev().find(|(c, _)| *c < at) {
                self.facts.relate(*rel, event, id, Default::default(), span);
            }
        }
    }

    // ------------------------------------------------------------------ mentions

    fn add_mentions(&mut self) {
        for id in 1..self.facts.entities.len() {
            let spans = self.facts.entities[id].evidence.clone();
            for s in spans {
                self.facts
                    .relate(Rel::Mentions, 0, id, Default::default(), s);
            }
        }
    }
}

/// "ngày 5/9", "Sáng 5/9", "chiều ngày 5 tháng 9 năm 2023": a day, or a part of the day,
/// before the date.
static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    const DAY: &str = r"\b(?:(?:sáng|trưa|chiều|tối|đêm)\s+(?:ngày\s+)?|ngày\s+)";
    Regex::new(&format!(
        r"(?i){DAY}(\d{{1,2}})\s*[/\-.]\s*(\d{{1,2}})(?:\s*[/\-.]\s*(\d{{4}}))?|{DAY}(\d{{1,2}})\s+tháng\s+(\d{{1,2}})(?:\s+năm\s+(\d{{4}}))?"
    ))
    .expect("static regex")
});

/// The committee that is the subject of "… tổ chức hội nghị": the first party committee
/// named in the sentence.
fn subject_committee(tokens: &[Token]) -> Option<super::bodies::BodyRef> {
    (0..tokens.len()).find_map(|i| {
        super::bodies::parse_body(tokens, i)
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
            let Some((b, _)) = super::bodies::parse_body(tokens, i) else {
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

fn jaccard(a: &[String], b: &str) -> f64 {
    let sa: std::collections::HashSet<&str> = a.iter().map(String::as_str).collect();
    let sb: std::collections::HashSet<&str> = b.split_whitespace().collect();
    let union = sa.union(&sb).count();
    if union == 0 {
        0.0
    } else {
        sa.intersection(&sb).count() as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::DATE_RE;

    fn day_month(s: &str) -> Option<(String, String)> {
        let c = DATE_RE.captures(s)?;
        let get = |a: usize, b: usize| c.get(a).or(c.get(b)).map(|m| m.as_str().to_string());
        Some((get(1, 4)?, get(2, 5)?))
    }

    #[test]
    fn dates_after_a_day_or_a_part_of_the_day() {
        let dm = |d: &str, m: &str| Some((d.to_string(), m.to_string()));
        assert_eq!(day_month("Sáng 5/9, Huyện ủy họp"), dm("5", "9"));
        assert_eq!(day_month("Chiều ngày 18/7/2022, Quận ủy"), dm("18", "7"));
        assert_eq!(day_month("tối ngày 3 tháng 2 năm 2021"), dm("3", "2"));
        assert_eq!(day_month("kết quả 5/9 chỉ tiêu"), None);
        assert_eq!(day_month("buổi sáng 5 tổ"), None);
    }
}
