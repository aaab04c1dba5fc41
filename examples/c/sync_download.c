/*
 * sync_download: fetch a URL with WinINet's synchronous calls and write the
 * body to stdout or a file.
 *
 *     sync_download URL [FILE]
 *
 * InternetOpen, InternetOpenUrl, then InternetReadFile until it reads 0
 * bytes, exactly as on Windows. Exit status 0 on success, 1 on an error
 * (printed with its WinINet text from FormatMessage), 2 on bad usage.
 */
#include <windows.h>
#include <wininet.h>
#include <stdio.h>

static void fail(const char *what)
{
    DWORD err = GetLastError();
    char text[256] = "";
    FormatMessageA(FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_IGNORE_INSERTS,
                   GetModuleHandleA("wininet.dll"), err, 0, text, sizeof text, NULL);
    fprintf(stderr, "%s failed: error %lu %s", what, (unsigned long)err, text);
    if (text[0] == '\0')
        fputc('\n', stderr);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s URL [FILE]\n", argv[0]);
        return 2;
    }
    FILE *out = stdout;
    if (argc == 3 && !(out = fopen(argv[2], "wb"))) {
        perror(argv[2]);
        return 1;
    }

    HINTERNET session = InternetOpenA("sync_download/1.0", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    if (!session) {
        fail("InternetOpen");
        return 1;
    }
    HINTERNET request = InternetOpenUrlA(session, argv[1], NULL, 0,
                                         INTERNET_FLAG_RELOAD | INTERNET_FLAG_NO_CACHE_WRITE, 0);
    if (!request) {
        fail("InternetOpenUrl");
        InternetCloseHandle(session);
        return 1;
    }

    DWORD status = 0, len = sizeof status;
    if (HttpQueryInfoA(request, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &status, &len, NULL))
        fprintf(stderr, "HTTP status %lu\n", (unsigned long)status);

    int rc = 0;
    unsigned long long total = 0;
    char buf[16384];
    for (;;) {
        DWORD got = 0;
        if (!InternetReadFile(request, buf, sizeof buf, &got)) {
            fail("InternetReadFile");
            rc = 1;
            break;
        }
        if (got == 0)
            break; /* the end of the body */
        if (fwrite(buf, 1, got, out) != got) {
            perror("write");
            rc = 1;
            break;
        }
        total += got;
    }
    fprintf(stderr, "%llu bytes\n", total);

    InternetCloseHandle(request);
    InternetCloseHandle(session);
    if (out != stdout && fclose(out) != 0) {
        perror(argv[2]);
        rc = 1;
    }
    return rc;
}
