/* url_table: runs every row of a URL/time table through the WinINet URL and
 * time functions and prints what they return, one block per row.
 *
 * The same source is built twice: with x86_64-w64-mingw32-gcc against
 * Windows' wininet (run under wine: the reference), and with gcc against
 * OpenINet's include/wininet.h and libwininet.so. The test
 * crates/openinet-capi/tests/url_wine_diff.rs compares the two outputs.
 *
 * Table lines (fields separated by TAB; '#' starts a comment line):
 *   crack    FLAGS  URL
 *   canon    FLAGS  URL
 *   combine  FLAGS  BASE  RELATIVE
 *   create   FLAGS  SCHEME NSCHEME HOST PORT USER PASS PATH EXTRA
 *   totime   STRING
 *   fromtime YEAR MONTH DOW DAY HOUR MIN SEC BUFBYTES
 * FLAGS is a comma-separated list of hex values; the row runs once per value.
 * Strings take C escapes (\t \n \r \\ \xHH); a field of exactly \N is NULL.
 * Output is plain ASCII: bytes outside 0x20..0x7e print as \xHH, UTF-16
 * units above 0x7e as \uHHHH.
 */
#ifdef _WIN32
#include <windows.h>
#endif
#include <wininet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAXF 12
#define BIG 4096

static int row_no;

/* ---- string helpers ---------------------------------------------------- */

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes a table field in place; returns NULL for "\N". */
static char *unescape(char *s)
{
    char *r = s, *w = s;
    if (!strcmp(s, "\\N")) return NULL;
    while (*r) {
        if (*r == '\\' && r[1]) {
            r++;
            switch (*r) {
            case 't': *w++ = '\t'; r++; break;
            case 'n': *w++ = '\n'; r++; break;
            case 'r': *w++ = '\r'; r++; break;
            case 'x':
                if (hexval(r[1]) >= 0 && hexval(r[2]) >= 0) {
                    *w++ = (char)(hexval(r[1]) * 16 + hexval(r[2]));
                    r += 3;
                } else *w++ = *r++;
                break;
            default: *w++ = *r++; break;
            }
        } else *w++ = *r++;
    }
    *w = 0;
    return s;
}

static void put_a(const char *s, size_t n)
{
    size_t i;
    if (!s) { printf("NULL"); return; }
    putchar('[');
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != ']') putchar(c);
        else printf("\\x%02x", c);
    }
    putchar(']');
}

static size_t wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

static void put_w(const WCHAR *s, size_t n)
{
    size_t i;
    if (!s) { printf("NULL"); return; }
    putchar('[');
    for (i = 0; i < n; i++) {
        unsigned u = s[i];
        if (u >= 0x20 && u < 0x7f && u != '\\' && u != ']') putchar((int)u);
        else if (u < 0x80) printf("\\x%02x", u);
        else printf("\\u%04x", u);
    }
    putchar(']');
}

/* UTF-8 to UTF-16 (our own conversion, identical on both sides). */
static WCHAR *to_w(const char *s)
{
    size_t n = strlen(s), i = 0, o = 0;
    WCHAR *w;
    if (!s) return NULL;
    w = malloc((n + 1) * sizeof(WCHAR));
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        unsigned cp = c;
        int extra = 0;
        if (c >= 0xf0 && c < 0xf8) { cp = c & 7; extra = 3; }
        else if (c >= 0xe0) { cp = c & 15; extra = 2; }
        else if (c >= 0xc0) { cp = c & 31; extra = 1; }
        i++;
        while (extra-- > 0 && i < n) cp = (cp << 6) | ((unsigned char)s[i++] & 63);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            w[o++] = (WCHAR)(0xd800 + (cp >> 10));
            w[o++] = (WCHAR)(0xdc00 + (cp & 0x3ff));
        } else w[o++] = (WCHAR)cp;
    }
    w[o] = 0;
    return w;
}

static WCHAR *to_w_opt(const char *s) { return s ? to_w(s) : NULL; }

/* ---- crack ------------------------------------------------------------- */

#define CRACK_BUF 300

#define WIDE_TAG(b) (IS_WIDE ? "wp" : "ap")
#define IS_WIDE 0
static void crack_a(const char *url, DWORD flags, int with_buffers)
{
    URL_COMPONENTSA uc;
    char b[6][CRACK_BUF];
    BOOL r;
    if (!with_buffers && (flags & ICU_DECODE)) {
        /* ICU_DECODE is documented for caller buffers only; WinINet's
         * pointers then point into freed memory, so the row is not run. */
        printf("%d.%s skipped\n", row_no, WIDE_TAG(with_buffers));
        return;
    }
    memset(&uc, 0, sizeof uc);
    memset(b, 0x7f, sizeof b);
    uc.dwStructSize = sizeof uc;
    if (with_buffers) {
        uc.lpszScheme = b[0]; uc.dwSchemeLength = CRACK_BUF;
        uc.lpszHostName = b[1]; uc.dwHostNameLength = CRACK_BUF;
        uc.lpszUserName = b[2]; uc.dwUserNameLength = CRACK_BUF;
        uc.lpszPassword = b[3]; uc.dwPasswordLength = CRACK_BUF;
        uc.lpszUrlPath = b[4]; uc.dwUrlPathLength = CRACK_BUF;
        uc.lpszExtraInfo = b[5]; uc.dwExtraInfoLength = CRACK_BUF;
    } else {
        uc.dwSchemeLength = uc.dwHostNameLength = uc.dwUserNameLength = 1;
        uc.dwPasswordLength = uc.dwUrlPathLength = uc.dwExtraInfoLength = 1;
    }
    SetLastError(0xdeadbeef);
    r = InternetCrackUrlA(url, url ? (DWORD)strlen(url) : 0, flags, &uc);
    printf("%d.%s %s", row_no, with_buffers ? "a" : "ap", r ? "ok" : "fail");
    if (!r) {
        printf(" err=%lu\n", (unsigned long)GetLastError());
        return;
    }
    printf(" n=%d port=%u", (int)uc.nScheme, (unsigned)uc.nPort);
    {
        char *ptrs[6] = { uc.lpszScheme, uc.lpszHostName, uc.lpszUserName,
                          uc.lpszPassword, uc.lpszUrlPath, uc.lpszExtraInfo };
        DWORD lens[6] = { uc.dwSchemeLength, uc.dwHostNameLength, uc.dwUserNameLength,
                          uc.dwPasswordLength, uc.dwUrlPathLength, uc.dwExtraInfoLength };
        static const char *names[6] = { "scheme", "host", "user", "pass", "path", "extra" };
        int i;
        for (i = 0; i < 6; i++) {
            printf(" %s=", names[i]);
            if (with_buffers) {
                put_a(ptrs[i], strlen(ptrs[i]) < CRACK_BUF ? strlen(ptrs[i]) : CRACK_BUF);
                printf("/%lu", (unsigned long)lens[i]);
            } else if (!ptrs[i]) printf("NULL/%lu", (unsigned long)lens[i]);
            else {
                if (url && ptrs[i] >= url && ptrs[i] <= url + strlen(url))
                    printf("@%ld/%lu", (long)(ptrs[i] - url), (unsigned long)lens[i]);
                else printf("@ext/%lu", (unsigned long)lens[i]);
                put_a(ptrs[i], lens[i]);
            }
        }
    }
    printf("\n");
}

#undef IS_WIDE
#define IS_WIDE 1
static void crack_w(const char *url8, DWORD flags, int with_buffers)
{
    URL_COMPONENTSW uc;
    WCHAR b[6][CRACK_BUF];
    WCHAR *url = to_w_opt(url8);
    BOOL r;
    if (!with_buffers && (flags & ICU_DECODE)) {
        /* ICU_DECODE is documented for caller buffers only; WinINet's
         * pointers then point into freed memory, so the row is not run. */
        printf("%d.%s skipped\n", row_no, WIDE_TAG(with_buffers));
        return;
    }
    memset(&uc, 0, sizeof uc);
    memset(b, 0x7f, sizeof b);
    uc.dwStructSize = sizeof uc;
    if (with_buffers) {
        uc.lpszScheme = b[0]; uc.dwSchemeLength = CRACK_BUF;
        uc.lpszHostName = b[1]; uc.dwHostNameLength = CRACK_BUF;
        uc.lpszUserName = b[2]; uc.dwUserNameLength = CRACK_BUF;
        uc.lpszPassword = b[3]; uc.dwPasswordLength = CRACK_BUF;
        uc.lpszUrlPath = b[4]; uc.dwUrlPathLength = CRACK_BUF;
        uc.lpszExtraInfo = b[5]; uc.dwExtraInfoLength = CRACK_BUF;
    } else {
        uc.dwSchemeLength = uc.dwHostNameLength = uc.dwUserNameLength = 1;
        uc.dwPasswordLength = uc.dwUrlPathLength = uc.dwExtraInfoLength = 1;
    }
    SetLastError(0xdeadbeef);
    r = InternetCrackUrlW(url, url ? (DWORD)wlen(url) : 0, flags, &uc);
    printf("%d.%s %s", row_no, with_buffers ? "w" : "wp", r ? "ok" : "fail");
    if (!r) {
        printf(" err=%lu\n", (unsigned long)GetLastError());
        free(url);
        return;
    }
    printf(" n=%d port=%u", (int)uc.nScheme, (unsigned)uc.nPort);
    {
        WCHAR *ptrs[6] = { uc.lpszScheme, uc.lpszHostName, uc.lpszUserName,
                           uc.lpszPassword, uc.lpszUrlPath, uc.lpszExtraInfo };
        DWORD lens[6] = { uc.dwSchemeLength, uc.dwHostNameLength, uc.dwUserNameLength,
                          uc.dwPasswordLength, uc.dwUrlPathLength, uc.dwExtraInfoLength };
        static const char *names[6] = { "scheme", "host", "user", "pass", "path", "extra" };
        int i;
        for (i = 0; i < 6; i++) {
            printf(" %s=", names[i]);
            if (with_buffers) {
                size_t n = 0;
                while (n < CRACK_BUF && ptrs[i][n]) n++;
                put_w(ptrs[i], n);
                printf("/%lu", (unsigned long)lens[i]);
            } else if (!ptrs[i]) printf("NULL/%lu", (unsigned long)lens[i]);
            else {
                if (url && ptrs[i] >= url && ptrs[i] <= url + wlen(url))
                    printf("@%ld/%lu", (long)(ptrs[i] - url), (unsigned long)lens[i]);
                else printf("@ext/%lu", (unsigned long)lens[i]);
                put_w(ptrs[i], lens[i]);
            }
        }
    }
    printf("\n");
    free(url);
}

/* ---- canonicalize / combine ------------------------------------------- */

static void report_a(const char *tag, BOOL r, const char *buf, DWORD len, DWORD probe_r, DWORD probe_len, DWORD probe_err)
{
    printf("%d.%s ", row_no, tag);
    if (r) { printf("ok len=%lu ", (unsigned long)len); put_a(buf, strlen(buf)); }
    else printf("fail err=%lu len=%lu", (unsigned long)GetLastError(), (unsigned long)len);
    printf(" probe=%lu/%lu/%lu\n", (unsigned long)probe_r, (unsigned long)probe_err, (unsigned long)probe_len);
}

static void report_w(const char *tag, BOOL r, const WCHAR *buf, DWORD len, DWORD probe_r, DWORD probe_len, DWORD probe_err)
{
    printf("%d.%s ", row_no, tag);
    if (r) { printf("ok len=%lu ", (unsigned long)len); put_w(buf, wlen(buf)); }
    else printf("fail err=%lu len=%lu", (unsigned long)GetLastError(), (unsigned long)len);
    printf(" probe=%lu/%lu/%lu\n", (unsigned long)probe_r, (unsigned long)probe_err, (unsigned long)probe_len);
}

static void canon(const char *url, DWORD flags)
{
    static char buf[BIG], small[2];
    static WCHAR wbuf[BIG], wsmall[2];
    WCHAR *wurl = to_w_opt(url);
    DWORD len, plen, pr, perr;
    BOOL r;

    plen = 1; SetLastError(0xdeadbeef);
    pr = InternetCanonicalizeUrlA(url, small, &plen, flags); perr = GetLastError();
    len = BIG; SetLastError(0xdeadbeef);
    r = InternetCanonicalizeUrlA(url, buf, &len, flags);
    report_a("a", r, buf, len, pr, plen, perr);

    plen = 1; SetLastError(0xdeadbeef);
    pr = InternetCanonicalizeUrlW(wurl, wsmall, &plen, flags); perr = GetLastError();
    len = BIG; SetLastError(0xdeadbeef);
    r = InternetCanonicalizeUrlW(wurl, wbuf, &len, flags);
    report_w("w", r, wbuf, len, pr, plen, perr);
    free(wurl);
}

static void combine(const char *base, const char *rel, DWORD flags)
{
    static char buf[BIG], small[2];
    static WCHAR wbuf[BIG], wsmall[2];
    WCHAR *wbase = to_w_opt(base), *wrel = to_w_opt(rel);
    DWORD len, plen, pr, perr;
    BOOL r;

    plen = 1; SetLastError(0xdeadbeef);
    pr = InternetCombineUrlA(base, rel, small, &plen, flags); perr = GetLastError();
    len = BIG; SetLastError(0xdeadbeef);
    r = InternetCombineUrlA(base, rel, buf, &len, flags);
    report_a("a", r, buf, len, pr, plen, perr);

    plen = 1; SetLastError(0xdeadbeef);
    pr = InternetCombineUrlW(wbase, wrel, wsmall, &plen, flags); perr = GetLastError();
    len = BIG; SetLastError(0xdeadbeef);
    r = InternetCombineUrlW(wbase, wrel, wbuf, &len, flags);
    report_w("w", r, wbuf, len, pr, plen, perr);
    free(wbase); free(wrel);
}

/* ---- create ------------------------------------------------------------ */

static void create(char **f, DWORD flags)
{
    URL_COMPONENTSA uc;
    URL_COMPONENTSW wc;
    static char buf[BIG];
    static WCHAR wbuf[BIG];
    WCHAR *w[6];
    DWORD len, plen, pr, perr;
    BOOL r;
    int i;

    memset(&uc, 0, sizeof uc);
    uc.dwStructSize = sizeof uc;
    uc.lpszScheme = f[0];
    uc.nScheme = (INTERNET_SCHEME)atoi(f[1]);
    uc.lpszHostName = f[2];
    uc.nPort = (INTERNET_PORT)atoi(f[3]);
    uc.lpszUserName = f[4];
    uc.lpszPassword = f[5];
    uc.lpszUrlPath = f[6];
    uc.lpszExtraInfo = f[7];

    plen = 0; SetLastError(0xdeadbeef);
    pr = InternetCreateUrlA(&uc, flags, NULL, &plen); perr = GetLastError();
    len = BIG; SetLastError(0xdeadbeef);
    r = InternetCreateUrlA(&uc, flags, buf, &len);
    report_a("a", r, buf, len, pr, plen, perr);

    memset(&wc, 0, sizeof wc);
    wc.dwStructSize = sizeof wc;
    /* fields: 0 scheme, 2 host, 4 user, 5 pass, 6 path, 7 extra */
    w[0] = to_w_opt(f[0]); w[1] = to_w_opt(f[2]); w[2] = to_w_opt(f[4]);
    w[3] = to_w_opt(f[5]); w[4] = to_w_opt(f[6]); w[5] = to_w_opt(f[7]);
    wc.lpszScheme = w[0];
    wc.nScheme = uc.nScheme;
    wc.lpszHostName = w[1];
    wc.nPort = uc.nPort;
    wc.lpszUserName = w[2];
    wc.lpszPassword = w[3];
    wc.lpszUrlPath = w[4];
    wc.lpszExtraInfo = w[5];

    plen = 0; SetLastError(0xdeadbeef);
    pr = InternetCreateUrlW(&wc, flags, NULL, &plen); perr = GetLastError();
    len = BIG; SetLastError(0xdeadbeef);
    r = InternetCreateUrlW(&wc, flags, wbuf, &len);
    report_w("w", r, wbuf, len, pr, plen, perr);
    for (i = 0; i < 6; i++) free(w[i]);
}

/* ---- time -------------------------------------------------------------- */

static void now_utc(SYSTEMTIME *st)
{
#ifdef _WIN32
    GetSystemTime(st);
#else
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    memset(st, 0, sizeof *st);
    st->wYear = (WORD)(tm.tm_year + 1900);
    st->wMonth = (WORD)(tm.tm_mon + 1);
    st->wDayOfWeek = (WORD)tm.tm_wday;
    st->wDay = (WORD)tm.tm_mday;
    st->wHour = (WORD)tm.tm_hour;
    st->wMinute = (WORD)tm.tm_min;
    st->wSecond = (WORD)tm.tm_sec;
#endif
}

/* Prints a field, or '*' when it is the current time's (a field the string
 * did not set); fields that could be either are compared on the day only. */
static void put_field(const char *name, unsigned v, unsigned now)
{
    if (v == now) printf(" %s=*", name);
    else printf(" %s=%u", name, v);
}

static void totime(const char *s)
{
    SYSTEMTIME st, now;
    WCHAR *ws = to_w_opt(s);
    BOOL r;
    int pass;
    for (pass = 0; pass < 2; pass++) {
        memset(&st, 0, sizeof st);
        now_utc(&now);
        SetLastError(0xdeadbeef);
        r = pass ? InternetTimeToSystemTimeW(ws, &st, 0) : InternetTimeToSystemTimeA(s, &st, 0);
        printf("%d.%s %s", row_no, pass ? "w" : "a", r ? "ok" : "fail");
        if (r) {
            put_field("y", st.wYear, now.wYear);
            put_field("mo", st.wMonth, now.wMonth);
            put_field("dow", st.wDayOfWeek, now.wDayOfWeek);
            put_field("d", st.wDay, now.wDay);
            put_field("h", st.wHour, now.wHour);
            put_field("mi", st.wMinute, now.wMinute);
            if (st.wMilliseconds == 0) printf(" s=%u ms=0", st.wSecond);
            else printf(" s=* ms=*");
        }
        printf("\n");
    }
    free(ws);
}

static void fromtime(char **f)
{
    SYSTEMTIME st;
    char buf[100];
    WCHAR wbuf[100];
    DWORD size = (DWORD)atoi(f[7]);
    BOOL r;
    memset(&st, 0, sizeof st);
    st.wYear = (WORD)atoi(f[0]); st.wMonth = (WORD)atoi(f[1]);
    st.wDayOfWeek = (WORD)atoi(f[2]); st.wDay = (WORD)atoi(f[3]);
    st.wHour = (WORD)atoi(f[4]); st.wMinute = (WORD)atoi(f[5]);
    st.wSecond = (WORD)atoi(f[6]);
    memset(buf, 0, sizeof buf);
    SetLastError(0xdeadbeef);
    r = InternetTimeFromSystemTimeA(&st, INTERNET_RFC1123_FORMAT, buf, size);
    printf("%d.a %s", row_no, r ? "ok " : "fail");
    if (r) put_a(buf, strlen(buf)); else printf(" err=%lu", (unsigned long)GetLastError());
    printf("\n");
    memset(wbuf, 0, sizeof wbuf);
    SetLastError(0xdeadbeef);
    r = InternetTimeFromSystemTimeW(&st, INTERNET_RFC1123_FORMAT, wbuf, size * 2);
    printf("%d.w %s", row_no, r ? "ok " : "fail");
    if (r) put_w(wbuf, wlen(wbuf)); else printf(" err=%lu", (unsigned long)GetLastError());
    printf("\n");
}

/* ---- driver ------------------------------------------------------------ */

static int split(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        char *tab = strchr(p, '\t');
        f[n++] = p;
        if (!tab) break;
        *tab = 0;
        p = tab + 1;
    }
    return n;
}

int main(int argc, char **argv)
{
    static char line[BIG * 2];
    FILE *in;
    if (argc < 2 || !(in = fopen(argv[1], "rb"))) {
        fprintf(stderr, "usage: url_table TABLE\n");
        return 2;
    }
    while (fgets(line, sizeof line, in)) {
        char *f[MAXF], *kind, *flagset;
        int n, i;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        n = split(line, f, MAXF);
        kind = f[0];
        if (!strcmp(kind, "totime") && n >= 2) {
            row_no++;
            totime(unescape(f[1]));
            continue;
        }
        if (!strcmp(kind, "fromtime") && n >= 9) {
            row_no++;
            fromtime(f + 1);
            continue;
        }
        if (n < 3) { fprintf(stderr, "bad line: %s\n", line); continue; }
        for (i = 2; i < n; i++) f[i] = unescape(f[i]);
        flagset = f[1];
        while (flagset && *flagset) {
            DWORD flags = (DWORD)strtoul(flagset, &flagset, 16);
            row_no++;
            if (!strcmp(kind, "crack")) {
                crack_a(f[2], flags, 1);
                crack_a(f[2], flags, 0);
                crack_w(f[2], flags, 1);
                crack_w(f[2], flags, 0);
            } else if (!strcmp(kind, "canon")) canon(f[2], flags);
            else if (!strcmp(kind, "combine") && n >= 4) combine(f[2], f[3], flags);
            else if (!strcmp(kind, "create") && n >= 10) create(f + 2, flags);
            else fprintf(stderr, "bad line %d\n", row_no);
            if (*flagset == ',') flagset++;
            else break;
        }
        fflush(stdout);
    }
    fclose(in);
    return 0;
}
