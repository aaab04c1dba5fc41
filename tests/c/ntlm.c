/* NTLM to a server through the C API, synchronous then asynchronous,
 * against the test server's /auth/ntlm (the server side checks the
 * handshake with sspi: TESTDOM\ntlmuser / ntlm-secret): InternetConnect's
 * DOMAIN\user answered in three legs on one connection, each leg with the
 * POST body; a wrong password (the 401 after one handshake, its
 * WWW-Authenticate queried); no credentials (the 401), then
 * INTERNET_OPTION_USERNAME / PASSWORD and a second send; INTERNET_FLAG_NO_AUTH;
 * a malformed challenge and, last, a challenge on a closing connection
 * (the 401 handed back). */
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

    /* Checked, not compared (tr_quiet; see known-differences.md): with no
     * credentials set, Wine 8 answers the challenge with the logged-on
     * user's (AcquireCredentialsHandle without auth data; Samba's ntlm_auth
     * has none that the server takes), and its second send first repeats
     * the refused Type 3. Windows logs on automatically only in the
     * Intranet zone; OpenINet has no logged-on Windows user and hands the
     * 401 back at once. */
    tr_quiet(1);
    tr_mark("%s: no credentials, then the options", mode);
    req = open_req(ses, "GET", "/auth/ntlm", NULL, NULL, 0);
    st = go(req, NULL, body, sizeof body, &err);
    tr_check(st == 401,
             "%s: no credentials: 401 (%lu)", mode, (unsigned long)st);
    tr_check(InternetSetOptionA(req, INTERNET_OPTION_USERNAME, (void *)USER, (DWORD)strlen(USER)) &&
                 InternetSetOptionA(req, INTERNET_OPTION_PASSWORD, (void *)PASS, (DWORD)strlen(PASS)),
             "%s: set USERNAME / PASSWORD", mode);
    st = go(req, NULL, body, sizeof body, &err);
    tr_check(st == 200,
             "%s: sent again: 200 (%lu)", mode, (unsigned long)st);
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
    tr_mark("close sessions");
    InternetCloseHandle(async_ses);
    InternetCloseHandle(sync_ses);
    TR_SLEEP(100);
    return tr_finish();
}
