//! WinINet's names for error codes, for messages such as
//! `error: ERROR_INTERNET_CANNOT_CONNECT (12029) fetching URL`.
//!
//! The values come from `openinet::consts` (generated from `wininet.h`), so
//! only the names are written here.

use openinet::consts;

macro_rules! error_names {
    ($($name:ident),* $(,)?) => {
        /// The `ERROR_*` constant name of `code`, if it is one WinINet defines.
        pub fn error_name(code: u32) -> Option<&'static str> {
            match code {
                $(consts::$name => Some(stringify!($name)),)*
                _ => None,
            }
        }
    };
}

error_names! {
    ERROR_FILE_NOT_FOUND,
    ERROR_TOO_MANY_OPEN_FILES,
    ERROR_ACCESS_DENIED,
    ERROR_FILE_EXISTS,
    ERROR_INVALID_HANDLE,
    ERROR_NOT_ENOUGH_MEMORY,
    ERROR_NO_MORE_FILES,
    ERROR_NOT_SUPPORTED,
    ERROR_INVALID_PARAMETER,
    ERROR_BAD_ARGUMENTS,
    ERROR_CALL_NOT_IMPLEMENTED,
    ERROR_INSUFFICIENT_BUFFER,
    ERROR_NO_MORE_ITEMS,
    ERROR_IO_PENDING,
    ERROR_INVALID_FLAGS,
    ERROR_INTERNET_OUT_OF_HANDLES,
    ERROR_INTERNET_TIMEOUT,
    ERROR_INTERNET_EXTENDED_ERROR,
    ERROR_INTERNET_INTERNAL_ERROR,
    ERROR_INTERNET_INVALID_URL,
    ERROR_INTERNET_UNRECOGNIZED_SCHEME,
    ERROR_INTERNET_NAME_NOT_RESOLVED,
    ERROR_INTERNET_PROTOCOL_NOT_FOUND,
    ERROR_INTERNET_INVALID_OPTION,
    ERROR_INTERNET_BAD_OPTION_LENGTH,
    ERROR_INTERNET_OPTION_NOT_SETTABLE,
    ERROR_INTERNET_SHUTDOWN,
    ERROR_INTERNET_INCORRECT_USER_NAME,
    ERROR_INTERNET_INCORRECT_PASSWORD,
    ERROR_INTERNET_LOGIN_FAILURE,
    ERROR_INTERNET_INVALID_OPERATION,
    ERROR_INTERNET_OPERATION_CANCELLED,
    ERROR_INTERNET_INCORRECT_HANDLE_TYPE,
    ERROR_INTERNET_INCORRECT_HANDLE_STATE,
    ERROR_INTERNET_NOT_PROXY_REQUEST,
    ERROR_INTERNET_ITEM_NOT_FOUND,
    ERROR_INTERNET_CANNOT_CONNECT,
    ERROR_INTERNET_CONNECTION_ABORTED,
    ERROR_INTERNET_CONNECTION_RESET,
    ERROR_INTERNET_FORCE_RETRY,
    ERROR_INTERNET_INVALID_PROXY_REQUEST,
    ERROR_INTERNET_HANDLE_EXISTS,
    ERROR_INTERNET_SEC_CERT_DATE_INVALID,
    ERROR_INTERNET_SEC_CERT_CN_INVALID,
    ERROR_INTERNET_INVALID_CA,
    ERROR_INTERNET_SEC_CERT_ERRORS,
    ERROR_INTERNET_SEC_CERT_REV_FAILED,
    ERROR_INTERNET_SEC_INVALID_CERT,
    ERROR_INTERNET_SEC_CERT_REVOKED,
    ERROR_INTERNET_SECURITY_CHANNEL_ERROR,
    ERROR_FTP_TRANSFER_IN_PROGRESS,
    ERROR_FTP_DROPPED,
    ERROR_FTP_NO_PASSIVE_MODE,
    ERROR_HTTP_HEADER_NOT_FOUND,
    ERROR_HTTP_DOWNLEVEL_SERVER,
    ERROR_HTTP_INVALID_SERVER_RESPONSE,
    ERROR_HTTP_INVALID_HEADER,
    ERROR_HTTP_INVALID_QUERY_REQUEST,
    ERROR_HTTP_HEADER_ALREADY_EXISTS,
    ERROR_HTTP_REDIRECT_FAILED,
    ERROR_HTTP_NOT_REDIRECTED,
}

/// `ERROR_INTERNET_CANNOT_CONNECT (12029)`: the name and the number.
pub fn describe(err: openinet::Error) -> String {
    let code = err.code();
    match error_name(code) {
        Some(name) => format!("{name} ({code})"),
        None => format!("error {code}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_engine_error_has_its_wininet_name() {
        for &e in openinet::Error::ALL {
            let name = error_name(e.code()).unwrap_or_else(|| panic!("no name for {e:?}"));
            assert!(name.starts_with("ERROR_"), "{name}");
        }
    }

    #[test]
    fn describe_names_and_numbers() {
        assert_eq!(
            describe(openinet::Error::CannotConnect),
            "ERROR_INTERNET_CANNOT_CONNECT (12029)"
        );
        assert_eq!(
            describe(openinet::Error::HttpInvalidServerResponse),
            "ERROR_HTTP_INVALID_SERVER_RESPONSE (12152)"
        );
        assert_eq!(error_name(12345), None);
    }
}
