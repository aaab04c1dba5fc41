//! TLS for `INTERNET_FLAG_SECURE` requests: rustls, trusting the system's
//! roots. The `SECURITY_FLAG_IGNORE_*` / `INTERNET_FLAG_IGNORE_CERT_*`
//! flags relax exactly the check they name and nothing else.

use crate::consts;
use crate::error::{from_io, Error};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

/// Which certificate checks a request waives, from its flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct Waivers {
    unknown_ca: bool,
    wrong_name: bool,
    bad_date: bool,
    revocation: bool,
}

impl Waivers {
    /// From the request's `INTERNET_FLAG_*` and its `SECURITY_FLAG_*` option.
    pub(crate) fn from_flags(request_flags: u32, security_flags: u32) -> Waivers {
        let any = |bits: u32| (request_flags | security_flags) & bits != 0;
        Waivers {
            unknown_ca: security_flags & consts::SECURITY_FLAG_IGNORE_UNKNOWN_CA != 0,
            wrong_name: any(consts::INTERNET_FLAG_IGNORE_CERT_CN_INVALID),
            bad_date: any(consts::INTERNET_FLAG_IGNORE_CERT_DATE_INVALID),
            revocation: security_flags & consts::SECURITY_FLAG_IGNORE_REVOCATION != 0,
        }
    }

    fn waives(&self, e: &CertificateError) -> bool {
        use CertificateError::*;
        match e {
            UnknownIssuer | BadSignature => self.unknown_ca,
            NotValidForName | NotValidForNameContext { .. } => self.wrong_name,
            Expired | ExpiredContext { .. } | NotValidYet | NotValidYetContext { .. } => {
                self.bad_date
            }
            Revoked | UnknownRevocationStatus => self.revocation,
            _ => false,
        }
    }
}

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

/// The client configuration for a waiver set, built once per set.
fn config(waivers: Waivers) -> Result<Arc<ClientConfig>, Error> {
    static CONFIGS: Mutex<Option<HashMap<Waivers, Arc<ClientConfig>>>> = Mutex::new(None);
    let mut configs = CONFIGS.lock().unwrap_or_else(|p| p.into_inner());
    let map = configs.get_or_insert_with(HashMap::new);
    if let Some(c) = map.get(&waivers) {
        return Ok(c.clone());
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let strict = WebPkiServerVerifier::builder_with_provider(roots(), provider.clone())
        .build()
        .map_err(|_| Error::SecurityChannelError)?;
    let builder = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|_| Error::SecurityChannelError)?;
    let config = if waivers == Waivers::default() {
        builder.with_webpki_verifier(strict).with_no_client_auth()
    } else {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(WaivingVerifier { strict, waivers }))
            .with_no_client_auth()
    };
    let config = Arc::new(config);
    map.insert(waivers, config.clone());
    Ok(config)
}

/// Runs the TLS handshake on a connected socket.
pub(crate) async fn handshake(
    tcp: TcpStream,
    host: &str,
    waivers: Waivers,
) -> Result<TlsStream<TcpStream>, Error> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let name = ServerName::try_from(host.to_string()).map_err(|_| Error::SecCertCnInvalid)?;
    let connector = tokio_rustls::TlsConnector::from(config(waivers)?);
    connector
        .connect(name, tcp)
        .await
        .map_err(|e| handshake_error(&e))
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
    use CertificateError::*;
    match tls {
        rustls::Error::InvalidCertificate(c) => match c {
            UnknownIssuer | BadSignature => Error::InvalidCa,
            NotValidForName | NotValidForNameContext { .. } => Error::SecCertCnInvalid,
            Expired | ExpiredContext { .. } | NotValidYet | NotValidYetContext { .. } => {
                Error::SecCertDateInvalid
            }
            Revoked => Error::SecCertRevoked,
            _ => Error::SecurityChannelError,
        },
        _ => Error::SecurityChannelError,
    }
}

/// The strict verifier, with the waived checks turned into passes.
#[derive(Debug)]
struct WaivingVerifier {
    strict: Arc<WebPkiServerVerifier>,
    waivers: Waivers,
}

impl ServerCertVerifier for WaivingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self.strict.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Ok(v) => Ok(v),
            Err(rustls::Error::InvalidCertificate(e)) if self.waivers.waives(&e) => {
                // An unknown issuer stops webpki before the name check: do
                // that one here unless it is waived too.
                if matches!(
                    e,
                    CertificateError::UnknownIssuer | CertificateError::BadSignature
                ) && !self.waivers.wrong_name
                {
                    let parsed = rustls::server::ParsedCertificate::try_from(end_entity)?;
                    rustls::client::verify_server_name(&parsed, server_name)?;
                }
                Ok(ServerCertVerified::assertion())
            }
            Err(e) => Err(e),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.strict.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.strict.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.strict.supported_verify_schemes()
    }
}
