//! The exports of `wininet.h` that OpenINet does not implement yet, and those
//! of features that Windows itself has removed. Each one exists (so programs
//! link), has WinINet's signature, sets the last error and returns its
//! failure value. None claims success.
//!
//! - [`UNIMPLEMENTED`]: not implemented yet, `ERROR_CALL_NOT_IMPLEMENTED`.
//!   When a function gets a real implementation, delete it here (its name
//!   leaves the list, and the README's table).
//! - [`REMOVED`]: features that current Windows no longer has (Gopher,
//!   JSProxy's InternetGetProxyInfo): `ERROR_NOT_SUPPORTED`, see below.
//!
//! Functions whose failure value is not FALSE/NULL/0 say so explicitly: the
//! ones that return an error code (`InternetAttemptConnect`, the dialogs,
//! `InternetDial`, `InternetHangUp`) return
//! `ERROR_CALL_NOT_IMPLEMENTED` itself, since 0 would mean success;
//! `InternetSetFilePointer` returns 0xFFFFFFFF (`INVALID_SET_FILE_POINTER`).

use crate::ffi::{
    boundary, set_last_error, FailValue, BOOL, DWORD, DWORD_PTR, HINTERNET, INTERNET_PORT, LPCSTR,
    LPCWSTR, LPDWORD, LPSTR, LPVOID, LPWSTR,
};
use crate::types::*;
use openinet::consts::{ERROR_CALL_NOT_IMPLEMENTED, ERROR_NOT_SUPPORTED};
use std::ffi::c_void;

/// `CreateUrlCacheGroup` fails with group id 0.
impl FailValue for GROUPID {
    fn fail_value() -> Self {
        0
    }
}

/// The body of every export here: the last error is `code` and the call
/// returns `fail` (or the type's usual failure value).
fn fail_with<T: FailValue>(code: DWORD, fail: Option<T>) -> T {
    boundary(|| {
        set_last_error(code);
        Ok(fail.unwrap_or_else(T::fail_value))
    })
}

/// Defines exports that all fail with one error code, and the list of their names.
macro_rules! failing_exports {
    ($list:ident, $code:expr, $what:literal;
     $( $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty $(= $fail:expr)? ; )*) => {
        $(
            #[doc = concat!("`", stringify!($name), "`: ", $what)]
            #[no_mangle]
            pub extern "C" fn $name($($arg: $ty),*) -> $ret {
                let _ = ($($arg,)*);
                #[allow(unused_mut, unused_assignments)]
                let mut fail: Option<$ret> = None;
                $( fail = Some($fail); )?
                fail_with($code, fail)
            }
        )*
        #[doc = concat!("Every export that fails because it is ", $what)]
        pub const $list: &[&str] = &[$(stringify!($name)),*];
    };
}

const NOT_IMPL: DWORD = ERROR_CALL_NOT_IMPLEMENTED;
const INVALID_DWORD: DWORD = 0xFFFF_FFFF;

failing_exports! { UNIMPLEMENTED, ERROR_CALL_NOT_IMPLEMENTED, "not implemented yet (`ERROR_CALL_NOT_IMPLEMENTED`).";
    // Session and connection state

    // HTTP beyond the core request path
    InternetSetFilePointer(hFile: HINTERNET, lDistanceToMove: LONG, pReserved: LPVOID, dwMoveMethod: DWORD, dwContext: DWORD_PTR) -> DWORD = INVALID_DWORD;
    InternetLockRequestFile(hInternet: HINTERNET, lphLockRequestInfo: *mut HANDLE) -> BOOL;
    InternetUnlockRequestFile(hLockRequestInfo: HANDLE) -> BOOL;

    // Dialogs: they return an error code; no window is ever shown.
    InternetConfirmZoneCrossing(hWnd: HWND, szUrlPrev: LPSTR, szUrlNew: LPSTR, bPost: BOOL) -> DWORD = NOT_IMPL;
    InternetConfirmZoneCrossingA(hWnd: HWND, szUrlPrev: LPSTR, szUrlNew: LPSTR, bPost: BOOL) -> DWORD = NOT_IMPL;
    InternetConfirmZoneCrossingW(hWnd: HWND, szUrlPrev: LPWSTR, szUrlNew: LPWSTR, bPost: BOOL) -> DWORD = NOT_IMPL;


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
    FindFirstUrlCacheEntryExA(lpszUrlSearchPattern: LPCSTR, dwFlags: DWORD, dwFilter: DWORD, GroupId: GROUPID, lpFirstCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOA, lpcbEntryInfo: LPDWORD, lpGroupAttributes: LPVOID, lpcbGroupAttributes: LPDWORD, lpReserved: LPVOID) -> HANDLE;
    FindFirstUrlCacheEntryExW(lpszUrlSearchPattern: LPCWSTR, dwFlags: DWORD, dwFilter: DWORD, GroupId: GROUPID, lpFirstCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOW, lpcbEntryInfo: LPDWORD, lpGroupAttributes: LPVOID, lpcbGroupAttributes: LPDWORD, lpReserved: LPVOID) -> HANDLE;
    FindNextUrlCacheEntryExA(hEnumHandle: HANDLE, lpNextCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOA, lpcbEntryInfo: LPDWORD, lpGroupAttributes: LPVOID, lpcbGroupAttributes: LPDWORD, lpReserved: LPVOID) -> BOOL;
    FindNextUrlCacheEntryExW(hEnumHandle: HANDLE, lpNextCacheEntryInfo: *mut INTERNET_CACHE_ENTRY_INFOW, lpcbEntryInfo: LPDWORD, lpGroupAttributes: LPVOID, lpcbGroupAttributes: LPDWORD, lpReserved: LPVOID) -> BOOL;

    // URL cache groups
    CreateUrlCacheGroup(dwFlags: DWORD, lpReserved: LPVOID) -> GROUPID;
    DeleteUrlCacheGroup(GroupId: GROUPID, dwFlags: DWORD, lpReserved: LPVOID) -> BOOL;
    FindFirstUrlCacheGroup(dwFlags: DWORD, dwFilter: DWORD, lpSearchCondition: LPVOID, dwSearchCondition: DWORD, lpGroupId: *mut GROUPID, lpReserved: LPVOID) -> HANDLE;
    FindNextUrlCacheGroup(hFind: HANDLE, lpGroupId: *mut GROUPID, lpReserved: LPVOID) -> BOOL;
    GetUrlCacheGroupAttributeA(gid: GROUPID, dwFlags: DWORD, dwAttributes: DWORD, lpGroupInfo: LPVOID, lpcbGroupInfo: LPDWORD, lpReserved: LPVOID) -> BOOL;
    GetUrlCacheGroupAttributeW(gid: GROUPID, dwFlags: DWORD, dwAttributes: DWORD, lpGroupInfo: LPVOID, lpcbGroupInfo: LPDWORD, lpReserved: LPVOID) -> BOOL;
    SetUrlCacheGroupAttributeA(gid: GROUPID, dwFlags: DWORD, dwAttributes: DWORD, lpGroupInfo: LPVOID, lpReserved: LPVOID) -> BOOL;
    SetUrlCacheGroupAttributeW(gid: GROUPID, dwFlags: DWORD, dwAttributes: DWORD, lpGroupInfo: LPVOID, lpReserved: LPVOID) -> BOOL;
    SetUrlCacheEntryGroup(lpszUrlName: LPCSTR, dwFlags: DWORD, GroupId: GROUPID, pbGroupAttributes: LPBYTE, cbGroupAttributes: DWORD, lpReserved: LPVOID) -> BOOL;
    SetUrlCacheEntryGroupA(lpszUrlName: LPCSTR, dwFlags: DWORD, GroupId: GROUPID, pbGroupAttributes: LPBYTE, cbGroupAttributes: DWORD, lpReserved: LPVOID) -> BOOL;
    SetUrlCacheEntryGroupW(lpszUrlName: LPCWSTR, dwFlags: DWORD, GroupId: GROUPID, pbGroupAttributes: LPBYTE, cbGroupAttributes: DWORD, lpReserved: LPVOID) -> BOOL;


    // Per-site cookie decisions
    InternetSetPerSiteCookieDecisionA(pchHostName: LPCSTR, dwDecision: DWORD) -> BOOL;
    InternetSetPerSiteCookieDecisionW(pchHostName: LPCWSTR, dwDecision: DWORD) -> BOOL;
    InternetGetPerSiteCookieDecisionA(pchHostName: LPCSTR, pResult: *mut ULONG) -> BOOL;
    InternetGetPerSiteCookieDecisionW(pchHostName: LPCWSTR, pResult: *mut ULONG) -> BOOL;
    InternetClearAllPerSiteCookieDecisions() -> BOOL;
    InternetEnumPerSiteCookieDecisionA(pszSiteName: LPSTR, pcSiteNameSize: *mut ULONG, pdwDecision: *mut ULONG, dwIndex: ULONG) -> BOOL;
    InternetEnumPerSiteCookieDecisionW(pszSiteName: LPWSTR, pcSiteNameSize: *mut ULONG, pdwDecision: *mut ULONG, dwIndex: ULONG) -> BOOL;

    // Security and request helpers
    InternetGetSecurityInfoByURLA(lpszURL: LPSTR, ppCertChain: *mut *const c_void, pdwSecureFlags: LPDWORD) -> BOOL;
    InternetGetSecurityInfoByURLW(lpszURL: LPCWSTR, ppCertChain: *mut *const c_void, pdwSecureFlags: LPDWORD) -> BOOL;
    ResumeSuspendedDownload(hRequest: HINTERNET, dwResultCode: DWORD) -> BOOL;
    CreateMD5SSOHash(pszChallengeInfo: LPWSTR, pwszRealm: LPWSTR, pwszTarget: LPWSTR, pbHexHash: LPBYTE) -> BOOL;

    // Dial-up connections (InternetDial and InternetHangUp return an error code)
    InternetDial(hwndParent: HWND, lpszConnectoid: LPSTR, dwFlags: DWORD, lpdwConnection: LPDWORD, dwReserved: DWORD) -> DWORD = NOT_IMPL;
    InternetDialA(hwndParent: HWND, lpszConnectoid: LPSTR, dwFlags: DWORD, lpdwConnection: *mut DWORD_PTR, dwReserved: DWORD) -> DWORD = NOT_IMPL;
    InternetDialW(hwndParent: HWND, lpszConnectoid: LPWSTR, dwFlags: DWORD, lpdwConnection: *mut DWORD_PTR, dwReserved: DWORD) -> DWORD = NOT_IMPL;
    InternetHangUp(dwConnection: DWORD_PTR, dwReserved: DWORD) -> DWORD = NOT_IMPL;
    InternetGoOnline(lpszURL: LPSTR, hwndParent: HWND, dwFlags: DWORD) -> BOOL;
    InternetGoOnlineA(lpszURL: LPSTR, hwndParent: HWND, dwFlags: DWORD) -> BOOL;
    InternetGoOnlineW(lpszURL: LPWSTR, hwndParent: HWND, dwFlags: DWORD) -> BOOL;
    InternetAutodial(dwFlags: DWORD, hwndParent: HWND) -> BOOL;
    InternetAutodialHangup(dwReserved: DWORD) -> BOOL;
    InternetSetDialState(lpszConnectoid: LPCSTR, dwState: DWORD, dwReserved: DWORD) -> BOOL;
    InternetSetDialStateA(lpszConnectoid: LPCSTR, dwState: DWORD, dwReserved: DWORD) -> BOOL;
    InternetSetDialStateW(lpszConnectoid: LPCWSTR, dwState: DWORD, dwReserved: DWORD) -> BOOL;

    // Proxy auto-discovery. InternetInitializeAutoProxyDll(DWORD) is the live
    // wininet form (it reloads the proxy settings), not JSProxy's.
    InternetInitializeAutoProxyDll(dwReserved: DWORD) -> BOOL;
    InternetDeInitializeAutoProxyDll(lpszMime: LPSTR, dwReserved: DWORD) -> BOOL;
}

// Features that current Windows no longer has. Microsoft's documentation:
// - Gopher: "The protocol has been removed from Microsoft Win32 Internet
//   (WinInet) in Windows Internet Explorer 7 and later versions" (the
//   "gopher Protocol" page, jj710209), and every Gopher function and
//   INTERNET_SERVICE_GOPHER is marked "Windows XP and Windows Server 2003 R2
//   and earlier only".
// - InternetGetProxyInfo (the JSProxy entry point): "This function is
//   deprecated on Windows 10, and it is unsupported as of Windows 11" (its
//   page, learn.microsoft.com/windows/win32/wininet/internetgetproxyinfo).
// Neither page names the last error the remaining exports set, so these use
// ERROR_NOT_SUPPORTED (50): the request is valid, the feature is gone. That
// code is our choice, not one observed on Windows.
failing_exports! { REMOVED, ERROR_NOT_SUPPORTED, "a feature current Windows no longer has (`ERROR_NOT_SUPPORTED`).";
    GopherCreateLocatorA(lpszHost: LPCSTR, nServerPort: INTERNET_PORT, lpszDisplayString: LPCSTR, lpszSelectorString: LPCSTR, dwGopherType: DWORD, lpszLocator: LPSTR, lpdwBufferLength: LPDWORD) -> BOOL;
    GopherCreateLocatorW(lpszHost: LPCWSTR, nServerPort: INTERNET_PORT, lpszDisplayString: LPCWSTR, lpszSelectorString: LPCWSTR, dwGopherType: DWORD, lpszLocator: LPWSTR, lpdwBufferLength: LPDWORD) -> BOOL;
    GopherGetLocatorTypeA(lpszLocator: LPCSTR, lpdwGopherType: LPDWORD) -> BOOL;
    GopherGetLocatorTypeW(lpszLocator: LPCWSTR, lpdwGopherType: LPDWORD) -> BOOL;
    GopherFindFirstFileA(hConnect: HINTERNET, lpszLocator: LPCSTR, lpszSearchString: LPCSTR, lpFindData: LPVOID, dwFlags: DWORD, dwContext: DWORD_PTR) -> HINTERNET;
    GopherFindFirstFileW(hConnect: HINTERNET, lpszLocator: LPCWSTR, lpszSearchString: LPCWSTR, lpFindData: LPVOID, dwFlags: DWORD, dwContext: DWORD_PTR) -> HINTERNET;
    GopherOpenFileA(hConnect: HINTERNET, lpszLocator: LPCSTR, lpszView: LPCSTR, dwFlags: DWORD, dwContext: DWORD_PTR) -> HINTERNET;
    GopherOpenFileW(hConnect: HINTERNET, lpszLocator: LPCWSTR, lpszView: LPCWSTR, dwFlags: DWORD, dwContext: DWORD_PTR) -> HINTERNET;
    GopherGetAttributeA(hConnect: HINTERNET, lpszLocator: LPCSTR, lpszAttributeName: LPCSTR, lpBuffer: LPBYTE, dwBufferLength: DWORD, lpdwCharactersReturned: LPDWORD, lpfnEnumerator: LPVOID, dwContext: DWORD_PTR) -> BOOL;
    GopherGetAttributeW(hConnect: HINTERNET, lpszLocator: LPCWSTR, lpszAttributeName: LPCWSTR, lpBuffer: LPBYTE, dwBufferLength: DWORD, lpdwCharactersReturned: LPDWORD, lpfnEnumerator: LPVOID, dwContext: DWORD_PTR) -> BOOL;
    InternetGetProxyInfo(lpszUrl: LPCSTR, dwUrlLength: DWORD, lpszUrlHostName: LPSTR, dwUrlHostNameLength: DWORD, lplpszProxyHostName: *mut LPSTR, lpdwProxyHostNameLength: LPDWORD) -> BOOL;
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
        assert_eq!(UNIMPLEMENTED.len(), 72);
        assert!(UNIMPLEMENTED.contains(&"InternetSetFilePointer"));
        assert!(!UNIMPLEMENTED.contains(&"FtpGetFileSize"));
        assert!(UNIMPLEMENTED.contains(&"InternetGetSecurityInfoByURLA"));
        assert!(!UNIMPLEMENTED.contains(&"InternetOpenA"));
        for name in REMOVED {
            assert!(seen.insert(*name), "{name} listed twice");
        }
        assert_eq!(REMOVED.len(), 11);
        assert!(REMOVED.contains(&"GopherOpenFileW"));
    }

    #[test]
    fn removed_features_fail_with_not_supported() {
        set_last_error(0);
        let h = GopherOpenFileA(std::ptr::null_mut(), c"1/".as_ptr(), std::ptr::null(), 0, 0);
        assert!(h.is_null());
        assert_eq!(last_error(), ERROR_NOT_SUPPORTED);
        set_last_error(0);
        let mut len = 100;
        assert_eq!(
            GopherCreateLocatorA(
                c"host".as_ptr(),
                70,
                std::ptr::null(),
                std::ptr::null(),
                0,
                std::ptr::null_mut(),
                &mut len
            ),
            FALSE
        );
        assert_eq!(last_error(), ERROR_NOT_SUPPORTED);
        assert_eq!(len, 100, "nothing is written on failure");
        set_last_error(0);
        let mut proxy: LPSTR = std::ptr::null_mut();
        let mut len: DWORD = 0;
        assert_eq!(
            InternetGetProxyInfo(
                c"http://a/".as_ptr(),
                9,
                c"a".as_ptr().cast_mut(),
                1,
                &mut proxy,
                &mut len
            ),
            FALSE
        );
        assert_eq!(last_error(), ERROR_NOT_SUPPORTED);
        assert!(proxy.is_null());
    }

    #[test]
    fn new_stubs_fail_with_their_own_failure_values() {
        set_last_error(0);
        assert_eq!(CreateUrlCacheGroup(0, std::ptr::null_mut()), 0);
        assert_eq!(last_error(), ERROR_CALL_NOT_IMPLEMENTED);
        set_last_error(0);
        let mut conn: DWORD_PTR = 7;
        assert_eq!(
            InternetDialA(std::ptr::null_mut(), std::ptr::null_mut(), 0, &mut conn, 0),
            ERROR_CALL_NOT_IMPLEMENTED
        );
        assert_eq!(conn, 7);
        set_last_error(0);
        let mut chain: *const c_void = std::ptr::null();
        let mut flags: DWORD = 0;
        assert_eq!(
            InternetGetSecurityInfoByURLA(
                c"https://example.com/".as_ptr().cast_mut(),
                &mut chain,
                &mut flags
            ),
            FALSE
        );
        assert_eq!(last_error(), ERROR_CALL_NOT_IMPLEMENTED);
        assert!(chain.is_null());
    }

    #[test]
    fn each_kind_fails_with_not_implemented() {
        set_last_error(0);
        assert_eq!(
            InternetLockRequestFile(std::ptr::null_mut(), std::ptr::null_mut()),
            FALSE
        );
        assert_eq!(last_error(), ERROR_CALL_NOT_IMPLEMENTED);
        set_last_error(0);
        assert_eq!(
            InternetSetFilePointer(std::ptr::null_mut(), 0, std::ptr::null_mut(), 0, 0),
            0xFFFF_FFFF
        );
        assert_eq!(last_error(), ERROR_CALL_NOT_IMPLEMENTED);
        set_last_error(0);
        assert_eq!(
            InternetConfirmZoneCrossingA(
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                0
            ),
            ERROR_CALL_NOT_IMPLEMENTED
        );
    }
}
