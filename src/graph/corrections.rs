//! Corrections a user knows better than the rules: a plain-text file kept beside the
//! corpus (`corrections.txt`), one decision a line, naming people by name and place:
//!
//! ```text
//! # lines starting with # are comments
//! same: Nguyễn Văn Hùng (Gia Lâm, Hà Nội) = Nguyễn Văn Hùng (Long Biên, Hà Nội)
//! apart: Trần Văn An (Mê Linh, Hà Nội) | Trần Văn An (Sóc Sơn, Hà Nội)
//! split: Lê Văn Bình (Gia Lâm, Hà Nội) in 2019/a.txt, 2019/b.txt
//! ```
//!
//! `same` makes two people one; `apart` keeps two from ever being joined by the rules of
//! [`super::people`]; `split` makes the mentions of one person in those articles another
//! person (two namesakes of one district). The place is what `show` prints for a person: a district or
//! province with its province, `central office`, or the article of a mention without a
//! position. The snapshot keeps the corrections, so every rebuild applies them again.

use serde::{Deserialize, Serialize};

use crate::text::fold::fold;

/// The file `kg build` reads beside a corpus's articles.
pub const FILE: &str = "corrections.txt";

/// One person as a correction names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Named {
    /// The name as written.
    pub name: String,
    /// The place as written.
    pub place: String,
}

impl Named {
    /// Whether a person of folded name `name` anchored at `place` (in words) is this one.
    pub fn is(&self, name: &str, place: &str) -> bool {
        fold(&self.name) == name && fold(&self.place) == fold(place)
    }
}

impl std::fmt::Display for Named {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.name, self.place)
    }
}

/// What a line decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    /// One person.
    Same,
    /// Never joined.
    Apart,
    /// The mentions in some articles are another person.
    Split,
}

/// One line of a corrections file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Correction {
    /// Where it was written: `FILE:LINE`.
    pub at: String,
    /// What it decides.
    pub decision: Decision,
    /// The first person.
    pub a: Named,
    /// The second (for `split`, the first again).
    pub b: Named,
    /// For `split`: the articles whose mentions are another person.
    pub articles: Vec<String>,
}

/// Reads a corrections file; `path` names it in `at` and in errors. An error names the
/// line and says what a line looks like.
pub fn parse(text: &str, path: &str) -> Result<Vec<Correction>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let at = format!("{path}:{}", n + 1);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || {
            format!(
                "{at}: expected `same: NAME (PLACE) = NAME (PLACE)`, `apart: NAME (PLACE) | NAME (PLACE)` or `split: NAME (PLACE) in FILE, …`, found `{line}`"
            )
        };
        if let Some(r) = line.strip_prefix("split:") {
            let (who, files) = r.rsplit_once(" in ").ok_or_else(bad)?;
            let a = named(who).ok_or_else(bad)?;
            let articles: Vec<String> = files
                .split(',')
                .map(|f| f.trim().to_string())
                .filter(|f| !f.is_empty())
                .collect();
            if articles.is_empty() {
                return Err(bad());
            }
            out.push(Correction {
                at,
                decision: Decision::Split,
                b: a.clone(),
                a,
                articles,
            });
            continue;
        }
        let (decision, rest, sep) = if let Some(r) = line.strip_prefix("same:") {
            (Decision::Same, r, '=')
        } else if let Some(r) = line.strip_prefix("apart:") {
            (Decision::Apart, r, '|')
        } else {
            return Err(bad());
        };
        let (a, b) = rest.split_once(sep).ok_or_else(bad)?;
        let (Some(a), Some(b)) = (named(a), named(b)) else {
            return Err(bad());
        };
        out.push(Correction {
            at,
            decision,
            a,
            b,
            articles: Vec::new(),
        });
    }
    Ok(out)
}

/// "Nguyễn Văn Hùng (Gia Lâm, Hà Nội)".
fn named(s: &str) -> Option<Named> {
    let s = s.trim();
    let open = s.find('(')?;
    let place = s[open + 1..].strip_suffix(')')?.trim();
    let name = s[..open].trim();
    (!name.is_empty() && !place.is_empty()).then(|| Named {
        name: name.to_string(),
        place: place.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_and_bad_ones_named() {
        let text = "# people I know\n\nsame: Lê Văn An (Gia Lâm, Hà Nội) = Lê Văn An (Long Biên, Hà Nội)\napart: Trần Bình (Mê Linh, Hà Nội) | Trần Bình (central office)\n";
        let c = parse(text, "c.txt").unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].at, "c.txt:3");
        assert_eq!(c[0].decision, Decision::Same);
        assert_eq!(c[0].b.to_string(), "Lê Văn An (Long Biên, Hà Nội)");
        assert!(c[1].b.is("tran binh", "Central Office"));
        let err = parse("same: Lê Văn An = Lê Văn An (Hà Nội)\n", "c.txt").unwrap_err();
        assert!(
            err.starts_with("c.txt:1: expected `same: NAME (PLACE)"),
            "{err}"
        );
        assert!(parse("merge: a (b) = c (d)", "c.txt").is_err());
        let split = parse(
            "split: Lê Văn An (Gia Lâm, Hà Nội) in a/x.txt, b.txt\n",
            "c.txt",
        )
        .unwrap();
        assert_eq!(split[0].decision, Decision::Split);
        assert_eq!(split[0].articles, ["a/x.txt", "b.txt"]);
        assert!(parse("split: Lê Văn An (Gia Lâm, Hà Nội) in \n", "c.txt").is_err());
    }
}
