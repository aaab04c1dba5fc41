/* cookie_params: the cookie exports' buffer, size and error rules, each
 * check with the result and last error WinINet gives.
 *
 * Built by crates/openinet-capi/tests/cookies_c.rs with gcc against
 * OpenINet's include/wininet.h and libwininet.so (every check must pass),
 * and, when wine and x86_64-w64-mingw32-gcc are present, against Windows'
 * wininet under wine, which shows the expectations are WinINet's. A check
 * inside NOT_UNDER_WINE(...) is left out of the wine build, each with its
 * reason: a Wine stub, or a rule Wine's own tests mark todo_wine.
 *
 * Modes (argv[1]):
 *   (none)          the single-process checks
 *   persist-write   stores a persistent and a session cookie
 *   persist-read    run after persist-write in a new process: only the
 *                   persistent one is there; then deletes it
 *   empty           the store has no cookie for the test host, and works
 *
 * Output: one line per failed check, then "N passed, N failed".
 */
#include "../checks.h"

/* A BOOL call that must succeed. OpenINet leaves the last error
 * untouched; Wine leaves what its cache lookups set (ERROR_FILE_NOT_FOUND),
 * so the wine build checks the result only. */
#ifdef _WIN32
#define UNTOUCHED(e) 1
#else
#define UNTOUCHED(e) ((e) == 0xdeadbeef)
#endif
#define SUCCEEDS(call)                                                       \
    do {                                                                     \
        BOOL r_;                                                             \
        SetLastError(0xdeadbeef);                                            \
        r_ = (call);                                                         \
        CHECK(r_ && UNTOUCHED(GetLastError()), "%s: r=%d err=%lu", #call,    \
              (int)r_, (unsigned long)GetLastError());                       \
    } while (0)

/* Mingw's wininet.h lacks the winineti.h functions: look them up. */
#ifdef _WIN32
static BOOL (WINAPI *pIsDomainLegalCookieDomainW)(LPCWSTR, LPCWSTR);
static BOOL (WINAPI *pDeleteWpadCacheForNetworks)(DWORD);
#ifndef WPAD_CACHE_DELETE_CURRENT
#define WPAD_CACHE_DELETE_CURRENT 0
#define WPAD_CACHE_DELETE_ALL 1
#endif
static void load_internal(void)
{
    HMODULE m = GetModuleHandleA("wininet.dll");
    pIsDomainLegalCookieDomainW = (void *)GetProcAddress(m, (LPCSTR)117);
    pDeleteWpadCacheForNetworks = (void *)GetProcAddress(m, "DeleteWpadCacheForNetworks");
}
#else
static BOOL (*pIsDomainLegalCookieDomainW)(LPCWSTR, LPCWSTR);
static BOOL (*pDeleteWpadCacheForNetworks)(WPAD_CACHE_DELETE);
static void load_internal(void)
{
    pIsDomainLegalCookieDomainW = IsDomainLegalCookieDomainW;
    pDeleteWpadCacheForNetworks = DeleteWpadCacheForNetworks;
}
#endif

#define PAST "; expires=Thu, 01 Jan 1970 00:00:01 GMT"
#define FUTURE "; expires=Fri, 01 Jan 2038 00:00:00 GMT"

/* Deletes cookie `name` of `url` (a past expiry removes it). */
static void forget(const char *url, const char *name)
{
    char data[128];
    snprintf(data, sizeof data, "%s=x" PAST, name);
    InternetSetCookieA(url, NULL, data);
}

static void no_cookie_and_bad_arguments(void)
{
    const char *url = "http://none.cookie-params.test/";
    char buf[64];
    WCHAR wbuf[64];
    DWORD size;

    size = sizeof buf;
    FAILS_WITH(InternetGetCookieA(url, NULL, buf, &size), ERROR_NO_MORE_ITEMS);
    CHECK(size == 0, "size %lu", (unsigned long)size);
    size = 77;
    FAILS_WITH(InternetGetCookieA(url, NULL, NULL, &size), ERROR_NO_MORE_ITEMS);
    CHECK(size == 0, "size %lu", (unsigned long)size);
    size = 64;
    FAILS_WITH(InternetGetCookieW(L"http://none.cookie-params.test/", NULL, wbuf, &size),
               ERROR_NO_MORE_ITEMS);
    size = sizeof buf;
    FAILS_WITH(InternetGetCookieExA(url, NULL, buf, &size, INTERNET_COOKIE_HTTPONLY, NULL),
               ERROR_NO_MORE_ITEMS);

    /* NULL URL, NULL data, a URL without a host. */
    size = sizeof buf;
    FAILS_WITH(InternetGetCookieA(NULL, NULL, buf, &size), ERROR_INVALID_PARAMETER);
    size = 64;
    FAILS_WITH(InternetGetCookieExW(NULL, NULL, wbuf, &size, 0, NULL), ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetSetCookieA(NULL, NULL, "a=b"), ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetSetCookieW(L"http://a.b.c/", NULL, NULL), ERROR_INVALID_PARAMETER);
    FAILS_WITH(InternetSetCookieA(url, "name", NULL), ERROR_INVALID_PARAMETER);
    SetLastError(0xdeadbeef);
    CHECK(InternetSetCookieExA(NULL, NULL, "a=b", 0, 0) == COOKIE_STATE_UNKNOWN &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "err %lu", (unsigned long)GetLastError());
    size = sizeof buf;
    FAILS_WITH(InternetGetCookieA("about:blank", NULL, buf, &size), ERROR_INVALID_PARAMETER);
    size = 64;
    FAILS_WITH(InternetGetCookieExW(L"about:blank", NULL, wbuf, &size, 0, NULL),
               ERROR_INVALID_PARAMETER);
    CHECK(!InternetSetCookieA("http://", "a", "b"), "empty host accepted");

    /* A URL that does not crack: the cracker's error. (Wine's Get answers
     * ERROR_INVALID_PARAMETER; its tests mark that todo_wine.) */
    FAILS_WITH(InternetSetCookieA("server", NULL, "a=b"), ERROR_INTERNET_UNRECOGNIZED_SCHEME);
    size = sizeof buf;
    NOT_UNDER_WINE(FAILS_WITH(InternetGetCookieA("server", NULL, buf, &size),
                              ERROR_INTERNET_UNRECOGNIZED_SCHEME));

    /* A NULL size pointer (Wine dereferences it). */
    NOT_UNDER_WINE(FAILS_WITH(InternetGetCookieA(url, NULL, buf, NULL), ERROR_INVALID_PARAMETER));
}

static void buffer_rules_a(void)
{
    const char *url = "http://buf.cookie-params.test/dir/page";
    char buf[64];
    DWORD size;

    SUCCEEDS(InternetSetCookieA(url, NULL, "a=b"));

    /* NULL buffer: TRUE and the size, NUL counted, in bytes. */
    size = 0;
    SUCCEEDS(InternetGetCookieA(url, NULL, NULL, &size));
    CHECK(size == 4, "size %lu", (unsigned long)size);

    /* One byte short: the size, nothing written. */
    size = 3;
    memset(buf, 'X', sizeof buf);
    FAILS_WITH(InternetGetCookieA(url, NULL, buf, &size), ERROR_INSUFFICIENT_BUFFER);
    CHECK(size == 4, "size %lu", (unsigned long)size);
    CHECK(buf[0] == 'X', "buffer written");

    /* Exactly enough: the text, and the size with its NUL. */
    size = 4;
    SUCCEEDS(InternetGetCookieA(url, NULL, buf, &size));
    CHECK(size == 4 && !strcmp(buf, "a=b"), "size %lu buf '%s'", (unsigned long)size, buf);

    /* The name argument selects nothing: every cookie comes back. */
    SUCCEEDS(InternetSetCookieA(url, "n", "v"));
    size = sizeof buf;
    SUCCEEDS(InternetGetCookieA(url, "zzz", buf, &size));
    CHECK(size == 9 && !strcmp(buf, "a=b; n=v"), "size %lu buf '%s'", (unsigned long)size, buf);

    /* A value-less cookie is written as its bare name; a replaced one moves. */
    SUCCEEDS(InternetSetCookieA(url, NULL, "bare"));
    SUCCEEDS(InternetSetCookieA(url, NULL, "a=c"));
    size = sizeof buf;
    SUCCEEDS(InternetGetCookieA(url, NULL, buf, &size));
    CHECK(!strcmp(buf, "n=v; bare; a=c"), "buf '%s'", buf);

    forget(url, "a");
    forget(url, "n");
    forget(url, "bare");
    size = sizeof buf;
    FAILS_WITH(InternetGetCookieA(url, NULL, buf, &size), ERROR_NO_MORE_ITEMS);
}

static void buffer_rules_w(void)
{
    const WCHAR *url = L"http://wbuf.cookie-params.test/";
    WCHAR buf[64];
    DWORD size;

    SUCCEEDS(InternetSetCookieW(url, L"a", L"b"));

    /* NULL or short buffer: the size in bytes. */
    size = 0;
    SUCCEEDS(InternetGetCookieW(url, NULL, NULL, &size));
    CHECK(size == 8, "size %lu", (unsigned long)size);
    size = 3;
    buf[0] = 'X';
    FAILS_WITH(InternetGetCookieW(url, NULL, buf, &size), ERROR_INSUFFICIENT_BUFFER);
    CHECK(size == 8, "size %lu", (unsigned long)size);
    CHECK(buf[0] == 'X', "buffer written");

    /* Success: the size in characters, NUL counted. */
    size = 4;
    SUCCEEDS(InternetGetCookieW(url, NULL, buf, &size));
    CHECK(size == 4 && !memcmp(buf, L"a=b", 4 * sizeof(WCHAR)), "size %lu", (unsigned long)size);
    size = 64;
    SUCCEEDS(InternetGetCookieExW(url, NULL, buf, &size, 0, NULL));
    CHECK(size == 4, "size %lu", (unsigned long)size);

    SUCCEEDS(InternetSetCookieExW(url, NULL, L"a=x" PAST, 0, 0) == COOKIE_STATE_ACCEPT);
    size = 64;
    FAILS_WITH(InternetGetCookieW(url, NULL, buf, &size), ERROR_NO_MORE_ITEMS);
}

static void http_only(void)
{
    const char *url = "http://httponly.cookie-params.test/";
    char buf[64];
    DWORD size, state;

    SetLastError(0xdeadbeef);
    state = InternetSetCookieExA(url, NULL, "h=1; httponly", 0, 0);
    CHECK(state == COOKIE_STATE_REJECT && GetLastError() == ERROR_INVALID_OPERATION,
          "state %lu err %lu", (unsigned long)state, (unsigned long)GetLastError());
    FAILS_WITH(InternetSetCookieA(url, NULL, "h=1; HttpOnly"), ERROR_INVALID_OPERATION);

    SetLastError(0xdeadbeef);
    state = InternetSetCookieExA(url, NULL, "h=1; httponly", INTERNET_COOKIE_HTTPONLY, 0);
    CHECK(state == COOKIE_STATE_ACCEPT && UNTOUCHED(GetLastError()), "state %lu err %lu",
          (unsigned long)state, (unsigned long)GetLastError());

    /* Hidden without the flag, shown with it. */
    size = sizeof buf;
    FAILS_WITH(InternetGetCookieA(url, NULL, buf, &size), ERROR_NO_MORE_ITEMS);
    size = sizeof buf;
    SUCCEEDS(InternetGetCookieExA(url, NULL, buf, &size, INTERNET_COOKIE_HTTPONLY, NULL));
    CHECK(!strcmp(buf, "h=1"), "buf '%s'", buf);

    /* Not replaced without the flag, replaced with it. */
    FAILS_WITH(InternetSetCookieA(url, NULL, "h=2"), ERROR_INVALID_OPERATION);
    state = InternetSetCookieExA(url, NULL, "h=3", INTERNET_COOKIE_HTTPONLY, 0);
    CHECK(state == COOKIE_STATE_ACCEPT, "state %lu", (unsigned long)state);
    size = sizeof buf;
    SUCCEEDS(InternetGetCookieA(url, NULL, buf, &size));
    CHECK(!strcmp(buf, "h=3"), "buf '%s'", buf);
    forget(url, "h");
}

static void domains_and_paths(void)
{
    const char *url = "http://www.dom.cookie-params.test/a/page";
    char buf[128];
    DWORD size, state;

    /* A domain the host does not belong to. */
    FAILS_WITH(InternetSetCookieA(url, NULL, "d=1; domain=other.test"), ERROR_INVALID_PARAMETER);
    SetLastError(0xdeadbeef);
    state = InternetSetCookieExA(url, NULL, "d=1; domain=other.test", 0, 0);
    CHECK(state == COOKIE_STATE_UNKNOWN && GetLastError() == ERROR_INVALID_PARAMETER,
          "state %lu err %lu", (unsigned long)state, (unsigned long)GetLastError());
    /* A public suffix (Wine accepts it; its tests mark that todo_wine). */
    NOT_UNDER_WINE(FAILS_WITH(InternetSetCookieA("http://www.example.co.uk/", NULL, "d=1; domain=co.uk"),
                              ERROR_INVALID_PARAMETER));

    /* A parent domain reaches its subdomains; the default path is the
     * directory of the URL, and paths match as prefixes of directories. */
    SUCCEEDS(InternetSetCookieA(url, NULL, "d=1; domain=.dom.cookie-params.test; path=/"));
    SUCCEEDS(InternetSetCookieA(url, NULL, "p=1"));
    SUCCEEDS(InternetSetCookieA(url, NULL, "q=1; path=/ab"));
    size = sizeof buf;
    SUCCEEDS(InternetGetCookieA("http://x.dom.cookie-params.test/", NULL, buf, &size));
    CHECK(!strcmp(buf, "d=1"), "buf '%s'", buf);
    size = sizeof buf;
    SUCCEEDS(InternetGetCookieA("http://www.dom.cookie-params.test/a/other", NULL, buf, &size));
    CHECK(strstr(buf, "p=1") && strstr(buf, "d=1") && !strstr(buf, "q=1"), "buf '%s'", buf);
    size = sizeof buf;
    SUCCEEDS(InternetGetCookieA("http://www.dom.cookie-params.test/abc/", NULL, buf, &size));
    CHECK(strstr(buf, "q=1") && !strstr(buf, "p=1"), "buf '%s'", buf);
    size = sizeof buf;
    FAILS_WITH(InternetGetCookieA("http://dom2.cookie-params.test/", NULL, buf, &size),
               ERROR_NO_MORE_ITEMS);

    SUCCEEDS(InternetSetCookieA(url, NULL, "d=1; domain=dom.cookie-params.test; path=/" PAST));
    forget(url, "p");
    SUCCEEDS(InternetSetCookieA(url, NULL, "q=1; path=/ab" PAST));
    size = sizeof buf;
    FAILS_WITH(InternetGetCookieA(url, NULL, buf, &size), ERROR_NO_MORE_ITEMS);
}

/* Wine ignores Secure; Windows sends a secure cookie over https only. */
static void secure_cookies(void)
{
    char buf[64];
    DWORD size;

    SUCCEEDS(InternetSetCookieA("https://sec.cookie-params.test/", NULL, "s=1; secure"));
    size = sizeof buf;
    FAILS_WITH(InternetGetCookieA("http://sec.cookie-params.test/", NULL, buf, &size),
               ERROR_NO_MORE_ITEMS);
    size = sizeof buf;
    SUCCEEDS(InternetGetCookieA("https://sec.cookie-params.test/", NULL, buf, &size));
    CHECK(!strcmp(buf, "s=1"), "buf '%s'", buf);
    forget("https://sec.cookie-params.test/", "s");
}

static void domain_legality(void)
{
    if (!pIsDomainLegalCookieDomainW) {
        CHECK(0, "IsDomainLegalCookieDomainW missing");
        return;
    }
    FAILS_WITH(pIsDomainLegalCookieDomainW(NULL, L"gmail.com"), ERROR_INVALID_PARAMETER);
    SUCCEEDS(pIsDomainLegalCookieDomainW(L"gmail.com", L"www.gmail.com"));
    SUCCEEDS(pIsDomainLegalCookieDomainW(L"gmail.com", L"gmail.com"));
    CHECK(!pIsDomainLegalCookieDomainW(L"com", L"gmail.com"), "com");
    CHECK(!pIsDomainLegalCookieDomainW(L".gmail.com", L"mail.gmail.com"), "leading dot");
    CHECK(!pIsDomainLegalCookieDomainW(L"mail.gmail.com", L"gmail.com"), "longer domain");
    FAILS_WITH(pIsDomainLegalCookieDomainW(L"other.com", L"www.gmail.com"), ERROR_INVALID_PARAMETER);
    NOT_UNDER_WINE(CHECK(!pIsDomainLegalCookieDomainW(L"co.uk", L"gmail.co.uk"), "public suffix"));
}

static void wpad_and_privacy(void)
{
    DWORD template_, r, len;
    WCHAR buf[64];
    (void)len;
    (void)buf;

    /* Nothing is ever cached, so deleting succeeds (Wine's is a stub that fails). */
    CHECK(pDeleteWpadCacheForNetworks != NULL, "DeleteWpadCacheForNetworks missing");
    NOT_UNDER_WINE(SUCCEEDS(pDeleteWpadCacheForNetworks(WPAD_CACHE_DELETE_CURRENT)));
    NOT_UNDER_WINE(SUCCEEDS(pDeleteWpadCacheForNetworks(WPAD_CACHE_DELETE_ALL)));
    NOT_UNDER_WINE(FAILS_WITH(pDeleteWpadCacheForNetworks(7), ERROR_INVALID_PARAMETER));

    /* Privacy templates: returned codes, not the last error. */
    CHECK(PrivacyGetZonePreferenceW(3, PRIVACY_TYPE_FIRST_PARTY, NULL, NULL, NULL) == 0, "NULLs");
    template_ = 77;
    r = PrivacyGetZonePreferenceW(3, PRIVACY_TYPE_FIRST_PARTY, &template_, NULL, NULL);
    CHECK(r == 0 && template_ == PRIVACY_TEMPLATE_MEDIUM, "r %lu template %lu", (unsigned long)r,
          (unsigned long)template_);
    CHECK(PrivacySetZonePreferenceW(3, PRIVACY_TYPE_FIRST_PARTY, PRIVACY_TEMPLATE_LOW, NULL) == 0,
          "set low");
    r = PrivacyGetZonePreferenceW(3, PRIVACY_TYPE_FIRST_PARTY, &template_, NULL, NULL);
    CHECK(r == 0 && template_ == PRIVACY_TEMPLATE_LOW, "template %lu", (unsigned long)template_);
    /* Out-of-range arguments (Wine's stubs accept anything). */
    NOT_UNDER_WINE(CHECK(PrivacySetZonePreferenceW(3, 0, 6, NULL) == ERROR_INVALID_PARAMETER, "tmpl 6"));
    NOT_UNDER_WINE(CHECK(PrivacySetZonePreferenceW(3, 2, 1, NULL) == ERROR_INVALID_PARAMETER, "type 2"));
    NOT_UNDER_WINE(CHECK(PrivacyGetZonePreferenceW(9, 0, &template_, NULL, NULL) == ERROR_INVALID_PARAMETER,
                         "zone 9"));
    /* The custom string, with ERROR_MORE_DATA for a short buffer. */
    NOT_UNDER_WINE({
        CHECK(PrivacySetZonePreferenceW(3, 0, PRIVACY_TEMPLATE_CUSTOM, L"IE6-P3PSettings/V1: /=a/") == 0,
              "custom");
        len = 4;
        r = PrivacyGetZonePreferenceW(3, 0, &template_, buf, &len);
        CHECK(r == ERROR_MORE_DATA && len == 25 && template_ == PRIVACY_TEMPLATE_CUSTOM, "r %lu len %lu",
              (unsigned long)r, (unsigned long)len);
        len = 64;
        r = PrivacyGetZonePreferenceW(3, 0, &template_, buf, &len);
        CHECK(r == 0 && len == 24 && !memcmp(buf, L"IE6-P3PSettings/V1: /=a/", 25 * sizeof(WCHAR)),
              "r %lu len %lu", (unsigned long)r, (unsigned long)len);
    });
    CHECK(PrivacySetZonePreferenceW(3, 0, PRIVACY_TEMPLATE_MEDIUM, NULL) == 0, "restore");
}

/* INTERNET_OPTION_END_BROWSER_SESSION forgets session cookies only. */
static void end_browser_session(void)
{
    const char *url = "http://end.cookie-params.test/";
    char buf[64];
    DWORD size;

    SUCCEEDS(InternetSetCookieA(url, NULL, "s=1"));
    SUCCEEDS(InternetSetCookieA(url, NULL, "p=1" FUTURE));
    CHECK(InternetSetOptionA(NULL, INTERNET_OPTION_END_BROWSER_SESSION, NULL, 0), "err %lu",
          (unsigned long)GetLastError());
    size = sizeof buf;
    SUCCEEDS(InternetGetCookieA(url, NULL, buf, &size));
    CHECK(!strcmp(buf, "p=1"), "buf '%s'", buf);
    forget(url, "p");
}

static const char *persist_url = "http://persist.cookie-params.test/";

static void persist_write(void)
{
    SUCCEEDS(InternetSetCookieA(persist_url, NULL, "p=1" FUTURE));
    SUCCEEDS(InternetSetCookieA(persist_url, NULL, "s=1"));
}

static void persist_read(void)
{
    char buf[64];
    DWORD size = sizeof buf;
    SUCCEEDS(InternetGetCookieA(persist_url, NULL, buf, &size));
    CHECK(!strcmp(buf, "p=1"), "buf '%s'", buf);
    forget(persist_url, "p");
    size = sizeof buf;
    FAILS_WITH(InternetGetCookieA(persist_url, NULL, buf, &size), ERROR_NO_MORE_ITEMS);
}

static void store_is_empty_and_works(void)
{
    char buf[64];
    DWORD size = sizeof buf;
    FAILS_WITH(InternetGetCookieA(persist_url, NULL, buf, &size), ERROR_NO_MORE_ITEMS);
    SUCCEEDS(InternetSetCookieA(persist_url, NULL, "p=2" FUTURE));
    size = sizeof buf;
    SUCCEEDS(InternetGetCookieA(persist_url, NULL, buf, &size));
    CHECK(!strcmp(buf, "p=2"), "buf '%s'", buf);
    forget(persist_url, "p");
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    load_internal();
    if (!strcmp(mode, "persist-write"))
        persist_write();
    else if (!strcmp(mode, "persist-read"))
        persist_read();
    else if (!strcmp(mode, "empty"))
        store_is_empty_and_works();
    else {
        no_cookie_and_bad_arguments();
        buffer_rules_a();
        buffer_rules_w();
        http_only();
        domains_and_paths();
        NOT_UNDER_WINE(secure_cookies());
        domain_legality();
        wpad_and_privacy();
        end_browser_session();
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
