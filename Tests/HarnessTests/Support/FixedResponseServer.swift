import NIOCore
import NIOPosix

/// A loopback TCP server that answers every connection with the same bytes and closes it.
struct FixedResponseServer {
    let channel: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    var port: Int { channel.channel.localAddress?.port ?? 0 }

    static func start(answering response: String) async throws -> (FixedResponseServer, Task<Void, any Error>) {
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
                for try await connection in connections {
                    try? await connection.executeThenClose { inbound, outbound in
                        for try await _ in inbound {
                            try await outbound.write(ByteBuffer(string: response))
                            break
                        }
                    }
                }
            }
        }
        return (server, task)
    }
}
