import NIOCore

/// A fault applied to the bytes of one direction of a proxied connection: a pure decision, never an action.
///
/// A toxic is handed each chunk with the instant it reached the toxic and a seeded random source, and answers with
/// ``Emission``s: deliver these bytes at this instant, end the stream, close or reset the connection. The link owns
/// the timers, the FIFO order and back-pressure (see ``ToxicLink``), so a toxic holds no timer, thread or socket and
/// is tested with made-up instants and a seeded generator.
///
/// A toxic declares its attributes once (see ``ToxicDefinition``). One that needs memory across chunks of one
/// connection keeps it in private properties left out of its `CodingKeys`: every connection gets its own copy.
public protocol Toxic: ToxicDefinition {
    /// What becomes of one chunk that reached this toxic at `chunk.instant`.
    mutating func pipe(_ chunk: Chunk, random: inout some RandomNumberGenerator) -> [Emission]

    /// What becomes of the end of the stream (the reader's FIN) that reached this toxic at `instant`.
    mutating func end(at instant: ContinuousClock.Instant) -> [Emission]

    /// What the toxic does as soon as it is installed on a connection, before any chunk (a timeout's deadline).
    mutating func start(at instant: ContinuousClock.Instant) -> [Emission]
}

extension Toxic {
    public mutating func end(at instant: ContinuousClock.Instant) -> [Emission] { [.end(at: instant)] }

    public mutating func start(at instant: ContinuousClock.Instant) -> [Emission] { [] }
}

/// Bytes on their way through a toxic chain, stamped with the instant they reach the next toxic.
public struct Chunk: Sendable, Equatable {
    /// The bytes; never parsed, only delayed, split, cut or changed.
    public var bytes: ByteBuffer
    /// When these bytes reach the toxic.
    public var instant: ContinuousClock.Instant

    public init(bytes: ByteBuffer, instant: ContinuousClock.Instant) {
        self.bytes = bytes
        self.instant = instant
    }
}

/// What a toxic asks the link to do; the link performs emissions in FIFO order, never before their instant.
public enum Emission: Sendable, Equatable {
    /// Pass these bytes on at this instant (to the next toxic, or to the socket at the end of the chain).
    case deliver(ByteBuffer, at: ContinuousClock.Instant)
    /// End this direction's stream at this instant: the destination gets a FIN (half-close).
    case end(at: ContinuousClock.Instant)
    /// Close both sockets of the connection at this instant.
    case close(at: ContinuousClock.Instant)
    /// Close both sockets with a TCP RST (SO_LINGER 0) at this instant.
    case reset(at: ContinuousClock.Instant)

    /// When the emission is due.
    public var instant: ContinuousClock.Instant {
        switch self {
        case .deliver(_, let at), .end(let at), .close(let at), .reset(let at): at
        }
    }
}

extension Duration {
    /// A Toxiproxy millisecond attribute as a duration; negative values count as zero.
    static func toxicMilliseconds(_ value: Int) -> Duration { .milliseconds(max(0, value)) }
}
