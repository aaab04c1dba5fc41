//! Basic credentials sent before being asked: once a server accepted Basic
//! credentials for a path, WinINet sends them with later requests to that
//! server for the same directory and below, without waiting for a 401.
//! Process-wide, as WinINet's password cache; only ever to the same
//! scheme, host and port.

use std::sync::Mutex;

struct Entry {
    secure: bool,
    host: String,
    port: u16,
    /// The directory of the path that asked (up to its last `/`).
    dir: String,
    value: String,
}

static CACHE: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

fn dir_of(path: &str) -> &str {
    let path = path.split(['?', '#']).next().unwrap_or("");
    match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    }
}

/// Remembers that `value` (a `Basic` answer) was accepted for `path`.
pub fn remember_basic(secure: bool, host: &str, port: u16, path: &str, value: &str) {
    let mut cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    let dir = dir_of(path).to_string();
    let host = host.to_ascii_lowercase();
    cache.retain(|e| !(e.secure == secure && e.host == host && e.port == port && e.dir == dir));
    cache.push(Entry {
        secure,
        host,
        port,
        dir,
        value: value.to_string(),
    });
}

/// The remembered `Basic` answer for a request to `path`, if any.
pub fn remembered_basic(secure: bool, host: &str, port: u16, path: &str) -> Option<String> {
    let cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    if cache.is_empty() {
        return None;
    }
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
        .map(|e| e.value.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_server_same_directory_and_below_only() {
        remember_basic(false, "Pre.Example", 81, "/a/b/page?x=1", "Basic QQ==");
        assert_eq!(remembered_basic(false, "pre.example", 81, "/a/b/other").as_deref(), Some("Basic QQ=="));
        assert_eq!(remembered_basic(false, "pre.example", 81, "/a/b/c/d").as_deref(), Some("Basic QQ=="));
        assert_eq!(remembered_basic(false, "pre.example", 81, "/a/"), None);
        assert_eq!(remembered_basic(false, "pre.example", 82, "/a/b/x"), None);
        assert_eq!(remembered_basic(true, "pre.example", 81, "/a/b/x"), None);
        assert_eq!(remembered_basic(false, "other.example", 81, "/a/b/x"), None);
    }
}
