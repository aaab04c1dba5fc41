//! NTLM (`WWW-Authenticate: NTLM`, and `Negotiate` answered with NTLM
//! tokens): the client's half of the three-message handshake
//! (MS-NLMP): Type 1 (negotiate) → the server's Type 2 (challenge) →
//! Type 3 (authenticate).
//!
//! All NTLM cryptography (MD4/HMAC-MD5 hashes, NTLMv2 responses, the MIC)
//! is the `sspi` crate's (Devolutions' pure-Rust SSPI, maintained, used by
//! their RDP clients): NTLM is easy to get subtly wrong, so none of it is
//! written here. `sspi` is built without default features: no TLS stack,
//! no network client (NTLM needs neither).
//!
//! The handshake is bound to one connection: the Type 3 answers the
//! challenge of the connection it came on. Keeping that connection is the
//! request's job (`request_auth`); this module only turns challenges into
//! header values.
//!
//! `Negotiate` (SPNEGO): on a machine without Kerberos, Windows' Negotiate
//! package falls back to NTLM and sends its raw NTLM tokens under the
//! `Negotiate` scheme (`Authorization: Negotiate TlRMTVNT...`); that is
//! what is sent here for a `Negotiate` challenge. A server that insists on
//! Kerberos (a SPNEGO token in its answer) gets no answer it accepts, and
//! its 401 is handed to the application.

use base64::Engine;
use sspi::{
    AuthIdentity, BufferType, ClientRequestFlags, CredentialUse, DataRepresentation, Ntlm,
    SecurityBuffer, SecurityStatus, Sspi, SspiImpl, Username,
};

use super::Credentials;

/// One NTLM handshake in progress (per target, per send).
#[derive(Clone)]
pub struct Handshake {
    ntlm: Ntlm,
    handle: <Ntlm as SspiImpl>::CredentialsHandle,
    /// The scheme the server offered (`NTLM` or `Negotiate`), as answered.
    scheme: &'static str,
    target: String,
    /// The Type 3 was made: the next challenge means refusal.
    finished: bool,
}

impl std::fmt::Debug for Handshake {
    /// Shows nothing derived from the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handshake")
            .field("scheme", &self.scheme)
            .field("finished", &self.finished)
            .finish()
    }
}

/// The user name as sspi reads it: `DOMAIN\user`, `user@domain` (a UPN)
/// or a bare `user` (no domain), as Windows accepts them.
fn identity(creds: &Credentials) -> Option<AuthIdentity> {
    Some(AuthIdentity {
        username: Username::parse(&creds.username).ok()?,
        password: creds.password.clone().into(),
    })
}

fn header(scheme: &str, token: &[u8]) -> String {
    format!(
        "{scheme} {}",
        base64::engine::general_purpose::STANDARD.encode(token)
    )
}

fn requirements() -> ClientRequestFlags {
    // What WinINet asks of its SSPI for HTTP: a connection-oriented
    // context with mutual authentication (Wine's http.c asks the same).
    ClientRequestFlags::CONNECTION | ClientRequestFlags::MUTUAL_AUTH
}

impl Handshake {
    /// Starts a handshake for `scheme` (`NTLM` or `Negotiate`) to `host`:
    /// the handshake and its Type 1 header value; `None` when the
    /// credentials cannot be used (a user name sspi refuses).
    pub fn start(scheme: &'static str, creds: &Credentials, host: &str) -> Option<(Self, String)> {
        let identity = identity(creds)?;
        let mut ntlm = Ntlm::new();
        let mut handle = ntlm
            .acquire_credentials_handle()
            .with_credential_use(CredentialUse::Outbound)
            .with_auth_data(&identity)
            .execute(&mut ntlm)
            .ok()?
            .credentials_handle;
        let target = format!("HTTP/{host}");
        let mut out = vec![SecurityBuffer::new(Vec::new(), BufferType::Token)];
        let mut builder = ntlm
            .initialize_security_context()
            .with_credentials_handle(&mut handle)
            .with_context_requirements(requirements())
            .with_target_data_representation(DataRepresentation::Native)
            .with_target_name(&target)
            .with_output(&mut out);
        ntlm.initialize_security_context_impl(&mut builder)
            .ok()?
            .resolve_to_result()
            .ok()?;
        let value = header(scheme, &out[0].buffer);
        Some((
            Handshake {
                ntlm,
                handle,
                scheme,
                target,
                finished: false,
            },
            value,
        ))
    }

    /// Whether the Type 3 was made (a further challenge is a refusal).
    pub fn finished(&self) -> bool {
        self.finished
    }

    pub fn scheme(&self) -> &'static str {
        self.scheme
    }

    /// Answers the server's Type 2 (`token`, base64 as sent): the Type 3
    /// header value, or `None` when the challenge is not one (bad base64,
    /// a truncated or malformed message) or the handshake is over.
    pub fn authenticate(&mut self, token: &str) -> Option<String> {
        if self.finished {
            return None;
        }
        self.finished = true;
        let challenge = base64::engine::general_purpose::STANDARD
            .decode(token.trim())
            .ok()?;
        let mut input = vec![SecurityBuffer::new(challenge, BufferType::Token)];
        let mut out = vec![SecurityBuffer::new(Vec::new(), BufferType::Token)];
        let mut builder = self
            .ntlm
            .initialize_security_context()
            .with_credentials_handle(&mut self.handle)
            .with_context_requirements(requirements())
            .with_target_data_representation(DataRepresentation::Native)
            .with_target_name(&self.target)
            .with_input(&mut input)
            .with_output(&mut out);
        let result = self
            .ntlm
            .initialize_security_context_impl(&mut builder)
            .ok()?
            .resolve_to_result()
            .ok()?;
        if matches!(
            result.status,
            SecurityStatus::CompleteAndContinue | SecurityStatus::CompleteNeeded
        ) {
            self.ntlm.complete_auth_token(&mut out).ok()?;
        }
        if out[0].buffer.is_empty() {
            return None;
        }
        Some(header(self.scheme, &out[0].buffer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(user: &str) -> Credentials {
        Credentials {
            username: user.into(),
            password: "pw".into(),
        }
    }

    fn decoded(value: &str, scheme: &str) -> Vec<u8> {
        let b64 = value.strip_prefix(scheme).unwrap().trim();
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap()
    }

    #[test]
    fn type1_is_an_ntlmssp_negotiate_message() {
        for user in ["DOM\\user", "user@dom.example", "user"] {
            let (h, v) = Handshake::start("NTLM", &creds(user), "host").unwrap();
            let raw = decoded(&v, "NTLM");
            assert_eq!(&raw[..8], b"NTLMSSP\0", "{user}");
            assert_eq!(raw[8], 1, "message type 1");
            assert!(!h.finished());
            assert!(!format!("{h:?}").contains("pw"));
        }
        let (_, v) = Handshake::start("Negotiate", &creds("u"), "host").unwrap();
        assert!(v.starts_with("Negotiate TlRMTVNTUAAB"), "{v}");
    }

    #[test]
    fn malformed_challenges_get_no_answer_and_no_panic() {
        let bad = [
            "!!!not base64!!!",
            "",
            // "NTLMSSP\0" and a type 2, then nothing.
            "TlRMTVNTUAACAAAA",
            // A type 1 where a type 2 belongs.
            "TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ];
        for token in bad {
            let (mut h, _) = Handshake::start("NTLM", &creds("DOM\\u"), "host").unwrap();
            assert_eq!(h.authenticate(token), None, "{token:?}");
            assert!(h.finished());
            assert_eq!(h.authenticate(token), None);
        }
    }
}
