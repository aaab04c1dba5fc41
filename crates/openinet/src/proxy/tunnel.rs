//! The `CONNECT` request that opens a tunnel through an HTTP proxy for an
//! https request, and what its answer means.
//!
//! WinINet's CONNECT carries `Host`, the user agent, `Content-Length: 0`
//! (Wine's http.c test server refuses a CONNECT without it, a check that
//! runs against Windows), `Proxy-Connection: Keep-Alive` and `Pragma:
//! no-cache`, and `Proxy-Authorization` once the proxy asked for it.
//!
//! A 2xx opens the tunnel. A 407 is handed to the caller as the request's
//! response, so it can answer it (or OpenINet answers it with the proxy
//! credentials it has); any other answer fails the send with
//! `ERROR_INTERNET_CANNOT_CONNECT`, as does a proxy that closes or resets
//! the connection before answering (the origin could not be reached).

use crate::http::h1::{self, ResponseHead};
use crate::Error;

/// What the CONNECT request carries besides the target.
#[derive(Debug, Clone, Default)]
pub(crate) struct TunnelAsk {
    pub user_agent: String,
    /// A ready `Proxy-Authorization` value.
    pub authorization: Option<String>,
}

/// The CONNECT request's bytes for `host:port`.
pub(crate) fn connect_request(host: &str, port: u16, ask: &TunnelAsk) -> Result<Vec<u8>, Error> {
    let authority = if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let mut headers = vec![("Host".to_string(), authority.clone())];
    if !ask.user_agent.is_empty() {
        headers.push(("User-Agent".to_string(), ask.user_agent.clone()));
    }
    headers.push(("Content-Length".to_string(), "0".to_string()));
    headers.push(("Proxy-Connection".to_string(), "Keep-Alive".to_string()));
    headers.push(("Pragma".to_string(), "no-cache".to_string()));
    if let Some(a) = &ask.authorization {
        headers.push(("Proxy-Authorization".to_string(), a.clone()));
    }
    let mut wire = Vec::with_capacity(256);
    h1::encode_request_head("CONNECT", &authority, "HTTP/1.1", &headers, &mut wire)?;
    Ok(wire)
}

/// What the proxy's answer to CONNECT means.
pub(crate) enum Answer {
    Open,
    /// The proxy wants credentials: the caller sees this response.
    AuthRequired(ResponseHead),
}

/// Judges the proxy's answer.
pub(crate) fn judge(head: ResponseHead) -> Result<Answer, Error> {
    match head.status {
        200..=299 => Ok(Answer::Open),
        407 => Ok(Answer::AuthRequired(head)),
        _ => Err(Error::CannotConnect),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_request_as_wininet_sends_it() {
        let ask = TunnelAsk {
            user_agent: "ua".into(),
            authorization: Some("Basic eDp5".into()),
        };
        let text = String::from_utf8(connect_request("example.org", 443, &ask).unwrap()).unwrap();
        assert_eq!(
            text,
            "CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\nUser-Agent: ua\r\n\
             Content-Length: 0\r\nProxy-Connection: Keep-Alive\r\nPragma: no-cache\r\n\
             Proxy-Authorization: Basic eDp5\r\n\r\n"
        );
        let v6 = String::from_utf8(connect_request("::1", 8443, &TunnelAsk::default()).unwrap())
            .unwrap();
        assert!(v6.starts_with("CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n"));
    }
}
