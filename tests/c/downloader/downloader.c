/* The pattern of real asynchronous WinINet downloaders, repeated.
 *
 * Each download is an asynchronous InternetOpenUrl whose context is a
 * per-download struct. The status callback stores the handle that
 * HANDLE_CREATED announces in that struct; the caller then stores
 * InternetOpenUrl's return value (NULL, ERROR_IO_PENDING) in the same
 * field, as such programs do. That only works because WinINet calls back
 * about an asynchronous operation after the call that started it has
 * returned: a callback that came first would see its handle overwritten
 * with NULL and the download would be lost. The body is then read by a
 * loop inside the callback (InternetReadFile until it pends; each
 * REQUEST_COMPLETE resumes it). Every fourth download is cancelled by
 * closing its handle from the main thread while the body trickles in.
 *
 * usage: downloader PORT [ITERATIONS]   (default 200)
 * Exit 0 when every download ended as it must. Builds for Windows (Wine)
 * and against OpenINet's wininet.h alike.
 */
#include "../trace.h"

typedef struct {
    tr_mutex_t mu;
    tr_cond_t cv;
    HINTERNET handle;  /* from HANDLE_CREATED, then from the return value */
    int opened;        /* the open's REQUEST_COMPLETE came */
    int done;
    DWORD error;
    DWORD got;         /* InternetReadFile's count: written when a read completes */
    long bytes;
    int closing;       /* HANDLE_CLOSING came */
    int after_closing; /* callbacks after HANDLE_CLOSING (must stay 0) */
    int returned;      /* the caller has stored InternetOpenUrl's result */
    DWORD early;       /* the first status that came before that (0: none) */
    char buf[16384];
} download;

static void finish(download *d, DWORD error)
{
    TR_LOCK(&d->mu);
    if (!d->done) {
        d->done = 1;
        d->error = error;
    }
    TR_BROADCAST(&d->cv);
    TR_UNLOCK(&d->mu);
}

static HINTERNET handle_of(download *d)
{
    HINTERNET h;
    TR_LOCK(&d->mu);
    h = d->handle;
    TR_UNLOCK(&d->mu);
    return h;
}

/* Reads until a read pends (its REQUEST_COMPLETE resumes here), fails, or
 * the body ends. */
static void read_loop(download *d)
{
    for (;;) {
        d->got = 0;
        if (!InternetReadFile(handle_of(d), d->buf, sizeof d->buf, &d->got)) {
            DWORD e = GetLastError();
            if (e != ERROR_IO_PENDING)
                finish(d, e);
            return;
        }
        if (d->got == 0) {
            finish(d, 0);
            return;
        }
        d->bytes += (long)d->got;
    }
}

static void CALLBACK on_status(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len)
{
    download *d = (download *)ctx;
    INTERNET_ASYNC_RESULT *r = (INTERNET_ASYNC_RESULT *)info;
    (void)h;
    (void)len;
    TR_LOCK(&d->mu);
    if (d->closing)
        d->after_closing++;
    if (!d->returned && !d->early)
        d->early = status;
    TR_UNLOCK(&d->mu);
    switch (status) {
    case INTERNET_STATUS_HANDLE_CREATED:
        TR_LOCK(&d->mu);
        d->handle = *(HINTERNET *)info;
        TR_UNLOCK(&d->mu);
        break;
    case INTERNET_STATUS_REQUEST_COMPLETE:
        if (!d->opened) {
            d->opened = 1;
            if (!r->dwResult)
                finish(d, r->dwError ? r->dwError : 1);
            else
                read_loop(d);
        } else if (!r->dwResult) {
            finish(d, r->dwError ? r->dwError : 1);
        } else if (d->got == 0) {
            finish(d, 0);
        } else {
            d->bytes += (long)d->got;
            read_loop(d);
        }
        break;
    case INTERNET_STATUS_HANDLE_CLOSING:
        TR_LOCK(&d->mu);
        d->closing = 1;
        TR_BROADCAST(&d->cv);
        TR_UNLOCK(&d->mu);
        break;
    default:
        break;
    }
}

/* Waits until `*flag` is set or `ms` pass; returns the flag. */
static int wait_flag(download *d, int *flag, DWORD ms)
{
    DWORD start = tr_now_ms();
    int v;
    TR_LOCK(&d->mu);
    while (!*flag && tr_now_ms() - start < ms)
        tr_cond_wait_ms(&d->cv, &d->mu, 50);
    v = *flag;
    TR_UNLOCK(&d->mu);
    return v;
}

/* One download; returns 0 when it ended as it must. */
static int one(HINTERNET ses, int port, int i)
{
    static const char *forms[] = {"/bytes/%ld", "/chunked/%ld", "/close/%ld"};
    char path[128];
    int cancel = i % 4 == 3;
    long size = cancel ? 262144 : 20000 + (long)(i * 7919) % 300000;
    download *d = (download *)calloc(1, sizeof *d);
    HINTERNET ret;
    DWORD err;
    int bad = 0;

    if (!d)
        return 1;
    TR_MUTEX_INIT(&d->mu);
    TR_COND_INIT(&d->cv);
    if (cancel)
        snprintf(path, sizeof path, "/trickle/%ld?piece=8192&ms=5", size);
    else
        snprintf(path, sizeof path, forms[i % 3], size);

    SetLastError(0xdeadbeef);
    ret = InternetOpenUrlA(ses, tr_url(port, path), NULL, 0, INTERNET_FLAG_RELOAD, (DWORD_PTR)d);
    err = GetLastError();
    /* The real program's store: NULL while the open is pending. */
    TR_LOCK(&d->mu);
    d->handle = ret;
    d->returned = 1;
    if (d->early) {
        printf("FAIL %d: status %lu came before InternetOpenUrl returned\n", i, (unsigned long)d->early);
        bad = 1;
    }
    TR_UNLOCK(&d->mu);
    if (ret || err != ERROR_IO_PENDING) {
        printf("FAIL %d: InternetOpenUrl returned %p, error %lu (want NULL, 997)\n", i, (void *)ret,
               (unsigned long)err);
        return 1;
    }

    if (cancel) {
        TR_SLEEP((DWORD)(i * 13) % 60);
        /* The handle arrives by HANDLE_CREATED, after the call returned. */
        DWORD start = tr_now_ms();
        while (!handle_of(d) && tr_now_ms() - start < TR_TIMEOUT)
            TR_SLEEP(1);
        if (!handle_of(d)) {
            printf("FAIL %d: no handle from HANDLE_CREATED\n", i);
            return 1;
        }
        if (!InternetCloseHandle(handle_of(d))) {
            printf("FAIL %d: InternetCloseHandle: %lu\n", i, (unsigned long)GetLastError());
            bad = 1;
        }
        TR_LOCK(&d->mu);
        if (!d->closing) {
            printf("FAIL %d: HANDLE_CLOSING did not come inside InternetCloseHandle\n", i);
            bad = 1;
        }
        TR_UNLOCK(&d->mu);
        /* Cut short (cancelled, or closed under the callback's read), or
         * already complete: never a body longer than the server's. */
        if (d->done && d->error == 0 && d->bytes != size) {
            printf("FAIL %d: cancelled download ended with %ld of %ld bytes and no error\n", i, d->bytes,
                   size);
            bad = 1;
        }
    } else {
        if (!wait_flag(d, &d->done, TR_TIMEOUT)) {
            printf("FAIL %d: %s did not finish (handle %p, %ld bytes)\n", i, path, (void *)handle_of(d),
                   d->bytes);
            return 1; /* leaked on purpose: a callback may still come */
        }
        if (d->error != 0 || d->bytes != size) {
            printf("FAIL %d: %s ended with error %lu after %ld of %ld bytes\n", i, path,
                   (unsigned long)d->error, d->bytes, size);
            bad = 1;
        }
        if (!InternetCloseHandle(handle_of(d))) {
            printf("FAIL %d: InternetCloseHandle: %lu\n", i, (unsigned long)GetLastError());
            bad = 1;
        }
        if (!wait_flag(d, &d->closing, TR_TIMEOUT)) {
            printf("FAIL %d: no HANDLE_CLOSING\n", i);
            bad = 1;
        }
    }
    /* Nothing may call back about a handle after its HANDLE_CLOSING: the
     * program frees the context now, as real ones do. */
    TR_SLEEP(cancel ? 20 : 0);
    TR_LOCK(&d->mu);
    if (d->after_closing) {
        printf("FAIL %d: %d callbacks after HANDLE_CLOSING\n", i, d->after_closing);
        bad = 1;
    }
    TR_UNLOCK(&d->mu);
    free(d);
    return bad;
}

int main(int argc, char **argv)
{
    int port = tr_port(argc, argv);
    int n = argc > 2 ? atoi(argv[2]) : 200;
    int i, failed = 0;
    HINTERNET ses;

    /* Unbuffered: a run killed for taking too long still shows its FAILs. */
    setvbuf(stdout, NULL, _IONBF, 0);
    ses = InternetOpenA("openinet-downloader", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, INTERNET_FLAG_ASYNC);

    if (!ses || InternetSetStatusCallback(ses, on_status) == INTERNET_INVALID_STATUS_CALLBACK) {
        printf("FAIL: session\n");
        return 1;
    }
    for (i = 0; i < n; i++)
        failed += one(ses, port, i);
    InternetCloseHandle(ses);
    printf("# downloader: %d downloads, %d failed\n", n, failed);
    return failed ? 1 : 0;
}
