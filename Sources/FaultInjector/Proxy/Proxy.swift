import Basics
import NIOCore
import NIOPosix
import Synchronization

/// A named TCP proxy: a loopback listener that forwards every connection to its upstream through its toxics.
///
/// Configuration, toxics and the set of live connections sit behind one lock that is taken when a connection
/// opens or closes and when the API changes something, never per chunk: each connection works on its own copy of
/// the toxics, pushed to its event loop when they change.
///
/// A TCP proxy given splice loops listens with a socket of its own: a connection that starts while the proxy has no
/// toxic is moved by splice(2) on a ``SpliceLoop`` (no user-space copy, no pipeline), and is handed to NIO the moment
/// a toxic is added; a connection that starts with toxics, and every connection of an HTTP proxy, is NIO's.
public final class Proxy: Sendable {
    struct State {
        var configuration: ProxyConfiguration
        var toxics: [ToxicSpec] = []
        var listener: (any Channel)?
        /// The splice path's listening socket, instead of `listener`.
        var spliceListener: SpliceTicket?
        var connections: [UInt64: NIOLoopBound<ProxyConnection>] = [:]
        /// Connections on the splice path, until they close or NIO registers them after a hand-over.
        var spliced: [UInt64: SpliceTicket] = [:]
        var nextConnection: UInt64 = 0
        var nextRevision: UInt64 = 0
    }

    /// The proxy's name, its key in the API.
    public let name: String
    let state: Mutex<State>
    let group: any EventLoopGroup
    /// The loops of the splice path; nil keeps every connection on NIO.
    let splice: SpliceLoopGroup?
    private let baseSeed: UInt64
    private let unparsed = Atomic<Int>(0)

    /// Creates a proxy, not yet listening; `seed` makes every connection's random draws reproducible; `splice` moves
    /// the connections of a TCP proxy with no toxic outside NIO (nil: never).
    public init(
        _ configuration: ProxyConfiguration,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        splice: SpliceLoopGroup? = .shared,
        seed: UInt64 = .random(in: 0...UInt64.max)
    ) throws(FaultInjectorError) {
        try Self.validate(configuration)
        self.name = configuration.name
        self.state = Mutex(State(configuration: configuration))
        self.group = group
        self.splice = splice
        self.baseSeed = seed
    }

    /// The current configuration; `listen` holds the real port once listening.
    public var configuration: ProxyConfiguration { state.withLock { $0.configuration } }

    /// The toxics, in the order they apply.
    public var toxics: [ToxicSpec] { state.withLock { $0.toxics } }

    /// How many client connections are open.
    public var connectionCount: Int { state.withLock { $0.connections.count + $0.spliced.count } }

    /// How many of them are on the splice path (moved outside NIO because the proxy had no toxic).
    public var splicedConnectionCount: Int { state.withLock { $0.spliced.count } }

    /// Connections of an HTTP-mode proxy that fell back to pass-through because their bytes were not HTTP/1.1
    /// (TLS, HTTP/2, or a malformed message), so HTTP toxics did nothing to them.
    public var unparsedConnections: Int { unparsed.load(ordering: .relaxed) }

    func countUnparsedConnection() { unparsed.add(1, ordering: .relaxed) }

    /// Listens if enabled and not listening yet.
    public func start() async throws(FaultInjectorError) {
        let configuration = self.configuration
        guard configuration.enabled, !isListening else { return }
        let address = HostAndPort(configuration.listen)!
        if let splice, configuration.protocol == .tcp,
            let socketAddress = try? SocketAddress(ipAddress: address.host, port: address.port)
        {
            return try await startSplice(on: socketAddress, loops: splice)
        }
        let channel: any Channel
        do {
            channel = try await bootstrap().bind(host: address.host, port: address.port).get()
        } catch {
            throw .listenFailed(configuration.listen, "\(error)")
        }
        let port = channel.localAddress?.port ?? address.port
        state.withLock {
            $0.listener = channel
            $0.configuration.listen = HostAndPort(host: address.host, port: port).description
        }
    }

    /// Stops listening and closes every open connection.
    public func stop() async {
        let (listener, spliceListener, connections, spliced) = state.withLock { state in
            defer {
                state.listener = nil
                state.spliceListener = nil
            }
            return (state.listener, state.spliceListener, Array(state.connections.values), Array(state.spliced.values))
        }
        try? await listener?.close()
        await spliceListener?.closeListener()
        for ticket in spliced { ticket.close() }
        for connection in connections {
            try? await connection.eventLoop.submit { connection.value.close() }.get()
        }
    }

    /// Applies a new configuration: a changed `listen` or `upstream` restarts the listener and drops connections,
    /// `enabled: false` takes the proxy down.
    public func update(_ configuration: ProxyConfiguration) async throws(FaultInjectorError) {
        try Self.validate(configuration)
        let current = self.configuration
        guard configuration != current else { return }
        if configuration.protocol != .http, let http = toxics.first(where: { $0.toxic is any HTTPToxic }) {
            throw .badRequest(
                "proxy \"\(name)\" has HTTP toxic \"\(http.name)\"; remove it before changing protocol to tcp"
            )
        }
        // A new upstream or protocol on a listening proxy keeps its listener (so no other socket can take the port
        // in between) and drops only the open connections, which were made to the old upstream.
        if configuration.listen == current.listen, configuration.enabled, current.enabled, isListening {
            let (connections, spliced) = state.withLock { state in
                state.configuration = configuration
                return (Array(state.connections.values), Array(state.spliced.values))
            }
            for ticket in spliced { ticket.close() }
            for connection in connections {
                try? await connection.eventLoop.submit { connection.value.close() }.get()
            }
            return
        }
        await stop()
        state.withLock { $0.configuration = configuration }
        try await start()
    }

    private var isListening: Bool { state.withLock { $0.listener != nil || $0.spliceListener != nil } }

    private func bootstrap() -> ServerBootstrap {
        ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [self] channel in
                let id = takeConnectionID()
                let connection = ProxyConnection(proxy: self, id: id)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(connection.client)
                }
            }
    }

    private static func validate(_ configuration: ProxyConfiguration) throws(FaultInjectorError) {
        if configuration.name.isEmpty { throw .missingField("name") }
        if configuration.upstream.isEmpty { throw .missingField("upstream") }
        guard HostAndPort(configuration.listen) != nil else { throw .invalidAddress("listen", configuration.listen) }
        guard HostAndPort(configuration.upstream) != nil else {
            throw .invalidAddress("upstream", configuration.upstream)
        }
    }
}

extension Proxy {
    /// Where connections go.
    var upstreamAddress: HostAndPort { HostAndPort(configuration.upstream)! }

    /// The seed of one direction of one connection.
    func seed(for connection: UInt64, stream: ToxicStream) -> UInt64 {
        baseSeed ^ (connection &* 0x9E37_79B9_7F4A_7C15) ^ (stream == .upstream ? 0 : 0xD1B5_4A32_D192_ED03)
    }

    /// A number no other connection of this proxy has.
    func takeConnectionID() -> UInt64 {
        state.withLock { state in
            defer { state.nextConnection += 1 }
            return state.nextConnection
        }
    }

    /// Records a paired connection (one handed over from the splice path keeps its number) and returns the toxics it
    /// starts with.
    func register(_ connection: NIOLoopBound<ProxyConnection>, id: UInt64) -> [ToxicSpec] {
        state.withLock { state in
            state.spliced[id] = nil
            state.connections[id] = connection
            return state.toxics
        }
    }

    func unregister(id: UInt64) {
        _ = state.withLock { $0.connections.removeValue(forKey: id) }
    }

    /// Replaces the toxics and pushes them to every open connection; `changed` get a new revision.
    func replaceToxics(_ transform: (inout [ToxicSpec], () -> UInt64) throws(FaultInjectorError) -> Void)
        throws(FaultInjectorError)
    {
        let (toxics, connections) = try state.withLock { state throws(FaultInjectorError) in
            var toxics = state.toxics
            var revision = state.nextRevision
            try transform(&toxics) {
                revision += 1
                return revision
            }
            state.nextRevision = revision
            state.toxics = toxics
            // Splice connections cannot apply toxics: with one installed, they all go to NIO.
            if !toxics.isEmpty {
                for ticket in state.spliced.values { ticket.handOver() }
            }
            return (toxics, Array(state.connections.values))
        }
        for connection in connections {
            connection.eventLoop.execute { connection.value.install(toxics) }
        }
    }
}
