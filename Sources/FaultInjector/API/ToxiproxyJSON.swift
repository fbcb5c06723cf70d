import Basics

/// A proxy as Toxiproxy's API shows it, with its toxics.
struct ProxyJSON: Codable, Sendable {
    var name: String
    var listen: String
    var upstream: String
    var enabled: Bool
    var toxics: [ToxicJSON]
    /// Ordeal's: `tcp` or `http`.
    var `protocol`: String
    /// Ordeal's: connections of an HTTP proxy that passed through unparsed (TLS, HTTP/2, malformed).
    var unparsedConnections: Int

    private enum CodingKeys: String, CodingKey {
        case name, listen, upstream, enabled, toxics, `protocol`
        case unparsedConnections = "unparsed_connections"
    }

    init(_ proxy: Proxy) {
        let configuration = proxy.configuration
        name = configuration.name
        listen = configuration.listen
        upstream = configuration.upstream
        enabled = configuration.enabled
        toxics = proxy.toxics.map(ToxicJSON.init)
        self.protocol = configuration.protocol.rawValue
        unparsedConnections = proxy.unparsedConnections
    }
}

/// A toxic as Toxiproxy's API shows it.
struct ToxicJSON: Codable, Sendable {
    var name: String
    var type: String
    var stream: String
    var toxicity: Double
    var attributes: [String: JSONValue]

    init(_ spec: ToxicSpec) {
        name = spec.name
        type = spec.typeName
        stream = spec.stream.rawValue
        toxicity = spec.toxicity
        attributes = ToxicDecoding.object(of: spec.toxic)
    }
}

/// The body of a proxy create or update: every field optional, so an update keeps what it does not name.
struct ProxyRequest: Codable, Sendable {
    var name: String?
    var listen: String?
    var upstream: String?
    var enabled: Bool?
    /// Ordeal's: `tcp` (the default) or `http`.
    var `protocol`: String?

    /// The new configuration for a proxy created from this request.
    func creating() throws(FaultInjectorError) -> ProxyConfiguration {
        guard let name, !name.isEmpty else { throw .missingField("name") }
        guard let upstream, !upstream.isEmpty else { throw .missingField("upstream") }
        return ProxyConfiguration(
            name: name,
            listen: listen ?? "127.0.0.1:0",
            upstream: upstream,
            enabled: enabled ?? true,
            protocol: try parsedProtocol() ?? .tcp
        )
    }

    /// `current` with the fields this request names.
    func applied(to current: ProxyConfiguration) throws(FaultInjectorError) -> ProxyConfiguration {
        var next = current
        if let listen { next.listen = listen }
        if let upstream { next.upstream = upstream }
        if let enabled { next.enabled = enabled }
        if let parsed = try parsedProtocol() { next.protocol = parsed }
        return next
    }

    private func parsedProtocol() throws(FaultInjectorError) -> ProxyProtocol? {
        guard let text = self.protocol, !text.isEmpty else { return nil }
        guard let parsed = ProxyProtocol(rawValue: text) else {
            throw .badRequest("protocol \"\(text)\" is not tcp or http")
        }
        return parsed
    }
}

/// The body of a toxic create or update.
struct ToxicRequest: Codable, Sendable {
    var name: String?
    var type: String?
    var stream: String?
    var toxicity: Double?
    var attributes: [String: JSONValue]?

    /// A new toxic with Toxiproxy's defaults: stream downstream, toxicity 1, name `<type>_<stream>`.
    func creating() throws(FaultInjectorError) -> ToxicSpec {
        guard let typeName = type, let toxicType = ToxicRegistry.type(named: typeName) else {
            throw .invalidToxicType(type ?? "")
        }
        let stream = try parsedStream() ?? .default
        let toxic = try ToxicDecoding.merge(attributes ?? [:], onto: nil, type: toxicType)
        let name = (self.name?.isEmpty ?? true) ? nil : self.name
        return try ToxicSpec(name: name, stream: stream, toxicity: toxicity ?? 1, definition: toxic)
    }

    /// Applies an update: only `attributes` (merged) and `toxicity` change, as in Toxiproxy.
    func apply(to spec: inout ToxicSpec) throws(FaultInjectorError) {
        if let attributes {
            let toxic = try ToxicDecoding.merge(attributes, onto: spec.toxic, type: Swift.type(of: spec.toxic))
            spec = try ToxicSpec(name: spec.name, stream: spec.stream, toxicity: spec.toxicity, definition: toxic)
        }
        if let toxicity { spec.toxicity = toxicity }
    }

    private func parsedStream() throws(FaultInjectorError) -> ToxicStream? {
        guard let stream, !stream.isEmpty else { return nil }
        guard let parsed = ToxicStream(rawValue: stream) else { throw .invalidStream }
        return parsed
    }
}
