//! HTTP dates: WinINet's `SYSTEMTIME` and the conversions of
//! `InternetTimeFromSystemTime` / `InternetTimeToSystemTime` (issue 3), also
//! used by `HttpQueryInfo(HTTP_QUERY_FLAG_SYSTEMTIME)`.
//!
//! Writing is strict: one format, RFC 1123 (`Fri, 07 Jan 2005 12:06:35 GMT`).
//! Reading is WinINet's lenient field scanner: the string is cut into runs
//! of letters and digits (any other character separates), and the fields are
//! taken in order — weekday (a name, or a number), then either
//! `day month year hour minute second` (RFC 1123, RFC 850, and the numeric
//! `07-01-2005` form) or, when a month name follows the weekday,
//! `month day hour minute second year` (C's `asctime`). Anything after the
//! seconds (`GMT`, `UTC`, `+0100`, `;`...) is ignored.

use crate::Error;

/// Windows' `SYSTEMTIME`, field for field (UTC).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SystemTime {
    pub year: u16,
    pub month: u16,
    pub day_of_week: u16,
    pub day: u16,
    pub hour: u16,
    pub minute: u16,
    pub second: u16,
    pub milliseconds: u16,
}

/// `INTERNET_RFC1123_FORMAT`: the only format `InternetTimeFromSystemTime` knows.
pub const RFC1123_FORMAT: u32 = 0;
/// `INTERNET_RFC1123_BUFSIZE`: characters an RFC 1123 date needs, with its NUL.
pub const RFC1123_BUFSIZE: usize = 30;

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Formats `t` as an RFC 1123 date, `Fri, 07 Jan 2005 12:06:35 GMT`, the
/// text of `InternetTimeFromSystemTime`.
///
/// The weekday is `t.day_of_week` as given (WinINet does not recompute it).
/// The year is right-aligned in four columns, as WinINet prints it.
/// Fields that cannot be named or do not fit the 29 characters (month
/// outside 1–12, weekday above 6, year above 9999, day/hour/minute/second
/// above 99) give [`Error::InvalidParameter`].
pub fn to_http_date(t: &SystemTime) -> Result<String, Error> {
    let month = usize::from(t.month)
        .checked_sub(1)
        .and_then(|m| MONTHS.get(m));
    let weekday = WEEKDAYS.get(usize::from(t.day_of_week));
    let (Some(month), Some(weekday)) = (month, weekday) else {
        return Err(Error::InvalidParameter);
    };
    if t.year > 9999 || [t.day, t.hour, t.minute, t.second].iter().any(|&v| v > 99) {
        return Err(Error::InvalidParameter);
    }
    Ok(format!(
        "{weekday}, {:02} {month} {:>4} {:02}:{:02}:{:02} GMT",
        t.day, t.year, t.hour, t.minute, t.second
    ))
}

/// Parses an HTTP date in any form WinINet reads (RFC 1123, RFC 850,
/// asctime, and the lenient variants of [`internet_time_to_system_time`]).
///
/// `None` unless the string holds at least a day, a month and a year: this
/// is the strict entry point for HTTP headers, where a half-read date must
/// not be mistaken for one. Missing time fields are zero.
pub fn parse_http_date(s: &str) -> Option<SystemTime> {
    let fields = scan(s);
    if fields.day.is_none() || fields.month.is_none() || fields.year.is_none() {
        return None;
    }
    Some(fields.fill(SystemTime::default()))
}

/// `InternetTimeToSystemTime`: reads as many fields as the string holds and
/// takes the rest from `now` (WinINet starts from the current UTC time and
/// overwrites what it finds, so `"Fr"` or `""` succeed). Milliseconds are
/// zero once a time of day was read. No field is range-checked: `32 Jan`
/// gives day 32, as WinINet does.
pub fn internet_time_to_system_time(s: &str, now: SystemTime) -> SystemTime {
    scan(s).fill(now)
}

/// The current time, UTC, as a `SystemTime` (weekday included).
pub fn now_utc() -> SystemTime {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    from_unix(since.as_secs(), since.subsec_millis() as u16)
}

/// The `SystemTime` of a count of seconds since 1970-01-01 UTC.
pub fn from_unix(secs: u64, milliseconds: u16) -> SystemTime {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days as i64);
    SystemTime {
        year: u16::try_from(year).unwrap_or(u16::MAX),
        month,
        // 1970-01-01 was a Thursday (4).
        day_of_week: ((days + 4) % 7) as u16,
        day,
        hour: (rem / 3600) as u16,
        minute: (rem / 60 % 60) as u16,
        second: (rem % 60) as u16,
        milliseconds,
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`, restated): the one conversion that cookie expiry,
/// certificate validity, FTP listings and `inet`'s FTP dates share.
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Proleptic Gregorian date of a day count from 1970-01-01 (Howard
/// Hinnant's `civil_from_days`, restated).
fn civil_from_days(z: i64) -> (i64, u16, u16) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u16;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u16;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The fields a date string held; `None` where it held none.
#[derive(Debug, Default)]
struct Fields {
    day_of_week: Option<u16>,
    day: Option<u16>,
    month: Option<u16>,
    year: Option<u16>,
    hour: Option<u16>,
    minute: Option<u16>,
    second: Option<u16>,
}

impl Fields {
    fn fill(&self, base: SystemTime) -> SystemTime {
        let mut t = base;
        let set = |slot: &mut u16, v: Option<u16>| {
            if let Some(v) = v {
                *slot = v;
            }
        };
        set(&mut t.day_of_week, self.day_of_week);
        set(&mut t.day, self.day);
        set(&mut t.month, self.month);
        set(&mut t.year, self.year);
        set(&mut t.hour, self.hour);
        set(&mut t.minute, self.minute);
        set(&mut t.second, self.second);
        if self.second.is_some() {
            t.milliseconds = 0;
        }
        t
    }
}

/// One run of letters or of digits.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Word(&'a str),
    /// The value (saturating) and how many digits wrote it.
    Number(u32, usize),
}

fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        if bytes[i].is_ascii_alphabetic() {
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            out.push(Token::Word(&s[start..i]));
        } else if bytes[i].is_ascii_digit() {
            let mut v: u32 = 0;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                v = v
                    .saturating_mul(10)
                    .saturating_add(u32::from(bytes[i] - b'0'));
                i += 1;
            }
            out.push(Token::Number(v, i - start));
        } else {
            i += 1;
        }
    }
    out
}

/// Index of a name among `names` by its first three letters, any case.
fn name_index(word: &str, names: &[&str]) -> Option<u16> {
    let head = word.get(..3)?;
    names
        .iter()
        .position(|n| n.eq_ignore_ascii_case(head))
        .map(|i| i as u16)
}

/// A number as a `WORD`, wrapping as a 16-bit store would.
fn word(v: u32) -> u16 {
    v as u16
}

/// A year as written. Years written with exactly two digits pivot at 80,
/// as Windows reads them: 00–79 are 20xx, 80–99 are 19xx (Wine's
/// internet.c checks "79" as 2079 and "80" as 1980 on Windows).
fn year((v, digits): (u32, usize)) -> u16 {
    match v {
        0..=79 if digits == 2 => word(v + 2000),
        80..=99 if digits == 2 => word(v + 1900),
        _ => word(v),
    }
}

/// The leading numbers of a token stream, with their digit counts.
fn numbers<'a>(it: impl Iterator<Item = Token<'a>>) -> std::vec::IntoIter<(u32, usize)> {
    it.map_while(|t| match t {
        Token::Number(n, d) => Some((n, d)),
        Token::Word(_) => None,
    })
    .take(5)
    .collect::<Vec<_>>()
    .into_iter()
}

fn scan(s: &str) -> Fields {
    let toks = tokens(s);
    let mut f = Fields::default();
    let mut it = toks.into_iter().peekable();
    // Weekday: a name or a number; anything else ends the scan.
    match it.next() {
        Some(Token::Word(w)) => match name_index(w, &WEEKDAYS) {
            Some(d) => f.day_of_week = Some(d),
            None => return f,
        },
        Some(Token::Number(n, _)) => f.day_of_week = Some(word(n)),
        None => return f,
    }
    match it.peek().copied() {
        // asctime: "Fri Jan  7 12:06:35 2005".
        Some(Token::Word(w)) => {
            let Some(m) = name_index(w, &MONTHS) else {
                return f;
            };
            f.month = Some(m + 1);
            it.next();
            let mut n = numbers(it);
            f.day = n.next().map(|(v, _)| word(v));
            f.hour = n.next().map(|(v, _)| word(v));
            f.minute = n.next().map(|(v, _)| word(v));
            f.second = n.next().map(|(v, _)| word(v));
            f.year = n.next().map(year);
        }
        // RFC 1123 / RFC 850 / numeric: day, month (name or number), year, time.
        Some(Token::Number(d, _)) => {
            it.next();
            f.day = Some(word(d));
            match it.next() {
                Some(Token::Word(w)) => match name_index(w, &MONTHS) {
                    Some(m) => f.month = Some(m + 1),
                    None => return f,
                },
                Some(Token::Number(m, _)) => f.month = Some(word(m)),
                None => return f,
            }
            let mut n = numbers(it);
            f.year = n.next().map(year);
            f.hour = n.next().map(|(v, _)| word(v));
            f.minute = n.next().map(|(v, _)| word(v));
            f.second = n.next().map(|(v, _)| word(v));
        }
        None => {}
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(
        year: u16,
        month: u16,
        dow: u16,
        day: u16,
        hour: u16,
        minute: u16,
        second: u16,
    ) -> SystemTime {
        SystemTime {
            year,
            month,
            day_of_week: dow,
            day,
            hour,
            minute,
            second,
            milliseconds: 0,
        }
    }

    const NOW: SystemTime = SystemTime {
        year: 2026,
        month: 11,
        day_of_week: 3,
        day: 25,
        hour: 2,
        minute: 28,
        second: 3,
        milliseconds: 711,
    };

    #[test]
    fn formats_rfc1123() {
        assert_eq!(
            to_http_date(&st(2005, 1, 5, 7, 12, 6, 35)).unwrap(),
            "Fri, 07 Jan 2005 12:06:35 GMT"
        );
        assert_eq!(
            to_http_date(&st(1994, 11, 0, 6, 8, 49, 37)).unwrap(),
            "Sun, 06 Nov 1994 08:49:37 GMT"
        );
        assert_eq!(
            to_http_date(&st(5, 12, 6, 31, 23, 59, 59)).unwrap(),
            "Sat, 31 Dec    5 23:59:59 GMT"
        );
        assert_eq!(
            to_http_date(&st(2005, 1, 5, 7, 12, 6, 35)).unwrap().len() + 1,
            RFC1123_BUFSIZE
        );
    }

    #[test]
    fn refuses_unnameable_fields() {
        for bad in [
            st(2005, 0, 5, 7, 12, 6, 35),
            st(2005, 13, 5, 7, 12, 6, 35),
            st(2005, 1, 7, 7, 12, 6, 35),
            st(10000, 1, 5, 7, 12, 6, 35),
            st(2005, 1, 5, 7, 100, 6, 35),
        ] {
            assert_eq!(to_http_date(&bad), Err(Error::InvalidParameter), "{bad:?}");
        }
    }

    #[test]
    fn reads_the_three_http_forms() {
        let want = st(1994, 11, 0, 6, 8, 49, 37);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(want));
        assert_eq!(
            parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
            Some(want)
        );
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(want));
    }

    #[test]
    fn reads_wininet_lenient_forms() {
        // The forms WinINet's own tests (checked on Windows) accept.
        let e1 = st(2005, 1, 5, 7, 12, 6, 35);
        let e2 = st(2022, 1, 2, 11, 11, 13, 5);
        for (s, want) in [
            ("Fri, 07 Jan 2005 12:06:35 GMT", e1),
            ("Fri, 07 Jan 2005 12:06:35 UTC", e1),
            (" fri, 7 jan 2005 12 06 35", e1),
            ("Fri, 07-01-2005 12:06:35", e1),
            ("5, 07-01-2005 12:06:35 GMT", e1),
            ("5, 07-01-2005 12:06:35 GMT;", e1),
            ("5, 07-01-2005 12:06:35 GMT123", e1),
            ("2, 11 01 2022 11 13 05", e2),
            ("2, 11-01-2022 11#13^05", e2),
            ("2, 11*01/2022 11+13=05", e2),
            ("2, 11-Jan-2022 11:13:05", e2),
            ("Fri Jan 7 12:06:35 2005", e1),
            ("Fri Jan 7 12:06:35 2005 GMT", e1),
            ("Fri Jan 7 12:06:35 2005 UTC", e1),
            ("Friday, 07 January 2005 12:06:35 GMT", e1),
            ("FRI, 07 JAN 2005 12:06:35 gmt", e1),
        ] {
            assert_eq!(parse_http_date(s), Some(want), "{s}");
            assert_eq!(internet_time_to_system_time(s, NOW), want, "{s}");
        }
    }

    #[test]
    fn partial_strings_keep_the_current_time() {
        assert_eq!(internet_time_to_system_time("", NOW), NOW);
        assert_eq!(internet_time_to_system_time("garbage", NOW), NOW);
        assert_eq!(internet_time_to_system_time("Fr", NOW), NOW);
        let t = internet_time_to_system_time("Fri, 07 Jan", NOW);
        assert_eq!(
            (t.day_of_week, t.day, t.month, t.year, t.hour),
            (5, 7, 1, 2026, 2)
        );
        let t = internet_time_to_system_time("Fri, 07 Jan 2005 12:06", NOW);
        assert_eq!(
            (t.hour, t.minute, t.second, t.milliseconds),
            (12, 6, 3, 711)
        );
        // Strict parsing refuses what lacks a date.
        for s in [
            "",
            "garbage",
            "Fr",
            "Fri, 07 Jan",
            "07 Jan 2005 12:06:35 GMT",
            "Xyz, 07 Jan 2005",
        ] {
            assert_eq!(parse_http_date(s), None, "{s}");
        }
    }

    #[test]
    fn no_range_checks_when_reading() {
        let t = internet_time_to_system_time("Fri, 32 Jan 2005 25:61:61 GMT", NOW);
        assert_eq!((t.day, t.hour, t.minute, t.second), (32, 25, 61, 61));
        let t = internet_time_to_system_time("Fri, 07 Jan 99999999999999 12:06:35", NOW);
        assert_eq!(t.month, 1);
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(
            parse_http_date("Fri, 07 Jan 05 12:06:35 GMT").unwrap().year,
            2005
        );
        assert_eq!(
            parse_http_date("Thu, 07 Jan 99 12:06:35 GMT").unwrap().year,
            1999
        );
        assert_eq!(
            parse_http_date("Thu, 07 Jan 80 12:06:35 GMT").unwrap().year,
            1980
        );
        assert_eq!(
            parse_http_date("Thu, 07 Jan 79 12:06:35 GMT").unwrap().year,
            2079
        );
    }

    #[test]
    fn unix_conversion() {
        assert_eq!(from_unix(0, 0), st(1970, 1, 4, 1, 0, 0, 0));
        assert_eq!(from_unix(784_111_777, 0), st(1994, 11, 0, 6, 8, 49, 37));
        assert_eq!(from_unix(951_782_400, 0), st(2000, 2, 2, 29, 0, 0, 0));
        let now = now_utc();
        assert!(now.year >= 2024 && (1..=12).contains(&now.month));
    }

    #[test]
    fn round_trip() {
        for secs in (0..4_000_000_000u64).step_by(97_654_321) {
            let t = from_unix(secs, 0);
            assert_eq!(parse_http_date(&to_http_date(&t).unwrap()), Some(t));
        }
    }
}
