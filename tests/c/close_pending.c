/* Closing a request while its InternetReadFile is pending (/slowbody/300,
 * 25 bytes over 1.5 s). WinINet's documented rule, and OpenINet's: the
 * pending operation is cancelled (REQUEST_COMPLETE {FALSE, 12017} if one
 * is delivered) and HANDLE_CLOSING comes once. Wine 8 instead lets the
 * read finish, delivers {TRUE, 0} to the closed handle, then
 * HANDLE_CLOSING (see tests/wine/known-differences.md). */
#include "trace.h"

int main(int argc, char **argv)
{
    int port = tr_port(argc, argv);
    HINTERNET ses, con, req;
    DWORD err, got = 0, start;
    int pended, pos, completes, closings;
    BOOL ok;
    static char buf[100];

    tr_init("close_pending");
    ses = InternetOpenA("openinet-test", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, INTERNET_FLAG_ASYNC);
    tr_label(ses, "session");
    InternetSetStatusCallback(ses, tr_callback);

    tr_mark("send /slowbody/300");
    req = tr_open(ses, port, "GET", "/slowbody/300", INTERNET_FLAG_RELOAD, 50, &con);
    ok = tr_send(req, NULL, NULL, 0, &err, &pended);
    tr_check(ok, "send (err %lu)", (unsigned long)err);
    tr_mark("read");
    ok = InternetReadFile(req, buf, sizeof buf, &got);
    err = GetLastError();
    tr_check(!ok && err == ERROR_IO_PENDING, "read pends (ok %d err %lu)", ok, (unsigned long)err);
    pos = tr_pos();
    tr_mark("close request");
    start = tr_now_ms();
    ok = InternetCloseHandle(req);
    tr_check(ok, "InternetCloseHandle with a read pending returns TRUE");
    tr_wait_count(pos, INTERNET_STATUS_HANDLE_CLOSING, 1, 4000);
    tr_note("HANDLE_CLOSING after %lu ms", (unsigned long)(tr_now_ms() - start));
    TR_SLEEP(300);
    completes = tr_count_since(pos, INTERNET_STATUS_REQUEST_COMPLETE);
    closings = tr_count_since(pos, INTERNET_STATUS_HANDLE_CLOSING);
    tr_check(closings == 1, "HANDLE_CLOSING once for the request (%d)", closings);
    if (completes) {
        INTERNET_ASYNC_RESULT r;
        tr_wait_complete(&r, 0);
        tr_check(completes == 1, "at most one REQUEST_COMPLETE for the read (%d)", completes);
        tr_check((r.dwResult == 0 && r.dwError == ERROR_INTERNET_OPERATION_CANCELLED) ||
                     (TR_ON_WINE && r.dwResult == 1),
                 "the pending read ends {FALSE, 12017} (got {%lu, %lu}; Wine 8 finishes it)",
                 (unsigned long)r.dwResult, (unsigned long)r.dwError);
    } else {
        tr_note("no REQUEST_COMPLETE after close");
    }
    ok = InternetCloseHandle(req);
    err = GetLastError();
    tr_check(!ok && err == ERROR_INVALID_HANDLE, "closed request is invalid (err %lu)", (unsigned long)err);

    tr_mark("close connect, session");
    InternetCloseHandle(con);
    InternetCloseHandle(ses);
    TR_SLEEP(200);
    return tr_finish();
}
