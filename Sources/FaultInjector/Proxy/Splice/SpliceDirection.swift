import CSplice
import Glibc

/// One direction of a splice connection: bytes read from `source` into the pipe, then from the pipe to
/// `destination`, until the source's FIN, which is forwarded as `shutdown(SHUT_WR)` once the pipe is empty.
///
/// Reading stops while the destination cannot take what the pipe holds (`stalled`), so a slow reader holds back its
/// sender through the TCP window, as the NIO path does.
///
/// Small chunks (a request, a response) are cheaper to copy than to splice: splice's page bookkeeping costs more in
/// the kernel than copying a kilobyte does, which the profile showed as system time above haproxy's recv/send. So a
/// direction copies (read into the loop's scratch buffer, send) until a read fills the buffer, then splices until a
/// read comes back small again. Either way a byte the destination cannot take yet waits in the pipe, the one buffer
/// that back-pressure and the hand-over to NIO look at.
struct SpliceDirection: ~Copyable {
    let source: CInt
    let destination: CInt
    var pipe: SplicePipe
    /// The source sent its FIN (a read returned 0).
    private(set) var sourceEnded = false
    /// The FIN was forwarded: this direction is over.
    private(set) var finished = false
    /// The destination would block with bytes in the pipe; it is watched for writability, the source is not read.
    private(set) var stalled = false
    /// Whether epoll watches the source; when it does not (it hung up), a pump reads it to the end.
    var sourceWatched = true
    /// Reads go through the scratch buffer (small chunks) rather than splice(2) (bulk).
    private var copying = true

    init(from source: CInt, to destination: CInt, pipe: consuming SplicePipe) {
        self.source = source
        self.destination = destination
        self.pipe = pipe
    }

    /// Whether the source should be watched for input.
    var wantsInput: Bool { !sourceEnded && !stalled }

    /// Moves what can be moved now without blocking; false when either socket failed (reset or gone), in which case
    /// the connection must be reset.
    ///
    /// A read shorter than the pipe leaves the source drained for now, so the pump returns after writing it rather
    /// than asking again for an EAGAIN: epoll is level-triggered and says when more comes. That keeps a small
    /// request at one splice in and one out, the two syscalls a read and a write would cost.
    mutating func pump(scratch: UnsafeMutableRawBufferPointer) -> Bool {
        var drained = false
        while !finished {
            if pipe.count > 0 {
                let written = csplice_splice(pipe.readEnd, destination, pipe.count, csplice_flags)
                if written > 0 {
                    pipe.count -= written
                    stalled = false
                    continue
                }
                if written < 0 && errno == EINTR { continue }
                if written < 0 && errno == EAGAIN {
                    stalled = true
                    return true
                }
                return false
            }
            if sourceEnded {
                shutdown(destination, CInt(SHUT_WR))
                finished = true
                return true
            }
            if drained && sourceWatched { return true }
            let size = copying ? min(scratch.count, pipe.capacity) : pipe.capacity
            let read =
                copying
                ? Glibc.read(source, scratch.baseAddress!, size)
                : csplice_splice(source, pipe.writeEnd, size, csplice_flags)
            if read > 0 {
                drained = read < size
                if copying {
                    guard forward(scratch.baseAddress!, count: read) else { return false }
                    if !drained { copying = false }
                } else {
                    pipe.count += read
                    if read < size / 4 { copying = true }
                }
            } else if read == 0 {
                sourceEnded = true
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN {
                return true
            } else {
                return false
            }
        }
        return true
    }

    /// Sends `count` copied bytes to the destination; what it cannot take now goes into the (empty) pipe, which holds
    /// at least a scratch buffer's worth, to wait there as spliced bytes do. False when the destination failed.
    private mutating func forward(_ bytes: UnsafeMutableRawPointer, count: Int) -> Bool {
        var sent = 0
        while sent < count {
            let n = send(destination, bytes + sent, count - sent, CInt(MSG_NOSIGNAL) | CInt(MSG_DONTWAIT))
            if n > 0 {
                sent += n
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && errno == EAGAIN {
                break
            } else {
                return false
            }
        }
        var queued = sent
        while queued < count {
            let n = Glibc.write(pipe.writeEnd, bytes + queued, count - queued)
            if n > 0 {
                queued += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        pipe.count += count - sent
        if sent < count { stalled = true }
        return true
    }
}
