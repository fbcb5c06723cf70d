import Foundation

/// CPU time and resident memory of one process, read from Linux's /proc.
public struct ProcessReading: Sendable, Equatable {
    /// User plus system CPU time the process has used since it started, in seconds.
    public var cpuSeconds: Double
    /// Resident set size in bytes.
    public var residentBytes: UInt64

    /// Why a process could not be read.
    public struct Failure: Error, CustomStringConvertible {
        public let pid: Int32
        public let reason: String
        public var description: String { "cannot read /proc/\(pid): \(reason)" }
    }

    /// Reads `/proc/<pid>/stat` and `/proc/<pid>/statm`.
    public static func read(pid: Int32) throws(Failure) -> ProcessReading {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let statm = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8)
        else { throw Failure(pid: pid, reason: "no such process") }
        return try parse(stat: stat, statm: statm, pid: pid)
    }

    /// Parses the two files' text; split out so that it is testable on fixed input.
    static func parse(stat: String, statm: String, pid: Int32) throws(Failure) -> ProcessReading {
        // The command name (field 2) is in parentheses and may itself contain spaces and parentheses,
        // so fields are counted from the last ')'. After it, field 3 (state) is at offset 0.
        guard let close = stat.lastIndex(of: ")") else { throw Failure(pid: pid, reason: "malformed stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        let pages = statm.split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]),
            pages.count > 1, let resident = UInt64(pages[1])
        else { throw Failure(pid: pid, reason: "malformed stat") }
        return ProcessReading(
            cpuSeconds: (user + system) / Double(sysconf(Int32(_SC_CLK_TCK))),
            residentBytes: resident * UInt64(sysconf(Int32(_SC_PAGESIZE)))
        )
    }
}
