//! Closed-class word lists of the language: places, surnames, number words, roman numerals.
//! Given names are open class and are recognised by shape, not listed.

/// Province-level units of Việt Nam: (name, kind). The six centrally-run cities first.
pub const PROVINCES: &[(&str, &str)] = &[
    ("Hà Nội", "thành phố"),
    ("Hồ Chí Minh", "thành phố"),
    ("Hải Phòng", "thành phố"),
    ("Đà Nẵng", "thành phố"),
    ("Cần Thơ", "thành phố"),
    ("Huế", "thành phố"),
    ("An Giang", "tỉnh"),
    ("Bà Rịa - Vũng Tàu", "tỉnh"),
    ("Bạc Liêu", "tỉnh"),
    ("Bắc Giang", "tỉnh"),
    ("Bắc Kạn", "tỉnh"),
    ("Bắc Ninh", "tỉnh"),
    ("Bến Tre", "tỉnh"),
    ("Bình Dương", "tỉnh"),
    ("Bình Định", "tỉnh"),
    ("Bình Phước", "tỉnh"),
    ("Bình Thuận", "tỉnh"),
    ("Cà Mau", "tỉnh"),
    ("Cao Bằng", "tỉnh"),
    ("Đắk Lắk", "tỉnh"),
    ("Đắk Nông", "tỉnh"),
    ("Điện Biên", "tỉnh"),
    ("Đồng Nai", "tỉnh"),
    ("Đồng Tháp", "tỉnh"),
    ("Gia Lai", "tỉnh"),
    ("Hà Giang", "tỉnh"),
    ("Hà Nam", "tỉnh"),
    ("Hà Tĩnh", "tỉnh"),
    ("Hải Dương", "tỉnh"),
    ("Hậu Giang", "tỉnh"),
    ("Hòa Bình", "tỉnh"),
    ("Hưng Yên", "tỉnh"),
    ("Khánh Hòa", "tỉnh"),
    ("Kiên Giang", "tỉnh"),
    ("Kon Tum", "tỉnh"),
    ("Lai Châu", "tỉnh"),
    ("Lâm Đồng", "tỉnh"),
    ("Lạng Sơn", "tỉnh"),
    ("Lào Cai", "tỉnh"),
    ("Long An", "tỉnh"),
    ("Nam Định", "tỉnh"),
    ("Nghệ An", "tỉnh"),
    ("Ninh Bình", "tỉnh"),
    ("Ninh Thuận", "tỉnh"),
    ("Phú Thọ", "tỉnh"),
    ("Phú Yên", "tỉnh"),
    ("Quảng Bình", "tỉnh"),
    ("Quảng Nam", "tỉnh"),
    ("Quảng Ngãi", "tỉnh"),
    ("Quảng Ninh", "tỉnh"),
    ("Quảng Trị", "tỉnh"),
    ("Sóc Trăng", "tỉnh"),
    ("Sơn La", "tỉnh"),
    ("Tây Ninh", "tỉnh"),
    ("Thái Bình", "tỉnh"),
    ("Thái Nguyên", "tỉnh"),
    ("Thanh Hóa", "tỉnh"),
    ("Thừa Thiên Huế", "tỉnh"),
    ("Tiền Giang", "tỉnh"),
    ("Trà Vinh", "tỉnh"),
    ("Tuyên Quang", "tỉnh"),
    ("Vĩnh Long", "tỉnh"),
    ("Vĩnh Phúc", "tỉnh"),
    ("Yên Bái", "tỉnh"),
];

/// Other spellings of province names: (alias, name).
pub const PROVINCE_ALIASES: &[(&str, &str)] = &[
    ("TP.HCM", "Hồ Chí Minh"),
    ("TPHCM", "Hồ Chí Minh"),
    ("HCM", "Hồ Chí Minh"),
    ("Sài Gòn", "Hồ Chí Minh"),
    ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
    ("Đắc Lắc", "Đắk Lắk"),
];

/// District-level units known by name: (name, kind, province). Every unit of Hà Nội, and
/// those of the other centrally-run cities. Units of other provinces are open class: they
/// are recognised after a level word ("huyện Lâm Hà").
pub const DISTRICTS: &[(&str, &str, &str)] = &[
    ("Ba Đình", "quận", "Hà Nội"),
    ("Hoàn Kiếm", "quận", "Hà Nội"),
    ("Tây Hồ", "quận", "Hà Nội"),
    ("Long Biên", "quận", "Hà Nội"),
    ("Cầu Giấy", "quận", "Hà Nội"),
    ("Đống Đa", "quận", "Hà Nội"),
    ("Hai Bà Trưng", "quận", "Hà Nội"),
    ("Hoàng Mai", "quận", "Hà Nội"),
    ("Thanh Xuân", "quận", "Hà Nội"),
    ("Nam Từ Liêm", "quận", "Hà Nội"),
    ("Bắc Từ Liêm", "quận", "Hà Nội"),
    ("Hà Đông", "quận", "Hà Nội"),
    ("Sơn Tây", "thị xã", "Hà Nội"),
    ("Ba Vì", "huyện", "Hà Nội"),
    ("Chương Mỹ", "huyện", "Hà Nội"),
    ("Đan Phượng", "huyện", "Hà Nội"),
    ("Đông Anh", "huyện", "Hà Nội"),
    ("Gia Lâm", "huyện", "Hà Nội"),
    ("Hoài Đức", "huyện", "Hà Nội"),
    ("Mê Linh", "huyện", "Hà Nội"),
    ("Mỹ Đức", "huyện", "Hà Nội"),
    ("Phú Xuyên", "huyện", "Hà Nội"),
    ("Phúc Thọ", "huyện", "Hà Nội"),
    ("Quốc Oai", "huyện", "Hà Nội"),
    ("Sóc Sơn", "huyện", "Hà Nội"),
    ("Thạch Thất", "huyện", "Hà Nội"),
    ("Thanh Oai", "huyện", "Hà Nội"),
    ("Thanh Trì", "huyện", "Hà Nội"),
    ("Thường Tín", "huyện", "Hà Nội"),
    ("Ứng Hòa", "huyện", "Hà Nội"),
    ("Quận 1", "quận", "Hồ Chí Minh"),
    ("Quận 3", "quận", "Hồ Chí Minh"),
    ("Quận 4", "quận", "Hồ Chí Minh"),
    ("Quận 5", "quận", "Hồ Chí Minh"),
    ("Quận 6", "quận", "Hồ Chí Minh"),
    ("Quận 7", "quận", "Hồ Chí Minh"),
    ("Quận 8", "quận", "Hồ Chí Minh"),
    ("Quận 10", "quận", "Hồ Chí Minh"),
    ("Quận 11", "quận", "Hồ Chí Minh"),
    ("Quận 12", "quận", "Hồ Chí Minh"),
    ("Bình Tân", "quận", "Hồ Chí Minh"),
    ("Bình Thạnh", "quận", "Hồ Chí Minh"),
    ("Gò Vấp", "quận", "Hồ Chí Minh"),
    ("Phú Nhuận", "quận", "Hồ Chí Minh"),
    ("Tân Bình", "quận", "Hồ Chí Minh"),
    ("Tân Phú", "quận", "Hồ Chí Minh"),
    ("Thủ Đức", "thành phố", "Hồ Chí Minh"),
    ("Bình Chánh", "huyện", "Hồ Chí Minh"),
    ("Cần Giờ", "huyện", "Hồ Chí Minh"),
    ("Củ Chi", "huyện", "Hồ Chí Minh"),
    ("Hóc Môn", "huyện", "Hồ Chí Minh"),
    ("Nhà Bè", "huyện", "Hồ Chí Minh"),
    ("Hồng Bàng", "quận", "Hải Phòng"),
    ("Ngô Quyền", "quận", "Hải Phòng"),
    ("Lê Chân", "quận", "Hải Phòng"),
    ("Hải An", "quận", "Hải Phòng"),
    ("Kiến An", "quận", "Hải Phòng"),
    ("Đồ Sơn", "quận", "Hải Phòng"),
    ("Dương Kinh", "quận", "Hải Phòng"),
    ("An Dương", "quận", "Hải Phòng"),
    ("Thủy Nguyên", "thành phố", "Hải Phòng"),
    ("An Lão", "huyện", "Hải Phòng"),
    ("Kiến Thụy", "huyện", "Hải Phòng"),
    ("Tiên Lãng", "huyện", "Hải Phòng"),
    ("Vĩnh Bảo", "huyện", "Hải Phòng"),
    ("Cát Hải", "huyện", "Hải Phòng"),
    ("Bạch Long Vĩ", "huyện", "Hải Phòng"),
    ("Hải Châu", "quận", "Đà Nẵng"),
    ("Thanh Khê", "quận", "Đà Nẵng"),
    ("Sơn Trà", "quận", "Đà Nẵng"),
    ("Ngũ Hành Sơn", "quận", "Đà Nẵng"),
    ("Liên Chiểu", "quận", "Đà Nẵng"),
    ("Cẩm Lệ", "quận", "Đà Nẵng"),
    ("Hòa Vang", "huyện", "Đà Nẵng"),
    ("Ninh Kiều", "quận", "Cần Thơ"),
    ("Bình Thủy", "quận", "Cần Thơ"),
    ("Cái Răng", "quận", "Cần Thơ"),
    ("Ô Môn", "quận", "Cần Thơ"),
    ("Thốt Nốt", "quận", "Cần Thơ"),
    ("Phong Điền", "huyện", "Cần Thơ"),
    ("Cờ Đỏ", "huyện", "Cần Thơ"),
    ("Thới Lai", "huyện", "Cần Thơ"),
    ("Vĩnh Thạnh", "huyện", "Cần Thơ"),
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
    SURNAMES.contains(&word)
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

    #[test]
    fn every_district_names_a_known_province() {
        for (name, _, province) in DISTRICTS {
            assert!(PROVINCES.iter().any(|(p, _)| p == province), "{name}");
        }
    }
}
