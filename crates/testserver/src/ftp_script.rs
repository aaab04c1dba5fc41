//! A scripted FTP server for hostile-server tests: each control connection
//! runs the test's script on its own thread, which speaks raw FTP through
//! [`FtpCtl`] (so it can send what no real server would). Bound to
//! `127.0.0.1`, port 0. Dropping the [`FtpScript`] stops accepting; the
//! scripts' threads end with their connections.

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// One control connection, seen from the server.
pub struct FtpCtl {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl FtpCtl {
    /// Sends raw bytes (the script writes its own CRLFs).
    pub fn send(&mut self, text: &str) {
        let _ = self.writer.write_all(text.as_bytes());
    }

    /// Sends raw bytes.
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let _ = self.writer.write_all(bytes);
    }

    /// The next command line, without its line end; `None` when the client
    /// has closed (or sent nothing for 30 s).
    pub fn command(&mut self) -> Option<String> {
        let mut line = String::new();
        match self.reader.read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line.trim_end().to_string()),
        }
    }

    /// 220 greeting, then USER/PASS accepted.
    pub fn login(&mut self) {
        self.send("220 scripted\r\n");
        self.expect("USER");
        self.send("331 password please\r\n");
        self.expect("PASS");
        self.send("230 in\r\n");
    }

    /// Reads commands, answering the ordinary ones (TYPE, PWD, CWD, NOOP)
    /// with success, until one starting with `verb`, which it returns.
    /// EPSV is refused (500), so clients fall back to PASV, which the
    /// script answers with [`FtpCtl::pasv`].
    pub fn expect(&mut self, verb: &str) -> String {
        loop {
            let cmd = self.command().unwrap_or_default();
            let upper = cmd.to_ascii_uppercase();
            if upper.starts_with(verb) || cmd.is_empty() {
                return cmd;
            }
            match upper.get(..4).unwrap_or("") {
                "TYPE" => self.send("200 ok\r\n"),
                "PWD" => self.send("257 \"/\" is current\r\n"),
                "CWD " => self.send("250 ok\r\n"),
                "EPSV" => self.send("500 not here\r\n"),
                _ => self.send("200 ok\r\n"),
            }
        }
    }

    /// Waits for PASV and answers it with a data listener on 127.0.0.1.
    pub fn pasv(&mut self) -> TcpListener {
        self.expect("PASV");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind data");
        let port = listener.local_addr().unwrap().port();
        self.send(&format!(
            "227 Entering Passive Mode (127,0,0,1,{},{})\r\n",
            port >> 8,
            port & 0xFF
        ));
        listener
    }

    /// Closes the control connection.
    pub fn close(&mut self) {
        let _ = self.writer.shutdown(Shutdown::Both);
    }
}

/// Accepts a data connection (bounded wait).
pub fn accept_data(listener: &TcpListener) -> Option<TcpStream> {
    listener.set_nonblocking(true).ok()?;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        if let Ok((s, _)) = listener.accept() {
            s.set_nonblocking(false).ok()?;
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    None
}

/// The scripted server.
pub struct FtpScript {
    port: u16,
    stop: Arc<AtomicBool>,
}

impl FtpScript {
    /// Starts the server; every connection runs `script`.
    pub fn start(script: impl Fn(FtpCtl) + Send + Sync + 'static) -> FtpScript {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let script = Arc::new(script);
        let stopping = stop.clone();
        std::thread::spawn(move || {
            while !stopping.load(Ordering::Acquire) {
                match listener.accept() {
                    Ok((s, _)) => {
                        let _ = s.set_nonblocking(false);
                        let _ = s.set_read_timeout(Some(Duration::from_secs(30)));
                        let script = script.clone();
                        std::thread::spawn(move || {
                            let writer = s.try_clone().expect("clone");
                            script(FtpCtl {
                                reader: BufReader::new(s),
                                writer,
                            });
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        FtpScript { port, stop }
    }

    pub fn port(&self) -> u16 {
        self.port
    }
}

impl Drop for FtpScript {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
    }
}
