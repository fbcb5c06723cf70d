import NIOCore
import NIOHTTP2
import NIOPosix
import NIOSSL
import Profiler

/// Opens one connection to the target the way the run asks: TCP, then TLS when the target is https, then HTTP/1.1
/// or HTTP/2 by ALPN (or as told), timing the TCP connect and the handshake apart.
struct ConnectionOpener {
    let eventLoop: any EventLoop
    let address: SocketAddress
    let connectTimeout: TimeAmount
    let tls: TLSClient?

    /// What the connection must speak: HTTP/1.1, HTTP/2 (h2 by ALPN, or h2c on plain TCP), or what ALPN chooses.
    enum Speech { case http1, http2, negotiated }

    /// Opens a connection; `user` owns it when it turns out HTTP/1.1.
    func open(
        for user: VirtualUser,
        speaking speech: Speech,
        completion: @escaping (Result<OpenedConnection, OpenFailure>) -> Void
    ) {
        let started = NIODeadline.now()
        let loop = eventLoop
        let tls = self.tls
        ClientBootstrap(group: loop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(to: address)
            .assumeIsolated()
            .whenComplete { result in
                let connected = NIODeadline.now()
                let connectTime = VirtualUser.microseconds(from: started, to: connected)
                switch result {
                case .failure(let error):
                    completion(.failure(.error(ConnectionErrors.kind(ofConnectError: error))))
                case .success(let channel):
                    guard let tls else {
                        let made = Self.finishPlain(channel, speech: speech, user: user)
                        let timings = (connectTime, nil as UInt64?)
                        return Self.whenReady(made, channel: channel, timeout: connectTimeout, timings, completion)
                    }
                    Self.startTLS(channel, tls: tls, timeout: connectTimeout) { outcome in
                        let handshakeTime = VirtualUser.microseconds(from: connected, to: NIODeadline.now())
                        switch outcome {
                        case .failure(let failure):
                            completion(.failure(failure))
                        case .success(let negotiated):
                            let made = Self.finishSecure(channel, negotiated: negotiated, speech: speech, user: user)
                            let timings = (connectTime, handshakeTime as UInt64?)
                            Self.whenReady(made, channel: channel, timeout: connectTimeout, timings, completion)
                        }
                    }
                }
            }
    }

    /// Passes an HTTP/1.1 connection on at once and an HTTP/2 one once the server's SETTINGS are in (closing it
    /// when they take longer than `timeout`), with its set-up times: TCP connect and TLS handshake.
    private static func whenReady(
        _ made: Result<(Connection, ConnectionProtocol), OpenFailure>,
        channel: any Channel,
        timeout: TimeAmount,
        _ timings: (connect: UInt64, handshake: UInt64?),
        _ done: @escaping (Result<OpenedConnection, OpenFailure>) -> Void
    ) {
        let opened = made.map {
            OpenedConnection(
                connection: $0.0,
                wireProtocol: $0.1,
                connectMicroseconds: timings.connect,
                tlsHandshakeMicroseconds: timings.handshake
            )
        }
        guard case .success((.http2(let connection), _)) = made else { return done(opened) }
        let timer = channel.eventLoop.assumeIsolated().scheduleTask(in: timeout) { connection.timeOutBeforeReady() }
        connection.whenReady { ready in
            timer.cancel()
            done(ready.flatMap { opened })
        }
    }

    private static func finishPlain(
        _ channel: any Channel,
        speech: Speech,
        user: VirtualUser
    ) -> Result<(Connection, ConnectionProtocol), OpenFailure> {
        speech == .http2
            ? addHTTP2(channel).map { (.http2($0), .h2c) }
            : addHTTP1(channel, user: user).map { (.http1($0), .http1) }
    }

    private static func finishSecure(
        _ channel: any Channel,
        negotiated: String?,
        speech: Speech,
        user: VirtualUser
    ) -> Result<(Connection, ConnectionProtocol), OpenFailure> {
        if negotiated == "h2" { return addHTTP2(channel).map { (.http2($0), .h2) } }
        guard speech != .http2 else {
            channel.close(promise: nil)
            return .failure(.tls(.other))
        }
        return addHTTP1(channel, user: user).map { (.http1($0), .http1OverTLS) }
    }

    private static func startTLS(
        _ channel: any Channel,
        tls: TLSClient,
        timeout: TimeAmount,
        done: @escaping (Result<String?, OpenFailure>) -> Void
    ) {
        let witness = VerificationWitness()
        let waiter = TLSHandshakeHandler(witness: witness, onDone: done)
        do {
            let sync = channel.pipeline.syncOperations
            let maker: some WitnessedHandlerMaking = tls
            try sync.addHandler(try maker.makeHandler(witness: witness))
            try sync.addHandler(waiter)
            let context = try sync.context(handler: waiter)
            channel.eventLoop.assumeIsolated().scheduleTask(in: timeout) { waiter.timeOut(context: context) }
        } catch {
            channel.close(promise: nil)
            done(.failure(.tls(.other)))
        }
    }

    private static func addHTTP1(_ channel: any Channel, user: VirtualUser) -> Result<HTTP1Connection, OpenFailure> {
        let handler = HTTP1Connection(user: user)
        do {
            try channel.pipeline.syncOperations.addHandler(handler)
            return .success(handler)
        } catch {
            channel.close(promise: nil)
            return .failure(.error(.reset))
        }
    }

    private static func addHTTP2(_ channel: any Channel) -> Result<HTTP2Connection, OpenFailure> {
        let handler = HTTP2Connection()
        var configuration = NIOHTTP2Handler.ConnectionConfiguration()
        configuration.initialSettings = HTTP2Connection.initialSettings
        // Streams we cancel on timeout may still see frames in flight; remember enough of them to ignore those.
        configuration.maximumRecentlyResetStreams = 1024
        // Header-block validation checks every field of every response character by character (about a tenth of
        // the client's time, profiled against nginx); the requests are built well-formed here, and a response the
        // flow reads is checked by the flow's own checks.
        configuration.headerBlockValidation = .disabled
        configuration.contentLengthValidation = .disabled
        do {
            let sync = channel.pipeline.syncOperations
            try sync.addHandler(NIOHTTP2Handler(mode: .client, connectionConfiguration: configuration))
            try sync.addHandler(handler)
            return .success(handler)
        } catch {
            channel.close(promise: nil)
            return .failure(.error(.reset))
        }
    }
}
