/*
 * raw.c - the ceiling: the least a client can do to receive the same
 * responses. K non-blocking keep-alive sockets on one epoll, one shared read
 * buffer reused for every read, a response head found by its blank line and
 * its Content-Length, the body counted and dropped. http only.
 */
#define _GNU_SOURCE /* memmem */
#include "bench.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn {
    int fd;
    char head[4096];
    size_t head_len;
    int in_body;
    long long left;
    int status;
};

static char request[1200];
static size_t request_len;

static int send_request(struct conn *c)
{
    c->head_len = 0;
    c->in_body = 0;
    ssize_t w = write(c->fd, request, request_len);
    return w == (ssize_t)request_len ? 0 : -1;
}

/* Parses a complete head in c->head[0..end): status and Content-Length. */
static int parse_head(struct conn *c, size_t end)
{
    c->status = 0;
    c->left = -1;
    if (end < 12 || memcmp(c->head, "HTTP/1.", 7) != 0)
        return -1;
    c->status = atoi(c->head + 9);
    const char *p = c->head;
    const char *limit = c->head + end;
    while (p < limit) {
        const char *eol = memchr(p, '\n', (size_t)(limit - p));
        if (!eol)
            break;
        if ((size_t)(eol - p) > 15 && strncasecmp(p, "Content-Length:", 15) == 0)
            c->left = atoll(p + 15);
        p = eol + 1;
    }
    return c->left < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
    struct bench_args a = bench_parse(argc, argv);
    char host[256] = "", path[1024] = "/";
    int port = 80;
    if (sscanf(a.url, "http://%255[^:/]:%d%1023s", host, &port, path) < 2)
        return bench_report(0, a.n, 0, 0, "url");
    request_len = (size_t)snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: %s:%d\r\n\r\n", path, host, port);

    char *buf = malloc((size_t)a.bufsize);
    struct conn *conns = calloc((size_t)a.k, sizeof *conns);
    int ep = epoll_create1(0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((unsigned short)port);
    inet_pton(AF_INET, host, &sa.sin_addr);

    long ok = 0, failed = 0, issued = 0, open_conns = 0;
    long long bytes = 0;
    char error[256] = "";
    double t0 = bench_now();
    for (long i = 0; i < a.k; i++) {
        struct conn *c = &conns[i];
        c->fd = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(c->fd, (struct sockaddr *)&sa, sizeof sa) != 0 || send_request(c) != 0)
            return bench_report(0, a.n, 0, 0, "connect");
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
        epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
        issued++;
        open_conns++;
    }
    struct epoll_event events[256];
    while (open_conns > 0) {
        int n = epoll_wait(ep, events, 256, 5000);
        if (n <= 0) {
            snprintf(error, sizeof error, "epoll_wait:%d", n);
            break;
        }
        for (int e = 0; e < n; e++) {
            struct conn *c = events[e].data.ptr;
            ssize_t got = recv(c->fd, buf, (size_t)a.bufsize, MSG_DONTWAIT);
            if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                continue;
            if (got <= 0) {
                failed++;
                if (!error[0])
                    snprintf(error, sizeof error, "closed:%d", errno);
                epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                close(c->fd);
                open_conns--;
                continue;
            }
            char *p = buf;
            size_t len = (size_t)got;
            while (len > 0) {
                if (!c->in_body) {
                    size_t take = len < sizeof c->head - c->head_len ? len : sizeof c->head - c->head_len;
                    memcpy(c->head + c->head_len, p, take);
                    size_t old = c->head_len;
                    c->head_len += take;
                    char *end = memmem(c->head, c->head_len, "\r\n\r\n", 4);
                    if (!end) {
                        p += take;
                        len -= take;
                        continue;
                    }
                    size_t head_end = (size_t)(end - c->head) + 4;
                    if (parse_head(c, head_end) != 0) {
                        snprintf(error, sizeof error, "bad-head");
                        return bench_report(ok, a.n - ok, bytes, bench_now() - t0, error);
                    }
                    if (c->left != a.size)
                        c->status = -(int)c->left; /* counted as failed below */
                    size_t used = head_end - old;
                    p += used;
                    len -= used;
                    c->in_body = 1;
                }
                size_t body = (long long)len < c->left ? len : (size_t)c->left;
                c->left -= (long long)body;
                bytes += (long long)body;
                p += body;
                len -= body;
                if (c->left == 0) {
                    if (c->status == 200)
                        ok++;
                    else {
                        failed++;
                        if (!error[0])
                            snprintf(error, sizeof error, "status:%d", c->status);
                    }
                    if (issued < a.n) {
                        issued++;
                        if (send_request(c) != 0) {
                            snprintf(error, sizeof error, "write");
                            return bench_report(ok, a.n - ok, bytes, bench_now() - t0, error);
                        }
                    } else {
                        epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                        close(c->fd);
                        open_conns--;
                        break;
                    }
                }
            }
        }
    }
    double secs = bench_now() - t0;
    if (bytes != a.size * a.n && !error[0])
        snprintf(error, sizeof error, "bytes:%lld", bytes);
    return bench_report(ok, a.n - ok, bytes, secs, error);
}
