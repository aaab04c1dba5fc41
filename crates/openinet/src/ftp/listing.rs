//! Directory listings: LIST output in the Unix `ls -l` shape and the
//! Windows/IIS (MS-DOS) shape, and MLSD facts (RFC 3659), parsed into what
//! `WIN32_FIND_DATA` carries.
//!
//! A line that fits none of them (a `total 12` header, a broken line) is
//! skipped, as WinINet skips it. Dates become FILETIME values (100 ns
//! ticks since 1601-01-01 UTC); the server's local time is taken as UTC,
//! since the listing does not say its zone.

/// `FILE_ATTRIBUTE_READONLY`.
pub const ATTR_READONLY: u32 = 0x1;
/// `FILE_ATTRIBUTE_DIRECTORY`.
pub const ATTR_DIRECTORY: u32 = 0x10;
/// `FILE_ATTRIBUTE_NORMAL`: a plain file (the documentation's value;
/// Wine reports 0).
pub const ATTR_NORMAL: u32 = 0x80;

/// One entry of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub size: u64,
    pub is_dir: bool,
    /// Last write time as a FILETIME, when the listing gives one.
    pub modified: Option<u64>,
}

impl Entry {
    /// `dwFileAttributes`.
    pub fn attributes(&self) -> u32 {
        if self.is_dir {
            ATTR_DIRECTORY
        } else {
            ATTR_NORMAL
        }
    }
}

/// A calendar date and time of day, as listings give them.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

/// Seconds between 1601-01-01 and 1970-01-01.
const EPOCH_DIFF: i64 = 11_644_473_600;

/// Days since 1970-01-01 of a date whose month and day are listing fields.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    crate::time::days_from_civil(y, i64::from(m), i64::from(d))
}

impl Stamp {
    fn valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && (1..=31).contains(&self.day)
            && self.hour < 24
            && self.minute < 60
            && self.second < 61
            && (1601..=30827).contains(&self.year)
    }

    fn unix(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour * 3600 + self.minute * 60 + self.second)
    }

    fn filetime(&self) -> Option<u64> {
        if !self.valid() {
            return None;
        }
        u64::try_from((self.unix() + EPOCH_DIFF) * 10_000_000).ok()
    }
}

/// Parses one line. `now_unix` (seconds since 1970) places Unix dates that
/// give no year: in the current year, or the one before if that would put
/// them more than a day in the future (as `ls` prints them).
pub fn parse_line(line: &str, now_unix: i64) -> Option<Entry> {
    let line = line.trim_end_matches(['\r', '\n']);
    if line.trim().is_empty() {
        return None;
    }
    parse_mlsd(line)
        .or_else(|| parse_unix(line, now_unix))
        .or_else(|| parse_dos(line))
        // A name no command could carry (a line break would be refused
        // as an injection) is a broken line (found by fuzz/ftp_listing).
        .filter(|e| !e.name.is_empty() && !e.name.contains(['/', '\0', '\r', '\n']))
}

/// Parses a whole listing, skipping lines that fit no format.
pub fn parse_listing(text: &str, now_unix: i64) -> Vec<Entry> {
    text.lines()
        .filter_map(|l| parse_line(l, now_unix))
        .collect()
}

/// Whitespace-separated fields with the byte offset of each.
fn fields(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

fn month_number(s: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = s.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .map(|i| i as u32 + 1)
}

/// `drwxr-xr-x 2 owner group 4096 Jan  2 12:34 name` (the group may be
/// missing; the year replaces the time for old files).
fn parse_unix(line: &str, now_unix: i64) -> Option<Entry> {
    let f = fields(line);
    let perms = f.first()?.1;
    let kind = perms.chars().next()?;
    if perms.len() < 10 || !"-dlbcpsD".contains(kind) {
        return None;
    }
    // Bytes, not a str slice: a hostile line may put a multi-byte
    // character across the tenth byte (found by fuzz/ftp_listing).
    if !perms.as_bytes()[1..10]
        .iter()
        .all(|b| b"rwxsStTl-+.@".contains(b))
    {
        return None;
    }
    // The month is the first field, after the size, that names one.
    let m = (3..f.len().saturating_sub(3)).find(|&i| {
        month_number(f[i].1).is_some() && f[i - 1].1.bytes().all(|b| b.is_ascii_digit())
    })?;
    let size: u64 = f[m - 1].1.parse().ok()?;
    let month = month_number(f[m].1)?;
    let day: u32 = f[m + 1].1.parse().ok()?;
    let when = f[m + 2].1;
    let name_at = f.get(m + 3)?.0;
    let mut stamp = Stamp {
        year: 0,
        month,
        day,
        hour: 0,
        minute: 0,
        second: 0,
    };
    if let Some((h, mi)) = when.split_once(':') {
        stamp.hour = h.parse().ok()?;
        stamp.minute = mi.parse().ok()?;
        let this_year = 1970 + now_unix.div_euclid(86_400 * 36525 / 100);
        // Refine: the year whose start is at or before now.
        let mut year = this_year;
        while days_from_civil(year, 1, 1) * 86_400 > now_unix {
            year -= 1;
        }
        while days_from_civil(year + 1, 1, 1) * 86_400 <= now_unix {
            year += 1;
        }
        stamp.year = year;
        if stamp.valid() && stamp.unix() > now_unix + 86_400 {
            stamp.year -= 1;
        }
    } else {
        stamp.year = when.parse().ok()?;
    }
    let mut name = &line[name_at..];
    if kind == 'l' {
        if let Some((n, _target)) = name.split_once(" -> ") {
            name = n;
        }
    }
    Some(Entry {
        name: name.to_string(),
        size,
        is_dir: kind == 'd',
        modified: stamp.filetime(),
    })
}

/// `01-02-20  03:04PM       <DIR>          name` or with a size instead of
/// `<DIR>`; the year has two or four digits.
fn parse_dos(line: &str) -> Option<Entry> {
    let f = fields(line);
    if f.len() < 4 {
        return None;
    }
    let date: Vec<&str> = f[0].1.split(['-', '/']).collect();
    let [mo, d, y] = date.as_slice() else {
        return None;
    };
    let mut year: i64 = y.parse().ok()?;
    if y.len() == 2 {
        year += if year < 70 { 2000 } else { 1900 };
    }
    let time = f[1].1.to_ascii_uppercase();
    let (clock, pm) = match time.strip_suffix("PM") {
        Some(t) => (t.to_string(), Some(true)),
        None => match time.strip_suffix("AM") {
            Some(t) => (t.to_string(), Some(false)),
            None => (time.clone(), None),
        },
    };
    let (h, mi) = clock.split_once(':')?;
    let mut hour: u32 = h.parse().ok()?;
    match pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    let stamp = Stamp {
        year,
        month: mo.parse().ok()?,
        day: d.parse().ok()?,
        hour,
        minute: mi.parse().ok()?,
        second: 0,
    };
    if !stamp.valid() {
        return None;
    }
    let (is_dir, size) = if f[2].1.eq_ignore_ascii_case("<DIR>") {
        (true, 0)
    } else {
        (false, f[2].1.replace(',', "").parse().ok()?)
    };
    Some(Entry {
        name: line[f[3].0..].to_string(),
        size,
        is_dir,
        modified: stamp.filetime(),
    })
}

/// `type=file;size=123;modify=20200102030405; name` (RFC 3659 §7).
fn parse_mlsd(line: &str) -> Option<Entry> {
    let (facts, name) = line.split_once("; ")?;
    if !facts.contains('=') || facts.contains(' ') {
        return None;
    }
    let mut entry = Entry {
        name: name.to_string(),
        size: 0,
        is_dir: false,
        modified: None,
    };
    let mut typed = false;
    for fact in facts.split(';') {
        let (key, value) = fact.split_once('=')?;
        match key.to_ascii_lowercase().as_str() {
            "type" => {
                typed = true;
                match value.to_ascii_lowercase().as_str() {
                    "dir" => entry.is_dir = true,
                    // The directory itself and its parent are not entries.
                    "cdir" | "pdir" => return None,
                    _ => {}
                }
            }
            "size" => entry.size = value.parse().ok()?,
            "modify" => {
                let v = value.get(..14)?;
                let n = |r: std::ops::Range<usize>| v.get(r)?.parse::<u32>().ok();
                let stamp = Stamp {
                    year: i64::from(n(0..4)?),
                    month: n(4..6)?,
                    day: n(6..8)?,
                    hour: n(8..10)?,
                    minute: n(10..12)?,
                    second: n(12..14)?,
                };
                entry.modified = stamp.filetime();
            }
            _ => {}
        }
    }
    typed.then_some(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multibyte_character_in_the_permissions_is_a_broken_line() {
        // What the fuzzer found: U+FFFD (from an invalid byte) straddling
        // the permissions' tenth byte once panicked on a str slice.
        let line = "-\u{fffd}\u{fffd}-r\u{fffd}\u{fffd}\u{10}\u{0}- 1 a b x Jan 1 12:00 f";
        assert_eq!(parse_line(line, 0), None);
        assert_eq!(parse_line("-rwxr\u{e9}-r-- 1 a b 5 Jan 1 12:00 f", 0), None);
        // A bare CR inside a line (lines end at LF) would put a line
        // break in the name.
        assert!(parse_listing("-rw-r--r-- 1 a b 5 Jan 1 12:00 old\rb 1\r\n", 0).is_empty());
    }

    /// 2026-06-15 12:00:00 UTC.
    const NOW: i64 = 1_781_524_800;

    fn ft(y: i64, mo: u32, d: u32, h: u32, mi: u32) -> Option<u64> {
        Stamp {
            year: y,
            month: mo,
            day: d,
            hour: h,
            minute: mi,
            second: 0,
        }
        .filetime()
    }

    #[test]
    fn filetime_of_known_dates() {
        // 1970-01-01 is 116444736000000000 ticks after 1601-01-01.
        assert_eq!(ft(1970, 1, 1, 0, 0), Some(116_444_736_000_000_000));
        assert_eq!(ft(1601, 1, 1, 0, 0), Some(0));
        assert_eq!(ft(2020, 13, 1, 0, 0), None);
    }

    #[test]
    fn unix_lines() {
        let e = parse_line(
            "-rw-r--r--    1 1000     1000     5000000000 Mar 03  2021 big file.bin",
            NOW,
        )
        .unwrap();
        assert_eq!(e.name, "big file.bin");
        assert_eq!(e.size, 5_000_000_000);
        assert!(!e.is_dir);
        assert_eq!(e.modified, ft(2021, 3, 3, 0, 0));
        assert_eq!(e.attributes(), ATTR_NORMAL);

        let d = parse_line("drwxr-xr-x 2 ftp ftp 4096 Jan 02 10:20 pub", NOW).unwrap();
        assert!(d.is_dir);
        assert_eq!(d.attributes(), ATTR_DIRECTORY);
        assert_eq!(d.modified, ft(2026, 1, 2, 10, 20));

        // A date later this year than now is last year's.
        let late = parse_line("-rw-r--r-- 1 a b 1 Dec 24 18:00 x", NOW).unwrap();
        assert_eq!(late.modified, ft(2025, 12, 24, 18, 0));

        // No group column; a symlink's target is not its name.
        let l = parse_line("lrwxrwxrwx 1 owner 7 Feb 1 2020 link -> target", NOW).unwrap();
        assert_eq!(l.name, "link");
    }

    #[test]
    fn dos_lines() {
        let d = parse_line("01-02-20  03:04PM       <DIR>          My Dir", NOW).unwrap();
        assert!(d.is_dir);
        assert_eq!(d.name, "My Dir");
        assert_eq!(d.modified, ft(2020, 1, 2, 15, 4));
        let f = parse_line("12-31-1999  12:00AM           6442450944 a.iso", NOW).unwrap();
        assert_eq!(f.size, 6_442_450_944);
        assert_eq!(f.modified, ft(1999, 12, 31, 0, 0));
    }

    #[test]
    fn mlsd_lines() {
        let e = parse_line("type=file;size=10;modify=20200102030405;perm=r; a b", NOW).unwrap();
        assert_eq!((e.name.as_str(), e.size, e.is_dir), ("a b", 10, false));
        assert_eq!(e.modified, ft(2020, 1, 2, 3, 4).map(|t| t + 5 * 10_000_000));
        assert!(parse_line("type=cdir;modify=20200102030405; .", NOW).is_none());
        assert!(parse_line("type=dir; sub", NOW).unwrap().is_dir);
    }

    #[test]
    fn broken_lines_are_skipped() {
        let text = "total 12\r\n\
            -rw-r--r-- 1 a b 12 Jan 1 2020 ok\r\n\
            garbage\r\n\
            -rw-r--r-- 1 a b notanumber Jan 1 2020 bad\r\n\
            drwx 1 a b 1 Jan 1 2020 short-perms\r\n\
            -rw-r--r-- 1 a b 12 Foo 1 2020 nomonth\r\n\
            -rw-r--r-- 1 a b 12 Jan 99 2020 badday\r\n\
            13-45-20  03:04PM  <DIR> baddate\r\n\
            -rw-r--r-- 1 a b 12 Jan 1 2020\r\n\
            \u{0}\u{ff} \u{1}\r\n";
        let entries = parse_listing(text, NOW);
        let names: Vec<_> = entries.iter().map(|e| e.name.as_str()).collect();
        // "badday" parses with no date rather than being lost.
        assert_eq!(names, ["ok", "badday"]);
        assert_eq!(entries[1].modified, None);
    }

    #[test]
    fn no_panic_on_any_prefix_of_a_line() {
        let line = "-rw-r--r--    1 1000     1000     5000000000 Mar 03  2021 x\u{e9}y";
        for i in 0..=line.len() {
            if line.is_char_boundary(i) {
                let _ = parse_line(&line[..i], NOW);
            }
        }
        let dos = "01-02-20  03:04PM       <DIR>          My Dir";
        for i in 0..=dos.len() {
            let _ = parse_line(&dos[..i], NOW);
        }
    }
}
