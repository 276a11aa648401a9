//! Who is who, as a user sees it: namesakes of two provinces are two people, `show` says
//! where each one is anchored and names the others.

mod common;

#[test]
fn show_tells_namesakes_apart_and_says_why_mentions_are_one() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir_all(p.join("c")).unwrap();
    let texts = [
        (
            "a.txt",
            "Đồng chí Lò Văn Pả - Bí thư Huyện ủy Mê Linh phát biểu.",
        ),
        (
            "b.txt",
            "Đồng chí Lò Văn Pả - Chủ tịch UBND huyện Mê Linh chủ trì.",
        ),
        (
            "c.txt",
            "Đồng chí Lò Văn Pả - Bí thư Huyện ủy Phong Điền, tỉnh Thừa Thiên Huế phát biểu.",
        ),
    ];
    for (f, body) in texts {
        std::fs::write(p.join("c").join(f), format!("Tin\n\n{body}\n")).unwrap();
    }
    let out = common::kg(p, &["build", "c", "-o", "g.kg"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let out = common::kg(p, &["query", "g.kg", "-c", "show Lò Văn Pả"]);
    let err = common::stderr(&out);
    assert!(err.contains("'Lò Văn Pả' matches 2 entities:"), "{err}");
    assert!(err.contains(", Mê Linh, Hà Nội)"), "{err}");
    assert!(err.contains(", Phong Điền, Thừa Thiên Huế)"), "{err}");
    let id = err
        .lines()
        .find(|l| l.contains("Mê Linh, Hà Nội"))
        .and_then(|l| l.split('#').nth(1))
        .and_then(|l| l.split(',').next())
        .unwrap();
    let out = common::kg(p, &["query", "g.kg", "-c", &format!("show #{id}")]);
    let card = common::stdout(&out);
    assert!(
        card.contains("sources: 2 article(s): a.txt, b.txt"),
        "{card}"
    );
    assert!(
        card.contains("identity: one person: all its mentions hold a position in Mê Linh, Hà Nội"),
        "{card}"
    );
    assert!(
        card.contains("1 other person named Lò Văn Pả, kept apart: #")
            && card.contains("(Phong Điền, Thừa Thiên Huế)"),
        "{card}"
    );
}
