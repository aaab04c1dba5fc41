/*
 * measure.c - runs a command and prints its peak RSS (KiB) and CPU time
 * (user + system seconds) from wait4 on stderr's last line:
 *     measure CMD ARGS...   ->   "measure maxrss_kib=N cpu=S status=N"
 * A small launcher, so the peak RSS is the command's own: a child forked
 * from a large process (Python) counts the parent's pages until it execs.
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct rusage ru;
    int status = 0;
    pid_t pid;

    if (argc < 2)
        return 2;
    pid = fork();
    if (pid == 0) {
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
        return 2;
    fprintf(stderr, "measure maxrss_kib=%ld cpu=%.3f status=%d\n", ru.ru_maxrss,
            ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6,
            WIFEXITED(status) ? WEXITSTATUS(status) : 128);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
