//! Writing well-formed responses: status line, the common headers, framing,
//! and the keep-alive decision. Deliberately broken responses are written
//! raw by their routes instead.

use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::server::Shared;

/// What the connection does after a route has answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum After {
    /// Read the next request on this connection.
    KeepAlive,
    /// Send FIN, drain what the client still sends, close.
    Close,
    /// Close with SO_LINGER 0 so the client sees a reset.
    Reset,
}

/// How a response body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Framing {
    /// `Content-Length: n`.
    Length(u64),
    /// `Transfer-Encoding: chunked`.
    Chunked,
    /// Neither header; the body ends when the server closes.
    CloseDelimited,
    /// No body and no framing header (204, 304).
    Empty,
}

/// Facts about the request being answered that shape every response.
pub(crate) struct Ctx<'a> {
    pub conn_id: u64,
    pub seq: u32,
    pub shared: &'a Shared,
    /// HEAD: send the head the GET would get, never a body.
    pub head_only: bool,
    /// The client asked to close (or HTTP/1.0 without keep-alive).
    pub close: bool,
    /// An HTTP/1.0 client asked for keep-alive; say yes explicitly.
    pub http10_keep_alive: bool,
}

impl Ctx<'_> {
    /// The ending a normal response leads to.
    pub fn after(&self) -> After {
        if self.close {
            After::Close
        } else {
            After::KeepAlive
        }
    }
}

/// The standard reason phrase for `code` ("Unknown" for unlisted codes).
pub fn reason_phrase(code: u16) -> &'static str {
    match code {
        100 => "Continue",
        101 => "Switching Protocols",
        102 => "Processing",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        305 => "Use Proxy",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => "Unknown",
    }
}

/// `t` as an IMF-fixdate, e.g. `Tue, 15 Nov 1994 08:12:31 GMT`.
pub fn http_date(t: SystemTime) -> String {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        WEEKDAYS[(days % 7) as usize],
        d,
        MONTHS[(m - 1) as usize],
        y,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month 1-12, day 1-31), proleptic Gregorian
/// (Howard Hinnant's well-known `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Writes a status line, `Date`, `Server`, `headers`, the framing header and
/// the `Connection` header, then the blank line — in one write.
pub(crate) fn write_head(
    w: &mut impl Write,
    ctx: &Ctx<'_>,
    code: u16,
    headers: &[(&str, &str)],
    framing: Framing,
) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {code} {}\r\n", reason_phrase(code));
    head.push_str(&format!(
        "Date: {}\r\nServer: testserver\r\n",
        http_date(SystemTime::now())
    ));
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    match framing {
        Framing::Length(n) => head.push_str(&format!("Content-Length: {n}\r\n")),
        Framing::Chunked => head.push_str("Transfer-Encoding: chunked\r\n"),
        Framing::CloseDelimited | Framing::Empty => {}
    }
    if ctx.close || framing == Framing::CloseDelimited {
        head.push_str("Connection: close\r\n");
    } else if ctx.http10_keep_alive {
        head.push_str("Connection: keep-alive\r\n");
    }
    head.push_str("\r\n");
    w.write_all(head.as_bytes())
}

/// Sends a complete response with a `Content-Length` body (no body and no
/// length for 204 and 304; no body for HEAD).
pub(crate) fn send(
    w: &mut impl Write,
    ctx: &Ctx<'_>,
    code: u16,
    headers: &[(&str, &str)],
    body: &[u8],
) -> io::Result<After> {
    let bodyless = code == 204 || code == 304;
    let framing = if bodyless {
        Framing::Empty
    } else {
        Framing::Length(body.len() as u64)
    };
    // Head and body in one write, so a client sees them arrive together
    // (tests compare traces that depend on whether a read must wait).
    let mut whole = Vec::with_capacity(256 + body.len());
    write_head(&mut whole, ctx, code, headers, framing)?;
    if !bodyless && !ctx.head_only {
        whole.extend_from_slice(body);
    }
    w.write_all(&whole)?;
    Ok(ctx.after())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates() {
        assert_eq!(http_date(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 GMT");
        let t = UNIX_EPOCH + Duration::from_secs(784_887_151);
        assert_eq!(http_date(t), "Tue, 15 Nov 1994 08:12:31 GMT");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(http_date(leap), "Tue, 29 Feb 2000 00:00:00 GMT");
    }

    #[test]
    fn reasons() {
        assert_eq!(reason_phrase(404), "Not Found");
        assert_eq!(reason_phrase(299), "Unknown");
    }
}
