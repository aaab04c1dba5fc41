/*
 * curl_multi.c - benchmark client on libcurl's multi interface: K easy
 * handles (each its own keep-alive connection, HTTP/1.1) driven by one
 * thread with curl_multi_poll; a finished handle is re-added for the next
 * request until N were made. The body goes to a write callback that counts
 * it, as a program streaming to its own sink would.
 */
#include "bench.h"
#include <curl/curl.h>

struct lane {
    CURL *easy;
    long long body;
};

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    (void)ptr;
    struct lane *l = userdata;
    l->body += (long long)(size * nmemb);
    return size * nmemb;
}

int main(int argc, char **argv)
{
    struct bench_args a = bench_parse(argc, argv);
    char error[256] = "";
    long ok = 0, failed = 0, issued = 0;
    long long bytes = 0;

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, a.k);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, a.k);

    struct lane *lanes = calloc((size_t)a.k, sizeof *lanes);
    for (long i = 0; i < a.k; i++) {
        CURL *e = curl_easy_init();
        lanes[i].easy = e;
        curl_easy_setopt(e, CURLOPT_URL, a.url);
        /* BENCH_PROXY=host:port: through that proxy (the bench's squid). */
        if (getenv("BENCH_PROXY"))
            curl_easy_setopt(e, CURLOPT_PROXY, getenv("BENCH_PROXY"));
        curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(e, CURLOPT_WRITEDATA, &lanes[i]);
        curl_easy_setopt(e, CURLOPT_PRIVATE, &lanes[i]);
        curl_easy_setopt(e, CURLOPT_BUFFERSIZE, a.bufsize);
        if (a.cafile)
            curl_easy_setopt(e, CURLOPT_CAINFO, a.cafile);
    }

    double t0 = bench_now();
    for (long i = 0; i < a.k; i++) {
        curl_multi_add_handle(multi, lanes[i].easy);
        issued++;
    }
    int running = 1;
    while (running) {
        CURLMcode mc = curl_multi_perform(multi, &running);
        if (mc != CURLM_OK) {
            snprintf(error, sizeof error, "curl_multi_perform:%d", (int)mc);
            break;
        }
        CURLMsg *msg;
        int left;
        while ((msg = curl_multi_info_read(multi, &left))) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            CURL *e = msg->easy_handle;
            struct lane *l;
            long code = 0;
            curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&l);
            curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
            if (msg->data.result != CURLE_OK) {
                failed++;
                if (!error[0])
                    snprintf(error, sizeof error, "curl:%d", (int)msg->data.result);
            } else if (code != 200) {
                failed++;
                if (!error[0])
                    snprintf(error, sizeof error, "status:%ld", code);
            } else if (l->body != a.size) {
                failed++;
                if (!error[0])
                    snprintf(error, sizeof error, "short-body:%lld", l->body);
            } else {
                ok++;
            }
            bytes += l->body;
            l->body = 0;
            curl_multi_remove_handle(multi, e);
            if (issued < a.n) {
                issued++;
                curl_multi_add_handle(multi, e);
                running = 1;
            }
        }
        if (running)
            curl_multi_poll(multi, NULL, 0, 1000, NULL);
    }
    double secs = bench_now() - t0;

    for (long i = 0; i < a.k; i++)
        curl_easy_cleanup(lanes[i].easy);
    curl_multi_cleanup(multi);
    curl_global_cleanup();
    return bench_report(ok, a.n - ok, bytes, secs, error);
}
