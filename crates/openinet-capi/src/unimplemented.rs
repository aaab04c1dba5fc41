//! The exports of `wininet.h` that OpenINet does not implement yet. Each one
//! exists (so programs link), has WinINet's signature, sets
//! `ERROR_CALL_NOT_IMPLEMENTED` and returns its failure value. None claims
//! success. [`UNIMPLEMENTED`] lists them for the README; when a function
//! gets a real implementation, delete it here (its name leaves the list).
//!
//! Functions whose failure value is not FALSE/NULL/0 say so explicitly: the
//! ones that return an error code (`InternetAttemptConnect`, the dialogs)
//! return `ERROR_CALL_NOT_IMPLEMENTED` itself, since 0 would mean success;
//! `InternetSetFilePointer` and `FtpGetFileSize` return 0xFFFFFFFF
//! (`INVALID_SET_FILE_POINTER` / `INVALID_FILE_SIZE`).

use crate::ffi::{
    boundary, set_last_error, BOOL, DWORD, DWORD_PTR, HINTERNET, LPCSTR, LPCWSTR, LPDWORD, LPSTR,
    LPVOID, LPWSTR,
};
use crate::types::*;
use openinet::consts::ERROR_CALL_NOT_IMPLEMENTED;
use openinet::Error;

/// The body of every export here: the last error says "not implemented"
/// and the call returns `fail` (or the type's usual failure value).
fn not_implemented<T: crate::ffi::FailValue>(fail: Option<T>) -> T {
    boundary(|| match fail {
        Some(v) => {
            set_last_error(ERROR_CALL_NOT_IMPLEMENTED);
            Ok(v)
        }
        None => Err(Error::NotImplemented),
    })
}

macro_rules! unimplemented_exports {
    ($( $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty $(= $fail:expr)? ; )*) => {
        $(
            #[doc = concat!("`", stringify!($name), "`: not implemented yet (`ERROR_CALL_NOT_IMPLEMENTED`).")]
            #[no_mangle]
            pub extern "C" fn $name($($arg: $ty),*) -> $ret {
                let _ = ($($arg,)*);
                #[allow(unused_mut, unused_assignments)]
                let mut fail: Option<$ret> = None;
                $( fail = Some($fail); )?
                not_implemented(fail)
            }
        )*
        /// Every export that is not implemented yet, by name.
        pub const UNIMPLEMENTED: &[&str] = &[$(stringify!($name)),*];
    };
}

const NOT_IMPL: DWORD = ERROR_CALL_NOT_IMPLEMENTED;
const INVALID_DWORD: DWORD = 0xFFFF_FFFF;

unimplemented_exports! {
    // Session and connection state
    InternetAttemptConnect(dwReserved: DWORD) -> DWORD = NOT_IMPL;
    InternetCheckConnectionA(lpszUrl: LPCSTR, dwFlags: DWORD, dwReserved: DWORD) -> BOOL;
    InternetCheckConnectionW(lpszUrl: LPCWSTR, dwFlags: DWORD, dwReserved: DWORD) -> BOOL;
    InternetGetConnectedState(lpdwFlags: LPDWORD, dwReserved: DWORD) -> BOOL;
    InternetGetConnectedStateEx(lpdwFlags: LPDWORD, lpszConnectionName: LPSTR, dwNameLen: DWORD, dwReserved: DWORD) -> BOOL;
    InternetGetConnectedStateExA(lpdwFlags: LPDWORD, lpszConnectionName: LPSTR, dwNameLen: DWORD, dwReserved: DWORD) -> BOOL;
    InternetGetConnectedStateExW(lpdwFlags: LPDWORD, lpszConnectionName: LPWSTR, dwNameLen: DWORD, dwReserved: DWORD) -> BOOL;

    // HTTP beyond the core request path
    HttpSendRequestExA(hRequest: HINTERNET, lpBuffersIn: *mut INTERNET_BUFFERSA, lpBuffersOut: *mut INTERNET_BUFFERSA, dwFlags: DWORD, dwContext: DWORD_PTR) -> BOOL;
    HttpSendRequestExW(hRequest: HINTERNET, lpBuffersIn: *mut INTERNET_BUFFERSW, lpBuffersOut: *mut INTERNET_BUFFERSW, dwFlags: DWORD, dwContext: DWORD_PTR) -> BOOL;
    HttpEndRequestA(hRequest: HINTERNET, lpBuffersOut: *mut INTERNET_BUFFERSA, dwFlags: DWORD, dwContext: DWORD_PTR) -> BOOL;
    HttpEndRequestW(hRequest: HINTERNET, lpBuffersOut: *mut INTERNET_BUFFERSW, dwFlags: DWORD, dwContext: DWORD_PTR) -> BOOL;
    InternetWriteFile(hFile: HINTERNET, lpBuffer: LPCVOID, dwNumberOfBytesToWrite: DWORD, lpdwNumberOfBytesWritten: LPDWORD) -> BOOL;
    InternetSetFilePointer(hFile: HINTERNET, lDistanceToMove: LONG, pReserved: LPVOID, dwMoveMethod: DWORD, dwContext: DWORD_PTR) -> DWORD = INVALID_DWORD;
    InternetLockRequestFile(hInternet: HINTERNET, lphLockRequestInfo: *mut HANDLE) -> BOOL;
    InternetUnlockRequestFile(hLockRequestInfo: HANDLE) -> BOOL;

    // Dialogs: they return an error code; no window is ever shown.
    InternetErrorDlg(hWnd: HWND, hRequest: HINTERNET, dwError: DWORD, dwFlags: DWORD, lppvData: *mut LPVOID) -> DWORD = NOT_IMPL;
    InternetConfirmZoneCrossing(hWnd: HWND, szUrlPrev: LPSTR, szUrlNew: LPSTR, bPost: BOOL) -> DWORD = NOT_IMPL;
    InternetConfirmZoneCrossingA(hWnd: HWND, szUrlPrev: LPSTR, szUrlNew: LPSTR, bPost: BOOL) -> DWORD = NOT_IMPL;
    InternetConfirmZoneCrossingW(hWnd: HWND, szUrlPrev: LPWSTR, szUrlNew: LPWSTR, bPost: BOOL) -> DWORD = NOT_IMPL;

    // FTP
    FtpFindFirstFileA(hConnect: HINTERNET, lpszSearchFile: LPCSTR, lpFindFileData: *mut WIN32_FIND_DATAA, dwFlags: DWORD, dwContext: DWORD_PTR) -> HINTERNET;
    FtpFindFirstFileW(hConnect: HINTERNET, lpszSearchFile: LPCWSTR, lpFindFileData: *mut WIN32_FIND_DATAW, dwFlags: DWORD, dwContext: DWORD_PTR) -> HINTERNET;
    InternetFindNextFileA(hFind: HINTERNET, lpvFindData: LPVOID) -> BOOL;
    InternetFindNextFileW(hFind: HINTERNET, lpvFindData: LPVOID) -> BOOL;
    FtpGetFileA(hConnect: HINTERNET, lpszRemoteFile: LPCSTR, lpszNewFile: LPCSTR, fFailIfExists: BOOL, dwFlagsAndAttributes: DWORD, dwFlags: DWORD, dwContext: DWORD_PTR) -> BOOL;
    FtpGetFileW(hConnect: HINTERNET, lpszRemoteFile: LPCWSTR, lpszNewFile: LPCWSTR, fFailIfExists: BOOL, dwFlagsAndAttributes: DWORD, dwFlags: DWORD, dwContext: DWORD_PTR) -> BOOL;
    FtpPutFileA(hConnect: HINTERNET, lpszLocalFile: LPCSTR, lpszNewRemoteFile: LPCSTR, dwFlags: DWORD, dwContext: DWORD_PTR) -> BOOL;
    FtpPutFileW(hConnect: HINTERNET, lpszLocalFile: LPCWSTR, lpszNewRemoteFile: LPCWSTR, dwFlags: DWORD, dwContext: DWORD_PTR) -> BOOL;
    FtpDeleteFileA(hConnect: HINTERNET, lpszFileName: LPCSTR) -> BOOL;
    FtpDeleteFileW(hConnect: HINTERNET, lpszFileName: LPCWSTR) -> BOOL;
    FtpRenameFileA(hConnect: HINTERNET, lpszExisting: LPCSTR, lpszNew: LPCSTR) -> BOOL;
    FtpRenameFileW(hConnect: HINTERNET, lpszExisting: LPCWSTR, lpszNew: LPCWSTR) -> BOOL;
    FtpOpenFileA(hConnect: HINTERNET, lpszFileName: LPCSTR, dwAccess: DWORD, dwFlags: DWORD, dwContext: DWORD_PTR) -> HINTERNET;
    FtpOpenFileW(hConnect: HINTERNET, lpszFileName: LPCWSTR, dwAccess: DWORD, dwFlags: DWORD, dwContext: DWORD_PTR) -> HINTERNET;
    FtpCreateDirectoryA(hConnect: HINTERNET, lpszDirectory: LPCSTR) -> BOOL;
    FtpCreateDirectoryW(hConnect: HINTERNET, lpszDirectory: LPCWSTR) -> BOOL;
    FtpRemoveDirectoryA(hConnect: HINTERNET, lpszDirectory: LPCSTR) -> BOOL;
    FtpRemoveDirectoryW(hConnect: HINTERNET, lpszDirectory: LPCWSTR) -> BOOL;
    FtpSetCurrentDirectoryA(hConnect: HINTERNET, lpszDirectory: LPCSTR) -> BOOL;
    FtpSetCurrentDirectoryW(hConnect: HINTERNET, lpszDirectory: LPCWSTR) -> BOOL;
    FtpGetCurrentDirectoryA(hConnect: HINTERNET, lpszCurrentDirectory: LPSTR, lpdwCurrentDirectory: LPDWORD) -> BOOL;
    FtpGetCurrentDirectoryW(hConnect: HINTERNET, lpszCurrentDirectory: LPWSTR, lpdwCurrentDirectory: LPDWORD) -> BOOL;
    FtpCommandA(hConnect: HINTERNET, fExpectResponse: BOOL, dwFlags: DWORD, lpszCommand: LPCSTR, dwContext: DWORD_PTR, phFtpCommand: *mut HINTERNET) -> BOOL;
    FtpCommandW(hConnect: HINTERNET, fExpectResponse: BOOL, dwFlags: DWORD, lpszCommand: LPCWSTR, dwContext: DWORD_PTR, phFtpCommand: *mut HINTERNET) -> BOOL;
    FtpGetFileSize(hFile: HINTERNET, lpdwFileSizeHigh: LPDWORD) -> DWORD = INVALID_DWORD;

    // URL cache
    CreateUrlCacheEntryA(lpszUrlName: LPCSTR, dwExpectedFileSize: DWORD, lpszFileExtension: LPCSTR, lpszFileName: LPSTR, dwReserved: DWORD) -> BOOL;
    CreateUrlCacheEntryW(lpszUrlName: LPCWSTR, dwExpectedFileSize: DWORD, lpszFileExtension: LPCWSTR, lpszFileName: LPWSTR, dwReserved: DWORD) -> BOOL;
    CommitUrlCacheEntryA(lpszUrlName: LPCSTR, lpszLocalFileName: LPCSTR, ExpireTime: FILETIME, LastModifiedTime: FILETIME, CacheEntryType: DWORD, lpHeaderInfo: LPBYTE, dwHeaderSize: DWORD, lpszFileExtension: LPCSTR, lpszOriginalUrl: LPCSTR) -> BOOL;
    CommitUrlCacheEntryW(lpszUrlName: LPCWSTR, lpszLocalFileName: LPCWSTR, ExpireTime: FILETIME, LastModifiedTime: FILETIME, CacheEntryType: DWORD, lpszHeaderInfo: LPWSTR, dwHeaders: DWORD, lpszFileExtension: LPCWSTR, lpszOriginalUrl: LPCWSTR) -> BOOL;
    RetrieveUrlCacheEntryFileA(lpszUrlName: LPCSTR, lpCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOA, lpcbCacheEntryInfo: LPDWORD, dwReserved: DWORD) -> BOOL;
    RetrieveUrlCacheEntryFileW(lpszUrlName: LPCWSTR, lpCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOW, lpcbCacheEntryInfo: LPDWORD, dwReserved: DWORD) -> BOOL;
    UnlockUrlCacheEntryFileA(lpszUrlName: LPCSTR, dwReserved: DWORD) -> BOOL;
    UnlockUrlCacheEntryFileW(lpszUrlName: LPCWSTR, dwReserved: DWORD) -> BOOL;
    RetrieveUrlCacheEntryStreamA(lpszUrlName: LPCSTR, lpCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOA, lpcbCacheEntryInfo: LPDWORD, fRandomRead: BOOL, dwReserved: DWORD) -> HANDLE;
    RetrieveUrlCacheEntryStreamW(lpszUrlName: LPCWSTR, lpCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOW, lpcbCacheEntryInfo: LPDWORD, fRandomRead: BOOL, dwReserved: DWORD) -> HANDLE;
    ReadUrlCacheEntryStream(hUrlCacheStream: HANDLE, dwLocation: DWORD, lpBuffer: LPVOID, lpdwLen: LPDWORD, Reserved: DWORD) -> BOOL;
    UnlockUrlCacheEntryStream(hUrlCacheStream: HANDLE, Reserved: DWORD) -> BOOL;
    GetUrlCacheEntryInfoA(lpszUrlName: LPCSTR, lpCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOA, lpcbCacheEntryInfo: LPDWORD) -> BOOL;
    GetUrlCacheEntryInfoW(lpszUrlName: LPCWSTR, lpCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOW, lpcbCacheEntryInfo: LPDWORD) -> BOOL;
    GetUrlCacheEntryInfoExA(lpszUrl: LPCSTR, lpCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOA, lpcbCacheEntryInfo: LPDWORD, lpszRedirectUrl: LPSTR, lpcbRedirectUrl: LPDWORD, lpReserved: LPVOID, dwFlags: DWORD) -> BOOL;
    GetUrlCacheEntryInfoExW(lpszUrl: LPCWSTR, lpCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOW, lpcbCacheEntryInfo: LPDWORD, lpszRedirectUrl: LPWSTR, lpcbRedirectUrl: LPDWORD, lpReserved: LPVOID, dwFlags: DWORD) -> BOOL;
    SetUrlCacheEntryInfoA(lpszUrlName: LPCSTR, lpCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOA, dwFieldControl: DWORD) -> BOOL;
    SetUrlCacheEntryInfoW(lpszUrlName: LPCWSTR, lpCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOW, dwFieldControl: DWORD) -> BOOL;
    FindFirstUrlCacheEntryA(lpszUrlSearchPattern: LPCSTR, lpFirstCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOA, lpcbCacheEntryInfo: LPDWORD) -> HANDLE;
    FindFirstUrlCacheEntryW(lpszUrlSearchPattern: LPCWSTR, lpFirstCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOW, lpcbCacheEntryInfo: LPDWORD) -> HANDLE;
    FindNextUrlCacheEntryA(hEnumHandle: HANDLE, lpNextCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOA, lpcbCacheEntryInfo: LPDWORD) -> BOOL;
    FindNextUrlCacheEntryW(hEnumHandle: HANDLE, lpNextCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOW, lpcbCacheEntryInfo: LPDWORD) -> BOOL;
    FindCloseUrlCache(hEnumHandle: HANDLE) -> BOOL;
    DeleteUrlCacheEntry(lpszUrlName: LPCSTR) -> BOOL;
    DeleteUrlCacheEntryA(lpszUrlName: LPCSTR) -> BOOL;
    DeleteUrlCacheEntryW(lpszUrlName: LPCWSTR) -> BOOL;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ffi::{last_error, FALSE};

    #[test]
    fn list_names_every_export_once() {
        let mut seen = std::collections::HashSet::new();
        for name in UNIMPLEMENTED {
            assert!(seen.insert(*name), "{name} listed twice");
        }
        assert_eq!(UNIMPLEMENTED.len(), 70);
        assert!(UNIMPLEMENTED.contains(&"FtpGetFileSize"));
        assert!(!UNIMPLEMENTED.contains(&"InternetOpenA"));
    }

    #[test]
    fn each_kind_fails_with_not_implemented() {
        set_last_error(0);
        assert_eq!(
            FtpDeleteFileA(std::ptr::null_mut(), std::ptr::null()),
            FALSE
        );
        assert_eq!(last_error(), ERROR_CALL_NOT_IMPLEMENTED);
        set_last_error(0);
        assert!(FtpOpenFileA(std::ptr::null_mut(), std::ptr::null(), 0, 0, 0).is_null());
        assert_eq!(last_error(), ERROR_CALL_NOT_IMPLEMENTED);
        set_last_error(0);
        assert_eq!(
            FtpGetFileSize(std::ptr::null_mut(), std::ptr::null_mut()),
            0xFFFF_FFFF
        );
        assert_eq!(last_error(), ERROR_CALL_NOT_IMPLEMENTED);
        set_last_error(0);
        assert_eq!(
            InternetErrorDlg(
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                0,
                0,
                std::ptr::null_mut()
            ),
            ERROR_CALL_NOT_IMPLEMENTED
        );
        assert_eq!(InternetAttemptConnect(0), ERROR_CALL_NOT_IMPLEMENTED);
    }
}
