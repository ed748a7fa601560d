//! Reading the dates that real Jekyll posts carry.
//!
//! Front matter dates come in many shapes (`2013-9-3`, `2022-01-12 21:11:17
//! +0800`, `2019-08-20T10:00:00.000000000-05:00`, ...). A date without an
//! offset is read in the site's time zone, resolved with the tz database, and
//! the result keeps the offset the author saw.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// The site's time zone: a tz database zone, or UTC when none is configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteZone(pub Tz);

impl Default for SiteZone {
    fn default() -> Self {
        SiteZone(Tz::UTC)
    }
}

impl SiteZone {
    /// Reads a zone name such as `Asia/Shanghai`.
    pub fn from_name(name: &str) -> Option<Self> {
        name.trim().parse::<Tz>().ok().map(SiteZone)
    }

    /// The zone's name.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// Places a wall-clock time in this zone. A time skipped by a daylight
    /// saving change moves forward by an hour; an ambiguous one takes the
    /// earlier instant.
    pub fn localize(&self, naive: NaiveDateTime) -> DateTime<FixedOffset> {
        let resolved = match self.0.from_local_datetime(&naive) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t),
            LocalResult::None => self.0.from_local_datetime(&(naive + chrono::Duration::hours(1))).earliest(),
        };
        match resolved {
            Some(t) => whole_minute_offset(t.fixed_offset()),
            None => naive.and_utc().fixed_offset(),
        }
    }
}

/// The same instant with its offset rounded to whole minutes. RFC 3339 (and
/// so the bundle) cannot write offset seconds, which historical zones have:
/// Asia/Shanghai was +08:05:43 local mean time before 1901. Without this, a
/// written date would name another instant than the one parsed.
fn whole_minute_offset(date: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let seconds = date.offset().local_minus_utc();
    let rounded = (seconds + 30).div_euclid(60) * 60;
    match FixedOffset::east_opt(rounded) {
        Some(offset) if rounded != seconds => date.with_timezone(&offset),
        _ => date,
    }
}

/// Parses a front matter date.
///
/// Accepted: `YYYY-M-D`, optionally followed by `T` or spaces and
/// `H:MM`, `H:MM:SS` or `H:MM:SS.fraction`, optionally followed by `Z`,
/// `UTC`, `GMT`, `+HH`, `+HHMM` or `+HH:MM` (or `-`). Returns `None` for
/// anything else.
///
/// ```
/// use folio_cli::{parse_jekyll_date, SiteZone};
///
/// let shanghai = SiteZone::from_name("Asia/Shanghai").unwrap();
/// let d = parse_jekyll_date("2022-01-12 21:11:17 +0800", shanghai).unwrap();
/// assert_eq!(d.to_rfc3339(), "2022-01-12T21:11:17+08:00");
/// assert_eq!(parse_jekyll_date("2013-9-3", shanghai).unwrap().to_rfc3339(), "2013-09-03T00:00:00+08:00");
/// assert!(parse_jekyll_date("2017-02-10 00:10::00 -03:00", shanghai).is_none());
/// ```
pub fn parse_jekyll_date(text: &str, zone: SiteZone) -> Option<DateTime<FixedOffset>> {
    let mut s = Cursor(text.trim());
    let year = s.number(4, 4)?;
    s.expect('-')?;
    let month = s.number(1, 2)?;
    s.expect('-')?;
    let day = s.number(1, 2)?;
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let mut time = NaiveTime::MIN;
    let had_separator = s.eat('T') || s.eat('t') || s.skip_spaces();
    if had_separator && s.peek().is_some_and(|c| c.is_ascii_digit()) {
        let hour = s.number(1, 2)?;
        s.expect(':')?;
        let minute = s.number(1, 2)?;
        let mut second = 0;
        let mut nanos = 0;
        if s.eat(':') {
            second = s.number(1, 2)?;
            if s.eat('.') || s.eat(',') {
                let digits = s.digits();
                if digits.is_empty() {
                    return None;
                }
                let padded: String = digits.chars().chain(std::iter::repeat('0')).take(9).collect();
                nanos = padded.parse().ok()?;
            }
        }
        time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
        s.skip_spaces();
    }
    let naive = date.and_time(time);
    let offset = s.offset()?;
    if !s.0.is_empty() {
        return None;
    }
    match offset {
        None => Some(zone.localize(naive)),
        Some(seconds) => {
            let offset = FixedOffset::east_opt(seconds)?;
            offset.from_local_datetime(&naive).single()
        }
    }
}

/// The date at the start of a Jekyll post file name, and the rest of the
/// name: `2013-9-3-x` gives 2013-09-03 and `x`. Month and day need not be
/// zero-padded.
pub fn filename_date(stem: &str) -> Option<(NaiveDate, &str)> {
    let mut s = Cursor(stem);
    let year = s.number(4, 4)?;
    s.expect('-')?;
    let month = s.number(1, 2)?;
    s.expect('-')?;
    let day = s.number(1, 2)?;
    s.expect('-')?;
    if s.0.is_empty() {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some((date, s.0))
}

struct Cursor<'a>(&'a str);

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.0.chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        match self.0.strip_prefix(c) {
            Some(rest) => {
                self.0 = rest;
                true
            }
            None => false,
        }
    }

    fn expect(&mut self, c: char) -> Option<()> {
        self.eat(c).then_some(())
    }

    fn skip_spaces(&mut self) -> bool {
        let trimmed = self.0.trim_start_matches([' ', '\t']);
        let skipped = trimmed.len() != self.0.len();
        self.0 = trimmed;
        skipped
    }

    fn digits(&mut self) -> &str {
        let end = self.0.find(|c: char| !c.is_ascii_digit()).unwrap_or(self.0.len());
        let (digits, rest) = self.0.split_at(end);
        self.0 = rest;
        digits
    }

    /// Reads `min` to `max` digits (as many as there are, up to `max`).
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let end = self.0.find(|c: char| !c.is_ascii_digit()).unwrap_or(self.0.len()).min(max);
        if end < min {
            return None;
        }
        let (digits, rest) = self.0.split_at(end);
        self.0 = rest;
        digits.parse().ok()
    }

    /// An optional UTC offset in seconds; `Some(None)` when there is none.
    fn offset(&mut self) -> Option<Option<i32>> {
        if self.0.is_empty() {
            return Some(None);
        }
        for utc in ["Z", "z", "UTC", "GMT"] {
            if self.0 == utc {
                self.0 = "";
                return Some(Some(0));
            }
        }
        let sign = if self.eat('+') {
            1
        } else if self.eat('-') {
            -1
        } else {
            return None;
        };
        let hours = self.number(2, 2)?;
        let minutes = if self.eat(':') || self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.number(2, 2)?
        } else {
            0
        };
        if hours > 23 || minutes > 59 {
            return None;
        }
        Some(Some(sign * i32::try_from(hours * 3600 + minutes * 60).ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shanghai() -> SiteZone {
        SiteZone::from_name("Asia/Shanghai").unwrap()
    }

    #[test]
    fn every_documented_shape_parses() {
        let cases: &[(&str, &str)] = &[
            ("2013-05-06", "2013-05-06T00:00:00+08:00"),
            ("2013-9-3", "2013-09-03T00:00:00+08:00"),
            ("2016-01-05 21:11", "2016-01-05T21:11:00+08:00"),
            ("2022-01-12 21:11:17", "2022-01-12T21:11:17+08:00"),
            ("2019-09-2 9:05:07", "2019-09-02T09:05:07+08:00"),
            ("2022-01-12 21:11:17 +0800", "2022-01-12T21:11:17+08:00"),
            ("2014-11-05 10:48:22 -0800", "2014-11-05T10:48:22-08:00"),
            ("2010-01-10 13:07:09 +00:00", "2010-01-10T13:07:09+00:00"),
            ("2018-04-19 19:45:15+0530", "2018-04-19T19:45:15+05:30"),
            ("2019-08-20T10:00:00.123456789-05:00", "2019-08-20T10:00:00.123456789-05:00"),
            ("2019-08-20 10:00:00.5 +01:00", "2019-08-20T10:00:00.500+01:00"),
            ("2020-02-02T02:02:02Z", "2020-02-02T02:02:02+00:00"),
            ("2020-02-02 02:02:02 UTC", "2020-02-02T02:02:02+00:00"),
            ("  2020-02-02  ", "2020-02-02T00:00:00+08:00"),
        ];
        for (input, expected) in cases {
            let parsed = parse_jekyll_date(input, shanghai()).unwrap_or_else(|| panic!("{input}"));
            assert_eq!(parsed.to_rfc3339(), *expected, "{input}");
        }
    }

    #[test]
    fn unreadable_dates_are_refused() {
        for input in [
            "2017-02-10 00:10::00 -03:00",
            "Fri Sep  3 11:21:31 CEST 2021",
            "2023-01-29 18:30:22 2023 -0800",
            "2022-02-30",
            "2022-01-12 25:00",
            "20220112",
            "2022-01-12 21:11:17 +08",
            "2022-01-12 21:11:17 +2400",
            "",
        ] {
            let parsed = parse_jekyll_date(input, shanghai());
            // `+08` is accepted as an hour-only offset; everything else fails.
            if input.ends_with("+08") {
                assert!(parsed.is_some());
            } else {
                assert!(parsed.is_none(), "{input} parsed as {parsed:?}");
            }
        }
    }

    #[test]
    fn dst_gaps_and_overlaps_resolve() {
        let la = SiteZone::from_name("America/Los_Angeles").unwrap();
        // 02:30 does not exist on 2021-03-14 in Los Angeles.
        assert_eq!(
            parse_jekyll_date("2021-03-14 02:30", la).unwrap().to_rfc3339(),
            "2021-03-14T03:30:00-07:00"
        );
        // 01:30 happens twice on 2021-11-07; the first (PDT) is taken.
        assert_eq!(
            parse_jekyll_date("2021-11-07 01:30", la).unwrap().to_rfc3339(),
            "2021-11-07T01:30:00-07:00"
        );
    }

    #[test]
    fn file_name_dates() {
        assert_eq!(filename_date("2013-9-3-x"), Some((NaiveDate::from_ymd_opt(2013, 9, 3).unwrap(), "x")));
        assert_eq!(filename_date("2017-2-5-i-dont-like-zeroes").unwrap().1, "i-dont-like-zeroes");
        assert_eq!(filename_date("000_dacaaeb1a3c7b9ba"), None);
        assert_eq!(filename_date("2013-03-19-"), None);
        assert_eq!(filename_date("2013-13-19-x"), None);
    }

    /// Found by the `dates` fuzz target: local mean time in Asia/Shanghai is
    /// +08:05:43, which RFC 3339 cannot write, so the written date named
    /// another instant.
    #[test]
    fn fuzz_lmt_offset_seconds_round_trip_through_rfc3339() {
        let shanghai = SiteZone::from_name("Asia/Shanghai").unwrap();
        let date = parse_jekyll_date("1111-1-1", shanghai).unwrap();
        assert_eq!(date.offset().local_minus_utc() % 60, 0);
        assert_eq!(folio_core::parse_date(&date.to_rfc3339()).unwrap(), date);
        assert_eq!(date.to_rfc3339(), "1111-01-01T00:00:17+08:06");
    }
}
