//! The cookie store: which cookies a URL gets, and how a new one replaces
//! an old one, by WinINet's rules rather than RFC 6265's where they part
//! (Wine's tests assert these, and hold on Windows):
//!
//! - **Path.** A URL's *directory* is its path up to and including the
//!   last `/` (`/bar/foo` → `/bar/`, `/barfoo` → `/`). A cookie without a
//!   `Path` gets the directory of the URL that set it, and a cookie matches
//!   a URL when its path is a case-insensitive prefix of the URL's
//!   directory: `path=/foo` reaches `/foobar/x` but not `/foobar`.
//! - **Domain.** A cookie belongs to a domain (its `Domain` attribute, or
//!   the host that set it) and reaches that host and all its subdomains:
//!   WinINet has no host-only cookies (Wine does the same).
//! - **Identity.** Domain, path and name, the last two without regard to
//!   case; a new cookie replaces the old one of the same identity, and one
//!   whose `Expires` is past deletes it.
//! - **HttpOnly.** A caller that did not pass `INTERNET_COOKIE_HTTPONLY`
//!   may neither set an HttpOnly cookie nor replace one, nor read one.
//! - **Secure** cookies reach `https` URLs only.
//! - **Order.** Most specific domain first, then longest path, then oldest.
//!
//! Not from RFC 6265: the `cookie_store` crate implements RFC 6265's path
//! and host-only rules, which the assertions above contradict, so the
//! store is our own; the public suffix list comes from the `psl` crate
//! (see `domain`).
//!
//! Limits against a flood: 50 cookies per domain and 3000 in all, the
//! oldest going first (RFC 6265 §6.1's minimums).

use super::domain::{domain_matches, is_legal_cookie_domain};
use super::parse::parse;
use super::persist::{self, Stamp};
use crate::Error;
use std::cmp::Reverse;
use std::path::PathBuf;

const MAX_PER_DOMAIN: usize = 50;
const MAX_TOTAL: usize = 3000;

/// One stored cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cookie {
    /// Lower case, no leading dot.
    pub domain: String,
    pub path: String,
    pub name: String,
    pub value: String,
    /// Seconds since 1970-01-01 UTC; `None` for a session cookie.
    pub expires: Option<i64>,
    pub secure: bool,
    pub http_only: bool,
    /// Nanoseconds since 1970 when it was set, unique in the store: the
    /// order among cookies of equal domain and path.
    pub created: u64,
}

impl Cookie {
    fn is_session(&self) -> bool {
        self.expires.is_none()
    }

    fn is_expired(&self, now: i64) -> bool {
        self.expires.is_some_and(|e| e < now)
    }

    fn same_identity(&self, domain: &str, path: &str, name: &str) -> bool {
        self.domain == domain
            && self.path.eq_ignore_ascii_case(path)
            && self.name.eq_ignore_ascii_case(name)
    }

    /// `name=value`, or the bare name when the value is empty.
    fn write_to(&self, out: &mut String) {
        out.push_str(&self.name);
        if !self.value.is_empty() {
            out.push('=');
            out.push_str(&self.value);
        }
    }
}

/// What a URL means to the store: its host, its directory, and whether
/// its scheme is secure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    host: String,
    dir: String,
    secure: bool,
}

impl Target {
    /// The target of a URL, cracked as `InternetCrackUrl` does. A URL that
    /// does not crack gives the cracker's error (`server` →
    /// `ERROR_INTERNET_UNRECOGNIZED_SCHEME`, `http://` →
    /// `ERROR_INTERNET_INVALID_URL`); one without a host (`about:blank`)
    /// gives `ERROR_INVALID_PARAMETER`.
    pub fn from_url(url: &str) -> Result<Target, Error> {
        let parts = crate::url::crack(url, 0)?;
        let input = url.as_bytes();
        let host = String::from_utf8_lossy(parts.host.bytes(input)).into_owned();
        if host.is_empty() {
            return Err(Error::InvalidParameter);
        }
        let path = String::from_utf8_lossy(parts.path.bytes(input)).into_owned();
        let secure = parts.scheme_kind == Some(crate::url::Scheme::Https);
        Ok(Target::new(&host, &path, secure))
    }

    /// The target of a request to `host` for `path` (the path may carry a
    /// query; it is cut at `?`).
    pub fn new(host: &str, path: &str, secure: bool) -> Target {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let dir = match path.rfind('/') {
            Some(i) => path[..=i].to_string(),
            None => "/".to_string(),
        };
        Target {
            host: host.to_ascii_lowercase(),
            dir,
            secure,
        }
    }

    fn matches(&self, c: &Cookie) -> bool {
        domain_matches(&self.host, &c.domain)
            && self.dir.len() >= c.path.len()
            && self.dir.as_bytes()[..c.path.len()].eq_ignore_ascii_case(c.path.as_bytes())
            && (self.secure || !c.secure)
    }
}

/// What became of a cookie the store was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetOutcome {
    /// Stored (or, for a past `Expires`, the old cookie deleted).
    Accepted,
    /// Refused by the HttpOnly rule (`COOKIE_STATE_REJECT`).
    Rejected,
}

/// A cookie store, in memory or backed by a cookie file.
#[derive(Debug, Default)]
pub struct CookieJar {
    cookies: Vec<Cookie>,
    file: Option<PathBuf>,
    /// The file as last read or written; `None` before the first read.
    seen: Option<Option<Stamp>>,
    /// When the file was last looked at: it is looked at again at most
    /// once per `RECHECK`, not once per request (each look is a `stat`
    /// under the store's lock, which every request of the process takes).
    checked: Option<std::time::Instant>,
    last_created: u64,
}

impl CookieJar {
    /// A store that keeps nothing beyond the process.
    pub fn in_memory() -> CookieJar {
        CookieJar::default()
    }

    /// A store whose persistent cookies live in `file` (read when first
    /// needed, and again whenever another process has rewritten it).
    pub fn with_file(file: PathBuf) -> CookieJar {
        CookieJar {
            file: Some(file),
            ..CookieJar::default()
        }
    }

    /// Stores the cookie `data` (named `name`, or named inside `data`)
    /// for `target`, at time `now` (seconds since 1970). `allow_http_only`
    /// is `INTERNET_COOKIE_HTTPONLY`. A `Domain` that `target` may not
    /// name is `ERROR_INVALID_PARAMETER`.
    pub fn set(
        &mut self,
        target: &Target,
        name: Option<&str>,
        data: &str,
        allow_http_only: bool,
        now: i64,
    ) -> Result<SetOutcome, Error> {
        let parsed = parse(name, data);
        // A cookie goes back out in a `Cookie` header: no line breaks.
        let unsendable = |s: &str| s.contains(['\r', '\n', '\0']);
        if unsendable(&parsed.name) || unsendable(&parsed.value) {
            return Err(Error::InvalidParameter);
        }
        if parsed.http_only && !allow_http_only {
            return Ok(SetOutcome::Rejected);
        }
        let domain = match parsed.domain {
            Some(d) if !is_legal_cookie_domain(&d, &target.host) => {
                return Err(Error::InvalidParameter)
            }
            Some(d) => d,
            None => target.host.clone(),
        };
        let path = parsed.path.unwrap_or_else(|| target.dir.clone());
        // A change is made on top of the file as it is now.
        self.checked = None;
        self.refresh(now);
        let mut persist = false;
        if let Some(i) = self
            .cookies
            .iter()
            .position(|c| c.same_identity(&domain, &path, &parsed.name))
        {
            if self.cookies[i].http_only && !allow_http_only {
                return Ok(SetOutcome::Rejected);
            }
            persist |= !self.cookies.remove(i).is_session();
        }
        let expired = parsed.expires.is_some_and(|e| e < now);
        if !expired {
            persist |= parsed.expires.is_some();
            let created = self.next_created();
            self.cookies.push(Cookie {
                domain: domain.clone(),
                path,
                name: parsed.name,
                value: parsed.value,
                expires: parsed.expires,
                secure: parsed.secure,
                http_only: parsed.http_only,
                created,
            });
            persist |= self.evict(&domain);
        }
        if persist {
            self.save();
        }
        Ok(SetOutcome::Accepted)
    }

    /// The cookies `target` gets at `now`, in WinINet's order; HttpOnly
    /// ones only with `include_http_only`. Expired cookies are dropped.
    pub fn matching(&mut self, target: &Target, include_http_only: bool, now: i64) -> Vec<&Cookie> {
        self.refresh(now);
        // Only persistent cookies expire, so dropping one changes the file.
        if self.cookies.iter().any(|c| c.is_expired(now)) {
            self.cookies.retain(|c| !c.is_expired(now));
            self.save();
        }
        let mut found: Vec<&Cookie> = self
            .cookies
            .iter()
            .filter(|c| target.matches(c) && (include_http_only || !c.http_only))
            .collect();
        found.sort_by_key(|c| (Reverse(c.domain.len()), Reverse(c.path.len()), c.created));
        found
    }

    /// `name=value; name2=value2` for `target`, or `None` when no cookie
    /// matches (see [`CookieJar::matching`]).
    pub fn cookie_string(
        &mut self,
        target: &Target,
        include_http_only: bool,
        now: i64,
    ) -> Option<String> {
        let found = self.matching(target, include_http_only, now);
        if found.is_empty() {
            return None;
        }
        let mut out = String::new();
        for (i, c) in found.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            c.write_to(&mut out);
        }
        Some(out)
    }

    /// Forgets every session cookie (`INTERNET_OPTION_END_BROWSER_SESSION`).
    pub fn end_session(&mut self) {
        self.cookies.retain(|c| !c.is_session());
    }

    /// How many cookies are held (expired ones included until next looked at).
    pub fn len(&self) -> usize {
        self.cookies.len()
    }

    /// Every cookie held and unexpired at `now`, in storage order: what a
    /// program exporting the store writes (`inet -c`, a Netscape cookie file).
    pub fn unexpired(&mut self, now: i64) -> Vec<Cookie> {
        self.refresh(now);
        self.cookies
            .iter()
            .filter(|c| !c.is_expired(now))
            .cloned()
            .collect()
    }

    /// True when no cookie is held.
    pub fn is_empty(&self) -> bool {
        self.cookies.is_empty()
    }

    /// A creation stamp later than every other in the store.
    fn next_created(&mut self) -> u64 {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        self.last_created = now.max(self.last_created + 1);
        self.last_created
    }

    /// Drops the oldest cookies over the limits; true if a persistent one went.
    fn evict(&mut self, domain: &str) -> bool {
        let mut persistent_gone = false;
        loop {
            let in_domain = self.cookies.iter().filter(|c| c.domain == domain).count();
            let victim = if in_domain > MAX_PER_DOMAIN {
                self.oldest(|c| c.domain == domain)
            } else if self.cookies.len() > MAX_TOTAL {
                self.oldest(|_| true)
            } else {
                return persistent_gone;
            };
            let Some(i) = victim else {
                return persistent_gone;
            };
            persistent_gone |= !self.cookies.remove(i).is_session();
        }
    }

    fn oldest(&self, pick: impl Fn(&Cookie) -> bool) -> Option<usize> {
        self.cookies
            .iter()
            .enumerate()
            .filter(|(_, c)| pick(c))
            .min_by_key(|(_, c)| c.created)
            .map(|(i, _)| i)
    }

    /// Whether the store holds any cookie (the file looked at as for a
    /// lookup).
    pub fn has_cookies(&mut self, now: i64) -> bool {
        self.refresh(now);
        !self.cookies.is_empty()
    }

    /// Takes in the file's persistent cookies when it changed since we
    /// last saw it (another process wrote it); a lookup looks at the file
    /// at most once per `RECHECK`, a change always. Session cookies stay; where
    /// both have a cookie of one identity, the newer wins.
    fn refresh(&mut self, now: i64) {
        /// How stale another process's writes may look here.
        const RECHECK: std::time::Duration = std::time::Duration::from_secs(1);
        let Some(file) = &self.file else { return };
        if self.checked.is_some_and(|t| t.elapsed() < RECHECK) {
            return;
        }
        self.checked = Some(std::time::Instant::now());
        let stamp = persist::stamp(file);
        if self.seen.as_ref() == Some(&stamp) {
            return;
        }
        let disk = persist::load(file);
        self.seen = Some(stamp);
        self.cookies.retain(Cookie::is_session);
        for c in disk {
            if c.is_expired(now) {
                continue;
            }
            if let Some(i) = self
                .cookies
                .iter()
                .position(|s| s.same_identity(&c.domain, &c.path, &c.name))
            {
                if self.cookies[i].created >= c.created {
                    continue;
                }
                self.cookies.remove(i);
            }
            self.last_created = self.last_created.max(c.created);
            self.cookies.push(c);
        }
    }

    /// Writes the persistent cookies to the file. A file that cannot be
    /// written leaves them in memory for this process: the store works on.
    fn save(&mut self) {
        let Some(file) = &self.file else { return };
        let _ = persist::save(file, self.cookies.iter().filter(|c| !c.is_session()));
        self.seen = Some(persist::stamp(file));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn target(url: &str) -> Target {
        Target::from_url(url).unwrap()
    }

    fn get(jar: &mut CookieJar, url: &str) -> Option<String> {
        jar.cookie_string(&target(url), false, NOW)
    }

    fn set(jar: &mut CookieJar, url: &str, data: &str) -> Result<SetOutcome, Error> {
        jar.set(&target(url), None, data, false, NOW)
    }

    #[test]
    fn unexpired_lists_every_live_cookie_of_every_domain() {
        let mut jar = CookieJar::in_memory();
        set(&mut jar, "http://a.test/x/y", "s=1").unwrap();
        set(
            &mut jar,
            "https://b.test/",
            "p=2; secure; expires=Sun, 01 Jan 2034 00:00:00 GMT",
        )
        .unwrap();
        let all = jar.unexpired(NOW);
        let names: Vec<(&str, &str, &str)> = all
            .iter()
            .map(|c| (c.domain.as_str(), c.path.as_str(), c.name.as_str()))
            .collect();
        assert_eq!(names, [("a.test", "/x/", "s"), ("b.test", "/", "p")]);
        assert!(all[1].secure && all[1].expires.is_some() && all[0].expires.is_none());
        // After p's expiry only the session cookie is left.
        assert_eq!(jar.unexpired(2_100_000_000).len(), 1);
    }

    #[test]
    fn targets_from_urls() {
        let t = target("https://WWW.Example.com:8443/bar/foo?x=/y#z");
        assert_eq!(
            (t.host.as_str(), t.dir.as_str(), t.secure),
            ("www.example.com", "/bar/", true)
        );
        assert_eq!(target("http://h").dir, "/");
        assert_eq!(
            Target::from_url("about:blank"),
            Err(Error::InvalidParameter)
        );
        // The cracker refuses an empty authority itself.
        assert!(Target::from_url("http://").is_err());
        assert_eq!(Target::from_url("server"), Err(Error::UnrecognizedScheme));
    }

    #[test]
    fn domain_cookies_reach_subdomains_and_paths_match_directories() {
        let mut jar = CookieJar::in_memory();
        set(
            &mut jar,
            "http://www.example.com/bar",
            "A=B; domain=.example.com",
        )
        .unwrap();
        set(
            &mut jar,
            "http://www.example.com",
            "G=H; domain=.example.com; path=/foo",
        )
        .unwrap();
        set(
            &mut jar,
            "http://www.example.com/bar/",
            "K=L; domain=.example.com",
        )
        .unwrap();
        set(
            &mut jar,
            "http://www.example.com/bar/",
            "O=P; secure; path=/bar",
        )
        .unwrap();
        assert_eq!(
            get(&mut jar, "http://testing.example.com").as_deref(),
            Some("A=B")
        );
        assert_eq!(
            get(&mut jar, "http://testing.example.com/foobar").as_deref(),
            Some("A=B")
        );
        assert_eq!(
            get(&mut jar, "http://testing.example.com/foobar/").as_deref(),
            Some("G=H; A=B")
        );
        assert_eq!(
            get(&mut jar, "http://testing.example.com/bar/foo").as_deref(),
            Some("K=L; A=B")
        );
        assert_eq!(
            get(&mut jar, "http://testing.example.com/barfoo/").as_deref(),
            Some("A=B")
        );
        assert_eq!(get(&mut jar, "http://example.com/").as_deref(), Some("A=B"));
        assert_eq!(get(&mut jar, "http://badexample.com/"), None);
        // The secure host cookie: https only, and only under its host.
        assert_eq!(
            get(&mut jar, "http://www.example.com/bar/x").as_deref(),
            Some("K=L; A=B")
        );
        assert_eq!(
            get(&mut jar, "https://www.example.com/bar/x").as_deref(),
            Some("O=P; K=L; A=B")
        );
    }

    #[test]
    fn host_cookies_reach_subdomains_too() {
        let mut jar = CookieJar::in_memory();
        set(&mut jar, "http://example.com/", "A=1").unwrap();
        assert_eq!(
            get(&mut jar, "http://sub.example.com/").as_deref(),
            Some("A=1")
        );
        assert_eq!(get(&mut jar, "http://other.com/"), None);
    }

    #[test]
    fn order_is_specific_domain_then_long_path_then_old() {
        let mut jar = CookieJar::in_memory();
        set(
            &mut jar,
            "http://a.example.com/",
            "d1=1; domain=example.com",
        )
        .unwrap();
        set(&mut jar, "http://a.example.com/", "h1=1").unwrap();
        set(&mut jar, "http://a.example.com/x/", "p1=1").unwrap();
        set(&mut jar, "http://a.example.com/", "h2=1").unwrap();
        assert_eq!(
            get(&mut jar, "http://a.example.com/x/y").as_deref(),
            Some("p1=1; h1=1; h2=1; d1=1")
        );
    }

    #[test]
    fn same_identity_replaces_and_names_ignore_case() {
        let mut jar = CookieJar::in_memory();
        set(&mut jar, "http://a.b.c", "server=server").unwrap();
        set(&mut jar, "http://a.b.c", "server").unwrap();
        jar.set(&target("http://a.b.c"), Some("SERVER"), "", false, NOW)
            .unwrap();
        assert_eq!(get(&mut jar, "http://a.b.c").as_deref(), Some("SERVER"));
        assert_eq!(jar.len(), 1);
        // Another path is another cookie.
        set(&mut jar, "http://a.b.c/d/", "server=2").unwrap();
        assert_eq!(
            get(&mut jar, "http://a.b.c/d/e").as_deref(),
            Some("server=2; SERVER")
        );
    }

    #[test]
    fn illegal_domains_are_invalid_parameters() {
        let mut jar = CookieJar::in_memory();
        let url = "http://www.aaa.example.com.pl/bar";
        assert_eq!(
            set(&mut jar, url, "E=F; domain=different.com"),
            Err(Error::InvalidParameter)
        );
        assert_eq!(
            set(&mut jar, url, "E=F; domain=com.pl"),
            Err(Error::InvalidParameter)
        );
        assert_eq!(
            set(&mut jar, url, "E=F; domain="),
            Err(Error::InvalidParameter)
        );
        assert_eq!(
            set(&mut jar, url, "E=F; domain=example.com.pl"),
            Ok(SetOutcome::Accepted)
        );
        assert!(jar.len() == 1);
    }

    #[test]
    fn line_breaks_are_refused() {
        let mut jar = CookieJar::in_memory();
        for data in ["a=b\r\nX-Injected: 1", "a\n=b", "a=\0"] {
            assert_eq!(
                set(&mut jar, "http://x.example.com/", data),
                Err(Error::InvalidParameter)
            );
        }
        assert!(jar.is_empty());
    }

    #[test]
    fn http_only_needs_the_flag_to_set_replace_or_read() {
        let mut jar = CookieJar::in_memory();
        let t = target("http://cookie.attrs.com/bar");
        assert_eq!(
            jar.set(&t, None, "A=data; httponly", false, NOW),
            Ok(SetOutcome::Rejected)
        );
        assert!(jar.is_empty());
        assert_eq!(
            jar.set(&t, None, "A=data; httponly", true, NOW),
            Ok(SetOutcome::Accepted)
        );
        assert_eq!(
            jar.set(&t, None, "A=test", false, NOW),
            Ok(SetOutcome::Rejected)
        );
        let root = target("http://cookie.attrs.com/");
        assert_eq!(jar.cookie_string(&root, false, NOW), None);
        assert_eq!(
            jar.cookie_string(&root, true, NOW).as_deref(),
            Some("A=data")
        );
        assert_eq!(
            jar.set(&t, None, "A=new", true, NOW),
            Ok(SetOutcome::Accepted)
        );
        assert_eq!(
            jar.cookie_string(&root, false, NOW).as_deref(),
            Some("A=new")
        );
    }

    #[test]
    fn expiry_deletes_and_hides() {
        let mut jar = CookieJar::in_memory();
        let t = target("http://x.example.com/");
        jar.set(
            &t,
            None,
            "A=1; expires=Thu, 01 Jan 2037 00:00:00 GMT",
            false,
            NOW,
        )
        .unwrap();
        jar.set(&t, None, "B=2", false, NOW).unwrap();
        assert_eq!(
            jar.cookie_string(&t, false, NOW).as_deref(),
            Some("A=1; B=2")
        );
        // Past its expiry the cookie is gone.
        let later = 2_200_000_000;
        assert_eq!(jar.cookie_string(&t, false, later).as_deref(), Some("B=2"));
        assert_eq!(jar.len(), 1);
        // A past Expires deletes the cookie and stores nothing.
        jar.set(
            &t,
            None,
            "B=3; expires=Thu, 01 Jan 1970 00:00:00 GMT",
            false,
            NOW,
        )
        .unwrap();
        assert_eq!(jar.cookie_string(&t, false, NOW), None);
        assert!(jar.is_empty());
    }

    #[test]
    fn end_session_keeps_persistent_cookies() {
        let mut jar = CookieJar::in_memory();
        let t = target("http://x.example.com/");
        jar.set(
            &t,
            None,
            "P=1; expires=Thu, 01 Jan 2037 00:00:00 GMT",
            false,
            NOW,
        )
        .unwrap();
        jar.set(&t, None, "S=1", false, NOW).unwrap();
        jar.end_session();
        assert_eq!(jar.cookie_string(&t, false, NOW).as_deref(), Some("P=1"));
    }

    #[test]
    fn limits_drop_the_oldest() {
        let mut jar = CookieJar::in_memory();
        for i in 0..60 {
            set(&mut jar, "http://flood.example.com/", &format!("c{i}=x")).unwrap();
        }
        assert_eq!(jar.len(), MAX_PER_DOMAIN);
        let all = get(&mut jar, "http://flood.example.com/").unwrap();
        assert!(
            !all.contains("c9=") && all.starts_with("c10=x") && all.ends_with("c59=x"),
            "{all}"
        );
        for d in 0..70 {
            for i in 0..50 {
                set(
                    &mut jar,
                    &format!("http://h{d}.example.org/"),
                    &format!("c{i}=x"),
                )
                .unwrap();
            }
        }
        assert_eq!(jar.len(), MAX_TOTAL);
    }

    fn temp_file(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("openinet-jar-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.join("cookies.txt")
    }

    #[test]
    fn persistent_cookies_survive_a_new_store_and_session_ones_do_not() {
        let file = temp_file("roundtrip");
        let t = target("http://persist.example.com/a/b");
        {
            let mut jar = CookieJar::with_file(file.clone());
            jar.set(
                &t,
                None,
                "P=1; expires=Fri, 01-Jan-2038 00:00:00 GMT; secure",
                false,
                NOW,
            )
            .unwrap();
            jar.set(
                &t,
                None,
                "H=2; httponly; expires=Fri, 01-Jan-2038 00:00:00 GMT",
                true,
                NOW,
            )
            .unwrap();
            jar.set(&t, None, "S=3", false, NOW).unwrap();
        }
        let mut jar = CookieJar::with_file(file.clone());
        let secure = target("https://persist.example.com/a/b");
        assert_eq!(
            jar.cookie_string(&secure, true, NOW).as_deref(),
            Some("P=1; H=2")
        );
        assert_eq!(jar.cookie_string(&t, false, NOW), None);
        // Replacing a persistent cookie by a session one removes it from the file.
        jar.set(&t, None, "P=session", false, NOW).unwrap();
        let mut third = CookieJar::with_file(file.clone());
        assert_eq!(
            third.cookie_string(&secure, true, NOW).as_deref(),
            Some("H=2")
        );
        std::fs::remove_dir_all(file.parent().unwrap()).unwrap();
    }

    #[test]
    fn a_store_sees_what_another_process_wrote() {
        let file = temp_file("shared");
        let t = target("http://shared.example.com/");
        let mut one = CookieJar::with_file(file.clone());
        let mut two = CookieJar::with_file(file.clone());
        two.set(&t, None, "S=two", false, NOW).unwrap();
        assert_eq!(one.cookie_string(&t, false, NOW), None);
        let p = "P=1; expires=Fri, 01-Jan-2038 00:00:00 GMT";
        two.set(&t, None, p, false, NOW).unwrap();
        // A lookup sees another process's writes once its recheck is due.
        assert_eq!(one.cookie_string(&t, false, NOW), None, "checked just now");
        one.checked = None;
        assert_eq!(one.cookie_string(&t, false, NOW).as_deref(), Some("P=1"));
        // One's own change is made on top of what two wrote.
        one.set(
            &t,
            None,
            "Q=1; expires=Fri, 01-Jan-2038 00:00:00 GMT",
            false,
            NOW,
        )
        .unwrap();
        two.checked = None;
        assert_eq!(
            two.cookie_string(&t, false, NOW).as_deref(),
            Some("S=two; P=1; Q=1")
        );
        std::fs::remove_dir_all(file.parent().unwrap()).unwrap();
    }

    #[test]
    fn a_corrupt_file_gives_an_empty_store_that_still_works() {
        let file = temp_file("corrupt");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, b"\x00\xff not a cookie file\n\t\t\t").unwrap();
        let mut jar = CookieJar::with_file(file.clone());
        let t = target("http://c.example.com/");
        assert_eq!(jar.cookie_string(&t, false, NOW), None);
        jar.set(
            &t,
            None,
            "P=1; expires=Fri, 01-Jan-2038 00:00:00 GMT",
            false,
            NOW,
        )
        .unwrap();
        let mut again = CookieJar::with_file(file.clone());
        assert_eq!(again.cookie_string(&t, false, NOW).as_deref(), Some("P=1"));
        std::fs::remove_dir_all(file.parent().unwrap()).unwrap();
    }

    #[test]
    fn an_unwritable_file_keeps_cookies_in_memory() {
        let dir = temp_file("unwritable");
        // The file's parent is a plain file: no directory can be made there.
        std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
        std::fs::write(&dir, b"").unwrap();
        let mut jar = CookieJar::with_file(dir.join("cookies.txt"));
        let t = target("http://u.example.com/");
        let p = "P=1; expires=Fri, 01-Jan-2038 00:00:00 GMT";
        assert_eq!(jar.set(&t, None, p, false, NOW), Ok(SetOutcome::Accepted));
        assert_eq!(jar.cookie_string(&t, false, NOW).as_deref(), Some("P=1"));
        std::fs::remove_dir_all(dir.parent().unwrap()).unwrap();
    }
}
