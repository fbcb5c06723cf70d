import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A loopback port that refuses connections for as long as this value lives: a socket is bound to it but never
/// listens, so the kernel answers every connection with a reset and no other test can take the port meanwhile.
/// (Stopping a server and reusing its port races with parallel tests that bind port 0.)
public final class RefusingPort: Sendable {
    /// A port that was free a moment ago, for a child process to listen on.
    ///
    /// Chosen below Linux's ephemeral range (32768 and up), where neither a server binding port 0 nor an outgoing
    /// connection's source port can land on it. Each port is handed out once per test process: a check by binding
    /// alone let two tests take one port in the seconds before the first one's child bound it. Tests that only need
    /// a refusing port use ``init()``.
    public static func free() throws -> Int {
        for _ in 0..<200 {
            let candidate = Int.random(in: 20_000..<32_000)
            let taken = handedOut.withLock { !$0.insert(candidate).inserted }
            if taken { continue }
            if (try? RefusingPort(port: candidate)) != nil { return candidate }
        }
        return try RefusingPort().port
    }

    /// The ports `free()` gave out in this process.
    private static let handedOut = Mutex<Set<Int>>([])

    public let port: Int
    private let descriptor: Int32

    public convenience init() throws { try self.init(port: 0) }

    /// Binds `port` (0: one the kernel picks) without listening.
    init(port requested: Int) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(requested).bigEndian)
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
