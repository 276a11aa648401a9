//! One article of the generated corpus, assembled from templates of the genre: metadata,
//! headline, lead with the conference's number and date, chairs, guests, presenters, what
//! was discussed and adopted, congress and election preparations, the conclusion, filler
//! paragraphs, a byline and a block of related headlines.

use std::fmt::Write as _;

use super::{Committee, Dice, PersonId, Seat, TERM_STARTS, World};
use crate::extract::lexicon::to_roman;

const ORDINAL_WORDS: [&str; 10] = [
    "nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
];

const BANS: [&str; 4] = ["Tổ chức", "Tuyên giáo", "Dân vận", "Nội chính"];

const PURPOSES: [&str; 5] = [
    "đánh giá kết quả thực hiện nhiệm vụ chính trị và bàn giải pháp cho thời gian tới",
    "sơ kết công tác lãnh đạo, chỉ đạo và triển khai nhiệm vụ trọng tâm",
    "cho ý kiến vào các báo cáo, đề án quan trọng của địa phương",
    "kiểm điểm việc thực hiện nghị quyết và thống nhất phương hướng",
    "xem xét tình hình phát triển kinh tế - xã hội, quốc phòng - an ninh",
];

const FILLER: [&str; 14] = [
    "Tổng thu ngân sách trên địa bàn ước đạt {n} tỷ đồng, bằng {p}% dự toán được giao.",
    "Công tác cải cách hành chính tiếp tục được đẩy mạnh, chỉ số hài lòng của người dân đạt {p}%.",
    "Các phường, xã đã giải quyết {n} hồ sơ thủ tục hành chính đúng và trước hạn.",
    "Công tác bảo đảm trật tự xây dựng, trật tự đô thị có nhiều chuyển biến rõ nét.",
    "Hoạt động văn hóa, thể thao, chăm lo an sinh xã hội được quan tâm thực hiện.",
    "Tình hình an ninh chính trị, trật tự an toàn xã hội được giữ vững.",
    "Công tác phát triển đảng viên đạt {p}% kế hoạch, kết nạp {n} đảng viên mới.",
    "Việc thu hồi đất, giải phóng mặt bằng các dự án trọng điểm còn chậm so với yêu cầu.",
    "Một số chỉ tiêu về môi trường, vệ sinh đô thị chưa đạt như kỳ vọng.",
    "Ngành giáo dục duy trì tỷ lệ trường đạt chuẩn quốc gia ở mức {p}%.",
    "Công tác kiểm tra, giám sát được tiến hành thường xuyên, đúng quy định.",
    "Các tổ chức cơ sở đảng đã triển khai nghiêm túc việc học tập, quán triệt nghị quyết.",
    "Nhiều mô hình hay, cách làm sáng tạo được nhân rộng trong toàn địa bàn.",
    "Đời sống vật chất, tinh thần của Nhân dân tiếp tục được nâng lên.",
];

const HEADLINE_TOPICS: [&str; 6] = [
    "ra quân bảo đảm trật tự đô thị",
    "tổng kết phong trào thi đua yêu nước",
    "gặp mặt đại biểu cựu chiến binh",
    "tiếp xúc cử tri trước kỳ họp",
    "khánh thành công trình chào mừng đại hội",
    "trao quyết định công tác cán bộ",
];

/// The committee's name: Quận ủy, Huyện ủy, Thị ủy, Thành ủy.
fn committee_word(kind: &str) -> &'static str {
    match kind {
        "quận" => "Quận ủy",
        "huyện" => "Huyện ủy",
        "thị xã" => "Thị ủy",
        _ => "Thành ủy",
    }
}

/// "quận Long Biên", but "Quận 3" for the numbered districts whose name has the word.
fn place(kind: &str, district: &str) -> String {
    if district.to_lowercase().starts_with(kind) {
        district.to_string()
    } else {
        format!("{kind} {district}")
    }
}

fn ordinal(d: &mut Dice, n: u32) -> String {
    match d.below(10) {
        0..=6 => n.to_string(),
        7 | 8 if (1..=10).contains(&n) => ORDINAL_WORDS[(n - 1) as usize].to_string(),
        _ => to_roman(n),
    }
}

fn fill(d: &mut Dice, template: &str) -> String {
    let n = d.range(12, 9_800).to_string();
    let p = d.range(62, 99).to_string();
    template.replace("{n}", &n).replace("{p}", &p)
}

/// Rewrites the classic tone placement into the "new" one (hòa → hoà, ủy → uỷ), as about
/// a third of the portals write.
fn new_tone(s: &str) -> String {
    const PAIRS: [(&str, &str); 10] = [
        ("ủy", "uỷ"),
        ("Ủy", "Uỷ"),
        ("khóa", "khoá"),
        ("Khóa", "Khoá"),
        ("hòa", "hoà"),
        ("Hòa", "Hoà"),
        ("thủy", "thuỷ"),
        ("Thủy", "Thuỷ"),
        ("hóa", "hoá"),
        ("tòa", "toà"),
    ];
    PAIRS
        .iter()
        .fold(s.to_string(), |acc, (a, b)| acc.replace(a, b))
}

struct Setting<'w> {
    c: &'w Committee,
    cmt: String,
    term: usize,
    khoa: String,
    period: String,
    year: u32,
    month: u32,
    day: u32,
    n: u32,
}

fn setting<'w>(w: &'w World, d: &mut Dice) -> Setting<'w> {
    let c = d.pick(&w.committees);
    let year = d.range(2011, 2025);
    let term = TERM_STARTS.iter().rposition(|s| *s <= year).unwrap_or(0);
    let month = d.range(1, 12);
    let start = TERM_STARTS[term];
    let n = 1 + ((year - start) * 12 + month) / 2;
    let sep = if d.chance(0.5) { " - " } else { "-" };
    Setting {
        c,
        cmt: format!("{} {}", committee_word(c.kind), c.district),
        term,
        khoa: to_roman(c.first_term + term as u32),
        period: format!("{start}{sep}{}", start + 5),
        year,
        month,
        day: d.range(1, 28),
        n,
    }
}

impl Setting<'_> {
    fn seat(&self, s: Seat) -> PersonId {
        let i = super::SEATS.iter().position(|x| *x == s).unwrap_or(0);
        self.c.seats[self.term][i]
    }
}

/// A generated article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Its file name.
    pub file: String,
    /// Its text.
    pub text: String,
    /// Each official it names, once: the name as written and who it is.
    pub mentions: Vec<(String, PersonId)>,
}

/// The names an article writes, and who they are.
struct Names<'w> {
    w: &'w World,
    said: Vec<PersonId>,
}

impl<'w> Names<'w> {
    /// The name of `p`, noted as mentioned.
    fn of(&mut self, p: PersonId) -> &'w str {
        if !self.said.contains(&p) {
            self.said.push(p);
        }
        let w: &'w World = self.w;
        w.name(p)
    }
}

/// The `i`-th article.
pub fn article(w: &World, d: &mut Dice, i: usize) -> Generated {
    let mut who = Names {
        w,
        said: Vec::new(),
    };
    let s = setting(w, d);
    let c = s.c;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "{}\n",
        d.pick(&[
            "Tin tức - Sự kiện",
            "Xây dựng Đảng",
            "Hoạt động của lãnh đạo"
        ])
    );
    let n_text = ordinal(d, s.n);
    let headline = match d.below(3) {
        0 => format!(
            "Hội nghị lần thứ {n_text} Ban Chấp hành Đảng bộ {} khóa {}",
            place(c.kind, c.district),
            s.khoa
        ),
        1 => format!("{} tổ chức Hội nghị lần thứ {n_text}", s.cmt),
        _ => format!(
            "{}: quyết tâm hoàn thành thắng lợi nhiệm vụ năm {}",
            crate::text::fold::capitalize_first(&place(c.kind, c.district)),
            s.year
        ),
    };
    let _ = writeln!(t, "{headline}\n");
    let _ = writeln!(
        t,
        "Ngày đăng {:02}/{:02}/{} | {:02}:{:02}",
        s.day,
        s.month,
        s.year,
        d.range(7, 21),
        d.range(0, 59)
    );
    let _ = writeln!(t, "Lượt xem: {}\n", d.range(40, 5000));
    let date = if d.chance(0.3) {
        format!("{}/{}", s.day, s.month)
    } else {
        format!("{}/{}/{}", s.day, s.month, s.year)
    };
    let _ = writeln!(
        t,
        "{} ngày {date}, Ban Chấp hành Đảng bộ {} khóa {}, nhiệm kỳ {} tổ chức Hội nghị lần thứ {n_text} nhằm {}.\n",
        d.pick(&["Sáng", "Chiều"]),
        place(c.kind, c.district),
        s.khoa,
        s.period,
        d.pick(&PURPOSES)
    );
    let tuv = if d.chance(0.5) {
        if c.province_word == "Thành ủy" {
            "Thành ủy viên, "
        } else {
            "Tỉnh ủy viên, "
        }
    } else {
        ""
    };
    let _ = writeln!(
        t,
        "Đồng chí {} - {tuv}Bí thư {}; đồng chí {} - Phó Bí thư Thường trực {}, Chủ tịch HĐND {}; đồng chí {} - Phó Bí thư {}, Chủ tịch UBND {} chủ trì hội nghị.\n",
        who.of(s.seat(Seat::Secretary)),
        s.cmt,
        who.of(s.seat(Seat::Standing)),
        s.cmt,
        c.kind,
        who.of(s.seat(Seat::Deputy)),
        s.cmt,
        c.kind
    );
    let guests: Vec<&super::Guest> = w
        .guests
        .iter()
        .filter(|g| g.province == c.province)
        .collect();
    if !guests.is_empty() && d.chance(0.6) {
        let g = *d.pick(&guests);
        let _ = writeln!(
            t,
            "Tới dự hội nghị có đồng chí {} - Phó Trưởng ban {} {} {}.\n",
            who.of(g.person),
            BANS[g.ban % BANS.len()],
            c.province_word,
            c.province
        );
    }
    if !w.leaders.is_empty() && d.chance(0.15) {
        let l = d.pick(&w.leaders);
        let _ = writeln!(
            t,
            "Dự và chỉ đạo hội nghị có đồng chí {} - {}.\n",
            who.of(l.person),
            l.titles
        );
    }
    paragraphs(&mut t, d, 2);
    let _ = writeln!(
        t,
        "Đồng chí {} - Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo {} trình bày báo cáo kết quả công tác xây dựng Đảng và hệ thống chính trị.\n",
        who.of(s.seat(Seat::Propaganda)),
        s.cmt
    );
    let programmes = d.range(3, 12);
    let _ = writeln!(
        t,
        "Hội nghị đã thảo luận và thông qua Chương trình hành động thực hiện Nghị quyết số {}-NQ/TU của {}; cho ý kiến vào {} Chương trình công tác của {} khóa {}.\n",
        d.range(1, 40),
        c.province_word,
        programmes,
        s.cmt,
        s.khoa
    );
    if d.chance(0.5) || s.year % 5 == 4 {
        let _ = writeln!(
            t,
            "Đồng chí {} - Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức {} trình bày dự thảo Kế hoạch tổ chức Đại hội đại biểu Đảng bộ {} lần thứ {}, nhiệm kỳ {} - {}.\n",
            who.of(s.seat(Seat::Organisation)),
            s.cmt,
            place(c.kind, c.district),
            to_roman(c.first_term + s.term as u32 + 1),
            TERM_STARTS[s.term] + 5,
            TERM_STARTS[s.term] + 10
        );
    }
    if matches!(s.year % 5, 0 | 1) {
        let (qh, start) = if s.year < 2016 {
            ("XIV", 2016)
        } else if s.year < 2021 {
            ("XV", 2021)
        } else {
            ("XVI", 2026)
        };
        let _ = writeln!(
            t,
            "Hội nghị cũng triển khai công tác chuẩn bị bầu cử đại biểu Quốc hội khóa {qh} và đại biểu HĐND các cấp nhiệm kỳ {start} - {}.\n",
            start + 5
        );
    }
    if d.chance(0.4) {
        let _ = writeln!(
            t,
            "Hội nghị quán triệt Chỉ thị số {}-CT/TW của Ban Bí thư và Quy định số {}-QĐ/TW của Bộ Chính trị.\n",
            d.range(1, 50),
            d.range(1, 300)
        );
    }
    paragraphs(&mut t, d, 2);
    let _ = writeln!(
        t,
        "Phát biểu kết luận hội nghị, đồng chí {} - Bí thư {} đề nghị các cấp ủy, tổ chức đảng tập trung lãnh đạo hoàn thành các chỉ tiêu đã đề ra.\n",
        who.of(s.seat(Seat::Secretary)),
        s.cmt
    );
    paragraphs(&mut t, d, 1);
    let _ = writeln!(
        t,
        "{}\n",
        d.pick(&[
            "Phòng Văn hóa và Thông tin",
            "Ban Tuyên giáo",
            "Trung tâm Truyền thông"
        ])
    );
    let _ = writeln!(t, "Tin khác");
    for _ in 0..d.range(3, 5) {
        let other = d.pick(&w.committees);
        let _ = writeln!(
            t,
            "{}: {} ({:02}/{:02}/{})",
            crate::text::fold::capitalize_first(&place(other.kind, other.district)),
            d.pick(&HEADLINE_TOPICS),
            d.range(1, 28),
            d.range(1, 12),
            d.range(2011, 2025)
        );
    }
    let new = d.chance(0.35);
    if new {
        t = new_tone(&t);
    }
    let mentions = who
        .said
        .iter()
        .map(|p| {
            let name = w.name(*p);
            (
                if new {
                    new_tone(name)
                } else {
                    name.to_string()
                },
                *p,
            )
        })
        .collect();
    Generated {
        file: format!("{i:07}.txt"),
        text: t,
        mentions,
    }
}

fn paragraphs(t: &mut String, d: &mut Dice, max: u32) {
    for _ in 0..d.range(1, max) {
        let first = d.below(FILLER.len());
        let sentences: Vec<String> = (0..d.range(2, 4) as usize)
            .map(|k| fill(d, FILLER[(first + 5 * k) % FILLER.len()]))
            .collect();
        let _ = writeln!(t, "{}\n", sentences.join(" "));
    }
}
