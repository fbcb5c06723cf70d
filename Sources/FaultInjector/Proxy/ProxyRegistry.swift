import Basics
import NIOCore
import NIOPosix

/// Every proxy of one Ordeal process by name: what the control API and the fault timeline act on.
public actor ProxyRegistry {
    private var proxies: [String: Proxy] = [:]
    private let group: any EventLoopGroup
    private let splice: SpliceLoopGroup?
    private var seeds: SplitMix64

    /// - Parameters:
    ///   - splice: the loops that move the connections of TCP proxies with no toxic outside NIO; nil keeps them all
    ///     on NIO.
    ///   - seed: the source of each proxy's seed, so a run's random draws can be replayed.
    public init(
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        splice: SpliceLoopGroup? = .shared,
        seed: UInt64 = .random(in: 0...UInt64.max)
    ) {
        self.group = group
        self.splice = splice
        self.seeds = SplitMix64(seed: seed)
    }

    /// A registry whose proxies move bytes on `loops` event loops of their own, and as many splice loops, which live
    /// as long as the process (`ordeal proxy --loops`); nil shares NIO's loops and the shared splice loops, one per
    /// core. `splice: false` keeps every connection on NIO (`--no-splice`).
    public init(loops: Int?, splice: Bool = true) {
        self.init(
            group: loops.map { MultiThreadedEventLoopGroup(numberOfThreads: $0) } ?? .singleton,
            splice: splice ? (loops.map { SpliceLoopGroup(threads: $0) } ?? .shared) : nil
        )
    }

    /// Every proxy, sorted by name.
    public var all: [Proxy] { proxies.values.sorted { $0.name < $1.name } }

    /// The proxy called `name`.
    public func proxy(named name: String) throws(FaultInjectorError) -> Proxy {
        guard let proxy = proxies[name] else { throw .proxyNotFound }
        return proxy
    }

    /// Creates a proxy and starts it listening (unless it is created disabled).
    @discardableResult
    public func create(_ configuration: ProxyConfiguration) async throws(FaultInjectorError) -> Proxy {
        guard proxies[configuration.name] == nil else { throw .proxyExists }
        let proxy = try Proxy(configuration, group: group, splice: splice, seed: seeds.next())
        proxies[configuration.name] = proxy
        do {
            try await proxy.start()
        } catch {
            proxies[configuration.name] = nil
            throw error
        }
        return proxy
    }

    /// Stops and forgets the proxy called `name`.
    public func delete(named name: String) async throws(FaultInjectorError) {
        guard let proxy = proxies.removeValue(forKey: name) else { throw .proxyNotFound }
        await proxy.stop()
    }

    /// Creates each proxy, or replaces an existing one whose `listen` or `upstream` differ (Toxiproxy's `/populate`).
    /// On failure, throws with the proxies handled before it.
    public func populate(_ configurations: [ProxyConfiguration]) async throws(PopulateFailure) -> [Proxy] {
        var done: [Proxy] = []
        for configuration in configurations {
            do {
                if let existing = proxies[configuration.name] {
                    let current = existing.configuration
                    if current.listen == configuration.listen && current.upstream == configuration.upstream
                        && current.protocol == configuration.protocol
                    {
                        done.append(existing)
                        continue
                    }
                    try await delete(named: configuration.name)
                }
                done.append(try await create(configuration))
            } catch {
                throw PopulateFailure(error: error, proxies: done)
            }
        }
        return done
    }

    /// Re-enables every proxy and removes every toxic (Toxiproxy's `/reset`).
    public func reset() async throws(FaultInjectorError) {
        for proxy in proxies.values {
            proxy.removeAllToxics()
            var configuration = proxy.configuration
            configuration.enabled = true
            try await proxy.update(configuration)
        }
    }

    /// Stops every proxy.
    public func shutdown() async {
        for proxy in proxies.values { await proxy.stop() }
        proxies = [:]
    }
}

/// A `/populate` that stopped part-way: the error, and the proxies handled before it.
public struct PopulateFailure: Error, Sendable {
    public var error: FaultInjectorError
    public var proxies: [Proxy]
}
