import Basics

extension JSONValue {
    /// The text a capture stores: a string without its quotes, anything else as JSON.
    public var captureText: String {
        if case .string(let text) = self { return text }
        return description
    }
}
