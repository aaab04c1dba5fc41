/* url_params: the URL and time exports called the wrong way — NULL
 * arguments, buffers one unit too small, wrong dwStructSize — each with
 * the result and last error WinINet gives.
 *
 * Built twice by crates/openinet-capi/tests/url_c.rs: with gcc against
 * OpenINet's include/wininet.h and libwininet.so (every check must pass),
 * and, when wine and x86_64-w64-mingw32-gcc are present, against Windows'
 * wininet under wine, which proves the expectations are WinINet's. A check
 * inside NOT_UNDER_WINE(...) is left out of the wine build: each says why
 * (a call that crashes Windows, or a Wine bug its own tests mark todo_wine).
 *
 * Output: one line per failed check, then "N passed, N failed".
 */
#include "../checks.h"

/* A call that must fail with `err`, where Wine fails too but with another
 * last error (or none): the wine build checks only that it fails. Each use
 * says where `err` comes from. */
#ifdef _WIN32
#define FAILS_WITH_NOT_WINE(call, err) CHECK(!(call), "%s succeeded", #call)
#else
#define FAILS_WITH_NOT_WINE(call, err) FAILS_WITH(call, err)
#endif

/* A call that must succeed and leave the last error untouched. */
#define SUCCEEDS(call)                                                       \
    do {                                                                     \
        BOOL r_;                                                             \
        SetLastError(0xdeadbeef);                                            \
        r_ = (call);                                                         \
        CHECK(r_ && GetLastError() == 0xdeadbeef, "%s: r=%d err=%lu", #call, \
              (int)r_, (unsigned long)GetLastError());                       \
    } while (0)

static const WCHAR *wstr(const char *s)
{
    static WCHAR pool[8][256];
    static int next;
    WCHAR *w = pool[next++ % 8];
    size_t i;
    for (i = 0; s[i] && i < 255; i++) w[i] = (unsigned char)s[i];
    w[i] = 0;
    return w;
}

static int wsame(const WCHAR *w, const char *s)
{
    while (*s && *w == (unsigned char)*s) { w++; s++; }
    return *w == 0 && *s == 0;
}

#define URL1 "http://user:pass@www.winehq.org:8080/site/about?q=1#frag"

/* ---- InternetCrackUrl -------------------------------------------------- */

static void crack_bad_args(void)
{
    URL_COMPONENTSA uc;
    URL_COMPONENTSW wc;
    char host[64];
    WCHAR whost[64];

    memset(&uc, 0, sizeof uc);
    uc.dwStructSize = sizeof uc;
    uc.lpszHostName = host;
    uc.dwHostNameLength = sizeof host;
    memset(&wc, 0, sizeof wc);
    wc.dwStructSize = sizeof wc;
    wc.lpszHostName = whost;
    wc.dwHostNameLength = 64;

    FAILS_WITH(InternetCrackUrlA(NULL, 0, 0, &uc), ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetCrackUrlW(NULL, 0, 0, &wc), ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetCrackUrlW(wstr(URL1), 0, 0, NULL), ERROR_INVALID_PARAMETER);
    /* InternetCrackUrlA(url, 0, 0, NULL) crashes on Windows; we refuse it. */
    NOT_UNDER_WINE(FAILS_WITH(InternetCrackUrlA(URL1, 0, 0, NULL), ERROR_INVALID_PARAMETER));

    /* An empty URL has no scheme: 12006 on Windows (a comment in Wine's
     * url.c; Wine itself says ERROR_INVALID_PARAMETER). */
    FAILS_WITH_NOT_WINE(InternetCrackUrlA("", 0, 0, &uc), ERROR_INTERNET_UNRECOGNIZED_SCHEME);
    FAILS_WITH_NOT_WINE(InternetCrackUrlW(wstr(""), 0, 0, &wc), ERROR_INTERNET_UNRECOGNIZED_SCHEME);

    /* No component asked for (every length zero). Wine cracks anyway
     * (todo_wine in its url.c; Windows fails). */
    memset(&uc, 0, sizeof uc);
    uc.dwStructSize = sizeof uc;
    NOT_UNDER_WINE(FAILS_WITH(InternetCrackUrlA(URL1, 0, 0, &uc), ERROR_INVALID_PARAMETER));
}

static void crack_struct_size(void)
{
    URL_COMPONENTSA uc;
    URL_COMPONENTSW wc;
    DWORD sizes[3] = { 0, sizeof(URL_COMPONENTSA) - 1, sizeof(URL_COMPONENTSA) + 1 };
    int i;

    /* InternetCrackUrlA checks dwStructSize ... */
    for (i = 0; i < 3; i++) {
        BOOL r;
        memset(&uc, 0, sizeof uc);
        uc.dwStructSize = sizes[i];
        uc.dwHostNameLength = 1;
        SetLastError(0xdeadbeef);
        r = InternetCrackUrlA(URL1, 0, 0, &uc);
        CHECK(!r && GetLastError() != 0xdeadbeef && GetLastError() != 0,
              "dwStructSize %lu: r=%d err=%lu", (unsigned long)sizes[i], (int)r,
              (unsigned long)GetLastError());
        CHECK(uc.lpszHostName == NULL && uc.dwHostNameLength == 1,
              "dwStructSize %lu: structure written", (unsigned long)sizes[i]);
    }
    /* ... InternetCrackUrlW does not. */
    memset(&wc, 0, sizeof wc);
    wc.dwStructSize = 0;
    wc.dwHostNameLength = 1;
    CHECK(InternetCrackUrlW(wstr(URL1), 0, 0, &wc), "W with dwStructSize 0 failed: %lu",
          (unsigned long)GetLastError());
    CHECK(wc.dwHostNameLength == 14, "host length %lu", (unsigned long)wc.dwHostNameLength);
}

static void crack_small_buffers(void)
{
    URL_COMPONENTSA uc;
    URL_COMPONENTSW wc;
    char host[15], path[64];
    WCHAR whost[15], wpath[64];
    BOOL r;

    /* "www.winehq.org" is 14 characters: 15 units hold it and its NUL. */
    memset(&uc, 0, sizeof uc);
    uc.dwStructSize = sizeof uc;
    uc.lpszHostName = host;
    uc.dwHostNameLength = 15;
    r = InternetCrackUrlA(URL1, 0, 0, &uc);
    CHECK(r && !strcmp(host, "www.winehq.org") && uc.dwHostNameLength == 14,
          "r=%d host=%s len=%lu", (int)r, host, (unsigned long)uc.dwHostNameLength);

    uc.dwHostNameLength = 14;
    FAILS_WITH_NOT_WINE(InternetCrackUrlA(URL1, 0, 0, &uc), ERROR_INSUFFICIENT_BUFFER);

    memset(&wc, 0, sizeof wc);
    wc.dwStructSize = sizeof wc;
    wc.lpszHostName = whost;
    wc.dwHostNameLength = 15;
    r = InternetCrackUrlW(wstr(URL1), 0, 0, &wc);
    CHECK(r && wsame(whost, "www.winehq.org") && wc.dwHostNameLength == 14, "r=%d len=%lu",
          (int)r, (unsigned long)wc.dwHostNameLength);
    wc.dwHostNameLength = 14;
    FAILS_WITH_NOT_WINE(InternetCrackUrlW(wstr(URL1), 0, 0, &wc), ERROR_INSUFFICIENT_BUFFER);

    /* Extra info not asked for stays in the path; a path buffer of one unit
     * is too small for it. Windows: ERROR_INSUFFICIENT_BUFFER (todo_wine in
     * Wine's url.c, where Wine leaves the last error untouched). */
    memset(&uc, 0, sizeof uc);
    uc.dwStructSize = sizeof uc;
    uc.lpszUrlPath = path;
    uc.dwUrlPathLength = 1;
    FAILS_WITH_NOT_WINE(InternetCrackUrlA(URL1, 0, 0, &uc), ERROR_INSUFFICIENT_BUFFER);
    memset(&wc, 0, sizeof wc);
    wc.dwStructSize = sizeof wc;
    wc.lpszUrlPath = wpath;
    wc.dwUrlPathLength = 1;
    FAILS_WITH_NOT_WINE(InternetCrackUrlW(wstr(URL1), 0, 0, &wc), ERROR_INSUFFICIENT_BUFFER);

    /* Enough room: success, and the last error is left alone. */
    wc.dwUrlPathLength = 64;
    SUCCEEDS(InternetCrackUrlW(wstr(URL1), 0, 0, &wc));
    uc.dwUrlPathLength = sizeof path;
    SUCCEEDS(InternetCrackUrlA(URL1, 0, 0, &uc));
}

static void crack_lengths_and_pointers(void)
{
    URL_COMPONENTSA uc;
    URL_COMPONENTSW wc;
    const char *url = URL1;
    const WCHAR *wurl = wstr(URL1);
    char path[64];
    BOOL r;

    /* dwUrlLength bounds the URL: 36 characters end right after the port. */
    memset(&uc, 0, sizeof uc);
    uc.dwStructSize = sizeof uc;
    uc.lpszUrlPath = path;
    uc.dwUrlPathLength = sizeof path;
    uc.dwHostNameLength = 1;
    r = InternetCrackUrlA(url, 36, 0, &uc);
    CHECK(r && uc.nPort == 8080 && path[0] == 0 && uc.dwUrlPathLength == 0,
          "r=%d port=%u path=%s", (int)r, (unsigned)uc.nPort, path);
    CHECK(r && uc.lpszHostName == url + 17 && uc.dwHostNameLength == 14,
          "host at %ld len %lu", (long)(uc.lpszHostName - url),
          (unsigned long)uc.dwHostNameLength);

    /* NULL pointers with non-zero lengths: pointers into the URL. */
    memset(&wc, 0, sizeof wc);
    wc.dwStructSize = sizeof wc;
    wc.dwSchemeLength = wc.dwUserNameLength = wc.dwPasswordLength = 1;
    wc.dwUrlPathLength = wc.dwExtraInfoLength = 1;
    r = InternetCrackUrlW(wurl, 0, 0, &wc);
    CHECK(r && wc.lpszScheme == wurl && wc.dwSchemeLength == 4, "scheme");
    CHECK(r && wc.lpszUserName == wurl + 7 && wc.dwUserNameLength == 4, "user");
    CHECK(r && wc.lpszPassword == wurl + 12 && wc.dwPasswordLength == 4, "password");
    CHECK(r && wc.lpszUrlPath == wurl + 36 && wc.dwUrlPathLength == 11, "path len %lu",
          (unsigned long)wc.dwUrlPathLength);
    CHECK(r && wc.lpszExtraInfo == wurl + 47 && wc.dwExtraInfoLength == 9, "extra len %lu",
          (unsigned long)wc.dwExtraInfoLength);
    CHECK(r && wc.nScheme == INTERNET_SCHEME_HTTP && wc.nPort == 8080, "scheme %d port %u",
          (int)wc.nScheme, (unsigned)wc.nPort);
}

/* Under ICU_DECODE a buffer given with a length of 0 is too small rather
 * than skipped; a URL that ends right after "//" does not crack; a URL
 * written without a path reports an empty one (Wine's url.c asserts all
 * three on Windows as todo_wine checks: Wine 8 differs, so its build
 * leaves them out). */
static void crack_decode_and_empty(void)
{
    URL_COMPONENTSA uc;
    WCHAR wpath[16];
    URL_COMPONENTSW wc;
    char host[32], path[32];
    BOOL r;

    memset(&uc, 0, sizeof uc);
    uc.dwStructSize = sizeof uc;
    uc.lpszHostName = host;
    uc.dwHostNameLength = sizeof host;
    uc.lpszUrlPath = path;
    uc.dwUrlPathLength = 0;
    NOT_UNDER_WINE(FAILS_WITH(InternetCrackUrlA(URL1, 0, ICU_DECODE, &uc),
                              ERROR_INSUFFICIENT_BUFFER));
    /* Without ICU_DECODE the zero length only skips the component. */
    SUCCEEDS(InternetCrackUrlA(URL1, 0, 0, &uc));

    uc.dwUrlPathLength = sizeof path;
    NOT_UNDER_WINE(FAILS_WITH(InternetCrackUrlA("http://", 0, 0, &uc),
                              ERROR_INTERNET_INVALID_URL));
    NOT_UNDER_WINE(FAILS_WITH(InternetCrackUrlA("http://\0x.org", 13, 0, &uc),
                              ERROR_INTERNET_INVALID_URL));

    memset(&wc, 0, sizeof wc);
    wc.dwStructSize = sizeof wc;
    wc.lpszUrlPath = wpath;
    wc.dwUrlPathLength = 16;
    wpath[0] = 'z';
    r = InternetCrackUrlW(wstr("http://x.org"), 0, ICU_DECODE, &wc);
    NOT_UNDER_WINE(CHECK(r && wpath[0] == 0 && wc.dwUrlPathLength == 0, "r=%d len=%lu", (int)r,
                         (unsigned long)wc.dwUrlPathLength));
}

/* ---- InternetCreateUrl ------------------------------------------------- */

static char c_http[] = "http", c_host[] = "www.winehq.org", c_user[] = "username",
            c_pass[] = "password", c_path[] = "/site/about", c_empty[] = "";
#define CREATED "http://username:password@www.winehq.org/site/about"

static void fill_a(URL_COMPONENTSA *uc)
{
    memset(uc, 0, sizeof *uc);
    uc->dwStructSize = sizeof *uc;
    uc->lpszScheme = c_http;
    uc->nScheme = INTERNET_SCHEME_HTTP;
    uc->lpszHostName = c_host;
    uc->nPort = 80;
    uc->lpszUserName = c_user;
    uc->lpszPassword = c_pass;
    uc->lpszUrlPath = c_path;
    uc->lpszExtraInfo = c_empty;
}

static void fill_w(URL_COMPONENTSW *uc)
{
    static WCHAR http[8], host[32], user[16], pass[16], path[16], empty[1];
    memcpy(http, wstr(c_http), sizeof http);
    memcpy(host, wstr(c_host), sizeof host);
    memcpy(user, wstr(c_user), sizeof user);
    memcpy(pass, wstr(c_pass), sizeof pass);
    memcpy(path, wstr(c_path), sizeof path);
    memset(uc, 0, sizeof *uc);
    uc->dwStructSize = sizeof *uc;
    uc->lpszScheme = http;
    uc->nScheme = INTERNET_SCHEME_HTTP;
    uc->lpszHostName = host;
    uc->nPort = 80;
    uc->lpszUserName = user;
    uc->lpszPassword = pass;
    uc->lpszUrlPath = path;
    uc->lpszExtraInfo = empty;
}

static void create_a(void)
{
    URL_COMPONENTSA uc;
    char buf[128];
    DWORD len = 0xfff;
    BOOL r;

    FAILS_WITH(InternetCreateUrlA(NULL, 0, NULL, &len), ERROR_INVALID_PARAMETER);
    CHECK(len == 0xfff, "len %lu", (unsigned long)len);
    memset(&uc, 0, sizeof uc);
    FAILS_WITH(InternetCreateUrlA(&uc, 0, NULL, &len), ERROR_INVALID_PARAMETER);
    CHECK(len == 0xfff, "len %lu", (unsigned long)len);
    fill_a(&uc);
    FAILS_WITH(InternetCreateUrlA(&uc, 0, NULL, NULL), ERROR_INVALID_PARAMETER);
    fill_a(&uc);
    uc.dwStructSize = sizeof uc + 1;
    FAILS_WITH(InternetCreateUrlA(&uc, 0, buf, &len), ERROR_INVALID_PARAMETER);
    CHECK(len == 0xfff, "len %lu", (unsigned long)len);

    /* No buffer, and too small ones: the length needed, NUL included. */
    fill_a(&uc);
    FAILS_WITH(InternetCreateUrlA(&uc, 0, NULL, &len), ERROR_INSUFFICIENT_BUFFER);
    CHECK(len == 51, "len %lu", (unsigned long)len);
    len = 49;
    FAILS_WITH(InternetCreateUrlA(&uc, 0, buf, &len), ERROR_INSUFFICIENT_BUFFER);
    CHECK(len == 51, "len %lu", (unsigned long)len);
    /* No room for the NUL: Wine writes it past the buffer and succeeds; we
     * refuse, as for any buffer too small. */
    len = 50;
    NOT_UNDER_WINE(FAILS_WITH(InternetCreateUrlA(&uc, 0, buf, &len), ERROR_INSUFFICIENT_BUFFER));
    NOT_UNDER_WINE(CHECK(len == 51, "len %lu", (unsigned long)len));

    /* Exactly enough: the length without the NUL, last error untouched. */
    len = 51;
    SetLastError(0xdeadbeef);
    r = InternetCreateUrlA(&uc, 0, buf, &len);
    CHECK(r && len == 50 && !strcmp(buf, CREATED) && GetLastError() == 0xdeadbeef,
          "r=%d len=%lu url=%s err=%lu", (int)r, (unsigned long)len, buf,
          (unsigned long)GetLastError());

    /* A non-zero length is taken as it stands, NULs included (Wine's url.c
     * asserts it on Windows with an empty password given the length 8):
     * the length counts all five characters of "ab\0cd", and the text
     * reads up to the copied NUL (what follows it is not checked there). */
    {
        static char pw[] = "ab\0cd";
        static const char want[] = "http://username:ab\0cd@www.winehq.org/site/about";
        fill_a(&uc);
        uc.lpszPassword = pw;
        uc.dwPasswordLength = 5;
        len = sizeof buf;
        r = InternetCreateUrlA(&uc, 0, buf, &len);
        CHECK(r && len == sizeof want - 1 && !strcmp(buf, want), "r=%d len=%lu", (int)r,
              (unsigned long)len);
    }

    /* A password needs a user name. */
    fill_a(&uc);
    uc.lpszUserName = NULL;
    len = 128;
    FAILS_WITH(InternetCreateUrlA(&uc, 0, buf, &len), ERROR_INVALID_PARAMETER);
    CHECK(len == 128, "len %lu", (unsigned long)len);
}

static void create_w(void)
{
    URL_COMPONENTSW uc;
    WCHAR buf[128];
    DWORD len = 0xfff;
    BOOL r;

    FAILS_WITH(InternetCreateUrlW(NULL, 0, NULL, &len), ERROR_INVALID_PARAMETER);
    CHECK(len == 0xfff, "len %lu", (unsigned long)len);
    memset(&uc, 0, sizeof uc);
    FAILS_WITH(InternetCreateUrlW(&uc, 0, NULL, &len), ERROR_INVALID_PARAMETER);
    fill_w(&uc);
    FAILS_WITH(InternetCreateUrlW(&uc, 0, NULL, NULL), ERROR_INVALID_PARAMETER);
    fill_w(&uc);
    uc.dwStructSize = 0;
    FAILS_WITH(InternetCreateUrlW(&uc, 0, buf, &len), ERROR_INVALID_PARAMETER);

    /* InternetCreateUrlW reports the size it needs in bytes, NUL included. */
    fill_w(&uc);
    FAILS_WITH(InternetCreateUrlW(&uc, 0, NULL, &len), ERROR_INSUFFICIENT_BUFFER);
    CHECK(len == 102, "len %lu", (unsigned long)len);
    len = 49;
    FAILS_WITH(InternetCreateUrlW(&uc, 0, buf, &len), ERROR_INSUFFICIENT_BUFFER);
    CHECK(len == 102, "len %lu", (unsigned long)len);
    /* No room for the NUL: refused (Wine writes past the buffer). */
    len = 50;
    NOT_UNDER_WINE(FAILS_WITH(InternetCreateUrlW(&uc, 0, buf, &len), ERROR_INSUFFICIENT_BUFFER));

    /* On success, the length in characters without the NUL. */
    len = 51;
    r = InternetCreateUrlW(&uc, 0, buf, &len);
    CHECK(r && len == 50 && wsame(buf, CREATED), "r=%d len=%lu", (int)r, (unsigned long)len);
}

/* ---- InternetCanonicalizeUrl / InternetCombineUrl ---------------------- */

#define CANON_IN "http://www.winehq.org/a/./b/../c d"
#define CANON_OUT "http://www.winehq.org/a/c%20d"

static void canonicalize(void)
{
    char buf[128];
    WCHAR wbuf[128];
    DWORD len = 128;
    size_t need = strlen(CANON_OUT);
    BOOL r;

    FAILS_WITH(InternetCanonicalizeUrlA(NULL, buf, &len, 0), ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetCanonicalizeUrlA(CANON_IN, NULL, &len, 0), ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetCanonicalizeUrlA(CANON_IN, buf, NULL, 0), ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetCanonicalizeUrlW(NULL, wbuf, &len, 0), ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetCanonicalizeUrlW(wstr(CANON_IN), NULL, &len, 0), ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetCanonicalizeUrlW(wstr(CANON_IN), wbuf, NULL, 0), ERROR_INVALID_PARAMETER);

    /* One unit short (no room for the NUL): the length needed with it. */
    len = (DWORD)need;
    FAILS_WITH(InternetCanonicalizeUrlA(CANON_IN, buf, &len, 0), ERROR_INSUFFICIENT_BUFFER);
    CHECK(len == need + 1, "len %lu", (unsigned long)len);
    len = (DWORD)need;
    FAILS_WITH(InternetCanonicalizeUrlW(wstr(CANON_IN), wbuf, &len, 0), ERROR_INSUFFICIENT_BUFFER);
    CHECK(len == need + 1, "len %lu", (unsigned long)len);
    /* A zero length is one more buffer too small (Wine fails with 87, or
     * with no error at all, depending on the URL). */
    len = 0;
    NOT_UNDER_WINE(FAILS_WITH(InternetCanonicalizeUrlA(CANON_IN, buf, &len, 0),
                              ERROR_INSUFFICIENT_BUFFER));
    NOT_UNDER_WINE(CHECK(len == need + 1, "len %lu", (unsigned long)len));

    len = 128;
    SUCCEEDS(InternetCanonicalizeUrlA(CANON_IN, buf, &len, 0));
    len = (DWORD)need + 1;
    r = InternetCanonicalizeUrlA(CANON_IN, buf, &len, 0);
    CHECK(r && len == need && !strcmp(buf, CANON_OUT), "r=%d len=%lu %s", (int)r,
          (unsigned long)len, buf);
    len = (DWORD)need + 1;
    r = InternetCanonicalizeUrlW(wstr(CANON_IN), wbuf, &len, 0);
    CHECK(r && len == need && wsame(wbuf, CANON_OUT), "r=%d len=%lu", (int)r, (unsigned long)len);
}

#define BASE "http://www.winehq.org/a/b/c"
#define REL "../d?x=1"
#define COMBINED "http://www.winehq.org/a/d?x=1"

static void combine(void)
{
    char buf[128];
    WCHAR wbuf[128];
    DWORD len = 128;
    size_t need = strlen(COMBINED);
    BOOL r;

    /* Wine returns FALSE with the last error untouched for all of these; the
     * documentation lists ERROR_INVALID_PARAMETER and ERROR_INSUFFICIENT_BUFFER. */
    FAILS_WITH_NOT_WINE(InternetCombineUrlA(NULL, REL, buf, &len, 0), ERROR_INVALID_PARAMETER);
    FAILS_WITH_NOT_WINE(InternetCombineUrlA(BASE, NULL, buf, &len, 0), ERROR_INVALID_PARAMETER);
    FAILS_WITH_NOT_WINE(InternetCombineUrlW(NULL, wstr(REL), wbuf, &len, 0),
                        ERROR_INVALID_PARAMETER);
    FAILS_WITH_NOT_WINE(InternetCombineUrlW(wstr(BASE), NULL, wbuf, &len, 0),
                        ERROR_INVALID_PARAMETER);
    NOT_UNDER_WINE(FAILS_WITH(InternetCombineUrlA(BASE, REL, buf, NULL, 0), ERROR_INVALID_PARAMETER));
    NOT_UNDER_WINE(FAILS_WITH(InternetCombineUrlW(wstr(BASE), wstr(REL), wbuf, NULL, 0),
                              ERROR_INVALID_PARAMETER));

    /* Too small: FALSE and the length needed with the NUL. */
    len = (DWORD)need;
    SetLastError(0xdeadbeef);
    r = InternetCombineUrlA(BASE, REL, buf, &len, 0);
    CHECK(!r && len == need + 1, "r=%d len=%lu", (int)r, (unsigned long)len);
    NOT_UNDER_WINE(CHECK(GetLastError() == ERROR_INSUFFICIENT_BUFFER, "err %lu",
                         (unsigned long)GetLastError()));
    len = (DWORD)need;
    r = InternetCombineUrlW(wstr(BASE), wstr(REL), wbuf, &len, 0);
    CHECK(!r && len == need + 1, "r=%d len=%lu", (int)r, (unsigned long)len);

    len = 128;
    SUCCEEDS(InternetCombineUrlW(wstr(BASE), wstr(REL), wbuf, &len, 0));
    len = (DWORD)need + 1;
    r = InternetCombineUrlA(BASE, REL, buf, &len, 0);
    CHECK(r && len == need && !strcmp(buf, COMBINED), "r=%d len=%lu %s", (int)r,
          (unsigned long)len, buf);
    len = (DWORD)need + 1;
    r = InternetCombineUrlW(wstr(BASE), wstr(REL), wbuf, &len, 0);
    CHECK(r && len == need && wsame(wbuf, COMBINED), "r=%d len=%lu", (int)r, (unsigned long)len);
}

/* ---- InternetTimeFromSystemTime / InternetTimeToSystemTime ------------- */

#define DATE "Fri, 07 Jan 2005 12:06:35 GMT"

static void time_from(void)
{
    SYSTEMTIME st = { 2005, 1, 5, 7, 12, 6, 35, 0 };
    char buf[64];
    WCHAR wbuf[64];
    BOOL r;

    FAILS_WITH(InternetTimeFromSystemTimeA(NULL, INTERNET_RFC1123_FORMAT, buf, sizeof buf),
               ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetTimeFromSystemTimeA(&st, INTERNET_RFC1123_FORMAT + 1, buf, sizeof buf),
               ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetTimeFromSystemTimeA(&st, INTERNET_RFC1123_FORMAT, NULL, sizeof buf),
               ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetTimeFromSystemTimeA(&st, INTERNET_RFC1123_FORMAT, buf, 0),
               ERROR_INSUFFICIENT_BUFFER);
    FAILS_WITH(InternetTimeFromSystemTimeA(&st, INTERNET_RFC1123_FORMAT, buf,
                                           INTERNET_RFC1123_BUFSIZE - 1),
               ERROR_INSUFFICIENT_BUFFER);
    SUCCEEDS(InternetTimeFromSystemTimeA(&st, INTERNET_RFC1123_FORMAT, buf, sizeof buf));
    r = InternetTimeFromSystemTimeA(&st, INTERNET_RFC1123_FORMAT, buf, INTERNET_RFC1123_BUFSIZE);
    CHECK(r && !strcmp(buf, DATE), "r=%d %s", (int)r, r ? buf : "");

    /* The W size is in bytes: INTERNET_RFC1123_BUFSIZE characters need twice that. */
    FAILS_WITH(InternetTimeFromSystemTimeW(NULL, INTERNET_RFC1123_FORMAT, wbuf, sizeof wbuf),
               ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetTimeFromSystemTimeW(&st, INTERNET_RFC1123_FORMAT, NULL, sizeof wbuf),
               ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetTimeFromSystemTimeW(&st, INTERNET_RFC1123_FORMAT + 1, wbuf, sizeof wbuf),
               ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetTimeFromSystemTimeW(&st, INTERNET_RFC1123_FORMAT, wbuf,
                                           INTERNET_RFC1123_BUFSIZE),
               ERROR_INSUFFICIENT_BUFFER);
    r = InternetTimeFromSystemTimeW(&st, INTERNET_RFC1123_FORMAT, wbuf,
                                    INTERNET_RFC1123_BUFSIZE * sizeof(WCHAR));
    CHECK(r && wsame(wbuf, DATE), "r=%d", (int)r);
}

static void time_to(void)
{
    SYSTEMTIME st, want = { 2005, 1, 5, 7, 12, 6, 35, 0 };
    BOOL r;

    /* Wine fails these leaving the last error untouched; we say why. */
    FAILS_WITH_NOT_WINE(InternetTimeToSystemTimeA(NULL, &st, 0), ERROR_INVALID_PARAMETER);
    FAILS_WITH_NOT_WINE(InternetTimeToSystemTimeA(DATE, NULL, 0), ERROR_INVALID_PARAMETER);
    FAILS_WITH_NOT_WINE(InternetTimeToSystemTimeW(NULL, &st, 0), ERROR_INVALID_PARAMETER);
    FAILS_WITH_NOT_WINE(InternetTimeToSystemTimeW(wstr(DATE), NULL, 0), ERROR_INVALID_PARAMETER);

    SUCCEEDS(InternetTimeToSystemTimeW(wstr(DATE), &st, 0));
    /* What cannot be read is not an error. */
    SUCCEEDS(InternetTimeToSystemTimeA("not a date", &st, 0));
    memset(&st, 0xff, sizeof st);
    r = InternetTimeToSystemTimeA(DATE, &st, 0);
    CHECK(r && !memcmp(&st, &want, sizeof st), "r=%d %u-%u-%u", (int)r, st.wYear, st.wMonth,
          st.wDay);
    memset(&st, 0xff, sizeof st);
    r = InternetTimeToSystemTimeW(wstr(DATE), &st, 0);
    CHECK(r && !memcmp(&st, &want, sizeof st), "r=%d %u-%u-%u", (int)r, st.wYear, st.wMonth,
          st.wDay);
}

int main(void)
{
    crack_bad_args();
    crack_struct_size();
    crack_small_buffers();
    crack_lengths_and_pointers();
    crack_decode_and_empty();
    create_a();
    create_w();
    canonicalize();
    combine();
    time_from();
    time_to();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
