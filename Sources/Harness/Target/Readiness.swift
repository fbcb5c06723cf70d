import Foundation
import NIOCore
import NIOPosix

/// How the harness knows a target process is ready for load: an HTTP URL that answers 2xx, or a TCP port that accepts.
public enum ReadinessCheck: Sendable, Equatable, CustomStringConvertible {
    case http(host: String, port: Int, path: String)
    case tcp(host: String, port: Int)

    public var description: String {
        switch self {
        case .http(let host, let port, let path): "http://\(host):\(port)\(path) answering 2xx"
        case .tcp(let host, let port): "tcp://\(host):\(port) accepting connections"
        }
    }

    /// Why a target never became ready.
    public struct Failure: Error, CustomStringConvertible {
        public let check: ReadinessCheck
        public let waited: Duration
        public let lastProblem: String
        public var description: String {
            "not ready after \(waited): waited for \(check); last attempt: \(lastProblem)"
        }
    }

    /// Polls until the check passes, the deadline passes, or `stillAlive` says the process has died.
    ///
    /// - Parameters:
    ///   - deadline: how long to wait in all.
    ///   - stillAlive: returns a reason when the process being waited for has exited, so the wait ends at once.
    public func wait(deadline: Duration, stillAlive: @Sendable () -> String? = { nil }) async throws {
        let start = ContinuousClock.now
        var lastProblem = "no attempt made"
        while ContinuousClock.now - start < deadline {
            if let death = stillAlive() {
                throw Failure(check: self, waited: ContinuousClock.now - start, lastProblem: death)
            }
            do {
                try await attempt()
                return
            } catch {
                lastProblem = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(check: self, waited: deadline, lastProblem: lastProblem)
    }

    /// One attempt: connects, and for HTTP sends one GET and reads the status line.
    public func attempt() async throws {
        switch self {
        case .tcp(let host, let port):
            let channel = try await Self.connect(host: host, port: port)
            try await channel.executeThenClose { _, _ in }
        case .http(let host, let port, let path):
            let channel = try await Self.connect(host: host, port: port)
            let status = try await channel.executeThenClose { inbound, outbound in
                let request = "GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n\r\n"
                try await outbound.write(ByteBuffer(string: request))
                var received = ByteBuffer()
                for try await chunk in inbound {
                    received.writeImmutableBuffer(chunk)
                    if let status = Self.statusCode(in: received) { return status }
                    if received.readableBytes > 8192 { break }
                }
                throw ReadinessProblem("connection closed before a status line")
            }
            guard (200..<300).contains(status) else { throw ReadinessProblem("answered HTTP \(status)") }
        }
    }

    private static func connect(host: String, port: Int) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(1))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// The status code of `HTTP/1.x NNN ...` once the first line is complete.
    static func statusCode(in buffer: ByteBuffer) -> Int? {
        guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes),
            let end = text.range(of: "\r\n")
        else { return nil }
        let parts = text[..<end.lowerBound].split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let code = Int(parts[1]) else { return -1 }
        return code
    }
}

struct ReadinessProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
