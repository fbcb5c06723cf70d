/// Sets (`set_name`/`set_value`) and/or removes (`remove_name`) a header of a matching request's response.
public struct HTTPHeaderToxic: HTTPToxic {
    public static let typeName = "http_header"
    public static let attributes =
        [ToxicAttribute("set_name", .text), ToxicAttribute("set_value", .text), ToxicAttribute("remove_name", .text)]
        + HTTPMatch.attributes

    /// The header to set (replacing every line of that name); empty for none.
    public var setName: String
    public var setValue: String
    /// The header to remove; empty for none.
    public var removeName: String
    public var match: HTTPMatch

    private enum CodingKeys: String, CodingKey {
        case setName = "set_name"
        case setValue = "set_value"
        case removeName = "remove_name"
    }

    public init() { self.init(setName: "") }

    public init(setName: String, setValue: String = "", removeName: String = "", match: HTTPMatch = HTTPMatch()) {
        self.setName = setName
        self.setValue = setValue
        self.removeName = removeName
        self.match = match
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        setName = try container.decodeIfPresent(String.self, forKey: .setName) ?? ""
        setValue = try container.decodeIfPresent(String.self, forKey: .setValue) ?? ""
        removeName = try container.decodeIfPresent(String.self, forKey: .removeName) ?? ""
        match = try HTTPMatch(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(setName, forKey: .setName)
        try container.encode(setValue, forKey: .setValue)
        try container.encode(removeName, forKey: .removeName)
        try match.encode(to: encoder)
    }

    public func validate() throws(FaultInjectorError) {
        guard !setName.isEmpty || !removeName.isEmpty else {
            throw .badRequest("an http_header toxic needs set_name (with set_value) or remove_name")
        }
        for name in [setName, removeName] where !name.isEmpty && !name.utf8.allSatisfy(HTTPHead.isToken) {
            throw .badRequest("\"\(name)\" is not a header name")
        }
        if setName.isEmpty, !setValue.isEmpty { throw .badRequest("set_value needs a set_name") }
        if setValue.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) {
            throw .badRequest("set_value must not contain a line break")
        }
        try match.validate()
    }

    public func decide(
        for request: HTTPHead,
        into decision: inout HTTPDecision,
        random: inout some RandomNumberGenerator
    ) {
        if !removeName.isEmpty { decision.headerEdits.append(.remove(name: removeName)) }
        if !setName.isEmpty { decision.headerEdits.append(.set(name: setName, value: setValue)) }
    }
}
