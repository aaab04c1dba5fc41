//! HTTP dates: WinINet's `SYSTEMTIME` and the conversions of
//! `InternetTimeFromSystemTime` / `InternetTimeToSystemTime` (issue 3), also
//! used by `HttpQueryInfo(HTTP_QUERY_FLAG_SYSTEMTIME)`.

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
