import ArgumentParser
import Foundation
import Harness

/// Prints a command's failure on standard error and turns it into Ordeal's documented exit code.
func exitCode(for error: any Error) -> ArgumentParser.ExitCode {
    let code: OrdealExitCode =
        switch error {
        case is NotImplemented: .unavailable
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
