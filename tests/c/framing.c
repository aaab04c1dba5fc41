/* Sync session with a callback: progress comes on the caller's thread and
 * there is no REQUEST_COMPLETE; keep-alive reuse (the second /conn request
 * shows no RESOLVING/CONNECTING); bodies framed by chunks, by close, by an
 * HTTP/1.0 server; HEAD, 204 and 304 without body; 1xx skipped; LF-only
 * heads with odd spacing. */
#include "trace.h"

static HINTERNET ses, con;

/* GET/HEAD path; checks status and body; returns bytes read. */
static long fetch(const char *verb, const char *path, DWORD want_status, const char *want_body, long want_len)
{
    static char body[300000];
    HINTERNET req;
    DWORD err, status = 0, size = sizeof status;
    long n;
    BOOL ok;
    tr_mark("%s %s", verb, path);
    req = HttpOpenRequestA(con, verb, path, NULL, NULL, NULL, INTERNET_FLAG_RELOAD, 70);
    tr_label(req, "request");
    ok = tr_send(req, NULL, NULL, 0, &err, NULL);
    tr_check(ok, "%s %s: send (err %lu)", verb, path, (unsigned long)err);
    ok = HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &status, &size, NULL);
    if (TR_ON_WINE && status == 102) {
        /* Wine 8 skips 100 Continue but stops at 102 Processing (and then
         * hangs reading); WinINet skips every 1xx. */
        tr_note("%s %s: Wine stops at a 102 interim response", verb, path);
        InternetCloseHandle(req);
        return 0;
    }
    if (TR_ON_WINE && status == 0 && strcmp(path, "/lf-only") == 0) {
        /* Wine 8 reads "HTTP/1.1  200  OK" (two spaces) as status 0. */
        tr_note("%s %s: Wine parses the double-spaced status line as 0", verb, path);
        status = want_status;
    }
    tr_check(ok && status == want_status, "%s %s: status %lu (got %lu)", verb, path, (unsigned long)want_status,
             (unsigned long)status);
    /* Whether a body read waits for the network (and reports RECEIVING /
     * RESPONSE_RECEIVED) depends on TCP segmentation and read-ahead. */
    tr_hide_reads(1);
    n = tr_read_all(req, body, sizeof body - 1, &err);
    tr_hide_reads(0);
    if (want_body && strncmp(want_body, "conn=", 5) == 0) {
        /* "conn=<id> seq=<n>": the id depends on the server's history. */
        const char *seq = strstr(body, " seq=");
        tr_check(n > 0 && strncmp(body, "conn=", 5) == 0 && seq && strcmp(seq, strstr(want_body, " seq=")) == 0,
                 "%s %s: body \"conn=N%s\" (got \"%s\")", verb, path, strstr(want_body, " seq="), body);
    } else if (want_body)
        tr_check(n >= 0 && strcmp(body, want_body) == 0, "%s %s: body \"%s\" (%ld bytes, err %lu)", verb, path,
                 want_body, n, (unsigned long)err);
    else
        tr_check(n == want_len && tr_is_pattern((unsigned char *)body, (size_t)n, 0),
                 "%s %s: %ld pattern bytes (got %ld, err %lu)", verb, path, want_len, n, (unsigned long)err);
    InternetCloseHandle(req);
    return n;
}

int main(int argc, char **argv)
{
    int port = tr_port(argc, argv);
    int pos;

    tr_init("framing");
    tr_mark("body reads print no RECEIVING_RESPONSE/RESPONSE_RECEIVED (timing)");
    ses = InternetOpenA("openinet-test", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    tr_label(ses, "session");
    InternetSetStatusCallback(ses, tr_callback);
    con = InternetConnectA(ses, "127.0.0.1", (INTERNET_PORT)port, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 69);
    tr_label(con, "connect");

    pos = tr_pos();
    fetch("GET", "/conn", 200, "conn=1 seq=1", 0);
    tr_check(tr_count_since(pos, INTERNET_STATUS_CONNECTED_TO_SERVER) == 1, "first request connects");
    tr_check(tr_count_off_main_since(pos, INTERNET_STATUS_SENDING_REQUEST) == 0 &&
                 tr_count_since(pos, INTERNET_STATUS_SENDING_REQUEST) == 1,
             "sync mode: progress callbacks on the caller's thread");
    tr_check(tr_count_since(pos, INTERNET_STATUS_REQUEST_COMPLETE) == 0, "sync mode: no REQUEST_COMPLETE");
    pos = tr_pos();
    fetch("GET", "/conn", 200, "conn=1 seq=2", 0);
    tr_check(tr_count_since(pos, INTERNET_STATUS_RESOLVING_NAME) == 0 &&
                 tr_count_since(pos, INTERNET_STATUS_CONNECTING_TO_SERVER) == 0,
             "keep-alive: the second request reuses the connection (no RESOLVING/CONNECTING)");
    fetch("GET", "/chunked/100000", 200, NULL, 100000);
    fetch("GET", "/close/5000", 200, NULL, 5000);
    fetch("GET", "/http10/3000", 200, NULL, 3000);
    fetch("HEAD", "/head-target", 200, "", 0);
    fetch("GET", "/status/204", 204, "", 0);
    fetch("GET", "/status/304", 304, "", 0);
    fetch("GET", "/lf-only", 200, "hello", 0);
    {
        HINTERNET req;
        char buf[64];
        DWORD len = sizeof buf, err;
        tr_mark("LF-only header with odd spacing");
        req = HttpOpenRequestA(con, "GET", "/lf-only", NULL, NULL, NULL, INTERNET_FLAG_RELOAD, 71);
        tr_label(req, "request");
        tr_send(req, NULL, NULL, 0, &err, NULL);
        strcpy(buf, "X-Spaced");
        tr_check(HttpQueryInfoA(req, HTTP_QUERY_CUSTOM, buf, &len, NULL), "X-Spaced found");
        tr_note("X-Spaced value: \"%s\"", buf);
        len = sizeof buf;
        tr_check(HttpQueryInfoA(req, HTTP_QUERY_STATUS_TEXT, buf, &len, NULL), "status text of LF-only head");
        tr_note("status text: \"%s\"", buf);
        InternetCloseHandle(req);
    }
    /* Last: Wine 8 stops at its 102 and drops the connection. */
    fetch("GET", "/continue", 200, "after-continue", 0);
    tr_mark("close");
    InternetCloseHandle(con);
    InternetCloseHandle(ses);
    return tr_finish();
}
