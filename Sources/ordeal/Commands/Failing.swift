import ArgumentParser
import Foundation
import Harness

/// A failure a command has already explained: the message to print and the documented exit code to leave with.
///
/// Each command turns the errors of its own domain (a scenario error, an unreadable report) into one of these, so
/// the mapping to exit codes stays next to the code that knows what went wrong.
struct CommandFailure: Error, CustomStringConvertible {
    let code: OrdealExitCode
    let message: String

    init(_ code: OrdealExitCode, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { message }
}

/// Prints a command's failure on standard error and turns it into Ordeal's documented exit code.
func exitCode(for error: any Error) -> ArgumentParser.ExitCode {
    let code: OrdealExitCode =
        switch error {
        case let failure as CommandFailure: failure.code
        case let failure as RunFailure: failure.exitCode
        default: .internalError
        }
    FileHandle.standardError.write(Data("ordeal: \(error)\n".utf8))
    return ArgumentParser.ExitCode(code.rawValue)
}

/// Runs a command body, mapping whatever it throws to an exit code.
func runReportingFailure(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ArgumentParser.ExitCode {
        throw error
    } catch {
        throw exitCode(for: error)
    }
}
