//! A small HTTPS server for the `https_*` tests (and `openinet-capi`'s
//! `https_c.rs`, which includes this file by path).
//!
//! Certificates are made with rcgen when a test starts: one self-signed CA
//! (never in the system's roots, so a strict client rejects it as an
//! unknown issuer) and leaves it signed for `127.0.0.1` (an IP SAN), for
//! the wrong name (`wrong.example`), for `127.0.0.1` but expired, and for
//! client authentication only; self-signed leaves (CA:TRUE, CA:FALSE, and
//! one whose signature is broken); and a leaf sent with its intermediate,
//! both of another unknown root. See [`Leaf`].
//!
//! The server is synchronous rustls over std sockets, a thread per
//! connection, so it needs no runtime of its own and cannot share one with
//! the engine. Routes:
//! - `/big/N`: N bytes of `testserver::pattern`;
//! - `/trickle/N/P/MS`: N pattern bytes in pieces of P, MS milliseconds apart;
//! - `/stall/N/M`: declares M bytes, sends N, then holds the connection
//!   open without a byte for 5 s and drops it;
//! - `/cut/N/M`: declares M bytes, sends N after a 100 ms pause, then ends
//!   the connection with close_notify;
//! - `/rawcut/N/M`: as `/cut/N/M`, but after another 100 ms the TCP
//!   connection ends without close_notify (a cut stream);
//! - `/records/K/C`: a short body sent as TLS records of `RECORD_SIZES`
//!   bytes (C=1: each record one chunk of a chunked body, and a last
//!   record for the terminating chunk), of which only the first K are
//!   sent before the TCP connection ends without close_notify;
//! - `/close/N`: after a 100 ms pause, N bytes without Content-Length,
//!   ended by close_notify and closing the connection;
//! - anything else: `conn=C seq=S` (which connection, which request on it).
//!
//! Responses are HTTP/1.1 with `Content-Length` and keep-alive unless the
//! route says otherwise; a connection lives until the client closes it.
#![allow(dead_code)] // each test binary uses a subset

use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Which certificate a server presents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leaf {
    /// Valid now, for `127.0.0.1` (IP SAN) and `localhost`.
    Good,
    /// Valid now, for `wrong.example` only.
    WrongName,
    /// For `127.0.0.1`, but valid only in 2000.
    Expired,
    /// For `wrong.example`, and valid only in 2000.
    ExpiredWrongName,
    /// Self-signed for `127.0.0.1`, marked CA:TRUE (what `openssl req
    /// -x509` makes).
    SelfSignedCa,
    /// Self-signed for `127.0.0.1`, with no basic constraints (CA:FALSE).
    SelfSignedNotCa,
    /// For `127.0.0.1`, signed by an intermediate of another unknown root;
    /// the server sends the leaf and the intermediate.
    UnknownRootChain,
    /// For `127.0.0.1`, but for client authentication only (its extended
    /// key usage lacks serverAuth).
    ClientAuthOnly,
    /// Self-signed for `127.0.0.1`, with its signature's last byte flipped.
    BadSelfSignature,
    /// For `127.0.0.1`, signed by the test CA, with a full subject (see
    /// [`NAMED_SUBJECT`]) and fixed dates ([`NAMED_NOT_BEFORE`],
    /// [`NAMED_NOT_AFTER`]): what the certificate options report.
    Named,
}

/// `Leaf::Named`'s subject as WinINet formats it: the values in the
/// certificate's order, one per line, a value with a comma quoted.
pub const NAMED_SUBJECT: &str =
    "US\r\nMinnesota\r\nSaint Paul\r\n\"Open, INet\"\r\nTests\r\n127.0.0.1";
/// `Leaf::Named`'s issuer (the test CA's only attribute, its common name).
pub const NAMED_ISSUER: &str = "OpenINet test CA";
/// `Leaf::Named`'s validity: 2020-01-02 00:00:00 to 2099-12-31 00:00:00 UTC,
/// in Unix seconds.
pub const NAMED_NOT_BEFORE: i64 = 1_577_923_200;
pub const NAMED_NOT_AFTER: i64 = 4_102_358_400;

/// The test CA and its leaves, made once per test binary.
struct Pki {
    /// Each kind: the chain the server sends (leaf first) and the leaf's key.
    leaves: Vec<(Leaf, Vec<CertificateDer<'static>>, Vec<u8>)>,
}

/// A CA certificate named `name`, signed by `issuer` (or self-signed).
fn make_ca(
    name: &str,
    issuer: Option<(&rcgen::Certificate, &KeyPair)>,
) -> (rcgen::Certificate, KeyPair) {
    let key = KeyPair::generate().expect("CA key");
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, name);
    let cert = match issuer {
        Some((ca, ca_key)) => params.signed_by(&key, ca, ca_key),
        None => params.self_signed(&key),
    }
    .expect("CA cert");
    (cert, key)
}

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let (ca, ca_key) = make_ca("OpenINet test CA", None);
        let (other_root, other_key) = make_ca("OpenINet other root", None);
        let (inter, inter_key) = make_ca("OpenINet intermediate", Some((&other_root, &other_key)));
        let params = |names: &[&str], expired: bool| {
            let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
            let mut params = CertificateParams::new(names).expect("leaf params");
            params
                .distinguished_name
                .push(rcgen::DnType::CommonName, "OpenINet test server");
            if expired {
                params.not_before = rcgen::date_time_ymd(2000, 1, 1);
                params.not_after = rcgen::date_time_ymd(2000, 12, 31);
            }
            params
        };
        let ip = &["127.0.0.1"][..];
        let mut leaves = Vec::new();
        for (kind, names, expired) in [
            (Leaf::Good, &["127.0.0.1", "localhost"][..], false),
            (Leaf::WrongName, &["wrong.example"][..], false),
            (Leaf::Expired, ip, true),
            (Leaf::ExpiredWrongName, &["wrong.example"][..], true),
        ] {
            let key = KeyPair::generate().expect("leaf key");
            let cert = params(names, expired)
                .signed_by(&key, &ca, &ca_key)
                .expect("leaf cert");
            leaves.push((kind, vec![cert.der().clone()], key.serialize_der()));
        }
        let key = KeyPair::generate().expect("leaf key");
        let mut p = params(ip, false);
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let cert = p.self_signed(&key).expect("self-signed CA leaf");
        leaves.push((
            Leaf::SelfSignedCa,
            vec![cert.der().clone()],
            key.serialize_der(),
        ));

        let key = KeyPair::generate().expect("leaf key");
        let cert = params(ip, false)
            .self_signed(&key)
            .expect("self-signed leaf");
        let mut bad = cert.der().to_vec();
        leaves.push((
            Leaf::SelfSignedNotCa,
            vec![cert.der().clone()],
            key.serialize_der(),
        ));
        *bad.last_mut().expect("signature") ^= 0x01;
        leaves.push((
            Leaf::BadSelfSignature,
            vec![CertificateDer::from(bad)],
            key.serialize_der(),
        ));

        let key = KeyPair::generate().expect("leaf key");
        let cert = params(ip, false)
            .signed_by(&key, &inter, &inter_key)
            .expect("chained leaf");
        leaves.push((
            Leaf::UnknownRootChain,
            vec![cert.der().clone(), inter.der().clone()],
            key.serialize_der(),
        ));

        let key = KeyPair::generate().expect("leaf key");
        let mut p = params(ip, false);
        p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
        let cert = p.signed_by(&key, &ca, &ca_key).expect("client-auth leaf");
        leaves.push((
            Leaf::ClientAuthOnly,
            vec![cert.der().clone()],
            key.serialize_der(),
        ));
        let key = KeyPair::generate().expect("leaf key");
        let mut p = CertificateParams::new(vec!["127.0.0.1".to_string()]).expect("leaf params");
        p.distinguished_name = rcgen::DistinguishedName::new();
        for (kind, value) in [
            (rcgen::DnType::CountryName, "US"),
            (rcgen::DnType::StateOrProvinceName, "Minnesota"),
            (rcgen::DnType::LocalityName, "Saint Paul"),
            (rcgen::DnType::OrganizationName, "Open, INet"),
            (rcgen::DnType::OrganizationalUnitName, "Tests"),
            (rcgen::DnType::CommonName, "127.0.0.1"),
        ] {
            p.distinguished_name.push(kind, value);
        }
        p.not_before = rcgen::date_time_ymd(2020, 1, 2);
        p.not_after = rcgen::date_time_ymd(2099, 12, 31);
        let cert = p.signed_by(&key, &ca, &ca_key).expect("named leaf");
        leaves.push((Leaf::Named, vec![cert.der().clone()], key.serialize_der()));
        Pki { leaves }
    })
}

fn server_config(leaf: Leaf) -> Arc<ServerConfig> {
    let (_, chain, key) = pki()
        .leaves
        .iter()
        .find(|(k, _, _)| *k == leaf)
        .expect("leaf made");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.clone()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(chain.clone(), key)
        .expect("server cert");
    Arc::new(config)
}

/// A running HTTPS server on `127.0.0.1:port`; stops when dropped.
pub struct TlsServer {
    port: u16,
    stop: Arc<AtomicBool>,
    connections: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
}

impl TlsServer {
    /// Starts a server presenting `leaf`.
    pub fn start(leaf: Leaf) -> TlsServer {
        let config = server_config(leaf);
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let (stop2, conns2, reqs2) = (stop.clone(), connections.clone(), requests.clone());
        std::thread::spawn(move || {
            for tcp in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(tcp) = tcp else { continue };
                let id = conns2.fetch_add(1, Ordering::SeqCst) + 1;
                let (config, reqs) = (config.clone(), reqs2.clone());
                std::thread::spawn(move || serve(tcp, config, id, &reqs));
            }
        });
        TlsServer {
            port,
            stop,
            connections,
            requests,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `https://127.0.0.1:port{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("https://127.0.0.1:{}{path}", self.port)
    }

    /// TCP connections accepted so far (handshakes that failed included).
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// Requests answered so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Serves one connection: requests until the client closes, or 10 s idle.
fn serve(tcp: TcpStream, config: Arc<ServerConfig>, id: usize, requests: &AtomicUsize) {
    let _ = tcp.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = tcp.set_nodelay(true);
    let Ok(conn) = ServerConnection::new(config) else {
        return;
    };
    let mut tls = StreamOwned::new(conn, tcp);
    let mut pending = Vec::new();
    let mut seq = 0;
    loop {
        let head_end = loop {
            if let Some(i) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let mut chunk = [0u8; 4096];
            match tls.read(&mut chunk) {
                Ok(0) | Err(_) => {
                    let _ = tls.sock.shutdown(Shutdown::Both);
                    return;
                }
                Ok(n) => pending.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&pending[..head_end]).into_owned();
        pending.drain(..head_end);
        seq += 1;
        requests.fetch_add(1, Ordering::SeqCst);
        let path = head.split(' ').nth(1).unwrap_or("/").to_string();
        let numbers: Vec<usize> = path
            .split('/')
            .skip(2)
            .map(|n| n.parse().unwrap_or(0))
            .collect();
        let arg = |i: usize| numbers.get(i).copied().unwrap_or(0);
        let route = path.split('/').nth(1).unwrap_or("");
        let body = match route {
            "big" | "trickle" | "stall" | "close" | "cut" | "rawcut" => testserver::pattern(arg(0)),
            // The suite the handshake chose (the server honours the client's order).
            "suite" => format!(
                "{:?}",
                tls.conn.negotiated_cipher_suite().map(|s| s.suite())
            )
            .into_bytes(),
            _ => format!("conn={id} seq={seq}").into_bytes(),
        };
        if route == "records" {
            send_records(&mut tls, arg(0), arg(1) == 1);
            return;
        }
        let declared = if matches!(route, "stall" | "cut" | "rawcut") {
            arg(1)
        } else {
            body.len()
        };
        let length = if route == "close" {
            "Connection: close\r\n".to_string()
        } else {
            format!("Content-Length: {declared}\r\nConnection: keep-alive\r\n")
        };
        let reply =
            format!("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n{length}\r\n");
        if tls.write_all(reply.as_bytes()).is_err() || tls.flush().is_err() {
            return;
        }
        if matches!(route, "close" | "cut" | "rawcut") {
            std::thread::sleep(Duration::from_millis(100));
        }
        let sent = match route {
            "trickle" => body.chunks(arg(1).max(1)).all(|piece| {
                std::thread::sleep(Duration::from_millis(arg(2) as u64));
                tls.write_all(piece).is_ok() && tls.flush().is_ok()
            }),
            _ => tls.write_all(&body).is_ok() && tls.flush().is_ok(),
        };
        match route {
            _ if !sent => return,
            "stall" => {
                std::thread::sleep(Duration::from_secs(5));
                return;
            }
            // The TCP connection ends without TLS's close_notify.
            "rawcut" => {
                std::thread::sleep(Duration::from_millis(100));
                let _ = tls.sock.shutdown(Shutdown::Both);
                return;
            }
            "close" | "cut" => {
                tls.conn.send_close_notify();
                let _ = tls.flush();
                let _ = tls.sock.shutdown(Shutdown::Both);
                return;
            }
            _ => {}
        }
    }
}

/// The body records of `/records/K/C`, in bytes of body data each.
pub const RECORD_SIZES: [usize; 5] = [1, 7, 100, 3, 50];

/// `/records/K/C`: the head in one record, then the first `k` records of
/// the body (each write and flush is one TLS record), then the TCP
/// connection ends with no close_notify.
fn send_records(tls: &mut StreamOwned<ServerConnection, TcpStream>, k: usize, chunked: bool) {
    let body = testserver::pattern(RECORD_SIZES.iter().sum());
    let framing = if chunked {
        "Transfer-Encoding: chunked".to_string()
    } else {
        format!("Content-Length: {}", body.len())
    };
    let head = format!("HTTP/1.1 200 OK\r\n{framing}\r\n\r\n");
    let mut records: Vec<Vec<u8>> = Vec::new();
    let mut at = 0;
    for size in RECORD_SIZES {
        let data = &body[at..at + size];
        at += size;
        records.push(if chunked {
            [format!("{size:x}\r\n").as_bytes(), data, b"\r\n"].concat()
        } else {
            data.to_vec()
        });
    }
    if chunked {
        records.push(b"0\r\n\r\n".to_vec());
    }
    if tls.write_all(head.as_bytes()).is_err() || tls.flush().is_err() {
        return;
    }
    for record in records.iter().take(k) {
        if tls.write_all(record).is_err() || tls.flush().is_err() {
            return;
        }
    }
    std::thread::sleep(Duration::from_millis(20));
    let _ = tls.sock.shutdown(Shutdown::Both);
}

/// A server that accepts TCP connections and never sends a byte (a TLS
/// handshake against it can only time out). Stops when dropped.
pub struct SilentServer {
    port: u16,
    stop: Arc<AtomicBool>,
}

impl SilentServer {
    pub fn start() -> SilentServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = stop.clone();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for tcp in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                // Keep the socket open (and silent) until the server stops.
                held.extend(tcp.ok());
            }
        });
        SilentServer { port, stop }
    }

    pub fn port(&self) -> u16 {
        self.port
    }
}

impl Drop for SilentServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// A plain-TCP server that answers each connection's first bytes with
/// `reply` (an HTTP error page, say: what a plain server says to a TLS
/// ClientHello) and closes it. An empty `reply` closes without a word.
pub struct PlainReplyServer {
    port: u16,
    stop: Arc<AtomicBool>,
}

impl PlainReplyServer {
    pub fn start(reply: &'static [u8]) -> PlainReplyServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = stop.clone();
        std::thread::spawn(move || {
            for tcp in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut tcp) = tcp else { continue };
                let _ = tcp.set_read_timeout(Some(Duration::from_secs(5)));
                let mut first = [0u8; 4096];
                let _ = tcp.read(&mut first);
                let _ = tcp.write_all(reply);
                let _ = tcp.shutdown(Shutdown::Both);
            }
        });
        PlainReplyServer { port, stop }
    }

    pub fn port(&self) -> u16 {
        self.port
    }
}

impl Drop for PlainReplyServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}
