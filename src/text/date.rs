//! Calendar dates as the articles write them (`12/7/2018`, `ngày 27/6`).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date; only valid dates can be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year, e.g. 2020.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31.
    pub day: u8,
}

impl Date {
    /// Today's date (UTC) by the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64)
    }

    /// Days since 1970-01-01 (negative before): the inverse of [`Date::from_days`].
    pub fn days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DD`, or a prefix of it (`YYYY`, `YYYY-MM`) read as its first day; `None`
    /// for anything else or a day that does not exist.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next().map_or(Some(1), |m| m.parse().ok())?;
        let day = parts.next().map_or(Some(1), |d| d.parse().ok())?;
        Date::new(year, month, day)
    }

    /// The date `days` after 1970-01-01 (the civil-from-days algorithm of H. Hinnant).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// A date, or `None` when the day does not exist (31/4, 29/2 of a common year).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    /// ISO 8601: `2018-07-12`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Picks the year of a day and month written without one: the year of `reference` (the
/// article's publication), or the year before when the day would fall after it (an article
/// of 5 January reporting "ngày 28/12").
pub fn complete_year(month: u32, day: u32, reference: Date) -> Option<Date> {
    let same = Date::new(reference.year, month, day)?;
    if same > reference {
        Date::new(reference.year - 1, month, day).or(Some(same))
    } else {
        Some(same)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_1970_give_the_civil_date() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(11_016).to_string(), "2000-02-29");
        assert_eq!(Date::from_days(20_454).to_string(), "2026-01-01");
        assert_eq!(Date::from_days(-1).to_string(), "1969-12-31");
        for days in [-800_000, -1, 0, 11_016, 20_454, 2_000_000] {
            assert_eq!(Date::from_days(days).days(), days);
        }
        assert_eq!(Date::parse_iso("2018-07-12"), Date::new(2018, 7, 12));
        assert_eq!(Date::parse_iso("2018"), Date::new(2018, 1, 1));
        assert_eq!(Date::parse_iso("2018-02-30"), None);
        assert_eq!(Date::parse_iso("12/07/2018"), None);
    }

    #[test]
    fn rejects_impossible_days() {
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2024, 13, 1).is_none());
        assert!(Date::new(2024, 4, 31).is_none());
    }

    #[test]
    fn prints_iso() {
        assert_eq!(Date::new(2019, 3, 5).unwrap().to_string(), "2019-03-05");
    }

    #[test]
    fn completes_a_missing_year_from_the_reference() {
        let published = Date::new(2022, 1, 5).unwrap();
        assert_eq!(
            complete_year(12, 28, published).unwrap().to_string(),
            "2021-12-28"
        );
        assert_eq!(
            complete_year(1, 3, published).unwrap().to_string(),
            "2022-01-03"
        );
    }
}
