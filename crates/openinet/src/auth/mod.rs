//! HTTP authentication to servers (401, `WWW-Authenticate` →
//! `Authorization`) and proxies (407, `Proxy-Authenticate` →
//! `Proxy-Authorization`): Basic, Digest, and NTLM (`ntlm`, with the
//! `sspi` crate; `Negotiate` is answered with NTLM tokens there).
//!
//! WinINet answers a challenge itself when the handle has credentials,
//! so the application sees only the final response; without credentials,
//! or when the answer is refused, the 401/407 is the response, and the
//! application may set credentials and send again. [`Attempts`] keeps a
//! send from retrying forever: one answer per target per send, and a
//! Digest `stale=true` (a nonce that expired, the credentials right) a
//! few more.
//!
//! Which scheme answers: the first the server lists that we speak, as
//! Wine's wininet tries the `WWW-Authenticate` values in the server's
//! order (dlls/wininet/http.c, HTTP_HttpSendRequestW's loop over
//! HTTP_QUERY_WWW_AUTHENTICATE); except that Digest, when offered, is
//! taken before Basic wherever Basic is listed (OpenINet's earlier
//! choice: never send a password in clear when it need not be).
//!
//! NTLM is a handshake over two round trips on one connection: the
//! answers are made here ([`Attempts::leg`] says which leg the last one
//! was); the request keeps the connection between them.

pub mod challenge;
pub mod digest;
pub mod ntlm;
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
    /// The scheme of the last answer (`Basic`, `Digest`, `NTLM`,
    /// `Negotiate`).
    pub last_scheme: Option<&'static str>,
    /// An NTLM handshake under way with this target.
    handshake: Option<ntlm::Handshake>,
    /// Which NTLM leg the last answer was, when it was one.
    pub leg: Option<Leg>,
}

/// The connection-bound legs of NTLM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leg {
    /// Type 1 went: the challenge comes back on this connection.
    Negotiate,
    /// Type 3 went, answering the challenge of this connection.
    Authenticate,
}

impl Attempts {
    /// Whether the next answer would be a Type 3: it must go on the
    /// connection that brought the challenge.
    pub fn awaits_ntlm_challenge(&self) -> bool {
        self.handshake.as_ref().is_some_and(|h| !h.finished())
    }
}

/// The schemes answered, by name as matched.
const NTLM_SCHEMES: [&str; 2] = ["NTLM", "Negotiate"];

/// The challenge that gets the answer: the first in the server's order
/// whose scheme is spoken here, Digest before Basic (see the module docs).
fn chosen(challenges: &[Challenge]) -> Option<&Challenge> {
    let has_digest = challenges
        .iter()
        .any(|c| c.is("Digest") && digest::DigestChallenge::from(c).is_some());
    challenges.iter().find(|c| {
        NTLM_SCHEMES.iter().any(|s| c.is(s))
            || (c.is("Digest") && digest::DigestChallenge::from(c).is_some())
            || (c.is("Basic") && !has_digest)
    })
}

/// The NTLM answer: Type 1 to a bare challenge, Type 3 to the server's
/// Type 2 within a handshake; `None` once the handshake is over (the
/// Type 3 was refused), or when the challenge is not one we can answer.
fn answer_ntlm(
    challenge: &Challenge,
    creds: &Credentials,
    attempts: &mut Attempts,
    host: &str,
) -> Option<String> {
    let scheme = NTLM_SCHEMES.into_iter().find(|s| challenge.is(s))?;
    let token = challenge
        .params
        .first()
        .filter(|(name, _)| name.is_empty())
        .map(|(_, v)| v.as_str());
    match (attempts.handshake.as_mut(), token) {
        // The server's Type 2, within our handshake.
        (Some(h), Some(token)) if h.scheme() == scheme && !h.finished() => {
            let value = h.authenticate(token)?;
            attempts.answers += 1;
            attempts.leg = Some(Leg::Authenticate);
            Some(value)
        }
        // A first challenge: Type 1.
        (None, None) if attempts.answers == 0 => {
            let (h, value) = ntlm::Handshake::start(scheme, creds, host)?;
            attempts.handshake = Some(h);
            attempts.answers += 1;
            attempts.last_scheme = Some(scheme);
            attempts.leg = Some(Leg::Negotiate);
            Some(value)
        }
        // A bare challenge after our Type 3 (refused), a token we did not
        // ask for, or a scheme that changed mid-handshake.
        _ => None,
    }
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
/// The scheme is the server's first we speak, Digest before Basic; among
/// Digest challenges SHA-256 wins over MD5. `host` names the target for
/// NTLM.
pub fn answer(
    challenges: &[Challenge],
    creds: &Credentials,
    attempts: &mut Attempts,
    method: &str,
    uri: &str,
    host: &str,
) -> Option<String> {
    attempts.leg = None;
    let first = chosen(challenges)?;
    if NTLM_SCHEMES.iter().any(|s| first.is(s)) {
        return answer_ntlm(first, creds, attempts, host);
    }
    // A handshake under way and the server now asks for another scheme:
    // the response stands (Wine refuses a scheme change as well).
    if attempts.handshake.is_some() {
        return None;
    }
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
            answer(&ch, &creds(), &mut a, "GET", "/", "h").as_deref(),
            Some("Basic dXNlcjpwd2Q=")
        );
        assert_eq!(answer(&ch, &creds(), &mut a, "GET", "/", "h"), None);
    }

    #[test]
    fn digest_preferred_and_stale_retried_a_bounded_number_of_times() {
        let ch = challenge::parse(
            [r#"Basic realm="x", Digest realm="r", nonce="n1", qop="auth""#].into_iter(),
        );
        let mut a = Attempts::default();
        let first = answer(&ch, &creds(), &mut a, "GET", "/p", "h").unwrap();
        assert!(first.starts_with("Digest username=\"user\""), "{first}");
        assert!(first.contains("nc=00000001"));
        // Refused without stale: stop.
        assert_eq!(
            answer(&ch, &creds(), &mut a.clone(), "GET", "/p", "h"),
            None
        );
        let stale =
            challenge::parse([r#"Digest realm="r", nonce="n2", qop=auth, stale=true"#].into_iter());
        assert!(answer(&stale, &creds(), &mut a, "GET", "/p", "h").is_some());
        assert!(answer(&stale, &creds(), &mut a, "GET", "/p", "h").is_some());
        assert_eq!(answer(&stale, &creds(), &mut a, "GET", "/p", "h"), None);
    }

    #[test]
    fn unknown_schemes_get_no_answer() {
        let ch = challenge::parse(["Kerberos", "Bearer realm=\"x\""].into_iter());
        assert_eq!(
            answer(&ch, &creds(), &mut Attempts::default(), "GET", "/", "h"),
            None
        );
        assert_eq!(format!("{:?}", creds()), "Credentials(..)");
    }

    #[test]
    fn the_servers_first_scheme_wins_digest_before_basic() {
        let pick = |values: &[&str]| {
            let ch = challenge::parse(values.iter().copied());
            let mut a = Attempts::default();
            answer(&ch, &creds(), &mut a, "GET", "/", "h");
            a.last_scheme
        };
        assert_eq!(pick(&["NTLM", "Basic realm=\"x\""]), Some("NTLM"));
        assert_eq!(pick(&["Basic realm=\"x\"", "NTLM"]), Some("Basic"));
        assert_eq!(pick(&["Negotiate", "NTLM"]), Some("Negotiate"));
        assert_eq!(
            pick(&[
                "Basic realm=\"x\"",
                "Digest realm=\"r\", nonce=\"n\"",
                "NTLM"
            ]),
            Some("Digest")
        );
    }

    #[test]
    fn ntlm_type1_then_nothing_without_a_type2() {
        let ch = challenge::parse(["NTLM"].into_iter());
        let mut a = Attempts::default();
        let t1 = answer(&ch, &creds(), &mut a, "GET", "/", "h").unwrap();
        assert!(t1.starts_with("NTLM TlRMTVNTUAAB"), "{t1}");
        assert_eq!(a.leg, Some(Leg::Negotiate));
        assert!(a.awaits_ntlm_challenge());
        // The server answers Type 1 with a bare challenge again: stop.
        assert_eq!(answer(&ch, &creds(), &mut a, "GET", "/", "h"), None);
        assert_eq!(a.leg, None);
        // A scheme change mid-handshake: stop too.
        let basic = challenge::parse(["Basic realm=\"x\""].into_iter());
        assert_eq!(answer(&basic, &creds(), &mut a, "GET", "/", "h"), None);
    }
}
