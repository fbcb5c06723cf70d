import Scenarios

/// Why a run could not happen or finish, with the exit code it leaves with and a message that says what and where.
public struct RunFailure: Error, CustomStringConvertible, Sendable {
    public let exitCode: OrdealExitCode
    public let description: String

    public init(_ exitCode: OrdealExitCode, _ description: String) {
        self.exitCode = exitCode
        self.description = description
    }

    /// A scenario or target file that cannot be read (66) or holds problems (65), every problem on its own line.
    public init(_ error: ScenarioError) {
        switch error {
        case .unreadable: self.init(.noInput, error.description)
        case .invalid(let diagnostics):
            let count = diagnostics.count
            self.init(
                .invalidInput,
                diagnostics.map(\.description).joined(separator: "\n")
                    + "\n\(count) problem\(count == 1 ? "" : "s") found"
            )
        }
    }
}
