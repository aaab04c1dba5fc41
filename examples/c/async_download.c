/*
 * async_download: download several URLs at once on one thread's worth of
 * code, with WinINet's asynchronous mode and a status callback.
 *
 *     async_download URL FILE [URL FILE]...
 *
 * The session is opened with INTERNET_FLAG_ASYNC and a callback. Each
 * transfer's context value is its struct; InternetOpenUrl returns NULL with
 * ERROR_IO_PENDING and the request handle arrives in
 * INTERNET_STATUS_HANDLE_CREATED. Every later step runs in the callback on
 * INTERNET_STATUS_REQUEST_COMPLETE: read as long as InternetReadFile
 * finishes at once, and return when it says ERROR_IO_PENDING (the next
 * REQUEST_COMPLETE brings the bytes). A read of 0 bytes is the end; the
 * handle is closed and INTERNET_STATUS_HANDLE_CLOSING, the last callback of a
 * handle, marks the transfer done. main waits on a condition variable.
 *
 * Exit status 0 when every transfer succeeded, 1 otherwise, 2 on bad usage.
 */
#include <windows.h>
#include <wininet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct transfer {
    const char *url;
    const char *path;
    FILE *out;
    HINTERNET request;     /* from HANDLE_CREATED */
    char buf[16384];
    DWORD got;             /* InternetReadFile's count, written when a pending read completes */
    int reading;           /* the body phase: REQUEST_COMPLETE ends a read, not the open */
    unsigned long long bytes;
    DWORD error;           /* 0, or the WinINet error that ended it */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static int remaining;

static void finish(struct transfer *t, DWORD error)
{
    if (!t->error)
        t->error = error;
    InternetCloseHandle(t->request); /* HANDLE_CLOSING follows */
}

/* Reads while data is there at once; returns on a pending read or the end. */
static void read_more(struct transfer *t)
{
    for (;;) {
        t->got = 0;
        if (!InternetReadFile(t->request, t->buf, sizeof t->buf, &t->got)) {
            DWORD err = GetLastError();
            if (err != ERROR_IO_PENDING)
                finish(t, err);
            return; /* pending: REQUEST_COMPLETE brings t->got */
        }
        if (t->got == 0) {
            finish(t, 0);
            return;
        }
        fwrite(t->buf, 1, t->got, t->out);
        t->bytes += t->got;
    }
}

static void CALLBACK on_status(HINTERNET handle, DWORD_PTR context, DWORD status,
                               LPVOID info, DWORD info_len)
{
    struct transfer *t = (struct transfer *)context;
    (void)handle;
    (void)info_len;
    if (!t)
        return; /* the session's own handle (context 0) */
    switch (status) {
    case INTERNET_STATUS_HANDLE_CREATED:
        t->request = (HINTERNET)((INTERNET_ASYNC_RESULT *)info)->dwResult;
        break;
    case INTERNET_STATUS_REQUEST_COMPLETE: {
        INTERNET_ASYNC_RESULT *result = info;
        if (!result->dwResult) {
            finish(t, result->dwError);
            break;
        }
        if (t->reading) {
            /* A pending read finished: t->buf holds t->got bytes (0: the end). */
            if (t->got == 0) {
                finish(t, 0);
                break;
            }
            fwrite(t->buf, 1, t->got, t->out);
            t->bytes += t->got;
        }
        t->reading = 1;
        read_more(t);
        break;
    }
    case INTERNET_STATUS_HANDLE_CLOSING:
        if (handle == t->request) {
            pthread_mutex_lock(&lock);
            if (--remaining == 0)
                pthread_cond_signal(&all_done);
            pthread_mutex_unlock(&lock);
        }
        break;
    default:
        break; /* RESOLVING_NAME, CONNECTED_TO_SERVER, RECEIVING_RESPONSE... */
    }
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc % 2 == 0) {
        fprintf(stderr, "usage: %s URL FILE [URL FILE]...\n", argv[0]);
        return 2;
    }
    int n = (argc - 1) / 2;
    struct transfer *transfers = calloc((size_t)n, sizeof *transfers);
    if (!transfers)
        return 1;

    HINTERNET session = InternetOpenA("async_download/1.0", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL,
                                      INTERNET_FLAG_ASYNC);
    if (!session) {
        fprintf(stderr, "InternetOpen failed: %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    InternetSetStatusCallbackA(session, on_status);

    remaining = n;
    for (int i = 0; i < n; i++) {
        struct transfer *t = &transfers[i];
        t->url = argv[1 + 2 * i];
        t->path = argv[2 + 2 * i];
        if (!(t->out = fopen(t->path, "wb"))) {
            perror(t->path);
            return 1;
        }
    }
    for (int i = 0; i < n; i++) {
        struct transfer *t = &transfers[i];
        HINTERNET h = InternetOpenUrlA(session, t->url, NULL, 0,
                                       INTERNET_FLAG_RELOAD | INTERNET_FLAG_NO_CACHE_WRITE,
                                       (DWORD_PTR)t);
        if (h) {
            /* Finished at once (WinINet may do that); the callback has the handle. */
            continue;
        }
        if (GetLastError() != ERROR_IO_PENDING) {
            /* No handle was made, so no callback will end this transfer. */
            t->error = GetLastError();
            pthread_mutex_lock(&lock);
            remaining--;
            pthread_mutex_unlock(&lock);
        }
    }

    pthread_mutex_lock(&lock);
    while (remaining > 0)
        pthread_cond_wait(&all_done, &lock);
    pthread_mutex_unlock(&lock);

    int rc = 0;
    for (int i = 0; i < n; i++) {
        struct transfer *t = &transfers[i];
        fclose(t->out);
        if (t->error) {
            fprintf(stderr, "%s: error %lu\n", t->url, (unsigned long)t->error);
            rc = 1;
        } else {
            fprintf(stderr, "%s: %llu bytes -> %s\n", t->url, t->bytes, t->path);
        }
    }
    InternetSetStatusCallbackA(session, NULL);
    InternetCloseHandle(session);
    free(transfers);
    return rc;
}
