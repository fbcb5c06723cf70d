import Foundation

extension Segment {
    /// The variable a Kubernetes Indexed Job sets in each pod: the pod's index, counted from 0.
    public static let indexVariable = "JOB_COMPLETION_INDEX"
    /// The variable that says how many segments the run has (the Job's `completions`).
    public static let countVariable = "ORDEAL_SEGMENTS"

    /// Why `--segment auto` found no segment in the environment.
    public struct EnvironmentFailure: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// `--segment auto`: segment `JOB_COMPLETION_INDEX + 1` of `ORDEAL_SEGMENTS`, as an Indexed Job's pod runs it.
    public init(environment: [String: String]) throws(EnvironmentFailure) {
        func whole(_ name: String, _ purpose: String) throws(EnvironmentFailure) -> Int {
            guard let raw = environment[name] else {
                throw EnvironmentFailure(description: "\(name) is not set (\(purpose))")
            }
            let text = raw.trimmingCharacters(in: .whitespaces)
            guard let value = Int(text), value >= 0 else {
                throw EnvironmentFailure(description: "\(name)=\"\(raw)\" is not a whole number >= 0 (\(purpose))")
            }
            return value
        }
        let count = try whole(Self.countVariable, "the number of segments, the Job's completions")
        guard count >= 1 else {
            throw EnvironmentFailure(description: "\(Self.countVariable)=\(count): a run has at least 1 segment")
        }
        let index = try whole(Self.indexVariable, "the pod's 0-based index, which an Indexed Job sets")
        guard index < count else {
            throw EnvironmentFailure(
                description: "\(Self.indexVariable)=\(index) with \(Self.countVariable)=\(count): "
                    + "the index must be 0...\(count - 1)"
            )
        }
        do { try self.init(parsing: "\(index + 1)/\(count)") } catch {
            throw EnvironmentFailure(description: error.description)
        }
    }
}
