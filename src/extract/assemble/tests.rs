//! Whole articles of our own, one shape of the language each, through `extract`.

use super::extract;
use crate::extract::Facts;
use crate::schema::{Label, Rel, Value};
use crate::text::Article;

fn facts(text: &str) -> Facts {
    extract(&Article::from_text("own.txt", text.to_string()))
}

fn names(f: &Facts, label: Label) -> Vec<(String, String)> {
    f.entities
        .iter()
        .filter(|e| e.label == label)
        .map(|e| (e.name.clone(), e.key.clone()))
        .collect()
}

fn holds(f: &Facts) -> Vec<(String, String, String)> {
    f.relations
        .iter()
        .filter(|r| r.rel == Rel::Holds)
        .map(|r| {
            let title = r.props["title"].as_str().unwrap_or("").to_string();
            (
                f.entities[r.from].name.clone(),
                title,
                f.entities[r.to].name.clone(),
            )
        })
        .collect()
}

fn has_hold(f: &Facts, person: &str, title: &str, body: &str) -> bool {
    holds(f)
        .iter()
        .any(|(p, t, b)| p == person && t == title && b == body)
}

fn roles(f: &Facts, rel: Rel) -> Vec<String> {
    f.relations
        .iter()
        .filter(|r| r.rel == rel)
        .map(|r| f.entities[r.from].name.clone())
        .collect()
}

fn meeting_props(f: &Facts) -> Vec<(Value, Value)> {
    f.entities
        .iter()
        .filter(|e| e.label == Label::Meeting)
        .map(|e| (e.props["ordinal"].clone(), e.props["date"].clone()))
        .collect()
}

#[test]
fn a_district_names_its_province_when_the_article_does_not() {
    let f = facts(
        "Huyện ủy Lâm Hà họp phiên thường kỳ\n\
         Sáng 4/5/2023, Huyện ủy Lâm Hà tổ chức hội nghị. Đồng chí Mạch Văn Tú, Tỉnh ủy viên, Bí thư Huyện ủy chủ trì hội nghị.",
    );
    assert!(has_hold(&f, "Mạch Văn Tú", "Ủy viên", "Tỉnh ủy Lâm Đồng"));
    assert!(has_hold(&f, "Mạch Văn Tú", "Bí thư", "Huyện ủy Lâm Hà"));
    assert!(names(&f, Label::District).contains(&("Lâm Hà".into(), "lam ha, lam dong".into())));
}

#[test]
fn a_name_of_several_provinces_is_settled_by_the_article_or_left_unplaced() {
    // an explicit province
    let f = facts("Huyện ủy họp\nHuyện ủy Châu Thành, tỉnh Bến Tre tổ chức hội nghị.");
    assert!(
        names(&f, Label::District)
            .iter()
            .any(|(_, k)| k == "chau thanh, ben tre")
    );
    // another district of the same province
    let f =
        facts("Huyện ủy họp\nHuyện ủy Châu Thành họp với huyện Giồng Trôm và huyện Mỏ Cày Nam.");
    assert!(
        names(&f, Label::District)
            .iter()
            .any(|(_, k)| k == "chau thanh, ben tre")
    );
    // the committee above
    let f = facts("Huyện ủy họp\nBan Thường vụ Tỉnh ủy Tây Ninh làm việc với Huyện ủy Châu Thành.");
    assert!(has_hold_free_body(
        &f,
        "Huyện ủy Châu Thành",
        "huyen uy chau thanh, tay ninh"
    ));
    // nothing decides: the district stays the article's own
    let f = facts("Huyện ủy họp\nHuyện ủy Châu Thành tổ chức hội nghị.");
    let d = names(&f, Label::District);
    assert!(d.iter().all(|(_, k)| k.ends_with("@own.txt")), "{d:?}");
}

fn has_hold_free_body(f: &Facts, name: &str, key: &str) -> bool {
    f.entities
        .iter()
        .any(|e| e.label == Label::PartyCommittee && e.name == name && e.key == key)
}

#[test]
fn communes_and_their_committees() {
    let f = facts(
        "Đảng ủy thị trấn Nam Ban họp\n\
         Sáng 6/3/2024, Đảng ủy thị trấn Nam Ban, huyện Lâm Hà tổ chức hội nghị.",
    );
    let committee = f
        .entities
        .iter()
        .find(|e| e.label == Label::PartyCommittee && e.name.contains("Nam Ban"))
        .expect("the commune's committee");
    assert_eq!(committee.props["level"], Value::from("ward"));
    let commune = f
        .entities
        .iter()
        .position(|e| e.label == Label::Commune && e.name == "Nam Ban")
        .expect("a Commune node");
    let inside = f
        .relations
        .iter()
        .find(|r| r.rel == Rel::In && r.from == commune)
        .map(|r| f.entities[r.to].name.clone());
    assert_eq!(inside.as_deref(), Some("Lâm Hà"));
}

#[test]
fn names_of_every_origin_and_no_honorifics() {
    let f = facts(
        "Hội nghị Huyện ủy Lâm Hà\n\
         Bà Hà Thị Nga, Phó Bí thư Huyện ủy Lâm Hà chủ trì hội nghị. \
         Dự có đồng chí Y Nhuê Byă, Phó Chủ tịch UBND tỉnh; Điểu K’Lết, Trưởng Ban Dân vận Tỉnh ủy; \
         Đại tá Lò Văn Sính, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh.",
    );
    let people: Vec<String> = names(&f, Label::Person).into_iter().map(|p| p.0).collect();
    for n in ["Hà Thị Nga", "Y Nhuê Byă", "Điểu K’Lết", "Lò Văn Sính"] {
        assert!(people.contains(&n.to_string()), "{n} in {people:?}");
    }
    assert!(
        people
            .iter()
            .all(|p| !p.starts_with("Bà ") && !p.starts_with("Đại tá"))
    );
    assert!(has_hold(
        &f,
        "Lò Văn Sính",
        "Chỉ huy trưởng",
        "Bộ Chỉ huy Quân sự tỉnh Lâm Đồng"
    ));
}

#[test]
fn a_meeting_is_dated_by_its_sentence_not_by_a_cited_document() {
    let f = facts(
        "Huyện ủy Sìn Hồ họp\n\
         Thực hiện Kết luận số 21-KL/TU ngày 5/8/2022, chiều tối 14/11/2022, Ban Thường vụ Huyện ủy Sìn Hồ tổ chức cuộc họp thường kỳ.",
    );
    assert_eq!(
        meeting_props(&f),
        vec![(Value::Null, Value::from("2022-11-14"))]
    );
}

#[test]
fn national_titles_and_delegations() {
    let f = facts(
        "Đại hội Đảng bộ huyện Di Linh lần thứ XIII\n\
         Dự Đại hội có đồng chí Lâm Văn Khải, Ủy viên Bộ Chính trị, Phó Thủ tướng Thường trực Chính phủ; \
         đồng chí Vi Thị Lan, Phó Bí thư Tỉnh ủy, Trưởng Đoàn đại biểu Quốc hội tỉnh.",
    );
    assert!(has_hold(&f, "Lâm Văn Khải", "Ủy viên", "Bộ Chính trị"));
    assert!(has_hold(
        &f,
        "Lâm Văn Khải",
        "Phó Thủ tướng Thường trực",
        "Chính phủ"
    ));
    assert!(has_hold(
        &f,
        "Vi Thị Lan",
        "Trưởng đoàn",
        "Đoàn đại biểu Quốc hội tỉnh Lâm Đồng"
    ));
    assert!(has_hold(&f, "Vi Thị Lan", "Phó Bí thư", "Tỉnh ủy Lâm Đồng"));
}

#[test]
fn standing_members_belong_to_the_committee_of_their_other_office() {
    let f = facts(
        "Hội nghị Huyện ủy Đơn Dương\n\
         Sáng 3/4/2024, Huyện ủy Đơn Dương tổ chức hội nghị. Tới dự có đồng chí Kha Văn Tín - UVTV, Trưởng Ban Tuyên giáo Tỉnh ủy.",
    );
    assert!(has_hold(
        &f,
        "Kha Văn Tín",
        "Ủy viên Ban Thường vụ",
        "Tỉnh ủy Lâm Đồng"
    ));
    assert_eq!(roles(&f, Rel::Attended), vec!["Kha Văn Tín".to_string()]);
}

#[test]
fn co_chairs_and_chairs_who_attend() {
    let f = facts(
        "Hội nghị Huyện ủy Đơn Dương\n\
         Ngày 3/4/2024, Huyện ủy Đơn Dương tổ chức hội nghị lần thứ 12. Các đồng chí: Kha Văn Tín, Bí thư Huyện ủy; \
         Lục Thị Mai, Phó Bí thư Huyện ủy đồng chủ trì hội nghị. \
         Dự và chủ trì hội nghị có đồng chí Kha Văn Tín.",
    );
    let mut chairs = roles(&f, Rel::Chaired);
    chairs.sort();
    assert_eq!(
        chairs,
        vec!["Kha Văn Tín".to_string(), "Lục Thị Mai".to_string()]
    );
    assert!(roles(&f, Rel::Attended).is_empty());
    assert_eq!(meeting_props(&f)[0].0, Value::Int(12));
}

#[test]
fn documents_cited_are_not_adopted() {
    let f = facts(
        "Hội nghị Huyện ủy Đơn Dương lần thứ 8\n\
         Hội nghị lần thứ 8 Huyện ủy Đơn Dương đã thông qua Kế hoạch thực hiện Nghị quyết số 09-NQ/TU của Tỉnh ủy. \
         Hội nghị nhất trí thông qua Nghị quyết số 14-NQ/HU về phát triển du lịch.",
    );
    let adopted: Vec<String> = f
        .relations
        .iter()
        .filter(|r| r.rel == Rel::Adopted && f.entities[r.to].label == Label::Document)
        .map(|r| f.entities[r.to].name.clone())
        .collect();
    assert_eq!(adopted, vec!["Nghị quyết số 14-NQ/HU".to_string()]);
}

#[test]
fn a_congress_with_its_place_inside_and_its_first_session() {
    let f = facts(
        "Đại hội đại biểu Đảng bộ Quận 9, TP.HCM lần thứ XI\n\
         Sáng 12/7/2015, Đại hội đại biểu Đảng bộ Quận 9, TP.HCM lần thứ XI khai mạc. \
         Tại phiên họp thứ nhất, Ban Chấp hành Đảng bộ quận đã bầu Ban Thường vụ.",
    );
    let congress = f
        .entities
        .iter()
        .find(|e| e.label == Label::Congress)
        .expect("the congress");
    assert_eq!(congress.props["ordinal"], Value::Int(11));
    assert_eq!(congress.props["place"], Value::from("Quận 9"));
    let first = f
        .entities
        .iter()
        .find(|e| e.label == Label::Meeting)
        .expect("the first session");
    assert_eq!(first.props["ordinal"], Value::Int(1));
    assert_eq!(first.props["term"], Value::from("XI"));
}

#[test]
fn a_former_province_name_settles_its_districts() {
    let f = facts("Huyện ủy họp\nHuyện ủy Phong Điền, tỉnh Thừa Thiên Huế tổ chức hội nghị.");
    let d = names(&f, Label::District);
    assert!(
        d.iter().any(|(_, k)| k == "phong dien, thua thien hue"),
        "{d:?}"
    );
}

#[test]
fn names_listed_after_a_cue_share_the_verb() {
    let f = facts(
        "Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ huyện Di Linh\n\
         Các đồng chí Kha Văn Tín, Lục Thị Mai tái đắc cử Phó Bí thư Huyện ủy Di Linh.",
    );
    assert!(has_hold(
        &f,
        "Kha Văn Tín",
        "Phó Bí thư",
        "Huyện ủy Di Linh"
    ));
    assert!(has_hold(
        &f,
        "Lục Thị Mai",
        "Phó Bí thư",
        "Huyện ủy Di Linh"
    ));
}

#[test]
fn a_title_that_names_its_body() {
    let f = facts(
        "Hội nghị Tỉnh ủy Lâm Đồng\nĐồng chí Lục Thị Mai, Chánh Thanh tra tỉnh được bầu giữ chức Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy.",
    );
    assert!(has_hold(
        &f,
        "Lục Thị Mai",
        "Chánh Thanh tra",
        "Thanh tra tỉnh Lâm Đồng"
    ));
    assert!(has_hold(
        &f,
        "Lục Thị Mai",
        "Chủ nhiệm",
        "Ủy ban Kiểm tra Tỉnh ủy Lâm Đồng"
    ));
}

#[test]
fn an_aside_before_the_verb_and_verbs_read_after_a_person() {
    let f = facts(
        "Cuộc họp Ban Thường vụ Huyện ủy Di Linh\n\
         Chiều 2/6/2025, Ban Thường vụ Huyện ủy Di Linh tổ chức cuộc họp. \
         Đồng chí Kha Văn Tín - Phó Bí thư Huyện ủy, phụ trách điều hành Đảng bộ huyện chủ trì cuộc họp. \
         Cuộc họp đã nghe đồng chí Lục Thị Mai - Trưởng Ban Tổ chức Huyện ủy thông tin về công tác cán bộ.",
    );
    assert_eq!(roles(&f, Rel::Chaired), vec!["Kha Văn Tín".to_string()]);
    assert!(roles(&f, Rel::Moderated).is_empty());
    assert_eq!(roles(&f, Rel::Presented), vec!["Lục Thị Mai".to_string()]);
}

#[test]
fn communes_of_the_new_structure_and_their_congresses() {
    let f = facts(
        "Đại hội đại biểu Đảng bộ xã Hàm Kiệm lần thứ I\n\
         Sáng 14/8/2025, Đại hội đại biểu Đảng bộ xã Hàm Kiệm, tỉnh Lâm Đồng lần thứ I, nhiệm kỳ 2025 - 2030 khai mạc. \
         Đồng chí Kha Văn Tín, Bí thư Đảng ủy xã Hàm Kiệm phát biểu khai mạc.",
    );
    let congress = f
        .entities
        .iter()
        .find(|e| e.label == Label::Congress)
        .expect("the congress");
    assert_eq!(congress.props["level"], Value::from("ward"));
    assert_eq!(congress.props["ordinal"], Value::Int(1));
    assert!(has_hold(&f, "Kha Văn Tín", "Bí thư", "Đảng ủy xã Hàm Kiệm"));
    let commune = f
        .entities
        .iter()
        .position(|e| e.label == Label::Commune && e.name == "Hàm Kiệm")
        .expect("the commune");
    let inside: Vec<String> = f
        .relations
        .iter()
        .filter(|r| r.rel == Rel::In && r.from == commune)
        .map(|r| f.entities[r.to].name.clone())
        .collect();
    assert_eq!(inside, vec!["Lâm Đồng".to_string()]);
}

#[test]
fn a_place_named_again_adds_its_sentence_to_its_node_and_its_in_edges() {
    let f = facts(
        "Hội nghị Huyện ủy Gia Lâm lần thứ 5\n\nSáng 3/4, Huyện ủy Gia Lâm tổ chức hội nghị tại xã Dương Quang, huyện Gia Lâm.\n\nCác đại biểu xã Dương Quang, huyện Gia Lâm thảo luận.\n\nLãnh đạo huyện Gia Lâm phát biểu.",
    );
    let id = |label: Label, name: &str| {
        f.entities
            .iter()
            .position(|e| e.label == label && e.name == name)
            .unwrap()
    };
    let (commune, district, province) = (
        id(Label::Commune, "Dương Quang"),
        id(Label::District, "Gia Lâm"),
        id(Label::Province, "Hà Nội"),
    );
    let within = |from: usize, to: usize| {
        f.relations
            .iter()
            .find(|r| r.rel == Rel::In && r.from == from && r.to == to)
            .map(|r| r.evidence.len())
    };
    assert_eq!(f.entities[commune].evidence.len(), 2);
    assert_eq!(within(commune, district), Some(2));
    assert!(f.entities[district].evidence.len() >= 3);
    assert_eq!(
        within(district, province),
        Some(f.entities[district].evidence.len())
    );
    assert!(f.entities[province].evidence.len() >= 3);
}
