import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A loopback port that refuses connections for as long as this value lives: a socket is bound to it but never
/// listens, so the kernel answers every connection with a reset and no other test can take the port meanwhile.
/// (Stopping a server and reusing its port races with parallel tests that bind port 0.)
public final class RefusingPort: Sendable {
    /// A port that was free a moment ago (bound to port 0, then closed), for a child process to listen on.
    ///
    /// Racy by nature (another test may bind it first); tests that only need a refusing port use ``init()``.
    public static func free() throws -> Int {
        let port = try RefusingPort().port
        return port
    }

    public let port: Int
    private let descriptor: Int32

    public init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard descriptor >= 0, bound else {
            if descriptor >= 0 { close(descriptor) }
            throw CocoaError(.fileReadUnknown)
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
