import Foundation

/// Several hosts on this machine: network namespaces joined by veth pairs to a bridge of their own, each with an
/// address in a /24 of 10.231.0.0/16. Made by one test, removed by it (``remove()``), and named uniquely per run so
/// parallel tests and other worktrees never touch each other's.
final class NamespaceHosts: Sendable {
    let namespaces: [String]
    let addresses: [String]
    private let bridge: String
    private let id: String

    /// Why namespaces cannot be made here (not root, no `ip`), or nil when they can.
    static let unavailableReason: String? = {
        let reason: String? =
            if geteuid() != 0 {
                "network namespaces need root (euid \(geteuid()))"
            } else if !FileManager.default.isExecutableFile(atPath: ip) {
                "\(ip) (iproute2) is not installed"
            } else {
                probe()
            }
        if let reason { print("NamespaceHosts: skipping the multi-host tests: \(reason)") }
        return reason
    }()

    static let ip = "/usr/sbin/ip"

    private static func probe() -> String? {
        let name = "ordeal-probe-\(UUID().uuidString.prefix(8))"
        guard let failure = try? run(["netns", "add", name]) else {
            _ = try? run(["netns", "del", name])
            return nil
        }
        return "ip netns add failed: \(failure)"
    }

    /// Makes `count` hosts; host k gets address 10.231.`subnet`.(k + 1).
    init(count: Int) throws {
        let id = String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(6))
        self.id = id
        bridge = "obr\(id)"
        let subnet = Int.random(in: 0...255)
        namespaces = (0..<count).map { "ordeal-\(id)-\($0)" }
        addresses = (0..<count).map { "10.231.\(subnet).\($0 + 1)" }
        do {
            try Self.check(["link", "add", bridge, "type", "bridge"])
            try Self.check(["link", "set", bridge, "up"])
            for (index, namespace) in namespaces.enumerated() {
                let veth = "ov\(id)\(index)"
                try Self.check(["netns", "add", namespace])
                try Self.check(["link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", namespace])
                try Self.check(["link", "set", veth, "master", bridge])
                try Self.check(["link", "set", veth, "up"])
                try Self.check(["-n", namespace, "link", "set", "lo", "up"])
                try Self.check(["-n", namespace, "addr", "add", "\(addresses[index])/24", "dev", "eth0"])
                try Self.check(["-n", namespace, "link", "set", "eth0", "up"])
            }
        } catch {
            remove()
            throw error
        }
    }

    /// Starts `executable` (an absolute path) inside host `host`'s namespace, its output into `log`.
    func start(
        on host: Int,
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        log: String
    ) throws -> LoggedProcess {
        try LoggedProcess(
            Self.ip,
            ["netns", "exec", namespaces[host], executable] + arguments,
            environment: environment,
            log: log
        )
    }

    /// Deletes the namespaces (which deletes their veth pairs) and the bridge; safe to call twice.
    func remove() {
        for namespace in namespaces { _ = try? Self.run(["netns", "del", namespace]) }
        _ = try? Self.run(["link", "del", bridge])
    }

    private static func check(_ arguments: [String]) throws {
        if let failure = try run(arguments) {
            throw NamespaceError(description: "ip \(arguments.joined(separator: " ")): \(failure)")
        }
    }

    /// Runs `ip`; nil when it succeeded, else its standard error.
    private static func run(_ arguments: [String]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ip)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return process.terminationStatus == 0 ? nil : text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct NamespaceError: Error, CustomStringConvertible {
    let description: String
}
