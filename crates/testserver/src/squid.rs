//! A real squid (Debian's package) for proxy tests: started on 127.0.0.1
//! with a generated configuration in a temporary directory (no cache, no
//! pinger, CONNECT allowed to any port), optionally asking for Basic
//! credentials checked by `basic_ncsa_auth` against a generated password
//! file, or NTLM through `ntlm_fake_auth` ([`require_ntlm`]: it accepts
//! any credentials, but squid runs the real connection-bound handshake:
//! its challenge, and the Type 3 on the connection that got it); stopped
//! (and its directory removed) when dropped.
//!
//! `Squid::start` returns `None` when squid is not installed, so a test
//! can skip; [`require`] turns that into a failure under `CI=true`.

use std::io;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SQUID: &str = "/usr/sbin/squid";
const NCSA: &str = "/usr/lib/squid/basic_ncsa_auth";
/// Debian's squid package ships it.
const NTLM_FAKE: &str = "/usr/lib/squid/ntlm_fake_auth";

/// A running squid.
pub struct Squid {
    child: Child,
    port: u16,
    dir: PathBuf,
    /// Its service name: the prefix of its shared-memory segments.
    service: String,
}

/// Basic credentials squid accepts (`user`, `password`).
pub struct BasicAuth<'a> {
    pub user: &'a str,
    pub password: &'a str,
}

/// Whether squid (and its Basic helper) is installed.
pub fn available() -> bool {
    Path::new(SQUID).exists() && Path::new(NCSA).exists()
}

/// `None` (skip, with a message) when squid is absent outside CI; in CI
/// its absence is a failure.
pub fn require(auth: Option<BasicAuth<'_>>) -> Option<Squid> {
    if !installed(available()) {
        return None;
    }
    Some(Squid::start(auth).expect("squid starts"))
}

/// As [`require`], for a squid asking for NTLM (`ntlm_fake_auth`).
pub fn require_ntlm() -> Option<Squid> {
    if !installed(Path::new(SQUID).exists() && Path::new(NTLM_FAKE).exists()) {
        return None;
    }
    Some(Squid::start_with(Auth::Ntlm).expect("squid starts"))
}

/// `present`, or else a skip (outside CI) or a failure (in CI).
fn installed(present: bool) -> bool {
    if !present {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "squid is not installed (tests/setup.sh installs it)"
        );
        eprintln!("skipped: squid is not installed (run tests/setup.sh)");
    }
    present
}

/// What squid asks of clients.
enum Auth<'a> {
    Basic(BasicAuth<'a>),
    Ntlm,
}

fn free_port() -> io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// An htpasswd line with an Apache MD5 (`$apr1$`) hash, which both
/// `basic_ncsa_auth` and nginx read (`basic_ncsa_auth` refuses `{SHA}`),
/// computed by `openssl passwd` so the tests carry no hashing code.
pub fn htpasswd_line(user: &str, password: &str) -> io::Result<String> {
    use std::io::Write;
    let mut child = Command::new("openssl")
        .args(["passwd", "-apr1", "-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(format!("{password}\n").as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        return Err(io::Error::other("openssl passwd failed"));
    }
    Ok(format!(
        "{user}:{}\n",
        String::from_utf8_lossy(&out.stdout).trim()
    ))
}

impl Squid {
    pub fn start(auth: Option<BasicAuth<'_>>) -> io::Result<Squid> {
        match auth {
            Some(basic) => Squid::start_with(Auth::Basic(basic)),
            None => Squid::start_open(None),
        }
    }

    fn start_with(auth: Auth<'_>) -> io::Result<Squid> {
        Squid::start_open(Some(auth))
    }

    fn start_open(auth: Option<Auth<'_>>) -> io::Result<Squid> {
        let dir = std::env::temp_dir().join(format!(
            "openinet-squid-{}-{}",
            std::process::id(),
            free_port()?
        ));
        std::fs::create_dir_all(&dir)?;
        // Squid started as root drops to `proxy`, which must write here.
        let root = is_root();
        if root {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777))?;
        }
        let port = free_port()?;
        let d = dir.display();
        let mut conf = format!(
            "http_port 127.0.0.1:{port}\n\
             pid_filename {d}/squid.pid\n\
             cache deny all\n\
             cache_mem 0 MB\n\
             access_log stdio:{d}/access.log\n\
             cache_log {d}/cache.log\n\
             coredump_dir {d}\n\
             visible_hostname openinet-test-squid\n\
             shutdown_lifetime 0 seconds\n\
             netdb_filename none\n\
             pinger_enable off\n\
             acl to_local dst 127.0.0.0/8 ::1\n\
             acl CONNECT method CONNECT\n"
        );
        if root {
            conf.push_str("cache_effective_user proxy\n");
        }
        match &auth {
            Some(Auth::Ntlm) => conf.push_str(&format!(
                "auth_param ntlm program {NTLM_FAKE}\n\
                 auth_param ntlm children 2\n\
                 acl authed proxy_auth REQUIRED\n\
                 http_access allow authed\n\
                 http_access deny all\n"
            )),
            Some(Auth::Basic(a)) => {
                let file = dir.join("passwd");
                std::fs::write(&file, htpasswd_line(a.user, a.password)?)?;
                conf.push_str(&format!(
                    "auth_param basic program {NCSA} {}\n\
                     auth_param basic realm openinet-squid\n\
                     auth_param basic children 2\n\
                     acl authed proxy_auth REQUIRED\n\
                     http_access allow authed\n\
                     http_access deny all\n",
                    file.display()
                ));
            }
            None => conf.push_str("http_access allow all\n"),
        }
        let conf_path = dir.join("squid.conf");
        std::fs::write(&conf_path, conf)?;
        // A service name of its own: squid names its shared-memory
        // segments after it, and two squids of one name (tests in
        // parallel) collide on them ("shm_open(/squid-cf__queues.shm):
        // File exists").
        let service = format!("oisquid{}p{port}", std::process::id());
        let child = Command::new(SQUID)
            .arg("-N")
            .arg("-n")
            .arg(&service)
            .arg("-f")
            .arg(&conf_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let mut squid = Squid {
            child,
            port,
            dir,
            service,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline || squid.child.try_wait()?.is_some() {
                let log = std::fs::read_to_string(squid.dir.join("cache.log")).unwrap_or_default();
                return Err(io::Error::other(format!("squid did not start:\n{log}")));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(squid)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `127.0.0.1:PORT`, as a WinINet proxy list names it.
    pub fn proxy(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Squid's access log so far (one line per request it handled).
    pub fn access_log(&self) -> String {
        std::fs::read_to_string(self.dir.join("access.log")).unwrap_or_default()
    }

    /// The access log once it names `needle` at least `count` times, or as it
    /// stands after 5 s. Squid writes a line when a transaction ends on its
    /// side, which can be just after the client has read the last byte.
    pub fn access_log_with(&self, needle: &str, count: usize) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            let log = self.access_log();
            if log.matches(needle).count() >= count || std::time::Instant::now() >= deadline {
                return log;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

/// Whether this process runs as root (squid then needs a user to drop to).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

impl Drop for Squid {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
        // A killed squid leaves its shared-memory segments behind.
        if let Ok(entries) = std::fs::read_dir("/dev/shm") {
            let prefix = format!("{}-", self.service);
            for e in entries.flatten() {
                if e.file_name().to_string_lossy().starts_with(&prefix) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
}
