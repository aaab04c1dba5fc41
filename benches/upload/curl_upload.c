/*
 * curl_upload.c - the same POST through libcurl's easy interface: the body
 * comes from a read callback that refills one BUFSIZE buffer, as
 * openinet_upload.c does, with CURLOPT_POSTFIELDSIZE_LARGE as its length
 * (and no "Expect: 100-continue", which WinINet does not send).
 *
 *   curl_upload URL SIZE BUFSIZE
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long long size, sent;
static long bufsize;
static char *buf;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t produce(char *out, size_t unit, size_t count, void *unused)
{
    size_t room = unit * count, n;
    (void)unused;
    if (sent >= size)
        return 0;
    n = (size_t)(size - sent < bufsize ? size - sent : bufsize);
    if (n > room)
        n = room;
    memset(buf, (int)(sent / bufsize) & 0xff, n);
    memcpy(out, buf, n);
    sent += (long long)n;
    return n;
}

static size_t discard(char *p, size_t unit, size_t count, void *unused)
{
    (void)p;
    (void)unused;
    return unit * count;
}

int main(int argc, char **argv)
{
    CURL *c;
    CURLcode rc;
    long code = 0;
    struct curl_slist *headers = NULL;
    double t0, secs;

    if (argc < 4) {
        fprintf(stderr, "usage: %s URL SIZE BUFSIZE\n", argv[0]);
        return 2;
    }
    size = atoll(argv[2]);
    bufsize = atol(argv[3]);
    buf = malloc((size_t)bufsize);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    c = curl_easy_init();
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(c, CURLOPT_URL, argv[1]);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)size);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, produce);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_UPLOAD_BUFFERSIZE, bufsize > 2 * 1024 * 1024 ? 2 * 1024 * 1024L : bufsize);
    t0 = now();
    rc = curl_easy_perform(c);
    secs = now() - t0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    if (rc != CURLE_OK || code != 200 || sent != size) {
        printf("result ok=0 bytes=%lld secs=%.6f error=%s:%ld\n", sent, secs, curl_easy_strerror(rc), code);
        return 1;
    }
    printf("result ok=1 bytes=%lld secs=%.6f error=-\n", sent, secs);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    curl_global_cleanup();
    return 0;
}
