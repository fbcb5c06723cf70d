/// Why an import failed, in one line that names where (a JSON pointer or `line:column`) and what was expected.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input cannot be read at all (exit 66).
    case unreadable(source: String, reason: String)
    /// The input is read but is not a valid document of its kind (exit 65); `location` is `line:column` or a
    /// JSON pointer such as `/log/entries/3/request/url`.
    case malformed(source: String, location: String, message: String)
    /// The input is valid but holds nothing to import (exit 65).
    case empty(source: String, message: String)
    /// An output file cannot be written (exit 74).
    case unwritable(path: String, reason: String)
    /// The scenario was asked on standard output but names data files, which belong beside the scenario's file
    /// and so have nowhere to go (exit 64).
    case needsOutputFile(dataFiles: [String])

    public var description: String {
        switch self {
        case .unreadable(let source, let reason): "cannot read \(source): \(reason)"
        case .malformed(let source, let location, let message): "\(source):\(location): \(message)"
        case .empty(let source, let message): "\(source): \(message)"
        case .unwritable(let path, let reason): "cannot write \(path): \(reason)"
        case .needsOutputFile(let files):
            "the scenario reads \(files.joined(separator: ", ")), which go beside the scenario's file: "
                + "give --out FILE (nothing was written)"
        }
    }
}

/// What an import produced: the scenario's text, the data files it names, and the warnings to print.
public struct ImportResult: Sendable {
    /// The scenario YAML.
    public var scenario: String
    /// Data files to write, by path relative to the scenario file, with their text.
    public var dataFiles: [(path: String, text: String)]
    /// One line per entry or operation left out, or value that needs the user's attention.
    public var warnings: [String]

    public init(draft: ScenarioDraft, warnings: [String]) {
        scenario = YAMLWriter.write(draft)
        dataFiles = draft.dataSources.map { ($0.path, YAMLWriter.csv($0)) }
        self.warnings = warnings
    }
}
