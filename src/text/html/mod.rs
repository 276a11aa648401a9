//! Articles saved as web pages: the page is parsed with a real HTML parser (html5ever,
//! through `scraper`), the article's own text is kept, and the page's furniture (menus,
//! sidebars, scripts, related-article lists, footers) is dropped. The title and the
//! publication date come from the page's meta tags when it has them.

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

use super::date::Date;

mod meta;

use meta::{meta, published};

/// What a page gives an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The headline: the article's `h1`, else `og:title`, else `<title>`.
    pub title: Option<String>,
    /// The publication date and time from the meta tags (`article:published_time`,
    /// `datePublished`, `pubdate`, …).
    pub published: Option<(Date, Option<(u8, u8)>)>,
    /// The portal's section: `article:section`, else the last step of the breadcrumbs.
    pub category: Option<String>,
    /// The article's text, one paragraph a line.
    pub text: String,
}

/// Whether `text` is an HTML page (or a fragment of one) rather than plain text: it opens
/// with a tag, and a document tag or a closing block tag follows soon.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start();
    if !head.starts_with('<') {
        return false;
    }
    let mut end = head.len().min(4096);
    while !head.is_char_boundary(end) {
        end -= 1;
    }
    let head = head[..end].to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "</p>",
        "</div>",
    ]
    .iter()
    .any(|t| head.contains(t))
}

/// Elements that are never the article's text.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "header", "footer", "form",
    "iframe", "svg", "button", "select", "input", "object", "embed", "menu", "textarea", "dialog",
];

/// Whether an element is hidden from the reader: the `hidden` attribute, `aria-hidden`,
/// or an inline style that hides it. A page's hidden text (old drafts, keyword lists for
/// search engines) is not the article.
fn is_hidden(e: &scraper::node::Element) -> bool {
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    let style: String = e
        .attr("style")
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// Words of a class or id ("main-nav", "box_share") that mark page furniture.
const FURNITURE_WORDS: &[&str] = &[
    "menu",
    "nav",
    "navbar",
    "share",
    "tags",
    "print",
    "search",
    "login",
    "header",
    "footer",
    "toolbar",
    "breadcrumbs",
    "sidebar",
    "aside",
    "ads",
];

/// Parts of a class or id, with its dashes and underscores taken out ("tin-lien-quan"),
/// that mark page furniture.
const FURNITURE_PARTS: &[&str] = &[
    "related",
    "lienquan",
    "tinkhac",
    "othernews",
    "cungchuyenmuc",
    "xemthem",
    "docnhieu",
    "breadcrumb",
    "sidebar",
    "quangcao",
    "advert",
    "comment",
    "binhluan",
    "social",
    "banner",
    "widget",
];

/// Elements that end a line of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "blockquote",
    "figcaption",
    "figure",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
    "hr",
    "pre",
    "address",
    "td",
];

/// Container tags counted by [`nesting_depth`].
const CONTAINERS: &[&str] = &[
    "div",
    "section",
    "article",
    "span",
    "table",
    "ul",
    "ol",
    "blockquote",
    "font",
    "b",
    "i",
    "em",
    "strong",
    "u",
    "main",
    "center",
];

/// How deep a page's container tags nest, counted from its tags without parsing it. The
/// HTML parsing algorithm looks through the open elements at each tag, so a page nested
/// n levels deep costs n² steps; [`read`] refuses pages nested deeper than
/// [`MAX_DEPTH`], which no article page comes near.
pub fn nesting_depth(html: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for tag in html.split('<').skip(1) {
        let (closing, tag) = match tag.strip_prefix('/') {
            Some(t) => (true, t),
            None => (false, tag),
        };
        let name_end = tag
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        if !CONTAINERS.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !tag.split('>').next().unwrap_or("").ends_with('/') {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// The deepest nesting [`read`] takes (see [`nesting_depth`]).
pub const MAX_DEPTH: usize = 2000;

/// Reads a page.
pub fn read(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let root = doc.root_element();
    let counts = Counts::of(root);
    let body = main_block(root, &counts);
    // The article's own h1, else one outside the furniture (not the site's logo).
    let h1 = body.and_then(|b| first(b, "h1")).or_else(|| {
        let h1 = selector("h1")?;
        root.select(&h1).find(|h| {
            !h.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| is_furniture(a, &counts))
        })
    });
    let title = h1
        .map(text_of)
        .or_else(|| meta(&doc, &["og:title"]))
        .or_else(|| first(root, "title").map(text_of))
        .filter(|t| !t.is_empty());
    let mut lines = body.map_or_else(Vec::new, |b| render(b, &counts));
    // The h1 is the title; a line that repeats it is not text.
    lines.retain(|l| Some(l) != title.as_ref());
    Page {
        published: published(&doc),
        category: meta(&doc, &["article:section"]).or_else(|| meta::breadcrumb(root)),
        title,
        text: lines.join("\n"),
    }
}

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

fn first<'a>(el: ElementRef<'a>, css: &str) -> Option<ElementRef<'a>> {
    el.select(&selector(css)?).next()
}

/// An element's text, white space collapsed.
fn text_of(el: ElementRef<'_>) -> String {
    collapse(&el.text().collect::<String>())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters of text under each element, how many of them are in links, and how many
/// links there are: counted once, bottom up, so that judging every element of a large or
/// deeply nested page stays linear.
#[derive(Default)]
struct Counts(std::collections::HashMap<NodeId, Count>);

#[derive(Default, Clone, Copy)]
struct Count {
    text: usize,
    linked: usize,
    links: usize,
}

impl Counts {
    fn of(root: ElementRef<'_>) -> Counts {
        let nodes: Vec<_> = root.descendants().collect();
        let mut map: std::collections::HashMap<NodeId, Count> = Default::default();
        // Reverse document order visits every child before its parent.
        for node in nodes.iter().rev() {
            let mut c = map.get(&node.id()).copied().unwrap_or_default();
            match node.value() {
                Node::Text(t) => c.text = t.trim().chars().count(),
                Node::Element(e) if e.name() == "a" => {
                    c.linked = c.text;
                    c.links += 1;
                }
                _ => {}
            }
            map.insert(node.id(), c);
            if let Some(parent) = node.parent() {
                let p = map.entry(parent.id()).or_default();
                p.text += c.text;
                p.linked += c.linked;
                p.links += c.links;
            }
        }
        Counts(map)
    }

    fn get(&self, el: ElementRef<'_>) -> Count {
        self.0.get(&el.id()).copied().unwrap_or_default()
    }
}

/// Whether an element is furniture by its tag, class or id, or is mostly links (a menu or
/// a list of other articles).
fn is_furniture(el: ElementRef<'_>, counts: &Counts) -> bool {
    let e = el.value();
    if DROPPED_TAGS.contains(&e.name()) || is_hidden(e) {
        return true;
    }
    let names = format!("{} {}", e.attr("class").unwrap_or(""), e.id().unwrap_or(""));
    let names = names.to_ascii_lowercase();
    let marked = names.split_whitespace().any(|name| {
        let squashed: String = name.chars().filter(|c| !matches!(c, '-' | '_')).collect();
        name.split(['-', '_']).any(|w| FURNITURE_WORDS.contains(&w))
            || FURNITURE_PARTS.iter().any(|p| squashed.contains(p))
    });
    let c = counts.get(el);
    // Two links or more, and links make most of the text.
    let link_heavy = c.links >= 2 && c.text > 0 && c.linked * 10 >= c.text * 6;
    marked || (matches!(e.name(), "ul" | "ol" | "div" | "section" | "table") && link_heavy)
}

/// The element holding the article: the one whose own paragraphs hold the most text,
/// outside any furniture. Pages mark it in many ways (`article`, `itemprop=articleBody`,
/// `div.detail-content`, …); counting paragraphs finds it whatever the markup.
fn main_block<'a>(root: ElementRef<'a>, counts: &Counts) -> Option<ElementRef<'a>> {
    let mut best: Option<(usize, ElementRef<'a>)> = None;
    let mut stack = vec![root];
    while let Some(el) = stack.pop() {
        if is_furniture(el, counts) {
            continue;
        }
        let own: usize = el
            .child_elements()
            .filter(|c| matches!(c.value().name(), "p" | "h2" | "h3" | "blockquote"))
            .filter(|c| !is_furniture(*c, counts))
            .map(|c| counts.get(c).text)
            .sum();
        if own > 0 && best.is_none_or(|(n, _)| own > n) {
            best = Some((own, el));
        }
        stack.extend(el.child_elements());
    }
    best.map(|(_, el)| el).or_else(|| first(root, "body"))
}

/// The text under `el`, a line for each block element. Iterative, so that a page nested
/// thousands of levels deep cannot overflow the stack.
fn render(el: ElementRef<'_>, counts: &Counts) -> Vec<String> {
    enum Step<'a> {
        Enter(ego_tree::NodeRef<'a, Node>),
        EndBlock,
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut stack: Vec<Step<'_>> = el.children().rev().map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::EndBlock => {
                end_line(&mut line, &mut lines);
                continue;
            }
            Step::Enter(node) => node,
        };
        match node.value() {
            Node::Text(t) => line.push_str(t),
            Node::Element(e) => {
                let Some(c) = ElementRef::wrap(node).filter(|c| !is_furniture(*c, counts)) else {
                    continue;
                };
                if BLOCK_TAGS.contains(&e.name()) {
                    end_line(&mut line, &mut lines);
                    stack.push(Step::EndBlock);
                }
                stack.extend(c.children().rev().map(Step::Enter));
            }
            _ => {}
        }
    }
    end_line(&mut line, &mut lines);
    lines
}

fn end_line(line: &mut String, lines: &mut Vec<String>) {
    let joined = collapse(line);
    if !joined.is_empty() {
        lines.push(joined);
    }
    line.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Hội nghị sơ kết quý I - Cổng thông tin điện tử huyện</title>
<meta property="og:title" content="Hội nghị sơ kết quý I">
<meta property="article:published_time" content="2023-04-05T08:30:00+07:00">
<style>p { color: red }</style>
<script>var p = "<p>không phải bài</p>";</script>
</head><body>
<header><div class="logo">Cổng thông tin</div></header>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tt">Tin tức</a></li></ul></nav>
<div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/cd">Chỉ đạo điều hành</a></div>
<div class="main">
  <div class="detail">
    <h1>Hội nghị sơ kết quý I</h1>
    <p>Sáng 5/4, Ủy ban nhân dân huyện tổ chức hội nghị sơ kết công tác quý I.</p>
    <p>Đồng chí Bí thư Huyện ủy <b>phát biểu</b> chỉ đạo hội nghị.</p>
    <div class="share"><a href="#">Facebook</a> <a href="#">Zalo</a></div>
    <div class="tin-lien-quan"><h3>Tin liên quan</h3>
      <ul><li><a href="/1">Hội nghị khác</a></li><li><a href="/2">Tin cũ</a></li></ul></div>
  </div>
  <aside><p>Liên kết website</p><p>Thời tiết hôm nay</p></aside>
</div>
<footer><p>Bản quyền thuộc về Ủy ban nhân dân huyện</p></footer>
</body></html>"##;

    #[test]
    fn keeps_the_article_and_drops_the_furniture() {
        let page = read(PAGE);
        assert_eq!(page.title.as_deref(), Some("Hội nghị sơ kết quý I"));
        assert_eq!(
            page.text,
            "Sáng 5/4, Ủy ban nhân dân huyện tổ chức hội nghị sơ kết công tác quý I.\n\
             Đồng chí Bí thư Huyện ủy phát biểu chỉ đạo hội nghị."
        );
        assert_eq!(
            page.published,
            Some((Date::new(2023, 4, 5).unwrap(), Some((8, 30))))
        );
    }

    #[test]
    fn hidden_text_is_not_the_article() {
        let page = read(
            "<html><body><div class=\"content\"><p>Đồng chí Lò Văn Pả dự hội nghị.</p>\
             <p style=\"display: none\">Đồng chí Hà Văn Ẩn phát biểu.</p>\
             <div hidden><p>Bí thư Huyện ủy Trần Khuất chủ trì.</p></div>\
             <p aria-hidden=\"true\">từ khóa tìm kiếm</p>\
             <textarea>Đồng chí Mai Nháp trình bày.</textarea></div></body></html>",
        );
        assert_eq!(page.text, "Đồng chí Lò Văn Pả dự hội nghị.");
    }

    #[test]
    fn the_title_is_never_the_logo() {
        let page = read(
            "<html><body><header><h1 class=\"logo\">Cổng thông tin</h1></header>\
             <div class=\"title\"><h1>Hội nghị Ban Chấp hành</h1></div>\
             <div class=\"content\"><p>Đồng chí Bí thư dự hội nghị.</p></div></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("Hội nghị Ban Chấp hành"));
    }

    #[test]
    fn recognises_pages_by_their_content() {
        assert!(looks_like_html(PAGE));
        assert!(looks_like_html("\n  <div><p>Tin</p></div>"));
        assert!(!looks_like_html("Tin tức\n<b>không</b> phải trang"));
        assert!(!looks_like_html("<Tin tức> là tên mục"));
    }

    #[test]
    fn nesting_is_counted_from_the_tags() {
        assert_eq!(nesting_depth(PAGE), 4, "div.main > div.detail > div > ul");
        let deep = format!("{}x{}", "<div><b>".repeat(100), "</b></div>".repeat(100));
        assert_eq!(nesting_depth(&deep), 200);
        assert_eq!(nesting_depth("<p>a<br/><span/>b<p>c"), 0);
    }

    #[test]
    fn a_page_without_paragraphs_still_gives_its_body_text() {
        let page =
            read("<html><body><div>Đồng chí Chủ tịch dự hội nghị.<br>Hết.</div></body></html>");
        assert_eq!(page.text, "Đồng chí Chủ tịch dự hội nghị.\nHết.");
        assert_eq!(page.title, None);
    }
}
