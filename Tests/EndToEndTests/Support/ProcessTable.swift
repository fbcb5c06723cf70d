import Foundation

/// The processes of this machine, read from /proc: how a test finds what a run left behind.
enum ProcessTable {
    /// The pids whose command line contains `marker`.
    static func pids(withCommandLineContaining marker: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
            Int(entry) != nil
                && ((try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8)) ?? "").contains(marker)
        }
    }
}
