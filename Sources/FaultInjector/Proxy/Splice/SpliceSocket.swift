import CSplice
import Glibc
import NIOCore

/// The few socket calls of the splice path, on raw non-blocking descriptors.
enum SpliceSocket {
    /// A non-blocking listening socket bound to `address`, or the errno that stopped it.
    static func listen(on address: SocketAddress) -> Result<CInt, Errno> {
        let fd = socket(
            address.protocol.rawValue,
            CInt(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue),
            0
        )
        guard fd >= 0 else { return .failure(Errno(errno)) }
        var one: CInt = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<CInt>.size))
        let bound = address.withSockAddr { pointer, size in bind(fd, pointer, socklen_t(size)) }
        guard bound == 0, Glibc.listen(fd, 1024) == 0 else {
            let failure = Errno(errno)
            close(fd)
            return .failure(failure)
        }
        return .success(fd)
    }

    /// The port a socket is bound to.
    static func localPort(_ fd: CInt) -> Int? {
        var storage = sockaddr_storage()
        var size = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let got = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) }
        }
        guard got == 0 else { return nil }
        let family = CInt(storage.ss_family)
        guard family == AF_INET || family == AF_INET6 else { return nil }
        // sin_port and sin6_port both follow the two-byte family, in network order.
        return withUnsafeBytes(of: &storage) { Int($0[2]) << 8 | Int($0[3]) }
    }

    /// A non-blocking socket whose connect to `address` has begun (or is done), or -1 when it failed at once.
    static func connect(to address: SocketAddress) -> CInt {
        let fd = socket(
            address.protocol.rawValue,
            CInt(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue),
            0
        )
        guard fd >= 0 else { return -1 }
        let started = address.withSockAddr { pointer, size in Glibc.connect(fd, pointer, socklen_t(size)) }
        guard started == 0 || errno == EINPROGRESS else {
            close(fd)
            return -1
        }
        return fd
    }

    /// The socket's pending error (SO_ERROR), 0 if none; reading it clears it.
    static func pendingError(_ fd: CInt) -> CInt {
        var error: CInt = 0
        var size = socklen_t(MemoryLayout<CInt>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 else { return errno }
        return error
    }

    /// Turns Nagle off, as the NIO path does, so small writes are not held back.
    static func setNoDelay(_ fd: CInt) {
        var one: CInt = 1
        setsockopt(fd, CInt(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<CInt>.size))
    }

    /// Closes with SO_LINGER 0, so the peer sees a TCP RST instead of a FIN.
    static func reset(_ fd: CInt) {
        var immediate = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &immediate, socklen_t(MemoryLayout<linger>.size))
        close(fd)
    }
}

/// An errno value, as a splice-path failure.
struct Errno: Error, CustomStringConvertible {
    let code: CInt
    init(_ code: CInt) { self.code = code }
    var description: String { String(cString: strerror(code)) }
}
