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

/// The socket under TLS, read through a buffer: rustls asks for 4 KiB at a
/// time, and a 32 KiB read from the buffer's side takes several records
/// per system call.
pub(crate) type Transport = tokio::io::BufReader<TcpStream>;
const TRANSPORT_BUF: usize = 32 * 1024;

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
        let verify = |at: UnixTime| {
            self.strict.verify_server_cert(
                end_entity,
                intermediates,
                server_name,
                ocsp_response,
                at,
            )
        };
        let mut outcome = verify(now);
        // webpki checks dates first, and stops there: a waived date must
        // not waive the checks after it, so verify again at a moment the
        // certificate is valid.
        if let Err(rustls::Error::InvalidCertificate(e)) = &outcome {
            if is_date_error(e) && self.waivers.bad_date {
                outcome = match valid_moment(end_entity) {
                    Some(at) => verify(at),
                    None => Err(rustls::Error::InvalidCertificate(
                        CertificateError::BadEncoding,
                    )),
                };
            }
        }
        match outcome {
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

fn is_date_error(e: &CertificateError) -> bool {
    use CertificateError::*;
    matches!(
        e,
        Expired | ExpiredContext { .. } | NotValidYet | NotValidYetContext { .. }
    )
}

/// A moment inside the certificate's validity period (one second after
/// its notBefore), read from its DER.
fn valid_moment(cert: &CertificateDer<'_>) -> Option<UnixTime> {
    let not_before = der::not_before(cert.as_ref())?;
    Some(UnixTime::since_unix_epoch(std::time::Duration::from_secs(
        not_before.checked_add(1)?,
    )))
}

/// Just enough DER to find a certificate's notBefore.
mod der {
    /// One TLV: (tag, content, rest).
    fn tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
        let (&tag, rest) = input.split_first()?;
        let (&first, mut rest) = rest.split_first()?;
        let len = if first < 0x80 {
            first as usize
        } else {
            let n = (first & 0x7f) as usize;
            if n == 0 || n > 4 || rest.len() < n {
                return None;
            }
            let len = rest[..n]
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | b as usize);
            rest = &rest[n..];
            len
        };
        if rest.len() < len {
            return None;
        }
        Some((tag, &rest[..len], &rest[len..]))
    }

    /// Certificate.tbsCertificate.validity.notBefore, in Unix seconds.
    pub(super) fn not_before(cert: &[u8]) -> Option<u64> {
        let (_, certificate, _) = tlv(cert)?;
        let (_, tbs, _) = tlv(certificate)?;
        let mut rest = tbs;
        let (tag, _, after) = tlv(rest)?;
        if tag == 0xA0 {
            rest = after; // [0] version
        }
        let (_, _, rest) = tlv(rest)?; // serialNumber
        let (_, _, rest) = tlv(rest)?; // signature
        let (_, _, rest) = tlv(rest)?; // issuer
        let (_, validity, _) = tlv(rest)?;
        let (tag, time, _) = tlv(validity)?;
        parse_time(tag, time)
    }

    /// UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ).
    fn parse_time(tag: u8, text: &[u8]) -> Option<u64> {
        let digits = |s: &[u8]| -> Option<u64> {
            s.iter().try_fold(0u64, |acc, &b| {
                b.is_ascii_digit().then(|| acc * 10 + u64::from(b - b'0'))
            })
        };
        let (year, rest) = match tag {
            0x17 => {
                let yy = digits(text.get(..2)?)?;
                (if yy < 50 { 2000 + yy } else { 1900 + yy }, text.get(2..)?)
            }
            0x18 => (digits(text.get(..4)?)?, text.get(4..)?),
            _ => return None,
        };
        let field = |i: usize| digits(rest.get(i..i + 2)?);
        let (month, day, hour, minute, second) =
            (field(0)?, field(2)?, field(4)?, field(6)?, field(8)?);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || year < 1970 {
            return None;
        }
        Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
        let y = if month <= 2 { year - 1 } else { year };
        let era = y / 400;
        let yoe = y - era * 400;
        let mp = (month + 9) % 12;
        let doy = (153 * mp + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn times() {
            assert_eq!(parse_time(0x17, b"700101000000Z"), Some(0));
            assert_eq!(parse_time(0x17, b"250101000001Z"), Some(1_735_689_601));
            assert_eq!(parse_time(0x18, b"20000301000000Z"), Some(951_868_800));
            assert_eq!(parse_time(0x17, b"7001x1000000Z"), None);
        }
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
