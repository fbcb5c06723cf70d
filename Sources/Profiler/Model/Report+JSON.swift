import Foundation

/// Why a report file could not be read.
public struct ReportReadingError: Error, Equatable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}

extension Report {
    /// The report as `report.json`: pretty-printed, keys sorted, dates in ISO 8601 with milliseconds, so runs diff well.
    public func jsonData() -> Data {
        do {
            return try Self.jsonEncoder().encode(self)
        } catch {
            // Every field is a plain value; only a non-conforming float could fail, and those are converted.
            preconditionFailure("a report could not be encoded: \(error)")
        }
    }

    /// The encoder of every JSON file Ordeal writes.
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Self.dateFormatter().string(from: date))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity",
            negativeInfinity: "-Infinity",
            nan: "NaN"
        )
        return encoder
    }

    /// Reads a `report.json`, saying what is wrong (and where) when it is not a report this build understands.
    public init(jsonData data: Data, source: String = "report") throws(ReportReadingError) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = Self.dateFormatter().date(from: text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an ISO 8601 date")
                )
            }
            return date
        }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity",
            negativeInfinity: "-Infinity",
            nan: "NaN"
        )
        struct Version: Decodable { var schemaVersion: Int? }
        let version: Int?
        do { version = try decoder.decode(Version.self, from: data).schemaVersion } catch {
            throw ReportReadingError(reason: "\(source): not a JSON object (\(Self.describe(error)))")
        }
        guard let version else {
            throw ReportReadingError(reason: "\(source): no schemaVersion; is this a report.json?")
        }
        guard version == Self.currentSchemaVersion else {
            throw ReportReadingError(
                reason:
                    "\(source): schema version \(version), but this build reads version \(Self.currentSchemaVersion)"
            )
        }
        do { self = try decoder.decode(Report.self, from: data) } catch {
            throw ReportReadingError(reason: "\(source): \(Self.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? "at the top level" : "at \(path.hasPrefix(".") ? String(path.dropFirst()) : path)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field '\(key.stringValue)' \(path(context))"
        case .typeMismatch(_, let context): return "\(context.debugDescription) \(path(context))"
        case .valueNotFound(_, let context): return "null value \(path(context))"
        case .dataCorrupted(let context): return "\(context.debugDescription) \(path(context))"
        @unknown default: return "\(error)"
        }
    }

    /// The ISO 8601 form (UTC, milliseconds) of every date a report holds.
    public static func dateFormatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
