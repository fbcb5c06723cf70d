import Basics
import Glibc
import NIOCore
import NIOPosix

/// One client connection through a proxy: the accepted socket, the upstream socket, and the two links between them.
///
/// Lives on the accepted channel's event loop; the upstream channel is opened on the same loop, so both handlers,
/// both links and every timer run on one thread with no lock.
final class ProxyConnection {
    private let proxy: Proxy
    private let id: UInt64
    let client = ProxyHandler()
    let server = ProxyHandler()
    private var endedDirections = 0
    private var closed = false
    /// Both sockets came from the splice path, already connected: there is no upstream to connect.
    var adopted = false

    init(proxy: Proxy, id: UInt64) {
        self.proxy = proxy
        self.id = id
        client.connection = self
        server.connection = self
        client.isClient = true
    }

    /// The accepted socket is up: open the upstream one; a refusal is passed on to the client as a reset.
    func socketActive(_ handler: ProxyHandler) {
        guard handler === client, !adopted, let eventLoop = client.channel?.eventLoop else { return }
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(bound.value.server)
                }
            }
        let upstream = proxy.upstreamAddress
        let connecting: EventLoopFuture<any Channel>
        if let address = try? SocketAddress(ipAddress: upstream.host, port: upstream.port) {
            connecting = bootstrap.connect(to: address)
        } else {
            connecting = bootstrap.connect(host: upstream.host, port: upstream.port)
        }
        connecting.assumeIsolated().whenComplete { result in
            switch result {
            case .success: bound.value.pair(eventLoop: eventLoop)
            case .failure: bound.value.reset()
            }
        }
    }

    /// Both sockets are up: build the links with the proxy's current toxics and start reading; the bytes a splice
    /// connection's pipes held go first.
    func pair(eventLoop: any EventLoop, handOver: SpliceHandOver? = nil) {
        guard !closed else {
            server.channel?.close(promise: nil)
            return
        }
        client.partner = server
        server.partner = client
        client.link = ToxicLink(eventLoop: eventLoop, output: server, seed: proxy.seed(for: id, stream: .upstream))
        server.link = ToxicLink(eventLoop: eventLoop, output: client, seed: proxy.seed(for: id, stream: .downstream))
        if proxy.configuration.protocol == .http, let upstream = client.link, let downstream = server.link {
            let exchange = HTTPExchange(
                proxy: proxy,
                upstream: upstream,
                downstream: downstream,
                seed: proxy.seed(for: id, stream: .upstream) ^ 0x5851_F42D_4C95_7F2D
            )
            client.exchange = exchange
            server.exchange = exchange
        }
        let toxics = proxy.register(NIOLoopBound(self, eventLoop: eventLoop), id: id)
        install(toxics)
        if let handOver {
            if !handOver.toUpstream.isEmpty { client.link?.receive(ByteBuffer(bytes: handOver.toUpstream)) }
            if !handOver.toClient.isEmpty { server.link?.receive(ByteBuffer(bytes: handOver.toClient)) }
            client.flush()
            server.flush()
        }
        client.replayEarlyInput()
        client.resumeRead(force: true)
        server.resumeRead(force: true)
    }

    /// Installs a proxy's toxics on both directions.
    func install(_ toxics: [ToxicSpec]) {
        guard !closed else { return }
        let bytes = toxics.filter { !($0.toxic is any HTTPToxic) }
        client.link?.install(bytes.filter { $0.stream == .upstream })
        server.link?.install(bytes.filter { $0.stream == .downstream })
        client.exchange?.install(toxics)
    }

    /// One direction delivered its FIN; once both have, the connection is done.
    func directionEnded() {
        endedDirections += 1
        if endedDirections == 2 { close() }
    }

    /// A socket closed (its peer closed or reset it, or NIO closed it after both halves shut): nothing more can go
    /// to it, while what it sent before still passes through its toxics, followed by its end.
    func socketClosed(_ handler: ProxyHandler) {
        guard !closed else { return }
        guard let partner = handler.partner else { return close() }
        partner.link?.stop()
        handler.endOutput()
        handler.endInput()
    }

    /// Closes both sockets and forgets every timer.
    func close() {
        guard !closed else { return }
        closed = true
        client.flush()
        server.flush()
        client.link?.stop()
        server.link?.stop()
        client.channel?.close(promise: nil)
        server.channel?.close(promise: nil)
        client.partner = nil
        server.partner = nil
        client.connection = nil
        server.connection = nil
        client.exchange = nil
        server.exchange = nil
        proxy.unregister(id: id)
    }

    /// Closes both sockets with SO_LINGER 0, so each peer sees a TCP RST instead of a FIN.
    func reset() {
        for channel in [client.channel, server.channel].compactMap({ $0 }) {
            _ = (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
        }
        close()
    }
}
