/*
 * ftp_api.c - WinINet's FTP functions against a real vsftpd (started by
 * crates/openinet-capi/tests/ftp_c.rs), in sync or async mode, passive or
 * active:
 *
 *     ftp_api PORT CLOSED_PORT sync|async passive|active
 *
 * The server's tree is testserver's vsftpd fixture (pub/hello.txt,
 * pub/pattern.bin, pub/big.bin of 5 GiB, pub/sub/, "pub/My Dir/", and a
 * writable up/). Local files are made in the current directory. In async
 * mode every call that pends is waited for through its REQUEST_COMPLETE.
 *
 * Built natively against OpenINet and with mingw for Windows' wininet under
 * Wine (sync mode). Where Wine departs from Microsoft's documentation, the
 * check follows the documentation and is compiled out of the Wine build
 * (NOT_UNDER_WINE), with the reason beside it.
 */
#include "../checks.h"
#include <stdlib.h>
#ifndef _WIN32
#include <unistd.h>
#include <sys/stat.h>
#endif

static int async_mode;
static DWORD passive;
static unsigned port;

/* What the callback saw. */
static volatile LONG complete_count;
static volatile DWORD_PTR complete_result;
static volatile DWORD complete_error;
static volatile LONG created_count;
static volatile HINTERNET last_created;

static void CALLBACK callback(HINTERNET h, DWORD_PTR ctx, DWORD status, LPVOID info, DWORD len)
{
    (void)h; (void)ctx; (void)len;
    if (status == INTERNET_STATUS_REQUEST_COMPLETE) {
        INTERNET_ASYNC_RESULT *r = (INTERNET_ASYNC_RESULT *)info;
        complete_result = r->dwResult;
        complete_error = r->dwError;
        complete_count++;
    } else if (status == INTERNET_STATUS_HANDLE_CREATED) {
        last_created = *(HINTERNET *)info;
        created_count++;
    }
}

static void pause_ms(unsigned ms)
{
#ifdef _WIN32
    Sleep(ms);
#else
    usleep(ms * 1000);
#endif
}

/* Waits for the REQUEST_COMPLETE of a call that returned `r`, if it pended:
 * its dwResult is then the call's result and its dwError the last error. */
static DWORD_PTR finish(DWORD_PTR r, LONG before)
{
    int i;
    if (r || GetLastError() != ERROR_IO_PENDING)
        return r;
    CHECK(async_mode, "only async calls pend");
    for (i = 0; i < 30000 && complete_count == before; i++)
        pause_ms(1);
    CHECK(complete_count == before + 1, "one REQUEST_COMPLETE (%ld)", (long)(complete_count - before));
    SetLastError(complete_error);
    return complete_result;
}

#define CALL_B(call) ((BOOL)finish((DWORD_PTR)(call), complete_count))
#define CALL_H(call) ((HINTERNET)finish((DWORD_PTR)(call), complete_count))

/* A call through CALL_B that must fail with `err`. */
#define FTP_FAILS(call, err)                                                 \
    do {                                                                     \
        BOOL r_;                                                             \
        DWORD e_;                                                            \
        SetLastError(0xdeadbeef);                                            \
        r_ = CALL_B(call);                                                   \
        e_ = GetLastError();                                                 \
        CHECK(!r_ && e_ == (DWORD)(err), "%s: r=%d err=%lu", #call, (int)r_, \
              (unsigned long)e_);                                            \
    } while (0)

static BOOL response_starts_with(const char *prefix)
{
    char text[4096];
    DWORD len = sizeof text, code = 0;
    if (!InternetGetLastResponseInfoA(&code, text, &len))
        return FALSE;
    return strncmp(text, prefix, strlen(prefix)) == 0;
}

static HINTERNET open_session(void)
{
    HINTERNET s = InternetOpenA("ftp_api", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL,
                                async_mode ? INTERNET_FLAG_ASYNC : 0);
    CHECK(s != NULL, "InternetOpen %lu", (unsigned long)GetLastError());
    InternetSetStatusCallbackA(s, callback);
    return s;
}

static HINTERNET connect_as(HINTERNET s, unsigned p, const char *user, const char *pass)
{
    return CALL_H(InternetConnectA(s, "127.0.0.1", (INTERNET_PORT)p, user, pass,
                                   INTERNET_SERVICE_FTP, passive, 1));
}

static void test_connect(HINTERNET s, unsigned closed_port)
{
    HINTERNET c;
    LONG created;

    /* A password without a user name. */
    SetLastError(0xdeadbeef);
    c = InternetConnectA(s, "127.0.0.1", (INTERNET_PORT)port, NULL, "IEUser@", INTERNET_SERVICE_FTP, passive, 1);
    CHECK(c == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "err %lu", (unsigned long)GetLastError());

    /* Logging in fails: vsftpd is anonymous only (530). */
    created = created_count;
    SetLastError(0xdeadbeef);
    c = connect_as(s, port, "nobody-here", "wrong");
    CHECK(c == NULL && GetLastError() == ERROR_INTERNET_LOGIN_FAILURE, "err %lu", (unsigned long)GetLastError());
    CHECK(response_starts_with("530"), "the server's 530 reply");
    if (async_mode) {
        /* The handle HANDLE_CREATED announced is the application's to close. */
        CHECK(created_count == created + 1, "HANDLE_CREATED");
        CHECK(InternetCloseHandle(last_created), "close the failed connect handle");
    }

    /* Nobody listens. */
    SetLastError(0xdeadbeef);
    c = connect_as(s, closed_port, NULL, NULL);
    CHECK(c == NULL && GetLastError() == ERROR_INTERNET_CANNOT_CONNECT, "err %lu", (unsigned long)GetLastError());
    if (async_mode)
        InternetCloseHandle(last_created);
}

static void test_directories(HINTERNET c)
{
    char dir[MAX_PATH];
    WCHAR wdir[MAX_PATH];
    DWORD len;

    len = 1;
    SetLastError(0xdeadbeef);
    CHECK(!CALL_B(FtpGetCurrentDirectoryA(c, dir, &len)) && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "err %lu", (unsigned long)GetLastError());
    /* Documented: the size needed, in bytes, with the NUL. */
    NOT_UNDER_WINE(CHECK(len == 2, "needed %lu", (unsigned long)len));
    len = sizeof dir;
    CHECK(CALL_B(FtpGetCurrentDirectoryA(c, dir, &len)), "PWD %lu", (unsigned long)GetLastError());
    CHECK(strcmp(dir, "/") == 0, "dir %s", dir);
    /* Documented: the characters copied, which we count as every WinINet
     * string output does, without the NUL (Wine counts the NUL). */
    NOT_UNDER_WINE(CHECK(len == 1, "len %lu", (unsigned long)len));

    CHECK(CALL_B(FtpSetCurrentDirectoryA(c, "pub")), "CWD pub %lu", (unsigned long)GetLastError());
    len = MAX_PATH;
    CHECK(CALL_B(FtpGetCurrentDirectoryW(c, wdir, &len)), "PWD W %lu", (unsigned long)GetLastError());
    CHECK(wdir[0] == '/' && wdir[1] == 'p' && wdir[3] == 'b' && wdir[4] == 0, "W dir");
    NOT_UNDER_WINE(CHECK(len == 4, "W len %lu", (unsigned long)len));

    FTP_FAILS(FtpSetCurrentDirectoryA(c, "nowhere"), ERROR_INTERNET_EXTENDED_ERROR);
    CHECK(response_starts_with("550"), "the server's 550 reply");
    FTP_FAILS(FtpSetCurrentDirectoryA(c, NULL), ERROR_INVALID_PARAMETER);
}

static void test_find(HINTERNET c)
{
    WIN32_FIND_DATAA fd;
    WIN32_FIND_DATAW wfd;
    HINTERNET f, f2 = NULL;
    int seen_hello = 0, seen_big = 0, seen_sub = 0, seen_space = 0, n = 0;

    LONG created = created_count;
    (void)created;
    memset(&fd, 0xcc, sizeof fd);
    f = CALL_H(FtpFindFirstFileA(c, NULL, &fd, INTERNET_FLAG_RELOAD, 2));
    CHECK(f != NULL, "FtpFindFirstFile %lu", (unsigned long)GetLastError());
    if (!f)
        return;
    /* Announced as every new handle is (Wine announces FTP file and find
     * handles in async mode only). */
    NOT_UNDER_WINE(CHECK(created_count == created + 1 && last_created == f, "HANDLE_CREATED for the find"));
    {
        DWORD type = 0, size = sizeof type;
        CHECK(InternetQueryOptionA(f, INTERNET_OPTION_HANDLE_TYPE, &type, &size) && type == INTERNET_HANDLE_TYPE_FTP_FIND,
              "find handle type %lu", (unsigned long)type);
    }
    /* One find at a time per session (Wine allows two). */
    NOT_UNDER_WINE({
        SetLastError(0xdeadbeef);
        f2 = CALL_H(FtpFindFirstFileA(c, NULL, &fd, 0, 3));
        CHECK(f2 == NULL && GetLastError() == ERROR_FTP_TRANSFER_IN_PROGRESS, "second find %lu", (unsigned long)GetLastError());
        FTP_FAILS(FtpDeleteFileA(c, "x"), ERROR_FTP_TRANSFER_IN_PROGRESS);
    });
    do {
        n++;
        if (strcmp(fd.cFileName, "hello.txt") == 0) {
            seen_hello = 1;
            CHECK(fd.nFileSizeLow == 13 && fd.nFileSizeHigh == 0, "hello size %lu", (unsigned long)fd.nFileSizeLow);
            /* Documented FILE_ATTRIBUTE_NORMAL (Wine: 0). */
            NOT_UNDER_WINE(CHECK(fd.dwFileAttributes == FILE_ATTRIBUTE_NORMAL, "attrs %lx", (unsigned long)fd.dwFileAttributes));
            CHECK(fd.ftLastWriteTime.dwHighDateTime != 0, "a date");
        } else if (strcmp(fd.cFileName, "big.bin") == 0) {
            seen_big = 1;
            /* Sizes over 4 GiB use nFileSizeHigh (Wine clamps to 2^31-1). */
            NOT_UNDER_WINE(CHECK(fd.nFileSizeHigh == 1 && fd.nFileSizeLow == 0x40000000, "5 GiB: %lu %lu",
                                 (unsigned long)fd.nFileSizeHigh, (unsigned long)fd.nFileSizeLow));
        } else if (strcmp(fd.cFileName, "sub") == 0) {
            seen_sub = 1;
            CHECK(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY, "sub is a directory");
        } else if (strcmp(fd.cFileName, "My Dir") == 0) {
            seen_space = 1;
            CHECK(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY, "My Dir is a directory");
        }
    } while (InternetFindNextFileA(f, &fd));
    CHECK(GetLastError() == ERROR_NO_MORE_FILES, "end %lu", (unsigned long)GetLastError());
    CHECK(n == 5, "entries %d", n);
    CHECK(seen_hello && seen_big && seen_sub, "hello %d big %d sub %d", seen_hello, seen_big, seen_sub);
    /* The whole name, spaces and all (Wine's listing parser keeps the
     * first word only). */
    NOT_UNDER_WINE(CHECK(seen_space, "a name with a space"));
    CHECK(InternetCloseHandle(f), "close find");

    /* No match (Wine: NULL with last error 0). */
    NOT_UNDER_WINE({
        SetLastError(0xdeadbeef);
        f = CALL_H(FtpFindFirstFileA(c, "*.nothing", &fd, 0, 2));
        CHECK(f == NULL && GetLastError() == ERROR_NO_MORE_FILES, "no match %lu", (unsigned long)GetLastError());
    });

    f = CALL_H(FtpFindFirstFileW(c, L"hello.txt", &wfd, 0, 2));
    CHECK(f != NULL, "FtpFindFirstFileW %lu", (unsigned long)GetLastError());
    if (f) {
        CHECK(wfd.cFileName[0] == 'h' && wfd.cFileName[8] == 't' && wfd.cFileName[9] == 0, "W name");
        CHECK(!InternetFindNextFileW(f, &wfd) && GetLastError() == ERROR_NO_MORE_FILES, "one entry");
        InternetCloseHandle(f);
    }
    (void)f2;
}

static void test_open_file(HINTERNET c)
{
    HINTERNET f;
    char buf[64];
    DWORD n = 0, got = 0, high = 7, avail = 0;

    LONG created = created_count;
    (void)created;
    f = CALL_H(FtpOpenFileA(c, "hello.txt", GENERIC_READ, FTP_TRANSFER_TYPE_BINARY, 4));
    CHECK(f != NULL, "FtpOpenFile %lu", (unsigned long)GetLastError());
    if (!f)
        return;
    /* The file handle was announced, before the call (or its
     * REQUEST_COMPLETE) returned it. */
    NOT_UNDER_WINE(CHECK(created_count == created + 1 && last_created == f, "HANDLE_CREATED for the file"));
    /* The real size (Wine: always 0). */
    NOT_UNDER_WINE(CHECK(FtpGetFileSize(f, &high) == 13 && high == 0, "size, high %lu", (unsigned long)high));
    {
        DWORD type = 0, size = sizeof type;
        CHECK(InternetQueryOptionA(f, INTERNET_OPTION_HANDLE_TYPE, &type, &size) && type == INTERNET_HANDLE_TYPE_FTP_FILE,
              "file handle type %lu", (unsigned long)type);
        size = sizeof type;
        CHECK(InternetQueryOptionA(c, INTERNET_OPTION_HANDLE_TYPE, &type, &size) && type == INTERNET_HANDLE_TYPE_CONNECT_FTP,
              "connect handle type %lu", (unsigned long)type);
    }
    /* One open file per session. */
    FTP_FAILS(FtpGetFileA(c, "hello.txt", "never.txt", FALSE, FILE_ATTRIBUTE_NORMAL, 0, 0),
              ERROR_FTP_TRANSFER_IN_PROGRESS);
    CHECK(CALL_B(InternetQueryDataAvailable(f, &avail, 0, 0)), "QueryDataAvailable %lu", (unsigned long)GetLastError());
    CHECK(avail > 0 && avail <= 13, "available %lu", (unsigned long)avail);
    for (;;) {
        n = 0;
        if (!CALL_B(InternetReadFile(f, buf + got, (DWORD)(sizeof buf - got), &n))) {
            CHECK(0, "read %lu", (unsigned long)GetLastError());
            break;
        }
        if (n == 0)
            break;
        got += n;
    }
    CHECK(got == 13 && memcmp(buf, "Hello, FTP!\r\n", 13) == 0, "got %lu", (unsigned long)got);
    CHECK(InternetCloseHandle(f), "close file");

    SetLastError(0xdeadbeef);
    f = CALL_H(FtpOpenFileA(c, "hello.txt", 0, 0, 4));
    CHECK(f == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "access 0: %lu", (unsigned long)GetLastError());
    SetLastError(0xdeadbeef);
    f = CALL_H(FtpOpenFileA(c, "hello.txt", GENERIC_READ | GENERIC_WRITE, 0, 4));
    CHECK(f == NULL && GetLastError() == ERROR_INVALID_PARAMETER, "read+write: %lu", (unsigned long)GetLastError());
    SetLastError(0xdeadbeef);
    f = CALL_H(FtpOpenFileA(c, "missing.txt", GENERIC_READ, 0, 4));
    CHECK(f == NULL && GetLastError() == ERROR_INTERNET_EXTENDED_ERROR, "missing: %lu", (unsigned long)GetLastError());
}

static int file_is_pattern(const char *path, long want)
{
    FILE *fp = fopen(path, "rb");
    long i = 0;
    int ch, ok = 1;
    if (!fp)
        return 0;
    while ((ch = fgetc(fp)) != EOF) {
        if (ch != (int)(i % 251))
            ok = 0;
        i++;
    }
    fclose(fp);
    return ok && i == want;
}

static int exists(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp)
        fclose(fp);
    return fp != NULL;
}

static void test_get_put(HINTERNET c)
{
    WIN32_FIND_DATAA fd;
    HINTERNET f;

    remove("local.bin");
    remove("never.bin");
    CHECK(CALL_B(FtpGetFileA(c, "pattern.bin", "local.bin", FALSE, FILE_ATTRIBUTE_NORMAL, FTP_TRANSFER_TYPE_BINARY, 0)),
          "FtpGetFile %lu", (unsigned long)GetLastError());
    CHECK(file_is_pattern("local.bin", 300000), "the downloaded bytes");
    FTP_FAILS(FtpGetFileA(c, "pattern.bin", "local.bin", TRUE, FILE_ATTRIBUTE_NORMAL, 0, 0), ERROR_FILE_EXISTS);
    FTP_FAILS(FtpGetFileA(c, "missing", "never.bin", FALSE, FILE_ATTRIBUTE_NORMAL, 0, 0), ERROR_INTERNET_EXTENDED_ERROR);
    CHECK(!exists("never.bin"), "no local file for a missing remote one");
    FTP_FAILS(FtpGetFileA(c, "pattern.bin", "never.bin", FALSE, FILE_ATTRIBUTE_NORMAL, 5, 0), ERROR_INVALID_PARAMETER);
    FTP_FAILS(FtpPutFileA(c, "no-such-local-file", "x.bin", 0, 0), ERROR_FILE_NOT_FOUND);

    CHECK(CALL_B(FtpSetCurrentDirectoryA(c, "/up")), "CWD /up %lu", (unsigned long)GetLastError());
    CHECK(CALL_B(FtpPutFileA(c, "local.bin", "put.bin", FTP_TRANSFER_TYPE_BINARY, 0)), "FtpPutFile %lu", (unsigned long)GetLastError());
    f = CALL_H(FtpFindFirstFileA(c, "put.bin", &fd, 0, 2));
    CHECK(f != NULL && fd.nFileSizeLow == 300000, "uploaded size %lu", f ? (unsigned long)fd.nFileSizeLow : 0);
    if (f)
        InternetCloseHandle(f);
    CHECK(CALL_B(FtpRenameFileA(c, "put.bin", "moved.bin")), "rename %lu", (unsigned long)GetLastError());
    FTP_FAILS(FtpRenameFileA(c, "put.bin", "again.bin"), ERROR_INTERNET_EXTENDED_ERROR);
    remove("local.bin");
    CHECK(CALL_B(FtpGetFileA(c, "moved.bin", "local.bin", FALSE, FILE_ATTRIBUTE_NORMAL, 0, 0)), "get back %lu", (unsigned long)GetLastError());
    CHECK(file_is_pattern("local.bin", 300000), "the round trip");
    CHECK(CALL_B(FtpDeleteFileA(c, "moved.bin")), "delete %lu", (unsigned long)GetLastError());
    FTP_FAILS(FtpDeleteFileA(c, "moved.bin"), ERROR_INTERNET_EXTENDED_ERROR);
    remove("local.bin");

    CHECK(CALL_B(FtpCreateDirectoryA(c, "newdir")), "MKD %lu", (unsigned long)GetLastError());
    CHECK(CALL_B(FtpCreateDirectoryW(c, L"newdir2")), "MKD W %lu", (unsigned long)GetLastError());
    CHECK(CALL_B(FtpRemoveDirectoryA(c, "newdir")), "RMD %lu", (unsigned long)GetLastError());
    CHECK(CALL_B(FtpRemoveDirectoryW(c, L"newdir2")), "RMD W %lu", (unsigned long)GetLastError());
    FTP_FAILS(FtpRemoveDirectoryA(c, "/pub/sub"), ERROR_INTERNET_EXTENDED_ERROR);
}

static void test_write_file(HINTERNET c)
{
    HINTERNET f;
    DWORD n = 0, i;
    char buf[64];

    f = CALL_H(FtpOpenFileA(c, "/up/written.txt", GENERIC_WRITE, FTP_TRANSFER_TYPE_BINARY, 5));
    CHECK(f != NULL, "open for writing %lu", (unsigned long)GetLastError());
    if (!f)
        return;
    for (i = 0; i < 3; i++) {
        n = 0;
        CHECK(CALL_B(InternetWriteFile(f, "abc", 3, &n)), "write %lu", (unsigned long)GetLastError());
    }
    CHECK(n == 3, "written %lu", (unsigned long)n);
    CHECK(InternetCloseHandle(f), "close written file");

    f = CALL_H(FtpOpenFileA(c, "/up/written.txt", GENERIC_READ, 0, 5));
    CHECK(f != NULL, "open to read back %lu", (unsigned long)GetLastError());
    if (!f)
        return;
    n = 0;
    CHECK(CALL_B(InternetReadFile(f, buf, sizeof buf, &n)), "read back %lu", (unsigned long)GetLastError());
    CHECK(n == 9 && memcmp(buf, "abcabcabc", 9) == 0, "read back %lu bytes", (unsigned long)n);
    InternetCloseHandle(f);
    CHECK(CALL_B(FtpDeleteFileA(c, "/up/written.txt")), "delete written %lu", (unsigned long)GetLastError());
}

static void test_command(HINTERNET c)
{
    HINTERNET data = NULL;
    char buf[4096];
    DWORD got = 0;

    CHECK(CALL_B(FtpCommandA(c, FALSE, FTP_TRANSFER_TYPE_ASCII, "NOOP", 0, NULL)), "NOOP %lu", (unsigned long)GetLastError());
    CHECK(response_starts_with("200"), "NOOP's reply");
    FTP_FAILS(FtpCommandA(c, FALSE, FTP_TRANSFER_TYPE_ASCII, "BOGUS", 0, NULL), ERROR_INTERNET_EXTENDED_ERROR);
    CHECK(response_starts_with("500"), "BOGUS's reply");
    /* With a response: a handle that reads the command's data (Wine does
     * not implement it: FALSE with last error 0). */
#ifdef _WIN32
    return;
#endif
    CHECK(CALL_B(FtpCommandA(c, TRUE, FTP_TRANSFER_TYPE_ASCII, "LIST /pub", 6, &data)), "LIST %lu", (unsigned long)GetLastError());
    if (async_mode && !data)
        data = last_created;
    CHECK(data != NULL, "a data handle");
    if (!data)
        return;
    for (;;) {
        INTERNET_BUFFERSA b;
        memset(&b, 0, sizeof b);
        b.dwStructSize = sizeof b;
        b.lpvBuffer = buf + got;
        b.dwBufferLength = (DWORD)(sizeof buf - 1 - got);
        if (!CALL_B(InternetReadFileExA(data, &b, 0, 0)) || b.dwBufferLength == 0)
            break;
        got += b.dwBufferLength;
    }
    buf[got] = 0;
    CHECK(strstr(buf, "hello.txt") != NULL && strstr(buf, "big.bin") != NULL, "listing:\n%s", buf);
    InternetCloseHandle(data);
}

static void test_bad_handles(HINTERNET s)
{
    FTP_FAILS(FtpDeleteFileA(NULL, "x"), ERROR_INVALID_HANDLE);
    FTP_FAILS(FtpCreateDirectoryA(s, "x"), ERROR_INTERNET_INCORRECT_HANDLE_TYPE);
    FTP_FAILS(FtpGetFileA(NULL, NULL, "x", FALSE, 0, 0, 0), ERROR_INVALID_PARAMETER);
}

static void test_close_during_transfer(HINTERNET s)
{
    HINTERNET c, f;
    static char buf[65536];
    DWORD n = 0;

    c = connect_as(s, port, NULL, NULL);
    CHECK(c != NULL, "connect %lu", (unsigned long)GetLastError());
    if (!c)
        return;
    f = CALL_H(FtpOpenFileA(c, "/pub/big.bin", GENERIC_READ, FTP_TRANSFER_TYPE_BINARY, 7));
    CHECK(f != NULL, "open big %lu", (unsigned long)GetLastError());
    if (f)
        CHECK(CALL_B(InternetReadFile(f, buf, sizeof buf, &n)) && (async_mode || n == sizeof buf), "read %lu", (unsigned long)n);
    /* Closing the session closes the file and both connections. */
    CHECK(InternetCloseHandle(c), "close connect");
    SetLastError(0xdeadbeef);
    CHECK(!InternetReadFile(f, buf, sizeof buf, &n) && GetLastError() == ERROR_INVALID_HANDLE,
          "the file handle closed with it: %lu", (unsigned long)GetLastError());
}

static void test_open_url(HINTERNET s)
{
    char url[128], buf[64];
    HINTERNET h;
    DWORD n = 0;

    sprintf(url, "ftp://127.0.0.1:%u/pub/hello.txt", port);
    h = CALL_H(InternetOpenUrlA(s, url, NULL, 0, passive, 8));
    CHECK(h != NULL, "InternetOpenUrl %lu", (unsigned long)GetLastError());
    if (h) {
        CHECK(CALL_B(InternetReadFile(h, buf, sizeof buf, &n)) && n == 13 && memcmp(buf, "Hello", 5) == 0,
              "read %lu", (unsigned long)n);
        InternetCloseHandle(h);
    }
    /* A directory: its listing, through InternetFindNextFile, as the
     * documentation says (Wine RETRs the directory and fails with 12003). */
#ifndef _WIN32
    sprintf(url, "ftp://127.0.0.1:%u/pub/sub/", port);
    h = CALL_H(InternetOpenUrlA(s, url, NULL, 0, passive | INTERNET_FLAG_RAW_DATA, 8));
    CHECK(h != NULL, "InternetOpenUrl of a directory %lu", (unsigned long)GetLastError());
    if (h) {
        WIN32_FIND_DATAA fd;
        CHECK(InternetFindNextFileA(h, &fd) && strcmp(fd.cFileName, "inner.txt") == 0, "the directory's entry");
        CHECK(!InternetFindNextFileA(h, &fd) && GetLastError() == ERROR_NO_MORE_FILES, "one entry");
        InternetCloseHandle(h);
    }
#endif
    sprintf(url, "ftp://anonymous:me%%40here@127.0.0.1:%u/pub/missing.txt", port);
    SetLastError(0xdeadbeef);
    h = CALL_H(InternetOpenUrlA(s, url, NULL, 0, passive, 8));
    CHECK(h == NULL && GetLastError() == ERROR_INTERNET_EXTENDED_ERROR, "missing: %lu", (unsigned long)GetLastError());
    if (async_mode && !h)
        InternetCloseHandle(last_created);
}

int main(int argc, char **argv)
{
    HINTERNET s, c;
    unsigned closed_port;

    if (argc < 5) {
        fprintf(stderr, "usage: ftp_api PORT CLOSED_PORT sync|async passive|active\n");
        return 2;
    }
    port = (unsigned)atoi(argv[1]);
    closed_port = (unsigned)atoi(argv[2]);
    async_mode = strcmp(argv[3], "async") == 0;
    passive = strcmp(argv[4], "passive") == 0 ? INTERNET_FLAG_PASSIVE : 0;

    s = open_session();
    test_connect(s, closed_port);
    c = connect_as(s, port, NULL, NULL);
    CHECK(c != NULL, "anonymous login %lu", (unsigned long)GetLastError());
    if (c) {
        CHECK(response_starts_with("230"), "the login's reply");
        test_directories(c);
        test_find(c);
        test_open_file(c);
        test_get_put(c);
        test_write_file(c);
        test_command(c);
        CHECK(InternetCloseHandle(c), "close");
    }
    test_bad_handles(s);
    test_close_during_transfer(s);
    test_open_url(s);
    InternetCloseHandle(s);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
