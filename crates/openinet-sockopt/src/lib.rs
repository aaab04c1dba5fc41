//! The socket calls the `openinet` engine needs that neither std, tokio nor
//! socket2 offer safely: the receive low-water mark (`SO_RCVLOWAT`), the
//! count of bytes waiting (`FIONREAD`) and a non-blocking peek at an idle
//! connection (`MSG_PEEK | MSG_DONTWAIT`).
//!
//! They live in this crate so the engine keeps `#![forbid(unsafe_code)]`:
//! each is one libc call on a borrowed descriptor, with its `SAFETY:` line.

use std::io;
use std::os::fd::{AsRawFd, BorrowedFd};

/// Sets `SO_RCVLOWAT`: readiness (epoll, kqueue) is reported only once
/// `bytes` are queued, or at end of stream or error. Non-blocking reads
/// still return whatever is there. Values above `i32::MAX` are clamped.
pub fn set_receive_low_water(fd: BorrowedFd<'_>, bytes: usize) -> io::Result<()> {
    let value = libc::c_int::try_from(bytes).unwrap_or(libc::c_int::MAX);
    // SAFETY: `fd` is a live descriptor for the borrow's lifetime; the option
    // value points at a c_int on our stack and its exact size is passed.
    let rc = unsafe {
        libc::setsockopt(
            fd.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_RCVLOWAT,
            (&value as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// How many bytes the socket has received that no read has taken yet.
pub fn bytes_waiting(fd: BorrowedFd<'_>) -> io::Result<usize> {
    let mut count: libc::c_int = 0;
    // SAFETY: `fd` is a live descriptor for the borrow's lifetime; FIONREAD
    // writes one c_int, and `count` is one.
    let rc = unsafe {
        libc::ioctl(
            fd.as_raw_fd(),
            libc::FIONREAD,
            &mut count as *mut libc::c_int,
        )
    };
    if rc == 0 {
        Ok(usize::try_from(count).unwrap_or(0))
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Receives what the socket holds now, without waiting (`recv` with
/// `MSG_DONTWAIT`): `Ok(0)` at end of stream, `WouldBlock` when nothing is
/// there. It asks the kernel directly, so bytes that arrived a moment ago
/// are returned even before a reactor has seen their readiness event.
pub fn recv_now(fd: BorrowedFd<'_>, buf: &mut [u8]) -> io::Result<usize> {
    // SAFETY: `fd` is a live descriptor for the borrow's lifetime; recv
    // writes at most `buf.len()` bytes into `buf`.
    let rc = unsafe {
        libc::recv(
            fd.as_raw_fd(),
            buf.as_mut_ptr().cast(),
            buf.len(),
            libc::MSG_DONTWAIT,
        )
    };
    if rc >= 0 {
        Ok(rc as usize)
    } else {
        Err(io::Error::last_os_error())
    }
}

/// What a non-blocking peek sees on an idle connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idle {
    /// Nothing waiting: the connection looks usable.
    Quiet,
    /// Bytes the peer sent unasked (for an idle HTTP connection, a sign
    /// it is not usable; for TLS, perhaps a session ticket).
    Data,
    /// The peer closed its side (end of stream) or the connection broke.
    Closed,
}

/// Peeks at an idle connection without taking anything or waiting
/// (`recv` with `MSG_PEEK | MSG_DONTWAIT`): asks the kernel directly, so
/// the answer does not depend on a reactor having seen the event yet.
pub fn peek_idle(fd: BorrowedFd<'_>) -> Idle {
    let mut byte = 0u8;
    // SAFETY: `fd` is a live descriptor for the borrow's lifetime; recv
    // writes at most one byte into `byte`, and MSG_PEEK leaves it queued.
    let rc = unsafe {
        libc::recv(
            fd.as_raw_fd(),
            (&mut byte as *mut u8).cast(),
            1,
            libc::MSG_PEEK | libc::MSG_DONTWAIT,
        )
    };
    match rc {
        0 => Idle::Closed,
        n if n > 0 => Idle::Data,
        _ => match io::Error::last_os_error().kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted => Idle::Quiet,
            _ => Idle::Closed,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::{TcpListener, TcpStream};
    use std::os::fd::AsFd;

    fn pair() -> (TcpStream, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        (client, server)
    }

    /// Polls `peek_idle` on `client` (up to a second) until it says `want`.
    fn peek_becomes(client: &TcpStream, want: Idle) {
        for _ in 0..100 {
            if peek_idle(client.as_fd()) == want {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("never saw {want:?}");
    }

    #[test]
    fn a_peek_tells_quiet_data_and_closed_apart() {
        let (client, mut server) = pair();
        assert_eq!(peek_idle(client.as_fd()), Idle::Quiet);
        server.write_all(b"x").unwrap();
        peek_becomes(&client, Idle::Data);
        assert_eq!(
            bytes_waiting(client.as_fd()).unwrap(),
            1,
            "the peek took nothing"
        );
        let (client, server) = pair();
        drop(server);
        peek_becomes(&client, Idle::Closed);
    }

    #[test]
    fn recv_now_takes_what_is_there_and_never_waits() {
        let (client, mut server) = pair();
        let mut buf = [0u8; 8];
        let e = recv_now(client.as_fd(), &mut buf).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::WouldBlock);
        server.write_all(b"abc").unwrap();
        for _ in 0..100 {
            if let Ok(n) = recv_now(client.as_fd(), &mut buf) {
                assert_eq!(&buf[..n], b"abc");
                drop(server);
                std::thread::sleep(std::time::Duration::from_millis(20));
                assert_eq!(
                    recv_now(client.as_fd(), &mut buf).unwrap(),
                    0,
                    "end of stream"
                );
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the bytes never came");
    }

    #[test]
    fn counts_the_bytes_waiting() {
        let (client, mut server) = pair();
        assert_eq!(bytes_waiting(client.as_fd()).unwrap(), 0);
        server.write_all(b"hello").unwrap();
        // Loopback delivery is synchronous with the write on Linux; allow
        // other systems a moment.
        for _ in 0..100 {
            if bytes_waiting(client.as_fd()).unwrap() == 5 {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("5 bytes never showed as waiting");
    }

    #[test]
    fn the_low_water_mark_is_set_and_read_back() {
        let (client, _server) = pair();
        set_receive_low_water(client.as_fd(), 4096).unwrap();
        let mut value: libc::c_int = 0;
        let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        // SAFETY: a live descriptor; value/len describe one c_int.
        let rc = unsafe {
            libc::getsockopt(
                client.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_RCVLOWAT,
                (&mut value as *mut libc::c_int).cast(),
                &mut len,
            )
        };
        assert_eq!(rc, 0);
        assert_eq!(value, 4096);
    }

    #[test]
    fn a_descriptor_that_is_no_socket_is_an_error() {
        let file = std::fs::File::open("/dev/null").unwrap();
        assert!(set_receive_low_water(file.as_fd(), 1).is_err());
    }
}
