import Basics
import Foundation
import Yams

/// Loads a target file (`targets/*.yaml`): processes to start, readiness probes, proxies, base URL, metrics URLs.
public enum TargetLoader {
    static let keys = ["name", "url", "processes", "proxies", "metrics", "tls"]

    /// Reads and validates the target file at `path`.
    public static func load(path: String) throws(ScenarioError) -> Target {
        let text = try YAMLDocument.read(path: path)
        return try parse(yaml: text, file: path, directory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// Validates a target given as text; `file` names it in messages, `directory` anchors working directories.
    public static func parse(yaml: String, file: String, directory: String) throws(ScenarioError) -> Target {
        let context = YAMLContext(file: file)
        let root: Node
        switch YAMLDocument.compose(yaml, file: file) {
        case .success(let node): root = node
        case .failure(let diagnostic): throw .invalid([diagnostic])
        }
        let target = TargetBuilder(context: context, directory: directory).read(root)
        guard context.diagnostics.isEmpty, let target else {
            throw .invalid(ScenarioLoader.sorted(context.diagnostics))
        }
        return target
    }
}

/// Reads one target file's tree.
struct TargetBuilder {
    let context: YAMLContext
    let directory: String

    func read(_ root: Node) -> Target? {
        guard let fields = context.mapping(root, "the target", allowed: TargetLoader.keys) else { return nil }
        let fallbackName = URL(fileURLWithPath: context.file).deletingPathExtension().lastPathComponent
        let name = fields["name"].flatMap { context.string($0, "a name") } ?? fallbackName
        let url = fields.require(
            "url",
            context,
            expected: "the base URL requests are sent to, such as http://127.0.0.1:8080"
        )
        .flatMap { ScenarioBuilder(context: context, directory: directory).readBaseURL($0) }
        let processes = fields["processes"].map(readProcesses) ?? []
        let proxies = fields["proxies"].map(readProxies) ?? []
        let metrics = fields["metrics"].map(readMetrics) ?? []
        let tls = fields["tls"].flatMap { node in
            TLSSettingsReader(context: context, directory: directory, filesMayBeGenerated: !processes.isEmpty).read(
                node
            )
        }
        guard let url else { return nil }
        return Target(
            name: name,
            file: context.file,
            baseURL: url,
            processes: processes,
            proxies: proxies,
            metrics: metrics,
            tls: tls
        )
    }

    private func readProcesses(_ node: Node) -> [TargetProcess] {
        guard let items = context.sequence(node, "a list of processes") else { return [] }
        var names = Set<String>()
        return items.compactMap { item in
            guard let process = readProcess(item) else { return nil }
            if !names.insert(process.name).inserted {
                context.error(item, "duplicate process name \"\(process.name)\"")
            }
            return process
        }
    }

    private func readProcess(_ node: Node) -> TargetProcess? {
        let keys = ["name", "command", "arguments", "environment", "working-directory", "ready"]
        guard let fields = context.mapping(node, "a process", allowed: keys) else { return nil }
        let command = fields.require("command", context, expected: "the executable to start").flatMap {
            context.string($0, "a command")
        }
        let name =
            fields["name"].flatMap { context.string($0, "a process name") }
            ?? command.map { URL(fileURLWithPath: $0).lastPathComponent }
        let arguments =
            fields["arguments"].map { node in
                context.sequence(node, "a list of arguments")?.compactMap {
                    context.string($0, "an argument", allowEmpty: true)
                } ?? []
            } ?? []
        var environment: [String: String] = [:]
        if let envNode = fields["environment"], let env = context.mapping(envNode, "environment variables", allowed: [])
        {
            for entry in env.entries {
                if let value = context.string(entry.value, "a value", allowEmpty: true) {
                    environment[entry.key] = value
                }
            }
        }
        let workingDirectory = fields["working-directory"].flatMap { context.string($0, "a directory") }.map { path in
            path.hasPrefix("/") ? path : URL(fileURLWithPath: directory).appendingPathComponent(path).standardized.path
        }
        let readiness = fields["ready"].flatMap(readReadiness)
        guard let command, let name else { return nil }
        return TargetProcess(
            name: name,
            command: command,
            arguments: arguments,
            environment: environment,
            workingDirectory: workingDirectory,
            readiness: readiness
        )
    }

    private func readReadiness(_ node: Node) -> Readiness? {
        let keys = ["http", "https", "tcp", "deadline"]
        guard let fields = context.mapping(node, "a readiness probe", allowed: keys) else { return nil }
        let deadline = fields["deadline"].map { context.duration($0, "deadline") } ?? Readiness.defaultDeadline
        let probe: Readiness.Probe?
        switch (fields["http"] ?? fields["https"], fields["tcp"]) {
        case (.some(let http), nil) where fields.has("http") && fields.has("https"):
            context.error(http, "a readiness probe takes one URL: give \"http\" or \"https\", not both")
            probe = nil
        case (.some(let http), nil):
            probe = ScenarioBuilder(context: context, directory: directory).readBaseURL(http).flatMap { url in
                if fields.has("https") && !url.isSecure {
                    context.error(http, "\"https\" expects an https:// URL, found \"\(url)\"")
                    return nil
                }
                return .http(http.scalar!.string)
            }
        case (nil, .some(let tcp)):
            probe = readHostPort(tcp, "a host:port to connect to").map { .tcp(host: $0.host, port: $0.port) }
        default:
            context.error(
                fields.location,
                "a readiness probe takes exactly one of \"http\" or \"https\" (a URL) or \"tcp\" (host:port)"
            )
            probe = nil
        }
        guard let probe, let deadline else { return nil }
        return Readiness(probe: probe, deadline: deadline)
    }

    private func readProxies(_ node: Node) -> [ProxySpec] {
        guard let items = context.sequence(node, "a list of proxies") else { return [] }
        var names = Set<String>()
        return items.compactMap { item in
            let keys = ["name", "listen", "upstream", "protocol"]
            guard let fields = context.mapping(item, "a proxy", allowed: keys) else { return nil }
            let name = fields.require("name", context, expected: "the proxy's name").flatMap {
                context.string($0, "a proxy name")
            }
            let listen = fields.require("listen", context, expected: "host:port to listen on").flatMap {
                readHostPort($0, "host:port to listen on")
            }
            let upstream = fields.require("upstream", context, expected: "host:port to forward to").flatMap {
                readHostPort($0, "host:port to forward to")
            }
            var proxyProtocol = ProxyProtocolName.tcp
            if let node = fields["protocol"] {
                guard let text = context.string(node, "a protocol") else { return nil }
                guard let parsed = ProxyProtocolName(rawValue: text) else {
                    context.error(node, "expected protocol tcp or http, found \"\(text)\"")
                    return nil
                }
                proxyProtocol = parsed
            }
            guard let name, let listen, let upstream else { return nil }
            if !names.insert(name).inserted { context.error(item, "duplicate proxy name \"\(name)\"") }
            return ProxySpec(name: name, listen: listen.text, upstream: upstream.text, protocol: proxyProtocol)
        }
    }

    private func readMetrics(_ node: Node) -> [String] {
        guard let items = context.sequence(node, "a list of metrics URLs") else { return [] }
        return items.compactMap { item in
            ScenarioBuilder(context: context, directory: directory).readBaseURL(item).map { _ in item.scalar!.string }
        }
    }

    private func readHostPort(_ node: Node, _ what: String) -> (host: String, port: Int, text: String)? {
        guard let text = context.string(node, what) else { return nil }
        guard case .success(let url) = BaseURL.parse("http://" + text), url.pathPrefix.isEmpty, text.contains(":")
        else {
            context.error(node, "expected \(what), such as 127.0.0.1:8080, found \"\(text)\"")
            return nil
        }
        return (url.host, url.port, text)
    }
}
