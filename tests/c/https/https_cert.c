/* Certificate failures through the C API, and the documented retry on the
 * same request handle, synchronous and asynchronous, against three local
 * TLS servers that crates/openinet-capi/tests/https_c.rs runs:
 *
 *   a self-signed certificate marked CA:TRUE (what `openssl req -x509`
 *   makes): HttpSendRequest fails with ERROR_INTERNET_INVALID_CA;
 *   a certificate for another name (from an unknown CA too): with
 *   SECURITY_FLAG_IGNORE_UNKNOWN_CA set, ERROR_INTERNET_SEC_CERT_CN_INVALID;
 *   an expired one (from an unknown CA too): with the CA waived,
 *   ERROR_INTERNET_SEC_CERT_DATE_INVALID.
 *
 * For each: the first error; INTERNET_OPTION_SECURITY_FLAGS after it (what
 * was set, without SECURITY_FLAG_SECURE); a wrong flag set the usual way
 * (query, OR, set) and a send that fails the same; then the right flag the
 * same way and a send that succeeds, reads the body, and reports
 * SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_STRONG.
 *
 * Usage: https_cert SELF_SIGNED_PORT WRONG_NAME_PORT EXPIRED_PORT. Prints
 * "ok"/"FAIL" per check and a closing "N passed, N failed" line; exits
 * non-zero on any failure. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "wininet.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "completion.h"

static int passed, failed;

static void check(int cond, const char *fmt, ...)
{
    va_list ap;
    printf(cond ? "ok " : "FAIL ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    if (cond)
        passed++;
    else
        failed++;
}

static void CALLBACK callback(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len)
{
    (void)h;
    (void)ctx;
    if (status != INTERNET_STATUS_REQUEST_COMPLETE || !info || len < sizeof result)
        return;
    note_completion(info, len);
}

static DWORD query_flags(HINTERNET req)
{
    DWORD flags = 0xdeadbeef, size = sizeof flags;
    if (!InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, &size))
        return 0xdeadbeef;
    return flags;
}

/* The documented way to waive a check: read the flags, add one, set them. */
static BOOL add_flag(HINTERNET req, DWORD flag)
{
    DWORD flags = query_flags(req) | flag;
    return InternetSetOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, sizeof flags);
}

struct certificate_case {
    const char *what;
    int port;
    DWORD before; /* set before the first send */
    DWORD error;  /* the first send's error */
    DWORD wrong;  /* a flag that waives something else */
    DWORD right;  /* the flag that waives it */
};

static void run(const struct certificate_case *c, int async)
{
    const char *mode = async ? "async" : "sync";
    HINTERNET ses, con, req;
    DWORD err, flags, secure = SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_STRONG;

    ses = InternetOpenA("openinet-https-cert", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL,
                        async ? INTERNET_FLAG_ASYNC : 0);
    if (async)
        InternetSetStatusCallback(ses, callback);
    con = InternetConnectA(ses, "127.0.0.1", (INTERNET_PORT)c->port, NULL, NULL,
                           INTERNET_SERVICE_HTTP, 0, 1);
    req = HttpOpenRequestA(con, "GET", "/", NULL, NULL, NULL,
                           INTERNET_FLAG_SECURE | INTERNET_FLAG_RELOAD, 2);
    check(ses && con && req, "%s %s: handles open", c->what, mode);
    if (!req)
        return;
    check(query_flags(req) == 0, "%s %s: flags 0 before the send (0x%lx)", c->what, mode,
          (unsigned long)query_flags(req));
    if (c->before)
        check(add_flag(req, c->before), "%s %s: set 0x%lx", c->what, mode, (unsigned long)c->before);

    err = send_request(req, async);
    check(err == c->error, "%s %s: the send fails with %lu (got %lu)", c->what, mode,
          (unsigned long)c->error, (unsigned long)err);
    flags = query_flags(req);
    check(flags == c->before, "%s %s: flags after the failure are what was set, no SECURE (0x%lx)",
          c->what, mode, (unsigned long)flags);

    check(add_flag(req, c->wrong), "%s %s: add the wrong flag 0x%lx", c->what, mode,
          (unsigned long)c->wrong);
    err = send_request(req, async);
    check(err == c->error, "%s %s: the wrong flag waives nothing: %lu again (got %lu)", c->what, mode,
          (unsigned long)c->error, (unsigned long)err);

    check(add_flag(req, c->right), "%s %s: add the right flag 0x%lx", c->what, mode,
          (unsigned long)c->right);
    err = send_request(req, async);
    check(err == 0, "%s %s: the retry succeeds (err %lu)", c->what, mode, (unsigned long)err);
    if (err == 0) {
        DWORD status = 0, size = sizeof status;
        long n;
        BOOL ok = HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &status, &size,
                                 NULL);
        check(ok && status == 200, "%s %s: status 200 (got %lu)", c->what, mode, (unsigned long)status);
        n = read_body(req);
        check(n > 0, "%s %s: the body reads (%ld bytes)", c->what, mode, n);
        flags = query_flags(req);
        check(flags == (secure | c->before | c->wrong | c->right),
              "%s %s: flags are SECURE | STRENGTH_STRONG | the three set (0x%lx)", c->what, mode,
              (unsigned long)flags);
    }
    InternetCloseHandle(req);
    InternetCloseHandle(con);
    InternetCloseHandle(ses);
}

int main(int argc, char **argv)
{
    struct certificate_case cases[3];
    int i;

    if (argc < 4) {
        printf("usage: https_cert SELF_SIGNED_PORT WRONG_NAME_PORT EXPIRED_PORT\n");
        return 2;
    }
    cases[0] = (struct certificate_case){"self-signed", atoi(argv[1]), 0, ERROR_INTERNET_INVALID_CA,
                                         SECURITY_FLAG_IGNORE_CERT_CN_INVALID,
                                         SECURITY_FLAG_IGNORE_UNKNOWN_CA};
    cases[1] = (struct certificate_case){"wrong name", atoi(argv[2]), SECURITY_FLAG_IGNORE_UNKNOWN_CA,
                                         ERROR_INTERNET_SEC_CERT_CN_INVALID,
                                         SECURITY_FLAG_IGNORE_CERT_DATE_INVALID,
                                         SECURITY_FLAG_IGNORE_CERT_CN_INVALID};
    cases[2] = (struct certificate_case){"expired", atoi(argv[3]), SECURITY_FLAG_IGNORE_UNKNOWN_CA,
                                         ERROR_INTERNET_SEC_CERT_DATE_INVALID,
                                         SECURITY_FLAG_IGNORE_CERT_CN_INVALID,
                                         SECURITY_FLAG_IGNORE_CERT_DATE_INVALID};
    for (i = 0; i < 3; i++) {
        run(&cases[i], 0);
        run(&cases[i], 1);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
