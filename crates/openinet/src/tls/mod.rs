//! TLS for `INTERNET_FLAG_SECURE` requests: rustls, trusting the system's
//! roots. Certificate checks are WinINet's (see `verify`): each failure has
//! its own error, and the `SECURITY_FLAG_IGNORE_*` /
//! `INTERNET_FLAG_IGNORE_CERT_*` flags relax exactly the check they name
//! and nothing else.

mod cert_info;
mod der;
mod verify;

pub use cert_info::ServerCertificate;
pub(crate) use verify::{Checks, Waivers};

use crate::error::{from_io, Error};
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::ServerName;
use rustls::{ClientConfig, RootCertStore};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

/// The socket under TLS, read through a buffer: rustls asks for 4 KiB at a
/// time, and a 32 KiB read from the buffer's side takes several records
/// per system call.
pub(crate) type Transport = tokio::io::BufReader<TcpStream>;
const TRANSPORT_BUF: usize = 32 * 1024;

/// The system's trusted roots, loaded once.
fn roots() -> Arc<RootCertStore> {
    static ROOTS: OnceLock<Arc<RootCertStore>> = OnceLock::new();
    ROOTS
        .get_or_init(|| {
            let mut store = RootCertStore::empty();
            let found = rustls_native_certs::load_native_certs();
            let _ = store.add_parsable_certificates(found.certs);
            Arc::new(store)
        })
        .clone()
}

/// *ring*'s cipher suites, AES-128-GCM offered first.
///
/// rustls (like OpenSSL) offers AES-256-GCM first; browsers (Chrome,
/// Firefox) offer AES-128-GCM first, and servers mostly honour the client's
/// order. AES-128 is as safe in practice and does 10 rounds per block
/// instead of 14, on both ends: the server encrypts each byte it sends us
/// for less, and we decrypt for less.
fn provider() -> rustls::crypto::CryptoProvider {
    let mut provider = rustls::crypto::ring::default_provider();
    let rank = |s: &rustls::SupportedCipherSuite| match s.suite() {
        rustls::CipherSuite::TLS13_AES_128_GCM_SHA256
        | rustls::CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
        | rustls::CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 => 0,
        _ => 1,
    };
    // Stable: TLS 1.3 suites stay ahead of TLS 1.2 ones within each rank,
    // and the rest keep rustls's order.
    provider
        .cipher_suites
        .sort_by_key(|s| (s.version() != &rustls::version::TLS13, rank(s)));
    provider
}

/// The client configuration for a waiver set, built once per set.
fn config(waivers: Waivers) -> Result<Arc<ClientConfig>, Error> {
    static CONFIGS: Mutex<Option<HashMap<Waivers, Arc<ClientConfig>>>> = Mutex::new(None);
    let mut configs = CONFIGS.lock().unwrap_or_else(|p| p.into_inner());
    let map = configs.get_or_insert_with(HashMap::new);
    if let Some(c) = map.get(&waivers) {
        return Ok(c.clone());
    }
    let provider = Arc::new(provider());
    let roots = roots();
    let strict = WebPkiServerVerifier::builder_with_provider(roots.clone(), provider.clone())
        .build()
        .map_err(|_| Error::SecurityChannelError)?;
    let verifier = verify::Verifier {
        strict,
        provider: provider.clone(),
        roots,
        waivers,
    };
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|_| Error::SecurityChannelError)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    let config = Arc::new(config);
    map.insert(waivers, config.clone());
    Ok(config)
}

/// Runs the TLS handshake on a connected socket.
pub(crate) async fn handshake(
    tcp: TcpStream,
    host: &str,
    waivers: Waivers,
) -> Result<TlsStream<Transport>, Error> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let name = ServerName::try_from(host.to_string()).map_err(|_| Error::SecCertCnInvalid)?;
    let connector = tokio_rustls::TlsConnector::from(config(waivers)?);
    let transport = tokio::io::BufReader::with_capacity(TRANSPORT_BUF, tcp);
    connector
        .connect(name, transport)
        .await
        .map_err(|e| handshake_error(&e))
}

tokio::task_local! {
    /// The certificate checks the last handshake of this task failed (not
    /// waived): `handshake` runs deep inside a connect, whose result is
    /// only an `Error`, and `observe` wants them all.
    static REJECTED: Cell<Checks>;
    /// The certificate of the last handshake of this task that failed on
    /// it: WinINet still reports it (Wine's http.c test_security_flags
    /// reads it after ERROR_INTERNET_SEC_CERT_ERRORS, on Windows).
    static PRESENTED: RefCell<Option<Arc<ServerCertificate>>>;
}

/// What `observe` learnt of the handshakes a connect made.
pub(crate) struct Observed {
    /// The checks the last failed handshake failed, not waived.
    pub failed: Checks,
    /// The certificate that handshake was refused.
    pub presented: Option<Arc<ServerCertificate>>,
}

/// Runs `connect` (which may make TLS handshakes) and says which
/// certificate checks its last failed handshake failed, not waived, and
/// with which certificate.
pub(crate) async fn observe<T>(connect: impl Future<Output = T>) -> (T, Observed) {
    let inner = REJECTED.scope(Cell::new(Checks::NONE), async {
        let out = connect.await;
        (out, REJECTED.with(Cell::get))
    });
    PRESENTED
        .scope(RefCell::new(None), async {
            let (out, failed) = inner.await;
            let presented = PRESENTED.with(|p| p.borrow_mut().take());
            (out, Observed { failed, presented })
        })
        .await
}

/// Keeps the certificate a handshake is about to refuse, for `observe`.
fn note_presented(chain: &[rustls::pki_types::CertificateDer<'_>]) {
    let _ = PRESENTED.try_with(|p| {
        *p.borrow_mut() = ServerCertificate::from_chain(chain).map(Arc::new);
    });
}

/// The certificate and session of an established TLS stream.
pub(crate) fn session_certificate(tls: &TlsStream<Transport>) -> Option<Arc<ServerCertificate>> {
    ServerCertificate::of_session(tls.get_ref().1)
}

/// WinINet's code for a failed handshake.
fn handshake_error(e: &std::io::Error) -> Error {
    let Some(tls) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    else {
        return match from_io(e, false) {
            Error::ConnectionAborted | Error::ConnectionReset => Error::SecurityChannelError,
            other => other,
        };
    };
    match tls {
        rustls::Error::InvalidCertificate(c) => {
            let failed = verify::checks_of(c);
            let _ = REJECTED.try_with(|r| r.set(failed));
            failed.error()
        }
        _ => Error::SecurityChannelError,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aes_128_gcm_leads_each_version_and_no_suite_is_lost() {
        let ours: Vec<_> = provider().cipher_suites.iter().map(|s| s.suite()).collect();
        let mut all: Vec<_> = rustls::crypto::ring::default_provider()
            .cipher_suites
            .iter()
            .map(|s| s.suite())
            .collect();
        assert_eq!(ours[0], rustls::CipherSuite::TLS13_AES_128_GCM_SHA256);
        let first_tls12 = provider()
            .cipher_suites
            .iter()
            .find(|s| s.version() == &rustls::version::TLS12)
            .map(|s| s.suite());
        assert_eq!(
            first_tls12,
            Some(rustls::CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
        );
        let mut sorted = ours.clone();
        sorted.sort_by_key(|s| u16::from(*s));
        all.sort_by_key(|s| u16::from(*s));
        assert_eq!(sorted, all, "the same suites, reordered");
    }
}
