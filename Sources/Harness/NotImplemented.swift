/// Thrown by a command whose capability has not been built yet; it maps to ``OrdealExitCode/unavailable``.
public struct NotImplemented: Error, CustomStringConvertible, Sendable {
    /// The command or capability that is missing, e.g. `ordeal compare`.
    public let capability: String
    /// The issue that will build it.
    public let issue: Int

    public init(_ capability: String, issue: Int) {
        self.capability = capability
        self.issue = issue
    }

    public var description: String { "\(capability) is not implemented yet (issue #\(issue))" }
}
