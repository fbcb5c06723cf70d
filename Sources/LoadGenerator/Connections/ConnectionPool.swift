import NIOCore
import Profiler

/// One event loop's connections to the target, handed to its virtual users.
///
/// HTTP/1.1 gives each user a connection of its own. HTTP/2 shares a few connections among the loop's users (user
/// `s` uses connection `s mod n`), each opened once and reopened when it goes away. When TLS lets ALPN choose, the
/// first connection decides for the whole loop: users asking meanwhile wait for it rather than open connections
/// that might be of the wrong kind.
final class ConnectionPool {
    private let opener: ConnectionOpener
    private var speech: ConnectionOpener.Speech
    /// The shared HTTP/2 connections by slot, and the users waiting for a slot being opened.
    private var shared: [HTTP2Connection?] = [nil]
    private var waiting: [Int: [Waiter]] = [:]
    /// Users waiting for the first connection to tell which protocol this loop speaks.
    private var negotiationWaiters: [Waiter]?

    typealias Waiter = (user: VirtualUser, completion: (Result<(Connection, OpenedConnection?), OpenFailure>) -> Void)
    /// Set once the run is over: connections that finish opening afterwards are closed at once.
    private var isClosed = false

    init(opener: ConnectionOpener, speech: ConnectionOpener.Speech) {
        self.opener = opener
        self.speech = speech
    }

    /// How many HTTP/2 connections this loop's users share from now on (at least one); surplus ones retire once
    /// their streams are done.
    func useConnections(_ count: Int) {
        let count = max(1, count)
        if shared.count > count {
            for connection in shared[count...] { connection?.retire() }
            shared.removeLast(shared.count - count)
        } else if shared.count < count {
            shared += Array(repeating: nil, count: count - shared.count)
        }
    }

    /// A connection for `user`: the completion gets the connection (with its set-up figures when this call opened
    /// it, nil figures when it was shared and already open) or why none could be opened.
    func connection(
        for user: VirtualUser,
        completion: @escaping (Result<(Connection, OpenedConnection?), OpenFailure>) -> Void
    ) {
        switch speech {
        case .http1:
            opener.open(for: user, speaking: .http1) { [self] result in
                if isClosed, case .success(let opened) = result, case .http1(let connection) = opened.connection {
                    connection.abandon()
                    return completion(.failure(.error(.reset)))
                }
                completion(result.map { ($0.connection, $0) })
            }
        case .http2:
            sharedConnection(for: user, completion: completion)
        case .negotiated:
            negotiate(for: user, completion: completion)
        }
    }

    private func sharedConnection(
        for user: VirtualUser,
        completion: @escaping (Result<(Connection, OpenedConnection?), OpenFailure>) -> Void
    ) {
        let slot = user.slot % shared.count
        if let open = shared[slot], open.isUsable { return completion(.success((.http2(open), nil))) }
        let waiter: Waiter = (user, completion)
        if waiting[slot] != nil { return waiting[slot]!.append(waiter) }
        waiting[slot] = [waiter]
        opener.open(for: user, speaking: .http2) { [self] result in settle(slot, with: result) }
    }

    /// Stores a newly opened shared connection (or the failure) and answers everyone waiting for its slot; the user
    /// that opened it gets its set-up figures.
    private func settle(_ slot: Int, with result: Result<OpenedConnection, OpenFailure>) {
        let waiters = waiting.removeValue(forKey: slot) ?? []
        switch result {
        case .success(let opened):
            guard case .http2(let connection) = opened.connection, !isClosed else {
                if case .http2(let connection) = opened.connection { connection.close() }
                for waiter in waiters { waiter.completion(.failure(.error(.reset))) }
                return
            }
            connection.onRetired = { [weak self] retired in self?.forget(retired) }
            let kept = shared.indices.contains(slot)
            if kept { shared[slot] = connection }
            // The waiters start their streams on it even when the pool shrank meanwhile; it then retires after them.
            for (index, waiter) in waiters.enumerated() {
                waiter.completion(.success((.http2(connection), index == 0 ? opened : nil)))
            }
            if !kept { connection.retire() }
        case .failure(let failure):
            for waiter in waiters { waiter.completion(.failure(failure)) }
        }
    }

    private func forget(_ retired: HTTP2Connection) {
        for slot in shared.indices where shared[slot] === retired { shared[slot] = nil }
    }

    /// ALPN decides on the first connection; until then users queue behind it.
    private func negotiate(
        for user: VirtualUser,
        completion: @escaping (Result<(Connection, OpenedConnection?), OpenFailure>) -> Void
    ) {
        let retry: Waiter = (
            user,
            { [self] result in
                if case .failure(let failure) = result { return completion(.failure(failure)) }
                connection(for: user, completion: completion)
            }
        )
        if negotiationWaiters != nil { return negotiationWaiters!.append(retry) }
        negotiationWaiters = []
        opener.open(for: user, speaking: .negotiated) { [self] result in
            let waiters = negotiationWaiters ?? []
            negotiationWaiters = nil
            switch result {
            case .success(let opened) where isClosed:
                if case .http2(let connection) = opened.connection { connection.close() }
                if case .http1(let connection) = opened.connection { connection.abandon() }
                completion(.failure(.error(.reset)))
                for waiter in waiters { waiter.completion(.failure(.error(.reset))) }
            case .success(let opened):
                if case .http2(let connection) = opened.connection {
                    speech = .http2
                    connection.onRetired = { [weak self] retired in self?.forget(retired) }
                    shared[user.slot % shared.count] = connection
                } else {
                    speech = .http1
                }
                completion(.success((opened.connection, opened)))
                for waiter in waiters { waiter.completion(.success((opened.connection, nil))) }
            case .failure(let failure):
                completion(.failure(failure))
                for waiter in waiters { waiter.completion(.failure(failure)) }
            }
        }
    }

    /// Closes the shared connections (the run is over); users close their own HTTP/1.1 connections.
    func closeAll() {
        isClosed = true
        for connection in shared { connection?.close() }
        shared = shared.map { _ in nil }
    }
}
