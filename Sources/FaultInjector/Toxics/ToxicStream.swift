/// The direction a toxic acts on, in Toxiproxy's words: `upstream` is client → server, `downstream` server → client.
public enum ToxicStream: String, Codable, Sendable, CaseIterable {
    case upstream
    case downstream

    /// Toxiproxy's default when a toxic names no stream.
    public static let `default` = ToxicStream.downstream
}
