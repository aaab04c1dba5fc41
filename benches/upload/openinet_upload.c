/*
 * openinet_upload.c - one POST of SIZE bytes through the OpenINet C API,
 * synchronous, as a WinINet program streams an upload: HttpSendRequestEx
 * announcing SIZE, InternetWriteFile of BUFSIZE bytes at a time from one
 * buffer the program refills, HttpEndRequest, then the (small) answer read.
 *
 *   openinet_upload URL SIZE BUFSIZE
 *
 * Prints "result ok=<0|1> bytes=<sent> secs=<wall time> error=<first failure>".
 */
#include "wininet.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int report(int ok, long long bytes, double secs, const char *what, unsigned long code)
{
    if (ok)
        printf("result ok=1 bytes=%lld secs=%.6f error=-\n", bytes, secs);
    else
        printf("result ok=0 bytes=%lld secs=%.6f error=%s:%lu\n", bytes, secs, what, code);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    char host[256], object[1024], answer[4096];
    URL_COMPONENTSA uc;
    INTERNET_BUFFERSA b;
    long long size, sent = 0;
    long bufsize;
    char *buf;
    DWORD code = 0, len = sizeof code, got;
    double t0;
    HINTERNET ses, con, req;

    if (argc < 4) {
        fprintf(stderr, "usage: %s URL SIZE BUFSIZE\n", argv[0]);
        return 2;
    }
    size = atoll(argv[2]);
    bufsize = atol(argv[3]);
    buf = malloc((size_t)bufsize);
    memset(&uc, 0, sizeof uc);
    uc.dwStructSize = sizeof uc;
    uc.lpszHostName = host;
    uc.dwHostNameLength = sizeof host;
    uc.lpszUrlPath = object;
    uc.dwUrlPathLength = sizeof object;
    if (!buf || size <= 0 || size > 0xFFFFFFFFLL || !InternetCrackUrlA(argv[1], 0, 0, &uc))
        return report(0, 0, 0, "arguments", 0);

    ses = InternetOpenA("bench", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    con = InternetConnectA(ses, host, uc.nPort, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 0);
    req = HttpOpenRequestA(con, "POST", object, NULL, NULL, NULL, INTERNET_FLAG_KEEP_CONNECTION, 0);
    if (!req)
        return report(0, 0, 0, "open", GetLastError());
    t0 = now();
    memset(&b, 0, sizeof b);
    b.dwStructSize = sizeof b;
    b.dwBufferTotal = (DWORD)size;
    if (!HttpSendRequestExA(req, &b, NULL, 0, 0))
        return report(0, 0, now() - t0, "HttpSendRequestEx", GetLastError());
    while (sent < size) {
        DWORD n = (DWORD)(size - sent < bufsize ? size - sent : bufsize), w = 0;
        memset(buf, (int)(sent / bufsize) & 0xff, n); /* the program's next piece */
        if (!InternetWriteFile(req, buf, n, &w) || w != n)
            return report(0, sent, now() - t0, "InternetWriteFile", GetLastError());
        sent += w;
    }
    if (!HttpEndRequestA(req, NULL, 0, 0))
        return report(0, sent, now() - t0, "HttpEndRequest", GetLastError());
    if (!HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &code, &len, NULL) ||
        code != 200)
        return report(0, sent, now() - t0, "status", code);
    while (InternetReadFile(req, answer, sizeof answer, &got) && got)
        ;
    double secs = now() - t0;
    InternetCloseHandle(req);
    InternetCloseHandle(con);
    InternetCloseHandle(ses);
    free(buf);
    return report(1, sent, secs, "", 0);
}
