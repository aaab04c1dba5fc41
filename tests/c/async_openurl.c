/* Async GET through InternetOpenUrl: NULL + ERROR_IO_PENDING, then
 * REQUEST_COMPLETE carrying the new request handle; the body reads back;
 * a refused connection completes with {FALSE/NULL, 12029}. */
#include "trace.h"

int main(int argc, char **argv)
{
    int port = tr_port(argc, argv);
    HINTERNET ses, req;
    INTERNET_ASYNC_RESULT r;
    INTERNET_STATUS_CALLBACK prev;
    DWORD err, status = 0, size = sizeof status;
    char body[256];
    long n;

    tr_init("async_openurl");
    ses = InternetOpenA("openinet-test", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, INTERNET_FLAG_ASYNC);
    tr_check(ses != NULL, "InternetOpenA(ASYNC)");
    tr_label(ses, "session");
    prev = InternetSetStatusCallback(ses, tr_callback);
    tr_check(prev == NULL, "first InternetSetStatusCallback returns NULL (no previous)");

    tr_mark("open url /hello");
    SetLastError(0xdeadbeef);
    req = InternetOpenUrlA(ses, tr_url(port, "/hello"), NULL, 0, INTERNET_FLAG_RELOAD, 7);
    err = GetLastError();
    if (req) {
        tr_note("InternetOpenUrl completed synchronously");
        tr_check(0, "async InternetOpenUrl pends (returned a handle at once)");
    } else {
        tr_check(err == ERROR_IO_PENDING, "async InternetOpenUrl: NULL + ERROR_IO_PENDING (got %lu)",
                 (unsigned long)err);
        if (tr_wait_complete(&r, TR_TIMEOUT)) {
            req = (HINTERNET)r.dwResult;
            tr_check(req != NULL && r.dwError == 0, "REQUEST_COMPLETE carries the handle, error 0");
            /* Let the worker leave its callback: Wine holds a reference to
             * the handle until then, and would send HANDLE_CLOSING from it. */
            TR_SLEEP(100);
        }
    }
    tr_label(req, "request");
    tr_mark("query + read");
    if (req) {
        BOOL ok = HttpQueryInfoA(req, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &status, &size, NULL);
        tr_check(ok && status == 200, "status code 200 (got %lu)", (unsigned long)status);
        n = tr_read_all(req, body, sizeof body - 1, &err);
        tr_check(n == 14 && strcmp(body, "Hello, world!\n") == 0, "body reads back (%ld bytes, err %lu)", n,
                 (unsigned long)err);
        tr_mark("close request");
        tr_check(InternetCloseHandle(req), "InternetCloseHandle(request)");
        TR_SLEEP(100); /* let its HANDLE_CLOSING arrive (Wine sends it from the worker) */
    }

    tr_mark("open url on a closed port");
    SetLastError(0xdeadbeef);
    req = InternetOpenUrlA(ses, "http://127.0.0.1:1/", NULL, 0, INTERNET_FLAG_RELOAD, 8);
    err = GetLastError();
    if (req) {
        tr_check(0, "refused InternetOpenUrl does not return a handle");
        InternetCloseHandle(req);
    } else if (err == ERROR_IO_PENDING) {
        if (tr_wait_complete(&r, TR_TIMEOUT))
            tr_check(r.dwResult == 0 && r.dwError == ERROR_INTERNET_CANNOT_CONNECT,
                     "REQUEST_COMPLETE {NULL, 12029} (got {%s, %lu})", r.dwResult ? "handle" : "NULL",
                     (unsigned long)r.dwError);
    } else {
        tr_check(0, "refused InternetOpenUrl pends (failed at once with %lu)", (unsigned long)err);
    }

    TR_SLEEP(100); /* the failed open's own handle closes now (OpenINet) */
    tr_mark("close session");
    tr_check(InternetCloseHandle(ses), "InternetCloseHandle(session)");
    TR_SLEEP(200); /* let any late callback show in the trace */
    return tr_finish();
}
