//! What a request learnt of its server's certificate and of the TLS
//! session, as plain data: what `INTERNET_OPTION_SECURITY_CERTIFICATE(_STRUCT)`
//! and `INTERNET_OPTION_SECURITY_KEY_BITNESS` report.
//!
//! The certificate is read with `x509-parser` (rusticata; maintained, the
//! usual Rust X.509 reader): names come apart attribute by attribute, with
//! their string types decoded, which webpki keeps private and `der.rs`
//! (only what `verify` needs) does not attempt.
//!
//! Names are formatted as WinINet formats them: CryptoAPI's
//! `CertNameToStr(CERT_SIMPLE_NAME_STR | CERT_NAME_STR_CRLF_FLAG)`. Each
//! attribute's value, in the certificate's order, without its type; RDNs
//! separated by CRLF, the attributes of one multi-valued RDN by ` + `; a
//! value quoted when it is empty, starts or ends with white space, or holds
//! one of `, + = " \n < > # ;`, an inner quote doubled (Microsoft's
//! CertNameToStr page). Wine's http.c tests assert this shape against
//! Windows (`US\r\nMinnesota\r\n...\r\ntest.winehq.com\r\nwebmaster@...`),
//! and Wine under a local server quotes `"Open, INet"` the same way.

use rustls::pki_types::CertificateDer;
use std::sync::Arc;
use x509_parser::x509::{AttributeTypeAndValue, X509Name};

/// A server's certificate and the session that presented it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerCertificate {
    /// The subject, formatted as WinINet formats it (see the module docs).
    pub subject: String,
    /// The issuer, formatted the same way.
    pub issuer: String,
    /// notBefore and notAfter, in seconds since 1970 (UTC).
    pub not_before: i64,
    pub not_after: i64,
    /// The negotiated cipher's strength in bits (`dwKeySize`); 0 when the
    /// handshake stopped at the certificate, before the session was usable
    /// (rustls does not report the suite of a failed handshake; Wine
    /// reports 0 there too).
    pub cipher_bits: u32,
    /// `"TLS 1.2"` or `"TLS 1.3"`; `None` for a failed handshake.
    pub protocol: Option<&'static str>,
    /// The cipher suite's IANA name; `None` for a failed handshake.
    pub cipher_suite: Option<String>,
    /// The chain as the server sent it, leaf first (DER).
    pub chain: Vec<Vec<u8>>,
}

impl ServerCertificate {
    /// Reads the leaf of `chain`; `None` when there is none or it does not
    /// parse.
    pub(crate) fn from_chain(chain: &[CertificateDer<'_>]) -> Option<ServerCertificate> {
        let leaf = chain.first()?;
        let (_, cert) = x509_parser::parse_x509_certificate(leaf.as_ref()).ok()?;
        let validity = cert.validity();
        Some(ServerCertificate {
            subject: format_name(cert.subject()),
            issuer: format_name(cert.issuer()),
            not_before: validity.not_before.timestamp(),
            not_after: validity.not_after.timestamp(),
            cipher_bits: 0,
            protocol: None,
            cipher_suite: None,
            chain: chain.iter().map(|c| c.as_ref().to_vec()).collect(),
        })
    }

    /// The certificate of an established session, with its suite.
    pub(crate) fn of_session(conn: &rustls::ClientConnection) -> Option<Arc<ServerCertificate>> {
        let mut info = ServerCertificate::from_chain(conn.peer_certificates()?)?;
        if let Some(suite) = conn.negotiated_cipher_suite() {
            info.cipher_bits = cipher_bits(suite.suite());
            info.cipher_suite = suite.suite().as_str().map(str::to_string);
        }
        info.protocol = match conn.protocol_version() {
            Some(rustls::ProtocolVersion::TLSv1_3) => Some("TLS 1.3"),
            Some(rustls::ProtocolVersion::TLSv1_2) => Some("TLS 1.2"),
            _ => None,
        };
        Some(Arc::new(info))
    }
}

/// The strength of a suite's bulk cipher, in bits, as Schannel's
/// `dwCipherStrength` counts it (AES-128: 128; AES-256 and ChaCha20: 256).
fn cipher_bits(suite: rustls::CipherSuite) -> u32 {
    match suite.as_str() {
        Some(name) if name.contains("AES_128") => 128,
        Some(name) if name.contains("AES_256") || name.contains("CHACHA20") => 256,
        // rustls offers no other bulk cipher; a suite it adds later is
        // assumed no weaker than its current floor.
        _ => 128,
    }
}

/// A name as `CertNameToStr(CERT_SIMPLE_NAME_STR | CERT_NAME_STR_CRLF_FLAG)`
/// writes it.
pub(crate) fn format_name(name: &X509Name<'_>) -> String {
    name.iter()
        .map(|rdn| {
            rdn.iter()
                .map(|atv| quoted(&attribute_value(atv)))
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// An attribute's value as text: the string types decoded (BMPString and
/// UniversalString too), anything else in hex as CryptoAPI shows an
/// encoded blob.
fn attribute_value(atv: &AttributeTypeAndValue<'_>) -> String {
    if let Ok(s) = atv.as_str() {
        return s.to_string();
    }
    let value = atv.attr_value();
    let data = value.data;
    match value.header.tag().0 {
        // BMPString: UTF-16BE.
        30 => {
            let units: Vec<u16> = data
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        // UniversalString: UTF-32BE.
        28 => data
            .chunks_exact(4)
            .map(|q| char::from_u32(u32::from_be_bytes([q[0], q[1], q[2], q[3]])).unwrap_or('?'))
            .collect(),
        _ => data.iter().map(|b| format!("{b:02X}")).collect(),
    }
}

/// CertNameToStr's quoting of one value.
fn quoted(value: &str) -> String {
    let needs = value.is_empty()
        || value.starts_with(char::is_whitespace)
        || value.ends_with(char::is_whitespace)
        || value.contains([',', '+', '=', '"', '\n', '<', '>', '#', ';']);
    if needs {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_as_certnametostr_quotes_them() {
        assert_eq!(quoted("Saint Paul"), "Saint Paul");
        assert_eq!(quoted("Let's Encrypt"), "Let's Encrypt");
        assert_eq!(quoted("Open, INet"), "\"Open, INet\"");
        assert_eq!(quoted("a\"b"), "\"a\"\"b\"");
        assert_eq!(quoted(" lead"), "\" lead\"");
        assert_eq!(quoted(""), "\"\"");
        assert_eq!(quoted("x#y"), "\"x#y\"");
    }

    #[test]
    fn suites_have_their_cipher_strength() {
        use rustls::CipherSuite as S;
        assert_eq!(cipher_bits(S::TLS13_AES_128_GCM_SHA256), 128);
        assert_eq!(cipher_bits(S::TLS13_AES_256_GCM_SHA384), 256);
        assert_eq!(cipher_bits(S::TLS13_CHACHA20_POLY1305_SHA256), 256);
        assert_eq!(cipher_bits(S::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384), 256);
        for suite in rustls::crypto::ring::default_provider().cipher_suites {
            assert!(cipher_bits(suite.suite()) >= 128);
        }
    }

    #[test]
    fn a_name_is_its_values_one_per_line_in_certificate_order() {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut p = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
        p.distinguished_name = rcgen::DistinguishedName::new();
        let dn = &mut p.distinguished_name;
        dn.push(rcgen::DnType::CountryName, "US");
        dn.push(rcgen::DnType::StateOrProvinceName, "Minnesota");
        dn.push(rcgen::DnType::OrganizationName, "Open, INet");
        dn.push(rcgen::DnType::CommonName, "127.0.0.1");
        p.not_before = rcgen::date_time_ymd(2020, 1, 2);
        p.not_after = rcgen::date_time_ymd(2099, 12, 31);
        let cert = p.self_signed(&key).unwrap();
        let info = ServerCertificate::from_chain(&[cert.der().clone()]).unwrap();
        assert_eq!(
            info.subject,
            "US\r\nMinnesota\r\n\"Open, INet\"\r\n127.0.0.1"
        );
        assert_eq!(info.issuer, info.subject);
        assert_eq!(info.not_before, 1_577_923_200);
        assert_eq!(info.not_after, 4_102_358_400);
        assert_eq!(info.cipher_bits, 0);
        assert_eq!(info.chain.len(), 1);
        assert_eq!(ServerCertificate::from_chain(&[]), None);
        assert_eq!(
            ServerCertificate::from_chain(&[CertificateDer::from(vec![0x30, 0x00])]),
            None
        );
    }
}
