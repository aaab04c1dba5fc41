//! The caching `INTERNET_FLAG_*`s of HttpOpenRequest / InternetOpenUrl:
//! every one is accepted, and what each adds to the request is what
//! WinINet adds (Wine 8 run against the scripted server: only
//! `PRAGMA_NOCACHE` sends `Pragma: no-cache`, and `NO_CACHE_WRITE` sends
//! `Cache-Control: no-cache` on verbs other than GET); `FROM_CACHE`
//! (`OFFLINE`), with no URL cache to serve it, fails with
//! ERROR_FILE_NOT_FOUND and sends nothing, as Windows does when nothing is
//! cached.

mod http_common;

use http_common::{read_all, session};
use openinet::consts::*;
use openinet::Error;
use testserver::Server;

/// Sends `verb /echo` with `flags`; the header names the server saw.
fn sent_headers(server: &Server, verb: &str, flags: u32) -> Result<Vec<String>, Error> {
    let c = session().connect("127.0.0.1", server.port());
    let verb = verb.to_string();
    openinet::block_on(async move {
        let mut req = c.open_request(&verb, "/echo", None, None, &[], flags)?;
        req.send(None, Vec::new()).await?;
        read_all(&mut req, 4096).await?;
        Ok::<_, Error>(())
    })?;
    let last = server.requests().pop().expect("a request");
    Ok(last
        .headers
        .iter()
        .map(|(n, v)| format!("{n}: {v}"))
        .collect())
}

#[test]
fn cache_flags_change_only_what_wininet_changes() {
    let server = Server::start();
    for verb in ["GET", "POST"] {
        let base = sent_headers(&server, verb, 0).unwrap();
        for flag in [
            INTERNET_FLAG_RELOAD,
            INTERNET_FLAG_NO_CACHE_WRITE,
            INTERNET_FLAG_DONT_CACHE,
            INTERNET_FLAG_PRAGMA_NOCACHE,
            INTERNET_FLAG_RESYNCHRONIZE,
            INTERNET_FLAG_HYPERLINK,
            INTERNET_FLAG_NEED_FILE,
            INTERNET_FLAG_CACHE_IF_NET_FAIL,
        ] {
            let got = sent_headers(&server, verb, flag).unwrap();
            let mut want = base.clone();
            if flag == INTERNET_FLAG_PRAGMA_NOCACHE {
                want.push("Pragma: no-cache".to_string());
            }
            if flag == INTERNET_FLAG_NO_CACHE_WRITE && verb != "GET" {
                want.push("Cache-Control: no-cache".to_string());
            }
            assert_eq!(got, want, "{verb} {flag:#x}");
        }
    }
}

#[test]
fn from_cache_with_nothing_cached_is_file_not_found() {
    let server = Server::start();
    assert_eq!(INTERNET_FLAG_OFFLINE, INTERNET_FLAG_FROM_CACHE);
    for verb in ["GET", "POST"] {
        let r = sent_headers(&server, verb, INTERNET_FLAG_FROM_CACHE);
        assert_eq!(r.err(), Some(Error::FileNotFound), "{verb}");
    }
    let url = server.url("/hello");
    let r = openinet::block_on(async move {
        session()
            .open_url(&url, None, INTERNET_FLAG_OFFLINE)
            .await
            .map(|_| ())
    });
    assert_eq!(r, Err(Error::FileNotFound));
    assert_eq!(server.connections(), 0, "nothing was sent");
}
