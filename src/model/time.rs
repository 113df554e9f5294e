//! Times as readers in Britain read them.
//!
//! Article times arrive as RFC 3339 strings (`2026-11-26T08:15:00Z`). They are
//! shown in UK civil time: GMT in winter, BST (UTC+1) from 01:00 UTC on the
//! last Sunday of March to 01:00 UTC on the last Sunday of October.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The furthest from 1970 an instant may be: about 317,000 years.
const LIMIT_SECONDS: i64 = 10_000_000_000_000;

/// An instant, to the second, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    unix_seconds: i64,
}

/// A [`Timestamp`] broken into UK civil time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UkTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    /// `"GMT"` or `"BST"`.
    pub zone: &'static str,
}

impl Timestamp {
    /// The instant `unix_seconds` after 1970-01-01T00:00:00Z, held within
    /// about 300,000 years of it so that no calendar arithmetic overflows.
    pub fn from_unix(unix_seconds: i64) -> Self {
        Timestamp {
            unix_seconds: unix_seconds.clamp(-LIMIT_SECONDS, LIMIT_SECONDS),
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(self) -> i64 {
        self.unix_seconds
    }

    /// Parses an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, optional
    /// fractional seconds (dropped), then `Z` or an offset `±HH:MM`.
    ///
    /// Works on bytes, never on `str` indices, so no input (non-ASCII
    /// characters where digits belong, truncated text) can make it panic.
    pub fn parse_rfc3339(text: &str) -> Result<Self, String> {
        // Display, not Debug: the browser build formats no Debug output.
        let bad = || format!("\"{text}\" is not an RFC 3339 date-time like 2026-11-26T08:15:00Z");
        let bytes = text.as_bytes();
        let at = |i: usize| bytes.get(i).copied();
        if at(4) != Some(b'-')
            || at(7) != Some(b'-')
            || !matches!(at(10), Some(b'T' | b't' | b' '))
            || at(13) != Some(b':')
            || at(16) != Some(b':')
        {
            return Err(bad());
        }
        let num = |from: usize, to: usize| digits(bytes.get(from..to)).ok_or_else(bad);
        let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
        let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
        if !(1..=12).contains(&month)
            || day < 1
            || day > i64::from(days_in_month(year, month as u32))
            || hour > 23
            || minute > 59
            || second > 60
        {
            return Err(bad());
        }
        let mut rest = bytes.get(19..).unwrap_or_default();
        if let Some(fraction) = rest.strip_prefix(b".") {
            let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            if count == 0 {
                return Err(bad());
            }
            rest = fraction.get(count..).unwrap_or_default();
        }
        let offset_seconds = match rest {
            b"Z" | b"z" => 0,
            [sign, h1, h2, b':', m1, m2] => {
                let sign = match sign {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return Err(bad()),
                };
                let hours = digits(Some([*h1, *h2].as_slice())).ok_or_else(bad)?;
                let minutes = digits(Some([*m1, *m2].as_slice())).ok_or_else(bad)?;
                if hours > 23 || minutes > 59 {
                    return Err(bad());
                }
                sign * (hours * 3600 + minutes * 60)
            }
            _ => return Err(bad()),
        };
        let days = days_from_civil(year, month as u32, day as u32);
        let local = days * 86_400 + hour * 3600 + minute * 60 + second.min(59);
        Ok(Timestamp::from_unix(local - offset_seconds))
    }

    /// The instant as RFC 3339 in UTC, for `<time datetime=…>`.
    pub fn to_rfc3339(self) -> String {
        let (days, secs) = (
            self.unix_seconds.div_euclid(86_400),
            self.unix_seconds.rem_euclid(86_400),
        );
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }

    /// The instant as RFC 2822 in GMT, as RSS dates are written:
    /// `Thu, 26 Nov 2026 08:15:00 GMT`.
    pub fn to_rfc2822(self) -> String {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        let (days, secs) = (
            self.unix_seconds.div_euclid(86_400),
            self.unix_seconds.rem_euclid(86_400),
        );
        let (y, m, d) = civil_from_days(days);
        // 1970-01-01 was a Thursday.
        let weekday = DAYS
            .get(days.rem_euclid(7) as usize)
            .copied()
            .unwrap_or_default();
        let month = month_name(m).get(..3).unwrap_or_default();
        format!(
            "{weekday}, {d:02} {month} {y:04} {:02}:{:02}:{:02} GMT",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
    }

    /// Whether British Summer Time is in force at this instant.
    pub fn is_bst(self) -> bool {
        let (year, _, _) = civil_from_days(self.unix_seconds.div_euclid(86_400));
        let starts = days_from_civil(year, 3, last_sunday(year, 3)) * 86_400 + 3600;
        let ends = days_from_civil(year, 10, last_sunday(year, 10)) * 86_400 + 3600;
        (starts..ends).contains(&self.unix_seconds)
    }

    /// The instant in UK civil time.
    pub fn to_uk(self) -> UkTime {
        let bst = self.is_bst();
        let local = self.unix_seconds.saturating_add(if bst { 3600 } else { 0 });
        let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        UkTime {
            year,
            month,
            day,
            hour: (secs / 3600) as u32,
            minute: (secs % 3600 / 60) as u32,
            zone: if bst { "BST" } else { "GMT" },
        }
    }
}

impl UkTime {
    /// `26 November 2026, 08:15 GMT`: how a story's times are shown.
    pub fn long(&self) -> String {
        format!("{}, {} {}", self.date(), self.clock(), self.zone)
    }

    /// `26 November 2026`.
    pub fn date(&self) -> String {
        format!("{} {} {}", self.day, month_name(self.month), self.year)
    }

    /// `08:15`.
    pub fn clock(&self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse_rfc3339(&text).map_err(serde::de::Error::custom)
    }
}

/// The value of a run of ASCII digits; `None` for anything else, or nothing.
fn digits(bytes: Option<&[u8]>) -> Option<i64> {
    let bytes = bytes.filter(|b| !b.is_empty() && b.len() <= 18)?;
    bytes.iter().try_fold(0i64, |value, byte| {
        byte.is_ascii_digit()
            .then(|| value * 10 + i64::from(byte - b'0'))
    })
}

const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// "Friday" for 27 November 2026: the day of the week of a date.
pub fn weekday(year: i64, month: u32, day: u32) -> &'static str {
    // 1970-01-01 was a Thursday: weekday 4 when Sunday is 0.
    let index = (days_from_civil(year, month, day) + 4).rem_euclid(7) as usize;
    WEEKDAYS.get(index).copied().unwrap_or_default()
}

/// The UK dates from `first` to `last`, as briefly as they read:
/// "5 November 2026", "3 to 5 November 2026", "30 October to 5 November
/// 2026", "30 December 2025 to 2 January 2026".
pub fn date_span(first: Timestamp, last: Timestamp) -> String {
    let (a, b) = (first.to_uk(), last.to_uk());
    if (a.year, a.month, a.day) == (b.year, b.month, b.day) {
        a.date()
    } else if (a.year, a.month) == (b.year, b.month) {
        format!("{} to {}", a.day, b.date())
    } else if a.year == b.year {
        format!("{} {} to {}", a.day, month_name(a.month), b.date())
    } else {
        format!("{} to {}", a.date(), b.date())
    }
}

/// "January" for 1, …; empty for a month that does not exist.
pub(crate) fn month_name(month: u32) -> &'static str {
    (month as usize)
        .checked_sub(1)
        .and_then(|index| MONTHS.get(index))
        .copied()
        .unwrap_or_default()
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The day of the month of the last Sunday in `month`.
fn last_sunday(year: i64, month: u32) -> u32 {
    let last = days_in_month(year, month);
    // 1970-01-01 was a Thursday: weekday 4 when Sunday is 0.
    let weekday = (days_from_civil(year, month, last) + 4).rem_euclid(7) as u32;
    last - weekday
}

#[cfg(test)]
mod tests {
    use super::*;
    use test_case::test_case;

    #[test_case("2026-11-05T08:00:00Z", "2026-11-05T20:00:00Z", "5 November 2026" ; "one day")]
    #[test_case("2026-11-03T08:00:00Z", "2026-11-05T08:00:00Z", "3 to 5 November 2026" ; "one month")]
    #[test_case("2026-10-30T08:00:00Z", "2026-11-05T08:00:00Z", "30 October to 5 November 2026" ; "one year")]
    #[test_case("2025-12-30T08:00:00Z", "2026-01-02T08:00:00Z", "30 December 2025 to 2 January 2026" ; "two years")]
    // 23:30 UTC on 30 June is 00:30 BST on 1 July: spans are of UK dates.
    #[test_case("2026-06-30T23:30:00Z", "2026-07-01T08:00:00Z", "1 July 2026" ; "a UK date")]
    fn a_date_span_says_each_part_once(first: &str, last: &str, said: &str) {
        let at = |text: &str| Timestamp::parse_rfc3339(text).unwrap();
        assert_eq!(date_span(at(first), at(last)), said);
    }

    #[test]
    fn days_of_the_week() {
        assert_eq!(weekday(2026, 11, 27), "Friday");
        assert_eq!(weekday(1970, 1, 1), "Thursday");
        assert_eq!(weekday(2024, 2, 29), "Thursday");
    }

    fn uk(text: &str) -> String {
        Timestamp::parse_rfc3339(text).unwrap().to_uk().long()
    }

    #[test]
    fn winter_times_are_shown_in_gmt() {
        assert_eq!(uk("2026-11-26T08:15:00Z"), "26 November 2026, 08:15 GMT");
    }

    #[test]
    fn summer_times_are_shown_in_bst_an_hour_ahead() {
        assert_eq!(uk("2026-07-01T23:30:00Z"), "2 July 2026, 00:30 BST");
    }

    #[test_case("2026-03-29T00:59:59Z", "GMT" ; "2026-03-29T00:59:59Z is GMT")]
    #[test_case("2026-03-29T01:00:00Z", "BST" ; "2026-03-29T01:00:00Z is BST")]
    #[test_case("2026-10-25T00:59:59Z", "BST" ; "2026-10-25T00:59:59Z is BST")]
    #[test_case("2026-10-25T01:00:00Z", "GMT" ; "2026-10-25T01:00:00Z is GMT")]
    #[test_case("2027-03-28T01:00:00Z", "BST" ; "2027-03-28T01:00:00Z is BST")]
    #[test_case("2027-10-31T00:30:00Z", "BST" ; "2027-10-31T00:30:00Z is BST")]
    #[test_case("2027-10-31T01:30:00Z", "GMT" ; "2027-10-31T01:30:00Z is GMT")]
    // 2026: the last Sunday of March is the 29th, of October the 25th;
    // 2027: 28 March and 31 October.
    fn clocks_change_at_one_in_the_morning_utc_on_the_last_sundays(text: &str, zone: &str) {
        assert_eq!(Timestamp::parse_rfc3339(text).unwrap().to_uk().zone, zone);
    }

    #[test]
    fn offsets_and_fractions_are_understood() {
        let a = Timestamp::parse_rfc3339("2026-11-26T09:15:00+01:00").unwrap();
        let b = Timestamp::parse_rfc3339("2026-11-26T08:15:00.123Z").unwrap();
        let c = Timestamp::parse_rfc3339("2026-11-26T03:15:00-05:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(b, c);
    }

    #[test]
    fn round_trips_through_rfc3339_in_utc() {
        for text in [
            "1970-01-01T00:00:00Z",
            "2000-02-29T12:00:00Z",
            "2026-12-31T23:59:59Z",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(text).unwrap().to_rfc3339(), text);
        }
    }

    #[test]
    fn rejects_what_is_not_a_date_time() {
        for text in [
            "",
            "yesterday",
            "2026-11-26",
            "2026-11-26T08:15:00",
            "2026-13-01T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-11-26T24:00:00Z",
            "2026-11-26T08:15:00+0100",
            "2026-11-26T08:15:00.Z",
            "2026-1a-26T08:15:00Z",
        ] {
            assert!(
                Timestamp::parse_rfc3339(text).is_err(),
                "{text:?} was accepted"
            );
        }
    }

    #[test]
    fn hostile_dates_are_refused_never_panicking() {
        for text in [
            "2026-11-26T08:15:0é",
            "2026-11-26T08:15:00éZ",
            "éééé-11-26T08:15:00Z",
            "2026-02-30T08:15:00Z",
            "",
            "9999999999-11-26T08:15:00Z",
            "2026-11-26T08:15:00+24:00",
            "2026-11-26T08:15:00+0é:00",
            "2026-11-26T08:15:00.é",
            "2026-11-26T08:15:00.5é",
            "2026-11-26T08:15:00+01:0é",
            "2026-11-26T08:15:00-01:60",
            "2026-11-26T08:1",
            "2026-11-26T",
            "\u{0}",
            "😀😀😀😀😀😀😀😀😀😀",
            "2026-11-26T08:15:00Z\u{0}",
            "+026-11-26T08:15:00Z",
            "-026-11-26T08:15:00Z",
        ] {
            assert!(
                Timestamp::parse_rfc3339(text).is_err(),
                "{text:?} was accepted"
            );
        }
    }

    #[test]
    fn the_last_valid_instants_of_the_format_still_work() {
        let last = Timestamp::parse_rfc3339("9999-12-31T23:59:60-23:59").unwrap();
        assert_eq!(last.to_rfc3339(), "10000-01-01T23:58:59Z");
        let first = Timestamp::parse_rfc3339("0000-01-01T00:00:00+23:59").unwrap();
        assert!(first.to_uk().long().ends_with("GMT"));
    }

    #[test]
    fn extreme_instants_format_without_overflowing() {
        for seconds in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX - 1, i64::MAX] {
            let t = Timestamp::from_unix(seconds);
            assert!(!t.to_uk().long().is_empty());
            assert!(!t.to_rfc3339().is_empty());
        }
    }

    #[test_case("2026-11-26T08:15:00Z", "Thu, 26 Nov 2026 08:15:00 GMT" ; "2026-11-26T08:15:00Z")]
    #[test_case("2026-07-01T23:30:00+01:00", "Wed, 01 Jul 2026 22:30:00 GMT" ; "2026-07-01T23:30:00+01:00")]
    #[test_case("1970-01-01T00:00:00Z", "Thu, 01 Jan 1970 00:00:00 GMT" ; "1970-01-01T00:00:00Z")]
    #[test_case("2000-02-29T12:00:00Z", "Tue, 29 Feb 2000 12:00:00 GMT" ; "2000-02-29T12:00:00Z")]
    fn rss_dates_are_rfc_2822_in_gmt_with_the_weekday(text: &str, rss: &str) {
        assert_eq!(Timestamp::parse_rfc3339(text).unwrap().to_rfc2822(), rss);
    }

    #[test]
    fn clock_is_zero_padded() {
        let t = Timestamp::parse_rfc3339("2026-01-05T07:04:00Z")
            .unwrap()
            .to_uk();
        assert_eq!(t.clock(), "07:04");
        assert_eq!(t.date(), "5 January 2026");
    }
}
