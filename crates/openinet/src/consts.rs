//! Every WinINet constant, generated at build time from the C header
//! (`crates/openinet-capi/include/wininet.h`) by `build.rs`, so each value
//! is written exactly once. Use these instead of restating a number.
//!
//! Types: DWORD-range values are `u32`, negative values `i32` (or `i64`),
//! `INTERNET_SCHEME_*` enum constants `i32`. See `build.rs` for the rule.
#![allow(missing_docs, clippy::unreadable_literal)]

include!(concat!(env!("OUT_DIR"), "/consts.rs"));

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    #[test]
    fn sample_values_match_winnet() {
        assert_eq!(INTERNET_STATUS_REQUEST_COMPLETE, 100);
        assert_eq!(INTERNET_STATUS_HANDLE_CREATED, 60);
        assert_eq!(HTTP_QUERY_RAW_HEADERS_CRLF, 22);
        assert_eq!(HTTP_QUERY_FLAG_NUMBER, 0x2000_0000);
        assert_eq!(HTTP_QUERY_FLAG_REQUEST_HEADERS, 0x8000_0000);
        assert_eq!(ERROR_INTERNET_CANNOT_CONNECT, 12029);
        assert_eq!(ERROR_HTTP_HEADER_NOT_FOUND, 12150);
        assert_eq!(ERROR_IO_PENDING, 997);
        assert_eq!(INTERNET_FLAG_ASYNC, 0x1000_0000);
        assert_eq!(INTERNET_FLAG_RELOAD, 0x8000_0000);
        assert_eq!(INTERNET_FLAG_TRANSFER_BINARY, FTP_TRANSFER_TYPE_BINARY);
        assert_eq!(INTERNET_OPTION_SECURITY_FLAGS, 31);
        assert_eq!(SECURITY_FLAG_IGNORE_CERT_CN_INVALID, 0x1000);
        assert_eq!(INTERNET_DEFAULT_HTTPS_PORT, 443);
        assert_eq!(INTERNET_MAX_URL_LENGTH, 32 + 4 + 2048);
        assert_eq!(INTERNET_KEEP_ALIVE_UNKNOWN, u32::MAX);
        assert_eq!(INTERNET_OPTIONS_MASK, !INTERNET_FLAGS_MASK);
        assert_eq!(HTTP_QUERY_HEADER_MASK, 0x03FF_FFFF);
        assert_eq!(INTERNET_SCHEME_PARTIAL, -2);
        assert_eq!(INTERNET_SCHEME_HTTPS, 4);
        assert_eq!(INTERNET_SCHEME_LAST, INTERNET_SCHEME_RES);
        assert_eq!(INTERNET_RFC1123_BUFSIZE, 30);
    }

    /// Each engine error variant, by the header name of its code.
    const ERROR_NAMES: &[(Error, &str, u32)] = &[
        (
            Error::TooManyOpenFiles,
            "ERROR_TOO_MANY_OPEN_FILES",
            ERROR_TOO_MANY_OPEN_FILES,
        ),
        (
            Error::InvalidHandle,
            "ERROR_INVALID_HANDLE",
            ERROR_INVALID_HANDLE,
        ),
        (
            Error::NotEnoughMemory,
            "ERROR_NOT_ENOUGH_MEMORY",
            ERROR_NOT_ENOUGH_MEMORY,
        ),
        (
            Error::NoMoreFiles,
            "ERROR_NO_MORE_FILES",
            ERROR_NO_MORE_FILES,
        ),
        (
            Error::BadArguments,
            "ERROR_BAD_ARGUMENTS",
            ERROR_BAD_ARGUMENTS,
        ),
        (
            Error::FileNotFound,
            "ERROR_FILE_NOT_FOUND",
            ERROR_FILE_NOT_FOUND,
        ),
        (
            Error::AccessDenied,
            "ERROR_ACCESS_DENIED",
            ERROR_ACCESS_DENIED,
        ),
        (Error::FileExists, "ERROR_FILE_EXISTS", ERROR_FILE_EXISTS),
        (
            Error::FtpTransferInProgress,
            "ERROR_FTP_TRANSFER_IN_PROGRESS",
            ERROR_FTP_TRANSFER_IN_PROGRESS,
        ),
        (Error::FtpDropped, "ERROR_FTP_DROPPED", ERROR_FTP_DROPPED),
        (
            Error::FtpNoPassiveMode,
            "ERROR_FTP_NO_PASSIVE_MODE",
            ERROR_FTP_NO_PASSIVE_MODE,
        ),
        (
            Error::NotSupported,
            "ERROR_NOT_SUPPORTED",
            ERROR_NOT_SUPPORTED,
        ),
        (
            Error::InvalidParameter,
            "ERROR_INVALID_PARAMETER",
            ERROR_INVALID_PARAMETER,
        ),
        (
            Error::NotImplemented,
            "ERROR_CALL_NOT_IMPLEMENTED",
            ERROR_CALL_NOT_IMPLEMENTED,
        ),
        (
            Error::InsufficientBuffer,
            "ERROR_INSUFFICIENT_BUFFER",
            ERROR_INSUFFICIENT_BUFFER,
        ),
        (
            Error::NoMoreItems,
            "ERROR_NO_MORE_ITEMS",
            ERROR_NO_MORE_ITEMS,
        ),
        (Error::IoPending, "ERROR_IO_PENDING", ERROR_IO_PENDING),
        (
            Error::InvalidFlags,
            "ERROR_INVALID_FLAGS",
            ERROR_INVALID_FLAGS,
        ),
        (
            Error::OutOfHandles,
            "ERROR_INTERNET_OUT_OF_HANDLES",
            ERROR_INTERNET_OUT_OF_HANDLES,
        ),
        (
            Error::Timeout,
            "ERROR_INTERNET_TIMEOUT",
            ERROR_INTERNET_TIMEOUT,
        ),
        (
            Error::ExtendedError,
            "ERROR_INTERNET_EXTENDED_ERROR",
            ERROR_INTERNET_EXTENDED_ERROR,
        ),
        (
            Error::InternalError,
            "ERROR_INTERNET_INTERNAL_ERROR",
            ERROR_INTERNET_INTERNAL_ERROR,
        ),
        (
            Error::InvalidUrl,
            "ERROR_INTERNET_INVALID_URL",
            ERROR_INTERNET_INVALID_URL,
        ),
        (
            Error::UnrecognizedScheme,
            "ERROR_INTERNET_UNRECOGNIZED_SCHEME",
            ERROR_INTERNET_UNRECOGNIZED_SCHEME,
        ),
        (
            Error::NameNotResolved,
            "ERROR_INTERNET_NAME_NOT_RESOLVED",
            ERROR_INTERNET_NAME_NOT_RESOLVED,
        ),
        (
            Error::ProtocolNotFound,
            "ERROR_INTERNET_PROTOCOL_NOT_FOUND",
            ERROR_INTERNET_PROTOCOL_NOT_FOUND,
        ),
        (
            Error::InvalidOption,
            "ERROR_INTERNET_INVALID_OPTION",
            ERROR_INTERNET_INVALID_OPTION,
        ),
        (
            Error::BadOptionLength,
            "ERROR_INTERNET_BAD_OPTION_LENGTH",
            ERROR_INTERNET_BAD_OPTION_LENGTH,
        ),
        (
            Error::OptionNotSettable,
            "ERROR_INTERNET_OPTION_NOT_SETTABLE",
            ERROR_INTERNET_OPTION_NOT_SETTABLE,
        ),
        (
            Error::Shutdown,
            "ERROR_INTERNET_SHUTDOWN",
            ERROR_INTERNET_SHUTDOWN,
        ),
        (
            Error::IncorrectUserName,
            "ERROR_INTERNET_INCORRECT_USER_NAME",
            ERROR_INTERNET_INCORRECT_USER_NAME,
        ),
        (
            Error::IncorrectPassword,
            "ERROR_INTERNET_INCORRECT_PASSWORD",
            ERROR_INTERNET_INCORRECT_PASSWORD,
        ),
        (
            Error::LoginFailure,
            "ERROR_INTERNET_LOGIN_FAILURE",
            ERROR_INTERNET_LOGIN_FAILURE,
        ),
        (
            Error::InvalidOperation,
            "ERROR_INTERNET_INVALID_OPERATION",
            ERROR_INTERNET_INVALID_OPERATION,
        ),
        (
            Error::OperationCancelled,
            "ERROR_INTERNET_OPERATION_CANCELLED",
            ERROR_INTERNET_OPERATION_CANCELLED,
        ),
        (
            Error::IncorrectHandleType,
            "ERROR_INTERNET_INCORRECT_HANDLE_TYPE",
            ERROR_INTERNET_INCORRECT_HANDLE_TYPE,
        ),
        (
            Error::IncorrectHandleState,
            "ERROR_INTERNET_INCORRECT_HANDLE_STATE",
            ERROR_INTERNET_INCORRECT_HANDLE_STATE,
        ),
        (
            Error::NotProxyRequest,
            "ERROR_INTERNET_NOT_PROXY_REQUEST",
            ERROR_INTERNET_NOT_PROXY_REQUEST,
        ),
        (
            Error::ItemNotFound,
            "ERROR_INTERNET_ITEM_NOT_FOUND",
            ERROR_INTERNET_ITEM_NOT_FOUND,
        ),
        (
            Error::CannotConnect,
            "ERROR_INTERNET_CANNOT_CONNECT",
            ERROR_INTERNET_CANNOT_CONNECT,
        ),
        (
            Error::ConnectionAborted,
            "ERROR_INTERNET_CONNECTION_ABORTED",
            ERROR_INTERNET_CONNECTION_ABORTED,
        ),
        (
            Error::ConnectionReset,
            "ERROR_INTERNET_CONNECTION_RESET",
            ERROR_INTERNET_CONNECTION_RESET,
        ),
        (
            Error::ForceRetry,
            "ERROR_INTERNET_FORCE_RETRY",
            ERROR_INTERNET_FORCE_RETRY,
        ),
        (
            Error::InvalidProxyRequest,
            "ERROR_INTERNET_INVALID_PROXY_REQUEST",
            ERROR_INTERNET_INVALID_PROXY_REQUEST,
        ),
        (
            Error::HandleExists,
            "ERROR_INTERNET_HANDLE_EXISTS",
            ERROR_INTERNET_HANDLE_EXISTS,
        ),
        (
            Error::SecCertDateInvalid,
            "ERROR_INTERNET_SEC_CERT_DATE_INVALID",
            ERROR_INTERNET_SEC_CERT_DATE_INVALID,
        ),
        (
            Error::SecCertCnInvalid,
            "ERROR_INTERNET_SEC_CERT_CN_INVALID",
            ERROR_INTERNET_SEC_CERT_CN_INVALID,
        ),
        (
            Error::InvalidCa,
            "ERROR_INTERNET_INVALID_CA",
            ERROR_INTERNET_INVALID_CA,
        ),
        (
            Error::SecCertErrors,
            "ERROR_INTERNET_SEC_CERT_ERRORS",
            ERROR_INTERNET_SEC_CERT_ERRORS,
        ),
        (
            Error::SecCertRevFailed,
            "ERROR_INTERNET_SEC_CERT_REV_FAILED",
            ERROR_INTERNET_SEC_CERT_REV_FAILED,
        ),
        (
            Error::SecInvalidCert,
            "ERROR_INTERNET_SEC_INVALID_CERT",
            ERROR_INTERNET_SEC_INVALID_CERT,
        ),
        (
            Error::SecurityChannelError,
            "ERROR_INTERNET_SECURITY_CHANNEL_ERROR",
            ERROR_INTERNET_SECURITY_CHANNEL_ERROR,
        ),
        (
            Error::SecCertRevoked,
            "ERROR_INTERNET_SEC_CERT_REVOKED",
            ERROR_INTERNET_SEC_CERT_REVOKED,
        ),
        (
            Error::HttpHeaderNotFound,
            "ERROR_HTTP_HEADER_NOT_FOUND",
            ERROR_HTTP_HEADER_NOT_FOUND,
        ),
        (
            Error::HttpDownlevelServer,
            "ERROR_HTTP_DOWNLEVEL_SERVER",
            ERROR_HTTP_DOWNLEVEL_SERVER,
        ),
        (
            Error::HttpInvalidServerResponse,
            "ERROR_HTTP_INVALID_SERVER_RESPONSE",
            ERROR_HTTP_INVALID_SERVER_RESPONSE,
        ),
        (
            Error::HttpInvalidHeader,
            "ERROR_HTTP_INVALID_HEADER",
            ERROR_HTTP_INVALID_HEADER,
        ),
        (
            Error::HttpInvalidQueryRequest,
            "ERROR_HTTP_INVALID_QUERY_REQUEST",
            ERROR_HTTP_INVALID_QUERY_REQUEST,
        ),
        (
            Error::HttpHeaderAlreadyExists,
            "ERROR_HTTP_HEADER_ALREADY_EXISTS",
            ERROR_HTTP_HEADER_ALREADY_EXISTS,
        ),
        (
            Error::HttpRedirectFailed,
            "ERROR_HTTP_REDIRECT_FAILED",
            ERROR_HTTP_REDIRECT_FAILED,
        ),
        (
            Error::HttpNotRedirected,
            "ERROR_HTTP_NOT_REDIRECTED",
            ERROR_HTTP_NOT_REDIRECTED,
        ),
    ];

    #[test]
    fn every_error_code_is_the_headers_constant() {
        for &(err, name, value) in ERROR_NAMES {
            assert_eq!(err.code(), value, "{err:?} should be {name} ({value})");
        }
        // The table must name every variant: a new one needs its header name here.
        for e in Error::ALL {
            assert!(
                ERROR_NAMES.iter().any(|(v, _, _)| v == e),
                "{e:?} has no header name in ERROR_NAMES"
            );
        }
    }
}
