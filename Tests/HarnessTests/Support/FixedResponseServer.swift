import NIOCore
import NIOPosix

/// A loopback TCP server that answers every connection with the same bytes and closes it.
struct FixedResponseServer {
    let channel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    var port: Int { channel.channel.localAddress?.port ?? 0 }

    static func start(answering response: String) async throws -> (FixedResponseServer, Task<Void, any Error>) {
        try await start { _ in response }
    }

    /// A server whose answer depends on the connection's number (0, 1, …), for endpoints that change over time.
    static func start(answeringEach response: @escaping @Sendable (Int) -> String) async throws
        -> (FixedResponseServer, Task<Void, any Error>)
    {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { child in
                child.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: child)
                }
            }
        let server = FixedResponseServer(channel: channel)
        let task = Task {
            try await channel.executeThenClose { connections in
                var number = 0
                for try await connection in connections {
                    let answer = response(number)
                    number += 1
                    try? await connection.executeThenClose { inbound, outbound in
                        for try await _ in inbound {
                            try await outbound.write(ByteBuffer(string: answer))
                            break
                        }
                    }
                }
            }
        }
        return (server, task)
    }
}
