import CSplice
import Glibc

/// The listening socket of a TCP proxy whose connections start on the splice path, watched by one ``SpliceLoop``.
///
/// NIO cannot give up the descriptor of a channel it accepted, so such a proxy accepts with a socket of its own; the
/// proxy then routes each accepted socket: to a splice loop while it has no toxic, to NIO (as a connected socket)
/// otherwise.
final class SpliceListener: SpliceWatcher {
    private let descriptor: CInt
    private let token: UInt64
    private unowned let loop: SpliceLoop
    private let loops: SpliceLoopGroup
    private let proxy: Proxy

    private init(descriptor: CInt, token: UInt64, loop: SpliceLoop, loops: SpliceLoopGroup, proxy: Proxy) {
        self.descriptor = descriptor
        self.token = token
        self.loop = loop
        self.loops = loops
        self.proxy = proxy
    }

    /// Starts accepting on `descriptor`; call on `loop`'s thread.
    static func start(descriptor: CInt, token: UInt64, loop: SpliceLoop, loops: SpliceLoopGroup, proxy: Proxy) {
        let listener = SpliceListener(descriptor: descriptor, token: token, loop: loop, loops: loops, proxy: proxy)
        loop.add(listener, token: token)
        loop.watch(descriptor, token: token, side: 0, events: EPOLLIN.rawValue)
    }

    func ready(_ events: UInt32, side: UInt64) {
        // A bounded batch per wake-up, so one busy listener does not starve the connections on this loop.
        for _ in 0..<64 {
            let client = csplice_accept(descriptor)
            guard client >= 0 else { return }
            SpliceSocket.setNoDelay(client)
            proxy.admit(client, loops: loops)
        }
    }

    func expired() {}

    /// Stops accepting and closes the socket.
    func close() {
        loop.unwatch(descriptor)
        Glibc.close(descriptor)
        loop.remove(token: token)
    }
}
