//! curl's exit codes for what went wrong, so scripts written for curl read
//! `inet`'s status the same way. The table in `inet --help` lists them.

use openinet::consts::*;

pub const OK: u8 = 0;
/// Unsupported protocol, and failures curl has no closer number for.
pub const FAILURE: u8 = 1;
pub const USAGE: u8 = 2;
pub const MALFORMED_URL: u8 = 3;
/// A proxy setting (`-x`, `http_proxy`, ...) that cannot be used.
pub const PROXY: u8 = 5;
pub const RESOLVE: u8 = 6;
pub const CONNECT: u8 = 7;
pub const WEIRD_REPLY: u8 = 8;
/// FTP: the server refused to enter the directory (CWD).
pub const REMOTE_ACCESS_DENIED: u8 = 9;
/// FTP: the server refused RETR for another reason than a missing file.
pub const FTP_RETR_FAILED: u8 = 19;
pub const HTTP_ERROR: u8 = 22;
pub const WRITE_ERROR: u8 = 23;
/// FTP: the server refused the upload (STOR).
pub const UPLOAD_FAILED: u8 = 25;
pub const READ_ERROR: u8 = 26;
pub const TIMEOUT: u8 = 28;
pub const RANGE_ERROR: u8 = 33;
pub const TLS_CONNECT: u8 = 35;
pub const TOO_MANY_REDIRECTS: u8 = 47;
pub const RECV_ERROR: u8 = 56;
pub const PEER_CERT: u8 = 60;
/// FTP: the user name or password was refused (ERROR_INTERNET_LOGIN_FAILURE).
pub const LOGIN_DENIED: u8 = 67;
/// FTP: no such file (550 to RETR or SIZE).
pub const REMOTE_FILE_NOT_FOUND: u8 = 78;

/// The exit code for a WinINet error code.
pub fn for_error(code: u32) -> u8 {
    match code {
        ERROR_INTERNET_UNRECOGNIZED_SCHEME => FAILURE,
        ERROR_INTERNET_INVALID_URL => MALFORMED_URL,
        ERROR_INTERNET_NAME_NOT_RESOLVED => RESOLVE,
        ERROR_INTERNET_CANNOT_CONNECT => CONNECT,
        ERROR_HTTP_INVALID_SERVER_RESPONSE => WEIRD_REPLY,
        ERROR_INTERNET_TIMEOUT => TIMEOUT,
        ERROR_INTERNET_LOGIN_FAILURE => LOGIN_DENIED,
        ERROR_INTERNET_SECURITY_CHANNEL_ERROR => TLS_CONNECT,
        ERROR_HTTP_REDIRECT_FAILED => TOO_MANY_REDIRECTS,
        ERROR_INTERNET_CONNECTION_ABORTED | ERROR_INTERNET_CONNECTION_RESET => RECV_ERROR,
        ERROR_INTERNET_INVALID_CA
        | ERROR_INTERNET_SEC_CERT_DATE_INVALID
        | ERROR_INTERNET_SEC_CERT_CN_INVALID
        | ERROR_INTERNET_SEC_INVALID_CERT
        | ERROR_INTERNET_SEC_CERT_ERRORS
        | ERROR_INTERNET_SEC_CERT_REVOKED
        | ERROR_INTERNET_SEC_CERT_REV_FAILED
        | ERROR_INTERNET_SEC_CERT_NO_REV
        | ERROR_INTERNET_SEC_CERT_WEAK_SIGNATURE => PEER_CERT,
        _ => FAILURE,
    }
}

/// Whether `--retry` tries again after this error (curl's transient ones).
pub fn is_transient_error(code: u32) -> bool {
    matches!(
        code,
        ERROR_INTERNET_TIMEOUT | ERROR_INTERNET_NAME_NOT_RESOLVED
    )
}

/// Whether `--retry` tries again after this HTTP status.
pub fn is_transient_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curls_numbers() {
        assert_eq!(for_error(12007), 6);
        assert_eq!(for_error(12029), 7);
        assert_eq!(for_error(12002), 28);
        assert_eq!(for_error(12157), 35);
        assert_eq!(for_error(12156), 47);
        assert_eq!(for_error(12045), 60);
        assert_eq!(for_error(12037), 60);
        assert_eq!(for_error(12038), 60);
        assert_eq!(for_error(12006), 1);
        assert_eq!(for_error(12005), 3);
        assert_eq!(for_error(12031), 56);
        assert_eq!(for_error(120), 1);
        assert_eq!(for_error(12015), 67);
    }

    #[test]
    fn transient_failures() {
        assert!(is_transient_error(12002));
        assert!(
            !is_transient_error(12029),
            "curl retries a refused connection only when asked"
        );
        assert!(is_transient_status(503) && is_transient_status(429));
        assert!(!is_transient_status(404) && !is_transient_status(501));
    }
}
