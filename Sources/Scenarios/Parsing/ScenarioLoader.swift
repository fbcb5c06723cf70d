import Basics
import Foundation
import Yams

/// Loads a scenario file into a validated ``Scenario``, reporting every problem at once with its position.
///
/// Order of work: compose the YAML (syntax errors), then read each section; problems are collected, never thrown
/// one by one, so `ordeal validate` can print them all. Data files and the target file are read here too, since
/// their columns and URL decide what the flow may use.
public enum ScenarioLoader {
    static let topLevelKeys = [
        "name", "description", "target", "url", "defaults", "data", "load", "flow", "faults", "slo", "tls", "loops",
    ]

    /// Reads and validates the scenario at `path`; `checks` add what other modules know (a toxic's attributes).
    public static func load(path: String, checks: ScenarioChecks = ScenarioChecks()) throws(ScenarioError) -> Scenario {
        let text = try YAMLDocument.read(path: path)
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(yaml: text, file: path, directory: directory, checks: checks)
    }

    /// Validates a scenario given as text; `file` names it in messages, `directory` anchors relative paths.
    public static func parse(
        yaml: String,
        file: String,
        directory: String,
        checks: ScenarioChecks = ScenarioChecks()
    ) throws(ScenarioError) -> Scenario {
        let context = YAMLContext(file: file)
        let root: Node
        switch YAMLDocument.compose(yaml, file: file) {
        case .success(let node): root = node
        case .failure(let diagnostic): throw .invalid([diagnostic])
        }
        var builder = ScenarioBuilder(context: context, directory: directory, checks: checks)
        let scenario = builder.read(root)
        guard context.diagnostics.isEmpty, let scenario else {
            throw .invalid(sorted(context.diagnostics))
        }
        return scenario
    }

    /// Diagnostics in file order, the scenario file's own first, duplicates removed.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }.enumerated().sorted { left, right in
            let (a, b) = (left.element.location, right.element.location)
            if a.file != b.file { return left.offset < right.offset }
            return (a.line, a.column, left.offset) < (b.line, b.column, right.offset)
        }.map(\.element)
    }
}

/// Checks of a scenario's parts that only other modules can make, run on every load so that their problems are
/// reported with the file's own, at once: the fault injector decodes each toxic against its declaration.
public struct ScenarioChecks: Sendable {
    /// The problems of the scenario's faults, given its target file (nil when it gives only a URL).
    public var faults: @Sendable ([FaultSpec], Target?) -> [Diagnostic]

    public init(faults: @escaping @Sendable ([FaultSpec], Target?) -> [Diagnostic] = { _, _ in [] }) {
        self.faults = faults
    }
}

/// The state of one scenario load: the context, the folder relative paths start from, and the variables so far.
struct ScenarioBuilder {
    let context: YAMLContext
    let directory: String
    var variables = VariableTable()
    /// Variables a step may use at the point being read: data columns, plus captures of earlier steps.
    var known: Set<String> = []
    /// The target base URL's path prefix, put before every relative step path.
    var targetPrefix = ""
    let checks: ScenarioChecks

    init(context: YAMLContext, directory: String, checks: ScenarioChecks = ScenarioChecks()) {
        self.context = context
        self.directory = directory
        self.checks = checks
    }

    mutating func read(_ root: Node) -> Scenario? {
        guard let fields = context.mapping(root, "the scenario", allowed: ScenarioLoader.topLevelKeys) else {
            return nil
        }
        let name = fields.require("name", context, expected: "the scenario's name").flatMap {
            context.string($0, "a name")
        }
        let target = readTarget(fields)
        targetPrefix = target?.baseURL.pathPrefix ?? ""
        let data = fields["data"].map { readData($0) } ?? []
        let defaults = fields["defaults"].map { readDefaults($0) } ?? Defaults()
        let load =
            fields.require("load", context, expected: "a list of load phases").map {
                readPhases($0, http: defaults.http)
            } ?? []
        let flow =
            fields.require("flow", context, expected: "a list of steps").map { readFlow($0, defaults: defaults) } ?? []
        let faults = fields["faults"].map { readFaults($0, target: target) } ?? []
        var file: Target?
        if case .file(_, let target)? = target { file = target }
        for problem in checks.faults(faults, file) { context.error(problem.location, problem.message) }
        let slo = fields["slo"].map(readSLOs) ?? []
        let tls = fields["tls"].flatMap { TLSSettingsReader(context: context, directory: directory).read($0) }
        let loops = fields["loops"].flatMap { context.int($0, "a number of event loops", in: 1...1024) }
        guard let name, let target else { return nil }
        var scenario = Scenario(
            name: name,
            file: context.file,
            target: target,
            defaults: defaults,
            data: data,
            load: load,
            flow: flow,
            faults: faults,
            slo: slo,
            variables: variables,
            tls: tls
        )
        scenario.loops = loops
        return scenario
    }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: directory).appendingPathComponent(path).standardized.path
    }

    private func readTarget(_ fields: Fields) -> TargetReference? {
        switch (fields["target"], fields["url"]) {
        case (.some, .some):
            context.error(fields.location, "give either \"target\" (a target file) or \"url\", not both")
            return nil
        case (nil, nil):
            context.error(fields.location, "missing \"url\" or \"target\": expected a base URL or a target file")
            return nil
        case (let node?, nil):
            guard let path = context.string(node, "a target file path") else { return nil }
            let resolved = resolve(path)
            do {
                return .file(path: resolved, try TargetLoader.load(path: resolved))
            } catch {
                switch error {
                case .unreadable(_, let reason): context.error(node, "cannot read target file \(resolved): \(reason)")
                case .invalid(let diagnostics):
                    for diagnostic in diagnostics { context.error(diagnostic.location, diagnostic.message) }
                }
                return nil
            }
        case (nil, let node?):
            return readBaseURL(node).map { .url($0) }
        }
    }

    func readBaseURL(_ node: Node) -> BaseURL? {
        guard let text = context.string(node, "a URL such as http://127.0.0.1:8080") else { return nil }
        switch BaseURL.parse(text) {
        case .success(let url): return url
        case .failure(let failure):
            context.error(node, failure.description)
            return nil
        }
    }

    private func readSLOs(_ node: Node) -> [SLOSpec] {
        guard let items = context.sequence(node, "a list of SLO expressions such as \"p99 < 250ms\"") else { return [] }
        return items.compactMap { item in
            // `- during faults: p99 < 1s` parses as a one-entry mapping; it means the text as written.
            if case .mapping(let mapping) = item, mapping.count == 1, let key = mapping.first?.key.scalar,
                let value = mapping.first?.value.scalar, !value.string.isEmpty
            {
                return SLOSpec(text: "\(key.string): \(value.string)", location: context.location(item))
            }
            guard let text = context.string(item, "an SLO expression such as \"p99 < 250ms\"") else { return nil }
            return SLOSpec(text: text.trimmingCharacters(in: .whitespaces), location: context.location(item))
        }
    }
}
