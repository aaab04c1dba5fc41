/*
 * bench.h - what every benchmark client shares: the command line, the clock
 * and the one result line the harness reads.
 *
 *   CLIENT URL N K SIZE BUFSIZE [CAFILE]
 *
 * URL      http://127.0.0.1:PORT/PATH (or https://)
 * N        requests in all
 * K        requests in flight, each on its own keep-alive connection
 * SIZE     the body size every response must have
 * BUFSIZE  the application's read buffer, per request in flight
 * CAFILE   the certificate to trust for https
 *
 * The client prints, on stdout, one line:
 *
 *   result ok=<responses with status 200 and SIZE bytes> failed=<others>
 *          bytes=<body bytes received> secs=<wall time of the transfers>
 *          error=<first failure, or ->
 *
 * and exits 0 only when every response was right.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct bench_args {
    const char *url;
    long n;
    long k;
    long long size;
    long bufsize;
    const char *cafile;
};

static struct bench_args bench_parse(int argc, char **argv)
{
    struct bench_args a;
    if (argc < 6) {
        fprintf(stderr, "usage: %s URL N K SIZE BUFSIZE [CAFILE]\n", argv[0]);
        exit(2);
    }
    a.url = argv[1];
    a.n = atol(argv[2]);
    a.k = atol(argv[3]);
    a.size = atoll(argv[4]);
    a.bufsize = atol(argv[5]);
    a.cafile = argc > 6 ? argv[6] : NULL;
    if (a.n <= 0 || a.k <= 0 || a.size < 0 || a.bufsize <= 0) {
        fprintf(stderr, "bad arguments\n");
        exit(2);
    }
    if (a.k > a.n)
        a.k = a.n;
    return a;
}

static double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Prints the result line; returns the exit code. */
static int bench_report(long ok, long failed, long long bytes, double secs, const char *error)
{
    printf("result ok=%ld failed=%ld bytes=%lld secs=%.6f error=%s\n", ok, failed, bytes, secs,
           error && *error ? error : "-");
    fflush(stdout);
    return failed == 0 ? 0 : 1;
}

#endif
