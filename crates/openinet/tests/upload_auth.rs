//! Authentication of uploads in pieces (`send_ex`, `write`, `end_request`):
//! WinINet does not write a streamed body again by itself, so a challenge
//! it can answer ends the upload with ERROR_INTERNET_FORCE_RETRY, and the
//! application uploads again, now with the answer (Microsoft KB 194700).
//! Without credentials, or once the answer was refused, the 401 is the
//! response.

mod http_common;

use http_common::{read_all, session};
use openinet::{Error, Request};
use testserver::{Server, NTLM_DOMAIN, NTLM_PASSWORD, NTLM_USER};

/// base64("user:pwd"): what the scripted server's Basic route expects.
const USER_PWD: &str = "dXNlcjpwd2Q=";

fn open(server: &Server, path: &str, user: Option<(&str, &str)>) -> Request {
    let mut conn = session().connect("127.0.0.1", server.port());
    if let Some((u, p)) = user {
        conn.username = Some(u.into());
        conn.password = Some(p.into());
    }
    conn.open_request("POST", path, None, None, &[], 0).unwrap()
}

/// A POST to the scripted server's Basic-protected route, with its
/// credentials.
fn basic_protected(server: &Server) -> Request {
    open(
        server,
        &format!("/auth/basic/{USER_PWD}"),
        Some(("user", "pwd")),
    )
}

/// One upload of `body` in two pieces; what `end_request` said.
async fn upload(r: &mut Request, body: &[u8]) -> Result<(), Error> {
    let (a, b) = body.split_at(body.len() / 2);
    r.send_ex(None, a, body.len() as u64).await?;
    r.write(b).await?;
    r.end_request().await
}

/// Uploads until `end_request` stops asking for it again (at most 5
/// times, as an application's loop would); the tries and the status.
async fn upload_until_done(r: &mut Request, body: &[u8]) -> (usize, Result<u16, Error>) {
    for tries in 1..=5 {
        match upload(r, body).await {
            Err(Error::ForceRetry) => continue,
            Err(e) => return (tries, Err(e)),
            Ok(()) => return (tries, Ok(r.status_code().unwrap())),
        }
    }
    (5, Err(Error::ForceRetry))
}

#[test]
fn a_basic_challenge_asks_for_the_upload_again_with_the_answer() {
    let server = Server::start();
    let mut r = basic_protected(&server);
    openinet::block_on(async move {
        assert_eq!(upload(&mut r, b"field=value").await, Err(Error::ForceRetry));
        // The challenge is the response meanwhile.
        assert_eq!(r.status_code(), Some(401));
        assert_eq!(upload(&mut r, b"field=value").await, Ok(()));
        assert_eq!(r.status_code(), Some(200));
        assert_eq!(read_all(&mut r, 4096).await.unwrap(), b"welcome\n");
    });
    let got = server.requests();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].header("Authorization"), None);
    assert_eq!(
        got[1].header("Authorization"),
        Some(format!("Basic {USER_PWD}").as_str())
    );
    for g in &got {
        assert_eq!(g.method, "POST");
        assert_eq!(g.body, b"field=value");
    }
}

#[test]
fn a_refused_answer_or_no_credentials_leave_the_401_as_the_response() {
    let server = Server::start();
    let path = format!("/auth/basic/{USER_PWD}");
    let mut wrong = open(&server, &path, Some(("user", "wrong")));
    let mut none = open(&server, &path, None);
    openinet::block_on(async move {
        // Asked once, then the refusal stands: no loop.
        assert_eq!(upload_until_done(&mut wrong, b"abc").await, (2, Ok(401)));
        assert_eq!(upload_until_done(&mut none, b"abc").await, (1, Ok(401)));
        // The documented pattern without credentials: set them, upload again.
        none.set_credential(openinet::CredentialField::Username, Some("user".into()));
        none.set_credential(openinet::CredentialField::Password, Some("pwd".into()));
        assert_eq!(upload_until_done(&mut none, b"abc").await, (2, Ok(200)));
    });
}

#[test]
fn ntlm_takes_two_retries_on_one_connection() {
    let server = Server::start();
    let user = format!("{NTLM_DOMAIN}\\{NTLM_USER}");
    let mut r = open(&server, "/auth/ntlm", Some((&user, NTLM_PASSWORD)));
    openinet::block_on(async move {
        // No answer, then Type 1 (the challenge comes back), then Type 3.
        assert_eq!(upload_until_done(&mut r, b"posted").await, (3, Ok(200)));
        let body = read_all(&mut r, 4096).await.unwrap();
        assert!(body.starts_with(b"ntlm welcome"), "{body:?}");
    });
    let got = server.requests();
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(|g| g.body == b"posted"));
    // The Type 1 and Type 3 legs share their connection.
    assert_eq!(got[1].conn_id, got[2].conn_id);
}

#[test]
fn a_plain_send_after_a_retry_request_starts_afresh() {
    let server = Server::start();
    let mut r = basic_protected(&server);
    openinet::block_on(async move {
        assert_eq!(upload(&mut r, b"x").await, Err(Error::ForceRetry));
        // HttpSendRequest answers the challenge itself.
        r.send(None, b"x").await.unwrap();
        assert_eq!(r.status_code(), Some(200));
    });
}

#[test]
fn basic_a_server_already_asked_for_goes_ahead_of_an_upload() {
    let server = Server::start();
    let path = format!("/auth/basic/{USER_PWD}");
    // A GET learns that the directory wants Basic (answered, remembered).
    let mut get = session()
        .connect("127.0.0.1", server.port())
        .open_request("GET", &path, None, None, &[], 0)
        .unwrap();
    get.set_credential(openinet::CredentialField::Username, Some("user".into()));
    get.set_credential(openinet::CredentialField::Password, Some("pwd".into()));
    let mut r = open(&server, &path, None);
    openinet::block_on(async move {
        get.send(None, b"").await.unwrap();
        assert_eq!(get.status_code(), Some(200));
        // The upload, without credentials of its own, needs no retry.
        assert_eq!(upload_until_done(&mut r, b"abc").await, (1, Ok(200)));
    });
    let got = server.requests();
    assert_eq!(
        got.last().unwrap().header("Authorization"),
        Some(format!("Basic {USER_PWD}").as_str())
    );
}
