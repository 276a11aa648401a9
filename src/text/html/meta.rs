//! What a page says about itself: its meta tags, and its publication date wherever the
//! page puts it.

use std::sync::LazyLock;

use regex::Regex;
use scraper::Html;

use super::{selector, text_of};
use crate::text::date::Date;

/// The `content` of the first meta tag with one of these `property`, `name` or `itemprop`
/// values.
pub(super) fn meta(doc: &Html, keys: &[&str]) -> Option<String> {
    let sel = selector("meta")?;
    doc.select(&sel).find_map(|m| {
        let e = m.value();
        let key = e
            .attr("property")
            .or_else(|| e.attr("name"))
            .or_else(|| e.attr("itemprop"))?;
        keys.iter()
            .any(|k| key.eq_ignore_ascii_case(k))
            .then(|| e.attr("content"))
            .flatten()
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
    })
}

/// Meta tags that carry a publication date, most specific first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "date",
    "og:published_time",
];

/// The publication date from the meta tags, else a `time` element's `datetime`, else the
/// text of an element whose class says it holds the date ("post-date", "ngay-dang").
pub(super) fn published(doc: &Html) -> Option<(Date, Option<(u8, u8)>)> {
    let from_time = || {
        let sel = selector("time[datetime], [itemprop=datePublished]")?;
        doc.select(&sel).find_map(|t| {
            let e = t.value();
            e.attr("datetime")
                .or_else(|| e.attr("content"))
                .and_then(parse_date)
        })
    };
    let from_text = || {
        let sel = selector("[class*=date i], [class*=ngay i], [id*=date i], time")?;
        doc.select(&sel).find_map(|el| parse_date(&text_of(el)))
    };
    meta(doc, DATE_KEYS)
        .and_then(|d| parse_date(&d))
        .or_else(from_time)
        .or_else(from_text)
}

static ISO_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?").expect("static regex")
});

static VN_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:\D{1,4}(\d{1,2}):(\d{2}))?").expect("static regex")
});

/// `2022-03-14T09:15:00+07:00`, `2022-03-14` or `14/03/2022 09:15`.
fn parse_date(s: &str) -> Option<(Date, Option<(u8, u8)>)> {
    let (c, (y, m, d)) = match ISO_RE.captures(s) {
        Some(c) => (c, (1, 2, 3)),
        None => (VN_RE.captures(s)?, (3, 2, 1)),
    };
    let num = |k: usize| c.get(k).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = Date::new(num(y)? as i32, num(m)?, num(d)?)?;
    let time = match (num(4), num(5)) {
        (Some(h), Some(mi)) if h < 24 && mi < 60 => Some((h as u8, mi as u8)),
        _ => None,
    };
    Some((date, time))
}

/// The last step of the page's breadcrumbs ("Trang chủ / Tin tức / Hoạt động Đảng"), the
/// section the article is filed in.
pub(super) fn breadcrumb(root: scraper::ElementRef<'_>) -> Option<String> {
    let trail = selector("[class*=breadcrumb i], [id*=breadcrumb i]")?;
    let steps = selector("a, li, span")?;
    let el = root.select(&trail).next()?;
    const HOME: [&str; 4] = ["trang chu", "trang nhat", "home", "trang chinh"];
    el.select(&steps)
        .map(text_of)
        .filter(|s| !s.is_empty() && s.chars().count() <= 60)
        .filter(|s| !HOME.contains(&crate::text::fold(s).as_str()))
        .last()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_in_the_text_of_a_dated_element() {
        let page = super::super::read(
            "<html><body><div class=\"news-date\">Thứ Hai, 14/03/2022 - 09:15</div>\
             <div class=\"content\"><p>Đồng chí Bí thư dự hội nghị.</p></div></body></html>",
        );
        let date = Date::new(2022, 3, 14).unwrap();
        assert_eq!(page.published, Some((date, Some((9, 15)))));
    }

    #[test]
    fn the_section_from_the_breadcrumbs() {
        let page = super::super::read(
            "<html><body><ol class=\"breadcrumb\"><li><a href=\"/\">Trang chủ</a></li>\
             <li><a href=\"/dang\">Hoạt động Đảng</a></li></ol>\
             <div><p>Đồng chí Bí thư dự hội nghị.</p></div></body></html>",
        );
        assert_eq!(page.category.as_deref(), Some("Hoạt động Đảng"));
        let home_only = "<html><body><div class=\"breadcrumbs\"><a href=\"/\">Trang chủ</a>\
                         </div><p>Đồng chí Bí thư dự hội nghị.</p></body></html>";
        assert_eq!(super::super::read(home_only).category, None);
    }

    #[test]
    fn dates_in_several_shapes() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        assert_eq!(parse_date("2021-04-02"), Some((d(2021, 4, 2), None)));
        assert_eq!(
            parse_date("02/04/2021 14:51"),
            Some((d(2021, 4, 2), Some((14, 51))))
        );
        assert_eq!(parse_date("2021-13-02"), None);
        assert_eq!(parse_date("hôm qua"), None);
    }
}
