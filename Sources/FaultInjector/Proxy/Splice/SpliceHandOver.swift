import NIOCore
import NIOPosix

/// A splice connection leaving the splice path because its proxy got a toxic: both sockets and the bytes that were
/// still in its pipes, which must reach their destinations before anything read later.
struct SpliceHandOver: Sendable {
    var id: UInt64
    var client: CInt
    var upstream: CInt
    /// Bytes read from the client not yet written upstream.
    var toUpstream: [UInt8]
    /// Bytes read from the upstream not yet written to the client.
    var toClient: [UInt8]
}

/// Where a splice connection's loop finds it: the loop and the connection's token there.
struct SpliceTicket: Sendable {
    let loop: SpliceLoop
    let token: UInt64

    /// Hands the connection to NIO, on its loop; nothing happens if it is gone already.
    func handOver() {
        let (loop, token) = (loop, token)
        loop.execute { (loop.watcher(token) as? SpliceConnection)?.handOver() }
    }

    /// Closes the connection (FIN both ways), on its loop.
    func close() {
        let (loop, token) = (loop, token)
        loop.execute { (loop.watcher(token) as? SpliceConnection)?.close(reset: false) }
    }

    /// Stops the listener with this ticket and returns once its socket is closed.
    func closeListener() async {
        let (loop, token) = (loop, token)
        await loop.submit { (loop.watcher(token) as? SpliceListener)?.close() }
    }
}

extension ProxyConnection {
    /// Wraps the two sockets of a splice connection in NIO channels on `eventLoop`, then pairs them as an accepted
    /// connection would be, first passing on the bytes the pipes held, through the toxics now installed.
    func adopt(_ handOver: SpliceHandOver, eventLoop: any EventLoop) {
        adopted = true
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        func wrap(_ socket: CInt, client: Bool) -> EventLoopFuture<any Channel> {
            ClientBootstrap(group: eventLoop)
                .channelOption(.allowRemoteHalfClosure, value: true)
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = client ? bound.value.client : bound.value.server
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                }
                .withConnectedSocket(socket)
        }
        let client = wrap(handOver.client, client: true)
        let upstream = wrap(handOver.upstream, client: false)
        client.and(upstream).assumeIsolated().whenComplete { result in
            switch result {
            case .success: bound.value.pair(eventLoop: eventLoop, handOver: handOver)
            case .failure: bound.value.reset()
            }
        }
    }
}
