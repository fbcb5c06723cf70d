import Dispatch
import Foundation

/// Runs a ``Run`` so that Ctrl-C (SIGINT) or SIGTERM ends the load early yet still writes the report.
///
/// The first signal cancels the run, which lifts the faults, stops the target and writes what was measured; a second
/// signal is left to its default action, so a stuck run can still be killed.
public enum InterruptibleRun {
    public static func execute(_ run: Run, progress: @escaping @Sendable (String) -> Void) async throws(RunFailure)
        -> RunOutcome
    {
        let interruption = Interruption()
        let task = Task { try await run.execute(interruption: interruption, progress: progress) }
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                progress("stopping: \(number == SIGINT ? "Ctrl-C" : "SIGTERM") received; writing what was measured")
                interruption.record(number)
                task.cancel()
                signal(number, SIG_DFL)
            }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
        }
        do {
            return try await task.value
        } catch let failure as RunFailure {
            throw failure
        } catch {
            throw RunFailure(.internalError, "\(error)")
        }
    }
}
