/*
 * trace.h - shared helpers for the C scenario programs in tests/c.
 *
 * Every scenario installs tr_callback as its status callback. The callback
 * prints one normalized line per status:
 *
 *   <STATUS_NAME> h=<label> ctx=<context> info=<payload> len=<n> thr=<main|other>
 *
 * Handle values are replaced by labels ("session", "connect", "request",
 * then "request2"...) so traces from different implementations compare
 * line by line. A handle gets its label when HANDLE_CREATED announces it
 * (the kind is read with INTERNET_OPTION_HANDLE_TYPE) or when the program
 * calls tr_label() after creating it. Payloads are decoded per status:
 * strings (L"..." when UTF-16), DWORDs, INTERNET_ASYNC_RESULT as
 * {TRUE|FALSE|<label>,<error>}.
 *
 * Lines starting with "== " are markers the program prints between steps;
 * "ok " and "FAIL " lines are the program's own checks; "# " lines are
 * notes. The trace (status lines and markers) is what the differential
 * test compares; checks decide the exit code.
 *
 * Built two ways: with x86_64-w64-mingw32-gcc against Windows' own
 * wininet (run under Wine), and with gcc against OpenINet's include/wininet.h.
 * The only platform differences (mutex, condition variable, thread id,
 * sleep) hide behind the TR_* macros below.
 */
#ifndef OPENINET_TESTS_TRACE_H
#define OPENINET_TESTS_TRACE_H

#if defined(__GNUC__)
#define TR_UNUSED __attribute__((unused))
#else
#define TR_UNUSED
#endif

#ifdef _WIN32
#ifndef _WIN32_WINNT
#define _WIN32_WINNT 0x0600 /* condition variables */
#endif
#include <windows.h>
#include <wininet.h>
#include <fcntl.h>
#include <io.h>
typedef CRITICAL_SECTION tr_mutex_t;
typedef CONDITION_VARIABLE tr_cond_t;
typedef DWORD tr_thread_t;
#define TR_MUTEX_INIT(m) InitializeCriticalSection(m)
#define TR_LOCK(m) EnterCriticalSection(m)
#define TR_UNLOCK(m) LeaveCriticalSection(m)
#define TR_COND_INIT(c) InitializeConditionVariable(c)
#define TR_BROADCAST(c) WakeAllConditionVariable(c)
#define TR_SELF() GetCurrentThreadId()
#define TR_SAME_THREAD(a, b) ((a) == (b))
#define TR_SLEEP(ms) Sleep(ms)
TR_UNUSED static DWORD tr_now_ms(void) { return GetTickCount(); }
/* Waits on c for at most ms milliseconds (spurious wakeups allowed). */
TR_UNUSED static void tr_cond_wait_ms(tr_cond_t *c, tr_mutex_t *m, DWORD ms)
{
    SleepConditionVariableCS(c, m, ms);
}
#else
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime, nanosleep */
#endif
#include "wininet.h"
#include <pthread.h>
#include <time.h>
#include <errno.h>
typedef pthread_mutex_t tr_mutex_t;
typedef pthread_cond_t tr_cond_t;
typedef pthread_t tr_thread_t;
#define TR_MUTEX_INIT(m) pthread_mutex_init(m, NULL)
#define TR_LOCK(m) pthread_mutex_lock(m)
#define TR_UNLOCK(m) pthread_mutex_unlock(m)
#define TR_COND_INIT(c) pthread_cond_init(c, NULL)
#define TR_BROADCAST(c) pthread_cond_broadcast(c)
#define TR_SELF() pthread_self()
#define TR_SAME_THREAD(a, b) pthread_equal((a), (b))
#define TR_SLEEP(ms) tr_sleep_posix(ms)
TR_UNUSED static void tr_sleep_posix(unsigned ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
    }
}
TR_UNUSED static DWORD tr_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (DWORD)(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}
TR_UNUSED static void tr_cond_wait_ms(tr_cond_t *c, tr_mutex_t *m, DWORD ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec += 1;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(c, m, &ts);
}
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* 1 in the Windows build (run under Wine). A few checks accept Wine 8's
 * documented deviations there (listed in tests/wine/known-differences.md);
 * OpenINet must give the WinINet answer. */
#ifdef _WIN32
#define TR_ON_WINE 1
#else
#define TR_ON_WINE 0
#endif

/* What tr_settle reports when REQUEST_COMPLETE never came (WAIT_TIMEOUT). */
#define TR_ERR_NO_COMPLETION 258

/* Default wait for an asynchronous completion. */
#define TR_TIMEOUT 10000

/* One recorded callback. */
typedef struct {
    DWORD status;
    int label; /* index into tr_labels, or -1 */
    DWORD_PTR ctx;
    INTERNET_ASYNC_RESULT result; /* for REQUEST_COMPLETE */
    int on_main;
} tr_event_t;

/* One handle label; a handle value may be reused after close (Wine does),
 * so HANDLE_CREATED always starts a new entry. */
typedef struct {
    HINTERNET h;
    char name[32];
    int dead; /* HANDLE_CLOSING seen */
    int claimed; /* tr_label() was called for it (the program holds it) */
} tr_label_t;

#define TR_MAX_EVENTS 4096
#define TR_MAX_LABELS 128

static struct {
    tr_mutex_t mu;
    tr_cond_t cv;
    tr_thread_t main_thread;
    tr_event_t events[TR_MAX_EVENTS];
    int nevents;
    tr_label_t labels[TR_MAX_LABELS];
    int nlabels;
    int failures;
    int checks;
    int completes_taken; /* REQUEST_COMPLETEs consumed by tr_wait_complete */
    int quiet; /* record but do not print (timing-dependent stretches) */
    int hide_reads; /* do not print RECEIVING_RESPONSE / RESPONSE_RECEIVED */
    const char *scenario;
    /* Optional hook run inside the callback (after recording), unlocked. */
    void (*hook)(HINTERNET, DWORD_PTR, DWORD, LPVOID, DWORD);
} tr;

/* ---- handle labels ---- */

/* Latest entry for a handle value, or -1. Caller holds the lock. */
TR_UNUSED static int tr_find_locked(HINTERNET h)
{
    int i;
    for (i = tr.nlabels - 1; i >= 0; i--)
        if (tr.labels[i].h == h)
            return i;
    return -1;
}

/* Adds "kind", "kind2", "kind3"... Caller holds the lock. */
TR_UNUSED static int tr_add_locked(HINTERNET h, const char *kind)
{
    int i, n = 1;
    tr_label_t *l;
    if (tr.nlabels == TR_MAX_LABELS)
        return -1;
    for (i = 0; i < tr.nlabels; i++) {
        const char *name = tr.labels[i].name;
        size_t k = strlen(kind);
        if (strncmp(name, kind, k) == 0 && (name[k] == 0 || (name[k] >= '0' && name[k] <= '9')))
            n++;
    }
    l = &tr.labels[tr.nlabels];
    l->h = h;
    l->dead = 0;
    l->claimed = 0;
    if (n == 1)
        snprintf(l->name, sizeof l->name, "%s", kind);
    else
        snprintf(l->name, sizeof l->name, "%s%d", kind, n);
    return tr.nlabels++;
}

TR_UNUSED static const char *tr_kind_of(HINTERNET h)
{
    DWORD type = 0, size = sizeof type;
    if (!InternetQueryOptionA(h, INTERNET_OPTION_HANDLE_TYPE, &type, &size))
        return "handle";
    switch (type) {
    case INTERNET_HANDLE_TYPE_INTERNET:
        return "session";
    case INTERNET_HANDLE_TYPE_CONNECT_HTTP:
    case INTERNET_HANDLE_TYPE_CONNECT_FTP:
        return "connect";
    case INTERNET_HANDLE_TYPE_HTTP_REQUEST:
        return "request";
    default:
        return "handle";
    }
}

/* Labels a handle a function just returned. HANDLE_CREATED (or a callback
 * on a never-seen handle) may already have labelled it: that entry is kept.
 * Otherwise the value is new to the program, even if an earlier handle had
 * the same value and closed silently (a zero-context handle, such as the
 * session, gets no HANDLE_CLOSING; Wine reuses its value), so it gets a new
 * label. Call it once after each function that returns a handle. */
TR_UNUSED static void tr_label(HINTERNET h, const char *kind)
{
    int i;
    if (!h)
        return;
    TR_LOCK(&tr.mu);
    i = tr_find_locked(h);
    if (i < 0 || tr.labels[i].dead || tr.labels[i].claimed)
        i = tr_add_locked(h, kind);
    if (i >= 0)
        tr.labels[i].claimed = 1;
    TR_UNLOCK(&tr.mu);
}

/* The label of h ("null", or "0x..." style "unknown" when never seen).
 * Returns a pointer into static storage; caller holds the lock. */
TR_UNUSED static const char *tr_name_locked(HINTERNET h)
{
    int i;
    if (!h)
        return "null";
    i = tr_find_locked(h);
    return i < 0 ? "unknown" : tr.labels[i].name;
}

/* ---- output ---- */

TR_UNUSED static void tr_vprint(const char *prefix, const char *fmt, va_list ap)
{
    TR_LOCK(&tr.mu);
    fputs(prefix, stdout);
    vprintf(fmt, ap);
    fputc('\n', stdout);
    fflush(stdout);
    TR_UNLOCK(&tr.mu);
}

/* A "== " marker line, part of the compared trace. */
TR_UNUSED static void tr_mark(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tr_vprint("== ", fmt, ap);
    va_end(ap);
}

/* A "# " note, not compared. */
TR_UNUSED static void tr_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tr_vprint("# ", fmt, ap);
    va_end(ap);
}

/* Records one check: "ok <what>" or "FAIL <what>". Returns cond. */
TR_UNUSED static int tr_check(int cond, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    TR_LOCK(&tr.mu);
    tr.checks++;
    if (!cond)
        tr.failures++;
    TR_UNLOCK(&tr.mu);
    tr_vprint(cond ? "ok " : "FAIL ", fmt, ap);
    va_end(ap);
    return cond;
}

/* Checks a BOOL/handle result and GetLastError() in one line. */
#define TR_EXPECT_ERR(ok_value, err, expected, what)                                             \
    tr_check(!(ok_value) && (err) == (DWORD)(expected), "%s fails with %lu (got %lu)", (what),   \
             (unsigned long)(expected), (unsigned long)(err))

TR_UNUSED static const char *tr_status_name(DWORD s)
{
    switch (s) {
#define TR_S(x)                                                                                  \
    case INTERNET_STATUS_##x:                                                                    \
        return #x;
        TR_S(RESOLVING_NAME)
        TR_S(NAME_RESOLVED)
        TR_S(CONNECTING_TO_SERVER)
        TR_S(CONNECTED_TO_SERVER)
        TR_S(SENDING_REQUEST)
        TR_S(REQUEST_SENT)
        TR_S(RECEIVING_RESPONSE)
        TR_S(RESPONSE_RECEIVED)
        TR_S(CTL_RESPONSE_RECEIVED)
        TR_S(PREFETCH)
        TR_S(CLOSING_CONNECTION)
        TR_S(CONNECTION_CLOSED)
        TR_S(HANDLE_CREATED)
        TR_S(HANDLE_CLOSING)
        TR_S(DETECTING_PROXY)
        TR_S(REQUEST_COMPLETE)
        TR_S(REDIRECT)
        TR_S(INTERMEDIATE_RESPONSE)
        TR_S(USER_INPUT_REQUIRED)
        TR_S(STATE_CHANGE)
        TR_S(COOKIE_SENT)
        TR_S(COOKIE_RECEIVED)
        TR_S(PRIVACY_IMPACTED)
        TR_S(P3P_HEADER)
        TR_S(P3P_POLICYREF)
        TR_S(COOKIE_HISTORY)
#undef TR_S
    default:
        return NULL;
    }
}

/* Appends a printable rendering of a string payload: "..." for bytes,
 * L"..." when it looks like UTF-16 (ASCII with zero high bytes). */
TR_UNUSED static void tr_string(char *out, size_t cap, const void *info, DWORD len)
{
    const unsigned char *p = (const unsigned char *)info;
    size_t o = 0;
    DWORD i;
    int wide = len >= 2 && p[0] != 0 && p[1] == 0;
    if (wide) {
        out[o++] = 'L';
    }
    out[o++] = '"';
    for (i = 0; i < 200 && o + 6 < cap; i++) {
        unsigned c;
        if (wide) {
            c = p[2 * i] | (p[2 * i + 1] << 8);
        } else {
            c = p[i];
        }
        if (c == 0)
            break;
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            out[o++] = (char)c;
        else
            o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c & 0xff);
    }
    out[o++] = '"';
    out[o] = 0;
}

/* TRUE/FALSE for 0/1, else the handle's label. Caller holds the lock. */
TR_UNUSED static const char *tr_result_locked(DWORD_PTR r)
{
    if (r == 0)
        return "FALSE";
    if (r == 1)
        return "TRUE";
    return tr_name_locked((HINTERNET)r);
}

/* The status callback every scenario installs. */
TR_UNUSED static void CALLBACK tr_callback(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info,
                                 DWORD len)
{
    char payload[512];
    const char *name = tr_status_name(status);
    char unknown[32];
    int on_main = TR_SAME_THREAD(TR_SELF(), tr.main_thread) ? 1 : 0;
    const char *kind = NULL;
    tr_event_t ev;

    const char *hkind = NULL;

    /* Ask handle types before taking the lock (it calls the API): the new
     * handle of HANDLE_CREATED, and hInternet when never seen (an internal
     * handle, such as the connect handle InternetOpenUrl makes). */
    if (status == INTERNET_STATUS_HANDLE_CREATED && info && len >= sizeof(HINTERNET))
        kind = tr_kind_of(*(HINTERNET *)info);
    TR_LOCK(&tr.mu);
    if (h) {
        int i = tr_find_locked(h);
        if (i < 0 || (tr.labels[i].dead && status != INTERNET_STATUS_HANDLE_CLOSING))
            hkind = "";
    }
    TR_UNLOCK(&tr.mu);
    if (hkind)
        hkind = tr_kind_of(h);

    if (!name) {
        snprintf(unknown, sizeof unknown, "STATUS_%lu", (unsigned long)status);
        name = unknown;
    }
    memset(&ev, 0, sizeof ev);
    ev.status = status;
    ev.ctx = ctx;
    ev.on_main = on_main;

    TR_LOCK(&tr.mu);
    if (hkind) {
        int i = tr_find_locked(h);
        if (i < 0 || tr.labels[i].dead)
            tr_add_locked(h, hkind);
    }
    if (kind)
        tr_add_locked(*(HINTERNET *)info, kind);
    if (!info) {
        snprintf(payload, sizeof payload, "null");
    } else {
        switch (status) {
        case INTERNET_STATUS_RESOLVING_NAME:
        case INTERNET_STATUS_NAME_RESOLVED:
        case INTERNET_STATUS_CONNECTING_TO_SERVER:
        case INTERNET_STATUS_CONNECTED_TO_SERVER:
        case INTERNET_STATUS_REDIRECT:
            tr_string(payload, sizeof payload, info, len);
            break;
        case INTERNET_STATUS_REQUEST_SENT:
        case INTERNET_STATUS_RESPONSE_RECEIVED:
        case INTERNET_STATUS_INTERMEDIATE_RESPONSE:
        case INTERNET_STATUS_STATE_CHANGE:
        case INTERNET_STATUS_COOKIE_SENT:
        case INTERNET_STATUS_COOKIE_RECEIVED:
            if (len >= sizeof(DWORD))
                snprintf(payload, sizeof payload, "%lu", (unsigned long)*(DWORD *)info);
            else
                snprintf(payload, sizeof payload, "short");
            break;
        case INTERNET_STATUS_HANDLE_CREATED:
        case INTERNET_STATUS_HANDLE_CLOSING:
            if (len >= sizeof(HINTERNET))
                snprintf(payload, sizeof payload, "%s", tr_name_locked(*(HINTERNET *)info));
            else
                snprintf(payload, sizeof payload, "short");
            break;
        case INTERNET_STATUS_REQUEST_COMPLETE:
            if (len >= sizeof(INTERNET_ASYNC_RESULT)) {
                ev.result = *(INTERNET_ASYNC_RESULT *)info;
                snprintf(payload, sizeof payload, "{%s,%lu}", tr_result_locked(ev.result.dwResult),
                         (unsigned long)ev.result.dwError);
            } else {
                snprintf(payload, sizeof payload, "short");
            }
            break;
        default:
            snprintf(payload, sizeof payload, "?");
            break;
        }
    }
    ev.label = tr_find_locked(h);
    if (!tr.quiet && !(tr.hide_reads && (status == INTERNET_STATUS_RECEIVING_RESPONSE ||
                                         status == INTERNET_STATUS_RESPONSE_RECEIVED))) {
        printf("%s h=%s ctx=%lu info=%s len=%lu thr=%s\n", name, tr_name_locked(h),
               (unsigned long)ctx, payload, (unsigned long)len, on_main ? "main" : "other");
        fflush(stdout);
    }
    if (status == INTERNET_STATUS_HANDLE_CLOSING && ev.label >= 0)
        tr.labels[ev.label].dead = 1;
    if (tr.nevents < TR_MAX_EVENTS)
        tr.events[tr.nevents++] = ev;
    TR_BROADCAST(&tr.cv);
    TR_UNLOCK(&tr.mu);

    if (tr.hook)
        tr.hook(h, ctx, status, info, len);
}

/* Stops (1) or resumes (0) printing status lines; events are still
 * recorded. For stretches whose callback count depends on timing (bulk
 * reads); the program prints a marker saying what it hid. */
TR_UNUSED static void tr_quiet(int on)
{
    TR_LOCK(&tr.mu);
    tr.quiet = on;
    TR_UNLOCK(&tr.mu);
}

/* Stops (1) or resumes (0) printing RECEIVING_RESPONSE and
 * RESPONSE_RECEIVED, other statuses still print. A body read reports them
 * when it must wait for the network, which depends on how the bytes were
 * split into TCP segments and on how far ahead the library reads: timing,
 * not behaviour. The program prints a marker saying what it hid. */
TR_UNUSED static void tr_hide_reads(int on)
{
    TR_LOCK(&tr.mu);
    tr.hide_reads = on;
    TR_UNLOCK(&tr.mu);
}

/* ---- waiting and counting ---- */

/* Number of events recorded so far (a position for tr_count_since). */
TR_UNUSED static int tr_pos(void)
{
    int n;
    TR_LOCK(&tr.mu);
    n = tr.nevents;
    TR_UNLOCK(&tr.mu);
    return n;
}

/* Occurrences of status since position pos. */
TR_UNUSED static int tr_count_since(int pos, DWORD status)
{
    int i, n = 0;
    TR_LOCK(&tr.mu);
    for (i = pos; i < tr.nevents; i++)
        if (tr.events[i].status == status)
            n++;
    TR_UNLOCK(&tr.mu);
    return n;
}

/* Occurrences of status since pos that did not come on the main thread. */
TR_UNUSED static int tr_count_off_main_since(int pos, DWORD status)
{
    int i, n = 0;
    TR_LOCK(&tr.mu);
    for (i = pos; i < tr.nevents; i++)
        if (tr.events[i].status == status && !tr.events[i].on_main)
            n++;
    TR_UNLOCK(&tr.mu);
    return n;
}

/* Waits until status occurred at least n times since pos. 1 if it did. */
TR_UNUSED static int tr_wait_count(int pos, DWORD status, int n, DWORD timeout_ms)
{
    DWORD start = tr_now_ms();
    int got = 0;
    for (;;) {
        int i, c = 0;
        TR_LOCK(&tr.mu);
        for (i = pos; i < tr.nevents; i++)
            if (tr.events[i].status == status)
                c++;
        if (c >= n) {
            got = 1;
        } else {
            DWORD spent = tr_now_ms() - start;
            if (spent < timeout_ms)
                tr_cond_wait_ms(&tr.cv, &tr.mu, timeout_ms - spent);
        }
        TR_UNLOCK(&tr.mu);
        if (got || tr_now_ms() - start >= timeout_ms)
            return got;
    }
}

/* Waits for the next REQUEST_COMPLETE not yet taken; stores its result.
 * 1 if one came within timeout_ms, else 0 (and a FAIL check). */
TR_UNUSED static int tr_wait_complete(INTERNET_ASYNC_RESULT *out, DWORD timeout_ms)
{
    DWORD start = tr_now_ms();
    for (;;) {
        int i, seen = 0, found = 0;
        TR_LOCK(&tr.mu);
        for (i = 0; i < tr.nevents; i++) {
            if (tr.events[i].status != INTERNET_STATUS_REQUEST_COMPLETE)
                continue;
            if (seen++ == tr.completes_taken) {
                if (out)
                    *out = tr.events[i].result;
                tr.completes_taken++;
                found = 1;
                break;
            }
        }
        if (!found) {
            DWORD spent = tr_now_ms() - start;
            if (spent < timeout_ms)
                tr_cond_wait_ms(&tr.cv, &tr.mu, timeout_ms - spent);
        }
        TR_UNLOCK(&tr.mu);
        if (found)
            return 1;
        if (tr_now_ms() - start >= timeout_ms) {
            tr_check(0, "REQUEST_COMPLETE within %lu ms", (unsigned long)timeout_ms);
            return 0;
        }
    }
}

/* Skips every REQUEST_COMPLETE received so far (after a sync failure,
 * for instance, so later waits see only new ones). */
TR_UNUSED static void tr_take_all_completes(void)
{
    int i, n = 0;
    TR_LOCK(&tr.mu);
    for (i = 0; i < tr.nevents; i++)
        if (tr.events[i].status == INTERNET_STATUS_REQUEST_COMPLETE)
            n++;
    tr.completes_taken = n;
    TR_UNLOCK(&tr.mu);
}

/* ---- setup and teardown ---- */

TR_UNUSED static void tr_init(const char *scenario)
{
#ifdef _WIN32
    _setmode(_fileno(stdout), _O_BINARY); /* "\n", not "\r\n" */
#endif
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    TR_MUTEX_INIT(&tr.mu);
    TR_COND_INIT(&tr.cv);
    tr.main_thread = TR_SELF();
    tr.scenario = scenario;
    printf("# scenario %s\n", scenario);
    fflush(stdout);
}

/* Prints the summary and returns the exit code (0 when every check passed
 * and there was at least one). */
TR_UNUSED static int tr_finish(void)
{
    int failures, checks;
    TR_LOCK(&tr.mu);
    failures = tr.failures;
    checks = tr.checks;
    TR_UNLOCK(&tr.mu);
    printf("# %s: %d checks, %d failed\n", tr.scenario, checks, failures);
    fflush(stdout);
    return failures == 0 && checks > 0 ? 0 : 1;
}

/* Port from argv[1], or exits. */
TR_UNUSED static int tr_port(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 0;
    if (port <= 0 || port > 65535) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        exit(2);
    }
    return port;
}

/* A URL on the test server, in a ring of static buffers. */
TR_UNUSED static const char *tr_url(int port, const char *path)
{
    static char bufs[8][256];
    static int next;
    char *b = bufs[next++ % 8];
    snprintf(b, 256, "http://127.0.0.1:%d%s", port, path);
    return b;
}

/* An ASCII string as WCHARs (UTF-16), in a ring of static buffers; the same
 * source builds where WCHAR is wchar_t (mingw) or uint16_t (OpenINet). */
TR_UNUSED static const WCHAR *tr_w(const char *ascii)
{
    static WCHAR bufs[8][512];
    static int next;
    WCHAR *b = bufs[next++ % 8];
    size_t i;
    for (i = 0; ascii[i] && i < 511; i++)
        b[i] = (WCHAR)(unsigned char)ascii[i];
    b[i] = 0;
    return b;
}

/* Compares a WCHAR string with ASCII. */
TR_UNUSED static int tr_w_eq(const WCHAR *w, const char *ascii)
{
    size_t i;
    for (i = 0; ascii[i]; i++)
        if (w[i] != (WCHAR)(unsigned char)ascii[i])
            return 0;
    return w[i] == 0;
}

/* Reads the whole body synchronously (sync handles, or async handles whose
 * reads are waited for). Returns bytes read, or -1 on error (err set). */
TR_UNUSED static long tr_read_all(HINTERNET req, char *buf, size_t cap, DWORD *err)
{
    size_t total = 0;
    *err = 0;
    for (;;) {
        DWORD got = 0;
        char tmp[4096];
        if (!InternetReadFile(req, tmp, sizeof tmp, &got)) {
            *err = GetLastError();
            if (*err == ERROR_IO_PENDING) {
                INTERNET_ASYNC_RESULT r;
                if (!tr_wait_complete(&r, TR_TIMEOUT))
                    return -1;
                if (!r.dwResult) {
                    *err = r.dwError;
                    return -1;
                }
                *err = 0;
            } else {
                return -1;
            }
        }
        if (got == 0)
            break;
        if (buf && total + got <= cap)
            memcpy(buf + total, tmp, got);
        total += got;
    }
    if (buf && total < cap)
        buf[total] = 0;
    return (long)total;
}

/* Runs an operation's result through the async rule: when it returned
 * FALSE with ERROR_IO_PENDING, waits for REQUEST_COMPLETE and takes its
 * result. Sets *err (0 on success) and *pended; returns the final BOOL. */
TR_UNUSED static BOOL tr_settle(BOOL ok, DWORD *err, int *pended)
{
    INTERNET_ASYNC_RESULT r;
    DWORD e = ok ? 0 : GetLastError();
    if (pended)
        *pended = 0;
    if (!ok && e == ERROR_IO_PENDING) {
        if (pended)
            *pended = 1;
        if (!tr_wait_complete(&r, TR_TIMEOUT)) {
            *err = TR_ERR_NO_COMPLETION;
            return FALSE;
        }
        ok = r.dwResult ? TRUE : FALSE;
        e = ok ? 0 : r.dwError;
    }
    *err = e;
    return ok;
}

/* HttpSendRequestA, waiting for completion when it pends. */
TR_UNUSED static BOOL tr_send(HINTERNET req, const char *headers, void *body, DWORD body_len,
                              DWORD *err, int *pended)
{
    BOOL ok = HttpSendRequestA(req, headers, headers ? (DWORD)-1 : 0, body, body_len);
    return tr_settle(ok, err, pended);
}

/* InternetConnectA + HttpOpenRequestA on 127.0.0.1:port, labelled. The
 * connect handle's context is ctx, the request's ctx + 1. */
TR_UNUSED static HINTERNET tr_open(HINTERNET ses, int port, const char *verb, const char *path,
                                   DWORD flags, DWORD_PTR ctx, HINTERNET *con_out)
{
    HINTERNET con, req;
    con = InternetConnectA(ses, "127.0.0.1", (INTERNET_PORT)port, NULL, NULL, INTERNET_SERVICE_HTTP,
                           0, ctx);
    tr_label(con, "connect");
    if (con_out)
        *con_out = con;
    if (!con)
        return NULL;
    req = HttpOpenRequestA(con, verb, path, NULL, NULL, NULL, flags, ctx + 1);
    tr_label(req, "request");
    return req;
}

/* True if buf holds pattern bytes from offset off (byte i = i % 251). */
TR_UNUSED static int tr_is_pattern(const unsigned char *buf, size_t n, size_t off)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (buf[i] != (unsigned char)((off + i) % 251))
            return 0;
    return 1;
}


#endif
