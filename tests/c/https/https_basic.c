/* Async HTTPS GET through the C API, against the local TLS server that
 * crates/openinet-capi/tests/https_c.rs runs (its CA is not trusted):
 *
 *   InternetConnect + HttpOpenRequest(INTERNET_FLAG_SECURE), the usual
 *   query-OR-set of INTERNET_OPTION_SECURITY_FLAGS (0 before the send;
 *   SECURITY_FLAG_SECURE once sent), HttpSendRequest pends and completes {TRUE, 0},
 *   the body reads back; the same request without the option completes
 *   {FALSE, ERROR_INTERNET_INVALID_CA}; a 600,000-byte body sent in
 *   pieces comes back whole through 1 MiB InternetReadFile buffers (the
 *   engine raises the socket's receive mark for such reads) and through
 *   InternetReadFileEx, whose first read (without IRF_NO_WAIT) fills its
 *   buffer as InternetReadFile does: here the whole body.
 *
 * Usage: https_basic PORT. Prints "ok"/"FAIL" per check and a closing
 * "N passed, N failed" line; exits non-zero on any failure. Self-contained
 * (not a tests/c scenario: those run against the plain test server and
 * under Wine, which has no server to reach here). */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "wininet.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "completion.h"

static int passed, failed;

static void check(int cond, const char *fmt, ...)
{
    va_list ap;
    printf(cond ? "ok " : "FAIL ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    if (cond)
        passed++;
    else
        failed++;
}

/* What the callback saw: statuses of the request in order (the last
 * REQUEST_COMPLETE is completion.h's). */
static DWORD statuses[256];
static int nstatuses;

static void CALLBACK callback(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len)
{
    (void)h;
    (void)ctx;
    pthread_mutex_lock(&mu);
    if (nstatuses < 256)
        statuses[nstatuses++] = status;
    pthread_mutex_unlock(&mu);
    if (status == INTERNET_STATUS_REQUEST_COMPLETE)
        note_completion(info, len);
}

static void reset(void)
{
    pthread_mutex_lock(&mu);
    nstatuses = 0;
    completed = 0;
    pthread_mutex_unlock(&mu);
}

/* Index of the first `status` in the recorded list, or -1. */
static int index_of(DWORD status)
{
    int i, at = -1;
    pthread_mutex_lock(&mu);
    for (i = 0; i < nstatuses; i++)
        if (statuses[i] == status) {
            at = i;
            break;
        }
    pthread_mutex_unlock(&mu);
    return at;
}

/* Sends `req` asynchronously; returns the completion ({FALSE, 258} when
 * none came). */
static INTERNET_ASYNC_RESULT send_async(HINTERNET req)
{
    INTERNET_ASYNC_RESULT r = {FALSE, 258};
    BOOL ok;
    DWORD err;
    reset();
    SetLastError(0xdeadbeef);
    ok = HttpSendRequestA(req, NULL, 0, NULL, 0);
    err = GetLastError();
    check(!ok && err == ERROR_IO_PENDING, "async HttpSendRequest pends (ok=%d err=%lu)", ok,
          (unsigned long)err);
    if (!ok && err == ERROR_IO_PENDING && !wait_complete(&r))
        check(0, "REQUEST_COMPLETE within 10 s");
    return r;
}

/* Reads the whole body (async reads wait for their completion). */
static long read_all(HINTERNET req, char *buf, long cap)
{
    long total = 0;
    for (;;) {
        DWORD n = 0;
        BOOL ok;
        INTERNET_ASYNC_RESULT r;
        if (total >= cap - 1)
            return -1;
        reset();
        ok = InternetReadFile(req, buf + total, (DWORD)(cap - 1 - total), &n);
        if (!ok) {
            if (GetLastError() != ERROR_IO_PENDING || !wait_complete(&r) || !r.dwResult)
                return -1;
        }
        if (n == 0)
            break;
        total += (long)n;
    }
    buf[total] = 0;
    return total;
}

static HINTERNET open_secure(HINTERNET con, DWORD_PTR ctx)
{
    HINTERNET req = HttpOpenRequestA(con, "GET", "/", NULL, NULL, NULL,
                                     INTERNET_FLAG_SECURE | INTERNET_FLAG_RELOAD, ctx);
    check(req != NULL, "HttpOpenRequest(INTERNET_FLAG_SECURE) (err %lu)", (unsigned long)GetLastError());
    return req;
}

/* The test server's body pattern (testserver::pattern): byte i is i % 251. */
static long pattern_mismatch(const unsigned char *p, long n)
{
    long i;
    for (i = 0; i < n; i++)
        if (p[i] != (unsigned char)(i % 251))
            return i;
    return -1;
}

#define BIG_BODY 600000L
#define BIG_URL "/trickle/600000/40000/100" /* 1.5 s: a first read that sees it all would need a 1.4 s stall */

static HINTERNET open_waived(HINTERNET con, const char *path, DWORD_PTR ctx)
{
    DWORD flags = SECURITY_FLAG_IGNORE_UNKNOWN_CA;
    HINTERNET req = HttpOpenRequestA(con, "GET", path, NULL, NULL, NULL,
                                     INTERNET_FLAG_SECURE | INTERNET_FLAG_RELOAD, ctx);
    if (req)
        InternetSetOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, sizeof flags);
    return req;
}

static void big_reads(HINTERNET con)
{
    const long cap = 1024L * 1024L;
    unsigned char *buf = malloc((size_t)cap + 1);
    HINTERNET req;
    INTERNET_ASYNC_RESULT r;
    long n, total = 0, first = -1;

    if (!buf) {
        check(0, "malloc");
        return;
    }
    req = open_waived(con, BIG_URL, 5);
    r = send_async(req);
    check(r.dwResult == TRUE, "the trickled GET completes {TRUE, 0} (got {%lu, %lu})",
          (unsigned long)r.dwResult, (unsigned long)r.dwError);
    n = read_all(req, (char *)buf, cap + 1);
    check(n == BIG_BODY && pattern_mismatch(buf, n) < 0,
          "InternetReadFile with 1 MiB buffers: %ld bytes, first wrong byte at %ld", n,
          n > 0 ? pattern_mismatch(buf, n) : -1);
    InternetCloseHandle(req);

    req = open_waived(con, BIG_URL, 6);
    r = send_async(req);
    for (;;) {
        INTERNET_BUFFERSA ib;
        BOOL ok;
        memset(&ib, 0, sizeof ib);
        ib.dwStructSize = sizeof ib;
        ib.lpvBuffer = buf + total;
        ib.dwBufferLength = (DWORD)(cap - total);
        reset();
        ok = InternetReadFileExA(req, &ib, IRF_ASYNC, 7);
        if (!ok && (GetLastError() != ERROR_IO_PENDING || !wait_complete(&r) || !r.dwResult)) {
            total = -1;
            break;
        }
        if (ib.dwBufferLength == 0)
            break;
        if (first < 0)
            first = (long)ib.dwBufferLength;
        total += (long)ib.dwBufferLength;
        if (total >= cap) {
            total = -1;
            break;
        }
    }
    check(total == BIG_BODY && pattern_mismatch(buf, total) < 0,
          "InternetReadFileEx reads the body whole (%ld bytes)", total);
    check(first == BIG_BODY, "its first read fills the buffer, here with the whole body (%ld bytes)",
          first);
    InternetCloseHandle(req);
    free(buf);
}

int main(int argc, char **argv)
{
    HINTERNET ses, con, req;
    DWORD flags = 0, size = sizeof flags, status = 0, small = 0, err;
    BOOL ok;
    INTERNET_ASYNC_RESULT r;
    char body[256];
    long n;
    int port = argc > 1 ? atoi(argv[1]) : 0;

    if (port <= 0) {
        printf("usage: https_basic PORT\n");
        return 2;
    }
    ses = InternetOpenA("openinet-https-test", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, INTERNET_FLAG_ASYNC);
    check(ses != NULL, "InternetOpen(ASYNC)");
    InternetSetStatusCallback(ses, callback);
    con = InternetConnectA(ses, "127.0.0.1", (INTERNET_PORT)port, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 1);
    check(con != NULL, "InternetConnect");

    /* 1. With the unknown CA waived. */
    req = open_secure(con, 2);
    ok = InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, &size);
    check(ok, "query INTERNET_OPTION_SECURITY_FLAGS (err %lu)", (unsigned long)GetLastError());
    check(size == sizeof(DWORD), "its size is a DWORD (%lu)", (unsigned long)size);
    check(flags == 0, "a secure request reports 0 before its send, as Wine's tests show (0x%lx)",
          (unsigned long)flags);
    size = 2;
    SetLastError(0xdeadbeef);
    ok = InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &small, &size);
    err = GetLastError();
    check(!ok && err == ERROR_INSUFFICIENT_BUFFER, "a 2-byte buffer: ERROR_INSUFFICIENT_BUFFER (err %lu)",
          (unsigned long)err);
    SetLastError(0xdeadbeef);
    ok = InternetSetOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, 2);
    err = GetLastError();
    check(!ok, "setting with a 2-byte length fails (err %lu)", (unsigned long)err);
    flags |= SECURITY_FLAG_IGNORE_UNKNOWN_CA;
    ok = InternetSetOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, sizeof flags);
    check(ok, "set INTERNET_OPTION_SECURITY_FLAGS |= SECURITY_FLAG_IGNORE_UNKNOWN_CA (err %lu)",
          (unsigned long)GetLastError());
    flags = 0;
    size = sizeof flags;
    ok = InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, &size);
    check(ok && flags == SECURITY_FLAG_IGNORE_UNKNOWN_CA,
          "query reads back IGNORE_UNKNOWN_CA (0x%lx)", (unsigned long)flags);

    r = send_async(req);
    check(r.dwResult == TRUE && r.dwError == 0, "the send completes {TRUE, 0} (got {%lu, %lu})",
          (unsigned long)r.dwResult, (unsigned long)r.dwError);
    check(index_of(INTERNET_STATUS_CONNECTED_TO_SERVER) >= 0 &&
              index_of(INTERNET_STATUS_CONNECTED_TO_SERVER) < index_of(INTERNET_STATUS_SENDING_REQUEST),
          "CONNECTED_TO_SERVER, then SENDING_REQUEST");
    size = sizeof status;
    ok = HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &status, &size, NULL);
    check(ok && status == 200,
          "status 200 (got %lu)", (unsigned long)status);
    n = read_all(req, body, sizeof body);
    check(n == 12 && strcmp(body, "conn=1 seq=1") == 0, "the body reads back (%ld: %s)", n,
          n >= 0 ? body : "");
    flags = 0;
    size = sizeof flags;
    ok = InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, &size);
    check(ok && flags == (SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_STRONG | SECURITY_FLAG_IGNORE_UNKNOWN_CA),
          "after the send, SECURE | STRENGTH_STRONG | IGNORE_UNKNOWN_CA (0x%lx)", (unsigned long)flags);
    InternetCloseHandle(req);

    /* 2. Strict: our CA is unknown. */
    req = open_secure(con, 3);
    r = send_async(req);
    check(r.dwResult == FALSE && r.dwError == ERROR_INTERNET_INVALID_CA,
          "without the option the send completes {FALSE, 12045} (got {%lu, %lu})",
          (unsigned long)r.dwResult, (unsigned long)r.dwError);
    InternetCloseHandle(req);

    /* 3. A plain request's flags have no SECURITY_FLAG_SECURE. */
    req = HttpOpenRequestA(con, "GET", "/", NULL, NULL, NULL, INTERNET_FLAG_RELOAD, 4);
    flags = 0xdeadbeef;
    size = sizeof flags;
    ok = req && InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, &size);
    check(ok && (flags & SECURITY_FLAG_SECURE) == 0,
          "a plain request has no SECURITY_FLAG_SECURE (0x%lx)", (unsigned long)flags);
    InternetCloseHandle(req);

    /* 4. Large reads of a body that comes in pieces. */
    big_reads(con);

    InternetCloseHandle(con);
    InternetCloseHandle(ses);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
