import Basics
import Foundation
import LoadGenerator
import NIOCore
import NIOPosix
import Profiler

/// How the harness knows a target process is ready for load: an HTTP or HTTPS URL that answers 2xx, or a TCP port
/// that accepts.
public enum ReadinessCheck: Sendable, Equatable, CustomStringConvertible {
    case http(HTTPGet)
    case tcp(host: String, port: Int)

    /// A GET of `path` on `host:port` over plain HTTP.
    public static func http(host: String, port: Int, path: String) -> ReadinessCheck {
        .http(HTTPGet(host: host, port: port, path: path))
    }

    public var description: String {
        switch self {
        case .http(let get): "\(get) answering 2xx"
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
                lastProblem =
                    TLSClient.failureReason(of: error).map { "TLS handshake failed: \($0.explanation)" }
                    ?? "\(error)"
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
        case .http(let get):
            let status = try await get.status()
            guard status >= 0 else { throw ReadinessProblem("the answer is not HTTP") }
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
}

struct ReadinessProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
