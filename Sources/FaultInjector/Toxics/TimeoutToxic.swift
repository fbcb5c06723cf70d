import NIOCore

/// Stops all data (it is dropped) and closes the connection `timeout` ms after it is installed; 0 never closes.
///
/// The close comes from ``start(at:)``, so the link can cancel it when the toxic is removed before it fires.
public struct TimeoutToxic: Toxic {
    public static let typeName = "timeout"
    public static let attributes = [ToxicAttribute("timeout", .milliseconds, required: true)]

    /// Time until the connection is closed, ms; 0 holds it open, silent, until the toxic is removed.
    public var timeout: Int

    public init() { self.init(timeout: 0) }

    public init(timeout: Int) { self.timeout = timeout }

    public mutating func start(at instant: ContinuousClock.Instant) -> [Emission] {
        timeout > 0 ? [.close(at: instant + .toxicMilliseconds(timeout))] : []
    }

    public mutating func pipe(_ chunk: Chunk, random: inout some RandomNumberGenerator) -> [Emission] { [] }

    public mutating func end(at instant: ContinuousClock.Instant) -> [Emission] { [] }
}
