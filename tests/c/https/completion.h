/* What the https C programs share: the last REQUEST_COMPLETE of their
 * status callback, waited for by a send or a read that pends. Include it
 * after wininet.h; the program's callback calls note_completion. */
#ifndef HTTPS_COMPLETION_H
#define HTTPS_COMPLETION_H

#include <pthread.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int completed;
static INTERNET_ASYNC_RESULT result;

/* Records a REQUEST_COMPLETE's result for wait_complete. */
static inline void note_completion(LPVOID info, DWORD len)
{
    if (!info || len < sizeof result)
        return;
    pthread_mutex_lock(&mu);
    memcpy(&result, info, sizeof result);
    completed = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

/* Waits up to 10 s for REQUEST_COMPLETE; 1 if it came. */
static inline int wait_complete(INTERNET_ASYNC_RESULT *out)
{
    struct timespec ts;
    int got;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 10;
    pthread_mutex_lock(&mu);
    while (!completed)
        if (pthread_cond_timedwait(&cv, &mu, &ts) != 0)
            break;
    got = completed;
    completed = 0;
    if (got)
        *out = result;
    pthread_mutex_unlock(&mu);
    return got;
}

/* HttpSendRequest, waiting for the completion when it pends: 0 on
 * success, else the error (258, WAIT_TIMEOUT, when no completion came). */
static inline DWORD send_request(HINTERNET req, int async)
{
    INTERNET_ASYNC_RESULT r;
    BOOL ok;
    DWORD err;
    SetLastError(0xdeadbeef);
    ok = HttpSendRequestA(req, NULL, 0, NULL, 0);
    err = GetLastError();
    if (ok)
        return 0;
    if (!async || err != ERROR_IO_PENDING)
        return err;
    if (!wait_complete(&r))
        return 258;
    return r.dwResult ? 0 : r.dwError;
}

/* Reads and drops the body (async reads wait for their completion); its
 * length, or -1. */
static inline long read_body(HINTERNET req)
{
    char buf[256];
    long total = 0;
    for (;;) {
        DWORD n = 0;
        INTERNET_ASYNC_RESULT r;
        if (!InternetReadFile(req, buf, sizeof buf, &n)) {
            if (GetLastError() != ERROR_IO_PENDING || !wait_complete(&r) || !r.dwResult)
                return -1;
        }
        if (n == 0)
            return total;
        total += (long)n;
    }
}

#endif
