import Foundation

/// `--jsonl FILE`: one JSON object per second (the dashboard's `/events` objects), for jq and pipes.
enum JSONLines {
    /// Writes every second of the stream until it ends; a file that cannot be written is said once, and the
    /// seconds are still drained so the hub never waits on this observer.
    static func write(_ seconds: AsyncStream<LiveSecond>, to path: String, progress: @Sendable (String) -> Void) async {
        let handle: FileHandle
        if path == "-" {
            handle = .standardOutput
        } else {
            guard FileManager.default.createFile(atPath: path, contents: nil),
                let file = FileHandle(forWritingAtPath: path)
            else {
                progress("--jsonl \(path): cannot write the file; no JSON lines are written")
                for await _ in seconds {}
                return
            }
            handle = file
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for await second in seconds {
            do {
                try handle.write(contentsOf: try encoder.encode(second) + Data("\n".utf8))
            } catch {
                progress("--jsonl \(path): \(error); no more JSON lines are written")
                for await _ in seconds {}
                break
            }
        }
        if path != "-" {
            do {
                try handle.close()
            } catch {
                progress("--jsonl \(path): closing the file failed: \(error)")
            }
        }
    }
}
