import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the feature flags without a restart: on SIGHUP, and when the configuration file's modification time
/// changes (checked every `pollInterval`). The whole configuration is read and validated again, as at start; an
/// invalid one is logged and the flags in force are kept. Settings other than `features` need a restart.
struct FeatureFlagReloader: Service {
    let file: String?
    let environment: [String: String]
    let store: FeatureFlagStore
    let logger: Logger
    var pollInterval: Duration = .seconds(1)

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in hangups {
                    await reload(because: "SIGHUP")
                }
            }
            if let file {
                group.addTask { await watch(file) }
            }
            // Ends on graceful shutdown; the signal sequence does not end by itself.
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }

    /// Polls the file's modification time: portable, and cheap at one `stat` a second.
    private func watch(_ file: String) async {
        var seen = Self.modificationDate(of: file)
        while !Task.isCancelled {
            try? await Task.sleep(for: pollInterval)
            let now = Self.modificationDate(of: file)
            if now != seen {
                seen = now
                await reload(because: "\(file) changed")
            }
        }
    }

    /// Reads the configuration again and puts its flags in force; returns the flags now in force.
    @discardableResult
    func reload(because reason: String) async -> FeatureFlags {
        do {
            let configuration = try await OrderServiceConfiguration.load(file: file, environment: environment)
            let old = store.replace(with: configuration.features)
            let changes = zip(old.named, configuration.features.named).filter { $0.enabled != $1.enabled }
            logger.notice(
                "feature flags reloaded",
                metadata: [
                    "reason": "\(reason)",
                    "changed": "\(changes.map { "\($1.name)=\($1.enabled)" }.joined(separator: ","))",
                ]
            )
        } catch {
            logger.error(
                "feature flags not reloaded: the configuration is invalid; keeping the flags in force",
                metadata: ["reason": "\(reason)", "error": "\(error)"]
            )
        }
        return store.current
    }

    private static func modificationDate(of file: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date
    }
}
