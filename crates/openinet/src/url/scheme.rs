//! `INTERNET_SCHEME`: the schemes WinINet knows by name, and their default ports.

/// A URL scheme as WinINet numbers it (`INTERNET_SCHEME_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// `INTERNET_SCHEME_PARTIAL` (-2).
    Partial,
    /// `INTERNET_SCHEME_UNKNOWN` (-1): a scheme WinINet has no number for (`about:`, `x-foo:`...).
    Unknown,
    /// `INTERNET_SCHEME_DEFAULT` (0).
    Default,
    Ftp,
    Gopher,
    Http,
    Https,
    File,
    News,
    Mailto,
    Socks,
    Javascript,
    Vbscript,
    Res,
}

const NAMED: [(Scheme, &str); 11] = [
    (Scheme::Ftp, "ftp"),
    (Scheme::Gopher, "gopher"),
    (Scheme::Http, "http"),
    (Scheme::Https, "https"),
    (Scheme::File, "file"),
    (Scheme::News, "news"),
    (Scheme::Mailto, "mailto"),
    (Scheme::Socks, "socks"),
    (Scheme::Javascript, "javascript"),
    (Scheme::Vbscript, "vbscript"),
    (Scheme::Res, "res"),
];

impl Scheme {
    /// The scheme a name stands for, any case; `Unknown` for others. The
    /// empty name is FTP, the first of WinINet's names, as under Wine 8
    /// (`://host/` cracks as FTP with port 21; no Windows-checked test
    /// says otherwise).
    pub fn from_name(name: &[u8]) -> Scheme {
        if name.is_empty() {
            return Scheme::Ftp;
        }
        NAMED
            .iter()
            .find(|(_, n)| n.as_bytes().eq_ignore_ascii_case(name))
            .map_or(Scheme::Unknown, |&(s, _)| s)
    }

    /// The lower-case name, for the schemes that have one.
    pub fn name(self) -> Option<&'static str> {
        NAMED.iter().find(|(s, _)| *s == self).map(|&(_, n)| n)
    }

    /// The `INTERNET_SCHEME` value.
    pub fn code(self) -> i32 {
        match self {
            Scheme::Partial => -2,
            Scheme::Unknown => -1,
            Scheme::Default => 0,
            Scheme::Ftp => 1,
            Scheme::Gopher => 2,
            Scheme::Http => 3,
            Scheme::Https => 4,
            Scheme::File => 5,
            Scheme::News => 6,
            Scheme::Mailto => 7,
            Scheme::Socks => 8,
            Scheme::Javascript => 9,
            Scheme::Vbscript => 10,
            Scheme::Res => 11,
        }
    }

    /// The scheme of an `INTERNET_SCHEME` value; out-of-range values are `Unknown`.
    pub fn from_code(code: i32) -> Scheme {
        match code {
            -2 => Scheme::Partial,
            0 => Scheme::Default,
            1..=11 => NAMED[(code - 1) as usize].0,
            _ => Scheme::Unknown,
        }
    }

    /// The port InternetCrackUrl reports when the URL names none: only HTTP,
    /// HTTPS and FTP have one (gopher reports 0, as WinINet does).
    pub fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
            Scheme::Ftp => 21,
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_round_trip() {
        for code in -2..=11 {
            assert_eq!(Scheme::from_code(code).code(), code);
        }
        assert_eq!(Scheme::from_code(12), Scheme::Unknown);
        assert_eq!(Scheme::from_name(b"HtTpS"), Scheme::Https);
        assert_eq!(Scheme::from_name(b"about"), Scheme::Unknown);
        assert_eq!(Scheme::from_name(b""), Scheme::Ftp);
        assert_eq!(Scheme::Res.name(), Some("res"));
        assert_eq!(Scheme::Gopher.default_port(), 0);
    }
}
