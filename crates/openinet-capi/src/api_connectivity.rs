//! Connection state and the error dialog: `InternetGetConnectedState(Ex)`,
//! `InternetCheckConnection`, `InternetAttemptConnect`, `DetectAutoProxyUrl`
//! and `InternetErrorDlg`.
//!
//! There is no dial-up and no window here: the machine is on a LAN when it
//! has a route to the Internet, and the error dialog answers as WinINet
//! does when asked for no UI (`FLAGS_ERROR_UI_FLAGS_NO_UI`), which is all
//! a program without a window can get.

use crate::ffi::*;
use crate::handles;
use crate::types::HWND;
use openinet::consts::*;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};

/// `ERROR_CANCELLED`: the user (here: nobody) declined the dialog.
const ERROR_CANCELLED: DWORD = 1223;
/// `ERROR_WINHTTP_AUTODETECTION_FAILED`: no proxy configuration was found.
const ERROR_WINHTTP_AUTODETECTION_FAILED: DWORD = 12180;
/// What Windows calls a LAN connection in `InternetGetConnectedStateEx`.
const LAN_NAME: &str = "LAN Connection";

/// True when the machine has a route to the Internet (IPv4 or IPv6).
/// Connecting a UDP socket only picks a route: nothing is sent.
fn online() -> bool {
    let probes: [(SocketAddr, SocketAddr); 2] = [
        (
            (Ipv4Addr::UNSPECIFIED, 0).into(),
            (Ipv4Addr::new(8, 8, 8, 8), 53).into(),
        ),
        (
            (Ipv6Addr::UNSPECIFIED, 0).into(),
            (
                Ipv6Addr::new(0x2001, 0x4860, 0x4860, 0, 0, 0, 0, 0x8888),
                53,
            )
                .into(),
        ),
    ];
    probes.iter().any(|(local, remote)| {
        UdpSocket::bind(local)
            .and_then(|s| s.connect(remote))
            .is_ok()
    })
}

/// `INTERNET_CONNECTION_*` flags now, and whether there is a connection.
fn connected_state() -> (DWORD, bool) {
    if online() {
        (INTERNET_CONNECTION_LAN | INTERNET_RAS_INSTALLED, true)
    } else {
        (INTERNET_RAS_INSTALLED, false)
    }
}

/// Copies as much of `name` as fits in `cap` units, always NUL-terminated
/// (WinINet truncates the connection name rather than failing).
///
/// # Safety
/// `buf` NULL or valid for `cap` units.
unsafe fn copy_truncated<U: CharUnit>(name: &str, buf: *mut U, cap: DWORD) {
    if buf.is_null() || cap == 0 {
        return;
    }
    let units = U::encode(name);
    let n = units.len().min(cap as usize - 1);
    // SAFETY: `n + 1 <= cap` units fit in `buf`.
    unsafe {
        std::ptr::copy_nonoverlapping(units.as_ptr(), buf, n);
        *buf.add(n) = U::default();
    }
}

/// # Safety
/// `flags` NULL or valid; `name` NULL or valid for `cap` units.
unsafe fn get_connected_state<U: CharUnit>(
    flags: LPDWORD,
    name: *mut U,
    cap: DWORD,
    reserved: DWORD,
) -> Result<BOOL, openinet::Error> {
    if reserved != 0 {
        return Err(openinet::Error::InvalidParameter);
    }
    let (state, connected) = connected_state();
    // SAFETY: the caller's pointers, per the API.
    unsafe {
        put_dword(flags, state);
        copy_truncated(if connected { LAN_NAME } else { "" }, name, cap);
    }
    // Offline is not an error: the last error says success (Wine's
    // internet.c, checked on Windows).
    set_last_error(0);
    Ok(if connected {
        crate::ffi::TRUE
    } else {
        crate::ffi::FALSE
    })
}

#[no_mangle]
pub unsafe extern "C" fn InternetGetConnectedState(flags: LPDWORD, reserved: DWORD) -> BOOL {
    // SAFETY: per the API.
    boundary(|| unsafe { get_connected_state::<u8>(flags, std::ptr::null_mut(), 0, reserved) })
}

#[no_mangle]
pub unsafe extern "C" fn InternetGetConnectedStateExA(
    flags: LPDWORD,
    name: LPSTR,
    name_len: DWORD,
    reserved: DWORD,
) -> BOOL {
    // SAFETY: per the API.
    boundary(|| unsafe { get_connected_state(flags, name as *mut u8, name_len, reserved) })
}

#[no_mangle]
pub unsafe extern "C" fn InternetGetConnectedStateExW(
    flags: LPDWORD,
    name: LPWSTR,
    name_len: DWORD,
    reserved: DWORD,
) -> BOOL {
    // SAFETY: per the API.
    boundary(|| unsafe { get_connected_state(flags, name, name_len, reserved) })
}

#[no_mangle]
pub unsafe extern "C" fn InternetGetConnectedStateEx(
    flags: LPDWORD,
    name: LPSTR,
    name_len: DWORD,
    reserved: DWORD,
) -> BOOL {
    // SAFETY: the A form, per the API.
    unsafe { InternetGetConnectedStateExA(flags, name, name_len, reserved) }
}

/// `ERROR_NOT_CONNECTED`: InternetCheckConnection could not reach the host.
const ERROR_NOT_CONNECTED: DWORD = 2250;
/// How long InternetCheckConnection tries to connect.
const CHECK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// `InternetCheckConnection`: whether a connection to the URL's host can
/// be made. Windows "pings" the host (a socket connection under
/// FLAG_ICC_FORCE_CONNECTION); OpenINet makes the TCP connection to the
/// URL's port either way, since an ICMP ping needs privileges here. With
/// no URL, WinINet uses the nearest server of its server database;
/// OpenINet keeps none, so that is ERROR_NOT_CONNECTED, as Microsoft
/// documents for a connection that cannot be made.
fn check_connection(url: Option<String>, reserved: DWORD) -> Result<BOOL, openinet::Error> {
    if reserved != 0 {
        return Err(openinet::Error::InvalidParameter);
    }
    let reached = url.is_some_and(|url| {
        let Ok(parts) = openinet::url::crack(&url, 0) else {
            return false;
        };
        let Some(range) = parts.host.range.clone() else {
            return false;
        };
        let host = parts
            .host
            .text
            .as_deref()
            .map(|t| String::from_utf8_lossy(t).into_owned())
            .unwrap_or_else(|| url[range].to_string());
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        std::net::ToSocketAddrs::to_socket_addrs(&(host.as_str(), parts.port))
            .map(|addrs| {
                addrs
                    .into_iter()
                    .any(|a| std::net::TcpStream::connect_timeout(&a, CHECK_TIMEOUT).is_ok())
            })
            .unwrap_or(false)
    });
    if reached {
        ok_true()
    } else {
        set_last_error(ERROR_NOT_CONNECTED);
        Ok(crate::ffi::FALSE)
    }
}

#[no_mangle]
pub unsafe extern "C" fn InternetCheckConnectionA(
    url: LPCSTR,
    _flags: DWORD,
    reserved: DWORD,
) -> BOOL {
    // SAFETY: NULL or a NUL-terminated string, per the API.
    boundary(|| check_connection(unsafe { opt_str_a(url) }, reserved))
}

#[no_mangle]
pub unsafe extern "C" fn InternetCheckConnectionW(
    url: LPCWSTR,
    _flags: DWORD,
    reserved: DWORD,
) -> BOOL {
    // SAFETY: NULL or a NUL-terminated string, per the API.
    boundary(|| check_connection(unsafe { opt_str_w(url) }, reserved))
}

/// `InternetAttemptConnect`: on a LAN there is nothing to dial; success.
#[no_mangle]
pub extern "C" fn InternetAttemptConnect(_reserved: DWORD) -> DWORD {
    0
}

/// `DetectAutoProxyUrl`: WPAD discovery. By DNS, the name `wpad` (which
/// the resolver completes with the machine's search domains) resolving
/// means its `wpad.dat` is the configuration; DHCP's WPAD option cannot be
/// read on Linux or macOS, so that method finds nothing.
#[no_mangle]
pub unsafe extern "C" fn DetectAutoProxyUrl(url: LPSTR, url_len: DWORD, detect: DWORD) -> BOOL {
    boundary(|| {
        if url.is_null() || url_len == 0 {
            return Err(openinet::Error::InvalidParameter);
        }
        // SAFETY: `url` holds `url_len` bytes, per the API.
        unsafe { *url = 0 };
        let found = detect & PROXY_AUTO_DETECT_TYPE_DNS_A != 0
            && std::net::ToSocketAddrs::to_socket_addrs(&("wpad", 80))
                .is_ok_and(|mut a| a.next().is_some());
        if !found {
            set_last_error(ERROR_WINHTTP_AUTODETECTION_FAILED);
            return Ok(crate::ffi::FALSE);
        }
        let mut len = url_len;
        // SAFETY: `url` holds `url_len` bytes.
        unsafe { copy_out_str(b"http://wpad/wpad.dat", url as *mut u8, &mut len)? };
        ok_true()
    })
}

/// What `InternetErrorDlg` answers for `error` without UI, as Windows 10
/// does (Wine's internet.c table, checked on Windows); `None` for errors
/// it has no dialog for.
fn dialog_answer(error: DWORD) -> Option<DWORD> {
    Some(match error {
        ERROR_INTERNET_INCORRECT_PASSWORD
        | ERROR_INTERNET_HTTP_TO_HTTPS_ON_REDIR
        | ERROR_INTERNET_HTTPS_TO_HTTP_ON_REDIR
        | ERROR_INTERNET_CHG_POST_IS_NON_SECURE
        | ERROR_INTERNET_POST_IS_NON_SECURE => 0,
        ERROR_HTTP_COOKIE_NEEDS_CONFIRMATION => ERROR_HTTP_COOKIE_DECLINED,
        ERROR_INTERNET_SEC_CERT_DATE_INVALID
        | ERROR_INTERNET_SEC_CERT_CN_INVALID
        | ERROR_INTERNET_MIXED_SECURITY
        | ERROR_INTERNET_CLIENT_AUTH_CERT_NEEDED
        | ERROR_INTERNET_INVALID_CA
        | ERROR_INTERNET_HTTPS_HTTP_SUBMIT_REDIR
        | ERROR_INTERNET_SEC_CERT_ERRORS
        | ERROR_INTERNET_SEC_CERT_REV_FAILED
        | ERROR_INTERNET_BAD_AUTO_PROXY_SCRIPT
        | ERROR_INTERNET_UNABLE_TO_DOWNLOAD_SCRIPT
        | ERROR_HTTP_REDIRECT_NEEDS_CONFIRMATION
        | ERROR_INTERNET_SEC_CERT_REVOKED
        | ERROR_INTERNET_SEC_CERT_WEAK_SIGNATURE => ERROR_CANCELLED,
        _ => return None,
    })
}

/// `InternetErrorDlg`, answered without a window.
#[no_mangle]
pub extern "C" fn InternetErrorDlg(
    hwnd: HWND,
    request: HINTERNET,
    error: DWORD,
    flags: DWORD,
    _data: *mut LPVOID,
) -> DWORD {
    boundary(|| {
        // A dialog needs a parent window unless no UI is asked for.
        if hwnd.is_null() && flags & FLAGS_ERROR_UI_FLAGS_NO_UI == 0 {
            return Ok(ERROR_INVALID_HANDLE);
        }
        // Windows has no CD-ROM prompt any more.
        if error == ERROR_INTERNET_INSERT_CDROM {
            return Ok(ERROR_CALL_NOT_IMPLEMENTED);
        }
        if !request.is_null() && handles::get(request).is_err() {
            return Ok(ERROR_INVALID_HANDLE);
        }
        // These dialogs act on the request (credentials, a certificate).
        let needs_request = matches!(
            error,
            ERROR_INTERNET_INCORRECT_PASSWORD | ERROR_INTERNET_CLIENT_AUTH_CERT_NEEDED
        );
        if request.is_null() && needs_request {
            return Ok(ERROR_INVALID_PARAMETER);
        }
        Ok(match dialog_answer(error) {
            Some(answer) => answer,
            // Errors without a dialog pass the filter untouched.
            None if flags & FLAGS_ERROR_UI_FILTER_FOR_ERRORS != 0 => 0,
            None => ERROR_CANCELLED,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_connection_connects_to_the_urls_port() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let url = format!("http://127.0.0.1:{port}/x");
        assert_eq!(check_connection(Some(url), 0), Ok(crate::ffi::TRUE));
        drop(listener);
        let url = format!("http://127.0.0.1:{port}/x");
        assert_eq!(check_connection(Some(url), 0), Ok(crate::ffi::FALSE));
        assert_eq!(crate::ffi::last_error(), ERROR_NOT_CONNECTED);
        assert_eq!(check_connection(None, 0), Ok(crate::ffi::FALSE));
        assert_eq!(crate::ffi::last_error(), ERROR_NOT_CONNECTED);
        assert_eq!(
            check_connection(Some("http://127.0.0.1/".into()), 1),
            Err(openinet::Error::InvalidParameter)
        );
    }

    #[test]
    fn a_truncated_name_keeps_its_nul() {
        let mut buf = [b'z'; 8];
        // SAFETY: `buf` holds 8 bytes.
        unsafe { copy_truncated::<u8>(LAN_NAME, buf.as_mut_ptr(), 4) };
        assert_eq!(&buf[..5], b"LAN\0z");
        // SAFETY: as above.
        unsafe { copy_truncated::<u8>(LAN_NAME, buf.as_mut_ptr(), 1) };
        assert_eq!(buf[0], 0);
        buf[0] = b'q';
        // SAFETY: nothing is written with no room.
        unsafe { copy_truncated::<u8>(LAN_NAME, buf.as_mut_ptr(), 0) };
        assert_eq!(buf[0], b'q');
    }

    #[test]
    fn the_error_dialog_answers_without_ui() {
        let no_ui = FLAGS_ERROR_UI_FLAGS_NO_UI;
        let dlg =
            |req, err, flags| InternetErrorDlg(1 as HWND, req, err, flags, std::ptr::null_mut());
        let null = std::ptr::null_mut();
        assert_eq!(
            InternetErrorDlg(
                null,
                null,
                ERROR_INTERNET_SEC_CERT_ERRORS,
                0,
                std::ptr::null_mut()
            ),
            ERROR_INVALID_HANDLE
        );
        assert_eq!(
            dlg(0xdead_beef as HINTERNET, ERROR_INTERNET_INVALID_CA, no_ui),
            ERROR_INVALID_HANDLE
        );
        assert_eq!(dlg(null, ERROR_INTERNET_INVALID_CA, no_ui), ERROR_CANCELLED);
        assert_eq!(
            dlg(null, ERROR_INTERNET_INCORRECT_PASSWORD, no_ui),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(
            dlg(null, ERROR_INTERNET_INSERT_CDROM, no_ui),
            ERROR_CALL_NOT_IMPLEMENTED
        );
        assert_eq!(dlg(null, ERROR_INTERNET_TIMEOUT, no_ui), ERROR_CANCELLED);
        let filter = no_ui | FLAGS_ERROR_UI_FILTER_FOR_ERRORS;
        assert_eq!(dlg(null, ERROR_INTERNET_TIMEOUT, filter), 0);
        assert_eq!(dlg(null, 0xdead_beef, filter), 0);
        assert_eq!(
            dlg(null, ERROR_HTTP_COOKIE_NEEDS_CONFIRMATION, filter),
            ERROR_HTTP_COOKIE_DECLINED
        );
    }
}
