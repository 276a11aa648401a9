//! Closed-class word lists of the language: other spellings of provinces, surnames,
//! number words, roman numerals. Places themselves are in the [`super::gazetteer`]; given
//! names are open class and are recognised by shape, not listed.

/// Other spellings of province names: (alias, name).
pub const PROVINCE_ALIASES: &[(&str, &str)] = &[
    ("TP.HCM", "Hồ Chí Minh"),
    ("TPHCM", "Hồ Chí Minh"),
    ("HCM", "Hồ Chí Minh"),
    ("Sài Gòn", "Hồ Chí Minh"),
    ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
    ("Đắc Lắc", "Đắk Lắk"),
];

/// Vietnamese surnames (họ). A name must start with one of them.
pub const SURNAMES: &[&str] = &[
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Đoàn",
    "Đào",
    "Trịnh",
    "Mai",
    "Trương",
    "Lâm",
    "Phùng",
    "Tô",
    "Đường",
    "Hà",
    "Lưu",
    "Tạ",
    "Chu",
    "Cao",
    "Lương",
    "Khúc",
    "Kiều",
    "Thái",
    "Quách",
    "Tăng",
    "Vương",
    "Triệu",
    "Nghiêm",
    "Lại",
    "La",
    "Tống",
    "Thân",
    "Mạc",
    "Từ",
    "Hứa",
    "Châu",
    "Diệp",
    "Lò",
    "Hầu",
    "Giang",
    "Khổng",
    "Ninh",
    "Doãn",
    "Đàm",
    "Lục",
    "Âu",
    "Bạch",
    "Tiêu",
    "Nông",
    "Quan",
    "Lã",
    "Kim",
    "Cù",
    "Đồng",
    "Cấn",
    "Nhữ",
    "Vi",
    "Phí",
    "Bế",
    "Sầm",
    "Lộc",
    "Tôn",
    "Ông",
    "Chử",
    "Ưng",
    "Lạc",
    "Ma",
    "Hoàng Phủ",
    "Âu Dương",
    "Văn",
    "Công",
    "Tòng",
    "Lèo",
    "Quàng",
    "Mông",
    "Hạ",
    "Đậu",
    "Thạch",
    "Danh",
    "Kha",
    "Trình",
    "Bàn",
    "Lường",
    "Giáp",
    "Mẫn",
    "Viên",
    "Vòng",
    "Nhan",
    "Khương",
];

/// Whether `word` is a known surname.
pub fn is_surname(word: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| SURNAMES.iter().copied().collect());
    SET.contains(word)
}

/// The value of a Vietnamese number word or phrase ("ba", "mười hai", "hai mươi lăm"),
/// including the ordinal forms "nhất" (first) and "tư" (fourth).
pub fn number_words(words: &[&str]) -> Option<u32> {
    let unit = |w: &str, after_tens: bool| -> Option<u32> {
        Some(match w {
            "một" if !after_tens => 1,
            "mốt" if after_tens => 1,
            "nhất" => 1,
            "hai" => 2,
            "ba" => 3,
            "bốn" | "tư" => 4,
            "năm" if !after_tens => 5,
            "lăm" | "nhăm" if after_tens => 5,
            "sáu" => 6,
            "bảy" | "bẩy" => 7,
            "tám" => 8,
            "chín" => 9,
            _ => return None,
        })
    };
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let w: Vec<&str> = lower.iter().map(String::as_str).collect();
    match w.as_slice() {
        [u] if *u == "mười" => Some(10),
        [u] => unit(u, false),
        ["mười", u] => Some(10 + unit(u, true).or_else(|| unit(u, false))?),
        [t, "mươi"] => Some(unit(t, false)? * 10),
        [t, "mươi", u] => Some(unit(t, false)? * 10 + unit(u, true).or_else(|| unit(u, false))?),
        _ => None,
    }
}

/// The value of a roman numeral written in the canonical way (I to MMM…).
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let values: Vec<u32> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        match values.get(i + 1) {
            Some(next) if next > v => total -= *v as i64,
            _ => total += *v as i64,
        }
    }
    let total = u32::try_from(total).ok().filter(|t| *t > 0)?;
    (to_roman(total) == s).then_some(total)
}

/// The canonical roman numeral of `n` (1 → I, 26 → XXVI).
pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_read_ordinals_and_compounds() {
        assert_eq!(number_words(&["nhất"]), Some(1));
        assert_eq!(number_words(&["tư"]), Some(4));
        assert_eq!(number_words(&["Mười", "hai"]), Some(12));
        assert_eq!(number_words(&["mười", "lăm"]), Some(15));
        assert_eq!(number_words(&["hai", "mươi", "mốt"]), Some(21));
        assert_eq!(number_words(&["ba", "mươi"]), Some(30));
        assert_eq!(number_words(&["chín", "mươi", "chín"]), Some(99));
        assert_eq!(number_words(&["bàn"]), None);
    }

    #[test]
    fn roman_numerals_round_trip_and_reject_junk() {
        assert_eq!(roman_value("XIII"), Some(13));
        assert_eq!(roman_value("XXIV"), Some(24));
        assert_eq!(roman_value("XLIX"), Some(49));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("VX"), None);
        assert_eq!(roman_value("UBND"), None);
        assert_eq!(to_roman(26), "XXVI");
    }
}
