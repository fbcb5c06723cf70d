/// One problem found in a scenario or target file: where it is and what was expected there.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong and what was expected instead.
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: error: message`.
    public var description: String { "\(location): error: \(message)" }
}

/// Why a scenario or target file could not be loaded: it could not be read, or it holds problems (all of them).
public enum ScenarioError: Error, Sendable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// The file was read and holds these problems, in file order.
    case invalid([Diagnostic])

    /// Every problem, empty for an unreadable file.
    public var diagnostics: [Diagnostic] {
        switch self {
        case .unreadable: []
        case .invalid(let diagnostics): diagnostics
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .invalid(let diagnostics): diagnostics.map(\.description).joined(separator: "\n")
        }
    }
}
