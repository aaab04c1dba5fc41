/*
 * openinet_async.c - benchmark client on OpenINet's C API in async mode, as a
 * WinINet program would be written: INTERNET_FLAG_ASYNC, a status callback,
 * HttpSendRequest and an InternetReadFile loop.
 *
 * K lanes, each one request handle (so one keep-alive connection) that
 * carries its share of the N requests one after another: send, read until
 * the body ends, send again on the same handle. All the work happens in the
 * status callback on INTERNET_STATUS_REQUEST_COMPLETE; the main thread only
 * starts the lanes and waits for the last one to finish.
 *
 * FRESH=1 in the environment opens a new request handle for every request
 * instead (HttpOpenRequest + InternetCloseHandle), the other common style.
 */
#include "bench.h"
#include "openinet_bench.h"
#include <pthread.h>
#include <wininet.h>

enum lane_state { SENDING, READING };

struct lane {
    HINTERNET req;
    enum lane_state state;
    unsigned char *buf;
    DWORD got;
    long long body;
};

static struct bench_args args;
static HINTERNET connect_handle;
static char object[1024];
static DWORD open_flags;
static int fresh;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static long issued, ok_count, failed_count, lanes_left;
static long long total_bytes;
static char first_error[256];

static void lane_start(struct lane *l);

/* Records a failed request; the lane goes on with the next one. */
static void fail(struct lane *l, const char *what, DWORD err)
{
    (void)l;
    pthread_mutex_lock(&mu);
    failed_count++;
    if (!first_error[0])
        snprintf(first_error, sizeof first_error, "%s:%lu", what, (unsigned long)err);
    pthread_mutex_unlock(&mu);
}

/* The response ended: count it, then start the lane's next request or retire it. */
static void lane_finish(struct lane *l, int ok)
{
    int more;
    pthread_mutex_lock(&mu);
    if (ok) {
        if (l->body == args.size) {
            ok_count++;
        } else {
            failed_count++;
            if (!first_error[0])
                snprintf(first_error, sizeof first_error, "short-body:%lld", l->body);
        }
        total_bytes += l->body;
    }
    more = issued < args.n;
    if (more)
        issued++;
    else if (--lanes_left == 0)
        pthread_cond_signal(&all_done);
    pthread_mutex_unlock(&mu);
    if (fresh) {
        InternetCloseHandle(l->req);
        l->req = NULL;
    }
    if (more)
        lane_start(l);
}

/* Reads until a read pends (the callback resumes it) or the body ends. */
static void lane_read(struct lane *l)
{
    for (;;) {
        l->got = 0;
        l->state = READING;
        if (!InternetReadFile(l->req, l->buf, (DWORD)args.bufsize, &l->got)) {
            DWORD err = GetLastError();
            if (err == ERROR_IO_PENDING)
                return;
            fail(l, "InternetReadFile", err);
            lane_finish(l, 0);
            return;
        }
        if (l->got == 0) {
            lane_finish(l, 1);
            return;
        }
        l->body += l->got;
    }
}

/* The response head arrived: check the status, then read. */
static void lane_sent(struct lane *l)
{
    DWORD code = 0, len = sizeof code;
    if (!HttpQueryInfoA(l->req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &code, &len, NULL)) {
        fail(l, "HttpQueryInfo", GetLastError());
        lane_finish(l, 0);
        return;
    }
    if (code != 200) {
        fail(l, "status", code);
        lane_finish(l, 0);
        return;
    }
    lane_read(l);
}

static void lane_start(struct lane *l)
{
    l->body = 0;
    l->state = SENDING;
    if (!l->req) {
        l->req = HttpOpenRequestA(connect_handle, "GET", object, NULL, NULL, NULL, open_flags, (DWORD_PTR)l);
        if (!l->req) {
            fail(l, "HttpOpenRequest", GetLastError());
            lane_finish(l, 0);
            return;
        }
        bench_trust_private_ca(l->req, open_flags);
    }
    if (HttpSendRequestA(l->req, NULL, 0, NULL, 0)) {
        lane_sent(l);
        return;
    }
    DWORD err = GetLastError();
    if (err != ERROR_IO_PENDING) {
        fail(l, "HttpSendRequest", err);
        lane_finish(l, 0);
    }
}

static void CALLBACK status_cb(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len)
{
    (void)h;
    (void)len;
    if (status != INTERNET_STATUS_REQUEST_COMPLETE || !ctx)
        return;
    struct lane *l = (struct lane *)ctx;
    const INTERNET_ASYNC_RESULT *r = (const INTERNET_ASYNC_RESULT *)info;
    if (!r->dwResult) {
        fail(l, l->state == SENDING ? "send" : "read", r->dwError);
        lane_finish(l, 0);
        return;
    }
    if (l->state == SENDING) {
        lane_sent(l);
        return;
    }
    if (l->got == 0) {
        lane_finish(l, 1);
        return;
    }
    l->body += l->got;
    lane_read(l);
}

int main(int argc, char **argv)
{
    args = bench_parse(argc, argv);
    fresh = getenv("FRESH") && atoi(getenv("FRESH"));

    struct bench_target target;
    if (!bench_target_of(args.url, &target))
        return bench_report(0, args.n, 0, 0, "InternetCrackUrl");
    snprintf(object, sizeof object, "%s", target.object);
    open_flags = target.open_flags;

    if (!bench_allow_connections(args.k))
        return bench_report(0, args.n, 0, 0, "InternetSetOption(MAX_CONNS_PER_SERVER)");
    /* BENCH_PROXY=host:port: through that proxy, loopback included. */
    const char *proxy = getenv("BENCH_PROXY");
    HINTERNET session = InternetOpenA("bench", proxy ? INTERNET_OPEN_TYPE_PROXY : INTERNET_OPEN_TYPE_DIRECT, proxy,
                                      proxy ? "<-loopback>" : NULL, INTERNET_FLAG_ASYNC);
    if (!session)
        return bench_report(0, args.n, 0, 0, "InternetOpen");
    InternetSetStatusCallbackA(session, status_cb);
    connect_handle = InternetConnectA(session, target.host, target.port, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 0);
    if (!connect_handle)
        return bench_report(0, args.n, 0, 0, "InternetConnect");

    struct lane *lanes = calloc((size_t)args.k, sizeof *lanes);
    for (long i = 0; i < args.k; i++) {
        lanes[i].buf = malloc((size_t)args.bufsize);
        if (!fresh) {
            lanes[i].req =
                HttpOpenRequestA(connect_handle, "GET", object, NULL, NULL, NULL, open_flags, (DWORD_PTR)&lanes[i]);
            if (!lanes[i].req)
                return bench_report(0, args.n, 0, 0, "HttpOpenRequest");
            bench_trust_private_ca(lanes[i].req, open_flags);
        }
    }

    double t0 = bench_now();
    pthread_mutex_lock(&mu);
    issued = args.k;
    lanes_left = args.k;
    pthread_mutex_unlock(&mu);
    for (long i = 0; i < args.k; i++)
        lane_start(&lanes[i]);
    pthread_mutex_lock(&mu);
    while (lanes_left > 0)
        pthread_cond_wait(&all_done, &mu);
    pthread_mutex_unlock(&mu);
    double secs = bench_now() - t0;

    for (long i = 0; i < args.k; i++)
        if (lanes[i].req)
            InternetCloseHandle(lanes[i].req);
    InternetCloseHandle(connect_handle);
    InternetCloseHandle(session);
    int rc = bench_report(ok_count, failed_count + (args.n - ok_count - failed_count), total_bytes, secs, first_error);
    return rc;
}
