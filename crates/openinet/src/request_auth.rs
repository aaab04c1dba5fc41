//! The request's side of authentication: which credentials answer a 401
//! or 407, where the answer goes (`Authorization` in the request's
//! headers; `Proxy-Authorization` on the wire to the proxy, or in the
//! CONNECT that opens a tunnel), and Basic sent before being asked.
//! The schemes themselves are in `crate::auth`.
//!
//! NTLM's legs are bound to a connection: after a Type 1 or Type 3 the
//! request keeps the connection that carried it (the 401/407 body read
//! to its end, the connection never pooled in between) for the next leg
//! (`Request::hold_connection_for_next_leg`); a Type 3 is only made when
//! the challenge's connection stays open, otherwise the challenge is the
//! response. A finished handshake's `Authorization` is not sent again by
//! a later send: the server asks afresh if it wants it.

use super::Request;
use crate::auth::{self, Attempts, Credentials};
use crate::consts;
use crate::session::Connection;

/// The credentials a request holds, and its answer to the proxy.
#[derive(Debug, Clone, Default)]
pub(crate) struct AuthSettings {
    pub username: Option<String>,
    pub password: Option<String>,
    pub proxy_username: Option<String>,
    pub proxy_password: Option<String>,
    /// Credentials from the proxy's own URL (`http_proxy=http://u:p@...`).
    pub route_credentials: Option<Credentials>,
    /// The `Proxy-Authorization` value to send, once the proxy asked.
    pub proxy_authorization: Option<String>,
    /// The server (host, port) the credentials were given for: a request
    /// redirected elsewhere neither answers with them nor sends an
    /// `Authorization` made from them.
    pub given_for: (String, u16),
    /// The server the `Authorization` header we added was made for.
    pub answered_for: Option<(String, u16)>,
    /// The `Authorization` header we added is an NTLM leg's (never resent).
    pub bound_authorization: bool,
}

impl AuthSettings {
    pub fn from_connection(conn: &Connection) -> AuthSettings {
        AuthSettings {
            username: conn.username.clone(),
            password: conn.password.clone(),
            proxy_username: conn.proxy_username.clone(),
            proxy_password: conn.proxy_password.clone(),
            given_for: (conn.host.to_ascii_lowercase(), conn.port),
            ..AuthSettings::default()
        }
    }

    fn server(&self) -> Option<Credentials> {
        Some(Credentials {
            username: self.username.clone().filter(|u| !u.is_empty())?,
            password: self.password.clone().unwrap_or_default(),
        })
    }

    fn proxy(&self) -> Option<Credentials> {
        match self.proxy_username.clone().filter(|u| !u.is_empty()) {
            Some(username) => Some(Credentials {
                username,
                password: self.proxy_password.clone().unwrap_or_default(),
            }),
            None => self.route_credentials.clone(),
        }
    }
}

/// What one `send` has answered, to the server and to the proxy.
#[derive(Debug, Default)]
pub(crate) struct Rounds {
    server: Attempts,
    proxy: Attempts,
}

impl Rounds {
    /// Whether the last answer was an NTLM leg (its connection is kept).
    pub fn connection_bound(&self) -> bool {
        self.server.leg.is_some() || self.proxy.leg.is_some()
    }
}

/// Whether a header value is an NTLM leg's (`NTLM …`, `Negotiate …`).
fn is_ntlm_value(value: &str) -> bool {
    let scheme = value.split(' ').next().unwrap_or("");
    scheme.eq_ignore_ascii_case("NTLM") || scheme.eq_ignore_ascii_case("Negotiate")
}

/// Which credential option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialField {
    Username,
    Password,
    ProxyUsername,
    ProxyPassword,
}

impl Request {
    /// Sets one credential (INTERNET_OPTION_USERNAME and the like).
    pub fn set_credential(&mut self, field: CredentialField, value: Option<String>) {
        let a = &mut self.auth;
        let slot = match field {
            CredentialField::Username => &mut a.username,
            CredentialField::Password => &mut a.password,
            CredentialField::ProxyUsername => &mut a.proxy_username,
            CredentialField::ProxyPassword => &mut a.proxy_password,
        };
        *slot = value;
    }

    /// One credential as set (empty when not).
    pub fn credential(&self, field: CredentialField) -> String {
        let a = &self.auth;
        match field {
            CredentialField::Username => &a.username,
            CredentialField::Password => &a.password,
            CredentialField::ProxyUsername => &a.proxy_username,
            CredentialField::ProxyPassword => &a.proxy_password,
        }
        .clone()
        .unwrap_or_default()
    }

    fn set_header(&mut self, name: &str, value: String) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_string(), value));
    }

    /// Sends Basic ahead of the challenge to a directory whose server
    /// accepted Basic before (see `auth::preemptive`): with the request's
    /// own credentials, or else the remembered ones, which the request
    /// then reports as its USERNAME and PASSWORD. The answer replaces an
    /// `Authorization` the application added, as in WinINet.
    pub(super) fn add_preemptive_basic(&mut self) {
        if self.flags & consts::INTERNET_FLAG_NO_AUTH != 0 || !self.at_credentials_server() {
            return;
        }
        let Some(remembered) =
            auth::remembered_basic(self.key.secure, &self.key.host, self.key.port, &self.target)
        else {
            return;
        };
        let creds = match self.auth.server() {
            Some(own) => own,
            None => {
                self.auth.username = Some(remembered.username.clone());
                self.auth.password = Some(remembered.password.clone());
                remembered
            }
        };
        self.set_header("Authorization", auth::basic(&creds));
        self.auth.answered_for = Some((self.key.host.clone(), self.key.port));
    }

    /// Before a send: an NTLM leg's `Authorization` (or proxy answer)
    /// left by an earlier send is dropped; its handshake is over.
    pub(super) fn forget_finished_handshakes(&mut self) {
        if std::mem::take(&mut self.auth.bound_authorization) {
            self.headers
                .retain(|(n, _)| !n.eq_ignore_ascii_case("Authorization"));
        }
        if let Some(ours) = self.auth.proxy_authorization.take_if(|v| is_ntlm_value(v)) {
            // What was sent is kept as the request's headers: drop it there too.
            self.headers
                .retain(|(n, v)| !(n.eq_ignore_ascii_case("Proxy-Authorization") && *v == ours));
        }
    }

    /// Whether a 407 would be answered: proxy credentials, no NO_AUTH.
    pub(super) fn answers_proxy(&self) -> bool {
        self.flags & consts::INTERNET_FLAG_NO_AUTH == 0 && self.auth.proxy().is_some()
    }

    /// Remembers credentials the server accepted by Basic.
    pub(super) fn remember_accepted_basic(&self, rounds: &Rounds) {
        if rounds.server.last_scheme != Some("Basic") || self.status_code() == Some(401) {
            return;
        }
        if let Some(creds) = self.auth.server() {
            auth::remember_basic(
                self.key.secure,
                &self.key.host,
                self.key.port,
                &self.target,
                &creds,
            );
        }
    }

    /// Whether the request still goes to the server its credentials were
    /// given for.
    fn at_credentials_server(&self) -> bool {
        self.auth.given_for.0 == self.key.host && self.auth.given_for.1 == self.key.port
    }

    /// An `Authorization` we made for another server than this send's
    /// (after a redirect) is not sent.
    pub(super) fn drop_foreign_authorization(&mut self, sent: &mut Vec<(String, String)>) {
        let Some((host, port)) = &self.auth.answered_for else {
            return;
        };
        if *host != self.key.host || *port != self.key.port {
            sent.retain(|(n, _)| !n.eq_ignore_ascii_case("Authorization"));
            self.auth.answered_for = None;
        }
    }

    /// Plain http through a proxy carries the proxy's answer.
    pub(super) fn add_proxy_authorization(&self, sent: &mut Vec<(String, String)>) {
        if self.wire_target.is_none() {
            return;
        }
        if let Some(v) = &self.auth.proxy_authorization {
            sent.retain(|(n, _)| !n.eq_ignore_ascii_case("Proxy-Authorization"));
            sent.push(("Proxy-Authorization".to_string(), v.clone()));
        }
    }

    /// After a response: answers a 401 (server) or 407 (proxy) the
    /// request has credentials for; true when the request must go again.
    pub(super) fn answer_challenge(&mut self, rounds: &mut Rounds) -> bool {
        if self.flags & consts::INTERNET_FLAG_NO_AUTH != 0 {
            return false;
        }
        let Some(head) = self.response() else {
            return false;
        };
        let for_proxy = match head.status {
            401 => false,
            407 if self.key.proxy.is_some() => true,
            _ => return false,
        };
        let creds = if for_proxy {
            self.auth.proxy()
        } else if self.at_credentials_server() {
            self.auth.server()
        } else {
            None
        };
        let Some(creds) = creds else {
            return false;
        };
        let challenge_header = if for_proxy {
            "Proxy-Authenticate"
        } else {
            "WWW-Authenticate"
        };
        let challenges = auth::challenge::parse(
            head.headers()
                .filter(|(n, _)| n.eq_ignore_ascii_case(challenge_header))
                .map(|(_, v)| v),
        );
        // A tunnel's answer is to its CONNECT.
        let (method, uri) = if for_proxy && self.key.secure {
            (
                "CONNECT".to_string(),
                format!("{}:{}", self.key.host, self.key.port),
            )
        } else {
            (
                self.method.clone(),
                self.wire_target
                    .clone()
                    .unwrap_or_else(|| self.target.clone()),
            )
        };
        let attempts = if for_proxy {
            &mut rounds.proxy
        } else {
            &mut rounds.server
        };
        // A Type 3 answers the challenge of this connection only: when the
        // server closes it, there is nothing to answer on.
        let kept = self
            .exchange
            .as_ref()
            .is_some_and(|ex| (ex.reusable || ex.bound_tunnel) && ex.conn.is_some());
        if attempts.awaits_ntlm_challenge() && !kept {
            return false;
        }
        let host = if for_proxy {
            self.key.proxy.as_ref().map_or("", |p| p.0.as_str())
        } else {
            self.key.host.as_str()
        };
        let host = host.to_string();
        let Some(value) = auth::answer(&challenges, &creds, attempts, &method, &uri, &host) else {
            return false;
        };
        let bound = attempts.leg.is_some();
        if for_proxy {
            self.auth.proxy_authorization = Some(value);
        } else {
            self.set_header("Authorization", value);
            self.auth.answered_for = Some((self.key.host.clone(), self.key.port));
            self.auth.bound_authorization = bound;
        }
        true
    }
}
