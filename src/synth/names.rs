//! Vietnamese personal names drawn by frequency: surname shares from population surveys,
//! then a middle name and a given name by sex.

use super::Dice;

/// Surnames with their approximate share (per mille) of the population.
const SURNAMES: &[(&str, u32)] = &[
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 71),
    ("Hoàng", 51),
    ("Huỳnh", 20),
    ("Phan", 45),
    ("Vũ", 39),
    ("Võ", 20),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đào", 4),
    ("Đinh", 4),
    ("Trịnh", 3),
    ("Lương", 3),
    ("Mai", 3),
    ("Tạ", 2),
    ("Cao", 2),
    ("Lưu", 2),
    ("Tô", 1),
    ("Kiều", 1),
];

const MIDDLE_MALE: &[(&str, u32)] = &[
    ("Văn", 40),
    ("Đức", 12),
    ("Minh", 12),
    ("Quang", 8),
    ("Hữu", 8),
    ("Xuân", 6),
    ("Thanh", 6),
    ("Mạnh", 4),
    ("Tiến", 4),
    ("Việt", 4),
    ("Công", 4),
    ("Trọng", 3),
    ("Ngọc", 3),
];

const MIDDLE_FEMALE: &[(&str, u32)] = &[
    ("Thị", 60),
    ("Thu", 8),
    ("Thanh", 8),
    ("Ngọc", 8),
    ("Minh", 5),
    ("Kim", 5),
    ("Hồng", 6),
];

const GIVEN_MALE: &[&str] = &[
    "Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Khánh", "Khoa", "Kiên",
    "Long", "Lợi", "Minh", "Quân", "Sơn", "Tài", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Việt",
    "Vinh", "Chiến", "Hưng", "Lâm", "Phúc", "Quyết", "Thuận", "Tùng",
];

const GIVEN_FEMALE: &[&str] = &[
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hạnh", "Hiền", "Hương", "Huyền", "Lan", "Liên",
    "Linh", "Loan", "Mai", "Ngân", "Nhung", "Oanh", "Quỳnh", "Thảo", "Thủy", "Trang", "Tâm", "Vân",
    "Yến", "Hòa",
];

/// A full name: surname, sometimes two middle names, given name.
pub fn person(d: &mut Dice) -> String {
    let surname = d.weighted(SURNAMES);
    let (middle, given_names) = if d.chance(0.7) {
        (d.weighted(MIDDLE_MALE), GIVEN_MALE)
    } else {
        (d.weighted(MIDDLE_FEMALE), GIVEN_FEMALE)
    };
    let given = d.pick(given_names);
    if d.chance(0.15) {
        let second = d.pick(given_names);
        if second != given {
            return format!("{surname} {middle} {second} {given}");
        }
    }
    format!("{surname} {middle} {given}")
}
