/*
 * windows.h - OpenINet's minimal stand-in for the Windows header.
 *
 * Just enough of <windows.h> for a WinINet program written for Windows to
 * compile unchanged against OpenINet with -I on this directory alone:
 *
 *     #include <windows.h>
 *     #include <wininet.h>
 *
 * It declares the base types, the generic ERROR_* codes, FILETIME,
 * SYSTEMTIME and WIN32_FIND_DATA, GetLastError/SetLastError, and
 * FormatMessage for WinINet's error texts (all exported by libwininet),
 * and it defines the guard macros of the real headers (_WINDEF_,
 * _MINWINDEF_, _FILETIME_, _WINBASE_, _MINWINBASE_, _WINERROR_, ...), so
 * wininet.h reuses these definitions instead of defining its own. A program
 * that brings its own windows.h (winelib's, a test shim's) never sees this
 * file. Nothing else of the Windows API is here.
 *
 * Sizes are Windows' (LLP64): DWORD, LONG and ULONG are 32 bits, WCHAR is
 * a 16-bit UTF-16 unit (char16_t in C++11, uint16_t in C), pointers and
 * *_PTR types are pointer-sized. WINAPI and CALLBACK are empty: the library
 * uses the platform C calling convention.
 */
#ifndef _WINDOWS_
#define _WINDOWS_

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* The real headers' guards: wininet.h (and other headers) test them. */
#ifndef _WINDEF_
#define _WINDEF_
#endif
#ifndef _MINWINDEF_
#define _MINWINDEF_
#endif
#ifndef _WINNT_
#define _WINNT_
#endif
#ifndef _BASETSD_H_
#define _BASETSD_H_
#endif
#ifndef _WINBASE_
#define _WINBASE_
#endif
#ifndef _MINWINBASE_
#define _MINWINBASE_
#endif
#ifndef _WINERROR_
#define _WINERROR_
#endif

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WINAPI
#define WINAPI
#endif
#ifndef CALLBACK
#define CALLBACK
#endif
#ifndef APIENTRY
#define APIENTRY WINAPI
#endif
#ifndef VOID
#define VOID void
#endif
#ifndef CONST
#define CONST const
#endif

/* ---- Scalar types ---- */
typedef int BOOL, *PBOOL, *LPBOOL;
typedef unsigned char BYTE, *PBYTE, *LPBYTE;
typedef unsigned char UCHAR, *PUCHAR;
typedef char CHAR, *PCHAR;
typedef short SHORT, *PSHORT;
typedef unsigned short USHORT, *PUSHORT;
typedef unsigned short WORD, *PWORD, *LPWORD;
typedef int INT, *PINT, *LPINT;
typedef unsigned int UINT, *PUINT;
typedef int LONG, *PLONG, *LPLONG;
typedef unsigned int ULONG, *PULONG;
typedef unsigned int DWORD, *PDWORD, *LPDWORD;
typedef long long LONGLONG, *PLONGLONG;
typedef unsigned long long ULONGLONG, *PULONGLONG;
typedef unsigned long long DWORDLONG, DWORD64;
typedef intptr_t INT_PTR, LONG_PTR;
typedef uintptr_t UINT_PTR, ULONG_PTR, DWORD_PTR;
typedef ULONG_PTR SIZE_T;
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM, LRESULT;
typedef LONG HRESULT;
typedef WORD LANGID;
typedef DWORD LCID;

/* ---- Characters and strings ---- */
#if defined(__cplusplus) && __cplusplus >= 201103L
typedef char16_t WCHAR;
#else
typedef uint16_t WCHAR;
#endif
typedef CHAR *PSTR, *LPSTR;
typedef const CHAR *PCSTR, *LPCSTR;
typedef WCHAR *PWSTR, *LPWSTR;
typedef const WCHAR *PCWSTR, *LPCWSTR;
#ifdef UNICODE
typedef WCHAR TCHAR;
typedef LPWSTR LPTSTR;
typedef LPCWSTR LPCTSTR;
#else
typedef CHAR TCHAR;
typedef LPSTR LPTSTR;
typedef LPCSTR LPCTSTR;
#endif

/* TEXT("...") follows UNICODE: u"" where the language has it (its char16_t
 * is WCHAR's 16-bit type), else L"" (build with -fshort-wchar). */
#ifdef UNICODE
#if (defined(__cplusplus) && __cplusplus >= 201103L) || \
    (!defined(__cplusplus) && defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L)
#define TEXT(s) u"" s
#else
#define TEXT(s) L"" s
#endif
#else
#define TEXT(s) s
#endif
#ifndef _T
#define _T(s) TEXT(s)
#endif

/* ---- Pointers and handles ---- */
typedef void *PVOID, *LPVOID;
typedef const void *LPCVOID;
typedef void *HANDLE, **PHANDLE, **LPHANDLE;
typedef void *HWND;
typedef void *HINSTANCE;
typedef HINSTANCE HMODULE;
typedef void *HKEY;
typedef HANDLE HGLOBAL, HLOCAL;
typedef INT_PTR (WINAPI *FARPROC)(void);

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#ifndef MAX_PATH
#define MAX_PATH 260
#endif
#ifndef INFINITE
#define INFINITE 0xFFFFFFFF
#endif

/* ---- Languages (FormatMessage's dwLanguageId) ---- */
#define MAKELANGID(p, s) ((((WORD)(s)) << 10) | (WORD)(p))
#define PRIMARYLANGID(lgid) ((WORD)(lgid) & 0x3ff)
#define SUBLANGID(lgid) ((WORD)(lgid) >> 10)
#define LANG_NEUTRAL 0x00
#define LANG_ENGLISH 0x09
#define SUBLANG_NEUTRAL 0x00
#define SUBLANG_DEFAULT 0x01
#define SUBLANG_SYS_DEFAULT 0x02
#define SUBLANG_ENGLISH_US 0x01

/* ---- Times and file data ---- */
#ifndef _FILETIME_
#define _FILETIME_
typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;
#endif

#ifndef _SYSTEMTIME_
#define _SYSTEMTIME_
typedef struct _SYSTEMTIME {
    WORD wYear;
    WORD wMonth;
    WORD wDayOfWeek;
    WORD wDay;
    WORD wHour;
    WORD wMinute;
    WORD wSecond;
    WORD wMilliseconds;
} SYSTEMTIME, *PSYSTEMTIME, *LPSYSTEMTIME;
#endif

typedef struct _WIN32_FIND_DATAA {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
    DWORD dwReserved0;
    DWORD dwReserved1;
    CHAR cFileName[MAX_PATH];
    CHAR cAlternateFileName[14];
} WIN32_FIND_DATAA, *PWIN32_FIND_DATAA, *LPWIN32_FIND_DATAA;

typedef struct _WIN32_FIND_DATAW {
    DWORD dwFileAttributes;
    FILETIME ftCreationTime;
    FILETIME ftLastAccessTime;
    FILETIME ftLastWriteTime;
    DWORD nFileSizeHigh;
    DWORD nFileSizeLow;
    DWORD dwReserved0;
    DWORD dwReserved1;
    WCHAR cFileName[MAX_PATH];
    WCHAR cAlternateFileName[14];
} WIN32_FIND_DATAW, *PWIN32_FIND_DATAW, *LPWIN32_FIND_DATAW;

#ifdef UNICODE
typedef WIN32_FIND_DATAW WIN32_FIND_DATA, *PWIN32_FIND_DATA, *LPWIN32_FIND_DATA;
#else
typedef WIN32_FIND_DATAA WIN32_FIND_DATA, *PWIN32_FIND_DATA, *LPWIN32_FIND_DATA;
#endif

/* ---- Generic error codes (winerror.h) ---- */
#define ERROR_SUCCESS 0
#define NO_ERROR 0
#define ERROR_INVALID_FUNCTION 1
#define ERROR_FILE_NOT_FOUND 2
#define ERROR_PATH_NOT_FOUND 3
#define ERROR_ACCESS_DENIED 5
#define ERROR_TOO_MANY_OPEN_FILES 4
#define ERROR_INVALID_HANDLE 6
#define ERROR_NOT_ENOUGH_MEMORY 8
#define ERROR_INVALID_DATA 13
#define ERROR_OUTOFMEMORY 14
#define ERROR_NO_MORE_FILES 18
#define ERROR_SHARING_VIOLATION 32
#define ERROR_HANDLE_EOF 38
#define ERROR_NOT_SUPPORTED 50
#define ERROR_FILE_EXISTS 80
#define ERROR_INVALID_PARAMETER 87
#define ERROR_CALL_NOT_IMPLEMENTED 120
#define ERROR_INSUFFICIENT_BUFFER 122
#define ERROR_INVALID_NAME 123
#define ERROR_MOD_NOT_FOUND 126
#define ERROR_PROC_NOT_FOUND 127
#define ERROR_BAD_ARGUMENTS 160
#define ERROR_BAD_PATHNAME 161
#define ERROR_ALREADY_EXISTS 183
#define ERROR_MORE_DATA 234
#define ERROR_NO_MORE_ITEMS 259
#define ERROR_MR_MID_NOT_FOUND 317
#define ERROR_OPERATION_ABORTED 995
#define ERROR_IO_INCOMPLETE 996
#define ERROR_IO_PENDING 997
#define ERROR_NOACCESS 998
#define ERROR_INVALID_FLAGS 1004
#define ERROR_INTERNAL_ERROR 1359
#define ERROR_TIMEOUT 1460
#define ERROR_RESOURCE_TYPE_NOT_FOUND 1813
#define ERROR_RESOURCE_LANG_NOT_FOUND 1815

/* ---- The last error (libwininet keeps it per thread) ---- */
DWORD WINAPI GetLastError(void);
void WINAPI SetLastError(DWORD dwErrCode);

/* ---- FormatMessage (libwininet answers for WinINet's own texts) ----
 * Pass FORMAT_MESSAGE_FROM_HMODULE with GetModuleHandle(TEXT("wininet.dll")).
 * With FORMAT_MESSAGE_ALLOCATE_BUFFER the text comes from malloc: free it
 * with LocalFree. */
#define FORMAT_MESSAGE_ALLOCATE_BUFFER 0x00000100
#define FORMAT_MESSAGE_IGNORE_INSERTS 0x00000200
#define FORMAT_MESSAGE_FROM_STRING 0x00000400
#define FORMAT_MESSAGE_FROM_HMODULE 0x00000800
#define FORMAT_MESSAGE_FROM_SYSTEM 0x00001000
#define FORMAT_MESSAGE_ARGUMENT_ARRAY 0x00002000
#define FORMAT_MESSAGE_MAX_WIDTH_MASK 0x000000FF

DWORD WINAPI FormatMessageA(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId,
    LPSTR lpBuffer, DWORD nSize, va_list *Arguments);
DWORD WINAPI FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId,
    LPWSTR lpBuffer, DWORD nSize, va_list *Arguments);

/* LocalFree for FormatMessage's buffers: they come from malloc. */
static inline HLOCAL LocalFree(HLOCAL hMem)
{
    free(hMem);
    return NULL;
}

/* GetModuleHandle knows one module: WinINet ("wininet.dll", "wininet" or a
 * libwininet.so path), whose handle is an address inside the library. NULL
 * (the program itself) gets a handle of its own; any other name fails with
 * ERROR_MOD_NOT_FOUND. */
static inline int openinet_is_wininet_name(const char *name)
{
    const char *base = name, *p;
    const char *want[] = { "wininet.dll", "wininet", "libwininet.so" };
    size_t i, j;
    for (p = name; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        for (j = 0; want[i][j]; j++) {
            char c = base[j];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != want[i][j])
                break;
        }
        if (!want[i][j] && (base[j] == 0 || i == 2))
            return 1;
    }
    return 0;
}

static inline HMODULE GetModuleHandleA(LPCSTR lpModuleName)
{
    static const char program_module = 0;
    if (!lpModuleName)
        return (HMODULE)&program_module;
    if (openinet_is_wininet_name(lpModuleName))
        return (HMODULE)(UINT_PTR)&FormatMessageA;
    SetLastError(ERROR_MOD_NOT_FOUND);
    return NULL;
}

static inline HMODULE GetModuleHandleW(LPCWSTR lpModuleName)
{
    char name[MAX_PATH];
    size_t i;
    if (!lpModuleName)
        return GetModuleHandleA(NULL);
    for (i = 0; lpModuleName[i] && i + 1 < sizeof(name); i++)
        name[i] = lpModuleName[i] < 0x80 ? (char)lpModuleName[i] : '?';
    name[i] = 0;
    return GetModuleHandleA(name);
}

#ifdef UNICODE
#define FormatMessage FormatMessageW
#define GetModuleHandle GetModuleHandleW
#else
#define FormatMessage FormatMessageA
#define GetModuleHandle GetModuleHandleA
#endif

#ifdef __cplusplus
}
#endif

#endif /* _WINDOWS_ */
