//! A squid (Debian's package) between the clients and nginx for the
//! proxied workload: no cache, no access log, no pinger, pinned to the
//! server's core like nginx; killed (with its helpers, by process group)
//! and its directory removed on drop. Absent squid, the workload is left
//! out.

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SQUID: &str = "/usr/sbin/squid";

pub struct Squid {
    child: Child,
    dir: PathBuf,
    pub port: u16,
}

/// Starts squid on `cpu`, or says why not.
pub fn start(cpu: usize) -> Result<Squid, String> {
    if !std::path::Path::new(SQUID).exists() {
        return Err("squid is not installed".into());
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| e.to_string())?;
    let dir = std::env::temp_dir().join(format!("openinet-bench-squid-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777));
    }
    let d = dir.display();
    let conf = format!(
        "http_port 127.0.0.1:{port}\npid_filename {d}/squid.pid\ncache deny all\ncache_mem 0 MB\n\
         access_log none\ncache_log {d}/cache.log\ncoredump_dir {d}\nvisible_hostname openinet-bench\n\
         shutdown_lifetime 0 seconds\nnetdb_filename none\npinger_enable off\n\
         client_persistent_connections on\nserver_persistent_connections on\nhttp_access allow all\n{}",
        if root { "cache_effective_user proxy\n" } else { "" }
    );
    let conf_path = dir.join("squid.conf");
    std::fs::write(&conf_path, conf).map_err(|e| e.to_string())?;
    let child = Command::new("taskset")
        .args(["-c", &cpu.to_string(), SQUID, "-N", "-f"])
        .arg(&conf_path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("squid: {e}"))?;
    let mut squid = Squid { child, dir, port };
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline || matches!(squid.child.try_wait(), Ok(Some(_))) {
            return Err("squid did not start".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(squid)
}

impl Drop for Squid {
    fn drop(&mut self) {
        // SAFETY: a plain kill(2) of the process group squid leads.
        unsafe { libc::kill(-(self.child.id() as libc::pid_t), libc::SIGKILL) };
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
