//! The server side: generated files, a self-signed certificate, and nginx
//! on 127.0.0.1 (one worker, sendfile, no access log, unbounded keep-alive)
//! pinned to its own core.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The files served, by name and size.
pub struct Files {
    pub small: u64,
    pub medium: u64,
    pub big: u64,
}

/// A running nginx and the directory it serves from; stopped and removed on
/// drop (or on a signal: see `cleanup`).
pub struct Nginx {
    pub dir: PathBuf,
    pub http_port: u16,
    pub https_port: u16,
    /// The CA certificate clients trust for https.
    pub cert: PathBuf,
}

impl Nginx {
    pub fn http_url(&self, name: &str) -> String {
        format!("http://127.0.0.1:{}/{name}", self.http_port)
    }
    pub fn https_url(&self, name: &str) -> String {
        format!("https://127.0.0.1:{}/{name}", self.https_port)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGQUIT (nginx's graceful stop) to its process group, SIGKILL
        // after 5 s; then the directory goes. The same path as on a signal.
        crate::cleanup::stop_server(false);
    }
}

/// A port free now on 127.0.0.1.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port on 127.0.0.1")
}

/// Writes `size` bytes of a repeating, non-zero pattern to `path`.
fn write_file(path: &Path, size: u64) -> std::io::Result<()> {
    let chunk: Vec<u8> = (0..1024 * 1024u32).map(|i| (i % 251) as u8 + 1).collect();
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        f.write_all(&chunk[..n])?;
        left -= n as u64;
    }
    f.flush()
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

/// Generates the files and the certificate in a new temporary directory,
/// starts nginx on `cpu`, and waits until both ports answer.
pub fn start(files: &Files, cpu: usize) -> Result<Nginx, String> {
    let dir = std::env::temp_dir().join(format!("openinet-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    // From here on a signal, an error or the end removes the directory.
    crate::cleanup::register_dir(dir.clone());
    let www = dir.join("www");
    std::fs::create_dir_all(&www).map_err(|e| e.to_string())?;
    for sub in ["tmp", "logs"] {
        std::fs::create_dir_all(dir.join(sub)).map_err(|e| e.to_string())?;
    }
    for (name, size) in [
        ("1k.bin", files.small),
        ("64k.bin", files.medium),
        ("big.bin", files.big),
    ] {
        write_file(&www.join(name), size).map_err(|e| format!("{name}: {e}"))?;
    }
    // A CA, and the server's certificate signed by it: clients trust the CA
    // (webpki refuses a CA certificate as the server's own).
    let (ca, ca_key) = (dir.join("ca.pem"), dir.join("ca-key.pem"));
    let (csr, cert, key) = (
        dir.join("server.csr"),
        dir.join("cert.pem"),
        dir.join("key.pem"),
    );
    let ext = dir.join("server.ext");
    std::fs::write(
        &ext,
        "basicConstraints=critical,CA:FALSE\nsubjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
    )
    .map_err(|e| e.to_string())?;
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    run(Command::new("openssl")
        .args(["req", "-x509"])
        .args(ec)
        .args(["-days", "2", "-subj", "/CN=OpenINet bench CA"])
        .arg("-keyout")
        .arg(&ca_key)
        .arg("-out")
        .arg(&ca))?;
    run(Command::new("openssl")
        .arg("req")
        .args(ec)
        .args(["-subj", "/CN=127.0.0.1"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&csr))?;
    run(Command::new("openssl")
        .args(["x509", "-req", "-days", "2", "-in"])
        .arg(&csr)
        .arg("-CA")
        .arg(&ca)
        .arg("-CAkey")
        .arg(&ca_key)
        .arg("-CAcreateserial")
        .arg("-extfile")
        .arg(&ext)
        .arg("-out")
        .arg(&cert))?;

    let (http_port, https_port) = (free_port(), free_port());
    let d = dir.display();
    let conf = format!(
        r#"daemon off;
master_process on;
worker_processes 1;
worker_rlimit_nofile 65536;
pid {d}/nginx.pid;
error_log {d}/logs/error.log warn;
events {{ worker_connections 8192; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 10000000;
    keepalive_timeout 300s;
    default_type application/octet-stream;
    client_body_temp_path {d}/tmp/body;
    proxy_temp_path {d}/tmp/proxy;
    fastcgi_temp_path {d}/tmp/fastcgi;
    uwsgi_temp_path {d}/tmp/uwsgi;
    scgi_temp_path {d}/tmp/scgi;
    server {{
        listen 127.0.0.1:{http_port} backlog=4096;
        root {d}/www;
        location = /redir/1k.bin {{ return 302 /1k.bin; }}
    }}
    server {{
        listen 127.0.0.1:{https_port} ssl backlog=4096;
        ssl_certificate {d}/cert.pem;
        ssl_certificate_key {d}/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:SSL:1m;
        root {d}/www;
    }}
}}
"#
    );
    let conf_path = dir.join("nginx.conf");
    std::fs::write(&conf_path, conf).map_err(|e| e.to_string())?;
    let child = Command::new("taskset")
        .args(["-c", &cpu.to_string(), "nginx", "-p"])
        .arg(&dir)
        .arg("-c")
        .arg(&conf_path)
        .stdin(Stdio::null())
        // Its own process group: stopped as a whole (master and worker),
        // and out of reach of the terminal's Ctrl-C, which the harness
        // handles (see cleanup).
        .process_group(0)
        .spawn()
        .map_err(|e| format!("nginx: {e}"))?;
    crate::cleanup::register_nginx(child.id() as libc::pid_t);
    let nginx = Nginx {
        dir,
        http_port,
        https_port,
        cert: ca,
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    for port in [http_port, https_port] {
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                let log =
                    std::fs::read_to_string(nginx.dir.join("logs/error.log")).unwrap_or_default();
                return Err(format!("nginx did not start: {log}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    Ok(nginx)
}
