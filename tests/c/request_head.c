/* The request headers WinINet adds itself, seen through /echo (which
 * returns the request head as its body) and through HttpQueryInfo on the
 * request headers, before and after the send; HttpOpenRequest's accept
 * types and object name; HTTP_QUERY_STATUS_CODE with an index and before
 * a response. Messages name no values that differ between
 * implementations (the order of the added headers is not WinINet's
 * contract and is not compared). */
#include "trace.h"

static int port;
static HINTERNET ses;

/* Sends a request and reads the echoed head into buf. */
static HINTERNET echo(const char *verb, const char *object, const char **types, DWORD flags,
                      const char *data, char *buf, size_t cap, HINTERNET *con)
{
    HINTERNET req;
    DWORD err;
    BOOL ok;
    *con = InternetConnectA(ses, "127.0.0.1", (INTERNET_PORT)port, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 0);
    req = HttpOpenRequestA(*con, verb, object, NULL, NULL, types, flags, 0);
    buf[0] = 0;
    if (!req)
        return NULL;
    ok = HttpSendRequestA(req, NULL, 0, (void *)data, data ? (DWORD)strlen(data) : 0);
    tr_check(ok, "%s %s: HttpSendRequest", verb, object);
    if (ok && tr_read_all(req, buf, cap - 1, &err) < 0)
        buf[0] = 0;
    return req;
}

static void close2(HINTERNET req, HINTERNET con)
{
    InternetCloseHandle(req);
    InternetCloseHandle(con);
}

static int has(const char *head, const char *line)
{
    return strstr(head, line) != NULL;
}

/* Request headers as HttpQueryInfo reports them (RAW_HEADERS_CRLF). */
static BOOL raw_request(HINTERNET req, char *buf, DWORD cap)
{
    DWORD len = cap;
    return HttpQueryInfoA(req, HTTP_QUERY_RAW_HEADERS_CRLF | HTTP_QUERY_FLAG_REQUEST_HEADERS, buf, &len, NULL);
}

int main(int argc, char **argv)
{
    HINTERNET con, req;
    char head[4096], raw[4096], host[64], buf[256];
    DWORD len, err, code, index;
    BOOL ok;

    port = tr_port(argc, argv);
    tr_init("request_head");
    snprintf(host, sizeof host, "Host: 127.0.0.1:%d\r\n", port);
    ses = InternetOpenA("openinet-test", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);

    tr_mark("before the send");
    con = InternetConnectA(ses, "127.0.0.1", (INTERNET_PORT)port, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 0);
    req = HttpOpenRequestA(con, "GET", "/echo", NULL, NULL, NULL, INTERNET_FLAG_KEEP_CONNECTION, 0);
    ok = raw_request(req, raw, sizeof raw);
    tr_check(ok && strcmp(raw, "GET /echo HTTP/1.1\r\n\r\n") == 0,
             "only the request line before the send (no agent, host or connection yet)");
    len = sizeof buf;
    ok = HttpQueryInfoA(req, HTTP_QUERY_USER_AGENT | HTTP_QUERY_FLAG_REQUEST_HEADERS, buf, &len, NULL);
    err = GetLastError();
    tr_check(!ok && err == ERROR_HTTP_HEADER_NOT_FOUND, "USER_AGENT before the send: 12150");
    len = sizeof buf;
    ok = HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE, buf, &len, NULL);
    err = GetLastError();
    /* "0" before a response, as Windows answers (Wine's http.c
     * InternetReadFile_test) and Wine 8 too. */
    tr_check(ok && strcmp(buf, "0") == 0 && len == 1, "STATUS_CODE before a response is \"0\" (ok %d, err %lu)",
             ok, (unsigned long)err);
    /* Headers with a length of 0: a bad parameter for the A form, read to
     * their NUL by the W form (as Windows, per Wine's http.c). */
    SetLastError(0xdeadbeef);
    ok = HttpSendRequestA(req, "X-Zero: a", 0, NULL, 0);
    err = GetLastError();
    tr_check(!ok && err == ERROR_INVALID_PARAMETER, "HttpSendRequestA with headers of length 0: 87 (got %lu)",
             (unsigned long)err);
    /* HTTP_QUERY_CUSTOM reads the name to its NUL even when the length
     * given is shorter, as a size query with 0 needs. */
    HttpAddRequestHeadersA(req, "Warning: test1\r\n", (DWORD)-1, HTTP_ADDREQ_FLAG_ADD);
    strcpy(buf, "Warning");
    len = 0;
    ok = HttpQueryInfoA(req, HTTP_QUERY_CUSTOM | HTTP_QUERY_FLAG_REQUEST_HEADERS, buf, &len, NULL);
    err = GetLastError();
    tr_check(!ok && err == ERROR_INSUFFICIENT_BUFFER && len == 6, "CUSTOM size query with length 0: 122, 6 (got %lu, %lu)",
             (unsigned long)err, (unsigned long)len);
    strcpy(buf, "Warning");
    len = 3;
    ok = HttpQueryInfoA(req, HTTP_QUERY_CUSTOM | HTTP_QUERY_FLAG_REQUEST_HEADERS, buf, &len, NULL);
    err = GetLastError();
    tr_check(!ok && err == ERROR_INSUFFICIENT_BUFFER && len == 6, "CUSTOM with a length shorter than the name: 122, 6 (got %lu, %lu)",
             (unsigned long)err, (unsigned long)len);
    SetLastError(0xdeadbeef);
    ok = HttpAddRequestHeadersA(req, "X-Zero: a", 0, HTTP_ADDREQ_FLAG_ADD);
    err = GetLastError();
    tr_check(!ok && err == ERROR_HTTP_INVALID_HEADER, "HttpAddRequestHeadersA of length 0: 12153 (got %lu)",
             (unsigned long)err);
    /* A header already there, with ADD_IF_NEW or no modifier: 12153, as
     * Wine 8 answers. */
    SetLastError(0xdeadbeef);
    ok = HttpAddRequestHeadersA(req, "Warning: test2", (DWORD)-1, HTTP_ADDREQ_FLAG_ADD_IF_NEW);
    err = GetLastError();
    tr_check(!ok && err == ERROR_HTTP_INVALID_HEADER, "ADD_IF_NEW of a header already there: 12153 (got %lu)",
             (unsigned long)err);
    SetLastError(0xdeadbeef);
    ok = HttpAddRequestHeadersA(req, "warning: test3", (DWORD)-1, 0);
    err = GetLastError();
    tr_check(!ok && err == ERROR_HTTP_INVALID_HEADER, "no modifier, a header already there: 12153 (got %lu)",
             (unsigned long)err);
    ok = HttpAddRequestHeadersA(req, "X-New: n", (DWORD)-1, HTTP_ADDREQ_FLAG_ADD_IF_NEW);
    tr_check(ok, "ADD_IF_NEW of a new header succeeds");
    close2(req, con);

    tr_mark("GET, flags 0 and KEEP_CONNECTION");
    req = echo("GET", "/echo", NULL, 0, NULL, head, sizeof head, &con);
    tr_check(has(head, "User-Agent: openinet-test\r\n") && has(head, host), "agent and host are sent");
    tr_check(!has(head, "Connection:"), "no Connection header without KEEP_CONNECTION");
    tr_check(!has(head, "Content-Length:") && !has(head, "Pragma:") && !has(head, "Cache-Control:"),
             "no length or cache header on a plain GET");
    ok = raw_request(req, raw, sizeof raw);
    tr_check(ok && strcmp(raw, head) == 0, "the request headers after the send are the head sent");
    code = 0;
    index = 1;
    len = sizeof code;
    ok = HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &code, &len, &index);
    err = GetLastError();
    tr_check(!ok && err == ERROR_HTTP_HEADER_NOT_FOUND, "STATUS_CODE at index 1: 12150");
    close2(req, con);
    req = echo("GET", "/echo", NULL, INTERNET_FLAG_KEEP_CONNECTION, NULL, head, sizeof head, &con);
    tr_check(has(head, "\r\nConnection: Keep-Alive\r\n"), "KEEP_CONNECTION sends Connection: Keep-Alive");
    close2(req, con);

    tr_mark("cache flags");
    req = echo("GET", "/echo", NULL, INTERNET_FLAG_NO_CACHE_WRITE | INTERNET_FLAG_RELOAD, NULL, head, sizeof head,
               &con);
    tr_check(!has(head, "Pragma:") && !has(head, "Cache-Control:"), "GET with NO_CACHE_WRITE|RELOAD: no cache header");
    close2(req, con);
    req = echo("GET", "/echo", NULL, INTERNET_FLAG_PRAGMA_NOCACHE, NULL, head, sizeof head, &con);
    tr_check(has(head, "\r\nPragma: no-cache\r\n"), "PRAGMA_NOCACHE sends Pragma: no-cache");
    close2(req, con);
    req = echo("POST", "/echo", NULL, INTERNET_FLAG_NO_CACHE_WRITE, NULL, head, sizeof head, &con);
    tr_check(has(head, "\r\nContent-Length: 0\r\n"), "POST without data: Content-Length: 0");
    tr_check(has(head, "\r\nCache-Control: no-cache\r\n"), "POST with NO_CACHE_WRITE: Cache-Control: no-cache");
    tr_check(!has(head, "Connection:"), "POST without KEEP_CONNECTION: no Connection header");
    close2(req, con);
    req = echo("POST", "/echo", NULL, 0, "abc", head, sizeof head, &con);
    tr_check(has(head, "\r\nContent-Length: 3\r\n") && !has(head, "Cache-Control:"),
             "POST with data: its length, no cache header without the flag");
    close2(req, con);

    tr_mark("accept types");
    {
        static const char *types[] = {"text/html", "", "*/*", NULL};
        static const char *bogus[] = {(const char *)6240, "*/*", "%p", "", NULL};
        con = InternetConnectA(ses, "127.0.0.1", (INTERNET_PORT)port, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 0);
        req = HttpOpenRequestA(con, "GET", "/echo", NULL, NULL, types, 0, 0);
        len = sizeof buf;
        ok = HttpQueryInfoA(req, HTTP_QUERY_ACCEPT | HTTP_QUERY_FLAG_REQUEST_HEADERS, buf, &len, NULL);
        tr_check(ok && strcmp(buf, "text/html, */*") == 0, "accept types joined by \", \", the empty one skipped");
        InternetCloseHandle(req);
        req = HttpOpenRequestA(con, "GET", "/echo", NULL, NULL, bogus, 0, 0);
        tr_check(req != NULL, "HttpOpenRequest with a bogus accept-types array");
        len = sizeof buf;
        ok = HttpQueryInfoA(req, HTTP_QUERY_ACCEPT | HTTP_QUERY_FLAG_REQUEST_HEADERS, buf, &len, NULL);
        err = GetLastError();
        tr_check(!ok && err == ERROR_HTTP_HEADER_NOT_FOUND, "an array opening with a bogus pointer: no Accept");
        close2(req, con);
    }

    tr_mark("object name");
    req = echo("GET", "/A/../B/./C/../../echo", NULL, 0, NULL, head, sizeof head, &con);
    tr_check(strncmp(head, "GET /echo HTTP/1.1\r\n", 20) == 0, "dot segments of the object are resolved");
    close2(req, con);

    InternetCloseHandle(ses);
    return tr_finish();
}
