//! The request's side of authentication: which credentials answer a 401
//! or 407, where the answer goes (`Authorization` in the request's
//! headers; `Proxy-Authorization` on the wire to the proxy, or in the
//! CONNECT that opens a tunnel), and Basic sent before being asked.
//! The schemes themselves are in `crate::auth`.

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
}

impl AuthSettings {
    pub fn from_connection(conn: &Connection) -> AuthSettings {
        AuthSettings {
            username: conn.username.clone(),
            password: conn.password.clone(),
            proxy_username: conn.proxy_username.clone(),
            proxy_password: conn.proxy_password.clone(),
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

    fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    fn set_header(&mut self, name: &str, value: String) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_string(), value));
    }

    /// Adds the Basic answer the server accepted for this directory
    /// before, unless the request carries its own or refuses to answer.
    pub(super) fn add_preemptive_basic(&mut self) {
        if self.flags & consts::INTERNET_FLAG_NO_AUTH != 0 || self.has_header("Authorization") {
            return;
        }
        if let Some(v) =
            auth::remembered_basic(self.key.secure, &self.key.host, self.key.port, &self.target)
        {
            self.headers.push(("Authorization".to_string(), v));
        }
    }

    /// Remembers a Basic answer the server accepted.
    pub(super) fn remember_accepted_basic(&self, rounds: &Rounds) {
        if rounds.server.last_scheme != Some("Basic") || self.status_code() == Some(401) {
            return;
        }
        if let Some((_, v)) = self
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("Authorization"))
        {
            auth::remember_basic(
                self.key.secure,
                &self.key.host,
                self.key.port,
                &self.target,
                v,
            );
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
        } else {
            self.auth.server()
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
                self.wire_target.clone().unwrap_or_else(|| self.target.clone()),
            )
        };
        let attempts = if for_proxy {
            &mut rounds.proxy
        } else {
            &mut rounds.server
        };
        let Some(value) = auth::answer(&challenges, &creds, attempts, &method, &uri) else {
            return false;
        };
        if for_proxy {
            self.auth.proxy_authorization = Some(value);
        } else {
            self.set_header("Authorization", value);
        }
        true
    }
}
