import Foundation
import TestSupport
import Testing

@testable import OrderService

/// The RESP client against a real redis-server on loopback.
@Suite struct RedisClientTests {
    @Test func commandsRoundTripAndConcurrentOnesArePipelinedOnOneConnection() async throws {
        guard let server = try await RedisServer.start() else { return }
        let client = RedisClient(host: "127.0.0.1", port: server.port, timeout: .seconds(30))
        #expect(try await client.send(["SET", "greeting", "hello"]) == .simpleString("OK"))
        #expect(try await client.send(["GET", "greeting"]).string == "hello")
        #expect(try await client.send(["GET", "missing"]) == .bulkString(nil))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<200 { group.addTask { _ = try await client.send(["INCR", "counter"]) } }
            try await group.waitForAll()
        }
        #expect(try await client.send(["GET", "counter"]).string == "200")
        let clients = try await client.send(["CLIENT", "LIST"]).string ?? ""
        #expect(clients.split(separator: "\n").count == 1, "one connection carried every command:\n\(clients)")
        client.close()
        await server.stop()
    }

    @Test func aScriptUnknownToTheServerIsLoadedOnceAndRunByItsHash() async throws {
        guard let server = try await RedisServer.start() else { return }
        let client = RedisClient(host: "127.0.0.1", port: server.port, timeout: .seconds(30))
        let script = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
        #expect(try await client.evaluate(script, keys: ["n"], arguments: ["5"]) == .integer(5))
        #expect(try await client.send(["SCRIPT", "EXISTS", script.sha1]) == .array([.integer(1)]))
        _ = try await client.send(["SCRIPT", "FLUSH"])
        #expect(try await client.evaluate(script, keys: ["n"], arguments: ["2"]) == .integer(7))
        client.close()
        await server.stop()
    }

    @Test func aServerThatIsGoneFailsFastAndIsRetriedAfterTheDelay() async throws {
        let refusing = try RefusingPort()
        let client = RedisClient(host: "127.0.0.1", port: refusing.port, retryDelay: .milliseconds(200))
        await #expect(throws: RedisUnavailable.self) { try await client.send(["PING"]) }
        // Within the delay it refuses without trying: the message says so.
        let error = await #expect(throws: RedisUnavailable.self) { try await client.send(["PING"]) }
        #expect(error?.description.contains("less than") == true, "\(String(describing: error))")
    }

    @Test func aKilledServerFailsTheWaitingCommandsAndALaterOneReconnects() async throws {
        guard let server = try await RedisServer.start() else { return }
        let client = RedisClient(host: "127.0.0.1", port: server.port, timeout: .seconds(30), retryDelay: .zero)
        #expect(try await client.send(["PING"]) == .simpleString("PONG"))
        _ = try? await client.send(["CLIENT", "KILL", "TYPE", "normal"])
        #expect(try await client.send(["PING"]) == .simpleString("PONG"))
        client.close()
        await server.stop()
    }
}
