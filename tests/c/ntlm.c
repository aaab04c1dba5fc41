/* NTLM to a server through the C API, synchronous then asynchronous,
 * against the test server's /auth/ntlm (the server side checks the
 * handshake with sspi: TESTDOM\ntlmuser / ntlm-secret): InternetConnect's
 * DOMAIN\user answered in three legs on one connection, each leg with the
 * POST body; Negotiate answered with NTLM tokens; the server's first
 * scheme answered (Basic listed before NTLM); a wrong password (the 401 after one handshake, its
 * WWW-Authenticate queried); no credentials (the 401), then
 * INTERNET_OPTION_USERNAME / PASSWORD and a second send; INTERNET_FLAG_NO_AUTH;
 * a malformed challenge and, last, a challenge on a closing connection
 * (the 401 handed back); then NTLM to a proxy (natively only). */
#include "trace.h"

static int port;

#define USER "TESTDOM\\ntlmuser"
#define PASS "ntlm-secret"

static DWORD status_of(HINTERNET req)
{
    DWORD code = 0, len = sizeof code;
    if (!HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &code, &len, NULL))
        return 0;
    return code;
}

/* InternetConnect (with user and password, when given) and a request. */
static HINTERNET open_req(HINTERNET ses, const char *verb, const char *path, const char *user,
                          const char *pass, DWORD flags)
{
    HINTERNET con, req;
    con = InternetConnectA(ses, "127.0.0.1", (INTERNET_PORT)port, user, pass, INTERNET_SERVICE_HTTP,
                           0, 0);
    tr_label(con, "connect");
    req = HttpOpenRequestA(con, verb, path, NULL, NULL, NULL, flags | INTERNET_FLAG_RELOAD, 21);
    tr_label(req, "request");
    return req;
}

static void done(HINTERNET req)
{
    HINTERNET con = NULL;
    DWORD len = sizeof con;
    InternetQueryOptionA(req, INTERNET_OPTION_PARENT_HANDLE, &con, &len);
    InternetCloseHandle(req);
    InternetCloseHandle(con);
    TR_SLEEP(100); /* let HANDLE_CLOSING arrive (Wine sends it from its worker) */
}

/* Sends (body optional), reads the body into buf; the status code, or 0
 * when the send failed (*err says why). */
static DWORD go(HINTERNET req, const char *body, char *buf, size_t cap, DWORD *err)
{
    BOOL sent = tr_send(req, NULL, (void *)body, body ? (DWORD)strlen(body) : 0, err, NULL);
    buf[0] = 0;
    if (!sent)
        return 0;
    if (tr_read_all(req, buf, cap - 1, err) < 0)
        tr_check(0, "body read (err %lu)", (unsigned long)*err);
    return status_of(req);
}

static void run(HINTERNET ses, const char *mode)
{
    HINTERNET req;
    char body[4096], hdr[256];
    DWORD err, len, st;
    int pos;

    tr_mark("%s: POST with InternetConnect's DOMAIN\\user", mode);
    pos = tr_pos();
    req = open_req(ses, "POST", "/auth/ntlm", USER, PASS, 0);
    st = go(req, "a=1", body, sizeof body, &err);
    tr_check(st == 200 &&
                 !strncmp(body, "ntlm welcome ", 13),
             "%s: 200 after the handshake (err %lu, status %lu, body %.40s)", mode, (unsigned long)err,
             (unsigned long)st, body);
    tr_check(tr_count_since(pos, INTERNET_STATUS_SENDING_REQUEST) == 3,
             "%s: three legs (%d)", mode, tr_count_since(pos, INTERNET_STATUS_SENDING_REQUEST));
    tr_check(tr_count_since(pos, INTERNET_STATUS_CONNECTED_TO_SERVER) <= 1,
             "%s: on one connection", mode);
    len = sizeof hdr;
    tr_check(!HttpQueryInfoA(req, HTTP_QUERY_WWW_AUTHENTICATE, hdr, &len, NULL) &&
                 GetLastError() == ERROR_HTTP_HEADER_NOT_FOUND,
             "%s: the final response carries no challenge", mode);
    done(req);

    /* Negotiate without Kerberos: NTLM tokens under the Negotiate scheme
     * (Wine 8 sends the same; the server takes raw NTLM there). */
    tr_mark("%s: Negotiate", mode);
    pos = tr_pos();
    req = open_req(ses, "GET", "/auth/ntlm/negotiate", USER, PASS, 0);
    st = go(req, NULL, body, sizeof body, &err);
    tr_check(st == 200 && !strncmp(body, "ntlm welcome ", 13), "%s: Negotiate: 200 (%lu)", mode,
             (unsigned long)st);
    tr_check(tr_count_since(pos, INTERNET_STATUS_SENDING_REQUEST) == 3, "%s: Negotiate: three legs",
             mode);
    done(req);

    /* Basic listed before NTLM: the server's first scheme is answered
     * (as Wine 8 does); the route refuses Basic, so the 401 stands after
     * one answer. */
    tr_mark("%s: Basic listed first", mode);
    pos = tr_pos();
    req = open_req(ses, "GET", "/auth/ntlm/basic-first", USER, PASS, 0);
    st = go(req, NULL, body, sizeof body, &err);
    tr_check(st == 401 && tr_count_since(pos, INTERNET_STATUS_SENDING_REQUEST) == 2,
             "%s: Basic answered once, the 401 stands (%lu)", mode, (unsigned long)st);
    done(req);

    tr_mark("%s: wrong password", mode);
    req = open_req(ses, "GET", "/auth/ntlm", USER, "wrong", 0);
    st = go(req, NULL, body, sizeof body, &err);
    tr_check(st == 401 &&
                 !strcmp(body, "ntlm refused\n"),
             "%s: the 401 after one handshake (status %lu, body %s)", mode,
             (unsigned long)st, body);
    len = sizeof hdr;
    tr_check(HttpQueryInfoA(req, HTTP_QUERY_WWW_AUTHENTICATE, hdr, &len, NULL) && !strcmp(hdr, "NTLM"),
             "%s: WWW-Authenticate %s", mode, hdr);
    done(req);

    /* Not compared (tr_quiet; see known-differences.md), and checked under
     * OpenINet only: with no credentials set, Wine 8 answers the challenge
     * with credentials it cached for the host earlier in the process, or
     * else the logged-on user's (AcquireCredentialsHandle without auth
     * data), and its second send first repeats the refused Type 3.
     * Windows logs on automatically only in the Intranet zone; OpenINet
     * has no logged-on Windows user and hands the 401 back at once. */
    tr_quiet(1);
    tr_mark("%s: no credentials, then the options", mode);
    req = open_req(ses, "GET", "/auth/ntlm", NULL, NULL, 0);
    st = go(req, NULL, body, sizeof body, &err);
    if (TR_ON_WINE)
        tr_note("wine: no credentials: %lu", (unsigned long)st);
    else
        tr_check(st == 401, "%s: no credentials: 401 (%lu)", mode, (unsigned long)st);
    tr_check(InternetSetOptionA(req, INTERNET_OPTION_USERNAME, (void *)USER, (DWORD)strlen(USER)) &&
                 InternetSetOptionA(req, INTERNET_OPTION_PASSWORD, (void *)PASS, (DWORD)strlen(PASS)),
             "%s: set USERNAME / PASSWORD", mode);
    st = go(req, NULL, body, sizeof body, &err);
    if (TR_ON_WINE)
        tr_note("wine: sent again: %lu", (unsigned long)st);
    else
        tr_check(st == 200, "%s: sent again: 200 (%lu)", mode, (unsigned long)st);
    done(req);

    tr_quiet(0);

    tr_mark("%s: INTERNET_FLAG_NO_AUTH", mode);
    req = open_req(ses, "GET", "/auth/ntlm", USER, PASS, INTERNET_FLAG_NO_AUTH);
    st = go(req, NULL, body, sizeof body, &err);
    tr_check(st == 401,
             "%s: NO_AUTH: the challenge is the response (%lu)", mode, (unsigned long)st);
    done(req);

    tr_mark("%s: malformed challenge", mode);
    req = open_req(ses, "GET", "/auth/ntlm/garbage", USER, PASS, 0);
    st = go(req, NULL, body, sizeof body, &err);
    tr_check(st == 401 &&
                 !strcmp(body, "ntlm challenge\n"),
             "%s: a Type 2 that is not base64: the 401 (%lu, %s)", mode, (unsigned long)st,
             body);
    done(req);

}

/* Last, for both sessions: what follows would start from a pool this
 * step leaves differently in Wine 8 and OpenINet. */
static void closing(HINTERNET ses, const char *mode)
{
    HINTERNET req;
    char body[4096];
    DWORD err, st;

    /* Checked, not compared (see known-differences.md): Wine 8 sends the
     * Type 3 on a new connection, which the server refuses (a Type 3
     * answers its own connection's challenge only); OpenINet hands the
     * challenge back without that doomed request. Both end with a 401. */
    tr_quiet(1);
    tr_mark("%s: challenge on a closing connection", mode);
    req = open_req(ses, "GET", "/auth/ntlm/close", USER, PASS, 0);
    st = go(req, NULL, body, sizeof body, &err);
    tr_check(st == 401,
             "%s: the challenge is the response (%lu)", mode, (unsigned long)st);
    done(req);
    tr_quiet(0);
}

/* NTLM to a proxy (the test server plays one: /auth/proxy-ntlm), with
 * INTERNET_OPTION_PROXY_USERNAME / PASSWORD. Natively only, its trace not
 * compared: Wine 8 crashes answering a proxy's NTLM challenge (its
 * HTTP_DoAuthorization caches the credentials under a NULL host). */
static void proxy_ntlm(DWORD flags, const char *mode)
{
    HINTERNET ses, req;
    char list[64], body[4096], sent[4096];
    DWORD err, st, len;
    int pos;
    if (TR_ON_WINE) {
        tr_note("%s: proxy NTLM not run under Wine", mode);
        return;
    }
    tr_quiet(1);
    tr_note("%s: proxy NTLM", mode);
    snprintf(list, sizeof list, "127.0.0.1:%d", port);
    ses = InternetOpenA("openinet-test", INTERNET_OPEN_TYPE_PROXY, list, "<-loopback>", flags);
    tr_label(ses, "session");
    InternetSetStatusCallbackA(ses, tr_callback);
    req = open_req(ses, "POST", "/auth/proxy-ntlm", NULL, NULL, 0);
    tr_check(InternetSetOptionA(req, INTERNET_OPTION_PROXY_USERNAME, (void *)USER, (DWORD)strlen(USER)) &&
                 InternetSetOptionA(req, INTERNET_OPTION_PROXY_PASSWORD, (void *)PASS, (DWORD)strlen(PASS)),
             "%s: set PROXY_USERNAME / PROXY_PASSWORD", mode);
    pos = tr_pos();
    st = go(req, "p=2", body, sizeof body, &err);
    tr_check(st == 200 && !strncmp(body, "ntlm welcome ", 13), "%s: proxy: 200 (%lu, %.40s)", mode,
             (unsigned long)st, body);
    tr_check(tr_count_since(pos, INTERNET_STATUS_SENDING_REQUEST) == 3 &&
                 tr_count_since(pos, INTERNET_STATUS_CONNECTED_TO_SERVER) <= 1,
             "%s: proxy: three legs on one connection", mode);
    len = sizeof sent;
    tr_check(HttpQueryInfoA(req, HTTP_QUERY_RAW_HEADERS_CRLF | HTTP_QUERY_FLAG_REQUEST_HEADERS, sent, &len,
                            NULL) &&
                 strstr(sent, "\r\nProxy-Authorization: NTLM TlRMTVNTUAAD") != NULL,
             "%s: proxy: the last leg carried the Type 3", mode);
    done(req);
    req = open_req(ses, "GET", "/auth/proxy-ntlm", NULL, NULL, 0);
    InternetSetOptionA(req, INTERNET_OPTION_PROXY_USERNAME, (void *)USER, (DWORD)strlen(USER));
    InternetSetOptionA(req, INTERNET_OPTION_PROXY_PASSWORD, (void *)"wrong", 5);
    st = go(req, NULL, body, sizeof body, &err);
    len = sizeof sent;
    tr_check(st == 407 && HttpQueryInfoA(req, HTTP_QUERY_PROXY_AUTHENTICATE, sent, &len, NULL) &&
                 !strcmp(sent, "NTLM"),
             "%s: proxy, wrong password: the 407 (%lu)", mode, (unsigned long)st);
    done(req);
    InternetCloseHandle(ses);
    TR_SLEEP(100);
    tr_quiet(0);
}

static HINTERNET session(DWORD flags)
{
    HINTERNET ses = InternetOpenA("openinet-test", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, flags);
    tr_label(ses, "session");
    InternetSetStatusCallbackA(ses, tr_callback);
    return ses;
}

int main(int argc, char **argv)
{
    HINTERNET sync_ses, async_ses;
    port = tr_port(argc, argv);
    tr_init("ntlm");
    sync_ses = session(0);
    async_ses = session(INTERNET_FLAG_ASYNC);
    run(sync_ses, "sync");
    run(async_ses, "async");
    closing(sync_ses, "sync");
    closing(async_ses, "async");
    proxy_ntlm(0, "sync");
    proxy_ntlm(INTERNET_FLAG_ASYNC, "async");
    tr_mark("close sessions");
    InternetCloseHandle(async_ses);
    InternetCloseHandle(sync_ses);
    TR_SLEEP(100);
    return tr_finish();
}
