//! `testserver [--port N] [--forever]`: runs the scripted server for
//! scripts written in other languages (the C tests, the Wine differential
//! tests). Prints `PORT=<n>` once listening; serves until stdin closes
//! (so a parent that dies takes the server with it), or forever.

use std::io::{self, Read, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut port: u16 = 0;
    let mut forever = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => match args.next().and_then(|p| p.parse().ok()) {
                Some(p) => port = p,
                None => return usage("--port needs a number 0-65535"),
            },
            "--forever" => forever = true,
            "-h" | "--help" => {
                println!("usage: testserver [--port N] [--forever]");
                return ExitCode::SUCCESS;
            }
            other => return usage(&format!("unknown argument {other:?}")),
        }
    }
    let server = match testserver::Server::bind(port) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("testserver: cannot bind 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = io::stdout();
    if writeln!(stdout, "PORT={}", server.port())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    if forever {
        loop {
            std::thread::park();
        }
    }
    // Serve until stdin reaches EOF (or fails).
    let _ = io::copy(&mut io::stdin().lock().take(u64::MAX), &mut io::sink());
    drop(server);
    ExitCode::SUCCESS
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("testserver: {msg}\nusage: testserver [--port N] [--forever]");
    ExitCode::from(2)
}
