//! Persons, their positions (HOLDS) and their roles at the event.

use super::Extraction;
use crate::extract::facts::props;
use crate::extract::persons::scan;
use crate::extract::titles::TitleRef;
use crate::extract::tokens::Token;
use crate::schema::{Label, Rel};
use crate::text::{Span, fold};

impl Extraction<'_> {
    pub(super) fn add_people(&mut self, span: Span, tokens: &[Token]) {
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
                    let body = t.body.as_ref().map(|b| self.resolve(b))?;
                    self.holders
                        .get(&(t.title.clone(), body.key.clone()))
                        .copied()
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

    fn add_holds(&mut self, pid: usize, titles: &[TitleRef], span: Span) {
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
            let r = self.resolve(&body);
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
}
