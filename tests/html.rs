//! Articles saved as web pages: the article is read out of the page, the furniture is
//! left behind, and the graph is the one the same article gives as plain text.

mod common;

use std::fs;
use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/html")
            .join(name),
    )
    .unwrap()
}

/// Every relationship but MENTIONS, sorted, as CSV.
fn facts(dir: &Path, snapshot: &str) -> String {
    let q = "MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONS' \
             RETURN a.name, type(r), b.name ORDER BY a.name, type(r), b.name;";
    common::stdout(&common::kg(dir, &["query", snapshot, "-c", q]))
}

#[test]
fn a_portal_page_gives_the_graph_of_its_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("portal.html"), fixture("portal.html")).unwrap();
    fs::write(p.join("plain.txt"), fixture("plain.txt")).unwrap();
    for (file, snap) in [("portal.html", "page.kg"), ("plain.txt", "text.kg")] {
        let out = common::kg(p, &["build", file, "-o", snap]);
        assert!(out.status.success(), "{}", common::stdout(&out));
    }
    let page = facts(p, "page.kg");
    assert_eq!(page, facts(p, "text.kg"));
    assert!(page.contains("Vũ Thanh Bình,CHAIRED,"), "{page}");
    // Names in the script, the sidebar and the related-article list are not the article's.
    let everything = common::stdout(&common::kg(
        p,
        &["query", "page.kg", "-c", "MATCH (n) RETURN n.name;"],
    ));
    for outside in [
        "Giả Định",
        "Trịnh Văn Cao",
        "Ngô Đình Phúc",
        "Trang chủ",
        "Liên kết",
    ] {
        assert!(!everything.contains(outside), "{outside} in {everything}");
    }
    // The title and the date come from the page's meta tags, the section from its
    // breadcrumbs.
    let article = common::stdout(&common::kg(
        p,
        &[
            "query",
            "page.kg",
            "-c",
            "MATCH (a:Article) RETURN a.name, a.published, a.byline, a.category;",
        ],
    ));
    assert_eq!(
        article.lines().nth(1),
        Some(
            "Quận ủy Hòa Bình tổ chức hội nghị lần thứ mười Ban Chấp hành Đảng bộ quận,\
             2022-07-18T16:05,Minh Anh,Tin tức - Sự kiện"
        )
    );
}

/// An old table-layout page in Windows-1258 with the date in its text, not in meta tags.
fn old_page() -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; \
        charset=windows-1258\"><title>Tin tức</title></head><body>\
        <table><tr><td class=\"left-menu\"><a href=\"/\">Trang chủ</a><br><a href=\"/a\">\
        Giới thiệu</a></td><td>\
        <p>Huyện ủy Đông Anh tổ chức hội nghị Ban Chấp hành Đảng bộ huyện</p>\
        <p>Ngày đăng 05/09/2023 | 10:20</p>\
        <p>Sáng 5/9, Huyện ủy Đông Anh tổ chức hội nghị lần thứ mười hai Ban Chấp hành \
        Đảng bộ huyện.</p>\
        <p>Đồng chí Mạc Văn Lượng - Bí thư Huyện ủy chủ trì hội nghị.</p>\
        </td></tr></table></body></html>";
    // Windows-1258 keeps the vowels precomposed and writes the tones as combining marks.
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let form: String = page
        .chars()
        .flat_map(|c| {
            let (marks, rest): (Vec<char>, Vec<char>) =
                std::iter::once(c).nfd().partition(|m| tones.contains(m));
            rest.into_iter().nfc().chain(marks).collect::<Vec<_>>()
        })
        .collect();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&form);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn folders_are_searched_for_pages_and_a_page_is_read_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir(p.join("in")).unwrap();
    fs::write(p.join("in/portal.HTML"), fixture("portal.html")).unwrap();
    fs::write(p.join("in/old.htm"), old_page()).unwrap();
    fs::write(p.join("in/saved-as.txt"), fixture("portal.html")).unwrap();
    let menus = "<html><body><nav><a href=\"/\">Trang chủ</a></nav>\
                 <ul><li><a href=\"/1\">Tin 1</a></li><li><a href=\"/2\">Tin 2</a></li></ul>\
                 <script>var x = 1;</script></body></html>";
    fs::write(p.join("in/menus.html"), menus).unwrap();
    fs::write(p.join("in/notes.md"), "# không phải bài").unwrap();
    let out = common::kg(p, &["build", "in", "-o", "g.kg"]);
    let text = common::stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    // portal.HTML and saved-as.txt are the same article: read once.
    assert!(text.contains("articles read: 2"), "{text}");
    assert!(text.contains("articles already in the graph: 1"), "{text}");
    assert!(
        text.contains("converted in/old.htm from Windows-1258"),
        "{text}"
    );
    assert!(
        text.contains("menus.html: HTML page with no article text"),
        "{text}"
    );
    assert!(!text.contains("notes.md"), "{text}");
    let chairs = common::stdout(&common::kg(
        p,
        &[
            "query",
            "g.kg",
            "-c",
            "MATCH (p:Person)-[:CHAIRED]->(m:Meeting) RETURN p.name, m.date ORDER BY p.name;",
        ],
    ));
    assert_eq!(
        chairs,
        "p.name,m.date\nMạc Văn Lượng,2023-09-05\nVũ Thanh Bình,2022-07-18\n"
    );
}
