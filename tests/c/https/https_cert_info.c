/* The certificate options of a request handle through the C API, against
 * a local TLS server (crates/openinet-capi/tests/https_c.rs) whose
 * certificate, from an unknown CA, has a known subject and dates:
 *
 *   before a send, and on a plain request: ERROR_INTERNET_INVALID_OPERATION
 *   (the text's size set to 0), the chain ERROR_INTERNET_INCORRECT_HANDLE_STATE;
 *   on a connection handle: ERROR_INTERNET_INCORRECT_HANDLE_TYPE;
 *   a send failing with ERROR_INTERNET_INVALID_CA, after which the refused
 *   certificate is readable (dwKeySize 0: no session);
 *   SECURITY_FLAG_IGNORE_UNKNOWN_CA set, the send repeated and succeeding;
 *   INTERNET_CERTIFICATE_INFO through A and W (ANSI strings both, freed
 *   with LocalFree), its dates, NULL names, the cipher's strength;
 *   the text form, A and W alike; too small buffers for both (the struct's
 *   size; 1 for the text, buffer untouched); SECURITY_KEY_BITNESS.
 *
 * Synchronous and asynchronous. Usage: https_cert_info PORT. Prints
 * "FAIL" per failed check and a closing "N passed, N failed" line; exits
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

/* What Windows programs free the struct's strings with; malloc'ed here. */
#define LocalFree(p) free(p)

static int passed, failed;

static void check(int cond, const char *fmt, ...)
{
    va_list ap;
    if (cond) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

static const char subject[] =
    "US\r\nMinnesota\r\nSaint Paul\r\n\"Open, INet\"\r\nTests\r\n127.0.0.1";


/* What a query of the struct inside the callback of a REQUEST_COMPLETE
 * saw: 1 read the subject, 0 failed (in_callback_error), -1 not asked. */
static int in_callback = -1;
static DWORD in_callback_error;

static void CALLBACK callback(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len)
{
    (void)ctx;
    if (status != INTERNET_STATUS_REQUEST_COMPLETE || !info || len < sizeof result)
        return;
    /* Programs read the certificate where they learn of the failure. */
    if (!((INTERNET_ASYNC_RESULT *)info)->dwResult &&
        ((INTERNET_ASYNC_RESULT *)info)->dwError == ERROR_INTERNET_INVALID_CA) {
        INTERNET_CERTIFICATE_INFOA cert;
        DWORD size = sizeof cert;
        if (InternetQueryOptionA(h, INTERNET_OPTION_SECURITY_CERTIFICATE_STRUCT, &cert, &size)) {
            in_callback = cert.lpszSubjectInfo && !strcmp(cert.lpszSubjectInfo, subject);
            LocalFree(cert.lpszSubjectInfo);
            LocalFree(cert.lpszIssuerInfo);
        } else {
            in_callback = 0;
            in_callback_error = GetLastError();
        }
    }
    note_completion(info, len);
}

static const char issuer[] = "OpenINet test CA";
/* 2020-01-02 00:00:00 and 2099-12-31 00:00:00 UTC as FILETIMEs. */
static const unsigned long long start_ft = 132223968000000000ULL;
static const unsigned long long expiry_ft = 157468320000000000ULL;

static unsigned long long ft(FILETIME f)
{
    return ((unsigned long long)f.dwHighDateTime << 32) | f.dwLowDateTime;
}

/* A query expected to fail with `err`, leaving the size `size_after`. */
static void query_fails(const char *what, HINTERNET h, DWORD option, DWORD size_in,
                        DWORD err, DWORD size_after)
{
    char buf[1024];
    DWORD size = size_in, e;
    BOOL r;
    memset(buf, 0x55, sizeof buf);
    SetLastError(0xdeadbeef);
    r = InternetQueryOptionA(h, option, buf, &size);
    e = GetLastError();
    check(!r && e == err, "%s option %lu: r=%d err=%lu, expected %lu", what,
          (unsigned long)option, r, (unsigned long)e, (unsigned long)err);
    check(size == size_after, "%s option %lu: size %lu, expected %lu", what,
          (unsigned long)option, (unsigned long)size, (unsigned long)size_after);
    check((unsigned char)buf[0] == 0x55, "%s option %lu: buffer written", what,
          (unsigned long)option);
}

/* Every certificate option on a handle with no certificate. */
static void no_certificate(const char *what, HINTERNET req)
{
    query_fails(what, req, INTERNET_OPTION_SECURITY_CERTIFICATE, 1024,
                ERROR_INTERNET_INVALID_OPERATION, 0);
    query_fails(what, req, INTERNET_OPTION_SECURITY_CERTIFICATE_STRUCT,
                sizeof(INTERNET_CERTIFICATE_INFOA), ERROR_INTERNET_INVALID_OPERATION,
                sizeof(INTERNET_CERTIFICATE_INFOA));
    query_fails(what, req, INTERNET_OPTION_SERVER_CERT_CHAIN_CONTEXT, sizeof(void *),
                ERROR_INTERNET_INCORRECT_HANDLE_STATE, sizeof(void *));
    query_fails(what, req, INTERNET_OPTION_SECURITY_KEY_BITNESS, sizeof(DWORD),
                ERROR_INTERNET_INVALID_OPERATION, sizeof(DWORD));
}

/* The struct, through A or W; `session` says whether a TLS session exists. */
static void check_struct(const char *what, HINTERNET req, int wide, int session)
{
    INTERNET_CERTIFICATE_INFOA info;
    DWORD size = 0;
    BOOL r;

    SetLastError(0xdeadbeef);
    r = wide ? InternetQueryOptionW(req, INTERNET_OPTION_SECURITY_CERTIFICATE_STRUCT, NULL, &size)
             : InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_CERTIFICATE_STRUCT, NULL, &size);
    check(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER && size == sizeof info,
          "%s: NULL buffer: r=%d err=%lu size=%lu", what, r, (unsigned long)GetLastError(),
          (unsigned long)size);
    size = sizeof info - 1;
    r = InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_CERTIFICATE_STRUCT, &info, &size);
    check(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER && size == sizeof info,
          "%s: short buffer: r=%d err=%lu size=%lu", what, r, (unsigned long)GetLastError(),
          (unsigned long)size);

    memset(&info, 0x5, sizeof info);
    size = sizeof info + 16;
    r = wide ? InternetQueryOptionW(req, INTERNET_OPTION_SECURITY_CERTIFICATE_STRUCT, &info, &size)
             : InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_CERTIFICATE_STRUCT, &info, &size);
    check(r, "%s: struct query failed: %lu", what, (unsigned long)GetLastError());
    if (!r)
        return;
    check(size == sizeof info, "%s: size %lu", what, (unsigned long)size);
    check(info.lpszSubjectInfo && !strcmp(info.lpszSubjectInfo, subject), "%s: subject [%s]",
          what, info.lpszSubjectInfo ? info.lpszSubjectInfo : "(null)");
    check(info.lpszIssuerInfo && !strcmp(info.lpszIssuerInfo, issuer), "%s: issuer [%s]", what,
          info.lpszIssuerInfo ? info.lpszIssuerInfo : "(null)");
    check(ft(info.ftStart) == start_ft, "%s: start %llu", what, ft(info.ftStart));
    check(ft(info.ftExpiry) == expiry_ft, "%s: expiry %llu", what, ft(info.ftExpiry));
    check(!info.lpszProtocolName && !info.lpszSignatureAlgName && !info.lpszEncryptionAlgName,
          "%s: names not NULL", what);
    if (session)
        check(info.dwKeySize >= 128 && info.dwKeySize <= 256, "%s: key size %lu", what,
              (unsigned long)info.dwKeySize);
    else
        check(info.dwKeySize == 0, "%s: key size %lu without a session", what,
              (unsigned long)info.dwKeySize);
    LocalFree(info.lpszSubjectInfo);
    LocalFree(info.lpszIssuerInfo);
}

/* The text, A and W; `session` as above. */
static void check_text(const char *what, HINTERNET req, int session)
{
    char a[1024], w[1024], expect[1024];
    DWORD size_a = sizeof a, size_w = sizeof w, size;
    BOOL r;

    r = InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_CERTIFICATE, a, &size_a);
    check(r, "%s: text A failed: %lu", what, (unsigned long)GetLastError());
    if (!r)
        return;
    snprintf(expect, sizeof expect,
             "Subject:\r\n%s\r\nIssuer:\r\n%s\r\n"
             "Effective Date:\t1/2/2020 12:00:00 AM\r\n"
             "Expiration Date:\t12/31/2099 12:00:00 AM\r\n"
             "Security Protocol:\t(null)\r\nSignature Type:\t(null)\r\n"
             "Encryption Type:\t(null)\r\nPrivacy Strength:\t%s",
             subject, issuer, session ? "High (" : "Low (0 bits)");
    check(!strncmp(a, expect, strlen(expect)), "%s: text\n%s\nexpected\n%s", what, a, expect);
    check(size_a == strlen(a), "%s: text size %lu for %zu chars", what, (unsigned long)size_a,
          strlen(a));
    r = InternetQueryOptionW(req, INTERNET_OPTION_SECURITY_CERTIFICATE, w, &size_w);
    check(r && size_w == size_a && !strcmp(a, w), "%s: W text differs (size %lu)", what,
          (unsigned long)size_w);

    size = size_a; /* no room for the NUL */
    memset(w, 0x55, sizeof w);
    SetLastError(0xdeadbeef);
    r = InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_CERTIFICATE, w, &size);
    check(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER && size == 1 &&
              (unsigned char)w[0] == 0x55,
          "%s: short text buffer: r=%d err=%lu size=%lu", what, r,
          (unsigned long)GetLastError(), (unsigned long)size);
    size = 0;
    SetLastError(0xdeadbeef);
    r = InternetQueryOptionW(req, INTERNET_OPTION_SECURITY_CERTIFICATE, NULL, &size);
    check(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER && size == 1,
          "%s: NULL text buffer: r=%d err=%lu size=%lu", what, r, (unsigned long)GetLastError(),
          (unsigned long)size);
    SetLastError(0xdeadbeef);
    r = InternetQueryOptionW(req, INTERNET_OPTION_SECURITY_CERTIFICATE, NULL, NULL);
    check(!r && GetLastError() == ERROR_INVALID_PARAMETER, "%s: NULL size: r=%d err=%lu", what,
          r, (unsigned long)GetLastError());
}

static void run(int port, int async)
{
    const char *mode = async ? "async" : "sync";
    char what[64];
    HINTERNET ses, con, req, plain;
    DWORD flags, size, bits, err;
    BOOL r;

    ses = InternetOpenA("cert-info", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL,
                        async ? INTERNET_FLAG_ASYNC : 0);
    if (async)
        InternetSetStatusCallbackA(ses, callback);
    con = InternetConnectA(ses, "127.0.0.1", (INTERNET_PORT)port, NULL, NULL,
                           INTERNET_SERVICE_HTTP, 0, 1);
    req = HttpOpenRequestA(con, "GET", "/", NULL, NULL, NULL,
                           INTERNET_FLAG_SECURE | INTERNET_FLAG_RELOAD, 1);
    plain = HttpOpenRequestA(con, "GET", "/", NULL, NULL, NULL, INTERNET_FLAG_RELOAD, 1);
    check(ses && con && req && plain, "%s: handles", mode);

    snprintf(what, sizeof what, "%s unsent https", mode);
    no_certificate(what, req);
    snprintf(what, sizeof what, "%s plain", mode);
    no_certificate(what, plain);
    snprintf(what, sizeof what, "%s connection handle", mode);
    query_fails(what, con, INTERNET_OPTION_SECURITY_CERTIFICATE_STRUCT,
                sizeof(INTERNET_CERTIFICATE_INFOA), ERROR_INTERNET_INCORRECT_HANDLE_TYPE,
                sizeof(INTERNET_CERTIFICATE_INFOA));
    query_fails(what, con, INTERNET_OPTION_SECURITY_KEY_BITNESS, sizeof(DWORD),
                ERROR_INTERNET_INCORRECT_HANDLE_TYPE, sizeof(DWORD));

    err = send_request(req, async);
    check(err == ERROR_INTERNET_INVALID_CA, "%s: first send %lu", mode, (unsigned long)err);
    if (async)
        check(in_callback == 1, "%s: struct in the REQUEST_COMPLETE callback: %d (err %lu)", mode,
              in_callback, (unsigned long)in_callback_error);
    snprintf(what, sizeof what, "%s refused", mode);
    check_struct(what, req, 0, 0);
    check_text(what, req, 0);
    query_fails(what, req, INTERNET_OPTION_SERVER_CERT_CHAIN_CONTEXT, sizeof(void *),
                ERROR_INTERNET_INCORRECT_HANDLE_TYPE, sizeof(void *));
    query_fails(what, req, INTERNET_OPTION_SECURITY_KEY_BITNESS, sizeof(DWORD),
                ERROR_INTERNET_INVALID_OPERATION, sizeof(DWORD));

    /* The documented retry: read the flags, add the one, set, send again. */
    flags = 0;
    size = sizeof flags;
    InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, &size);
    check(!(flags & SECURITY_FLAG_SECURE), "%s: flags %08lx after the refusal", mode,
          (unsigned long)flags);
    flags |= SECURITY_FLAG_IGNORE_UNKNOWN_CA;
    r = InternetSetOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, sizeof flags);
    check(r, "%s: set flags: %lu", mode, (unsigned long)GetLastError());
    err = send_request(req, async);
    check(err == 0, "%s: second send %lu", mode, (unsigned long)err);
    check(read_body(req) > 0, "%s: body", mode);
    size = sizeof flags;
    InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_FLAGS, &flags, &size);
    check((flags & (SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_STRONG |
                    SECURITY_FLAG_IGNORE_UNKNOWN_CA)) ==
              (SECURITY_FLAG_SECURE | SECURITY_FLAG_STRENGTH_STRONG |
               SECURITY_FLAG_IGNORE_UNKNOWN_CA),
          "%s: flags %08lx after the retry", mode, (unsigned long)flags);

    snprintf(what, sizeof what, "%s accepted A", mode);
    check_struct(what, req, 0, 1);
    snprintf(what, sizeof what, "%s accepted W", mode);
    check_struct(what, req, 1, 1);
    snprintf(what, sizeof what, "%s accepted", mode);
    check_text(what, req, 1);
    bits = 0xdeadbeef;
    size = sizeof bits;
    r = InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_KEY_BITNESS, &bits, &size);
    check(r && size == sizeof bits && bits >= 128 && bits <= 256,
          "%s: key bitness r=%d bits=%lu size=%lu", mode, r, (unsigned long)bits,
          (unsigned long)size);
    size = 2;
    SetLastError(0xdeadbeef);
    r = InternetQueryOptionA(req, INTERNET_OPTION_SECURITY_KEY_BITNESS, &bits, &size);
    check(!r && GetLastError() == ERROR_INSUFFICIENT_BUFFER && size == sizeof bits,
          "%s: short bitness buffer r=%d err=%lu size=%lu", mode, r,
          (unsigned long)GetLastError(), (unsigned long)size);
    query_fails(what, req, INTERNET_OPTION_SERVER_CERT_CHAIN_CONTEXT, sizeof(void *),
                ERROR_INTERNET_INCORRECT_HANDLE_TYPE, sizeof(void *));

    InternetCloseHandle(plain);
    InternetCloseHandle(req);
    InternetCloseHandle(con);
    InternetCloseHandle(ses);
}

int main(int argc, char **argv)
{
    int port;
    if (argc != 2) {
        fprintf(stderr, "usage: https_cert_info PORT\n");
        return 2;
    }
    port = atoi(argv[1]);
    run(port, 0);
    run(port, 1);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
