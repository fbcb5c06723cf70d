import Foundation

/// A throwaway PostgreSQL cluster on loopback for tests, in a temporary folder, shared by the whole test process:
/// started once (initdb, then postgres on a free port, fsync off), stopped and removed when the process ends.
/// Each test takes a database of its own with ``freshDatabaseURL()``.
public final class PostgresCluster: Sendable {
    public let port: Int
    public let folder: String
    public let bin: String
    private let child: GuardedChild

    /// The cluster, started on first use; nil (with the reason printed) when PostgreSQL is not installed.
    public static func shared() async throws -> PostgresCluster? {
        try await SharedCluster.instance.get()
    }

    /// Why the cluster is missing, printed once by ``shared()`` when it is.
    public static let missingReason =
        "SKIPPED: PostgreSQL's server programs are not installed (/usr/lib/postgresql/<version>/bin); "
        + "apt-get install postgresql"

    fileprivate init() throws {
        guard let bin = ServerBinaries.postgresBin else { throw Missing() }
        self.bin = bin
        folder = NSTemporaryDirectory() + "ordeal-postgres-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try ServerBinaries.giveToServiceUser(folder)
        let run = ServerBinaries.dropRoot
        let initdb = Process()
        initdb.executableURL = URL(fileURLWithPath: "/bin/sh")
        initdb.arguments = [
            "-c",
            "\(run)\(bin)/initdb -D \(folder)/data -U ordeal --auth=trust -E UTF8 --no-sync >\(folder)/initdb.log 2>&1",
        ]
        try initdb.run()
        initdb.waitUntilExit()
        guard initdb.terminationStatus == 0 else {
            let log = (try? String(contentsOfFile: "\(folder)/initdb.log", encoding: .utf8)) ?? ""
            throw Failure(description: "initdb failed (status \(initdb.terminationStatus)):\n\(log)")
        }
        port = try RefusingPort.free()
        let settings = [
            "listen_addresses=127.0.0.1", "fsync=off", "synchronous_commit=off", "full_page_writes=off",
            "max_connections=400", "shared_buffers=64MB",
        ].map { "-c \($0)" }.joined(separator: " ")
        child = try GuardedChild(
            command: "\(run)\(bin)/postgres -D \(folder)/data -p \(port) -k \(folder) \(settings)",
            stopSignal: "INT",
            cleanup: "rm -rf \(folder)",
            logPath: "\(folder)/postgres.log"
        )
    }

    /// Waits until the server accepts connections and runs queries (60 s at most).
    fileprivate func waitUntilReady() throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if (try? command("\(bin)/pg_isready -q -h 127.0.0.1 -p \(port)")) == 0 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let log = (try? String(contentsOfFile: "\(folder)/postgres.log", encoding: .utf8)) ?? ""
        throw Failure(description: "PostgreSQL did not become ready on port \(port) within 60 s:\n\(log)")
    }

    /// A new, empty database of its own; its `postgres://` URL.
    public func freshDatabaseURL() async throws -> String {
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let status = try await OwnThread.run { [bin, port] in
            try Self.run("\(bin)/createdb -h 127.0.0.1 -p \(port) -U ordeal \(name)")
        }
        guard status == 0 else { throw Failure(description: "createdb \(name) failed with status \(status)") }
        return url(database: name)
    }

    /// The URL of `database` on this cluster.
    public func url(database: String) -> String {
        "postgres://ordeal@127.0.0.1:\(port)/\(database)"
    }

    /// Runs `sql` in `database` as the cluster's superuser; throws with psql's output at the first error.
    public func execute(_ sql: String, in database: String) async throws {
        let (status, output) = try await OwnThread.run { [bin, port] () throws -> (Int32, String) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "\(bin)/psql")
            process.arguments = [
                "-h", "127.0.0.1", "-p", String(port), "-U", "ordeal", "-d", database, "-v", "ON_ERROR_STOP=1", "-c",
                sql,
            ]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        guard status == 0 else { throw Failure(description: "psql failed (\(status)) on \(sql): \(output)") }
    }

    /// Makes `role` log in over TCP with its password (scram-sha-256) while every other role keeps trust: a line at
    /// the top of pg_hba.conf, then a reload.
    public func requirePassword(of role: String) async throws {
        let file = "\(folder)/data/pg_hba.conf"
        let current = try String(contentsOfFile: file, encoding: .utf8)
        try ("host all \(role) 127.0.0.1/32 scram-sha-256\n" + current).write(
            toFile: file,
            atomically: false,
            encoding: .utf8
        )
        try await execute("SELECT pg_reload_conf()", in: "postgres")
    }

    private func command(_ line: String) throws -> Int32 {
        try Self.run(line)
    }

    /// Runs a shell command line, output discarded; its exit status.
    static func run(_ line: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    struct Missing: Error {}

    /// The cluster could not be started; the message has its log.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }
}

/// Starts the shared cluster once, however many tests ask at the same time.
private actor SharedCluster {
    static let instance = SharedCluster()
    private var started: Task<PostgresCluster?, any Error>?

    func get() async throws -> PostgresCluster? {
        if let started { return try await started.value }
        let task = Task<PostgresCluster?, any Error> {
            try await OwnThread.run {
                do {
                    let cluster = try PostgresCluster()
                    try cluster.waitUntilReady()
                    return cluster
                } catch is PostgresCluster.Missing {
                    print(PostgresCluster.missingReason)
                    return nil
                }
            }
        }
        started = task
        return try await task.value
    }
}
