/// The configured database cannot be used (unreachable, refused, failed to migrate); the message says which and why.
public struct DatabaseUnavailable: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
