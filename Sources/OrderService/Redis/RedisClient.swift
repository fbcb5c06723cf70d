import Basics
import Crypto
import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// Redis could not answer: not reachable, too slow, or the connection dropped. Callers fail open on it.
struct RedisUnavailable: Error, CustomStringConvertible {
    let description: String

    init(_ reason: String) {
        description = "Redis unavailable: \(reason)"
    }
}

/// A small Redis client on SwiftNIO: one pipelined connection (every concurrent command shares it), opened on first
/// use and again after a failure. It never makes a request wait long for a Redis that is gone: each command has a
/// timeout, and after a failure it refuses at once for `retryDelay` instead of connecting again on every request.
final class RedisClient: Sendable {
    let host: String
    let port: Int
    let timeout: Duration
    let retryDelay: Duration
    private let group: any EventLoopGroup
    private let state = Mutex(State())

    private struct State {
        var connection: EventLoopFuture<any Channel>?
        var downUntil: ContinuousClock.Instant?
    }

    init(
        host: String,
        port: Int,
        timeout: Duration = .milliseconds(500),
        retryDelay: Duration = .seconds(1),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.host = host
        self.port = port
        self.timeout = timeout
        self.retryDelay = retryDelay
        self.group = group
    }

    /// Sends one command and waits for its reply (an error reply is a value, not a throw).
    func send(_ arguments: [String]) async throws(RedisUnavailable) -> RESPValue {
        let channel = try await connection()
        let reply = channel.eventLoop.makePromise(of: RESPValue.self)
        // On timeout the connection is closed, which fails this and every other waiting reply exactly once.
        let deadline = channel.eventLoop.scheduleTask(in: .nanoseconds(timeout.nanosecondsClamped)) {
            channel.close(promise: nil)
        }
        channel.writeAndFlush(RESPRequest(arguments: arguments, reply: reply), promise: nil)
        do {
            let value = try await reply.futureResult.get()
            deadline.cancel()
            return value
        } catch {
            deadline.cancel()
            markDown(channel)
            throw RedisUnavailable("\(host):\(port): \(error)")
        }
    }

    /// Runs a Lua script by its SHA-1 (EVALSHA, one round trip); loads it first if the server does not know it
    /// (NOSCRIPT: a restarted or flushed Redis).
    func evaluate(_ script: RedisScript, keys: [String], arguments: [String]) async throws(RedisUnavailable)
        -> RESPValue
    {
        let call = [String(keys.count)] + keys + arguments
        let reply = try await send(["EVALSHA", script.sha1] + call)
        guard case .error(let message) = reply, message.hasPrefix("NOSCRIPT") else { return reply }
        _ = try await send(["SCRIPT", "LOAD", script.source])
        return try await send(["EVALSHA", script.sha1] + call)
    }

    /// Closes the connection.
    func close() {
        let connection = state.withLock { state in
            defer { state.connection = nil }
            return state.connection
        }
        connection?.whenSuccess { $0.close(promise: nil) }
    }

    private func connection() async throws(RedisUnavailable) -> any Channel {
        let now = ContinuousClock.now
        let future: EventLoopFuture<any Channel>? = state.withLock { state in
            if let downUntil = state.downUntil, now < downUntil { return nil }
            if let connection = state.connection { return connection }
            let connection = connect()
            state.connection = connection
            state.downUntil = nil
            return connection
        }
        guard let future else { throw RedisUnavailable("\(host):\(port) failed less than \(retryDelay) ago") }
        do {
            let channel = try await future.get()
            guard channel.isActive else { throw RedisUnavailable("the connection closed") }
            return channel
        } catch {
            state.withLock { state in
                if state.connection === future { state.connection = nil }
                state.downUntil = .now + retryDelay
            }
            throw RedisUnavailable("\(host):\(port): \(error)")
        }
    }

    private func connect() -> EventLoopFuture<any Channel> {
        ClientBootstrap(group: group)
            .connectTimeout(.nanoseconds(timeout.nanosecondsClamped))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RESPChannelHandler())
                }
            }
            .connect(host: host, port: port)
    }

    /// Forgets a connection that failed, so the next command opens a new one after `retryDelay`.
    private func markDown(_ channel: any Channel) {
        state.withLock { state in
            state.downUntil = .now + retryDelay
            state.connection = nil
        }
        channel.close(promise: nil)
    }
}

/// A Lua script and its SHA-1, the name EVALSHA calls it by.
struct RedisScript: Sendable {
    let source: String
    let sha1: String

    init(_ source: String) {
        self.source = source
        sha1 = Insecure.SHA1.hash(data: Data(source.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
