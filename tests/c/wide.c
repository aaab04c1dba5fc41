/* The W functions: UTF-16 strings in, UTF-16 strings out. An async session
 * made with InternetOpenW and a callback set with InternetSetStatusCallbackW
 * (so the string payloads of RESOLVING_NAME, NAME_RESOLVED, CONNECTING_TO_
 * SERVER and CONNECTED_TO_SERVER arrive as UTF-16, L"..." in the trace),
 * InternetConnectW, HttpOpenRequestW, HttpSendRequestW with UTF-16 headers,
 * then HttpQueryInfoW, whose lengths count bytes: without the NUL on
 * success, with it on ERROR_INSUFFICIENT_BUFFER. */
#include "trace.h"

/* HttpQueryInfoW as text into buf (bytes in *len); returns the BOOL, the
 * error in *err. */
static BOOL qw(HINTERNET req, DWORD level, WCHAR *buf, DWORD *len, DWORD *index, DWORD *err)
{
    BOOL ok = HttpQueryInfoW(req, level, buf, len, index);
    *err = ok ? 0 : GetLastError();
    return ok;
}

/* Length of a NUL-terminated WCHAR string, in characters. */
static DWORD wlen(const WCHAR *w)
{
    DWORD n = 0;
    while (w[n])
        n++;
    return n;
}

static void expect_w(HINTERNET req, DWORD level, const char *what, const char *want)
{
    WCHAR buf[256];
    DWORD len = sizeof buf, err;
    BOOL ok = qw(req, level, buf, &len, NULL, &err);
    tr_check(ok && tr_w_eq(buf, want) && len == strlen(want) * sizeof(WCHAR),
             "W %s = \"%s\", length %lu bytes (ok %d, err %lu, len %lu)", what, want,
             (unsigned long)(strlen(want) * sizeof(WCHAR)), ok, (unsigned long)err, (unsigned long)len);
}

int main(int argc, char **argv)
{
    int port = tr_port(argc, argv);
    HINTERNET ses, con, req;
    INTERNET_STATUS_CALLBACK prev;
    WCHAR buf[1024];
    DWORD len, err, num, index;
    int pended;
    BOOL ok;
    char body[64];
    long n;

    tr_init("wide");
    ses = InternetOpenW(tr_w("openinet-test"), INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, INTERNET_FLAG_ASYNC);
    tr_check(ses != NULL, "InternetOpenW(ASYNC)");
    tr_label(ses, "session");
    prev = InternetSetStatusCallbackW(ses, tr_callback);
    tr_check(prev == NULL, "InternetSetStatusCallbackW returns NULL (no previous)");
    {
        WCHAR agent[64];
        DWORD size = sizeof agent;
        ok = InternetQueryOptionW(ses, INTERNET_OPTION_USER_AGENT, agent, &size);
        tr_check(ok && tr_w_eq(agent, "openinet-test"), "USER_AGENT reads back as UTF-16 (ok %d, err %lu)", ok,
                 ok ? 0UL : (unsigned long)GetLastError());
        tr_note("InternetQueryOptionW(USER_AGENT) size %lu", (unsigned long)size);
    }

    tr_mark("InternetConnectW + HttpOpenRequestW /hello");
    con = InternetConnectW(ses, tr_w("127.0.0.1"), (INTERNET_PORT)port, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 80);
    tr_label(con, "connect");
    tr_check(con != NULL, "InternetConnectW");
    req = HttpOpenRequestW(con, tr_w("GET"), tr_w("/hello"), NULL, NULL, NULL, INTERNET_FLAG_RELOAD, 81);
    tr_label(req, "request");
    tr_check(req != NULL, "HttpOpenRequestW");

    tr_mark("HttpSendRequestW with UTF-16 headers");
    SetLastError(0xdeadbeef);
    ok = HttpSendRequestW(req, tr_w("X-Test: wide\r\n"), (DWORD)-1, NULL, 0);
    err = GetLastError();
    tr_check(!ok && err == ERROR_IO_PENDING, "async HttpSendRequestW: FALSE + ERROR_IO_PENDING (got %d, %lu)", ok,
             (unsigned long)err);
    ok = tr_settle(ok, &err, &pended);
    tr_check(ok, "send completes with TRUE (err %lu)", (unsigned long)err);
    TR_SLEEP(100); /* let the worker leave its callback (see async_openurl.c) */

    tr_mark("HttpQueryInfoW");
    expect_w(req, HTTP_QUERY_STATUS_CODE, "STATUS_CODE", "200");
    expect_w(req, HTTP_QUERY_STATUS_TEXT, "STATUS_TEXT", "OK");
    expect_w(req, HTTP_QUERY_VERSION, "VERSION", "HTTP/1.1");
    expect_w(req, HTTP_QUERY_CONTENT_TYPE, "CONTENT_TYPE", "text/plain");
    num = 0;
    len = sizeof num;
    ok = HttpQueryInfoW(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &num, &len, NULL);
    tr_check(ok && num == 200 && len == sizeof(DWORD), "W STATUS_CODE|FLAG_NUMBER = 200, len 4 (got %lu, len %lu)",
             (unsigned long)num, (unsigned long)len);

    /* Too small: ERROR_INSUFFICIENT_BUFFER and the bytes needed with the NUL. */
    len = 2;
    ok = qw(req, HTTP_QUERY_STATUS_TEXT, buf, &len, NULL, &err);
    tr_check(!ok && err == ERROR_INSUFFICIENT_BUFFER && len == 3 * sizeof(WCHAR),
             "W STATUS_TEXT in 2 bytes: 122, needs 6 bytes (err %lu, len %lu)", (unsigned long)err,
             (unsigned long)len);
    len = 0;
    ok = qw(req, HTTP_QUERY_CONTENT_TYPE, NULL, &len, NULL, &err);
    tr_check(!ok && err == ERROR_INSUFFICIENT_BUFFER && len == 11 * sizeof(WCHAR),
             "W CONTENT_TYPE, NULL buffer: 122, needs 22 bytes (err %lu, len %lu)", (unsigned long)err,
             (unsigned long)len);

    /* CUSTOM: the name goes in the buffer as UTF-16, the value comes back. */
    memcpy(buf, tr_w("x-mixed-case"), 13 * sizeof(WCHAR));
    len = sizeof buf;
    ok = qw(req, HTTP_QUERY_CUSTOM, buf, &len, NULL, &err);
    tr_check(ok && tr_w_eq(buf, "Value") && len == 5 * sizeof(WCHAR), "W CUSTOM x-mixed-case = Value (len %lu)",
             (unsigned long)len);
    memcpy(buf, tr_w("X-Absent"), 9 * sizeof(WCHAR));
    len = sizeof buf;
    ok = qw(req, HTTP_QUERY_CUSTOM, buf, &len, NULL, &err);
    tr_check(!ok && err == ERROR_HTTP_HEADER_NOT_FOUND, "W CUSTOM missing header: 12150 (err %lu)",
             (unsigned long)err);
    index = 0;
    len = sizeof buf;
    ok = qw(req, HTTP_QUERY_SET_COOKIE, buf, &len, &index, &err);
    tr_check(ok && tr_w_eq(buf, "a=1") && index == 1, "W SET_COOKIE index 0 = a=1, index becomes 1 (index %lu)",
             (unsigned long)index);

    /* The request's own headers, sent as UTF-16. */
    memcpy(buf, tr_w("X-Test"), 7 * sizeof(WCHAR));
    len = sizeof buf;
    ok = qw(req, HTTP_QUERY_CUSTOM | HTTP_QUERY_FLAG_REQUEST_HEADERS, buf, &len, NULL, &err);
    tr_check(ok && tr_w_eq(buf, "wide"), "W FLAG_REQUEST_HEADERS CUSTOM X-Test = wide (err %lu)", (unsigned long)err);

    /* RAW_HEADERS_CRLF in UTF-16: starts with the status line, ends CRLF
     * CRLF, length in bytes without the NUL. */
    len = sizeof buf;
    ok = qw(req, HTTP_QUERY_RAW_HEADERS_CRLF, buf, &len, NULL, &err);
    tr_check(ok && len == wlen(buf) * sizeof(WCHAR), "W RAW_HEADERS_CRLF length counts bytes without the NUL (len %lu)",
             (unsigned long)len);
    if (ok) {
        DWORD chars = wlen(buf);
        WCHAR head[18];
        memcpy(head, buf, 17 * sizeof(WCHAR));
        head[17] = 0;
        tr_check(tr_w_eq(head, "HTTP/1.1 200 OK\r\n"), "W RAW_HEADERS_CRLF starts with the status line");
        tr_check(chars >= 4 && tr_w_eq(buf + chars - 4, "\r\n\r\n"), "W RAW_HEADERS_CRLF ends with CRLF CRLF");
    }

    tr_mark("read");
    n = tr_read_all(req, body, sizeof body - 1, &err);
    tr_check(n == 14 && strcmp(body, "Hello, world!\n") == 0, "body reads back (%ld bytes, err %lu)", n,
             (unsigned long)err);

    tr_mark("bad parameters");
    len = sizeof buf;
    ok = HttpQueryInfoW(con, HTTP_QUERY_STATUS_CODE, buf, &len, NULL);
    err = GetLastError();
    tr_check(!ok && err == ERROR_INTERNET_INCORRECT_HANDLE_TYPE, "W HttpQueryInfo on a connect handle: 12018 (err %lu)",
             (unsigned long)err);
    SetLastError(0xdeadbeef);
    {
        HINTERNET bad = InternetConnectW(ses, NULL, (INTERNET_PORT)port, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 82);
        err = GetLastError();
        tr_check(bad == NULL && err == ERROR_INVALID_PARAMETER, "InternetConnectW with a NULL server: 87 (got %lu)",
                 (unsigned long)err);
        if (bad)
            InternetCloseHandle(bad);
    }

    tr_mark("close");
    InternetCloseHandle(req);
    InternetCloseHandle(con);
    InternetCloseHandle(ses);
    TR_SLEEP(100);
    return tr_finish();
}
