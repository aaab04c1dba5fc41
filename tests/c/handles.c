/* Handle lifetime in async mode: closing the session closes its children (HANDLE_CLOSING newest
 * first); a zero context silences callbacks but the operation still
 * completes; InternetCloseHandle called from inside the callback. */
#include "trace.h"

static HINTERNET close_in_callback; /* request to close when it completes */
static volatile int closed_in_callback_ok = -1;

static void hook(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len)
{
    (void)ctx, (void)info, (void)len;
    if (status == INTERNET_STATUS_REQUEST_COMPLETE && close_in_callback && h == close_in_callback) {
        close_in_callback = NULL;
        closed_in_callback_ok = InternetCloseHandle(h) ? 1 : 0;
    }
}

int main(int argc, char **argv)
{
    int port = tr_port(argc, argv);
    HINTERNET ses, con, req, req2;
    DWORD err;
    int pos;
    BOOL ok;

    tr_init("handles");
    tr.hook = hook;
    ses = InternetOpenA("openinet-test", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, INTERNET_FLAG_ASYNC);
    tr_label(ses, "session");
    InternetSetStatusCallback(ses, tr_callback);

    tr_mark("close the session with connect + two requests open");
    req = tr_open(ses, port, "GET", "/hello", INTERNET_FLAG_RELOAD, 50, &con);
    req = HttpOpenRequestA(con, "GET", "/hello", NULL, NULL, NULL, INTERNET_FLAG_RELOAD, 52);
    tr_label(req, "request");
    req2 = HttpOpenRequestA(con, "GET", "/hello", NULL, NULL, NULL, INTERNET_FLAG_RELOAD, 53);
    tr_label(req2, "request");
    pos = tr_pos();
    ok = InternetCloseHandle(ses);
    tr_check(ok, "InternetCloseHandle(session)");
    tr_check(tr_count_since(pos, INTERNET_STATUS_HANDLE_CLOSING) == 4,
             "HANDLE_CLOSING for three requests and the connect inside InternetCloseHandle (got %d)",
             tr_count_since(pos, INTERNET_STATUS_HANDLE_CLOSING));
    tr_check(tr_count_off_main_since(pos, INTERNET_STATUS_HANDLE_CLOSING) == 0,
             "HANDLE_CLOSING delivered on the closing thread (%d came from another)",
             tr_count_off_main_since(pos, INTERNET_STATUS_HANDLE_CLOSING));
    TR_SLEEP(200);
    ok = HttpSendRequestA(req, NULL, 0, NULL, 0);
    err = GetLastError();
    tr_check(!ok && err != ERROR_IO_PENDING, "a child of a closed session is dead (err %lu)", (unsigned long)err);

    tr_mark("zero context: no callbacks, still completes");
    ses = InternetOpenA("openinet-test", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, INTERNET_FLAG_ASYNC);
    tr_label(ses, "session");
    InternetSetStatusCallback(ses, tr_callback);
    con = InternetConnectA(ses, "127.0.0.1", (INTERNET_PORT)port, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 60);
    tr_label(con, "connect");
    req = HttpOpenRequestA(con, "GET", "/hello", NULL, NULL, NULL, INTERNET_FLAG_RELOAD, 0);
    tr_label(req, "request");
    pos = tr_pos();
    ok = HttpSendRequestA(req, NULL, 0, NULL, 0);
    err = GetLastError();
    tr_check(!ok && err == ERROR_IO_PENDING, "send with zero context pends (err %lu)", (unsigned long)err);
    {
        /* No callback will say when it is done: poll with QueryDataAvailable... */
        DWORD status = 0, size = sizeof status, start = tr_now_ms();
        for (;;) {
            size = sizeof status;
            /* (Wine answers 0 before the response arrives.) */
            if (HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &status, &size, NULL) &&
                status != 0)
                break;
            if (tr_now_ms() - start > 5000) {
                tr_note("HttpQueryInfo while polling: err %lu", (unsigned long)GetLastError());
                break;
            }
            TR_SLEEP(20);
        }
        tr_check(status == 200, "zero-context request completed (status %lu)", (unsigned long)status);
    }
    tr_check(tr_pos() == pos, "no callback for a zero-context handle (%d)", tr_pos() - pos);
    InternetCloseHandle(req);
    TR_SLEEP(100);

    tr_mark("InternetCloseHandle from inside the callback");
    req = HttpOpenRequestA(con, "GET", "/hello", NULL, NULL, NULL, INTERNET_FLAG_RELOAD, 62);
    tr_label(req, "request");
    close_in_callback = req;
    ok = HttpSendRequestA(req, NULL, 0, NULL, 0);
    err = GetLastError();
    tr_check(!ok && err == ERROR_IO_PENDING, "send pends (err %lu)", (unsigned long)err);
    tr_wait_complete(NULL, TR_TIMEOUT);
    TR_SLEEP(300);
    tr_check(closed_in_callback_ok == 1, "InternetCloseHandle inside REQUEST_COMPLETE returned TRUE (%d)",
             closed_in_callback_ok);
    ok = InternetCloseHandle(req);
    err = GetLastError();
    tr_check(!ok && err == ERROR_INVALID_HANDLE, "the handle closed in the callback is invalid after (err %lu)",
             (unsigned long)err);

    tr_mark("close connect, session");
    InternetCloseHandle(con);
    InternetCloseHandle(ses);
    TR_SLEEP(100);
    return tr_finish();
}
