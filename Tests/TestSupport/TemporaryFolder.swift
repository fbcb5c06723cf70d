import Foundation

/// A folder under the system's temporary directory for one test's files, removed by ``remove()``.
public struct TemporaryFolder: Sendable {
    public let path: String

    public init(prefix: String = "ordeal-test") throws {
        path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` inside the folder and returns its path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        try text.write(toFile: file(name), atomically: true, encoding: .utf8)
        return file(name)
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
