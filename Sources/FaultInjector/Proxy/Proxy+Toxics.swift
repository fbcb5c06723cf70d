extension Proxy {
    /// Adds a toxic at the end of its stream's chain, on every open connection too.
    @discardableResult
    public func addToxic(_ spec: ToxicSpec) throws(FaultInjectorError) -> ToxicSpec {
        if spec.toxic is any HTTPToxic, configuration.protocol != .http {
            throw .badRequest(
                "\(spec.typeName) is an HTTP toxic: proxy \"\(name)\" must be created with \"protocol\": \"http\""
            )
        }
        var added = spec
        try replaceToxics { toxics, revision throws(FaultInjectorError) in
            if toxics.contains(where: { $0.name == spec.name }) { throw .toxicExists }
            added.revision = revision()
            toxics.append(added)
        }
        return added
    }

    /// Changes a toxic in place (same position in its chain); open connections redraw its toxicity.
    @discardableResult
    public func updateToxic(
        named name: String,
        _ change: (inout ToxicSpec) throws(FaultInjectorError) -> Void
    ) throws(FaultInjectorError) -> ToxicSpec {
        var updated: ToxicSpec?
        try replaceToxics { toxics, revision throws(FaultInjectorError) in
            guard let index = toxics.firstIndex(where: { $0.name == name }) else { throw .toxicNotFound }
            var spec = toxics[index]
            try change(&spec)
            spec.name = name
            spec.revision = revision()
            toxics[index] = spec
            updated = spec
        }
        return updated!
    }

    /// Removes a toxic; bytes it already scheduled still go out.
    public func removeToxic(named name: String) throws(FaultInjectorError) {
        try replaceToxics { toxics, _ throws(FaultInjectorError) in
            guard let index = toxics.firstIndex(where: { $0.name == name }) else { throw .toxicNotFound }
            toxics.remove(at: index)
        }
    }

    /// Removes every toxic.
    public func removeAllToxics() {
        try? replaceToxics { toxics, _ in toxics.removeAll() }
    }

    /// The toxic called `name`.
    public func toxic(named name: String) throws(FaultInjectorError) -> ToxicSpec {
        guard let spec = toxics.first(where: { $0.name == name }) else { throw .toxicNotFound }
        return spec
    }
}
