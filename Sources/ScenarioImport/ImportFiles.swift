import Basics
import Foundation

/// Reading what an import starts from, and writing what it produced: the I/O of `ordeal import` and `ordeal init`.
public enum ImportFiles {
    /// The text of a file, or of an `http://` URL's 2xx answer.
    public static func read(_ source: String) async throws(ImportError) -> String {
        if source.hasPrefix("http://") || source.hasPrefix("https://") {
            guard let get = HTTPGet(url: source), !source.hasPrefix("https://") else {
                throw .unreadable(source: source, reason: "expected a file or an http://host:port/path URL")
            }
            do {
                return try await get.body(timeout: .seconds(10), limit: 32 << 20)
            } catch {
                throw .unreadable(source: source, reason: "\(error)")
            }
        }
        guard let data = FileManager.default.contents(atPath: source) else {
            let reason = FileManager.default.fileExists(atPath: source) ? "permission denied" : "no such file"
            throw .unreadable(source: source, reason: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .malformed(source: source, location: "1:1", message: "expected UTF-8 text")
        }
        return text
    }

    /// Writes the scenario to `path` and its data files beside it; returns the paths written.
    public static func write(_ result: ImportResult, to path: String) throws(ImportError) -> [String] {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var written: [String] = []
        try write(result.scenario, to: URL(fileURLWithPath: path))
        written.append(path)
        for file in result.dataFiles {
            let url = folder.appendingPathComponent(file.path)
            try write(file.text, to: url)
            written.append(url.path)
        }
        return written
    }

    /// The scenario's text for standard output. One that names data files is refused: their paths are relative
    /// to the scenario's file, which standard output does not have, so writing them anywhere would be a guess.
    public static func standardOutputText(_ result: ImportResult) throws(ImportError) -> String {
        guard result.dataFiles.isEmpty else { throw .needsOutputFile(dataFiles: result.dataFiles.map(\.path)) }
        return result.scenario
    }

    /// Writes the starter files into `folder` (made if needed), refusing to overwrite any.
    public static func writeStarter(in folder: String) throws(ImportError) -> [String] {
        var written: [String] = []
        for file in StarterFiles.files {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(file.name)
            guard !FileManager.default.fileExists(atPath: url.path) else {
                throw .unwritable(path: url.path, reason: "it exists already; remove it or choose another folder")
            }
            try write(file.text, to: url)
            written.append(url.path)
        }
        return written
    }

    static func write(_ text: String, to url: URL) throws(ImportError) {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(text.utf8).write(to: url)
        } catch {
            throw .unwritable(path: url.path, reason: error.localizedDescription)
        }
    }
}
