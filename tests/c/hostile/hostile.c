/*
 * hostile.c - drives OpenINet through the C API against a hostile server
 * (crates/openinet-capi/tests/hostile.rs), which answers GET /case/<n> with
 * generated garbage: random bytes, truncated heads, huge header counts,
 * lying Content-Lengths, broken chunk sizes, NULs, very long lines, slow
 * drips, resets.
 *
 * Usage: hostile <port> <first-case> <case-count>
 *
 * For each case, in async mode with a status callback: HttpSendRequest,
 * HttpQueryInfo (RAW_HEADERS_CRLF and a few ids, A and W, with NULL, tiny
 * and exact buffers), InternetQueryDataAvailable and InternetReadFile until
 * the body ends (or a cap), InternetCloseHandle. Every call must return
 * TRUE, or FALSE with a WinINet error; ERROR_INTERNET_INTERNAL_ERROR (a
 * panic caught at the C boundary) counts as a crash. A pended call must
 * complete within WAIT_MS. After a body fails, further reads and data
 * checks must give the same error. Prints one line per case ("case N
 * send=.. status=.. body=<bytes> body_err=.. hash=<FNV-1a of the body
 * bytes delivered>") and a summary; exits 0 only when every call behaved.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "wininet.h"
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The longest any pended call may take: the receive timeout is 700 ms, so
 * this is only reached when something hangs. */
#define WAIT_MS 15000
/* Body bytes read per case before giving up on an endless body. */
#define BODY_CAP (4u << 20)

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static unsigned long completions;
static INTERNET_ASYNC_RESULT last_result;
static unsigned long callbacks;
static int failures;
static int cur_case = -1;

#define ERROR_INTERNET_INTERNAL_ERROR_ 12004

static void fail(const char *what, unsigned long err)
{
    failures++;
    printf("FAIL case %d: %s (error %lu)\n", cur_case, what, err);
    fflush(stdout);
}

static void OPENINET_CALLBACK callback(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len)
{
    (void)h;
    (void)ctx;
    pthread_mutex_lock(&lock);
    callbacks++;
    if (status == INTERNET_STATUS_REQUEST_COMPLETE) {
        if (info && len >= sizeof(INTERNET_ASYNC_RESULT))
            memcpy(&last_result, info, sizeof last_result);
        else
            fail("REQUEST_COMPLETE without an INTERNET_ASYNC_RESULT", len);
        completions++;
        pthread_cond_broadcast(&cond);
    }
    pthread_mutex_unlock(&lock);
}

static unsigned long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long)ts.tv_sec * 1000 + (unsigned long)ts.tv_nsec / 1000000;
}

/* An error a WinINet call may fail with: the Win32 ones the API uses, and
 * the ERROR_INTERNET_* / ERROR_HTTP_* range, except INTERNAL_ERROR. */
static int plausible(unsigned long err)
{
    if (err == ERROR_INTERNET_INTERNAL_ERROR_)
        return 0;
    if (err >= 12001 && err <= 12200)
        return 1;
    return err == ERROR_INSUFFICIENT_BUFFER || err == ERROR_INVALID_PARAMETER ||
           err == 6 /* ERROR_INVALID_HANDLE */ ||
           err == 8 /* ERROR_NOT_ENOUGH_MEMORY */ || err == 1 /* ERROR_INVALID_FUNCTION */ ||
           err == 259 /* ERROR_NO_MORE_ITEMS */;
}

/* Turns a call's result into its final one: waits for REQUEST_COMPLETE
 * when it pended. Returns TRUE/FALSE; *err gets the error. */
static BOOL settle(const char *what, BOOL ok, unsigned long before, DWORD *err, int *pended)
{
    *pended = 0;
    if (ok) {
        *err = 0;
        return TRUE;
    }
    *err = GetLastError();
    if (*err != ERROR_IO_PENDING) {
        if (!plausible(*err))
            fail(what, *err);
        return FALSE;
    }
    *pended = 1;
    unsigned long start = now_ms();
    pthread_mutex_lock(&lock);
    while (completions == before) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 50 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&cond, &lock, &ts);
        if (now_ms() - start > WAIT_MS) {
            pthread_mutex_unlock(&lock);
            printf("HANG case %d: %s pended and never completed\n", cur_case, what);
            fflush(stdout);
            exit(3);
        }
    }
    INTERNET_ASYNC_RESULT r = last_result;
    pthread_mutex_unlock(&lock);
    *err = r.dwError;
    if (!r.dwResult && !plausible(r.dwError))
        fail(what, r.dwError);
    return r.dwResult ? TRUE : FALSE;
}

static unsigned long count_completions(void)
{
    pthread_mutex_lock(&lock);
    unsigned long n = completions;
    pthread_mutex_unlock(&lock);
    return n;
}

/* HttpQueryInfoA with a NULL buffer, tiny buffers, then the size asked
 * for: the length rules must hold whatever the server sent. */
static void query_a(HINTERNET req, DWORD level, const char *custom)
{
    char small[8];
    DWORD len = 0, idx = 0;
    BOOL ok;

    SetLastError(0);
    ok = HttpQueryInfoA(req, level, NULL, &len, NULL);
    DWORD err = GetLastError();
    if (ok) {
        fail("HttpQueryInfoA with a NULL buffer succeeded", level);
        return;
    }
    if (!plausible(err))
        fail("HttpQueryInfoA(NULL)", err);
    if (err != ERROR_INSUFFICIENT_BUFFER)
        return;
    for (DWORD cap = 1; cap <= sizeof small; cap += 6) {
        memset(small, 0x55, sizeof small);
        if (custom)
            snprintf(small, sizeof small, "%s", custom);
        DWORD l = cap;
        ok = HttpQueryInfoA(req, level, small, &l, NULL);
        err = ok ? 0 : GetLastError();
        if (ok && (l >= cap || small[l] != 0))
            fail("HttpQueryInfoA: length past the buffer or no NUL", l);
        if (!ok && !plausible(err))
            fail("HttpQueryInfoA(small)", err);
    }
    if (len > (64u << 20)) {
        fail("HttpQueryInfoA asks for more than 64 MiB", len);
        return;
    }
    char *buf = malloc(len + 1);
    if (!buf)
        return;
    memset(buf, 0, len + 1);
    if (custom)
        snprintf(buf, len + 1, "%s", custom);
    DWORD l = len;
    ok = HttpQueryInfoA(req, level, buf, &l, &idx);
    err = ok ? 0 : GetLastError();
    if (!ok && !plausible(err))
        fail("HttpQueryInfoA(exact)", err);
    if (ok && (l >= len || buf[l] != 0))
        fail("HttpQueryInfoA(exact): length past the buffer or no NUL", l);
    free(buf);
}

/* HttpQueryInfoW: NULL, a 3-byte (odd) buffer, then the size asked for. */
static void query_w(HINTERNET req, DWORD level)
{
    DWORD len = 0;
    WCHAR tiny[2];
    SetLastError(0);
    BOOL ok = HttpQueryInfoW(req, level, NULL, &len, NULL);
    DWORD err = ok ? 0 : GetLastError();
    if (!ok && !plausible(err))
        fail("HttpQueryInfoW(NULL)", err);
    if (ok || err != ERROR_INSUFFICIENT_BUFFER)
        return;
    DWORD l = 3;
    ok = HttpQueryInfoW(req, level, tiny, &l, NULL);
    if (!ok && !plausible(GetLastError()))
        fail("HttpQueryInfoW(3 bytes)", GetLastError());
    if (len > (128u << 20))
        return;
    WCHAR *buf = calloc(len / 2 + 1, sizeof(WCHAR));
    if (!buf)
        return;
    l = len;
    ok = HttpQueryInfoW(req, level, buf, &l, NULL);
    if (!ok && !plausible(GetLastError()))
        fail("HttpQueryInfoW(exact)", GetLastError());
    if (ok && (l + 2 > len || buf[l / 2] != 0))
        fail("HttpQueryInfoW(exact): length past the buffer or no NUL", l);
    free(buf);
}

static void queries(HINTERNET req)
{
    query_a(req, HTTP_QUERY_RAW_HEADERS_CRLF, NULL);
    query_a(req, HTTP_QUERY_RAW_HEADERS, NULL);
    query_a(req, HTTP_QUERY_STATUS_TEXT, NULL);
    query_a(req, HTTP_QUERY_CONTENT_LENGTH, NULL);
    query_a(req, HTTP_QUERY_CUSTOM, "X-A");
    query_a(req, HTTP_QUERY_VERSION, NULL);
    query_w(req, HTTP_QUERY_RAW_HEADERS_CRLF);
    query_w(req, HTTP_QUERY_SET_COOKIE);

    DWORD n = 0, l = sizeof n, idx;
    BOOL ok = HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &n, &l, NULL);
    if (!ok && !plausible(GetLastError()))
        fail("HttpQueryInfoA(STATUS_CODE|NUMBER)", GetLastError());
    l = 2;
    ok = HttpQueryInfoA(req, HTTP_QUERY_CONTENT_LENGTH | HTTP_QUERY_FLAG_NUMBER, &n, &l, NULL);
    if (!ok && !plausible(GetLastError()))
        fail("HttpQueryInfoA(CONTENT_LENGTH|NUMBER, 2 bytes)", GetLastError());
    /* The first 300 repeated X-A headers, by index, into a 16-byte buffer
     * (each query scans the head: all 20000 would cost seconds). */
    idx = 0;
    for (int i = 0; i < 300; i++) {
        char b[16] = "X-A";
        l = sizeof b;
        DWORD before = idx;
        ok = HttpQueryInfoA(req, HTTP_QUERY_CUSTOM, b, &l, &idx);
        if (!ok) {
            DWORD e = GetLastError();
            if (!plausible(e))
                fail("HttpQueryInfoA(CUSTOM, index)", e);
            if (e != ERROR_INSUFFICIENT_BUFFER)
                break;
            if (idx != before)
                fail("a failed query moved the index", idx);
            idx++; /* skip the long one */
        } else if (idx != before + 1) {
            fail("a query did not advance the index by one", idx);
            break;
        }
    }
}

/* After a body failed with `first`: reads and availability checks must
 * keep failing with it, never a 0-byte clean end (issue 9, defect 8). */
static void check_sticky(HINTERNET req, DWORD first)
{
    static char buf[4096];
    for (int i = 0; i < 2; i++) {
        DWORD avail = 0, err, got = 0;
        int pended;
        unsigned long before = count_completions();
        BOOL ok = InternetReadFile(req, buf, i ? 1 : sizeof buf, &got);
        ok = settle("InternetReadFile after a failure", ok, before, &err, &pended);
        if (ok || err != first) {
            printf("FAIL case %d: a read after error %lu gave %s, error %lu, %lu bytes\n", cur_case,
                   (unsigned long)first, ok ? "TRUE" : "FALSE", (unsigned long)err, (unsigned long)got);
            failures++;
        }
        before = count_completions();
        ok = InternetQueryDataAvailable(req, &avail, 0, 0);
        ok = settle("InternetQueryDataAvailable after a failure", ok, before, &err, &pended);
        if (ok || err != first) {
            printf("FAIL case %d: a data check after error %lu gave %s, error %lu, %lu bytes\n", cur_case,
                   (unsigned long)first, ok ? "TRUE" : "FALSE", (unsigned long)err, (unsigned long)avail);
            failures++;
        }
    }
}

/* Reads the body: InternetQueryDataAvailable, then reads of varying size;
 * after a failure, checks that it sticks. */
/* FNV-1a (64-bit) of the body bytes delivered, so the test can compare
 * them with what the server sent. */
static unsigned long long body_hash;

static void hash_bytes(const char *p, DWORD n)
{
    for (DWORD i = 0; i < n; i++) {
        body_hash ^= (unsigned char)p[i];
        body_hash *= 0x100000001b3ULL;
    }
}

static unsigned long read_body(HINTERNET req, DWORD *last_err)
{
    static char buf[65536];
    static const DWORD sizes[] = {1, 7, 100, 4096, 65536};
    unsigned long total = 0;
    *last_err = 0;
    for (int i = 0; total < BODY_CAP; i++) {
        DWORD avail = 0, err, got = 0;
        int pended;
        unsigned long before = count_completions();
        BOOL ok = InternetQueryDataAvailable(req, &avail, 0, 0);
        ok = settle("InternetQueryDataAvailable", ok, before, &err, &pended);
        if (!ok) {
            *last_err = err;
            check_sticky(req, err);
            return total;
        }
        (void)avail;
        DWORD want = sizes[i % 5];
        before = count_completions();
        ok = InternetReadFile(req, buf, want, &got);
        ok = settle("InternetReadFile", ok, before, &err, &pended);
        if (!ok) {
            *last_err = err;
            check_sticky(req, err);
            return total;
        }
        if (got > want)
            fail("InternetReadFile returned more than asked", got);
        if (got == 0)
            return total;
        hash_bytes(buf, got);
        total += got;
    }
    return total;
}

static void run_case(HINTERNET ses, int port, int n)
{
    char path[64];
    DWORD err, status = 0, l = sizeof status;
    int pended;
    unsigned long before;
    unsigned long t0 = now_ms();
    cur_case = n;
    snprintf(path, sizeof path, "/case/%d", n);

    HINTERNET con = InternetConnectA(ses, "127.0.0.1", (INTERNET_PORT)port, NULL, NULL,
                                     INTERNET_SERVICE_HTTP, 0, (DWORD_PTR)1);
    if (!con) {
        fail("InternetConnect", GetLastError());
        return;
    }
    HINTERNET req = HttpOpenRequestA(con, "GET", path, NULL, NULL, NULL,
                                     INTERNET_FLAG_RELOAD | INTERNET_FLAG_NO_CACHE_WRITE, (DWORD_PTR)2);
    if (!req) {
        fail("HttpOpenRequest", GetLastError());
        InternetCloseHandle(con);
        return;
    }
    before = count_completions();
    BOOL ok = HttpSendRequestA(req, NULL, 0, NULL, 0);
    ok = settle("HttpSendRequest", ok, before, &err, &pended);
    unsigned long body = 0;
    DWORD body_err = 0;
    body_hash = 0xcbf29ce484222325ULL;
    if (ok) {
        if (!HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &status, &l, NULL))
            fail("HttpQueryInfo(STATUS_CODE) after a successful send", GetLastError());
        queries(req);
        body = read_body(req, &body_err);
        queries(req); /* again, after the body */
    } else {
        /* Queries on a request whose send failed must fail cleanly too. */
        queries(req);
    }
    printf("case %d send=%s err=%lu status=%lu body=%lu body_err=%lu hash=%016llx ms=%lu\n", n, ok ? "ok" : "fail",
           (unsigned long)err, (unsigned long)status, body, (unsigned long)body_err, body_hash, now_ms() - t0);
    fflush(stdout);
    if (!InternetCloseHandle(req))
        fail("InternetCloseHandle(request)", GetLastError());
    if (!InternetCloseHandle(con))
        fail("InternetCloseHandle(connect)", GetLastError());
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s <port> <first-case> <case-count>\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]), first = atoi(argv[2]), count = atoi(argv[3]);
    HINTERNET ses = InternetOpenA("openinet-hostile", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, INTERNET_FLAG_ASYNC);
    if (!ses) {
        printf("FAIL InternetOpen (error %lu)\n", (unsigned long)GetLastError());
        return 1;
    }
    DWORD ms = 700;
    if (!InternetSetOptionA(ses, INTERNET_OPTION_RECEIVE_TIMEOUT, &ms, sizeof ms) ||
        !InternetSetOptionA(ses, INTERNET_OPTION_SEND_TIMEOUT, &ms, sizeof ms)) {
        printf("FAIL InternetSetOption timeouts (error %lu)\n", (unsigned long)GetLastError());
        return 1;
    }
    ms = 2000;
    InternetSetOptionA(ses, INTERNET_OPTION_CONNECT_TIMEOUT, &ms, sizeof ms);
    InternetSetStatusCallbackA(ses, callback);

    unsigned long start = now_ms();
    for (int n = first; n < first + count; n++)
        run_case(ses, port, n);
    cur_case = -1;
    if (!InternetCloseHandle(ses))
        fail("InternetCloseHandle(session)", GetLastError());
    printf("done: %d cases in %lu ms, %lu callbacks, %d failures\n", count, now_ms() - start, callbacks,
           failures);
    return failures ? 1 : 0;
}
