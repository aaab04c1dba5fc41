/*
 * openinet_bench.h - what the two OpenINet C clients (openinet_async.c,
 * openinet_sync.c) share: where the URL points, the flags their requests
 * open with, and the waiver of the benchmark's private CA.
 */
#ifndef OPENINET_BENCH_H
#define OPENINET_BENCH_H

#include "wininet.h"
#include <stdio.h>
#include <string.h>

/* The server, port, object and HttpOpenRequest flags for `url`. */
struct bench_target {
    char host[256];
    char object[1024];
    INTERNET_PORT port;
    DWORD open_flags;
};

/* Cracks `url` into `t`; 0 when it cannot be cracked. */
static int bench_target_of(const char *url, struct bench_target *t)
{
    URL_COMPONENTSA uc;
    memset(&uc, 0, sizeof uc);
    uc.dwStructSize = sizeof uc;
    uc.lpszHostName = t->host;
    uc.dwHostNameLength = sizeof t->host;
    uc.lpszUrlPath = t->object;
    uc.dwUrlPathLength = sizeof t->object;
    if (!InternetCrackUrlA(url, 0, 0, &uc))
        return 0;
    t->port = uc.nPort;
    /* No INTERNET_FLAG_RELOAD: it adds Pragma: no-cache, which nginx
     * ignores and the other clients do not send. */
    t->open_flags = INTERNET_FLAG_KEEP_CONNECTION | INTERNET_FLAG_NO_CACHE_WRITE;
    if (uc.nScheme == INTERNET_SCHEME_HTTPS)
        t->open_flags |= INTERNET_FLAG_SECURE;
    return 1;
}

/* The benchmark's CA is generated at start and is not in the system's
 * store; WinINet has no per-request CA file, so an application reaching
 * such a server waives the unknown-CA check (the name and dates are still
 * checked). The handshake happens once per connection either way. */
static void bench_trust_private_ca(HINTERNET req, DWORD open_flags)
{
    DWORD flags = 0, size = sizeof flags;
    if (!(open_flags & INTERNET_FLAG_SECURE))
        return;
    InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, &size);
    flags |= SECURITY_FLAG_IGNORE_UNKNOWN_CA;
    InternetSetOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, sizeof flags);
}

/* K transfers in flight to one server need a per-server limit of K:
 * WinINet allows 2 connections to an HTTP/1.1 server (4 to an HTTP/1.0
 * one) and queues the rest (KB 183110), so a WinINet program that wants
 * K parallel transfers raises the process-wide limit, as this does. */
static int bench_allow_connections(long k)
{
    DWORD n = (DWORD)k;
    return InternetSetOptionA(NULL, INTERNET_OPTION_MAX_CONNS_PER_SERVER, &n, sizeof n) &&
           InternetSetOptionA(NULL, INTERNET_OPTION_MAX_CONNS_PER_1_0_SERVER, &n, sizeof n);
}

#endif
