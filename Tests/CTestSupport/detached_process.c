// Running a program that may leave a daemon behind (tmux starts its server
// from the first command): Foundation's Process learns that a child ended
// when a socket the child inherits closes, which a daemon forked from the
// child keeps open. This runs the program with only standard input (from
// /dev/null), output and error (to a file) open, and waits for it with
// waitpid(2).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "test_support.h"

int mamlsh_run_detached(const char *path, char *const argv[], char *const envp[], const char *output) {
    long most = sysconf(_SC_OPEN_MAX);
    if (most <= 0 || most > 65536) most = 65536;
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || out < 0) _exit(126);
        dup2(in, 0);
        dup2(out, 1);
        dup2(out, 2);
        for (int fd = 3; fd < most; fd++) close(fd);
        execve(path, argv, envp);
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
