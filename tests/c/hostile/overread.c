/* Buffers that end where memory ends: each string-taking call gets its
 * buffer placed right before an unmapped page, unterminated, for lengths
 * 0..8. A call that reads one byte past the length it was given faults
 * (SIGSEGV) instead of quietly reading garbage.
 *
 *   InternetSetOption(INTERNET_OPTION_USER_AGENT), A and W: the length is
 *   the buffer's size in characters; 0 is ERROR_INVALID_PARAMETER; the
 *   agent read back is exactly the characters given.
 *   HttpQueryInfo(HTTP_QUERY_CUSTOM), A and W: WinINet reads the header
 *   name to its NUL even past *lpdwBufferLength (a size query passes 0),
 *   but an unterminated name at the end of memory must not fault: the
 *   name's buffer ends at the page boundary here, lengths 1..8.
 *
 * And strings that would break a line of the request head: a CR or LF in
 * InternetOpen's agent, INTERNET_OPTION_USER_AGENT, or HttpOpenRequest's
 * version, referrer and accept types is ERROR_INVALID_PARAMETER.
 *
 * Usage: overread. Prints "FAIL ..." per failed check and a closing
 * "N passed, N failed" line; exits non-zero on any failure. Native only
 * (mmap/mprotect). */
#define _DEFAULT_SOURCE
#include "wininet.h"
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int passed, failed;

static void check(int ok, const char *what, size_t n, unsigned long err)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s (length %zu, error %lu)\n", what, n, err);
    }
}

/* The last `bytes` bytes before an unmapped page. */
static unsigned char *edge(size_t bytes)
{
    static unsigned char *base;
    static size_t page;
    if (!base) {
        page = (size_t)sysconf(_SC_PAGESIZE);
        base = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (base == MAP_FAILED || mprotect(base + page, page, PROT_NONE) != 0) {
            perror("mmap");
            _exit(2);
        }
    }
    return base + page - bytes;
}

int main(void)
{
    HINTERNET ses = InternetOpenA("start", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    HINTERNET con = InternetConnectA(ses, "127.0.0.1", 1, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 0);
    HINTERNET req = HttpOpenRequestA(con, "GET", "/", NULL, NULL, NULL, 0, 0);
    size_t n, i;

    for (n = 0; n <= 8; n++) {
        char back[32];
        DWORD len = sizeof back;
        unsigned char *a = edge(n);
        WCHAR *w;
        BOOL ok;
        memset(a, 'a', n);
        ok = InternetSetOptionA(ses, INTERNET_OPTION_USER_AGENT, a, (DWORD)n);
        if (n == 0) {
            check(!ok && GetLastError() == ERROR_INVALID_PARAMETER, "USER_AGENT (A) of length 0 is 87", n,
                  GetLastError());
            continue;
        }
        check(ok, "USER_AGENT (A) set", n, GetLastError());
        ok = InternetQueryOptionA(ses, INTERNET_OPTION_USER_AGENT, back, &len);
        check(ok && len == n && strspn(back, "a") == n, "USER_AGENT (A) reads back its n characters", n, len);

        w = (WCHAR *)edge(2 * n);
        for (i = 0; i < n; i++)
            w[i] = 'w';
        ok = InternetSetOptionW(ses, INTERNET_OPTION_USER_AGENT, w, (DWORD)n);
        check(ok, "USER_AGENT (W) set", n, GetLastError());
        len = sizeof back;
        ok = InternetQueryOptionA(ses, INTERNET_OPTION_USER_AGENT, back, &len);
        check(ok && len == n && strspn(back, "w") == n, "USER_AGENT (W) reads back its n characters", n, len);
    }
    {
        BOOL ok = InternetSetOptionW(ses, INTERNET_OPTION_USER_AGENT, edge(0), 0);
        check(!ok && GetLastError() == ERROR_INVALID_PARAMETER, "USER_AGENT (W) of length 0 is 87", 0,
              GetLastError());
    }

    for (n = 1; n <= 8; n++) {
        DWORD len = (DWORD)n;
        unsigned char *a = edge(n);
        BOOL ok;
        memset(a, 'X', n);
        /* Not sent: the header is not found, after reading the name. */
        ok = HttpQueryInfoA(req, HTTP_QUERY_CUSTOM, a, &len, NULL);
        check(!ok, "HTTP_QUERY_CUSTOM (A) with an unterminated name", n, GetLastError());
        len = (DWORD)(2 * n);
        a = edge(2 * n);
        memset(a, 'X', 2 * n);
        ok = HttpQueryInfoW(req, HTTP_QUERY_CUSTOM, a, &len, NULL);
        check(!ok, "HTTP_QUERY_CUSTOM (W) with an unterminated name", n, GetLastError());
    }

    {
        static const char *const evil[] = {"a\r\nX-Evil: 1", "a\nX-Evil: 1", "a\rb"};
        for (i = 0; i < 3; i++) {
            const char *types[] = {"text/html", evil[i], NULL};
            HINTERNET h;
            BOOL ok;
            SetLastError(0xdeadbeef);
            h = InternetOpenA(evil[i], INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
            check(!h && GetLastError() == ERROR_INVALID_PARAMETER, "InternetOpen with a line break in the agent",
                  i, GetLastError());
            ok = InternetSetOptionA(ses, INTERNET_OPTION_USER_AGENT, (void *)evil[i], (DWORD)strlen(evil[i]));
            check(!ok && GetLastError() == ERROR_INVALID_PARAMETER, "USER_AGENT with a line break", i,
                  GetLastError());
            h = HttpOpenRequestA(con, "GET", "/", evil[i], NULL, NULL, 0, 0);
            check(!h && GetLastError() == ERROR_INVALID_PARAMETER, "a version with a line break", i,
                  GetLastError());
            h = HttpOpenRequestA(con, "GET", "/", NULL, evil[i], NULL, 0, 0);
            check(!h && GetLastError() == ERROR_INVALID_PARAMETER, "a referrer with a line break", i,
                  GetLastError());
            h = HttpOpenRequestA(con, "GET", "/", NULL, NULL, types, 0, 0);
            check(!h && GetLastError() == ERROR_INVALID_PARAMETER, "an accept type with a line break", i,
                  GetLastError());
        }
    }

    InternetCloseHandle(ses);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
