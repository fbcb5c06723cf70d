import CSplice
import Glibc

/// A non-blocking pipe that holds the bytes of one direction between the socket they were read from and the one they
/// go to, and how many it holds.
///
/// splice(2) moves bulk bytes between a socket and a pipe inside the kernel, so they never reach user space; copied
/// small chunks that the destination could not take wait here too. The pipe is the direction's only buffer, and its
/// bound is the back-pressure: nothing more is read while it cannot be emptied.
struct SplicePipe: ~Copyable {
    let readEnd: CInt
    let writeEnd: CInt
    /// Bytes in the pipe.
    var count = 0
    /// How much one read may move into it.
    let capacity: Int

    /// A new pipe, or nil when the process is out of descriptors.
    init?() {
        var fds: [CInt] = [-1, -1]
        guard csplice_pipe(&fds) == 0 else { return nil }
        readEnd = fds[0]
        writeEnd = fds[1]
        let size = csplice_pipe_size(readEnd)
        capacity = size > 0 ? Int(size) : 65_536
    }

    /// Reads out every byte the pipe holds, for a socket that leaves the splice path.
    mutating func takeAll() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var taken = 0
        while taken < count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(readEnd, $0.baseAddress! + taken, count - taken) }
            if n > 0 {
                taken += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        count = 0
        return Array(bytes[0..<taken])
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }
}
