//! Cookies: one store for the whole process, shared by every session and
//! by `InternetGetCookie`/`InternetSetCookie`, whose persistent cookies
//! are also shared with the user's other processes through a file.
//!
//! - `store`: WinINet's matching and replacement rules ([`CookieJar`]);
//! - `parse`: reading `name=value; attributes`;
//! - `domain`: which domain a cookie may name (public suffixes refused);
//! - `persist`: the cookie file (where, format, atomic writes);
//! - [`privacy`]: the per-zone privacy templates.
//!
//! The functions here work on the process-wide store.

mod domain;
pub(crate) mod parse;
mod persist;
pub mod privacy;
mod store;

pub use domain::is_legal_cookie_domain;
pub use persist::default_path as default_store_path;
pub use store::{Cookie, CookieJar, SetOutcome, Target};

use crate::consts::INTERNET_COOKIE_HTTPONLY;
use crate::Error;
use std::sync::Mutex;

static JAR: Mutex<Option<CookieJar>> = Mutex::new(None);

/// Runs `f` on the process-wide store, made at first use: backed by the
/// per-user cookie file, or in memory when there is no home directory.
pub fn with_jar<R>(f: impl FnOnce(&mut CookieJar) -> R) -> R {
    let mut jar = JAR.lock().unwrap_or_else(|p| p.into_inner());
    let jar = jar.get_or_insert_with(|| match persist::default_path() {
        Some(path) => CookieJar::with_file(path),
        None => CookieJar::in_memory(),
    });
    f(jar)
}

/// Replaces the process-wide store with an empty one whose persistent
/// cookies live in `file` (`None`: in memory only), for tests and for
/// programs that keep their cookies elsewhere than the user's file.
pub fn use_store_file(file: Option<std::path::PathBuf>) {
    let mut jar = JAR.lock().unwrap_or_else(|p| p.into_inner());
    *jar = Some(match file {
        Some(path) => CookieJar::with_file(path),
        None => CookieJar::in_memory(),
    });
}

/// Every unexpired cookie of the process-wide store (see [`CookieJar::unexpired`]).
pub fn all_cookies() -> Vec<Cookie> {
    with_jar(|jar| jar.unexpired(now()))
}

/// Seconds since 1970-01-01 UTC.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// `InternetSetCookieEx`: stores `data` for `url`. `flags` are the
/// `INTERNET_COOKIE_*` of the call; `INTERNET_COOKIE_HTTPONLY` lets it set
/// or replace an HttpOnly cookie, and the others change nothing here
/// (there is no privacy policy to weigh `INTERNET_COOKIE_THIRD_PARTY`).
pub fn set_cookie(
    url: &str,
    name: Option<&str>,
    data: &str,
    flags: u32,
) -> Result<SetOutcome, Error> {
    let target = Target::from_url(url)?;
    let http_only = flags & INTERNET_COOKIE_HTTPONLY != 0;
    with_jar(|jar| jar.set(&target, name, data, http_only, now()))
}

/// `InternetGetCookieEx`: the cookies for `url` as `a=b; c=d`, or
/// `ERROR_NO_MORE_ITEMS` when there are none. HttpOnly cookies are
/// included only with `INTERNET_COOKIE_HTTPONLY` in `flags`.
pub fn get_cookie(url: &str, flags: u32) -> Result<String, Error> {
    let target = Target::from_url(url)?;
    let http_only = flags & INTERNET_COOKIE_HTTPONLY != 0;
    with_jar(|jar| jar.cookie_string(&target, http_only, now())).ok_or(Error::NoMoreItems)
}

/// The value of the `Cookie` header a request to `url` sends (HttpOnly
/// cookies included), or `None` when it sends none.
///
/// `url` is asked for only when the store holds cookies at all: most
/// processes have none, and every request asks.
pub fn request_header(url: impl FnOnce() -> String) -> Option<String> {
    with_jar(|jar| {
        let now = now();
        if !jar.has_cookies(now) {
            return None;
        }
        let target = Target::from_url(&url()).ok()?;
        jar.cookie_string(&target, true, now)
    })
}

/// Stores the cookies of a response from `url`, one `Set-Cookie` header
/// value each, and returns how many were stored. A cookie naming a domain
/// the server may not set is dropped.
pub fn store_response<'a>(url: &str, set_cookies: impl Iterator<Item = &'a str>) -> usize {
    let Ok(target) = Target::from_url(url) else {
        return 0;
    };
    let now = now();
    with_jar(|jar| {
        set_cookies
            .filter(|v| jar.set(&target, None, v, true, now) == Ok(SetOutcome::Accepted))
            .count()
    })
}

/// `INTERNET_OPTION_END_BROWSER_SESSION`: forgets every session cookie.
pub fn end_browser_session() {
    with_jar(CookieJar::end_session);
}
