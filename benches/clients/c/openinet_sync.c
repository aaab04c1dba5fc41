/*
 * openinet_sync.c - the OpenINet C API in synchronous mode, as most WinINet
 * code is written: no INTERNET_FLAG_ASYNC, and for K requests in flight, K
 * threads, each sending its request handle again and again with a blocking
 * HttpSendRequest and an InternetReadFile loop. Requests are shared out
 * through one counter. See bench.h for the command line and the result.
 */
#include "bench.h"
#include "openinet_bench.h"
#include <pthread.h>
#include <stdatomic.h>

static struct bench_args args;
static HINTERNET connect_handle;
static char object[1024];
static DWORD open_flags;
static atomic_long next_request;
static atomic_long ok_count, failed_count;
static atomic_llong total_bytes;
static pthread_mutex_t error_mu = PTHREAD_MUTEX_INITIALIZER;
static char first_error[128];

static void fail(const char *what, unsigned long code)
{
    atomic_fetch_add(&failed_count, 1);
    pthread_mutex_lock(&error_mu);
    if (!first_error[0])
        snprintf(first_error, sizeof first_error, "%s:%lu", what, code);
    pthread_mutex_unlock(&error_mu);
}

/* One request, start to end; 1 if it was right. */
static int one_request(HINTERNET req, char *buf)
{
    DWORD code = 0, len = sizeof code, got = 0;
    long long body = 0;
    if (!HttpSendRequestA(req, NULL, 0, NULL, 0)) {
        fail("HttpSendRequest", GetLastError());
        return 0;
    }
    if (!HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &code, &len, NULL) || code != 200) {
        fail("status", code);
        return 0;
    }
    for (;;) {
        if (!InternetReadFile(req, buf, (DWORD)args.bufsize, &got)) {
            fail("InternetReadFile", GetLastError());
            return 0;
        }
        if (got == 0)
            break;
        body += got;
    }
    atomic_fetch_add(&total_bytes, body);
    if (body != args.size) {
        fail("size", (unsigned long)body);
        return 0;
    }
    return 1;
}

static void *worker(void *unused)
{
    (void)unused;
    char *buf = malloc((size_t)args.bufsize);
    HINTERNET req = HttpOpenRequestA(connect_handle, "GET", object, NULL, NULL, NULL, open_flags, 0);
    if (!buf || !req) {
        fail("HttpOpenRequest", GetLastError());
        return NULL;
    }
    bench_trust_private_ca(req, open_flags);
    while (atomic_fetch_add(&next_request, 1) < args.n)
        if (one_request(req, buf))
            atomic_fetch_add(&ok_count, 1);
    InternetCloseHandle(req);
    free(buf);
    return NULL;
}

int main(int argc, char **argv)
{
    args = bench_parse(argc, argv);

    struct bench_target target;
    if (!bench_target_of(args.url, &target))
        return bench_report(0, args.n, 0, 0, "InternetCrackUrl");
    snprintf(object, sizeof object, "%s", target.object);
    open_flags = target.open_flags;

    if (!bench_allow_connections(args.k))
        return bench_report(0, args.n, 0, 0, "InternetSetOption(MAX_CONNS_PER_SERVER)");
    HINTERNET session = InternetOpenA("bench", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    if (!session)
        return bench_report(0, args.n, 0, 0, "InternetOpen");
    connect_handle = InternetConnectA(session, target.host, target.port, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 0);
    if (!connect_handle)
        return bench_report(0, args.n, 0, 0, "InternetConnect");

    pthread_t *threads = calloc((size_t)args.k, sizeof *threads);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024); /* a thousand threads stay small */
    double t0 = bench_now();
    long started = 0;
    for (long i = 0; i < args.k; i++)
        if (pthread_create(&threads[i], &attr, worker, NULL) == 0)
            started++;
        else
            fail("pthread_create", (unsigned long)i);
    for (long i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    double secs = bench_now() - t0;

    InternetCloseHandle(connect_handle);
    InternetCloseHandle(session);
    long ok = atomic_load(&ok_count);
    long failed = atomic_load(&failed_count);
    return bench_report(ok, failed + (args.n - ok - failed), atomic_load(&total_bytes), secs, first_error);
}
