//! `#[repr(C)]` mirrors of the structures in `include/wininet.h`, and the
//! status callback type. `tests/header.rs` compiles a C program against the
//! header and checks every size and field offset here against it.

use crate::ffi::{
    DWORD, DWORD_PTR, HINTERNET, INTERNET_PORT, LPCSTR, LPCWSTR, LPSTR, LPVOID, LPWSTR,
};
use std::ffi::{c_char, c_void};

pub type WORD = u16;
pub type LONG = i32;
pub type WCHAR = u16;
pub type HANDLE = *mut c_void;
pub type HWND = *mut c_void;
pub type LPCVOID = *const c_void;
pub type LPBYTE = *mut u8;
/// `ULONG`: 32 bits, as on Windows.
pub type ULONG = u32;
/// `GROUPID`: a URL cache group's id (`LONGLONG`).
pub type GROUPID = i64;
/// A C `enum` (`INTERNET_SCHEME`): an `int`.
pub type INTERNET_SCHEME = i32;
/// `MAX_PATH`: the size of `WIN32_FIND_DATA::cFileName`.
pub const MAX_PATH: usize = 260;

/// The application's status callback, as `InternetSetStatusCallback` takes it.
pub type INTERNET_STATUS_CALLBACK =
    Option<unsafe extern "C" fn(HINTERNET, DWORD_PTR, DWORD, LPVOID, DWORD)>;

#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FILETIME {
    pub dwLowDateTime: DWORD,
    pub dwHighDateTime: DWORD,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SYSTEMTIME {
    pub wYear: WORD,
    pub wMonth: WORD,
    pub wDayOfWeek: WORD,
    pub wDay: WORD,
    pub wHour: WORD,
    pub wMinute: WORD,
    pub wSecond: WORD,
    pub wMilliseconds: WORD,
}

impl From<openinet::time::SystemTime> for SYSTEMTIME {
    fn from(t: openinet::time::SystemTime) -> Self {
        SYSTEMTIME {
            wYear: t.year,
            wMonth: t.month,
            wDayOfWeek: t.day_of_week,
            wDay: t.day,
            wHour: t.hour,
            wMinute: t.minute,
            wSecond: t.second,
            wMilliseconds: t.milliseconds,
        }
    }
}

impl From<&SYSTEMTIME> for openinet::time::SystemTime {
    fn from(st: &SYSTEMTIME) -> Self {
        openinet::time::SystemTime {
            year: st.wYear,
            month: st.wMonth,
            day_of_week: st.wDayOfWeek,
            day: st.wDay,
            hour: st.wHour,
            minute: st.wMinute,
            second: st.wSecond,
            milliseconds: st.wMilliseconds,
        }
    }
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct WIN32_FIND_DATAA {
    pub dwFileAttributes: DWORD,
    pub ftCreationTime: FILETIME,
    pub ftLastAccessTime: FILETIME,
    pub ftLastWriteTime: FILETIME,
    pub nFileSizeHigh: DWORD,
    pub nFileSizeLow: DWORD,
    pub dwReserved0: DWORD,
    pub dwReserved1: DWORD,
    pub cFileName: [c_char; MAX_PATH],
    pub cAlternateFileName: [c_char; 14],
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct WIN32_FIND_DATAW {
    pub dwFileAttributes: DWORD,
    pub ftCreationTime: FILETIME,
    pub ftLastAccessTime: FILETIME,
    pub ftLastWriteTime: FILETIME,
    pub nFileSizeHigh: DWORD,
    pub nFileSizeLow: DWORD,
    pub dwReserved0: DWORD,
    pub dwReserved1: DWORD,
    pub cFileName: [WCHAR; MAX_PATH],
    pub cAlternateFileName: [WCHAR; 14],
}

/// The status information of `INTERNET_STATUS_REQUEST_COMPLETE`.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct INTERNET_ASYNC_RESULT {
    pub dwResult: DWORD_PTR,
    pub dwError: DWORD,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct INTERNET_DIAGNOSTIC_SOCKET_INFO {
    pub Socket: DWORD_PTR,
    pub SourcePort: DWORD,
    pub DestPort: DWORD,
    pub Flags: DWORD,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct INTERNET_VERSION_INFO {
    pub dwMajorVersion: DWORD,
    pub dwMinorVersion: DWORD,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HTTP_VERSION_INFO {
    pub dwMajorVersion: DWORD,
    pub dwMinorVersion: DWORD,
}

/// `INTERNET_PROXY_INFO`; the strings are `A` or `W` as the option call is.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct INTERNET_PROXY_INFO {
    pub dwAccessType: DWORD,
    pub lpszProxy: *const c_void,
    pub lpszProxyBypass: *const c_void,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct URL_COMPONENTSA {
    pub dwStructSize: DWORD,
    pub lpszScheme: LPSTR,
    pub dwSchemeLength: DWORD,
    pub nScheme: INTERNET_SCHEME,
    pub lpszHostName: LPSTR,
    pub dwHostNameLength: DWORD,
    pub nPort: INTERNET_PORT,
    pub lpszUserName: LPSTR,
    pub dwUserNameLength: DWORD,
    pub lpszPassword: LPSTR,
    pub dwPasswordLength: DWORD,
    pub lpszUrlPath: LPSTR,
    pub dwUrlPathLength: DWORD,
    pub lpszExtraInfo: LPSTR,
    pub dwExtraInfoLength: DWORD,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct URL_COMPONENTSW {
    pub dwStructSize: DWORD,
    pub lpszScheme: LPWSTR,
    pub dwSchemeLength: DWORD,
    pub nScheme: INTERNET_SCHEME,
    pub lpszHostName: LPWSTR,
    pub dwHostNameLength: DWORD,
    pub nPort: INTERNET_PORT,
    pub lpszUserName: LPWSTR,
    pub dwUserNameLength: DWORD,
    pub lpszPassword: LPWSTR,
    pub dwPasswordLength: DWORD,
    pub lpszUrlPath: LPWSTR,
    pub dwUrlPathLength: DWORD,
    pub lpszExtraInfo: LPWSTR,
    pub dwExtraInfoLength: DWORD,
}

/// `INTERNET_CERTIFICATE_INFO`; the strings are `A` or `W` as the option call is.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct INTERNET_CERTIFICATE_INFO {
    pub ftExpiry: FILETIME,
    pub ftStart: FILETIME,
    pub lpszSubjectInfo: *mut c_void,
    pub lpszIssuerInfo: *mut c_void,
    pub lpszProtocolName: *mut c_void,
    pub lpszSignatureAlgName: *mut c_void,
    pub lpszEncryptionAlgName: *mut c_void,
    pub dwKeySize: DWORD,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct INTERNET_BUFFERSA {
    pub dwStructSize: DWORD,
    pub Next: *mut INTERNET_BUFFERSA,
    pub lpcszHeader: LPCSTR,
    pub dwHeadersLength: DWORD,
    pub dwHeadersTotal: DWORD,
    pub lpvBuffer: LPVOID,
    pub dwBufferLength: DWORD,
    pub dwBufferTotal: DWORD,
    pub dwOffsetLow: DWORD,
    pub dwOffsetHigh: DWORD,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct INTERNET_BUFFERSW {
    pub dwStructSize: DWORD,
    pub Next: *mut INTERNET_BUFFERSW,
    pub lpcszHeader: LPCWSTR,
    pub dwHeadersLength: DWORD,
    pub dwHeadersTotal: DWORD,
    pub lpvBuffer: LPVOID,
    pub dwBufferLength: DWORD,
    pub dwBufferTotal: DWORD,
    pub dwOffsetLow: DWORD,
    pub dwOffsetHigh: DWORD,
}

/// `INTERNET_CACHE_ENTRY_INFOA`. The C struct ends in an anonymous union
/// `{ dwReserved; dwExemptDelta; }`, both DWORDs: one field here.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct INTERNET_CACHE_ENTRY_INFOA {
    pub dwStructSize: DWORD,
    pub lpszSourceUrlName: LPSTR,
    pub lpszLocalFileName: LPSTR,
    pub CacheEntryType: DWORD,
    pub dwUseCount: DWORD,
    pub dwHitRate: DWORD,
    pub dwSizeLow: DWORD,
    pub dwSizeHigh: DWORD,
    pub LastModifiedTime: FILETIME,
    pub ExpireTime: FILETIME,
    pub LastAccessTime: FILETIME,
    pub LastSyncTime: FILETIME,
    pub lpHeaderInfo: LPSTR,
    pub dwHeaderInfoSize: DWORD,
    pub lpszFileExtension: LPSTR,
    pub dwExemptDelta: DWORD,
}

/// `INTERNET_CACHE_ENTRY_INFOW`; see [`INTERNET_CACHE_ENTRY_INFOA`].
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct INTERNET_CACHE_ENTRY_INFOW {
    pub dwStructSize: DWORD,
    pub lpszSourceUrlName: LPWSTR,
    pub lpszLocalFileName: LPWSTR,
    pub CacheEntryType: DWORD,
    pub dwUseCount: DWORD,
    pub dwHitRate: DWORD,
    pub dwSizeLow: DWORD,
    pub dwSizeHigh: DWORD,
    pub LastModifiedTime: FILETIME,
    pub ExpireTime: FILETIME,
    pub LastAccessTime: FILETIME,
    pub LastSyncTime: FILETIME,
    pub lpHeaderInfo: LPWSTR,
    pub dwHeaderInfoSize: DWORD,
    pub lpszFileExtension: LPWSTR,
    pub dwExemptDelta: DWORD,
}
