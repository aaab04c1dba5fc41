//! The certificate options of `InternetQueryOption` on a request handle:
//! `INTERNET_OPTION_SECURITY_CERTIFICATE_STRUCT` (`INTERNET_CERTIFICATE_INFO`),
//! `INTERNET_OPTION_SECURITY_CERTIFICATE` (the same as text),
//! `INTERNET_OPTION_SECURITY_KEY_BITNESS` and
//! `INTERNET_OPTION_SERVER_CERT_CHAIN_CONTEXT`, laid out from what the
//! engine kept of the server's certificate (`openinet::ServerCertificate`).
//!
//! Windows facts (Wine's http.c test_secure_connection, test_security_flags,
//! test_cert_string, test_http_connection: asserted on Windows), and Wine's
//! own answers where Windows is not asserted (a mingw program against a
//! local `openssl s_server` under Wine 8):
//! - The struct comes back with ANSI strings through `InternetQueryOptionW`
//!   too (Microsoft's INTERNET_CERTIFICATE_INFO page says so: the structure
//!   is not Unicode-aware, whatever the header's W name suggests), and the
//!   text as ANSI bytes of the same length from A and W.
//! - The strings are the caller's, freed with `LocalFree` (here `free`).
//!   Protocol, signature and encryption names are NULL; `dwKeySize` is the
//!   cipher's strength (128 to 256), 0 after a refused certificate (Wine).
//! - A struct buffer smaller than the struct (or NULL) is
//!   `ERROR_INSUFFICIENT_BUFFER` with the struct's size; the text's too
//!   small buffer is `ERROR_INSUFFICIENT_BUFFER` with the size set to 1,
//!   the buffer untouched; the text's length excludes the NUL.
//! - The text is `Subject:`, `Issuer:`, the two dates (the user locale's
//!   short date and time of the UTC FILETIME; en-US here), and
//!   `Security Protocol:`, `Signature Type:`, `Encryption Type:` printing
//!   the struct's NULL names as `(null)`, then `Privacy Strength:` High
//!   (128 bits or more) or Low with the bits.
//! - No certificate (a plain request, or an https one not sent yet):
//!   `ERROR_INTERNET_INVALID_OPERATION`, the text's size set to 0 (Windows)
//!   and the struct's left alone (Wine); the chain is
//!   `ERROR_INTERNET_INCORRECT_HANDLE_STATE`. Other handles:
//!   `ERROR_INTERNET_INCORRECT_HANDLE_TYPE`.
//! - After a send that failed on the certificate, the struct and text
//!   describe the refused certificate (test_security_flags).

use crate::ffi::*;
use crate::handles::Handle;
use crate::types::FILETIME;
use openinet::consts::*;
use openinet::{Error, ServerCertificate};

/// Whether `option` is one of this module's.
pub(crate) fn handles(option: DWORD) -> bool {
    matches!(
        option,
        INTERNET_OPTION_SECURITY_CERTIFICATE
            | INTERNET_OPTION_SECURITY_CERTIFICATE_STRUCT
            | INTERNET_OPTION_SECURITY_KEY_BITNESS
            | INTERNET_OPTION_SERVER_CERT_CHAIN_CONTEXT
    )
}

/// `INTERNET_CERTIFICATE_INFOA` (also what the W query returns).
#[repr(C)]
struct CertificateInfo {
    expiry: FILETIME,
    start: FILETIME,
    subject: *mut u8,
    issuer: *mut u8,
    protocol: *mut u8,
    signature_alg: *mut u8,
    encryption_alg: *mut u8,
    key_size: DWORD,
}

/// Answers one of this module's options for `h`.
///
/// # Safety
/// `len` valid; `buffer` NULL or valid for `*len` bytes.
pub(crate) unsafe fn query(
    h: &Handle,
    option: DWORD,
    buffer: LPVOID,
    len: LPDWORD,
) -> Result<(), Error> {
    let request = h.request()?;
    let cert = request
        .try_lock()
        .map_err(|_| Error::IncorrectHandleState)?
        .server_certificate();
    match option {
        INTERNET_OPTION_SECURITY_CERTIFICATE_STRUCT => {
            let cert = cert.ok_or(Error::InvalidOperation)?;
            // SAFETY: forwarded.
            unsafe { write_struct(&cert, buffer, len) }
        }
        INTERNET_OPTION_SECURITY_CERTIFICATE => {
            let Some(cert) = cert else {
                // SAFETY: `len` valid.
                unsafe { *len = 0 };
                return Err(Error::InvalidOperation);
            };
            // SAFETY: forwarded.
            unsafe { write_text(&text(&cert), buffer, len) }
        }
        INTERNET_OPTION_SECURITY_KEY_BITNESS => {
            // Documented as the key's bit size; not asserted on Windows by
            // Wine's tests (Wine answers INCORRECT_HANDLE_TYPE). Given once a
            // session is established, as the struct's dwKeySize.
            let bits = cert
                .filter(|c| c.protocol.is_some())
                .ok_or(Error::InvalidOperation)?
                .cipher_bits;
            // SAFETY: forwarded.
            unsafe { write_fixed(&bits.to_ne_bytes(), buffer, len) }
        }
        _ => {
            // INTERNET_OPTION_SERVER_CERT_CHAIN_CONTEXT: a CryptoAPI
            // CERT_CHAIN_CONTEXT (decoded CERT_INFOs, trust statuses, a
            // store) the caller frees with CertFreeCertificateChain, which
            // no Linux library provides. With a certificate, the answer is
            // the one of a WinINet without this option (IE7 and earlier:
            // ERROR_INTERNET_INCORRECT_HANDLE_TYPE, which Wine's
            // test_secure_connection accepts on Windows).
            match cert {
                None => Err(Error::IncorrectHandleState),
                Some(_) => Err(Error::IncorrectHandleType),
            }
        }
    }
}

/// A Unix time as a FILETIME (100 ns since 1601); times before 1601 are 0.
fn filetime(unix_secs: i64) -> FILETIME {
    const EPOCH_DIFF_SECS: i64 = 11_644_473_600;
    let t = u64::try_from(unix_secs.saturating_add(EPOCH_DIFF_SECS))
        .unwrap_or(0)
        .saturating_mul(10_000_000);
    FILETIME {
        dwLowDateTime: t as DWORD,
        dwHighDateTime: (t >> 32) as DWORD,
    }
}

/// `s` as a `malloc`ed NUL-terminated string (freed with LocalFree).
fn malloc_str(s: &str) -> Result<*mut u8, Error> {
    let bytes = s.as_bytes();
    // SAFETY: malloc of a positive size; NULL is checked.
    let p = unsafe { libc::malloc(bytes.len() + 1) } as *mut u8;
    if p.is_null() {
        return Err(Error::NotEnoughMemory);
    }
    // SAFETY: `p` holds `bytes.len() + 1` bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len());
        *p.add(bytes.len()) = 0;
    }
    Ok(p)
}

/// Writes `bytes` when they fit; else `ERROR_INSUFFICIENT_BUFFER`. The
/// size needed is reported either way.
///
/// # Safety
/// `len` valid; `buffer` NULL or valid for `*len` bytes.
unsafe fn write_fixed(bytes: &[u8], buffer: LPVOID, len: LPDWORD) -> Result<(), Error> {
    // SAFETY: `len` valid.
    let cap = unsafe { *len } as usize;
    // SAFETY: `len` valid.
    unsafe { *len = bytes.len() as DWORD };
    if buffer.is_null() || cap < bytes.len() {
        return Err(Error::InsufficientBuffer);
    }
    // SAFETY: `buffer` holds at least `bytes.len()` bytes (checked).
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer as *mut u8, bytes.len()) };
    Ok(())
}

/// # Safety
/// `len` valid; `buffer` NULL or valid for `*len` bytes.
unsafe fn write_struct(
    cert: &ServerCertificate,
    buffer: LPVOID,
    len: LPDWORD,
) -> Result<(), Error> {
    let size = std::mem::size_of::<CertificateInfo>();
    // SAFETY: `len` valid.
    let cap = unsafe { *len } as usize;
    // SAFETY: `len` valid.
    unsafe { *len = size as DWORD };
    if buffer.is_null() || cap < size {
        return Err(Error::InsufficientBuffer);
    }
    let subject = malloc_str(&cert.subject)?;
    let issuer = match malloc_str(&cert.issuer) {
        Ok(p) => p,
        Err(e) => {
            // SAFETY: `subject` came from malloc and was not handed out.
            unsafe { libc::free(subject.cast()) };
            return Err(e);
        }
    };
    let info = CertificateInfo {
        expiry: filetime(cert.not_after),
        start: filetime(cert.not_before),
        subject,
        issuer,
        protocol: std::ptr::null_mut(),
        signature_alg: std::ptr::null_mut(),
        encryption_alg: std::ptr::null_mut(),
        key_size: cert.cipher_bits,
    };
    // SAFETY: `buffer` holds `size` bytes (checked); unaligned write, as a
    // caller's byte buffer may be anywhere.
    unsafe { std::ptr::write_unaligned(buffer as *mut CertificateInfo, info) };
    Ok(())
}

/// # Safety
/// `len` valid; `buffer` NULL or valid for `*len` bytes.
unsafe fn write_text(text: &str, buffer: LPVOID, len: LPDWORD) -> Result<(), Error> {
    let bytes = text.as_bytes();
    // SAFETY: `len` valid.
    let cap = unsafe { *len } as usize;
    if buffer.is_null() || cap <= bytes.len() {
        // Windows reports 1, not the size needed (test_security_flags).
        // SAFETY: `len` valid.
        unsafe { *len = 1 };
        return Err(Error::InsufficientBuffer);
    }
    // SAFETY: `buffer` holds more than `bytes.len()` bytes (checked).
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), buffer as *mut u8, bytes.len());
        *(buffer as *mut u8).add(bytes.len()) = 0;
        *len = bytes.len() as DWORD;
    }
    Ok(())
}

/// `INTERNET_OPTION_SECURITY_CERTIFICATE`'s text.
fn text(cert: &ServerCertificate) -> String {
    let strength = if cert.cipher_bits >= 128 {
        "High"
    } else {
        "Low"
    };
    format!(
        "Subject:\r\n{}\r\nIssuer:\r\n{}\r\nEffective Date:\t{}\r\nExpiration Date:\t{}\r\n\
         Security Protocol:\t(null)\r\nSignature Type:\t(null)\r\nEncryption Type:\t(null)\r\n\
         Privacy Strength:\t{strength} ({} bits)",
        cert.subject,
        cert.issuer,
        date_time(cert.not_before),
        date_time(cert.not_after),
        cert.cipher_bits
    )
}

/// A UTC time as en-US's short date and time (`GetDateFormat` /
/// `GetTimeFormat` with the user locale's defaults): `12/7/2026 2:13:36 AM`.
/// OpenINet has no Windows locale; en-US is the one Wine's tests expect.
fn date_time(unix_secs: i64) -> String {
    let t = openinet::time::from_unix(u64::try_from(unix_secs).unwrap_or(0), 0);
    let hour12 = match t.hour % 12 {
        0 => 12,
        h => h,
    };
    let marker = if t.hour < 12 { "AM" } else { "PM" };
    format!(
        "{}/{}/{:04} {hour12}:{:02}:{:02} {marker}",
        t.month, t.day, t.year, t.minute, t.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ServerCertificate {
        ServerCertificate {
            subject: "US\r\nMinnesota\r\nx".into(),
            issuer: "CA".into(),
            not_before: 1_796_609_616, // 2026-12-07 02:13:36 UTC
            not_after: 4_102_444_799,  // 2099-12-31 23:59:59 UTC
            cipher_bits: 256,
            protocol: Some("TLS 1.3"),
            cipher_suite: None,
            chain: vec![],
        }
    }

    #[test]
    fn the_struct_is_64_bytes_as_on_x64_windows() {
        assert_eq!(std::mem::size_of::<CertificateInfo>(), 64);
    }

    #[test]
    fn filetimes_count_from_1601() {
        let ft = filetime(1_796_609_616);
        // Wine reported 0x01dd85f0_90dc8800 for this notBefore.
        assert_eq!(
            (ft.dwHighDateTime, ft.dwLowDateTime),
            (0x01dd_85f0, 0x90dc_8800)
        );
        assert_eq!(filetime(-20_000_000_000).dwHighDateTime, 0);
    }

    #[test]
    fn the_text_lists_the_fields_as_windows_does() {
        let t = text(&sample());
        assert_eq!(
            t,
            "Subject:\r\nUS\r\nMinnesota\r\nx\r\nIssuer:\r\nCA\r\n\
             Effective Date:\t12/7/2026 2:13:36 AM\r\n\
             Expiration Date:\t12/31/2099 11:59:59 PM\r\n\
             Security Protocol:\t(null)\r\nSignature Type:\t(null)\r\n\
             Encryption Type:\t(null)\r\nPrivacy Strength:\tHigh (256 bits)"
        );
        let refused = ServerCertificate {
            cipher_bits: 0,
            ..sample()
        };
        assert!(text(&refused).ends_with("Privacy Strength:\tLow (0 bits)"));
    }
}
