import Basics

/// What the harness knows about a run besides its recordings: metadata, fault windows and resource samples.
public struct RunDescription: Sendable, Equatable {
    public var metadata: RunMetadata
    public var faults: [FaultWindow]
    public var resources: [ResourceSample]

    public init(metadata: RunMetadata, faults: [FaultWindow] = [], resources: [ResourceSample] = []) {
        self.metadata = metadata
        self.faults = faults
        self.resources = resources
    }
}
