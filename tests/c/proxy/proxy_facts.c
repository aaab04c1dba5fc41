/* Proxy and authentication facts that hold for Windows' wininet (and
 * Wine's, where it agrees): built natively against OpenINet and with mingw
 * for Wine, run against the same squid and test server, every check must
 * pass in both. Synchronous, no threads, so it builds for both.
 *
 * usage: proxy_facts TESTSERVER_PORT SQUID_PORT SQUID_AUTH_PORT
 * (squid at SQUID_AUTH_PORT wants bob / pr0xy). Prints "N passed, N failed". */
#include "../checks.h"
#include <stdlib.h>

static int port, squid, squid_auth;

static DWORD status_of(HINTERNET req)
{
    DWORD code = 0, size = sizeof code;
    HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &code, &size, NULL);
    return code;
}

static HINTERNET get(HINTERNET ses, const char *path, const char *user, const char *pw)
{
    HINTERNET con = InternetConnectA(ses, "127.0.0.1", (INTERNET_PORT)port, user, pw, INTERNET_SERVICE_HTTP, 0, 0);
    HINTERNET req = HttpOpenRequestA(con, "GET", path, NULL, NULL, NULL, INTERNET_FLAG_RELOAD, 0);
    CHECK(req != NULL, "HttpOpenRequest %lu", (unsigned long)GetLastError());
    return req;
}

static void open_type_proxy(void)
{
    HINTERNET s;
    SetLastError(0xdeadbeef);
    s = InternetOpenA("facts", INTERNET_OPEN_TYPE_PROXY, NULL, NULL, 0);
    CHECK(s == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "PROXY without a proxy: %lu",
          (unsigned long)GetLastError());
}

static void through_squid(void)
{
    char list[64], buf[4096], want[128];
    HINTERNET s, r;
    DWORD size;
    snprintf(list, sizeof list, "127.0.0.1:%d", squid);
    s = InternetOpenA("facts", INTERNET_OPEN_TYPE_PROXY, list, "<-loopback>", 0);
    CHECK(s != NULL, "InternetOpen %lu", (unsigned long)GetLastError());
    r = get(s, "/hello", NULL, NULL);
    CHECK(HttpSendRequestA(r, NULL, 0, NULL, 0), "send %lu", (unsigned long)GetLastError());
    CHECK(status_of(r) == 200, "status %lu", (unsigned long)status_of(r));
    size = sizeof buf;
    CHECK(HttpQueryInfoA(r, HTTP_QUERY_RAW_HEADERS_CRLF | HTTP_QUERY_FLAG_REQUEST_HEADERS, buf, &size, NULL),
          "request headers %lu", (unsigned long)GetLastError());
    /* Windows reports the request line it sent, absolute through a proxy
     * (what issue 11 states); Wine 8 reports the origin form it keeps. */
    snprintf(want, sizeof want, "GET http://127.0.0.1:%d/hello HTTP/1.1\r\n", port);
    NOT_UNDER_WINE(CHECK(!strncmp(buf, want, strlen(want)), "request line: %.80s", buf));
    CHECK(strstr(buf, "\r\nHost: 127.0.0.1:") != NULL, "Host: %s", buf);
    /* The URL option is the origin's, not the proxy's. */
    size = sizeof buf;
    snprintf(want, sizeof want, "http://127.0.0.1:%d/hello", port);
    CHECK(InternetQueryOptionA(r, INTERNET_OPTION_URL, buf, &size) && !strcmp(buf, want), "URL %s", buf);
    InternetCloseHandle(s);
}

static void squid_wants_credentials(void)
{
    char list[64], buf[256];
    HINTERNET s, r;
    DWORD size;
    snprintf(list, sizeof list, "127.0.0.1:%d", squid_auth);
    s = InternetOpenA("facts", INTERNET_OPEN_TYPE_PROXY, list, "<-loopback>", 0);
    r = get(s, "/hello", NULL, NULL);
    CHECK(HttpSendRequestA(r, NULL, 0, NULL, 0), "send %lu", (unsigned long)GetLastError());
    CHECK(status_of(r) == 407, "status %lu", (unsigned long)status_of(r));
    size = sizeof buf;
    CHECK(HttpQueryInfoA(r, HTTP_QUERY_PROXY_AUTHENTICATE, buf, &size, NULL) && !strncmp(buf, "Basic realm=", 12),
          "Proxy-Authenticate %s", buf);
    /* The connection's credentials are for the server, not the proxy. */
    size = 0;
    SetLastError(0xdeadbeef);
    CHECK(!InternetQueryOptionA(r, INTERNET_OPTION_PROXY_USERNAME, NULL, &size) &&
              GetLastError() == ERROR_INSUFFICIENT_BUFFER && size == 1,
          "unset proxy user: %lu %lu", (unsigned long)GetLastError(), (unsigned long)size);
    CHECK(!InternetSetOptionA(s, INTERNET_OPTION_PROXY_USERNAME, "bob", 3), "a session takes no proxy user");
    CHECK(InternetSetOptionA(r, INTERNET_OPTION_PROXY_USERNAME, "bob", 3), "set proxy user");
    CHECK(InternetSetOptionA(r, INTERNET_OPTION_PROXY_PASSWORD, "pr0xy", 5), "set proxy password");
    CHECK(HttpSendRequestA(r, NULL, 0, NULL, 0), "send again %lu", (unsigned long)GetLastError());
    CHECK(status_of(r) == 200, "with credentials: status %lu", (unsigned long)status_of(r));
    InternetCloseHandle(s);
}

static void server_wants_credentials(void)
{
    HINTERNET s, r;
    char buf[128];
    DWORD size;
    s = InternetOpenA("facts", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    r = get(s, "/auth/basic/dXNlcjpwd2Q=/facts1/x", NULL, NULL);
    CHECK(HttpSendRequestA(r, NULL, 0, NULL, 0), "send %lu", (unsigned long)GetLastError());
    CHECK(status_of(r) == 401, "no credentials: %lu", (unsigned long)status_of(r));
    size = sizeof buf;
    CHECK(HttpQueryInfoA(r, HTTP_QUERY_WWW_AUTHENTICATE, buf, &size, NULL) && !strcmp(buf, "Basic realm=\"testserver\""),
          "WWW-Authenticate %s", buf);
    InternetCloseHandle(r); /* its connection goes back: 2 per server */
    r = get(s, "/auth/basic/dXNlcjpwd2Q=/facts2/x", "user", "pwd");
    CHECK(HttpSendRequestA(r, NULL, 0, NULL, 0), "send %lu", (unsigned long)GetLastError());
    CHECK(status_of(r) == 200, "InternetConnect's credentials: %lu", (unsigned long)status_of(r));
    InternetCloseHandle(r); /* its connection goes back: 2 per server */
    r = get(s, "/auth/basic/eDp5/facts3/x", "user", "wrong");
    CHECK(HttpSendRequestA(r, NULL, 0, NULL, 0), "send %lu", (unsigned long)GetLastError());
    CHECK(status_of(r) == 401, "wrong password: %lu", (unsigned long)status_of(r));
    InternetCloseHandle(s);
}

int main(int argc, char **argv)
{
    if (argc < 4)
        return 2;
    port = atoi(argv[1]);
    squid = atoi(argv[2]);
    squid_auth = atoi(argv[3]);
    open_type_proxy();
    through_squid();
    squid_wants_credentials();
    server_wants_credentials();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
