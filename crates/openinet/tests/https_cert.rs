//! Certificate failures as WinINet reports them: the error of each kind of
//! bad certificate (self-signed CA:TRUE and CA:FALSE, unknown root, wrong
//! name, expired, wrong usage, broken signature), the security flags after
//! it, and the documented retry on the same request handle: set the flag
//! that waives the failed check, send again. The right flag gets through;
//! every other flag leaves the same failure.
//!
//! The bits are Wine's tests' (dlls/wininet/tests/http.c,
//! test_security_flags, checked on Windows): a fresh https request reports
//! 0; a failed send reports no SECURITY_FLAG_SECURE; a successful one
//! reports SECURE | STRENGTH_STRONG with the flags set; flags set add up;
//! with INTERNET_ERROR_MASK_COMBINED_SEC_CERT the failed checks' bits
//! (0x01000000 CA, 0x02000000 name, 0x04000000 date) are reported and stay
//! after the retry succeeds.

mod http_common;
mod https_common;

use http_common::{read_all, session};
use https_common::{Leaf, TlsServer};
use openinet::consts::{
    INTERNET_ERROR_MASK_COMBINED_SEC_CERT, SECURITY_FLAG_IGNORE_CERT_CN_INVALID,
    SECURITY_FLAG_IGNORE_CERT_DATE_INVALID, SECURITY_FLAG_IGNORE_REVOCATION,
    SECURITY_FLAG_IGNORE_UNKNOWN_CA, SECURITY_FLAG_IGNORE_WRONG_USAGE, SECURITY_FLAG_SECURE,
    SECURITY_FLAG_STRENGTH_STRONG, SECURITY_SET_MASK,
};
use openinet::{Error, Request};

const CA: u32 = SECURITY_FLAG_IGNORE_UNKNOWN_CA;
const CN: u32 = SECURITY_FLAG_IGNORE_CERT_CN_INVALID;
const DATE: u32 = SECURITY_FLAG_IGNORE_CERT_DATE_INVALID;
const REV: u32 = SECURITY_FLAG_IGNORE_REVOCATION;
const USAGE: u32 = SECURITY_FLAG_IGNORE_WRONG_USAGE;
/// What a send through TLS adds to the flags.
const SECURE: u32 = SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_STRONG;
/// `_SECURITY_FLAG_CERT_*`, undocumented (values from Wine's tests).
const BIT_CA: u32 = 0x0100_0000;
const BIT_CN: u32 = 0x0200_0000;
const BIT_DATE: u32 = 0x0400_0000;

fn open(server: &TlsServer) -> Request {
    session()
        .open_url_request(&server.url("/"), 0)
        .expect("open")
}

/// Sends `req` and reads its body; hands the request back for a retry.
fn send(mut req: Request) -> (Request, Result<String, Error>) {
    openinet::block_on(async move {
        let got = async {
            req.send(None, Vec::new()).await?;
            read_all(&mut req, 4096).await
        }
        .await;
        (req, got.map(|b| String::from_utf8(b).expect("utf-8")))
    })
}

/// One kind of bad certificate and the flags that matter to it.
struct Case {
    leaf: Leaf,
    /// Flags set before the first send (waiving failures that come first).
    before: u32,
    /// The first send's error.
    error: Error,
    /// The flag that waives it.
    right: u32,
}

/// The documented retry, without the error mask: the failure, the flags
/// after it (what was set, nothing more), each wrong flag failing alike,
/// then the right flag getting through with SECURE | STRENGTH_STRONG.
fn retry(case: Case) {
    let server = TlsServer::start(case.leaf);
    let mut req = open(&server);
    assert_eq!(req.security_flags(), 0, "a fresh https request reports 0");
    req.set_security_flags(case.before);
    let (mut req, got) = send(req);
    assert_eq!(got, Err(case.error), "{:?}: first send", case.leaf);
    assert_eq!(
        req.security_flags(),
        case.before,
        "{:?}: no SECURE, no bits",
        case.leaf
    );
    let mut set = case.before;
    for wrong in [CA, CN, DATE, REV, USAGE] {
        if wrong == case.right || case.before & wrong != 0 {
            continue;
        }
        req.set_security_flags(wrong);
        set |= wrong;
        let (again, got) = send(req);
        req = again;
        assert_eq!(
            got,
            Err(case.error),
            "{:?}: flag {wrong:#x} waives nothing here",
            case.leaf
        );
        assert_eq!(req.security_flags(), set);
    }
    assert_eq!(
        server.requests(),
        0,
        "nothing is sent over a rejected certificate"
    );
    req.set_security_flags(case.right);
    let (req, got) = send(req);
    // Failed handshakes count as connections: the retry's is the last.
    let fresh = format!("conn={} seq=1", server.connections());
    assert_eq!(got, Ok(fresh), "{:?}: retry", case.leaf);
    assert_eq!(
        req.security_flags(),
        set | case.right | SECURE,
        "{:?}",
        case.leaf
    );
}

#[test]
fn self_signed_ca_true_is_an_unknown_ca_and_the_retry_works() {
    // What `openssl req -x509` makes; webpki calls it a CA used as a leaf.
    retry(Case {
        leaf: Leaf::SelfSignedCa,
        before: 0,
        error: Error::InvalidCa,
        right: CA,
    });
}

#[test]
fn self_signed_ca_false_is_an_unknown_ca_and_the_retry_works() {
    retry(Case {
        leaf: Leaf::SelfSignedNotCa,
        before: 0,
        error: Error::InvalidCa,
        right: CA,
    });
}

#[test]
fn leaf_of_an_unknown_root_is_an_unknown_ca_and_the_retry_works() {
    retry(Case {
        leaf: Leaf::Good,
        before: 0,
        error: Error::InvalidCa,
        right: CA,
    });
}

#[test]
fn chain_to_an_unknown_root_is_an_unknown_ca_and_the_retry_works() {
    retry(Case {
        leaf: Leaf::UnknownRootChain,
        before: 0,
        error: Error::InvalidCa,
        right: CA,
    });
}

#[test]
fn wrong_name_is_cn_invalid_and_the_retry_works() {
    retry(Case {
        leaf: Leaf::WrongName,
        before: CA,
        error: Error::SecCertCnInvalid,
        right: CN,
    });
}

#[test]
fn expired_is_date_invalid_and_the_retry_works() {
    retry(Case {
        leaf: Leaf::Expired,
        before: CA,
        error: Error::SecCertDateInvalid,
        right: DATE,
    });
}

#[test]
fn wrong_usage_is_an_invalid_cert_and_the_retry_works() {
    retry(Case {
        leaf: Leaf::ClientAuthOnly,
        before: CA,
        error: Error::SecInvalidCert,
        right: USAGE,
    });
}

#[test]
fn unknown_ca_comes_before_the_name_and_the_date() {
    // WinINet's order: date, issuer, usage, name.
    for (leaf, error) in [
        (Leaf::WrongName, Error::InvalidCa),
        (Leaf::Expired, Error::SecCertDateInvalid),
        (Leaf::ExpiredWrongName, Error::SecCertDateInvalid),
        (Leaf::ClientAuthOnly, Error::InvalidCa),
    ] {
        let server = TlsServer::start(leaf);
        let (_, got) = send(open(&server));
        assert_eq!(got, Err(error), "{leaf:?}");
    }
}

#[test]
fn a_broken_self_signature_is_waived_by_no_flag() {
    let server = TlsServer::start(Leaf::BadSelfSignature);
    let mut req = open(&server);
    req.set_security_flags(SECURITY_SET_MASK);
    let (req, got) = send(req);
    assert_eq!(got, Err(Error::SecInvalidCert));
    assert_eq!(got.unwrap_err().code(), 12169);
    assert_eq!(req.security_flags(), SECURITY_SET_MASK);
    assert_eq!(server.requests(), 0);
}

#[test]
fn a_self_signed_leaf_waives_only_the_issuer() {
    // Its own signature vouches for nothing but itself: name and date are
    // still checked against it.
    let server = TlsServer::start(Leaf::SelfSignedCa);
    let url = server.url("/").replace("127.0.0.1", "localhost");
    let mut req = session().open_url_request(&url, 0).unwrap();
    req.set_security_flags(CA);
    let (_, got) = send(req);
    assert_eq!(got, Err(Error::SecCertCnInvalid), "made for 127.0.0.1 only");
}

#[test]
fn flags_set_add_up_and_only_settable_ones_stay() {
    let server = TlsServer::start(Leaf::Good);
    let mut req = open(&server);
    req.set_security_flags(REV);
    req.set_security_flags(CN);
    assert_eq!(
        req.security_flags(),
        REV | CN,
        "the second set keeps the first"
    );
    req.set_security_flags(CA | SECURITY_FLAG_SECURE | BIT_CA | 0x0001_0000);
    assert_eq!(
        req.security_flags(),
        REV | CN | CA,
        "SECURE and error bits are not settable"
    );
}

/// Under INTERNET_ERROR_MASK_COMBINED_SEC_CERT: one failed check keeps its
/// own error, several are ERROR_INTERNET_SEC_CERT_ERRORS, and the flags
/// report each failed check.
#[test]
fn combined_mask_reports_every_failed_check() {
    let server = TlsServer::start(Leaf::WrongName);
    let mut req = open(&server);
    req.set_error_mask(INTERNET_ERROR_MASK_COMBINED_SEC_CERT);
    let (mut req, got) = send(req);
    assert_eq!(got, Err(Error::SecCertErrors));
    assert_eq!(got.unwrap_err().code(), 12055);
    assert_eq!(req.security_flags(), BIT_CA | BIT_CN);
    req.set_security_flags(CA | CN);
    let (req, got) = send(req);
    assert!(got.is_ok(), "{got:?}");
    assert_eq!(
        req.security_flags(),
        SECURE | CA | CN | BIT_CA | BIT_CN,
        "the failure bits stay after the retry (test_security_flags)"
    );
}

#[test]
fn combined_mask_retry_peels_one_check_at_a_time() {
    let server = TlsServer::start(Leaf::ExpiredWrongName);
    let mut req = open(&server);
    req.set_error_mask(INTERNET_ERROR_MASK_COMBINED_SEC_CERT);
    let (mut req, got) = send(req);
    assert_eq!(got, Err(Error::SecCertErrors));
    assert_eq!(req.security_flags(), BIT_CA | BIT_CN | BIT_DATE);
    req.set_security_flags(CA);
    let (mut req, got) = send(req);
    assert_eq!(got, Err(Error::SecCertErrors), "date and name still fail");
    req.set_security_flags(DATE);
    let (mut req, got) = send(req);
    assert_eq!(
        got,
        Err(Error::SecCertCnInvalid),
        "one check left: its own error"
    );
    req.set_security_flags(CN);
    let (req, got) = send(req);
    assert!(got.is_ok(), "{got:?}");
    assert_eq!(
        req.security_flags(),
        SECURE | CA | DATE | CN | BIT_CA | BIT_CN | BIT_DATE
    );
}

#[test]
fn combined_mask_with_one_failure_keeps_its_error() {
    // test_security_flags: an unknown CA alone is ERROR_INTERNET_INVALID_CA
    // with the CA bit.
    let server = TlsServer::start(Leaf::SelfSignedCa);
    let mut req = open(&server);
    req.set_error_mask(INTERNET_ERROR_MASK_COMBINED_SEC_CERT);
    req.set_security_flags(REV);
    let (req, got) = send(req);
    assert_eq!(got, Err(Error::InvalidCa));
    assert_eq!(req.security_flags(), REV | BIT_CA);
}

#[test]
fn a_waived_check_sets_no_bit() {
    // test_security_flags' first request: flags set beforehand, success,
    // and no failure bits.
    let server = TlsServer::start(Leaf::WrongName);
    let mut req = open(&server);
    req.set_error_mask(INTERNET_ERROR_MASK_COMBINED_SEC_CERT);
    req.set_security_flags(CA | CN | REV);
    let (req, got) = send(req);
    assert!(got.is_ok(), "{got:?}");
    assert_eq!(req.security_flags(), SECURE | CA | CN | REV);
}

#[test]
fn waiving_the_usage_does_not_waive_the_issuer() {
    // webpki stops at the usage before looking at the chain; the chain is
    // still judged.
    let server = TlsServer::start(Leaf::ClientAuthOnly);
    let mut req = open(&server);
    req.set_security_flags(USAGE);
    let (_, got) = send(req);
    assert_eq!(got, Err(Error::InvalidCa));
}

#[test]
fn request_flags_ignoring_cert_checks_show_among_the_security_flags() {
    // INTERNET_FLAG_IGNORE_CERT_CN_INVALID and _DATE_INVALID share their
    // bits with the SECURITY_FLAG_IGNORE_* twins (Wine reports them so).
    use openinet::consts::{
        INTERNET_FLAG_IGNORE_CERT_CN_INVALID, INTERNET_FLAG_IGNORE_CERT_DATE_INVALID,
        INTERNET_FLAG_RELOAD,
    };
    let flags = INTERNET_FLAG_IGNORE_CERT_CN_INVALID
        | INTERNET_FLAG_IGNORE_CERT_DATE_INVALID
        | INTERNET_FLAG_RELOAD;
    let req = session()
        .open_url_request("https://127.0.0.1:1/", flags)
        .unwrap();
    assert_eq!(req.security_flags(), CN | DATE);
}
