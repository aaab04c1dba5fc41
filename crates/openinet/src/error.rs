//! The engine's one error type. Each variant is one WinINet error code;
//! [`Error::code`] is the only place that maps them.

use std::fmt;

/// An error of a WinINet operation.
///
/// Each variant's doc names its WinINet code and what triggers it. The
/// mapping is one-to-one: [`Error::from_code`] inverts [`Error::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// `ERROR_INVALID_HANDLE` (6): a handle that is not open (never was, or closed).
    InvalidHandle,
    /// `ERROR_TOO_MANY_OPEN_FILES` (4): the process (EMFILE) or the system
    /// (ENFILE) has no descriptor left for a new socket. Win32's code for
    /// running out of handles, and the one the C runtime maps to and from
    /// `EMFILE`; a refused connection (12029) would send the caller
    /// looking for a server that is in fact up.
    TooManyOpenFiles,
    /// `ERROR_NOT_ENOUGH_MEMORY` (8).
    NotEnoughMemory,
    /// `ERROR_NO_MORE_FILES` (18): an enumeration has nothing more.
    NoMoreFiles,
    /// `ERROR_FILE_NOT_FOUND` (2): a local file to upload does not exist.
    FileNotFound,
    /// `ERROR_ACCESS_DENIED` (5): a local file cannot be opened or written.
    AccessDenied,
    /// `ERROR_FILE_EXISTS` (80): FtpGetFile's fail-if-exists found the local file.
    FileExists,
    /// `ERROR_NOT_SUPPORTED` (50).
    NotSupported,
    /// `ERROR_BAD_ARGUMENTS` (160): a value out of range where WinINet says
    /// so (`INTERNET_OPTION_MAX_CONNS_PER_SERVER` of 0).
    BadArguments,
    /// `ERROR_INVALID_PARAMETER` (87): a NULL or out-of-range argument.
    InvalidParameter,
    /// `ERROR_CALL_NOT_IMPLEMENTED` (120): not implemented in OpenINet yet.
    NotImplemented,
    /// `ERROR_INSUFFICIENT_BUFFER` (122): the caller's buffer is too small; the needed size is reported beside.
    InsufficientBuffer,
    /// `ERROR_NO_MORE_ITEMS` (259).
    NoMoreItems,
    /// `ERROR_IO_PENDING` (997): the operation goes on and completes through `REQUEST_COMPLETE`.
    IoPending,
    /// `ERROR_INVALID_FLAGS` (1004).
    InvalidFlags,
    /// `ERROR_INTERNET_OUT_OF_HANDLES` (12001): the handle table is full.
    OutOfHandles,
    /// `ERROR_INTERNET_TIMEOUT` (12002): a connect, send or receive timeout expired.
    Timeout,
    /// `ERROR_INTERNET_EXTENDED_ERROR` (12003): the server sent text; see `InternetGetLastResponseInfo`.
    ExtendedError,
    /// `ERROR_INTERNET_INTERNAL_ERROR` (12004): a bug in OpenINet (a caught panic, a broken invariant).
    InternalError,
    /// `ERROR_INTERNET_INVALID_URL` (12005): the URL cannot be parsed.
    InvalidUrl,
    /// `ERROR_INTERNET_UNRECOGNIZED_SCHEME` (12006): the URL's scheme is unknown or unsupported here.
    UnrecognizedScheme,
    /// `ERROR_INTERNET_NAME_NOT_RESOLVED` (12007): the host name does not resolve.
    NameNotResolved,
    /// `ERROR_INTERNET_PROTOCOL_NOT_FOUND` (12008).
    ProtocolNotFound,
    /// `ERROR_INTERNET_INVALID_OPTION` (12009): an unknown option number.
    InvalidOption,
    /// `ERROR_INTERNET_BAD_OPTION_LENGTH` (12010): an option buffer of the wrong size.
    BadOptionLength,
    /// `ERROR_INTERNET_OPTION_NOT_SETTABLE` (12011): a read-only option.
    OptionNotSettable,
    /// `ERROR_INTERNET_SHUTDOWN` (12012).
    Shutdown,
    /// `ERROR_INTERNET_INCORRECT_USER_NAME` (12013).
    IncorrectUserName,
    /// `ERROR_INTERNET_INCORRECT_PASSWORD` (12014).
    IncorrectPassword,
    /// `ERROR_INTERNET_LOGIN_FAILURE` (12015).
    LoginFailure,
    /// `ERROR_INTERNET_INVALID_OPERATION` (12016): the operation makes no sense in this state.
    InvalidOperation,
    /// `ERROR_INTERNET_OPERATION_CANCELLED` (12017): the handle was closed while the operation was pending.
    OperationCancelled,
    /// `ERROR_INTERNET_INCORRECT_HANDLE_TYPE` (12018): a valid handle of the wrong kind.
    IncorrectHandleType,
    /// `ERROR_INTERNET_INCORRECT_HANDLE_STATE` (12019): e.g. reading before the request was sent.
    IncorrectHandleState,
    /// `ERROR_INTERNET_NOT_PROXY_REQUEST` (12020).
    NotProxyRequest,
    /// `ERROR_INTERNET_ITEM_NOT_FOUND` (12028).
    ItemNotFound,
    /// `ERROR_INTERNET_CANNOT_CONNECT` (12029): the connection was refused or could not be made.
    CannotConnect,
    /// `ERROR_INTERNET_CONNECTION_ABORTED` (12030): the connection ended before the response did.
    ConnectionAborted,
    /// `ERROR_INTERNET_CONNECTION_RESET` (12031): the peer reset the connection.
    ConnectionReset,
    /// `ERROR_INTERNET_FORCE_RETRY` (12032).
    ForceRetry,
    /// `ERROR_INTERNET_INVALID_PROXY_REQUEST` (12033).
    InvalidProxyRequest,
    /// `ERROR_INTERNET_HANDLE_EXISTS` (12036).
    HandleExists,
    /// `ERROR_INTERNET_SEC_CERT_DATE_INVALID` (12037): the server's certificate is
    /// expired or not yet valid; `SECURITY_FLAG_IGNORE_CERT_DATE_INVALID` waives it.
    SecCertDateInvalid,
    /// `ERROR_INTERNET_SEC_CERT_CN_INVALID` (12038): the certificate is for another
    /// host name; `SECURITY_FLAG_IGNORE_CERT_CN_INVALID` waives it.
    SecCertCnInvalid,
    /// `ERROR_INTERNET_INVALID_CA` (12045): the chain ends at no trusted root
    /// (self-signed, or an unknown CA); `SECURITY_FLAG_IGNORE_UNKNOWN_CA` waives it.
    InvalidCa,
    /// `ERROR_INTERNET_SEC_CERT_ERRORS` (12055): several certificate checks failed,
    /// reported as one under `INTERNET_ERROR_MASK_COMBINED_SEC_CERT`.
    SecCertErrors,
    /// `ERROR_INTERNET_SEC_CERT_REV_FAILED` (12057): the revocation status could not
    /// be learnt; `SECURITY_FLAG_IGNORE_REVOCATION` waives it.
    SecCertRevFailed,
    /// `ERROR_INTERNET_SECURITY_CHANNEL_ERROR` (12157).
    SecurityChannelError,
    /// `ERROR_INTERNET_SEC_INVALID_CERT` (12169): the certificate is malformed, badly
    /// signed or breaks a constraint (no flag waives that), or is not for server
    /// authentication (`SECURITY_FLAG_IGNORE_WRONG_USAGE` waives that).
    SecInvalidCert,
    /// `ERROR_INTERNET_SEC_CERT_REVOKED` (12170).
    SecCertRevoked,
    /// `ERROR_FTP_TRANSFER_IN_PROGRESS` (12110): an FTP file or find handle is
    /// open on the session; WinINet allows one at a time.
    FtpTransferInProgress,
    /// `ERROR_FTP_DROPPED` (12111): the FTP control connection broke (closed,
    /// or a reply that is not FTP).
    FtpDropped,
    /// `ERROR_FTP_NO_PASSIVE_MODE` (12112): no passive mode is possible.
    FtpNoPassiveMode,
    /// `ERROR_HTTP_HEADER_NOT_FOUND` (12150): HttpQueryInfo found no such header (or no more of them).
    HttpHeaderNotFound,
    /// `ERROR_HTTP_DOWNLEVEL_SERVER` (12151).
    HttpDownlevelServer,
    /// `ERROR_HTTP_INVALID_SERVER_RESPONSE` (12152): the response could not be parsed.
    HttpInvalidServerResponse,
    /// `ERROR_HTTP_INVALID_HEADER` (12153): a header to add is malformed (no colon, CR/LF inside).
    HttpInvalidHeader,
    /// `ERROR_HTTP_INVALID_QUERY_REQUEST` (12154): HttpQueryInfo asked something meaningless (e.g. before send).
    HttpInvalidQueryRequest,
    /// `ERROR_HTTP_HEADER_ALREADY_EXISTS` (12155): `HTTP_ADDREQ_FLAG_ADD_IF_NEW` found the header.
    HttpHeaderAlreadyExists,
    /// `ERROR_HTTP_REDIRECT_FAILED` (12156).
    HttpRedirectFailed,
    /// `ERROR_HTTP_NOT_REDIRECTED` (12160).
    HttpNotRedirected,
}

macro_rules! codes {
    ($($variant:ident = $code:expr,)*) => {
        impl Error {
            /// The Win32 / WinINet error code, as `GetLastError` reports it.
            pub const fn code(self) -> u32 {
                match self { $(Error::$variant => $code,)* }
            }
            /// The error for a code, if it is one of ours.
            pub const fn from_code(code: u32) -> Option<Error> {
                match code { $($code => Some(Error::$variant),)* _ => None }
            }
            /// Every error, for tests that check the mapping.
            pub const ALL: &'static [Error] = &[$(Error::$variant,)*];
        }
    };
}

codes! {
    TooManyOpenFiles = 4,
    InvalidHandle = 6,
    NotEnoughMemory = 8,
    NoMoreFiles = 18,
    FileNotFound = 2,
    AccessDenied = 5,
    FileExists = 80,
    NotSupported = 50,
    InvalidParameter = 87,
    BadArguments = 160,
    NotImplemented = 120,
    InsufficientBuffer = 122,
    NoMoreItems = 259,
    IoPending = 997,
    InvalidFlags = 1004,
    OutOfHandles = 12001,
    Timeout = 12002,
    ExtendedError = 12003,
    InternalError = 12004,
    InvalidUrl = 12005,
    UnrecognizedScheme = 12006,
    NameNotResolved = 12007,
    ProtocolNotFound = 12008,
    InvalidOption = 12009,
    BadOptionLength = 12010,
    OptionNotSettable = 12011,
    Shutdown = 12012,
    IncorrectUserName = 12013,
    IncorrectPassword = 12014,
    LoginFailure = 12015,
    InvalidOperation = 12016,
    OperationCancelled = 12017,
    IncorrectHandleType = 12018,
    IncorrectHandleState = 12019,
    NotProxyRequest = 12020,
    ItemNotFound = 12028,
    CannotConnect = 12029,
    ConnectionAborted = 12030,
    ConnectionReset = 12031,
    ForceRetry = 12032,
    InvalidProxyRequest = 12033,
    HandleExists = 12036,
    SecCertDateInvalid = 12037,
    SecCertCnInvalid = 12038,
    InvalidCa = 12045,
    SecCertErrors = 12055,
    SecCertRevFailed = 12057,
    FtpTransferInProgress = 12110,
    FtpDropped = 12111,
    FtpNoPassiveMode = 12112,
    HttpHeaderNotFound = 12150,
    HttpDownlevelServer = 12151,
    HttpInvalidServerResponse = 12152,
    HttpInvalidHeader = 12153,
    HttpInvalidQueryRequest = 12154,
    HttpHeaderAlreadyExists = 12155,
    HttpRedirectFailed = 12156,
    SecurityChannelError = 12157,
    HttpNotRedirected = 12160,
    SecInvalidCert = 12169,
    SecCertRevoked = 12170,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} ({})", self, self.code())
    }
}

impl std::error::Error for Error {}

/// Maps a socket error to WinINet's code for it, for the phase it happened in.
pub(crate) fn from_io(err: &std::io::Error, connecting: bool) -> Error {
    use std::io::ErrorKind::*;
    if is_out_of_descriptors(err) {
        return Error::TooManyOpenFiles;
    }
    match err.kind() {
        TimedOut | WouldBlock => Error::Timeout,
        ConnectionRefused => Error::CannotConnect,
        ConnectionReset => Error::ConnectionReset,
        ConnectionAborted | BrokenPipe | UnexpectedEof => Error::ConnectionAborted,
        _ if connecting => Error::CannotConnect,
        _ => Error::ConnectionAborted,
    }
}

/// EMFILE or ENFILE: no descriptor for a new socket (the numbers are the
/// same on Linux, macOS and the BSDs).
pub(crate) fn is_out_of_descriptors(err: &std::io::Error) -> bool {
    const ENFILE: i32 = 23;
    const EMFILE: i32 = 24;
    cfg!(unix) && matches!(err.raw_os_error(), Some(EMFILE | ENFILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for &e in Error::ALL {
            assert!(seen.insert(e.code()), "duplicate code {}", e.code());
            assert_eq!(Error::from_code(e.code()), Some(e));
        }
        assert_eq!(Error::from_code(12345), None);
    }

    #[test]
    fn running_out_of_descriptors_is_not_a_refused_connection() {
        for errno in [23, 24] {
            let e = std::io::Error::from_raw_os_error(errno);
            assert_eq!(from_io(&e, true), Error::TooManyOpenFiles);
            assert_eq!(from_io(&e, false), Error::TooManyOpenFiles);
        }
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(from_io(&refused, true), Error::CannotConnect);
    }

    #[test]
    fn error_is_small_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Error>();
        assert_eq!(std::mem::size_of::<Error>(), 1);
    }
}
