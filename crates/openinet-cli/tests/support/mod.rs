//! Shared by the `inet` tests: running the binary, temporary paths, and a
//! real nginx (Debian's package) on 127.0.0.1 with a static root, byte
//! ranges, a redirect chain and TLS on a self-signed certificate.
#![allow(dead_code)] // each test binary uses a subset

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub fn inet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_inet"))
        .args(args)
        .output()
        .expect("cannot run inet")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh path in cargo's per-test temporary directory.
pub fn temp_path(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("inet-cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}-{name}", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_dir_all(&path);
    path
}

/// A URL on a port nothing listens on.
pub fn refused_url() -> String {
    format!("http://127.0.0.1:{}/nothing", free_port())
}

pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// True when `prog` can be run; outside CI a missing program skips the
/// test (with a note), in CI (`CI=true`) it fails it.
pub fn need(prog: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {prog}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        || Path::new("/usr/sbin").join(prog).exists();
    if !found {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!ci, "{prog} is missing in CI (tests/setup.sh installs it)");
        println!("note: {prog} not found; skipping");
    }
    found
}

/// A running nginx, stopped on drop.
pub struct Nginx {
    child: Child,
    pub port: u16,
    pub tls_port: u16,
    pub root: PathBuf,
    dir: PathBuf,
}

impl Nginx {
    /// Starts nginx serving `files` (name, contents) from a fresh root, or
    /// None when nginx or openssl is not installed (outside CI).
    pub fn start(name: &str, files: &[(&str, &[u8])]) -> Option<Nginx> {
        if !need("nginx") || !need("openssl") {
            return None;
        }
        let dir = temp_path(&format!("nginx-{name}"));
        let root = dir.join("root");
        std::fs::create_dir_all(&root).unwrap();
        for (file, body) in files {
            std::fs::write(root.join(file), body).unwrap();
        }
        let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
        let ok = Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            ])
            .args(["-subj", "/CN=localhost", "-keyout"])
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("openssl");
        assert!(ok.success(), "openssl req failed");
        let nginx = ["nginx", "/usr/sbin/nginx"]
            .into_iter()
            .find(|p| {
                Command::new(p)
                    .arg("-v")
                    .stderr(Stdio::null())
                    .status()
                    .is_ok()
            })
            .expect("nginx");
        for _ in 0..5 {
            let (port, tls_port) = (free_port(), free_port());
            let conf = dir.join("nginx.conf");
            std::fs::write(
                &conf,
                format!(
                    "daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
                     events {{ worker_connections 64; }}\n\
                     http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
                     fastcgi_temp_path {d}/fcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
                     default_type application/octet-stream;\n\
                     server {{\n    listen 127.0.0.1:{port};\n    listen 127.0.0.1:{tls_port} ssl;\n\
                     ssl_certificate {c};\n    ssl_certificate_key {k};\n    root {r};\n\
                     location = /r3 {{ return 302 /r2; }}\n    location = /r2 {{ return 301 /r1; }}\n\
                     location = /r1 {{ return 307 /hello.txt; }}\n  }}\n}}\n",
                    d = dir.display(),
                    c = cert.display(),
                    k = key.display(),
                    r = root.display(),
                ),
            )
            .unwrap();
            let mut child = Command::new(nginx)
                .arg("-p")
                .arg(&dir)
                .arg("-c")
                .arg(&conf)
                .arg("-e")
                .arg(dir.join("error.log"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start nginx");
            let started = Instant::now();
            while started.elapsed() < Duration::from_secs(10) {
                if let Ok(Some(_)) = child.try_wait() {
                    break; // a port was taken meanwhile: try others
                }
                let up = |p| std::net::TcpStream::connect(("127.0.0.1", p)).is_ok();
                if up(port) && up(tls_port) {
                    return Some(Nginx {
                        child,
                        port,
                        tls_port,
                        root,
                        dir,
                    });
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!(
            "nginx did not start: {}",
            std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
        );
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn tls_url(&self, path: &str) -> String {
        format!("https://localhost:{}{path}", self.tls_port)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
