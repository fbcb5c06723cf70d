import Foundation
import NIOPosix

/// PostgreSQL's client programs (`pg_dump`, `pg_restore`): found in PATH or in Debian's
/// `/usr/lib/postgresql/<version>/bin`, newest first, and run to completion.
enum PostgresTools {
    /// The path of `tool`, nil when it is nowhere.
    static func find(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let debian = versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "\(root)/\($0)/bin" }
        return (path.split(separator: ":").map(String.init) + debian).map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `tool` against the database at `url` (passed as `--dbname`) with `arguments`; throws with its error
    /// output when it fails. A password in the URL goes to the tool as `PGPASSWORD`, never on its command line, where
    /// any user's `ps` would show it. The wait for the tool happens on the blocking pool, not on a thread that runs
    /// tasks.
    static func run(_ tool: String, database url: String, _ arguments: [String]) async throws {
        let (withoutPassword, password) = splittingPassword(url)
        var environment = ProcessInfo.processInfo.environment
        if let password { environment["PGPASSWORD"] = password }
        let finalArguments = ["--dbname=\(withoutPassword)"] + arguments
        try await NIOThreadPool.singleton.runIfActive { [environment] in
            try run(tool, finalArguments, environment: environment)
        }
    }

    /// `url` without its password, and the password (percent-decoded), if it had one.
    static func splittingPassword(_ url: String) -> (url: String, password: String?) {
        guard var components = URLComponents(string: url), let password = components.password else { return (url, nil) }
        components.password = nil
        return (components.string ?? url, password)
    }

    /// Runs `tool` with `arguments`; throws with its error output when it fails.
    private static func run(_ tool: String, _ arguments: [String], environment: [String: String]) throws {
        guard let executable = find(tool) else {
            throw DataMaintenance.Failure(
                description:
                    "\(tool) not found in PATH or /usr/lib/postgresql/*/bin (apt-get install postgresql-client)"
            )
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw DataMaintenance.Failure(
                description: "\(tool) exited with status \(process.terminationStatus): \(text)"
            )
        }
    }
}
