//! HTTP authentication to servers (401, `WWW-Authenticate` →
//! `Authorization`) and proxies (407, `Proxy-Authenticate` →
//! `Proxy-Authorization`): Basic and Digest.
//!
//! WinINet answers a challenge itself when the handle has credentials,
//! so the application sees only the final response; without credentials,
//! or when the answer is refused, the 401/407 is the response, and the
//! application may set credentials and send again. [`Attempts`] keeps a
//! send from retrying forever: one answer per target per send, and a
//! Digest `stale=true` (a nonce that expired, the credentials right) a
//! few more.
//!
//! NTLM is not implemented: it needs a maintained crate (such as `sspi`)
//! and a connection-bound exchange; a server that offers only NTLM gets
//! its 401 handed to the application.

pub mod challenge;
pub mod digest;
mod preemptive;

pub use challenge::Challenge;
pub use preemptive::{forget_all, remember_basic, remembered_basic};

use base64::Engine;

/// A user name and password.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    /// Never shows the password (nor the name: both stay out of logs).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Credentials(..)")
    }
}

/// The most answers to one target within one send: the first, and two
/// more for stale Digest nonces.
const MAX_ANSWERS: u8 = 3;

/// What one send has answered to one target (server or proxy).
#[derive(Debug, Default, Clone)]
pub struct Attempts {
    answers: u8,
    nonce_count: u32,
    last_nonce: Option<String>,
    /// The scheme of the last answer (`Basic`, `Digest`).
    pub last_scheme: Option<&'static str>,
}

/// The `Basic` value for `creds`.
pub fn basic(creds: &Credentials) -> String {
    let raw = format!("{}:{}", creds.username, creds.password);
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    )
}

/// Answers `challenges` (one target's) with `creds`: the value of the
/// (Proxy-)Authorization header to send, or `None` when the response
/// stands (no scheme we speak, or our answer was already refused).
/// Digest wins over Basic, SHA-256 over MD5.
pub fn answer(
    challenges: &[Challenge],
    creds: &Credentials,
    attempts: &mut Attempts,
    method: &str,
    uri: &str,
) -> Option<String> {
    let mut digests: Vec<digest::DigestChallenge> = challenges
        .iter()
        .filter(|c| c.is("Digest"))
        .filter_map(digest::DigestChallenge::from)
        .collect();
    digests.sort_by_key(|d| d.algorithm != digest::Algorithm::Sha256);
    if let Some(d) = digests.into_iter().next() {
        let first = attempts.answers == 0;
        // A stale nonce means the answer was right but late: answer again.
        let stale_again = d.stale && attempts.answers < MAX_ANSWERS;
        if !(first || stale_again) {
            return None;
        }
        attempts.answers += 1;
        if attempts.last_nonce.as_deref() != Some(d.nonce.as_str()) {
            attempts.nonce_count = 0;
            attempts.last_nonce = Some(d.nonce.clone());
        }
        attempts.nonce_count += 1;
        attempts.last_scheme = Some("Digest");
        let cnonce = digest::new_cnonce();
        return Some(digest::answer(
            &d,
            creds,
            method,
            uri,
            attempts.nonce_count,
            &cnonce,
        ));
    }
    if challenges.iter().any(|c| c.is("Basic")) && attempts.answers == 0 {
        attempts.answers += 1;
        attempts.last_scheme = Some("Basic");
        return Some(basic(creds));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> Credentials {
        Credentials {
            username: "user".into(),
            password: "pwd".into(),
        }
    }

    #[test]
    fn basic_once_then_the_response_stands() {
        let ch = challenge::parse([r#"Basic realm="x""#].into_iter());
        let mut a = Attempts::default();
        // Wine's http.c test server expects exactly this for user:pwd.
        assert_eq!(
            answer(&ch, &creds(), &mut a, "GET", "/").as_deref(),
            Some("Basic dXNlcjpwd2Q=")
        );
        assert_eq!(answer(&ch, &creds(), &mut a, "GET", "/"), None);
    }

    #[test]
    fn digest_preferred_and_stale_retried_a_bounded_number_of_times() {
        let ch = challenge::parse(
            [r#"Basic realm="x", Digest realm="r", nonce="n1", qop="auth""#].into_iter(),
        );
        let mut a = Attempts::default();
        let first = answer(&ch, &creds(), &mut a, "GET", "/p").unwrap();
        assert!(first.starts_with("Digest username=\"user\""), "{first}");
        assert!(first.contains("nc=00000001"));
        // Refused without stale: stop.
        assert_eq!(answer(&ch, &creds(), &mut a.clone(), "GET", "/p"), None);
        let stale =
            challenge::parse([r#"Digest realm="r", nonce="n2", qop=auth, stale=true"#].into_iter());
        assert!(answer(&stale, &creds(), &mut a, "GET", "/p").is_some());
        assert!(answer(&stale, &creds(), &mut a, "GET", "/p").is_some());
        assert_eq!(answer(&stale, &creds(), &mut a, "GET", "/p"), None);
    }

    #[test]
    fn unknown_schemes_get_no_answer() {
        let ch = challenge::parse(["NTLM", "Negotiate"].into_iter());
        assert_eq!(
            answer(&ch, &creds(), &mut Attempts::default(), "GET", "/"),
            None
        );
        assert_eq!(format!("{:?}", creds()), "Credentials(..)");
    }
}
