/*
 * ftp_hostile.c - the FTP functions against a scripted hostile server
 * (crates/openinet-capi/tests/ftp_c.rs runs one per scenario, and runs
 * this program natively and under valgrind):
 *
 *     ftp_hostile GARBAGE HUGE CUT LISTING STALL    (five ports)
 *
 * Each scenario must end in an error code or a sane result, never a crash,
 * a hang or a read of memory that is not ours.
 */
#include "../checks.h"
#include <stdlib.h>

static HINTERNET session;

static HINTERNET login(const char *port)
{
    return InternetConnectA(session, "127.0.0.1", (INTERNET_PORT)atoi(port), "u", "p",
                            INTERNET_SERVICE_FTP, INTERNET_FLAG_PASSIVE, 1);
}

/* A reply that is not FTP at all. */
static void garbage(const char *port)
{
    SetLastError(0xdeadbeef);
    CHECK(login(port) == NULL && GetLastError() == ERROR_FTP_DROPPED, "err %lu", (unsigned long)GetLastError());
}

/* A 300 KB greeting line, multi-line replies, then a long PWD reply. */
static void huge(const char *port)
{
    char dir[8];
    DWORD len = sizeof dir, code = 0;
    static char text[200000];
    HINTERNET c = login(port);
    CHECK(c != NULL, "login %lu", (unsigned long)GetLastError());
    if (!c)
        return;
    SetLastError(0xdeadbeef);
    CHECK(!FtpGetCurrentDirectoryA(c, dir, &len) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "a long directory: %lu", (unsigned long)GetLastError());
    CHECK(len > sizeof dir, "the size it needs: %lu", (unsigned long)len);
    len = sizeof text;
    CHECK(InternetGetLastResponseInfoA(&code, text, &len) && len < 70000, "the reply, bounded: %lu", (unsigned long)len);
    InternetCloseHandle(c);
}

/* A download the server cuts with 426. */
static void cut(const char *port)
{
    char buf[4096];
    DWORD n = 0, total = 0;
    BOOL ok = TRUE;
    HINTERNET f, c = login(port);
    CHECK(c != NULL, "login %lu", (unsigned long)GetLastError());
    if (!c)
        return;
    f = FtpOpenFileA(c, "f", GENERIC_READ, FTP_TRANSFER_TYPE_BINARY, 2);
    CHECK(f != NULL, "open %lu", (unsigned long)GetLastError());
    while (f && (ok = InternetReadFile(f, buf, sizeof buf, &n)) && n > 0)
        total += n;
    CHECK(!ok && GetLastError() == ERROR_INTERNET_CONNECTION_ABORTED, "the cut: %lu after %lu bytes",
          (unsigned long)GetLastError(), (unsigned long)total);
    CHECK(total == 100, "the bytes before the cut: %lu", (unsigned long)total);
    InternetCloseHandle(f);
    InternetCloseHandle(c);
}

/* A listing with broken lines: the good ones are kept. */
static void listing(const char *port)
{
    WIN32_FIND_DATAA fd;
    int n = 0;
    HINTERNET f, c = login(port);
    CHECK(c != NULL, "login %lu", (unsigned long)GetLastError());
    if (!c)
        return;
    f = FtpFindFirstFileA(c, NULL, &fd, 0, 2);
    CHECK(f != NULL, "find %lu", (unsigned long)GetLastError());
    if (f) {
        do {
            n++;
        } while (InternetFindNextFileA(f, &fd));
        CHECK(GetLastError() == ERROR_NO_MORE_FILES, "end %lu", (unsigned long)GetLastError());
        CHECK(n == 2, "good entries %d", n);
        InternetCloseHandle(f);
    }
    InternetCloseHandle(c);
}

/* A data connection that stalls: the receive timeout. */
static void stall(const char *port)
{
    char buf[4096];
    DWORD n = 0, ms = 500;
    HINTERNET f, c = login(port);
    CHECK(c != NULL, "login %lu", (unsigned long)GetLastError());
    if (!c)
        return;
    InternetSetOptionA(c, INTERNET_OPTION_RECEIVE_TIMEOUT, &ms, sizeof ms);
    f = FtpOpenFileA(c, "f", GENERIC_READ, FTP_TRANSFER_TYPE_BINARY, 2);
    CHECK(f != NULL, "open %lu", (unsigned long)GetLastError());
    if (f) {
        SetLastError(0xdeadbeef);
        CHECK(!InternetReadFile(f, buf, sizeof buf, &n) && GetLastError() == ERROR_INTERNET_TIMEOUT,
              "timeout: %lu", (unsigned long)GetLastError());
        InternetCloseHandle(f);
    }
    InternetCloseHandle(c);
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: ftp_hostile GARBAGE HUGE CUT LISTING STALL\n");
        return 2;
    }
    session = InternetOpenA("hostile", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    garbage(argv[1]);
    huge(argv[2]);
    cut(argv[3]);
    listing(argv[4]);
    stall(argv[5]);
    InternetCloseHandle(session);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
