//! What a request keeps of its server's certificate
//! (`Request::server_certificate`, behind INTERNET_OPTION_SECURITY_CERTIFICATE
//! and its _STRUCT form): nothing before a send or over plain http; the
//! certificate with the session's suite after a send through TLS; and the
//! refused certificate (without a session) after a send that failed on it,
//! then the accepted one once the check is waived and the send repeated.

mod http_common;
mod https_common;

use http_common::{read_all, session};
use https_common::{
    Leaf, TlsServer, NAMED_ISSUER, NAMED_NOT_AFTER, NAMED_NOT_BEFORE, NAMED_SUBJECT,
};
use openinet::consts::SECURITY_FLAG_IGNORE_UNKNOWN_CA;
use openinet::{Error, Request};

fn send(mut req: Request) -> (Request, Result<Vec<u8>, Error>) {
    openinet::block_on(async move {
        let got = async {
            req.send(None, Vec::new()).await?;
            read_all(&mut req, 4096).await
        }
        .await;
        (req, got)
    })
}

#[test]
fn a_refused_certificate_is_kept_and_the_accepted_one_comes_with_its_session() {
    let server = TlsServer::start(Leaf::Named);
    let req = session()
        .open_url_request(&server.url("/"), 0)
        .expect("open");
    assert_eq!(req.server_certificate(), None, "nothing before a send");

    let (mut req, got) = send(req);
    assert_eq!(got.err(), Some(Error::InvalidCa));
    let refused = req.server_certificate().expect("the refused certificate");
    assert_eq!(refused.subject, NAMED_SUBJECT);
    assert_eq!(refused.issuer, NAMED_ISSUER);
    assert_eq!(
        (refused.not_before, refused.not_after),
        (NAMED_NOT_BEFORE, NAMED_NOT_AFTER)
    );
    assert_eq!(refused.cipher_bits, 0, "no session: no cipher");
    assert_eq!(refused.protocol, None);
    assert_eq!(refused.chain.len(), 1);

    req.set_security_flags(SECURITY_FLAG_IGNORE_UNKNOWN_CA);
    let (req, got) = send(req);
    assert!(got.expect("waived").starts_with(b"conn="));
    let accepted = req.server_certificate().expect("the accepted certificate");
    assert_eq!(accepted.subject, NAMED_SUBJECT);
    assert_eq!(accepted.issuer, NAMED_ISSUER);
    assert_eq!(accepted.chain, refused.chain);
    // The test server's rustls and ours meet on TLS 1.3 with our first
    // suite, AES-128-GCM.
    assert_eq!(accepted.protocol, Some("TLS 1.3"));
    assert_eq!(
        accepted.cipher_suite.as_deref(),
        Some("TLS13_AES_128_GCM_SHA256")
    );
    assert_eq!(accepted.cipher_bits, 128);
    assert_eq!(server.requests(), 1, "nothing went over the refused one");
}

#[test]
fn a_request_on_a_pooled_connection_reports_its_certificate() {
    let server = TlsServer::start(Leaf::Named);
    let mut infos = Vec::new();
    for _ in 0..2 {
        let mut req = session()
            .open_url_request(&server.url("/"), 0)
            .expect("open");
        req.set_security_flags(SECURITY_FLAG_IGNORE_UNKNOWN_CA);
        let (req, got) = send(req);
        got.expect("waived");
        infos.push(req.server_certificate().expect("certificate"));
    }
    assert_eq!(
        server.connections(),
        1,
        "the second request reused the first's connection"
    );
    assert_eq!(infos[0], infos[1]);
}

#[test]
fn a_plain_request_has_no_certificate() {
    let server = testserver::Server::start();
    let req = session()
        .open_url_request(&format!("http://127.0.0.1:{}/hello", server.port()), 0)
        .expect("open");
    let (req, got) = send(req);
    got.expect("plain send");
    assert_eq!(req.server_certificate(), None);
}
