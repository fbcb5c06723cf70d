import Synchronization

/// The flags in force now, shared by every request; replaced as a whole when the configuration is reloaded.
final class FeatureFlagStore: Sendable {
    private let flags: Mutex<FeatureFlags>
    private let metrics: ServiceMetrics

    init(_ flags: FeatureFlags, metrics: ServiceMetrics) {
        self.flags = Mutex(flags)
        self.metrics = metrics
        metrics.recordFeatureFlags(flags)
    }

    /// The flags now.
    var current: FeatureFlags {
        flags.withLock { $0 }
    }

    /// Puts `new` in force; returns the flags it replaced.
    @discardableResult
    func replace(with new: FeatureFlags) -> FeatureFlags {
        let old = flags.withLock { flags in
            let old = flags
            flags = new
            return old
        }
        metrics.recordFeatureFlags(new)
        return old
    }
}
