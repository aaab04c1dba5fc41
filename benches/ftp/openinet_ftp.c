/*
 * openinet_ftp.c - the FTP benchmark client: one download
 * (FtpOpenFile + an InternetReadFile loop with a 256 KiB buffer, the bytes
 * discarded) or one upload (FtpPutFile of a local file), in sync mode, as
 * FTP code is usually written.
 *
 *     openinet_ftp get PORT REMOTE           prints: result bytes=N secs=S
 *     openinet_ftp put PORT LOCAL REMOTE
 */
#include <wininet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    HINTERNET s, c, f;
    static char buf[256 * 1024];
    unsigned long long total = 0;
    DWORD n;
    double t0;

    if (argc < 4) {
        fprintf(stderr, "usage: openinet_ftp get PORT REMOTE | put PORT LOCAL REMOTE\n");
        return 2;
    }
    t0 = now();
    s = InternetOpenA("bench", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    c = InternetConnectA(s, "127.0.0.1", (INTERNET_PORT)atoi(argv[2]), NULL, NULL,
                         INTERNET_SERVICE_FTP, INTERNET_FLAG_PASSIVE, 0);
    if (!c) {
        printf("result error=%lu\n", (unsigned long)GetLastError());
        return 1;
    }
    if (strcmp(argv[1], "get") == 0) {
        f = FtpOpenFileA(c, argv[3], GENERIC_READ, FTP_TRANSFER_TYPE_BINARY, 0);
        if (!f) {
            printf("result error=%lu\n", (unsigned long)GetLastError());
            return 1;
        }
        for (;;) {
            if (!InternetReadFile(f, buf, sizeof buf, &n)) {
                printf("result error=%lu\n", (unsigned long)GetLastError());
                return 1;
            }
            if (n == 0)
                break;
            total += n;
        }
        InternetCloseHandle(f);
    } else {
        FILE *fp;
        if (argc < 5 || !FtpPutFileA(c, argv[3], argv[4], FTP_TRANSFER_TYPE_BINARY, 0)) {
            printf("result error=%lu\n", (unsigned long)GetLastError());
            return 1;
        }
        fp = fopen(argv[3], "rb");
        if (fp) {
            fseek(fp, 0, SEEK_END);
            total = (unsigned long long)ftell(fp);
            fclose(fp);
        }
    }
    InternetCloseHandle(c);
    InternetCloseHandle(s);
    printf("result bytes=%llu secs=%.3f\n", total, now() - t0);
    return 0;
}
