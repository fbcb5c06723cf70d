import Foundation
import Profiler

/// `ordeal run --url` on its own: runs a plan, reports progress, and writes `result.json` into the output folder.
public struct StandaloneRun: Sendable {
    public let plan: LoadPlan
    public let outputDirectory: String

    public init(plan: LoadPlan, outputDirectory: String) {
        self.plan = plan
        self.outputDirectory = outputDirectory
    }

    /// Runs the plan; `progress` gets one line per second. Cancelling the task stops the run and still writes the file.
    public func run(progress: @escaping @Sendable (IntervalSummary) -> Void) async throws -> (RunResult, String) {
        let result = try await LoadGenerator(plan: plan).run { _, summary in progress(summary) }
        let folder = URL(fileURLWithPath: outputDirectory, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("result.json")
        try ResultDocument(result).encoded().write(to: file)
        return (result, file.path)
    }
}
