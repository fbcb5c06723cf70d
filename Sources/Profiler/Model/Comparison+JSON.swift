import Foundation

extension Comparison {
    /// The comparison as JSON, in the same style as `report.json`.
    public func jsonData() -> Data {
        do {
            return try Report.jsonEncoder().encode(self)
        } catch {
            preconditionFailure("a comparison could not be encoded: \(error)")
        }
    }
}
