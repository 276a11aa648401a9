//! One article to facts: runs the rules over every sentence and links what they find.
//!
//! `places` makes the nodes of bodies and places, `events` the meeting or congress the
//! article reports, `people` persons with their positions and roles, `items` documents,
//! programmes and elections and what the event did with them.

mod events;
mod items;
mod people;
mod places;

use std::collections::HashMap;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::bodies::BodyRef;
use super::context::{Context, Resolved};
use super::facts::{Facts, props};
use super::places::{Place, SentencePlaces};
use super::tokens::{Token, tokenize};
use crate::keys::{BodyKey, EventKey};
use crate::schema::{Label, Rel};
use crate::text::{Article, Date, Span, fold};

/// Extracts the facts of one article. Entity 0 is the article itself.
pub fn extract(article: &Article) -> Facts {
    let text = &article.text;
    let sentences: Vec<(Span, Vec<Token>)> = article
        .sentences
        .iter()
        .map(|s| (*s, tokenize(text, s.start, s.end)))
        .collect();
    let token_lists: Vec<&[Token]> = sentences.iter().map(|(_, t)| t.as_slice()).collect();
    let places: Vec<SentencePlaces> = token_lists.iter().map(|t| SentencePlaces::of(t)).collect();
    let ctx = Context::of(
        &article.file,
        &token_lists,
        &places,
        text,
        article.published,
    );
    let mut x = Extraction {
        article,
        ctx,
        facts: Facts::default(),
        event: None,
        event_date: None,
        holders: HashMap::new(),
        congress_ids: Vec::new(),
        document_keys: HashMap::new(),
        place_chains: FxHashMap::default(),
        resolved: FxHashMap::default(),
    };
    x.add_article();
    x.add_events(&sentences);
    for ((span, tokens), read) in sentences.iter().zip(&places) {
        x.add_places(*span, read);
        x.add_people(*span, tokens);
        x.add_items(*span, tokens);
    }
    x.facts.drop_guests_who_chair();
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
    holders: HashMap<(String, BodyKey), usize>,
    /// Congresses found by `add_events`: (sentence start, byte of "Đại hội", entity).
    congress_ids: Vec<(usize, usize, usize)>,
    /// The key first given to a document of each kind and number in this article, so
    /// that "Nghị quyết 15" later reuses the key of "Nghị quyết số 15-NQ/TU của Thành ủy".
    document_keys: HashMap<String, String>,
    /// Each place given to `place`: its node, then the units above it, each IN the next.
    place_chains: FxHashMap<Place, Vec<usize>>,
    /// Each body `resolve` was given, resolved: an article names its bodies again and
    /// again, and the context resolves each the same way every time.
    resolved: FxHashMap<BodyRef, Rc<Resolved>>,
}

impl Extraction<'_> {
    /// The article's context's [`Context::resolve`] of `b`, worked out once.
    fn resolve(&mut self, b: &BodyRef) -> Rc<Resolved> {
        if let Some(r) = self.resolved.get(b) {
            return Rc::clone(r);
        }
        let r = Rc::new(self.ctx.resolve(b));
        self.resolved.insert(b.clone(), Rc::clone(&r));
        r
    }

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
        let key = EventKey::scoped_if(&fold(&name), true, &a.file).to_string();
        self.facts
            .entity(Label::Article, &name, &key, p, self.whole());
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

#[cfg(test)]
mod tests;
