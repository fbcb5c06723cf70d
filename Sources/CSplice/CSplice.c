#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>
#include "CSplice.h"

const unsigned int csplice_flags = SPLICE_F_NONBLOCK | SPLICE_F_MOVE;

ssize_t csplice_splice(int from, int to, size_t length, unsigned int flags) {
    return splice(from, NULL, to, NULL, length, flags);
}

int csplice_pipe(int fds[2]) { return pipe2(fds, O_NONBLOCK | O_CLOEXEC); }

int csplice_accept(int listener) { return accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC); }

int csplice_pipe_size(int fd) { return fcntl(fd, F_GETPIPE_SZ); }
