//! The socket calls the `openinet` engine needs that neither std, tokio nor
//! socket2 offer safely: the receive low-water mark (`SO_RCVLOWAT`) and the
//! count of bytes waiting (`FIONREAD`).
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
