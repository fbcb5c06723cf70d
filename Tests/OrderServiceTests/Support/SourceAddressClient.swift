import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A one-request HTTP/1.1 client over a blocking socket bound to a chosen loopback source address, so that a
/// test can be many distinct client IPs for real (any 127.x.y.z is this host's on Linux) rather than by spoofing.
enum SourceAddressClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `GET path` to 127.0.0.1:`port` from `source` and returns the status code.
    static func get(_ path: String, port: Int, from source: String) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { close(fd) }
        // Generous: the server's handlers share two cores with every other suite.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var local = sockaddr_in(family: source, port: 0)
        var remote = sockaddr_in(family: "127.0.0.1", port: port)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw Failure(description: "bind \(source): errno \(errno)") }
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect from \(source): errno \(errno)") }
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        let sent = request.withCString { send(fd, $0, strlen($0), 0) }
        guard sent == request.utf8.count else { throw Failure(description: "send: errno \(errno)") }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let received = recv(fd, &buffer, buffer.count, 0)
        guard received > 12 else { throw Failure(description: "recv: \(received) bytes, errno \(errno)") }
        let statusLine = String(decoding: buffer[0..<received], as: UTF8.self).prefix(12)
        guard let status = Int(statusLine.dropFirst(9).prefix(3)) else {
            throw Failure(description: "not an HTTP response: \(statusLine)")
        }
        return status
    }
}

extension sockaddr_in {
    fileprivate init(family address: String, port: Int) {
        self.init()
        sin_family = sa_family_t(AF_INET)
        sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, address, &sin_addr)
    }
}
