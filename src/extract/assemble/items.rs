//! Documents, programmes and elections, and what the event did with them.

use super::Extraction;
use crate::extract::facts::props;
use crate::extract::items::{DocumentRef, ProgrammeRef, documents, elections, programmes};
use crate::extract::tokens::Token;
use crate::keys::{DocumentKey, Owner, ProgrammeKey};
use crate::schema::{Label, Rel};
use crate::text::{Span, fold};

impl Extraction<'_> {
    pub(super) fn add_items(&mut self, span: Span, tokens: &[Token]) {
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
        for &(sentence, at, id) in &self.congress_ids {
            if sentence == span.start {
                found.push((at, id));
            }
        }
        self.link_to_event(span, tokens, &found);
    }

    fn add_document(&mut self, d: &DocumentRef, span: Span) -> usize {
        let name = match &d.code {
            Some(code) => format!("{} số {}-{}", d.kind, d.number, code),
            None => format!("{} {}", d.kind, d.number),
        };
        let issuer = d.issuer.as_ref().map(|b| self.resolve(b));
        let base = fold(&format!("{} {}", d.kind, d.number));
        // across articles a number alone never merges: the issuer (or a central code)
        // must say whose document it is, and the year, when given, which one
        let owner = match (&issuer, &d.code) {
            (Some(r), _) if !r.key.is_scoped() => Owner::Issuer(r.key.clone()),
            (None, Some(code)) if code.ends_with("TW") => Owner::Code(fold(code)),
            _ => Owner::Article(self.ctx.file.clone()),
        };
        let key = self.document_key(&base, DocumentKey::new(&base, d.year, owner));
        let p = props([
            ("kind", d.kind.into()),
            ("number", d.number.as_str().into()),
            ("code", d.code.clone().into()),
        ]);
        let id = self.facts.entity(Label::Document, &name, &key, p, span);
        if let Some(r) = issuer {
            self.link_body(&r, Rel::IssuedBy, id, span);
        }
        id
    }

    /// One document written two ways in one article ("Nghị quyết 15", "Nghị quyết số
    /// 15-NQ/TU của Thành ủy") is one node: reuse the key already given to it here.
    fn document_key(&mut self, base: &str, key: DocumentKey) -> String {
        let first = self
            .document_keys
            .entry(base.to_string())
            .or_insert_with(|| key.to_string());
        if key.is_scoped() {
            first.clone()
        } else {
            key.to_string()
        }
    }

    fn add_programme(&mut self, p: &ProgrammeRef, span: Span) -> usize {
        let folded = fold(&p.name);
        let words = word_set(&folded);
        let existing =
            self.facts.entities.iter().position(|e| {
                e.label == Label::Programme && jaccard(&words, &fold(&e.name)) >= 0.5
            });
        let issuer = p.issuer.as_ref().map(|b| self.resolve(b));
        // one issuer's programme of one name is one programme in every article
        let key = match (existing, &issuer) {
            (Some(i), _) => self.facts.entities[i].key.clone(),
            (None, r) => ProgrammeKey::new(
                &fold(&p.name),
                Owner::of(r.as_ref().map(|r| &r.key), &self.ctx.file),
            )
            .to_string(),
        };
        let name = existing.map_or(p.name.clone(), |i| self.facts.entities[i].name.clone());
        let pr = props([
            ("count", p.count.map(i64::from).into()),
            ("period", p.period.clone().into()),
        ]);
        let id = self.facts.entity(Label::Programme, &name, &key, pr, span);
        if let Some(r) = issuer {
            self.link_body(&r, Rel::IssuedBy, id, span);
        }
        id
    }

    /// "thảo luận …", "thông qua …": the items after the verb, in a sentence about the
    /// event, are what the event discussed or adopted.
    fn link_to_event(&mut self, span: Span, tokens: &[Token], found: &[(usize, usize)]) {
        let Some(event) = self.event else { return };
        if found.is_empty() {
            return; // most sentences name no item
        }
        let lc: Vec<&str> = tokens.iter().map(|t| t.lc.as_ref()).collect();
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
            let Some(&(cue_at, rel)) = cues.iter().rev().find(|(c, _)| *c < at) else {
                continue;
            };
            // "thông qua Kế hoạch thực hiện Nghị quyết 26": the plan is adopted, the
            // resolution it carries out is only cited
            let between = fold(&self.article.text[cue_at..at]);
            let cited = [
                "thuc hien",
                "theo ",
                "can cu",
                "trien khai",
                "quan triet",
                "cua ",
            ]
            .iter()
            .any(|w| between.contains(w));
            if rel == Rel::Adopted && cited {
                continue;
            }
            self.facts.relate(rel, event, id, Default::default(), span);
        }
    }
}

/// The distinct words of `s`, sorted.
fn word_set(s: &str) -> Vec<&str> {
    let mut words: Vec<&str> = s.split_whitespace().collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The Jaccard similarity of the word set `a` ([`word_set`]) and the words of `b`: the
/// words both have over the words either has; 0 when neither has any.
fn jaccard(a: &[&str], b: &str) -> f64 {
    let b = word_set(b);
    let (mut i, mut j, mut both) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_is_shared_words_over_all_words_of_either() {
        let set = |a: &str, b: &str| {
            let sa: std::collections::HashSet<&str> = a.split_whitespace().collect();
            let sb: std::collections::HashSet<&str> = b.split_whitespace().collect();
            let union = sa.union(&sb).count();
            (union > 0).then(|| sa.intersection(&sb).count() as f64 / union as f64)
        };
        for (a, b) in [
            (
                "chuong trinh so 5 ve xay dung dang",
                "chuong trinh xay dung dang",
            ),
            ("a a b", "b b c c"),
            ("x y", "z"),
            ("", "a b"),
            ("", ""),
            ("cai cach hanh chinh", "cai cach hanh chinh"),
        ] {
            let got = jaccard(&word_set(a), b);
            assert_eq!(got, set(a, b).unwrap_or(0.0), "{a} / {b}");
        }
        assert_eq!(jaccard(&word_set("a b c d"), "c d e f"), 2.0 / 6.0);
    }
}
