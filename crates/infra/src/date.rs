//! Calendar dates and instants without a clock: parsing, day arithmetic and
//! the Europe/Amsterdam calendar date of an instant.
//!
//! The core never reads the time; callers pass "today" or "now" in. Keeping
//! this arithmetic here (rather than in the bindings) is what makes browser,
//! Node and native agree on every date.

use std::fmt;

/// A proleptic Gregorian calendar date, as written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// Builds a date if `year-month-day` exists in the calendar (years 1–9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits, calendar-valid).
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = digits(&b[0..4])?;
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        Date::new(year as i32, month as u8, day as u8)
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if within years 1–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month as u8, day as u8)
    }

    /// Whole days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// Whole calendar months from `self` to `later` (0 when `later` is
    /// not later): 2026-01-31 to 2026-02-28 is 0 months, to 2026-03-01 one.
    pub fn months_until(self, later: Date) -> u32 {
        let months = (i64::from(later.year) - i64::from(self.year)) * 12 + i64::from(later.month)
            - i64::from(self.month)
            - i64::from(later.day < self.day);
        u32::try_from(months.max(0)).unwrap_or(0)
    }

    /// The month (1–12).
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }
}

impl Date {
    /// `YYYY-MM-DD`, written without the formatting machinery (every
    /// evaluation writes its date).
    pub fn to_iso(self) -> String {
        let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
        let year = self.year.clamp(0, 9999) as u32;
        let (month, day) = (u32::from(self.month), u32::from(self.day));
        [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            '-',
            digit(month / 10),
            digit(month),
            '-',
            digit(day / 10),
            digit(day),
        ]
        .iter()
        .collect()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

/// An instant with millisecond precision, written `YYYY-MM-DDTHH:MM:SS.mmmZ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant {
    millis_since_epoch: i64,
}

impl Instant {
    /// 1970-01-01T00:00:00.000Z.
    pub const EPOCH: Instant = Instant { millis_since_epoch: 0 };

    /// The instant `millis` milliseconds after 1970-01-01T00:00:00Z.
    pub fn from_millis(millis: i64) -> Option<Instant> {
        let instant = Instant { millis_since_epoch: millis };
        // Only instants whose UTC date is in years 1–9999 can be written.
        Date::from_days_since_epoch(millis.div_euclid(MILLIS_PER_DAY)).map(|_| instant)
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub fn millis(self) -> i64 {
        self.millis_since_epoch
    }

    /// Parses an RFC 3339 UTC instant: `YYYY-MM-DDTHH:MM:SS[.f…]Z`, with at
    /// most millisecond precision kept (more digits must be zeros).
    pub fn parse(text: &str) -> Option<Instant> {
        let b = text.as_bytes();
        if b.len() < 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let date = Date::parse(text.get(0..10)?)?;
        let hour = digits(&b[11..13])?;
        let minute = digits(&b[14..16])?;
        let second = digits(&b[17..19])?;
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        let rest = &b[19..];
        let (fraction, zone) = match rest.first() {
            Some(b'.') => {
                let end = rest.iter().position(|c| !c.is_ascii_digit() && *c != b'.')?;
                (&rest[1..end], &rest[end..])
            }
            _ => (&rest[0..0], rest),
        };
        if zone != b"Z" || (rest.first() == Some(&b'.') && fraction.is_empty()) {
            return None;
        }
        if fraction.len() > 9 || !fraction.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut millis = 0i64;
        for (i, c) in fraction.iter().enumerate() {
            let d = i64::from(c - b'0');
            if i < 3 {
                millis = millis * 10 + d;
            } else if d != 0 {
                return None;
            }
        }
        for _ in fraction.len()..3 {
            millis *= 10;
        }
        let seconds =
            date.days_since_epoch() * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
        Instant::from_millis(seconds * 1000 + millis)
    }

    /// The UTC calendar date of this instant.
    pub fn utc_date(self) -> Date {
        Date::from_days_since_epoch(self.millis_since_epoch.div_euclid(MILLIS_PER_DAY)).unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        })
    }

    /// The calendar date in Europe/Amsterdam at this instant: UTC+1, and
    /// UTC+2 from 01:00 UTC on the last Sunday of March until 01:00 UTC on the
    /// last Sunday of October (EU summer time, Directive 2000/84/EC).
    pub fn amsterdam_date(self) -> Date {
        let year = self.utc_date().year();
        let summer_start = last_sunday_millis(year, 3) + HOUR;
        let summer_end = last_sunday_millis(year, 10) + HOUR;
        let offset = if (summer_start..summer_end).contains(&self.millis_since_epoch) { 2 * HOUR } else { HOUR };
        Instant { millis_since_epoch: self.millis_since_epoch + offset }.utc_date()
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms_of_day = self.millis_since_epoch.rem_euclid(MILLIS_PER_DAY);
        let seconds = ms_of_day / 1000;
        write!(
            f,
            "{}T{:02}:{:02}:{:02}.{:03}Z",
            self.utc_date(),
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60,
            ms_of_day % 1000
        )
    }
}

const HOUR: i64 = 3_600_000;
const MILLIS_PER_DAY: i64 = 86_400_000;

fn last_sunday_millis(year: i32, month: u8) -> i64 {
    let last = Date { year, month, day: days_in_month(year, month) }.days_since_epoch();
    // 1970-01-01 was a Thursday; (days + 4) mod 7 is 0 on Sundays.
    let sunday = last - (last + 4).rem_euclid(7);
    sunday * MILLIS_PER_DAY
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_calendar_dates() {
        assert_eq!(Date::parse("2024-02-29").map(|d| d.to_string()), Some("2024-02-29".into()));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "24-01-01",
            "2024-1-01",
            "2024-01-01 ",
            "２０２４-01-01",
            "0000-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn day_arithmetic_round_trips() {
        for days in [-719_162, -1, 0, 1, 19_000, 2_932_896] {
            let date = Date::from_days_since_epoch(days).expect("in range");
            assert_eq!(date.days_since_epoch(), days);
        }
        let a = Date::parse("2025-11-28").expect("valid");
        let b = Date::parse("2026-11-28").expect("valid");
        assert_eq!(a.days_until(b), 365);
    }

    #[test]
    fn instants_parse_and_print_in_millisecond_form() {
        let i = Instant::parse("2026-11-28T20:15:00Z").expect("valid");
        assert_eq!(i.to_string(), "2026-11-28T20:15:00.000Z");
        let i = Instant::parse("2026-11-28T20:15:00.12Z").expect("valid");
        assert_eq!(i.to_string(), "2026-11-28T20:15:00.120Z");
        assert!(Instant::parse("2026-11-28T20:15:00.1234Z").is_none());
        assert!(Instant::parse("2026-11-28T20:15:00+01:00").is_none());
        assert!(Instant::parse("2026-11-28T24:00:00Z").is_none());
        assert!(Instant::parse("2026-11-28T20:15:00.Z").is_none());
    }

    #[test]
    fn amsterdam_date_follows_eu_summer_time() {
        let date = |s: &str| Instant::parse(s).expect("valid").amsterdam_date().to_string();
        // Winter: UTC+1.
        assert_eq!(date("2026-01-15T22:59:59.999Z"), "2026-01-15");
        assert_eq!(date("2026-01-15T23:00:00.000Z"), "2026-01-16");
        // Summer: UTC+2.
        assert_eq!(date("2026-07-01T21:59:59.999Z"), "2026-07-01");
        assert_eq!(date("2026-07-01T22:00:00.000Z"), "2026-07-02");
        // 2026 changes: 29 March and 25 October, at 01:00 UTC.
        assert_eq!(date("2026-03-29T00:59:59.999Z"), "2026-03-29");
        assert_eq!(date("2026-10-24T22:30:00.000Z"), "2026-10-25");
        assert_eq!(date("2026-10-25T23:30:00.000Z"), "2026-10-26");
    }
}
