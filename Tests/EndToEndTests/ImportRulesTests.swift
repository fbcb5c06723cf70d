import Foundation
import Testing

/// Keeps the import rules of DESIGN.md: the hot paths stay lean and each part works alone.
@Suite struct ImportRulesTests {
    static let ourModules: Set = [
        "Basics", "Scenarios", "Profiler", "LoadGenerator", "FaultInjector", "Harness", "OrderService",
        "ScenarioImport",
    ]

    static let allowed: [String: Set<String>] = [
        "Basics": [],
        "Scenarios": ["Basics"],
        "Profiler": ["Basics"],
        "LoadGenerator": ["Basics", "Scenarios", "Profiler"],
        "FaultInjector": ["Basics", "Scenarios"],
        "Harness": ["Basics", "Scenarios", "Profiler", "LoadGenerator", "FaultInjector"],
        "OrderService": ["Basics"],
        // Imports write scenario text and check nothing at run time: the generator's modules stay out.
        "ScenarioImport": ["Basics", "Scenarios"],
        "ordeal": ["Basics", "Harness", "Scenarios", "Profiler", "LoadGenerator", "FaultInjector", "ScenarioImport"],
        "order-service": ["OrderService"],
    ]

    /// Packages only the reference service may use, so the generator, proxy and profiler build fast and stay lean.
    static let serviceOnlyPackages: Set = [
        "JWTKit", "HummingbirdBcrypt", "GRDB", "Prometheus", "Configuration", "Crypto", "PostgresNIO",
        "AsyncHTTPClient",
    ]

    static var sources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Sources")
    }

    static func swiftFiles(ofModule module: String) -> [URL] {
        let folder = sources.appendingPathComponent(module)
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return files.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    static func imports(ofModule module: String) throws -> [(file: String, module: String)] {
        var found: [(String, String)] = []
        for file in swiftFiles(ofModule: module) {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                    words[..<index].allSatisfy({
                        ["public", "internal", "package", "@testable", "@_exported"].contains($0)
                    })
                else { continue }
                found.append((file.lastPathComponent, String(words[index + 1])))
            }
        }
        return found
    }

    @Test(arguments: Array(allowed.keys))
    func moduleImportsOnlyWhatTheDesignAllows(module: String) throws {
        #expect(!Self.swiftFiles(ofModule: module).isEmpty, "no sources found for \(module)")
        let imports = try Self.imports(ofModule: module)
        for (file, imported) in imports where Self.ourModules.contains(imported) {
            #expect(Self.allowed[module]!.contains(imported), "\(module)/\(file) imports \(imported)")
        }
        if module != "OrderService" && module != "order-service" {
            for (file, imported) in imports where Self.serviceOnlyPackages.contains(imported) {
                Issue.record("\(module)/\(file) imports the service-only package \(imported)")
            }
        }
    }
}
