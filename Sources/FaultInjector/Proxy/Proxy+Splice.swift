import Basics
import Glibc
import NIOCore
import NIOPosix
import Synchronization

extension Proxy {
    /// Listens on the splice path: a non-blocking socket of our own, watched by one splice loop.
    func startSplice(on address: SocketAddress, loops: SpliceLoopGroup) async throws(FaultInjectorError) {
        let listen = configuration.listen
        let descriptor: CInt
        switch SpliceSocket.listen(on: address) {
        case .success(let fd): descriptor = fd
        case .failure(let error): throw .listenFailed(listen, "\(error)")
        }
        let port = SpliceSocket.localPort(descriptor) ?? address.port ?? 0
        let loop = loops.nextLoop()
        let ticket = SpliceTicket(loop: loop, token: loop.makeToken())
        state.withLock {
            $0.spliceListener = ticket
            let host = HostAndPort($0.configuration.listen)?.host ?? "127.0.0.1"
            $0.configuration.listen = HostAndPort(host: host, port: port).description
        }
        await loop.submit { [self] in
            SpliceListener.start(descriptor: descriptor, token: ticket.token, loop: loop, loops: loops, proxy: self)
        }
    }

    /// Routes a socket the splice listener accepted: to a splice loop while the proxy has no toxic (and frames no
    /// HTTP), to NIO otherwise; closes it if the proxy stopped meanwhile.
    ///
    /// The choice and the record of a splice connection happen under the lock that toxic changes take, and its start
    /// is queued on its loop before the lock is released, so a toxic added at that moment finds it and its hand-over
    /// runs after its start.
    func admit(_ client: CInt, loops: SpliceLoopGroup) {
        enum Route {
            case splice, nio(UInt64), closed
        }
        let route: Route = state.withLock { state in
            guard state.spliceListener != nil else { return .closed }
            let id = state.nextConnection
            state.nextConnection += 1
            guard state.toxics.isEmpty, state.configuration.protocol == .tcp,
                let upstream = HostAndPort(state.configuration.upstream),
                let address = try? SocketAddress(ipAddress: upstream.host, port: upstream.port)
            else { return .nio(id) }
            let loop = loops.nextLoop()
            let token = loop.makeToken()
            state.spliced[id] = SpliceTicket(loop: loop, token: token)
            loop.execute { [self] in
                SpliceConnection.start(proxy: self, id: id, token: token, loop: loop, client: client, upstream: address)
            }
            return .splice
        }
        switch route {
        case .splice: break
        case .closed: close(client)
        case .nio(let id): adoptAccepted(client, id: id)
        }
    }

    /// Gives an accepted socket to NIO, where it starts as a connection of the NIO listener would.
    private func adoptAccepted(_ client: CInt, id: UInt64) {
        let eventLoop = group.next()
        _ = ClientBootstrap(group: eventLoop)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { [self] channel in
                let connection = ProxyConnection(proxy: self, id: id)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(connection.client)
                }
            }
            .withConnectedSocket(client)
    }

    /// Moves a splice connection to NIO: new channels for its sockets on one event loop, its pipes' bytes first.
    func adopt(_ handOver: SpliceHandOver) {
        let eventLoop = group.next()
        eventLoop.execute { [self] in
            ProxyConnection(proxy: self, id: handOver.id).adopt(handOver, eventLoop: eventLoop)
        }
    }

    /// A splice connection closed.
    func unregisterSplice(id: UInt64) {
        _ = state.withLock { $0.spliced.removeValue(forKey: id) }
    }
}
