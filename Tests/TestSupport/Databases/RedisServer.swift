import Foundation

/// A `redis-server` of its own for one test: loopback, a free port, no persistence, files in a temporary folder.
public final class RedisServer: Sendable {
    public let port: Int
    public let folder: String
    private let child: GuardedChild

    /// Why a test did not run when redis-server is not installed.
    public static let missingReason = "SKIPPED: redis-server is not installed (apt-get install redis-server)"

    /// Starts one and waits until it accepts connections; nil (with the reason printed) when it is not installed.
    public static func start() async throws -> RedisServer? {
        guard let binary = ServerBinaries.find(["/usr/bin/redis-server", "/usr/local/bin/redis-server"]) else {
            print(missingReason)
            return nil
        }
        let server = try RedisServer(binary: binary)
        try await server.waitUntilReady()
        return server
    }

    /// `redis://127.0.0.1:<port>`.
    public var url: String { "redis://127.0.0.1:\(port)" }

    private init(binary: String) throws {
        folder = NSTemporaryDirectory() + "ordeal-redis-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        port = try RefusingPort.free()
        child = try GuardedChild(
            command: "exec \(binary) --port \(port) --bind 127.0.0.1 --save '' --appendonly no --dir \(folder)",
            cleanup: "rm -rf \(folder)",
            logPath: "\(folder)/redis.log"
        )
    }

    /// Polls on a thread of its own (a loaded machine's few pool threads may be busy for seconds), 90 s at most.
    private func waitUntilReady() async throws {
        let port = self.port
        let log = "\(folder)/redis.log"
        let ready = await OwnThread.run {
            let deadline = Date().addingTimeInterval(90)
            while Date() < deadline {
                if LoopbackProbe.accepts(port: port) { return true }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return false
        }
        guard ready else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? "(no log)"
            throw PostgresCluster.Failure(description: "redis-server did not listen on \(port) within 90 s:\n\(output)")
        }
    }

    /// Stops the server (SIGTERM) and removes its folder.
    public func stop() async {
        await child.stop()
    }
}

/// Whether something accepts TCP connections on a loopback port.
public enum LoopbackProbe {
    public static func accepts(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
