/* Proxies and authentication through the C API, sync and async:
 * INTERNET_OPEN_TYPE_PROXY through a real squid (plain http and an https
 * CONNECT tunnel), the request line HttpQueryInfo reports, INTERNET_OPTION_PROXY,
 * squid's 407 answered after INTERNET_OPTION_PROXY_USERNAME/PASSWORD, a
 * server's 401 answered with InternetConnect's credentials, the options,
 * or the URL's, INTERNET_FLAG_NO_AUTH, PRECONFIG from http_proxy/no_proxy,
 * a bad http_proxy, a proxy that refuses.
 *
 * usage: proxy_auth TESTSERVER_PORT SQUID_PORT SQUID_AUTH_PORT TLS_PORT
 * (squid at SQUID_AUTH_PORT wants bob / pr0xy; the testserver's
 * /auth/basic/dXNlcjpwd2Q= wants user / pwd). Prints "N passed, N failed". */
#define _POSIX_C_SOURCE 200809L
#include "../checks.h"
#include <pthread.h>
#include <stdlib.h>

static int port, squid, squid_auth, tls_port;

/* Async completion: REQUEST_COMPLETE's error, signalled to the waiter. */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int completed;
static DWORD completed_error;

static void CALLBACK on_status(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len)
{
    (void)h; (void)ctx; (void)len;
    if (status == INTERNET_STATUS_REQUEST_COMPLETE) {
        INTERNET_ASYNC_RESULT *r = info;
        pthread_mutex_lock(&mu);
        completed = 1;
        completed_error = r->dwResult ? 0 : r->dwError;
        pthread_cond_signal(&cv);
        pthread_mutex_unlock(&mu);
    }
}

/* A call's outcome: 0, or its error once it completes (async). */
static DWORD finish(BOOL ok, int async)
{
    DWORD e = ok ? 0 : GetLastError();
    if (!async || e != ERROR_IO_PENDING)
        return e;
    pthread_mutex_lock(&mu);
    while (!completed)
        pthread_cond_wait(&cv, &mu);
    completed = 0;
    e = completed_error;
    pthread_mutex_unlock(&mu);
    return e;
}

static HINTERNET open_session(DWORD type, const char *proxy, const char *bypass, int async)
{
    HINTERNET s = InternetOpenA("proxy-test", type, proxy, bypass, async ? INTERNET_FLAG_ASYNC : 0);
    if (s && async)
        InternetSetStatusCallbackA(s, on_status);
    return s;
}

/* Sends req; returns 0 or the error. */
static DWORD send_req(HINTERNET req, int async)
{
    return finish(HttpSendRequestA(req, NULL, 0, NULL, 0), async);
}

static DWORD status_of(HINTERNET req)
{
    DWORD code = 0, size = sizeof code;
    HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &code, &size, NULL);
    return code;
}

/* Reads the body into buf (NUL-terminated); returns its length. */
static long read_body(HINTERNET req, char *buf, long cap, int async)
{
    long total = 0;
    for (;;) {
        DWORD n = 0;
        DWORD e = finish(InternetReadFile(req, buf + total, (DWORD)(cap - 1 - total), &n), async);
        if (e)
            return -1;
        if (n == 0 && async) {
            /* An async read that pended reports its bytes through n too. */
        }
        if (n == 0)
            break;
        total += n;
        if (total >= cap - 1)
            break;
    }
    buf[total] = 0;
    return total;
}

static HINTERNET request(HINTERNET ses, const char *host, int p, const char *user, const char *pw,
                         const char *path, DWORD flags)
{
    HINTERNET con = InternetConnectA(ses, host, (INTERNET_PORT)p, user, pw, INTERNET_SERVICE_HTTP, 0, 1);
    CHECK(con != NULL, "InternetConnect %lu", (unsigned long)GetLastError());
    return HttpOpenRequestA(con, "GET", path, NULL, NULL, NULL, flags | INTERNET_FLAG_RELOAD, 2);
}

static void named_proxy_needs_a_proxy(void)
{
    HINTERNET s;
    SetLastError(0xdeadbeef);
    s = InternetOpenA("x", INTERNET_OPEN_TYPE_PROXY, NULL, NULL, 0);
    CHECK(s == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "no proxy: %p %lu", s, (unsigned long)GetLastError());
    SetLastError(0xdeadbeef);
    s = InternetOpenA("x", INTERNET_OPEN_TYPE_PROXY, "bad:port:x", NULL, 0);
    CHECK(s == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "bad list: %p %lu", s, (unsigned long)GetLastError());
}

static void plain_http_through_squid(int async)
{
    char list[64], buf[4096], want[128];
    HINTERNET s, r;
    DWORD size, e;
    INTERNET_PROXY_INFO *info;
    snprintf(list, sizeof list, "http=127.0.0.1:%d", squid);
    s = open_session(INTERNET_OPEN_TYPE_PROXY, list, "<-loopback>", async);
    CHECK(s != NULL, "InternetOpen");
    size = sizeof buf;
    CHECK(InternetQueryOptionA(s, INTERNET_OPTION_PROXY, buf, &size), "query PROXY");
    info = (INTERNET_PROXY_INFO *)buf;
    CHECK(info->dwAccessType == INTERNET_OPEN_TYPE_PROXY, "access %lu", (unsigned long)info->dwAccessType);
    CHECK(!strcmp((const char *)info->lpszProxy, list), "proxy %s", (const char *)info->lpszProxy);
    r = request(s, "127.0.0.1", port, NULL, NULL, "/hello", 0);
    e = send_req(r, async);
    CHECK(e == 0 && status_of(r) == 200, "send %lu status %lu", (unsigned long)e, (unsigned long)status_of(r));
    size = sizeof buf;
    CHECK(HttpQueryInfoA(r, HTTP_QUERY_RAW_HEADERS_CRLF | HTTP_QUERY_FLAG_REQUEST_HEADERS, buf, &size, NULL), "request headers");
    snprintf(want, sizeof want, "GET http://127.0.0.1:%d/hello HTTP/1.1\r\n", port);
    CHECK(!strncmp(buf, want, strlen(want)), "request line: %.60s", buf);
    CHECK(strstr(buf, "\r\nProxy-Connection: Keep-Alive\r\n") != NULL, "Proxy-Connection: %s", buf);
    CHECK(read_body(r, buf, sizeof buf, async) == 14 && !strcmp(buf, "Hello, world!\n"), "body %s", buf);
    /* Squid's own header shows it came through squid. */
    InternetCloseHandle(s);
}

static void https_through_squid(int async)
{
    char list[64], buf[256];
    HINTERNET s, r;
    DWORD e, flags = SECURITY_FLAG_IGNORE_UNKNOWN_CA;
    snprintf(list, sizeof list, "https=127.0.0.1:%d", squid);
    s = open_session(INTERNET_OPEN_TYPE_PROXY, list, "<-loopback>", async);
    r = request(s, "127.0.0.1", tls_port, NULL, NULL, "/x", INTERNET_FLAG_SECURE);
    InternetSetOptionA(r, INTERNET_OPTION_SECURITY_FLAGS, &flags, sizeof flags);
    e = send_req(r, async);
    CHECK(e == 0 && status_of(r) == 200, "https send %lu", (unsigned long)e);
    CHECK(read_body(r, buf, sizeof buf, async) > 0 && !strncmp(buf, "conn=", 5), "https body %s", buf);
    InternetCloseHandle(s);
}

static void squid_asks_for_credentials(int async)
{
    char list[64], buf[256];
    HINTERNET s, r;
    DWORD e, size;
    snprintf(list, sizeof list, "127.0.0.1:%d", squid_auth);
    s = open_session(INTERNET_OPEN_TYPE_PROXY, list, "<-loopback>", async);
    r = request(s, "127.0.0.1", port, NULL, NULL, "/hello", 0);
    e = send_req(r, async);
    CHECK(e == 0 && status_of(r) == 407, "no credentials: %lu %lu", (unsigned long)e, (unsigned long)status_of(r));
    size = sizeof buf;
    CHECK(HttpQueryInfoA(r, HTTP_QUERY_PROXY_AUTHENTICATE, buf, &size, NULL) && !strncmp(buf, "Basic", 5),
          "Proxy-Authenticate %s", buf);
    /* A session handle takes no credentials; a request does. */
    CHECK(!InternetSetOptionA(s, INTERNET_OPTION_PROXY_USERNAME, "bob", 3), "session took a user");
    CHECK(InternetSetOptionA(r, INTERNET_OPTION_PROXY_USERNAME, "bob", 1), "set proxy user");
    CHECK(InternetSetOptionA(r, INTERNET_OPTION_PROXY_PASSWORD, "wrong", 5), "set proxy password");
    e = send_req(r, async);
    CHECK(e == 0 && status_of(r) == 407, "wrong password: %lu %lu", (unsigned long)e, (unsigned long)status_of(r));
    CHECK(InternetSetOptionA(r, INTERNET_OPTION_PROXY_PASSWORD, "pr0xy", 5), "set proxy password");
    size = sizeof buf;
    CHECK(InternetQueryOptionA(r, INTERNET_OPTION_PROXY_USERNAME, buf, &size) && !strcmp(buf, "bob") && size == 3,
          "user reads back: %s %lu", buf, (unsigned long)size);
    e = send_req(r, async);
    CHECK(e == 0 && status_of(r) == 200, "right password: %lu %lu", (unsigned long)e, (unsigned long)status_of(r));
    CHECK(read_body(r, buf, sizeof buf, async) == 14, "body %s", buf);
    InternetCloseHandle(s);
}

static void server_asks_for_credentials(int async)
{
    char url[160], buf[256];
    HINTERNET s, r;
    DWORD e, size = 0;
    s = open_session(INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, async);
    /* From InternetConnect. */
    r = request(s, "127.0.0.1", port, "user", "pwd", async ? "/auth/basic/dXNlcjpwd2Q=/a1/x" : "/auth/basic/dXNlcjpwd2Q=/s1/x", 0);
    e = send_req(r, async);
    CHECK(e == 0 && status_of(r) == 200, "connect's credentials: %lu %lu", (unsigned long)e, (unsigned long)status_of(r));
    /* That directory has asked: Basic goes ahead of its challenge now. */
    InternetCloseHandle(r); /* its connection goes back: 2 per server */
    r = request(s, "127.0.0.1", port, NULL, NULL, async ? "/auth/basic/dXNlcjpwd2Q=/a1/y" : "/auth/basic/dXNlcjpwd2Q=/s1/y", 0);
    e = send_req(r, async);
    CHECK(e == 0 && status_of(r) == 200, "pre-emptive Basic: %lu %lu", (unsigned long)e, (unsigned long)status_of(r));
    /* Another directory: none, then from the options. */
    InternetCloseHandle(r); /* its connection goes back: 2 per server */
    r = request(s, "127.0.0.1", port, NULL, NULL, async ? "/auth/basic/dXNlcjpwd2Q=/a2/x" : "/auth/basic/dXNlcjpwd2Q=/s2/x", 0);
    SetLastError(0xdeadbeef);
    CHECK(!InternetQueryOptionA(r, INTERNET_OPTION_USERNAME, NULL, &size) && GetLastError() == ERROR_INSUFFICIENT_BUFFER && size == 1,
          "unset user: %lu %lu", (unsigned long)GetLastError(), (unsigned long)size);
    e = send_req(r, async);
    CHECK(e == 0 && status_of(r) == 401, "no credentials: %lu", (unsigned long)status_of(r));
    size = sizeof buf;
    CHECK(HttpQueryInfoA(r, HTTP_QUERY_WWW_AUTHENTICATE, buf, &size, NULL) && !strcmp(buf, "Basic realm=\"testserver\""),
          "WWW-Authenticate %s", buf);
    InternetSetOptionA(r, INTERNET_OPTION_USERNAME, "user", 4);
    InternetSetOptionA(r, INTERNET_OPTION_PASSWORD, "pwd", 3);
    e = send_req(r, async);
    CHECK(e == 0 && status_of(r) == 200, "options' credentials: %lu", (unsigned long)status_of(r));
    /* INTERNET_FLAG_NO_AUTH: the 401 is the answer. */
    InternetCloseHandle(r); /* its connection goes back: 2 per server */
    r = request(s, "127.0.0.1", port, "user", "pwd", "/auth/basic/eDp5", INTERNET_FLAG_NO_AUTH);
    e = send_req(r, async);
    CHECK(e == 0 && status_of(r) == 401, "NO_AUTH: %lu", (unsigned long)status_of(r));
    /* From the URL. */
    snprintf(url, sizeof url, "http://user:pwd@127.0.0.1:%d/auth/basic/dXNlcjpwd2Q=/u%d/x", port, async);
    InternetCloseHandle(r); /* its connection goes back: 2 per server */
    r = InternetOpenUrlA(s, url, NULL, 0, INTERNET_FLAG_RELOAD, 3);
    if (async && !r && GetLastError() == ERROR_IO_PENDING) {
        finish(FALSE, 1);
        r = NULL; /* The handle came in REQUEST_COMPLETE: not kept here. */
    } else {
        CHECK(r != NULL && status_of(r) == 200, "URL's credentials: %lu", (unsigned long)(r ? status_of(r) : 0));
    }
    InternetCloseHandle(s);
}

static void preconfig_reads_the_environment(void)
{
    char env[64];
    HINTERNET s, r;
    DWORD e;
    setenv("http_proxy", "socks5://127.0.0.1:1080", 1);
    SetLastError(0xdeadbeef);
    s = InternetOpenA("x", INTERNET_OPEN_TYPE_PRECONFIG, NULL, NULL, 0);
    CHECK(s == NULL && GetLastError() == ERROR_INTERNET_UNRECOGNIZED_SCHEME, "socks5 env: %lu", (unsigned long)GetLastError());
    setenv("http_proxy", "http://127.0.0.1:99999", 1);
    s = InternetOpenA("x", INTERNET_OPEN_TYPE_PRECONFIG_WITH_NO_AUTOPROXY, NULL, NULL, 0);
    CHECK(s == NULL && GetLastError() == ERROR_INTERNET_INVALID_URL, "bad port env: %lu", (unsigned long)GetLastError());
    /* The test server as the proxy: a name that does not resolve works. */
    snprintf(env, sizeof env, "http://127.0.0.1:%d", port);
    setenv("http_proxy", env, 1);
    setenv("no_proxy", "skip.invalid", 1);
    s = InternetOpenA("x", INTERNET_OPEN_TYPE_PRECONFIG, NULL, NULL, 0);
    CHECK(s != NULL, "env proxy open %lu", (unsigned long)GetLastError());
    {
        /* Reported in WinINet's own terms. */
        char buf[512], want[64];
        DWORD size = sizeof buf;
        INTERNET_PROXY_INFO *info = (INTERNET_PROXY_INFO *)buf;
        snprintf(want, sizeof want, "http=127.0.0.1:%d", port);
        CHECK(InternetQueryOptionA(s, INTERNET_OPTION_PROXY, buf, &size), "query PROXY %lu", (unsigned long)GetLastError());
        CHECK(info->dwAccessType == INTERNET_OPEN_TYPE_PROXY && !strcmp((const char *)info->lpszProxy, want) &&
                  !strcmp((const char *)info->lpszProxyBypass, "skip.invalid"),
              "env PROXY info: %lu %s %s", (unsigned long)info->dwAccessType, (const char *)info->lpszProxy,
              (const char *)info->lpszProxyBypass);
    }
    r = request(s, "origin.invalid", 81, NULL, NULL, "/hello", 0);
    e = send_req(r, 0);
    CHECK(e == 0 && status_of(r) == 200, "through env proxy: %lu", (unsigned long)e);
    /* no_proxy: direct, so the name must resolve, and does not. */
    InternetCloseHandle(r); /* its connection goes back: 2 per server */
    r = request(s, "www.skip.invalid", 81, NULL, NULL, "/hello", 0);
    e = send_req(r, 0);
    CHECK(e == ERROR_INTERNET_NAME_NOT_RESOLVED, "no_proxy match: %lu", (unsigned long)e);
    InternetCloseHandle(s);
    unsetenv("http_proxy");
    unsetenv("no_proxy");
}

/* A request's own proxy settings: INTERNET_OPTION_PROXY on one request,
 * INTERNET_OPTION_PER_CONNECTION_OPTION on another, in a direct session;
 * the test server stands in for the proxy (origin.invalid never resolves). */
static void per_request_proxy(int async)
{
    char proxy[64];
    HINTERNET s, r;
    DWORD e;
    INTERNET_PROXY_INFO info;
    INTERNET_PER_CONN_OPTION_LISTA list;
    INTERNET_PER_CONN_OPTIONA opts[3];
    snprintf(proxy, sizeof proxy, "127.0.0.1:%d", port);
    s = open_session(INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, async);
    r = request(s, "origin.invalid", 80, NULL, NULL, "/hello", 0);
    info.dwAccessType = INTERNET_OPEN_TYPE_PROXY;
    info.lpszProxy = proxy;
    info.lpszProxyBypass = "<-loopback>";
    CHECK(InternetSetOptionA(r, INTERNET_OPTION_PROXY, &info, sizeof info), "set PROXY %lu", (unsigned long)GetLastError());
    e = send_req(r, async);
    CHECK(e == 0 && status_of(r) == 200, "request's PROXY: %lu", (unsigned long)e);
    InternetCloseHandle(r); /* its connection goes back: 2 per server */
    r = request(s, "origin.invalid", 80, NULL, NULL, "/hello", 0);
    opts[0].dwOption = INTERNET_PER_CONN_FLAGS;
    opts[0].Value.dwValue = PROXY_TYPE_PROXY;
    opts[1].dwOption = INTERNET_PER_CONN_PROXY_SERVER;
    opts[1].Value.pszValue = proxy;
    opts[2].dwOption = INTERNET_PER_CONN_PROXY_BYPASS;
    opts[2].Value.pszValue = (LPSTR) "<-loopback>";
    list.dwSize = sizeof list;
    list.pszConnection = NULL;
    list.dwOptionCount = 3;
    list.dwOptionError = 0;
    list.pOptions = opts;
    CHECK(InternetSetOptionA(r, INTERNET_OPTION_PER_CONNECTION_OPTION, &list, sizeof list), "set PER_CONNECTION %lu",
          (unsigned long)GetLastError());
    e = send_req(r, async);
    CHECK(e == 0 && status_of(r) == 200, "request's PER_CONNECTION_OPTION: %lu", (unsigned long)e);
    /* The session is still direct: the name must resolve, and does not. */
    InternetCloseHandle(r); /* its connection goes back: 2 per server */
    r = request(s, "origin.invalid", 80, NULL, NULL, "/hello", 0);
    e = send_req(r, async);
    CHECK(e == ERROR_INTERNET_NAME_NOT_RESOLVED, "session still direct: %lu", (unsigned long)e);
    InternetCloseHandle(s);
}

static void refusing_proxy(int async)
{
    HINTERNET s, r;
    DWORD e;
    s = open_session(INTERNET_OPEN_TYPE_PROXY, "127.0.0.1:1", "<-loopback>", async);
    r = request(s, "127.0.0.1", port, NULL, NULL, "/hello", 0);
    e = send_req(r, async);
    CHECK(e == ERROR_INTERNET_CANNOT_CONNECT, "refusing proxy: %lu", (unsigned long)e);
    InternetCloseHandle(s);
}

int main(int argc, char **argv)
{
    int async;
    if (argc < 5)
        return 2;
    port = atoi(argv[1]);
    squid = atoi(argv[2]);
    squid_auth = atoi(argv[3]);
    tls_port = atoi(argv[4]);
    named_proxy_needs_a_proxy();
    preconfig_reads_the_environment();
    for (async = 0; async < 2; async++) {
        plain_http_through_squid(async);
        https_through_squid(async);
        squid_asks_for_credentials(async);
        server_asks_for_credentials(async);
        refusing_proxy(async);
        per_request_proxy(async);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
