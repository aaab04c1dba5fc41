/* Every buffer-taking call with its buffer placed right before an unmapped
 * page (issue 9's adversarial suite): for lengths 0..8, and once more for
 * the exact length the call asks for, a read or write of one byte past the
 * length the call was given faults (SIGSEGV) instead of passing unseen.
 *
 * Inputs, counted and unterminated: InternetSetOption with a DWORD option
 * and with string options (A and W), HttpAddRequestHeaders' text (A, W),
 * HttpSendRequest's headers and body (A, W), InternetCrackUrl's URL with
 * its length (A, W).
 * Outputs: InternetQueryOption (A, W), HttpQueryInfo (text, number and
 * SYSTEMTIME forms, A and W), InternetReadFile, InternetReadFileEx,
 * InternetCanonicalizeUrl, InternetCombineUrl, InternetCreateUrl,
 * InternetCrackUrl's component buffers, InternetGetCookie,
 * InternetTimeFromSystemTime, InternetGetLastResponseInfo (A and W each).
 *
 * What each call answers is checked elsewhere; here a call passes when it
 * returns at all, and when it says it succeeded, the length it reports fits
 * the buffer it was given. Lengths of W calls are in the unit each call's
 * documentation gives (bytes for options and HttpQueryInfo, characters for
 * the URL functions); the buffers are sized in bytes accordingly.
 *
 * Usage: edge_buffers PORT (a testserver). Prints "FAIL ..." per failed
 * check and "N passed, N failed"; exits non-zero on any failure. */
#define _DEFAULT_SOURCE
#include "wininet.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int passed, failed;

static void check(int ok, const char *what, size_t n)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s (length %zu, error %lu)\n", what, n, (unsigned long)GetLastError());
    }
}

/* The last `bytes` bytes before an unmapped page, filled with `fill`. */
static void *edge(size_t bytes, int fill)
{
    static unsigned char *base;
    static size_t page;
    if (!base) {
        page = (size_t)sysconf(_SC_PAGESIZE);
        base = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (base == MAP_FAILED || mprotect(base + page, page, PROT_NONE) != 0) {
            perror("mmap");
            _exit(2);
        }
    }
    memset(base + page - bytes, fill, bytes);
    return base + page - bytes;
}

/* A wide string of `n` copies of `c`, ending at the page. */
static WCHAR *wedge(size_t n, WCHAR c)
{
    WCHAR *w = edge(2 * n, 0);
    size_t i;
    for (i = 0; i < n; i++)
        w[i] = c;
    return w;
}

/* An ASCII string as a NUL-terminated wide one (kept for the run). */
static WCHAR *W(const char *s)
{
    size_t i, n = strlen(s);
    WCHAR *w = malloc((n + 1) * sizeof *w);
    for (i = 0; i <= n; i++)
        w[i] = (WCHAR)(unsigned char)s[i];
    return w;
}

static const char URL[] = "http://user:pw@example.com:8080/a/b/../c?q=1#f";
#define LENGTHS 9 /* 0..8; the exact length is tried apart */

static HINTERNET ses, con;
static INTERNET_PORT port;

/* A sent GET of `path`, its response head read. */
static HINTERNET sent(const char *path)
{
    HINTERNET req = HttpOpenRequestA(con, "GET", path, NULL, NULL, NULL, INTERNET_FLAG_RELOAD, 0);
    if (!req || !HttpSendRequestA(req, NULL, 0, NULL, 0)) {
        printf("FAIL cannot send %s (error %lu)\n", path, (unsigned long)GetLastError());
        exit(1);
    }
    return req;
}

static void inputs(void)
{
    static const DWORD string_options[] = {INTERNET_OPTION_USERNAME, INTERNET_OPTION_PASSWORD,
                                           INTERNET_OPTION_PROXY_USERNAME, INTERNET_OPTION_PROXY_PASSWORD,
                                           INTERNET_OPTION_USER_AGENT};
    size_t n, o;
    for (n = 0; n < LENGTHS; n++) {
        HINTERNET req;
        URL_COMPONENTSA uc;
        URL_COMPONENTSW ucw;
        BOOL ok;

        ok = InternetSetOptionA(con, INTERNET_OPTION_CONNECT_TIMEOUT, edge(n, 0x11), (DWORD)n);
        check(n >= 4 || !ok, "SetOption(CONNECT_TIMEOUT) (A) shorter than a DWORD fails", n);
        ok = InternetSetOptionW(con, INTERNET_OPTION_CONNECT_TIMEOUT, edge(n, 0x11), (DWORD)n);
        check(n >= 4 || !ok, "SetOption(CONNECT_TIMEOUT) (W) shorter than a DWORD fails", n);
        for (o = 0; o < sizeof string_options / sizeof *string_options; o++) {
            HINTERNET h = string_options[o] == INTERNET_OPTION_USER_AGENT ? ses : con;
            InternetSetOptionA(h, string_options[o], edge(n, 'u'), (DWORD)n);
            InternetSetOptionW(h, string_options[o], wedge(n, 'u'), (DWORD)n);
            /* An LPVOID at an odd address, its last unit at the edge. */
            InternetSetOptionW(h, string_options[o], (char *)edge(2 * n + 1, 'v') + 1, (DWORD)n);
            check(1, "SetOption(string)", n);
        }

        req = HttpOpenRequestA(con, "GET", "/hello", NULL, NULL, NULL, INTERNET_FLAG_RELOAD, 0);
        /* "X:yyyy..." cut at n: no NUL, no line end. */
        {
            char *a = edge(n, 'y');
            WCHAR *w = wedge(n, 'y');
            if (n > 0) {
                a[0] = 'X';
                w[0] = 'X';
            }
            if (n > 1) {
                a[1] = ':';
                w[1] = ':';
            }
            HttpAddRequestHeadersA(req, a, (DWORD)n, HTTP_ADDREQ_FLAG_ADD);
            HttpAddRequestHeadersW(req, w, (DWORD)n, HTTP_ADDREQ_FLAG_ADD);
            check(1, "HttpAddRequestHeaders", n);
            /* Headers and a body, both ending at the page. */
            a = edge(n, 'z');
            if (n > 0)
                a[0] = 'Z';
            if (n > 1)
                a[1] = ':';
            HttpSendRequestA(req, n ? a : NULL, (DWORD)n, edge(n, 'b'), (DWORD)n);
            check(1, "HttpSendRequestA with counted headers and body", n);
        }
        InternetCloseHandle(req);
        req = HttpOpenRequestA(con, "GET", "/hello", NULL, NULL, NULL, INTERNET_FLAG_RELOAD, 0);
        HttpSendRequestW(req, n ? wedge(n, 'z') : NULL, (DWORD)n, edge(n, 'b'), (DWORD)n);
        check(1, "HttpSendRequestW with counted headers and body", n);
        InternetCloseHandle(req);

        /* A counted URL that is not NUL-terminated. */
        memset(&uc, 0, sizeof uc);
        uc.dwStructSize = sizeof uc;
        uc.dwHostNameLength = 1;
        uc.dwUrlPathLength = 1;
        /* A length of 0 means "NUL-terminated": from 1 on. */
        if (n == 0)
            continue;
        InternetCrackUrlA(memcpy(edge(n, 0), URL, n), (DWORD)n, 0, &uc);
        check(1, "InternetCrackUrlA with a counted URW(", n);
        memset(&ucw, 0, sizeof ucw);
        ucw.dwStructSize = sizeof ucw;
        ucw.dwHostNameLength = 1;
        {
            WCHAR *w = edge(2 * n, 0);
            for (o = 0; o < n; o++)
                w[o] = (WCHAR)URL[o];
            InternetCrackUrlW(w, (DWORD)n, 0, &ucw);
        }
        check(1, ")InternetCrackUrlW with a counted URW(", n);
    }
}

/* Outputs whose exact size is learnt from a first call with no room. */
#define EXACT(what, expr_with_buf_len, unit)                                                                        \
    do {                                                                                                            \
        DWORD len = 0;                                                                                              \
        void *buf = NULL;                                                                                           \
        BOOL ok_ = (expr_with_buf_len);                                                                             \
        if (!ok_ && GetLastError() == ERROR_INSUFFICIENT_BUFFER && len > 0 && len < 65536) {                        \
            size_t exact = len;                                                                                     \
            buf = edge(exact * (unit), 0x5a);                                                                       \
            ok_ = (expr_with_buf_len);                                                                              \
            check(ok_ && len < exact + 1, what ") at its exact length", exact);                                      \
        } else {                                                                                                    \
            check(ok_ || GetLastError() != ERROR_INSUFFICIENT_BUFFER, what " reports a size", 0);                   \
        }                                                                                                           \
    } while (0)

/* The same call for lengths 0..8: a success reports a length within. */
#define SWEEP(what, expr_with_buf_len, unit)                                                                        \
    do {                                                                                                            \
        size_t n_;                                                                                                  \
        for (n_ = 0; n_ < LENGTHS; n_++) {                                                                          \
            DWORD len = (DWORD)n_;                                                                                  \
            void *buf = edge(n_ * (unit), 0x5a);                                                                    \
            BOOL ok_ = (expr_with_buf_len);                                                                         \
            check(!ok_ || len <= n_ * (unit), what, n_);                                                            \
        }                                                                                                           \
        EXACT(what, expr_with_buf_len, unit);                                                                       \
    } while (0)

static void outputs_all(void)
{
    HINTERNET req = sent("/hello");
    static const DWORD options[] = {INTERNET_OPTION_USER_AGENT, INTERNET_OPTION_URL, INTERNET_OPTION_CONNECT_TIMEOUT,
                                    INTERNET_OPTION_HANDLE_TYPE, INTERNET_OPTION_SECURITY_FLAGS,
                                    INTERNET_OPTION_VERSION};
    static const DWORD queries[] = {HTTP_QUERY_STATUS_TEXT, HTTP_QUERY_RAW_HEADERS_CRLF, HTTP_QUERY_RAW_HEADERS,
                                    HTTP_QUERY_CONTENT_LENGTH, HTTP_QUERY_CONTENT_LENGTH | HTTP_QUERY_FLAG_NUMBER,
                                    HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, HTTP_QUERY_VERSION,
                                    HTTP_QUERY_DATE | HTTP_QUERY_FLAG_SYSTEMTIME,
                                    HTTP_QUERY_USER_AGENT | HTTP_QUERY_FLAG_REQUEST_HEADERS};
    size_t i;
    SYSTEMTIME st = {2024, 2, 4, 29, 13, 14, 15, 0};

    for (i = 0; i < sizeof options / sizeof *options; i++) {
        HINTERNET h = options[i] == INTERNET_OPTION_USER_AGENT ? ses : req;
        SWEEP("InternetQueryOptionA", InternetQueryOptionA(h, options[i], buf, &len), 1);
        SWEEP("InternetQueryOptionW", InternetQueryOptionW(h, options[i], buf, &len), 1);
    }
    for (i = 0; i < sizeof queries / sizeof *queries; i++) {
        SWEEP("HttpQueryInfoA", HttpQueryInfoA(req, queries[i], buf, &len, NULL), 1);
        SWEEP("HttpQueryInfoW", HttpQueryInfoW(req, queries[i], buf, &len, NULL), 1);
    }
    {
        /* A custom header's name at an odd address, ending at the edge. */
        size_t n;
        for (n = 1; n < LENGTHS; n++) {
            DWORD len = (DWORD)(2 * n);
            char *name = (char *)edge(2 * n + 1, 0) + 1;
            for (i = 0; i < n; i++)
                memcpy(name + 2 * i, "X\0", 2);
            HttpQueryInfoW(req, HTTP_QUERY_CUSTOM, name, &len, NULL);
            check(1, "HttpQueryInfoW(CUSTOM) with an odd, unterminated name", n);
        }
    }
    SWEEP("InternetCanonicalizeUrlA", InternetCanonicalizeUrlA(URL, buf, &len, 0), 1);
    SWEEP("InternetCanonicalizeUrlW", InternetCanonicalizeUrlW(W("http://h/a/../b c"), buf, &len, 0), 2);
    SWEEP("InternetCombineUrlA", InternetCombineUrlA("http://h/a/b", "../c d", buf, &len, 0), 1);
    SWEEP("InternetCombineUrlW", InternetCombineUrlW(W("http://h/a/b"), W("../c"), buf, &len, 0), 2);
    {
        URL_COMPONENTSA uc;
        URL_COMPONENTSW ucw;
        memset(&uc, 0, sizeof uc);
        uc.dwStructSize = sizeof uc;
        uc.lpszScheme = "http";
        uc.nScheme = INTERNET_SCHEME_HTTP;
        uc.lpszHostName = "example.com";
        uc.nPort = 81;
        uc.lpszUrlPath = "/p";
        SWEEP("InternetCreateUrlA", InternetCreateUrlA(&uc, 0, buf, &len), 1);
        memset(&ucw, 0, sizeof ucw);
        ucw.dwStructSize = sizeof ucw;
        ucw.lpszScheme = W("http");
        ucw.nScheme = INTERNET_SCHEME_HTTP;
        ucw.lpszHostName = W("example.com");
        ucw.nPort = 81;
        ucw.lpszUrlPath = W("/p");
        SWEEP("InternetCreateUrlW", InternetCreateUrlW(&ucw, 0, buf, &len), 2);
    }
    /* InternetCrackUrl's component buffers, each ending at the page. */
    {
        size_t n;
        for (n = 1; n < LENGTHS; n++) {
            URL_COMPONENTSA uc;
            URL_COMPONENTSW ucw;
            memset(&uc, 0, sizeof uc);
            uc.dwStructSize = sizeof uc;
            uc.lpszHostName = edge(n, 0x5a);
            uc.dwHostNameLength = (DWORD)n;
            if (InternetCrackUrlA(URL, 0, 0, &uc))
                check(uc.dwHostNameLength < n, "InternetCrackUrlA host buffer", n);
            else
                check(GetLastError() == ERROR_INSUFFICIENT_BUFFER, "InternetCrackUrlA host buffer error", n);
            memset(&ucw, 0, sizeof ucw);
            ucw.dwStructSize = sizeof ucw;
            ucw.lpszUrlPath = edge(2 * n, 0x5a);
            ucw.dwUrlPathLength = (DWORD)n;
            if (InternetCrackUrlW(W("http://h/abcdefghij"), 0, 0, &ucw))
                check(ucw.dwUrlPathLength < n, "InternetCrackUrlW path buffer", n);
            else
                check(GetLastError() == ERROR_INSUFFICIENT_BUFFER, "InternetCrackUrlW path buffer error", n);
        }
    }
    InternetSetCookieA("http://edge.test/", "edge", "value");
    SWEEP("InternetGetCookieA", InternetGetCookieA("http://edge.test/", NULL, buf, &len), 1);
    SWEEP("InternetGetCookieW", InternetGetCookieW(W("http://edge.test/"), NULL, buf, &len), 2);
    {
        size_t n;
        for (n = 0; n < 40; n++) {
            InternetTimeFromSystemTimeA(&st, INTERNET_RFC1123_FORMAT, edge(n, 0x5a), (DWORD)n);
            InternetTimeFromSystemTimeW(&st, INTERNET_RFC1123_FORMAT, edge(n, 0x5a), (DWORD)n);
            check(1, "InternetTimeFromSystemTime", n);
        }
    }
    {
        DWORD err;
        SWEEP("InternetGetLastResponseInfoA", InternetGetLastResponseInfoA(&err, buf, &len), 1);
        SWEEP("InternetGetLastResponseInfoW", InternetGetLastResponseInfoW(&err, buf, &len), 2);
    }
    InternetCloseHandle(req);

    /* Body reads into buffers of 0..8 bytes at the page's edge. */
    {
        size_t n;
        for (n = 0; n < LENGTHS; n++) {
            DWORD got = 0xdeadbeef;
            INTERNET_BUFFERSA ib;
            req = sent("/hello");
            check(InternetReadFile(req, edge(n, 0x5a), (DWORD)n, &got) && got <= n, "InternetReadFile", n);
            memset(&ib, 0, sizeof ib);
            ib.dwStructSize = sizeof ib;
            ib.lpvBuffer = edge(n, 0x5a);
            ib.dwBufferLength = (DWORD)n;
            if (InternetReadFileExA(req, &ib, IRF_SYNC, 0))
                check(ib.dwBufferLength <= n, "InternetReadFileExA", n);
            else
                check(1, "InternetReadFileExA fails", n);
            InternetCloseHandle(req);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: edge_buffers PORT\n");
        return 2;
    }
    port = (INTERNET_PORT)atoi(argv[1]);
    ses = InternetOpenA("edge", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    con = InternetConnectA(ses, "127.0.0.1", port, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 0);
    if (!ses || !con) {
        printf("FAIL setup\n");
        return 1;
    }
    inputs();
    outputs_all();
    InternetCloseHandle(ses);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
