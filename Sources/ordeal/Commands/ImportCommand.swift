import ArgumentParser
import Foundation
import Harness
import ScenarioImport

/// `ordeal import har|openapi`: a scenario from what the user already has.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a recorded HAR session or an OpenAPI document into a scenario that runs as is.",
        discussion: """
            Without --out the scenario is printed on standard output; one that needs data files (data/*.csv,
            written beside the scenario) is refused with exit 64, as they would have nowhere to go. Skipped
            entries are warned about on standard error, one line each.
            Exit codes: 0 imported; 64 usage; 65 malformed input; 66 unreadable input; 74 output not writable.
            """,
        subcommands: [HARImportCommand.self, OpenAPIImportCommand.self]
    )
}

struct HARImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "har",
        abstract: "HAR 1.2 (browser dev tools, mitmproxy, k6 Studio) → scenario, with the service's values correlated."
    )

    @Argument(help: "The HAR file.")
    var file: String

    @Option(help: "Write the scenario to this file (data files go beside it).")
    var out: String?

    @Flag(help: "Keep static assets (images, fonts, CSS, JS) as steps.")
    var includeStatic = false

    @Option(help: "The base URL the scenario targets (default: the recording's most frequent origin).")
    var baseURL: String?

    func run() async throws {
        try await runReportingFailure {
            let text = try await importingAsync { () async throws(ImportError) in try await ImportFiles.read(file) }
            let options = HARImporter.Options(source: file, includeStatic: includeStatic, baseURL: baseURL)
            let result = try importing { () throws(ImportError) in
                try HARImporter.importScenario(text, options: options)
            }
            try emit(result, out: out)
        }
    }
}

struct OpenAPIImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "OpenAPI 3.0/3.1 (a JSON or YAML file, or an http:// URL) → one step per operation."
    )

    @Argument(help: "The OpenAPI document: a file or an http:// URL.")
    var spec: String

    @Option(help: "Write the scenario to this file (data files go beside it).")
    var out: String?

    @Option(help: "The base URL the scenario targets (default: the document's first absolute server).")
    var baseURL: String?

    @Flag(
        help: """
            Keep the operations an ordinary account cannot pass (under /admin, or documenting 403 where others do \
            not); the data file's account must then be an administrator.
            """
    )
    var includeAdmin = false

    func run() async throws {
        try await runReportingFailure {
            let text = try await importingAsync { () async throws(ImportError) in try await ImportFiles.read(spec) }
            let options = OpenAPIImporter.Options(source: spec, baseURL: baseURL, includeAdmin: includeAdmin)
            let result = try importing { () throws(ImportError) in
                try OpenAPIImporter.importScenario(text, options: options)
            }
            try emit(result, out: out)
        }
    }
}

/// `ordeal init [DIR]`: a commented starter scenario and target file.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter scenario.yaml and target.yaml, and print the next two commands."
    )

    @Argument(help: "The folder to write them in (made if needed).")
    var folder: String = "."

    func run() async throws {
        try await runReportingFailure {
            let written = try importing { () throws(ImportError) in try ImportFiles.writeStarter(in: folder) }
            for path in written { print("wrote \(path)") }
            print("next:")
            for command in StarterFiles.nextCommands(folder: folder) { print("  \(command)") }
        }
    }
}

/// Runs an import step, turning its error into the documented exit code.
private func importingAsync<T>(_ body: () async throws(ImportError) -> T) async throws(CommandFailure) -> T {
    do {
        return try await body()
    } catch {
        throw failure(error)
    }
}

private func importing<T>(_ body: () throws(ImportError) -> T) throws(CommandFailure) -> T {
    do {
        return try body()
    } catch {
        throw failure(error)
    }
}

private func failure(_ error: ImportError) -> CommandFailure {
    switch error {
    case .unreadable: CommandFailure(.noInput, error.description)
    case .malformed, .empty: CommandFailure(.invalidInput, error.description)
    case .needsOutputFile: CommandFailure(.usage, error.description)
    case .unwritable: CommandFailure(.ioError, error.description)
    }
}

/// Prints the warnings, then writes or prints the scenario.
private func emit(_ result: ImportResult, out: String?) throws(CommandFailure) {
    for warning in result.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
    if let out {
        let written = try importing { () throws(ImportError) in try ImportFiles.write(result, to: out) }
        for path in written { print("wrote \(path)") }
        print("next:\n  ordeal validate \(out)\n  ordeal run \(out)")
    } else {
        let text = try importing { () throws(ImportError) in try ImportFiles.standardOutputText(result) }
        print(text, terminator: "")
    }
}
