/// One toxic as installed on a proxy: Toxiproxy's envelope (`name`, `stream`, `toxicity`) around the toxic itself.
public struct ToxicSpec: Sendable {
    /// Unique within its proxy; Toxiproxy's default is `<type>_<stream>`.
    public var name: String
    /// The direction it acts on.
    public var stream: ToxicStream
    /// The fraction it applies to: of connections for a byte toxic (drawn once per connection), of matching requests
    /// for an HTTP toxic (drawn per request).
    public var toxicity: Double
    /// The toxic with its attributes.
    public var toxic: any Toxic
    /// Changes whenever the toxic is created or updated, so links know to redraw toxicity and reset state.
    var revision: UInt64 = 0

    public init(name: String? = nil, stream: ToxicStream = .default, toxicity: Double = 1, toxic: any Toxic) {
        self.name = name ?? "\(type(of: toxic).typeName)_\(stream.rawValue)"
        self.stream = stream
        self.toxicity = toxicity
        self.toxic = toxic
    }

    /// A toxic from a decoded definition; refuses a kind of toxic this proxy layer cannot run.
    init(name: String?, stream: ToxicStream, toxicity: Double, definition: any ToxicDefinition)
        throws(FaultInjectorError)
    {
        guard let toxic = definition as? any Toxic else {
            throw .badRequest("a \(type(of: definition).typeName) toxic cannot act on a TCP proxy")
        }
        self.init(name: name, stream: stream, toxicity: toxicity, toxic: toxic)
    }

    /// Toxiproxy's `type` string.
    public var typeName: String { type(of: toxic).typeName }
}
