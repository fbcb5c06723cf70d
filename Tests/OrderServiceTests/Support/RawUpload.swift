import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An upload the way urllib makes it: a blocking socket sends the head and the whole body, and only then reads the
/// response until the server closes. Each blocking call gives up after `timeout` (the client's own timeout), and
/// the exchange runs on a thread of its own so that the blocked calls never hold a task's thread.
enum RawUpload {
    struct Outcome: Sendable {
        /// From connecting until the server closed the connection, or until a call timed out.
        var elapsed: Duration
        /// Body bytes the client managed to send.
        var sent: Int
        /// The status of the response read back, nil when none was.
        var status: Int?
        /// The server closed the connection (the read ended with EOF or a reset) rather than the client timing out.
        var closedByServer: Bool
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `head` (which must say `Content-Length: bodyBytes`) and `bodyBytes` bytes to 127.0.0.1:`port`.
    static func run(port: Int, head: String, bodyBytes: Int, timeout: Duration) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                let outcome = Result { try exchange(port: port, head: head, bodyBytes: bodyBytes, timeout) }
                continuation.resume(with: outcome)
            }
            thread.start()
        }
    }

    private static func exchange(port: Int, head: String, bodyBytes: Int, _ timeout: Duration) throws -> Outcome {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { close(fd) }
        let seconds = timeout.components.seconds
        var limit = timeval(tv_sec: Int(seconds), tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr)
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect: errno \(errno)") }
        let start = ContinuousClock.now
        var outcome = Outcome(elapsed: .zero, sent: 0, status: nil, closedByServer: false)
        // MSG_NOSIGNAL: a send on a connection the server reset fails with EPIPE instead of killing the process.
        let headSent = Array(head.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard headSent == head.utf8.count else { throw Failure(description: "send head: errno \(errno)") }
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
        sending: while outcome.sent < bodyBytes {
            let count = min(chunk.count, bodyBytes - outcome.sent)
            let sent = chunk.withUnsafeBytes { send(fd, $0.baseAddress, count, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                outcome.sent += sent
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                outcome.elapsed = ContinuousClock.now - start  // the client's timeout: the send never finished
                return outcome
            } else {
                break sending  // reset or broken pipe: read what came back anyway
            }
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let received = recv(fd, &buffer, buffer.count, 0)
            if received > 0 {
                response += buffer[0..<received]
                continue
            }
            outcome.closedByServer = received == 0 || errno == ECONNRESET
            break
        }
        outcome.elapsed = ContinuousClock.now - start
        let statusLine = String(decoding: response.prefix(12), as: UTF8.self)
        if statusLine.hasPrefix("HTTP/1.1 ") { outcome.status = Int(statusLine.dropFirst(9).prefix(3)) }
        return outcome
    }
}
