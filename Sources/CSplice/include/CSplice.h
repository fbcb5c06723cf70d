// The Linux calls the fault proxy's splice path needs and Swift's Glibc module does not show: the GNU-only ones are
// wrapped in CSplice.c, which is compiled with _GNU_SOURCE; epoll and eventfd come straight from their headers.
#ifndef CSPLICE_H
#define CSPLICE_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/types.h>
#include <sys/socket.h>

/// splice(2) with no offsets: moves up to `length` bytes from `from` to `to`, one of which is a pipe.
ssize_t csplice_splice(int from, int to, size_t length, unsigned int flags);
/// pipe2(2) with O_NONBLOCK | O_CLOEXEC.
int csplice_pipe(int fds[2]);
/// accept4(2) with SOCK_NONBLOCK | SOCK_CLOEXEC and no peer address.
int csplice_accept(int listener);
/// The capacity of a pipe in bytes (F_GETPIPE_SZ), or -1.
int csplice_pipe_size(int fd);

/// SPLICE_F_NONBLOCK | SPLICE_F_MOVE.
extern const unsigned int csplice_flags;

#endif
