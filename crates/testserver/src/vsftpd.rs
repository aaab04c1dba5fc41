//! A real vsftpd (Debian's package) for the FTP tests, started on
//! `127.0.0.1` with a generated configuration and a temporary root, and
//! stopped (its directory removed) when dropped.
//!
//! One anonymous login, with these files under its root:
//!
//! | path | what |
//! |---|---|
//! | `pub/hello.txt` | `"Hello, FTP!\r\n"` ([`HELLO`]) |
//! | `pub/pattern.bin` | [`PATTERN_LEN`] bytes of [`crate::pattern`] |
//! | `pub/big.bin` | a sparse 5 GiB file (listing sizes over 4 GiB) |
//! | `pub/sub/` | a directory holding `inner.txt` (cannot be removed: not empty) |
//! | `pub/My Dir/` | a directory with a space in its name |
//! | `up/` | writable: uploads, new directories, renames, deletes |
//!
//! `pub` belongs to root, so the anonymous user (`ftp`) cannot change it
//! when the server runs as root (as in CI); `up` belongs to `ftp`.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The content of `pub/hello.txt`.
pub const HELLO: &str = "Hello, FTP!\r\n";
/// The length of `pub/pattern.bin`.
pub const PATTERN_LEN: usize = 300_000;
/// The size of the sparse `pub/big.bin`.
pub const BIG_LEN: u64 = 5 << 30;

/// A running vsftpd.
pub struct Vsftpd {
    child: Child,
    host: &'static str,
    port: u16,
    dir: PathBuf,
}

/// The vsftpd binary, if installed.
pub fn binary() -> Option<PathBuf> {
    [
        "/usr/sbin/vsftpd",
        "/usr/bin/vsftpd",
        "/usr/local/sbin/vsftpd",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

fn free_port(host: &str) -> u16 {
    std::net::TcpListener::bind((host, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl Vsftpd {
    /// Starts vsftpd, or returns `None` (after saying why) when it is not
    /// installed outside CI. In CI (`CI=true`) a missing vsftpd panics:
    /// `tests/setup.sh` installs it.
    pub fn start() -> Option<Vsftpd> {
        Self::start_on("127.0.0.1")
    }

    /// `start` on `::1`, or `None` (after saying why) where this machine
    /// has no IPv6 loopback.
    pub fn start_ipv6() -> Option<Vsftpd> {
        if std::net::TcpListener::bind("[::1]:0").is_err() {
            eprintln!("SKIP: no IPv6 loopback here");
            return None;
        }
        Self::start_on("::1")
    }

    fn start_on(host: &'static str) -> Option<Vsftpd> {
        let Some(bin) = binary() else {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("vsftpd is not installed (tests/setup.sh installs it)");
            }
            eprintln!("SKIP: vsftpd is not installed (apt-get install vsftpd)");
            return None;
        };
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("openinet-vsftpd-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let root = dir.join("root");
        make_tree(&root);
        let root_user = running_as_root();
        if root_user {
            // The anonymous user writes as `ftp`.
            let _ = Command::new("chown")
                .args(["-R", "ftp"])
                .arg(root.join("up"))
                .status();
        }
        // Several attempts: a port picked free may be taken meanwhile.
        for _ in 0..5 {
            let port = free_port(host);
            let conf = dir.join("vsftpd.conf");
            std::fs::write(&conf, config(&root, &dir, host, port, root_user))
                .expect("write config");
            let child = Command::new(&bin)
                .arg(&conf)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start vsftpd");
            let mut server = Vsftpd {
                child,
                host,
                port,
                dir: dir.clone(),
            };
            if server.wait_ready() {
                return Some(server);
            }
            let _ = server.child.kill();
            let _ = server.child.wait();
            std::mem::forget(server); // keep the directory for the next try
        }
        panic!("vsftpd did not start; see {}", dir.join("log").display());
    }

    fn wait_ready(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            if let Ok(s) = TcpStream::connect((self.host, self.port)) {
                let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
                let mut line = String::new();
                if BufReader::new(s).read_line(&mut line).is_ok() && line.starts_with("220") {
                    return true;
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The directory the anonymous user sees as `/`.
    pub fn root(&self) -> PathBuf {
        self.dir.join("root")
    }

    /// The address it listens on: `127.0.0.1`, or `::1`.
    pub fn host(&self) -> &'static str {
        self.host
    }

    /// `ftp://HOST:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        match self.host {
            "::1" => format!("ftp://[::1]:{}{path}", self.port),
            h => format!("ftp://{h}:{}{path}", self.port),
        }
    }
}

impl Drop for Vsftpd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn make_tree(root: &Path) {
    let public = root.join("pub");
    std::fs::create_dir_all(public.join("sub")).expect("create tree");
    std::fs::create_dir_all(public.join("My Dir")).expect("create tree");
    std::fs::create_dir_all(root.join("up")).expect("create tree");
    std::fs::write(public.join("hello.txt"), HELLO).expect("write");
    std::fs::write(public.join("sub/inner.txt"), "inner\n").expect("write");
    let bytes = crate::pattern(PATTERN_LEN);
    std::fs::write(public.join("pattern.bin"), bytes).expect("write");
    let big = std::fs::File::create(public.join("big.bin")).expect("create");
    big.set_len(BIG_LEN).expect("sparse file");
}

fn config(root: &Path, dir: &Path, host: &str, port: u16, root_user: bool) -> String {
    let listen = if host.contains(':') {
        format!("listen=NO\nlisten_ipv6=YES\nlisten_address6={host}\n")
    } else {
        format!("listen=YES\nlisten_ipv6=NO\nlisten_address={host}\n")
    };
    let privileges = if root_user {
        "nopriv_user=nobody\nftp_username=ftp\nsecure_chroot_dir=/var/run/vsftpd/empty\n"
    } else {
        "run_as_launching_user=YES\n"
    };
    format!(
        "{listen}\
         listen_port={port}\n\
         background=NO\n\
         anonymous_enable=YES\n\
         local_enable=NO\n\
         anon_root={root}\n\
         no_anon_password=YES\n\
         write_enable=YES\n\
         anon_upload_enable=YES\n\
         anon_mkdir_write_enable=YES\n\
         anon_other_write_enable=YES\n\
         anon_umask=022\n\
         allow_writeable_chroot=YES\n\
         pasv_enable=YES\n\
         port_enable=YES\n\
         connect_from_port_20=NO\n\
         seccomp_sandbox=NO\n\
         xferlog_enable=NO\n\
         vsftpd_log_file={log}\n\
         max_clients=0\n\
         max_per_ip=0\n\
         {privileges}",
        root = root.display(),
        log = dir.join("log").display(),
    )
}
