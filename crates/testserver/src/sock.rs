//! Socket endings: the graceful close most routes use, and the abortive
//! close (`SO_LINGER` 0) behind `/reset`, which std does not offer on stable.

use std::io;
use std::net::{Shutdown, TcpStream};

/// Sets `SO_LINGER {on, 0}` so the final close sends RST instead of FIN.
#[cfg(all(
    target_os = "linux",
    any(
        target_arch = "x86_64",
        target_arch = "x86",
        target_arch = "aarch64",
        target_arch = "arm",
        target_arch = "riscv64"
    )
))]
pub(crate) fn set_linger_zero(s: &TcpStream) -> io::Result<()> {
    use std::ffi::{c_int, c_void};
    use std::os::fd::AsRawFd;

    #[repr(C)]
    struct Linger {
        l_onoff: c_int,
        l_linger: c_int,
    }
    extern "C" {
        fn setsockopt(
            fd: c_int,
            level: c_int,
            name: c_int,
            value: *const c_void,
            len: u32,
        ) -> c_int;
    }
    // Values from the Linux generic socket ABI for the architectures above.
    const SOL_SOCKET: c_int = 1;
    const SO_LINGER: c_int = 13;
    let linger = Linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: `fd` is an open socket owned by `s` for the whole call; `value`
    // points to a live, properly laid out `struct linger` whose size is `len`.
    let rc = unsafe {
        setsockopt(
            s.as_raw_fd(),
            SOL_SOCKET,
            SO_LINGER,
            (&linger as *const Linger).cast(),
            std::mem::size_of::<Linger>() as u32,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Elsewhere there is no way to reset from stable std; say so.
#[cfg(not(all(
    target_os = "linux",
    any(
        target_arch = "x86_64",
        target_arch = "x86",
        target_arch = "aarch64",
        target_arch = "arm",
        target_arch = "riscv64"
    )
)))]
pub(crate) fn set_linger_zero(_s: &TcpStream) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "SO_LINGER not available",
    ))
}

/// Half-closes our side so the client sees FIN after all written data.
/// The caller then drains the read side; closing with unread input would
/// make Linux send RST and could destroy the response in flight.
pub(crate) fn send_fin(s: &TcpStream) {
    let _ = s.shutdown(Shutdown::Write);
}
