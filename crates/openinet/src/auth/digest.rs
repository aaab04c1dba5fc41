//! Digest access authentication (RFC 7616): MD5 and SHA-256, their
//! `-sess` forms, `qop=auth` (or the RFC 2069 form without qop). Hashes
//! come from `md-5` (RustCrypto) and `ring`, the client nonce from
//! `ring`'s system random source.

use super::challenge::Challenge;
use super::Credentials;

/// The hash a challenge names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Md5,
    Sha256,
}

/// What a Digest challenge asks for, when we can answer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestChallenge {
    pub realm: String,
    pub nonce: String,
    pub opaque: Option<String>,
    pub algorithm: Algorithm,
    pub session: bool,
    /// `qop=auth` offered (otherwise the RFC 2069 form).
    pub qop_auth: bool,
    pub stale: bool,
    /// The algorithm's name as the challenge spelt it, echoed back.
    pub algorithm_text: Option<String>,
}

impl DigestChallenge {
    /// `None` for a challenge we cannot answer: no nonce, an unknown
    /// algorithm, or only `qop=auth-int`.
    pub fn from(ch: &Challenge) -> Option<DigestChallenge> {
        let nonce = ch.param("nonce")?.to_string();
        let algorithm_text = ch.param("algorithm").map(str::to_string);
        let alg = algorithm_text
            .as_deref()
            .unwrap_or("MD5")
            .to_ascii_uppercase();
        let (algorithm, session) = match alg.as_str() {
            "MD5" => (Algorithm::Md5, false),
            "MD5-SESS" => (Algorithm::Md5, true),
            "SHA-256" => (Algorithm::Sha256, false),
            "SHA-256-SESS" => (Algorithm::Sha256, true),
            _ => return None,
        };
        let qop_auth = match ch.param("qop") {
            None => false,
            Some(q) => {
                if !q.split(',').any(|t| t.trim().eq_ignore_ascii_case("auth")) {
                    return None;
                }
                true
            }
        };
        Some(DigestChallenge {
            realm: ch.param("realm").unwrap_or("").to_string(),
            nonce,
            opaque: ch.param("opaque").map(str::to_string),
            algorithm,
            session,
            qop_auth,
            stale: ch
                .param("stale")
                .is_some_and(|s| s.eq_ignore_ascii_case("true")),
            algorithm_text,
        })
    }
}

fn hex_hash(alg: Algorithm, data: &str) -> String {
    let bytes: Vec<u8> = match alg {
        Algorithm::Md5 => {
            use md5::Digest;
            md5::Md5::digest(data.as_bytes()).to_vec()
        }
        Algorithm::Sha256 => ring::digest::digest(&ring::digest::SHA256, data.as_bytes())
            .as_ref()
            .to_vec(),
    };
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh client nonce: 16 random bytes in hex.
pub fn new_cnonce() -> String {
    use ring::rand::SecureRandom;
    let mut b = [0u8; 16];
    // The system source does not fail on Linux or macOS; if it did, the
    // time stands in (a cnonce must be unique, not secret).
    if ring::rand::SystemRandom::new().fill(&mut b).is_err() {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        b = t.to_le_bytes();
    }
    b.iter().map(|b| format!("{b:02x}")).collect()
}

/// Quotes a value for a quoted-string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The `Authorization` value answering `ch` for `method uri`, with nonce
/// count `nc` and client nonce `cnonce`.
pub fn answer(
    ch: &DigestChallenge,
    creds: &Credentials,
    method: &str,
    uri: &str,
    nc: u32,
    cnonce: &str,
) -> String {
    let alg = ch.algorithm;
    let mut ha1 = hex_hash(
        alg,
        &format!("{}:{}:{}", creds.username, ch.realm, creds.password),
    );
    if ch.session {
        ha1 = hex_hash(alg, &format!("{ha1}:{}:{cnonce}", ch.nonce));
    }
    let ha2 = hex_hash(alg, &format!("{method}:{uri}"));
    let nc_text = format!("{nc:08x}");
    let response = if ch.qop_auth {
        hex_hash(
            alg,
            &format!("{ha1}:{}:{nc_text}:{cnonce}:auth:{ha2}", ch.nonce),
        )
    } else {
        hex_hash(alg, &format!("{ha1}:{}:{ha2}", ch.nonce))
    };
    let mut out = format!(
        "Digest username={}, realm={}, nonce={}, uri={}",
        q(&creds.username),
        q(&ch.realm),
        q(&ch.nonce),
        q(uri)
    );
    if let Some(a) = &ch.algorithm_text {
        out.push_str(&format!(", algorithm={a}"));
    }
    out.push_str(&format!(", response={}", q(&response)));
    if ch.qop_auth {
        out.push_str(&format!(", qop=auth, nc={nc_text}, cnonce={}", q(cnonce)));
    }
    if let Some(o) = &ch.opaque {
        out.push_str(&format!(", opaque={}", q(o)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::challenge;
    use super::*;

    /// RFC 7616 §3.9.1's example, for both algorithms.
    #[test]
    fn rfc_7616_vectors() {
        let creds = Credentials {
            username: "Mufasa".into(),
            password: "Circle of Life".into(),
        };
        for (alg, want) in [
            ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
            (
                "SHA-256",
                "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
            ),
        ] {
            let header = format!(
                r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={alg}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#
            );
            let ch = challenge::parse([header.as_str()].into_iter());
            let d = DigestChallenge::from(&ch[0]).unwrap();
            let a = answer(
                &d,
                &creds,
                "GET",
                "/dir/index.html",
                1,
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            );
            assert!(a.contains(&format!("response=\"{want}\"")), "{a}");
            assert!(a.contains("nc=00000001"), "{a}");
            assert!(a.contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""));
        }
    }

    #[test]
    fn unanswerable_challenges() {
        let parse = |h: &str| DigestChallenge::from(&challenge::parse([h].into_iter())[0]);
        assert!(parse(r#"Digest realm="r""#).is_none());
        assert!(parse(r#"Digest realm="r", nonce="n", algorithm=SHA-512-256"#).is_none());
        assert!(parse(r#"Digest realm="r", nonce="n", qop="auth-int""#).is_none());
        assert!(
            parse(r#"Digest realm="r", nonce="n", stale=TRUE"#)
                .unwrap()
                .stale
        );
    }
}
