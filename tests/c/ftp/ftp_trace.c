/*
 * ftp_trace.c - the status callbacks of a short sync FTP session, one line
 * each ("<step> <status>"), for the differential test: the same program
 * against libwininet and under Wine must print the same lines
 * (crates/openinet-capi/tests/ftp_c.rs compares them).
 *
 *     ftp_trace PORT
 */
#ifdef _WIN32
#include <windows.h>
#endif
#include <wininet.h>
#include <stdio.h>
#include <stdlib.h>

static const char *step = "start";

static void CALLBACK callback(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len)
{
    (void)h; (void)info; (void)len;
    printf("%s %lu ctx=%lu\n", step, (unsigned long)status, (unsigned long)ctx);
}

int main(int argc, char **argv)
{
    HINTERNET s, c, f;
    char buf[64];
    DWORD n = sizeof buf;
    WIN32_FIND_DATAA fd;

    if (argc < 2)
        return 2;
    s = InternetOpenA("trace", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    InternetSetStatusCallbackA(s, callback);
    step = "connect";
    c = InternetConnectA(s, "127.0.0.1", (INTERNET_PORT)atoi(argv[1]), NULL, NULL,
                         INTERNET_SERVICE_FTP, INTERNET_FLAG_PASSIVE, 1);
    if (!c) {
        printf("connect failed %lu\n", (unsigned long)GetLastError());
        return 1;
    }
    step = "pwd";
    FtpGetCurrentDirectoryA(c, buf, &n);
    step = "open";
    f = FtpOpenFileA(c, "/pub/hello.txt", GENERIC_READ, FTP_TRANSFER_TYPE_BINARY, 2);
    step = "read";
    while (f && InternetReadFile(f, buf, sizeof buf, &n) && n)
        ;
    step = "close-file";
    InternetCloseHandle(f);
    step = "find";
    f = FtpFindFirstFileA(c, "/pub/sub/*", &fd, 0, 3);
    step = "close-find";
    InternetCloseHandle(f);
    step = "close";
    InternetCloseHandle(c);
    InternetCloseHandle(s);
    printf("done\n");
    return 0;
}
