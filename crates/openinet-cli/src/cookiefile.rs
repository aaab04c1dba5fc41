//! `-b FILE` and `-c FILE`: cookie files in the Netscape format curl and
//! browsers' exporters use, one cookie a line, fields separated by tabs:
//!
//! ```text
//! domain  include-subdomains  path  secure  expires  name  value
//! .example.com  TRUE  /  FALSE  1767225600  id  42
//! ```
//!
//! `expires` is seconds since 1970 (0: a session cookie); a line starting
//! with `#HttpOnly_` is an HttpOnly cookie, other `#` lines are comments.
//!
//! Reading goes through the engine's store as `InternetSetCookieEx` does
//! (a `Set-Cookie`-style string for a URL of the cookie's domain), and
//! writing exports the store, so the requests in between see exactly what
//! a WinINet program would.

use openinet::consts::INTERNET_COOKIE_HTTPONLY;
use openinet::cookies::Cookie;
use std::fmt::Write as _;
use std::path::Path;

/// One line of a cookie file, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub domain: String,
    pub include_subdomains: bool,
    pub path: String,
    pub secure: bool,
    /// Seconds since 1970; `None` for a session cookie.
    pub expires: Option<i64>,
    pub name: String,
    pub value: String,
    pub http_only: bool,
}

/// The cookie lines of a file's text; malformed lines are skipped, as curl does.
pub fn parse(text: &str) -> Vec<Line> {
    text.lines().filter_map(parse_line).collect()
}

fn parse_line(line: &str) -> Option<Line> {
    let line = line.trim_end_matches('\r');
    let (line, http_only) = match line.strip_prefix("#HttpOnly_") {
        Some(rest) => (rest, true),
        None if line.starts_with('#') || line.trim().is_empty() => return None,
        None => (line, false),
    };
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 6 {
        return None;
    }
    let flag = |s: &str| s.eq_ignore_ascii_case("TRUE");
    let expires: i64 = f[4].trim().parse().ok()?;
    Some(Line {
        domain: f[0].trim_start_matches('.').to_ascii_lowercase(),
        include_subdomains: flag(f[1]),
        path: f[2].to_string(),
        secure: flag(f[3]),
        expires: (expires != 0).then_some(expires),
        name: f[5].to_string(),
        value: f.get(6).copied().unwrap_or("").to_string(),
        http_only,
    })
}

/// Loads the cookies of `path` into the process's store. Returns how many
/// the store took.
pub fn load(path: &Path) -> std::io::Result<usize> {
    let text = std::fs::read_to_string(path)?;
    let mut taken = 0;
    for line in parse(&text) {
        let (url, data) = set_cookie_args(&line);
        let flags = if line.http_only {
            INTERNET_COOKIE_HTTPONLY
        } else {
            0
        };
        if openinet::cookies::set_cookie(&url, None, &data, flags).is_ok() {
            taken += 1;
        }
    }
    Ok(taken)
}

/// The URL and cookie string InternetSetCookieEx is given for a line.
pub fn set_cookie_args(line: &Line) -> (String, String) {
    let scheme = if line.secure { "https" } else { "http" };
    let url = format!("{scheme}://{}{}", line.domain, line.path);
    let mut data = format!("{}={}; path={}", line.name, line.value, line.path);
    if line.include_subdomains {
        let _ = write!(data, "; domain=.{}", line.domain);
    }
    if let Some(t) = line.expires {
        let when = openinet::time::from_unix(t.max(0) as u64, 0);
        if let Ok(date) = openinet::time::to_http_date(&when) {
            let _ = write!(data, "; expires={date}");
        }
    }
    if line.secure {
        data.push_str("; secure");
    }
    if line.http_only {
        data.push_str("; httponly");
    }
    (url, data)
}

/// The store's cookies in the file format, with curl's header comment.
pub fn format(cookies: &[Cookie]) -> String {
    let mut out = String::from(
        "# Netscape HTTP Cookie File\n# Written by inet (OpenINet). Edit at your own risk.\n\n",
    );
    for c in cookies {
        let tf = |b: bool| if b { "TRUE" } else { "FALSE" };
        // OpenINet's store, as WinINet's, sends a cookie to the hosts under
        // its domain too: include-subdomains is TRUE.
        let _ = writeln!(
            out,
            "{}.{}\t{}\t{}\t{}\t{}\t{}\t{}",
            if c.http_only { "#HttpOnly_" } else { "" },
            c.domain,
            tf(true),
            c.path,
            tf(c.secure),
            c.expires.unwrap_or(0),
            c.name,
            c.value
        );
    }
    out
}

/// Writes the store to `path` ("-": stdout).
pub fn save(path: &Path) -> std::io::Result<()> {
    let text = format(&openinet::cookies::all_cookies());
    if path.as_os_str() == "-" {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        return out.flush();
    }
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_curls_lines() {
        let text = "# Netscape HTTP Cookie File\n\n\
            .example.com\tTRUE\t/\tFALSE\t0\tsid\tabc\n\
            #HttpOnly_h.test\tFALSE\t/a\tTRUE\t2000000000\ttok\tx=y\n\
            broken line\n";
        let lines = parse(text);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].domain, "example.com");
        assert!(lines[0].include_subdomains && !lines[0].secure && !lines[0].http_only);
        assert_eq!(lines[0].expires, None);
        assert_eq!(
            (lines[0].name.as_str(), lines[0].value.as_str()),
            ("sid", "abc")
        );
        assert!(lines[1].http_only && lines[1].secure && !lines[1].include_subdomains);
        assert_eq!(lines[1].expires, Some(2_000_000_000));
        assert_eq!(lines[1].value, "x=y");
        let (url, data) = set_cookie_args(&lines[1]);
        assert_eq!(url, "https://h.test/a");
        assert!(data.starts_with("tok=x=y; path=/a; expires="), "{data}");
        assert!(data.ends_with("; secure; httponly"), "{data}");
    }

    #[test]
    fn formats_what_it_parses() {
        let c = Cookie {
            domain: "h.test".into(),
            path: "/".into(),
            name: "a".into(),
            value: "1".into(),
            expires: Some(2_000_000_000),
            secure: false,
            http_only: true,
            created: 1,
        };
        let text = format(&[c]);
        let lines = parse(&text);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].domain, "h.test");
        assert!(lines[0].http_only);
        assert_eq!(lines[0].expires, Some(2_000_000_000));
    }
}
