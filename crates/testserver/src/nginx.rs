//! A private nginx for tests that need a real one: started on a free
//! 127.0.0.1 port with a generated configuration in its own temporary
//! directory, killed (by the PID it was started with) and the directory
//! removed on drop. Each test gives only its `http { }` directives and the
//! files it serves. Where nginx is missing, [`Nginx::require`] skips
//! outside CI and fails under `CI=true` (`tests/setup.sh` installs it).

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

pub struct Nginx {
    child: Child,
    dir: PathBuf,
    port: u16,
}

fn binary() -> Option<PathBuf> {
    ["nginx", "/usr/sbin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| {
            Command::new(p)
                .arg("-v")
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

impl Nginx {
    /// Starts nginx for the test `name`. `prepare` fills its directory
    /// (the files to serve) first; `http` gives the directives inside
    /// `http { }` (server blocks included) for the directory and port.
    /// `None` when nginx is not installed and this is not CI.
    pub fn require(
        name: &str,
        prepare: impl FnOnce(&Path),
        http: impl FnOnce(&Path, u16) -> String,
    ) -> Option<Nginx> {
        let Some(bin) = binary() else {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "nginx is not installed, and CI must run this test (tests/setup.sh installs it)"
            );
            eprintln!("skipped: nginx is not installed (run tests/setup.sh)");
            return None;
        };
        // One directory per start: the tests of a binary run at once.
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("openinet-nginx-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("tmp")).unwrap();
        prepare(&dir);
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let d = dir.display();
        let conf = format!(
            "daemon off;\nmaster_process off;\nworker_processes 1;\npid {d}/nginx.pid;\n\
             error_log {d}/error.log warn;\nevents {{ worker_connections 64; }}\n\
             http {{\n    access_log off;\n    client_body_temp_path {d}/tmp/body;\n\
             \x20   proxy_temp_path {d}/tmp/proxy;\n    fastcgi_temp_path {d}/tmp/fastcgi;\n\
             \x20   uwsgi_temp_path {d}/tmp/uwsgi;\n    scgi_temp_path {d}/tmp/scgi;\n{}\n}}\n",
            http(&dir, port)
        );
        let conf_path = dir.join("nginx.conf");
        std::fs::write(&conf_path, conf).unwrap();
        let child = Command::new(bin)
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(&conf_path)
            // Its start-up log too, before the configuration is read.
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nginx");
        let nginx = Nginx { child, dir, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "nginx did not start listening");
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(nginx)
    }

    pub fn port(&self) -> u16 {
        self.port
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
