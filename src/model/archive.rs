//! The archive by date: every month with stories (`/archive`), the days of
//! a month (`/archive/<yyyy>/<mm>`) and the stories of a day (a
//! [`StoryIndex`](super::StoryIndex) at `/archive/<yyyy>/<mm>/<dd>`), so
//! that every story can be reached by links however big the archive grows.
//! Days are UK dates.

use super::decode::{decode_each, Decoded};
use super::time::month_name;
use super::DecodeError;
use crate::routes::{Day, Month, Route};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// How many stories a month or a day has, in the archive's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateCount {
    pub year: i64,
    pub month: u32,
    /// The day, in a month's list; none in the archive's list of months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    pub stories: usize,
}

impl DateCount {
    /// The page it links to.
    pub fn route(&self) -> Route {
        let month = Month {
            year: self.year,
            month: self.month,
        };
        match self.day {
            Some(day) => Route::ArchiveDay(Day {
                year: self.year,
                month: self.month,
                day,
            }),
            None => Route::ArchiveMonth(month),
        }
    }

    /// "November 2026" for a month, "27 November" for a day.
    pub fn label(&self) -> String {
        match self.day {
            Some(day) => format!("{day} {}", month_name(self.month)),
            None => format!("{} {}", month_name(self.month), self.year),
        }
    }

    fn check(&self) -> Result<(), String> {
        let month_ok = (1..=12).contains(&self.month);
        let day_ok = self.day.is_none_or(|day| (1..=31).contains(&day));
        if !month_ok || !day_ok || !(1..=9999).contains(&self.year) {
            Err("it is not a date".into())
        } else {
            Ok(())
        }
    }
}

/// `/api/v1/archive.json`: every month with stories, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveIndex {
    pub months: Vec<DateCount>,
}

/// `/api/v1/archive/<yyyy>/<mm>.json`: the days of a month with stories,
/// newest first, and the months either side that have stories.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveMonth {
    pub days: Vec<DateCount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer: Option<Month>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older: Option<Month>,
}

impl ArchiveIndex {
    /// Decodes the list; a month that is not a date is left out.
    pub fn from_json(json: &str) -> Result<Decoded<Self>, DecodeError> {
        #[derive(Deserialize)]
        struct Wire<'a> {
            #[serde(borrow)]
            months: Vec<&'a RawValue>,
        }
        let wire: Wire = serde_json::from_str(json).map_err(DecodeError::from_serde)?;
        let (months, skipped) = decode_each("months", &wire.months, DateCount::check);
        Ok(Decoded {
            value: ArchiveIndex { months },
            skipped,
        })
    }
}

impl ArchiveMonth {
    /// Decodes the month; a day that is not a date is left out, and so is
    /// a link to a month that is not one.
    pub fn from_json(json: &str) -> Result<Decoded<Self>, DecodeError> {
        #[derive(Deserialize)]
        struct Wire<'a> {
            #[serde(borrow)]
            days: Vec<&'a RawValue>,
            #[serde(borrow, default)]
            newer: Option<&'a RawValue>,
            #[serde(borrow, default)]
            older: Option<&'a RawValue>,
        }
        let wire: Wire = serde_json::from_str(json).map_err(DecodeError::from_serde)?;
        let (days, skipped) = decode_each("days", &wire.days, DateCount::check);
        let month = |raw: Option<&RawValue>| {
            serde_json::from_str::<Month>(raw?.get())
                .ok()
                .filter(|m| (1..=12).contains(&m.month))
        };
        Ok(Decoded {
            value: ArchiveMonth {
                days,
                newer: month(wire.newer),
                older: month(wire.older),
            },
            skipped,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_days_link_to_their_pages_and_say_their_dates() {
        let month = DateCount {
            year: 2026,
            month: 11,
            day: None,
            stories: 3,
        };
        assert_eq!(month.route().path(), "/archive/2026/11");
        assert_eq!(month.label(), "November 2026");
        let day = DateCount {
            day: Some(7),
            ..month
        };
        assert_eq!(day.route().path(), "/archive/2026/11/07");
        assert_eq!(day.label(), "7 November");
    }

    #[test]
    fn a_date_that_is_not_one_is_left_out() {
        let json = r#"{"days":[
            {"year":2026,"month":11,"day":7,"stories":2},
            {"year":2026,"month":13,"day":7,"stories":2},
            {"year":2026,"month":11,"day":32,"stories":2},
            {"year":2026,"month":11,"day":8,"stories":-1}
        ],"newer":{"year":2026,"month":12},"older":{"year":2026,"month":0}}"#;
        let month = ArchiveMonth::from_json(json).unwrap();
        assert_eq!(month.value.days.len(), 1);
        assert_eq!(month.skipped.len(), 3);
        assert_eq!(
            month.value.newer,
            Some(Month {
                year: 2026,
                month: 12
            })
        );
        assert_eq!(month.value.older, None);
        assert!(ArchiveIndex::from_json(r#"{"days":[]}"#).is_err());
        assert!(ArchiveIndex::from_json("[]").is_err());
    }
}
