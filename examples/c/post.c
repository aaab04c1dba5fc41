/*
 * post: send DATA to a URL with POST and print the response body.
 *
 *     post URL DATA [CONTENT-TYPE]
 *
 * The classic WinINet sequence: InternetCrackUrl splits the URL,
 * InternetConnect names the server, HttpOpenRequest makes the POST and
 * HttpSendRequest sends the headers and the body in one call; then
 * HttpQueryInfo reads the status and InternetReadFile the response.
 * Exit status 0 for a 2xx answer, 1 otherwise, 2 on bad usage.
 */
#include <windows.h>
#include <wininet.h>
#include <stdio.h>
#include <string.h>

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
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s URL DATA [CONTENT-TYPE]\n", argv[0]);
        return 2;
    }
    const char *type = argc == 4 ? argv[3] : "application/x-www-form-urlencoded";

    char host[256], path[2048];
    URL_COMPONENTSA parts;
    memset(&parts, 0, sizeof parts);
    parts.dwStructSize = sizeof parts;
    parts.lpszHostName = host;
    parts.dwHostNameLength = sizeof host;
    parts.lpszUrlPath = path;
    parts.dwUrlPathLength = sizeof path;
    if (!InternetCrackUrlA(argv[1], 0, 0, &parts)) {
        fail("InternetCrackUrl");
        return 2;
    }
    DWORD flags = INTERNET_FLAG_RELOAD | INTERNET_FLAG_NO_CACHE_WRITE;
    if (parts.nScheme == INTERNET_SCHEME_HTTPS)
        flags |= INTERNET_FLAG_SECURE;

    int rc = 1;
    HINTERNET session = InternetOpenA("post/1.0", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    HINTERNET connection = NULL, request = NULL;
    if (!session) {
        fail("InternetOpen");
        goto done;
    }
    connection = InternetConnectA(session, host, parts.nPort, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 0);
    if (!connection) {
        fail("InternetConnect");
        goto done;
    }
    const char *accept[] = {"*/*", NULL};
    request = HttpOpenRequestA(connection, "POST", path[0] ? path : "/", NULL, NULL, accept, flags, 0);
    if (!request) {
        fail("HttpOpenRequest");
        goto done;
    }
    char headers[300];
    snprintf(headers, sizeof headers, "Content-Type: %s\r\n", type);
    if (!HttpSendRequestA(request, headers, (DWORD)-1L, argv[2], (DWORD)strlen(argv[2]))) {
        fail("HttpSendRequest");
        goto done;
    }

    DWORD status = 0, len = sizeof status;
    if (!HttpQueryInfoA(request, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &status, &len, NULL)) {
        fail("HttpQueryInfo");
        goto done;
    }
    fprintf(stderr, "HTTP status %lu\n", (unsigned long)status);

    char buf[8192];
    for (;;) {
        DWORD got = 0;
        if (!InternetReadFile(request, buf, sizeof buf, &got)) {
            fail("InternetReadFile");
            goto done;
        }
        if (got == 0)
            break;
        fwrite(buf, 1, got, stdout);
    }
    rc = status >= 200 && status < 300 ? 0 : 1;

done:
    if (request)
        InternetCloseHandle(request);
    if (connection)
        InternetCloseHandle(connection);
    if (session)
        InternetCloseHandle(session);
    return rc;
}
