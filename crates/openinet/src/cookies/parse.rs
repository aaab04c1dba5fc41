//! Reading a cookie as `InternetSetCookie` and `Set-Cookie` give it:
//! `name=value; attribute; attribute=value...`.
//!
//! Where WinINet parts from RFC 6265 §5.2, WinINet wins:
//! - a cookie without `=` is a name with an empty value (`server`), which
//!   is written back as the bare name, not dropped;
//! - `Max-Age` is ignored: WinINet (and Internet Explorer over it) never
//!   supported it; only `Expires` makes a cookie persistent;
//! - an `Expires` that does not read as a date is ignored (the cookie stays
//!   a session cookie); dates are read by WinINet's HTTP date reader;
//! - an empty `Domain` is kept (and later refused as a domain), as WinINet
//!   judges it rather than skipping it.
//!
//! Ours, from the RFC: names, values and attribute values are trimmed of
//! blanks, and a `Path` that does not start with `/` is ignored.

/// One parsed cookie with the attributes the store uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedCookie {
    pub name: String,
    pub value: String,
    /// The `Domain` attribute without its leading dot; `None` when absent.
    pub domain: Option<String>,
    /// The `Path` attribute, when present and absolute.
    pub path: Option<String>,
    /// Seconds since 1970-01-01 UTC, from `Expires`.
    pub expires: Option<i64>,
    pub secure: bool,
    pub http_only: bool,
}

/// Parses `data`. With `name`, all of `data` up to its first `;` is the
/// value (`InternetSetCookie(url, "A", "B; path=/")`); without, the name
/// is what precedes the first `=` of that part.
pub fn parse(name: Option<&str>, data: &str) -> ParsedCookie {
    let (pair, attributes) = match data.split_once(';') {
        Some((pair, rest)) => (pair, rest),
        None => (data, ""),
    };
    let (name, value) = match name {
        Some(n) => (n, pair),
        None => pair.split_once('=').unwrap_or((pair, "")),
    };
    let mut cookie = ParsedCookie {
        name: trim(name).to_string(),
        value: trim(value).to_string(),
        domain: None,
        path: None,
        expires: None,
        secure: false,
        http_only: false,
    };
    for attribute in attributes.split(';') {
        let (key, val) = match attribute.split_once('=') {
            Some((k, v)) => (trim(k), Some(trim(v))),
            None => (trim(attribute), None),
        };
        let val = val.unwrap_or("");
        if key.eq_ignore_ascii_case("domain") {
            let bare = val.strip_prefix('.').unwrap_or(val);
            cookie.domain = Some(bare.to_ascii_lowercase());
        } else if key.eq_ignore_ascii_case("path") {
            if val.starts_with('/') {
                cookie.path = Some(val.to_string());
            }
        } else if key.eq_ignore_ascii_case("expires") {
            if let Some(t) = crate::time::parse_http_date(val) {
                cookie.expires = Some(unix_seconds(&t));
            }
        } else if key.eq_ignore_ascii_case("secure") {
            cookie.secure = true;
        } else if key.eq_ignore_ascii_case("httponly") {
            cookie.http_only = true;
        }
        // Max-Age, Version, Comment, SameSite and unknown attributes: ignored.
    }
    cookie
}

fn trim(s: &str) -> &str {
    s.trim_matches([' ', '\t'])
}

/// Seconds since 1970-01-01 UTC of a calendar time (fields as read, not
/// range-checked, as WinINet's reader leaves them).
fn unix_seconds(t: &crate::time::SystemTime) -> i64 {
    let days =
        crate::time::days_from_civil(i64::from(t.year), i64::from(t.month), i64::from(t.day));
    days * 86_400 + i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_value_and_attributes() {
        let c = parse(
            None,
            "A=B; Domain=.Example.com; path=/foo; secure; HttpOnly; invalid=attr",
        );
        assert_eq!(c.name, "A");
        assert_eq!(c.value, "B");
        assert_eq!(c.domain.as_deref(), Some("example.com"));
        assert_eq!(c.path.as_deref(), Some("/foo"));
        assert!(c.secure && c.http_only);
        assert_eq!(c.expires, None);
    }

    #[test]
    fn a_given_name_takes_the_whole_first_part_as_value() {
        let c = parse(Some("server"), "a=b; path=/x");
        assert_eq!((c.name.as_str(), c.value.as_str()), ("server", "a=b"));
        assert_eq!(c.path.as_deref(), Some("/x"));
        let empty = parse(Some("server"), "");
        assert_eq!((empty.name.as_str(), empty.value.as_str()), ("server", ""));
    }

    #[test]
    fn a_cookie_without_equals_is_a_bare_name() {
        let c = parse(None, "server");
        assert_eq!((c.name.as_str(), c.value.as_str()), ("server", ""));
        let c = parse(None, "=value");
        assert_eq!((c.name.as_str(), c.value.as_str()), ("", "value"));
    }

    #[test]
    fn expires_is_read_and_bad_dates_are_ignored() {
        let c = parse(None, "A=B; expires=Fri, 01-Jan-2038 00:00:00 GMT");
        assert_eq!(c.expires, Some(2_145_916_800));
        let c = parse(None, "A=B; expires=Thu, 01 Jan 1970 00:00:10 GMT");
        assert_eq!(c.expires, Some(10));
        assert_eq!(parse(None, "Q=R; expires=").expires, None);
        assert_eq!(parse(None, "Q=R; expires=soon").expires, None);
    }

    #[test]
    fn max_age_is_ignored_and_relative_paths_too() {
        let c = parse(None, "A=B; max-age=100; path=relative");
        assert_eq!(c.expires, None);
        assert_eq!(c.path, None);
    }

    #[test]
    fn empty_domain_is_kept_for_the_store_to_refuse() {
        assert_eq!(parse(None, "A=B; domain=").domain.as_deref(), Some(""));
    }

    #[test]
    fn civil_days() {
        assert_eq!(crate::time::days_from_civil(1970, 1, 1), 0);
        assert_eq!(crate::time::days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(crate::time::days_from_civil(1969, 12, 31), -1);
    }
}
