//! Basic credentials sent before being asked: once a server accepted
//! Basic credentials for a path, WinINet sends them with later requests to
//! that server for the same directory and below, without waiting for a
//! 401, in any session of the process, until INTERNET_OPTION_END_BROWSER_SESSION.
//! Wine's http.c test_basic_auth_credentials_* check it on Windows: a
//! request without credentials then reads them back as its USERNAME and
//! PASSWORD, the cached answer replaces an `Authorization` header the
//! application added, and a header the application added is not cached.
//! Only ever to the same scheme, host and port.

use super::Credentials;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

struct Entry {
    secure: bool,
    host: String,
    port: u16,
    /// The directory of the path that asked (up to its last `/`).
    dir: String,
    credentials: Credentials,
}

static CACHE: Mutex<Vec<Entry>> = Mutex::new(Vec::new());
/// Whether `CACHE` may hold anything: most processes never authenticate,
/// and their sends skip the lock.
static ANY: AtomicBool = AtomicBool::new(false);

fn dir_of(path: &str) -> &str {
    let path = path.split(['?', '#']).next().unwrap_or("");
    match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    }
}

/// Remembers that `credentials` were accepted, by Basic, for `path`.
pub fn remember_basic(secure: bool, host: &str, port: u16, path: &str, credentials: &Credentials) {
    let mut cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    let dir = dir_of(path).to_string();
    let host = host.to_ascii_lowercase();
    cache.retain(|e| !(e.secure == secure && e.host == host && e.port == port && e.dir == dir));
    cache.push(Entry {
        secure,
        host,
        port,
        dir,
        credentials: credentials.clone(),
    });
    ANY.store(true, Ordering::Release);
}

/// The credentials remembered for a request to `path`, if any.
pub fn remembered_basic(secure: bool, host: &str, port: u16, path: &str) -> Option<Credentials> {
    if !ANY.load(Ordering::Acquire) {
        return None;
    }
    let cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    let path = path.split(['?', '#']).next().unwrap_or("");
    cache
        .iter()
        .filter(|e| {
            e.secure == secure
                && e.port == port
                && e.host.eq_ignore_ascii_case(host)
                && path.starts_with(&e.dir)
        })
        .max_by_key(|e| e.dir.len())
        .map(|e| e.credentials.clone())
}

/// Forgets every remembered credential (INTERNET_OPTION_END_BROWSER_SESSION).
pub fn forget_all() {
    let mut cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    cache.clear();
    ANY.store(false, Ordering::Release);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_server_same_directory_and_below_only() {
        let c = Credentials {
            username: "u".into(),
            password: "p".into(),
        };
        remember_basic(false, "Pre.Example", 81, "/a/b/page?x=1", &c);
        let got = |secure, host, port, path| {
            remembered_basic(secure, host, port, path).map(|c| c.username)
        };
        assert_eq!(
            got(false, "pre.example", 81, "/a/b/other").as_deref(),
            Some("u")
        );
        assert_eq!(
            got(false, "pre.example", 81, "/a/b/c/d").as_deref(),
            Some("u")
        );
        assert_eq!(got(false, "pre.example", 81, "/a/"), None);
        assert_eq!(got(false, "pre.example", 82, "/a/b/x"), None);
        assert_eq!(got(true, "pre.example", 81, "/a/b/x"), None);
        assert_eq!(got(false, "other.example", 81, "/a/b/x"), None);
    }
}
