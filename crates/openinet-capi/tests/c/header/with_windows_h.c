/* A WinINet program as written for Windows: <windows.h> first, then
 * <wininet.h>, built with -I on OpenINet's include directory alone (so the
 * windows.h is OpenINet's). It prints "ok" when every check holds, else the
 * first failed check, and exits non-zero. */
#include <windows.h>
#include <wininet.h>
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#define CHECK(cond) do { if (!(cond)) { printf("failed: %s (line %d, last error %u)\n", #cond, __LINE__, (unsigned)GetLastError()); return 1; } } while (0)

static void CALLBACK status_cb(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len)
{
    (void)h; (void)ctx; (void)status; (void)info; (void)len;
}

int main(void)
{
    HMODULE wininet = GetModuleHandle(TEXT("wininet.dll"));
    char text[256];
    WCHAR wtext[256];
    LPSTR allocated = NULL;
    DWORD n, n_timeout;
    HINTERNET session;
    SYSTEMTIME st;
    FILETIME ft;
    WIN32_FIND_DATA fd;
    char date[INTERNET_RFC1123_BUFSIZE + 1];
    static const char timeout_text[] = "The request has timed out.\r\n";

    CHECK(wininet != NULL);
    CHECK(GetModuleHandleA("WININET.DLL") == wininet);
    CHECK(GetModuleHandleA(NULL) != NULL && GetModuleHandleA(NULL) != wininet);
    SetLastError(0);
    CHECK(GetModuleHandleA("kernel32.dll") == NULL && GetLastError() == ERROR_MOD_NOT_FOUND);

    /* WinINet's error texts, as Windows programs fetch them. */
    n = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE, wininet, ERROR_INTERNET_TIMEOUT,
                       MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL), text, sizeof(text), NULL);
    CHECK(n == strlen(timeout_text) && strcmp(text, timeout_text) == 0);
    n_timeout = n;
    n = FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_IGNORE_INSERTS,
                       wininet, ERROR_INTERNET_NAME_NOT_RESOLVED, 0, (LPSTR)&allocated, 0, NULL);
    CHECK(n > 0 && allocated != NULL && strlen(allocated) == n);
    CHECK(strcmp(allocated, "The server name could not be resolved.\r\n") == 0);
    LocalFree(allocated);
    n = FormatMessageW(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_MAX_WIDTH_MASK, wininet,
                       ERROR_HTTP_HEADER_NOT_FOUND, 0, wtext, sizeof(wtext) / sizeof(wtext[0]), NULL);
    CHECK(n == strlen("The requested header could not be located. ") && wtext[0] == 'T' && wtext[n - 1] == ' ' && wtext[n] == 0);
    /* The loader's handle of the library (what a shim's GetModuleHandle gives) names it too. */
    {
        void *loaded = dlopen("libwininet.so", RTLD_NOW | RTLD_NOLOAD);
        CHECK(loaded != NULL);
        CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE, (HMODULE)loaded, ERROR_INTERNET_TIMEOUT, 0, text, sizeof(text), NULL) == n_timeout);
        dlclose(loaded);
    }
    /* The program's own module has no WinINet texts. */
    SetLastError(0);
    CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE, GetModuleHandleA(NULL), ERROR_INTERNET_TIMEOUT, 0, text, sizeof(text), NULL) == 0);
    CHECK(GetLastError() == ERROR_RESOURCE_TYPE_NOT_FOUND);
    SetLastError(0);
    CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE, wininet, 12999, 0, text, sizeof(text), NULL) == 0);
    CHECK(GetLastError() == ERROR_MR_MID_NOT_FOUND);
    SetLastError(0);
    CHECK(FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE, wininet, ERROR_INTERNET_TIMEOUT, 0, text, 4, NULL) == 0);
    CHECK(GetLastError() == ERROR_INSUFFICIENT_BUFFER);

    /* The base types and structures are windows.h's, and wininet.h uses them. */
    memset(&st, 0, sizeof(st));
    st.wYear = 2024; st.wMonth = 1; st.wDay = 1; st.wDayOfWeek = 1;
    CHECK(InternetTimeFromSystemTimeA(&st, INTERNET_RFC1123_FORMAT, date, sizeof(date)));
    CHECK(strcmp(date, "Mon, 01 Jan 2024 00:00:00 GMT") == 0);
    ft.dwLowDateTime = 0; ft.dwHighDateTime = 0;
    fd.ftLastWriteTime = ft;
    fd.cFileName[0] = 0;
    CHECK(sizeof(fd.cFileName) / sizeof(fd.cFileName[0]) == MAX_PATH);

    session = InternetOpen(TEXT("with_windows_h"), INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    CHECK(session != NULL);
    CHECK(InternetSetStatusCallback(session, status_cb) == NULL);
    CHECK(InternetCloseHandle(session));

    /* A feature Windows removed fails as such. */
    SetLastError(0);
    CHECK(GopherOpenFileA(NULL, "1/", NULL, 0, 0) == NULL && GetLastError() == ERROR_NOT_SUPPORTED);

    printf("ok\n");
    return 0;
}
