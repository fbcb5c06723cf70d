import CSplice
import Glibc
import NIOCore

/// One client connection of a TCP proxy with no toxic, moved on a ``SpliceLoop`` (``SpliceDirection``: copied when
/// small, spliced when bulk) instead of NIO.
///
/// It owns both sockets and both pipes and lives on its loop's thread. The upstream connect is non-blocking; a
/// refusal is passed to the client as a reset, as on the NIO path. A FIN is forwarded one way while the other
/// direction keeps flowing; a reset (or any socket error) on either side resets both. When the proxy gets a toxic the
/// connection leaves the epoll set and is handed to NIO with the bytes its pipes still hold (``handOver()``).
final class SpliceConnection: SpliceWatcher {
    private static let clientSide: UInt64 = 0
    private static let upstreamSide: UInt64 = 1

    private let proxy: Proxy
    private let id: UInt64
    private let token: UInt64
    private unowned let loop: SpliceLoop
    private let client: CInt
    private let upstream: CInt
    private var upward: SpliceDirection
    private var downward: SpliceDirection
    private var connecting = true
    private var handOverWhenConnected = false
    private var clientEvents: UInt32 = 0
    private var upstreamEvents: UInt32 = EPOLLOUT.rawValue
    private var done = false

    private init(
        proxy: Proxy,
        id: UInt64,
        token: UInt64,
        loop: SpliceLoop,
        client: CInt,
        upstream: CInt,
        upwardPipe: consuming SplicePipe,
        downwardPipe: consuming SplicePipe
    ) {
        self.proxy = proxy
        self.id = id
        self.token = token
        self.loop = loop
        self.client = client
        self.upstream = upstream
        upward = SpliceDirection(from: client, to: upstream, pipe: upwardPipe)
        downward = SpliceDirection(from: upstream, to: client, pipe: downwardPipe)
    }

    /// Starts a connection for the accepted socket `client` on `loop` (its thread): connects upstream, and resets the
    /// client if that cannot even begin.
    static func start(
        proxy: Proxy,
        id: UInt64,
        token: UInt64,
        loop: SpliceLoop,
        client: CInt,
        upstream address: SocketAddress
    ) {
        guard let up = SplicePipe(), let down = SplicePipe() else {
            return refuse(client, proxy: proxy, id: id)
        }
        let upstream = SpliceSocket.connect(to: address)
        guard upstream >= 0 else { return refuse(client, proxy: proxy, id: id) }
        let connection = SpliceConnection(
            proxy: proxy,
            id: id,
            token: token,
            loop: loop,
            client: client,
            upstream: upstream,
            upwardPipe: up,
            downwardPipe: down
        )
        loop.add(connection, token: token)
        loop.watch(client, token: token, side: clientSide, events: 0)
        loop.watch(upstream, token: token, side: upstreamSide, events: EPOLLOUT.rawValue)
        loop.expire(token, after: connectTimeout)
    }

    /// How long the upstream connect may take, as on the NIO path.
    static let connectTimeout = Duration.seconds(10)

    /// The connect took too long: the client is reset, as for a refusal.
    func expired() {
        if connecting && !done { reset() }
    }

    private static func refuse(_ client: CInt, proxy: Proxy, id: UInt64) {
        SpliceSocket.reset(client)
        proxy.unregisterSplice(id: id)
    }

    func ready(_ events: UInt32, side: UInt64) {
        guard !done else { return }
        if connecting {
            // The upstream is watched for the end of its connect; the client only for errors (a reset).
            if side == Self.clientSide { return reset() }
            return connected(hungUp: events & EPOLLHUP.rawValue != 0)
        }
        if events & EPOLLERR.rawValue != 0 { return reset() }
        let input = events & (EPOLLIN.rawValue | EPOLLHUP.rawValue) != 0
        let output = events & EPOLLOUT.rawValue != 0
        if side == Self.clientSide {
            if events & EPOLLHUP.rawValue != 0 { hungUp(client, direction: &upward) }
            if input || output {
                guard
                    (!input || upward.pump(scratch: loop.scratch)) && (!output || downward.pump(scratch: loop.scratch))
                else { return reset() }
            }
        } else {
            if events & EPOLLHUP.rawValue != 0 { hungUp(upstream, direction: &downward) }
            if input || output {
                guard
                    (!input || downward.pump(scratch: loop.scratch)) && (!output || upward.pump(scratch: loop.scratch))
                else { return reset() }
            }
        }
        settle()
    }

    /// A socket that hung up stays reported as such by level-triggered epoll, so it leaves the set: its remaining
    /// input is read to the end by the pumps its partner's writability triggers.
    private func hungUp(_ socket: CInt, direction: inout SpliceDirection) {
        guard direction.sourceWatched else { return }
        direction.sourceWatched = false
        loop.unwatch(socket)
    }

    /// The non-blocking connect ended: on success both directions start, on failure the client is reset.
    private func connected(hungUp: Bool) {
        connecting = false
        guard !hungUp, SpliceSocket.pendingError(upstream) == 0 else { return reset() }
        SpliceSocket.setNoDelay(upstream)
        if handOverWhenConnected { return handOver() }
        guard upward.pump(scratch: loop.scratch) && downward.pump(scratch: loop.scratch) else { return reset() }
        settle()
    }

    /// Closes once both FINs are through, otherwise watches each socket for what its directions wait on.
    private func settle() {
        if upward.finished && downward.finished { return close(reset: false) }
        let wantIn = EPOLLIN.rawValue
        let wantOut = EPOLLOUT.rawValue
        let clientWants = (upward.wantsInput ? wantIn : 0) | (downward.stalled ? wantOut : 0)
        let upstreamWants = (downward.wantsInput ? wantIn : 0) | (upward.stalled ? wantOut : 0)
        if clientWants != clientEvents && upward.sourceWatched {
            clientEvents = clientWants
            loop.modify(client, token: token, side: Self.clientSide, events: clientWants)
        }
        if upstreamWants != upstreamEvents && downward.sourceWatched {
            upstreamEvents = upstreamWants
            loop.modify(upstream, token: token, side: Self.upstreamSide, events: upstreamWants)
        }
    }

    /// Resets both sockets: a reset or error on one side is passed on to the other as a TCP RST.
    func reset() { close(reset: true) }

    /// Closes both sockets (with SO_LINGER 0 when `reset`) and forgets the connection.
    func close(reset: Bool) {
        guard !done else { return }
        done = true
        if reset {
            SpliceSocket.reset(client)
            SpliceSocket.reset(upstream)
        } else {
            Glibc.close(client)
            Glibc.close(upstream)
        }
        loop.remove(token: token)
        proxy.unregisterSplice(id: id)
    }

    /// Leaves the splice path: out of the epoll set, the pipes' bytes read out, both sockets given to NIO.
    func handOver() {
        guard !done else { return }
        if connecting {
            handOverWhenConnected = true
            return
        }
        done = true
        if upward.sourceWatched { loop.unwatch(client) }
        if downward.sourceWatched { loop.unwatch(upstream) }
        let handOver = SpliceHandOver(
            id: id,
            client: client,
            upstream: upstream,
            toUpstream: upward.pipe.takeAll(),
            toClient: downward.pipe.takeAll()
        )
        loop.remove(token: token)
        proxy.adopt(handOver)
    }
}
