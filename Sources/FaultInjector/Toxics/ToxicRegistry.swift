/// Every toxic Ordeal knows, keyed by Toxiproxy's `type` string; adding a toxic is one file plus one line here.
///
/// The API and scenarios both decode through these declarations (see ``ToxicDecoding``).
public enum ToxicRegistry {
    /// The toxic types, in the order they are documented.
    public static let all: [any ToxicDefinition.Type] = [
        LatencyToxic.self,
        BandwidthToxic.self,
        SlowCloseToxic.self,
        TimeoutToxic.self,
        ResetPeerToxic.self,
        SlicerToxic.self,
        LimitDataToxic.self,
        CorruptToxic.self,
        PacketLossToxic.self,
        HTTPStatusToxic.self,
        HTTPLatencyToxic.self,
        HTTPAbortToxic.self,
        HTTPHeaderToxic.self,
    ]

    /// The type registered under `name`, or nil for an unknown type.
    public static func type(named name: String) -> (any ToxicDefinition.Type)? {
        all.first { $0.typeName == name }
    }
}
