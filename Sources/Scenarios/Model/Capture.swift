/// A value taken from a response into a template variable: `capture: { token: $.token, etag: { header: ETag } }`.
public struct Capture: Sendable {
    /// The variable name, used later as `${name}`.
    public var name: String
    /// The variable's slot in ``TemplateValues``.
    public var slot: Int
    public var source: Source
    public var location: SourceLocation

    public init(name: String, slot: Int, source: Source, location: SourceLocation) {
        self.name = name
        self.slot = slot
        self.source = source
        self.location = location
    }

    /// Where the value comes from.
    public enum Source: Sendable, Equatable {
        /// A JSON path into the response body; strings are captured without quotes, other values as JSON text.
        case json(JSONPath)
        /// A response header, by case-insensitive name.
        case header(String)
    }
}
