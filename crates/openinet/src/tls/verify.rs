//! The server certificate checks, one at a time, as WinINet makes them.
//!
//! webpki stops at its first failure and knows no waivers; WinINet judges
//! each check apart (date, issuer, usage, name), fails with the first one
//! not waived, in its order, and can report them all. So the verifier asks
//! webpki first (the common, valid case costs one verification), and only
//! on failure takes the certificate apart: dates and name checked on their
//! own, the chain verified again at a moment the leaf is valid, and an
//! untrusted chain checked against itself (its own top as the anchor, or a
//! self-signed leaf's own key), so that waiving the issuer waives nothing
//! else.

use super::der;
use crate::consts;
use crate::error::Error;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::sync::Arc;

/// `_SECURITY_FLAG_CERT_*`: the bits `INTERNET_OPTION_SECURITY_FLAGS`
/// reports for checks that failed. Undocumented, so not in `wininet.h`;
/// the values are the ones Wine's tests assert against Windows
/// (dlls/wininet/tests/http.c, test_security_flags).
pub(crate) const CERT_REV_FAILED: u32 = 0x0080_0000;
pub(crate) const CERT_INVALID_CA: u32 = 0x0100_0000;
pub(crate) const CERT_INVALID_CN: u32 = 0x0200_0000;
pub(crate) const CERT_INVALID_DATE: u32 = 0x0400_0000;

/// A set of certificate checks (those that failed, or those waived).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct Checks(u8);

impl Checks {
    pub const NONE: Checks = Checks(0);
    /// The revocation status could not be learnt.
    pub const REV_FAILED: Checks = Checks(1);
    /// The certificate is revoked.
    pub const REVOKED: Checks = Checks(1 << 1);
    /// Malformed, badly signed, or breaking a constraint: no flag waives it.
    pub const INVALID: Checks = Checks(1 << 2);
    /// Outside its validity period (or a certificate of its chain is).
    pub const DATE: Checks = Checks(1 << 3);
    /// The chain does not end at a trusted root.
    pub const CA: Checks = Checks(1 << 4);
    /// Not for server authentication (its extended key usage).
    pub const USAGE: Checks = Checks(1 << 5);
    /// Not for the host name the request used.
    pub const NAME: Checks = Checks(1 << 6);

    /// WinINet's order: the first failed check not waived gives the error.
    const ORDER: [Checks; 7] = [
        Checks::REV_FAILED,
        Checks::REVOKED,
        Checks::INVALID,
        Checks::DATE,
        Checks::CA,
        Checks::USAGE,
        Checks::NAME,
    ];

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn contains(self, other: Checks) -> bool {
        self.0 & other.0 == other.0
    }

    fn without(self, other: Checks) -> Checks {
        Checks(self.0 & !other.0)
    }

    pub fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// The first check of the set, in WinINet's order.
    pub fn first(self) -> Option<Checks> {
        Checks::ORDER.into_iter().find(|&c| self.contains(c))
    }

    /// WinINet's error for the first check of the set.
    pub fn error(self) -> Error {
        match self.first() {
            Some(Checks::REV_FAILED) => Error::SecCertRevFailed,
            Some(Checks::REVOKED) => Error::SecCertRevoked,
            Some(Checks::DATE) => Error::SecCertDateInvalid,
            Some(Checks::CA) => Error::InvalidCa,
            Some(Checks::NAME) => Error::SecCertCnInvalid,
            // WinINet has no code of its own for a wrong usage (12179 is
            // WinHTTP's): it is an invalid certificate that
            // SECURITY_FLAG_IGNORE_WRONG_USAGE waives, as in Wine.
            Some(Checks::USAGE) | Some(_) | None => Error::SecInvalidCert,
        }
    }

    /// The `_SECURITY_FLAG_CERT_*` bits of the set (usage and invalid have
    /// none).
    pub fn flag_bits(self) -> u32 {
        [
            (Checks::REV_FAILED, CERT_REV_FAILED),
            (Checks::REVOKED, CERT_REV_FAILED),
            (Checks::CA, CERT_INVALID_CA),
            (Checks::NAME, CERT_INVALID_CN),
            (Checks::DATE, CERT_INVALID_DATE),
        ]
        .into_iter()
        .filter(|&(c, _)| self.contains(c))
        .fold(0, |bits, (_, bit)| bits | bit)
    }
}

impl std::ops::BitOr for Checks {
    type Output = Checks;
    fn bitor(self, rhs: Checks) -> Checks {
        Checks(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Checks {
    fn bitor_assign(&mut self, rhs: Checks) {
        self.0 |= rhs.0;
    }
}

/// Which certificate checks a request waives, from its flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct Waivers(Checks);

impl Waivers {
    /// From the request's `INTERNET_FLAG_*` and its `SECURITY_FLAG_*` option.
    /// Each flag waives its own check and nothing else.
    pub(crate) fn from_flags(request_flags: u32, security_flags: u32) -> Waivers {
        let any = |bits: u32| (request_flags | security_flags) & bits != 0;
        let sec = |bits: u32| security_flags & bits != 0;
        let mut waived = Checks::NONE;
        for (on, check) in [
            (sec(consts::SECURITY_FLAG_IGNORE_UNKNOWN_CA), Checks::CA),
            (
                any(consts::INTERNET_FLAG_IGNORE_CERT_CN_INVALID),
                Checks::NAME,
            ),
            (
                any(consts::INTERNET_FLAG_IGNORE_CERT_DATE_INVALID),
                Checks::DATE,
            ),
            (sec(consts::SECURITY_FLAG_IGNORE_WRONG_USAGE), Checks::USAGE),
            (
                sec(consts::SECURITY_FLAG_IGNORE_REVOCATION),
                Checks::REV_FAILED | Checks::REVOKED,
            ),
        ] {
            if on {
                waived |= check;
            }
        }
        Waivers(waived)
    }

    fn waived(self) -> Checks {
        self.0
    }
}

/// The checks a rustls certificate error stands for.
pub(super) fn checks_of(e: &CertificateError) -> Checks {
    use CertificateError::*;
    match e {
        UnknownIssuer => Checks::CA,
        NotValidForName | NotValidForNameContext { .. } => Checks::NAME,
        Expired | ExpiredContext { .. } | NotValidYet | NotValidYetContext { .. } => Checks::DATE,
        Revoked => Checks::REVOKED,
        UnknownRevocationStatus | ExpiredRevocationList | ExpiredRevocationListContext { .. } => {
            Checks::REV_FAILED
        }
        InvalidPurpose | InvalidPurposeContext { .. } => Checks::USAGE,
        Other(other) => match other.0.downcast_ref::<Rejected>() {
            Some(Rejected(checks)) => *checks,
            // webpki's own kinds rustls passes on as they are: a CA used
            // as a leaf (see `Verifier::assess`), a leaf used as a CA, a
            // path too long, a name constraint broken, a distrusted key...
            None => Checks::INVALID,
        },
        // BadEncoding, BadSignature, UnsupportedSignatureAlgorithm*,
        // UnhandledCriticalExtension, InvalidOcspResponse,
        // ApplicationVerificationFailure, and kinds rustls adds later.
        _ => Checks::INVALID,
    }
}

/// How many moments `Verifier::assess` tries to find one at which every
/// certificate of the chain is valid.
const MOMENTS: usize = 4;

fn secs_to_time(secs: u64) -> UnixTime {
    UnixTime::since_unix_epoch(std::time::Duration::from_secs(secs))
}

/// The checks a webpki error stands for (the ones webpki returns when
/// called directly, not through rustls).
fn checks_of_pki(e: &webpki::Error) -> Checks {
    use webpki::Error::*;
    match e {
        UnknownIssuer => Checks::CA,
        CertExpired { .. } | CertNotValidYet { .. } | InvalidCertValidity => Checks::DATE,
        CertNotValidForName(_) => Checks::NAME,
        CertRevoked => Checks::REVOKED,
        UnknownRevocationStatus => Checks::REV_FAILED,
        _ => Checks::INVALID,
    }
}

/// An extended key usage validator that takes any usage: the chain
/// judged apart from the leaf's usage.
struct AnyUsage;

impl webpki::ExtendedKeyUsageValidator for AnyUsage {
    fn validate(&self, _: webpki::KeyPurposeIdIter<'_, '_>) -> Result<(), webpki::Error> {
        Ok(())
    }
}

/// The error our verifier fails a handshake with: the failed checks no
/// flag waived.
#[derive(Debug)]
pub(super) struct Rejected(pub Checks);

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "certificate checks failed: {:?}", self.0)
    }
}

impl std::error::Error for Rejected {}

/// webpki's verifier, made to judge each check apart and to pass the
/// waived ones.
#[derive(Debug)]
pub(super) struct Verifier {
    pub strict: Arc<WebPkiServerVerifier>,
    pub provider: Arc<CryptoProvider>,
    pub roots: Arc<RootCertStore>,
    pub waivers: Waivers,
}

impl Verifier {
    /// Every check the certificate fails, waived or not.
    fn assess(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        now: UnixTime,
    ) -> Checks {
        let Some(cert) = der::parse(end_entity.as_ref()) else {
            return Checks::INVALID;
        };
        let Ok(parsed) = rustls::server::ParsedCertificate::try_from(end_entity) else {
            return Checks::INVALID;
        };
        let mut failed = Checks::NONE;
        let secs = now.as_secs();
        let out_of_date = secs < cert.not_before || secs > cert.not_after;
        if out_of_date {
            failed |= Checks::DATE;
        }
        if rustls::client::verify_server_name(&parsed, server_name).is_err() {
            failed |= Checks::NAME;
        }
        // webpki checks dates first and stops there: judge the rest at a
        // moment the leaf is valid, and, when a certificate above it is out
        // of date, at a moment that one is valid too. Certificates whose
        // periods never meet are judged invalid (no waiver passes them).
        let mut at = if out_of_date {
            secs_to_time(cert.not_before + 1)
        } else {
            now
        };
        let mut verdict = self.judge(end_entity, intermediates, server_name, at);
        for _ in 0..MOMENTS {
            let Err(rustls::Error::InvalidCertificate(e)) = &verdict else {
                break;
            };
            let next = match e {
                CertificateError::ExpiredContext { not_after, .. } => {
                    not_after.as_secs().checked_sub(1)
                }
                CertificateError::NotValidYetContext { not_before, .. } => {
                    not_before.as_secs().checked_add(1)
                }
                _ => break,
            };
            failed |= Checks::DATE;
            let Some(next) = next else { break };
            at = secs_to_time(next);
            verdict = self.judge(end_entity, intermediates, server_name, at);
        }
        failed
            | match verdict {
                Ok(_) => Checks::NONE,
                Err(rustls::Error::InvalidCertificate(e)) => match checks_of(&e) {
                    Checks::NAME => Checks::NONE, // judged above
                    Checks::DATE => Checks::INVALID,
                    Checks::CA => self.untrusted(end_entity, &cert, intermediates, server_name, at),
                    // webpki judges the usage before the chain, and stops.
                    Checks::USAGE => {
                        Checks::USAGE
                            | self.chain_of_any_usage(
                                end_entity,
                                &cert,
                                intermediates,
                                server_name,
                                at,
                            )
                    }
                    _ if is_ca_as_leaf(&e) => self.ca_as_leaf(end_entity, &cert),
                    other => other,
                },
                Err(_) => Checks::INVALID,
            }
    }

    /// The strict verifier's verdict at `at`: `Ok(())` when it passes.
    fn judge(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        at: UnixTime,
    ) -> Result<(), rustls::Error> {
        self.strict
            .verify_server_cert(end_entity, intermediates, server_name, &[], at)
            .map(|_| ())
    }

    /// The chain, judged as if the leaf were for any usage.
    fn chain_of_any_usage(
        &self,
        end_entity: &CertificateDer<'_>,
        cert: &der::Cert<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        at: UnixTime,
    ) -> Checks {
        let Ok(ee) = webpki::EndEntityCert::try_from(end_entity) else {
            return Checks::INVALID;
        };
        let verdict = ee.verify_for_usage(
            self.provider.signature_verification_algorithms.all,
            &self.roots.roots,
            intermediates,
            at,
            AnyUsage,
            None,
            None,
        );
        match verdict {
            Ok(_) => Checks::NONE,
            Err(webpki::Error::UnknownIssuer) => {
                self.untrusted(end_entity, cert, intermediates, server_name, at)
            }
            Err(webpki::Error::CaUsedAsEndEntity) => self.ca_as_leaf(end_entity, cert),
            // A certificate above the leaf out of date: the chain is not
            // judged past it, so no waiver passes it.
            Err(e) => match checks_of_pki(&e) {
                Checks::DATE => Checks::DATE | Checks::INVALID,
                other => other,
            },
        }
    }

    /// The chain reaches no trusted root: the unknown CA, plus whatever
    /// else is wrong with the chain as presented.
    fn untrusted(
        &self,
        end_entity: &CertificateDer<'_>,
        cert: &der::Cert<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        at: UnixTime,
    ) -> Checks {
        if is_self_issued(end_entity) {
            return if self.self_signature_holds(end_entity, cert) {
                Checks::CA
            } else {
                Checks::INVALID
            };
        }
        // The presented chain, trusted as far as it goes: its certificates
        // as anchors check the leaf's signature, usage and constraints.
        let mut presented = RootCertStore::empty();
        presented.add_parsable_certificates(intermediates.iter().cloned());
        if presented.is_empty() {
            return Checks::CA; // a lone leaf from an unknown issuer
        }
        let Ok(own) =
            WebPkiServerVerifier::builder_with_provider(Arc::new(presented), self.provider.clone())
                .build()
        else {
            return Checks::CA;
        };
        Checks::CA
            | match own.verify_server_cert(end_entity, intermediates, server_name, &[], at) {
                Ok(_) => Checks::NONE,
                Err(rustls::Error::InvalidCertificate(e)) => match checks_of(&e) {
                    Checks::NAME | Checks::CA => Checks::NONE,
                    other => other,
                },
                Err(_) => Checks::INVALID,
            }
    }

    /// webpki refuses a CA certificate as the leaf; Windows does not. The
    /// usual one is self-signed (`openssl req -x509` marks it CA:TRUE):
    /// trusted if it is itself a trusted root, else an unknown CA.
    fn ca_as_leaf(&self, end_entity: &CertificateDer<'_>, cert: &der::Cert<'_>) -> Checks {
        if !is_self_issued(end_entity) || !self.self_signature_holds(end_entity, cert) {
            return Checks::INVALID;
        }
        let trusted = webpki::anchor_from_trusted_cert(end_entity).is_ok_and(|anchor| {
            self.roots.roots.iter().any(|root| {
                root.subject == anchor.subject
                    && root.subject_public_key_info == anchor.subject_public_key_info
            })
        });
        if trusted {
            Checks::NONE
        } else {
            Checks::CA
        }
    }

    /// Whether a certificate's signature verifies with its own key.
    fn self_signature_holds(&self, end_entity: &CertificateDer<'_>, cert: &der::Cert<'_>) -> bool {
        let Ok(ee) = webpki::EndEntityCert::try_from(end_entity) else {
            return false;
        };
        self.provider
            .signature_verification_algorithms
            .all
            .iter()
            .filter(|alg| alg.signature_alg_id().as_ref() == cert.signature_alg)
            .any(|alg| ee.verify_signature(*alg, cert.tbs, cert.signature).is_ok())
    }
}

/// Issuer and subject are the same name.
fn is_self_issued(end_entity: &CertificateDer<'_>) -> bool {
    webpki::EndEntityCert::try_from(end_entity).is_ok_and(|ee| ee.issuer() == ee.subject())
}

fn is_ca_as_leaf(e: &CertificateError) -> bool {
    matches!(e, CertificateError::Other(o)
        if matches!(o.0.downcast_ref::<webpki::Error>(), Some(webpki::Error::CaUsedAsEndEntity)))
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let strict = self.strict.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        if strict.is_ok() {
            return strict;
        }
        let failed = self
            .assess(end_entity, intermediates, server_name, now)
            .without(self.waivers.waived());
        if failed.is_empty() {
            return Ok(ServerCertVerified::assertion());
        }
        // The handshake ends here, and with it the session: what the
        // application may still ask of the certificate is kept now.
        let chain: Vec<CertificateDer<'_>> = std::iter::once(end_entity.clone())
            .chain(intermediates.iter().cloned())
            .collect();
        super::note_presented(&chain);
        Err(rustls::Error::InvalidCertificate(CertificateError::Other(
            rustls::OtherError(Arc::new(Rejected(failed))),
        )))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_flag_waives_its_own_check_only() {
        let w = |req, sec| Waivers::from_flags(req, sec).waived();
        assert_eq!(w(0, consts::SECURITY_FLAG_IGNORE_UNKNOWN_CA), Checks::CA);
        assert_eq!(
            w(0, consts::SECURITY_FLAG_IGNORE_CERT_CN_INVALID),
            Checks::NAME
        );
        assert_eq!(
            w(consts::INTERNET_FLAG_IGNORE_CERT_CN_INVALID, 0),
            Checks::NAME
        );
        assert_eq!(
            w(0, consts::SECURITY_FLAG_IGNORE_CERT_DATE_INVALID),
            Checks::DATE
        );
        assert_eq!(
            w(consts::INTERNET_FLAG_IGNORE_CERT_DATE_INVALID, 0),
            Checks::DATE
        );
        assert_eq!(
            w(0, consts::SECURITY_FLAG_IGNORE_WRONG_USAGE),
            Checks::USAGE
        );
        assert_eq!(
            w(0, consts::SECURITY_FLAG_IGNORE_REVOCATION),
            Checks::REV_FAILED | Checks::REVOKED
        );
        // SECURITY_FLAG_IGNORE_UNKNOWN_CA has no INTERNET_FLAG_* twin.
        assert_eq!(w(consts::SECURITY_FLAG_IGNORE_UNKNOWN_CA, 0), Checks::NONE);
        assert!(!w(u32::MAX, u32::MAX).contains(Checks::INVALID));
    }

    #[test]
    #[allow(deprecated)] // UnsupportedSignatureAlgorithm: still made by webpki's older kinds
    fn every_certificate_error_has_a_wininet_code() {
        use CertificateError::*;
        let other = |e: webpki::Error| Other(rustls::OtherError(Arc::new(e)));
        let cases = [
            (UnknownIssuer, Error::InvalidCa),
            (NotValidForName, Error::SecCertCnInvalid),
            (Expired, Error::SecCertDateInvalid),
            (NotValidYet, Error::SecCertDateInvalid),
            (Revoked, Error::SecCertRevoked),
            (UnknownRevocationStatus, Error::SecCertRevFailed),
            (ExpiredRevocationList, Error::SecCertRevFailed),
            (InvalidPurpose, Error::SecInvalidCert),
            (BadSignature, Error::SecInvalidCert),
            (BadEncoding, Error::SecInvalidCert),
            (UnsupportedSignatureAlgorithm, Error::SecInvalidCert),
            (UnhandledCriticalExtension, Error::SecInvalidCert),
            (ApplicationVerificationFailure, Error::SecInvalidCert),
            (
                other(webpki::Error::CaUsedAsEndEntity),
                Error::SecInvalidCert,
            ),
            (
                other(webpki::Error::EndEntityUsedAsCa),
                Error::SecInvalidCert,
            ),
            (
                other(webpki::Error::PathLenConstraintViolated),
                Error::SecInvalidCert,
            ),
            (
                other(webpki::Error::MaximumPathDepthExceeded),
                Error::SecInvalidCert,
            ),
            (
                other(webpki::Error::NameConstraintViolation),
                Error::SecInvalidCert,
            ),
        ];
        for (e, code) in cases {
            assert_eq!(checks_of(&e).error(), code, "{e:?}");
        }
    }

    #[test]
    fn the_first_failure_in_wininet_order_names_the_error() {
        assert_eq!((Checks::NAME | Checks::CA).error(), Error::InvalidCa);
        assert_eq!(
            (Checks::CA | Checks::DATE).error(),
            Error::SecCertDateInvalid
        );
        assert_eq!(
            (Checks::NAME | Checks::USAGE).error(),
            Error::SecInvalidCert
        );
        assert_eq!(
            (Checks::CA | Checks::NAME | Checks::DATE).flag_bits(),
            CERT_INVALID_CA | CERT_INVALID_CN | CERT_INVALID_DATE
        );
        assert_eq!((Checks::USAGE | Checks::INVALID).flag_bits(), 0);
    }

    /// A verifier trusting `roots` (plus an unrelated root: webpki wants
    /// one at least).
    fn verifier(roots: &[&rcgen::Certificate], waivers: Waivers) -> Verifier {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let (unrelated, _) = ca("unrelated", None);
        let mut store = RootCertStore::empty();
        store.add_parsable_certificates(
            roots
                .iter()
                .map(|c| c.der().clone())
                .chain([unrelated.der().clone()]),
        );
        let roots = Arc::new(store);
        let strict = WebPkiServerVerifier::builder_with_provider(roots.clone(), provider.clone())
            .build()
            .unwrap();
        Verifier {
            strict,
            provider,
            roots,
            waivers,
        }
    }

    fn ca(
        name: &str,
        issuer: Option<(&rcgen::Certificate, &rcgen::KeyPair)>,
    ) -> (rcgen::Certificate, rcgen::KeyPair) {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        p.distinguished_name.push(rcgen::DnType::CommonName, name);
        let cert = match issuer {
            Some((i, k)) => p.signed_by(&key, i, k),
            None => p.self_signed(&key),
        }
        .unwrap();
        (cert, key)
    }

    /// The checks `v` fails the chain for `127.0.0.1` with, now.
    fn failed(v: &Verifier, chain: &[&rcgen::Certificate]) -> Checks {
        let name = ServerName::try_from("127.0.0.1").unwrap();
        let ders: Vec<CertificateDer<'static>> = chain.iter().map(|c| c.der().clone()).collect();
        match v.verify_server_cert(&ders[0], &ders[1..], &name, &[], UnixTime::now()) {
            Ok(_) => Checks::NONE,
            Err(rustls::Error::InvalidCertificate(e)) => checks_of(&e),
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn a_self_signed_ca_leaf_is_trusted_when_it_is_a_trusted_root() {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut p = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
        p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        let leaf = p.self_signed(&key).unwrap();
        assert_eq!(
            failed(&verifier(&[&leaf], Waivers::default()), &[&leaf]),
            Checks::NONE
        );
        assert_eq!(
            failed(&verifier(&[], Waivers::default()), &[&leaf]),
            Checks::CA
        );
    }

    #[test]
    fn an_expired_intermediate_of_an_unknown_root_is_not_waived_by_the_date_alone() {
        let (root, root_key) = ca("root", None);
        let key = rcgen::KeyPair::generate().unwrap();
        let mut p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        p.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        p.distinguished_name
            .push(rcgen::DnType::CommonName, "expired intermediate");
        p.not_before = rcgen::date_time_ymd(2000, 1, 1);
        p.not_after = rcgen::date_time_ymd(2000, 12, 31);
        let inter = p.signed_by(&key, &root, &root_key).unwrap();
        let leaf_key = rcgen::KeyPair::generate().unwrap();
        // rcgen's default validity (1975 to 4096) covers 2000.
        let leaf = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()])
            .unwrap()
            .signed_by(&leaf_key, &inter, &key)
            .unwrap();
        let date = Waivers::from_flags(0, consts::SECURITY_FLAG_IGNORE_CERT_DATE_INVALID);
        assert_eq!(failed(&verifier(&[], date), &[&leaf, &inter]), Checks::CA);
        let both = Waivers::from_flags(
            0,
            consts::SECURITY_FLAG_IGNORE_CERT_DATE_INVALID
                | consts::SECURITY_FLAG_IGNORE_UNKNOWN_CA,
        );
        assert_eq!(failed(&verifier(&[], both), &[&leaf, &inter]), Checks::NONE);
        // Trusted root: the date alone.
        assert_eq!(
            failed(&verifier(&[&root], Waivers::default()), &[&leaf, &inter]),
            Checks::DATE
        );
    }
}
